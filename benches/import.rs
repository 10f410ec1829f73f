//! `briefing import` of a 1 MB Markdown article against its floor: pulldown-cmark's own parse
//! of the same text (every event read, with the importer's options) plus the write of that
//! much text as a TOML string (what any importer has to write). The issue's target: the import
//! within 1.5x of the floor. The import includes checking its output as `briefing check`
//! would, which it always does; `import_markdown_unchecked` shows its cost without that.
//!
//! ```text
//! cargo bench --bench import                  # divan: each case on its own
//! cargo bench --bench import -- --pairs 301   # the target: floor and import alternated
//! ```
//!
//! divan runs one case after another, so a machine whose load changes between them (these
//! share two cores with builds) moves the ratio. `--pairs N` times the floor and the import
//! one after the other N times, which goes first alternating, and reports the median of the
//! N ratios import / floor: drift falls on both halves of a pair alike.
//!
//! The article is the Markdown fixture of the import tests (headings, lists, quotes, code, a
//! table, links, an HTML comment) repeated to 1 MB, each copy's headings numbered so that its
//! sections are its own.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::sync::OnceLock;

use briefing::import::{ImportOptions, import, import_unchecked, toml_multi_line};
use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use pulldown_cmark::{Options, Parser};

/// The size of the article, in bytes.
const SIZE: usize = 1_000_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--pairs") {
        Some(at) => pairs(args.get(at + 1).and_then(|n| n.parse().ok()).unwrap_or(301)),
        None => divan::main(),
    }
}

/// The floor and the import, `n` times each, alternated; prints the medians and the median
/// of the per-pair ratios against the issue's target.
fn pairs(n: usize) {
    use std::time::{Duration, Instant};
    let text = article();
    let floor = || {
        let events = Parser::new_ext(black_box(text), options()).count();
        black_box((events, toml_multi_line(black_box(text)).len()));
    };
    let import = || {
        black_box(import(black_box(text), Some("article.md"), &ImportOptions::default()).unwrap());
    };
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    for _ in 0..5 {
        floor();
        import();
    }
    let (mut floors, mut imports, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        let (f, m) = if i % 2 == 0 {
            let f = time(&floor);
            (f, time(&import))
        } else {
            let m = time(&import);
            (time(&floor), m)
        };
        ratios.push(m.as_secs_f64() / f.as_secs_f64());
        floors.push(f);
        imports.push(m);
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    ratios.sort_by(f64::total_cmp);
    let (floor, import) = (median(&mut floors), median(&mut imports));
    let ratio = ratios[ratios.len() / 2];
    let under = ratios.iter().filter(|&&r| r <= 1.5).count();
    println!("{n} pairs, 1 MB of Markdown:");
    println!("  floor (parse + write)  median {floor:.3?}");
    println!("  import (checked)       median {import:.3?}");
    println!(
        "  import / floor: median of the pairs' ratios {ratio:.2}x (quartiles {:.2}x-{:.2}x), \
         {under} of {n} pairs within 1.5x; target 1.5x: {}",
        ratios[ratios.len() / 4],
        ratios[ratios.len() * 3 / 4],
        if ratio <= 1.5 { "met" } else { "MISSED" }
    );
}

/// The article, built once per process.
fn article() -> &'static str {
    static ARTICLE: OnceLock<String> = OnceLock::new();
    ARTICLE.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/homelab-cluster.md");
        let fixture = std::fs::read_to_string(path).unwrap();
        let body = fixture.split_once('\n').map_or("", |(_, rest)| rest);
        let mut out = String::from("# A long article\n");
        let mut copy = 1;
        while out.len() < SIZE {
            let numbered = body
                .replace("\n## ", &format!("\n## {copy}. "))
                .replace("\n### ", &format!("\n### {copy}. "));
            out.push_str(&numbered);
            out.push('\n');
            copy += 1;
        }
        out
    })
}

/// What the importer asks pulldown-cmark for.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// The floor: every event of pulldown-cmark's parse, then the text written as TOML.
#[divan::bench]
fn floor_parse_and_write(bencher: Bencher) {
    let text = article();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let events = Parser::new_ext(black_box(text), options()).count();
        let written = toml_multi_line(black_box(text));
        (events, written.len())
    });
}

/// The import, output checked.
#[divan::bench]
fn import_markdown(bencher: Bencher) {
    let text = article();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        import(black_box(text), Some("article.md"), &ImportOptions::default()).unwrap().len()
    });
}

/// The import without the check of its output, to tell their costs apart.
#[divan::bench]
fn import_markdown_unchecked(bencher: Bencher) {
    let text = article();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        import_unchecked(black_box(text), Some("article.md"), &ImportOptions::default())
            .unwrap()
            .len()
    });
}

/// The floor's first part alone: pulldown-cmark's parse.
#[divan::bench]
fn floor_parse(bencher: Bencher) {
    let text = article();
    bencher.bench(|| Parser::new_ext(black_box(text), options()).count());
}

/// The floor's second part alone: the write.
#[divan::bench]
fn floor_write(bencher: Bencher) {
    let text = article();
    bencher.bench(|| toml_multi_line(black_box(text)).len());
}
