//! The command line: `briefing [FILE|ID]` and its subcommands, parsed with clap, and the
//! subcommands that run without the reader.

mod check;
mod list;

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::briefing::{self, Briefing};
use crate::notes::store::NoteStore;
use crate::{export, import, library};

/// A terminal reader for analytical briefings.
///
/// With no argument, opens the bundled briefing ("China's AI: Innovate or Imitate?").
/// When stdout is not a terminal, prints the briefing as plain text instead.
#[derive(Debug, Default, Parser)]
#[command(name = "briefing", version, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// A briefing file (TOML, format 1), or the id of a briefing in the library.
    pub target: Option<PathBuf>,

    /// Where reading positions and notes are kept.
    /// [default: $XDG_DATA_HOME/briefing, or ~/.local/share/briefing]
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Another folder of briefings for the library (may be given more than once).
    #[arg(long = "library", value_name = "DIR", global = true)]
    pub libraries: Vec<PathBuf>,

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
    /// List the briefings in the library: the bundled one, ./briefings/,
    /// <data>/briefings/ and every --library folder.
    List,
    /// Turn an article (Markdown or plain text) into a briefing skeleton.
    Import {
        /// The article; `-` reads standard input.
        article: PathBuf,
        /// The briefing's id (default: from the title).
        #[arg(long)]
        id: Option<String>,
        /// The briefing's title (default: the article's first heading or line).
        #[arg(long)]
        title: Option<String>,
        /// Write the briefing here (default: standard output). An existing file is not
        /// overwritten unless --force is given.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Overwrite OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export a briefing (file or id) as Markdown, JSON or plain text.
    Export {
        /// A briefing file or id (default: the bundled briefing).
        briefing: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "md")]
        format: export::Format,
        /// Include your stances and notes.
        #[arg(long)]
        notes: bool,
    },
    /// Print your notes on a briefing as Markdown: claim, quote, stance and note, grouped by
    /// section, orphaned notes last.
    Notes {
        /// A briefing file or id (default: the bundled briefing).
        briefing: Option<PathBuf>,
    },
}

impl Args {
    /// The command line, parsed. With no arguments or a briefing alone, as most starts are,
    /// there is nothing for clap to do, and building its command (every subcommand, with its
    /// help) would cost about 0.15 ms of a 2 ms first screen in a fresh process: those two
    /// are read here.
    pub fn from_env() -> Args {
        Args::from_args(std::env::args_os().collect())
    }

    fn from_args(args: Vec<OsString>) -> Args {
        match args.as_slice() {
            [] | [_] => Args::default(),
            [_, target] if is_briefing(target) => {
                Args { target: Some(target.into()), ..Args::default() }
            }
            _ => Args::parse_from(args),
        }
    }

    pub fn data_dir(&self) -> Option<PathBuf> {
        crate::paths::data_dir(self.data_dir.as_deref())
    }

    pub fn library_folders(&self) -> Vec<PathBuf> {
        crate::paths::library_folders(self.data_dir().as_deref(), &self.libraries)
    }

    /// Loads what the user named: a file, an id from the library, or the bundled briefing.
    pub fn resolve(&self, target: Option<&Path>) -> anyhow::Result<(Briefing, Option<PathBuf>)> {
        let Some(target) = target else {
            return Ok((briefing::load_bundled()?.briefing.context("bundled briefing")?, None));
        };
        let looks_like_id =
            !target.exists() && crate::briefing::is_valid_id(&target.to_string_lossy());
        if !looks_like_id {
            let report = briefing::load_cached(target, briefing::Cache::for_user().as_ref())?;
            return Ok((report.briefing.context("invalid briefing")?, Some(target.to_path_buf())));
        }
        let library = library::scan(&self.library_folders(), &self.libraries);
        let entry = library.find(&target.to_string_lossy()).map_err(anyhow::Error::msg)?;
        Ok((library::load(entry)?, entry.path.clone()))
    }
}

/// Whether clap would take a lone argument for the briefing to open: not empty (clap
/// refuses that), not an option, not a subcommand (nor `help`).
fn is_briefing(arg: &OsStr) -> bool {
    !arg.is_empty()
        && !arg.as_encoded_bytes().starts_with(b"-")
        && arg.to_str().is_none_or(|name| name != "help" && !Command::has_subcommand(name))
}

/// Runs a subcommand; returns the process exit code.
pub fn run(args: &Args, command: &Command) -> anyhow::Result<i32> {
    match command {
        Command::Check { paths } => Ok(check::run(paths)),
        Command::List => list::run(args),
        Command::Import { article, id, title, output, force } => {
            import_article(article, id.clone(), title.clone(), output.as_deref(), *force)
        }
        Command::Export { briefing, format, notes } => {
            export_briefing(args, briefing.as_deref(), *format, *notes)
        }
        Command::Notes { briefing } => print_notes(args, briefing.as_deref()),
    }
}

/// Writes to stdout; a closed pipe (`briefing ... | head`) is not an error.
pub fn print(text: &str) -> anyhow::Result<i32> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}

/// The notes of a briefing, or an error when they cannot be read.
fn notebook(args: &Args, b: &Briefing) -> anyhow::Result<crate::notes::Notebook> {
    let Some(dir) = args.data_dir() else {
        anyhow::bail!("no data folder (no HOME): pass --data-dir DIR");
    };
    let (_, book) = NoteStore::open(&dir, &b.id);
    match &book.read_only {
        Some(problem) => anyhow::bail!("{problem}"),
        None => Ok(book),
    }
}

fn print_notes(args: &Args, target: Option<&Path>) -> anyhow::Result<i32> {
    let (b, _) = args.resolve(target)?;
    let book = notebook(args, &b)?;
    print(&export::notes_markdown(&b, &book))
}

fn export_briefing(
    args: &Args,
    target: Option<&Path>,
    format: export::Format,
    with_notes: bool,
) -> anyhow::Result<i32> {
    let (b, _) = args.resolve(target)?;
    let book = if with_notes { Some(notebook(args, &b)?) } else { None };
    print(&export::export(&b, book.as_ref(), format))
}

fn import_article(
    article: &Path,
    id: Option<String>,
    title: Option<String>,
    output: Option<&Path>,
    force: bool,
) -> anyhow::Result<i32> {
    let from_stdin = article == Path::new("-");
    let source = if from_stdin {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .context("reading standard input")?;
        text
    } else {
        briefing::read_article(article).map_err(|d| anyhow::anyhow!("{d}"))?
    };
    let name = (!from_stdin)
        .then(|| article.file_name().map(|n| n.to_string_lossy().into_owned()))
        .flatten();
    let toml = import::import(&source, name.as_deref(), &import::ImportOptions { id, title })?;
    match output {
        None => print(&toml),
        Some(out) => {
            if out.exists() && !force {
                anyhow::bail!(
                    "'{}' exists; pass --force to overwrite it",
                    crate::sanitize::path(out)
                );
            }
            std::fs::write(out, &toml)
                .with_context(|| format!("writing '{}'", crate::sanitize::path(out)))?;
            let shown = crate::sanitize::path(out);
            eprintln!("wrote {shown}: open it with `briefing {shown}`");
            Ok(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::ffi::OsStringExt;

    use super::*;

    fn words(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    /// What `from_args` reads itself is what clap makes of the same command line; what it
    /// does not, clap parses.
    #[test]
    fn the_command_lines_read_without_clap_are_read_as_clap_reads_them() {
        let lines = [
            words(&[]),
            words(&["briefing"]),
            words(&["briefing", "b.toml"]),
            words(&["briefing", "my briefing.toml"]),
            words(&["briefing", "china-ai-innovate-or-imitate"]),
            words(&["briefing", "list"]),
            words(&["briefing", "notes"]),
            words(&["briefing", "-"]),
            words(&["briefing", "--no-mouse"]),
            words(&["briefing", "b.toml", "--no-mouse"]),
            words(&["briefing", "--data-dir", "d", "b.toml"]),
            vec![OsString::from("briefing"), OsString::from_vec(b"\xff.toml".to_vec())],
        ];
        for line in lines {
            let clap = Args::try_parse_from(if line.is_empty() {
                words(&["briefing"])
            } else {
                line.clone()
            });
            let clap = clap.unwrap_or_else(|e| panic!("{line:?}: {e}"));
            assert_eq!(
                format!("{:?}", Args::from_args(line.clone())),
                format!("{clap:?}"),
                "{line:?}"
            );
        }
    }

    #[test]
    fn subcommands_and_options_are_left_to_clap() {
        assert!(is_briefing(OsStr::new("b.toml")));
        for word in ["list", "check", "export", "import", "notes", "help", "-", "--no-mouse", ""] {
            assert!(!is_briefing(OsStr::new(word)), "{word}");
        }
        assert!(matches!(
            Args::from_args(words(&["briefing", "list"])).command,
            Some(Command::List)
        ));
    }
}
