//! The reader's I/O thread: the notes file (read, written under its lock, watched for
//! changes made elsewhere, failed writes tried again) and the library scan. The UI thread
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

use crate::library;
use crate::notes::Update;
use crate::notes::store::{self, NoteStore};
use crate::tui::app::{LibraryRow, LibraryScan, Message};

/// How often the notes file is checked for changes made elsewhere (another reader, a sync
/// tool), and a failed write tried again.
const CHECK: Duration = Duration::from_secs(1);
/// How long closing a briefing waits for its last write (a write waits up to 3 s for the
/// lock, and may be retried once).
const FLUSH_WAIT: Duration = Duration::from_secs(10);

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
        let state = Box::new(State::new(outbox, wake));
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
        // stuck on a file that never answers must not keep the process from exiting.
        self.jobs = None;
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
}

impl State {
    fn new(out: Sender<Message>, wake: Wake) -> State {
        State {
            out,
            wake,
            store: None,
            id: String::new(),
            unwritten: Vec::new(),
            next_check: Instant::now() + CHECK,
        }
    }

    fn run(mut self, inbox: Receiver<Job>) {
        loop {
            let wait = self.next_check.saturating_duration_since(Instant::now());
            match inbox.recv_timeout(wait) {
                Ok(job) => self.handle(job),
                Err(RecvTimeoutError::Timeout) => {
                    self.next_check = Instant::now() + CHECK;
                    self.check();
                }
                Err(RecvTimeoutError::Disconnected) => return,
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
        }
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
