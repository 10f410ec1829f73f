//! Where the last frame put things: each pane, tab, list item and contents entry, as
//! rendering recorded them. A mouse event is resolved against this record, never against
//! geometry worked out again, so what is clicked is what was drawn.

use ratatui::layout::{Position, Rect};

use crate::briefing::SectionIx;
use crate::tui::app::{Action, Focus, ItemIx, SidePane};

/// What is drawn at a place on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A pane (the text, or a side pane; on the smallest screens a side pane drawn where the
    /// text goes).
    Pane(Focus),
    /// An item of a side pane's list.
    Item(SidePane, ItemIx),
    /// A tab of the tab bar on narrow screens.
    Tab(SidePane),
    /// An entry of the contents sidebar.
    Section(SectionIx),
    /// The contents sidebar, between or below its entries.
    Outline,
    /// An overlay (help, a picker, the note editor, ...): it covers the whole screen.
    Overlay,
}

/// The places of one frame, in the order they were drawn: a later one lies on top.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Geometry {
    places: Vec<(Rect, Target)>,
}

impl Geometry {
    /// Forgets the last frame's places: a new frame is being drawn.
    pub fn clear(&mut self) {
        self.places.clear();
    }

    /// Records that `target` was drawn in `area` (nothing when `area` is empty).
    pub fn put(&mut self, area: Rect, target: Target) {
        if !area.is_empty() {
            self.places.push((area, target));
        }
    }

    /// What was drawn last at column `x`, row `y`.
    pub fn target_at(&self, x: u16, y: u16) -> Option<Target> {
        let at = Position { x, y };
        self.places.iter().rev().find(|(area, _)| area.contains(at)).map(|&(_, target)| target)
    }

    /// Where `target` was drawn, if it was.
    pub fn area_of(&self, target: Target) -> Option<Rect> {
        self.places.iter().rev().find(|(_, t)| *t == target).map(|&(area, _)| area)
    }

    /// A click (`wheel` is `None`) or a wheel notch (`Some(true)` is down) at `x`, `y`, as an
    /// action.
    pub fn action_at(&self, x: u16, y: u16, wheel: Option<bool>) -> Option<Action> {
        let target = self.target_at(x, y)?;
        Some(match (target, wheel) {
            (Target::Overlay, None) => Action::ClickOverlay,
            (Target::Overlay, Some(down)) => Action::Wheel(Focus::Text, down),
            (Target::Section(s), None) => Action::JumpToSection(s),
            (Target::Section(_) | Target::Outline, Some(true)) => Action::NextSection,
            (Target::Section(_) | Target::Outline, Some(false)) => Action::PrevSection,
            (Target::Outline, None) => return None,
            (Target::Tab(pane), None) => Action::Click(pane.focus(), None),
            (Target::Tab(_), Some(_)) => return None,
            (Target::Pane(focus), None) => Action::Click(focus, None),
            (Target::Pane(focus), Some(down)) => Action::Wheel(focus, down),
            (Target::Item(pane, item), None) => Action::Click(pane.focus(), Some(item)),
            (Target::Item(pane, _), Some(down)) => Action::Wheel(pane.focus(), down),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_place_drawn_is_on_top() {
        let mut g = Geometry::default();
        g.put(Rect::new(0, 0, 10, 10), Target::Pane(Focus::Claims));
        g.put(Rect::new(1, 2, 8, 2), Target::Item(SidePane::Claims, ItemIx(3)));
        assert_eq!(g.target_at(1, 2), Some(Target::Item(SidePane::Claims, ItemIx(3))));
        assert_eq!(g.target_at(1, 4), Some(Target::Pane(Focus::Claims)));
        assert_eq!(g.target_at(10, 0), None);
        g.put(Rect::new(0, 0, 20, 20), Target::Overlay);
        assert_eq!(g.action_at(1, 2, None), Some(Action::ClickOverlay));
        g.clear();
        assert_eq!(g.target_at(1, 2), None);
    }

    #[test]
    fn clicks_and_wheels_become_actions() {
        let mut g = Geometry::default();
        g.put(Rect::new(0, 0, 5, 5), Target::Section(SectionIx(2)));
        g.put(Rect::new(5, 0, 5, 1), Target::Tab(SidePane::Factors));
        g.put(Rect::new(5, 1, 5, 4), Target::Item(SidePane::Counterpoints, ItemIx(1)));
        assert_eq!(g.action_at(0, 0, None), Some(Action::JumpToSection(SectionIx(2))));
        assert_eq!(g.action_at(0, 0, Some(true)), Some(Action::NextSection));
        assert_eq!(g.action_at(5, 0, None), Some(Action::Click(Focus::Factors, None)));
        assert_eq!(g.action_at(5, 0, Some(true)), None);
        assert_eq!(
            g.action_at(6, 2, None),
            Some(Action::Click(Focus::Counterpoints, Some(ItemIx(1))))
        );
        assert_eq!(
            g.action_at(6, 2, Some(false)),
            Some(Action::Wheel(Focus::Counterpoints, false))
        );
    }
}
