//! A file name or an id is untrusted text: every command that prints one, given names full of
//! escape sequences and bidi controls, writes none of them raw (stdout and stderr alike).
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::{Path, PathBuf};
use std::process::Command;

/// ESC ] 0 ; title BEL, a CSI clear, BEL alone, a right-to-left override, a C1 control.
const HOSTILE: &str = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{7}\u{202e}\u{9b}";

fn briefing_toml(id: &str, valid: bool) -> String {
    let section = if valid { "one" } else { "nowhere" };
    format!(
        "format = 1\n\n[briefing]\nid = \"{id}\"\ntitle = \"T\"\n\n[[section]]\nid = \"one\"\n\
         title = \"One\"\nbody = \"Some words here.\"\n\n[[claim]]\nid = \"c\"\nsection = \
         \"{section}\"\ntext = \"A claim.\"\n"
    )
}

/// Characters that could act on a terminal: C0 but newline and tab, DEL, C1, bidi controls.
fn raw_controls(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
        })
        .collect()
}

fn run(args: &[&std::ffi::OsStr], data: &Path) -> (Vec<u8>, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .output()
        .unwrap();
    (out.stdout, out.stderr)
}

#[test]
fn no_command_prints_a_hostile_file_name_or_id_raw() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let lib = dir.path().join(format!("{HOSTILE}-lib"));
    std::fs::create_dir(&lib).unwrap();
    let good: PathBuf = lib.join(format!("{HOSTILE}-good.toml"));
    std::fs::write(&good, briefing_toml("twice", true)).unwrap();
    std::fs::write(lib.join(format!("{HOSTILE}-again.toml")), briefing_toml("twice", true))
        .unwrap();
    std::fs::write(lib.join(format!("{HOSTILE}-bad.toml")), briefing_toml("bad", false)).unwrap();
    let article = dir.path().join(format!("{HOSTILE}.md"));
    std::fs::write(&article, "# A title\n\n## Part\n\nSome words of an article.\n").unwrap();
    let imported = dir.path().join(format!("{HOSTILE}-out.toml"));

    let os = |s: &str| std::ffi::OsString::from(s);
    let commands: Vec<Vec<std::ffi::OsString>> = vec![
        vec![os("list"), os("--library"), lib.clone().into()],
        vec![os("list"), os("--library"), dir.path().join(format!("{HOSTILE}-missing")).into()],
        vec![os("check"), lib.clone().into()],
        vec![os("check"), dir.path().join(format!("{HOSTILE}-missing.toml")).into()],
        vec![os("import"), article.clone().into(), os("-o"), imported.clone().into()],
        vec![os("import"), article.clone().into(), os("-o"), imported.clone().into()],
        vec![os("export"), good.clone().into(), os("--format"), os("json"), os("--notes")],
        vec![os("export"), good.clone().into(), os("--format"), os("md")],
        vec![os("notes"), good.clone().into()],
        vec![good.clone().into()],
        // An id found twice in the library, and an id that is not there at all.
        vec![os("twice"), os("--library"), lib.clone().into()],
        vec![os(HOSTILE)],
        vec![os("export"), os(HOSTILE), os("--format"), os("text")],
    ];
    let mut printed_a_name = 0;
    for command in &commands {
        let args: Vec<&std::ffi::OsStr> = command.iter().map(|a| a.as_os_str()).collect();
        let (stdout, stderr) = run(&args, data.path());
        for (stream, bytes) in [("stdout", &stdout), ("stderr", &stderr)] {
            let raw = raw_controls(bytes);
            assert!(
                raw.is_empty(),
                "{command:?} wrote {raw:?} raw on {stream}: {}",
                String::from_utf8_lossy(bytes)
            );
        }
        let text = String::from_utf8_lossy(&stdout) + String::from_utf8_lossy(&stderr);
        printed_a_name += usize::from(text.contains("evil^["));
    }
    // The walk means something only if the names were printed, made safe.
    assert!(printed_a_name >= 6, "{printed_a_name} commands showed a name");
}
