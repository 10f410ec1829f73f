//! Approximate matching for the fuzzy step: Myers' bit-parallel edit distance (1999), in
//! 64-bit blocks so a passage of any length is one pattern (Hyyrö's block formulation), and a
//! small Levenshtein distance for the ≤ 32-character contexts.
//!
//! Everything works on characters (Unicode scalars), so an edit is one character whatever its
//! width in UTF-8. The cost of a search is O(window × ⌈pattern / 64⌉); callers bound both.

use std::collections::HashMap;

/// A pattern prepared for searching: one bit mask per distinct character, per block.
pub struct Pattern {
    len: usize,
    blocks: usize,
    /// Row of `masks` for each ASCII character (`usize::MAX`: not in the pattern).
    ascii: [usize; 128],
    other: HashMap<char, usize>,
    /// `blocks` masks per distinct character, then one all-zero row for any other character.
    masks: Vec<u64>,
}

impl Pattern {
    pub fn new(pattern: &[char]) -> Self {
        let len = pattern.len();
        let blocks = len.div_ceil(64).max(1);
        let mut ascii = [usize::MAX; 128];
        let mut other = HashMap::new();
        let mut masks: Vec<u64> = Vec::new();
        for (i, &c) in pattern.iter().enumerate() {
            let slot = if c.is_ascii() {
                &mut ascii[c as usize]
            } else {
                other.entry(c).or_insert(usize::MAX)
            };
            if *slot == usize::MAX {
                *slot = masks.len() / blocks;
                masks.resize(masks.len() + blocks, 0);
            }
            masks[*slot * blocks + i / 64] |= 1 << (i % 64);
        }
        masks.resize(masks.len() + blocks, 0);
        Self { len, blocks, ascii, other, masks }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    fn row(&self, c: char) -> &[u64] {
        let slot = if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.get(&c).copied().unwrap_or(usize::MAX)
        };
        let slot = if slot == usize::MAX { self.masks.len() / self.blocks - 1 } else { slot };
        &self.masks[slot * self.blocks..(slot + 1) * self.blocks]
    }

    /// For each end `j` in `0..=text.len()`, the least edit distance between the pattern and
    /// a substring of `text` ending at `j` (semi-global: the match may start anywhere).
    pub fn distances(&self, text: &[char]) -> Vec<usize> {
        let mut out = Vec::with_capacity(text.len() + 1);
        out.push(self.len);
        if self.len == 0 {
            out.resize(text.len() + 1, 0);
            return out;
        }
        let last_bits = (self.len - 1) % 64;
        let mut plus = vec![u64::MAX; self.blocks];
        let mut minus = vec![0u64; self.blocks];
        let mut score = self.len;
        for &c in text {
            let row = self.row(c);
            // The top row is all zeros (the match may start anywhere): no carry into block 0.
            let mut carry = 0i32;
            for b in 0..self.blocks {
                let high = if b + 1 == self.blocks { 1 << last_bits } else { 1 << 63 };
                carry = advance(&mut plus[b], &mut minus[b], row[b], high, carry);
            }
            score = score.saturating_add_signed(carry as isize);
            out.push(score);
        }
        out
    }
}

/// One column step of one block; returns the change of the block's last row (−1, 0 or +1).
fn advance(plus: &mut u64, minus: &mut u64, eq: u64, high: u64, carry_in: i32) -> i32 {
    let (pv, mv) = (*plus, *minus);
    let neg_in = u64::from(carry_in < 0);
    let eq = eq | neg_in;
    let xv = eq | mv;
    let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
    let mut ph = mv | !(xh | pv);
    let mut mh = pv & xh;
    let out = i32::from(ph & high != 0) - i32::from(mh & high != 0);
    ph = (ph << 1) | u64::from(carry_in > 0);
    mh = (mh << 1) | neg_in;
    *plus = mh | !(xv | ph);
    *minus = ph & xv;
    out
}

/// The best approximate occurrence of `pattern` in `text`: (edits, start..end in characters).
///
/// Least edits first; among ends with as few, the first; among starts for that end, the one
/// making the match's length nearest the pattern's. Found forwards for the end, then with the
/// reversed pattern over the reversed text for the start, so it costs two searches.
pub fn best_match(
    forward: &Pattern,
    reverse: &Pattern,
    text: &[char],
) -> Option<(usize, std::ops::Range<usize>)> {
    let ends = forward.distances(text);
    let (end, &edits) = ends.iter().enumerate().skip(1).min_by_key(|&(j, &d)| (d, j))?;
    let reversed: Vec<char> = text[..end].iter().rev().copied().collect();
    let starts = reverse.distances(&reversed);
    let m = forward.len();
    let start = (1..starts.len())
        .filter(|&i| starts[i] == edits)
        .min_by_key(|&i| i.abs_diff(m))
        .map_or(end.saturating_sub(m), |i| end - i);
    Some((edits, start..end))
}

/// Levenshtein distance between two short strings (the contexts): O(a × b).
pub fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The textbook semi-global DP: the reference the bit-parallel version must equal.
    fn naive(pattern: &[char], text: &[char]) -> Vec<usize> {
        let mut column: Vec<usize> = (0..=pattern.len()).collect();
        let mut out = vec![pattern.len()];
        for &t in text {
            let mut next = vec![0; pattern.len() + 1];
            for i in 1..=pattern.len() {
                next[i] = (column[i - 1] + usize::from(pattern[i - 1] != t))
                    .min(column[i] + 1)
                    .min(next[i - 1] + 1);
            }
            out.push(next[pattern.len()]);
            column = next;
        }
        out
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_a_passage_with_one_letter_changed() {
        let (p, t) = (chars("quick brown"), chars("the quick briwn fox"));
        let reversed: Vec<char> = p.iter().rev().copied().collect();
        let found = best_match(&Pattern::new(&p), &Pattern::new(&reversed), &t);
        assert_eq!(found, Some((1, 4..15)));
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
    }

    proptest! {
        #[test]
        fn block_myers_equals_the_dp(
            pattern in "[abé😀]{1,150}",
            text in "[abcé😀]{0,200}",
        ) {
            let (p, t) = (chars(&pattern), chars(&text));
            prop_assert_eq!(Pattern::new(&p).distances(&t), naive(&p, &t));
        }
    }
}
