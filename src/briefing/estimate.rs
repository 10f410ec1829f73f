//! How likely a claim is and how confident the one judging is: the words of ICD 203
//! (Intelligence Community Directive 203, "Analytic Standards"), kept apart from any stance.
//!
//! Both an author (in a briefing file) and a reader (in the notes file) may state them; the
//! same terms are used in both places and in every export. Nothing here draws or stores.

use serde::{Deserialize, Serialize};

/// How likely a claim is, in the seven terms of ICD 203, from least to most likely.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Likelihood {
    #[serde(rename = "almost no chance")]
    AlmostNoChance,
    #[serde(rename = "very unlikely")]
    VeryUnlikely,
    #[serde(rename = "unlikely")]
    Unlikely,
    #[serde(rename = "roughly even chance")]
    RoughlyEvenChance,
    #[serde(rename = "likely")]
    Likely,
    #[serde(rename = "very likely")]
    VeryLikely,
    #[serde(rename = "almost certain")]
    AlmostCertain,
}

impl Likelihood {
    /// Every term, from least to most likely.
    pub const ALL: [Likelihood; 7] = [
        Likelihood::AlmostNoChance,
        Likelihood::VeryUnlikely,
        Likelihood::Unlikely,
        Likelihood::RoughlyEvenChance,
        Likelihood::Likely,
        Likelihood::VeryLikely,
        Likelihood::AlmostCertain,
    ];

    /// The term, as files, exports and the reader write it.
    pub fn name(self) -> &'static str {
        match self {
            Likelihood::AlmostNoChance => "almost no chance",
            Likelihood::VeryUnlikely => "very unlikely",
            Likelihood::Unlikely => "unlikely",
            Likelihood::RoughlyEvenChance => "roughly even chance",
            Likelihood::Likely => "likely",
            Likelihood::VeryLikely => "very likely",
            Likelihood::AlmostCertain => "almost certain",
        }
    }

    /// The probabilities the term stands for, as ICD 203 gives them.
    pub fn range(self) -> &'static str {
        match self {
            Likelihood::AlmostNoChance => "1-5%",
            Likelihood::VeryUnlikely => "5-20%",
            Likelihood::Unlikely => "20-45%",
            Likelihood::RoughlyEvenChance => "45-55%",
            Likelihood::Likely => "55-80%",
            Likelihood::VeryLikely => "80-95%",
            Likelihood::AlmostCertain => "95-99%",
        }
    }

    pub fn parse(name: &str) -> Option<Likelihood> {
        Likelihood::ALL.into_iter().find(|l| l.name() == name)
    }

    /// `p` cycles from none through every term, least likely first, and back to none.
    pub fn cycle(likelihood: Option<Likelihood>) -> Option<Likelihood> {
        match likelihood {
            None => Some(Likelihood::ALL[0]),
            Some(l) => Likelihood::ALL.get(l as usize + 1).copied(),
        }
    }
}

/// How confident the judgement is: low, moderate or high.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Moderate,
    High,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::Low, Confidence::Moderate, Confidence::High];

    /// The term, as files and exports write it.
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Moderate => "moderate",
            Confidence::High => "high",
        }
    }

    /// The term shortened for a line beside a claim: `low`, `mod`, `high`.
    pub fn short(self) -> &'static str {
        match self {
            Confidence::Moderate => "mod",
            other => other.name(),
        }
    }

    pub fn parse(name: &str) -> Option<Confidence> {
        Confidence::ALL.into_iter().find(|c| c.name() == name)
    }

    /// `c` cycles low → moderate → high → none → low.
    pub fn cycle(confidence: Option<Confidence>) -> Option<Confidence> {
        match confidence {
            None => Some(Confidence::Low),
            Some(c) => Confidence::ALL.get(c as usize + 1).copied(),
        }
    }
}

/// A likelihood and a confidence, either or both unset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Estimate {
    pub likelihood: Option<Likelihood>,
    pub confidence: Option<Confidence>,
}

impl Estimate {
    pub fn is_empty(self) -> bool {
        self.likelihood.is_none() && self.confidence.is_none()
    }

    /// This estimate, each part unset here taken from `under` (the reader's own over the
    /// author's).
    pub fn over(self, under: Estimate) -> Estimate {
        Estimate {
            likelihood: self.likelihood.or(under.likelihood),
            confidence: self.confidence.or(under.confidence),
        }
    }

    /// Shown compactly beside a claim: `likely · mod`, `likely`, `mod confidence`; `None`
    /// when neither is set.
    pub fn compact(self) -> Option<String> {
        let parts = self.parts();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// The parts of [`Estimate::compact`], to wrap between them: `["likely", "mod"]`.
    pub fn parts(self) -> Vec<String> {
        match (self.likelihood, self.confidence) {
            (Some(l), Some(c)) => vec![l.name().to_string(), c.short().to_string()],
            (Some(l), None) => vec![l.name().to_string()],
            (None, Some(c)) => vec![format!("{} confidence", c.short())],
            (None, None) => Vec::new(),
        }
    }

    /// In words, for exports: `likely (55-80%), moderate confidence`.
    pub fn words(self) -> Option<String> {
        match (self.likelihood, self.confidence) {
            (Some(l), Some(c)) => {
                Some(format!("{} ({}), {} confidence", l.name(), l.range(), c.name()))
            }
            (Some(l), None) => Some(format!("{} ({})", l.name(), l.range())),
            (None, Some(c)) => Some(format!("{} confidence", c.name())),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likelihood_cycles_through_the_seven_terms_and_back_to_none() {
        let mut l = None;
        let mut seen = Vec::new();
        for _ in 0..8 {
            l = Likelihood::cycle(l);
            seen.push(l.map(Likelihood::name));
        }
        assert_eq!(
            seen,
            [
                Some("almost no chance"),
                Some("very unlikely"),
                Some("unlikely"),
                Some("roughly even chance"),
                Some("likely"),
                Some("very likely"),
                Some("almost certain"),
                None
            ]
        );
    }

    #[test]
    fn confidence_cycles_low_moderate_high_none() {
        let mut c = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            c = Confidence::cycle(c);
            seen.push(c);
        }
        assert_eq!(
            seen,
            [Some(Confidence::Low), Some(Confidence::Moderate), Some(Confidence::High), None]
        );
    }

    #[test]
    fn terms_parse_back_and_serialize_as_written() {
        for l in Likelihood::ALL {
            assert_eq!(Likelihood::parse(l.name()), Some(l));
            assert_eq!(toml::Value::try_from(l).unwrap().as_str(), Some(l.name()));
        }
        for c in Confidence::ALL {
            assert_eq!(Confidence::parse(c.name()), Some(c));
        }
        assert_eq!(Likelihood::parse("Likely"), None);
        assert_eq!(Confidence::parse("mod"), None);
    }

    #[test]
    fn compact_and_words() {
        let e = Estimate {
            likelihood: Some(Likelihood::Likely),
            confidence: Some(Confidence::Moderate),
        };
        assert_eq!(e.compact().as_deref(), Some("likely · mod"));
        assert_eq!(e.words().as_deref(), Some("likely (55-80%), moderate confidence"));
        let c = Estimate { likelihood: None, confidence: Some(Confidence::High) };
        assert_eq!(c.compact().as_deref(), Some("high confidence"));
        assert_eq!(Estimate::default().compact(), None);
        let author =
            Estimate { likelihood: Some(Likelihood::Unlikely), confidence: Some(Confidence::Low) };
        assert_eq!(c.over(author), Estimate { likelihood: Some(Likelihood::Unlikely), ..c });
    }
}
