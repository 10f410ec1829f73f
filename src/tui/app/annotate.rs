//! Annotating claims: the note editor, stances, deleting with a yes, and the notes overview.
//! Every change goes into `App::notes` at once and asks the loop to save it
//! (`Effect::SaveNotes`).

use ratatui_textarea::TextArea;

use super::{Action, App, Effect, Focus, Mode, NOTES_LOADING, Overlay, SidePane};
use crate::briefing::ClaimIx;
use crate::notes::{Change, Edit, Stance, Standing};
use crate::sanitize;
use crate::tui::keymap;

/// The note being written, and what it said when the editor opened.
#[derive(Debug)]
pub struct NoteEditor {
    pub claim: ClaimIx,
    pub textarea: TextArea<'static>,
    /// The editor's text when it opened.
    original: String,
    /// The note when the editor opened, as stored.
    was: String,
}

impl NoteEditor {
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn is_modified(&self) -> bool {
        self.text() != self.original
    }
}

/// A yes/no question over the panes.
#[derive(Debug)]
pub enum Confirm {
    /// Delete the note on this claim?
    DeleteNote(ClaimIx),
    /// Save the note being edited? (No discards it; Esc goes back to editing.)
    SaveEdit(Box<NoteEditor>),
}

/// Text that may go into the editor: tabs and line breaks kept, every other character that
/// could move the cursor or reorder text shown as a visible marker instead.
fn editor_safe(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            line.split('\t')
                .map(|part| sanitize::single_line(part).into_owned())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many changes `u` can set back.
const MAX_UNDO: usize = 100;

/// A claim's note and stance before a change, for `u`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Before {
    claim: ClaimIx,
    note: String,
    stance: Option<Stance>,
}

impl App {
    /// The claim `a`, `s` and `d` act on: the one selected in the claims pane.
    fn claim_to_annotate(&mut self) -> Option<ClaimIx> {
        if !matches!(self.focus, Focus::Text | Focus::Claims) {
            let tab = keymap::key_for(Mode::Reading, Action::FocusNext);
            self.message = Some(format!("select a claim first ({tab} to the claims pane)"));
            return None;
        }
        if !self.notes_loaded {
            self.message = Some(NOTES_LOADING.into());
            return None;
        }
        let claim = self.selected_claim();
        if claim.is_none() {
            self.message = Some("no claim in this section to annotate".into());
        }
        if let (Some(_), Some(problem)) = (claim, &self.notes.read_only) {
            self.message = Some(format!("notes are read-only: {problem}"));
            return None;
        }
        claim
    }

    /// Applies a change to the notes shown, and asks for it to be written; `u` can set it
    /// back. `done` is said in the status bar once it has been written.
    fn change(&mut self, claim: ClaimIx, edit: Edit, done: String) -> Effect {
        let before = self.before(claim);
        if self.undo.len() == MAX_UNDO {
            self.undo.remove(0);
        }
        self.undo.push(before);
        self.write(claim, vec![edit], done)
    }

    /// The claim's note and stance now.
    fn before(&self, claim: ClaimIx) -> Before {
        let note = self.notes.get(&self.briefing.claims[claim].id);
        Before {
            claim,
            note: note.map(|n| n.note.clone()).unwrap_or_default(),
            stance: note.and_then(|n| n.stance),
        }
    }

    fn write(&mut self, claim: ClaimIx, edits: Vec<Edit>, done: String) -> Effect {
        let c = &self.briefing.claims[claim];
        for edit in edits {
            self.notes.apply(Change { claim: c.id.clone(), claim_text: c.text.clone(), edit });
        }
        self.announce = Some((self.notes.pending.len(), done));
        Effect::SaveNotes(self.notes.take_unsent())
    }

    /// `u`: sets the claim of the last change back to its note and stance before it, through
    /// the same save as any change (a note rewritten elsewhere meanwhile is kept beside it).
    pub(super) fn undo(&mut self) -> Effect {
        if let Some(problem) = &self.notes.read_only {
            self.message = Some(format!("notes are read-only: {problem}"));
            return Effect::None;
        }
        let Some(before) = self.undo.pop() else {
            self.message = Some("nothing to undo".into());
            return Effect::None;
        };
        let now = self.before(before.claim);
        let mut edits = Vec::new();
        if now.note != before.note {
            edits.push(Edit::EditNote { text: before.note.clone(), was: now.note });
        }
        if now.stance != before.stance {
            edits.push(Edit::SetStance(before.stance));
        }
        let name = self.claim_name(before.claim);
        if edits.is_empty() {
            self.message = Some(format!("undo: {name} is already as it was"));
            return Effect::None;
        }
        let stance = before.stance.map_or("no stance", |s| s.name());
        let note = if before.note.is_empty() { "no note" } else { "its note" };
        self.message = Some(format!("undoing on {name}…"));
        self.write(before.claim, edits, format!("undone on {name}: {stance}, {note}"))
    }

    /// A claim as messages name it: the start of its text, quoted.
    pub(super) fn claim_name(&self, claim: ClaimIx) -> String {
        const LONGEST: usize = 40;
        let text = &self.briefing.claims[claim].text;
        match text.char_indices().nth(LONGEST) {
            Some((cut, _)) => format!("“{}…”", text[..cut].trim_end()),
            None => format!("“{text}”"),
        }
    }

    pub(super) fn open_editor(&mut self) {
        let Some(claim) = self.claim_to_annotate() else { return };
        let original = self
            .notes
            .get(&self.briefing.claims[claim].id)
            .map(|n| n.note.clone())
            .unwrap_or_default();
        let shown = editor_safe(&original);
        let mut textarea = TextArea::new(shown.split('\n').map(String::from).collect());
        // Long lines wrap at the editor's width (the text stays as typed): scrolled sideways,
        // the other lines looked empty.
        textarea.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        self.overlay = Some(Overlay::Editor(Box::new(NoteEditor {
            claim,
            textarea,
            original: shown,
            was: original,
        })));
    }

    pub(super) fn cycle_stance(&mut self) -> Effect {
        let Some(claim) = self.claim_to_annotate() else { return Effect::None };
        let current = self.notes.get(&self.briefing.claims[claim].id).and_then(|n| n.stance);
        let next = Stance::cycle(current);
        let name = self.claim_name(claim);
        let (now, done) = match next {
            Some(s) => (
                format!("stance: {} on {name}", s.name()),
                format!("stance saved: {} on {name}", s.name()),
            ),
            None => {
                (format!("stance cleared on {name}"), format!("stance cleared and saved on {name}"))
            }
        };
        self.message = Some(now);
        self.change(claim, Edit::SetStance(next), done)
    }

    pub(super) fn ask_delete_note(&mut self) {
        let Some(claim) = self.claim_to_annotate() else { return };
        let has_note =
            self.notes.get(&self.briefing.claims[claim].id).is_some_and(|n| !n.note.is_empty());
        if has_note {
            self.overlay = Some(Overlay::Confirm(Confirm::DeleteNote(claim)));
        } else {
            self.message = Some(format!("no note on {}", self.claim_name(claim)));
        }
    }

    /// Text pasted into the terminal: into the editor, the search or the picker filter.
    pub(super) fn paste(&mut self, text: &str) {
        match &mut self.overlay {
            Some(Overlay::Editor(editor)) => {
                editor
                    .textarea
                    .insert_str(editor_safe(&text.replace("\r\n", "\n").replace('\r', "\n")));
            }
            _ => {
                for c in sanitize::single_line(text).chars() {
                    if matches!(self.mode(), Mode::Search | Mode::Picker) {
                        self.act(Action::Type(c));
                    }
                }
            }
        }
    }

    pub(super) fn update_editor(&mut self, action: Action) -> Effect {
        let Some(Overlay::Editor(editor)) = &mut self.overlay else { return Effect::None };
        match action {
            Action::EditorKey(key) => {
                editor.textarea.input(key);
            }
            Action::SaveNote => return self.save_editor(),
            Action::Close if editor.is_modified() => {
                let Some(Overlay::Editor(editor)) = self.overlay.take() else {
                    return Effect::None;
                };
                self.overlay = Some(Overlay::Confirm(Confirm::SaveEdit(editor)));
            }
            Action::Close => self.overlay = None,
            _ => {}
        }
        Effect::None
    }

    fn save_editor(&mut self) -> Effect {
        let Some(Overlay::Editor(editor)) = self.overlay.take() else { return Effect::None };
        if !editor.is_modified() {
            return Effect::None;
        }
        let name = self.claim_name(editor.claim);
        self.message = Some(format!("saving the note on {name}…"));
        let edit = Edit::EditNote { text: editor.text(), was: editor.was };
        self.change(editor.claim, edit, format!("note saved on {name}"))
    }

    pub(super) fn update_confirm(&mut self, action: Action) -> Effect {
        let Some(Overlay::Confirm(confirm)) = self.overlay.take() else { return Effect::None };
        match (confirm, action) {
            (Confirm::DeleteNote(claim), Action::Yes) => {
                let name = self.claim_name(claim);
                self.message = Some(format!("deleting the note on {name}…"));
                // A note rewritten elsewhere meanwhile is kept, not deleted unseen.
                let was = self.notes.get(&self.briefing.claims[claim].id).map(|n| n.note.clone());
                let edit = Edit::EditNote { text: String::new(), was: was.unwrap_or_default() };
                return self.change(claim, edit, format!("note deleted on {name}"));
            }
            (Confirm::SaveEdit(editor), Action::Yes) => {
                self.overlay = Some(Overlay::Editor(editor));
                return self.save_editor();
            }
            (Confirm::SaveEdit(_), Action::No) => self.message = Some("changes discarded".into()),
            (Confirm::SaveEdit(editor), Action::Close) => {
                self.overlay = Some(Overlay::Editor(editor))
            }
            (Confirm::DeleteNote(_), Action::No | Action::Close) => {}
            (confirm, Action::Suspend) => {
                self.overlay = Some(Overlay::Confirm(confirm));
                return Effect::Suspend;
            }
            (confirm, _) => self.overlay = Some(Overlay::Confirm(confirm)),
        }
        Effect::None
    }

    pub(super) fn update_notes(&mut self, action: Action) -> Effect {
        let count = self.notes.notes.len();
        let Some(Overlay::Notes { selected }) = &mut self.overlay else { return Effect::None };
        match action {
            Action::Down | Action::Wheel(_, true) => {
                *selected = (*selected + 1).min(count.saturating_sub(1))
            }
            Action::Up | Action::Wheel(_, false) => *selected = selected.saturating_sub(1),
            Action::Top => *selected = 0,
            Action::Bottom => *selected = count.saturating_sub(1),
            Action::Accept => {
                let chosen = *selected;
                let standing = self.notes.standings(&self.briefing).get(chosen).map(|(_, s)| *s);
                match standing {
                    Some(Standing::Current(c) | Standing::Changed(c)) => {
                        self.overlay = None;
                        self.show_claim(c, true);
                        self.focus = Focus::Claims;
                        self.tab = SidePane::Claims;
                    }
                    Some(Standing::Orphaned) => {
                        self.message =
                            Some("this note's claim is no longer in the briefing".into());
                    }
                    None => {}
                }
            }
            Action::Close | Action::OpenNotes | Action::ClickOverlay => self.overlay = None,
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }
}
