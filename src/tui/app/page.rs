//! A section laid out for the reading pane: its lines, wrapped to one width.
//!
//! Built once per (section, width) and kept by `App`, so scrolling costs the lines on screen,
//! never the document. Lines are byte ranges into the briefing's own strings: no text is copied.

use std::ops::Range;

use crate::briefing::{Anchor, Briefing, ParagraphKind, SectionIx};
use crate::text;

/// What a line of the reading pane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LineKind {
    /// The briefing's title (section 1 only, the cover).
    CoverTitle,
    /// The briefing's subtitle (cover).
    CoverSubtitle,
    /// A paragraph of the briefing's summary (cover).
    Summary(usize),
    /// "Section i of n".
    Label,
    /// The section's title.
    Title,
    /// A paragraph of the section's body.
    Body(usize),
    Blank,
}

/// One wrapped line: what it shows and which bytes of that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageLine {
    pub kind: LineKind,
    pub range: Range<usize>,
    /// Columns left blank before the text: a wrapped list item's hanging indent.
    pub indent: u16,
}

/// A section wrapped to a width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    pub section: SectionIx,
    pub width: usize,
    pub lines: Vec<PageLine>,
}

impl Page {
    /// Lays out section `section` of `b` at `width` columns.
    pub fn new(b: &Briefing, section: SectionIx, width: usize) -> Self {
        let mut page = Page { section, width, lines: Vec::new() };
        let Some(s) = b.sections.get(section.0) else {
            return page;
        };
        if section == SectionIx(0) {
            page.push_wrapped(LineKind::CoverTitle, &b.title);
            if let Some(subtitle) = &b.subtitle {
                page.push_wrapped(LineKind::CoverSubtitle, subtitle);
            }
            for (i, p) in b.summary.iter().enumerate() {
                page.blank();
                page.push_wrapped(LineKind::Summary(i), p);
            }
            page.blank();
            page.blank();
        }
        page.lines.push(PageLine { kind: LineKind::Label, range: 0..0, indent: 0 });
        page.push_wrapped(LineKind::Title, &s.title);
        for (i, p) in s.paragraphs.iter().enumerate() {
            page.blank();
            match s.kind(i) {
                ParagraphKind::Pre => page.push_pre(LineKind::Body(i), p),
                ParagraphKind::Heading => page.push_wrapped(LineKind::Body(i), p),
                ParagraphKind::Text => page.push_hanging(LineKind::Body(i), p),
            }
        }
        page
    }

    fn blank(&mut self) {
        self.lines.push(PageLine { kind: LineKind::Blank, range: 0..0, indent: 0 });
    }

    fn push_wrapped(&mut self, kind: LineKind, text: &str) {
        for range in text::wrap(text, self.width) {
            self.lines.push(PageLine { kind, range, indent: 0 });
        }
    }

    /// A paragraph wrapped with a list item's hanging indent, when it starts like one.
    fn push_hanging(&mut self, kind: LineKind, text: &str) {
        let hang = text::hanging_indent(text);
        for (n, range) in text::wrap_hanging(text, self.width, hang).into_iter().enumerate() {
            // `wrap_hanging` applies the indent only when it leaves room: so does the pane.
            let indent = if n == 0 || hang * 2 > self.width.max(1) { 0 } else { hang };
            self.lines.push(PageLine { kind, range, indent: u16::try_from(indent).unwrap_or(0) });
        }
    }

    /// A preformatted paragraph: one page line per line of it, never wrapped (the pane cuts a
    /// line wider than itself, with a marker).
    fn push_pre(&mut self, kind: LineKind, text: &str) {
        let mut start = 0;
        for line in text.split('\n') {
            self.lines.push(PageLine { kind, range: start..start + line.len(), indent: 0 });
            start += line.len() + 1;
        }
    }

    /// The text a line shows (the label is drawn by the pane, not stored).
    pub fn text<'b>(&self, b: &'b Briefing, line: &PageLine) -> &'b str {
        &self.source(b, &line.kind)[line.range.clone()]
    }

    /// The whole text lines of this kind are cut from.
    pub fn source<'b>(&self, b: &'b Briefing, kind: &LineKind) -> &'b str {
        let s = &b.sections[self.section];
        match kind {
            LineKind::CoverTitle => b.title.as_str(),
            LineKind::CoverSubtitle => b.subtitle.as_deref().unwrap_or(""),
            LineKind::Summary(i) => &b.summary[*i],
            LineKind::Title => &s.title,
            LineKind::Body(i) => &s.paragraphs[*i],
            LineKind::Label | LineKind::Blank => "",
        }
    }

    /// The first line showing byte `offset` of body paragraph `paragraph`.
    pub fn line_of(&self, paragraph: usize, offset: usize) -> Option<usize> {
        self.line_of_kind(&LineKind::Body(paragraph), offset)
    }

    /// The first line showing byte `offset` of the text lines of `kind` are cut from.
    pub fn line_of_kind(&self, kind: &LineKind, offset: usize) -> Option<usize> {
        let first = self.lines.iter().position(|l| l.kind == *kind)?;
        let count = self.lines[first..].iter().take_while(|l| l.kind == *kind).count();
        let lines = &self.lines[first..first + count];
        // Lines of a text are in byte order: the last one starting at or before `offset`.
        let within = lines.partition_point(|l| l.range.start <= offset).saturating_sub(1);
        Some(first + within)
    }

    /// Where line `index` starts, as a (paragraph, byte) anchor that survives a change of width.
    /// Lines before the body anchor to paragraph `None`.
    pub fn anchor(&self, index: usize) -> Anchor {
        match self.lines.get(index) {
            Some(PageLine { kind: LineKind::Body(p), range, .. }) => {
                Anchor { paragraph: Some(*p), offset: range.start }
            }
            _ => Anchor { paragraph: None, offset: index },
        }
    }

    /// The line an anchor points at in this layout.
    pub fn resolve(&self, anchor: Anchor) -> usize {
        match anchor.paragraph {
            Some(p) => self.line_of(p, anchor.offset).unwrap_or(0),
            None => anchor.offset.min(self.lines.len().saturating_sub(1)),
        }
    }
}
