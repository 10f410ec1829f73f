//! The matrix view (`M`): the briefing's claims and counterpoints against its hypotheses (or
//! its factors, when it has none), a cell selected, the hypotheses ranked below. `x` sets a row
//! aside to see whether the ranking depends on it; Enter goes to the row's claim (Ctrl-O
//! back). Pure state; drawn by `ui::matrix`.

use super::{Action, App, Effect, Focus, ItemIx, Overlay, SidePane};
use crate::notes::matrix::{Matrix, Row};

/// The matrix and where the view is in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixView {
    pub matrix: Matrix,
    /// The selected row and column.
    pub row: usize,
    pub column: usize,
    /// The first row on screen (kept by the view as it is drawn).
    pub top: usize,
    /// Rows set aside (`x`): left out of the scores.
    pub aside: Vec<bool>,
}

impl MatrixView {
    pub fn new(matrix: Matrix) -> Self {
        let aside = vec![false; matrix.rows.len()];
        MatrixView { matrix, row: 0, column: 0, top: 0, aside }
    }

    /// Each hypothesis' score with the rows set aside left out.
    pub fn scores(&self) -> Vec<u32> {
        self.matrix.scores_without(&self.aside)
    }

    /// Column indices, fewest inconsistencies first, with the rows set aside left out.
    pub fn ranking(&self) -> Vec<usize> {
        crate::notes::matrix::ranking_of(&self.scores())
    }

    /// Whether setting rows aside changed which hypothesis comes first.
    pub fn ranking_changed(&self) -> bool {
        let now = self.ranking();
        !self.matrix.by_factors && now.first() != self.matrix.ranking.first()
    }

    fn move_by(&mut self, rows: isize, columns: isize) {
        let last_row = self.matrix.rows.len().saturating_sub(1);
        let last_column = self.matrix.columns.len().saturating_sub(1);
        self.row = self.row.saturating_add_signed(rows).min(last_row);
        self.column = self.column.saturating_add_signed(columns).min(last_column);
    }
}

impl App {
    pub(super) fn open_matrix(&mut self) {
        let matrix = Matrix::of(&self.briefing);
        if matrix.rows.is_empty() {
            self.message = Some("no claims to set against each other here".into());
            return;
        }
        self.overlay = Some(Overlay::Matrix(Box::new(MatrixView::new(matrix))));
    }

    pub(super) fn update_matrix(&mut self, action: Action) -> Effect {
        let Some(Overlay::Matrix(view)) = &mut self.overlay else { return Effect::None };
        match action {
            Action::Down | Action::Wheel(_, true) => view.move_by(1, 0),
            Action::Up | Action::Wheel(_, false) => view.move_by(-1, 0),
            Action::Right => view.move_by(0, 1),
            Action::Left => view.move_by(0, -1),
            Action::PageDown => view.move_by(10, 0),
            Action::PageUp => view.move_by(-10, 0),
            Action::Top => view.row = 0,
            Action::Bottom => view.move_by(isize::MAX, 0),
            Action::SetAside => {
                if view.matrix.by_factors {
                    self.message = Some(
                        "setting a row aside tests a ranking of hypotheses: this briefing has none"
                            .into(),
                    );
                } else if let Some(aside) = view.aside.get_mut(view.row) {
                    *aside = !*aside;
                    let what = if *aside { "set aside" } else { "counted again" };
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
}
