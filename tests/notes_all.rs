//! `briefing notes --all` as a user runs it: every briefing's notes in the data folder,
//! grouped by briefing, filtered by stance, tag and text, as Markdown or JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::Path;
use std::process::{Command, Output};

const BRIEFING: &str = "format = 1\n[briefing]\nid = \"wind\"\ntitle = \"Wind power\"\n\
    [[section]]\nid = \"one\"\ntitle = \"One\"\nbody = \"Text.\"\n";

fn note(claim: &str, claim_text: &str, stance: Option<&str>, text: &str) -> String {
    let stance = stance.map(|s| format!("stance = \"{s}\"\n")).unwrap_or_default();
    let (claim_text, text) = (toml_string(claim_text), toml_string(text));
    format!(
        "[[note]]\nclaim = \"{claim}\"\nclaim_text = {claim_text}\n{stance}note = {text}\n\
         created = 2026-11-28T20:24:18Z\nupdated = 2026-11-28T20:24:18Z\n\n"
    )
}

/// `text` as a TOML string, escapes and all.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.into()).to_string()
}

fn notes_file(data: &Path, id: &str, notes: &[String]) {
    let dir = data.join("notes");
    std::fs::create_dir_all(&dir).unwrap();
    let text = format!("format = 1\nbriefing = \"{id}\"\n\n{}", notes.concat());
    std::fs::write(dir.join(format!("{id}.toml")), text).unwrap();
}

/// A data folder with notes on two briefings: `wind` (in the library given) and `solar`
/// (in none), and the library folder.
fn setup() -> (tempfile::TempDir, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let library = tempfile::tempdir().unwrap();
    std::fs::write(library.path().join("wind.toml"), BRIEFING).unwrap();
    notes_file(
        data.path(),
        "wind",
        &[
            note("cheap", "Wind is cheap.", Some("disagree"), "Not at night. #storage"),
            note("fast", "Turbines go up fast.", Some("agree"), "Seen it. #Build"),
            note("stance-only", "Grids cope.", None, "no stance here"),
        ],
    );
    notes_file(
        data.path(),
        "solar",
        &[note("roofs", "Roofs are enough.", Some("disagree"), "Storage again. #storage")],
    );
    (data, library)
}

fn notes_all(data: &Path, library: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["notes", "--all"];
    args.extend_from_slice(extra);
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(&args)
        .arg("--data-dir")
        .arg(data)
        .arg("--library")
        .arg(library)
        .current_dir(library)
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (briefing id, claim) of every note in a JSON answer.
fn claims(v: &serde_json::Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for b in v["briefings"].as_array().unwrap() {
        for n in b["notes"].as_array().unwrap() {
            found.push((b["id"].as_str().unwrap().into(), n["claim"].as_str().unwrap().into()));
        }
    }
    found
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|&(b, c)| (b.into(), c.into())).collect()
}

#[test]
fn every_briefings_notes_grouped_by_briefing() {
    let (data, library) = setup();
    let v = json(&notes_all(data.path(), library.path(), &["--format", "json"]));
    assert_eq!((v["format"].as_str(), v["version"].as_u64()), (Some("briefing-notes"), Some(1)));
    assert_eq!(
        claims(&v),
        pairs(&[("solar", "roofs"), ("wind", "cheap"), ("wind", "fast"), ("wind", "stance-only")])
    );
    let briefings = v["briefings"].as_array().unwrap();
    assert_eq!(briefings[0]["title"], serde_json::Value::Null, "solar is in no library");
    assert_eq!(briefings[1]["title"], "Wind power");
    assert_eq!(briefings[1]["notes"][1]["tags"], serde_json::json!(["build"]));
    // The Markdown says the same, under each briefing's title.
    let out = notes_all(data.path(), library.path(), &[]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# Notes across briefings\n\n4 note(s) in 2 briefing(s).\n"), "{md}");
    let (solar, wind) =
        (md.find("## `solar` *(not in the library)*"), md.find("## Wind power `wind`"));
    assert!(solar.unwrap() < wind.unwrap(), "{md}");
    assert!(md.contains("- Wind is cheap. *(claim `cheap`)*") && md.contains("**Tags:** #storage"));
}

#[test]
fn filters_by_stance_tag_and_text_together() {
    let (data, library) = setup();
    let ask = |extra: &[&str]| {
        let args = [extra, &["--format", "json"]].concat();
        claims(&json(&notes_all(data.path(), library.path(), &args)))
    };
    assert_eq!(ask(&["--stance", "disagree"]), pairs(&[("solar", "roofs"), ("wind", "cheap")]));
    assert_eq!(ask(&["--stance", "none"]), pairs(&[("wind", "stance-only")]));
    assert_eq!(ask(&["--tag", "#storage"]), pairs(&[("solar", "roofs"), ("wind", "cheap")]));
    assert_eq!(ask(&["--tag", "BUILD"]), pairs(&[("wind", "fast")]));
    assert_eq!(ask(&["--grep", "night"]), pairs(&[("wind", "cheap")]));
    assert_eq!(ask(&["--grep", "roofs"]), pairs(&[("solar", "roofs")]), "claim text counts");
    assert_eq!(ask(&["--grep", "Night"]), pairs(&[]), "a capital makes case matter");
    assert_eq!(
        ask(&["--stance", "disagree", "--tag", "storage", "--grep", "again"]),
        pairs(&[("solar", "roofs")])
    );
    // What was asked for heads the Markdown.
    let out = notes_all(data.path(), library.path(), &["--stance", "agree", "--tag", "build"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("1 note(s) in 1 briefing(s) (stance agree, tag #build)."), "{md}");
}

#[test]
fn filters_without_all_and_a_briefing_with_all_are_refused() {
    let (data, library) = setup();
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["notes", "--stance", "agree"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--all"));
    let out = notes_all(data.path(), library.path(), &["wind"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_unreadable_notes_file_is_reported_and_the_rest_still_printed() {
    let (data, library) = setup();
    std::fs::write(data.path().join("notes/broken.toml"), "not = [toml").unwrap();
    let out = notes_all(data.path(), library.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("notes of 'broken' not read") && stderr.contains("broken.toml:1:"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("## Wind power"));
}

#[test]
fn hostile_note_text_reaches_no_terminal_raw() {
    let (data, library) = setup();
    let hostile = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
    notes_file(data.path(), "evil", &[note("x", hostile, Some("agree"), hostile)]);
    for format in ["md", "json"] {
        let out = notes_all(data.path(), library.path(), &["--format", format]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("owned"), "the note is printed");
        let raw: Vec<char> = String::from_utf8(out.stdout)
            .unwrap()
            .chars()
            .filter(|&c| (c.is_control() && c != '\n') || c == '\u{202e}')
            .collect();
        assert!(raw.is_empty(), "{format}: {raw:?}");
    }
}
