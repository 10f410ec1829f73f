//! Import, check and export together, as a user chains them: every paragraph of an article
//! survives import -> check -> export, and JSON export parses back to the same model.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::Path;
use std::process::Command;

use briefing::briefing::{Briefing, check_text};
use briefing::export::{Format, export};
use briefing::import::{ImportOptions, import};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name))
        .unwrap()
}

/// Spaces and line breaks folded to single spaces, as the format describes: written here, not
/// taken from `briefing::text`, which the importer and the loader use themselves.
fn fold(text: &str) -> String {
    text.split([' ', '\n']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The paragraphs of a plain article: split at blank lines, folded.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(fold).filter(|p| !p.is_empty()).collect()
}

fn imported(source: &str, name: &str) -> Briefing {
    let toml = import(source, Some(name), &ImportOptions::default()).unwrap();
    let report = check_text(Path::new("imported.toml"), &toml);
    assert!(report.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", report.diagnostics);
    report.briefing.unwrap()
}

#[test]
fn a_plain_article_survives_import_check_and_text_export() {
    let article = fixture("china-ai-article.txt");
    let b = imported(&article, "china-ai-article.txt");
    let exported = fold(&export(&b, None, Format::Text).replace('\n', " "));
    for paragraph in paragraphs(&article) {
        assert!(exported.contains(&fold(&paragraph)), "lost: {paragraph}");
    }
}

#[test]
fn json_export_of_imported_briefings_parses_back_to_the_same_model() {
    let mut names = Vec::new();
    for entry in
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import"))
            .unwrap()
    {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // `docs/`: small articles of tests/import_output.rs, not real-world ones.
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read_to_string(&path).unwrap();
        let b = imported(&source, &name);
        assert!(!b.sections.is_empty(), "{name}");
        let json: serde_json::Value =
            serde_json::from_str(&export(&b, None, Format::Json)).unwrap();
        let back: Briefing = serde_json::from_value(json["briefing"].clone()).unwrap();
        assert_eq!(back, b, "{name}");
        names.push(name);
    }
    names.sort();
    assert_eq!(
        names,
        [
            "china-ai-article.txt",
            "harbour-caps.txt",
            "heat-islands-numbered.txt",
            "homelab-cluster.md",
            "licence-centred.txt",
            "night-trains-underlined.txt",
            "readme-badges.md",
            "spec-two-underlines.txt",
        ]
    );
}

#[test]
fn the_command_line_chain_works_on_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(&article, fixture("china-ai-article.txt")).unwrap();
    let out = dir.path().join("imported.toml");
    let bin = env!("CARGO_BIN_EXE_briefing");
    let run = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let import = run(&[
        "import",
        article.to_str().unwrap(),
        "--id",
        "my-import",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));
    let again = run(&["import", article.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "an existing file is not overwritten");
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let check = run(&["check", out.to_str().unwrap()]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let md = run(&["export", out.to_str().unwrap(), "--format", "md"]);
    assert!(md.status.success());
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# China’s AI: Innovate or Imitate?"), "{md}");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let nothing = run(&["import", empty.to_str().unwrap()]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&nothing.stderr)
            .contains("file is empty, expected an article to import")
    );
}
