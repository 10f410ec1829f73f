//! Search on briefings built here: hundreds of thousands of matches counted and stepped
//! through, a paragraph far longer than the distance between marks, queries that grow and
//! shrink, pastes, and no match.

use std::sync::OnceLock;

use ratatui::layout::Rect;

use super::*;
use crate::briefing::{Briefing, check_text};
use crate::tui::app::{Action, App, Message, Mode};

/// Sections of the many-matches briefing, each with two paragraphs of `ax` said `PER` times.
const SECTIONS: usize = 100;
const PER: usize = 1000;
/// Section `BIG_IN` has a third paragraph of `ax` said `BIG` times: about 300 KB, so its
/// matches are marked many times over.
const BIG_IN: usize = 50;
const BIG: usize = 100_000;
/// Matches of `ax`: 300,000.
const TOTAL: usize = SECTIONS * 2 * PER + BIG;
/// Paragraphs saying `ax`: each ends with one not followed by a space.
const PARAGRAPHS: usize = SECTIONS * 2 + 1;
/// Section `NEEDLE_IN` has a third paragraph: this sentence (200 characters and more), once.
const NEEDLE_IN: usize = 70;
const NEEDLE: &str = "the quick brown fox jumps over the lazy dog while seven bright \
    jugglers hum quietly beside the old mill, counting every pebble on the winding path \
    until the evening bell rings twice for the sleepy village of northwood";

/// `ax ax ... ax`, `n` times.
fn ax(n: usize) -> String {
    vec!["ax"; n].join(" ")
}

/// Loaded once for every test (a debug build takes a while over 900 KB).
fn many_matches() -> App {
    static BRIEFING: OnceLock<Briefing> = OnceLock::new();
    let briefing = BRIEFING.get_or_init(|| load(&many_matches_toml()));
    App::new(briefing.clone(), Rect::new(0, 0, 120, 40))
}

fn many_matches_toml() -> String {
    let mut toml =
        String::from("format = 1\n\n[briefing]\nid = \"many\"\ntitle = \"Many matches\"\n");
    for s in 0..SECTIONS {
        let mut paragraphs = vec![ax(PER), ax(PER)];
        if s == BIG_IN {
            paragraphs.push(ax(BIG));
        }
        if s == NEEDLE_IN {
            paragraphs.push(NEEDLE.into());
        }
        toml.push_str(&format!(
            "\n[[section]]\nid = \"s{s}\"\ntitle = \"Part {s}\"\nbody = \"\"\"\n{}\n\"\"\"\n",
            paragraphs.join("\n\n")
        ));
    }
    toml
}

fn load(toml: &str) -> Briefing {
    let report = check_text(std::path::Path::new("many.toml"), toml);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    report.briefing.unwrap()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(c));
    }
}

fn body(section: usize, paragraph: usize) -> Field {
    Field::Body { section: SectionIx(section), paragraph }
}

/// Match `i` of `ax` in a paragraph of `ax ax ...`: where it is.
fn nth_ax(i: usize) -> Range<usize> {
    3 * i..3 * i + 2
}

#[test]
fn counts_and_steps_through_300000_matches() {
    let mut app = many_matches();
    app.update(Action::StartSearch);
    type_text(&mut app, "ax");
    assert_eq!(app.search.count(), TOTAL);
    assert_eq!(app.match_counter().as_deref(), Some("1/300000"));
    assert_eq!(app.search.current_hit(), Some(&Hit { field: body(0, 0), range: nth_ax(0) }));
    app.update(Action::Accept);
    assert_eq!(app.mode(), Mode::Matches);
    app.update(Action::NextMatch);
    assert_eq!(app.match_counter().as_deref(), Some("2/300000"));
    assert_eq!(app.search.current_hit().unwrap().range, nth_ax(1));
    press_n(&mut app, Action::PrevMatch, 2);
    assert_eq!(app.message.as_deref(), Some("search wrapped to the end"));
    assert_eq!(app.match_counter().as_deref(), Some("300000/300000"));
    let last = Hit { field: body(SECTIONS - 1, 1), range: nth_ax(PER - 1) };
    assert_eq!(app.search.current_hit(), Some(&last));
    assert_eq!(app.section, SectionIx(SECTIONS - 1));
    app.update(Action::NextMatch);
    assert_eq!(app.message.as_deref(), Some("search wrapped to the start"));
    assert_eq!(app.match_counter().as_deref(), Some("1/300000"));
}

fn press_n(app: &mut App, action: Action, times: usize) {
    for _ in 0..times {
        app.update(action);
    }
}

#[test]
fn matches_deep_in_a_long_paragraph_are_found_from_the_nearest_mark() {
    let mut app = many_matches();
    app.update(Action::StartSearch);
    type_text(&mut app, "ax");
    let before_big = (BIG_IN + 1) * 2 * PER;
    // Around the places marks are put (every 16 KB: 5,461 matches of 3 bytes) and the last.
    for j in [0, 1, 5460, 5461, 5462, 60_000, BIG - 1] {
        app.go_to_match(before_big + j);
        let hit = Hit { field: body(BIG_IN, 2), range: nth_ax(j) };
        assert_eq!(app.search.current_hit(), Some(&hit), "match {j} of the long paragraph");
        assert_eq!(app.match_counter(), Some(format!("{}/{TOTAL}", before_big + j + 1)));
        assert_eq!(app.section, SectionIx(BIG_IN));
    }
    app.go_to_match(before_big + 60_000);
    let at = nth_ax(60_000).start;
    let shown = app.body_matches(2, at - 1..at + 10);
    let expected: Vec<(Range<usize>, bool)> =
        (60_000..60_004).map(|j| (nth_ax(j), j == 60_000)).collect();
    assert_eq!(shown, expected);
    // What is on screen is highlighted: every line of the long paragraph in view.
    let page = app.page();
    let lines = page.lines.iter().skip(app.scroll).take(app.page_height());
    let in_view: Vec<_> = lines.filter(|l| l.kind == LineKind::Body(2)).collect();
    assert!(!in_view.is_empty(), "the long paragraph is on screen");
    for line in in_view {
        let n = app.body_matches(2, line.range.clone()).len();
        assert!(n >= line.range.len() / 3, "{n} matches on a line of {:?}", line.range);
    }
}

#[test]
fn a_query_that_grows_and_shrinks_counts_again() {
    let mut app = many_matches();
    app.update(Action::JumpToSection(SectionIx(3)));
    app.update(Action::StartSearch);
    type_text(&mut app, "ax");
    assert_eq!(app.search.count(), TOTAL);
    assert_eq!(app.search.current_hit().unwrap().field, body(3, 0), "from where it started");
    app.update(Action::Type(' '));
    assert_eq!(app.search.count(), TOTAL - PARAGRAPHS, "the last `ax` of each has no space");
    app.update(Action::Type('q'));
    assert_eq!(app.search.count(), 0);
    assert_eq!((app.match_counter(), app.section), (None, SectionIx(3)), "back where it began");
    assert_eq!(app.mode(), Mode::Search);
    app.update(Action::DeleteChar);
    assert_eq!(app.search.count(), TOTAL - PARAGRAPHS);
    app.update(Action::DeleteChar);
    assert_eq!(app.search.count(), TOTAL);
    assert_eq!(app.match_counter(), Some(format!("{}/{TOTAL}", 3 * 2 * PER + 1)));
    app.update(Action::DeleteChar);
    assert_eq!(app.search.query, "a");
    assert!(app.search.count() > TOTAL, "`a` is in titles too");
    app.update(Action::DeleteChar);
    assert_eq!((app.search.count(), app.match_counter()), (0, None));
    app.update(Action::DeleteChar);
    assert_eq!(app.mode(), Mode::Reading);
}

#[test]
fn a_pasted_long_query_is_one_search_and_finds_what_typing_finds() {
    let query: String = NEEDLE.chars().take(200).collect();
    assert_eq!(query.chars().count(), 200);
    let mut pasted = many_matches();
    pasted.update(Action::StartSearch);
    pasted.update(Message::Paste(query.clone()));
    assert_eq!(pasted.search.query, query);
    assert_eq!(pasted.search.count(), 1);
    let hit = Hit { field: body(NEEDLE_IN, 2), range: 0..200 };
    assert_eq!(pasted.search.current_hit(), Some(&hit));
    assert_eq!(pasted.section, SectionIx(NEEDLE_IN));
    let mut typed = many_matches();
    typed.update(Action::StartSearch);
    type_text(&mut typed, &query);
    assert_eq!(
        (typed.search.count(), typed.search.current_hit(), typed.section),
        (1, Some(&hit), SectionIx(NEEDLE_IN))
    );

    // A paste extends what is typed: `ax` and ` ax` is `ax ax`, which pairs them.
    let mut app = many_matches();
    app.update(Action::StartSearch);
    type_text(&mut app, "ax");
    app.update(Message::Paste(" ax".into()));
    assert_eq!(app.search.query, "ax ax");
    assert_eq!(app.search.count(), SECTIONS * 2 * (PER / 2) + BIG / 2);
}

#[test]
fn a_query_without_a_match_says_so() {
    let mut app = many_matches();
    app.update(Action::JumpToSection(SectionIx(5)));
    app.update(Action::StartSearch);
    let mut missing: String = NEEDLE.chars().take(199).collect();
    missing.push('#');
    app.update(Message::Paste(missing.clone()));
    assert_eq!((app.search.count(), app.match_counter()), (0, None));
    assert_eq!(app.section, SectionIx(5));
    app.update(Action::Accept);
    assert_eq!(app.message, Some(format!("no match for '{missing}'")));
    assert_eq!(app.mode(), Mode::Reading);
    app.update(Action::NextMatch);
    assert_eq!(app.message, Some(format!("no match for '{missing}'")));
}

#[test]
fn growing_an_ascii_query_into_a_folded_one_searches_every_text_again() {
    // `k` matches no Kelvin sign (ASCII case), `kä` does (folded case): the texts where `k`
    // had no match must be searched again.
    let briefing = load(
        "format = 1\n\n[briefing]\nid = \"kelvin\"\ntitle = \"Units\"\n\n[[section]]\n\
         id = \"s0\"\ntitle = \"One\"\nbody = \"Cold \u{212a}\u{e4} here.\"\n",
    );
    let mut app = App::new(briefing, Rect::new(0, 0, 120, 40));
    app.update(Action::StartSearch);
    type_text(&mut app, "k");
    assert_eq!(app.search.count(), 0);
    type_text(&mut app, "\u{e4}");
    assert_eq!(app.search.count(), 1);
    assert_eq!(app.hits(), [Hit { field: body(0, 0), range: 5..10 }]);
}

/// Three sections with `huawei` in text, claims, a counterpoint and a factor, spread so the
/// old order (every section's text, factors last) and reading order differ.
const ORDER: &str = r#"format = 1
[briefing]
id = "order"
title = "Order"

[[section]]
id = "one"
title = "One"
body = "Huawei in the first text."

[[section]]
id = "two"
title = "Two"
body = "Nothing here."

[[section]]
id = "three"
title = "Three"
body = "Huawei in the third text."

[[claim]]
id = "c1"
section = "one"
text = "A claim on Huawei in one."

[[claim]]
id = "c3"
section = "three"
text = "A claim on Huawei in three."

[[counterpoint]]
id = "p3"
claims = ["c3"]
text = "Huawei answers in three."

[[factor]]
id = "f2"
title = "Huawei's suppliers"
text = "Bears on two."
sections = ["two"]

[[factor]]
id = "f0"
title = "Huawei anywhere"
text = "Bears on none."
"#;

/// Where the current match is: (section shown, field).
fn at(app: &App) -> (usize, Field) {
    (app.section().0, app.search().current_hit().unwrap().field)
}

#[test]
fn matches_come_in_reading_order_from_where_the_search_starts() {
    let mut app = App::new(load(ORDER), Rect::new(0, 0, 120, 40));
    let b = app.briefing().clone();
    let (c1, c3) = (ClaimIx(0), ClaimIx(1));
    let f2 = FactorIx(b.factors.iter().position(|f| f.id == "f2").unwrap());
    let f0 = FactorIx(b.factors.iter().position(|f| f.id == "f0").unwrap());
    let expected = [
        (0, Field::Body { section: SectionIx(0), paragraph: 0 }),
        (0, Field::Claim(c1)),
        (1, Field::FactorTitle(f2)),
        (2, Field::Body { section: SectionIx(2), paragraph: 0 }),
        (2, Field::Claim(c3)),
        (2, Field::Counterpoint(CounterpointIx(0))),
    ];
    app.update(Action::StartSearch);
    type_text(&mut app, "huawei");
    app.update(Action::Accept);
    let mut seen = vec![at(&app)];
    for _ in 0..6 {
        app.update(Action::NextMatch);
        seen.push(at(&app));
    }
    assert_eq!(&seen[..6], &expected);
    assert_eq!(seen[6].1, Field::FactorTitle(f0), "a factor bearing on none comes last");
    app.update(Action::NextMatch);
    assert_eq!(at(&app), expected[0]);
    assert_eq!(app.message(), Some("search wrapped to the start"));
    // Typed from section 2, the first match shown is section 2's, not section 3's text.
    let mut app = App::new(load(ORDER), Rect::new(0, 0, 120, 40));
    app.update(Action::JumpToSection(SectionIx(1)));
    app.update(Action::StartSearch);
    type_text(&mut app, "huawei");
    assert_eq!(at(&app), (1, Field::FactorTitle(f2)));
}

#[test]
fn after_esc_n_searches_again_for_the_last_query_from_here() {
    let mut app = App::new(load(ORDER), Rect::new(0, 0, 120, 40));
    app.update(Action::StartSearch);
    type_text(&mut app, "answers");
    app.update(Action::Accept);
    app.update(Action::Close);
    assert_eq!((app.mode(), app.search().count()), (Mode::Reading, 0), "Esc clears the marks");
    app.update(Action::JumpToSection(SectionIx(0)));
    app.update(Action::NextMatch);
    assert_eq!(app.mode(), Mode::Matches);
    assert_eq!(at(&app), (2, Field::Counterpoint(CounterpointIx(0))));
    // N after Esc is the notes overview, as before.
    app.update(Action::Close);
    app.update(Action::OpenNotes);
    assert_eq!(app.mode(), Mode::Notes);
}
