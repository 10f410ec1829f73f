//! The future factors pane: every factor of the briefing, the ones that bear on this section
//! marked, each with its question, and the selected one (when the pane has focus) with its
//! text and its indicators, under each your latest observations on it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::geometry::Geometry;
use super::list::{self, Item};
use crate::tui::app::search::Field;
use crate::tui::app::{App, SidePane, YOURS};
use crate::tui::theme::Theme;

/// What stands before each of a factor's indicators: a signpost to watch.
const INDICATOR: &str = "  ▸ ";

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, geometry: &mut Geometry) {
    let b = app.briefing();
    let bearing = b.factor_ixs().filter(|&f| b.factor_bears_on(f, app.section())).count();
    let title = format!(" Future factors ({bearing}/{} here) ", b.factors.len());
    list::pane(app, SidePane::Factors, (area, buf, geometry), theme, title, |width, range| {
        items(app, width, theme, range)
    });
}

/// One item per factor: ● when it bears on this section (○ otherwise), title, question; the
/// text too for the selected factor of the focused pane, or when there is no question; the
/// selected one's indicators below it, each behind a ▸.
pub fn items<'a>(
    app: &'a App,
    width: u16,
    theme: &Theme,
    range: std::ops::Range<usize>,
) -> Vec<Item<'a>> {
    let b = app.briefing();
    let focused = app.focus() == SidePane::Factors.focus();
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
            // Your links, marked: how many claims you link to it, and how many of them here.
            if !factor.own_claims.is_empty() {
                let here = factor
                    .own_claims
                    .iter()
                    .filter(|&&c| b.claims[c].section == app.section())
                    .count();
                let n = factor.own_claims.len();
                let claims = if n == 1 { "claim" } else { "claims" };
                let text = format!("{YOURS}: {n} {claims} linked, {here} here");
                lines.extend(list::wrapped_owned(&text, width, theme.yours));
            }
            if let Some(question) = &factor.question {
                let marks = super::search_marks(app, Field::FactorQuestion(f), question, theme);
                lines.extend(list::wrapped(
                    question,
                    width,
                    Span::raw("  "),
                    "  ",
                    theme.dim,
                    &marks,
                ));
            }
            // The factor's own words: for the one selected in the focused pane, and for any
            // factor without a question to stand in for them.
            let selected = focused && app.selected_factor() == Some(f);
            if selected || factor.question.is_none() {
                let marks = super::search_marks(app, Field::FactorText(f), &factor.text, theme);
                let style = if selected { theme.text } else { theme.dim };
                lines.extend(list::wrapped(
                    &factor.text,
                    width,
                    Span::raw("  "),
                    "  ",
                    style,
                    &marks,
                ));
            }
            if selected {
                for indicator in &factor.indicators {
                    let marker = Span::styled(INDICATOR, theme.marker);
                    lines.extend(list::wrapped(
                        &indicator.text,
                        width,
                        marker,
                        "    ",
                        theme.dim,
                        &[],
                    ));
                    lines.extend(super::watch::latest(
                        app,
                        &indicator.id,
                        (3, width),
                        "    ",
                        theme,
                    ));
                }
            }
            lines
        })
        .collect()
}
