//! Finding text in a briefing: every match of a query in section bodies, claims,
//! counterpoints and factors, in reading order. Smart case: a query with a capital letter is
//! case-sensitive, otherwise case is ignored.

use std::ops::Range;

use crate::briefing::Briefing;

/// Which text a match is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The briefing's title, subtitle or a summary paragraph (the cover, atop section 1).
    Cover(crate::app::LineKind),
    SectionTitle(usize),
    Body {
        section: usize,
        paragraph: usize,
    },
    Claim(usize),
    Counterpoint(usize),
    FactorTitle(usize),
    FactorQuestion(usize),
    FactorText(usize),
}

/// One match: the field and the byte range in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub field: Field,
    pub range: Range<usize>,
}

/// All matches of `query` in reading order: per section its body, its claims, then the
/// counterpoints first met there; factors last. An empty query matches nothing.
pub fn find_all(b: &Briefing, query: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    if query.is_empty() {
        return hits;
    }
    let matcher = Matcher::new(query);
    let mut seen_counterpoint = vec![false; b.counterpoints.len()];
    let mut cover = vec![(crate::app::LineKind::CoverTitle, b.title.as_str())];
    cover.extend(b.subtitle.as_deref().map(|s| (crate::app::LineKind::CoverSubtitle, s)));
    cover.extend(
        b.summary.iter().enumerate().map(|(i, p)| (crate::app::LineKind::Summary(i), p.as_str())),
    );
    for (kind, text) in cover {
        matcher.each(text, |range| hits.push(Hit { field: Field::Cover(kind), range }));
    }
    for (si, section) in b.sections.iter().enumerate() {
        matcher
            .each(&section.title, |range| hits.push(Hit { field: Field::SectionTitle(si), range }));
        for (pi, paragraph) in section.paragraphs.iter().enumerate() {
            matcher.each(paragraph, |range| {
                hits.push(Hit { field: Field::Body { section: si, paragraph: pi }, range })
            });
        }
        for &c in &section.claims {
            matcher
                .each(&b.claims[c].text, |range| hits.push(Hit { field: Field::Claim(c), range }));
        }
        for &cp in &section.counterpoints {
            if !std::mem::replace(&mut seen_counterpoint[cp], true) {
                let text = &b.counterpoints[cp].text;
                matcher
                    .each(text, |range| hits.push(Hit { field: Field::Counterpoint(cp), range }));
            }
        }
    }
    for (fi, factor) in b.factors.iter().enumerate() {
        matcher
            .each(&factor.title, |range| hits.push(Hit { field: Field::FactorTitle(fi), range }));
        if let Some(question) = &factor.question {
            matcher
                .each(question, |range| hits.push(Hit { field: Field::FactorQuestion(fi), range }));
        }
        matcher.each(&factor.text, |range| hits.push(Hit { field: Field::FactorText(fi), range }));
    }
    hits
}

/// Whether smart case makes `query` case-sensitive.
pub fn is_case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Matches of `query` in one text (smart case), for highlighting.
pub fn matches_in(text: &str, query: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !query.is_empty() {
        Matcher::new(query).each(text, |r| out.push(r));
    }
    out
}

struct Matcher<'q> {
    query: &'q str,
    sensitive: bool,
    folded: Vec<char>,
}

impl<'q> Matcher<'q> {
    fn new(query: &'q str) -> Self {
        let sensitive = is_case_sensitive(query);
        Self { query, sensitive, folded: query.chars().map(fold_char).collect() }
    }

    /// Calls `found` with each non-overlapping match in `text`.
    fn each(&self, text: &str, mut found: impl FnMut(Range<usize>)) {
        if self.sensitive {
            for (start, m) in text.match_indices(self.query) {
                found(start..start + m.len());
            }
        } else if self.query.is_ascii() {
            self.each_ascii(text, found);
        } else {
            self.each_folded(text, found);
        }
    }

    /// Case-insensitive ASCII query: compare bytes. An ASCII byte never sits inside a multi-byte
    /// character, so every match starts and ends on a character boundary.
    fn each_ascii(&self, text: &str, mut found: impl FnMut(Range<usize>)) {
        let (hay, needle) = (text.as_bytes(), self.query.as_bytes());
        let first = needle[0].to_ascii_lowercase();
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if hay[i].to_ascii_lowercase() == first
                && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
            {
                found(i..i + needle.len());
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }

    fn each_folded(&self, text: &str, mut found: impl FnMut(Range<usize>)) {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let n = self.folded.len();
        let mut i = 0;
        while i + n <= chars.len() {
            if chars[i..i + n].iter().zip(&self.folded).all(|(&(_, c), &q)| fold_char(c) == q) {
                let end = chars.get(i + n).map_or(text.len(), |&(at, _)| at);
                found(chars[i].0..end);
                i += n;
            } else {
                i += 1;
            }
        }
    }
}

fn fold_char(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        assert_eq!(matches_in("China china CHINA", "china"), vec![0..5, 6..11, 12..17]);
        assert_eq!(matches_in("China china CHINA", "China"), vec![0..5]);
    }

    #[test]
    fn non_ascii_queries_fold_case_and_keep_byte_ranges() {
        let text = "Ärger und ärger, 中文 中文";
        assert_eq!(matches_in(text, "ärger").len(), 2);
        let hits = matches_in(text, "中文");
        assert_eq!(hits.len(), 2);
        assert!(hits.iter().all(|r| &text[r.clone()] == "中文"));
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(matches_in("aaaa", "aa"), vec![0..2, 2..4]);
        assert!(matches_in("abc", "").is_empty());
    }
}
