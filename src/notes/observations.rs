//! Observations on indicators: a short dated note saying what you saw of a signpost the
//! briefing asks to watch. Stored with the notes as `[[observation]]` tables (format 2), keyed
//! by their own id and naming the indicator's id; the store stamps `created` when it first
//! writes one. An observation whose indicator is gone is kept (orphaned), never dropped. Pure.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use crate::briefing::{Briefing, FactorIx};

/// One `[[observation]]` table, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// Stable: made once when the observation is, never changed.
    pub id: String,
    /// The indicator's id (unique among all the briefing's indicators).
    pub indicator: String,
    /// What was observed, exactly as typed.
    pub text: String,
    /// When it was logged (stamped by the store on its first write).
    pub created: Datetime,
}

impl Observation {
    /// Its time as written, empty while not yet saved: sorts newest last as text (UTC).
    pub fn when(&self) -> String {
        if self.created.date.is_some() { self.created.to_string() } else { String::new() }
    }
}

impl Observation {
    /// When it was logged, to the minute ("2026-12-02 16:40", UTC), or "just now" before the
    /// store has written it.
    pub fn minute(&self) -> String {
        let stamped = self.when();
        if stamped.is_empty() {
            return "just now".into();
        }
        let minute: String = stamped.chars().take(16).collect();
        minute.replacen('T', " ", 1)
    }

    /// Its text on one line, made safe: lines joined by " / ", blank ones dropped.
    pub fn one_line(&self) -> String {
        let lines: Vec<_> = self
            .text
            .split('\n')
            .map(|l| crate::sanitize::single_line(l.trim()).into_owned())
            .filter(|l| !l.is_empty())
            .collect();
        lines.join(" / ")
    }
}

/// Observations by id, so the file is written in a stable order.
pub type Observations = BTreeMap<String, Observation>;

/// What a queued change does to one observation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ObservationEdit {
    /// A new observation (or one deleted and brought back by undo).
    Add,
    Delete,
}

/// A change to one observation: the observation as this reader had it, and the edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObservationChange {
    pub observation: Box<Observation>,
    pub edit: ObservationEdit,
}

/// Applies one change, stamping a new observation `now` (one that has a time keeps it).
pub fn apply(observations: &mut Observations, change: &ObservationChange, now: Datetime) {
    let o = &change.observation;
    match change.edit {
        ObservationEdit::Add => {
            let mut o = (**o).clone();
            if let Some(there) = observations.get(&o.id) {
                // Written already (by this reader's earlier save): keep its time.
                o.created = there.created;
            } else if o.created.date.is_none() {
                o.created = now;
            }
            observations.insert(o.id.clone(), o);
        }
        ObservationEdit::Delete => {
            observations.remove(&o.id);
        }
    }
}

/// The observations on `indicator`, newest first (those not yet saved first of all).
pub fn on<'a>(observations: &'a Observations, indicator: &str) -> Vec<&'a Observation> {
    let mut out: Vec<&Observation> =
        observations.values().filter(|o| o.indicator == indicator).collect();
    sort_newest_first(&mut out);
    out
}

/// Newest first: by time, a time not yet stamped counting as now; then by id, latest first.
pub fn sort_newest_first(list: &mut [&Observation]) {
    list.sort_by(|x, y| {
        let key = |o: &Observation| (o.created.date.is_none(), o.when(), o.id.clone());
        key(y).cmp(&key(x))
    });
}

/// Where an indicator is in a briefing: its factor and its place among the factor's.
pub fn find_indicator(b: &Briefing, indicator: &str) -> Option<(FactorIx, usize)> {
    b.factor_ixs().find_map(|f| {
        b.factors[f].indicators.iter().position(|i| i.id == indicator).map(|at| (f, at))
    })
}

/// Every observation with its indicator's place in `b` (`None`: orphaned), in the order of
/// the factors and their indicators, newest first under each; orphans last, newest first.
pub fn standings<'a>(
    b: &Briefing,
    observations: &'a Observations,
) -> Vec<(&'a Observation, Option<(FactorIx, usize)>)> {
    let mut all: Vec<&Observation> = observations.values().collect();
    sort_newest_first(&mut all);
    let mut out: Vec<(&Observation, Option<(FactorIx, usize)>)> =
        all.into_iter().map(|o| (o, find_indicator(b, &o.indicator))).collect();
    // Stable: newest first stays within each indicator.
    out.sort_by_key(|(_, place)| match place {
        Some((f, at)) => (0, f.0, *at),
        None => (1, 0, 0),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(id: &str, indicator: &str, at: u64) -> Observation {
        Observation {
            id: id.into(),
            indicator: indicator.into(),
            text: format!("saw {id}"),
            created: if at == 0 {
                crate::notes::unsaved_time()
            } else {
                super::super::store::utc(at)
            },
        }
    }

    #[test]
    fn the_store_stamps_a_new_observation_and_keeps_a_stamped_one() {
        let mut all = Observations::new();
        let now = super::super::store::utc(1_000_000);
        let add = |o: Observation| ObservationChange {
            observation: Box::new(o),
            edit: ObservationEdit::Add,
        };
        apply(&mut all, &add(obs("o1", "i", 0)), now);
        assert_eq!(all["o1"].created, now);
        apply(&mut all, &add(obs("o2", "i", 5)), now);
        assert_eq!(all["o2"].created, super::super::store::utc(5), "undo brings it back as it was");
        // Applied again on a later save: its first time stays.
        apply(&mut all, &add(obs("o1", "i", 0)), super::super::store::utc(2_000_000));
        assert_eq!(all["o1"].created, now);
        let delete = ObservationChange {
            observation: Box::new(obs("o1", "i", 0)),
            edit: ObservationEdit::Delete,
        };
        apply(&mut all, &delete, now);
        assert!(!all.contains_key("o1"));
    }

    #[test]
    fn observations_are_listed_newest_first_unsaved_first_of_all() {
        let mut all = Observations::new();
        for o in [obs("a", "i", 100), obs("b", "i", 300), obs("c", "other", 200), obs("d", "i", 0)]
        {
            all.insert(o.id.clone(), o);
        }
        let ids: Vec<&str> = on(&all, "i").iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["d", "b", "a"]);
    }
}
