//! End to end, your own analysis (issue 13): import a plain-text article, make a claim of a
//! selected passage (`C`), judge it (`p`, `c`), answer it (`x`, `Ctrl-S`), quit; then `briefing
//! adopt --dry-run` (a diff, the file untouched), `briefing adopt`, `briefing check` clean, the
//! file's comments kept; reopened, the claim is the author's and your judgement is on it.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::pty::Pty;

fn briefing(data: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .current_dir(data)
        .env("XDG_CONFIG_HOME", data)
        .output()
        .expect("run briefing");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_claim_made_in_the_reader_is_adopted_into_the_file_with_its_judgement() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();
    std::fs::write(
        data.join("article.txt"),
        "The river\n\nThe river rose three metres in a week. Boats were tied up in the \
         square.\n\nOld people said it had never come so high.\n",
    )
    .unwrap();
    briefing(data, &["import", "article.txt", "-o", "river.toml"]);
    let file = data.join("river.toml");
    let imported = std::fs::read_to_string(&file).unwrap();
    assert!(imported.contains("# Next: the analysis."), "{imported}");

    let mut pty = Pty::reader(data, &["river.toml"], (120, 40));
    pty.wait_for_text("The river rose three metres in a week.");
    pty.send("v");
    pty.wait_for_status("select");
    pty.send("C");
    pty.wait_for_status("your claim");
    pty.wait_for_text("✦ yours");
    pty.send("p");
    pty.wait_for_status("likelihood");
    pty.send("c");
    pty.wait_for_status("confidence");
    pty.send("x");
    pty.wait_for_text("Ctrl-S");
    pty.send("Boats are tied up every spring");
    pty.send("\x13"); // Ctrl-S
    pty.wait_for_status("saved");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());

    let dry = stdout(&briefing(data, &["adopt", "river.toml", "--dry-run"]));
    assert!(dry.contains("+[[claim]]") && dry.contains("+[[counterpoint]]"), "{dry}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), imported, "--dry-run writes nothing");

    briefing(data, &["adopt", "river.toml"]);
    let adopted = std::fs::read_to_string(&file).unwrap();
    assert!(adopted.contains("# Next: the analysis."), "comments kept:\n{adopted}");
    assert!(adopted.contains("by = \"reader\""), "{adopted}");
    assert_eq!(std::fs::read_to_string(data.join("river.toml.bak")).unwrap(), imported);
    let check = stdout(&briefing(data, &["check", "river.toml"]));
    assert!(check.contains(": ok: 1 section, 1 claim, 1 counterpoint"), "{check}");

    let out = stdout(&briefing(data, &["export", "river.toml", "--notes", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["own_claims"], serde_json::json!([]), "adopted: no longer yours");
    assert_eq!(json["own_counterpoints"], serde_json::json!([]));
    let claim = &json["briefing"]["claims"][0];
    let note = json["notes"].as_array().unwrap().iter().find(|n| n["claim"] == claim["id"]);
    let note = note.unwrap_or_else(|| panic!("the judgement follows the claim: {json}"));
    assert_eq!(
        (&note["likelihood"], &note["confidence"]),
        (&"almost no chance".into(), &"low".into())
    );

    let mut pty = Pty::reader(data, &["river.toml"], (120, 40));
    pty.wait_for_text("Claims (1)");
    pty.wait_for_text("almost no chance · low");
    assert!(!pty.screen().contains("✦ yours"), "the author's now:\n{}", pty.screen());
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());
}
