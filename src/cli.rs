//! The command line: `briefing [FILE]` and its subcommands, parsed with clap, and the
//! subcommands that run without the reader (`check`).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::briefing::{self, Report};
use crate::diagnostic::Diagnostic;

/// A terminal reader for analytical briefings.
///
/// With no FILE, opens the bundled briefing ("China's AI: Innovate or Imitate?").
/// When stdout is not a terminal, prints the briefing as plain text instead.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Briefing file to open (TOML, format 1). Defaults to the bundled briefing.
    pub file: Option<PathBuf>,

    /// Where reading positions (and notes) are kept.
    /// [default: $XDG_DATA_HOME/briefing, or ~/.local/share/briefing]
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Do not capture the mouse (lets the terminal select text as usual).
    #[arg(long)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check briefing files (or folders of them) and report every problem.
    ///
    /// Exits 0 when every file is valid, 1 when any has an error. Warnings do not fail.
    Check {
        /// Files or folders (a folder's *.toml files are checked).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print your notes on a briefing as Markdown: claim, quote, stance and note, grouped by
    /// section, orphaned notes last.
    Notes {
        /// Briefing file (defaults to the bundled briefing).
        briefing: Option<PathBuf>,
    },
}

/// Runs a subcommand; returns the process exit code.
pub fn run(command: Command, data_dir: Option<&Path>) -> anyhow::Result<i32> {
    match command {
        Command::Check { paths } => Ok(check(&paths)),
        Command::Notes { briefing } => notes(briefing.as_deref(), data_dir),
    }
}

/// `briefing notes`: the notes of one briefing as Markdown on stdout.
fn notes(path: Option<&Path>, data_dir: Option<&Path>) -> anyhow::Result<i32> {
    let report = match path {
        Some(path) => briefing::load(path)?,
        None => briefing::load_bundled()?,
    };
    let Some(briefing) = report.briefing else { return Ok(1) };
    let Some(dir) = crate::resume::data_dir(data_dir) else {
        anyhow::bail!("no data folder (no HOME): pass --data-dir DIR");
    };
    let (_, book) = crate::notes::store::NoteStore::open(&dir, &briefing.id);
    if let Some(problem) = &book.read_only {
        anyhow::bail!("{problem}");
    }
    let text = crate::notes::markdown::render(&briefing, &book);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}

/// `briefing check`: diagnostics on stderr, one summary line per file on stdout.
fn check(paths: &[PathBuf]) -> i32 {
    let mut failed = false;
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    for path in expand(paths) {
        let report = match path {
            Ok(path) => match briefing::read_source(&path) {
                Ok(text) => (path.clone(), briefing::check_text(&path, &text)),
                Err(d) => (path, Report { briefing: None, diagnostics: vec![d] }),
            },
            Err(d) => (d.path.clone(), Report { briefing: None, diagnostics: vec![d] }),
        };
        let (path, report) = report;
        let mut err = stderr.lock();
        for d in &report.diagnostics {
            let _ = writeln!(err, "{d}");
        }
        failed |= report.briefing.is_none();
        let _ = writeln!(stdout.lock(), "{}", summary(&path, &report));
    }
    i32::from(failed)
}

/// Files named directly, plus the `*.toml` files of each folder named (sorted).
fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, Diagnostic>> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(Ok(path.clone()));
            continue;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                out.push(Err(Diagnostic::file_error(path, format!("cannot read folder: {e}"))));
                continue;
            }
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && !p.is_dir())
            .collect();
        files.sort();
        if files.is_empty() {
            out.push(Err(Diagnostic::file_error(
                path,
                "folder holds no .toml files, expected briefing files",
            )));
        }
        out.extend(files.into_iter().map(Ok));
    }
    out
}

fn summary(path: &Path, report: &Report) -> String {
    let name = crate::sanitize::single_line(&path.to_string_lossy()).into_owned();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match &report.briefing {
        Some(b) => {
            let mut line = format!(
                "{name}: ok: {}, {}, {}, {}",
                plural(b.sections.len(), "section"),
                plural(b.claims.len(), "claim"),
                plural(b.counterpoints.len(), "counterpoint"),
                plural(b.factors.len(), "factor"),
            );
            if report.warnings() > 0 {
                line.push_str(&format!(" ({})", plural(report.warnings(), "warning")));
            }
            line
        }
        None => format!(
            "{name}: FAILED: {}, {}",
            plural(report.errors(), "error"),
            plural(report.warnings(), "warning")
        ),
    }
}
