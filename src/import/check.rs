//! The check that an import's output is a briefing that loads without errors, made on the
//! draft it was written from rather than by loading the file again.
//!
//! Loading the written TOML (`briefing::check_text`: a TOML parse, validation, sanitizing and
//! folding every paragraph) cost as much as the import itself (a 1 MB article: 6 ms of 13).
//! Debug builds, which the tests and the fuzz targets run, still load the output too (see
//! `import::verify`), and so do the tests and fuzz targets themselves, for every fixture.
//!
//! Why a file that `write` made from a draft that passes [`problems`] always loads:
//!
//! - **Syntax.** `write` lays out fixed keys and table headers, each once per table; every
//!   value is `format = 1` or a string from `write::basic` or `write::multi_line`. Those copy
//!   printable ASCII but `"` and `\`, and non-control characters, as they are; they write `\`
//!   as `\\`, tabs as `\t`, every other control character (with DEL, CR, and all of
//!   `sanitize::is_unsafe`) as `\uXXXX` or `\UXXXXXXXX` of a Unicode scalar value, and `"` as
//!   `\"`, except in a multi-line string, where only the third quote in a row is escaped and the
//!   text ends in a line break before the closing `"""`. That is all TOML allows in basic
//!   strings, and each string reads back as exactly the draft's text (`write`'s tests
//!   round-trip the hard cases through the toml crate). A paragraph the reader found plain
//!   (`outline::Text::Plain`: from an offset on, only bytes `write::is_plain` copies) has that
//!   part copied as it is, which is what the escaping writes for it (debug builds assert the
//!   bytes are plain; a proptest in `markdown` checks the reader's finding). Comments (the guide and the example
//!   analysis) are fixed text but for ids and a quote, each written by `write::basic`: no line
//!   break or control character.
//! - **Meaning.** The file has `format = 1`, a `[briefing]` table with `id` and `title`, one
//!   `[[section]]` with `id`, `title` and `body` per draft section, and no claim, counterpoint
//!   or factor (the example is all comments), so of the loader's rules (`validate`) only these
//!   can fail: at least one section; valid, unique ids; titles and sub-headings that are not
//!   empty once sanitized and folded. [`problems`] checks each, with the loader's own
//!   functions. Paragraphs, preformatted parts, the subtitle and the source have no rule a
//!   string can break.

use std::collections::HashSet;

use super::outline::Para;
use super::write::Draft;
use crate::briefing::is_valid_id;
use crate::diagnostic::quoted;
use crate::{sanitize, text};

/// What would make the file written from `draft` fail to load, one message each; empty when
/// it loads.
pub(super) fn problems(draft: &Draft) -> Vec<String> {
    let mut out = Vec::new();
    if !is_valid_id(&draft.id) {
        out.push(format!("briefing id {} is not valid", quoted(&draft.id)));
    }
    if is_blank(&draft.title) {
        out.push("the briefing title is empty".to_string());
    }
    if draft.sections.is_empty() {
        out.push("no sections".to_string());
    }
    // Hashed as `ids::Unique` hashes: foldhash, cheaper than SipHash on short strings.
    let mut ids = HashSet::with_capacity_and_hasher(
        draft.sections.len(),
        foldhash::fast::RandomState::default(),
    );
    for section in &draft.sections {
        if !is_valid_id(&section.id) {
            out.push(format!("section id {} is not valid", quoted(&section.id)));
        } else if !ids.insert(&*section.id) {
            out.push(format!("section id {} is repeated", quoted(&section.id)));
        }
        if is_blank(&section.title) {
            out.push(format!("section {} has an empty title", quoted(&section.id)));
        }
        let is_blank_heading = |p: &Para| matches!(p, Para::Heading(h) if is_blank(h));
        if section.paragraphs.iter().any(is_blank_heading) {
            out.push(format!("section {} has an empty sub-heading", quoted(&section.id)));
        }
    }
    out
}

/// Whether the loader finds a one-line field empty: sanitized, then folded, as it reads one.
fn is_blank(line: &str) -> bool {
    // Plain text (most titles) is kept as it is: blank only when empty.
    if text::is_plain_line(line) {
        return line.is_empty();
    }
    text::fold(&sanitize::multi_line(line)).is_empty()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::briefing::check_text;
    use crate::import::write::{DraftSection, write};

    fn draft(id: &str, sections: Vec<DraftSection>) -> Draft {
        Draft { id: id.into(), title: "T".into(), subtitle: None, source: None, sections }
    }

    fn section(id: &str, title: &str, paragraphs: Vec<Para>) -> DraftSection {
        DraftSection { id: id.into(), title: title.into(), paragraphs }
    }

    /// Whether the file written from `draft` loads, as `briefing check` would say.
    fn loads(draft: &Draft) -> bool {
        check_text(Path::new("imported.toml"), &write(draft)).briefing.is_some()
    }

    #[test]
    fn a_good_draft_has_no_problems_and_loads() {
        let good = draft(
            "t",
            vec![
                section("a", "A \u{1b}", vec![Para::Heading("\u{200b}".into())]),
                section("b", "B", vec![Para::Text(" ".into()), Para::Pre("\t".into())]),
            ],
        );
        assert_eq!(problems(&good), Vec::<String>::new());
        assert!(loads(&good));
    }

    #[test]
    fn each_problem_is_one_the_loader_refuses() {
        let text = || vec![Para::Text("x".into())];
        let bad = [
            draft("Bad id", vec![section("a", "A", text())]),
            Draft { title: " \n ".into(), ..draft("t", vec![section("a", "A", text())]) },
            draft("t", vec![]),
            draft("t", vec![section("-a", "A", text())]),
            draft("t", vec![section("a", "A", text()), section("a", "B", text())]),
            draft("t", vec![section("a", "\n", text())]),
            draft("t", vec![section("a", "A", vec![Para::Heading("  ".into())])]),
        ];
        for draft in &bad {
            assert_eq!(problems(draft).len(), 1, "{}", write(draft));
            assert!(!loads(draft), "{}", write(draft));
        }
    }
}
