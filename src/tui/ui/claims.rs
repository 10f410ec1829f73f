//! The claims pane: the claims this section makes, their kind, the author's likelihood and
//! confidence and how many counterpoints answer them; under each, your stance, likelihood and
//! confidence (yours win over the author's) and note. The selected claim's quote is highlighted
//! in the text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::geometry::Geometry;
use super::list::{self, Item};
use crate::sanitize;
use crate::tui::app::search::Field;
use crate::tui::app::{App, SidePane};
use crate::tui::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, geometry: &mut Geometry) {
    let title = format!(" Claims ({}) ", app.claims_in_view().len());
    list::pane(app, SidePane::Claims, (area, buf, geometry), theme, title, |width, range| {
        items(app, width, theme, range)
    });
}

/// One item per claim: marker and text, then a dim line with kind and counterpoints.
pub fn items<'a>(
    app: &'a App,
    width: u16,
    theme: &Theme,
    range: std::ops::Range<usize>,
) -> Vec<Item<'a>> {
    let b = app.briefing();
    if app.claims_in_view().is_empty() {
        return list::placeholder("No claims in this section.", width, theme.dim);
    }
    app.claims_in_view()[range]
        .iter()
        .map(|&c| {
            let claim = &b.claims[c];
            let marker = if app.marked().contains(&c) {
                Span::styled("◆ ", theme.marker)
            } else if app.highlight() == Some(c) {
                Span::styled("» ", theme.marker)
            } else {
                Span::raw("  ")
            };
            let marks = super::search_marks(app, Field::Claim(c), &claim.text, theme);
            let mut lines = list::wrapped(&claim.text, width, marker, "  ", theme.text, &marks);
            let kind = claim.kind.map_or("claim", |k| k.name());
            let note = app.notes().get(&claim.id);
            let yours = note.map(|n| n.estimate()).unwrap_or_default();
            // The author's estimate, where the reader has not set their own (shown below).
            let author = claim.estimate();
            let author = crate::briefing::Estimate {
                likelihood: author.likelihood.filter(|_| yours.likelihood.is_none()),
                confidence: author.confidence.filter(|_| yours.confidence.is_none()),
            };
            let kind = match author.compact() {
                Some(e) => format!("{kind} · {e}"),
                None => kind.to_string(),
            };
            let answers = match claim.counterpoints.len() {
                0 => String::new(),
                1 => " · 1 counterpoint".into(),
                n => format!(" · {n} counterpoints"),
            };
            lines.push(Line::styled(format!("  {kind}{answers}"), theme.dim));
            let stance =
                note.and_then(|n| n.stance).map(|s| format!("{} {}", s.symbol(), s.name()));
            let text = note.map(|n| n.note.as_str()).filter(|t| !t.is_empty());
            let estimate = yours.compact();
            let marks: Vec<&str> = stance
                .as_deref()
                .into_iter()
                .chain(estimate.as_deref())
                .chain(text.map(|_| "✎ note"))
                .collect();
            if !marks.is_empty() {
                lines.push(Line::styled(format!("  {}", marks.join(" · ")), theme.marker));
            }
            // The selected claim's note, in full.
            if let (Some(text), true) = (text, app.selected_claim() == Some(c)) {
                lines.extend(note_lines(text, width, theme));
            }
            lines
        })
        .collect()
}

/// A note's text wrapped under its claim, made safe to draw (it is the user's raw text).
fn note_lines(text: &str, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let safe = sanitize::multi_line(text);
    let room = usize::from(width).saturating_sub(4).max(1);
    let mut lines = Vec::new();
    for line in safe.split('\n') {
        let wrapped = crate::text::wrap(line, room);
        if wrapped.is_empty() {
            lines.push(Line::raw(""));
        }
        for range in wrapped {
            let lead = if lines.is_empty() { "  ✎ " } else { "    " };
            lines.push(Line::from(vec![
                Span::styled(lead, theme.marker),
                Span::styled(line[range].to_string(), theme.note),
            ]));
        }
    }
    lines
}
