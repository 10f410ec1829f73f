//! The reader in the terminal: app state and its pure `update`, the keymap, the event loop,
//! its input and its worker, layout, rendering (`ui`), the screen and the terminal itself.
//!
//! `run` is the whole reader: take the terminal, read briefings until the user quits, give
//! the terminal back, and say what could not be saved.

pub mod app;
pub mod editor;
pub mod event_loop;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod screen;
pub mod script;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod worker;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::briefing::Briefing;
use crate::notes::{Edit, MarkEdit, OwnClaimEdit, OwnCounterpointEdit, Update, positions};
use crate::{library, sanitize};
use app::{App, Message};
use event_loop::{Context, Outcome};
use worker::Worker;

/// How the reader was asked to run.
pub struct Options {
    pub mouse: bool,
    /// The keys (installed for the whole process as the reader starts), the theme and how
    /// the layout starts: the config's.
    pub keymap: keymap::Keymap,
    pub theme: theme::Theme,
    pub start: layout::Start,
    pub data_dir: Option<PathBuf>,
    /// Library folders, and those the user named (which must exist).
    pub library: (Vec<PathBuf>, Vec<PathBuf>),
}

/// How the reader ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Exit {
    /// The signal that stopped it, if one did.
    pub signal: Option<i32>,
    /// Some note changes could not be saved (they were printed).
    pub unsaved: bool,
}

/// Reads `first` (and whatever the user switches to) until the user quits.
pub fn run(first: Briefing, source: Option<PathBuf>, options: &Options) -> anyhow::Result<Exit> {
    let data_dir = options.data_dir.as_deref();
    keymap::install(options.keymap.clone());
    let cx = Context {
        theme: &options.theme,
        library: (&options.library.0, &options.library.1),
        data_dir,
    };
    let (wake, wake_writer, waker) = input::wake_pipe()?;
    let (worker, answers) = Worker::spawn(waker);
    let mut events = input::TerminalEvents::new(answers, wake, &wake_writer)?;
    terminal::install_panic_hook();
    let (mut tty, told) = terminal::enter(options.mouse)?;
    // The size the terminal gave on entering; asked again for each later briefing.
    let mut told = Some(told);
    let mut next = Some((first, source, None));
    let mut warnings = Vec::new();
    let mut unsaved = false;
    let mut result = Ok(None);
    while let Some((briefing, source, notice)) = next.take() {
        let at = data_dir.and_then(|dir| positions::load(dir, &briefing));
        let review = data_dir.and_then(|dir| positions::review(dir, &briefing.id));
        let mut app = App::new(briefing, tty.area())
            .with_start(options.start)
            .at(at)
            .with_review(review)
            .with_source(source)
            .with_id_seed(id_seed());
        if let Some(notice) = notice {
            app.update(Message::Notice(notice));
        }
        // A terminal larger than the reader draws is told so (the screen is capped already).
        if let Ok((width, height)) = told.take().map_or_else(terminal::size_now, Ok)
            && layout::capped((width, height)) != (width, height)
        {
            app.update(Message::Resize(width, height));
        }
        worker.open_notes(data_dir, &app.briefing().id);
        worker.watch_briefing(app.source());
        let outcome = event_loop::run(&mut tty, &mut events, &mut app, &worker, &cx);
        unsaved |= !close(&mut app, &worker, data_dir, &mut warnings);
        match outcome {
            Ok(Outcome::Quit) => {}
            Ok(Outcome::Signal(signal)) => result = Ok(Some(signal)),
            Ok(Outcome::Open(entry)) => {
                next = Some(match library::load(&entry) {
                    Ok(b) => (b, entry.path.clone(), None),
                    Err(e) => {
                        let why = e.to_string().lines().next().unwrap_or_default().to_string();
                        let notice = format!("could not open {}: {why}", entry.location());
                        let source = app.source().map(Path::to_path_buf);
                        (app.into_briefing(), source, Some(notice))
                    }
                });
            }
            // Writing to a terminal that hung up fails before its SIGHUP may arrive: the same
            // hang-up, not an error to print on it.
            Err(e) if is_hang_up(&e) => result = Ok(Some(signal_hook::consts::SIGHUP)),
            Err(e) => result = Err(e),
        }
    }
    if matches!(result, Ok(Some(signal)) if signal == signal_hook::consts::SIGHUP) {
        // The terminal is gone: dropping `tty` would try to write to it, and print the
        // failure to a stderr that is gone too.
        std::mem::forget(tty);
    } else {
        drop(tty);
    }
    terminal::restore();
    for warning in warnings {
        // stderr may be the closed terminal: a warning that cannot be shown is not a crash.
        let _ = writeln!(std::io::stderr(), "{warning}");
    }
    Ok(Exit { signal: result?, unsaved })
}

/// Saves what must outlive a briefing's session: a note still open in the editor, the note
/// changes not written yet (waiting for them), the reading position. What could not be saved
/// goes to `warnings`, printed once the terminal is restored. Returns whether every note
/// change was saved.
fn close(
    app: &mut App,
    worker: &Worker,
    data_dir: Option<&Path>,
    warnings: &mut Vec<String>,
) -> bool {
    let flushed = worker.flush(app.finish());
    if let Err(unsaved) = &flushed {
        warnings.push(format!(
            "briefing: error: {} note change(s) not saved: {}",
            unsaved.changes.len(),
            sanitize::single_line(&unsaved.error)
        ));
        // The words must survive even this: print them where the user can copy them.
        for change in &unsaved.changes {
            let (what, text) = match change {
                Update::Claim(c) => match &c.edit {
                    Edit::SetNote(text) | Edit::EditNote { text, .. } => {
                        (format!("claim '{}'", sanitize::single_line(&c.claim)), text)
                    }
                    Edit::SetStance(_)
                    | Edit::SetLikelihood(_)
                    | Edit::SetConfidence(_)
                    | Edit::LinkFactor { .. } => {
                        continue;
                    }
                },
                Update::Mark(m) => match &m.edit {
                    MarkEdit::Note { text, .. } => (mark_name(&m.mark), text),
                    MarkEdit::Add => match &m.mark.note {
                        Some(text) => (mark_name(&m.mark), text),
                        None => continue,
                    },
                    _ => continue,
                },
                Update::Observation(o) if o.edit == crate::notes::ObservationEdit::Add => {
                    ("an indicator".to_string(), &o.observation.text)
                }
                Update::OwnClaim(c) => {
                    let what = format!("your claim '{}'", sanitize::single_line(&c.claim.id));
                    match &c.edit {
                        OwnClaimEdit::Add => (what, &c.claim.text),
                        OwnClaimEdit::Text { text, .. } => (what, text),
                        _ => continue,
                    }
                }
                Update::OwnCounterpoint(c) => {
                    let id = sanitize::single_line(&c.counterpoint.id);
                    let what = format!("your counterpoint '{id}'");
                    match &c.edit {
                        OwnCounterpointEdit::Add => (what, &c.counterpoint.text),
                        OwnCounterpointEdit::Text { text, .. } => (what, text),
                        _ => continue,
                    }
                }
                Update::Rating(_) | Update::Observation(_) => continue,
            };
            if !text.is_empty() {
                warnings.push(format!(
                    "\nYour unsaved note on {what}:\n{}",
                    sanitize::multi_line(text)
                ));
            }
        }
    }
    if let Some(dir) = data_dir
        && let Err(e) = positions::save(dir, app.briefing(), app.location(), app.review_position())
    {
        warnings.push(format!(
            "briefing: warning: could not save the reading position in '{}': {}",
            sanitize::single_line(&dir.display().to_string()),
            sanitize::single_line(&e.to_string())
        ));
    }
    flushed.is_ok()
}

/// A mark as the words left on the terminal name it: its passage.
fn mark_name(mark: &crate::notes::Mark) -> String {
    format!("the passage “{}”", sanitize::single_line(&mark.exact))
}

/// What makes this reader's new mark ids its own: its start time and process id.
fn id_seed() -> u64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (secs << 20) ^ u64::from(std::process::id())
}

/// Whether `e` is what writing to a terminal that went away gives: EIO (the pty's other end
/// closed), EPIPE or ENXIO.
fn is_hang_up(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
        || matches!(e.raw_os_error(), Some(code) if code == 5 || code == 6 || code == 32)
}
