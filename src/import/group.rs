//! Sections for an article without headings: consecutive paragraphs grouped a few at a time,
//! each group titled by the opening words of its first paragraph.
//!
//! A group closes after [`MAX_PARAGRAPHS`] paragraphs or once it holds [`MAX_BYTES`] of text,
//! so sections are a screen or two long. A last group of one paragraph joins the one before
//! when that keeps it within bounds, rather than leaving a stub at the end.

use unicode_segmentation::UnicodeSegmentation;

use super::outline::{Para, Section};
use crate::text;

/// Paragraphs per group, at most.
const MAX_PARAGRAPHS: usize = 4;
/// Bytes of text after which a group closes.
const MAX_BYTES: usize = 3000;
/// Words of the first paragraph that make a group's title.
const TITLE_WORDS: usize = 6;
/// Terminal columns a group's title may take, ellipsis included.
const TITLE_COLUMNS: usize = 48;

/// Groups paragraphs, in order, into titled sections.
pub(super) fn group(paragraphs: Vec<Para>) -> Vec<Section> {
    let mut groups: Vec<Vec<Para>> = Vec::new();
    let mut current: Vec<Para> = Vec::new();
    let mut bytes = 0;
    for paragraph in paragraphs {
        bytes += paragraph.text().len();
        current.push(paragraph);
        if current.len() >= MAX_PARAGRAPHS || bytes >= MAX_BYTES {
            groups.push(std::mem::take(&mut current));
            bytes = 0;
        }
    }
    if let [last] = current.as_slice()
        && let Some(previous) = groups.last_mut()
        && previous.len() < MAX_PARAGRAPHS + 1
        && previous.iter().map(|p| p.text().len()).sum::<usize>() + last.text().len()
            < MAX_BYTES + MAX_BYTES / 3
    {
        previous.append(&mut current);
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
        .into_iter()
        .map(|paragraphs| Section {
            // Titled by the first running text (a code block makes a poor title).
            title: paragraphs
                .iter()
                .find(|p| p.is_text())
                .or(paragraphs.first())
                .map(|p| opening_words(p.text()))
                .unwrap_or_default(),
            paragraphs,
        })
        .collect()
}

/// The first few words of a paragraph, with `…` when there is more; cut to a width that suits
/// an outline (text without spaces, such as Chinese, is cut between graphemes).
pub(super) fn opening_words(paragraph: &str) -> String {
    let mut words = paragraph.split_whitespace();
    let mut title: Vec<&str> = words.by_ref().take(TITLE_WORDS).collect();
    let more = words.next().is_some();
    if more && let Some(last) = title.last_mut() {
        *last = last.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '—' || c == '–');
    }
    let title = title.join(" ");
    let title = title.trim_end();
    if !more && text::width(title) <= TITLE_COLUMNS {
        return title.to_string();
    }
    let mut out = String::new();
    for grapheme in title.graphemes(true) {
        if text::width(&out) + text::width(grapheme) > TITLE_COLUMNS - 1 {
            break;
        }
        out.push_str(grapheme);
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(sizes: &[usize]) -> Vec<Para> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| Para::Text(format!("p{i} {}", "x".repeat(n)).into()))
            .collect()
    }

    fn shape(sections: &[Section]) -> Vec<usize> {
        sections.iter().map(|s| s.paragraphs.len()).collect()
    }

    #[test]
    fn groups_of_a_few_paragraphs() {
        assert_eq!(shape(&group(paragraphs(&[300; 11]))), vec![4, 4, 3]);
        assert_eq!(shape(&group(paragraphs(&[300; 9]))), vec![4, 5]);
        assert_eq!(shape(&group(paragraphs(&[300; 1]))), vec![1]);
        assert_eq!(shape(&group(paragraphs(&[2000, 2000, 10, 10]))), vec![2, 2]);
        assert_eq!(shape(&group(paragraphs(&[5000, 5000]))), vec![1, 1]);
    }

    #[test]
    fn order_is_kept() {
        let input = paragraphs(&[100; 10]);
        let output: Vec<Para> =
            group(input.clone()).into_iter().flat_map(|s| s.paragraphs).collect();
        assert_eq!(output, input);
    }

    #[test]
    fn titles_are_opening_words() {
        assert_eq!(opening_words("Short one."), "Short one.");
        assert_eq!(
            opening_words("Despite U.S. sanctions, China forges an AI path. Domestic"),
            "Despite U.S. sanctions, China forges an…"
        );
        assert_eq!(
            opening_words("One two three four five six, seven"),
            "One two three four five six…"
        );
        let chinese = opening_words(&"中文".repeat(50));
        assert!(chinese.ends_with('…') && text::width(&chinese) <= TITLE_COLUMNS, "{chinese}");
    }
}
