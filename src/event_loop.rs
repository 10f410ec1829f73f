//! The only code that reads input, draws, and performs effects. Everything pending is
//! drained before a redraw, so a burst of keys (or a paste) costs one frame.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};

use crate::app::{Action, App, Effect};
use crate::terminal::{self, Tty};
use crate::theme::Theme;
use crate::{keymap, ui};

/// How often the loop wakes without input, to notice a termination signal.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// Runs until the user quits or `stop` is set (SIGTERM, SIGHUP, SIGINT).
pub fn run(
    terminal: &mut Tty,
    app: &mut App,
    theme: &Theme,
    stop: &Arc<AtomicBool>,
) -> io::Result<()> {
    let mut dirty = true;
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        if dirty {
            terminal.draw(|frame| ui::render(frame, app, theme))?;
            dirty = false;
        }
        if !poll(SIGNAL_CHECK)? {
            continue;
        }
        loop {
            let Some(action) = to_action(&event::read()?, app) else {
                if poll(Duration::ZERO)? {
                    continue;
                }
                break;
            };
            dirty = true;
            match app.update(action) {
                Effect::None => {}
                Effect::Quit => return Ok(()),
                Effect::Suspend => terminal::suspend(terminal)?,
            }
            if !poll(Duration::ZERO)? {
                break;
            }
        }
    }
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
