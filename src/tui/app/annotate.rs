//! Annotating claims: the note editor, stances, likelihood and confidence, deleting with a
//! yes, and undo. Every change
//! goes into `App::notes` at once and asks the loop to save it (`Effect::SaveNotes`). The notes
//! overview, from which notes are edited and deleted too, is `overview.rs`.

use ratatui_textarea::TextArea;

use super::overview::NotesView;
use super::{Action, App, Effect, Focus, Mode, NOTES_LOADING, Overlay};
use crate::briefing::ClaimIx;
use crate::notes::{Change, Confidence, Edit, Estimate, Likelihood, Mark, MarkEdit, Stance};
use crate::sanitize;
use crate::tui::keymap;

/// Which half of an estimate `p` and `c` change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Likelihood,
    Confidence,
}

/// What a note is written on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteOn {
    Claim(ClaimIx),
    /// A mark as it was when the editor opened; `is_new`: made when the note is saved.
    Mark {
        mark: Box<Mark>,
        is_new: bool,
    },
    /// A new observation on the indicator with this id (what to watch, `W`).
    Observation {
        indicator: String,
    },
    /// Your own claim with this id, rewritten (`r`): its kind as Ctrl-T left it, and as it
    /// was when the editor opened.
    OwnClaim {
        id: String,
        kind: Option<crate::briefing::ClaimKind>,
        was: Option<crate::briefing::ClaimKind>,
    },
    /// Your own counterpoint with this id, rewritten (`r`).
    OwnCounterpoint {
        id: String,
    },
    /// A new counterpoint of yours to this claim (`x`).
    Counterpoint {
        claim: ClaimIx,
    },
}

/// The note being written, and what it said when the editor opened.
#[derive(Debug)]
pub struct NoteEditor {
    pub on: NoteOn,
    pub textarea: TextArea<'static>,
    /// The editor's text when it opened.
    original: String,
    /// The note when the editor opened, as stored.
    was: String,
    /// The view it was opened from (the notes overview, the review walk), shown again when it
    /// closes.
    then: Option<Box<Overlay>>,
}

impl NoteEditor {
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn is_modified(&self) -> bool {
        let kind_changed = matches!(&self.on, NoteOn::OwnClaim { kind, was, .. } if kind != was);
        kind_changed || self.text() != self.original
    }
}

/// A yes/no question over the panes.
#[derive(Debug)]
pub enum Confirm {
    /// Delete the note (or the stance) on a claim?
    DeleteNote(Deletion),
    /// Delete this mark (and its note)?
    DeleteMark { mark: Box<Mark>, then: Option<NotesView> },
    /// Save the note being edited? (No discards it; Esc goes back to editing.)
    SaveEdit(Box<NoteEditor>),
    /// Delete this observation on an indicator?
    DeleteObservation { observation: Box<crate::notes::Observation>, then: super::WatchView },
    /// Delete this claim of yours?
    DeleteOwnClaim(Box<crate::notes::OwnClaim>),
    /// Delete this counterpoint of yours?
    DeleteOwnCounterpoint(Box<crate::notes::OwnCounterpoint>),
}

/// What `d` asks to delete: a claim's note, its stance, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    /// The claim's id and text (the text as the note has it when the claim is gone).
    pub claim: String,
    pub claim_text: String,
    /// The note has text to delete.
    pub has_text: bool,
    /// Its stance, if it has one.
    pub stance: Option<Stance>,
    /// The notes overview it was asked from, shown again after.
    pub then: Option<NotesView>,
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

/// What a change changed, as it was before it, for `u`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Before {
    /// A claim's note, stance, likelihood and confidence.
    Claim {
        claim: String,
        claim_text: String,
        note: String,
        stance: Option<Stance>,
        estimate: Estimate,
    },
    /// A mark (none: it did not exist).
    Mark { id: String, mark: Option<Box<Mark>> },
    /// Your rating of one cell of the matrix (none: unrated).
    Rating { key: crate::notes::RatingKey, rating: Option<crate::briefing::Consistency> },
    /// An observation on an indicator, and whether it existed (it was deleted) or not (it was
    /// logged).
    Observation { observation: Box<crate::notes::Observation>, existed: bool },
    /// A claim of your own (none: it did not exist).
    OwnClaim { id: String, claim: Option<Box<crate::notes::OwnClaim>> },
    /// A counterpoint of your own (none: it did not exist).
    OwnCounterpoint { id: String, counterpoint: Option<Box<crate::notes::OwnCounterpoint>> },
    /// Your link of a claim to a factor, and whether it was linked (`on`).
    Link { claim: String, claim_text: String, factor: String, on: bool },
}

/// A claim as messages name it: the start of its text, quoted.
pub(super) fn name(text: &str) -> String {
    const LONGEST: usize = 40;
    // A claim that is gone is named by the text its note kept: the file's, not the loader's.
    let text = sanitize::single_line(text);
    match text.char_indices().nth(LONGEST) {
        Some((cut, _)) => format!("“{}…”", text[..cut].trim_end()),
        None => format!("“{text}”"),
    }
}

impl App {
    /// The claim `a`, `s` and `d` act on: the one selected in the claims pane.
    pub(super) fn claim_to_annotate(&mut self) -> Option<ClaimIx> {
        if self.focus == Focus::Text && self.claims_in_view().is_empty() {
            self.message = Some(self.how_to_mark());
            return None;
        }
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

    /// Applies `edits` to one claim's note (by id: a claim that is gone can still lose its
    /// note), and asks for them to be written; `u` can set them back. `done` is said in the
    /// status bar once they have been written.
    fn change(&mut self, claim: &str, claim_text: &str, edits: Vec<Edit>, done: String) -> Effect {
        let before = self.before(claim, claim_text);
        self.push_undo(before);
        self.write(claim, claim_text, edits, done)
    }

    /// Remembers what a change is about to change, for `u`.
    pub(super) fn push_undo(&mut self, before: Before) {
        if self.undo.len() == MAX_UNDO {
            self.undo.remove(0);
        }
        self.undo.push(before);
    }

    /// The same for a claim of the briefing.
    fn change_claim(&mut self, claim: ClaimIx, edit: Edit, done: String) -> Effect {
        let c = &self.briefing.claims[claim];
        let (id, text) = (c.id.clone(), c.text.clone());
        self.change(&id, &text, vec![edit], done)
    }

    /// The claim's note, stance and estimate now.
    fn before(&self, claim: &str, claim_text: &str) -> Before {
        let note = self.notes.get(claim);
        Before::Claim {
            claim: claim.to_string(),
            claim_text: claim_text.to_string(),
            note: note.map(|n| n.note.clone()).unwrap_or_default(),
            stance: note.and_then(|n| n.stance),
            estimate: note.map(|n| n.estimate()).unwrap_or_default(),
        }
    }

    fn write(&mut self, claim: &str, claim_text: &str, edits: Vec<Edit>, done: String) -> Effect {
        for edit in edits {
            let (claim, claim_text) = (claim.to_string(), claim_text.to_string());
            self.notes.apply(Change { claim, claim_text, edit });
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
        match before {
            Before::Claim { claim, claim_text, note, stance, estimate } => {
                self.undo_claim(&claim, &claim_text, note, stance, estimate)
            }
            Before::Mark { id, mark } => self.undo_mark(&id, mark),
            Before::Rating { key, rating } => self.undo_rating(key, rating),
            Before::Observation { observation, existed } => {
                self.undo_observation(*observation, existed)
            }
            Before::OwnClaim { id, claim } => self.undo_own_claim(&id, claim),
            Before::OwnCounterpoint { id, counterpoint } => {
                self.undo_own_counterpoint(&id, counterpoint)
            }
            Before::Link { claim, claim_text, factor, on } => {
                self.undo_link(claim, claim_text, factor, on)
            }
        }
    }

    fn undo_claim(
        &mut self,
        claim: &str,
        claim_text: &str,
        note: String,
        stance: Option<Stance>,
        estimate: Estimate,
    ) -> Effect {
        let Before::Claim { note: now_note, stance: now_stance, estimate: now_estimate, .. } =
            self.before(claim, claim_text)
        else {
            return Effect::None;
        };
        let mut edits = Vec::new();
        if now_note != note {
            edits.push(Edit::EditNote { text: note.clone(), was: now_note });
        }
        if now_stance != stance {
            edits.push(Edit::SetStance(stance));
        }
        if now_estimate.likelihood != estimate.likelihood {
            edits.push(Edit::SetLikelihood(estimate.likelihood));
        }
        if now_estimate.confidence != estimate.confidence {
            edits.push(Edit::SetConfidence(estimate.confidence));
        }
        let name = name(claim_text);
        if edits.is_empty() {
            self.message = Some(format!("undo: {name} is already as it was"));
            return Effect::None;
        }
        let stance = stance.map_or("no stance", |s| s.name());
        let note = if note.is_empty() { "no note" } else { "its note" };
        // The estimate is named only when it is what changed, so the usual message stays short.
        let estimate = match (now_estimate == estimate, estimate.compact()) {
            (true, _) => String::new(),
            (false, Some(compact)) => format!(", {compact}"),
            (false, None) => ", no likelihood or confidence".into(),
        };
        self.message = Some(format!("undoing on {name}…"));
        let done = format!("undone on {name}: {stance}, {note}{estimate}");
        self.write(claim, claim_text, edits, done)
    }

    /// Sets a mark back to how it was before the last change: gone again, back, or its note,
    /// stance, label and place as they were.
    fn undo_mark(&mut self, id: &str, before: Option<Box<Mark>>) -> Effect {
        let now = self.notes.mark(id).cloned();
        let (mark, edits, done) = match (now, before) {
            (None, None) => {
                self.message = Some("undo: that mark is already gone".into());
                return Effect::None;
            }
            (Some(now), None) => {
                let was = now.note_text().to_string();
                let done = format!("undone: no mark on {}", name(&now.exact));
                (now, vec![MarkEdit::Delete { was }], done)
            }
            (None, Some(before)) => {
                let done = format!("undone: the mark on {} is back", name(&before.exact));
                (*before, vec![MarkEdit::Add], done)
            }
            (Some(now), Some(before)) => {
                let mut edits = Vec::new();
                if now.note != before.note {
                    let text = before.note_text().to_string();
                    edits.push(MarkEdit::Note { text, was: now.note_text().to_string() });
                }
                if now.stance != before.stance {
                    edits.push(MarkEdit::Stance(before.stance));
                }
                if now.label != before.label {
                    edits.push(MarkEdit::Label(before.label));
                }
                if now.passage() != before.passage() {
                    edits.push(MarkEdit::Place(before.passage()));
                }
                (now, edits, format!("undone on the mark on {}", name(&before.exact)))
            }
        };
        if edits.is_empty() {
            self.message = Some("undo: that mark is already as it was".into());
            return Effect::None;
        }
        for edit in edits {
            self.notes.apply(crate::notes::MarkChange { mark: Box::new(mark.clone()), edit });
        }
        self.anchor_marks();
        self.announce = Some((self.notes.pending.len(), done));
        Effect::SaveNotes(self.notes.take_unsent())
    }

    /// A claim of the briefing as messages name it.
    pub(super) fn claim_name(&self, claim: ClaimIx) -> String {
        name(&self.briefing.claims[claim].text)
    }

    pub(super) fn open_editor(&mut self) {
        let Some(claim) = self.claim_to_annotate() else { return };
        self.edit_note(claim, None);
    }

    /// Opens the editor on `claim`'s note; `then` is the view to go back to after.
    pub(super) fn edit_note(&mut self, claim: ClaimIx, then: Option<Overlay>) {
        let original = self
            .notes
            .get(&self.briefing.claims[claim].id)
            .map(|n| n.note.clone())
            .unwrap_or_default();
        self.open_note_editor(NoteOn::Claim(claim), original, then);
    }

    /// Opens the editor on `mark`'s note (a new mark's: added when the note is saved).
    pub(super) fn edit_mark_note(&mut self, mark: Mark, is_new: bool, then: Option<Overlay>) {
        let original = mark.note_text().to_string();
        self.open_note_editor(NoteOn::Mark { mark: Box::new(mark), is_new }, original, then);
    }

    pub(super) fn open_note_editor(&mut self, on: NoteOn, original: String, then: Option<Overlay>) {
        let shown = editor_safe(&original);
        let mut textarea = TextArea::new(shown.split('\n').map(String::from).collect());
        // Long lines wrap at the editor's width (the text stays as typed): scrolled sideways,
        // the other lines looked empty.
        textarea.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        self.overlay = Some(Overlay::Editor(Box::new(NoteEditor {
            on,
            textarea,
            original: shown,
            was: original,
            then: then.map(Box::new),
        })));
    }

    pub(super) fn cycle_stance(&mut self) -> Effect {
        let Some(claim) = self.claim_to_annotate() else { return Effect::None };
        self.cycle_stance_on(claim)
    }

    /// The next stance on `claim`, said in the status bar and saved.
    pub(super) fn cycle_stance_on(&mut self, claim: ClaimIx) -> Effect {
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
        self.change_claim(claim, Edit::SetStance(next), done)
    }

    /// `p` or `c` on the selected claim: the next likelihood or confidence.
    pub(super) fn cycle_estimate(&mut self, part: Part) -> Effect {
        let Some(claim) = self.claim_to_annotate() else { return Effect::None };
        let c = &self.briefing.claims[claim];
        let (id, text) = (c.id.clone(), c.text.clone());
        self.estimate_on(&id, &text, part)
    }

    /// The next likelihood or confidence on a claim, by id (from the overview, its claim
    /// may be gone), said in the status bar and saved.
    pub(super) fn estimate_on(&mut self, claim: &str, claim_text: &str, part: Part) -> Effect {
        let now = self.notes.get(claim).map(|n| n.estimate()).unwrap_or_default();
        let (edit, what, value) = match part {
            Part::Likelihood => {
                let next = Likelihood::cycle(now.likelihood);
                let value = next.map(|l| format!("{} ({})", l.name(), l.range()));
                (Edit::SetLikelihood(next), "likelihood", value)
            }
            Part::Confidence => {
                let next = Confidence::cycle(now.confidence);
                (Edit::SetConfidence(next), "confidence", next.map(|c| c.name().to_string()))
            }
        };
        let name = name(claim_text);
        let (now, done) = match value {
            Some(v) => (format!("{what}: {v} on {name}"), format!("{what} saved: {v} on {name}")),
            None => {
                (format!("{what} cleared on {name}"), format!("{what} cleared and saved on {name}"))
            }
        };
        self.message = Some(now);
        self.change(claim, claim_text, vec![edit], done)
    }

    /// `p` or `c` where a mark is selected: they are for claims only.
    pub(super) fn estimates_are_for_claims(&mut self) {
        let (p, c) = (
            keymap::key_for(Mode::Reading, Action::CycleLikelihood),
            keymap::key_for(Mode::Reading, Action::CycleConfidence),
        );
        self.message = Some(format!("likelihood ({p}) and confidence ({c}) are set on claims"));
    }

    pub(super) fn ask_delete_note(&mut self) {
        let Some(claim) = self.claim_to_annotate() else { return };
        let c = &self.briefing.claims[claim];
        let (id, text) = (c.id.clone(), c.text.clone());
        self.ask_delete(&id, &text, None);
    }

    /// Asks before deleting the note on a claim (by id: from the overview, its claim may be
    /// gone): its text, its stance, or both when it has both. Nothing to delete: says so.
    pub(super) fn ask_delete(&mut self, claim: &str, claim_text: &str, then: Option<NotesView>) {
        let note = self.notes.get(claim);
        let has_text = note.is_some_and(|n| !n.note.is_empty());
        let stance = note.and_then(|n| n.stance);
        if !has_text && stance.is_none() {
            let estimate = note.is_some_and(|n| !n.estimate().is_empty());
            self.message = Some(if estimate {
                let (p, c) = (
                    keymap::key_for(Mode::Reading, Action::CycleLikelihood),
                    keymap::key_for(Mode::Reading, Action::CycleConfidence),
                );
                format!(
                    "no note or stance on {}; {p} and {c} clear its likelihood and confidence",
                    name(claim_text)
                )
            } else {
                format!("no note on {}", name(claim_text))
            });
            self.overlay = then.map(Overlay::Notes);
            return;
        }
        self.overlay = Some(Overlay::Confirm(Confirm::DeleteNote(Deletion {
            claim: claim.to_string(),
            claim_text: claim_text.to_string(),
            has_text,
            stance,
            then,
        })));
    }

    /// Deletes what the user said yes to: `both`, or the text (the stance when there is no
    /// text); says exactly what went.
    fn delete(&mut self, d: Deletion, both: bool) -> Effect {
        let name = name(&d.claim_text);
        let mut edits = Vec::new();
        if d.has_text {
            // A note rewritten elsewhere meanwhile is kept, not deleted unseen.
            let was = self.notes.get(&d.claim).map(|n| n.note.clone()).unwrap_or_default();
            edits.push(Edit::EditNote { text: String::new(), was });
        }
        if d.stance.is_some() && (both || !d.has_text) {
            edits.push(Edit::SetStance(None));
        }
        let done = match (d.has_text, d.stance, both) {
            (true, Some(_), true) => format!("note and stance deleted on {name}"),
            (true, Some(stance), false) => {
                format!("note deleted on {name}; its stance ({}) kept", stance.name())
            }
            (true, None, _) => format!("note deleted on {name}"),
            (false, _, _) => format!("stance cleared on {name}"),
        };
        self.message = Some(format!("deleting on {name}…"));
        self.overlay = d.then.map(Overlay::Notes);
        self.change(&d.claim, &d.claim_text, edits, done)
    }

    /// Text pasted into the terminal: into the editor, the search, a picker's or the notes
    /// overview's filter.
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
                    if matches!(self.mode(), Mode::Picker | Mode::NotesFilter) {
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
            Action::CycleKind => {
                if let NoteOn::OwnClaim { kind, .. } = &mut editor.on {
                    *kind = super::own::cycle_kind(*kind);
                }
            }
            Action::Close if editor.is_modified() => {
                let Some(Overlay::Editor(editor)) = self.overlay.take() else {
                    return Effect::None;
                };
                self.overlay = Some(Overlay::Confirm(Confirm::SaveEdit(editor)));
            }
            Action::Close => {
                self.overlay = editor.then.take().map(|o| *o);
            }
            _ => {}
        }
        Effect::None
    }

    fn save_editor(&mut self) -> Effect {
        let Some(Overlay::Editor(mut editor)) = self.overlay.take() else { return Effect::None };
        self.overlay = editor.then.take().map(|o| *o);
        let is_new = matches!(editor.on, NoteOn::Mark { is_new: true, .. });
        if !editor.is_modified() && !is_new {
            return Effect::None;
        }
        let text = editor.text();
        match editor.on {
            NoteOn::Claim(claim) => {
                let name = self.claim_name(claim);
                self.message = Some(format!("saving the note on {name}…"));
                let edit = Edit::EditNote { text, was: editor.was };
                self.change_claim(claim, edit, format!("note saved on {name}"))
            }
            NoteOn::Mark { mut mark, is_new: true } => {
                let name = name(&mark.exact);
                mark.note = (!text.is_empty()).then_some(text);
                self.message = Some(format!("saving the mark on {name}…"));
                let id = mark.id.clone();
                let effect =
                    self.change_mark(*mark, MarkEdit::Add, format!("marked {name}, note saved"));
                self.select_mark(&id);
                effect
            }
            NoteOn::Mark { mark, is_new: false } => {
                let name = name(&mark.exact);
                self.message = Some(format!("saving the note on {name}…"));
                let edit = MarkEdit::Note { text, was: editor.was };
                self.change_mark(*mark, edit, format!("note saved on the mark on {name}"))
            }
            NoteOn::Observation { indicator } => self.save_observation(indicator, text),
            on @ (NoteOn::OwnClaim { .. }
            | NoteOn::OwnCounterpoint { .. }
            | NoteOn::Counterpoint { .. }) => self.save_own(on, text, editor.was),
        }
    }

    pub(super) fn update_confirm(&mut self, action: Action) -> Effect {
        let Some(Overlay::Confirm(confirm)) = self.overlay.take() else { return Effect::None };
        match (confirm, action) {
            (Confirm::DeleteNote(d), Action::Yes) => return self.delete(d, false),
            (Confirm::DeleteNote(d), Action::YesBoth) if d.has_text && d.stance.is_some() => {
                return self.delete(d, true);
            }
            (Confirm::SaveEdit(editor), Action::Yes) => {
                self.overlay = Some(Overlay::Editor(editor));
                return self.save_editor();
            }
            (Confirm::SaveEdit(mut editor), Action::No) => {
                self.message = Some("changes discarded".into());
                self.overlay = editor.then.take().map(|o| *o);
            }
            (Confirm::SaveEdit(editor), Action::Close) => {
                self.overlay = Some(Overlay::Editor(editor))
            }
            (Confirm::DeleteNote(d), Action::No | Action::Close) => {
                self.overlay = d.then.map(Overlay::Notes)
            }
            (Confirm::DeleteMark { mark, then }, Action::Yes) => {
                return self.delete_mark(*mark, then);
            }
            (Confirm::DeleteMark { then, .. }, Action::No | Action::Close) => {
                self.overlay = then.map(Overlay::Notes)
            }
            (Confirm::DeleteObservation { observation, then }, Action::Yes) => {
                return self.delete_observation(*observation, then);
            }
            (Confirm::DeleteObservation { then, .. }, Action::No | Action::Close) => {
                self.overlay = Some(Overlay::Watch(then))
            }
            (Confirm::DeleteOwnClaim(claim), Action::Yes) => return self.delete_own_claim(*claim),
            (Confirm::DeleteOwnCounterpoint(counterpoint), Action::Yes) => {
                return self.delete_own_counterpoint(*counterpoint);
            }
            (
                Confirm::DeleteOwnClaim(_) | Confirm::DeleteOwnCounterpoint(_),
                Action::No | Action::Close,
            ) => {}
            (confirm, Action::Suspend) => {
                self.overlay = Some(Overlay::Confirm(confirm));
                return Effect::Suspend;
            }
            (confirm, _) => self.overlay = Some(Overlay::Confirm(confirm)),
        }
        Effect::None
    }
}
