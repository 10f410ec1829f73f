//! Styles, and nothing else. `DARK` is the default, `LIGHT` is for a light background, and
//! `MONO` is used when `NO_COLOR` is set: every distinction it must keep (selection,
//! highlight, focus) is carried by bold, underline and reverse video. `SLOTS` names each
//! style for the config file.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub heading: Style,
    pub cover: Style,
    /// A sub-heading inside a section's text.
    pub subheading: Style,
    /// A preformatted paragraph (code, a table): its text; its gutter and cut marker are `dim`.
    pub pre: Style,
    pub border: Style,
    pub border_focused: Style,
    /// The selected item of the focused pane.
    pub selected: Style,
    /// The selected item of a pane without focus.
    pub selected_unfocused: Style,
    /// A claim's quote in the text.
    pub quote: Style,
    /// A search match, and the current one.
    pub matched: Style,
    pub current_match: Style,
    /// Markers: a factor bearing on this section, a claim answered by a counterpoint.
    pub marker: Style,
    /// The user's own note text.
    pub note: Style,
    /// Your own claims, counterpoints and factor links (always with a `✦ yours` too).
    pub yours: Style,
    /// The passage being selected.
    pub selection: Style,
    /// A marked passage in the text, without a label and with each label.
    pub mark: Style,
    pub mark_evidence: Style,
    pub mark_doubt: Style,
    pub mark_question: Style,
    pub status: Style,
    pub status_key: Style,
    pub error: Style,
}

const fn plain() -> Style {
    Style::new()
}

/// The default theme, for a dark background (the colours the reader always had).
pub const DARK: Theme = COLOR;

pub const COLOR: Theme = Theme {
    text: plain(),
    dim: Style::new().fg(Color::DarkGray),
    heading: Style::new().add_modifier(Modifier::BOLD),
    cover: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    subheading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    pre: Style::new().fg(Color::Green),
    border: Style::new().fg(Color::DarkGray),
    border_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    selected: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
    selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
    quote: Style::new().fg(Color::Black).bg(Color::Yellow),
    matched: Style::new().fg(Color::Black).bg(Color::Magenta),
    current_match: Style::new().fg(Color::Black).bg(Color::LightGreen).add_modifier(Modifier::BOLD),
    marker: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    note: Style::new().fg(Color::LightYellow).add_modifier(Modifier::ITALIC),
    yours: Style::new().fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
    selection: Style::new().fg(Color::Black).bg(Color::LightBlue),
    mark: Style::new().add_modifier(Modifier::UNDERLINED),
    mark_evidence: Style::new().fg(Color::LightGreen).add_modifier(Modifier::UNDERLINED),
    mark_doubt: Style::new().fg(Color::LightRed).add_modifier(Modifier::UNDERLINED),
    mark_question: Style::new().fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
    status: Style::new().fg(Color::White).bg(Color::DarkGray),
    status_key: Style::new().fg(Color::Yellow).bg(Color::DarkGray).add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
};

/// For a light (white) background: no yellow or light text on it, selections in blue.
pub const LIGHT: Theme = Theme {
    text: plain(),
    dim: Style::new().fg(Color::DarkGray),
    heading: Style::new().add_modifier(Modifier::BOLD),
    subheading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    pre: Style::new().fg(Color::Green),
    cover: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    border_focused: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    selected: Style::new().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD),
    selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
    quote: Style::new().fg(Color::Black).bg(Color::LightYellow),
    matched: Style::new().fg(Color::Black).bg(Color::LightMagenta),
    current_match: Style::new().fg(Color::Black).bg(Color::LightGreen).add_modifier(Modifier::BOLD),
    marker: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
    note: Style::new().fg(Color::Green).add_modifier(Modifier::ITALIC),
    yours: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    selection: Style::new().fg(Color::White).bg(Color::Blue),
    mark: Style::new().add_modifier(Modifier::UNDERLINED),
    mark_evidence: Style::new().fg(Color::Green).add_modifier(Modifier::UNDERLINED),
    mark_doubt: Style::new().fg(Color::Red).add_modifier(Modifier::UNDERLINED),
    mark_question: Style::new().fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
    status: Style::new().fg(Color::Black).bg(Color::Gray),
    status_key: Style::new().fg(Color::Blue).bg(Color::Gray).add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
};

pub const MONO: Theme = Theme {
    text: plain(),
    dim: plain(),
    heading: Style::new().add_modifier(Modifier::BOLD),
    cover: Style::new().add_modifier(Modifier::BOLD),
    subheading: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    pre: plain(),
    border: plain(),
    border_focused: Style::new().add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
    quote: Style::new().add_modifier(Modifier::UNDERLINED.union(Modifier::BOLD)),
    matched: Style::new().add_modifier(Modifier::REVERSED),
    current_match: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    marker: Style::new().add_modifier(Modifier::BOLD),
    note: Style::new().add_modifier(Modifier::ITALIC),
    yours: Style::new().add_modifier(Modifier::BOLD.union(Modifier::ITALIC)),
    selection: Style::new().add_modifier(Modifier::REVERSED),
    // Without colour each label keeps a style of its own: all underlined, then bold, italic
    // or both (dim would vanish on some terminals).
    mark: Style::new().add_modifier(Modifier::UNDERLINED),
    mark_evidence: Style::new().add_modifier(Modifier::UNDERLINED.union(Modifier::BOLD)),
    mark_doubt: Style::new().add_modifier(Modifier::UNDERLINED.union(Modifier::ITALIC)),
    mark_question: Style::new()
        .add_modifier(Modifier::UNDERLINED.union(Modifier::BOLD).union(Modifier::ITALIC)),
    status: Style::new().add_modifier(Modifier::REVERSED),
    status_key: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    error: Style::new().add_modifier(Modifier::BOLD),
};

impl Theme {
    /// How a mark with `label` is drawn in the text.
    pub fn mark_style(&self, label: Option<crate::notes::Label>) -> Style {
        use crate::notes::Label;
        match label {
            None => self.mark,
            Some(Label::Evidence) => self.mark_evidence,
            Some(Label::Doubt) => self.mark_doubt,
            Some(Label::Question) => self.mark_question,
        }
    }
}

/// The built-in themes a config can start from, by name; the first is the default.
pub const BASES: [(&str, &Theme); 3] = [("dark", &DARK), ("light", &LIGHT), ("mono", &MONO)];

/// A style of the theme as the config file names it: `[theme.NAME]`.
pub struct Slot {
    pub name: &'static str,
    pub field: fn(&mut Theme) -> &mut Style,
    /// What it colours, for the comment `config --default` writes.
    pub about: &'static str,
}

/// Every style of `Theme`, one line each, in the order `config --default` lists them. A new
/// field needs a line here (`every_theme_field_has_a_slot` fails until it has one).
pub const SLOTS: &[Slot] = &[
    slot("text", |t| &mut t.text, "the text of a section"),
    slot("dim", |t| &mut t.dim, "secondary text: counts, placeholders"),
    slot("heading", |t| &mut t.heading, "headings and pane titles"),
    slot("subheading", |t| &mut t.subheading, "a sub-heading inside a section"),
    slot("pre", |t| &mut t.pre, "preformatted text: code, tables"),
    slot("cover", |t| &mut t.cover, "the briefing's title"),
    slot("border", |t| &mut t.border, "pane borders"),
    slot("border-focused", |t| &mut t.border_focused, "the focused pane's border"),
    slot("selected", |t| &mut t.selected, "the selected item of the focused pane"),
    slot("selected-unfocused", |t| &mut t.selected_unfocused, "the selected item of another pane"),
    slot("quote", |t| &mut t.quote, "a claim's quote in the text"),
    slot("matched", |t| &mut t.matched, "a search match"),
    slot("current-match", |t| &mut t.current_match, "the current search match"),
    slot("marker", |t| &mut t.marker, "markers, and keys in the help"),
    slot("note", |t| &mut t.note, "your own notes"),
    slot("yours", |t| &mut t.yours, "your own claims, counterpoints and factor links"),
    slot("selection", |t| &mut t.selection, "the passage being selected"),
    slot("mark", |t| &mut t.mark, "a marked passage without a label"),
    slot("mark-evidence", |t| &mut t.mark_evidence, "a passage marked as evidence"),
    slot("mark-doubt", |t| &mut t.mark_doubt, "a passage marked as doubt"),
    slot("mark-question", |t| &mut t.mark_question, "a passage marked as a question"),
    slot("status", |t| &mut t.status, "the status bar"),
    slot("status-key", |t| &mut t.status_key, "keys in the status bar"),
    slot("error", |t| &mut t.error, "errors"),
];

const fn slot(
    name: &'static str,
    field: fn(&mut Theme) -> &mut Style,
    about: &'static str,
) -> Slot {
    Slot { name, field, about }
}

impl Theme {
    /// The style in `slot`.
    pub fn get(&self, slot: &Slot) -> Style {
        let mut copy = *self;
        *(slot.field)(&mut copy)
    }
}

/// `theme` without any colour: for `NO_COLOR`, whatever a config set.
pub fn without_colour(theme: &Theme) -> Theme {
    let mut out = *theme;
    for slot in SLOTS {
        let style = (slot.field)(&mut out);
        (style.fg, style.bg, style.underline_color) = (None, None, None);
    }
    out
}

/// The theme for this environment: `NO_COLOR` set to anything non-empty means no colour.
pub fn from_env(no_color: Option<std::ffi::OsString>) -> &'static Theme {
    match no_color {
        Some(v) if !v.is_empty() => &MONO,
        _ => &COLOR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `SLOTS` reaches every field once: as many slots as a `Theme` holds styles, each its
    /// own field.
    #[test]
    fn every_theme_field_has_a_slot() {
        assert_eq!(
            SLOTS.len() * std::mem::size_of::<Style>(),
            std::mem::size_of::<Theme>(),
            "a Theme field has no line in theme::SLOTS (or a field is not a Style)"
        );
        let mut theme = MONO;
        for (i, slot) in SLOTS.iter().enumerate() {
            *(slot.field)(&mut theme) = Style::new().fg(Color::Indexed(i as u8));
        }
        for (i, slot) in SLOTS.iter().enumerate() {
            assert_eq!(theme.get(slot), Style::new().fg(Color::Indexed(i as u8)), "{}", slot.name);
        }
        let mut names: Vec<_> = SLOTS.iter().map(|s| s.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), SLOTS.len());
    }

    #[test]
    fn without_colour_keeps_the_modifiers_only() {
        assert_eq!(without_colour(&MONO), MONO);
        let plain = without_colour(&DARK);
        assert_eq!(plain.selected, Style::new().add_modifier(Modifier::BOLD));
    }
}
