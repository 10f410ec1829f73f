//! The briefings a user has: the bundled one, `./briefings/`, `<data>/briefings/` and any
//! `--library DIR`. Finding them, listing them, and resolving `briefing ID`.
//!
//! A briefing id found in two different files is reported, never silently hidden; a file
//! identical to the bundled briefing is that briefing, not a duplicate.

use std::path::{Path, PathBuf};

use crate::briefing::{self, BUNDLED, Briefing, LoadError};
use crate::diagnostic::Diagnostic;
use crate::sanitize;

/// One briefing of the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub sections: usize,
    pub claims: usize,
    /// Section ids in order, to show how far the reader got.
    pub section_ids: Vec<String>,
    /// Where it is; `None` for the bundled briefing.
    pub path: Option<PathBuf>,
    /// Another entry has the same id.
    pub is_duplicate: bool,
}

impl Entry {
    /// "§3/8" where the reader left it (positions in `data_dir`), "new" if never opened.
    pub fn progress(&self, data_dir: &Path) -> String {
        let saved = crate::notes::positions::saved_section(data_dir, &self.id);
        match saved.and_then(|id| self.section_ids.iter().position(|s| *s == id)) {
            Some(i) => format!("§{}/{}", i + 1, self.sections),
            None => "new".into(),
        }
    }

    /// Where the entry is, for listing.
    pub fn location(&self) -> String {
        match &self.path {
            Some(p) => sanitize::path(p),
            None => "(bundled)".into(),
        }
    }
}

/// What a scan found: the briefings, and every file it could not use, with why.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    pub problems: Vec<String>,
}

/// Reads the library: the bundled briefing, then every `*.toml` in `folders` (missing
/// folders are skipped; a `--library` folder that is missing is a problem).
pub fn scan(folders: &[PathBuf], required: &[PathBuf]) -> Library {
    let mut library = Library::default();
    let cache = briefing::Cache::for_user();
    if let Ok(report) = briefing::load_bundled()
        && let Some(b) = report.briefing
    {
        library.entries.push(entry(&b, None));
    }
    for folder in folders {
        let files = match std::fs::read_dir(folder) {
            Ok(entries) => {
                let mut files: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect();
                files.sort();
                files
            }
            Err(e) => {
                if required.contains(folder) || e.kind() != std::io::ErrorKind::NotFound {
                    library
                        .problems
                        .push(format!("{}: cannot read folder: {e}", sanitize::path(folder)));
                }
                continue;
            }
        };
        for path in files {
            library.add_file(&path, cache.as_ref());
        }
    }
    library.mark_duplicates();
    library
}

fn entry(b: &Briefing, path: Option<PathBuf>) -> Entry {
    Entry {
        id: b.id.clone(),
        title: b.title.clone(),
        sections: b.sections.len(),
        claims: b.claims.len(),
        section_ids: b.sections.iter().map(|s| s.id.clone()).collect(),
        path,
        is_duplicate: false,
    }
}

impl Library {
    fn add_file(&mut self, path: &Path, cache: Option<&briefing::Cache>) {
        // A file large enough to be cached goes through the cache (never the bundled
        // briefing's own file, which is far smaller): a 10 MB briefing is not checked again
        // on every `list` and every `L`.
        let large =
            std::fs::metadata(path).is_ok_and(|m| m.len() >= briefing::Cache::MIN_BYTES as u64);
        if let (true, Some(cache)) = (large, cache) {
            match briefing::load_cached(path, Some(cache)) {
                Ok(report) => {
                    if let Some(b) = report.briefing {
                        self.entries.push(entry(&b, Some(path.to_path_buf())));
                    }
                }
                // The file as a whole (unreadable, too large, not UTF-8): said as it is.
                Err(e) if e.diagnostics.len() == 1 && e.diagnostics[0].location.is_none() => {
                    self.problems.push(e.diagnostics[0].to_string());
                }
                Err(e) => self.not_valid(path, &e.diagnostics),
            }
            return;
        }
        let text = match briefing::read_source(path) {
            Ok(text) => text,
            Err(d) => return self.problems.push(d.to_string()),
        };
        // The bundled briefing's own file (running from the repo) is not a second copy.
        if text == BUNDLED
            && let Some(bundled) = self.entries.iter_mut().find(|e| e.path.is_none())
        {
            bundled.path = Some(path.to_path_buf());
            return;
        }
        let report = briefing::check_text(path, &text);
        match report.briefing {
            Some(b) => self.entries.push(entry(&b, Some(path.to_path_buf()))),
            None => self.not_valid(path, &report.diagnostics),
        }
    }

    fn not_valid(&mut self, path: &Path, diagnostics: &[Diagnostic]) {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let first = diagnostics.iter().find(|d| d.is_error()).map(Diagnostic::to_string);
        self.problems.push(format!(
            "{}: not a valid briefing ({errors} error{}; first: {}); run `briefing check` on it",
            sanitize::path(path),
            if errors == 1 { "" } else { "s" },
            first.unwrap_or_default()
        ));
    }

    fn mark_duplicates(&mut self) {
        let ids: Vec<String> = self.entries.iter().map(|e| e.id.clone()).collect();
        for (i, e) in self.entries.iter_mut().enumerate() {
            e.is_duplicate = ids.iter().enumerate().any(|(j, id)| j != i && *id == e.id);
        }
        let mut reported: Vec<&str> = Vec::new();
        for e in &self.entries {
            if e.is_duplicate && !reported.contains(&e.id.as_str()) {
                reported.push(&e.id);
                let places: Vec<String> =
                    self.entries.iter().filter(|o| o.id == e.id).map(Entry::location).collect();
                self.problems.push(format!(
                    "briefing id '{}' is used by {} files: {}; notes and positions are shared by id, so give one a new id",
                    e.id,
                    places.len(),
                    places.join(", ")
                ));
            }
        }
    }

    /// The entry with this id, or why there is none (unknown, or in two places).
    pub fn find(&self, id: &str) -> Result<&Entry, String> {
        let found: Vec<&Entry> = self.entries.iter().filter(|e| e.id == id).collect();
        match found.as_slice() {
            [one] => Ok(one),
            [] => {
                let known: Vec<&str> = self.entries.iter().map(|e| e.id.as_str()).collect();
                let hint = match suggest(id, &known) {
                    Some(near) => format!("did you mean '{near}'? "),
                    None => String::new(),
                };
                Err(format!(
                    "no briefing file or id '{}' ({hint}ids in the library: {})",
                    sanitize::single_line(id),
                    known.join(", ")
                ))
            }
            many => {
                let places: Vec<String> = many.iter().map(|e| e.location()).collect();
                Err(format!(
                    "briefing id '{}' is in {} places ({}); open one by its path",
                    sanitize::single_line(id),
                    many.len(),
                    places.join(", ")
                ))
            }
        }
    }
}

/// The id a mistyped or shortened `id` most likely meant: a close spelling, else the one id
/// that contains it.
fn suggest<'a>(id: &str, known: &[&'a str]) -> Option<&'a str> {
    crate::briefing::closest(id, known.iter().copied()).or_else(|| {
        let mut containing = known.iter().filter(|k| !id.is_empty() && k.contains(id));
        match (containing.next(), containing.next()) {
            (Some(one), None) => Some(*one),
            _ => None,
        }
    })
}

/// Loads an entry's briefing (through the user's cache of checked briefings).
pub fn load(entry: &Entry) -> Result<Briefing, LoadError> {
    let report = match &entry.path {
        Some(path) => briefing::load_cached(path, briefing::Cache::for_user().as_ref())?,
        None => briefing::load_bundled()?,
    };
    report.briefing.ok_or(LoadError { diagnostics: report.diagnostics })
}
