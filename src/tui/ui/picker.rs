//! The picker overlay: a filter line and the entries that pass it (contents, or where a
//! factor bears).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::list;
use crate::briefing::FactorIx;
use crate::tui::app::{Action, App, Mode, Picker, PickerEntry, PickerKind};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn render(app: &App, picker: &Picker, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    let [area] = Layout::horizontal([Constraint::Max(80)]).flex(Flex::Center).areas(screen);
    let [area] = Layout::vertical([Constraint::Percentage(80)]).flex(Flex::Center).areas(area);
    Clear.render(area, buf);
    let title = format!(" {} ({}) ", picker.title(app.briefing()), picker.entries.len());
    let block = Block::bordered().border_style(theme.border_focused).title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 {
        return;
    }
    // Letters always go to the filter; the arrows (and their Ctrl keys) always move.
    let (down, up) =
        (keymap::key_for(Mode::Picker, Action::Down), keymap::key_for(Mode::Picker, Action::Up));
    let filter = Line::from(vec![
        Span::styled("filter: ", theme.dim),
        Span::raw(picker.filter.as_str()),
        Span::styled("▏", theme.marker),
        Span::styled(format!("  letters filter · {down} {up} move"), theme.dim),
    ]);
    super::line::set_line(buf, inner.x, inner.y, &filter, inner.width);
    let mut list_area = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    if let PickerKind::Factor(f) = picker.kind {
        let shown = factor_words(app, f, list_area, buf, theme);
        list_area.y += shown;
        list_area.height -= shown;
    }
    if picker.is_loading || picker.entries.is_empty() {
        let empty = if picker.is_loading {
            "Reading the library…"
        } else {
            "Nothing matches the filter."
        };
        super::line::set_line(
            buf,
            list_area.x,
            list_area.y,
            &Line::styled(empty, theme.dim),
            list_area.width,
        );
        return;
    }
    // Only entries near the selection can be on screen: build just those.
    let from = picker.selected.saturating_sub(usize::from(list_area.height));
    let to = (picker.selected + usize::from(list_area.height)).min(picker.entries.len());
    let labels: Vec<String> =
        picker.entries[from..to].iter().map(|&e| picker.label(app.briefing(), e)).collect();
    let items: Vec<list::Item> = picker.entries[from..to]
        .iter()
        .zip(&labels)
        .map(|(&entry, label)| {
            let b = app.briefing();
            let yours = match (entry, &picker.kind) {
                (PickerEntry::Claim(c), PickerKind::Factor(f)) => {
                    b.claims[c].own || b.factors[*f].own_claims.contains(&c)
                }
                (PickerEntry::Claim(c), _) => b.claims[c].own,
                (PickerEntry::Factor(f), PickerKind::Links(c)) => {
                    b.factors[f].own_claims.contains(c)
                }
                _ => false,
            };
            let style = match entry {
                _ if yours => theme.yours,
                PickerEntry::Section(s) if s == app.section() => theme.heading,
                PickerEntry::Section(_) => theme.text,
                PickerEntry::Claim(_) => theme.dim,
                PickerEntry::Briefing(_) | PickerEntry::Gap(_) | PickerEntry::Factor(_) => {
                    theme.text
                }
            };
            // A factor's claims stand indented under their section.
            let (first, rest) = match (entry, &picker.kind) {
                (PickerEntry::Claim(_), PickerKind::Factor(_)) => ("     • ", "       "),
                _ => (" ", " "),
            };
            list::wrapped(label, list_area.width, Span::raw(first), rest, style, &[])
        })
        .collect();
    list::render(&items, Some(picker.selected - from), theme.selected, false, list_area, buf);
}

/// A factor's question, text and indicators (each behind a ▸, your latest observations
/// under it), above the places where it
/// bears, then a blank row; as much as fits while the list keeps three rows (the cut marked
/// with "…"). Returns the rows taken.
fn factor_words(app: &App, f: FactorIx, area: Rect, buf: &mut Buffer, theme: &Theme) -> u16 {
    let factor = &app.briefing().factors[f];
    let mut lines = Vec::new();
    if let Some(question) = &factor.question {
        lines.extend(list::wrapped(question, area.width, Span::raw(" "), " ", theme.heading, &[]));
    }
    lines.extend(list::wrapped(&factor.text, area.width, Span::raw(" "), " ", theme.text, &[]));
    for indicator in &factor.indicators {
        let marker = Span::styled(" ▸ ", theme.marker);
        lines.extend(list::wrapped(&indicator.text, area.width, marker, "   ", theme.dim, &[]));
        lines.extend(super::watch::latest(app, &indicator.id, (2, area.width), "   ", theme));
    }
    let room = usize::from(area.height.saturating_sub(4));
    if lines.len() > room {
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::styled(" …", theme.dim));
    }
    for (line, y) in lines.iter().zip(area.y..) {
        super::line::set_line(buf, area.x, y, line, area.width);
    }
    // Line counts here are under the area's height.
    (lines.len() as u16 + 1).min(area.height)
}
