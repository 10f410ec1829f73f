//! `export --format md`: the whole briefing as Markdown, with the user's notes under their
//! claims when asked for. Owns the layout (see `export.rs`) and the escaping that keeps text
//! from changing the document's structure; must not print or read anything.
//!
//! Briefing text is plain, not Markdown, but it is not escaped as a whole: only a character
//! that would open a block (a heading, list, quote, fence, HTML block, link definition, rule or
//! table row) at the start of a line, a heading's closing `#`s, and every `<` (so no HTML in
//! the text is live) are backslash-escaped. Inline markup (`*`, `_`, `` ` ``, links) is left
//! as it is: it can change how a line looks, never what block it is in.

use std::collections::HashMap;

use crate::briefing::{Briefing, Claim, ClaimIx, Consistency, FactorIx, ParagraphKind};
use crate::notes::{Note, Notebook, Standing};
use crate::{sanitize, text};

/// The briefing as Markdown, with `notes` (stances, notes, orphans) when given.
pub fn render(b: &Briefing, notes: Option<&Notebook>) -> String {
    let standings = notes.map(|book| book.standings(b)).unwrap_or_default();
    let mut on_claim: HashMap<ClaimIx, (&Note, bool)> = HashMap::new();
    let mut orphans = Vec::new();
    for (note, standing) in standings {
        match standing {
            Standing::Current(c) => {
                on_claim.insert(c, (note, false));
            }
            Standing::Changed(c) => {
                on_claim.insert(c, (note, true));
            }
            Standing::Orphaned => orphans.push(note),
        }
    }

    let own = notes
        .map(|book| crate::notes::own::claim_standings(b, &book.own_claims))
        .unwrap_or_default();
    let mut md = Md::default();
    md.para(&format!("# {}", heading(&b.title)));
    if let Some(subtitle) = &b.subtitle {
        md.para(&format!("*{}*", inline(subtitle)));
    }
    let byline: Vec<String> =
        [&b.source, &b.published].into_iter().flatten().map(|t| inline(t)).collect();
    if !byline.is_empty() {
        md.para(&lead(&byline.join(" · ")));
    }
    for paragraph in &b.summary {
        md.para(&lead(&inline(paragraph)));
    }

    for (i, section) in b.sections.iter().enumerate() {
        md.para(&format!("## {}. {}", i + 1, heading(&section.title)));
        for (p, paragraph) in section.paragraphs.iter().enumerate() {
            match section.kind(p) {
                ParagraphKind::Text => md.para(&lead(&inline(paragraph))),
                ParagraphKind::Heading => md.para(&format!("### {}", heading(paragraph))),
                ParagraphKind::Pre => md.para(&fenced(paragraph)),
            }
        }
        if !section.claims.is_empty() {
            md.para("### Claims");
            for &c in &section.claims {
                if let Some(claim) = b.claims.get(c.0) {
                    self::claim(&mut md, b, claim, on_claim.get(&c).copied());
                    if let Some(book) = notes {
                        own_answers(&mut md, book, &claim.id);
                    }
                }
            }
        }
        if let Some(book) = notes {
            let here =
                own.iter().filter(|(_, a)| a.place.as_ref().is_some_and(|p| p.section.0 == i));
            own_claims(&mut md, (book, None), here, "### Your claims");
        }
        let factors: Vec<FactorIx> =
            section.factors.iter().copied().filter(|f| f.0 < b.factors.len()).collect();
        if !factors.is_empty() {
            md.para("### Future factors");
            for f in factors {
                let factor = &b.factors[f];
                let question = factor
                    .question
                    .as_deref()
                    .map(|q| format!(": {}", inline(q)))
                    .unwrap_or_default();
                md.para(&format!("- **{}**{question}", inline(&factor.title)));
            }
        }
    }

    hypotheses(&mut md, b);
    if !b.factors.is_empty() {
        md.para("## Future factors");
        for factor in &b.factors {
            md.para(&format!("### {}", heading(&factor.title)));
            if let Some(question) = &factor.question {
                md.para(&format!("*{}*", inline(question)));
            }
            md.para(&lead(&inline(&factor.text)));
            if !factor.indicators.is_empty() {
                md.para("**Indicators to watch:**");
                for indicator in &factor.indicators {
                    let by = by_line(indicator.by.as_deref());
                    md.para(&format!("- {}{by}", lead(&inline(&indicator.text))));
                }
            }
            let sections: Vec<String> = factor
                .sections
                .iter()
                .filter_map(|&s| {
                    b.sections.get(s.0).map(|sec| format!("{s}. {}", inline(&sec.title)))
                })
                .collect();
            if !sections.is_empty() {
                md.para(&format!("**Bears on sections:** {}", sections.join("; ")));
            }
            let claims: Vec<&Claim> =
                factor.claims.iter().filter_map(|&c| b.claims.get(c.0)).collect();
            if !claims.is_empty() {
                md.para("**Bears on claims:**");
                for claim in claims {
                    md.para(&format!(
                        "- {} *(section {})*",
                        lead(&inline(&claim.text)),
                        claim.section
                    ));
                }
            }
        }
    }

    if !orphans.is_empty() {
        md.para("## Orphaned notes");
        md.para(
            "Notes on claims that are no longer in the briefing, each under the claim as it read \
             when the note was written.",
        );
        for note in orphans {
            let id = code_span(&sanitize::single_line(&note.claim));
            md.para(&format!("- {} *(claim {id})*", lead(&inline(&note.claim_text))));
            annotation(&mut md, note, None);
        }
    }
    if let Some(book) = notes {
        let orphaned = own.iter().filter(|(_, a)| a.place.is_none());
        own_claims(&mut md, (book, None), orphaned, "## Your claims whose passage is gone");
        marks(&mut md, b, book, "## Your marks");
        yours(&mut md, b, book);
    }
    // Every string above went through `sanitize`; this pass guards the whole, and is a no-op
    // (borrowed, not copied) when nothing needs it.
    sanitize::multi_line(md.0.trim_end()).into_owned() + "\n"
}

/// Your own claims (those given) under `title`, each marked as yours, with its kind, its
/// passage, your counterpoints to it and your judgement of it; nothing when there are none.
fn own_claims<'a>(
    md: &mut Md,
    (book, sections): (&Notebook, Option<&Briefing>),
    claims: impl Iterator<Item = &'a (&'a crate::notes::OwnClaim, crate::notes::anchor::Anchored)>,
    title: &str,
) {
    let mut titled = false;
    for (claim, anchored) in claims {
        if !std::mem::replace(&mut titled, true) {
            md.para(title);
        }
        let mut about = vec!["yours".to_string()];
        about.extend(claim.kind.map(|k| k.name().to_string()));
        if let Some(b) = sections
            && let Some(p) = &anchored.place
        {
            about.push(format!("§{} {}", p.section, inline(&b.sections[p.section.0].title)));
        }
        if anchored.standing != crate::notes::anchor::Standing::Current {
            about.push(crate::notes::standing_name(anchored.standing).to_string());
        }
        md.para(&format!("- {} *({})*", lead(&inline(&claim.text)), about.join("; ")));
        md.para(&format!("  > {}", lead(&inline(&claim.exact))));
        own_answers(md, book, &claim.id);
        if let Some(note) = book.notes.get(&claim.id) {
            annotation(md, note, None);
        }
    }
}

/// A claim by id as `briefing notes` names it: its text (the author's or your own), or its id
/// when it is gone.
fn claim_named(b: &Briefing, book: &Notebook, id: &str) -> String {
    let text = b.claims.iter().find(|c| c.id == id).map(|c| c.text.as_str());
    match text.or_else(|| book.own_claims.get(id).map(|c| c.text.as_str())) {
        Some(text) => inline(text),
        None => format!("{} *(gone)*", code_span(&sanitize::single_line(id))),
    }
}

/// Your own counterpoints to the claim `id`, under it.
fn own_answers(md: &mut Md, book: &Notebook, id: &str) {
    for cp in crate::notes::own::answering(&book.own_counterpoints, id) {
        md.para(&format!("  - **Your counterpoint:** {}", inline(&cp.text)));
    }
}

/// Your ratings in the matrix and your observations on indicators, each part only when
/// there are some; orphaned ones kept and said to be.
fn yours(md: &mut Md, b: &Briefing, book: &Notebook) {
    if !book.ratings.is_empty() {
        md.para("## Your ratings");
        md.para(
            "How consistent you judge each item with each hypothesis; yours take the author's \
             place in the matrix.",
        );
        for r in crate::notes::ratings::standings(b, &book.ratings) {
            let id = code_span(&sanitize::single_line(&r.key.item));
            let what = format!("{} {id}", r.key.kind.name());
            let under = match r.hypothesis_title {
                Some(title) => format!("*{}*", inline(title)),
                None => code_span(&sanitize::single_line(&r.key.hypothesis)),
            };
            let text = r.text.map(|t| lead(&inline(t))).unwrap_or_default();
            let why = r.standing.why().map(|w| format!("orphaned, {w}; ")).unwrap_or_default();
            md.para(&format!(
                "- **{}** ({}) under {under}: {text} *({why}{what})*",
                r.consistency.name(),
                r.consistency.meaning()
            ));
        }
    }
    if !book.observations.is_empty() {
        md.para("## Your observations");
        let mut at = None;
        for (o, place) in crate::notes::observations::standings(b, &book.observations) {
            if at != Some(place) {
                match place {
                    Some((f, i)) => {
                        if at.flatten().map(|(g, _)| g) != Some(f) {
                            md.para(&format!("### {}", heading(&b.factors[f].title)));
                        }
                        let indicator = &b.factors[f].indicators[i].text;
                        md.para(&format!("- {}", lead(&inline(indicator))));
                    }
                    None => {
                        md.para("### Orphaned observations");
                        md.para("Their indicators are no longer in the briefing.");
                    }
                }
                at = Some(place);
            }
            let on = match place {
                Some(_) => String::new(),
                None => format!(" *(on {})*", code_span(&sanitize::single_line(&o.indicator))),
            };
            md.para(&format!("  - {}: {}{on}", o.minute(), inline(&o.one_line())));
        }
    }
}

/// The hypotheses, each with the claims and counterpoints rated for or against it (file
/// order, claims first); neutral and unrated items are counted, not listed.
fn hypotheses(md: &mut Md, b: &Briefing) {
    if b.hypotheses.is_empty() {
        return;
    }
    md.para("## Hypotheses");
    md.para(
        "How consistent each claim and counterpoint is with each hypothesis, on Heuer's scale: \
         CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent.",
    );
    for (h, hypothesis) in b.hypothesis_ixs().zip(&b.hypotheses) {
        let by = by_line(hypothesis.by.as_deref());
        md.para(&format!("### {}{by}", heading(&hypothesis.title)));
        md.para(&lead(&inline(&hypothesis.text)));
        let claims = b.claims.iter().map(|c| (c.rating(h), "claim", &c.text));
        let counterpoints =
            b.counterpoints.iter().map(|cp| (cp.rating(h), "counterpoint", &cp.text));
        let (mut neutral, mut unrated) = (0, 0);
        for (rating, what, text) in claims.chain(counterpoints) {
            match rating {
                None => unrated += 1,
                Some(Consistency::Neutral) => neutral += 1,
                Some(r) => md.para(&format!(
                    "- **{}** ({}): {} *({what})*",
                    r.name(),
                    r.meaning(),
                    lead(&inline(text))
                )),
            }
        }
        let mut rest = vec![format!("N (neutral): {neutral}")];
        if unrated > 0 {
            rest.push(format!("not rated: {unrated}"));
        }
        md.para(&format!("*{}.*", rest.join("; ")));
    }
}

/// ` *(who)*` after an item, or nothing.
fn by_line(by: Option<&str>) -> String {
    by.map(|by| format!(" *({})*", inline(by))).unwrap_or_default()
}

/// The marks under `title`: each passage quoted under its section (reading order), with
/// label, stance, standing and note; orphaned marks last, their passage as it read.
fn marks(md: &mut Md, b: &Briefing, book: &Notebook, title: &str) {
    if book.marks.is_empty() {
        return;
    }
    md.para(title);
    let mut section = None;
    let mut orphans_started = false;
    for (mark, anchored) in book.mark_standings(b) {
        match &anchored.place {
            Some(place) if section != Some(place.section) => {
                section = Some(place.section);
                if let Some(s) = b.sections.get(place.section.0) {
                    md.para(&format!("### {}. {}", place.section, heading(&s.title)));
                }
            }
            None if !orphans_started => {
                orphans_started = true;
                md.para("### Orphaned marks");
                md.para("Their passages are no longer in the briefing; each is shown as it read.");
            }
            _ => {}
        }
        md.para(&format!("- > {}", lead(&inline(&mark.exact))));
        md.para(&format!("  *{}*", crate::notes::mark_facts(mark, anchored.standing)));
        annotation(md, &mark.as_note(), None);
    }
}

/// Only the user's notes (`briefing notes`): under each section that has any, each annotated
/// claim with its quote, stance and note; orphaned notes last.
/// `briefing notes --all`: each briefing's notes under its title, each note with its claim's
/// text as it was when the note was written.
pub fn notes_across(groups: &[super::BriefingNotes], filters: &str) -> String {
    let mut md = Md::default();
    md.para("# Notes across briefings");
    let count: usize = groups.iter().map(|g| g.notes.len()).sum();
    let briefings = groups.iter().filter(|g| !g.notes.is_empty()).count();
    let what = if filters.is_empty() { String::new() } else { format!(" ({})", inline(filters)) };
    md.para(&format!("{count} note(s) in {briefings} briefing(s){what}."));
    for group in groups.iter().filter(|g| !g.notes.is_empty()) {
        let id = code_span(&sanitize::single_line(&group.id));
        match &group.title {
            Some(title) => md.para(&format!("## {} {id}", heading(title))),
            None => md.para(&format!("## {id} *(not in the library)*")),
        }
        for note in &group.notes {
            let claim = code_span(&sanitize::single_line(&note.claim));
            md.para(&format!("- {} *(claim {claim})*", lead(&inline(&note.claim_text))));
            annotation(&mut md, note, None);
            let tags = note.tags();
            if !tags.is_empty() {
                let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
                md.para(&format!("  **Tags:** {}", inline(&tags.join(" "))));
            }
        }
    }
    sanitize::multi_line(md.0.trim_end()).into_owned() + "\n"
}

pub fn notes(b: &Briefing, book: &Notebook) -> String {
    let mut md = Md::default();
    md.para(&format!("# Notes: {}", heading(&b.title)));
    let standings = book.standings(b);
    if standings.is_empty()
        && book.marks.is_empty()
        && book.ratings.is_empty()
        && book.observations.is_empty()
    {
        md.para("No notes yet.");
    }
    let mut section = None;
    let mut orphans_started = false;
    for (note, standing) in standings {
        match standing {
            Standing::Current(c) | Standing::Changed(c) => {
                let claim = &b.claims[c];
                if section != Some(claim.section) {
                    section = Some(claim.section);
                    let title = &b.sections[claim.section].title;
                    md.para(&format!("## {}. {}", claim.section, heading(title)));
                }
                md.para(&format!("- {}", lead(&inline(&claim.text))));
                if let Some(quote) = &claim.quote {
                    md.para(&format!("  > {}", lead(&inline(quote))));
                }
                let changed = matches!(standing, Standing::Changed(_));
                annotation(&mut md, note, changed.then_some(note.claim_text.as_str()));
            }
            Standing::Orphaned => {
                if !std::mem::replace(&mut orphans_started, true) {
                    md.para("## Orphaned notes");
                    md.para(
                        "Their claims are no longer in the briefing; each is shown as it read.",
                    );
                }
                let id = code_span(&sanitize::single_line(&note.claim));
                md.para(&format!("- {} *(claim {id})*", lead(&inline(&note.claim_text))));
                annotation(&mut md, note, None);
            }
        }
    }
    let own = crate::notes::own::claim_standings(b, &book.own_claims);
    own_claims(&mut md, (book, Some(b)), own.iter(), "## Your claims");
    if !book.own_counterpoints.is_empty() {
        md.para("## Your counterpoints");
        for cp in book.own_counterpoints.values() {
            md.para(&format!("- {}", lead(&inline(&cp.text))));
            for id in &cp.claims {
                md.para(&format!("  - *answers:* {}", claim_named(b, book, id)));
            }
        }
    }
    marks(&mut md, b, book, "## Marks");
    yours(&mut md, b, book);
    sanitize::multi_line(md.0.trim_end()).into_owned() + "\n"
}

/// One claim as a list item: text and kind, its quote, the counterpoints, the user's note.
fn claim(md: &mut Md, b: &Briefing, claim: &Claim, note: Option<(&Note, bool)>) {
    let about: Vec<String> = claim
        .kind
        .map(|k| k.name().to_string())
        .into_iter()
        .chain(claim.estimate().words())
        .collect();
    let kind = if about.is_empty() { String::new() } else { format!(" *({})*", about.join("; ")) };
    md.para(&format!("- {}{kind}", lead(&inline(&claim.text))));
    if let Some(quote) = &claim.quote {
        md.para(&format!("  > {}", lead(&inline(quote))));
    }
    for cp in claim.counterpoints.iter().filter_map(|&cp| b.counterpoints.get(cp.0)) {
        let by = cp.by.as_deref().map(|by| format!(" ({})", inline(by))).unwrap_or_default();
        md.para(&format!("  - **Counterpoint**{by}: {}", inline(&cp.text)));
    }
    if let Some((note, changed)) = note {
        annotation(md, note, changed.then_some(note.claim_text.as_str()));
    }
}

/// The user's stance and note, indented into the claim's list item. `changed_from` is the
/// claim's old text when it changed since the note was written.
fn annotation(md: &mut Md, note: &Note, changed_from: Option<&str>) {
    if let Some(was) = changed_from {
        md.para(&format!(
            "  *The claim changed since your note was written; it read:* “{}”",
            inline(was)
        ));
    }
    if let Some(stance) = note.stance {
        md.para(&format!("  **Your stance:** {}", stance.name()));
    }
    if let Some(estimate) = note.estimate().words() {
        md.para(&format!("  **Your estimate:** {estimate}"));
    }
    let quoted = quote_lines(&note.note);
    if !quoted.is_empty() {
        md.para("  **Your note:**");
        md.para(&quoted.iter().map(|l| format!("  >{l}")).collect::<Vec<_>>().join("\n"));
    }
}

/// The lines of a note as blockquote content (without the `>`): line breaks become hard
/// breaks, runs of blank lines one paragraph break, leading and trailing spaces go.
fn quote_lines(note: &str) -> Vec<String> {
    let safe = sanitize::multi_line(note);
    let lines: Vec<&str> = safe.split('\n').map(|l| l.trim_matches(' ')).collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            if out.last().is_some_and(|l: &String| !l.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        let mut quoted = format!(" {}", lead(&no_html(line)));
        if lines.get(i + 1).is_some_and(|next| !next.is_empty()) {
            // A trailing backslash would escape the break's own backslash.
            if quoted.ends_with('\\') {
                quoted.push('\\');
            }
            quoted.push('\\');
        }
        out.push(quoted);
    }
    if out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// A field shown on one line: made safe, line breaks and runs of spaces folded, ends trimmed,
/// and kept from reading as HTML.
fn inline(text: &str) -> String {
    no_html(&text::fold(&sanitize::single_line(text)))
}

/// `text` with every `<` escaped, so no tag, comment or autolink in it is live: briefings come
/// from articles nobody vetted, and most renderers pass raw HTML through.
fn no_html(text: &str) -> String {
    text.replace('<', "\\<")
}

/// A preformatted paragraph as a fenced code block, its lines as they are: a fence longer than
/// any run of backticks in it, so nothing inside can close it (and nothing inside is live
/// HTML or markup).
fn fenced(pre: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in pre.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{pre}\n{fence}")
}

/// `line` with the character that would open a Markdown block at the start of a line escaped.
fn lead(line: &str) -> String {
    let Some(first) = line.chars().next() else {
        return String::new();
    };
    if matches!(first, '#' | '>' | '-' | '+' | '*' | '=' | '_' | '`' | '~' | '<' | '[' | '|' | ':')
    {
        return format!("\\{line}");
    }
    // An ordered-list marker: up to nine digits and `.` or `)`.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_string()
}

/// A heading's text: `lead`, and a trailing run of `#` kept from reading as a closing sequence.
fn heading(text: &str) -> String {
    let mut out = lead(&inline(text));
    let kept = out.trim_end_matches('#').len();
    if kept < out.len() && out[..kept].ends_with(' ') {
        out.insert(kept, '\\');
    }
    out
}

/// `text` as a code span, fenced with more backticks than it holds in a row.
fn code_span(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The document being built: blocks separated by one blank line.
#[derive(Default)]
struct Md(String);

impl Md {
    /// Appends a block (one or more lines) and the blank line that ends it.
    fn para(&mut self, block: &str) {
        self.0.push_str(block);
        self.0.push_str("\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_openers_are_escaped_at_the_start_only() {
        assert_eq!(lead("# not a heading"), "\\# not a heading");
        assert_eq!(lead("> not a quote"), "\\> not a quote");
        assert_eq!(lead("- not a list"), "\\- not a list");
        assert_eq!(lead("1. not a list"), "1\\. not a list");
        assert_eq!(lead("2024) not a list"), "2024\\) not a list");
        assert_eq!(
            lead("1234567890. too long to be a marker"),
            "1234567890. too long to be a marker"
        );
        assert_eq!(lead("In 2024. # fine"), "In 2024. # fine");
        assert_eq!(lead("```"), "\\```");
        assert_eq!(lead("<!-- hidden"), "\\<!-- hidden");
        assert_eq!(lead("[x]: /url"), "\\[x]: /url");
        assert_eq!(lead(""), "");
    }

    #[test]
    fn html_is_never_live() {
        assert_eq!(inline("a <b>bold</b> <!-- c -->"), "a \\<b>bold\\</b> \\<!-- c -->");
        assert_eq!(quote_lines("<div>\nx <img src=y>"), [" \\<div>\\", " x \\<img src=y>"]);
    }

    #[test]
    fn heading_keeps_its_closing_hashes() {
        assert_eq!(heading("Learn C #"), "Learn C \\#");
        assert_eq!(heading("Notes ##"), "Notes \\##");
        assert_eq!(heading("C#"), "C#");
        assert_eq!(heading("###"), "\\###");
        assert_eq!(heading(" spaced \n title "), "spaced title");
    }

    #[test]
    fn note_lines_keep_breaks_and_paragraphs() {
        let lines = quote_lines("  first\nsecond \\\n# third\n\n\n\nlast\n\n");
        assert_eq!(lines, [" first\\", " second \\\\\\", " \\# third", "", " last"]);
        assert!(quote_lines("\n \n").is_empty());
    }

    #[test]
    fn code_span_outfences_backticks() {
        assert_eq!(code_span("id"), "`id`");
        assert_eq!(code_span("a``b"), "```a``b```");
        assert_eq!(code_span("`x"), "`` `x ``");
    }
}
