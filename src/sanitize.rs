//! Makes untrusted text safe to put on a terminal: every text field of a briefing, once, at load;
//! the user's own text (notes, pasted text), file names, ids and error messages where they are
//! shown or stored.
//!
//! Nothing that comes out of here can move the cursor, set a title, write the clipboard, open a
//! link or reorder text: C0/C1 controls and DEL are shown in caret or `<U+XXXX>` form, bidi
//! overrides and invisible (zero-width) characters as `<U+XXXX>` markers, tabs become spaces.
//! Line breaks are kept by [`multi_line`] (paragraph structure) and folded by [`single_line`].

use std::borrow::Cow;
use std::ops::ControlFlow;

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
/// A path as it may be shown: a file *name* is untrusted text too (`Path::display` prints
/// ESC and BEL as they are). Every path in a message goes through here.
pub fn path(path: &std::path::Path) -> String {
    single_line(&path.to_string_lossy()).into_owned()
}

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
    while b < 256 {
        table[b] = is_suspect(b as u8, false);
        b += 1;
    }
    table
};

/// Whether `b` is [`SUSPECT`], a kept line break (`keep_newlines`) aside. Written with `|` and
/// `&`, not `||`, so that a whole chunk is tested in a few vector instructions.
const fn is_suspect(b: u8, keep_newlines: bool) -> bool {
    let kept = keep_newlines & (b == b'\n');
    ((b < b' ') & !kept)
        | (b == 0x7f)
        | (b == 0xc2)
        | (b == 0xcd)
        | (b == 0xd8)
        | (b.wrapping_sub(0xe1) < 3)
        | (b == 0xef)
        | (b == 0xf0)
        | (b == 0xf3)
}

/// Bytes the fast scan in [`first_change`] tests at once.
const CHUNK: usize = 16;

/// Whether every byte of `chunk` is printable ASCII (space to `~`), which `clean` never
/// changes: the cheapest test, and enough for most chunks of English text.
fn is_printable_ascii(chunk: &[u8; CHUNK]) -> bool {
    !chunk.iter().fold(false, |other, &b| other | (b.wrapping_sub(b' ') >= 0x7f - b' '))
}

/// Whether any byte of `chunk` [`is_suspect`].
fn any_suspect(chunk: &[u8; CHUNK], keep_newlines: bool) -> bool {
    chunk.iter().fold(false, |any, &b| any | is_suspect(b, keep_newlines))
}

/// Where the first character `clean` must change is, if any.
///
/// Chunks without a suspect byte are passed over whole; in the others, only suspect bytes are
/// decoded. A suspect byte is ASCII or a lead byte, never inside a character, so decoding
/// starts on a character boundary even where a chunk does not.
fn first_change(text: &str, keep_newlines: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let passes =
        |chunk: &[u8; CHUNK]| is_printable_ascii(chunk) || !any_suspect(chunk, keep_newlines);
    let Some(last) = bytes.len().checked_sub(CHUNK) else {
        // Short text (ids, names) is tested as one chunk, padded with spaces.
        let mut chunk = [b' '; CHUNK];
        chunk[..bytes.len()].copy_from_slice(bytes);
        if passes(&chunk) {
            return None;
        }
        return scan(text, 0, bytes.len(), keep_newlines).break_value();
    };
    let mut i = 0;
    while i < bytes.len() {
        // The last chunk ends where the text does, overlapping the one before it.
        let start = i.min(last);
        let end = start + CHUNK;
        // Always a whole chunk (`start <= last`); were it not, the rest is scanned byte by byte.
        let Some(chunk) = bytes.get(start..).and_then(<[u8]>::first_chunk) else {
            return scan(text, i, bytes.len(), keep_newlines).break_value();
        };
        if passes(chunk) {
            i = end;
            continue;
        }
        // Bytes before `i` were looked at already.
        match scan(text, i, end, keep_newlines) {
            ControlFlow::Break(found) => return Some(found),
            ControlFlow::Continue(next) => i = next,
        }
    }
    None
}

/// Looks at the bytes of `text` from `from` to `to` one by one, decoding suspect ones only.
/// Breaks with the first character that changes, or continues from where it stopped: `to`, or
/// past it when a character runs over.
fn scan(text: &str, from: usize, to: usize, keep_newlines: bool) -> ControlFlow<usize, usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        if !SUSPECT[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        // A suspect byte starts a character, so `i` is a boundary; were it not, `Break(0)` has
        // `clean` look at every character, which is slow but right.
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            return ControlFlow::Break(0);
        };
        // Every control but a kept line break changes: tabs and CRs included.
        let changes = if c == '\n' { !keep_newlines } else { is_unsafe(c) };
        if changes {
            return ControlFlow::Break(i);
        }
        i += c.len_utf8();
    }
    ControlFlow::Continue(i)
}

/// What [`first_change`] finds, the simple way: every character decoded and tested. The fast
/// scan must agree with it on every input.
#[cfg(test)]
fn first_change_simple(text: &str, keep_newlines: bool) -> Option<usize> {
    text.char_indices()
        .find(|&(_, c)| if c == '\n' { !keep_newlines } else { is_unsafe(c) })
        .map(|(i, _)| i)
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

    /// Characters around each kind of byte the fast scan treats apart: printable ASCII, kept
    /// and folded layout, controls, and safe and unsafe characters behind each suspect lead.
    const HOSTILE: &str = " ~\n\r\t\u{1b}\u{7f}\u{85}\u{a0}\u{ad}é\u{34f}\u{61c}\u{600}\u{17b4}\u{1100}\
        \u{200b}\u{2014}\u{202e}\u{3164}\u{3042}中\u{feff}\u{fffd}😀\u{1d173}\u{e0001}\u{f0000}";

    #[test]
    fn every_changed_character_starts_with_a_suspect_byte() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32).filter(|&c| is_unsafe(c)) {
            let lead = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
            assert!(SUSPECT[usize::from(lead)], "{c:?}");
            assert_eq!(is_suspect(lead, true), c != '\n', "{c:?}");
        }
    }

    #[test]
    fn fast_scan_finds_a_change_at_every_offset() {
        // One character in a run of plain text, at every offset of texts of every length
        // around one and two chunks, where the chunks overlap and the padding starts.
        for len in 0..=2 * CHUNK + 2 {
            for at in 0..=len {
                for c in HOSTILE.chars() {
                    let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(len - at));
                    for keep in [false, true] {
                        assert_eq!(
                            first_change(&text, keep),
                            first_change_simple(&text, keep),
                            "{text:?} keep_newlines={keep}"
                        );
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn fast_scan_agrees_with_the_simple_one(
            text in proptest::collection::vec(
                prop_oneof![
                    8 => Just('a'),
                    1 => proptest::sample::select(HOSTILE.chars().collect::<Vec<_>>()),
                    1 => any::<char>(),
                ],
                0..80,
            ).prop_map(|v| v.into_iter().collect::<String>())
        ) {
            for keep in [false, true] {
                prop_assert_eq!(first_change(&text, keep), first_change_simple(&text, keep));
            }
        }

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
