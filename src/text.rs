//! Plain-text helpers shared by the loader, the reader and the plain renderer: folding a body
//! into paragraphs, and wrapping a paragraph to a width measured in terminal columns.
//!
//! Wrapping works on grapheme clusters and `unicode-width`, so CJK and emoji are never split or
//! mis-measured, and words longer than a line are broken. Lines are byte ranges into the
//! paragraph, so a highlight (a quote, a search match) maps onto wrapped lines without copying.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Splits text into paragraphs at blank lines and folds each paragraph's whitespace (spaces
/// and line breaks) into single spaces. Empty paragraphs are dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in lines(text) {
        let line = line.trim_matches(' ');
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        push_folded(&mut current, line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Columns between tab stops in preformatted text (as a terminal sets them).
pub const TAB_STOP: usize = 8;

/// `text` with each tab replaced by the spaces up to the next [`TAB_STOP`] column (columns
/// counted in terminal columns from the start of each line). Borrowed when there is no tab.
pub fn expand_tabs(text: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'\t', text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' => {
                out.push(c);
                column = 0;
            }
            c => {
                out.push(c);
                column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A preformatted paragraph as the reader keeps it: its lines as written, trailing spaces
/// dropped, blank lines at either end dropped (blank lines inside kept). Empty when there is
/// nothing but whitespace.
pub fn preformatted(text: &str) -> String {
    let lines: Vec<&str> = lines(text).map(|l| l.trim_end_matches([' ', '\r'])).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

/// `text.split('\n')`, with the line breaks found by a vectorized search.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    ends.map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
}

/// Folds spaces and line breaks into single spaces and trims the ends.
pub fn fold(text: &str) -> String {
    if !needs_fold(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for line in lines(text).map(|l| l.trim_matches(' ')).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        push_folded(&mut out, line);
    }
    out
}

/// [`fold`] for a string the caller owns: text already folded is handed back without a copy.
pub fn fold_owned(text: String) -> String {
    if needs_fold(&text) { fold(&text) } else { text }
}

/// Whether [`fold`] would change `text`: it has a line break, a run of spaces, or a space at
/// either end.
fn needs_fold(text: &str) -> bool {
    text.starts_with(' ')
        || text.ends_with(' ')
        || memchr::memchr(b'\n', text.as_bytes()).is_some()
        || has_space_run(text)
}

/// Whether `text` holds a run of two or more spaces.
fn has_space_run(text: &str) -> bool {
    // Built once: a searcher costs more to build than most text takes to search.
    static SPACE_RUN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("  "));
    SPACE_RUN.find(text.as_bytes()).is_some()
}

/// Bytes [`is_plain_line`] tests at once, with the byte after them.
const CHUNK: usize = 16;
const WINDOW: usize = CHUNK + 1;

/// Whether `text` is printable ASCII, folded and on one line: text that neither `sanitize`
/// nor [`fold`] changes, and that a loader can keep as it is. Most one-line fields are.
pub fn is_plain_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(last) = bytes.len().checked_sub(WINDOW) else {
        // Short text is tested as one window, padded with a printable byte that is no space.
        let mut window = [b'-'; WINDOW];
        window[..bytes.len()].copy_from_slice(bytes);
        return !text.starts_with(' ') && !text.ends_with(' ') && is_plain_window(&window);
    };
    // A window tests the first CHUNK bytes of it: the very last byte is left, and must be
    // printable but no space.
    if text.starts_with(' ') || !(b'!'..=b'~').contains(&bytes[bytes.len() - 1]) {
        return false;
    }
    let mut start = 0;
    loop {
        // The last window ends where the text does, overlapping the one before it.
        let window = start.min(last);
        // Always a whole window (`window <= last`); were it not, "not plain" sends the text
        // the slow, always right way.
        let Some(tested) = bytes.get(window..).and_then(<[u8]>::first_chunk) else {
            return false;
        };
        if !is_plain_window(tested) {
            return false;
        }
        if window == last {
            return true;
        }
        start += CHUNK;
    }
}

/// Whether the first CHUNK bytes of `window` are printable ASCII, none of them a space
/// followed by another. Branch-free, so the compiler tests the window in a few vector
/// instructions.
fn is_plain_window(window: &[u8; WINDOW]) -> bool {
    !window[..CHUNK].iter().zip(&window[1..]).fold(false, |other, (&b, &next)| {
        other | (b.wrapping_sub(b' ') > b'~' - b' ') | ((b ^ b' ') | (next ^ b' ') == 0)
    })
}

/// Appends a trimmed line with runs of spaces folded; a line without runs (the usual case)
/// is copied in one go.
fn push_folded(out: &mut String, line: &str) {
    if !has_space_run(line) {
        out.push_str(line);
        return;
    }
    for (i, word) in line.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Display width of `text` in terminal columns.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Wraps a folded paragraph to `width` columns. Returns the byte range of each line, without
/// the spaces at the break. Words wider than a line are broken between graphemes. A width of
/// zero is treated as one.
pub fn wrap(paragraph: &str, width: usize) -> Vec<Range<usize>> {
    wrap_hanging(paragraph, width, 0)
}

/// [`wrap`], every line after the first `indent` columns narrower (a list item's hanging
/// indent, see [`hanging_indent`]). An indent that would leave less than half the width is
/// not applied.
pub fn wrap_hanging(paragraph: &str, width: usize, indent: usize) -> Vec<Range<usize>> {
    let first_width = width.max(1);
    let indent = if indent * 2 > first_width { 0 } else { indent };
    let mut width = first_width;
    let mut lines = Vec::new();
    let mut start = 0; // start of the current line
    let mut end = 0; // end of the last word placed on it
    let mut used = 0; // columns used by start..end
    for (word_start, word) in words(paragraph) {
        let word_width = UnicodeWidthStr::width(word);
        let gap = usize::from(end > start);
        if end > start && used + gap + word_width <= width {
            end = word_start + word.len();
            used += gap + word_width;
            continue;
        }
        if end > start {
            lines.push(start..end);
            width = first_width - indent;
        }
        if word_width <= width {
            (start, end, used) = (word_start, word_start + word.len(), word_width);
            continue;
        }
        // A word wider than the line: break it between graphemes.
        (start, used) = (word_start, 0);
        for (offset, grapheme) in word.grapheme_indices(true) {
            let w = UnicodeWidthStr::width(grapheme);
            if used + w > width && used > 0 {
                lines.push(start..word_start + offset);
                (start, used) = (word_start + offset, 0);
                width = first_width - indent;
            }
            used += w;
        }
        end = word_start + word.len();
    }
    if end > start {
        lines.push(start..end);
    }
    lines
}

/// Columns by which the lines after the first of a list item are indented: the width of its
/// leading no-break spaces (the importer's nesting) and its marker (`• `, `- `, `* `, `1. `,
/// `12) `, `a) `, `[3] `), so wrapped lines start under the item's text. Zero for a paragraph
/// that starts with none of them.
pub fn hanging_indent(paragraph: &str) -> usize {
    let body = paragraph.trim_start_matches('\u{a0}');
    let nesting = (paragraph.len() - body.len()) / '\u{a0}'.len_utf8();
    let marker = list_marker(body);
    if marker == 0 { 0 } else { nesting + width(&body[..marker]) }
}

/// The bytes of the list marker `text` starts with, the space after it included; zero for none.
fn list_marker(text: &str) -> usize {
    for bullet in ["• ", "- ", "* ", "+ ", "– ", "· ", "> "] {
        if text.starts_with(bullet) {
            return bullet.len();
        }
    }
    let bytes = text.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let letter = usize::from(digits == 0 && bytes.first().is_some_and(u8::is_ascii_lowercase));
    let number = digits + letter;
    if (1..=3).contains(&number)
        && (digits > 0 || bytes.get(1) == Some(&b')'))
        && matches!(bytes.get(number), Some(b'.' | b')'))
        && bytes.get(number + 1) == Some(&b' ')
    {
        return number + 2;
    }
    if bytes.first() == Some(&b'[')
        && let Some(close) = text.find("] ")
        && (2..=4).contains(&close)
        && bytes[1..close].iter().all(u8::is_ascii_digit)
    {
        return close + 2;
    }
    0
}

/// Words of a folded paragraph with their byte offsets.
fn words(paragraph: &str) -> impl Iterator<Item = (usize, &str)> {
    paragraph
        .split(' ')
        .scan(0, |offset, word| {
            let start = *offset;
            *offset += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    /// [`fold`] the simple way: the fast paths must agree with it.
    fn fold_simple(text: &str) -> String {
        let words = text.split('\n').flat_map(|line| line.split(' ')).filter(|w| !w.is_empty());
        words.collect::<Vec<_>>().join(" ")
    }

    /// [`paragraphs`] the simple way.
    fn paragraphs_simple(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        for line in text.split('\n') {
            if line.trim_matches(' ').is_empty() && !words.is_empty() {
                out.push(words.join(" "));
                words.clear();
            }
            words.extend(line.split(' ').filter(|w| !w.is_empty()));
        }
        if !words.is_empty() {
            out.push(words.join(" "));
        }
        out
    }

    /// [`is_plain_line`] the simple way.
    fn is_plain_line_simple(text: &str) -> bool {
        text.bytes().all(|b| (b' '..=b'~').contains(&b)) && fold_simple(text) == text
    }

    #[test]
    fn plain_lines_at_every_offset() {
        // A byte or a run of spaces at every offset of texts of every length around one and
        // two windows, where the windows overlap and the padding starts.
        for len in 0..=2 * WINDOW + 2 {
            for at in 0..=len {
                for odd in [" ", "  ", "\n", "\u{7f}", "\u{1f}", "é"] {
                    let text = format!("{}{odd}{}", "a".repeat(at), "b".repeat(len - at));
                    assert_eq!(is_plain_line(&text), is_plain_line_simple(&text), "{text:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn fast_paths_agree_with_the_simple_ones(
            text in proptest::collection::vec(
                prop_oneof![
                    6 => Just('a'),
                    3 => Just(' '),
                    1 => Just('\n'),
                    1 => proptest::sample::select(&['~', '\t', '\u{7f}', 'é', '中'][..]),
                ],
                0..70,
            ).prop_map(|v| v.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(fold(&text), fold_simple(&text));
            prop_assert_eq!(fold_owned(text.clone()), fold_simple(&text));
            prop_assert_eq!(paragraphs(&text), paragraphs_simple(&text));
            prop_assert_eq!(is_plain_line(&text), is_plain_line_simple(&text));
            prop_assert_eq!(super::lines(&text).collect::<Vec<_>>(), text.split('\n').collect::<Vec<_>>());
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_fold() {
        let body = "  one\ntwo  three\n\n   \nfour\n";
        assert_eq!(paragraphs(body), vec!["one two three", "four"]);
        assert!(paragraphs(" \n\n").is_empty());
    }

    #[test]
    fn wrap_fills_lines_by_width() {
        assert_eq!(lines("the quick brown fox jumps", 10), vec!["the quick", "brown fox", "jumps"]);
        assert_eq!(lines("exact fit", 9), vec!["exact fit"]);
    }

    #[test]
    fn wrap_breaks_long_words() {
        assert_eq!(lines("a abcdefghij b", 4), vec!["a", "abcd", "efgh", "ij b"]);
    }

    #[test]
    fn wrap_never_splits_wide_characters() {
        // Each CJK character is two columns: three fit in 7, never half of one.
        assert_eq!(lines("中文字符测试", 7), vec!["中文字", "符测试"]);
        for line in lines("😀😀😀 中文 ab", 3) {
            assert!(width(line) <= 3, "{line}");
        }
        // A grapheme wider than the line still goes on a line of its own.
        assert_eq!(lines("中", 1), vec!["中"]);
    }

    #[test]
    fn wrap_keeps_emoji_sequences_whole() {
        let flag = "🇫🇷🇫🇷";
        assert_eq!(lines(flag, 2), vec!["🇫🇷", "🇫🇷"]);
    }

    #[test]
    fn list_items_hang() {
        assert_eq!(hanging_indent("• one two"), 2);
        assert_eq!(hanging_indent("\u{a0}\u{a0}• nested"), 4);
        assert_eq!(hanging_indent("12. twelve"), 4);
        assert_eq!(hanging_indent("a) first"), 3);
        assert_eq!(hanging_indent("[3] https://x"), 4);
        for plain in ["plain text", "2024 was a year", "a. b", "ab) no", "[x] no", ""] {
            assert_eq!(hanging_indent(plain), 0, "{plain}");
        }
        let item = "• the quick brown fox jumps";
        let lines: Vec<&str> = wrap_hanging(item, 12, 2).into_iter().map(|r| &item[r]).collect();
        assert_eq!(lines, vec!["• the quick", "brown fox", "jumps"]);
        for line in &lines[1..] {
            assert!(width(line) <= 10, "{line}");
        }
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(preformatted("\n  \n  a  b  \n\n\tc\n \n"), "  a  b\n\n\tc");
        assert_eq!(preformatted(" \n "), "");
        assert_eq!(expand_tabs("a\tb\n\tc"), "a       b\n        c");
        assert_eq!(expand_tabs("中文\tx"), "中文    x");
    }

    #[test]
    fn wrap_of_empty_is_empty() {
        assert!(wrap("", 10).is_empty());
        assert_eq!(lines("x", 0), vec!["x"]);
    }
}
