//! The loader against one fixture per rule and per kind of bad input: every message must name
//! the file, the line and column, and the offending value.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::path::{Path, PathBuf};

use briefing::briefing::{MAX_FILE_BYTES, check_text, load};
use briefing::sanitize::is_unsafe;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Every diagnostic of a file, as `check` prints them.
fn messages(path: &Path) -> Vec<String> {
    match load(path) {
        Ok(report) => report.diagnostics.iter().map(ToString::to_string).collect(),
        Err(e) => e.diagnostics.iter().map(ToString::to_string).collect(),
    }
}

/// Asserts that `invalid/NAME.toml` fails with exactly these errors, each given as
/// `LINE:COL: text the message contains`.
fn assert_errors(name: &str, expected: &[&str]) {
    let path = fixture(&format!("invalid/{name}.toml"));
    let err = load(&path).expect_err(name);
    let got: Vec<String> =
        err.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert_eq!(got.len(), expected.len(), "{name}: {got:#?}");
    for (got, want) in got.iter().zip(expected) {
        let (at, text) = want.split_once(": ").unwrap();
        let prefix = format!("{}:{at}: error: ", path.display());
        assert!(got.starts_with(&prefix), "{name}: {got:?} does not start with {prefix:?}");
        assert!(got.contains(text), "{name}: {got:?} lacks {text:?}");
    }
}

#[test]
fn format_rules() {
    assert_errors("missing-format", &["1:1: missing key 'format', expected `format = 1`"]);
    assert_errors(
        "newer-format",
        &["1:10: format 7 is newer than this reader supports (format 1)"],
    );
    assert_errors("unknown-format", &["1:10: unknown format 0, expected 1"]);
    assert_errors(
        "format-not-integer",
        &["1:10: 'format': invalid type: string '1', expected an integer"],
    );
    assert_errors("missing-briefing-table", &["1:1: missing table [briefing]"]);
    assert_errors("no-sections", &["7:1: no sections, expected at least one [[section]]"]);
    assert_errors(
        "section-not-array",
        &["7:1: 'section' must be an array of tables, written [[section]]"],
    );
}

#[test]
fn id_rules() {
    assert_errors("bad-id", &["8:6: section id 'One_1' is not valid, expected 1 to 64 of a-z"]);
    assert_errors("id-too-long", &["8:6: section id 'aaaa"]);
    assert_errors("duplicate-id", &["17:6: duplicate section id 'one' (first defined on line 8)"]);
}

#[test]
fn reference_rules() {
    assert_errors(
        "unknown-section",
        &[
            "18:11: claim 'thing' names unknown section 'on', expected an existing section id (did you mean 'one'?)",
        ],
    );
    assert_errors("unknown-claim", &["24:20: counterpoint 'but' names unknown claim 'nothing'"]);
    assert_errors(
        "counterpoint-without-claims",
        &["24:10: counterpoint 'but' answers no claim, expected one or more claim ids"],
    );
    assert_errors(
        "factor-unknown-refs",
        &[
            "26:20: factor 'tools' names unknown section 'two'",
            "27:20: factor 'tools' names unknown claim 'thang'",
        ],
    );
}

#[test]
fn quote_rules() {
    assert_errors(
        "quote-not-found",
        &["20:9: quote 'says nothing' is not in the body of section 'one'"],
    );
    assert_errors(
        "quote-across-paragraphs",
        &["20:9: quote 'thing. The second' spans a paragraph break"],
    );
    assert_errors("empty-quote", &["20:9: 'quote' is empty"]);
    assert_errors(
        "quote-near-miss",
        &[
            "20:9: quote 'within 6 months of the notice' is not in the body of section 'terms', \
             expected words found verbatim there (did you mean '...within six months of the \
             notice,...'?)",
            "26:9: quote 'entirely different words altogether' is not in the body of section \
             'terms', expected words found verbatim there",
        ],
    );
    let path = fixture("invalid/quote-near-miss.toml");
    let err = load(&path).unwrap_err().to_string();
    assert!(!err.contains("altogether' is not in the body of section 'terms', expected words found verbatim there (did"), "no hint without a near passage: {err}");
}

#[test]
fn body_parts_rules() {
    assert_errors(
        "bad-body-part",
        &[
            "10:18: 'heading' is empty, expected some text",
            "15:18: unknown key 'code', expected 'heading' or 'pre'",
            "20:18: a second key 'pre', expected one key, 'heading' or 'pre'",
        ],
    );
}

#[test]
fn sub_headings_and_preformatted_paragraphs_load() {
    use briefing::briefing::ParagraphKind::{Heading, Pre, Text};
    let report = load(&fixture("valid/shaped.toml")).unwrap();
    let b = report.briefing.unwrap();
    let setup = &b.sections[0];
    assert_eq!(setup.kinds, vec![Text, Text, Heading, Pre, Text]);
    assert_eq!(setup.paragraphs[0], "Paragraphs as in a string body, folded as always.");
    assert_eq!(setup.paragraphs[2], "From source");
    assert_eq!(
        setup.paragraphs[3],
        "| tool  | version |\n|-------|---------|\n| cargo | 1.89    |\n        tab     stops   kept\n\
         wide line: 中文 and a very long tail that goes well past any pane the reader could draw at all",
        "lines and spaces kept, tabs at 8-column stops, blank ends and trailing spaces dropped"
    );
    assert_eq!(b.sections[1].kinds, vec![Text], "a string body: all text");
    assert_eq!(b.claims[0].quote_span.as_ref().map(|q| q.paragraph), Some(3), "quotable");
    assert!(b.is_consistent());
}

#[test]
fn many_bad_quotes_and_references_get_a_bounded_number_of_hints() {
    // One long section, and a claim per paragraph quoting it one word off, with a misspelt
    // section: every problem reported, only the first hundred of each with a suggestion.
    let mut toml = String::from("format = 1\n[briefing]\nid = \"big\"\ntitle = \"Big\"\n");
    toml.push_str("[[section]]\nid = \"body\"\ntitle = \"Body\"\nbody = \"\"\"\n");
    for i in 0..3000 {
        toml.push_str(&format!("Paragraph {i} says within six months of notice {i}.\n\n"));
    }
    toml.push_str("\"\"\"\n");
    for i in 0..3000 {
        let section = if i % 2 == 0 { "body" } else { "bdy" };
        toml.push_str(&format!(
            "[[claim]]\nid = \"c{i}\"\nsection = \"{section}\"\ntext = \"t\"\n\
             quote = \"{i} says within 6 months of notice\"\n"
        ));
    }
    let report = briefing::briefing::check_text(std::path::Path::new("big.toml"), &toml);
    let errors: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 3000, "{:?}", &errors[..3]);
    let hints = errors.iter().filter(|e| e.contains("did you mean")).count();
    assert_eq!(hints, 200, "hints are bounded: a hundred for ids, a hundred for quotes");
    let first = errors.iter().find(|e| e.contains("quote '0 says")).unwrap();
    assert!(
        first.contains("(did you mean '...0 says within six months of notice...'?)"),
        "{first}"
    );
}

#[test]
fn schema_rules() {
    assert_errors(
        "unknown-key",
        &["20:1: unknown key 'qoute', expected one of 'id', 'section', 'text', 'quote', 'kind'"],
    );
    assert_errors(
        "unknown-top-level-key",
        &["2:1: unknown key 'author', expected one of 'format', 'briefing'"],
    );
    assert_errors("missing-key", &["16:1: [[claim]] is missing key 'text'"]);
    assert_errors("wrong-type", &["10:8: 'body': invalid type: integer '42', expected a string"]);
    assert_errors(
        "bad-kind",
        &["21:8: unknown kind 'opinion', expected one of: fact, assessment, forecast"],
    );
    assert_errors(
        "bad-estimate",
        &[
            "21:14: unknown likelihood 'probable', expected one of: almost no chance, very \
             unlikely, unlikely, roughly even chance, likely, very likely, almost certain",
            "22:14: unknown confidence 'mod', expected one of: low, moderate, high",
        ],
    );
    assert_errors(
        "bad-date",
        &["6:13: published date '2024-02-30' is not a date, expected YYYY-MM-DD"],
    );
    assert_errors("empty-title", &["9:9: 'title' is empty, expected some text"]);
    assert_errors("syntax-error", &["16:9: invalid TOML: unclosed array table"]);
}

#[test]
fn hypothesis_rules() {
    assert_errors(
        "bad-hypothesis",
        &[
            "28:6: duplicate hypothesis id 'innovating' (first defined on line 23), expected ids \
             unique among hypotheses",
            "29:9: 'title' is empty, expected some text",
            "33:6: hypothesis id 'Imitating' is not valid",
            "36:1: unknown key 'ratings', expected one of 'id', 'title', 'text', 'by'",
        ],
    );
}

#[test]
fn rating_rules() {
    assert_errors(
        "bad-rating",
        &[
            "21:43: unknown rating 'X', expected one of: CC, C, N, I, II",
            "27:31: counterpoint 'but' names unknown hypothesis 'imitatng', expected an existing \
             hypothesis id (did you mean 'imitating'?)",
        ],
    );
}

#[test]
fn indicator_rules() {
    assert_errors(
        "bad-indicator",
        &[
            "28:28: 'text' is empty, expected some text",
            "37:6: duplicate indicator id 'chip-output' (first defined on line 27), expected ids \
             unique among indicators",
        ],
    );
}

#[test]
fn hypotheses_ratings_and_indicators_load() {
    use briefing::briefing::{Consistency, HypothesisIx};
    let b = load(&fixture("valid/hypotheses.toml")).unwrap().briefing.unwrap();
    let ids: Vec<&str> = b.hypotheses.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["innovating", "imitating"], "file order");
    assert_eq!(b.hypotheses[0].by.as_deref(), Some("editor"));
    assert_eq!(b.hypotheses[1].by, None);
    let (innovating, imitating) = (HypothesisIx(0), HypothesisIx(1));
    let thing = &b.claims[0];
    assert_eq!(thing.rating(innovating), Some(Consistency::VeryConsistent));
    assert_eq!(thing.rating(imitating), Some(Consistency::VeryInconsistent));
    let order: Vec<HypothesisIx> = thing.ratings.iter().map(|r| r.hypothesis).collect();
    assert_eq!(order, [innovating, imitating], "kept in hypothesis order, not the file's");
    assert_eq!(b.claims[1].rating(innovating), None, "not rated is not neutral");
    assert_eq!(b.claims[1].rating(imitating), Some(Consistency::Neutral));
    assert_eq!(b.counterpoints[0].rating(innovating), Some(Consistency::Inconsistent));
    assert_eq!(b.counterpoints[0].rating(imitating), Some(Consistency::Consistent));
    let indicators: Vec<(&str, Option<&str>)> =
        b.factors[0].indicators.iter().map(|i| (i.id.as_str(), i.by.as_deref())).collect();
    assert_eq!(indicators, [("chip-output", None), ("chip-imports", Some("editor"))]);
    assert!(b.is_consistent());
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    assert_errors(
        "several-problems",
        &[
            "4:6: briefing id 'Fixture' is not valid",
            "16:1: [[section]] is missing key 'title'",
            "18:1: unknown key 'titel'",
            "27:11: claim 'thing' names unknown section 'three'",
            "33:11: counterpoint 'but' names unknown claim 'nope'",
            "36:1: unknown key 'who'",
        ],
    );
}

#[test]
fn every_invalid_fixture_fails_and_every_valid_one_loads() {
    for entry in std::fs::read_dir(fixture("invalid")).unwrap() {
        let path = entry.unwrap().path();
        assert!(load(&path).is_err(), "{} should fail", path.display());
    }
    for entry in std::fs::read_dir(fixture("valid")).unwrap() {
        let path = entry.unwrap().path();
        let report = load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(report.briefing.is_some());
    }
}

#[test]
fn whitespace_in_quotes_is_folded_like_bodies() {
    let b = load(&fixture("valid/full.toml")).unwrap().briefing.unwrap();
    let claim = &b.claims[0];
    assert_eq!(claim.quote.as_deref(), Some("says a thing"));
    let span = claim.quote_span.clone().unwrap();
    assert_eq!(&b.sections[0].paragraphs[span.paragraph][span.range], "says a thing");
    assert_eq!(b.factors[0].sections, vec![briefing::briefing::SectionIx(0)]);
    assert_eq!(b.claims[0].counterpoints, vec![briefing::briefing::CounterpointIx(0)]);
}

#[test]
fn hostile_text_loads_made_safe_with_warnings() {
    let path = fixture("valid/hostile-text.toml");
    let report = load(&path).unwrap();
    let warnings = messages(&path);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].contains(":5:9: warning: text contains ESC (U+001B, shown as ^[) and 2 more"),
        "{warnings:#?}"
    );
    let b = report.briefing.unwrap();
    assert_eq!(b.title, "Evil ^[]0;owned^G title <U+202E> txt");
    let all_text = format!("{b:?}");
    let body = b.sections[0].paragraphs.join(" ");
    assert!(!body.chars().any(is_unsafe), "{body:?}");
    assert!(!b.title.chars().any(is_unsafe));
    assert!(!all_text.contains('\u{1b}'));
}

fn temp_file(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.toml");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn single_error(path: &Path) -> String {
    let err = load(path).expect_err("should fail");
    assert_eq!(err.diagnostics.len(), 1, "{:#?}", err.diagnostics);
    err.diagnostics[0].to_string()
}

#[test]
fn bad_input_kinds_get_one_clear_line_naming_the_path() {
    let (_d, empty) = temp_file(b"");
    assert_eq!(
        single_error(&empty),
        format!("{}: error: file is empty, expected a briefing (format = 1)", empty.display())
    );
    let (_d, blank) = temp_file(b"  \n\n");
    assert!(single_error(&blank).ends_with("file is empty, expected a briefing (format = 1)"));

    let (_d, binary) = temp_file(b"format = 1\nab\0cd");
    assert_eq!(
        single_error(&binary),
        format!(
            "{}: error: binary file (NUL byte at line 2, column 3), expected UTF-8 text",
            binary.display()
        )
    );

    let (_d, latin1) = temp_file(b"format = 1\ntitle = \"caf\xe9\"\n");
    assert_eq!(
        single_error(&latin1),
        format!("{}:2:13: error: invalid UTF-8 (byte 0xE9), expected UTF-8 text", latin1.display())
    );

    let dir = tempfile::tempdir().unwrap();
    assert!(single_error(dir.path()).ends_with("is a directory, expected a briefing file (.toml)"));

    let missing = dir.path().join("nope.toml");
    assert_eq!(single_error(&missing), format!("{}: error: no such file", missing.display()));

    let big = dir.path().join("big.toml");
    std::fs::File::create(&big).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap();
    assert!(single_error(&big).contains("larger than the 64 MiB limit"));
}

#[test]
fn deeply_nested_arrays_are_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let text = format!("format = 1\nx = {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let report = check_text(Path::new("deep.toml"), &text);
    assert!(report.briefing.is_none());
    let first = report.diagnostics[0].to_string();
    assert!(first.starts_with("deep.toml:2:"), "{first}");
    assert!(first.contains("invalid TOML"), "{first}");
}

#[test]
fn deeply_nested_inline_tables_are_refused_too() {
    let depth = 100_000;
    let text = format!("format = 1\nx = {}{}\n", "{a=".repeat(depth), "}".repeat(depth));
    let report = check_text(Path::new("deep.toml"), &text);
    assert!(report.briefing.is_none());
    let first = report.diagnostics[0].to_string();
    assert!(first.starts_with("deep.toml:2:"), "{first}");
    assert!(first.contains("invalid TOML"), "{first}");
}

#[test]
fn error_text_quoting_hostile_values_is_safe() {
    let text = "format = 1\n[briefing]\nid = \"x\\u001b[31m\"\ntitle = \"t\"\n[[section]]\nid = \"\\u202e\"\ntitle = \"t\"\nbody = \"b\"\n";
    let report = check_text(Path::new("evil.toml"), text);
    assert!(report.briefing.is_none());
    for d in &report.diagnostics {
        let line = d.to_string();
        assert!(!line.chars().any(is_unsafe), "{line:?}");
    }
    assert!(report.diagnostics.iter().any(|d| d.message.contains("'x^[[31m'")));
}

#[test]
fn common_mistakes_get_messages_a_person_can_act_on() {
    let check = |text: &str| -> Vec<String> {
        check_text(Path::new("m.toml"), text).diagnostics.iter().map(ToString::to_string).collect()
    };
    let base = "[briefing]\nid = \"x\"\ntitle = \"T\"\n[[section]]\nid = \"s\"\ntitle = \"S\"\nbody = \"b\"\n";
    // An unquoted TOML date.
    let got = check(&format!(
        "format = 1\n{}",
        base.replace("title = \"T\"", "title = \"T\"\npublished = 2024-01-15")
    ));
    assert_eq!(
        got,
        ["m.toml:5:13: error: 'published': a TOML date, expected a string like \"2024-01-15\""]
    );
    // A type error inside [briefing] is reported once, not also as a missing table.
    let got = check(&format!("format = 1\n{}", base.replace("title = \"T\"", "title = 5")));
    assert_eq!(got, ["m.toml:4:9: error: 'title': invalid type: integer '5', expected a string"]);
    // A duplicate key is named.
    let got = check(&format!("format = 1\nformat = 1\n{base}"));
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("m.toml:2:1: error: invalid TOML: duplicate key 'format'"),
        "{got:?}"
    );
    // Huge numbers without Rust's type names.
    let got = check(&format!("format = 99999999999999999999\n{base}"));
    assert!(!got[0].contains("i128") && !got[0].contains("i64"), "{got:?}");
}

/// Whatever line of a valid briefing is lost (a title, a `[[section]]` header, half of a
/// multi-line string), or wherever the file is cut short, the loader reports and never panics.
/// It once indexed section 0 of a briefing whose only section had been dropped.
///
/// Each variant either loads, with every reference inside the briefing, or fails with at
/// least one error located inside the text; a file cut before its first section never loads.
#[test]
fn a_valid_file_missing_any_line_or_cut_anywhere_loads_whole_or_fails_located() {
    let dir = fixture("valid");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/china-ai.toml"));
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let first_section = lines.iter().position(|l| l.starts_with("[[section]]")).unwrap();
        for i in 0..lines.len() {
            let dropped: String =
                lines.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, l)| *l).collect();
            let cut: String = lines[..i].concat();
            for (how, variant) in [("without line", dropped), ("cut before line", cut)] {
                let what = format!("{} {how} {}", path.display(), i + 1);
                let report = check_text(&path, &variant);
                assert_outcome(&what, &variant, &report);
                if how == "cut before line" && i <= first_section {
                    assert!(report.briefing.is_none(), "{what}: loaded without a section");
                }
            }
        }
        let without_format: String =
            lines.iter().filter(|l| !l.starts_with("format =")).copied().collect();
        let report = check_text(&path, &without_format);
        assert!(report.briefing.is_none(), "{}: loaded without 'format'", path.display());
    }
}

/// A report is a briefing with no errors, or errors (at least one) and no briefing; every
/// diagnostic names the file and a place inside the text; every index the briefing holds
/// points at something that exists.
fn assert_outcome(what: &str, text: &str, report: &briefing::briefing::Report) {
    let messages: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(report.briefing.is_some(), report.errors() == 0, "{what}: {messages:#?}");
    let line_count = text.lines().count() + 1;
    for d in &report.diagnostics {
        let (line, col) = d.location.unwrap_or((1, 1));
        assert!((1..=line_count).contains(&line) && col >= 1, "{what}: {d}");
        assert!(!d.message.is_empty(), "{what}: {d}");
    }
    let Some(b) = &report.briefing else { return };
    assert!(!b.sections.is_empty(), "{what}");
    let (sections, claims) = (b.sections.len(), b.claims.len());
    for c in &b.claims {
        assert!(c.section.0 < sections, "{what}: claim '{}'", c.id);
        assert_eq!(c.quote.is_some(), c.quote_span.is_some(), "{what}: claim '{}'", c.id);
        if let Some(span) = &c.quote_span {
            let paragraph = b.sections[c.section].paragraphs.get(span.paragraph);
            let quoted = paragraph.and_then(|p| p.get(span.range.clone()));
            assert_eq!(quoted, c.quote.as_deref(), "{what}: claim '{}'", c.id);
        }
        assert!(c.counterpoints.iter().all(|cp| cp.0 < b.counterpoints.len()), "{what}");
    }
    for s in &b.sections {
        assert!(s.claims.iter().all(|c| c.0 < claims), "{what}: section '{}'", s.id);
        assert!(s.counterpoints.iter().all(|c| c.0 < b.counterpoints.len()), "{what}");
        assert!(s.factors.iter().all(|f| f.0 < b.factors.len()), "{what}");
    }
    for cp in &b.counterpoints {
        assert!(!cp.claims.is_empty() && cp.claims.iter().all(|c| c.0 < claims), "{what}");
    }
    for f in &b.factors {
        assert!(f.sections.iter().all(|s| s.0 < sections), "{what}: factor '{}'", f.id);
        assert!(f.claims.iter().all(|c| c.0 < claims), "{what}: factor '{}'", f.id);
    }
}

/// A valid briefing of 8 lines, for the tests below to add a line 9 to.
const EIGHT_LINES: &str = "format = 1\n[briefing]\nid = \"x\"\ntitle = \"T\"\n[[section]]\nid = \"s\"\ntitle = \"S\"\nbody = \"b\"\n";

/// The errors of `text` as `check` prints them, the file named `t.toml`.
fn errors_of(text: &str) -> Vec<String> {
    let report = check_text(Path::new("t.toml"), text);
    report.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect()
}

/// toml refuses a key of more than 80 dotted parts without saying where ("recursion limit",
/// once reported at 1:1): each such key is reported at its place, a table header at its `[`.
#[test]
fn a_too_deep_dotted_key_or_header_is_reported_where_it_is() {
    let deep = vec!["x"; 100].join(".");
    let message =
        |parts: usize| format!("invalid TOML: a key of {parts} dotted parts, expected at most 80");
    assert_eq!(
        errors_of(&format!("{EIGHT_LINES}[{deep}]\n")),
        [format!("t.toml:9:1: error: {}", message(100))]
    );
    assert_eq!(
        errors_of(&format!("{EIGHT_LINES}[[briefing.{deep}]]\n")),
        [format!("t.toml:9:1: error: {}", message(101))]
    );
    assert_eq!(
        errors_of(&format!("{EIGHT_LINES}  {deep} = 1\nok = 2\n{deep}.y = 3\n")),
        [
            format!("t.toml:9:3: error: {}", message(100)),
            format!("t.toml:11:1: error: {}", message(101))
        ]
    );
    assert_eq!(
        errors_of(&format!("{EIGHT_LINES}t = {{ {deep} = 1 }}\n")),
        [format!("t.toml:9:7: error: {}", message(100))]
    );
}

/// The other side of the limit above: 80 parts parse, and the loader says what is wrong.
#[test]
fn a_key_of_80_parts_parses_and_of_81_does_not() {
    let key = |parts: usize| vec!["x"; parts].join(".");
    let got = errors_of(&format!("{EIGHT_LINES}[{}]\n", key(80)));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].starts_with("t.toml:9:2: error: unknown key 'x', expected one of"), "{got:#?}");
    let got = errors_of(&format!("{EIGHT_LINES}[{}]\n", key(81)));
    assert_eq!(
        got,
        ["t.toml:9:1: error: invalid TOML: a key of 81 dotted parts, expected at most 80"]
    );
}

/// An unclosed array (or inline table) nested N deep is one problem: toml reports it once per
/// level, at one place; it is said once.
#[test]
fn an_unclosed_deep_array_is_reported_once() {
    for depth in [1, 2, 80] {
        for (open, what) in [("[", "unclosed array"), ("{a = ", "unclosed inline table")] {
            // The innermost holds a value: a missing value would be a second problem.
            let text = format!("format = 1\nx = {}1\n", open.repeat(depth));
            let got = errors_of(&text);
            assert_eq!(got.len(), 1, "{depth} x {open:?}: {got:#?}");
            assert!(got[0].starts_with("t.toml:2:"), "{got:#?}");
            assert!(got[0].contains(what), "{got:#?}");
        }
    }
}

/// Every unknown key of a table is reported, each at its key, in file order (there was a cap
/// of 64), with the other problems of the table.
#[test]
fn every_unknown_key_of_a_table_is_reported_at_the_key() {
    let count = 200;
    let mut text = EIGHT_LINES.replace("title = \"S\"\n", "title = 5\n");
    for i in 0..count {
        text.push_str(&format!("k{i} = {i}\n"));
    }
    let got = errors_of(&text);
    assert_eq!(got.len(), count + 1, "{got:#?}");
    assert_eq!(got[0], "t.toml:7:9: error: 'title': invalid type: integer '5', expected a string");
    for (i, line) in got[1..].iter().enumerate() {
        let want = format!(
            "t.toml:{}:1: error: unknown key 'k{i}', expected one of 'id', 'title', 'body'",
            9 + i
        );
        assert_eq!(*line, want);
    }
}

/// The TOML block of the format page that starts with `first`.
fn format_page_example(first: &str) -> String {
    let doc = std::fs::read_to_string(fixture("../../docs/briefing-format.md")).unwrap();
    let start = doc.find(&format!("\n```toml\n{first}\n")).unwrap() + "\n```toml\n".len();
    let end = start + doc[start..].find("\n```\n").unwrap();
    doc[start..end].to_string()
}

#[test]
fn the_format_pages_examples_of_hypotheses_and_indicators_load() {
    let toml = format!(
        "format = 1\n[briefing]\nid = \"d\"\ntitle = \"D\"\n[[section]]\n\
         id = \"innovation-under-pressure\"\ntitle = \"T\"\nbody = \"B.\"\n{}\n{}\n",
        format_page_example("[[hypothesis]]"),
        format_page_example("[[factor]]"),
    );
    let report = check_text(Path::new("doc.toml"), &toml);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let b = report.briefing.unwrap();
    assert_eq!(b.hypotheses.len(), 2);
    assert_eq!((b.claims[0].ratings.len(), b.counterpoints[0].ratings.len()), (2, 2));
    assert_eq!(b.factors[0].indicators.len(), 2);
}
