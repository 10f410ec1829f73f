//! What the reader draws: snapshots at three sizes and with wide text, a styled check of the
//! quote highlight, and no panic at any size.

use briefing::briefing::{Briefing, load, load_bundled};
use briefing::tui::app::{Action, App, Focus};
use briefing::tui::theme::{self, Theme};
use briefing::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

fn bundled() -> Briefing {
    load_bundled().unwrap().briefing.unwrap()
}

fn draw(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app, theme)).unwrap();
    terminal
}

fn app(width: u16, height: u16, actions: &[Action]) -> App {
    let mut app = App::new(bundled(), Rect::new(0, 0, width, height));
    for &a in actions {
        app.update(a);
    }
    app
}

#[test]
fn wide_120x40_section_3_claims_focused() {
    let app = app(120, 40, &[Action::JumpToSection(2), Action::FocusNext, Action::Down]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR).backend());
}

#[test]
fn narrow_80x24_folds_side_panes_into_tabs() {
    let app = app(80, 24, &[Action::JumpToSection(1), Action::FocusNext, Action::FocusNext]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR).backend());
}

#[test]
fn small_40x12_still_reads() {
    let app = app(40, 12, &[]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR).backend());
}

#[test]
fn too_small_says_so() {
    let app = app(20, 5, &[]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR).backend());
}

#[test]
fn help_overlay_lists_the_keymap() {
    let app = app(100, 40, &[Action::ToggleHelp]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR).backend());
}

#[test]
fn contents_picker_with_a_filter() {
    let app = app(100, 24, &[Action::OpenContents, Action::Type('g'), Action::Type('a')]);
    insta::assert_snapshot!(draw(&app, &theme::COLOR).backend());
}

#[test]
fn cjk_and_emoji_are_never_split_or_misaligned() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid/wide.toml");
    let briefing = load(std::path::Path::new(path)).unwrap().briefing.unwrap();
    let mut app = App::new(briefing, Rect::new(0, 0, 100, 20));
    app.update(Action::FocusNext);
    let terminal = draw(&app, &theme::COLOR);
    insta::assert_snapshot!(terminal.backend());
    // Read each row as a terminal shows it (a wide symbol covers the cell after it): every row
    // is exactly as wide as the screen, so no wide character spilled over or was cut.
    let buf = terminal.backend().buffer();
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
    // 51 columns wraps the text at 47: "…AI ecosystem, with over" ends a line, inside the quote.
    let app = app(51, 40, &[Action::JumpToSection(1), Action::FocusNext, Action::Activate]);
    assert_eq!(app.page.width, 47);
    let claim = &app.briefing.claims[app.highlight.unwrap()];
    assert_eq!(claim.quote.as_deref(), Some("over 130 large language models under development"));
    let mut buf = Buffer::empty(Rect::new(0, 0, 60, 12));
    ui::article::render(&app, buf.area, &mut buf, &theme::COLOR);
    let rows: Vec<String> =
        (0..12).map(|y| (0..60).map(|x| buf[(x, y)].symbol().to_string()).collect()).collect();
    let find = |needle: &str| -> (u16, u16) {
        let (y, row) = rows.iter().enumerate().find(|(_, r)| r.contains(needle)).expect(needle);
        (row[..row.find(needle).unwrap()].chars().count() as u16, y as u16)
    };
    let quote_bg = theme::COLOR.quote.bg;
    let bg = |(x, y): (u16, u16), dx: u16| buf[(x + dx, y)].bg;
    let with_over = find("with over");
    assert_ne!(Some(bg(with_over, 0)), quote_bg, "'with' is before the quote");
    assert_eq!(Some(bg(with_over, 5)), quote_bg, "'over' starts the quote");
    let rest = find("130 large");
    assert!(rest.1 > with_over.1, "the quote continues on a later row");
    assert_eq!(Some(bg(rest, 0)), quote_bg);
    let end = find("development.");
    assert_eq!(Some(bg(end, 10)), quote_bg, "last letter of the quote");
    assert_ne!(Some(bg(end, 11)), quote_bg, "the full stop is not part of the quote");
}

#[test]
fn without_colour_the_selection_is_still_visible() {
    let app = app(120, 40, &[Action::FocusNext]);
    let terminal = draw(&app, &theme::MONO);
    let buf = terminal.backend().buffer();
    let reversed = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&p| buf[p].modifier.contains(Modifier::REVERSED))
        .count();
    assert!(reversed > 20, "the selected claim must be drawn in reverse video");
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            assert_eq!(
                (cell.fg, cell.bg),
                (Style::new().fg.unwrap_or_default(), Style::new().bg.unwrap_or_default())
            );
        }
    }
    assert_eq!(theme::from_env(Some("1".into())), &theme::MONO);
    assert_eq!(theme::from_env(Some("".into())), &theme::COLOR);
    assert_eq!(theme::from_env(None), &theme::COLOR);
}

#[test]
fn any_size_draws_without_panicking() {
    let mut app = app(120, 40, &[Action::JumpToSection(3), Action::FocusNext]);
    for width in (0..140).step_by(7).chain([1, 29, 30, 99, 100]) {
        for height in (0..45).step_by(4).chain([1, 7, 8]) {
            app.update(Action::Resize(width, height));
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal.draw(|frame| ui::render(frame, &app, &theme::COLOR)).unwrap();
        }
    }
    app.update(Action::OpenContents);
    for (width, height) in [(1, 1), (30, 8), (0, 3)] {
        app.update(Action::Resize(width, height));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| ui::render(frame, &app, &theme::COLOR)).unwrap();
    }
}

#[test]
fn mouse_hits_map_to_panes_and_items() {
    let app = app(120, 40, &[]);
    let areas = app.areas();
    let (focus, _) = ui::hit_test(&app, areas.text.x + 5, areas.text.y + 5).unwrap();
    assert_eq!(focus, Focus::Text);
    let briefing::tui::layout::Side::Stacked { claims, .. } = areas.side else { panic!() };
    // The second claim starts after the first claim's lines and one blank row.
    let first = ui::claims::items(&app, claims.width - 2, &theme::MONO, 0..1)[0].len() as u16;
    let hit = ui::hit_test(&app, claims.x + 3, claims.y + 1 + first + 1).unwrap();
    assert_eq!(hit, (Focus::Claims, Some(1)));
    assert_eq!(ui::hit_test(&app, claims.x + 3, claims.y + 1 + first), Some((Focus::Claims, None)));
}

#[test]
fn clicks_on_the_sidebar_and_the_tab_bar() {
    let app = app(120, 40, &[]);
    let outline = app.areas().outline.unwrap();
    // Row 1 inside the border is section 1; each title here fits one line up to "Innovation
    // under pressure", which wraps: section 4 is on the fifth row.
    assert_eq!(
        ui::mouse_action(&app, outline.x + 3, outline.y + 2, None),
        Some(Action::JumpToSection(1))
    );
    assert_eq!(
        ui::mouse_action(&app, outline.x + 3, outline.y + 5, None),
        Some(Action::JumpToSection(3))
    );
    let narrow = self::app(80, 24, &[]);
    let briefing::tui::layout::Side::Tabbed { tabs, .. } = narrow.areas().side else { panic!() };
    assert_eq!(
        ui::mouse_action(&narrow, tabs.x + 12, tabs.y, None),
        Some(Action::Click(Focus::Counterpoints, None))
    );
    assert_eq!(
        ui::mouse_action(&narrow, tabs.x + 27, tabs.y, None),
        Some(Action::Click(Focus::Factors, None))
    );
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
        Action::JumpToSection(2),
        Action::Resize(40, 12),
        Action::Resize(120, 40),
        Action::Resize(80, 24),
        Action::Resize(30, 8),
        Action::Resize(20, 5),
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut painted_text_only = 0;
    for briefing in [bundled(), wide] {
        let (width, height) = (60, 20);
        let mut app = App::new(briefing, Rect::new(0, 0, width, height));
        let mut screen = Screen::new(Vec::new(), width, height);
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut terminal = vt100::Parser::new(size(height), size(width), 0);
        ui::paint(&mut screen, &app, &theme::COLOR, ui::Redraw::All, 0).unwrap();
        for step in 0..600 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            // Mostly scrolls of the text, as a reader does.
            let pick = (seed >> 33) as usize;
            let reading = app.overlay.is_none() && !app.search.is_typing;
            let action = match pick % 4 {
                0 => actions[pick / 4 % actions.len()],
                _ if !reading => Action::Close,
                _ if app.focus != Focus::Text => Action::FocusNext,
                _ => actions[pick / 4 % 10],
            };
            let redraw = ui::redraw_for(&app, &action);
            if let Action::Resize(w, h) = action {
                screen.resize(w, h);
                terminal.screen_mut().set_size(size(h), size(w));
            }
            let before = app.scroll as isize;
            app.update(action);
            painted_text_only += usize::from(redraw == ui::Redraw::Text);
            let scrolled = app.scroll as isize - before;
            ui::paint(&mut screen, &app, &theme::COLOR, redraw, scrolled).unwrap();
            let mut full = Buffer::empty(app.screen);
            ui::render_to(app.screen, &mut full, &app, &theme::COLOR);
            assert_eq!(screen.shown(), &full, "step {step}: {action:?} painted as {redraw:?}");
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
