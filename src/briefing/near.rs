//! Near misses, for messages that help: the id a misspelt reference most likely meant, and the
//! passage of a section a quote that is not there verbatim most likely meant.
//!
//! Both stay linear in the file, however many problems it has: every search goes through a
//! [`Budget`] of [`MAX_HINTS`] suggestions per file for ids, and as many for quotes (problems
//! beyond it are reported without one), ids and section bodies are indexed once each (ids by their trigrams once a kind has
//! more than [`BRUTE_FORCE_IDS`], a body by its words), and one search reads a bounded part of
//! its index: [`MAX_QUOTE_WORDS`] words of a quote, [`MAX_POSTINGS`] places per word (a word
//! more common than that is no evidence), [`CANDIDATE_PLACES`] places of a body compared word
//! by word with a quote, [`CANDIDATE_IDS`] ids compared letter by letter.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

/// Searches for a suggestion one file makes at most for ids, and as many for quotes.
pub const MAX_HINTS: usize = 100;
/// Words of a quote looked up; a longer quote is matched by its first ones.
pub const MAX_QUOTE_WORDS: usize = 64;
/// Places of one word (in a body) or one trigram (among ids) that are looked at; a word or
/// trigram found more often says too little to look at.
pub const MAX_POSTINGS: usize = 64;
/// Ids of one kind up to which every one is compared with a misspelt reference.
pub const BRUTE_FORCE_IDS: usize = 512;
/// Ids compared letter by letter with a misspelt reference, chosen by shared trigrams (and as
/// many again: its neighbours in sorted order).
pub const CANDIDATE_IDS: usize = 32;
/// Places of a body compared word by word with a quote, chosen by its rarer words.
pub const CANDIDATE_PLACES: usize = 8;

/// How many suggestions are left to make in a file.
#[derive(Debug)]
pub struct Budget(usize);

impl Default for Budget {
    fn default() -> Self {
        Budget(MAX_HINTS)
    }
}

impl Budget {
    /// Takes one suggestion's worth, if any is left.
    pub fn take(&mut self) -> bool {
        let left = self.0 > 0;
        self.0 = self.0.saturating_sub(1);
        left
    }
}

/// The known id closest to a misspelt one, when it is close enough to be a likely typo.
pub(crate) fn closest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    if wanted.len() > 64 {
        return None;
    }
    known
        .filter(|k| k.len().abs_diff(wanted.len()) <= 2.max(k.len() / 4))
        .map(|k| (edit_distance(wanted, k), k))
        .filter(|&(d, k)| d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The ids of one kind, ready to be searched for the one a misspelt reference meant.
pub struct IdIndex {
    ids: Vec<String>,
    /// Which ids hold each trigram (of the id between `^` and `$`); empty for a few ids.
    grams: HashMap<[u8; 3], Vec<u32>>,
}

impl IdIndex {
    pub fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut ids: Vec<String> = ids.map(str::to_string).collect();
        // In one order whatever order they come in, so a suggestion is the same every run.
        ids.sort_unstable();
        let mut grams: HashMap<[u8; 3], Vec<u32>> = HashMap::new();
        if ids.len() > BRUTE_FORCE_IDS {
            for (i, id) in ids.iter().enumerate() {
                for gram in trigrams(id) {
                    let list = grams.entry(gram).or_default();
                    if list.len() <= MAX_POSTINGS {
                        list.push(i as u32);
                    }
                }
            }
        }
        IdIndex { ids, grams }
    }

    /// The id `wanted` most likely meant (see [`closest`]).
    pub fn closest(&self, wanted: &str) -> Option<&str> {
        if self.ids.len() <= BRUTE_FORCE_IDS {
            return closest(wanted, self.ids.iter().map(String::as_str));
        }
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for gram in trigrams(wanted).take(66) {
            let Some(list) = self.grams.get(&gram).filter(|l| l.len() <= MAX_POSTINGS) else {
                continue;
            };
            for &i in list {
                *shared.entry(i).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, u32)> = shared.into_iter().map(|(i, n)| (n, i)).collect();
        candidates.sort_unstable_by(|a, b| b.cmp(a));
        let by_trigrams = candidates.into_iter().take(CANDIDATE_IDS).map(|(_, i)| i as usize);
        // And the ids next to it in sorted order, which share its start: a typo near the end
        // of an id made of common parts (`s00001x`) has no rare trigram to find it by.
        let at = self.ids.partition_point(|id| id.as_str() < wanted);
        let around =
            at.saturating_sub(CANDIDATE_IDS / 2)..(at + CANDIDATE_IDS / 2).min(self.ids.len());
        let candidates = by_trigrams.chain(around).map(|i| self.ids[i].as_str());
        closest(wanted, candidates)
    }
}

/// The byte trigrams of `^id$`.
fn trigrams(id: &str) -> impl Iterator<Item = [u8; 3]> + '_ {
    let bytes: Vec<u8> = std::iter::once(b'^').chain(id.bytes()).chain([b'$']).collect();
    (0..bytes.len().saturating_sub(2)).map(move |i| [bytes[i], bytes[i + 1], bytes[i + 2]])
}

/// A word of a section: its paragraph and its bytes there.
#[derive(Clone, Debug)]
struct Word {
    paragraph: usize,
    range: Range<usize>,
}

/// A section's paragraphs indexed by their words (case folded), to find the passage a quote
/// that is not there verbatim most likely meant.
pub struct Passages<'a> {
    paragraphs: &'a [String],
    words: Vec<Word>,
    places: HashMap<u64, Vec<u32>>,
}

impl<'a> Passages<'a> {
    /// Indexes `paragraphs`: one pass over their text.
    pub fn new(paragraphs: &'a [String]) -> Self {
        let mut words = Vec::new();
        let mut places: HashMap<u64, Vec<u32>> = HashMap::new();
        for (paragraph, text) in paragraphs.iter().enumerate() {
            for range in word_ranges(text) {
                let list = places.entry(word_hash(&text[range.clone()])).or_default();
                if list.len() <= MAX_POSTINGS {
                    list.push(words.len() as u32);
                }
                words.push(Word { paragraph, range });
            }
        }
        Passages { paragraphs, words, places }
    }

    /// The passage of the section that shares the most words with `quote`, in place (as
    /// many words as the quote has, from the one where most of its words line up), when at
    /// least half of its words do. With whether it starts and ends its paragraph.
    pub fn nearest(&self, quote: &str) -> Option<Nearest<'a>> {
        let wanted: Vec<u64> =
            word_ranges(quote).take(MAX_QUOTE_WORDS).map(|r| word_hash(&quote[r])).collect();
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for (j, hash) in wanted.iter().enumerate() {
            let Some(list) = self.places.get(hash).filter(|l| l.len() <= MAX_POSTINGS) else {
                continue;
            };
            for &at in list {
                let at = at as usize;
                // Where the quote would start if this word of it is this word of the body.
                let Some(start) = at.checked_sub(j) else { continue };
                if self.words[start].paragraph == self.words[at].paragraph {
                    *votes.entry(start).or_default() += 1;
                }
            }
        }
        // The likeliest places, by the rarer words; then each is judged by all of the words.
        let mut places: Vec<(usize, usize)> = votes.into_iter().map(|(s, n)| (n, s)).collect();
        places.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let (count, start) = places
            .into_iter()
            .take(CANDIDATE_PLACES)
            .map(|(_, start)| (self.shared_words(start, &wanted), start))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))?;
        if count * 2 < wanted.len() {
            return None;
        }
        let first = &self.words[start];
        let paragraph = first.paragraph;
        let last = self.words[start..]
            .iter()
            .take(wanted.len())
            .take_while(|w| w.paragraph == paragraph)
            .last()
            .unwrap_or(first);
        let text = &self.paragraphs[paragraph];
        // To the end of the last word's punctuation, as far as the next space.
        let end = text[last.range.end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| last.range.end + i);
        let range = first.range.start..end;
        Some(Nearest {
            text: &text[range.clone()],
            is_start: text[..range.start].trim().is_empty(),
            is_end: text[range.end..].trim().is_empty(),
        })
    }
}

impl Passages<'_> {
    /// How many of `wanted` (word hashes) are among the as many words from `start` on, in
    /// `start`'s paragraph.
    fn shared_words(&self, start: usize, wanted: &[u64]) -> usize {
        let paragraph = self.words[start].paragraph;
        let mut found: Vec<u64> = self.words[start..]
            .iter()
            .take(wanted.len())
            .take_while(|w| w.paragraph == paragraph)
            .map(|w| word_hash(&self.paragraphs[paragraph][w.range.clone()]))
            .collect();
        found.sort_unstable();
        let mut shared = 0;
        for hash in wanted {
            if let Ok(i) = found.binary_search(hash) {
                found.remove(i);
                shared += 1;
            }
        }
        shared
    }
}

/// A passage found for a quote.
#[derive(Debug, PartialEq, Eq)]
pub struct Nearest<'a> {
    pub text: &'a str,
    /// Whether nothing but spaces comes before it in its paragraph.
    pub is_start: bool,
    /// Whether nothing but spaces comes after it.
    pub is_end: bool,
}

impl Nearest<'_> {
    /// The passage for a message: `...` where its paragraph goes on.
    pub fn shown(&self) -> String {
        let before = if self.is_start { "" } else { "..." };
        let after = if self.is_end { "" } else { "..." };
        format!("{before}{}{after}", self.text)
    }
}

/// The words of `text`: runs of letters and digits.
fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    text.char_indices().chain([(text.len(), ' ')]).filter_map(move |(i, c)| {
        match (c.is_alphanumeric(), start) {
            (true, None) => {
                start = Some(i);
                None
            }
            (false, Some(s)) => {
                start = None;
                Some(s..i)
            }
            _ => None,
        }
    })
}

/// A word's hash, case folded.
fn word_hash(word: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        c.hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_typos_only() {
        let ids = ["ecosystem", "chip-gap", "outlook"];
        assert_eq!(closest("ecosytem", ids.iter().copied()), Some("ecosystem"));
        assert_eq!(closest("zzz", ids.iter().copied()), None);
    }

    #[test]
    fn many_ids_are_searched_by_trigrams() {
        let ids: Vec<String> = (0..5000).map(|i| format!("claim-{i}-about-chips")).collect();
        let index = IdIndex::new(ids.iter().map(String::as_str));
        assert_eq!(index.closest("claim-4321-abuot-chips"), Some("claim-4321-about-chips"));
        assert_eq!(index.closest("nothing-like-it"), None);
        let sections: Vec<String> = (0..2000).map(|i| format!("s{i:05}")).collect();
        let index = IdIndex::new(sections.iter().map(String::as_str));
        assert_eq!(index.closest("s01234x"), Some("s01234"), "a typo at the end of common parts");
    }

    #[test]
    fn a_quote_one_word_off_finds_its_passage() {
        let paragraphs = vec![
            "The notice runs out.".to_string(),
            "Payment is due within six months of the notice, or the offer lapses.".to_string(),
        ];
        let passages = Passages::new(&paragraphs);
        let near = passages.nearest("within 6 months of the notice").unwrap();
        assert_eq!(near.shown(), "...within six months of the notice,...");
        let near = passages.nearest("the notice runs out").unwrap();
        assert_eq!(near.shown(), "The notice runs out.");
        assert_eq!(passages.nearest("nothing of the kind here at all"), None);
    }

    #[test]
    fn the_budget_runs_out() {
        let mut budget = Budget::default();
        assert_eq!((0..MAX_HINTS + 5).filter(|_| budget.take()).count(), MAX_HINTS);
    }
}
