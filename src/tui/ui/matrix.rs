//! The matrix view (`M`): a grid of the claims and counterpoints (rows, by section) against
//! the hypotheses or factors (columns, heads abbreviated), the selected cell lit, rows that do
//! not tell the hypotheses apart dimmed, rows set aside struck through, your ratings in the
//! note style and marked `*` (`I*`: yours, in place of the author's; `x*`: a factor link of
//! yours), your stance before a claim's text; below, the selected
//! row's whole text with the cell's author's rating and yours, and the ranking (with the rows
//! set aside left out). Only the rows on screen are drawn, and only the columns that fit: the
//! grid scrolls sideways to the selected column, ◂ and ▸ marking columns out of view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::list;
use crate::notes::matrix::{Cell, Row, cell_label};
use crate::sanitize;
use crate::tui::app::{Action, App, MatrixView, Mode};
use crate::tui::keymap;
use crate::tui::theme::Theme;

/// Columns a cell takes.
const CELL: u16 = 5;
/// Lines below the grid: the selected row's text (two) and the ranking.
const FOOTER: u16 = 3;

/// How many rows of the grid a screen shows (the view keeps its selection among them).
pub fn grid_rows(screen: Rect) -> usize {
    // The status bar, the border, the heads and the footer.
    usize::from(screen.height.saturating_sub(1 + 2 + 1 + FOOTER)).max(1)
}

/// The columns drawn at `width`: as many as fit beside a row's text (which keeps at least
/// half the width, up to 24 columns), the `selected` one among them.
pub fn column_window(count: usize, selected: usize, width: u16) -> std::ops::Range<usize> {
    let label = 24.min(width / 2);
    let fit = usize::from(width.saturating_sub(label + 1) / CELL).clamp(1, count.max(1));
    let first = (selected + 1).saturating_sub(fit).min(count.saturating_sub(fit));
    first..(first + fit).min(count)
}

pub fn render(app: &App, view: &MatrixView, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    // The status bar stays: it says what `x` changed.
    let area = Rect { height: screen.height.saturating_sub(1), ..screen };
    Clear.render(area, buf);
    let b = app.briefing();
    let m = &view.matrix;
    let what = if m.by_factors { "factors (no hypotheses)" } else { "hypotheses" };
    let hints: Vec<Action> = keymap::hints(Mode::Matrix).map(|(_, _, a)| a).collect();
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(format!(" Matrix: claims and counterpoints against the {what} "))
        .title_bottom(
            Line::from(format!(" {} ", keymap::footer(Mode::Matrix, &hints))).style(theme.dim),
        );
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 4 || inner.width < 20 {
        return;
    }
    // Bottom: the ranking, then the selected row's text (two lines).
    let grid_height = inner.height.saturating_sub(FOOTER + 1);
    // The columns that fit beside a row's text, the selected one among them: the grid
    // scrolls sideways when there are more (marked ◂ and ▸).
    let shown = column_window(m.columns.len(), view.column, inner.width);
    let label_width = inner.width.saturating_sub(shown.len() as u16 * CELL + 1).max(10);
    // Heads: each column's title cut to its cell.
    let more_left = if shown.start > 0 { "◂" } else { " " };
    let mut head = vec![
        Span::raw(" ".repeat(usize::from(label_width) - 1)),
        Span::styled(more_left, theme.marker),
    ];
    for (i, (_, title)) in m.columns.iter().enumerate().skip(shown.start).take(shown.len()) {
        let short: String =
            sanitize::single_line(title).chars().take(usize::from(CELL) - 1).collect();
        let style = if i == view.column {
            theme.heading.add_modifier(Modifier::UNDERLINED)
        } else {
            theme.heading
        };
        head.push(Span::styled(format!(" {short:<4}"), style));
    }
    if shown.end < m.columns.len() {
        head.push(Span::styled("▸", theme.marker));
    }
    super::line::set_line(buf, inner.x, inner.y, &Line::from(head), inner.width);
    // Rows: the selection kept in view.
    let rows = usize::from(grid_height);
    // The view keeps `top` for this screen; a frame of another size still shows the row.
    let top = if view.row < view.top || view.row >= view.top + rows.max(1) {
        (view.row + 1).saturating_sub(rows.max(1))
    } else {
        view.top
    };
    for (i, (row, cells, diagnostic)) in m.rows.iter().enumerate().skip(top).take(rows) {
        let y = inner.y + 1 + (i - top) as u16;
        let aside = view.aside.get(i).copied().unwrap_or(false);
        let mut style = if *diagnostic { theme.text } else { theme.dim };
        if aside {
            style = style.add_modifier(Modifier::CROSSED_OUT);
        }
        // Your stance on a claim before its text (+ agree, − disagree, ? unsure).
        let lead = match row {
            Row::Claim(c) => match app.notes().get(&b.claims[*c].id).and_then(|n| n.stance) {
                Some(stance) => format!("§{} {} ", row.section(b), stance.symbol()),
                None => format!("§{} ", row.section(b)),
            },
            Row::Counterpoint(_) => "  ↳ ".to_string(),
        };
        let text = format!("{lead}{}", row.text(b));
        let room = usize::from(label_width).saturating_sub(1);
        let cut: String = text.chars().take(room).collect();
        let mut spans = vec![Span::styled(format!("{cut:<room$} "), style)];
        for (c, &cell) in cells.iter().enumerate().skip(shown.start).take(shown.len()) {
            let lit = i == view.row && c == view.column;
            let cell_style = if lit {
                theme.selected
            } else if i == view.row {
                theme.selected_unfocused
            } else if cell.is_yours() {
                theme.note
            } else {
                style
            };
            spans.push(Span::styled(format!(" {:<4}", cell_label(cell)), cell_style));
        }
        super::line::set_line(buf, inner.x, y, &Line::from(spans), inner.width);
    }
    // The selected row whole, then the ranking.
    let y = inner.y + 1 + grid_height;
    if let Some((row, cells, diagnostic)) = m.rows.get(view.row) {
        let note = if *diagnostic || m.by_factors {
            ""
        } else {
            " (not diagnostic: the same under every hypothesis)"
        };
        // The selected cell: the author's rating and yours, when they are not the same thing.
        let cell = match cells.get(view.column) {
            Some(Cell::Rating { author, yours: Some(yours) }) => format!(
                "[yours {}, the author's {}] ",
                yours.name(),
                author.map_or("none", |a| a.name())
            ),
            _ => String::new(),
        };
        let text = format!("{cell}{} {}{note}", row.kind(), row.text(b));
        for (k, line) in
            list::wrapped_owned(&text, inner.width, theme.text).into_iter().take(2).enumerate()
        {
            super::line::set_line(buf, inner.x, y + k as u16, &line, inner.width);
        }
    }
    if !m.by_factors {
        let scores = view.scores();
        let ranking: Vec<String> = view
            .ranking()
            .iter()
            .map(|&h| format!("{} {}", sanitize::single_line(&m.columns[h].1), scores[h]))
            .collect();
        let changed = if view.ranking_changed() { " · CHANGED by the rows set aside" } else { "" };
        let line = Line::styled(
            format!(" inconsistent, fewest first: {}{changed}", ranking.join(" · ")),
            theme.marker,
        );
        super::line::set_line(buf, inner.x, y + 2, &line, inner.width);
    }
}
