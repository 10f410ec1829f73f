//! Telling Markdown from plain text: by the file's extension when it has a Markdown one, else
//! by content.
//!
//! Content counts the marks that only Markdown uses: `#` headings, fenced code, table
//! delimiter rows, `[text](url)` links. Bullets, `>` quotes, underlined headings and emphasis
//! appear in plain text too (emails, notes), so they only tip the balance when one strong mark
//! is present. Only the first lines are read, so a huge input costs nothing here.

use std::path::Path;

/// Extensions that mean Markdown, lowercase.
const EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mkdn"];
/// Lines read to decide by content.
const LINES_READ: usize = 2000;

/// Whether the article `text`, from the file `name` (`None`: stdin), is Markdown.
pub(super) fn is_markdown(name: Option<&str>, text: &str) -> bool {
    let extension = name.and_then(|n| Path::new(n).extension()).map(|e| e.to_string_lossy());
    if extension.is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())) {
        return true;
    }
    looks_like_markdown(text)
}

fn looks_like_markdown(text: &str) -> bool {
    let mut strong = 0;
    let mut weak = 0;
    for line in text.lines().take(LINES_READ) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line.trim();
        if indent <= 3 && is_atx_heading(trimmed) {
            strong += 2;
        } else if indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            strong += 1;
        } else if is_table_delimiter(trimmed) {
            strong += 2;
        } else if ["- ", "* ", "+ ", "> "].iter().any(|m| trimmed.starts_with(m)) {
            weak += 1;
        }
        strong += links(trimmed);
        if trimmed.contains("**") || trimmed.matches('`').count() >= 2 {
            weak += 1;
        }
    }
    strong >= 2 || (strong == 1 && weak >= 2)
}

/// `# Title` to `###### Title`.
fn is_atx_heading(line: &str) -> bool {
    let hashes = line.len() - line.trim_start_matches('#').len();
    (1..=6).contains(&hashes)
        && line[hashes..].starts_with(' ')
        && !line[hashes..].trim().is_empty()
}

/// `|---|:--:|` or `--- | ---`.
fn is_table_delimiter(line: &str) -> bool {
    line.contains('|')
        && line.matches('-').count() >= 3
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// How many `[text](target)` the line seems to hold.
fn links(line: &str) -> usize {
    if line.contains('[') && line.contains(')') { line.matches("](").count() } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_decides_first() {
        assert!(is_markdown(Some("a/B.MD"), "plain words"));
        assert!(is_markdown(Some("post.markdown"), ""));
        assert!(!is_markdown(Some("notes.txt"), "plain words"));
        assert!(!is_markdown(None, "plain words"));
    }

    #[test]
    fn markdown_by_content() {
        assert!(is_markdown(None, "# Title\n\nText.\n\n## Part\n\nMore."));
        assert!(is_markdown(Some("x.txt"), "Intro\n\n```\ncode\n```\n"));
        assert!(is_markdown(None, "| a | b |\n|---|---|\n| 1 | 2 |\n"));
        assert!(is_markdown(None, "# Title\n\n- one\n- two\n"));
        assert!(is_markdown(None, "See [this](http://a) and [that](http://b)."));
    }

    #[test]
    fn plain_text_stays_plain() {
        let email = "Hi all,\n\n- first point\n- second point\n\n> quoted reply\n\nThanks.";
        assert!(!is_markdown(None, email));
        let article = "Title\n=====\n\n1. Introduction\n\nSome text, with *stars*.\n";
        assert!(!is_markdown(None, article));
        assert!(!is_markdown(None, "#hashtag and #1 priority\n    # indented comment"));
    }
}
