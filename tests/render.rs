//! What the reader draws, through the one path users get (`ui::paint` on a `Screen`):
//! snapshots at three sizes and with wide text, a styled check of the quote highlight, the
//! geometry mouse clicks are resolved against, and that painting only what changed shows
//! what a full redraw shows.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

mod common;

use briefing::briefing::{Briefing, SectionIx, load};
use briefing::tui::app::{Action, App, Focus, ItemIx, Message, Overlay};
use briefing::tui::theme::{self, Theme};
use briefing::tui::ui::{self, Geometry, Redraw};
use common::frames::{backend, frame};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

/// A briefing of three sections built for these tests (not the bundled article, so editing
/// that does not break them).
fn fixture() -> Briefing {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid/reader.toml");
    load(std::path::Path::new(path)).unwrap().briefing.unwrap()
}

/// The frame in a `TestBackend`, for insta's text snapshots.
fn draw(app: &App, theme: &Theme) -> TestBackend {
    backend(&frame(app, theme).0)
}

fn app(width: u16, height: u16, actions: &[Action]) -> App {
    let mut app = App::new(fixture(), Rect::new(0, 0, width, height));
    app.update(Message::NotesRead {
        briefing: app.briefing().id.clone(),
        file: Ok(Default::default()),
    });
    for &a in actions {
        app.update(a);
    }
    app
}

fn jump(n: usize) -> Action {
    Action::JumpToSection(SectionIx(n))
}

/// Where `needle` is on screen: (column, row) of its first character.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect();
        row.find(needle).map(|at| (row[..at].chars().count() as u16, y))
    })
}

#[test]
fn wide_120x40_section_3_claims_focused() {
    let app = app(120, 40, &[jump(2), Action::FocusNext, Action::Down]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR));
}

#[test]
fn narrow_80x24_folds_side_panes_into_tabs() {
    let app = app(80, 24, &[jump(1), Action::FocusNext, Action::FocusNext, Action::FocusNext]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR));
}

#[test]
fn small_40x12_still_reads() {
    let app = app(40, 12, &[]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR));
}

#[test]
fn too_small_says_so() {
    let app = app(20, 5, &[]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR));
}

#[test]
fn help_overlay_lists_the_keymap() {
    let app = app(100, 40, &[Action::ToggleHelp]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR));
}

/// The file does not load: its errors below the last good version, what came from the file
/// made safe, at the usual size and a narrow one.
#[test]
fn problems_view_lists_the_errors_over_the_last_good_version() {
    for (width, height) in [(80, 24), (40, 12)] {
        let path = std::path::PathBuf::from("harbour.toml");
        let mut app = app(width, height, &[]).with_source(Some(path.clone()));
        app.update(Message::BriefingBroken {
            path,
            lines: vec![
                "harbour.toml:4:10: error: invalid TOML: string values must be quoted".into(),
                "harbour.toml:9:1: error: claim 'c7' cites unknown section 's9\u{1b}[2J'".into(),
            ],
            first_line: Some(4),
        });
        insta::assert_snapshot!(format!("problems_{width}x{height}"), draw(&app, &theme::COLOR));
    }
}

#[test]
fn contents_picker_with_a_filter() {
    let app = app(100, 24, &[Action::OpenContents, Action::Type('g'), Action::Type('a')]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR));
}

#[test]
fn cjk_and_emoji_are_never_split_or_misaligned() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid/wide.toml");
    let briefing = load(std::path::Path::new(path)).unwrap().briefing.unwrap();
    let mut app = App::new(briefing, Rect::new(0, 0, 100, 20));
    app.update(Message::NotesRead {
        briefing: app.briefing().id.clone(),
        file: Ok(Default::default()),
    });
    app.update(Action::FocusNext);
    let backend = draw(&app, &theme::COLOR);
    insta::assert_snapshot!(backend);
    // Read each row as a terminal shows it (a wide symbol covers the cell after it): every row
    // is exactly as wide as the screen, so no wide character spilled over or was cut.
    let buf = backend.buffer();
    for y in 0..20 {
        let (mut x, mut row) = (0, String::new());
        while x < 100 {
            let symbol = buf[(x, y)].symbol();
            row.push_str(symbol);
            x += (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1);
        }
        assert_eq!(
            (x, unicode_width::UnicodeWidthStr::width(row.as_str())),
            (100, 100),
            "row {y}: {row}"
        );
    }
}

#[test]
fn the_selected_claims_quote_is_highlighted_in_the_text() {
    // 51 columns wraps the text at 47: the quote runs over more than one row.
    let app = app(51, 40, &[jump(1), Action::FocusNext, Action::Activate]);
    assert_eq!(app.page().width, 47);
    let claim = &app.briefing().claims[app.highlight().unwrap()];
    let quote = claim.quote.clone().unwrap();
    assert!(quote.starts_with("over forty ports"), "{quote}");
    let (buf, _) = frame(&app, &theme::COLOR);
    let quote_bg = theme::COLOR.quote.bg.unwrap();
    let text = app.areas().text;
    // The highlighted cells of the text pane, row by row, read back as words.
    let mut rows = Vec::new();
    for y in text.top()..text.bottom() {
        let lit: String = (text.left()..text.right())
            .filter(|&x| buf[(x, y)].bg == quote_bg)
            .map(|x| buf[(x, y)].symbol())
            .collect();
        if !lit.trim().is_empty() {
            rows.push(lit.trim().to_string());
        }
    }
    assert!(rows.len() >= 2, "the quote wraps: {rows:?}");
    assert_eq!(rows.join(" "), quote, "exactly the quote is highlighted");
    // The words around it are not.
    let (x, y) = find(&buf, "with over").expect("the line where the quote starts");
    assert_ne!(buf[(x, y)].bg, quote_bg, "'with' is before the quote");
    assert_eq!(buf[(x + 5, y)].bg, quote_bg, "'over' starts it");
}

#[test]
fn without_colour_the_selection_is_still_visible() {
    let app = app(120, 40, &[Action::FocusNext]);
    let (buf, _) = frame(&app, &theme::MONO);
    let reversed = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&p| buf[p].modifier.contains(Modifier::REVERSED))
        .count();
    assert!(reversed > 20, "the selected claim must be drawn in reverse video");
    for cell in &buf.content {
        assert_eq!(
            (cell.fg, cell.bg),
            (Style::new().fg.unwrap_or_default(), Style::new().bg.unwrap_or_default())
        );
    }
    assert_eq!(theme::from_env(Some("1".into())), &theme::MONO);
    assert_eq!(theme::from_env(Some("".into())), &theme::COLOR);
    assert_eq!(theme::from_env(None), &theme::COLOR);
}

/// At every size the frame is exactly the screen, and the status bar (or the "too small"
/// message) is on it.
#[test]
fn any_size_draws_a_whole_frame() {
    let mut app = app(120, 40, &[jump(2), Action::FocusNext]);
    for width in (0..140).step_by(7).chain([1, 29, 30, 99, 100]) {
        for height in (0..45).step_by(4).chain([1, 7, 8]) {
            app.update(Message::Resize(width, height));
            let (buf, _) = frame(&app, &theme::COLOR);
            assert_eq!(buf.area, Rect::new(0, 0, width, height));
            let text: String = buf.content.iter().map(|c| c.symbol()).collect();
            if width >= 30 && height >= 8 {
                assert!(text.contains("§3/3"), "{width}x{height}: no status bar");
            } else if width * height > 40 {
                assert!(text.contains("Terminal"), "{width}x{height}: {text}");
            }
        }
    }
    app.update(Action::OpenContents);
    for (width, height) in [(1, 1), (30, 8), (0, 3)] {
        app.update(Message::Resize(width, height));
        assert_eq!(frame(&app, &theme::COLOR).0.area, Rect::new(0, 0, width, height));
    }
}

/// The geometry is what was drawn: the row where a claim's text is on screen is that claim.
#[test]
fn a_click_lands_on_what_was_drawn_there() {
    let app = app(120, 40, &[]);
    let (buf, geometry) = frame(&app, &theme::COLOR);
    let second = &app.briefing().claims[app.claims_in_view()[1]].text;
    let (x, y) = find(&buf, &second[..20]).expect("the second claim is on screen");
    assert_eq!(geometry.action_at(x, y, None), Some(Action::Click(Focus::Claims, Some(ItemIx(1)))));
    assert_eq!(geometry.action_at(x, y, Some(true)), Some(Action::Wheel(Focus::Claims, true)));
    // The blank row above it is the pane, not an item.
    assert_eq!(geometry.action_at(x, y - 1, None), Some(Action::Click(Focus::Claims, None)));
    let first = &app.briefing().sections[0].paragraphs[1];
    let (x, y) = find(&buf, &first[..12]).expect("the text is on screen");
    assert_eq!(geometry.action_at(x, y, None), Some(Action::Click(Focus::Text, None)));
}

#[test]
fn clicks_on_the_sidebar_and_the_tab_bar() {
    let app = app(120, 40, &[]);
    let (buf, geometry) = frame(&app, &theme::COLOR);
    let title = &app.briefing().sections[2].title;
    let (x, y) = find(&buf, &title[..8]).expect("section 3 in the sidebar");
    assert_eq!(geometry.action_at(x, y, None), Some(jump(2)));
    let narrow = self::app(80, 24, &[]);
    let (buf, geometry) = frame(&narrow, &theme::COLOR);
    for (label, focus) in [("Counterpoints", Focus::Counterpoints), ("Factors ", Focus::Factors)] {
        let (x, y) = find(&buf, label).expect(label);
        assert_eq!(geometry.action_at(x, y, None), Some(Action::Click(focus, None)), "{label}");
    }
}

#[test]
fn an_overlay_takes_every_click() {
    let app = app(120, 40, &[Action::ToggleHelp]);
    let (_, geometry) = frame(&app, &theme::COLOR);
    assert!(matches!(app.overlay(), Some(Overlay::Help { .. })));
    assert_eq!(geometry.action_at(1, 1, None), Some(Action::ClickOverlay));
    assert_eq!(geometry.action_at(119, 39, Some(false)), Some(Action::Wheel(Focus::Text, false)));
}

/// The text of `buf` as a terminal shows it: rows without trailing blanks, a wide symbol
/// covering the cell after it.
fn text_of(buf: &Buffer) -> String {
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| {
            let (mut x, mut row) = (0, String::new());
            while x < buf.area.width {
                row.push_str(buf[(x, y)].symbol());
                x += (unicode_width::UnicodeWidthStr::width(buf[(x, y)].symbol()) as u16).max(1);
            }
            row.trim_end().to_string()
        })
        .collect();
    rows.join("\n").trim_end().to_string()
}

/// What `ui::paint` shows after each action, redrawing only what `ui::redraw_for` says
/// changed, is what a full redraw shows: at several sizes, with the text scrolled, searched,
/// highlighted and overlaid, and across resizes. (Which cells go out to the terminal is
/// ratatui's diff of what is shown and what is drawn, the same for a part as for the whole.)
#[test]
fn painting_only_what_changed_shows_the_same_screen_as_a_full_redraw() {
    use briefing::tui::screen::Screen;
    let wide = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid/wide.toml");
    let wide = load(std::path::Path::new(wide)).unwrap().briefing.unwrap();
    let actions = [
        Action::Down,
        Action::Down,
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::Bottom,
        Action::Top,
        Action::Wheel(Focus::Text, true),
        Action::Wheel(Focus::Text, false),
        Action::NextSection,
        Action::PrevSection,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Activate,
        Action::Close,
        Action::StartSearch,
        Action::Type('t'),
        Action::Type('h'),
        Action::Accept,
        Action::NextMatch,
        Action::ToggleOutline,
        Action::ToggleHelp,
        jump(2),
    ];
    let sizes = [(40, 12), (120, 40), (80, 24), (30, 8), (20, 5)];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut painted_text_only = 0;
    for briefing in [fixture(), wide] {
        let (width, height) = (60, 20);
        let mut app = App::new(briefing, Rect::new(0, 0, width, height));
        let mut screen = Screen::new(Vec::new(), width, height);
        let mut geometry = Geometry::default();
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut terminal = vt100::Parser::new(size(height), size(width), 0);
        ui::paint(&mut screen, &app, &theme::COLOR, Redraw::All, 0, &mut geometry).unwrap();
        for step in 0..600 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            // Mostly scrolls of the text, as a reader does.
            let pick = (seed >> 33) as usize;
            let reading = app.overlay().is_none() && !app.search().is_typing;
            let action = match pick % 4 {
                0 => actions[pick / 4 % actions.len()],
                _ if !reading => Action::Close,
                _ if app.focus() != Focus::Text => Action::FocusNext,
                _ => actions[pick / 4 % 10],
            };
            let before = app.scroll() as isize;
            let redraw = if pick.is_multiple_of(23) {
                // A resize: the paint that follows clears the terminal and draws it all.
                let (w, h) = sizes[pick / 23 % sizes.len()];
                app.update(Message::Resize(w, h));
                terminal.screen_mut().set_size(size(h), size(w));
                Redraw::All
            } else {
                let redraw = ui::redraw_for(&app, &action);
                app.update(action);
                redraw
            };
            painted_text_only += usize::from(redraw == Redraw::Text);
            let scrolled = app.scroll() as isize - before;
            ui::paint(&mut screen, &app, &theme::COLOR, redraw, scrolled, &mut geometry).unwrap();
            let (full, full_geometry) = frame(&app, &theme::COLOR);
            assert_eq!(*screen.shown(), full, "step {step}: {action:?} painted as {redraw:?}");
            assert_eq!(geometry, full_geometry, "step {step}: the geometry kept is the frame's");
            // And a terminal fed what was written shows it.
            terminal.process(screen.out());
            screen.out_mut().clear();
            let shown: Vec<String> =
                terminal.screen().contents().lines().map(|l| l.trim_end().to_string()).collect();
            assert_eq!(
                shown.join("\n").trim_end(),
                text_of(&full),
                "step {step}: {action:?} painted as {redraw:?}"
            );
        }
    }
    // The test means something only if the partial path ran often.
    assert!(painted_text_only > 300, "{painted_text_only}");
}

/// Every mode drawn, with the messages that name keys: each key named is asked of the keymap,
/// which fails (in tests) for a key not bound in the mode it is named for.
#[test]
fn every_mode_names_only_keys_bound_in_it() {
    use briefing::tui::app::Mode;
    let key = |c| {
        Action::EditorKey(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char(c),
        ))
    };
    let scripts: Vec<(Mode, Vec<Action>)> = vec![
        (Mode::Reading, vec![Action::NextMatch]),
        (Mode::Reading, vec![Action::FocusNext; 3].into_iter().chain([Action::EditNote]).collect()),
        (Mode::Reading, vec![Action::ToggleOutline]),
        (Mode::Matches, vec![Action::StartSearch, Action::Type('c'), Action::Accept]),
        (Mode::Search, vec![Action::StartSearch, Action::Type('c')]),
        (Mode::Picker, vec![Action::OpenContents]),
        (Mode::Help, vec![Action::ToggleHelp]),
        (Mode::Help, vec![Action::ToggleHelp, Action::Bottom]),
        (Mode::EditingNote, vec![Action::EditNote]),
        (Mode::Confirm, vec![Action::EditNote, key('x'), Action::Close]),
        (
            Mode::Confirm,
            vec![
                Action::CycleStance,
                Action::EditNote,
                key('x'),
                Action::SaveNote,
                Action::DeleteNote,
            ],
        ),
        (Mode::Notes, vec![Action::OpenNotes]),
        (Mode::Notes, vec![Action::CycleStance, Action::OpenNotes]),
        (Mode::Selecting, vec![Action::StartSelection]),
        (Mode::Selecting, vec![Action::StartSelection, Action::CycleLabel]),
        (Mode::Reading, vec![Action::StartSelection, Action::Highlight, Action::FocusNext]),
        (
            Mode::Confirm,
            vec![
                Action::StartSelection,
                Action::Highlight,
                Action::FocusNext,
                Action::FocusNext,
                Action::DeleteNote,
            ],
        ),
    ];
    for (size, (mode, actions)) in
        [(80, 24), (120, 40)].into_iter().flat_map(|s| scripts.iter().map(move |a| (s, a)))
    {
        let app = app(size.0, size.1, actions);
        assert_eq!(app.mode(), *mode, "{actions:?}");
        let (buf, _) = frame(&app, &theme::COLOR);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert!(!text.contains("unbound"), "{mode:?} at {size:?}");
    }
}

/// A factor's own words: shown for the selected factor while its pane has focus (and for a
/// factor without a question), and in full in its popup, above where it bears.
#[test]
fn a_factors_text_shows_in_the_focused_pane_and_in_its_popup() {
    let theme = theme::COLOR;
    let text = "Controllers come";
    let labour = "Crews, unions";
    // Text focused: the question stands for the text; a factor without one shows its text.
    let (buf, _) = frame(&app(120, 60, &[]), &theme);
    assert!(find(&buf, "Can ports get").is_some());
    assert!(find(&buf, text).is_none(), "{}", text_of(&buf));
    assert!(find(&buf, labour).is_some(), "{}", text_of(&buf));
    // The factors pane focused, its first factor selected: its text too.
    let focus = [Action::FocusNext; 4];
    let (buf, _) = frame(&app(120, 40, &focus), &theme);
    assert!(find(&buf, text).is_some(), "{}", text_of(&buf));
    // The popup: question and text, then where it bears.
    let (buf, _) = frame(&app(120, 40, &[&focus[..], &[Action::Activate]].concat()), &theme);
    let question = find(&buf, "Can ports get controllers when they need them?").unwrap();
    let words = find(&buf, "Controllers come from few firms; scarcity is measured in seasons.");
    let words = words.unwrap();
    assert!(question.1 < words.1, "{}", text_of(&buf));
    assert!(find(&buf, "Where “Tools” bears").is_some(), "{}", text_of(&buf));
}

/// A factor's indicators stand with its text: under the selected factor of the focused pane,
/// and in its popup between its words and the places it bears on; not under a factor that is
/// merely listed.
#[test]
fn a_factors_indicators_show_with_its_text() {
    let theme = theme::COLOR;
    let watch = "▸ Whether lead times";
    let (buf, _) = frame(&app(120, 60, &[]), &theme);
    assert!(find(&buf, watch).is_none(), "{}", text_of(&buf));
    let focus = [Action::FocusNext; 4];
    let (buf, _) = frame(&app(120, 60, &focus), &theme);
    let first = find(&buf, watch).unwrap_or_else(|| panic!("{}", text_of(&buf)));
    let second = find(&buf, "▸ Whether a new firm").unwrap();
    assert!(first.1 < second.1, "in file order:\n{}", text_of(&buf));
    let (buf, _) = frame(&app(120, 40, &[&focus[..], &[Action::Activate]].concat()), &theme);
    let words = find(&buf, "Controllers come from few firms").unwrap();
    let at = find(&buf, watch).unwrap_or_else(|| panic!("{}", text_of(&buf)));
    let bears = find(&buf, "• claim: A new crane").unwrap();
    assert!(words.1 < at.1 && at.1 < bears.1, "{}", text_of(&buf));
}

/// The focused pane is marked in its title, so focus shows without colour too, and the mark
/// moves with Tab.
#[test]
fn the_focused_pane_is_marked_in_its_title_without_colour_too() {
    let mark = briefing::tui::ui::FOCUS_MARK;
    let (buf, _) = frame(&app(120, 40, &[]), &theme::MONO);
    assert!(find(&buf, &format!("{mark} 1/3 · On the quay")).is_some(), "{}", text_of(&buf));
    assert!(find(&buf, &format!("{mark} Claims")).is_none());
    let (buf, _) = frame(&app(120, 40, &[Action::FocusNext]), &theme::MONO);
    assert!(find(&buf, &format!("{mark} Claims (2)")).is_some(), "{}", text_of(&buf));
    assert_eq!(text_of(&buf).matches(mark).count(), 1, "one pane has focus");
}

/// The note editor wraps a long line at its width, keeping the text as typed: scrolled
/// sideways, the other lines looked empty.
#[test]
fn the_note_editor_wraps_long_lines() {
    let mut app = app(80, 24, &[Action::EditNote]);
    let long = "word ".repeat(40);
    app.update(Message::Paste(format!("first line\n{long}end")));
    let (buf, _) = frame(&app, &theme::COLOR);
    let first = find(&buf, "first line").expect("the first line stays in view");
    let end = find(&buf, "end").expect("the end of the long line is shown");
    assert!(end.1 >= first.1 + 3, "the long line takes several rows:\n{}", text_of(&buf));
    let Some(Overlay::Editor(editor)) = app.overlay() else { panic!("no editor") };
    assert_eq!(editor.text(), format!("first line\n{long}end"), "wrapping changes no text");
}

/// Side panes are as high as what they hold needs while all fits: in section 3 (one claim,
/// one counterpoint, three factors) nothing is out of view at 120x40, where fixed shares cut
/// the factors off ("↓ 1 more"). An empty pane is its title line.
#[test]
fn side_panes_are_sized_by_what_they_hold() {
    let (buf, _) = frame(&app(120, 40, &[jump(2)]), &theme::COLOR);
    let screen = text_of(&buf);
    assert!(!screen.contains("↓"), "{screen}");
    for factor in ["Tools", "Data", "Labour"] {
        assert!(find(&buf, &format!(" {factor}")).is_some(), "{factor}:\n{screen}");
    }
    let (_, claims_top) = find(&buf, "Claims (1)").unwrap();
    let (_, counterpoints_top) = find(&buf, "Counterpoints (1)").unwrap();
    assert!(counterpoints_top - claims_top < 10, "the one claim takes a few rows:\n{screen}");
}

/// The cells of the reading pane drawn with `modifier`, row by row, read back as text.
fn styled_rows(
    app: &App,
    buf: &Buffer,
    has: impl Fn(&ratatui::buffer::Cell) -> bool,
) -> Vec<String> {
    let text = app.areas().text;
    (text.top()..text.bottom())
        .map(|y| {
            (text.left() + 1..text.right() - 1)
                .filter(|&x| has(&buf[(x, y)]))
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .map(|row| row.trim().to_string())
        .filter(|row| !row.is_empty())
        .collect()
}

/// A selection is drawn over the text; kept as a mark with a label, its passage is drawn in
/// the label's style (underlined, in colour; without colour, underlined and italic) and listed
/// in the Marks pane with its label, stance and note.
#[test]
fn marks_are_styled_in_the_text_and_listed_in_their_pane() {
    let selecting = app(120, 40, &[jump(1), Action::StartSelection, Action::SelectWord(true)]);
    let (buf, _) = frame(&selecting, &theme::COLOR);
    let sel = selecting.selecting().unwrap();
    let paragraph = &selecting.briefing().sections[1].paragraphs[sel.paragraph];
    let selected = paragraph[sel.range()].to_string();
    let bg = theme::COLOR.selection.bg;
    let rows = styled_rows(&selecting, &buf, |c| Some(c.bg) == bg);
    assert_eq!(rows.join(" "), selected, "exactly the selection is lit");

    let mut app = app(120, 40, &[jump(1), Action::StartSelection, Action::SelectWord(true)]);
    for a in [Action::CycleLabel, Action::CycleLabel, Action::Highlight] {
        app.update(a);
    }
    // Into the marks pane: a stance and a note on it.
    for a in [Action::FocusNext, Action::FocusNext, Action::CycleStance, Action::EditNote] {
        app.update(a);
    }
    app.update(Message::Paste("Is this so?".into()));
    app.update(Action::SaveNote);
    let (buf, _) = frame(&app, &theme::COLOR);
    let doubt = theme::COLOR.mark_doubt;
    let rows = styled_rows(&app, &buf, |c| {
        c.modifier.contains(Modifier::UNDERLINED) && Some(c.fg) == doubt.fg
    });
    assert_eq!(rows.join(" "), selected, "the passage in the doubt style");
    let marks = find(&buf, "Marks (1)").expect("the marks pane");
    let below = |needle: &str| find(&buf, needle).is_some_and(|(_, y)| y > marks.1);
    assert!(below("doubt · + agree"), "{}", text_of(&buf));
    assert!(below("✎ Is this so?"), "{}", text_of(&buf));
    // Without colour the label keeps a style of its own.
    let (buf, _) = frame(&app, &theme::MONO);
    let rows = styled_rows(&app, &buf, |c| {
        c.modifier.contains(Modifier::UNDERLINED | Modifier::ITALIC)
            && !c.modifier.contains(Modifier::BOLD)
    });
    assert_eq!(rows.join(" "), selected);
    // The contents sidebar counts it.
    let (buf, _) = frame(&app, &theme::COLOR);
    assert!(find(&buf, "1 marked").is_some(), "{}", text_of(&buf));
}

/// The gaps view (`U`) at three sizes: its summary in the title, one line per gap.
#[test]
fn gaps_view_at_three_sizes() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let app = app(w, h, &[Action::OpenGaps]);
        let (buf, _) = frame(&app, &theme::COLOR);
        let shown = text_of(&buf);
        assert!(shown.contains("Gaps:"), "{w}x{h}:\n{shown}");
        if w >= 80 {
            assert!(shown.contains("without a counterpoint"), "{w}x{h}:\n{shown}");
            assert!(shown.contains("§"), "{w}x{h}:\n{shown}");
        }
        insta::assert_snapshot!(format!("gaps_{w}x{h}"), draw(&app, &theme::COLOR));
    }
}

/// The matrix view (`M`) at three sizes, on the bundled briefing (two hypotheses): heads
/// abbreviated, the selected row whole below the grid, the ranking last.
#[test]
fn matrix_view_at_three_sizes() {
    let bundled = briefing::briefing::load_bundled().unwrap().briefing.unwrap();
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = App::new(bundled.clone(), Rect::new(0, 0, w, h));
        app.update(Action::OpenMatrix);
        app.update(Action::Down);
        let (buf, _) = frame(&app, &theme::COLOR);
        let shown = text_of(&buf);
        assert!(shown.contains("Matrix"), "{w}x{h}:\n{shown}");
        if h >= 24 {
            assert!(shown.contains("Inno") && shown.contains("Imit"), "{w}x{h}:\n{shown}");
            assert!(shown.contains("fewest first: Imitating"), "{w}x{h}:\n{shown}");
        }
        insta::assert_snapshot!(format!("matrix_{w}x{h}"), draw(&app, &theme::COLOR));
    }
}

/// Your rating in the matrix reads as yours: `II*`, in the note style (italic in mono, where
/// colour says nothing), the selected cell's line naming yours and the author's.
#[test]
fn matrix_with_your_rating_at_three_sizes_in_colour_and_mono() {
    use briefing::briefing::Consistency;
    let bundled = briefing::briefing::load_bundled().unwrap().briefing.unwrap();
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = App::new(bundled.clone(), Rect::new(0, 0, w, h));
        app.update(Message::NotesRead {
            briefing: app.briefing().id.clone(),
            file: Ok(Default::default()),
        });
        app.update(Action::OpenMatrix);
        app.update(Action::Right);
        app.update(Action::Rate(Some(Consistency::VeryInconsistent)));
        let (buf, _) = frame(&app, &theme::COLOR);
        let shown = text_of(&buf);
        assert!(shown.contains(" II* "), "{w}x{h}:\n{shown}");
        if h >= 24 {
            assert!(shown.contains("[yours II, the author's "), "{w}x{h}:\n{shown}");
        }
        insta::assert_snapshot!(format!("matrix_rated_{w}x{h}"), draw(&app, &theme::COLOR));
        // Off the selected row, yours is drawn in the note style.
        app.update(Action::Down);
        for theme in [&theme::COLOR, &theme::MONO] {
            let (buf, _) = frame(&app, theme);
            let (x, y) = find(&buf, " II* ").unwrap();
            assert_eq!(
                buf[(x + 1, y)].style().fg,
                theme.note.fg.or(Some(ratatui::style::Color::Reset))
            );
            assert!(buf[(x + 1, y)].modifier.contains(ratatui::style::Modifier::ITALIC));
        }
    }
}

/// `p` and `c` show compactly under the claim, beside the stance; the author's estimate shows
/// dim beside the kind until the reader sets their own; the notes overview lists them too.
#[test]
fn a_likelihood_and_a_confidence_show_with_the_claim_and_in_the_overview() {
    let mut b = fixture();
    b.claims[0].likelihood = Some(briefing::briefing::Likelihood::Unlikely);
    b.claims[0].confidence = Some(briefing::briefing::Confidence::High);
    let mut app = App::new(b, Rect::new(0, 0, 120, 40));
    app.update(Message::NotesRead {
        briefing: app.briefing().id.clone(),
        file: Ok(Default::default()),
    });
    let (buf, _) = frame(&app, &theme::COLOR);
    assert!(find(&buf, " · unlikely · high").is_some(), "the author's:\n{}", text_of(&buf));
    app.update(Action::CycleStance);
    for _ in 0..5 {
        app.update(Action::CycleLikelihood);
    }
    app.update(Action::CycleConfidence);
    app.update(Action::CycleConfidence);
    let (buf, _) = frame(&app, &theme::COLOR);
    let text = text_of(&buf);
    assert!(find(&buf, "+ agree · likely · mod").is_some(), "{text}");
    assert!(find(&buf, " · unlikely").is_none(), "yours take the author's place:\n{text}");
    app.update(Action::OpenNotes);
    let (buf, _) = frame(&app, &theme::COLOR);
    assert!(find(&buf, "agree · likely · mod").is_some(), "the overview:\n{}", text_of(&buf));
}

/// The bundled briefing (hypotheses, counterpoints, factors), its notes read, at `w`x`h`.
fn bundled_app(w: u16, h: u16) -> App {
    let bundled = briefing::briefing::load_bundled().unwrap().briefing.unwrap();
    let mut app = App::new(bundled, Rect::new(0, 0, w, h));
    app.update(Message::NotesRead {
        briefing: app.briefing().id.clone(),
        file: Ok(Default::default()),
    });
    app
}

/// The review walk (`R`) at three sizes: the claim, what the author and you say of it, its
/// paragraph, its counterpoints and factors; judged on the spot; the keys in the border.
#[test]
fn review_walk_at_three_sizes() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = bundled_app(w, h);
        for a in [Action::OpenReview, Action::ReviewNext, Action::CycleStance] {
            app.update(a);
        }
        let (buf, _) = frame(&app, &theme::COLOR);
        let shown = text_of(&buf);
        assert!(shown.contains("Review: claim 2 of"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("+ agree"), "{w}x{h}:\n{shown}");
        if h >= 40 {
            assert!(shown.contains("Counterpoints (2)"), "{w}x{h}:\n{shown}");
            assert!(shown.contains("Factors (2)"), "{w}x{h}:\n{shown}");
        }
        if h >= 24 {
            assert!(shown.contains("Esc leave"), "{w}x{h}:\n{shown}");
        }
        insta::assert_snapshot!(format!("review_{w}x{h}"), draw(&app, &theme::COLOR));
    }
}

/// The walk's last page: your judgements by factor and by hypothesis, your ranking beside the
/// matrix's.
#[test]
fn review_summary_at_three_sizes() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = bundled_app(w, h);
        app.update(Action::OpenReview);
        // Agree with the first claim, disagree with the second, a likelihood on the third.
        app.update(Action::CycleStance);
        app.update(Action::ReviewNext);
        app.update(Action::CycleStance);
        app.update(Action::CycleStance);
        app.update(Action::ReviewNext);
        app.update(Action::CycleLikelihood);
        app.update(Action::Bottom);
        let (buf, _) = frame(&app, &theme::COLOR);
        let shown = text_of(&buf);
        assert!(shown.contains("Your judgements"), "{w}x{h}:\n{shown}");
        if h >= 24 {
            assert!(shown.contains("judged 3 of 24 claims · 1 agreed · 1 disagreed"), "{shown}");
            assert!(shown.contains("By hypothesis"), "{w}x{h}:\n{shown}");
            assert!(shown.contains("The matrix, by all the evidence"), "{w}x{h}:\n{shown}");
        }
        insta::assert_snapshot!(format!("review_summary_{w}x{h}"), draw(&app, &theme::COLOR));
    }
}

/// In the walk, exactly the claim's quote is highlighted in its paragraph: by colour, and
/// under NO_COLOR by bold underline.
#[test]
fn the_walk_highlights_the_quote_in_its_paragraph_with_and_without_colour() {
    let mut app = bundled_app(80, 24);
    app.update(Action::OpenReview);
    let c = app.review_claim().unwrap();
    let quote = app.briefing().claims[c].quote.clone().unwrap();
    for (theme, lit) in [
        (
            &theme::COLOR,
            &(|cell: &ratatui::buffer::Cell| cell.bg == theme::COLOR.quote.bg.unwrap())
                as &dyn Fn(&ratatui::buffer::Cell) -> bool,
        ),
        (&theme::MONO, &|cell: &ratatui::buffer::Cell| {
            cell.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD)
        }),
    ] {
        let (buf, _) = frame(&app, theme);
        let mut rows = Vec::new();
        for y in 0..buf.area.height - 1 {
            let row: String = (0..buf.area.width)
                .filter(|&x| lit(&buf[(x, y)]))
                .map(|x| buf[(x, y)].symbol())
                .collect();
            if !row.trim().is_empty() {
                rows.push(row.trim().to_string());
            }
        }
        assert_eq!(rows.join(" "), quote, "exactly the quote is lit");
    }
}

/// The reader's fixture with your observations: two on the first indicator (the newer of two
/// lines, with an escape in it), one whose indicator is gone.
fn watching(w: u16, h: u16) -> App {
    use briefing::notes::{Annotations, Observation, store::utc};
    let o = |id: &str, indicator: &str, text: &str, secs: u64| Observation {
        id: id.into(),
        indicator: indicator.into(),
        text: text.into(),
        created: utc(secs),
    };
    let list = [
        o("o1", "lead-times", "Quoted lead times fell to 20 weeks.", 1_790_000_000),
        o("o2", "lead-times", "Down again\x1b[31m, to 16 weeks.\nA second line.", 1_790_100_000),
        o("o3", "gone", "On an indicator since removed.", 1_790_050_000),
    ];
    let file = Annotations {
        observations: list.into_iter().map(|o| (o.id.clone(), o)).collect(),
        ..Annotations::default()
    };
    let mut app = App::new(fixture(), Rect::new(0, 0, w, h));
    app.update(Message::NotesRead { briefing: app.briefing().id.clone(), file: Ok(file) });
    app
}

/// What to watch (`W`) at three sizes: the factor's indicators, your observations under each,
/// newest first and dated, the selected one whole; orphans last; no escape reaches the screen.
#[test]
fn watch_view_at_three_sizes() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = watching(w, h);
        for a in [Action::OpenWatch, Action::Down] {
            app.update(a);
        }
        let (buf, _) = frame(&app, &theme::COLOR);
        let shown = text_of(&buf);
        assert!(shown.contains("What to watch"), "{w}x{h}:\n{shown}");
        assert!(!shown.contains('\x1b'), "{w}x{h}:\n{shown}");
        if h >= 24 {
            let newer = find(&buf, "2026-09-22 18:00 · Down again^[[31m, to 16 weeks.")
                .unwrap_or_else(|| panic!("{shown}"));
            let older = find(&buf, "2026-09-21 14:13 ").unwrap_or_else(|| panic!("{shown}"));
            assert!(newer.1 < older.1, "newest first:\n{shown}");
            assert!(shown.contains("A second line."), "the selected one whole:\n{shown}");
            assert!(shown.contains("nothing observed yet"), "{shown}");
        }
        if h >= 40 {
            assert!(shown.contains("whose indicator is gone"), "{shown}");
        }
        insta::assert_snapshot!(format!("watch_{w}x{h}"), draw(&app, &theme::COLOR));
    }
}

/// Your latest observations show under the indicator in the factors pane and in the factor's
/// popup, and `a` there opens the view at that factor.
#[test]
fn observations_show_under_their_indicator_in_the_pane_and_the_popup() {
    let mut app = watching(120, 60);
    for _ in 0..4 {
        app.update(Action::FocusNext);
    }
    let (buf, _) = frame(&app, &theme::COLOR);
    let indicator =
        find(&buf, "▸ Whether lead times").unwrap_or_else(|| panic!("{}", text_of(&buf)));
    let latest = find(&buf, "· 2026-09-22 · Down").unwrap_or_else(|| panic!("{}", text_of(&buf)));
    assert!(indicator.1 < latest.1, "{}", text_of(&buf));
    app.update(Action::Activate);
    let (buf, _) = frame(&app, &theme::COLOR);
    assert!(
        find(&buf, "· 2026-09-22 · Down again^[[31m, to 16 weeks. / A second line.").is_some(),
        "popup:\n{}",
        text_of(&buf)
    );
    app.update(Action::Close);
    app.update(Action::EditNote);
    assert!(matches!(app.overlay(), Some(Overlay::Watch(_))));
}

/// With more hypotheses than fit, the grid scrolls sideways: the selected column stays on
/// screen, and ◂ / ▸ say columns are out of view on that side.
#[test]
fn the_matrix_scrolls_sideways_to_the_selected_column() {
    let mut b = fixture();
    for i in 0..12 {
        b.hypotheses.push(briefing::briefing::Hypothesis {
            id: format!("h{i}"),
            title: format!("H{i:02} answer"),
            text: format!("Answer {i}."),
            by: None,
        });
    }
    for (w, h) in [(80, 24), (40, 12)] {
        let mut app = App::new(b.clone(), Rect::new(0, 0, w, h));
        app.update(Action::OpenMatrix);
        let (buf, _) = frame(&app, &theme::COLOR);
        let shown = text_of(&buf);
        let heads = shown.lines().nth(1).unwrap();
        assert!(heads.contains(" H00 ") && heads.contains('▸'), "{w}x{h}:\n{shown}");
        assert!(!heads.contains(" H11") && !heads.contains('◂'), "{w}x{h}:\n{shown}");
        for _ in 0..11 {
            app.update(Action::Right);
        }
        let (buf, _) = frame(&app, &theme::COLOR);
        let shown = text_of(&buf);
        let heads = shown.lines().nth(1).unwrap();
        assert!(heads.contains(" H11") && heads.contains('◂'), "{w}x{h}:\n{shown}");
        assert!(!heads.contains(" H00 ") && !heads.contains('▸'), "{w}x{h}:\n{shown}");
        let (x, y) = find(&buf, " H11").unwrap();
        assert!(buf[(x + 1, y)].modifier.contains(Modifier::UNDERLINED), "the selected head");
    }
}

/// Your stance shows before the claim's text in the matrix, in either kind of matrix.
#[test]
fn the_matrix_shows_your_stance_on_each_claim() {
    let mut app = app(120, 40, &[Action::CycleStance, Action::OpenMatrix]);
    let (buf, _) = frame(&app, &theme::COLOR);
    assert!(find(&buf, "§1 + Rotterdam").is_some(), "{}", text_of(&buf));
    app.update(Action::Close);
    app.update(Action::CycleStance);
    app.update(Action::OpenMatrix);
    let (buf, _) = frame(&app, &theme::COLOR);
    assert!(find(&buf, "§1 − Rotterdam").is_some(), "{}", text_of(&buf));
}
