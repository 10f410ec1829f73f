//! `briefing config --default`: the whole default config as a file, every value live, each
//! with a comment. It is the reference for the format, and `parse` reads it back as
//! `Config::default()` (a test holds it to that).

use std::fmt::Write;

use super::keys::UNBIND;
use super::style::{MODIFIERS, style_text};
use crate::tui::app::Mode;
use crate::tui::keymap::{Keymap, MODES, action_name, key_spec, mode_name};
use crate::tui::layout::{MEASURES, Start};
use crate::tui::theme::{BASES, SLOTS};

/// Where the comments start.
const COMMENT_COLUMN: usize = 40;

/// What each mode's table is about, for the comment above it.
fn about(mode: Mode) -> &'static str {
    match mode {
        Mode::Reading => "Reading: the text, the analysis panes and the contents sidebar.",
        Mode::Selecting => "Selecting a passage to mark (v, or a mouse drag over the text).",
        Mode::Matches => "While a search has matches; keys not bound here are as in reading.",
        Mode::Search => "Typing a search; other characters are the query.",
        Mode::Picker => {
            "The pickers (contents, library, a factor's sections); other characters \
                         filter."
        }
        Mode::EditingNote => "The note editor; every other key edits the note.",
        Mode::Confirm => "Questions, such as whether to delete a note.",
        Mode::Notes => "The notes overview.",
        Mode::NotesFilter => {
            "Typing the notes overview's filter; other characters are the \
                              filter."
        }
        Mode::Problems => "The errors of a briefing file that no longer loads (shown until fixed).",
        Mode::Matrix => "The matrix of competing hypotheses (M).",
        Mode::Review => "The review walk (R): every claim in turn, judged on the spot.",
        Mode::Watch => "What to watch (W): the indicators and your dated observations on them.",
        Mode::Help => "The help.",
    }
}

/// The default config, as TOML.
pub fn default_text() -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    let start = Start::default();
    let (min, max) = (MEASURES.start(), MEASURES.end());
    out.push_str("\n[layout]\n");
    line(
        &mut out,
        &format!("measure = {}", start.measure),
        &format!("the widest a line of text gets, in characters ({min} to {max})"),
    );
    line(
        &mut out,
        &format!("sidebar = {}", start.sidebar),
        "the contents sidebar is shown at start (toggle-outline shows or hides it)",
    );
    line(
        &mut out,
        &format!("analysis = {}", start.analysis),
        "the analysis panes are shown at start (toggle-analysis shows or hides them)",
    );
    out.push_str("\n[theme]\n");
    line(
        &mut out,
        &format!("base = \"{}\"", BASES[0].0),
        "the theme drawn with: dark, light or mono (NO_COLOR set: always mono, no colours)",
    );
    let modifiers = MODIFIERS.map(|(name, _)| name).join(", ");
    let _ = writeln!(out, "{THEMES_HEADER}# {modifiers} are true or false.");
    for (name, theme) in BASES {
        let _ = writeln!(out, "[theme.{name}]");
        for slot in SLOTS {
            line(&mut out, &format!("{} = {}", slot.name, style_text(theme.get(slot))), slot.about);
        }
        out.push('\n');
    }
    out.push_str(KEYS_HEADER);
    let keymap = Keymap::builtin();
    for mode in MODES {
        let _ = writeln!(out, "\n# {}\n[keys.{}]", about(mode), mode_name(mode));
        line(&mut out, &format!("{UNBIND} = []"), "keys freed before the lines below bind theirs");
        let rows = keymap.rows(mode);
        let mut done = Vec::new();
        for row in rows {
            if done.contains(&row.action) {
                continue;
            }
            done.push(row.action);
            let same: Vec<_> = rows.iter().filter(|r| r.action == row.action).collect();
            let keys: Vec<String> =
                same.iter().flat_map(|r| &r.keys).map(|&k| quote(&key_spec(k))).collect();
            let mut helps: Vec<&str> = Vec::new();
            for r in &same {
                // "cancel the search" says no more than "cancel the search, back to…".
                if !helps.iter().any(|h| h.starts_with(r.help)) {
                    helps.push(r.help);
                }
            }
            let name = action_name(row.action).unwrap_or_default();
            line(&mut out, &format!("{name} = [{}]", keys.join(", ")), &helps.join("; "));
        }
    }
    out
}

const HEADER: &str = "\
# briefing's config: every setting as it is by default, as `briefing config --default` prints
# it. It is read from $XDG_CONFIG_HOME/briefing/config.toml (or ~/.config/briefing/config.toml);
# --config FILE reads another, --no-config none. Keep only what you change: what the file does
# not set stays as here.
";

const THEMES_HEADER: &str = "
# Each theme's styles (the base's are drawn with). A style keeps what its table does not
# give. fg and bg are colours: a name (black, red, green, yellow, blue, magenta, cyan, gray,
# dark-gray, white, light-red, light-green... light-cyan), \"#rrggbb\", 0..=255, or \"default\"
# (the terminal's own).
";

const KEYS_HEADER: &str = "\
# Keys, one table per mode. ACTION = [KEYS] gives an action its keys there, in place of these
# ([] leaves it none; one key may be a string). A key doing two things in one mode is an error:
# bind the other action to other keys, or list the key in unbind. Keys are written as the help
# shows them: a character (j, G, ?), Ctrl-X, Space, Enter, Esc, Tab, Shift-Tab, Backspace, Up,
# Down, Left, Right, PgUp, PgDn, Home, End, Insert, Delete, F1..F12.
";

/// `text`, its comment aligned after it.
fn line(out: &mut String, text: &str, comment: &str) {
    let pad = COMMENT_COLUMN.saturating_sub(text.chars().count()).max(1);
    let _ = writeln!(out, "{text}{:pad$}# {comment}", "");
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
