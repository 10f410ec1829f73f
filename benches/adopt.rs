//! `briefing adopt` on the 1 MB synthetic briefing (`examples/synth.rs`): 1,000 own claims
//! spread over its sections (with 250 own counterpoints and 100 factor links), planned as the
//! command plans them: anchored, written into the text as a document edit, and the result
//! checked as `briefing check` does. The issue's target: under a second. The baseline in the
//! same run is `check_text` of the file alone, which adopt must do at least once.
//!
//! ```text
//! cargo bench --bench adopt
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use briefing::briefing::{Briefing, SectionIx, check_text};
use briefing::notes::anchor::quote_at;
use briefing::notes::store::utc;
use briefing::notes::{Annotations, Note, OwnClaim, OwnCounterpoint};
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};

const CLAIMS: usize = 1_000;

fn main() {
    divan::main();
}

fn inputs() -> &'static (String, Briefing, Annotations) {
    static INPUTS: OnceLock<(String, Briefing, Annotations)> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let text = common::synth_text("1MB");
        let b = check_text(Path::new("1MB"), &text).briefing.unwrap();
        let notes = own(&b);
        let plan =
            briefing::cli::adopt::plan(Path::new("1MB"), &text, &b, &notes, "reader").unwrap();
        let added = plan.adopted.claims.iter().filter(|m| !m.already).count();
        assert_eq!(added, CLAIMS, "every claim adopted: {:?}", plan.orphaned);
        assert_eq!(plan.adopted.counterpoints.len(), CLAIMS / 4);
        assert_eq!(plan.adopted.links.len(), CLAIMS / 10);
        eprintln!("bench: {} bytes become {}", text.len(), plan.adopted.text.len());
        (text, b, notes)
    })
}

/// `CLAIMS` own claims on passages of three to eight words, spread evenly over the sections.
fn own(b: &Briefing) -> Annotations {
    let mut a = Annotations::default();
    let sections = b.sections.len();
    for i in 0..CLAIMS {
        let s = i * sections / CLAIMS;
        let section = &b.sections[s];
        let p = i % section.paragraphs.len();
        let text = &section.paragraphs[p];
        let words: Vec<usize> =
            std::iter::once(0).chain(text.match_indices(' ').map(|(at, _)| at + 1)).collect();
        let first = (i * 7) % words.len().saturating_sub(8).max(1);
        let last = (first + 3 + i % 6).min(words.len() - 1);
        let end = if last > first { words[last] - 1 } else { text.len() };
        let (exact, prefix, suffix, start, end) = quote_at(b, SectionIx(s), p, words[first]..end);
        let id = format!("my-own-claim-{i}");
        let claim = OwnClaim {
            id: id.clone(),
            text: format!("Own claim number {i}, in the reader's words."),
            kind: None,
            section: section.id.clone(),
            exact,
            prefix,
            suffix,
            start,
            end,
            created: utc(0),
            updated: utc(0),
        };
        a.own_claims.insert(id.clone(), claim);
        if i % 4 == 0 {
            let k = format!("my-own-counterpoint-{i}");
            a.own_counterpoints.insert(
                k.clone(),
                OwnCounterpoint {
                    id: k,
                    claims: vec![id.clone()],
                    text: format!("An objection to claim {i}."),
                    by: None,
                    created: utc(0),
                    updated: utc(0),
                },
            );
        }
        if i % 10 == 0 {
            a.notes.insert(
                id.clone(),
                Note {
                    claim: id,
                    claim_text: String::new(),
                    stance: None,
                    likelihood: None,
                    confidence: None,
                    factors: vec!["tools".into()],
                    note: String::new(),
                    created: utc(0),
                    updated: utc(0),
                },
            );
        }
    }
    a
}

/// The baseline: checking the 1 MB file once, as adopt does before it plans.
#[divan::bench(max_time = 10)]
fn check_alone(bencher: Bencher) {
    let (text, _, _) = inputs();
    bencher.bench_local(|| check_text(Path::new("1MB"), black_box(text)));
}

/// Planning the adoption of 1,000 claims: anchor, edit, check the result. Target: under 1 s.
#[divan::bench(max_time = 10)]
fn adopt_1000_claims(bencher: Bencher) {
    let (text, b, notes) = inputs();
    bencher.counter(ItemsCount::new(CLAIMS)).bench_local(|| {
        briefing::cli::adopt::plan(Path::new("1MB"), black_box(text), b, notes, "reader").unwrap()
    });
}
