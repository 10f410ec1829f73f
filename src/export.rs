//! `briefing export`: a briefing (and, on request, the user's notes on it) as Markdown, JSON or
//! plain text. Pure: builds a `String`, prints nothing, reads no files and no clock.
//!
//! Export never writes escape sequences, whatever the briefing or the notes contain. Briefing
//! text is sanitized at load, but note text is the user's raw text, and a `Briefing` built by
//! hand need not have been through the loader, so each format makes its own output safe:
//! Markdown and text pass every string through `sanitize`, JSON writes every unsafe character
//! as a `\uXXXX` escape (lossless: parsing gives the original back).
//!
//! # Formats
//!
//! - **`md`** ([`Format::Markdown`]): the whole briefing as Markdown, laid out like this:
//!   `# Title`, the subtitle in italics, a `Source · Published` line and the summary; then each
//!   section as `## N. Title` with its paragraphs, a `### Claims` list (each claim with its kind
//!   in italics, its quote as a blockquote, and the counterpoints that answer it, with who
//!   argues them) and a `### Future factors` list of the factors that bear on the section;
//!   a `## Hypotheses` part (when the briefing states any) with each hypothesis, who states it,
//!   and the claims and counterpoints rated other than neutral under it (neutral and unrated
//!   ones counted); and a final `## Future factors` part with each factor's title, question,
//!   text, indicators to watch and the sections and claims it bears on. A claim's kind and the
//!   author's likelihood and confidence follow it in italics. With notes, each annotated claim
//!   carries `**Your stance:**`, `**Your estimate:**` (likelihood and confidence) and
//!   `**Your note:**` (the note as a blockquote, line breaks kept as hard breaks, leading
//!   spaces of a line dropped); a note written on an earlier text of its claim says so and
//!   quotes that text; notes whose claim is gone come last, under `## Orphaned notes`, with
//!   the claim text as it was; your own claims under `### Your claims` in their section
//!   (marked as yours, with your counterpoints and judgement; those whose passage is gone in a
//!   part of their own), your counterpoints under the claims they answer; then `## Your marks`, and `## Your ratings` (each rating with
//!   the item and hypothesis, orphans said to be) and `## Your observations` (under each
//!   factor's indicator, newest first, dated; orphans last) when there are any. Text is not Markdown-escaped except where it would change the
//!   document's structure: a line that would open a heading, list, quote, code block, HTML
//!   block, link definition or rule gets its first character backslash-escaped, a heading's
//!   trailing `#`s are kept, and every `<` is escaped so no HTML in the text is live.
//! - **`json`** ([`Format::Json`]): the export's own JSON shape, pretty-printed; see below.
//! - **`text`** ([`Format::Text`]): exactly [`crate::export::plain::render`], the rendering piped
//!   stdout gets. With notes, a `Your notes` part follows, in the same plain style (wrapped to
//!   [`crate::export::plain::WIDTH`] columns): notes grouped under their section, each with the claim,
//!   the stance, the estimate and the note, then the orphaned notes. Plain text rather than the Markdown of
//!   `briefing notes`, so one file reads in one style.
//!
//! - **`w3c`** ([`Format::W3c`]): the marks and claim notes as W3C Web Annotation JSON-LD; see
//!   `export/w3c.rs`. Written with the notes whether `--notes` is given or not.
//!
//! # The JSON shape (version 1)
//!
//! `{"format": "briefing-export", "version": 1, "briefing": {...}, "notes": [...]}`, documented
//! key by key, with what a consumer may rely on, in `docs/export-format.md`: that page is the
//! contract, and `tests/export.rs` checks the output against it. The shape is built in
//! `export/shape.rs` from plain structs of its own, never by serializing the model, so the
//! model's fields and serde can change without the export changing; a change to the shape is a
//! change to that page (adding a key keeps `version`; removing one or changing its meaning
//! bumps it). `export/json.rs` writes every control, bidi and invisible character (see
//! [`crate::sanitize::is_unsafe`]) inside a string as a `\uXXXX` escape, so the output never
//! holds one raw and a JSON parser gives the exact text back.

mod json;
mod markdown;
pub mod matrix;
pub mod plain;
mod shape;
mod text;
mod w3c;

use crate::briefing::Briefing;
use crate::notes::{Note, Notebook};

/// An export format, as `--format` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The whole briefing as Markdown.
    #[value(name = "md")]
    Markdown,
    /// The briefing (and notes) as JSON, in the shape `docs/export-format.md` documents.
    #[value(name = "json")]
    Json,
    /// The plain-text rendering.
    #[value(name = "text")]
    Text,
    /// Your marks and claim notes as W3C Web Annotation JSON-LD (implies --notes).
    #[value(name = "w3c")]
    W3c,
}

impl Format {
    /// The name `--format` takes: `md`, `json` or `text`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Text => "text",
            Format::W3c => "w3c",
        }
    }

    /// Whether the format is only the notes (so it is written with them, asked or not).
    pub fn is_notes_only(self) -> bool {
        self == Format::W3c
    }

    /// The usual file extension for the format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Text => "txt",
            Format::W3c => "jsonld",
        }
    }
}

/// Only the user's notes on `briefing`, as Markdown (`briefing notes`): grouped by section,
/// each under its claim and quote, orphaned notes last.
pub fn notes_markdown(briefing: &Briefing, notes: &Notebook) -> String {
    markdown::notes(briefing, notes)
}

/// One briefing's notes for `briefing notes --all`: its id, its title when the library has a
/// briefing of that id, and the notes to show, in claim-id order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BriefingNotes {
    pub id: String,
    pub title: Option<String>,
    pub notes: Vec<Note>,
}

/// `briefing notes --all --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NotesFormat {
    /// Markdown, grouped by briefing.
    Md,
    /// JSON (`docs/export-format.md`, "Notes across briefings").
    Json,
}

/// Notes of several briefings, grouped by briefing, in `format`. `filters` says what was
/// asked for (shown in the Markdown's first line).
pub fn notes_across(groups: &[BriefingNotes], filters: &str, format: NotesFormat) -> String {
    match format {
        NotesFormat::Md => markdown::notes_across(groups, filters),
        NotesFormat::Json => json::notes_across(groups),
    }
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
        Format::W3c => w3c::render(briefing, notes.unwrap_or(&Notebook::default())),
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
        assert_eq!(Format::value_variants().len(), 4);
        assert_eq!(Format::Text.extension(), "txt");
    }
}
