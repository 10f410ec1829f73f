//! Reading a briefing file: size and encoding checks, TOML parsing, and per-item recovery so
//! that every problem of a file is reported in one run.
//!
//! The happy path is one typed serde parse of the whole file. Only when that fails does the
//! loader parse again, item by item, to find every problem rather than the first.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::cache::Cache;
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
    load_cached(path, None)
}

/// [`load`], through `cache` when there is one: a file whose bytes were checked before (by a
/// reader built from the same checking code) is not parsed again; a file checked now without
/// errors is added to it. The report is the same either way, warnings included.
pub fn load_cached(path: &Path, cache: Option<&Cache>) -> Result<Report, LoadError> {
    if let Some(report) = cache.and_then(|c| c.lookup(path)) {
        return Ok(report);
    }
    let fail = |d| LoadError { diagnostics: vec![d] };
    let bytes = read_bytes(path, SOURCE_FILE).map_err(fail)?;
    // The key of the bytes checked, which may not be those looked up if the file changed
    // in between.
    let key = cache.filter(|c| c.wants(bytes.len() as u64)).map(|c| (c, c.key(&bytes)));
    let text = decode(path, bytes, SOURCE_CONTENT).map_err(fail)?;
    let report = check_text(path, &text);
    if let Some((cache, key)) = key {
        cache.put(&key, &report);
    }
    into_result(report)
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
    read_text(path, SOURCE_FILE, SOURCE_CONTENT)
}

/// What a briefing's path and content are expected to be, for messages.
const SOURCE_FILE: &str = "a briefing file (.toml)";
const SOURCE_CONTENT: &str = "a briefing (format = 1)";

/// Reads an article for `briefing import`, with the same checks and messages that say so.
pub fn read_article(path: &Path) -> Result<String, Diagnostic> {
    read_text(path, "an article (Markdown or plain text)", "an article to import")
}

/// Reads a UTF-8 text file; `file` and `content` say what was expected, for messages.
fn read_text(path: &Path, file: &str, content: &str) -> Result<String, Diagnostic> {
    decode(path, read_bytes(path, file)?, content)
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`]; `file` says what was expected.
fn read_bytes(path: &Path, file: &str) -> Result<Vec<u8>, Diagnostic> {
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
    Ok(bytes)
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
            hypotheses: file.hypothesis,
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
        // toml reports some problems once per level of nesting (an unclosed array 80 deep
        // is 80 "unclosed array" at one place): each is said once.
        let mut said = HashSet::new();
        let mut deep_keys_said = false;
        for error in syntax {
            let found = match error.span() {
                Some(span) => vec![(span.start, syntax_message(error.message(), text, Some(span)))],
                // toml says where a key is too deep for it to parse nowhere: find them all,
                // with the first of those errors.
                None if error.message().trim() == "recursion limit" => {
                    if std::mem::replace(&mut deep_keys_said, true) {
                        continue;
                    }
                    too_deep_keys(text)
                        .into_iter()
                        .map(|(at, parts)| {
                            let message = format!(
                                "invalid TOML: a key of {parts} dotted parts, expected at most \
                                 {MAX_KEY_PARTS}"
                            );
                            (at, message)
                        })
                        .collect()
                }
                None => vec![(0, syntax_message(error.message(), text, None))],
            };
            for (at, message) in found {
                if said.insert((at, message.clone())) {
                    out.push(locator.error(at..at, &message));
                }
            }
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
            "hypothesis" => raw.hypotheses = items.many("hypothesis", value),
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

/// The most dotted parts a key (or table header) may have: the toml crate refuses more, as
/// "recursion limit", without a place. `a_key_of_81_parts_...` in `tests/load.rs` notices
/// if that changes.
const MAX_KEY_PARTS: usize = 80;

/// Where each key of more than [`MAX_KEY_PARTS`] parts starts (the `[` of a table header),
/// with its number of parts, in file order. Only asked when toml refused such a key: it
/// tokenizes the file again, which costs a fraction of a parse.
fn too_deep_keys(text: &str) -> Vec<(usize, usize)> {
    use toml_parser::parser::{Event, EventKind, RecursionGuard, parse_document};

    let tokens = toml_parser::Source::new(text).lex().into_vec();
    let mut found = Vec::new();
    // The key being read: its parts so far, where it starts, whether a '.' came last.
    let (mut parts, mut start, mut dotted) = (0, 0, false);
    let mut header = None;
    let mut on_event = |event: Event| {
        let at = event.span().start();
        match event.kind() {
            EventKind::SimpleKey if dotted => {
                parts += 1;
                dotted = false;
            }
            EventKind::SimpleKey => {
                if parts > MAX_KEY_PARTS {
                    found.push((start, parts));
                }
                (parts, start) = (1, header.unwrap_or(at));
            }
            EventKind::KeySep => dotted = true,
            EventKind::Whitespace => {}
            kind => {
                if parts > MAX_KEY_PARTS {
                    found.push((start, parts));
                }
                (parts, dotted) = (0, false);
                header = matches!(kind, EventKind::StdTableOpen | EventKind::ArrayTableOpen)
                    .then_some(at);
            }
        }
    };
    // Nesting is bounded as toml bounds it, so a deep array cannot overflow the stack here.
    let mut guard = RecursionGuard::new(&mut on_event, MAX_KEY_PARTS as u32);
    parse_document(&tokens, &mut guard, &mut ());
    if parts > MAX_KEY_PARTS {
        found.push((start, parts));
    }
    found
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

    /// Deserializes one value. Keys the type does not have are reported first, each at the
    /// key, and dropped; then, on an error in one entry of a table, reports it, drops that
    /// entry and tries again, so a table with three typos gets three messages.
    fn item<T: DeserializeOwned>(
        &mut self,
        what: &str,
        mut value: Spanned<DeValue<'_>>,
    ) -> Option<T> {
        let fields = struct_fields::<T>();
        if let (false, DeValue::Table(table)) = (fields.is_empty(), value.get_mut()) {
            let expected = fields.iter().map(|f| format!("'{f}'")).collect::<Vec<_>>();
            let expected = expected.join(", ");
            // Found in one pass, whatever their count: dropping them one error at a time
            // would deserialize the table again for each.
            let unknown: Vec<(String, Range<usize>)> = table
                .keys()
                .filter(|key| !fields.iter().any(|f| *f == &**key.get_ref()))
                .map(|key| (key.get_ref().to_string(), key.span()))
                .collect();
            for (key, span) in unknown {
                let message = format!("unknown key {}, expected one of {expected}", quoted(&key));
                self.out.push(self.locator.error(span, &message));
                table.remove(key.as_str());
            }
        }
        // Each round drops one key of the table, so it has at most one round per key.
        let rounds = match value.get_ref() {
            DeValue::Table(table) => table.len() + 1,
            _ => 1,
        };
        let mut dropped: Vec<String> = Vec::new();
        for _ in 0..rounds {
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

/// The keys a struct deserialized by serde's derive accepts; empty for any other type. Asked
/// of the type itself (a deserializer that only records what `deserialize_struct` is given),
/// so the list cannot drift from the struct.
fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Deserializer, Error, Visitor, value::Error as Stop};

    struct Fields(&'static [&'static str]);

    impl<'de> Deserializer<'de> for &mut Fields {
        type Error = Stop;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0 = fields;
            Err(Stop::custom("fields recorded"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    let mut fields = Fields(&[]);
    let _ = T::deserialize(&mut fields);
    fields.0
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
