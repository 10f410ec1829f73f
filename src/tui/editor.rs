//! `e`: which editor, and how it is started on the briefing's file at a line.
//!
//! The editor is `$VISUAL`, else `$EDITOR`, else `vi` (an empty variable counts as unset).
//! Its value may carry arguments (`EDITOR="code -w"`): it is split at whitespace, as a shell
//! would split a simple command; quotes are not interpreted. The file is given as
//! `+LINE FILE`, which vi, vim, neovim, nano, emacs, micro, kakoune and most others take.
//! The loop hands the terminal over while it runs (`Events::edit`).

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::Command;

use crate::briefing::locate;
use crate::tui::app::EditRequest;

/// The editor when neither variable is set.
pub const FALLBACK: &str = "vi";

/// The editor's words from `$VISUAL` and `$EDITOR` (in that order of preference): the program
/// and its own arguments.
pub fn words(visual: Option<&OsStr>, editor: Option<&OsStr>) -> Vec<OsString> {
    let chosen = [visual, editor].into_iter().flatten().find(|v| !v.is_empty());
    let split: Vec<OsString> = match chosen.and_then(OsStr::to_str) {
        Some(text) => text.split_whitespace().map(OsString::from).collect(),
        // Not UTF-8: taken whole, as a program's path.
        None => chosen.map(|v| vec![v.to_os_string()]).unwrap_or_default(),
    };
    if split.is_empty() { vec![OsString::from(FALLBACK)] } else { split }
}

/// The line to open the file at: the one asked for, else where the first of the request's
/// items is in the file as it is now, else the first.
pub fn line(request: &EditRequest) -> usize {
    if let Some(line) = request.line {
        return line.max(1);
    }
    // The file as the editor will see it, which may have changed since it was loaded.
    let text = crate::briefing::read_source(&request.path).unwrap_or_default();
    locate::line_of(&text, &request.items).unwrap_or(1)
}

/// The command that opens `path` at `line` with the editor named by `words`.
pub fn command(words: &[OsString], line: usize, path: &Path) -> Command {
    let (program, args) =
        words.split_first().map_or((OsStr::new(FALLBACK), &[][..]), |(p, a)| (p.as_os_str(), a));
    let mut command = Command::new(program);
    command.args(args).arg(format!("+{line}")).arg(path);
    command
}

/// The command for `request`, with the editor the environment names.
pub fn for_request(request: &EditRequest) -> Command {
    let words = words(std::env::var_os("VISUAL").as_deref(), std::env::var_os("EDITOR").as_deref());
    command(&words, line(request), &request.path)
}

/// How an editor run went, for the status bar: `Ok` when it exited cleanly.
pub fn outcome(
    program: &OsStr,
    status: std::io::Result<std::process::ExitStatus>,
) -> Result<(), String> {
    let name = crate::sanitize::single_line(&program.to_string_lossy()).into_owned();
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => {
            Err(format!("the editor '{name}' ended with {status}; the file is read again"))
        }
        Err(e) => Err(format!("could not start the editor '{name}': {e} (set $VISUAL or $EDITOR)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> Option<&OsStr> {
        Some(OsStr::new(s))
    }

    #[test]
    fn visual_wins_then_editor_then_vi() {
        assert_eq!(words(os("nvim"), os("nano")), ["nvim"]);
        assert_eq!(words(None, os("nano")), ["nano"]);
        assert_eq!(words(os(""), os("nano")), ["nano"]);
        assert_eq!(words(None, None), ["vi"]);
        assert_eq!(words(os("   "), None), ["vi"]);
    }

    #[test]
    fn an_editor_with_arguments_is_split_at_whitespace() {
        assert_eq!(words(None, os("code  -w\t--new-window")), ["code", "-w", "--new-window"]);
        let command = command(&words(None, os("code -w")), 12, Path::new("/tmp/b.toml"));
        assert_eq!(command.get_program(), "code");
        let args: Vec<&OsStr> = command.get_args().collect();
        assert_eq!(args, ["-w", "+12", "/tmp/b.toml"]);
    }

    #[test]
    fn a_failed_editor_is_said_with_its_name() {
        let gone = std::io::Error::from(std::io::ErrorKind::NotFound);
        let said = outcome(OsStr::new("nosuch\x1b[2J"), Err(gone)).unwrap_err();
        assert!(said.starts_with("could not start the editor 'nosuch^["), "{said}");
    }
}
