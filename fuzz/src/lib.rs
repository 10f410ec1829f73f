//! What each fuzz target checks, one function per target: that the code under test never
//! panics on any input, and the invariants that are cheap to test on whatever it accepts (a
//! loaded model whose indices are in range and agree with each other, text that is safe to
//! print, output that reads back as what was written).
//!
//! Shared by the targets in `fuzz/fuzz_targets/` (each one line) and by the crate's
//! `tests/fuzz_regressions.rs`, which includes this file and replays the inputs that once
//! broke a check, so a regression fails `cargo test` without a fuzzer. It must not depend on
//! anything but `briefing` and `serde_json`, which the crate's tests have too.

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use briefing::briefing::{Briefing, ClaimIx, Report, check_text, is_valid_id, load_bundled};
use briefing::export::{Format, export, notes_markdown};
use briefing::import::{EXAMPLE_END, EXAMPLE_START, ImportOptions, import};
use briefing::notes::store::{encode, parse};
use briefing::notes::{Notebook, Standing};
use briefing::sanitize::is_unsafe;

/// The name checked briefings go by in messages.
const BRIEFING_PATH: &str = "fuzz.toml";
/// The name notes files go by in messages.
const NOTES_PATH: &str = "notes/fuzz.toml";

/// `briefing::check_text` on any UTF-8 text: every refusal has an error, every message is
/// located inside the text and safe to print, and what it accepts is a consistent model
/// that exports cleanly and reads back from JSON as itself.
pub fn load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = check_text(Path::new(BRIEFING_PATH), text);
    check_report(text, &report);
    if let Some(b) = &report.briefing {
        check_model(b);
        check_exports(b, None);
    }
}

/// `briefing import` of any UTF-8 text as a Markdown article (`article.md`).
pub fn import_markdown(data: &[u8]) {
    import_as(data, "article.md");
}

/// `briefing import` of any UTF-8 text as a plain-text article (`article.txt`).
pub fn import_plain(data: &[u8]) {
    import_as(data, "article.txt");
}

/// The notes reader (`notes::store::parse`) on any UTF-8 text, against the bundled briefing:
/// a refusal is one safe line naming the file; what it reads is keyed by claim, has a
/// standing that agrees with the briefing, exports cleanly, and is written back
/// (`store::encode`, what a save writes) as text that reads back as the same notes.
pub fn notes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let b = bundled();
    let path = Path::new(NOTES_PATH);
    let notes = match parse(path, &b.id, text) {
        Ok(notes) => notes,
        Err(problem) => {
            assert_single_safe_line(&problem, "the notes problem");
            assert!(problem.starts_with(NOTES_PATH), "the problem names the file: {problem:?}");
            assert!(problem.ends_with("notes are read-only until it is fixed"), "{problem:?}");
            return;
        }
    };
    for (claim, note) in &notes.notes {
        assert_eq!(claim, &note.claim, "notes are keyed by their claim");
    }
    for (id, mark) in &notes.marks {
        assert_eq!(id, &mark.id, "marks are keyed by their id");
    }
    let written =
        encode(&b.id, &notes).unwrap_or_else(|e| panic!("notes read cannot be written: {e}"));
    let back = parse(path, &b.id, &written)
        .unwrap_or_else(|e| panic!("notes written do not read back: {e}\n{written}"));
    assert_eq!(back, notes, "notes written read back as other notes:\n{written}");

    let mut book = Notebook::default();
    book.loaded(Ok(notes));
    let standings = book.standings(b);
    assert_eq!(standings.len(), book.notes.len(), "each note has one standing");
    for (note, standing) in standings {
        let same = |ix: ClaimIx| {
            assert!(ix.0 < b.claims.len(), "standing {ix:?} out of range");
            assert_eq!(b.claims[ix].id, note.claim, "standing points at another claim");
            b.claims[ix].text == note.claim_text
        };
        match standing {
            Standing::Current(ix) => assert!(same(ix), "current, but the text changed"),
            Standing::Changed(ix) => assert!(!same(ix), "changed, but the text is the same"),
            Standing::Orphaned => {
                assert!(b.claims.iter().all(|c| c.id != note.claim), "orphaned, but it exists")
            }
        }
    }
    assert_printable(&notes_markdown(b, &book), "briefing notes");
    check_exports(b, Some(&book));
}

/// The bundled briefing, read once: the notes target reads notes against it.
fn bundled() -> &'static Briefing {
    static BUNDLED: OnceLock<Briefing> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let report = load_bundled().unwrap_or_else(|e| panic!("the bundled briefing: {e}"));
        report.briefing.unwrap_or_else(|| panic!("the bundled briefing did not load"))
    })
}

/// Import as `name`: an error is the user's (never "internal error", which means the importer
/// wrote a file that does not pass check); the output is safe to `cat`, loads as a consistent
/// model, and its example analysis, once uncommented as the file says, loads too.
fn import_as(data: &[u8], name: &str) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let out = match import(text, Some(name), &ImportOptions::default()) {
        Ok(out) => out,
        Err(e) => {
            let message = e.to_string();
            assert!(!message.contains("internal error"), "{message}");
            assert_printable(&message, "the import error");
            return;
        }
    };
    assert_printable(&out, "the imported file");
    let report = check_text(Path::new("imported.toml"), &out);
    check_report(&out, &report);
    let b = report.briefing.unwrap_or_else(|| panic!("the import does not load:\n{out}"));
    check_model(&b);

    let uncommented = uncomment_example(&out);
    let report = check_text(Path::new("example.toml"), &uncommented);
    check_report(&uncommented, &report);
    let Some(example) = report.briefing else {
        panic!("the uncommented example does not load: {:#?}\n{uncommented}", report.diagnostics)
    };
    check_model(&example);
    assert_eq!(
        (example.claims.len(), example.counterpoints.len(), example.factors.len()),
        (1, 1, 1),
        "the example has one claim, one counterpoint and one factor"
    );
}

/// The imported file with the leading `# ` (or a lone `#`) of each line between the example
/// markers removed, as the file's own comment tells the user to do.
fn uncomment_example(out: &str) -> String {
    let mut inside = false;
    let mut lines = Vec::new();
    for line in out.lines() {
        if line == EXAMPLE_START || line == EXAMPLE_END {
            inside = line == EXAMPLE_START;
            continue;
        }
        let line = if inside {
            line.strip_prefix("# ").or_else(|| line.strip_prefix('#')).unwrap_or(line)
        } else {
            line
        };
        lines.push(line);
    }
    lines.join("\n") + "\n"
}

/// A report as `briefing check` prints it: a model exactly when there is no error, every
/// message one safe line, located in the text, in file order.
fn check_report(text: &str, report: &Report) {
    assert_eq!(
        report.briefing.is_some(),
        report.errors() == 0,
        "a briefing exactly when there is no error: {:#?}",
        report.diagnostics
    );
    let line_lengths: Vec<usize> = text.split('\n').map(|l| l.chars().count()).collect();
    for d in &report.diagnostics {
        assert!(!d.message.trim().is_empty(), "an empty message: {d:?}");
        assert_single_safe_line(&d.to_string(), "a diagnostic");
        if let Some((line, col)) = d.location {
            assert!((1..=line_lengths.len()).contains(&line), "line {line} is not in the text");
            assert!(
                (1..=line_lengths[line - 1] + 1).contains(&col),
                "column {col} is not in line {line}"
            );
        }
    }
    let locations: Vec<_> = report.diagnostics.iter().map(|d| d.location).collect();
    assert!(locations.is_sorted(), "diagnostics out of file order: {locations:?}");
}

/// A loaded briefing's invariants: every string safe to draw, ids valid and unique, every
/// index in range, every reference agreeing with its reverse, every quote where its span says.
fn check_model(b: &Briefing) {
    let mut texts: Vec<&str> = vec![b.id.as_str(), b.title.as_str()];
    texts.extend([&b.subtitle, &b.source, &b.published].into_iter().flatten().map(String::as_str));
    texts.extend(b.summary.iter().map(String::as_str));
    assert!(is_valid_id(&b.id), "briefing id {:?}", b.id);
    assert!(!b.sections.is_empty(), "a briefing has a section");

    let (ns, nc, np, nf) =
        (b.sections.len(), b.claims.len(), b.counterpoints.len(), b.factors.len());
    let nh = b.hypotheses.len();
    let unique = |ids: Vec<&str>, kind: &str| {
        let mut seen = HashSet::new();
        for id in ids {
            assert!(is_valid_id(id), "{kind} id {id:?}");
            assert!(seen.insert(id), "{kind} id {id:?} twice");
        }
    };
    unique(b.sections.iter().map(|s| s.id.as_str()).collect(), "section");
    unique(b.claims.iter().map(|c| c.id.as_str()).collect(), "claim");
    unique(b.counterpoints.iter().map(|c| c.id.as_str()).collect(), "counterpoint");
    unique(b.factors.iter().map(|f| f.id.as_str()).collect(), "factor");
    unique(b.hypotheses.iter().map(|h| h.id.as_str()).collect(), "hypothesis");
    let indicators = b.factors.iter().flat_map(|f| &f.indicators);
    unique(indicators.map(|i| i.id.as_str()).collect(), "indicator");
    for h in &b.hypotheses {
        texts.extend([h.title.as_str(), h.text.as_str()]);
        texts.extend(h.by.as_deref());
    }

    let mut listed = 0;
    for (s, section) in b.sections.iter().enumerate() {
        texts.push(&section.title);
        texts.extend(section.paragraphs.iter().map(String::as_str));
        for &c in &section.claims {
            assert!(c.0 < nc, "section {s} lists claim {c:?} of {nc}");
            assert_eq!(b.claims[c].section.0, s, "section {s} lists a claim of another");
            listed += 1;
        }
        for &p in &section.counterpoints {
            assert!(p.0 < np, "section {s} lists counterpoint {p:?} of {np}");
            let answers_here =
                b.counterpoints[p].claims.iter().any(|&c| b.claims[c].section.0 == s);
            assert!(answers_here, "section {s} lists a counterpoint to none of its claims");
        }
        let distinct: HashSet<_> = section.counterpoints.iter().collect();
        assert_eq!(distinct.len(), section.counterpoints.len(), "a counterpoint twice in {s}");
        for &f in &section.factors {
            assert!(f.0 < nf, "section {s} lists factor {f:?} of {nf}");
        }
        for (f, factor) in b.factors.iter().enumerate() {
            let bears = factor.sections.iter().any(|x| x.0 == s)
                || factor.claims.iter().any(|&c| c.0 < nc && b.claims[c].section.0 == s);
            let listed_here = section.factors.iter().any(|x| x.0 == f);
            assert_eq!(bears, listed_here, "factor {f} bears on section {s}: {bears}");
        }
    }
    assert_eq!(listed, nc, "every claim is listed by its section");

    for (c, claim) in b.claims.iter().enumerate() {
        texts.push(&claim.text);
        texts.extend(claim.quote.as_deref());
        assert!(claim.ratings.iter().all(|r| r.hypothesis.0 < nh), "claim {c}'s ratings");
        assert!(claim.section.0 < ns, "claim {c} in section {:?} of {ns}", claim.section);
        match (&claim.quote, &claim.quote_span) {
            (None, None) => {}
            (Some(quote), Some(span)) => {
                let paragraphs = &b.sections[claim.section].paragraphs;
                assert!(span.paragraph < paragraphs.len(), "claim {c}'s quote paragraph");
                let at = paragraphs[span.paragraph].get(span.range.clone());
                assert_eq!(at, Some(quote.as_str()), "claim {c}'s quote is not at its span");
            }
            (quote, span) => panic!("claim {c}: quote {quote:?} with span {span:?}"),
        }
        for &p in &claim.counterpoints {
            assert!(p.0 < np, "claim {c} answered by counterpoint {p:?} of {np}");
            assert!(b.counterpoints[p].claims.contains(&ClaimIx(c)), "claim {c}'s counterpoint");
        }
    }
    for (p, counterpoint) in b.counterpoints.iter().enumerate() {
        texts.push(&counterpoint.text);
        texts.extend(counterpoint.by.as_deref());
        assert!(
            counterpoint.ratings.iter().all(|r| r.hypothesis.0 < nh),
            "counterpoint {p}'s ratings"
        );
        assert!(!counterpoint.claims.is_empty(), "counterpoint {p} answers no claim");
        for &c in &counterpoint.claims {
            assert!(c.0 < nc, "counterpoint {p} answers claim {c:?} of {nc}");
            assert!(b.claims[c].counterpoints.iter().any(|x| x.0 == p), "counterpoint {p}'s claim");
        }
    }
    for (f, factor) in b.factors.iter().enumerate() {
        texts.extend([factor.title.as_str(), factor.text.as_str()]);
        texts.extend(factor.question.as_deref());
        for indicator in &factor.indicators {
            texts.extend([indicator.id.as_str(), indicator.text.as_str()]);
            texts.extend(indicator.by.as_deref());
        }
        assert!(factor.sections.iter().all(|s| s.0 < ns), "factor {f}'s sections");
        assert!(factor.claims.iter().all(|c| c.0 < nc), "factor {f}'s claims");
    }
    for text in texts {
        assert!(
            !text.chars().any(|c| c != '\n' && is_unsafe(c)),
            "unsafe text in the model: {text:?}"
        );
    }
}

/// Every export format is safe to print; JSON parses and its briefing reads back as `b`, and
/// the model itself survives JSON as the bundled briefing does (`bundled.json`).
fn check_exports(b: &Briefing, notes: Option<&Notebook>) {
    for format in [Format::Markdown, Format::Json, Format::Text] {
        let out = export(b, notes, format);
        assert_printable(&out, format.name());
        if format == Format::Json {
            let json: serde_json::Value = serde_json::from_str(&out)
                .unwrap_or_else(|e| panic!("the JSON export does not parse: {e}\n{out}"));
            let back: Briefing = serde_json::from_value(json["briefing"].clone())
                .unwrap_or_else(|e| panic!("the JSON export's briefing does not read back: {e}"));
            assert_eq!(&back, b, "the JSON export's briefing reads back as another");
        }
    }
    let json = serde_json::to_string(b).unwrap_or_else(|e| panic!("the model as JSON: {e}"));
    let back: Briefing =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("the model from JSON: {e}"));
    assert_eq!(&back, b, "the model reads back from JSON as another");
}

/// Text that may go to a terminal as it is: no control character but `\n`, nothing bidi or
/// invisible.
fn assert_printable(text: &str, what: &str) {
    if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("{what} holds {c:?}:\n{text}");
    }
}

/// One line of text that may go to a terminal (a message in the status bar).
fn assert_single_safe_line(text: &str, what: &str) {
    if let Some(c) = text.chars().find(|&c| is_unsafe(c)) {
        panic!("{what} holds {c:?}: {text:?}");
    }
}
