//! One line of a section's body in the reading pane, drawn as its paragraph's kind asks: running
//! text (a list item's wrapped lines under its text), a sub-heading, or a line of a
//! preformatted paragraph, which is never wrapped: it sits behind a gutter and, when wider than
//! the pane, is cut with a marker. Marks (the quote, search matches) are given by the caller.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::briefing::ParagraphKind;
use crate::text;
use crate::tui::app::PageLine;
use crate::tui::theme::Theme;

/// What stands before each line of a preformatted paragraph.
pub const PRE_GUTTER: &str = "│ ";
/// What ends a preformatted line cut at the pane's edge.
pub const CUT_MARKER: &str = "›";

/// Draws `line` of `paragraph` at (`x`, `y`), in at most `width` columns.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    buf: &mut Buffer,
    (x, y, width): (u16, u16, u16),
    kind: ParagraphKind,
    paragraph: &str,
    line: &PageLine,
    marks: &[(Range<usize>, Style)],
    theme: &Theme,
) {
    let range = line.range.clone();
    match kind {
        ParagraphKind::Text => {
            let spans = super::highlighted(paragraph, range, theme.text, marks);
            let indent = line.indent.min(width);
            super::line::set_line(buf, x + indent, y, &Line::from(spans), width - indent);
        }
        ParagraphKind::Heading => {
            let spans = super::highlighted(paragraph, range, theme.subheading, marks);
            super::line::set_line(buf, x, y, &Line::from(spans), width);
        }
        ParagraphKind::Pre => {
            let gutter = text::width(PRE_GUTTER) as u16;
            if width <= gutter + 1 {
                return;
            }
            super::line::set_stringn(buf, x, y, PRE_GUTTER, usize::from(gutter), theme.dim);
            let room = width - gutter;
            let cut = text::width(&paragraph[range.clone()]) > usize::from(room);
            let shown = if cut { room - 1 } else { room };
            let spans = super::highlighted(paragraph, range, theme.pre, marks);
            let (end, _) = super::line::set_line(buf, x + gutter, y, &Line::from(spans), shown);
            if cut {
                // A wide character that did not fit leaves a gap: the marker goes after it.
                let at = end.max(x + gutter).min(x + width - 1);
                super::line::set_stringn(buf, at, y, CUT_MARKER, 1, theme.dim);
            }
        }
    }
}
