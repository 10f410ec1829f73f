//! `export --format json`: the briefing and the notes written in the shape of `shape.rs`
//! (documented in `docs/export-format.md`). Owns the escaping that keeps unsafe characters out
//! of the output; must not serialize the model itself.

use crate::briefing::Briefing;
use crate::notes::Notebook;
use crate::sanitize::is_unsafe;

use super::shape::{Document, FORMAT, VERSION};

/// The briefing, and the notes when given, as pretty-printed JSON ending in a newline.
pub fn render(b: &Briefing, notes: Option<&Notebook>) -> String {
    let json = match serde_json::to_string_pretty(&Document::new(b, notes)) {
        Ok(json) => json,
        // Cannot happen: every map key is a string and no type has a fallible `Serialize`.
        // Should it, the reader still gets valid JSON that says what went wrong.
        Err(e) => {
            serde_json::json!({ "format": FORMAT, "version": VERSION, "error": e.to_string() })
                .to_string()
        }
    };
    let mut out = escape_unsafe(&json);
    out.push('\n');
    out
}

/// `briefing notes --all --format json`: the shape of `shape::Across`, pretty-printed.
pub fn notes_across(groups: &[super::BriefingNotes]) -> String {
    let json = match serde_json::to_string_pretty(&super::shape::Across::new(groups)) {
        Ok(json) => json,
        // Cannot happen, as in `render`.
        Err(e) => {
            serde_json::json!({ "format": super::shape::ACROSS_FORMAT, "error": e.to_string() })
                .to_string()
        }
    };
    let mut out = escape_unsafe(&json);
    out.push('\n');
    out
}

/// Writes every unsafe character of serde_json's output as a `\uXXXX` escape.
///
/// serde_json escapes U+0000–U+001F but writes DEL, C1 controls, bidi controls and invisible
/// characters as they are. In its output such characters can only stand inside strings (the
/// structure is ASCII, and `\n` is layout), where an escape is valid and means the same.
pub(super) fn escape_unsafe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_become_escapes_that_parse_back() {
        let raw = "a\u{9b}31m\u{7f}\u{202e}\u{200b}\u{2028}\u{e0041}\u{1b}[2J\u{0}z";
        let json = escape_unsafe(&serde_json::to_string(raw).unwrap());
        assert!(!json.chars().any(is_unsafe), "{json}");
        assert!(json.contains("\\u009b") && json.contains("\\udb40\\udc41"), "{json}");
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), raw);
    }

    #[test]
    fn escaping_after_an_escaped_backslash_stays_valid() {
        let raw = "\\\u{202e}\\";
        let json = escape_unsafe(&serde_json::to_string(raw).unwrap());
        assert_eq!(json, r#""\\\u202e\\""#);
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), raw);
    }

    #[test]
    fn layout_newlines_are_kept() {
        let json = escape_unsafe("{\n  \"a\": 1\n}");
        assert_eq!(json, "{\n  \"a\": 1\n}");
    }
}
