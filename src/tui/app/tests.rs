//! `update` for every action, on the bundled briefing: bounds, focus, jumps, search, pickers.

use super::*;
use crate::briefing::load_bundled;
use search::Field;

fn app() -> App {
    app_sized(120, 40)
}

fn app_sized(width: u16, height: u16) -> App {
    let briefing = load_bundled().unwrap().briefing.unwrap();
    App::new(briefing, Rect::new(0, 0, width, height))
}

fn section_id(app: &App) -> &str {
    &app.briefing.sections[app.section].id
}

fn press(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(a);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(c));
    }
}

#[test]
fn section_navigation_stays_in_bounds() {
    let mut app = app();
    app.update(Action::PrevSection);
    assert_eq!(app.section, 0);
    app.update(Action::NextSection);
    assert_eq!(app.section, 1);
    for _ in 0..20 {
        app.update(Action::NextSection);
    }
    assert_eq!(app.section, app.briefing.sections.len() - 1);
}

#[test]
fn jump_to_section_ignores_out_of_range() {
    let mut app = app();
    app.update(Action::JumpToSection(2));
    assert_eq!(section_id(&app), "innovation-under-pressure");
    app.update(Action::JumpToSection(8));
    assert_eq!(app.section, 2);
    assert_eq!(app.message.as_deref(), Some("no section 9"));
}

#[test]
fn a_new_section_starts_at_its_top_with_fresh_selection() {
    let mut app = app_sized(100, 20);
    press(&mut app, &[Action::Bottom, Action::FocusNext, Action::Down]);
    assert_eq!(app.selected[0], 1);
    app.update(Action::NextSection);
    assert_eq!((app.scroll, app.selected[0], app.highlight), (0, 0, None));
}

#[test]
fn scrolling_is_clamped_to_the_page() {
    let mut app = app_sized(100, 14);
    let max = app.page.lines.len() - app.page_height();
    assert!(max > 0, "section 1 must be longer than the pane for this test");
    app.update(Action::Up);
    assert_eq!(app.scroll, 0);
    app.update(Action::Down);
    assert_eq!(app.scroll, 1);
    app.update(Action::Bottom);
    assert_eq!(app.scroll, max);
    app.update(Action::Down);
    assert_eq!(app.scroll, max);
    assert_eq!(app.position_label(), "Bot");
    app.update(Action::Top);
    assert_eq!((app.scroll, app.position_label().as_str()), (0, "Top"));
    app.update(Action::PageDown);
    assert_eq!(app.scroll, (app.page_height() - 2).min(max));
    app.update(Action::PageUp);
    assert_eq!(app.scroll, 0);
}

#[test]
fn focus_cycles_through_the_panes_both_ways() {
    let mut app = app();
    let seen: Vec<Focus> = (0..4)
        .map(|_| {
            app.update(Action::FocusNext);
            app.focus
        })
        .collect();
    assert_eq!(seen, [Focus::Claims, Focus::Counterpoints, Focus::Factors, Focus::Text]);
    app.update(Action::FocusPrev);
    assert_eq!(app.focus, Focus::Factors);
}

#[test]
fn moving_in_a_pane_selects_items_within_bounds() {
    let mut app = app();
    app.update(Action::JumpToSection(1));
    app.update(Action::FocusNext);
    let n = app.claims_in_view().len();
    for _ in 0..n + 3 {
        app.update(Action::Down);
    }
    assert_eq!(app.selected[0], n - 1);
    app.update(Action::Top);
    assert_eq!(app.selected[0], 0);
    // Selecting a claim highlights its quote.
    assert_eq!(app.highlight, app.selected_claim());
    assert_eq!(app.scroll, 0, "text was already in view");
}

#[test]
fn enter_on_a_claim_scrolls_its_quote_into_view() {
    let mut app = app_sized(100, 12);
    app.update(Action::JumpToSection(1));
    app.update(Action::FocusNext);
    app.update(Action::Bottom);
    let claim = app.selected_claim().unwrap();
    app.update(Action::Activate);
    let span = app.briefing.claims[claim].quote_span.clone().unwrap();
    let line = app.page.line_of(span.paragraph, span.range.start).unwrap();
    assert!(
        line >= app.scroll && line < app.scroll + app.page_height(),
        "quote line {line} not in view"
    );
    assert_eq!(app.highlight, Some(claim));
}

#[test]
fn enter_on_a_counterpoint_selects_the_claims_it_answers() {
    let mut app = app();
    app.update(Action::JumpToSection(2));
    press(&mut app, &[Action::FocusNext, Action::FocusNext]);
    let cp = app.selected_counterpoint().unwrap();
    app.update(Action::Activate);
    assert_eq!(app.focus, Focus::Claims);
    assert_eq!(app.marked, app.briefing.counterpoints[cp].claims);
    assert!(app.marked.contains(&app.selected_claim().unwrap()));
    assert_eq!(app.highlight, app.selected_claim());
}

#[test]
fn enter_on_a_factor_lists_where_it_bears_and_jumps_there() {
    let mut app = app();
    press(&mut app, &[Action::FocusPrev, Action::Down, Action::Activate]);
    assert_eq!(app.mode(), Mode::Picker);
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!() };
    assert_eq!(picker.kind, PickerKind::Factor(1));
    let entries = picker.entries.clone();
    let claim_at = entries.iter().position(|e| matches!(e, PickerEntry::Claim(_))).unwrap();
    let PickerEntry::Claim(claim) = entries[claim_at] else { unreachable!() };
    for _ in 0..claim_at {
        app.update(Action::Down);
    }
    app.update(Action::Accept);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(app.section, app.briefing.claims[claim].section);
    assert_eq!(app.highlight, Some(claim));
    app.update(Action::JumpBack);
    assert_eq!(app.section, 0);
}

#[test]
fn contents_picker_filters_as_you_type() {
    let mut app = app();
    app.update(Action::OpenContents);
    type_text(&mut app, "CHIP");
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!() };
    assert_eq!(picker.entries, vec![PickerEntry::Section(3)]);
    app.update(Action::Accept);
    assert_eq!(section_id(&app), "chip-gap");
    app.update(Action::OpenContents);
    type_text(&mut app, "zzz");
    app.update(Action::Accept);
    assert_eq!(app.section, 3, "nothing chosen, nothing changes");
    assert_eq!(app.message.as_deref(), Some("nothing matches 'zzz'"));
    assert_eq!(app.mode(), Mode::Picker, "the picker stays open to mend the filter");
}

#[test]
fn esc_closes_the_picker_without_moving() {
    let mut app = app();
    press(&mut app, &[Action::OpenContents, Action::Down, Action::Down, Action::Close]);
    assert!(app.overlay.is_none());
    assert_eq!(app.section, 0);
}

#[test]
fn search_is_incremental_and_steps_with_a_counter() {
    let mut app = app();
    app.update(Action::StartSearch);
    assert_eq!(app.mode(), Mode::Search);
    type_text(&mut app, "Nvidia");
    let n = app.search.hits.len();
    assert!(n >= 2, "{n}");
    // The first mention is a counterpoint to section 3's claims.
    assert_eq!(section_id(&app), "innovation-under-pressure");
    assert_eq!(app.focus, Focus::Counterpoints);
    assert_eq!(app.match_counter(), Some(format!("1/{n}")));
    app.update(Action::Accept);
    assert_eq!(app.mode(), Mode::Matches);
    app.update(Action::NextMatch);
    assert_eq!(app.match_counter(), Some(format!("2/{n}")));
    app.update(Action::PrevMatch);
    app.update(Action::PrevMatch);
    assert_eq!(app.match_counter(), Some(format!("{n}/{n}")));
    assert_eq!(app.message.as_deref(), Some("search wrapped to the end"));
}

#[test]
fn a_search_that_moved_can_be_undone_with_jump_back() {
    let mut app = app();
    app.update(Action::StartSearch);
    type_text(&mut app, "Kunpeng");
    app.update(Action::Accept);
    assert_eq!(section_id(&app), "innovation-under-pressure");
    app.update(Action::JumpBack);
    assert_eq!(app.section, 0);
}

#[test]
fn search_uses_smart_case() {
    let mut app = app();
    app.update(Action::StartSearch);
    type_text(&mut app, "huawei");
    let insensitive = app.search.hits.len();
    app.update(Action::Close);
    app.update(Action::StartSearch);
    type_text(&mut app, "HUAWEI");
    assert!(insensitive > 0);
    assert_eq!(app.search.hits.len(), 0);
}

#[test]
fn cancelling_a_search_returns_to_where_it_started() {
    let mut app = app();
    app.update(Action::JumpToSection(1));
    app.update(Action::StartSearch);
    type_text(&mut app, "Kunpeng");
    assert_ne!(app.section, 1);
    app.update(Action::Close);
    assert_eq!(app.section, 1);
    assert_eq!(app.mode(), Mode::Reading);
    assert!(app.search.hits.is_empty());
}

#[test]
fn search_finds_claims_counterpoints_and_factors_too() {
    let mut app = app();
    app.update(Action::StartSearch);
    type_text(&mut app, "stay competitive");
    let fields: Vec<Field> = app.search.hits.iter().map(|h| h.field).collect();
    assert!(fields.iter().any(|f| matches!(f, Field::Body { .. })));
    assert!(fields.iter().any(|f| matches!(f, Field::Claim(_))));
    assert!(fields.iter().any(|f| matches!(f, Field::FactorQuestion(_))));
    app.update(Action::Accept);
    while !matches!(app.search.hits[app.search.current.unwrap()].field, Field::Claim(_)) {
        app.update(Action::NextMatch);
    }
    assert_eq!(app.focus, Focus::Claims);
}

#[test]
fn no_match_says_so_and_n_without_search_explains() {
    let mut app = app();
    app.update(Action::NextMatch);
    assert_eq!(app.message.as_deref(), Some("no search: press / to search"));
    app.update(Action::StartSearch);
    type_text(&mut app, "xyzzy");
    app.update(Action::Accept);
    assert_eq!(app.message.as_deref(), Some("no match for 'xyzzy'"));
    assert_eq!(app.section, 0);
}

#[test]
fn backspace_on_an_empty_query_cancels() {
    let mut app = app();
    press(&mut app, &[Action::StartSearch, Action::Type('a'), Action::DeleteChar]);
    assert_eq!(app.mode(), Mode::Search);
    app.update(Action::DeleteChar);
    assert_eq!(app.mode(), Mode::Reading);
}

#[test]
fn jumps_go_back_and_forward() {
    let mut app = app();
    app.update(Action::JumpBack);
    assert_eq!(app.message.as_deref(), Some("no earlier jump"));
    press(&mut app, &[Action::JumpToSection(4), Action::JumpToSection(6)]);
    app.update(Action::JumpBack);
    assert_eq!(app.section, 4);
    app.update(Action::JumpBack);
    assert_eq!(app.section, 0);
    app.update(Action::JumpForward);
    assert_eq!(app.section, 4);
    app.update(Action::JumpForward);
    assert_eq!(app.section, 6);
    app.update(Action::JumpForward);
    assert_eq!(app.message.as_deref(), Some("no later jump"));
}

#[test]
fn a_resize_keeps_the_reading_position() {
    let mut app = app_sized(100, 12);
    app.update(Action::JumpToSection(1));
    press(&mut app, &[Action::Down, Action::Down, Action::Down, Action::Down, Action::Down]);
    let before = app.location().anchor;
    assert!(before.paragraph.is_some());
    app.update(Action::Resize(40, 14));
    let after = app.location().anchor;
    assert_eq!(after.paragraph, before.paragraph);
    assert!(after.offset <= before.offset);
    // The top line still shows the byte the old top line started with.
    let line = &app.page.lines[app.scroll];
    assert!(
        line.range.contains(&before.offset)
            || line.range.end == before.offset
            || line.range.start == before.offset
    );
}

#[test]
fn tiny_and_empty_screens_do_not_panic() {
    let mut app = app();
    for (w, h) in [(0, 0), (1, 1), (5, 0), (0, 5), (30, 8), (2000, 3)] {
        app.update(Action::Resize(w, h));
        press(&mut app, &[Action::Down, Action::PageDown, Action::Bottom, Action::NextSection]);
    }
}

#[test]
fn help_opens_and_closes() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Help);
    app.update(Action::Down);
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::Reading);
}

#[test]
fn esc_clears_highlights() {
    let mut app = app();
    press(&mut app, &[Action::FocusNext, Action::Activate]);
    assert!(app.highlight.is_some());
    app.update(Action::Close);
    assert_eq!(app.highlight, None);
}

#[test]
fn quit_and_suspend_are_effects() {
    let mut app = app();
    assert_eq!(app.update(Action::Quit), Effect::Quit);
    assert_eq!(app.update(Action::Suspend), Effect::Suspend);
    app.update(Action::OpenContents);
    assert_eq!(app.update(Action::Quit), Effect::Quit);
}

#[test]
fn clicks_focus_and_select_and_the_wheel_scrolls() {
    let mut app = app_sized(100, 14);
    app.update(Action::Click(Focus::Claims, Some(1)));
    assert_eq!((app.focus, app.selected[0]), (Focus::Claims, 1));
    app.update(Action::Click(Focus::Claims, Some(99)));
    assert_eq!(app.selected[0], 1, "a click past the end selects nothing new");
    app.update(Action::Top);
    app.update(Action::Click(Focus::Text, None));
    app.update(Action::Top);
    app.update(Action::Wheel(Focus::Text, true));
    assert_eq!(app.scroll, WHEEL_LINES.min(app.max_scroll()));
    app.update(Action::Click(Focus::Text, None));
    assert_eq!(app.focus, Focus::Text);
}

#[test]
fn restore_clamps_a_stale_location() {
    let mut app = app();
    app.restore(Location { section: 99, anchor: Anchor { paragraph: Some(50), offset: 10_000 } });
    assert_eq!(app.section, app.briefing.sections.len() - 1);
    assert!(app.scroll <= app.max_scroll());
}

// --- Notes ----------------------------------------------------------------------------------

fn key(c: char) -> Action {
    Action::EditorKey(ratatui::crossterm::event::KeyEvent::from(
        ratatui::crossterm::event::KeyCode::Char(c),
    ))
}

fn note_of(app: &App, claim: usize) -> Option<&crate::notes::Note> {
    app.notes.get(&app.briefing.claims[claim].id)
}

#[test]
fn writing_a_note_saves_it_at_once() {
    let mut app = app();
    app.update(Action::JumpToSection(1));
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::EditingNote);
    for c in "hi 中文".chars() {
        app.update(key(c));
    }
    let claim = app.selected_claim().unwrap();
    assert_eq!(app.update(Action::SaveNote), Effect::SaveNotes);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(note_of(&app, claim).unwrap().note, "hi 中文");
    assert_eq!(app.notes.pending.len(), 1);
    // Saving an unchanged note writes nothing.
    app.update(Action::EditNote);
    assert_eq!(app.update(Action::SaveNote), Effect::None);
}

#[test]
fn esc_with_unsaved_changes_asks_to_save_or_discard() {
    let mut app = app();
    app.update(Action::EditNote);
    app.update(key('x'));
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::Confirm);
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::EditingNote, "Esc goes back to editing, text intact");
    app.update(Action::Close);
    app.update(Action::No);
    assert_eq!(app.mode(), Mode::Reading);
    assert!(app.notes.notes.is_empty(), "discarded");
    app.update(Action::EditNote);
    app.update(key('y'));
    app.update(Action::Close);
    assert_eq!(app.update(Action::Yes), Effect::SaveNotes);
    assert_eq!(note_of(&app, 0).unwrap().note, "y");
    // No changes: Esc just closes.
    app.update(Action::EditNote);
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::Reading);
}

#[test]
fn stance_cycles_and_is_independent_of_the_note() {
    let mut app = app();
    assert_eq!(app.update(Action::CycleStance), Effect::SaveNotes);
    assert_eq!(note_of(&app, 0).unwrap().stance, Some(crate::notes::Stance::Agree));
    press(&mut app, &[Action::CycleStance, Action::CycleStance]);
    assert_eq!(note_of(&app, 0).unwrap().stance, Some(crate::notes::Stance::Unsure));
    app.update(Action::CycleStance);
    assert!(note_of(&app, 0).is_none(), "no stance, no note: nothing stored");
}

#[test]
fn delete_asks_first() {
    let mut app = app();
    app.update(Action::DeleteNote);
    assert_eq!(app.message.as_deref(), Some("no note on this claim"));
    press(&mut app, &[Action::EditNote, key('z'), Action::SaveNote, Action::CycleStance]);
    app.update(Action::DeleteNote);
    assert_eq!(app.mode(), Mode::Confirm);
    app.update(Action::No);
    assert_eq!(note_of(&app, 0).unwrap().note, "z");
    app.update(Action::DeleteNote);
    assert_eq!(app.update(Action::Yes), Effect::SaveNotes);
    let left = note_of(&app, 0).unwrap();
    assert_eq!(
        (left.note.as_str(), left.stance),
        ("", Some(crate::notes::Stance::Agree)),
        "the stance stays"
    );
}

#[test]
fn read_only_notes_refuse_changes_with_the_reason() {
    let mut app = app();
    app.notes.read_only = Some("notes.toml:3:1: error: bad".into());
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(app.message.as_deref(), Some("notes are read-only: notes.toml:3:1: error: bad"));
    assert_eq!(app.update(Action::CycleStance), Effect::None);
    assert!(app.notes.pending.is_empty());
}

#[test]
fn annotating_needs_a_claim() {
    let mut app = app();
    press(&mut app, &[Action::FocusNext, Action::FocusNext]);
    app.update(Action::EditNote);
    assert_eq!(app.message.as_deref(), Some("select a claim first (Tab to the claims pane)"));
}

#[test]
fn pasted_text_goes_into_the_editor_made_safe() {
    let mut app = app();
    app.update(Action::EditNote);
    app.paste("line one\r\nline\ttwo \u{1b}[2J\u{202e}");
    app.update(Action::SaveNote);
    assert_eq!(note_of(&app, 0).unwrap().note, "line one\nline\ttwo ^[[2J<U+202E>");
}

#[test]
fn the_notes_overview_jumps_to_a_claim() {
    let mut app = app();
    app.update(Action::JumpToSection(3));
    press(&mut app, &[Action::FocusNext, Action::Down, Action::CycleStance]);
    let claim = app.selected_claim().unwrap();
    press(&mut app, &[Action::JumpToSection(0), Action::FocusPrev, Action::OpenNotes]);
    assert_eq!(app.mode(), Mode::Notes);
    app.update(Action::Accept);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!((app.section, app.selected_claim(), app.focus), (3, Some(claim), Focus::Claims));
}

#[test]
fn n_and_shift_n_step_matches_only_while_a_search_is_active() {
    let mut app = app();
    press(&mut app, &[Action::StartSearch, Action::Type('c'), Action::Type('h'), Action::Accept]);
    assert_eq!(app.mode(), Mode::Matches);
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::Reading);
}

#[test]
fn the_library_picker_asks_the_loop_to_switch() {
    let mut app = app();
    assert_eq!(app.update(Action::OpenLibrary), Effect::ScanLibrary);
    app.show_library(vec!["China · china".into(), "Other · other".into()], Some(0));
    assert_eq!(app.mode(), Mode::Picker);
    type_text(&mut app, "oth");
    assert_eq!(app.update(Action::Accept), Effect::SwitchBriefing(1));
    assert!(app.overlay.is_none());
}

#[test]
fn esc_after_keeping_a_search_clears_it_without_panicking() {
    let mut app = app();
    press(&mut app, &[Action::StartSearch, Action::Type('c'), Action::Type('h'), Action::Accept]);
    app.update(Action::NextSection);
    app.update(Action::Close);
    assert!(app.search.hits.is_empty() && app.search.body_hits.is_empty());
    assert_eq!(app.body_hits_in(0).count(), 0);
}

#[test]
fn cancelling_a_new_prompt_keeps_the_search_before_it() {
    let mut app = app();
    press(&mut app, &[Action::StartSearch, Action::Type('c'), Action::Type('h'), Action::Accept]);
    let kept = app.search.hits.len();
    press(&mut app, &[Action::StartSearch, Action::Type('z'), Action::Close]);
    assert_eq!(app.search.query, "ch");
    assert_eq!(app.search.hits.len(), kept);
    assert_eq!(app.mode(), Mode::Matches);
}

#[test]
fn search_finds_section_titles_and_the_cover() {
    let mut app = app();
    app.update(Action::StartSearch);
    type_text(&mut app, "squeeze");
    assert!(matches!(app.search.hits.first().map(|h| h.field), Some(Field::SectionTitle(0))));
    app.update(Action::Close);
    app.update(Action::JumpToSection(5));
    app.update(Action::StartSearch);
    type_text(&mut app, "audacious");
    assert!(matches!(app.search.hits[0].field, Field::Cover(LineKind::Summary(0))));
    assert_eq!((app.section, app.scroll), (0, 0), "the cover is atop section 1");
}
