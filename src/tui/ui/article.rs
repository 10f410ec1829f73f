//! The reading pane: the current section's lines from `App::page`, only those on screen, with
//! the selected claim's quote and the search matches highlighted; drawn whole (`render`), or,
//! when only the text scrolled, line by line from the rows the screen keeps (`draw_scrolled`).

use std::io::Write;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::tui::app::search::Field;
use crate::tui::app::{App, Focus, LineKind};
use crate::tui::layout::text_inner;
use crate::tui::screen::{RowWrite, Screen};
use crate::tui::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let b = app.briefing();
    let n = b.sections.len();
    let section = &b.sections[app.section()];
    let room = usize::from(area.width.saturating_sub(4));
    let title =
        format!(" {} ", super::fit(&format!("{}/{n} · {}", app.section(), section.title), room));
    super::pane_frame(buf, area, Line::from(title), app.focus() == Focus::Text, theme);
    let (inner, width) = text_inner(area, app.shape().measure);
    for row in 0..inner.height {
        draw_line(
            app,
            app.scroll() + usize::from(row),
            buf,
            (inner.x, inner.y + row, width),
            theme,
        );
    }
    scrollbar(app, area, buf, theme);
}

/// What scrolling the text changes in the pane `area` (what `render` drew there before): its
/// lines, each a row the screen keeps (by its index in the page) until the next whole frame,
/// so a line that was on screen is not drawn again, and the scrollbar. The frame and its
/// title stay as they are.
pub fn draw_scrolled<W: Write>(
    screen: &mut Screen<W>,
    app: &App,
    area: Rect,
    theme: &Theme,
    (scrolled, moved): (isize, bool),
) {
    let (inner, width) = text_inner(area, app.shape().measure);
    for row in 0..inner.height {
        let line = app.scroll() + usize::from(row);
        // Rows past the end are blank alike.
        let key = if line < app.page().lines.len() { line as u64 } else { BLANK_ROW };
        screen.draw_row(
            (inner.x, inner.y + row, inner.width),
            key,
            RowWrite::Whole,
            |rect, buf| {
                draw_line(app, line, buf, (rect.x, rect.y, width), theme);
            },
        );
    }
    if area.width < 2 || area.height < 3 {
        return;
    }
    // The thumb on the right border, and the left one where the terminal moved the rows
    // (those that came in lack it).
    let style = super::border_style(app.focus() == Focus::Text, theme);
    let side = |x| Rect::new(x, area.y + 1, 1, area.height - 2);
    let border = |rect: Rect, buf: &mut Buffer| {
        for y in rect.top()..rect.bottom() {
            buf[(rect.x, y)].set_symbol("│").set_style(style);
        }
    };
    if moved {
        screen.draw_part(side(area.x), border);
    }
    // Where the thumb was and is, unless the terminal moved it.
    let before = app.scroll().saturating_add_signed(-scrolled);
    let right = match (moved, thumb(app, area, before), thumb(app, area, app.scroll())) {
        (false, Some(old), Some(new)) => {
            let rows = old.start.min(new.start)..old.end.max(new.end);
            Rect::new(area.right() - 1, rows.start, 1, rows.end - rows.start)
        }
        _ => side(area.right() - 1),
    };
    screen.draw_part(right, |rect, buf| {
        border(rect, buf);
        scrollbar(app, area, buf, theme);
    });
}

/// The key of a row past the end of the page (the keys of lines are their indexes).
const BLANK_ROW: u64 = 1 << 62;

/// Draws line `index` of the page (nothing past its end) at (`x`, `y`), in `width` columns.
fn draw_line(
    app: &App,
    index: usize,
    buf: &mut Buffer,
    (x, y, width): (u16, u16, usize),
    theme: &Theme,
) {
    let page = app.page();
    let Some(line) = page.lines.get(index) else { return };
    let b = app.briefing();
    let n = b.sections.len();
    let section = &b.sections[app.section()];
    let rendered = match line.kind {
        LineKind::Label => Line::styled(format!("Section {} of {n}", app.section()), theme.dim),
        LineKind::CoverTitle | LineKind::CoverSubtitle | LineKind::Summary(_) | LineKind::Title => {
            let style = match line.kind {
                LineKind::CoverTitle => theme.cover,
                LineKind::CoverSubtitle => theme.dim.italic(),
                LineKind::Summary(_) => theme.text.italic(),
                _ => theme.heading,
            };
            let field = match line.kind {
                LineKind::Title => Field::SectionTitle(app.section()),
                kind => Field::Cover(kind),
            };
            let source = page.source(b, &line.kind);
            let marks = super::search_marks(app, field, source, theme);
            Line::from(super::highlighted(source, line.range.clone(), style, &marks))
        }
        LineKind::Blank => return,
        LineKind::Body(p) => {
            // Each with its layer: where they overlap, the higher one's style is laid over
            // the lower's (a match inside a marked passage keeps the underline).
            let mut marks: Vec<(Range<usize>, Style, u8)> = Vec::new();
            let on_line = app.mark_index().on_line(app.section(), p, line.range.clone());
            let passages = on_line.map(|m| {
                let style = theme.mark_style(m.label);
                let shown = app.shown_mark() == Some(m.id.as_str());
                (m.bytes.clone(), if shown { style.patch(theme.quote) } else { style })
            });
            marks.extend(coalesced(passages, line.range.clone()).map(|(r, s)| (r, s, 0)));
            let quote =
                app.highlight().and_then(|c| b.claims.get(c.0)).and_then(|c| c.quote_span.as_ref());
            if let Some(q) = quote.filter(|q| q.paragraph == p) {
                marks.push((q.range.clone(), theme.quote, 1));
            }
            for (range, is_current) in app.body_matches(p, line.range.clone()) {
                let style = if is_current { theme.current_match } else { theme.matched };
                marks.push((range, style, 2));
            }
            if let Some(sel) = app.selecting().filter(|s| s.paragraph == p) {
                marks.push((sel.range(), theme.selection, 3));
            }
            let paragraph = &section.paragraphs[p];
            let marks = layered(marks, line.range.clone());
            super::body::draw(
                buf,
                (x, y, width as u16),
                section.kind(p),
                paragraph,
                line,
                &marks,
                theme,
            );
            return;
        }
    };
    super::line::set_line(buf, x, y, &rendered, width as u16);
}

/// Marked passages (in order of their starts, overlapping as highlights inside highlights do)
/// cut to `line` and merged where they overlap or touch in one style: a line under a
/// thousand marks is a few runs to lay out, not a thousand.
fn coalesced(
    passages: impl Iterator<Item = (Range<usize>, Style)>,
    line: Range<usize>,
) -> impl Iterator<Item = (Range<usize>, Style)> {
    // One open run per style (a handful: a style per label), flushed when a gap opens.
    let mut open: Vec<(Range<usize>, Style)> = Vec::new();
    let mut done: Vec<(Range<usize>, Style)> = Vec::new();
    for (range, style) in passages {
        let range = range.start.max(line.start)..range.end.min(line.end);
        if range.is_empty() {
            continue;
        }
        match open.iter_mut().find(|(_, s)| *s == style) {
            Some((run, _)) if range.start <= run.end => run.end = run.end.max(range.end),
            Some(run) => done.push(std::mem::replace(run, (range, style))),
            None => open.push((range, style)),
        }
    }
    done.extend(open);
    done.into_iter()
}

/// Styled ranges that may overlap, each with its layer, as sorted ranges that do not: each
/// piece of `line` styled by every range over it, lowest layer first.
fn layered(
    mut marks: Vec<(Range<usize>, Style, u8)>,
    line: Range<usize>,
) -> Vec<(Range<usize>, Style)> {
    match marks.len() {
        0 => return Vec::new(),
        1 => return marks.into_iter().map(|(r, s, _)| (r, s)).collect(),
        _ => {}
    }
    marks.sort_by_key(|(_, _, layer)| *layer);
    let mut cuts: Vec<usize> = marks
        .iter()
        .flat_map(|(r, _, _)| [r.start, r.end])
        .map(|at| at.clamp(line.start, line.end))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<(Range<usize>, Style)> = Vec::new();
    for piece in cuts.windows(2) {
        let (from, to) = (piece[0], piece[1]);
        let over = marks.iter().filter(|(r, _, _)| r.start <= from && r.end >= to);
        let mut style = None::<Style>;
        for (_, s, _) in over {
            style = Some(style.map_or(*s, |base| base.patch(*s)));
        }
        if let Some(style) = style {
            match out.last_mut() {
                Some((r, s)) if r.end == from && *s == style => r.end = to,
                _ => out.push((from..to, style)),
            }
        }
    }
    out
}

/// A one-column thumb on the right border of the pane `area` showing where the view is in
/// the section, drawn where it falls inside `buf`.
fn scrollbar(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(rows) = thumb(app, area, app.scroll()) else { return };
    let x = area.right().saturating_sub(1);
    for y in rows {
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_symbol("┃").set_style(theme.border_focused);
        }
    }
}

/// The rows of the thumb with the text scrolled to `scroll`; none when it all fits.
fn thumb(app: &App, area: Rect, scroll: usize) -> Option<Range<u16>> {
    let track = area.height.saturating_sub(2);
    let total = app.page().lines.len();
    if track == 0 || total <= usize::from(track) {
        return None;
    }
    let height = usize::from(track);
    let thumb = (height * height / total).clamp(1, height);
    // At the last page the thumb touches the bottom of the track.
    let max_scroll = total.saturating_sub(usize::from(track)).max(1);
    let top = (scroll.min(max_scroll) * (height - thumb) / max_scroll).min(height - thumb);
    let top = area.y + 1 + top as u16;
    Some(top..top + thumb as u16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn overlapping_passages_of_one_style_are_one_run_cut_to_the_line() {
        let a = Style::new().add_modifier(Modifier::UNDERLINED);
        let b = Style::new().fg(Color::Red);
        let passages = vec![(0..10, a), (5..20, a), (8..12, b), (25..30, a), (40..50, b)];
        let mut got: Vec<_> = coalesced(passages.into_iter(), 2..45).collect();
        got.sort_by_key(|(r, _)| r.start);
        assert_eq!(got, [(2..20, a), (8..12, b), (25..30, a), (40..45, b)]);
        assert_eq!(
            coalesced(vec![(0..2, a)].into_iter(), 2..9).count(),
            0,
            "ends where the line starts"
        );
    }
}
