//! The help overlay: every binding of every mode, straight from the keymap tables.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::text;
use crate::tui::app::Mode;
use crate::tui::keymap;
use crate::tui::theme::Theme;

/// The title each mode's keys are listed under, in `keymap::MODES` order.
fn title(mode: Mode) -> &'static str {
    match mode {
        Mode::Reading => "Reading",
        Mode::Matches => "While a search has matches",
        Mode::Search => "Search prompt (/)",
        Mode::Picker => "Pickers (t, Enter on a factor)",
        Mode::EditingNote => "Note editor (a)",
        Mode::Confirm => "Questions",
        Mode::Notes => "Notes overview (N)",
        Mode::Help => "This help",
    }
}

/// Width of the keys column.
const KEYS: usize = 22;

/// All help lines for a width: titles, and each binding's keys beside its description,
/// the description wrapped to what is left.
pub fn lines(width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let room = usize::from(width).saturating_sub(KEYS + 3).max(10);
    let mut lines = Vec::new();
    for mode in keymap::MODES {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(title(mode), theme.heading));
        for (keys, help) in keymap::help_lines(mode) {
            for (i, range) in text::wrap(help, room).into_iter().enumerate() {
                let keys = if i == 0 { format!("  {keys:<KEYS$} ") } else { " ".repeat(KEYS + 3) };
                lines.push(Line::from(vec![
                    Span::styled(keys, theme.marker),
                    Span::raw(help[range].to_string()),
                ]));
            }
        }
    }
    lines.push(Line::raw(""));
    let mouse = "Mouse: click a pane, an item or a section in the contents; the wheel scrolls the pane under it.";
    for range in text::wrap(mouse, usize::from(width).max(10)) {
        lines.push(Line::styled(mouse[range].to_string(), theme.dim));
    }
    lines
}

pub fn render(scroll: usize, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    let [area] = Layout::horizontal([Constraint::Max(110)]).flex(Flex::Center).areas(screen);
    let [area] = Layout::vertical([Constraint::Percentage(90)]).flex(Flex::Center).areas(area);
    Clear.render(area, buf);
    let inner = Block::bordered().inner(area);
    let lines = lines(inner.width.saturating_sub(1), theme);
    let last = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = scroll.min(last);
    let more = if scroll < last { " ↓ more: j, Space, G " } else { " end " };
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(" Help: keys (Esc closes) ")
        .title_bottom(Line::from(more).style(theme.dim));
    block.render(area, buf);
    for (row, line) in lines.iter().skip(scroll).take(usize::from(inner.height)).enumerate() {
        super::line::set_line(
            buf,
            inner.x + 1,
            inner.y + row as u16,
            line,
            inner.width.saturating_sub(1),
        );
    }
}
