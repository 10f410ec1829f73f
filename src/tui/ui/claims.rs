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
use crate::tui::app::{App, SidePane, YOURS};
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
            let note = app.notes().get(&claim.id);
            let yours = note.map(|n| n.estimate()).unwrap_or_default();
            // The author's estimate, where the reader has not set their own (shown below).
            let author = claim.estimate();
            let author = crate::briefing::Estimate {
                likelihood: author.likelihood.filter(|_| yours.likelihood.is_none()),
                confidence: author.confidence.filter(|_| yours.confidence.is_none()),
            };
            let author = author.parts();
            let answers = match claim.counterpoints.len() {
                0 => None,
                1 => Some("1 counterpoint".to_string()),
                n => Some(format!("{n} counterpoints")),
            };
            // Yours reads at a glance, and without colour: `✦ yours` first, and where its
            // passage stands when it is not where it was.
            let standing = claim
                .own
                .then(|| crate::tui::app::marks::standing_name(app.own_standing(c)))
                .filter(|s| !s.is_empty());
            // Yours says so where an author's claim says "claim" (its kind follows, if set).
            let kind = match (claim.own, claim.kind) {
                (true, None) => None,
                (_, Some(k)) => Some(k.name()),
                (false, None) => Some("claim"),
            };
            let about: Vec<&str> = claim
                .own
                .then_some(YOURS)
                .into_iter()
                .chain(kind)
                .chain(standing)
                .chain(author.iter().map(String::as_str))
                .chain(answers.as_deref())
                .collect();
            lines.extend(facts(&about, width, if claim.own { theme.yours } else { theme.dim }));
            let stance =
                note.and_then(|n| n.stance).map(|s| format!("{} {}", s.symbol(), s.name()));
            let text = note.map(|n| n.note.as_str()).filter(|t| !t.is_empty());
            let estimate = yours.parts();
            let marks: Vec<&str> = stance
                .as_deref()
                .into_iter()
                .chain(estimate.iter().map(String::as_str))
                .chain(text.map(|_| "✎ note"))
                .collect();
            if !marks.is_empty() {
                lines.extend(facts(&marks, width, theme.marker));
            }
            // The selected claim's note, in full.
            if let (Some(text), true) = (text, app.selected_claim() == Some(c)) {
                lines.extend(note_lines(text, width, theme));
            }
            lines
        })
        .collect()
}

/// A line of facts about the claim (kind, counterpoints; stance, likelihood, confidence),
/// indented under it and wrapped between facts (`roughly even chance` stays whole) when it is
/// wider than the pane; a fact wider than the pane alone is wrapped at its spaces.
fn facts(parts: &[&str], width: u16, style: ratatui::style::Style) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let room = usize::from(width).saturating_sub(2).max(1);
    let mut rows: Vec<String> = Vec::new();
    for part in parts {
        match rows.last_mut() {
            Some(row) if row.width() + 3 + part.width() <= room => {
                row.push_str(" · ");
                row.push_str(part);
            }
            _ => rows.push((*part).to_string()),
        }
    }
    rows.iter()
        .flat_map(|row| crate::text::wrap(row, room).into_iter().map(move |r| &row[r]))
        .map(|line| Line::styled(format!("  {line}"), style))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(parts: &[&str], width: u16) -> Vec<String> {
        facts(parts, width, ratatui::style::Style::default())
            .iter()
            .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn facts_wrap_between_terms_never_inside_one_that_fits() {
        let parts = ["− disagree", "roughly even chance", "high", "✎ note"];
        assert_eq!(rows(&parts, 60), ["  − disagree · roughly even chance · high · ✎ note"]);
        assert_eq!(rows(&parts, 30), ["  − disagree", "  roughly even chance · high", "  ✎ note"]);
        // A term wider than the pane alone is wrapped at its spaces.
        assert_eq!(rows(&["roughly even chance"], 12), ["  roughly", "  even", "  chance"]);
    }
}
