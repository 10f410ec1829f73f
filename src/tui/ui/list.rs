//! The list shared by the side panes, the outline and the pickers: multi-line items, the
//! selected one kept in view and styled, and the reverse (which item is at a row) for the mouse.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::geometry::{Geometry, Target};
use crate::text;
use crate::tui::app::{App, ItemIx, SidePane};
use crate::tui::theme::Theme;

/// One entry: its lines, already wrapped to the list's width.
pub type Item<'a> = Vec<Line<'a>>;

/// Rows a list of items takes per item: its lines, and a blank row between items when
/// `spaced`.
fn rows(item: &Item, spaced: bool) -> usize {
    item.len().max(1) + usize::from(spaced)
}

/// A side pane of items: its frame and title, only the items that can be on screen (built by
/// `build` for a width and a range of indices), the selection kept in view, and a mark on
/// the frame for the items out of view. Records the pane and each item drawn in `geometry`.
pub fn pane<'a>(
    app: &App,
    pane: SidePane,
    (area, buf, geometry): (Rect, &mut Buffer, &mut Geometry),
    theme: &Theme,
    title: String,
    build: impl FnOnce(u16, Range<usize>) -> Vec<Item<'a>>,
) {
    let is_focused = app.focus() == pane.focus();
    let count = app.pane_len(pane);
    let selected = app.selected(pane).0.min(count.saturating_sub(1));
    let inner = super::pane_frame(buf, area, title, is_focused, theme);
    geometry.put(area, Target::Pane(pane.focus()));
    let range = window(count, selected, inner.height);
    let items = build(inner.width, range.clone());
    let style = if is_focused { theme.selected } else { theme.selected_unfocused };
    let spaced = pane != SidePane::Factors;
    let shown = (count > 0).then(|| selected - range.start);
    let drawn = render(&items, shown, style, spaced, inner, buf);
    if count > 0 {
        for (i, rect) in drawn.items {
            geometry.put(rect, Target::Item(pane, ItemIx(range.start + i)));
        }
    }
    let (above, below) = drawn.hidden;
    let hidden = (above + range.start, below + count - range.end);
    mark_hidden(area, hidden, drawn.cut, theme.dim, buf);
}

/// What `render` drew.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drawn {
    /// How many items are wholly out of view above and below.
    pub hidden: (usize, usize),
    /// The last item drawn did not fit: part of it is out of view.
    pub cut: bool,
    /// Each item drawn (its index in the list given) and the rows it took.
    pub items: Vec<(usize, Rect)>,
}

/// The items that can be on screen in a pane `height` rows high with `selected` in view: a
/// pane builds only these, so a section with hundreds of claims costs what its screen shows.
pub fn window(len: usize, selected: usize, height: u16) -> Range<usize> {
    let reach = usize::from(height);
    selected.saturating_sub(reach)..(selected + reach + 1).min(len)
}

/// The first item to draw so that `selected` is in view (items above it shown while they fit).
pub fn first_visible(items: &[Item], selected: usize, height: u16, spaced: bool) -> usize {
    let selected = selected.min(items.len().saturating_sub(1));
    let mut used = 0;
    let mut first = selected;
    for i in (0..=selected).rev() {
        // The gap below the selected item need not be on screen.
        used += items.get(i).map_or(1, |it| rows(it, spaced && i != selected));
        if used > usize::from(height) {
            break;
        }
        first = i;
    }
    first
}

/// Draws `items` into `area`, the selected one styled with `selected_style`, a blank row
/// between items when `spaced`.
pub fn render(
    items: &[Item],
    selected: Option<usize>,
    selected_style: Style,
    spaced: bool,
    area: Rect,
    buf: &mut Buffer,
) -> Drawn {
    let mut drawn = Vec::new();
    let first = first_visible(items, selected.unwrap_or(0), area.height, spaced);
    let mut y = area.y;
    let mut shown = first;
    let mut cut = false;
    for (i, item) in items.iter().enumerate().skip(first) {
        if y >= area.bottom() {
            break;
        }
        shown = i + 1;
        cut = y + item.len() as u16 > area.bottom();
        let top = y;
        for line in item {
            if y >= area.bottom() {
                break;
            }
            super::line::set_line(buf, area.x, y, line, area.width);
            y += 1;
        }
        let rows = Rect { x: area.x, y: top, width: area.width, height: y - top };
        if Some(i) == selected {
            buf.set_style(rows, selected_style);
        }
        drawn.push((i, rows));
        y = y.saturating_add(u16::from(spaced));
    }
    Drawn { hidden: (first, items.len() - shown), cut, items: drawn }
}

/// Marks on a pane's bottom border exactly what is out of view: "↑ 2 · ↓ 5 more", and
/// "cut" when the last item shown does not fit ("↓ cut · 3 more": the item at the bottom is
/// partly shown, three more are not shown at all).
pub fn mark_hidden(
    pane: Rect,
    (above, below): (usize, usize),
    cut: bool,
    style: Style,
    buf: &mut Buffer,
) {
    let down = match (cut, below) {
        (false, 0) => None,
        (true, 0) => Some("↓ cut".to_string()),
        (false, b) => Some(format!("↓ {b} more")),
        (true, b) => Some(format!("↓ cut · {b} more")),
    };
    let text = match (above, down) {
        (0, None) => return,
        (0, Some(down)) => format!(" {down} "),
        (a, None) => format!(" ↑ {a} above "),
        (a, Some(down)) => format!(" ↑ {a} · {down} "),
    };
    let width = text.chars().count() as u16;
    if pane.height < 2 || pane.width < width + 2 {
        return;
    }
    buf.set_string(pane.right() - width - 1, pane.bottom() - 1, text, style);
}

/// `text` wrapped to `width`, the first line after `first`, the others after `rest`
/// (both prefixes the same width), with the byte ranges in `marks` styled.
pub fn wrapped<'a>(
    text: &'a str,
    width: u16,
    first: Span<'a>,
    rest: &'a str,
    style: Style,
    marks: &[(Range<usize>, Style)],
) -> Vec<Line<'a>> {
    let room = usize::from(width).saturating_sub(first.width()).max(1);
    let mut prefix = Some(first);
    text::wrap(text, room)
        .into_iter()
        .map(|r| {
            let lead = prefix.take().unwrap_or_else(|| Span::raw(rest));
            let mut spans = vec![lead];
            spans.extend(super::highlighted(text, r, style, marks));
            Line::from(spans)
        })
        .collect()
}

/// `text` (made safe already) wrapped to `width` after a two-column indent, owned: for text
/// put together for the pane, not borrowed from the briefing.
pub fn wrapped_owned(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let room = usize::from(width).saturating_sub(2).max(1);
    text::wrap(text, room)
        .into_iter()
        .map(|r| Line::from(vec![Span::raw("  "), Span::styled(text[r].to_string(), style)]))
        .collect()
}

/// A dim placeholder for an empty pane, wrapped and indented like items.
pub fn placeholder<'a>(message: &'a str, width: u16, style: Style) -> Vec<Item<'a>> {
    vec![wrapped(message, width, Span::raw("  "), "  ", style, &[])]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(heights: &[usize]) -> Vec<Item<'static>> {
        heights.iter().map(|&h| vec![Line::raw("x"); h]).collect()
    }

    #[test]
    fn selection_stays_in_view() {
        let it = items(&[2, 2, 2, 2, 2]);
        assert_eq!(first_visible(&it, 0, 4, false), 0);
        assert_eq!(first_visible(&it, 1, 4, false), 0);
        assert_eq!(first_visible(&it, 3, 4, false), 2);
        assert_eq!(first_visible(&it, 4, 3, false), 4);
        // With gaps, two items of two lines need five rows.
        assert_eq!(first_visible(&it, 1, 4, true), 1);
        assert_eq!(first_visible(&it, 1, 5, true), 0);
    }

    /// What is out of view is counted exactly: an item partly shown is "cut", not one of the
    /// "more" that are not shown at all.
    #[test]
    fn hidden_items_are_counted_exactly() {
        let area = Rect::new(0, 0, 20, 5);
        let mut buf = Buffer::empty(area);
        // Three lines, a gap, then one line of the second item: cut; two more unseen.
        let drawn = render(&items(&[3, 3, 3, 3]), Some(0), Style::default(), true, area, &mut buf);
        assert_eq!((drawn.hidden, drawn.cut), ((0, 2), true));
        // Everything fits: nothing to mark.
        let drawn = render(&items(&[2, 2]), Some(0), Style::default(), true, area, &mut buf);
        assert_eq!((drawn.hidden, drawn.cut), ((0, 0), false));
        let mark = |hidden, cut| {
            let mut buf = Buffer::empty(Rect::new(0, 0, 30, 3));
            mark_hidden(buf.area, hidden, cut, Style::default(), &mut buf);
            (0..30).map(|x| buf[(x, 2)].symbol().to_string()).collect::<String>()
        };
        assert_eq!(mark((0, 2), true).trim(), "↓ cut · 2 more");
        assert_eq!(mark((0, 0), true).trim(), "↓ cut");
        assert_eq!(mark((1, 3), false).trim(), "↑ 1 · ↓ 3 more");
        assert_eq!(mark((0, 0), false).trim(), "");
    }
}
