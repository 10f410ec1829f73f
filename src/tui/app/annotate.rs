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

    /// Applies a change to the notes shown, and asks for it to be written. `done` is said in
    /// the status bar once it has been.
    fn change(&mut self, claim: ClaimIx, edit: Edit, done: &'static str) -> Effect {
        let c = &self.briefing.claims[claim];
        self.notes.apply(Change { claim: c.id.clone(), claim_text: c.text.clone(), edit });
        self.announce = Some((self.notes.pending.len(), done));
        Effect::SaveNotes(self.notes.take_unsent())
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
        self.message = Some(match next {
            Some(s) => format!("stance: {}", s.name()),
            None => "stance cleared".into(),
        });
        let done = match next {
            Some(Stance::Agree) => "stance saved: agree",
            Some(Stance::Disagree) => "stance saved: disagree",
            Some(Stance::Unsure) => "stance saved: unsure",
            None => "stance cleared and saved",
        };
        self.change(claim, Edit::SetStance(next), done)
    }

    pub(super) fn ask_delete_note(&mut self) {
        let Some(claim) = self.claim_to_annotate() else { return };
        let has_note =
            self.notes.get(&self.briefing.claims[claim].id).is_some_and(|n| !n.note.is_empty());
        if has_note {
            self.overlay = Some(Overlay::Confirm(Confirm::DeleteNote(claim)));
        } else {
            self.message = Some("no note on this claim".into());
        }
    }

    /// Text pasted into the terminal: into the editor, the search or the picker filter.
    pub(super) fn paste(&mut self, text: &str) {
        if self.mode() == Mode::Search {
            // One search for the whole of it, not one per character.
            self.extend_query(&sanitize::single_line(text));
            return;
        }
        match &mut self.overlay {
            Some(Overlay::Editor(editor)) => {
                editor
                    .textarea
                    .insert_str(editor_safe(&text.replace("\r\n", "\n").replace('\r', "\n")));
            }
            _ => {
                for c in sanitize::single_line(text).chars() {
                    if self.mode() == Mode::Picker {
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
        self.message = Some("saving the note…".into());
        let edit = Edit::EditNote { text: editor.text(), was: editor.was };
        self.change(editor.claim, edit, "note saved")
    }

    pub(super) fn update_confirm(&mut self, action: Action) -> Effect {
        let Some(Overlay::Confirm(confirm)) = self.overlay.take() else { return Effect::None };
        match (confirm, action) {
            (Confirm::DeleteNote(claim), Action::Yes) => {
                self.message = Some("deleting the note…".into());
                // A note rewritten elsewhere meanwhile is kept, not deleted unseen.
                let was = self.notes.get(&self.briefing.claims[claim].id).map(|n| n.note.clone());
                let edit = Edit::EditNote { text: String::new(), was: was.unwrap_or_default() };
                return self.change(claim, edit, "note deleted");
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
