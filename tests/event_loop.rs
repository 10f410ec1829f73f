//! The reader's own loop (`event_loop::run`), driven by a script of terminal events on an
//! in-memory screen, with the real worker saving notes in a temp folder: keys, mouse, paste,
//! resize, Ctrl-Z and signals go through the same code as in a terminal, and no frame waits
//! for the disk or a lock.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::Path;

use briefing::briefing::{Briefing, SectionIx, check_text};
use briefing::notes::store::NoteStore;
use briefing::tui::app::{App, Message, SidePane};
use briefing::tui::event_loop::{self, Context, Input, Outcome};
use briefing::tui::screen::Screen;
use briefing::tui::script::Script;
use briefing::tui::worker::Worker;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const FIXTURE: &str = r#"
format = 1

[briefing]
id = "loop-fixture"
title = "Loop fixture"

[[section]]
id = "first"
title = "First part"
body = """
Alpha one two three four five six seven eight nine ten eleven twelve and more words to fill the line and more words to fill the line and more words to fill the line and more words to fill the line.

Bravo one two three four five six seven eight nine ten eleven twelve and more words to fill the line and more words to fill the line and more words to fill the line and more words to fill the line.

Charlie one two three four five six seven eight nine ten eleven twelve and more words to fill the line and more words to fill the line and more words to fill the line and more words to fill the line.

Delta one two three four five six seven eight nine ten eleven twelve and more words to fill the line and more words to fill the line and more words to fill the line and more words to fill the line.

Echo one two three four five six seven eight nine ten eleven twelve and more words to fill the line and more words to fill the line and more words to fill the line and more words to fill the line.

Foxtrot one two three four five six seven eight nine ten eleven twelve and more words to fill the line and more words to fill the line and more words to fill the line and more words to fill the line.

Golf one two three four five six seven eight nine ten eleven twelve and more words to fill the line and more words to fill the line and more words to fill the line and more words to fill the line.

Hotel one two three four five six seven eight nine ten eleven twelve and more words to fill the line and more words to fill the line and more words to fill the line and more words to fill the line.
"""

[[section]]
id = "second"
title = "Second part"
body = "India closes the fixture."

[[claim]]
id = "alpha"
section = "first"
text = "Alpha is claimed."
quote = "Alpha one two"

[[claim]]
id = "golf"
section = "first"
text = "Golf is claimed too."
quote = "Golf one two"

[[counterpoint]]
id = "doubt"
claims = ["alpha"]
text = "Doubt about alpha."

[[factor]]
id = "tools"
title = "Tools"
text = "Chips."
sections = ["first"]
"#;

fn fixture() -> Briefing {
    let report = check_text(Path::new("loop.toml"), FIXTURE);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    report.briefing.unwrap()
}

/// The reader on the fixture at 100x30, its notes kept in `data`.
struct Reader {
    app: App,
    screen: Screen<Vec<u8>>,
    worker: Worker,
    answers: Option<std::sync::mpsc::Receiver<Message>>,
    data: tempfile::TempDir,
}

impl Reader {
    fn new() -> Reader {
        let data = tempfile::tempdir().unwrap();
        let (worker, answers) = Worker::spawn(Box::new(|| {}));
        let app = App::new(fixture(), Rect::new(0, 0, 100, 30));
        worker.open_notes(Some(data.path()), "loop-fixture");
        let mut reader = Reader {
            app,
            screen: Screen::new(Vec::new(), 100, 30),
            worker,
            answers: Some(answers),
            data,
        };
        // The notes are read first, as the reader starts.
        assert_eq!(reader.run(|s| s.answer().pause().keys("q")), Outcome::Quit);
        reader
    }

    /// Runs the loop on `script` (given the worker's answers); the script must end the loop.
    fn run(&mut self, script: impl FnOnce(Script) -> Script) -> Outcome {
        let script = script(Script::new().with_answers(self.answers.take().unwrap()));
        let mut script = script;
        let cx = Context::plain();
        let outcome =
            event_loop::run(&mut self.screen, &mut script, &mut self.app, &self.worker, &cx);
        self.answers = Some(take_answers(&mut script));
        let outcome = outcome.unwrap();
        assert_eq!(script.remaining(), 0, "steps left after {outcome:?}");
        outcome
    }

    fn shown(&self) -> String {
        text_of(&self.screen.shown())
    }

    fn notes_file(&self) -> String {
        std::fs::read_to_string(self.data.path().join("notes/loop-fixture.toml"))
            .unwrap_or_default()
    }
}

/// The answers receiver back out of a script (it owns it while running).
fn take_answers(script: &mut Script) -> std::sync::mpsc::Receiver<Message> {
    script.take_answers().unwrap()
}

fn text_of(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_saved(message: &Message) -> bool {
    matches!(message, Message::NotesSaved { .. })
}

#[test]
fn keys_scroll_and_jump_and_q_quits() {
    let mut reader = Reader::new();
    let outcome = reader.run(|s| s.keys("jjj").pause().keys("]").pause().pause().keys("q"));
    assert_eq!(outcome, Outcome::Quit);
    assert_eq!(reader.app.section(), SectionIx(1));
    assert!(reader.shown().contains("India closes the fixture."), "{}", reader.shown());
    reader.run(|s| s.keys("[jj").pause().keys("q"));
    assert_eq!((reader.app.section(), reader.app.scroll()), (SectionIx(0), 2));
}

#[test]
fn a_note_is_written_by_the_worker_and_said_saved_once_it_is() {
    let mut reader = Reader::new();
    reader.run(|s| {
        s.keys("a").paste("first line\nsecond \u{1b}[31mline").ctrl('s').pause().keys("q")
    });
    assert!(!reader.shown().contains("note saved"), "not before the worker answered");
    reader.run(|s| s.answer_until(is_saved).pause().keys("q"));
    assert!(reader.shown().contains("note saved"), "{}", reader.shown());
    let file = reader.notes_file();
    assert!(file.contains("first line\nsecond ^[[31mline"), "{file}");
    assert!(!file.contains('\u{1b}'));
    assert!(reader.app.notes().pending.is_empty());
}

#[test]
fn keys_answer_while_another_process_holds_the_notes_lock() {
    let mut reader = Reader::new();
    std::fs::create_dir_all(reader.data.path().join("notes")).unwrap();
    let lock =
        std::fs::File::create(reader.data.path().join("notes/loop-fixture.toml.lock")).unwrap();
    lock.lock().unwrap();
    // `s` asks for a save, which waits for the lock on the worker; the keys after it are
    // handled and drawn at once.
    reader.run(|s| s.keys("s").pause().keys("jjjj").pause().pause().keys("q"));
    assert_eq!(reader.app.scroll(), 4, "the keys after the save were handled");
    assert_eq!(reader.app.notes().pending.len(), 1, "the save is still waiting for the lock");
    assert_eq!(reader.app.notes().save_error, None, "and has not failed: nothing waited for it");
    assert!(reader.shown().contains("+ agree"), "{}", reader.shown());
    assert!(!reader.shown().contains("not saved"), "{}", reader.shown());
    // Let it go: the worker writes it (at once, or at its next retry if its wait gave up).
    reader.run(move |s| s.run(move || drop(lock)).answer_until(is_saved).pause().keys("q"));
    assert!(reader.notes_file().contains("stance = \"agree\""), "{}", reader.notes_file());
    assert!(reader.app.notes().pending.is_empty());
    assert_eq!(reader.app.notes().save_error, None);
}

#[test]
fn notes_changed_by_another_reader_show_up() {
    let mut reader = Reader::new();
    let (mut store, mut book) = NoteStore::open(reader.data.path(), "loop-fixture");
    book.apply(briefing::notes::Change {
        claim: "golf".into(),
        claim_text: "Golf is claimed too.".into(),
        edit: briefing::notes::Edit::SetNote("written elsewhere".into()),
    });
    store.sync(&mut book, briefing::notes::store::now()).unwrap();
    reader.run(|s| {
        s.answer_until(|m| matches!(m, Message::NotesRead { .. })).keys("\tj").pause().keys("q")
    });
    assert_eq!(reader.app.notes().get("golf").map(|n| n.note.as_str()), Some("written elsewhere"));
    assert!(reader.shown().contains("written elsewhere"), "the selected claim's note is shown");
}

#[test]
fn the_library_is_scanned_on_the_worker() {
    let mut reader = Reader::new();
    let outcome = reader.run(|s| {
        s.keys("L").pause().answer_until(|m| matches!(m, Message::LibraryScanned(_))).keys("\r")
    });
    // The library holds the bundled briefing (the context names no folders): Enter opens it.
    let Outcome::Open(entry) = outcome else { panic!("{outcome:?}") };
    assert_eq!(entry.id, "china-ai-innovate-or-imitate");
}

#[test]
fn clicks_go_where_the_frame_drew_things() {
    let mut reader = Reader::new();
    let buf = reader.screen.shown().into_owned();
    let (x, y) = (0..buf.area.height)
        .find_map(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            row.find("Golf is claimed").map(|at| (row[..at].chars().count() as u16, y))
        })
        .expect("the second claim is on screen");
    reader.run(|s| s.mouse(x, y, None).pause().keys("q"));
    assert_eq!(reader.app.selected(SidePane::Claims).0, 1);
    assert_eq!(reader.app.highlight().map(|c| c.0), Some(1));
}

#[test]
fn a_resize_redraws_at_the_new_size() {
    let mut reader = Reader::new();
    reader.run(|s| s.resize(60, 16).pause().keys("q"));
    assert_eq!(reader.screen.area(), Rect::new(0, 0, 60, 16));
    assert_eq!(reader.app.screen(), Rect::new(0, 0, 60, 16));
    assert!(reader.shown().contains("Loop fixture"), "{}", reader.shown());
}

#[test]
fn ctrl_z_suspends_and_the_screen_is_drawn_again_whole() {
    let mut reader = Reader::new();
    let cx = Context::plain();
    let mut script =
        Script::new().with_answers(reader.answers.take().unwrap()).ctrl('z').pause().keys("q");
    script.size = (90, 20);
    reader.screen.out_mut().clear();
    let outcome =
        event_loop::run(&mut reader.screen, &mut script, &mut reader.app, &reader.worker, &cx);
    assert_eq!(outcome.unwrap(), Outcome::Quit);
    assert_eq!(script.suspended, 1);
    assert_eq!(reader.app.screen(), Rect::new(0, 0, 90, 20), "the size after fg is taken");
    let written = String::from_utf8_lossy(reader.screen.out());
    let cleared = written.rfind("\x1b[2J").expect("cleared after resuming");
    assert!(written[cleared..].contains("Loop fixture"), "and drawn whole again: {written:?}");
}

#[test]
fn a_signal_ends_the_loop() {
    let mut reader = Reader::new();
    let outcome =
        reader.run(|s| s.keys("j").step(briefing::tui::script::Step::Input(Input::Signal(15))));
    assert_eq!(outcome, Outcome::Signal(15));
}

#[test]
fn closing_waits_for_the_last_save_and_reports_what_could_not_be_written() {
    let mut reader = Reader::new();
    let stop = briefing::tui::script::Step::Input(Input::Signal(15));
    reader.run(|s| s.keys("a").paste("kept on close").keys("q").step(stop));
    assert!(reader.app.overlay().is_some(), "q is text in the editor");
    // The loop was left with the editor open: finishing keeps the note.
    let changes = reader.app.finish();
    assert_eq!(reader.worker.flush(changes), Ok(()));
    assert!(reader.notes_file().contains("kept on closeq"), "{}", reader.notes_file());
    // With the notes folder made a file, nothing can be written: the words come back.
    let other = Reader::new();
    let notes = other.data.path().join("notes");
    std::fs::remove_dir_all(&notes).ok();
    std::fs::write(&notes, "not a folder").unwrap();
    let change = briefing::notes::Change {
        claim: "alpha".into(),
        claim_text: "Alpha is claimed.".into(),
        edit: briefing::notes::Edit::SetNote("do not lose me".into()),
    };
    let unsaved = other.worker.flush(vec![change.clone().into()]).unwrap_err();
    assert_eq!(unsaved.changes, [change.into()]);
    assert!(unsaved.error.contains("cannot"), "{}", unsaved.error);
}

#[test]
fn two_readers_writing_the_same_note_lose_neither() {
    // This reader opens the editor on the first claim...
    let mut reader = Reader::new();
    reader.run(|s| {
        s.keys("a").paste("mine").step(briefing::tui::script::Step::Input(Input::Signal(15)))
    });
    assert!(reader.app.overlay().is_some(), "the editor is open");
    // ...another reader saves a note on the same claim meanwhile...
    let (mut store, mut book) = NoteStore::open(reader.data.path(), "loop-fixture");
    book.apply(briefing::notes::Change {
        claim: "alpha".into(),
        claim_text: "Alpha is claimed.".into(),
        edit: briefing::notes::Edit::SetNote("theirs".into()),
    });
    store.sync(&mut book, briefing::notes::store::now()).unwrap();
    // ...then this one saves: both are kept, and it says so.
    reader.run(|s| s.ctrl('s').answer_until(is_saved).pause().keys("q"));
    let file = reader.notes_file();
    assert!(file.contains("mine"), "{file}");
    assert!(file.contains("theirs"), "{file}");
    assert!(file.contains(briefing::notes::KEPT_BOTH), "{file}");
    assert!(reader.shown().contains("both versions are kept"), "{}", reader.shown());
}

/// The real worker watches the briefing's file: a save (by rename) comes back as the new
/// version, which the loop shows in place; a broken save as its errors, over the last good
/// version.
#[test]
fn the_worker_sees_the_file_change_and_the_loop_shows_it() {
    let mut reader = Reader::new();
    let file = reader.data.path().join("loop.toml");
    std::fs::write(&file, FIXTURE).unwrap();
    let app = App::new(fixture(), Rect::new(0, 0, 100, 30)).with_source(Some(file.clone()));
    reader.app = app;
    reader.worker.watch_briefing(Some(&file));
    let is_news = |m: &Message| {
        matches!(m, Message::BriefingReloaded { .. } | Message::BriefingBroken { .. })
    };
    let rewrite = |text: String| {
        let file = file.clone();
        move || {
            let temp = file.with_extension("tmp");
            std::fs::write(&temp, text).unwrap();
            std::fs::rename(&temp, &file).unwrap();
        }
    };
    let is_watching = |m: &Message| matches!(m, Message::Watching(_));
    reader.run(|s| {
        s.keys("]")
            // An edit made before the watch is up could not be seen.
            .answer_until(is_watching)
            .run(rewrite(FIXTURE.replace("Second part", "Second, renamed")))
            .answer_until(is_news)
            .pause()
            .keys("q")
    });
    assert_eq!(reader.app.section(), SectionIx(1));
    assert!(reader.shown().contains("Second, renamed"), "{}", reader.shown());
    reader.run(|s| {
        s.run(rewrite(FIXTURE.replace("format = 1", "format = ")))
            .answer_until(is_news)
            .pause()
            // `q` closes the list of errors first; Ctrl-C quits from anywhere.
            .ctrl('c')
    });
    let shown = reader.shown();
    assert!(shown.contains("The file does not load (1 problem)"), "{shown}");
    assert!(shown.contains("Second, renamed"), "{shown}");
}
