//! The review walk's pure side: the claims in reading order, what counts as judged, and the
//! summary of your judgements the walk ends with, by factor and by hypothesis. Knows nothing
//! of the terminal; the walk itself is `tui::app::review`, drawn by `tui::ui::review`.
//!
//! The summary, as an analyst reads it:
//! - **Overall**: claims judged (a stance, a likelihood or a confidence set, as the gaps count
//!   it; a note alone is not a judgement) of all, and how many you agree with, disagree with,
//!   are unsure of, and gave a likelihood or a confidence.
//! - **By factor**: for each factor, the claims that bear on it (named by the factor, or made
//!   in a section it bears on: the matrix's rule) and your stances on them.
//! - **By hypothesis**: for each hypothesis, the claims the author rates consistent with it
//!   (`C`, `CC`) and inconsistent (`I`, `II`), each split by your stance; and your score, the
//!   matrix's inconsistency score (I counts 1, II 2, claims rated the same under every
//!   hypothesis left out) counted over only the claims you *agree* with: the evidence you
//!   accept. Your ranking orders the hypotheses by it, fewest first, as the matrix does; with
//!   every claim agreed it is the matrix's ranking over the claims alone (counterpoints are
//!   not walked).

use crate::briefing::{Briefing, ClaimIx, Consistency, FactorIx, HypothesisIx};
use crate::notes::{Note, Notebook, Stance};

/// The claims of `b` in reading order: each section's claims, section by section.
pub fn order(b: &Briefing) -> Vec<ClaimIx> {
    b.sections.iter().flat_map(|s| s.claims.iter().copied()).collect()
}

/// Whether a note judges its claim: a stance, a likelihood or a confidence (a note alone does
/// not).
pub fn is_judged(note: Option<&Note>) -> bool {
    note.is_some_and(|n| n.stance.is_some() || n.likelihood.is_some() || n.confidence.is_some())
}

/// Claims counted by your stance on them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stances {
    pub agree: usize,
    pub disagree: usize,
    pub unsure: usize,
    /// Claims with no stance (judged by a likelihood or confidence alone, or not at all).
    pub none: usize,
}

impl Stances {
    fn count(&mut self, stance: Option<Stance>) {
        match stance {
            Some(Stance::Agree) => self.agree += 1,
            Some(Stance::Disagree) => self.disagree += 1,
            Some(Stance::Unsure) => self.unsure += 1,
            None => self.none += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.agree + self.disagree + self.unsure + self.none
    }

    /// "2 agreed, 1 disagreed, 0 unsure" (the rest of `total` have no stance).
    pub fn words(&self) -> String {
        format!("{} agreed, {} disagreed, {} unsure", self.agree, self.disagree, self.unsure)
    }
}

/// "1 claim", "3 claims".
pub fn claims(n: usize) -> String {
    if n == 1 { "1 claim".into() } else { format!("{n} claims") }
}

/// One factor's line of the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByFactor {
    pub factor: FactorIx,
    /// Claims bearing on it that you judged.
    pub judged: usize,
    /// Your stances on the claims bearing on it (their total: how many bear on it).
    pub stances: Stances,
}

/// One hypothesis' line of the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByHypothesis {
    pub hypothesis: HypothesisIx,
    /// Your stances on the claims the author rates `C` or `CC` under it.
    pub consistent: Stances,
    /// Your stances on the claims rated `I` or `II` under it.
    pub inconsistent: Stances,
    /// The inconsistency (I 1, II 2) of the diagnostic claims you agree with.
    pub score: u32,
}

/// Your judgements of a briefing, as the walk's last page shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub claims: usize,
    pub judged: usize,
    pub stances: Stances,
    pub with_likelihood: usize,
    pub with_confidence: usize,
    pub by_factor: Vec<ByFactor>,
    pub by_hypothesis: Vec<ByHypothesis>,
    /// Hypotheses by `score`, fewest first (ties in file order); empty without hypotheses.
    pub ranking: Vec<HypothesisIx>,
}

/// How much a rating counts against a hypothesis (the matrix's weights).
fn weight(rating: Option<Consistency>) -> u32 {
    match rating {
        Some(Consistency::Inconsistent) => 1,
        Some(Consistency::VeryInconsistent) => 2,
        _ => 0,
    }
}

impl Summary {
    /// The summary of your judgements (`book`) of `b`'s claims.
    pub fn of(b: &Briefing, book: &Notebook) -> Summary {
        let claims = order(b);
        let note = |c: ClaimIx| book.get(&b.claims[c].id);
        let stance = |c: ClaimIx| note(c).and_then(|n| n.stance);
        let mut stances = Stances::default();
        let (mut judged, mut with_likelihood, mut with_confidence) = (0, 0, 0);
        for &c in &claims {
            stances.count(stance(c));
            judged += usize::from(is_judged(note(c)));
            with_likelihood += usize::from(note(c).is_some_and(|n| n.likelihood.is_some()));
            with_confidence += usize::from(note(c).is_some_and(|n| n.confidence.is_some()));
        }
        let by_factor = b
            .factor_ixs()
            .map(|f| {
                let factor = &b.factors[f];
                let mut line = ByFactor { factor: f, judged: 0, stances: Stances::default() };
                let bears = |c: &&ClaimIx| {
                    factor.claims.contains(c) || factor.sections.contains(&b.claims[**c].section)
                };
                for &c in claims.iter().filter(bears) {
                    line.stances.count(stance(c));
                    line.judged += usize::from(is_judged(note(c)));
                }
                line
            })
            .collect();
        let by_hypothesis: Vec<ByHypothesis> = b
            .hypothesis_ixs()
            .map(|h| {
                let mut line = ByHypothesis {
                    hypothesis: h,
                    consistent: Stances::default(),
                    inconsistent: Stances::default(),
                    score: 0,
                };
                for &c in &claims {
                    let claim = &b.claims[c];
                    let rating = claim.rating(h);
                    match rating {
                        Some(Consistency::Consistent | Consistency::VeryConsistent) => {
                            line.consistent.count(stance(c))
                        }
                        Some(Consistency::Inconsistent | Consistency::VeryInconsistent) => {
                            line.inconsistent.count(stance(c))
                        }
                        Some(Consistency::Neutral) | None => {}
                    }
                    // As the matrix: a claim rated alike under every hypothesis tells them
                    // apart not at all.
                    let first = claim.rating(HypothesisIx(0));
                    let diagnostic = b.hypothesis_ixs().any(|o| claim.rating(o) != first);
                    if diagnostic && stance(c) == Some(Stance::Agree) {
                        line.score += weight(rating);
                    }
                }
                line
            })
            .collect();
        let mut ranking: Vec<HypothesisIx> = by_hypothesis.iter().map(|l| l.hypothesis).collect();
        ranking.sort_by_key(|&h| by_hypothesis[h.0].score);
        Summary {
            claims: claims.len(),
            judged,
            stances,
            with_likelihood,
            with_confidence,
            by_factor,
            by_hypothesis,
            ranking,
        }
    }

    /// "judged 3 of 5 claims · 2 agreed · 1 disagreed · 0 unsure · 1 likelihood · 0 confidence".
    pub fn overall(&self) -> String {
        let s = &self.stances;
        let claims = if self.claims == 1 { "claim" } else { "claims" };
        format!(
            "judged {} of {} {claims} · {} agreed · {} disagreed · {} unsure · {} with a \
             likelihood · {} with a confidence",
            self.judged,
            self.claims,
            s.agree,
            s.disagree,
            s.unsure,
            self.with_likelihood,
            self.with_confidence
        )
    }

    /// Whether you agreed with any claim rated under a hypothesis: without one, every score
    /// is 0 and the ranking says nothing.
    pub fn ranks(&self) -> bool {
        self.by_hypothesis.iter().any(|l| l.consistent.agree + l.inconsistent.agree > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::check_text;
    use crate::notes::{Change, Confidence, Edit, Likelihood};

    /// Two sections, four claims rated under two hypotheses, two factors.
    const RATED: &str = r#"format = 1
[briefing]
id = "r"
title = "R"
[[section]]
id = "a"
title = "A"
body = "One. Two."
[[section]]
id = "b"
title = "B"
body = "Three. Four."
[[claim]]
id = "c1"
section = "a"
text = "First."
ratings = { h1 = "CC", h2 = "I" }
[[claim]]
id = "c2"
section = "a"
text = "Second."
ratings = { h1 = "I", h2 = "I" }
[[claim]]
id = "c3"
section = "b"
text = "Third."
ratings = { h1 = "II", h2 = "C" }
[[claim]]
id = "c4"
section = "b"
text = "Fourth."
[[hypothesis]]
id = "h1"
title = "One"
text = "x"
[[hypothesis]]
id = "h2"
title = "Two"
text = "y"
[[factor]]
id = "fa"
title = "Section A"
text = "x"
sections = ["a"]
[[factor]]
id = "f4"
title = "Claim four and one"
text = "y"
claims = ["c4", "c1"]
"#;

    fn rated() -> Briefing {
        let report = check_text(std::path::Path::new("r.toml"), RATED);
        assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
        report.briefing.unwrap()
    }

    fn judge(book: &mut Notebook, claim: &str, edit: Edit) {
        book.apply(Change { claim: claim.into(), claim_text: String::new(), edit });
    }

    #[test]
    fn order_is_reading_order_and_a_note_alone_is_no_judgement() {
        let b = rated();
        assert_eq!(order(&b), [ClaimIx(0), ClaimIx(1), ClaimIx(2), ClaimIx(3)]);
        let mut book = Notebook::default();
        judge(&mut book, "c1", Edit::SetNote("words".into()));
        assert!(!is_judged(book.get("c1")));
        judge(&mut book, "c1", Edit::SetConfidence(Some(Confidence::Low)));
        assert!(is_judged(book.get("c1")));
        assert!(!is_judged(None));
    }

    #[test]
    fn nothing_judged_counts_every_claim_as_without_a_stance() {
        let s = Summary::of(&rated(), &Notebook::default());
        assert_eq!((s.claims, s.judged), (4, 0));
        assert_eq!(s.stances, Stances { none: 4, ..Stances::default() });
        assert!(!s.ranks());
        assert_eq!(s.by_hypothesis[0].score, 0);
        // Claims bearing: fa through its section (c1, c2); f4 by name (c1, c4).
        assert_eq!(s.by_factor[0].stances.total(), 2);
        assert_eq!(s.by_factor[1].stances.total(), 2);
    }

    /// Worked by hand: c1 agree (CC under h1, I under h2), c2 agree (I under both: not
    /// diagnostic), c3 disagree (II under h1, C under h2), c4 likelihood only (unrated).
    #[test]
    fn the_summary_counts_by_factor_and_by_hypothesis() {
        let b = rated();
        let mut book = Notebook::default();
        judge(&mut book, "c1", Edit::SetStance(Some(Stance::Agree)));
        judge(&mut book, "c2", Edit::SetStance(Some(Stance::Agree)));
        judge(&mut book, "c3", Edit::SetStance(Some(Stance::Disagree)));
        judge(&mut book, "c4", Edit::SetLikelihood(Some(Likelihood::Likely)));
        judge(&mut book, "c2", Edit::SetConfidence(Some(Confidence::High)));
        let s = Summary::of(&b, &book);
        assert_eq!((s.judged, s.with_likelihood, s.with_confidence), (4, 1, 1));
        assert_eq!(s.stances, Stances { agree: 2, disagree: 1, unsure: 0, none: 1 });
        assert_eq!(
            s.overall(),
            "judged 4 of 4 claims · 2 agreed · 1 disagreed · 0 unsure · 1 with a likelihood · \
             1 with a confidence"
        );
        // fa: c1, c2 (both agreed). f4: c4 (no stance), c1 (agreed).
        let fa = &s.by_factor[0];
        assert_eq!((fa.judged, fa.stances), (2, Stances { agree: 2, ..Stances::default() }));
        let f4 = &s.by_factor[1];
        assert_eq!(f4.stances, Stances { agree: 1, none: 1, ..Stances::default() });
        assert_eq!(f4.stances.words(), "1 agreed, 0 disagreed, 0 unsure");
        // h1: consistent c1 (agreed); inconsistent c2 (agreed), c3 (disagreed).
        let h1 = &s.by_hypothesis[0];
        assert_eq!(h1.consistent, Stances { agree: 1, ..Stances::default() });
        assert_eq!(h1.inconsistent, Stances { agree: 1, disagree: 1, ..Stances::default() });
        // h2: consistent c3 (disagreed); inconsistent c1, c2 (agreed).
        let h2 = &s.by_hypothesis[1];
        assert_eq!(h2.consistent, Stances { disagree: 1, ..Stances::default() });
        assert_eq!(h2.inconsistent, Stances { agree: 2, ..Stances::default() });
        // Scores over the agreed diagnostic claims (c1 only; c2 is alike under both):
        // h1: CC = 0; h2: I = 1. c3's II under h1 is not counted: you reject it.
        assert_eq!((h1.score, h2.score), (0, 1));
        assert_eq!(s.ranking, [HypothesisIx(0), HypothesisIx(1)]);
        assert!(s.ranks());
    }

    /// Agreeing with every claim gives the matrix's scores over the claim rows.
    #[test]
    fn agreeing_with_everything_scores_as_the_matrix_does() {
        let b = crate::briefing::load_bundled().unwrap().briefing.unwrap();
        let mut book = Notebook::default();
        for c in &b.claims {
            judge(&mut book, &c.id, Edit::SetStance(Some(Stance::Agree)));
        }
        let s = Summary::of(&b, &book);
        let m = crate::notes::matrix::Matrix::of(&b);
        let counterpoints: Vec<bool> = (m.rows.iter())
            .map(|(row, ..)| matches!(row, crate::notes::matrix::Row::Counterpoint(_)))
            .collect();
        let scores: Vec<u32> = s.by_hypothesis.iter().map(|l| l.score).collect();
        assert_eq!(scores, m.scores_without(&counterpoints));
        assert_eq!(s.judged, b.claims.len());
    }
}
