//! Writing text into cells: `Buffer::set_line` with the same result, faster on plain text.
//!
//! ratatui splits every string into grapheme clusters and measures each one; for printable
//! ASCII followed by printable ASCII neither is needed (one byte, one cluster, one column),
//! and that is most of what a reader draws. Anything else goes through the same cluster
//! rules as ratatui's.

use ratatui::buffer::Buffer;
use ratatui::buffer::CellWidth;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;

/// Draws `line` at (`x`, `y`), at most `max_width` columns: `Buffer::set_line`.
pub fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max_width: u16) -> (u16, u16) {
    let mut remaining = max_width;
    let mut x = x;
    for span in line {
        if remaining == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let end = set_stringn(buf, x, y, &span.content, usize::from(remaining), style).0;
        remaining = remaining.saturating_sub(end.saturating_sub(x));
        x = end;
    }
    (x, y)
}

/// Draws `text` at (`x`, `y`), at most `max_width` columns: `Buffer::set_stringn`.
pub fn set_stringn(
    buf: &mut Buffer,
    mut x: u16,
    y: u16,
    text: &str,
    max_width: usize,
    style: Style,
) -> (u16, u16) {
    let max_width = u16::try_from(max_width).unwrap_or(u16::MAX);
    let mut remaining = buf.area.right().saturating_sub(x).min(max_width);
    let bytes = text.as_bytes();
    let mut i = 0;
    // `i` is always at a cluster boundary: a plain byte followed by a plain byte is a cluster
    // of its own, and the slow path steps whole clusters.
    while i < bytes.len() && remaining > 0 {
        // A run of plain bytes, but the last one, which may start a cluster with what follows.
        let plain = bytes[i..].iter().take_while(|&&b| is_plain(b)).count();
        let run = if i + plain == bytes.len() { plain } else { plain.saturating_sub(1) };
        let run = run.min(usize::from(remaining));
        if run > 0 {
            let at = buf.index_of(x, y);
            for (cell, &byte) in buf.content[at..at + run].iter_mut().zip(&bytes[i..]) {
                cell.set_char(char::from(byte)).set_style(style);
            }
            x += run as u16;
            remaining -= run as u16;
            i += run;
            continue;
        }
        let Some(cluster) = text[i..].graphemes(true).next() else { break };
        i += cluster.len();
        if cluster.contains(char::is_control) {
            continue;
        }
        let width = cluster.cell_width();
        if width == 0 {
            continue;
        }
        let Some(left) = remaining.checked_sub(width) else { break };
        remaining = left;
        buf[(x, y)].set_symbol(cluster).set_style(style);
        let next = x + width;
        x += 1;
        // The cells a wide cluster covers are blank.
        while x < next {
            buf[(x, y)].reset();
            x += 1;
        }
    }
    (x, y)
}

/// A byte that is a printable ASCII character.
fn is_plain(byte: u8) -> bool {
    (0x20..0x7f).contains(&byte)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;

    /// Pieces that test every cluster rule near plain text: accents, joiners, prepended
    /// marks, flags, keycaps, wide and zero-width characters, controls.
    const PIECES: &[&str] = &[
        "a",
        "Z",
        " ",
        "~",
        "e\u{301}",
        "\u{301}",
        "\u{200d}",
        "👩\u{200d}💻",
        "\u{600}1",
        "\u{600}",
        "🇫🇷",
        "🇫",
        "1\u{fe0f}\u{20e3}",
        "中",
        "文",
        "ｶﾞ",
        "\u{ff9e}",
        "\t",
        "\n",
        "\r\n",
        "\u{7f}",
        "\u{200b}",
        "한",
        "\u{1100}\u{1161}",
        "️",
        "ok",
        "é",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn draws_what_ratatui_draws(
            spans in prop::collection::vec(text(), 0..4),
            width in 1u16..30,
            x in 0u16..8,
            max_width in 0u16..40,
        ) {
            let area = Rect::new(3, 1, width + 8, 2);
            let styles = [
                Style::default().fg(Color::Red),
                Style::default().add_modifier(Modifier::BOLD),
                Style::default().bg(Color::Blue).remove_modifier(Modifier::BOLD),
            ];
            let line = Line::from(
                spans
                    .iter()
                    .enumerate()
                    .map(|(i, s)| Span::styled(s.as_str(), styles[i % 3]))
                    .collect::<Vec<_>>(),
            )
            .style(Style::default().fg(Color::Green));
            let mut ours = Buffer::filled(area, ratatui::buffer::Cell::new("x"));
            let mut theirs = ours.clone();
            let at = set_line(&mut ours, area.x + x, 2, &line, max_width);
            let expected = theirs.set_line(area.x + x, 2, &line, max_width);
            prop_assert_eq!(at, expected);
            prop_assert_eq!(ours, theirs);
        }
    }
}
