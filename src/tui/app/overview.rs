//! The notes overview (`N`): every note on this briefing, filtered by words (text, claim,
//! `#tags`) and by stance; the selected note shown whole; edited (`a`) and deleted (`d`) from
//! here, coming back here after. Pure state; drawn by `ui::notes`.

use super::{Action, App, Effect, Focus, Overlay, SidePane};
use crate::notes::{Note, Stance, Standing};

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
    /// Whether `note` passes the filter.
    pub fn shows(&self, note: &Note) -> bool {
        self.stance.is_none_or(|s| note.stance == s) && crate::notes::has_words(note, &self.filter)
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
    /// The notes the overview shows now, with their standing, in its order.
    pub fn notes_shown(&self, view: &NotesView) -> Vec<(&Note, Standing)> {
        let mut shown = self.notes.standings(&self.briefing);
        shown.retain(|(note, _)| view.shows(note));
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

    fn chosen(&self, view: &NotesView) -> Option<(String, String, Standing)> {
        let shown = self.notes_shown(view);
        let (note, standing) = shown.get(view.selected)?;
        Some((note.claim.clone(), note.claim_text.clone(), *standing))
    }

    fn go_to_note(&mut self, view: &NotesView) -> Effect {
        match self.chosen(view).map(|(_, _, standing)| standing) {
            Some(Standing::Current(c) | Standing::Changed(c)) => {
                self.overlay = None;
                self.show_claim(c, true);
                self.focus = Focus::Claims;
                self.tab = SidePane::Claims;
            }
            Some(Standing::Orphaned) => {
                self.message = Some("this note's claim is no longer in the briefing".into());
            }
            None => {}
        }
        Effect::None
    }

    fn edit_from_overview(&mut self, view: NotesView) -> Effect {
        if let Some(problem) = &self.notes.read_only {
            self.message = Some(format!("notes are read-only: {problem}"));
        } else {
            match self.chosen(&view).map(|(_, _, standing)| standing) {
                Some(Standing::Current(c) | Standing::Changed(c)) => {
                    self.edit_note(c, Some(view));
                    return Effect::None;
                }
                Some(Standing::Orphaned) => {
                    self.message =
                        Some("its claim is gone: the note can be deleted, not edited".into());
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
            Some((claim, claim_text, _)) => self.ask_delete(&claim, &claim_text, Some(view)),
            None => self.overlay = Some(Overlay::Notes(view)),
        }
        Effect::None
    }
}
