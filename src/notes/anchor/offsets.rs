//! A section's folded text (its paragraphs joined by `"\n\n"`) without building it: converting
//! between its character offsets and (paragraph, byte), reading the context either side of a
//! place, and snapping a byte range outward to grapheme-cluster boundaries.
//!
//! Pure and allocation-light: one `Vec` of paragraph starts per section, counted once; an ASCII
//! paragraph converts in O(1), any other by counting the characters before the place.

use std::ops::Range;

use unicode_segmentation::GraphemeCursor;

use crate::briefing::Section;

/// The paragraph break in the folded text, in characters.
const BREAK: usize = 2;

/// Character offsets of one section's paragraphs in its folded text.
#[derive(Clone, Debug)]
pub struct SectionOffsets<'a> {
    paragraphs: &'a [String],
    /// Where each paragraph starts, in characters of the folded text.
    starts: Vec<usize>,
    /// Whether each paragraph is ASCII (then a character offset is a byte offset).
    ascii: Vec<bool>,
    /// The folded text's length in characters.
    len: usize,
}

impl<'a> SectionOffsets<'a> {
    /// Counts `section`'s paragraphs once: O(its bytes), ASCII checked first.
    pub fn new(section: &'a Section) -> Self {
        let paragraphs = section.paragraphs.as_slice();
        let mut starts = Vec::with_capacity(paragraphs.len());
        let mut ascii = Vec::with_capacity(paragraphs.len());
        let mut at = 0;
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                at += BREAK;
            }
            starts.push(at);
            let is_ascii = p.is_ascii();
            ascii.push(is_ascii);
            at += if is_ascii { p.len() } else { p.chars().count() };
        }
        Self { paragraphs, starts, ascii, len: at }
    }

    pub fn paragraphs(&self) -> &'a [String] {
        self.paragraphs
    }

    /// The folded text's length in characters.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The character offset in the folded text of byte `byte` of paragraph `paragraph`.
    ///
    /// A byte past the paragraph's end counts as its end; one inside a character, as that
    /// character's start.
    pub fn to_char(&self, paragraph: usize, byte: usize) -> usize {
        let Some(text) = self.paragraphs.get(paragraph) else { return self.len };
        let byte = floor_char(text, byte);
        let within = if self.ascii[paragraph] { byte } else { text[..byte].chars().count() };
        self.starts[paragraph] + within
    }

    /// The (paragraph, byte) of character offset `at` in the folded text, or `None` when it
    /// falls inside a paragraph break or past the end. A paragraph's end is its own.
    pub fn to_byte(&self, at: usize) -> Option<(usize, usize)> {
        let paragraph = self.starts.partition_point(|&s| s <= at).checked_sub(1)?;
        let text = &self.paragraphs[paragraph];
        let within = at - self.starts[paragraph];
        if self.ascii[paragraph] {
            return (within <= text.len()).then_some((paragraph, within));
        }
        match text.char_indices().nth(within) {
            Some((byte, _)) => Some((paragraph, byte)),
            None => (text.chars().count() == within).then_some((paragraph, text.len())),
        }
    }

    /// The paragraph whose text or end lies nearest character offset `at`, with a byte there:
    /// where a position hint points when the text around it has shrunk or grown.
    pub fn nearest(&self, at: usize) -> Option<(usize, usize)> {
        if self.paragraphs.is_empty() {
            return None;
        }
        let at = at.min(self.len);
        self.to_byte(at).or_else(|| {
            // Inside a break: the end of the paragraph before it.
            let paragraph = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
            Some((paragraph, self.paragraphs[paragraph].len()))
        })
    }

    /// Up to `n` characters of folded text before byte `byte` of paragraph `paragraph`.
    pub fn before(&self, paragraph: usize, byte: usize, n: usize) -> String {
        let mut out: Vec<char> = Vec::with_capacity(n);
        let mut p = paragraph;
        let mut text = self.paragraphs.get(p).map_or("", |t| &t[..floor_char(t, byte)]);
        while out.len() < n {
            out.extend(text.chars().rev().take(n - out.len()));
            if out.len() >= n || p == 0 {
                break;
            }
            out.extend(['\n', '\n'].into_iter().take(n - out.len()));
            p -= 1;
            text = &self.paragraphs[p];
        }
        out.iter().rev().collect()
    }

    /// Up to `n` characters of folded text from byte `byte` of paragraph `paragraph` on.
    pub fn after(&self, paragraph: usize, byte: usize, n: usize) -> String {
        let mut out = String::new();
        let mut taken = 0;
        let mut p = paragraph;
        let mut text = self.paragraphs.get(p).map_or("", |t| &t[floor_char(t, byte)..]);
        loop {
            for c in text.chars().take(n - taken) {
                out.push(c);
                taken += 1;
            }
            if taken >= n || p + 1 >= self.paragraphs.len() {
                return out;
            }
            for c in ['\n', '\n'].into_iter().take(n - taken) {
                out.push(c);
                taken += 1;
            }
            p += 1;
            text = &self.paragraphs[p];
        }
    }
    /// How many characters of `stored`, read from its end, match the folded text before byte
    /// `byte` of `paragraph`, read backwards: the prefix's similarity to an exact hit's.
    pub fn common_before(&self, paragraph: usize, byte: usize, stored: &str) -> usize {
        let mut stored = stored.chars().rev();
        let Some(text) = self.paragraphs.get(paragraph) else { return 0 };
        let mut n = 0;
        let mut text = &text[..floor_char(text, byte)];
        for p in (0..=paragraph).rev() {
            if p < paragraph {
                text = &self.paragraphs[p];
                for c in ['\n', '\n'] {
                    if stored.next() != Some(c) {
                        return n;
                    }
                    n += 1;
                }
            }
            for c in text.chars().rev() {
                if stored.next() != Some(c) {
                    return n;
                }
                n += 1;
            }
        }
        n
    }

    /// How many characters of `stored` match the folded text from byte `byte` of `paragraph`
    /// on: the suffix's similarity to an exact hit's.
    pub fn common_after(&self, paragraph: usize, byte: usize, stored: &str) -> usize {
        let mut stored = stored.chars();
        let Some(text) = self.paragraphs.get(paragraph) else { return 0 };
        let mut n = 0;
        let mut text = &text[floor_char(text, byte)..];
        for p in paragraph..self.paragraphs.len() {
            if p > paragraph {
                text = &self.paragraphs[p];
                for c in ['\n', '\n'] {
                    if stored.next() != Some(c) {
                        return n;
                    }
                    n += 1;
                }
            }
            for c in text.chars() {
                if stored.next() != Some(c) {
                    return n;
                }
                n += 1;
            }
        }
        n
    }
}

/// The largest char boundary of `text` at or below `byte` (its length when past the end).
pub fn floor_char(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// The smallest char boundary of `text` at or above `byte` (its length when past the end).
pub fn ceil_char(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte += 1;
    }
    byte
}

/// Whether `byte` is a grapheme-cluster boundary of `text`.
pub fn is_cluster_boundary(text: &str, byte: usize) -> bool {
    if byte == 0 || byte >= text.len() {
        return byte <= text.len();
    }
    let bytes = text.as_bytes();
    if bytes[byte - 1].is_ascii() && bytes[byte].is_ascii() {
        // Between two ASCII characters only CR LF holds together.
        return !(bytes[byte - 1] == b'\r' && bytes[byte] == b'\n');
    }
    if !text.is_char_boundary(byte) {
        return false;
    }
    GraphemeCursor::new(byte, text.len(), true).is_boundary(text, 0).unwrap_or(true)
}

/// `range` widened to the grapheme clusters it touches, so a place never splits one (a flag,
/// a ZWJ emoji sequence, a letter and its combining marks).
pub fn snap_outward(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = floor_char(text, range.start);
    let mut end = ceil_char(text, range.end.max(start));
    if !is_cluster_boundary(text, start) {
        let mut cursor = GraphemeCursor::new(start, text.len(), true);
        start = cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0);
    }
    if !is_cluster_boundary(text, end) {
        let mut cursor = GraphemeCursor::new(end, text.len(), true);
        end = cursor.next_boundary(text, 0).ok().flatten().unwrap_or(text.len());
    }
    start..end
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn section(paragraphs: &[&str]) -> Section {
        Section {
            id: "s".into(),
            title: "S".into(),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            kinds: vec![],
            claims: vec![],
            counterpoints: vec![],
            factors: vec![],
        }
    }

    #[test]
    fn offsets_count_characters_and_the_breaks_between_paragraphs() {
        let s = section(&["ab", "人工x", "c"]);
        let offsets = SectionOffsets::new(&s);
        assert_eq!(offsets.len(), 2 + 2 + 3 + 2 + 1);
        assert_eq!(offsets.to_char(1, 3), 5);
        assert_eq!(offsets.to_byte(5), Some((1, 3)));
        assert_eq!(offsets.to_byte(2), Some((0, 2)), "a paragraph's end is its own");
        assert_eq!(offsets.to_byte(3), None, "inside a break");
        assert_eq!(offsets.nearest(3), Some((0, 2)));
        assert_eq!((offsets.to_byte(10), offsets.to_byte(11)), (Some((2, 1)), None));
        assert_eq!(offsets.nearest(99), Some((2, 1)));
        assert_eq!(offsets.before(1, 3, 4), "b\n\n人");
        assert_eq!(offsets.after(1, 3, 5), "工x\n\nc");
        assert_eq!(
            (offsets.common_before(1, 3, "zb\n\n人"), offsets.common_after(1, 6, "x\n\nc")),
            (4, 4)
        );
    }

    proptest! {
        #[test]
        fn char_and_byte_offsets_round_trip(paragraphs in proptest::collection::vec("\\PC{0,20}", 1..5)) {
            let s = Section {
                paragraphs: paragraphs.clone(),
                ..section(&[])
            };
            let offsets = SectionOffsets::new(&s);
            let folded: Vec<char> = paragraphs.join("\n\n").chars().collect();
            prop_assert_eq!(offsets.len(), folded.len());
            for (p, text) in paragraphs.iter().enumerate() {
                for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                    let at = offsets.to_char(p, byte);
                    prop_assert_eq!(offsets.to_byte(at), Some((p, byte)));
                    let before: String = folded[at.saturating_sub(6)..at].iter().collect();
                    prop_assert_eq!(offsets.before(p, byte, 6), before);
                    let after: String = folded[at..(at + 6).min(folded.len())].iter().collect();
                    prop_assert_eq!(offsets.after(p, byte, 6), after);
                }
            }
        }
    }
}
