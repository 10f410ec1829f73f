//! `export --format text`: the plain rendering, and with notes a "Your notes" part in the same
//! plain style. Owns that part's layout; must not change the plain rendering itself, which
//! belongs to `plain.rs` (piped stdout and this export stay one and the same).

use crate::briefing::Briefing;
use crate::export::plain::{self, WIDTH};
use crate::notes::{Note, Notebook, Standing};
use crate::sanitize;
use crate::text::{self, width};

/// [`plain::render`], followed by the notes part when `notes` is given.
pub fn render(b: &Briefing, notes: Option<&Notebook>) -> String {
    let mut out = plain::render(b);
    if let Some(book) = notes {
        out.push('\n');
        out.push_str(&notes_part(b, book));
        if !book.own_claims.is_empty() || !book.own_counterpoints.is_empty() {
            out.push('\n');
            out.push_str(&own_part(b, book));
        }
        if !book.marks.is_empty() {
            out.push('\n');
            out.push_str(&marks_part(b, book));
        }
        if !book.ratings.is_empty() || !book.observations.is_empty() {
            out.push('\n');
            out.push_str(&yours_part(b, book));
        }
    }
    // A loaded briefing is sanitized, so this is a no-op (borrowed) for it; it guards one
    // built some other way, and the user's raw note text.
    sanitize::multi_line(&out).into_owned()
}

/// "Your notes": each note under its section and claim, in claim order, orphans last.
fn notes_part(b: &Briefing, book: &Notebook) -> String {
    let mut out = String::new();
    heading(&mut out, "Your notes");
    let standings = book.standings(b);
    if standings.is_empty() {
        out.push_str("No notes yet.\n");
        return out;
    }
    let mut section = None;
    let mut orphans_started = false;
    for (note, standing) in standings {
        match standing {
            Standing::Current(c) | Standing::Changed(c) => {
                let Some(claim) = b.claims.get(c.0) else { continue };
                if section != Some(claim.section) {
                    section = Some(claim.section);
                    if let Some(s) = b.sections.get(claim.section.0) {
                        wrapped(&mut out, &format!("{}. {}", claim.section, s.title), "", "   ");
                    }
                }
                wrapped(&mut out, &inline(&claim.text), "  - ", "    ");
                if matches!(standing, Standing::Changed(_)) {
                    let was = inline(&note.claim_text);
                    let line =
                        format!("The claim changed since this note was written; it read: “{was}”");
                    wrapped(&mut out, &line, "    ", "    ");
                }
            }
            Standing::Orphaned => {
                if !orphans_started {
                    orphans_started = true;
                    if !out.ends_with("\n\n") {
                        out.push('\n');
                    }
                    wrapped(
                        &mut out,
                        "Orphaned notes: their claims are no longer in the briefing",
                        "",
                        "",
                    );
                }
                let line = format!("{} [claim {}]", inline(&note.claim_text), inline(&note.claim));
                wrapped(&mut out, &line, "  - ", "    ");
            }
        }
        annotation(&mut out, note);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// "Your marks": each marked passage under its section, in reading order, with its label,
/// stance, standing and note; orphaned marks last, their passage as it read.
fn marks_part(b: &Briefing, book: &Notebook) -> String {
    let mut out = String::new();
    heading(&mut out, "Your marks");
    let mut section = None;
    let mut orphans_started = false;
    for (mark, anchored) in book.mark_standings(b) {
        match &anchored.place {
            Some(place) if section != Some(place.section) => {
                section = Some(place.section);
                if let Some(s) = b.sections.get(place.section.0) {
                    wrapped(&mut out, &format!("{}. {}", place.section, s.title), "", "   ");
                }
            }
            Some(_) => {}
            None if !orphans_started => {
                orphans_started = true;
                wrapped(
                    &mut out,
                    "Orphaned marks: their passages are no longer in the briefing",
                    "",
                    "",
                );
            }
            None => {}
        }
        wrapped(&mut out, &format!("“{}”", inline(&mark.exact)), "  - ", "    ");
        out.push_str(&format!("    {}\n", crate::notes::mark_facts(mark, anchored.standing)));
        annotation(&mut out, &mark.as_note());
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// "Your claims and counterpoints": each claim of yours under its section (reading order),
/// marked as yours, with its passage, your counterpoints to it and your judgement; those whose
/// passage is gone last; then every counterpoint of yours with the claims it answers.
fn own_part(b: &Briefing, book: &Notebook) -> String {
    use crate::notes::anchor::Standing as Anchoring;
    let mut out = String::new();
    heading(&mut out, "Your claims and counterpoints");
    let mut section = None;
    for (claim, anchored) in crate::notes::own::claim_standings(b, &book.own_claims) {
        let here = anchored.place.as_ref().map(|p| p.section);
        if section != Some(here) {
            section = Some(here);
            match here.and_then(|s| b.sections.get(s.0).map(|sec| (s, sec))) {
                Some((s, sec)) => {
                    wrapped(&mut out, &inline(&format!("{s}. {}", sec.title)), "", "   ")
                }
                None => wrapped(&mut out, "Their passages are no longer in the briefing", "", ""),
            }
        }
        let mut about = vec!["yours".to_string()];
        about.extend(claim.kind.map(|k| k.name().to_string()));
        if anchored.standing != Anchoring::Current {
            about.push(crate::notes::standing_name(anchored.standing).to_string());
        }
        let line = format!("{} [{}]", inline(&claim.text), about.join(", "));
        wrapped(&mut out, &line, "  - ", "    ");
        wrapped(&mut out, &format!("“{}”", inline(&claim.exact)), "    ", "     ");
        if let Some(note) = book.notes.get(&claim.id) {
            annotation(&mut out, note);
        }
        out.push('\n');
    }
    if !book.own_counterpoints.is_empty() {
        wrapped(&mut out, "Your counterpoints", "", "");
        for cp in book.own_counterpoints.values() {
            wrapped(&mut out, &inline(&cp.text), "  - ", "    ");
            for id in &cp.claims {
                let text = b.claims.iter().find(|c| c.id == *id).map(|c| c.text.as_str());
                let named = match text.or_else(|| book.own_claims.get(id).map(|c| c.text.as_str()))
                {
                    Some(text) => inline(text),
                    None => format!("{} (gone)", inline(id)),
                };
                wrapped(&mut out, &format!("answers: {named}"), "    ", "      ");
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// "Your ratings" and "Your observations", each only when there are some; orphaned ones
/// kept and said to be.
fn yours_part(b: &Briefing, book: &Notebook) -> String {
    let mut out = String::new();
    if !book.ratings.is_empty() {
        heading(&mut out, "Your ratings");
        for r in crate::notes::ratings::standings(b, &book.ratings) {
            let under = r.hypothesis_title.unwrap_or(&r.key.hypothesis);
            let (name, meaning) = (r.consistency.name(), r.consistency.meaning());
            wrapped(&mut out, &format!("{name} ({meaning}) under {}", inline(under)), "  ", "    ");
            let text = match r.text {
                Some(text) => inline(text),
                None => format!("{} {}", r.key.kind.name(), inline(&r.key.item)),
            };
            wrapped(&mut out, &text, "    ", "    ");
            if let Some(why) = r.standing.why() {
                out.push_str(&format!("    orphaned: {why}\n"));
            }
        }
        out.push('\n');
    }
    if !book.observations.is_empty() {
        heading(&mut out, "Your observations");
        let mut at = None;
        for (o, place) in crate::notes::observations::standings(b, &book.observations) {
            if at != Some(place) {
                match place {
                    Some((f, i)) => {
                        let factor = &b.factors[f];
                        let on = format!("{}: {}", factor.title, factor.indicators[i].text);
                        wrapped(&mut out, &inline(&on), "  ", "    ");
                    }
                    None => {
                        out.push_str("  Orphaned: their indicators are no longer in the briefing\n")
                    }
                }
                at = Some(place);
            }
            let text = format!("{}: {}", o.minute(), inline(&o.one_line()));
            wrapped(&mut out, &text, "    ", "      ");
            if place.is_none() {
                out.push_str(&format!("      (on {})\n", inline(&o.indicator)));
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The stance and the note, indented under the claim; the note's line breaks are kept and
/// each of its lines wrapped.
fn annotation(out: &mut String, note: &Note) {
    if let Some(stance) = note.stance {
        out.push_str(&format!("    Stance: {}\n", stance.name()));
    }
    if let Some(estimate) = note.estimate().words() {
        out.push_str(&format!("    Estimate: {estimate}\n"));
    }
    let safe = sanitize::multi_line(&note.note);
    let body = safe.trim_matches(|c| c == '\n' || c == ' ');
    if body.is_empty() {
        return;
    }
    out.push_str("    Note:\n");
    for line in body.split('\n') {
        let line = text::fold(line);
        if line.is_empty() {
            out.push('\n');
        } else {
            wrapped(out, &line, "      ", "      ");
        }
    }
}

/// A part heading, underlined like plain's section headings.
fn heading(out: &mut String, title: &str) {
    out.push_str(title);
    out.push('\n');
    out.push_str(&"-".repeat(width(title).clamp(1, WIDTH)));
    out.push_str("\n\n");
}

/// A one-line field: made safe, whitespace folded.
fn inline(text: &str) -> String {
    text::fold(&sanitize::single_line(text))
}

/// Wraps folded `text` to the page, with a prefix on the first line and an indent on the rest.
fn wrapped(out: &mut String, text: &str, first: &str, rest: &str) {
    let indent = width(first).max(width(rest));
    let mut prefix = first;
    for range in text::wrap(text, WIDTH.saturating_sub(indent).max(20)) {
        out.push_str(prefix);
        out.push_str(&text[range]);
        out.push('\n');
        prefix = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{Change, Edit, Stance};

    fn fixture() -> Briefing {
        let text = include_str!("../../tests/fixtures/valid/full.toml");
        crate::briefing::check_text(std::path::Path::new("full.toml"), text).briefing.unwrap()
    }

    #[test]
    fn no_notes_says_so() {
        let out = render(&fixture(), Some(&Notebook::default()));
        assert!(out.ends_with("Your notes\n----------\n\nNo notes yet.\n"), "{out}");
    }

    #[test]
    fn a_note_keeps_its_lines_under_its_claim() {
        let b = fixture();
        let mut book = Notebook::default();
        let claim_text = b.claims[0].text.clone();
        for edit in
            [Edit::SetNote("one\n\n  two\u{1b}[2J".into()), Edit::SetStance(Some(Stance::Unsure))]
        {
            book.apply(Change { claim: "thing".into(), claim_text: claim_text.clone(), edit });
        }
        let out = render(&b, Some(&book));
        let part = out.split("Your notes\n----------\n\n").nth(1).unwrap();
        assert_eq!(
            part,
            "1. One\n  - It says a thing.\n    Stance: unsure\n    Note:\n      one\n\n      two^[[2J\n"
        );
    }
}
