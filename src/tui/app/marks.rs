//! Marks in the reader: where each one is in the briefing as it is now (anchored whenever the
//! notes are read or written), the section's marks for the text and the marks pane, and what
//! the keys do to them: keep a selection (`h`), write on it (`a`), stance (`s`), label (`l`),
//! delete after a yes (`d`), accept a drifted passage, go to one (Enter).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::select::TextSelection;
use super::{Action, App, Effect, Focus, ItemIx, Mode, NOTES_LOADING, Overlay, SidePane};
use crate::briefing::SectionIx;
use crate::notes::anchor::{self, Anchored, Quote, Standing};
use crate::notes::{Label, Mark, MarkChange, MarkEdit, Stance};
use crate::tui::keymap;

/// A mark placed in a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    pub id: String,
    pub paragraph: usize,
    pub bytes: Range<usize>,
    pub standing: Standing,
    pub label: Option<Label>,
}

/// Every mark's standing, and the marks of each section in text order.
#[derive(Clone, Debug, Default)]
pub struct MarkIndex {
    pub by_id: HashMap<String, Anchored>,
    /// Per section (by index): the marks placed there, by (paragraph, start).
    pub in_section: Vec<Vec<Placed>>,
    /// Per section: the longest mark's length in bytes, so a line looks only at the marks
    /// that can reach it.
    pub(super) longest: Vec<usize>,
    /// Marks found moved since the notes were read: their new place is written with the next
    /// save, and they read as moved until the reader closes.
    moved: HashSet<String>,
}

impl MarkIndex {
    pub fn standing(&self, id: &str) -> Standing {
        self.by_id.get(id).map_or(Standing::Orphaned, |a| a.standing)
    }

    /// The section's marks overlapping bytes `range` of paragraph `paragraph`.
    pub fn on_line(
        &self,
        section: SectionIx,
        paragraph: usize,
        range: Range<usize>,
    ) -> impl Iterator<Item = &Placed> {
        let marks = self.in_section.get(section.0).map_or(&[][..], Vec::as_slice);
        // None starting before this can reach the line.
        let reach = range.start.saturating_sub(self.longest.get(section.0).copied().unwrap_or(0));
        let first = marks.partition_point(|m| (m.paragraph, m.bytes.start) < (paragraph, reach));
        marks[first..]
            .iter()
            .take_while(move |m| m.paragraph == paragraph && m.bytes.start < range.end)
            .filter(move |m| m.bytes.end > range.start)
    }
}

/// How a mark's standing reads in the panes.
pub fn standing_name(standing: Standing) -> &'static str {
    match standing {
        Standing::Current => "",
        Standing::Moved => "moved",
        Standing::Drifted => "drifted",
        Standing::Orphaned => "orphaned",
    }
}

/// A mark's passage as messages name it.
pub fn passage_name(exact: &str) -> String {
    super::annotate::name(exact)
}

impl App {
    pub fn mark_index(&self) -> &MarkIndex {
        &self.mark_index
    }

    /// The marks listed in the marks pane: this section's, in text order.
    pub fn marks_in_view(&self) -> &[Placed] {
        self.mark_index.in_section.get(self.section.0).map_or(&[], Vec::as_slice)
    }

    /// The mark selected in the marks pane.
    pub fn selected_mark(&self) -> Option<&Mark> {
        let placed = self.marks_in_view().get(self.selected.get(SidePane::Marks).0)?;
        self.notes.mark(&placed.id)
    }

    /// Anchors every mark against the briefing as it is now. Marks found at a new place are
    /// queued to be stored there (written with the next save).
    pub(super) fn anchor_marks(&mut self) {
        let marks: Vec<&Mark> = self.notes.marks.values().collect();
        let quotes: Vec<Quote> = marks.iter().map(|m| Quote::of(m)).collect();
        let anchored = anchor::anchor_all(&self.briefing, &quotes);
        let mut index = MarkIndex {
            in_section: vec![Vec::new(); self.briefing.sections.len()],
            moved: std::mem::take(&mut self.mark_index.moved),
            ..MarkIndex::default()
        };
        let mut relocate = Vec::new();
        for (mark, mut a) in marks.iter().zip(anchored) {
            if a.standing == Standing::Moved {
                relocate.push(((*mark).clone(), a.clone()));
                index.moved.insert(mark.id.clone());
            } else if a.standing == Standing::Current && index.moved.contains(&mark.id) {
                a.standing = Standing::Moved;
            }
            if let Some(place) = &a.place
                && let Some(list) = index.in_section.get_mut(place.section.0)
            {
                list.push(Placed {
                    id: mark.id.clone(),
                    paragraph: place.paragraph,
                    bytes: place.bytes.clone(),
                    standing: a.standing,
                    label: mark.label,
                });
            }
            index.by_id.insert(mark.id.clone(), a);
        }
        for list in &mut index.in_section {
            list.sort_by_key(|m| (m.paragraph, m.bytes.start, m.bytes.end));
        }
        index.longest = index
            .in_section
            .iter()
            .map(|list| list.iter().map(|m| m.bytes.len()).max().unwrap_or(0))
            .collect();
        self.mark_index = index;
        if self.notes.read_only.is_none() {
            for (mark, a) in relocate {
                let Some(place) = a.place else { continue };
                let passage = self.passage_at(place.section, place.paragraph, place.bytes);
                self.notes
                    .apply(MarkChange { mark: Box::new(mark), edit: MarkEdit::Place(passage) });
            }
        }
        let last = self.marks_in_view().len().saturating_sub(1);
        let at = self.selected.get(SidePane::Marks).0.min(last);
        self.selected.set(SidePane::Marks, ItemIx(at));
    }

    /// The passage at bytes `bytes` of a paragraph, as a mark stores it.
    fn passage_at(
        &self,
        section: SectionIx,
        paragraph: usize,
        bytes: Range<usize>,
    ) -> crate::notes::Passage {
        let (exact, prefix, suffix, start, end) =
            anchor::quote_at(&self.briefing, section, paragraph, bytes);
        crate::notes::Passage {
            section: self.briefing.sections[section].id.clone(),
            exact,
            prefix,
            suffix,
            start,
            end,
        }
    }

    /// Whether marks can be made or changed now; says why not.
    pub(super) fn marks_writable(&mut self) -> bool {
        if !self.notes_loaded {
            self.message = Some(NOTES_LOADING.into());
            return false;
        }
        if let Some(problem) = &self.notes.read_only {
            self.message = Some(format!("notes are read-only: {problem}"));
            return false;
        }
        true
    }

    /// A new mark of the selection (not added yet).
    fn mark_of(&mut self, sel: &TextSelection) -> Mark {
        self.next_mark += 1;
        let base = format!("m{:x}-{}", self.id_seed, self.next_mark);
        let id = crate::notes::marks::new_id_from(&base, |id| self.notes.mark(id).is_some());
        let passage = self.passage_at(self.section, sel.paragraph, sel.range());
        let mut mark = Mark {
            id,
            section: String::new(),
            exact: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            start: 0,
            end: 0,
            label: sel.label,
            stance: None,
            note: None,
            created: crate::notes::unsaved_time(),
            updated: crate::notes::unsaved_time(),
        };
        mark.set_passage(passage);
        mark
    }

    /// `h`: the selection kept as a mark.
    pub(super) fn keep_selection(&mut self) -> Effect {
        self.add_selection(None)
    }

    /// `s` on a selection: kept as a mark with a stance.
    pub(super) fn stance_on_selection(&mut self) -> Effect {
        self.add_selection(Some(Stance::Agree))
    }

    fn add_selection(&mut self, stance: Option<Stance>) -> Effect {
        let Some(sel) = self.selecting.clone() else { return Effect::None };
        if !self.marks_writable() {
            return Effect::None;
        }
        let mut mark = self.mark_of(&sel);
        mark.stance = stance;
        self.selecting = None;
        let name = passage_name(&mark.exact);
        let label = mark.label.map_or(String::new(), |l| format!(" ({})", l.name()));
        let stance = stance.map_or(String::new(), |s| format!(", stance {}", s.name()));
        self.message = Some(format!("marking {name}…"));
        let id = mark.id.clone();
        let effect = self.change_mark(mark, MarkEdit::Add, format!("marked {name}{label}{stance}"));
        self.select_mark(&id);
        effect
    }

    /// `a` on a selection: the note editor for a new mark of it.
    pub(super) fn note_on_selection(&mut self) {
        let Some(sel) = self.selecting.clone() else { return };
        if !self.marks_writable() {
            return;
        }
        let mark = self.mark_of(&sel);
        self.selecting = None;
        self.edit_mark_note(mark, true, None);
    }

    /// Selects mark `id` in the marks pane (if it is in this section).
    pub(super) fn select_mark(&mut self, id: &str) {
        if let Some(i) = self.marks_in_view().iter().position(|m| m.id == id) {
            self.selected.set(SidePane::Marks, ItemIx(i));
        }
    }

    /// The mark `a`, `s`, `l`, `d` act on in the marks pane.
    fn mark_to_change(&mut self) -> Option<Mark> {
        if !self.marks_writable() {
            return None;
        }
        let mark = self.selected_mark().cloned();
        if mark.is_none() {
            let v = keymap::key_for(Mode::Reading, Action::StartSelection);
            self.message = Some(format!("no mark in this section: {v} selects a passage"));
        }
        mark
    }

    /// Applies `edit` to `mark`, undoably, and asks for it to be written.
    pub(super) fn change_mark(&mut self, mark: Mark, edit: MarkEdit, done: String) -> Effect {
        let before = self.notes.mark(&mark.id).cloned();
        self.push_undo(super::annotate::Before::Mark {
            id: mark.id.clone(),
            mark: before.map(Box::new),
        });
        self.write_mark(mark, edit, done)
    }

    pub(super) fn write_mark(&mut self, mark: Mark, edit: MarkEdit, done: String) -> Effect {
        self.notes.apply(MarkChange { mark: Box::new(mark), edit });
        self.anchor_marks();
        self.announce = Some((self.notes.pending.len(), done));
        Effect::SaveNotes(self.notes.take_unsent())
    }

    pub(super) fn cycle_mark_stance(&mut self) -> Effect {
        let Some(mark) = self.mark_to_change() else { return Effect::None };
        let next = Stance::cycle(mark.stance);
        let name = passage_name(&mark.exact);
        let what = next.map_or("stance cleared".to_string(), |s| format!("stance: {}", s.name()));
        self.message = Some(format!("{what} on {name}"));
        self.change_mark(mark, MarkEdit::Stance(next), format!("{what} on {name}, saved"))
    }

    pub(super) fn cycle_mark_label(&mut self) -> Effect {
        let Some(mark) = self.mark_to_change() else { return Effect::None };
        let next = Label::cycle(mark.label);
        let name = passage_name(&mark.exact);
        let what = next.map_or("label cleared".to_string(), |l| format!("label: {}", l.name()));
        self.message = Some(format!("{what} on {name}"));
        self.change_mark(mark, MarkEdit::Label(next), format!("{what} on {name}, saved"))
    }

    pub(super) fn edit_selected_mark(&mut self) {
        let Some(mark) = self.mark_to_change() else { return };
        self.edit_mark_note(mark, false, None);
    }

    pub(super) fn ask_delete_mark(&mut self) {
        let Some(mark) = self.mark_to_change() else { return };
        self.overlay =
            Some(Overlay::Confirm(super::Confirm::DeleteMark { mark: Box::new(mark), then: None }));
    }

    /// Deletes a mark the user said yes to.
    pub(super) fn delete_mark(&mut self, mark: Mark, then: Option<super::NotesView>) -> Effect {
        let name = passage_name(&mark.exact);
        let was = mark.note_text().to_string();
        self.overlay = then.map(Overlay::Notes);
        self.message = Some(format!("deleting the mark on {name}…"));
        self.change_mark(mark, MarkEdit::Delete { was }, format!("mark deleted on {name}"))
    }

    /// Accepts a drifted mark's passage as it reads now: stored at its new place.
    pub(super) fn accept_drift(&mut self) -> Effect {
        let Some(mark) = self.mark_to_change() else { return Effect::None };
        let a = self.mark_index.by_id.get(&mark.id).cloned();
        let Some(place) = a.filter(|a| a.standing == Standing::Drifted).and_then(|a| a.place)
        else {
            self.message = Some("only a drifted mark has a new text to accept".into());
            return Effect::None;
        };
        let passage = self.passage_at(place.section, place.paragraph, place.bytes);
        let name = passage_name(&passage.exact);
        self.change_mark(mark, MarkEdit::Place(passage), format!("mark now on {name}"))
    }

    /// Enter on a mark: its passage in view.
    pub(super) fn show_selected_mark(&mut self) {
        let Some(placed) = self.marks_in_view().get(self.selected.get(SidePane::Marks).0).cloned()
        else {
            return;
        };
        if let Some(line) = self.page.line_of(placed.paragraph, placed.bytes.start) {
            self.reveal_line(line);
        }
        self.shown_mark = Some(placed.id);
    }

    /// The mark Enter went to, drawn brighter in the text until Esc.
    pub fn shown_mark(&self) -> Option<&str> {
        self.shown_mark.as_deref()
    }

    /// Whether the keys `a`, `s`, `d` act on marks now: the marks pane has focus.
    pub(super) fn on_marks(&self) -> bool {
        self.focus == Focus::Marks
    }

    /// What `a`/`s` in the text say on a section without claims: how to select instead.
    pub(super) fn how_to_mark(&self) -> String {
        let v = keymap::key_for(Mode::Reading, Action::StartSelection);
        let a = keymap::key_for(Mode::Selecting, Action::EditNote);
        let h = keymap::key_for(Mode::Selecting, Action::Highlight);
        format!(
            "no claim in this section: {v} selects a passage, then {a} writes on it or {h} \
             highlights it"
        )
    }
}

#[cfg(test)]
mod tests;
