//! What to watch (`W`): every factor's indicators, each with your dated observations on it,
//! newest first, and the observations whose indicator is gone at the end (kept, never
//! dropped). `a` or Enter logs an observation on the selected indicator (the note editor,
//! `Ctrl-S`), `d` deletes the selected observation after a yes, `u` undoes. Pure state; drawn
//! by `ui::watch`.
//!
//! The view keeps which indicator or observation is selected by id, not by row, so a reload
//! of the file or another reader's observation arriving leaves the selection where it was.

use super::annotate::{Before, Confirm, NoteOn, name};
use super::{Action, App, Effect, NOTES_LOADING, Overlay};
use crate::briefing::FactorIx;
use crate::notes::observations::{self, Observation, ObservationChange, ObservationEdit};

/// One row of the view, in the order drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchRow {
    /// A factor's title: a heading, never selected.
    Factor(FactorIx),
    /// A factor's indicator (its place among the factor's).
    Indicator(FactorIx, usize),
    /// An observation, by id, under its indicator (`None`: the indicator is gone).
    Observation(String, Option<(FactorIx, usize)>),
    /// The heading above the observations whose indicator is gone.
    Orphans,
}

impl WatchRow {
    fn key(&self, b: &crate::briefing::Briefing) -> Option<WatchKey> {
        match self {
            WatchRow::Indicator(f, i) => {
                Some(WatchKey::Indicator(b.factors[*f].indicators[*i].id.clone()))
            }
            WatchRow::Observation(id, _) => Some(WatchKey::Observation(id.clone())),
            WatchRow::Factor(_) | WatchRow::Orphans => None,
        }
    }
}

/// What is selected: an indicator or an observation, by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchKey {
    Indicator(String),
    Observation(String),
}

/// Where the view is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WatchView {
    /// `None`: the first selectable row.
    pub at: Option<WatchKey>,
}

/// The rows of the view for `b` and `observations`.
pub fn rows(b: &crate::briefing::Briefing, all: &observations::Observations) -> Vec<WatchRow> {
    let mut out = Vec::new();
    for (f, factor) in b.factor_ixs().zip(&b.factors) {
        if factor.indicators.is_empty() {
            continue;
        }
        out.push(WatchRow::Factor(f));
        for (i, indicator) in factor.indicators.iter().enumerate() {
            out.push(WatchRow::Indicator(f, i));
            for o in observations::on(all, &indicator.id) {
                out.push(WatchRow::Observation(o.id.clone(), Some((f, i))));
            }
        }
    }
    let mut orphans: Vec<&Observation> =
        all.values().filter(|o| observations::find_indicator(b, &o.indicator).is_none()).collect();
    if !orphans.is_empty() {
        observations::sort_newest_first(&mut orphans);
        out.push(WatchRow::Orphans);
        out.extend(orphans.into_iter().map(|o| WatchRow::Observation(o.id.clone(), None)));
    }
    out
}

impl App {
    /// The rows of the open view (or of one that would open now).
    pub fn watch_rows(&self) -> Vec<WatchRow> {
        rows(&self.briefing, &self.notes.observations)
    }

    /// The selected row's index in `rows`: the one `view` keeps, else the first selectable.
    pub fn watch_selected(&self, view: &WatchView, rows: &[WatchRow]) -> Option<usize> {
        let first = || rows.iter().position(|r| r.key(&self.briefing).is_some());
        match &view.at {
            Some(key) => {
                rows.iter().position(|r| r.key(&self.briefing).as_ref() == Some(key)).or_else(first)
            }
            None => first(),
        }
    }

    /// `W`, or `a` on the factors pane: the view, at the first indicator of `factor` if given.
    pub(super) fn open_watch(&mut self, factor: Option<FactorIx>) {
        let b = &self.briefing;
        if b.factors.iter().all(|f| f.indicators.is_empty()) && self.notes.observations.is_empty() {
            self.message = Some("this briefing names no indicators to watch".into());
            return;
        }
        let at = factor
            .and_then(|f| b.factors[f].indicators.first())
            .map(|i| WatchKey::Indicator(i.id.clone()));
        if factor.is_some() && at.is_none() {
            self.message = Some("this factor names no indicators; W lists every factor's".into());
        }
        self.overlay = Some(Overlay::Watch(WatchView { at }));
    }

    /// Whether `action` does something in the view now (the hints offer only those).
    pub(super) fn watch_offers(&self, view: &WatchView, action: Action) -> bool {
        let rows = self.watch_rows();
        let row = self.watch_selected(view, &rows).and_then(|i| rows.get(i));
        let writable = self.notes_loaded && self.notes.read_only.is_none();
        match action {
            Action::EditNote | Action::Activate | Action::Accept => {
                writable
                    && matches!(
                        row,
                        Some(WatchRow::Indicator(..) | WatchRow::Observation(_, Some(_)))
                    )
            }
            Action::DeleteNote => writable && matches!(row, Some(WatchRow::Observation(..))),
            Action::Undo => writable && !self.undo.is_empty(),
            _ => true,
        }
    }

    pub(super) fn update_watch(&mut self, action: Action) -> Effect {
        let Some(Overlay::Watch(view)) = &self.overlay else { return Effect::None };
        let rows = self.watch_rows();
        let here = self.watch_selected(view, &rows);
        match action {
            Action::Down | Action::Wheel(_, true) => self.watch_move(&rows, here, 1),
            Action::Up | Action::Wheel(_, false) => self.watch_move(&rows, here, -1),
            Action::PageDown => self.watch_move(&rows, here, 10),
            Action::PageUp => self.watch_move(&rows, here, -10),
            Action::Top => self.watch_move(&rows, None, 1),
            Action::Bottom => self.watch_move(&rows, Some(rows.len()), -1),
            Action::EditNote | Action::Activate | Action::Accept => {
                self.observe(here.and_then(|i| rows.get(i)))
            }
            Action::DeleteNote => self.ask_delete_observation(here.and_then(|i| rows.get(i))),
            Action::Undo => return self.undo(),
            Action::Close | Action::OpenWatch | Action::ClickOverlay => self.overlay = None,
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }

    /// The selection `by` selectable rows on from `here` (`None`: before the first), kept in
    /// the list.
    fn watch_move(&mut self, rows: &[WatchRow], here: Option<usize>, by: isize) {
        let selectable: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.key(&self.briefing).is_some())
            .map(|(i, _)| i)
            .collect();
        if selectable.is_empty() {
            return;
        }
        // Its place among the selectable rows; a position past the end counts as after all.
        let at = match here {
            None => -1,
            Some(i) => {
                selectable.iter().position(|&s| s >= i).map_or(selectable.len(), |p| p) as isize
            }
        };
        let to = (at + by).clamp(0, selectable.len() as isize - 1) as usize;
        let key = rows[selectable[to]].key(&self.briefing);
        if let Some(Overlay::Watch(view)) = &mut self.overlay {
            view.at = key;
        }
    }

    /// `a` or Enter: the editor, for an observation on the selected row's indicator.
    fn observe(&mut self, row: Option<&WatchRow>) {
        if !self.notes_loaded {
            self.message = Some(NOTES_LOADING.into());
            return;
        }
        if let Some(problem) = &self.notes.read_only {
            self.message = Some(format!("notes are read-only: {problem}"));
            return;
        }
        let (f, i) = match row {
            Some(WatchRow::Indicator(f, i)) | Some(WatchRow::Observation(_, Some((f, i)))) => {
                (*f, *i)
            }
            Some(WatchRow::Observation(_, None)) => {
                self.message = Some(
                    "its indicator is gone from the briefing: nothing to observe on; d deletes it"
                        .into(),
                );
                return;
            }
            _ => return,
        };
        let indicator = self.briefing.factors[f].indicators[i].id.clone();
        let then = self.overlay.take();
        self.open_observation_editor(indicator, then);
    }

    fn ask_delete_observation(&mut self, row: Option<&WatchRow>) {
        let Some(WatchRow::Observation(id, _)) = row else {
            self.message = Some("d deletes an observation: select one under its indicator".into());
            return;
        };
        if let Some(problem) = &self.notes.read_only {
            self.message = Some(format!("notes are read-only: {problem}"));
            return;
        }
        let Some(o) = self.notes.observations.get(id) else { return };
        let observation = Box::new(o.clone());
        let Some(Overlay::Watch(view)) = self.overlay.take() else { return };
        self.overlay =
            Some(Overlay::Confirm(Confirm::DeleteObservation { observation, then: view }));
    }

    /// The editor closed with an observation on `indicator`: logged, dated when written.
    pub(super) fn save_observation(&mut self, indicator: String, text: String) -> Effect {
        if text.trim().is_empty() {
            self.message = Some("nothing observed: an empty observation is not kept".into());
            return Effect::None;
        }
        self.next_mark += 1;
        let base = format!("o{:x}-{}", self.id_seed, self.next_mark);
        let id =
            crate::notes::marks::new_id_from(&base, |id| self.notes.observations.contains_key(id));
        let observation =
            Observation { id: id.clone(), indicator, text, created: crate::notes::unsaved_time() };
        let what = self.indicator_name(&observation.indicator);
        self.push_undo(Before::Observation {
            observation: Box::new(observation.clone()),
            existed: false,
        });
        if let Some(Overlay::Watch(view)) = &mut self.overlay {
            view.at = Some(WatchKey::Observation(id));
        }
        self.message = Some(format!("saving your observation on {what}…"));
        self.change_observation(observation, ObservationEdit::Add, format!("observed: {what}"))
    }

    /// After a yes: the observation goes (`u` brings it back, its date kept).
    pub(super) fn delete_observation(&mut self, o: Observation, mut then: WatchView) -> Effect {
        then.at = self.indicator_key(&o.indicator);
        self.overlay = Some(Overlay::Watch(then));
        let what = self.indicator_name(&o.indicator);
        self.push_undo(Before::Observation { observation: Box::new(o.clone()), existed: true });
        self.message = Some(format!("deleting your observation on {what}…"));
        self.change_observation(
            o,
            ObservationEdit::Delete,
            format!("observation deleted on {what}"),
        )
    }

    /// `u` after logging or deleting an observation: as it was.
    pub(super) fn undo_observation(&mut self, o: Observation, existed: bool) -> Effect {
        let there = self.notes.observations.contains_key(&o.id);
        if there == existed {
            self.message = Some("undo: that observation is already as it was".into());
            return Effect::None;
        }
        let what = self.indicator_name(&o.indicator);
        let (edit, done) = if existed {
            if let Some(Overlay::Watch(view)) = &mut self.overlay {
                view.at = Some(WatchKey::Observation(o.id.clone()));
            }
            (ObservationEdit::Add, format!("undone: your observation on {what} is back"))
        } else {
            let key = self.indicator_key(&o.indicator);
            if let Some(Overlay::Watch(view)) = &mut self.overlay {
                view.at = key;
            }
            (ObservationEdit::Delete, format!("undone: your observation on {what} is gone"))
        };
        self.message = Some(format!("undoing on {what}…"));
        self.change_observation(o, edit, done)
    }

    fn change_observation(
        &mut self,
        o: Observation,
        edit: ObservationEdit,
        done: String,
    ) -> Effect {
        self.notes.apply(ObservationChange { observation: Box::new(o), edit });
        self.announce = Some((self.notes.pending.len(), done));
        Effect::SaveNotes(self.notes.take_unsent())
    }

    /// The view's key of `indicator`, if the briefing has it.
    fn indicator_key(&self, indicator: &str) -> Option<WatchKey> {
        observations::find_indicator(&self.briefing, indicator)
            .map(|_| WatchKey::Indicator(indicator.to_string()))
    }

    /// An indicator as messages name it: the start of its text, quoted (its id when gone).
    pub(super) fn indicator_name(&self, indicator: &str) -> String {
        match observations::find_indicator(&self.briefing, indicator) {
            Some((f, i)) => name(&self.briefing.factors[f].indicators[i].text),
            None => format!("the indicator '{}'", crate::sanitize::single_line(indicator)),
        }
    }

    fn open_observation_editor(&mut self, indicator: String, then: Option<Overlay>) {
        self.open_note_editor(NoteOn::Observation { indicator }, String::new(), then);
    }
}

#[cfg(test)]
mod tests;
