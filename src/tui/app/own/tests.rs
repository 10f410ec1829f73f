//! Your own claims, counterpoints and factor links through `update` alone, on a small
//! briefing built here: `C` on a selection and on a mark, `r` (and Ctrl-T), `D` with a yes
//! and a no, `x` and Ctrl-S, `x` on your counterpoint, `F`, undo of each, and your claim
//! following its passage through a reload.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::*;
use crate::briefing::{ClaimKind, check_text};
use crate::notes::anchor::Standing;
use crate::notes::{
    Annotations, Edit, OwnClaim, OwnClaimEdit, OwnCounterpointEdit, Stance, Update,
};

const SOURCE: &str = r#"format = 1

[briefing]
id = "own"
title = "Own analysis"

[[section]]
id = "one"
title = "One"
body = """
Chips are scarce this year. Fabs are costly to build. Talent is thin everywhere.

A second paragraph says little.
"""

[[section]]
id = "two"
title = "Two"
body = """
Nothing claimed in this part.
"""

[[claim]]
id = "fabs"
section = "one"
text = "Fabs cost a lot."
quote = "Fabs are costly to build."

[[counterpoint]]
id = "subsidies"
claims = ["fabs"]
text = "Subsidies pay for most of it."

[[factor]]
id = "money"
title = "Money"
text = "Who pays."

[[factor]]
id = "people"
title = "People"
text = "Who works."
claims = ["fabs"]
"#;

fn load(text: &str) -> Briefing {
    let report = check_text(std::path::Path::new("own.toml"), text);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    report.briefing.unwrap()
}

fn reader() -> App {
    let mut app = App::new(load(SOURCE), Rect::new(0, 0, 120, 40)).with_id_seed(7);
    app.update(Message::NotesRead { briefing: "own".into(), file: Ok(Default::default()) });
    app
}

fn press(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().map(|&a| app.update(a)).collect()
}

fn type_in_editor(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::EditorKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
}

/// The ids of the claims pane, in order.
fn claims_listed(app: &App) -> Vec<String> {
    let b = app.briefing();
    app.claims_in_view().iter().map(|&c| b.claims[c].id.clone()).collect()
}

fn selected_claim_id(app: &App) -> Option<String> {
    app.selected_claim().map(|c| app.briefing().claims[c].id.clone())
}

/// `v` (the first sentence on screen: "Chips are scarce this year."), then `C`.
fn claim_of_first_sentence(app: &mut App) -> Effect {
    app.update(Action::StartSelection);
    app.update(Action::MakeClaim)
}

fn saves(effect: &Effect) -> &[Update] {
    match effect {
        Effect::SaveNotes(changes) => changes,
        other => panic!("expected a save, got {other:?}"),
    }
}

#[test]
fn c_on_a_selection_makes_your_claim_at_once_selected_with_focus_in_the_text() {
    let mut app = reader();
    let effect = claim_of_first_sentence(&mut app);
    assert!(matches!(saves(&effect), [Update::OwnClaim(c)] if c.edit == OwnClaimEdit::Add));
    let id = "my-chips-are-scarce-this-year";
    let mine = &app.notes().own_claims[id];
    assert_eq!(
        (mine.text.as_str(), mine.exact.as_str()),
        ("Chips are scarce this year.", mine.text.as_str())
    );
    assert_eq!((app.mode(), app.focus()), (Mode::Reading, Focus::Text));
    assert_eq!(claims_listed(&app), [id, "fabs"], "by its place, before the author's");
    assert_eq!(selected_claim_id(&app).as_deref(), Some(id));
    let said = app.message().unwrap();
    assert!(said.contains("your claim “Chips are scarce this year.” made; Tab"), "{said}");
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Focus::Claims);
    assert_eq!(selected_claim_id(&app).as_deref(), Some(id), "Tab reaches it");
    let c = app.selected_claim().unwrap();
    assert!(app.briefing().claims[c].own);
    assert_eq!(app.briefing().claims[c].quote.as_deref(), Some("Chips are scarce this year."));
    // Undo: gone again.
    let effect = app.update(Action::Undo);
    assert!(
        matches!(saves(&effect), [Update::OwnClaim(c)] if matches!(c.edit, OwnClaimEdit::Delete { .. }))
    );
    assert!(app.notes().own_claims.is_empty());
    assert_eq!(claims_listed(&app), ["fabs"]);
}

#[test]
fn c_on_a_mark_makes_your_claim_of_its_passage_and_without_one_says_how() {
    let mut app = reader();
    app.update(Action::MakeClaim);
    assert!(app.message().unwrap().contains("v") && app.notes().pending.is_empty());
    press(&mut app, &[Action::StartSelection, Action::SelectSentence(true), Action::Highlight]);
    press(&mut app, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(app.focus(), Focus::Marks);
    assert!(app.offers(Action::MakeClaim));
    app.update(Action::MakeClaim);
    let mine = app.notes().own_claims.values().next().expect("made").clone();
    assert_eq!(mine.text, "Chips are scarce this year. Fabs are costly to build.");
    assert_eq!(app.notes().marks.len(), 1, "the mark stays");
    assert_eq!(app.focus(), Focus::Text);
    assert_eq!(selected_claim_id(&app), Some(mine.id.clone()));
    app.update(Action::Undo);
    assert!(app.notes().own_claims.is_empty());
    app.update(Action::Undo);
    assert!(app.notes().marks.is_empty(), "then the mark");
}

#[test]
fn your_claim_takes_notes_stances_and_estimates_like_any_claim() {
    let mut app = reader();
    claim_of_first_sentence(&mut app);
    app.update(Action::FocusNext);
    let id = selected_claim_id(&app).unwrap();
    press(&mut app, &[Action::CycleStance, Action::CycleLikelihood, Action::CycleConfidence]);
    app.update(Action::EditNote);
    type_in_editor(&mut app, "mine");
    app.update(Action::SaveNote);
    let note = app.notes().get(&id).expect("a note keyed by its id").clone();
    assert_eq!((note.stance, note.note.as_str()), (Some(Stance::Agree), "mine"));
    assert!(note.likelihood.is_some() && note.confidence.is_some());
    app.update(Action::DeleteNote);
    app.update(Action::YesBoth);
    assert!(app.notes().get(&id).is_some_and(|n| n.note.is_empty() && n.stance.is_none()));
    assert!(app.notes().own_claims.contains_key(&id), "d deletes the note, not the claim");
    app.update(Action::Undo);
    assert_eq!(app.notes().get(&id).map(|n| n.note.as_str()), Some("mine"));
}

#[test]
fn r_rewrites_your_claim_and_ctrl_t_its_kind_undone_by_u() {
    let mut app = reader();
    claim_of_first_sentence(&mut app);
    app.update(Action::FocusNext);
    let id = selected_claim_id(&app).unwrap();
    assert!(app.offers(Action::Rewrite));
    app.update(Action::Rewrite);
    assert_eq!(app.mode(), Mode::EditingNote);
    assert!(app.offers(Action::CycleKind));
    let Some(Overlay::Editor(editor)) = app.overlay() else { panic!("the editor") };
    assert_eq!(editor.text(), "Chips are scarce this year.", "prefilled with its text");
    type_in_editor(&mut app, " Still.");
    press(&mut app, &[Action::CycleKind, Action::CycleKind]);
    let effect = app.update(Action::SaveNote);
    let edits: Vec<&OwnClaimEdit> = saves(&effect)
        .iter()
        .filter_map(|u| match u {
            Update::OwnClaim(c) => Some(&c.edit),
            _ => None,
        })
        .collect();
    assert!(
        matches!(
            edits[..],
            [OwnClaimEdit::Text { .. }, OwnClaimEdit::Kind(Some(ClaimKind::Assessment))]
        ),
        "{edits:?}"
    );
    let mine = &app.notes().own_claims[&id];
    assert_eq!(
        (mine.text.as_str(), mine.kind),
        ("Chips are scarce this year. Still.", Some(ClaimKind::Assessment))
    );
    let c = app.selected_claim().unwrap();
    assert_eq!(
        app.briefing().claims[c].text,
        "Chips are scarce this year. Still.",
        "shown at once"
    );
    assert_eq!(app.message(), Some("saving your claim…"), "said once written: “rewritten”");
    app.update(Action::Undo);
    let mine = &app.notes().own_claims[&id];
    assert_eq!((mine.text.as_str(), mine.kind), ("Chips are scarce this year.", None));
}

#[test]
fn r_and_d_on_the_authors_claim_change_nothing_and_say_so() {
    let mut app = reader();
    press(&mut app, &[Action::FocusNext]);
    assert_eq!(selected_claim_id(&app).as_deref(), Some("fabs"));
    assert!(!app.offers(Action::Rewrite));
    app.update(Action::Rewrite);
    assert!(app.message().unwrap().contains("the author's"), "{:?}", app.message());
    app.update(Action::DeleteOwn);
    assert!(app.overlay().is_none() && app.notes().pending.is_empty());
}

#[test]
fn d_deletes_your_claim_after_a_yes_and_no_keeps_it() {
    let mut app = reader();
    claim_of_first_sentence(&mut app);
    let id = selected_claim_id(&app).unwrap();
    app.update(Action::DeleteOwn);
    assert_eq!(app.mode(), Mode::Confirm);
    app.update(Action::No);
    assert!(app.overlay().is_none() && app.notes().own_claims.contains_key(&id));
    app.update(Action::DeleteOwn);
    let effect = app.update(Action::Yes);
    assert!(
        matches!(saves(&effect), [Update::OwnClaim(c)] if matches!(c.edit, OwnClaimEdit::Delete { .. }))
    );
    assert!(app.notes().own_claims.is_empty());
    assert_eq!(claims_listed(&app), ["fabs"]);
    app.update(Action::Undo);
    assert!(app.notes().own_claims.contains_key(&id), "undo brings it back");
    assert_eq!(claims_listed(&app), [id.as_str(), "fabs"]);
}

#[test]
fn x_then_ctrl_s_saves_your_counterpoint_to_the_authors_claim_and_to_your_own() {
    let mut app = reader();
    press(&mut app, &[Action::FocusNext, Action::Counter]);
    assert_eq!(app.mode(), Mode::EditingNote);
    type_in_editor(&mut app, "Costs fall fast.");
    let effect = app.update(Action::SaveNote);
    assert!(
        matches!(saves(&effect), [Update::OwnCounterpoint(c)] if c.edit == OwnCounterpointEdit::Add)
    );
    let mine = &app.notes().own_counterpoints["my-costs-fall-fast"];
    assert_eq!(mine.claims, ["fabs"]);
    let b = app.briefing();
    let listed: Vec<(&str, bool)> = app
        .counterpoints_in_view()
        .iter()
        .map(|&cp| (b.counterpoints[cp].id.as_str(), b.counterpoints[cp].own))
        .collect();
    assert_eq!(listed, [("subsidies", false), ("my-costs-fall-fast", true)]);
    // On a claim of your own.
    press(&mut app, &[Action::FocusPrev]);
    claim_of_first_sentence(&mut app);
    let own_claim = selected_claim_id(&app).unwrap();
    app.update(Action::Counter);
    type_in_editor(&mut app, "Not scarce.");
    app.update(Action::SaveNote);
    assert_eq!(app.notes().own_counterpoints["my-not-scarce"].claims, [own_claim]);
    assert_eq!(app.counterpoints_in_view().len(), 3);
    // Nothing written: nothing made. Undo removes the last one made.
    press(&mut app, &[Action::Counter, Action::SaveNote]);
    assert_eq!(app.notes().own_counterpoints.len(), 2);
    app.update(Action::Undo);
    assert!(!app.notes().own_counterpoints.contains_key("my-not-scarce"));
}

#[test]
fn x_on_your_counterpoint_ticks_the_claims_it_answers_and_r_d_change_it() {
    let mut app = reader();
    claim_of_first_sentence(&mut app);
    let own_claim = selected_claim_id(&app).unwrap();
    // Select the author's claim, answer it.
    press(&mut app, &[Action::FocusNext, Action::Down, Action::Counter]);
    type_in_editor(&mut app, "Costs fall fast.");
    app.update(Action::SaveNote);
    // To the counterpoints pane, the own one (after the author's).
    press(&mut app, &[Action::FocusNext, Action::FocusNext, Action::Down]);
    assert_eq!(app.focus(), Focus::Counterpoints);
    assert!(app.selected_own_counterpoint().is_some());
    app.update(Action::Counter);
    assert_eq!(app.mode(), Mode::Picker);
    let Some(Overlay::Picker(picker)) = app.overlay() else { panic!("the picker") };
    let label = picker.label(app.briefing(), PickerEntry::Claim(ClaimIx(0)));
    assert!(label.starts_with("[x]"), "{label}");
    // The own claim: listed second (after the author's claim 0), not ticked yet.
    press(&mut app, &[Action::Down, Action::Accept]);
    assert_eq!(app.mode(), Mode::Picker, "it stays open");
    let answers = &app.notes().own_counterpoints["my-costs-fall-fast"].claims;
    assert_eq!(answers, &["fabs".to_string(), own_claim.clone()]);
    app.update(Action::Accept);
    assert_eq!(app.notes().own_counterpoints["my-costs-fall-fast"].claims, ["fabs"]);
    press(&mut app, &[Action::Up, Action::Accept]);
    assert!(app.message().unwrap().contains("only this claim"), "the last answer stays");
    app.update(Action::Close);
    app.update(Action::Undo);
    assert_eq!(app.notes().own_counterpoints["my-costs-fall-fast"].claims.len(), 2, "undone");
    // r rewrites it, D deletes it after a yes.
    app.update(Action::Rewrite);
    type_in_editor(&mut app, " Mostly.");
    app.update(Action::SaveNote);
    assert_eq!(
        app.notes().own_counterpoints["my-costs-fall-fast"].text,
        "Costs fall fast. Mostly."
    );
    press(&mut app, &[Action::DeleteOwn, Action::Yes]);
    assert!(app.notes().own_counterpoints.is_empty());
    app.update(Action::Undo);
    assert_eq!(
        app.notes().own_counterpoints["my-costs-fall-fast"].text,
        "Costs fall fast. Mostly."
    );
}

#[test]
fn f_ticks_and_unticks_factor_links_shown_in_the_factors_and_undone() {
    let mut app = reader();
    press(&mut app, &[Action::FocusNext, Action::LinkFactors]);
    assert_eq!(app.mode(), Mode::Picker);
    let Some(Overlay::Picker(picker)) = app.overlay() else { panic!("the picker") };
    let b = app.briefing();
    assert!(picker.label(b, PickerEntry::Factor(FactorIx(0))).starts_with("[ ] Money"));
    assert!(picker.label(b, PickerEntry::Factor(FactorIx(1))).contains("the author's link"));
    assert!(!b.factor_bears_on(FactorIx(0), SectionIx(0)));
    let effect = app.update(Action::Accept);
    assert!(
        matches!(saves(&effect), [Update::Claim(c)] if c.edit == Edit::LinkFactor { factor: "money".into(), on: true })
    );
    assert_eq!(app.notes().get("fabs").unwrap().factors, ["money"]);
    let b = app.briefing();
    assert_eq!(b.factors[0].own_claims, [ClaimIx(0)]);
    assert!(b.factor_bears_on(FactorIx(0), SectionIx(0)), "it bears here now");
    let Some(Overlay::Picker(picker)) = app.overlay() else { panic!("still open") };
    assert!(picker.label(b, PickerEntry::Factor(FactorIx(0))).contains("✦ your link"));
    // The author's link is not yours to untick.
    press(&mut app, &[Action::Down, Action::Accept]);
    assert!(app.message().unwrap().contains("the author links"));
    press(&mut app, &[Action::Up, Action::Accept]);
    assert!(app.notes().get("fabs").is_none(), "unticked: nothing left");
    app.update(Action::Close);
    app.update(Action::Undo);
    assert_eq!(app.notes().get("fabs").unwrap().factors, ["money"], "undo links it again");
    app.update(Action::Undo);
    assert!(app.notes().get("fabs").is_none());
    assert!(app.briefing().factors[0].own_claims.is_empty());
}

#[test]
fn your_claim_follows_its_passage_through_a_reload_with_an_edit() {
    let mut app = reader().with_source(Some("own.toml".into()));
    claim_of_first_sentence(&mut app);
    let id = selected_claim_id(&app).unwrap();
    // The same sentence, now after a new one.
    let edited = SOURCE.replacen("Chips are scarce", "A new opening sentence. Chips are scarce", 1);
    app.update(Message::BriefingReloaded {
        path: "own.toml".into(),
        briefing: Box::new(load(&edited)),
    });
    let c = app.briefing().claims.iter().position(|c| c.id == id).map(ClaimIx).unwrap();
    assert_eq!(app.own_standing(c), Standing::Moved);
    assert_eq!(app.own_standing(ClaimIx(0)), Standing::Current, "the author's");
    let span = app.briefing().claims[c].quote_span.clone().expect("placed");
    let paragraph = &app.briefing().sections[0].paragraphs[span.paragraph];
    assert_eq!(&paragraph[span.range], "Chips are scarce this year.");
    let moved = app
        .notes()
        .pending
        .iter()
        .any(|u| matches!(u, Update::OwnClaim(c) if matches!(c.edit, OwnClaimEdit::Place(_))));
    assert!(moved, "its new place is queued to be written");
    // Gone from the text: orphaned, still listed, last.
    let gone = SOURCE.replace("Chips are scarce this year. ", "");
    app.update(Message::BriefingReloaded {
        path: "own.toml".into(),
        briefing: Box::new(load(&gone)),
    });
    let c = app.briefing().claims.iter().position(|c| c.id == id).map(ClaimIx).unwrap();
    assert_eq!(app.own_standing(c), Standing::Orphaned);
    assert_eq!(claims_listed(&app), ["fabs", id.as_str()]);
}

#[test]
fn another_readers_claims_from_the_notes_file_are_laid_over_and_read_only_notes_take_none() {
    let mut app = reader();
    claim_of_first_sentence(&mut app);
    let mine = app.notes().own_claims.values().next().unwrap().clone();
    let mut file = Annotations::default();
    let mut theirs = mine.clone();
    theirs.id = "my-theirs".into();
    theirs.text = "Theirs.".into();
    file.own_claims.insert(mine.id.clone(), mine.clone());
    file.own_claims.insert(theirs.id.clone(), theirs);
    let count = app.notes().pending.len();
    app.update(Message::NotesSaved {
        briefing: "own".into(),
        count,
        notes: file,
        kept_both: vec![],
    });
    assert_eq!(app.claims_in_view().len(), 3, "theirs shown too");
    let mut read_only = App::new(load(SOURCE), Rect::new(0, 0, 120, 40));
    read_only
        .update(Message::NotesRead { briefing: "own".into(), file: Err("a newer format".into()) });
    claim_of_first_sentence(&mut read_only);
    assert!(read_only.notes().own_claims.is_empty());
}

/// One section of `n` sentences; with `author`, a claim quoting each.
fn many(n: usize, author: bool) -> String {
    let body: Vec<String> = (0..n).map(|i| format!("Sentence number {i} stands here.")).collect();
    let mut toml = format!(
        "format = 1\n[briefing]\nid = \"many\"\ntitle = \"Many\"\n[[section]]\nid = \"one\"\n\
         title = \"One\"\nbody = \"\"\"\n{}\n\"\"\"\n",
        body.join(" ")
    );
    if author {
        for i in 0..n {
            toml.push_str(&format!(
                "[[claim]]\nid = \"c{i}\"\nsection = \"one\"\ntext = \"Claim {i}.\"\n\
                 quote = \"Sentence number {i} stands here.\"\n"
            ));
        }
    }
    toml
}

/// The reader on `many`, its claims pane focused: with 1,000 claims of the author's, or
/// with 1,000 of yours read from the notes file.
fn thousand(author: bool) -> App {
    let b = load(&many(1000, author));
    let mut file = Annotations::default();
    if !author {
        let text = &b.sections[0].paragraphs[0];
        for i in 0..1000 {
            let sentence = format!("Sentence number {i} stands here.");
            let at = text.find(&sentence).unwrap();
            let (exact, prefix, suffix, start, end) =
                crate::notes::anchor::quote_at(&b, SectionIx(0), 0, at..at + sentence.len());
            let claim = OwnClaim {
                id: format!("my-{i}"),
                text: format!("Claim {i}."),
                kind: None,
                section: "one".into(),
                exact,
                prefix,
                suffix,
                start,
                end,
                created: crate::notes::unsaved_time(),
                updated: crate::notes::unsaved_time(),
            };
            file.own_claims.insert(claim.id.clone(), claim);
        }
    }
    let mut app = App::new(b, Rect::new(0, 0, 120, 40));
    app.update(Message::NotesRead { briefing: "many".into(), file: Ok(file) });
    app.update(Action::FocusNext);
    app
}

#[test]
fn a_thousand_claims_of_yours_are_the_sections_claim_list_as_the_authors_are() {
    let (theirs, yours) = (thousand(true), thousand(false));
    assert_eq!((theirs.claims_in_view().len(), yours.claims_in_view().len()), (1000, 1000));
    let ids = |app: &App| {
        app.claims_in_view()
            .iter()
            .map(|&c| app.briefing().claims[c].text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&theirs), ids(&yours), "in the passages' order, as the author's are");
    assert!(
        yours.claims_in_view().iter().all(|&c| yours.briefing().claims[c].quote_span.is_some())
    );
}
