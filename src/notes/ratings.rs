//! Your own ratings in the matrix of competing hypotheses: how consistent you judge a claim or
//! a counterpoint with one hypothesis, on Heuer's scale (`CC` .. `II`). Stored with the notes
//! as `[[rating]]` tables (format 2), keyed by the item's kind and id and the hypothesis' id,
//! never by position: a rating whose item or hypothesis is gone is kept (orphaned), never
//! dropped. Yours takes the author's place in the matrix and its ranking. Pure.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::briefing::{Briefing, Consistency};

/// What a rating is on: a claim or a counterpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Claim,
    Counterpoint,
}

impl ItemKind {
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Claim => "claim",
            ItemKind::Counterpoint => "counterpoint",
        }
    }
}

/// Which cell a rating is in: the item (kind and id) and the hypothesis' id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RatingKey {
    pub kind: ItemKind,
    pub item: String,
    pub hypothesis: String,
}

/// One `[[rating]]` table, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub kind: ItemKind,
    /// The claim's or counterpoint's id.
    pub item: String,
    /// The hypothesis' id.
    pub hypothesis: String,
    pub consistency: Consistency,
}

impl Rating {
    pub fn key(&self) -> RatingKey {
        RatingKey { kind: self.kind, item: self.item.clone(), hypothesis: self.hypothesis.clone() }
    }
}

/// Your ratings by cell, so the file is written in a stable order (kind, item, hypothesis).
pub type Ratings = BTreeMap<RatingKey, Consistency>;

/// A change to one cell: your rating set (`Some`) or cleared (`None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingChange {
    pub key: RatingKey,
    pub consistency: Option<Consistency>,
}

/// Applies one change. The last writer wins a cell; nothing else is touched.
pub fn apply(ratings: &mut Ratings, change: &RatingChange) {
    match change.consistency {
        Some(c) => {
            ratings.insert(change.key.clone(), c);
        }
        None => {
            ratings.remove(&change.key);
        }
    }
}

/// The ratings as `[[rating]]` tables, in key order.
pub fn tables(ratings: &Ratings) -> Vec<Rating> {
    ratings
        .iter()
        .map(|(k, &consistency)| Rating {
            kind: k.kind,
            item: k.item.clone(),
            hypothesis: k.hypothesis.clone(),
            consistency,
        })
        .collect()
}

/// Whether a rating's item and hypothesis are still in the briefing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RatingStanding {
    Current,
    /// No item of that kind has the id any more.
    ItemGone,
    /// No hypothesis has the id any more.
    HypothesisGone,
}

impl RatingStanding {
    pub fn name(self) -> &'static str {
        match self {
            RatingStanding::Current => "current",
            RatingStanding::ItemGone | RatingStanding::HypothesisGone => "orphaned",
        }
    }

    /// Why a rating is orphaned, for `briefing notes`.
    pub fn why(self) -> Option<&'static str> {
        match self {
            RatingStanding::Current => None,
            RatingStanding::ItemGone => Some("its item is gone"),
            RatingStanding::HypothesisGone => Some("its hypothesis is gone"),
        }
    }
}

/// One of your ratings with where it stands in a briefing: the item's text when it is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingEntry<'a> {
    pub key: &'a RatingKey,
    pub consistency: Consistency,
    pub standing: RatingStanding,
    /// The item's text, when the item is in the briefing.
    pub text: Option<&'a str>,
    /// The hypothesis' title, when it is in the briefing.
    pub hypothesis_title: Option<&'a str>,
}

/// Your ratings with their standing in `b`, in key order (current and orphaned alike).
pub fn standings<'a>(b: &'a Briefing, ratings: &'a Ratings) -> Vec<RatingEntry<'a>> {
    ratings
        .iter()
        .map(|(key, &consistency)| {
            let text = match key.kind {
                ItemKind::Claim => {
                    b.claims.iter().find(|c| c.id == key.item).map(|c| c.text.as_str())
                }
                ItemKind::Counterpoint => {
                    b.counterpoints.iter().find(|c| c.id == key.item).map(|c| c.text.as_str())
                }
            };
            let hypothesis_title =
                b.hypotheses.iter().find(|h| h.id == key.hypothesis).map(|h| h.title.as_str());
            let standing = match (text, hypothesis_title) {
                (None, _) => RatingStanding::ItemGone,
                (_, None) => RatingStanding::HypothesisGone,
                _ => RatingStanding::Current,
            };
            RatingEntry { key, consistency, standing, text, hypothesis_title }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(item: &str, h: &str) -> RatingKey {
        RatingKey { kind: ItemKind::Claim, item: item.into(), hypothesis: h.into() }
    }

    #[test]
    fn a_change_sets_or_clears_one_cell_only() {
        let mut r = Ratings::new();
        let set = |k: RatingKey, c| RatingChange { key: k, consistency: c };
        apply(&mut r, &set(key("c1", "h1"), Some(Consistency::Inconsistent)));
        apply(&mut r, &set(key("c1", "h2"), Some(Consistency::Consistent)));
        apply(&mut r, &set(key("c1", "h1"), Some(Consistency::VeryInconsistent)));
        assert_eq!(r[&key("c1", "h1")], Consistency::VeryInconsistent, "the last one wins");
        apply(&mut r, &set(key("c1", "h1"), None));
        assert_eq!(r.len(), 1);
        assert_eq!(r[&key("c1", "h2")], Consistency::Consistent);
        let t = tables(&r);
        assert_eq!((t[0].item.as_str(), t[0].hypothesis.as_str()), ("c1", "h2"));
    }

    #[test]
    fn ratings_on_what_is_gone_are_orphaned_not_dropped() {
        let b = crate::briefing::load_bundled().unwrap().briefing.unwrap();
        let (claim, h) = (b.claims[0].id.clone(), b.hypotheses[0].id.clone());
        let mut r = Ratings::new();
        r.insert(key(&claim, &h), Consistency::Neutral);
        r.insert(key("gone-claim", &h), Consistency::Neutral);
        r.insert(key(&claim, "gone-hypothesis"), Consistency::Neutral);
        let s = standings(&b, &r);
        let by_item: Vec<(&str, &str, RatingStanding)> = s
            .iter()
            .map(|e| (e.key.item.as_str(), e.key.hypothesis.as_str(), e.standing))
            .collect();
        assert!(by_item.contains(&(claim.as_str(), h.as_str(), RatingStanding::Current)));
        assert!(by_item.contains(&("gone-claim", h.as_str(), RatingStanding::ItemGone)));
        assert!(by_item.contains(&(
            claim.as_str(),
            "gone-hypothesis",
            RatingStanding::HypothesisGone
        )));
        assert_eq!(s.len(), 3);
    }
}
