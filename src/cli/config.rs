//! `briefing config`: check the config file, print the default one, or say where it is.

use crate::cli::{Args, print};
use crate::config::{self, Source};
use crate::sanitize;

/// Runs `briefing config [--default | --path]`; returns the exit code.
pub fn run(args: &Args, default: bool, path: bool) -> anyhow::Result<i32> {
    let source = args.config_source();
    if default {
        return print(&config::default_text());
    }
    let Some(file) = source.path() else {
        anyhow::bail!(match source {
            Source::None if args.no_config => "no config is read (--no-config)",
            _ => "no config is read: no XDG_CONFIG_HOME or HOME to find it in",
        });
    };
    let shown = sanitize::path(file);
    if path {
        return print(&format!("{shown}\n"));
    }
    match config::load(&source) {
        Ok(_) if matches!(source, Source::Default(_)) && !file.exists() => {
            print(&format!("{shown}: none there; the reader uses the defaults\n"))
        }
        Ok(_) => print(&format!("{shown}: ok\n")),
        Err(problems) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            Ok(1)
        }
    }
}
