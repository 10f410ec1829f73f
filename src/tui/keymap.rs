//! The key bindings: one table per mode. `action_for` dispatches from them, the status bar
//! takes its hints from them and the help overlay lists them, so none can go stale.
//!
//! The tables are the built-in defaults. What is in force is `active()`: these rows, with the
//! keys a config file changed (`active.rs`); the config's names for actions, modes and keys
//! are in `names.rs`.

mod active;
mod names;

pub use active::{Conflict, Keymap, Row, active, install};
pub use names::{action_name, key_spec, mode_name, parse_key};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::briefing::{Consistency as C, SectionIx};
use crate::tui::app::{Action, Mode};

/// A key and the modifiers that matter (Shift is part of the character for printable keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key { code: KeyCode::Char(c), ctrl: false }
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), ctrl: true }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

/// One row of a table: the keys, what they do, a short hint for the status bar (when it has
/// one, in order of importance) and the line the help overlay shows.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub hint: Option<&'static str>,
    pub help: &'static str,
}

const fn bind(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { keys, action, hint: None, help }
}

const fn hinted(
    keys: &'static [Key],
    action: Action,
    hint: &'static str,
    help: &'static str,
) -> Binding {
    Binding { keys, action, hint: Some(hint), help }
}

use Action as A;

pub const READING: &[Binding] = &[
    hinted(&[ch('?')], A::ToggleHelp, "help", "show this help"),
    hinted(&[ch('q')], A::Quit, "quit", "quit"),
    hinted(&[ch(']'), code(KeyCode::Right)], A::NextSection, "next", "next section"),
    hinted(&[ch('['), code(KeyCode::Left)], A::PrevSection, "prev", "previous section"),
    hinted(
        &[code(KeyCode::Tab)],
        A::FocusNext,
        "pane",
        "focus next pane: text, claims, marks, counterpoints, factors",
    ),
    hinted(
        &[code(KeyCode::Enter)],
        A::Activate,
        "go",
        "claim: show its quote; mark: its passage; counterpoint: its claims; factor: where it bears",
    ),
    hinted(&[ch('/')], A::StartSearch, "search", "search text, claims, counterpoints and factors"),
    hinted(&[ch('t')], A::OpenContents, "contents", "contents: pick a section, type to filter"),
    bind(&[code(KeyCode::BackTab)], A::FocusPrev, "focus previous pane"),
    bind(&[ch('j'), code(KeyCode::Down)], A::Down, "scroll down, or next item in a pane"),
    bind(&[ch('k'), code(KeyCode::Up)], A::Up, "scroll up, or previous item in a pane"),
    bind(&[ch(' '), code(KeyCode::PageDown), ctrl('f')], A::PageDown, "page down"),
    bind(&[ch('b'), code(KeyCode::PageUp), ctrl('b')], A::PageUp, "page up"),
    bind(&[ch('g'), code(KeyCode::Home)], A::Top, "top of the section, or first item"),
    bind(&[ch('G'), code(KeyCode::End)], A::Bottom, "end of the section, or last item"),
    bind(&[ch('1')], A::JumpToSection(SectionIx(0)), "jump to section 1..9"),
    bind(&[ch('2')], A::JumpToSection(SectionIx(1)), "jump to section 1..9"),
    bind(&[ch('3')], A::JumpToSection(SectionIx(2)), "jump to section 1..9"),
    bind(&[ch('4')], A::JumpToSection(SectionIx(3)), "jump to section 1..9"),
    bind(&[ch('5')], A::JumpToSection(SectionIx(4)), "jump to section 1..9"),
    bind(&[ch('6')], A::JumpToSection(SectionIx(5)), "jump to section 1..9"),
    bind(&[ch('7')], A::JumpToSection(SectionIx(6)), "jump to section 1..9"),
    bind(&[ch('8')], A::JumpToSection(SectionIx(7)), "jump to section 1..9"),
    bind(&[ch('9')], A::JumpToSection(SectionIx(8)), "jump to section 1..9"),
    hinted(&[ch('a')], A::EditNote, "note", "write or edit your note on the selected claim"),
    hinted(
        &[ch('s')],
        A::CycleStance,
        "stance",
        "your stance on the claim: agree, disagree, unsure, none",
    ),
    bind(
        &[ch('p')],
        A::CycleLikelihood,
        "likelihood (ICD 203): almost no chance … almost certain, none",
    ),
    bind(&[ch('c')], A::CycleConfidence, "your confidence in the claim: low, moderate, high, none"),
    bind(
        &[ch('d')],
        A::DeleteNote,
        "delete your note on the selected claim, or the mark (asks first)",
    ),
    hinted(
        &[ch('v')],
        A::StartSelection,
        "select",
        "select a passage to mark, from the first sentence on screen",
    ),
    bind(&[ch('l')], A::CycleLabel, "the selected mark's label: evidence, doubt, question, none"),
    bind(&[ch('A')], A::AcceptDrift, "a drifted mark: take its passage as it reads now"),
    bind(
        &[ch('C')],
        A::MakeClaim,
        "make the selection, or the selected mark, a claim of yours (✦ yours)",
    ),
    bind(
        &[ch('r')],
        A::Rewrite,
        "rewrite your claim or counterpoint (Ctrl-T in the editor: your claim's kind)",
    ),
    bind(&[ch('D')], A::DeleteOwn, "delete your claim or counterpoint (asks first)"),
    bind(
        &[ch('x')],
        A::Counter,
        "write your counterpoint to the claim; on yours: tick the claims it answers",
    ),
    bind(&[ch('F')], A::LinkFactors, "tick the factors the claim bears on (your links)"),
    bind(&[ch('u')], A::Undo, "undo your last change to a note or stance (again: the one before)"),
    hinted(
        &[ch('N')],
        A::OpenNotes,
        "notes",
        "all your notes on this briefing (orphaned ones too)",
    ),
    bind(&[ch('n')], A::NextMatch, "next search match"),
    hinted(&[ch('L')], A::OpenLibrary, "library", "the library: switch to another briefing"),
    bind(
        &[ch('M')],
        A::OpenMatrix,
        "the matrix: claims and counterpoints against the hypotheses, ranked",
    ),
    bind(
        &[ch('R')],
        A::OpenReview,
        "the review walk: every claim in turn, judged on the spot; resumes where it stopped",
    ),
    bind(
        &[ch('W')],
        A::OpenWatch,
        "what to watch: each factor's indicators, your dated observations on them",
    ),
    bind(
        &[ch('U')],
        A::OpenGaps,
        "gaps: claims unanswered or not judged, sections without claims, factors unused",
    ),
    bind(&[ctrl('o'), code(KeyCode::Backspace)], A::JumpBack, "back to where you jumped from"),
    bind(&[ch('\'')], A::JumpForward, "forward again through jumps (Ctrl-I is Tab to a terminal)"),
    bind(&[ch('o')], A::ToggleOutline, "show or hide the contents sidebar (wide screens)"),
    bind(&[ch('z')], A::ToggleAnalysis, "hide or show the analysis panes: the text alone"),
    bind(&[ch('e')], A::EditSource, "edit the file in $VISUAL or $EDITOR, at the item or section"),
    bind(&[ch('!')], A::ShowProblems, "the file's errors again, while it does not load"),
    bind(&[code(KeyCode::Esc)], A::Close, "clear highlights"),
    bind(&[ctrl('c')], A::Quit, "quit"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

/// Selecting a passage (`v`, or a mouse drag over the text).
pub const SELECTING: &[Binding] = &[
    hinted(&[ch('h')], A::Highlight, "keep", "keep the selection as a mark (a highlight)"),
    hinted(&[ch('a')], A::EditNote, "note", "write a note on the selection (a mark with a note)"),
    hinted(&[ch('l')], A::CycleLabel, "label", "label: evidence, doubt, question, none"),
    hinted(&[code(KeyCode::Esc)], A::Close, "cancel", "cancel the selection"),
    bind(&[ch(')')], A::SelectSentence(true), "the moving end a sentence on"),
    bind(&[ch('(')], A::SelectSentence(false), "the moving end a sentence back"),
    bind(&[ch('w')], A::SelectWord(true), "the moving end a word on"),
    bind(&[ch('b')], A::SelectWord(false), "the moving end a word back"),
    bind(&[ch('j'), code(KeyCode::Down)], A::Down, "the moving end a line down"),
    bind(&[ch('k'), code(KeyCode::Up)], A::Up, "the moving end a line up"),
    bind(&[ch('o')], A::SwapEnds, "move the other end"),
    bind(
        &[ch('s')],
        A::CycleStance,
        "keep the selection as a mark with a stance (agree; s again on the mark cycles it)",
    ),
    hinted(&[ch('C')], A::MakeClaim, "claim", "make the selection a claim of yours"),
    bind(&[ch('?')], A::ToggleHelp, "show this help"),
    bind(&[ctrl('c')], A::Quit, "quit"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

/// While a search has matches; other keys are as in `READING`.
pub const MATCHES: &[Binding] = &[
    hinted(&[ch('n')], A::NextMatch, "next", "next search match"),
    hinted(&[ch('N')], A::PrevMatch, "prev", "previous search match"),
    hinted(&[code(KeyCode::Esc)], A::Close, "clear", "clear the search"),
];

pub const SEARCH: &[Binding] = &[
    hinted(&[code(KeyCode::Enter)], A::Accept, "keep", "keep the search; n/N step through matches"),
    hinted(
        &[code(KeyCode::Esc)],
        A::Close,
        "cancel",
        "cancel the search, back to where it started",
    ),
    bind(&[code(KeyCode::Backspace)], A::DeleteChar, "delete a character"),
    bind(&[code(KeyCode::Down), ctrl('n')], A::NextMatch, "next match"),
    bind(&[code(KeyCode::Up), ctrl('p')], A::PrevMatch, "previous match"),
    bind(&[ctrl('c')], A::Close, "cancel the search"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

pub const PICKER: &[Binding] = &[
    hinted(
        &[code(KeyCode::Enter)],
        A::Accept,
        "go",
        "go to the chosen entry (in the lists of F and x: tick or untick it)",
    ),
    hinted(&[code(KeyCode::Esc)], A::Close, "close", "close"),
    bind(&[code(KeyCode::Down), ctrl('n'), ctrl('j')], A::Down, "next entry"),
    bind(&[code(KeyCode::Up), ctrl('p'), ctrl('k')], A::Up, "previous entry"),
    bind(&[code(KeyCode::PageDown)], A::PageDown, "page down"),
    bind(&[code(KeyCode::PageUp)], A::PageUp, "page up"),
    bind(&[code(KeyCode::Backspace)], A::DeleteChar, "delete a character of the filter"),
    bind(&[ctrl('c')], A::Close, "close"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

pub const EDITING: &[Binding] = &[
    hinted(&[ctrl('s')], A::SaveNote, "save", "save the note"),
    hinted(
        &[ctrl('t')],
        A::CycleKind,
        "kind",
        "rewriting your claim: its kind (fact, assessment, forecast, none)",
    ),
    hinted(
        &[code(KeyCode::Esc)],
        A::Close,
        "close",
        "close the editor (asks to save unsaved changes)",
    ),
];

pub const CONFIRM: &[Binding] = &[
    hinted(&[ch('y'), ch('Y')], A::Yes, "yes", "yes"),
    hinted(&[ch('n'), ch('N')], A::No, "no", "no"),
    bind(&[ch('a')], A::YesBoth, "deleting a note that has a stance: the note and the stance"),
    hinted(&[code(KeyCode::Esc)], A::Close, "cancel", "cancel"),
    bind(&[ctrl('c')], A::Close, "cancel"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

pub const NOTES: &[Binding] = &[
    hinted(&[code(KeyCode::Enter)], A::Accept, "go", "go to the note's claim"),
    hinted(&[code(KeyCode::Esc), ch('q'), ch('N')], A::Close, "close", "close the notes overview"),
    hinted(&[ch('/')], A::StartSearch, "filter", "filter: words of the note or claim, #tags"),
    hinted(
        &[ch('s')],
        A::CycleStance,
        "stance",
        "show one stance: agree, disagree, unsure, none, all",
    ),
    hinted(&[ch('a')], A::EditNote, "edit", "edit the selected note"),
    bind(&[ch('p')], A::CycleLikelihood, "the selected note's likelihood (ICD 203's terms)"),
    bind(&[ch('c')], A::CycleConfidence, "the selected note's confidence: low, moderate, high"),
    hinted(&[ch('d')], A::DeleteNote, "delete", "delete the selected note (asks first)"),
    bind(&[ch('u')], A::Undo, "undo your last change to a note or stance"),
    bind(&[ch('j'), code(KeyCode::Down), ctrl('n')], A::Down, "next note"),
    bind(&[ch('k'), code(KeyCode::Up), ctrl('p')], A::Up, "previous note"),
    bind(&[ch('g'), code(KeyCode::Home)], A::Top, "first note"),
    bind(&[ch('G'), code(KeyCode::End)], A::Bottom, "last note"),
    bind(&[ctrl('c')], A::Quit, "quit"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

/// Typing the notes overview's filter; letters go to it.
pub const NOTES_FILTER: &[Binding] = &[
    hinted(&[code(KeyCode::Enter)], A::Accept, "keep", "keep the filter"),
    hinted(&[code(KeyCode::Esc)], A::Close, "clear", "clear the filter"),
    bind(&[code(KeyCode::Backspace)], A::DeleteChar, "delete a character of the filter"),
    bind(&[code(KeyCode::Down), ctrl('n')], A::Down, "next note"),
    bind(&[code(KeyCode::Up), ctrl('p')], A::Up, "previous note"),
    bind(&[ctrl('c')], A::Quit, "quit"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

/// The errors of the briefing's file, while it does not load.
pub const PROBLEMS: &[Binding] = &[
    hinted(
        &[code(KeyCode::Esc), ch('q')],
        A::Close,
        "close",
        "close (the errors stay until fixed)",
    ),
    hinted(&[ch('e')], A::EditSource, "edit", "edit the file at the first error"),
    bind(&[ch('j'), code(KeyCode::Down), ctrl('n')], A::Down, "scroll down"),
    bind(&[ch('k'), code(KeyCode::Up), ctrl('p')], A::Up, "scroll up"),
    bind(&[ch(' '), code(KeyCode::PageDown)], A::PageDown, "page down"),
    bind(&[ch('b'), code(KeyCode::PageUp)], A::PageUp, "page up"),
    bind(&[ch('g'), code(KeyCode::Home)], A::Top, "first error"),
    bind(&[ch('G'), code(KeyCode::End)], A::Bottom, "last error"),
    bind(&[ctrl('c')], A::Quit, "quit"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

pub const HELP: &[Binding] = &[
    hinted(&[code(KeyCode::Esc), ch('?'), ch('q')], A::Close, "close", "close help"),
    bind(&[ch('j'), code(KeyCode::Down), ctrl('n')], A::Down, "scroll down"),
    bind(&[ch('k'), code(KeyCode::Up), ctrl('p')], A::Up, "scroll up"),
    bind(&[ch(' '), code(KeyCode::PageDown)], A::PageDown, "page down"),
    bind(&[ch('b'), code(KeyCode::PageUp)], A::PageUp, "page up"),
    bind(&[ctrl('c')], A::Quit, "quit"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
    bind(&[ch('g'), code(KeyCode::Home)], A::Top, "top"),
    bind(&[ch('G'), code(KeyCode::End)], A::Bottom, "end"),
];

/// The matrix of competing hypotheses (`M`).
pub const MATRIX: &[Binding] = &[
    hinted(&[code(KeyCode::Esc), ch('q'), ch('M')], A::Close, "close", "close the matrix"),
    hinted(&[code(KeyCode::Enter)], A::Activate, "go", "go to the row's claim or counterpoint"),
    hinted(
        &[ch('x')],
        A::SetAside,
        "set aside",
        "set the row aside (or count it again): does the ranking hold?",
    ),
    hinted(
        &[ch('1')],
        A::Rate(Some(C::VeryConsistent)),
        "rate",
        "your rating of the cell: CC (very consistent)",
    ),
    bind(&[ch('2')], A::Rate(Some(C::Consistent)), "your rating of the cell: C (consistent)"),
    bind(&[ch('3')], A::Rate(Some(C::Neutral)), "your rating of the cell: N (neutral)"),
    bind(&[ch('4')], A::Rate(Some(C::Inconsistent)), "your rating of the cell: I (inconsistent)"),
    bind(
        &[ch('5')],
        A::Rate(Some(C::VeryInconsistent)),
        "your rating of the cell: II (very inconsistent)",
    ),
    bind(&[ch('0')], A::Rate(None), "clear your rating of the cell (the author's counts again)"),
    bind(&[ch('u')], A::Undo, "undo your last change (a rating, a note, a stance)"),
    bind(&[ch('j'), code(KeyCode::Down), ctrl('n')], A::Down, "next row"),
    bind(&[ch('k'), code(KeyCode::Up), ctrl('p')], A::Up, "previous row"),
    bind(&[ch('l'), code(KeyCode::Right)], A::Right, "next column"),
    bind(&[ch('h'), code(KeyCode::Left)], A::Left, "previous column"),
    bind(&[ch(' '), code(KeyCode::PageDown)], A::PageDown, "ten rows down"),
    bind(&[ch('b'), code(KeyCode::PageUp)], A::PageUp, "ten rows up"),
    bind(&[ch('g'), code(KeyCode::Home)], A::Top, "first row"),
    bind(&[ch('G'), code(KeyCode::End)], A::Bottom, "last row"),
    bind(&[ctrl('c')], A::Quit, "quit"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

/// The review walk (`R`): one claim at a time, in reading order, then the summary.
pub const REVIEW: &[Binding] = &[
    hinted(&[ch(' '), ch('n')], A::ReviewNext, "next", "on to the next claim (the summary last)"),
    hinted(&[ch('b')], A::ReviewPrev, "back", "back to the claim before"),
    hinted(&[code(KeyCode::Esc), ch('q'), ch('R')], A::Close, "leave", "leave (R resumes here)"),
    hinted(&[ch('s')], A::CycleStance, "stance", "your stance: agree, disagree, unsure, none"),
    hinted(&[ch('p')], A::CycleLikelihood, "likely", "likelihood (ICD 203's terms), none"),
    hinted(&[ch('c')], A::CycleConfidence, "conf", "your confidence: low, moderate, high, none"),
    hinted(&[ch('a')], A::EditNote, "note", "write or edit your note on the claim"),
    hinted(
        &[ch('f')],
        A::ToggleUnjudged,
        "unjudged",
        "only the claims you have not judged (no stance, likelihood or confidence), or all",
    ),
    bind(&[ch('u')], A::Undo, "undo your last change to a note or stance"),
    bind(&[code(KeyCode::Enter)], A::Activate, "go to the claim in the text (Ctrl-O back)"),
    bind(&[ch('j'), code(KeyCode::Down), ctrl('n')], A::Down, "scroll down"),
    bind(&[ch('k'), code(KeyCode::Up), ctrl('p')], A::Up, "scroll up"),
    bind(&[code(KeyCode::PageDown)], A::PageDown, "page down"),
    bind(&[code(KeyCode::PageUp)], A::PageUp, "page up"),
    bind(&[ch('g'), code(KeyCode::Home)], A::Top, "the first claim"),
    bind(
        &[ch('G'), code(KeyCode::End)],
        A::Bottom,
        "the summary: your judgements by factor and hypothesis",
    ),
    bind(&[ctrl('c')], A::Quit, "quit"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

/// What to watch (`W`): the indicators, your observations under each.
pub const WATCH: &[Binding] = &[
    hinted(&[code(KeyCode::Esc), ch('q'), ch('W')], A::Close, "close", "close"),
    hinted(
        &[ch('a'), code(KeyCode::Enter)],
        A::EditNote,
        "observe",
        "log a dated observation on the selected indicator (Ctrl-S saves it)",
    ),
    hinted(&[ch('d')], A::DeleteNote, "delete", "delete the selected observation (asks first)"),
    bind(&[ch('u')], A::Undo, "undo your last change (an observation, a note, a stance)"),
    bind(&[ch('j'), code(KeyCode::Down), ctrl('n')], A::Down, "next indicator or observation"),
    bind(&[ch('k'), code(KeyCode::Up), ctrl('p')], A::Up, "previous indicator or observation"),
    bind(&[ch(' '), code(KeyCode::PageDown)], A::PageDown, "ten rows down"),
    bind(&[ch('b'), code(KeyCode::PageUp)], A::PageUp, "ten rows up"),
    bind(&[ch('g'), code(KeyCode::Home)], A::Top, "first indicator"),
    bind(&[ch('G'), code(KeyCode::End)], A::Bottom, "last row"),
    bind(&[ctrl('c')], A::Quit, "quit"),
    bind(&[ctrl('z')], A::Suspend, "suspend (fg to resume)"),
];

/// All modes, in the order the help lists them.
pub const MODES: [Mode; 14] = [
    Mode::Reading,
    Mode::Selecting,
    Mode::Matches,
    Mode::Search,
    Mode::Picker,
    Mode::EditingNote,
    Mode::Confirm,
    Mode::Notes,
    Mode::NotesFilter,
    Mode::Matrix,
    Mode::Review,
    Mode::Watch,
    Mode::Problems,
    Mode::Help,
];

/// The built-in table for a mode (what is in force is `active().rows(mode)`).
pub fn table(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Reading => READING,
        Mode::Selecting => SELECTING,
        Mode::Matches => MATCHES,
        Mode::Search => SEARCH,
        Mode::Picker => PICKER,
        Mode::EditingNote => EDITING,
        Mode::Confirm => CONFIRM,
        Mode::Notes => NOTES,
        Mode::NotesFilter => NOTES_FILTER,
        Mode::Matrix => MATRIX,
        Mode::Review => REVIEW,
        Mode::Watch => WATCH,
        Mode::Problems => PROBLEMS,
        Mode::Help => HELP,
    }
}

/// The mode whose keys apply where a mode's own table has none: matches fall back to reading.
fn parent(mode: Mode) -> Option<Mode> {
    (mode == Mode::Matches).then_some(Mode::Reading)
}

/// Whether a mode takes printable keys as text (search query, picker filter).
fn is_typing(mode: Mode) -> bool {
    matches!(mode, Mode::Search | Mode::Picker | Mode::NotesFilter)
}

/// The action a key press asks for in `mode`, if any.
pub fn action_for(event: KeyEvent, mode: Mode) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    if event.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let pressed = Key { code: event.code, ctrl };
    let lookup = |mode: Mode| {
        active().rows(mode).iter().find(|b| b.keys.contains(&pressed)).map(|b| b.action)
    };
    match (lookup(mode).or_else(|| parent(mode).and_then(lookup)), event.code) {
        (Some(action), _) => Some(action),
        (None, KeyCode::Char(c)) if is_typing(mode) && !ctrl => Some(Action::Type(c)),
        // In the note editor every other key is text or editing.
        (None, _) if mode == Mode::EditingNote => Some(Action::EditorKey(event)),
        _ => None,
    }
}

/// How a key is written in hints and help: `j`, `Ctrl-O`, `PgDn`, `Space`.
pub fn key_name(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Bksp".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.ctrl { format!("Ctrl-{}", base.to_uppercase()) } else { base }
}

/// How the first key bound to `action` in `mode` (or the mode it falls back to) is written,
/// for hints and messages that name it: "press t to…". Every text that names a key asks here,
/// so none can go stale.
pub fn key_for(mode: Mode, action: Action) -> String {
    let bound =
        |mode: Mode| active().rows(mode).iter().find(|b| b.action == action && !b.keys.is_empty());
    match bound(mode).or_else(|| parent(mode).and_then(bound)) {
        Some(row) => key_name(row.keys[0]),
        None => {
            let built_in = |mode: Mode| table(mode).iter().any(|b| b.action == action);
            // A config may unbind a key that messages name; naming an action no table binds
            // is a mistake in the code.
            debug_assert!(
                built_in(mode) || parent(mode).is_some_and(built_in),
                "{action:?} is not bound in {mode:?}"
            );
            match action_name(action) {
                Some(name) => format!("({name}: no key)"),
                None => format!("({action:?}: no key)"),
            }
        }
    }
}

/// "Ctrl-S save · Esc close": the keys of `actions` in `mode` with their hints, for an
/// overlay's footer.
pub fn footer(mode: Mode, actions: &[Action]) -> String {
    actions
        .iter()
        .map(|&action| {
            let rows = active().rows(mode);
            let hint = rows.iter().find(|b| b.action == action).and_then(|b| b.hint);
            format!("{} {}", key_for(mode, action), hint.unwrap_or("?"))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Help lines for a mode: (keys, description). Bindings with the same description share a
/// line (the digits make one `1 2 … 9` line); a binding left without keys has none.
pub fn help_lines(mode: Mode) -> Vec<(String, &'static str)> {
    let mut lines: Vec<(String, &'static str)> = Vec::new();
    for binding in active().rows(mode).iter().filter(|b| !b.keys.is_empty()) {
        let keys = binding.keys.iter().map(|&k| key_name(k)).collect::<Vec<_>>().join(" ");
        match lines.iter_mut().find(|(_, help)| *help == binding.help) {
            Some((names, _)) => {
                names.push(' ');
                names.push_str(&keys);
            }
            None => lines.push((keys, binding.help)),
        }
    }
    lines
}

/// Status-bar hints for a mode, most important first: (first key, hint, action).
pub fn hints(mode: Mode) -> impl Iterator<Item = (String, &'static str, Action)> {
    let rows = |mode: Mode| active().rows(mode);
    let own = rows(mode).iter();
    let inherited = parent(mode).map(rows).unwrap_or_default().iter();
    let shadowed =
        move |b: &&Row| rows(mode).iter().any(|o| o.keys.iter().any(|k| b.keys.contains(k)));
    own.chain(inherited.filter(move |b| !shadowed(b)))
        .filter_map(|b| Some((key_name(*b.keys.first()?), b.hint?, b.action)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    /// Every list moves alike: the arrows and Ctrl-N / Ctrl-P move in the pickers, the notes
    /// overview and help; in a picker letters (j and k too) go to the filter.
    #[test]
    fn lists_move_with_the_same_keys_everywhere() {
        for mode in [Mode::Picker, Mode::Notes, Mode::Help] {
            for (code, modifiers, action) in [
                (KeyCode::Down, KeyModifiers::NONE, A::Down),
                (KeyCode::Char('n'), KeyModifiers::CONTROL, A::Down),
                (KeyCode::Up, KeyModifiers::NONE, A::Up),
                (KeyCode::Char('p'), KeyModifiers::CONTROL, A::Up),
            ] {
                assert_eq!(action_for(press(code, modifiers), mode), Some(action), "{mode:?}");
            }
        }
        for c in ['j', 'k', 'x'] {
            let typed = action_for(press(KeyCode::Char(c), KeyModifiers::NONE), Mode::Picker);
            assert_eq!(typed, Some(A::Type(c)));
        }
    }

    /// Key names in the reader's strings: they must come from the table (`key_for`), so a
    /// literal one in any other file of the reader fails here.
    #[test]
    fn key_text_lives_only_in_the_keymap() {
        const NAMES: [&str; 9] =
            ["Ctrl-", "Esc", "Enter", "Tab", "PgDn", "PgUp", "Bksp", "Space", "Shift-"];
        let mut found = Vec::new();
        let mut dirs =
            vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src/tui"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                // The keymap's own files (keymap.rs, keymap/) are where key names live.
                let in_keymap = path.parent().is_some_and(|p| p.ends_with("keymap"));
                if name == "keymap.rs" || in_keymap || name == "tests.rs" || name == "script.rs" {
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                let code = source.split("#[cfg(test)]").next().unwrap();
                for (n, line) in code.lines().enumerate() {
                    let line = line.split("//").next().unwrap();
                    // The odd pieces between quotes are string literals.
                    for literal in line.split('"').skip(1).step_by(2) {
                        let press = literal.find("press ").map(|at| &literal[at + 6..]);
                        let single_key = press.is_some_and(|rest| {
                            rest.chars().nth(1).is_none_or(|c| !c.is_alphanumeric())
                                && !rest.starts_with('{')
                        });
                        if NAMES.iter().any(|k| literal.contains(k)) || single_key {
                            found.push(format!("{}:{}: {literal:?}", path.display(), n + 1));
                        }
                    }
                }
            }
        }
        assert!(found.is_empty(), "key names typed by hand:\n{}", found.join("\n"));
    }

    #[test]
    fn key_for_names_the_first_key_bound_and_falls_back_to_reading() {
        assert_eq!(key_for(Mode::Reading, Action::OpenContents), "t");
        assert_eq!(key_for(Mode::Reading, Action::FocusNext), "Tab");
        assert_eq!(key_for(Mode::Matches, Action::EditNote), "a");
        assert_eq!(key_for(Mode::EditingNote, Action::SaveNote), "Ctrl-S");
        assert_eq!(
            footer(Mode::EditingNote, &[Action::SaveNote, Action::Close]),
            "Ctrl-S save · Esc close"
        );
    }

    #[test]
    #[should_panic(expected = "is not bound")]
    fn naming_a_key_that_is_not_bound_fails() {
        key_for(Mode::Help, Action::EditNote);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in MODES {
            let keys: Vec<Key> = table(mode).iter().flat_map(|b| b.keys.iter().copied()).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{mode:?}: {k:?} bound twice");
            }
        }
    }

    #[test]
    fn every_binding_round_trips_through_action_for() {
        for mode in MODES {
            for binding in table(mode) {
                for key in binding.keys {
                    let mods = if key.ctrl { KeyModifiers::CONTROL } else { KeyModifiers::NONE };
                    assert_eq!(
                        action_for(press(key.code, mods), mode),
                        Some(binding.action),
                        "{mode:?} {key:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_binding_appears_in_the_help() {
        for mode in MODES {
            let help = help_lines(mode);
            for binding in table(mode) {
                let line = help.iter().find(|(_, h)| *h == binding.help).expect(binding.help);
                for key in binding.keys {
                    assert!(
                        line.0.split(' ').any(|k| k == key_name(*key)),
                        "{mode:?}: {} missing",
                        key_name(*key)
                    );
                }
            }
        }
    }

    #[test]
    fn matches_mode_steps_with_n_and_falls_back_to_reading() {
        let n = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(action_for(n('N'), Mode::Reading), Some(Action::OpenNotes));
        assert_eq!(action_for(n('N'), Mode::Matches), Some(Action::PrevMatch));
        assert_eq!(action_for(n('j'), Mode::Matches), Some(Action::Down));
        assert!(hints(Mode::Matches).any(|(k, h, _)| k == "N" && h == "prev"));
        assert!(!hints(Mode::Matches).any(|(_, h, _)| h == "notes"));
    }

    #[test]
    fn the_editor_takes_every_other_key_as_text() {
        let key = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(key, Mode::EditingNote), Some(Action::EditorKey(key)));
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(action_for(enter, Mode::EditingNote), Some(Action::EditorKey(enter)));
        let save = press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(action_for(save, Mode::EditingNote), Some(Action::SaveNote));
    }

    #[test]
    fn shifted_letters_and_typing() {
        assert_eq!(
            action_for(press(KeyCode::Char('G'), KeyModifiers::SHIFT), Mode::Reading),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(press(KeyCode::Char('q'), KeyModifiers::NONE), Mode::Search),
            Some(Action::Type('q'))
        );
        assert_eq!(action_for(press(KeyCode::Char('X'), KeyModifiers::NONE), Mode::Reading), None);
        assert_eq!(
            action_for(press(KeyCode::Char('x'), KeyModifiers::NONE), Mode::Reading),
            Some(Action::Counter)
        );
        assert_eq!(action_for(press(KeyCode::Char('j'), KeyModifiers::ALT), Mode::Reading), None);
        assert_eq!(
            action_for(press(KeyCode::Char('o'), KeyModifiers::CONTROL), Mode::Reading),
            Some(Action::JumpBack)
        );
    }
}
