//! The briefing's file changing under the reader, through `update` alone.

use std::path::PathBuf;

use super::super::tests::{app, fixture_toml};
use super::*;
use crate::briefing::check_text;
use crate::notes::{Change, Edit, Standing};
use crate::tui::app::Message;

fn path() -> PathBuf {
    PathBuf::from("fixture.toml")
}

fn load(toml: &str) -> Briefing {
    let report = check_text(&path(), toml);
    assert!(!report.diagnostics.iter().any(|d| d.is_error()), "{:#?}", report.diagnostics);
    report.briefing.unwrap()
}

fn reloaded(toml: &str) -> Message {
    Message::BriefingReloaded { path: path(), briefing: Box::new(load(toml)) }
}

fn broken() -> Message {
    Message::BriefingBroken {
        path: path(),
        lines: vec!["fixture.toml:3:7: error: invalid TOML\x1b[2J".into()],
        first_line: Some(3),
    }
}

/// The fixture with a section before `s3` and a claim before `c31`: every index after them
/// moves, the ids do not.
fn shifted() -> String {
    fixture_toml()
        .replacen(
            "\n[[section]]\nid = \"s3\"",
            "\n[[section]]\nid = \"inserted\"\ntitle = \"Inserted\"\nbody = \"New text.\"\n\
             \n[[section]]\nid = \"s3\"",
            1,
        )
        .replacen(
            "\n[[claim]]\nid = \"c31\"",
            "\n[[claim]]\nid = \"newer\"\nsection = \"s3\"\ntext = \"A new claim.\"\n\
             \n[[claim]]\nid = \"c31\"",
            1,
        )
}

/// The reader in section `s3`, scrolled, the claims pane on claim `c31`.
fn reading_s3() -> App {
    let mut app = app().with_source(Some(path()));
    app.update(Action::JumpToSection(SectionIx(3)));
    for _ in 0..5 {
        app.update(Action::Down);
    }
    app.update(Action::FocusNext);
    app.update(Action::Down);
    assert_eq!(app.selected_claim().map(|c| app.briefing.claims[c].id.as_str()), Some("c31"));
    app
}

#[test]
fn a_reload_keeps_the_section_by_id_the_scroll_and_the_selected_claim() {
    let mut app = reading_s3();
    let (scroll, focus) = (app.scroll, app.focus);
    assert_eq!(app.update(reloaded(&shifted())), Effect::None);
    assert_eq!(app.briefing.sections.len(), 8);
    assert_eq!(app.section, SectionIx(4));
    assert_eq!(app.briefing.sections[app.section].id, "s3");
    assert_eq!((app.scroll, app.focus), (scroll, focus));
    let claim = app.selected_claim().unwrap();
    assert_eq!(app.briefing.claims[claim].id, "c31");
    assert_eq!(app.selected(SidePane::Claims), ItemIx(2));
    assert_eq!(app.message(), Some("the file changed: reloaded"));
}

#[test]
fn a_section_gone_leaves_the_reader_at_the_same_index_and_the_scroll_clamped() {
    let mut app = reading_s3();
    let toml = fixture_toml().replace("\"s3\"", "\"renamed\"");
    app.update(reloaded(&toml));
    assert_eq!(app.section, SectionIx(3));
    assert!(app.scroll <= app.max_scroll());
    // The last section, when the file has fewer now.
    let mut app = app.with_source(Some(path()));
    app.update(Action::JumpToSection(SectionIx(6)));
    let short = fixture_toml().split("\n[[section]]\nid = \"s1\"").next().unwrap().to_string();
    app.update(reloaded(&short));
    assert_eq!(app.section, SectionIx(0));
    assert_eq!(app.selected(SidePane::Claims), ItemIx(0));
}

#[test]
fn a_broken_file_keeps_the_last_good_version_and_lists_its_errors_until_fixed() {
    let mut app = reading_s3();
    let before = app.briefing.clone();
    app.update(broken());
    assert_eq!(app.briefing, before);
    assert_eq!(app.mode(), Mode::Problems);
    let problems = app.problems().unwrap();
    // Made safe as it came in.
    assert_eq!(problems.lines, ["fixture.toml:3:7: error: invalid TOML^[[2J"]);
    // Esc puts it away; the status bar still says it; `!` shows it again.
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::Reading);
    assert!(app.message().unwrap().contains("still has errors"));
    app.update(Action::ShowProblems);
    assert_eq!(app.mode(), Mode::Problems);
    // `e` there opens the file at the first error.
    let Effect::Edit(request) = app.update(Action::EditSource) else { panic!("no edit") };
    assert_eq!((request.path.clone(), request.line), (path(), Some(3)));
    // Fixed: the errors go, the new version shows, in the same place.
    app.update(reloaded(&shifted()));
    assert!(app.problems().is_none());
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(app.briefing.sections[app.section].id, "s3");
    assert_eq!(app.message(), Some("the file loads again: reloaded"));
}

#[test]
fn errors_that_come_while_another_view_is_open_wait_in_the_status_bar() {
    let mut app = reading_s3();
    app.update(Action::ToggleHelp);
    app.update(broken());
    assert_eq!(app.mode(), Mode::Help);
    assert!(app.problems().is_some());
}

#[test]
fn notes_follow_their_claims_and_a_claim_gone_leaves_its_note_orphaned() {
    let mut app = reading_s3();
    app.notes.apply(Change {
        claim: "c31".into(),
        claim_text: "Part 3 asserts point 1.".into(),
        edit: Edit::SetNote("kept".into()),
    });
    app.update(reloaded(&shifted()));
    let c31 = app.briefing.claims.iter().position(|c| c.id == "c31").unwrap();
    let standings = app.notes.standings(&app.briefing);
    assert_eq!(standings[0].1, Standing::Current(crate::briefing::ClaimIx(c31)));
    let gone = fixture_toml().replace("id = \"c31\"", "id = \"c39\"");
    app.update(reloaded(&gone));
    let standings = app.notes.standings(&app.briefing);
    assert_eq!(standings.len(), 1);
    assert_eq!(standings[0].1, Standing::Orphaned);
    assert_eq!(app.notes.get("c31").unwrap().note, "kept");
}

#[test]
fn a_reload_while_a_note_is_written_waits_for_the_editor_to_close() {
    let mut app = reading_s3();
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::EditingNote);
    app.update(reloaded(&shifted()));
    assert_eq!(app.mode(), Mode::EditingNote);
    assert_eq!(app.briefing.sections.len(), 7);
    app.update(Action::Close);
    assert_eq!(app.briefing.sections.len(), 8);
    assert_eq!(app.briefing.sections[app.section].id, "s3");
}

#[test]
fn news_of_another_file_or_another_id_changes_nothing_on_screen() {
    let mut app = reading_s3();
    let before = app.briefing.clone();
    app.update(Message::BriefingReloaded {
        path: PathBuf::from("other.toml"),
        briefing: Box::new(load(&shifted())),
    });
    assert_eq!(app.briefing, before);
    let other_id = fixture_toml().replace("id = \"fixture\"", "id = \"another\"");
    app.update(reloaded(&other_id));
    assert_eq!(app.briefing, before);
    assert!(app.problems().unwrap().lines[0].contains("'fixture' to 'another'"));
}

#[test]
fn e_opens_the_selected_item_or_the_section_and_explains_the_bundled_briefing() {
    let mut app = reading_s3();
    let Effect::Edit(request) = app.update(Action::EditSource) else { panic!("no edit") };
    assert_eq!(request.items, [Item::Claim("c31".into()), Item::Section("s3".into())]);
    app.update(Action::FocusPrev);
    let Effect::Edit(request) = app.update(Action::EditSource) else { panic!("no edit") };
    assert_eq!(request.items, [Item::Section("s3".into())]);
    let mut bundled = app.with_source(None);
    assert_eq!(bundled.update(Action::EditSource), Effect::None);
    assert!(bundled.message().unwrap().contains("briefing export --format toml"));
}

#[test]
fn the_list_of_errors_scrolls_within_its_rows() {
    let mut app = reading_s3();
    let lines: Vec<String> =
        (1..=60).map(|n| format!("fixture.toml:{n}:1: error: problem {n}")).collect();
    app.update(Message::BriefingBroken { path: path(), lines, first_line: Some(1) });
    let last = crate::tui::ui::problems::last_scroll(app.problems().unwrap(), app.screen);
    assert!(last > 0);
    for _ in 0..100 {
        app.update(Action::Down);
    }
    assert!(matches!(app.overlay, Some(Overlay::Problems { scroll }) if scroll == last));
    app.update(Action::Top);
    assert!(matches!(app.overlay, Some(Overlay::Problems { scroll: 0 })));
}

#[test]
fn a_file_that_cannot_be_watched_is_said_once_and_reading_goes_on() {
    let mut app = reading_s3();
    app.update(Message::WatchFailed("no inotify watch left\x1b[2J".into()));
    let said = app.message().unwrap().to_string();
    assert!(said.starts_with("edits to the file are not seen"), "{said}");
    assert!(!said.contains('\u{1b}'));
    app.update(Action::NextSection);
    assert_eq!(app.section, SectionIx(4));
}

#[test]
fn an_open_matrix_is_made_again_from_the_reloaded_file() {
    let mut app = app().with_source(Some(path()));
    app.update(reloaded(&shifted()));
    app.update(Action::OpenMatrix);
    app.update(Action::Bottom);
    let rows = |app: &App| match &app.overlay {
        Some(Overlay::Matrix(view)) => (view.matrix.rows.len(), view.row),
        _ => panic!("the matrix closed"),
    };
    let (before, _) = rows(&app);
    // The claim `newer` is gone again: one row fewer, the selection on the last row left.
    app.update(reloaded(&fixture_toml()));
    let (after, row) = rows(&app);
    assert_eq!((after, row), (before - 1, before - 2));
}
