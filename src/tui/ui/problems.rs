//! The problems view: the errors of the briefing's file while it does not load, in the lower
//! part of the screen, the last good version still readable above it. Scrolled by the keys of
//! `keymap::PROBLEMS`; every line was made safe when it came in (`App::broken`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

use crate::tui::app::{Action, App, Mode, Problems};
use crate::tui::keymap;
use crate::tui::theme::Theme;

/// Where the view goes: the lower part of the screen above the status bar, as high as its
/// lines need, at most half the screen.
fn area(screen: Rect, lines: usize) -> Rect {
    let room = screen.height.saturating_sub(1);
    let wanted = u16::try_from(lines + 2).unwrap_or(u16::MAX);
    let height = wanted.min((room / 2).max(4)).min(room);
    Rect::new(screen.x, screen.y + room - height, screen.width, height)
}

/// The errors wrapped to the view's width on `screen`: each error starts a row, its rest
/// indented.
fn rows(problems: &Problems, screen: Rect) -> Vec<String> {
    let room = usize::from(screen.width).saturating_sub(3).max(10);
    let mut rows = Vec::new();
    for line in &problems.lines {
        for (i, range) in crate::text::wrap(line, room - 2).into_iter().enumerate() {
            let indent = if i == 0 { "" } else { "  " };
            rows.push(format!("{indent}{}", &line[range]));
        }
    }
    rows
}

/// The furthest the view scrolls on `screen`: its last rows shown whole.
pub fn last_scroll(problems: &Problems, screen: Rect) -> usize {
    let rows = rows(problems, screen);
    let inner = Block::bordered().inner(area(screen, rows.len()));
    rows.len().saturating_sub(usize::from(inner.height))
}

pub fn render(app: &App, scroll: usize, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    let empty = Problems { lines: Vec::new(), first_line: None };
    let problems = app.problems().unwrap_or(&empty);
    let lines = rows(problems, screen);
    let area = area(screen, lines.len());
    Clear.render(area, buf);
    let inner = Block::bordered().inner(area);
    let rows = usize::from(inner.height);
    let last = lines.len().saturating_sub(rows);
    let scroll = scroll.min(last);
    let footer = keymap::footer(Mode::Problems, &[Action::EditSource, Action::Close]);
    let more = if scroll < last {
        format!(" ↓ {} more · {footer} ", last - scroll)
    } else {
        format!(" {footer} ")
    };
    let count = problems.lines.len();
    let title = format!(
        " The file does not load ({count} problem{}): the last good version is shown ",
        if count == 1 { "" } else { "s" }
    );
    Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::styled(title, theme.heading))
        .title_bottom(Line::from(more).style(theme.dim))
        .render(area, buf);
    for (row, text) in lines.iter().skip(scroll).take(rows).enumerate() {
        let line = Line::raw(text.as_str());
        super::line::set_line(
            buf,
            inner.x + 1,
            inner.y + row as u16,
            &line,
            inner.width.saturating_sub(1),
        );
    }
    if lines.is_empty() {
        super::line::set_line(
            buf,
            inner.x + 1,
            inner.y,
            &Line::styled("(no errors)", theme.dim),
            inner.width,
        );
    }
}
