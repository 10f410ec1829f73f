//! The user's notes on claims: a note text and a stance per claim, keyed by claim id.
//!
//! `Notebook` is the pure, in-memory side the reader changes: every change is applied at once
//! and queued until `store::NoteStore::sync` writes it (lock, re-read, merge, atomic write).
//! Nothing here touches the disk or the clock.

pub mod adopt;
pub mod anchor;
pub mod gaps;
pub mod marks;
pub mod matrix;
pub mod observations;
pub mod overlay;
pub mod own;
pub mod positions;
pub mod ratings;
pub mod review;
pub mod store;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use crate::briefing::{Briefing, ClaimIx};
pub use crate::briefing::{Confidence, Estimate, Likelihood};
pub use marks::{Label, Mark, MarkChange, MarkEdit, Marks, Passage};
pub use observations::{Observation, ObservationChange, ObservationEdit, Observations};
pub use own::{
    OwnClaim, OwnClaimChange, OwnClaimEdit, OwnClaims, OwnCounterpoint, OwnCounterpointChange,
    OwnCounterpointEdit, OwnCounterpoints,
};
pub use ratings::{ItemKind, RatingChange, RatingKey, Ratings};

/// Where the user stands on a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Agree,
    Disagree,
    Unsure,
}

impl Stance {
    pub fn name(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Disagree => "disagree",
            Stance::Unsure => "unsure",
        }
    }

    /// The marker shown beside a claim.
    pub fn symbol(self) -> &'static str {
        match self {
            Stance::Agree => "+",
            Stance::Disagree => "−",
            Stance::Unsure => "?",
        }
    }

    /// `s` cycles agree → disagree → unsure → none → agree.
    pub fn cycle(stance: Option<Stance>) -> Option<Stance> {
        match stance {
            None => Some(Stance::Agree),
            Some(Stance::Agree) => Some(Stance::Disagree),
            Some(Stance::Disagree) => Some(Stance::Unsure),
            Some(Stance::Unsure) => None,
        }
    }
}

/// One claim's annotation, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The claim's id: what the note is keyed by.
    pub claim: String,
    /// The claim's text when the note was last written, to tell when the claim changed.
    pub claim_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    /// How likely the user judges the claim (ICD 203's terms); needs format 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<Likelihood>,
    /// How confident the user is in that judgement; needs format 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The factors (their ids) you link this claim to, besides the author's links, in the
    /// order linked; needs format 2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub factors: Vec<String>,
    /// The note, exactly as typed (may be empty when only a stance is set).
    #[serde(default)]
    pub note: String,
    pub created: Datetime,
    pub updated: Datetime,
}

impl Note {
    pub fn is_empty(&self) -> bool {
        self.note.is_empty()
            && self.stance.is_none()
            && self.estimate().is_empty()
            && self.factors.is_empty()
    }

    /// The user's likelihood and confidence (either may be unset).
    pub fn estimate(&self) -> Estimate {
        Estimate { likelihood: self.likelihood, confidence: self.confidence }
    }

    /// The words written `#like-this` in the note: its tags, lowercased, each once, in the
    /// order they first appear. A `#` inside a word (`C#`, `page#part`) starts none.
    pub fn tags(&self) -> Vec<String> {
        tags_of(&self.note)
    }
}

/// The `#tags` of a note's text (see [`Note::tags`]).
pub fn tags_of(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut before = ' ';
    for (at, c) in text.char_indices() {
        if c == '#' && !before.is_alphanumeric() && before != '#' {
            let rest = &text[at + 1..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            let tag = rest[..end].trim_end_matches(['-', '_']).to_lowercase();
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        before = c;
    }
    tags
}

/// Whether every word of `words` is in the note: `#tag` among its tags, any other word in its
/// text or its claim's (smart case: case matters only in a word with a capital).
pub fn has_words(note: &Note, words: &str) -> bool {
    text_has_words(&note.note, &note.claim_text, words)
}

/// [`has_words`] for any note `text` about `about` (a claim's text, a marked passage).
pub fn text_has_words(text: &str, about: &str, words: &str) -> bool {
    let mut tags = None;
    words.split_whitespace().all(|word| match word.strip_prefix('#') {
        Some(tag) if !tag.is_empty() => {
            tags.get_or_insert_with(|| tags_of(text)).contains(&tag.to_lowercase())
        }
        _ => contains_smart(text, word) || contains_smart(about, word),
    })
}

fn contains_smart(text: &str, word: &str) -> bool {
    if word.chars().any(char::is_uppercase) {
        text.contains(word)
    } else {
        text.to_lowercase().contains(&word.to_lowercase())
    }
}

/// Which notes `briefing notes --all` shows: all of the filters given must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// `Some(None)`: notes without a stance.
    pub stance: Option<Option<Stance>>,
    /// A tag, with or without its `#`.
    pub tag: Option<String>,
    /// Text in the note or its claim; smart case (case matters only when it has a capital).
    pub grep: Option<String>,
}

impl Filter {
    /// What the filter asks for, for a heading: "stance disagree, tag #chips, text “chip”".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(stance) = self.stance {
            parts.push(format!("stance {}", stance.map_or("none", |s| s.name())));
        }
        if let Some(tag) = &self.tag {
            parts.push(format!("tag #{}", tag.trim_start_matches('#')));
        }
        if let Some(grep) = &self.grep {
            parts.push(format!("text “{grep}”"));
        }
        parts.join(", ")
    }

    pub fn matches(&self, note: &Note) -> bool {
        let stance = self.stance.is_none_or(|s| note.stance == s);
        let tag = self.tag.as_deref().is_none_or(|t| {
            let t = t.trim_start_matches('#').to_lowercase();
            note.tags().contains(&t)
        });
        let grep = self.grep.as_deref().is_none_or(|pattern| {
            contains_smart(&note.note, pattern) || contains_smart(&note.claim_text, pattern)
        });
        stance && tag && grep
    }
}

/// What a queued change does to one claim's annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    SetNote(String),
    /// The note as the editor left it (`text`), and what it said when the editor opened
    /// (`was`). If it changed since (another reader saved it), neither is lost: both are kept
    /// in the note, the other below a line that says so.
    EditNote {
        text: String,
        was: String,
    },
    SetStance(Option<Stance>),
    SetLikelihood(Option<Likelihood>),
    SetConfidence(Option<Confidence>),
    /// Links the claim to the factor with this id (`on`), or unlinks it: your own link, kept
    /// beside the author's. Linking twice, or unlinking what is not linked, changes nothing.
    LinkFactor {
        factor: String,
        on: bool,
    },
}

/// A change to a claim's note or stance, made in the reader and not yet written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub claim: String,
    pub claim_text: String,
    pub edit: Edit,
}

/// Any change the reader queues for the notes file: to a claim's annotation, or to a mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Update {
    Claim(Change),
    Mark(MarkChange),
    /// Your rating of an item under a hypothesis (the matrix).
    Rating(RatingChange),
    /// An observation on an indicator.
    Observation(ObservationChange),
    /// A claim of your own (issue 13).
    OwnClaim(OwnClaimChange),
    /// A counterpoint of your own.
    OwnCounterpoint(OwnCounterpointChange),
}

impl Update {
    /// The change to a claim's annotation, if this is one.
    pub fn as_claim(&self) -> Option<&Change> {
        match self {
            Update::Claim(change) => Some(change),
            _ => None,
        }
    }
}

impl From<Change> for Update {
    fn from(change: Change) -> Self {
        Update::Claim(change)
    }
}

impl From<MarkChange> for Update {
    fn from(change: MarkChange) -> Self {
        Update::Mark(change)
    }
}

impl From<RatingChange> for Update {
    fn from(change: RatingChange) -> Self {
        Update::Rating(change)
    }
}

impl From<ObservationChange> for Update {
    fn from(change: ObservationChange) -> Self {
        Update::Observation(change)
    }
}

impl From<OwnClaimChange> for Update {
    fn from(change: OwnClaimChange) -> Self {
        Update::OwnClaim(change)
    }
}

impl From<OwnCounterpointChange> for Update {
    fn from(change: OwnCounterpointChange) -> Self {
        Update::OwnCounterpoint(change)
    }
}

/// Everything a notes file holds: the notes on claims and the marks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations {
    pub notes: Notes,
    pub marks: Marks,
    /// Your ratings in the matrix (format 2).
    pub ratings: Ratings,
    /// Your observations on indicators (format 2).
    pub observations: Observations,
    /// Your own claims, by id (format 2).
    pub own_claims: OwnClaims,
    /// Your own counterpoints, by id (format 2).
    pub own_counterpoints: OwnCounterpoints,
}

impl From<Notes> for Annotations {
    fn from(notes: Notes) -> Self {
        Annotations { notes, ..Annotations::default() }
    }
}

impl Annotations {
    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
            && self.marks.is_empty()
            && self.ratings.is_empty()
            && self.observations.is_empty()
            && self.own_claims.is_empty()
            && self.own_counterpoints.is_empty()
    }

    /// How many annotations there are: notes, marks, ratings, observations, own claims and
    /// own counterpoints.
    pub fn len(&self) -> usize {
        self.notes.len()
            + self.marks.len()
            + self.ratings.len()
            + self.observations.len()
            + self.own_claims.len()
            + self.own_counterpoints.len()
    }

    /// Applies one change, stamping it `now`; returns whether a note changed elsewhere was
    /// kept beside it (see [`apply`] and [`marks::apply`]).
    pub fn apply(&mut self, update: &Update, now: Datetime) -> bool {
        match update {
            Update::Claim(change) => apply(&mut self.notes, change, now),
            Update::Mark(change) => marks::apply(&mut self.marks, change, now),
            Update::Rating(change) => {
                ratings::apply(&mut self.ratings, change);
                false
            }
            Update::Observation(change) => {
                observations::apply(&mut self.observations, change, now);
                false
            }
            Update::OwnClaim(change) => own::apply_claim(&mut self.own_claims, change, now),
            Update::OwnCounterpoint(change) => {
                own::apply_counterpoint(&mut self.own_counterpoints, change, now)
            }
        }
    }
}

/// How a note relates to the briefing as it is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The claim exists with the same text.
    Current(ClaimIx),
    /// The claim exists but its text changed since the note was written.
    Changed(ClaimIx),
    /// No claim has this id any more.
    Orphaned,
}

/// Notes by claim id, so output is in a stable order.
pub type Notes = BTreeMap<String, Note>;

/// All notes of one briefing, as the reader sees them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notebook {
    /// By claim id, so output is in a stable order.
    pub notes: Notes,
    /// The marks on passages, by id.
    pub marks: Marks,
    /// Your ratings in the matrix, by cell.
    pub ratings: Ratings,
    /// Your observations on indicators, by id.
    pub observations: Observations,
    /// Your own claims, by id.
    pub own_claims: OwnClaims,
    /// Your own counterpoints, by id.
    pub own_counterpoints: OwnCounterpoints,
    /// Changes made since the last successful write, oldest first.
    pub pending: Vec<Update>,
    /// How many of `pending` (the oldest) were handed to the store to write.
    sent: usize,
    /// Why notes are read-only (a notes file that does not parse, or a newer format).
    pub read_only: Option<String>,
    /// Why the last write failed; the changes stay pending and are retried.
    pub save_error: Option<String>,
}

/// Placeholder time for a change not yet written; the store stamps the real one.
pub(crate) fn unsaved_time() -> Datetime {
    Datetime { date: None, time: None, offset: None }
}

impl Notebook {
    pub fn get(&self, claim: &str) -> Option<&Note> {
        self.notes.get(claim)
    }

    pub fn mark(&self, id: &str) -> Option<&Mark> {
        self.marks.get(id)
    }

    /// Records a change: applied to the view at once, queued for the store.
    pub fn apply(&mut self, change: impl Into<Update>) {
        let change = change.into();
        let _ = self.view_apply(&change);
        self.pending.push(change);
    }

    fn view_apply(&mut self, change: &Update) -> bool {
        let mut both = Annotations {
            notes: std::mem::take(&mut self.notes),
            marks: std::mem::take(&mut self.marks),
            ratings: std::mem::take(&mut self.ratings),
            observations: std::mem::take(&mut self.observations),
            own_claims: std::mem::take(&mut self.own_claims),
            own_counterpoints: std::mem::take(&mut self.own_counterpoints),
        };
        let kept = both.apply(change, unsaved_time());
        self.notes = both.notes;
        self.marks = both.marks;
        self.ratings = both.ratings;
        self.observations = both.observations;
        self.own_claims = both.own_claims;
        self.own_counterpoints = both.own_counterpoints;
        kept
    }

    /// The changes not yet handed to the store, marked as handed over now.
    pub fn take_unsent(&mut self) -> Vec<Update> {
        let unsent = self.pending[self.sent..].to_vec();
        self.sent = self.pending.len();
        unsent
    }

    /// The store wrote the oldest `count` pending changes and holds `notes` now.
    /// Returns whether the marks now lie elsewhere or read otherwise (see [`Notebook::show`]).
    pub fn saved(&mut self, count: usize, notes: Annotations) -> bool {
        let count = count.min(self.pending.len());
        self.pending.drain(..count);
        self.sent = self.sent.saturating_sub(count);
        self.save_error = None;
        self.read_only = None;
        self.show(notes)
    }

    /// A write failed; the changes stay pending (the store tries them again).
    pub fn save_failed(&mut self, error: store::SaveError) {
        match error {
            store::SaveError::ReadOnly(problem) => {
                self.save_error = Some(problem.clone());
                self.read_only = Some(problem);
            }
            store::SaveError::Failed(why) => self.save_error = Some(why),
        }
    }

    /// The file was read: its notes (pending changes applied on top), or why it cannot be
    /// used.
    /// Returns whether the marks now lie elsewhere or read otherwise (see [`Notebook::show`]).
    pub fn loaded(&mut self, file: Result<Annotations, String>) -> bool {
        match file {
            Ok(notes) => {
                self.read_only = None;
                self.show(notes)
            }
            Err(problem) => {
                self.read_only = Some(problem);
                false
            }
        }
    }

    /// Shows what the file holds, with the changes not yet written on top. Returns whether
    /// any mark or own claim was added, removed, or changed its passage (or a mark its label),
    /// so a reader anchors them again only then (a save of its own changes leaves them as
    /// they were).
    fn show(&mut self, file: Annotations) -> bool {
        let before = std::mem::replace(&mut self.marks, file.marks);
        let claims_before = std::mem::replace(&mut self.own_claims, file.own_claims);
        self.notes = file.notes;
        self.ratings = file.ratings;
        self.observations = file.observations;
        self.own_counterpoints = file.own_counterpoints;
        for change in std::mem::take(&mut self.pending) {
            let _ = self.view_apply(&change);
            self.pending.push(change);
        }
        let claims_moved = claims_before.len() != self.own_claims.len()
            || claims_before
                .iter()
                .zip(&self.own_claims)
                .any(|((a, x), (b, y))| a != b || x.passage() != y.passage());
        claims_moved
            || before.len() != self.marks.len()
            || before.iter().zip(&self.marks).any(|((a, x), (b, y))| a != b || !same_place(x, y))
    }

    /// Notes with their standing in `b`, in the order of the claims, orphans last. A note on
    /// a claim of your own that `b` does not hold (the author's briefing without your
    /// overlay) is left out: it goes with that claim (`own::claim_standings`), not with the
    /// orphans.
    pub fn standings<'n>(&'n self, b: &Briefing) -> Vec<(&'n Note, Standing)> {
        let index: std::collections::HashMap<&str, ClaimIx> =
            b.claims.iter().zip(b.claim_ixs()).map(|(c, i)| (c.id.as_str(), i)).collect();
        let mut out: Vec<(&Note, Standing)> = self
            .notes
            .values()
            .map(|n| {
                let standing = match index.get(n.claim.as_str()) {
                    None => Standing::Orphaned,
                    Some(&c) if b.claims[c].text == n.claim_text => Standing::Current(c),
                    Some(&c) => Standing::Changed(c),
                };
                (n, standing)
            })
            .collect();
        out.retain(|(n, s)| {
            !(matches!(s, Standing::Orphaned) && self.own_claims.contains_key(&n.claim))
        });
        out.sort_by_key(|(n, s)| match s {
            Standing::Current(c) | Standing::Changed(c) => (0, c.0, String::new()),
            Standing::Orphaned => (1, 0, n.claim.clone()),
        });
        out
    }
}

/// A mark and where it stands in a briefing now (see `anchor`).
pub type MarkStanding<'n> = (&'n Mark, anchor::Anchored);

impl Notebook {
    /// The marks anchored against `b`, in reading order (section, then place), those whose
    /// passage is gone (orphaned) last in id order: none left out.
    pub fn mark_standings<'n>(&'n self, b: &Briefing) -> Vec<MarkStanding<'n>> {
        let marks: Vec<&Mark> = self.marks.values().collect();
        let quotes: Vec<anchor::Quote> = marks.iter().map(|m| anchor::Quote::of(m)).collect();
        let mut out: Vec<MarkStanding> =
            marks.into_iter().zip(anchor::anchor_all(b, &quotes)).collect();
        out.sort_by_key(|(_, a)| match &a.place {
            Some(p) => (0, p.section.0, p.start),
            None => (1, 0, 0),
        });
        out
    }
}

/// What a mark is, for a line under its passage: its label (or "highlight") and, unless it
/// is where it was, its standing: "evidence · moved".
pub fn mark_facts(mark: &Mark, standing: anchor::Standing) -> String {
    let mut facts = vec![mark.label.map_or("highlight", |l| l.name())];
    if standing != anchor::Standing::Current {
        facts.push(standing_name(standing));
    }
    facts.join(" · ")
}

impl Mark {
    /// Its stance and note as a claim's note holds them, for the exports that lay both out
    /// alike.
    pub fn as_note(&self) -> Note {
        Note {
            claim: String::new(),
            claim_text: String::new(),
            stance: self.stance,
            likelihood: None,
            confidence: None,
            factors: Vec::new(),
            note: self.note_text().to_string(),
            created: self.created,
            updated: self.updated,
        }
    }
}

/// Whether two versions of a mark are drawn alike: the same passage, place and label.
fn same_place(x: &Mark, y: &Mark) -> bool {
    (x.label, x.start, x.end) == (y.label, y.start, y.end)
        && (&x.section, &x.exact, &x.prefix, &x.suffix)
            == (&y.section, &y.exact, &y.prefix, &y.suffix)
}

/// How a mark's standing is named in exports and `briefing notes`.
pub fn standing_name(standing: anchor::Standing) -> &'static str {
    match standing {
        anchor::Standing::Current => "current",
        anchor::Standing::Moved => "moved",
        anchor::Standing::Drifted => "drifted",
        anchor::Standing::Orphaned => "orphaned",
    }
}

/// The line between a note and the version written elsewhere that it was kept with.
pub const KEPT_BOTH: &str = "--- also written elsewhere while this was edited";

/// `text`, with `other` (written elsewhere meanwhile) kept below a line that says so.
fn both(text: &str, other: &str, now: Datetime) -> String {
    if text.is_empty() {
        // Deleted here, rewritten there: the rewrite is what is left.
        return other.to_string();
    }
    let when = if now.date.is_some() { format!(" (kept {now})") } else { String::new() };
    format!("{text}\n\n{KEPT_BOTH}{when} ---\n{other}")
}

/// Applies one change to a set of notes, stamping it `now`. An annotation left with neither
/// note nor stance is removed. Returns whether the note had changed since it was edited, so
/// both versions were kept.
pub fn apply(notes: &mut BTreeMap<String, Note>, change: &Change, now: Datetime) -> bool {
    let note = notes.entry(change.claim.clone()).or_insert_with(|| Note {
        claim: change.claim.clone(),
        claim_text: change.claim_text.clone(),
        stance: None,
        likelihood: None,
        confidence: None,
        factors: Vec::new(),
        note: String::new(),
        created: now,
        updated: now,
    });
    let mut kept_both = false;
    match &change.edit {
        Edit::SetNote(text) => note.note = text.clone(),
        Edit::EditNote { text, was } => {
            let elsewhere = &note.note;
            if elsewhere != was && elsewhere != text && !elsewhere.is_empty() {
                note.note = both(text, elsewhere, now);
                kept_both = true;
            } else {
                note.note = text.clone();
            }
        }
        Edit::SetStance(stance) => note.stance = *stance,
        Edit::SetLikelihood(likelihood) => note.likelihood = *likelihood,
        Edit::SetConfidence(confidence) => note.confidence = *confidence,
        Edit::LinkFactor { factor, on } => {
            let linked = note.factors.iter().any(|f| f == factor);
            if *on && !linked {
                note.factors.push(factor.clone());
            } else if !on {
                note.factors.retain(|f| f != factor);
            }
        }
    }
    note.claim_text = change.claim_text.clone();
    note.updated = now;
    if note.is_empty() {
        notes.remove(&change.claim);
    }
    kept_both
}

#[cfg(test)]
mod tests {
    fn note(text: &str, stance: Option<Stance>) -> Note {
        Note {
            claim: "c".into(),
            claim_text: "Chips are scarce".into(),
            stance,
            likelihood: None,
            confidence: None,
            factors: Vec::new(),
            note: text.into(),
            created: store::utc(0),
            updated: store::utc(0),
        }
    }

    #[test]
    fn tags_are_hash_words_once_each_lowercased() {
        let n = note("#Chips and #supply-chain; not C# or a#b. #chips again, ##x #-", None);
        assert_eq!(n.tags(), ["chips", "supply-chain"]);
        assert_eq!(note("(#end_)", None).tags(), ["end"]);
        assert!(note("", None).tags().is_empty());
    }

    #[test]
    fn a_filter_matches_when_every_part_does() {
        let n = note("Doubt it. #chips", Some(Stance::Disagree));
        assert!(Filter::default().matches(&n));
        let by_stance = |s| Filter { stance: Some(s), ..Filter::default() };
        assert!(by_stance(Some(Stance::Disagree)).matches(&n));
        assert!(!by_stance(Some(Stance::Agree)).matches(&n));
        assert!(!by_stance(None).matches(&n));
        assert!(by_stance(None).matches(&note("x", None)));
        let by_tag = |t: &str| Filter { tag: Some(t.into()), ..Filter::default() };
        assert!(by_tag("#Chips").matches(&n) && by_tag("chips").matches(&n));
        assert!(!by_tag("chip").matches(&n));
        let by_grep = |g: &str| Filter { grep: Some(g.into()), ..Filter::default() };
        assert!(by_grep("doubt").matches(&n), "smart case: lowercase ignores case");
        assert!(by_grep("scarce").matches(&n), "the claim's text counts too");
        assert!(!by_grep("Scarce").matches(&n), "a capital makes case matter");
        let all = Filter {
            stance: Some(Some(Stance::Disagree)),
            tag: Some("chips".into()),
            grep: Some("nothing like this".into()),
        };
        assert!(!all.matches(&n));
    }

    use super::*;

    fn change(claim: &str, edit: Edit) -> Change {
        Change { claim: claim.into(), claim_text: format!("text of {claim}"), edit }
    }

    #[test]
    fn stance_cycles_through_none() {
        let mut s = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            s = Stance::cycle(s);
            seen.push(s);
        }
        assert_eq!(seen, [Some(Stance::Agree), Some(Stance::Disagree), Some(Stance::Unsure), None]);
    }

    #[test]
    fn a_note_changed_elsewhere_since_it_was_edited_is_kept_with_the_edit() {
        let mut notes = BTreeMap::new();
        let now = crate::notes::store::utc(1_764_620_000);
        apply(&mut notes, &change("c1", Edit::SetNote("A wrote this".into())), now);
        // B opened the editor before A's note existed, and saves now.
        let edit = Edit::EditNote { text: "B wrote this".into(), was: String::new() };
        assert!(apply(&mut notes, &change("c1", edit), now));
        assert_eq!(
            notes["c1"].note,
            format!("B wrote this\n\n{KEPT_BOTH} (kept 2025-12-01T20:13:20Z) ---\nA wrote this")
        );
        // Edited from what is there now: no conflict, the edit replaces it.
        let was = notes["c1"].note.clone();
        let edit = Edit::EditNote { text: "merged by hand".into(), was };
        assert!(!apply(&mut notes, &change("c1", edit), now));
        assert_eq!(notes["c1"].note, "merged by hand");
        // Deleted here after it was rewritten there: the rewrite stays.
        apply(&mut notes, &change("c1", Edit::SetNote("rewritten".into())), now);
        let edit = Edit::EditNote { text: String::new(), was: "merged by hand".into() };
        assert!(apply(&mut notes, &change("c1", edit), now));
        assert_eq!(notes["c1"].note, "rewritten");
    }

    #[test]
    fn stance_and_note_are_independent() {
        let mut book = Notebook::default();
        book.apply(change("c1", Edit::SetStance(Some(Stance::Agree))));
        book.apply(change("c1", Edit::SetNote("hello".into())));
        book.apply(change("c1", Edit::SetStance(None)));
        assert_eq!(book.get("c1").unwrap().note, "hello");
        book.apply(change("c1", Edit::SetNote(String::new())));
        assert!(book.get("c1").is_none(), "nothing left: the annotation goes");
        assert_eq!(book.pending.len(), 4);
    }

    #[test]
    fn likelihood_and_confidence_are_kept_apart_from_stance_and_note() {
        let mut book = Notebook::default();
        book.apply(change("c1", Edit::SetLikelihood(Some(Likelihood::Likely))));
        book.apply(change("c1", Edit::SetStance(Some(Stance::Agree))));
        book.apply(change("c1", Edit::SetConfidence(Some(Confidence::Moderate))));
        book.apply(change("c1", Edit::SetStance(None)));
        let n = book.get("c1").unwrap();
        assert_eq!(n.estimate().compact().as_deref(), Some("likely · mod"));
        assert_eq!(n.stance, None);
        book.apply(change("c1", Edit::SetLikelihood(None)));
        assert!(book.get("c1").is_some(), "a confidence alone is kept");
        book.apply(change("c1", Edit::SetConfidence(None)));
        assert!(book.get("c1").is_none(), "nothing left: the annotation goes");
    }

    #[test]
    fn a_save_of_its_own_marks_says_nothing_moved_and_another_readers_mark_does() {
        let mut mark = marks::tests::mark("m1", None);
        let mut book = Notebook::default();
        book.apply(MarkChange { mark: Box::new(mark.clone()), edit: MarkEdit::Add });
        // The store wrote it, stamping its times: the view's marks lie where they lay.
        let mut file = Annotations::default();
        mark.updated = store::utc(99);
        file.marks.insert("m1".into(), mark.clone());
        let count = book.pending.len();
        assert!(!book.saved(count, file.clone()));
        assert!(!book.loaded(Ok(file.clone())));
        // Another reader moved it, or added one: anchor again.
        mark.start += 1;
        file.marks.insert("m1".into(), mark.clone());
        assert!(book.loaded(Ok(file.clone())));
        file.marks.insert("m2".into(), marks::tests::mark("m2", None));
        assert!(book.loaded(Ok(file)));
    }

    #[test]
    fn factor_links_are_kept_once_each_in_order_and_alone_keep_the_note() {
        let mut book = Notebook::default();
        let link = |factor: &str, on| Edit::LinkFactor { factor: factor.into(), on };
        for edit in [link("tools", true), link("talent", true), link("tools", true)] {
            book.apply(change("c1", edit));
        }
        assert_eq!(book.get("c1").unwrap().factors, ["tools", "talent"]);
        book.apply(change("c1", link("tools", false)));
        book.apply(change("c1", link("absent", false)));
        assert_eq!(book.get("c1").unwrap().factors, ["talent"]);
        book.apply(change("c1", link("talent", false)));
        assert!(book.get("c1").is_none(), "nothing left: the annotation goes");
    }

    #[test]
    fn own_claims_and_counterpoints_show_at_once_and_another_readers_claim_anchors_again() {
        let mut book = Notebook::default();
        let mine = own::tests::claim("my-a", "A.");
        book.apply(OwnClaimChange { claim: Box::new(mine.clone()), edit: OwnClaimEdit::Add });
        let answer = own::tests::counterpoint("my-k", &["my-a"], "Not A.");
        book.apply(OwnCounterpointChange {
            counterpoint: Box::new(answer.clone()),
            edit: OwnCounterpointEdit::Add,
        });
        assert_eq!(book.own_claims["my-a"].text, "A.");
        assert_eq!(own::answering(&book.own_counterpoints, "my-a").len(), 1);
        // A note, a stance, a factor link on it are ordinary notes keyed by its id.
        book.apply(change("my-a", Edit::SetStance(Some(Stance::Disagree))));
        assert_eq!(book.get("my-a").unwrap().stance, Some(Stance::Disagree));
        let mut file = Annotations::default();
        file.own_claims.insert("my-a".into(), mine.clone());
        file.own_counterpoints.insert("my-k".into(), answer);
        let count = book.pending.len();
        assert!(!book.saved(count, file.clone()), "its own save: nothing to anchor again");
        assert_eq!(book.own_counterpoints.len(), 1);
        file.own_claims.insert("my-b".into(), own::tests::claim("my-b", "B."));
        assert!(book.loaded(Ok(file.clone())), "another reader's claim: anchor again");
        let mut moved = mine;
        moved.start += 1;
        file.own_claims.insert("my-a".into(), moved);
        assert!(book.loaded(Ok(file.clone())));
        assert!(!book.loaded(Ok(file)));
    }
}
