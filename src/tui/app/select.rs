//! Selecting a passage in the reading pane: `v` starts at the first sentence on screen, `)`
//! `(` `w` `b` `j` `k` move one end by a sentence, a word or a line, `o` swaps the ends, a
//! mouse drag selects too. A selection lies inside one paragraph and its ends are always on
//! grapheme boundaries (sentence and word bounds are UAX #29's, which never split one).
//! `h`, `a`, `s` and `l` then make a mark of it (`marks.rs`).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{Action, App, Effect, Focus, LineKind, Mode};
use crate::notes::Label;
use crate::tui::keymap;
use crate::tui::layout;

/// A passage being selected: bytes `start..end` of body paragraph `paragraph` of the current
/// section, never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextSelection {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    /// Which end the keys move: the start (after `o`) or the end.
    pub moving_start: bool,
    /// The label the mark will get (`l` before `h`).
    pub label: Option<Label>,
}

impl TextSelection {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The byte the moving end is at (for scrolling to it).
    fn head(&self) -> usize {
        if self.moving_start { self.start } else { self.end }
    }
}

/// What one key asks of the moving end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Sentence,
    Word,
}

/// The sentences of `text`: byte ranges without their trailing spaces.
fn sentences(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.split_sentence_bound_indices()
        .map(|(at, s)| at..at + s.trim_end().len())
        .filter(|r| !r.is_empty())
}

/// The words of `text` (runs with a letter or a digit): byte ranges.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(at, w)| at..at + w.len())
}

fn pieces(text: &str, step: Step) -> Vec<Range<usize>> {
    match step {
        Step::Sentence => sentences(text).collect(),
        Step::Word => words(text).collect(),
    }
}

/// The sentence to start a selection with: the first one that starts at or after byte
/// `from`, else the one `from` is in.
pub fn first_sentence(text: &str, from: usize) -> Option<Range<usize>> {
    let all: Vec<Range<usize>> = sentences(text).collect();
    all.iter()
        .find(|r| r.start >= from)
        .or_else(|| all.iter().rev().find(|r| r.start <= from))
        .cloned()
}

/// Moves the selection's moving end one `step` forward or back in `text`. `Err` says why it
/// stopped (a paragraph's edge, or the other end), the selection unchanged.
pub fn step(
    sel: &TextSelection,
    text: &str,
    step: Step,
    forward: bool,
) -> Result<TextSelection, &'static str> {
    let pieces = pieces(text, step);
    let mut next = sel.clone();
    if sel.moving_start {
        let starts = pieces.iter().map(|r| r.start);
        let to = if forward {
            starts.filter(|&s| s > sel.start && s < sel.end).min()
        } else {
            starts.filter(|&s| s < sel.start).max()
        };
        match to {
            Some(to) => next.start = to,
            None if forward => return Err(MEETS_THE_OTHER_END),
            None => return Err(PARAGRAPH_EDGE),
        }
    } else {
        let ends = pieces.iter().map(|r| r.end);
        let to = if forward {
            ends.filter(|&e| e > sel.end).min()
        } else {
            // Back by one: the last piece that starts inside the selection goes, with what
            // follows it (a word's trailing full stop too).
            let last = pieces.iter().rposition(|r| r.start < sel.end && r.start > sel.start);
            last.and_then(|i| i.checked_sub(1)).map(|i| pieces[i].end).filter(|&e| e > sel.start)
        };
        match to {
            Some(to) => next.end = to,
            None if forward => return Err(PARAGRAPH_EDGE),
            None => return Err(MEETS_THE_OTHER_END),
        }
    }
    Ok(next)
}

pub const PARAGRAPH_EDGE: &str = "a selection stays within its paragraph";
pub const MEETS_THE_OTHER_END: &str = "that end meets the other one";

/// The byte of `text` at display column `column` of the line `line` (a byte range of it):
/// the start of the grapheme there, or the line's end.
pub fn byte_at_column(text: &str, line: Range<usize>, column: usize) -> usize {
    let mut used = 0;
    for (at, g) in text[line.clone()].grapheme_indices(true) {
        let w = crate::text::width(g);
        if used + w > column {
            return line.start + at;
        }
        used += w;
    }
    line.end
}

/// The end of the grapheme that starts at byte `at` of `text` (its length when at the end).
pub fn grapheme_end(text: &str, at: usize) -> usize {
    text[at..].graphemes(true).next().map_or(text.len(), |g| at + g.len())
}

impl App {
    pub fn selecting(&self) -> Option<&TextSelection> {
        self.selecting.as_ref()
    }

    /// `v`: a selection of the first sentence on screen.
    pub(super) fn start_selection(&mut self) {
        if self.overlay.is_some() {
            return;
        }
        self.focus = Focus::Text;
        let body = self.page.lines.iter().skip(self.scroll).find_map(|l| match l.kind {
            LineKind::Body(p) => Some((p, l.range.start)),
            _ => None,
        });
        let Some((paragraph, from)) = body else {
            self.message = Some("nothing to select here: this section has no text".into());
            return;
        };
        let text = &self.briefing.sections[self.section].paragraphs[paragraph];
        let Some(first) = first_sentence(text, from) else { return };
        self.selecting = Some(TextSelection {
            paragraph,
            start: first.start,
            end: first.end,
            moving_start: false,
            label: None,
        });
        self.message = Some(self.selection_hint());
        self.follow_selection_end();
    }

    /// What the status bar says while selecting: how to move and what to do with it.
    pub(super) fn selection_hint(&self) -> String {
        let key = |a| keymap::key_for(Mode::Selecting, a);
        let label = self
            .selecting
            .as_ref()
            .and_then(|s| s.label)
            .map_or(String::new(), |l| format!(" · label {}", l.name()));
        format!(
            "selecting: {} {} sentence, {} {} word, {} {} line; {} other end{label}",
            key(Action::SelectSentence(true)),
            key(Action::SelectSentence(false)),
            key(Action::SelectWord(true)),
            key(Action::SelectWord(false)),
            key(Action::Down),
            key(Action::Up),
            key(Action::SwapEnds),
        )
    }

    fn selected_paragraph(&self) -> Option<&str> {
        let sel = self.selecting.as_ref()?;
        self.briefing.sections[self.section].paragraphs.get(sel.paragraph).map(String::as_str)
    }

    /// Moves the selection's moving end by a sentence or a word.
    fn step_selection(&mut self, by: Step, forward: bool) {
        let (Some(sel), Some(text)) = (self.selecting.as_ref(), self.selected_paragraph()) else {
            return;
        };
        match step(sel, text, by, forward) {
            Ok(next) => {
                self.selecting = Some(next);
                self.follow_selection_end();
            }
            Err(why) => self.message = Some(why.to_string()),
        }
    }

    /// Moves the selection's moving end a line down or up, at the same column.
    fn line_selection(&mut self, down: bool) {
        let (Some(sel), Some(text)) = (self.selecting.clone(), self.selected_paragraph()) else {
            return;
        };
        let kind = LineKind::Body(sel.paragraph);
        let head = sel.head();
        // The line the end is on: an end at a line's start belongs to the line before.
        let probe = if sel.moving_start { head } else { head.saturating_sub(1) };
        let Some(line) = self.page.line_of_kind(&kind, probe) else { return };
        let range = self.page.lines[line].range.clone();
        let column = crate::text::width(&text[range.start..head.max(range.start)]);
        let target = if down { line + 1 } else { line.wrapping_sub(1) };
        let to = match self.page.lines.get(target) {
            Some(l) if l.kind == kind => byte_at_column(text, l.range.clone(), column),
            // No line beyond in this paragraph: to its edge.
            _ if down => text.len(),
            _ => 0,
        };
        let mut next = sel.clone();
        let moved = if sel.moving_start {
            next.start = to;
            to < sel.end && to != sel.start
        } else {
            next.end = to;
            to > sel.start && to != sel.end
        };
        if moved {
            self.selecting = Some(next);
            self.follow_selection_end();
        } else if (down && !sel.moving_start) || (!down && sel.moving_start) {
            self.message = Some(PARAGRAPH_EDGE.into());
        } else {
            self.message = Some(MEETS_THE_OTHER_END.into());
        }
    }

    /// Scrolls so that the moving end is in view.
    fn follow_selection_end(&mut self) {
        let Some(sel) = &self.selecting else { return };
        let probe = if sel.moving_start { sel.start } else { sel.end.saturating_sub(1) };
        if let Some(line) = self.page.line_of(sel.paragraph, probe) {
            self.reveal_line(line);
        }
    }

    /// The (paragraph, byte) under screen cell (`x`, `y`) of the reading pane, if it is text.
    fn text_at(&self, x: u16, y: u16) -> Option<(usize, usize)> {
        let (inner, _) = layout::text_inner(self.areas().text, self.measure);
        if !inner.contains(ratatui::layout::Position { x, y }) {
            return None;
        }
        let line = self.page.lines.get(self.scroll + usize::from(y - inner.y))?;
        let LineKind::Body(p) = line.kind else { return None };
        let text = &self.briefing.sections[self.section].paragraphs[p];
        Some((p, byte_at_column(text, line.range.clone(), usize::from(x - inner.x))))
    }

    /// A press of the mouse button on the text: where a drag would start.
    pub(super) fn press_text(&mut self, x: u16, y: u16) {
        self.selecting = None;
        self.set_focus(Focus::Text);
        self.drag_from = self.text_at(x, y);
    }

    /// The mouse dragged to (`x`, `y`): the passage from where it was pressed, whole
    /// graphemes, inside the paragraph it started in.
    pub(super) fn drag_text(&mut self, x: u16, y: u16) {
        let Some((paragraph, from)) = self.drag_from else { return };
        let text = &self.briefing.sections[self.section].paragraphs[paragraph];
        let (to, crossed) = match self.text_at(x, y) {
            Some((p, at)) if p == paragraph => (at, false),
            _ => {
                // Above or below its paragraph: to its edge.
                let (inner, _) = layout::text_inner(self.areas().text, self.measure);
                let row = self.scroll + usize::from(y.saturating_sub(inner.y));
                let first = self.page.line_of(paragraph, 0).unwrap_or(0);
                (if row < first { 0 } else { text.len() }, true)
            }
        };
        let (start, end) = if to < from { (to, from) } else { (from, to) };
        // The grapheme under the pointer is in.
        let end = grapheme_end(text, end).min(text.len());
        if start >= end {
            return;
        }
        self.selecting =
            Some(TextSelection { paragraph, start, end, moving_start: to < from, label: None });
        if crossed {
            self.message = Some(PARAGRAPH_EDGE.into());
        }
        self.follow_selection_end();
    }

    pub(super) fn update_selecting(&mut self, action: Action) -> Effect {
        match action {
            Action::SelectSentence(forward) => self.step_selection(Step::Sentence, forward),
            Action::SelectWord(forward) => self.step_selection(Step::Word, forward),
            Action::Down => self.line_selection(true),
            Action::Up => self.line_selection(false),
            Action::SwapEnds => {
                if let Some(sel) = &mut self.selecting {
                    sel.moving_start = !sel.moving_start;
                }
                self.follow_selection_end();
            }
            Action::CycleLabel => {
                if let Some(sel) = &mut self.selecting {
                    sel.label = Label::cycle(sel.label);
                }
                self.message = Some(self.selection_hint());
            }
            Action::Close => {
                self.selecting = None;
                self.message = Some("selection cancelled".into());
            }
            Action::Highlight => return self.keep_selection(),
            Action::EditNote => self.note_on_selection(),
            Action::CycleStance => return self.stance_on_selection(),
            Action::MakeClaim => return self.make_claim(),
            Action::PressText(x, y) => self.press_text(x, y),
            Action::DragText(x, y) => self.drag_text(x, y),
            Action::ToggleHelp => self.overlay = Some(super::Overlay::Help { scroll: 0 }),
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        Effect::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(start: usize, end: usize, moving_start: bool) -> TextSelection {
        TextSelection { paragraph: 0, start, end, moving_start, label: None }
    }

    const TEXT: &str = "One two. Three four five. Six.";

    #[test]
    fn the_end_moves_by_sentences_and_stops_at_the_paragraph() {
        let s = sel(0, 8, false);
        let s = step(&s, TEXT, Step::Sentence, true).unwrap();
        assert_eq!(&TEXT[s.range()], "One two. Three four five.");
        let s = step(&s, TEXT, Step::Sentence, true).unwrap();
        assert_eq!(&TEXT[s.range()], TEXT);
        assert_eq!(step(&s, TEXT, Step::Sentence, true), Err(PARAGRAPH_EDGE));
        let s = step(&s, TEXT, Step::Sentence, false).unwrap();
        let s = step(&s, TEXT, Step::Sentence, false).unwrap();
        assert_eq!(&TEXT[s.range()], "One two.");
        assert_eq!(step(&s, TEXT, Step::Sentence, false), Err(MEETS_THE_OTHER_END));
    }

    #[test]
    fn the_start_moves_after_o_and_words_step_by_words() {
        let s = sel(9, 25, true);
        let s = step(&s, TEXT, Step::Word, true).unwrap();
        assert_eq!(&TEXT[s.range()], "four five.");
        let s = step(&s, TEXT, Step::Sentence, false).unwrap();
        assert_eq!(&TEXT[s.range()], "Three four five.");
        let s = step(&s, TEXT, Step::Sentence, false).unwrap();
        assert_eq!(s.start, 0);
        assert_eq!(step(&s, TEXT, Step::Word, false), Err(PARAGRAPH_EDGE));
        let s = sel(0, 3, false);
        assert_eq!(&TEXT[step(&s, TEXT, Step::Word, true).unwrap().range()], "One two");
    }

    #[test]
    fn the_first_sentence_is_the_first_that_starts_on_screen() {
        assert_eq!(first_sentence(TEXT, 0), Some(0..8));
        assert_eq!(first_sentence(TEXT, 3), Some(9..25));
        assert_eq!(first_sentence(TEXT, 27), Some(26..30), "inside the last: that one");
        assert_eq!(first_sentence("", 0), None);
    }

    #[test]
    fn ends_never_split_a_grapheme() {
        let text = "中文句子。👩\u{200d}💻 é\u{301}t\u{e9}. Fin.";
        for by in [Step::Word, Step::Sentence] {
            let mut s = sel(0, grapheme_end(text, 0), false);
            while let Ok(next) = step(&s, text, by, true) {
                assert!(text.is_char_boundary(next.end));
                let before = &text[..next.end];
                assert_eq!(
                    before.graphemes(true).map(str::len).sum::<usize>(),
                    next.end,
                    "{by:?} ends inside a grapheme at {}",
                    next.end
                );
                s = next;
            }
            // Sentences reach the paragraph's end; words the end of its last word.
            assert!(s.end >= text.len() - 1, "{by:?} stopped at {}", s.end);
        }
        // A column inside a wide character starts that character.
        assert_eq!(byte_at_column("中文", 0..6, 1), 0);
        assert_eq!(byte_at_column("中文", 0..6, 2), 3);
        assert_eq!(byte_at_column("e\u{301}x", 0..4, 1), 3);
        assert_eq!(grapheme_end("👩\u{200d}💻!", 0), "👩\u{200d}💻".len());
    }
}
