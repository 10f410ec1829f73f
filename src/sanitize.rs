//! Makes untrusted text safe to put on a terminal. Applied once, at load, to every text field.
//!
//! Nothing that comes out of here can move the cursor, set a title, write the clipboard, open a
//! link or reorder text: C0/C1 controls and DEL are shown in caret or `<U+XXXX>` form, bidi
//! overrides and invisible (zero-width) characters as `<U+XXXX>` markers, tabs become spaces.
//! Line breaks are kept by [`multi_line`] (paragraph structure) and folded by [`single_line`].

use std::borrow::Cow;

/// Whether `c` must never reach the terminal as itself.
///
/// True for every control character (including `\n`, which callers split on before drawing),
/// bidi controls, and characters that are invisible or zero-width by design.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2065}'
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Text that may hold paragraphs: keeps `\n` (a `\r\n` becomes `\n`), makes the rest safe.
pub fn multi_line(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

/// Text shown on one line (titles, ids, messages): line breaks become spaces too.
///
/// ```
/// use briefing::sanitize::single_line;
/// // A title that tries to set the terminal's title is shown, not obeyed.
/// assert_eq!(single_line("Hi\u{1b}]0;pwned\u{7}\nthere"), "Hi^[]0;pwned^G there");
/// ```
pub fn single_line(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// What a check should say about `text`: how many characters are shown visibly instead of as
/// themselves, and what the first is, e.g. "ESC (U+001B, shown as ^[)". `None` when there are
/// none (tabs and line breaks are layout, not hidden).
pub fn describe(text: &str) -> Option<(usize, String)> {
    let mut chars = text.chars().peekable();
    let mut found: Option<char> = None;
    let mut count = 0;
    while let Some(c) = chars.next() {
        let is_layout = matches!(c, '\n' | '\t') || (c == '\r' && chars.peek() == Some(&'\n'));
        if is_unsafe(c) && !is_layout {
            count += 1;
            found.get_or_insert(c);
        }
    }
    let c = found?;
    let mut shown = String::new();
    push_visible(&mut shown, c);
    let kind = match c {
        '\u{1b}' => "ESC",
        c if c.is_control() => "a control character",
        c if is_bidi_control(c) => "a bidi control",
        _ => "an invisible character",
    };
    Some((count, format!("{kind} (U+{:04X}, shown as {shown})", c as u32)))
}

/// Bytes that can start a character `clean` changes: C0 controls, DEL, and the UTF-8 lead
/// bytes of the ranges `is_unsafe` lists. Any other byte is passed over without decoding.
const SUSPECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let leads = [0x7f, 0xc2, 0xcd, 0xd8, 0xe1, 0xe2, 0xe3, 0xef, 0xf0, 0xf3];
    let mut i = 0;
    while i < leads.len() {
        table[leads[i]] = true;
        i += 1;
    }
    table
};

/// Where the first character `clean` must change is, if any.
fn first_change(text: &str, keep_newlines: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !SUSPECT[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next()?;
        // Every control but a kept line break changes: tabs and CRs included.
        let changes = if c == '\n' { !keep_newlines } else { is_unsafe(c) };
        if changes {
            return Some(i);
        }
        i += c.len_utf8();
    }
    None
}

fn clean(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    // Most text needs nothing: find the first character that does, copying only from there.
    let Some(first) = first_change(text, keep_newlines) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\t' => out.push(' '),
            c if !is_unsafe(c) => out.push(c),
            c => push_visible(&mut out, c),
        }
    }
    Cow::Owned(out)
}

/// Caret notation for C0 controls and DEL (`^[` for ESC), `<U+XXXX>` for everything else.
fn push_visible(out: &mut String, c: char) {
    let code = c as u32;
    if code < 0x20 {
        out.push('^');
        out.push(char::from(b'@' + code as u8));
    } else if code == 0x7f {
        out.push_str("^?");
    } else {
        out.push_str(&format!("<U+{code:04X}>"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(single_line("\u{1b}]0;pwned\u{7}"), "^[]0;pwned^G");
        assert_eq!(single_line("a\u{9b}31m"), "a<U+009B>31m");
        assert_eq!(single_line("x\u{7f}"), "x^?");
    }

    #[test]
    fn bidi_and_zero_width_get_markers() {
        assert_eq!(single_line("abc\u{202e}def"), "abc<U+202E>def");
        assert_eq!(single_line("a\u{200b}b"), "a<U+200B>b");
        assert_eq!(single_line("\u{feff}x"), "<U+FEFF>x");
    }

    #[test]
    fn tabs_and_line_breaks() {
        assert_eq!(single_line("a\tb\nc"), "a b c");
        assert_eq!(multi_line("a\tb\r\nc\rd"), "a b\nc^Md");
    }

    #[test]
    fn wide_text_is_untouched_and_borrowed() {
        assert!(matches!(multi_line("中文 😀 ok\n"), Cow::Borrowed(_)));
        assert!(matches!(single_line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn describe_names_the_first_hidden_character() {
        assert_eq!(describe("a\tb\r\nc"), None);
        assert_eq!(
            describe("x\u{1b}[2J\u{7}").unwrap(),
            (2, "ESC (U+001B, shown as ^[)".to_string())
        );
        assert_eq!(describe("\u{202e}").unwrap().1, "a bidi control (U+202E, shown as <U+202E>)");
        assert_eq!(
            describe("a\u{200b}").unwrap().1,
            "an invisible character (U+200B, shown as <U+200B>)"
        );
    }

    proptest! {
        #[test]
        fn output_never_holds_an_unsafe_char(text in any::<String>()) {
            let single = single_line(&text);
            prop_assert!(!single.chars().any(is_unsafe), "{single:?}");
            let multi = multi_line(&text);
            prop_assert!(!multi.chars().any(|c| c != '\n' && is_unsafe(c)), "{multi:?}");
        }

        #[test]
        fn output_never_holds_an_unsafe_char_from_hostile_alphabet(
            text in proptest::collection::vec(
                prop_oneof![
                    (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
                    (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
                    Just('\u{202e}'), Just('\u{2067}'), Just('\u{200b}'), Just('\u{feff}'),
                    Just('a'), Just('中'), Just('😀'),
                ],
                0..64,
            ).prop_map(|v| v.into_iter().collect::<String>())
        ) {
            let single = single_line(&text);
            prop_assert!(!single.chars().any(is_unsafe), "{single:?}");
            let multi = multi_line(&text);
            prop_assert!(!multi.chars().any(|c| c != '\n' && is_unsafe(c)), "{multi:?}");
        }
    }
}
