//! The note editor overlay (ratatui-textarea) and the yes/no question shown over it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::list;
use crate::sanitize::single_line;
use crate::tui::app::{Action, App, Confirm, Mode, NoteEditor, NoteOn};
use crate::tui::keymap;
use crate::tui::theme::Theme;

fn centered(screen: Rect, width: u16, height: Constraint) -> Rect {
    let [area] = Layout::horizontal([Constraint::Max(width)]).flex(Flex::Center).areas(screen);
    let [area] = Layout::vertical([height]).flex(Flex::Center).areas(area);
    area
}

pub fn render(app: &App, editor: &NoteEditor, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    let area = centered(screen, 90, Constraint::Percentage(70));
    Clear.render(area, buf);
    // What the note is on: a claim's text, or a marked passage (the notes file's: made safe).
    let (on, what) = match &editor.on {
        NoteOn::Claim(c) => (app.briefing().claims[*c].text.clone(), "On: "),
        NoteOn::Mark { mark, .. } => (single_line(&mark.exact).into_owned(), "On the passage: "),
        NoteOn::Observation { indicator } => (indicator_text(app, indicator), "Watching: "),
        NoteOn::OwnClaim { id, .. } => (own_claim_passage(app, id), "On the passage: "),
        NoteOn::OwnCounterpoint { id } => (answered(app, id), "Answering: "),
        NoteOn::Counterpoint { claim } => {
            (app.briefing().claims[*claim].text.clone(), "Answering: ")
        }
    };
    let title = match &editor.on {
        NoteOn::Observation { .. } => " Your observation (dated when saved) ".to_string(),
        NoteOn::Claim(_) | NoteOn::Mark { .. } => " Your note ".to_string(),
        NoteOn::OwnClaim { kind, .. } => format!(
            " ✦ Your claim · {} ({} kind) ",
            kind.map_or("no kind", |k| k.name()),
            keymap::key_for(Mode::EditingNote, Action::CycleKind)
        ),
        NoteOn::OwnCounterpoint { .. } | NoteOn::Counterpoint { .. } => {
            " ✦ Your counterpoint ".to_string()
        }
    };
    let footer: &[Action] = match &editor.on {
        NoteOn::OwnClaim { .. } => &[Action::SaveNote, Action::CycleKind, Action::Close],
        _ => &[Action::SaveNote, Action::Close],
    };
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::from(title).style(theme.border_focused))
        .title_bottom(
            Line::from(format!(" {} ", keymap::footer(Mode::EditingNote, footer))).style(theme.dim),
        );
    let inner = block.inner(area);
    block.render(area, buf);
    // The claim on top, so the reader sees what they are writing about.
    let claim_lines =
        list::wrapped(&on, inner.width, Span::styled(what, theme.dim), "    ", theme.heading, &[]);
    let claim_height = (claim_lines.len() as u16).min(inner.height / 2);
    let [top, _gap, text] = inner.layout(&Layout::vertical([
        Constraint::Length(claim_height),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    for (row, line) in claim_lines.iter().take(usize::from(top.height)).enumerate() {
        super::line::set_line(buf, top.x, top.y + row as u16, line, top.width);
    }
    editor.textarea.render(text, buf);
}

pub fn render_confirm(app: &App, confirm: &Confirm, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    if let Confirm::SaveEdit(editor) = confirm {
        render(app, editor, screen, buf, theme);
    }
    let key = |action| keymap::key_for(Mode::Confirm, action);
    let (yes, no) = (key(Action::Yes), key(Action::No));
    // Deleting says exactly what each answer deletes.
    let (question, keys) = match confirm {
        // The claim's text as the note kept it (the file's own, for a claim that is gone).
        Confirm::DeleteNote(d) => match (d.has_text, d.stance, single_line(&d.claim_text)) {
            (true, Some(stance), claim) => (
                format!("Delete your note on “{claim}”? It also has a stance: {}.", stance.name()),
                format!(
                    "{yes} the note, keep the stance · {} note and stance · {no} keep both",
                    key(Action::YesBoth)
                ),
            ),
            (true, None, claim) => {
                (format!("Delete your note on “{claim}”?"), format!("{yes} delete · {no} keep"))
            }
            (false, stance, claim) => (
                format!(
                    "Clear your stance ({}) on “{claim}”?",
                    stance.map_or("none", |s| s.name())
                ),
                format!("{yes} clear · {no} keep"),
            ),
        },
        Confirm::DeleteMark { mark, .. } => {
            let passage = crate::tui::app::marks::passage_name(&mark.exact);
            let note = if mark.note_text().is_empty() { "" } else { " and its note" };
            (format!("Delete the mark on {passage}{note}?"), format!("{yes} delete · {no} keep"))
        }
        Confirm::DeleteObservation { observation, .. } => {
            let on = indicator_text(app, &observation.indicator);
            let when = super::watch::when(observation);
            (
                format!("Delete your observation of {when} on “{on}”?"),
                format!("{yes} delete · {no} keep"),
            )
        }
        Confirm::DeleteOwnClaim(claim) => {
            let note =
                if app.notes().get(&claim.id).is_some() { " (your note on it stays)" } else { "" };
            (
                format!("Delete your claim “{}”{note}?", single_line(&claim.text)),
                format!("{yes} delete · {no} keep"),
            )
        }
        Confirm::DeleteOwnCounterpoint(counterpoint) => (
            format!("Delete your counterpoint “{}”?", single_line(&counterpoint.text)),
            format!("{yes} delete · {no} keep"),
        ),
        Confirm::SaveEdit(_) => (
            "Save the changes to your note?".to_string(),
            format!("{yes} save · {no} discard · {} keep editing", key(Action::Close)),
        ),
    };
    let width = 60.min(screen.width);
    let mut lines =
        list::wrapped(&question, width.saturating_sub(4), Span::raw(""), "", theme.text, &[]);
    lines.push(Line::raw(""));
    lines.push(Line::styled(keys, theme.marker));
    let area = centered(screen, width, Constraint::Length(lines.len() as u16 + 2));
    Clear.render(area, buf);
    let block = Block::bordered().border_style(theme.border_focused).title(" Confirm ");
    let inner = block.inner(area);
    block.render(area, buf);
    for (row, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
        super::line::set_line(
            buf,
            inner.x + 1,
            inner.y + row as u16,
            line,
            inner.width.saturating_sub(2),
        );
    }
}

/// Your claim's passage as the briefing on screen has it (as made, when it is gone).
fn own_claim_passage(app: &App, id: &str) -> String {
    let b = app.briefing();
    let shown = b.claims.iter().find(|c| c.own && c.id == id).and_then(|c| c.quote.clone());
    shown
        .or_else(|| app.notes().own_claims.get(id).map(|c| single_line(&c.exact).into_owned()))
        .unwrap_or_default()
}

/// The first claim your counterpoint answers, and how many more.
fn answered(app: &App, id: &str) -> String {
    let b = app.briefing();
    let Some(cp) = b.counterpoints.iter().find(|c| c.own && c.id == id) else {
        return String::new();
    };
    match cp.claims.as_slice() {
        [] => String::new(),
        [one] => b.claims[*one].text.clone(),
        [first, rest @ ..] => format!("{} (and {} more)", b.claims[*first].text, rest.len()),
    }
}

/// An indicator's text, or its id (made safe) when the briefing no longer has it.
fn indicator_text(app: &App, indicator: &str) -> String {
    let b = app.briefing();
    match crate::notes::observations::find_indicator(b, indicator) {
        Some((f, i)) => b.factors[f].indicators[i].text.clone(),
        None => format!("{} (gone from the briefing)", single_line(indicator)),
    }
}
