//! `briefing list`: one line per briefing of the library (id, title, sections, claims, notes,
//! reading progress, path), then every file that could not be used.

use unicode_width::UnicodeWidthStr;

use super::Args;
use crate::library;
use crate::notes::store::NoteStore;

pub fn run(args: &Args) -> anyhow::Result<i32> {
    let folders = args.library_folders();
    let lib = library::scan(&folders, &args.libraries);
    let data = args.data_dir();
    let mut rows =
        vec![["ID", "TITLE", "SECTIONS", "CLAIMS", "NOTES", "READ", "PATH"].map(String::from)];
    for e in &lib.entries {
        let (notes, read) = match &data {
            Some(dir) => {
                let (_, book) = NoteStore::open(dir, &e.id);
                let notes = if book.read_only.is_some() {
                    "?".to_string()
                } else {
                    book.notes.len().to_string()
                };
                (notes, e.progress(dir))
            }
            None => ("-".into(), "-".into()),
        };
        let id = if e.is_duplicate { format!("{} (duplicate)", e.id) } else { e.id.clone() };
        rows.push([
            id,
            cut(&e.title, 40),
            e.sections.to_string(),
            e.claims.to_string(),
            notes,
            read,
            e.location(),
        ]);
    }
    let widths: Vec<usize> =
        (0..7).map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.width())))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    let looked: Vec<String> = folders.iter().map(|f| crate::sanitize::path(f)).collect();
    out.push_str(&format!(
        "\n{} briefing(s); looked in: {}\n",
        lib.entries.len(),
        looked.join(", ")
    ));
    for problem in &lib.problems {
        eprintln!("briefing: warning: {}", crate::sanitize::single_line(problem));
    }
    super::print(&out)
}

fn cut(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + 2 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
