//! The binary as a user runs it: `briefing check` exit codes and output, and plain output when
//! stdout is not a terminal.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::Path;
use std::process::{Command, Output};

fn briefing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
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
    assert!(stdout.contains("briefings/china-ai.toml: ok: 8 sections"), "{stdout}");
    assert!(
        stdout.contains("full.toml: ok: 1 section, 1 claim, 1 counterpoint, 1 factor"),
        "{stdout}"
    );
    assert!(out.stderr.is_empty());
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
    let out = briefing(&[]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("China’s AI: Innovate or Imitate?\n"), "{stdout}");
    assert!(stdout.contains("\n1. The sanctions squeeze\n"));
    assert!(stdout.contains("China has over 130 large language models under development."));
    assert!(!stdout.contains('\u{1b}'));
    let hostile = briefing(&["tests/fixtures/valid/hostile-text.toml"]);
    assert!(!text(&hostile.stdout).chars().any(|c| c.is_control() && c != '\n'));
}
