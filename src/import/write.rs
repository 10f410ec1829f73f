//! Writes an imported briefing as TOML text: the `[briefing]` table, one `[[section]]` per
//! section, then a commented-out example of the analysis (a claim, a counterpoint, a factor).
//!
//! Strings are written so that any text survives: `\` and `"` are escaped (a body may hold
//! `"""` without ending its string), tabs as `\t`, and control, bidi and invisible characters
//! as `\uXXXX`, so the file itself is safe to `cat` and the loader shows them visibly. Every
//! other character is written as it is. This file decides layout only; it checks nothing.

use std::rc::Rc;

use super::outline::{Para, Text};
use crate::sanitize;

/// The comment line just before the example analysis.
pub const EXAMPLE_START: &str = "# ---- example: start ----";
/// The comment line just after the example analysis.
pub const EXAMPLE_END: &str = "# ---- example: end ----";

/// Most words of a paragraph the example claim quotes, and most characters.
const QUOTE_WORDS: usize = 8;
const QUOTE_CHARS: usize = 80;

/// A briefing ready to write: ids chosen, titles cleaned, paragraphs in order.
pub(super) struct Draft {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub source: Option<String>,
    pub sections: Vec<DraftSection>,
}

/// One section: text paragraphs hold no blank line and are written one blank line apart.
pub(super) struct DraftSection {
    /// Shared with the set of ids already given (`ids::Unique`): one string per id.
    pub id: Rc<str>,
    pub title: String,
    pub paragraphs: Vec<Para>,
}

/// The whole file.
pub(super) fn write(draft: &Draft) -> String {
    let text: usize =
        draft.sections.iter().flat_map(|s| &s.paragraphs).map(|p| p.text().len()).sum();
    let mut out = String::with_capacity(text + text / 8 + 4096);
    out.push_str("format = 1\n\n[briefing]\n");
    field(&mut out, "id", &draft.id);
    field(&mut out, "title", &draft.title);
    if let Some(subtitle) = &draft.subtitle {
        field(&mut out, "subtitle", subtitle);
    }
    if let Some(source) = &draft.source {
        field(&mut out, "source", source);
    }
    for section in &draft.sections {
        out.push_str("\n[[section]]\n");
        field(&mut out, "id", &section.id);
        field(&mut out, "title", &section.title);
        body(&mut out, &section.paragraphs);
    }
    out.push('\n');
    out.push_str(&example(draft));
    out
}

/// A line `key = "value"`, written straight into `out`.
fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = \"");
    push_escaped(out, value, false);
    out.push_str("\"\n");
}

/// A section's `body`: one string when every paragraph is text, else an array of parts (runs
/// of text paragraphs, `{ heading = ... }`, `{ pre = ... }`), as docs/briefing-format.md says.
fn body(out: &mut String, paragraphs: &[Para]) {
    // Written straight into `out`, one paragraph after another: no copy of a section's text.
    let texts = |out: &mut String, run: &[Para]| {
        out.push_str("\"\"\"\n");
        for (i, p) in run.iter().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            match p {
                // Text the reader found plain when it folded it, from `from` on: the same as
                // escaped (no quote there to count), so only its prefix (`• `) is escaped.
                Para::Text(Text::Plain(_, _, from)) => {
                    let text = p.text();
                    let at = usize::try_from(*from).unwrap_or(usize::MAX);
                    match (text.get(..at), text.get(at..)) {
                        (Some(prefix), Some(rest)) => {
                            debug_assert!(rest.bytes().all(is_plain), "{text:?}");
                            push_escaped(out, prefix, true);
                            out.push_str(rest);
                        }
                        _ => push_escaped(out, text, true),
                    }
                }
                _ => push_escaped(out, p.text(), true),
            }
        }
        out.push_str("\n\"\"\"");
    };
    if paragraphs.is_empty() {
        out.push_str("body = \"\"\n");
        return;
    }
    if paragraphs.iter().all(|p| matches!(p, Para::Text(_))) {
        out.push_str("body = ");
        texts(out, paragraphs);
        out.push('\n');
        return;
    }
    out.push_str("body = [\n");
    let mut rest = paragraphs;
    while let Some(first) = rest.first() {
        match first {
            Para::Text(_) => {
                let run = rest.iter().take_while(|p| matches!(p, Para::Text(_))).count();
                texts(out, &rest[..run]);
                out.push_str(",\n");
                rest = &rest[run..];
                continue;
            }
            Para::Heading(heading) => {
                out.push_str("{ heading = \"");
                push_escaped(out, heading, false);
                out.push_str("\" },\n");
            }
            Para::Pre(_) => {
                out.push_str("{ pre = ");
                texts(out, std::slice::from_ref(first));
                out.push_str(" },\n");
            }
        }
        rest = &rest[1..];
    }
    out.push_str("]\n");
}

/// The guide to the analysis and its example, all TOML comments. Inside the markers each line
/// is `# ` plus a line of TOML (explanations are `# # ...`), so removing the first `# ` of
/// each line gives a valid file.
fn example(draft: &Draft) -> String {
    // Prefer prose to quote: a code line, list item or sub-heading makes a poor example.
    let is_prose = |p: &&Para| match p {
        Para::Text(t) => !["•", ">", "["].iter().any(|mark| t.starts_with(mark)),
        Para::Heading(_) | Para::Pre(_) => false,
    };
    let is_text = |p: &&Para| matches!(p, Para::Text(_));
    let find = |wanted: &dyn Fn(&&Para) -> bool| {
        draft.sections.iter().find_map(|s| s.paragraphs.iter().find(wanted).map(|p| (s, p)))
    };
    let first = find(&is_prose).or_else(|| find(&is_text)).or_else(|| find(&|_| true));
    // A quote is folded: from preformatted text, only words no run of spaces separates.
    let first = first.map(|(s, p)| match p {
        Para::Pre(pre) => {
            let line = pre.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
            (s, line.split("  ").next().unwrap_or(""))
        }
        Para::Text(_) | Para::Heading(_) => (s, p.text()),
    });
    let section = first.map_or("", |(s, _)| &*s.id);
    let mut lines = vec![
        "# Next: the analysis. Claims, counterpoints and factors go below the sections, as"
            .to_string(),
        "# [[claim]], [[counterpoint]] and [[factor]] tables. To start from the example, remove"
            .into(),
        "# the \"# \" in front of each line between the two marker lines, then edit and run".into(),
        "# `briefing check` on this file.".into(),
        "#".into(),
        EXAMPLE_START.into(),
        "# # A claim the article makes; `quote` is copied word for word from its section.".into(),
        "# [[claim]]".into(),
        "# id = \"first-claim\"".into(),
        format!("# section = {}", basic(section)),
        "# text = \"What the article asserts here, in one sentence of your own.\"".into(),
    ];
    if let Some((_, paragraph)) = first {
        lines.push(format!("# quote = {}", basic(&quote(paragraph))));
    }
    lines.extend(
        [
            "# kind = \"assessment\"  # fact, assessment or forecast",
            "#",
            "# # A counterpoint: a reason to doubt one or more claims.",
            "# [[counterpoint]]",
            "# id = \"first-counterpoint\"",
            "# claims = [\"first-claim\"]",
            "# text = \"Why the claim might not hold.\"",
            "# by = \"editor\"",
            "#",
            "# # A factor the outcome hangs on, and what it draws on.",
            "# [[factor]]",
            "# id = \"first-factor\"",
            "# title = \"What it depends on\"",
            "# question = \"What would have to change for the claim to fail?\"",
            "# text = \"Why this matters for how things turn out.\"",
        ]
        .map(String::from),
    );
    lines.push(format!("# sections = [{}]", basic(section)));
    lines.push("# claims = [\"first-claim\"]".into());
    lines.push(EXAMPLE_END.into());
    lines.join("\n") + "\n"
}

/// The first few words of a paragraph: after the loader's sanitizing and folding they are
/// still a substring of the paragraph, because words are cut only where the loader folds
/// (spaces, tabs, line breaks) and long words only at a character boundary.
fn quote(paragraph: &str) -> String {
    let words: Vec<&str> =
        paragraph.split([' ', '\n', '\t']).filter(|w| !w.is_empty()).take(QUOTE_WORDS).collect();
    let joined = words.join(" ");
    match joined.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => joined[..cut].trim_end().to_string(),
        None => joined,
    }
}

/// A one-line TOML basic string: `"..."`.
pub fn basic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    push_escaped(&mut out, text, false);
    out.push('"');
    out
}

/// A TOML multi-line basic string, delimiters on lines of their own. Quotes are escaped only
/// where three would end the string, so ordinary quotation marks stay readable.
pub fn multi_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str("\"\"\"\n");
    push_escaped(&mut out, text, true);
    out.push_str("\n\"\"\"");
    out
}

/// Whether a byte can be copied into either kind of string as it is: printable ASCII but
/// `"` and `\`. Most text is runs of them, copied whole.
pub(super) fn is_plain(b: u8) -> bool {
    (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\'
}

/// `text` inside a basic string (`multi`: a multi-line one, where line breaks stay and only a
/// third quote in a row is escaped).
fn push_escaped(out: &mut String, text: &str, multi: bool) {
    let bytes = text.as_bytes();
    let mut quotes = 0;
    let mut at = 0;
    while at < bytes.len() {
        let run = bytes[at..].iter().position(|&b| !is_plain(b)).unwrap_or(bytes.len() - at);
        if run > 0 {
            out.push_str(&text[at..at + run]);
            at += run;
            quotes = 0;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        at += c.len_utf8();
        match c {
            '"' if multi => {
                if quotes == 2 {
                    out.push_str("\\\"");
                    quotes = 0;
                } else {
                    out.push('"');
                    quotes += 1;
                }
                continue;
            }
            '"' => out.push_str("\\\""),
            '\n' if multi => out.push('\n'),
            '\n' => out.push_str("\\n"),
            c => push_char(out, c),
        }
        quotes = 0;
    }
}

/// One character inside either kind of basic string (quotes and line breaks handled before).
fn push_char(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\t' => out.push_str("\\t"),
        c if sanitize::is_unsafe(c) => {
            let code = u32::from(c);
            if code > 0xFFFF {
                out.push_str(&format!("\\U{code:08X}"));
            } else {
                out.push_str(&format!("\\u{code:04X}"));
            }
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `key = <value>` with the toml crate and returns the string.
    fn round_trip(value: &str) -> String {
        let table: toml::Table = toml::from_str(&format!("key = {value}")).unwrap();
        table["key"].as_str().unwrap().to_string()
    }

    #[test]
    fn basic_strings_round_trip() {
        for text in ["plain", "a \"quote\" \\ back", "esc \u{1b}[31m nul \u{0} rtl \u{202e}"] {
            assert_eq!(round_trip(&basic(text)), text);
        }
        assert_eq!(basic("a\u{1b}b\u{e0001}"), "\"a\\u001Bb\\U000E0001\"");
    }

    #[test]
    fn multi_line_strings_round_trip_any_quotes() {
        for text in [
            "\"\"\"",
            "end \"\"",
            "\"start",
            "a \"\"\"\"\"\" b \\\"\"\" c",
            "line\\\nnext",
            "tab\there\r and cr",
            "\u{7f}\u{85}\u{200b}",
        ] {
            let written = multi_line(text);
            // The closing delimiter is on a line of its own: the string ends with a newline.
            assert_eq!(round_trip(&written), format!("{text}\n"), "{written}");
        }
        assert_eq!(multi_line("say \"hi\""), "\"\"\"\nsay \"hi\"\n\"\"\"");
    }

    #[test]
    fn quote_is_the_opening_words() {
        assert_eq!(quote("One two\nthree  four"), "One two three four");
        assert_eq!(quote(&"w ".repeat(20)), "w w w w w w w w");
        assert_eq!(quote(&"中".repeat(100)).chars().count(), QUOTE_CHARS);
    }

    #[test]
    fn layout() {
        let draft = Draft {
            id: "t".into(),
            title: "T".into(),
            subtitle: None,
            source: None,
            sections: vec![
                DraftSection { id: "empty".into(), title: "Empty".into(), paragraphs: vec![] },
                DraftSection {
                    id: "a".into(),
                    title: "A".into(),
                    paragraphs: vec![Para::Text("one".into()), Para::Text("two".into())],
                },
                DraftSection {
                    id: "b".into(),
                    title: "B".into(),
                    paragraphs: vec![
                        Para::Heading("Sub \"x\"".into()),
                        Para::Text("p".into()),
                        Para::Text("q".into()),
                        Para::Pre("  | a | 1 |\n\n\tx \\".into()),
                    ],
                },
            ],
        };
        let out = write(&draft);
        let expected_start = "format = 1\n\n[briefing]\nid = \"t\"\ntitle = \"T\"\n\n\
            [[section]]\nid = \"empty\"\ntitle = \"Empty\"\nbody = \"\"\n\n\
            [[section]]\nid = \"a\"\ntitle = \"A\"\nbody = \"\"\"\none\n\ntwo\n\"\"\"\n\n[[section]]";
        assert!(out.starts_with(expected_start), "{out}");
        assert!(out.contains("# section = \"a\"\n"), "{out}");
        assert!(out.contains("# quote = \"one\"\n"), "{out}");
        let b = r#"body = [
{ heading = "Sub \"x\"" },
"""
p

q
""",
{ pre = """
  | a | 1 |

\tx \\
""" },
]
"#;
        assert!(out.contains(b), "{out}");
        assert!(out.ends_with(&format!("{EXAMPLE_END}\n")));
    }
}
