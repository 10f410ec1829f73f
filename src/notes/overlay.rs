//! The briefing as a reader sees it with their own analysis laid over it: the author's
//! briefing (`base`), plus your own claims, your own counterpoints and your own factor links,
//! as one [`Briefing`] the panes, the search, the matrix, the review and (later) the exports
//! read like any other. Pure: the same inputs give the same briefing.
//!
//! - Own claims are appended to `claims` (`own: true`), in reading order (see
//!   [`own::claim_standings`]), and each is listed in its section's claim list at its anchored
//!   place: before the first author claim whose quote starts after it. One whose passage is
//!   gone (orphaned) is listed last in the section it was made in (the first section when that
//!   is gone too), without a quote span.
//! - Own counterpoints are appended to `counterpoints` (`own: true`), answer the claims they
//!   name that exist (an author's or an own claim's id), and are listed in each section that
//!   holds one of those claims, after the author's.
//! - A note's factor links add the claim to the factor's `claims` and `own_claims` (unless the
//!   author linked it already), and the factor to the claim's section.
//!
//! Every text that comes from the notes file is made safe to print here, as the loader makes
//! a briefing's.

use std::collections::HashMap;

use super::anchor::Anchored;
use super::own::{self, OwnClaim, OwnClaims, OwnCounterpoints};
use super::{Annotations, Notebook, Notes};
use crate::briefing::{Briefing, Claim, ClaimIx, Counterpoint, CounterpointIx, QuoteSpan};
use crate::briefing::{FactorIx, SectionIx};
use crate::{sanitize, text};

/// An own claim listed in a section, and where its passage starts there: (paragraph, byte);
/// none when orphaned.
type Listed = (ClaimIx, Option<(usize, usize)>);

/// What the overlay is made of: your own layer of a notes file or a notebook.
#[derive(Clone, Copy, Debug)]
pub struct Layer<'a> {
    pub notes: &'a Notes,
    pub claims: &'a OwnClaims,
    pub counterpoints: &'a OwnCounterpoints,
}

impl<'a> From<&'a Notebook> for Layer<'a> {
    fn from(book: &'a Notebook) -> Self {
        Layer {
            notes: &book.notes,
            claims: &book.own_claims,
            counterpoints: &book.own_counterpoints,
        }
    }
}

impl<'a> From<&'a Annotations> for Layer<'a> {
    fn from(file: &'a Annotations) -> Self {
        Layer {
            notes: &file.notes,
            claims: &file.own_claims,
            counterpoints: &file.own_counterpoints,
        }
    }
}

impl Layer<'_> {
    /// Whether there is anything to lay over (a note linking a factor counts).
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
            && self.counterpoints.is_empty()
            && self.notes.values().all(|n| n.factors.is_empty())
    }
}

/// `base` with your own claims, counterpoints and factor links laid over it (see the module).
pub fn overlay<'a>(base: &Briefing, layer: impl Into<Layer<'a>>) -> Briefing {
    let layer = layer.into();
    let standings = own::claim_standings(base, layer.claims);
    overlay_with(base, layer, &standings)
}

/// [`overlay`] with the own claims already anchored against `base` (as
/// [`own::claim_standings`] gives them), for a caller that needs the standings too.
pub fn overlay_with(
    base: &Briefing,
    layer: Layer<'_>,
    standings: &[(&OwnClaim, Anchored)],
) -> Briefing {
    let mut b = base.clone();
    if layer.is_empty() {
        return b;
    }
    let first_own = b.claims.len();
    // Where each own claim goes in its section: (section, paragraph, byte), orphans last.
    let mut placed: Vec<Vec<Listed>> = vec![Vec::new(); b.sections.len()];
    for (mine, anchored) in standings {
        let ix = ClaimIx(b.claims.len());
        let (section, span) = match &anchored.place {
            Some(p) => {
                let span = QuoteSpan { paragraph: p.paragraph, range: p.bytes.clone() };
                (p.section, Some(span))
            }
            None => {
                let s = b.sections.iter().position(|s| s.id == mine.section).unwrap_or(0);
                (SectionIx(s), None)
            }
        };
        let key = span.as_ref().map(|s| (s.paragraph, s.range.start));
        // The passage as it reads now (a drifted one's new text), else as it was made.
        let quote = match &span {
            Some(s) => b.sections[section]
                .paragraphs
                .get(s.paragraph)
                .and_then(|p| p.get(s.range.clone()))
                .map(str::to_string),
            None => Some(safe(&mine.exact)),
        };
        b.claims.push(Claim {
            id: safe(&mine.id),
            section,
            text: safe(&mine.text),
            quote,
            quote_span: span,
            kind: mine.kind,
            likelihood: None,
            confidence: None,
            counterpoints: Vec::new(),
            ratings: Vec::new(),
            own: true,
        });
        placed[section.0].push((ix, key));
    }
    for (s, own_here) in placed.into_iter().enumerate() {
        if !own_here.is_empty() {
            merge_claims(&mut b, SectionIx(s), own_here);
        }
    }

    let by_id: HashMap<&str, ClaimIx> =
        base.claims.iter().zip(base.claim_ixs()).map(|(c, i)| (c.id.as_str(), i)).collect();
    let own_ids: HashMap<String, ClaimIx> = b.claims[first_own..]
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), ClaimIx(first_own + i)))
        .collect();
    let find = |id: &str| by_id.get(id).or_else(|| own_ids.get(id)).copied();

    for mine in layer.counterpoints.values() {
        let ix = CounterpointIx(b.counterpoints.len());
        let mut claims: Vec<ClaimIx> = Vec::new();
        for c in mine.claims.iter().filter_map(|id| find(id)) {
            if !claims.contains(&c) {
                claims.push(c);
            }
        }
        for &c in &claims {
            b.claims[c].counterpoints.push(ix);
            let section = &mut b.sections[b.claims[c].section];
            if !section.counterpoints.contains(&ix) {
                section.counterpoints.push(ix);
            }
        }
        b.counterpoints.push(Counterpoint {
            id: safe(&mine.id),
            claims,
            text: safe(&mine.text),
            by: mine.by.as_deref().map(safe),
            ratings: Vec::new(),
            own: true,
        });
    }

    let factors: HashMap<&str, FactorIx> =
        base.factors.iter().zip(base.factor_ixs()).map(|(f, i)| (f.id.as_str(), i)).collect();
    for note in layer.notes.values().filter(|n| !n.factors.is_empty()) {
        let Some(c) = find(&note.claim) else { continue };
        for f in note.factors.iter().filter_map(|id| factors.get(id.as_str()).copied()) {
            let factor = &mut b.factors[f];
            if factor.claims.contains(&c) {
                continue;
            }
            factor.claims.push(c);
            factor.own_claims.push(c);
            let section = &mut b.sections[b.claims[c].section];
            if !section.factors.contains(&f) {
                section.factors.push(f);
                section.factors.sort_unstable();
            }
        }
    }
    b
}

/// Lists the own claims `own_here` (in reading order, orphans last) in section `s`'s claim
/// list among the author's: each before the first author claim whose quote starts after it.
/// An author claim without a quote span keeps its place after the one before it.
fn merge_claims(b: &mut Briefing, s: SectionIx, own_here: Vec<Listed>) {
    let authors = std::mem::take(&mut b.sections[s].claims);
    let mut merged = Vec::with_capacity(authors.len() + own_here.len());
    let mut own_here = own_here.into_iter().peekable();
    for c in authors {
        if let Some(span) = &b.claims[c].quote_span {
            let at = (span.paragraph, span.range.start);
            while let Some((mine, _)) = own_here.next_if(|(_, key)| key.is_some_and(|k| k < at)) {
                merged.push(mine);
            }
        }
        merged.push(c);
    }
    merged.extend(own_here.map(|(mine, _)| mine));
    b.sections[s].claims = merged;
}

/// A text of the notes file as the briefing keeps its texts: safe to print, folded.
fn safe(raw: &str) -> String {
    text::fold(&sanitize::multi_line(raw))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::anchor;
    use crate::notes::own::tests::{claim, counterpoint};
    use crate::notes::{Change, Edit, Passage};

    fn base() -> Briefing {
        let report = crate::briefing::check_text(
            std::path::Path::new("t.toml"),
            r#"
format = 1
[briefing]
id = "t"
title = "T"
[[section]]
id = "s1"
title = "One"
body = """
Chips are scarce. Fabs are costly. Talent is thin.
"""
[[section]]
id = "s2"
title = "Two"
body = "Nothing here."
[[claim]]
id = "c1"
section = "s1"
text = "Fabs cost a lot."
quote = "Fabs are costly."
[[factor]]
id = "f1"
title = "Money"
text = "Who pays."
"#,
        );
        assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
        report.briefing.expect("the fixture loads")
    }

    fn on(b: &Briefing, id: &str, text: &str, bytes: std::ops::Range<usize>) -> OwnClaim {
        let (exact, prefix, suffix, start, end) = anchor::quote_at(b, SectionIx(0), 0, bytes);
        let mut mine = claim(id, text);
        mine.set_passage(Passage { section: "s1".into(), exact, prefix, suffix, start, end });
        mine
    }

    #[test]
    fn own_claims_sit_among_the_authors_by_place_orphans_last() {
        let b = base();
        let mut book = Notebook::default();
        for mine in [
            on(&b, "my-talent", "Talent is thin.", 34..50),
            on(&b, "my-chips", "Chips \u{1b}[31mare scarce.", 0..17),
            OwnClaim { exact: "gone text".into(), ..claim("my-gone", "Gone.") },
        ] {
            book.own_claims.insert(mine.id.clone(), mine);
        }
        let shown = overlay(&b, &book);
        assert!(shown.is_consistent());
        let ids: Vec<&str> =
            shown.sections[0].claims.iter().map(|&c| shown.claims[c].id.as_str()).collect();
        assert_eq!(ids, ["my-chips", "c1", "my-talent", "my-gone"]);
        let chips = &shown.claims[shown.sections[0].claims[0]];
        assert!(chips.own && !shown.claims[0].own);
        assert!(!chips.text.contains('\u{1b}'), "made safe: {:?}", chips.text);
        assert_eq!(chips.quote.as_deref(), Some("Chips are scarce."));
        let gone = &shown.claims[shown.sections[0].claims[3]];
        assert_eq!(gone.quote_span, None);
        assert_eq!(overlay(&b, &Notebook::default()), b, "nothing of yours: the author's");
    }

    #[test]
    fn own_counterpoints_and_factor_links_are_laid_over_marked() {
        let b = base();
        let mut book = Notebook::default();
        let mine = on(&b, "my-chips", "Chips are scarce.", 0..17);
        book.own_claims.insert(mine.id.clone(), mine);
        for cp in [
            counterpoint("my-k", &["c1", "my-chips", "nope"], "Not so."),
            counterpoint("my-lost", &["nope"], "Answers nothing here."),
        ] {
            book.own_counterpoints.insert(cp.id.clone(), cp);
        }
        book.apply(Change {
            claim: "my-chips".into(),
            claim_text: "Chips are scarce.".into(),
            edit: Edit::LinkFactor { factor: "f1".into(), on: true },
        });
        let shown = overlay(&b, &book);
        assert!(shown.is_consistent());
        let k = shown.counterpoints.iter().position(|c| c.id == "my-k").expect("laid over");
        assert!(shown.counterpoints[k].own);
        assert_eq!(shown.counterpoints[k].claims.len(), 2, "the claim that is gone is left out");
        assert_eq!(shown.sections[0].counterpoints, [CounterpointIx(k)]);
        assert_eq!(shown.claims[0].counterpoints, [CounterpointIx(k)]);
        let chips = ClaimIx(1);
        assert_eq!(shown.factors[0].claims, [chips]);
        assert_eq!(shown.factors[0].own_claims, [chips]);
        assert!(shown.factor_bears_on(FactorIx(0), SectionIx(0)));
        assert!(!b.factor_bears_on(FactorIx(0), SectionIx(0)));
    }
}
