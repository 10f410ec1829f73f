//! Where the reader keeps and finds things on disk: the one home of every data path, so the
//! README, the commands and the reader all name the same files.
//!
//! ```text
//! <data>/                          --data-dir, else $XDG_DATA_HOME/briefing, else ~/.local/share/briefing
//! <data>/positions.toml            reading positions, by briefing id (notes::positions)
//! <data>/notes/<id>.toml           the notes of one briefing (notes::store)
//! <data>/notes/<id>.toml.lock      the lock other tools take to write it (an exclusive flock)
//! <data>/briefings/                one more library folder (library)
//! ./briefings/                     the library folder of the working directory
//! <cache>/                         $XDG_CACHE_HOME/briefing, else ~/.cache/briefing
//! <cache>/checked/<hash>.checked   a checked briefing, by the hash of its file (briefing::cache)
//! <config>/                        $XDG_CONFIG_HOME/briefing, else ~/.config/briefing
//! <config>/config.toml             keys, theme, layout (config); --config FILE, --no-config
//! ```

use std::path::{Path, PathBuf};

/// The data folder: `flag` (`--data-dir`), else `$XDG_DATA_HOME/briefing`, else
/// `~/.local/share/briefing`. `None` when there is no home to put it in.
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    let xdg = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from).filter(|p| p.is_absolute());
    let base =
        xdg.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("briefing"))
}

/// The cache folder: `$XDG_CACHE_HOME/briefing`, else `~/.cache/briefing`. `None` when there
/// is no home to put it in. Whatever is in it can be deleted at any time.
pub fn cache_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).filter(|p| p.is_absolute());
    let base = xdg.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("briefing"))
}

/// The config file: `$XDG_CONFIG_HOME/briefing/config.toml`, else
/// `~/.config/briefing/config.toml`. `None` when there is no home to look in.
pub fn config_file() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from).filter(|p| p.is_absolute());
    let base =
        xdg.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("briefing").join("config.toml"))
}

/// The checked briefings kept in the cache folder `cache`.
pub fn checked_cache_dir(cache: &Path) -> PathBuf {
    cache.join("checked")
}

/// Reading positions of every briefing.
pub fn positions_file(data: &Path) -> PathBuf {
    data.join("positions.toml")
}

/// The folder of the notes files.
pub fn notes_dir(data: &Path) -> PathBuf {
    data.join("notes")
}

/// The notes of briefing `id`.
pub fn notes_file(data: &Path, id: &str) -> PathBuf {
    notes_dir(data).join(format!("{id}.toml"))
}

/// The lock beside the notes of briefing `id`.
pub fn notes_lock(data: &Path, id: &str) -> PathBuf {
    notes_dir(data).join(format!("{id}.toml.lock"))
}

/// The user's own library folder, where `import --into-library` writes.
pub fn user_library(data: &Path) -> PathBuf {
    data.join("briefings")
}

/// The library folders: `./briefings/`, `<data>/briefings/`, then the `--library` folders.
pub fn library_folders(data: Option<&Path>, extra: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = vec![PathBuf::from("briefings")];
    if let Some(dir) = data {
        out.push(user_library(dir));
    }
    out.extend(extra.iter().cloned());
    out
}
