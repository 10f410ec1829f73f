//! The future factors pane: every factor of the briefing, the ones that bear on this section
//! marked, each with its question.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::geometry::Geometry;
use super::list::{self, Item};
use crate::tui::app::search::Field;
use crate::tui::app::{App, SidePane};
use crate::tui::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, geometry: &mut Geometry) {
    let b = app.briefing();
    let bearing = b.factor_ixs().filter(|&f| b.factor_bears_on(f, app.section())).count();
    let title = format!(" Future factors ({bearing} of {} here) ", b.factors.len());
    list::pane(app, SidePane::Factors, (area, buf, geometry), theme, title, |width, range| {
        items(app, width, theme, range)
    });
}

/// One item per factor: ● when it bears on this section (○ otherwise), title, question.
pub fn items<'a>(
    app: &'a App,
    width: u16,
    theme: &Theme,
    range: std::ops::Range<usize>,
) -> Vec<Item<'a>> {
    let b = app.briefing();
    if b.factors.is_empty() {
        return list::placeholder("This briefing names no future factors.", width, theme.dim);
    }
    b.factor_ixs()
        .zip(&b.factors)
        .skip(range.start)
        .take(range.len())
        .map(|(f, factor)| {
            let bears = b.factor_bears_on(f, app.section());
            let (dot, style) = if bears { ("● ", theme.marker) } else { ("○ ", theme.dim) };
            let marks = super::search_marks(app, Field::FactorTitle(f), &factor.title, theme);
            let mut lines = list::wrapped(
                &factor.title,
                width,
                Span::styled(dot, style),
                "  ",
                theme.heading,
                &marks,
            );
            let detail = factor.question.as_deref().unwrap_or(&factor.text);
            let field = if factor.question.is_some() { None } else { Some(Field::FactorText(f)) };
            let marks = field
                .map(|field| super::search_marks(app, field, detail, theme))
                .unwrap_or_default();
            lines.extend(list::wrapped(detail, width, Span::raw("  "), "  ", theme.dim, &marks));
            lines
        })
        .collect()
}
