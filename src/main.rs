//! Entry point: parse arguments, load before touching the terminal, then read or print.

use std::io::Write;
use std::process::ExitCode;

use briefing::briefing::{LoadError, Report, load, load_bundled};
use briefing::cli::{self, Args};
use briefing::plain;
use clap::Parser;

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
        return Ok(u8::try_from(cli::run(command)?).unwrap_or(1));
    }
    // Load before the terminal changes mode, so errors print on a normal screen.
    let Report { briefing, .. } = match &args.file {
        Some(path) => load(path)?,
        None => load_bundled()?,
    };
    let Some(briefing) = briefing else {
        return Ok(1);
    };
    let text = plain::render(&briefing);
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`briefing | head`) is not an error worth a message.
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}
