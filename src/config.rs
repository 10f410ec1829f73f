//! The user's config file: where it is, reading and checking it, and what it becomes (a
//! `Keymap`, the themes, how the layout starts). Every problem is a `Diagnostic` with its line
//! and column, reported before the terminal is taken; nothing here panics or draws.
//!
//! ```toml
//! [layout]
//! measure = 72                       # the widest a line of text gets
//! [theme]
//! base = "light"                     # dark, light or mono
//! [theme.light]
//! quote = { bg = "#ffe08a", bold = true }
//! [keys.reading]
//! next-section = ["l", "]", "Right"] # the keys of an action, in place of its own
//! unbind = ["x"]                     # keys taken off whatever they did in this mode
//! ```
//!
//! `default_text` (`briefing config --default`) is the reference: every value as it is by
//! default, each with a comment, and it reads back as `Config::default()`.

mod default;
mod keys;
mod style;

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Locator, quoted};
use crate::tui::keymap::Keymap;
use crate::tui::layout::{self, MEASURES};
use crate::tui::theme::{self, BASES, Theme};

pub use default::default_text;

/// A config file larger than this is refused: a full one is about 10 KiB.
const MAX_BYTES: usize = 1 << 20;

/// What the reader runs with: the built-in defaults, changed by the config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub keymap: Keymap,
    /// Each built-in theme (`theme::BASES` order) with the config's changes to it.
    pub themes: [Theme; 3],
    /// Which of `themes` is drawn with (`[theme] base`).
    pub base: usize,
    pub start: layout::Start,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keymap: Keymap::builtin(),
            themes: BASES.map(|(_, t)| *t),
            base: 0,
            start: layout::Start::default(),
        }
    }
}

impl Config {
    /// The theme to draw with. `NO_COLOR` (set and not empty) wins: the mono theme, and no
    /// colour of the config's either.
    pub fn theme(&self, no_color: Option<std::ffi::OsString>) -> Theme {
        match no_color {
            Some(v) if !v.is_empty() => theme::without_colour(&self.themes[2]),
            _ => self.themes[self.base],
        }
    }
}

/// Where the config is read from: `--config FILE` (which must exist), else
/// `$XDG_CONFIG_HOME/briefing/config.toml` or `~/.config/briefing/config.toml` (which may
/// not); nowhere with `--no-config`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Given(PathBuf),
    Default(PathBuf),
    None,
}

impl Source {
    pub fn new(flag: Option<&Path>, no_config: bool) -> Source {
        match (no_config, flag) {
            (true, _) => Source::None,
            (false, Some(path)) => Source::Given(path.to_path_buf()),
            (false, None) => crate::paths::config_file().map_or(Source::None, Source::Default),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Given(p) | Source::Default(p) => Some(p),
            Source::None => None,
        }
    }
}

/// Reads and checks the config from `source`; the defaults when there is none to read.
pub fn load(source: &Source) -> Result<Config, Vec<Diagnostic>> {
    let Some(path) = source.path() else { return Ok(Config::default()) };
    let bytes = match crate::files::read_regular(path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) if matches!(source, Source::Default(_)) => return Ok(Config::default()),
        Ok(None) => return Err(vec![Diagnostic::file_error(path, "no such config file")]),
        Err(e) => return Err(vec![Diagnostic::file_error(path, format!("cannot read: {e}"))]),
    };
    if bytes.len() > MAX_BYTES {
        let message = format!("{} bytes, larger than a config can be (1 MiB)", bytes.len());
        return Err(vec![Diagnostic::file_error(path, message)]);
    }
    match String::from_utf8(bytes) {
        Ok(text) => parse(path, &text),
        Err(e) => {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at = e.utf8_error().valid_up_to();
            let locator = Locator::new(path, &text);
            Err(vec![locator.error(at..at, "not UTF-8 text")])
        }
    }
}

/// Checks config `text` (read from `path`, which every diagnostic names): every problem at
/// once, in file order.
pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let locator = Locator::new(path, text);
    let root = match DeTable::parse(text) {
        Ok(root) => root.into_inner(),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let message = format!("invalid TOML: {}", e.message().trim());
            return Err(vec![locator.error(at..at, &message)]);
        }
    };
    let mut checker = Checker { locator: &locator, out: Vec::new() };
    let mut config = Config::default();
    for (key, value) in &root {
        match key.get_ref().as_ref() {
            "layout" => checker.layout(value, &mut config.start),
            "theme" => checker.theme(value, &mut config),
            "keys" => checker.keys(value, &mut config.keymap),
            other => checker.unknown(key, other, "a config", &["layout", "theme", "keys"]),
        }
    }
    let mut out = checker.out;
    if out.is_empty() {
        return Ok(config);
    }
    out.sort_by_key(|d| d.location);
    Err(out)
}

/// A TOML value with where it is.
type Value<'i> = Spanned<DeValue<'i>>;

/// Walks the parsed file, turning what is wrong into diagnostics.
struct Checker<'a> {
    locator: &'a Locator<'a>,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: &str) {
        self.out.push(self.locator.error(span, message));
    }

    fn unknown(
        &mut self,
        key: &Spanned<std::borrow::Cow<str>>,
        name: &str,
        what: &str,
        known: &[&str],
    ) {
        let known = known.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ");
        let message = format!("unknown key {} in {what}, expected one of {known}", quoted(name));
        self.error(key.span(), &message);
    }

    /// The table `value` is, or an error naming `what` it should be.
    fn table<'v, 'i>(&mut self, what: &str, value: &'v Value<'i>) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            other => {
                let message = format!("{what} must be a table, not {}", type_name(other));
                self.error(value.span(), &message);
                None
            }
        }
    }

    fn bool(&mut self, what: &str, value: &Value) -> Option<bool> {
        let found = value.get_ref().as_bool();
        if found.is_none() {
            let message =
                format!("{what} must be true or false, not {}", type_name(value.get_ref()));
            self.error(value.span(), &message);
        }
        found
    }

    fn string<'v>(&mut self, what: &str, value: &'v Value) -> Option<&'v str> {
        let found = value.get_ref().as_str();
        if found.is_none() {
            let message = format!("{what} must be a string, not {}", type_name(value.get_ref()));
            self.error(value.span(), &message);
        }
        found
    }

    /// `[layout]`: measure, sidebar, analysis.
    fn layout(&mut self, value: &Value, start: &mut layout::Start) {
        let Some(table) = self.table("[layout]", value) else { return };
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "measure" => {
                    let number = value.get_ref().as_integer().map(|i| i.as_str().parse::<i64>());
                    let (min, max) = (*MEASURES.start(), *MEASURES.end());
                    match number {
                        Some(Ok(n)) if (i64::from(min)..=i64::from(max)).contains(&n) => {
                            start.measure = n as u16;
                        }
                        Some(_) => self.error(
                            value.span(),
                            &format!("measure must be from {min} to {max} characters"),
                        ),
                        None => self.error(
                            value.span(),
                            &format!(
                                "measure must be a whole number of characters, not {}",
                                type_name(value.get_ref())
                            ),
                        ),
                    }
                }
                "sidebar" => start.sidebar = self.bool("sidebar", value).unwrap_or(start.sidebar),
                "analysis" => {
                    start.analysis = self.bool("analysis", value).unwrap_or(start.analysis);
                }
                other => self.unknown(key, other, "[layout]", &["measure", "sidebar", "analysis"]),
            }
        }
    }

    /// `[theme]`: `base`, and a table of style changes per built-in theme.
    fn theme(&mut self, value: &Value, config: &mut Config) {
        let Some(table) = self.table("[theme]", value) else { return };
        let names: Vec<&str> = BASES.iter().map(|(n, _)| *n).collect();
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            if name == "base" {
                let Some(base) = self.string("base", value) else { continue };
                match names.iter().position(|n| *n == base) {
                    Some(i) => config.base = i,
                    None => {
                        let message = format!(
                            "unknown theme {}, expected one of 'dark', 'light', 'mono'",
                            quoted(base)
                        );
                        self.error(value.span(), &message);
                    }
                }
            } else if let Some(i) = names.iter().position(|n| *n == name) {
                let what = format!("[theme.{name}]");
                if let Some(slots) = self.table(&what, value) {
                    style::theme(self, &what, slots, &mut config.themes[i]);
                }
            } else {
                self.unknown(key, name, "[theme]", &["base", "dark", "light", "mono"]);
            }
        }
    }
}

/// How a TOML value's type is named in a message.
fn type_name(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests;
