//! Finding text in a briefing: every match of a query in section bodies, claims,
//! counterpoints and factors, in reading order. Smart case: a query with a capital letter is
//! case-sensitive, otherwise case is ignored.

use std::ops::Range;

use super::{Focus, ItemIx, LineKind, SidePane};
use crate::briefing::{Briefing, ClaimIx, CounterpointIx, FactorIx, SectionIx};

/// Which text a match is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The briefing's title, subtitle or a summary paragraph (the cover, atop section 1).
    Cover(crate::tui::app::LineKind),
    SectionTitle(SectionIx),
    Body {
        section: SectionIx,
        paragraph: usize,
    },
    Claim(ClaimIx),
    Counterpoint(CounterpointIx),
    FactorTitle(FactorIx),
    FactorQuestion(FactorIx),
    FactorText(FactorIx),
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
    let mut cover = vec![(LineKind::CoverTitle, b.title.as_str())];
    cover.extend(b.subtitle.as_deref().map(|s| (LineKind::CoverSubtitle, s)));
    cover.extend(b.summary.iter().enumerate().map(|(i, p)| (LineKind::Summary(i), p.as_str())));
    for (kind, text) in cover {
        matcher.each(text, |range| hits.push(Hit { field: Field::Cover(kind), range }));
    }
    for (si, section) in b.section_ixs().zip(&b.sections) {
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
            if !std::mem::replace(&mut seen_counterpoint[cp.0], true) {
                let text = &b.counterpoints[cp].text;
                matcher
                    .each(text, |range| hits.push(Hit { field: Field::Counterpoint(cp), range }));
            }
        }
    }
    for (fi, factor) in b.factor_ixs().zip(&b.factors) {
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

/// The reader's side of search: running it as the query changes, stepping through matches,
/// and showing each where it is.
impl super::App {
    /// Re-runs the search as the query changes and shows the first match at or after where
    /// the search started.
    pub(super) fn run_search(&mut self) {
        self.search.hits = find_all(&self.briefing, &self.search.query);
        // Body hits come out of `find_all` in (section, paragraph, offset) order already.
        self.search.body_hits = (self.search.hits.iter().enumerate())
            .filter(|(_, h)| matches!(h.field, Field::Body { .. }))
            .map(|(i, _)| i)
            .collect();
        let origin = self.search.origin.map_or(SectionIx(0), |(l, _)| l.section);
        // Factors are shown in every section: they come after every section's matches.
        let first =
            self.search.hits.iter().position(|h| self.hit_section(h).is_none_or(|s| s >= origin));
        self.search.current = first.or(if self.search.hits.is_empty() { None } else { Some(0) });
        match self.search.current {
            Some(i) => self.show_hit(i),
            None => {
                if let Some((origin, focus)) = self.search.origin {
                    self.restore(origin);
                    self.focus = focus;
                }
            }
        }
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let n = self.search.hits.len();
        if n == 0 {
            self.message = Some(if self.search.query.is_empty() {
                let search =
                    crate::tui::keymap::key_for(super::Mode::Reading, super::Action::StartSearch);
                format!("no search: press {search} to search")
            } else {
                format!("no match for '{}'", self.search.query)
            });
            return;
        }
        let next = match (self.search.current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        if forward && next == 0 && n > 1 {
            self.message = Some("search wrapped to the start".into());
        } else if !forward && self.search.current == Some(0) && n > 1 {
            self.message = Some("search wrapped to the end".into());
        }
        let before = self.location();
        self.search.current = Some(next);
        self.show_hit(next);
        if !self.search.is_typing && before.section != self.section {
            self.push_jump(before);
        }
    }

    /// The section a match belongs to; none for factors, which every section shows.
    pub(super) fn hit_section(&self, hit: &Hit) -> Option<SectionIx> {
        match hit.field {
            Field::Cover(_) => Some(SectionIx(0)),
            Field::SectionTitle(section) | Field::Body { section, .. } => Some(section),
            Field::Claim(c) => Some(self.briefing.claims[c].section),
            Field::Counterpoint(cp) => Some(
                self.briefing.counterpoints[cp]
                    .claims
                    .first()
                    .map_or(self.section, |&c| self.briefing.claims[c].section),
            ),
            Field::FactorTitle(_) | Field::FactorQuestion(_) | Field::FactorText(_) => None,
        }
    }

    pub(super) fn show_hit(&mut self, index: usize) {
        let Some(hit) = self.search.hits.get(index).cloned() else {
            return;
        };
        match hit.field {
            Field::Cover(kind) => {
                self.enter_section(SectionIx(0));
                self.focus = Focus::Text;
                if let Some(line) = self.page.line_of_kind(&kind, hit.range.start) {
                    self.reveal_line(line);
                }
            }
            Field::SectionTitle(section) => {
                self.enter_section(section);
                self.focus = Focus::Text;
                if let Some(line) = self.page.line_of_kind(&LineKind::Title, hit.range.start) {
                    self.reveal_line(line);
                }
            }
            Field::Body { section, paragraph } => {
                self.enter_section(section);
                self.focus = Focus::Text;
                if let Some(line) = self.page.line_of(paragraph, hit.range.start) {
                    self.reveal_line(line);
                }
            }
            Field::Claim(c) => {
                self.show_claim(c, false);
                self.focus = Focus::Claims;
                self.tab = SidePane::Claims;
            }
            Field::Counterpoint(cp) => {
                let section = self.hit_section(&hit).unwrap_or(self.section);
                self.enter_section(section);
                if let Some(i) = self.counterpoints_in_view().iter().position(|&x| x == cp) {
                    self.selected.set(SidePane::Counterpoints, ItemIx(i));
                }
                self.focus = Focus::Counterpoints;
                self.tab = SidePane::Counterpoints;
            }
            Field::FactorTitle(f) | Field::FactorQuestion(f) | Field::FactorText(f) => {
                self.selected.set(SidePane::Factors, ItemIx(f.0));
                self.focus = Focus::Factors;
                self.tab = SidePane::Factors;
            }
        }
    }

    /// Search matches in body paragraph `paragraph` of the current section: (hit index, range).
    pub fn body_hits_in(
        &self,
        paragraph: usize,
    ) -> impl Iterator<Item = (usize, &std::ops::Range<usize>)> {
        let key = (self.section, paragraph);
        let hits = &self.search.hits;
        let body_key = |i: usize| match hits[i].field {
            Field::Body { section, paragraph } => (section, paragraph),
            _ => (SectionIx(usize::MAX), usize::MAX),
        };
        let start = self.search.body_hits.partition_point(|&i| body_key(i) < key);
        self.search.body_hits[start..]
            .iter()
            .take_while(move |&&i| body_key(i) == key)
            .map(move |&i| (i, &hits[i].range))
    }

    /// "3/17" for the status bar, when a search has matches.
    pub fn match_counter(&self) -> Option<String> {
        let n = self.search.hits.len();
        self.search.current.filter(|_| n > 0).map(|i| format!("{}/{n}", i + 1))
    }
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
