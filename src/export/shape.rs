//! The JSON export's own shape (documented in `docs/export-format.md`): plain structs built
//! from the model, field by field. Owns which fields the export has and what they mean; must
//! not serialize a model type, so the model can change its fields and its serde freely while
//! the export stays what consumers' scripts read.

use serde::Serialize;

use crate::briefing::{
    Briefing, Claim, Counterpoint, Factor, Hypothesis, Indicator, ParagraphKind, Rating, Section,
};
use crate::notes::{Notebook, Standing, standing_name};

/// The value of `"format"`: what the file is.
pub const FORMAT: &str = "briefing-export";
/// The value of `"version"`: bumped only when a field is removed or its meaning changes.
pub const VERSION: u32 = 1;

/// The whole file.
#[derive(Serialize)]
pub struct Document<'a> {
    format: &'static str,
    version: u32,
    briefing: BriefingOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Vec<NoteOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marks: Option<Vec<MarkOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratings: Option<Vec<YourRatingOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    observations: Option<Vec<ObservationOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    own_claims: Option<Vec<OwnClaimOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    own_counterpoints: Option<Vec<OwnCounterpointOut<'a>>>,
}

impl<'a> Document<'a> {
    /// The export of `b`, with the notes of `book` when given.
    pub fn new(b: &'a Briefing, book: Option<&'a Notebook>) -> Self {
        Document {
            format: FORMAT,
            version: VERSION,
            briefing: BriefingOut::new(b),
            notes: book.map(|book| notes(b, book)),
            marks: book.map(|book| marks(b, book)),
            ratings: book.map(|book| your_ratings(b, book)),
            observations: book.map(|book| observations(b, book)),
            own_claims: book.map(|book| own_claims(b, book)),
            own_counterpoints: book.map(own_counterpoints),
        }
    }
}

#[derive(Serialize)]
struct BriefingOut<'a> {
    id: &'a str,
    title: &'a str,
    subtitle: Option<&'a str>,
    source: Option<&'a str>,
    published: Option<&'a str>,
    summary: Vec<&'a str>,
    sections: Vec<SectionOut<'a>>,
    claims: Vec<ClaimOut<'a>>,
    counterpoints: Vec<CounterpointOut<'a>>,
    factors: Vec<FactorOut<'a>>,
    hypotheses: Vec<HypothesisOut<'a>>,
}

impl<'a> BriefingOut<'a> {
    fn new(b: &'a Briefing) -> Self {
        BriefingOut {
            id: &b.id,
            title: &b.title,
            subtitle: b.subtitle.as_deref(),
            source: b.source.as_deref(),
            published: b.published.as_deref(),
            summary: strs(&b.summary),
            sections: b.sections.iter().map(SectionOut::new).collect(),
            claims: b.claims.iter().map(|c| ClaimOut::new(b, c)).collect(),
            counterpoints: b.counterpoints.iter().map(CounterpointOut::new).collect(),
            factors: b.factors.iter().map(FactorOut::new).collect(),
            hypotheses: b.hypotheses.iter().map(HypothesisOut::new).collect(),
        }
    }
}

#[derive(Serialize)]
struct SectionOut<'a> {
    id: &'a str,
    title: &'a str,
    paragraphs: Vec<&'a str>,
    kinds: Vec<&'static str>,
    claims: Vec<usize>,
    counterpoints: Vec<usize>,
    factors: Vec<usize>,
}

impl<'a> SectionOut<'a> {
    fn new(s: &'a Section) -> Self {
        let kind = |p| match s.kind(p) {
            ParagraphKind::Text => "text",
            ParagraphKind::Heading => "heading",
            ParagraphKind::Pre => "pre",
        };
        SectionOut {
            id: &s.id,
            title: &s.title,
            paragraphs: strs(&s.paragraphs),
            kinds: (0..s.paragraphs.len()).map(kind).collect(),
            claims: indices(&s.claims),
            counterpoints: indices(&s.counterpoints),
            factors: indices(&s.factors),
        }
    }
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    section: usize,
    text: &'a str,
    quote: Option<&'a str>,
    quote_span: Option<QuoteSpanOut>,
    kind: Option<&'static str>,
    likelihood: Option<&'static str>,
    confidence: Option<&'static str>,
    counterpoints: Vec<usize>,
    ratings: Vec<RatingOut>,
}

impl<'a> ClaimOut<'a> {
    fn new(b: &'a Briefing, c: &'a Claim) -> Self {
        ClaimOut {
            id: &c.id,
            section: index(c.section),
            text: &c.text,
            quote: c.quote.as_deref(),
            quote_span: QuoteSpanOut::new(b, c),
            kind: c.kind.map(|k| k.name()),
            likelihood: c.likelihood.map(|l| l.name()),
            confidence: c.confidence.map(|c| c.name()),
            counterpoints: indices(&c.counterpoints),
            ratings: ratings(&c.ratings),
        }
    }
}

/// Where the quote stands in its section: a paragraph, and the quote's place in it counted
/// in UTF-8 bytes (`range`) and in Unicode scalar values (`chars`).
#[derive(Serialize)]
struct QuoteSpanOut {
    paragraph: usize,
    range: Offsets,
    chars: Offsets,
}

/// A half-open range `start..end`.
#[derive(Serialize)]
struct Offsets {
    start: usize,
    end: usize,
}

impl QuoteSpanOut {
    /// The span of `c`'s quote, or `None` unless the paragraph it names holds exactly the
    /// quote there: a consumer may slice with it without checking. (A loaded briefing always
    /// passes; one built by hand need not.)
    fn new(b: &Briefing, c: &Claim) -> Option<Self> {
        let span = c.quote_span.as_ref()?;
        let quote = c.quote.as_deref()?;
        let paragraph = index(span.paragraph);
        let (start, end) = (index(span.range.start), index(span.range.end));
        let text = b.sections.get(index(c.section))?.paragraphs.get(paragraph)?;
        if text.get(start..end)? != quote {
            return None;
        }
        // `get` above succeeded, so `start` is on a character boundary.
        let char_start = text.get(..start)?.chars().count();
        Some(QuoteSpanOut {
            paragraph,
            range: Offsets { start, end },
            chars: Offsets { start: char_start, end: char_start + quote.chars().count() },
        })
    }
}

#[derive(Serialize)]
struct CounterpointOut<'a> {
    id: &'a str,
    claims: Vec<usize>,
    text: &'a str,
    by: Option<&'a str>,
    ratings: Vec<RatingOut>,
}

impl<'a> CounterpointOut<'a> {
    fn new(cp: &'a Counterpoint) -> Self {
        CounterpointOut {
            id: &cp.id,
            claims: indices(&cp.claims),
            text: &cp.text,
            by: cp.by.as_deref(),
            ratings: ratings(&cp.ratings),
        }
    }
}

#[derive(Serialize)]
struct FactorOut<'a> {
    id: &'a str,
    title: &'a str,
    question: Option<&'a str>,
    text: &'a str,
    sections: Vec<usize>,
    claims: Vec<usize>,
    indicators: Vec<IndicatorOut<'a>>,
}

impl<'a> FactorOut<'a> {
    fn new(f: &'a Factor) -> Self {
        FactorOut {
            id: &f.id,
            title: &f.title,
            question: f.question.as_deref(),
            text: &f.text,
            sections: indices(&f.sections),
            claims: indices(&f.claims),
            indicators: f.indicators.iter().map(IndicatorOut::new).collect(),
        }
    }
}

#[derive(Serialize)]
struct IndicatorOut<'a> {
    id: &'a str,
    text: &'a str,
    by: Option<&'a str>,
}

impl<'a> IndicatorOut<'a> {
    fn new(i: &'a Indicator) -> Self {
        IndicatorOut { id: &i.id, text: &i.text, by: i.by.as_deref() }
    }
}

#[derive(Serialize)]
struct HypothesisOut<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
    by: Option<&'a str>,
}

impl<'a> HypothesisOut<'a> {
    fn new(h: &'a Hypothesis) -> Self {
        HypothesisOut { id: &h.id, title: &h.title, text: &h.text, by: h.by.as_deref() }
    }
}

/// An item's rating under one hypothesis.
#[derive(Serialize)]
struct RatingOut {
    hypothesis: usize,
    consistency: &'static str,
}

fn ratings(v: &[Rating]) -> Vec<RatingOut> {
    v.iter()
        .map(|r| RatingOut { hypothesis: index(r.hypothesis), consistency: r.consistency.name() })
        .collect()
}

/// One of your ratings in the matrix, every key always present.
#[derive(Serialize)]
struct YourRatingOut<'a> {
    kind: &'static str,
    item: &'a str,
    hypothesis: &'a str,
    consistency: &'static str,
    standing: &'static str,
}

/// Your ratings in key order (kind, item, hypothesis), orphaned ones too.
fn your_ratings<'n>(b: &'n Briefing, book: &'n Notebook) -> Vec<YourRatingOut<'n>> {
    crate::notes::ratings::standings(b, &book.ratings)
        .into_iter()
        .map(|r| YourRatingOut {
            kind: r.key.kind.name(),
            item: &r.key.item,
            hypothesis: &r.key.hypothesis,
            consistency: r.consistency.name(),
            standing: r.standing.name(),
        })
        .collect()
}

/// One observation on an indicator, every key always present.
#[derive(Serialize)]
struct ObservationOut<'a> {
    id: &'a str,
    indicator: &'a str,
    /// The id of the factor whose indicator it is; `null` when the indicator is gone.
    factor: Option<&'a str>,
    text: &'a str,
    created: Option<String>,
    standing: &'static str,
}

/// Your observations in the order of the factors and their indicators, newest first under
/// each; orphans last.
fn observations<'n>(b: &'n Briefing, book: &'n Notebook) -> Vec<ObservationOut<'n>> {
    crate::notes::observations::standings(b, &book.observations)
        .into_iter()
        .map(|(o, place)| ObservationOut {
            id: &o.id,
            indicator: &o.indicator,
            factor: place.map(|(f, _)| b.factors[f].id.as_str()),
            text: &o.text,
            created: time(&o.created),
            standing: if place.is_some() { "current" } else { "orphaned" },
        })
        .collect()
}

/// One of your own claims, with your judgement of it (its `[[note]]`); every key present but
/// `likelihood` and `confidence`, absent when unset as on `NoteOut`.
#[derive(Serialize)]
struct OwnClaimOut<'a> {
    id: &'a str,
    /// The id of the section its passage is in now (as stored, when orphaned).
    section: &'a str,
    text: &'a str,
    kind: Option<&'static str>,
    /// The passage it is on, as it was when made.
    quote: &'a str,
    standing: &'static str,
    stance: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    likelihood: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    note: &'a str,
    created: Option<String>,
    updated: Option<String>,
}

/// Your own claims in reading order, orphans last, each with its standing in `b`.
fn own_claims<'n>(b: &'n Briefing, book: &'n Notebook) -> Vec<OwnClaimOut<'n>> {
    crate::notes::own::claim_standings(b, &book.own_claims)
        .into_iter()
        .map(|(claim, anchored)| {
            let note = book.notes.get(&claim.id);
            OwnClaimOut {
                id: &claim.id,
                section: anchored
                    .place
                    .as_ref()
                    .and_then(|p| b.sections.get(p.section.0))
                    .map_or(claim.section.as_str(), |s| s.id.as_str()),
                text: &claim.text,
                kind: claim.kind.map(|k| k.name()),
                quote: &claim.exact,
                standing: standing_name(anchored.standing),
                stance: note.and_then(|n| n.stance).map(|s| s.name()),
                likelihood: note.and_then(|n| n.likelihood).map(|l| l.name()),
                confidence: note.and_then(|n| n.confidence).map(|c| c.name()),
                note: note.map_or("", |n| n.note.as_str()),
                created: time(&claim.created),
                updated: time(&claim.updated),
            }
        })
        .collect()
}

/// One of your own counterpoints; `claims` are ids (the author's claims' or your own).
#[derive(Serialize)]
struct OwnCounterpointOut<'a> {
    id: &'a str,
    claims: Vec<&'a str>,
    text: &'a str,
    by: Option<&'a str>,
    created: Option<String>,
    updated: Option<String>,
}

/// Your own counterpoints in id order.
fn own_counterpoints(book: &Notebook) -> Vec<OwnCounterpointOut<'_>> {
    book.own_counterpoints
        .values()
        .map(|cp| OwnCounterpointOut {
            id: &cp.id,
            claims: strs(&cp.claims),
            text: &cp.text,
            by: cp.by.as_deref(),
            created: time(&cp.created),
            updated: time(&cp.updated),
        })
        .collect()
}

/// What `"format"` says in the JSON of `briefing notes --all`.
pub const ACROSS_FORMAT: &str = "briefing-notes";

/// `briefing notes --all --format json`: every briefing's notes (docs/export-format.md).
#[derive(Serialize)]
pub struct Across<'a> {
    format: &'static str,
    version: u32,
    briefings: Vec<AcrossBriefing<'a>>,
}

#[derive(Serialize)]
struct AcrossBriefing<'a> {
    id: &'a str,
    /// `null` when no briefing of the library has this id.
    title: Option<&'a str>,
    notes: Vec<AcrossNote<'a>>,
}

#[derive(Serialize)]
struct AcrossNote<'a> {
    claim: &'a str,
    claim_text: &'a str,
    stance: Option<&'static str>,
    /// Absent when unset, like `NoteOut`'s.
    #[serde(skip_serializing_if = "Option::is_none")]
    likelihood: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    note: &'a str,
    tags: Vec<String>,
    created: Option<String>,
    updated: Option<String>,
}

impl<'a> Across<'a> {
    pub fn new(groups: &'a [super::BriefingNotes]) -> Self {
        let briefings = groups
            .iter()
            .filter(|g| !g.notes.is_empty())
            .map(|g| AcrossBriefing {
                id: &g.id,
                title: g.title.as_deref(),
                notes: g
                    .notes
                    .iter()
                    .map(|n| AcrossNote {
                        claim: &n.claim,
                        claim_text: &n.claim_text,
                        stance: n.stance.map(|s| s.name()),
                        likelihood: n.likelihood.map(|l| l.name()),
                        confidence: n.confidence.map(|c| c.name()),
                        note: &n.note,
                        tags: n.tags(),
                        created: time(&n.created),
                        updated: time(&n.updated),
                    })
                    .collect(),
            })
            .collect();
        Across { format: ACROSS_FORMAT, version: VERSION, briefings }
    }
}

/// One note, with every key always present so readers need no defaults; but `likelihood`
/// and `confidence`, absent when unset (added later, and asked for that way).
#[derive(Serialize)]
struct NoteOut<'a> {
    claim: &'a str,
    claim_text: &'a str,
    stance: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    likelihood: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    note: &'a str,
    created: Option<String>,
    updated: Option<String>,
    standing: &'static str,
}

/// The notes in claim-id order, each with its standing in `b`.
fn notes<'n>(b: &Briefing, book: &'n Notebook) -> Vec<NoteOut<'n>> {
    let mut standings = book.standings(b);
    standings.sort_by(|(x, _), (y, _)| x.claim.cmp(&y.claim));
    standings
        .into_iter()
        .map(|(note, standing)| NoteOut {
            claim: &note.claim,
            claim_text: &note.claim_text,
            stance: note.stance.map(|s| s.name()),
            likelihood: note.likelihood.map(|l| l.name()),
            confidence: note.confidence.map(|c| c.name()),
            note: &note.note,
            created: time(&note.created),
            updated: time(&note.updated),
            standing: match standing {
                Standing::Current(_) => "current",
                Standing::Changed(_) => "changed",
                Standing::Orphaned => "orphaned",
            },
        })
        .collect()
}

/// A note's time in RFC 3339 form, or `None` for a change not yet saved (no time stamped).
fn time(t: &toml::value::Datetime) -> Option<String> {
    let text = t.to_string();
    (!text.is_empty()).then_some(text)
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// A model index as the plain number the export writes, whatever type the model gives it.
fn index<I: Into<usize>>(i: I) -> usize {
    i.into()
}

fn indices<I: Copy + Into<usize>>(v: &[I]) -> Vec<usize> {
    v.iter().map(|&i| index(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::check_text;

    /// A loaded briefing whose one claim quotes "café" after "né " (4 bytes, 3 characters).
    /// Tests change only its strings, so they do not depend on the model's index types.
    fn briefing() -> Briefing {
        let toml = r#"
            format = 1
            [briefing]
            id = "b"
            title = "B"
            [[section]]
            id = "s"
            title = "S"
            body = "né café!"
            [[claim]]
            id = "c"
            section = "s"
            text = "C"
            quote = "café"
        "#;
        let report = check_text(std::path::Path::new("b.toml"), toml);
        report.briefing.unwrap_or_else(|| panic!("{:#?}", report.diagnostics))
    }

    fn span(b: &Briefing) -> Option<(usize, usize, usize, usize)> {
        QuoteSpanOut::new(b, &b.claims[0])
            .map(|s| (s.range.start, s.range.end, s.chars.start, s.chars.end))
    }

    #[test]
    fn quote_span_counts_bytes_and_chars() {
        assert_eq!(span(&briefing()), Some((4, 9, 3, 7)));
    }

    #[test]
    fn quote_span_that_does_not_hold_the_quote_is_left_out() {
        let with_paragraph = |text: &str| {
            let mut b = briefing();
            b.sections[0].paragraphs[0] = text.into();
            span(&b)
        };
        assert_eq!(with_paragraph("néé café!"), None, "the range cuts a character");
        assert_eq!(with_paragraph("né ca"), None, "the range is past the end");
        assert_eq!(with_paragraph("né cafe!!"), None, "the range holds another text");
        let mut b = briefing();
        b.sections[0].paragraphs.clear();
        assert_eq!(span(&b), None, "no such paragraph");
        b.sections.clear();
        assert_eq!(span(&b), None, "no such section");
    }
}

/// One mark, every key always present.
#[derive(Serialize)]
struct MarkOut<'a> {
    id: &'a str,
    /// The id of the section its passage is in now (as stored, when orphaned).
    section: &'a str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    label: Option<&'static str>,
    stance: Option<&'static str>,
    note: Option<&'a str>,
    standing: &'static str,
    created: Option<String>,
    updated: Option<String>,
}

/// The marks in reading order, orphans last, each with its standing in `b`.
fn marks<'n>(b: &'n Briefing, book: &'n Notebook) -> Vec<MarkOut<'n>> {
    book.mark_standings(b)
        .into_iter()
        .map(|(mark, anchored)| MarkOut {
            id: &mark.id,
            section: anchored
                .place
                .as_ref()
                .and_then(|p| b.sections.get(p.section.0))
                .map_or(mark.section.as_str(), |s| s.id.as_str()),
            exact: &mark.exact,
            prefix: &mark.prefix,
            suffix: &mark.suffix,
            label: mark.label.map(|l| l.name()),
            stance: mark.stance.map(|s| s.name()),
            note: mark.note.as_deref(),
            standing: standing_name(anchored.standing),
            created: time(&mark.created),
            updated: time(&mark.updated),
        })
        .collect()
}
