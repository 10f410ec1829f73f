//! The briefing's file changing under the reader: a new version replaces the one on screen
//! in place (`briefing_replaced`: same section by id, same scroll, same selections by id,
//! annotations re-anchored); a version that does not load leaves the last good one on screen
//! and lists its errors (`Overlay::Problems`, scrollable) until the file is fixed; and `e`,
//! which asks the loop to open the file in the user's editor at what is on screen.

use std::path::PathBuf;

use super::{Action, App, Effect, Focus, ItemIx, Overlay, Search, SidePane, outline_width};
use crate::briefing::locate::Item;
use crate::briefing::{Briefing, SectionIx};
use crate::sanitize;
use crate::tui::app::{Confirm, Mode, Page, PickerKind};
use crate::tui::keymap;

/// The errors of the briefing's file as it is now (it does not load).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problems {
    /// `PATH:LINE:COL: error: ...`, one line each, safe to print.
    pub lines: Vec<String>,
    /// The line of the first error, for `e`.
    pub first_line: Option<usize>,
}

/// What `e` asks the loop to open: the file, and the line to open it at (given, or that of the
/// first of `items` the file holds now).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditRequest {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub items: Vec<Item>,
}

impl App {
    /// The errors of the file, while it does not load.
    pub fn problems(&self) -> Option<&Problems> {
        self.problems.as_ref()
    }

    /// The file the briefing was read from (`None`: the bundled briefing).
    pub fn source(&self) -> Option<&std::path::Path> {
        self.source.as_deref()
    }

    /// The file loaded again: shown in place of the old version, or held while a note is
    /// being written (its claim must not move under the editor), then shown when it closes.
    pub(super) fn reloaded(&mut self, new: Briefing) {
        if new.id != self.briefing.id {
            // Notes and positions are kept by id: this is another briefing now.
            let why = format!(
                "its id changed from '{}' to '{}': notes and positions are kept by id, so quit \
                 and open the file again to read it under its new id",
                self.briefing.id, new.id
            );
            self.broken(vec![why], None);
            return;
        }
        let was_broken = self.problems.take().is_some();
        if matches!(self.overlay, Some(Overlay::Problems { .. })) {
            self.overlay = None;
        }
        if self.is_writing_note() {
            self.held = Some(Box::new(new));
            self.message = Some("the file changed: shown once this note is closed".into());
            return;
        }
        if new == *self.base() {
            if was_broken {
                self.message = Some("the file loads again".into());
            }
            return;
        }
        self.briefing_replaced(new);
        self.message = Some(if was_broken {
            "the file loads again: reloaded".into()
        } else {
            "the file changed: reloaded".into()
        });
    }

    /// The file does not load now: the last good version stays, its errors are listed (in
    /// the problems view, opened unless something else is open).
    pub(super) fn broken(&mut self, lines: Vec<String>, first_line: Option<usize>) {
        let lines = lines.iter().map(|l| sanitize::single_line(l).into_owned()).collect();
        self.problems = Some(Problems { lines, first_line });
        // The view (or the status bar, while something else is open) says it now.
        self.message = None;
        match &mut self.overlay {
            None => self.overlay = Some(Overlay::Problems { scroll: 0 }),
            Some(Overlay::Problems { scroll }) => *scroll = 0,
            Some(_) => {}
        }
    }

    /// A reload held for the note editor, shown once it has closed.
    pub(super) fn show_held(&mut self) {
        if !self.is_writing_note()
            && let Some(new) = self.held.take()
            && *new != *self.base()
        {
            self.briefing_replaced(*new);
            self.message = Some("the file changed: reloaded".into());
        }
    }

    pub(super) fn is_writing_note(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Editor(_) | Overlay::Confirm(Confirm::SaveEdit(_))))
    }

    /// Puts `new` in place of the briefing on screen, keeping the reader's place: the section
    /// by id (else the one at the same index, or the last), the scroll position (clamped), the
    /// selected claim, counterpoint and factor by id, the highlighted and marked claims, the
    /// jumps. Then re-anchors what the user laid over the old version.
    ///
    /// This is the one place a briefing is swapped under an open reader: anything else that
    /// points into the briefing by index must be carried over here.
    pub fn briefing_replaced(&mut self, new: Briefing) {
        let shown = self.rebuild_overlay(Some(new));
        self.show_briefing(shown, true);
    }

    /// Puts `new` (the base with your own layer over it) on screen, keeping the reader's
    /// place as [`Self::briefing_replaced`] says. `from_file`: the file changed, so pickers
    /// (which list by index) close; when only your own layer changed they close only if the
    /// claims listed changed.
    pub(super) fn show_briefing(&mut self, new: Briefing, from_file: bool) {
        let same_claims = !from_file
            && self.briefing.claims.len() == new.claims.len()
            && self.briefing.claims.iter().zip(&new.claims).all(|(a, b)| a.id == b.id);
        // What is on screen, by id, read from the old version before it goes.
        let old = &self.briefing;
        let claim_id = |c: crate::briefing::ClaimIx| old.claims[c].id.clone();
        let claim = self.selected_claim().map(claim_id);
        let counterpoint = self.selected_counterpoint().map(|c| old.counterpoints[c].id.clone());
        let factor = self.selected_factor().map(|f| old.factors[f].id.clone());
        let highlight = self.highlight.map(claim_id);
        let marked: Vec<String> = self.marked.iter().map(|&c| claim_id(c)).collect();
        let scroll = self.scroll;
        let old = std::mem::replace(&mut self.briefing, new);
        let section_of = |ix: SectionIx, b: &Briefing| {
            let id = &old.sections[ix.0.min(old.sections.len() - 1)].id;
            b.sections
                .iter()
                .position(|s| s.id == *id)
                .map_or(SectionIx(ix.0.min(b.sections.len() - 1)), SectionIx)
        };

        let section = section_of(self.section, &self.briefing);
        for location in self.back.iter_mut().chain(self.forward.iter_mut()) {
            location.section = section_of(location.section, &self.briefing);
        }
        let b = &self.briefing;
        let find_claim = |id: &str| b.claims.iter().position(|c| c.id == id);
        let highlight = highlight.and_then(|id| find_claim(&id)).map(crate::briefing::ClaimIx);
        let marked = marked.iter().filter_map(|id| find_claim(id)).map(crate::briefing::ClaimIx);
        self.highlight = highlight;
        self.marked = marked.collect();
        self.outline_width = outline_width(&self.briefing);
        self.section = section;
        self.page = Page::default();
        self.relayout();
        self.scroll = scroll.min(self.max_scroll());

        let b = &self.briefing;
        let s = &b.sections[section];
        let claims = claim.and_then(|id| s.claims.iter().position(|&c| b.claims[c].id == id));
        let counterpoints = counterpoint
            .and_then(|id| s.counterpoints.iter().position(|&c| b.counterpoints[c].id == id));
        let factors = factor.and_then(|id| b.factors.iter().position(|f| f.id == id));
        for (pane, found) in [
            (SidePane::Claims, claims),
            (SidePane::Counterpoints, counterpoints),
            (SidePane::Factors, factors),
        ] {
            let last = self.pane_len(pane).saturating_sub(1);
            let item = found.unwrap_or(self.selected.get(pane).0.min(last));
            self.selected.set(pane, ItemIx(item));
        }

        // Search matches are places in the old texts: the query stays, for `n`.
        self.texts = Default::default();
        let query = std::mem::take(&mut self.search.query);
        let was_typing = self.search.is_typing;
        self.search = Search::default();
        if was_typing {
            self.start_search();
            self.extend_query(&query);
        } else if !query.is_empty() {
            self.last_query = query;
        }
        // Pickers list sections and claims by index: closed (the library's stays).
        if let Some(Overlay::Picker(p)) = &self.overlay
            && !matches!(p.kind, PickerKind::Library(_))
            && !same_claims
        {
            self.overlay = None;
        }
        self.refresh_matrix();
        self.reanchor_annotations();
    }

    /// Lays the user's own layer over the briefing just put in place. Notes are keyed by
    /// claim id and resolved against the briefing whenever they are shown (`standings`: a
    /// claim gone makes its note orphaned, listed in the overview, never dropped), so they
    /// need nothing here. Marks are anchored by their text: each is found again (current,
    /// moved, drifted or orphaned, never dropped), the selected one kept by id; a selection
    /// being made is let go, as its bytes may now be other text.
    fn reanchor_annotations(&mut self) {
        let mark = self.selected_mark().map(|m| m.id.clone());
        self.selecting = None;
        self.drag_from = None;
        self.anchor_marks();
        if let Some(id) = mark {
            self.select_mark(&id);
        }
        let shown = self.notes_all().len();
        if let Some(Overlay::Notes(view)) = &mut self.overlay {
            view.selected = view.selected.min(shown.saturating_sub(1));
        }
    }

    /// `e`: the file in the user's editor, at what is on screen (`Effect::Edit`); for the
    /// bundled briefing, how to make a copy that can be edited.
    pub(super) fn edit_source(&mut self) -> Effect {
        let Some(path) = self.source.clone() else {
            self.message = Some(
                "the bundled briefing is built into the reader: make a copy to edit with \
                 `briefing export --format toml > my.toml`, then open it: `briefing my.toml`"
                    .into(),
            );
            return Effect::None;
        };
        let b = &self.briefing;
        let mut items = Vec::new();
        match self.focus {
            Focus::Claims => {
                items.extend(self.selected_claim().map(|c| b.claims[c].id.clone()).map(Item::Claim))
            }
            Focus::Counterpoints => items.extend(
                self.selected_counterpoint()
                    .map(|c| Item::Counterpoint(b.counterpoints[c].id.clone())),
            ),
            Focus::Factors => {
                items.extend(self.selected_factor().map(|f| Item::Factor(b.factors[f].id.clone())))
            }
            Focus::Text | Focus::Marks => {}
        }
        items.push(Item::Section(b.sections[self.section].id.clone()));
        Effect::Edit(Box::new(EditRequest { path, line: None, items }))
    }

    /// Keys of the problems view.
    pub(super) fn update_problems(&mut self, action: Action) -> Effect {
        let Some(Overlay::Problems { scroll }) = &mut self.overlay else { return Effect::None };
        let last = self
            .problems
            .as_ref()
            .map_or(0, |p| crate::tui::ui::problems::last_scroll(p, self.screen));
        match action {
            Action::Down | Action::Wheel(_, true) => *scroll = (*scroll + 1).min(last),
            Action::Up | Action::Wheel(_, false) => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = (*scroll + 10).min(last),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = last,
            Action::Close | Action::ClickOverlay => {
                self.overlay = None;
                let show = keymap::key_for(Mode::Reading, Action::ShowProblems);
                self.message = Some(format!("the file still has errors: {show} lists them"));
            }
            Action::EditSource => {
                let line = self.problems.as_ref().and_then(|p| p.first_line);
                return match (self.source.clone(), line) {
                    (Some(path), Some(line)) => Effect::Edit(Box::new(EditRequest {
                        path,
                        line: Some(line),
                        items: Vec::new(),
                    })),
                    _ => self.edit_source(),
                };
            }
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }

    /// `!`: the problems view again, while the file does not load.
    pub(super) fn show_problems(&mut self) {
        if self.problems.is_some() {
            self.overlay = Some(Overlay::Problems { scroll: 0 });
        } else {
            self.message = Some("the file loads: no errors to show".into());
        }
    }
}

#[cfg(test)]
mod tests;
