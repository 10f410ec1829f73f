//! What is still unexamined in a briefing: claims no counterpoint answers, claims you have not
//! judged, factors no claim bears on, sections without claims, and (in a briefing with
//! hypotheses) claims and counterpoints nobody rated. Pure; listed by the reader's gaps view
//! (`U`) and by `briefing gaps`.

use crate::briefing::{Briefing, ClaimIx, CounterpointIx, FactorIx, SectionIx};
use crate::notes::Notebook;

/// One thing nobody has examined yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// A section that makes no claim.
    SectionWithoutClaims(SectionIx),
    /// A claim no counterpoint answers.
    NoCounterpoint(ClaimIx),
    /// A claim you have not judged: no stance, likelihood or confidence on it.
    NotJudged(ClaimIx),
    /// A forecast with no likelihood, the author's or yours.
    ForecastWithoutLikelihood(ClaimIx),
    /// A claim with no rating under any hypothesis.
    ClaimUnrated(ClaimIx),
    /// A counterpoint with no rating under any hypothesis.
    CounterpointUnrated(CounterpointIx),
    /// A factor that no claim or section bears on.
    FactorUnused(FactorIx),
}

impl Gap {
    /// What the gap is, for its line: "no counterpoint".
    pub fn what(self) -> &'static str {
        match self {
            Gap::SectionWithoutClaims(_) => "section without claims",
            Gap::NoCounterpoint(_) => "no counterpoint",
            Gap::NotJudged(_) => "not judged by you",
            Gap::ForecastWithoutLikelihood(_) => "forecast without a likelihood",
            Gap::ClaimUnrated(_) | Gap::CounterpointUnrated(_) => "rated under no hypothesis",
            Gap::FactorUnused(_) => "factor nothing bears on",
        }
    }

    /// The section the gap is in, if it is in one: where it is listed and where Enter goes.
    pub fn section(self, b: &Briefing) -> Option<SectionIx> {
        match self {
            Gap::SectionWithoutClaims(s) => Some(s),
            Gap::NoCounterpoint(c)
            | Gap::NotJudged(c)
            | Gap::ForecastWithoutLikelihood(c)
            | Gap::ClaimUnrated(c) => Some(b.claims[c].section),
            Gap::CounterpointUnrated(cp) => {
                b.counterpoints[cp].claims.first().map(|&c| b.claims[c].section)
            }
            Gap::FactorUnused(_) => None,
        }
    }

    /// The text of what the gap is about: the claim's, the counterpoint's, the section's title
    /// or the factor's title.
    pub fn about(self, b: &Briefing) -> &str {
        match self {
            Gap::SectionWithoutClaims(s) => &b.sections[s].title,
            Gap::NoCounterpoint(c)
            | Gap::NotJudged(c)
            | Gap::ForecastWithoutLikelihood(c)
            | Gap::ClaimUnrated(c) => &b.claims[c].text,
            Gap::CounterpointUnrated(cp) => &b.counterpoints[cp].text,
            Gap::FactorUnused(f) => &b.factors[f].title,
        }
    }
}

/// The gaps of a briefing, in reading order (by section, then kind), the factors last, with
/// what the summary line counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gaps {
    pub gaps: Vec<Gap>,
    pub claims: usize,
    /// Claims you have judged (`None` without notes).
    pub judged: Option<usize>,
}

impl Gaps {
    /// "judged 14 of 24 claims · 5 without a counterpoint · 3 more gaps".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let claims = if self.claims == 1 {
            "1 claim".to_string()
        } else {
            format!("{} claims", self.claims)
        };
        match self.judged {
            Some(judged) => parts.push(format!("judged {judged} of {claims}")),
            None => parts.push(claims),
        }
        let count = |of: fn(&Gap) -> bool| self.gaps.iter().filter(|g| of(g)).count();
        let n = count(|g| matches!(g, Gap::NoCounterpoint(_)));
        parts.push(format!("{n} without a counterpoint"));
        let not_judged = count(|g| matches!(g, Gap::NotJudged(_)));
        let rest = self.gaps.len() - n - not_judged;
        if rest > 0 {
            parts.push(format!("{rest} more gap{}", if rest == 1 { "" } else { "s" }));
        }
        parts.join(" · ")
    }
}

/// Every gap of `b`; with `book`, the claims you have not judged too.
pub fn find(b: &Briefing, book: Option<&Notebook>) -> Gaps {
    let has_hypotheses = !b.hypotheses.is_empty();
    let mut gaps = Vec::new();
    let mut judged = 0;
    for s in b.section_ixs() {
        let section = &b.sections[s];
        if section.claims.is_empty() {
            gaps.push(Gap::SectionWithoutClaims(s));
        }
        for &c in &section.claims {
            let claim = &b.claims[c];
            if claim.counterpoints.is_empty() {
                gaps.push(Gap::NoCounterpoint(c));
            }
            let note = book.and_then(|book| book.get(&claim.id));
            if book.is_some() {
                if crate::notes::review::is_judged(note) {
                    judged += 1;
                } else {
                    gaps.push(Gap::NotJudged(c));
                }
            }
            let is_forecast = claim.kind == Some(crate::briefing::ClaimKind::Forecast);
            if is_forecast
                && claim.likelihood.is_none()
                && note.and_then(|n| n.likelihood).is_none()
            {
                gaps.push(Gap::ForecastWithoutLikelihood(c));
            }
            if has_hypotheses && claim.ratings.is_empty() {
                gaps.push(Gap::ClaimUnrated(c));
            }
        }
        if has_hypotheses {
            for &cp in &section.counterpoints {
                let first = b.counterpoints[cp].claims.first().map(|&c| b.claims[c].section);
                // Listed once: under the section of the first claim it answers.
                if first == Some(s) && b.counterpoints[cp].ratings.is_empty() {
                    gaps.push(Gap::CounterpointUnrated(cp));
                }
            }
        }
    }
    for f in b.factor_ixs() {
        let factor = &b.factors[f];
        if factor.sections.is_empty() && factor.claims.is_empty() {
            gaps.push(Gap::FactorUnused(f));
        }
    }
    Gaps { gaps, claims: b.claims.len(), judged: book.map(|_| judged) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::check_text;
    use crate::notes::{Change, Edit, Stance};

    const TWO: &str = r#"format = 1
[briefing]
id = "g"
title = "G"
[[section]]
id = "a"
title = "A"
body = "One. Two."
[[section]]
id = "b"
title = "Empty of claims"
body = "Three."
[[claim]]
id = "c1"
section = "a"
text = "Answered."
[[claim]]
id = "c2"
section = "a"
text = "Unanswered."
kind = "forecast"
[[counterpoint]]
id = "cp"
claims = ["c1"]
text = "An answer."
[[factor]]
id = "used"
title = "Used"
text = "x"
sections = ["a"]
[[factor]]
id = "idle"
title = "Idle"
text = "y"
"#;

    fn two() -> Briefing {
        check_text(std::path::Path::new("g.toml"), TWO).briefing.unwrap()
    }

    #[test]
    fn gaps_are_found_in_reading_order_factors_last() {
        let b = two();
        let gaps = find(&b, None);
        assert_eq!(
            gaps.gaps,
            [
                Gap::NoCounterpoint(ClaimIx(1)),
                Gap::ForecastWithoutLikelihood(ClaimIx(1)),
                Gap::SectionWithoutClaims(SectionIx(1)),
                Gap::FactorUnused(FactorIx(1)),
            ]
        );
        assert_eq!(gaps.summary(), "2 claims · 1 without a counterpoint · 3 more gaps");
        assert_eq!(gaps.gaps[2].section(&b), Some(SectionIx(1)));
        assert_eq!(gaps.gaps[3].about(&b), "Idle");
    }

    #[test]
    fn with_notes_unjudged_claims_are_gaps_and_counted() {
        let b = two();
        let mut book = Notebook::default();
        let edit = Edit::SetStance(Some(Stance::Agree));
        book.apply(Change { claim: "c1".into(), claim_text: "Answered.".into(), edit });
        let gaps = find(&b, Some(&book));
        assert!(gaps.gaps.contains(&Gap::NotJudged(ClaimIx(1))));
        assert!(!gaps.gaps.contains(&Gap::NotJudged(ClaimIx(0))));
        assert_eq!(gaps.summary(), "judged 1 of 2 claims · 1 without a counterpoint · 3 more gaps");
        // A likelihood of yours judges the forecast and gives it its likelihood.
        let edit = Edit::SetLikelihood(Some(crate::notes::Likelihood::Likely));
        book.apply(Change { claim: "c2".into(), claim_text: "Unanswered.".into(), edit });
        let gaps = find(&b, Some(&book));
        assert!(!gaps.gaps.contains(&Gap::NotJudged(ClaimIx(1))));
        assert!(!gaps.gaps.contains(&Gap::ForecastWithoutLikelihood(ClaimIx(1))));
        assert_eq!(gaps.judged, Some(2));
    }

    #[test]
    fn the_bundled_briefing_has_every_item_rated() {
        let b = crate::briefing::load_bundled().unwrap().briefing.unwrap();
        let gaps = find(&b, None);
        assert!(
            !gaps
                .gaps
                .iter()
                .any(|g| matches!(g, Gap::ClaimUnrated(_) | Gap::CounterpointUnrated(_))),
            "{:?}",
            gaps.gaps
        );
    }
}
