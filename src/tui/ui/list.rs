//! The list shared by the side panes, the outline and the pickers: multi-line items, the
//! selected one kept in view and styled, and the reverse (which item is at a row) for the mouse.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::text;

/// One entry: its lines, already wrapped to the list's width.
pub type Item<'a> = Vec<Line<'a>>;

/// Rows a list of items takes per item: its lines, and a blank row between items when
/// `spaced`.
fn rows(item: &Item, spaced: bool) -> usize {
    item.len().max(1) + usize::from(spaced)
}

/// A side pane of items: its frame and title, only the items that can be on screen (built by
/// `build` for a width and a range of indices), the selection kept in view, and a mark on
/// the frame for the items out of view.
#[allow(clippy::too_many_arguments)]
pub fn pane<'a>(
    area: Rect,
    buf: &mut Buffer,
    theme: &crate::tui::theme::Theme,
    title: String,
    is_focused: bool,
    count: usize,
    selected: usize,
    build: impl FnOnce(u16, Range<usize>) -> Vec<Item<'a>>,
) {
    let inner = super::pane_frame(buf, area, title, is_focused, theme);
    let range = window(count, selected, inner.height);
    let items = build(inner.width, range.clone());
    let style = if is_focused { theme.selected } else { theme.selected_unfocused };
    let selected = (count > 0).then(|| selected - range.start);
    let (above, below) = render(&items, selected, style, true, inner, buf);
    mark_hidden(area, (above + range.start, below + count - range.end), theme.dim, buf);
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
/// between items when `spaced`. Returns how many items are out of view above and below.
pub fn render(
    items: &[Item],
    selected: Option<usize>,
    selected_style: Style,
    spaced: bool,
    area: Rect,
    buf: &mut Buffer,
) -> (usize, usize) {
    let first = first_visible(items, selected.unwrap_or(0), area.height, spaced);
    let mut y = area.y;
    let mut shown = first;
    for (i, item) in items.iter().enumerate().skip(first) {
        if y >= area.bottom() {
            break;
        }
        if y + item.len() as u16 <= area.bottom() {
            shown = i + 1;
        }
        let top = y;
        for line in item {
            if y >= area.bottom() {
                break;
            }
            super::line::set_line(buf, area.x, y, line, area.width);
            y += 1;
        }
        if Some(i) == selected {
            buf.set_style(
                Rect { x: area.x, y: top, width: area.width, height: y - top },
                selected_style,
            );
        }
        y = y.saturating_add(u16::from(spaced));
    }
    (first, items.len() - shown)
}

/// Marks on a pane's bottom border how many items are out of view: "↑ 2 ↓ 5 more".
pub fn mark_hidden(pane: Rect, (above, below): (usize, usize), style: Style, buf: &mut Buffer) {
    let text = match (above, below) {
        (0, 0) => return,
        (0, b) => format!(" ↓ {b} more "),
        (a, 0) => format!(" ↑ {a} above "),
        (a, b) => format!(" ↑ {a} · ↓ {b} more "),
    };
    let width = text.chars().count() as u16;
    if pane.height < 2 || pane.width < width + 2 {
        return;
    }
    buf.set_string(pane.right() - width - 1, pane.bottom() - 1, text, style);
}

/// Which item is drawn at row `y`, given the same items, selection and area as `render`.
pub fn item_at(items: &[Item], selected: usize, spaced: bool, area: Rect, y: u16) -> Option<usize> {
    let mut row = area.y;
    for (i, item) in
        items.iter().enumerate().skip(first_visible(items, selected, area.height, spaced))
    {
        let height = u16::try_from(item.len()).unwrap_or(u16::MAX);
        if (row..row.saturating_add(height)).contains(&y) {
            return Some(i);
        }
        row = row.saturating_add(height).saturating_add(u16::from(spaced));
    }
    None
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

    #[test]
    fn item_at_maps_rows_back() {
        let it = items(&[2, 1, 3]);
        let area = Rect::new(0, 10, 20, 6);
        assert_eq!(item_at(&it, 0, false, area, 10), Some(0));
        assert_eq!(item_at(&it, 0, false, area, 11), Some(0));
        assert_eq!(item_at(&it, 0, false, area, 12), Some(1));
        assert_eq!(item_at(&it, 0, false, area, 15), Some(2));
        assert_eq!(item_at(&it, 0, false, area, 16), None);
        assert_eq!(item_at(&it, 0, true, area, 12), None);
        assert_eq!(item_at(&it, 0, true, area, 13), Some(1));
    }
}
