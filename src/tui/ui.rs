//! Drawing: `paint` splits the screen (see `layout`) and calls each pane, drawing only the
//! parts an action can have changed (`redraw_for`) on the `Screen`. Render reads `App` and
//! never changes it; it records where it drew each pane, tab and item in a `Geometry`, which
//! mouse events are resolved against.

pub mod article;
pub mod body;
pub mod claims;
pub mod counterpoints;
pub mod factors;
pub mod geometry;
pub mod help;
pub mod line;
pub mod list;
pub mod marks;
pub mod matrix;
pub mod note_editor;
pub mod notes;
pub mod outline;
pub mod picker;
pub mod problems;
pub mod review;
pub mod status_bar;
pub mod watch;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use std::io::{self, Write};
use std::ops::Range;

use crate::tui::app::search::Field;
pub use geometry::{Geometry, Target};

use crate::tui::app::{Action, App, Focus, Mode, Overlay, SidePane};
use crate::tui::keymap;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH, Side};
use crate::tui::screen::Screen;
use crate::tui::theme::Theme;

/// What the next frame must paint again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Redraw {
    Nothing,
    /// The reading pane and the status bar: all that scrolling the text changes.
    Text,
    All,
}

/// What `action` can change on screen, asked before `app` applies it. Scrolling the text
/// while reading changes only the scroll position (and clears the status message), and the
/// side panes and the contents do not depend on it.
pub fn redraw_for(app: &App, action: &Action) -> Redraw {
    let scrolls_text = matches!(
        action,
        Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
            | Action::Wheel(Focus::Text, _)
    );
    let reading = matches!(app.mode(), Mode::Reading | Mode::Matches);
    if scrolls_text && reading && app.focus() == Focus::Text && !app.areas().is_too_small() {
        Redraw::Text
    } else {
        Redraw::All
    }
}

/// Paints on `screen` what `redraw` says may have changed, then writes it out. `scrolled`:
/// by how many lines the text moved since the last paint (down is positive). A whole frame
/// records where it put everything in `geometry`; a part leaves it as it was (the text and
/// the status bar stay where they were).
///
/// This is the only way anything is drawn, for users and for tests alike.
pub fn paint<W: Write>(
    screen: &mut Screen<W>,
    app: &App,
    theme: &Theme,
    redraw: Redraw,
    scrolled: isize,
    geometry: &mut Geometry,
) -> io::Result<()> {
    let size = app.screen();
    let redraw = if screen.area().as_size() != size.as_size() {
        // The terminal changed size: everything is drawn again, on a cleared screen.
        screen.resize(size.width, size.height);
        Redraw::All
    } else {
        redraw
    };
    match redraw {
        Redraw::Nothing => return Ok(()),
        Redraw::Text => {
            let areas = app.areas();
            // Where the text's rows are whole rows of the screen (narrow layouts), the
            // terminal moves them, and only the lines that came in are written.
            let moved = areas.text.width == screen.area().width;
            if moved {
                let (inner, _) = crate::tui::layout::text_inner(areas.text, app.shape().measure);
                screen.scroll(inner.top()..inner.bottom(), scrolled);
            }
            article::draw_scrolled(screen, app, areas.text, theme, (scrolled, moved));
            status_bar::draw_scrolled(screen, app, areas.status, theme);
        }
        Redraw::All => {
            geometry.clear();
            screen.draw(|area, buf| render(area, buf, app, theme, geometry));
        }
    }
    screen.flush()
}

/// Draws the whole screen, `area`, into `buf`, and records in `geometry` where.
fn render(area: Rect, buf: &mut Buffer, app: &App, theme: &Theme, geometry: &mut Geometry) {
    let areas = crate::tui::layout::areas(area, &app.shape());
    if areas.is_too_small() {
        let message = format!(
            "Terminal too small ({}x{}): briefing needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        );
        Paragraph::new(message).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    if let Some(outline) = areas.outline {
        outline::render(app, outline, buf, theme, geometry);
    }
    // On the smallest screens a focused side pane takes the text's place.
    match (areas.side, app.focus().side()) {
        (Side::Hidden, Some(pane)) => side_pane(app, pane, areas.text, buf, theme, geometry),
        _ => {
            article::render(app, areas.text, buf, theme);
            geometry.put(areas.text, Target::Pane(Focus::Text));
        }
    }
    match areas.side {
        Side::Stacked { column } => {
            let [claims, marks, counterpoints, factors] =
                crate::tui::layout::stack(column, side_pane_needs(app, column.width, theme));
            claims::render(app, claims, buf, theme, geometry);
            marks::render(app, marks, buf, theme, geometry);
            counterpoints::render(app, counterpoints, buf, theme, geometry);
            factors::render(app, factors, buf, theme, geometry);
        }
        Side::Tabbed { tabs, pane } => {
            render_tabs(app, tabs, buf, theme, geometry);
            side_pane(app, app.visible_tab(), pane, buf, theme, geometry);
        }
        Side::None | Side::Hidden | Side::Off => {}
    }
    status_bar::render(app, areas.status, buf, theme);
    let Some(overlay) = app.overlay() else { return };
    match overlay {
        Overlay::Help { scroll } => help::render(*scroll, area, buf, theme),
        Overlay::Picker(p) => picker::render(app, p, area, buf, theme),
        Overlay::Editor(editor) => note_editor::render(app, editor, area, buf, theme),
        Overlay::Confirm(confirm) => note_editor::render_confirm(app, confirm, area, buf, theme),
        Overlay::Notes(view) => notes::render(app, view, area, buf, theme),
        Overlay::Matrix(view) => matrix::render(app, view, area, buf, theme),
        Overlay::Review(view) => review::render(app, view, area, buf, theme),
        Overlay::Watch(view) => watch::render(app, view, area, buf, theme),
        Overlay::Problems { scroll } => problems::render(app, *scroll, area, buf, theme),
    }
    // An overlay takes every click, wherever it lands.
    geometry.put(area, Target::Overlay);
}

/// The rows each side pane needs to show all it holds at `width` (borders included; 0 for a
/// pane with nothing), from the same items the panes draw.
fn side_pane_needs(app: &App, width: u16, theme: &Theme) -> [u16; 4] {
    let width = width.saturating_sub(2);
    let rows = |count: usize, items: Vec<list::Item>, spaced: bool| {
        if count == 0 {
            return 0;
        }
        let lines: usize = items.iter().map(|i| i.len().max(1)).sum();
        let gaps = if spaced { items.len().saturating_sub(1) } else { 0 };
        u16::try_from(lines + gaps + 2).unwrap_or(u16::MAX)
    };
    let counts = [
        app.claims_in_view().len(),
        app.marks_in_view().len(),
        app.counterpoints_in_view().len(),
        app.briefing().factors.len(),
    ];
    [
        rows(counts[0], claims::items(app, width, theme, 0..counts[0]), true),
        rows(counts[1], marks::items(app, width, theme, 0..counts[1]), true),
        rows(counts[2], counterpoints::items(app, width, theme, 0..counts[2]), true),
        rows(counts[3], factors::items(app, width, theme, 0..counts[3]), false),
    ]
}

fn side_pane(
    app: &App,
    pane: SidePane,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    geometry: &mut Geometry,
) {
    match pane {
        SidePane::Claims => claims::render(app, area, buf, theme, geometry),
        SidePane::Marks => marks::render(app, area, buf, theme, geometry),
        SidePane::Counterpoints => counterpoints::render(app, area, buf, theme, geometry),
        SidePane::Factors => factors::render(app, area, buf, theme, geometry),
    }
}

/// The tab bar of narrow screens: the three side panes, the shown one marked.
fn render_tabs(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, geometry: &mut Geometry) {
    let shown = app.visible_tab();
    let mut spans = Vec::new();
    let mut x = area.x;
    // Every tab must show: on a narrow bar, the long names shortened.
    let full: usize = SidePane::ALL.iter().map(|p| crate::text::width(p.name()) + 3).sum();
    let name = if full <= usize::from(area.width) { SidePane::name } else { SidePane::short_name };
    for pane in SidePane::ALL {
        let style = match (pane == shown, app.focus() == pane.focus()) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => theme.dim,
        };
        let label = format!(" {} ", name(pane));
        let width = crate::text::width(&label) as u16;
        geometry.put(Rect { x, width, ..area }.intersection(area), Target::Tab(pane));
        x = x.saturating_add(width + 1);
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    let switch = keymap::key_for(Mode::Reading, Action::FocusNext);
    spans.push(Span::styled(format!("{switch}: switch"), theme.dim));
    line::set_line(buf, area.x, area.y, &Line::from(spans), area.width);
}

pub use status_bar::fit;

/// Marks the focused pane's title.
pub const FOCUS_MARK: &str = "▸";

/// A pane's frame: bordered, titled, brighter and marked (`FOCUS_MARK`) when it has focus.
/// Returns the inside.
///
/// Draws what `Block::bordered().border_style(s).title(title.style(s))` draws (the title
/// marked when focused), without visiting every cell inside the way `Block` does: the
/// reading pane is drawn on every key.
fn pane_frame<'a>(
    buf: &mut Buffer,
    area: Rect,
    title: impl Into<Line<'a>>,
    is_focused: bool,
    theme: &Theme,
) -> Rect {
    let style = border_style(is_focused, theme);
    let mut title = title.into();
    // Focus shows in the title as well as in the border's colour (which NO_COLOR drops).
    if is_focused {
        title.spans.insert(0, Span::raw(FOCUS_MARK));
    }
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 {
        let block = Block::bordered().border_style(style).title(title.style(style));
        let inner = block.inner(area);
        block.render(area, buf);
        return inner;
    }
    let (left, right) = (area.left(), area.right() - 1);
    let (top, bottom) = (area.top(), area.bottom() - 1);
    for x in left + 1..right {
        buf[(x, top)].set_symbol("─").set_style(style);
        buf[(x, bottom)].set_symbol("─").set_style(style);
    }
    for y in top + 1..bottom {
        buf[(left, y)].set_symbol("│").set_style(style);
        buf[(right, y)].set_symbol("│").set_style(style);
    }
    for (x, y, corner) in
        [(left, top, "┌"), (right, top, "┐"), (left, bottom, "└"), (right, bottom, "┘")]
    {
        buf[(x, y)].set_symbol(corner).set_style(style);
    }
    let title_area = Rect::new(left + 1, top, area.width - 2, 1);
    title.style(style).render(title_area, buf);
    Block::bordered().inner(area)
}

fn border_style(is_focused: bool, theme: &Theme) -> Style {
    if is_focused { theme.border_focused } else { theme.border }
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
    let search = app.search();
    if search.count() == 0 {
        return Vec::new();
    }
    let current = search.current_hit().filter(|h| h.field == field);
    (search.matches_in(text).into_iter())
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::Color;

    proptest! {
        #[test]
        fn a_pane_frame_is_what_a_bordered_block_draws(
            x in 0u16..3,
            y in 0u16..3,
            width in 0u16..14,
            height in 0u16..6,
            title in prop::collection::vec(
                prop::sample::select(vec![" ", "Claims", "中文", "😀", "(3 of 12)", "§"]),
                0..5,
            ),
            is_focused: bool,
        ) {
            let theme = crate::tui::theme::COLOR;
            let screen = Rect::new(0, 0, 12, 6);
            let area = Rect::new(x, y, width, height);
            let title = Line::from(vec![
                Span::raw(title.concat()),
                Span::styled("!", Style::default().fg(Color::Red)),
            ]);
            let mut ours = Buffer::empty(screen);
            let inner = pane_frame(&mut ours, area, title.clone(), is_focused, &theme);
            let style = if is_focused { theme.border_focused } else { theme.border };
            let mut title = title;
            if is_focused {
                title.spans.insert(0, Span::raw(FOCUS_MARK));
            }
            let block = Block::bordered().border_style(style).title(title.style(style));
            let area = area.intersection(screen);
            let mut theirs = Buffer::empty(screen);
            prop_assert_eq!(inner, block.inner(area));
            block.render(area, &mut theirs);
            prop_assert_eq!(ours, theirs);
        }
    }
}
