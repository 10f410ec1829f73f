//! `briefing check --watch`: the real binary checks, then checks again on each save (a broken
//! one, then a fixed one), each run under a line with the time, until it is stopped.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/e2e/lighthouse.toml");

/// How long a line may take; `BRIEFING_TEST_TIMEOUT_SECS` raises it on a slow machine.
fn timeout() -> Duration {
    let secs = std::env::var("BRIEFING_TEST_TIMEOUT_SECS").ok().and_then(|s| s.parse().ok());
    Duration::from_secs(secs.unwrap_or(20))
}

#[test]
fn each_save_is_checked_again_until_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("watched.toml");
    let good = std::fs::read_to_string(FIXTURE).unwrap();
    std::fs::write(&file, &good).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["check", "--watch"])
        .arg(&file)
        .stdout(Stdio::piped())
        // The errors too, each stream read on a thread of its own.
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, seen) = mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let lines = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
    }
    let wait_for = |text: &str| -> Vec<String> {
        let mut got = Vec::new();
        loop {
            let line = seen
                .recv_timeout(timeout())
                .unwrap_or_else(|_| panic!("no {text:?} after {got:#?}"));
            let done = line.contains(text);
            got.push(line);
            if done {
                return got;
            }
        }
    };
    wait_for("watched.toml: ok: 5 sections");
    wait_for("-- watching for changes");
    std::fs::write(&file, good.replacen("format = 1", "format = oops", 1)).unwrap();
    let mut run = wait_for("FAILED: 1 error");
    assert!(run.iter().any(|l| l.starts_with("== ") && l.ends_with("Z ==")), "{run:#?}");
    // The error is on stderr, read on another thread: it may come after the summary.
    if !run.iter().any(|l| l.contains("watched.toml:4:10: error:")) {
        run.extend(wait_for("watched.toml:4:10: error:"));
    }
    // Fixed, by rename as editors save.
    let temp = dir.path().join("watched.toml.tmp");
    std::fs::write(&temp, &good).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    wait_for("watched.toml: ok: 5 sections");
    child.kill().unwrap();
    child.wait().unwrap();
}
