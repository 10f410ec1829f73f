//! `briefing adopt FILE|ID [--dry-run] [--by NAME]`: your own claims, counterpoints and factor
//! links written into the briefing file as its entries (the edit is `briefing::adopt`), and
//! your notes re-keyed to them (`notes::adopt`).
//!
//! Order of writes, all under the notes' lock (so no reader's save comes in between): read the
//! notes, plan, write the briefing (atomically, the previous file kept as `FILE.bak`, refused
//! when the file changed since it was read, checked once more just before the rename), then
//! write the notes. When the briefing is written but the notes cannot be, the adopted entries
//! are in the file and your own items are still in your list, nothing lost; running adopt
//! again finds each one in the file (same text, its id) and only re-keys the notes, adding
//! nothing twice. The message says so.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};

use super::Args;
use crate::briefing::adopt::{Adopted, Adoption, Link, NewClaim, NewCounterpoint};
use crate::briefing::{self, Briefing};
use crate::diagnostic::quoted;
use crate::notes::store::{NoteStore, RewriteError};
use crate::notes::{Annotations, ItemKind, own};

/// Who a counterpoint is by when neither it nor `--by` says.
pub const DEFAULT_BY: &str = "reader";

/// What the command line asks.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    pub dry_run: bool,
    pub by: Option<&'a str>,
}

/// Runs `briefing adopt`; the exit code.
pub fn run(args: &Args, target: &Path, options: Options<'_>) -> anyhow::Result<i32> {
    run_with(args, target, options, &mut |_| {})
}

/// [`run`], calling `before_rename` with the file's path just before it is checked for the
/// last time and replaced: the seam a test changes the file through.
pub fn run_with(
    args: &Args,
    target: &Path,
    options: Options<'_>,
    before_rename: &mut dyn FnMut(&Path),
) -> anyhow::Result<i32> {
    let by = options.by.unwrap_or(DEFAULT_BY);
    if by.trim().is_empty() {
        bail!("--by: a name, not blank");
    }
    let path = locate(args, target)?;
    let shown = crate::sanitize::path(&path);
    let text = briefing::read_source(&path).map_err(|d| anyhow!("{d}"))?;
    let report = briefing::check_text(&path, &text);
    let Some(b) = report.briefing else {
        let errors: Vec<String> =
            report.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
        say(&(errors.join("\n") + "\n"));
        bail!("nothing adopted: the file has errors (see `briefing check {shown}`)");
    };
    let Some(data) = args.data_dir() else {
        bail!("no data folder (no HOME): pass --data-dir DIR");
    };
    let mut store = NoteStore::new(&data, &b.id);
    if options.dry_run {
        let notes = store.load().map_err(|e| anyhow!("{e}"))?;
        let plan = plan(&path, &text, &b, &notes, by)?;
        let diff = similar::TextDiff::from_lines(&text, &plan.adopted.text)
            .unified_diff()
            .header(&shown, &format!("{shown} (adopted)"))
            .to_string();
        let diff = if std::io::stdout().is_terminal() {
            crate::sanitize::multi_line(&diff).into_owned()
        } else {
            diff
        };
        super::print(&diff)?;
        say(&summary(&shown, &plan, true));
        return Ok(0);
    }
    let done = store.rewrite(|notes| -> anyhow::Result<Plan> {
        let mut plan = plan(&path, &text, &b, notes, by)?;
        if plan.adopted.adds_anything() {
            write_checked(&path, &text, &plan.adopted.text, before_rename)?;
        }
        plan.kept = rekey(notes, &plan.adopted);
        Ok(plan)
    });
    match done {
        Ok(plan) => {
            say(&summary(&shown, &plan, false));
            Ok(0)
        }
        Err(RewriteError::Before(e)) => bail!("nothing adopted: {e}"),
        Err(RewriteError::Edit(e)) => Err(e),
        Err(RewriteError::Write(e)) => bail!(
            "the adopted entries are in {shown} (the previous file is {shown}.bak), but your \
             notes could not be updated: {e}\nnothing is lost: your own claims and counterpoints \
             are still in your list; run `briefing adopt {shown}` again once the notes can be \
             written: it finds them in the file and only re-keys your notes, adding nothing twice"
        ),
    }
}

/// Refused for the bundled briefing: what to do instead.
pub const BUNDLED_REFUSED: &str = "the bundled briefing is built into the reader and cannot be \
    changed; adopt into a copy of your own: `briefing export --format toml > my-briefing.toml`, \
    then `briefing adopt my-briefing.toml` (the copy keeps the briefing's id, so your notes and \
    own claims are the copy's)";

/// The file `target` names: a path, or the file of a library id (never the bundled one).
fn locate(args: &Args, target: &Path) -> anyhow::Result<PathBuf> {
    let looks_like_id = !target.exists() && briefing::is_valid_id(&target.to_string_lossy());
    if !looks_like_id {
        return Ok(target.to_path_buf());
    }
    let library = crate::library::scan(&args.library_folders(), &args.libraries);
    let entry = library.find(&target.to_string_lossy()).map_err(anyhow::Error::msg)?;
    entry.path.clone().ok_or_else(|| anyhow!(BUNDLED_REFUSED))
}

/// What adopt does: the edit, and the own claims left out because their passage is gone.
#[derive(Debug)]
pub struct Plan {
    pub adopted: Adopted,
    pub orphaned: Vec<String>,
    /// Own items kept because they changed while adopt ran.
    pub kept: Vec<String>,
}

/// Plans the adoption of `notes` into `text` (the source of `b`, read from `path`): anchors
/// the own claims, edits the text, and checks the result as `briefing check` would (its
/// errors are printed, and refuse). Writes nothing.
pub fn plan(
    path: &Path,
    text: &str,
    b: &Briefing,
    notes: &Annotations,
    by: &str,
) -> anyhow::Result<Plan> {
    let mut adoption = Adoption::default();
    let mut orphaned = Vec::new();
    for (c, anchored) in own::claim_standings(b, &notes.own_claims) {
        let Some(place) = anchored.place else {
            orphaned.push(format!("claim {}: its passage is no longer in the text", quoted(&c.id)));
            continue;
        };
        let section = &b.sections[place.section.0];
        let passage =
            section.paragraphs.get(place.paragraph).and_then(|p| p.get(place.bytes.clone()));
        // A passage over lines of a preformatted paragraph is no quote `check` can find.
        let quote = passage.filter(|q| !q.contains('\n') && !q.trim().is_empty());
        adoption.claims.push(NewClaim {
            own_id: c.id.clone(),
            section: section.id.clone(),
            text: c.text.clone(),
            quote: quote.map(str::to_string),
            kind: c.kind,
        });
    }
    for k in notes.own_counterpoints.values() {
        adoption.counterpoints.push(NewCounterpoint {
            own_id: k.id.clone(),
            claims: k.claims.clone(),
            text: k.text.clone(),
            by: k.by.clone().unwrap_or_else(|| by.to_string()),
        });
    }
    for note in notes.notes.values() {
        for factor in &note.factors {
            adoption.links.push(Link { claim: note.claim.clone(), factor: factor.clone() });
        }
    }
    let adopting: std::collections::HashSet<&str> =
        adoption.claims.iter().map(|c| c.own_id.as_str()).collect();
    let rated = |kind: ItemKind| {
        notes.ratings.keys().filter(move |k| k.kind == kind).map(|k| k.item.clone())
    };
    adoption.taken_claims = notes
        .notes
        .keys()
        .cloned()
        .chain(notes.own_claims.keys().cloned())
        .chain(rated(ItemKind::Claim))
        .filter(|id| !adopting.contains(id.as_str()))
        .collect();
    adoption.taken_counterpoints = notes
        .own_counterpoints
        .keys()
        .cloned()
        .chain(rated(ItemKind::Counterpoint))
        .filter(|id| !notes.own_counterpoints.contains_key(id))
        .collect();
    let adopted = briefing::adopt::adopt(text, &adoption).map_err(|e| {
        let locator = crate::diagnostic::Locator::new(path, text);
        anyhow!("{}", locator.error(e.span.unwrap_or(0..0), &e.message))
    })?;
    if adopted.adds_anything() {
        let report = briefing::check_text(path, &adopted.text);
        if report.briefing.is_none() {
            let errors: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(ToString::to_string)
                .collect();
            say(&(errors.join("\n") + "\n"));
            bail!(
                "nothing adopted: the file with your entries would not pass `briefing check` \
                 (the lines above are of the file as adopt would write it; see --dry-run)"
            );
        }
    }
    Ok(Plan { adopted, orphaned, kept: Vec::new() })
}

/// The notes re-keyed after `adopted` is in the file; the own items kept (changed meanwhile).
fn rekey(notes: &mut Annotations, adopted: &Adopted) -> Vec<String> {
    use crate::notes::adopt::{Linked, Moved};
    let moved = |own: &str, id: &str, text: Option<&String>| {
        text.map(|text| Moved { own: own.into(), id: id.into(), text: text.clone() })
    };
    let claims: Vec<Moved> = adopted
        .claims
        .iter()
        .filter_map(|m| moved(&m.own, &m.id, notes.own_claims.get(&m.own).map(|c| &c.text)))
        .collect();
    let counterpoints: Vec<Moved> = adopted
        .counterpoints
        .iter()
        .filter_map(|m| moved(&m.own, &m.id, notes.own_counterpoints.get(&m.own).map(|k| &k.text)))
        .collect();
    let links: Vec<Linked> = adopted
        .links
        .iter()
        .map(|l| Linked { claim: l.claim.clone(), factor: l.factor.clone() })
        .collect();
    crate::notes::adopt::rekey(notes, &claims, &counterpoints, &links, crate::notes::store::now())
}

/// Replaces `path` (read as `original`) with `new`: both written to temp files in its folder
/// first, then `before_rename`, then the file read once more (any change since `original`
/// refuses, nothing written), then the previous file renamed in as `FILE.bak` and the new one
/// over the file, and the folder synced. Through a symlink, its target is replaced.
pub fn write_checked(
    path: &Path,
    original: &str,
    new: &str,
    before_rename: &mut dyn FnMut(&Path),
) -> anyhow::Result<()> {
    let shown = crate::sanitize::path(path);
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut bak_name = target.clone().into_os_string();
    bak_name.push(".bak");
    let permissions =
        std::fs::metadata(&target).with_context(|| format!("reading '{shown}'"))?.permissions();
    let temp = |bytes: &[u8]| -> std::io::Result<tempfile::NamedTempFile> {
        let mut file =
            tempfile::Builder::new().prefix(".adopt-").suffix(".tmp").tempfile_in(dir)?;
        file.as_file().set_permissions(permissions.clone())?;
        file.write_all(bytes)?;
        file.as_file().sync_all()?;
        Ok(file)
    };
    let writing =
        |e: std::io::Error| anyhow!("nothing written: cannot write beside '{shown}': {e}");
    let bak = temp(original.as_bytes()).map_err(writing)?;
    let replacement = temp(new.as_bytes()).map_err(writing)?;
    before_rename(&target);
    let now = crate::files::read_regular(&target).ok().flatten();
    if now.as_deref() != Some(original.as_bytes()) {
        bail!(
            "'{shown}' changed while adopt was working on it: nothing written, your notes are \
             unchanged; run `briefing adopt` again to adopt into the file as it is now"
        );
    }
    bak.persist(&bak_name).map_err(|e| writing(e.error))?;
    replacement
        .persist(&target)
        .map_err(|e| anyhow!("nothing adopted: cannot replace '{shown}': {}", e.error))?;
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(writing)?;
    Ok(())
}

/// What adopt did (or, with `--dry-run`, would do), for stderr.
fn summary(shown: &str, plan: &Plan, dry_run: bool) -> String {
    let a = &plan.adopted;
    let new = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let claims = a.claims.iter().filter(|m| !m.already).count();
    let counterpoints = a.counterpoints.iter().filter(|m| !m.already).count();
    let links = a.links.iter().filter(|l| !l.already).count();
    let verb = if dry_run { "would adopt" } else { "adopted" };
    let mut out = format!(
        "{verb} into {shown}: {}, {}, {}\n",
        new(claims, "claim", "claims"),
        new(counterpoints, "counterpoint", "counterpoints"),
        new(links, "factor link", "factor links")
    );
    for (kind, mapped) in [("claim", &a.claims), ("counterpoint", &a.counterpoints)] {
        for m in mapped.iter() {
            let there = if m.already { " (in the file already)" } else { "" };
            out.push_str(&format!("  {kind} {} → {}{there}\n", quoted(&m.own), quoted(&m.id)));
        }
    }
    let left: Vec<String> = plan
        .orphaned
        .iter()
        .cloned()
        .chain(a.left.iter().map(|l| format!("{}: {}", l.what, l.why)))
        .chain(plan.kept.iter().map(|k| format!("{k}: changed while adopt ran")))
        .collect();
    if !left.is_empty() {
        out.push_str("not adopted (kept in your own list):\n");
        for l in left {
            out.push_str(&format!("  {l}\n"));
        }
    }
    if !dry_run && a.adds_anything() {
        out.push_str(&format!(
            "the previous file is {shown}.bak; your notes on what was adopted now key to its \
             ids in the file\n"
        ));
    }
    if dry_run {
        out.push_str("nothing written (--dry-run)\n");
    }
    out
}

fn say(text: &str) {
    let _ = std::io::stderr().lock().write_all(crate::sanitize::multi_line(text).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    const BRIEFING: &str = "format = 1\n\n[briefing]\nid = \"b\"\ntitle = \"B\"\n\n[[section]]\n\
                            id = \"s1\"\ntitle = \"One\"\nbody = \"Chips are scarce.\"\n";
    const NOTES: &str = "format = 2\nbriefing = \"b\"\n\n[[claim]]\nid = \"my-scarce\"\n\
                         text = \"Scarce.\"\nsection = \"s1\"\nexact = \"scarce\"\nstart = 10\n\
                         end = 16\ncreated = 2026-12-01T00:00:00Z\nupdated = 2026-12-01T00:00:00Z\n";

    fn setup() -> (tempfile::TempDir, PathBuf, PathBuf, Args) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.toml");
        std::fs::write(&file, BRIEFING).unwrap();
        let notes = dir.path().join("notes/b.toml");
        std::fs::create_dir_all(dir.path().join("notes")).unwrap();
        std::fs::write(&notes, NOTES).unwrap();
        let args = Args { data_dir: Some(dir.path().to_path_buf()), ..Args::default() };
        (dir, file, notes, args)
    }

    #[test]
    fn a_file_changed_while_adopt_works_is_left_as_it_is_now_and_nothing_is_written() {
        let (dir, file, notes, args) = setup();
        let options = Options { dry_run: false, by: None };
        let edited = format!("{BRIEFING}# edited meanwhile\n");
        let mut calls = 0;
        let mut change = |path: &Path| {
            calls += 1;
            std::fs::write(path, &edited).unwrap();
        };
        let error = run_with(&args, &file, options, &mut change).unwrap_err().to_string();
        assert_eq!(calls, 1);
        assert!(
            error.contains("changed while adopt was working on it: nothing written"),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), edited, "the edit is kept");
        assert!(!dir.path().join("b.toml.bak").exists());
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), NOTES, "the notes are unchanged");
        let temps = std::fs::read_dir(dir.path()).unwrap().flatten();
        assert!(temps.into_iter().all(|e| !e.file_name().to_string_lossy().ends_with(".tmp")));
        // Unchanged, the same run writes.
        assert_eq!(run_with(&args, &file, options, &mut |_| {}).unwrap(), 0);
        let adopted = std::fs::read_to_string(&file).unwrap();
        assert!(adopted.contains("[[claim]]\nid = \"scarce\"\n"), "{adopted}");
        assert_eq!(std::fs::read_to_string(dir.path().join("b.toml.bak")).unwrap(), edited);
        assert!(!std::fs::read_to_string(&notes).unwrap().contains("my-scarce"));
    }

    #[test]
    fn a_blank_by_is_refused() {
        let (_dir, file, _notes, args) = setup();
        let options = Options { dry_run: true, by: Some(" ") };
        assert!(run(&args, &file, options).unwrap_err().to_string().contains("--by"));
    }

    #[test]
    fn the_own_prefix_is_the_one_notes_make() {
        assert_eq!(briefing::adopt::OWN_PREFIX, own::PREFIX);
    }
}
