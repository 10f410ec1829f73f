//! The matches of one query in a briefing, counted, not kept: marks to find each again from,
//! in reading order, over the list of every text a search looks in.

use std::ops::Range;

use super::matcher::Matcher;
use super::{Field, Hit};
use crate::briefing::{Briefing, FactorIx, SectionIx};
use crate::tui::app::LineKind;

/// Every text a search looks in, in reading order: the cover; per section its title, its body,
/// its claims, then the counterpoints and the factors first met there (a factor where it first
/// bears); factors that bear on no section last. Made once per briefing, when the search
/// prompt first opens.
#[derive(Clone, Debug, Default)]
pub struct Texts {
    pub(super) fields: Vec<Field>,
    /// Where each section's title is in `fields`; its paragraphs follow it.
    sections: Vec<usize>,
    /// The section each factor's texts are listed in (the first it bears on), if any.
    pub(super) factor_sections: Vec<Option<SectionIx>>,
    /// Every text one after the other, ASCII letters lowercased: a query without capitals is
    /// searched here, as it is, rather than letter by letter in either case (a third of the
    /// time for a common pair of letters at 10 MB). As much memory again as the texts take.
    lowered: String,
    /// Where each text starts in `lowered`, and where the last one ends.
    starts: Vec<usize>,
}

impl Texts {
    pub fn new(b: &Briefing) -> Self {
        let mut fields = vec![Field::Cover(LineKind::CoverTitle)];
        if b.subtitle.is_some() {
            fields.push(Field::Cover(LineKind::CoverSubtitle));
        }
        fields.extend((0..b.summary.len()).map(|i| Field::Cover(LineKind::Summary(i))));
        let mut sections = Vec::with_capacity(b.sections.len());
        let mut seen_counterpoint = vec![false; b.counterpoints.len()];
        let mut factor_sections = vec![None; b.factors.len()];
        let factor_fields = |fi: FactorIx, fields: &mut Vec<Field>| {
            fields.push(Field::FactorTitle(fi));
            if b.factors[fi].question.is_some() {
                fields.push(Field::FactorQuestion(fi));
            }
            fields.push(Field::FactorText(fi));
        };
        for (si, section) in b.section_ixs().zip(&b.sections) {
            sections.push(fields.len());
            fields.push(Field::SectionTitle(si));
            fields.extend(
                (0..section.paragraphs.len()).map(|p| Field::Body { section: si, paragraph: p }),
            );
            fields.extend(section.claims.iter().map(|&c| Field::Claim(c)));
            for &cp in &section.counterpoints {
                if !std::mem::replace(&mut seen_counterpoint[cp.0], true) {
                    fields.push(Field::Counterpoint(cp));
                }
            }
            for &fi in &section.factors {
                if factor_sections[fi.0].is_none() {
                    factor_sections[fi.0] = Some(si);
                    factor_fields(fi, &mut fields);
                }
            }
        }
        for fi in b.factor_ixs() {
            if factor_sections[fi.0].is_none() {
                factor_fields(fi, &mut fields);
            }
        }
        let size = fields.iter().map(|&f| text_of(b, f).len()).sum();
        let mut lowered = String::with_capacity(size);
        let mut starts = Vec::with_capacity(fields.len() + 1);
        for &field in &fields {
            starts.push(lowered.len());
            lowered.push_str(text_of(b, field));
        }
        starts.push(lowered.len());
        lowered.make_ascii_lowercase();
        Texts { fields, sections, factor_sections, lowered, starts }
    }

    /// Text `index` as `matcher` searches it (see `Matcher::find_in_searched`).
    fn searched<'a>(&'a self, b: &'a Briefing, matcher: &Matcher, index: usize) -> &'a str {
        if matcher.searches_lowered() {
            &self.lowered[self.starts[index]..self.starts[index + 1]]
        } else {
            text_of(b, self.fields[index])
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The index of body paragraph `paragraph` of `section`.
    pub(super) fn body(&self, section: SectionIx, paragraph: usize) -> Option<usize> {
        let i = self.sections.get(section.0)? + 1 + paragraph;
        let field = Field::Body { section, paragraph };
        (self.fields.get(i) == Some(&field)).then_some(i)
    }
}

/// The text of `field`.
pub fn text_of(b: &Briefing, field: Field) -> &str {
    match field {
        Field::Cover(LineKind::CoverTitle) => &b.title,
        Field::Cover(LineKind::CoverSubtitle) => b.subtitle.as_deref().unwrap_or(""),
        Field::Cover(LineKind::Summary(i)) => b.summary.get(i).map_or("", String::as_str),
        Field::Cover(_) => "",
        Field::SectionTitle(s) => &b.sections[s].title,
        Field::Body { section, paragraph } => &b.sections[section].paragraphs[paragraph],
        Field::Claim(c) => &b.claims[c].text,
        Field::Counterpoint(cp) => &b.counterpoints[cp].text,
        Field::FactorTitle(f) => &b.factors[f].title,
        Field::FactorQuestion(f) => b.factors[f].question.as_deref().unwrap_or(""),
        Field::FactorText(f) => &b.factors[f].text,
    }
}

/// How far apart (in bytes of one text) marks are at most, besides one per text: what finding
/// a match again from its mark costs at most.
const MARK_EVERY: usize = 16 * 1024;

/// Where the matches of one query are, counted: a mark per text with a match (and every
/// `MARK_EVERY` bytes of a long one), in reading order.
#[derive(Clone, Debug, Default)]
pub struct Matches {
    /// The query, compiled; none for the empty query.
    pub(super) matcher: Option<Matcher>,
    query: String,
    pub(super) marks: Vec<Mark>,
    pub(super) total: usize,
}

/// A match to search on from.
#[derive(Clone, Copy, Debug)]
pub(super) struct Mark {
    /// The text, as an index into `Texts`.
    pub(super) text: usize,
    /// Where the match starts: a search from here finds it first.
    pub(super) at: usize,
    /// How many matches come before it in reading order.
    pub(super) before: usize,
}

impl Matches {
    /// The matches of `query`. When it extends the query of `previous` (and matches no more
    /// loosely), only the texts where that one matched are searched, from its first match on.
    pub(super) fn find(b: &Briefing, texts: &Texts, query: &str, previous: &Matches) -> Matches {
        let Some(matcher) = Matcher::new(query) else { return Matches::default() };
        let mut out = Matches { query: query.into(), ..Matches::default() };
        let narrows = (previous.matcher.as_ref())
            .is_some_and(|p| matcher.narrows(p.way()) && query.starts_with(&previous.query));
        if narrows {
            let mut last = None;
            for mark in &previous.marks {
                if last != Some(mark.text) {
                    last = Some(mark.text);
                    out.add(&matcher, mark.text, texts.searched(b, &matcher, mark.text), mark.at);
                }
            }
        } else {
            for i in 0..texts.fields.len() {
                out.add(&matcher, i, texts.searched(b, &matcher, i), 0);
            }
        }
        out.matcher = Some(matcher);
        out
    }

    /// Counts the matches of text `index` (as searched) from byte `from` on, and marks them.
    fn add(&mut self, matcher: &Matcher, index: usize, searched: &str, from: usize) {
        if let Some(byte) = matcher.single_byte() {
            // Every occurrence of the byte is a match: each window is counted, not walked.
            let hay = searched.as_bytes();
            let mut start = from;
            while start < hay.len() {
                let end = (start + MARK_EVERY).min(hay.len());
                let window = &hay[start..end];
                if let Some(first) = memchr::memchr(byte, window) {
                    self.marks.push(Mark { text: index, at: start + first, before: self.total });
                    self.total += memchr::memchr_iter(byte, &window[first..]).count();
                }
                start = end;
            }
            return;
        }
        let (mut at, mut next_mark) = (from, from);
        while let Some(range) = matcher.find_in_searched(searched, at) {
            if range.start >= next_mark {
                self.marks.push(Mark { text: index, at: range.start, before: self.total });
                next_mark = range.start + MARK_EVERY;
            }
            self.total += 1;
            at = range.end;
        }
    }

    /// Match `index` in reading order (the first is 0).
    pub(super) fn nth(&self, b: &Briefing, texts: &Texts, index: usize) -> Option<Hit> {
        let matcher = self.matcher.as_ref().filter(|_| index < self.total)?;
        let mark = self.marks[self.marks.partition_point(|m| m.before <= index).checked_sub(1)?];
        let searched = texts.searched(b, matcher, mark.text);
        let mut at = mark.at;
        for _ in mark.before..index {
            at = matcher.find_in_searched(searched, at)?.end;
        }
        let range = matcher.find_in_searched(searched, at)?;
        Some(Hit { field: texts.fields[mark.text], range })
    }

    /// The matches in text `index` that overlap its bytes `span`: found from the last mark
    /// before it, and looked for no further than a match can reach past it.
    pub(super) fn within(
        &self,
        b: &Briefing,
        texts: &Texts,
        index: usize,
        span: Range<usize>,
    ) -> Vec<Range<usize>> {
        let Some(matcher) = &self.matcher else { return Vec::new() };
        let text = texts.searched(b, matcher, index);
        let first = self.marks.partition_point(|m| m.text < index);
        let marks = &self.marks[first..self.marks.partition_point(|m| m.text <= index)];
        let before = marks.partition_point(|m| m.at <= span.start);
        let Some(mark) = marks[..before].last().or(marks.first()) else { return Vec::new() };
        let mut limit = span.end.saturating_add(matcher.max_len()).min(text.len());
        while !text.is_char_boundary(limit) {
            limit += 1;
        }
        let text = &text[..limit];
        let mut out = Vec::new();
        let mut at = mark.at;
        while let Some(range) = matcher.find_in_searched(text, at).filter(|r| r.start < span.end) {
            at = range.end;
            if range.end > span.start {
                out.push(range);
            }
        }
        out
    }
}
