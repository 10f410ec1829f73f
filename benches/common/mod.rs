//! Shared by the benches: the synthetic inputs (generated on first use) and the parser floor.
//!
//! Inputs live in `target/bench-data/synth-<SIZE>.toml` (`BRIEFING_BENCH_DATA` overrides the
//! folder). A missing one is made with `cargo run --release --example synth`, which is
//! deterministic, so every run and every machine measures the same bytes.

#![allow(dead_code)] // each bench uses its own part of this module

use std::path::{Path, PathBuf};
use std::process::Command;

/// The sizes every bench runs at, as `examples/synth` spells them.
pub const SIZES: [&str; 3] = ["100KB", "1MB", "10MB"];

/// The folder the generated briefings are kept in.
pub fn data_dir() -> PathBuf {
    match std::env::var_os("BRIEFING_BENCH_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data"),
    }
}

/// The synthetic briefing of `size` (e.g. "10MB"), generated if it is not there yet.
pub fn synth(size: &str) -> PathBuf {
    let dir = data_dir();
    let path = dir.join(format!("synth-{size}.toml"));
    if path.is_file() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("create the bench data folder");
    // Written under a temporary name and renamed, so two benches starting at once never read a
    // half-written file.
    let partial = dir.join(format!(".synth-{size}.{}.toml", std::process::id()));
    eprintln!("bench: generating {} ...", path.display());
    let status = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--release", "--example", "synth", "--", "--size", size, "-o"])
        .arg(&partial)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("run `cargo run --release --example synth`");
    assert!(status.success(), "examples/synth failed for --size {size}");
    std::fs::rename(&partial, &path).expect("move the generated briefing in place");
    path
}

/// The text of the synthetic briefing of `size`.
pub fn synth_text(size: &str) -> String {
    std::fs::read_to_string(synth(size)).expect("read the synthetic briefing")
}

/// The floor: the loader's own typed file (`RawFile`), parsed with one `toml::from_str` and
/// nothing else. Whatever the loader does beyond this is the cost of checking the file.
pub mod floor {
    use briefing::briefing::raw::RawFile;

    /// Parses `text`; panics on a file that is not a valid format-1 briefing.
    pub fn parse(text: &str) -> RawFile {
        toml::from_str(text).expect("the floor parse")
    }
}
