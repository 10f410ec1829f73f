//! The only code that reads input, draws, and performs effects. Everything pending is
//! drained before a redraw, so a burst of keys (or a paste) costs one frame.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};

use std::path::PathBuf;

use crate::library::{self, Library};
use crate::notes::store::{self, NoteStore};
use crate::tui::app::{Action, App, Effect};
use crate::tui::terminal::{self, Tty};
use crate::tui::theme::Theme;
use crate::tui::{keymap, ui};

/// How often the loop wakes without input, to notice a termination signal.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);
/// How often the notes file is checked for changes made elsewhere (another reader, a sync
/// tool), and a failed save retried.
const NOTES_CHECK: Duration = Duration::from_secs(1);

/// What the reader runs with, besides the app: how to draw, when to stop, where things are.
pub struct Context<'a> {
    pub theme: &'a Theme,
    /// Set to the signal's number by SIGTERM, SIGHUP and SIGINT.
    pub stop: &'a Arc<AtomicUsize>,
    /// Library folders (`paths::library_folders`), and those the user named with `--library`.
    pub library: (&'a [PathBuf], &'a [PathBuf]),
    pub data_dir: Option<&'a std::path::Path>,
}

/// Why the loop ended.
#[derive(Debug)]
pub enum Outcome {
    Quit,
    /// Stopped by this signal (SIGTERM, SIGHUP, SIGINT).
    Signal(i32),
    /// The user chose another briefing in the library.
    Open(library::Entry),
}

/// Runs until the user quits, picks another briefing, or a signal stops it.
pub fn run(
    terminal: &mut Tty,
    app: &mut App,
    mut notes: Option<&mut NoteStore>,
    cx: &Context,
) -> io::Result<Outcome> {
    let theme = cx.theme;
    let mut library = Library::default();
    let mut redraw = ui::Redraw::All;
    // The text's scroll position on screen, to tell `ui::paint` how far it moved.
    let mut painted_scroll = app.scroll;
    let mut last_check = Instant::now();
    loop {
        if let Some(outcome) = stopped(cx) {
            return Ok(outcome);
        }
        if last_check.elapsed() >= NOTES_CHECK {
            last_check = Instant::now();
            if check_notes(app, notes.as_deref_mut()) {
                redraw = ui::Redraw::All;
            }
        }
        // Line counts, far below isize::MAX.
        let scrolled = app.scroll as isize - painted_scroll as isize;
        ui::paint(terminal, app, theme, redraw, scrolled)?;
        painted_scroll = app.scroll;
        redraw = ui::Redraw::Nothing;
        match poll(SIGNAL_CHECK) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                return Ok(Outcome::Signal(signal_hook::consts::SIGHUP));
            }
            Err(e) => return Err(e),
        }
        loop {
            if let Some(outcome) = stopped(cx) {
                return Ok(outcome);
            }
            match event::read()? {
                Event::Paste(text) => {
                    app.paste(&text);
                    redraw = ui::Redraw::All;
                }
                event => {
                    if let Some(action) = to_action(&event, app) {
                        redraw = redraw.max(ui::redraw_for(app, &action));
                        if let Action::Resize(width, height) = action {
                            terminal.resize(width, height);
                        }
                        match app.update(action) {
                            Effect::None => {}
                            Effect::SaveNotes => save_notes(app, notes.as_deref_mut()),
                            Effect::ScanLibrary => library = show_library(app, cx),
                            Effect::SwitchBriefing(i) => {
                                if let Some(entry) = library.entries.get(i) {
                                    return Ok(Outcome::Open(entry.clone()));
                                }
                            }
                            Effect::Quit => return Ok(Outcome::Quit),
                            Effect::Suspend => {
                                terminal::suspend(terminal)?;
                                // The terminal may have been resized while we were stopped.
                                let area = terminal.area();
                                app.update(Action::Resize(area.width, area.height));
                            }
                        }
                    }
                }
            }
            if !poll(Duration::ZERO)? {
                break;
            }
        }
    }
}

/// The signal that asked the reader to stop, if any.
fn stopped(cx: &Context) -> Option<Outcome> {
    match cx.stop.load(Ordering::SeqCst) {
        0 => None,
        signal => {
            Some(Outcome::Signal(i32::try_from(signal).unwrap_or(signal_hook::consts::SIGTERM)))
        }
    }
}

/// Reads the library and opens its picker, the current briefing selected.
fn show_library(app: &mut App, cx: &Context) -> Library {
    let library = library::scan(cx.library.0, cx.library.1);
    let labels = library
        .entries
        .iter()
        .map(|e| {
            // The open briefing is where the reader is now, not where it was last saved.
            let is_open = e.id == app.briefing.id;
            let progress = match (is_open, cx.data_dir) {
                (true, _) => format!("§{}/{}", app.section + 1, app.briefing.sections.len()),
                (false, Some(d)) => e.progress(d),
                (false, None) => String::new(),
            };
            let notes = match (is_open, cx.data_dir) {
                (true, _) => app.notes.notes.len(),
                (false, Some(d)) => NoteStore::open(d, &e.id).1.notes.len(),
                (false, None) => 0,
            };
            let notes = if notes > 0 { format!(" · ✎ {notes}") } else { String::new() };
            let duplicate = if e.is_duplicate { " · DUPLICATE ID" } else { "" };
            format!("{} · {} · {progress}{notes}{duplicate}", e.title, e.id)
        })
        .collect();
    let current = library.entries.iter().position(|e| e.id == app.briefing.id);
    app.show_library(labels, current);
    if !library.problems.is_empty() {
        app.message = Some(format!(
            "{} file(s) in the library could not be used: see `briefing list`",
            library.problems.len()
        ));
    }
    library
}

/// Writes pending note changes. A failure is kept in the notebook (shown in the status bar)
/// and the changes stay pending, to be retried.
pub fn save_notes(app: &mut App, store: Option<&mut NoteStore>) {
    if let Some(store) = store {
        let _ = store.sync(&mut app.notes, store::now());
    }
}

/// Retries a failed save, or picks up changes another process made. Returns whether
/// anything changed on screen.
fn check_notes(app: &mut App, store: Option<&mut NoteStore>) -> bool {
    let Some(store) = store else { return false };
    if !app.notes.pending.is_empty() {
        let had_error = app.notes.save_error.is_some();
        let _ = store.sync(&mut app.notes, store::now());
        return had_error;
    }
    store.reload_if_changed(&mut app.notes)
}

/// Waits up to `timeout` for an event. A signal interrupting the wait is "nothing yet"; a
/// terminal that went away is an error (`Outcome::Signal(SIGHUP)` for the caller).
///
/// The wait itself is a plain poll(2) on stdin: crossterm's own wait spins forever on a
/// closed tty (it reads end-of-file again and again), so it is only asked once there is
/// something to read, or to collect a resize.
fn poll(timeout: Duration) -> io::Result<bool> {
    let mut fds = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd, its count, and a timeout; poll(2) writes only `revents`.
    let ready = unsafe { libc::poll(&mut fds, 1, millis) };
    if ready > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Err(io::Error::new(io::ErrorKind::BrokenPipe, "the terminal went away"));
    }
    match event::poll(Duration::ZERO) {
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(false),
        other => other,
    }
}

/// Turns a terminal event into an action: keys through the keymap, mouse through `ui`'s
/// geometry, resizes as they are.
fn to_action(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(_) => keymap::action_for(event.as_key_press_event()?, app.mode()),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => ui::mouse_action(app, m.column, m.row, None),
            MouseEventKind::ScrollDown => ui::mouse_action(app, m.column, m.row, Some(true)),
            MouseEventKind::ScrollUp => ui::mouse_action(app, m.column, m.row, Some(false)),
            _ => None,
        },
        _ => None,
    }
}
