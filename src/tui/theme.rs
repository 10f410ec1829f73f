//! Styles, and nothing else. `MONO` is used when `NO_COLOR` is set: every distinction it must
//! keep (selection, highlight, focus) is carried by bold, underline and reverse video.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub heading: Style,
    pub cover: Style,
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

pub const COLOR: Theme = Theme {
    text: plain(),
    dim: Style::new().fg(Color::DarkGray),
    heading: Style::new().add_modifier(Modifier::BOLD),
    cover: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    border_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    selected: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
    selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
    quote: Style::new().fg(Color::Black).bg(Color::Yellow),
    matched: Style::new().fg(Color::Black).bg(Color::Magenta),
    current_match: Style::new().fg(Color::Black).bg(Color::LightGreen).add_modifier(Modifier::BOLD),
    marker: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    note: Style::new().fg(Color::LightYellow).add_modifier(Modifier::ITALIC),
    selection: Style::new().fg(Color::Black).bg(Color::LightBlue),
    mark: Style::new().add_modifier(Modifier::UNDERLINED),
    mark_evidence: Style::new().fg(Color::LightGreen).add_modifier(Modifier::UNDERLINED),
    mark_doubt: Style::new().fg(Color::LightRed).add_modifier(Modifier::UNDERLINED),
    mark_question: Style::new().fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
    status: Style::new().fg(Color::White).bg(Color::DarkGray),
    status_key: Style::new().fg(Color::Yellow).bg(Color::DarkGray).add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
};

pub const MONO: Theme = Theme {
    text: plain(),
    dim: plain(),
    heading: Style::new().add_modifier(Modifier::BOLD),
    cover: Style::new().add_modifier(Modifier::BOLD),
    border: plain(),
    border_focused: Style::new().add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
    quote: Style::new().add_modifier(Modifier::UNDERLINED.union(Modifier::BOLD)),
    matched: Style::new().add_modifier(Modifier::REVERSED),
    current_match: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    marker: Style::new().add_modifier(Modifier::BOLD),
    note: Style::new().add_modifier(Modifier::ITALIC),
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

/// The theme for this environment: `NO_COLOR` set to anything non-empty means no colour.
pub fn from_env(no_color: Option<std::ffi::OsString>) -> &'static Theme {
    match no_color {
        Some(v) if !v.is_empty() => &MONO,
        _ => &COLOR,
    }
}
