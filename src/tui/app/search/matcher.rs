//! Finding one query in one text, smart case: a query with a capital letter is
//! case-sensitive, otherwise case is ignored. Matches are leftmost and never overlap: the next
//! one is looked for where the last one ended.
//!
//! Compiled once per query and kept with the search, so drawing a frame or stepping to the
//! next match never builds it again. Knows nothing of briefings.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use memchr::memmem;

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Matcher {
    kind: Kind,
    /// The most bytes a match can take, for bounding a search near a place.
    max_len: usize,
}

#[derive(Clone, Debug)]
enum Kind {
    /// A capital letter in the query: the bytes as they are.
    Exact(memmem::Finder<'static>),
    /// An ASCII query without capitals: ASCII letters of either case. In a text of its own
    /// `rare` (the index of the needle's byte least common in prose) is looked for first; in
    /// a text's lowercased copy, `lowered` finds the needle as it is.
    Ascii { needle: Box<[u8]>, rare: usize, lowered: memmem::Finder<'static> },
    /// Any other query without capitals: characters compared by their lowercase. Places
    /// where the query's first non-ASCII character can be are looked for first (`anchor`).
    Folded { folded: Box<[char]>, anchor: Option<Anchor> },
}

/// A character of a folded query, and every character that folds to it, to look for first.
#[derive(Clone, Debug)]
struct Anchor {
    /// How many characters of the query come before it.
    index: usize,
    /// Finds the UTF-8 of any character folding to it.
    finder: aho_corasick::AhoCorasick,
}

impl Anchor {
    /// The first non-ASCII character of `folded` (every folded query has one, and it is rarer
    /// than ASCII in most text); none if no finder can be built for it.
    fn new(folded: &[char]) -> Option<Self> {
        let index = folded.iter().position(|c| !c.is_ascii())?;
        let target = folded[index];
        let mut forms = vec![target.to_string()];
        let others = folded_from().get(&target).map_or(&[][..], Vec::as_slice);
        forms.extend(others.iter().map(|&c| String::from(c)));
        let finder = aho_corasick::AhoCorasick::new(forms).ok()?;
        Some(Anchor { index, finder })
    }
}

/// Which way a query is matched; a query extended by more characters may match fewer places
/// than it did, never more, except from `Ascii` to `Folded` (see `Matcher::narrows`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    Exact,
    Ascii,
    Folded,
}

/// Whether smart case makes `query` case-sensitive.
pub fn is_case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

impl Matcher {
    /// The matcher of `query`; none for the empty query, which matches nothing.
    pub fn new(query: &str) -> Option<Self> {
        if query.is_empty() {
            return None;
        }
        let (kind, max_len) = if is_case_sensitive(query) {
            (Kind::Exact(memmem::Finder::new(query.as_bytes()).into_owned()), query.len())
        } else if query.is_ascii() {
            let needle: Box<[u8]> = query.as_bytes().into();
            let rare = (0..needle.len()).min_by_key(|&i| commonness(needle[i])).unwrap_or(0);
            let lowered = memmem::Finder::new(query.as_bytes()).into_owned();
            (Kind::Ascii { needle, rare, lowered }, query.len())
        } else {
            // A character folds to one of at most four bytes, whatever its own length.
            let folded: Box<[char]> = query.chars().map(fold_char).collect();
            let max_len = 4 * folded.len();
            let anchor = Anchor::new(&folded);
            (Kind::Folded { folded, anchor }, max_len)
        };
        Some(Matcher { kind, max_len })
    }

    pub fn way(&self) -> Way {
        match self.kind {
            Kind::Exact(_) => Way::Exact,
            Kind::Ascii { .. } => Way::Ascii,
            Kind::Folded { .. } => Way::Folded,
        }
    }

    /// Whether every match of a longer query matched this way starts where a text has a match
    /// of the shorter query matched `shorter` way: so texts without a match of the shorter one
    /// need no search. Not from ASCII to folded, which also folds non-ASCII letters such as the
    /// Kelvin sign to ASCII ones.
    pub fn narrows(&self, shorter: Way) -> bool {
        !(shorter == Way::Ascii && self.way() == Way::Folded)
    }

    /// The most bytes one match can take.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// Whether this matcher searches a text's ASCII-lowercased copy (see `find_in_searched`).
    pub fn searches_lowered(&self) -> bool {
        matches!(self.kind, Kind::Ascii { .. })
    }

    /// The byte the query is, in the text as searched (`searches_lowered`), if it is one ASCII
    /// byte: then every occurrence is a match, and matches can be counted without finding each.
    pub fn single_byte(&self) -> Option<u8> {
        match &self.kind {
            Kind::Exact(f) if f.needle().len() == 1 => Some(f.needle()[0]),
            Kind::Ascii { needle, .. } if needle.len() == 1 => Some(needle[0]),
            _ => None,
        }
    }

    /// `find_at` on the text as searched: its ASCII-lowercased copy if `searches_lowered`
    /// (where the needle is found as it is, in one pass that looks at pairs of bytes), else
    /// the text itself. Lowercasing ASCII moves no byte, so the ranges are the text's own.
    pub fn find_in_searched(&self, searched: &str, from: usize) -> Option<Range<usize>> {
        match &self.kind {
            Kind::Ascii { lowered, .. } => {
                let hay = searched.as_bytes().get(from..)?;
                lowered.find(hay).map(|at| from + at..from + at + lowered.needle().len())
            }
            _ => self.find_at(searched, from),
        }
    }

    /// The first match in `text` starting at or after byte `from` (a character boundary).
    pub fn find_at(&self, text: &str, from: usize) -> Option<Range<usize>> {
        let hay = text.as_bytes().get(from..)?;
        match &self.kind {
            Kind::Exact(finder) => {
                finder.find(hay).map(|at| from + at..from + at + finder.needle().len())
            }
            Kind::Ascii { needle, rare, .. } => {
                find_ascii(hay, needle, *rare).map(|at| from + at..from + at + needle.len())
            }
            Kind::Folded { folded, anchor: Some(anchor) } => {
                find_anchored(text, from, folded, anchor)
            }
            Kind::Folded { folded, anchor: None } => find_folded(text, from, folded),
        }
    }

    /// Calls `found` with each match in `text`, in order.
    pub fn each(&self, text: &str, mut found: impl FnMut(Range<usize>)) {
        let mut at = 0;
        while let Some(range) = self.find_at(text, at) {
            at = range.end;
            found(range);
        }
    }

    /// Every match in `text`.
    pub fn all(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        self.each(text, |range| out.push(range));
        out
    }
}

/// The first place `needle` (lowercase ASCII) is in `hay`, ASCII case ignored: each place the
/// rare byte is, in either case, is a candidate. Leftmost, because candidates come in order.
fn find_ascii(hay: &[u8], needle: &[u8], rare: usize) -> Option<usize> {
    let (lower, upper) = (needle[rare], needle[rare].to_ascii_uppercase());
    let mut at = rare;
    while at < hay.len() {
        let found = at + memchr::memchr2(lower, upper, &hay[at..])?;
        let start = found - rare;
        if hay.get(start..start + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)) {
            return Some(start);
        }
        at = found + 1;
    }
    None
}

/// The first place at or after `from` where the characters of `text` fold to `folded`.
fn find_folded(text: &str, from: usize, folded: &[char]) -> Option<Range<usize>> {
    let first = *folded.first()?;
    (text[from..].char_indices())
        .filter(|&(_, c)| fold_char(c) == first)
        .find_map(|(i, _)| folded_at(text, from + i, folded))
}

/// The same, from the places the anchor character can be: each is a candidate, the match
/// starting `anchor.index` characters before it. Leftmost, because candidates come in order.
fn find_anchored(
    text: &str,
    from: usize,
    folded: &[char],
    anchor: &Anchor,
) -> Option<Range<usize>> {
    let mut at = from;
    while let Some(found) = anchor.finder.find(&text[at..]) {
        let place = at + found.start();
        at += found.end();
        let start = if anchor.index == 0 {
            Some(place)
        } else {
            text[from..place].char_indices().rev().nth(anchor.index - 1).map(|(i, _)| from + i)
        };
        if let Some(range) = start.and_then(|start| folded_at(text, start, folded)) {
            return Some(range);
        }
    }
    None
}

/// The match of `folded` starting at byte `start` of `text`, if there is one.
fn folded_at(text: &str, start: usize, folded: &[char]) -> Option<Range<usize>> {
    let mut chars = text[start..].char_indices();
    let all = folded.iter().all(|&q| chars.next().is_some_and(|(_, c)| fold_char(c) == q));
    all.then(|| start..chars.next().map_or(text.len(), |(j, _)| start + j))
}

/// For each character other characters fold to, those characters: found once per process
/// (every character with a lowercase is below U+20000, a test checks it).
fn folded_from() -> &'static HashMap<char, Vec<char>> {
    static FOLDED_FROM: OnceLock<HashMap<char, Vec<char>>> = OnceLock::new();
    FOLDED_FROM.get_or_init(|| {
        let mut map: HashMap<char, Vec<char>> = HashMap::new();
        for c in '\0'..'\u{20000}' {
            let folded = fold_char(c);
            if folded != c {
                map.entry(folded).or_default().push(c);
            }
        }
        map
    })
}

fn fold_char(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

/// How common a byte is in English prose, either case (higher is more common): the letters
/// by their usual frequency, the space above all; digits and other bytes are rare.
fn commonness(byte: u8) -> usize {
    const COMMONEST_LAST: &[u8] = b"zqjxkvbpgywfmucldrhsnioate ";
    let byte = byte.to_ascii_lowercase();
    COMMONEST_LAST.iter().position(|&c| c == byte).map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, query: &str) -> Vec<Range<usize>> {
        Matcher::new(query).map(|m| m.all(text)).unwrap_or_default()
    }

    #[test]
    fn smart_case() {
        assert_eq!(all("China china CHINA", "china"), vec![0..5, 6..11, 12..17]);
        assert_eq!(all("China china CHINA", "China"), vec![0..5]);
    }

    #[test]
    fn non_ascii_queries_fold_case_and_keep_byte_ranges() {
        let text = "Ärger und ärger, 中文 中文";
        assert_eq!(all(text, "ärger").len(), 2);
        let hits = all(text, "中文");
        assert_eq!(hits.len(), 2);
        assert!(hits.iter().all(|r| &text[r.clone()] == "中文"));
        // The Kelvin sign folds to k; the ASCII way leaves it alone.
        assert_eq!(all("\u{212a}ä", "kä"), vec![0..5]);
        assert!(all("\u{212a}a", "ka").is_empty());
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(all("aaaa", "aa"), vec![0..2, 2..4]);
        assert_eq!(all("aaaaa", "aa"), vec![0..2, 2..4]);
        assert_eq!(all("ÄÄÄ", "ää"), vec![0..4]);
        assert_eq!(all("AAAA", "AA"), vec![0..2, 2..4]);
        assert!(all("abc", "").is_empty());
    }

    #[test]
    fn the_rare_byte_is_looked_for_but_the_match_is_leftmost() {
        // `z` is looked for first; the match still starts at the needle's own first byte.
        let m = Matcher::new("ez").unwrap();
        assert_eq!(m.all("eez EZ ez"), vec![1..3, 4..6, 7..9]);
        assert_eq!(m.find_at("eez", 2), None);
        assert_eq!(Matcher::new("xy").unwrap().all("y x"), Vec::<Range<usize>>::new());
        assert_eq!(Matcher::new("e").unwrap().single_byte(), Some(b'e'));
        assert_eq!(Matcher::new("E").unwrap().single_byte(), Some(b'E'));
        let m = Matcher::new("ez").unwrap();
        assert_eq!(m.find_in_searched("eez ez ez", 2), Some(4..6));
        assert_eq!(Matcher::new("ä").unwrap().single_byte(), None);
    }

    #[test]
    fn every_character_that_folds_to_another_is_below_u20000() {
        for c in '\u{20000}'..=char::MAX {
            assert_eq!(fold_char(c), c);
        }
        assert_eq!(folded_from()[&'k'], ['K', '\u{212a}']);
        assert_eq!(folded_from()[&'\u{e4}'], ['\u{c4}']);
    }

    #[test]
    fn a_folded_query_is_found_from_its_first_non_ascii_character() {
        let m = Matcher::new("aäb").unwrap();
        assert_eq!(m.find_at("xaäb aÄB", 0), Some(1..5));
        assert_eq!(m.find_at("xaäb aÄB", 1), Some(1..5));
        assert_eq!(m.find_at("xaäb aÄB", 2), Some(6..10));
        // The anchor is found but the characters before it are before `from`.
        assert_eq!(Matcher::new("ää").unwrap().all("ÄäÄ"), vec![0..4]);
        assert_eq!(Matcher::new("xä").unwrap().find_at("xä", 1), None);
        assert_eq!(Matcher::new("中文").unwrap().all("中文 中文 中"), vec![0..6, 7..13]);
    }

    #[test]
    fn extending_a_query_narrows_it_except_from_ascii_to_folded() {
        let way = |q: &str| Matcher::new(q).unwrap();
        assert!(way("ab").narrows(Way::Ascii));
        assert!(way("aB").narrows(Way::Ascii));
        assert!(way("äb").narrows(Way::Folded));
        assert!(!way("aä").narrows(Way::Ascii));
    }
}
