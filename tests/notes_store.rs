//! The notes store: round trips, merging writers, changed and orphaned claims, files it must
//! never overwrite, failed saves, and the file surviving SIGKILL at any moment.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use briefing::briefing::load_bundled;
use briefing::notes::store::parse;
use briefing::notes::store::{NoteStore, now, utc};
use briefing::notes::{
    Change, Confidence, Edit, Label, Likelihood, Mark, MarkChange, MarkEdit, Notebook, OwnClaim,
    OwnClaimChange, OwnClaimEdit, OwnCounterpoint, OwnCounterpointChange, OwnCounterpointEdit,
    Stance, Standing, own,
};
use proptest::prelude::*;

const ID: &str = "china-ai-innovate-or-imitate";

fn set_note(book: &mut Notebook, claim: &str, text: &str) {
    book.apply(Change {
        claim: claim.into(),
        claim_text: format!("Claim {claim}."),
        edit: Edit::SetNote(text.into()),
    });
}

fn set_stance(book: &mut Notebook, claim: &str, stance: Option<Stance>) {
    book.apply(Change {
        claim: claim.into(),
        claim_text: format!("Claim {claim}."),
        edit: Edit::SetStance(stance),
    });
}

fn set_estimate(book: &mut Notebook, claim: &str, edit: Edit) {
    book.apply(Change { claim: claim.into(), claim_text: format!("Claim {claim}."), edit });
}

/// The likelihood the child gives its note number `i`.
fn likelihood_of(i: usize) -> Likelihood {
    Likelihood::ALL[i % Likelihood::ALL.len()]
}

fn notes_file(dir: &Path) -> std::path::PathBuf {
    dir.join("notes").join(format!("{ID}.toml"))
}

fn reopen(dir: &Path) -> Notebook {
    NoteStore::open(dir, ID).1
}

#[test]
fn a_saved_note_reads_back_with_times_and_a_stable_layout() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut book) = NoteStore::open(dir.path(), ID);
    set_note(&mut book, "zeta", "last");
    set_note(&mut book, "alpha", "first\nsecond line");
    set_stance(&mut book, "alpha", Some(Stance::Disagree));
    store.sync(&mut book, utc(1_764_000_000)).unwrap();
    assert!(book.pending.is_empty());
    let again = reopen(dir.path());
    assert_eq!(again.notes, book.notes);
    let alpha = again.get("alpha").unwrap();
    assert_eq!((alpha.note.as_str(), alpha.stance), ("first\nsecond line", Some(Stance::Disagree)));
    assert_eq!(alpha.created.to_string(), "2025-11-24T16:00:00Z");
    let text = std::fs::read_to_string(notes_file(dir.path())).unwrap();
    assert!(
        text.starts_with("format = 1\nbriefing = \"china-ai-innovate-or-imitate\"\n"),
        "{text}"
    );
    assert!(
        text.find("claim = \"alpha\"").unwrap() < text.find("claim = \"zeta\"").unwrap(),
        "sorted by claim id"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_round_trips_exactly(notes in proptest::collection::btree_map("[a-z0-9-]{1,12}", any::<String>(), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, mut book) = NoteStore::open(dir.path(), ID);
        for (claim, text) in &notes {
            set_note(&mut book, claim, text);
            set_stance(&mut book, claim, Some(Stance::Unsure));
        }
        store.sync(&mut book, now()).unwrap();
        let again = reopen(dir.path());
        let read: BTreeMap<String, String> = again.notes.values().map(|n| (n.claim.clone(), n.note.clone())).collect();
        prop_assert_eq!(read, notes);
    }
}

#[test]
fn two_writers_keep_each_others_notes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a_store, mut a) = NoteStore::open(dir.path(), ID);
    let (mut b_store, mut b) = NoteStore::open(dir.path(), ID);
    set_note(&mut a, "c1", "from A");
    a_store.sync(&mut a, now()).unwrap();
    set_note(&mut b, "c2", "from B");
    b_store.sync(&mut b, now()).unwrap();
    // B re-read before writing: it now shows A's note too.
    assert_eq!(b.notes.len(), 2);
    // The same claim: one sets the stance, the other the note; both survive.
    set_stance(&mut a, "c2", Some(Stance::Agree));
    a_store.sync(&mut a, now()).unwrap();
    assert_eq!(a.get("c2").unwrap().note, "from B");
    assert_eq!(a.get("c2").unwrap().stance, Some(Stance::Agree));
    let disk = reopen(dir.path());
    assert_eq!(disk.get("c1").unwrap().note, "from A");
    assert_eq!(disk.get("c2").unwrap().stance, Some(Stance::Agree));
    // B notices A's change without writing anything itself.
    assert!(b_store.reload_if_changed(&mut b));
    assert_eq!(b.get("c2").unwrap().stance, Some(Stance::Agree));
    // One sets the likelihood, the other the confidence, on the same claim: both survive.
    set_estimate(&mut a, "c1", Edit::SetLikelihood(Some(Likelihood::VeryLikely)));
    set_estimate(&mut b, "c1", Edit::SetConfidence(Some(Confidence::High)));
    a_store.sync(&mut a, now()).unwrap();
    b_store.sync(&mut b, now()).unwrap();
    let c1 = reopen(dir.path()).get("c1").unwrap().clone();
    assert_eq!((c1.note.as_str(), c1.likelihood), ("from A", Some(Likelihood::VeryLikely)));
    assert_eq!(c1.confidence, Some(Confidence::High));
    let text = std::fs::read_to_string(notes_file(dir.path())).unwrap();
    assert!(text.starts_with("format = 2\n"), "a likelihood needs format 2: {text}");
}

#[test]
fn a_file_replaced_underneath_is_merged_not_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut book) = NoteStore::open(dir.path(), ID);
    set_note(&mut book, "mine", "kept");
    store.sync(&mut book, now()).unwrap();
    // A sync tool puts another machine's version in place.
    let theirs = "format = 1\nbriefing = \"china-ai-innovate-or-imitate\"\n\n[[note]]\nclaim = \"theirs\"\nclaim_text = \"T.\"\nnote = \"from elsewhere\"\ncreated = 2025-01-01T00:00:00Z\nupdated = 2025-01-01T00:00:00Z\n";
    std::fs::write(notes_file(dir.path()), theirs).unwrap();
    set_note(&mut book, "later", "written after");
    store.sync(&mut book, now()).unwrap();
    let disk = reopen(dir.path());
    assert_eq!(disk.get("theirs").unwrap().note, "from elsewhere");
    assert_eq!(disk.get("later").unwrap().note, "written after");
    assert!(
        disk.get("mine").is_none(),
        "the replacement did not have it, and we did not change it again"
    );
}

#[test]
fn changed_and_orphaned_claims_are_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let b = load_bundled().unwrap().briefing.unwrap();
    let (mut store, mut book) = NoteStore::open(dir.path(), ID);
    let current = &b.claims[0];
    book.apply(Change {
        claim: current.id.clone(),
        claim_text: current.text.clone(),
        edit: Edit::SetNote("same".into()),
    });
    book.apply(Change {
        claim: b.claims[1].id.clone(),
        claim_text: "What it used to say.".into(),
        edit: Edit::SetNote("changed".into()),
    });
    set_note(&mut book, "gone-claim", "orphan");
    store.sync(&mut book, now()).unwrap();
    let book = reopen(dir.path());
    let standings: Vec<(&str, Standing)> =
        book.standings(&b).into_iter().map(|(n, s)| (n.note.as_str(), s)).collect();
    assert_eq!(
        standings,
        [
            ("same", Standing::Current(briefing::briefing::ClaimIx(0))),
            ("changed", Standing::Changed(briefing::briefing::ClaimIx(1))),
            ("orphan", Standing::Orphaned)
        ]
    );
    let md = briefing::export::notes_markdown(&b, &book);
    assert!(md.contains("## Orphaned notes"), "{md}");
    assert!(md.find("same").unwrap() < md.find("orphan").unwrap());
    assert!(md.contains("it read:* “What it used to say.”"), "{md}");
}

fn assert_left_untouched(contents: &[u8], expected_problem: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("notes")).unwrap();
    std::fs::write(notes_file(dir.path()), contents).unwrap();
    let (mut store, mut book) = NoteStore::open(dir.path(), ID);
    let problem = book.read_only.clone().expect("read-only");
    assert!(problem.contains(expected_problem), "{problem}");
    assert!(problem.contains(&notes_file(dir.path()).display().to_string()), "{problem}");
    set_note(&mut book, "c1", "must not be written over the file");
    assert!(store.sync(&mut book, now()).is_err());
    assert_eq!(std::fs::read(notes_file(dir.path())).unwrap(), contents, "byte-for-byte untouched");
    assert_eq!(book.pending.len(), 1, "the change is still held");
}

#[test]
fn a_corrupt_file_is_never_overwritten() {
    assert_left_untouched(b"format = 1\nbriefing = \"x\"\n[[note]\nclaim = 3\n", ":3:");
    assert_left_untouched(b"format = 1\nbriefing = \"x\"\n[[note]]\nclaim = 3\n", ":4:9: error:");
    assert_left_untouched(b"\xff\xfe garbage", "invalid UTF-8");
}

#[test]
fn a_newer_format_is_never_overwritten() {
    assert_left_untouched(
        b"format = 3\nbriefing = \"x\"\nfuture = true\n",
        "notes format 3 is newer",
    );
}

#[test]
fn a_failed_save_keeps_the_change_and_succeeds_later() {
    let dir = tempfile::tempdir().unwrap();
    // The notes folder cannot be created: a file stands where it should be.
    std::fs::write(dir.path().join("notes"), "in the way").unwrap();
    let (mut store, mut book) = NoteStore::open(dir.path(), ID);
    set_note(&mut book, "c1", "precious");
    let error = store.sync(&mut book, now()).unwrap_err();
    assert!(error.contains("cannot create"), "{error}");
    assert_eq!(book.save_error.as_deref(), Some(error.as_str()));
    assert_eq!(book.get("c1").unwrap().note, "precious", "still shown");
    std::fs::remove_file(dir.path().join("notes")).unwrap();
    store.sync(&mut book, now()).unwrap();
    assert_eq!(book.save_error, None);
    assert_eq!(reopen(dir.path()).get("c1").unwrap().note, "precious");
}

// --- Processes ----------------------------------------------------------------------------

const CHILD_DIR: &str = "BRIEFING_NOTES_CHILD_DIR";
const CHILD_TAG: &str = "BRIEFING_NOTES_CHILD_TAG";
const CHILD_COUNT: &str = "BRIEFING_NOTES_CHILD_COUNT";
/// How many claims the child's notes cycle through; unset, every note has a claim of its own.
const CHILD_CLAIMS: &str = "BRIEFING_NOTES_CHILD_CLAIMS";

/// Not a test of its own: the body of the child processes below, which run it with
/// `--ignored` and the environment set. It saves notes `TAG-i` one at a time (on claim
/// `TAG-(i % CLAIMS)` when `CHILD_CLAIMS` is set) and prints `saved i` once each save returned.
#[test]
#[ignore = "the child process of the SIGKILL and two-writer tests"]
fn notes_writer_child_process() {
    let dir = std::env::var(CHILD_DIR).expect("run by the tests below, with the environment set");
    let tag = std::env::var(CHILD_TAG).expect("run by the tests below, with the environment set");
    let number = |name| std::env::var(name).ok().and_then(|c| c.parse::<usize>().ok());
    let count = number(CHILD_COUNT).unwrap_or(usize::MAX);
    let claims = number(CHILD_CLAIMS).unwrap_or(usize::MAX);
    let (mut store, mut book) = NoteStore::open(Path::new(&dir), ID);
    for i in 0..count {
        let claim = format!("{tag}-{}", i % claims);
        set_note(&mut book, &claim, &note_text(&tag, i));
        set_estimate(&mut book, &claim, Edit::SetLikelihood(Some(likelihood_of(i))));
        add_mark(&mut book, &format!("{tag}-m{i}"), &note_text(&tag, i));
        store.sync(&mut book, now()).unwrap();
        println!("saved {i}");
    }
}

/// A new mark `id` on a passage, with `note`, queued in `book`.
fn add_mark(book: &mut Notebook, id: &str, note: &str) {
    let mark = Mark {
        id: id.into(),
        section: "ecosystem".into(),
        exact: format!("passage of {id}"),
        prefix: "before ".into(),
        suffix: " after".into(),
        start: 10,
        end: 10 + format!("passage of {id}").chars().count(),
        label: Some(Label::Question),
        stance: None,
        note: Some(note.into()),
        created: utc(0),
        updated: utc(0),
    };
    book.apply(MarkChange { mark: Box::new(mark), edit: MarkEdit::Add });
}

/// The marks of the notes file read without the store: each mark's id and note, file order.
fn marks_on_disk(dir: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(notes_file(dir)).unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let Some(marks) = file.get("mark") else { return Vec::new() };
    let field = |mark: &toml::Value, key: &str| mark[key].as_str().unwrap().to_string();
    marks.as_array().unwrap().iter().map(|m| (field(m, "id"), field(m, "note"))).collect()
}

/// The text of the child's note number `i`: "TAG i words…", of varying length.
fn note_text(tag: &str, i: usize) -> String {
    format!("{tag} {i} {}", "words ".repeat(i % 7))
}

fn spawn_writer(dir: &Path, tag: &str, count: usize, claims: Option<usize>) -> Child {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([
            "notes_writer_child_process",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
            "-q",
        ])
        .env(CHILD_DIR, dir)
        .env(CHILD_TAG, tag)
        .env(CHILD_COUNT, count.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(claims) = claims {
        command.env(CHILD_CLAIMS, claims.to_string());
    }
    command.spawn().unwrap()
}

/// The notes file read without the store: each note's claim and text, in file order.
fn notes_on_disk(dir: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(notes_file(dir)).unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let Some(notes) = file.get("note") else { return Vec::new() };
    let field = |note: &toml::Value, key: &str| note[key].as_str().unwrap().to_string();
    notes.as_array().unwrap().iter().map(|n| (field(n, "claim"), field(n, "note"))).collect()
}

#[test]
fn sigkill_at_any_moment_never_loses_a_saved_note() {
    // A cheap deterministic generator for the kill delays (0 to 15 ms).
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..200 {
        // A folder per round: what is found after a kill is this round's writer's alone.
        let dir = tempfile::tempdir().unwrap();
        let mut child = spawn_writer(dir.path(), "r", 100_000, None);
        let stdout = child.stdout.take().unwrap();
        let (saved, saves) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(i) = line.strip_prefix("saved ").and_then(|n| n.parse::<usize>().ok()) {
                    let _ = saved.send(i);
                }
            }
        });
        // Kill while it is saving: after its first save returned (however slow the machine
        // is to start it), then at a random moment of the saves that follow.
        let first = saves.recv_timeout(Duration::from_secs(60)).expect("the child saved nothing");
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 15_000));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(libc::SIGKILL), "round {round}: not killed mid-run");
        reader.join().unwrap();
        // Every save that returned, as the child reported them (in order, from 0).
        let reported: Vec<usize> = [first].into_iter().chain(saves.try_iter()).collect();
        let last = *reported.last().unwrap();
        assert_eq!(reported, (0..=last).collect::<Vec<_>>(), "round {round}");

        // The file parses (never half-written) and holds every reported note as written; at
        // most the one save in flight at the kill went in too.
        let on_disk = notes_on_disk(dir.path());
        let saved_count = if on_disk.len() == last + 2 { last + 2 } else { last + 1 };
        let expected: Vec<(String, String)> =
            (0..saved_count).map(|i| (format!("r-{i}"), note_text("r", i))).collect();
        let mut found = on_disk.clone();
        found.sort_by_key(|(claim, _)| claim[2..].parse::<usize>().unwrap());
        assert_eq!(found, expected, "round {round}: {} reported saved", last + 1);
        // The marks went in with the notes, in the same writes.
        let mut marks = marks_on_disk(dir.path());
        marks.sort_by_key(|(id, _)| id[3..].parse::<usize>().unwrap());
        let expected_marks: Vec<(String, String)> =
            (0..saved_count).map(|i| (format!("r-m{i}"), note_text("r", i))).collect();
        assert_eq!(marks, expected_marks, "round {round}: marks");
        // What the store reads back is the same: the temp file of the write that was cut
        // short is not taken for notes.
        let book = reopen(dir.path());
        assert_eq!(book.read_only, None, "round {round}");
        let read: Vec<(String, String)> =
            book.notes.values().map(|n| (n.claim.clone(), n.note.clone())).collect();
        let mut on_disk = on_disk;
        on_disk.sort();
        assert_eq!(read, on_disk, "round {round}");
        // And each note's likelihood, written in the same save as its text.
        for n in book.notes.values() {
            let i: usize = n.claim[2..].parse().unwrap();
            assert_eq!(n.likelihood, Some(likelihood_of(i)), "round {round}: {}", n.claim);
        }
        // Nothing else was left in the folder but the lock and that temp file.
        for entry in std::fs::read_dir(dir.path().join("notes")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let is_debris = name.starts_with(".notes-") && name.ends_with(".tmp");
            assert!(
                is_debris || name == format!("{ID}.toml") || name == format!("{ID}.toml.lock"),
                "round {round}: {name} left in the notes folder"
            );
        }
    }
}

#[test]
fn temp_files_left_by_a_killed_writer_are_cleaned_up_later() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    let stale = notes.join(".notes-dead.tmp");
    let fresh = notes.join(".notes-live.tmp");
    std::fs::write(&stale, "half").unwrap();
    std::fs::write(&fresh, "in flight").unwrap();
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&stale).unwrap().set_modified(old).unwrap();
    let _ = NoteStore::open(dir.path(), ID);
    assert!(!stale.exists(), "an hour-old temp file is debris");
    assert!(fresh.exists(), "a fresh one may be another reader's write in progress");
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = spawn_writer(dir.path(), "a", 120, Some(40));
    let mut b = spawn_writer(dir.path(), "b", 120, Some(40));
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    // Each writer's last 40 notes, one per claim, whatever order their saves interleaved in.
    let mut expected: Vec<(String, String)> = ["a", "b"]
        .iter()
        .flat_map(|tag| (80..120).map(move |i| (format!("{tag}-{}", i % 40), note_text(tag, i))))
        .collect();
    expected.sort();
    let mut on_disk = notes_on_disk(dir.path());
    on_disk.sort();
    assert_eq!(on_disk, expected);
    let book = reopen(dir.path());
    assert_eq!(book.read_only, None);
    let read: Vec<(String, String)> =
        book.notes.values().map(|n| (n.claim.clone(), n.note.clone())).collect();
    assert_eq!(read, expected);
    // Every mark either one added, none lost to the other's writes.
    let mut marks: Vec<(String, String)> = ["a", "b"]
        .iter()
        .flat_map(|tag| (0..120).map(move |i| (format!("{tag}-m{i}"), note_text(tag, i))))
        .collect();
    marks.sort();
    let mut on_disk = marks_on_disk(dir.path());
    on_disk.sort();
    assert_eq!(on_disk, marks);
    assert_eq!(book.marks.len(), 240);
}

/// The notes files older readers wrote (format 1; format 2 before own claims), in
/// `tests/fixtures/notes/`.
fn older_notes_files() -> Vec<(std::path::PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    files.sort();
    assert!(files.len() >= 3, "the fixtures are there: {files:?}");
    files
}

#[test]
fn every_older_notes_file_loads_and_writes_back_unchanged() {
    for (path, text) in older_notes_files() {
        let read = parse(&path, ID, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!read.is_empty(), "{}", path.display());
        let written = briefing::notes::store::encode(ID, &read).unwrap();
        assert_eq!(written, text, "{} is written back byte for byte", path.display());
        // Through the store, with a change of its own kind: read-write, its format kept, and
        // everything in it still there.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("notes")).unwrap();
        std::fs::write(notes_file(dir.path()), &text).unwrap();
        let (mut store, mut book) = NoteStore::open(dir.path(), ID);
        assert_eq!(book.read_only, None, "{}", path.display());
        set_stance(&mut book, "added-later", Some(Stance::Agree));
        store.sync(&mut book, now()).unwrap();
        let after = std::fs::read_to_string(notes_file(dir.path())).unwrap();
        let format = text.lines().next().unwrap();
        assert!(after.starts_with(&format!("{format}\n")), "{}: {after}", path.display());
        let again = parse(&path, ID, &after).unwrap();
        let mut expected = read.clone();
        expected.notes.insert("added-later".into(), again.notes["added-later"].clone());
        assert_eq!(again, expected, "{}: nothing lost", path.display());
    }
}

#[test]
fn an_own_claim_makes_an_older_file_format_2_and_keeps_all_it_held() {
    let (path, text) = older_notes_files().into_iter().next().unwrap();
    assert!(text.starts_with("format = 1\n"), "{}", path.display());
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("notes")).unwrap();
    std::fs::write(notes_file(dir.path()), &text).unwrap();
    let (mut store, mut book) = NoteStore::open(dir.path(), ID);
    let before = parse(&path, ID, &text).unwrap();
    add_own_claim(&mut book, "Chips lag by five years.");
    store.sync(&mut book, utc(1_764_000_000)).unwrap();
    let after = std::fs::read_to_string(notes_file(dir.path())).unwrap();
    assert!(after.starts_with("format = 2\n"), "{after}");
    let read = parse(&path, ID, &after).unwrap();
    assert_eq!(read.notes, before.notes, "every older note kept as it was");
    let mine = &read.own_claims["my-chips-lag-by-five-years"];
    assert_eq!(mine.created.to_string(), "2025-11-24T16:00:00Z", "stamped by the store");
    // Deleting it makes the file format 1 again, as it was.
    let delete = OwnClaimEdit::Delete { was: mine.text.clone() };
    book.apply(OwnClaimChange { claim: Box::new(mine.clone()), edit: delete });
    store.sync(&mut book, now()).unwrap();
    assert_eq!(std::fs::read_to_string(notes_file(dir.path())).unwrap(), text);
}

/// A new own claim with `text` on a passage of the bundled briefing's first section, queued
/// in `book` under the id `own::new_id` makes for it; returns that claim.
fn add_own_claim(book: &mut Notebook, text: &str) -> OwnClaim {
    let b = load_bundled().unwrap().briefing.unwrap();
    let taken = |id: &str| b.claims.iter().any(|c| c.id == id) || book.own_claims.contains_key(id);
    let id = own::new_id(taken, text);
    let (exact, prefix, suffix, start, end) =
        briefing::notes::anchor::quote_at(&b, briefing::briefing::SectionIx(0), 0, 0..12);
    let claim = OwnClaim {
        id,
        text: text.into(),
        kind: None,
        section: b.sections[0].id.clone(),
        exact,
        prefix,
        suffix,
        start,
        end,
        created: utc(0),
        updated: utc(0),
    };
    let mut unsaved = claim.clone();
    // Not yet written: the store stamps it.
    unsaved.created = toml::value::Datetime { date: None, time: None, offset: None };
    book.apply(OwnClaimChange { claim: Box::new(unsaved), edit: OwnClaimEdit::Add });
    claim
}

fn add_own_counterpoint(book: &mut Notebook, claims: &[&str], text: &str) -> OwnCounterpoint {
    let id = own::new_counterpoint_id(|id| book.own_counterpoints.contains_key(id), text);
    let counterpoint = OwnCounterpoint {
        id,
        claims: claims.iter().map(|c| c.to_string()).collect(),
        text: text.into(),
        by: None,
        created: utc(0),
        updated: utc(0),
    };
    let change = OwnCounterpointChange {
        counterpoint: Box::new(counterpoint.clone()),
        edit: OwnCounterpointEdit::Add,
    };
    book.apply(change);
    counterpoint
}

#[test]
fn two_readers_each_add_own_claims_and_counterpoints_and_both_survive() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a_store, mut a) = NoteStore::open(dir.path(), ID);
    let (mut b_store, mut b) = NoteStore::open(dir.path(), ID);
    let from_a = add_own_claim(&mut a, "Talent flows back.");
    let a_answer = add_own_counterpoint(&mut a, &[&from_a.id], "Visas say otherwise.");
    a_store.sync(&mut a, now()).unwrap();
    // B has not seen A's when it makes its own.
    let from_b = add_own_claim(&mut b, "Compute is the bottleneck.");
    let b_answer = add_own_counterpoint(&mut b, &["llm-count"], "Counts are not quality.");
    b_store.sync(&mut b, now()).unwrap();
    assert_eq!(b.own_claims.len(), 2, "B shows A's claim after its save");
    let disk = reopen(dir.path());
    assert_eq!(disk.own_claims[&from_a.id].text, "Talent flows back.");
    assert_eq!(disk.own_claims[&from_b.id].text, "Compute is the bottleneck.");
    assert_eq!(disk.own_counterpoints[&a_answer.id].claims, [from_a.id.as_str()]);
    assert_eq!(disk.own_counterpoints[&b_answer.id].claims, ["llm-count"]);
    // B's counterpoint answers A's claim too; A links A's claim to a factor: both survive.
    let answer = OwnCounterpointEdit::Answer { claim: from_a.id.clone(), on: true };
    b.apply(OwnCounterpointChange { counterpoint: Box::new(b_answer.clone()), edit: answer });
    let link = Edit::LinkFactor { factor: "talent".into(), on: true };
    a.apply(Change { claim: from_a.id.clone(), claim_text: from_a.text.clone(), edit: link });
    b_store.sync(&mut b, now()).unwrap();
    a_store.sync(&mut a, now()).unwrap();
    let disk = reopen(dir.path());
    assert_eq!(disk.own_counterpoints[&b_answer.id].claims, ["llm-count", from_a.id.as_str()]);
    assert_eq!(disk.get(&from_a.id).unwrap().factors, ["talent"]);
    assert_eq!(own::answering(&disk.own_counterpoints, &from_a.id).len(), 2);
}

#[test]
fn a_delete_wins_over_a_stale_edit_and_a_rewrite_over_a_stale_delete() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a_store, mut a) = NoteStore::open(dir.path(), ID);
    let mine = add_own_claim(&mut a, "Talent flows back.");
    a_store.sync(&mut a, now()).unwrap();
    let (mut b_store, mut b) = NoteStore::open(dir.path(), ID);
    let seen = b.own_claims[&mine.id].clone();
    // A deletes it; B, not having seen that, sets its kind: it stays deleted.
    let delete = OwnClaimEdit::Delete { was: seen.text.clone() };
    a.apply(OwnClaimChange { claim: Box::new(seen.clone()), edit: delete });
    a_store.sync(&mut a, now()).unwrap();
    let kind = OwnClaimEdit::Kind(Some(briefing::briefing::ClaimKind::Forecast));
    b.apply(OwnClaimChange { claim: Box::new(seen.clone()), edit: kind });
    b_store.sync(&mut b, now()).unwrap();
    assert!(reopen(dir.path()).own_claims.is_empty(), "a stale kind brings nothing back");
    // B rewrites its text: that brings it back, so no word is lost.
    let text =
        OwnClaimEdit::Text { text: "Talent flows back, slowly.".into(), was: seen.text.clone() };
    b.apply(OwnClaimChange { claim: Box::new(seen.clone()), edit: text });
    b_store.sync(&mut b, now()).unwrap();
    assert_eq!(reopen(dir.path()).own_claims[&mine.id].text, "Talent flows back, slowly.");
    // A, having seen the old text, deletes it: the rewrite is kept, and said so.
    let delete = OwnClaimEdit::Delete { was: "Talent flows back.".into() };
    let (file, kept) = a_store
        .write(&[OwnClaimChange { claim: Box::new(seen), edit: delete }.into()], now())
        .unwrap();
    assert_eq!(kept, ["Talent flows back.".to_string()]);
    assert_eq!(file.own_claims[&mine.id].text, "Talent flows back, slowly.");
}

#[test]
fn two_readers_own_claims_that_get_one_id_keep_both_texts() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a_store, mut a) = NoteStore::open(dir.path(), ID);
    let (mut b_store, mut b) = NoteStore::open(dir.path(), ID);
    // Neither has seen the other's: the same first words give the same id.
    let from_a = add_own_claim(&mut a, "Talent flows back to China from the US and Europe fast.");
    let from_b =
        add_own_claim(&mut b, "Talent flows back to China from the US and Europe, slowly.");
    assert_eq!(from_a.id, from_b.id);
    assert_eq!(from_a.id, "my-talent-flows-back-to-china-from-the-us");
    a_store.sync(&mut a, now()).unwrap();
    let (file, kept) = b_store.write(&b.take_unsent(), now()).unwrap();
    assert_eq!(kept, [from_b.text.as_str()], "the store says both were kept");
    let text = &file.own_claims[&from_a.id].text;
    assert!(text.starts_with(&format!("{}\n\n--- also written elsewhere", from_b.text)), "{text}");
    assert!(text.ends_with(&format!("---\n{}", from_a.text)), "{text}");
    // A's next id for the same words is another one, now that it knows the first.
    a_store.reload(&mut a);
    assert_ne!(add_own_claim(&mut a, &from_a.text).id, from_a.id);
}

#[test]
fn the_documented_example_is_a_notes_file_this_reader_reads() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/notes-format.md"))
            .unwrap();
    let example = doc.split("```toml\n").nth(1).and_then(|rest| rest.split("```").next()).unwrap();
    let read = parse(Path::new("docs/notes-format.md"), "my-article", example)
        .unwrap_or_else(|e| panic!("{e}"));
    let (claim, counterpoint) = (&read.own_claims, &read.own_counterpoints);
    assert_eq!(claim["my-chips-lag-by-five-years"].text, "Chips lag by five years.");
    assert_eq!(counterpoint["my-export-controls-bite"].claims.len(), 2);
    assert_eq!(read.notes["llm-count"].factors, ["tools", "talent"]);
    assert_eq!((read.marks.len(), read.ratings.len(), read.observations.len()), (1, 1, 1));
    for c in claim.values() {
        assert_eq!(own::new_id(|_| false, &c.text), c.id, "the id its text makes");
    }
    for c in counterpoint.values() {
        assert_eq!(own::new_counterpoint_id(|_| false, &c.text), c.id, "the id its text makes");
    }
}
