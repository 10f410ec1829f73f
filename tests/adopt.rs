//! `briefing adopt` as a user runs it: a dry run prints a diff and writes nothing; an adopt
//! writes the entries, keeps FILE.bak, passes `check`, re-keys the notes, and adds nothing
//! twice when run again; the bundled briefing is refused with what to do instead. (The file
//! changing while adopt works is refused: a unit test of `cli::adopt`, through its seam.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BRIEFING: &str = r#"# Hand-written; comments stay.
format = 1

[briefing]
id = "b"
title = "B"

[[section]]
id = "s1"
title = "One"
body = """
Chips are scarce and costly. Talent is plentiful.
"""

[[claim]]
id = "scarce"
section = "s1"
text = "Chips are scarce."
quote = "Chips are scarce"   # the author's

[[factor]]
id = "talent"
title = "Talent"
text = "People matter."
claims = ["scarce"]
"#;

const T: &str = "created = 2026-12-01T00:00:00Z\nupdated = 2026-12-01T00:00:00Z\n";

fn notes() -> String {
    format!(
        "format = 2\nbriefing = \"b\"\n\n\
         [[note]]\nclaim = \"my-talent\"\nclaim_text = \"Talent is plentiful.\"\nstance = \"agree\"\n\
         factors = [\"talent\"]\nnote = \"mine\"\n{T}\n\
         [[rating]]\nkind = \"claim\"\nitem = \"my-talent\"\nhypothesis = \"h1\"\nconsistency = \"C\"\n\n\
         [[claim]]\nid = \"my-talent\"\ntext = \"Talent is plentiful.\"\nkind = \"assessment\"\n\
         section = \"s1\"\nexact = \"Talent is plentiful\"\nstart = 29\nend = 48\n{T}\n\
         [[claim]]\nid = \"my-gone\"\ntext = \"Gone.\"\nsection = \"s1\"\n\
         exact = \"nothing like this is here\"\nstart = 0\nend = 25\n{T}\n\
         [[counterpoint]]\nid = \"my-cheap\"\nclaims = [\"my-talent\"]\ntext = \"It is cheap.\"\n{T}"
    )
}

struct Setup {
    dir: tempfile::TempDir,
    file: PathBuf,
    notes: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.toml");
    std::fs::write(&file, BRIEFING).unwrap();
    let notes_dir = dir.path().join("data/notes");
    std::fs::create_dir_all(&notes_dir).unwrap();
    let notes = notes_dir.join("b.toml");
    std::fs::write(&notes, self::notes()).unwrap();
    Setup { dir, file, notes }
}

fn briefing(s: &Setup, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .arg("--data-dir")
        .arg(s.dir.path().join("data"))
        .current_dir(s.dir.path())
        .env("XDG_CONFIG_HOME", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_dry_run_prints_a_diff_and_writes_nothing() {
    let s = setup();
    let out = briefing(&s, &["adopt", s.file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let diff = text(&out.stdout);
    assert!(diff.starts_with("--- "), "{diff}");
    for line in [
        "+[[claim]]\n",
        "+id = \"talent\"\n",
        "+quote = \"Talent is plentiful\"\n",
        "+[[counterpoint]]\n",
        "+by = \"reader\"\n",
        "-claims = [\"scarce\"]\n",
        "+claims = [\"scarce\", \"talent\"]\n",
    ] {
        assert!(diff.contains(line), "no {line:?} in\n{diff}");
    }
    let stderr = text(&out.stderr);
    assert!(stderr.contains("would adopt into"), "{stderr}");
    assert!(stderr.contains("claim 'my-gone': its passage is no longer in the text"), "{stderr}");
    assert!(stderr.contains("nothing written (--dry-run)"), "{stderr}");
    assert_eq!(read(&s.file), BRIEFING);
    assert_eq!(read(&s.notes), notes());
    assert!(!s.dir.path().join("b.toml.bak").exists());
}

#[test]
fn adopt_writes_the_entries_keeps_a_backup_passes_check_and_rekeys_the_notes() {
    let s = setup();
    let out = briefing(&s, &["adopt", s.file.to_str().unwrap(), "--by", "an editor"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("1 claim, 1 counterpoint, 1 factor link"), "{stderr}");
    assert!(stderr.contains("claim 'my-talent' → 'talent'"), "{stderr}");
    assert_eq!(read(&s.dir.path().join("b.toml.bak")), BRIEFING);
    let adopted = read(&s.file);
    assert!(adopted.starts_with("# Hand-written; comments stay.\n"));
    assert!(
        adopted.contains(
            "quote = \"Chips are scarce\"   # the author's\n\n[[claim]]\nid = \"talent\""
        )
    );
    assert!(adopted.contains("by = \"an editor\""), "{adopted}");
    let check = briefing(&s, &["check", s.file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("ok: 1 section, 2 claims, 1 counterpoint, 1 factor"));
    let notes = read(&s.notes);
    assert!(notes.contains("claim = \"talent\"\n") && notes.contains("note = \"mine\""), "{notes}");
    assert!(notes.contains("item = \"talent\"\n"), "{notes}");
    assert!(!notes.contains("my-talent") && !notes.contains("my-cheap"), "{notes}");
    assert!(!notes.contains("factors"), "the link is the file's now: {notes}");
    assert!(notes.contains("id = \"my-gone\""), "the orphan stays yours: {notes}");
    // Again: the orphan is still left, nothing is added twice, the file is not touched.
    let out = briefing(&s, &["adopt", s.file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("0 claims, 0 counterpoints, 0 factor links"));
    assert_eq!(read(&s.file), adopted);
    assert_eq!(read(&s.notes), notes);
}

#[test]
fn adopt_after_a_failed_notes_update_finds_its_entries_and_only_rekeys() {
    let s = setup();
    let out = briefing(&s, &["adopt", s.file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let adopted = read(&s.file);
    // As if the notes write had failed: the notes as they were before.
    std::fs::write(&s.notes, notes()).unwrap();
    let out = briefing(&s, &["adopt", s.file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("'my-talent' → 'talent' (in the file already)"), "{stderr}");
    assert_eq!(read(&s.file), adopted, "nothing added twice");
    assert!(!read(&s.notes).contains("my-talent"));
}

#[test]
fn the_bundled_briefing_is_refused_with_what_to_do() {
    let s = setup();
    let out = briefing(&s, &["adopt", "china-ai-innovate-or-imitate"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("the bundled briefing is built into the reader"), "{stderr}");
    assert!(stderr.contains("briefing export --format toml > my-briefing.toml"), "{stderr}");
}

#[test]
fn a_file_with_errors_is_refused_at_its_place() {
    let s = setup();
    std::fs::write(&s.file, BRIEFING.replace("section = \"s1\"", "section = \"s9\"")).unwrap();
    let out = briefing(&s, &["adopt", s.file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("b.toml:17:11: error:"), "{stderr}");
    assert!(stderr.contains("nothing adopted"), "{stderr}");
    assert_eq!(read(&s.notes), notes());
}
