//! What a reader is judged by, at 100 KB, 1 MB and 10 MB (synthetic briefings, see
//! `examples/synth.rs`): the load against the bare parser floor, the time to the first frame,
//! and the cost of each key (update, then paint at 120x40 as the reader does on a terminal:
//! `ui::paint` on a `Screen` writing escape sequences to memory), incremental search (each
//! keystroke, a paste, `n` through hundreds of thousands of matches), plus a note save with
//! 1,000 notes in the file.
//!
//! ```text
//! cargo bench --bench reader                 # everything
//! cargo bench --bench reader -- key::        # only the keys (divan filters by path)
//! cargo bench --bench reader -- search::     # only incremental search
//! cargo bench --bench reader -- lock::       # keys while the notes lock is held, and not
//! ```
//!
//! Each key bench keeps the reader where it started (Down then Up, PageDown then PageUp, ...),
//! so every sample costs one key at the same place, whatever the number of iterations. The
//! issue's targets (BENCHMARKS.md): every key at 10 MB within 1.5x of the same key at 100 KB.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use briefing::briefing::{Anchor, Location, SectionIx};
use briefing::briefing::{Briefing, check_text};
use briefing::tui::app::{Action, App, Message, Mode, Overlay};
use briefing::tui::screen::Screen;
use briefing::tui::theme::COLOR;
use briefing::tui::ui::{self, Geometry, Redraw};
use common::{SIZES, floor};
use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use ratatui::layout::Rect;

/// The screen every bench draws: a common wide terminal.
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn main() {
    divan::main();
}

/// The text of each input, read once per process.
fn text(size: &str) -> &'static str {
    static TEXTS: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut texts = TEXTS.get_or_init(Default::default).lock().unwrap();
    texts.entry(size.to_string()).or_insert_with(|| common::synth_text(size).leak())
}

/// The loaded briefing of each input (cloned for each bench, so none sees another's state).
fn loaded(size: &str) -> Briefing {
    static LOADED: OnceLock<Mutex<HashMap<String, Briefing>>> = OnceLock::new();
    let mut loaded = LOADED.get_or_init(Default::default).lock().unwrap();
    loaded
        .entry(size.to_string())
        .or_insert_with(|| {
            let report = check_text(Path::new(size), text(size));
            report.briefing.unwrap_or_else(|| panic!("synth {size}: {:?}", report.diagnostics))
        })
        .clone()
}

/// Loading: the parser floor, the whole check, and the first frame.
mod load {
    use super::*;

    /// The floor: one typed `toml::from_str` into the loader's own `RawFile`.
    #[divan::bench(args = SIZES, max_time = 10)]
    fn toml_floor(bencher: Bencher, size: &str) {
        let text = text(size);
        bencher.counter(BytesCount::of_str(text)).bench_local(|| floor::parse(black_box(text)));
    }

    /// `check_text`: parse with spans, validate, sanitize, fold paragraphs.
    #[divan::bench(args = SIZES, max_time = 10)]
    fn check(bencher: Bencher, size: &str) {
        let text = text(size);
        bencher
            .counter(BytesCount::of_str(text))
            .bench_local(|| check_text(Path::new(size), black_box(text)));
    }

    /// Time to first frame: `check_text`, `App::new` and one render at 120x40.
    #[divan::bench(args = SIZES, max_time = 10)]
    fn first_frame(bencher: Bencher, size: &str) {
        let text = text(size);
        bencher.counter(BytesCount::of_str(text)).bench_local(|| {
            let briefing = check_text(Path::new(size), black_box(text)).briefing.unwrap();
            let app = App::new(briefing, Rect::new(0, 0, WIDTH, HEIGHT));
            let mut screen = Screen::new(Vec::new(), WIDTH, HEIGHT);
            let mut geometry = Geometry::default();
            ui::paint(&mut screen, &app, &COLOR, Redraw::All, 0, &mut geometry).unwrap();
            (app, screen)
        });
    }
}

/// A reader drawing as on a terminal (`ui::paint` on a `Screen`, the escape sequences going
/// to memory), one frame already drawn, so later frames are diffs.
struct Reader {
    app: App,
    screen: Screen<Vec<u8>>,
    geometry: Geometry,
}

impl Reader {
    fn new(size: &str) -> Self {
        let app = App::new(loaded(size), Rect::new(0, 0, WIDTH, HEIGHT));
        let screen = Screen::new(Vec::new(), WIDTH, HEIGHT);
        let mut reader = Reader { app, screen, geometry: Geometry::default() };
        reader.draw(Redraw::All, 0);
        reader
    }

    /// A reader at section 10, or the first section after it whose text is longer than the
    /// pane (so a scroll moves the text) and that makes at least two claims. `examples/synth`
    /// makes the same first sections at every size, so this is the same text at 100 KB and at
    /// 10 MB: what differs between sizes is only the size of the document around it.
    fn at_section_10(size: &str) -> Self {
        let mut reader = Reader::new(size);
        let n = reader.app.briefing().sections.len();
        let section = (9..n)
            .find(|&s| {
                reader.go_to(s);
                reader.app.page().lines.len() > reader.app.page_height() + 2
                    && reader.app.claims_in_view().len() >= 2
            })
            .expect("a long section with claims");
        reader.go_to(section);
        reader.draw(Redraw::All, 0);
        reader
    }

    fn go_to(&mut self, section: usize) {
        let at = Location { section: SectionIx(section), anchor: Anchor::default() };
        let app = App::new(self.app.briefing().clone(), Rect::new(0, 0, WIDTH, HEIGHT));
        self.app = app.at(Some(at));
    }

    fn draw(&mut self, redraw: Redraw, scrolled: isize) {
        ui::paint(&mut self.screen, &self.app, &COLOR, redraw, scrolled, &mut self.geometry)
            .unwrap();
        self.screen.out_mut().clear();
    }

    /// One key, as the event loop does it: update, then paint what it changed.
    fn key(&mut self, action: Action) {
        let redraw = ui::redraw_for(&self.app, &action);
        let before = self.app.scroll() as isize;
        black_box(self.app.update(action));
        self.draw(redraw, self.app.scroll() as isize - before);
    }

    /// Something from outside (a paste), as the event loop applies it: update, then paint it all.
    fn message(&mut self, message: Message) {
        black_box(self.app.update(message));
        self.draw(Redraw::All, 0);
    }

    /// The number of matches the status bar counts ("3/17"), 0 without any.
    fn match_count(&self) -> usize {
        let counter = self.app.match_counter().unwrap_or_default();
        counter.split('/').nth(1).map_or(0, |n| n.parse().unwrap())
    }

    /// Back to reading where it started, no search kept, then `/` (drawn): the prompt is open
    /// and empty, as before the first letter of a query.
    fn open_empty_prompt(&mut self) {
        while self.app.mode() != Mode::Reading {
            self.app.update(Action::Close);
        }
        self.app.update(Action::StartSearch);
        self.draw(Redraw::All, 0);
    }

    /// Benches one key, alternating `there` and `back` so the reader stays where it is.
    fn bench_pair(mut self, bencher: Bencher, there: Action, back: Action) {
        let mut forth = true;
        bencher.bench_local(move || {
            self.key(if forth { there } else { back });
            forth = !forth;
        });
    }
}

/// Per key: update + render at 120x40. Targets: 10 MB within 1.5x of 100 KB.
mod key {
    use super::*;

    /// `j` / `k`: scroll the text one line.
    #[divan::bench(args = SIZES, sample_count = 1000)]
    fn scroll_line(bencher: Bencher, size: &str) {
        Reader::at_section_10(size).bench_pair(bencher, Action::Down, Action::Up);
    }

    /// `j` / `k` as in a terminal, where a person types: between two keys the machine does
    /// other work, so the reader's memory is no longer in the CPU's caches. Each sample first
    /// walks 32 MiB (outside the timing), then times one key.
    #[divan::bench(args = ["1MB"], sample_count = 300)]
    fn scroll_line_cold(bencher: Bencher, size: &str) {
        let mut reader = Reader::at_section_10(size);
        let mut other_work = vec![0u64; 4 << 20];
        let mut forth = true;
        bencher
            .with_inputs(|| {
                for (i, word) in other_work.iter_mut().enumerate() {
                    *word = word.wrapping_add(i as u64);
                }
                black_box(&other_work);
            })
            .bench_local_values(|()| {
                reader.key(if forth { Action::Down } else { Action::Up });
                forth = !forth;
            });
    }

    /// `PageDown` / `PageUp`.
    #[divan::bench(args = SIZES, sample_count = 1000)]
    fn page_down(bencher: Bencher, size: &str) {
        Reader::at_section_10(size).bench_pair(bencher, Action::PageDown, Action::PageUp);
    }

    /// `]` / `[`: next and previous section.
    #[divan::bench(args = SIZES, sample_count = 1000)]
    fn next_section(bencher: Bencher, size: &str) {
        Reader::at_section_10(size).bench_pair(bencher, Action::NextSection, Action::PrevSection);
    }

    /// Section 1 to the last section and back: the last section is reached once through the
    /// contents picker (`t`, page down to the end, Enter), then `Ctrl-O` and `'` alternate
    /// between the two ends of the document (each one key, each a full section change).
    #[divan::bench(args = SIZES, sample_count = 1000)]
    fn jump_to_last_section(bencher: Bencher, size: &str) {
        let mut reader = Reader::new(size);
        let last = reader.app.briefing().sections.len() - 1;
        reader.app.update(Action::OpenContents);
        while matches!(reader.app.overlay(), Some(Overlay::Picker(p)) if p.selected < last) {
            reader.app.update(Action::PageDown);
        }
        reader.key(Action::Accept);
        assert_eq!(reader.app.section(), SectionIx(last), "the picker reached the last section");
        reader.bench_pair(bencher, Action::JumpBack, Action::JumpForward);
    }

    /// `n`: the next match of a search kept with Enter (a word with matches all through the
    /// document, so `n` now stays in the section, now moves to another one). Eight `n`, then
    /// eight `N` back, over and over: the same matches, in the sections every size shares, so
    /// what differs between sizes is only the document around them (walking on with `n` would
    /// measure other sections at each size).
    #[divan::bench(args = SIZES, sample_count = 1000)]
    fn search_next_match(bencher: Bencher, size: &str) {
        let mut reader = Reader::at_section_10(size);
        reader.app.update(Action::StartSearch);
        for c in "semiconductor".chars() {
            reader.app.update(Action::Type(c));
        }
        reader.key(Action::Accept);
        assert!(reader.match_count() > 16, "the search has matches");
        let mut step = 0;
        bencher.bench_local(move || {
            reader.key(if step < 8 { Action::NextMatch } else { Action::PrevMatch });
            step = (step + 1) % 16;
        });
    }

    /// `Tab`, then `j` / `k` in the claims pane: select the next claim (its quote is shown).
    #[divan::bench(args = SIZES, sample_count = 1000)]
    fn select_next_claim(bencher: Bencher, size: &str) {
        let mut reader = Reader::at_section_10(size);
        reader.key(Action::FocusNext);
        reader.bench_pair(bencher, Action::Down, Action::Up);
    }

    /// `t` then `Esc`: open the contents picker and close it again (two keys per sample).
    #[divan::bench(args = SIZES, sample_count = 1000)]
    fn contents_open_close(bencher: Bencher, size: &str) {
        let mut reader = Reader::at_section_10(size);
        bencher.bench_local(move || {
            reader.key(Action::OpenContents);
            reader.key(Action::Close);
        });
    }
}

/// Incremental search, each key as the event loop handles it (update, then paint), from
/// section 10. Targets (issue 17): every keystroke under 16 ms at 10 MB, the first included;
/// a pasted 200-character query under 50 ms.
///
/// A key that changes the query is measured once per sample (`sample_size = 1`): before each,
/// untimed, the reader goes back to where it started with the prompt open and the query
/// before that key typed, so every sample costs that key from the same state.
mod search {
    use std::cell::RefCell;

    use super::*;

    /// The query `before` typed into a fresh prompt, then `key` timed.
    fn bench_key_after(bencher: Bencher, size: &str, before: &str, key: Action) {
        let reader = RefCell::new(Reader::at_section_10(size));
        bencher
            .with_inputs(|| {
                let mut reader = reader.borrow_mut();
                reader.open_empty_prompt();
                for c in before.chars() {
                    reader.app.update(Action::Type(c));
                }
                reader.draw(Redraw::All, 0);
            })
            .bench_local_values(|()| reader.borrow_mut().key(key));
        assert!(reader.borrow().match_count() > 0, "the query matches");
    }

    /// A first letter that is not ASCII: `模` (no case, found as it is; the synthetic text has
    /// CJK runs) and `ä` (folded: every character folding to it is looked for; the synthetic
    /// text has none).
    #[divan::bench(
        args = ["100KB/模", "100KB/ä", "10MB/模", "10MB/ä"],
        sample_count = 100,
        sample_size = 1,
        max_time = 20
    )]
    fn first_letter_not_ascii(bencher: Bencher, arg: &str) {
        let (size, letter) = arg.split_once('/').unwrap();
        let letter = letter.chars().next().unwrap();
        let reader = RefCell::new(Reader::at_section_10(size));
        bencher
            .with_inputs(|| reader.borrow_mut().open_empty_prompt())
            .bench_local_values(|()| reader.borrow_mut().key(Action::Type(letter)));
        assert_eq!(reader.borrow().match_count() > 0, letter == '模');
    }

    /// `/` the first time in a reader (the texts a search looks in are listed then), Esc
    /// after it untimed; each sample on a reader of its own, at section 10, drawn.
    #[divan::bench(args = SIZES, sample_count = 50, sample_size = 1, max_time = 20)]
    fn open_prompt_first_time(bencher: Bencher, size: &str) {
        let start = Reader::at_section_10(size);
        let at = start.app.location();
        bencher
            .with_inputs(|| {
                let app = App::new(start.app.briefing().clone(), Rect::new(0, 0, WIDTH, HEIGHT));
                let screen = Screen::new(Vec::new(), WIDTH, HEIGHT);
                let mut reader =
                    Reader { app: app.at(Some(at)), screen, geometry: Geometry::default() };
                reader.draw(Redraw::All, 0);
                reader
            })
            .bench_local_values(|mut reader| {
                reader.key(Action::StartSearch);
                reader
            });
    }

    /// The first letter: `e`, matched hundreds of thousands of times at 10 MB.
    #[divan::bench(args = SIZES, sample_count = 100, sample_size = 1, max_time = 20)]
    fn first_letter(bencher: Bencher, size: &str) {
        bench_key_after(bencher, size, "", Action::Type('e'));
    }

    /// A further letter of a common query: `en` after `e`.
    #[divan::bench(args = SIZES, sample_count = 100, sample_size = 1, max_time = 20)]
    fn second_letter(bencher: Bencher, size: &str) {
        bench_key_after(bencher, size, "e", Action::Type('n'));
    }

    /// The last letter of a word: `semiconductor` after `semiconducto`.
    #[divan::bench(args = SIZES, sample_count = 100, sample_size = 1, max_time = 20)]
    fn last_letter(bencher: Bencher, size: &str) {
        bench_key_after(bencher, size, "semiconducto", Action::Type('r'));
    }

    /// Backspace from `en` to `e`: back to the common query.
    #[divan::bench(args = SIZES, sample_count = 100, sample_size = 1, max_time = 20)]
    fn backspace(bencher: Bencher, size: &str) {
        bench_key_after(bencher, size, "en", Action::DeleteChar);
    }

    /// 200 characters of a paragraph of section 10 (the same text at every size), or the same
    /// with its last character changed to one the synthetic text never has.
    fn pasted_query(reader: &Reader, matching: bool) -> String {
        let b = reader.app.briefing();
        let paragraph = (b.sections[reader.app.section()].paragraphs.iter())
            .find(|p| p.chars().count() >= 200)
            .expect("a paragraph of 200 characters");
        let mut query: String = paragraph.chars().take(200).collect();
        if !matching {
            query.pop();
            query.push('#');
        }
        query
    }

    /// A bracketed paste of 200 characters into the empty prompt: one that matches (`match`)
    /// and one that does not (`none`).
    #[divan::bench(
        args = ["100KB/match", "100KB/none", "10MB/match", "10MB/none"],
        sample_count = 100,
        sample_size = 1,
        max_time = 20
    )]
    fn paste_200(bencher: Bencher, arg: &str) {
        let (size, kind) = arg.split_once('/').unwrap();
        let reader = RefCell::new(Reader::at_section_10(size));
        let query = pasted_query(&reader.borrow(), kind == "match");
        bencher
            .with_inputs(|| reader.borrow_mut().open_empty_prompt())
            .bench_local_values(|()| reader.borrow_mut().message(Message::Paste(query.clone())));
        assert_eq!(reader.borrow().app.search().query, query);
        assert_eq!(reader.borrow().match_count() > 0, kind == "match");
    }

    /// `n` / `N` through the matches of `e` kept with Enter: eight `n`, then eight `N` back.
    #[divan::bench(args = SIZES, sample_count = 1000)]
    fn next_match_of_e(bencher: Bencher, size: &str) {
        let mut reader = Reader::at_section_10(size);
        reader.app.update(Action::StartSearch);
        reader.app.update(Action::Type('e'));
        reader.key(Action::Accept);
        assert!(reader.match_count() > 16, "the search has matches");
        let mut step = 0;
        bencher.bench_local(move || {
            reader.key(if step < 8 { Action::NextMatch } else { Action::PrevMatch });
            step = (step + 1) % 16;
        });
    }
}

/// The real loop (`event_loop::run`) with the real worker: keys while a save waits for the
/// notes lock, and while nothing holds it. Target: held / free about 1.0x (no frame waits for
/// a lock or a disk).
mod lock {
    use std::fs::File;
    use std::sync::mpsc::Receiver;

    use briefing::tui::app::Message;
    use briefing::tui::event_loop::{self, Context, Outcome};
    use briefing::tui::script::Script;
    use briefing::tui::worker::Worker;

    use super::*;

    /// `j` and `k` keys a sample, after its `s`.
    const KEYS: usize = 200;

    /// A reader at section 10 of the 1 MB briefing, run by the event loop on an in-memory
    /// screen, its notes in a folder of its own on the disk a real data folder is on.
    struct Looped {
        app: App,
        screen: Screen<Vec<u8>>,
        worker: Worker,
        /// The worker's answers: kept (not read) while the keys run, as a terminal queues
        /// them while the loop is busy.
        _answers: Option<Receiver<Message>>,
        data: tempfile::TempDir,
    }

    impl Looped {
        /// With the notes lock held from now on (`hold`) or not; the notes are read first,
        /// as the reader starts.
        fn new(hold: bool) -> Looped {
            let app = Reader::at_section_10("1MB").app;
            let parent = common::data_dir();
            std::fs::create_dir_all(&parent).unwrap();
            let data = tempfile::tempdir_in(&parent).unwrap();
            let id = app.briefing().id.clone();
            if hold {
                // Another open file description, so the worker's own `lock()` waits as it
                // would for another process; held until this process exits, so the saves the
                // worker queued never write while another bench runs.
                let path = briefing::paths::notes_lock(data.path(), &id);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                let lock = File::create(&path).unwrap();
                lock.lock().unwrap();
                std::mem::forget(lock);
            }
            let (worker, answers) = Worker::spawn(Box::new(|| {}));
            worker.open_notes(Some(data.path()), &id);
            let mut first = Script::new().with_answers(answers).answer().pause().keys("q");
            let mut looped = Looped {
                app,
                screen: Screen::new(Vec::new(), WIDTH, HEIGHT),
                worker,
                _answers: None,
                data,
            };
            assert_eq!(looped.run(&mut first), Outcome::Quit);
            looped._answers = first.take_answers();
            looped
        }

        fn run(&mut self, script: &mut Script) -> Outcome {
            self.screen.out_mut().clear();
            let cx = Context::plain();
            event_loop::run(&mut self.screen, script, &mut self.app, &self.worker, &cx).unwrap()
        }
    }

    /// `s` (a stance change: a save, which the worker does under the notes lock), then `j`
    /// and `k` by turns, each drawn before the next comes (as typed), then `q`.
    fn script() -> Script {
        let mut script = Script::new().keys("s").pause();
        for i in 0..KEYS {
            script = script.keys(if i % 2 == 0 { "j" } else { "k" }).pause();
        }
        script.keys("q")
    }

    /// Per key (`s` and `q` included): `held`, another holder has the notes lock for the
    /// whole bench, so each save waits (3 s, then again) on the worker; `free`, each save
    /// writes (fsync included) while the keys run.
    #[divan::bench(args = ["free", "held"], sample_count = 200, sample_size = 1)]
    fn keys_during_a_save(bencher: Bencher, lock: &str) {
        let mut looped = Looped::new(lock == "held");
        let scroll = looped.app.scroll();
        bencher.counter(ItemsCount::new(KEYS + 2)).with_inputs(script).bench_local_values(
            |mut script| {
                assert_eq!(looped.run(&mut script), Outcome::Quit);
                script
            },
        );
        assert_eq!(looped.app.scroll(), scroll, "every k took back its j");
        // Free, the saves were written meanwhile; held, none was.
        let file = briefing::paths::notes_file(looped.data.path(), &looped.app.briefing().id);
        assert_eq!(file.exists(), lock == "free", "notes file written");
        if lock == "held" {
            assert!(!looped.app.notes().pending.is_empty(), "the saves are still waiting");
        }
    }
}

/// Notes: one change saved (lock, re-read, merge, write, fsync, rename) with 1,000 notes in the
/// file, on the claims of the 1 MB briefing.
mod notes {
    use briefing::notes::store::{NoteStore, now};
    use briefing::notes::{Change, Edit, Stance};

    use super::*;

    const NOTES: usize = 1000;

    #[divan::bench(max_time = 10)]
    fn save_with_1000_notes(bencher: Bencher) {
        let briefing = loaded("1MB");
        assert!(briefing.claims.len() >= NOTES, "the 1 MB briefing has 1,000 claims");
        // In target/, on the disk a real data folder would be on (not a tmpfs).
        let parent = common::data_dir();
        std::fs::create_dir_all(&parent).unwrap();
        let dir = tempfile::tempdir_in(&parent).unwrap();
        let (mut store, mut book) = NoteStore::open(dir.path(), &briefing.id);
        let change = |i: usize, edit: Edit| Change {
            claim: briefing.claims[i].id.clone(),
            claim_text: briefing.claims[i].text.clone(),
            edit,
        };
        for i in 0..NOTES {
            let text = format!(
                "Note {i}: {} This is what I made of it, with a second line.\nAnd a third.",
                briefing.claims[i].text
            );
            book.apply(change(i, Edit::SetNote(text)));
            book.apply(change(i, Edit::SetStance(Some(Stance::Unsure))));
        }
        store.sync(&mut book, now()).unwrap();
        assert_eq!(book.notes.len(), NOTES);
        let mut agree = false;
        bencher.bench_local(move || {
            agree = !agree;
            let stance = if agree { Stance::Agree } else { Stance::Disagree };
            book.apply(change(NOTES / 2, Edit::SetStance(Some(stance))));
            store.sync(&mut book, now()).unwrap();
        });
    }
}

/// Passage marks (issue 12): `j` on a section holding 1,000 marks against the same section
/// with none (target: within 1.2x), and opening the 10 MB briefing with 10,000 marks spread
/// over it against none: the first screen (the notes are read after it, on the worker) and
/// the screen once the marks are read and anchored.
///
/// ```text
/// cargo bench --bench reader -- marks::
/// ```
mod marks {
    use briefing::notes::{Annotations, Mark, Marks, anchor, store};

    use super::*;

    /// `count` marks spread evenly over the body paragraphs of `sections` of `b`: runs of
    /// three words, and where a section has fewer places than marks (1,000 in one section),
    /// runs of one to eight words overlapping, as highlights inside highlights do.
    fn marks(b: &Briefing, sections: std::ops::Range<usize>, count: usize) -> Marks {
        let mut places = Vec::new();
        for words in [3, 1, 2, 4, 5, 6, 7, 8] {
            for s in sections.clone() {
                for (p, text) in b.sections[s].paragraphs.iter().enumerate() {
                    let starts: Vec<usize> = [0]
                        .into_iter()
                        .chain(text.match_indices(' ').map(|(at, _)| at + 1))
                        .filter(|&at| at < text.len())
                        .collect();
                    let step = if words == 3 { 3 } else { 1 };
                    for run in starts.windows(words + 1).step_by(step) {
                        places.push((s, p, run[0]..run[words] - 1));
                    }
                }
            }
            if places.len() >= count {
                break;
            }
        }
        assert!(places.len() >= count, "only {} places for {count} marks", places.len());
        let step = places.len() / count.max(1);
        let mut out = Marks::new();
        for (i, (s, p, bytes)) in places.into_iter().step_by(step.max(1)).take(count).enumerate() {
            let (exact, prefix, suffix, start, end) = anchor::quote_at(b, SectionIx(s), p, bytes);
            let id = format!("m{i}");
            let mark = Mark {
                id: id.clone(),
                section: b.sections[s].id.clone(),
                exact,
                prefix,
                suffix,
                start,
                end,
                label: None,
                stance: None,
                note: (i % 3 == 0).then(|| format!("note {i}")),
                created: store::utc(0),
                updated: store::utc(0),
            };
            out.insert(id, mark);
        }
        out
    }

    /// The notes file holding `file` read, as the worker's answer arrives.
    fn read(app: &mut App, file: Annotations) {
        let briefing = app.briefing().id.clone();
        app.update(Message::NotesRead { briefing, file: Ok(file) });
    }

    /// `j` / `k` in section 10 (as `key::scroll_line`) with `count` marks in it.
    #[divan::bench(args = [0, 1000], sample_count = 1000)]
    fn scroll_line_in_a_marked_section(bencher: Bencher, count: usize) {
        let mut reader = Reader::at_section_10("1MB");
        let section = reader.app.section().0;
        let marked = marks(reader.app.briefing(), section..section + 1, count);
        read(&mut reader.app, Annotations { marks: marked, ..Annotations::default() });
        assert_eq!(reader.app.marks_in_view().len(), count);
        reader.draw(Redraw::All, 0);
        reader.bench_pair(bencher, Action::Down, Action::Up);
    }

    /// The 10 MB briefing opened: `App::new` and the first frame, which the reader draws
    /// before its notes are read (on the worker): the same whatever the notes file holds.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn first_screen(bencher: Bencher) {
        let b = loaded("10MB");
        bencher.with_inputs(|| b.clone()).bench_local_values(|b| {
            let mut reader = Reader {
                app: App::new(b, Rect::new(0, 0, WIDTH, HEIGHT)),
                screen: Screen::new(Vec::new(), WIDTH, HEIGHT),
                geometry: Geometry::default(),
            };
            reader.draw(Redraw::All, 0);
            reader
        });
    }

    /// The notes file of `count` marks over the 10 MB briefing: read (parsed), anchored, and
    /// the screen drawn again with them, as after the worker's `NotesRead`.
    #[divan::bench(args = [0, 10_000], sample_count = 20, sample_size = 1)]
    fn notes_read_and_anchored(bencher: Bencher, count: usize) {
        let b = loaded("10MB");
        let n = b.sections.len();
        let file = Annotations { marks: marks(&b, 0..n, count), ..Annotations::default() };
        let text = store::encode(&b.id, &file).unwrap();
        let mut reader = Reader {
            app: App::new(b.clone(), Rect::new(0, 0, WIDTH, HEIGHT)),
            screen: Screen::new(Vec::new(), WIDTH, HEIGHT),
            geometry: Geometry::default(),
        };
        reader.draw(Redraw::All, 0);
        bencher.bench_local(|| {
            let file = store::parse(Path::new("notes.toml"), &b.id, &text).unwrap();
            read(&mut reader.app, file);
            reader.draw(Redraw::All, 0);
        });
    }
}

/// The matrix (`M`) of the 10 MB briefing with three hypotheses, every claim and counterpoint
/// rated under each (18,235 rows): opening it, moving in it and rating a cell, each as
/// the event loop does it (update, then paint). The issue's budget: every key under 16 ms,
/// the ranking kept by the one row a rating changes.
mod matrix {
    use super::*;
    use briefing::briefing::{Consistency, Hypothesis, HypothesisIx, Rating};

    /// The 10 MB briefing with three hypotheses and a rating of every item under each (a
    /// spread of the five terms, so rows differ and some are non-diagnostic).
    fn rated() -> Briefing {
        const TERMS: [Consistency; 5] = [
            Consistency::VeryConsistent,
            Consistency::Consistent,
            Consistency::Neutral,
            Consistency::Inconsistent,
            Consistency::VeryInconsistent,
        ];
        let mut b = loaded("10MB");
        for (i, id) in ["first", "second", "third"].into_iter().enumerate() {
            b.hypotheses.push(Hypothesis {
                id: id.into(),
                title: format!("The {id} answer"),
                text: format!("Hypothesis {i}."),
                by: None,
            });
        }
        let ratings = |n: usize| -> Vec<Rating> {
            (0..3)
                .map(|h| Rating {
                    hypothesis: HypothesisIx(h),
                    consistency: TERMS[(n * (h + 1) / 3 + h) % TERMS.len()],
                })
                .collect()
        };
        for (n, c) in b.claims.iter_mut().enumerate() {
            c.ratings = ratings(n);
        }
        for (n, cp) in b.counterpoints.iter_mut().enumerate() {
            cp.ratings = ratings(n + 7);
        }
        b
    }

    /// A reader on the rated briefing, its (empty) notes read, drawn once.
    fn reader() -> Reader {
        let mut reader = Reader {
            app: App::new(rated(), Rect::new(0, 0, WIDTH, HEIGHT)),
            screen: Screen::new(Vec::new(), WIDTH, HEIGHT),
            geometry: Geometry::default(),
        };
        let briefing = reader.app.briefing().id.clone();
        reader.app.update(Message::NotesRead { briefing, file: Ok(Default::default()) });
        reader.draw(Redraw::All, 0);
        reader
    }

    /// The rows the matrix holds, to say the bench is the size the issue names.
    fn rows(reader: &Reader) -> usize {
        match reader.app.overlay() {
            Some(Overlay::Matrix(view)) => view.matrix.rows.len(),
            _ => panic!("the matrix is not open"),
        }
    }

    /// `M` and Esc: the matrix built (every row and its scores) and drawn, then closed.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn open_and_close(bencher: Bencher) {
        let mut reader = reader();
        reader.key(Action::OpenMatrix);
        assert!(rows(&reader) > 15_000, "{} rows", rows(&reader));
        reader.key(Action::Close);
        bencher.bench_local(|| {
            reader.key(Action::OpenMatrix);
            reader.key(Action::Close);
        });
    }

    /// `j` / `k` in the open matrix.
    #[divan::bench(sample_count = 1000)]
    fn scroll_row(bencher: Bencher) {
        let mut reader = reader();
        reader.key(Action::OpenMatrix);
        for _ in 0..100 {
            reader.key(Action::Down);
        }
        reader.bench_pair(bencher, Action::Down, Action::Up);
    }

    /// `G` / `g`: from the first row to the last and back.
    #[divan::bench(sample_count = 1000)]
    fn last_row_and_back(bencher: Bencher) {
        let mut reader = reader();
        reader.key(Action::OpenMatrix);
        reader.bench_pair(bencher, Action::Bottom, Action::Top);
    }

    /// `5` / `0` on a cell halfway down: your rating set and cleared, the ranking moved by
    /// that row, the change queued for the store (not written: that is the worker's).
    #[divan::bench(sample_count = 1000)]
    fn rate_and_clear(bencher: Bencher) {
        let mut reader = reader();
        reader.key(Action::OpenMatrix);
        let half = rows(&reader) / 2;
        for _ in 0..half / 10 {
            reader.key(Action::PageDown);
        }
        reader.bench_pair(
            bencher,
            Action::Rate(Some(Consistency::VeryInconsistent)),
            Action::Rate(None),
        );
    }

    /// `x` twice: a row set aside and counted again, the ranking tested each time.
    #[divan::bench(sample_count = 1000)]
    fn set_aside(bencher: Bencher) {
        let mut reader = reader();
        reader.key(Action::OpenMatrix);
        reader.bench_pair(bencher, Action::SetAside, Action::SetAside);
    }
}

/// Issue 13: your own claims are part of the section's claim list, so `j` in the claims pane
/// and `Tab` cost the same with 1,000 claims of yours in a section as with 1,000 of the
/// author's. One section of 1,000 sentences, a claim on each: the author's from the file, or
/// yours from the notes file (laid over it when the notes are read).
mod own {
    use super::*;
    use briefing::notes::{Annotations, OwnClaim, anchor, store};

    /// The briefing of 1,000 sentences, with the author's claim on each when `author`.
    fn many(author: bool) -> Briefing {
        let body: Vec<String> =
            (0..1000).map(|i| format!("Sentence number {i} stands here.")).collect();
        let mut toml = format!(
            "format = 1\n[briefing]\nid = \"many\"\ntitle = \"Many\"\n[[section]]\nid = \"one\"\n\
             title = \"One\"\nbody = \"\"\"\n{}\n\"\"\"\n",
            body.join(" ")
        );
        if author {
            for i in 0..1000 {
                toml.push_str(&format!(
                    "[[claim]]\nid = \"c{i}\"\nsection = \"one\"\ntext = \"Claim {i}.\"\n\
                     quote = \"Sentence number {i} stands here.\"\n"
                ));
            }
        }
        let report = check_text(Path::new("many.toml"), &toml);
        report.briefing.unwrap_or_else(|| panic!("{:?}", report.diagnostics))
    }

    /// A reader on `many`, the claims pane focused, with 1,000 claims: the author's, or yours.
    fn reader(author: bool) -> Reader {
        let b = many(author);
        let mut file = Annotations::default();
        if !author {
            let text = &b.sections[0].paragraphs[0];
            for i in 0..1000 {
                let sentence = format!("Sentence number {i} stands here.");
                let at = text.find(&sentence).unwrap();
                let (exact, prefix, suffix, start, end) =
                    anchor::quote_at(&b, SectionIx(0), 0, at..at + sentence.len());
                let claim = OwnClaim {
                    id: format!("my-{i}"),
                    text: format!("Claim {i}."),
                    kind: None,
                    section: "one".into(),
                    exact,
                    prefix,
                    suffix,
                    start,
                    end,
                    created: store::utc(0),
                    updated: store::utc(0),
                };
                file.own_claims.insert(claim.id.clone(), claim);
            }
        }
        let mut reader = Reader {
            app: App::new(b, Rect::new(0, 0, WIDTH, HEIGHT)),
            screen: Screen::new(Vec::new(), WIDTH, HEIGHT),
            geometry: Geometry::default(),
        };
        reader.app.update(Message::NotesRead { briefing: "many".into(), file: Ok(file) });
        assert_eq!(reader.app.claims_in_view().len(), 1000);
        reader.key(Action::FocusNext);
        for _ in 0..500 {
            reader.key(Action::Down);
        }
        reader.draw(Redraw::All, 0);
        reader
    }

    /// `j` / `k` in the claims pane, halfway down its 1,000 claims.
    #[divan::bench(args = ["author", "yours"], sample_count = 1000)]
    fn claims_pane_down_up(bencher: Bencher, whose: &str) {
        reader(whose == "author").bench_pair(bencher, Action::Down, Action::Up);
    }

    /// `Tab` / `Shift-Tab` between the claims pane and the next.
    #[divan::bench(args = ["author", "yours"], sample_count = 1000)]
    fn tab_and_back(bencher: Bencher, whose: &str) {
        reader(whose == "author").bench_pair(bencher, Action::FocusNext, Action::FocusPrev);
    }
}
