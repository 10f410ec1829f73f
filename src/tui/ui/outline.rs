//! The contents sidebar (wide screens, `o` to hide): every section, the current one marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::geometry::{Geometry, Target};
use super::list;
use crate::briefing::SectionIx;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, geometry: &mut Geometry) {
    let inner = super::pane_frame(buf, area, " Contents ", false, theme);
    geometry.put(area, Target::Outline);
    let (from, items) = items(app, inner, theme);
    let current = app.section().0 - from;
    let drawn = list::render(&items, Some(current), theme.selected_unfocused, false, inner, buf);
    for (i, rect) in drawn.items {
        geometry.put(rect, Target::Section(SectionIx(from + i)));
    }
}

/// The sections that can be on screen (those around the current one), as items, and the
/// index of the first.
fn items<'a>(app: &'a App, inner: Rect, theme: &Theme) -> (usize, Vec<list::Item<'a>>) {
    let b = app.briefing();
    let digits = b.sections.len().to_string().len();
    let here = app.section().0;
    let from = here.saturating_sub(usize::from(inner.height));
    let to = (here + usize::from(inner.height)).min(b.sections.len());
    let items = (from..to)
        .map(SectionIx)
        .map(|s| {
            let marker = if s == app.section() { "▶" } else { " " };
            let number = Span::styled(format!("{marker}{:>digits$} ", s.to_string()), theme.dim);
            let rest: &'static str = "                    ";
            let indent = &rest[..(digits + 2).min(rest.len())];
            let style = if s == app.section() { theme.heading } else { theme.text };
            let mut lines =
                list::wrapped(&b.sections[s].title, inner.width, number, indent, style, &[]);
            let annotated = b.sections[s]
                .claims
                .iter()
                .filter(|&&c| app.notes().get(&b.claims[c].id).is_some())
                .count();
            let marks = app.mark_index().in_section.get(s.0).map_or(0, Vec::len);
            let counts: Vec<String> = [(annotated, "annotated"), (marks, "marked")]
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect();
            if !counts.is_empty() {
                lines.push(Line::styled(format!("{indent}✎ {}", counts.join(" · ")), theme.marker));
            }
            lines
        })
        .collect();
    (from, items)
}
