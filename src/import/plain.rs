//! Plain-text articles: paragraphs at blank lines, the article's own headings, and its title.
//!
//! - Paragraphs are separated by blank lines; their lines are kept (trimmed), since the reader
//!   folds line breaks. Text that was never wrapped (at least half the lines of a block longer
//!   than 100 characters, as pasted from a web page) has one paragraph per line instead, each
//!   line read as if blank lines surrounded it. A paragraph whose lines include two or more list items (`- `, `* `,
//!   `• `, `1. `, `2) `...) is split into one paragraph per item (any lines before the first
//!   item stay a paragraph), so lists do not fold into one run of text.
//! - Headings are lines that stand out, shorter than 90 characters and not ending with `.` `,`
//!   `;` `:`: a line underlined with `===`, `---` or `~~~`; or a line standing alone between
//!   blank lines that is numbered (`1. Introduction`, `2 Methods`, `II. Results`,
//!   `3.1 Data`: at most 3 digits per number, a capital after it) or ALL CAPS. Numbered lines
//!   that follow each other with nothing between them are a list, not headings.
//! - Heading levels, from the top: `===` underlines; other underlines; numbered `1` and ALL
//!   CAPS (one level: papers mix `ABSTRACT` with `1 Introduction`); `1.1`; `1.1.1`...
//! - The first line is the title when it stands alone and looks like one (shorter than 90
//!   characters, no final `.` `,` `;` `:`), or when it is an underlined or ALL-CAPS heading with
//!   no other heading of its level, or one followed at once by another heading. A numbered line
//!   is never the title.
//! - Lines made of one repeated `-` `=` `*` `_` `~` `#` `+` (separators) are dropped.

use super::outline::{Block, Parsed};

/// Titles and standalone headings are shorter than this, in characters.
const MAX_HEADING_CHARS: usize = 90;
/// Lines longer than this, in characters, are not from a hard-wrapped paragraph.
const MAX_WRAPPED_LINE: usize = 100;
/// Standalone headings have at most this many words.
const MAX_HEADING_WORDS: usize = 12;

/// What makes a line a heading; its level follows from it (see [`rank`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Underlined(char),
    /// Numbered, with this many numbers (`3.1` is 2).
    Numbered(usize),
    Caps,
}

#[derive(Debug, PartialEq, Eq)]
enum Item {
    Heading(Kind, String),
    Text(String),
}

/// Reads a plain-text article.
pub(super) fn parse(text: &str) -> Parsed {
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    let mut items = Vec::new();
    for run in lines.split(|line| line.is_empty()).filter(|run| !run.is_empty()) {
        read_run(run, &mut items);
    }
    let title = take_title(&mut items);
    demote_lists(&mut items);
    let blocks = items
        .into_iter()
        .map(|item| match item {
            Item::Heading(kind, text) => Block::Heading { rank: rank(kind), text },
            Item::Text(text) => Block::Paragraph(text),
        })
        .collect();
    Parsed { title, blocks }
}

/// Heading levels: a smaller rank is a higher level.
fn rank(kind: Kind) -> usize {
    match kind {
        Kind::Underlined('=') => 0,
        Kind::Underlined(_) => 1,
        Kind::Numbered(1) | Kind::Caps => 2,
        Kind::Numbered(depth) => depth + 1,
    }
}

/// One run of non-blank lines: a standalone heading, or paragraphs and underlined headings.
fn read_run(run: &[&str], out: &mut Vec<Item>) {
    if let [line] = run {
        standalone(line, out);
        return;
    }
    let unwrapped = is_unwrapped(run);
    let text = |lines: &[&str], out: &mut Vec<Item>| {
        if unwrapped {
            lines.iter().for_each(|line| standalone(line, out));
        } else {
            texts(lines, out);
        }
    };
    let mut start = 0;
    let mut i = 0;
    while i < run.len() {
        let underline = run.get(i + 1).and_then(|next| underline(next));
        if let Some(c) = underline
            && !is_separator(run[i])
            && is_short(run[i])
            && !ends_like_sentence(run[i])
        {
            text(&run[start..i], out);
            out.push(Item::Heading(Kind::Underlined(c), run[i].to_string()));
            i += 2;
            start = i;
        } else if is_separator(run[i]) {
            text(&run[start..i], out);
            i += 1;
            start = i;
        } else {
            i += 1;
        }
    }
    text(&run[start..], out);
}

/// A line read on its own: a separator (dropped), a standalone heading, or a paragraph.
fn standalone(line: &str, out: &mut Vec<Item>) {
    if is_separator(line) {
        return;
    }
    out.push(match standalone_heading(line) {
        Some(kind) => Item::Heading(kind, line.to_string()),
        None => Item::Text(line.to_string()),
    });
}

/// Whether a run of lines holds one paragraph per line (text that was never wrapped, as
/// pasted from a web page) rather than one wrapped paragraph: at least half its lines are
/// longer than any line a wrapped text would have.
fn is_unwrapped(run: &[&str]) -> bool {
    let long = run.iter().filter(|line| line.chars().count() > MAX_WRAPPED_LINE).count();
    long * 2 >= run.len()
}

/// Lines of running text: one paragraph, or one per list item when they hold a list.
fn texts(lines: &[&str], out: &mut Vec<Item>) {
    if lines.is_empty() {
        return;
    }
    if lines.iter().filter(|l| is_list_item(l)).count() < 2 {
        out.push(Item::Text(lines.join("\n")));
        return;
    }
    let mut current: Vec<&str> = Vec::new();
    for line in lines {
        if is_list_item(line) && !current.is_empty() {
            out.push(Item::Text(current.join("\n")));
            current.clear();
        }
        current.push(line);
    }
    out.push(Item::Text(current.join("\n")));
}

/// Takes the first item as the title when it looks like one and more follows.
fn take_title(items: &mut Vec<Item>) -> Option<String> {
    let (first, rest) = items.split_first()?;
    let next_is_heading = matches!(rest.first()?, Item::Heading(..));
    let is_title = match first {
        Item::Text(text) => {
            !text.contains('\n')
                && is_short(text)
                && !ends_like_sentence(text)
                && !is_list_item(text)
        }
        Item::Heading(Kind::Numbered(_), _) => false,
        Item::Heading(kind, _) => {
            let same_level =
                |item: &Item| matches!(item, Item::Heading(k, _) if rank(*k) == rank(*kind));
            next_is_heading || !rest.iter().any(same_level)
        }
    };
    if !is_title {
        return None;
    }
    match items.remove(0) {
        Item::Text(text) | Item::Heading(_, text) => Some(text),
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

/// A line that starts a list item: `- `, `* `, `+ `, `• `, `– `, `1. `, `12) `.
fn is_list_item(line: &str) -> bool {
    if ["- ", "* ", "+ ", "• ", "– ", "· "].iter().any(|m| line.starts_with(m)) {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// A heading that stands alone between blank lines: numbered or ALL CAPS.
fn standalone_heading(line: &str) -> Option<Kind> {
    if !is_short(line)
        || ends_like_sentence(line)
        || line.split_whitespace().count() > MAX_HEADING_WORDS
    {
        return None;
    }
    numbered(line).map(Kind::Numbered).or_else(|| is_caps(line).then_some(Kind::Caps))
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
                Block::Paragraph(p) => p,
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
                "#2 ABSTRACT",
                "We study.",
                "#2 1 INTRODUCTION",
                "Text.",
                "#3 1.1 Scope",
                "More.",
                "#2 II. Results",
                "Done."
            ]
        );
    }

    #[test]
    fn caps_title_before_a_heading() {
        let (title, rest) = blocks("THE REPORT\n\nSUMMARY\n\nText.\n\nDETAILS\n\nMore.");
        assert_eq!(title.as_deref(), Some("THE REPORT"));
        assert_eq!(rest[0], "#2 SUMMARY");
    }

    #[test]
    fn not_headings() {
        for line in [
            "2024 was a year",
            "1. the lower case",
            "I think so",
            "A normal short line",
            "Ends with a period LIKE THIS.",
            "NOTE: SEE BELOW:",
            "X",
        ] {
            assert_eq!(standalone_heading(line), None, "{line}");
        }
    }

    #[test]
    fn consecutive_numbered_lines_are_a_list() {
        let (_, rest) = blocks("Intro.\n\n1. Apples\n\n2. Pears\n\nEnd.\n\n3 Methods\n\nText.");
        assert_eq!(rest, vec!["Intro.", "1. Apples", "2. Pears", "End.", "#2 3 Methods", "Text."]);
    }

    #[test]
    fn list_lines_become_paragraphs() {
        let (_, rest) = blocks("x\n\nWe found:\n- one\n  continued\n- two\n3) three");
        assert_eq!(rest, vec!["We found:", "- one\ncontinued", "- two", "3) three"]);
        let (_, rest) = blocks("x\n\n- a lone dash line\nand more prose");
        assert_eq!(rest, vec!["- a lone dash line\nand more prose"]);
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
                "#2 1. Methods".into(),
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
}
