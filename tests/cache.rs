//! The cache of checked briefings, from outside: what a reopened file gives, an edit that
//! keeps the size and the modification time, damaged entries, and which commands use it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::fs::{File, FileTimes};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use briefing::briefing::{Cache, load, load_cached};

/// A valid briefing titled `title` whose body makes the file about `bytes` long, with one
/// warning (an escape in the subtitle).
fn briefing_text(title: &str, bytes: usize) -> String {
    let head = format!(
        "format = 1\n[briefing]\nid = \"cached\"\ntitle = \"{title}\"\n\
         subtitle = \"with \\u001b an escape\"\n\
         [[section]]\nid = \"s\"\ntitle = \"S\"\nbody = \"\"\"\n"
    );
    let mut text = head;
    let paragraph = "Words of a paragraph that says a thing, again and again.\n\n";
    while text.len() < bytes {
        text.push_str(paragraph);
    }
    text.push_str(
        "\"\"\"\n[[claim]]\nid = \"k\"\nsection = \"s\"\ntext = \"T\"\nquote = \"says a thing\"\n",
    );
    text
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(list) => list.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

fn title(path: &Path, cache: &Cache) -> String {
    load_cached(path, Some(cache)).unwrap().briefing.unwrap().title
}

#[test]
fn a_one_byte_edit_that_keeps_size_and_mtime_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path().join("cache")).with_min_bytes(0);
    let file = dir.path().join("b.toml");
    std::fs::write(&file, briefing_text("Alpha", 2_000)).unwrap();
    let before = std::fs::metadata(&file).unwrap();
    assert_eq!(title(&file, &cache), "Alpha");
    assert_eq!(entries(cache.dir()).len(), 1, "the first open writes an entry");
    assert_eq!(title(&file, &cache), "Alpha");

    std::fs::write(&file, briefing_text("Alphb", 2_000)).unwrap();
    let times = FileTimes::new()
        .set_modified(before.modified().unwrap())
        .set_accessed(before.accessed().unwrap());
    File::options().write(true).open(&file).unwrap().set_times(times).unwrap();
    let after = std::fs::metadata(&file).unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!(after.modified().unwrap(), before.modified().unwrap());

    assert_eq!(title(&file, &cache), "Alphb");
    assert_eq!(entries(cache.dir()).len(), 2);
}

#[test]
fn a_reopened_file_gives_the_same_report_warnings_included() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path().join("cache")).with_min_bytes(0);
    let file = dir.path().join("b.toml");
    std::fs::write(&file, briefing_text("Alpha", 5_000)).unwrap();
    let checked = load(&file).unwrap();
    assert_eq!(checked.warnings(), 1, "{:?}", checked.diagnostics);
    let first = load_cached(&file, Some(&cache)).unwrap();
    let [entry] = entries(cache.dir()).try_into().unwrap();
    // Made old, so a read that uses the entry shows in its modification time.
    let old = SystemTime::now() - Duration::from_secs(86_400);
    File::options().write(true).open(&entry).unwrap().set_modified(old).unwrap();
    let second = load_cached(&file, Some(&cache)).unwrap();
    assert!(std::fs::metadata(&entry).unwrap().modified().unwrap() > old, "entry not used");
    for report in [&first, &second] {
        assert_eq!(report.briefing, checked.briefing);
        assert_eq!(report.diagnostics, checked.diagnostics);
    }
}

#[test]
fn a_damaged_entry_is_ignored_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path().join("cache")).with_min_bytes(0);
    let file = dir.path().join("b.toml");
    std::fs::write(&file, briefing_text("Alpha", 5_000)).unwrap();
    let checked = load(&file).unwrap();
    load_cached(&file, Some(&cache)).unwrap();
    let [entry] = entries(cache.dir()).try_into().unwrap();
    let good = std::fs::read(&entry).unwrap();
    let damaged: [Vec<u8>; 3] = [Vec::new(), good[..good.len() / 2].to_vec(), {
        let mut bytes = good.clone();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        bytes
    }];
    for bytes in damaged {
        std::fs::write(&entry, &bytes).unwrap();
        let report = load_cached(&file, Some(&cache)).unwrap();
        assert_eq!(report.briefing, checked.briefing);
        assert_eq!(report.diagnostics, checked.diagnostics);
        assert_eq!(std::fs::read(&entry).unwrap(), good, "the entry was not written again");
    }
}

#[test]
fn a_file_with_errors_is_reported_every_time_and_never_kept() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path().join("cache")).with_min_bytes(0);
    let file = dir.path().join("b.toml");
    let text = briefing_text("Alpha", 2_000).replace("section = \"s\"", "section = \"x\"");
    std::fs::write(&file, text).unwrap();
    for _ in 0..2 {
        let error = load_cached(&file, Some(&cache)).unwrap_err();
        assert!(error.to_string().contains("unknown section 'x'"), "{error}");
    }
    assert!(entries(cache.dir()).is_empty());
}

#[test]
fn a_cache_folder_that_cannot_be_made_means_no_cache() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    let cache = Cache::new(blocker.join("cache")).with_min_bytes(0);
    let file = dir.path().join("b.toml");
    std::fs::write(&file, briefing_text("Alpha", 2_000)).unwrap();
    assert_eq!(title(&file, &cache), "Alpha");
    assert_eq!(title(&file, &cache), "Alpha");
}

/// The binary: opening a briefing writes an entry in `$XDG_CACHE_HOME/briefing/checked`;
/// `check` never reads or writes one; a small file is not cached.
#[test]
fn the_reader_caches_what_it_opens_and_check_never_does() {
    let dir = tempfile::tempdir().unwrap();
    let xdg = dir.path().join("xdg-cache");
    let checked = xdg.join("briefing/checked");
    let run = |args: &[&Path]| {
        let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(args)
            .env("XDG_CACHE_HOME", &xdg)
            .env("HOME", dir.path())
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let small = dir.path().join("small.toml");
    std::fs::write(&small, briefing_text("Small", 1_000)).unwrap();
    run(&[&small]);
    assert!(entries(&checked).is_empty(), "a small file was cached");

    let big = dir.path().join("big.toml");
    std::fs::write(&big, briefing_text("Big", Cache::MIN_BYTES + 1_000)).unwrap();
    run(&[Path::new("check"), &big]);
    assert!(entries(&checked).is_empty(), "check wrote to the cache");
    let plain = run(&[&big]);
    assert_eq!(entries(&checked).len(), 1);
    // The second run reads the entry: the same output.
    assert_eq!(run(&[&big]), plain);
    assert!(plain.contains("Big"), "{}", &plain[..200]);
}
