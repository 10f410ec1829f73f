//! A reader's own analysis: claims you state yourself on a passage of the text and
//! counterpoints you write to any claim (the author's or your own). Stored with the notes as
//! `[[claim]]` and `[[counterpoint]]` tables (format 2), keyed by their own ids, which are made
//! from the text (`my-...`) and follow the briefing's id rule, so a `[[note]]` (stance,
//! likelihood, confidence, note, factor links) and a `[[rating]]` key an own claim exactly as
//! they key an author's. An own claim is anchored to its passage as a mark is (see `anchor`),
//! so it follows the passage when the briefing is edited. Pure: no disk, no clock; the store
//! stamps the times.
//!
//! Merging follows the marks' rules: another reader's additions are kept, an edit of a text
//! changed elsewhere keeps both versions, a delete of a text rewritten elsewhere keeps it, and
//! only a text edit brings back what was deleted elsewhere (so no word is lost). Two readers
//! who each add an item that gets one id (the same first words) get one item with both texts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use super::Passage;
use super::anchor::{self, Anchored, Quote};
use crate::briefing::{Briefing, ClaimKind};

/// What every id made here opens with, so an own claim reads apart from an author's.
pub const PREFIX: &str = "my-";

/// Bytes of the text's slug kept in an id (after [`PREFIX`], before a `-N` suffix): the first
/// few words say which claim it is; the whole sentence would make an unwieldy key.
const SLUG_MAX: usize = 40;

/// One `[[claim]]` table: a claim of your own, on a passage of the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnClaim {
    /// Stable: made once (see [`new_id`]), never changed; what notes and ratings key it by.
    pub id: String,
    /// The claim, in your words.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ClaimKind>,
    /// The section's id.
    pub section: String,
    /// The passage it is on, as it was when made (or last placed); as a mark's.
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    /// Character offsets of the passage in the section's folded text.
    pub start: usize,
    pub end: usize,
    pub created: Datetime,
    pub updated: Datetime,
}

impl OwnClaim {
    pub fn passage(&self) -> Passage {
        Passage {
            section: self.section.clone(),
            exact: self.exact.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
            start: self.start,
            end: self.end,
        }
    }

    pub fn set_passage(&mut self, p: Passage) {
        (self.section, self.exact, self.prefix, self.suffix) =
            (p.section, p.exact, p.prefix, p.suffix);
        (self.start, self.end) = (p.start, p.end);
    }

    /// What anchoring needs of it, as of a mark.
    pub fn quote(&self) -> Quote<'_> {
        Quote {
            section: &self.section,
            exact: &self.exact,
            prefix: &self.prefix,
            suffix: &self.suffix,
            start: self.start,
            end: self.end,
        }
    }
}

/// One `[[counterpoint]]` table: a counterpoint of your own to one or more claims.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnCounterpoint {
    /// Stable: made once (see [`new_counterpoint_id`]), never changed.
    pub id: String,
    /// The claims it answers: ids of the author's claims or your own, in the order added.
    #[serde(default)]
    pub claims: Vec<String>,
    pub text: String,
    /// Whose objection it is, when it is not yours (a colleague's, a critic's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub created: Datetime,
    pub updated: Datetime,
}

/// Own claims by id, so the file is written in a stable order.
pub type OwnClaims = BTreeMap<String, OwnClaim>;
/// Own counterpoints by id.
pub type OwnCounterpoints = BTreeMap<String, OwnCounterpoint>;

/// What a queued change does to one own claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnClaimEdit {
    /// A new claim (or one deleted and brought back by undo): the change's claim.
    Add,
    /// The text as the editor left it, and what it said when the editor opened: if it was
    /// changed elsewhere meanwhile both are kept, as for notes.
    Text {
        text: String,
        was: String,
    },
    Kind(Option<ClaimKind>),
    /// The passage was found at a new place (moved, or a drift the user accepted).
    Place(Passage),
    /// Deleted, unless its text was rewritten elsewhere since `was` (then it is kept).
    Delete {
        was: String,
    },
}

/// A change to one own claim: the claim as this reader had it (its id says which; undo
/// restores from it), and the edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnClaimChange {
    pub claim: Box<OwnClaim>,
    pub edit: OwnClaimEdit,
}

/// What a queued change does to one own counterpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnCounterpointEdit {
    /// A new counterpoint (or one deleted and brought back by undo): the change's.
    Add,
    /// As [`OwnClaimEdit::Text`].
    Text { text: String, was: String },
    /// It answers `claim` too (`on`), or no longer.
    Answer { claim: String, on: bool },
    /// As [`OwnClaimEdit::Delete`].
    Delete { was: String },
}

/// A change to one own counterpoint: the counterpoint as this reader had it, and the edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnCounterpointChange {
    pub counterpoint: Box<OwnCounterpoint>,
    pub edit: OwnCounterpointEdit,
}

/// The text of one own item, as [`merge`] treats it.
trait Written: Clone {
    fn text(&self) -> &str;
    fn text_mut(&mut self) -> &mut String;
    fn created_mut(&mut self) -> &mut Datetime;
    fn updated_mut(&mut self) -> &mut Datetime;
    /// Takes what `mine` has that this one lacks, besides the text (see [`merge`]'s `Add`).
    fn absorb(&mut self, mine: &Self);
}

impl Written for OwnClaim {
    fn text(&self) -> &str {
        &self.text
    }
    fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }
    fn created_mut(&mut self) -> &mut Datetime {
        &mut self.created
    }
    fn updated_mut(&mut self) -> &mut Datetime {
        &mut self.updated
    }
    fn absorb(&mut self, mine: &Self) {
        self.kind = self.kind.or(mine.kind);
    }
}

impl Written for OwnCounterpoint {
    fn text(&self) -> &str {
        &self.text
    }
    fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }
    fn created_mut(&mut self) -> &mut Datetime {
        &mut self.created
    }
    fn updated_mut(&mut self) -> &mut Datetime {
        &mut self.updated
    }
    fn absorb(&mut self, mine: &Self) {
        for claim in &mine.claims {
            if !self.claims.contains(claim) {
                self.claims.push(claim.clone());
            }
        }
        if self.by.is_none() {
            self.by.clone_from(&mine.by);
        }
    }
}

/// What the edits of both kinds share, for [`merge`].
enum Step<'e, F> {
    Add,
    Text {
        text: &'e str,
        was: &'e str,
    },
    Delete {
        was: &'e str,
    },
    /// An edit of one kind only, applied to an item that is there.
    Other(F),
}

/// Applies one step to `items[id]`, `mine` being the item as this reader had it. Returns
/// whether a text changed elsewhere was kept beside the edit (or instead of a delete).
///
/// An `Add` of an id that is there with the same text is the same item (this reader's change
/// applied again, by a retried save or over the file its own save just wrote): the file's
/// version stays, as a mark's does. With another text it is another reader's item that got
/// the same id (ids come from the first words of the text): both texts are kept in one item,
/// yours above the line [`super::KEPT_BOTH`], so no word is lost; the file's passage stays.
fn merge<T: Written>(
    items: &mut BTreeMap<String, T>,
    id: &str,
    mine: &T,
    step: Step<'_, impl FnOnce(&mut T)>,
    now: Datetime,
) -> bool {
    let brings_back = match &step {
        Step::Add => true,
        Step::Text { text, .. } => !text.is_empty(),
        _ => false,
    };
    let was_there = items.contains_key(id);
    if !was_there {
        // Deleted elsewhere: it stays deleted unless this change brings words back.
        if !brings_back {
            return false;
        }
        let mut item = mine.clone();
        if item.created_mut().date.is_none() {
            *item.created_mut() = now;
        }
        items.insert(id.to_string(), item);
    }
    let Some(item) = items.get_mut(id) else { return false };
    let mut kept_both = false;
    match step {
        Step::Add if was_there => {
            if item.text() != mine.text() {
                let text = item.text_mut();
                *text = super::both(mine.text(), text, now);
                kept_both = true;
                item.absorb(mine);
            }
        }
        Step::Add => {}
        Step::Text { text, was } => {
            let elsewhere = item.text_mut();
            if elsewhere.as_str() != was && elsewhere.as_str() != text && !elsewhere.is_empty() {
                *elsewhere = super::both(text, elsewhere, now);
                kept_both = true;
            } else {
                *elsewhere = text.to_string();
            }
        }
        Step::Delete { was } => {
            if item.text() == was || item.text().is_empty() {
                items.remove(id);
                return false;
            }
            // Rewritten elsewhere since: kept, not deleted unseen.
            return true;
        }
        Step::Other(edit) => edit(item),
    }
    *item.updated_mut() = now;
    kept_both
}

/// Applies one change to a set of own claims, stamping it `now`. Returns whether a text
/// changed elsewhere was kept beside the edit (see the module's merge rules).
pub fn apply_claim(claims: &mut OwnClaims, change: &OwnClaimChange, now: Datetime) -> bool {
    type Plain<'e> = Step<'e, fn(&mut OwnClaim)>;
    let (mine, id) = (&*change.claim, change.claim.id.as_str());
    match &change.edit {
        OwnClaimEdit::Add => merge(claims, id, mine, Plain::Add, now),
        OwnClaimEdit::Text { text, was } => merge(claims, id, mine, Plain::Text { text, was }, now),
        OwnClaimEdit::Delete { was } => merge(claims, id, mine, Plain::Delete { was }, now),
        OwnClaimEdit::Kind(kind) => {
            merge(claims, id, mine, Step::Other(|c: &mut OwnClaim| c.kind = *kind), now)
        }
        OwnClaimEdit::Place(p) => {
            let place = |c: &mut OwnClaim| c.set_passage(p.clone());
            merge(claims, id, mine, Step::Other(place), now)
        }
    }
}

/// Applies one change to a set of own counterpoints, stamping it `now`. Returns whether a
/// text changed elsewhere was kept beside the edit (see the module's merge rules). Answering
/// a claim it answers already, or no longer answering one it does not, changes nothing.
pub fn apply_counterpoint(
    counterpoints: &mut OwnCounterpoints,
    change: &OwnCounterpointChange,
    now: Datetime,
) -> bool {
    let mine = &*change.counterpoint;
    let step = match &change.edit {
        OwnCounterpointEdit::Add => Step::Add,
        OwnCounterpointEdit::Text { text, was } => Step::Text { text, was },
        OwnCounterpointEdit::Delete { was } => Step::Delete { was },
        OwnCounterpointEdit::Answer { claim, on } => Step::Other(move |c: &mut OwnCounterpoint| {
            let there = c.claims.iter().any(|id| id == claim);
            if *on && !there {
                c.claims.push(claim.clone());
            } else if !on {
                c.claims.retain(|id| id != claim);
            }
        }),
    };
    merge(counterpoints, &mine.id, mine, step, now)
}

/// A new own claim's id: [`PREFIX`] and the first words of `text` as a slug (the briefing's
/// id rule, `[a-z0-9][a-z0-9-]{0,63}`, the same slug an import makes of a title), `my-claim`
/// when the text has no Latin letters or digits; `-2`, `-3`... when `taken` says an id is in
/// use. Pass a `taken` that knows the author's claim ids as well as your own, since notes key
/// both alike.
pub fn new_id(taken: impl Fn(&str) -> bool, text: &str) -> String {
    new_id_with(taken, text, "claim")
}

/// A new own counterpoint's id, as [`new_id`] makes one (`my-counterpoint` when the text has
/// no Latin letters or digits). Pass a `taken` that knows the author's counterpoint ids too.
pub fn new_counterpoint_id(taken: impl Fn(&str) -> bool, text: &str) -> String {
    new_id_with(taken, text, "counterpoint")
}

fn new_id_with(taken: impl Fn(&str) -> bool, text: &str, fallback: &str) -> String {
    let slug = crate::import::slug(text);
    let words = crate::import::shorten(&slug, SLUG_MAX);
    let base = format!("{PREFIX}{}", if words.is_empty() { fallback } else { words });
    if !taken(&base) {
        return base;
    }
    // At most 3 + 40 + 21 bytes: within the id rule's 64 for any count a u64 holds.
    (2u64..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or(base)
}

/// The own claims anchored against `b`, in reading order (section, then place), those whose
/// passage is gone (orphaned) last in id order: none left out. As `Notebook::mark_standings`.
pub fn claim_standings<'a>(b: &Briefing, claims: &'a OwnClaims) -> Vec<(&'a OwnClaim, Anchored)> {
    let all: Vec<&OwnClaim> = claims.values().collect();
    let quotes: Vec<Quote> = all.iter().map(|c| c.quote()).collect();
    let mut out: Vec<(&OwnClaim, Anchored)> =
        all.into_iter().zip(anchor::anchor_all(b, &quotes)).collect();
    out.sort_by_key(|(_, a)| match &a.place {
        Some(p) => (0, p.section.0, p.start),
        None => (1, 0, 0),
    });
    out
}

/// The own counterpoints that answer `claim` (an author's or an own claim's id), in id order.
pub fn answering<'a>(counterpoints: &'a OwnCounterpoints, claim: &str) -> Vec<&'a OwnCounterpoint> {
    counterpoints.values().filter(|c| c.claims.iter().any(|id| id == claim)).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::briefing::{SectionIx, is_valid_id};
    use crate::notes::store::utc;
    use crate::notes::unsaved_time;

    pub(crate) fn claim(id: &str, text: &str) -> OwnClaim {
        OwnClaim {
            id: id.into(),
            text: text.into(),
            kind: None,
            section: "s1".into(),
            exact: "a passage".into(),
            prefix: "before ".into(),
            suffix: " after".into(),
            start: 7,
            end: 16,
            created: unsaved_time(),
            updated: unsaved_time(),
        }
    }

    pub(crate) fn counterpoint(id: &str, claims: &[&str], text: &str) -> OwnCounterpoint {
        OwnCounterpoint {
            id: id.into(),
            claims: claims.iter().map(|c| c.to_string()).collect(),
            text: text.into(),
            by: None,
            created: unsaved_time(),
            updated: unsaved_time(),
        }
    }

    fn on_claim(id: &str, text: &str, edit: OwnClaimEdit) -> OwnClaimChange {
        OwnClaimChange { claim: Box::new(claim(id, text)), edit }
    }

    fn on_counterpoint(id: &str, edit: OwnCounterpointEdit) -> OwnCounterpointChange {
        OwnCounterpointChange { counterpoint: Box::new(counterpoint(id, &["c1"], "mine")), edit }
    }

    #[test]
    fn ids_are_my_slugs_valid_and_unique() {
        let none = |_: &str| false;
        assert_eq!(new_id(none, "China’s chips lag by 5 years."), "my-chinas-chips-lag-by-5-years");
        assert_eq!(new_id(none, "中国的芯片"), "my-claim");
        assert_eq!(new_counterpoint_id(none, "  "), "my-counterpoint");
        let taken = |id: &str| id == "my-chips" || id == "my-chips-2";
        assert_eq!(new_id(taken, "Chips!"), "my-chips-3");
        let long = new_id(none, &"word ".repeat(40));
        assert!(long.len() <= PREFIX.len() + SLUG_MAX && long.ends_with("word"), "{long}");
        let all_taken = |id: &str| !id.ends_with("-99");
        let suffixed = new_id(all_taken, &"x".repeat(200));
        assert!(is_valid_id(&suffixed) && suffixed.ends_with("-99"), "{suffixed}");
        for text in ["A", "Éclair — 3 ways", "--x--", "ÆØÅ"] {
            assert!(is_valid_id(&new_id(none, text)), "{text}");
        }
    }

    #[test]
    fn a_claim_is_added_stamped_edited_and_deleted() {
        let mut claims = OwnClaims::new();
        assert!(!apply_claim(&mut claims, &on_claim("my-a", "A.", OwnClaimEdit::Add), utc(5)));
        assert_eq!((claims["my-a"].created, claims["my-a"].updated), (utc(5), utc(5)));
        let kind = OwnClaimEdit::Kind(Some(ClaimKind::Forecast));
        apply_claim(&mut claims, &on_claim("my-a", "A.", kind), utc(6));
        assert_eq!(claims["my-a"].kind, Some(ClaimKind::Forecast));
        assert_eq!((claims["my-a"].created, claims["my-a"].updated), (utc(5), utc(6)));
        let moved = Passage { section: "s2".into(), start: 1, end: 10, ..claims["my-a"].passage() };
        apply_claim(&mut claims, &on_claim("my-a", "A.", OwnClaimEdit::Place(moved)), utc(7));
        assert_eq!((claims["my-a"].section.as_str(), claims["my-a"].start), ("s2", 1));
        let text = OwnClaimEdit::Text { text: "A, better.".into(), was: "A.".into() };
        assert!(!apply_claim(&mut claims, &on_claim("my-a", "A.", text), utc(8)));
        assert_eq!(claims["my-a"].text, "A, better.");
        // Added again as it is now (this reader's save, retried): the file's version and time
        // stay, its passage too.
        let again = OwnClaimEdit::Add;
        assert!(!apply_claim(&mut claims, &on_claim("my-a", "A, better.", again), utc(9)));
        assert_eq!((claims["my-a"].created, claims["my-a"].section.as_str()), (utc(5), "s2"));
        let delete = OwnClaimEdit::Delete { was: "A, better.".into() };
        assert!(!apply_claim(&mut claims, &on_claim("my-a", "A.", delete), utc(10)));
        assert!(claims.is_empty());
    }

    #[test]
    fn a_text_changed_elsewhere_is_kept_with_the_edit_and_against_a_delete() {
        let now = utc(1_764_620_000);
        let mut claims = OwnClaims::new();
        apply_claim(&mut claims, &on_claim("my-a", "A.", OwnClaimEdit::Add), now);
        // Another reader rewrote it; this one edits what it saw.
        let theirs = OwnClaimEdit::Text { text: "theirs".into(), was: "A.".into() };
        apply_claim(&mut claims, &on_claim("my-a", "A.", theirs), now);
        let mine = OwnClaimEdit::Text { text: "mine".into(), was: "A.".into() };
        assert!(apply_claim(&mut claims, &on_claim("my-a", "A.", mine), now));
        assert!(claims["my-a"].text.starts_with("mine\n\n--- also written elsewhere"));
        assert!(claims["my-a"].text.ends_with("---\ntheirs"));
        // A delete of what this reader saw keeps what was written since.
        let delete = OwnClaimEdit::Delete { was: "A.".into() };
        assert!(apply_claim(&mut claims, &on_claim("my-a", "A.", delete), now));
        assert!(claims.contains_key("my-a"));
    }

    #[test]
    fn a_claim_deleted_elsewhere_comes_back_only_for_its_text() {
        let mut claims = OwnClaims::new();
        let kind = OwnClaimEdit::Kind(Some(ClaimKind::Fact));
        assert!(!apply_claim(&mut claims, &on_claim("gone", "A.", kind), utc(1)));
        assert!(claims.is_empty(), "a stale kind does not bring it back");
        let text = OwnClaimEdit::Text { text: "still mine".into(), was: "A.".into() };
        apply_claim(&mut claims, &on_claim("gone", "A.", text), utc(1));
        assert_eq!(claims["gone"].text, "still mine");
        assert_eq!(claims["gone"].created, utc(1));
    }

    #[test]
    fn a_counterpoint_answers_claims_each_once_and_stops() {
        let mut all = OwnCounterpoints::new();
        apply_counterpoint(&mut all, &on_counterpoint("my-k", OwnCounterpointEdit::Add), utc(1));
        let answer = |claim: &str, on| OwnCounterpointEdit::Answer { claim: claim.into(), on };
        for edit in [answer("my-a", true), answer("c1", true), answer("my-a", true)] {
            apply_counterpoint(&mut all, &on_counterpoint("my-k", edit), utc(2));
        }
        assert_eq!(all["my-k"].claims, ["c1", "my-a"]);
        assert_eq!(answering(&all, "my-a").len(), 1);
        apply_counterpoint(&mut all, &on_counterpoint("my-k", answer("c1", false)), utc(3));
        assert_eq!(all["my-k"].claims, ["my-a"]);
        assert!(answering(&all, "c1").is_empty());
        assert_eq!(all["my-k"].updated, utc(3));
        let stale = on_counterpoint("gone", answer("c1", true));
        assert!(!apply_counterpoint(&mut all, &stale, utc(4)));
        assert!(!all.contains_key("gone"), "answering brings no deleted counterpoint back");
        let text = OwnCounterpointEdit::Text { text: "B".into(), was: String::new() };
        assert!(apply_counterpoint(&mut all, &on_counterpoint("my-k", text), utc(5)));
        let delete = OwnCounterpointEdit::Delete { was: all["my-k"].text.clone() };
        apply_counterpoint(&mut all, &on_counterpoint("my-k", delete), utc(6));
        assert!(all.is_empty());
    }

    #[test]
    fn an_add_of_an_id_taken_by_another_readers_item_keeps_both_texts() {
        let mut claims = OwnClaims::new();
        apply_claim(&mut claims, &on_claim("my-x", "Theirs.", OwnClaimEdit::Add), utc(1));
        assert!(!apply_claim(&mut claims, &on_claim("my-x", "Theirs.", OwnClaimEdit::Add), utc(2)));
        assert_eq!(claims["my-x"].text, "Theirs.", "the same claim applied again: as it was");
        let mut mine = claim("my-x", "Mine.");
        mine.kind = Some(ClaimKind::Fact);
        let add = OwnClaimChange { claim: Box::new(mine), edit: OwnClaimEdit::Add };
        assert!(apply_claim(&mut claims, &add, utc(3)));
        let text = &claims["my-x"].text;
        assert!(
            text.starts_with("Mine.\n\n--- also written elsewhere")
                && text.ends_with("---\nTheirs.")
        );
        assert_eq!((claims["my-x"].kind, claims["my-x"].created), (Some(ClaimKind::Fact), utc(1)));
        let mut all = OwnCounterpoints::new();
        let theirs = OwnCounterpointChange {
            counterpoint: Box::new(counterpoint("my-k", &["c1"], "Theirs.")),
            edit: OwnCounterpointEdit::Add,
        };
        apply_counterpoint(&mut all, &theirs, utc(1));
        let mine = OwnCounterpointChange {
            counterpoint: Box::new(counterpoint("my-k", &["c2", "c1"], "Mine.")),
            edit: OwnCounterpointEdit::Add,
        };
        assert!(apply_counterpoint(&mut all, &mine, utc(2)));
        assert_eq!(all["my-k"].claims, ["c1", "c2"], "it answers what either answered");
        assert!(all["my-k"].text.ends_with("---\nTheirs."));
    }

    #[test]
    fn an_own_claim_follows_its_passage_like_a_mark() {
        let section = |paragraph: &str| crate::briefing::Section {
            id: "s1".into(),
            title: "S".into(),
            paragraphs: vec![paragraph.into()],
            kinds: vec![],
            claims: vec![],
            counterpoints: vec![],
            factors: vec![],
        };
        let mut b = Briefing {
            id: "t".into(),
            title: "T".into(),
            subtitle: None,
            source: None,
            published: None,
            summary: vec![],
            sections: vec![section("Chips are scarce and costly.")],
            claims: vec![],
            counterpoints: vec![],
            factors: vec![],
            hypotheses: vec![],
        };
        let (exact, prefix, suffix, start, end) = anchor::quote_at(&b, SectionIx(0), 0, 10..16);
        let mut mine = claim("my-scarce", "They are scarce.");
        mine.set_passage(Passage { section: "s1".into(), exact, prefix, suffix, start, end });
        let claims: OwnClaims = [(mine.id.clone(), mine)].into();
        let (_, at) = &claim_standings(&b, &claims)[0];
        assert_eq!(at.standing, anchor::Standing::Current);
        b.sections[0] = section("Today, chips are scarce and costly.");
        let (_, at) = &claim_standings(&b, &claims)[0];
        assert_eq!(at.standing, anchor::Standing::Moved);
        assert_eq!(at.place.as_ref().map(|p| p.start), Some(17));
        b.sections[0] = section("Nothing about that here.");
        let (c, at) = &claim_standings(&b, &claims)[0];
        assert_eq!((c.id.as_str(), at.standing), ("my-scarce", anchor::Standing::Orphaned));
    }
}
