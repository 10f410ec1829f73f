//! Your own analysis in the reader (issue 13): a claim of your own made of the selection or a
//! mark (`C`), rewritten (`r`, Ctrl-T in the editor for its kind) and deleted after a yes
//! (`D`); a counterpoint of your own to any claim (`x`, Ctrl-S saves it), the claims it
//! answers ticked (`x` on it); your factor links ticked (`F`). Every change goes into
//! `App::notes` at once, undoably, and the briefing on screen is the base with your layer
//! laid over it (`notes::overlay`), rebuilt only when that layer changed.

use std::collections::HashSet;

use super::annotate::{Before, NoteOn, name};
use super::{Action, App, Confirm, Effect, Focus, ItemIx, Mode, Overlay, PickerKind, SidePane};
use crate::briefing::{Briefing, ClaimIx, ClaimKind, CounterpointIx, FactorIx, SectionIx};
use crate::notes::anchor::{self, Standing};
use crate::notes::overlay::{self, Layer};
use crate::notes::own::{self as mine, OwnClaim, OwnClaims, OwnCounterpoint, OwnCounterpoints};
use crate::notes::{
    Change, Edit, Notebook, OwnClaimChange, OwnClaimEdit, OwnCounterpointChange,
    OwnCounterpointEdit, Passage,
};
use crate::tui::keymap;

/// How your own claims, counterpoints and links are marked in the panes: reads without
/// colour (the pickers say "✦ your claim", "✦ your link").
pub const YOURS: &str = "✦ yours";

/// Your own layer as the briefing on screen was built from it.
#[derive(Debug, Default)]
pub(super) struct OwnState {
    /// It may have changed since (a change made, the notes file read or written).
    pub(super) dirty: bool,
    claims: OwnClaims,
    counterpoints: OwnCounterpoints,
    /// Each note's factor links, by claim id.
    links: Vec<(String, Vec<String>)>,
    /// Each own claim's standing, in the order the overlay appends them to the claims.
    standing: Vec<Standing>,
    /// Own claims found moved since the notes were read (as marks: they read as moved).
    moved: HashSet<String>,
}

fn links(book: &Notebook) -> impl Iterator<Item = (&String, &Vec<String>)> {
    book.notes.values().filter(|n| !n.factors.is_empty()).map(|n| (&n.claim, &n.factors))
}

impl OwnState {
    /// Whether the briefing was built from what `book` holds now.
    fn is_built_from(&self, book: &Notebook) -> bool {
        self.claims == book.own_claims
            && self.counterpoints == book.own_counterpoints
            && links(book).eq(self.links.iter().map(|(c, f)| (c, f)))
    }
}

/// The next kind Ctrl-T gives your claim: fact, assessment, forecast, none.
pub fn cycle_kind(kind: Option<ClaimKind>) -> Option<ClaimKind> {
    match kind {
        None => Some(ClaimKind::Fact),
        Some(ClaimKind::Fact) => Some(ClaimKind::Assessment),
        Some(ClaimKind::Assessment) => Some(ClaimKind::Forecast),
        Some(ClaimKind::Forecast) => None,
    }
}

/// The passage at bytes `bytes` of a paragraph of `b`, as a mark or an own claim stores it.
fn passage_in(
    b: &Briefing,
    section: SectionIx,
    paragraph: usize,
    bytes: std::ops::Range<usize>,
) -> Passage {
    let (exact, prefix, suffix, start, end) = anchor::quote_at(b, section, paragraph, bytes);
    let id = b.sections.get(section.0).map_or(String::new(), |s| s.id.clone());
    Passage { section: id, exact, prefix, suffix, start, end }
}

impl App {
    // --- The overlay ------------------------------------------------------------------------

    /// Your claim's standing in the briefing as it is now (current for an author's claim):
    /// an index, not a look-up, as the claims pane asks it of every claim it lists.
    pub fn own_standing(&self, claim: ClaimIx) -> Standing {
        let first_own = self.base().claims.len();
        let at = claim.0.checked_sub(first_own);
        at.and_then(|i| self.own.standing.get(i)).copied().unwrap_or(Standing::Current)
    }

    /// The briefing as its file has it (what `briefing` is when you have no own items).
    pub(super) fn base(&self) -> &Briefing {
        self.base.as_deref().unwrap_or(&self.briefing)
    }

    /// The base (`new`, or the one there is) with your layer over it, your claims anchored;
    /// those found moved are queued to be stored at their new place (written with the next
    /// save), as marks are. Without own items, the base itself: no copy is kept.
    pub(super) fn rebuild_overlay(&mut self, new: Option<Briefing>) -> Briefing {
        let base = match (new, self.base.take()) {
            (Some(new), _) => new,
            (None, Some(base)) => *base,
            (None, None) => self.briefing.clone(),
        };
        let standings = mine::claim_standings(&base, &self.notes.own_claims);
        let mut relocate = Vec::new();
        let mut standing = Vec::with_capacity(standings.len());
        for (claim, a) in &standings {
            let mut now = a.standing;
            if now == Standing::Moved
                && let Some(place) = &a.place
            {
                relocate.push(((*claim).clone(), place.clone()));
                self.own.moved.insert(claim.id.clone());
            } else if now == Standing::Current && self.own.moved.contains(&claim.id) {
                now = Standing::Moved;
            }
            standing.push(now);
        }
        let layer = Layer::from(&self.notes);
        let shown = (!layer.is_empty()).then(|| overlay::overlay_with(&base, layer, &standings));
        drop(standings);
        if self.notes.read_only.is_none() {
            for (claim, place) in relocate {
                let passage = passage_in(&base, place.section, place.paragraph, place.bytes);
                let edit = OwnClaimEdit::Place(passage);
                self.notes.apply(OwnClaimChange { claim: Box::new(claim), edit });
            }
        }
        self.own.standing = standing;
        self.own.claims = self.notes.own_claims.clone();
        self.own.counterpoints = self.notes.own_counterpoints.clone();
        self.own.links = links(&self.notes).map(|(c, f)| (c.clone(), f.clone())).collect();
        self.own.dirty = false;
        match shown {
            Some(shown) => {
                self.base = Some(Box::new(base));
                shown
            }
            None => base,
        }
    }

    /// Shows your layer again if it changed since the briefing on screen was built (not while
    /// a note is being written: its claim must not move under the editor).
    pub(super) fn refresh_own(&mut self) {
        if self.is_writing_note() {
            return;
        }
        self.own.dirty = false;
        if self.own.is_built_from(&self.notes) {
            return;
        }
        let shown = self.rebuild_overlay(None);
        self.show_briefing(shown, false);
    }

    fn own_changed(&mut self, done: String) -> Effect {
        self.own.dirty = true;
        self.refresh_own();
        self.announce = Some((self.notes.pending.len(), done));
        Effect::SaveNotes(self.notes.take_unsent())
    }

    /// Whether an id is any claim's (the author's or yours): notes key both alike.
    fn claim_id_taken(&self, id: &str) -> bool {
        self.notes.own_claims.contains_key(id) || self.base().claims.iter().any(|c| c.id == id)
    }

    fn counterpoint_id_taken(&self, id: &str) -> bool {
        self.notes.own_counterpoints.contains_key(id)
            || self.base().counterpoints.iter().any(|c| c.id == id)
    }

    /// Your claim selected in the claims pane, if the selected claim is yours.
    pub fn selected_own_claim(&self) -> Option<&OwnClaim> {
        let c = self.selected_claim()?;
        let claim = &self.briefing.claims[c];
        claim.own.then(|| self.notes.own_claims.get(&claim.id)).flatten()
    }

    /// Your counterpoint selected in the counterpoints pane, if the selected one is yours.
    pub fn selected_own_counterpoint(&self) -> Option<&OwnCounterpoint> {
        let cp = self.selected_counterpoint()?;
        let counterpoint = &self.briefing.counterpoints[cp];
        counterpoint.own.then(|| self.notes.own_counterpoints.get(&counterpoint.id)).flatten()
    }

    pub(super) fn selected_factor_or_first(&self) -> FactorIx {
        self.selected_factor().unwrap_or(FactorIx(0))
    }

    /// Selects claim `id` in the claims pane (if it is in this section) and shows its quote.
    fn select_claim_by_id(&mut self, id: &str) {
        let b = &self.briefing;
        if let Some(i) = self.claims_in_view().iter().position(|&c| b.claims[c].id == id) {
            let c = self.claims_in_view()[i];
            self.selected.set(SidePane::Claims, ItemIx(i));
            self.highlight = Some(c);
        }
    }

    // --- Claims of your own -----------------------------------------------------------------

    /// `C`: the selection, or the selected mark, made a claim of yours at once: its passage
    /// anchored as a mark's, its text the passage (`r` rewrites it). Focus stays in the text,
    /// the new claim selected in the claims pane.
    pub(super) fn make_claim(&mut self) -> Effect {
        let from_mark = self.selecting.is_none() && self.focus == Focus::Marks;
        if self.selecting.is_none() && !from_mark {
            let v = keymap::key_for(Mode::Reading, Action::StartSelection);
            let c = keymap::key_for(Mode::Reading, Action::MakeClaim);
            self.message = Some(format!(
                "{c} makes a claim of yours of a selection ({v}) or of a mark in the marks pane"
            ));
            return Effect::None;
        }
        if !self.marks_writable() {
            return Effect::None;
        }
        let passage = if let Some(sel) = self.selecting.take() {
            passage_in(&self.briefing, self.section, sel.paragraph, sel.range())
        } else {
            let Some(mark) = self.selected_mark().cloned() else {
                let v = keymap::key_for(Mode::Reading, Action::StartSelection);
                self.message = Some(format!("no mark in this section: {v} selects a passage"));
                return Effect::None;
            };
            match self.mark_index.by_id.get(&mark.id).and_then(|a| a.place.clone()) {
                Some(p) => passage_in(&self.briefing, p.section, p.paragraph, p.bytes),
                None => mark.passage(),
            }
        };
        let text = crate::text::fold(&crate::sanitize::single_line(&passage.exact));
        let id = mine::new_id(|id| self.claim_id_taken(id), &text);
        let mut claim = OwnClaim {
            id: id.clone(),
            text,
            kind: None,
            section: String::new(),
            exact: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            start: 0,
            end: 0,
            created: crate::notes::unsaved_time(),
            updated: crate::notes::unsaved_time(),
        };
        claim.set_passage(passage);
        let tab = keymap::key_for(Mode::Reading, Action::FocusNext);
        let done = format!("your claim {} made; {tab} to reach it", name(&claim.text));
        self.message = Some(done.clone());
        let effect = self.change_own_claim(claim, OwnClaimEdit::Add, done);
        self.focus = Focus::Text;
        self.select_claim_by_id(&id);
        effect
    }

    /// Applies `edit` to your claim, undoably, and asks for it to be written.
    fn change_own_claim(&mut self, claim: OwnClaim, edit: OwnClaimEdit, done: String) -> Effect {
        let before = self.notes.own_claims.get(&claim.id).cloned().map(Box::new);
        self.push_undo(Before::OwnClaim { id: claim.id.clone(), claim: before });
        self.notes.apply(OwnClaimChange { claim: Box::new(claim), edit });
        self.own_changed(done)
    }

    fn change_own_counterpoint(
        &mut self,
        counterpoint: OwnCounterpoint,
        edits: Vec<OwnCounterpointEdit>,
        done: String,
    ) -> Effect {
        let before = self.notes.own_counterpoints.get(&counterpoint.id).cloned().map(Box::new);
        self.push_undo(Before::OwnCounterpoint {
            id: counterpoint.id.clone(),
            counterpoint: before,
        });
        for edit in edits {
            let counterpoint = Box::new(counterpoint.clone());
            self.notes.apply(OwnCounterpointChange { counterpoint, edit });
        }
        self.own_changed(done)
    }

    /// What `r` and `D` act on: your claim selected (text or claims pane) or your
    /// counterpoint (counterpoints pane). Says why not when there is none.
    fn own_item(&mut self) -> Option<Result<OwnClaim, OwnCounterpoint>> {
        let x = keymap::key_for(Mode::Reading, Action::Counter);
        let c = keymap::key_for(Mode::Reading, Action::MakeClaim);
        match self.focus {
            Focus::Counterpoints => {
                if !self.marks_writable() {
                    return None;
                }
                let found = self.selected_own_counterpoint().cloned();
                if found.is_none() {
                    self.message = Some(format!(
                        "only your own counterpoints change here: {x} on a claim writes one"
                    ));
                }
                found.map(Err)
            }
            Focus::Text | Focus::Claims => {
                self.claim_to_annotate()?;
                let found = self.selected_own_claim().cloned();
                if found.is_none() {
                    self.message = Some(format!(
                        "that claim is the author's: only your own change here ({c} makes one \
                         of a passage)"
                    ));
                }
                found.map(Ok)
            }
            Focus::Marks | Focus::Factors => {
                self.message = Some(
                    "select your claim in the claims pane, or your counterpoint in theirs".into(),
                );
                None
            }
        }
    }

    /// `r`: the editor on your claim's text (Ctrl-T there cycles its kind) or your
    /// counterpoint's.
    pub(super) fn rewrite(&mut self) {
        match self.own_item() {
            Some(Ok(claim)) => {
                let on =
                    NoteOn::OwnClaim { id: claim.id.clone(), kind: claim.kind, was: claim.kind };
                self.open_note_editor(on, claim.text, None);
            }
            Some(Err(counterpoint)) => {
                let on = NoteOn::OwnCounterpoint { id: counterpoint.id.clone() };
                self.open_note_editor(on, counterpoint.text, None);
            }
            None => {}
        }
    }

    /// `D`: asks before deleting your claim or counterpoint.
    pub(super) fn ask_delete_own(&mut self) {
        let confirm = match self.own_item() {
            Some(Ok(claim)) => Confirm::DeleteOwnClaim(Box::new(claim)),
            Some(Err(counterpoint)) => Confirm::DeleteOwnCounterpoint(Box::new(counterpoint)),
            None => return,
        };
        self.overlay = Some(Overlay::Confirm(confirm));
    }

    pub(super) fn delete_own_claim(&mut self, claim: OwnClaim) -> Effect {
        let name = name(&claim.text);
        let kept =
            if self.notes.get(&claim.id).is_some() { "; your note on it is kept" } else { "" };
        let was = claim.text.clone();
        let done = format!("your claim {name} deleted{kept}");
        self.message = Some(format!("deleting your claim {name}…"));
        self.change_own_claim(claim, OwnClaimEdit::Delete { was }, done)
    }

    pub(super) fn delete_own_counterpoint(&mut self, counterpoint: OwnCounterpoint) -> Effect {
        let name = name(&counterpoint.text);
        let was = counterpoint.text.clone();
        let done = format!("your counterpoint {name} deleted");
        self.message = Some(format!("deleting your counterpoint {name}…"));
        self.change_own_counterpoint(counterpoint, vec![OwnCounterpointEdit::Delete { was }], done)
    }

    /// Ctrl-S on your claim or counterpoint in the editor: its new text (and kind), or a new
    /// counterpoint to `claim`.
    pub(super) fn save_own(&mut self, on: NoteOn, text: String, was: String) -> Effect {
        match on {
            NoteOn::OwnClaim { id, kind, was: was_kind } => {
                let Some(claim) = self.notes.own_claims.get(&id).cloned() else {
                    self.message = Some("that claim of yours is gone: nothing saved".into());
                    return Effect::None;
                };
                let mut edits = Vec::new();
                let words = !text.trim().is_empty();
                if text != was && words {
                    edits.push(OwnClaimEdit::Text { text: text.clone(), was });
                }
                if kind != was_kind {
                    edits.push(OwnClaimEdit::Kind(kind));
                }
                if edits.is_empty() {
                    let d = keymap::key_for(Mode::Reading, Action::DeleteOwn);
                    self.message = Some(format!("a claim needs words: {d} deletes it"));
                    return Effect::None;
                }
                let shown = if words { text } else { claim.text.clone() };
                let kind = kind.map_or(String::new(), |k| format!(" ({})", k.name()));
                let done = format!("your claim rewritten: {}{kind}", name(&shown));
                let before = Some(Box::new(claim.clone()));
                self.push_undo(Before::OwnClaim { id: id.clone(), claim: before });
                for edit in edits {
                    self.notes.apply(OwnClaimChange { claim: Box::new(claim.clone()), edit });
                }
                self.message = Some("saving your claim…".into());
                self.own_changed(done)
            }
            NoteOn::OwnCounterpoint { id } => {
                let Some(counterpoint) = self.notes.own_counterpoints.get(&id).cloned() else {
                    self.message = Some("that counterpoint of yours is gone: nothing saved".into());
                    return Effect::None;
                };
                if text.trim().is_empty() {
                    let d = keymap::key_for(Mode::Reading, Action::DeleteOwn);
                    self.message = Some(format!("a counterpoint needs words: {d} deletes it"));
                    return Effect::None;
                }
                let done = format!("your counterpoint rewritten: {}", name(&text));
                let edit = OwnCounterpointEdit::Text { text, was };
                self.change_own_counterpoint(counterpoint, vec![edit], done)
            }
            NoteOn::Counterpoint { claim } => {
                if text.trim().is_empty() {
                    self.message = Some("nothing written: no counterpoint made".into());
                    return Effect::None;
                }
                let answered = &self.briefing.claims[claim];
                let (claim_id, claim_name) = (answered.id.clone(), name(&answered.text));
                let id = mine::new_counterpoint_id(|id| self.counterpoint_id_taken(id), &text);
                let counterpoint = OwnCounterpoint {
                    id,
                    claims: vec![claim_id],
                    text,
                    by: None,
                    created: crate::notes::unsaved_time(),
                    updated: crate::notes::unsaved_time(),
                };
                let done = format!("your counterpoint to {claim_name} saved");
                self.message = Some(format!("saving your counterpoint to {claim_name}…"));
                self.change_own_counterpoint(counterpoint, vec![OwnCounterpointEdit::Add], done)
            }
            _ => Effect::None,
        }
    }

    // --- Counterpoints and factor links -----------------------------------------------------

    /// `x`: on a claim (any), the editor for a counterpoint of yours to it; on your
    /// counterpoint in the counterpoints pane, the claims to tick that it answers.
    pub(super) fn counter(&mut self) {
        match self.focus {
            Focus::Counterpoints => {
                if !self.marks_writable() {
                    return;
                }
                let Some(cp) = self.selected_counterpoint() else {
                    self.message = Some("no counterpoint in this section".into());
                    return;
                };
                if !self.briefing.counterpoints[cp].own {
                    let x = keymap::key_for(Mode::Reading, Action::Counter);
                    self.message = Some(format!(
                        "that counterpoint is the author's: {x} on a claim writes your own"
                    ));
                    return;
                }
                self.open_picker(PickerKind::Answers(cp));
            }
            Focus::Text | Focus::Claims => {
                let Some(claim) = self.claim_to_annotate() else { return };
                self.open_note_editor(NoteOn::Counterpoint { claim }, String::new(), None);
            }
            Focus::Marks | Focus::Factors => {
                let x = keymap::key_for(Mode::Reading, Action::Counter);
                self.message =
                    Some(format!("{x} answers a claim: select one in the claims pane first"));
            }
        }
    }

    /// `F`: the briefing's factors, to tick those the selected claim bears on.
    pub(super) fn link_factors(&mut self) {
        if self.focus != Focus::Claims && self.focus != Focus::Text {
            let tab = keymap::key_for(Mode::Reading, Action::FocusNext);
            self.message = Some(format!("select a claim first ({tab} to the claims pane)"));
            return;
        }
        let Some(claim) = self.claim_to_annotate() else { return };
        if self.briefing.factors.is_empty() {
            self.message = Some("this briefing names no future factors to link".into());
            return;
        }
        self.open_picker(PickerKind::Links(claim));
    }

    /// Enter in the ticking pickers: the chosen factor linked or unlinked, the chosen claim
    /// answered or not; the picker stays open.
    pub(super) fn toggle_tick(&mut self) -> Effect {
        let Some(Overlay::Picker(picker)) = &self.overlay else { return Effect::None };
        let (kind, chosen) = (picker.kind.clone(), picker.chosen());
        match (kind, chosen) {
            (PickerKind::Links(c), Some(super::PickerEntry::Factor(f))) => self.toggle_link(c, f),
            (PickerKind::Answers(cp), Some(super::PickerEntry::Claim(c))) => {
                self.toggle_answer(cp, c)
            }
            _ => Effect::None,
        }
    }

    fn toggle_link(&mut self, c: ClaimIx, f: FactorIx) -> Effect {
        let (claim, factor) = (&self.briefing.claims[c], &self.briefing.factors[f]);
        let title = factor.title.clone();
        let yours = factor.own_claims.contains(&c);
        if factor.claims.contains(&c) && !yours {
            self.message = Some(format!("the author links this claim to {title} already"));
            return Effect::None;
        }
        let (id, text, factor) = (claim.id.clone(), claim.text.clone(), factor.id.clone());
        self.push_undo(Before::Link {
            claim: id.clone(),
            claim_text: text.clone(),
            factor: factor.clone(),
            on: yours,
        });
        let on = !yours;
        self.notes.apply(Change {
            claim: id,
            claim_text: text,
            edit: Edit::LinkFactor { factor, on },
        });
        let what = if on { "linked to" } else { "no longer linked to" };
        self.message = Some(format!("{} {what} {title}", name(&self.briefing.claims[c].text)));
        let done = format!("{} {what} {title}, saved", name(&self.briefing.claims[c].text));
        self.own_changed(done)
    }

    fn toggle_answer(&mut self, cp: CounterpointIx, c: ClaimIx) -> Effect {
        let id = self.briefing.counterpoints[cp].id.clone();
        let Some(counterpoint) = self.notes.own_counterpoints.get(&id).cloned() else {
            return Effect::None;
        };
        let claim = self.briefing.claims[c].id.clone();
        let on = !counterpoint.claims.contains(&claim);
        if !on && counterpoint.claims.len() == 1 {
            let d = keymap::key_for(Mode::Reading, Action::DeleteOwn);
            self.message = Some(format!("it answers only this claim: {d} deletes it"));
            return Effect::None;
        }
        let what = if on { "answers" } else { "no longer answers" };
        let claim_name = name(&self.briefing.claims[c].text);
        self.message = Some(format!("your counterpoint {what} {claim_name}"));
        let done = format!("your counterpoint {what} {claim_name}, saved");
        let edit = OwnCounterpointEdit::Answer { claim, on };
        self.change_own_counterpoint(counterpoint, vec![edit], done)
    }

    // --- Undo -------------------------------------------------------------------------------

    /// Sets your claim back to how it was before the last change: gone again, back, or its
    /// text, kind and place as they were.
    pub(super) fn undo_own_claim(&mut self, id: &str, before: Option<Box<OwnClaim>>) -> Effect {
        let now = self.notes.own_claims.get(id).cloned();
        let (claim, edits, done) = match (now, before) {
            (None, None) => {
                self.message = Some("undo: that claim of yours is already gone".into());
                return Effect::None;
            }
            (Some(now), None) => {
                let done = format!("undone: no claim {}", name(&now.text));
                let was = now.text.clone();
                (now, vec![OwnClaimEdit::Delete { was }], done)
            }
            (None, Some(before)) => {
                let done = format!("undone: your claim {} is back", name(&before.text));
                (*before, vec![OwnClaimEdit::Add], done)
            }
            (Some(now), Some(before)) => {
                let mut edits = Vec::new();
                if now.text != before.text {
                    edits.push(OwnClaimEdit::Text {
                        text: before.text.clone(),
                        was: now.text.clone(),
                    });
                }
                if now.kind != before.kind {
                    edits.push(OwnClaimEdit::Kind(before.kind));
                }
                if now.passage() != before.passage() {
                    edits.push(OwnClaimEdit::Place(before.passage()));
                }
                (now, edits, format!("undone on your claim {}", name(&before.text)))
            }
        };
        if edits.is_empty() {
            self.message = Some("undo: that claim of yours is already as it was".into());
            return Effect::None;
        }
        for edit in edits {
            self.notes.apply(OwnClaimChange { claim: Box::new(claim.clone()), edit });
        }
        self.own_changed(done)
    }

    /// The same for your counterpoint: its text and the claims it answers.
    pub(super) fn undo_own_counterpoint(
        &mut self,
        id: &str,
        before: Option<Box<OwnCounterpoint>>,
    ) -> Effect {
        let now = self.notes.own_counterpoints.get(id).cloned();
        let (counterpoint, edits, done) = match (now, before) {
            (None, None) => {
                self.message = Some("undo: that counterpoint of yours is already gone".into());
                return Effect::None;
            }
            (Some(now), None) => {
                let done = format!("undone: no counterpoint {}", name(&now.text));
                let was = now.text.clone();
                (now, vec![OwnCounterpointEdit::Delete { was }], done)
            }
            (None, Some(before)) => {
                let done = format!("undone: your counterpoint {} is back", name(&before.text));
                (*before, vec![OwnCounterpointEdit::Add], done)
            }
            (Some(now), Some(before)) => {
                let mut edits = Vec::new();
                if now.text != before.text {
                    let (text, was) = (before.text.clone(), now.text.clone());
                    edits.push(OwnCounterpointEdit::Text { text, was });
                }
                for claim in now.claims.iter().filter(|c| !before.claims.contains(c)) {
                    edits.push(OwnCounterpointEdit::Answer { claim: claim.clone(), on: false });
                }
                for claim in before.claims.iter().filter(|c| !now.claims.contains(c)) {
                    edits.push(OwnCounterpointEdit::Answer { claim: claim.clone(), on: true });
                }
                (now, edits, format!("undone on your counterpoint {}", name(&before.text)))
            }
        };
        if edits.is_empty() {
            self.message = Some("undo: that counterpoint of yours is already as it was".into());
            return Effect::None;
        }
        for edit in edits {
            let counterpoint = Box::new(counterpoint.clone());
            self.notes.apply(OwnCounterpointChange { counterpoint, edit });
        }
        self.own_changed(done)
    }

    /// Sets a factor link back: linked (`on`) or not, as it was.
    pub(super) fn undo_link(
        &mut self,
        claim: String,
        claim_text: String,
        factor: String,
        on: bool,
    ) -> Effect {
        let linked = self.notes.get(&claim).is_some_and(|n| n.factors.contains(&factor));
        if linked == on {
            self.message = Some("undo: that factor link is already as it was".into());
            return Effect::None;
        }
        let what = if on { "linked again" } else { "unlinked" };
        let done = format!("undone: {} {what}", name(&claim_text));
        self.notes.apply(Change { claim, claim_text, edit: Edit::LinkFactor { factor, on } });
        self.own_changed(done)
    }
}

#[cfg(test)]
mod tests;
