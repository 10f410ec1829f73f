//! Plain-text helpers shared by the loader, the reader and the plain renderer: folding a body
//! into paragraphs, and wrapping a paragraph to a width measured in terminal columns.
//!
//! Wrapping works on grapheme clusters and `unicode-width`, so CJK and emoji are never split or
//! mis-measured, and words longer than a line are broken. Lines are byte ranges into the
//! paragraph, so a highlight (a quote, a search match) maps onto wrapped lines without copying.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Splits text into paragraphs at blank lines and folds each paragraph's whitespace (spaces
/// and line breaks) into single spaces. Empty paragraphs are dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.split('\n') {
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

/// Folds spaces and line breaks into single spaces and trims the ends.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n').map(|l| l.trim_matches(' ')).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        push_folded(&mut out, line);
    }
    out
}

/// Appends a trimmed line with runs of spaces folded; a line without runs (the usual case)
/// is copied in one go.
fn push_folded(out: &mut String, line: &str) {
    if memchr::memmem::find(line.as_bytes(), b"  ").is_none() {
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
    let width = width.max(1);
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

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
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
    fn wrap_of_empty_is_empty() {
        assert!(wrap("", 10).is_empty());
        assert_eq!(lines("x", 0), vec!["x"]);
    }
}
