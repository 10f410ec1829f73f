//! The bindings in force: the built-in tables as owned rows, changed by the user's config,
//! installed once at start. Dispatch, hints and help all read `active()`, so the help shows
//! the keys as configured. Knows nothing of files: `config` builds a `Keymap` and installs it.

use std::sync::OnceLock;

use super::{Binding, Key, MODES, table};
use crate::tui::app::{Action, Mode};

/// One row of a mode's bindings: a built-in `Binding` whose keys may have been changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub keys: Vec<Key>,
    pub action: Action,
    pub hint: Option<&'static str>,
    pub help: &'static str,
}

impl From<&Binding> for Row {
    fn from(b: &Binding) -> Self {
        Row { keys: b.keys.to_vec(), action: b.action, hint: b.hint, help: b.help }
    }
}

/// Every mode's rows, in `MODES` order. A row left without keys is kept (its action can be
/// bound again) but not shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    modes: Vec<Vec<Row>>,
}

/// Two actions on one key in one mode, once a config has been applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub mode: Mode,
    pub key: Key,
    pub actions: (Action, Action),
}

impl Keymap {
    /// The built-in tables, row for row.
    pub fn builtin() -> Self {
        Keymap { modes: MODES.iter().map(|&m| table(m).iter().map(Row::from).collect()).collect() }
    }

    /// The rows of `mode`, in table order.
    pub fn rows(&self, mode: Mode) -> &[Row] {
        &self.modes[index(mode)]
    }

    /// Whether a built-in row of `mode` does `action`: only those can be bound there.
    pub fn has_action(&self, mode: Mode, action: Action) -> bool {
        self.rows(mode).iter().any(|r| r.action == action)
    }

    /// Makes `keys` (in this order) the keys of `action` in `mode`, in place of its own. A key
    /// that was already one of the action's goes back to its row (an action may have rows
    /// with different help lines); a new one goes to the action's first row. Rows left
    /// empty stop showing, except the hinted one, which takes another row's keys. Other
    /// actions keep their keys: a key they share is a conflict.
    pub fn set_keys(&mut self, mode: Mode, action: Action, keys: &[Key]) {
        let rows = &mut self.modes[index(mode)];
        let own: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].action == action).collect();
        let Some(&first) = own.first() else { return };
        let mut placed: Vec<Vec<Key>> = vec![Vec::new(); rows.len()];
        for &key in keys {
            if placed.iter().any(|p| p.contains(&key)) {
                continue;
            }
            let row = own.iter().copied().find(|&i| rows[i].keys.contains(&key)).unwrap_or(first);
            placed[row].push(key);
        }
        // The row with the status bar's hint keeps the action hinted while it has any key.
        if let Some(&hinted) = own.iter().find(|&&i| rows[i].hint.is_some())
            && placed[hinted].is_empty()
            && let Some(&donor) = own.iter().find(|&&i| !placed[i].is_empty())
        {
            placed[hinted] = std::mem::take(&mut placed[donor]);
        }
        for i in own {
            rows[i].keys = std::mem::take(&mut placed[i]);
        }
    }

    /// Takes `key` off every row of `mode`; whether any had it.
    pub fn unbind(&mut self, mode: Mode, key: Key) -> bool {
        let mut found = false;
        for row in &mut self.modes[index(mode)] {
            let before = row.keys.len();
            row.keys.retain(|&k| k != key);
            found |= row.keys.len() != before;
        }
        found
    }

    /// Keys that do two different actions in one mode.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut out = Vec::new();
        for (&mode, rows) in MODES.iter().zip(&self.modes) {
            for (i, row) in rows.iter().enumerate() {
                for other in &rows[i + 1..] {
                    for &key in row.keys.iter().filter(|k| other.keys.contains(k)) {
                        if row.action != other.action {
                            out.push(Conflict { mode, key, actions: (row.action, other.action) });
                        }
                    }
                }
            }
        }
        out
    }
}

fn index(mode: Mode) -> usize {
    MODES.iter().position(|&m| m == mode).unwrap_or(0)
}

static ACTIVE: OnceLock<Keymap> = OnceLock::new();

/// Makes `keymap` the one in force for the rest of the process. Once only, before the first
/// key is read: later calls (and calls after the built-in one was used) change nothing and
/// return `false`.
pub fn install(keymap: Keymap) -> bool {
    ACTIVE.set(keymap).is_ok()
}

/// The keymap in force: the installed one, or the built-in tables (tests, benchmarks).
pub fn active() -> &'static Keymap {
    ACTIVE.get_or_init(Keymap::builtin)
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;

    fn ch(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: false }
    }

    #[test]
    fn set_keys_keeps_each_key_in_its_own_row() {
        let mut keymap = Keymap::builtin();
        // Quit has two rows in reading: `q` ("quit", hinted) and Ctrl-C.
        let ctrl_c = Key { code: KeyCode::Char('c'), ctrl: true };
        keymap.set_keys(Mode::Reading, Action::Quit, &[ctrl_c, ch('q')]);
        assert_eq!(keymap, Keymap::builtin());
        keymap.set_keys(Mode::Reading, Action::Quit, &[ch('X'), ctrl_c]);
        let quits: Vec<_> = keymap
            .rows(Mode::Reading)
            .iter()
            .filter(|r| r.action == Action::Quit)
            .map(|r| r.keys.clone())
            .collect();
        assert_eq!(quits, [vec![ch('X')], vec![ctrl_c]]);
        assert!(keymap.conflicts().is_empty());
        // Ctrl-C alone: it moves to the hinted row, so the status bar still says "quit".
        keymap.set_keys(Mode::Reading, Action::Quit, &[ctrl_c]);
        let hinted = keymap.rows(Mode::Reading).iter().find(|r| r.hint == Some("quit"));
        assert_eq!(hinted.map(|r| r.keys.clone()), Some(vec![ctrl_c]));
    }

    #[test]
    fn a_key_on_two_actions_is_a_conflict_and_unbinding_resolves_it() {
        let mut keymap = Keymap::builtin();
        keymap.set_keys(Mode::Reading, Action::NextSection, &[ch('f'), ch('j')]);
        let conflicts = keymap.conflicts();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].key, ch('j'));
        assert!(keymap.unbind(Mode::Reading, ch('j')));
        assert!(keymap.conflicts().is_empty());
        assert!(!keymap.unbind(Mode::Reading, ch('j')));
    }
}
