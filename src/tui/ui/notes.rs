//! The notes overview (`N`): the notes on this briefing that pass its filter, each with its
//! section, stance and first line, the selected one whole; notes whose claim changed or
//! vanished are marked, never hidden.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::list;
use crate::notes::{Standing, anchor};
use crate::sanitize;
use crate::tui::app::{Action, App, Entry, Mode, NotesView};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn render(app: &App, view: &NotesView, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    let [area] = Layout::horizontal([Constraint::Max(100)]).flex(Flex::Center).areas(screen);
    let [area] = Layout::vertical([Constraint::Percentage(85)]).flex(Flex::Center).areas(area);
    Clear.render(area, buf);
    let all = app.notes_all().len();
    let standings = app.notes_shown(view);
    let filtered = view.describe();
    let title = if filtered.is_empty() {
        format!(" Your notes and marks ({all}) ")
    } else {
        format!(
            " Your notes and marks ({} of {all}: {}) ",
            standings.len(),
            sanitize::single_line(&filtered)
        )
    };
    let mode = if view.is_typing { Mode::NotesFilter } else { Mode::Notes };
    let hints: Vec<Action> = keymap::hints(mode).map(|(_, _, action)| action).collect();
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(title)
        .title_bottom(Line::from(format!(" {} ", keymap::footer(mode, &hints))).style(theme.dim));
    let mut inner = block.inner(area);
    block.render(area, buf);
    if (view.is_typing || !view.filter.is_empty()) && inner.height > 1 {
        let mut filter = vec![
            Span::styled("filter: ", theme.dim),
            Span::raw(sanitize::single_line(&view.filter).into_owned()),
        ];
        if view.is_typing {
            filter.push(Span::styled("▏", theme.marker));
            filter.push(Span::styled("  words of the note or claim, #tags", theme.dim));
        }
        super::line::set_line(buf, inner.x, inner.y, &Line::from(filter), inner.width);
        inner.y += 1;
        inner.height -= 1;
    }
    if let Some(problem) = &app.notes().read_only {
        let lines = list::wrapped(
            problem,
            inner.width,
            Span::styled("Read-only: ", theme.error),
            "",
            theme.error,
            &[],
        );
        for (row, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
            super::line::set_line(buf, inner.x, inner.y + row as u16, line, inner.width);
        }
        return;
    }
    if standings.is_empty() && all > 0 {
        let hint = "No note passes the filter.";
        super::line::set_line(buf, inner.x, inner.y, &Line::styled(hint, theme.dim), inner.width);
        return;
    }
    if standings.is_empty() {
        let hint = format!(
            "No notes yet. Select a claim and press {} to write one, {} to take a stance; {} \
             selects a passage to mark.",
            keymap::key_for(Mode::Reading, Action::EditNote),
            keymap::key_for(Mode::Reading, Action::CycleStance),
            keymap::key_for(Mode::Reading, Action::StartSelection)
        );
        super::line::set_line(buf, inner.x, inner.y, &Line::styled(hint, theme.dim), inner.width);
        return;
    }
    let b = app.briefing();
    let labels: Vec<(String, String, String)> = standings
        .iter()
        .map(|entry| {
            let (place, about) = match *entry {
                Entry::Note(note, standing) => {
                    let place = match standing {
                        Standing::Current(c) => {
                            let s = b.claims[c].section;
                            format!("§{s} {}", b.sections[s].title)
                        }
                        Standing::Changed(c) => {
                            let s = b.claims[c].section;
                            format!("§{s} {} · claim changed", b.sections[s].title)
                        }
                        Standing::Orphaned => "orphaned: its claim is gone".to_string(),
                    };
                    let claim = match standing {
                        Standing::Current(c) | Standing::Changed(c) => b.claims[c].text.clone(),
                        Standing::Orphaned => sanitize::single_line(&note.claim_text).into_owned(),
                    };
                    (place, claim)
                }
                Entry::Mark(mark, standing, section) => {
                    let label = mark.label.map_or("highlight", |l| l.name());
                    let place = match (section, standing) {
                        (None, _) => format!("{label} · orphaned: its passage is gone"),
                        (Some(s), anchor::Standing::Current) => {
                            format!("§{s} {} · {label}", b.sections[s].title)
                        }
                        (Some(s), standing) => format!(
                            "§{s} {} · {label} · {}",
                            b.sections[s].title,
                            crate::tui::app::marks::standing_name(standing)
                        ),
                    };
                    (place, format!("“{}”", sanitize::single_line(&mark.exact)))
                }
            };
            let stance = entry.stance().map(|s| format!(" · {}", s.name())).unwrap_or_default();
            let estimate = match entry {
                Entry::Note(note, _) => note.estimate().compact(),
                Entry::Mark(..) => None,
            };
            let stance = match estimate {
                Some(e) => format!("{stance} · {e}"),
                None => stance,
            };
            let first = entry.text().lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            (format!("{place}{stance}"), about, sanitize::single_line(first).into_owned())
        })
        .collect();
    let selected = view.selected.min(standings.len() - 1);
    // The selected note whole: each of its lines, made safe.
    let note = standings[selected].text();
    let whole: Vec<String> = if note.is_empty() {
        Vec::new()
    } else {
        note.split('\n').map(|l| sanitize::single_line(l).into_owned()).collect()
    };
    let items: Vec<list::Item> = labels
        .iter()
        .zip(&standings)
        .enumerate()
        .map(|(i, ((place, claim, first), entry))| {
            let style = if entry.is_orphaned() { theme.error } else { theme.dim };
            let mut lines = vec![Line::styled(place.as_str(), style)];
            lines.extend(list::wrapped(
                claim,
                inner.width,
                Span::raw("  "),
                "  ",
                theme.heading,
                &[],
            ));
            if i == selected {
                for (n, line) in whole.iter().enumerate() {
                    let lead = if n == 0 { "  ✎ " } else { "    " };
                    lines.extend(list::wrapped(
                        line,
                        inner.width,
                        Span::styled(lead, theme.marker),
                        "    ",
                        theme.text,
                        &[],
                    ));
                }
            } else if !first.is_empty() {
                lines.extend(
                    list::wrapped(
                        first,
                        inner.width,
                        Span::styled("  ✎ ", theme.marker),
                        "    ",
                        theme.text,
                        &[],
                    )
                    .into_iter()
                    .take(2),
                );
            }
            lines
        })
        .collect();
    let drawn = list::render(&items, Some(selected), theme.selected, true, inner, buf);
    list::mark_hidden(area, drawn.hidden, drawn.cut, theme.dim, buf);
}
