//! End to end, the argument as a whole (issue 14): in the real binary in a pseudo-terminal,
//! rate a cell of the matrix (`M`), walk three claims setting a stance on each (`R`), log an
//! observation on an indicator (`W`); then find all of it in `briefing matrix --notes --format
//! json` and `briefing export --notes --format json`, as a script would read them.
//!
//! The reader opens `tests/fixtures/e2e/argument.toml`, written for this test.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

mod common;

use std::path::Path;
use std::process::Command;

use common::pty::Pty;

const ARGUMENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/e2e/argument.toml");

/// `briefing --data-dir data ARGS...`, its standard output parsed as JSON.
fn json(data: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("XDG_CONFIG_HOME", data)
        .output()
        .expect("run briefing");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn a_rating_a_walk_and_an_observation_reach_the_matrix_and_the_export() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::reader(data.path(), &[ARGUMENT], (120, 40));
    pty.wait_for_text("1/2 · The barrier");

    // The matrix: the first row, the first hypothesis ("It holds"), rated II by you.
    pty.send("M");
    pty.wait_for_text("Matrix");
    pty.send("5");
    pty.wait_for_text(" II* ");
    pty.wait_for_status("saved: your rating: II");
    // Esc alone, then a pause: Esc and a letter at once read as Alt and the letter.
    pty.send("\x1b");
    pty.wait_for_text("1/2 · The barrier");

    // The walk: agree with the first claim, disagree with the second, unsure of the third.
    pty.send("R");
    pty.wait_for_text("Review: claim 1 of 4");
    pty.send("s");
    pty.wait_for_status("agree");
    pty.send("n");
    pty.wait_for_text("Review: claim 2 of 4");
    pty.send("ss");
    pty.wait_for_text("− disagree");
    pty.send("n");
    pty.wait_for_text("Review: claim 3 of 4");
    pty.send("sss");
    pty.wait_for_text("? unsure");
    pty.send("\x1b");
    pty.wait_for_text("1/2 · The barrier");

    // What to watch: an observation on the first indicator.
    pty.send("W");
    pty.wait_for_text("What to watch");
    pty.send("a");
    pty.wait_for_text("Your observation");
    pty.send("closed 4 times in May");
    pty.send("\x13"); // Ctrl-S
    pty.wait_for_status("observed:");
    pty.wait_for_text("closed 4 times in May");
    pty.send("\x1b");
    pty.wait_for_text("1/2 · The barrier");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());

    let matrix = json(data.path(), &["matrix", ARGUMENT, "--notes", "--format", "json"]);
    let row = matrix["rows"].as_array().unwrap().iter().find(|r| r["id"] == "dry-spring");
    let cell = &row.expect("the first claim's row")["cells"]["holds"];
    assert_eq!((&cell["author"], &cell["yours"]), (&"CC".into(), &"II".into()), "{matrix}");

    let export = json(data.path(), &["export", ARGUMENT, "--notes", "--format", "json"]);
    let stances: Vec<(&str, &str)> = export["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| Some((n["claim"].as_str()?, n["stance"].as_str()?)))
        .collect();
    assert_eq!(
        stances,
        [("dry-spring", "agree"), ("marsh-floods", "unsure"), ("twenty-closures", "disagree")],
        "in claim-id order: {export}"
    );
    let ratings = export["ratings"].as_array().unwrap();
    assert_eq!(ratings.len(), 1, "{export}");
    assert_eq!(
        (&ratings[0]["item"], &ratings[0]["hypothesis"], &ratings[0]["consistency"]),
        (&"dry-spring".into(), &"holds".into(), &"II".into())
    );
    let observations = export["observations"].as_array().unwrap();
    assert_eq!(observations.len(), 1, "{export}");
    assert_eq!(observations[0]["indicator"], "closures");
    assert_eq!(observations[0]["factor"], "tides");
    assert_eq!(observations[0]["text"], "closed 4 times in May");
    assert!(observations[0]["created"].as_str().is_some_and(|t| t.ends_with('Z')), "dated");
}
