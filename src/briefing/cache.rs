//! The checked-model cache: a briefing file checked once is not parsed and checked again while
//! its bytes stay the same.
//!
//! One folder (`paths::checked_cache_dir`), one entry per content, named by the xxh3-128 hash
//! of the file's bytes, so an entry can never be stale: any edit, even one byte that keeps the
//! size and the modification time, is another name. An entry is a header (magic, entry
//! format, the build of the checking code, the content hash, the payload's length and hash)
//! and the report (briefing and diagnostics) in postcard. An entry that cannot be read, is
//! truncated or damaged, or was written by a reader built from other checking code is not
//! used, and the next write replaces it; a folder that cannot be written means no cache.
//! Nothing here is an error a user sees: the cache only saves time.
//!
//! What it must not do: hold a file that had errors (only a briefing that loads is kept), or
//! let a damaged entry reach the reader (the payload's hash, then `Briefing::is_consistent`).

use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use super::load::Report;
use super::model::Briefing;
use crate::diagnostic::{Diagnostic, Severity};
use crate::{files, paths, sanitize};

/// Bumped when the layout of an entry changes (the build id changes with the code anyway).
const ENTRY_FORMAT: u32 = 2;
const MAGIC: &[u8; 16] = b"briefing-checked";
/// Magic, format, build, content hash, payload length, payload hash.
const HEADER_BYTES: usize = 16 + 4 + 16 + 16 + 8 + 16;
const ENTRY_SUFFIX: &str = ".checked";
const TEMP_PREFIX: &str = ".tmp-";

/// Everything that decides what checking a file produces, or how an entry is laid out: a
/// reader built from other code (another version, another checker, other dependencies)
/// never reads this one's entries.
const CHECKER: &[&str] = &[
    env!("CARGO_PKG_VERSION"),
    include_str!("../../Cargo.lock"),
    include_str!("../briefing.rs"),
    include_str!("load.rs"),
    include_str!("raw.rs"),
    include_str!("validate.rs"),
    include_str!("validate/analysis.rs"),
    include_str!("near.rs"),
    include_str!("model.rs"),
    include_str!("cache.rs"),
    include_str!("../diagnostic.rs"),
    include_str!("../sanitize.rs"),
    include_str!("../text.rs"),
];

/// The build id of this reader's checking code: a hash of [`CHECKER`], made once.
fn this_build() -> u128 {
    static BUILD: OnceLock<u128> = OnceLock::new();
    *BUILD.get_or_init(|| {
        let mut hasher = Xxh3::new();
        for part in CHECKER {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
        hasher.digest128()
    })
}

/// The cache of checked briefings in one folder.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
    min_bytes: usize,
    max_entries: usize,
    max_bytes: u64,
    build: u128,
}

/// Which entry a file's bytes have: the hash of those bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(u128);

impl Cache {
    /// Files smaller than this are checked every time: checking them costs about as much as
    /// reading an entry (a 100 KB briefing is checked in about 1 ms).
    pub const MIN_BYTES: usize = 256 << 10;
    /// The folder keeps at most this many entries, the most recently used...
    pub const MAX_ENTRIES: usize = 32;
    /// ... and at most this many bytes (the newest entry is always kept).
    pub const MAX_BYTES: u64 = 256 << 20;

    /// A cache in `dir` (made when the first entry is written), with the default limits.
    pub fn new(dir: PathBuf) -> Cache {
        Cache {
            dir,
            min_bytes: Self::MIN_BYTES,
            max_entries: Self::MAX_ENTRIES,
            max_bytes: Self::MAX_BYTES,
            build: this_build(),
        }
    }

    /// The user's cache (`$XDG_CACHE_HOME/briefing/checked`, see `paths`); `None` without a
    /// home to put it in.
    pub fn for_user() -> Option<Cache> {
        paths::cache_dir().map(|dir| Cache::new(paths::checked_cache_dir(&dir)))
    }

    /// Caches files of at least `bytes` bytes (0: every file).
    pub fn with_min_bytes(mut self, bytes: usize) -> Cache {
        self.min_bytes = bytes;
        self
    }

    /// Keeps at most `entries` entries and `bytes` bytes.
    pub fn with_limits(mut self, entries: usize, bytes: u64) -> Cache {
        self.max_entries = entries.max(1);
        self.max_bytes = bytes;
        self
    }

    /// The folder of the entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether a file of `len` bytes goes through the cache.
    pub(super) fn wants(&self, len: u64) -> bool {
        len >= self.min_bytes as u64 && len <= super::MAX_FILE_BYTES
    }

    /// The report kept for the file at `path`, if there is one. The file is hashed as it is
    /// read, 64 KiB at a time, and its bytes are not kept: on a hit they are not needed, and
    /// 10 MB of fresh memory costs more than reading the file again on a miss. `None` for
    /// anything that is not a regular file the cache wants: `load` then says what is wrong.
    pub(super) fn lookup(&self, path: &Path) -> Option<Report> {
        let nonblocking = rustix::fs::OFlags::NONBLOCK.bits() as i32;
        let mut file =
            std::fs::OpenOptions::new().read(true).custom_flags(nonblocking).open(path).ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() || !self.wants(meta.len()) {
            return None;
        }
        let mut hasher = Xxh3::new();
        let mut buffer = vec![0; 64 << 10];
        let mut total = 0u64;
        loop {
            match file.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => {
                    hasher.update(&buffer[..n]);
                    total += n as u64;
                    if total > super::MAX_FILE_BYTES {
                        return None;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        self.get(&Key(hasher.digest128()), path)
    }

    /// The key of a file's bytes (xxh3-128: about 1 ms for 10 MB here).
    pub(super) fn key(&self, bytes: &[u8]) -> Key {
        Key(xxh3_128(bytes))
    }

    fn entry_path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{:032x}{ENTRY_SUFFIX}", key.0))
    }

    /// The report kept for `key`, its diagnostics naming `path`; `None` when there is no
    /// usable entry.
    pub(super) fn get(&self, key: &Key, path: &Path) -> Option<Report> {
        let entry = self.entry_path(key);
        let bytes = files::read_regular(&entry).ok()??;
        let payload = self.payload(key, &bytes)?;
        let stored: Stored<Briefing> = postcard::from_bytes(payload).ok()?;
        if !stored.briefing.is_consistent() {
            return None;
        }
        // Used now: kept longest by `evict`. A time that cannot be set only shortens its life.
        let now = rustix::fs::Timestamps {
            last_access: rustix::fs::Timespec { tv_sec: 0, tv_nsec: rustix::fs::UTIME_NOW },
            last_modification: rustix::fs::Timespec { tv_sec: 0, tv_nsec: rustix::fs::UTIME_NOW },
        };
        let _ = rustix::fs::utimensat(rustix::fs::CWD, &entry, &now, rustix::fs::AtFlags::empty());
        let diagnostics = stored
            .diagnostics
            .into_iter()
            .map(|d| Diagnostic {
                severity: d.severity,
                path: path.to_path_buf(),
                location: d.location,
                message: sanitize::single_line(&d.message).into_owned(),
            })
            .collect();
        Some(Report { briefing: Some(stored.briefing), diagnostics })
    }

    /// The payload of an entry, if its header is this build's, for this key, and the payload
    /// is whole and undamaged.
    fn payload<'a>(&self, key: &Key, bytes: &'a [u8]) -> Option<&'a [u8]> {
        let (header, payload) = bytes.split_at_checked(HEADER_BYTES)?;
        let (magic, rest) = header.split_at(MAGIC.len());
        let (format, rest) = rest.split_at(4);
        let (build, rest) = rest.split_at(16);
        let (content, rest) = rest.split_at(16);
        let (len, hash) = rest.split_at(8);
        let ok = magic == MAGIC
            && format == ENTRY_FORMAT.to_le_bytes()
            && build == self.build.to_le_bytes()
            && content == key.0.to_le_bytes()
            && len == (payload.len() as u64).to_le_bytes()
            && hash == xxh3_128(payload).to_le_bytes();
        ok.then_some(payload)
    }

    /// Keeps `report` for `key` if it has a briefing. Best effort: a cache that cannot be
    /// written is no cache, never an error.
    pub(super) fn put(&self, key: &Key, report: &Report) {
        if let Some(briefing) = &report.briefing {
            let _ = self.write(key, briefing, &report.diagnostics);
        }
    }

    fn write(&self, key: &Key, briefing: &Briefing, diagnostics: &[Diagnostic]) -> io::Result<()> {
        let stored = Stored {
            briefing,
            diagnostics: diagnostics
                .iter()
                .map(|d| StoredDiagnostic {
                    severity: d.severity,
                    location: d.location,
                    message: d.message.clone(),
                })
                .collect(),
        };
        let payload = postcard::to_stdvec(&stored).map_err(io::Error::other)?;
        let size = (HEADER_BYTES + payload.len()) as u64;
        if size > files::MAX_BYTES || size > self.max_bytes {
            // It could not be read back (or would push every other entry out).
            return Ok(());
        }
        let mut header = Vec::with_capacity(HEADER_BYTES);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&ENTRY_FORMAT.to_le_bytes());
        header.extend_from_slice(&self.build.to_le_bytes());
        header.extend_from_slice(&key.0.to_le_bytes());
        header.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        header.extend_from_slice(&xxh3_128(&payload).to_le_bytes());
        // The user's briefings may be private: the folder is theirs alone, as the entries
        // are (tempfile makes them 0600).
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(&self.dir)?;
        let mut temp =
            tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(".tmp").tempfile_in(&self.dir)?;
        temp.write_all(&header)?;
        temp.write_all(&payload)?;
        // Renamed into place, so a reader sees a whole entry or none. Not synced: an entry cut
        // short by a crash fails its hash and is written again, and syncing 10 MB would cost
        // the first open more than the cache saves the next.
        temp.persist(self.entry_path(key)).map_err(|e| e.error)?;
        self.evict();
        Ok(())
    }

    /// Removes the least recently used entries past the limits, and temp files left by a
    /// writer that died.
    fn evict(&self) {
        let Ok(listing) = std::fs::read_dir(&self.dir) else { return };
        let mut entries: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
        let now = SystemTime::now();
        for item in listing.filter_map(Result::ok) {
            let name = item.file_name();
            let name = name.to_string_lossy();
            let Ok(meta) = item.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            if name.ends_with(ENTRY_SUFFIX) {
                entries.push((modified, meta.len(), item.path()));
            } else if name.starts_with(TEMP_PREFIX)
                && now.duration_since(modified).unwrap_or_default() > Duration::from_secs(3600)
            {
                let _ = std::fs::remove_file(item.path());
            }
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        let mut total = 0;
        for (i, (_, len, path)) in entries.iter().enumerate() {
            total += len;
            if i > 0 && (i >= self.max_entries || total > self.max_bytes) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// What an entry keeps: the briefing, and the diagnostics (warnings) of its check, without
/// the path (the same bytes may be opened under another name).
#[derive(Serialize, Deserialize)]
struct Stored<B> {
    briefing: B,
    diagnostics: Vec<StoredDiagnostic>,
}

#[derive(Serialize, Deserialize)]
struct StoredDiagnostic {
    severity: Severity,
    location: Option<(usize, usize)>,
    message: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::check_text;

    const TEXT: &str = "format = 1\n[briefing]\nid = \"c\"\ntitle = \"Cached \\u001b title\"\n\
        [[section]]\nid = \"s\"\ntitle = \"S\"\nbody = \"It says a thing.\"\n\
        [[claim]]\nid = \"k\"\nsection = \"s\"\ntext = \"T\"\nquote = \"says a thing\"\n";

    fn cache(dir: &Path) -> Cache {
        Cache::new(dir.join("checked")).with_min_bytes(0)
    }

    /// A report checked from `TEXT` (with its warning), put in `cache`; its key.
    fn put(cache: &Cache) -> (Report, Key) {
        let report = check_text(Path::new("a.toml"), TEXT);
        assert!(report.briefing.is_some() && report.warnings() == 1, "{report:?}");
        let key = cache.key(TEXT.as_bytes());
        cache.put(&key, &report);
        (report, key)
    }

    fn entry_bytes(cache: &Cache, key: &Key) -> Vec<u8> {
        std::fs::read(cache.entry_path(key)).unwrap()
    }

    #[test]
    fn an_entry_gives_the_report_back_with_its_warnings_under_the_new_path() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let (report, key) = put(&cache);
        let got = cache.get(&key, Path::new("b.toml")).unwrap();
        assert_eq!(got.briefing, report.briefing);
        assert_eq!(got.diagnostics.len(), 1);
        let (want, got) = (&report.diagnostics[0], &got.diagnostics[0]);
        assert_eq!(
            (got.severity, got.location, &got.message),
            (want.severity, want.location, &want.message)
        );
        assert_eq!(got.path, Path::new("b.toml"));
        assert!(cache.get(&cache.key(b"other bytes"), Path::new("b.toml")).is_none());
    }

    #[test]
    fn a_damaged_or_truncated_entry_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let (_, key) = put(&cache);
        let good = entry_bytes(&cache, &key);
        let path = cache.entry_path(&key);
        for cut in [0, 10, HEADER_BYTES, good.len() - 1] {
            std::fs::write(&path, &good[..cut]).unwrap();
            assert!(cache.get(&key, &path).is_none(), "cut at {cut}");
        }
        for at in [0, 20, HEADER_BYTES - 1, HEADER_BYTES + 3, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x40;
            std::fs::write(&path, &bad).unwrap();
            assert!(cache.get(&key, &path).is_none(), "byte {at} flipped");
        }
        // A well-formed entry whose briefing points outside itself: refused, not a panic later.
        let (report, _) = put(&cache);
        let mut broken = report.briefing.unwrap();
        broken.claims[0].section = crate::briefing::SectionIx(7);
        cache.write(&key, &broken, &[]).unwrap();
        assert!(cache.get(&key, &path).is_none());
        // Not a regular file: left alone, no cache.
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        assert!(cache.get(&key, &path).is_none());
    }

    #[test]
    fn an_entry_of_another_build_or_format_is_not_used_and_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let other = Cache { build: this_build() ^ 1, ..cache(dir.path()) };
        let (_, key) = put(&other);
        let cache = cache(dir.path());
        assert!(cache.get(&key, Path::new("a.toml")).is_none());
        put(&cache);
        assert!(cache.get(&key, Path::new("a.toml")).is_some());
        assert!(other.get(&key, Path::new("a.toml")).is_none());

        let mut bytes = entry_bytes(&cache, &key);
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(ENTRY_FORMAT + 1).to_le_bytes());
        std::fs::write(cache.entry_path(&key), bytes).unwrap();
        assert!(cache.get(&key, Path::new("a.toml")).is_none());
    }

    #[test]
    fn a_report_with_errors_is_never_kept() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let text = TEXT.replace("section = \"s\"", "section = \"nope\"");
        let report = check_text(Path::new("a.toml"), &text);
        assert!(report.briefing.is_none());
        let key = cache.key(text.as_bytes());
        cache.put(&key, &report);
        assert!(!cache.dir().exists());
        assert!(cache.get(&key, Path::new("a.toml")).is_none());
    }

    #[test]
    fn the_folder_keeps_the_most_recently_used_entries_within_its_limits() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path()).with_limits(3, u64::MAX);
        let report = check_text(Path::new("a.toml"), TEXT);
        let keys: Vec<Key> = (0..5u8).map(|i| cache.key(&[i])).collect();
        let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        for (i, key) in keys.iter().enumerate() {
            cache.put(key, &report);
            // Written in order, each a second after the one before.
            let at = old + Duration::from_secs(i as u64);
            std::fs::File::options()
                .write(true)
                .open(cache.entry_path(key))
                .unwrap()
                .set_modified(at)
                .unwrap();
        }
        // Reading key 2 makes it the most recently used, then one more write evicts.
        assert!(cache.get(&keys[2], Path::new("a.toml")).is_some());
        cache.put(&cache.key(b"new"), &report);
        let kept: Vec<bool> = keys.iter().map(|k| cache.entry_path(k).exists()).collect();
        assert_eq!(kept, [false, false, true, false, true]);
        assert!(cache.entry_path(&cache.key(b"new")).exists());

        // A byte limit of one entry keeps the newest alone.
        let size = std::fs::metadata(cache.entry_path(&keys[4])).unwrap().len();
        let small = cache.clone().with_limits(10, size + size / 2);
        small.put(&small.key(b"newest"), &report);
        let count = std::fs::read_dir(cache.dir()).unwrap().count();
        assert_eq!(count, 1);
    }
}
