//! A list to choose from, filtered as you type: the contents (`t`) and a factor's sections and
//! claims (Enter on a factor). Pure state; drawn by `ui::picker`.

use crate::briefing::Briefing;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerKind {
    Contents,
    /// Where factor N bears: its sections, then its claims.
    Factor(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerEntry {
    Section(usize),
    Claim(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub filter: String,
    /// Entries that pass the filter, in order.
    pub entries: Vec<PickerEntry>,
    /// Index into `entries`.
    pub selected: usize,
}

impl Picker {
    /// Opens a picker with `current` selected when it is listed.
    pub fn new(b: &Briefing, kind: PickerKind, current: Option<PickerEntry>) -> Self {
        let mut picker = Picker { kind, filter: String::new(), entries: Vec::new(), selected: 0 };
        picker.refilter(b);
        if let Some(i) = current.and_then(|c| picker.entries.iter().position(|&e| e == c)) {
            picker.selected = i;
        }
        picker
    }

    pub fn title(&self, b: &Briefing) -> String {
        match self.kind {
            PickerKind::Contents => "Contents".into(),
            PickerKind::Factor(f) => format!("Where “{}” bears", b.factors[f].title),
        }
    }

    /// The text an entry is listed and filtered by.
    pub fn label(b: &Briefing, entry: PickerEntry) -> String {
        match entry {
            PickerEntry::Section(s) => format!("{:>3}  {}", s + 1, b.sections[s].title),
            PickerEntry::Claim(c) => format!("     claim: {}", b.claims[c].text),
        }
    }

    fn all(&self, b: &Briefing) -> Vec<PickerEntry> {
        match self.kind {
            PickerKind::Contents => (0..b.sections.len()).map(PickerEntry::Section).collect(),
            PickerKind::Factor(f) => {
                let factor = &b.factors[f];
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
        let words: Vec<String> =
            self.filter.to_lowercase().split_whitespace().map(String::from).collect();
        self.entries = self
            .all(b)
            .into_iter()
            .filter(|&e| {
                let label = Self::label(b, e).to_lowercase();
                words.iter().all(|w| label.contains(w.as_str()))
            })
            .collect();
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
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
}
