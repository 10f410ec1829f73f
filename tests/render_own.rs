//! Your own claims, counterpoints and factor links as the reader draws them: marked
//! `✦ yours` among the author's in the claims, counterpoints and factors panes and in the
//! factor popup, in colour (the `yours` style) and without it (the words, bold italic).
//! Snapshots at 120x40 and 50x16.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

mod common;

use briefing::briefing::{Briefing, load};
use briefing::tui::app::{Action, App, Message};
use briefing::tui::theme::{self, Theme};
use common::frames::{backend, frame};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Modifier;

fn fixture() -> Briefing {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid/reader.toml");
    load(std::path::Path::new(path)).unwrap().briefing.unwrap()
}

fn draw(app: &App, theme: &Theme) -> TestBackend {
    backend(&frame(app, theme).0)
}

/// The reader on the first section with a claim of yours made of the first sentence on
/// screen (`v`, `C`), a counterpoint of yours to it (`x`, typed, Ctrl-S) and your link of it
/// to the first factor (`F`, Enter); the claims pane focused on it.
fn with_your_analysis(width: u16, height: u16) -> App {
    let mut app = App::new(fixture(), Rect::new(0, 0, width, height));
    app.update(Message::NotesRead {
        briefing: app.briefing().id.clone(),
        file: Ok(Default::default()),
    });
    for a in [Action::StartSelection, Action::MakeClaim, Action::FocusNext, Action::Counter] {
        app.update(a);
    }
    for c in "Remote cranes came later elsewhere.".chars() {
        app.update(Action::EditorKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    for a in [Action::SaveNote, Action::LinkFactors, Action::Accept, Action::Close] {
        app.update(a);
    }
    assert_eq!(app.notes().own_claims.len(), 1);
    assert_eq!(app.notes().own_counterpoints.len(), 1);
    app
}

/// Every cell where `needle` starts on screen: (column, row).
fn find_all(buf: &Buffer, needle: &str) -> Vec<(u16, u16)> {
    (0..buf.area.height)
        .flat_map(|y| {
            let row: Vec<String> =
                (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect();
            let joined: String = row.concat();
            joined
                .match_indices(needle)
                .map(|(at, _)| (joined[..at].chars().count() as u16, y))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn your_claim_counterpoint_and_link_at_120x40_and_50x16() {
    insta::assert_snapshot!("own_120x40", draw(&with_your_analysis(120, 40), &theme::COLOR));
    // Small: one pane below the text, your counterpoint's (after the author's).
    let mut small = with_your_analysis(50, 16);
    for a in [Action::FocusNext, Action::FocusNext, Action::Bottom] {
        small.update(a);
    }
    insta::assert_snapshot!("own_50x16", draw(&small, &theme::COLOR));
}

#[test]
fn yours_reads_in_colour_and_without_it() {
    let mut app = with_your_analysis(120, 40);
    // Back to the text: the selected claim (yours) is not drawn in the focused selection's
    // colours, which would hide the style under test.
    app.update(Action::FocusPrev);
    for (theme, mono) in [(&theme::COLOR, false), (&theme::MONO, true)] {
        let buf = frame(&app, theme).0;
        let marks = find_all(&buf, "✦ yours");
        // The claims pane, the counterpoints pane and the factors pane.
        assert!(marks.len() >= 3, "{marks:?}");
        for (x, y) in marks {
            let cell = &buf[(x, y)];
            if mono {
                assert!(cell.modifier.contains(Modifier::BOLD | Modifier::ITALIC), "{cell:?}");
                assert_eq!(cell.fg, ratatui::style::Color::Reset);
            } else {
                assert_eq!(Some(cell.fg), theme::COLOR.yours.fg, "at {x},{y}");
            }
        }
    }
    // The author's claims carry no mark.
    let buf = frame(&app, &theme::COLOR).0;
    let text = app.areas().text;
    let author = find_all(&buf, "Rotterdam ran the first");
    assert!(author.iter().any(|&(x, _)| x >= text.right()), "in the claims pane: {author:?}");
    let (x, y) = author[0];
    assert_ne!(buf[(x, y)].fg, theme::COLOR.yours.fg.unwrap(), "not drawn as yours");
}

#[test]
fn the_factor_popup_lists_your_link_marked() {
    let mut app = with_your_analysis(120, 40);
    for _ in 0..3 {
        app.update(Action::FocusNext);
    }
    app.update(Action::Top);
    app.update(Action::Activate);
    let buf = frame(&app, &theme::MONO).0;
    let linked = find_all(&buf, "✦ your claim");
    assert_eq!(linked.len(), 1, "listed under its section");
    assert_eq!(find_all(&buf, "✦ your link").len(), 1);
    let (x, y) = linked[0];
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD | Modifier::ITALIC));
}
