//! The help overlay: every binding of every mode, straight from the keymap tables.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::text;
use crate::tui::app::{Action, Mode};
use crate::tui::keymap;
use crate::tui::theme::Theme;

/// The title each mode's keys are listed under, in `keymap::MODES` order.
fn title(mode: Mode) -> String {
    let key = |action| keymap::key_for(Mode::Reading, action);
    match mode {
        Mode::Reading => "Reading".into(),
        Mode::Selecting => {
            format!("Selecting a passage ({}, or drag)", key(Action::StartSelection))
        }
        Mode::Matches => "While a search has matches".into(),
        Mode::Search => format!("Search prompt ({})", key(Action::StartSearch)),
        Mode::Picker => format!(
            "Pickers ({}, {} on a factor)",
            key(Action::OpenContents),
            key(Action::Activate)
        ),
        Mode::EditingNote => format!("Note editor ({})", key(Action::EditNote)),
        Mode::Confirm => "Questions".into(),
        Mode::Notes => format!("Notes overview ({})", key(Action::OpenNotes)),
        Mode::NotesFilter => format!(
            "Notes overview's filter ({})",
            keymap::key_for(Mode::Notes, Action::StartSearch)
        ),
        Mode::Problems => "The file's errors, while it does not load".into(),
        Mode::Matrix => format!("The matrix ({})", key(Action::OpenMatrix)),
        Mode::Review => format!("The review walk ({})", key(Action::OpenReview)),
        Mode::Watch => format!("What to watch ({})", key(Action::OpenWatch)),
        Mode::Help => "This help".into(),
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

/// Where the help goes on a screen, and its inside.
fn area(screen: Rect) -> (Rect, Rect) {
    let [area] = Layout::horizontal([Constraint::Max(110)]).flex(Flex::Center).areas(screen);
    let [area] = Layout::vertical([Constraint::Percentage(90)]).flex(Flex::Center).areas(area);
    (area, Block::bordered().inner(area))
}

/// The furthest the help scrolls on `screen`: its last page shown whole.
pub fn last_scroll(screen: Rect) -> usize {
    let (_, inner) = area(screen);
    let lines = lines(inner.width.saturating_sub(1), &crate::tui::theme::MONO);
    lines.len().saturating_sub(usize::from(inner.height))
}

pub fn render(scroll: usize, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    let (area, inner) = area(screen);
    Clear.render(area, buf);
    let lines = lines(inner.width.saturating_sub(1), theme);
    let last = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = scroll.min(last);
    let key = |action| keymap::key_for(Mode::Help, action);
    let more = if scroll < last {
        format!(
            " ↓ more: {}, {}, {} ",
            key(Action::Down),
            key(Action::PageDown),
            key(Action::Bottom)
        )
    } else {
        " end ".into()
    };
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(format!(" Help: keys ({} closes) ", key(Action::Close)))
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
