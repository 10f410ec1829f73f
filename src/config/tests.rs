use std::path::Path;

use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

use super::*;
use crate::tui::app::{Action, Mode};
use crate::tui::keymap::{Key, MODES};

fn check(text: &str) -> Result<Config, Vec<String>> {
    parse(Path::new("c.toml"), text).map_err(|e| e.iter().map(ToString::to_string).collect())
}

/// The one error `text` has.
fn error(text: &str) -> String {
    match check(text) {
        Ok(_) => panic!("no error in {text:?}"),
        Err(errors) => {
            assert_eq!(errors.len(), 1, "{errors:#?}");
            errors[0].clone()
        }
    }
}

fn ch(c: char) -> Key {
    Key { code: KeyCode::Char(c), ctrl: false }
}

fn keys_of(config: &Config, mode: Mode, action: Action) -> Vec<Key> {
    let rows = config.keymap.rows(mode).iter().filter(|r| r.action == action);
    rows.flat_map(|r| r.keys.clone()).collect()
}

#[test]
fn the_default_config_reads_back_as_the_defaults() {
    assert_eq!(check(&default_text()), Ok(Config::default()));
    assert_eq!(check(""), Ok(Config::default()));
}

#[test]
fn the_default_config_has_a_comment_on_every_setting() {
    for line in default_text().lines() {
        let setting = !line.is_empty() && !line.starts_with('#') && !line.starts_with('[');
        assert!(!setting || line.contains(" # "), "no comment: {line}");
    }
}

#[test]
fn the_default_config_names_every_action_slot_and_mode() {
    let text = default_text();
    for mode in MODES {
        assert!(text.contains(&format!("[keys.{}]", crate::tui::keymap::mode_name(mode))));
        for row in Keymap::builtin().rows(mode) {
            let name = crate::tui::keymap::action_name(row.action).unwrap();
            assert!(text.contains(&format!("\n{name} = ")), "{name}");
        }
    }
    for slot in theme::SLOTS {
        assert!(text.contains(&format!("\n{} = ", slot.name)), "{}", slot.name);
    }
}

#[test]
fn an_action_gets_the_keys_given_in_place_of_its_own() {
    let config = check("[keys.reading]\nnext-section = [\"f\", \"]\"]\nprev-section = \"h\"\n");
    let config = config.unwrap();
    assert_eq!(keys_of(&config, Mode::Reading, Action::NextSection), [ch('f'), ch(']')]);
    assert_eq!(keys_of(&config, Mode::Reading, Action::PrevSection), [ch('h')]);
    // Other modes keep theirs.
    assert_eq!(config.keymap.rows(Mode::Help), Keymap::builtin().rows(Mode::Help));
}

#[test]
fn unbind_frees_a_key_and_an_empty_list_leaves_an_action_none() {
    let text = "[keys.reading]\nunbind = [\"j\", \"Down\"]\nnext-section = [\"j\"]\nundo = []\n";
    let config = check(text).unwrap();
    assert_eq!(keys_of(&config, Mode::Reading, Action::Down), []);
    assert_eq!(keys_of(&config, Mode::Reading, Action::NextSection), [ch('j')]);
    assert_eq!(keys_of(&config, Mode::Reading, Action::Undo), []);
}

#[test]
fn keys_can_be_written_as_the_help_shows_them() {
    let text = "[keys.reading]\ndown = [\"↓\", \"ctrl-e\", \"PageDown\"]\npage-down = \" \"\n";
    let config = check(text).unwrap();
    let down = keys_of(&config, Mode::Reading, Action::Down);
    assert_eq!(down[0], Key { code: KeyCode::Down, ctrl: false });
    assert_eq!(down[1], Key { code: KeyCode::Char('e'), ctrl: true });
    assert_eq!(down[2], Key { code: KeyCode::PageDown, ctrl: false });
}

#[test]
fn a_key_doing_two_things_is_an_error_where_it_was_bound() {
    // `j` stays on `down` (built in) and is given to next-section too.
    let text = "[keys.reading]\nnext-section = [\"f\", \"j\"]\n";
    assert_eq!(
        error(text),
        "c.toml:2:22: error: key 'j' does both 'next-section' and 'down' in [keys.reading]: \
         bind one of them to other keys, or add the key to unbind = [...] to free it first"
    );
    // Two actions of the file on one key: said at the later.
    let text = "[keys.help]\ntop = \"x\"\nbottom = \"x\"\n";
    assert!(error(text).starts_with("c.toml:3:10: error: key 'x' does both"), "{}", error(text));
}

#[test]
fn a_key_on_one_action_in_two_modes_is_no_conflict() {
    assert!(check("[keys.reading]\nquit = \"X\"\n[keys.help]\nquit = \"X\"\n").is_ok());
    // Listed twice for one action: once.
    let config = check("[keys.reading]\nquit = [\"X\", \"X\"]\n").unwrap();
    assert_eq!(keys_of(&config, Mode::Reading, Action::Quit), [ch('X')]);
}

#[test]
fn every_bad_config_is_an_error_at_its_line_and_column() {
    let cases: &[(&str, &str)] = &[
        ("[keys\n", "c.toml:1:6: error: invalid TOML: "),
        ("colour = 1\n", "c.toml:1:1: error: unknown key 'colour' in a config, expected one of"),
        ("keys = 3\n", "c.toml:1:8: error: [keys] must be a table, not an integer"),
        ("[keys.readin]\nquit = \"x\"\n", "c.toml:1:7: error: unknown key 'readin' in [keys]"),
        ("[keys.reading]\nquit = 3\n", "c.toml:2:8: error: [keys.reading] quit must be a key"),
        ("[keys.reading]\nquit = [3]\n", "c.toml:2:9: error: [keys.reading] quit: a key is a"),
        ("[keys.reading]\nexit = \"x\"\n", "c.toml:2:1: error: unknown action 'exit' in [keys."),
        ("[keys.help]\nedit-note = \"e\"\n", "c.toml:2:1: error: action 'edit-note' does nothing"),
        ("[keys.reading]\nquit = \"Hyper\"\n", "c.toml:2:8: error: invalid key 'Hyper': not a key"),
        ("[keys.reading]\nquit = \"Ctrl-I\"\n", "c.toml:2:8: error: invalid key 'Ctrl-I': a termi"),
        ("[keys.reading]\nquit = \"\"\n", "c.toml:2:8: error: invalid key '': empty"),
        ("[keys.reading]\nunbind = [\"Alt-x\"]\n", "c.toml:2:11: error: invalid key 'Alt-x'"),
        ("[keys.reading]\njump-to-section-10 = \"0\"\n", "c.toml:2:1: error: unknown action"),
        ("[layout]\nmeasure = 20\n", "c.toml:2:11: error: measure must be from 40 to 160"),
        ("[layout]\nmeasure = \"wide\"\n", "c.toml:2:11: error: measure must be a whole number"),
        ("[layout]\nsidebar = \"no\"\n", "c.toml:2:11: error: sidebar must be true or false"),
        ("[layout]\nwidth = 70\n", "c.toml:2:1: error: unknown key 'width' in [layout]"),
        ("[theme]\nbase = \"solar\"\n", "c.toml:2:8: error: unknown theme 'solar', expected"),
        ("[theme]\nbase = 1\n", "c.toml:2:8: error: base must be a string, not an integer"),
        ("[theme]\nsolar = {}\n", "c.toml:2:1: error: unknown key 'solar' in [theme]"),
        ("[theme.dark]\nquotes = {}\n", "c.toml:2:1: error: unknown key 'quotes' in [theme.dark]"),
        ("[theme.dark]\nquote = \"red\"\n", "c.toml:2:9: error: [theme.dark] quote must be a ta"),
        ("[theme.dark]\nquote = { fg = \"rouge\" }\n", "c.toml:2:16: error: unknown colour 'ro"),
        ("[theme.dark]\nquote = { fg = \"#12345\" }\n", "c.toml:2:16: error: invalid colour '#1"),
        ("[theme.dark]\nquote = { fg = 300 }\n", "c.toml:2:16: error: a colour number is from"),
        ("[theme.dark]\nquote = { blink = true }\n", "c.toml:2:11: error: unknown key 'blink'"),
        ("[theme.dark]\nquote = { bold = 1 }\n", "c.toml:2:18: error: bold must be true or fal"),
        ("a = 1\na = 2\n", "c.toml:2:1: error: invalid TOML: duplicate key"),
        ("[keys.reading]\nquit = []\nunbind = [\"Ctrl-C\"]\n", "c.toml:1:7: error: [keys.readi"),
        ("[keys.reading]\nj = \"down\"\n", "c.toml:2:1: error: unknown action 'j' in [keys.read"),
    ];
    for (text, expected) in cases {
        let got = error(text);
        assert!(got.starts_with(expected), "{text:?}:\n  got      {got}\n  expected {expected}…");
    }
}

#[test]
fn a_key_written_before_its_action_is_told_the_right_way_round() {
    let got = error("[keys.reading]\n\"]\" = \"next-section\"\n");
    assert!(
        got.ends_with("an action comes first, its keys after: next-section = [\"]\"]"),
        "{got}"
    );
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let text = "[layout]\nmeasure = 5\n[keys.reading]\nexit = \"q\"\n[theme]\nbase = \"x\"\n";
    let errors = check(text).unwrap_err();
    let places: Vec<&str> = errors.iter().map(|e| e.split(": ").next().unwrap()).collect();
    assert_eq!(places, ["c.toml:2:11", "c.toml:4:1", "c.toml:6:8"]);
}

#[test]
fn text_from_the_file_is_made_safe_in_messages() {
    let got = error("[keys.reading]\nquit = \"\\u001b]0;owned\\u0007\"\n");
    assert!(!got.chars().any(|c| c.is_control()), "{got:?}");
    assert!(got.contains("^["), "{got}");
    let got = error("\"\\u001b[2J\" = 1\n");
    assert!(!got.chars().any(|c| c.is_control()), "{got:?}");
    let bad_path = parse(Path::new("a\u{1b}[2Jb.toml"), "x = 1").unwrap_err()[0].to_string();
    assert!(!bad_path.chars().any(|c| c.is_control()), "{bad_path:?}");
}

#[test]
fn a_theme_starts_from_its_base_and_takes_the_styles_given() {
    let text = "[theme]\nbase = \"light\"\n[theme.light]\nquote = { bg = \"#ffe08a\", bold = \
                true }\nnote = { fg = \"default\", italic = false, underlined = true }\n";
    let config = check(text).unwrap();
    let theme = config.theme(None);
    assert_eq!(theme.quote.bg, Some(Color::Rgb(0xff, 0xe0, 0x8a)));
    assert_eq!(theme.quote.fg, theme::LIGHT.quote.fg, "the rest of the style is kept");
    assert!(theme.quote.add_modifier.contains(Modifier::BOLD));
    assert_eq!(theme.note.fg, None);
    assert_eq!(theme.note.add_modifier, Modifier::UNDERLINED);
    assert_eq!(theme.dim, theme::LIGHT.dim);
    // Only the base's own table is drawn with.
    let other = check("[theme.light]\nquote = { bg = \"red\" }\n").unwrap();
    assert_eq!(other.theme(None), theme::DARK);
}

#[test]
fn no_color_wins_over_any_theme_and_colour() {
    let text = "[theme]\nbase = \"light\"\n[theme.mono]\nquote = { fg = \"red\", italic = true }\n";
    let theme = check(text).unwrap().theme(Some("1".into()));
    assert_eq!(theme.quote.fg, None);
    assert!(theme.quote.add_modifier.contains(Modifier::ITALIC));
    assert_eq!(Config::default().theme(Some("1".into())), theme::MONO);
    assert_eq!(Config::default().theme(Some("".into())), theme::DARK);
}

#[test]
fn the_layout_starts_as_configured() {
    let config = check("[layout]\nmeasure = 66\nsidebar = false\nanalysis = false\n").unwrap();
    assert_eq!(config.start, layout::Start { measure: 66, sidebar: false, analysis: false });
}

#[test]
fn a_missing_default_file_is_the_defaults_and_a_missing_given_one_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("config.toml");
    assert_eq!(load(&Source::Default(missing.clone())), Ok(Config::default()));
    let error = load(&Source::Given(missing.clone())).unwrap_err();
    assert!(error[0].to_string().ends_with("config.toml: error: no such config file"));
    assert_eq!(load(&Source::None), Ok(Config::default()));
    // A folder where the file should be is refused, not read.
    std::fs::create_dir(&missing).unwrap();
    assert!(load(&Source::Default(missing.clone())).is_err());
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, b"[layout]\nmeasure = 70\n# \xff\n").unwrap();
    let error = load(&Source::Given(bad)).unwrap_err()[0].to_string();
    assert!(error.ends_with("bad.toml:3:3: error: not UTF-8 text"), "{error}");
}

proptest::proptest! {
    /// Whatever the file holds, checking it ends in a config or in located, one-line, printable
    /// messages, never a panic.
    #[test]
    fn any_text_is_checked_without_a_panic(
        text in "(\\[(keys|theme|layout)(\\.[a-z-]{1,12})?\\]\n|[a-z-]{1,16} = (\"[^\"\\\\]{0,6}\"|\\[\"[a-zA-Z-]{0,7}\"\\]|[0-9]{1,4}|true|\\{ ?[a-z]{1,4} = \"[#a-z0-9]{0,8}\" ?\\})\n|[\\PC\u{1b}\n]{0,8}){0,12}",
    ) {
        if let Err(errors) = parse(Path::new("c.toml"), &text) {
            proptest::prop_assert!(!errors.is_empty());
            for error in errors {
                let line = error.to_string();
                proptest::prop_assert!(line.starts_with("c.toml:"), "{}", line);
                proptest::prop_assert!(!line.chars().any(char::is_control), "{:?}", line);
            }
        }
    }
}
