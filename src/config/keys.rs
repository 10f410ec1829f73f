//! `[keys.MODE]` tables: `ACTION = KEYS` gives an action its keys in that mode, in place of
//! its own (one key as a string, several as an array, none as `[]`); `unbind = [KEYS]` takes
//! keys off whatever they did in that mode, before the actions are bound. Unknown modes,
//! actions and keys, and a key left doing two things in one mode, are errors.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Checker, Value, type_name};
use crate::diagnostic::quoted;
use crate::tui::app::{Action, Mode};
use crate::tui::keymap::{Key, Keymap, MODES, action_name, key_spec, mode_name, parse_key};

/// The key that lists keys to take off, in every mode's table.
pub(super) const UNBIND: &str = "unbind";

impl Checker<'_> {
    /// `[keys]`: one table per mode.
    pub(super) fn keys(&mut self, value: &Value, keymap: &mut Keymap) {
        let Some(modes) = self.table("[keys]", value) else { return };
        // Where each key was bound, to say where a conflict comes from.
        let mut bound_at: Vec<(Mode, Key, Range<usize>)> = Vec::new();
        for (key, value) in modes {
            let name = key.get_ref().as_ref();
            let Some(&mode) = MODES.iter().find(|&&m| mode_name(m) == name) else {
                let known: Vec<&str> = MODES.iter().map(|&m| mode_name(m)).collect();
                self.unknown(key, name, "[keys]", &known);
                continue;
            };
            let what = format!("[keys.{name}]");
            if let Some(table) = self.table(&what, value) {
                self.mode(mode, table, keymap, &mut bound_at);
            }
            // Raw mode turns Ctrl-C into a key: without one for quit, nothing would quit.
            let quits = keymap.rows(Mode::Reading).iter().filter(|r| r.action == Action::Quit);
            if mode == Mode::Reading && quits.flat_map(|r| &r.keys).next().is_none() {
                let message = "[keys.reading] leaves 'quit' without a key: nothing could quit";
                self.error(key.span(), message);
            }
        }
        for conflict in keymap.conflicts() {
            let (first, second) = conflict.actions;
            let at = bound_at
                .iter()
                .filter(|(m, k, _)| *m == conflict.mode && *k == conflict.key)
                .map(|(_, _, span)| span.clone())
                .max_by_key(|span| span.start)
                .unwrap_or(0..0);
            let message = format!(
                "key {} does both '{}' and '{}' in [keys.{}]: bind one of them to other keys, \
                 or add the key to {UNBIND} = [...] to free it first",
                quoted(&key_spec(conflict.key)),
                action_name(first).unwrap_or_default(),
                action_name(second).unwrap_or_default(),
                mode_name(conflict.mode),
            );
            self.error(at, &message);
        }
    }

    /// One mode's table: its unbinds first, then its actions.
    fn mode(
        &mut self,
        mode: Mode,
        table: &DeTable,
        keymap: &mut Keymap,
        bound_at: &mut Vec<(Mode, Key, Range<usize>)>,
    ) {
        let what = format!("[keys.{}]", mode_name(mode));
        for (_, value) in table.iter().filter(|(k, _)| k.get_ref() == UNBIND) {
            for (k, _) in self.key_list(&format!("{what} {UNBIND}"), value) {
                keymap.unbind(mode, k);
            }
        }
        for (key, value) in table.iter().filter(|(k, _)| k.get_ref() != UNBIND) {
            let name = key.get_ref().as_ref();
            let Some(action) = action_named(keymap, mode, name) else {
                let flipped =
                    value.get_ref().as_str().filter(|a| action_named(keymap, mode, a).is_some());
                let in_other_mode = MODES.iter().any(|&m| action_named(keymap, m, name).is_some());
                let message = match (flipped, in_other_mode) {
                    // `"j" = "next-section"`: the key where the action goes.
                    (Some(action), _) => format!(
                        "unknown action {} in {what}: an action comes first, its keys after: \
                         {action} = [{}]",
                        quoted(name),
                        toml_string(name),
                    ),
                    (None, true) => format!(
                        "action {} does nothing in {what}; `briefing config --default` lists \
                         the actions of each mode",
                        quoted(name)
                    ),
                    (None, false) => format!(
                        "unknown action {} in {what}; `briefing config --default` lists the \
                         actions of each mode",
                        quoted(name)
                    ),
                };
                self.error(key.span(), &message);
                continue;
            };
            let before = self.out.len();
            let keys = self.key_list(&format!("{what} {name}"), value);
            if self.out.len() > before {
                // Bound to what could be read, it would make problems that are not there.
                continue;
            }
            let only: Vec<Key> = keys.iter().map(|(k, _)| *k).collect();
            keymap.set_keys(mode, action, &only);
            bound_at.extend(keys.into_iter().map(|(k, span)| (mode, k, span)));
        }
    }

    /// A key or an array of keys, each with where it is; what is not a key is reported.
    fn key_list(&mut self, what: &str, value: &Value) -> Vec<(Key, Range<usize>)> {
        let items: Vec<&Value> = match value.get_ref() {
            DeValue::Array(array) => array.iter().collect(),
            DeValue::String(_) => vec![value],
            other => {
                let message = format!(
                    "{what} must be a key (\"j\") or an array of keys ([\"j\", \"Down\"]), not {}",
                    type_name(other)
                );
                self.error(value.span(), &message);
                return Vec::new();
            }
        };
        let mut keys = Vec::new();
        for item in items {
            let Some(text) = item.get_ref().as_str() else {
                let message = format!(
                    "{what}: a key is a string such as \"j\" or \"Ctrl-O\", not {}",
                    type_name(item.get_ref())
                );
                self.error(item.span(), &message);
                continue;
            };
            match parse_key(text) {
                Ok(key) => keys.push((key, item.span())),
                Err(why) => {
                    self.error(item.span(), &format!("invalid key {}: {why}", quoted(text)))
                }
            }
        }
        keys
    }
}

/// `text` as a TOML string, for a message (made safe to print where the message is).
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The action of `mode` the config calls `name`: only actions the mode's built-in table binds
/// can be bound there (the others would do nothing).
fn action_named(keymap: &Keymap, mode: Mode, name: &str) -> Option<Action> {
    keymap
        .rows(mode)
        .iter()
        .map(|row| row.action)
        .find(|&action| action_name(action).is_some_and(|n| n == name))
}
