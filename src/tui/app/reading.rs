//! Reading: scrolling the text and moving in the panes, sections, jumps, Enter on a pane's
//! selection, and the pickers it opens.

use super::annotate::Part;
use super::{
    Action, App, Effect, Focus, ItemIx, Location, MAX_JUMPS, Overlay, PickerEntry, PickerKind,
    SidePane, WHEEL_LINES,
};
use crate::briefing::{ClaimIx, SectionIx};
use crate::tui::app::{Page, Picker};
use crate::tui::layout;

impl App {
    pub(super) fn update_reading(&mut self, action: Action) -> Effect {
        match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page_step()),
            Action::PageUp => self.move_by(-self.page_step()),
            Action::Top => self.move_to(0),
            Action::Bottom => self.move_to(usize::MAX),
            Action::NextSection => self.go_to_section(SectionIx(self.section.0 + 1), false),
            Action::PrevSection => {
                self.go_to_section(SectionIx(self.section.0.saturating_sub(1)), false)
            }
            Action::JumpToSection(n) if n.0 < self.briefing.sections.len() => {
                self.go_to_section(n, true)
            }
            Action::JumpToSection(n) => self.message = Some(format!("no section {n}")),
            Action::FocusNext => self.set_focus(self.focus.next()),
            Action::FocusPrev => self.set_focus(self.focus.prev()),
            Action::Activate => self.activate(),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::StartSearch => self.start_search(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::OpenContents => self.open_picker(PickerKind::Contents),
            Action::OpenMatrix => self.open_matrix(),
            Action::OpenReview => self.open_review(),
            Action::OpenGaps => {
                let book = self.notes_loaded.then_some(&self.notes);
                let gaps = crate::notes::gaps::find(&self.briefing, book);
                self.open_picker(PickerKind::Gaps(gaps));
            }
            Action::ToggleOutline => self.toggle_outline(),
            Action::ToggleAnalysis => self.toggle_analysis(),
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Close => {
                self.highlight = None;
                self.shown_mark = None;
                self.marked.clear();
                // The query is kept for `n`, as less and vim keep their last pattern.
                if !self.search.query.is_empty() {
                    self.last_query = std::mem::take(&mut self.search.query);
                }
                self.search = super::Search::default();
            }
            Action::Click(focus, item) => self.click(focus, item),
            Action::Wheel(focus, down) => self.wheel(focus, down),
            Action::EditNote if self.on_marks() => self.edit_selected_mark(),
            Action::EditNote if self.focus == super::Focus::Factors => {
                self.open_watch(self.selected_factor())
            }
            Action::OpenWatch => self.open_watch(None),
            Action::CycleStance if self.on_marks() => return self.cycle_mark_stance(),
            Action::DeleteNote if self.on_marks() => self.ask_delete_mark(),
            Action::CycleLabel if self.on_marks() => return self.cycle_mark_label(),
            Action::CycleLabel => {
                let tab = crate::tui::keymap::key_for(super::Mode::Reading, Action::FocusNext);
                let v = crate::tui::keymap::key_for(super::Mode::Reading, Action::StartSelection);
                self.message = Some(format!(
                    "a label goes on a selection ({v}) or on a mark in the marks pane ({tab})"
                ));
            }
            Action::AcceptDrift if self.on_marks() => return self.accept_drift(),
            Action::AcceptDrift => {}
            Action::EditNote => self.open_editor(),
            Action::CycleStance => return self.cycle_stance(),
            Action::CycleLikelihood if self.on_marks() => self.estimates_are_for_claims(),
            Action::CycleConfidence if self.on_marks() => self.estimates_are_for_claims(),
            Action::CycleLikelihood => return self.cycle_estimate(Part::Likelihood),
            Action::CycleConfidence => return self.cycle_estimate(Part::Confidence),
            Action::Undo => return self.undo(),
            Action::DeleteNote => self.ask_delete_note(),
            Action::StartSelection => self.start_selection(),
            Action::PressText(x, y) => self.press_text(x, y),
            Action::DragText(x, y) => self.drag_text(x, y),
            Action::OpenNotes => self.overlay = Some(Overlay::Notes(super::NotesView::default())),
            Action::OpenLibrary => {
                // Open at once, so what is typed next filters it even before the library has
                // been read.
                let mut picker = Picker::new(&self.briefing, PickerKind::Library(Vec::new()), None);
                picker.is_loading = true;
                self.overlay = Some(Overlay::Picker(picker));
                return Effect::ScanLibrary;
            }
            Action::MakeClaim => return self.make_claim(),
            Action::Rewrite => self.rewrite(),
            Action::DeleteOwn => self.ask_delete_own(),
            Action::Counter => self.counter(),
            Action::LinkFactors => self.link_factors(),
            Action::EditSource => return self.edit_source(),
            Action::ShowProblems => self.show_problems(),
            Action::Suspend => return Effect::Suspend,
            Action::Quit => return Effect::Quit,
            Action::Accept
            | Action::Type(_)
            | Action::DeleteChar
            | Action::ClickOverlay
            | Action::SaveNote
            | Action::EditorKey(_)
            | Action::Yes
            | Action::YesBoth
            | Action::No
            | Action::SelectSentence(_)
            | Action::SelectWord(_)
            | Action::SwapEnds
            | Action::Highlight
            | Action::Left
            | Action::Right
            | Action::SetAside
            | Action::Rate(_)
            | Action::ReviewNext
            | Action::ReviewPrev
            | Action::ToggleUnjudged
            | Action::CycleKind => {}
        }
        Effect::None
    }

    pub(super) fn update_picker(&mut self, action: Action) -> Effect {
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
            Action::Accept if picker.is_loading => {
                self.message = Some("the library is still being read".into());
            }
            Action::Accept if picker.kind.ticks() => return self.toggle_tick(),
            Action::Accept if picker.chosen().is_none() => {
                self.message = Some(format!("nothing matches '{}'", picker.filter));
            }
            Action::Accept => {
                let chosen = picker.chosen();
                let briefing = match (&picker.kind, chosen) {
                    (PickerKind::Library(items), Some(PickerEntry::Briefing(i))) => {
                        items.get(i).map(|item| Box::new(item.entry.clone()))
                    }
                    _ => None,
                };
                let gap = chosen.and_then(|e| picker.gap(e));
                self.overlay = None;
                match chosen {
                    Some(PickerEntry::Gap(_)) => {
                        if let Some(gap) = gap {
                            self.go_to_gap(gap);
                        }
                    }
                    Some(PickerEntry::Section(s)) => self.go_to_section(s, true),
                    Some(PickerEntry::Claim(c)) => self.show_claim(c, true),
                    Some(PickerEntry::Factor(_)) => {}
                    Some(PickerEntry::Briefing(_)) => {
                        if let Some(entry) = briefing {
                            return Effect::Open(entry);
                        }
                    }
                    None => {}
                }
            }
            Action::Close | Action::ClickOverlay => self.overlay = None,
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }

    fn page_step(&self) -> isize {
        isize::try_from(self.page_height().saturating_sub(2).max(1)).unwrap_or(isize::MAX)
    }

    /// Moves the focused pane: scrolls the text, or moves a pane's selection.
    fn move_by(&mut self, delta: isize) {
        match self.focus.side() {
            None => self.scroll = self.scroll.saturating_add_signed(delta).min(self.max_scroll()),
            Some(pane) => {
                let at = self.selected.get(pane).0.saturating_add_signed(delta);
                self.select(pane, at);
                self.follow_selection();
            }
        }
    }

    fn move_to(&mut self, index: usize) {
        match self.focus.side() {
            None => self.scroll = index.min(self.max_scroll()),
            Some(pane) => {
                self.select(pane, index);
                self.follow_selection();
            }
        }
    }

    /// Selects item `at` of `pane`, or its last item when there are fewer.
    pub(super) fn select(&mut self, pane: SidePane, at: usize) {
        let last = self.pane_len(pane).saturating_sub(1);
        self.selected.set(pane, ItemIx(at.min(last)));
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

    pub(super) fn set_focus(&mut self, focus: Focus) {
        // A side pane asked for brings the analysis panes back.
        if focus != Focus::Text && !self.show_analysis {
            self.toggle_analysis();
        }
        self.focus = focus;
        if let Some(pane) = focus.side() {
            self.tab = pane;
        }
        self.follow_selection();
    }

    pub(super) fn go_to_section(&mut self, section: SectionIx, is_jump: bool) {
        let section = section.min(self.briefing.last_section());
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
    pub(super) fn enter_section(&mut self, section: SectionIx) {
        if section != self.section {
            self.section = section;
            self.selected.set(SidePane::Claims, ItemIx(0));
            self.selected.set(SidePane::Marks, ItemIx(0));
            self.selected.set(SidePane::Counterpoints, ItemIx(0));
            self.highlight = None;
            self.shown_mark = None;
            self.selecting = None;
            self.marked.clear();
        }
        self.relayout();
    }

    /// Rebuilds the page if the section or the wrap width changed, keeping the top line.
    pub(super) fn relayout(&mut self) {
        let (_, width) = layout::text_inner(self.areas().text, self.measure);
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

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        let (w, h) = layout::capped((width, height));
        if (w, h) != (width, height) {
            self.message = Some(format!(
                "this terminal is {width}x{height}: the reader draws at most {}x{} of it",
                layout::MAX_WIDTH,
                layout::MAX_HEIGHT
            ));
        }
        self.screen = ratatui::layout::Rect::new(0, 0, w, h);
        self.relayout();
        self.scroll = self.scroll.min(self.max_scroll());
        if let Some(Overlay::Help { scroll }) = &mut self.overlay {
            *scroll = (*scroll).min(crate::tui::ui::help::last_scroll(self.screen));
        }
    }

    /// `z`: the text alone, or with its analysis panes again.
    fn toggle_analysis(&mut self) {
        self.show_analysis = !self.show_analysis;
        if !self.show_analysis {
            self.focus = Focus::Text;
            let z = crate::tui::keymap::key_for(super::Mode::Reading, Action::ToggleAnalysis);
            self.message = Some(format!("reading mode: {z} shows the analysis panes again"));
        }
        self.relayout();
    }

    fn toggle_outline(&mut self) {
        self.show_outline = !self.show_outline;
        if self.screen.width < layout::WIDE {
            let state = if self.show_outline { "shown" } else { "hidden" };
            let contents = crate::tui::keymap::key_for(super::Mode::Reading, Action::OpenContents);
            self.message = Some(format!(
                "the contents sidebar ({state}) shows on terminals {} columns wide or more; \
                 {contents} opens the contents",
                layout::WIDE
            ));
        }
        self.relayout();
    }

    /// Moves to a saved or remembered location.
    pub(super) fn restore(&mut self, location: Location) {
        let section = location.section.min(self.briefing.last_section());
        self.enter_section(section);
        self.scroll = self.page.resolve(location.anchor).min(self.max_scroll());
    }

    /// Scrolls so that body line `line` is in view, a third of the way down when it moves.
    pub(super) fn reveal_line(&mut self, line: usize) {
        let height = self.page_height();
        if line < self.scroll || line >= self.scroll + height {
            self.scroll = line.saturating_sub(height / 3).min(self.max_scroll());
        }
    }

    fn reveal_quote(&mut self, claim: ClaimIx) {
        if let Some(span) = self.briefing.claims[claim].quote_span.clone()
            && let Some(line) = self.page.line_of(span.paragraph, span.range.start)
        {
            self.reveal_line(line);
        }
    }

    /// Goes to a claim: its section, selected in the claims pane, its quote shown.
    pub(super) fn show_claim(&mut self, claim: ClaimIx, is_jump: bool) {
        let section = self.briefing.claims[claim].section;
        if is_jump {
            self.push_jump(self.location());
        }
        self.enter_section(section);
        if let Some(i) = self.claims_in_view().iter().position(|&c| c == claim) {
            self.selected.set(SidePane::Claims, ItemIx(i));
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
            Focus::Marks => self.show_selected_mark(),
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
                if let Some(factor) = self.selected_factor() {
                    self.open_picker(PickerKind::Factor(factor));
                }
            }
        }
    }

    pub(super) fn open_picker(&mut self, kind: PickerKind) {
        let current = match kind {
            PickerKind::Contents => Some(PickerEntry::Section(self.section)),
            PickerKind::Links(_) => Some(PickerEntry::Factor(self.selected_factor_or_first())),
            PickerKind::Answers(_) => self.selected_claim().map(PickerEntry::Claim),
            PickerKind::Factor(_) | PickerKind::Library(_) | PickerKind::Gaps(_) => None,
        };
        self.overlay = Some(Overlay::Picker(Picker::new(&self.briefing, kind, current)));
    }

    fn click(&mut self, focus: Focus, item: Option<ItemIx>) {
        self.set_focus(focus);
        if let (Some(pane), Some(item)) = (focus.side(), item)
            && item.0 < self.pane_len(pane)
        {
            self.selected.set(pane, item);
            self.follow_selection();
        }
    }

    fn wheel(&mut self, focus: Focus, down: bool) {
        match focus.side() {
            None => {
                let step = if down { WHEEL_LINES as isize } else { -(WHEEL_LINES as isize) };
                self.scroll = self.scroll.saturating_add_signed(step).min(self.max_scroll());
            }
            Some(pane) => {
                let at = self.selected.get(pane).0;
                self.select(pane, if down { at + 1 } else { at.saturating_sub(1) });
                if self.focus == focus {
                    self.follow_selection();
                }
            }
        }
    }

    /// Enter on a gap: to its place, what it is about selected in its pane.
    fn go_to_gap(&mut self, gap: crate::notes::gaps::Gap) {
        use crate::notes::gaps::Gap;
        match gap {
            Gap::NoCounterpoint(c)
            | Gap::NotJudged(c)
            | Gap::ForecastWithoutLikelihood(c)
            | Gap::ClaimUnrated(c) => {
                self.show_claim(c, true);
                self.set_focus(Focus::Claims);
            }
            Gap::SectionWithoutClaims(s) => self.go_to_section(s, true),
            Gap::CounterpointUnrated(cp) => {
                if let Some(s) = gap.section(&self.briefing) {
                    self.go_to_section(s, true);
                    if let Some(i) = self.counterpoints_in_view().iter().position(|&x| x == cp) {
                        self.selected.set(SidePane::Counterpoints, ItemIx(i));
                    }
                    self.set_focus(Focus::Counterpoints);
                }
            }
            Gap::FactorUnused(f) => {
                self.selected.set(SidePane::Factors, ItemIx(f.0));
                self.set_focus(Focus::Factors);
            }
        }
    }

    // --- Jumps ------------------------------------------------------------------------------

    pub(super) fn push_jump(&mut self, from: Location) {
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
