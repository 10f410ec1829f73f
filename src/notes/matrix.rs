//! Analysis of Competing Hypotheses: the claims and counterpoints of a briefing (rows, in
//! reading order) against its hypotheses (columns), each cell the author's rating on Heuer's
//! scale; the hypotheses ranked by how much evidence is *inconsistent* with each (I = 1,
//! II = 2; fewest first), rows that rate the same under every hypothesis set aside as
//! non-diagnostic and left out of the score. A briefing without hypotheses gets its factors as
//! columns instead: which claims bear on which factor. Pure; printed by `briefing matrix`.

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

/// One cell: what the author says. (A reader's own ratings come with the matrix view.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// A rating under a hypothesis.
    Rating(Option<Consistency>),
    /// Whether the claim bears on a factor (factor columns).
    Bears(bool),
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
    /// Per hypothesis: the inconsistency score over the diagnostic rows.
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

impl Matrix {
    /// The matrix of `b`.
    pub fn of(b: &Briefing) -> Matrix {
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
                            Cell::Bears(
                                factor.claims.contains(&c)
                                    || factor.sections.contains(&claim.section),
                            )
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
                let ratings: Vec<Option<Consistency>> = (0..columns.len())
                    .map(|h| {
                        let h = crate::briefing::HypothesisIx(h);
                        match row {
                            Row::Claim(c) => b.claims[c].rating(h),
                            Row::Counterpoint(cp) => b.counterpoints[cp].rating(h),
                        }
                    })
                    .collect();
                // The same under every hypothesis (or unrated): it tells them apart not at all.
                let diagnostic = ratings.iter().any(|r| *r != ratings[0]);
                (row, ratings.into_iter().map(Cell::Rating).collect(), diagnostic)
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
                if let Cell::Rating(r) = cell {
                    *score += weight(*r);
                }
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

/// Column indices by `scores`, fewest first (ties in file order).
pub fn ranking_of(scores: &[u32]) -> Vec<usize> {
    let mut ranking: Vec<usize> = (0..scores.len()).collect();
    ranking.sort_by_key(|&h| scores[h]);
    ranking
}

/// How a cell is written: `CC` .. `II`, `-` unrated; `x` / blank for a factor.
pub fn cell_text(cell: Cell) -> &'static str {
    match cell {
        Cell::Rating(Some(r)) => r.name(),
        Cell::Rating(None) => "-",
        Cell::Bears(true) => "x",
        Cell::Bears(false) => "",
    }
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
        assert!(m.rows.iter().any(|(_, cells, _)| cells.contains(&Cell::Bears(true))));
        // With its hypotheses, the bundled briefing's evidence favours one of them.
        let m = Matrix::of(&b);
        assert!(!m.by_factors && m.scores.len() == 2);
        assert!(m.scores[m.ranking[0]] < m.scores[m.ranking[1]], "{m:?}");
    }
}
