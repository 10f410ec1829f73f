//! The library: where briefings are found, ids found twice, files that cannot be used, an
//! empty library, and `briefing list` / `briefing ID` as a user runs them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::Path;
use std::process::{Command, Output};

use briefing::library::scan;

const MINIMAL: &str = "format = 1\n[briefing]\nid = \"ID\"\ntitle = \"TITLE\"\n[[section]]\nid = \"one\"\ntitle = \"One\"\nbody = \"Text.\"\n";

fn briefing_file(dir: &Path, name: &str, id: &str, title: &str) {
    std::fs::write(dir.join(name), MINIMAL.replace("ID", id).replace("TITLE", title)).unwrap();
}

fn briefing_bin(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing")).args(args).current_dir(dir).output().unwrap()
}

#[test]
fn finds_the_bundled_briefing_and_every_folder() {
    let lib_dir = tempfile::tempdir().unwrap();
    briefing_file(lib_dir.path(), "a.toml", "alpha", "Alpha");
    briefing_file(lib_dir.path(), "b.toml", "beta", "Beta");
    std::fs::write(lib_dir.path().join("notes.txt"), "not a briefing").unwrap();
    let folders = vec![lib_dir.path().to_path_buf()];
    let lib = scan(&folders, &folders);
    let ids: Vec<&str> = lib.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["china-ai-innovate-or-imitate", "alpha", "beta"]);
    assert!(lib.problems.is_empty(), "{:?}", lib.problems);
    assert_eq!(lib.find("beta").unwrap().title, "Beta");
    let unknown = lib.find("gamma").unwrap_err();
    assert!(
        unknown.contains("no briefing file or id 'gamma'") && unknown.contains("alpha, beta"),
        "{unknown}"
    );
}

#[test]
fn a_mistyped_or_shortened_id_gets_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    briefing_file(dir.path(), "a.toml", "solar-subsidies-2026", "Solar");
    briefing_file(dir.path(), "b.toml", "wind-auctions", "Wind");
    let folders = vec![dir.path().to_path_buf()];
    let lib = scan(&folders, &folders);
    for (typed, meant) in [("wind-auctoins", "wind-auctions"), ("solar", "solar-subsidies-2026")] {
        let error = lib.find(typed).unwrap_err();
        assert!(error.contains(&format!("did you mean '{meant}'?")), "{typed}: {error}");
    }
    // Nothing close, or more than one id containing it: no guess.
    for typed in ["gamma", "-"] {
        let error = lib.find(typed).unwrap_err();
        assert!(!error.contains("did you mean"), "{typed}: {error}");
    }
    let out = briefing_bin(dir.path(), &["--library", ".", "wind-auctoins"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("did you mean 'wind-auctions'?"), "{stderr}");
}

#[test]
fn an_id_found_twice_is_reported_not_hidden() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    briefing_file(one.path(), "x.toml", "same", "First");
    briefing_file(two.path(), "y.toml", "same", "Second");
    let folders = vec![one.path().to_path_buf(), two.path().to_path_buf()];
    let lib = scan(&folders, &[]);
    let same: Vec<_> = lib.entries.iter().filter(|e| e.id == "same").collect();
    assert_eq!(same.len(), 2);
    assert!(same.iter().all(|e| e.is_duplicate));
    assert_eq!(lib.problems.len(), 1);
    assert!(
        lib.problems[0].contains("briefing id 'same' is used by 2 files"),
        "{}",
        lib.problems[0]
    );
    let err = lib.find("same").unwrap_err();
    assert!(err.contains("is in 2 places") && err.contains("open one by its path"), "{err}");
}

#[test]
fn the_bundled_briefings_own_file_is_not_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("china-ai.toml"), briefing::briefing::BUNDLED).unwrap();
    let lib = scan(&[dir.path().to_path_buf()], &[]);
    assert_eq!(lib.entries.len(), 1);
    assert!(lib.problems.is_empty());
    assert_eq!(lib.entries[0].path.as_deref(), Some(dir.path().join("china-ai.toml").as_path()));
}

#[test]
fn unreadable_and_invalid_files_are_reported_with_why() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.toml"), "format = 1\n[briefing\n").unwrap();
    std::fs::write(dir.path().join("empty.toml"), "").unwrap();
    std::fs::write(dir.path().join("binary.toml"), b"\0\x01").unwrap();
    std::fs::create_dir(dir.path().join("folder.toml")).unwrap();
    let lib = scan(&[dir.path().to_path_buf()], &[]);
    assert_eq!(lib.entries.len(), 1, "only the bundled one");
    let all = lib.problems.join("\n");
    assert!(all.contains("broken.toml: not a valid briefing (1 error; first:"), "{all}");
    assert!(all.contains("empty.toml: error: file is empty"), "{all}");
    assert!(all.contains("binary.toml: error: binary file"), "{all}");
    assert!(all.contains("folder.toml: error: is a directory"), "{all}");
}

#[test]
fn an_empty_or_missing_library_folder_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let folders = vec![missing];
    let lib = scan(&folders, &folders);
    assert_eq!(lib.entries.len(), 1);
    assert!(lib.problems[0].contains("nowhere: cannot read folder"), "{:?}", lib.problems);
    // A default folder that does not exist is simply not there: no noise.
    let quiet = scan(&folders, &[]);
    assert!(quiet.problems.is_empty());
}

#[test]
fn list_shows_every_briefing_with_counts_progress_and_path() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let own = dir.path().join("briefings");
    std::fs::create_dir_all(&own).unwrap();
    briefing_file(&own, "mine.toml", "mine", "My briefing");
    let out = briefing_bin(dir.path(), &["list", "--data-dir", data.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("ID") && lines[0].contains("SECTIONS") && lines[0].ends_with("PATH"),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with("china-ai-innovate-or-imitate") && lines[1].contains("(bundled)"),
        "{stdout}"
    );
    let sections = briefing::briefing::load_bundled().unwrap().briefing.unwrap().sections.len();
    let sections = format!(" {sections} ");
    assert!(lines[1].contains(&sections) && lines[1].contains(" new "), "{stdout}");
    assert!(
        lines[2].starts_with("mine")
            && lines[2].contains("My briefing")
            && lines[2].contains("briefings/mine.toml"),
        "{stdout}"
    );
    assert!(stdout.contains("2 briefing(s); looked in: briefings,"), "{stdout}");
}

#[test]
fn a_briefing_opens_by_id_and_an_unknown_id_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("briefings");
    std::fs::create_dir_all(&own).unwrap();
    briefing_file(&own, "mine.toml", "mine", "My briefing");
    let out = briefing_bin(dir.path(), &["mine"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("My briefing\n"));
    let out = briefing_bin(dir.path(), &["nope"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no briefing file or id 'nope'"), "{stderr}");
    let out = briefing_bin(dir.path(), &["china-ai-innovate-or-imitate"]);
    assert!(out.status.success());
}

#[test]
fn progress_reads_the_saved_position() {
    let data = tempfile::tempdir().unwrap();
    let b = briefing::briefing::load_bundled().unwrap().briefing.unwrap();
    let at = briefing::tui::app::Location {
        section: briefing::briefing::SectionIx(4),
        anchor: Default::default(),
    };
    briefing::notes::positions::save(data.path(), &b, at, None).unwrap();
    let lib = scan(&[], &[]);
    assert_eq!(lib.entries[0].progress(data.path()), format!("§5/{}", b.sections.len()));
    let folders = briefing::paths::library_folders(Some(data.path()), &[]);
    assert_eq!(folders, [std::path::PathBuf::from("briefings"), data.path().join("briefings")]);
}

/// A library file large enough to be cached is read through the cache: `list` leaves an entry,
/// and a second `list` reads the same briefing from it.
#[test]
fn large_library_files_go_through_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let body = "A sentence long enough to fill the section. ".repeat(8_000);
    let text = MINIMAL.replace("ID", "large").replace("TITLE", "Large").replace("Text.", &body);
    assert!(text.len() > 256 << 10);
    std::fs::write(dir.path().join("large.toml"), text).unwrap();
    let list = || {
        Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["list", "--library", "."])
            .env("XDG_CACHE_HOME", cache.path())
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let first = list();
    assert!(String::from_utf8_lossy(&first.stdout).contains("large"), "{first:?}");
    let entries = || {
        let dir = std::fs::read_dir(cache.path().join("briefing/checked")).unwrap();
        dir.map(|e| e.unwrap().path()).collect::<Vec<_>>()
    };
    let kept = entries();
    assert_eq!(kept.len(), 1, "the check was kept");
    // A read of the entry marks it used (its mtime): set it back, and see the second list
    // bring it forward.
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    std::fs::File::options().write(true).open(&kept[0]).unwrap().set_modified(old).unwrap();
    let second = list();
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(entries(), kept);
    let used = std::fs::metadata(&kept[0]).unwrap().modified().unwrap();
    assert!(used > old, "the second list read the entry");
}
