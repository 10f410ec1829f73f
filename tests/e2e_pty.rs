//! End to end: the real binary in a pseudo-terminal, its output parsed by `vt100`, keys written
//! as a terminal would send them. Slow next to the other tests, so it covers the paths only a
//! real terminal exercises: start-up, drawing, key decoding, resizes, restoring the terminal on
//! quit and remembering the reading position between runs.
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);
/// How long the output must pause before a frame counts as complete.
const QUIET: Duration = Duration::from_millis(60);

/// The binary running in a pty, with a thread feeding everything it prints to a `vt100` parser.
struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the binary wrote, for the escape sequences `vt100` does not keep.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set by the reader thread at end of output (the binary and its pty are gone).
    eof: Arc<AtomicBool>,
}

impl Pty {
    /// Starts the binary with `args` in a `cols`×`rows` pty.
    fn spawn(args: &[&str], (cols, rows): (u16, u16)) -> Pty {
        let pair = native_pty_system().openpty(size(cols, rows)).expect("open a pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
        command.args(args);
        command.env("TERM", "xterm-256color");
        // The colour theme, whatever the environment running the tests prefers.
        command.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(command).expect("spawn briefing");
        // Only the child holds the slave now, so its exit ends our reads.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(nonzero(rows), nonzero(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        {
            let (parser, raw, eof) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&eof));
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                // Linux reports the end of a pty as EIO, not as a zero-length read.
                while let Ok(n @ 1..) = reader.read(&mut buf) {
                    // Parsed before counted, so a settled count means a settled screen.
                    lock(&parser).process(&buf[..n]);
                    lock(&raw).extend_from_slice(&buf[..n]);
                }
                eof.store(true, Ordering::SeqCst);
            });
        }
        let writer = pair.master.take_writer().expect("pty writer");
        Pty { master: pair.master, writer, child, parser, raw, eof }
    }

    /// Types `keys` (raw bytes: `\t` is Tab, `\r` Enter, `\x1b` Esc).
    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Waits until `ready` holds for the screen's text and the binary has stopped writing, and
    /// returns that text; panics with the screen after `TIMEOUT`.
    ///
    /// A frame can arrive in pieces, top rows first: waiting for quiet means that what the
    /// caller checks next (the status bar, a cell's colours) belongs to the same frame.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        let mut seen = (usize::MAX, Instant::now());
        loop {
            let written = lock(&self.raw).len();
            if written != seen.0 {
                seen = (written, Instant::now());
            }
            let screen = self.screen();
            if ready(&screen) && seen.1.elapsed() >= QUIET {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    /// The screen's text, one line per row, trailing blanks dropped.
    fn screen(&self) -> String {
        let parser = lock(&self.parser);
        let (rows, _) = parser.screen().size();
        (0..rows.get())
            .map(|r| row_text(parser.screen(), r).0.trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The text of the last row: the status bar.
    fn status_bar(&self) -> String {
        self.screen().lines().last().unwrap_or_default().to_string()
    }

    /// A copy of the cell at `row`, `col` (zero-based).
    fn cell_at(&self, row: u16, col: u16) -> vt100::Cell {
        lock(&self.parser)
            .screen()
            .cell(row, col)
            .unwrap_or_else(|| panic!("no cell at row {row}, column {col}"))
            .clone()
    }

    /// Where `text` starts on the screen: (row, column) of each occurrence, top to bottom.
    fn find(&self, text: &str) -> Vec<(u16, u16)> {
        let parser = lock(&self.parser);
        let screen = parser.screen();
        let (rows, _) = screen.size();
        let mut found = Vec::new();
        for row in 0..rows.get() {
            let (line, columns) = row_text(screen, row);
            for (byte, _) in line.match_indices(text) {
                found.push((row, columns[line[..byte].chars().count()]));
            }
        }
        found
    }

    /// The text inside a rectangle, rows joined by spaces and runs of blanks folded: what a
    /// wrapped paragraph reads as.
    fn text_in(&self, rows: Range<u16>, cols: Range<u16>) -> String {
        let parser = lock(&self.parser);
        let mut words = Vec::new();
        for row in rows {
            let (line, columns) = row_text(parser.screen(), row);
            let inside: String = line
                .chars()
                .zip(&columns)
                .filter(|(_, c)| cols.contains(c))
                .map(|(ch, _)| ch)
                .collect();
            words.extend(inside.split_whitespace().map(str::to_string));
        }
        words.join(" ")
    }

    /// Resizes the pty (the binary gets SIGWINCH) and the parser with it.
    fn resize(&mut self, cols: u16, rows: u16) {
        // The parser first, so every frame drawn for the new size lands on a screen that size.
        lock(&self.parser).set_size(nonzero(rows), nonzero(cols));
        self.master.resize(size(cols, rows)).expect("resize the pty");
    }

    /// Waits for the binary to exit and for the last of its output; returns how it exited and
    /// every byte it wrote.
    fn exit(mut self) -> (ExitStatus, Vec<u8>) {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if Instant::now() > deadline {
                panic!("briefing did not exit; the screen shows:\n{}", self.screen());
            }
            thread::sleep(POLL);
        };
        while !self.eof.load(Ordering::SeqCst) {
            assert!(Instant::now() < deadline, "the pty never reached end of output");
            thread::sleep(POLL);
        }
        let raw = lock(&self.raw).clone();
        (status, raw)
    }
}

impl Drop for Pty {
    /// A failed test must not leave the binary running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a non-zero size")
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another test thread must not hide this test's own failure.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A row's text, and the screen column of each of its characters (wide characters take two
/// columns but one character).
fn row_text(screen: &vt100::Screen, row: u16) -> (String, Vec<u16>) {
    let (_, cols) = screen.size();
    let mut text = String::new();
    let mut columns = Vec::new();
    for col in 0..cols.get() {
        let Some(cell) = screen.cell(row, col) else {
            continue;
        };
        if cell.is_wide_continuation() {
            continue;
        }
        let contents = if cell.has_contents() { cell.contents() } else { " " };
        for ch in contents.chars() {
            text.push(ch);
            columns.push(col);
        }
    }
    (text, columns)
}

/// Whether a cell stands out from plain text: a background colour or reverse video.
fn is_highlighted(cell: &vt100::Cell) -> bool {
    cell.bgcolor() != vt100::Color::Default || cell.inverse()
}

/// The `i/n` counter that follows `query` in the status bar (`/Nvidia▏ 1/3`, `/Nvidia 2/3`).
fn counter_after(status: &str, query: &str) -> Option<(usize, usize)> {
    let (_, rest) = status.split_once(query)?;
    let rest = rest.trim_start_matches(['▏', ' ']);
    let word = rest.split_whitespace().next()?;
    let (i, n) = word.split_once('/')?;
    Some((i.parse().ok()?, n.parse().ok()?))
}

fn data_dir_args(dir: &Path) -> Vec<&str> {
    vec!["--data-dir", dir.to_str().expect("a UTF-8 temp path")]
}

#[test]
fn read_jump_highlight_search_quit_and_resume() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&data_dir_args(data.path()), (120, 40));

    // 1. The bundled briefing opens at its first section.
    pty.wait_for_text("1/8 · The sanctions squeeze");
    pty.wait_for("§1/8 in the status bar", |s| {
        s.lines().last().is_some_and(|l| l.contains("§1/8"))
    });

    // 2. A digit jumps to that section.
    pty.send("3");
    pty.wait_for_text("3/8 · Innovation under pressure");
    assert!(pty.status_bar().contains("§3/8"), "{}", pty.screen());

    // 3. Tab focuses the claims; `j` selects the second; Enter highlights its quote.
    let (title_row, title_col) = pty.find("Claims (")[0];
    let focused_title = |pty: &Pty| pty.cell_at(title_row, title_col).bold();
    assert!(!focused_title(&pty), "claims focused too early:\n{}", pty.screen());
    pty.send("\t");
    pty.wait_for("the claims pane to take focus", |_| focused_title(&pty));
    pty.send("j");
    pty.send("\r");
    let claim = "Unable to rely on U.S. chips";
    let screen = pty.wait_for("the selected claim's marker", |s| {
        s.lines().any(|l| l.contains(&format!("» {claim}")))
    });
    // The reading pane's text: from under its title to above its bottom border (the status bar
    // is row 39), and from its title's column to its right border, left of the claims pane's.
    let (text_row, text_col) = pty.find("3/8 · Innovation under pressure")[0];
    let reading = text_row + 1..38;
    let columns = text_col..title_col - 3;
    let text = pty.text_in(reading.clone(), columns.clone());
    let quote = "have embarked on building their own – the Kunpeng series";
    assert!(text.contains(quote), "quote not in the reading pane:\n{screen}");

    let in_text = |word: &str| {
        pty.find(word)
            .into_iter()
            .find(|&(row, col)| reading.contains(&row) && columns.contains(&col))
            .unwrap_or_else(|| panic!("{word:?} not in the reading pane:\n{screen}"))
    };
    let (row, col) = in_text("Kunpeng");
    for c in col..col + "Kunpeng".len() as u16 {
        let cell = pty.cell_at(row, c);
        assert!(
            is_highlighted(&cell),
            "{:?} at row {row}, column {c} is not highlighted:\n{screen}",
            cell.contents()
        );
    }
    // Only the quote: the same paragraph's words before it stay plain.
    let (row, col) = in_text("Companies like Huawei");
    assert!(!is_highlighted(&pty.cell_at(row, col)), "{screen}");

    // 4. Search (smart case): the prompt counts matches and shows the first at or after this
    // section: a counterpoint answering this section's claims. Enter keeps the search; `n`
    // steps to the next match, in the next section's text.
    let counter = |screen: &str| counter_after(screen.lines().last()?, "/Nvidia");
    let highlighted_at = |pty: &Pty, columns: Range<u16>| {
        pty.find("Nvidia")
            .into_iter()
            .any(|(row, col)| columns.contains(&col) && is_highlighted(&pty.cell_at(row, col)))
    };
    pty.send("/");
    pty.wait_for("the search prompt", |s| s.lines().last().is_some_and(|l| l.contains('/')));
    pty.send("Nvidia");
    let screen = pty.wait_for("a match counter for /Nvidia", |s| counter(s).is_some());
    let (first, total) = counter(&screen).unwrap_or_default();
    assert_eq!(first, 1, "{screen}");
    assert!(total >= 2, "need two matches to test `n`:\n{screen}");
    assert!(screen.contains("3/8 · Innovation under pressure"), "{screen}");
    assert!(highlighted_at(&pty, title_col - 2..120), "match not highlighted:\n{screen}");
    pty.send("\r");
    pty.wait_for("the prompt to close", |s| {
        s.lines().last().is_some_and(|l| !l.contains("/Nvidia▏")) && counter(s).is_some()
    });
    pty.send("n");
    let screen =
        pty.wait_for("the counter to advance", |s| counter(s).is_some_and(|(i, _)| i == first + 1));
    assert_eq!(counter(&screen), Some((first + 1, total)), "{screen}");
    assert!(screen.contains("4/8 · The chip gap"), "{screen}");
    assert!(pty.status_bar().contains("§4/8"), "{screen}");
    assert!(highlighted_at(&pty, columns.clone()), "match not highlighted in the text:\n{screen}");

    // 5. `?` opens the help; Esc closes it.
    pty.send("?");
    pty.wait_for_text("Help: keys");
    pty.send("\x1b");
    pty.wait_for("the help to close", |s| !s.contains("Help: keys"));

    // 6. `q` quits cleanly and gives the terminal back.
    pty.send("q");
    let parser = Arc::clone(&pty.parser);
    let (status, raw) = pty.exit();
    assert!(status.success(), "exit status {status:?}");
    let last_enter = find_last(&raw, b"\x1b[?1049h").expect("the alternate screen was entered");
    let tail = &raw[last_enter..];
    assert!(find_last(tail, b"\x1b[?1049l").is_some(), "alternate screen not left");
    assert!(find_last(tail, b"\x1b[?25h").is_some(), "cursor not shown");
    let screen = lock(&parser);
    let screen = screen.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "cursor still hidden");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture left on"
    );

    // 7. The next run reopens where this one stopped.
    let mut pty = Pty::spawn(&data_dir_args(data.path()), (120, 40));
    pty.wait_for_text("4/8 · The chip gap");
    assert!(pty.status_bar().contains("§4/8"), "{}", pty.screen());
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn narrow_layout_tabs_and_resizes() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&data_dir_args(data.path()), (80, 24));
    let title = "1/8 · The sanctions squeeze";

    // Below 100 columns the side panes fold into tabs under the text.
    let screen = pty.wait_for_text(title);
    let tabs = screen
        .lines()
        .find(|l| l.contains("Tab: switch"))
        .unwrap_or_else(|| panic!("no tab bar:\n{screen}"));
    for tab in ["Claims", "Counterpoints", "Factors"] {
        assert!(tabs.contains(tab), "no {tab} tab: {tabs}");
    }
    assert!(screen.contains("Claims ("), "{screen}");
    assert!(!screen.contains("Counterpoints ("), "{screen}");

    // Tab: text → claims → counterpoints.
    pty.send("\t");
    pty.send("\t");
    let screen = pty.wait_for_text("Counterpoints (");
    assert!(!screen.contains("Claims ("), "{screen}");

    // Still above the minimum (30×8): the panes redraw at the new size.
    pty.resize(40, 12);
    let screen = pty
        .wait_for("the reader at 40x12", |s| s.lines().last().is_some_and(|l| l.contains("§1/8")));
    assert!(!screen.contains("Terminal too small"), "{screen}");
    let top = screen.lines().next().unwrap_or_default();
    assert!(top.contains("1/8 · The sanctions"), "{screen}");
    assert_eq!(pty.cell_at(0, 39).contents(), "┐", "not a 40-column frame:\n{screen}");

    // Below the minimum: a message instead of panes.
    pty.resize(20, 5);
    let screen = pty.wait_for("the too-small message", |s| {
        s.split_whitespace().collect::<Vec<_>>().join(" ").contains("Terminal too small")
    });
    assert!(!screen.contains('§'), "{screen}");

    // And back: the reader draws again.
    pty.resize(100, 30);
    let screen = pty.wait_for(title, |s| s.contains(title) && !s.contains("too small"));
    assert!(screen.lines().last().is_some_and(|l| l.contains("§1/8")), "{screen}");
    // 100 columns is wide: the side panes stand stacked beside the text again.
    assert!(screen.contains("Claims (") && screen.contains("Counterpoints ("), "{screen}");
    assert!(!screen.contains("Tab: switch"), "{screen}");

    pty.send("q");
    let (status, raw) = pty.exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(find_last(&raw, b"\x1b[?1049l").is_some(), "alternate screen not left");
}

/// Where `needle` last occurs in `haystack`.
fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Notes: write one on a claim, take a stance, quit; both are there on reopening, and
/// `briefing notes` prints them as Markdown.
#[test]
fn a_note_and_a_stance_survive_quitting_and_reopening() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&data_dir_args(data.path()), (120, 40));
    pty.wait_for_text("1/8 · The sanctions squeeze");
    pty.send("2");
    pty.wait_for_text("2/8 · A vibrant ecosystem");
    // `a` annotates the selected claim (the first of the section): the editor opens on it.
    pty.send("a");
    pty.wait_for_text("On: China has over 130 large language models");
    pty.send("Counts are not quality.");
    pty.send("\r");
    pty.send("数え方 😀");
    pty.wait_for_text("数え方");
    pty.send("\x13"); // Ctrl-S
    pty.wait_for("the editor to close", |s| !s.contains("On: China has over"));
    pty.send("s");
    pty.wait_for_text("+ agree · ✎ note");
    pty.wait_for_text("✎ Counts are not quality.");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());

    let mut pty = Pty::spawn(&data_dir_args(data.path()), (120, 40));
    pty.wait_for_text("2/8 · A vibrant ecosystem");
    pty.wait_for_text("+ agree · ✎ note");
    pty.wait_for_text("✎ Counts are not quality.");
    pty.send("N");
    pty.wait_for_text("Your notes (1)");
    pty.wait_for_text("§2 A vibrant ecosystem · agree");
    pty.send("\x1b");
    pty.wait_for("the overview to close", |s| !s.contains("Your notes (1)"));
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["notes", "--data-dir"])
        .arg(data.path())
        .output()
        .expect("run briefing notes");
    assert!(out.status.success());
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(markdown.contains("## 2. A vibrant ecosystem"), "{markdown}");
    assert!(
        markdown.contains("- China has over 130 large language models under development."),
        "{markdown}"
    );
    assert!(markdown.contains("**Your stance:** agree"), "{markdown}");
    assert!(markdown.contains("> Counts are not quality.\\\n  > 数え方 😀"), "{markdown}");
}

/// The library picker (`L`) switches briefings without leaving, and each keeps its place.
#[test]
fn switching_briefings_keeps_each_ones_position() {
    let data = tempfile::tempdir().expect("temp dir");
    let shelf = tempfile::tempdir().expect("temp dir");
    let body = "Alpha words.\n\nMore alpha words.";
    let sections: String = (1..=3)
        .map(|i| format!("[[section]]\nid = \"s{i}\"\ntitle = \"Shelf part {i}\"\nbody = \"\"\"\n{body}\n\"\"\"\n\n"))
        .collect();
    let file = format!(
        "format = 1\n[briefing]\nid = \"shelf\"\ntitle = \"The shelf briefing\"\n\n{sections}"
    );
    std::fs::write(shelf.path().join("shelf.toml"), file).unwrap();
    let mut args = data_dir_args(data.path());
    args.extend(["--library", shelf.path().to_str().unwrap()]);

    let mut pty = Pty::spawn(&args, (120, 40));
    pty.wait_for_text("1/8 · The sanctions squeeze");
    pty.send("3");
    pty.wait_for_text("3/8 · Innovation under pressure");
    pty.send("L");
    pty.wait_for_text("Library: switch briefing");
    pty.send("shelf");
    pty.wait_for_text("The shelf briefing · shelf · new");
    pty.send("\r");
    pty.wait_for_text("1/3 · Shelf part 1");
    pty.send("2");
    pty.wait_for_text("2/3 · Shelf part 2");
    // Back to the first briefing: where it was left.
    pty.send("L");
    pty.wait_for_text("The shelf briefing · shelf · §2/3");
    pty.send("china");
    pty.send("\r");
    pty.wait_for_text("3/8 · Innovation under pressure");
    // And to the shelf again: its place too.
    pty.send("L");
    pty.send("shelf\r");
    pty.wait_for_text("2/3 · Shelf part 2");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());
}

/// Closing the terminal under the reader (the window goes away) ends it, having saved its
/// place, instead of leaving it spinning on a dead tty.
#[test]
fn a_closed_terminal_ends_the_reader_and_keeps_its_place() {
    let data = tempfile::tempdir().expect("temp dir");
    let pty = native_pty_system().openpty(size(100, 30)).expect("open a pty");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
    command.args(data_dir_args(data.path()));
    command.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(command).expect("spawn briefing");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    // Read on this thread, only when poll(2) says there is output: every handle on the
    // pty's master must be closable below, which a reader blocked in another thread prevents.
    let fd = pty.master.as_raw_fd().expect("master fd");
    let mut parser = vt100::Parser::new(nonzero(30), nonzero(100), 0);
    let deadline = Instant::now() + TIMEOUT;
    let mut wait = |text: &str| {
        let mut buf = [0u8; 4096];
        while !parser.screen().contents().contains(text) {
            assert!(Instant::now() < deadline, "never showed {text:?}");
            let mut fds = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
            // SAFETY: one valid pollfd and its count.
            if unsafe { libc::poll(&mut fds, 1, 20) } > 0 {
                let n = reader.read(&mut buf).expect("read the pty");
                parser.process(&buf[..n]);
            }
        }
    };
    wait("§1/8");
    writer.write_all(b"5").unwrap();
    wait("§5/8");
    // The terminal goes away.
    drop((reader, writer, pty.master));
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("briefing kept running after its terminal closed");
        }
        thread::sleep(POLL);
    };
    assert_eq!(status.exit_code(), 129, "128 + SIGHUP");
    let positions = std::fs::read_to_string(data.path().join("positions.toml")).unwrap();
    assert!(positions.contains("section = \"software-gap\""), "{positions}");
}
