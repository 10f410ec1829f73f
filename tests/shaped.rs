//! Sub-headings, preformatted paragraphs and list items, from the file to the screen and the
//! exports: a preformatted line is drawn as it is, behind a gutter, cut with a marker when
//! wider than the pane and never wrapped; the plain and text outputs print each of its lines as
//! it is; Markdown fences it; a wrapped list item hangs under its text.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

mod common;

use briefing::briefing::{Briefing, load};
use briefing::export::{self, Format};
use briefing::tui::app::{Action, App, Message};
use briefing::tui::theme;
use common::frames::{backend, frame};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn fixture() -> Briefing {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid/shaped.toml");
    load(std::path::Path::new(path)).unwrap().briefing.unwrap()
}

/// The first section, in reading mode (the text alone), at `width` x `height`.
fn screen(width: u16, height: u16) -> Buffer {
    let mut app = App::new(fixture(), Rect::new(0, 0, width, height));
    app.update(Message::NotesRead {
        briefing: app.briefing().id.clone(),
        file: Ok(Default::default()),
    });
    app.update(Action::ToggleAnalysis);
    frame(&app, &theme::COLOR).0
}

/// Each row's text, a wide character once (not followed by the cell it covers).
fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < buf.area.width {
                let symbol = buf[(x, y)].symbol();
                row.push_str(symbol);
                x += (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1);
            }
            row
        })
        .collect()
}

fn snapshot(buf: &Buffer) -> TestBackend {
    backend(buf)
}

#[test]
fn preformatted_lines_are_drawn_unwrapped_and_cut_with_a_marker() {
    for (width, height) in [(80, 30), (40, 30)] {
        let buf = screen(width, height);
        let rows = rows(&buf);
        let table = rows.iter().position(|r| r.contains("│ | tool  | version |")).unwrap();
        assert!(rows[table + 1].contains("│ |-------|---------|"), "{rows:#?}");
        assert!(rows[table + 2].contains("│ | cargo | 1.89    |"), "{rows:#?}");
        assert!(rows[table + 3].contains("│         tab     stops   kept"), "spaces kept");
        let wide = &rows[table + 4];
        assert!(wide.contains("│ wide line: 中文 and"), "{wide}");
        assert!(wide.contains('›'), "cut with a marker: {wide}");
        assert!(!rows.iter().any(|r| r.contains("draw at all")), "never wrapped: {rows:#?}");
        assert!(rows[table + 5].trim_matches(['│', ' ']).is_empty(), "then a blank line");
    }
}

#[test]
fn shaped_section_80x30() {
    insta::assert_snapshot!(snapshot(&screen(80, 30)));
}

#[test]
fn sub_headings_and_preformatted_text_have_their_own_styles() {
    let buf = screen(80, 30);
    let rows = rows(&buf);
    // Rows up to the table are ASCII and box drawing: a character is a column.
    let style_at = |needle: &str| {
        let y = rows.iter().position(|r| r.contains(needle)).unwrap();
        let x = rows[y][..rows[y].find(needle).unwrap()].chars().count();
        buf[(x as u16, y as u16)].style()
    };
    let sub = style_at("From source");
    assert_eq!(
        (sub.fg, sub.add_modifier),
        (theme::COLOR.subheading.fg, theme::COLOR.subheading.add_modifier)
    );
    let pre = style_at("| tool");
    assert_eq!(pre.fg, theme::COLOR.pre.fg);
    let gutter = style_at("│ | tool");
    assert_eq!(gutter.fg, theme::COLOR.dim.fg);
    let y = rows.iter().position(|r| r.contains('›')).unwrap();
    let x = (0..buf.area.width).find(|&x| buf[(x, y as u16)].symbol() == "›").unwrap();
    let marker = buf[(x, y as u16)].style();
    assert_eq!(marker.fg, theme::COLOR.dim.fg);
}

#[test]
fn a_wrapped_list_item_hangs_under_its_text() {
    let rows = rows(&screen(40, 30));
    let item = rows.iter().position(|r| r.contains("• A list item")).unwrap();
    let bullet = rows[item].find('•').unwrap();
    let text_column = rows[item][..bullet].chars().count() + 2;
    let next = &rows[item + 1];
    let first_letter = next.chars().position(|c| c.is_alphabetic()).unwrap();
    assert_eq!(first_letter, text_column, "{:#?}", &rows[item..item + 3]);
}

#[test]
fn text_export_prints_each_preformatted_line_as_it_is() {
    let out = export::export(&fixture(), None, Format::Text);
    for line in [
        "    | tool  | version |",
        "    |-------|---------|",
        "    | cargo | 1.89    |",
        "            tab     stops   kept",
        "    wide line: 中文 and a very long tail that goes well past any pane the reader could draw at all",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} in\n{out}");
    }
    assert!(out.contains("From source\n~~~~~~~~~~~\n"), "a sub-heading: {out}");
    assert!(out.contains("• A list item that is long enough to wrap in a narrow pane, so its lines hang\n  under its text."), "{out}");
}

#[test]
fn markdown_export_fences_preformatted_text() {
    let out = export::export(&fixture(), None, Format::Markdown);
    assert!(out.contains("### From source\n"), "{out}");
    assert!(
        out.contains("```text\n| tool  | version |\n|-------|---------|\n| cargo | 1.89    |\n"),
        "{out}"
    );
}

#[test]
fn json_export_says_what_each_paragraph_is() {
    let out = export::export(&fixture(), None, Format::Json);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["briefing"]["sections"][0]["kinds"],
        serde_json::json!(["text", "text", "heading", "pre", "text"])
    );
    assert_eq!(json["briefing"]["sections"][1]["kinds"], serde_json::json!(["text"]));
}

#[test]
fn search_finds_text_inside_preformatted_paragraphs() {
    let mut app = App::new(fixture(), Rect::new(0, 0, 80, 30));
    app.update(Action::StartSearch);
    for c in "stops".chars() {
        app.update(Action::Type(c));
    }
    assert_eq!(app.search().count(), 1);
}

#[test]
fn preformatted_text_is_made_safe_like_any_other() {
    let toml = "format = 1\n[briefing]\nid = \"x\"\ntitle = \"X\"\n[[section]]\nid = \"s\"\n\
                title = \"S\"\nbody = [{ pre = \"a\\u001b[2Jb\\tc \\u202e d\\r\\n  e\" }]\n";
    let report = briefing::briefing::check_text(std::path::Path::new("x.toml"), toml);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    assert_eq!(report.warnings(), 1, "the check says so");
    let b = report.briefing.unwrap();
    // The tab stops at the column after what is shown: `a^[[2Jb` is 7 columns.
    assert_eq!(b.sections[0].paragraphs[0], "a^[[2Jb c <U+202E> d\n  e");
}

#[test]
fn the_format_pages_example_of_an_array_body_loads() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/briefing-format.md"))
            .unwrap();
    let start = doc.find("  ```toml\n  [[section]]\n  id = \"setup\"").unwrap();
    let end = start + doc[start..].find("\n  ```\n").unwrap();
    let example: Vec<&str> =
        doc[start..end].lines().skip(1).map(|l| &l[2.min(l.len())..]).collect();
    let toml =
        format!("format = 1\n[briefing]\nid = \"d\"\ntitle = \"D\"\n{}\n", example.join("\n"));
    let report = briefing::briefing::check_text(std::path::Path::new("doc.toml"), &toml);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    use briefing::briefing::ParagraphKind::{Heading, Pre, Text};
    assert_eq!(report.briefing.unwrap().sections[0].kinds, vec![Text, Text, Heading, Pre, Text]);
}
