//! The checked, sanitized briefing the rest of the program reads.
//!
//! Every string here is safe to print (see `sanitize`). References are indices, resolved once
//! by `validate`, so the reader never looks an id up while drawing.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::estimate::{Confidence, Estimate, Likelihood};

/// Declares an index into one of `Briefing`'s lists: its own type, so a position in a pane,
/// a claim's index and a section's index cannot be swapped. Lists index by it directly.
macro_rules! index {
    ($(#[$doc:meta])* $name:ident => $item:ty) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub usize);

        impl From<$name> for usize {
            fn from(ix: $name) -> usize {
                ix.0
            }
        }

        impl std::ops::Index<$name> for [$item] {
            type Output = $item;
            fn index(&self, ix: $name) -> &$item {
                &self[ix.0]
            }
        }

        impl std::ops::Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, ix: $name) -> &$item {
                &self[ix.0]
            }
        }

        impl std::ops::IndexMut<$name> for Vec<$item> {
            fn index_mut(&mut self, ix: $name) -> &mut $item {
                &mut self[ix.0]
            }
        }

        impl std::fmt::Display for $name {
            /// As people count: the first is 1.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0 + 1)
            }
        }
    };
}

index!(
    /// A section of `Briefing::sections`.
    SectionIx => Section
);
index!(
    /// A claim of `Briefing::claims`.
    ClaimIx => Claim
);
index!(
    /// A counterpoint of `Briefing::counterpoints`.
    CounterpointIx => Counterpoint
);
index!(
    /// A future factor of `Briefing::factors`.
    FactorIx => Factor
);
index!(
    /// A hypothesis of `Briefing::hypotheses`.
    HypothesisIx => Hypothesis
);

/// A loaded, valid briefing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Briefing {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    /// Paragraphs of the summary, whitespace folded.
    pub summary: Vec<String>,
    pub sections: Vec<Section>,
    pub claims: Vec<Claim>,
    pub counterpoints: Vec<Counterpoint>,
    pub factors: Vec<Factor>,
    /// Mutually exclusive answers to the briefing's question, which claims and counterpoints
    /// are rated against (a model kept without them, as an older build wrote it, has none).
    #[serde(default)]
    pub hypotheses: Vec<Hypothesis>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Paragraphs, each with its whitespace folded to single spaces (a preformatted one keeps
    /// its lines and spaces: see `kinds`).
    pub paragraphs: Vec<String>,
    /// What each paragraph is, one per paragraph (a model kept without them, as an older
    /// build wrote it, reads every paragraph as text). Read it through [`Section::kind`].
    #[serde(default)]
    pub kinds: Vec<ParagraphKind>,
    /// Claims made in this section, in file order.
    pub claims: Vec<ClaimIx>,
    /// Counterpoints to those claims, each once, in the order of the claims they answer.
    pub counterpoints: Vec<CounterpointIx>,
    /// Factors that bear on this section (named directly, or through one of its claims).
    pub factors: Vec<FactorIx>,
}

/// What a paragraph of a section's body is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    /// Running text, folded, wrapped to the pane.
    #[default]
    Text,
    /// A sub-heading inside the section: one folded line, drawn as a heading.
    Heading,
    /// Preformatted: lines separated by `\n`, spaces kept, tabs expanded; never reflowed.
    Pre,
}

impl Section {
    /// What paragraph `paragraph` is (plain text when out of range).
    pub fn kind(&self, paragraph: usize) -> ParagraphKind {
        self.kinds.get(paragraph).copied().unwrap_or_default()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Fact,
    Assessment,
    Forecast,
}

impl ClaimKind {
    pub const NAMES: [&'static str; 3] = ["fact", "assessment", "forecast"];

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "fact" => Some(Self::Fact),
            "assessment" => Some(Self::Assessment),
            "forecast" => Some(Self::Forecast),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Fact => "fact",
            Self::Assessment => "assessment",
            Self::Forecast => "forecast",
        }
    }
}

/// Where a claim's quote stands in its section: a paragraph and a byte range in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSpan {
    pub paragraph: usize,
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub section: SectionIx,
    pub text: String,
    pub quote: Option<String>,
    pub quote_span: Option<QuoteSpan>,
    pub kind: Option<ClaimKind>,
    /// How likely the author judges the claim, when the file says. (Never skipped when
    /// unset: the cache's postcard needs every field.)
    #[serde(default)]
    pub likelihood: Option<Likelihood>,
    /// How confident the author is in that, when the file says.
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// Counterpoints that answer this claim.
    pub counterpoints: Vec<CounterpointIx>,
    /// How consistent the claim is with each hypothesis rated, in hypothesis order.
    #[serde(default)]
    pub ratings: Vec<Rating>,
    /// A claim of your own (from the notes file), laid over the author's by
    /// `notes::overlay`; never one a briefing file makes.
    #[serde(default)]
    pub own: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counterpoint {
    pub id: String,
    /// The claims it answers, in file order.
    pub claims: Vec<ClaimIx>,
    pub text: String,
    pub by: Option<String>,
    /// How consistent the counterpoint is with each hypothesis rated, in hypothesis order.
    #[serde(default)]
    pub ratings: Vec<Rating>,
    /// A counterpoint of your own, as [`Claim::own`].
    #[serde(default)]
    pub own: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    pub id: String,
    pub title: String,
    pub question: Option<String>,
    pub text: String,
    pub sections: Vec<SectionIx>,
    pub claims: Vec<ClaimIx>,
    /// Observable signposts of which way the factor is moving, in file order.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Of `claims`, those linked by you (a note's factor links), not by the author: laid
    /// over by `notes::overlay`, in the order linked.
    #[serde(default)]
    pub own_claims: Vec<ClaimIx>,
}

/// A signpost to watch for a factor: what would show which way it is moving.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Unique among all the briefing's indicators: what observations on it are kept by.
    pub id: String,
    pub text: String,
    pub by: Option<String>,
}

/// One answer to the briefing's question; the hypotheses of a briefing exclude each other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hypothesis {
    pub id: String,
    pub title: String,
    pub text: String,
    /// Who states it and rates the claims and counterpoints against it.
    pub by: Option<String>,
}

/// How consistent an item (a claim or a counterpoint) is with one hypothesis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub hypothesis: HypothesisIx,
    pub consistency: Consistency,
}

/// Heuer's scale for analysing competing hypotheses, from very consistent to very
/// inconsistent. `N` is neutral: the item says nothing either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Consistency {
    #[serde(rename = "CC")]
    VeryConsistent,
    #[serde(rename = "C")]
    Consistent,
    #[serde(rename = "N")]
    Neutral,
    #[serde(rename = "I")]
    Inconsistent,
    #[serde(rename = "II")]
    VeryInconsistent,
}

impl Consistency {
    /// The terms as written in a file, from very consistent to very inconsistent.
    pub const NAMES: [&'static str; 5] = ["CC", "C", "N", "I", "II"];
    const ALL: [Self; 5] = [
        Self::VeryConsistent,
        Self::Consistent,
        Self::Neutral,
        Self::Inconsistent,
        Self::VeryInconsistent,
    ];

    pub fn parse(name: &str) -> Option<Self> {
        let at = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Self::ALL[at])
    }

    /// The term as written in a file: `CC`, `C`, `N`, `I` or `II`.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// What the term means, in words.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::VeryConsistent => "very consistent",
            Self::Consistent => "consistent",
            Self::Neutral => "neutral",
            Self::Inconsistent => "inconsistent",
            Self::VeryInconsistent => "very inconsistent",
        }
    }
}

/// The rating under `hypothesis` among `ratings` (kept in hypothesis order, each once).
pub fn rating_under(ratings: &[Rating], hypothesis: HypothesisIx) -> Option<Consistency> {
    ratings
        .binary_search_by_key(&hypothesis, |r| r.hypothesis)
        .ok()
        .map(|at| ratings[at].consistency)
}

impl Claim {
    /// The author's likelihood and confidence (either may be unset).
    pub fn estimate(&self) -> Estimate {
        Estimate { likelihood: self.likelihood, confidence: self.confidence }
    }

    /// How consistent this claim is with `hypothesis`, when rated.
    pub fn rating(&self, hypothesis: HypothesisIx) -> Option<Consistency> {
        rating_under(&self.ratings, hypothesis)
    }
}

impl Counterpoint {
    /// How consistent this counterpoint is with `hypothesis`, when rated.
    pub fn rating(&self, hypothesis: HypothesisIx) -> Option<Consistency> {
        rating_under(&self.ratings, hypothesis)
    }
}

impl Briefing {
    /// Whether `factor` bears on `section`.
    pub fn factor_bears_on(&self, factor: FactorIx, section: SectionIx) -> bool {
        self.sections[section].factors.contains(&factor)
    }

    pub fn section_ixs(&self) -> impl DoubleEndedIterator<Item = SectionIx> + use<> {
        (0..self.sections.len()).map(SectionIx)
    }

    pub fn claim_ixs(&self) -> impl DoubleEndedIterator<Item = ClaimIx> + use<> {
        (0..self.claims.len()).map(ClaimIx)
    }

    pub fn factor_ixs(&self) -> impl DoubleEndedIterator<Item = FactorIx> + use<> {
        (0..self.factors.len()).map(FactorIx)
    }

    pub fn hypothesis_ixs(&self) -> impl DoubleEndedIterator<Item = HypothesisIx> + use<> {
        (0..self.hypotheses.len()).map(HypothesisIx)
    }

    /// Whether every index the briefing holds points at something that exists, and every
    /// quote span at text of its paragraph (on character boundaries): what the reader relies
    /// on never to index out of bounds. True of every briefing `validate` makes; asked again
    /// of one read back from the cache.
    pub fn is_consistent(&self) -> bool {
        let (sections, claims) = (self.sections.len(), self.claims.len());
        let (counterpoints, factors) = (self.counterpoints.len(), self.factors.len());
        // In hypothesis order, each once: what `rating_under` searches.
        let ratings_fit = |ratings: &[Rating]| {
            ratings.windows(2).all(|w| w[0].hypothesis < w[1].hypothesis)
                && ratings.iter().all(|r| r.hypothesis.0 < self.hypotheses.len())
        };
        let quote_fits = |c: &Claim| match &c.quote_span {
            None => true,
            Some(span) => self.sections[c.section]
                .paragraphs
                .get(span.paragraph)
                .is_some_and(|p| p.get(span.range.clone()).is_some()),
        };
        sections > 0
            && self.sections.iter().all(|s| {
                (s.kinds.is_empty() || s.kinds.len() == s.paragraphs.len())
                    && s.claims.iter().all(|c| c.0 < claims)
                    && s.counterpoints.iter().all(|c| c.0 < counterpoints)
                    && s.factors.iter().all(|f| f.0 < factors)
            })
            && self.claims.iter().all(|c| {
                c.section.0 < sections
                    && c.counterpoints.iter().all(|cp| cp.0 < counterpoints)
                    && quote_fits(c)
                    && ratings_fit(&c.ratings)
            })
            && self
                .counterpoints
                .iter()
                .all(|cp| cp.claims.iter().all(|c| c.0 < claims) && ratings_fit(&cp.ratings))
            && self.factors.iter().all(|f| {
                f.sections.iter().all(|s| s.0 < sections)
                    && f.claims.iter().chain(&f.own_claims).all(|c| c.0 < claims)
            })
    }

    /// The last section (a valid briefing has at least one).
    pub fn last_section(&self) -> SectionIx {
        SectionIx(self.sections.len().saturating_sub(1))
    }
}

/// Where the reader is: a section, and a place in it. What a jump returns to and what is
/// kept between runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Location {
    pub section: SectionIx,
    pub anchor: Anchor,
}

/// A reading position in a section, independent of the width the text is wrapped to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Anchor {
    /// Body paragraph, or `None` for the heading lines (then `offset` is a line index).
    pub paragraph: Option<usize>,
    /// Byte offset in the paragraph.
    pub offset: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consistency_terms_round_trip_in_scale_order() {
        for (i, name) in Consistency::NAMES.iter().enumerate() {
            let term = Consistency::parse(name);
            assert_eq!(term.map(Consistency::name), Some(*name));
            assert_eq!(term, Some(Consistency::ALL[i]));
        }
        assert_eq!(Consistency::parse("c"), None, "capitals as written");
        assert_eq!(Consistency::parse("III"), None);
        assert!(Consistency::VeryConsistent < Consistency::VeryInconsistent);
    }

    #[test]
    fn rating_under_finds_a_hypothesis_or_none() {
        let rated = |h, consistency| Rating { hypothesis: HypothesisIx(h), consistency };
        let ratings = [rated(0, Consistency::Consistent), rated(2, Consistency::Inconsistent)];
        assert_eq!(rating_under(&ratings, HypothesisIx(2)), Some(Consistency::Inconsistent));
        assert_eq!(rating_under(&ratings, HypothesisIx(1)), None, "unrated");
    }
}
