//! The real binary in a pseudo-terminal, for the end-to-end tests: start it, send keys as a
//! terminal would, read the screen through `vt100`, wait for what must appear, and check the
//! terminal is restored. Shared by `tests/e2e_pty.rs` and `tests/e2e_argument.rs`.
#![allow(dead_code)] // each test file uses its own part of this module

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// The briefing the reader opens in these tests.
pub const FIXTURE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/e2e/lighthouse.toml");
/// Its id: what its notes file and reading position are keyed by.
pub const FIXTURE_ID: &str = "e2e-lighthouse";

pub const POLL: Duration = Duration::from_millis(20);
/// How long the output must pause before a frame counts as complete.
pub const QUIET: Duration = Duration::from_millis(60);

/// How long a wait may last before the test fails. A wait ends as soon as its condition holds,
/// so this only bounds a failure; `BRIEFING_TEST_TIMEOUT_SECS` raises it on a slow machine.
pub fn timeout() -> Duration {
    let secs = std::env::var("BRIEFING_TEST_TIMEOUT_SECS").ok().and_then(|s| s.parse().ok());
    Duration::from_secs(secs.unwrap_or(20))
}

/// Waits until `ready` holds; panics naming `what` after `timeout()`.
pub fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout();
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        thread::sleep(POLL);
    }
}

/// A program running in a pty, with a thread feeding everything it prints to a `vt100` parser.
pub struct Pty {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for the escape sequences `vt100` does not keep.
    pub raw: Arc<Mutex<Vec<u8>>>,
    /// Set by the reader thread at end of output (the program and its pty are gone).
    pub eof: Arc<AtomicBool>,
}

impl Pty {
    /// Starts the reader with `--data-dir data` and `args` in a `cols`×`rows` pty, in `data`.
    pub fn reader(data: &Path, args: &[&str], size: (u16, u16)) -> Pty {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
        command.arg("--data-dir");
        command.arg(data);
        command.args(args);
        command.cwd(data);
        // No config of the machine running the tests: `data` has none (`--config` reads one).
        command.env("XDG_CONFIG_HOME", data);
        Pty::start(command, size)
    }

    /// Starts `command` in a `cols`×`rows` pty.
    pub fn start(mut command: CommandBuilder, (cols, rows): (u16, u16)) -> Pty {
        let pair = native_pty_system().openpty(size(cols, rows)).expect("open a pty");
        command.env("TERM", "xterm-256color");
        // The colour theme, whatever the environment running the tests prefers.
        command.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(command).expect("spawn the program");
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
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Sends `signal` (by the name `kill -s` takes: TERM, INT) to the program.
    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("a child pid").to_string();
        let status = std::process::Command::new("kill").args(["-s", signal, &pid]).status();
        assert!(status.expect("run kill").success(), "kill -s {signal} {pid}");
    }

    /// Waits until `ready` holds for the screen's text and the program has stopped writing,
    /// and returns that text; panics with the screen after `timeout()`.
    ///
    /// A frame can arrive in pieces, top rows first: waiting for quiet means that what the
    /// caller checks next (the status bar, a cell's colours) belongs to the same frame.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout();
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
    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Waits until the status bar (the last row) shows `text`.
    pub fn wait_for_status(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?} in the status bar"), |s| {
            s.lines().last().is_some_and(|l| l.contains(text))
        })
    }

    /// Waits until the bytes written since `from` hold `needle`.
    pub fn wait_for_bytes(&self, from: usize, needle: &[u8]) {
        let what = format!("{:?} in the output", String::from_utf8_lossy(needle));
        wait_until(&what, || find_last(&lock(&self.raw)[from..], needle).is_some());
    }

    /// The screen's text, one line per row, trailing blanks dropped.
    pub fn screen(&self) -> String {
        let parser = lock(&self.parser);
        let (rows, _) = parser.screen().size();
        (0..rows.get())
            .map(|r| row_text(parser.screen(), r).0.trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The text of the last row: the status bar.
    pub fn status_bar(&self) -> String {
        self.screen().lines().last().unwrap_or_default().to_string()
    }

    /// How many bytes the program has written so far.
    pub fn written(&self) -> usize {
        lock(&self.raw).len()
    }

    /// A copy of the cell at `row`, `col` (zero-based).
    pub fn cell_at(&self, row: u16, col: u16) -> vt100::Cell {
        lock(&self.parser)
            .screen()
            .cell(row, col)
            .unwrap_or_else(|| panic!("no cell at row {row}, column {col}"))
            .clone()
    }

    /// Where `text` starts on the screen: (row, column) of each occurrence, top to bottom.
    pub fn find(&self, text: &str) -> Vec<(u16, u16)> {
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

    /// Whether every cell of the first `word` inside `pane` stands out; `None` when the pane
    /// does not show it.
    pub fn is_word_highlighted(&self, word: &str, pane: &Pane) -> Option<bool> {
        let (row, col) = self.find(word).into_iter().find(|&(r, c)| pane.contains(r, c))?;
        let width = u16::try_from(word.chars().count()).expect("a short word");
        Some((col..col + width).all(|c| is_highlighted(&self.cell_at(row, c))))
    }

    /// Resizes the pty (the program gets SIGWINCH) and the parser with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The parser first, so every frame drawn for the new size lands on a screen that size.
        lock(&self.parser).set_size(nonzero(rows), nonzero(cols));
        self.master.resize(size(cols, rows)).expect("resize the pty");
    }

    /// Whether the pty is in the mode a shell expects (line editing, echo, signals, output
    /// processing), not raw: what `stty -a` says of it.
    pub fn is_cooked(&self) -> bool {
        use std::os::unix::fs::OpenOptionsExt;
        let name = self.master.tty_name().expect("the pty's name");
        // Without O_NOCTTY, opening it could make it this process's controlling terminal.
        let tty = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOCTTY).open(&name);
        let tty = tty.unwrap_or_else(|e| panic!("open {}: {e}", name.display()));
        let out = std::process::Command::new("stty").arg("-a").stdin(tty).output();
        let out = out.expect("run stty");
        assert!(out.status.success(), "stty: {}", String::from_utf8_lossy(&out.stderr));
        let settings = String::from_utf8_lossy(&out.stdout);
        let set: Vec<&str> = settings.split([' ', ';', '\n']).collect();
        ["icanon", "echo", "isig", "opost"].iter().all(|flag| set.contains(flag))
    }

    /// Waits for the program to exit and for the last of its output; returns how it exited
    /// and every byte it wrote. The pty stays open, to look at its screen and mode.
    pub fn exit(&mut self) -> (ExitStatus, Vec<u8>) {
        let deadline = Instant::now() + timeout();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if Instant::now() > deadline {
                panic!("the program did not exit; the screen shows:\n{}", self.screen());
            }
            thread::sleep(POLL);
        };
        wait_until("the end of the pty's output", || self.eof.load(Ordering::SeqCst));
        let raw = lock(&self.raw).clone();
        (status, raw)
    }
}

impl Drop for Pty {
    /// A failed test must not leave the program running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A rectangle of the screen: rows and columns.
pub struct Pane {
    pub rows: Range<u16>,
    pub cols: Range<u16>,
}

impl Pane {
    pub fn contains(&self, row: u16, col: u16) -> bool {
        self.rows.contains(&row) && self.cols.contains(&col)
    }
}

pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

pub fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a non-zero size")
}

pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another test thread must not hide this test's own failure.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A row's text, and the screen column of each of its characters (wide characters take two
/// columns but one character).
pub fn row_text(screen: &vt100::Screen, row: u16) -> (String, Vec<u16>) {
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
pub fn is_highlighted(cell: &vt100::Cell) -> bool {
    cell.bgcolor() != vt100::Color::Default || cell.inverse()
}

/// The `i/n` counter that follows `query` in the status bar (`/beacon▏ 1/3`, `/beacon 2/3`).
pub fn counter_after(status: &str, query: &str) -> Option<(usize, usize)> {
    let (_, rest) = status.split_once(query)?;
    let rest = rest.trim_start_matches(['▏', ' ']);
    let word = rest.split_whitespace().next()?;
    let (i, n) = word.split_once('/')?;
    Some((i.parse().ok()?, n.parse().ok()?))
}

/// Where `needle` last occurs in `haystack`.
pub fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Where `needle` first occurs in `haystack`.
pub fn find_first(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub const ENTER_ALTERNATE: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALTERNATE: &[u8] = b"\x1b[?1049l";

/// What taking the terminal turns on, and what giving it back must turn off again.
pub const TERMINAL_MODES: [(&[u8], &[u8], &str); 5] = [
    (ENTER_ALTERNATE, LEAVE_ALTERNATE, "the alternate screen"),
    (b"\x1b[?25l", b"\x1b[?25h", "the hidden cursor"),
    (b"\x1b[?2004h", b"\x1b[?2004l", "bracketed paste"),
    (b"\x1b[?1000h", b"\x1b[?1000l", "mouse capture"),
    (b"\x1b[?1006h", b"\x1b[?1006l", "SGR mouse reports"),
];

/// Asserts the terminal was given back after the last time it was taken: in the bytes after
/// the last entry into the alternate screen, each mode it turned on is turned off and not on
/// again, nothing but plain text follows, and the pty is out of raw mode.
pub fn assert_terminal_restored(pty: &Pty, raw: &[u8]) {
    let taken = find_last(raw, ENTER_ALTERNATE).expect("the alternate screen was entered");
    let after = &raw[taken..];
    for (on, off, what) in TERMINAL_MODES {
        let off_at = find_last(after, off)
            .unwrap_or_else(|| panic!("{what} was not turned off after the last frame"));
        assert!(
            find_last(after, on).is_none_or(|on_at| on_at < off_at),
            "{what} was turned on again after it was turned off"
        );
    }
    let given_back = find_last(after, LEAVE_ALTERNATE).unwrap_or_default() + LEAVE_ALTERNATE.len();
    let rest = &after[given_back..];
    assert!(
        !rest.contains(&0x1b),
        "escape sequences after the terminal was given back: {:?}",
        String::from_utf8_lossy(rest)
    );
    let parser = lock(&pty.parser);
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "cursor still hidden");
    assert!(!screen.bracketed_paste(), "bracketed paste left on");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse left on");
    drop(parser);
    assert!(pty.is_cooked(), "the pty was left in raw mode");
}

/// The notes file of the fixture briefing in `data`.
pub fn notes_file(data: &Path) -> PathBuf {
    data.join("notes").join(format!("{FIXTURE_ID}.toml"))
}

/// The notes in the fixture's notes file, read with `toml` (not the reader's store): each as
/// (claim, stance, note).
pub fn saved_notes(data: &Path) -> Vec<(String, Option<String>, String)> {
    let text = std::fs::read_to_string(notes_file(data)).expect("a notes file");
    let file: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let Some(notes) = file.get("note").and_then(|n| n.as_array()) else { return Vec::new() };
    let text =
        |note: &toml::Value, key: &str| note.get(key).and_then(|v| v.as_str()).map(str::to_string);
    notes
        .iter()
        .map(|n| {
            (
                text(n, "claim").unwrap_or_default(),
                text(n, "stance"),
                text(n, "note").unwrap_or_default(),
            )
        })
        .collect()
}

/// The saved reading position's section id, from `positions.toml`.
pub fn saved_section(data: &Path) -> String {
    let text = std::fs::read_to_string(data.join("positions.toml")).expect("a positions file");
    let line = text.lines().find(|l| l.starts_with("section = "));
    let line = line.unwrap_or_else(|| panic!("no section in {text}"));
    line.trim_start_matches("section = ").trim_matches('"').to_string()
}
