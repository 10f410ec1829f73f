//! Drawing: `render(frame, app, theme)` splits the screen (see `layout`) and calls each pane.
//! Render reads `App` and never changes it; `hit_test` maps a mouse position to an action
//! with the same geometry.

pub mod article;
pub mod claims;
pub mod counterpoints;
pub mod factors;
pub mod help;
pub mod list;
pub mod note_editor;
pub mod notes;
pub mod outline;
pub mod picker;
pub mod status_bar;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use std::ops::Range;

use crate::app::search::{self, Field};
use crate::app::{Action, App, Focus, Overlay};
use crate::layout::{MIN_HEIGHT, MIN_WIDTH, Side};
use crate::theme::Theme;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let areas = crate::layout::areas(area, app.show_outline);
    if areas.is_too_small() {
        let message = format!(
            "Terminal too small ({}x{}): briefing needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        );
        Paragraph::new(message).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    if let Some(outline) = areas.outline {
        outline::render(app, outline, buf, theme);
    }
    // On the smallest screens a focused side pane takes the text's place.
    match areas.side {
        Side::Hidden if app.focus != Focus::Text => {
            side_pane(app, app.focus, areas.text, buf, theme)
        }
        _ => article::render(app, areas.text, buf, theme),
    }
    match areas.side {
        Side::Stacked { claims, counterpoints, factors } => {
            claims::render(app, claims, buf, theme);
            counterpoints::render(app, counterpoints, buf, theme);
            factors::render(app, factors, buf, theme);
        }
        Side::Tabbed { tabs, pane } => {
            render_tabs(app, tabs, buf, theme);
            side_pane(app, app.visible_tab(), pane, buf, theme);
        }
        Side::None | Side::Hidden => {}
    }
    status_bar::render(app, areas.status, buf, theme);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::render(*scroll, area, buf, theme),
        Some(Overlay::Picker(p)) => picker::render(app, p, area, buf, theme),
        Some(Overlay::Editor(editor)) => note_editor::render(app, editor, area, buf, theme),
        Some(Overlay::Confirm(confirm)) => {
            note_editor::render_confirm(app, confirm, area, buf, theme)
        }
        Some(Overlay::Notes { selected }) => notes::render(app, *selected, area, buf, theme),
        None => {}
    }
}

fn side_pane(app: &App, focus: Focus, area: Rect, buf: &mut Buffer, theme: &Theme) {
    match focus {
        Focus::Claims | Focus::Text => claims::render(app, area, buf, theme),
        Focus::Counterpoints => counterpoints::render(app, area, buf, theme),
        Focus::Factors => factors::render(app, area, buf, theme),
    }
}

/// The tab bar of narrow screens: the three side panes, the shown one marked.
fn render_tabs(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let shown = app.visible_tab();
    let mut spans = Vec::new();
    for (focus, name) in TABS {
        let style = match (focus == shown, app.focus == focus) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => theme.dim,
        };
        spans.push(Span::styled(format!(" {name} "), style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled("Tab: switch", theme.dim));
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

pub use status_bar::fit;

/// The tab under column `x` of the tab bar (the labels `render_tabs` draws).
fn tab_at(x: u16) -> Option<Focus> {
    let mut start = 0;
    for (focus, name) in TABS {
        let end = start + name.len() as u16 + 2;
        if (start..end).contains(&x) {
            return Some(focus);
        }
        start = end + 1;
    }
    None
}

const TABS: [(Focus, &str); 3] = [
    (Focus::Claims, "Claims"),
    (Focus::Counterpoints, "Counterpoints"),
    (Focus::Factors, "Factors"),
];

/// A pane's frame: bordered, titled, brighter when it has focus.
fn pane_block<'a>(title: impl Into<Line<'a>>, is_focused: bool, theme: &Theme) -> Block<'a> {
    let style = if is_focused { theme.border_focused } else { theme.border };
    Block::bordered().border_style(style).title(title.into().style(style))
}

/// The pane (and item) under a mouse position, as an action: a click or a wheel notch.
pub fn hit_test(app: &App, x: u16, y: u16) -> Option<(Focus, Option<usize>)> {
    let areas = app.areas();
    let at = Position { x, y };
    let text_shows_a_pane = areas.side == Side::Hidden && app.focus != Focus::Text;
    if areas.text.contains(at) && !text_shows_a_pane {
        return Some((Focus::Text, None));
    }
    let panes: Vec<(Focus, Rect)> = match areas.side {
        Side::Stacked { claims, counterpoints, factors } => {
            vec![
                (Focus::Claims, claims),
                (Focus::Counterpoints, counterpoints),
                (Focus::Factors, factors),
            ]
        }
        Side::Tabbed { pane, .. } => vec![(app.visible_tab(), pane)],
        Side::Hidden => vec![(app.focus, areas.text)],
        Side::None => Vec::new(),
    };
    let (focus, rect) = panes.into_iter().find(|(_, r)| r.contains(at))?;
    let inner = Block::bordered().inner(rect);
    let focus = if focus == Focus::Text { Focus::Claims } else { focus };
    let selected = app.selected[focus as usize - 1];
    // The same items, in the same window, as the pane drew.
    let mono = &crate::theme::MONO;
    let (range, items) = match focus {
        Focus::Counterpoints => {
            let range = list::window(app.counterpoints_in_view().len(), selected, inner.height);
            (range.clone(), counterpoints::items(app, inner.width, mono, range))
        }
        Focus::Factors => (0..app.briefing.factors.len(), factors::items(app, inner.width, mono)),
        _ => {
            let range = list::window(app.claims_in_view().len(), selected, inner.height);
            (range.clone(), claims::items(app, inner.width, mono, range))
        }
    };
    let spaced = focus != Focus::Factors;
    let item = list::item_at(&items, selected.saturating_sub(range.start), spaced, inner, y);
    Some((focus, item.map(|i| i + range.start)))
}

/// A mouse event as an action, if it lands on a pane.
pub fn mouse_action(app: &App, x: u16, y: u16, wheel: Option<bool>) -> Option<Action> {
    if app.overlay.is_some() {
        return Some(match wheel {
            Some(down) => Action::Wheel(Focus::Text, down),
            None => Action::Click(Focus::Text, None),
        });
    }
    let areas = app.areas();
    let at = Position { x, y };
    if let Some(outline) = areas.outline.filter(|o| o.contains(at)) {
        return match wheel {
            Some(true) => Some(Action::NextSection),
            Some(false) => Some(Action::PrevSection),
            None => outline::section_at(app, outline, y).map(Action::JumpToSection),
        };
    }
    if let (Side::Tabbed { tabs, .. }, None) = (areas.side, wheel)
        && tabs.contains(at)
    {
        return tab_at(x - tabs.x).map(|focus| Action::Click(focus, None));
    }
    let (focus, item) = hit_test(app, x, y)?;
    Some(match wheel {
        Some(down) => Action::Wheel(focus, down),
        None => Action::Click(focus, item),
    })
}

/// Spans for the slice `line` of `text`, with the byte ranges of `text` in `marks` styled
/// where they fall inside the slice. Marks are sorted and do not overlap.
fn highlighted<'a>(
    text: &'a str,
    line: Range<usize>,
    base: Style,
    marks: &[(Range<usize>, Style)],
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = line.start;
    for (range, style) in marks {
        let start = range.start.clamp(at, line.end);
        let end = range.end.clamp(start, line.end);
        if start > at {
            spans.push(Span::styled(&text[at..start], base));
        }
        if end > start {
            spans.push(Span::styled(&text[start..end], base.patch(*style)));
        }
        at = at.max(end);
    }
    if at < line.end {
        spans.push(Span::styled(&text[at..line.end], base));
    }
    spans
}

/// Search matches in a side-pane text (`field`), styled, the current match brighter.
fn search_marks(app: &App, field: Field, text: &str, theme: &Theme) -> Vec<(Range<usize>, Style)> {
    if app.search.query.is_empty() || app.search.hits.is_empty() {
        return Vec::new();
    }
    let current =
        app.search.current.and_then(|i| app.search.hits.get(i)).filter(|h| h.field == field);
    search::matches_in(text, &app.search.query)
        .into_iter()
        .map(|r| {
            let style = if current.is_some_and(|h| h.range == r) {
                theme.current_match
            } else {
                theme.matched
            };
            (r, style)
        })
        .collect()
}
