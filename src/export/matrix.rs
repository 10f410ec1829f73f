//! `briefing matrix`: the matrix of competing hypotheses (see `notes::matrix`) as Markdown (a
//! table per section, the ranking first), CSV (a header row, then a row per claim or
//! counterpoint) or JSON (`docs/export-format.md`, "The matrix"). Every format as safe as
//! the exports: Markdown and CSV pass through `sanitize`, JSON escapes unsafe characters.
//! With the notes, your ratings take the author's place in the ranking and are shown as
//! yours: `I*` in Markdown, `yours:<hypothesis>` columns in CSV, `"yours"` in JSON.

use serde_json::{Map, Value, json};

use crate::briefing::Briefing;
use crate::notes::Notebook;
use crate::notes::matrix::{Cell, Matrix, cell_label};
use crate::sanitize;

/// `--format` of `briefing matrix`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MatrixFormat {
    Md,
    Csv,
    Json,
}

/// The matrix of `b` in `format`; with `book`, your ratings (and your stance on each claim).
pub fn render(b: &Briefing, book: Option<&Notebook>, format: MatrixFormat) -> String {
    let m = match book {
        Some(book) => Matrix::with_ratings(b, &book.ratings).with_links(b, &book.notes),
        None => Matrix::of(b),
    };
    match format {
        MatrixFormat::Md => markdown(b, &m, book),
        MatrixFormat::Csv => csv(b, &m, book),
        MatrixFormat::Json => json_text(b, &m, book),
    }
}

fn stance(
    b: &Briefing,
    book: Option<&Notebook>,
    row: crate::notes::matrix::Row,
) -> Option<&'static str> {
    let crate::notes::matrix::Row::Claim(c) = row else { return None };
    book?.get(&b.claims[c].id)?.stance.map(|s| s.name())
}

fn markdown(b: &Briefing, m: &Matrix, book: Option<&Notebook>) -> String {
    let mut out = format!("# Matrix: {}\n\n", b.title);
    if m.by_factors {
        out.push_str("No hypotheses: the factors are the columns (x: the claim bears on it).\n");
        if book.is_some() {
            out.push_str("An x marked \\* is a link of yours the author does not make.\n");
        }
    } else {
        out.push_str(&format!("Ranked, fewest inconsistencies first: {}\n", m.ranking_line()));
        out.push_str(
            "Rows marked *(n)* rate the same under every hypothesis: not diagnostic, not scored.\n",
        );
        if book.is_some() {
            out.push_str("A rating marked \\* is yours: it takes the author's place.\n");
        }
    }
    let titles: Vec<String> = m.columns.iter().map(|(_, t)| cell(t)).collect();
    let with_stance = book.is_some();
    let mut section = None;
    for (row, cells, diagnostic) in &m.rows {
        let s = row.section(b);
        if section != Some(s) {
            section = Some(s);
            out.push_str(&format!("\n## {s}. {}\n\n", cell(&b.sections[s].title)));
            out.push_str(&format!(
                "| | {}{} |\n",
                titles.join(" | "),
                if with_stance { " | your stance" } else { "" }
            ));
            out.push_str(&format!(
                "|---|{}{}\n",
                "---|".repeat(titles.len()),
                if with_stance { "---|" } else { "" }
            ));
        }
        let mark = if *diagnostic { "" } else { " *(n)*" };
        let kind =
            if matches!(row, crate::notes::matrix::Row::Counterpoint(_)) { "↳ " } else { "" };
        let cells: Vec<String> = cells.iter().map(|&c| cell_label(c).replace('*', "\\*")).collect();
        let stance = if with_stance {
            format!(" | {}", stance(b, book, *row).unwrap_or(""))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "| {kind}{}{mark} | {}{stance} |\n",
            cell(row.text(b)),
            cells.join(" | ")
        ));
    }
    sanitize::multi_line(&out).into_owned()
}

/// A table cell's text: one line, no `|` to break the table.
fn cell(text: &str) -> String {
    sanitize::single_line(text).replace('|', "\\|")
}

fn csv(b: &Briefing, m: &Matrix, book: Option<&Notebook>) -> String {
    let quote = |text: &str| format!("\"{}\"", sanitize::single_line(text).replace('"', "\"\""));
    let mut header =
        vec!["kind".to_string(), "id".into(), "section".into(), "text".into(), "diagnostic".into()];
    header.extend(m.columns.iter().map(|(id, _)| quote(id)));
    let with_yours = book.is_some();
    if with_yours {
        header.extend(m.columns.iter().map(|(id, _)| quote(&format!("yours:{id}"))));
    }
    if book.is_some() {
        header.push("stance".into());
    }
    let mut out = header.join(",") + "\n";
    for (row, cells, diagnostic) in &m.rows {
        let mut fields = vec![
            row.kind().to_string(),
            quote(row.id(b)),
            quote(&b.sections[row.section(b)].id),
            quote(row.text(b)),
            diagnostic.to_string(),
        ];
        // The author's under each column; yours in the `yours:` columns after them.
        fields.extend(cells.iter().map(|&c| match c {
            Cell::Rating { author, .. } => author.map_or("-", |r| r.name()).to_string(),
            Cell::Bears { author, .. } => if author { "x" } else { "" }.to_string(),
        }));
        if with_yours {
            fields.extend(cells.iter().map(|&c| match c {
                Cell::Rating { yours, .. } => yours.map_or("", |r| r.name()).to_string(),
                Cell::Bears { yours, .. } => {
                    if yours {
                        "x".into()
                    } else {
                        String::new()
                    }
                }
            }));
        }
        if book.is_some() {
            fields.push(stance(b, book, *row).unwrap_or("").to_string());
        }
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

fn json_text(b: &Briefing, m: &Matrix, book: Option<&Notebook>) -> String {
    let columns: Vec<Value> = m
        .columns
        .iter()
        .enumerate()
        .map(|(i, (id, title))| json!({ "id": id, "title": title, "score": m.scores.get(i) }))
        .collect();
    let rows: Vec<Value> = m
        .rows
        .iter()
        .map(|(row, cells, diagnostic)| {
            let mut map = Map::new();
            for ((id, _), &c) in m.columns.iter().zip(cells) {
                let (author, yours) = match c {
                    Cell::Rating { author, yours } => {
                        let name = |r: Option<crate::briefing::Consistency>| {
                            r.map_or(Value::Null, |r| json!(r.name()))
                        };
                        (name(author), name(yours))
                    }
                    Cell::Bears { author, yours } => {
                        (json!(author), if book.is_some() { json!(yours) } else { Value::Null })
                    }
                };
                map.insert(id.clone(), json!({ "author": author, "yours": yours }));
            }
            let mut out = json!({
                "kind": row.kind(),
                "id": row.id(b),
                "section": b.sections[row.section(b)].id,
                "text": row.text(b),
                "diagnostic": diagnostic,
                "cells": Value::Object(map),
            });
            if book.is_some() {
                out["stance"] = stance(b, book, *row).map_or(Value::Null, |s| json!(s));
            }
            out
        })
        .collect();
    let ranking: Vec<&str> = m.ranking.iter().map(|&h| m.columns[h].0.as_str()).collect();
    // Factor columns stand where the hypotheses would, so a script reads one shape.
    let kind = if m.by_factors { "factors" } else { "hypotheses" };
    let doc = json!({ "columns": kind, "hypotheses": columns, "rows": rows, "ranking": ranking });
    let text = serde_json::to_string_pretty(&doc)
        .unwrap_or_else(|e| json!({ "error": e.to_string() }).to_string());
    super::json::escape_unsafe(&text) + "\n"
}
