//! Where each pane goes for a given screen size: shared by `update` (page size, wrap width)
//! and `ui` (drawing, mouse hit tests), so both always agree.

use ratatui::layout::Rect;

/// The smallest screen the reader draws on; below it, a "too small" message.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// The largest screen the reader draws: a terminal's size is an outside number, never an
/// allocation size unchecked (a 65535x65535 pty would ask for gigabytes). A larger terminal
/// shows the reader in its top-left corner, and says so.
pub const MAX_WIDTH: u16 = 1000;
pub const MAX_HEIGHT: u16 = 500;

/// `(width, height)` within the largest screen drawn.
pub fn capped((width, height): (u16, u16)) -> (u16, u16) {
    (width.min(MAX_WIDTH), height.min(MAX_HEIGHT))
}

/// From this width on, the side panes stand beside the text; below it they fold into tabs.
pub const WIDE: u16 = 100;
/// The contents sidebar's width, when shown.
const OUTLINE_WIDTH: u16 = 26;
/// Reading lines longer than this are hard to follow: wider panes get margins instead.
pub const MAX_TEXT_WIDTH: u16 = 100;

/// The panes of one screen. Side panes are either all three (wide) or one tab (narrow).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub outline: Option<Rect>,
    pub text: Rect,
    pub side: Side,
    pub status: Rect,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Side {
    /// Too small to draw anything but a message.
    #[default]
    None,
    /// Claims, counterpoints and factors stacked beside the text.
    Stacked { claims: Rect, counterpoints: Rect, factors: Rect },
    /// One pane below the text, with a one-line tab bar above it.
    Tabbed { tabs: Rect, pane: Rect },
    /// No room for a side pane beside or below the text: a focused side pane takes the text's
    /// place.
    Hidden,
}

impl Areas {
    pub fn is_too_small(&self) -> bool {
        self.side == Side::None
    }
}

/// Splits `screen` into panes. Plain arithmetic: this runs on every key and at start-up,
/// where a constraint solver would cost more than the rest of the first frame.
pub fn areas(screen: Rect, show_outline: bool) -> Areas {
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return Areas { status: screen, ..Areas::default() };
    }
    let (body, status) = split_rows(screen, screen.height - 1);
    if screen.width >= WIDE {
        let outline_width = if show_outline { OUTLINE_WIDTH } else { 0 };
        // The side panes take about a third of the screen; claims and counterpoints two
        // fifths of the height each, factors the last fifth.
        let side_width = (u32::from(body.width) * 34 / 100) as u16;
        let (outline, rest) = split_columns(body, outline_width);
        let (text, side) = split_columns(rest, rest.width - side_width);
        let (claims, rest) = split_rows(side, side.height * 2 / 5);
        let (counterpoints, factors) = split_rows(rest, side.height * 2 / 5);
        let outline = show_outline.then_some(outline);
        return Areas {
            outline,
            text,
            side: Side::Stacked { claims, counterpoints, factors },
            status,
        };
    }
    // The text keeps at least three lines (five rows with its borders).
    let side_height = (body.height / 3).max(5).min(body.height.saturating_sub(5));
    if side_height < 4 {
        return Areas { outline: None, text: body, side: Side::Hidden, status };
    }
    let (text, rest) = split_rows(body, body.height - side_height);
    let (tabs, pane) = split_rows(rest, 1);
    Areas { outline: None, text, side: Side::Tabbed { tabs, pane }, status }
}

/// The first `height` rows of `area`, and the rest.
fn split_rows(area: Rect, height: u16) -> (Rect, Rect) {
    let height = height.min(area.height);
    (Rect { height, ..area }, Rect { y: area.y + height, height: area.height - height, ..area })
}

/// The first `width` columns of `area`, and the rest.
fn split_columns(area: Rect, width: u16) -> (Rect, Rect) {
    let width = width.min(area.width);
    (Rect { width, ..area }, Rect { x: area.x + width, width: area.width - width, ..area })
}

/// The reading pane's inside (the border taken off) and the width text wraps to.
pub fn text_inner(text: Rect) -> (Rect, usize) {
    let inner = Rect {
        x: text.x + 2,
        y: text.y + 1,
        width: text.width.saturating_sub(4),
        height: text.height.saturating_sub(2),
    };
    (inner, usize::from(inner.width.min(MAX_TEXT_WIDTH)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_stack_side_panes() {
        let a = areas(Rect::new(0, 0, 120, 40), true);
        assert!(a.outline.is_some());
        assert!(matches!(a.side, Side::Stacked { .. }));
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn narrow_screens_use_tabs_and_hide_the_outline() {
        let a = areas(Rect::new(0, 0, 80, 24), true);
        assert_eq!(a.outline, None);
        assert!(matches!(a.side, Side::Tabbed { .. }));
    }

    #[test]
    fn small_screens_keep_the_text_readable() {
        let a = areas(Rect::new(0, 0, 30, 8), true);
        assert_eq!(a.side, Side::Hidden);
        assert_eq!(text_inner(a.text).0.height, 5);
        let b = areas(Rect::new(0, 0, 60, 12), true);
        assert!(matches!(b.side, Side::Tabbed { .. }));
        assert!(text_inner(b.text).0.height >= 3, "{b:?}");
    }

    #[test]
    fn tiny_screens_are_too_small_without_panicking() {
        for (w, h) in [(0, 0), (1, 1), (29, 40), (200, 7), (65535, 0)] {
            assert!(areas(Rect::new(0, 0, w, h), true).is_too_small());
        }
    }
}
