//! The counterpoints pane: answers to this section's claims, who argues them, and which
//! claims they answer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::geometry::Geometry;
use super::list::{self, Item};
use crate::tui::app::search::Field;
use crate::tui::app::{App, SidePane, YOURS};
use crate::tui::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, geometry: &mut Geometry) {
    let title = format!(" Counterpoints ({}) ", app.counterpoints_in_view().len());
    let pane = SidePane::Counterpoints;
    list::pane(app, pane, (area, buf, geometry), theme, title, |width, range| {
        items(app, width, theme, range)
    });
}

/// One item per counterpoint: its text, then who argues it and the claims it answers.
pub fn items<'a>(
    app: &'a App,
    width: u16,
    theme: &Theme,
    range: std::ops::Range<usize>,
) -> Vec<Item<'a>> {
    let b = app.briefing();
    if app.counterpoints_in_view().is_empty() {
        return list::placeholder("No counterpoints to this section's claims.", width, theme.dim);
    }
    app.counterpoints_in_view()[range]
        .iter()
        .map(|&cp| {
            let counterpoint = &b.counterpoints[cp];
            let marks =
                super::search_marks(app, Field::Counterpoint(cp), &counterpoint.text, theme);
            let mut lines =
                list::wrapped(&counterpoint.text, width, Span::raw("  "), "  ", theme.text, &marks);
            let by = counterpoint.by.as_deref().map(|by| format!("by {by} · ")).unwrap_or_default();
            let answers = match counterpoint.claims.as_slice() {
                [] => "answers no claim here now".to_string(),
                [one] => format!("answers: {}", b.claims[*one].text),
                many => format!("answers {} claims", many.len()),
            };
            let yours = if counterpoint.own { format!("{YOURS} · ") } else { String::new() };
            let meta = format!("{yours}{by}{answers}");
            let cut = crate::text::wrap(&meta, usize::from(width.saturating_sub(2)).max(1));
            let end = cut.first().map_or(0, |r| r.end);
            let ellipsis = if end < meta.len() { "…" } else { "" };
            let style = if counterpoint.own { theme.yours } else { theme.dim };
            lines.push(Line::styled(format!("  {}{ellipsis}", &meta[..end]), style));
            lines
        })
        .collect()
}
