//! `briefing import` of a 1 MB Markdown article against its floor: pulldown-cmark's own parse
//! of the same text (every event read, with the importer's options) plus the write of that
//! much text as a TOML string (what any importer has to write). The issue's target: the import
//! within 1.5x of the floor. The import includes checking its output as `briefing check`
//! would, which it always does; `import_markdown_unchecked` shows its cost without that.
//!
//! ```text
//! cargo bench --bench import
//! ```
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
    divan::main();
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
