//! Selecting and marking passages through `update`, on a small briefing without claims (an
//! imported article, as a new user would have): keys, mouse, labels, notes, undo, delete,
//! and marks read back from a notes file and anchored.

use super::super::*;
use crate::briefing::check_text;
use crate::notes::anchor::Standing;
use crate::notes::{Annotations, Label, MarkEdit, Stance, Update};

const ARTICLE: &str = r#"format = 1

[briefing]
id = "article"
title = "An article"

[[section]]
id = "one"
title = "One"
body = """
First sentence here. Second sentence follows it. A third one ends the paragraph.

Another paragraph stands alone.
"""

[[section]]
id = "two"
title = "Two"
body = """
Nothing claimed in this part either.
"""
"#;

fn reader() -> App {
    let report = check_text(std::path::Path::new("article.toml"), ARTICLE);
    let mut app = App::new(report.briefing.unwrap(), Rect::new(0, 0, 120, 40)).with_id_seed(7);
    app.update(Message::NotesRead { briefing: "article".into(), file: Ok(Default::default()) });
    app
}

fn press(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().map(|&a| app.update(a)).collect()
}

fn selected_text(app: &App) -> String {
    let sel = app.selecting().unwrap();
    app.briefing().sections[app.section()].paragraphs[sel.paragraph][sel.range()].to_string()
}

fn mark_changes(effect: &Effect) -> Vec<MarkEdit> {
    match effect {
        Effect::SaveNotes(changes) => changes
            .iter()
            .filter_map(|c| match c {
                Update::Mark(m) => Some(m.edit.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn a_and_s_without_a_claim_say_how_to_select() {
    let mut app = reader();
    app.update(Action::EditNote);
    let said = app.message().unwrap().to_string();
    assert!(said.contains("v selects a passage") && said.contains("h highlights"), "{said}");
    app.update(Action::CycleStance);
    assert!(app.message().unwrap().contains("v selects a passage"));
    assert!(app.notes().pending.is_empty());
}

#[test]
fn v_selects_the_first_sentence_and_the_keys_move_its_ends() {
    let mut app = reader();
    app.update(Action::StartSelection);
    assert_eq!(app.mode(), Mode::Selecting);
    assert_eq!(selected_text(&app), "First sentence here.");
    app.update(Action::SelectSentence(true));
    assert_eq!(selected_text(&app), "First sentence here. Second sentence follows it.");
    app.update(Action::SelectWord(false));
    assert_eq!(selected_text(&app), "First sentence here. Second sentence follows");
    app.update(Action::SwapEnds);
    app.update(Action::SelectWord(true));
    assert_eq!(selected_text(&app), "sentence here. Second sentence follows");
    // The end cannot leave the paragraph: it stops, and says so.
    app.update(Action::SwapEnds);
    press(&mut app, &[Action::SelectSentence(true); 3]);
    assert!(selected_text(&app).ends_with("ends the paragraph."));
    assert_eq!(app.message(), Some(super::super::select::PARAGRAPH_EDGE));
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::Reading);
    assert!(app.notes().pending.is_empty(), "a cancelled selection marks nothing");
}

#[test]
fn h_keeps_the_selection_as_a_mark_with_its_label_and_context() {
    let mut app = reader();
    press(&mut app, &[Action::StartSelection, Action::SelectSentence(true), Action::CycleLabel]);
    assert!(app.message().unwrap().contains("label evidence"));
    let effect = app.update(Action::Highlight);
    assert_eq!(mark_changes(&effect), [MarkEdit::Add]);
    assert_eq!(app.mode(), Mode::Reading);
    let mark = app.notes().marks.values().next().unwrap();
    assert_eq!(mark.exact, "First sentence here. Second sentence follows it.");
    assert_eq!((mark.start, mark.end, mark.section.as_str()), (0, 48, "one"));
    assert_eq!(mark.prefix, "");
    assert_eq!(mark.suffix, " A third one ends the paragraph.");
    assert_eq!(mark.label, Some(Label::Evidence));
    assert!(mark.id.starts_with("m7-"), "{}", mark.id);
    // It is listed in the marks pane and styled in the text.
    assert_eq!(app.marks_in_view().len(), 1);
    let placed = &app.marks_in_view()[0];
    assert_eq!((placed.paragraph, placed.bytes.clone()), (0, 0..48));
    assert_eq!(placed.standing, Standing::Current);
    assert_eq!(app.message(), Some("marking “First sentence here. Second sentence fol…”…"));
}

#[test]
fn a_on_a_selection_writes_a_new_mark_only_when_saved() {
    let mut app = reader();
    press(&mut app, &[Action::StartSelection, Action::EditNote]);
    assert_eq!(app.mode(), Mode::EditingNote);
    assert!(app.notes().marks.is_empty(), "not yet: Esc would leave no mark");
    app.update(Message::Paste("why this matters".into()));
    let effect = app.update(Action::SaveNote);
    assert_eq!(mark_changes(&effect), [MarkEdit::Add]);
    let mark = app.notes().marks.values().next().unwrap();
    assert_eq!(mark.note.as_deref(), Some("why this matters"));
    // Esc on a new mark's editor with nothing typed: no mark.
    let mut other = reader();
    press(&mut other, &[Action::StartSelection, Action::EditNote, Action::Close]);
    assert!(other.notes().marks.is_empty());
}

#[test]
fn the_marks_pane_comes_right_after_claims_and_acts_on_the_selected_mark() {
    let mut app = reader();
    press(&mut app, &[Action::StartSelection, Action::Highlight]);
    press(&mut app, &[Action::FocusNext]);
    assert_eq!(app.focus(), Focus::Claims, "the first Tab from the text still reaches claims");
    press(&mut app, &[Action::FocusNext]);
    assert_eq!(app.focus(), Focus::Marks);
    assert_eq!(
        mark_changes(&app.update(Action::CycleStance)),
        [MarkEdit::Stance(Some(Stance::Agree))]
    );
    assert_eq!(
        mark_changes(&app.update(Action::CycleLabel)),
        [MarkEdit::Label(Some(Label::Evidence))]
    );
    app.update(Action::EditNote);
    app.update(Message::Paste("noted".into()));
    app.update(Action::SaveNote);
    let mark = app.selected_mark().unwrap().clone();
    assert_eq!(
        (mark.stance, mark.label, mark.note.as_deref()),
        (Some(Stance::Agree), Some(Label::Evidence), Some("noted"))
    );
    // Enter: its passage in view, outlined.
    app.update(Action::Activate);
    assert_eq!(app.shown_mark(), Some(mark.id.as_str()));
    // d asks, n keeps, y deletes.
    app.update(Action::DeleteNote);
    assert_eq!(app.mode(), Mode::Confirm);
    app.update(Action::No);
    assert_eq!(app.notes().marks.len(), 1);
    app.update(Action::DeleteNote);
    let effect = app.update(Action::Yes);
    assert_eq!(mark_changes(&effect), [MarkEdit::Delete { was: "noted".into() }]);
    assert!(app.notes().marks.is_empty() && app.marks_in_view().is_empty());
    // u brings it back whole, then takes back the note, the label, the stance, the mark.
    app.update(Action::Undo);
    assert_eq!(app.notes().mark(&mark.id).map(|m| m.note_text()), Some("noted"));
    press(&mut app, &[Action::Undo, Action::Undo, Action::Undo]);
    let back = app.notes().mark(&mark.id).unwrap();
    assert_eq!((back.stance, back.label, back.note.as_deref()), (None, None, None));
    app.update(Action::Undo);
    assert!(app.notes().marks.is_empty(), "the first undo step removes the highlight");
}

#[test]
fn a_mouse_drag_selects_whole_graphemes_within_its_paragraph() {
    let mut app = reader();
    let (inner, _) = crate::tui::layout::text_inner(app.areas().text, app.shape().measure);
    let row = (0..app.page().lines.len())
        .find(|&i| app.page().lines[i].kind == LineKind::Body(0))
        .unwrap() as u16;
    app.update(Action::PressText(inner.x + 6, inner.y + row));
    app.update(Action::DragText(inner.x + 13, inner.y + row));
    assert_eq!(app.mode(), Mode::Selecting);
    assert_eq!(selected_text(&app), "sentence");
    // Dragged back past where it started: the start moves.
    app.update(Action::DragText(inner.x, inner.y + row));
    assert_eq!(selected_text(&app), "First s");
    // Down into the next paragraph: to this one's end, and it says why.
    app.update(Action::DragText(inner.x + 3, inner.y + row + 5));
    assert!(selected_text(&app).ends_with("ends the paragraph."));
    assert_eq!(app.message(), Some(super::super::select::PARAGRAPH_EDGE));
    assert_eq!(mark_changes(&app.update(Action::Highlight)), [MarkEdit::Add]);
}

#[test]
fn marks_read_from_the_file_are_anchored_and_orphans_kept() {
    let mut app = reader();
    press(&mut app, &[Action::StartSelection, Action::Highlight]);
    let mut mark = app.notes().marks.values().next().unwrap().clone();
    let mut file = Annotations::default();
    // One where it was; one moved (stored at another offset); one whose text is gone.
    file.marks.insert(mark.id.clone(), mark.clone());
    mark.id = "moved".into();
    mark.start += 5;
    mark.end += 5;
    file.marks.insert(mark.id.clone(), mark.clone());
    mark.id = "gone".into();
    mark.exact = "Text that is nowhere in this briefing at all, not even close.".into();
    file.marks.insert(mark.id.clone(), mark);
    let mut fresh = reader();
    fresh.update(Message::NotesRead { briefing: "article".into(), file: Ok(file) });
    let index = fresh.mark_index();
    assert_eq!(index.standing("gone"), Standing::Orphaned);
    assert_eq!(fresh.marks_in_view().len(), 2);
    // The orphan is listed in the overview, never dropped.
    let all = fresh.notes_all();
    assert_eq!(all.len(), 3);
    assert!(all.last().unwrap().is_orphaned());
}

#[test]
fn a_line_sees_exactly_the_marks_over_it() {
    let mut index = super::MarkIndex::default();
    let mut placed = Vec::new();
    // Marks of many lengths over two paragraphs, overlapping.
    for i in 0..200usize {
        let start = (i * 7) % 300;
        let len = 1 + (i * 13) % 90;
        placed.push(super::Placed {
            id: format!("m{i}"),
            paragraph: i % 2,
            bytes: start..start + len,
            standing: Standing::Current,
            label: None,
        });
    }
    placed.sort_by_key(|m| (m.paragraph, m.bytes.start, m.bytes.end));
    index.longest = vec![placed.iter().map(|m| m.bytes.len()).max().unwrap()];
    index.in_section = vec![placed.clone()];
    for paragraph in 0..2 {
        for line in [0..40, 40..80, 150..230, 290..400, 385..390] {
            let mut got: Vec<&str> = index
                .on_line(crate::briefing::SectionIx(0), paragraph, line.clone())
                .map(|m| m.id.as_str())
                .collect();
            let mut want: Vec<&str> = placed
                .iter()
                .filter(|m| m.paragraph == paragraph)
                .filter(|m| m.bytes.start < line.end && m.bytes.end > line.start)
                .map(|m| m.id.as_str())
                .collect();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "paragraph {paragraph}, line {line:?}");
        }
    }
}

#[test]
fn closing_the_reader_with_a_new_marks_note_open_keeps_it() {
    let mut app = reader();
    press(&mut app, &[Action::StartSelection, Action::EditNote]);
    app.update(Message::Paste("half a thought".into()));
    let changes = app.finish();
    let added: Vec<&crate::notes::MarkChange> = changes
        .iter()
        .filter_map(|c| match c {
            Update::Mark(m) => Some(m),
            _ => None,
        })
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].edit, MarkEdit::Add);
    assert_eq!(added[0].mark.note.as_deref(), Some("half a thought"));
    assert_eq!(added[0].mark.exact, "First sentence here.");
}
