//! The plain-text rendering of a briefing: what piped stdout gets (`briefing | less`) and what
//! `export --format text` writes. Pure: builds a `String`, prints nothing.
//!
//! Every string in a `Briefing` is already sanitized, so this output carries no escape codes.

use crate::briefing::{Briefing, Claim, ParagraphKind, SectionIx};
use crate::text::{self, width};

/// Columns the plain rendering wraps to.
pub const WIDTH: usize = 80;
/// What stands before each line of a preformatted paragraph.
pub const PRE_MARGIN: &str = "    ";

/// Renders the whole briefing: cover, contents, each section with its analysis, factors.
pub fn render(b: &Briefing) -> String {
    let mut out = Out::default();
    out.heading(&b.title, '=');
    if let Some(subtitle) = &b.subtitle {
        out.wrapped(subtitle, "", "");
    }
    let byline: Vec<&str> =
        [&b.source, &b.published].into_iter().flatten().map(String::as_str).collect();
    if !byline.is_empty() {
        out.wrapped(&byline.join(" · "), "", "");
    }
    out.blank();
    for paragraph in &b.summary {
        out.wrapped(paragraph, "", "");
        out.blank();
    }
    out.line("Contents");
    for (i, s) in b.sections.iter().enumerate() {
        out.wrapped(&s.title, &format!("  {:>2}. ", i + 1), "      ");
    }
    out.blank();

    for (i, section) in b.sections.iter().enumerate() {
        out.heading(&format!("{}. {}", i + 1, section.title), '-');
        for (p, paragraph) in section.paragraphs.iter().enumerate() {
            match section.kind(p) {
                ParagraphKind::Text => {
                    let hang = " ".repeat(text::hanging_indent(paragraph).min(WIDTH / 2));
                    out.wrapped(paragraph, "", &hang);
                }
                ParagraphKind::Heading => out.heading(paragraph, '~'),
                // Each line as it is, spaces kept, behind a margin; never wrapped.
                ParagraphKind::Pre => paragraph.split('\n').for_each(|l| out.pre_line(l)),
            }
            out.blank();
        }
        if !section.claims.is_empty() {
            out.line("Claims");
            for &c in &section.claims {
                claim(&mut out, b, &b.claims[c]);
            }
            out.blank();
        }
        let factors: Vec<&str> = b
            .factor_ixs()
            .filter(|&f| b.factor_bears_on(f, SectionIx(i)))
            .map(|f| b.factors[f].title.as_str())
            .collect();
        if !factors.is_empty() {
            out.wrapped(&format!("Future factors: {}", factors.join("; ")), "", "  ");
            out.blank();
        }
    }

    if !b.factors.is_empty() {
        out.heading("Future factors", '-');
        for factor in &b.factors {
            out.wrapped(&factor.title, "* ", "  ");
            if let Some(q) = &factor.question {
                out.wrapped(q, "  ", "  ");
            }
            out.wrapped(&factor.text, "  ", "  ");
            for indicator in &factor.indicators {
                out.wrapped(&indicator.text, "  Watch: ", "    ");
            }
            let sections: Vec<String> =
                factor.sections.iter().map(|&s| format!("{s}. {}", b.sections[s].title)).collect();
            if !sections.is_empty() {
                out.wrapped(&sections.join("; "), "  Sections: ", "    ");
            }
            out.blank();
        }
    }
    out.text.truncate(out.text.trim_end().len());
    out.text.push('\n');
    out.text
}

fn claim(out: &mut Out, b: &Briefing, c: &Claim) {
    let about: Vec<String> =
        c.kind.map(|k| k.name().to_string()).into_iter().chain(c.estimate().words()).collect();
    let kind = if about.is_empty() { String::new() } else { format!(" ({})", about.join("; ")) };
    out.wrapped(&format!("{}{kind}", c.text), "  - ", "    ");
    if let Some(quote) = &c.quote {
        out.wrapped(&format!("“{quote}”"), "    ", "    ");
    }
    for &cp in &c.counterpoints {
        let cp = &b.counterpoints[cp];
        let by = cp.by.as_deref().map(|by| format!(" ({by})")).unwrap_or_default();
        out.wrapped(&format!("Counterpoint{by}: {}", cp.text), "    * ", "      ");
    }
}

#[derive(Default)]
struct Out {
    text: String,
}

impl Out {
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// A line of a preformatted paragraph, after [`PRE_MARGIN`] (a blank line stays blank).
    fn pre_line(&mut self, line: &str) {
        if !line.is_empty() {
            self.text.push_str(PRE_MARGIN);
        }
        self.line(line);
    }

    fn blank(&mut self) {
        if !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    fn heading(&mut self, title: &str, underline: char) {
        self.wrapped(title, "", "");
        let rule = width(title).clamp(1, WIDTH);
        self.line(&underline.to_string().repeat(rule));
        self.blank();
    }

    /// Wraps `text` to the page, with a prefix on the first line and an indent on the rest.
    fn wrapped(&mut self, text: &str, first: &str, rest: &str) {
        // Callers pass prefixes of one width, so every line has the same room.
        let indent = width(first).max(width(rest));
        let mut prefix = first;
        for range in text::wrap(text, WIDTH.saturating_sub(indent).max(20)) {
            self.text.push_str(prefix);
            self.line(&text[range]);
            prefix = rest;
        }
    }
}
