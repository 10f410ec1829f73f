//! Marks: passages of the text the user highlighted or wrote on, stored with the notes as
//! `[[mark]]` tables and anchored by their text and its context (see `anchor`), so they follow
//! the passage when the briefing is edited.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use super::Stance;

/// A mark's one label, from a short fixed set; each is drawn in a style of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Evidence,
    Doubt,
    Question,
}

impl Label {
    pub const ALL: [Label; 3] = [Label::Evidence, Label::Doubt, Label::Question];

    pub fn name(self) -> &'static str {
        match self {
            Label::Evidence => "evidence",
            Label::Doubt => "doubt",
            Label::Question => "question",
        }
    }

    /// `l` cycles none → evidence → doubt → question → none.
    pub fn cycle(label: Option<Label>) -> Option<Label> {
        match label {
            None => Some(Label::Evidence),
            Some(Label::Evidence) => Some(Label::Doubt),
            Some(Label::Doubt) => Some(Label::Question),
            Some(Label::Question) => None,
        }
    }
}

/// Where a passage is, as a mark stores it: the section, the passage itself with up to
/// [`CONTEXT`] characters of text either side, and its character offsets in the section's
/// folded text (its paragraphs joined by a blank line, `"\n\n"`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passage {
    /// The section's id.
    pub section: String,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub start: usize,
    pub end: usize,
}

/// Characters of context kept before and after a passage.
pub const CONTEXT: usize = 32;

/// One mark, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// Stable: made once when the mark is, never changed.
    pub id: String,
    /// The section's id.
    pub section: String,
    /// The passage, as it was when marked (or last placed).
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    /// Character offsets of the passage in the section's folded text.
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub created: Datetime,
    pub updated: Datetime,
}

impl Mark {
    pub fn passage(&self) -> Passage {
        Passage {
            section: self.section.clone(),
            exact: self.exact.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
            start: self.start,
            end: self.end,
        }
    }

    pub fn set_passage(&mut self, p: Passage) {
        (self.section, self.exact, self.prefix, self.suffix) =
            (p.section, p.exact, p.prefix, p.suffix);
        (self.start, self.end) = (p.start, p.end);
    }

    /// The note's text, empty when there is none.
    pub fn note_text(&self) -> &str {
        self.note.as_deref().unwrap_or("")
    }
}

/// Marks by id, so output is in a stable order.
pub type Marks = BTreeMap<String, Mark>;

/// What a queued change does to one mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkEdit {
    /// A new mark (or one deleted and brought back by undo): the change's mark.
    Add,
    /// The note as the editor left it, and what it said when the editor opened: if it was
    /// changed elsewhere meanwhile both are kept, as for claim notes.
    Note {
        text: String,
        was: String,
    },
    Stance(Option<Stance>),
    Label(Option<Label>),
    /// The passage was found at a new place (moved, or a drift the user accepted).
    Place(Passage),
    /// Deleted, unless its note was rewritten elsewhere since `was` (then it is kept).
    Delete {
        was: String,
    },
}

/// A change to one mark: the mark as this reader had it (its id says which), and the edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkChange {
    pub mark: Box<Mark>,
    pub edit: MarkEdit,
}

/// Applies one change to a set of marks, stamping it `now`. Returns whether a note changed
/// elsewhere was kept beside the edit. A mark deleted elsewhere stays deleted, unless this
/// change writes a note on it: then it comes back with the note, so no word is lost.
pub fn apply(marks: &mut Marks, change: &MarkChange, now: Datetime) -> bool {
    let id = &change.mark.id;
    let is_gone = !marks.contains_key(id);
    let brings_back = match &change.edit {
        MarkEdit::Add => true,
        MarkEdit::Note { text, .. } => !text.is_empty(),
        _ => false,
    };
    if is_gone {
        if !brings_back {
            return false;
        }
        let mut mark = (*change.mark).clone();
        if mark.created.date.is_none() {
            mark.created = now;
        }
        marks.insert(id.clone(), mark);
    }
    let Some(mark) = marks.get_mut(id) else { return false };
    let mut kept_both = false;
    match &change.edit {
        MarkEdit::Add => {}
        MarkEdit::Note { text, was } => {
            let elsewhere = mark.note_text();
            let text = if elsewhere != was && elsewhere != text && !elsewhere.is_empty() {
                kept_both = true;
                super::both(text, elsewhere, now)
            } else {
                text.clone()
            };
            mark.note = (!text.is_empty()).then_some(text);
        }
        MarkEdit::Stance(stance) => mark.stance = *stance,
        MarkEdit::Label(label) => mark.label = *label,
        MarkEdit::Place(passage) => mark.set_passage(passage.clone()),
        MarkEdit::Delete { was } => {
            if mark.note_text() == was || mark.note_text().is_empty() {
                marks.remove(id);
                return false;
            }
            // Rewritten elsewhere since: kept, not deleted unseen.
            return true;
        }
    }
    mark.updated = now;
    kept_both
}

/// A new mark's id: `base` (made unique to one reader: its start time and a count), with a
/// suffix when `taken` says a mark has it already.
pub fn new_id_from(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (1u64..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::notes::store::utc;

    pub(crate) fn mark(id: &str, note: Option<&str>) -> Mark {
        Mark {
            id: id.into(),
            section: "s1".into(),
            exact: "a passage".into(),
            prefix: "before ".into(),
            suffix: " after".into(),
            start: 7,
            end: 16,
            label: None,
            stance: None,
            note: note.map(String::from),
            created: utc(0),
            updated: utc(0),
        }
    }

    fn change(id: &str, edit: MarkEdit) -> MarkChange {
        MarkChange { mark: Box::new(mark(id, Some("mine"))), edit }
    }

    #[test]
    fn labels_cycle_through_none() {
        let mut l = None;
        let seen: Vec<_> = (0..4)
            .map(|_| {
                l = Label::cycle(l);
                l
            })
            .collect();
        assert_eq!(seen, [Some(Label::Evidence), Some(Label::Doubt), Some(Label::Question), None]);
    }

    #[test]
    fn ids_are_unique_in_a_file() {
        assert_eq!(new_id_from("m1", |_| false), "m1");
        assert_eq!(new_id_from("m1", |id| id == "m1"), "m1-1");
        assert_eq!(new_id_from("m1", |id| id == "m1" || id == "m1-1"), "m1-2");
    }

    #[test]
    fn a_delete_keeps_a_note_rewritten_elsewhere() {
        let now = utc(100);
        let mut marks = Marks::new();
        apply(&mut marks, &change("m1", MarkEdit::Add), now);
        assert_eq!(marks["m1"].created, utc(0), "a stored creation time is kept");
        // Another reader rewrote the note; this one deletes what it saw.
        apply(
            &mut marks,
            &change("m1", MarkEdit::Note { text: "theirs".into(), was: "mine".into() }),
            now,
        );
        assert!(apply(&mut marks, &change("m1", MarkEdit::Delete { was: "mine".into() }), now));
        assert_eq!(marks["m1"].note_text(), "theirs");
        assert!(!apply(&mut marks, &change("m1", MarkEdit::Delete { was: "theirs".into() }), now));
        assert!(marks.is_empty());
    }

    #[test]
    fn a_note_changed_elsewhere_is_kept_with_the_edit() {
        let now = utc(1_764_620_000);
        let mut marks = Marks::new();
        apply(&mut marks, &change("m1", MarkEdit::Add), now);
        let edit = MarkEdit::Note { text: "B".into(), was: String::new() };
        assert!(apply(&mut marks, &change("m1", edit), now));
        assert!(marks["m1"].note_text().starts_with("B\n\n--- also written elsewhere"));
        let edit = MarkEdit::Note { text: String::new(), was: marks["m1"].note_text().into() };
        apply(&mut marks, &change("m1", edit), now);
        assert_eq!(marks["m1"].note, None, "an emptied note is no note; the mark stays");
    }

    #[test]
    fn a_mark_deleted_elsewhere_comes_back_only_for_a_note() {
        let mut marks = Marks::new();
        assert!(!apply(&mut marks, &change("gone", MarkEdit::Stance(Some(Stance::Agree))), utc(1)));
        assert!(marks.is_empty());
        let edit = MarkEdit::Note { text: "still mine".into(), was: "mine".into() };
        apply(&mut marks, &change("gone", edit), utc(1));
        assert_eq!(marks["gone"].note_text(), "still mine");
    }
}
