//! Entry point: parse arguments, load before touching the terminal, then read or print.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use briefing::app::App;
use briefing::app::{Action, Confirm, Overlay};
use briefing::briefing::{Briefing, LoadError, load, load_bundled};
use briefing::cli::{self, Args};
use briefing::notes::Edit;
use briefing::notes::store::NoteStore;
use briefing::sanitize;
use briefing::{event_loop, plain, resume, terminal, theme};
use clap::Parser;
use ratatui::layout::Rect;

fn main() -> ExitCode {
    match run() {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            match error.downcast_ref::<LoadError>() {
                Some(load) => eprintln!("{load}"),
                None => eprintln!("briefing: error: {error:#}"),
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<u8> {
    let args = Args::parse();
    if let Some(command) = args.command {
        return Ok(u8::try_from(cli::run(command, args.data_dir.as_deref())?).unwrap_or(1));
    }
    // Load before the terminal changes mode, so errors print on a normal screen.
    let report = match &args.file {
        Some(path) => load(path)?,
        None => load_bundled()?,
    };
    let Some(briefing) = report.briefing else {
        return Ok(1);
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return print_plain(&briefing);
    }
    read(briefing, &args)?;
    Ok(0)
}

/// Piped output gets the plain rendering, as `bat` and `glow` do.
fn print_plain(briefing: &Briefing) -> anyhow::Result<u8> {
    let text = plain::render(briefing);
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`briefing | head`) is not an error worth a message.
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}

/// The reader: take the terminal, run the loop, give the terminal back, remember the place.
fn read(briefing: Briefing, args: &Args) -> anyhow::Result<()> {
    let theme = theme::from_env(std::env::var_os("NO_COLOR"));
    let data_dir = resume::data_dir(args.data_dir.as_deref());
    let (width, height) = ratatui::crossterm::terminal::size()?;
    let mut app = App::new(briefing, Rect::new(0, 0, width, height));
    if let Some(at) = data_dir.as_deref().and_then(|dir| resume::load(dir, &app.briefing)) {
        app.restore(at);
    }
    let mut store = match data_dir.as_deref() {
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

    let stop = Arc::new(AtomicBool::new(false));
    for signal in
        [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT]
    {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    terminal::install_panic_hook();
    let result = terminal::enter(!args.no_mouse)
        .and_then(|mut tty| event_loop::run(&mut tty, &mut app, theme, &stop, store.as_mut()));
    terminal::restore();

    // Leaving with a note still open in the editor (a signal, an error): keep what was typed.
    match app.overlay {
        Some(Overlay::Editor(_)) => _ = app.update(Action::SaveNote),
        Some(Overlay::Confirm(Confirm::SaveEdit(_))) => _ = app.update(Action::Yes),
        _ => {}
    }
    event_loop::save_notes(&mut app, store.as_mut());
    let unsaved = !app.notes.pending.is_empty();
    if let Some(error) =
        app.notes.save_error.as_ref().or(app.notes.read_only.as_ref()).filter(|_| unsaved)
    {
        eprintln!("briefing: error: {} note change(s) not saved: {error}", app.notes.pending.len());
        // The words must survive even this: print them where the user can copy them.
        for change in &app.notes.pending {
            if let Edit::SetNote(text) = &change.edit {
                eprintln!(
                    "\nYour unsaved note on claim '{}':\n{}",
                    change.claim,
                    sanitize::multi_line(text)
                );
            }
        }
    }

    if let Some(dir) = data_dir
        && let Err(e) = resume::save(&dir, &app.briefing, app.location())
    {
        eprintln!(
            "briefing: warning: could not save the reading position in '{}': {e}",
            dir.display()
        );
    }
    Ok(result?)
}
