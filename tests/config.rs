//! The config file as the binary reads it: a bad one stops the reader before it takes the
//! terminal, with `PATH:LINE:COL: error: MESSAGE` and exit 1; `briefing config` checks it,
//! prints the default (which reads back) and says where it is read from.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::Path;
use std::process::{Command, Output};

const CONFLICT: &str = "tests/fixtures/config/conflict.toml";

/// The binary in the repo's folder, with `config_home` as `XDG_CONFIG_HOME`.
fn briefing(config_home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", config_home)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn a_bad_config_stops_the_reader_with_its_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let out = briefing(home.path(), &["--config", CONFLICT]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing read: {}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{CONFLICT}:5:22: error: key 'j' does both 'next-section' and 'down' in \
             [keys.reading]"
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // `briefing config` says the same.
    let out = briefing(home.path(), &["config", "--config", CONFLICT]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), stderr);
}

#[test]
fn the_config_is_found_in_xdg_config_home_and_no_config_skips_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("briefing");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[layout]\nmeasure = 7\n").unwrap();
    let out = briefing(home.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.ends_with("config.toml:2:11: error: measure must be from 40 to 160 characters\n")
    );
    assert!(stderr.starts_with(&home.path().display().to_string()), "{stderr}");
    // Piped, without a config, the briefing is printed.
    let out = briefing(home.path(), &["--no-config"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("China"));
    let out = briefing(home.path(), &["config", "--path"]);
    assert_eq!(text(&out.stdout), format!("{}\n", dir.join("config.toml").display()));
}

#[test]
fn a_missing_config_is_fine_unless_it_was_named() {
    let home = tempfile::tempdir().unwrap();
    let out = briefing(home.path(), &["config"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).ends_with(": none there; the reader uses the defaults\n"));
    let missing = home.path().join("nope.toml");
    let out = briefing(home.path(), &["--config", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), format!("{}: error: no such config file\n", missing.display()));
}

#[test]
fn the_default_config_reads_back_through_the_binary() {
    let home = tempfile::tempdir().unwrap();
    let out = briefing(home.path(), &["config", "--default"]);
    assert_eq!(out.status.code(), Some(0));
    let default = text(&out.stdout);
    assert_eq!(default, briefing::config::default_text());
    let file = home.path().join("default.toml");
    std::fs::write(&file, &default).unwrap();
    let out = briefing(home.path(), &["config", "--config", file.to_str().unwrap()]);
    assert_eq!(text(&out.stdout), format!("{}: ok\n", file.display()), "{}", text(&out.stderr));
    let parsed = briefing::config::parse(&file, &default).unwrap();
    assert_eq!(parsed, briefing::config::Config::default());
}

#[test]
fn a_hostile_config_path_and_text_reach_stderr_made_safe() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("evil\u{1b}]0;x\u{7}.toml");
    std::fs::write(&file, "[keys.reading]\nquit = \"\\u001b[31m\"\n").unwrap();
    let out = briefing(home.path(), &["--config", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(!stderr.trim_end().chars().any(|c| c.is_control()), "{stderr:?}");
    assert!(stderr.contains(":2:8: error: invalid key '^[[31m'"), "{stderr}");
}

#[test]
fn no_config_and_config_together_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let out = briefing(home.path(), &["--no-config", "--config", CONFLICT]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot be used with"), "{}", text(&out.stderr));
}
