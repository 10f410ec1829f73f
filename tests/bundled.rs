//! The bundled China-AI briefing: loads clean, covers the whole article, and carries the
//! analysis the product promises (claims with quotes, counterpoints, the three factors).
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::Path;

use briefing::briefing::{BUNDLED, BUNDLED_NAME, Briefing, ClaimKind, check_text, load_bundled};

const ARTICLE: &str = include_str!("fixtures/china-ai-article.txt");
/// The file the reader is built with (`load_bundled` decodes it).
const BUNDLED_CHECKED: &str = include_str!("../src/briefing/bundled.json");

fn bundled() -> Briefing {
    let report = load_bundled().expect("bundled briefing loads");
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    report.briefing.unwrap()
}

#[test]
fn bundled_is_the_file_in_the_repo() {
    let on_disk =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/briefings/china-ai.toml"))
            .unwrap();
    assert_eq!(on_disk, BUNDLED);
}

/// The reader opens the bundled briefing from src/briefing/bundled.json, checked at build
/// time: it must be exactly what checking the TOML gives.
///
/// With `UPDATE_BUNDLED` set the file is written first; either way it is then read back from
/// disk and decoded on its own, so the comparison is never of a value with itself.
#[test]
fn bundled_json_is_the_checked_file() {
    let checked = check_text(Path::new(BUNDLED_NAME), BUNDLED);
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    let checked = checked.briefing.unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/briefing/bundled.json");
    let is_update = std::env::var_os("UPDATE_BUNDLED").is_some();
    if is_update {
        std::fs::write(path, serde_json::to_string(&checked).unwrap() + "\n").unwrap();
    }
    let stale = "src/briefing/bundled.json is not the checked briefings/china-ai.toml: \
                 run `UPDATE_BUNDLED=1 cargo test --test bundled`";
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    let decoded: Briefing =
        serde_json::from_str(&on_disk).unwrap_or_else(|e| panic!("{e}: {stale}"));
    assert!(decoded == checked, "{stale}");
    // The copy compiled into this build. After an update it is the old one until the next
    // build, which `cargo test` makes because the file changed.
    if is_update && BUNDLED_CHECKED != on_disk {
        eprintln!(
            "bundled.json written; run `cargo test --test bundled` to check the build's copy"
        );
    } else {
        assert_eq!(BUNDLED_CHECKED, on_disk, "{stale}");
        assert!(bundled() == checked, "{stale}");
    }
}

/// The article's paragraphs as the format describes them, written here rather than taken from
/// the loader: split at blank lines, spaces and line breaks folded to single spaces.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split([' ', '\n']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn every_paragraph_of_the_article_is_there_in_order_with_its_words() {
    let b = bundled();
    let article = paragraphs(ARTICLE);
    assert_eq!(article[0], b.title, "headline is the title");
    assert_eq!(b.summary, vec![article[1].clone()], "standfirst is the summary");
    let bodies: Vec<&String> = b.sections.iter().flat_map(|s| &s.paragraphs).collect();
    assert_eq!(bodies.len(), article.len() - 2);
    for (got, want) in bodies.iter().zip(&article[2..]) {
        assert_eq!(*got, want);
    }
}

#[test]
fn sections_claims_and_counterpoints_meet_the_brief() {
    let b = bundled();
    assert!((6..=9).contains(&b.sections.len()), "{} sections", b.sections.len());
    assert!(b.sections.iter().all(|s| !s.title.is_empty() && !s.paragraphs.is_empty()));
    assert!(b.claims.len() >= 12, "{} claims", b.claims.len());
    for c in &b.claims {
        let span = c
            .quote_span
            .clone()
            .unwrap_or_else(|| panic!("claim '{}' has no resolved quote", c.id));
        let paragraph = &b.sections[c.section].paragraphs[span.paragraph];
        assert_eq!(Some(&paragraph[span.range]), c.quote.as_deref());
        assert!(c.kind.is_some(), "claim '{}' has no kind", c.id);
    }
    let kinds = [ClaimKind::Fact, ClaimKind::Assessment, ClaimKind::Forecast];
    assert!(kinds.iter().all(|k| b.claims.iter().any(|c| c.kind == Some(*k))));
    assert!(b.counterpoints.len() >= 8);
    let by = |who: &str| b.counterpoints.iter().filter(|c| c.by.as_deref() == Some(who)).count();
    assert!(by("article") >= 3 && by("editor") >= 3);
    assert_eq!(by("article") + by("editor"), b.counterpoints.len());
}

#[test]
fn exactly_the_three_factors_each_tied_to_sections_and_claims() {
    let b = bundled();
    let ids: Vec<&str> = b.factors.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["tools", "data", "geopolitics"]);
    for f in &b.factors {
        assert!(!f.sections.is_empty() && !f.claims.is_empty(), "factor '{}'", f.id);
    }
}

#[test]
fn two_or_three_editors_hypotheses_rate_every_claim_and_counterpoint() {
    let b = bundled();
    assert!((2..=3).contains(&b.hypotheses.len()), "{} hypotheses", b.hypotheses.len());
    for h in &b.hypotheses {
        assert_eq!(h.by.as_deref(), Some("editor"), "hypothesis '{}' is the editor's", h.id);
    }
    let every = |ratings: &[briefing::briefing::Rating]| {
        b.hypothesis_ixs().all(|h| ratings.iter().any(|r| r.hypothesis == h))
    };
    for c in &b.claims {
        assert!(every(&c.ratings), "claim '{}' is not rated under every hypothesis", c.id);
    }
    for cp in &b.counterpoints {
        assert!(every(&cp.ratings), "counterpoint '{}' is not rated under every one", cp.id);
    }
}

#[test]
fn every_factor_has_two_or_three_editors_indicators_to_watch() {
    let b = bundled();
    for f in &b.factors {
        assert!((2..=3).contains(&f.indicators.len()), "factor '{}'", f.id);
        for i in &f.indicators {
            assert_eq!(i.by.as_deref(), Some("editor"), "indicator '{}'", i.id);
            assert!(i.text.starts_with("Whether "), "'{}' is phrased as a thing to watch", i.id);
        }
    }
}

#[test]
fn the_editor_says_kunpeng_is_a_server_cpu_line_and_ascend_the_ai_one() {
    let b = bundled();
    let kunpeng = b.claims.iter().position(|c| c.id == "kunpeng").unwrap();
    let cp = b.counterpoints.iter().find(|cp| cp.id == "kunpeng-not-ascend").unwrap();
    assert_eq!(cp.by.as_deref(), Some("editor"));
    assert_eq!(cp.claims.iter().map(|c| c.0).collect::<Vec<_>>(), [kunpeng]);
    assert!(cp.text.contains("server CPUs") && cp.text.contains("Ascend"));
    assert!(!ARTICLE.contains("Ascend"), "the article never names it");
}
