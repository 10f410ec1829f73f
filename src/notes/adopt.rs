//! The notes side of `briefing adopt`: own claims and counterpoints that are now entries of
//! the briefing leave the reader's own list, and what keyed them (notes, stances, judgements,
//! ratings, the own counterpoints answering them) keys their ids in the file instead. Own
//! factor links now in the file leave the notes too. Nothing is lost: an own item changed
//! since adopt read it stays (and its notes with it), and a note that meets another under the
//! new id is merged into it, both texts kept. Pure: the store runs it under its lock.

use toml::value::Datetime;

use super::{Annotations, ItemKind, Note, RatingKey};

/// An own item that is now the entry `id` of the file, adopted with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub own: String,
    pub id: String,
    pub text: String,
}

/// A factor link now in the file: the claim as the notes keyed it before adopt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linked {
    pub claim: String,
    pub factor: String,
}

/// Re-keys `a` after an adopt (see the module); returns the own items kept because they
/// changed since adopt read them, as `claim 'my-x'`.
pub fn rekey(
    a: &mut Annotations,
    claims: &[Moved],
    counterpoints: &[Moved],
    links: &[Linked],
    now: Datetime,
) -> Vec<String> {
    let mut kept = Vec::new();
    let mut moved_claims: Vec<(&str, &str)> = Vec::new();
    for m in claims {
        if a.own_claims.get(&m.own).is_some_and(|c| c.text != m.text) {
            kept.push(format!("claim {}", crate::diagnostic::quoted(&m.own)));
            continue;
        }
        a.own_claims.remove(&m.own);
        moved_claims.push((&m.own, &m.id));
        if m.own == m.id {
            continue;
        }
        if let Some(mut note) = a.notes.remove(&m.own) {
            note.claim.clone_from(&m.id);
            match a.notes.get_mut(&m.id) {
                Some(there) => merge(there, note, now),
                None => {
                    a.notes.insert(m.id.clone(), note);
                }
            }
        }
        rekey_ratings(a, ItemKind::Claim, &m.own, &m.id);
        for k in a.own_counterpoints.values_mut() {
            for claim in &mut k.claims {
                if *claim == m.own {
                    claim.clone_from(&m.id);
                }
            }
            let mut seen = std::collections::HashSet::new();
            k.claims.retain(|c| seen.insert(c.clone()));
        }
    }
    for m in counterpoints {
        if a.own_counterpoints.get(&m.own).is_some_and(|k| k.text != m.text) {
            kept.push(format!("counterpoint {}", crate::diagnostic::quoted(&m.own)));
            continue;
        }
        a.own_counterpoints.remove(&m.own);
        if m.own != m.id {
            rekey_ratings(a, ItemKind::Counterpoint, &m.own, &m.id);
        }
    }
    for link in links {
        let key =
            moved_claims.iter().find(|(own, _)| *own == link.claim).map_or(&*link.claim, |m| m.1);
        if let Some(note) = a.notes.get_mut(key) {
            note.factors.retain(|f| *f != link.factor);
            if note.is_empty() {
                a.notes.remove(key);
            }
        }
    }
    kept
}

fn rekey_ratings(a: &mut Annotations, kind: ItemKind, own: &str, id: &str) {
    let keys: Vec<RatingKey> =
        a.ratings.keys().filter(|k| k.kind == kind && k.item == own).cloned().collect();
    for key in keys {
        let Some(rating) = a.ratings.remove(&key) else { continue };
        let new = RatingKey { item: id.to_string(), ..key };
        // A rating there already under the new id is the newer judgement of that item.
        a.ratings.entry(new).or_insert(rating);
    }
}

/// `from` (the own claim's note) merged into `into` (a note already keyed by the new id):
/// both note texts kept, each judgement the one already there unless unset, factors joined.
fn merge(into: &mut Note, from: Note, now: Datetime) {
    if into.note.is_empty() {
        into.note = from.note;
    } else if !from.note.is_empty() && from.note != into.note {
        into.note = super::both(&from.note, &into.note, now);
    }
    into.stance = into.stance.or(from.stance);
    into.likelihood = into.likelihood.or(from.likelihood);
    into.confidence = into.confidence.or(from.confidence);
    for f in from.factors {
        if !into.factors.contains(&f) {
            into.factors.push(f);
        }
    }
    into.updated = now;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Consistency;
    use crate::notes::own::tests::{claim, counterpoint};
    use crate::notes::store::utc;
    use crate::notes::{Stance, unsaved_time};

    fn note(claim: &str, text: &str, factors: &[&str]) -> Note {
        Note {
            claim: claim.into(),
            claim_text: "t".into(),
            stance: Some(Stance::Agree),
            likelihood: None,
            confidence: None,
            factors: factors.iter().map(|f| f.to_string()).collect(),
            note: text.into(),
            created: unsaved_time(),
            updated: unsaved_time(),
        }
    }

    fn moved(own: &str, id: &str, text: &str) -> Moved {
        Moved { own: own.into(), id: id.into(), text: text.into() }
    }

    fn annotations() -> Annotations {
        let mut a = Annotations::default();
        a.own_claims.insert("my-a".into(), claim("my-a", "A."));
        a.own_claims.insert("my-b".into(), claim("my-b", "B."));
        a.own_counterpoints.insert("my-k".into(), counterpoint("my-k", &["my-a", "c1"], "K."));
        a.own_counterpoints.insert("my-l".into(), counterpoint("my-l", &["my-a"], "L."));
        a.notes.insert("my-a".into(), note("my-a", "mine", &["tools", "data"]));
        let key = |kind, item: &str| RatingKey { kind, item: item.into(), hypothesis: "h".into() };
        a.ratings.insert(key(ItemKind::Claim, "my-a"), Consistency::Consistent);
        a.ratings.insert(key(ItemKind::Counterpoint, "my-k"), Consistency::Inconsistent);
        a
    }

    #[test]
    fn adopted_items_leave_the_list_and_their_notes_key_the_new_ids() {
        let mut a = annotations();
        let before = a.len();
        let links = [Linked { claim: "my-a".into(), factor: "tools".into() }];
        let kept =
            rekey(&mut a, &[moved("my-a", "a", "A.")], &[moved("my-k", "k", "K.")], &links, utc(9));
        assert!(kept.is_empty());
        assert_eq!(a.own_claims.keys().collect::<Vec<_>>(), ["my-b"]);
        assert_eq!(a.own_counterpoints.keys().collect::<Vec<_>>(), ["my-l"]);
        assert_eq!(
            a.own_counterpoints["my-l"].claims,
            ["a"],
            "a kept counterpoint answers the new id"
        );
        let n = &a.notes["a"];
        assert_eq!(
            (n.claim.as_str(), n.note.as_str(), n.stance),
            ("a", "mine", Some(Stance::Agree))
        );
        assert_eq!(n.factors, ["data"], "the adopted link left the note, the other stayed");
        assert!(!a.notes.contains_key("my-a"));
        let items: Vec<&str> = a.ratings.keys().map(|k| k.item.as_str()).collect();
        assert_eq!(items, ["a", "k"]);
        assert_eq!(a.len(), before - 2, "two items became the file's, nothing else went");
    }

    #[test]
    fn an_item_changed_since_adopt_read_it_stays_with_its_notes() {
        let mut a = annotations();
        let kept = rekey(
            &mut a,
            &[moved("my-a", "a", "A, before.")],
            &[moved("my-k", "k", "old")],
            &[],
            utc(9),
        );
        assert_eq!(kept, ["claim 'my-a'", "counterpoint 'my-k'"]);
        assert_eq!(a, annotations());
    }

    #[test]
    fn a_note_meeting_another_under_the_new_id_is_merged() {
        let mut a = annotations();
        let mut theirs = note("a", "there", &["geo"]);
        theirs.stance = None;
        a.notes.insert("a".into(), theirs);
        rekey(&mut a, &[moved("my-a", "a", "A.")], &[], &[], utc(9));
        let n = &a.notes["a"];
        assert!(
            n.note.starts_with("mine\n\n--- also written") && n.note.ends_with("there"),
            "{}",
            n.note
        );
        assert_eq!(
            (n.stance, n.factors.clone()),
            (Some(Stance::Agree), vec!["geo".to_string(), "tools".into(), "data".into()])
        );
    }

    #[test]
    fn an_author_claims_link_leaves_its_note_which_goes_when_empty() {
        let mut a = Annotations::default();
        let mut n = note("c1", "", &["tools"]);
        n.stance = None;
        a.notes.insert("c1".into(), n);
        rekey(&mut a, &[], &[], &[Linked { claim: "c1".into(), factor: "tools".into() }], utc(9));
        assert!(a.notes.is_empty());
    }
}
