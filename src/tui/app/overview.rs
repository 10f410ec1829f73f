//! The notes overview (`N`): every note on this briefing and every mark, filtered by words
//! (text, claim or passage, `#tags`) and by stance; the selected entry shown whole; edited
//! (`a`), given a likelihood or confidence (`p`, `c`) and deleted (`d`) from here, coming back
//! here after. Pure state; drawn by
//! `ui::notes`.

use super::annotate::Part;
use super::{Action, App, Effect, Focus, Overlay, SidePane};
use crate::briefing::SectionIx;
use crate::notes::anchor;
use crate::notes::{Mark, Note, Stance, Standing};

/// One entry of the overview: a note on a claim, or a mark with where it stands now (and in
/// which section, unless orphaned).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry<'a> {
    Note(&'a Note, Standing),
    Mark(&'a Mark, anchor::Standing, Option<SectionIx>),
}

impl Entry<'_> {
    pub fn is_orphaned(&self) -> bool {
        matches!(
            self,
            Entry::Note(_, Standing::Orphaned) | Entry::Mark(_, anchor::Standing::Orphaned, _)
        )
    }

    pub fn stance(&self) -> Option<Stance> {
        match self {
            Entry::Note(n, _) => n.stance,
            Entry::Mark(m, _, _) => m.stance,
        }
    }

    /// The note's text (empty for a highlight without one).
    pub fn text(&self) -> &str {
        match self {
            Entry::Note(n, _) => &n.note,
            Entry::Mark(m, _, _) => m.note_text(),
        }
    }
}

/// The overview's filter and selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NotesView {
    /// Index into the notes that pass the filter.
    pub selected: usize,
    /// Words every note shown has: in its text or its claim (smart case), or `#tag`.
    pub filter: String,
    /// The filter line is being typed.
    pub is_typing: bool,
    /// Only notes with this stance (`Some(None)`: without one); `s` steps through them.
    pub stance: Option<Option<Stance>>,
}

impl NotesView {
    /// Whether `entry` passes the filter.
    pub fn shows(&self, entry: &Entry) -> bool {
        let about = match entry {
            Entry::Note(n, _) => n.claim_text.as_str(),
            Entry::Mark(m, _, _) => m.exact.as_str(),
        };
        self.stance.is_none_or(|s| entry.stance() == s)
            && crate::notes::text_has_words(entry.text(), about, &self.filter)
    }

    /// The stance filter after `s`: all, agree, disagree, unsure, no stance, all again.
    fn next_stance(stance: Option<Option<Stance>>) -> Option<Option<Stance>> {
        match stance {
            None => Some(Some(Stance::Agree)),
            Some(Some(Stance::Agree)) => Some(Some(Stance::Disagree)),
            Some(Some(Stance::Disagree)) => Some(Some(Stance::Unsure)),
            Some(Some(Stance::Unsure)) => Some(None),
            Some(None) => None,
        }
    }

    /// "stance: agree · “chips”" for the overview's title, empty when nothing filters.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(stance) = self.stance {
            parts.push(format!("stance: {}", stance.map_or("none", |s| s.name())));
        }
        if !self.filter.trim().is_empty() {
            parts.push(format!("“{}”", self.filter.trim()));
        }
        parts.join(" · ")
    }
}

impl App {
    /// Every entry of the overview, in its order: notes in the order of their claims, then
    /// marks in reading order, then what is orphaned.
    pub fn notes_all(&self) -> Vec<Entry<'_>> {
        let mut all: Vec<Entry> = self
            .notes
            .standings(&self.briefing)
            .into_iter()
            .map(|(n, s)| Entry::Note(n, s))
            .collect();
        let index = self.mark_index();
        for (section, placed) in index.in_section.iter().enumerate() {
            for p in placed {
                if let Some(mark) = self.notes.mark(&p.id) {
                    all.push(Entry::Mark(mark, p.standing, Some(SectionIx(section))));
                }
            }
        }
        for mark in self.notes.marks.values() {
            if index.standing(&mark.id) == anchor::Standing::Orphaned {
                all.push(Entry::Mark(mark, anchor::Standing::Orphaned, None));
            }
        }
        // Orphans last, in the order they came.
        all.sort_by_key(Entry::is_orphaned);
        all
    }

    /// The entries the overview shows now, in its order.
    pub fn notes_shown(&self, view: &NotesView) -> Vec<Entry<'_>> {
        let mut shown = self.notes_all();
        shown.retain(|entry| view.shows(entry));
        shown
    }

    pub(super) fn update_notes(&mut self, action: Action) -> Effect {
        let Some(Overlay::Notes(view)) = &self.overlay else { return Effect::None };
        let mut view = view.clone();
        let count = self.notes_shown(&view).len();
        let last = count.saturating_sub(1);
        match action {
            Action::Down | Action::Wheel(_, true) => view.selected = (view.selected + 1).min(last),
            Action::Up | Action::Wheel(_, false) => view.selected = view.selected.saturating_sub(1),
            Action::Top => view.selected = 0,
            Action::Bottom => view.selected = last,
            Action::StartSearch => view.is_typing = true,
            Action::Type(c) if view.is_typing => {
                view.filter.push(c);
                view.selected = 0;
            }
            Action::DeleteChar if view.is_typing => {
                view.filter.pop();
                view.selected = 0;
            }
            // Enter keeps the filter typed; Esc while typing drops it.
            Action::Accept if view.is_typing => view.is_typing = false,
            Action::Close if view.is_typing => {
                view.is_typing = false;
                view.filter.clear();
                view.selected = 0;
            }
            Action::CycleStance => {
                view.stance = NotesView::next_stance(view.stance);
                view.selected = 0;
            }
            Action::Accept => return self.go_to_note(&view),
            Action::EditNote => return self.edit_from_overview(view),
            Action::CycleLikelihood => return self.estimate_from_overview(view, Part::Likelihood),
            Action::CycleConfidence => return self.estimate_from_overview(view, Part::Confidence),
            Action::DeleteNote => return self.delete_from_overview(view),
            Action::Undo => {
                self.overlay = Some(Overlay::Notes(view));
                return self.undo();
            }
            Action::Close | Action::OpenNotes | Action::ClickOverlay => {
                self.overlay = None;
                return Effect::None;
            }
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        self.overlay = Some(Overlay::Notes(view));
        Effect::None
    }

    /// The entry selected, owned (the state changes while it is acted on).
    fn chosen(&self, view: &NotesView) -> Option<Chosen> {
        let shown = self.notes_shown(view);
        Some(match *shown.get(view.selected)? {
            Entry::Note(note, standing) => {
                Chosen::Note(note.claim.clone(), note.claim_text.clone(), standing)
            }
            Entry::Mark(mark, _, section) => Chosen::Mark(Box::new(mark.clone()), section),
        })
    }

    fn go_to_note(&mut self, view: &NotesView) -> Effect {
        match self.chosen(view) {
            Some(Chosen::Note(_, _, Standing::Current(c) | Standing::Changed(c))) => {
                self.overlay = None;
                self.show_claim(c, true);
                self.focus = Focus::Claims;
                self.tab = SidePane::Claims;
            }
            Some(Chosen::Note(_, _, Standing::Orphaned)) => {
                self.message = Some("this note's claim is no longer in the briefing".into());
            }
            Some(Chosen::Mark(mark, Some(section))) => {
                self.overlay = None;
                self.push_jump(self.location());
                self.enter_section(section);
                self.select_mark(&mark.id);
                self.focus = Focus::Marks;
                self.tab = SidePane::Marks;
                self.show_selected_mark();
            }
            Some(Chosen::Mark(_, None)) => {
                self.message = Some(
                    "this mark's passage is no longer in the briefing: its text and note are kept"
                        .into(),
                );
            }
            None => {}
        }
        Effect::None
    }

    /// `p` or `c` in the overview: on the selected claim's note (by id: its claim may be gone).
    fn estimate_from_overview(&mut self, view: NotesView, part: Part) -> Effect {
        let chosen = self.chosen(&view);
        self.overlay = Some(Overlay::Notes(view));
        if let Some(problem) = &self.notes.read_only {
            self.message = Some(format!("notes are read-only: {problem}"));
            return Effect::None;
        }
        match chosen {
            Some(Chosen::Note(claim, claim_text, _)) => self.estimate_on(&claim, &claim_text, part),
            Some(Chosen::Mark(..)) => {
                self.estimates_are_for_claims();
                Effect::None
            }
            None => Effect::None,
        }
    }

    fn edit_from_overview(&mut self, view: NotesView) -> Effect {
        if let Some(problem) = &self.notes.read_only {
            self.message = Some(format!("notes are read-only: {problem}"));
        } else {
            match self.chosen(&view) {
                Some(Chosen::Note(_, _, Standing::Current(c) | Standing::Changed(c))) => {
                    self.edit_note(c, Some(Overlay::Notes(view)));
                    return Effect::None;
                }
                Some(Chosen::Note(_, _, Standing::Orphaned)) => {
                    self.message =
                        Some("its claim is gone: the note can be deleted, not edited".into());
                }
                // A mark's note can be written wherever its passage is now, or is not.
                Some(Chosen::Mark(mark, _)) => {
                    self.edit_mark_note(*mark, false, Some(Overlay::Notes(view)));
                    return Effect::None;
                }
                None => {}
            }
        }
        self.overlay = Some(Overlay::Notes(view));
        Effect::None
    }

    fn delete_from_overview(&mut self, view: NotesView) -> Effect {
        if let Some(problem) = &self.notes.read_only {
            self.message = Some(format!("notes are read-only: {problem}"));
            self.overlay = Some(Overlay::Notes(view));
            return Effect::None;
        }
        match self.chosen(&view) {
            Some(Chosen::Note(claim, claim_text, _)) => {
                self.ask_delete(&claim, &claim_text, Some(view))
            }
            Some(Chosen::Mark(mark, _)) => {
                self.overlay =
                    Some(Overlay::Confirm(super::Confirm::DeleteMark { mark, then: Some(view) }));
            }
            None => self.overlay = Some(Overlay::Notes(view)),
        }
        Effect::None
    }
}

/// The overview's selected entry, owned.
enum Chosen {
    Note(String, String, Standing),
    Mark(Box<Mark>, Option<SectionIx>),
}
