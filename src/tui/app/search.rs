//! Finding text in a briefing: the matches of a query in section bodies, claims,
//! counterpoints and factors, in reading order (see `matcher` for smart case).
//!
//! Matches are counted, never all kept: a query can match a 10 MB briefing a million times.
//! What is kept per query (`Matches`) is, for each text that has a match, where its first
//! match starts and how many matches come before it (again every `MARK_EVERY` bytes of a long
//! text), so the match `n` steps to, and those on screen, are found again from the nearest
//! such mark. A query that extends the last one looks only in the texts that had a match.

mod matcher;
mod matches;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub use matches::{Matches, Texts, text_of};

use super::{Focus, ItemIx, LineKind, SidePane};
use crate::briefing::{ClaimIx, CounterpointIx, FactorIx, SectionIx};

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

/// The search as the panes and the status bar read it.
impl super::Search {
    /// How many matches the query has.
    pub fn count(&self) -> usize {
        self.matches.total
    }

    /// The current match, where it is.
    pub fn current_hit(&self) -> Option<&Hit> {
        self.current_hit.as_ref()
    }

    /// The matches of the query in `text` (a side pane's short text, a title).
    pub fn matches_in(&self, text: &str) -> Vec<Range<usize>> {
        self.matches.matcher.as_ref().map(|m| m.all(text)).unwrap_or_default()
    }
}

/// The reader's side of search: running it as the query changes, stepping through matches,
/// and showing each where it is.
impl super::App {
    /// Re-runs the search as the query changes and shows the first match at or after where
    /// the search started.
    pub(super) fn run_search(&mut self) {
        self.list_texts();
        let matches =
            Matches::find(&self.briefing, &self.texts, &self.search.query, &self.search.matches);
        self.search.matches = matches;
        let origin = self.search.origin.map_or(SectionIx(0), |(l, _)| l.section);
        // Factors are shown in every section: they come after every section's matches. The
        // first mark of a text is its first match.
        let first = (self.search.matches.marks.iter())
            .find(|m| self.field_section(self.texts.fields[m.text]).is_none_or(|s| s >= origin))
            .map(|m| m.before);
        match first.or((self.search.count() > 0).then_some(0)) {
            Some(i) => self.go_to_match(i),
            None => {
                self.search.current = None;
                self.search.current_hit = None;
                if let Some((origin, focus)) = self.search.origin {
                    self.restore(origin);
                    self.focus = focus;
                }
            }
        }
    }

    /// Lists the texts to search in, the first time the briefing is searched.
    pub(super) fn list_texts(&mut self) {
        if self.texts.is_empty() {
            self.texts = Texts::new(&self.briefing);
        }
    }

    /// Adds `text` to the query (typed or pasted) and searches once for the whole of it.
    pub(super) fn extend_query(&mut self, text: &str) {
        self.search.query.push_str(text);
        self.run_search();
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        // After Esc, `n` searches again for the last query, from here (as less and vim do).
        if self.search.query.is_empty() && !self.last_query.is_empty() {
            self.search.query = self.last_query.clone();
            self.search.origin = Some((self.location(), self.focus));
            self.run_search();
            self.search.origin = None;
            if self.search.count() == 0 {
                self.message = Some(format!("no match for '{}'", self.search.query));
            }
            return;
        }
        let n = self.search.count();
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
        self.go_to_match(next);
        if !self.search.is_typing && before.section != self.section {
            self.push_jump(before);
        }
    }

    /// Makes match `index` the current one and shows it.
    fn go_to_match(&mut self, index: usize) {
        let hit = self.search.matches.nth(&self.briefing, &self.texts, index);
        self.search.current = Some(index);
        self.search.current_hit = hit.clone();
        if let Some(hit) = hit {
            self.show_hit(hit);
        }
    }

    /// The section a text belongs to in reading order: a factor's is the first it bears on
    /// (none when it bears on none: those come last).
    fn field_section(&self, field: Field) -> Option<SectionIx> {
        match field {
            Field::Cover(_) => Some(SectionIx(0)),
            Field::SectionTitle(section) | Field::Body { section, .. } => Some(section),
            Field::Claim(c) => Some(self.briefing.claims[c].section),
            Field::Counterpoint(cp) => Some(
                self.briefing.counterpoints[cp]
                    .claims
                    .first()
                    .map_or(self.section, |&c| self.briefing.claims[c].section),
            ),
            Field::FactorTitle(f) | Field::FactorQuestion(f) | Field::FactorText(f) => {
                self.texts.factor_sections.get(f.0).copied().flatten()
            }
        }
    }

    fn show_hit(&mut self, hit: Hit) {
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
                let section = self.field_section(hit.field).unwrap_or(self.section);
                self.enter_section(section);
                if let Some(i) = self.counterpoints_in_view().iter().position(|&x| x == cp) {
                    self.selected.set(SidePane::Counterpoints, ItemIx(i));
                }
                self.focus = Focus::Counterpoints;
                self.tab = SidePane::Counterpoints;
            }
            Field::FactorTitle(f) | Field::FactorQuestion(f) | Field::FactorText(f) => {
                // Shown in the section where it comes in reading order.
                if let Some(section) = self.field_section(hit.field) {
                    self.enter_section(section);
                }
                self.selected.set(SidePane::Factors, ItemIx(f.0));
                self.focus = Focus::Factors;
                self.tab = SidePane::Factors;
            }
        }
    }

    /// The search matches in body paragraph `paragraph` of the current section that overlap
    /// its bytes `span` (a line on screen), each with whether it is the current match.
    pub fn body_matches(&self, paragraph: usize, span: Range<usize>) -> Vec<(Range<usize>, bool)> {
        let Some(index) = self.texts.body(self.section, paragraph) else { return Vec::new() };
        let field = Field::Body { section: self.section, paragraph };
        let current = self.search.current_hit.as_ref().filter(|h| h.field == field);
        (self.search.matches.within(&self.briefing, &self.texts, index, span).into_iter())
            .map(|r| {
                let is_current = current.is_some_and(|h| h.range == r);
                (r, is_current)
            })
            .collect()
    }

    /// "3/17" for the status bar, when a search has matches.
    pub fn match_counter(&self) -> Option<String> {
        let n = self.search.count();
        self.search.current.filter(|_| n > 0).map(|i| format!("{}/{n}", i + 1))
    }

    /// Every match, in reading order: for tests, which check what the marks stand for.
    #[cfg(test)]
    pub(super) fn hits(&self) -> Vec<Hit> {
        let mut out = Vec::new();
        let Some(matcher) = &self.search.matches.matcher else { return out };
        let mut last = None;
        for mark in &self.search.matches.marks {
            if last != Some(mark.text) {
                last = Some(mark.text);
                let field = self.texts.fields[mark.text];
                let text = text_of(&self.briefing, field);
                let mut at = mark.at;
                while let Some(range) = matcher.find_at(text, at) {
                    at = range.end;
                    out.push(Hit { field, range });
                }
            }
        }
        out
    }
}
