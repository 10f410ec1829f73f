//! The help overlay: every binding of every mode, straight from the keymap tables.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::app::Mode;
use crate::keymap;
use crate::theme::Theme;

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

/// All help lines, titles included.
pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for mode in keymap::MODES {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(title(mode), theme.heading));
        for (keys, help) in keymap::help_lines(mode) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<22} "), theme.marker),
                Span::raw(help),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Mouse: click a pane or item to select it; the wheel scrolls the pane under it.",
        theme.dim,
    ));
    lines
}

pub fn render(scroll: usize, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    let [area] = Layout::horizontal([Constraint::Max(96)]).flex(Flex::Center).areas(screen);
    let [area] = Layout::vertical([Constraint::Percentage(90)]).flex(Flex::Center).areas(area);
    Clear.render(area, buf);
    let block =
        Block::bordered().border_style(theme.border_focused).title(" Help: keys (Esc closes) ");
    let inner = block.inner(area);
    block.render(area, buf);
    let lines = lines(theme);
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    for (row, line) in lines.iter().skip(scroll).take(usize::from(inner.height)).enumerate() {
        buf.set_line(inner.x + 1, inner.y + row as u16, line, inner.width.saturating_sub(1));
    }
}
