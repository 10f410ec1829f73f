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
/// The contents sidebar's width: as its titles need (`Shape::outline_width`), within these.
pub const OUTLINE_MIN: u16 = 14;
pub const OUTLINE_MAX: u16 = 30;
/// The reading measure: text wraps at most this wide; a wider pane centres it. The config's
/// `[layout] measure` changes it, within `MEASURES`.
pub const MAX_TEXT_WIDTH: u16 = 80;
/// The measures a config may ask for.
pub const MEASURES: std::ops::RangeInclusive<u16> = 40..=160;
/// The narrowest measure the wide layout gives the text while it can (at 120 columns and
/// more): side panes narrow first, then the sidebar steps aside.
pub const MIN_TEXT_WIDTH: u16 = 60;
/// The side panes' width, beside the text: about a third of the screen, within these.
const SIDE_MIN: u16 = 30;
const SIDE_MAX: u16 = 64;
/// The reading pane's border and padding, each side.
const TEXT_FRAME: u16 = 4;

/// What the layout depends on besides the screen's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// The contents sidebar is wanted (`o`).
    pub show_outline: bool,
    /// The analysis panes are shown (`z` hides them all: reading mode).
    pub show_analysis: bool,
    /// The sidebar's width its titles need, borders included (clamped here).
    pub outline_width: u16,
    /// The widest a line of text gets (`MAX_TEXT_WIDTH` unless configured).
    pub measure: u16,
    /// A side pane has focus: below the text (narrow screens) it gets two thirds of the rows
    /// instead of one, so what it holds shows (at 80x24, three claims rather than one).
    pub side_focused: bool,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            show_outline: true,
            show_analysis: true,
            outline_width: 26,
            measure: MAX_TEXT_WIDTH,
            side_focused: false,
        }
    }
}

/// How the reader starts, as the config's `[layout]` says: the measure, and whether the
/// sidebar and the analysis panes are shown (`o` and `z` still toggle them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Start {
    pub measure: u16,
    pub sidebar: bool,
    pub analysis: bool,
}

impl Default for Start {
    fn default() -> Self {
        Start { measure: MAX_TEXT_WIDTH, sidebar: true, analysis: true }
    }
}

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
    /// Claims, counterpoints and factors stacked beside the text, in this column: how high
    /// each is depends on what it holds (`stack`, given that by the renderer).
    Stacked { column: Rect },
    /// One pane below the text, with a one-line tab bar above it.
    Tabbed { tabs: Rect, pane: Rect },
    /// No room for a side pane beside or below the text: a focused side pane takes the text's
    /// place.
    Hidden,
    /// The analysis panes are hidden (`z`): the text alone (and the sidebar).
    Off,
}

impl Areas {
    pub fn is_too_small(&self) -> bool {
        self.side == Side::None
    }
}

/// Splits `screen` into panes. Plain arithmetic: this runs on every key and at start-up,
/// where a constraint solver would cost more than the rest of the first frame.
pub fn areas(screen: Rect, shape: &Shape) -> Areas {
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return Areas { status: screen, ..Areas::default() };
    }
    let (body, status) = split_rows(screen, screen.height - 1);
    if screen.width >= WIDE {
        let mut outline_width = if shape.show_outline {
            shape.outline_width.clamp(OUTLINE_MIN, OUTLINE_MAX)
        } else {
            0
        };
        // The measure first: side panes give up columns down to their least, then the
        // sidebar (its titles wrap), then the sidebar steps aside (`o` and the contents
        // picker still reach the sections) and the side panes start again.
        let wanted = MIN_TEXT_WIDTH.min(shape.measure) + TEXT_FRAME;
        let text_width = |o: u16, s: u16| body.width.saturating_sub(o + s);
        let side_for = |outline: u16| {
            if !shape.show_analysis {
                return 0;
            }
            let side = ((u32::from(body.width) * 34 / 100) as u16).clamp(SIDE_MIN, SIDE_MAX);
            let short = wanted.saturating_sub(text_width(outline, side));
            side - short.min(side - SIDE_MIN)
        };
        let mut side_width = side_for(outline_width);
        let short = wanted.saturating_sub(text_width(outline_width, side_width));
        if outline_width > 0 && short > 0 {
            outline_width -= short.min(outline_width - OUTLINE_MIN);
        }
        if text_width(outline_width, side_width) < wanted {
            outline_width = 0;
            side_width = side_for(0);
        }
        let (outline, rest) = split_columns(body, outline_width);
        let (text, side) = split_columns(rest, rest.width - side_width.min(rest.width));
        let outline = (outline_width > 0).then_some(outline);
        if !shape.show_analysis {
            return Areas { outline, text, side: Side::Off, status };
        }
        return Areas { outline, text, side: Side::Stacked { column: side }, status };
    }
    if !shape.show_analysis {
        return Areas { outline: None, text: body, side: Side::Off, status };
    }
    // The text keeps at least three lines (five rows with its borders); a third of the rows
    // go to the tab pane, two thirds while it has focus.
    let share = if shape.side_focused { body.height * 2 / 3 } else { body.height / 3 };
    let side_height = share.max(5).min(body.height.saturating_sub(5));
    if side_height < 4 {
        return Areas { outline: None, text: body, side: Side::Hidden, status };
    }
    let (text, rest) = split_rows(body, body.height - side_height);
    let (tabs, pane) = split_rows(rest, 1);
    Areas { outline: None, text, side: Side::Tabbed { tabs, pane }, status }
}

/// How many side panes there are: claims, marks, counterpoints, factors.
pub const PANES: usize = 4;

/// The parts of the column each pane's share is, when not all fit.
const WEIGHTS: [u32; PANES] = [2, 1, 2, 1];

/// The side panes (claims, marks, counterpoints, factors) one above the other in `column`,
/// `need` the rows each needs for all it holds (0: nothing to show). While all fit, each gets
/// what it needs; when not, claims and counterpoints share two parts each, marks and factors one, a
/// pane needing less than its share taking only that and the others sharing the rest again. A
/// pane with nothing is its title line. Room left over goes to the last pane with something
/// (the factors when none has), so the column is always filled.
pub fn stack(column: Rect, need: [u16; PANES]) -> [Rect; PANES] {
    let need = need.map(u32::from);
    let mut heights = [0u32; PANES];
    let mut left = u32::from(column.height);
    let mut open: Vec<usize> = Vec::new();
    for i in 0..PANES {
        if need[i] == 0 {
            heights[i] = 1.min(left);
            left -= heights[i];
        } else {
            open.push(i);
        }
    }
    loop {
        let total: u32 = open.iter().map(|&i| WEIGHTS[i]).sum();
        let fits: Vec<usize> =
            open.iter().copied().filter(|&i| need[i] <= left * WEIGHTS[i] / total.max(1)).collect();
        if fits.is_empty() {
            break;
        }
        for i in fits {
            heights[i] = need[i];
            left -= need[i];
            open.retain(|&o| o != i);
        }
    }
    let total: u32 = open.iter().map(|&i| WEIGHTS[i]).sum();
    for &i in &open {
        heights[i] = left * WEIGHTS[i] / total.max(1);
    }
    let used: u32 = heights.iter().sum();
    let last = (0..PANES).rev().find(|&i| need[i] > 0).unwrap_or(PANES - 1);
    heights[last] += u32::from(column.height).saturating_sub(used);
    let mut y = column.y;
    heights.map(|h| {
        let h = u16::try_from(h).unwrap_or(0).min(column.bottom() - y);
        let rect = Rect { y, height: h, ..column };
        y += h;
        rect
    })
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

/// The reading pane's inside (the border taken off) and the width text wraps to: at most
/// `measure`, centred in a wider pane.
pub fn text_inner(text: Rect, measure: u16) -> (Rect, usize) {
    let width = text.width.saturating_sub(TEXT_FRAME);
    let measure = width.min(measure);
    let inner = Rect {
        x: text.x + 2 + (width - measure) / 2,
        y: text.y + 1,
        width: measure,
        height: text.height.saturating_sub(2),
    };
    (inner, usize::from(measure))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_stack_side_panes() {
        let a = areas(Rect::new(0, 0, 120, 40), &Shape::default());
        assert!(a.outline.is_some());
        assert!(matches!(a.side, Side::Stacked { .. }));
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn narrow_screens_use_tabs_and_hide_the_outline() {
        let a = areas(Rect::new(0, 0, 80, 24), &Shape::default());
        assert_eq!(a.outline, None);
        assert!(matches!(a.side, Side::Tabbed { .. }));
    }

    #[test]
    fn small_screens_keep_the_text_readable() {
        let a = areas(Rect::new(0, 0, 30, 8), &Shape::default());
        assert_eq!(a.side, Side::Hidden);
        assert_eq!(text_inner(a.text, MAX_TEXT_WIDTH).0.height, 5);
        let b = areas(Rect::new(0, 0, 60, 12), &Shape::default());
        assert!(matches!(b.side, Side::Tabbed { .. }));
        assert!(text_inner(b.text, MAX_TEXT_WIDTH).0.height >= 3, "{b:?}");
    }

    #[test]
    fn tiny_screens_are_too_small_without_panicking() {
        for (w, h) in [(0, 0), (1, 1), (29, 40), (200, 7), (65535, 0)] {
            assert!(areas(Rect::new(0, 0, w, h), &Shape::default()).is_too_small());
        }
    }

    /// The areas of a wide screen, the measure, and the side panes' column.
    fn wide(width: u16, height: u16, shape: Shape) -> (Areas, usize, Rect) {
        let a = areas(Rect::new(0, 0, width, height), &shape);
        let Side::Stacked { column } = a.side else { panic!("{width}x{height}: {a:?}") };
        (a, text_inner(a.text, MAX_TEXT_WIDTH).1, column)
    }

    /// The measure: 60 to 80 characters whenever there is room, the sidebar as wide as its
    /// titles need, every column used.
    #[test]
    fn the_text_gets_a_reading_measure_at_every_size() {
        let titles = |w| Shape { outline_width: w, ..Shape::default() };
        for (width, outline) in [(120, 26), (120, 30), (120, 18), (140, 30), (160, 30), (200, 30)] {
            let (a, measure, side) = wide(width, 40, titles(outline));
            assert!((60..=80).contains(&measure), "{width} cols, sidebar {outline}: {measure}");
            let used = a.outline.map_or(0, |o| o.width) + a.text.width + side.width;
            assert_eq!(used, width, "{a:?}");
            assert!(a.outline.is_some(), "{width} cols keep the sidebar");
            assert!(side.width >= 30, "{a:?}");
        }
        // A short title needs a narrow sidebar; a long one gets at most OUTLINE_MAX.
        let (a, ..) = wide(200, 60, titles(16));
        assert_eq!(a.outline.map(|o| o.width), Some(16));
        let (a, measure, side) = wide(200, 60, titles(70));
        assert_eq!((a.outline.map(|o| o.width), measure), (Some(OUTLINE_MAX), 80));
        assert_eq!(side.width, SIDE_MAX);
        // The measure is centred in a wider pane.
        let (inner, _) = text_inner(a.text, MAX_TEXT_WIDTH);
        let (left, right) = (inner.x - a.text.x, a.text.right() - inner.right());
        assert!(left.abs_diff(right) <= 1, "{inner:?} in {:?}", a.text);
        // At 100 columns the sidebar steps aside so the text keeps its 60.
        let (a, measure, _) = wide(100, 30, titles(26));
        assert_eq!(a.outline, None);
        assert!(measure >= 60, "{measure}");
    }

    #[test]
    fn an_empty_side_pane_shrinks_to_its_title_line() {
        let (_, _, column) = wide(120, 40, Shape::default());
        // Panes holding more than the column: shares, an empty pane its title line.
        let stacked = |need: [u16; PANES]| stack(column, need);
        let [claims, marks, counterpoints, factors] = stacked([99, 0, 0, 99]);
        assert_eq!((marks.height, counterpoints.height), (1, 1));
        assert_eq!(claims.height + marks.height + counterpoints.height + factors.height, 39);
        assert_eq!(claims.height, (39 - 2) * 2 / 3, "claims two parts, factors one");
        assert_eq!(stacked([0, 0, 0, 99]).map(|r| r.height), [1, 1, 1, 36]);
        assert_eq!(stacked([99, 0, 99, 0]).map(|r| r.height), [18, 1, 19, 1]);
        // The panes stand one below the other, with no gap and no overlap.
        for need in [[99; PANES], [0, 99, 0, 0], [0; PANES], [3, 7, 50, 4]] {
            let [a, b, c, d] = stacked(need);
            assert_eq!(
                (a.bottom(), b.bottom(), c.bottom(), d.bottom()),
                (b.y, c.y, d.y, 39),
                "{need:?}"
            );
        }
    }

    #[test]
    fn side_panes_get_what_they_need_while_all_fits() {
        let column = Rect::new(80, 0, 40, 39);
        // All fits: each its need, the rest to the last pane with something.
        assert_eq!(stack(column, [6, 3, 5, 10]).map(|r| r.height), [6, 3, 5, 25]);
        assert_eq!(stack(column, [6, 0, 5, 0]).map(|r| r.height), [6, 1, 31, 1]);
        // Not all fits: the small one keeps its need, the others share what is left 2:1.
        assert_eq!(stack(column, [4, 0, 60, 60]).map(|r| r.height), [4, 1, 22, 12]);
    }

    #[test]
    fn z_leaves_the_text_alone() {
        let off = Shape { show_analysis: false, ..Shape::default() };
        for (width, height) in [(200, 60), (120, 40), (100, 30), (80, 24), (60, 20)] {
            let a = areas(Rect::new(0, 0, width, height), &off);
            assert_eq!(a.side, Side::Off, "{width}x{height}");
            let outline = a.outline.map_or(0, |o| o.width);
            assert_eq!(a.text.width + outline, width);
            assert_eq!(a.text.height, height - 1);
        }
    }

    #[test]
    fn narrow_screens_keep_three_lines_of_text_and_a_tab() {
        for (width, height) in [(80, 24), (60, 20), (99, 30)] {
            let a = areas(Rect::new(0, 0, width, height), &Shape::default());
            let Side::Tabbed { tabs, pane } = a.side else { panic!("{width}x{height}: {a:?}") };
            assert!(text_inner(a.text, MAX_TEXT_WIDTH).0.height >= 3);
            assert_eq!((tabs.height, a.text.bottom(), tabs.bottom()), (1, tabs.y, pane.y));
            assert_eq!(text_inner(a.text, MAX_TEXT_WIDTH).1, usize::from(width - 4).min(80));
            // A focused tab pane gets two thirds of the rows; the text still three lines.
            let focused = Shape { side_focused: true, ..Shape::default() };
            let f = areas(Rect::new(0, 0, width, height), &focused);
            let Side::Tabbed { pane: wide, .. } = f.side else { panic!("{width}x{height}") };
            assert!(wide.height > pane.height, "{width}x{height}: {wide:?} {pane:?}");
            assert!(text_inner(f.text, MAX_TEXT_WIDTH).0.height >= 3);
        }
        // At 80x24 the claims tab holds three claims of four rows, not one.
        let f = areas(Rect::new(0, 0, 80, 24), &Shape { side_focused: true, ..Shape::default() });
        let Side::Tabbed { pane, .. } = f.side else { panic!() };
        assert!(pane.height - 2 >= 3 * 4, "{pane:?}");
    }
}
