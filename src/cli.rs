//! The command line: `briefing [FILE|ID]` and its subcommands, parsed with clap, and the
//! subcommands that run without the reader.

pub mod adopt;
mod check;
mod config;
mod list;

use std::ffi::{OsStr, OsString};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand};

use crate::briefing::{self, Briefing};
use crate::notes::store::NoteStore;
use crate::notes::{Filter, Stance};
use crate::{export, import, library};

/// A terminal reader for analytical briefings.
///
/// With no argument, opens the bundled briefing ("China's AI: Innovate or Imitate?").
/// When stdout is not a terminal, prints the briefing as plain text instead.
#[derive(Debug, Default, Parser)]
#[command(name = "briefing", version)]
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
    #[arg(long, global = true)]
    pub no_mouse: bool,

    /// Read keys, theme and layout from FILE (it must exist).
    /// [default: $XDG_CONFIG_HOME/briefing/config.toml, or ~/.config/briefing/config.toml]
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Read no config file: the built-in keys, theme and layout.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,

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
        /// Check again each time a file is saved (until Ctrl-C), each time under a line with
        /// the time.
        #[arg(long)]
        watch: bool,
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
        #[arg(short, long, value_name = "OUT", conflicts_with = "into_library")]
        output: Option<PathBuf>,
        /// Write the briefing into the library folder (<data>/briefings/ID.toml), so that
        /// `briefing ID` opens it. An existing one is not overwritten unless --force is given.
        #[arg(long)]
        into_library: bool,
        /// Overwrite OUT (or the library's file) if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export a briefing (file or id) as Markdown, JSON or plain text, or its TOML source
    /// (a copy of the bundled briefing to edit: `briefing export --format toml > my.toml`), or
    /// your notes and marks on it as W3C Web Annotations.
    Export {
        /// A briefing file or id (default: the bundled briefing).
        briefing: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        /// Include your stances and notes.
        #[arg(long)]
        notes: bool,
    },
    /// The matrix of competing hypotheses: every claim and counterpoint (rows) against the
    /// briefing's hypotheses (columns), the author's ratings, the hypotheses ranked by how much
    /// evidence is inconsistent with each; a briefing without hypotheses gets its factors as
    /// columns.
    Matrix {
        /// A briefing file or id (default: the bundled briefing).
        briefing: Option<PathBuf>,
        /// Your stance on each claim too.
        #[arg(long)]
        notes: bool,
        #[arg(long, value_enum, default_value = "md")]
        format: export::matrix::MatrixFormat,
    },
    /// What is still unexamined in a briefing: claims no counterpoint answers, sections
    /// without claims, factors nothing bears on, items rated under no hypothesis; with
    /// --notes, the claims you have not judged too. A summary line first.
    Gaps {
        /// A briefing file or id (default: the bundled briefing).
        briefing: Option<PathBuf>,
        /// Count and list the claims you have not judged (no stance) too.
        #[arg(long)]
        notes: bool,
    },
    /// Print your notes on a briefing as Markdown: claim, quote, stance and note, grouped by
    /// section, orphaned notes last.
    ///
    /// With --all, the notes of every briefing in the data folder instead, grouped by
    /// briefing, as Markdown or JSON, filtered by stance, tag or text.
    Notes {
        /// A briefing file or id (default: the bundled briefing).
        #[arg(conflicts_with = "all")]
        briefing: Option<PathBuf>,
        /// Every briefing's notes in the data folder.
        #[arg(long)]
        all: bool,
        /// Only notes with this stance (none: without one).
        #[arg(long, value_enum, requires = "all")]
        stance: Option<StanceArg>,
        /// Only notes with this tag (a word written #like-this in the note).
        #[arg(long, value_name = "TAG", requires = "all")]
        tag: Option<String>,
        /// Only notes whose text or claim contains PATTERN (plain text; case matters only
        /// when PATTERN has a capital letter).
        #[arg(long, value_name = "PATTERN", requires = "all")]
        grep: Option<String>,
        #[arg(long, value_enum, default_value = "md", requires = "all")]
        format: export::NotesFormat,
    },
    /// Write your own claims, counterpoints and factor links into a briefing file as its
    /// entries, so a briefing built in the reader can be shared.
    ///
    /// Each own claim becomes a [[claim]] quoting its passage as it reads now (one whose
    /// passage is gone is not adopted, and is listed); each own counterpoint a
    /// [[counterpoint]] (by = "reader" unless it or --by names another); each factor link
    /// an id in the factor's claims = [...]. Ids are yours without "my-" when free. The
    /// file's own text, comments and order stay as they are; the result must pass
    /// `briefing check`, or nothing is written. The previous file is kept as FILE.bak, and
    /// your notes, stances and ratings on what was adopted key to its new ids; the adopted
    /// items leave your own list. Not the bundled briefing: adopt into a copy
    /// (`briefing export --format toml > my.toml`).
    Adopt {
        /// The briefing file, or the id of one in the library.
        briefing: PathBuf,
        /// Print what would change, as a unified diff, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Who your counterpoints are by in the file, when they do not say. [default: reader]
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Print a shell completion script.
    ///
    /// For example, for bash:
    /// `briefing completions bash > ~/.local/share/bash-completion/completions/briefing`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Check the config file, or print the default one or where it is read from.
    ///
    /// Without an option, checks the config the reader would read and reports every problem
    /// as `PATH:LINE:COL: error: MESSAGE` (exit 1). The config is read from
    /// $XDG_CONFIG_HOME/briefing/config.toml (or ~/.config/briefing/config.toml), or
    /// --config FILE.
    Config {
        /// Print the default config: every setting, each with a comment. A good start:
        /// `briefing config --default > ~/.config/briefing/config.toml`.
        #[arg(long)]
        default: bool,
        /// Print where the config is read from.
        #[arg(long, conflicts_with = "default")]
        path: bool,
    },
    /// Print the manual page (roff).
    ///
    /// For example: `briefing man > ~/.local/share/man/man1/briefing.1`, then `man briefing`.
    Man,
}

/// `--format` of `briefing export`: the exports, and the briefing's own source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The whole briefing as Markdown.
    Md,
    /// The briefing (and notes) as JSON, in the shape `docs/export-format.md` documents.
    Json,
    /// The plain-text rendering.
    Text,
    /// The briefing file itself, as it is (for the bundled briefing, the file it was built
    /// from): a copy to edit and open. Notes are never in it.
    Toml,
    /// Your marks and claim notes as W3C Web Annotation JSON-LD (implies --notes).
    W3c,
}

impl ExportFormat {
    fn export(self) -> Option<export::Format> {
        match self {
            ExportFormat::Md => Some(export::Format::Markdown),
            ExportFormat::Json => Some(export::Format::Json),
            ExportFormat::Text => Some(export::Format::Text),
            ExportFormat::W3c => Some(export::Format::W3c),
            ExportFormat::Toml => None,
        }
    }
}

/// `--stance` of `briefing notes --all`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StanceArg {
    Agree,
    Disagree,
    Unsure,
    /// No stance set.
    None,
}

impl StanceArg {
    fn stance(self) -> Option<Stance> {
        match self {
            StanceArg::Agree => Some(Stance::Agree),
            StanceArg::Disagree => Some(Stance::Disagree),
            StanceArg::Unsure => Some(Stance::Unsure),
            StanceArg::None => None,
        }
    }
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
            _ => Args::parse(args).unwrap_or_else(|error| error.exit()),
        }
    }

    /// What clap makes of a command line. Options go anywhere, before or after a subcommand
    /// (they are global), and a subcommand's name is taken for one even after an option: a
    /// briefing and a subcommand together are one too many.
    fn parse(args: Vec<OsString>) -> Result<Args, clap::Error> {
        let args = Args::try_parse_from(args)?;
        if let (Some(target), Some(_)) = (&args.target, &args.command) {
            let message = format!(
                "a briefing ('{}') and a subcommand were both given; a subcommand takes its \
                 briefing after its name",
                crate::sanitize::path(target)
            );
            return Err(Args::command().error(clap::error::ErrorKind::ArgumentConflict, message));
        }
        Ok(args)
    }

    pub fn data_dir(&self) -> Option<PathBuf> {
        crate::paths::data_dir(self.data_dir.as_deref())
    }

    /// Where the config is read from, as --config and --no-config say.
    pub fn config_source(&self) -> crate::config::Source {
        crate::config::Source::new(self.config.as_deref(), self.no_config)
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
        Command::Check { paths, watch: false } => Ok(check::run(paths)),
        Command::Check { paths, watch: true } => check::watch(paths),
        Command::List => list::run(args),
        Command::Import { article, id, title, output, into_library, force } => {
            let into = match (*into_library, output) {
                (true, _) => Destination::Library,
                (false, Some(out)) => Destination::File(out),
                (false, None) => Destination::Stdout,
            };
            import_article(args, article, id.clone(), title.clone(), into, *force)
        }
        Command::Export { briefing, format, notes } => {
            export_briefing(args, briefing.as_deref(), *format, *notes)
        }
        Command::Notes { all: true, stance, tag, grep, format, .. } => {
            let filter = Filter {
                stance: stance.map(StanceArg::stance),
                tag: tag.clone(),
                grep: grep.clone(),
            };
            print_notes_across(args, &filter, *format)
        }
        Command::Notes { briefing, .. } => print_notes(args, briefing.as_deref()),
        Command::Gaps { briefing, notes } => print_gaps(args, briefing.as_deref(), *notes),
        Command::Matrix { briefing, notes, format } => {
            let (b, _) = args.resolve(briefing.as_deref())?;
            let book = if *notes { Some(notebook(args, &b)?) } else { None };
            print(&export::matrix::render(&b, book.as_ref(), *format))
        }
        Command::Adopt { briefing, dry_run, by } => {
            adopt::run(args, briefing, adopt::Options { dry_run: *dry_run, by: by.as_deref() })
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Args::command(), "briefing", &mut script);
            write_out(&script)
        }
        Command::Config { default, path } => config::run(args, *default, *path),
        Command::Man => write_out(man_page()?.as_bytes()),
    }
}

/// Writes to stdout; a closed pipe (`briefing ... | head`) is not an error.
pub fn print(text: &str) -> anyhow::Result<i32> {
    write_out(text.as_bytes())
}

/// The manual page, in roff, from the same command line clap reads. It starts with its `.TH`
/// line, as man pages do (roff's definitions for quotes come after it).
fn man_page() -> anyhow::Result<String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Args::command()).render(&mut page)?;
    let page = String::from_utf8(page)?;
    let (mut title, mut rest) = (String::new(), String::new());
    for line in page.split_inclusive('\n') {
        if title.is_empty() && line.starts_with(".TH ") {
            title.push_str(line);
        } else {
            rest.push_str(line);
        }
    }
    Ok(title + &rest)
}

/// Writes `bytes` to stdout; a reader that went away (`| head`) is not an error.
fn write_out(bytes: &[u8]) -> anyhow::Result<i32> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
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

/// `briefing gaps`: the summary, then one line per gap under its section's heading.
fn print_gaps(args: &Args, target: Option<&Path>, with_notes: bool) -> anyhow::Result<i32> {
    let (b, _) = args.resolve(target)?;
    let book = if with_notes { Some(notebook(args, &b)?) } else { None };
    let gaps = crate::notes::gaps::find(&b, book.as_ref());
    let mut out = format!("Gaps in {}: {}\n", b.title, gaps.summary());
    // A heading whenever the section changes (`None`: the factors, last).
    let mut heading: Option<Option<crate::briefing::SectionIx>> = None;
    for gap in &gaps.gaps {
        let here = gap.section(&b);
        if heading != Some(here) {
            out.push('\n');
            match here {
                Some(s) => out.push_str(&format!("§{s} {}\n", b.sections[s].title)),
                None => out.push_str("Factors\n"),
            }
            heading = Some(here);
        }
        out.push_str(&format!("  - {}: {}\n", gap.what(), gap.about(&b)));
    }
    if gaps.gaps.is_empty() {
        out.push_str("\nNothing left unexamined.\n");
    }
    print(&crate::sanitize::multi_line(&out))
}

fn print_notes(args: &Args, target: Option<&Path>) -> anyhow::Result<i32> {
    let (b, _) = args.resolve(target)?;
    let book = notebook(args, &b)?;
    print(&export::notes_markdown(&b, &book))
}

/// `briefing notes --all`: every notes file in the data folder, filtered, grouped by
/// briefing (titles from the library). A file that cannot be read is reported on stderr and
/// makes the exit 1; the others are still printed.
fn print_notes_across(
    args: &Args,
    filter: &Filter,
    format: export::NotesFormat,
) -> anyhow::Result<i32> {
    let Some(data) = args.data_dir() else {
        anyhow::bail!("no data folder: set --data-dir, XDG_DATA_HOME or HOME");
    };
    let dir = crate::paths::notes_dir(&data);
    let mut ids = Vec::new();
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let path = entry.path();
                let is_file = entry.file_type().is_ok_and(|t| t.is_file() || t.is_symlink());
                if !is_file || path.extension().is_none_or(|e| e != "toml") {
                    continue;
                }
                match path.file_stem().and_then(OsStr::to_str) {
                    Some(id) if briefing::is_valid_id(id) => ids.push(id.to_string()),
                    _ => {}
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => anyhow::bail!("reading '{}': {e}", crate::sanitize::path(&dir)),
    }
    ids.sort();
    let library = library::scan(&args.library_folders(), &args.libraries);
    let mut failed = false;
    let mut groups = Vec::new();
    for id in ids {
        let mut store = NoteStore::new(&data, &id);
        let notes = match store.load() {
            Ok(notes) => notes,
            Err(problem) => {
                eprintln!("briefing: warning: notes of '{id}' not read: {problem}");
                failed = true;
                continue;
            }
        };
        let title = library.entries.iter().find(|e| e.id == id).map(|e| e.title.clone());
        let notes =
            notes.notes.into_values().filter(|n| !n.is_empty() && filter.matches(n)).collect();
        groups.push(export::BriefingNotes { id, title, notes });
    }
    let code = print(&export::notes_across(&groups, &filter.describe(), format))?;
    Ok(if failed { 1 } else { code })
}

fn export_briefing(
    args: &Args,
    target: Option<&Path>,
    format: ExportFormat,
    with_notes: bool,
) -> anyhow::Result<i32> {
    let (b, path) = args.resolve(target)?;
    let Some(format) = format.export() else {
        if with_notes {
            anyhow::bail!("--notes: a briefing file holds no notes; export them as md or json");
        }
        let source = match path {
            None => briefing::BUNDLED.to_string(),
            Some(path) => briefing::read_source(&path).map_err(|d| anyhow::anyhow!("{d}"))?,
        };
        // Into a file, the copy is exact; on a terminal, nothing in it may act on the
        // terminal (TOML allows C1 controls and bidi overrides in comments and strings).
        return if std::io::stdout().is_terminal() {
            print(&crate::sanitize::multi_line(&source))
        } else {
            print(&source)
        };
    };
    let with_notes = with_notes || format.is_notes_only();
    let book = if with_notes { Some(notebook(args, &b)?) } else { None };
    print(&export::export(&b, book.as_ref(), format))
}

/// Where an imported briefing goes.
enum Destination<'a> {
    Stdout,
    File(&'a Path),
    /// `<data>/briefings/<id>.toml`.
    Library,
}

fn import_article(
    args: &Args,
    article: &Path,
    id: Option<String>,
    title: Option<String>,
    into: Destination<'_>,
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
    // The whole path, so that a `README.md` can be titled by its folder.
    let name = (!from_stdin)
        .then(|| std::path::absolute(article).unwrap_or_else(|_| article.to_path_buf()));
    let name = name.map(|n| n.to_string_lossy().into_owned());
    let options = import::ImportOptions { id, title };
    let (toml, id) = import::import_with_id(&source, name.as_deref(), &options)?;
    let (out, open_with) = match into {
        Destination::Stdout => return print(&toml),
        Destination::File(out) => (out.to_path_buf(), crate::sanitize::path(out)),
        Destination::Library => {
            let Some(data) = args.data_dir() else {
                anyhow::bail!("no data folder: set HOME or XDG_DATA_HOME, or pass --data-dir DIR");
            };
            let folder = crate::paths::user_library(&data);
            std::fs::create_dir_all(&folder).with_context(|| {
                format!("creating the library folder '{}'", crate::sanitize::path(&folder))
            })?;
            (folder.join(format!("{id}.toml")), id)
        }
    };
    if out.exists() && !force {
        anyhow::bail!("'{}' exists; pass --force to overwrite it", crate::sanitize::path(&out));
    }
    std::fs::write(&out, &toml)
        .with_context(|| format!("writing '{}'", crate::sanitize::path(&out)))?;
    eprintln!("wrote {}: open it with `briefing {open_with}`", crate::sanitize::path(&out));
    Ok(0)
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

    /// Every global option, before the subcommand and after it, reads the same.
    #[test]
    fn global_options_work_before_and_after_every_subcommand() {
        let subcommands: [&[&str]; 12] = [
            &["check", "b.toml"],
            &["adopt", "b.toml"],
            &["list"],
            &["import", "a.md"],
            &["export", "--format", "md"],
            &["notes"],
            &["notes", "b.toml"],
            &["gaps", "b.toml"],
            &["matrix", "b.toml"],
            &["completions", "bash"],
            &["config", "--path"],
            &["man"],
        ];
        let options: [&[&str]; 5] = [
            &["--data-dir", "d"],
            &["--library", "l"],
            &["--no-mouse"],
            &["--config", "c.toml"],
            &["--no-config"],
        ];
        // Every subcommand is in the list.
        let named: Vec<&str> = subcommands.iter().map(|s| s[0]).collect();
        for sub in Args::command().get_subcommands() {
            assert!(named.contains(&sub.get_name()), "{} is not tried", sub.get_name());
        }
        for sub in subcommands {
            for option in options {
                let before = [&["briefing"], option, sub].concat();
                let after = [&["briefing"], sub, option].concat();
                let (before, after) = (Args::parse(words(&before)), Args::parse(words(&after)));
                let (before, after) = (before.unwrap(), after.unwrap());
                assert_eq!(format!("{before:?}"), format!("{after:?}"), "{option:?} {sub:?}");
                assert!(before.command.is_some() && before.target.is_none(), "{option:?} {sub:?}");
                assert!(
                    before.data_dir.is_some()
                        || !before.libraries.is_empty()
                        || before.no_mouse
                        || before.config.is_some()
                        || before.no_config,
                    "{option:?} {sub:?} was dropped"
                );
            }
        }
    }

    #[test]
    fn a_briefing_and_a_subcommand_together_are_refused() {
        let error = Args::parse(words(&["briefing", "b.toml", "list"])).unwrap_err();
        assert_eq!(error.kind(), clap::error::ErrorKind::ArgumentConflict);
        assert!(error.to_string().contains("'b.toml'"), "{error}");
        // A briefing alone, with options anywhere, is still a briefing.
        let args = Args::parse(words(&["briefing", "--no-mouse", "b.toml", "--data-dir", "d"]));
        let args = args.unwrap();
        assert_eq!(args.target.as_deref(), Some(Path::new("b.toml")));
        assert!(args.no_mouse && args.command.is_none());
    }

    #[test]
    fn completions_name_every_subcommand_in_every_shell() {
        use clap::ValueEnum;
        for shell in clap_complete::Shell::value_variants() {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Args::command(), "briefing", &mut script);
            let script = String::from_utf8(script).unwrap();
            for sub in Args::command().get_subcommands() {
                assert!(script.contains(sub.get_name()), "{shell}: no {}", sub.get_name());
            }
            assert!(script.contains("data-dir"), "{shell}: no --data-dir");
        }
    }

    #[test]
    fn the_man_page_starts_with_its_title_and_has_every_subcommand() {
        let page = man_page().unwrap();
        assert!(page.starts_with(".TH briefing 1 "), "{}", &page[..80.min(page.len())]);
        assert_eq!(page.matches(".TH ").count(), 1);
        for sub in Args::command().get_subcommands() {
            assert!(page.contains(sub.get_name()), "no {}", sub.get_name());
        }
        assert!(page.contains(".SH OPTIONS"));
    }

    #[test]
    fn subcommands_and_options_are_left_to_clap() {
        assert!(is_briefing(OsStr::new("b.toml")));
        for word in [
            "list",
            "check",
            "export",
            "import",
            "notes",
            "adopt",
            "completions",
            "config",
            "man",
            "help",
            "-",
            "--no-mouse",
            "",
        ] {
            assert!(!is_briefing(OsStr::new(word)), "{word}");
        }
        assert!(matches!(
            Args::from_args(words(&["briefing", "list"])).command,
            Some(Command::List)
        ));
    }
}
