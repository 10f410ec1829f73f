//! Styles, and nothing else. `MONO` is used when `NO_COLOR` is set: every distinction it must
//! keep (selection, highlight, focus) is carried by bold, underline and reverse video.

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
    pub status: Style,
    pub status_key: Style,
    pub error: Style,
}

const fn plain() -> Style {
    Style::new()
}

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
    status: Style::new().fg(Color::White).bg(Color::DarkGray),
    status_key: Style::new().fg(Color::Yellow).bg(Color::DarkGray).add_modifier(Modifier::BOLD),
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
    status: Style::new().add_modifier(Modifier::REVERSED),
    status_key: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    error: Style::new().add_modifier(Modifier::BOLD),
};

/// The theme for this environment: `NO_COLOR` set to anything non-empty means no colour.
pub fn from_env(no_color: Option<std::ffi::OsString>) -> &'static Theme {
    match no_color {
        Some(v) if !v.is_empty() => &MONO,
        _ => &COLOR,
    }
}
