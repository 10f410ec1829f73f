//! Ids for imported briefings and sections: derived from titles, always valid, never repeated.
//!
//! The format's id rule is `[a-z0-9][a-z0-9-]{0,63}`. A title keeps its ASCII letters and
//! digits (lowercased) and the common accented Latin letters without their accents; apostrophes
//! vanish ("China's" gives `chinas`) and every other run of characters becomes one `-`. A title
//! with nothing left (Chinese, Arabic...) falls back to `section-N`. A section number that
//! opens a title (`2.1 Data`, `II. Results`) is left out of the section's id (`data`), since
//! ids outlive renumbering and read better in `section = "..."`.

use std::collections::{HashMap, HashSet};

use std::rc::Rc;

use foldhash::fast::RandomState;
use std::fmt::Write;
use std::ops::Range;

/// The longest id the format allows.
const MAX_LEN: usize = 64;

/// `[a-z0-9][a-z0-9-]{0,63}`, the format's id rule.
pub(super) fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    let allowed = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-';
    !bytes.is_empty() && bytes.len() <= MAX_LEN && bytes[0] != b'-' && bytes.iter().all(allowed)
}

/// The id a title suggests; empty when the title has no Latin letters or digits.
///
/// Longer than 64 characters, it is cut at a `-` when one falls in the second half.
pub(crate) fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len().min(MAX_LEN + 4));
    slug_into(&mut out, title);
    out
}

/// [`slug`], written into `out` (cleared first): a buffer used again for every title.
fn slug_into(out: &mut String, title: &str) {
    out.clear();
    let mut gap = false;
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            // Most letters: pushed as they are, without a look-up.
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
            if out.len() > MAX_LEN {
                break;
            }
            continue;
        }
        if matches!(c, '\'' | '’' | '‘') {
            continue;
        }
        let folded = fold_latin(c);
        if folded.is_empty() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push('-');
        }
        gap = false;
        out.push_str(folded);
        if out.len() > MAX_LEN {
            break;
        }
    }
    // Cut in place: no second string.
    let kept = shortened(out, MAX_LEN);
    out.truncate(kept.end);
    out.drain(..kept.start);
}

/// Cuts an id to `max` bytes (ids are ASCII), preferring a `-` boundary, and trims dashes.
pub(crate) fn shorten(id: &str, max: usize) -> &str {
    id.get(shortened(id, max)).unwrap_or("")
}

/// Where [`shorten`]'s result lies in `id`.
fn shortened(id: &str, max: usize) -> Range<usize> {
    let bytes = id.as_bytes();
    let mut end = id.len();
    if end > max {
        end = match bytes[..max].iter().rposition(|&b| b == b'-') {
            Some(dash) if dash >= max / 2 => dash,
            _ => max,
        };
    }
    let start = bytes[..end].iter().position(|&b| b != b'-').unwrap_or(end);
    while end > start && bytes[end - 1] == b'-' {
        end -= 1;
    }
    start..end
}

/// A letter or digit as it may appear in an id: ASCII lowercased, accented Latin letters
/// without accents, anything else empty.
fn fold_latin(c: char) -> &'static str {
    const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    let lower = c.to_ascii_lowercase();
    // Indexed, not searched for: most titles are ASCII, and a search per letter was a tenth
    // of naming a thousand sections.
    let at = match lower {
        '0'..='9' => Some(lower as usize - '0' as usize),
        'a'..='z' => Some(lower as usize - 'a' as usize + 10),
        _ => None,
    };
    if let Some(at) = at {
        return &ASCII[at..at + 1];
    }
    match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'ă' | 'ą' | 'Ā' | 'Ă' | 'Ą' => "a",
        'ç' | 'Ç' | 'ć' | 'č' | 'Ć' | 'Č' => "c",
        'ď' | 'Ď' | 'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'į' | 'ı' | 'Ī' | 'Į' | 'İ' => "i",
        'ł' | 'Ł' | 'ľ' | 'Ľ' => "l",
        'ñ' | 'Ñ' | 'ń' | 'ň' | 'Ń' | 'Ň' => "n",
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'ő' | 'Ō' | 'Ő' => "o",
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'Ť' | 'Ţ' => "t",
        'þ' | 'Þ' => "th",
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'ů' | 'ű' | 'Ū' | 'Ů' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => "",
    }
}

/// A title without its opening section number: `3.1 Data` and `IV. Results` lose it, `2024 in
/// review` keeps it (a number has at most 3 digits per part).
fn without_number(title: &str) -> &str {
    let Some((first, rest)) = title.split_once(char::is_whitespace) else {
        return title;
    };
    let is_roman = first
        .strip_suffix('.')
        .is_some_and(|r| !r.is_empty() && r.len() <= 6 && r.chars().all(|c| "IVXLCDM".contains(c)));
    let arabic = first.strip_suffix('.').unwrap_or(first);
    let is_arabic = arabic
        .split('.')
        .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    if is_roman || is_arabic { rest.trim_start() } else { title }
}

/// Hands out ids unique among one kind of item: a repeated one gets `-2`, `-3`...
#[derive(Default)]
pub(super) struct Unique {
    /// Hashed with foldhash, seeded at random per process: cheaper than the default SipHash
    /// on short strings, and still not predictable from the article.
    used: HashSet<Rc<str>, RandomState>,
    /// The next suffix to try for each base, so a thousand equal titles cost a thousand tries.
    next: HashMap<String, usize, RandomState>,
    /// The slug of the title being named, and the id being tried: buffers kept from one id
    /// to the next, so that an id costs one string, shared with `used`.
    base: String,
    id: String,
}

impl Unique {
    /// Room for `n` ids without growing.
    pub(super) fn with_capacity(n: usize) -> Self {
        Unique {
            used: HashSet::with_capacity_and_hasher(n, RandomState::default()),
            next: HashMap::default(),
            base: String::with_capacity(MAX_LEN + 4),
            id: String::with_capacity(MAX_LEN + 4),
        }
    }

    /// A fresh id for the item at 1-based `position`, titled `title`.
    pub(super) fn id(&mut self, title: &str, position: usize) -> Rc<str> {
        let (mut base, mut id) = (std::mem::take(&mut self.base), std::mem::take(&mut self.id));
        let given = self.id_from(&mut base, &mut id, title, position);
        (self.base, self.id) = (base, id);
        given
    }

    /// [`Unique::id`], with `base` as the buffer for the slug and `id` for the tries.
    fn id_from(
        &mut self,
        base: &mut String,
        id: &mut String,
        title: &str,
        position: usize,
    ) -> Rc<str> {
        slug_into(base, without_number(title));
        if base.is_empty() {
            slug_into(base, title);
        }
        if base.is_empty() {
            let _ = write!(base, "section-{position}");
        }
        // A first use needs no suffix, and no entry in `next`: a later one starts it at 2. A
        // base with an entry in `next` is used already (entries are made only then), so it is
        // not tried again: its suffixes are. Each try looks the buffer up before it makes the
        // id's one string (foldhash makes the look-up cheaper than a string made for nothing).
        let n = match self.next.get_mut(base.as_str()) {
            Some(n) => n,
            None => {
                if !self.used.contains(base.as_str()) {
                    let given: Rc<str> = Rc::from(base.as_str());
                    self.used.insert(Rc::clone(&given));
                    return given;
                }
                self.next.entry(base.clone()).or_insert(2)
            }
        };
        loop {
            // Written in place: one string per try, no `format!`.
            let digits = n.checked_ilog10().unwrap_or(0) as usize + 1;
            id.clear();
            id.push_str(shorten(base, MAX_LEN - 1 - digits));
            let _ = write!(id, "-{n}");
            *n += 1;
            if !self.used.contains(id.as_str()) {
                let given: Rc<str> = Rc::from(id.as_str());
                self.used.insert(Rc::clone(&given));
                return given;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_latin_letters_and_digits() {
        assert_eq!(slug("China’s AI: Innovate or Imitate?"), "chinas-ai-innovate-or-imitate");
        assert_eq!(slug("  3.1 Data -- and   more!  "), "3-1-data-and-more");
        assert_eq!(slug("Café Müller, Œuvre & Straße"), "cafe-muller-oeuvre-strasse");
        assert_eq!(slug("中国的人工智能"), "");
        assert_eq!(slug("AI 中国 Policy"), "ai-policy");
    }

    #[test]
    fn long_slugs_are_cut_at_a_dash() {
        let title = "word ".repeat(30);
        let id = slug(&title);
        assert!(id.len() <= 64 && is_valid_id(&id), "{id}");
        assert!(id.ends_with("word"), "{id}");
        let id = slug(&"x".repeat(100));
        assert_eq!(id.len(), 64);
    }

    #[test]
    fn unique_ids_get_suffixes_and_fallbacks() {
        let mut ids = Unique::default();
        assert_eq!(&*ids.id("Intro", 1), "intro");
        assert_eq!(&*ids.id("Intro", 2), "intro-2");
        assert_eq!(&*ids.id("intro!", 3), "intro-3");
        assert_eq!(&*ids.id("中文", 4), "section-4");
        assert_eq!(&*ids.id("Section 4", 5), "section-4-2");
        let long = "y".repeat(80);
        let first = ids.id(&long, 6);
        let second = ids.id(&long, 7);
        assert_eq!(first.len(), 64);
        assert!(second.ends_with("-2") && second.len() == 64, "{second}");
        assert!(is_valid_id(&first) && is_valid_id(&second));
    }

    #[test]
    fn section_numbers_are_left_out() {
        let mut ids = Unique::default();
        assert_eq!(&*ids.id("1. Introduction", 1), "introduction");
        assert_eq!(&*ids.id("3.1 Data", 2), "data");
        assert_eq!(&*ids.id("II. Results", 3), "results");
        assert_eq!(&*ids.id("2024 in review", 4), "2024-in-review");
        assert_eq!(&*ids.id("42", 5), "42");
        assert_eq!(&*ids.id("2. 中文", 6), "2");
    }

    #[test]
    fn id_rule() {
        assert!(is_valid_id("a-1"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("A"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id(&"a".repeat(65)));
    }
}
