//! Where an item is in a briefing's source: the line a section, claim, counterpoint or factor
//! starts on, for opening the file in an editor at what is on screen (`e`).
//!
//! Read from the TOML's spans, as the file is now (it may have been edited since it was
//! loaded, or not load at all: what can still be parsed of it is used).

use toml::de::{DeTable, DeValue};

/// An item of a briefing, by its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Section(String),
    Claim(String),
    Counterpoint(String),
    Factor(String),
}

impl Item {
    /// The top-level key of its array of tables.
    fn key(&self) -> &'static str {
        match self {
            Item::Section(_) => "section",
            Item::Claim(_) => "claim",
            Item::Counterpoint(_) => "counterpoint",
            Item::Factor(_) => "factor",
        }
    }

    fn id(&self) -> &str {
        match self {
            Item::Section(id) | Item::Claim(id) | Item::Counterpoint(id) | Item::Factor(id) => id,
        }
    }
}

/// The 1-based line of `text` where the first of `items` found starts (its `[[claim]]`
/// header, or its first key); `None` when none is there.
pub fn line_of(text: &str, items: &[Item]) -> Option<usize> {
    let (root, _errors) = DeTable::parse_recoverable(text);
    let root = root.into_inner();
    items.iter().find_map(|item| {
        let DeValue::Array(array) = root.get(item.key())?.get_ref() else { return None };
        let found = array.iter().find(|value| match value.get_ref() {
            DeValue::Table(table) => table.get("id").is_some_and(|id| match id.get_ref() {
                DeValue::String(s) => s.as_ref() == item.id(),
                _ => false,
            }),
            _ => false,
        })?;
        let start = header_before(text, found.span().start);
        Some(text[..start].matches('\n').count() + 1)
    })
}

/// The start of the `[[...]]` header line just before `at`, when only blank lines and
/// comments stand between them; else `at` itself. toml's span of an array-of-tables entry may
/// begin at its first key.
fn header_before(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    let mut end = text[..at].rfind('\n').map_or(0, |i| i + 1);
    if !text[end..at].trim().is_empty() {
        return at;
    }
    while end > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end].trim();
        if line.starts_with("[[") {
            return start;
        }
        if !(line.is_empty() || line.starts_with('#')) {
            break;
        }
        end = start;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"format = 1

[briefing]
id = "b"
title = "B"

[[section]]
id = "one"
title = "One"
body = """
First.
"""

[[section]]
id = "two"
title = "Two"
body = "Second."

[[claim]]
id = "c1"
section = "two"
text = "A claim."

[[counterpoint]]
id = "k1"
claims = ["c1"]
text = "No."

[[factor]]
id = "f1"
title = "F"
text = "Maybe."
"#;

    fn line(items: &[Item]) -> Option<usize> {
        line_of(TEXT, items)
    }

    #[test]
    fn each_kind_of_item_is_found_at_its_header() {
        assert_eq!(line(&[Item::Section("one".into())]), Some(7));
        assert_eq!(line(&[Item::Section("two".into())]), Some(14));
        assert_eq!(line(&[Item::Claim("c1".into())]), Some(19));
        assert_eq!(line(&[Item::Counterpoint("k1".into())]), Some(24));
        assert_eq!(line(&[Item::Factor("f1".into())]), Some(29));
    }

    #[test]
    fn a_missing_item_falls_back_to_the_next_one_given() {
        let items = [Item::Claim("gone".into()), Item::Section("two".into())];
        assert_eq!(line(&items), Some(14));
        assert_eq!(line(&[Item::Factor("nope".into())]), None);
    }

    #[test]
    fn a_broken_file_still_gives_the_lines_before_the_break() {
        let broken = TEXT.replace("text = \"No.\"", "text = ");
        assert_eq!(line_of(&broken, &[Item::Claim("c1".into())]), Some(19));
    }
}
