//! `briefing check FILE|DIR...`: every problem of every file on stderr, a summary line per
//! file on stdout, exit 1 when any file has an error. With `--watch`, again after each save.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::briefing::{self, Report};
use crate::diagnostic::Diagnostic;

/// `briefing check`: diagnostics on stderr, one summary line per file on stdout.
pub fn run(paths: &[PathBuf]) -> i32 {
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
        // One write for a file's problems, not one per line (stderr is unbuffered, and a
        // file can have a hundred thousand).
        let mut problems = String::new();
        for d in &report.diagnostics {
            problems.push_str(&format!("{d}\n"));
        }
        let mut err = stderr.lock();
        let _ = err.write_all(problems.as_bytes());
        failed |= report.briefing.is_none();
        // A summary that cannot be written (a full disk, a closed pipe) is a failed check:
        // a script must not read "ok" into silence.
        if let Err(e) = writeln!(stdout.lock(), "{}", summary(&path, &report)) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                let _ = writeln!(err, "briefing: error: cannot write the summary: {e}");
            }
            return 1;
        }
    }
    if let Err(e) = stdout.lock().flush() {
        let _ = writeln!(stderr.lock(), "briefing: error: cannot write the summary: {e}");
        return 1;
    }
    i32::from(failed)
}

/// `briefing check --watch`: checks, then checks again each time one of the files (or a
/// `*.toml` file of a folder) changes, a line with the time before each run, until Ctrl-C
/// (SIGINT ends the process as usual). Waits on the file system's notifications, never on a
/// timer; a save's several events make one run (`watch::DEBOUNCE`).
pub fn watch(paths: &[PathBuf]) -> anyhow::Result<i32> {
    use crate::watch::{DEBOUNCE, Watch};

    let (tx, changes) = std::sync::mpsc::channel();
    let mut watches = Vec::new();
    for path in paths {
        let tx = tx.clone();
        let changed = move || {
            let _ = tx.send(());
        };
        let watch = if path.is_dir() {
            Watch::briefings_in(path, changed)
        } else {
            Watch::start(path, changed)
        };
        let name = crate::sanitize::path(path);
        watches.push(watch.map_err(|why| anyhow::anyhow!("cannot watch '{name}': {why}"))?);
    }
    drop(tx);
    let mut status = run(paths);
    loop {
        say("-- watching for changes (Ctrl-C ends) --");
        // No sender left would mean no watch: nothing more can come.
        if changes.recv().is_err() {
            return Ok(status);
        }
        // The rest of this save's events.
        while changes.recv_timeout(DEBOUNCE).is_ok() {}
        say(&format!("\n== {} ==", crate::notes::store::now()));
        status = run(paths);
    }
}

/// A line on stdout, flushed at once (it is read as it comes, in a terminal or a pipe).
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
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
            // Said only when there are any, so the line for a file without them is unchanged.
            let ratings: usize = b.claims.iter().map(|c| c.ratings.len()).sum::<usize>()
                + b.counterpoints.iter().map(|c| c.ratings.len()).sum::<usize>();
            if !b.hypotheses.is_empty() {
                let n = b.hypotheses.len();
                let hypotheses =
                    format!("{n} {}", if n == 1 { "hypothesis" } else { "hypotheses" });
                line.push_str(&format!(", {hypotheses}, {}", plural(ratings, "rating")));
            }
            let indicators: usize = b.factors.iter().map(|f| f.indicators.len()).sum();
            if indicators > 0 {
                line.push_str(&format!(", {}", plural(indicators, "indicator")));
            }
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
