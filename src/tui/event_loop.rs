//! The loop: input in, `update`, effects out, draw. Generic over where it draws (any
//! `io::Write` behind a `Screen`) and where its input comes from (`Events`: the terminal and
//! the worker in the reader, a `Script` in tests), so tests run this very loop.
//!
//! Everything pending is drained before a redraw, so a burst of keys (or a paste) costs one
//! frame.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use ratatui::crossterm::event::{Event, MouseButton, MouseEventKind};

use crate::library;
use crate::tui::app::{Action, App, Effect, Message};
use crate::tui::screen::Screen;
use crate::tui::theme::Theme;
use crate::tui::ui::{self, Geometry, Redraw};
use crate::tui::worker::Worker;
use crate::tui::{editor, keymap, theme};

/// One thing the loop is told.
#[derive(Debug)]
pub enum Input {
    /// From the terminal: a key, the mouse, a paste, a resize.
    Terminal(Event),
    /// From the worker (or a test).
    Message(Message),
    /// A signal asked the reader to stop (SIGTERM, SIGHUP, SIGINT), or the terminal went
    /// away (SIGHUP).
    Signal(i32),
}

/// Where the loop's input comes from, and the terminal's job control.
pub trait Events {
    /// The next input, waiting at most `timeout` (`None`: as long as it takes); `None` when
    /// nothing came in time.
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Input>>;

    /// Ctrl-Z: give the terminal back, stop until resumed, take it again. Returns the
    /// terminal's size then.
    fn suspend(&mut self) -> io::Result<(u16, u16)>;

    /// `e`: give the terminal to `editor`, wait for it to end, take the terminal again.
    /// Returns how the editor went (`editor::outcome`) and the terminal's size then.
    fn edit(&mut self, editor: &mut Command) -> io::Result<(Result<(), String>, (u16, u16))>;
}

/// What the loop runs with, besides the app.
pub struct Context<'a> {
    pub theme: &'a Theme,
    /// Library folders (`paths::library_folders`), and those the user named with `--library`
    /// (a missing one is reported).
    pub library: (&'a [PathBuf], &'a [PathBuf]),
    pub data_dir: Option<&'a Path>,
}

impl Context<'static> {
    /// Colours, no library folders, no data folder: for tests and benchmarks.
    pub fn plain() -> Self {
        Context { theme: &theme::COLOR, library: (&[], &[]), data_dir: None }
    }
}

/// Why the loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Quit,
    /// Stopped by this signal.
    Signal(i32),
    /// The user chose another briefing in the library.
    Open(library::Entry),
}

/// Runs until the user quits, picks another briefing, or a signal stops it. Effects that do
/// I/O go to `worker`, started after the first frame; its answers come back through `events`.
pub fn run<W: Write, E: Events>(
    screen: &mut Screen<W>,
    events: &mut E,
    app: &mut App,
    worker: &Worker,
    cx: &Context,
) -> io::Result<Outcome> {
    let mut redraw = Redraw::All;
    let mut geometry = Geometry::default();
    // The text's scroll position on screen, to tell `ui::paint` how far it moved.
    let mut painted_scroll = app.scroll();
    loop {
        // Line counts, far below isize::MAX.
        let scrolled = app.scroll() as isize - painted_scroll as isize;
        ui::paint(screen, app, cx.theme, redraw, scrolled, &mut geometry)?;
        // The first frame is out: now the worker (see `worker`'s notes on why it waits).
        worker.start()?;
        painted_scroll = app.scroll();
        redraw = Redraw::Nothing;
        // Wait for the first input, then take whatever else is already there.
        let mut wait = None;
        while let Some(input) = events.next(wait)? {
            wait = Some(Duration::ZERO);
            let message = match input {
                Input::Signal(signal) => return Ok(Outcome::Signal(signal)),
                Input::Terminal(event) => match to_message(&event, app, &geometry) {
                    Some(message) => message,
                    None => continue,
                },
                Input::Message(message) => message,
            };
            redraw = redraw.max(match &message {
                Message::Action(action) => ui::redraw_for(app, action),
                _ => Redraw::All,
            });
            match app.update(message) {
                Effect::None => {}
                Effect::SaveNotes(changes) => worker.save(changes),
                Effect::ScanLibrary => worker.scan_library(cx.library.0, cx.library.1, cx.data_dir),
                Effect::Open(entry) => return Ok(Outcome::Open(*entry)),
                Effect::Quit => return Ok(Outcome::Quit),
                Effect::Suspend => {
                    let size = events.suspend()?;
                    taken_back(screen, app, size);
                    redraw = Redraw::All;
                }
                Effect::Edit(request) => {
                    // Reading the file for the line blocks this thread, but so does the
                    // editor that is about to take the terminal.
                    let mut command = editor::for_request(&request);
                    let (done, size) = events.edit(&mut command)?;
                    taken_back(screen, app, size);
                    app.update(Message::EditorDone(done));
                    // Whatever the watch saw meanwhile, the file is read again now.
                    worker.reload_briefing();
                    redraw = Redraw::All;
                }
            }
        }
    }
}

/// The terminal is the reader's again, `size` big: what it shows now is unknown, so clear it
/// (the next frame draws it all).
fn taken_back<W: Write>(screen: &mut Screen<W>, app: &mut App, (width, height): (u16, u16)) {
    let (w, h) = crate::tui::layout::capped((width, height));
    screen.resize(w, h);
    app.update(Message::Resize(width, height));
}

/// A terminal event as a message: keys through the keymap, the mouse through the geometry
/// the last frame recorded, resizes and pastes as they are.
fn to_message(event: &Event, app: &App, geometry: &Geometry) -> Option<Message> {
    let action = match event {
        Event::Key(_) => keymap::action_for(event.as_key_press_event()?, app.mode()),
        Event::Resize(width, height) => return Some(Message::Resize(*width, *height)),
        Event::Paste(text) => return Some(Message::Paste(text.clone())),
        Event::Mouse(m) => {
            // On the text a press starts a drag that selects a passage.
            let on_text = matches!(
                geometry.target_at(m.column, m.row),
                Some(crate::tui::ui::Target::Pane(crate::tui::app::Focus::Text))
            );
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) if on_text => {
                    return Some(Message::Action(Action::PressText(m.column, m.row)));
                }
                MouseEventKind::Drag(MouseButton::Left) => {
                    return Some(Message::Action(Action::DragText(m.column, m.row)));
                }
                _ => {}
            }
            let wheel = match m.kind {
                MouseEventKind::Down(MouseButton::Left) => None,
                MouseEventKind::ScrollDown => Some(true),
                MouseEventKind::ScrollUp => Some(false),
                _ => return None,
            };
            geometry.action_at(m.column, m.row, wheel)
        }
        _ => None,
    };
    action.map(Message::Action)
}
