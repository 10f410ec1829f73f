//! The reader's I/O thread: the notes file (read, written under its lock, watched for
//! changes made elsewhere, failed writes tried again), the library scan, and the briefing's
//! own file (watched: read and checked again when it changes, see `crate::watch`). The UI thread
//! never waits for any of it: it sends a `Job`, and the answer comes back as an app
//! `Message` through the event source, which `wake` tells that something is there.
//!
//! Only the final save when a briefing is closed (`Worker::flush`) is waited for.
//!
//! The thread starts once the loop has drawn its first frame (`Worker::start`): on a 2-core
//! machine its start (the thread, its first allocations, reading the notes) would otherwise
//! share the first frame's time, with the terminal's own process on the other core. Jobs
//! sent before then wait in the channel.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::briefing::{self, Cache};
use crate::library;
use crate::notes::Update;
use crate::notes::store::{self, NoteStore};
use crate::tui::app::{LibraryRow, LibraryScan, Message};
use crate::watch::{DEBOUNCE, Watch};

/// How often the notes file is checked for changes made elsewhere (another reader, a sync
/// tool), and a failed write tried again.
const CHECK: Duration = Duration::from_secs(1);
/// How long closing a briefing waits for its last write (a write waits up to 3 s for the
/// lock, and may be retried once).
const FLUSH_WAIT: Duration = Duration::from_secs(10);
/// The longest a briefing's file that keeps changing (a program writing it bit by bit) waits
/// to be read again.
const RELOAD_AT_MOST: Duration = Duration::from_secs(1);

/// What the worker is asked to do.
#[derive(Debug)]
enum Job {
    /// From now on, the notes of briefing `id` in `data` (`None`: no data folder, no notes).
    Open {
        data: Option<PathBuf>,
        id: String,
    },
    Save(Vec<Update>),
    /// Write these and whatever is still unwritten, once, and say what could not be.
    Flush(Vec<Update>, Sender<Result<(), Unsaved>>),
    ScanLibrary {
        folders: Vec<PathBuf>,
        required: Vec<PathBuf>,
        data: Option<PathBuf>,
    },
    /// From now on, watch the briefing's file at this path (`None`: there is none).
    Watch(Option<PathBuf>),
    /// The watch saw an event on the file (sent from the watcher's thread).
    Touched,
    /// Read the briefing's file again now (the editor `e` started has ended).
    Reload,
    /// The reader is done with the worker: end the loop.
    Stop,
}

/// Changes that could not be written when the briefing was closed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsaved {
    pub error: String,
    pub changes: Vec<Update>,
}

/// Tells the event source that a message is waiting (it may be asleep in `poll`).
pub type Wake = Box<dyn Fn() + Send>;

/// The handle the event loop keeps: jobs go in here, answers come out of `messages`.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    thread: RefCell<Thread>,
}

/// The worker thread: its side until it is started. It is never joined (see `Drop`).
enum Thread {
    Waiting(Box<State>, Receiver<Job>),
    Running,
    /// It could not be started.
    Failed,
}

impl Worker {
    /// The worker, not started yet (`start`). Its answers arrive on the returned receiver;
    /// `wake` is called after each.
    pub fn spawn(wake: Wake) -> (Worker, Receiver<Message>) {
        let (jobs, inbox) = mpsc::channel();
        let (outbox, messages) = mpsc::channel();
        let state = Box::new(State::new(outbox, wake, jobs.clone()));
        (Worker { jobs: Some(jobs), thread: RefCell::new(Thread::Waiting(state, inbox)) }, messages)
    }

    /// Starts the thread, if it is not running yet; jobs sent until now are then done in order.
    pub fn start(&self) -> std::io::Result<()> {
        let mut thread = self.thread.borrow_mut();
        match std::mem::replace(&mut *thread, Thread::Failed) {
            Thread::Waiting(state, inbox) => {
                std::thread::Builder::new()
                    .name("briefing-io".into())
                    .spawn(move || state.run(inbox))?;
            }
            Thread::Running => {}
            Thread::Failed => return Err(std::io::Error::other("the notes thread did not start")),
        }
        *thread = Thread::Running;
        Ok(())
    }

    fn send(&self, job: Job) {
        // A worker that is gone (it panicked) has nothing to answer with; the reader goes on
        // without notes rather than stopping.
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }

    /// Reads the notes of briefing `id` kept in `data` (`Message::NotesRead` answers).
    pub fn open_notes(&self, data: Option<&Path>, id: &str) {
        self.send(Job::Open { data: data.map(Path::to_path_buf), id: id.to_string() });
    }

    /// Writes note changes (`Message::NotesSaved` or `NotesNotSaved` answers).
    pub fn save(&self, changes: Vec<Update>) {
        self.send(Job::Save(changes));
    }

    /// Reads the library (`Message::LibraryScanned` answers).
    pub fn scan_library(&self, folders: &[PathBuf], required: &[PathBuf], data: Option<&Path>) {
        self.send(Job::ScanLibrary {
            folders: folders.to_vec(),
            required: required.to_vec(),
            data: data.map(Path::to_path_buf),
        });
    }

    /// Watches the briefing's file at `path` (`None`: the bundled briefing, nothing to
    /// watch): each change is answered by `Message::BriefingReloaded` or `BriefingBroken`.
    pub fn watch_briefing(&self, path: Option<&Path>) {
        self.send(Job::Watch(path.map(Path::to_path_buf)));
    }

    /// Reads the watched briefing's file again now, if it changed since it was last read.
    pub fn reload_briefing(&self) {
        self.send(Job::Reload);
    }

    /// Writes `changes` and everything still unwritten, waiting for it: the briefing is being
    /// closed. Returns what could not be written.
    pub fn flush(&self, changes: Vec<Update>) -> Result<(), Unsaved> {
        let (reply, answer) = mpsc::channel();
        let (Some(jobs), Ok(())) = (&self.jobs, self.start()) else {
            return Err(Unsaved { error: "the notes thread is gone".into(), changes });
        };
        let sent = changes.clone();
        if let Err(mpsc::SendError(Job::Flush(changes, _))) = jobs.send(Job::Flush(changes, reply))
        {
            return Err(Unsaved { error: "the notes thread is gone".into(), changes });
        }
        // Longer than a write waits for the lock: a worker stuck on something else (a file
        // that never answers) must not keep the reader from closing.
        answer.recv_timeout(FLUSH_WAIT).unwrap_or_else(|_| {
            Err(Unsaved { error: "the notes could not be written in time".into(), changes: sent })
        })
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop once it has done what it was given. It
        // is not waited for: `flush` already waited for the writes that matter, and a thread
        // stuck on a file that never answers must not keep the process from exiting. The
        // file watch holds a sender too, so the channel alone would not close: say it.
        if let Some(jobs) = self.jobs.take() {
            let _ = jobs.send(Job::Stop);
        }
    }
}

/// The worker thread's side.
struct State {
    out: Sender<Message>,
    wake: Wake,
    store: Option<NoteStore>,
    id: String,
    /// Changes given to write that are not written yet, oldest first.
    unwritten: Vec<Update>,
    next_check: Instant,
    /// For the file watch's events to come back in as jobs.
    jobs: Sender<Job>,
    /// The briefing's file, when there is one.
    watched: Option<Watched>,
}

/// The briefing's file, watched.
struct Watched {
    path: PathBuf,
    /// `None` when the watch could not start (said once).
    _watch: Option<Watch>,
    /// Checked briefings, so a large file read back to a version seen before is not checked
    /// again (and the next open finds this one).
    cache: Option<Cache>,
    /// A hash of the bytes last read, so a save that changed nothing is not checked again.
    read: Option<u64>,
    /// Events came: read it at the first of these (quiet for `DEBOUNCE`, or `RELOAD_AT_MOST`
    /// after the first event).
    due: Option<(Instant, Instant)>,
}

impl State {
    fn new(out: Sender<Message>, wake: Wake, jobs: Sender<Job>) -> State {
        State {
            out,
            wake,
            store: None,
            id: String::new(),
            unwritten: Vec::new(),
            next_check: Instant::now() + CHECK,
            jobs,
            watched: None,
        }
    }

    fn run(mut self, inbox: Receiver<Job>) {
        loop {
            let due =
                self.watched.as_ref().and_then(|w| w.due).map(|(quiet, most)| quiet.min(most));
            let next = due.map_or(self.next_check, |due| due.min(self.next_check));
            let wait = next.saturating_duration_since(Instant::now());
            match inbox.recv_timeout(wait) {
                Ok(Job::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Ok(job) => self.handle(job),
                Err(RecvTimeoutError::Timeout) => {}
            }
            // What is due is done whether the wait timed out or a job came first: a steady
            // stream of jobs (events, saves) must not put a reload or a retry off for ever.
            let now = Instant::now();
            let due =
                self.watched.as_ref().and_then(|w| w.due).map(|(quiet, most)| quiet.min(most));
            if due.is_some_and(|due| due <= now) {
                self.reload();
            }
            if self.next_check <= now {
                self.next_check = now + CHECK;
                self.check();
            }
        }
    }

    fn tell(&self, message: Message) {
        if self.out.send(message).is_ok() {
            (self.wake)();
        }
    }

    fn handle(&mut self, job: Job) {
        match job {
            Job::Open { data, id } => {
                self.unwritten.clear();
                self.id = id;
                self.store = data.map(|dir| NoteStore::new(&dir, &self.id));
                let file = match &mut self.store {
                    Some(store) => store.load(),
                    None => {
                        Err("no data folder (no HOME): pass --data-dir DIR to keep notes".into())
                    }
                };
                self.tell(Message::NotesRead { briefing: self.id.clone(), file });
            }
            Job::Save(changes) => {
                self.unwritten.extend(changes);
                self.write();
            }
            Job::Flush(changes, reply) => {
                self.unwritten.extend(changes);
                let result = match self.write() {
                    None => Ok(()),
                    Some(error) => {
                        Err(Unsaved { error, changes: std::mem::take(&mut self.unwritten) })
                    }
                };
                let _ = reply.send(result);
            }
            Job::ScanLibrary { folders, required, data } => {
                let scan = scan_library(&folders, &required, data.as_deref());
                self.tell(Message::LibraryScanned(scan));
            }
            Job::Watch(path) => self.watch(path),
            Job::Touched => {
                if let Some(w) = &mut self.watched {
                    let now = Instant::now();
                    let most = w.due.map_or(now + RELOAD_AT_MOST, |(_, most)| most);
                    w.due = Some((now + DEBOUNCE, most));
                }
            }
            Job::Reload => self.reload(),
            Job::Stop => {}
        }
    }

    /// Watches the briefing's file at `path` in place of the one watched before.
    fn watch(&mut self, path: Option<PathBuf>) {
        // The old watch stops first: its events are not this file's.
        self.watched = None;
        let Some(path) = path else { return };
        let jobs = self.jobs.clone();
        let watch = match Watch::start(&path, move || {
            let _ = jobs.send(Job::Touched);
        }) {
            Ok(watch) => {
                self.tell(Message::Watching(path.clone()));
                Some(watch)
            }
            Err(why) => {
                self.tell(Message::WatchFailed(why));
                None
            }
        };
        let cache = Cache::for_user();
        self.watched = Some(Watched { path, _watch: watch, cache, read: None, due: None });
    }

    /// Reads and checks the briefing's file again, unless its bytes are those read last time,
    /// and says what it holds now.
    fn reload(&mut self) {
        let Some(w) = &mut self.watched else { return };
        w.due = None;
        // Not blocking on a FIFO put in its place, as every file read here.
        let bytes = crate::files::read_regular(&w.path).ok().flatten();
        let read = bytes.as_deref().map(xxhash_rust::xxh3::xxh3_64);
        if read.is_some() && read == w.read {
            return;
        }
        w.read = read;
        let path = w.path.clone();
        let message = match briefing::load_cached(&path, w.cache.as_ref()) {
            Ok(report) => match report.briefing {
                Some(b) => Message::BriefingReloaded { path, briefing: Box::new(b) },
                None => broken(path, &report.diagnostics),
            },
            Err(e) => broken(path, &e.diagnostics),
        };
        self.tell(message);
    }

    /// Every second: try a failed write again, or notice a file changed elsewhere.
    fn check(&mut self) {
        if !self.unwritten.is_empty() {
            self.write();
            return;
        }
        let Some(store) = &mut self.store else { return };
        if store.has_changed() {
            let file = store.load();
            self.tell(Message::NotesRead { briefing: self.id.clone(), file });
        }
    }

    /// Writes what is unwritten and says how it went; returns the error, if any.
    fn write(&mut self) -> Option<String> {
        if self.unwritten.is_empty() {
            return None;
        }
        let Some(store) = &mut self.store else {
            return Some("notes are not kept: no data folder".into());
        };
        let count = self.unwritten.len();
        match store.write(&self.unwritten, store::now()) {
            Ok((notes, kept_both)) => {
                self.unwritten.clear();
                let briefing = self.id.clone();
                self.tell(Message::NotesSaved { briefing, count, notes, kept_both });
                None
            }
            Err(error) => {
                let text = error.to_string();
                self.tell(Message::NotesNotSaved { briefing: self.id.clone(), error });
                Some(text)
            }
        }
    }
}

/// The file's errors as the reader lists them.
fn broken(path: PathBuf, diagnostics: &[crate::diagnostic::Diagnostic]) -> Message {
    let errors = diagnostics.iter().filter(|d| d.is_error());
    let lines = errors.clone().map(ToString::to_string).collect();
    let first_line = errors.filter_map(|d| d.location).map(|(line, _)| line).next();
    Message::BriefingBroken { path, lines, first_line }
}

/// The library, with each briefing's progress and note count (read from `data`).
fn scan_library(folders: &[PathBuf], required: &[PathBuf], data: Option<&Path>) -> LibraryScan {
    let library = library::scan(folders, required);
    let rows = library
        .entries
        .into_iter()
        .map(|entry| {
            let (progress, notes) = match data {
                Some(dir) => {
                    let notes = NoteStore::new(dir, &entry.id).load().map_or(0, |n| n.len());
                    (entry.progress(dir), notes)
                }
                None => (String::new(), 0),
            };
            LibraryRow { entry, progress, notes }
        })
        .collect();
    LibraryScan { rows, problems: library.problems.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_wait_for_the_worker_to_start_then_are_done_in_order() {
        let data = tempfile::tempdir().unwrap();
        let (worker, answers) = Worker::spawn(Box::new(|| {}));
        worker.open_notes(Some(data.path()), "first");
        worker.open_notes(Some(data.path()), "second");
        // No thread yet, so nothing can have answered.
        assert!(answers.try_recv().is_err());
        worker.start().unwrap();
        worker.start().unwrap();
        let briefing = |m: Message| match m {
            Message::NotesRead { briefing, .. } => briefing,
            other => panic!("{other:?}"),
        };
        let next = || answers.recv_timeout(Duration::from_secs(30)).unwrap();
        assert_eq!(briefing(next()), "first");
        assert_eq!(briefing(next()), "second");
    }

    #[test]
    fn closing_a_worker_never_started_still_writes() {
        let data = tempfile::tempdir().unwrap();
        let (worker, _answers) = Worker::spawn(Box::new(|| {}));
        worker.open_notes(Some(data.path()), "never-drawn");
        let change = crate::notes::Change {
            claim: "c1".into(),
            claim_text: "A claim.".into(),
            edit: crate::notes::Edit::SetNote("kept".into()),
        };
        assert_eq!(worker.flush(vec![change.into()]), Ok(()));
        let file = crate::paths::notes_file(data.path(), "never-drawn");
        assert!(std::fs::read_to_string(file).unwrap().contains("kept"));
    }
}
