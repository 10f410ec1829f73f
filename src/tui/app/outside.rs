//! What comes in from outside the keyboard: the terminal's size and pastes, and the worker's
//! answers (the notes file read or written, the library scanned). Each is a `Message` that
//! `update` applies like a key.

use std::path::PathBuf;

use super::{Action, App, Effect, Overlay, PickerEntry};
use crate::briefing::Briefing;
use crate::library;
use crate::notes::Annotations;
use crate::notes::store::SaveError;
use crate::sanitize;
use crate::tui::app::LibraryItem;

/// Everything `update` takes: a key's or a click's action, or news from outside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Action(Action),
    /// The terminal is now this big (also after Ctrl-Z and `fg`).
    Resize(u16, u16),
    /// Text pasted into the terminal (bracketed paste): one message, however long.
    Paste(String),
    /// Something for the status bar (a briefing that could not be opened).
    Notice(String),
    /// The notes file of `briefing` was read: its notes, or why it cannot be used.
    NotesRead {
        briefing: String,
        file: Result<Annotations, String>,
    },
    /// The oldest `count` pending changes of `briefing` were written; the file holds `notes`.
    /// The notes on `kept_both` (claims or passages, by their text) had changed in the file
    /// since they were edited: both versions were kept.
    NotesSaved {
        briefing: String,
        count: usize,
        notes: Annotations,
        kept_both: Vec<String>,
    },
    /// A write failed; the worker tries again.
    NotesNotSaved {
        briefing: String,
        error: SaveError,
    },
    LibraryScanned(LibraryScan),
    /// The briefing's file at `path` changed and loads: its new version.
    BriefingReloaded {
        path: PathBuf,
        briefing: Box<Briefing>,
    },
    /// The briefing's file at `path` changed and does not load: its errors, one line each
    /// (`PATH:LINE:COL: error: ...`), and the line of the first.
    BriefingBroken {
        path: PathBuf,
        lines: Vec<String>,
        first_line: Option<usize>,
    },
    /// The briefing's file cannot be watched (why): edits made to it are not seen.
    WatchFailed(String),
    /// The briefing's file is watched from now on: an edit made after this is seen.
    Watching(PathBuf),
    /// The editor `e` started has ended: how, if it did not run.
    EditorDone(Result<(), String>),
}

impl From<Action> for Message {
    fn from(action: Action) -> Self {
        Message::Action(action)
    }
}

/// The library as the worker found it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LibraryScan {
    pub rows: Vec<LibraryRow>,
    /// Files that could not be used (`briefing list` shows them).
    pub problems: usize,
}

/// One briefing of the library, with how far the user got and how many notes they have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryRow {
    pub entry: library::Entry,
    /// "§3/8", "new", or empty without a data folder.
    pub progress: String,
    pub notes: usize,
}

impl App {
    pub(super) fn receive(&mut self, message: Message) -> Effect {
        match message {
            Message::Action(action) => return self.update(action),
            Message::Resize(width, height) => self.resize(width, height),
            Message::Paste(text) => self.paste(&text),
            Message::Notice(text) => self.message = Some(sanitize::single_line(&text).into()),
            Message::NotesRead { briefing, file } if briefing == self.briefing.id => {
                self.notes_loaded = true;
                self.own.dirty = true;
                let ratings = self.matrix_ratings();
                if self.notes.loaded(file) {
                    self.anchor_marks();
                }
                self.after_ratings(ratings);
                if let Some(problem) = &self.notes.read_only {
                    self.message = Some(problem.clone());
                }
            }
            Message::NotesSaved { briefing, count, notes, kept_both }
                if briefing == self.briefing.id =>
            {
                let ratings = self.matrix_ratings();
                self.own.dirty = true;
                if self.notes.saved(count, notes) {
                    self.anchor_marks();
                }
                self.after_ratings(ratings);
                // "note saved" once the change it was about has been written.
                if let Some((after, text)) = self.announce.take() {
                    match after.checked_sub(count) {
                        Some(left @ 1..) => self.announce = Some((left, text)),
                        _ => self.message = Some(text),
                    }
                }
                if let Some(text) = kept_both.first() {
                    self.message = Some(format!(
                        "both versions are kept: the note on {} was also changed elsewhere",
                        super::annotate::name(text)
                    ));
                }
            }
            Message::NotesNotSaved { briefing, error } if briefing == self.briefing.id => {
                // Said at once, in place of "saving…": the status bar shows the error until
                // a save succeeds.
                if self.announce.take().is_some() {
                    self.message = None;
                }
                self.notes.save_failed(error);
            }
            Message::NotesRead { .. }
            | Message::NotesSaved { .. }
            | Message::NotesNotSaved { .. } => {}
            Message::LibraryScanned(scan) => self.show_library(scan),
            Message::BriefingReloaded { path, briefing } if self.is_source(&path) => {
                self.reloaded(*briefing);
            }
            Message::BriefingBroken { path, lines, first_line } if self.is_source(&path) => {
                self.broken(lines, first_line);
            }
            // From a briefing open before this one.
            Message::BriefingReloaded { .. } | Message::BriefingBroken { .. } => {}
            Message::WatchFailed(why) => {
                self.message = Some(format!(
                    "edits to the file are not seen: it cannot be watched ({})",
                    sanitize::single_line(&why)
                ));
            }
            Message::EditorDone(Ok(())) | Message::Watching(_) => {}
            Message::EditorDone(Err(why)) => {
                self.message = Some(sanitize::single_line(&why).into_owned());
            }
        }
        Effect::None
    }

    /// Your ratings as an open matrix shows them, to tell whether a file read changed them
    /// (nothing is kept while no matrix is open).
    fn matrix_ratings(&self) -> Option<crate::notes::Ratings> {
        matches!(self.overlay, Some(super::Overlay::Matrix(_))).then(|| self.notes.ratings.clone())
    }

    fn after_ratings(&mut self, before: Option<crate::notes::Ratings>) {
        if before.is_some_and(|before| before != self.notes.ratings) {
            self.refresh_matrix();
        }
    }

    fn is_source(&self, path: &std::path::Path) -> bool {
        self.source.as_deref() == Some(path)
    }

    /// Fills the library picker opened by `L`, the open briefing selected.
    fn show_library(&mut self, scan: LibraryScan) {
        let current = scan.rows.iter().position(|r| r.entry.id == self.briefing.id);
        let items: Vec<LibraryItem> = scan
            .rows
            .into_iter()
            .map(|row| LibraryItem { label: self.library_label(&row), entry: row.entry })
            .collect();
        let Some(Overlay::Picker(picker)) = &mut self.overlay else {
            // The user closed it while the library was read.
            return;
        };
        if !picker.is_loading {
            return;
        }
        picker.fill(&self.briefing, items, current.map(PickerEntry::Briefing));
        self.message = (scan.problems > 0).then(|| {
            format!(
                "{} file(s) in the library could not be used: see `briefing list`",
                scan.problems
            )
        });
    }

    /// "Title · id · §3/8 · ✎ 2" (and "· DUPLICATE ID · path" for an id found twice): the open briefing shows where the reader is now, not where
    /// it was last saved.
    fn library_label(&self, row: &LibraryRow) -> String {
        let e = &row.entry;
        let is_open = e.id == self.briefing.id;
        let progress = if is_open {
            format!("§{}/{}", self.section, self.briefing.sections.len())
        } else {
            row.progress.clone()
        };
        let notes = if is_open { self.notes.notes.len() } else { row.notes };
        let notes = if notes > 0 { format!(" · ✎ {notes}") } else { String::new() };
        // Two files with one id would be two identical lines: their paths tell them apart.
        let duplicate = if e.is_duplicate {
            format!(" · DUPLICATE ID · {}", e.location())
        } else {
            String::new()
        };
        format!("{} · {} · {progress}{notes}{duplicate}", e.title, e.id)
    }
}
