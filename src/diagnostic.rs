//! Located problems in a file: what `briefing check` prints and what load returns.
//!
//! A `Diagnostic` names the file, the line and column (1-based, columns counted in characters)
//! and a message that is already safe to print. It never holds raw user text.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::sanitize;

/// How bad a problem is: errors make a file invalid, warnings do not.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line and column; `None` for problems with the file as a whole.
    pub location: Option<(usize, usize)>,
    pub message: String,
}

impl Diagnostic {
    /// A problem with the whole file (missing, unreadable, too large...).
    pub fn file_error(path: &Path, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.to_path_buf(),
            location: None,
            message: sanitize::single_line(&message.into()).into_owned(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = sanitize::single_line(&self.path.to_string_lossy()).into_owned();
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.location {
            Some((line, col)) => write!(f, "{path}:{line}:{col}: {level}: {}", self.message),
            None => write!(f, "{path}: {level}: {}", self.message),
        }
    }
}

/// Turns byte offsets in one source text into diagnostics with line and column.
pub struct Locator<'a> {
    path: &'a Path,
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        let line_starts =
            std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { path, text, line_starts }
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        (line, col)
    }

    /// A diagnostic at the start of `span`; the message is made safe to print here.
    pub fn at(&self, severity: Severity, span: Range<usize>, message: &str) -> Diagnostic {
        Diagnostic {
            severity,
            path: self.path.to_path_buf(),
            location: Some(self.line_col(span.start)),
            message: sanitize::single_line(message).into_owned(),
        }
    }

    pub fn error(&self, span: Range<usize>, message: &str) -> Diagnostic {
        self.at(Severity::Error, span, message)
    }

    pub fn warning(&self, span: Range<usize>, message: &str) -> Diagnostic {
        self.at(Severity::Warning, span, message)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A user's value quoted in a message: made printable, cut to a readable length, in quotes.
pub fn quoted(value: &str) -> String {
    const MAX_CHARS: usize = 60;
    let safe = sanitize::single_line(value);
    let mut out = String::from("'");
    let mut chars = safe.chars();
    out.extend(chars.by_ref().take(MAX_CHARS));
    if chars.next().is_some() {
        out.push('…');
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nbé = \"x\"\n";
        let loc = Locator::new(Path::new("f.toml"), text);
        assert_eq!(loc.line_col(0), (1, 1));
        assert_eq!(loc.line_col(6), (2, 1));
        assert_eq!(loc.line_col(text.find('=').unwrap()), (1, 3));
        assert_eq!(loc.line_col(text.rfind('=').unwrap()), (2, 4));
        assert_eq!(loc.line_col(10_000), (3, 1));
    }

    #[test]
    fn quoted_values_are_cut_and_made_safe() {
        assert_eq!(quoted("a\u{1b}]0;x"), "'a^[]0;x'");
        assert_eq!(quoted(&"x".repeat(100)).chars().count(), 63);
    }

    #[test]
    fn display_has_path_line_col() {
        let loc = Locator::new(Path::new("b.toml"), "x\ny");
        let d = loc.error(2..3, "bad");
        assert_eq!(d.to_string(), "b.toml:2:1: error: bad");
    }
}
