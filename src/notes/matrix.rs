//! Analysis of Competing Hypotheses: the claims and counterpoints of a briefing (rows, in
//! reading order) against its hypotheses (columns), each cell the author's rating on Heuer's
//! scale; the hypotheses ranked by how much evidence is *inconsistent* with each (I = 1,
//! II = 2; fewest first), rows that rate the same under every hypothesis set aside as
//! non-diagnostic and left out of the score. A briefing without hypotheses gets its factors as
//! columns instead: which claims bear on which factor. Pure; printed by `briefing matrix`.
//!
//! Your own ratings (`notes::ratings`) take the author's place in a cell, in diagnosticity
//! and in the scores; one of them changed is [`Matrix::set_yours`], which moves the scores by
//! that row's difference alone, so a view of 20,000 rows re-ranks without scoring them again.

use std::collections::HashMap;

use super::ratings::{ItemKind, RatingKey, Ratings};
use crate::briefing::{Briefing, ClaimIx, Consistency, CounterpointIx, SectionIx};

/// What a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Claim(ClaimIx),
    Counterpoint(CounterpointIx),
}

impl Row {
    pub fn kind(self) -> &'static str {
        match self {
            Row::Claim(_) => "claim",
            Row::Counterpoint(_) => "counterpoint",
        }
    }

    pub fn id(self, b: &Briefing) -> &str {
        match self {
            Row::Claim(c) => &b.claims[c].id,
            Row::Counterpoint(cp) => &b.counterpoints[cp].id,
        }
    }

    /// What a rating of this row is stored as.
    pub fn item_kind(self) -> ItemKind {
        match self {
            Row::Claim(_) => ItemKind::Claim,
            Row::Counterpoint(_) => ItemKind::Counterpoint,
        }
    }

    pub fn text(self, b: &Briefing) -> &str {
        match self {
            Row::Claim(c) => &b.claims[c].text,
            Row::Counterpoint(cp) => &b.counterpoints[cp].text,
        }
    }

    /// The section the row is listed under: a claim's, a counterpoint's first claim's.
    pub fn section(self, b: &Briefing) -> SectionIx {
        match self {
            Row::Claim(c) => b.claims[c].section,
            Row::Counterpoint(cp) => {
                b.counterpoints[cp].claims.first().map_or(SectionIx(0), |&c| b.claims[c].section)
            }
        }
    }
}

/// One cell: what the author says, and under a hypothesis what you say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// A rating under a hypothesis: the author's and yours (yours wins).
    Rating { author: Option<Consistency>, yours: Option<Consistency> },
    /// Whether the claim bears on a factor (factor columns): by the author's file, and by a
    /// link of yours (`F`, `factors` on its note).
    Bears { author: bool, yours: bool },
}

impl Cell {
    /// The author's rating alone.
    pub const fn author(rating: Option<Consistency>) -> Cell {
        Cell::Rating { author: rating, yours: None }
    }

    /// The rating that counts: yours where you rated, else the author's.
    pub fn rating(self) -> Option<Consistency> {
        match self {
            Cell::Rating { author, yours } => yours.or(author),
            Cell::Bears { .. } => None,
        }
    }

    /// Whether what the cell says is yours: your rating, or a link of yours the author does
    /// not make.
    pub fn is_yours(self) -> bool {
        matches!(
            self,
            Cell::Rating { yours: Some(_), .. } | Cell::Bears { author: false, yours: true }
        )
    }
}

/// The matrix: its columns (hypotheses, or factors when there are none), its rows with a
/// cell per column, and for hypotheses the scores and ranking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    /// Column ids and titles.
    pub columns: Vec<(String, String)>,
    /// The columns are the briefing's factors (it has no hypotheses).
    pub by_factors: bool,
    pub rows: Vec<(Row, Vec<Cell>, bool)>,
    /// Per hypothesis: the inconsistency score over the diagnostic rows (kept up to date by
    /// [`Matrix::set_yours`]).
    pub scores: Vec<u32>,
    /// Column indices, fewest inconsistencies first (ties in file order).
    pub ranking: Vec<usize>,
}

/// How much a rating counts against a hypothesis.
fn weight(rating: Option<Consistency>) -> u32 {
    match rating {
        Some(Consistency::Inconsistent) => 1,
        Some(Consistency::VeryInconsistent) => 2,
        _ => 0,
    }
}

/// Whether a row's cells tell the hypotheses apart: not all the same (unrated counts as one
/// value).
fn is_diagnostic(cells: &[Cell]) -> bool {
    let first = cells.first().map(|c| c.rating());
    cells.iter().any(|c| Some(c.rating()) != first)
}

impl Matrix {
    /// The matrix of `b` with the author's ratings alone.
    pub fn of(b: &Briefing) -> Matrix {
        Matrix::with_ratings(b, &Ratings::new())
    }

    /// The matrix of `b` with your `ratings` in the cells they name (ratings of items or
    /// hypotheses that are gone, and any for factor columns, are left out: they are kept in
    /// the notes file, not shown here).
    pub fn with_ratings(b: &Briefing, ratings: &Ratings) -> Matrix {
        let mut m = Matrix::authors(b);
        if m.by_factors || ratings.is_empty() {
            return m;
        }
        let rows: HashMap<(ItemKind, &str), usize> = m
            .rows
            .iter()
            .enumerate()
            .map(|(i, (row, _, _))| ((row.item_kind(), row.id(b)), i))
            .collect();
        let columns: HashMap<&str, usize> =
            m.columns.iter().enumerate().map(|(i, (id, _))| (id.as_str(), i)).collect();
        for (key, &consistency) in ratings {
            let (Some(&i), Some(&h)) =
                (rows.get(&(key.kind, key.item.as_str())), columns.get(key.hypothesis.as_str()))
            else {
                continue;
            };
            if let Some(Cell::Rating { yours, .. }) = m.rows[i].1.get_mut(h) {
                *yours = Some(consistency);
            }
        }
        for (_, cells, diagnostic) in &mut m.rows {
            *diagnostic = is_diagnostic(cells);
        }
        m.scores = m.scores_without(&[]);
        m.ranking = ranking_of(&m.scores);
        m
    }

    /// The same with your factor links (`factors` on your notes) in its factor columns; a
    /// matrix of hypotheses is returned as it is.
    pub fn with_links(mut self, b: &Briefing, notes: &super::Notes) -> Matrix {
        if !self.by_factors {
            return self;
        }
        for (row, cells, _) in &mut self.rows {
            let Some(note) = notes.get(row.id(b)) else { continue };
            for (cell, (factor, _)) in cells.iter_mut().zip(&self.columns) {
                if let Cell::Bears { yours, .. } = cell {
                    *yours = note.factors.contains(factor);
                }
            }
        }
        self
    }

    /// Where your rating of the cell at `row`, `column` is kept; `None` for factor columns.
    pub fn key(&self, b: &Briefing, row: usize, column: usize) -> Option<RatingKey> {
        if self.by_factors {
            return None;
        }
        let (r, _, _) = self.rows.get(row)?;
        let (hypothesis, _) = self.columns.get(column)?;
        Some(RatingKey {
            kind: r.item_kind(),
            item: r.id(b).to_string(),
            hypothesis: hypothesis.clone(),
        })
    }

    /// What row `i` adds to each column's score now: its weights, or nothing when it is not
    /// diagnostic.
    pub fn weights(&self, i: usize) -> Vec<u32> {
        match self.rows.get(i) {
            Some((_, cells, true)) if !self.by_factors => {
                cells.iter().map(|c| weight(c.rating())).collect()
            }
            _ => vec![0; self.columns.len()],
        }
    }

    /// Sets your rating of one cell (`None` clears it), and moves the scores and the ranking
    /// by that row's difference alone (its diagnosticity may change with it). Returns the
    /// row's weights before and after, for a view that keeps scores of its own.
    pub fn set_yours(
        &mut self,
        row: usize,
        column: usize,
        rating: Option<Consistency>,
    ) -> (Vec<u32>, Vec<u32>) {
        let before = self.weights(row);
        if let Some((_, cells, diagnostic)) = self.rows.get_mut(row)
            && let Some(Cell::Rating { yours, .. }) = cells.get_mut(column)
        {
            *yours = rating;
            *diagnostic = is_diagnostic(cells);
        }
        let after = self.weights(row);
        shift(&mut self.scores, &before, &after);
        self.ranking = ranking_of(&self.scores);
        (before, after)
    }

    /// The matrix with the author's ratings alone.
    fn authors(b: &Briefing) -> Matrix {
        let mut order: Vec<Row> = Vec::new();
        for s in b.section_ixs() {
            let section = &b.sections[s];
            order.extend(section.claims.iter().map(|&c| Row::Claim(c)));
            for &cp in &section.counterpoints {
                if Row::Counterpoint(cp).section(b) == s {
                    order.push(Row::Counterpoint(cp));
                }
            }
        }
        if b.hypotheses.is_empty() {
            let columns: Vec<(String, String)> =
                b.factors.iter().map(|f| (f.id.clone(), f.title.clone())).collect();
            let rows = order
                .into_iter()
                .filter_map(|row| {
                    let Row::Claim(c) = row else { return None };
                    let claim = &b.claims[c];
                    let cells = b
                        .factor_ixs()
                        .map(|f| {
                            let factor = &b.factors[f];
                            Cell::Bears {
                                author: factor.claims.contains(&c)
                                    || factor.sections.contains(&claim.section),
                                yours: false,
                            }
                        })
                        .collect();
                    Some((row, cells, true))
                })
                .collect();
            return Matrix {
                columns,
                by_factors: true,
                rows,
                scores: Vec::new(),
                ranking: Vec::new(),
            };
        }
        let columns: Vec<(String, String)> =
            b.hypotheses.iter().map(|h| (h.id.clone(), h.title.clone())).collect();
        let rows: Vec<(Row, Vec<Cell>, bool)> = order
            .into_iter()
            .map(|row| {
                let cells: Vec<Cell> = (0..columns.len())
                    .map(|h| {
                        let h = crate::briefing::HypothesisIx(h);
                        Cell::author(match row {
                            Row::Claim(c) => b.claims[c].rating(h),
                            Row::Counterpoint(cp) => b.counterpoints[cp].rating(h),
                        })
                    })
                    .collect();
                // The same under every hypothesis (or unrated): it tells them apart not at all.
                let diagnostic = is_diagnostic(&cells);
                (row, cells, diagnostic)
            })
            .collect();
        let mut m =
            Matrix { columns, by_factors: false, rows, scores: Vec::new(), ranking: Vec::new() };
        m.scores = m.scores_without(&[]);
        m.ranking = ranking_of(&m.scores);
        m
    }

    /// Each hypothesis' inconsistency score over the diagnostic rows, the rows `aside` says
    /// (by index; missing: counted) left out. Empty for factor columns.
    pub fn scores_without(&self, aside: &[bool]) -> Vec<u32> {
        if self.by_factors {
            return Vec::new();
        }
        let mut scores = vec![0u32; self.columns.len()];
        for (i, (_, cells, diagnostic)) in self.rows.iter().enumerate() {
            if !diagnostic || aside.get(i).copied().unwrap_or(false) {
                continue;
            }
            for (score, cell) in scores.iter_mut().zip(cells) {
                *score += weight(cell.rating());
            }
        }
        scores
    }

    /// "Imitating (2) · Innovating (7)": the hypotheses, fewest inconsistencies first.
    pub fn ranking_line(&self) -> String {
        self.ranking
            .iter()
            .map(|&h| format!("{} ({})", self.columns[h].1, self.scores[h]))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// `scores` less `before`, plus `after`, column by column.
pub fn shift(scores: &mut [u32], before: &[u32], after: &[u32]) {
    for ((score, b), a) in scores.iter_mut().zip(before).zip(after) {
        *score = score.saturating_sub(*b) + a;
    }
}

/// Column indices by `scores`, fewest first (ties in file order).
pub fn ranking_of(scores: &[u32]) -> Vec<usize> {
    let mut ranking: Vec<usize> = (0..scores.len()).collect();
    ranking.sort_by_key(|&h| scores[h]);
    ranking
}

/// How a cell is written: `CC` .. `II` (the rating that counts), `-` unrated; `x` / blank
/// for a factor. Yours is not marked here: see [`cell_label`].
pub fn cell_text(cell: Cell) -> &'static str {
    match cell {
        Cell::Rating { .. } => cell.rating().map_or("-", |r| r.name()),
        Cell::Bears { author, yours } if author || yours => "x",
        Cell::Bears { .. } => "",
    }
}

/// The cell as the matrix shows it: [`cell_text`], with a `*` after a rating of yours (`I*`).
pub fn cell_label(cell: Cell) -> String {
    let text = cell_text(cell);
    if cell.is_yours() { format!("{text}*") } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::check_text;

    const RATED: &str = r#"format = 1
[briefing]
id = "m"
title = "M"
[[section]]
id = "a"
title = "A"
body = "One."
[[hypothesis]]
id = "h1"
title = "First"
text = "x"
[[hypothesis]]
id = "h2"
title = "Second"
text = "y"
[[claim]]
id = "c1"
section = "a"
text = "Against the first."
ratings = { h1 = "II", h2 = "C" }
[[claim]]
id = "c2"
section = "a"
text = "Neutral to both."
ratings = { h1 = "I", h2 = "I" }
[[claim]]
id = "c3"
section = "a"
text = "Against the second."
ratings = { h1 = "C", h2 = "I" }
[[counterpoint]]
id = "cp"
claims = ["c1"]
text = "An answer."
ratings = { h1 = "N", h2 = "N" }
"#;

    #[test]
    fn hypotheses_are_ranked_by_inconsistency_over_diagnostic_rows() {
        let b = check_text(std::path::Path::new("m.toml"), RATED).briefing.unwrap();
        let m = Matrix::of(&b);
        let diagnostic: Vec<(&str, bool)> = m.rows.iter().map(|(r, _, d)| (r.id(&b), *d)).collect();
        // c2 and cp rate alike under both: set aside, though c2 is inconsistent with both.
        assert_eq!(diagnostic, [("c1", true), ("c2", false), ("c3", true), ("cp", false)]);
        // First: II from c1 = 2; second: I from c3 = 1 (c2's I each left out).
        assert_eq!(m.scores, [2, 1]);
        assert_eq!(m.ranking, [1, 0]);
        assert_eq!(m.ranking_line(), "Second (1) · First (2)");
        assert_eq!(cell_text(m.rows[0].1[0]), "II");
    }

    #[test]
    fn without_hypotheses_the_factors_are_the_columns() {
        let b = crate::briefing::load_bundled().unwrap().briefing.unwrap();
        let mut plain = b.clone();
        plain.hypotheses.clear();
        let m = Matrix::of(&plain);
        assert!(m.by_factors);
        assert_eq!(m.columns.len(), b.factors.len());
        assert_eq!(m.rows.len(), b.claims.len(), "claims only");
        assert!(
            m.rows
                .iter()
                .any(|(_, cells, _)| cells.contains(&Cell::Bears { author: true, yours: false }))
        );
        // Your links: a factor the author does not link the claim to reads as yours (`x*`);
        // one the author links too stays the author's `x`.
        let (row, f) = m
            .rows
            .iter()
            .enumerate()
            .find_map(|(i, (_, cells, _))| {
                let f =
                    cells.iter().position(|c| *c == Cell::Bears { author: false, yours: false })?;
                Some((i, f))
            })
            .unwrap();
        let claim = m.rows[row].0.id(&plain).to_string();
        let mut notes = super::super::Notes::new();
        notes.insert(
            claim.clone(),
            super::super::Note {
                claim: claim.clone(),
                claim_text: String::new(),
                stance: None,
                likelihood: None,
                confidence: None,
                factors: vec![m.columns[f].0.clone()],
                note: String::new(),
                created: super::super::unsaved_time(),
                updated: super::super::unsaved_time(),
            },
        );
        let linked = m.clone().with_links(&plain, &notes);
        assert_eq!(linked.rows[row].1[f], Cell::Bears { author: false, yours: true });
        assert_eq!(cell_label(linked.rows[row].1[f]), "x*");
        let changed: usize = (0..m.rows.len())
            .map(|i| m.rows[i].1.iter().zip(&linked.rows[i].1).filter(|(a, b)| a != b).count())
            .sum();
        assert_eq!(changed, 1, "only that cell");
        // With its hypotheses, the bundled briefing's evidence favours one of them.
        let m = Matrix::of(&b);
        assert!(!m.by_factors && m.scores.len() == 2);
        assert!(m.scores[m.ranking[0]] < m.scores[m.ranking[1]], "{m:?}");
    }

    fn yours(kind: ItemKind, item: &str, h: &str, c: Consistency) -> (RatingKey, Consistency) {
        (RatingKey { kind, item: item.into(), hypothesis: h.into() }, c)
    }

    #[test]
    fn your_ratings_win_in_cells_diagnosticity_scores_and_sensitivity() {
        let b = check_text(std::path::Path::new("m.toml"), RATED).briefing.unwrap();
        let ratings: Ratings = [
            // c2 (I, I) becomes (I, CC*): diagnostic now, its I counts against the first.
            yours(ItemKind::Claim, "c2", "h2", Consistency::VeryConsistent),
            // cp (N, N) becomes (II*, N): II against the first.
            yours(ItemKind::Counterpoint, "cp", "h1", Consistency::VeryInconsistent),
            // A claim named "cp" there is not: a counterpoint's rating is not a claim's.
            yours(ItemKind::Claim, "cp", "h2", Consistency::VeryInconsistent),
            // Kept in the file, shown nowhere here.
            yours(ItemKind::Claim, "gone", "h1", Consistency::Inconsistent),
            yours(ItemKind::Claim, "c1", "gone", Consistency::Inconsistent),
        ]
        .into_iter()
        .collect();
        let m = Matrix::with_ratings(&b, &ratings);
        let diagnostic: Vec<bool> = m.rows.iter().map(|(_, _, d)| *d).collect();
        assert_eq!(diagnostic, [true, true, true, true]);
        assert_eq!(
            m.rows[1].1,
            [
                Cell::author(Some(Consistency::Inconsistent)),
                Cell::Rating {
                    author: Some(Consistency::Inconsistent),
                    yours: Some(Consistency::VeryConsistent)
                }
            ]
        );
        assert_eq!(cell_label(m.rows[1].1[1]), "CC*");
        assert_eq!(cell_label(m.rows[1].1[0]), "I");
        // First: c1 II 2 + c2 I 1 + cp II 2 = 5; second: c3 I 1.
        assert_eq!(m.scores, [5, 1]);
        assert_eq!(m.ranking, [1, 0]);
        // Sensitivity: c3 set aside, the second has nothing against it.
        assert_eq!(m.scores_without(&[false, false, true, false]), [5, 0]);
        // Without yours: the author's matrix.
        assert_eq!(Matrix::with_ratings(&b, &Ratings::new()), Matrix::of(&b));
    }

    #[test]
    fn setting_one_cell_moves_the_scores_by_that_row_alone() {
        let b = check_text(std::path::Path::new("m.toml"), RATED).briefing.unwrap();
        let mut m = Matrix::of(&b);
        assert_eq!(m.scores, [2, 1]);
        // c1 (II, C) -> (II, II*): the same under both, so it leaves the scores whole.
        let (before, after) = m.set_yours(0, 1, Some(Consistency::VeryInconsistent));
        assert_eq!((before, after), (vec![2, 0], vec![0, 0]));
        assert!(!m.rows[0].2);
        assert_eq!((m.scores.as_slice(), m.ranking.as_slice()), (&[0, 1][..], &[0, 1][..]));
        // c2 (I, I) -> (C*, I): diagnostic now, I against the second.
        m.set_yours(1, 0, Some(Consistency::Consistent));
        assert_eq!(m.scores, [0, 2]);
        assert_eq!(m.scores, m.scores_without(&[]), "the same as counting every row");
        // Cleared: the author's again.
        m.set_yours(0, 1, None);
        m.set_yours(1, 0, None);
        assert_eq!(m, Matrix::of(&b));
        // Factor columns: no key to keep a rating by.
        let mut plain = b.clone();
        plain.hypotheses.clear();
        assert_eq!(Matrix::of(&plain).key(&plain, 0, 0), None);
        assert_eq!(
            m.key(&b, 3, 1).map(|k| (k.kind, k.item)),
            Some((ItemKind::Counterpoint, "cp".into()))
        );
    }
}
