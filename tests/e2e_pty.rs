//! End to end: the real binary in a pseudo-terminal, its output parsed by `vt100`, keys written
//! as a terminal would send them. Slow next to the other tests, so it covers the paths only a
//! real terminal exercises: start-up, drawing, key decoding, resizes, pastes, signals, Ctrl-Z,
//! restoring the terminal on every way out, saving notes against a locked or missing folder,
//! and remembering the reading position between runs.
//!
//! The reader opens `tests/fixtures/e2e/lighthouse.toml`, a briefing written for these tests,
//! never the bundled one, so editing the bundled article cannot break them.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

mod common;

use std::io::Write;
use std::path::Path;
use std::thread;
use std::time::Instant;

use common::pty::*;
use portable_pty::{CommandBuilder, native_pty_system};

#[test]
fn read_jump_highlight_search_quit_and_resume() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));

    // 1. The briefing opens at its first section.
    pty.wait_for_text("1/5 · Harbour lights");
    pty.wait_for_status("§1/5");
    assert!(!pty.is_cooked(), "the reader runs the terminal raw");

    // 2. A digit jumps to that section, at its top.
    pty.send("3");
    pty.wait_for_text("3/5 · Logbooks and weather");
    pty.wait_for_status("§3/5 Top");

    // 3. Tab focuses the claims; `j` selects the second, whose quote is in the section's last
    // paragraph: it scrolls into view, highlighted.
    let (title_row, title_col) = pty.find("Claims (")[0];
    let focused_title = |pty: &Pty| pty.cell_at(title_row, title_col).bold();
    assert!(!focused_title(&pty), "claims focused too early:\n{}", pty.screen());
    pty.send("\t");
    pty.wait_for("the claims pane to take focus", |_| focused_title(&pty));
    pty.send("j");
    // The start of the claim's text: the pane wraps the rest.
    let claim = "The lamp was lit every";
    pty.wait_for("the second claim's marker", |s| s.contains(&format!("» {claim}")));
    // The reading pane's text: from under its title to above its bottom border (the status bar
    // is row 39), and from its title's column to its right border, left of the claims pane's.
    let (text_row, text_col) = pty.find("3/5 · Logbooks and weather")[0];
    let text = Pane { rows: text_row + 1..38, cols: text_col..title_col - 3 };
    let screen = pty.wait_for("the quote highlighted", |_| {
        pty.is_word_highlighted("missed", &text) == Some(true)
    });
    // Only the quote: the same paragraph's words before it stay plain.
    assert_eq!(pty.is_word_highlighted("together", &text), Some(false), "{screen}");
    assert!(!pty.status_bar().contains("Top"), "the text did not scroll:\n{screen}");

    // `j` did what Enter does; to tell Enter apart, Esc clears the highlight and the wheel
    // scrolls the text back to its top (the claims keep the focus and the selection). Enter
    // then brings the quote back into view, highlighted.
    pty.send("\x1b");
    pty.wait_for("the highlight to clear", |_| {
        pty.is_word_highlighted("missed", &text) == Some(false)
    });
    let wheel_up = format!("\x1b[<64;{};{}M", text_col + 5, text_row + 4);
    pty.send(&wheel_up.repeat(40));
    let screen = pty.wait_for("the text back at its top", |s| {
        s.lines().last().is_some_and(|l| l.contains("§3/5 Top"))
    });
    assert_eq!(pty.is_word_highlighted("missed", &text), None, "{screen}");
    assert!(!screen.contains("» "), "a claim still marked as shown:\n{screen}");
    // Still selected, in the still focused pane.
    let claims = Pane { rows: title_row + 1..title_row + 12, cols: title_col..120 };
    assert_eq!(pty.is_word_highlighted("lamp was lit", &claims), Some(true), "{screen}");
    assert_eq!(pty.is_word_highlighted("first keeper", &claims), Some(false), "{screen}");
    assert!(focused_title(&pty), "{screen}");
    pty.send("\r");
    let screen = pty.wait_for("Enter to show the quote", |s| {
        pty.is_word_highlighted("missed", &text) == Some(true) && s.contains(&format!("» {claim}"))
    });
    assert!(!pty.status_bar().contains("Top"), "{screen}");
    // Enter was a jump: Ctrl-O goes back to where the text was.
    pty.send("\x0f");
    pty.wait_for_status("§3/5 Top");

    // 4. Search (smart case): the prompt counts matches and shows the first at or after this
    // section, in section 4 (the first of the three is in section 1). Enter keeps the search;
    // `n` steps forward, wrapping from the last to the first; `N` steps back across the wrap.
    let counter = |screen: &str| counter_after(screen.lines().last()?, "/beacon");
    let highlighted_in_text = |pty: &Pty| pty.is_word_highlighted("beacon", &text) == Some(true);
    pty.send("/");
    pty.wait_for("the search prompt", |s| s.lines().last().is_some_and(|l| l.contains('/')));
    pty.send("beacon");
    let screen = pty.wait_for("the match counter", |s| counter(s) == Some((2, 3)));
    assert!(screen.contains("4/5 · Winter storms"), "{screen}");
    assert!(highlighted_in_text(&pty), "match not highlighted:\n{screen}");
    pty.send("\r");
    pty.wait_for("the prompt to close", |s| {
        s.lines().last().is_some_and(|l| !l.contains("/beacon▏")) && counter(s) == Some((2, 3))
    });
    for (key, at, section) in [
        ("n", (3, 3), "5/5 · What remains"),
        ("n", (1, 3), "1/5 · Harbour lights"),
        ("N", (3, 3), "5/5 · What remains"),
        ("N", (2, 3), "4/5 · Winter storms"),
    ] {
        pty.send(key);
        let screen = pty.wait_for(&format!("`{key}` to step to match {at:?}"), |s| {
            counter(s) == Some(at) && s.contains(section)
        });
        let number = section.split('/').next().unwrap_or_default();
        assert!(pty.status_bar().contains(&format!("§{number}/5")), "{screen}");
        assert!(highlighted_in_text(&pty), "match {at:?} not highlighted:\n{screen}");
        if at == (1, 3) {
            assert!(pty.status_bar().contains("search wrapped to the start"), "{screen}");
        }
    }

    // 5. `?` opens the help; Esc closes it.
    pty.send("?");
    pty.wait_for_text("Help: keys");
    pty.send("\x1b");
    pty.wait_for("the help to close", |s| !s.contains("Help: keys"));

    // 6. `q` quits cleanly and gives the terminal back.
    pty.send("q");
    let (status, raw) = pty.exit();
    assert_eq!(status.exit_code(), 0, "exit status {status:?}");
    assert_terminal_restored(&pty, &raw);
    assert_eq!(saved_section(data.path()), "storms");

    // 7. The next run reopens where this one stopped.
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("4/5 · Winter storms");
    pty.wait_for_status("§4/5");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn narrow_layout_tabs_and_resizes() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (80, 24));
    let title = "1/5 · Harbour lights";

    // Below 100 columns the side panes fold into tabs under the text.
    let screen = pty.wait_for_text(title);
    let tabs = screen
        .lines()
        .find(|l| l.contains("Tab: switch"))
        .unwrap_or_else(|| panic!("no tab bar:\n{screen}"));
    for tab in ["Claims", "Marks", "Counterpoints", "Factors"] {
        assert!(tabs.contains(tab), "no {tab} tab: {tabs}");
    }
    assert!(screen.contains("Claims ("), "{screen}");
    assert!(!screen.contains("Counterpoints ("), "{screen}");

    // Tab: text → claims → marks → counterpoints.
    pty.send("\t");
    pty.send("\t");
    pty.send("\t");
    let screen = pty.wait_for_text("Counterpoints (");
    assert!(!screen.contains("Claims ("), "{screen}");

    // Still above the minimum (30×8): the panes redraw at the new size.
    pty.resize(40, 12);
    let screen = pty
        .wait_for("the reader at 40x12", |s| s.lines().last().is_some_and(|l| l.contains("§1/5")));
    assert!(!screen.contains("Terminal too small"), "{screen}");
    let top = screen.lines().next().unwrap_or_default();
    assert!(top.contains("1/5 · Harbour"), "{screen}");
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
    assert!(screen.lines().last().is_some_and(|l| l.contains("§1/5")), "{screen}");
    // 100 columns is wide: the side panes stand stacked beside the text again.
    assert!(screen.contains("Claims (") && screen.contains("Counterpoints ("), "{screen}");
    assert!(!screen.contains("Tab: switch"), "{screen}");

    pty.send("q");
    let (status, raw) = pty.exit();
    assert!(status.success(), "exit status {status:?}");
    assert_terminal_restored(&pty, &raw);
}

/// Notes: write one on a claim, take a stance, quit; both are there on reopening, and
/// `briefing notes` prints them as Markdown.
#[test]
fn a_note_and_a_stance_survive_quitting_and_reopening() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("2");
    pty.wait_for_text("2/5 · The keepers' year");
    // `a` annotates the selected claim (the first of the section): the editor opens on it.
    pty.send("a");
    pty.wait_for_text("On: Most keepers served a whole year at a time.");
    pty.send("Counts are not quality.");
    pty.send("\r");
    pty.send("数え方 😀");
    pty.wait_for_text("数え方");
    pty.send("\x13"); // Ctrl-S
    pty.wait_for("the editor to close", |s| !s.contains("On: Most keepers"));
    pty.send("s");
    pty.wait_for_text("+ agree · ✎ note");
    pty.wait_for_text("✎ Counts are not quality.");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());
    assert_eq!(
        saved_notes(data.path()),
        [(
            "year-on-the-rock".to_string(),
            Some("agree".to_string()),
            "Counts are not quality.\n数え方 😀".to_string()
        )]
    );

    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("2/5 · The keepers' year");
    pty.wait_for_text("+ agree · ✎ note");
    pty.wait_for_text("✎ Counts are not quality.");
    pty.send("N");
    pty.wait_for_text("Your notes and marks (1)");
    pty.wait_for_text("§2 The keepers' year · agree");
    pty.send("\x1b");
    pty.wait_for("the overview to close", |s| !s.contains("Your notes and marks (1)"));
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["notes", FIXTURE, "--data-dir"])
        .arg(data.path())
        .output()
        .expect("run briefing notes");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(markdown.contains("## 2. The keepers' year"), "{markdown}");
    assert!(markdown.contains("- Most keepers served a whole year at a time."), "{markdown}");
    assert!(markdown.contains("**Your stance:** agree"), "{markdown}");
    assert!(markdown.contains("> Counts are not quality.\\\n  > 数え方 😀"), "{markdown}");
}

/// `p` and `c` set a likelihood and a confidence on the selected claim, shown beside it; they
/// are saved (the file becomes format 2) and shown again on reopening.
#[test]
fn a_likelihood_and_a_confidence_survive_quitting_and_reopening() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("2");
    pty.wait_for_text("2/5 · The keepers' year");
    pty.send("ppppp");
    pty.wait_for_text("likelihood saved: likely (55-80%)");
    pty.send("cc");
    pty.wait_for_text("likely · mod");
    pty.wait_for_text("confidence saved: moderate");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());
    let text = std::fs::read_to_string(notes_file(data.path())).expect("a notes file");
    assert!(text.starts_with("format = 2\n"), "{text}");
    assert!(text.contains("likelihood = \"likely\"\nconfidence = \"moderate\"\n"), "{text}");

    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("2/5 · The keepers' year");
    pty.wait_for_text("likely · mod");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());
}

/// The library picker (`L`) switches briefings without leaving, and each keeps its place.
#[test]
fn switching_briefings_keeps_each_ones_position() {
    let data = tempfile::tempdir().expect("temp dir");
    let shelf = tempfile::tempdir().expect("temp dir");
    let body = "Alpha words.\n\nMore alpha words.";
    let section = |i| {
        format!("[[section]]\nid = \"s{i}\"\ntitle = \"Shelf part {i}\"\n")
            + &format!("body = \"\"\"\n{body}\n\"\"\"\n\n")
    };
    let sections: String = (1..=3).map(section).collect();
    let file = format!(
        "format = 1\n[briefing]\nid = \"shelf\"\ntitle = \"The shelf briefing\"\n\n{sections}"
    );
    std::fs::write(shelf.path().join("shelf.toml"), file).unwrap();
    let lighthouse = shelf.path().join("lighthouse.toml");
    std::fs::copy(FIXTURE, &lighthouse).unwrap();
    let args = ["--library", shelf.path().to_str().unwrap(), lighthouse.to_str().unwrap()];

    let mut pty = Pty::reader(data.path(), &args, (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("3");
    pty.wait_for_text("3/5 · Logbooks and weather");
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
    pty.wait_for_text("The lighthouse keepers · e2e-lighthouse · §3/5");
    pty.send("lighthouse");
    pty.send("\r");
    pty.wait_for_text("3/5 · Logbooks and weather");
    // And to the shelf again: its place too.
    pty.send("L");
    pty.wait_for_text("Library: switch briefing");
    pty.send("shelf\r");
    pty.wait_for_text("2/3 · Shelf part 2");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());
}

/// Keys typed right after `L`, before the library has been read, are the picker's filter:
/// typing "Lshelf" at once filters for the shelf and changes nothing in the briefing (`s`
/// would otherwise cycle a stance, and save it).
#[test]
fn keys_typed_before_the_library_opens_go_to_its_filter() {
    let data = tempfile::tempdir().expect("temp dir");
    let shelf = tempfile::tempdir().expect("temp dir");
    let file = "format = 1\n[briefing]\nid = \"shelf\"\ntitle = \"The shelf briefing\"\n\n\
                [[section]]\nid = \"s1\"\ntitle = \"Shelf part 1\"\nbody = \"Words.\"\n";
    std::fs::write(shelf.path().join("shelf.toml"), file).unwrap();
    let args = ["--library", shelf.path().to_str().unwrap(), FIXTURE];
    let mut pty = Pty::reader(data.path(), &args, (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("Lshelf");
    let screen = pty.wait_for_text("filter: shelf▏");
    assert!(screen.contains("The shelf briefing · shelf · new"), "{screen}");
    assert!(!screen.contains("China’s AI"), "not filtered:\n{screen}");
    pty.send("\x1b");
    let screen = pty.wait_for("the picker to close", |s| !s.contains("Library: switch"));
    assert!(!screen.contains("+ agree"), "a stance was set:\n{screen}");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(!notes_file(data.path()).exists(), "notes were written");
}

/// Closing the terminal under the reader (the window goes away) ends it, having saved its
/// place, instead of leaving it spinning on a dead tty.
#[test]
fn a_closed_terminal_ends_the_reader_and_keeps_its_place() {
    let data = tempfile::tempdir().expect("temp dir");
    let pty = native_pty_system().openpty(size(100, 30)).expect("open a pty");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
    command.arg("--data-dir");
    command.arg(data.path());
    command.arg(FIXTURE);
    command.cwd(data.path());
    command.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(command).expect("spawn briefing");
    drop(pty.slave);
    let reader = pty.master.try_clone_reader().expect("reader");
    let writer = pty.master.take_writer().expect("writer");
    // For the terminal to go away every handle on the pty's master must close, and a read
    // blocked on another thread would hold one open: one thread reads, types, and then drops
    // them all.
    let master = pty.master;
    let (done, finished) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let (mut reader, mut writer) = (reader, writer);
        let mut parser = vt100::Parser::new(nonzero(30), nonzero(100), 0);
        let mut wait = |text: &str| {
            let mut buf = [0u8; 4096];
            while !parser.screen().contents().contains(text) {
                let Ok(n @ 1..) = reader.read(&mut buf) else { return false };
                parser.process(&buf[..n]);
            }
            true
        };
        let shown = wait("§1/5") && writer.write_all(b"4").is_ok() && wait("§4/5");
        // The terminal goes away.
        drop((reader, writer, master));
        let _ = done.send(shown);
    });
    if finished.recv_timeout(timeout()) != Ok(true) {
        let _ = child.kill();
        panic!("the reader never showed section 4");
    }
    let deadline = Instant::now() + timeout();
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
    assert_eq!(saved_section(data.path()), "storms");
}

/// SIGTERM: the note open in the editor is saved, the terminal given back, and the exit
/// status is 128 + 15.
#[test]
fn sigterm_saves_the_open_note_restores_the_terminal_and_exits_143() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("2");
    pty.wait_for_text("2/5 · The keepers' year");
    pty.send("a");
    pty.wait_for_text("On: Most keepers served a whole year at a time.");
    pty.send("Written, never saved by hand.");
    pty.wait_for_text("Written, never saved by hand.");
    pty.signal("TERM");
    let (status, raw) = pty.exit();
    assert_eq!(status.exit_code(), 128 + 15, "exit status {status:?}");
    assert_terminal_restored(&pty, &raw);
    assert_eq!(
        saved_notes(data.path()),
        [("year-on-the-rock".to_string(), None, "Written, never saved by hand.".to_string())]
    );
    assert_eq!(saved_section(data.path()), "keepers");
}

/// SIGINT (sent by `kill`: in raw mode Ctrl-C is a key, not a signal): the terminal given
/// back, the place kept, and the exit status 128 + 2.
#[test]
fn sigint_restores_the_terminal_keeps_the_place_and_exits_130() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("4");
    pty.wait_for_status("§4/5");
    pty.signal("INT");
    let (status, raw) = pty.exit();
    assert_eq!(status.exit_code(), 128 + 2, "exit status {status:?}");
    assert_terminal_restored(&pty, &raw);
    assert_eq!(saved_section(data.path()), "storms");
}

/// Set in the environment of `panic_child_process` when a test runs it.
const PANIC_CHILD: &str = "BRIEFING_E2E_PANIC_CHILD";

/// Not a test of its own: run by `a_panic_restores_the_terminal_before_its_message` in a pty,
/// with `PANIC_CHILD` set, it takes the terminal as the reader does and panics. Run any other
/// way it does nothing.
#[test]
#[ignore = "the child process of a_panic_restores_the_terminal_before_its_message"]
fn panic_child_process() {
    if std::env::var_os(PANIC_CHILD).is_none() {
        return;
    }
    briefing::tui::terminal::install_panic_hook();
    let _tty = briefing::tui::terminal::enter(true).expect("take the terminal");
    print!("drawn before the panic");
    std::io::stdout().flush().expect("flush");
    panic!("a panic on purpose");
}

/// The binary has no way to panic on purpose, so this test runs itself in a pty: the child
/// takes the terminal with the reader's own `terminal::enter` and panic hook, and panics.
#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    let mut command = CommandBuilder::new(std::env::current_exe().expect("the test binary"));
    command.args([
        "panic_child_process",
        "--exact",
        "--nocapture",
        "--include-ignored",
        "--test-threads=1",
        "--color=never",
    ]);
    command.env(PANIC_CHILD, "1");
    command.env_remove("RUST_BACKTRACE");
    let mut pty = Pty::start(command, (80, 24));
    let (status, raw) = pty.exit();
    let text = String::from_utf8_lossy(&raw).into_owned();
    assert!(!status.success(), "the child's test passed: {text:?}");
    let entered =
        find_first(&raw, ENTER_ALTERNATE).unwrap_or_else(|| panic!("never entered: {text:?}"));
    let drawn = find_first(&raw, b"drawn before the panic").expect("the child's output");
    let message = find_first(&raw, b"a panic on purpose").expect("the panic message");
    assert!(entered < drawn && drawn < message, "{text:?}");
    // The hook gives the terminal back first, then the message prints on the normal screen.
    for (_, off, what) in TERMINAL_MODES {
        let off_at = find_first(&raw[drawn..], off).map(|at| drawn + at);
        assert!(
            off_at.is_some_and(|at| at < message),
            "{what} not turned off before the message: {text:?}"
        );
    }
    assert_terminal_restored(&pty, &raw);
    let parser = lock(&pty.parser);
    assert!(parser.screen().contents().contains("a panic on purpose"), "{text:?}");
}

/// The state letter (`S`, `R`, `T`...) and parent pid of a process, from /proc.
#[cfg(target_os = "linux")]
fn process_state(pid: u32) -> Option<(char, u32)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name, in parentheses, may hold spaces: fields follow the last ')'.
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace();
    let state = fields.next()?.chars().next()?;
    Some((state, fields.next()?.parse().ok()?))
}

/// Ctrl-Z gives the terminal back and stops the reader; `fg` (SIGCONT) has it take the
/// terminal again and draw the whole screen; `q` then quits as usual.
///
/// A process the kernel cannot stop this way (its process group has no parent in its session
/// to resume it, as when it is the pty's first process) ignores SIGTSTP, so the reader runs
/// under a job-control shell here, as it does in a terminal.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_suspends_and_fg_redraws_the_whole_screen() {
    let data = tempfile::tempdir().expect("temp dir");
    // With job control (`set -m`) the reader runs as a job of its own; once it stops, the
    // shell reports it, waits for a line, then resumes it with `fg` and passes its status on.
    let script = concat!(
        r#"set -m; "$0" "$@"; echo "stopped with $?"; read -r _; "#,
        r#"fg; s=$?; echo "exited with $s"; exit $s"#
    );
    let mut command = CommandBuilder::new("bash");
    command.args(["--norc", "--noprofile", "-c", script, env!("CARGO_BIN_EXE_briefing")]);
    command.arg("--data-dir");
    command.arg(data.path());
    command.arg(FIXTURE);
    command.cwd(data.path());
    let mut pty = Pty::start(command, (100, 30));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("2");
    let before = pty.wait_for_status("§2/5");

    let suspended_at = pty.written();
    pty.send("\x1a");
    // 148 = 128 + SIGTSTP: the shell saw its job stop.
    pty.wait_for_bytes(suspended_at, b"stopped with 148");
    let shell = pty.child.process_id().expect("the shell's pid");
    let reader = std::fs::read_dir("/proc")
        .expect("/proc")
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .find(|&pid| process_state(pid).is_some_and(|(_, parent)| parent == shell))
        .expect("the reader, a child of the shell");
    assert_eq!(process_state(reader).map(|(state, _)| state), Some('T'), "not stopped");
    let given_back = lock(&pty.raw)[suspended_at..].to_vec();
    for (on, off, what) in TERMINAL_MODES {
        assert!(find_first(&given_back, off).is_some(), "{what} not turned off at Ctrl-Z");
        assert!(find_first(&given_back, on).is_none(), "{what} turned on again while stopped");
    }
    {
        let parser = lock(&pty.parser);
        assert!(!parser.screen().alternate_screen(), "still on the alternate screen");
        assert!(!parser.screen().hide_cursor(), "cursor hidden while stopped");
    }
    assert!(pty.is_cooked(), "the pty was left raw while the reader is stopped");

    // `fg`: entering the alternate screen clears it, so only a full redraw shows it all again.
    let resumed_at = pty.written();
    pty.send("\r");
    let after = pty.wait_for("the whole screen again", |s| s == before);
    let taken = lock(&pty.raw)[resumed_at..].to_vec();
    assert!(find_first(&taken, ENTER_ALTERNATE).is_some(), "{after}");
    assert!(lock(&pty.parser).screen().alternate_screen());
    assert!(!pty.is_cooked(), "the terminal is not raw again");
    assert_ne!(process_state(reader).map(|(state, _)| state), Some('T'), "still stopped");

    pty.send("q");
    let (status, raw) = pty.exit();
    assert!(find_last(&raw, b"exited with 0").is_some(), "{}", String::from_utf8_lossy(&raw));
    assert!(status.success(), "exit status {status:?}");
}

/// A bracketed paste into the note editor is one note, keeps its line breaks and tabs, and
/// stores escape and bidi characters as the visible markers the editor showed.
#[test]
fn a_pasted_note_keeps_its_lines_and_shows_controls_as_markers() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("a");
    pty.wait_for_text("On: The light was paid for by harbour dues.");
    // As a terminal pastes: line breaks as CR (and one CR LF), inside the paste brackets.
    pty.send(
        "\x1b[200~first line\rsecond\tline \x1b[31mred\x1b[0m \u{202e}txet\r\nlast line\x1b[201~",
    );
    let screen = pty.wait_for_text("^[[31mred^[[0m <U+202E>txet");
    let first = pty.find("first line");
    let last = pty.find("last line");
    assert!(
        first.len() == 1 && last.len() == 1 && first[0].0 + 2 == last[0].0,
        "three lines expected:\n{screen}"
    );
    pty.send("\x13"); // Ctrl-S
    pty.wait_for_status("note saved");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success(), "exit status {status:?}");

    let notes = saved_notes(data.path());
    let expected = "first line\nsecond\tline ^[[31mred^[[0m <U+202E>txet\nlast line";
    assert_eq!(notes, [("harbour-dues".to_string(), None, expected.to_string())]);
    let file = std::fs::read_to_string(notes_file(data.path())).unwrap();
    assert!(!file.contains(['\u{1b}', '\u{202e}']), "{file:?}");
}

/// Another process holds the notes' lock: the save fails and says so in the status bar at
/// once, the reader keeps taking keys, and once the lock is released the change is saved by
/// the retry and the error goes.
#[test]
fn a_locked_notes_file_is_reported_and_saved_once_released() {
    let data = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(data.path().join("notes")).unwrap();
    let lock_path = data.path().join("notes").join(format!("{FIXTURE_ID}.toml.lock"));
    let held = std::fs::File::create(&lock_path).unwrap();
    held.lock().unwrap();
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("s");
    let screen = pty.wait_for_status("locked by another process");
    let status = screen.lines().last().unwrap_or_default();
    assert!(status.contains("notes not saved, will retry"), "{screen}");
    assert!(screen.contains("+ agree"), "the stance is shown, unsaved:\n{screen}");
    // Keys still work while the save is failing: a section forward and back.
    pty.send("]");
    pty.wait_for_status("§2/5");
    pty.send("[");
    pty.wait_for_status("§1/5");
    assert!(pty.status_bar().contains("locked by another process"), "{}", pty.screen());
    assert!(!notes_file(data.path()).exists(), "written while locked");

    held.unlock().unwrap();
    wait_until("the stance saved after the lock was released", || notes_file(data.path()).exists());
    assert_eq!(
        saved_notes(data.path()),
        [("harbour-dues".to_string(), Some("agree".to_string()), String::new())]
    );
    pty.wait_for("the error to go", |s| s.lines().last().is_some_and(|l| !l.contains("locked")));
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success(), "exit status {status:?}");
}

/// A save that fails shows at once and stays, not only until the next key, and the message
/// the same key set ("stance: agree") does not hide it; quitting with the change unsaved
/// exits 1.
#[test]
fn a_failed_save_shows_at_once_and_until_it_succeeds() {
    let data = tempfile::tempdir().expect("temp dir");
    // A file where the notes folder should be: every save fails at once.
    std::fs::write(data.path().join("notes"), "in the way").unwrap();
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("s");
    let screen = pty.wait_for_status("notes not saved");
    assert!(screen.lines().last().is_some_and(|l| l.contains("cannot create")), "{screen}");
    pty.send("]");
    pty.wait_for_status("§2/5");
    assert!(pty.status_bar().contains("notes not saved"), "{}", pty.screen());
    pty.send("q");
    let (status, _) = pty.exit();
    assert_eq!(status.exit_code(), 1, "exit status {status:?}");
}

/// Notes that cannot be saved at all (a file stands where their folder should be): the note
/// written in the editor is printed after the terminal is given back, so it is not lost.
#[test]
fn a_note_that_cannot_be_saved_is_printed_after_the_terminal_is_restored() {
    let data = tempfile::tempdir().expect("temp dir");
    std::fs::write(data.path().join("notes"), "in the way").unwrap();
    let mut pty = Pty::reader(data.path(), &[FIXTURE], (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("2");
    pty.wait_for_text("2/5 · The keepers' year");
    pty.send("a");
    pty.wait_for_text("On: Most keepers served a whole year at a time.");
    pty.send("Keep this thought.\rSecond line, 数え方.");
    pty.wait_for_text("数え方");
    pty.send("\x13"); // Ctrl-S
    pty.wait_for("the editor to close", |s| !s.contains("On: Most keepers"));
    // "note saved" is said only once it is on disk.
    let screen = pty.wait_for_status("notes not saved");
    assert!(!screen.lines().last().is_some_and(|l| l.contains("note saved")), "{screen}");
    pty.send("q");
    let (status, raw) = pty.exit();
    // Unsaved notes make the exit status 1.
    assert_eq!(status.exit_code(), 1, "exit status {status:?}");
    assert_terminal_restored(&pty, &raw);
    let given_back = find_last(&raw, LEAVE_ALTERNATE).expect("the terminal given back");
    let after = String::from_utf8_lossy(&raw[given_back..]).replace("\r\n", "\n");
    assert!(
        after.contains("briefing: error: 1 note change(s) not saved: cannot create"),
        "{after}"
    );
    let rescued = "Your unsaved note on claim 'year-on-the-rock':\n\
                   Keep this thought.\n\
                   Second line, 数え方.\n";
    assert!(after.contains(rescued), "{after}");
    assert!(!data.path().join("notes").is_dir());
}

/// A config file remaps a key, and the reader draws with its theme: `f` is the next section
/// (and `]` no longer is), the status bar and the help say `f`, in the light theme's colours.
#[test]
fn a_remapped_key_works_and_the_help_shows_it() {
    let data = tempfile::tempdir().expect("temp dir");
    let config = data.path().join("config.toml");
    let text = "[theme]\nbase = \"light\"\n[keys.reading]\nnext-section = [\"f\"]\n";
    std::fs::write(&config, text).unwrap();
    let config = config.to_str().unwrap();
    let mut pty = Pty::reader(data.path(), &["--config", config, FIXTURE], (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    let status = pty.wait_for_status("f next");
    assert!(!status.lines().last().unwrap().contains("] next"), "{status}");
    // The light theme's status bar: light gray (colour 7), not the dark one's dark gray.
    assert_eq!(pty.cell_at(39, 0).bgcolor(), vt100::Color::Idx(7));
    // `]` does nothing now: after it and `f`, the reader is at section 2, not 3.
    pty.send("]");
    pty.send("f");
    pty.wait_for_text("2/5 · The keepers' year");
    pty.wait_for_status("§2/5");
    pty.send("?");
    let help = pty.wait_for_text("next section");
    let line = help.lines().find(|l| l.contains("next section")).unwrap();
    let keys = line.split("next section").next().unwrap();
    assert_eq!(keys.trim_matches(|c: char| c == ' ' || c == '│'), "f", "{help}");
    pty.send("q");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success(), "exit status {status:?}");
}

/// Writes `text` to `path` the way editors and the notes saver do: a temp file in the same
/// folder, renamed over it.
fn replace_file(path: &Path, text: &str) {
    let temp = path.with_extension("toml.tmp");
    std::fs::write(&temp, text).expect("write the new version");
    std::fs::rename(&temp, path).expect("rename it over the old one");
}

/// The file open in the reader is rewritten under it: a valid new version shows in place, a
/// broken one leaves the last good version on screen with its errors listed, and fixing it
/// shows the fixed version; a stance set meanwhile is saved, and the reader quits cleanly.
#[test]
fn the_reader_follows_its_file_through_valid_broken_and_fixed_versions() {
    let data = tempfile::tempdir().expect("temp dir");
    let file = data.path().join("lighthouse.toml");
    let original = std::fs::read_to_string(FIXTURE).unwrap();
    std::fs::write(&file, &original).unwrap();
    let mut pty = Pty::reader(data.path(), &[file.to_str().unwrap()], (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("2");
    pty.wait_for_text("2/5 · The keepers' year");

    // A valid edit, by rename: the same section, its new title.
    let longer =
        original.replace("title = \"The keepers' year\"", "title = \"The keepers' long year\"");
    replace_file(&file, &longer);
    pty.wait_for_text("2/5 · The keepers' long year");
    pty.wait_for_status("the file changed: reloaded");
    pty.send("s");
    pty.wait_for_text("+ agree");

    // Broken, written in place: the last good version stays, the errors show, made safe.
    let broken = longer.replacen("format = 1", "format = 1 oops \u{1b}[2J", 1);
    std::fs::write(&file, &broken).unwrap();
    let screen = pty.wait_for_text("The file does not load");
    assert!(screen.contains("2/5 · The keepers' long year"), "{screen}");
    assert!(screen.contains(":4:10: error: invalid TOML"), "{screen}");
    // Esc puts the list away; the status bar keeps saying it.
    pty.send("\x1b");
    pty.wait_for_status("still has errors");

    // Fixed: the errors go, the fixed version shows, still in section 2.
    let fixed =
        original.replace("title = \"The keepers' year\"", "title = \"The keepers' fixed year\"");
    replace_file(&file, &fixed);
    let screen = pty.wait_for_text("2/5 · The keepers' fixed year");
    assert!(!screen.contains("The file does not load"), "{screen}");
    pty.wait_for_status("the file loads again");
    pty.wait_for_text("+ agree");

    pty.send("q");
    let (status, raw) = pty.exit();
    assert!(status.success());
    assert_terminal_restored(&pty, &raw);
    assert_eq!(saved_notes(data.path()).len(), 1);
    assert_eq!(saved_notes(data.path())[0].1.as_deref(), Some("agree"));
}

/// `e` hands the terminal to `$VISUAL` (here a script that records its arguments and edits
/// the file) at the line of the selected claim, takes it back, and shows the edit.
#[test]
fn e_opens_the_editor_at_the_selected_claim_and_shows_its_edit() {
    use std::os::unix::fs::PermissionsExt;

    let data = tempfile::tempdir().expect("temp dir");
    let file = data.path().join("lighthouse.toml");
    let original = std::fs::read_to_string(FIXTURE).unwrap();
    std::fs::write(&file, &original).unwrap();
    let args = data.path().join("editor-args");
    let script = data.path().join("editor.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n\
             for last; do :; done\n\
             sed 's/Harbour lights/Harbour lamps/' \"$last\" > \"$last.new\"\n\
             mv \"$last.new\" \"$last\"\n",
            args.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
    command.arg("--data-dir");
    command.arg(data.path());
    command.arg(&file);
    command.cwd(data.path());
    // $VISUAL wins over $EDITOR, and its own arguments are kept.
    command.env("VISUAL", format!("{} --wait", script.display()));
    command.env("EDITOR", "/nonexistent/editor");
    let mut pty = Pty::start(command, (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("2\t");
    pty.wait_for_text("2/5 · The keepers' year");
    let taken = pty.written();
    pty.send("e");
    pty.wait_for_text("1 Harbour lamps");
    let claim_line = original.lines().position(|l| l == "id = \"year-on-the-rock\"").unwrap();
    let recorded = std::fs::read_to_string(&args).unwrap();
    assert_eq!(
        recorded.lines().collect::<Vec<_>>(),
        ["--wait", &format!("+{claim_line}"), file.to_str().unwrap()]
    );
    // The terminal was given to the editor and taken back.
    let raw = lock(&pty.raw)[taken..].to_vec();
    let left = find_first(&raw, LEAVE_ALTERNATE).expect("the terminal handed over");
    assert!(find_first(&raw[left..], ENTER_ALTERNATE).is_some(), "the terminal taken back");
    assert!(pty.screen().contains("2/5 · The keepers' year"));

    pty.send("q");
    let (status, raw) = pty.exit();
    assert!(status.success());
    assert_terminal_restored(&pty, &raw);
}

/// An editor that cannot start is said in the status bar; the reader goes on.
#[test]
fn an_editor_that_cannot_start_is_said_and_the_reader_goes_on() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
    command.arg("--data-dir");
    command.arg(data.path());
    command.arg(FIXTURE);
    command.cwd(data.path());
    command.env_remove("VISUAL");
    command.env("EDITOR", "/nonexistent/editor -w");
    let mut pty = Pty::start(command, (120, 40));
    pty.wait_for_text("1/5 · Harbour lights");
    pty.send("e");
    pty.wait_for_status("could not start the editor '/nonexistent/editor'");
    pty.send("]");
    pty.wait_for_text("2/5 · The keepers' year");
    pty.send("q");
    let (status, _) = pty.exit();
    assert!(status.success());
}

/// The briefing file at `path` with the body of the first section that holds `needle`
/// rewritten by `edit` (given the body with each paragraph's lines folded into one), the way
/// an author edits the file.
fn edit_body(path: &Path, needle: &str, edit: impl Fn(&str) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut file: toml::Table = toml::from_str(&text).unwrap();
    let sections = file.get_mut("section").and_then(|s| s.as_array_mut()).unwrap();
    let folded = |body: &str| -> String {
        let paragraphs =
            body.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "));
        paragraphs.filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n")
    };
    let section = sections
        .iter_mut()
        .find(|s| s["body"].as_str().is_some_and(|b| folded(b).contains(needle)))
        .unwrap_or_else(|| panic!("no section holds {needle:?}:\n{text}"));
    let body = folded(section["body"].as_str().unwrap());
    section["body"] = toml::Value::String(edit(&body));
    std::fs::write(path, toml::to_string(&file).unwrap()).unwrap();
}

/// The marks of the notes folder: each mark's exact passage and note.
fn saved_marks(data: &Path) -> Vec<(String, Option<String>)> {
    let dir = data.join("notes");
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut out = Vec::new();
    for entry in entries.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "toml")) {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let file: toml::Table = toml::from_str(&text).unwrap();
        for mark in file.get("mark").and_then(|m| m.as_array()).into_iter().flatten() {
            let note = mark.get("note").and_then(|n| n.as_str()).map(String::from);
            out.push((mark["exact"].as_str().unwrap().to_string(), note));
        }
    }
    out
}

/// A new user's own article: imported, a passage selected with `v` `)`, a note written on
/// it; then the author edits the file three times, and each time the reader, opened again,
/// finds the mark where it belongs or says where it stands: moved, then drifted (old text
/// and new), then orphaned, and still listed, never lost.
#[test]
fn a_mark_on_an_imported_article_follows_its_passage_through_edits() {
    let data = tempfile::tempdir().expect("temp dir");
    let article = data.path().join("harbour.txt");
    std::fs::write(
        &article,
        "Harbour Notes\n\nThe keepers logged every ship that passed the point. Their books fill a \
         whole shelf today. Nobody has read them all.\n\nStorms came each winter and the light \
         never failed. The last keeper left in 1990.\n",
    )
    .unwrap();
    let briefing = data.path().join("harbour.toml");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["--data-dir", data.path().to_str().unwrap(), "import"])
        .arg(&article)
        .arg("-o")
        .arg(&briefing)
        .status()
        .unwrap();
    assert!(status.success());
    let open = |data: &Path| Pty::reader(data, &[briefing.to_str().unwrap()], (120, 40));
    let passage = "The keepers logged every ship that passed the point. Their books fill a whole \
                   shelf today.";

    let mut pty = open(data.path());
    pty.wait_for_text("Marks (0)");
    pty.send("v");
    pty.wait_for_status("selecting");
    pty.send(")");
    pty.send("a");
    pty.wait_for_text("On the passage:");
    pty.send("Count them one day.");
    pty.send("\x13"); // Ctrl-S
    pty.wait_for_text("Marks (1)");
    pty.wait_for_status("note saved");
    pty.send("q");
    assert!(pty.exit().0.success());
    assert_eq!(
        saved_marks(data.path()),
        [(passage.to_string(), Some("Count them one day.".into()))]
    );

    // A sentence put before it: the same text, at another place.
    edit_body(&briefing, "The keepers logged", |b| {
        b.replace("The keepers logged", "Fog was common. The keepers logged")
    });
    let mut pty = open(data.path());
    pty.wait_for_text("Marks (1)");
    pty.wait_for_text("moved");
    pty.send("q");
    assert!(pty.exit().0.success());

    // A word of it changed: found by a fuzzy match, shown with what it was.
    edit_body(&briefing, "a whole shelf", |b| b.replace("a whole shelf", "an entire shelf"));
    let mut pty = open(data.path());
    pty.wait_for_text("drifted");
    let screen = pty.wait_for_text("was: “The keepers logged");
    assert!(screen.contains("an entire shelf"), "the new text is shown too:\n{screen}");
    pty.send("q");
    assert!(pty.exit().0.success());

    // The passage gone: orphaned, not in the pane, but listed in N with its note.
    edit_body(&briefing, "The keepers logged", |_| "Nothing of the keepers is left here.".into());
    let mut pty = open(data.path());
    pty.wait_for_text("Marks (0)");
    pty.send("N");
    pty.wait_for_text("orphaned: its passage is gone");
    pty.wait_for_text("Count them one day.");
    pty.send("\x1b");
    pty.wait_for("the overview to close", |s| !s.contains("Your notes and marks"));
    pty.send("q");
    assert!(pty.exit().0.success());
    assert_eq!(saved_marks(data.path()).len(), 1, "the orphan is kept in the file");
}
