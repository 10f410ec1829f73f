//! The review walk (`R`) over the panes: the claim, what the author and you say of it, the
//! paragraph its quote is in (the quote highlighted), the counterpoints that answer it and the
//! factors it bears on; after the last claim, the summary of your judgements by factor and by
//! hypothesis. Scrolls when it does not fit; the keys are in its bottom border.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::list;
use crate::briefing::{ClaimIx, ParagraphKind};
use crate::notes::review::{Summary, claims};
use crate::sanitize;
use crate::text;
use crate::tui::app::{Action, App, Mode, ReviewView};
use crate::tui::keymap;
use crate::tui::theme::Theme;

/// The widest the walk gets: lines of text a reader takes in at once.
const WIDEST: u16 = 90;

/// The walk's frame (the screen but the status bar, which says what a key changed; centred, at
/// most `WIDEST` wide) and inside.
fn area(screen: Rect) -> (Rect, Rect) {
    let width = screen.width.min(WIDEST);
    let x = screen.x + (screen.width - width) / 2;
    let area = Rect { x, width, height: screen.height.saturating_sub(1), ..screen };
    (area, Block::bordered().inner(area))
}

/// How far the page can scroll on this screen.
pub fn last_scroll(app: &App) -> usize {
    let (_, inner) = area(app.screen());
    let lines = lines(app, inner.width, &crate::tui::theme::MONO);
    lines.len().saturating_sub(usize::from(inner.height))
}

pub fn render(app: &App, view: &ReviewView, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    let (area, inner) = area(screen);
    Clear.render(area, buf);
    let only = if app.review_only_unjudged() { " · only the ones not judged" } else { "" };
    let what = match app.review_claim() {
        Some(_) => app.review_progress(),
        None => format!("your judgements · {}", app.review_progress()),
    };
    // As many of the keys as the border has room for, the most important first.
    let mut hints: Vec<Action> = Vec::new();
    for (_, _, action) in keymap::hints(Mode::Review).filter(|(_, _, a)| app.offers(*a)) {
        hints.push(action);
        // Room is left for the "↓ N more" mark when the page does not fit.
        let mark =
            if lines(app, inner.width, theme).len() > usize::from(inner.height) { 14 } else { 0 };
        if text::width(&keymap::footer(Mode::Review, &hints)) + 4 + mark > usize::from(area.width) {
            hints.pop();
            break;
        }
    }
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(format!(" Review: {what}{only} "))
        .title_bottom(
            Line::from(format!(" {} ", keymap::footer(Mode::Review, &hints))).style(theme.dim),
        );
    block.render(area, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let lines = lines(app, inner.width, theme);
    let scroll = view.scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    for (row, line) in lines.iter().skip(scroll).take(usize::from(inner.height)).enumerate() {
        super::line::set_line(buf, inner.x, inner.y + row as u16, line, inner.width);
    }
    let below = lines.len().saturating_sub(scroll + usize::from(inner.height));
    list::mark_hidden(area, (scroll, below), false, theme.dim, buf);
}

/// The page: the claim's, or the summary's.
pub fn lines<'a>(app: &'a App, width: u16, theme: &Theme) -> Vec<Line<'a>> {
    match app.review_claim() {
        Some(claim) => claim_lines(app, claim, width, theme),
        None => summary_lines(app, width, theme),
    }
}

/// `parts` joined by " · ", wrapped under a two-column indent.
fn facts(parts: &[String], width: u16, style: Style) -> Vec<Line<'static>> {
    list::wrapped_owned(&parts.join(" · "), width, style)
}

/// `text` wrapped under a four-column indent: a line under the one before.
fn indented(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let room = usize::from(width).saturating_sub(4).max(1);
    text::wrap(text, room)
        .into_iter()
        .map(|r| Line::from(vec![Span::raw("    "), Span::styled(text[r].to_string(), style)]))
        .collect()
}

fn heading(text: String, theme: &Theme) -> Line<'static> {
    Line::styled(text, theme.heading)
}

fn claim_lines<'a>(app: &'a App, c: ClaimIx, width: u16, theme: &Theme) -> Vec<Line<'a>> {
    let b = app.briefing();
    let claim = &b.claims[c];
    let section = &b.sections[claim.section];
    let kind = claim.kind.map_or("claim", |k| k.name());
    let mut lines = list::wrapped(&claim.text, width, Span::raw(""), "", theme.heading, &[]);
    // What the author says of it: its kind, likelihood and confidence, its ratings.
    let mut author = vec![kind.to_string()];
    author.extend(claim.estimate().parts());
    for r in &claim.ratings {
        author.push(format!("{} {}", b.hypotheses[r.hypothesis].title, r.consistency.name()));
    }
    lines.extend(facts(&author, width, theme.dim));
    // What you say of it.
    let note = app.notes().get(&claim.id);
    let mut yours: Vec<String> = Vec::new();
    yours.extend(note.and_then(|n| n.stance).map(|s| format!("{} {}", s.symbol(), s.name())));
    yours.extend(note.map(|n| n.estimate()).unwrap_or_default().parts());
    match yours.is_empty() {
        true => lines.extend(facts(&["not judged by you".into()], width, theme.dim)),
        false => lines.extend(facts(&yours, width, theme.marker)),
    }
    if let Some(text) = note.map(|n| n.note.as_str()).filter(|t| !t.is_empty()) {
        let safe = sanitize::multi_line(text);
        for line in safe.split('\n') {
            lines.extend(list::wrapped_owned(&format!("✎ {line}"), width, theme.note));
        }
    }
    lines.push(Line::raw(""));
    // The paragraph its quote is in.
    lines.push(Line::styled(format!("§{} {}", claim.section, section.title), theme.dim));
    match &claim.quote_span {
        Some(span) => {
            let paragraph = &section.paragraphs[span.paragraph];
            let marks = [(span.range.clone(), theme.quote)];
            let kind = section.kind(span.paragraph);
            for range in paragraph_lines(paragraph, kind, usize::from(width)) {
                let base = if kind == ParagraphKind::Pre { theme.pre } else { theme.text };
                lines.push(Line::from(super::highlighted(paragraph, range, base, &marks)));
            }
        }
        None => lines.extend(list::wrapped_owned(
            "no quote: the claim is not tied to a passage of the text",
            width,
            theme.dim,
        )),
    }
    // The counterpoints that answer it, then the factors it bears on.
    lines.push(Line::raw(""));
    lines.push(heading(format!("Counterpoints ({})", claim.counterpoints.len()), theme));
    if claim.counterpoints.is_empty() {
        lines.extend(list::wrapped_owned("none answers this claim", width, theme.dim));
    }
    for &cp in &claim.counterpoints {
        let cp = &b.counterpoints[cp];
        let by = cp.by.as_deref().map(|by| format!(" (by {by})")).unwrap_or_default();
        lines.extend(list::wrapped_owned(&format!("↳ {}{by}", cp.text), width, theme.text));
    }
    let factors: Vec<_> = b
        .factors
        .iter()
        .filter(|f| f.claims.contains(&c) || f.sections.contains(&claim.section))
        .collect();
    lines.push(Line::raw(""));
    lines.push(heading(format!("Factors ({})", factors.len()), theme));
    if factors.is_empty() {
        lines.extend(list::wrapped_owned("it bears on none", width, theme.dim));
    }
    for f in factors {
        let question = f.question.as_deref().map(|q| format!(": {q}")).unwrap_or_default();
        lines.extend(list::wrapped_owned(&format!("● {}{question}", f.title), width, theme.text));
    }
    lines
}

/// A paragraph's lines at `width`: text wrapped, a heading on one line, preformatted text
/// line by line, each cut to the width (it is never reflowed).
fn paragraph_lines(paragraph: &str, kind: ParagraphKind, width: usize) -> Vec<Range<usize>> {
    if kind != ParagraphKind::Pre {
        return text::wrap(paragraph, width);
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for line in paragraph.split('\n') {
        let mut end = start;
        let mut used = 0;
        for (at, ch) in line.char_indices() {
            used += unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if used > width {
                break;
            }
            end = start + at + ch.len_utf8();
        }
        lines.push(start..end);
        start += line.len() + 1;
    }
    lines
}

fn summary_lines<'a>(app: &'a App, width: u16, theme: &Theme) -> Vec<Line<'a>> {
    let b = app.briefing();
    let s = Summary::of(b, app.notes());
    let mut lines = vec![heading("Your judgements".into(), theme)];
    lines.extend(list::wrapped_owned(&s.overall(), width, theme.text));
    lines.push(Line::raw(""));
    lines.push(heading("By factor: the claims bearing on it".into(), theme));
    if s.by_factor.is_empty() {
        lines.extend(list::wrapped_owned("this briefing names no factors", width, theme.dim));
    }
    for f in &s.by_factor {
        let line = format!(
            "{}: {}, {} judged · {}",
            b.factors[f.factor].title,
            claims(f.stances.total()),
            f.judged,
            f.stances.words()
        );
        lines.extend(list::wrapped_owned(&line, width, theme.text));
    }
    lines.push(Line::raw(""));
    lines.push(heading("By hypothesis: the author's ratings, your stances".into(), theme));
    if s.by_hypothesis.is_empty() {
        lines.extend(list::wrapped_owned("this briefing states no hypotheses", width, theme.dim));
        return lines;
    }
    for h in &s.by_hypothesis {
        let title = &b.hypotheses[h.hypothesis].title;
        lines.extend(list::wrapped_owned(
            &format!("{title} (your score {})", h.score),
            width,
            theme.text,
        ));
        let (c, i) = (&h.consistent, &h.inconsistent);
        let consistent = format!("consistent (C, CC), {}: {}", claims(c.total()), c.words());
        let inconsistent = format!("inconsistent (I, II), {}: {}", claims(i.total()), i.words());
        lines.extend(indented(&consistent, width, theme.text));
        lines.extend(indented(&inconsistent, width, theme.text));
    }
    lines.push(Line::raw(""));
    let ranking = if s.ranks() {
        let ranked: Vec<String> = (s.ranking.iter())
            .map(|&h| format!("{} {}", b.hypotheses[h].title, s.by_hypothesis[h.0].score))
            .collect();
        format!(
            "Your ranking, by the inconsistent evidence you agree with (I 1, II 2), fewest \
             first: {}",
            ranked.join(" · ")
        )
    } else {
        "Agree with some rated claims to rank the hypotheses by the evidence you accept.".into()
    };
    lines.extend(list::wrapped_owned(&ranking, width, theme.marker));
    let matrix = crate::notes::matrix::Matrix::of(b);
    let line = format!("The matrix, by all the evidence: {}", matrix.ranking_line());
    lines.extend(list::wrapped_owned(&line, width, theme.dim));
    lines
}
