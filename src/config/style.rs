//! A theme's styles in the config: `[theme.light] quote = { fg = "black", bg = "#ffe08a",
//! bold = true }`. What a slot's table gives replaces that part of the built-in style; the
//! rest is kept. Colours are names (`dark-gray`, `light-blue`), `#rrggbb`, 0..=255, or
//! `default` (the terminal's own).

use ratatui::style::{Color, Modifier, Style};
use toml::de::{DeTable, DeValue};

use super::{Checker, Value, type_name};
use crate::diagnostic::quoted;
use crate::tui::theme::{SLOTS, Theme};

/// Colours by name, as the config writes them.
const COLOURS: [(&str, Color); 16] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

/// The modifiers a style may turn on (`true`) or off (`false`).
pub(super) const MODIFIERS: [(&str, Modifier); 6] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed-out", Modifier::CROSSED_OUT),
];

/// Applies a `[theme.NAME]` table of slots to `theme`.
pub(super) fn theme(checker: &mut Checker, what: &str, slots: &DeTable, theme: &mut Theme) {
    for (key, value) in slots {
        let name = key.get_ref().as_ref();
        let Some(slot) = SLOTS.iter().find(|s| s.name == name) else {
            let known: Vec<&str> = SLOTS.iter().map(|s| s.name).collect();
            checker.unknown(key, name, what, &known);
            continue;
        };
        let what = format!("{what} {name}");
        if let Some(table) = checker.table(&what, value) {
            style(checker, &what, table, (slot.field)(theme));
        }
    }
}

fn style(checker: &mut Checker, what: &str, table: &DeTable, style: &mut Style) {
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        match name {
            "fg" => {
                if let Some(colour) = colour(checker, value) {
                    style.fg = colour;
                }
            }
            "bg" => {
                if let Some(colour) = colour(checker, value) {
                    style.bg = colour;
                }
            }
            _ => match MODIFIERS.iter().find(|(n, _)| *n == name) {
                Some(&(_, modifier)) => {
                    if let Some(on) = checker.bool(name, value) {
                        style.add_modifier.set(modifier, on);
                        style.sub_modifier.remove(modifier);
                    }
                }
                None => {
                    let mut known = vec!["fg", "bg"];
                    known.extend(MODIFIERS.iter().map(|(n, _)| *n));
                    checker.unknown(key, name, what, &known);
                }
            },
        }
    }
}

/// A colour: `Some(None)` for `default`, `None` (reported) when it is none.
fn colour(checker: &mut Checker, value: &Value) -> Option<Option<Color>> {
    let found = match value.get_ref() {
        DeValue::String(name) => parse_colour(name),
        DeValue::Integer(i) => match i.as_str().parse::<u8>() {
            Ok(n) => Ok(Some(Color::Indexed(n))),
            Err(_) => Err("a colour number is from 0 to 255".to_string()),
        },
        other => Err(format!("a colour is a name, #rrggbb or 0..=255, not {}", type_name(other))),
    };
    match found {
        Ok(colour) => Some(colour),
        Err(message) => {
            checker.error(value.span(), &message);
            None
        }
    }
}

fn parse_colour(name: &str) -> Result<Option<Color>, String> {
    if name == "default" {
        return Ok(None);
    }
    if let Some(hex) = name.strip_prefix('#') {
        let channel = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
        return match (hex.len(), channel(0), channel(2), channel(4)) {
            (6, Some(r), Some(g), Some(b)) => Ok(Some(Color::Rgb(r, g, b))),
            _ => Err(format!("invalid colour {}: write #rrggbb, six hex digits", quoted(name))),
        };
    }
    let normal = name.to_ascii_lowercase().replace(['_', ' '], "-");
    match COLOURS.iter().find(|(n, _)| *n == normal) {
        Some(&(_, colour)) => Ok(Some(colour)),
        None => Err(format!(
            "unknown colour {}, expected #rrggbb, 0..=255, default, or one of {}",
            quoted(name),
            COLOURS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// A colour as the config writes it.
pub(super) fn colour_text(colour: Color) -> String {
    match colour {
        Color::Rgb(r, g, b) => format!("\"#{r:02x}{g:02x}{b:02x}\""),
        Color::Indexed(n) => n.to_string(),
        other => match COLOURS.iter().find(|(_, c)| *c == other) {
            Some((name, _)) => format!("\"{name}\""),
            None => "\"default\"".to_string(),
        },
    }
}

/// A style as the config writes it: `{ fg = "cyan", bold = true }`.
pub(super) fn style_text(style: Style) -> String {
    let mut parts = Vec::new();
    if let Some(fg) = style.fg {
        parts.push(format!("fg = {}", colour_text(fg)));
    }
    if let Some(bg) = style.bg {
        parts.push(format!("bg = {}", colour_text(bg)));
    }
    for (name, modifier) in MODIFIERS {
        if style.add_modifier.contains(modifier) {
            parts.push(format!("{name} = true"));
        }
    }
    if parts.is_empty() { "{}".to_string() } else { format!("{{ {} }}", parts.join(", ")) }
}
