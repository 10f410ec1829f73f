//! The analysis laid over the claims, beyond counterpoints and factors: hypotheses, the
//! ratings of claims and counterpoints against them, and the indicators of factors.
//!
//! Checked as the rest of the file is (every problem reported, at its value); linear in what
//! the file holds: one hash lookup per rating, never claims × hypotheses.

use std::collections::HashMap;

use super::Validator;
use crate::briefing::model::{Consistency, Hypothesis, HypothesisIx, Indicator, Rating};
use crate::briefing::raw::{RawHypothesis, RawIndicator, RawRatings, Text};
use crate::diagnostic::quoted;

impl Validator<'_, '_> {
    /// The hypotheses, in file order (their ids are checked with the other kinds').
    pub(super) fn hypotheses(&mut self, raw: Vec<RawHypothesis>) -> Vec<Hypothesis> {
        raw.into_iter()
            .map(|h| Hypothesis {
                id: self.owned_line(h.id),
                title: self.required_line(h.title, "title"),
                text: self.required_line(h.text, "text"),
                by: h.by.map(|b| self.owned_line(b)),
            })
            .collect()
    }

    /// A factor's indicators, in file order (their ids are checked with the other kinds').
    pub(super) fn indicators(&mut self, raw: Vec<RawIndicator>) -> Vec<Indicator> {
        raw.into_iter()
            .map(|i| Indicator {
                id: self.owned_line(i.id),
                text: self.required_line(i.text, "text"),
                by: i.by.map(|b| self.owned_line(b)),
            })
            .collect()
    }

    /// The `ratings` of the `kind` item `from`: each names a hypothesis that exists and a term
    /// of Heuer's scale. Kept in hypothesis order, so a rating is found by binary search.
    pub(super) fn ratings(
        &mut self,
        kind: &str,
        from: &Text,
        raw: Option<RawRatings>,
        hypotheses: &HashMap<String, usize>,
    ) -> Vec<Rating> {
        let Some(RawRatings(raw)) = raw else { return Vec::new() };
        let mut ratings = Vec::with_capacity(raw.len());
        for (hypothesis, term) in &raw {
            let hypothesis = self.reference(kind, from, "hypothesis", hypothesis, hypotheses);
            let consistency = Consistency::parse(term.get_ref());
            if consistency.is_none() {
                let message = format!(
                    "unknown rating {}, expected one of: {} (very consistent to very \
                     inconsistent; N when it says nothing either way)",
                    quoted(term.get_ref()),
                    Consistency::NAMES.join(", ")
                );
                self.error(term.span(), &message);
            }
            if let (Some(h), Some(consistency)) = (hypothesis, consistency) {
                ratings.push(Rating { hypothesis: HypothesisIx(h), consistency });
            }
        }
        ratings.sort_unstable_by_key(|r| r.hypothesis);
        // TOML refuses a key written twice; this keeps "each once" true whatever the parser.
        ratings.dedup_by_key(|r| r.hypothesis);
        ratings
    }
}
