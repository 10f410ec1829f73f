//! `update` for every action, on a briefing built here: bounds, focus, jumps, search,
//! pickers, notes, and the messages that come from outside.

use super::*;
use crate::briefing::{SectionIx, check_text};
use crate::notes::Stance;
use search::Field;

const TITLES: [&str; 7] = [
    "The squeeze begins",
    "Hardware limits",
    "Chip gap",
    "Software stack",
    "Data and rules",
    "Talent flows",
    "Outlook",
];

const WORDS: [&str; 12] = [
    "labs", "models", "rivals", "budgets", "compute", "markets", "firms", "policy", "export",
    "talent", "cloud", "scale",
];

/// A paragraph of about forty words, different for each place.
fn filler(section: usize, paragraph: usize) -> String {
    (0..40)
        .map(|i| WORDS[(section * 7 + paragraph * 5 + i * 3) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Seven sections of nine paragraphs; three claims each (quotes in paragraphs 1, 4 and 7);
/// a counterpoint per section, one of them answering a claim of another section; three
/// factors. Words the search tests look for are placed where the tests say.
pub(super) fn fixture_toml() -> String {
    let mut toml = String::from(
        "format = 1\n\n[briefing]\nid = \"fixture\"\ntitle = \"Fixture briefing\"\n\
         summary = \"An audacious summary of the whole.\"\n",
    );
    for (s, title) in TITLES.iter().enumerate() {
        let mut paragraphs: Vec<String> = (0..9).map(|p| filler(s, p)).collect();
        for k in 0..3 {
            paragraphs[1 + 3 * k].push_str(&format!(" quote number {k} of part {s} ends here."));
        }
        if s == 2 {
            paragraphs[5].push_str(" The Kunpeng chips help Huawei stay competitive.");
        }
        if s == 4 {
            paragraphs[2].push_str(" Zephyr returns here.");
        }
        toml.push_str(&format!(
            "\n[[section]]\nid = \"s{s}\"\ntitle = \"{title}\"\nbody = \"\"\"\n{}\n\"\"\"\n",
            paragraphs.join("\n\n")
        ));
        for k in 0..3 {
            let extra = if s == 1 && k == 2 { " Firms must stay competitive." } else { "" };
            toml.push_str(&format!(
                "\n[[claim]]\nid = \"c{s}{k}\"\nsection = \"s{s}\"\ntext = \"Part {s} asserts \
                 point {k}.{extra}\"\nquote = \"quote number {k} of part {s}\"\n"
            ));
        }
    }
    for s in 0..TITLES.len() {
        let (claims, text) = match s {
            2 => ("\"c20\", \"c40\"".to_string(), "Zephyr doubts part 2.".to_string()),
            3 => ("\"c50\"".to_string(), "Only about part 5.".to_string()),
            _ => (format!("\"c{s}0\", \"c{s}1\""), format!("Doubt about part {s}.")),
        };
        toml.push_str(&format!(
            "\n[[counterpoint]]\nid = \"cp{s}\"\nclaims = [{claims}]\ntext = \"{text}\"\n"
        ));
    }
    toml.push_str(
        "\n[[factor]]\nid = \"tools\"\ntitle = \"Tools\"\nquestion = \"Can the chips keep up?\"\n\
         text = \"Chips.\"\nsections = [\"s1\", \"s2\"]\n\
         \n[[factor]]\nid = \"data\"\ntitle = \"Data\"\nquestion = \"Can they stay competitive?\"\n\
         text = \"Data.\"\nclaims = [\"c41\"]\n\
         \n[[factor]]\nid = \"geopolitics\"\ntitle = \"Geopolitics\"\ntext = \"Rules.\"\n\
         sections = [\"s6\"]\n",
    );
    toml
}

fn fixture() -> Briefing {
    let report = check_text(std::path::Path::new("fixture.toml"), &fixture_toml());
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    report.briefing.unwrap()
}

pub(super) fn app() -> App {
    app_sized(120, 40)
}

fn app_sized(width: u16, height: u16) -> App {
    let mut app = App::new(fixture(), Rect::new(0, 0, width, height));
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Ok(Default::default()) });
    app
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

fn jump(n: usize) -> Action {
    Action::JumpToSection(SectionIx(n))
}

fn is_save(effect: &Effect) -> bool {
    matches!(effect, Effect::SaveNotes(changes) if !changes.is_empty())
}

#[test]
fn section_navigation_stays_in_bounds() {
    let mut app = app();
    app.update(Action::PrevSection);
    assert_eq!(app.section, SectionIx(0));
    app.update(Action::NextSection);
    assert_eq!(app.section, SectionIx(1));
    for _ in 0..20 {
        app.update(Action::NextSection);
    }
    assert_eq!(app.section, SectionIx(TITLES.len() - 1));
}

#[test]
fn jump_to_section_ignores_out_of_range() {
    let mut app = app();
    app.update(jump(2));
    assert_eq!(app.briefing.sections[app.section].id, "s2");
    app.update(jump(8));
    assert_eq!(app.section, SectionIx(2));
    assert_eq!(app.message.as_deref(), Some("no section 9"));
}

#[test]
fn a_new_section_starts_at_its_top_with_fresh_selection() {
    let mut app = app_sized(100, 20);
    press(&mut app, &[Action::Bottom, Action::FocusNext, Action::Down]);
    assert_eq!(app.selected(SidePane::Claims), ItemIx(1));
    app.update(Action::NextSection);
    assert_eq!((app.scroll, app.selected(SidePane::Claims), app.highlight), (0, ItemIx(0), None));
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
    let seen: Vec<Focus> = (0..5)
        .map(|_| {
            app.update(Action::FocusNext);
            app.focus
        })
        .collect();
    assert_eq!(
        seen,
        [Focus::Claims, Focus::Marks, Focus::Counterpoints, Focus::Factors, Focus::Text]
    );
    app.update(Action::FocusPrev);
    assert_eq!(app.focus, Focus::Factors);
    let back: Vec<Focus> = Focus::ALL.iter().map(|f| f.next().prev()).collect();
    assert_eq!(back, Focus::ALL);
}

#[test]
fn moving_in_a_pane_selects_items_within_bounds() {
    let mut app = app();
    app.update(jump(1));
    app.update(Action::FocusNext);
    let n = app.claims_in_view().len();
    assert_eq!(n, 3);
    for _ in 0..n + 3 {
        app.update(Action::Down);
    }
    assert_eq!(app.selected(SidePane::Claims), ItemIx(n - 1));
    app.update(Action::Top);
    assert_eq!(app.selected(SidePane::Claims), ItemIx(0));
    // Selecting a claim highlights its quote.
    assert_eq!(app.highlight, app.selected_claim());
    assert_eq!(app.highlight, Some(ClaimIx(3)));
    let span = app.briefing.claims[ClaimIx(3)].quote_span.clone().unwrap();
    let line = app.page.line_of(span.paragraph, span.range.start).unwrap();
    assert!((app.scroll..app.scroll + app.page_height()).contains(&line), "its quote is in view");
}

#[test]
fn enter_on_a_claim_scrolls_its_quote_into_view() {
    let mut app = app_sized(100, 12);
    app.update(jump(1));
    app.update(Action::FocusNext);
    app.update(Action::Bottom);
    let claim = app.selected_claim().unwrap();
    app.update(Action::Activate);
    let span = app.briefing.claims[claim].quote_span.clone().unwrap();
    assert_eq!(span.paragraph, 7);
    let line = app.page.line_of(span.paragraph, span.range.start).unwrap();
    assert!(app.scroll > 0, "the quote is below the first screen");
    assert!(
        line >= app.scroll && line < app.scroll + app.page_height(),
        "quote line {line} not in view"
    );
    assert_eq!(app.highlight, Some(claim));
}

#[test]
fn enter_on_a_counterpoint_selects_the_claims_it_answers() {
    let mut app = app();
    app.update(jump(2));
    press(&mut app, &[Action::FocusNext, Action::FocusNext, Action::FocusNext]);
    let cp = app.selected_counterpoint().unwrap();
    assert_eq!(app.briefing.counterpoints[cp].id, "cp2");
    app.update(Action::Activate);
    assert_eq!(app.focus, Focus::Claims);
    assert_eq!(app.section, SectionIx(2), "a claim of this section is preferred");
    assert_eq!(app.marked, app.briefing.counterpoints[cp].claims);
    assert_eq!(app.selected_claim(), Some(ClaimIx(6)));
    assert_eq!(app.highlight, app.selected_claim());
}

#[test]
fn a_counterpoint_is_listed_in_every_section_it_answers_and_stays_there() {
    let mut app = app();
    app.update(jump(4));
    press(&mut app, &[Action::FocusNext, Action::FocusNext, Action::FocusNext]);
    assert_eq!(app.briefing.counterpoints[app.selected_counterpoint().unwrap()].id, "cp2");
    app.update(Action::Activate);
    assert_eq!((app.section, app.selected_claim()), (SectionIx(4), Some(ClaimIx(12))));
    assert_eq!(app.marked, [ClaimIx(6), ClaimIx(12)]);
}

#[test]
fn enter_on_a_factor_lists_where_it_bears_and_jumps_there() {
    let mut app = app();
    press(&mut app, &[Action::FocusPrev, Action::Down, Action::Activate]);
    assert_eq!(app.mode(), Mode::Picker);
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!() };
    assert_eq!(picker.kind, PickerKind::Factor(FactorIx(1)));
    assert_eq!(
        picker.entries,
        [PickerEntry::Section(SectionIx(4)), PickerEntry::Claim(ClaimIx(13))],
        "the data factor bears on one claim of section 5"
    );
    press(&mut app, &[Action::Down, Action::Accept]);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(app.section, SectionIx(4));
    assert_eq!(app.highlight, Some(ClaimIx(13)));
    app.update(Action::JumpBack);
    assert_eq!(app.section, SectionIx(0));
}

#[test]
fn contents_picker_filters_as_you_type() {
    let mut app = app();
    app.update(Action::OpenContents);
    type_text(&mut app, "CHIP");
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!() };
    assert_eq!(picker.entries, vec![PickerEntry::Section(SectionIx(2))]);
    app.update(Action::Accept);
    assert_eq!(app.section, SectionIx(2));
    app.update(Action::OpenContents);
    type_text(&mut app, "zzz");
    app.update(Action::Accept);
    assert_eq!(app.section, SectionIx(2), "nothing chosen, nothing changes");
    assert_eq!(app.message.as_deref(), Some("nothing matches 'zzz'"));
    assert_eq!(app.mode(), Mode::Picker, "the picker stays open to mend the filter");
}

#[test]
fn esc_closes_the_picker_without_moving() {
    let mut app = app();
    press(&mut app, &[Action::OpenContents, Action::Down, Action::Down, Action::Close]);
    assert!(app.overlay.is_none());
    assert_eq!(app.section, SectionIx(0));
}

#[test]
fn search_is_incremental_and_steps_with_a_counter() {
    let mut app = app();
    app.update(Action::StartSearch);
    assert_eq!(app.mode(), Mode::Search);
    type_text(&mut app, "Zephyr");
    assert_eq!(app.search.count(), 2);
    // The first mention is a counterpoint to section 3's claims.
    assert_eq!(app.section, SectionIx(2));
    assert_eq!(app.focus, Focus::Counterpoints);
    assert_eq!(app.match_counter().as_deref(), Some("1/2"));
    app.update(Action::Accept);
    assert_eq!(app.mode(), Mode::Matches);
    app.update(Action::NextMatch);
    assert_eq!(app.match_counter().as_deref(), Some("2/2"));
    assert_eq!((app.section, app.focus), (SectionIx(4), Focus::Text));
    app.update(Action::PrevMatch);
    app.update(Action::PrevMatch);
    assert_eq!(app.match_counter().as_deref(), Some("2/2"));
    assert_eq!(app.message.as_deref(), Some("search wrapped to the end"));
}

#[test]
fn a_search_that_moved_can_be_undone_with_jump_back() {
    let mut app = app();
    app.update(Action::StartSearch);
    type_text(&mut app, "Kunpeng");
    app.update(Action::Accept);
    assert_eq!(app.section, SectionIx(2));
    app.update(Action::JumpBack);
    assert_eq!(app.section, SectionIx(0));
}

#[test]
fn search_uses_smart_case() {
    let mut app = app();
    app.update(Action::StartSearch);
    type_text(&mut app, "huawei");
    assert_eq!(app.search.count(), 1);
    app.update(Action::Close);
    app.update(Action::StartSearch);
    type_text(&mut app, "HUAWEI");
    assert_eq!(app.search.count(), 0);
}

#[test]
fn cancelling_a_search_returns_to_where_it_started() {
    let mut app = app();
    app.update(jump(1));
    app.update(Action::StartSearch);
    type_text(&mut app, "Kunpeng");
    assert_eq!(app.section, SectionIx(2));
    app.update(Action::Close);
    assert_eq!(app.section, SectionIx(1));
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(app.search.count(), 0);
}

#[test]
fn search_finds_claims_counterpoints_and_factors_too() {
    let mut app = app();
    app.update(Action::StartSearch);
    type_text(&mut app, "stay competitive");
    let fields: Vec<Field> = app.hits().iter().map(|h| h.field).collect();
    assert_eq!(
        fields,
        [
            Field::Claim(ClaimIx(5)),
            Field::Body { section: SectionIx(2), paragraph: 5 },
            Field::FactorQuestion(FactorIx(1)),
        ]
    );
    app.update(Action::Accept);
    assert_eq!((app.focus, app.selected_claim()), (Focus::Claims, Some(ClaimIx(5))));
    press(&mut app, &[Action::NextMatch, Action::NextMatch]);
    assert_eq!((app.focus, app.selected_factor()), (Focus::Factors, Some(FactorIx(1))));
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
    assert_eq!(app.section, SectionIx(0));
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
    press(&mut app, &[jump(4), jump(6)]);
    app.update(Action::JumpBack);
    assert_eq!(app.section, SectionIx(4));
    app.update(Action::JumpBack);
    assert_eq!(app.section, SectionIx(0));
    app.update(Action::JumpForward);
    assert_eq!(app.section, SectionIx(4));
    app.update(Action::JumpForward);
    assert_eq!(app.section, SectionIx(6));
    app.update(Action::JumpForward);
    assert_eq!(app.message.as_deref(), Some("no later jump"));
}

#[test]
fn a_resize_keeps_the_reading_position() {
    let mut app = app_sized(100, 12);
    app.update(jump(1));
    press(&mut app, &[Action::Down, Action::Down, Action::Down, Action::Down, Action::Down]);
    let before = app.location().anchor;
    assert!(before.paragraph.is_some());
    app.update(Message::Resize(40, 14));
    assert_eq!(app.screen(), Rect::new(0, 0, 40, 14));
    let after = app.location().anchor;
    assert_eq!(after.paragraph, before.paragraph);
    assert!(after.offset <= before.offset);
    // The top line still shows the byte the old top line started with.
    let line = &app.page.lines[app.scroll];
    assert!(line.range.start <= before.offset && before.offset <= line.range.end);
}

#[test]
fn tiny_and_empty_screens_keep_the_state_in_bounds() {
    let mut app = app();
    for (w, h) in [(0, 0), (1, 1), (5, 0), (0, 5), (30, 8), (2000, 3)] {
        app.update(Message::Resize(w, h));
        press(&mut app, &[Action::Down, Action::PageDown, Action::Bottom, Action::NextSection]);
        assert!(app.scroll <= app.max_scroll(), "{w}x{h}");
        assert!(app.page_height() >= 1);
    }
    assert_eq!(app.section, SectionIx(6));
}

#[test]
fn help_opens_scrolls_within_its_end_and_closes() {
    let mut app = app_sized(80, 20);
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Help);
    let last = crate::tui::ui::help::last_scroll(app.screen);
    assert!(last > 0, "the help is longer than a 20-row screen");
    press(&mut app, &[Action::Bottom, Action::Down, Action::Down]);
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll }) if scroll == last));
    app.update(Action::Up);
    assert!(
        matches!(app.overlay, Some(Overlay::Help { scroll }) if scroll == last - 1),
        "k after G moves at once"
    );
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
    app.update(Action::Click(Focus::Claims, Some(ItemIx(1))));
    assert_eq!((app.focus, app.selected(SidePane::Claims)), (Focus::Claims, ItemIx(1)));
    app.update(Action::Click(Focus::Claims, Some(ItemIx(99))));
    assert_eq!(app.selected(SidePane::Claims), ItemIx(1), "a click past the end selects nothing");
    app.update(Action::Click(Focus::Text, None));
    app.update(Action::Top);
    app.update(Action::Wheel(Focus::Text, true));
    assert_eq!(app.scroll, WHEEL_LINES.min(app.max_scroll()));
    assert!(app.scroll > 0);
    assert_eq!(app.focus, Focus::Text);
}

#[test]
fn restore_clamps_a_stale_location() {
    let mut app = app();
    let far =
        Location { section: SectionIx(99), anchor: Anchor { paragraph: Some(50), offset: 10_000 } };
    app.restore(far);
    assert_eq!(app.section, SectionIx(TITLES.len() - 1));
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
fn writing_a_note_asks_for_it_to_be_saved_and_says_so_once_it_is() {
    let mut app = app();
    app.update(jump(1));
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::EditingNote);
    for c in "hi 中文".chars() {
        app.update(key(c));
    }
    let claim = app.selected_claim().unwrap();
    let Effect::SaveNotes(changes) = app.update(Action::SaveNote) else { panic!("no save") };
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].as_claim().unwrap().claim, "c10");
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(note_of(&app, claim.0).unwrap().note, "hi 中文");
    assert!(
        !app.message.as_deref().unwrap_or("").contains("saved"),
        "not before the store says so"
    );
    let notes = app.notes.notes.clone();
    app.update(Message::NotesSaved {
        briefing: "fixture".into(),
        count: 1,
        notes: notes.into(),
        kept_both: Vec::new(),
    });
    assert_eq!(app.message.as_deref(), Some("note saved on “Part 1 asserts point 0.”"));
    assert!(app.notes.pending.is_empty());
    // Saving an unchanged note writes nothing.
    app.update(Action::EditNote);
    assert_eq!(app.update(Action::SaveNote), Effect::None);
}

#[test]
fn changes_made_while_a_save_is_on_its_way_are_sent_once_and_kept_until_saved() {
    let mut app = app();
    let first = app.update(Action::CycleStance);
    let second = app.update(Action::CycleStance);
    let (Effect::SaveNotes(a), Effect::SaveNotes(b)) = (first, second) else { panic!() };
    assert_eq!((a.len(), b.len()), (1, 1), "each change is handed over once");
    assert_eq!(app.notes.pending.len(), 2);
    // The store wrote the first; the file holds an agree (and another reader's note).
    let mut file = crate::notes::Notes::new();
    let mut agreed = app.notes.notes["c00"].clone();
    agreed.stance = Some(Stance::Agree);
    file.insert("c00".into(), agreed);
    let mut other = app.notes.notes["c00"].clone();
    other.claim = "c30".into();
    other.note = "from elsewhere".into();
    file.insert("c30".into(), other);
    app.update(Message::NotesSaved {
        briefing: "fixture".into(),
        count: 1,
        notes: file.into(),
        kept_both: Vec::new(),
    });
    assert_eq!(app.notes.pending.len(), 1, "the second is still on its way");
    assert_eq!(note_of(&app, 0).unwrap().stance, Some(Stance::Disagree), "shown on top");
    assert_eq!(note_of(&app, 9).unwrap().note, "from elsewhere");
}

#[test]
fn a_failed_save_is_shown_and_messages_for_another_briefing_are_ignored() {
    let mut app = app();
    assert!(is_save(&app.update(Action::CycleStance)));
    let error = crate::notes::store::SaveError::Failed("disk full".into());
    app.update(Message::NotesNotSaved { briefing: "other".into(), error: error.clone() });
    assert_eq!(app.notes.save_error, None);
    app.update(Message::NotesNotSaved { briefing: "fixture".into(), error });
    assert_eq!(app.notes.save_error.as_deref(), Some("disk full"));
    assert_eq!(app.notes.pending.len(), 1, "kept, to be tried again");
}

#[test]
fn notes_are_not_touched_before_they_are_read() {
    let mut app = App::new(fixture(), Rect::new(0, 0, 120, 40));
    assert_eq!(app.update(Action::CycleStance), Effect::None);
    assert_eq!(app.message.as_deref(), Some(NOTES_LOADING));
    assert!(!app.offers(Action::EditNote));
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Ok(Default::default()) });
    assert!(app.offers(Action::EditNote));
    assert!(is_save(&app.update(Action::CycleStance)));
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
    assert!(is_save(&app.update(Action::Yes)));
    assert_eq!(note_of(&app, 0).unwrap().note, "y");
    // No changes: Esc just closes.
    app.update(Action::EditNote);
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::Reading);
}

#[test]
fn finishing_keeps_the_note_open_in_the_editor() {
    let mut app = app();
    press(&mut app, &[Action::EditNote, key('k'), key('e'), key('p'), key('t')]);
    let changes = app.finish();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].as_claim().unwrap().edit,
        crate::notes::Edit::EditNote { text: "kept".into(), was: String::new() }
    );
    assert!(app.finish().is_empty(), "handed over once");
}

#[test]
fn stance_cycles_and_is_independent_of_the_note() {
    let mut app = app();
    assert!(is_save(&app.update(Action::CycleStance)));
    assert_eq!(note_of(&app, 0).unwrap().stance, Some(Stance::Agree));
    press(&mut app, &[Action::CycleStance, Action::CycleStance]);
    assert_eq!(note_of(&app, 0).unwrap().stance, Some(Stance::Unsure));
    app.update(Action::CycleStance);
    assert!(note_of(&app, 0).is_none(), "no stance, no note: nothing stored");
}

#[test]
fn delete_asks_first() {
    let mut app = app();
    app.update(Action::DeleteNote);
    assert_eq!(app.message.as_deref(), Some("no note on “Part 0 asserts point 0.”"));
    press(&mut app, &[Action::EditNote, key('z'), Action::SaveNote, Action::CycleStance]);
    app.update(Action::DeleteNote);
    assert_eq!(app.mode(), Mode::Confirm);
    app.update(Action::No);
    assert_eq!(note_of(&app, 0).unwrap().note, "z");
    app.update(Action::DeleteNote);
    assert!(is_save(&app.update(Action::Yes)));
    let left = note_of(&app, 0).unwrap();
    assert_eq!((left.note.as_str(), left.stance), ("", Some(Stance::Agree)), "the stance stays");
}

#[test]
fn read_only_notes_refuse_changes_with_the_reason() {
    let mut app = App::new(fixture(), Rect::new(0, 0, 120, 40));
    let problem = "notes.toml:3:1: error: bad".to_string();
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Err(problem) });
    assert_eq!(app.message.as_deref(), Some("notes.toml:3:1: error: bad"));
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(app.message.as_deref(), Some("notes are read-only: notes.toml:3:1: error: bad"));
    assert_eq!(app.update(Action::CycleStance), Effect::None);
    assert!(app.notes.pending.is_empty());
}

#[test]
fn annotating_needs_a_claim() {
    let mut app = app();
    press(&mut app, &[Action::FocusNext, Action::FocusNext, Action::FocusNext]);
    app.update(Action::EditNote);
    assert_eq!(app.message.as_deref(), Some("select a claim first (Tab to the claims pane)"));
}

#[test]
fn pasted_text_goes_into_the_editor_made_safe() {
    let mut app = app();
    app.update(Action::EditNote);
    app.update(Message::Paste("line one\r\nline\ttwo \u{1b}[2J\u{202e}".into()));
    app.update(Action::SaveNote);
    assert_eq!(note_of(&app, 0).unwrap().note, "line one\nline\ttwo ^[[2J<U+202E>");
}

#[test]
fn a_paste_into_the_search_is_one_query() {
    let mut app = app();
    app.update(Action::StartSearch);
    app.update(Message::Paste("Kun\u{1b}peng".into()));
    assert_eq!(app.search.query, "Kun^[peng");
    app.update(Action::Close);
    app.update(Message::Paste("ignored while reading".into()));
    assert_eq!(app.mode(), Mode::Reading);
}

#[test]
fn the_notes_overview_jumps_to_a_claim() {
    let mut app = app();
    app.update(jump(3));
    press(&mut app, &[Action::FocusNext, Action::Down, Action::CycleStance]);
    let claim = app.selected_claim().unwrap();
    press(&mut app, &[jump(0), Action::FocusPrev, Action::OpenNotes]);
    assert_eq!(app.mode(), Mode::Notes);
    app.update(Action::Accept);
    assert_eq!(app.mode(), Mode::Reading);
    assert_eq!(
        (app.section, app.selected_claim(), app.focus),
        (SectionIx(3), Some(claim), Focus::Claims)
    );
}

#[test]
fn esc_ends_the_matches_mode() {
    let mut app = app();
    press(&mut app, &[Action::StartSearch, Action::Type('c'), Action::Type('h'), Action::Accept]);
    assert_eq!(app.mode(), Mode::Matches);
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::Reading);
}

fn library_row(id: &str, title: &str, progress: &str, notes: usize) -> LibraryRow {
    LibraryRow {
        entry: crate::library::Entry {
            id: id.into(),
            title: title.into(),
            sections: 2,
            claims: 1,
            section_ids: Vec::new(),
            path: Some(format!("{id}.toml").into()),
            is_duplicate: false,
        },
        progress: progress.into(),
        notes,
    }
}

#[test]
fn the_library_is_scanned_off_the_loop_and_picking_one_opens_it() {
    let mut app = app();
    app.update(jump(2));
    assert_eq!(app.update(Action::OpenLibrary), Effect::ScanLibrary);
    let rows = vec![
        library_row("fixture", "Fixture briefing", "§1/7", 0),
        library_row("other", "Other", "new", 2),
    ];
    app.update(Message::LibraryScanned(LibraryScan { rows, problems: 1 }));
    assert_eq!(app.mode(), Mode::Picker);
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!() };
    let labels: Vec<String> =
        picker.entries.iter().map(|&e| picker.label(&app.briefing, e)).collect();
    assert_eq!(
        labels,
        ["Fixture briefing · fixture · §3/7", "Other · other · new · ✎ 2"],
        "the open briefing shows where the reader is now"
    );
    assert_eq!(picker.chosen(), Some(PickerEntry::Briefing(0)), "the open one is selected");
    assert!(app.message.as_deref().is_some_and(|m| m.starts_with("1 file(s)")));
    type_text(&mut app, "oth");
    let Effect::Open(entry) = app.update(Action::Accept) else { panic!("no switch") };
    assert_eq!(entry.id, "other");
    assert!(app.overlay.is_none());
}

#[test]
fn two_files_with_one_id_are_told_apart_by_their_paths_in_the_library() {
    let mut app = app();
    app.update(Action::OpenLibrary);
    let mut rows =
        vec![library_row("same", "Same", "new", 0), library_row("same", "Same", "new", 0)];
    for (row, path) in rows.iter_mut().zip(["a/same.toml", "b/same.toml"]) {
        row.entry.is_duplicate = true;
        row.entry.path = Some(path.into());
    }
    app.update(Message::LibraryScanned(LibraryScan { rows, problems: 0 }));
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!() };
    let labels: Vec<String> =
        picker.entries.iter().map(|&e| picker.label(&app.briefing, e)).collect();
    assert_eq!(
        labels,
        [
            "Same · same · new · DUPLICATE ID · a/same.toml",
            "Same · same · new · DUPLICATE ID · b/same.toml"
        ]
    );
    type_text(&mut app, "b/");
    let Effect::Open(entry) = app.update(Action::Accept) else { panic!("no switch") };
    assert_eq!(entry.path.as_deref(), Some(std::path::Path::new("b/same.toml")));
}

#[test]
fn a_library_scan_that_arrives_after_the_picker_closed_is_dropped() {
    let mut app = app();
    app.update(Action::OpenLibrary);
    app.update(Action::Close);
    app.update(Message::LibraryScanned(LibraryScan::default()));
    assert!(app.overlay.is_none());
}

#[test]
fn what_is_typed_before_the_library_is_read_filters_it() {
    let mut app = app();
    assert_eq!(app.update(Action::OpenLibrary), Effect::ScanLibrary);
    assert_eq!(app.mode(), Mode::Picker, "open at once");
    type_text(&mut app, "oth");
    app.update(Action::Accept);
    assert_eq!(app.message.as_deref(), Some("the library is still being read"));
    let rows = vec![
        library_row("fixture", "Fixture briefing", "§1/7", 0),
        library_row("other", "Other", "new", 2),
    ];
    app.update(Message::LibraryScanned(LibraryScan { rows, problems: 0 }));
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!() };
    assert_eq!(picker.filter, "oth");
    assert_eq!(picker.entries, [PickerEntry::Briefing(1)]);
    let Effect::Open(entry) = app.update(Action::Accept) else { panic!("no switch") };
    assert_eq!(entry.id, "other");
    assert!(app.notes.pending.is_empty(), "no key went to the reading pane");
}

#[test]
fn esc_after_keeping_a_search_clears_it() {
    let mut app = app();
    press(&mut app, &[Action::StartSearch, Action::Type('c'), Action::Type('h'), Action::Accept]);
    app.update(Action::NextSection);
    app.update(Action::Close);
    assert_eq!(app.search.count(), 0);
    assert!(app.body_matches(0, 0..usize::MAX).is_empty());
}

#[test]
fn cancelling_a_new_prompt_keeps_the_search_before_it() {
    let mut app = app();
    press(&mut app, &[Action::StartSearch, Action::Type('c'), Action::Type('h'), Action::Accept]);
    let kept = app.search.count();
    assert!(kept > 0);
    press(&mut app, &[Action::StartSearch, Action::Type('z'), Action::Close]);
    assert_eq!(app.search.query, "ch");
    assert_eq!(app.search.count(), kept);
    assert_eq!(app.mode(), Mode::Matches);
}

#[test]
fn search_finds_section_titles_and_the_cover() {
    let mut app = app();
    app.update(Action::StartSearch);
    type_text(&mut app, "squeeze");
    assert!(matches!(app.hits().first().map(|h| h.field), Some(Field::SectionTitle(SectionIx(0)))));
    app.update(Action::Close);
    app.update(jump(5));
    app.update(Action::StartSearch);
    type_text(&mut app, "audacious");
    assert!(matches!(app.hits()[0].field, Field::Cover(LineKind::Summary(0))));
    assert_eq!((app.section, app.scroll), (SectionIx(0), 0), "the cover is atop section 1");
}

#[test]
fn a_huge_terminal_is_drawn_in_part_and_says_so() {
    let mut app = app();
    app.update(Message::Resize(65535, 65535));
    assert_eq!(app.screen(), Rect::new(0, 0, 1000, 500));
    assert_eq!(
        app.message.as_deref(),
        Some("this terminal is 65535x65535: the reader draws at most 1000x500 of it")
    );
    app.update(Message::Resize(200, 60));
    assert_eq!(app.screen(), Rect::new(0, 0, 200, 60));
}

#[test]
fn u_undoes_changes_one_by_one_through_the_save_path() {
    let mut app = app();
    assert!(!app.offers(Action::Undo));
    press(&mut app, &[Action::CycleStance]);
    press(&mut app, &[Action::EditNote, key('h'), key('i'), Action::SaveNote]);
    assert_eq!(note_of(&app, 0).unwrap().note, "hi");
    assert!(app.offers(Action::Undo));
    // The note first: back to none, the stance kept.
    let Effect::SaveNotes(changes) = app.update(Action::Undo) else { panic!("no save") };
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].as_claim().unwrap().edit,
        crate::notes::Edit::EditNote { text: String::new(), was: "hi".into() }
    );
    let n = note_of(&app, 0).unwrap();
    assert_eq!((n.note.as_str(), n.stance), ("", Some(Stance::Agree)));
    // Then the stance; then nothing is left to undo.
    let Effect::SaveNotes(changes) = app.update(Action::Undo) else { panic!("no save") };
    assert_eq!(changes[0].as_claim().unwrap().edit, crate::notes::Edit::SetStance(None));
    assert!(note_of(&app, 0).is_none_or(|n| n.stance.is_none() && n.note.is_empty()));
    assert_eq!(app.update(Action::Undo), Effect::None);
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
    // Said once the store has written it, naming the claim.
    let mut again = self::app();
    press(&mut again, &[Action::CycleStance, Action::Undo]);
    let notes = again.notes.notes.clone();
    again.update(Message::NotesSaved {
        briefing: "fixture".into(),
        count: 2,
        notes: notes.into(),
        kept_both: vec![],
    });
    assert_eq!(
        again.message.as_deref(),
        Some("undone on “Part 0 asserts point 0.”: no stance, no note")
    );
}

#[test]
fn a_change_made_from_the_text_names_the_claim_it_changed() {
    let mut app = app();
    assert_eq!(app.focus(), Focus::Text);
    app.update(Action::CycleStance);
    assert_eq!(app.message.as_deref(), Some("stance: agree on “Part 0 asserts point 0.”"));
}

#[test]
fn undo_is_refused_while_the_notes_are_read_only() {
    let mut app = app();
    app.update(Action::CycleStance);
    app.notes.read_only = Some("two entries for one claim".into());
    assert_eq!(app.update(Action::Undo), Effect::None);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("read-only")));
    assert!(!app.offers(Action::Undo));
}

/// Notes on the fixture's claims 0, 1 and 2 (section 0): text and stance as given.
fn annotated(notes: &[(usize, &str, Option<Stance>)]) -> App {
    let mut app = app();
    let mut file = crate::notes::Notes::new();
    for &(claim, text, stance) in notes {
        let c = &app.briefing.claims[claim];
        file.insert(
            c.id.clone(),
            crate::notes::Note {
                claim: c.id.clone(),
                claim_text: c.text.clone(),
                stance,
                likelihood: None,
                confidence: None,
                factors: Vec::new(),
                note: text.into(),
                created: crate::notes::store::utc(0),
                updated: crate::notes::store::utc(0),
            },
        );
    }
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Ok(file.into()) });
    app
}

fn shown_claims(app: &App) -> Vec<String> {
    let Some(Overlay::Notes(view)) = &app.overlay else { panic!("no overview") };
    app.notes_shown(view)
        .iter()
        .map(|e| match e {
            crate::tui::app::Entry::Note(n, _) => n.claim.clone(),
            crate::tui::app::Entry::Mark(m, _, _) => m.id.clone(),
        })
        .collect()
}

#[test]
fn the_notes_overview_filters_by_words_tags_and_stance() {
    let mut app = annotated(&[
        (0, "Chips matter. #supply", Some(Stance::Disagree)),
        (1, "Talent is the story.", Some(Stance::Agree)),
        (2, "Later. #supply", None),
    ]);
    let ids: Vec<String> = (0..3).map(|c| app.briefing.claims[c].id.clone()).collect();
    app.update(Action::OpenNotes);
    assert_eq!(shown_claims(&app), ids);
    // `/` types a filter; a #word is a tag.
    app.update(Action::StartSearch);
    assert_eq!(app.mode(), Mode::NotesFilter);
    type_text(&mut app, "#supply");
    assert_eq!(shown_claims(&app), [ids[0].clone(), ids[2].clone()]);
    app.update(Action::Accept);
    assert_eq!(app.mode(), Mode::Notes, "Enter keeps the filter");
    // `s` steps the stance shown: agree, disagree, unsure, none, all.
    app.update(Action::CycleStance);
    assert!(shown_claims(&app).is_empty(), "agree and #supply: none");
    app.update(Action::CycleStance);
    assert_eq!(shown_claims(&app), [ids[0].clone()]);
    press(&mut app, &[Action::CycleStance, Action::CycleStance]);
    assert_eq!(shown_claims(&app), [ids[2].clone()], "without a stance");
    app.update(Action::CycleStance);
    assert_eq!(shown_claims(&app).len(), 2, "all stances again");
    // Esc while typing clears the filter; Esc then closes.
    press(&mut app, &[Action::StartSearch, Action::Close]);
    assert_eq!((app.mode(), shown_claims(&app).len()), (Mode::Notes, 3));
    app.update(Action::Close);
    assert_eq!(app.mode(), Mode::Reading);
}

#[test]
fn a_note_is_edited_from_the_overview_and_the_overview_comes_back() {
    let mut app = annotated(&[(0, "one", None), (1, "two #x", None)]);
    press(&mut app, &[Action::OpenNotes, Action::StartSearch]);
    type_text(&mut app, "two");
    press(&mut app, &[Action::Accept, Action::EditNote]);
    assert_eq!(app.mode(), Mode::EditingNote);
    press(&mut app, &[key('!')]);
    assert!(is_save(&app.update(Action::SaveNote)));
    assert_eq!(note_of(&app, 1).unwrap().note, "two #x!");
    assert_eq!(app.mode(), Mode::Notes, "back in the overview");
    let Some(Overlay::Notes(view)) = &app.overlay else { panic!() };
    assert_eq!(view.filter, "two", "with its filter");
    // Closing the editor without a change comes back too.
    press(&mut app, &[Action::EditNote, Action::Close]);
    assert_eq!(app.mode(), Mode::Notes);
}

#[test]
fn deleting_says_and_does_exactly_what_was_asked() {
    let mut app = annotated(&[
        (0, "text and stance", Some(Stance::Agree)),
        (1, "text and stance", Some(Stance::Unsure)),
        (2, "", Some(Stance::Disagree)),
    ]);
    app.update(Action::OpenNotes);
    // y: the text goes, the stance stays, and the message says so.
    press(&mut app, &[Action::DeleteNote]);
    let Some(Overlay::Confirm(Confirm::DeleteNote(d))) = &app.overlay else { panic!() };
    assert_eq!((d.has_text, d.stance), (true, Some(Stance::Agree)));
    assert!(is_save(&app.update(Action::Yes)));
    let n = note_of(&app, 0).unwrap();
    assert_eq!((n.note.as_str(), n.stance), ("", Some(Stance::Agree)));
    assert_eq!(app.mode(), Mode::Notes, "back in the overview");
    let notes = app.notes.notes.clone();
    app.update(Message::NotesSaved {
        briefing: "fixture".into(),
        count: 1,
        notes: notes.into(),
        kept_both: vec![],
    });
    assert_eq!(
        app.message.as_deref(),
        Some("note deleted on “Part 0 asserts point 0.”; its stance (agree) kept")
    );
    // a: text and stance.
    press(&mut app, &[Action::Down, Action::DeleteNote]);
    assert!(is_save(&app.update(Action::YesBoth)));
    assert!(note_of(&app, 1).is_none_or(|n| n.is_empty()), "nothing left of it");
    // A stance alone: d offers to clear it.
    let mut app = annotated(&[(2, "", Some(Stance::Disagree))]);
    press(&mut app, &[Action::OpenNotes, Action::DeleteNote]);
    let Some(Overlay::Confirm(Confirm::DeleteNote(d))) = &app.overlay else { panic!() };
    assert!(!d.has_text);
    assert_eq!(app.update(Action::YesBoth), Effect::None, "a means nothing here");
    assert!(is_save(&app.update(Action::Yes)));
    assert!(note_of(&app, 2).is_none_or(|n| n.stance.is_none()));
}

#[test]
fn an_orphaned_note_can_be_deleted_from_the_overview_not_edited() {
    let mut app = app();
    let mut file = crate::notes::Notes::new();
    file.insert(
        "gone".into(),
        crate::notes::Note {
            claim: "gone".into(),
            claim_text: "A claim \u{1b}[2J no longer here".into(),
            stance: Some(Stance::Agree),
            likelihood: None,
            confidence: None,
            factors: Vec::new(),
            note: "kept".into(),
            created: crate::notes::store::utc(0),
            updated: crate::notes::store::utc(0),
        },
    );
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Ok(file.into()) });
    press(&mut app, &[Action::OpenNotes, Action::EditNote]);
    assert_eq!(app.mode(), Mode::Notes);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("can be deleted")));
    app.update(Action::DeleteNote);
    let Effect::SaveNotes(changes) = app.update(Action::YesBoth) else { panic!("no save") };
    assert!(changes.iter().all(|c| c.as_claim().unwrap().claim == "gone"));
    assert!(app.notes.get("gone").is_none_or(|n| n.is_empty()));
    // The message names it by the text its note kept, made safe.
    assert!(app.message.as_deref().is_some_and(|m| m.contains("^[[2J") && !m.contains('\u{1b}')));
    // And u brings it back.
    assert!(is_save(&app.update(Action::Undo)));
    assert_eq!(app.notes.get("gone").map(|n| n.note.as_str()), Some("kept"));
}

#[test]
fn z_hides_the_analysis_panes_and_tab_brings_them_back() {
    let mut app = app();
    let width = |app: &App| crate::tui::layout::text_inner(app.areas().text, app.shape().measure).1;
    let before = width(&app);
    press(&mut app, &[Action::FocusNext, Action::ToggleAnalysis]);
    assert_eq!(app.areas().side, crate::tui::layout::Side::Off);
    assert_eq!(app.focus(), Focus::Text, "focus comes back to the text");
    assert!(app.message().is_some_and(|m| m.starts_with("reading mode")));
    assert!(width(&app) >= before);
    assert_eq!(app.page.width, width(&app), "the text is wrapped to its new width");
    app.update(Action::FocusNext);
    assert!(matches!(app.areas().side, crate::tui::layout::Side::Stacked { .. }));
    assert_eq!(app.focus(), Focus::Claims);
    press(&mut app, &[Action::ToggleAnalysis, Action::ToggleAnalysis]);
    assert!(app.show_analysis());
}

#[test]
fn u_lists_the_gaps_and_enter_goes_to_one_and_ctrl_o_back() {
    let mut app = app();
    app.update(Action::OpenGaps);
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!("no gaps picker") };
    let title = picker.title(&app.briefing);
    assert!(title.starts_with("Gaps: judged 0 of 21 claims · "), "{title}");
    // The fixture's claims 2 of each section have no counterpoint; the first is in §1.
    let first = picker.label(&app.briefing, picker.entries[0]);
    assert_eq!(first, "§1 not judged by you: Part 0 asserts point 0.");
    // Typed words filter, as in every picker.
    type_text(&mut app, "counterpoint §6");
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!() };
    let chosen = picker.label(&app.briefing, picker.chosen().unwrap());
    assert_eq!(chosen, "§6 no counterpoint: Part 5 asserts point 2.");
    app.update(Action::Accept);
    assert_eq!((app.section, app.focus), (SectionIx(5), Focus::Claims));
    assert!(app.briefing.claims[app.selected_claim().unwrap()].counterpoints.is_empty());
    app.update(Action::JumpBack);
    assert_eq!(app.section, SectionIx(0));
}

/// A briefing with two hypotheses: the fixture with ratings on its first section's claims.
fn rated() -> App {
    let mut toml = fixture_toml();
    toml.push_str(
        "\n[[hypothesis]]\nid = \"h1\"\ntitle = \"One\"\ntext = \"x\"\n\
         \n[[hypothesis]]\nid = \"h2\"\ntitle = \"Two\"\ntext = \"y\"\n",
    );
    for (claim, ratings) in [("c00", "h1 = \"I\", h2 = \"C\""), ("c01", "h1 = \"C\", h2 = \"II\"")]
    {
        let at = toml.find(&format!("id = \"{claim}\"\n")).unwrap();
        let line_end = at + toml[at..].find('\n').unwrap() + 1;
        toml.insert_str(line_end, &format!("ratings = {{ {ratings} }}\n"));
    }
    let report = check_text(std::path::Path::new("rated.toml"), &toml);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let mut app = App::new(report.briefing.unwrap(), Rect::new(0, 0, 120, 40));
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Ok(Default::default()) });
    app
}

#[test]
fn the_matrix_moves_sets_rows_aside_and_goes_to_a_claim() {
    let mut app = rated();
    app.update(Action::OpenMatrix);
    assert_eq!(app.mode(), Mode::Matrix);
    let Some(Overlay::Matrix(view)) = &app.overlay else { panic!() };
    // h1: I from c00 = 1; h2: II from c01 = 2: One first.
    assert_eq!((view.scores(), view.ranking()), (&[1, 2][..], &[0, 1][..]));
    press(&mut app, &[Action::Down, Action::Right, Action::Right]);
    let Some(Overlay::Matrix(view)) = &app.overlay else { panic!() };
    assert_eq!((view.row, view.column), (1, 1), "moves stop at the last column");
    // c01 set aside: h2 loses its II, and the ranking turns.
    app.update(Action::SetAside);
    assert_eq!(app.message(), Some("row set aside: the ranking changes"));
    let Some(Overlay::Matrix(view)) = &app.overlay else { panic!() };
    assert_eq!((view.scores(), view.ranking_changed()), (&[1, 0][..], true));
    app.update(Action::SetAside);
    assert_eq!(app.message(), Some("row counted again: the ranking stays"));
    app.update(Action::Activate);
    assert!(app.overlay.is_none());
    assert_eq!((app.focus, app.selected_claim()), (Focus::Claims, Some(ClaimIx(1))));
    app.update(Action::JumpBack);
    assert_eq!(app.section, SectionIx(0));
}

/// The matrix view of `app`, its scores checked against a count over every row.
fn matrix_of(app: &App) -> &MatrixView {
    let Some(Overlay::Matrix(view)) = &app.overlay else { panic!("no matrix") };
    assert_eq!(view.scores(), view.matrix.scores_without(&view.aside), "kept = recounted");
    assert_eq!(view.matrix.scores, view.matrix.scores_without(&[]), "kept = recounted");
    view
}

#[test]
fn your_ratings_take_the_authors_place_in_the_cells_and_the_ranking_and_u_undoes() {
    use crate::briefing::Consistency as C;
    let mut app = rated();
    app.update(Action::OpenMatrix);
    // c00 is (I, C), c01 (C, II): One 1, Two 2.
    press(&mut app, &[Action::Right]);
    let effect = app.update(Action::Rate(Some(C::VeryInconsistent)));
    let Effect::SaveNotes(changes) = effect else { panic!("no save: {effect:?}") };
    assert!(matches!(&changes[..], [Update::Rating(r)] if r.key.item == "c00"
        && r.key.hypothesis == "h2" && r.consistency == Some(C::VeryInconsistent)));
    assert_eq!(
        app.message(),
        Some("your rating: II (very inconsistent) of “Part 0 asserts point 0.” under Two")
    );
    // c00 (I, II*): One 1, Two 2 + 2.
    assert_eq!(matrix_of(&app).scores(), [1, 4]);
    assert!(matrix_of(&app).matrix.rows[0].1[1].is_yours());
    // c00 (II*, II*): the same under both, so no longer diagnostic: One 0, Two 2 (c01).
    press(&mut app, &[Action::Left, Action::Rate(Some(C::VeryInconsistent))]);
    let view = matrix_of(&app);
    assert_eq!((view.scores(), view.matrix.rows[0].2), (&[0, 2][..], false));
    // 0 clears it: c00 (I, II*) again.
    app.update(Action::Rate(None));
    assert_eq!(matrix_of(&app).scores(), [1, 4]);
    assert_eq!(app.notes.ratings.len(), 1);
    // u sets the cleared rating back, then the first one.
    assert!(is_save(&app.update(Action::Undo)));
    assert_eq!(matrix_of(&app).scores(), [0, 2]);
    press(&mut app, &[Action::Undo, Action::Undo]);
    assert_eq!(matrix_of(&app).scores(), [1, 2], "the author's alone again");
    assert!(app.notes.ratings.is_empty());
    // The same rating twice says so and saves nothing.
    app.update(Action::Rate(Some(C::Inconsistent)));
    assert_eq!(app.update(Action::Rate(Some(C::Inconsistent))), Effect::None);
    assert!(app.message().unwrap().ends_with("already"), "{:?}", app.message());
}

#[test]
fn a_rating_on_a_row_set_aside_counts_once_it_is_counted_again() {
    use crate::briefing::Consistency as C;
    let mut app = rated();
    app.update(Action::OpenMatrix);
    press(&mut app, &[Action::Down, Action::SetAside]);
    // c01 aside: One 1 (c00), Two 0.
    assert_eq!(matrix_of(&app).scores(), [1, 0]);
    assert!(matrix_of(&app).ranking_changed());
    // Rated while aside: the matrix's own scores move, the view's stay.
    // c01 (I*, II): One 1 + 1, Two 2.
    press(&mut app, &[Action::Rate(Some(C::Inconsistent))]);
    assert_eq!(matrix_of(&app).scores(), [1, 0]);
    assert_eq!(matrix_of(&app).matrix.scores, [2, 2]);
    assert!(matrix_of(&app).ranking_changed(), "aside, Two leads; counted, a tie: One");
    press(&mut app, &[Action::SetAside]);
    assert_eq!(matrix_of(&app).scores(), [2, 2]);
    assert!(!matrix_of(&app).ranking_changed());
}

#[test]
fn factor_columns_take_no_ratings_and_read_only_notes_none_either() {
    let mut app = app();
    app.update(Action::OpenMatrix);
    let effect = app.update(Action::Rate(Some(crate::briefing::Consistency::Neutral)));
    assert_eq!(effect, Effect::None);
    assert!(app.message().unwrap().starts_with("factor columns take no ratings"));
    let mut app = rated();
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Err("broken".into()) });
    app.update(Action::OpenMatrix);
    let effect = app.update(Action::Rate(Some(crate::briefing::Consistency::Neutral)));
    assert_eq!(effect, Effect::None);
    assert_eq!(app.message(), Some("notes are read-only: broken"));
}

#[test]
fn ratings_read_from_the_file_show_in_an_open_matrix() {
    use crate::notes::{Annotations, ItemKind, RatingKey};
    let mut app = rated();
    app.update(Action::OpenMatrix);
    press(&mut app, &[Action::Down]);
    let mut file = Annotations::default();
    let key = RatingKey { kind: ItemKind::Claim, item: "c00".into(), hypothesis: "h2".into() };
    file.ratings.insert(key, crate::briefing::Consistency::Inconsistent);
    app.update(Message::NotesRead { briefing: "fixture".into(), file: Ok(file) });
    let view = matrix_of(&app);
    // c00 (I, I*): the same under both now, left out: One 0, Two 2 (c01).
    assert_eq!((view.row, view.scores()), (1, &[0, 2][..]), "the place is kept");
}

#[test]
fn p_and_c_cycle_likelihood_and_confidence_apart_from_the_stance() {
    use crate::notes::{Confidence, Likelihood};
    let mut app = app();
    assert!(app.offers(Action::CycleLikelihood) && app.offers(Action::CycleConfidence));
    assert!(is_save(&app.update(Action::CycleLikelihood)));
    assert_eq!(
        app.message.as_deref(),
        Some("likelihood: almost no chance (1-5%) on “Part 0 asserts point 0.”")
    );
    for _ in 0..4 {
        app.update(Action::CycleLikelihood);
    }
    press(&mut app, &[Action::CycleConfidence, Action::CycleConfidence, Action::CycleStance]);
    assert_eq!(app.message.as_deref(), Some("stance: agree on “Part 0 asserts point 0.”"));
    let n = note_of(&app, 0).unwrap();
    assert_eq!(
        (n.likelihood, n.confidence, n.stance),
        (Some(Likelihood::Likely), Some(Confidence::Moderate), Some(Stance::Agree))
    );
    // The stance cleared, the estimate stays; then back to none.
    press(&mut app, &[Action::CycleStance, Action::CycleStance, Action::CycleStance]);
    assert_eq!(note_of(&app, 0).unwrap().estimate().compact().as_deref(), Some("likely · mod"));
    press(&mut app, &[Action::CycleLikelihood, Action::CycleLikelihood]);
    assert_eq!(note_of(&app, 0).unwrap().likelihood, Some(Likelihood::AlmostCertain));
    app.update(Action::CycleLikelihood);
    assert_eq!(app.message.as_deref(), Some("likelihood cleared on “Part 0 asserts point 0.”"));
    press(&mut app, &[Action::CycleConfidence]);
    assert_eq!(app.message.as_deref(), Some("confidence: high on “Part 0 asserts point 0.”"));
    app.update(Action::CycleConfidence);
    assert!(note_of(&app, 0).is_none(), "nothing left: nothing stored");
    // Said once saved, like a stance.
    let notes = app.notes.notes.clone();
    let count = app.notes.pending.len();
    app.update(Message::NotesSaved {
        briefing: "fixture".into(),
        count,
        notes: notes.into(),
        kept_both: vec![],
    });
    assert_eq!(
        app.message.as_deref(),
        Some("confidence cleared and saved on “Part 0 asserts point 0.”")
    );
}

#[test]
fn u_undoes_a_likelihood_or_a_confidence() {
    use crate::notes::{Confidence, Edit, Likelihood};
    let mut app = app();
    press(&mut app, &[Action::CycleLikelihood, Action::CycleConfidence, Action::CycleConfidence]);
    let Effect::SaveNotes(changes) = app.update(Action::Undo) else { panic!("no save") };
    assert_eq!(changes[0].as_claim().unwrap().edit, Edit::SetConfidence(Some(Confidence::Low)));
    app.update(Action::Undo);
    let n = note_of(&app, 0).unwrap();
    assert_eq!((n.likelihood, n.confidence), (Some(Likelihood::AlmostNoChance), None));
    let Effect::SaveNotes(changes) = app.update(Action::Undo) else { panic!("no save") };
    assert_eq!(changes[0].as_claim().unwrap().edit, Edit::SetLikelihood(None));
    assert!(note_of(&app, 0).is_none());
    let notes = app.notes.notes.clone();
    let count = app.notes.pending.len();
    app.update(Message::NotesSaved {
        briefing: "fixture".into(),
        count,
        notes: notes.into(),
        kept_both: vec![],
    });
    assert_eq!(
        app.message.as_deref(),
        Some(
            "undone on “Part 0 asserts point 0.”: no stance, no note, no likelihood or confidence"
        )
    );
}

#[test]
fn p_in_the_notes_overview_sets_the_selected_notes_likelihood() {
    let mut app = annotated(&[(0, "first", None), (1, "second", Some(Stance::Agree))]);
    app.update(Action::OpenNotes);
    press(&mut app, &[Action::Down, Action::CycleLikelihood, Action::CycleConfidence]);
    assert!(matches!(app.overlay, Some(Overlay::Notes(_))), "the overview stays open");
    let n = note_of(&app, 1).unwrap();
    assert_eq!(n.estimate().compact().as_deref(), Some("almost no chance · low"));
    assert!(note_of(&app, 0).unwrap().estimate().is_empty());
    // `d` on a note with only an estimate says how to clear it.
    let mut app = self::app();
    press(&mut app, &[Action::CycleLikelihood, Action::DeleteNote]);
    assert_eq!(
        app.message.as_deref(),
        Some(
            "no note or stance on “Part 0 asserts point 0.”; p and c clear its likelihood and \
             confidence"
        )
    );
}
