//! Anchoring on briefings built here: text inserted and deleted before, inside and after a
//! passage, passages repeated, moved, retouched, in renamed and removed sections, with CJK,
//! emoji and combining marks at their edges; pathological inputs that only the caps keep
//! short; and properties over random edits.

use proptest::prelude::*;

use super::offsets::ceil_char;
use super::*;
use crate::briefing::{Section, check_text};
use crate::notes::Passage;

/// A briefing of `sections`, each an id and its paragraphs.
fn briefing(sections: &[(&str, &[&str])]) -> Briefing {
    let sections = sections
        .iter()
        .map(|(id, paragraphs)| Section {
            id: id.to_string(),
            title: id.to_string(),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            kinds: vec![],
            claims: vec![],
            counterpoints: vec![],
            factors: vec![],
        })
        .collect();
    Briefing {
        id: "t".into(),
        title: "T".into(),
        subtitle: None,
        source: None,
        published: None,
        summary: vec![],
        sections,
        claims: vec![],
        counterpoints: vec![],
        factors: vec![],
        hypotheses: vec![],
    }
}

/// The stored quote of the `nth` occurrence of `needle` in paragraph `p` of section `s`.
fn mark(b: &Briefing, s: usize, p: usize, needle: &str, nth: usize) -> Passage {
    let text = &b.sections[s].paragraphs[p];
    let at = text.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap();
    let (exact, prefix, suffix, start, end) = quote_at(b, SectionIx(s), p, at..at + needle.len());
    Passage { section: b.sections[s].id.clone(), exact, prefix, suffix, start, end }
}

fn quote(p: &Passage) -> Quote<'_> {
    Quote {
        section: &p.section,
        exact: &p.exact,
        prefix: &p.prefix,
        suffix: &p.suffix,
        start: p.start,
        end: p.end,
    }
}

fn anchor(b: &Briefing, passages: &[Passage]) -> Vec<Anchored> {
    let quotes: Vec<Quote> = passages.iter().map(quote).collect();
    let anchored = anchor_all(b, &quotes);
    assert_eq!(anchored.len(), quotes.len(), "one outcome per quote");
    let offsets: Vec<SectionOffsets> = b.sections.iter().map(SectionOffsets::new).collect();
    for a in &anchored {
        assert_eq!(a.place.is_none(), a.standing == Standing::Orphaned);
        if let Some(place) = &a.place {
            assert_place_is_sound(b, &offsets[place.section.0], place);
        }
    }
    anchored
}

fn anchor_one(b: &Briefing, passage: &Passage) -> Anchored {
    anchor(b, std::slice::from_ref(passage)).remove(0)
}

/// Inside one paragraph, on cluster boundaries, its offsets those of its bytes.
fn assert_place_is_sound(b: &Briefing, offsets: &SectionOffsets, place: &Place) {
    let text = &b.sections[place.section].paragraphs[place.paragraph];
    assert!(place.bytes.start < place.bytes.end && place.bytes.end <= text.len());
    assert!(is_cluster_boundary(text, place.bytes.start), "{place:?} splits a cluster");
    assert!(is_cluster_boundary(text, place.bytes.end), "{place:?} splits a cluster");
    assert_eq!(offsets.to_char(place.paragraph, place.bytes.start), place.start);
    assert_eq!(offsets.to_char(place.paragraph, place.bytes.end), place.end);
}

/// The text at an outcome's place.
fn text_at<'b>(b: &'b Briefing, a: &Anchored) -> &'b str {
    let place = a.place.as_ref().unwrap();
    &b.sections[place.section].paragraphs[place.paragraph][place.bytes.clone()]
}

const BEFORE: &[&str] =
    &["Chips are scarce.", "Export controls bite hard on the leading labs today."];

fn before() -> Briefing {
    briefing(&[("chips", BEFORE), ("talent", &["Engineers move between labs freely."])])
}

#[test]
fn unchanged_text_is_current() {
    let b = before();
    let m = mark(&b, 0, 1, "bite hard", 0);
    assert_eq!((m.start, m.end), (17 + 2 + 16, 17 + 2 + 25));
    let a = anchor_one(&b, &m);
    assert_eq!(a.standing, Standing::Current);
    assert_eq!(
        a.place,
        Some(Place { section: SectionIx(0), paragraph: 1, bytes: 16..25, start: 35, end: 44 })
    );
}

#[test]
fn text_inserted_or_deleted_before_moves_the_mark() {
    let m = mark(&before(), 0, 1, "bite hard", 0);
    for (first, second) in [
        ("Chips are scarce.", "New: export controls bite hard on the leading labs today."),
        ("Chips are very scarce indeed.", "Export controls bite hard on the leading labs today."),
        ("Chips.", "Export controls bite hard on the leading labs today."),
        ("Chips are scarce.", "controls bite hard on the leading labs today."),
    ] {
        let b = briefing(&[("chips", &[first, second])]);
        let a = anchor_one(&b, &m);
        assert_eq!(
            (a.standing, text_at(&b, &a)),
            (Standing::Moved, "bite hard"),
            "{first} {second}"
        );
    }
    // A paragraph more before it.
    let b = briefing(&[("chips", &["Preface.", BEFORE[0], BEFORE[1]])]);
    let a = anchor_one(&b, &m);
    assert_eq!((a.standing, a.place.unwrap().paragraph), (Standing::Moved, 2));
}

#[test]
fn text_inserted_or_deleted_after_keeps_the_mark_current() {
    let m = mark(&before(), 0, 1, "bite hard", 0);
    for second in [
        "Export controls bite hard on the labs.",
        "Export controls bite hard on the leading labs today, and will for years.",
    ] {
        let b = briefing(&[("chips", &[BEFORE[0], second, "Another paragraph."])]);
        assert_eq!(anchor_one(&b, &m).standing, Standing::Current, "{second}");
    }
}

#[test]
fn text_changed_inside_drifts_the_mark_to_the_new_text() {
    let m = mark(&before(), 0, 1, "Export controls bite hard on the leading labs", 0);
    for (second, new) in [
        (
            "Export controls bite very hard on the leading labs today.",
            "Export controls bite very hard on the leading labs",
        ),
        (
            "Export controls bite on the leading labs today.",
            "Export controls bite on the leading labs",
        ),
        (
            "Export contrls bite hard on the leadin labs today.",
            "Export contrls bite hard on the leadin labs",
        ),
    ] {
        let b = briefing(&[("chips", &[BEFORE[0], second])]);
        let a = anchor_one(&b, &m);
        assert_eq!((a.standing, text_at(&b, &a)), (Standing::Drifted, new));
    }
}

#[test]
fn text_changed_beyond_a_quarter_orphans_the_mark() {
    let m = mark(&before(), 0, 1, "bite hard on the leading labs", 0);
    let b =
        briefing(&[("chips", &[BEFORE[0], "Export controls nip softly at a few big labs today."])]);
    assert_eq!(anchor_one(&b, &m), Anchored { standing: Standing::Orphaned, place: None });
}

#[test]
fn a_repeated_passage_is_told_apart_by_its_context_before_nearness() {
    let b = briefing(&[("s", &["the gap widens in talent; the gap widens in chips."])]);
    let chips = mark(&b, 0, 0, "the gap widens", 1);
    let edited = "So, the gap widens in talent; the gap widens in talent; the gap widens in chips.";
    let b = briefing(&[("s", &[edited])]);
    let a = anchor_one(&b, &chips);
    // The hit at 30 is nearer the stored 26, the one at 56 has the context.
    assert_eq!((a.standing, a.place.unwrap().bytes.start), (Standing::Moved, 56));
}

#[test]
fn a_repeated_passage_in_the_same_context_goes_to_the_nearest() {
    let text = "ab ".repeat(40);
    let b = briefing(&[("s", &[text.as_str()])]);
    let m = mark(&b, 0, 0, "ab", 20);
    assert_eq!(m.start, 60);
    let edited = format!("Z{text}");
    let b = briefing(&[("s", &[edited.as_str()])]);
    let a = anchor_one(&b, &m);
    assert_eq!((a.standing, a.place.unwrap().bytes.start), (Standing::Moved, 61));
}

#[test]
fn a_passage_moved_to_another_section_is_found_there() {
    let m = mark(&before(), 0, 1, "bite hard on the leading labs", 0);
    let b = briefing(&[
        ("chips", &["Chips are scarce."]),
        (
            "talent",
            &[
                "Engineers move between labs.",
                "Export controls bite hard on the leading labs, some say.",
            ],
        ),
    ]);
    let a = anchor_one(&b, &m);
    assert_eq!((a.standing, a.place.clone().unwrap().section), (Standing::Moved, SectionIx(1)));
    assert_eq!(text_at(&b, &a), "bite hard on the leading labs");
}

#[test]
fn a_fuzzy_match_at_home_wins_over_the_exact_passage_elsewhere() {
    let m = mark(&before(), 0, 1, "bite hard on the leading labs", 0);
    let b = briefing(&[
        ("chips", &["Chips are scarce.", "Export controls bite hard on the leadng labs today."]),
        ("talent", &["Quoted: bite hard on the leading labs."]),
    ]);
    let a = anchor_one(&b, &m);
    assert_eq!((a.standing, a.place.unwrap().section), (Standing::Drifted, SectionIx(0)));
}

#[test]
fn a_passage_moved_and_retouched_drifts_into_another_section() {
    let m = mark(&before(), 0, 1, "bite hard on the leading labs", 0);
    let b = briefing(&[
        ("chips", &["Chips are scarce."]),
        ("talent", &["Export controls bite hard on the leading lab today."]),
    ]);
    let a = anchor_one(&b, &m);
    assert_eq!((a.standing, text_at(&b, &a)), (Standing::Drifted, "bite hard on the leading lab"));
}

#[test]
fn a_common_word_is_placed_by_its_context_not_by_the_first_hits() {
    let before = briefing(&[("old", &["and the ax here, then"])]);
    let m = mark(&before, 0, 0, "ax", 0);
    // More "ax" than a pass keeps hits of, all before the one whose context agrees.
    let many = "ax ".repeat(2 * HITS);
    let b = briefing(&[("s0", &[many.as_str()]), ("s1", &["and the ax here, then"])]);
    let a = anchor_one(&b, &m);
    assert_eq!((a.standing, a.place.unwrap().section), (Standing::Moved, SectionIx(1)));
}

#[test]
fn a_renamed_section_is_searched_like_any_other() {
    let m = mark(&before(), 0, 1, "bite hard", 0);
    let b = briefing(&[("semiconductors", BEFORE)]);
    let a = anchor_one(&b, &m);
    assert_eq!((a.standing, a.place.unwrap().bytes), (Standing::Moved, 16..25));
}

#[test]
fn marks_in_a_removed_section_are_orphaned_and_kept_in_order() {
    let b = before();
    let gone = mark(&b, 0, 1, "bite hard", 0);
    let kept = mark(&b, 1, 0, "move between", 0);
    let after = briefing(&[("talent", &["Engineers move between labs freely."])]);
    let empty = Passage { section: "talent".into(), ..Passage::default() };
    let anchored = anchor(&after, &[gone, kept.clone(), empty, kept]);
    let standings: Vec<Standing> = anchored.iter().map(|a| a.standing).collect();
    assert_eq!(
        standings,
        [Standing::Orphaned, Standing::Current, Standing::Orphaned, Standing::Current]
    );
}

#[test]
fn cjk_emoji_and_combining_marks_at_the_edges_move_whole() {
    let family = "👩\u{200d}👩\u{200d}👧";
    let flags = "🇯🇵🇰🇷";
    let cafe = "cafe\u{301}";
    let text = format!("人工智能发展{family}很快 {flags}{cafe} x");
    let b = briefing(&[("s", &[text.as_str()])]);
    let marks = [
        mark(&b, 0, 0, "人工智能", 0),
        mark(&b, 0, 0, &format!("发展{family}"), 0),
        mark(&b, 0, 0, &format!("{flags}{cafe}"), 0),
    ];
    assert!(anchor(&b, &marks).iter().all(|a| a.standing == Standing::Current));
    let edited = format!("新：{text}");
    let b = briefing(&[("s", &[edited.as_str()])]);
    for (m, a) in marks.iter().zip(anchor(&b, &marks)) {
        assert_eq!((a.standing, text_at(&b, &a)), (Standing::Moved, m.exact.as_str()));
    }
}

#[test]
fn a_new_mark_never_splits_a_cluster() {
    let text = "go 👩\u{200d}👩\u{200d}👧 now 🇯🇵🇰🇷 cafe\u{301}!";
    let b = briefing(&[("s", &[text])]);
    let zwj = text.find('\u{200d}').unwrap();
    let (exact, ..) = quote_at(&b, SectionIx(0), 0, zwj..zwj + 3);
    assert_eq!(exact, "👩\u{200d}👩\u{200d}👧");
    let kr = text.find("🇰").unwrap();
    let (exact, ..) = quote_at(&b, SectionIx(0), 0, kr..kr + 4);
    assert_eq!(exact, "🇰🇷");
    let e = text.find("e\u{301}").unwrap();
    let (exact, prefix, suffix, start, end) = quote_at(&b, SectionIx(0), 0, 3..e + 1);
    assert!(exact.ends_with("cafe\u{301}"));
    assert_eq!((prefix.as_str(), suffix.as_str(), start), ("go ", "!", 3));
    assert_eq!(end, text.chars().count() - 1);
    assert_eq!(quote_at(&b, SectionIx(3), 0, 0..1), Default::default());
}

#[test]
fn a_combining_mark_added_at_the_edge_drifts_the_mark_over_it() {
    let b = briefing(&[("s", &["we met at the cafe downtown"])]);
    let m = mark(&b, 0, 0, "at the cafe", 0);
    let b = briefing(&[("s", &["we met at the cafe\u{301} downtown"])]);
    let a = anchor_one(&b, &m);
    assert_eq!((a.standing, text_at(&b, &a)), (Standing::Drifted, "at the cafe\u{301}"));
}

#[test]
fn a_briefing_from_the_loader_anchors_its_own_quotes() {
    let toml = "format = 1\n[briefing]\nid = \"b\"\ntitle = \"B\"\n\n[[section]]\nid = \"one\"\ntitle = \"One\"\nbody = \"\"\"\nFirst   paragraph,\nfolded.\n\nSecond paragraph here.\n\"\"\"\n";
    let b = check_text(std::path::Path::new("b.toml"), toml).briefing.unwrap();
    let m = mark(&b, 0, 1, "paragraph here", 0);
    assert_eq!((m.prefix.as_str(), m.start), ("irst paragraph, folded.\n\nSecond ", 33));
    assert_eq!(anchor_one(&b, &m).standing, Standing::Current);
}

#[test]
fn many_marks_in_one_section_are_found_in_one_pass() {
    // Enough marks that their section is searched with an automaton, not pattern by pattern.
    let sentences: Vec<String> =
        (0..100).map(|i| format!("point {i} holds ({}).", i * 7)).collect();
    let text = sentences.join(" ");
    let b = briefing(&[("s", &[text.as_str()])]);
    let marks: Vec<Passage> = sentences.iter().map(|s| mark(&b, 0, 0, s, 0)).collect();
    let edited = format!("Preface. {}", sentences[..50].join(" "));
    let tail = sentences[50..].join(" ");
    let b = briefing(&[("s", &[edited.as_str(), "Between.", tail.as_str()])]);
    let anchored = anchor(&b, &marks);
    for (m, a) in marks.iter().zip(&anchored) {
        assert_eq!((a.standing, text_at(&b, a)), (Standing::Moved, m.exact.as_str()));
    }
}

/// Without the caps each of these is quadratic or worse (seconds to minutes); with them, each
/// takes a fraction of a second even in a debug build. Not timed: they only have to finish.
#[test]
fn one_letter_over_a_section_of_that_letter_stays_bounded() {
    let letters = "a".repeat(200_000);
    let b = briefing(&[("s", &[letters.as_str()]), ("t", &[letters.as_str()])]);
    let passage = |len: usize, start: usize| Passage {
        section: "s".into(),
        exact: format!("{}b", "a".repeat(len)),
        prefix: "a".repeat(32),
        suffix: "a".repeat(32),
        start,
        end: start + len + 1,
    };
    let passages: Vec<Passage> = (0..200).map(|i| passage(100 + i, 1000 * i)).collect();
    let anchored = anchor(&b, &passages);
    assert!(anchored.iter().all(|a| a.standing == Standing::Drifted), "one edit in 100 and more");
}

#[test]
fn ten_thousand_nested_quotes_stay_bounded() {
    let text = "ab".repeat(6_000);
    let b = briefing(&[("s", &[text.as_str()])]);
    // Each a longer run of the same text, none of it where it was: every one is searched for.
    let passages: Vec<Passage> = (2..10_002)
        .map(|n| Passage {
            section: "gone".into(),
            exact: text[..n].to_string(),
            start: 1,
            end: n + 1,
            ..Passage::default()
        })
        .collect();
    let anchored = anchor(&b, &passages);
    let odd: Vec<_> = anchored
        .iter()
        .enumerate()
        .filter(|(_, a)| a.standing != Standing::Moved)
        .map(|(i, a)| (i, a.standing))
        .take(5)
        .collect();
    assert!(odd.is_empty(), "{odd:?}");
}

/// Text of letters, spaces, CJK, emoji and combining marks; edits of ASCII words, so an edit
/// never joins a cluster at the passage's edge.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => "[a-z]{1,8}",
            1 => Just("人工智能".to_string()),
            1 => Just("👩\u{200d}👧".to_string()),
            1 => Just("🇯🇵".to_string()),
            1 => Just("e\u{301}".to_string()),
        ],
        8..40,
    )
    .prop_map(|words| words.join(" "))
}

fn edit() -> impl Strategy<Value = String> {
    "[a-z]{1,6}".prop_map(|w| format!(" {w} "))
}

/// A passage of `text`: whole clusters from `from` to `to` (fractions of its length).
fn passage_in(text: &str, from: f64, len: f64) -> Range<usize> {
    let start = floor_char(text, (text.len() as f64 * from) as usize);
    let end = ceil_char(text, start + 1 + (text.len() as f64 * len) as usize);
    snap_outward(text, start..end.min(text.len()))
}

proptest! {
    #[test]
    fn text_inserted_before_or_after_never_loses_the_passage(
        text in text(), from in 0.0..0.9f64, len in 0.05..0.3f64, ins in edit(), after in any::<bool>(),
        other in text(),
    ) {
        let b = briefing(&[("s", &[text.as_str()])]);
        let range = passage_in(&text, from, len);
        prop_assume!(!range.is_empty());
        let (exact, prefix, suffix, start, end) = quote_at(&b, SectionIx(0), 0, range.clone());
        let m = Passage { section: "s".into(), exact, prefix, suffix, start, end };
        let at = if after { range.end } else { range.start };
        let edited = format!("{}{ins}{}", &text[..at], &text[at..]);
        let b = briefing(&[("o", &[other.as_str()]), ("s", &[other.as_str(), edited.as_str()])]);
        let a = anchor_one(&b, &m);
        prop_assert!(matches!(a.standing, Standing::Current | Standing::Moved), "{:?}", a);
        prop_assert_eq!(text_at(&b, &a), m.exact.as_str());
        if format!("{other} {edited}").matches(m.exact.as_str()).count() == 1 {
            let place = a.place.unwrap();
            let shift = if after { 0 } else { ins.len() };
            prop_assert_eq!((place.section, place.bytes), (SectionIx(1), range.start + shift..range.end + shift));
        }
    }

    #[test]
    fn a_small_edit_inside_drifts_and_covers_the_new_text(
        text in text(), from in 0.0..0.7f64, ins in "[a-z]{1,3}", at in 0.0..1.0f64,
    ) {
        let b = briefing(&[("s", &[text.as_str()])]);
        let range = passage_in(&text, from, 0.25);
        let chars = text[range.clone()].chars().count();
        prop_assume!(chars >= 16);
        let (exact, prefix, suffix, start, end) = quote_at(&b, SectionIx(0), 0, range.clone());
        let m = Passage { section: "s".into(), exact, prefix, suffix, start, end };
        let inside = floor_char(&text, range.start + 1 + ((range.len() - 2) as f64 * at) as usize);
        prop_assume!(is_cluster_boundary(&text, inside));
        let edited = format!("{}{ins}{}", &text[..inside], &text[inside..]);
        let b = briefing(&[("s", &[edited.as_str()])]);
        let a = anchor_one(&b, &m);
        if edited.contains(m.exact.as_str()) {
            prop_assert_ne!(a.standing, Standing::Orphaned);
        } else {
            prop_assert_eq!(a.standing, Standing::Drifted);
            let place = a.place.unwrap();
            // Overlaps the passage as it is now.
            prop_assert!(place.bytes.start < range.end + ins.len() && range.start < place.bytes.end);
        }
    }

    #[test]
    fn every_quote_gets_one_outcome_whatever_it_holds(
        text in text(),
        quotes in proptest::collection::vec(("[st]", "\\PC{0,12}", "\\PC{0,4}", "\\PC{0,4}", 0..200usize, 0..20usize), 0..12),
    ) {
        let b = briefing(&[("s", &[text.as_str(), "two"]), ("t", &[text.as_str()])]);
        let passages: Vec<Passage> = quotes
            .into_iter()
            .map(|(section, exact, prefix, suffix, start, len)| Passage { section, exact, prefix, suffix, start, end: start + len })
            .collect();
        anchor(&b, &passages);
    }
}
