//! The review walk (`R`): every claim in reading order, one at a time, judged on the spot with
//! the keys a selected claim takes (`s`, `p`, `c`, `a`, and `u` to undo), through the same
//! changes, saves and messages; `f` keeps to the claims not judged yet; after the last claim,
//! the summary of your judgements (`notes::review::Summary`). Where the walk is (`Walk`) lives
//! in `App` by claim id, so closing and reopening resumes there and a reload of the file does
//! not lose it. Pure state; drawn by `ui::review`.

use super::annotate::Part;
use super::{Action, App, Effect, Focus, Mode, NOTES_LOADING, Overlay};
use crate::briefing::ClaimIx;
use crate::notes::review::{is_judged, order};
use crate::tui::keymap;

/// Where the walk is: kept in the reader while the walk is closed, and between runs (the
/// claim's id, beside the reading position).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Walk {
    /// The claim shown, by id, and its place in the walk then: where to go on when the claim
    /// is gone from a new version of the file.
    at: Option<(String, usize)>,
    /// At the summary, after the last claim.
    at_summary: bool,
    /// Only the claims you have not judged (`f`).
    only_unjudged: bool,
}

/// The open walk's own view: how far the page is scrolled (back to the top on each claim).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewView {
    pub scroll: usize,
}

impl App {
    /// The claim the walk shows, `None` at the summary (or in a briefing without claims).
    pub fn review_claim(&self) -> Option<ClaimIx> {
        if self.walk.at_summary {
            return None;
        }
        let order = order(&self.briefing);
        self.walk_place(&order).map(|i| order[i])
    }

    /// Whether the walk keeps to the claims not judged.
    pub fn review_only_unjudged(&self) -> bool {
        self.walk.only_unjudged
    }

    /// The claim the walk stopped at, by id, to keep between runs.
    pub fn review_position(&self) -> Option<&str> {
        self.walk.at.as_ref().map(|(id, _)| id.as_str())
    }

    /// The same, the walk started again at claim `id` (kept from the last run), if it exists.
    pub fn with_review(mut self, id: Option<String>) -> Self {
        let order = order(&self.briefing);
        if let Some(at) =
            id.and_then(|id| order.iter().position(|&c| self.briefing.claims[c].id == id))
        {
            self.walk.at = Some((self.briefing.claims[order[at]].id.clone(), at));
        }
        self
    }

    /// The walk's place in `order`: its claim by id, else the place it had (the claim is gone),
    /// else the first claim.
    fn walk_place(&self, order: &[ClaimIx]) -> Option<usize> {
        if order.is_empty() {
            return None;
        }
        let Some((id, was)) = &self.walk.at else { return Some(0) };
        let by_id = order.iter().position(|&c| self.briefing.claims[c].id == *id);
        Some(by_id.unwrap_or((*was).min(order.len() - 1)))
    }

    fn is_claim_judged(&self, claim: ClaimIx) -> bool {
        is_judged(self.notes.get(&self.briefing.claims[claim].id))
    }

    /// Whether the walk stops at `claim`: every claim, or only those not judged.
    fn stops_at(&self, claim: ClaimIx) -> bool {
        !self.walk.only_unjudged || !self.is_claim_judged(claim)
    }

    /// The walk goes to claim number `i` of `order`, its page at the top.
    fn walk_to(&mut self, order: &[ClaimIx], i: usize) {
        self.walk.at = Some((self.briefing.claims[order[i]].id.clone(), i));
        self.walk.at_summary = false;
        self.scroll_review_to(0);
    }

    fn scroll_review_to(&mut self, scroll: usize) {
        if let Some(Overlay::Review(view)) = &mut self.overlay {
            view.scroll = scroll;
        }
    }

    /// "claim 3 of 24", and how many are not judged yet.
    pub fn review_progress(&self) -> String {
        let order = order(&self.briefing);
        let left = order.iter().filter(|&&c| !self.is_claim_judged(c)).count();
        let place = match (self.walk.at_summary, self.walk_place(&order)) {
            (false, Some(i)) => format!("claim {} of {}", i + 1, order.len()),
            _ => format!("{} claims", order.len()),
        };
        format!("{place} · {left} not judged")
    }

    /// `R`: the walk, where it stopped (at the first claim the first time).
    pub(super) fn open_review(&mut self) {
        let order = order(&self.briefing);
        if order.is_empty() {
            let v = keymap::key_for(Mode::Reading, Action::StartSelection);
            self.message = Some(format!(
                "no claims to review: this briefing makes none ({v} marks a passage of your own)"
            ));
            return;
        }
        let resumed = self.walk.at.is_some();
        self.overlay = Some(Overlay::Review(Box::default()));
        match self.walk_place(&order) {
            Some(i) if !self.walk.at_summary => {
                self.walk_to(&order, i);
                if resumed {
                    self.message = Some(format!("resuming the walk: {}", self.review_progress()));
                }
            }
            _ => {}
        }
    }

    /// Which of `order` the walk goes to from `from` (exclusive) in one direction.
    fn walk_find(&self, order: &[ClaimIx], from: usize, forward: bool) -> Option<usize> {
        let stops = |&i: &usize| self.stops_at(order[i]);
        if forward { (from + 1..order.len()).find(stops) } else { (0..from).rev().find(stops) }
    }

    fn walk_next(&mut self) {
        let order = order(&self.briefing);
        let Some(i) = self.walk_place(&order) else { return };
        if self.walk.at_summary {
            let b = keymap::key_for(Mode::Review, Action::ReviewPrev);
            self.message = Some(format!("the end of the walk ({b} goes back)"));
            return;
        }
        match self.walk_find(&order, i, true) {
            Some(next) => self.walk_to(&order, next),
            None => {
                self.walk.at_summary = true;
                self.scroll_review_to(0);
            }
        }
    }

    fn walk_back(&mut self) {
        let order = order(&self.briefing);
        let Some(i) = self.walk_place(&order) else { return };
        // From the summary, the last claim the walk stops at.
        let found = if self.walk.at_summary {
            self.walk_find(&order, order.len(), false)
        } else {
            self.walk_find(&order, i, false)
        };
        match found {
            Some(before) => self.walk_to(&order, before),
            None if self.walk.only_unjudged => {
                let f = keymap::key_for(Mode::Review, Action::ToggleUnjudged);
                self.message = Some(format!("no claim before this one is unjudged ({f}: all)"));
            }
            None => self.message = Some("the first claim".into()),
        }
    }

    /// `f`: only the claims not judged (going on to the first of them, at or after this one,
    /// else from the top), or all of them again.
    fn toggle_unjudged(&mut self) {
        self.walk.only_unjudged = !self.walk.only_unjudged;
        let f = keymap::key_for(Mode::Review, Action::ToggleUnjudged);
        if !self.walk.only_unjudged {
            self.message = Some(format!("every claim ({f}: only the ones not judged)"));
            return;
        }
        let order = order(&self.briefing);
        let left = order.iter().filter(|&&c| !self.is_claim_judged(c)).count();
        if left == 0 {
            self.message = Some(format!("every claim is judged ({f}: all of them again)"));
            return;
        }
        self.message = Some(format!("only the claims not judged: {left} ({f}: all)"));
        if self.walk.at_summary {
            return;
        }
        let Some(i) = self.walk_place(&order) else { return };
        if self.stops_at(order[i]) {
            return;
        }
        let next = self.walk_find(&order, i, true).or_else(|| self.walk_find(&order, 0, true));
        let first = (self.stops_at(order[0])).then_some(0);
        if let Some(to) = next.or(first) {
            self.walk_to(&order, to);
        }
    }

    /// The claim `s`, `p`, `c` and `a` act on in the walk, when the notes can take a change.
    fn claim_to_review(&mut self) -> Option<ClaimIx> {
        let Some(claim) = self.review_claim() else {
            let b = keymap::key_for(Mode::Review, Action::ReviewPrev);
            self.message = Some(format!("this is the summary: {b} goes back to a claim"));
            return None;
        };
        if !self.notes_loaded {
            self.message = Some(NOTES_LOADING.into());
            return None;
        }
        if let Some(problem) = &self.notes.read_only {
            self.message = Some(format!("notes are read-only: {problem}"));
            return None;
        }
        Some(claim)
    }

    /// The status bar hints at what the walk can do now.
    pub(super) fn review_offers(&self, action: Action) -> bool {
        let writable = self.notes_loaded && self.notes.read_only.is_none();
        match action {
            Action::CycleStance
            | Action::CycleLikelihood
            | Action::CycleConfidence
            | Action::EditNote => writable && self.review_claim().is_some(),
            Action::Undo => writable && !self.undo.is_empty(),
            Action::ReviewNext | Action::Activate => self.review_claim().is_some(),
            _ => true,
        }
    }

    pub(super) fn update_review(&mut self, action: Action) -> Effect {
        let Some(Overlay::Review(view)) = &self.overlay else { return Effect::None };
        let (scroll, last) = (view.scroll, crate::tui::ui::review::last_scroll(self));
        let page = usize::from(self.screen.height.saturating_sub(6)).max(1);
        match action {
            Action::ReviewNext => self.walk_next(),
            Action::ReviewPrev => self.walk_back(),
            Action::ToggleUnjudged => self.toggle_unjudged(),
            Action::Down | Action::Wheel(_, true) => self.scroll_review_to((scroll + 1).min(last)),
            Action::Up | Action::Wheel(_, false) => self.scroll_review_to(scroll.saturating_sub(1)),
            Action::PageDown => self.scroll_review_to((scroll + page).min(last)),
            Action::PageUp => self.scroll_review_to(scroll.saturating_sub(page)),
            Action::Top => {
                let order = order(&self.briefing);
                let first = (0..order.len()).find(|&i| self.stops_at(order[i]));
                match first {
                    Some(i) => self.walk_to(&order, i),
                    None => self.message = Some("every claim is judged".into()),
                }
            }
            Action::Bottom => {
                self.walk.at_summary = true;
                self.scroll_review_to(0);
            }
            Action::CycleStance => {
                let Some(claim) = self.claim_to_review() else { return Effect::None };
                return self.cycle_stance_on(claim);
            }
            Action::CycleLikelihood | Action::CycleConfidence => {
                let Some(claim) = self.claim_to_review() else { return Effect::None };
                let c = &self.briefing.claims[claim];
                let (id, text) = (c.id.clone(), c.text.clone());
                let part = match action {
                    Action::CycleLikelihood => Part::Likelihood,
                    _ => Part::Confidence,
                };
                return self.estimate_on(&id, &text, part);
            }
            Action::EditNote => {
                let Some(claim) = self.claim_to_review() else { return Effect::None };
                let walk = self.overlay.take();
                self.edit_note(claim, walk);
            }
            Action::Undo => return self.undo(),
            Action::Activate | Action::Accept => {
                let Some(claim) = self.review_claim() else { return Effect::None };
                self.overlay = None;
                self.show_claim(claim, true);
                self.set_focus(Focus::Claims);
            }
            Action::Close | Action::OpenReview | Action::ClickOverlay => {
                self.overlay = None;
                let r = keymap::key_for(Mode::Reading, Action::OpenReview);
                self.message =
                    Some(format!("walk left at {}: {r} resumes", self.review_progress()));
            }
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }
}

#[cfg(test)]
mod tests;
