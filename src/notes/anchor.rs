//! Anchoring marks: finding each mark's passage again in a briefing that may have changed since
//! the mark was made (an author's edit, a new version imported). Pure: no I/O, no clock.
//!
//! A mark stores its quote (see [`Quote`]): the section's id, the passage (`exact`), up to
//! [`CONTEXT`] characters of folded text either side (`prefix`, `suffix`) and its character
//! offsets in the section's *folded text* (the paragraphs joined by `"\n\n"`). [`quote_at`]
//! makes one; [`anchor_all`] places many, each first of:
//!
//! 1. **Current**: the stored offsets still hold `exact`.
//! 2. **Moved**: `exact` elsewhere in its section. Among several, the one whose context shares
//!    the most characters with `prefix` and `suffix`, read outward from the passage (O(64) per
//!    hit, however many hits), then the nearest to the stored `start`, then the first.
//! 3. **Drifted**: a fuzzy match in its section (below).
//! 4. **Moved**: `exact` in another section: context first, then the nearest section.
//! 5. **Drifted**: a fuzzy match in another section. Chosen over orphaning because a passage
//!    that was both moved and retouched is still the user's passage, and the app shows the old
//!    and the new text for the user to accept or delete.
//! 6. **Orphaned**, with no place. A mark is never dropped: one [`Anchored`] per quote, in order.
//!
//! A fuzzy match that is the passage itself (its own hits were capped, or it was widened over a
//! cluster it split) is moved, not drifted. A hit from a capped list (the first [`HITS`] in
//! text order, not the best) is taken only when [`TRUSTED_CONTEXT`] characters of its context
//! agree, so a common word is never placed by chance.
//!
//! A section id that no longer exists skips steps 1–3. Every place lies inside one paragraph
//! and on grapheme-cluster boundaries: an exact hit that would split a cluster (a base letter
//! that has since gained a combining mark) is not taken, and a fuzzy match is widened to the
//! clusters it touches.
//!
//! **Fuzzy matching** is Hypothesis' quote anchoring, bounded. Candidates come from *seeds*: up
//! to [`PIECES`] pieces of `exact` (at least 4 characters each, at most [`PIECE`]; when ⌊m/4⌋+1 pieces
//! fit, one always survives m/4 edits, by pigeonhole), the last [`SEED`] characters of `prefix` and the first of
//! `suffix` (each only on the passage's side of a paragraph break), and, in the own section,
//! the stored position. Each seed hit predicts where the passage starts; predictions within a
//! window's slack are one candidate, ranked by how many seeds agree. The best [`WINDOWS`] are
//! verified by Myers' bit-parallel matcher (64-bit blocks, any length) in a window of the
//! passage's length plus its allowed edits on each side, within one paragraph. A match is
//! scored as Hypothesis does, `(50·quote + 20·prefix + 20·suffix + 2·position) / 92`, each term
//! a similarity in 0..=1 (1 − edits / length; the position term is 0 in other sections), and
//! **accepted when its edits are at most [`MAX_EDITS_PER_CHAR`] of the passage's characters
//! (25%) and its score at least [`ACCEPT`] (0.5)**: a quote that changed by a quarter needs some
//! of its context to stay to be accepted. Best score wins, then nearness.
//!
//! **Bounds.** All text is read by one function, `scan`: one pass per section that has
//! unplaced marks (their `exact` and seeds; up to 64 patterns each looked for with `memmem`,
//! more with an Aho-Corasick automaton), then one pass over the whole briefing (a DFA) for the
//! `exact` of marks still unplaced, then one for their seeds; never a pass per mark. Patterns
//! are cut to [`HEAD`] bytes (a hit is checked against the whole passage, for a longer one at
//! most [`VERIFY`] hits, best ranked first), each keeps at most [`HITS`] hits, and each pass
//! spends at most `4,096 + 256 × patterns` units (a search or a hit; [`WORK`] at most for a
//! pass over the whole briefing), the automaton rebuilt without full patterns when their hits
//! waste more than it is big. Fuzzy verification costs at most [`WINDOWS`] + 1 windows per mark
//! and scope, each O(window × ⌈m / 64⌉), and all windows together at most [`FUZZY_WORK`] block
//! steps; a window over budget is skipped. So anchoring is linear in the briefing's size plus
//! the marks' size, whatever the text: a passage of one letter over a section of that letter
//! costs its capped hits, not the section squared. Past a cap, results degrade (a mark may be
//! orphaned that a patient search would have placed); they never take longer.
//!
//! Offsets: [`SectionOffsets`] converts between folded-text characters and (paragraph, byte)
//! of one section, in O(1) for an ASCII paragraph.

mod fuzzy;
mod myers;
mod offsets;
mod scan;
#[cfg(test)]
mod tests;

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

pub use offsets::SectionOffsets;

use super::marks::CONTEXT;
use crate::briefing::{Briefing, SectionIx};
use fuzzy::seeds;
use offsets::{floor_char, is_cluster_boundary, snap_outward};
use scan::{Hit, Reach, scan};

/// A fuzzy match may differ from the passage by this share of its characters (rounded down).
pub const MAX_EDITS_PER_CHAR: f64 = 0.25;
/// The least score a fuzzy match is accepted with.
pub const ACCEPT: f64 = 0.5;
/// Pieces of a passage searched for as fuzzy seeds, at most.
pub const PIECES: usize = 8;
/// Characters of a piece, at most.
pub const PIECE: usize = 32;
/// Characters of the prefix and suffix searched for as seeds, at most.
pub const SEED: usize = 16;
/// Candidate windows verified per mark and scope, besides the stored position.
pub const WINDOWS: usize = 8;
/// A pattern is searched for by its first `HEAD` bytes (about three words: rare enough in prose
/// that [`HITS`] hold the right one), so the DFA run over every byte of the briefing stays small:
/// its build and its cache misses grow with its patterns' bytes (16 rather than 32 took the
/// bench after an edit from 62 to 52 ms at best).
pub const HEAD: usize = 16;
/// Hits kept per pattern and pass.
pub const HITS: usize = 128;
/// Matches spent in all by the passes over the whole briefing, each.
pub const WORK: usize = 4 << 20;
/// Characters of context that must agree for a hit taken from a capped list of hits.
pub const TRUSTED_CONTEXT: usize = 8;
/// Hits of a passage longer than [`HEAD`] compared in full, at most, per mark and scope.
pub const VERIFY: usize = 32;
/// Myers block steps spent by all fuzzy verification together.
pub const FUZZY_WORK: usize = 32 << 20;

/// A mark's stored quote, as anchoring reads it (borrowed from the mark).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote<'a> {
    /// The section's id.
    pub section: &'a str,
    pub exact: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
    /// Character offsets of `exact` in the section's folded text, `start < end`.
    pub start: usize,
    pub end: usize,
}

impl<'a> Quote<'a> {
    /// What anchoring needs of a stored mark.
    pub fn of(mark: &'a crate::notes::Mark) -> Self {
        Quote {
            section: &mark.section,
            exact: &mark.exact,
            prefix: &mark.prefix,
            suffix: &mark.suffix,
            start: mark.start,
            end: mark.end,
        }
    }
}

/// How a mark's passage was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Where the mark says, unchanged.
    Current,
    /// Unchanged, somewhere else (in its section or another).
    Moved,
    /// Changed a little: the place holds the new text, the quote's `exact` is the old.
    Drifted,
    /// Not found: the mark is kept, with no place.
    Orphaned,
}

/// Where a passage is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub section: SectionIx,
    pub paragraph: usize,
    /// Bytes of the passage in that paragraph.
    pub bytes: Range<usize>,
    /// Character offsets of the passage in the section's folded text.
    pub start: usize,
    pub end: usize,
}

/// One mark's outcome: a place unless it is orphaned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchored {
    pub standing: Standing,
    /// `None` only when `standing` is `Orphaned`.
    pub place: Option<Place>,
}

impl Anchored {
    const ORPHANED: Anchored = Anchored { standing: Standing::Orphaned, place: None };
}

/// Anchors every quote against `b`, in one pass bounded as the module documents.
///
/// Returns one `Anchored` per quote, in the same order.
pub fn anchor_all(b: &Briefing, quotes: &[Quote]) -> Vec<Anchored> {
    let mut anchoring = Anchoring::new(b, quotes);
    let mut open: Vec<usize> = Vec::new();
    for (i, q) in quotes.iter().enumerate() {
        if q.exact.is_empty() {
            continue;
        }
        match anchoring.current(i) {
            Some(place) => anchoring.settle(i, Standing::Current, place),
            None => open.push(i),
        }
    }
    anchoring.in_own_sections(&open);
    let open: Vec<usize> = open.into_iter().filter(|&i| anchoring.out[i].is_none()).collect();
    anchoring.in_other_sections(&open);
    anchoring.out.into_iter().map(|a| a.unwrap_or(Anchored::ORPHANED)).collect()
}

/// For a new mark: the passage at `bytes` of `paragraph` of `section`, widened to whole
/// grapheme clusters, as a stored quote: (exact, prefix, suffix, start, end), the contexts at
/// most [`CONTEXT`] characters, the offsets in characters of the folded text.
///
/// A section or paragraph that does not exist gives an empty quote at 0.
pub fn quote_at(
    b: &Briefing,
    section: SectionIx,
    paragraph: usize,
    bytes: Range<usize>,
) -> (String, String, String, usize, usize) {
    let Some(s) = b.sections.get(section.0) else { return Default::default() };
    let Some(text) = s.paragraphs.get(paragraph) else { return Default::default() };
    let offsets = SectionOffsets::new(s);
    let bytes = snap_outward(text, bytes.start.min(bytes.end)..bytes.end);
    let start = offsets.to_char(paragraph, bytes.start);
    let end = offsets.to_char(paragraph, bytes.end);
    let prefix = offsets.before(paragraph, bytes.start, CONTEXT);
    let suffix = offsets.after(paragraph, bytes.end, CONTEXT);
    (text[bytes].to_string(), prefix, suffix, start, end)
}

/// The edits a fuzzy match of a passage of `chars` characters may have.
fn max_edits(chars: usize) -> usize {
    (chars as f64 * MAX_EDITS_PER_CHAR) as usize
}

/// The work of one `anchor_all`: the briefing's offsets, and each quote's outcome so far.
struct Anchoring<'b, 'q> {
    b: &'b Briefing,
    quotes: &'q [Quote<'q>],
    offsets: Vec<SectionOffsets<'b>>,
    /// Each quote's own section, if its id still exists.
    home: Vec<Option<usize>>,
    out: Vec<Option<Anchored>>,
    fuzzy_work: usize,
}

/// Patterns for one pass, each once, and which quotes use which.
#[derive(Default)]
struct Patterns<'q> {
    texts: Vec<&'q str>,
    ids: HashMap<&'q str, usize>,
}

impl<'q> Patterns<'q> {
    fn add(&mut self, text: &'q str) -> usize {
        *self.ids.entry(text).or_insert_with(|| {
            self.texts.push(text);
            self.texts.len() - 1
        })
    }

    fn budget(&self) -> usize {
        4096 + 256 * self.texts.len()
    }
}

impl<'b, 'q> Anchoring<'b, 'q> {
    fn new(b: &'b Briefing, quotes: &'q [Quote<'q>]) -> Self {
        let offsets: Vec<SectionOffsets> = b.sections.iter().map(SectionOffsets::new).collect();
        let mut ids: HashMap<&str, usize> = HashMap::with_capacity(b.sections.len());
        for (i, s) in b.sections.iter().enumerate() {
            ids.entry(s.id.as_str()).or_insert(i);
        }
        let home = quotes.iter().map(|q| ids.get(q.section).copied()).collect();
        let out = vec![None; quotes.len()];
        Self { b, quotes, offsets, home, out, fuzzy_work: FUZZY_WORK }
    }

    fn settle(&mut self, i: usize, standing: Standing, place: Place) {
        self.out[i] = Some(Anchored { standing, place: Some(place) });
    }

    /// A fuzzy match drifted, unless it is the passage itself (found from its context when its
    /// own hits were capped, or beside a cluster it had split): then it moved.
    fn settle_fuzzy(&mut self, i: usize, place: Place) {
        let text = &self.b.sections[place.section].paragraphs[place.paragraph][place.bytes.clone()];
        let standing =
            if text == self.quotes[i].exact { Standing::Moved } else { Standing::Drifted };
        self.settle(i, standing, place);
    }

    fn place(&self, section: usize, paragraph: usize, bytes: Range<usize>) -> Place {
        let offsets = &self.offsets[section];
        let start = offsets.to_char(paragraph, bytes.start);
        let end = offsets.to_char(paragraph, bytes.end);
        Place { section: SectionIx(section), paragraph, bytes, start, end }
    }

    /// Step 1: whether the stored offsets still hold `exact`, on cluster boundaries.
    fn current(&self, i: usize) -> Option<Place> {
        let q = &self.quotes[i];
        let s = self.home[i]?;
        let offsets = &self.offsets[s];
        let (p, from) = offsets.to_byte(q.start)?;
        let text = &offsets.paragraphs()[p];
        let to = from.checked_add(q.exact.len())?;
        let holds = text.get(from..to) == Some(q.exact)
            && offsets.to_char(p, to) == q.end
            && is_cluster_boundary(text, from)
            && is_cluster_boundary(text, to);
        holds.then(|| self.place(s, p, from..to))
    }

    /// Steps 2 and 3: one pass per section over its open quotes' passages and seeds.
    fn in_own_sections(&mut self, open: &[usize]) {
        let mut by_section: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &i in open {
            if let Some(s) = self.home[i] {
                by_section.entry(s).or_default().push(i);
            }
        }
        for (s, quotes) in by_section {
            let mut patterns = Patterns::default();
            let exacts: Vec<usize> =
                quotes.iter().map(|&i| patterns.add(head(self.quotes[i].exact))).collect();
            let seeds = self.seed_patterns(&mut patterns, &quotes);
            let texts = self.paragraphs(s..s + 1);
            let hits = scan(&patterns.texts, texts, Reach::Section, HITS, &mut patterns.budget());
            for (k, &i) in quotes.iter().enumerate() {
                let found = &hits[exacts[k]];
                if let Some(place) = self.best_exact(i, found, found.len() >= HITS) {
                    self.settle(i, Standing::Moved, place);
                } else if let Some(place) = self.best_fuzzy(i, &seeds[k], &hits, true) {
                    self.settle_fuzzy(i, place);
                }
            }
        }
    }

    /// The seeds of each of `quotes` added to `patterns`: per quote, each seed's pattern and
    /// the shift from where it is found to where the passage would start.
    fn seed_patterns(
        &self,
        patterns: &mut Patterns<'q>,
        quotes: &[usize],
    ) -> Vec<Vec<(usize, isize)>> {
        quotes
            .iter()
            .map(|&i| {
                let seeds = seeds(&self.quotes[i]);
                seeds.into_iter().map(|seed| (patterns.add(seed.text), seed.shift)).collect()
            })
            .collect()
    }

    /// Steps 4 and 5: one pass over the whole briefing for the passages of `open`, then one
    /// for the seeds of those still open.
    fn in_other_sections(&mut self, open: &[usize]) {
        if open.is_empty() {
            return;
        }
        let mut patterns = Patterns::default();
        let exacts: Vec<usize> =
            open.iter().map(|&i| patterns.add(head(self.quotes[i].exact))).collect();
        let mut budget = patterns.budget().min(WORK);
        let hits = scan(
            &patterns.texts,
            self.paragraphs(0..self.b.sections.len()),
            Reach::Briefing,
            HITS,
            &mut budget,
        );
        let mut still = Vec::new();
        for (k, &i) in open.iter().enumerate() {
            let elsewhere: Vec<Hit> = hits[exacts[k]]
                .iter()
                .filter(|h| Some(h.section) != self.home[i])
                .copied()
                .collect();
            match self.best_exact(i, &elsewhere, hits[exacts[k]].len() >= HITS) {
                Some(place) => self.settle(i, Standing::Moved, place),
                None => still.push(i),
            }
        }
        if still.is_empty() {
            return;
        }
        let mut patterns = Patterns::default();
        let seeds = self.seed_patterns(&mut patterns, &still);
        let mut budget = patterns.budget().min(WORK);
        let hits = scan(
            &patterns.texts,
            self.paragraphs(0..self.b.sections.len()),
            Reach::Briefing,
            HITS,
            &mut budget,
        );
        for (k, &i) in still.iter().enumerate() {
            if let Some(place) = self.best_fuzzy(i, &seeds[k], &hits, false) {
                self.settle_fuzzy(i, place);
            }
        }
    }

    /// Every paragraph of `sections`, as `scan` reads them.
    fn paragraphs(
        &self,
        sections: Range<usize>,
    ) -> impl Iterator<Item = (usize, usize, &'b str)> + use<'b> {
        let b = self.b;
        sections.flat_map(move |s| {
            b.sections[s].paragraphs.iter().enumerate().map(move |(p, t)| (s, p, t.as_str()))
        })
    }

    /// Of `hits` of quote `i`'s passage head, the whole passage on cluster boundaries whose
    /// context is closest to the stored one (most characters in common, either side), then the
    /// nearest. Hits are ranked first and checked in that order, so a long passage is compared
    /// in full once when its best hit holds.
    ///
    /// When `capped` (the pass stopped keeping hits), the hits are the first ones in text
    /// order, not the best: one is taken only when [`TRUSTED_CONTEXT`] characters of its
    /// context agree (all of it when shorter), so a common word is not placed by chance.
    fn best_exact(&self, i: usize, hits: &[Hit], capped: bool) -> Option<Place> {
        let q = self.quotes[i];
        let len = q.exact.len();
        let stored = q.prefix.chars().count() + q.suffix.chars().count();
        let trusted = if capped { TRUSTED_CONTEXT.min(stored) } else { 0 };
        let mut ranked: Vec<_> = hits
            .iter()
            .filter_map(|h| {
                let offsets = &self.offsets[h.section];
                let common = offsets.common_before(h.paragraph, h.start, q.prefix)
                    + offsets.common_after(h.paragraph, h.start + len, q.suffix);
                let near = self.distance(i, h.section, h.paragraph, h.start);
                (common >= trusted)
                    .then_some(((Reverse(common), near, h.section, h.paragraph, h.start), *h))
            })
            .collect();
        ranked.sort_unstable_by_key(|&(key, _)| key);
        // Only the head was matched: the rest of a long passage costs its length to compare.
        let tries = if len > HEAD { VERIFY } else { usize::MAX };
        for (_, h) in ranked.into_iter().take(tries) {
            let text = &self.b.sections[h.section].paragraphs[h.paragraph];
            let end = h.start + len;
            if text.get(h.start..end) == Some(q.exact)
                && is_cluster_boundary(text, h.start)
                && is_cluster_boundary(text, end)
            {
                return Some(self.place(h.section, h.paragraph, h.start..end));
            }
        }
        None
    }

    /// How far a place is from where quote `i` was: sections apart, then characters.
    fn distance(&self, i: usize, section: usize, paragraph: usize, byte: usize) -> (usize, usize) {
        let q = &self.quotes[i];
        let at = self.offsets[section].to_char(paragraph, byte);
        let sections = self.home[i].map_or(0, |home| home.abs_diff(section));
        (sections, at.abs_diff(q.start))
    }

    /// The text either side of `bytes`, as long as the stored prefix and suffix.
    fn context(
        &self,
        q: &Quote,
        section: usize,
        paragraph: usize,
        bytes: Range<usize>,
    ) -> (Vec<char>, Vec<char>) {
        let offsets = &self.offsets[section];
        let prefix = offsets.before(paragraph, bytes.start, q.prefix.chars().count().min(CONTEXT));
        let suffix = offsets.after(paragraph, bytes.end, q.suffix.chars().count().min(CONTEXT));
        (chars(&prefix), chars(&suffix))
    }
}

/// The first [`HEAD`] bytes of `text`, cut at a character boundary: what a pass searches for.
fn head(text: &str) -> &str {
    &text[..floor_char(text, HEAD)]
}

fn chars(text: &str) -> Vec<char> {
    text.chars().collect()
}
