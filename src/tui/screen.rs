//! The terminal as a grid of cells: what it shows now, and the least writing to change it.
//!
//! ratatui's `Terminal` renders every widget and compares every cell on every frame, asks the
//! terminal for its size each time, and formats each escape sequence through `fmt`. `Screen`
//! keeps what the terminal shows and lets the caller redraw either the whole screen (`draw`)
//! or one part of it (`draw_part`): a one-line scroll renders and compares the reading pane
//! and the status bar, not the side panes it cannot change. Changed cells are written as
//! escape sequences into one buffer, sent in one write by `flush`. The size is learnt from
//! resize events (`resize`).
//!
//! Rows that come back (the lines of a text being scrolled) can be kept with the bytes that
//! draw them (`draw_row`): a scroll then writes kept rows instead of rendering, comparing and
//! encoding each of their cells again, and notes which row each screen row shows rather than
//! copying its cells, until something needs them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Write};
use std::ops::Range;

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// How many parts' buffers are kept for reuse.
const MAX_PARTS: usize = 6;

pub struct Screen<W: Write> {
    out: W,
    /// Bytes for the terminal, not yet written.
    pending: Vec<u8>,
    /// What the terminal shows, but where `showing` names a kept row instead.
    shown: Buffer,
    /// Whether the terminal is blank (just cleared): the next whole frame is drawn straight
    /// into `shown`.
    blank: bool,
    /// The next whole frame (`draw`), kept to reuse its memory; made at the first frame drawn
    /// over another.
    next: Buffer,
    /// The parts drawn since the last resize (`draw_part`), kept to reuse their memory.
    parts: Vec<Buffer>,
    /// The rows kept since the last whole frame (`draw_row`), by the caller's key.
    rows: HashMap<u64, Row, BuildHasherDefault<KeyHasher>>,
    /// For each screen row, the kept row it shows (its cells in `shown` are then out of date).
    showing: Vec<Option<Shown>>,
    /// Where a row is rendered before it is kept, kept to reuse its memory.
    row_buf: Buffer,
}

/// How `Screen::draw_row` writes a row that the screen does not show yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowWrite {
    /// All of it, from the bytes kept with it: for rows that replace each other whole, the
    /// lines of a scrolled text.
    Whole,
    /// Only the cells that differ from those shown: for a row that changes in a few cells
    /// (the status bar's position).
    Changes,
}

/// Which kept row a screen row shows, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Shown {
    key: u64,
    x: u16,
    width: u16,
}

impl Shown {
    fn overlaps(self, columns: &Range<u16>) -> bool {
        self.x < columns.end && columns.start < self.x + self.width
    }
}

/// The keys of kept rows are the caller's (line numbers, or hashes): mixed by one multiply,
/// not SipHash, as nobody outside chooses them to collide.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A row of cells and the bytes that draw it, from the cursor at its first cell and the default
/// pen (which they leave as they found it).
struct Row {
    /// The columns it was made for.
    x: u16,
    cells: Box<[Cell]>,
    /// What writes its cells, then (from `erase` on) the ECH that blanks the rest.
    bytes: Box<[u8]>,
    erase: usize,
    /// The columns written (to its last one not a default blank, a wide symbol whole): over a
    /// row that wrote no more columns, the rest is blank already.
    written: usize,
}

impl<W: Write> Screen<W> {
    /// A screen of `width` x `height` on `out`, cleared by the first `flush`.
    pub fn new(out: W, width: u16, height: u16) -> Self {
        let mut screen = Screen {
            out,
            pending: Vec::with_capacity(1 << 14),
            shown: Buffer::empty(Rect::ZERO),
            blank: true,
            next: Buffer::empty(Rect::ZERO),
            parts: Vec::new(),
            rows: HashMap::default(),
            showing: Vec::new(),
            row_buf: Buffer::empty(Rect::ZERO),
        };
        screen.resize(width, height);
        screen
    }

    pub fn area(&self) -> Rect {
        self.shown.area
    }

    /// What the terminal shows.
    pub fn shown(&self) -> Cow<'_, Buffer> {
        if self.showing.iter().all(Option::is_none) {
            return Cow::Borrowed(&self.shown);
        }
        let mut shown = self.shown.clone();
        for (y, on) in self.showing.iter().enumerate() {
            if let Some(row) = on.and_then(|on| self.rows.get(&on.key)) {
                row.put(&mut shown, y as u16);
            }
        }
        Cow::Owned(shown)
    }

    /// Copies into `shown` the cells of the kept row that screen row `y` shows, if any, and
    /// where it lies across `columns`.
    fn materialize(&mut self, y: u16, columns: Range<u16>) {
        let Some(slot) = self.showing.get_mut(usize::from(y)) else { return };
        let Some(on) = slot.filter(|on| on.overlaps(&columns)) else { return };
        if let Some(row) = self.rows.get(&on.key) {
            row.put(&mut self.shown, y);
        }
        *slot = None;
    }

    /// `materialize` for every row.
    fn materialize_all(&mut self) {
        let width = self.shown.area.width;
        for y in 0..self.showing.len() as u16 {
            self.materialize(y, 0..width);
        }
    }

    pub fn out(&self) -> &W {
        &self.out
    }

    pub fn out_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// The terminal is now `width` x `height`, or its contents are unknown (after Ctrl-Z and
    /// `fg`): clear it, so the next `draw` paints everything.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.shown = Buffer::empty(Rect::new(0, 0, width, height));
        self.blank = true;
        self.parts.clear();
        self.rows.clear();
        self.showing = vec![None; usize::from(height)];
        // Default colours, then erase: the blank screen `shown` now describes.
        self.pending.extend_from_slice(b"\x1b[0m\x1b[2J");
    }

    /// Renders a whole frame and queues the cells that differ from what is shown (`flush`
    /// sends them).
    pub fn draw(&mut self, render: impl FnOnce(Rect, &mut Buffer)) {
        // Whatever changed, the rows kept may have too.
        self.materialize_all();
        self.rows.clear();
        let area = self.shown.area;
        if self.blank {
            render(area, &mut self.shown);
            write_changes(&mut self.pending, None, &self.shown, area);
            self.blank = false;
            return;
        }
        if self.next.area == area {
            self.next.reset();
        } else {
            self.next = Buffer::empty(area);
        }
        render(area, &mut self.next);
        write_changes(&mut self.pending, Some(&self.shown), &self.next, area);
        std::mem::swap(&mut self.shown, &mut self.next);
    }

    /// Renders only `rect` (clipped to the screen) and queues the cells of it that differ from
    /// what is shown; the rest of the screen stays as it is. `render` gets a buffer whose area
    /// is that rectangle, and must not draw outside it. No wide symbol may lie across the
    /// rectangle's edge, now or before (a pane's border, or a rectangle as wide as the screen,
    /// makes sure of that).
    pub fn draw_part(&mut self, rect: Rect, render: impl FnOnce(Rect, &mut Buffer)) {
        let rect = rect.intersection(self.shown.area);
        if rect.is_empty() {
            return;
        }
        let i = match self.parts.iter().position(|part| part.area == rect) {
            Some(i) => i,
            None => {
                // A few rectangles are drawn as parts (the text's borders and the rows of
                // its scrollbar's thumb, a few cells each); older ones are let go.
                if self.parts.len() >= MAX_PARTS {
                    self.parts.remove(0);
                }
                self.parts.push(Buffer::empty(rect));
                self.parts.len() - 1
            }
        };
        for y in rect.top()..rect.bottom() {
            self.materialize(y, rect.left()..rect.right());
        }
        let part = &mut self.parts[i];
        part.reset();
        render(rect, part);
        write_changes(&mut self.pending, Some(&self.shown), part, rect);
        self.blank = false;
        // Cells are moved, not cloned: `shown` takes the new ones, and the part the old ones
        // (reset before its next use).
        let width = usize::from(rect.width);
        for (row, y) in part.content.chunks_exact_mut(width).zip(rect.top()..rect.bottom()) {
            let at = self.shown.index_of(rect.x, y);
            self.shown.content[at..at + width].swap_with_slice(row);
        }
    }

    /// Shows the row kept under `key` at (`x`, `y`), `width` columns: rendered by `render`
    /// (into a one-row buffer whose area starts at column `x` of row 0) the first time the key
    /// is asked for since the last whole frame (`draw`), kept with the bytes that draw it, and
    /// written whole unless the screen shows it there already. The caller promises that until
    /// the next whole frame a key always stands for the same cells; a row must not cut a wide
    /// symbol at its edges (as for `draw_part`).
    pub fn draw_row(
        &mut self,
        (x, y, width): (u16, u16, u16),
        key: u64,
        write: RowWrite,
        render: impl FnOnce(Rect, &mut Buffer),
    ) {
        let area = self.shown.area;
        if y >= area.bottom() || x >= area.right() {
            return;
        }
        let on = Shown { key, x, width: width.min(area.right() - x) };
        let slot = usize::from(y);
        if self.showing[slot] == Some(on) {
            return;
        }
        let fits = |row: &Row| row.x == on.x && row.cells.len() == usize::from(on.width);
        if !self.rows.get(&key).is_some_and(fits) {
            if self.rows.contains_key(&key) {
                // Made for other columns (not since a whole frame, as the caller promises):
                // the rows showing it take its cells first.
                self.materialize_all();
            }
            // A screenful of rows is kept, and a few more: a text scrolled a page at a time
            // would keep every page it went through.
            if self.rows.len() >= 4 * usize::from(area.height) {
                let showing = &self.showing;
                self.rows
                    .retain(|key, _| showing.iter().any(|on| on.is_some_and(|on| on.key == *key)));
            }
            let rect = Rect::new(on.x, 0, on.width, 1);
            if self.row_buf.area == rect {
                self.row_buf.reset();
            } else {
                self.row_buf = Buffer::empty(rect);
            }
            render(rect, &mut self.row_buf);
            self.rows.insert(key, Row::new(on.x, &self.row_buf.content));
        }
        // What the screen row shows now, if this row does not cover all of it, becomes cells.
        if self.showing[slot].is_some_and(|before| before.x != on.x || before.width != on.width) {
            self.materialize(y, 0..area.width);
        }
        if write == RowWrite::Changes {
            self.materialize(y, on.x..on.x + on.width);
        }
        let Some(row) = self.rows.get(&key) else { return };
        let at = self.shown.index_of(on.x, y);
        let shown = &self.shown.content[at..at + usize::from(on.width)];
        match (self.showing[slot].and_then(|before| self.rows.get(&before.key)), write) {
            // The same look under another key (two blank lines, say): nothing to write.
            (Some(before), _) if before.bytes == row.bytes => {}
            // Over another kept row, blanks need erasing only where that one wrote.
            (Some(before), _) => {
                let bytes = if before.written <= row.written {
                    &row.bytes[..row.erase]
                } else {
                    &row.bytes
                };
                move_to(&mut self.pending, (on.x, y));
                self.pending.extend_from_slice(bytes);
            }
            (None, RowWrite::Whole) => {
                if *shown != *row.cells {
                    move_to(&mut self.pending, (on.x, y));
                    self.pending.extend_from_slice(&row.bytes);
                }
            }
            (None, RowWrite::Changes) => {
                let mut changes = Changes::default();
                changes.row(&mut self.pending, (on.x, y), shown, &row.cells);
                changes.finish(&mut self.pending);
            }
        }
        self.showing[slot] = Some(on);
        self.blank = false;
    }

    /// Moves whole `rows` of the screen up by `by` rows (down if negative), the way a
    /// terminal scrolls a region: blank rows come in at the other end. What is drawn next is
    /// compared with the moved rows, so text that scrolled by a line costs a line to write,
    /// not a screen. The rows must span the screen's width; a move as large as the region
    /// does nothing (drawing it again costs no more).
    pub fn scroll(&mut self, rows: Range<u16>, by: isize) {
        let rows = rows.start..rows.end.min(self.shown.area.bottom());
        let height = usize::from(rows.end.saturating_sub(rows.start));
        let n = by.unsigned_abs();
        if by == 0 || n >= height {
            return;
        }
        // Margins on the region; the cursor to its top row; delete (up) or insert (down) `n`
        // lines there, in default colours; margins off.
        self.pending.extend_from_slice(b"\x1b[0m\x1b[");
        number(&mut self.pending, rows.start + 1);
        self.pending.push(b';');
        number(&mut self.pending, rows.end);
        self.pending.extend_from_slice(b"r");
        move_to(&mut self.pending, (0, rows.start));
        self.pending.extend_from_slice(b"\x1b[");
        number(&mut self.pending, n as u16);
        self.pending.extend_from_slice(if by > 0 { b"M\x1b[r" } else { b"L\x1b[r" });
        let width = usize::from(self.shown.area.width);
        let start = self.shown.index_of(0, rows.start);
        let region = &mut self.shown.content[start..start + height * width];
        let showing = &mut self.showing[usize::from(rows.start)..usize::from(rows.end)];
        if by > 0 {
            region.rotate_left(n * width);
            region[(height - n) * width..].fill(Cell::EMPTY);
            showing.rotate_left(n);
            showing[height - n..].fill(None);
        } else {
            region.rotate_right(n * width);
            region[..n * width].fill(Cell::EMPTY);
            showing.rotate_right(n);
            showing[..n].fill(None);
        }
        self.blank = false;
    }

    /// Sends what was drawn to the terminal, in one write.
    pub fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.out.write_all(&self.pending)?;
            self.pending.clear();
        }
        self.out.flush()
    }
}

/// Appends the escape sequences that turn `shown` (or, if none, a blank screen) into `next`
/// inside `area` (which both buffers cover).
///
/// A wide symbol covers the cell after it, which is then not written. Where a wide symbol is
/// written over, even in part, the cells it covered are written whatever they hold, as the
/// terminal blanked them. After a wide symbol the cursor is placed again, in case the
/// terminal measured it otherwise.
///
/// A few unchanged cells between two changes are written again rather than jumped over
/// (`move_cursor`); a colour change is a reset and the whole pen (`Pen::write`). No frame
/// contains a line feed, so stdout (line-buffered) sends it in one write.
fn write_changes(out: &mut Vec<u8>, shown: Option<&Buffer>, next: &Buffer, area: Rect) {
    // A terminal with no columns (or rows) shows nothing to change.
    if area.is_empty() {
        return;
    }
    let blank = vec![Cell::EMPTY; if shown.is_none() { usize::from(area.width) } else { 0 }];
    let mut changes = Changes::default();
    for y in area.top()..area.bottom() {
        let old = shown.map_or(&blank[..], |shown| row(shown, area, y));
        changes.row(out, (area.x, y), old, row(next, area, y));
    }
    changes.finish(out);
}

/// Where the cursor and the pen are while changes are written (`write_changes`).
#[derive(Default)]
struct Changes<'a> {
    cursor: Option<(u16, u16)>,
    pen: Option<Pen>,
    widths: Widths<'a>,
}

impl<'a> Changes<'a> {
    /// Writes what turns the cells `old` into `new` on the screen row that starts at
    /// (`left`, `y`).
    fn row(&mut self, out: &mut Vec<u8>, (left, y): (u16, u16), old: &'a [Cell], new: &'a [Cell]) {
        let mut x = 0;
        let mut forced_until = 0;
        while x < new.len() {
            let (cell, before) = (&new[x], &old[x]);
            let (symbol, before_symbol) = (cell.symbol(), before.symbol());
            let width = self.widths.of(cell, symbol);
            if x >= forced_until && same_text(symbol, before_symbol) && same_look(cell, before) {
                x += width;
                continue;
            }
            let cell_pen = Pen::of(cell);
            // A wide symbol written over, even in part: the terminal blanks all of it.
            if before_symbol.len() > 1 || width > 1 {
                forced_until = forced_until.max(x + columns(before, before_symbol));
                for (p, covered) in old.iter().enumerate().take(x + width).skip(x + 1) {
                    forced_until = forced_until.max(p + columns(covered, covered.symbol()));
                }
            }
            let at = (left + x as u16, y);
            if self.cursor != Some(at) {
                move_cursor(out, self.cursor, at, (new, left), self.pen);
            }
            if self.pen != Some(cell_pen) {
                cell_pen.write(out);
                self.pen = Some(cell_pen);
            }
            match symbol.as_bytes() {
                &[byte] => out.push(byte),
                bytes => out.extend_from_slice(bytes),
            }
            self.cursor = (width == 1).then_some((at.0 + 1, y));
            x += width;
        }
    }

    /// Leaves the default pen, as every write does.
    fn finish(self, out: &mut Vec<u8>) {
        if self.pen.is_some_and(|p| p != Pen::default()) {
            out.extend_from_slice(b"\x1b[0m");
        }
    }
}

impl Row {
    /// The row of `cells` whose first is in column `x`, and the bytes that draw it: every
    /// cell, but default blanks at the end, which are erased (ECH) rather than written. After a
    /// wide symbol the cursor is placed again (CHA), as `write_changes` does.
    fn new(x: u16, cells: &[Cell]) -> Row {
        let blank = |c: &Cell| c.symbol() == " " && Pen::of(c) == Pen::default();
        let end = cells.iter().rposition(|c| !blank(c)).map_or(0, |last| last + 1);
        let mut bytes = Vec::with_capacity(end + 16);
        let mut pen = Pen::default();
        let mut i = 0;
        while i < end {
            let cell = &cells[i];
            let symbol = cell.symbol();
            let width = columns(cell, symbol);
            let cell_pen = Pen::of(cell);
            if cell_pen != pen {
                cell_pen.write(&mut bytes);
                pen = cell_pen;
            }
            bytes.extend_from_slice(symbol.as_bytes());
            i += width;
            if width > 1 && i < cells.len() {
                bytes.extend_from_slice(b"\x1b[");
                number(&mut bytes, x + i as u16 + 1);
                bytes.push(b'G');
            }
        }
        if pen != Pen::default() {
            bytes.extend_from_slice(b"\x1b[0m");
        }
        // The cursor is on the first cell not written (a wide symbol may end past `end`).
        let written = i.max(end);
        let erase = bytes.len();
        if written < cells.len() {
            bytes.extend_from_slice(b"\x1b[");
            number(&mut bytes, (cells.len() - written) as u16);
            bytes.push(b'X');
        }
        Row { x, cells: cells.into(), bytes: bytes.into(), erase, written }
    }

    /// Copies the cells into row `y` of `buf`.
    fn put(&self, buf: &mut Buffer, y: u16) {
        let at = buf.index_of(self.x, y);
        buf.content[at..at + self.cells.len()].clone_from_slice(&self.cells);
    }
}

/// Moves the cursor from `from` (unknown if `None`) to `to`: by writing again the unchanged
/// cells between them on one row when they are in `pen` and fewer bytes than a CUP, else by
/// CUP. `row` is the row's new cells, the first of them in column `left`.
///
/// Kept for the bytes (BENCHMARKS.md, 2026-12-01): with CUP alone a one-line scroll at 80x24
/// writes 214 B against less's 84 B, over the stretch target of 2x.
fn move_cursor(
    out: &mut Vec<u8>,
    from: Option<(u16, u16)>,
    to: (u16, u16),
    (row, left): (&[Cell], u16),
    pen: Option<Pen>,
) {
    if let (Some((x, y)), Some(pen)) = (from, pen)
        && y == to.1
        && x < to.0
    {
        let gap = &row[usize::from(x - left)..usize::from(to.0 - left)];
        if gap.len() <= cup_len(to) && gap.iter().all(|c| pen.writes(c)) {
            out.extend(gap.iter().map(|c| c.symbol().as_bytes()[0]));
            return;
        }
    }
    move_to(out, to);
}

fn cup_len((x, y): (u16, u16)) -> usize {
    4 + digits(y + 1) + digits(x + 1)
}

fn digits(n: u16) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Columns of the symbols met, the last one remembered: borders repeat theirs.
#[derive(Default)]
struct Widths<'a> {
    last: (&'a str, usize),
}

impl<'a> Widths<'a> {
    fn of(&mut self, cell: &Cell, symbol: &'a str) -> usize {
        if symbol.len() == 1 || cell.diff_option != CellDiffOption::None {
            return columns(cell, symbol);
        }
        if self.last.0 != symbol {
            self.last = (symbol, columns(cell, symbol));
        }
        self.last.1
    }
}

/// Whether two cells have the same colours and attributes.
fn same_look(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
}

/// `a == b`, the common case (one byte each) first.
fn same_text(a: &str, b: &str) -> bool {
    match (a.as_bytes(), b.as_bytes()) {
        (&[x], &[y]) => x == y,
        (a, b) => a == b,
    }
}

/// Columns a cell takes on the terminal (at least one).
fn columns(cell: &Cell, symbol: &str) -> usize {
    if symbol.len() == 1 && cell.diff_option == CellDiffOption::None {
        1
    } else {
        usize::from(cell.cell_width()).max(1)
    }
}

/// CUP: the cursor to (`x`, `y`), counted from 0.
fn move_to(out: &mut Vec<u8>, (x, y): (u16, u16)) {
    out.extend_from_slice(b"\x1b[");
    number(out, y + 1);
    out.push(b';');
    number(out, x + 1);
    out.push(b'H');
}

fn number(out: &mut Vec<u8>, n: u16) {
    if n >= 10 {
        number(out, n / 10);
    }
    out.push(b'0' + (n % 10) as u8);
}

/// The cells of `buf` in row `y` of `area`.
fn row(buf: &Buffer, area: Rect, y: u16) -> &[Cell] {
    let start = buf.index_of(area.x, y);
    &buf.content[start..start + usize::from(area.width)]
}

/// Colours and attributes of a cell: what an SGR sequence sets (and, with the symbol, all
/// that `Cell`'s own comparison looks at, but the diff option, which the reader never sets).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    fn of(cell: &Cell) -> Pen {
        Pen { fg: cell.fg, bg: cell.bg, underline: cell.underline_color, modifier: cell.modifier }
    }

    /// Whether writing `cell`'s symbol with this pen shows the cell as it is: a one-byte
    /// symbol in this very pen.
    fn writes(self, cell: &Cell) -> bool {
        cell.symbol().len() == 1
            && cell.diff_option == CellDiffOption::None
            && self == Pen::of(cell)
    }

    /// One SGR sequence: a reset, then this pen's attributes and colours.
    fn write(self, out: &mut Vec<u8>) {
        const ATTRIBUTES: [(Modifier, &[u8]); 9] = [
            (Modifier::BOLD, b";1"),
            (Modifier::DIM, b";2"),
            (Modifier::ITALIC, b";3"),
            (Modifier::UNDERLINED, b";4"),
            (Modifier::SLOW_BLINK, b";5"),
            (Modifier::RAPID_BLINK, b";6"),
            (Modifier::REVERSED, b";7"),
            (Modifier::HIDDEN, b";8"),
            (Modifier::CROSSED_OUT, b";9"),
        ];
        out.extend_from_slice(b"\x1b[0");
        for (attribute, code) in ATTRIBUTES {
            if self.modifier.contains(attribute) {
                out.extend_from_slice(code);
            }
        }
        if self.fg != Color::Reset {
            color(out, self.fg, 30, 90, 38);
        }
        if self.bg != Color::Reset {
            color(out, self.bg, 40, 100, 48);
        }
        if self.underline != Color::Reset {
            // Underline colours have no 16-colour codes: 58;5;N with N the same palette index.
            let underline = match self.underline {
                Color::Indexed(_) | Color::Rgb(..) => self.underline,
                named => Color::Indexed(named_index(named)),
            };
            color(out, underline, 0, 0, 58);
        }
        out.push(b'm');
    }
}

/// Appends `;` and the SGR code of `color`: `base + n` for the eight dark colours,
/// `bright + n` for the eight light ones, `extended;5;n` or `extended;2;r;g;b` for the rest,
/// `extended + 1` for the default.
fn color(out: &mut Vec<u8>, color: Color, base: u8, bright: u8, extended: u8) {
    let codes: &[u8] = match color {
        Color::Reset => &[extended + 1],
        Color::Indexed(n) => &[extended, 5, n],
        Color::Rgb(r, g, b) => &[extended, 2, r, g, b],
        named => {
            let n = named_index(named);
            &[if n < 8 { base + n } else { bright + n - 8 }]
        }
    };
    for &code in codes {
        out.push(b';');
        number(out, code.into());
    }
}

/// The palette index (0-15) of a named colour.
fn named_index(color: Color) -> u8 {
    match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White | Color::Reset | Color::Indexed(_) | Color::Rgb(..) => 15,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::Style;

    /// What a terminal shows after `bytes`: each cell's text and look.
    fn terminal(bytes: &[u8], width: u16, height: u16) -> Vec<Vec<(String, Look)>> {
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(size(height), size(width), 0);
        parser.process(bytes);
        let screen = parser.screen();
        (0..height)
            .map(|y| {
                (0..width)
                    .filter_map(|x| screen.cell(y, x))
                    .filter(|c| !c.is_wide_continuation())
                    .map(|c| {
                        let text = if c.has_contents() { c.contents() } else { " " };
                        Look::of_vt100(c).seen(text)
                    })
                    .collect()
            })
            .collect()
    }

    /// What `buf` should look like on a terminal.
    fn expected(buf: &Buffer) -> Vec<Vec<(String, Look)>> {
        (0..buf.area.height)
            .map(|y| {
                let mut row = Vec::new();
                let mut x = 0;
                while x < buf.area.width {
                    let cell = &buf[(x, y)];
                    row.push(Look::of_cell(cell).seen(cell.symbol()));
                    x += cell.cell_width().max(1);
                }
                row
            })
            .collect()
    }

    /// The attributes vt100 keeps, and colours as palette indexes.
    #[derive(Debug, PartialEq)]
    struct Look {
        fg: vt100::Color,
        bg: vt100::Color,
        bold: bool,
        dim: bool,
        italic: bool,
        underline: bool,
        inverse: bool,
    }

    impl Look {
        /// A cell as the eye sees it: on a space, only the background shows, unless the
        /// space is reversed or underlined.
        fn seen(self, text: &str) -> (String, Look) {
            let look = if text == " " && !self.inverse && !self.underline {
                Look { fg: vt100::Color::Default, bold: false, dim: false, italic: false, ..self }
            } else {
                self
            };
            (text.to_string(), look)
        }

        fn of_vt100(c: &vt100::Cell) -> Look {
            Look {
                fg: c.fgcolor(),
                bg: c.bgcolor(),
                bold: c.bold(),
                dim: c.dim(),
                italic: c.italic(),
                underline: c.underline(),
                inverse: c.inverse(),
            }
        }

        fn of_cell(c: &Cell) -> Look {
            let color = |color| match color {
                Color::Reset => vt100::Color::Default,
                Color::Indexed(n) => vt100::Color::Idx(n),
                Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
                named => vt100::Color::Idx(named_index(named)),
            };
            Look {
                fg: color(c.fg),
                bg: color(c.bg),
                // One intensity, as vt100 (and ECMA-48) has it: dim, written after bold, wins.
                bold: c.modifier.contains(Modifier::BOLD) && !c.modifier.contains(Modifier::DIM),
                dim: c.modifier.contains(Modifier::DIM),
                italic: c.modifier.contains(Modifier::ITALIC),
                underline: c.modifier.contains(Modifier::UNDERLINED),
                inverse: c.modifier.contains(Modifier::REVERSED),
            }
        }
    }

    const SYMBOLS: &[&str] = &["a", "b", " ", "─", "中", "😀", "é", "ｶ"];
    const COLORS: &[Color] = &[
        Color::Reset,
        Color::Red,
        Color::DarkGray,
        Color::White,
        Color::Gray,
        Color::Indexed(200),
        Color::Rgb(1, 2, 3),
    ];
    const MODIFIERS: &[Modifier] = &[
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::DIM,
        Modifier::ITALIC,
        Modifier::REVERSED,
        Modifier::UNDERLINED,
        Modifier::BOLD.union(Modifier::ITALIC),
        Modifier::DIM.union(Modifier::REVERSED),
    ];

    /// A frame of random text, colours and attributes, drawn as the widgets do (wide symbols
    /// written with `set_stringn`, which blanks the cells they cover).
    fn frame() -> impl Strategy<Value = Vec<(u16, u16, usize, usize, usize, usize)>> {
        prop::collection::vec(
            (
                0u16..9,
                0u16..4,
                0..SYMBOLS.len(),
                0..COLORS.len(),
                0..COLORS.len(),
                0..MODIFIERS.len(),
            ),
            0..30,
        )
    }

    fn paint(buf: &mut Buffer, frame: &[(u16, u16, usize, usize, usize, usize)]) {
        for &(x, y, s, fg, bg, m) in frame {
            let style = Style::default().fg(COLORS[fg]).bg(COLORS[bg]).add_modifier(MODIFIERS[m]);
            let x = buf.area.x + x % buf.area.width;
            let y = buf.area.y + y % buf.area.height;
            buf.set_stringn(x, y, SYMBOLS[s], usize::from(buf.area.right() - x), style);
        }
    }

    proptest! {
        /// Whole frames and parts in any order: the terminal shows the last of each cell.
        #[test]
        fn the_terminal_shows_what_was_drawn(
            frames in prop::collection::vec((frame(), prop::option::of((0u16..4, 1u16..5))), 1..6)
        ) {
            let (width, height) = (9, 4);
            let mut screen = Screen::new(Vec::new(), width, height);
            for (frame, part) in &frames {
                match part {
                    None => screen.draw(|_, buf| paint(buf, frame)),
                    // Rows across the screen, so no wide symbol sits across the part's edge.
                    Some((y, h)) => {
                        screen.draw_part(Rect::new(0, *y, width, *h), |_, buf| paint(buf, frame))
                    }
                }
                screen.flush().unwrap();
                prop_assert_eq!(terminal(screen.out(), width, height), expected(&screen.shown()));
            }
        }
    }

    /// What a test does to a screen: a whole frame, a part of rows, a kept row (its key, row
    /// and way of writing), or a scroll of rows.
    #[derive(Clone, Debug)]
    enum Op {
        Whole(Vec<(u16, u16, usize, usize, usize, usize)>),
        Part(Vec<(u16, u16, usize, usize, usize, usize)>, u16, u16),
        Row(u64, u16, bool),
        Scroll(u16, u16, isize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            frame().prop_map(Op::Whole),
            (frame(), 0u16..4, 1u16..5).prop_map(|(f, y, h)| Op::Part(f, y, h)),
            (0u64..4, 0u16..4, any::<bool>()).prop_map(|(k, y, whole)| Op::Row(k, y, whole)),
            (0u16..4, 1u16..5, -2isize..3).prop_map(|(y, h, by)| Op::Scroll(y, h, by)),
        ]
    }

    proptest! {
        /// Kept rows among whole frames, parts and scrolls: the terminal shows what was drawn
        /// last, and a key stands for the same cells until the next whole frame (after it, for
        /// new ones).
        #[test]
        fn kept_rows_show_as_drawn(
            ops in prop::collection::vec(op(), 1..24),
            // Rows of a few symbols: some of them alike, or alike in length.
            rows in prop::collection::vec(prop::collection::vec(
                (0u16..9, 0u16..1, 0..SYMBOLS.len(), 0..2usize, 0..2usize, 0..2usize),
                0..4,
            ), 8),
        ) {
            let (width, height) = (9, 4);
            let mut screen = Screen::new(Vec::new(), width, height);
            let mut generation = 0;
            for op in &ops {
                match op {
                    Op::Whole(frame) => {
                        screen.draw(|_, buf| paint(buf, frame));
                        generation = (generation + 1) % 2;
                    }
                    Op::Part(frame, y, h) => {
                        screen.draw_part(Rect::new(0, *y, width, *h), |_, buf| paint(buf, frame));
                    }
                    Op::Row(key, y, whole) => {
                        let write = if *whole { RowWrite::Whole } else { RowWrite::Changes };
                        let cells = &rows[generation * 4 + *key as usize];
                        screen.draw_row((0, *y, width), *key, write, |_, buf| paint(buf, cells));
                    }
                    Op::Scroll(y, h, by) => screen.scroll(*y..*y + *h, *by),
                }
                screen.flush().unwrap();
                prop_assert_eq!(
                    terminal(screen.out(), width, height),
                    expected(&screen.shown()),
                    "after {:?}", op
                );
            }
        }
    }

    #[test]
    fn a_kept_row_is_drawn_once_and_written_whole_where_it_is_not_shown() {
        let mut s = Screen::new(Vec::new(), 12, 3);
        s.flush().unwrap();
        let renders = std::cell::Cell::new(0);
        let row = |s: &mut Screen<Vec<u8>>, y: u16, key: u64| {
            s.out_mut().clear();
            s.draw_row((2, y, 8), key, RowWrite::Whole, |area, buf| {
                renders.set(renders.get() + 1);
                assert_eq!(area, Rect::new(2, 0, 8, 1));
                buf.set_string(area.x, 0, "ab", Style::default().fg(Color::Red));
            });
            s.flush().unwrap();
            String::from_utf8(s.out().clone()).unwrap()
        };
        // Drawn: its text, then its blanks erased (ECH), not written as spaces.
        assert_eq!(row(&mut s, 0, 7), "\x1b[1;3H\x1b[0;31mab\x1b[0m\x1b[6X");
        // Kept: on another row the same bytes, without drawing it again; where it is shown,
        // nothing.
        assert_eq!(row(&mut s, 2, 7), "\x1b[3;3H\x1b[0;31mab\x1b[0m\x1b[6X");
        assert_eq!(row(&mut s, 2, 7), "");
        assert_eq!(renders.get(), 1);
        assert_eq!(s.shown()[(3, 2)].symbol(), "b");
        assert_eq!(s.shown()[(3, 1)].symbol(), " ");
        // A whole frame forgets it: the key may stand for something else now.
        s.draw(|_, _| {});
        s.draw_row((2, 1, 8), 7, RowWrite::Whole, |area, buf| {
            buf.set_string(area.x, 0, "new", Style::default());
        });
        assert_eq!(s.shown()[(2, 1)].symbol(), "n");
    }

    #[test]
    fn a_row_written_by_its_changes_writes_only_what_differs() {
        let mut s = Screen::new(Vec::new(), 20, 1);
        let status = |text: &'static str| {
            move |area: Rect, buf: &mut Buffer| buf.set_string(area.x, 0, text, Style::default())
        };
        s.draw_row((0, 0, 20), 1, RowWrite::Changes, status("section 1/9 10%"));
        s.flush().unwrap();
        s.out_mut().clear();
        s.draw_row((0, 0, 20), 2, RowWrite::Changes, status("section 1/9 11%"));
        s.flush().unwrap();
        assert_eq!(String::from_utf8(s.out().clone()).unwrap(), "\x1b[1;14H\x1b[0m1");
    }

    #[test]
    fn a_part_redraws_only_its_rectangle() {
        let mut s = Screen::new(Vec::new(), 6, 3);
        s.draw(|area, buf| {
            for y in 0..area.height {
                buf.set_string(0, y, "abcdef", Style::default());
            }
        });
        s.draw_part(Rect::new(2, 1, 3, 1), |area, buf| {
            buf.set_string(area.x, area.y, "XY", Style::default().fg(Color::Red));
        });
        s.flush().unwrap();
        let shown = |s: &Screen<Vec<u8>>| {
            terminal(s.out(), 6, 3)
                .into_iter()
                .map(|row| row.into_iter().map(|c| c.0).collect::<String>())
                .collect::<Vec<_>>()
        };
        assert_eq!(shown(&s), ["abcdef", "abXY f", "abcdef"]);
        // What is shown is remembered: a whole frame afterwards writes only what differs.
        s.out_mut().clear();
        s.draw(|_, buf| buf.set_string(0, 0, "abcdef", Style::default()));
        s.flush().unwrap();
        let written = String::from_utf8(s.out().clone()).unwrap();
        assert!(!written.contains("abcdef"), "{written:?}");
    }

    #[test]
    fn scrolled_rows_are_moved_by_the_terminal_and_only_what_came_in_is_written() {
        let rows = |first: usize| -> Vec<String> {
            (first..first + 4).map(|i| format!("line {i:02} of the text")).collect()
        };
        let paint = |buf: &mut Buffer, lines: &[String]| {
            buf.set_string(0, 0, "title", Style::default());
            for (y, line) in lines.iter().enumerate() {
                buf.set_string(0, 1 + y as u16, line, Style::default().fg(Color::Cyan));
            }
            buf.set_string(0, 5, "status", Style::default());
        };
        let mut s = Screen::new(Vec::new(), 24, 6);
        s.draw(|_, buf| paint(buf, &rows(0)));
        for (first, by) in [(1, 1), (3, 2), (0, -3), (1, 1)] {
            s.flush().unwrap();
            let before = s.out().len();
            s.scroll(1..5, by);
            s.draw(|_, buf| paint(buf, &rows(first)));
            s.flush().unwrap();
            assert_eq!(terminal(s.out(), 24, 6), expected(&s.shown()), "to line {first}");
            // One line of text written per line scrolled, not four.
            let written = s.out().len() - before;
            assert!(written < 40 + 30 * by.unsigned_abs(), "{written} bytes to scroll by {by}");
        }
    }

    #[test]
    fn a_part_outside_the_screen_is_clipped() {
        let mut s = Screen::new(Vec::new(), 4, 2);
        s.draw_part(Rect::new(2, 1, 10, 10), |area, buf| {
            assert_eq!(area, Rect::new(2, 1, 2, 1));
            buf.set_string(area.x, area.y, "zz", Style::default());
        });
        s.draw_part(Rect::new(9, 9, 2, 2), |_, _| panic!("nothing of it is on screen"));
        assert_eq!(s.shown()[(3, 1)].symbol(), "z");
    }

    #[test]
    fn resize_clears_and_forgets_what_was_shown() {
        let mut s = Screen::new(Vec::new(), 4, 2);
        s.draw(|_, buf| buf.set_string(0, 0, "ab", Style::default()));
        s.resize(3, 3);
        s.draw(|_, buf| buf.set_string(0, 2, "cd", Style::default()));
        s.flush().unwrap();
        let rows: Vec<String> = terminal(s.out(), 3, 3)
            .into_iter()
            .map(|row| row.into_iter().map(|c| c.0).collect())
            .collect();
        assert_eq!(rows, ["   ", "   ", "cd "]);
    }
}
