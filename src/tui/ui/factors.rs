//! The future factors pane: every factor of the briefing, the ones that bear on this section
//! marked, each with its question.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::list::{self, Item};
use crate::tui::app::search::Field;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let b = &app.briefing;
    let bearing = (0..b.factors.len()).filter(|&f| b.factor_bears_on(f, app.section)).count();
    let focused = app.focus == Focus::Factors;
    let title = format!(" Future factors ({bearing} of {} here) ", b.factors.len());
    let inner = super::pane_frame(buf, area, title, focused, theme);
    let items = items(app, inner.width, theme);
    let style = if focused { theme.selected } else { theme.selected_unfocused };
    let hidden = list::render(
        &items,
        (!b.factors.is_empty()).then_some(app.selected[2]),
        style,
        false,
        inner,
        buf,
    );
    list::mark_hidden(area, hidden, theme.dim, buf);
}

/// One item per factor: ● when it bears on this section (○ otherwise), title, question.
pub fn items<'a>(app: &'a App, width: u16, theme: &Theme) -> Vec<Item<'a>> {
    let b = &app.briefing;
    if b.factors.is_empty() {
        return list::placeholder("This briefing names no future factors.", width, theme.dim);
    }
    b.factors
        .iter()
        .enumerate()
        .map(|(f, factor)| {
            let bears = b.factor_bears_on(f, app.section);
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
