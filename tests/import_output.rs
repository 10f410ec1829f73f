//! The exact text `briefing import` writes, byte for byte, for every article under
//! `tests/fixtures/import/` (and `docs/` there: small articles written for these snapshots, one
//! per kind of Markdown block, plus plain text with lists, tables and indented blocks), for a
//! Markdown article with a section long enough to be cut again, and for the article the import
//! benchmark reads (`benches/import.rs`).
//!
//! A guard for work on the importer's speed: a change that only makes it faster leaves every
//! snapshot as it is. `tests/import.rs` says what the output means; this says only that it is
//! the same.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::{Path, PathBuf};

use briefing::import::{ImportOptions, import};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// The articles of `dir`, sorted by name.
fn articles(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    paths
}

/// The import of the article at `path`, named by its file name as the command line does.
fn imported(path: &Path) -> String {
    let source = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    import(&source, Some(name), &ImportOptions::default()).unwrap()
}

/// A 64-bit FNV-1a hash: a stand-in for an output too long to keep as a snapshot.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[test]
fn every_fixture_imports_to_its_snapshot() {
    let mut paths = articles(&fixtures());
    paths.extend(articles(&fixtures().join("docs")));
    assert!(paths.len() >= 13, "fixtures missing: {paths:?}");
    for path in paths {
        let name = path.file_name().unwrap().to_str().unwrap().replace('.', "_");
        insta::assert_snapshot!(name, imported(&path));
    }
}

#[test]
fn a_long_markdown_section_imports_to_its_snapshot() {
    let paragraph = "A sentence of the long part, with a [link](https://long.example) in it. ";
    let mut md = String::from("# A long part\n\nLead.\n\n## Big part\n\n");
    for n in 1..=24 {
        if n % 6 == 1 {
            md.push_str(&format!("### Sub-part {}\n\n", n / 6 + 1));
        }
        md.push_str(&paragraph.repeat(8));
        md.push_str("\n\n");
    }
    md.push_str("## Small part\n\nThe end.\n");
    let out = import(&md, Some("long.md"), &ImportOptions::default()).unwrap();
    insta::assert_snapshot!(out);
}

/// The benchmark's article: the Markdown fixture repeated, each copy's headings numbered.
fn bench_article(size: usize) -> String {
    let fixture = std::fs::read_to_string(fixtures().join("homelab-cluster.md")).unwrap();
    let body = fixture.split_once('\n').map_or("", |(_, rest)| rest);
    let mut out = String::from("# A long article\n");
    let mut copy = 1;
    while out.len() < size {
        let numbered = body
            .replace("\n## ", &format!("\n## {copy}. "))
            .replace("\n### ", &format!("\n### {copy}. "));
        out.push_str(&numbered);
        out.push('\n');
        copy += 1;
    }
    out
}

#[test]
fn the_benchmark_article_imports_to_its_snapshot() {
    let small = bench_article(20_000);
    let out = import(&small, Some("article.md"), &ImportOptions::default()).unwrap();
    insta::assert_snapshot!("bench_article_20k", out);
    // The whole megabyte, too long to keep: its length and hash.
    let large = bench_article(1_000_000);
    let out = import(&large, Some("article.md"), &ImportOptions::default()).unwrap();
    insta::assert_snapshot!(
        "bench_article_1mb",
        format!("{} bytes, fnv1a {:016x}", out.len(), fnv1a(&out))
    );
}
