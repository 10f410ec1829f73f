//! Entry point: parse arguments, load before touching the terminal, then read or print.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use briefing::briefing::LoadError;
use briefing::cli::{self, Args};
use briefing::export::plain;
use briefing::{config, sanitize, tui};

fn main() -> ExitCode {
    match run() {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            let text = match error.downcast_ref::<LoadError>() {
                Some(load) => load.to_string(),
                None => {
                    format!("briefing: error: {}", sanitize::single_line(&format!("{error:#}")))
                }
            };
            // stderr may be a terminal that went away: a message that cannot be shown is not
            // a crash (eprintln! would panic).
            let _ = writeln!(std::io::stderr(), "{text}");
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
    let config = match config::load(&args.config_source()) {
        Ok(config) => config,
        Err(problems) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            return Ok(1);
        }
    };
    let (briefing, source) = args.resolve(args.target.as_deref())?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        // Piped output gets the plain rendering, as `bat` and `glow` do.
        return Ok(u8::try_from(cli::print(&plain::render(&briefing))?).unwrap_or(1));
    }
    let options = tui::Options {
        mouse: !args.no_mouse,
        theme: config.theme(std::env::var_os("NO_COLOR")),
        keymap: config.keymap,
        start: config.start,
        data_dir: args.data_dir(),
        library: (args.library_folders(), args.libraries.clone()),
    };
    let exit = tui::run(briefing, source, &options)?;
    Ok(match exit.signal {
        // Stopped by a signal: exit as the shell expects (128 + the signal's number).
        Some(signal) => u8::try_from(128 + signal).unwrap_or(1),
        // Notes that could not be saved were printed; the exit says it too.
        None if exit.unsaved => 1,
        None => 0,
    })
}
