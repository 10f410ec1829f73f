//! Reading positions kept between runs: `positions.toml` in the data folder, one table per
//! briefing id, naming the section by id so an edited briefing still reopens in the right
//! place (or at the top when that section is gone).

use std::collections::BTreeMap;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::briefing::Briefing;
use crate::briefing::{Anchor, Location, SectionIx};

/// Where a briefing was left.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub section: String,
    /// Body paragraph of the top line; absent for the heading lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// Byte offset in that paragraph (or the line, for headings).
    #[serde(default)]
    pub offset: usize,
    /// The claim the review walk (`R`) stopped at, by id. (Older readers ignore it.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    positions: BTreeMap<String, Position>,
}

/// The positions file's text: `Ok(None)` when there is none; never blocks on a FIFO.
fn read_text(dir: &Path) -> std::io::Result<Option<String>> {
    let bytes = crate::files::read_regular(&crate::paths::positions_file(dir))?;
    bytes.map(|b| String::from_utf8(b).map_err(std::io::Error::other)).transpose()
}

fn read(dir: &Path) -> File {
    // A missing or unreadable positions file only means starting at the top.
    read_text(dir).ok().flatten().and_then(|t| toml::from_str(&t).ok()).unwrap_or_default()
}

/// Where briefing `id` was left, as a location in `briefing` (if its section still exists).
pub fn load(dir: &Path, briefing: &Briefing) -> Option<Location> {
    let position = read(dir).positions.remove(&briefing.id)?;
    let section = briefing.sections.iter().position(|s| s.id == position.section).map(SectionIx)?;
    Some(Location {
        section,
        anchor: Anchor { paragraph: position.paragraph, offset: position.offset },
    })
}

/// The claim the review walk of briefing `id` stopped at, if it was ever walked.
pub fn review(dir: &Path, id: &str) -> Option<String> {
    read(dir).positions.remove(id).and_then(|p| p.review)
}

/// The id of the section briefing `id` was left in, if it was ever opened.
pub fn saved_section(dir: &Path, id: &str) -> Option<String> {
    read(dir).positions.remove(id).map(|p| p.section)
}

/// Records where briefing `briefing` is being left, and where its review walk stopped (by
/// claim id). Atomic: a temp file renamed over the old.
pub fn save(
    dir: &Path,
    briefing: &Briefing,
    at: Location,
    review: Option<&str>,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    // A file we cannot read holds other briefings' positions: say so rather than replace it.
    match read_text(dir) {
        Ok(Some(text)) => {
            if let Err(e) = toml::from_str::<File>(&text) {
                let why = e.message().trim().to_string();
                return Err(std::io::Error::other(format!(
                    "positions.toml is not valid ({why}); left as it is"
                )));
            }
        }
        Ok(None) => {}
        Err(e) => {
            return Err(std::io::Error::other(format!("positions.toml: {e}")));
        }
    }
    let mut file = read(dir);
    let position = Position {
        section: briefing.sections[at.section].id.clone(),
        paragraph: at.anchor.paragraph,
        offset: at.anchor.offset,
        review: review.map(str::to_string),
    };
    file.positions.insert(briefing.id.clone(), position);
    let text = toml::to_string(&file).map_err(std::io::Error::other)?;
    crate::files::write_atomically(
        &crate::paths::positions_file(dir),
        text.as_bytes(),
        ".positions-",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load_bundled;

    #[test]
    fn round_trip_per_briefing_id() {
        let dir = tempfile::tempdir().unwrap();
        let b = load_bundled().unwrap().briefing.unwrap();
        assert_eq!(load(dir.path(), &b), None);
        let at = Location {
            section: crate::briefing::SectionIx(3),
            anchor: Anchor { paragraph: Some(0), offset: 42 },
        };
        save(dir.path(), &b, at, None).unwrap();
        assert_eq!(load(dir.path(), &b), Some(at));
        assert_eq!(review(dir.path(), &b.id), None);
        save(dir.path(), &b, at, Some("llm-count")).unwrap();
        assert_eq!(load(dir.path(), &b), Some(at));
        assert_eq!(review(dir.path(), &b.id).as_deref(), Some("llm-count"));
        let text = std::fs::read_to_string(crate::paths::positions_file(dir.path())).unwrap();
        assert!(text.contains("[positions.china-ai-innovate-or-imitate]"), "{text}");
        assert!(text.contains(&format!("section = \"{}\"", b.sections[3].id)), "{text}");
    }

    #[test]
    fn a_corrupt_file_means_the_top_and_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(crate::paths::positions_file(dir.path()), "not [toml").unwrap();
        let b = load_bundled().unwrap().briefing.unwrap();
        assert_eq!(load(dir.path(), &b), None);
        let error = save(dir.path(), &b, Location::default(), None).unwrap_err();
        assert!(error.to_string().contains("positions.toml is not valid"), "{error}");
        assert_eq!(
            std::fs::read_to_string(crate::paths::positions_file(dir.path())).unwrap(),
            "not [toml"
        );
    }
}
