//! The fuzzy step of anchoring (steps 3 and 5 of the parent module): seeds, the candidate
//! windows their hits predict, verification by Myers' matcher and Hypothesis' score. Bounded as
//! the parent documents; reads no text but the windows it is given hits for.

use std::cmp::Reverse;
use std::ops::Range;

use super::myers::{Pattern, best_match, levenshtein};
use super::offsets::{ceil_char, floor_char, snap_outward};
use super::scan::Hit;
use super::{ACCEPT, Anchoring, PIECE, PIECES, Place, Quote, SEED, WINDOWS, chars, max_edits};

/// A piece of text whose hits predict where a passage starts: at a hit's byte plus `shift`.
pub(super) struct Seed<'q> {
    pub(super) text: &'q str,
    pub(super) shift: isize,
}

impl Anchoring<'_, '_> {
    /// Steps 3 and 5: the best fuzzy match of quote `i` among the candidates its seeds' `hits`
    /// predict, in its own section (`own`, with the stored position) or in the others.
    pub(super) fn best_fuzzy(
        &mut self,
        i: usize,
        seeds: &[(usize, isize)],
        hits: &[Vec<Hit>],
        own: bool,
    ) -> Option<Place> {
        let q = self.quotes[i];
        let exact = chars(q.exact);
        let edits = max_edits(exact.len());
        let slack = 4 * edits + 4;
        let mut predicted: Vec<(usize, usize, usize)> = Vec::new();
        for &(pattern, shift) in seeds {
            for h in &hits[pattern] {
                if own != (Some(h.section) == self.home[i]) {
                    continue;
                }
                let len = self.b.sections[h.section].paragraphs[h.paragraph].len();
                let at = h.start.saturating_add_signed(shift).min(len);
                predicted.push((h.section, h.paragraph, at));
            }
        }
        let mut windows = clusters(predicted, slack);
        windows.truncate(WINDOWS);
        if own
            && let Some(s) = self.home[i]
            && let Some((p, at)) = self.offsets[s].nearest(q.start)
        {
            windows.push(Window { section: s, paragraph: p, bytes: at..at });
        }
        let forward = Pattern::new(&exact);
        let reversed: Vec<char> = exact.iter().rev().copied().collect();
        let reverse = Pattern::new(&reversed);
        let mut best: Option<(f64, (usize, usize), Place)> = None;
        for Window { section: s, paragraph: p, bytes: around } in windows {
            let text = &self.b.sections[s].paragraphs[p];
            let from = floor_char(text, around.start.saturating_sub(slack));
            let to = ceil_char(text, around.end.saturating_add(q.exact.len() + slack));
            let window = &text[from..to];
            let window_chars: Vec<(usize, char)> = window.char_indices().collect();
            let cost = 2 * (window_chars.len() + 1) * exact.len().div_ceil(64).max(1);
            if cost > self.fuzzy_work {
                continue;
            }
            self.fuzzy_work -= cost;
            let letters: Vec<char> = window_chars.iter().map(|&(_, c)| c).collect();
            let Some((found_edits, found)) = best_match(&forward, &reverse, &letters) else {
                continue;
            };
            if found_edits > edits || found.is_empty() {
                continue;
            }
            let byte = |c: usize| from + window_chars.get(c).map_or(window.len(), |&(b, _)| b);
            let bytes = snap_outward(text, byte(found.start)..byte(found.end));
            let place = self.place(s, p, bytes.clone());
            let score = self.score(&q, found_edits, exact.len(), &place, own);
            let near = self.distance(i, s, p, bytes.start);
            let better = match &best {
                None => true,
                Some((top, top_near, _)) => score > *top || (score == *top && near < *top_near),
            };
            if score >= ACCEPT && better {
                best = Some((score, near, place));
            }
        }
        best.map(|(_, _, place)| place)
    }

    /// Hypothesis' score of a fuzzy match: quote, prefix, suffix and position similarities.
    fn score(&self, q: &Quote, edits: usize, chars: usize, place: &Place, own: bool) -> f64 {
        let similarity = |stored: &str, actual: &[char]| {
            let stored = self::chars(stored);
            if stored.is_empty() {
                return 1.0;
            }
            1.0 - levenshtein(&stored, actual) as f64 / stored.len().max(actual.len()) as f64
        };
        let s = place.section.0;
        let (prefix, suffix) = self.context(q, s, place.paragraph, place.bytes.clone());
        let quote = 1.0 - edits as f64 / chars.max(1) as f64;
        let position = if own {
            let len = self.offsets[s].len().max(1) as f64;
            1.0 - place.start.abs_diff(q.start) as f64 / len
        } else {
            0.0
        };
        let prefix = similarity(q.prefix, &prefix);
        let suffix = similarity(q.suffix, &suffix);
        (50.0 * quote + 20.0 * prefix + 20.0 * suffix + 2.0 * position.max(0.0)) / 92.0
    }
}

/// Where a fuzzy match is looked for: bytes of one paragraph (before the slack is added).
struct Window {
    section: usize,
    paragraph: usize,
    bytes: Range<usize>,
}

/// Predicted starts grouped: those in one paragraph within `slack` bytes of each other are one
/// window, ranked by how many seeds agree on it, then by where it is.
fn clusters(mut predicted: Vec<(usize, usize, usize)>, slack: usize) -> Vec<Window> {
    predicted.sort_unstable();
    let mut out: Vec<(usize, Window)> = Vec::new();
    for (section, paragraph, at) in predicted {
        match out.last_mut() {
            Some((votes, w))
                if (w.section, w.paragraph) == (section, paragraph)
                    && at <= w.bytes.end + slack =>
            {
                *votes += 1;
                w.bytes.end = at;
            }
            _ => out.push((1, Window { section, paragraph, bytes: at..at })),
        }
    }
    // Stable: windows with as many votes stay in text order.
    out.sort_by_key(|&(votes, _)| Reverse(votes));
    out.into_iter().map(|(_, window)| window).collect()
}

/// The seeds of a quote: pieces of its passage, the end of its prefix, the start of its suffix.
pub(super) fn seeds<'q>(q: &Quote<'q>) -> Vec<Seed<'q>> {
    let mut out = Vec::new();
    let bounds: Vec<usize> =
        q.exact.char_indices().map(|(b, _)| b).chain([q.exact.len()]).collect();
    let m = bounds.len() - 1;
    let pieces = (max_edits(m) + 1).min(m / 4).min(PIECES);
    for k in 0..pieces {
        let (from, to) =
            (bounds[k * m / pieces], bounds[((k + 1) * m / pieces).min(k * m / pieces + PIECE)]);
        out.push(Seed { text: &q.exact[from..to], shift: -(from as isize) });
    }
    // Context only on the passage's side of a paragraph break, where a hit is in one paragraph.
    let prefix = q.prefix.rsplit("\n\n").next().unwrap_or("");
    let tail = &prefix[prefix.char_indices().rev().nth(SEED - 1).map_or(0, |(b, _)| b)..];
    if tail.chars().count() >= 4 {
        out.push(Seed { text: tail, shift: tail.len() as isize });
    }
    let suffix = q.suffix.split("\n\n").next().unwrap_or("");
    let head_end = suffix.char_indices().nth(SEED).map_or(suffix.len(), |(b, _)| b);
    if suffix[..head_end].chars().count() >= 4 {
        out.push(Seed { text: &suffix[..head_end], shift: -(q.exact.len() as isize) });
    }
    out
}
