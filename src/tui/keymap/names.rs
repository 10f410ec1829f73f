//! What the config file calls things: each action's name, each mode's name, and keys written
//! as text (`j`, `Ctrl-O`, `PgDn`, `Up`). The help shows keys with `keymap::key_name`; a config
//! may use those names too, so what the help shows can be copied into it.

use ratatui::crossterm::event::KeyCode;

use super::Key;
use crate::briefing::SectionIx;
use crate::tui::app::{Action, Mode};

/// The name of an action in the config file, kebab-case. `None` for actions no key is bound
/// to (typing, clicks, the editor's own keys). Every action a table binds must be named here:
/// `every_bound_action_has_a_name` says which one is not.
pub fn action_name(action: Action) -> Option<String> {
    use Action as A;
    let name = match action {
        A::Down => "down",
        A::Up => "up",
        A::PageDown => "page-down",
        A::PageUp => "page-up",
        A::Top => "top",
        A::Bottom => "bottom",
        A::NextSection => "next-section",
        A::PrevSection => "prev-section",
        // As the user counts sections: `1` is the first.
        A::JumpToSection(SectionIx(n)) => return Some(format!("jump-to-section-{}", n + 1)),
        A::FocusNext => "focus-next",
        A::FocusPrev => "focus-prev",
        A::Activate => "activate",
        A::JumpBack => "jump-back",
        A::JumpForward => "jump-forward",
        A::StartSearch => "start-search",
        A::NextMatch => "next-match",
        A::PrevMatch => "prev-match",
        A::OpenContents => "open-contents",
        A::ToggleOutline => "toggle-outline",
        A::ToggleAnalysis => "toggle-analysis",
        A::ToggleHelp => "toggle-help",
        A::Close => "close",
        A::Accept => "accept",
        A::DeleteChar => "delete-char",
        A::EditNote => "edit-note",
        A::CycleStance => "cycle-stance",
        A::CycleLikelihood => "cycle-likelihood",
        A::CycleConfidence => "cycle-confidence",
        A::Undo => "undo",
        A::DeleteNote => "delete-note",
        A::OpenNotes => "open-notes",
        A::OpenGaps => "open-gaps",
        A::OpenMatrix => "open-matrix",
        A::SetAside => "set-aside",
        A::Rate(None) => "clear-rating",
        A::Rate(Some(c)) => return Some(format!("rate-{}", c.name().to_lowercase())),
        A::OpenReview => "open-review",
        A::ReviewNext => "review-next",
        A::ReviewPrev => "review-prev",
        A::ToggleUnjudged => "toggle-unjudged",
        A::OpenWatch => "open-watch",
        A::Left => "left",
        A::Right => "right",
        A::OpenLibrary => "open-library",
        A::SaveNote => "save-note",
        A::Yes => "yes",
        A::YesBoth => "yes-both",
        A::No => "no",
        A::Suspend => "suspend",
        A::Quit => "quit",
        A::StartSelection => "start-selection",
        A::SelectSentence(true) => "select-next-sentence",
        A::SelectSentence(false) => "select-prev-sentence",
        A::SelectWord(true) => "select-next-word",
        A::SelectWord(false) => "select-prev-word",
        A::SwapEnds => "swap-ends",
        A::Highlight => "highlight",
        A::CycleLabel => "cycle-label",
        A::AcceptDrift => "accept-drift",
        A::EditSource => "edit-source",
        A::MakeClaim => "make-claim",
        A::Rewrite => "rewrite",
        A::CycleKind => "cycle-kind",
        A::DeleteOwn => "delete-own",
        A::Counter => "counter",
        A::LinkFactors => "link-factors",
        A::ShowProblems => "show-problems",
        A::Type(_)
        | A::Click(..)
        | A::ClickOverlay
        | A::Wheel(..)
        | A::EditorKey(_)
        | A::PressText(..)
        | A::DragText(..) => {
            return None;
        }
    };
    Some(name.to_string())
}

/// The name of a mode in the config file: the table `[keys.NAME]`.
pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Reading => "reading",
        Mode::Selecting => "selecting",
        Mode::Matches => "matches",
        Mode::Search => "search",
        Mode::Picker => "picker",
        Mode::EditingNote => "note-editor",
        Mode::Confirm => "confirm",
        Mode::Notes => "notes",
        Mode::NotesFilter => "notes-filter",
        Mode::Matrix => "matrix",
        Mode::Review => "review",
        Mode::Watch => "watch",
        Mode::Problems => "problems",
        Mode::Help => "help",
    }
}

/// Keys with a name: the name the config writes first, then the others it accepts (the
/// help's own names and glyphs among them). Matched without regard to case.
const NAMED: &[(KeyCode, &[&str])] = &[
    (KeyCode::Char(' '), &["Space"]),
    (KeyCode::Enter, &["Enter", "Return"]),
    (KeyCode::Esc, &["Esc", "Escape"]),
    (KeyCode::Tab, &["Tab"]),
    (KeyCode::BackTab, &["Shift-Tab", "BackTab"]),
    (KeyCode::Backspace, &["Backspace", "Bksp"]),
    (KeyCode::Up, &["Up", "↑"]),
    (KeyCode::Down, &["Down", "↓"]),
    (KeyCode::Left, &["Left", "←"]),
    (KeyCode::Right, &["Right", "→"]),
    (KeyCode::PageUp, &["PgUp", "PageUp"]),
    (KeyCode::PageDown, &["PgDn", "PageDown"]),
    (KeyCode::Home, &["Home"]),
    (KeyCode::End, &["End"]),
    (KeyCode::Insert, &["Insert", "Ins"]),
    (KeyCode::Delete, &["Delete", "Del"]),
];

/// How the config writes `key`: `j`, `Ctrl-O`, `Space`, `Up`, `F5`; `parse_key` reads it back.
pub fn key_spec(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(c) if c != ' ' => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        code => match NAMED.iter().find(|(k, _)| *k == code) {
            Some((_, names)) => names[0].to_string(),
            None => format!("{code:?}"),
        },
    };
    if key.ctrl { format!("Ctrl-{}", base.to_uppercase()) } else { base }
}

/// Reads a key as the config writes it (`key_spec`) or as the help shows it (`key_name`).
/// The error says what is wrong, to follow "invalid key 'X': ".
pub fn parse_key(text: &str) -> Result<Key, String> {
    let (ctrl, base) = match split_prefix(text, "Ctrl-").or_else(|| split_prefix(text, "C-")) {
        Some(rest) if !rest.is_empty() => (true, rest),
        _ => (false, text),
    };
    if split_prefix(base, "Alt-").or_else(|| split_prefix(base, "Meta-")).is_some() {
        return Err("Alt and Meta keys are not read by the reader".into());
    }
    let mut chars = base.chars();
    let code = match (named(base), chars.next(), chars.next()) {
        // Names, and the arrows' glyphs as the help shows them.
        (Some(code), ..) => code,
        (None, None, _) => return Err("empty; write a key such as 'j', 'Ctrl-O' or 'PgDn'".into()),
        (None, Some(c), None) if c.is_control() => return Err("a control character".into()),
        // Control keys are letters: Ctrl-G and Ctrl-g are the same key.
        (None, Some(c), None) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        (None, Some(c), None) => KeyCode::Char(c),
        _ => {
            return Err("not a key name; use a character, Ctrl-X, F1..F12 or one of Space, \
                        Enter, Esc, Tab, Shift-Tab, Backspace, Up, Down, Left, Right, PgUp, \
                        PgDn, Home, End, Insert, Delete"
                .into());
        }
    };
    if ctrl {
        // A terminal sends these as other keys: they could never be pressed as written.
        let same = match code {
            KeyCode::Char('i') => Some("Tab"),
            KeyCode::Char('m') => Some("Enter"),
            KeyCode::Char('[') => Some("Esc"),
            _ => None,
        };
        if let Some(same) = same {
            return Err(format!("a terminal sends it as {same}; bind {same} instead"));
        }
        if matches!(code, KeyCode::Char(c) if !c.is_ascii_graphic()) {
            return Err("Ctrl goes with a letter, a digit or a sign".into());
        }
    }
    Ok(Key { code, ctrl })
}

/// `text` without `prefix`, matched without regard to case.
fn split_prefix<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

fn named(name: &str) -> Option<KeyCode> {
    if let Some(n) = split_prefix(name, "F").and_then(|n| n.parse::<u8>().ok())
        && (1..=12).contains(&n)
    {
        return Some(KeyCode::F(n));
    }
    NAMED
        .iter()
        .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
        .map(|(code, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{MODES, key_name, table};

    #[test]
    fn every_bound_action_has_a_name() {
        for mode in MODES {
            for binding in table(mode) {
                assert!(
                    action_name(binding.action).is_some(),
                    "{:?} is bound in {mode:?} but has no name in keymap/names.rs: add one",
                    binding.action
                );
            }
        }
    }

    #[test]
    fn action_names_are_kebab_case_and_unique() {
        let mut seen: Vec<(String, Action)> = Vec::new();
        for mode in MODES {
            for binding in table(mode) {
                let name = action_name(binding.action).unwrap();
                assert!(
                    name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                );
                match seen.iter().find(|(n, _)| *n == name) {
                    Some((_, action)) => assert_eq!(*action, binding.action, "{name}"),
                    None => seen.push((name, binding.action)),
                }
            }
        }
        assert_eq!(action_name(Action::JumpToSection(SectionIx(2))).unwrap(), "jump-to-section-3");
    }

    #[test]
    fn every_bound_key_reads_back_from_its_spec_and_its_help_name() {
        for mode in MODES {
            for binding in table(mode) {
                for &key in binding.keys {
                    assert_eq!(parse_key(&key_spec(key)), Ok(key), "{key:?}");
                    assert_eq!(parse_key(&key_name(key)), Ok(key), "{key:?}");
                }
            }
        }
    }

    #[test]
    fn keys_are_read_as_people_write_them() {
        let ch = |c| Key { code: KeyCode::Char(c), ctrl: false };
        assert_eq!(parse_key("j"), Ok(ch('j')));
        assert_eq!(parse_key("J"), Ok(ch('J')));
        assert_eq!(parse_key(" "), Ok(ch(' ')));
        assert_eq!(parse_key("space"), Ok(ch(' ')));
        assert_eq!(parse_key("ctrl-o"), Ok(Key { code: KeyCode::Char('o'), ctrl: true }));
        assert_eq!(parse_key("Ctrl-O"), Ok(Key { code: KeyCode::Char('o'), ctrl: true }));
        assert_eq!(parse_key("pagedown"), Ok(Key { code: KeyCode::PageDown, ctrl: false }));
        assert_eq!(parse_key("↑"), Ok(Key { code: KeyCode::Up, ctrl: false }));
        assert_eq!(parse_key("F5"), Ok(Key { code: KeyCode::F(5), ctrl: false }));
        assert_eq!(key_spec(Key { code: KeyCode::F(5), ctrl: false }), "F5");
        // "Ctrl-" alone is not a Ctrl key: it is five characters, not one key.
        for bad in ["", "Ctrl-", "jk", "F13", "Alt-x", "Ctrl-I", "Ctrl-M", "\u{1b}", "Hyper"] {
            assert!(parse_key(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_key("-"), Ok(ch('-')));
    }
}
