//! The binary as a user runs it: `briefing check` exit codes and output, and plain output when
//! stdout is not a terminal.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::Path;
use std::process::{Command, Output};

fn briefing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // Not the config of the machine running the tests: there is none in this folder.
        .env("XDG_CONFIG_HOME", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn check_passes_valid_files_with_a_summary_each() {
    let out = briefing(&["check", "briefings/china-ai.toml", "tests/fixtures/valid/full.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let sections = briefing::briefing::load_bundled().unwrap().briefing.unwrap().sections.len();
    let summary = format!("briefings/china-ai.toml: ok: {sections} sections");
    assert!(stdout.contains(&summary), "{stdout}");
    assert!(
        stdout.contains("full.toml: ok: 1 section, 1 claim, 1 counterpoint, 1 factor\n"),
        "without hypotheses or indicators, the line is as it was: {stdout}"
    );
    assert!(out.stderr.is_empty());
    let out = briefing(&["check", "tests/fixtures/valid/hypotheses.toml"]);
    assert!(
        text(&out.stdout).contains(
            ": ok: 1 section, 2 claims, 1 counterpoint, 1 factor, 2 hypotheses, 5 ratings, \
             2 indicators\n"
        ),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn check_warns_without_failing() {
    let out = briefing(&["check", "tests/fixtures/valid/hostile-text.toml"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains(
            "hostile-text.toml:5:9: warning: text contains ESC (U+001B, shown as ^[) and 2 more;"
        ),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("(2 warnings)"));
}

#[test]
fn check_on_a_folder_of_good_and_bad_files_fails_with_every_error() {
    let out = briefing(&["check", "tests/fixtures/valid", "tests/fixtures/invalid"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let invalid =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid"))
            .unwrap()
            .count();
    assert_eq!(stdout.matches(": FAILED: ").count(), invalid, "{stdout}");
    let valid =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"))
            .unwrap()
            .count();
    assert_eq!(stdout.matches(": ok: ").count(), valid, "{stdout}");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("tests/fixtures/invalid/unknown-section.toml:18:11: error: claim 'thing' names unknown section 'on'"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'));
}

#[test]
fn check_reports_missing_files_and_empty_folders() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let out = briefing(&["check", "no-such-file.toml", empty]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no-such-file.toml: error: no such file"), "{stderr}");
    assert!(stderr.contains("folder holds no .toml files"), "{stderr}");
}

#[test]
fn opening_a_bad_file_prints_errors_and_exits_non_zero() {
    let out = briefing(&["tests/fixtures/invalid/several-problems.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr).lines().count(), 6, "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
}

#[test]
fn piped_stdout_gets_plain_text_without_escapes() {
    // With no argument: the bundled briefing, whatever its words are.
    let bundled = briefing::briefing::load_bundled().unwrap().briefing.unwrap();
    let out = briefing(&[]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(&format!("{}\n", bundled.title)), "{stdout}");
    for (i, section) in bundled.sections.iter().enumerate() {
        assert!(stdout.contains(&format!("\n{}. {}\n", i + 1, section.title)), "{stdout}");
    }
    // Claims are wrapped to the width of a terminal.
    let words = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(bundled.claims.iter().all(|c| words.contains(&c.text)), "{stdout}");
    assert!(!stdout.contains('\u{1b}'));
    let hostile = briefing(&["tests/fixtures/valid/hostile-text.toml"]);
    assert_eq!(hostile.status.code(), Some(0));
    let hostile = text(&hostile.stdout);
    assert!(hostile.contains("^[]0;owned^G title <U+202E> txt"), "{hostile}");
    assert!(!hostile.chars().any(|c| c.is_control() && c != '\n'), "{hostile:?}");
}

#[test]
fn export_as_toml_gives_the_bundled_source_to_copy_and_refuses_notes() {
    let out = briefing(&["export", "--format", "toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), briefing::briefing::BUNDLED);
    // What it gives is a briefing that opens.
    let copy = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(copy.path(), &out.stdout).unwrap();
    let checked = briefing(&["check", copy.path().to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));
    let file = "tests/fixtures/valid/full.toml";
    let out = briefing(&["export", file, "--format", "toml"]);
    let source = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    assert_eq!(out.stdout, source);
    let out = briefing(&["export", "--format", "toml", "--notes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("a briefing file holds no notes"));
}

/// `briefing gaps`: a summary line, then each gap under its section; with --notes, the claims
/// not judged counted and listed too; nothing from the file reaches the terminal raw.
#[test]
fn gaps_lists_what_is_unexamined_under_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.toml");
    std::fs::write(
        &file,
        "format = 1\n[briefing]\nid = \"g\"\ntitle = \"G\"\n\
         [[section]]\nid = \"a\"\ntitle = \"A\"\nbody = \"One.\"\n\
         [[section]]\nid = \"b\"\ntitle = \"B \\u001b[2J\"\nbody = \"Two.\"\n\
         [[claim]]\nid = \"c\"\nsection = \"a\"\ntext = \"Unanswered.\"\n\
         [[factor]]\nid = \"f\"\ntitle = \"Idle\"\ntext = \"x\"\n",
    )
    .unwrap();
    let out = briefing(&["gaps", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.starts_with("Gaps in G: 1 claim · 1 without a counterpoint · 2 more gaps\n"),
        "{shown}"
    );
    assert!(shown.contains("§1 A\n  - no counterpoint: Unanswered.\n"), "{shown}");
    assert!(shown.contains("  - section without claims: B ^[[2J\n"), "made safe: {shown}");
    assert!(shown.contains("Factors\n  - factor nothing bears on: Idle\n"), "{shown}");
    let data = dir.path().join("data");
    let out = briefing(&[
        "--data-dir",
        data.to_str().unwrap(),
        "gaps",
        "--notes",
        file.to_str().unwrap(),
    ]);
    let shown = text(&out.stdout);
    assert!(shown.starts_with("Gaps in G: judged 0 of 1 claim ·"), "{shown}");
    assert!(shown.contains("  - not judged by you: Unanswered.\n"), "{shown}");
}

/// `briefing matrix`: Markdown with the ranking, CSV with a header row and a row per claim or
/// counterpoint, JSON of the documented shape; the bundled briefing's two hypotheses.
#[test]
fn matrix_prints_md_csv_and_json() {
    let md = text(&briefing(&["matrix"]).stdout);
    assert!(md.contains("Ranked, fewest inconsistencies first: Imitating ("), "{md}");
    let csv = text(&briefing(&["matrix", "--format", "csv"]).stdout);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("kind,id,section,text,diagnostic,\"innovating\",\"imitating\""));
    assert_eq!(lines.count(), 24 + 17, "every claim and counterpoint a row");
    let out = briefing(&["matrix", "--format", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["columns"], "hypotheses");
    let ids: Vec<&str> =
        v["hypotheses"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["innovating", "imitating"]);
    assert_eq!(v["ranking"][0], "imitating");
    let row = &v["rows"][1];
    for key in ["kind", "id", "section", "text", "diagnostic", "cells"] {
        assert!(row.get(key).is_some(), "{key}: {row}");
    }
    assert_eq!(row["cells"]["innovating"]["author"], "C");
    assert_eq!(row["cells"]["innovating"]["yours"], serde_json::Value::Null);
    let scores: Vec<u64> =
        v["hypotheses"].as_array().unwrap().iter().map(|h| h["score"].as_u64().unwrap()).collect();
    assert!(scores[1] < scores[0], "{scores:?}");
}

/// Without hypotheses, `briefing matrix --format json` has the same shape with the factors in
/// the hypotheses' place.
#[test]
fn a_matrix_without_hypotheses_has_the_factors_in_their_place() {
    let out = briefing(&["matrix", "tests/fixtures/valid/full.toml", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["columns"], "factors");
    let columns = v["hypotheses"].as_array().unwrap();
    assert!(!columns.is_empty());
    assert!(columns.iter().all(|c| c["id"].is_string() && c["score"].is_null()));
    let first = columns[0]["id"].as_str().unwrap();
    assert!(v["rows"][0]["cells"][first]["author"].is_boolean(), "{}", v["rows"][0]);
    assert_eq!(v["ranking"], serde_json::json!([]));
}

/// `briefing matrix --notes` reads your ratings from the notes file: JSON `yours`, a CSV
/// `yours:<id>` column per hypothesis, `*` beside yours in Markdown; without `--notes` none.
#[test]
fn matrix_with_notes_shows_your_ratings_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("notes")).unwrap();
    std::fs::write(
        data.join("notes").join("e2e-argument.toml"),
        "format = 2\nbriefing = \"e2e-argument\"\n\n[[rating]]\nkind = \"claim\"\n\
         item = \"marsh-floods\"\nhypothesis = \"round\"\nconsistency = \"II\"\n",
    )
    .unwrap();
    let file = "tests/fixtures/e2e/argument.toml";
    let data = data.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["--data-dir", data, "matrix", file];
        args.extend_from_slice(extra);
        let out = briefing(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    let v: serde_json::Value =
        serde_json::from_str(&run(&["--notes", "--format", "json"])).unwrap();
    let row = v["rows"].as_array().unwrap().iter().find(|r| r["id"] == "marsh-floods").unwrap();
    assert_eq!(row["cells"]["round"]["author"], "CC");
    assert_eq!(row["cells"]["round"]["yours"], "II");
    assert_eq!(row["cells"]["holds"]["yours"], serde_json::Value::Null);
    let csv = run(&["--notes", "--format", "csv"]);
    assert!(csv.lines().next().unwrap().contains("\"yours:round\""), "{csv}");
    let md = run(&["--notes"]);
    assert!(md.contains("I\\*"), "{md}");
    let without: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    let row =
        without["rows"].as_array().unwrap().iter().find(|r| r["id"] == "marsh-floods").unwrap();
    assert_eq!(row["cells"]["round"]["yours"], serde_json::Value::Null, "not without --notes");
}
