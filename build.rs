//! Links the unwinder (libgcc_eh) statically on Linux with glibc, as `gcc -static-libgcc`
//! does, so the reader loads two shared libraries (libc, and libm for the one `log10` that
//! ratatui-textarea calls) instead of three at every start.
//!
//! Each shared library costs a start about 85 µs on the 2-core VMs this is measured on
//! (opening, mapping, relocating; see BENCHMARKS.md, 2026-11-30), against a first screen of
//! 2-3 ms. Where the compiler cannot name libgcc_eh.a, nothing changes: rustc links libgcc_s
//! as usual.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CC");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    if target("CARGO_CFG_TARGET_OS") != "linux" || target("CARGO_CFG_TARGET_ENV") != "gnu" {
        return;
    }
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let Ok(out) = Command::new(cc).arg("-print-file-name=libgcc_eh.a").output() else {
        return;
    };
    // `cc` prints the bare name back when it has no such file.
    let archive = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if let Some(dir) = archive.parent().filter(|_| archive.is_absolute() && archive.is_file()) {
        println!("cargo:rustc-link-search=native={}", dir.display());
        // Not bundled into the rlib: passed to the final link, ahead of std's `-lgcc_s`,
        // whose `--as-needed` then finds nothing left to provide and drops it.
        println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
    }
}
