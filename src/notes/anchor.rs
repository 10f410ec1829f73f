//! PROVISIONAL (replaced by the anchoring module being written on branch `anchor`): finds a
//! mark's passage only where its offsets say, else orphans it.

use std::ops::Range;

use crate::briefing::{Briefing, SectionIx};

pub struct Quote<'a> {
    pub section: &'a str,
    pub exact: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
    pub start: usize,
    pub end: usize,
}

impl<'a> Quote<'a> {
    /// What anchoring needs of a stored mark.
    pub fn of(mark: &'a crate::notes::Mark) -> Self {
        Quote {
            section: &mark.section,
            exact: &mark.exact,
            prefix: &mark.prefix,
            suffix: &mark.suffix,
            start: mark.start,
            end: mark.end,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Current,
    Moved,
    Drifted,
    Orphaned,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub section: SectionIx,
    pub paragraph: usize,
    pub bytes: Range<usize>,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchored {
    pub standing: Standing,
    pub place: Option<Place>,
}

/// (paragraph, byte) of char offset `at` in the section's folded text.
fn locate(paragraphs: &[String], mut at: usize) -> Option<(usize, usize)> {
    for (i, p) in paragraphs.iter().enumerate() {
        let chars = p.chars().count();
        if at <= chars {
            let byte = p.char_indices().nth(at).map_or(p.len(), |(b, _)| b);
            return Some((i, byte));
        }
        at = at.checked_sub(chars + 2)?;
    }
    None
}

pub fn anchor_all(b: &Briefing, quotes: &[Quote]) -> Vec<Anchored> {
    quotes
        .iter()
        .map(|q| {
            let found = b.sections.iter().position(|s| s.id == q.section).and_then(|s| {
                let paragraphs = &b.sections[s].paragraphs;
                let (p, from) = locate(paragraphs, q.start)?;
                let (p2, to) = locate(paragraphs, q.end)?;
                (p == p2 && paragraphs[p].get(from..to) == Some(q.exact)).then_some(Place {
                    section: SectionIx(s),
                    paragraph: p,
                    bytes: from..to,
                    start: q.start,
                    end: q.end,
                })
            });
            if let Some(place) = found {
                return Anchored { standing: Standing::Current, place: Some(place) };
            }
            // Elsewhere in any paragraph of any section, its own first.
            let own = b.sections.iter().position(|s| s.id == q.section);
            let order = own.into_iter().chain((0..b.sections.len()).filter(|&s| Some(s) != own));
            for s in order {
                for (p, text) in b.sections[s].paragraphs.iter().enumerate() {
                    if let Some(at) = text.find(q.exact).filter(|_| !q.exact.is_empty()) {
                        let bytes = at..at + q.exact.len();
                        let (_, _, _, start, end) = quote_at(b, SectionIx(s), p, bytes.clone());
                        let place =
                            Place { section: SectionIx(s), paragraph: p, bytes, start, end };
                        return Anchored { standing: Standing::Moved, place: Some(place) };
                    }
                }
            }
            Anchored { standing: Standing::Orphaned, place: None }
        })
        .collect()
}

pub fn quote_at(
    b: &Briefing,
    section: SectionIx,
    paragraph: usize,
    bytes: Range<usize>,
) -> (String, String, String, usize, usize) {
    let paragraphs = &b.sections[section].paragraphs;
    let before: usize = paragraphs[..paragraph].iter().map(|p| p.chars().count() + 2).sum();
    let text = &paragraphs[paragraph];
    let start = before + text[..bytes.start].chars().count();
    let end = start + text[bytes.clone()].chars().count();
    let folded = paragraphs.join("\n\n");
    let chars: Vec<char> = folded.chars().collect();
    let prefix: String = chars[start.saturating_sub(32)..start].iter().collect();
    let suffix: String = chars[end..(end + 32).min(chars.len())].iter().collect();
    (text[bytes].to_string(), prefix, suffix, start, end)
}
