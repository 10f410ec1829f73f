//! The reader's state and its one pure `update`: every key, click and resize becomes an
//! `Action`; `update` changes the state and returns the `Effect` the event loop must perform.
//!
//! Nothing here touches the terminal, the disk or the clock.

mod annotate;
mod page;
mod picker;
pub mod search;

pub use crate::briefing::{Anchor, Location};
pub use annotate::{Confirm, NoteEditor};
pub use page::{LineKind, Page, PageLine};
pub use picker::{Picker, PickerEntry, PickerKind};

use ratatui::layout::Rect;

use ratatui::crossterm::event::KeyEvent;

use crate::briefing::Briefing;
use crate::notes::Notebook;
use crate::tui::layout::{self, Areas};
use search::Hit;

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Text,
    Claims,
    Counterpoints,
    Factors,
}

impl Focus {
    pub const ALL: [Focus; 4] = [Focus::Text, Focus::Claims, Focus::Counterpoints, Focus::Factors];

    fn next(self) -> Self {
        Self::ALL[(self as usize + 1) % 4]
    }

    fn prev(self) -> Self {
        Self::ALL[(self as usize + 3) % 4]
    }

    /// Index of a side pane in `App::selected` (the text pane has none).
    fn side(self) -> Option<usize> {
        (self as usize).checked_sub(1)
    }
}

/// Which key table is in force; derived from the state, never stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Reading,
    /// Reading while a search has matches: `n`/`N` step through them, Esc clears them.
    Matches,
    Search,
    Picker,
    Help,
    EditingNote,
    Confirm,
    Notes,
}

/// What a key press, click or resize asks for. Variants are verbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextSection,
    PrevSection,
    JumpToSection(usize),
    FocusNext,
    FocusPrev,
    /// Enter on the focused pane's selection.
    Activate,
    JumpBack,
    JumpForward,
    StartSearch,
    NextMatch,
    PrevMatch,
    OpenContents,
    ToggleOutline,
    ToggleHelp,
    /// Esc: close the topmost overlay, cancel a search, or clear highlights.
    Close,
    /// Enter in a prompt or picker.
    Accept,
    Type(char),
    DeleteChar,
    Resize(u16, u16),
    /// A click on a pane, and on which of its items (from `ui::hit_test`).
    Click(Focus, Option<usize>),
    /// The mouse wheel over a pane: `true` scrolls down.
    Wheel(Focus, bool),
    /// `a`: write or edit the note on the selected claim.
    EditNote,
    /// `s`: cycle the stance on the selected claim.
    CycleStance,
    /// `d`: delete the note on the selected claim (after a yes).
    DeleteNote,
    /// `N`: every note of this briefing.
    OpenNotes,
    /// `L`: the library, to switch briefing.
    OpenLibrary,
    /// Ctrl-S in the note editor.
    SaveNote,
    /// Any other key in the note editor: text for the editor.
    EditorKey(KeyEvent),
    Yes,
    No,
    Suspend,
    Quit,
}

/// Work left for the event loop, so `update` stays free of I/O.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Write the notebook's pending changes.
    SaveNotes,
    /// Read the library and show it (`App::show_library`).
    ScanLibrary,
    /// Leave this briefing for entry N of the library shown.
    SwitchBriefing(usize),
    Suspend,
    Quit,
}

/// The search: the query, its matches and which one is current.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub query: String,
    pub hits: Vec<Hit>,
    /// Indices of the hits in section bodies, sorted by (section, paragraph, offset).
    pub body_hits: Vec<usize>,
    pub current: Option<usize>,
    /// The prompt is open (typing).
    pub is_typing: bool,
    /// Where the search started, to return to on cancel.
    origin: Option<(Location, Focus)>,
    /// The search kept before this prompt opened, back if the prompt is cancelled.
    previous: Option<Box<Search>>,
}

/// An overlay above the panes; Esc closes it.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Picker(Picker),
    Editor(Box<NoteEditor>),
    Confirm(Confirm),
    /// The notes overview, with the selected entry.
    Notes {
        selected: usize,
    },
}

/// Lines one wheel notch scrolls the text.
const WHEEL_LINES: usize = 3;
/// Jumps remembered for Ctrl-O.
const MAX_JUMPS: usize = 100;

pub struct App {
    pub briefing: Briefing,
    pub section: usize,
    /// First line of `page` on screen.
    pub scroll: usize,
    /// The current section laid out for the reading pane's width.
    pub page: Page,
    pub screen: Rect,
    pub focus: Focus,
    /// The side pane shown on narrow screens when the text has focus.
    pub tab: Focus,
    /// Selected item in the claims, counterpoints and factors panes (index in the pane's list).
    pub selected: [usize; 3],
    /// Claim whose quote is highlighted in the text.
    pub highlight: Option<usize>,
    /// Claims answered by the counterpoint last activated, marked in the claims pane.
    pub marked: Vec<usize>,
    pub show_outline: bool,
    pub overlay: Option<Overlay>,
    pub search: Search,
    back: Vec<Location>,
    forward: Vec<Location>,
    /// A one-line message for the status bar ("no match", "top of jumps").
    pub message: Option<String>,
    /// The user's notes on this briefing's claims.
    pub notes: Notebook,
}

impl App {
    pub fn new(briefing: Briefing, screen: Rect) -> Self {
        let mut app = App {
            briefing,
            section: 0,
            scroll: 0,
            page: Page::default(),
            screen,
            focus: Focus::Text,
            tab: Focus::Claims,
            selected: [0; 3],
            highlight: None,
            marked: Vec::new(),
            show_outline: true,
            overlay: None,
            search: Search::default(),
            back: Vec::new(),
            forward: Vec::new(),
            message: None,
            notes: Notebook::default(),
        };
        app.relayout();
        app
    }

    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Picker(_)) => Mode::Picker,
            Some(Overlay::Editor(_)) => Mode::EditingNote,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Notes { .. }) => Mode::Notes,
            None if self.search.is_typing => Mode::Search,
            None if !self.search.hits.is_empty() => Mode::Matches,
            None => Mode::Reading,
        }
    }

    pub fn areas(&self) -> Areas {
        layout::areas(self.screen, self.show_outline)
    }

    /// Lines of text the reading pane shows at once.
    pub fn page_height(&self) -> usize {
        usize::from(layout::text_inner(self.areas().text).0.height).max(1)
    }

    fn max_scroll(&self) -> usize {
        self.page.lines.len().saturating_sub(self.page_height())
    }

    pub fn location(&self) -> Location {
        Location { section: self.section, anchor: self.page.anchor(self.scroll) }
    }

    /// Claims listed in the claims pane (this section's).
    pub fn claims_in_view(&self) -> &[usize] {
        &self.briefing.sections[self.section].claims
    }

    /// Counterpoints listed in the counterpoints pane (answers to this section's claims).
    pub fn counterpoints_in_view(&self) -> &[usize] {
        &self.briefing.sections[self.section].counterpoints
    }

    fn pane_len(&self, focus: Focus) -> usize {
        match focus {
            Focus::Text => self.page.lines.len(),
            Focus::Claims => self.claims_in_view().len(),
            Focus::Counterpoints => self.counterpoints_in_view().len(),
            Focus::Factors => self.briefing.factors.len(),
        }
    }

    /// The claim selected in the claims pane, if the section has any.
    pub fn selected_claim(&self) -> Option<usize> {
        self.claims_in_view().get(self.selected[0]).copied()
    }

    pub fn selected_counterpoint(&self) -> Option<usize> {
        self.counterpoints_in_view().get(self.selected[1]).copied()
    }

    /// The side pane shown on narrow screens.
    pub fn visible_tab(&self) -> Focus {
        if self.focus == Focus::Text { self.tab } else { self.focus }
    }

    /// Position in the section for the status bar: "Top", "Bot", "All" or a percentage.
    pub fn position_label(&self) -> String {
        let max = self.max_scroll();
        match (self.scroll, max) {
            (_, 0) => "All".into(),
            (0, _) => "Top".into(),
            (s, m) if s >= m => "Bot".into(),
            (s, m) => format!("{}%", s * 100 / m),
        }
    }

    /// Whether `action` would do something now: the status bar hints only at those.
    pub fn offers(&self, action: Action) -> bool {
        match action {
            Action::Activate => self.focus != Focus::Text,
            Action::EditNote | Action::CycleStance | Action::DeleteNote => {
                self.notes.read_only.is_none()
                    && matches!(self.focus, Focus::Text | Focus::Claims)
                    && self.selected_claim().is_some()
            }
            _ => true,
        }
    }

    /// Applies one action. The only place state changes.
    pub fn update(&mut self, action: Action) -> Effect {
        self.message = None;
        match self.mode() {
            Mode::Help => self.update_help(action),
            Mode::Picker => self.update_picker(action),
            Mode::Search => self.update_search(action),
            Mode::Reading | Mode::Matches => self.update_reading(action),
            Mode::EditingNote => self.update_editor(action),
            Mode::Confirm => self.update_confirm(action),
            Mode::Notes => self.update_notes(action),
        }
    }

    fn update_reading(&mut self, action: Action) -> Effect {
        match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page_step()),
            Action::PageUp => self.move_by(-self.page_step()),
            Action::Top => self.move_to(0),
            Action::Bottom => self.move_to(usize::MAX),
            Action::NextSection => self.go_to_section(self.section + 1, false),
            Action::PrevSection => self.go_to_section(self.section.saturating_sub(1), false),
            Action::JumpToSection(n) if n < self.briefing.sections.len() => {
                self.go_to_section(n, true)
            }
            Action::JumpToSection(n) => self.message = Some(format!("no section {}", n + 1)),
            Action::FocusNext => self.set_focus(self.focus.next()),
            Action::FocusPrev => self.set_focus(self.focus.prev()),
            Action::Activate => self.activate(),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::StartSearch => {
                let previous = std::mem::take(&mut self.search);
                self.search = Search {
                    is_typing: true,
                    origin: Some((self.location(), self.focus)),
                    previous: Some(Box::new(previous)),
                    ..Search::default()
                };
            }
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::OpenContents => self.open_picker(PickerKind::Contents),
            Action::ToggleOutline => self.toggle_outline(),
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Close => {
                self.highlight = None;
                self.marked.clear();
                self.search = Search::default();
            }
            Action::Resize(w, h) => self.resize(w, h),
            Action::Click(focus, item) => self.click(focus, item),
            Action::Wheel(focus, down) => self.wheel(focus, down),
            Action::EditNote => self.open_editor(),
            Action::CycleStance => return self.cycle_stance(),
            Action::DeleteNote => self.ask_delete_note(),
            Action::OpenNotes => self.overlay = Some(Overlay::Notes { selected: 0 }),
            Action::OpenLibrary => return Effect::ScanLibrary,
            Action::Suspend => return Effect::Suspend,
            Action::Quit => return Effect::Quit,
            Action::Accept
            | Action::Type(_)
            | Action::DeleteChar
            | Action::SaveNote
            | Action::EditorKey(_)
            | Action::Yes
            | Action::No => {}
        }
        Effect::None
    }

    fn update_help(&mut self, action: Action) -> Effect {
        let Some(Overlay::Help { scroll }) = &mut self.overlay else {
            return Effect::None;
        };
        match action {
            Action::Down | Action::Wheel(_, true) => *scroll += 1,
            Action::Up | Action::Wheel(_, false) => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll += 10,
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::Top => *scroll = 0,
            // Clamped to the last page when drawn.
            Action::Bottom => *scroll = usize::MAX / 2,
            Action::Close | Action::ToggleHelp | Action::Click(..) => self.overlay = None,
            Action::Resize(w, h) => self.resize(w, h),
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }

    fn update_picker(&mut self, action: Action) -> Effect {
        let Some(Overlay::Picker(picker)) = &mut self.overlay else {
            return Effect::None;
        };
        match action {
            Action::Down | Action::Wheel(_, true) => picker.move_by(1),
            Action::Up | Action::Wheel(_, false) => picker.move_by(-1),
            Action::PageDown => picker.move_by(10),
            Action::PageUp => picker.move_by(-10),
            Action::Type(c) => picker.type_char(&self.briefing, c),
            Action::DeleteChar => picker.delete_char(&self.briefing),
            Action::Accept if picker.chosen().is_none() => {
                self.message = Some(format!("nothing matches '{}'", picker.filter));
            }
            Action::Accept => {
                let chosen = picker.chosen();
                self.overlay = None;
                match chosen {
                    Some(PickerEntry::Section(s)) => self.go_to_section(s, true),
                    Some(PickerEntry::Claim(c)) => self.show_claim(c, true),
                    Some(PickerEntry::Briefing(i)) => return Effect::SwitchBriefing(i),
                    None => {}
                }
            }
            Action::Close | Action::Click(..) => self.overlay = None,
            Action::Resize(w, h) => self.resize(w, h),
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }

    fn update_search(&mut self, action: Action) -> Effect {
        match action {
            Action::Type(c) => {
                self.search.query.push(c);
                self.run_search();
            }
            Action::DeleteChar => {
                if self.search.query.pop().is_none() {
                    return self.update_search(Action::Close);
                }
                self.run_search();
            }
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::Accept => {
                self.search.is_typing = false;
                if let Some((origin, _)) = self.search.origin.take()
                    && self.search.current.is_some()
                    && origin.section != self.section
                {
                    self.push_jump(origin);
                }
                if self.search.hits.is_empty() && !self.search.query.is_empty() {
                    self.message = Some(format!("no match for '{}'", self.search.query));
                }
            }
            Action::Close => {
                if let Some((origin, focus)) = self.search.origin.take() {
                    self.restore(origin);
                    self.focus = focus;
                }
                self.search = self.search.previous.take().map(|p| *p).unwrap_or_default();
            }
            Action::Resize(w, h) => self.resize(w, h),
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }

    // --- Moving about -----------------------------------------------------------------------

    fn page_step(&self) -> isize {
        isize::try_from(self.page_height().saturating_sub(2).max(1)).unwrap_or(isize::MAX)
    }

    /// Moves the focused pane: scrolls the text, or moves a pane's selection.
    fn move_by(&mut self, delta: isize) {
        match self.focus.side() {
            None => self.scroll = self.scroll.saturating_add_signed(delta).min(self.max_scroll()),
            Some(i) => {
                let last = self.pane_len(self.focus).saturating_sub(1);
                self.selected[i] = self.selected[i].saturating_add_signed(delta).min(last);
                self.follow_selection();
            }
        }
    }

    fn move_to(&mut self, index: usize) {
        match self.focus.side() {
            None => self.scroll = index.min(self.max_scroll()),
            Some(i) => {
                self.selected[i] = index.min(self.pane_len(self.focus).saturating_sub(1));
                self.follow_selection();
            }
        }
    }

    /// Selecting a claim shows its quote in the text, as a reader following along expects.
    fn follow_selection(&mut self) {
        if self.focus == Focus::Claims
            && let Some(c) = self.selected_claim()
        {
            self.highlight = Some(c);
            self.reveal_quote(c);
        }
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        if focus != Focus::Text {
            self.tab = focus;
        }
        self.follow_selection();
    }

    fn go_to_section(&mut self, section: usize, is_jump: bool) {
        let section = section.min(self.briefing.sections.len() - 1);
        if section == self.section {
            if is_jump {
                self.scroll = 0;
            }
            return;
        }
        if is_jump {
            self.push_jump(self.location());
        }
        self.enter_section(section);
        self.scroll = 0;
    }

    /// Switches the current section and resets what belongs to the old one.
    fn enter_section(&mut self, section: usize) {
        if section != self.section {
            self.section = section;
            self.selected[0] = 0;
            self.selected[1] = 0;
            self.highlight = None;
            self.marked.clear();
        }
        self.relayout();
    }

    /// Rebuilds the page if the section or the wrap width changed, keeping the top line.
    fn relayout(&mut self) {
        let (_, width) = layout::text_inner(self.areas().text);
        if self.page.section == self.section
            && self.page.width == width
            && !self.page.lines.is_empty()
        {
            return;
        }
        let anchor = (self.page.section == self.section && !self.page.lines.is_empty())
            .then(|| self.page.anchor(self.scroll));
        self.page = Page::new(&self.briefing, self.section, width);
        self.scroll = anchor.map_or(0, |a| self.page.resolve(a)).min(self.max_scroll());
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.screen = Rect::new(0, 0, width, height);
        self.relayout();
        self.scroll = self.scroll.min(self.max_scroll());
    }

    fn toggle_outline(&mut self) {
        self.show_outline = !self.show_outline;
        if self.screen.width < layout::WIDE {
            let state = if self.show_outline { "shown" } else { "hidden" };
            self.message = Some(format!(
                "the contents sidebar ({state}) shows on terminals {} columns wide or more; t opens the contents",
                layout::WIDE
            ));
        }
        self.relayout();
    }

    /// Moves to a saved or remembered location.
    pub fn restore(&mut self, location: Location) {
        let section = location.section.min(self.briefing.sections.len() - 1);
        self.enter_section(section);
        self.scroll = self.page.resolve(location.anchor).min(self.max_scroll());
    }

    /// Scrolls so that body line `line` is in view, a third of the way down when it moves.
    fn reveal_line(&mut self, line: usize) {
        let height = self.page_height();
        if line < self.scroll || line >= self.scroll + height {
            self.scroll = line.saturating_sub(height / 3).min(self.max_scroll());
        }
    }

    fn reveal_quote(&mut self, claim: usize) {
        if let Some(span) = self.briefing.claims[claim].quote_span.clone()
            && let Some(line) = self.page.line_of(span.paragraph, span.range.start)
        {
            self.reveal_line(line);
        }
    }

    /// Goes to a claim: its section, selected in the claims pane, its quote shown.
    fn show_claim(&mut self, claim: usize, is_jump: bool) {
        let section = self.briefing.claims[claim].section;
        if is_jump {
            self.push_jump(self.location());
        }
        self.enter_section(section);
        if let Some(i) = self.claims_in_view().iter().position(|&c| c == claim) {
            self.selected[0] = i;
        }
        self.highlight = Some(claim);
        self.reveal_quote(claim);
    }

    /// Enter: what it means depends on the pane.
    fn activate(&mut self) {
        match self.focus {
            Focus::Text => {}
            Focus::Claims => {
                if let Some(c) = self.selected_claim() {
                    self.show_claim(c, true);
                }
            }
            Focus::Counterpoints => {
                let Some(cp) = self.selected_counterpoint() else {
                    return;
                };
                let claims = self.briefing.counterpoints[cp].claims.clone();
                // Prefer a claim of this section, so the reader stays where they are.
                let here = claims
                    .iter()
                    .copied()
                    .find(|&c| self.briefing.claims[c].section == self.section);
                if let Some(c) = here.or(claims.first().copied()) {
                    self.show_claim(c, here.is_none());
                    self.set_focus(Focus::Claims);
                    self.marked = claims;
                }
            }
            Focus::Factors => {
                let factor = self.selected[2];
                if factor < self.briefing.factors.len() {
                    self.open_picker(PickerKind::Factor(factor));
                }
            }
        }
    }

    /// Shows the library picker: one label per briefing, `current` selected.
    pub fn show_library(&mut self, labels: Vec<String>, current: Option<usize>) {
        let current = current.map(PickerEntry::Briefing);
        self.overlay = Some(Overlay::Picker(Picker::new(
            &self.briefing,
            PickerKind::Library(labels),
            current,
        )));
    }

    fn open_picker(&mut self, kind: PickerKind) {
        let current = match kind {
            PickerKind::Contents => Some(PickerEntry::Section(self.section)),
            PickerKind::Factor(_) | PickerKind::Library(_) => None,
        };
        self.overlay = Some(Overlay::Picker(Picker::new(&self.briefing, kind, current)));
    }

    fn click(&mut self, focus: Focus, item: Option<usize>) {
        self.set_focus(focus);
        if let (Some(i), Some(item)) = (focus.side(), item)
            && item < self.pane_len(focus)
        {
            self.selected[i] = item;
            self.follow_selection();
        }
    }

    fn wheel(&mut self, focus: Focus, down: bool) {
        match focus.side() {
            None => {
                let step = if down { WHEEL_LINES as isize } else { -(WHEEL_LINES as isize) };
                self.scroll = self.scroll.saturating_add_signed(step).min(self.max_scroll());
            }
            Some(i) => {
                let last = self.pane_len(focus).saturating_sub(1);
                self.selected[i] = if down {
                    (self.selected[i] + 1).min(last)
                } else {
                    self.selected[i].saturating_sub(1)
                };
                if self.focus == focus {
                    self.follow_selection();
                }
            }
        }
    }

    // --- Jumps ------------------------------------------------------------------------------

    fn push_jump(&mut self, from: Location) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
            if self.back.len() > MAX_JUMPS {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }

    fn jump_back(&mut self) {
        match self.back.pop() {
            Some(to) => {
                self.forward.push(self.location());
                self.restore(to);
            }
            None => self.message = Some("no earlier jump".into()),
        }
    }

    fn jump_forward(&mut self) {
        match self.forward.pop() {
            Some(to) => {
                self.back.push(self.location());
                self.restore(to);
            }
            None => self.message = Some("no later jump".into()),
        }
    }
}

#[cfg(test)]
mod tests;
