//! The status line: briefing title, section i/n, position in the section, then the search
//! prompt or counter, a message, or key hints from the keymap (as many as fit).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::text::width;
use crate::tui::app::{App, Mode};
use crate::tui::keymap;
use crate::tui::screen::{RowWrite, Screen};
use crate::tui::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    buf.set_style(area, theme.status);
    let n = app.briefing().sections.len();
    let right = format!(" §{}/{n} {} ", app.section(), app.position_label());
    let room = usize::from(area.width).saturating_sub(width(&right));
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    let push = |spans: &mut Vec<Span>, text: String, style, used: &mut usize| {
        *used += width(&text);
        spans.push(Span::styled(text, style));
    };
    if app.mode() == Mode::Search {
        let counter = app.match_counter().unwrap_or_else(|| {
            if app.search().query.is_empty() { String::new() } else { "no match".into() }
        });
        push(&mut spans, format!("/{}▏", app.search().query), theme.status_key, &mut used);
        push(&mut spans, format!(" {counter}  "), theme.status, &mut used);
    } else {
        let title = fit(&app.briefing().title, (room / 3).max(8));
        push(&mut spans, format!(" {title} "), theme.status_key, &mut used);
        if let (Some(counter), false) = (app.match_counter(), app.search().query.is_empty()) {
            push(
                &mut spans,
                format!(" /{} {counter} ", fit(&app.search().query, 20)),
                theme.status,
                &mut used,
            );
        }
    }
    let problem =
        app.notes().save_error.as_ref().map(|e| format!("notes not saved, will retry: {e}"));
    // While the file does not load, and its errors are not on screen, say so all along.
    let broken = app.problems().filter(|_| app.mode() != Mode::Problems).map(|p| {
        let key = keymap::key_for(Mode::Reading, crate::tui::app::Action::ShowProblems);
        format!("the file does not load ({} problems): {key} lists them", p.lines.len())
    });
    let problem = problem.or(broken);
    if let Some(message) = app.message().or(problem.as_deref()) {
        push(&mut spans, format!(" {message} "), theme.status_key, &mut used);
    } else {
        for (key, hint, _) in keymap::hints(app.mode()).filter(|(_, _, action)| app.offers(*action))
        {
            let text = format!(" {key} {hint}");
            if used + width(&text) > room {
                break;
            }
            used += width(&text);
            spans.push(Span::styled(format!(" {key}"), theme.status_key));
            spans.push(Span::styled(format!(" {hint}"), theme.status));
        }
    }
    super::line::set_line(buf, area.x, area.y, &Line::from(spans), room as u16);
    let x = area.x + area.width.saturating_sub(width(&right) as u16);
    buf.set_string(x, area.y, &right, theme.status_key);
}

/// The status bar after the text scrolled: a row the screen keeps (`Screen::draw_row`) by
/// what scrolling can change in it (the position, the message it clears or sets), so moving
/// back to a place shown since the last whole frame draws nothing again.
pub fn draw_scrolled<W: Write>(screen: &mut Screen<W>, app: &App, area: Rect, theme: &Theme) {
    let mut hash = DefaultHasher::new();
    (app.position_label(), app.message()).hash(&mut hash);
    // Apart from the keys of the text's lines (small numbers) and its blank rows.
    let key = (1 << 63) | (hash.finish() >> 1);
    screen.draw_row((area.x, area.y, area.width), key, RowWrite::Changes, |rect, buf| {
        render(app, rect, buf, theme);
    });
}

/// `text` cut to `max` columns, with an ellipsis when cut.
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        out.push(c);
        // A printable ASCII character adds one column; anything else is measured with what
        // it follows (a variation selector can widen the emoji before it).
        let now = if c.is_ascii_graphic() || c == ' ' { used + 1 } else { width(&out) };
        if now + 1 > max {
            out.pop();
            break;
        }
        used = now;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Cut text, ellipsis included, never takes more than the columns given, and keeps
        /// as much of the text as fits.
        #[test]
        fn fit_stays_within_its_columns(
            text in "[a-z ]{0,30}(\u{2764}\u{fe0f}|中|e\u{301}|😀)?[a-z中]{0,30}",
            max in 1usize..50,
        ) {
            let cut = fit(&text, max);
            if width(&text) <= max {
                prop_assert_eq!(&cut, &text);
            } else {
                prop_assert!(width(&cut) <= max, "{:?} is {} columns", cut, width(&cut));
                let kept = cut.trim_end_matches('…');
                prop_assert!(text.starts_with(kept));
                // One more character would not have fit.
                let next = text[kept.len()..].chars().next().unwrap();
                let longer = format!("{kept}{next}");
                prop_assert!(width(&longer) + 1 > max);
            }
        }
    }
}
