//! The contents sidebar (wide screens, `o` to hide): every section, the current one marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::list;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let inner = super::pane_frame(buf, area, " Contents ", false, theme);
    let (from, items) = items(app, inner, theme);
    let _ =
        list::render(&items, Some(app.section - from), theme.selected_unfocused, false, inner, buf);
}

/// The section at row `y` of the sidebar drawn in `area`, for a click.
pub fn section_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let inner = Block::bordered().inner(area);
    let (from, items) = items(app, inner, &crate::tui::theme::MONO);
    list::item_at(&items, app.section - from, false, inner, y).map(|i| from + i)
}

/// The sections that can be on screen (those around the current one), as items, and the
/// index of the first.
fn items<'a>(app: &'a App, inner: Rect, theme: &Theme) -> (usize, Vec<list::Item<'a>>) {
    let b = &app.briefing;
    let digits = b.sections.len().to_string().len();
    let from = app.section.saturating_sub(usize::from(inner.height));
    let to = (app.section + usize::from(inner.height)).min(b.sections.len());
    let items = (from..to)
        .map(|s| {
            let marker = if s == app.section { "▶" } else { " " };
            let number = Span::styled(format!("{marker}{:>digits$} ", s + 1), theme.dim);
            let rest: &'static str = "                    ";
            let indent = &rest[..(digits + 2).min(rest.len())];
            let style = if s == app.section { theme.heading } else { theme.text };
            let mut lines =
                list::wrapped(&b.sections[s].title, inner.width, number, indent, style, &[]);
            let annotated = b.sections[s]
                .claims
                .iter()
                .filter(|&&c| app.notes.get(&b.claims[c].id).is_some())
                .count();
            if annotated > 0 {
                lines.push(Line::styled(format!("{indent}✎ {annotated} annotated"), theme.marker));
            }
            lines
        })
        .collect();
    (from, items)
}
