//! `briefing export`: a briefing (and, on request, the user's notes on it) as Markdown, JSON or
//! plain text. Pure: builds a `String`, prints nothing, reads no files and no clock.
//!
//! Export never writes escape sequences, whatever the briefing or the notes contain. Briefing
//! text is sanitized at load, but note text is the user's raw text, and a `Briefing` built by
//! hand (or read back from JSON) need not have been through the loader, so each format makes
//! its own output safe: Markdown and text pass every string through `sanitize`, JSON writes
//! every unsafe character as a `\uXXXX` escape (lossless: parsing gives the original back).
//!
//! # Formats
//!
//! - **`md`** ([`Format::Markdown`]): the whole briefing as Markdown, laid out like this:
//!   `# Title`, the subtitle in italics, a `Source · Published` line and the summary; then each
//!   section as `## N. Title` with its paragraphs, a `### Claims` list (each claim with its kind
//!   in italics, its quote as a blockquote, and the counterpoints that answer it, with who
//!   argues them) and a `### Future factors` list of the factors that bear on the section; and
//!   a final `## Future factors` part with each factor's title, question, text and the sections
//!   and claims it bears on. With notes, each annotated claim carries `**Your stance:**` and
//!   `**Your note:**` (the note as a blockquote, line breaks kept as hard breaks, leading
//!   spaces of a line dropped); a note written on an earlier text of its claim says so and
//!   quotes that text; notes whose claim is gone come last, under `## Orphaned notes`, with
//!   the claim text as it was. Text is not Markdown-escaped except where it would change the
//!   document's structure: a line that would open a heading, list, quote, code block, HTML
//!   block, link definition or rule gets its first character backslash-escaped, a heading's
//!   trailing `#`s are kept, and every `<` is escaped so no HTML in the text is live.
//! - **`json`** ([`Format::Json`]): the shape below, pretty-printed.
//! - **`text`** ([`Format::Text`]): exactly [`crate::export::plain::render`], the rendering piped
//!   stdout gets. With notes, a `Your notes` part follows, in the same plain style (wrapped to
//!   [`crate::export::plain::WIDTH`] columns): notes grouped under their section, each with the claim,
//!   the stance and the note, then the orphaned notes. Plain text rather than the Markdown of
//!   `briefing notes`, so one file reads in one style.
//!
//! # The JSON shape (version 1)
//!
//! ```json
//! {
//!   "format": "briefing-export",
//!   "version": 1,
//!   "briefing": {
//!     "id": "china-ai-innovate-or-imitate",
//!     "title": "China's AI: Innovate or Imitate?",
//!     "subtitle": "…",                 // or null; likewise "source" and "published"
//!     "source": null,
//!     "published": "2024-01-15",       // YYYY-MM-DD
//!     "summary": ["paragraph", "…"],
//!     "sections": [
//!       { "id": "ecosystem", "title": "…", "paragraphs": ["…"],
//!         "claims": [0, 1], "counterpoints": [0], "factors": [2] }
//!     ],
//!     "claims": [
//!       { "id": "llm-count", "section": 0, "text": "…", "quote": "…",
//!         "quote_span": { "paragraph": 0, "range": { "start": 12, "end": 60 },
//!                         "chars": { "start": 12, "end": 58 } },
//!         "kind": "fact",                // fact | assessment | forecast | null
//!         "counterpoints": [0] }
//!     ],
//!     "counterpoints": [ { "id": "…", "claims": [0], "text": "…", "by": "editor" } ],
//!     "factors": [
//!       { "id": "tools", "title": "…", "question": "…", "text": "…",
//!         "sections": [4], "claims": [3] }
//!     ]
//!   },
//!   "notes": [
//!     { "claim": "llm-count",
//!       "claim_text": "…",              // the claim's text when the note was written
//!       "stance": "agree",               // agree | disagree | unsure | null
//!       "note": "…",                     // exactly as typed; "" when only a stance is set
//!       "created": "2026-11-28T20:24:18Z",  // RFC 3339, or null if never saved
//!       "updated": "2026-11-28T20:24:18Z",
//!       "standing": "current" }          // current | changed | orphaned
//!   ]
//! }
//! ```
//!
//! (Comments are for this page only; the output is plain JSON.)
//!
//! - `"briefing"` is built from the model by `export/shape.rs`, key by key, never by
//!   serializing the model, so the model can change without the export changing. Its text is
//!   sanitized (unsafe characters shown as `^[` or `<U+202E>`), paragraphs have their
//!   whitespace folded, and every reference is a 0-based index into the array it names
//!   (`claims[i].section` into `sections`, and so on).
//!   `quote_span.range` is a byte range into that paragraph's UTF-8 text, `quote_span.chars`
//!   the same range in characters (Unicode scalar values); either cuts out exactly `quote`.
//! - `"notes"` is present only when notes are exported, in claim-id order. `standing` says how
//!   the note relates to the briefing now: `current` (the claim is there with the same text),
//!   `changed` (its text changed since; `claim_text` is the old one) or `orphaned` (no claim
//!   has that id any more).
//! - Every control, bidi and invisible character (see [`crate::sanitize::is_unsafe`]) inside a
//!   string is written as a `\uXXXX` escape (a surrogate pair above U+FFFF), so the file never
//!   holds one raw. Note text is kept exactly as typed: a JSON parser gives it back unchanged.
//! - Compatible additions (new keys) keep `version` 1; anything else bumps it.

mod json;
mod markdown;
pub mod plain;
mod shape;
mod text;

use crate::briefing::Briefing;
use crate::notes::Notebook;

/// An export format, as `--format` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The whole briefing as Markdown.
    #[value(name = "md")]
    Markdown,
    /// The model (and notes) as JSON, in the documented shape.
    #[value(name = "json")]
    Json,
    /// The plain-text rendering.
    #[value(name = "text")]
    Text,
}

impl Format {
    /// The name `--format` takes: `md`, `json` or `text`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Text => "text",
        }
    }

    /// The usual file extension for the format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Text => "txt",
        }
    }
}

/// Only the user's notes on `briefing`, as Markdown (`briefing notes`): grouped by section,
/// each under its claim and quote, orphaned notes last.
pub fn notes_markdown(briefing: &Briefing, notes: &Notebook) -> String {
    markdown::notes(briefing, notes)
}

/// The briefing exported in `format`; with `notes`, the user's stances and notes too.
///
/// The output ends with a newline and holds no control character other than `\n`, nor any
/// bidi or invisible character (JSON writes those as `\uXXXX` escapes).
pub fn export(briefing: &Briefing, notes: Option<&Notebook>, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(briefing, notes),
        Format::Json => json::render(briefing, notes),
        Format::Text => text::render(briefing, notes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn format_names_are_what_the_cli_takes() {
        for format in Format::value_variants() {
            let parsed = Format::from_str(format.name(), false).unwrap();
            assert_eq!(parsed, *format);
        }
        assert_eq!(Format::value_variants().len(), 3);
        assert_eq!(Format::Text.extension(), "txt");
    }
}
