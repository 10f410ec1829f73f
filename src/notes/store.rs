//! The notes file of one briefing: `<data>/notes/<briefing id>.toml`, human-readable TOML in a
//! stable order. Every write is: lock the sidecar `<id>.toml.lock`, re-read the file, apply
//! the pending changes to what is there now, write a temp file, fsync, rename, fsync the
//! folder. So two readers never lose each other's notes, and a file replaced underneath (a
//! sync tool, an editor) is merged, not clobbered.
//!
//! A file that does not parse, or has a newer `format`, is never written: notes turn
//! read-only and the problem is shown. A failed write leaves the changes pending.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use toml::value::{Date, Datetime, Offset, Time};

use super::{Annotations, Mark, Note, Notebook, Notes, OwnClaim, OwnCounterpoint, Update};
use crate::diagnostic::{Locator, quoted};

/// The newest notes file format this reader writes and understands. Format 1 holds notes on
/// claims only; 2 adds `[[mark]]`, a note's `likelihood`, `confidence` and `factors`, and the
/// `[[rating]]`, `[[observation]]`, `[[claim]]` and `[[counterpoint]]` tables. A file without
/// them is still written as format 1, so a reader from before them keeps reading it; one with
/// them is format 2, which that reader refuses to write over (it cannot keep what it does not
/// know).
pub const FORMAT: u32 = 2;

/// The format of a file holding `a`: the oldest that can hold all of it.
fn format_for(a: &Annotations) -> u32 {
    let estimates = a.notes.values().any(|n| !n.estimate().is_empty() || !n.factors.is_empty());
    let newer = !a.ratings.is_empty()
        || !a.observations.is_empty()
        || !a.own_claims.is_empty()
        || !a.own_counterpoints.is_empty();
    if a.marks.is_empty() && !estimates && !newer { 1 } else { 2 }
}

/// How long a write waits for another reader's lock before giving up (and retrying later).
const LOCK_WAIT: Duration = Duration::from_secs(3);

#[derive(Debug, Serialize)]
struct NotesFile {
    format: u32,
    briefing: String,
    #[serde(default, rename = "note")]
    notes: Vec<Note>,
    #[serde(default, rename = "mark", skip_serializing_if = "Vec::is_empty")]
    marks: Vec<Mark>,
    #[serde(default, rename = "rating", skip_serializing_if = "Vec::is_empty")]
    ratings: Vec<super::ratings::Rating>,
    #[serde(default, rename = "observation", skip_serializing_if = "Vec::is_empty")]
    observations: Vec<super::Observation>,
    #[serde(default, rename = "claim", skip_serializing_if = "Vec::is_empty")]
    own_claims: Vec<OwnClaim>,
    #[serde(default, rename = "counterpoint", skip_serializing_if = "Vec::is_empty")]
    own_counterpoints: Vec<OwnCounterpoint>,
}

/// The file as read: with spans, to point at what is wrong.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NotesFileIn {
    format: u32,
    briefing: toml::Spanned<String>,
    #[serde(default, rename = "note")]
    notes: Vec<toml::Spanned<Note>>,
    #[serde(default, rename = "mark")]
    marks: Vec<toml::Spanned<Mark>>,
    #[serde(default, rename = "rating")]
    ratings: Vec<toml::Spanned<super::ratings::Rating>>,
    #[serde(default, rename = "observation")]
    observations: Vec<toml::Spanned<super::Observation>>,
    #[serde(default, rename = "claim")]
    own_claims: Vec<toml::Spanned<OwnClaim>>,
    #[serde(default, rename = "counterpoint")]
    own_counterpoints: Vec<toml::Spanned<OwnCounterpoint>>,
}

/// Only the format, read first so a newer file is refused before its contents are judged.
#[derive(Deserialize)]
struct FormatOnly {
    format: Option<toml::Value>,
}

/// Why a write did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The file is there but must not be overwritten (it does not parse, or is newer): notes
    /// are read-only until it is fixed.
    ReadOnly(String),
    /// The write failed (locked by another process, disk full, ...): try again later.
    Failed(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::ReadOnly(why) | SaveError::Failed(why) => f.write_str(why),
        }
    }
}

/// The notes file of one briefing.
#[derive(Debug)]
pub struct NoteStore {
    path: PathBuf,
    lock_path: PathBuf,
    briefing_id: String,
    /// What the file looked like when last read or written, to notice outside changes.
    seen: Option<Stamp>,
}

/// Enough of a file's metadata to tell that it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    #[cfg(unix)]
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
        #[cfg(unix)]
        inode: std::os::unix::fs::MetadataExt::ino(&meta),
    })
}

impl NoteStore {
    /// The store for `briefing_id` under `data_dir`, nothing read yet.
    pub fn new(data_dir: &Path, briefing_id: &str) -> NoteStore {
        let path = crate::paths::notes_file(data_dir, briefing_id);
        let lock_path = crate::paths::notes_lock(data_dir, briefing_id);
        remove_stale_temp_files(&crate::paths::notes_dir(data_dir));
        NoteStore { path, lock_path, briefing_id: briefing_id.to_string(), seen: None }
    }

    /// The store for `briefing_id` under `data_dir`, and the notes in it now.
    pub fn open(data_dir: &Path, briefing_id: &str) -> (NoteStore, Notebook) {
        let mut store = NoteStore::new(data_dir, briefing_id);
        let mut book = Notebook::default();
        store.reload(&mut book);
        (store, book)
    }

    /// The notes in the file now (a problem to show when it cannot be used), remembering
    /// what the file looked like so `has_changed` can tell.
    pub fn load(&mut self) -> Result<Annotations, String> {
        self.seen = stamp(&self.path);
        self.read()
    }

    /// Whether something else changed the file since it was last read or written here.
    pub fn has_changed(&self) -> bool {
        stamp(&self.path) != self.seen
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Re-reads the file into `book` (its pending changes stay, applied on top).
    pub fn reload(&mut self, book: &mut Notebook) {
        let loaded = self.load();
        book.loaded(loaded);
    }

    /// Re-reads the file if something else changed it since we last looked.
    pub fn reload_if_changed(&mut self, book: &mut Notebook) -> bool {
        if !self.has_changed() {
            return false;
        }
        self.reload(book);
        true
    }

    /// The notes in the file now. A missing file has none; a broken one is a problem to show.
    fn read(&self) -> Result<Annotations, String> {
        let shown = crate::sanitize::single_line(&self.path.display().to_string()).into_owned();
        let text = match crate::files::read_regular(&self.path) {
            Ok(Some(bytes)) => String::from_utf8(bytes).map_err(|e| {
                format!(
                    "{shown}: invalid UTF-8 at byte {}; notes are read-only until it is fixed",
                    e.utf8_error().valid_up_to()
                )
            })?,
            // No file (or not even a folder for it) yet: no notes yet.
            Ok(None) => return Ok(Default::default()),
            Err(e) => return Err(format!("{shown}: cannot read: {e}; notes are read-only")),
        };
        parse(&self.path, &self.briefing_id, &text)
    }

    /// Writes `book`'s pending changes: lock, re-read, apply, atomic write. On success the
    /// book shows what the file now holds; on failure the changes stay pending.
    pub fn sync(&mut self, book: &mut Notebook, now: Datetime) -> Result<(), String> {
        if book.pending.is_empty() {
            return Ok(());
        }
        if let Some(problem) = &book.read_only {
            return Err(problem.clone());
        }
        let count = book.pending.len();
        match self.write(&book.pending, now) {
            Ok((notes, _)) => {
                book.saved(count, notes);
                Ok(())
            }
            Err(e) => {
                let message = e.to_string();
                book.save_failed(e);
                Err(message)
            }
        }
    }

    /// Writes `changes`: lock, re-read, apply them to what is there now, atomic write.
    /// Returns what the file holds now, and the claims (or marks) whose note had changed in
    /// the file since it was edited (both versions were kept): each named by its text.
    pub fn write(
        &mut self,
        changes: &[Update],
        now: Datetime,
    ) -> Result<(Annotations, Vec<String>), SaveError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| {
            let shown = crate::sanitize::single_line(&dir.display().to_string()).into_owned();
            SaveError::Failed(format!("cannot create {shown}: {e}"))
        })?;
        let _lock = Lock::acquire(&self.lock_path).map_err(SaveError::Failed)?;
        // Changed underneath into something we must not overwrite: read-only.
        let mut notes = self.read().map_err(SaveError::ReadOnly)?;
        let mut kept_both = Vec::new();
        for change in changes {
            if notes.apply(change, now) {
                kept_both.push(match change {
                    Update::Claim(c) => c.claim_text.clone(),
                    Update::Mark(m) => m.mark.exact.clone(),
                    Update::Rating(r) => r.key.item.clone(),
                    Update::Observation(o) => o.observation.text.clone(),
                    Update::OwnClaim(c) => c.claim.text.clone(),
                    Update::OwnCounterpoint(c) => c.counterpoint.text.clone(),
                });
            }
        }
        let text = encode(&self.briefing_id, &notes).map_err(SaveError::Failed)?;
        write_atomically(&self.path, text.as_bytes()).map_err(|e| {
            let shown = crate::sanitize::single_line(&self.path.display().to_string()).into_owned();
            SaveError::Failed(format!("cannot save notes to {shown}: {e}"))
        })?;
        self.seen = stamp(&self.path);
        Ok((notes, kept_both))
    }
}

/// Why [`NoteStore::rewrite`] wrote nothing, or wrote only part.
#[derive(Debug)]
pub enum RewriteError<E> {
    /// The notes could not be locked or read: `edit` did not run, nothing was written.
    Before(SaveError),
    /// `edit` refused: nothing was written.
    Edit(E),
    /// `edit` ran (and did what it does besides the notes) but the notes could not be written.
    Write(SaveError),
}

impl NoteStore {
    /// Locks the notes, re-reads them, lets `edit` change them, and writes them if it changed
    /// anything (atomically, as [`NoteStore::write`]). For a change no queued [`Update`] says,
    /// made on the notes as they are now: `briefing adopt`'s re-keying.
    pub fn rewrite<R, E>(
        &mut self,
        edit: impl FnOnce(&mut Annotations) -> Result<R, E>,
    ) -> Result<R, RewriteError<E>> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| {
            let shown = crate::sanitize::single_line(&dir.display().to_string()).into_owned();
            RewriteError::Before(SaveError::Failed(format!("cannot create {shown}: {e}")))
        })?;
        let _lock = Lock::acquire(&self.lock_path)
            .map_err(|e| RewriteError::Before(SaveError::Failed(e)))?;
        let mut notes = self.read().map_err(|e| RewriteError::Before(SaveError::ReadOnly(e)))?;
        let before = notes.clone();
        let out = edit(&mut notes).map_err(RewriteError::Edit)?;
        if notes == before {
            return Ok(out);
        }
        let text = encode(&self.briefing_id, &notes)
            .map_err(|e| RewriteError::Write(SaveError::Failed(e)))?;
        write_atomically(&self.path, text.as_bytes()).map_err(|e| {
            let shown = crate::sanitize::single_line(&self.path.display().to_string()).into_owned();
            RewriteError::Write(SaveError::Failed(format!("cannot save notes to {shown}: {e}")))
        })?;
        self.seen = stamp(&self.path);
        Ok(out)
    }
}

/// The notes in `text`, the contents of the notes file at `path` of the briefing
/// `briefing_id`; or the problem to show (file, line, column) when it cannot be used: it does
/// not parse, has a newer or unknown `format`, belongs to another briefing, or holds two notes
/// on one claim. `path` is only named in the message.
pub fn parse(path: &Path, briefing_id: &str, text: &str) -> Result<Annotations, String> {
    let locator = Locator::new(path, text);
    let problem = |span: Option<std::ops::Range<usize>>, message: &str| {
        let d = locator.error(span.unwrap_or(0..0), message);
        format!("{d}; notes are read-only until it is fixed")
    };
    if let Ok(FormatOnly { format: Some(toml::Value::Integer(v)) }) = toml::from_str(text)
        && v > i64::from(FORMAT)
    {
        return Err(problem(
            None,
            &format!("notes format {v} is newer than this reader's ({FORMAT})"),
        ));
    }
    let file: NotesFileIn =
        toml::from_str(text).map_err(|e| problem(e.span(), e.message().trim()))?;
    if !(1..=FORMAT).contains(&file.format) {
        return Err(problem(
            None,
            &format!("unknown notes format {}, expected 1 to {FORMAT}", file.format),
        ));
    }
    if file.format < 2
        && let Some(first) = file.marks.first()
    {
        return Err(problem(
            Some(first.span()),
            "a [[mark]] in a format 1 notes file: marks need format = 2",
        ));
    }
    if file.format < 2
        && let Some(note) = file.notes.iter().find(|n| !n.get_ref().factors.is_empty())
    {
        return Err(problem(
            Some(note.span()),
            &format!(
                "factors on claim {} in a format 1 notes file: your factor links need \
                 format = 2",
                quoted(&note.get_ref().claim)
            ),
        ));
    }
    if file.format < 2
        && let Some(note) = file.notes.iter().find(|n| !n.get_ref().estimate().is_empty())
    {
        let field =
            if note.get_ref().likelihood.is_some() { "a likelihood" } else { "a confidence" };
        return Err(problem(
            Some(note.span()),
            &format!(
                "{field} on claim {} in a format 1 notes file: likelihood and confidence \
                 need format = 2",
                quoted(&note.get_ref().claim)
            ),
        ));
    }
    if file.format < 2
        && let Some((table, span)) = file
            .ratings
            .first()
            .map(|r| ("[[rating]]", r.span()))
            .or_else(|| file.observations.first().map(|o| ("[[observation]]", o.span())))
    {
        return Err(problem(
            Some(span),
            &format!(
                "a {table} in a format 1 notes file: ratings and observations need format = 2"
            ),
        ));
    }
    if file.format < 2
        && let Some((table, span)) = file
            .own_claims
            .first()
            .map(|c| ("[[claim]]", c.span()))
            .or_else(|| file.own_counterpoints.first().map(|c| ("[[counterpoint]]", c.span())))
    {
        return Err(problem(
            Some(span),
            &format!(
                "a {table} in a format 1 notes file: your own claims and counterpoints need \
                 format = 2"
            ),
        ));
    }
    if file.briefing.get_ref() != briefing_id {
        return Err(problem(
            Some(file.briefing.span()),
            &format!(
                "these are the notes of briefing {}, expected {}",
                quoted(file.briefing.get_ref()),
                quoted(briefing_id)
            ),
        ));
    }
    // Two entries for one claim, mark, cell or id (what merging two machines' notes with git
    // gives) are shown, never merged or dropped unasked.
    let notes = each_once(
        &locator,
        &problem,
        file.notes,
        |n: &Note| n.claim.clone(),
        |n, line| {
            format!(
                "a second note on claim {} (the first is at line {line}); merge them into one",
                quoted(&n.claim)
            )
        },
    )?;
    let notes: Notes = notes.into_iter().map(|(n, _)| (n.claim.clone(), n)).collect();
    let mut marks = super::Marks::new();
    let second_mark = |m: &Mark, line| {
        format!(
            "a second mark with id {} (the first is at line {line}); give one another id",
            quoted(&m.id)
        )
    };
    for (mark, span) in each_once(&locator, &problem, file.marks, |m| m.id.clone(), second_mark)? {
        if mark.start > mark.end {
            return Err(problem(
                Some(span),
                &format!(
                    "mark {}: start ({}) is after end ({})",
                    quoted(&mark.id),
                    mark.start,
                    mark.end
                ),
            ));
        }
        marks.insert(mark.id.clone(), mark);
    }
    let second_rating = |r: &super::ratings::Rating, line| {
        format!(
            "a second rating of {} {} under {} (the first is at line {line}); keep one",
            r.kind.name(),
            quoted(&r.item),
            quoted(&r.hypothesis)
        )
    };
    let ratings = each_once(&locator, &problem, file.ratings, |r| r.key(), second_rating)?
        .into_iter()
        .map(|(r, _)| (r.key(), r.consistency))
        .collect();
    let second_observation = |o: &super::Observation, line| {
        format!(
            "a second observation with id {} (the first is at line {line}); give one another id",
            quoted(&o.id)
        )
    };
    let observations =
        each_once(&locator, &problem, file.observations, |o| o.id.clone(), second_observation)?
            .into_iter()
            .map(|(o, _)| (o.id.clone(), o))
            .collect();
    let (own_claims, own_counterpoints) =
        parse_own(&locator, &problem, file.own_claims, file.own_counterpoints)?;
    Ok(Annotations { notes, marks, ratings, observations, own_claims, own_counterpoints })
}

/// The `[[claim]]` and `[[counterpoint]]` tables, each id once and valid by the briefing's id
/// rule (notes and ratings key them as they key the author's), a claim's passage in order.
fn parse_own(
    locator: &Locator,
    problem: &dyn Fn(Option<std::ops::Range<usize>>, &str) -> String,
    claims: Vec<toml::Spanned<OwnClaim>>,
    counterpoints: Vec<toml::Spanned<OwnCounterpoint>>,
) -> Result<(super::OwnClaims, super::OwnCounterpoints), String> {
    let bad_id = |what: &str, id: &str| {
        format!(
            "{what} id {} is not an id: use lowercase letters, digits and '-' (up to 64, not \
             starting with '-')",
            quoted(id)
        )
    };
    let second_claim = |c: &OwnClaim, line| {
        format!(
            "a second claim with id {} (the first is at line {line}); give one another id",
            quoted(&c.id)
        )
    };
    let mut own_claims = super::OwnClaims::new();
    for (claim, span) in each_once(locator, problem, claims, |c| c.id.clone(), second_claim)? {
        if !crate::briefing::is_valid_id(&claim.id) {
            return Err(problem(Some(span), &bad_id("claim", &claim.id)));
        }
        if claim.start > claim.end {
            return Err(problem(
                Some(span),
                &format!(
                    "claim {}: start ({}) is after end ({})",
                    quoted(&claim.id),
                    claim.start,
                    claim.end
                ),
            ));
        }
        own_claims.insert(claim.id.clone(), claim);
    }
    let second_counterpoint = |c: &OwnCounterpoint, line| {
        format!(
            "a second counterpoint with id {} (the first is at line {line}); give one another id",
            quoted(&c.id)
        )
    };
    let mut own_counterpoints = super::OwnCounterpoints::new();
    for (counterpoint, span) in
        each_once(locator, problem, counterpoints, |c| c.id.clone(), second_counterpoint)?
    {
        if !crate::briefing::is_valid_id(&counterpoint.id) {
            return Err(problem(Some(span), &bad_id("counterpoint", &counterpoint.id)));
        }
        own_counterpoints.insert(counterpoint.id.clone(), counterpoint);
    }
    Ok((own_claims, own_counterpoints))
}

/// The tables of one kind with their places, in file order; a second one under the same
/// `key` is the problem `second(it, line of the first)`, shown at its own place.
fn each_once<T, K: Eq + std::hash::Hash>(
    locator: &Locator,
    problem: &dyn Fn(Option<std::ops::Range<usize>>, &str) -> String,
    tables: Vec<toml::Spanned<T>>,
    key: impl Fn(&T) -> K,
    second: impl Fn(&T, usize) -> String,
) -> Result<Vec<(T, std::ops::Range<usize>)>, String> {
    let mut first_at = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(tables.len());
    for spanned in tables {
        let span = spanned.span();
        let item = spanned.into_inner();
        if let Some(first) = first_at.insert(key(&item), span.start) {
            let (line, _) = locator.line_col(first);
            return Err(problem(Some(span), &second(&item, line)));
        }
        out.push((item, span));
    }
    Ok(out)
}

/// The text of the notes file of `briefing_id` holding `notes`: what a save writes, and what
/// [`parse`] reads back as the same notes.
pub fn encode(briefing_id: &str, notes: &Annotations) -> Result<String, String> {
    let file = NotesFile {
        format: format_for(notes),
        briefing: briefing_id.to_string(),
        notes: notes.notes.values().cloned().collect(),
        marks: notes.marks.values().cloned().collect(),
        ratings: super::ratings::tables(&notes.ratings),
        observations: notes.observations.values().cloned().collect(),
        own_claims: notes.own_claims.values().cloned().collect(),
        own_counterpoints: notes.own_counterpoints.values().cloned().collect(),
    };
    toml::to_string(&file).map_err(|e| format!("cannot encode notes: {e}"))
}

/// Temp files older than this are debris of a writer that was killed mid-write.
const STALE_TEMP: Duration = Duration::from_secs(600);

fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_ours = name.starts_with(".notes-") && name.ends_with(".tmp");
        let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
        if is_ours && age.is_some_and(|age| age > STALE_TEMP) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Temp file in the same folder, fsync, rename over, fsync the folder; through a symlink to
/// its target, keeping the file's mode (see `files::write_atomically`).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::files::write_atomically(path, bytes, ".notes-")
}

/// An exclusive lock on the sidecar lock file, released on drop.
struct Lock(File);

impl Lock {
    /// Waits (in the kernel's queue, so a busy writer cannot starve us) up to `LOCK_WAIT`.
    fn acquire(path: &Path) -> Result<Lock, String> {
        let shown = crate::sanitize::single_line(&path.display().to_string()).into_owned();
        // Never blocks on a FIFO put in its place (which is refused below).
        let nonblocking = rustix::fs::OFlags::NONBLOCK.bits() as i32;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .custom_flags(nonblocking)
            .open(path)
            .map_err(|e| format!("cannot open lock file {shown}: {e}"))?;
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Err(format!("lock file {shown} is not a regular file"));
        }
        let waiter = file.try_clone().map_err(|e| format!("cannot lock {shown}: {e}"))?;
        let (locked, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = waiter.lock();
            let is_locked = result.is_ok();
            // Gave up waiting: let the lock go again (it is shared with `file`'s description).
            if locked.send(result).is_err() && is_locked {
                let _ = waiter.unlock();
            }
        });
        match wait.recv_timeout(LOCK_WAIT) {
            Ok(Ok(())) => Ok(Lock(file)),
            Ok(Err(e)) => Err(format!("cannot lock {shown}: {e}")),
            Err(_) => Err(format!("notes are locked by another process ({shown})")),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// The current time as a TOML datetime in UTC, to the second.
pub fn now() -> Datetime {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    utc(secs)
}

/// Seconds since the epoch as a UTC datetime (days-from-civil, Howard Hinnant's algorithm).
pub fn utc(secs: u64) -> Datetime {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Datetime {
        date: Some(Date { year, month, day }),
        time: Some(Time {
            hour: (rem / 3600) as u8,
            minute: (rem % 3600 / 60) as u8,
            second: Some((rem % 60) as u8),
            nanosecond: None,
        }),
        offset: Some(Offset::Z),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str =
        "claim_text = \"t\"\ncreated = 2026-12-01T00:00:00Z\nupdated = 2026-12-01T00:00:00Z\n";

    fn store_with(text: &str) -> (tempfile::TempDir, NoteStore) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("notes")).unwrap();
        std::fs::write(dir.path().join("notes/b.toml"), text).unwrap();
        let store = NoteStore::new(dir.path(), "b");
        (dir, store)
    }

    #[test]
    fn two_notes_on_one_claim_are_shown_where_they_are_and_the_file_is_left_alone() {
        let text = format!(
            "format = 1\nbriefing = \"b\"\n\n[[note]]\nclaim = \"c1\"\nnote = \"one\"\n{NOTE}\n\
             [[note]]\nclaim = \"c1\"\nnote = \"two\"\n{NOTE}"
        );
        let (dir, mut store) = store_with(&text);
        let problem = store.load().unwrap_err();
        assert!(
            problem.contains(
                "b.toml:11:1: error: a second note on claim 'c1' (the first is at line 4)"
            ),
            "{problem}"
        );
        assert!(problem.ends_with("notes are read-only until it is fixed"), "{problem}");
        let change = super::super::Change {
            claim: "c2".into(),
            claim_text: "t".into(),
            edit: super::super::Edit::SetNote("x".into()),
        };
        assert!(matches!(store.write(&[change.into()], now()), Err(SaveError::ReadOnly(_))));
        assert_eq!(std::fs::read_to_string(dir.path().join("notes/b.toml")).unwrap(), text);
    }

    #[test]
    fn notes_of_another_briefing_are_refused() {
        let (_dir, mut store) = store_with("format = 1\nbriefing = \"other\"\n");
        let problem = store.load().unwrap_err();
        assert!(
            problem.contains(
                "b.toml:2:12: error: these are the notes of briefing 'other', expected 'b'"
            ),
            "{problem}"
        );
    }

    #[test]
    fn marks_need_format_2_and_a_file_without_them_stays_format_1() {
        let mark = "[[mark]]\nid = \"m1\"\nsection = \"s\"\nexact = \"x\"\nstart = 0\nend = 1\n\
                    created = 2026-12-01T00:00:00Z\nupdated = 2026-12-01T00:00:00Z\n";
        let (_dir, mut store) = store_with(&format!("format = 1\nbriefing = \"b\"\n{mark}"));
        let problem = store.load().unwrap_err();
        assert!(
            problem.contains("b.toml:3:1: error: a [[mark]] in a format 1 notes file"),
            "{problem}"
        );
        // Format 2 reads it, and writes format 2 back; without marks, format 1.
        let (_dir, mut store) = store_with(&format!("format = 2\nbriefing = \"b\"\n{mark}"));
        let read = store.load().unwrap();
        assert_eq!(read.marks["m1"].exact, "x");
        assert!(encode("b", &read).unwrap().starts_with("format = 2\n"));
        assert!(encode("b", &Annotations::default()).unwrap().starts_with("format = 1\n"));
        assert_eq!(parse(Path::new("b.toml"), "b", &encode("b", &read).unwrap()), Ok(read));
        // Two marks with one id: shown, never merged.
        let text = format!("format = 2\nbriefing = \"b\"\n{mark}{mark}");
        let problem = parse(Path::new("b.toml"), "b", &text).unwrap_err();
        assert!(
            problem.contains(
                "b.toml:11:1: error: a second mark with id 'm1' (the first is at line 3)"
            ),
            "{problem}"
        );
    }

    #[test]
    fn likelihood_and_confidence_need_format_2_and_round_trip() {
        let note = format!(
            "[[note]]\nclaim = \"c1\"\nlikelihood = \"roughly even chance\"\n\
             confidence = \"high\"\n{NOTE}"
        );
        let problem =
            parse(Path::new("b.toml"), "b", &format!("format = 1\nbriefing = \"b\"\n{note}"))
                .unwrap_err();
        assert!(
            problem
                .contains("b.toml:3:1: error: a likelihood on claim 'c1' in a format 1 notes file"),
            "{problem}"
        );
        let read =
            parse(Path::new("b.toml"), "b", &format!("format = 2\nbriefing = \"b\"\n{note}"))
                .unwrap();
        let c1 = &read.notes["c1"];
        assert_eq!(c1.likelihood, Some(super::super::Likelihood::RoughlyEvenChance));
        assert_eq!(c1.confidence, Some(super::super::Confidence::High));
        let text = encode("b", &read).unwrap();
        assert!(text.starts_with("format = 2\n"), "{text}");
        assert!(text.contains("likelihood = \"roughly even chance\"\nconfidence = \"high\"\n"));
        assert_eq!(parse(Path::new("b.toml"), "b", &text), Ok(read.clone()));
        // Without them, the same note is format 1 again.
        let mut plain = read;
        let c1 = plain.notes.get_mut("c1").unwrap();
        (c1.likelihood, c1.confidence, c1.note) = (None, None, "x".into());
        assert!(encode("b", &plain).unwrap().starts_with("format = 1\n"));
        // An unknown term is an error with its place.
        let bad =
            "format = 2\nbriefing = \"b\"\n[[note]]\nclaim = \"c1\"\nlikelihood = \"probable\"\n";
        let problem = parse(Path::new("b.toml"), "b", &format!("{bad}{NOTE}")).unwrap_err();
        assert!(problem.contains("b.toml:5:14: error: unknown variant `probable`"), "{problem}");
    }

    #[test]
    fn files_written_before_likelihood_read_and_write_back_byte_for_byte() {
        let v1 = "format = 1\nbriefing = \"b\"\n\n[[note]]\nclaim = \"c1\"\nclaim_text = \"t\"\n\
                  stance = \"agree\"\nnote = \"kept\"\ncreated = 2026-12-01T00:00:00Z\n\
                  updated = 2026-12-01T00:00:00Z\n";
        let read = parse(Path::new("b.toml"), "b", v1).unwrap();
        assert_eq!(encode("b", &read).unwrap(), v1);
        let mark = "\n[[mark]]\nid = \"m1\"\nsection = \"s\"\nexact = \"x\"\nprefix = \"\"\n\
                    suffix = \"\"\nstart = 0\nend = 1\ncreated = 2026-12-01T00:00:00Z\n\
                    updated = 2026-12-01T00:00:00Z\n";
        let v2 = format!("{}{mark}", v1.replace("format = 1", "format = 2"));
        let read = parse(Path::new("b.toml"), "b", &v2).unwrap();
        assert_eq!(encode("b", &read).unwrap(), v2);
    }

    const RATING: &str =
        "[[rating]]\nkind = \"claim\"\nitem = \"c1\"\nhypothesis = \"h1\"\nconsistency = \"II\"\n";
    const OBSERVATION: &str = "[[observation]]\nid = \"o1\"\nindicator = \"i1\"\n\
                               text = \"Saw it.\"\ncreated = 2026-12-01T00:00:00Z\n";

    #[test]
    fn ratings_and_observations_need_format_2_and_round_trip() {
        for (table, name) in [(RATING, "[[rating]]"), (OBSERVATION, "[[observation]]")] {
            let text = format!("format = 1\nbriefing = \"b\"\n{table}");
            let problem = parse(Path::new("b.toml"), "b", &text).unwrap_err();
            assert!(
                problem.contains(&format!("b.toml:3:1: error: a {name} in a format 1 notes file")),
                "{problem}"
            );
        }
        let text = format!("format = 2\nbriefing = \"b\"\nnote = []\n\n{RATING}\n{OBSERVATION}");
        let read = parse(Path::new("b.toml"), "b", &text).unwrap();
        let key = super::super::RatingKey {
            kind: super::super::ItemKind::Claim,
            item: "c1".into(),
            hypothesis: "h1".into(),
        };
        assert_eq!(read.ratings[&key], crate::briefing::Consistency::VeryInconsistent);
        assert_eq!(read.observations["o1"].text, "Saw it.");
        assert_eq!(encode("b", &read).unwrap(), text, "written back byte for byte");
        // Without them the file is format 1 again.
        assert!(encode("b", &Annotations::default()).unwrap().starts_with("format = 1\n"));
    }

    #[test]
    fn bad_ratings_and_observations_are_errors_at_their_place() {
        let at = |body: &str| {
            parse(Path::new("b.toml"), "b", &format!("format = 2\nbriefing = \"b\"\n{body}"))
                .unwrap_err()
        };
        let problem = at(&RATING.replace("\"II\"", "\"III\""));
        assert!(problem.contains("b.toml:7:15: error: unknown variant `III`"), "{problem}");
        let problem = at(&RATING.replace("\"claim\"", "\"factor\""));
        assert!(problem.contains("b.toml:4:8: error: unknown variant `factor`"), "{problem}");
        let problem = at(&format!("{RATING}{RATING}"));
        assert!(
            problem.contains(
                "b.toml:8:1: error: a second rating of claim 'c1' under 'h1' (the first is at \
                 line 3)"
            ),
            "{problem}"
        );
        let problem = at(&format!("{OBSERVATION}{OBSERVATION}"));
        assert!(
            problem.contains("b.toml:8:1: error: a second observation with id 'o1'"),
            "{problem}"
        );
        let problem = at(&OBSERVATION.replace("text", "note"));
        assert!(problem.contains("b.toml:6:1: error: unknown field `note`"), "{problem}");
        let problem = at("[[rating]]\nkind = \"claim\"\nitem = \"c1\"\nconsistency = \"C\"\n");
        assert!(problem.contains("missing field `hypothesis`"), "{problem}");
    }

    #[test]
    fn a_rating_written_while_another_reader_wrote_one_keeps_both() {
        let (_dir, mut store) = store_with("format = 1\nbriefing = \"b\"\n");
        let rate = |item: &str, c| {
            super::super::Update::Rating(super::super::RatingChange {
                key: super::super::RatingKey {
                    kind: super::super::ItemKind::Counterpoint,
                    item: item.into(),
                    hypothesis: "h".into(),
                },
                consistency: c,
            })
        };
        let mut other = NoteStore::new(_dir.path(), "b");
        other.write(&[rate("k1", Some(crate::briefing::Consistency::Consistent))], now()).unwrap();
        let (file, _) =
            store.write(&[rate("k2", Some(crate::briefing::Consistency::Neutral))], now()).unwrap();
        assert_eq!(file.ratings.len(), 2, "merged, not clobbered");
        let (file, _) = store.write(&[rate("k1", None)], now()).unwrap();
        assert_eq!(file.ratings.len(), 1, "cleared");
    }

    const CLAIM: &str = "[[claim]]\nid = \"my-chips-lag\"\ntext = \"Chips lag by five years.\"\n\
                         kind = \"assessment\"\nsection = \"s1\"\nexact = \"chips lag\"\n\
                         prefix = \"the \"\nsuffix = \" behind\"\nstart = 4\nend = 13\n\
                         created = 2026-12-01T00:00:00Z\nupdated = 2026-12-01T00:00:00Z\n";
    const COUNTERPOINT: &str = "[[counterpoint]]\nid = \"my-controls-bite\"\n\
                                claims = [\"c1\", \"my-chips-lag\"]\ntext = \"Controls bite.\"\n\
                                by = \"a colleague\"\ncreated = 2026-12-01T00:00:00Z\n\
                                updated = 2026-12-01T00:00:00Z\n";

    #[test]
    fn own_claims_and_counterpoints_need_format_2_and_round_trip() {
        for (table, name) in [(CLAIM, "[[claim]]"), (COUNTERPOINT, "[[counterpoint]]")] {
            let text = format!("format = 1\nbriefing = \"b\"\n{table}");
            let problem = parse(Path::new("b.toml"), "b", &text).unwrap_err();
            assert!(
                problem.contains(&format!("b.toml:3:1: error: a {name} in a format 1 notes file")),
                "{problem}"
            );
        }
        let text = format!("format = 2\nbriefing = \"b\"\nnote = []\n\n{CLAIM}\n{COUNTERPOINT}");
        let read = parse(Path::new("b.toml"), "b", &text).unwrap();
        let claim = &read.own_claims["my-chips-lag"];
        assert_eq!(claim.kind, Some(crate::briefing::ClaimKind::Assessment));
        assert_eq!((claim.exact.as_str(), claim.start, claim.end), ("chips lag", 4, 13));
        let counterpoint = &read.own_counterpoints["my-controls-bite"];
        assert_eq!(counterpoint.claims, ["c1", "my-chips-lag"]);
        assert_eq!(counterpoint.by.as_deref(), Some("a colleague"));
        assert_eq!(encode("b", &read).unwrap(), text, "written back byte for byte");
        let mut claims_only = read.clone();
        claims_only.own_counterpoints.clear();
        assert!(encode("b", &claims_only).unwrap().starts_with("format = 2\n"), "a claim alone");
        let mut gone = read.clone();
        gone.own_claims.clear();
        assert!(encode("b", &gone).unwrap().starts_with("format = 2\n"), "a counterpoint alone");
        gone.own_counterpoints.clear();
        assert!(encode("b", &gone).unwrap().starts_with("format = 1\n"), "neither: format 1");
    }

    #[test]
    fn bad_own_claims_and_counterpoints_are_errors_at_their_place() {
        let at = |body: &str| {
            parse(Path::new("b.toml"), "b", &format!("format = 2\nbriefing = \"b\"\n{body}"))
                .unwrap_err()
        };
        let problem = at(&CLAIM.replace("\"assessment\"", "\"opinion\""));
        assert!(problem.contains("b.toml:6:8: error: unknown variant `opinion`"), "{problem}");
        assert!(problem.contains("`fact`, `assessment`, `forecast`"), "{problem}");
        let problem = at(&format!("{CLAIM}{CLAIM}"));
        assert!(
            problem.contains(
                "b.toml:15:1: error: a second claim with id 'my-chips-lag' (the first is at \
                 line 3)"
            ),
            "{problem}"
        );
        let problem = at(&format!("{COUNTERPOINT}{COUNTERPOINT}"));
        assert!(
            problem
                .contains("b.toml:10:1: error: a second counterpoint with id 'my-controls-bite'"),
            "{problem}"
        );
        let problem = at(&CLAIM.replace("\"my-chips-lag\"", "\"My Chips\""));
        assert!(
            problem.contains("b.toml:3:1: error: claim id 'My Chips' is not an id"),
            "{problem}"
        );
        let problem = at(&COUNTERPOINT.replace("\"my-controls-bite\"", "\"-x\""));
        assert!(
            problem.contains("b.toml:3:1: error: counterpoint id '-x' is not an id"),
            "{problem}"
        );
        let problem = at(&CLAIM.replace("start = 4", "start = 14"));
        assert!(
            problem
                .contains("b.toml:3:1: error: claim 'my-chips-lag': start (14) is after end (13)"),
            "{problem}"
        );
        let problem = at(&CLAIM.replace("kind", "label"));
        assert!(problem.contains("b.toml:6:1: error: unknown field `label`"), "{problem}");
        let problem = at(&COUNTERPOINT.replace("text = \"Controls bite.\"\n", ""));
        assert!(problem.contains("missing field `text`"), "{problem}");
        let problem = at(&COUNTERPOINT.replace("[\"c1\", \"my-chips-lag\"]", "\"c1\""));
        assert!(problem.contains("b.toml:5:10: error: invalid type"), "{problem}");
    }

    #[test]
    fn factor_links_need_format_2_and_round_trip() {
        let note = format!("[[note]]\nclaim = \"c1\"\nfactors = [\"tools\", \"talent\"]\n{NOTE}");
        let problem =
            parse(Path::new("b.toml"), "b", &format!("format = 1\nbriefing = \"b\"\n{note}"))
                .unwrap_err();
        assert!(
            problem.contains("b.toml:3:1: error: factors on claim 'c1' in a format 1 notes file"),
            "{problem}"
        );
        let text = format!("format = 2\nbriefing = \"b\"\n\n{note}");
        let read = parse(Path::new("b.toml"), "b", &text).unwrap();
        assert_eq!(read.notes["c1"].factors, ["tools", "talent"]);
        assert!(!read.notes["c1"].is_empty(), "a factor link alone is an annotation");
        let written = encode("b", &read).unwrap();
        assert!(written.contains("factors = [\"tools\", \"talent\"]\n"), "{written}");
        assert_eq!(parse(Path::new("b.toml"), "b", &written), Ok(read.clone()));
        let mut plain = read;
        let c1 = plain.notes.get_mut("c1").unwrap();
        (c1.factors, c1.note) = (Vec::new(), "x".into());
        let written = encode("b", &plain).unwrap();
        assert!(written.starts_with("format = 1\n") && !written.contains("factors"), "{written}");
    }
}
