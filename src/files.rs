//! Reading and writing the files a user or another program can put in place (notes,
//! positions): a FIFO or a device at their path never blocks the reader, and a write goes
//! through a symlink to its target, keeping the file's mode.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The largest such file read (a notes file of many thousand notes is a few MB).
pub const MAX_BYTES: u64 = 64 << 20;

/// The bytes of the regular file at `path`; `Ok(None)` when there is none.
///
/// Opened without blocking (`O_NONBLOCK`: opening a FIFO waits for a writer otherwise), then
/// refused unless it is a regular file, checked on the open file so nothing can be swapped in
/// between.
pub fn read_regular(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let nonblocking = rustix::fs::OFlags::NONBLOCK.bits() as i32;
    let mut file = match OpenOptions::new().read(true).custom_flags(nonblocking).open(path) {
        Ok(file) => file,
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, a device or a folder): left alone",
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "larger than 64 MiB"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    (&mut file).take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "larger than 64 MiB"));
    }
    Ok(Some(bytes))
}

/// Where a write to `path` lands: the file a symlink points to (so the link stays a link),
/// or `path` itself.
fn write_target(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| {
                // A dangling link: write where it points.
                match std::fs::read_link(path) {
                    Ok(to) if to.is_absolute() => to,
                    Ok(to) => path.parent().unwrap_or(Path::new(".")).join(to),
                    Err(_) => path.to_path_buf(),
                }
            })
        }
        _ => path.to_path_buf(),
    }
}

/// Replaces the file at `path` with `bytes`, atomically: a temp file in the same folder,
/// fsync, rename over, fsync the folder. Through a symlink, the link's target is replaced;
/// an existing file's permissions are kept.
pub fn write_atomically(path: &Path, bytes: &[u8], prefix: &str) -> io::Result<()> {
    let target = write_target(path);
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new().prefix(prefix).suffix(".tmp").tempfile_in(dir)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("notes.toml");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o600))
            .unwrap();
        let error = read_regular(&fifo).unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
        assert!(read_regular(dir.path()).unwrap_err().to_string().contains("folder"));
        assert_eq!(read_regular(&dir.path().join("missing")).unwrap(), None);
    }

    #[test]
    fn a_write_through_a_symlink_keeps_the_link_and_the_mode() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o644)).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"new", ".t-").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        // A new file gets tempfile's private mode.
        let fresh = dir.path().join("fresh.toml");
        write_atomically(&fresh, b"x", ".t-").unwrap();
        assert_eq!(std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
