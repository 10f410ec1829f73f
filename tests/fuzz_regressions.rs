//! The fuzz targets' checks (`fuzz/src/lib.rs`, included here as it is) on the inputs that once
//! broke them, kept in `tests/fixtures/fuzz/TARGET/`, and on the fixtures the targets start
//! from: a regression fails `cargo test` without a fuzzer, and the checks are seen to pass on
//! real briefings, articles and notes, not only on the noise a fuzzer makes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

#[path = "../fuzz/src/lib.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn files(dir: &str, extension: Option<&str>) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| extension.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
        .collect();
    files.sort();
    files
}

/// Runs `check` on every file, naming the one that fails.
fn replay(paths: &[PathBuf], check: fn(&[u8])) {
    for path in paths {
        let data = std::fs::read(path).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("the check failed on {}", path.display());
        }
    }
}

#[test]
fn inputs_that_broke_the_load_target_pass_it() {
    replay(&files("tests/fixtures/fuzz/load", None), checks::load);
}

#[test]
fn inputs_that_broke_the_import_markdown_target_pass_it() {
    replay(&files("tests/fixtures/fuzz/import_markdown", None), checks::import_markdown);
}

#[test]
fn inputs_that_broke_the_import_plain_target_pass_it() {
    replay(&files("tests/fixtures/fuzz/import_plain", None), checks::import_plain);
}

#[test]
fn inputs_that_broke_the_notes_target_pass_it() {
    replay(&files("tests/fixtures/fuzz/notes", None), checks::notes);
}

#[test]
fn the_load_seeds_pass_the_load_checks() {
    let mut seeds = files("briefings", Some("toml"));
    for dir in ["valid", "invalid", "e2e", "export"] {
        seeds.extend(files(&format!("tests/fixtures/{dir}"), Some("toml")));
    }
    assert!(seeds.len() > 30, "{seeds:?}");
    replay(&seeds, checks::load);
}

#[test]
fn the_import_seeds_pass_the_import_checks() {
    let markdown = files("tests/fixtures/import", Some("md"));
    assert!(!markdown.is_empty());
    replay(&markdown, checks::import_markdown);
    replay(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")], checks::import_markdown);
    let plain = files("tests/fixtures/import", Some("txt"));
    assert!(plain.len() >= 4, "{plain:?}");
    replay(&plain, checks::import_plain);
}

#[test]
fn the_notes_seeds_pass_the_notes_checks() {
    let seeds = files("fuzz/seeds/notes", Some("toml"));
    assert!(seeds.len() >= 3, "{seeds:?}");
    replay(&seeds, checks::notes);
}

/// Found by `load`: a file of one NUL byte has two syntax errors, which came out as column 2,
/// then column 1: the syntax path returned before the sort into file order.
#[test]
fn syntax_errors_are_reported_in_file_order() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/load/syntax-errors-in-file-order");
    let text = std::fs::read_to_string(&path).unwrap();
    let report = briefing::briefing::check_text(&path, &text);
    let locations: Vec<_> = report.diagnostics.iter().map(|d| d.location).collect();
    assert!(locations.len() >= 2, "{:#?}", report.diagnostics);
    assert!(locations.is_sorted(), "{locations:?}");
}
