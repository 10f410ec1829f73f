//! The review walk's `update`: reading order, the summary last, judging on the spot through
//! the same changes as a selected claim, the note editor over the walk, `f`, resuming.

use super::super::tests::{app, fixture_toml};
use super::*;
use crate::briefing::{SectionIx, check_text};
use crate::notes::{Confidence, Likelihood, Stance};
use crate::tui::app::{Message, SidePane};

fn at(app: &App) -> Option<&str> {
    app.review_claim().map(|c| app.briefing.claims[c].id.as_str())
}

fn press(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(a);
    }
}

fn key(c: char) -> Action {
    Action::EditorKey(ratatui::crossterm::event::KeyEvent::from(
        ratatui::crossterm::event::KeyCode::Char(c),
    ))
}

#[test]
fn the_walk_visits_every_claim_in_reading_order_then_the_summary() {
    let mut app = app();
    app.update(Action::OpenReview);
    assert_eq!(app.mode(), Mode::Review);
    let mut seen = vec![at(&app).unwrap().to_string()];
    for _ in 0..20 {
        app.update(Action::ReviewNext);
        seen.push(at(&app).unwrap().to_string());
    }
    let expected: Vec<String> =
        (0..7).flat_map(|s| (0..3).map(move |k| format!("c{s}{k}"))).collect();
    assert_eq!(seen, expected);
    assert_eq!(app.review_progress(), "claim 21 of 21 · 21 not judged");
    app.update(Action::ReviewNext);
    assert_eq!(at(&app), None, "the summary after the last claim");
    app.update(Action::ReviewNext);
    assert_eq!(app.message.as_deref(), Some("the end of the walk (b goes back)"));
    app.update(Action::ReviewPrev);
    assert_eq!(at(&app), Some("c62"));
    press(&mut app, &[Action::Top, Action::ReviewPrev]);
    assert_eq!((at(&app), app.message.as_deref()), (Some("c00"), Some("the first claim")));
    app.update(Action::Bottom);
    assert_eq!(at(&app), None);
}

#[test]
fn keys_judge_the_walks_claim_not_the_panes_and_save_and_undo_as_there() {
    let mut app = app();
    press(&mut app, &[Action::OpenReview, Action::ReviewNext, Action::ReviewNext]);
    assert_eq!(at(&app), Some("c02"));
    let effect = app.update(Action::CycleStance);
    assert!(matches!(effect, Effect::SaveNotes(ref c) if !c.is_empty()), "{effect:?}");
    assert_eq!(app.message.as_deref(), Some("stance: agree on “Part 0 asserts point 2.”"));
    assert_eq!(app.notes.get("c02").and_then(|n| n.stance), Some(Stance::Agree));
    assert_eq!(app.notes.get("c00"), None, "the claims pane's selection is not what changed");
    press(&mut app, &[Action::CycleLikelihood, Action::CycleConfidence]);
    let note = app.notes.get("c02").unwrap();
    assert_eq!(note.likelihood, Some(Likelihood::AlmostNoChance));
    assert_eq!(note.confidence, Some(Confidence::Low));
    assert!(is_save(&app.update(Action::Undo)));
    assert_eq!(app.notes.get("c02").unwrap().confidence, None);
    assert_eq!(app.mode(), Mode::Review, "the walk stays open");
    assert_eq!(app.review_progress(), "claim 3 of 21 · 20 not judged");
}

fn is_save(effect: &Effect) -> bool {
    matches!(effect, Effect::SaveNotes(changes) if !changes.is_empty())
}

#[test]
fn the_note_editor_opens_over_the_walk_and_returns_to_it() {
    let mut app = app();
    press(&mut app, &[Action::OpenReview, Action::ReviewNext, Action::EditNote]);
    assert_eq!(app.mode(), Mode::EditingNote);
    press(&mut app, &[key('o'), key('k')]);
    assert!(is_save(&app.update(Action::SaveNote)));
    assert_eq!(app.mode(), Mode::Review);
    assert_eq!(at(&app), Some("c01"));
    assert_eq!(app.notes.get("c01").unwrap().note, "ok");
    // Unsaved changes: the question, then back to the walk either way.
    press(&mut app, &[Action::EditNote, key('!'), Action::Close]);
    assert_eq!(app.mode(), Mode::Confirm);
    app.update(Action::No);
    assert_eq!(app.mode(), Mode::Review);
    press(&mut app, &[Action::EditNote, Action::Close]);
    assert_eq!(app.mode(), Mode::Review);
    // A note alone is no judgement.
    assert_eq!(app.review_progress(), "claim 2 of 21 · 21 not judged");
}

#[test]
fn only_the_unjudged_skips_what_you_judged() {
    let mut app = app();
    app.update(Action::OpenReview);
    press(&mut app, &[Action::ReviewNext, Action::CycleStance]);
    press(&mut app, &[Action::ReviewNext, Action::CycleConfidence, Action::Top]);
    // c01 and c02 judged; on c00, which is not: it stays.
    app.update(Action::ToggleUnjudged);
    assert!(app.review_only_unjudged());
    assert_eq!(app.message.as_deref(), Some("only the claims not judged: 19 (f: all)"));
    assert_eq!(at(&app), Some("c00"));
    app.update(Action::ReviewNext);
    assert_eq!(at(&app), Some("c10"), "c01 and c02 skipped");
    app.update(Action::ReviewPrev);
    app.update(Action::ReviewPrev);
    assert_eq!(app.message.as_deref(), Some("no claim before this one is unjudged (f: all)"));
    // Judging the claim shown keeps it shown; on, the next unjudged.
    app.update(Action::CycleStance);
    assert_eq!(at(&app), Some("c00"));
    app.update(Action::ReviewNext);
    assert_eq!(at(&app), Some("c10"));
    // Turned on while on a judged claim: on to the next not judged.
    press(&mut app, &[Action::ToggleUnjudged, Action::Top, Action::ReviewNext]);
    assert_eq!(at(&app), Some("c01"));
    app.update(Action::ToggleUnjudged);
    assert_eq!(at(&app), Some("c10"));
}

#[test]
fn reopening_resumes_where_the_walk_stopped_even_after_a_reload() {
    let mut app = app();
    press(&mut app, &[Action::OpenReview, Action::ReviewNext, Action::ReviewNext]);
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(
        app.message.as_deref(),
        Some("walk left at claim 3 of 21 · 21 not judged: R resumes")
    );
    app.update(Action::OpenReview);
    assert_eq!(at(&app), Some("c02"));
    assert_eq!(app.message.as_deref(), Some("resuming the walk: claim 3 of 21 · 21 not judged"));
    assert_eq!(app.review_position(), Some("c02"));
    // The file changes under it: a claim before it renamed, then its own claim renamed.
    let mut new = app.briefing.clone();
    new.claims[0].id = "renamed-first".into();
    app.briefing_replaced(new.clone());
    assert_eq!(at(&app), Some("c02"), "found by id");
    new.claims[2].id = "renamed-third".into();
    app.briefing_replaced(new);
    assert_eq!(at(&app), Some("renamed-third"), "gone: the claim at its place");
    assert_eq!(app.mode(), Mode::Review);
}

#[test]
fn the_walk_starts_where_the_last_run_left_it() {
    let app = app().with_review(Some("c31".into()));
    let mut app = app;
    app.update(Action::OpenReview);
    assert_eq!(at(&app), Some("c31"));
    // An id the briefing no longer has: the first claim.
    let mut app = super::super::tests::app().with_review(Some("gone".into()));
    app.update(Action::OpenReview);
    assert_eq!(at(&app), Some("c00"));
}

#[test]
fn enter_goes_to_the_claim_in_the_text_and_back_returns() {
    let mut app = app();
    app.update(Action::OpenReview);
    press(&mut app, &[Action::ReviewNext; 4]);
    app.update(Action::Activate);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(app.section, SectionIx(1));
    assert_eq!(app.focus, Focus::Claims);
    assert_eq!(app.selected(SidePane::Claims).0, 1);
    assert_eq!(app.highlight.map(|c| app.briefing.claims[c].id.as_str()), Some("c11"));
    app.update(Action::JumpBack);
    assert_eq!(app.section, SectionIx(0));
}

#[test]
fn without_claims_or_notes_the_walk_says_why() {
    let toml = "format = 1\n[briefing]\nid = \"bare\"\ntitle = \"Bare\"\n\
                [[section]]\nid = \"a\"\ntitle = \"A\"\nbody = \"Only text.\"\n";
    let bare = check_text(std::path::Path::new("bare.toml"), toml).briefing.unwrap();
    let mut app = App::new(bare, ratatui::layout::Rect::new(0, 0, 80, 24));
    app.update(Action::OpenReview);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(
        app.message.as_deref(),
        Some("no claims to review: this briefing makes none (v marks a passage of your own)")
    );
    // Notes not read yet: the walk opens, and a change waits.
    let b = check_text(std::path::Path::new("f.toml"), &fixture_toml()).briefing.unwrap();
    let mut app = App::new(b, ratatui::layout::Rect::new(0, 0, 80, 24));
    app.update(Action::OpenReview);
    assert_eq!(app.update(Action::CycleStance), Effect::None);
    assert_eq!(app.message.as_deref(), Some(NOTES_LOADING));
    assert!(!app.offers(Action::CycleStance));
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Ok(Default::default()) });
    assert!(app.offers(Action::CycleStance));
    // At the summary, the keys that judge say where the claims are.
    app.update(Action::Bottom);
    app.update(Action::CycleLikelihood);
    assert_eq!(app.message.as_deref(), Some("this is the summary: b goes back to a claim"));
}
