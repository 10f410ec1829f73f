//! `briefing export`: Markdown carries the whole briefing and the notes in their places and
//! keeps its structure whatever the text says; JSON has exactly the documented shape
//! (`docs/export-format.md`), whatever the model holds; text is the plain rendering; and no
//! format ever writes an escape sequence, whatever the briefing or notes hold.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::Path;

use briefing::briefing::{Briefing, check_text, load_bundled};
use briefing::export::plain;
use briefing::export::{Format, export};
use briefing::notes::store::utc;
use briefing::notes::{
    Change, Confidence, Edit, Label, Likelihood, Mark, MarkChange, MarkEdit, Notebook, Stance,
};
use briefing::sanitize::is_unsafe;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const FORMATS: [Format; 4] = [Format::Markdown, Format::Json, Format::Text, Format::W3c];
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

/// A current note with a stance, a likelihood and a confidence, a changed one, a stance-only
/// one and an orphan.
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
    note(&mut book, &first.id, &first.text, Edit::SetLikelihood(Some(Likelihood::Likely)));
    note(&mut book, &first.id, &first.text, Edit::SetConfidence(Some(Confidence::Moderate)));
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
    for f in &b.factors {
        let factor = part + at(&md[part..], &format!("\n### {}\n", f.title));
        let watch = factor + at(&md[factor..], "\n**Indicators to watch:**\n");
        for i in &f.indicators {
            let by = i.by.as_deref().unwrap();
            assert!(md[watch..].contains(&format!("\n- {} *({by})*\n", i.text)), "'{}'", i.id);
        }
    }
    let hypotheses = at(&md, "\n## Hypotheses\n");
    assert!(last < hypotheses && hypotheses < part, "between the sections and the factors");
    for h in &b.hypotheses {
        let by = h.by.as_deref().unwrap();
        let at_h = at(&md, &format!("\n### {} *({by})*\n", h.title));
        assert!(at_h > hypotheses && md[at_h..].contains(&format!("\n{}\n", h.text)));
    }
    let kunpeng = "Unable to rely on U.S. chips, Huawei has set out to build its own, the Kunpeng";
    assert!(md[hypotheses..part].contains(&format!("\n- **C** (consistent): {kunpeng}")));
    assert!(!md[hypotheses..part].contains("- **N**"), "neutral items are counted, not listed");
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
    let estimate = "\n  **Your estimate:** likely (55-80%), moderate confidence\n";
    assert!(first.contains(estimate), "{first}");
    assert_eq!(md.matches("**Your estimate:**").count(), 1, "only where one is set");
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

/// A briefing small enough to write its export out by hand: two sections (the first with two
/// paragraphs, the quote after multi-byte characters), a claim with every optional field and
/// one with none, a counterpoint with and one without `by`, and a factor without a question
/// that bears on one section directly and on the other through a claim.
const TINY: &str = r#"
format = 1

[briefing]
id = "tiny"
title = "Tiny"
subtitle = "A briefing for the export tests"
published = "2025-01-02"
summary = """
First summary paragraph.

Second one."""

[[section]]
id = "intro"
title = "Intro"
body = """
Plain words first.

Naïve café – “quoted words” end."""

[[section]]
id = "next"
title = "Next"
body = "Nothing is claimed here."

[[claim]]
id = "quoted"
section = "intro"
text = "It quotes words."
quote = "“quoted words”"
kind = "forecast"
likelihood = "likely"
confidence = "moderate"
ratings = { dry = "I", wet = "CC" }

[[claim]]
id = "bare"
section = "intro"
text = "A claim with no quote."

[[counterpoint]]
id = "answer"
claims = ["bare", "quoted"]
text = "An answer to both."
by = "editor"
ratings = { dry = "N" }

[[counterpoint]]
id = "anon"
claims = ["quoted"]
text = "An answer with no author."

[[factor]]
id = "weather"
title = "Weather"
text = "Bears on the next section and on one claim."
sections = ["next"]
claims = ["quoted"]

[[factor.indicators]]
id = "clouds"
text = "Whether clouds gather."
by = "editor"

[[hypothesis]]
id = "wet"
title = "Wet"
text = "It will rain."
by = "editor"

[[hypothesis]]
id = "dry"
title = "Dry"
text = "It will not."
"#;

fn tiny() -> Briefing {
    let report = check_text(Path::new("tiny.toml"), TINY);
    report.briefing.unwrap_or_else(|| panic!("{:#?}", report.diagnostics))
}

/// On `tiny()`: a current note with a stance, a likelihood and a confidence, a changed
/// stance-only one, and an unsaved orphan.
fn tiny_notebook() -> Notebook {
    let mut book = Notebook::default();
    note(&mut book, "quoted", "It quotes words.", Edit::SetStance(Some(Stance::Agree)));
    note(&mut book, "quoted", "It quotes words.", Edit::SetNote("Line one.\nLine two.".into()));
    let very_likely = Edit::SetLikelihood(Some(Likelihood::VeryLikely));
    note(&mut book, "quoted", "It quotes words.", very_likely);
    note(&mut book, "quoted", "It quotes words.", Edit::SetConfidence(Some(Confidence::High)));
    note(&mut book, "bare", "An older wording.", Edit::SetStance(Some(Stance::Disagree)));
    for n in book.notes.values_mut() {
        n.created = utc(1_764_000_000);
        n.updated = utc(1_764_086_400);
    }
    note(&mut book, "gone", "A removed claim.", Edit::SetNote("Orphan.".into()));
    book
}

fn parsed(b: &Briefing, notes: Option<&Notebook>) -> serde_json::Value {
    let out = export(b, notes, Format::Json);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: not JSON:\n{out}"))
}

#[test]
fn json_of_a_tiny_briefing_is_the_golden_file() {
    let out = export(&tiny(), Some(&tiny_notebook()), Format::Json);
    assert!(out.ends_with("}\n") && !out.ends_with("\n\n"), "one newline at the end");
    insta::assert_snapshot!(out);
}

#[test]
fn json_example_in_the_docs_is_the_real_output() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export-format.md"),
    )
    .unwrap();
    let start = at(&doc, "```json\n") + "```json\n".len();
    let end = start + at(&doc[start..], "```\n");
    let example: serde_json::Value = serde_json::from_str(&doc[start..end]).unwrap();
    assert_eq!(parsed(&tiny(), Some(&tiny_notebook())), example);
}

#[test]
fn json_briefing_carries_the_text_and_references_as_indices() {
    let json = parsed(&tiny(), None);
    assert_eq!((&json["format"], &json["version"]), (&"briefing-export".into(), &1.into()));
    let b = &json["briefing"];
    let head = [&b["id"], &b["title"], &b["subtitle"], &b["source"], &b["published"]];
    assert_eq!(
        head.map(|v| v.as_str()),
        [
            Some("tiny"),
            Some("Tiny"),
            Some("A briefing for the export tests"),
            None,
            Some("2025-01-02")
        ]
    );
    assert!(b["source"].is_null());
    assert_eq!(b["summary"], serde_json::json!(["First summary paragraph.", "Second one."]));
    assert_eq!(
        b["sections"],
        serde_json::json!([
            {
                "id": "intro", "title": "Intro",
                "paragraphs": ["Plain words first.", "Naïve café – “quoted words” end."],
                "kinds": ["text", "text"],
                "claims": [0, 1], "counterpoints": [0, 1], "factors": [0],
            },
            {
                "id": "next", "title": "Next", "paragraphs": ["Nothing is claimed here."],
                "kinds": ["text"],
                "claims": [], "counterpoints": [], "factors": [0],
            },
        ])
    );
    assert_eq!(
        b["claims"][1],
        serde_json::json!({
            "id": "bare", "section": 0, "text": "A claim with no quote.",
            "quote": null, "quote_span": null, "kind": null, "likelihood": null,
            "confidence": null, "counterpoints": [0], "ratings": [],
        })
    );
    assert_eq!(
        b["counterpoints"],
        serde_json::json!([
            { "id": "answer", "claims": [1, 0], "text": "An answer to both.", "by": "editor",
              "ratings": [{ "hypothesis": 1, "consistency": "N" }] },
            { "id": "anon", "claims": [0], "text": "An answer with no author.", "by": null,
              "ratings": [] },
        ])
    );
    assert_eq!(
        b["factors"],
        serde_json::json!([{
            "id": "weather", "title": "Weather", "question": null,
            "text": "Bears on the next section and on one claim.",
            "sections": [1], "claims": [0],
            "indicators": [{ "id": "clouds", "text": "Whether clouds gather.", "by": "editor" }],
        }])
    );
    assert_eq!(
        b["hypotheses"],
        serde_json::json!([
            { "id": "wet", "title": "Wet", "text": "It will rain.", "by": "editor" },
            { "id": "dry", "title": "Dry", "text": "It will not.", "by": null },
        ])
    );
    assert!(json.get("notes").is_none(), "no notes key without --notes");
}

#[test]
fn json_quote_span_locates_the_quote_in_bytes_and_in_chars() {
    let json = parsed(&tiny(), None);
    let claim = &json["briefing"]["claims"][0];
    assert_eq!((&claim["id"], &claim["kind"]), (&"quoted".into(), &"forecast".into()));
    assert_eq!(
        (&claim["likelihood"], &claim["confidence"]),
        (&"likely".into(), &"moderate".into())
    );
    assert_eq!(claim["quote"], "“quoted words”");
    // "Naïve café – " is 17 bytes and 13 characters; the quote 18 bytes and 14 characters.
    assert_eq!(
        claim["quote_span"],
        serde_json::json!({
            "paragraph": 1,
            "range": { "start": 17, "end": 35 },
            "chars": { "start": 13, "end": 27 },
        })
    );
    assert_eq!(claim["counterpoints"], serde_json::json!([0, 1]));
    assert_eq!(
        claim["ratings"],
        serde_json::json!([
            { "hypothesis": 0, "consistency": "CC" },
            { "hypothesis": 1, "consistency": "I" },
        ]),
        "in hypothesis order"
    );
}

#[test]
fn json_notes_are_in_claim_id_order_with_their_standing() {
    let json = parsed(&tiny(), Some(&tiny_notebook()));
    assert_eq!(
        json["notes"],
        serde_json::json!([
            {
                "claim": "bare", "claim_text": "An older wording.", "stance": "disagree",
                "note": "", "created": "2025-11-24T16:00:00Z", "updated": "2025-11-25T16:00:00Z",
                "standing": "changed",
            },
            {
                "claim": "gone", "claim_text": "A removed claim.", "stance": null,
                "note": "Orphan.", "created": null, "updated": null, "standing": "orphaned",
            },
            {
                "claim": "quoted", "claim_text": "It quotes words.", "stance": "agree",
                "likelihood": "very likely", "confidence": "high",
                "note": "Line one.\nLine two.", "created": "2025-11-24T16:00:00Z",
                "updated": "2025-11-25T16:00:00Z", "standing": "current",
            },
        ])
    );
    assert_eq!(parsed(&tiny(), Some(&Notebook::default()))["notes"], serde_json::json!([]));
}

/// What a key of the export holds, as `docs/export-format.md` documents it.
#[derive(Clone, Copy)]
enum Kind {
    Str,
    OptStr,
    /// One of these strings; `null` too when the flag says so.
    OneOf(&'static [&'static str], bool),
    /// One of these strings, or the key is absent (never `null`).
    Absent(&'static [&'static str]),
    Int,
    Strs,
    /// An index, or a list of indices, into the `briefing` array named.
    Ix(&'static str),
    Ixs(&'static str),
    Object(&'static [(&'static str, Kind)]),
    OptObject(&'static [(&'static str, Kind)]),
    List(&'static [(&'static str, Kind)]),
}

use Kind::*;

const OFFSETS: &[(&str, Kind)] = &[("start", Int), ("end", Int)];
const QUOTE_SPAN: &[(&str, Kind)] =
    &[("paragraph", Int), ("range", Object(OFFSETS)), ("chars", Object(OFFSETS))];
const SECTION: &[(&str, Kind)] = &[
    ("id", Str),
    ("title", Str),
    ("paragraphs", Strs),
    ("kinds", Strs),
    ("claims", Ixs("claims")),
    ("counterpoints", Ixs("counterpoints")),
    ("factors", Ixs("factors")),
];
const CLAIM: &[(&str, Kind)] = &[
    ("id", Str),
    ("section", Ix("sections")),
    ("text", Str),
    ("quote", OptStr),
    ("quote_span", OptObject(QUOTE_SPAN)),
    ("kind", OneOf(&["fact", "assessment", "forecast"], true)),
    ("likelihood", OneOf(LIKELIHOODS, true)),
    ("confidence", OneOf(CONFIDENCES, true)),
    ("counterpoints", Ixs("counterpoints")),
    ("ratings", List(RATING)),
];
const LIKELIHOODS: &[&str] = &[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
];
const CONFIDENCES: &[&str] = &["low", "moderate", "high"];
const RATING: &[(&str, Kind)] = &[
    ("hypothesis", Ix("hypotheses")),
    ("consistency", OneOf(&["CC", "C", "N", "I", "II"], false)),
];
const COUNTERPOINT: &[(&str, Kind)] = &[
    ("id", Str),
    ("claims", Ixs("claims")),
    ("text", Str),
    ("by", OptStr),
    ("ratings", List(RATING)),
];
const INDICATOR: &[(&str, Kind)] = &[("id", Str), ("text", Str), ("by", OptStr)];
const HYPOTHESIS: &[(&str, Kind)] = &[("id", Str), ("title", Str), ("text", Str), ("by", OptStr)];
const FACTOR: &[(&str, Kind)] = &[
    ("id", Str),
    ("title", Str),
    ("question", OptStr),
    ("text", Str),
    ("sections", Ixs("sections")),
    ("claims", Ixs("claims")),
    ("indicators", List(INDICATOR)),
];
const BRIEFING: &[(&str, Kind)] = &[
    ("id", Str),
    ("title", Str),
    ("subtitle", OptStr),
    ("source", OptStr),
    ("published", OptStr),
    ("summary", Strs),
    ("sections", List(SECTION)),
    ("claims", List(CLAIM)),
    ("counterpoints", List(COUNTERPOINT)),
    ("factors", List(FACTOR)),
    ("hypotheses", List(HYPOTHESIS)),
];
const NOTE: &[(&str, Kind)] = &[
    ("claim", Str),
    ("claim_text", Str),
    ("stance", OneOf(&["agree", "disagree", "unsure"], true)),
    ("likelihood", Absent(LIKELIHOODS)),
    ("confidence", Absent(CONFIDENCES)),
    ("note", Str),
    ("created", OptStr),
    ("updated", OptStr),
    ("standing", OneOf(&["current", "changed", "orphaned"], false)),
];
const MARK: &[(&str, Kind)] = &[
    ("id", Str),
    ("section", Str),
    ("exact", Str),
    ("prefix", Str),
    ("suffix", Str),
    ("label", OneOf(&["evidence", "doubt", "question"], true)),
    ("stance", OneOf(&["agree", "disagree", "unsure"], true)),
    ("note", OptStr),
    ("standing", OneOf(&["current", "moved", "drifted", "orphaned"], false)),
    ("created", OptStr),
    ("updated", OptStr),
];
const DOCUMENT: &[(&str, Kind)] = &[
    ("format", OneOf(&["briefing-export"], false)),
    ("version", Int),
    ("briefing", Object(BRIEFING)),
    ("notes", List(NOTE)),
    ("marks", List(MARK)),
    ("ratings", List(YOUR_RATING)),
    ("observations", List(OBSERVATION)),
    ("own_claims", List(OWN_CLAIM)),
    ("own_counterpoints", List(OWN_COUNTERPOINT)),
];
const OWN_CLAIM: &[(&str, Kind)] = &[
    ("id", Str),
    ("section", Str),
    ("text", Str),
    ("kind", OneOf(&["fact", "assessment", "forecast"], true)),
    ("quote", Str),
    ("standing", OneOf(&["current", "moved", "drifted", "orphaned"], false)),
    ("stance", OneOf(&["agree", "disagree", "unsure"], true)),
    ("likelihood", Absent(LIKELIHOODS)),
    ("confidence", Absent(CONFIDENCES)),
    ("note", Str),
    ("created", OptStr),
    ("updated", OptStr),
];
const OWN_COUNTERPOINT: &[(&str, Kind)] = &[
    ("id", Str),
    ("claims", Strs),
    ("text", Str),
    ("by", OptStr),
    ("created", OptStr),
    ("updated", OptStr),
];
const YOUR_RATING: &[(&str, Kind)] = &[
    ("kind", OneOf(&["claim", "counterpoint"], false)),
    ("item", Str),
    ("hypothesis", Str),
    ("consistency", OneOf(&["CC", "C", "N", "I", "II"], false)),
    ("standing", OneOf(&["current", "orphaned"], false)),
];
const OBSERVATION: &[(&str, Kind)] = &[
    ("id", Str),
    ("indicator", Str),
    ("factor", OptStr),
    ("text", Str),
    ("created", OptStr),
    ("standing", OneOf(&["current", "orphaned"], false)),
];

/// Checks that `v` is an object with exactly the keys of `fields` (`notes` may be absent, and
/// so may an `Absent` key),
/// each holding what its `Kind` says; `briefing` resolves the indices.
fn check_object(
    v: &serde_json::Value,
    fields: &[(&str, Kind)],
    briefing: &serde_json::Value,
    at: &str,
) {
    let map = v.as_object().unwrap_or_else(|| panic!("{at}: not an object: {v}"));
    let mut want: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
    if at.is_empty() && !map.contains_key("notes") {
        let with_notes =
            ["notes", "marks", "ratings", "observations", "own_claims", "own_counterpoints"];
        want.retain(|&k| !with_notes.contains(&k));
    }
    let absent = |k: &str| fields.iter().any(|(f, kind)| *f == k && matches!(kind, Absent(_)));
    want.retain(|&k| !absent(k) || map.contains_key(k));
    let got: Vec<&str> = map.keys().map(String::as_str).collect();
    let (mut want_sorted, mut got_sorted) = (want.clone(), got.clone());
    want_sorted.sort_unstable();
    got_sorted.sort_unstable();
    assert_eq!(got_sorted, want_sorted, "{at}: keys");
    for (key, kind) in fields.iter().filter(|(k, _)| want.contains(k)) {
        check_value(&map[*key], *kind, briefing, &format!("{at}.{key}"));
    }
}

fn check_value(v: &serde_json::Value, kind: Kind, briefing: &serde_json::Value, at: &str) {
    let is_index = |v: &serde_json::Value, array: &str| {
        let len = briefing[array].as_array().map_or(0, Vec::len);
        v.as_u64().is_some_and(|i| (i as usize) < len)
    };
    let ok = match kind {
        Str => v.is_string(),
        OptStr => v.is_string() || v.is_null(),
        OneOf(names, nullable) => {
            v.as_str().is_some_and(|s| names.contains(&s)) || (nullable && v.is_null())
        }
        Absent(names) => v.as_str().is_some_and(|s| names.contains(&s)),
        Int => v.is_u64(),
        Strs => v.as_array().is_some_and(|a| a.iter().all(|s| s.is_string())),
        Ix(array) => is_index(v, array),
        Ixs(array) => v.as_array().is_some_and(|a| a.iter().all(|i| is_index(i, array))),
        Object(fields) => {
            check_object(v, fields, briefing, at);
            true
        }
        OptObject(fields) => {
            if !v.is_null() {
                check_object(v, fields, briefing, at);
            }
            true
        }
        List(fields) => {
            let items = v.as_array().unwrap_or_else(|| panic!("{at}: not an array: {v}"));
            for (i, item) in items.iter().enumerate() {
                check_object(item, fields, briefing, &format!("{at}[{i}]"));
            }
            true
        }
    };
    assert!(ok, "{at}: {v} is not what the docs say");
}

/// The export is built from its own structs, not the model's serde: the model's next change
/// makes its indices newtypes and later ones add and rename fields, none of which may reach the
/// output. So every object must have exactly the documented keys, each holding the documented
/// type (indices plain numbers into their arrays), whatever briefing is exported.
#[test]
fn json_has_exactly_the_documented_keys_and_types_whatever_the_model_holds() {
    let hostile = fixture("valid/hostile-text.toml");
    for (name, b) in [
        ("tiny", tiny()),
        ("bundled", bundled()),
        ("minimal", fixture("valid/minimal.toml")),
        ("full", fixture("valid/full.toml")),
        ("wide", fixture("valid/wide.toml")),
        ("poisoned", poisoned(&hostile)),
        ("hostile-text", hostile),
    ] {
        let yours = yours_notebook(&b);
        let own = own_notebook(&b);
        for book in [None, Some(&tiny_notebook()), Some(&yours), Some(&own)] {
            let json = parsed(&b, book);
            assert_eq!(json["version"], 1, "{name}");
            check_object(&json, DOCUMENT, &json["briefing"], "");
            assert_eq!(json.get("notes").is_some(), book.is_some(), "{name}");
        }
    }
    let b = tiny();
    let json = parsed(&b, None);
    let spans: Vec<bool> = json["briefing"]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["quote_span"].is_null())
        .collect();
    assert_eq!(spans, [false, true], "the check above saw a quote span");
}

#[test]
fn json_never_writes_hostile_characters_raw_and_parses_back_to_them() {
    const RAW: [char; 4] = ['\u{1b}', '\u{7}', '\u{202e}', '\u{85}'];
    const ESCAPED: [&str; 4] = ["\\u001b", "\\u0007", "\\u202e", "\\u0085"];
    let hostile = "a\u{1b}[2J b\u{7} c\u{202e}d e\u{85}f";
    let mut b = tiny();
    b.title = format!("Tiny {hostile}");
    b.claims[0].text = hostile.into();
    b.sections[1].paragraphs[0] = hostile.into();
    let mut book = tiny_notebook();
    note(&mut book, "quoted", hostile, Edit::SetNote(format!("{hostile}\n{hostile}")));
    note(&mut book, &format!("gone{hostile}"), hostile, Edit::SetNote(hostile.into()));

    let out = export(&b, Some(&book), Format::Json);
    for (c, escape) in RAW.iter().zip(ESCAPED) {
        assert!(!out.contains(*c), "{c:?} raw in\n{out}");
        assert!(out.contains(escape), "{escape} not in\n{out}");
    }
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["briefing"]["title"], format!("Tiny {hostile}"));
    assert_eq!(json["briefing"]["claims"][0]["text"], hostile);
    assert_eq!(json["briefing"]["sections"][1]["paragraphs"][0], hostile);
    let notes = json["notes"].as_array().unwrap();
    let quoted = notes.iter().find(|n| n["claim"] == "quoted").unwrap();
    assert_eq!(
        (&quoted["claim_text"], &quoted["note"], &quoted["standing"]),
        (&hostile.into(), &format!("{hostile}\n{hostile}").into(), &"current".into())
    );
    let gone = notes.iter().find(|n| n["claim"] == format!("gone{hostile}")).unwrap();
    assert_eq!((&gone["claim_text"], &gone["note"]), (&hostile.into(), &hostile.into()));
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
            "    Stance: agree\n    Estimate: likely (55-80%), moderate confidence\n    Note:\n      \
             Counts are not quality.\n      See the chips.\n"
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
            // What each paragraph is, an enum: not text a file could hold.
            serde_json::Value::Object(map) => {
                map.iter_mut().filter(|(k, _)| *k != "kinds").for_each(|(_, v)| poison(v))
            }
            _ => {}
        }
    }
    let mut v = serde_json::to_value(b).unwrap();
    poison(&mut v);
    serde_json::from_value(v).unwrap()
}

/// Your ratings and observations on `b` (whatever it holds): a rating of its first claim
/// under its first hypothesis when it has both, an observation on its first indicator when it
/// has one, and one of each orphaned; hostile text in the observations.
fn yours_notebook(b: &Briefing) -> Notebook {
    use briefing::briefing::Consistency;
    use briefing::notes::{ItemKind, Observation, ObservationChange, ObservationEdit};
    use briefing::notes::{RatingChange, RatingKey};
    let mut book = Notebook::default();
    let mut rate = |item: &str, hypothesis: &str, c| {
        let key =
            RatingKey { kind: ItemKind::Claim, item: item.into(), hypothesis: hypothesis.into() };
        book.apply(RatingChange { key, consistency: Some(c) });
    };
    if let (Some(c), Some(h)) = (b.claims.first(), b.hypotheses.first()) {
        rate(&c.id, &h.id, Consistency::VeryInconsistent);
    }
    rate("gone", "nowhere", Consistency::Consistent);
    let first = b.factors.iter().flat_map(|f| &f.indicators).next().map(|i| i.id.clone());
    for (id, indicator, secs) in [
        ("o1", first.as_deref(), 1_790_000_000),
        ("o2", first.as_deref(), 1_790_100_000),
        ("o3", Some("gone"), 1_790_050_000),
    ] {
        let Some(indicator) = indicator else { continue };
        let observation = Observation {
            id: id.into(),
            indicator: indicator.into(),
            text: format!("seen {id}{HOSTILE}\nsecond line"),
            created: utc(secs),
        };
        book.apply(ObservationChange {
            observation: Box::new(observation),
            edit: ObservationEdit::Add,
        });
    }
    book
}

/// `export --notes` and `briefing notes` carry your ratings and observations: in JSON as
/// `ratings` and `observations` (orphans kept, observations newest first under their
/// indicator), in Markdown and text as parts of their own.
#[test]
fn your_ratings_and_observations_are_in_every_export_with_notes() {
    let b = bundled();
    let book = yours_notebook(&b);
    let json = parsed(&b, Some(&book));
    let ratings = json["ratings"].as_array().unwrap();
    assert_eq!(ratings.len(), 2);
    let current = ratings.iter().find(|r| r["standing"] == "current").unwrap();
    assert_eq!(
        (&current["kind"], &current["item"], &current["hypothesis"], &current["consistency"]),
        (&"claim".into(), &b.claims[0].id.as_str().into(), &"innovating".into(), &"II".into())
    );
    let observations = json["observations"].as_array().unwrap();
    let ids: Vec<&str> = observations.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["o2", "o1", "o3"], "newest first under the indicator, orphans last");
    assert_eq!(observations[0]["factor"], b.factors[0].id.as_str());
    assert_eq!(observations[2]["factor"], serde_json::Value::Null);
    assert_eq!(observations[2]["standing"], "orphaned");
    assert_eq!(observations[0]["created"], "2026-09-22T18:00:00Z");

    let md = export(&b, Some(&book), Format::Markdown);
    let notes = briefing::export::notes_markdown(&b, &book);
    for out in [&md, &notes] {
        assert!(out.contains("## Your ratings"), "{out}");
        assert!(out.contains("- **II** (very inconsistent) under *Innovating"), "{out}");
        assert!(out.contains("*(orphaned, its item is gone; claim `gone`)*"), "{out}");
        let newer = at(out, "  - 2026-09-22 18:00: seen o2");
        assert!(newer < at(out, "  - 2026-09-21 14:13: seen o1"), "{out}");
        assert!(at(out, "### Orphaned observations") < at(out, "seen o3"), "{out}");
        assert!(out.contains("second line"), "both lines kept: {out}");
    }
    let text = export(&b, Some(&book), Format::Text);
    assert!(text.contains("Your ratings\n------------"), "{text}");
    assert!(text.contains("Your observations\n-----------------"), "{text}");
    assert!(at(&text, "2026-09-22 18:00: seen o2") < at(&text, "2026-09-21 14:13: seen o1"));
    for out in [&md, &notes, &text] {
        assert_safe(out, "yours");
    }
}

/// Your own analysis of `b`: a claim on the first section's first five words (when it has
/// any) with a stance, a likelihood and a note; one whose passage is gone; a counterpoint
/// answering it and the author's first claim.
fn own_notebook(b: &Briefing) -> Notebook {
    use briefing::briefing::{ClaimKind, SectionIx};
    use briefing::notes::anchor::quote_at;
    use briefing::notes::{OwnClaim, OwnClaimChange, OwnClaimEdit, OwnCounterpoint};
    use briefing::notes::{OwnCounterpointChange, OwnCounterpointEdit, Passage};
    let mut book = Notebook::default();
    let first = b.sections.first().and_then(|s| s.paragraphs.first());
    let words = first.map_or(0, |p| p.split(' ').take(5).map(|w| w.len() + 1).sum::<usize>() - 1);
    let (exact, prefix, suffix, start, end) = quote_at(b, SectionIx(0), 0, 0..words);
    let section = b.sections.first().map_or("gone".to_string(), |s| s.id.clone());
    let mut claim = OwnClaim {
        id: "my-mine".into(),
        text: format!("My own reading{HOSTILE}."),
        kind: Some(ClaimKind::Assessment),
        section: section.clone(),
        exact: String::new(),
        prefix: String::new(),
        suffix: String::new(),
        start: 0,
        end: 0,
        created: utc(1_790_000_000),
        updated: utc(1_790_000_000),
    };
    claim.set_passage(Passage { section, exact, prefix, suffix, start, end });
    let mut lost = claim.clone();
    lost.id = "my-lost".into();
    lost.text = "A claim whose passage is gone.".into();
    lost.exact = "words no briefing here holds, not anywhere".into();
    lost.section = "nowhere".into();
    for c in [claim, lost] {
        book.apply(OwnClaimChange { claim: Box::new(c), edit: OwnClaimEdit::Add });
    }
    note(&mut book, "my-mine", "My own reading.", Edit::SetStance(Some(Stance::Disagree)));
    note(&mut book, "my-mine", "My own reading.", Edit::SetLikelihood(Some(Likelihood::Unlikely)));
    note(&mut book, "my-mine", "My own reading.", Edit::SetNote("Why I think so.".into()));
    let mut answers = vec!["my-mine".to_string()];
    answers.extend(b.claims.first().map(|c| c.id.clone()));
    let counterpoint = OwnCounterpoint {
        id: "my-doubt".into(),
        claims: answers,
        text: "But the other way round.".into(),
        by: None,
        created: utc(1_790_000_000),
        updated: utc(1_790_000_000),
    };
    book.apply(OwnCounterpointChange {
        counterpoint: Box::new(counterpoint),
        edit: OwnCounterpointEdit::Add,
    });
    book
}

/// `export --notes` carries your own claims and counterpoints: in JSON `own_claims` (with your
/// judgement of each, and its standing) and `own_counterpoints`, the note on your claim not an
/// orphan among `notes`; in Markdown under their section marked as yours, and in text.
#[test]
fn your_own_claims_and_counterpoints_are_in_every_export_with_notes() {
    let b = bundled();
    let book = own_notebook(&b);
    let json = parsed(&b, Some(&book));
    let own = json["own_claims"].as_array().unwrap();
    let ids: Vec<&str> = own.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["my-mine", "my-lost"], "reading order, the orphan last");
    let mine = &own[0];
    assert_eq!(mine["section"], b.sections[0].id.as_str());
    assert_eq!(mine["kind"], "assessment");
    assert_eq!(mine["standing"], "current");
    assert_eq!(mine["stance"], "disagree");
    assert_eq!(mine["likelihood"], "unlikely");
    assert!(mine.get("confidence").is_none(), "absent when unset");
    assert_eq!(mine["note"], "Why I think so.");
    assert!(b.sections[0].paragraphs[0].starts_with(mine["quote"].as_str().unwrap()));
    assert_eq!(own[1]["standing"], "orphaned");
    let cps = json["own_counterpoints"].as_array().unwrap();
    assert_eq!(cps[0]["claims"], serde_json::json!(["my-mine", b.claims[0].id]));
    let notes = json["notes"].as_array().unwrap();
    assert!(notes.iter().all(|n| n["claim"] != "my-mine"), "not an orphan: {json}");

    let md = export(&b, Some(&book), Format::Markdown);
    let section = at(&md, &format!("## 1. {}", b.sections[0].title));
    let yours = at(&md, "### Your claims");
    assert!(section < yours && yours < at(&md, "## 2. "), "under its section: {md}");
    assert!(md.contains("*(yours; assessment)*"), "{md}");
    assert!(md.contains("  - **Your counterpoint:** But the other way round."), "{md}");
    assert!(md.contains("  **Your stance:** disagree"), "{md}");
    assert!(at(&md, "## Your claims whose passage is gone") < at(&md, "A claim whose passage"));
    let notes = briefing::export::notes_markdown(&b, &book);
    assert!(notes.contains("## Your claims"), "{notes}");
    assert!(notes.contains("## Your counterpoints"), "{notes}");
    let text = export(&b, Some(&book), Format::Text);
    assert!(text.contains("Your claims and counterpoints\n"), "{text}");
    assert!(text.contains("[yours, assessment]"), "{text}");
    for out in [&md, &notes, &text] {
        assert_safe(out, "own");
    }
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
        // A mark of a hand-edited notes file: any id, passage, context and note.
        let mark = Mark {
            id: format!("m{text}"),
            section: text.clone(),
            exact: format!("x{text}"),
            prefix: text.clone(),
            suffix: text.clone(),
            start: 0,
            end: 1,
            label: Some(Label::Doubt),
            stance: None,
            note: Some(text.clone()),
            created: utc(0),
            updated: utc(0),
        };
        book.apply(MarkChange { mark: Box::new(mark), edit: MarkEdit::Add });
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

/// On `tiny()`: a labelled mark with a hostile note where it was, one whose passage moved to
/// the other section, and one whose passage is gone.
fn marked_notebook() -> Notebook {
    let mut book = tiny_notebook();
    let mark = |id: &str, section: &str, exact: &str, start: usize| Mark {
        id: id.into(),
        section: section.into(),
        exact: exact.into(),
        prefix: String::new(),
        suffix: " first.".into(),
        start,
        end: start + exact.chars().count(),
        label: None,
        stance: None,
        note: None,
        created: utc(1_764_000_000),
        updated: utc(1_764_086_400),
    };
    let mut here = mark("m1", "intro", "Plain words", 0);
    here.label = Some(Label::Evidence);
    here.stance = Some(Stance::Unsure);
    here.note = Some(format!("A note {HOSTILE}"));
    for m in [
        here,
        mark("m2", "intro", "Nothing is claimed", 40),
        mark("m3", "next", "Vanished passage", 0),
    ] {
        book.apply(MarkChange { mark: Box::new(m), edit: MarkEdit::Add });
    }
    book
}

#[test]
fn marks_are_exported_beside_the_notes_with_their_standing() {
    let b = tiny();
    let json = parsed(&b, Some(&marked_notebook()));
    check_object(&json, DOCUMENT, &json["briefing"], "");
    let marks = json["marks"].as_array().unwrap();
    let got: Vec<(&str, &str, &str)> = marks
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap(),
                m["section"].as_str().unwrap(),
                m["standing"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("m1", "intro", "current"), ("m2", "next", "moved"), ("m3", "next", "orphaned")],
        "reading order, the orphan last; a moved mark names the section it is in now"
    );
    assert_eq!(marks[0]["label"], "evidence");
    assert_eq!(marks[0]["stance"], "unsure");
    assert_eq!(marks[0]["note"], format!("A note {HOSTILE}"), "the note exactly, escaped");
    assert_eq!(marks[1]["note"], serde_json::Value::Null);

    let md = export(&b, Some(&marked_notebook()), Format::Markdown);
    assert!(md.contains("## Your marks") && md.contains("- > Plain words"), "{md}");
    assert!(md.contains("*evidence*") && md.contains("*highlight · moved*"), "{md}");
    assert!(md.contains("### Orphaned marks") && md.contains("- > Vanished passage"), "{md}");
    let text = export(&b, Some(&marked_notebook()), Format::Text);
    assert!(
        text.contains("Your marks\n----------") && text.contains("“Vanished passage”"),
        "{text}"
    );
    let notes = briefing::export::notes_markdown(&b, &marked_notebook());
    assert!(notes.contains("## Marks") && notes.contains("Orphaned marks"), "{notes}");
    for out in [md, text, notes] {
        assert!(!out.chars().any(|c| c != '\n' && is_unsafe(c)), "{out:?}");
    }
}

#[test]
fn w3c_annotations_parse_with_their_selectors() {
    let b = tiny();
    let out = export(&b, Some(&marked_notebook()), Format::W3c);
    assert!(!out.chars().any(|c| c != '\n' && is_unsafe(c)), "nothing unsafe raw");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().unwrap();
    // Three marks and the three claim notes.
    assert_eq!((items.len(), v["total"].as_u64()), (6, Some(6)));
    for item in items {
        assert_eq!(item["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(item["type"], "Annotation");
        assert!(["highlighting", "commenting"].contains(&item["motivation"].as_str().unwrap()));
        let selectors = item["target"]["selector"].as_array().unwrap();
        let quote = &selectors[0];
        assert_eq!(quote["type"], "TextQuoteSelector");
        for key in ["exact", "prefix", "suffix"] {
            assert!(quote[key].is_string(), "{key}: {item}");
        }
        assert_eq!(selectors[1]["type"], "TextPositionSelector");
        assert!(selectors[1]["start"].as_u64() <= selectors[1]["end"].as_u64());
    }
    let first = &items[0];
    assert_eq!(first["motivation"], "commenting");
    assert_eq!(first["target"]["source"], "urn:briefing:tiny:intro");
    assert_eq!(first["target"]["selector"][0]["exact"], "Plain words");
    assert_eq!(first["target"]["selector"][1]["end"], 11);
    let purposes: Vec<&str> =
        first["body"].as_array().unwrap().iter().map(|b| b["purpose"].as_str().unwrap()).collect();
    assert_eq!(purposes, ["commenting", "tagging", "assessing"]);
    assert_eq!(items[1]["motivation"], "highlighting", "a mark without a note");
    // The quoted claim's note targets its quote, in characters of the folded section.
    let quoted = items.iter().find(|i| i["id"] == "urn:briefing:tiny:note:quoted").unwrap();
    assert_eq!(quoted["target"]["selector"][0]["exact"], "“quoted words”");
    assert_eq!(quoted["target"]["selector"][1]["start"], 20 + 13);
}

/// The W3C export lays your own claims over the briefing: your note on one of them is an
/// annotation on its passage, as a note on the author's claim is, not left out.
#[test]
fn w3c_annotates_your_note_on_your_own_claim_at_its_passage() {
    let b = bundled();
    let book = own_notebook(&b);
    let out = export(&b, Some(&book), Format::W3c);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v["first"]["items"].as_array().unwrap();
    let note = items.iter().find(|i| i["id"].as_str().is_some_and(|id| id.ends_with(":my-mine")));
    let note = note.unwrap_or_else(|| panic!("no annotation of the note on my-mine: {out}"));
    let source = note["target"]["source"].as_str().unwrap();
    assert!(source.ends_with(&b.sections[0].id), "on its section's passage: {source}");
    let exact = note["target"]["selector"][0]["exact"].as_str().unwrap();
    assert!(b.sections[0].paragraphs[0].starts_with(exact), "{exact}");
}
