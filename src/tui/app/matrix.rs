//! The matrix view (`M`): the briefing's claims and counterpoints against its hypotheses (or
//! its factors, when it has none), a cell selected, the hypotheses ranked below. `1`..`5` set
//! your rating of the cell (`CC` .. `II`) and `0` clears it, saved with the notes, `u` undoes;
//! `x` sets a row aside to see whether the ranking depends on it; Enter goes to the row's
//! claim (Ctrl-O back). Pure state; drawn by `ui::matrix`.
//!
//! The scores are kept, not recomputed: a rating or a row set aside moves them by that one
//! row's weights, so every key costs the same at 20 rows and at 20,000.

use super::annotate::{Before, name};
use super::{Action, App, Effect, Focus, ItemIx, NOTES_LOADING, Overlay, SidePane};
use crate::briefing::Consistency;
use crate::notes::RatingChange;
use crate::notes::matrix::{Matrix, Row, ranking_of, shift};
use crate::notes::ratings::RatingKey;

/// The matrix and where the view is in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixView {
    pub matrix: Matrix,
    /// The selected row and column.
    pub row: usize,
    pub column: usize,
    /// The first row on screen (kept so the selection stays in view as it moves).
    pub top: usize,
    /// Rows set aside (`x`): left out of the scores.
    pub aside: Vec<bool>,
    /// Each hypothesis' score with the rows set aside left out (`matrix.scores` counts them).
    counted: Vec<u32>,
    /// Column indices by `counted`, fewest first.
    ranking: Vec<usize>,
}

impl MatrixView {
    pub fn new(matrix: Matrix) -> Self {
        let aside = vec![false; matrix.rows.len()];
        let counted = matrix.scores.clone();
        let ranking = ranking_of(&counted);
        MatrixView { matrix, row: 0, column: 0, top: 0, aside, counted, ranking }
    }

    /// Each hypothesis' score with the rows set aside left out.
    pub fn scores(&self) -> &[u32] {
        &self.counted
    }

    /// Column indices, fewest inconsistencies first, with the rows set aside left out.
    pub fn ranking(&self) -> &[usize] {
        &self.ranking
    }

    /// Whether setting rows aside changed which hypothesis comes first.
    pub fn ranking_changed(&self) -> bool {
        !self.matrix.by_factors && self.ranking.first() != self.matrix.ranking.first()
    }

    /// Sets row `i`, column `h` to your `rating`: the matrix's scores and the view's move by
    /// that row's difference alone.
    fn set_yours(&mut self, i: usize, h: usize, rating: Option<Consistency>) {
        let (before, after) = self.matrix.set_yours(i, h, rating);
        if !self.aside.get(i).copied().unwrap_or(false) {
            shift(&mut self.counted, &before, &after);
            self.ranking = ranking_of(&self.counted);
        }
    }

    /// `x` on row `i`: its weights leave the view's scores, or come back.
    fn toggle_aside(&mut self, i: usize) -> Option<bool> {
        let aside = self.aside.get_mut(i)?;
        *aside = !*aside;
        let now = *aside;
        let weights = self.matrix.weights(i);
        let none = vec![0; weights.len()];
        if now {
            shift(&mut self.counted, &weights, &none);
        } else {
            shift(&mut self.counted, &none, &weights);
        }
        self.ranking = ranking_of(&self.counted);
        Some(now)
    }

    /// The same matrix with other ratings of yours (read from the file): place and rows set
    /// aside kept.
    fn replace(&mut self, matrix: Matrix) {
        let (row, column, top) = (self.row, self.column, self.top);
        let aside = std::mem::take(&mut self.aside);
        *self = MatrixView::new(matrix);
        (self.row, self.column, self.top) = (row, column, top);
        for (i, &a) in aside.iter().enumerate() {
            if a {
                self.toggle_aside(i);
            }
        }
        self.move_by(0, 0, usize::MAX);
    }

    fn move_by(&mut self, rows: isize, columns: isize, visible: usize) {
        let last_row = self.matrix.rows.len().saturating_sub(1);
        let last_column = self.matrix.columns.len().saturating_sub(1);
        self.row = self.row.saturating_add_signed(rows).min(last_row);
        self.column = self.column.saturating_add_signed(columns).min(last_column);
        self.follow(visible);
    }

    /// Keeps the selected row among the `visible` rows from `top`.
    fn follow(&mut self, visible: usize) {
        let visible = visible.max(1);
        if self.row < self.top {
            self.top = self.row;
        } else if self.row >= self.top + visible {
            self.top = self.row + 1 - visible;
        }
        self.top = self.top.min(self.matrix.rows.len().saturating_sub(visible));
    }

    /// The row whose rating `key` is, if it is in the matrix.
    fn find(&self, b: &crate::briefing::Briefing, key: &RatingKey) -> Option<(usize, usize)> {
        let h = self.matrix.columns.iter().position(|(id, _)| *id == key.hypothesis)?;
        let i = self
            .matrix
            .rows
            .iter()
            .position(|(row, _, _)| row.item_kind() == key.kind && row.id(b) == key.item)?;
        Some((i, h))
    }
}

impl App {
    pub(super) fn open_matrix(&mut self) {
        let matrix = Matrix::with_ratings(&self.briefing, &self.notes.ratings)
            .with_links(&self.briefing, &self.notes.notes);
        if matrix.rows.is_empty() {
            self.message = Some("no claims to set against each other here".into());
            return;
        }
        self.overlay = Some(Overlay::Matrix(Box::new(MatrixView::new(matrix))));
    }

    /// An open matrix made again from the briefing and your ratings as they are now, keeping
    /// the place: after another reader's ratings are read, and after the file reloads (its
    /// rows are indices into the briefing).
    pub(super) fn refresh_matrix(&mut self) {
        if let Some(Overlay::Matrix(view)) = &mut self.overlay {
            let matrix = Matrix::with_ratings(&self.briefing, &self.notes.ratings)
                .with_links(&self.briefing, &self.notes.notes);
            view.replace(matrix);
        }
    }

    pub(super) fn update_matrix(&mut self, action: Action) -> Effect {
        let visible = crate::tui::ui::matrix::grid_rows(self.screen);
        let Some(Overlay::Matrix(view)) = &mut self.overlay else { return Effect::None };
        match action {
            Action::Down | Action::Wheel(_, true) => view.move_by(1, 0, visible),
            Action::Up | Action::Wheel(_, false) => view.move_by(-1, 0, visible),
            Action::Right => view.move_by(0, 1, visible),
            Action::Left => view.move_by(0, -1, visible),
            Action::PageDown => view.move_by(10, 0, visible),
            Action::PageUp => view.move_by(-10, 0, visible),
            Action::Top => view.move_by(isize::MIN, 0, visible),
            Action::Bottom => view.move_by(isize::MAX, 0, visible),
            Action::Rate(rating) => return self.rate(rating),
            Action::Undo => return self.undo(),
            Action::SetAside => {
                if view.matrix.by_factors {
                    self.message = Some(
                        "setting a row aside tests a ranking of hypotheses: this briefing has none"
                            .into(),
                    );
                } else if let Some(aside) = view.toggle_aside(view.row) {
                    let what = if aside { "set aside" } else { "counted again" };
                    let changed = view.ranking_changed();
                    self.message = Some(if changed {
                        format!("row {what}: the ranking changes")
                    } else {
                        format!("row {what}: the ranking stays")
                    });
                }
            }
            Action::Activate | Action::Accept => {
                let Some(&(row, _, _)) = view.matrix.rows.get(view.row) else {
                    return Effect::None;
                };
                self.overlay = None;
                match row {
                    Row::Claim(c) => {
                        self.show_claim(c, true);
                        self.set_focus(Focus::Claims);
                    }
                    Row::Counterpoint(cp) => {
                        let section = row.section(&self.briefing);
                        self.go_to_section(section, true);
                        if let Some(i) = self.counterpoints_in_view().iter().position(|&x| x == cp)
                        {
                            self.selected.set(SidePane::Counterpoints, ItemIx(i));
                        }
                        self.set_focus(Focus::Counterpoints);
                    }
                }
            }
            Action::Close | Action::OpenMatrix | Action::ClickOverlay => self.overlay = None,
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }

    /// `1`..`5` or `0` in the matrix: your rating of the selected cell, shown at once (the
    /// ranking with it) and saved with the notes; `u` sets it back.
    fn rate(&mut self, rating: Option<Consistency>) -> Effect {
        let Some(Overlay::Matrix(view)) = &self.overlay else { return Effect::None };
        if view.matrix.by_factors {
            self.message = Some(
                "factor columns take no ratings: ratings are of claims and counterpoints \
                 against hypotheses, and this briefing states none"
                    .into(),
            );
            return Effect::None;
        }
        if !self.notes_loaded {
            self.message = Some(NOTES_LOADING.into());
            return Effect::None;
        }
        if let Some(problem) = &self.notes.read_only {
            self.message = Some(format!("notes are read-only: {problem}"));
            return Effect::None;
        }
        let (row, column) = (view.row, view.column);
        let Some(key) = view.matrix.key(&self.briefing, row, column) else { return Effect::None };
        let was = self.notes.ratings.get(&key).copied();
        let what = self.rating_name(&key, rating);
        if was == rating {
            self.message = Some(format!("{what} already"));
            return Effect::None;
        }
        self.push_undo(Before::Rating { key: key.clone(), rating: was });
        self.message = Some(what.clone());
        self.set_rating(key, rating, format!("saved: {what}"))
    }

    /// "your rating: I (inconsistent) of “…” under Innovating".
    fn rating_name(&self, key: &RatingKey, rating: Option<Consistency>) -> String {
        let b = &self.briefing;
        let text = match key.kind {
            crate::notes::ItemKind::Claim => b.claims.iter().find(|c| c.id == key.item),
            crate::notes::ItemKind::Counterpoint => None,
        }
        .map(|c| c.text.as_str())
        .or_else(|| b.counterpoints.iter().find(|c| c.id == key.item).map(|c| c.text.as_str()))
        .unwrap_or(&key.item);
        let under = b
            .hypotheses
            .iter()
            .find(|h| h.id == key.hypothesis)
            .map_or(key.hypothesis.as_str(), |h| h.title.as_str());
        let under = crate::sanitize::single_line(under);
        match rating {
            Some(r) => {
                format!(
                    "your rating: {} ({}) of {} under {under}",
                    r.name(),
                    r.meaning(),
                    name(text)
                )
            }
            None => format!("your rating cleared on {} under {under}", name(text)),
        }
    }

    /// Applies your rating of the cell `key` to the notes and, when the matrix is open, to
    /// the cell and the scores; asks for it to be saved.
    fn set_rating(&mut self, key: RatingKey, rating: Option<Consistency>, done: String) -> Effect {
        if let Some(Overlay::Matrix(view)) = &mut self.overlay {
            let at = match view.matrix.key(&self.briefing, view.row, view.column) {
                Some(here) if here == key => Some((view.row, view.column)),
                _ => view.find(&self.briefing, &key),
            };
            if let Some((i, h)) = at {
                view.set_yours(i, h, rating);
            }
        }
        self.notes.apply(RatingChange { key, consistency: rating });
        self.announce = Some((self.notes.pending.len(), done));
        Effect::SaveNotes(self.notes.take_unsent())
    }

    /// `u` after a rating: the cell as it was.
    pub(super) fn undo_rating(&mut self, key: RatingKey, rating: Option<Consistency>) -> Effect {
        if self.notes.ratings.get(&key).copied() == rating {
            self.message = Some("undo: that rating is already as it was".into());
            return Effect::None;
        }
        let what = self.rating_name(&key, rating);
        self.message = Some(format!("undoing: {what}"));
        self.set_rating(key, rating, format!("undone: {what}"))
    }
}
