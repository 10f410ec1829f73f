//! A list to choose from, filtered as you type: the contents (`t`), a factor's sections and
//! claims (Enter on a factor), the library (`L`) and the gaps (`U`). Pure state; drawn by
//! `ui::picker`.

use crate::briefing::{Briefing, ClaimIx, CounterpointIx, FactorIx, SectionIx};
use crate::library;
use crate::notes::gaps::{Gap, Gaps};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickerKind {
    Contents,
    /// Where a factor bears: its sections, then its claims.
    Factor(FactorIx),
    /// The briefings of the library.
    Library(Vec<LibraryItem>),
    /// What is still unexamined (`U`).
    Gaps(Gaps),
    /// The factors to tick that this claim bears on: your links (`F`). Enter ticks.
    Links(ClaimIx),
    /// The claims to tick that your counterpoint answers (`x` on it). Enter ticks.
    Answers(CounterpointIx),
}

impl PickerKind {
    /// Whether Enter ticks or unticks the chosen entry (and the picker stays open).
    pub fn ticks(&self) -> bool {
        matches!(self, PickerKind::Links(_) | PickerKind::Answers(_))
    }
}

/// A briefing of the library as the picker lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryItem {
    pub label: String,
    pub entry: library::Entry,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerEntry {
    Section(SectionIx),
    Claim(ClaimIx),
    /// Index into `PickerKind::Library`'s items.
    Briefing(usize),
    /// Index into `PickerKind::Gaps`' gaps.
    Gap(usize),
    /// A factor to tick (`PickerKind::Links`).
    Factor(FactorIx),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub filter: String,
    /// Entries that pass the filter, in order.
    pub entries: Vec<PickerEntry>,
    /// Index into `entries`.
    pub selected: usize,
    /// Its entries are still being read (the library, on the worker): typing filters already.
    pub is_loading: bool,
}

impl Picker {
    /// Opens a picker with `current` selected when it is listed.
    pub fn new(b: &Briefing, kind: PickerKind, current: Option<PickerEntry>) -> Self {
        let mut picker = Picker {
            kind,
            filter: String::new(),
            entries: Vec::new(),
            selected: 0,
            is_loading: false,
        };
        picker.refilter(b);
        if let Some(i) = current.and_then(|c| picker.entries.iter().position(|&e| e == c)) {
            picker.selected = i;
        }
        picker
    }

    pub fn title(&self, b: &Briefing) -> String {
        match &self.kind {
            PickerKind::Contents => "Contents".into(),
            PickerKind::Factor(f) => format!("Where “{}” bears", b.factors[*f].title),
            PickerKind::Library(_) => "Library: switch briefing".into(),
            PickerKind::Gaps(gaps) => format!("Gaps: {}", gaps.summary()),
            PickerKind::Links(c) => {
                format!("Factors “{}” bears on · {} ticks", short(&b.claims[*c].text), enter())
            }
            PickerKind::Answers(cp) => format!(
                "Claims your counterpoint “{}” answers · {} ticks",
                short(&b.counterpoints[*cp].text),
                enter()
            ),
        }
    }

    /// The text an entry is listed and filtered by.
    pub fn label(&self, b: &Briefing, entry: PickerEntry) -> String {
        match entry {
            PickerEntry::Section(s) => {
                let digits = b.sections.len().to_string().len();
                format!("{:>digits$}  {}", s.to_string(), b.sections[s].title)
            }
            PickerEntry::Claim(c) => {
                let claim = &b.claims[c];
                let whose = if claim.own { "✦ your claim" } else { "claim" };
                match &self.kind {
                    PickerKind::Answers(cp) => {
                        let on = b.counterpoints[*cp].claims.contains(&c);
                        format!("{} §{} {whose}: {}", tick(on), claim.section, claim.text)
                    }
                    PickerKind::Factor(f) if b.factors[*f].own_claims.contains(&c) => {
                        format!("{whose}: {} · ✦ your link", claim.text)
                    }
                    _ => format!("{whose}: {}", claim.text),
                }
            }
            PickerEntry::Factor(f) => {
                let factor = &b.factors[f];
                match &self.kind {
                    PickerKind::Links(c) if factor.own_claims.contains(c) => {
                        format!("{} {} · ✦ your link", tick(true), factor.title)
                    }
                    PickerKind::Links(c) if factor.claims.contains(c) => {
                        format!("[·] {} · the author's link", factor.title)
                    }
                    _ => format!("{} {}", tick(false), factor.title),
                }
            }
            PickerEntry::Briefing(i) => match &self.kind {
                PickerKind::Library(items) => {
                    items.get(i).map(|item| item.label.clone()).unwrap_or_default()
                }
                _ => String::new(),
            },
            PickerEntry::Gap(i) => match &self.kind {
                PickerKind::Gaps(gaps) => {
                    gaps.gaps.get(i).map_or(String::new(), |&g| gap_label(b, g))
                }
                _ => String::new(),
            },
        }
    }

    fn all(&self, b: &Briefing) -> Vec<PickerEntry> {
        match &self.kind {
            PickerKind::Library(items) => (0..items.len()).map(PickerEntry::Briefing).collect(),
            PickerKind::Gaps(gaps) => (0..gaps.gaps.len()).map(PickerEntry::Gap).collect(),
            PickerKind::Contents => b.section_ixs().map(PickerEntry::Section).collect(),
            PickerKind::Links(_) => b.factor_ixs().map(PickerEntry::Factor).collect(),
            PickerKind::Answers(_) => b.claim_ixs().map(PickerEntry::Claim).collect(),
            PickerKind::Factor(f) => {
                let factor = &b.factors[*f];
                let mut sections = factor.sections.clone();
                sections.extend(factor.claims.iter().map(|&c| b.claims[c].section));
                sections.sort_unstable();
                sections.dedup();
                let mut entries = Vec::new();
                for s in sections {
                    entries.push(PickerEntry::Section(s));
                    entries.extend(
                        factor
                            .claims
                            .iter()
                            .filter(|&&c| b.claims[c].section == s)
                            .map(|&c| PickerEntry::Claim(c)),
                    );
                }
                entries
            }
        }
    }

    fn refilter(&mut self, b: &Briefing) {
        // No filter: every entry, without building a label for each.
        if self.filter.trim().is_empty() {
            self.entries = self.all(b);
            self.selected = self.selected.min(self.entries.len().saturating_sub(1));
            return;
        }
        let words: Vec<String> =
            self.filter.to_lowercase().split_whitespace().map(String::from).collect();
        self.entries = self
            .all(b)
            .into_iter()
            .filter(|&e| {
                let label = self.label(b, e).to_lowercase();
                words.iter().all(|w| label.contains(w.as_str()))
            })
            .collect();
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
    }

    /// The library's briefings have been read: list them under the filter typed meanwhile,
    /// `current` selected while nothing was typed.
    pub fn fill(&mut self, b: &Briefing, items: Vec<LibraryItem>, current: Option<PickerEntry>) {
        self.kind = PickerKind::Library(items);
        self.is_loading = false;
        self.refilter(b);
        let position = current.and_then(|c| self.entries.iter().position(|&e| e == c));
        if let (true, Some(i)) = (self.filter.is_empty(), position) {
            self.selected = i;
        }
    }

    pub fn type_char(&mut self, b: &Briefing, c: char) {
        self.filter.push(c);
        self.selected = 0;
        self.refilter(b);
    }

    pub fn delete_char(&mut self, b: &Briefing) {
        self.filter.pop();
        self.refilter(b);
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.entries.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn chosen(&self) -> Option<PickerEntry> {
        self.entries.get(self.selected).copied()
    }

    /// The gap an entry is, in the gaps picker.
    pub fn gap(&self, entry: PickerEntry) -> Option<Gap> {
        match (&self.kind, entry) {
            (PickerKind::Gaps(gaps), PickerEntry::Gap(i)) => gaps.gaps.get(i).copied(),
            _ => None,
        }
    }
}

/// The key that ticks in the ticking pickers.
fn enter() -> String {
    crate::tui::keymap::key_for(crate::tui::app::Mode::Picker, crate::tui::app::Action::Accept)
}

/// A tick box, ticked or not.
fn tick(on: bool) -> &'static str {
    if on { "[x]" } else { "[ ]" }
}

/// The start of a text, for a title.
fn short(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

/// "§3 no counterpoint: Huawei's chips lag behind…": where, what, about what.
fn gap_label(b: &Briefing, gap: Gap) -> String {
    let place = gap.section(b).map_or("factor".to_string(), |s| format!("§{s}"));
    format!("{place} {}: {}", gap.what(), gap.about(b))
}
