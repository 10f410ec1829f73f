//! What to watch's `update`: the rows in the briefing's order, moving over indicators and
//! observations (never a factor's title), logging one through the note editor, deleting it
//! after a yes, undo, orphans kept and listed last.

use super::super::tests::fixture_toml;
use super::*;
use crate::briefing::{Briefing, check_text};
use crate::notes::{Annotations, Update};
use crate::tui::app::{Focus, Message, Mode};
use ratatui::layout::Rect;

/// The app's fixture with two indicators on tools, none on data, one on geopolitics.
fn briefing() -> Briefing {
    let toml = fixture_toml()
        .replace(
            "sections = [\"s1\", \"s2\"]\n",
            "sections = [\"s1\", \"s2\"]\n\n[[factor.indicators]]\nid = \"fabs\"\n\
             text = \"New fabs announced\"\n\n[[factor.indicators]]\nid = \"nodes\"\n\
             text = \"Smaller nodes shipped\"\n",
        )
        .replace(
            "sections = [\"s6\"]\n",
            "sections = [\"s6\"]\n\n[[factor.indicators]]\nid = \"rules\"\n\
             text = \"Export rules tightened\"\n",
        );
    let report = check_text(std::path::Path::new("fixture.toml"), &toml);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    report.briefing.unwrap()
}

fn with(file: Annotations) -> App {
    let mut app = App::new(briefing(), Rect::new(0, 0, 120, 40));
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Ok(file) });
    app
}

fn observation(id: &str, indicator: &str, secs: u64) -> Observation {
    Observation {
        id: id.into(),
        indicator: indicator.into(),
        text: format!("saw {id}"),
        created: crate::notes::store::utc(secs),
    }
}

fn file(list: &[Observation]) -> Annotations {
    Annotations {
        observations: list.iter().map(|o| (o.id.clone(), o.clone())).collect(),
        ..Annotations::default()
    }
}

fn at(app: &App) -> Option<WatchKey> {
    let Some(Overlay::Watch(view)) = &app.overlay else { panic!("not watching: {:?}", app.mode()) };
    let rows = app.watch_rows();
    app.watch_selected(view, &rows).and_then(|i| rows[i].key(&app.briefing))
}

fn indicator(id: &str) -> Option<WatchKey> {
    Some(WatchKey::Indicator(id.into()))
}

fn observed(id: &str) -> Option<WatchKey> {
    Some(WatchKey::Observation(id.into()))
}

fn key(c: char) -> Action {
    Action::EditorKey(ratatui::crossterm::event::KeyEvent::from(
        ratatui::crossterm::event::KeyCode::Char(c),
    ))
}

#[test]
fn rows_follow_the_factors_newest_observation_first_orphans_last() {
    let b = briefing();
    let all = file(&[
        observation("o1", "fabs", 100),
        observation("o2", "fabs", 300),
        observation("o3", "gone", 200),
        observation("o4", "rules", 50),
    ])
    .observations;
    let tools = crate::briefing::FactorIx(0);
    let geo = crate::briefing::FactorIx(2);
    assert_eq!(
        rows(&b, &all),
        [
            WatchRow::Factor(tools),
            WatchRow::Indicator(tools, 0),
            WatchRow::Observation("o2".into(), Some((tools, 0))),
            WatchRow::Observation("o1".into(), Some((tools, 0))),
            WatchRow::Indicator(tools, 1),
            WatchRow::Factor(geo),
            WatchRow::Indicator(geo, 0),
            WatchRow::Observation("o4".into(), Some((geo, 0))),
            WatchRow::Orphans,
            WatchRow::Observation("o3".into(), None),
        ],
        "data has no indicators and no heading"
    );
}

#[test]
fn moving_steps_over_indicators_and_observations_never_a_factors_title() {
    let mut app = with(file(&[observation("o1", "nodes", 100)]));
    app.update(Action::OpenWatch);
    assert_eq!(app.mode(), Mode::Watch);
    assert_eq!(at(&app), indicator("fabs"), "opens on the first indicator");
    let mut seen = vec![at(&app)];
    for _ in 0..4 {
        app.update(Action::Down);
        seen.push(at(&app));
    }
    assert_eq!(
        seen,
        [
            indicator("fabs"),
            indicator("nodes"),
            observed("o1"),
            indicator("rules"),
            indicator("rules")
        ]
    );
    app.update(Action::Up);
    assert_eq!(at(&app), observed("o1"));
    app.update(Action::Top);
    assert_eq!(at(&app), indicator("fabs"));
    app.update(Action::Bottom);
    assert_eq!(at(&app), indicator("rules"));
    app.update(Action::PageUp);
    assert_eq!(at(&app), indicator("fabs"));
    app.update(Action::OpenWatch);
    assert_eq!(app.mode(), Mode::Reading, "W again closes it");
}

#[test]
fn an_observation_is_logged_through_the_editor_saved_listed_first_and_undone() {
    let mut app = with(file(&[observation("old", "fabs", 100)]));
    app.update(Action::OpenWatch);
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::EditingNote);
    for c in "fab in Hefei".chars() {
        app.update(key(c));
    }
    let Effect::SaveNotes(changes) = app.update(Action::SaveNote) else { panic!("no save") };
    let [Update::Observation(change)] = changes.as_slice() else { panic!("{changes:?}") };
    assert_eq!(change.edit, ObservationEdit::Add);
    assert_eq!(
        (change.observation.indicator.as_str(), change.observation.text.as_str()),
        ("fabs", "fab in Hefei")
    );
    let id = change.observation.id.clone();
    assert_ne!(id, "old");
    assert_eq!(app.mode(), Mode::Watch, "back to the view");
    assert_eq!(at(&app), observed(&id), "the new one selected");
    let rows = app.watch_rows();
    let listed: Vec<&WatchRow> =
        rows.iter().filter(|r| matches!(r, WatchRow::Observation(..))).collect();
    assert_eq!(
        listed[0],
        &WatchRow::Observation(id.clone(), Some((crate::briefing::FactorIx(0), 0))),
        "newest first"
    );
    assert_eq!(app.message.as_deref(), Some("saving your observation on “New fabs announced”…"));

    let Effect::SaveNotes(changes) = app.update(Action::Undo) else { panic!("undo saves") };
    assert!(matches!(&changes[..], [Update::Observation(c)] if c.edit == ObservationEdit::Delete));
    assert!(!app.notes.observations.contains_key(&id));
    assert_eq!(at(&app), indicator("fabs"), "the selection goes to its indicator");
}

#[test]
fn an_empty_observation_is_not_kept() {
    let mut app = with(Annotations::default());
    app.update(Action::OpenWatch);
    app.update(Action::EditNote);
    app.update(key(' '));
    assert_eq!(app.update(Action::SaveNote), Effect::None);
    assert!(app.notes.observations.is_empty());
    assert_eq!(app.message.as_deref(), Some("nothing observed: an empty observation is not kept"));
}

#[test]
fn deleting_asks_first_and_undo_brings_it_back_with_its_date() {
    let mut app = with(file(&[observation("o1", "nodes", 100)]));
    app.update(Action::OpenWatch);
    app.update(Action::DeleteNote);
    assert_eq!(app.mode(), Mode::Watch, "d on an indicator deletes nothing");
    assert_eq!(
        app.message.as_deref(),
        Some("d deletes an observation: select one under its indicator")
    );
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(at(&app), observed("o1"));
    app.update(Action::DeleteNote);
    assert_eq!(app.mode(), Mode::Confirm);
    app.update(Action::No);
    assert_eq!((app.mode(), at(&app)), (Mode::Watch, observed("o1")), "no keeps it");
    app.update(Action::DeleteNote);
    let effect = app.update(Action::Yes);
    assert!(matches!(effect, Effect::SaveNotes(_)), "{effect:?}");
    assert!(app.notes.observations.is_empty());
    assert_eq!(at(&app), indicator("nodes"));
    app.update(Action::Undo);
    assert_eq!(app.notes.observations["o1"].created, crate::notes::store::utc(100));
    assert_eq!(at(&app), observed("o1"));
}

#[test]
fn an_orphan_is_listed_and_deletable_but_takes_no_new_observation() {
    let mut app = with(file(&[observation("lost", "gone", 100)]));
    app.update(Action::OpenWatch);
    app.update(Action::Bottom);
    assert_eq!(at(&app), observed("lost"));
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::Watch);
    assert!(app.message.as_deref().unwrap_or("").starts_with("its indicator is gone"));
    app.update(Action::DeleteNote);
    app.update(Action::Yes);
    assert!(app.notes.observations.is_empty());
}

#[test]
fn a_on_the_factors_pane_opens_the_view_at_that_factors_first_indicator() {
    let mut app = with(Annotations::default());
    app.set_focus(Focus::Factors);
    app.update(Action::Bottom);
    app.update(Action::EditNote);
    assert_eq!(at(&app), indicator("rules"));
    app.update(Action::Close);
    app.update(Action::Up);
    app.update(Action::EditNote);
    assert_eq!(at(&app), indicator("fabs"), "data has none: the first of all");
    assert_eq!(
        app.message.as_deref(),
        Some("this factor names no indicators; W lists every factor's")
    );
}

#[test]
fn a_briefing_without_indicators_says_so_and_read_only_notes_take_nothing() {
    let plain = check_text(std::path::Path::new("f.toml"), &fixture_toml()).briefing.unwrap();
    let mut app = App::new(plain, Rect::new(0, 0, 120, 40));
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Ok(Annotations::default()) });
    app.update(Action::OpenWatch);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(app.message.as_deref(), Some("this briefing names no indicators to watch"));

    let mut app = App::new(briefing(), Rect::new(0, 0, 120, 40));
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Err("format 9".into()) });
    app.update(Action::OpenWatch);
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::Watch);
    assert_eq!(app.message.as_deref(), Some("notes are read-only: format 9"));
}
