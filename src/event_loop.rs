//! The only code that reads input, draws, and performs effects. Everything pending is
//! drained before a redraw, so a burst of keys (or a paste) costs one frame.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};

use crate::app::{Action, App, Effect};
use crate::notes::store::{self, NoteStore};
use crate::terminal::{self, Tty};
use crate::theme::Theme;
use crate::{keymap, ui};

/// How often the loop wakes without input, to notice a termination signal.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);
/// How often the notes file is checked for changes made elsewhere (another reader, a sync
/// tool), and a failed save retried.
const NOTES_CHECK: Duration = Duration::from_secs(1);

/// Runs until the user quits or `stop` is set (SIGTERM, SIGHUP, SIGINT).
pub fn run(
    terminal: &mut Tty,
    app: &mut App,
    theme: &Theme,
    stop: &Arc<AtomicBool>,
    mut notes: Option<&mut NoteStore>,
) -> io::Result<()> {
    let mut dirty = true;
    let mut last_check = Instant::now();
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        if last_check.elapsed() >= NOTES_CHECK {
            last_check = Instant::now();
            dirty |= check_notes(app, notes.as_deref_mut());
        }
        if dirty {
            terminal.draw(|frame| ui::render(frame, app, theme))?;
            dirty = false;
        }
        if !poll(SIGNAL_CHECK)? {
            continue;
        }
        loop {
            match event::read()? {
                Event::Paste(text) => {
                    app.paste(&text);
                    dirty = true;
                }
                event => {
                    if let Some(action) = to_action(&event, app) {
                        dirty = true;
                        match app.update(action) {
                            Effect::None => {}
                            Effect::SaveNotes => save_notes(app, notes.as_deref_mut()),
                            Effect::Quit => return Ok(()),
                            Effect::Suspend => terminal::suspend(terminal)?,
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

/// `event::poll`, with a signal interrupting the wait treated as "nothing yet".
fn poll(timeout: Duration) -> io::Result<bool> {
    match event::poll(timeout) {
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
