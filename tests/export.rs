//! `briefing export`: Markdown carries the whole briefing and the notes in their places and
//! keeps its structure whatever the text says; JSON round-trips the model; text is the plain
//! rendering; and no format ever writes an escape sequence, whatever the briefing or notes hold.

use std::path::Path;

use briefing::briefing::{Briefing, check_text, load_bundled};
use briefing::export::plain;
use briefing::export::{Format, export};
use briefing::notes::store::utc;
use briefing::notes::{Change, Edit, Notebook, Stance};
use briefing::sanitize::is_unsafe;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const FORMATS: [Format; 3] = [Format::Markdown, Format::Json, Format::Text];
const HOSTILE: &str = "esc\u{1b}]0;pwned\u{7} csi\u{9b}31m bidi\u{202e}txt zw\u{200b}x nul\u{0} del\u{7f} \
     ls\u{2028} tag\u{e0041} cr\rlf\r\n";

fn bundled() -> Briefing {
    load_bundled().unwrap().briefing.unwrap()
}

fn fixture(path: &str) -> Briefing {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    let text = std::fs::read_to_string(&full).unwrap();
    let report = check_text(&full, &text);
    report.briefing.unwrap_or_else(|| panic!("{path}: {:#?}", report.diagnostics))
}

fn note(book: &mut Notebook, claim: &str, claim_text: &str, edit: Edit) {
    book.apply(Change { claim: claim.into(), claim_text: claim_text.into(), edit });
}

/// A current note with a stance, a changed one, a stance-only one and an orphan.
fn notebook(b: &Briefing) -> Notebook {
    let mut book = Notebook::default();
    let first = &b.claims[0];
    note(&mut book, &first.id, &first.text, Edit::SetStance(Some(Stance::Agree)));
    note(
        &mut book,
        &first.id,
        &first.text,
        Edit::SetNote("Counts are not quality.\nSee the chips.".into()),
    );
    let changed = &b.claims[5];
    note(
        &mut book,
        &changed.id,
        "An older wording of the claim.",
        Edit::SetNote("Still holds.".into()),
    );
    note(
        &mut book,
        &changed.id,
        "An older wording of the claim.",
        Edit::SetStance(Some(Stance::Disagree)),
    );
    let stance_only = &b.claims[7];
    note(&mut book, &stance_only.id, &stance_only.text, Edit::SetStance(Some(Stance::Unsure)));
    note(
        &mut book,
        "gone-claim",
        "A claim that was removed.",
        Edit::SetNote("Orphaned thought.".into()),
    );
    for n in book.notes.values_mut() {
        n.created = utc(1_764_000_000);
        n.updated = utc(1_764_086_400);
    }
    book
}

fn assert_safe(out: &str, what: &str) {
    let bad: Vec<char> = out.chars().filter(|&c| is_unsafe(c) && c != '\n').collect();
    assert!(bad.is_empty(), "{what}: unsafe characters {bad:?} in\n{out}");
}

/// Index of `needle` in `hay`, failing the test with both when it is not there.
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle).unwrap_or_else(|| panic!("{needle:?} not in\n{hay}"))
}

/// The text of every heading and paragraph, as a CommonMark (+ GFM tables and footnotes)
/// reader sees it: hard breaks become `\n`. Raw HTML blocks and rules show up as themselves.
fn blocks(md: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // Open text blocks, innermost last; a tight list item holds its text without a paragraph.
    let mut open: Vec<(String, String)> = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let flag = |out: &mut Vec<(String, String)>, kind: &str| out.push((kind.into(), String::new()));
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open.push((format!("heading {level}"), String::new()))
            }
            Event::Start(Tag::Paragraph | Tag::Item) => open.push(("p".into(), String::new())),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => {
                out.extend(open.pop().filter(|(_, text)| !text.is_empty()));
            }
            Event::Text(t) | Event::Code(t) => {
                open.last_mut().into_iter().for_each(|(_, s)| s.push_str(&t))
            }
            Event::SoftBreak => open.last_mut().into_iter().for_each(|(_, s)| s.push(' ')),
            Event::HardBreak => open.last_mut().into_iter().for_each(|(_, s)| s.push('\n')),
            Event::Start(Tag::HtmlBlock) => flag(&mut out, "html"),
            Event::Start(Tag::Table(_)) => flag(&mut out, "table"),
            Event::Start(Tag::FootnoteDefinition(_)) => flag(&mut out, "footnote"),
            Event::Start(Tag::CodeBlock(_)) => flag(&mut out, "code"),
            Event::Rule => flag(&mut out, "rule"),
            Event::Html(_) | Event::InlineHtml(_) => flag(&mut out, "html"),
            _ => {}
        }
    }
    out
}

#[test]
fn markdown_holds_the_whole_bundled_briefing() {
    let b = bundled();
    let md = export(&b, None, Format::Markdown);
    assert!(md.starts_with(&format!("# {}\n\n", b.title)), "{md}");
    for paragraph in &b.summary {
        assert!(md.contains(&format!("\n{paragraph}\n")), "summary {paragraph:?}");
    }
    let mut last = 0;
    for (i, s) in b.sections.iter().enumerate() {
        let heading = at(&md, &format!("\n## {}. {}\n", i + 1, s.title));
        assert!(heading > last, "sections in order");
        last = heading;
        for paragraph in &s.paragraphs {
            assert!(at(&md, &format!("\n{paragraph}\n")) > heading);
        }
    }
    for c in &b.claims {
        let item = at(&md, &format!("\n- {} *({})*\n", c.text, c.kind.unwrap().name()));
        let quote = at(&md, &format!("\n  > {}\n", c.quote.as_deref().unwrap()));
        assert!(quote > item, "claim '{}': quote under its claim", c.id);
        assert!(item > at(&md, &format!("## {}. ", c.section)), "claim '{}' in its section", c.id);
        for &cp in &c.counterpoints {
            let cp = &b.counterpoints[cp];
            let by = cp.by.as_deref().unwrap();
            assert!(md[item..].contains(&format!("  - **Counterpoint** ({by}): {}\n", cp.text)));
        }
    }
    for cp in &b.counterpoints {
        assert!(md.contains(&cp.text), "counterpoint '{}'", cp.id);
    }
    let part = at(&md, "\n## Future factors\n");
    assert!(part > last, "the factors part comes after the sections");
    assert_eq!(b.factors.len(), 3);
    for f in &b.factors {
        assert!(md[part..].contains(&format!("\n### {}\n", f.title)), "factor '{}'", f.id);
        assert!(md[part..].contains(&format!("\n*{}*\n", f.question.as_deref().unwrap())));
        assert!(md[part..].contains(&format!("\n{}\n", f.text)));
        for &s in &f.sections {
            let section = at(&md, &format!("\n## {}. ", s));
            let next = md[section + 1..].find("\n## ").map_or(md.len(), |n| n + section + 1);
            assert!(md[section..next].contains(&format!("- **{}**", f.title)), "factor '{}'", f.id);
        }
    }
    assert!(!md.contains("Your note") && !md.contains("Orphaned"), "no notes asked for");
    assert!(md.ends_with(")*\n") && !md.ends_with("\n\n"), "one newline at the end");
}

#[test]
fn markdown_puts_notes_under_their_claims_and_orphans_last() {
    let b = bundled();
    let book = notebook(&b);
    let md = export(&b, Some(&book), Format::Markdown);
    let claim_at = |i: usize| at(&md, &format!("\n- {} ", b.claims[i].text));
    let next_claim = |i: usize| b.claims.get(i + 1).map_or(md.len(), |_| claim_at(i + 1));
    let between = |i: usize| &md[claim_at(i)..next_claim(i)];

    let first = between(0);
    assert!(first.contains("\n  **Your stance:** agree\n"), "{first}");
    assert!(
        first.contains("\n  **Your note:**\n\n  > Counts are not quality.\\\n  > See the chips.\n")
    );
    assert!(!first.contains("changed"), "{first}");

    let changed = between(5);
    assert!(changed.contains("  *The claim changed since your note was written; it read:* “An older wording of the claim.”"), "{changed}");
    assert!(changed.contains("**Your stance:** disagree") && changed.contains("  > Still holds."));

    let stance_only = between(7);
    assert!(stance_only.contains("**Your stance:** unsure") && !stance_only.contains("Your note"));
    for i in [1, 2, 3, 4, 6, 8] {
        assert!(!between(i).contains("**Your"), "claim {i} has no note");
    }

    let orphans = at(&md, "\n## Orphaned notes\n");
    assert!(orphans > at(&md, "\n## Future factors\n"), "orphans are the last part");
    let tail = &md[orphans..];
    assert!(tail.contains("\n- A claim that was removed. *(claim `gone-claim`)*\n"), "{tail}");
    assert!(tail.ends_with("  **Your note:**\n\n  > Orphaned thought.\n"), "{tail}");
    assert_eq!(md.matches("**Your note:**").count(), 3);
}

#[test]
fn markdown_text_never_changes_the_document_structure() {
    let b = fixture("export/markdown-traps.toml");
    let mut book = Notebook::default();
    let note_text =
        "first line\n# second\n\n\n- third\n1. fourth\n```\n<!-- x\n[a]: /b <i>\nend \\";
    note(&mut book, "heading-claim", &b.claims[0].text, Edit::SetNote(note_text.into()));
    note(&mut book, "old", "## an orphan's claim ##", Edit::SetNote("> quoted".into()));
    let md = export(&b, Some(&book), Format::Markdown);
    let got = blocks(&md);
    let headings: Vec<&str> =
        got.iter().filter(|(k, _)| k.starts_with("heading")).map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Learn C #",
            "1. 1. Introduction ##",
            "Claims",
            "Future factors",
            "2. ###",
            "Future factors",
            "Chips #",
            "Orphaned notes",
        ],
        "{md}"
    );
    let kinds: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
    for bad in ["html", "table", "footnote", "code", "rule"] {
        assert!(!kinds.contains(&bad), "a {bad} block in\n{md}\n{got:#?}");
    }
    let paragraphs: Vec<&str> =
        got.iter().filter(|(k, _)| k == "p").map(|(_, t)| t.as_str()).collect();
    let mut want: Vec<String> = b.sections.iter().flat_map(|s| s.paragraphs.clone()).collect();
    want.extend(b.summary.clone());
    want.extend(b.claims.iter().filter_map(|c| c.quote.clone()));
    want.extend(b.factors.iter().map(|f| f.text.clone()));
    want.extend([
        "# not a heading".into(),
        "> not a quote".into(),
        "# A claim that starts like a heading (assessment)".into(),
        "- A claim that starts like a list".into(),
        "Counterpoint (- editor): > A counterpoint that starts like a quote".into(),
        "Chips #: 1. Will it?".into(),
        "first line\n# second".into(),
        "- third\n1. fourth\n```\n<!-- x\n[a]: /b <i>\nend \\".into(),
        "## an orphan's claim ## (claim old)".into(),
        "> quoted".into(),
    ]);
    for w in &want {
        assert!(
            paragraphs.contains(&w.as_str()),
            "{w:?} not a paragraph of\n{md}\n{paragraphs:#?}"
        );
    }
}

#[test]
fn json_round_trips_the_model() {
    for (name, b) in [
        ("bundled", bundled()),
        ("hostile-text", fixture("valid/hostile-text.toml")),
        ("wide", fixture("valid/wide.toml")),
        ("full", fixture("valid/full.toml")),
    ] {
        let out = export(&b, None, Format::Json);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["format"], "briefing-export", "{name}");
        assert_eq!(json["version"], 1, "{name}");
        assert!(json.get("notes").is_none(), "{name}: no notes key without notes");
        let back: Briefing = serde_json::from_value(json["briefing"].clone()).unwrap();
        assert_eq!(back, b, "{name}");
        assert!(out.starts_with("{\n  \"format\": \"briefing-export\",\n  \"version\": 1,\n"));
        assert!(out.ends_with("}\n"));
    }
}

#[test]
fn json_lists_notes_in_claim_id_order_with_their_standing() {
    let b = bundled();
    let book = notebook(&b);
    let json: serde_json::Value =
        serde_json::from_str(&export(&b, Some(&book), Format::Json)).unwrap();
    let notes = json["notes"].as_array().unwrap();
    let ids: Vec<&str> = notes.iter().map(|n| n["claim"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 4);
    let by_id = |id: &str| notes.iter().find(|n| n["claim"] == id).unwrap();
    let first = by_id(&b.claims[0].id);
    assert_eq!(
        *first,
        serde_json::json!({
            "claim": b.claims[0].id,
            "claim_text": b.claims[0].text,
            "stance": "agree",
            "note": "Counts are not quality.\nSee the chips.",
            "created": "2025-11-24T16:00:00Z",
            "updated": "2025-11-25T16:00:00Z",
            "standing": "current",
        })
    );
    let changed = by_id(&b.claims[5].id);
    assert_eq!(changed["standing"], "changed");
    assert_eq!(changed["claim_text"], "An older wording of the claim.");
    let stance_only = by_id(&b.claims[7].id);
    assert_eq!((&stance_only["note"], &stance_only["stance"]), (&"".into(), &"unsure".into()));
    assert_eq!(by_id("gone-claim")["standing"], "orphaned");
    let empty: serde_json::Value =
        serde_json::from_str(&export(&b, Some(&Notebook::default()), Format::Json)).unwrap();
    assert_eq!(empty["notes"], serde_json::json!([]));
}

#[test]
fn json_keeps_unsaved_times_as_null() {
    let b = bundled();
    let mut book = Notebook::default();
    note(&mut book, &b.claims[0].id, &b.claims[0].text, Edit::SetNote("x".into()));
    let json: serde_json::Value =
        serde_json::from_str(&export(&b, Some(&book), Format::Json)).unwrap();
    assert!(json["notes"][0]["created"].is_null() && json["notes"][0]["updated"].is_null());
}

#[test]
fn text_is_the_plain_rendering() {
    for b in [bundled(), fixture("valid/hostile-text.toml"), fixture("valid/wide.toml")] {
        assert_eq!(export(&b, None, Format::Text), plain::render(&b));
    }
}

#[test]
fn text_with_notes_appends_them_after_the_plain_rendering() {
    let b = bundled();
    let out = export(&b, Some(&notebook(&b)), Format::Text);
    let plain = plain::render(&b);
    let part =
        out.strip_prefix(&plain).unwrap().strip_prefix("\nYour notes\n----------\n\n").unwrap();
    assert!(
        part.contains(
            "    Stance: agree\n    Note:\n      Counts are not quality.\n      See the chips.\n"
        ),
        "{part}"
    );
    assert!(part.contains("The claim changed since this note was written"), "{part}");
    let orphans = at(part, "\n\nOrphaned notes: their claims are no longer in the briefing\n");
    assert!(!part.contains("\n\n\n"), "{part}");
    assert!(orphans > at(part, &b.claims[7].text[..20]));
    assert!(part[orphans..].contains("A claim that was removed. [claim gone-claim]"), "{part}");
    assert!(out.ends_with("      Orphaned thought.\n"));
}

/// Every string of `b` with hostile characters added, as no loader would let through.
fn poisoned(b: &Briefing) -> Briefing {
    fn poison(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => s.push_str(HOSTILE),
            serde_json::Value::Array(items) => items.iter_mut().for_each(poison),
            serde_json::Value::Object(map) => map.values_mut().for_each(poison),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(b).unwrap();
    poison(&mut v);
    serde_json::from_value(v).unwrap()
}

fn hostile_notebook(b: &Briefing) -> Notebook {
    let mut book = Notebook::default();
    let note_text = format!("{HOSTILE}\nline two {HOSTILE}");
    for c in b.claims.iter().take(2) {
        note(&mut book, &c.id, &c.text, Edit::SetNote(note_text.clone()));
    }
    note(&mut book, &b.claims[0].id, "changed", Edit::SetStance(Some(Stance::Agree)));
    note(&mut book, &format!("gone{HOSTILE}"), HOSTILE, Edit::SetNote(note_text.clone()));
    book
}

#[test]
fn no_format_writes_an_unsafe_character() {
    let hostile = fixture("valid/hostile-text.toml");
    for (name, b) in [
        ("hostile-text", hostile.clone()),
        ("poisoned", poisoned(&hostile)),
        ("bundled", bundled()),
    ] {
        let book = hostile_notebook(&b);
        for format in FORMATS {
            for notes in [None, Some(&book)] {
                let out = export(&b, notes, format);
                assert_safe(&out, &format!("{name} {format:?} notes: {}", notes.is_some()));
            }
        }
    }
}

#[test]
fn json_keeps_hostile_text_exactly_through_escapes() {
    let b = poisoned(&fixture("valid/hostile-text.toml"));
    let book = hostile_notebook(&b);
    let out = export(&b, Some(&book), Format::Json);
    assert!(out.contains("\\u009b") && out.contains("\\u202e") && out.contains("\\udb40\\udc41"));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let back: Briefing = serde_json::from_value(json["briefing"].clone()).unwrap();
    assert_eq!(back, b, "lossless: the raw characters come back");
    let notes: Vec<&str> =
        json["notes"].as_array().unwrap().iter().map(|n| n["note"].as_str().unwrap()).collect();
    let raw: Vec<&str> = book.notes.values().map(|n| n.note.as_str()).collect();
    assert_eq!(notes, raw);
}

proptest! {
    #[test]
    fn any_note_text_exports_safely(
        text in proptest::collection::vec(
            prop_oneof![
                (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
                (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
                Just('\u{202e}'), Just('\u{2067}'), Just('\u{200b}'), Just('\u{feff}'),
                Just('#'), Just('>'), Just('\\'), Just('`'), Just(' '), Just('\n'),
                Just('a'), Just('中'), Just('😀'),
            ],
            0..64,
        ).prop_map(|v| v.into_iter().collect::<String>())
    ) {
        let b = fixture("valid/full.toml");
        let mut book = Notebook::default();
        note(&mut book, "thing", &b.claims[0].text, Edit::SetNote(text.clone()));
        note(&mut book, "gone", &text, Edit::SetNote(text.clone()));
        for format in FORMATS {
            let out = export(&b, Some(&book), format);
            prop_assert!(!out.chars().any(|c| is_unsafe(c) && c != '\n'), "{format:?}: {out:?}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&export(&b, Some(&book), Format::Json)).unwrap();
        let gone = json["notes"].as_array().unwrap().iter().find(|n| n["claim"] == "gone");
        let want = (!text.is_empty()).then_some(text.as_str());
        prop_assert_eq!(gone.and_then(|n| n["note"].as_str()), want);
    }
}
