//! `briefing import` on real-world articles kept as fixtures (`tests/fixtures/import/`): every
//! result passes `check`, keeps every paragraph of the source in order and in the right
//! section, and its commented example analysis is valid once uncommented.
//!
//! Expectations are derived from the sources by small scanners written here for these
//! fixtures, independent of the importer's own parsing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use briefing::briefing::{Briefing, ParagraphKind, check_text};
use briefing::import::{EXAMPLE_END, EXAMPLE_START, ImportOptions, import};

const NBSP: &str = "\u{a0}";

/// Spaces and line breaks folded to single spaces, ends trimmed, as the importer promises;
/// written here rather than taken from `briefing::text`, which the importer uses itself.
/// No-break spaces are kept.
fn fold(text: &str) -> String {
    text.split([' ', '\n']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap()
}

/// Imports `source`, asserts the result passes check without errors and has valid, unique
/// section ids, and returns the text and the loaded briefing.
fn imported(source: &str, name: Option<&str>, options: &ImportOptions) -> (String, Briefing) {
    let out = import(source, name, options).unwrap();
    let report = check_text(Path::new("imported.toml"), &out);
    let diagnostics: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(report.errors(), 0, "{diagnostics:#?}\n{out}");
    let briefing = report.briefing.unwrap();
    let mut seen = HashSet::new();
    for section in &briefing.sections {
        assert!(is_valid_id(&section.id), "{}", section.id);
        assert!(seen.insert(section.id.clone()), "duplicate id {}", section.id);
    }
    assert!(is_valid_id(&briefing.id), "{}", briefing.id);
    (out, briefing)
}

fn imported_fixture(name: &str) -> (String, Briefing) {
    imported(&fixture(name), Some(name), &ImportOptions::default())
}

/// `[a-z0-9][a-z0-9-]{0,63}`.
fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn titles(briefing: &Briefing) -> Vec<&str> {
    briefing.sections.iter().map(|s| s.title.as_str()).collect()
}

/// The paragraphs of each section, by title.
/// A sub-heading reads `§ text`, a preformatted paragraph `PRE:` and its lines, and one that
/// is a table `TABLE:` and its rows (the rule under the header left out), cells trimmed and
/// joined by ` | `: the scanners below build the same.
fn bodies(briefing: &Briefing) -> Vec<(String, Vec<String>)> {
    briefing.sections.iter().map(|s| (s.title.clone(), shown(s))).collect()
}

fn shown(s: &briefing::briefing::Section) -> Vec<String> {
    let table_row = |line: &str| {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        cells.join(" | ")
    };
    (0..s.paragraphs.len())
        .map(|p| {
            let text = &s.paragraphs[p];
            match s.kind(p) {
                ParagraphKind::Text => text.clone(),
                ParagraphKind::Heading => format!("§ {text}"),
                ParagraphKind::Pre if text.starts_with("| ") => {
                    let rows = text.lines().filter(|l| !l.starts_with("|-")).map(table_row);
                    format!("TABLE:{}", rows.collect::<Vec<_>>().join("\n"))
                }
                ParagraphKind::Pre => format!("PRE:{text}"),
            }
        })
        .collect()
}

/// Paragraphs expected per section, in order, as a scanner builds them.
#[derive(Default)]
struct Expected {
    sections: Vec<(String, Vec<String>)>,
    pending: Vec<String>,
    /// The addresses of the current section's links, in order of first use.
    links: Vec<String>,
}

impl Expected {
    fn section(&mut self, title: &str) {
        self.end_section();
        self.sections.push((title.to_string(), Vec::new()));
    }

    /// The current section's links, listed at its end.
    fn end_section(&mut self) {
        self.end_paragraph();
        for (n, url) in std::mem::take(&mut self.links).into_iter().enumerate() {
            self.sections.last_mut().unwrap().1.push(format!("[{}] {url}", n + 1));
        }
    }

    /// Markdown inline markup reduced the way the importer promises: link text kept and
    /// numbered, image alt text kept, emphasis, strikethrough and code markers dropped,
    /// whitespace folded.
    fn reduce_inline(&mut self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('[') {
            let (Some(mid), Some(close)) = (rest[open..].find("]("), rest[open..].find(')')) else {
                break;
            };
            let before = &rest[..open];
            let image = before.ends_with('!');
            out.push_str(before.strip_suffix('!').unwrap_or(before));
            out.push_str(&rest[open + 1..open + mid]);
            if !image {
                let url = rest[open + mid + 2..open + close].to_string();
                let n = match self.links.iter().position(|u| *u == url) {
                    Some(i) => i + 1,
                    None => {
                        self.links.push(url);
                        self.links.len()
                    }
                };
                out.push_str(&format!("[{n}]"));
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        fold(&out.replace("**", "").replace("~~", "").replace(['*', '`'], ""))
    }

    fn paragraph(&mut self, text: String) {
        self.end_paragraph();
        self.sections.last_mut().unwrap().1.push(text);
    }

    fn line(&mut self, line: &str) {
        self.pending.push(line.to_string());
    }

    fn end_paragraph(&mut self) {
        if !self.pending.is_empty() {
            let text = fold(&self.pending.join("\n"));
            self.pending.clear();
            self.sections.last_mut().unwrap().1.push(text);
        }
    }

    fn finish(mut self) -> Vec<(String, Vec<String>)> {
        self.end_section();
        self.sections.retain(|(_, paragraphs)| !paragraphs.is_empty());
        self.sections
    }
}

/// The sections and paragraphs the Markdown fixture should give, scanned line by line.
fn expected_markdown(source: &str) -> Vec<(String, Vec<String>)> {
    let mut expected = Expected::default();
    expected.section("Introduction");
    // The lines of the code block being read, and how far its fence is indented.
    let mut code: Option<(Vec<&str>, usize)> = None;
    let mut table: Vec<String> = Vec::new();
    let mut in_comment = false;
    for line in source.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if !table.is_empty() && !trimmed.starts_with('|') {
            expected.paragraph(format!("TABLE:{}", table.join("\n")));
            table.clear();
        }
        if trimmed.starts_with("```") {
            match code.take() {
                Some((lines, _)) => expected.paragraph(format!("PRE:{}", lines.join("\n"))),
                None => {
                    expected.end_paragraph();
                    code = Some((Vec::new(), indent));
                }
            }
        } else if let Some((lines, fence)) = &mut code {
            lines.push(&line[indent.min(*fence)..]);
        } else if in_comment || line.starts_with("<!--") {
            in_comment = !line.contains("-->");
        } else if line.starts_with("# ") {
            continue;
        } else if let Some(title) = line.strip_prefix("## ") {
            expected.section(title);
        } else if let Some(sub) = line.strip_prefix("### ").or(line.strip_prefix("#### ")) {
            expected.paragraph(format!("§ {sub}"));
        } else if trimmed.starts_with("|--") {
            continue;
        } else if trimmed.starts_with('|') {
            let cells: Vec<String> =
                trimmed.trim_matches('|').split('|').map(|c| expected.reduce_inline(c)).collect();
            table.push(cells.join(" | "));
        } else if let Some(quote) = trimmed.strip_prefix("> ") {
            let marker = if expected.pending.is_empty() { "> " } else { "" };
            let quote = expected.reduce_inline(quote);
            expected.line(&format!("{marker}{quote}"));
        } else if let Some(item) = list_item(trimmed, &mut expected) {
            let nesting = NBSP.repeat(2 * ((indent + 1) / 3));
            expected.paragraph(format!("{nesting}{item}"));
        } else if trimmed.is_empty() {
            expected.end_paragraph();
        } else {
            let text = expected.reduce_inline(trimmed);
            expected.line(&text);
        }
    }
    expected.finish()
}

/// `- text` as `• text`, `3. text` as `3. text`, inline markup reduced.
fn list_item(line: &str, expected: &mut Expected) -> Option<String> {
    if let Some(text) = line.strip_prefix("- ") {
        return Some(format!("• {}", expected.reduce_inline(text)));
    }
    let (number, text) = line.split_once(". ")?;
    number.parse::<u32>().ok()?;
    Some(format!("{number}. {}", expected.reduce_inline(text)))
}

#[test]
fn long_markdown_document() {
    let source = fixture("homelab-cluster.md");
    assert!(source.lines().count() >= 150);
    let (_, briefing) = imported_fixture("homelab-cluster.md");
    assert_eq!(briefing.title, "Running a Small Kubernetes Cluster at Home");
    assert_eq!(briefing.source.as_deref(), Some("homelab-cluster.md"));
    assert_eq!(
        titles(&briefing),
        vec![
            "Introduction",
            "Why a cluster at all?",
            "Hardware",
            "Installing the control plane",
            "Deploying applications",
            "Keeping it running",
            "Lessons learned",
        ]
    );
    let expected = expected_markdown(&source);
    for ((want_title, want), (got_title, got)) in expected.iter().zip(bodies(&briefing)) {
        assert_eq!(want_title, &got_title);
        assert_eq!(want, &got, "section {got_title}");
    }
    assert_eq!(expected.len(), briefing.sections.len());
}

#[test]
fn markdown_shapes_in_detail() {
    let (out, briefing) = imported_fixture("homelab-cluster.md");
    let section = |title: &str| shown(briefing.sections.iter().find(|s| s.title == title).unwrap());
    let hardware = section("Hardware");
    assert!(hardware.contains(&"§ Choosing the machines".to_string()), "a sub-heading");
    assert!(hardware.contains(&"3. Storage:".to_string()));
    let nested = format!("{NBSP}{NBSP}• optionally a second SATA drive for replicated volumes.");
    assert!(hardware.contains(&nested), "{hardware:#?}");
    let table = briefing.sections[2].paragraphs.iter().find(|p| p.starts_with("| Item")).unwrap();
    assert_eq!(
        table,
        "| Item                    | Quantity | Price each |\n\
         |-------------------------|----------|------------|\n\
         | Mini PC, 4 cores, 32 GB |        3 |      180 € |\n\
         | NVMe drive, 1 TB        |        3 |       55 € |\n\
         | Managed switch, 8 ports |        1 |       40 € |",
        "a table's rows stay rows, right-aligned columns too"
    );
    assert!(out.contains("{ pre = \"\"\"\n| Item "), "written as a preformatted part");
    let install = section("Installing the control plane");
    assert!(install.contains(&"§ A note on high availability".to_string()), "H4 stays inside");
    let code = install.iter().find(|p| p.starts_with("PRE:curl")).unwrap();
    assert!(code.contains("\n    --cluster-init \\\n"), "{code}");
    assert!(install.contains(&"The cluster uses k3s[1], a lightweight distribution that packs the control plane into a single binary. Installing it on the first node takes one command:".to_string()));
    assert_eq!(install.last().map(String::as_str), Some("[1] https://k3s.io"), "links listed");
    let running = section("Keeping it running");
    let raise = "            raise RuntimeError(f\"upgrade failed on {node}\")";
    assert!(running.iter().any(|p| p.starts_with("PRE:") && p.contains(raise)), "{running:#?}");
    assert!(
        running.contains(&format!("{NBSP}{NBSP}2. a volume with fewer than two healthy replicas;"))
    );
    let why = section("Why a cluster at all?");
    assert!(why.iter().any(|p| p.starts_with("> A cluster you can break")));
    assert!(why.iter().any(|p| p.contains("Running kubectl against your own nodes")));
    let all: Vec<&String> = briefing.sections.iter().flat_map(|s| &s.paragraphs).collect();
    assert!(!all.iter().any(|p| p.contains("Draft:")), "HTML comments are dropped");
    assert!(!all.iter().any(|p| p.contains("](") || p.contains("**")), "markup is reduced");
}

/// The sections and paragraphs a plain-text fixture should give. `headings` are the lines
/// that start sections; `subheadings` the lines that stay inside as `§ ` paragraphs.
fn expected_plain(
    source: &str,
    headings: &[&str],
    subheadings: &[&str],
) -> Vec<(String, Vec<String>)> {
    let mut expected = Expected::default();
    let mut lines = source.lines().map(str::trim);
    let _title = lines.next();
    expected.section("Introduction");
    for line in lines {
        let is_list_item = line.starts_with("- ");
        if headings.contains(&line) {
            expected.section(line);
        } else if subheadings.contains(&line) {
            expected.paragraph(format!("§ {line}"));
        } else if line.is_empty() || line.chars().all(|c| c == '=' || c == '-') {
            expected.end_paragraph();
        } else {
            if is_list_item {
                expected.end_paragraph();
            }
            expected.line(line);
        }
    }
    expected.finish()
}

fn assert_plain_fixture(name: &str, title: &str, headings: &[&str], subheadings: &[&str]) {
    let (_, briefing) = imported_fixture(name);
    assert_eq!(briefing.title, title);
    let expected = expected_plain(&fixture(name), headings, subheadings);
    let got = bodies(&briefing);
    assert_eq!(got.len(), expected.len(), "{:#?}", titles(&briefing));
    for ((want_title, want), (got_title, got)) in expected.iter().zip(got) {
        if want_title != "Introduction" {
            assert_eq!(want_title, &got_title);
        }
        assert_eq!(want, &got, "section {got_title}");
    }
}

#[test]
fn plain_text_with_underlined_headings() {
    assert_plain_fixture(
        "night-trains-underlined.txt",
        "The Quiet Return of the Night Train",
        &["Why the trains left", "What changed", "The limits of the revival", "What to watch"],
        &[],
    );
    let (_, briefing) = imported_fixture("night-trains-underlined.txt");
    let left = &briefing.sections[1].paragraphs;
    assert!(left.contains(&"- rolling stock was decades old and needed replacing;".to_string()));
}

#[test]
fn plain_text_with_numbered_headings() {
    assert_plain_fixture(
        "heat-islands-numbered.txt",
        "Urban Heat Islands: Measurements From One Summer",
        &["1. Introduction", "2. Methods", "3. Results", "4. Discussion", "5. Conclusion"],
        &["2.1 Study area", "2.2 Instruments", "3.1 Hot spots"],
    );
    let (_, briefing) = imported_fixture("heat-islands-numbered.txt");
    let ids: Vec<&str> = briefing.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "this-report-summarises-a-season-of",
            "introduction",
            "methods",
            "results",
            "discussion",
            "conclusion"
        ]
    );
}

#[test]
fn plain_text_with_all_caps_headings() {
    assert_plain_fixture(
        "harbour-caps.txt",
        "LETTER FROM THE HARBOUR MASTER",
        &["SUMMARY", "THE WINTER STORMS", "THE NEW QUAY", "WHAT COMES NEXT"],
        &[],
    );
}

#[test]
fn plain_text_with_roman_numerals_from_stdin() {
    let source = "A Short Report\n\nOpening words.\n\nI. Background\n\nSome history.\n\n\
                  II. Findings\n\nWhat we saw.\n\nIII. Next Steps\n\nWhat to do.\n";
    let (out, briefing) = imported(source, None, &ImportOptions::default());
    assert!(!out.contains("source ="), "no source for stdin");
    assert_eq!(
        titles(&briefing),
        vec!["Introduction", "I. Background", "II. Findings", "III. Next Steps"]
    );
}

#[test]
fn plain_text_without_headings() {
    let source = fixture("china-ai-article.txt");
    let (_, briefing) = imported_fixture("china-ai-article.txt");
    let mut lines = source.lines();
    assert_eq!(briefing.title, lines.next().unwrap());
    let rest: Vec<&str> = lines.collect();
    let rest = rest.join("\n");
    let want: Vec<String> = rest.split("\n\n").map(fold).filter(|p| !p.is_empty()).collect();
    let got: Vec<String> = briefing.sections.iter().flat_map(|s| s.paragraphs.clone()).collect();
    assert_eq!(got, want, "every paragraph, in order");
    assert!(briefing.sections.len() >= 2, "{:#?}", titles(&briefing));
    for section in &briefing.sections {
        assert!((1..=5).contains(&section.paragraphs.len()), "{}", section.title);
        let opening = section.title.strip_suffix('…').unwrap_or(&section.title);
        assert!(section.paragraphs[0].starts_with(opening), "{}", section.title);
        assert!(section.title.split_whitespace().count() <= 6, "{}", section.title);
    }
    assert_eq!(briefing.sections[0].title, "Despite U.S. sanctions, China forges an…");
}

#[test]
fn ids_are_unique_and_valid() {
    let source = "# Notes on Everything\n\nIntro.\n\n## Notes\n\na\n\n## Notes\n\nb\n\n## notes!\n\nc\n\n\
                  ## 中文标题\n\nd\n\n## Русский\n\ne\n\n## Section 5\n\nf\n\n## Café Crème\n\ng\n\n\
                  ## A very long heading that goes on and on and on well past the sixty four character limit\n\nh\n";
    let (_, briefing) = imported(source, None, &ImportOptions::default());
    let ids: Vec<&str> = briefing.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "introduction",
            "notes",
            "notes-2",
            "notes-3",
            "section-5",
            "section-6",
            "section-5-2",
            "cafe-creme",
            "a-very-long-heading-that-goes-on-and-on-and-on-well-past-the",
        ]
    );
    assert_eq!(briefing.id, "notes-on-everything");
    let (_, briefing) =
        imported("# 中国的人工智能\n\n正文。\n", Some("-"), &ImportOptions::default());
    assert_eq!(briefing.id, "imported");
    assert_eq!(briefing.title, "中国的人工智能");
}

#[test]
fn id_option_is_validated() {
    for bad in ["Bad_ID", "-leading", "", "has space", &"a".repeat(65)] {
        let options = ImportOptions { id: Some(bad.to_string()), title: None };
        let err = import("Some text.", None, &options).unwrap_err().to_string();
        assert!(err.starts_with("--id '"), "{err}");
        assert!(err.contains("is not a valid id, expected 1 to 64 of a-z, 0-9 and '-'"), "{err}");
    }
    let options = ImportOptions { id: Some("my-briefing".into()), title: Some("Mine".into()) };
    let (_, briefing) = imported("Some text.", None, &options);
    assert_eq!((briefing.id.as_str(), briefing.title.as_str()), ("my-briefing", "Mine"));
}

#[test]
fn empty_input_is_refused() {
    for empty in ["", "   ", "\n\n\t\n", "\u{feff}\r\n"] {
        let err = import(empty, Some("a.md"), &ImportOptions::default()).unwrap_err();
        assert!(err.to_string().starts_with("nothing to import"), "{err}");
    }
}

#[test]
fn hostile_text_round_trips_visibly() {
    let hostile = "Title \u{1b}[31mred\u{1b}[0m \"\"\" end\n\n\
                   Quotes \"\"\" and \"\"\"\" and a backslash \\ and \\\\ two, \\\"\"\" mixed.\n\n\
                   Escape \u{1b}[31mred\u{1b}[0m, NUL \u{0} here, RLO \u{202e}txet, bell \u{7}.\n\n\
                   Ends with quotes \"\"";
    for name in [Some("hostile.txt"), Some("hostile.md")] {
        let (out, briefing) = imported(hostile, name, &ImportOptions::default());
        assert!(!out.contains(['\u{1b}', '\u{0}', '\u{202e}', '\u{7}']), "the file is safe to cat");
        let title = "Title ^[[31mred^[[0m \"\"\" end";
        let is_plain = name == Some("hostile.txt");
        // Markdown has no H1 here: the title comes from the file name.
        assert_eq!(briefing.title, if is_plain { title } else { "hostile" });
        let all = briefing.sections.iter().flat_map(|s| &s.paragraphs).cloned().collect::<Vec<_>>();
        let text = all.join("\n");
        for visible in [
            "Quotes \"\"\" and \"\"\"\" and a backslash",
            "^[[31mred^[[0m",
            "NUL ^@ here",
            "RLO <U+202E>txet",
            "bell ^G.",
            "Ends with quotes \"\"",
        ] {
            assert!(text.contains(visible), "{visible:?} in {text}");
        }
        if is_plain {
            assert!(text.contains("a backslash \\ and \\\\ two, \\\"\"\" mixed."), "{text}");
        }
        let report = check_text(Path::new("imported.toml"), &out);
        assert!(report.warnings() > 0, "unsafe characters are warned about");
    }
    let code = "# Code\n\n```\nprint(\"\"\"x\"\"\")  # \\ and \u{1b}[2J\n```\n";
    let (_, briefing) = imported(code, None, &ImportOptions::default());
    let line = &briefing.sections[0].paragraphs[0];
    assert_eq!(line, "print(\"\"\"x\"\"\")  # \\ and ^[[2J");
    assert_eq!(briefing.sections[0].kind(0), ParagraphKind::Pre);
}

/// The output with the example block uncommented: the leading `# ` removed from each line
/// between the markers.
fn uncommented(out: &str) -> String {
    let mut inside = false;
    let mut lines = Vec::new();
    for line in out.lines() {
        if line == EXAMPLE_START || line == EXAMPLE_END {
            inside = line == EXAMPLE_START;
            continue;
        }
        lines.push(if inside { line.strip_prefix("# ").unwrap_or(line) } else { line });
    }
    assert!(out.contains(EXAMPLE_START) && out.contains(EXAMPLE_END));
    lines.join("\n") + "\n"
}

#[test]
fn uncommented_example_is_a_valid_analysis() {
    let mut sources: Vec<(String, Option<&str>)> = [
        "homelab-cluster.md",
        "night-trains-underlined.txt",
        "heat-islands-numbered.txt",
        "harbour-caps.txt",
        "china-ai-article.txt",
    ]
    .iter()
    .map(|name| (fixture(name), Some(*name)))
    .collect();
    sources.push(("Q \u{1b}\t\"\"\"\\\n\n\tTabbed \u{202e} \"\"\" \\ words here".into(), None));
    sources.push(("```\n    indented \"code\"\n```\n".into(), Some("code.md")));
    for (source, name) in sources {
        let (out, _) = imported(&source, name, &ImportOptions::default());
        let analysed = uncommented(&out);
        let report = check_text(Path::new("analysed.toml"), &analysed);
        let diagnostics: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(report.errors(), 0, "{name:?}: {diagnostics:#?}\n{analysed}");
        let briefing = report.briefing.unwrap();
        assert_eq!(briefing.claims.len(), 1);
        assert_eq!(briefing.counterpoints.len(), 1);
        assert_eq!(briefing.factors.len(), 1);
        let claim = &briefing.claims[0];
        assert!(claim.quote_span.is_some(), "{name:?}: the quote is found");
        assert!(!briefing.sections[claim.section].paragraphs.is_empty());
        assert_eq!(briefing.counterpoints[0].claims, vec![briefing::briefing::ClaimIx(0)]);
        assert_eq!(briefing.factors[0].claims, vec![briefing::briefing::ClaimIx(0)]);
        assert_eq!(briefing.factors[0].sections, vec![claim.section]);
    }
}

#[test]
fn crlf_and_markdown_detected_from_content() {
    let source = "# Title\r\n\r\nIntro *text*.\r\n\r\n## Part one\r\n\r\n- a\r\n- b\r\n";
    let (out, briefing) = imported(source, None, &ImportOptions::default());
    assert!(!out.contains('\r'));
    assert_eq!(briefing.title, "Title");
    assert_eq!(titles(&briefing), vec!["Introduction", "Part one"]);
    assert_eq!(briefing.sections[1].paragraphs, vec!["• a", "• b"]);
}

#[test]
fn markdown_without_headings_is_grouped() {
    let paragraphs: Vec<String> =
        (1..=10).map(|i| format!("Paragraph number {i} has *some* words in it.")).collect();
    let source = paragraphs.join("\n\n");
    let (_, briefing) = imported(&source, Some("notes.md"), &ImportOptions::default());
    assert_eq!(briefing.title, "notes");
    assert_eq!(
        titles(&briefing),
        vec![
            "Paragraph number 1 has some words…",
            "Paragraph number 5 has some words…",
            "Paragraph number 9 has some words…"
        ]
    );
    let all: Vec<String> = briefing.sections.iter().flat_map(|s| s.paragraphs.clone()).collect();
    let want: Vec<String> = paragraphs.iter().map(|p| p.replace('*', "")).collect();
    assert_eq!(all, want);
}

#[test]
fn empty_sections_are_kept_and_pass_check() {
    let source = "# Guide\n\n## Part one\n\n## Part two\n\nOnly text.\n\n## Appendix\n";
    let (out, briefing) = imported(source, None, &ImportOptions::default());
    assert_eq!(titles(&briefing), vec!["Part one", "Part two", "Appendix"]);
    assert!(briefing.sections[0].paragraphs.is_empty());
    assert!(out.contains("# section = \"part-two\"\n"), "the example quotes a section with text");
}

/// A briefing's outline, as a reader sees it in the contents and the text: the title and
/// subtitle, then each section's title, with its sub-headings (`§`), preformatted paragraphs
/// (their line count) and runs of text paragraphs (their count) in order.
fn outline(b: &Briefing) -> String {
    let mut out = format!("title: {}\n", b.title);
    if let Some(subtitle) = &b.subtitle {
        out.push_str(&format!("subtitle: {subtitle}\n"));
    }
    for (i, s) in b.sections.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, s.title));
        let mut texts = 0;
        let flush = |out: &mut String, texts: &mut usize| {
            if *texts > 0 {
                out.push_str(&format!("     {texts} paragraph(s)\n"));
                *texts = 0;
            }
        };
        for (p, text) in s.paragraphs.iter().enumerate() {
            match s.kind(p) {
                ParagraphKind::Text => texts += 1,
                ParagraphKind::Heading => {
                    flush(&mut out, &mut texts);
                    out.push_str(&format!("     § {text}\n"));
                }
                ParagraphKind::Pre => {
                    flush(&mut out, &mut texts);
                    out.push_str(&format!("     [pre, {} lines]\n", text.lines().count()));
                }
            }
        }
        flush(&mut out, &mut texts);
    }
    out
}

#[test]
fn outline_of_a_licence_with_centred_and_indented_numbered_headings() {
    let (_, briefing) = imported_fixture("licence-centred.txt");
    assert_eq!(briefing.title, "THE SAMPLE PUBLIC LICENCE", "the title line, not the file name");
    assert_eq!(briefing.subtitle.as_deref(), Some("Version 2, 1 March 2031"));
    let terms: Vec<&str> =
        titles(&briefing).into_iter().filter(|t| t.starts_with(char::is_numeric)).collect();
    assert_eq!(terms.len(), 18, "each numbered term a section of its own");
    insta::assert_snapshot!(outline(&briefing));
}

#[test]
fn outline_of_a_spec_with_two_levels_of_underlines() {
    let (_, briefing) = imported_fixture("spec-two-underlines.txt");
    insta::assert_snapshot!(outline(&briefing));
    let states = &briefing.sections[2];
    assert_eq!(
        states.paragraphs[1],
        "idle        never     never      No        none\n\
         pending     yes       maybe      No        wait\n\
         stuck       yes       never      Yes       relay-flush (when asked)",
        "a table's rows stay rows, columns as written"
    );
}

#[test]
fn outline_of_a_readme_with_badges_links_code_and_a_table() {
    let source = fixture("readme-badges.md");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lantern").join("README.md");
    let name = path.to_string_lossy().into_owned();
    let (out, briefing) = imported(&source, Some(&name), &ImportOptions::default());
    assert_eq!(briefing.title, "lantern", "a README is titled by its folder");
    insta::assert_snapshot!(outline(&briefing));
    let intro = &briefing.sections[0].paragraphs;
    assert_eq!(
        intro,
        &[
            "Lantern is a small library for drawing maps in the terminal. It reads GeoJSON[1] \
             and draws it with braille dots, so a map fits in a pane.",
            "[1] https://geojson.org",
        ],
        "badges, link-only lines, a contents list and a banner image are dropped"
    );
    let docs = &briefing.sections[2].paragraphs;
    assert!(
        docs.contains(
            &"See the Node.js website[3] for the data tools, and the guide[2] again for styles."
                .to_string()
        ),
        "{docs:#?}"
    );
    assert_eq!(
        docs[docs.len() - 3..],
        [
            "[1] https://docs.rs/lantern",
            "[2] https://lantern.example.org/guide",
            "[3] https://nodejs.org"
        ]
    );
    let code = &briefing.sections[1].paragraphs[3];
    assert_eq!(
        code,
        "fn main() {\n    let map = lantern::Map::open(\"world.geojson\")?;\n    println!(\"{map}\");\n}",
        "tabs expanded, lines kept"
    );
    assert!(out.contains("| width  |      80 | columns to draw in   |"), "{out}");
}

#[test]
fn outline_of_numbered_caps_and_underlined_articles() {
    let mut all = String::new();
    for name in ["heat-islands-numbered.txt", "harbour-caps.txt", "night-trains-underlined.txt"] {
        let (_, briefing) = imported_fixture(name);
        all.push_str(&format!("== {name}\n{}", outline(&briefing)));
    }
    insta::assert_snapshot!(all);
}

#[test]
fn into_library_writes_the_briefing_where_its_id_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let article = dir.path().join("notes.md");
    std::fs::write(&article, "# Field Notes\n\nSome text.\n\n## Part\n\nMore.\n").unwrap();
    let run = |force: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"));
        cmd.arg("--data-dir").arg(&data).arg("import").arg(&article).arg("--into-library");
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    let first = run(false);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let written = data.join("briefings/field-notes.toml");
    assert!(written.is_file());
    assert!(String::from_utf8_lossy(&first.stderr).contains("open it with `briefing field-notes`"));
    let again = run(false);
    assert!(!again.status.success(), "no overwrite without --force");
    assert!(String::from_utf8_lossy(&again.stderr).contains("pass --force to overwrite it"));
    assert!(run(true).status.success());
    let opened = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--data-dir")
        .arg(&data)
        .args(["export", "field-notes", "--format", "text"])
        .output()
        .unwrap();
    assert!(opened.status.success(), "{}", String::from_utf8_lossy(&opened.stderr));
    assert!(String::from_utf8_lossy(&opened.stdout).starts_with("Field Notes\n"));
}
