//! Entry point: parse arguments, load before touching the terminal, then read or print.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use briefing::briefing::{Briefing, LoadError};
use briefing::cli::{self, Args};
use briefing::export::plain;
use briefing::notes::Edit;
use briefing::notes::positions as resume;
use briefing::notes::store::NoteStore;
use briefing::tui::app::{Action, App, Confirm, Overlay};
use briefing::tui::event_loop::{self, Context, Outcome};
use briefing::tui::{terminal, theme};
use briefing::{library, sanitize};
use ratatui::layout::Rect;

fn main() -> ExitCode {
    match run() {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            match error.downcast_ref::<LoadError>() {
                Some(load) => eprintln!("{load}"),
                None => {
                    eprintln!("briefing: error: {}", sanitize::single_line(&format!("{error:#}")))
                }
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<u8> {
    let args = Args::from_env();
    if let Some(command) = &args.command {
        return Ok(u8::try_from(cli::run(&args, command)?).unwrap_or(1));
    }
    // Load before the terminal changes mode, so errors print on a normal screen.
    let (briefing, _) = args.resolve(args.target.as_deref())?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        // Piped output gets the plain rendering, as `bat` and `glow` do.
        return Ok(u8::try_from(cli::print(&plain::render(&briefing))?).unwrap_or(1));
    }
    // Stopped by a signal: exit as the shell expects (128 + the signal's number).
    Ok(read(briefing, &args)?.map_or(0, |signal| u8::try_from(128 + signal).unwrap_or(1)))
}

/// The reader: take the terminal, read briefings until the user quits, give it back.
/// Returns the signal that stopped it, if one did.
fn read(first: Briefing, args: &Args) -> anyhow::Result<Option<i32>> {
    let data_dir = args.data_dir();
    let folders: Vec<PathBuf> = args.library_folders();
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in
        [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT]
    {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    let cx = Context {
        theme: theme::from_env(std::env::var_os("NO_COLOR")),
        stop: &stop,
        library: (&folders, &args.libraries),
        data_dir: data_dir.as_deref(),
    };
    terminal::install_panic_hook();
    let mut tty = terminal::enter(!args.no_mouse)?;
    let mut next = Some((first, None));
    let mut warnings = Vec::new();
    let mut result = Ok(None);
    while let Some((briefing, message)) = next.take() {
        let size = tty.area();
        let mut session =
            Session::open(briefing, data_dir.as_deref(), Rect::new(0, 0, size.width, size.height));
        if message.is_some() {
            session.app.message = message;
        }
        let outcome = event_loop::run(&mut tty, &mut session.app, session.store.as_mut(), &cx);
        let app = session.close(data_dir.as_deref(), &mut warnings);
        match outcome {
            Ok(Outcome::Quit) => {}
            Ok(Outcome::Signal(signal)) => result = Ok(Some(signal)),
            Ok(Outcome::Open(entry)) => {
                next = Some(match library::load(&entry) {
                    Ok(b) => (b, None),
                    Err(e) => {
                        let why = e.to_string().lines().next().unwrap_or_default().to_string();
                        (app.briefing, Some(format!("could not open {}: {why}", entry.location())))
                    }
                });
            }
            Err(e) => result = Err(e),
        }
    }
    if matches!(result, Ok(Some(signal)) if signal == signal_hook::consts::SIGHUP) {
        // The terminal is gone: dropping `tty` would try to show the cursor on it and print
        // the failure to a stderr that is gone too.
        std::mem::forget(tty);
    } else {
        drop(tty);
    }
    terminal::restore();
    for warning in warnings {
        // stderr may be the closed terminal: a warning that cannot be shown is not a crash.
        let _ = writeln!(std::io::stderr(), "{warning}");
    }
    Ok(result?)
}

/// One briefing open in the reader: the app, its notes, and where it was left.
struct Session {
    app: App,
    store: Option<NoteStore>,
}

impl Session {
    fn open(briefing: Briefing, data_dir: Option<&std::path::Path>, screen: Rect) -> Session {
        let mut app = App::new(briefing, screen);
        if let Some(at) = data_dir.and_then(|dir| resume::load(dir, &app.briefing)) {
            app.restore(at);
        }
        let store = match data_dir {
            Some(dir) => {
                let (store, notes) = NoteStore::open(dir, &app.briefing.id);
                app.notes = notes;
                app.message = app.notes.read_only.clone();
                Some(store)
            }
            None => {
                app.notes.read_only =
                    Some("no data folder (no HOME): pass --data-dir DIR to keep notes".into());
                None
            }
        };
        Session { app, store }
    }

    /// Saves what must outlive the session: a note still open in the editor, pending note
    /// changes, the reading position. What could not be saved goes to `warnings`, to print
    /// once the terminal is restored.
    fn close(mut self, data_dir: Option<&std::path::Path>, warnings: &mut Vec<String>) -> App {
        let app = &mut self.app;
        match app.overlay {
            Some(Overlay::Editor(_)) => _ = app.update(Action::SaveNote),
            Some(Overlay::Confirm(Confirm::SaveEdit(_))) => _ = app.update(Action::Yes),
            _ => {}
        }
        event_loop::save_notes(app, self.store.as_mut());
        let unsaved = !app.notes.pending.is_empty();
        if let Some(error) =
            app.notes.save_error.as_ref().or(app.notes.read_only.as_ref()).filter(|_| unsaved)
        {
            warnings.push(format!(
                "briefing: error: {} note change(s) not saved: {error}",
                app.notes.pending.len()
            ));
            // The words must survive even this: print them where the user can copy them.
            for change in &app.notes.pending {
                if let Edit::SetNote(text) = &change.edit {
                    warnings.push(format!(
                        "\nYour unsaved note on claim '{}':\n{}",
                        change.claim,
                        sanitize::multi_line(text)
                    ));
                }
            }
        }
        if let Some(dir) = data_dir
            && let Err(e) = resume::save(dir, &app.briefing, app.location())
        {
            warnings.push(format!(
                "briefing: warning: could not save the reading position in '{}': {e}",
                dir.display()
            ));
        }
        self.app
    }
}

/// The one function of libm the binary calls (ratatui-textarea counts a line number's digits
/// with `f64::log10`), from the pure-Rust libm crate: defined here, it keeps libm.so from
/// being loaded at every start, about 85 µs of a 2 ms first screen (see `build.rs`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(no_mangle)]
pub extern "C" fn log10(x: f64) -> f64 {
    libm::log10(x)
}
