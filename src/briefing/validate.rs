//! The rules of format 1, applied to a parsed file: ids, references, quotes, required text.
//!
//! Every problem is reported (none stops the others), each at the value it is about. The
//! result is the sanitized [`Briefing`]: every text field passes through `sanitize` once, here.
//! Hypotheses, ratings and indicators are checked in `analysis`.

mod analysis;

use std::borrow::{Borrow, Cow};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::Hash;
use std::ops::Range;

use super::FORMAT_VERSION;
use super::estimate::{Confidence, Likelihood};
use super::load::LazyLocator;
use super::model::{
    Briefing, Claim, ClaimIx, ClaimKind, Counterpoint, CounterpointIx, Factor, FactorIx,
    ParagraphKind, QuoteSpan, Section, SectionIx,
};
use super::near::{Budget, IdIndex, Passages};
use super::raw::{RawBody, RawBriefing, RawPart, Text};
use crate::diagnostic::{Diagnostic, quoted};
use crate::{sanitize, text};
use toml::Spanned;

pub(super) fn newer_format_message(version: i64) -> String {
    format!(
        "format {version} is newer than this reader supports (format {FORMAT_VERSION}); \
         update briefing to read this file"
    )
}

/// Checks `raw` and builds the briefing. Problems go to `out`; the result is meaningful only
/// when no error was pushed.
pub(super) fn validate(
    raw: RawBriefing,
    locator: &LazyLocator,
    out: &mut Vec<Diagnostic>,
) -> Option<Briefing> {
    let mut v = Validator {
        locator,
        out,
        id_hints: Budget::default(),
        quote_hints: Budget::default(),
        id_indexes: HashMap::new(),
    };
    match &raw.format {
        None => v.error(
            raw.document.start..raw.document.start,
            "missing key 'format', expected `format = 1` at the top of the file",
        ),
        Some(f) if *f.get_ref() > FORMAT_VERSION => {
            v.error(f.span(), &newer_format_message(*f.get_ref()))
        }
        Some(f) if *f.get_ref() != FORMAT_VERSION => {
            v.error(f.span(), &format!("unknown format {}, expected {FORMAT_VERSION}", f.get_ref()))
        }
        Some(_) => {}
    }
    let Some(meta) = raw.meta else {
        if raw.meta_failed {
            return None;
        }
        v.error(
            raw.document.start..raw.document.start,
            "missing table [briefing], expected [briefing] with 'id' and 'title'",
        );
        return None;
    };
    if raw.sections.is_empty() && !v.out.iter().any(Diagnostic::is_error) {
        v.error(
            raw.document.end..raw.document.end,
            "no sections, expected at least one [[section]] with 'id', 'title' and 'body'",
        );
    }

    v.id("briefing", &meta.id);
    let section_ids: HashMap<String, _> =
        v.unique_ids("section", raw.sections.iter().map(|s| &s.id));
    let claim_ids: HashMap<String, _> = v.unique_ids("claim", raw.claims.iter().map(|c| &c.id));
    v.unique_ids::<&str>("counterpoint", raw.counterpoints.iter().map(|c| &c.id));
    v.unique_ids::<&str>("factor", raw.factors.iter().map(|f| &f.id));
    let hypothesis_ids: HashMap<String, _> =
        v.unique_ids("hypothesis", raw.hypotheses.iter().map(|h| &h.id));
    // Unique across factors: observations on an indicator are kept by its id alone.
    v.unique_ids::<&str>(
        "indicator",
        raw.factors.iter().flat_map(|f| &f.indicators).map(|i| &i.id),
    );

    // From here on, text the briefing keeps is moved out of `raw`, not copied, when it needs
    // no change (`owned_line`): most text of a large file.
    let mut briefing = Briefing {
        id: v.line(&meta.id),
        title: v.required_line(meta.title, "title"),
        subtitle: meta.subtitle.map(|t| v.owned_line(t)),
        source: meta.source.map(|t| v.owned_line(t)),
        published: meta.published.as_ref().map(|t| v.date(t)),
        summary: meta.summary.as_ref().map(|t| v.paragraphs(t)).unwrap_or_default(),
        sections: raw
            .sections
            .into_iter()
            .map(|s| {
                let (paragraphs, kinds) = v.body(&s.body);
                Section {
                    id: v.owned_line(s.id),
                    title: v.required_line(s.title, "title"),
                    paragraphs,
                    kinds,
                    claims: Vec::new(),
                    counterpoints: Vec::new(),
                    factors: Vec::new(),
                }
            })
            .collect(),
        claims: Vec::with_capacity(raw.claims.len()),
        counterpoints: Vec::with_capacity(raw.counterpoints.len()),
        factors: Vec::with_capacity(raw.factors.len()),
        hypotheses: v.hypotheses(raw.hypotheses),
    };

    // Quotes to find: (claim, its section, where the quote is in the file).
    let mut quotes = Vec::new();
    for (index, c) in raw.claims.into_iter().enumerate() {
        let section = v.reference("claim", &c.id, "section", &c.section, &section_ids);
        let quote = c.quote.map(|q| (q.span(), v.owned_line(q)));
        if let (Some(s), Some((span, _))) = (section, &quote) {
            quotes.push((ClaimIx(index), SectionIx(s), span.clone()));
        }
        let kind = c.kind.as_ref().and_then(|k| {
            let parsed = ClaimKind::parse(k.get_ref());
            if parsed.is_none() {
                let expected = ClaimKind::NAMES.join(", ");
                v.error(
                    k.span(),
                    &format!("unknown kind {}, expected one of: {expected}", quoted(k.get_ref())),
                );
            }
            parsed
        });
        let likelihood = c.likelihood.as_ref().and_then(|l| {
            let parsed = Likelihood::parse(l.get_ref());
            if parsed.is_none() {
                let expected = Likelihood::ALL.map(Likelihood::name).join(", ");
                v.error(
                    l.span(),
                    &format!(
                        "unknown likelihood {}, expected one of: {expected}",
                        quoted(l.get_ref())
                    ),
                );
            }
            parsed
        });
        let confidence = c.confidence.as_ref().and_then(|k| {
            let parsed = Confidence::parse(k.get_ref());
            if parsed.is_none() {
                let expected = Confidence::ALL.map(Confidence::name).join(", ");
                v.error(
                    k.span(),
                    &format!(
                        "unknown confidence {}, expected one of: {expected}",
                        quoted(k.get_ref())
                    ),
                );
            }
            parsed
        });
        if let Some(s) = section {
            briefing.sections[s].claims.push(ClaimIx(index));
        }
        let ratings = v.ratings("claim", &c.id, c.ratings, &hypothesis_ids);
        briefing.claims.push(Claim {
            id: v.owned_line(c.id),
            section: SectionIx(section.unwrap_or(0)),
            text: v.required_line(c.text, "text"),
            quote: quote.map(|(_, q)| q),
            quote_span: None,
            kind,
            likelihood,
            confidence,
            counterpoints: Vec::new(),
            ratings,
            own: false,
        });
    }

    v.find_quotes(&mut briefing, quotes);

    for (index, cp) in raw.counterpoints.into_iter().enumerate() {
        if cp.claims.get_ref().is_empty() {
            v.error(
                cp.claims.span(),
                &format!(
                    "counterpoint {} answers no claim, expected one or more claim ids",
                    quoted(cp.id.get_ref())
                ),
            );
        }
        let claims: Vec<ClaimIx> = v
            .references("counterpoint", &cp.id, "claim", cp.claims.get_ref(), &claim_ids)
            .into_iter()
            .map(ClaimIx)
            .collect();
        for &c in &claims {
            briefing.claims[c].counterpoints.push(CounterpointIx(index));
        }
        let ratings = v.ratings("counterpoint", &cp.id, cp.ratings, &hypothesis_ids);
        briefing.counterpoints.push(Counterpoint {
            id: v.owned_line(cp.id),
            claims,
            text: v.required_line(cp.text, "text"),
            by: cp.by.map(|b| v.owned_line(b)),
            ratings,
            own: false,
        });
    }

    // Which section last listed each counterpoint, so each is listed once per section.
    let mut listed_in = vec![usize::MAX; briefing.counterpoints.len()];
    for (si, section) in briefing.sections.iter_mut().enumerate() {
        for &c in &section.claims {
            for &cp in &briefing.claims[c].counterpoints {
                if std::mem::replace(&mut listed_in[cp.0], si) != si {
                    section.counterpoints.push(cp);
                }
            }
        }
    }

    for f in raw.factors {
        briefing.factors.push(Factor {
            // The raw id is still needed, for messages about the references that follow.
            id: v.line(&f.id),
            title: v.required_line(f.title, "title"),
            question: f.question.map(|q| v.owned_line(q)),
            text: v.required_line(f.text, "text"),
            sections: v
                .references("factor", &f.id, "section", &f.sections, &section_ids)
                .into_iter()
                .map(SectionIx)
                .collect(),
            claims: v
                .references("factor", &f.id, "claim", &f.claims, &claim_ids)
                .into_iter()
                .map(ClaimIx)
                .collect(),
            indicators: v.indicators(f.indicators),
            own_claims: Vec::new(),
        });
    }
    for (fi, factor) in briefing.factors.iter().enumerate() {
        let fi = FactorIx(fi);
        let through_claims = factor.claims.iter().map(|&c| briefing.claims[c].section);
        for s in factor.sections.iter().copied().chain(through_claims) {
            // A claim whose section did not resolve (an error already) names section 0, which
            // may not exist.
            let Some(section) = briefing.sections.get_mut(s.0) else { continue };
            if section.factors.last() != Some(&fi) {
                section.factors.push(fi);
            }
        }
    }
    Some(briefing)
}

struct Validator<'a, 'l> {
    locator: &'a LazyLocator<'l>,
    out: &'a mut Vec<Diagnostic>,
    /// Suggestions left to make ("did you mean ...?") for ids and for quotes, so a file with
    /// many problems is checked in linear time all the same (see `near`).
    id_hints: Budget,
    quote_hints: Budget,
    /// The ids of each kind references name, indexed on the first reference that misses.
    id_indexes: HashMap<&'static str, IdIndex>,
}

impl Validator<'_, '_> {
    fn error(&mut self, span: Range<usize>, message: &str) {
        self.out.push(self.locator.get().error(span, message));
    }

    /// Warns when a field held characters that had to be made visible.
    fn note_unsafe(&mut self, field: &Text) {
        self.warn_unsafe(field.span(), field.get_ref());
    }

    /// [`Self::note_unsafe`] for the text `text` of the field at `span`.
    fn warn_unsafe(&mut self, span: Span, text: &str) {
        if let Some((count, first)) = sanitize::describe(text) {
            let more = if count > 1 { format!(" and {} more", count - 1) } else { String::new() };
            let message = format!(
                "text contains {first}{more}; such characters are shown, never sent to the terminal"
            );
            self.out.push(self.locator.get().warning(span, &message));
        }
    }

    /// A one-line field, sanitized and folded.
    fn line(&mut self, field: &Text) -> String {
        text::fold(&self.safe(field))
    }

    /// [`Self::line`] for a field the briefing keeps: text that needs no change is moved into
    /// the briefing as it is, not copied.
    fn owned_line(&mut self, field: Text) -> String {
        if text::is_plain_line(field.get_ref()) {
            return field.into_inner();
        }
        if let Cow::Owned(safe) = sanitize::multi_line(field.get_ref()) {
            self.note_unsafe(&field);
            return text::fold_owned(safe);
        }
        text::fold_owned(field.into_inner())
    }

    /// A field made safe; a warning when that changed more than layout (tabs, line ends).
    fn safe<'t>(&mut self, field: &'t Text) -> Cow<'t, str> {
        let safe = sanitize::multi_line(field.get_ref());
        // Unchanged text held nothing to warn about: only changed text is looked at again.
        if let Cow::Owned(_) = safe {
            self.note_unsafe(field);
        }
        safe
    }

    /// A one-line field that must not be empty, moved into the briefing like [`Self::owned_line`].
    fn required_line(&mut self, field: Text, name: &str) -> String {
        let span = field.span();
        let line = self.owned_line(field);
        if line.is_empty() {
            self.error(span, &format!("'{name}' is empty, expected some text"));
        }
        line
    }

    fn paragraphs(&mut self, field: &Text) -> Vec<String> {
        text::paragraphs(&self.safe(field))
    }

    /// A section's body: its paragraphs, and what each is.
    fn body(&mut self, body: &Spanned<RawBody>) -> (Vec<String>, Vec<ParagraphKind>) {
        let parts = match body.get_ref() {
            RawBody::Text(text) => {
                let paragraphs = text::paragraphs(&self.safe_at(body.span(), text));
                let kinds = vec![ParagraphKind::Text; paragraphs.len()];
                return (paragraphs, kinds);
            }
            RawBody::Parts(parts) => parts,
        };
        let mut paragraphs = Vec::new();
        let mut kinds = Vec::new();
        for part in parts {
            let span = part.span();
            match part.get_ref() {
                RawPart::Text(text) => {
                    let found = text::paragraphs(&self.safe_at(span, text));
                    kinds.extend(std::iter::repeat_n(ParagraphKind::Text, found.len()));
                    paragraphs.extend(found);
                }
                RawPart::Heading(heading) => {
                    let line = text::fold(&self.safe_at(span.clone(), heading));
                    if line.is_empty() {
                        self.error(span, "'heading' is empty, expected some text");
                        continue;
                    }
                    paragraphs.push(line);
                    kinds.push(ParagraphKind::Heading);
                }
                RawPart::Pre(pre) => {
                    // Made safe first, tabs kept, so that tab stops count the columns of
                    // what is shown (`^[` is two).
                    self.warn_unsafe(span, pre);
                    let pieces: Vec<Cow<str>> = pre.split('\t').map(sanitize::multi_line).collect();
                    let safe = pieces.join("\t");
                    let lines = text::preformatted(&text::expand_tabs(&safe));
                    if !lines.is_empty() {
                        paragraphs.push(lines);
                        kinds.push(ParagraphKind::Pre);
                    }
                }
            }
        }
        (paragraphs, kinds)
    }

    /// [`Self::safe`] for text whose field is `span`.
    fn safe_at<'t>(&mut self, span: Span, text: &'t str) -> Cow<'t, str> {
        let safe = sanitize::multi_line(text);
        if let Cow::Owned(_) = safe {
            self.warn_unsafe(span, text);
        }
        safe
    }

    fn date(&mut self, field: &Text) -> String {
        if !is_date(field.get_ref()) {
            self.error(
                field.span(),
                &format!(
                    "published date {} is not a date, expected YYYY-MM-DD",
                    quoted(field.get_ref())
                ),
            );
        }
        self.line(field)
    }

    fn id(&mut self, kind: &str, id: &Text) -> bool {
        let ok = is_valid_id(id.get_ref());
        if !ok {
            let message = format!(
                "{kind} id {} is not valid, expected 1 to 64 of a-z, 0-9 and '-', not starting with '-'",
                quoted(id.get_ref())
            );
            self.error(id.span(), &message);
        }
        ok
    }

    /// Checks ids of one kind and maps each valid one to its index. A map that is kept owns its
    /// keys (`K` is `String`), so that the items can then be moved into the briefing.
    fn unique_ids<'t, K: From<&'t str> + Borrow<str> + Hash + Eq>(
        &mut self,
        kind: &str,
        ids: impl Iterator<Item = &'t Text>,
    ) -> HashMap<K, usize> {
        let count = ids.size_hint().0;
        let mut seen: HashMap<K, usize> = HashMap::with_capacity(count);
        let mut spans: Vec<Range<usize>> = Vec::with_capacity(count);
        for (index, id) in ids.enumerate() {
            spans.push(id.span());
            if !self.id(kind, id) {
                continue;
            }
            match seen.entry(K::from(id.get_ref())) {
                Entry::Vacant(slot) => {
                    slot.insert(index);
                }
                Entry::Occupied(first) => {
                    let (line, _) = self.locator.get().line_col(spans[*first.get()].start);
                    let kinds = match kind.strip_suffix("is") {
                        Some(stem) => format!("{stem}es"),
                        None => format!("{kind}s"),
                    };
                    let message = format!(
                        "duplicate {kind} id {} (first defined on line {line}), expected ids unique among {kinds}",
                        quoted(id.get_ref())
                    );
                    self.error(id.span(), &message);
                }
            }
        }
        seen
    }

    fn reference(
        &mut self,
        from_kind: &str,
        from: &Text,
        to_kind: &'static str,
        to: &Text,
        ids: &HashMap<String, usize>,
    ) -> Option<usize> {
        let found = ids.get(to.get_ref().as_str()).copied();
        if found.is_none() {
            let mut message = format!(
                "{from_kind} {} names unknown {to_kind} {}",
                quoted(from.get_ref()),
                quoted(to.get_ref())
            );
            let near = if self.id_hints.take() {
                let index = self
                    .id_indexes
                    .entry(to_kind)
                    .or_insert_with(|| IdIndex::new(ids.keys().map(String::as_str)));
                index.closest(to.get_ref()).map(str::to_string)
            } else {
                None
            };
            match near {
                Some(near) => message.push_str(&format!(
                    ", expected an existing {to_kind} id (did you mean '{near}'?)"
                )),
                None => message.push_str(&format!(", expected an existing {to_kind} id")),
            }
            self.error(to.span(), &message);
        }
        found
    }

    fn references(
        &mut self,
        from_kind: &str,
        from: &Text,
        to_kind: &'static str,
        to: &[Text],
        ids: &HashMap<String, usize>,
    ) -> Vec<usize> {
        to.iter().filter_map(|t| self.reference(from_kind, from, to_kind, t, ids)).collect()
    }

    /// Finds each claim's (sanitized, folded) quote in its section's paragraphs: the first
    /// paragraph that has it, its first place there. Linear in the sections' text: a section
    /// with few quotes searches for each (a few passes, each cheap); one with many scans its
    /// paragraphs once for all of them. A quote not found is looked for across paragraph
    /// breaks in one more pass, for the message.
    fn find_quotes(&mut self, briefing: &mut Briefing, wanted: Vec<(ClaimIx, SectionIx, Span)>) {
        let mut by_section: Vec<Vec<(ClaimIx, Span)>> = vec![Vec::new(); briefing.sections.len()];
        for (claim, section, span) in wanted {
            by_section[section.0].push((claim, span));
        }
        for (section, claims) in briefing.section_ixs().zip(by_section) {
            if claims.is_empty() {
                continue;
            }
            let mut patterns: Vec<String> = Vec::new();
            let mut pattern_of: HashMap<String, usize> = HashMap::new();
            let mut of_claim = Vec::with_capacity(claims.len());
            for (claim, span) in claims {
                let quote = briefing.claims[claim].quote.clone().unwrap_or_default();
                if quote.is_empty() {
                    self.error(
                        span,
                        "'quote' is empty, expected words found in the section's body",
                    );
                    continue;
                }
                let next = patterns.len();
                let p = *pattern_of.entry(quote.clone()).or_insert_with(|| {
                    patterns.push(quote);
                    next
                });
                of_claim.push((claim, span, p));
            }
            let s = &briefing.sections[section];
            let found = find_each(&s.paragraphs, &patterns);
            let unfound: Vec<usize> = (0..patterns.len()).filter(|&p| found[p].is_none()).collect();
            let across = if unfound.is_empty() {
                Vec::new()
            } else {
                let joined = s.paragraphs.join(" ");
                let wanted: Vec<&str> = unfound.iter().map(|&p| patterns[p].as_str()).collect();
                let hits = find_each(std::slice::from_ref(&joined), &wanted);
                unfound.iter().zip(hits).filter(|(_, h)| h.is_some()).map(|(&p, _)| p).collect()
            };
            let section_id = s.id.clone();
            // Built on the first quote that needs a suggestion, once per section.
            let mut passages: Option<Passages> = None;
            for (claim, span, p) in of_claim {
                match &found[p] {
                    Some(at) => briefing.claims[claim].quote_span = Some(at.clone()),
                    None => {
                        let quote = quoted(&patterns[p]);
                        let message = if across.contains(&p) {
                            format!(
                                "quote {quote} spans a paragraph break in section '{section_id}', expected words from one paragraph"
                            )
                        } else {
                            let near = if self.quote_hints.take() {
                                let passages =
                                    passages.get_or_insert_with(|| Passages::new(&s.paragraphs));
                                passages.nearest(&patterns[p]).map(|n| n.shown())
                            } else {
                                None
                            };
                            let hint = near
                                .map(|n| format!(" (did you mean {}?)", quoted(&n)))
                                .unwrap_or_default();
                            format!(
                                "quote {quote} is not in the body of section '{section_id}', expected words found verbatim there{hint}"
                            )
                        };
                        self.error(span, &message);
                    }
                }
            }
        }
    }
}

type Span = Range<usize>;

/// Up to this many quotes a section always searches for one by one.
const ONE_BY_ONE: usize = 8;

/// Whether finding `count` quotes of `quote_bytes` bytes in all in `body_bytes` of a section
/// costs less one by one (a rare-byte scan of the body per quote) than with one multi-pattern
/// searcher (built per quote byte, then one slower pass over the body). Most sections have a
/// handful of short quotes over a few KB: there the scans win (building searchers took loading
/// a 10 MB briefing from 1.2x to 1.6x its parse); thousands of quotes in one long section, and
/// the searcher keeps the check linear.
fn one_by_one(count: usize, quote_bytes: usize, body_bytes: usize) -> bool {
    /// A searcher's build, per quote byte, in body bytes scanned once.
    const BUILD: usize = 64;
    /// Its pass over the body, in scans.
    const PASS: usize = 8;
    count <= ONE_BY_ONE
        || count.saturating_mul(body_bytes)
            <= BUILD.saturating_mul(quote_bytes).saturating_add(PASS.saturating_mul(body_bytes))
}

/// For each pattern, where it first occurs: the first paragraph that has it, and its first
/// place there.
fn find_each<P: AsRef<str>>(paragraphs: &[String], patterns: &[P]) -> Vec<Option<QuoteSpan>> {
    let at =
        |paragraph, start: usize, len: usize| QuoteSpan { paragraph, range: start..start + len };
    let quote_bytes = patterns.iter().map(|p| p.as_ref().len()).sum();
    let body_bytes = paragraphs.iter().map(String::len).sum();
    if one_by_one(patterns.len(), quote_bytes, body_bytes) {
        return patterns
            .iter()
            .map(|p| {
                let needle = p.as_ref().as_bytes();
                let rare = rarest(needle);
                paragraphs.iter().enumerate().find_map(|(i, text)| {
                    find(text.as_bytes(), needle, rare).map(|start| at(i, start, needle.len()))
                })
            })
            .collect();
    }
    let mut found: Vec<Option<QuoteSpan>> = vec![None; patterns.len()];
    // A contiguous NFA, not the DFA `AhoCorasick::new` picks for a few patterns: a section's
    // paragraphs are searched once, and building the DFA cost more than that search (a third
    // of loading a 10 MB briefing went to building searchers).
    let searcher = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(patterns.iter().map(AsRef::as_ref));
    let Ok(searcher) = searcher else {
        // Too many patterns for the searcher (it never is under the file size cap): one by one.
        return patterns
            .chunks(ONE_BY_ONE)
            .flat_map(|chunk| find_each(paragraphs, chunk))
            .collect();
    };
    let mut left = patterns.len();
    for (i, text) in paragraphs.iter().enumerate() {
        // Overlapping, so a quote inside another is found too; a pattern's first match ends
        // first, so it also starts first.
        for m in searcher.find_overlapping_iter(text.as_str()) {
            let slot = &mut found[m.pattern().as_usize()];
            if slot.is_none() {
                *slot = Some(at(i, m.start(), m.len()));
                left -= 1;
                if left == 0 {
                    return found;
                }
            }
        }
    }
    found
}

/// Where `needle` first occurs in `hay`, looking for the byte of it at `rare` and comparing
/// only where that byte is. Quotes are short and paragraphs a few hundred bytes: a rare byte
/// finds the few places worth comparing for much less than a full searcher costs to build.
fn find(hay: &[u8], needle: &[u8], rare: usize) -> Option<usize> {
    let byte = needle[rare];
    // Where `byte` stands in the haystack for a match starting at 0.
    let mut from = rare;
    while let Some(offset) = memchr::memchr(byte, hay.get(from..)?) {
        let start = from + offset - rare;
        if hay[start..].starts_with(needle) {
            return Some(start);
        }
        from += offset + 1;
    }
    None
}

/// Which byte of `needle` is likely the rarest in prose: the first that is neither a space
/// nor a lowercase ASCII letter (a capital, a digit, punctuation, non-ASCII), else its least
/// common letter.
fn rarest(needle: &[u8]) -> usize {
    let mut rarest = (u8::MAX, 0);
    for (i, &b) in needle.iter().enumerate() {
        let commonness = match b {
            b' ' => u8::MAX,
            b'a'..=b'z' => LETTER_COMMONNESS[usize::from(b - b'a')],
            _ => return i,
        };
        if commonness < rarest.0 {
            rarest = (commonness, i);
        }
    }
    rarest.1
}

/// How common each of `a` to `z` is in English text: 26 for `e` down to 1 for `z`.
const LETTER_COMMONNESS: [u8; 26] = {
    let by_frequency = b"etaoinsrhldcumfpgwybvkxjqz";
    let mut table = [0; 26];
    let mut i = 0;
    while i < 26 {
        table[(by_frequency[i] - b'a') as usize] = 26 - i as u8;
        i += 1;
    }
    table
};

/// `[a-z0-9][a-z0-9-]{0,63}`.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    let allowed = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-';
    !bytes.is_empty() && bytes.len() <= 64 && bytes[0] != b'-' && bytes.iter().all(allowed)
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: Range<usize>| {
        text.get(r)
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
    };
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("a"));
        assert!(is_valid_id("llm-count-2"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("A"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id(&"a".repeat(65)));
        assert!(is_valid_id(&"a".repeat(64)));
    }

    #[test]
    fn dates() {
        assert!(is_date("2024-01-15"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2024-13-01"));
        assert!(!is_date("2024-1-15"));
        assert!(!is_date("２０２４-01-15"));
    }

    #[test]
    fn rarest_prefers_capitals_then_rare_letters() {
        assert_eq!(rarest(b"the Kunpeng chip"), 4);
        assert_eq!(rarest(b"eaten quiz"), 9);
        assert_eq!(rarest(b"e"), 0);
    }

    proptest! {
        /// The multi-pattern search finds what searching for each pattern alone finds.
        #[test]
        fn find_each_agrees_with_one_by_one(
            paragraphs in proptest::collection::vec("[ab .]{0,30}", 1..4),
            patterns in proptest::collection::vec("[ab .]{1,4}", 9..20),
        ) {
            let one_by_one: Vec<Option<QuoteSpan>> = patterns
                .chunks(1)
                .flat_map(|p| find_each(&paragraphs, p))
                .collect();
            prop_assert_eq!(find_each(&paragraphs, &patterns), one_by_one);
        }

        #[test]
        fn find_agrees_with_a_plain_search(
            hay in proptest::collection::vec(proptest::sample::select(&b"ab A."[..]), 0..40),
            needle in proptest::collection::vec(proptest::sample::select(&b"ab A."[..]), 1..5),
        ) {
            let expected = hay.windows(needle.len()).position(|w| w == needle.as_slice());
            prop_assert_eq!(find(&hay, &needle, rarest(&needle)), expected);
        }
    }
}
