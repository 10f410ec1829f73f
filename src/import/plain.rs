//! Plain-text articles: paragraphs at blank lines, the article's own headings, its title, and
//! the blocks that must keep their layout.
//!
//! - Tabs are expanded (8 columns) and each line's indentation is kept while reading, since
//!   centred headings and preformatted blocks are told by it.
//! - Paragraphs are separated by blank lines; their lines are joined (the reader folds line
//!   breaks). Text that was never wrapped (at least half the lines of a block longer than 100
//!   characters, as pasted from a web page) has one paragraph per line instead, each line read
//!   as if blank lines surrounded it. A paragraph whose lines include two or more list items
//!   (`- `, `* `, `• `, `1. `, `2) `...) is split into one paragraph per item (any lines before
//!   the first item stay a paragraph), so lists do not fold into one run of text.
//! - A block is **preformatted** (kept exactly, never reflowed) when it is laid out in columns
//!   (at least half its lines, and two or more, have a gap of three or more spaces inside
//!   them: a table), or when every line of it is indented by three or more spaces, it does
//!   not open with a list marker and it does not read as prose (lines of 40 characters or
//!   more on average with fewer than one code mark in 25 characters: an indented notice is
//!   reflowed, a code sample or a command is kept).
//! - Headings are lines that stand out, shorter than 90 characters: a line underlined with
//!   `===`, `---` or `~~~`; or a line standing alone between blank lines that is centred (or
//!   indented by 8 or more, near the middle of the text's width), numbered (`1. Introduction`,
//!   `  0. Definitions.`, `2 Methods`, `II. Results`, `3.1 Data`: at most 3 digits per number,
//!   a capital after it; a final `.` only when the words are capitalized) or ALL CAPS. Other
//!   headings do not end with `.` `,` `;` `:`. Numbered lines that follow each other with
//!   nothing between them are a list, not headings.
//! - Heading levels, from the top: `===` underlines; other underlines; centred lines; numbered
//!   `1` and ALL CAPS (one level: papers mix `ABSTRACT` with `1 Introduction`); `1.1`;
//!   `1.1.1`...
//! - The title is the first line when it stands alone and looks like one (shorter than 90
//!   characters, no final `.` `,` `;` `:`), or when it is an underlined or ALL-CAPS heading with
//!   no other heading of its level, or one followed at once by another heading; or a first
//!   block of centred lines, the first the title and the rest its subtitle. A numbered line
//!   is never the title.
//! - Lines made of one repeated `-` `=` `*` `_` `~` `#` `+` (separators) are dropped.

use super::outline::{Block, Inline, Parsed};

/// Titles and standalone headings are shorter than this, in characters.
const MAX_HEADING_CHARS: usize = 90;
/// Lines longer than this, in characters, are not from a hard-wrapped paragraph.
const MAX_WRAPPED_LINE: usize = 100;
/// Standalone headings have at most this many words.
const MAX_HEADING_WORDS: usize = 12;
/// Spaces inside a line that separate columns (two follow a full stop in older typing).
const COLUMN_GAP: &str = "   ";
/// Indentation from which every line of a block being indented makes it preformatted.
const PRE_INDENT: usize = 3;
/// Characters an indented line of prose has at least, on average.
const PROSE_LINE: usize = 40;
/// Prose has fewer than one code mark (`{` `<` `=` `;` `"`...) in this many characters.
const PROSE_MARKS: usize = 25;
/// Indentation from which a line standing alone may be centred.
const CENTRED_INDENT: usize = 8;

/// What makes a line a heading; its level follows from it (see [`rank`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Underlined(char),
    Centred,
    /// Numbered, with this many numbers (`3.1` is 2).
    Numbered(usize),
    Caps,
}

#[derive(Debug, PartialEq, Eq)]
enum Item {
    Heading(Kind, String),
    Text(String),
    Pre(String),
    /// A first block of centred lines: the title, then its subtitle.
    Title(Vec<String>),
}

/// A line with its indentation: `text` is trimmed, `indent` counts the spaces before it.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    raw: &'a str,
    text: &'a str,
    indent: usize,
}

/// The layout a run of lines is judged by: how wide the article's text is, and whether there
/// is enough of it to tell a centred line from an indented one.
struct Page {
    width: usize,
    is_judged: bool,
}

/// Lines of text an article needs before a line can be seen as centred in it.
const JUDGED_LINES: usize = 5;

/// Reads a plain-text article.
pub(super) fn parse(text: &str) -> Parsed {
    let expanded = crate::text::expand_tabs(text);
    let lines: Vec<Line> = expanded
        .split('\n')
        .map(|raw| {
            let raw = raw.trim_end();
            let text = raw.trim_start();
            Line { raw, text, indent: raw.chars().count() - text.chars().count() }
        })
        .collect();
    let text_lines = lines.iter().filter(|l| !l.text.is_empty()).count();
    let page = Page { width: text_width(&lines), is_judged: text_lines >= JUDGED_LINES };
    let mut items = Vec::new();
    for run in lines.split(|line| line.text.is_empty()).filter(|run| !run.is_empty()) {
        read_run(run, &page, &mut items);
    }
    let (title, subtitle) = take_title(&mut items);
    demote_lists(&mut items);
    let blocks = items
        .into_iter()
        .map(|item| match item {
            Item::Heading(kind, text) => Block::Heading { rank: rank(kind), text },
            Item::Text(text) => Block::Paragraph(Inline { text, links: Vec::new() }),
            Item::Pre(text) => Block::Pre(text),
            Item::Title(lines) => {
                Block::Heading { rank: rank(Kind::Centred), text: lines.join(" ") }
            }
        })
        .collect();
    Parsed { title, subtitle, blocks, shared: String::new() }
}

/// The width the article's text is set to: the longest line of 100 characters or fewer
/// (longer lines are unwrapped text, which centres nothing).
fn text_width(lines: &[Line]) -> usize {
    let widths = lines.iter().map(|l| l.raw.chars().count()).filter(|&w| w <= MAX_WRAPPED_LINE);
    widths.max().unwrap_or(0).max(40)
}

/// Heading levels: a smaller rank is a higher level.
fn rank(kind: Kind) -> usize {
    match kind {
        Kind::Underlined('=') => 0,
        Kind::Underlined(_) => 1,
        Kind::Centred => 2,
        Kind::Numbered(1) | Kind::Caps => 3,
        Kind::Numbered(depth) => depth + 2,
    }
}

/// One run of non-blank lines: a standalone heading, a title block, or paragraphs,
/// preformatted blocks and underlined headings.
fn read_run(run: &[Line], page: &Page, out: &mut Vec<Item>) {
    if let [line] = run {
        standalone(line, page, out);
        return;
    }
    if out.is_empty() && run.len() <= 3 && run.iter().all(|l| is_centred(l, page)) {
        out.push(Item::Title(run.iter().map(|l| l.text.to_string()).collect()));
        return;
    }
    let unwrapped = is_unwrapped(run);
    let text = |lines: &[Line], out: &mut Vec<Item>| {
        if lines.is_empty() {
        } else if is_preformatted(lines) {
            out.push(Item::Pre(preformatted(lines)));
        } else if unwrapped {
            lines.iter().for_each(|line| standalone(line, page, out));
        } else {
            texts(lines, out);
        }
    };
    let mut start = 0;
    let mut i = 0;
    while i < run.len() {
        let underline = run.get(i + 1).and_then(|next| underline(next.text));
        let line = run[i].text;
        if let Some(c) = underline
            && !is_separator(line)
            && is_short(line)
            && !ends_like_sentence(line)
        {
            text(&run[start..i], out);
            out.push(Item::Heading(Kind::Underlined(c), line.to_string()));
            i += 2;
            start = i;
        } else if is_separator(line) {
            text(&run[start..i], out);
            i += 1;
            start = i;
        } else {
            i += 1;
        }
    }
    text(&run[start..], out);
}

/// A line read on its own: a separator (dropped), a standalone heading, a preformatted line,
/// or a paragraph.
fn standalone(line: &Line, page: &Page, out: &mut Vec<Item>) {
    if is_separator(line.text) {
        return;
    }
    let heading = standalone_heading(line, page);
    out.push(match heading {
        Some(kind) => Item::Heading(kind, line.text.to_string()),
        // A first line stands for a title, however it is indented.
        None if !out.is_empty() && is_preformatted(std::slice::from_ref(line)) => {
            Item::Pre(preformatted(std::slice::from_ref(line)))
        }
        None => Item::Text(line.text.to_string()),
    });
}

/// Whether lines keep their layout: columns (a table), or all indented (code, a notice).
fn is_preformatted(lines: &[Line]) -> bool {
    let columns = lines.iter().filter(|l| l.text.contains(COLUMN_GAP)).count();
    if lines.len() >= 2 && columns * 2 >= lines.len() {
        return true;
    }
    lines.iter().all(|l| l.indent >= PRE_INDENT)
        && !lines.first().is_some_and(|l| is_list_item(l.text))
        && lines.iter().all(|l| l.raw.chars().count() <= MAX_WRAPPED_LINE)
        && !is_prose(lines)
}

/// Whether indented lines read as prose (a quoted notice, an indented paragraph), to be
/// reflowed, rather than code or a layout to keep: lines as long as wrapped text's, and
/// hardly any of the marks code is made of.
fn is_prose(lines: &[Line]) -> bool {
    let chars: usize = lines.iter().map(|l| l.text.chars().count()).sum();
    let marks: usize = lines
        .iter()
        .flat_map(|l| l.text.chars())
        .filter(|c| "{}[]()<>=;|\\\"$#_*&`~^@+".contains(*c))
        .count();
    chars >= PROSE_LINE * lines.len() && marks * PROSE_MARKS < chars
}

/// Lines as a preformatted block: the indentation they share removed, the rest kept.
fn preformatted(lines: &[Line]) -> String {
    let shared = lines.iter().map(|l| l.indent).min().unwrap_or(0);
    let strip = |l: &Line| l.raw.chars().skip(shared).collect::<String>();
    lines.iter().map(strip).collect::<Vec<_>>().join("\n")
}

/// Whether a line standing alone is centred: indented by [`CENTRED_INDENT`] or more, its
/// middle near the middle of the page.
fn is_centred(line: &Line, page: &Page) -> bool {
    let width = line.text.chars().count();
    let middle = line.indent * 2 + width;
    page.is_judged
        && line.indent >= CENTRED_INDENT
        && is_short(line.text)
        && middle.abs_diff(page.width) <= page.width / 3
}

/// Whether a run of lines holds one paragraph per line (text that was never wrapped, as
/// pasted from a web page) rather than one wrapped paragraph: at least half its lines are
/// longer than any line a wrapped text would have.
fn is_unwrapped(run: &[Line]) -> bool {
    let long = run.iter().filter(|line| line.text.chars().count() > MAX_WRAPPED_LINE).count();
    long * 2 >= run.len()
}

/// Lines of running text: one paragraph, or one per list item when they hold a list. A line
/// starts the next item only when it continues the list (the same bullet, or the next number
/// or letter) or starts another (after bullets, or at `1.`, `a)` or a bullet), so `7.` wrapped
/// to the start of a line inside item `b)` stays inside it.
fn texts(lines: &[Line], out: &mut Vec<Item>) {
    if lines.is_empty() {
        return;
    }
    let join = |lines: &[&str]| lines.join("\n");
    let lines: Vec<&str> = lines.iter().map(|l| l.text).collect();
    let mut starts = Vec::new();
    let mut last: Option<Marker> = None;
    for (i, line) in lines.iter().enumerate() {
        let Some(marker) = marker(line) else { continue };
        if last.is_none_or(|last| last.is_followed_by(marker)) {
            starts.push(i);
            last = Some(marker);
        }
    }
    if starts.len() < 2 {
        out.push(Item::Text(join(&lines)));
        return;
    }
    let mut from = 0;
    for &start in starts.iter().chain([&lines.len()]) {
        if start > from {
            out.push(Item::Text(join(&lines[from..start])));
        }
        from = start;
    }
}

/// What a list item starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    Bullet(char),
    Number(u32),
    Letter(u8),
}

impl Marker {
    /// Whether `next` is the marker of the item after one marked `self`.
    fn is_followed_by(self, next: Marker) -> bool {
        match (self, next) {
            (Marker::Bullet(a), Marker::Bullet(b)) => a == b,
            (Marker::Number(a), Marker::Number(b)) => b == a + 1,
            (Marker::Letter(a), Marker::Letter(b)) => b == a + 1,
            // Another kind of list: after bullets, or when it starts at its beginning.
            (Marker::Bullet(_), _) => true,
            (_, next) => {
                matches!(next, Marker::Bullet(_) | Marker::Number(0 | 1) | Marker::Letter(b'a'))
            }
        }
    }
}

/// The list marker a line starts with (see [`is_list_item`]).
fn marker(line: &str) -> Option<Marker> {
    if !is_list_item(line) {
        return None;
    }
    let first = line.chars().next()?;
    if let Some(n) = line.split(['.', ')']).next().and_then(|n| n.parse().ok()) {
        return Some(Marker::Number(n));
    }
    if first.is_ascii_lowercase() {
        return Some(Marker::Letter(first as u8));
    }
    Some(Marker::Bullet(first))
}

/// Takes the first item as the title (and a subtitle) when it looks like one and more follows.
fn take_title(items: &mut Vec<Item>) -> (Option<String>, Option<String>) {
    let Some((first, rest)) = items.split_first() else { return (None, None) };
    if rest.is_empty() {
        return (None, None);
    }
    let next_is_heading = matches!(rest.first(), Some(Item::Heading(..)));
    let is_title = match first {
        Item::Title(_) => true,
        Item::Text(text) => {
            !text.contains('\n')
                && is_short(text)
                && !ends_like_sentence(text)
                && !is_list_item(text)
        }
        Item::Pre(_) | Item::Heading(Kind::Numbered(_), _) => false,
        Item::Heading(kind, _) => {
            let same_level =
                |item: &Item| matches!(item, Item::Heading(k, _) if rank(*k) == rank(*kind));
            next_is_heading || !rest.iter().any(same_level)
        }
    };
    if !is_title {
        return (None, None);
    }
    match items.remove(0) {
        Item::Text(text) | Item::Heading(_, text) | Item::Pre(text) => (Some(text), None),
        Item::Title(mut lines) => {
            let title = lines.remove(0);
            let subtitle = (!lines.is_empty()).then(|| lines.join(" "));
            (Some(title), subtitle)
        }
    }
}

/// Numbered "headings" that follow each other with no text between are a list: made text.
fn demote_lists(items: &mut [Item]) {
    let mut i = 0;
    while i < items.len() {
        let Item::Heading(Kind::Numbered(depth), _) = items[i] else {
            i += 1;
            continue;
        };
        let run = items[i..]
            .iter()
            .take_while(|item| matches!(item, Item::Heading(Kind::Numbered(d), _) if *d == depth))
            .count();
        if run >= 2 {
            for item in &mut items[i..i + run] {
                if let Item::Heading(_, text) = item {
                    *item = Item::Text(std::mem::take(text));
                }
            }
        }
        i += run;
    }
}

fn is_short(line: &str) -> bool {
    line.chars().count() < MAX_HEADING_CHARS
}

fn ends_like_sentence(line: &str) -> bool {
    line.ends_with(['.', ',', ';', ':'])
}

/// `===`, `---` or `~~~` (three or more) under a heading.
fn underline(line: &str) -> Option<char> {
    let first = line.chars().next()?;
    (matches!(first, '=' | '-' | '~') && line.len() >= 3 && line.chars().all(|c| c == first))
        .then_some(first)
}

/// A line of one repeated mark (spaces allowed): `-----`, `* * *`, `#####`.
fn is_separator(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| *c != ' ');
    let Some(first) = marks.next() else {
        return false;
    };
    "-=*_~#+".contains(first)
        && line.chars().filter(|c| *c != ' ').count() >= 3
        && marks.all(|c| c == first)
}

/// A line that starts a list item: `- `, `* `, `+ `, `• `, `– `, `1. `, `12) `, `a) `.
fn is_list_item(line: &str) -> bool {
    if ["- ", "* ", "+ ", "• ", "– ", "· "].iter().any(|m| line.starts_with(m)) {
        return true;
    }
    let bytes = line.as_bytes();
    if bytes.len() > 2 && bytes[0].is_ascii_lowercase() && line[1..].starts_with(") ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// A heading that stands alone between blank lines: centred, numbered or ALL CAPS.
fn standalone_heading(line: &Line, page: &Page) -> Option<Kind> {
    let text = line.text;
    if !is_short(text) || text.split_whitespace().count() > MAX_HEADING_WORDS {
        return None;
    }
    if let Some(depth) = numbered(text)
        && (!ends_like_sentence(text) || (text.ends_with('.') && is_capitalized(text)))
    {
        return Some(Kind::Numbered(depth));
    }
    if ends_like_sentence(text) {
        return None;
    }
    if is_centred(line, page) {
        return Some(Kind::Centred);
    }
    is_caps(text).then_some(Kind::Caps)
}

/// Whether a heading's words are capitalized, as in a title: every word of five or more
/// letters after the number starts with a capital.
fn is_capitalized(text: &str) -> bool {
    text.split_whitespace()
        .skip(1)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 5)
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// How many numbers a numbered heading has: `2 Methods` 1, `II. Results` 1, `3.1 Data` 2.
fn numbered(line: &str) -> Option<usize> {
    let (number, rest) = line.split_once(char::is_whitespace)?;
    let first = rest.trim_start().chars().next()?;
    if !first.is_alphabetic() || first.is_lowercase() {
        return None;
    }
    let is_roman =
        |r: &&str| !r.is_empty() && r.len() <= 6 && r.chars().all(|c| "IVXLCDM".contains(c));
    if number.strip_suffix('.').filter(is_roman).is_some() {
        return Some(1);
    }
    let arabic = number.strip_suffix('.').unwrap_or(number);
    let parts: Vec<&str> = arabic.split('.').collect();
    let is_number = |p: &&str| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    parts.iter().all(is_number).then_some(parts.len())
}

/// At least two capital letters and no lowercase one.
fn is_caps(line: &str) -> bool {
    !line.chars().any(char::is_lowercase) && line.chars().filter(|c| c.is_uppercase()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> (Option<String>, Vec<String>) {
        let parsed = parse(text);
        let blocks = parsed
            .blocks
            .into_iter()
            .map(|b| match b {
                Block::Heading { rank, text } => format!("#{rank} {text}"),
                Block::Paragraph(p) => p.text,
                Block::Pre(text) => format!("PRE:{text}"),
                Block::Table(_) | Block::Shared { .. } | Block::SharedHeading { .. } => {
                    unreachable!("plain text has no tables and no shared text")
                }
            })
            .collect();
        (parsed.title, blocks)
    }

    #[test]
    fn first_line_is_the_title_when_it_looks_like_one() {
        let (title, rest) = blocks("China’s AI: Innovate or Imitate?\n\nFirst.\n\nSecond.\n");
        assert_eq!(title.as_deref(), Some("China’s AI: Innovate or Imitate?"));
        assert_eq!(rest, vec!["First.", "Second."]);
        assert_eq!(blocks("A sentence.\n\nMore.").0, None);
        assert_eq!(blocks("Only a line").0, None);
        assert_eq!(blocks("Two lines\nof text\n\nMore.").0, None);
        assert_eq!(blocks("1. Introduction\n\nText.").0, None);
    }

    #[test]
    fn underlined_headings() {
        let text = "The Title\n=========\n\nIntro line one\nline two.\n\nPart A\n------\nText A.\n\n\
                    Part B\n------\n\nText B.\n";
        let (title, rest) = blocks(text);
        assert_eq!(title.as_deref(), Some("The Title"));
        assert_eq!(
            rest,
            vec!["Intro line one\nline two.", "#1 Part A", "Text A.", "#1 Part B", "Text B."]
        );
    }

    #[test]
    fn numbered_and_caps_headings() {
        let text = "ABSTRACT\n\nWe study.\n\n1 INTRODUCTION\n\nText.\n\n1.1 Scope\n\nMore.\n\nII. Results\n\nDone.";
        let (title, rest) = blocks(text);
        assert_eq!(title, None);
        assert_eq!(
            rest,
            vec![
                "#3 ABSTRACT",
                "We study.",
                "#3 1 INTRODUCTION",
                "Text.",
                "#4 1.1 Scope",
                "More.",
                "#3 II. Results",
                "Done."
            ]
        );
    }

    #[test]
    fn caps_title_before_a_heading() {
        let (title, rest) = blocks("THE REPORT\n\nSUMMARY\n\nText.\n\nDETAILS\n\nMore.");
        assert_eq!(title.as_deref(), Some("THE REPORT"));
        assert_eq!(rest[0], "#3 SUMMARY");
    }

    #[test]
    fn not_headings() {
        let page = Page { width: 72, is_judged: true };
        for line in [
            "2024 was a year",
            "1. the lower case",
            "I think so",
            "A normal short line",
            "Ends with a period LIKE THIS.",
            "NOTE: SEE BELOW:",
            "X",
        ] {
            let line = Line { raw: line, text: line, indent: 0 };
            assert_eq!(standalone_heading(&line, &page), None, "{}", line.text);
        }
    }

    #[test]
    fn consecutive_numbered_lines_are_a_list() {
        let (_, rest) = blocks("Intro.\n\n1. Apples\n\n2. Pears\n\nEnd.\n\n3 Methods\n\nText.");
        assert_eq!(rest, vec!["Intro.", "1. Apples", "2. Pears", "End.", "#3 3 Methods", "Text."]);
    }

    #[test]
    fn list_lines_become_paragraphs() {
        let (_, rest) = blocks("x\n\nWe found:\n- one\n  continued\n- two\n3) three");
        assert_eq!(rest, vec!["We found:", "- one\ncontinued", "- two", "3) three"]);
        let (_, rest) = blocks("x\n\n- a lone dash line\nand more prose");
        assert_eq!(rest, vec!["- a lone dash line\nand more prose"]);
    }

    #[test]
    fn a_number_wrapped_to_the_start_of_a_line_stays_in_its_item() {
        let (_, rest) = blocks(
            "x\n\nIntro:\n  a) one\n  b) two, under section\n  7.  This goes on.\n  c) three\n\n\
             1. first\n2. second\n2. not third\n",
        );
        assert_eq!(
            rest,
            vec![
                "Intro:",
                "a) one",
                "b) two, under section\n7.  This goes on.",
                "c) three",
                "1. first",
                "2. second\n2. not third"
            ]
        );
    }

    #[test]
    fn unwrapped_text_has_a_paragraph_per_line() {
        let long = "word ".repeat(30);
        let text = format!("The Title\n{long}one\n1. Methods\n{long}two\nThanks.\n{long}three");
        let (title, rest) = blocks(&text);
        assert_eq!(title.as_deref(), Some("The Title"));
        let long = long.trim_end();
        assert_eq!(
            rest,
            vec![
                format!("{long} one"),
                "#3 1. Methods".into(),
                format!("{long} two"),
                "Thanks.".into(),
                format!("{long} three")
            ]
        );
        let wrapped = format!("Title\n\nshort line\n{long}\nshort again");
        assert_eq!(blocks(&wrapped).1.len(), 1);
    }

    #[test]
    fn separators_are_dropped() {
        let (_, rest) = blocks("Title\n\nOne.\n\n* * *\n\nTwo.\n-----\nThree.\n");
        assert_eq!(rest, vec!["One.", "Two.", "Three."]);
    }

    #[test]
    fn a_licence_keeps_its_shape() {
        let text = "                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n\
                    \x20Copyright (C) 2007 Free Software Foundation, Inc.\n\n\
                    \x20                           Preamble\n\n\
                    \x20 The GNU General Public License is a free, copyleft license for\n\
                    software and other kinds of works.\n\n\
                    \x20                      TERMS AND CONDITIONS\n\n\
                    \x20 0. Definitions.\n\n\
                    \x20 \"This License\" refers to version 3 of the GNU General Public License.\n\n\
                    \x20 1. Source Code.\n\n\
                    \x20 The \"source code\" for a work means the preferred form of the work.\n\n\
                    \x20   a) The work must carry prominent notices stating that you modified\n\
                    \x20   it, and giving a relevant date.\n\n\
                    \x20   <one line to give the program's name>\n\
                    \x20   Copyright (C) <year>  <name of author>\n";
        let parsed = parse(text);
        assert_eq!(parsed.title.as_deref(), Some("GNU GENERAL PUBLIC LICENSE"));
        assert_eq!(parsed.subtitle.as_deref(), Some("Version 3, 29 June 2007"));
        let (_, rest) = blocks(text);
        assert_eq!(
            rest,
            vec![
                "Copyright (C) 2007 Free Software Foundation, Inc.",
                "#2 Preamble",
                "The GNU General Public License is a free, copyleft license for\nsoftware and other kinds of works.",
                "#2 TERMS AND CONDITIONS",
                "#3 0. Definitions.",
                "\"This License\" refers to version 3 of the GNU General Public License.",
                "#3 1. Source Code.",
                "The \"source code\" for a work means the preferred form of the work.",
                "a) The work must carry prominent notices stating that you modified\nit, and giving a relevant date.",
                "PRE:<one line to give the program's name>\nCopyright (C) <year>  <name of author>",
            ]
        );
    }

    #[test]
    fn tables_and_indented_code_are_preformatted() {
        let text = "Title\n\nSome text.\n\n  Status      Pending   Awaited\n  unpacked    never     maybe\n\n\
                    Run it as:\n\n   postinst triggered \"<name>\"\n\n\tif x:\n\t    y\n";
        let (_, rest) = blocks(text);
        assert_eq!(
            rest,
            vec![
                "Some text.",
                "PRE:Status      Pending   Awaited\nunpacked    never     maybe",
                "Run it as:",
                "PRE:postinst triggered \"<name>\"",
                "PRE:if x:\n    y",
            ]
        );
    }
}
