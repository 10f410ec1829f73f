//! The readable text of a raw HTML block found in a Markdown article: tags and comments
//! dropped, `<script>` and `<style>` contents dropped, common entities decoded, and block-level
//! tags (`<p>`, `<div>`, `<br>`, `<li>`, headings...) read as paragraph breaks.
//!
//! This is not an HTML parser: it only has to keep the words of the small HTML blocks found in
//! READMEs and blog posts, and never let markup through as if it were prose.

/// Tags after which text starts a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "details",
    "summary",
    "hr",
    "dt",
    "dd",
];
/// Tags whose contents are not text.
const SKIPPED_TAGS: &[&str] = &["script", "style", "template"];

/// The paragraphs of text in `html`, each folded to one line.
pub(super) fn paragraphs(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let is_tag =
            after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        if !is_tag {
            text.push('<');
            rest = after;
            continue;
        }
        let Some(close) = after.find('>') else {
            // No `>` left at all: no later `<` can open a tag either, so the rest is text.
            text.push('<');
            rest = after;
            break;
        };
        let tag = &after[..close];
        rest = &after[close + 1..];
        let name = tag_name(tag);
        if SKIPPED_TAGS.contains(&name.as_str()) && !tag.starts_with('/') {
            let end = format!("</{name}");
            rest = find_ascii_case_insensitive(rest, &end)
                .and_then(|at| rest[at..].find('>').map(|gt| &rest[at + gt + 1..]))
                .unwrap_or("");
            continue;
        }
        text.push_str(if BLOCK_TAGS.contains(&name.as_str()) { "\n\n" } else { " " });
    }
    text.push_str(rest);
    crate::text::paragraphs(&decode_entities(&text).replace(['\t', '\u{a0}'], " "))
}

/// The lowercased name of a tag written without its angle brackets (`/P class=x` gives `p`).
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Where `needle` (ASCII) first occurs in `haystack`, ignoring ASCII case.
fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Decodes `&amp;`-style named entities that articles use, and numeric ones.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // Entity names are short: look for the `;` in the next few bytes only.
        let end = after.bytes().take(12).position(|b| b == b';');
        let entity = end.map(|end| (&after[..end], end));
        let decoded = entity.and_then(|(name, end)| decode_entity(name).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(name: &str) -> Option<char> {
    let named = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "mdash" => Some('—'),
        "ndash" => Some('–'),
        "hellip" => Some('…'),
        "copy" => Some('©'),
        _ => None,
    };
    named.or_else(|| {
        let number = name.strip_prefix('#')?;
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_comments_go_text_stays() {
        let html = "<p align=\"center\">\n  <img src=\"logo.png\" alt=\"Logo\">\n</p>";
        assert!(paragraphs(html).is_empty());
        let html = "<div>First <b>bold</b> words</div><!-- hidden -->\n<p>Second &amp; last</p>";
        assert_eq!(paragraphs(html), vec!["First bold words", "Second & last"]);
    }

    #[test]
    fn scripts_and_styles_are_dropped() {
        let html = "<script>alert('x')</script>Kept<STYLE>p{}</STYLE> too";
        assert_eq!(paragraphs(html), vec!["Kept too"]);
    }

    #[test]
    fn stray_angle_brackets_and_entities() {
        assert_eq!(
            paragraphs("a < b &lt; c &#233;&#x41; &bogus; &"),
            vec!["a < b < c éA &bogus; &"]
        );
    }

    #[test]
    fn unclosed_tag_is_text() {
        assert_eq!(paragraphs("<b>bold</b> and <i unclosed"), vec!["bold and <i unclosed"]);
    }

    #[test]
    fn unclosed_comment_drops_the_rest() {
        assert_eq!(paragraphs("kept <!-- never closed"), vec!["kept"]);
    }
}
