//! Live reload of the 1 MB synthetic briefing after an edit, against opening it cold.
//!
//! ```text
//! cargo bench --bench reload                  # 15 rounds
//! cargo bench --bench reload -- --runs 31
//! ```
//!
//! - `cold`: what the reader does before its first frame, through an empty cache of checked
//!   briefings (read, hash, miss, check, write the entry), then `App::new` and one frame at
//!   120x40: `first_frame`'s `cold` mode, in this process.
//! - `reload`: the file is replaced (a new title, written to a temp file and renamed over it,
//!   as editors do); the real worker's watch sees it, waits for the file to be quiet
//!   (`watch::DEBOUNCE`), reads and checks it (a cache miss, its entry written), and answers;
//!   `update` puts the new version in place and the loop paints the new frame. Timed from the
//!   rename to the frame; reported with and without the debounce, which is a wait, not work.
//!
//! Ratio: (reload - debounce) / cold; the issue's target is <= 1.5x. The bench runs itself
//! again as a child with `XDG_CACHE_HOME` in a temp folder, so the user's cache is left alone.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

mod common;

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use briefing::briefing::{Cache, load_cached};
use briefing::tui::app::{App, Message};
use briefing::tui::screen::Screen;
use briefing::tui::theme::COLOR;
use briefing::tui::ui::{self, Geometry, Redraw};
use briefing::tui::worker::Worker;
use briefing::watch::DEBOUNCE;
use ratatui::layout::Rect;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const SIZE: &str = "1MB";
const TARGET: f64 = 1.5;
const CHILD: &str = "BRIEFING_RELOAD_BENCH_CHILD";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(15);
    if std::env::var_os(CHILD).is_none() {
        let cache = tempfile::tempdir().expect("a temp cache folder");
        let status = Command::new(std::env::current_exe().expect("this bench's path"))
            .args(["--runs", &runs.to_string()])
            .env(CHILD, "1")
            .env("XDG_CACHE_HOME", cache.path())
            .status()
            .expect("run the bench as a child");
        return if status.success() { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    }
    let dir = tempfile::tempdir().expect("a temp folder");
    let file = dir.path().join("synth.toml");
    let original = common::synth_text(SIZE);
    std::fs::write(&file, &original).unwrap();
    let cache_dir = briefing::paths::cache_dir().map(|d| briefing::paths::checked_cache_dir(&d));
    let cache_dir = cache_dir.expect("XDG_CACHE_HOME is set");

    let mut cold = Vec::new();
    let mut reload = Vec::new();
    let (worker, answers) = Worker::spawn(Box::new(|| {}));
    worker.start().unwrap();
    worker.watch_briefing(Some(&file));
    let mut app = open(&file, &cache_dir, &mut cold).0;
    let mut screen = Screen::new(Vec::new(), WIDTH, HEIGHT);
    paint(&mut screen, &app);
    // Let the watch start before the first edit.
    std::thread::sleep(Duration::from_millis(200));
    for round in 0..runs {
        // Interleaved, so a noisy machine slows both alike.
        let _ = open(&file, &cache_dir, &mut cold);
        let edited = original.replacen("title = \"", &format!("title = \"Edit {round} "), 2);
        let temp = dir.path().join("synth.toml.tmp");
        std::fs::write(&temp, &edited).unwrap();
        let start = Instant::now();
        std::fs::rename(&temp, &file).unwrap();
        let message = loop {
            let m = answers.recv_timeout(Duration::from_secs(30)).expect("the worker's answer");
            if matches!(m, Message::BriefingReloaded { .. }) {
                break m;
            }
        };
        app.update(message);
        paint(&mut screen, &app);
        reload.push(start.elapsed());
        assert!(app.briefing().title.starts_with(&format!("Edit {round} ")), "not reloaded");
    }
    let cold = median(cold);
    let reload = median(reload);
    let work = reload.saturating_sub(DEBOUNCE);
    let ratio = work.as_secs_f64() / cold.as_secs_f64();
    println!("reload of the {SIZE} synthetic briefing, {runs} rounds, medians:");
    println!("  cold open (cache empty) + first frame  {:8.2} ms", ms(cold));
    println!("  reload, rename to new frame            {:8.2} ms", ms(reload));
    println!("  reload less the {} ms debounce         {:8.2} ms", DEBOUNCE.as_millis(), ms(work));
    println!(
        "  (reload - debounce) / cold             {ratio:8.2}x  (target <= {TARGET}x: {})",
        if ratio <= TARGET { "met" } else { "NOT met" }
    );
    ExitCode::SUCCESS
}

/// Opens `file` cold: the cache emptied, loaded through it, `App::new`, one frame.
fn open(file: &Path, cache_dir: &Path, times: &mut Vec<Duration>) -> (App, Screen<Vec<u8>>) {
    let _ = std::fs::remove_dir_all(cache_dir);
    let start = Instant::now();
    let report = load_cached(file, Some(&Cache::new(cache_dir.to_path_buf()))).expect("valid");
    let app = App::new(report.briefing.unwrap(), Rect::new(0, 0, WIDTH, HEIGHT))
        .with_source(Some(file.to_path_buf()));
    let mut screen = Screen::new(Vec::new(), WIDTH, HEIGHT);
    paint(&mut screen, &app);
    times.push(start.elapsed());
    (app, screen)
}

fn paint(screen: &mut Screen<Vec<u8>>, app: &App) {
    let mut geometry = Geometry::default();
    ui::paint(screen, app, &COLOR, Redraw::All, 0, &mut geometry).expect("paint into memory");
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort_unstable();
    values[values.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
