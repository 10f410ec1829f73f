//! The marks pane: the passages marked in this section, in text order, each with its label,
//! stance and note; a mark found moved or drifted says so, a drifted one with its old text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::geometry::Geometry;
use super::list::{self, Item};
use crate::notes::anchor::Standing;
use crate::sanitize;
use crate::tui::app::marks::standing_name;
use crate::tui::app::{Action, App, Mode, SidePane};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, geometry: &mut Geometry) {
    let title = format!(" Marks ({}) ", app.marks_in_view().len());
    list::pane(app, SidePane::Marks, (area, buf, geometry), theme, title, |width, range| {
        items(app, width, theme, range)
    });
}

/// Lines of a passage shown for a mark that is not selected.
const PASSAGE_LINES: usize = 3;

/// The passage as the text reads now (for a drifted mark, the new text).
fn passage_now<'a>(app: &'a App, placed: &crate::tui::app::marks::Placed) -> &'a str {
    let section = &app.briefing().sections[app.section()];
    section.paragraphs.get(placed.paragraph).and_then(|p| p.get(placed.bytes.clone())).unwrap_or("")
}

/// One item per mark: the passage quoted, then label · stance · standing, then its note (the
/// selected mark's whole, the others' first line).
pub fn items<'a>(
    app: &'a App,
    width: u16,
    theme: &Theme,
    range: std::ops::Range<usize>,
) -> Vec<Item<'a>> {
    if app.marks_in_view().is_empty() {
        let hint = format!(
            "No marks here. {} selects a passage to mark.",
            keymap::key_for(Mode::Reading, Action::StartSelection)
        );
        return vec![list::wrapped_owned(&hint, width, theme.dim)];
    }
    let selected = app.selected(SidePane::Marks).0;
    let first = range.start;
    app.marks_in_view()[range]
        .iter()
        .enumerate()
        .map(|(i, placed)| {
            let Some(mark) = app.notes().mark(&placed.id) else { return Vec::new() };
            let style = theme.text.patch(theme.mark_style(mark.label));
            let passage = format!("“{}”", passage_now(app, placed));
            let mut lines = list::wrapped_owned(&passage, width, style);
            // Long passages: their first lines, the selected one's whole.
            if lines.len() > PASSAGE_LINES && first + i != selected {
                lines.truncate(PASSAGE_LINES);
                if let Some(last) = lines.last_mut() {
                    last.spans.push(ratatui::text::Span::styled("…", theme.dim));
                }
            }
            let mut meta: Vec<String> = Vec::new();
            meta.push(mark.label.map_or("highlight", |l| l.name()).to_string());
            if let Some(s) = mark.stance {
                meta.push(format!("{} {}", s.symbol(), s.name()));
            }
            if placed.standing != Standing::Current {
                meta.push(standing_name(placed.standing).to_string());
            }
            lines.push(Line::styled(format!("  {}", meta.join(" · ")), theme.dim));
            if placed.standing == Standing::Drifted {
                let was = format!("  was: “{}”", sanitize::single_line(&mark.exact));
                lines.extend(list::wrapped_owned(&was, width, theme.dim));
                let accept = keymap::key_for(Mode::Reading, Action::AcceptDrift);
                let delete = keymap::key_for(Mode::Reading, Action::DeleteNote);
                lines.push(Line::styled(
                    format!("  {accept} accept the new text · {delete} delete"),
                    theme.marker,
                ));
            }
            let note = mark.note_text();
            if !note.is_empty() {
                let safe = sanitize::multi_line(note);
                let shown: Vec<&str> = if first + i == selected {
                    safe.split('\n').collect()
                } else {
                    safe.split('\n').take(1).collect()
                };
                for line in shown {
                    lines.extend(list::wrapped_owned(&format!("✎ {line}"), width, theme.note));
                }
            }
            lines
        })
        .collect()
}
