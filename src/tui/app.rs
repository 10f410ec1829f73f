//! The reader's state and its one pure `update`: every key, click, resize and every answer
//! from the worker becomes a `Message`; `update` changes the state and returns the `Effect`
//! the event loop must perform.
//!
//! Nothing here touches the terminal, the disk or the clock, and the state is private: the
//! rest of the reader reads it through methods and changes it only through `update`.

mod annotate;
pub mod marks;
mod matrix;
mod outside;
mod overview;
mod own;
mod page;
mod picker;
mod reading;
mod reload;
mod review;
pub mod search;
pub mod select;
mod watch;

pub use annotate::{Confirm, Deletion, NoteEditor, NoteOn};
pub use matrix::MatrixView;
pub use outside::{LibraryRow, LibraryScan, Message};
pub use overview::{Entry, NotesView};
pub use own::YOURS;
pub use page::{LineKind, Page, PageLine};
pub use picker::{LibraryItem, Picker, PickerEntry, PickerKind};
pub use reload::{EditRequest, Problems};
pub use review::{ReviewView, Walk};
pub use watch::{WatchKey, WatchRow, WatchView};

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use crate::briefing::{Anchor, Location};
use crate::briefing::{Briefing, ClaimIx, CounterpointIx, FactorIx, SectionIx};
use crate::library;
use crate::notes::{Notebook, Update};
use crate::tui::layout::{self, Areas};
use search::{Hit, Matches, Texts};

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Text,
    Claims,
    Marks,
    Counterpoints,
    Factors,
}

impl Focus {
    /// In the order Tab visits them.
    pub const ALL: [Focus; 5] =
        [Focus::Text, Focus::Claims, Focus::Marks, Focus::Counterpoints, Focus::Factors];

    pub fn next(self) -> Self {
        match self {
            Focus::Text => Focus::Claims,
            Focus::Claims => Focus::Marks,
            Focus::Marks => Focus::Counterpoints,
            Focus::Counterpoints => Focus::Factors,
            Focus::Factors => Focus::Text,
        }
    }

    pub fn prev(self) -> Self {
        match self {
            Focus::Text => Focus::Factors,
            Focus::Claims => Focus::Text,
            Focus::Marks => Focus::Claims,
            Focus::Counterpoints => Focus::Marks,
            Focus::Factors => Focus::Counterpoints,
        }
    }

    /// The side pane this is, if it is one.
    pub fn side(self) -> Option<SidePane> {
        match self {
            Focus::Text => None,
            Focus::Claims => Some(SidePane::Claims),
            Focus::Marks => Some(SidePane::Marks),
            Focus::Counterpoints => Some(SidePane::Counterpoints),
            Focus::Factors => Some(SidePane::Factors),
        }
    }
}

/// The panes beside (or, on narrow screens, below) the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SidePane {
    #[default]
    Claims,
    Marks,
    Counterpoints,
    Factors,
}

impl SidePane {
    /// In the order they are stacked and tabbed.
    pub const ALL: [SidePane; 4] =
        [SidePane::Claims, SidePane::Marks, SidePane::Counterpoints, SidePane::Factors];

    pub fn focus(self) -> Focus {
        match self {
            SidePane::Claims => Focus::Claims,
            SidePane::Marks => Focus::Marks,
            SidePane::Counterpoints => Focus::Counterpoints,
            SidePane::Factors => Focus::Factors,
        }
    }

    /// Its name on a tab bar too narrow for `name`.
    pub fn short_name(self) -> &'static str {
        match self {
            SidePane::Counterpoints => "Counterp.",
            other => other.name(),
        }
    }

    /// Its name on the tab bar.
    pub fn name(self) -> &'static str {
        match self {
            SidePane::Claims => "Claims",
            SidePane::Marks => "Marks",
            SidePane::Counterpoints => "Counterpoints",
            SidePane::Factors => "Factors",
        }
    }
}

/// A position in a pane's list, the first item 0: never a claim's or a counterpoint's index
/// in the briefing (`ClaimIx`, `CounterpointIx`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct ItemIx(pub usize);

/// The selected item of each side pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    claims: ItemIx,
    marks: ItemIx,
    counterpoints: ItemIx,
    factors: ItemIx,
}

impl Selection {
    pub fn get(&self, pane: SidePane) -> ItemIx {
        match pane {
            SidePane::Claims => self.claims,
            SidePane::Marks => self.marks,
            SidePane::Counterpoints => self.counterpoints,
            SidePane::Factors => self.factors,
        }
    }

    fn set(&mut self, pane: SidePane, item: ItemIx) {
        match pane {
            SidePane::Claims => self.claims = item,
            SidePane::Marks => self.marks = item,
            SidePane::Counterpoints => self.counterpoints = item,
            SidePane::Factors => self.factors = item,
        }
    }
}

/// Which key table is in force; derived from the state, never stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Reading,
    /// A passage is being selected in the text (`v`, or a mouse drag).
    Selecting,
    /// Reading while a search has matches: `n`/`N` step through them, Esc clears them.
    Matches,
    Search,
    Picker,
    Help,
    EditingNote,
    Confirm,
    Notes,
    /// Typing the notes overview's filter.
    NotesFilter,
    /// The matrix of competing hypotheses (`M`).
    Matrix,
    /// The review walk (`R`): every claim in turn, judged on the spot.
    Review,
    /// What to watch (`W`): the indicators and your observations on them.
    Watch,
    /// The errors of the briefing's file, which does not load now.
    Problems,
}

/// What a key press or a click asks for. Variants are verbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    /// A column left or right (the matrix).
    Left,
    Right,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextSection,
    PrevSection,
    JumpToSection(SectionIx),
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
    /// `z`: hide or show every analysis pane (reading mode).
    ToggleAnalysis,
    ToggleHelp,
    /// Esc: close the topmost overlay, cancel a search, or clear highlights.
    Close,
    /// Enter in a prompt or picker.
    Accept,
    Type(char),
    DeleteChar,
    /// A click on a pane, and on which of its items (from the geometry render recorded).
    Click(Focus, Option<ItemIx>),
    /// A click on an overlay: it closes.
    ClickOverlay,
    /// The mouse wheel over a pane (or an overlay, as `Focus::Text`): `true` scrolls down.
    Wheel(Focus, bool),
    /// `a`: write or edit the note on the selected claim.
    EditNote,
    /// `s`: cycle the stance on the selected claim.
    CycleStance,
    /// `p`: cycle the likelihood of the selected claim through ICD 203's seven terms and none.
    CycleLikelihood,
    /// `c`: cycle the confidence in the selected claim: low, moderate, high, none.
    CycleConfidence,
    /// `u`: undo the last change to a note or stance.
    Undo,
    /// `d`: delete the note on the selected claim (after a yes).
    DeleteNote,
    /// `N`: every note of this briefing.
    OpenNotes,
    /// `U`: what is still unexamined (the gaps).
    OpenGaps,
    /// `M`: the matrix of competing hypotheses.
    OpenMatrix,
    /// `x` in the matrix: the selected row left out of the scores, or counted again.
    SetAside,
    /// `1`..`5` and `0` in the matrix: your rating of the selected cell (`CC` .. `II`), or
    /// none.
    Rate(Option<crate::briefing::Consistency>),
    /// `R`: the review walk, where it stopped.
    OpenReview,
    /// In the walk: on to the next claim (the summary after the last).
    ReviewNext,
    /// In the walk: back to the claim before.
    ReviewPrev,
    /// In the walk: only the claims you have not judged, or all of them again.
    ToggleUnjudged,
    /// `W`: the indicators to watch, with your dated observations on them.
    OpenWatch,
    /// `v`: start selecting a passage at the first sentence on screen.
    StartSelection,
    /// `)` / `(`: the selection's moving end a sentence forward or back.
    SelectSentence(bool),
    /// `w` / `b`: the same by a word.
    SelectWord(bool),
    /// `o`: the other end of the selection moves.
    SwapEnds,
    /// `h`: keep the selection as a mark.
    Highlight,
    /// `l`: cycle the label of the selection or the selected mark.
    CycleLabel,
    /// On a drifted mark: its passage as it reads now becomes the mark's.
    AcceptDrift,
    /// The mouse button pressed on the text, at this screen cell.
    PressText(u16, u16),
    /// The mouse dragged over the text to this screen cell, the button held.
    DragText(u16, u16),
    /// `L`: the library, to switch briefing.
    OpenLibrary,
    /// Ctrl-S in the note editor.
    SaveNote,
    /// Any other key in the note editor: text for the editor.
    EditorKey(KeyEvent),
    Yes,
    /// `a` when deleting a note that has a stance: the note and the stance.
    YesBoth,
    No,
    /// `C`: the selection, or the selected mark, made a claim of your own.
    MakeClaim,
    /// `r`: rewrite your own claim or counterpoint (the editor, prefilled).
    Rewrite,
    /// Ctrl-T in the editor, rewriting your claim: its kind, cycled.
    CycleKind,
    /// `D`: delete your own claim or counterpoint (after a yes).
    DeleteOwn,
    /// `x`: write your counterpoint to the selected claim; on your counterpoint, tick the
    /// claims it answers.
    Counter,
    /// `F`: tick the factors the selected claim bears on (your links).
    LinkFactors,
    /// `e`: open the briefing's file in the user's editor, at what is on screen.
    EditSource,
    /// `!`: the errors of the briefing's file again, while it does not load.
    ShowProblems,
    Suspend,
    Quit,
}

/// Work left for the event loop, so `update` stays free of I/O.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Write these note changes (the worker does; `Message::NotesSaved` comes back).
    SaveNotes(Vec<Update>),
    /// Read the library (the worker does; `Message::LibraryScanned` comes back).
    ScanLibrary,
    /// Leave this briefing for that one.
    Open(Box<library::Entry>),
    /// Hand the terminal to the user's editor on the briefing's file, take it back, reload.
    Edit(Box<EditRequest>),
    Suspend,
    Quit,
}

/// The search: the query, its matches (counted, not kept: see `search`) and which one is
/// current.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub query: String,
    matches: Matches,
    /// The current match's place in reading order (the first is 0).
    pub current: Option<usize>,
    /// Where the current match is.
    current_hit: Option<Hit>,
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
    /// The notes overview: its filter and selection.
    Notes(NotesView),
    /// The errors of the briefing's file (`App::problems`), scrolled this far.
    Problems {
        scroll: usize,
    },
    /// The matrix of competing hypotheses.
    Matrix(Box<MatrixView>),
    /// The review walk; where it is lives in `App` (`Walk`), kept when it closes.
    Review(Box<ReviewView>),
    /// What to watch: the indicators, your observations under each.
    Watch(WatchView),
}

/// The width the contents sidebar needs for every title on one line: "▶12 Title", borders.
fn outline_width(b: &Briefing) -> u16 {
    let digits = b.sections.len().to_string().len();
    let widest = b.sections.iter().map(|s| crate::text::width(&s.title)).max().unwrap_or(0);
    u16::try_from(widest + digits + 2 + 2).unwrap_or(u16::MAX)
}

/// Lines one wheel notch scrolls the text.
const WHEEL_LINES: usize = 3;
/// Jumps remembered for Ctrl-O.
const MAX_JUMPS: usize = 100;
/// Shown until the notes file has been read.
const NOTES_LOADING: &str = "notes are still being read";

pub struct App {
    /// What is shown: `base` with your own claims, counterpoints and factor links laid over
    /// it (`notes::overlay`), rebuilt when those change (`own.rs`), never per key.
    briefing: Briefing,
    /// The briefing as its file has it, when your own layer makes `briefing` differ from it
    /// (none: `briefing` is the file's, so a reader without own items keeps one copy).
    base: Option<Box<Briefing>>,
    /// Your own layer as `briefing` was last built from it, and whether it may have changed
    /// since (`own.rs`).
    own: own::OwnState,
    section: SectionIx,
    /// First line of `page` on screen.
    scroll: usize,
    /// The current section laid out for the reading pane's width.
    page: Page,
    screen: Rect,
    focus: Focus,
    /// The side pane shown on narrow screens when the text has focus.
    tab: SidePane,
    selected: Selection,
    /// Claim whose quote is highlighted in the text.
    highlight: Option<ClaimIx>,
    /// Claims answered by the counterpoint last activated, marked in the claims pane.
    marked: Vec<ClaimIx>,
    show_outline: bool,
    /// The analysis panes are shown; `z` hides them (reading mode).
    show_analysis: bool,
    /// The contents sidebar's width the section titles need.
    outline_width: u16,
    /// The widest a line of text gets (`[layout] measure`).
    measure: u16,
    overlay: Option<Overlay>,
    search: Search,
    /// The last query searched, kept after Esc for `n`.
    last_query: String,
    /// Every text a search looks in, listed when the briefing is first searched.
    texts: Texts,
    back: Vec<Location>,
    forward: Vec<Location>,
    /// A one-line message for the status bar ("no match", "top of jumps").
    message: Option<String>,
    /// The user's notes on this briefing's claims.
    notes: Notebook,
    /// The notes file has been read (or there is none to read).
    notes_loaded: bool,
    /// Said in the status bar once the store has written this many of the pending changes.
    announce: Option<(usize, String)>,
    /// What `u` sets back, the latest last: each change's claim as it was before it.
    undo: Vec<annotate::Before>,
    /// The passage being selected.
    selecting: Option<select::TextSelection>,
    /// Where the mouse button went down on the text: (paragraph, byte).
    drag_from: Option<(usize, usize)>,
    /// Where every mark is in the briefing as it is now.
    mark_index: marks::MarkIndex,
    /// Makes this reader's new mark ids its own (`with_id_seed`), and counts them.
    id_seed: u64,
    next_mark: u64,
    /// The mark Enter went to, outlined in the text until Esc.
    shown_mark: Option<String>,
    /// The file the briefing was read from; `None` for the bundled briefing.
    source: Option<std::path::PathBuf>,
    /// The file's errors, while it does not load (the last good version stays on screen).
    problems: Option<reload::Problems>,
    /// Where the review walk is, kept while it is closed so that `R` resumes there.
    walk: Walk,
    /// A new version of the file, waiting for the note editor to close.
    held: Option<Box<Briefing>>,
}

impl App {
    /// The reader on `briefing`, at its top, its notes not read yet (`Message::NotesRead`).
    pub fn new(briefing: Briefing, screen: Rect) -> Self {
        let mut app = App {
            base: None,
            briefing,
            own: own::OwnState::default(),
            section: SectionIx(0),
            scroll: 0,
            page: Page::default(),
            screen,
            focus: Focus::Text,
            tab: SidePane::Claims,
            selected: Selection::default(),
            highlight: None,
            marked: Vec::new(),
            show_outline: true,
            show_analysis: true,
            outline_width: 0,
            measure: layout::MAX_TEXT_WIDTH,
            overlay: None,
            search: Search::default(),
            last_query: String::new(),
            texts: Texts::default(),
            back: Vec::new(),
            forward: Vec::new(),
            message: None,
            notes: Notebook::default(),
            notes_loaded: false,
            announce: None,
            undo: Vec::new(),
            selecting: None,
            drag_from: None,
            mark_index: marks::MarkIndex::default(),
            id_seed: 0,
            next_mark: 0,
            shown_mark: None,
            source: None,
            problems: None,
            walk: Walk::default(),
            held: None,
        };
        app.outline_width = outline_width(&app.briefing);
        app.relayout();
        app
    }

    /// The same, laid out as the config's `[layout]` asks at start.
    pub fn with_start(mut self, start: layout::Start) -> Self {
        self.measure = start.measure;
        self.show_outline = start.sidebar;
        self.show_analysis = start.analysis;
        self.relayout();
        self
    }

    /// The same, opened where the reader left it last time.
    pub fn at(mut self, location: Option<Location>) -> Self {
        if let Some(location) = location {
            self.restore(location);
        }
        self
    }

    /// New marks get ids made from `seed` (the reader's start time, say), so two readers
    /// never make the same one.
    pub fn with_id_seed(mut self, seed: u64) -> Self {
        self.id_seed = seed;
        self
    }

    /// The same, read from the file at `source` (`None`: the bundled briefing), which `e`
    /// opens in an editor.
    pub fn with_source(mut self, source: Option<std::path::PathBuf>) -> Self {
        self.source = source;
        self
    }

    /// The briefing, for reading again when switching to another briefing failed.
    pub fn into_briefing(self) -> Briefing {
        match self.base {
            Some(base) => *base,
            None => self.briefing,
        }
    }

    // --- Reading the state ------------------------------------------------------------------

    pub fn briefing(&self) -> &Briefing {
        &self.briefing
    }

    pub fn section(&self) -> SectionIx {
        self.section
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn page(&self) -> &Page {
        &self.page
    }

    /// The terminal's size, as the last resize said.
    pub fn screen(&self) -> Rect {
        self.screen
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn selected(&self, pane: SidePane) -> ItemIx {
        self.selected.get(pane)
    }

    pub fn highlight(&self) -> Option<ClaimIx> {
        self.highlight
    }

    pub fn marked(&self) -> &[ClaimIx] {
        &self.marked
    }

    pub fn show_outline(&self) -> bool {
        self.show_outline
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn search(&self) -> &Search {
        &self.search
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn notes(&self) -> &Notebook {
        &self.notes
    }

    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Picker(_)) => Mode::Picker,
            Some(Overlay::Editor(_)) => Mode::EditingNote,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Notes(view)) if view.is_typing => Mode::NotesFilter,
            Some(Overlay::Notes(_)) => Mode::Notes,
            Some(Overlay::Matrix(_)) => Mode::Matrix,
            Some(Overlay::Review(_)) => Mode::Review,
            Some(Overlay::Watch(_)) => Mode::Watch,
            Some(Overlay::Problems { .. }) => Mode::Problems,
            None if self.selecting.is_some() => Mode::Selecting,
            None if self.search.is_typing => Mode::Search,
            None if self.search.count() > 0 => Mode::Matches,
            None => Mode::Reading,
        }
    }

    pub fn areas(&self) -> Areas {
        layout::areas(self.screen, &self.shape())
    }

    /// What the layout depends on here, besides the screen.
    pub fn shape(&self) -> layout::Shape {
        layout::Shape {
            show_outline: self.show_outline,
            show_analysis: self.show_analysis,
            outline_width: self.outline_width,
            measure: self.measure,
            side_focused: self.focus != Focus::Text,
        }
    }

    pub fn show_analysis(&self) -> bool {
        self.show_analysis
    }

    /// Lines of text the reading pane shows at once.
    pub fn page_height(&self) -> usize {
        usize::from(layout::text_inner(self.areas().text, self.measure).0.height).max(1)
    }

    fn max_scroll(&self) -> usize {
        self.page.lines.len().saturating_sub(self.page_height())
    }

    pub fn location(&self) -> Location {
        Location { section: self.section, anchor: self.page.anchor(self.scroll) }
    }

    /// Claims listed in the claims pane (this section's).
    pub fn claims_in_view(&self) -> &[ClaimIx] {
        &self.briefing.sections[self.section].claims
    }

    /// Counterpoints listed in the counterpoints pane (answers to this section's claims).
    pub fn counterpoints_in_view(&self) -> &[CounterpointIx] {
        &self.briefing.sections[self.section].counterpoints
    }

    /// How many items a side pane lists.
    pub fn pane_len(&self, pane: SidePane) -> usize {
        match pane {
            SidePane::Claims => self.claims_in_view().len(),
            SidePane::Marks => self.marks_in_view().len(),
            SidePane::Counterpoints => self.counterpoints_in_view().len(),
            SidePane::Factors => self.briefing.factors.len(),
        }
    }

    /// The claim selected in the claims pane, if the section has any.
    pub fn selected_claim(&self) -> Option<ClaimIx> {
        self.claims_in_view().get(self.selected.claims.0).copied()
    }

    pub fn selected_counterpoint(&self) -> Option<CounterpointIx> {
        self.counterpoints_in_view().get(self.selected.counterpoints.0).copied()
    }

    pub fn selected_factor(&self) -> Option<FactorIx> {
        let f = self.selected.factors.0;
        (f < self.briefing.factors.len()).then_some(FactorIx(f))
    }

    /// The side pane shown on narrow screens.
    pub fn visible_tab(&self) -> SidePane {
        self.focus.side().unwrap_or(self.tab)
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
        if matches!(self.overlay, Some(Overlay::Review(_))) {
            return self.review_offers(action);
        }
        if let Some(Overlay::Watch(view)) = &self.overlay {
            return self.watch_offers(view, action);
        }
        match action {
            Action::Activate => {
                self.focus != Focus::Text || matches!(self.overlay, Some(Overlay::Matrix(_)))
            }
            Action::Undo => self.notes.read_only.is_none() && !self.undo.is_empty(),
            // On a selection: what makes a mark of it.
            Action::EditNote | Action::CycleStance | Action::CycleLabel | Action::Highlight
                if self.selecting.is_some() =>
            {
                self.notes_loaded && self.notes.read_only.is_none()
            }
            Action::EditNote | Action::CycleStance | Action::DeleteNote
                if self.focus == Focus::Marks =>
            {
                self.notes_loaded
                    && self.notes.read_only.is_none()
                    && self.selected_mark().is_some()
            }
            Action::CycleLikelihood | Action::CycleConfidence => {
                self.notes_loaded
                    && self.notes.read_only.is_none()
                    && matches!(self.focus, Focus::Text | Focus::Claims)
                    && self.selected_claim().is_some()
            }
            Action::EditNote | Action::CycleStance | Action::DeleteNote => {
                self.notes_loaded
                    && self.notes.read_only.is_none()
                    && matches!(self.focus, Focus::Text | Focus::Claims)
                    && self.selected_claim().is_some()
            }
            Action::CycleLabel => self.focus == Focus::Marks && self.selected_mark().is_some(),
            Action::CycleKind => matches!(
                &self.overlay,
                Some(Overlay::Editor(editor)) if matches!(editor.on, NoteOn::OwnClaim { .. })
            ),
            Action::MakeClaim => {
                self.notes_loaded
                    && self.notes.read_only.is_none()
                    && (self.selecting.is_some()
                        || (self.focus == Focus::Marks && self.selected_mark().is_some()))
            }
            Action::Rewrite | Action::DeleteOwn => {
                self.notes_loaded
                    && self.notes.read_only.is_none()
                    && match self.focus {
                        Focus::Text | Focus::Claims => self.selected_own_claim().is_some(),
                        Focus::Counterpoints => self.selected_own_counterpoint().is_some(),
                        Focus::Marks | Focus::Factors => false,
                    }
            }
            Action::AcceptDrift => self.selected_mark().is_some_and(|m| {
                self.focus == Focus::Marks
                    && self.mark_index.standing(&m.id) == crate::notes::anchor::Standing::Drifted
            }),
            _ => true,
        }
    }

    // --- Changing it ------------------------------------------------------------------------

    /// Applies one message: a key's or a click's action, or news from outside. The only place
    /// state changes.
    pub fn update(&mut self, message: impl Into<Message>) -> Effect {
        let effect = match message.into() {
            Message::Action(action) => {
                self.message = None;
                self.act(action)
            }
            other => self.receive(other),
        };
        if self.held.is_some() {
            self.show_held();
        }
        if self.own.dirty {
            self.refresh_own();
        }
        effect
    }

    fn act(&mut self, action: Action) -> Effect {
        match self.mode() {
            Mode::Help => self.update_help(action),
            Mode::Picker => self.update_picker(action),
            Mode::Search => self.update_search(action),
            Mode::Reading | Mode::Matches => self.update_reading(action),
            Mode::Selecting => self.update_selecting(action),
            Mode::EditingNote => self.update_editor(action),
            Mode::Confirm => self.update_confirm(action),
            Mode::Notes | Mode::NotesFilter => self.update_notes(action),
            Mode::Matrix => self.update_matrix(action),
            Mode::Review => self.update_review(action),
            Mode::Watch => self.update_watch(action),
            Mode::Problems => self.update_problems(action),
        }
    }

    /// The reader is closing: a note still open in the editor is kept (as if saved), and the
    /// changes not yet handed to the store are returned, to be written before it goes.
    pub fn finish(&mut self) -> Vec<Update> {
        let effect = match self.overlay {
            Some(Overlay::Editor(_)) => self.act(Action::SaveNote),
            Some(Overlay::Confirm(Confirm::SaveEdit(_))) => self.act(Action::Yes),
            _ => Effect::None,
        };
        let mut changes = match effect {
            Effect::SaveNotes(changes) => changes,
            _ => Vec::new(),
        };
        changes.extend(self.notes.take_unsent());
        changes
    }

    fn update_help(&mut self, action: Action) -> Effect {
        let Some(Overlay::Help { scroll }) = &mut self.overlay else {
            return Effect::None;
        };
        let last = crate::tui::ui::help::last_scroll(self.screen);
        match action {
            Action::Down | Action::Wheel(_, true) => *scroll = (*scroll + 1).min(last),
            Action::Up | Action::Wheel(_, false) => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = (*scroll + 10).min(last),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = last,
            Action::Close | Action::ToggleHelp | Action::ClickOverlay => self.overlay = None,
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }

    fn update_search(&mut self, action: Action) -> Effect {
        match action {
            Action::Type(c) => self.extend_query(c.encode_utf8(&mut [0; 4])),
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
                if self.search.count() == 0 && !self.search.query.is_empty() {
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
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }

    fn start_search(&mut self) {
        self.list_texts();
        let previous = std::mem::take(&mut self.search);
        self.search = Search {
            is_typing: true,
            origin: Some((self.location(), self.focus)),
            previous: Some(Box::new(previous)),
            ..Search::default()
        };
    }
}

#[cfg(test)]
mod tests;
