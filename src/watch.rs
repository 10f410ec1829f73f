//! Watching one file for changes: the reader's live reload and `briefing check --watch`.
//!
//! The file's folder is watched (not recursively), not the file: editors, and this program's
//! own saver, replace a file by renaming another over it, which a watch on the file itself
//! would lose. Events are filtered to the file's name; reading the file (an open, a close
//! without writing, an access time) is not a change, so the watcher's owner can read it
//! without waking itself. Nothing here polls: the operating system's notifications (inotify
//! on Linux) wake a thread that blocks until they come. Debouncing is the owner's: an editor's
//! save is several events, so wait until none has come for [`DEBOUNCE`].

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecursiveMode, Watcher};

/// How long a file must be quiet after an event before it is read again: an editor's save
/// (write a temp file, rename it over, change its mode) comes as several events within a few
/// milliseconds.
pub const DEBOUNCE: Duration = Duration::from_millis(80);

/// A running watch; dropping it stops it.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
}

impl Watch {
    /// Watches the file at `path`, calling `changed` (on the watcher's thread) for each event
    /// that can have changed it: written, created, removed, renamed to or from its name.
    /// Returns why the watch could not start (no inotify left, the folder is gone).
    pub fn start(path: &Path, changed: impl Fn() + Send + 'static) -> Result<Watch, String> {
        let Some(name) = path.file_name().map(OsString::from) else {
            return Err("not a file name".into());
        };
        Watch::folder(&folder_of(path), move |p| p.file_name() == Some(name.as_os_str()), changed)
    }

    /// Watches the `*.toml` files of the folder `dir` (`briefing check --watch DIR`).
    pub fn briefings_in(dir: &Path, changed: impl Fn() + Send + 'static) -> Result<Watch, String> {
        Watch::folder(dir, |p| p.extension().is_some_and(|x| x == "toml"), changed)
    }

    /// Watches `folder`, calling `changed` for each change to a path `wanted` takes.
    fn folder(
        folder: &Path,
        wanted: impl Fn(&Path) -> bool + Send + 'static,
        changed: impl Fn() + Send + 'static,
    ) -> Result<Watch, String> {
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                match event {
                    Ok(event) if is_change(&event.kind) => {
                        if event.paths.iter().any(|p| wanted(p)) {
                            changed();
                        }
                    }
                    Ok(_) => {}
                    // An overflowed queue may have lost the very event that mattered.
                    Err(_) => changed(),
                }
            })
            .map_err(|e| e.to_string())?;
        watcher.watch(folder, RecursiveMode::NonRecursive).map_err(|e| e.to_string())?;
        Ok(Watch { _watcher: watcher })
    }
}

/// The folder holding `path` (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether an event of this kind can have changed a file's content (or whether it is there).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        // Opening, reading and closing unwritten are what any reader (this one too) does.
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        // Mode and times: the bytes are the same.
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_file_replaced_by_rename_is_seen_and_reading_it_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.toml");
        std::fs::write(&path, "one").unwrap();
        let (tx, rx) = mpsc::channel();
        let _watch = Watch::start(&path, move || {
            let _ = tx.send(());
        })
        .unwrap();
        // Reading it, and changing another file of the folder, say nothing.
        let _ = std::fs::read(&path).unwrap();
        std::fs::write(dir.path().join("other.toml"), "x").unwrap();
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        let temp = dir.path().join(".b.toml.tmp");
        std::fs::write(&temp, "two").unwrap();
        std::fs::rename(&temp, &path).unwrap();
        rx.recv_timeout(Duration::from_secs(10)).unwrap();
    }

    #[test]
    fn a_folder_that_cannot_be_watched_is_an_error_not_a_poll() {
        let gone = Path::new("/nonexistent-folder-of-briefing-tests/b.toml");
        assert!(Watch::start(gone, || {}).is_err());
    }

    #[test]
    fn a_bare_name_is_watched_in_the_current_folder() {
        assert_eq!(folder_of(Path::new("b.toml")), PathBuf::from("."));
        assert_eq!(folder_of(Path::new("/tmp/b.toml")), PathBuf::from("/tmp"));
    }
}
