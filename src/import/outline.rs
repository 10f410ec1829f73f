//! From a flat list of headings and blocks (what the Markdown and plain-text readers produce)
//! to sections. Shared by both formats, so they cut articles the same way.
//!
//! - The shallowest heading rank present makes the sections. A deeper heading stays in its
//!   section as a sub-heading ([`Para::Heading`]), unless the section is long (over
//!   [`LONG_SECTION`] bytes) or is only a part title (its first heading comes before any text
//!   of its own, and two or more follow): then its next rank of headings makes sections too,
//!   each after the one it was inside, and so on down (a licence whose "TERMS AND CONDITIONS"
//!   holds eighteen numbered terms gets a section per term).
//! - Headings that come before the first heading of the top level (under the title, in a
//!   text whose later parts are a level up) make sections of their own, in the same way.
//! - Everything before the first section heading is the first section, [`INTRODUCTION`]
//!   (titled by its opening words instead when a section of the article is already called
//!   that, as in `1. Introduction`). An article with no heading at all is cut into groups of a
//!   few paragraphs (see `group`).
//! - Links are numbered per section, `[1]` after the link's text, and listed at the end of
//!   the section, one paragraph each: `[1] https://...` (the same address twice, one number).
//! - Tables are laid out here, once their links are numbered: a preformatted paragraph, one
//!   line per row, `| alpha | 1 |`, columns padded to their widest cell.

use std::borrow::Cow;
use std::fmt::Write;
use std::ops::{Deref, Range};
use std::rc::Rc;

use pulldown_cmark::Alignment;

use super::group;
use crate::text;

/// The title of the section holding text that comes before the first section heading.
pub(super) const INTRODUCTION: &str = "Introduction";
/// Bytes of text beyond which a section is cut again at its own headings.
pub(super) const LONG_SECTION: usize = 12_000;

/// Running text with the links found in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Inline {
    /// Folded text, holding no blank line.
    pub text: String,
    /// Links, in order: where each link's text ends in `text`, and its address.
    pub links: Vec<(usize, String)>,
}

impl From<&str> for Inline {
    fn from(text: &str) -> Self {
        Inline { text: text.to_string(), links: Vec::new() }
    }
}

/// One piece of an article, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Block {
    /// A heading; a smaller `rank` is a higher level (Markdown: 1 for H1).
    Heading { rank: usize, text: String },
    /// A heading whose text is kept in the article's shared text ([`Parsed::shared`]).
    SharedHeading { rank: usize, span: Range<usize> },
    /// A paragraph of running text.
    Paragraph(Inline),
    /// A paragraph of running text kept in the article's shared text ([`Parsed::shared`]):
    /// where it is there, and its links (offsets from the paragraph's start).
    /// `plain`: where, from the paragraph's start, the part begins every byte of which a TOML
    /// string holds as it is (`write::is_plain`): after the prefix of a list item or quote
    /// (`• `), or at 0; `None` when its text has other bytes.
    Shared { span: Range<usize>, links: Vec<(usize, String)>, plain: Option<u32> },
    /// Preformatted text: its lines as written (tabs expanded).
    Pre(String),
    /// A table (boxed: most blocks are paragraphs, kept small).
    Table(Box<Table>),
}

/// A table: rows of cells (the first row is the header), and each column's alignment.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Table {
    /// The folded text of every cell, one after another: one string for the table.
    pub text: String,
    /// The cells, row after row.
    pub cells: Vec<Cell>,
    /// How many cells each row has.
    pub rows: Vec<usize>,
    pub align: Vec<Alignment>,
}

/// A table cell: where its text is in [`Table::text`], and its links (where each link's text
/// ends, from the cell's start, and its address).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Cell {
    pub span: Range<usize>,
    pub links: Vec<(usize, String)>,
}

/// An article as a reader of one format understood it.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// The article's own title, when it has one (already removed from `blocks`).
    pub title: Option<String>,
    /// A line under the title (a licence's "Version 3, 29 June 2007").
    pub subtitle: Option<String>,
    pub blocks: Vec<Block>,
    /// The text of every [`Block::Shared`] paragraph, one after another: one string for the
    /// article rather than one per paragraph.
    pub shared: String,
}

/// A paragraph's text: its own string, or a place in the article's shared text.
#[derive(Clone, Debug)]
pub(super) enum Text {
    Own(String),
    Shared(Rc<String>, Range<usize>),
    /// A place in the shared text every byte of which, from the offset given on, a TOML
    /// string holds as it is (`write::is_plain`, as the reader found when it folded the
    /// text): that part is written as it is, not looked at again.
    Plain(Rc<String>, Range<usize>, u32),
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Own(text) => text,
            Text::Shared(shared, span) | Text::Plain(shared, span, _) => {
                shared.get(span.clone()).unwrap_or("")
            }
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::Own(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::Own(text.to_string())
    }
}

/// A paragraph of a section, as the briefing will hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Para {
    Text(Text),
    Heading(Text),
    Pre(String),
}

impl Para {
    pub(super) fn text(&self) -> &str {
        match self {
            Para::Text(t) | Para::Heading(t) => t,
            Para::Pre(t) => t,
        }
    }

    /// Whether it is running text (not a sub-heading or preformatted).
    pub(super) fn is_text(&self) -> bool {
        matches!(self, Para::Text(_))
    }
}

/// A section before ids are chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Section {
    pub title: String,
    pub paragraphs: Vec<Para>,
}

/// Cuts blocks into sections; `shared` is the text of their [`Block::Shared`] paragraphs.
///
/// Sections are cut as places in `blocks`, each block moved out once into its section's
/// paragraphs: no list of blocks per section.
pub(super) fn sections(mut blocks: Vec<Block>, shared: String) -> Vec<Section> {
    let shared = &Rc::new(shared);
    if !blocks.iter().any(|b| rank(b).is_some()) {
        return group::group(flatten(&mut blocks, shared));
    }
    let mut out = Vec::new();
    let (lead, parts) = split(&mut blocks, shared);
    let has_lead = !lead.is_empty();
    if lead.iter().any(|b| rank(b).is_some()) {
        // Headings before the first of the top level belong to no section of it (they are
        // under the title): they make sections of their own, whatever the length.
        let (intro, parts) = split(lead, shared);
        if !intro.is_empty() {
            let paragraphs = flatten(intro, shared);
            out.push(Section { title: INTRODUCTION.to_string(), paragraphs });
        }
        for (title, body) in parts {
            emit(title, body, shared, &mut out);
        }
    } else if has_lead {
        emit(INTRODUCTION.to_string(), lead, shared, &mut out);
    }
    for (title, body) in parts {
        emit(title, body, shared, &mut out);
    }
    // The cheap conditions first; the titles are searched without a lowercased copy each.
    if has_lead
        && out.first().is_some_and(|first| first.title == INTRODUCTION)
        && out[1..].iter().any(|s| mentions_introduction(&s.title))
        && let Some(first) = out.first_mut()
        && let Some(opening) = first.paragraphs.iter().find(|p| p.is_text())
    {
        first.title = group::opening_words(opening.text());
    }
    out
}

/// Whether `title`, lowercased, contains "introduction": the same answer as
/// `title.to_lowercase().contains("introduction")` without the copy. Only ASCII letters
/// lowercase to the letters of "introduction" as one character each (`İ` lowercases to `i`
/// plus a combining dot, which no letter of the word follows; see the test), so comparing
/// ASCII bytes without case is enough.
fn mentions_introduction(title: &str) -> bool {
    const WORD: &[u8] = b"introduction";
    title.as_bytes().windows(WORD.len()).any(|w| w.eq_ignore_ascii_case(WORD))
}

/// Cuts `blocks` at their shallowest heading rank: what comes before the first such heading,
/// then each heading's title (moved out of it) with what follows it.
fn split<'b>(
    blocks: &'b mut [Block],
    shared: &str,
) -> (&'b mut [Block], Vec<(String, &'b mut [Block])>) {
    let Some(top) = blocks.iter().filter_map(rank).min() else { return (blocks, Vec::new()) };
    let is_top = |b: &Block| rank(b) == Some(top);
    let first = blocks.iter().position(is_top).unwrap_or(blocks.len());
    let mut parts = Vec::with_capacity(blocks.iter().filter(|b| is_top(b)).count());
    let (lead, mut rest) = blocks.split_at_mut(first);
    while let Some((heading, after)) = std::mem::take(&mut rest).split_first_mut() {
        let end = after.iter().position(is_top).unwrap_or(after.len());
        let (body, next) = after.split_at_mut(end);
        let title = match heading {
            Block::Heading { text, .. } => std::mem::take(text),
            Block::SharedHeading { span, .. } => shared.get(span.clone()).unwrap_or("").to_string(),
            _ => String::new(),
        };
        parts.push((title, body));
        rest = next;
    }
    (lead, parts)
}

/// Pushes the section `title` with `body`: one section, or, when long and holding headings,
/// the section with what comes before its first heading and then the sections of its own.
fn emit(title: String, body: &mut [Block], shared: &Rc<String>, out: &mut Vec<Section>) {
    let long = body.iter().map(bytes).sum::<usize>() > LONG_SECTION;
    // A heading with nothing of its own before its parts (a licence's "TERMS AND
    // CONDITIONS", then its numbered terms) is a part title: its parts are the sections.
    let top = body.iter().filter_map(rank).min();
    let parts = body.iter().filter(|b| top.is_some() && rank(b) == top).count();
    let is_part_title = body.first().and_then(rank).is_some() && parts >= 2;
    if !(long || is_part_title) || top.is_none() {
        out.push(Section { title, paragraphs: flatten(body, shared) });
        return;
    }
    let (lead, parts) = split(body, shared);
    // An introduction with nothing before its first heading is left out; a real heading
    // stays, even empty, as the article had it.
    if title != INTRODUCTION || !lead.is_empty() {
        out.push(Section { title, paragraphs: flatten(lead, shared) });
    }
    for (title, body) in parts {
        emit(title, body, shared, out);
    }
}

fn rank(block: &Block) -> Option<usize> {
    match block {
        Block::Heading { rank, .. } | Block::SharedHeading { rank, .. } => Some(*rank),
        _ => None,
    }
}

/// Bytes of text a block holds.
fn bytes(block: &Block) -> usize {
    match block {
        Block::Heading { text, .. } | Block::Pre(text) => text.len(),
        Block::SharedHeading { span, .. } => span.len(),
        Block::Paragraph(inline) => inline.text.len(),
        Block::Shared { span, .. } => span.len(),
        Block::Table(table) => table.cells.iter().map(|c| c.span.len() + 3).sum(),
    }
}

/// A section's blocks as paragraphs: headings become sub-headings, links get their numbers
/// and are listed at the end, tables are laid out.
/// Each block is moved out of `blocks` (an empty one left in its place).
fn flatten(blocks: &mut [Block], shared: &Rc<String>) -> Vec<Para> {
    let mut links = Links::default();
    // Room for the list of links too, so the paragraphs are one allocation of their size.
    let linked: usize = blocks.iter().map(link_count).sum();
    let mut out: Vec<Para> = Vec::with_capacity(blocks.len() + linked);
    let paragraphs = blocks
        .iter_mut()
        .map(|block| std::mem::replace(block, Block::Pre(String::new())))
        .map(|block| match block {
            Block::Heading { text, .. } => Para::Heading(Text::Own(text)),
            Block::SharedHeading { span, .. } => {
                Para::Heading(Text::Shared(Rc::clone(shared), span))
            }
            Block::Paragraph(inline) => Para::Text(Text::Own(links.number(inline))),
            // Most paragraphs: a place in the shared text, no string of their own.
            Block::Shared { span, links: found, plain } if found.is_empty() => {
                let shared = Rc::clone(shared);
                Para::Text(match plain {
                    Some(from) => Text::Plain(shared, span, from),
                    None => Text::Shared(shared, span),
                })
            }
            Block::Shared { span, links: found, .. } => {
                let text = shared.get(span).unwrap_or("");
                Para::Text(Text::Own(links.number_in(text, found)))
            }
            Block::Pre(text) => Para::Pre(text),
            Block::Table(table) => {
                // A cell without links is read where it is, not copied.
                let cells: Vec<Cow<'_, str>> = table
                    .cells
                    .into_iter()
                    .map(|cell| {
                        let text = table.text.get(cell.span).unwrap_or("");
                        if cell.links.is_empty() {
                            Cow::Borrowed(text)
                        } else {
                            Cow::Owned(links.number_in(text, cell.links))
                        }
                    })
                    .collect();
                Para::Pre(lay_out(&cells, &table.rows, &table.align))
            }
        });
    out.extend(paragraphs);
    out.extend(links.urls.into_iter().enumerate().map(|(i, url)| {
        let url = text::fold(&url.replace(['\t', '\n'], " "));
        Para::Text(Text::Own(format!("[{}] {url}", i + 1)))
    }));
    out
}

/// How many links a block holds: at most as many addresses as it adds to its section's list.
fn link_count(block: &Block) -> usize {
    match block {
        Block::Paragraph(inline) => inline.links.len(),
        Block::Shared { links, .. } => links.len(),
        Block::Table(table) => table.cells.iter().map(|c| c.links.len()).sum(),
        Block::Heading { .. } | Block::SharedHeading { .. } | Block::Pre(_) => 0,
    }
}

/// The addresses of a section's links, numbered in order of first use.
#[derive(Default)]
struct Links {
    urls: Vec<String>,
}

impl Links {
    /// `inline`'s text with `[n]` after each link.
    fn number(&mut self, inline: Inline) -> String {
        if inline.links.is_empty() {
            return inline.text;
        }
        self.number_in(&inline.text, inline.links)
    }

    /// `text` with `[n]` after each of `links` (where each link's text ends, and its address).
    fn number_in(&mut self, text: &str, links: Vec<(usize, String)>) -> String {
        let mut out = String::with_capacity(text.len() + 4 * links.len());
        let mut at = 0;
        for (end, url) in links {
            let Some(before) = text.get(at..end) else { continue };
            out.push_str(before);
            at = end;
            let n = match self.urls.iter().position(|u| *u == url) {
                Some(i) => i + 1,
                None => {
                    self.urls.push(url);
                    self.urls.len()
                }
            };
            // Written in place: no string per number.
            let _ = write!(out, "[{n}]");
        }
        out.push_str(text.get(at..).unwrap_or(""));
        out
    }
}

/// Rows of cells (`rows`: how many of `cells` each has, in order) as lines `| a | b |`, each
/// column as wide as its widest cell, aligned as the table says, with a `|---|` rule under the
/// header row.
fn lay_out(cells: &[Cow<'_, str>], rows: &[usize], align: &[Alignment]) -> String {
    // Each cell measured once; every line written into one string.
    let cell_widths: Vec<usize> = cells.iter().map(|c| text::width(c)).collect();
    let row_cells = |start: usize, n: usize| start..(start + n).min(cells.len());
    let columns = rows.iter().copied().max().unwrap_or(0);
    let mut widths = vec![1; columns];
    let mut start = 0;
    for &n in rows {
        for (i, &width) in cell_widths[row_cells(start, n)].iter().enumerate() {
            widths[i] = widths[i].max(width);
        }
        start += n;
    }
    let bytes: usize = cells.iter().map(|c| c.len()).sum();
    let mut out = String::with_capacity(
        bytes + (rows.len() + 1) * (widths.iter().sum::<usize>() + 3 * columns + 2),
    );
    let mut start = 0;
    for (r, &n) in rows.iter().enumerate() {
        let span = row_cells(start, n);
        start += n;
        let (row, row_widths) = (&cells[span.clone()], &cell_widths[span]);
        if r > 0 {
            out.push('\n');
        }
        out.push('|');
        for (i, &w) in widths.iter().enumerate() {
            let cell = row.get(i).map_or("", |c| c);
            let pad = w - row_widths.get(i).copied().unwrap_or(0).min(w);
            let (left, right) = match align.get(i) {
                Some(Alignment::Right) => (pad, 0),
                Some(Alignment::Center) => (pad / 2, pad - pad / 2),
                _ => (0, pad),
            };
            out.push(' ');
            out.extend(std::iter::repeat_n(' ', left));
            out.push_str(cell);
            out.extend(std::iter::repeat_n(' ', right));
            out.push_str(" |");
        }
        if r == 0 && rows.len() > 1 {
            out.push_str("\n|");
            for (i, &w) in widths.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                out.extend(std::iter::repeat_n('-', w + 2));
            }
            out.push('|');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`super::sections`] of blocks with no shared text.
    fn sections(blocks: Vec<Block>) -> Vec<Section> {
        super::sections(blocks, String::new())
    }

    fn flatten(mut blocks: Vec<Block>) -> Vec<Para> {
        super::flatten(&mut blocks, &Rc::new(String::new()))
    }

    fn heading(rank: usize, text: &str) -> Block {
        Block::Heading { rank, text: text.into() }
    }

    fn para(text: &str) -> Block {
        Block::Paragraph(text.into())
    }

    fn section(title: &str, paragraphs: &[&str]) -> Section {
        let paragraphs = paragraphs
            .iter()
            .map(|p| match p.strip_prefix("§ ") {
                Some(h) => Para::Heading(Text::from(h)),
                None => Para::Text(Text::from(*p)),
            })
            .collect();
        Section { title: title.into(), paragraphs }
    }

    fn titles(blocks: Vec<Block>) -> Vec<String> {
        sections(blocks).into_iter().map(|s| s.title).collect()
    }

    #[test]
    fn shallowest_rank_makes_sections_and_deeper_ones_are_sub_headings() {
        let blocks = vec![
            heading(2, "One"),
            para("a"),
            heading(3, "Deeper"),
            para("b"),
            heading(4, "Deepest"),
            heading(2, "Two"),
            para("c"),
        ];
        assert_eq!(
            sections(blocks),
            vec![section("One", &["a", "§ Deeper", "b", "§ Deepest"]), section("Two", &["c"])]
        );
    }

    #[test]
    fn text_before_the_first_heading_is_the_introduction_however_long() {
        let blocks = vec![para("lead"), heading(2, "Main"), para("x")];
        assert_eq!(
            sections(blocks),
            vec![section(INTRODUCTION, &["lead"]), section("Main", &["x"])]
        );
        let mut blocks: Vec<Block> = (0..30).map(|i| para(&format!("p{i}"))).collect();
        blocks.push(heading(2, "Late"));
        assert_eq!(titles(blocks), vec![INTRODUCTION, "Late"]);
    }

    #[test]
    fn introduction_is_found_in_titles_as_lowercasing_would() {
        let lowercased = |t: &str| t.to_lowercase().contains("introduction");
        for title in [
            "1. Introduction",
            "INTRODUCTION",
            "An iNtRoDuCtIoN to it",
            "Intro",
            "İntroduction",
            "introductİon",
            "Introductíon",
            "",
        ] {
            assert_eq!(mentions_introduction(title), lowercased(title), "{title:?}");
        }
        // Every other character: only `İ` lowercases to something with a letter of the word
        // in it, `i` followed by U+0307, and no `i` of the word is followed by that.
        let word = "introduction";
        let with_letters: Vec<char> =
            ('\u{80}'..=char::MAX).filter(|c| c.to_lowercase().any(|l| word.contains(l))).collect();
        assert_eq!(with_letters, ['İ']);
        assert_eq!('İ'.to_lowercase().collect::<String>(), "i\u{307}");
    }

    #[test]
    fn introduction_is_not_repeated() {
        let blocks = vec![para("lead words"), heading(2, "1. Introduction"), para("x")];
        assert_eq!(titles(blocks), vec!["lead words", "1. Introduction"]);
    }

    #[test]
    fn a_long_section_is_cut_at_its_own_headings() {
        let long = "word ".repeat(LONG_SECTION / 5 / 3);
        let mut blocks = vec![heading(1, "Preamble"), para("short"), heading(1, "Terms")];
        for n in 0..4 {
            blocks.push(heading(2, &format!("{n}. Term")));
            blocks.push(para(&long));
            blocks.push(heading(3, "Deeper"));
        }
        blocks.push(heading(1, "End"));
        assert_eq!(
            titles(blocks.clone()),
            vec!["Preamble", "Terms", "0. Term", "1. Term", "2. Term", "3. Term", "End"]
        );
        // Headings with no parent, before the first top-level one, make sections.
        blocks.insert(0, para("lead"));
        blocks.insert(1, heading(2, "Orphan"));
        blocks.insert(2, heading(3, "Its sub-heading"));
        let cut = sections(blocks);
        assert_eq!(
            cut[..3].iter().map(|s| s.title.as_str()).collect::<Vec<_>>(),
            [INTRODUCTION, "Orphan", "Preamble"]
        );
        assert_eq!(cut[1].paragraphs, vec![Para::Heading("Its sub-heading".into())]);
    }

    #[test]
    fn a_part_title_is_cut_at_its_parts() {
        let blocks = vec![
            heading(1, "Terms"),
            heading(2, "0. Definitions."),
            para("a"),
            heading(2, "1. Source Code."),
            para("b"),
            heading(1, "Usage"),
            para("lead"),
            heading(2, "Stays inside"),
            para("c"),
            heading(2, "So does this"),
        ];
        assert_eq!(titles(blocks), vec!["Terms", "0. Definitions.", "1. Source Code.", "Usage"]);
    }

    #[test]
    fn empty_sections_are_kept() {
        let blocks = vec![heading(1, "A"), heading(1, "B"), para("x")];
        assert_eq!(sections(blocks), vec![section("A", &[]), section("B", &["x"])]);
    }

    #[test]
    fn no_headings_means_groups() {
        let blocks = vec![para("alpha beta"), para("gamma")];
        assert_eq!(sections(blocks), vec![section("alpha beta", &["alpha beta", "gamma"])]);
    }

    #[test]
    fn links_are_numbered_per_section_and_listed_at_its_end() {
        let linked = |text: &str, links: &[(usize, &str)]| {
            Block::Paragraph(Inline {
                text: text.into(),
                links: links.iter().map(|&(at, u)| (at, u.to_string())).collect(),
            })
        };
        let blocks = vec![
            heading(2, "A"),
            linked("see the Node.js website and docs", &[(23, "https://nodejs.org"), (32, "d")]),
            linked("again the site", &[(14, "https://nodejs.org")]),
            heading(2, "B"),
            linked("other", &[(5, "https://x")]),
        ];
        assert_eq!(
            sections(blocks),
            vec![
                section(
                    "A",
                    &[
                        "see the Node.js website[1] and docs[2]",
                        "again the site[1]",
                        "[1] https://nodejs.org",
                        "[2] d"
                    ]
                ),
                section("B", &["other[1]", "[1] https://x"]),
            ]
        );
    }

    #[test]
    fn tables_are_laid_out_as_rows() {
        let mut table =
            Table { align: vec![Alignment::None, Alignment::Right], ..Table::default() };
        for row in [["name", "n"], ["alpha", "1"], ["中文", "22"]] {
            for cell in row {
                let start = table.text.len();
                table.text.push_str(cell);
                table.cells.push(Cell { span: start..table.text.len(), links: Vec::new() });
            }
            table.rows.push(row.len());
        }
        let out = flatten(vec![Block::Table(Box::new(table))]);
        assert_eq!(
            out,
            vec![Para::Pre(
                "| name  |  n |\n|-------|----|\n| alpha |  1 |\n| 中文  | 22 |".into()
            )]
        );
    }
}
