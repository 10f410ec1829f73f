//! `briefing import`: turns an article (Markdown or plain text) into the text of a briefing
//! skeleton that passes `briefing check` and opens at once. It reads no file and writes nothing:
//! the caller passes the article's text and writes the result where it likes.
//!
//! How an article is cut into sections:
//!
//! - **Markdown** (`.md`, `.markdown`, `.mdown`, `.mkd`, `.mkdn`, or content that looks like it,
//!   see `detect`): a first heading that is an H1 is the title. Inline markup is reduced to its
//!   text, links keep their address (numbered, listed at the end of their section), badges
//!   and link-only lines are dropped; list items and quotes become paragraphs of their own;
//!   code blocks and tables become preformatted paragraphs, kept as laid out (see `markdown`).
//! - **Plain text**: the title is the first line when it looks like one, or a first block of
//!   centred lines (the rest its subtitle). Headings are the article's own: underlined lines
//!   (`===` above `---`), centred lines, numbered lines (`1. Introduction`, `  0. Definitions.`,
//!   `II. Results`, `3.1 Data`) and short ALL-CAPS lines. Tables and indented blocks (code, a
//!   quoted notice) become preformatted paragraphs (see `plain`).
//! - Either way (see `outline`), the shallowest heading level makes the sections, deeper ones
//!   are sub-headings inside them, and a long section is cut again at its own next level;
//!   text before the first section heading is the "Introduction" section. An article with no
//!   headings at all is cut into groups of up to 4 paragraphs, each titled by its opening
//!   words (see `group`). A section with sub-headings or preformatted paragraphs is written
//!   with an array `body` (docs/briefing-format.md), any other with a string.
//!
//! Ids come from titles (see `ids`). The output ends with a commented-out example claim,
//! counterpoint and factor, between [`EXAMPLE_START`] and [`EXAMPLE_END`], that make a valid
//! file once the leading `# ` of each line between the markers is removed.

mod check;
mod detect;
mod group;
mod html;
mod ids;
mod markdown;
mod outline;
mod plain;
mod write;

/// The id rule's slug of a title, shared with the ids of a reader's own claims (`notes::own`).
pub(crate) use ids::{shorten, slug};

use std::path::Path;

use anyhow::bail;

use crate::briefing::check_text;
use crate::diagnostic::quoted;

pub use write::{EXAMPLE_END, EXAMPLE_START};
/// TOML string writers (`"..."` and `"""` blocks) that keep any text exact and make every
/// character that could act on a terminal an escape; also used by `examples/synth.rs`.
pub use write::{basic as toml_string, multi_line as toml_multi_line};

/// What the user asked for on the command line, beyond the article itself.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The briefing id (`--id`); derived from the title when absent.
    pub id: Option<String>,
    /// The briefing title (`--title`); taken from the article when absent.
    pub title: Option<String>,
}

/// The title used when neither the options, the article nor its file name give one.
const DEFAULT_TITLE: &str = "Imported article";
/// The briefing id used when the title gives none (a title in a non-Latin script).
const DEFAULT_ID: &str = "imported";

/// Turns the article `source` into the text of a briefing file.
///
/// `name` is the article's file name (its extension picks the format, its last component is
/// recorded as `source`), `None` (or `-`) for stdin. Fails on an invalid `--id`, a blank
/// `--title`, or an article with no text. The result always passes `check_text` (`check` says
/// why, and checks the draft against each rule it could break); a draft that would not is a
/// bug, reported as an error rather than written out.
pub fn import(source: &str, name: Option<&str>, options: &ImportOptions) -> anyhow::Result<String> {
    import_with_id(source, name, options).map(|(out, _)| out)
}

/// [`import`], with the id the briefing was given.
pub fn import_with_id(
    source: &str,
    name: Option<&str>,
    options: &ImportOptions,
) -> anyhow::Result<(String, String)> {
    import_checked(source, name, options, true)
}

/// [`import`] without checking its output: only for the benchmark, to tell the import's own
/// cost from the check's (`benches/import.rs`).
#[doc(hidden)]
pub fn import_unchecked(
    source: &str,
    name: Option<&str>,
    options: &ImportOptions,
) -> anyhow::Result<String> {
    import_checked(source, name, options, false).map(|(out, _)| out)
}

fn import_checked(
    source: &str,
    name: Option<&str>,
    options: &ImportOptions,
    check: bool,
) -> anyhow::Result<(String, String)> {
    let name = name.filter(|n| !n.is_empty() && *n != "-");
    if let Some(id) = &options.id
        && !ids::is_valid_id(id)
    {
        bail!(
            "--id {} is not a valid id, expected 1 to 64 of a-z, 0-9 and '-', not starting with '-'",
            quoted(id)
        );
    }
    let title_option = match &options.title {
        Some(title) if one_line(title).is_empty() => bail!("--title is empty, expected some text"),
        Some(title) => Some(one_line(title)),
        None => None,
    };
    let what = name.map_or_else(|| "the input".to_string(), quoted);

    let text = normalize(source);
    if text.trim().is_empty() {
        bail!("nothing to import: {what} is empty");
    }
    let parsed =
        if detect::is_markdown(name, &text) { markdown::parse(&text) } else { plain::parse(&text) };
    let sections = outline::sections(parsed.blocks, parsed.shared);
    if sections.iter().all(|s| s.paragraphs.is_empty()) {
        bail!("nothing to import: {what} has no paragraphs of text");
    }

    let title = title_option
        .or_else(|| parsed.title.map(|t| one_line(&t)).filter(|t| !t.is_empty()))
        .or_else(|| name.and_then(title_from_name))
        .unwrap_or_else(|| DEFAULT_TITLE.to_string());
    let id = options.id.clone().unwrap_or_else(|| {
        let slug = ids::slug(&title);
        if slug.is_empty() { DEFAULT_ID.to_string() } else { slug }
    });
    let mut section_ids = ids::Unique::with_capacity(sections.len());
    let sections = sections
        .into_iter()
        .enumerate()
        .map(|(index, section)| {
            let mut title = one_line_owned(section.title);
            if title.is_empty() {
                title = format!("Section {}", index + 1);
            }
            let id = section_ids.id(&title, index + 1);
            write::DraftSection { id, title, paragraphs: section.paragraphs }
        })
        .collect();
    let subtitle = parsed.subtitle.map(|s| one_line(&s)).filter(|s| !s.is_empty());
    let draft = write::Draft { id, title, subtitle, source: name.map(file_name), sections };
    let out = write::write(&draft);
    if check {
        verify(&draft, &out)?;
    }
    Ok((out, draft.id))
}

/// Drops a byte-order mark and turns `\r\n` (and old Mac `\r`) line ends into `\n`.
fn normalize(source: &str) -> std::borrow::Cow<'_, str> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if memchr::memchr(b'\r', source.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(source);
    }
    let text = source.replace("\r\n", "\n");
    std::borrow::Cow::Owned(if !text.contains('\n') && text.contains('\r') {
        text.replace('\r', "\n")
    } else {
        text
    })
}

/// Text for a one-line field: every run of whitespace (line breaks, tabs, no-break spaces)
/// becomes one space, ends trimmed. Empty only when the text had nothing but whitespace.
fn one_line(text: &str) -> String {
    // Most titles are one line of printable ASCII, single-spaced: kept as they are.
    if is_folded(text) {
        return text.to_string();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`one_line`] for a string the caller owns: a title already on one line (most) is moved,
/// not copied.
fn one_line_owned(text: String) -> String {
    if is_folded(&text) { text } else { one_line(&text) }
}

/// Whether [`one_line`] keeps `text` as it is: one line of printable ASCII, single-spaced.
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && bytes.iter().all(|b| b.is_ascii_graphic() || *b == b' ')
        && !bytes.windows(2).any(|w| w == b"  ")
}

/// The last component of a path, as written in the `source` field.
fn file_name(name: &str) -> String {
    Path::new(name).file_name().map_or_else(|| name.to_string(), |n| n.to_string_lossy().into())
}

/// A title made from a file name: `my-article.md` gives "my article"; a name that says
/// nothing of the article (`README.md`, `index.md`) gives its folder's name instead.
fn title_from_name(name: &str) -> Option<String> {
    let path = Path::new(name);
    let stem = path.file_stem()?.to_string_lossy();
    let generic = ["readme", "index", "article"].contains(&stem.to_ascii_lowercase().as_str());
    let stem = match path.parent().and_then(Path::file_name) {
        Some(folder) if generic => folder.to_string_lossy(),
        _ => stem,
    };
    Some(one_line(&stem.replace(['-', '_'], " "))).filter(|t| !t.is_empty())
}

/// Checks that the output loads without errors, as `briefing check` would: an error here is a
/// bug in this module. Checked on the draft (see `check` for why that is enough); a debug
/// build, as the tests and fuzz targets run, loads the output as well.
fn verify(draft: &write::Draft, out: &str) -> anyhow::Result<()> {
    let mut errors = check::problems(draft);
    if cfg!(debug_assertions) {
        let report = check_text(Path::new("imported.toml"), out);
        if report.briefing.is_none() {
            let loaded = report.diagnostics.iter().filter(|d| d.is_error());
            errors.extend(loaded.map(ToString::to_string));
        }
    }
    if !errors.is_empty() {
        bail!(
            "internal error: the imported briefing does not pass check (please report this):\n{}",
            errors.join("\n")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> ImportOptions {
        ImportOptions::default()
    }

    #[test]
    fn empty_input_is_an_error() {
        let err = import(" \n\t\n", Some("a.txt"), &options()).unwrap_err().to_string();
        assert_eq!(err, "nothing to import: 'a.txt' is empty");
        let err = import("", None, &options()).unwrap_err().to_string();
        assert_eq!(err, "nothing to import: the input is empty");
    }

    #[test]
    fn headings_only_is_an_error() {
        let err = import("# Title\n\n## A\n\n## B\n", None, &options()).unwrap_err();
        assert!(err.to_string().contains("no paragraphs"), "{err}");
    }

    #[test]
    fn bad_options_are_errors() {
        let bad = ImportOptions { id: Some("Not Valid".into()), title: None };
        let err = import("Some text.", None, &bad).unwrap_err().to_string();
        assert!(err.contains("--id 'Not Valid' is not a valid id"), "{err}");
        let blank = ImportOptions { id: None, title: Some(" \n".into()) };
        let err = import("Some text.", None, &blank).unwrap_err().to_string();
        assert_eq!(err, "--title is empty, expected some text");
    }

    #[test]
    fn options_win_over_the_article() {
        let chosen = ImportOptions { id: Some("mine".into()), title: Some("My  title".into()) };
        let out = import("Article title\n\nBody text.\n", Some("x.txt"), &chosen).unwrap();
        assert!(out.contains("id = \"mine\"\ntitle = \"My title\"\nsource = \"x.txt\""), "{out}");
    }

    #[test]
    fn title_falls_back_to_the_file_name_then_a_default() {
        let out = import("just one sentence.", Some("dir/my_notes-2.txt"), &options()).unwrap();
        assert!(out.contains("id = \"my-notes-2\"\ntitle = \"my notes 2\""), "{out}");
        assert!(out.contains("source = \"my_notes-2.txt\""), "{out}");
        let out = import("just one sentence.", Some("-"), &options()).unwrap();
        assert!(out.contains("id = \"imported-article\"\ntitle = \"Imported article\"\n\n"));
    }

    #[test]
    fn non_latin_title_gets_the_default_id() {
        let out = import("中国的人工智能\n\n第一段。\n", None, &options()).unwrap();
        assert!(out.contains("id = \"imported\"\ntitle = \"中国的人工智能\""), "{out}");
    }

    #[test]
    fn line_ends_and_byte_order_mark_are_normalized() {
        assert_eq!(normalize("\u{feff}a\r\nb"), "a\nb");
        assert_eq!(normalize("a\rb"), "a\nb");
        assert_eq!(normalize("a\r\nb\rc"), "a\nb\rc");
    }
}
