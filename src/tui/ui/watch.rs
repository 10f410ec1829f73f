//! What to watch (`W`) over the panes: each factor's indicators under its title, your
//! observations under each indicator, newest first and dated, the selected one whole; the
//! observations whose indicator is gone last, marked, never hidden.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::list;
use crate::notes::Observation;
use crate::sanitize;
use crate::tui::app::{Action, App, Mode, WatchRow, WatchView};
use crate::tui::keymap;
use crate::tui::theme::Theme;

/// What stands before an indicator, as in the factors pane.
const INDICATOR: &str = "▸ ";

/// When it was logged, to the minute (UTC), or that it is not written yet.
pub fn when(o: &Observation) -> String {
    o.minute()
}

/// Your observations on `indicator` for the factors pane and the factor popup: the newest
/// `most`, each dated, in at most two lines at `width`, and how many
/// more `W` lists.
pub fn latest(
    app: &App,
    indicator: &str,
    (most, width): (usize, u16),
    indent: &str,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let all = crate::notes::observations::on(&app.notes().observations, indicator);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for o in all.iter().take(most) {
        let date: String = o.minute().chars().take(10).collect();
        let text = format!("{date} · {}", o.one_line());
        let first = Span::styled(format!("{indent}· "), theme.dim);
        let rest = format!("{indent}  ");
        lines.extend(owned(&text, width, first, &rest, theme.note).into_iter().take(2));
    }
    if all.len() > most {
        let key = keymap::key_for(Mode::Reading, Action::OpenWatch);
        let more = format!("{indent}… {} more ({key} lists them)", all.len() - most);
        lines.push(Line::styled(more, theme.dim));
    }
    lines
}

pub fn render(app: &App, view: &WatchView, screen: Rect, buf: &mut Buffer, theme: &Theme) {
    let [area] = Layout::horizontal([Constraint::Max(100)]).flex(Flex::Center).areas(screen);
    let [area] = Layout::vertical([Constraint::Percentage(85)]).flex(Flex::Center).areas(area);
    Clear.render(area, buf);
    let b = app.briefing();
    let rows = app.watch_rows();
    let indicators: usize = b.factors.iter().map(|f| f.indicators.len()).sum();
    let observed = app.notes().observations.len();
    let title = format!(
        " What to watch: {indicators} indicator{} · {observed} observation{} of yours ",
        if indicators == 1 { "" } else { "s" },
        if observed == 1 { "" } else { "s" },
    );
    let mut hints: Vec<Action> = keymap::hints(Mode::Watch)
        .map(|(_, _, action)| action)
        .filter(|a| app.offers(*a))
        .collect();
    // Room is left on the border for the "↓ cut · N more" mark.
    while !hints.is_empty()
        && crate::text::width(&keymap::footer(Mode::Watch, &hints)) + 20 > usize::from(area.width)
    {
        hints.pop();
    }
    let block = Block::bordered().border_style(theme.border_focused).title(title).title_bottom(
        Line::from(format!(" {} ", keymap::footer(Mode::Watch, &hints))).style(theme.dim),
    );
    let mut inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    if let Some(problem) = &app.notes().read_only {
        let line =
            Line::styled(format!("Read-only: {}", sanitize::single_line(problem)), theme.error);
        super::line::set_line(buf, inner.x, inner.y, &line, inner.width);
        inner.y += 1;
        inner.height -= 1;
    }
    let selected = app.watch_selected(view, &rows);
    let items: Vec<list::Item> = rows
        .iter()
        .enumerate()
        .map(|(n, row)| item(app, row, n, Some(n) == selected, inner.width, theme))
        .collect();
    let drawn = list::render(&items, selected, theme.selected, false, inner, buf);
    list::mark_hidden(area, drawn.hidden, drawn.cut, theme.dim, buf);
}

/// The lines of one row; `n` is its place (a factor's title after the first gets a blank line
/// above it).
fn item<'a>(
    app: &'a App,
    row: &WatchRow,
    n: usize,
    selected: bool,
    width: u16,
    theme: &Theme,
) -> list::Item<'a> {
    let b = app.briefing();
    let gap = || if n > 0 { vec![Line::raw("")] } else { Vec::new() };
    match row {
        WatchRow::Factor(f) => {
            let mut lines = gap();
            let factor = &b.factors[*f];
            lines.extend(list::wrapped(
                &factor.title,
                width,
                Span::raw(""),
                "",
                theme.heading,
                &[],
            ));
            if let Some(question) = &factor.question {
                lines.extend(list::wrapped(question, width, Span::raw(""), "", theme.dim, &[]));
            }
            lines
        }
        WatchRow::Indicator(f, i) => {
            let indicator = &b.factors[*f].indicators[*i];
            let marker = Span::styled(format!("  {INDICATOR}"), theme.marker);
            let mut lines = list::wrapped(&indicator.text, width, marker, "    ", theme.text, &[]);
            if crate::notes::observations::on(&app.notes().observations, &indicator.id).is_empty() {
                lines.push(Line::styled("      nothing observed yet", theme.dim));
            }
            lines
        }
        WatchRow::Observation(id, place) => {
            let Some(o) = app.notes().observations.get(id) else { return Vec::new() };
            // The date before the text where there is room, else on a line of its own.
            let inline = width >= 60;
            let (lead, indent) = if inline {
                let lead = format!("      {} · ", when(o));
                let indent = " ".repeat(crate::text::width(&lead));
                (lead, indent)
            } else {
                (String::new(), "      ".to_string())
            };
            let style = if place.is_some() { theme.note } else { theme.error };
            let text: Vec<String> =
                o.text.split('\n').map(|l| sanitize::single_line(l).into_owned()).collect();
            let shown = if selected { text.len() } else { 1 };
            let mut lines = Vec::new();
            if !inline {
                lines.push(Line::styled(format!("    {}", when(o)), theme.dim));
            }
            for (k, line) in text.iter().take(shown).enumerate() {
                let lead = if k == 0 && inline {
                    Span::styled(lead.clone(), theme.dim)
                } else {
                    Span::raw(indent.clone())
                };
                let line = line.as_str();
                lines.extend(owned(line, width, lead, &indent, style));
            }
            if !selected {
                lines.truncate(if inline { 2 } else { 3 });
            }
            if place.is_none() {
                let what = format!("{indent}was on '{}'", sanitize::single_line(&o.indicator));
                lines.push(Line::styled(what, theme.dim));
            }
            lines
        }
        WatchRow::Orphans => {
            let mut lines = gap();
            lines.push(Line::styled(
                "Observations whose indicator is gone from the briefing",
                theme.error,
            ));
            lines
        }
    }
}

/// `text` (made safe already) wrapped to `width`, owned: the first line after `first`, the
/// others after `rest` (both the same width).
fn owned(
    text: &str,
    width: u16,
    first: Span<'static>,
    rest: &str,
    style: ratatui::style::Style,
) -> Vec<Line<'static>> {
    let room = usize::from(width).saturating_sub(first.width()).max(1);
    let mut prefix = Some(first);
    crate::text::wrap(text, room)
        .into_iter()
        .map(|r| {
            let lead = prefix.take().unwrap_or_else(|| Span::raw(rest.to_string()));
            Line::from(vec![lead, Span::styled(text[r].to_string(), style)])
        })
        .collect()
}
