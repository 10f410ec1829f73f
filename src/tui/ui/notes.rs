//! The notes overview (`N`): every note on this briefing with its section, stance and first
//! line; notes whose claim changed or vanished are marked, never hidden.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::list;
use crate::notes::Standing;
use crate::sanitize;
use crate::tui::app::{Action, App, Mode};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn render(app: &App, selected: usize, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    let [area] = Layout::horizontal([Constraint::Max(100)]).flex(Flex::Center).areas(screen);
    let [area] = Layout::vertical([Constraint::Percentage(85)]).flex(Flex::Center).areas(area);
    Clear.render(area, buf);
    let standings = app.notes().standings(app.briefing());
    let title = format!(" Your notes ({}) ", standings.len());
    let block = Block::bordered().border_style(theme.border_focused).title(title).title_bottom(
        Line::from(format!(
            " {} go to claim · {} close ",
            keymap::key_for(Mode::Notes, Action::Accept),
            keymap::key_for(Mode::Notes, Action::Close)
        ))
        .style(theme.dim),
    );
    let inner = block.inner(area);
    block.render(area, buf);
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
    if standings.is_empty() {
        let hint = format!(
            "No notes yet. Select a claim and press {} to write one, {} to take a stance.",
            keymap::key_for(Mode::Reading, Action::EditNote),
            keymap::key_for(Mode::Reading, Action::CycleStance)
        );
        super::line::set_line(buf, inner.x, inner.y, &Line::styled(hint, theme.dim), inner.width);
        return;
    }
    let b = app.briefing();
    let labels: Vec<(String, String, String)> = standings
        .iter()
        .map(|(note, standing)| {
            let place = match standing {
                Standing::Current(c) => {
                    format!("§{} {}", b.claims[*c].section, b.sections[b.claims[*c].section].title)
                }
                Standing::Changed(c) => format!(
                    "§{} {} · claim changed",
                    b.claims[*c].section, b.sections[b.claims[*c].section].title
                ),
                Standing::Orphaned => "orphaned: its claim is gone".to_string(),
            };
            let stance = note.stance.map(|s| format!(" · {}", s.name())).unwrap_or_default();
            let claim = match standing {
                Standing::Current(c) | Standing::Changed(c) => b.claims[*c].text.clone(),
                Standing::Orphaned => sanitize::single_line(&note.claim_text).into_owned(),
            };
            let first = note.note.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            (format!("{place}{stance}"), claim, sanitize::single_line(first).into_owned())
        })
        .collect();
    let items: Vec<list::Item> = labels
        .iter()
        .zip(&standings)
        .map(|((place, claim, first), (_, standing))| {
            let style = if *standing == Standing::Orphaned { theme.error } else { theme.dim };
            let mut lines = vec![Line::styled(place.as_str(), style)];
            lines.extend(list::wrapped(
                claim,
                inner.width,
                Span::raw("  "),
                "  ",
                theme.heading,
                &[],
            ));
            if !first.is_empty() {
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
    let drawn =
        list::render(&items, Some(selected.min(items.len() - 1)), theme.selected, true, inner, buf);
    list::mark_hidden(area, drawn.hidden, theme.dim, buf);
}
