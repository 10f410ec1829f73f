//! One bounded pass of many patterns over many paragraphs: the only way the anchoring reads
//! text in bulk, so its caps are the caps of the whole module.
//!
//! Every occurrence of every pattern, overlapping ones included (one passage may lie inside
//! another), without an overlapping search, which is several times slower per byte: a
//! leftmost-longest search from each start after the last gives, at every place where some
//! pattern starts, the longest one; the patterns that are prefixes of it start there too, and
//! are known beforehand (a chain per pattern, sorted once). Each pattern keeps at most
//! `per_pattern` hits; each search and each hit costs `budget` (a search its pattern's length
//! over 32 more, for the text read again after it), and the pass stops when that runs out. A
//! full pattern still costs when it is found, so once such wasted cost exceeds the automaton's
//! size it is rebuilt without the full patterns: rebuilding then costs no more than the waste
//! did, which keeps a pass linear in its text plus its budget whatever the patterns are (one
//! letter over a paragraph of that letter; 10,000 passages nested in one another).

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

/// Up to this many patterns over one section, each is looked for on its own (memchr's
/// `memmem`): cheaper than building an automaton, and at most `FEW` readings of the section.
const FEW: usize = 64;

/// One occurrence: section, paragraph and the byte it starts at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub section: usize,
    pub paragraph: usize,
    pub start: usize,
}

/// How much text a pass reads, which decides the automaton: for a section, one that is cheap
/// to build (a contiguous NFA); for the whole briefing, one that is fast to run (a DFA).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    Section,
    Briefing,
}

/// Hits of each of `patterns` (distinct) in `texts` (section, paragraph, text), in text order,
/// at most `per_pattern` each; empty patterns match nothing. Spends at most `budget`.
pub fn scan<'t>(
    patterns: &[&str],
    texts: impl IntoIterator<Item = (usize, usize, &'t str)>,
    reach: Reach,
    per_pattern: usize,
    budget: &mut usize,
) -> Vec<Vec<Hit>> {
    let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); patterns.len()];
    let active: Vec<usize> = (0..patterns.len()).filter(|&i| !patterns[i].is_empty()).collect();
    if reach == Reach::Section && active.len() <= FEW {
        let texts: Vec<(usize, usize, &str)> = texts.into_iter().collect();
        for i in active {
            let finder = memchr::memmem::Finder::new(patterns[i]);
            let cost = 1 + patterns[i].len() / 32;
            for &(section, paragraph, text) in &texts {
                let mut from = 0;
                while hits[i].len() < per_pattern
                    && let Some(at) = finder.find(&text.as_bytes()[from..])
                {
                    let Some(left) = budget.checked_sub(cost) else { return hits };
                    *budget = left;
                    hits[i].push(Hit { section, paragraph, start: from + at });
                    from += at + 1;
                }
            }
        }
        return hits;
    }
    let Some(mut automaton) = Automaton::build(patterns, active, reach) else { return hits };
    for (section, paragraph, text) in texts {
        let mut from = 0;
        while from < text.len() {
            let Some(found) = automaton.ac.find(Input::new(text).span(from..text.len())) else {
                break;
            };
            let cost = 1 + found.len() / 32;
            let Some(left) = budget.checked_sub(cost) else { return hits };
            *budget = left;
            let start = found.start();
            // The longest pattern found, then each pattern that is a prefix of it.
            let mut link = Some(found.pattern().as_usize());
            while let Some(k) = link {
                let list = &mut hits[automaton.active[k]];
                if list.len() < per_pattern {
                    list.push(Hit { section, paragraph, start });
                } else {
                    automaton.waste += cost;
                }
                link = automaton.prefix[k];
                if *budget == 0 {
                    return hits;
                }
                *budget -= 1;
            }
            from = start + 1;
            if automaton.waste > automaton.size {
                let active: Vec<usize> = automaton
                    .active
                    .iter()
                    .copied()
                    .filter(|&i| hits[i].len() < per_pattern)
                    .collect();
                match Automaton::build(patterns, active, reach) {
                    Some(rebuilt) => automaton = rebuilt,
                    None => return hits,
                }
            }
        }
    }
    hits
}

/// The automaton over the patterns still taking hits, and what rebuilding it costs.
struct Automaton {
    ac: AhoCorasick,
    /// The patterns it searches for (indices into the caller's), by its pattern ids.
    active: Vec<usize>,
    /// For each, the longest other pattern that is a prefix of it, if any.
    prefix: Vec<Option<usize>>,
    /// Bytes of all its patterns, at least 4,096: what wasted cost must exceed first.
    size: usize,
    waste: usize,
}

impl Automaton {
    fn build(patterns: &[&str], active: Vec<usize>, reach: Reach) -> Option<Self> {
        if active.is_empty() {
            return None;
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(match reach {
                Reach::Section => AhoCorasickKind::ContiguousNFA,
                Reach::Briefing => AhoCorasickKind::DFA,
            }))
            .build(active.iter().map(|&i| patterns[i]))
            .ok()?;
        // Sorted, a pattern's prefixes come before it and lie on one chain: a stack of them.
        let mut order: Vec<usize> = (0..active.len()).collect();
        order.sort_unstable_by_key(|&k| patterns[active[k]]);
        let mut prefix = vec![None; active.len()];
        let mut stack: Vec<usize> = Vec::new();
        for k in order {
            let text = patterns[active[k]];
            while stack.last().is_some_and(|&top| !text.starts_with(patterns[active[top]])) {
                stack.pop();
            }
            prefix[k] = stack.last().copied();
            stack.push(k);
        }
        let size = active.iter().map(|&i| patterns[i].len()).sum::<usize>().max(4096);
        Some(Self { ac, active, prefix, size, waste: 0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(hits: &[Hit]) -> Vec<usize> {
        hits.iter().map(|h| h.start).collect()
    }

    #[test]
    fn finds_overlapping_and_nested_patterns() {
        let texts = [(0, 0, "large language models"), (0, 1, "language")];
        let hits = scan(
            &["large language", "language models", "language", ""],
            texts,
            Reach::Section,
            10,
            &mut 100,
        );
        assert_eq!(starts(&hits[0]), [0]);
        assert_eq!(starts(&hits[1]), [6]);
        assert_eq!(
            hits[2],
            [
                Hit { section: 0, paragraph: 0, start: 6 },
                Hit { section: 0, paragraph: 1, start: 0 }
            ]
        );
        assert!(hits[3].is_empty());
    }

    #[test]
    fn a_full_pattern_stops_taking_hits_but_others_go_on() {
        let text = format!("{}b", "a".repeat(100_000));
        let hits =
            scan(&["a", "aa", "ab"], [(0, 0, text.as_str())], Reach::Briefing, 3, &mut 1_000_000);
        assert_eq!(starts(&hits[0]), [0, 1, 2]);
        assert_eq!(starts(&hits[1]), [0, 1, 2]);
        assert_eq!(starts(&hits[2]), [99_999]);
    }

    #[test]
    fn stops_when_the_budget_is_spent() {
        let text = "a".repeat(1000);
        for (reach, found) in [(Reach::Section, 10), (Reach::Briefing, 5)] {
            let mut budget = 10;
            let hits = scan(&["a"], [(0, 0, text.as_str())], reach, 1000, &mut budget);
            assert_eq!((hits[0].len(), budget), (found, 0), "{reach:?}");
        }
    }

    #[test]
    fn one_pattern_at_a_time_finds_what_the_automaton_finds() {
        let text = "abababa ab aba bab";
        let patterns = ["aba", "ab", "b a", "bab", "x"];
        let section = scan(&patterns, [(0, 0, text)], Reach::Section, 100, &mut 1000);
        let briefing = scan(&patterns, [(0, 0, text)], Reach::Briefing, 100, &mut 1000);
        assert_eq!(section, briefing);
        assert_eq!(starts(&section[0]), [0, 2, 4, 11]);
    }
}
