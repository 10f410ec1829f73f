//! Reading a briefing file: size and encoding checks, TOML parsing, and per-item recovery so
//! that every problem of a file is reported in one run.
//!
//! The happy path is one typed serde parse of the whole file. Only when that fails does the
//! loader parse again, item by item, to find every problem rather than the first.

use std::cell::OnceCell;
use std::fmt;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::model::Briefing;
use super::raw::{RawBriefing, RawFile, RawMeta, TOP_LEVEL_KEYS};
use super::{FORMAT_VERSION, validate};
use crate::diagnostic::{Diagnostic, Locator, quoted};

/// Files larger than this are refused before they are read (64 MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The bundled China-AI briefing, compiled into the binary.
pub const BUNDLED: &str = include_str!("../../briefings/china-ai.toml");
/// The name the bundled briefing goes by in messages.
pub const BUNDLED_NAME: &str = "briefings/china-ai.toml (bundled)";
/// `BUNDLED` as `check_text` makes it, in JSON: what the reader opens with no argument.
/// Reading it costs a fifth of checking the TOML again at every start (about 0.25 ms of a
/// 2 ms first screen, see BENCHMARKS.md). A test keeps it equal to the checked file
/// (`UPDATE_BUNDLED=1 cargo test --test bundled` writes it again after an edit).
const BUNDLED_CHECKED: &str = include_str!("bundled.json");

/// Everything `check` learned about one file.
#[derive(Debug)]
pub struct Report {
    /// The briefing, when the file has no errors (warnings allowed).
    pub briefing: Option<Briefing>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// A file that could not be loaded, with every problem found in it.
#[derive(Debug)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<String> =
            self.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
        f.write_str(&errors.join("\n"))
    }
}

impl std::error::Error for LoadError {}

/// Reads, parses and validates the briefing at `path`.
pub fn load(path: &Path) -> Result<Report, LoadError> {
    let text = read_source(path).map_err(|d| LoadError { diagnostics: vec![d] })?;
    into_result(check_text(path, &text))
}

/// Loads the briefing compiled into the binary, checked when it was built.
pub fn load_bundled() -> Result<Report, LoadError> {
    match serde_json::from_str::<Briefing>(BUNDLED_CHECKED) {
        Ok(briefing) => Ok(Report { briefing: Some(briefing), diagnostics: Vec::new() }),
        // Only a build from a stale or damaged bundled.json, which the tests refuse: say so,
        // and check the TOML instead.
        Err(e) => {
            let mut report = check_text(Path::new(BUNDLED_NAME), BUNDLED);
            report.diagnostics.push(Diagnostic {
                severity: crate::diagnostic::Severity::Warning,
                path: Path::new("src/briefing/bundled.json").to_path_buf(),
                location: Some((e.line(), e.column())),
                message: crate::sanitize::single_line(&format!(
                    "the checked bundled briefing could not be read ({e}); \
                     run `UPDATE_BUNDLED=1 cargo test --test bundled`"
                ))
                .into_owned(),
            });
            into_result(report)
        }
    }
}

fn into_result(report: Report) -> Result<Report, LoadError> {
    if report.briefing.is_some() {
        Ok(report)
    } else {
        Err(LoadError { diagnostics: report.diagnostics })
    }
}

/// Reads a file as UTF-8 text, refusing what cannot be a briefing with a one-line reason.
pub fn read_source(path: &Path) -> Result<String, Diagnostic> {
    read_text(path, "a briefing file (.toml)", "a briefing (format = 1)")
}

/// Reads an article for `briefing import`, with the same checks and messages that say so.
pub fn read_article(path: &Path) -> Result<String, Diagnostic> {
    read_text(path, "an article (Markdown or plain text)", "an article to import")
}

/// Reads a UTF-8 text file; `file` and `content` say what was expected, for messages.
fn read_text(path: &Path, file: &str, content: &str) -> Result<String, Diagnostic> {
    let fail = |message: String| Diagnostic::file_error(path, message);
    let meta = std::fs::metadata(path).map_err(|e| fail(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(fail(format!("is a directory, expected {file}")));
    }
    if !meta.is_file() {
        return Err(fail(format!("is not a regular file, expected {file}")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(too_large(meta.len())));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(io_reason(&e)))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read one byte past the cap, so a file that grew after `metadata` is still refused.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| fail(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(too_large(bytes.len() as u64)));
    }
    decode(path, bytes, content)
}

fn decode(path: &Path, bytes: Vec<u8>, content: &str) -> Result<String, Diagnostic> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Diagnostic::file_error(path, format!("file is empty, expected {content}")));
    }
    if let Some(nul) = memchr::memchr(0, &bytes) {
        let (line, col) = line_col(&bytes, nul);
        let message =
            format!("binary file (NUL byte at line {line}, column {col}), expected UTF-8 text");
        return Err(Diagnostic::file_error(path, message));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let (line, col) = line_col(e.as_bytes(), offset);
        let bad = e.as_bytes()[offset];
        Diagnostic {
            location: Some((line, col)),
            ..Diagnostic::file_error(
                path,
                format!("invalid UTF-8 (byte 0x{bad:02X}), expected UTF-8 text"),
            )
        }
    })
}

/// 1-based line and character column of a byte offset in not-yet-decoded bytes.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

fn too_large(len: u64) -> String {
    format!(
        "file is {:.1} MiB, larger than the {} MiB limit for a briefing",
        len as f64 / (1024.0 * 1024.0),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// Parses and validates briefing source `text`, naming `path` in every diagnostic.
pub fn check_text(path: &Path, text: &str) -> Report {
    let locator = LazyLocator::new(path, text);
    let mut diagnostics = Vec::new();
    let document = 0..text.len();
    let raw = match toml::from_str::<RawFile>(text) {
        Ok(file) => RawBriefing {
            format: file.format,
            meta: file.briefing,
            sections: file.section,
            claims: file.claim,
            counterpoints: file.counterpoint,
            factors: file.factor,
            document,
            meta_failed: false,
        },
        Err(_) => match recover(text, locator.get(), &mut diagnostics) {
            Some(raw) => raw,
            None => {
                diagnostics.sort_by_key(|d| d.location);
                return Report { briefing: None, diagnostics };
            }
        },
    };
    let briefing = validate::validate(raw, &locator, &mut diagnostics);
    let briefing = briefing.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    diagnostics.sort_by_key(|d| d.location);
    Report { briefing, diagnostics }
}

/// A [`Locator`] built on first use: indexing the lines of a large file costs as much as a
/// good part of validating it, and a file without diagnostics never needs it.
pub(super) struct LazyLocator<'a> {
    path: &'a Path,
    text: &'a str,
    locator: OnceCell<Locator<'a>>,
}

impl<'a> LazyLocator<'a> {
    pub(super) fn new(path: &'a Path, text: &'a str) -> Self {
        Self { path, text, locator: OnceCell::new() }
    }

    pub(super) fn get(&self) -> &Locator<'a> {
        self.locator.get_or_init(|| Locator::new(self.path, self.text))
    }
}

/// The slow path: parse with recovery and deserialize item by item, reporting every problem.
/// Returns `None` when the file is too broken (syntax, newer format) to check further.
fn recover(text: &str, locator: &Locator, out: &mut Vec<Diagnostic>) -> Option<RawBriefing> {
    let (root, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        for error in syntax {
            let message = syntax_message(error.message(), text, error.span());
            out.push(locator.error(error.span().unwrap_or(0..0), &message));
        }
        return None;
    }
    let root = root.into_inner();
    // A newer format may use keys this reader does not know: say only that.
    let format = root.get("format");
    let version =
        format.and_then(|v| v.get_ref().as_integer()).and_then(|i| i.as_str().parse::<i64>().ok());
    if let (Some(format), Some(version)) = (format, version)
        && version > FORMAT_VERSION
    {
        out.push(locator.error(format.span(), &validate::newer_format_message(version)));
        return None;
    }
    let mut raw = RawBriefing { document: 0..text.len(), ..RawBriefing::default() };
    for (key, value) in root {
        let items = Items { locator, out: &mut *out };
        match key.get_ref().as_ref() {
            "format" => {
                let span = value.span();
                // A non-integer format is reported here; the rest is then checked as format 1.
                let version = items.one::<i64>("format", value).map_or(FORMAT_VERSION, |v| v.1);
                raw.format = Some(Spanned::new(span, version));
            }
            "briefing" => {
                raw.meta = items.one::<RawMeta>("[briefing]", value).map(|v| v.1);
                raw.meta_failed = raw.meta.is_none();
            }
            "section" => raw.sections = items.many("section", value),
            "claim" => raw.claims = items.many("claim", value),
            "counterpoint" => raw.counterpoints = items.many("counterpoint", value),
            "factor" => raw.factors = items.many("factor", value),
            other => {
                let expected =
                    TOP_LEVEL_KEYS.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ");
                let message = format!("unknown key {}, expected one of {expected}", quoted(other));
                out.push(locator.error(key.span(), &message));
            }
        }
    }
    Some(raw)
}

fn syntax_message(message: &str, text: &str, span: Option<Range<usize>>) -> String {
    let message = message.trim();
    // toml does not say which key: the span does.
    if message == "duplicate key"
        && let Some(key) = span.and_then(|s| text.get(s)).filter(|k| !k.contains('\n'))
    {
        return format!(
            "invalid TOML: duplicate key {}, expected each key once per table",
            quoted(key)
        );
    }
    format!("invalid TOML: {message}")
}

/// Deserializes values one at a time, turning each serde error into a located diagnostic.
struct Items<'a, 'l> {
    locator: &'a Locator<'l>,
    out: &'a mut Vec<Diagnostic>,
}

impl Items<'_, '_> {
    /// An array of tables (`[[section]]`): every item that deserializes, errors for the rest.
    fn many<T: DeserializeOwned>(mut self, name: &str, value: Spanned<DeValue<'_>>) -> Vec<T> {
        let span = value.span();
        let DeValue::Array(array) = value.into_inner() else {
            let message = format!("'{name}' must be an array of tables, written [[{name}]]");
            self.out.push(self.locator.error(span, &message));
            return Vec::new();
        };
        let what = format!("[[{name}]]");
        array.into_iter().filter_map(|item| self.item(&what, item)).collect()
    }

    /// A single value, with its span.
    fn one<T: DeserializeOwned>(
        mut self,
        what: &str,
        value: Spanned<DeValue<'_>>,
    ) -> Option<(Range<usize>, T)> {
        let span = value.span();
        self.item(what, value).map(|v| (span, v))
    }

    /// Deserializes one value. On an error in one entry of a table, reports it, drops that
    /// entry and tries again, so a table with three typos gets three messages.
    fn item<T: DeserializeOwned>(
        &mut self,
        what: &str,
        mut value: Spanned<DeValue<'_>>,
    ) -> Option<T> {
        let mut dropped: Vec<String> = Vec::new();
        for _ in 0..64 {
            let error = match T::deserialize(ValueDeserializer::from(value.clone())) {
                Ok(v) => return Some(v),
                Err(e) => e,
            };
            let span = error.span().unwrap_or_else(|| value.span());
            let message = error.message().trim().to_string();
            // A key dropped for an earlier error then shows up as missing: already reported.
            if dropped.iter().any(|k| message == format!("missing field `{k}`")) {
                return None;
            }
            let culprit = match value.get_ref() {
                DeValue::Table(table) => table.iter().find_map(|(k, v)| {
                    let inside = |s: Range<usize>| {
                        s.start <= span.start && span.start < s.end.max(s.start + 1)
                    };
                    (inside(k.span()) || inside(v.span())).then(|| k.get_ref().to_string())
                }),
                _ => None,
            };
            self.out.push(
                self.locator
                    .error(span.clone(), &field_message(what, &message, culprit.as_deref())),
            );
            let (Some(culprit), DeValue::Table(table)) = (culprit, value.get_mut()) else {
                return None;
            };
            table.remove(culprit.as_str());
            dropped.push(culprit);
        }
        None
    }
}

/// serde's wording, made to read as "what was expected".
fn field_message(what: &str, message: &str, key: Option<&str>) -> String {
    let message = message
        .replace(['`', '"'], "'")
        .replace(" as i128", "")
        .replace("expected i64", "expected an integer");
    // An unquoted TOML date reads as a table to serde: say what to write instead.
    if key == Some("published") && message.starts_with("invalid type: map") {
        return "'published': a TOML date, expected a string like \"2024-01-15\"".into();
    }
    let message = message.replace("invalid type: map", "invalid type: a table or date");
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("{what} is missing key {rest}");
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return format!("unknown key {rest}");
    }
    match key {
        Some(key) => format!("{}: {message}", quoted(key)),
        None => format!("{}: {message}", quoted(what)),
    }
}
