//! Markdown articles: pulldown-cmark's events reduced to headings, paragraphs of plain text,
//! preformatted blocks and tables.
//!
//! - inline markup is reduced to its text: emphasis markers dropped, inline code its code, HTML
//!   tags dropped (an HTML block keeps its words), footnote references read `[1]`;
//! - a link keeps its text and its address: `outline` numbers it (`website[1]`) and lists the
//!   address at the end of its section. A link to a place in the same document (`#usage`),
//!   or whose text is its address, gets no number;
//! - an image keeps its alt text, but a link around one (a badge) is dropped with it; a
//!   paragraph that is nothing but links, images and punctuation (a row of badges, a banner,
//!   a navigation line) is dropped, and so is a list item that only links inside the document (a table of
//!   contents);
//! - each list item is a paragraph starting `• ` (ordered lists: `1. `, `2. `...); a nested
//!   item, or a later paragraph of the same item, is indented by two no-break spaces (U+00A0)
//!   per level, because the reader folds ordinary spaces away (and the reader hangs the item's
//!   wrapped lines under its text);
//! - a block quote's paragraphs start `> ` (`> > ` when nested);
//! - a code block is one preformatted block, its lines as written, tabs expanded to 4 columns;
//! - a table is a table block (cells reduced to text, with their links), laid out by `outline`;
//! - a heading inside a list or quote is a paragraph there; a YAML (`---`) or TOML (`+++`)
//!   front-matter block is dropped, except that its `title` is the title when there is no H1.
//!
//! A first heading that is an H1 is the article's title.

use std::fmt::Write;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::outline::{Block, Cell, Inline, Parsed, Table};
use super::{html, write};

/// Two no-break spaces: one level of list nesting that survives the reader's folding.
const INDENT: &str = "\u{a0}\u{a0}";
/// Columns between tab stops when expanding tabs in code.
const TAB_WIDTH: usize = 4;
/// Bytes of text and cells a table gets room for at its start.
const TABLE_TEXT: usize = 512;
const TABLE_CELLS: usize = 16;

/// Reads a Markdown article.
pub(super) fn parse(text: &str) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // About one block per 110 bytes of Markdown (the benchmark's article): room for a little
    // more, so the list of blocks rarely grows, and then once.
    // Their text is about as long as the article's: the shared text grows once at most.
    let mut walker = Walker {
        blocks: Vec::with_capacity(text.len() / 96),
        shared: String::with_capacity(text.len() + text.len() / 16),
        ..Walker::default()
    };
    for event in Parser::new_ext(text, options) {
        walker.event(event);
    }
    walker.flush();
    walker.finish()
}

/// Where text being collected will go when its block ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Leaf {
    /// A paragraph, a tight list item's text, or a table cell.
    #[default]
    Inline,
    Heading,
    Code,
    Html,
    FrontMatter,
}

/// A block that prefixes the paragraphs inside it.
enum Container {
    Quote,
    /// A list item or footnote: its marker starts its first paragraph only.
    Item {
        marker: Marker,
        shown: bool,
    },
}

/// What starts a list item's or a footnote's first paragraph, written when it is shown.
enum Marker {
    /// `• `.
    Bullet,
    /// `3. `.
    Number(u64),
    /// `[label] `.
    Footnote(String),
}

impl Marker {
    fn push_to(&self, out: &mut String) {
        match self {
            Marker::Bullet => out.push_str("• "),
            Marker::Number(n) => {
                // Written in place: no string per item.
                let _ = write!(out, "{n}. ");
            }
            Marker::Footnote(label) => {
                out.push('[');
                out.push_str(label);
                out.push_str("] ");
            }
        }
    }
}

/// A link being read: where its text starts, its address, and whether it holds an image.
struct OpenLink {
    start: usize,
    url: String,
    has_image: bool,
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    /// The text of the [`Block::Shared`] paragraphs, one after another.
    shared: String,
    containers: Vec<Container>,
    /// The next number of each open list; `None` for bullet lists.
    lists: Vec<Option<u64>>,
    leaf: Leaf,
    text: String,
    /// Links of `text`: where each one's text ends, and its address (numbered later).
    links: Vec<(usize, String)>,
    /// Where the text of every link of `text` is, numbered or not: what a link-only
    /// paragraph is made of.
    linked: Vec<std::ops::Range<usize>>,
    /// Whether `text` holds an image's alt text or lost a badge.
    dropped_image: bool,
    /// Whether `text` holds a tab that stays in a paragraph (a footnote label's): its other
    /// tabs and line breaks are then made spaces as they come, and folding keeps tabs.
    /// Otherwise they are left for folding to make spaces.
    raw_tabs: bool,
    open_links: Vec<OpenLink>,
    /// Where the alt text of the image being read starts.
    image_start: Option<usize>,
    /// The table being read: its cells' text in one string, so a cell costs no string of its
    /// own.
    table: Table,
    /// How many of `table`'s cells are in its rows so far, and where their text ends: a row
    /// being read starts there.
    kept_cells: usize,
    kept_text: usize,
    front_matter_title: Option<String>,
    /// A first heading that is an H1: the title, kept out of `blocks`.
    title: Option<String>,
    /// Whether a heading went to `blocks` or `title` yet.
    heading_seen: bool,
}

impl Walker {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if matches!(self.leaf, Leaf::Code | Leaf::FrontMatter) {
                    self.text.push_str(&t);
                } else if self.raw_tabs && has_tab_or_break(t.as_bytes()) {
                    // A tab or line break in running text is a space (same length: offsets
                    // hold). Folding makes it one, unless the text holds a tab that stays.
                    self.text.push_str(&t.replace(['\t', '\n'], " "));
                } else {
                    self.text.push_str(&t);
                }
            }
            Event::Html(t) if self.leaf == Leaf::Html => self.text.push_str(&t),
            // Inline tags are dropped (their text comes as Text events); `<br>` separates words.
            Event::Html(t) | Event::InlineHtml(t) => {
                if is_break(&t) {
                    self.text.push(' ');
                }
            }
            Event::FootnoteReference(label) => {
                if label.contains('\t') && !self.raw_tabs {
                    // A tab that stays in a paragraph: the text's others become spaces now.
                    self.text = self.text.replace(['\t', '\n'], " ");
                    self.raw_tabs = true;
                }
                self.text.push('[');
                self.text.push_str(&label);
                self.text.push(']');
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::Rule => self.flush(),
            Event::TaskListMarker(done) => self.text.push_str(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::DefinitionList | Tag::DefinitionListTitle => self.flush(),
            Tag::Table(align) => {
                self.flush();
                // Room for a small table, so that most never grow.
                self.table = Table {
                    text: String::with_capacity(TABLE_TEXT),
                    cells: Vec::with_capacity(TABLE_CELLS),
                    rows: Vec::with_capacity(TABLE_CELLS / 2),
                    align,
                };
                self.kept_cells = 0;
                self.kept_text = 0;
            }
            Tag::DefinitionListDefinition => self.flush(),
            Tag::Heading { .. } => self.begin(Leaf::Heading),
            Tag::CodeBlock(_) => self.begin(Leaf::Code),
            Tag::HtmlBlock => self.begin(Leaf::Html),
            Tag::MetadataBlock(_) => self.begin(Leaf::FrontMatter),
            Tag::BlockQuote(_) => {
                self.flush();
                self.containers.push(Container::Quote);
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        Marker::Number(*n - 1)
                    }
                    _ => Marker::Bullet,
                };
                self.containers.push(Container::Item { marker, shown: false });
            }
            Tag::FootnoteDefinition(label) => {
                self.flush();
                let marker = Marker::Footnote(label.to_string());
                self.containers.push(Container::Item { marker, shown: false });
            }
            Tag::TableHead | Tag::TableRow => {
                self.table.cells.truncate(self.kept_cells);
                self.table.text.truncate(self.kept_text);
            }
            Tag::TableCell => self.clear_inline(),
            Tag::Link { dest_url, .. } => self.open_links.push(OpenLink {
                start: self.text.len(),
                url: dest_url.to_string(),
                has_image: false,
            }),
            Tag::Image { .. } => {
                self.image_start.get_or_insert(self.text.len());
                if let Some(link) = self.open_links.last_mut() {
                    link.has_image = true;
                }
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::DefinitionList => self.flush(),
            TagEnd::Heading(level) => self.heading(level as usize),
            TagEnd::CodeBlock => {
                let code = self.take();
                self.code(&code);
                self.give_back(code);
            }
            TagEnd::HtmlBlock => {
                let html = self.take();
                // A `<details>` table of contents keeps only its label: no prose.
                let is_contents = |p: &String| {
                    ["table of contents", "contents", "toc"].contains(&p.to_lowercase().as_str())
                };
                for paragraph in html::paragraphs(&html).iter().filter(|p| !is_contents(p)) {
                    self.paragraph(Inline::from(paragraph.as_str()));
                }
                self.give_back(html);
            }
            TagEnd::MetadataBlock(_) => {
                let front_matter = self.take();
                self.front_matter_title = front_matter_title(&front_matter);
                self.give_back(front_matter);
            }
            TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush();
                self.containers.pop();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::TableCell => self.cell(),
            TagEnd::TableHead | TagEnd::TableRow => {
                let table = &mut self.table;
                let row = table.cells.get(self.kept_cells..).unwrap_or_default();
                if row.iter().any(|c| !c.span.is_empty()) {
                    table.rows.push(row.len());
                    self.kept_cells = table.cells.len();
                    self.kept_text = table.text.len();
                } else {
                    table.cells.truncate(self.kept_cells);
                    table.text.truncate(self.kept_text);
                }
            }
            TagEnd::Table => {
                let table = std::mem::take(&mut self.table);
                if !table.rows.is_empty() {
                    self.blocks.push(Block::Table(Box::new(table)));
                }
            }
            TagEnd::Link => {
                let Some(link) = self.open_links.pop() else { return };
                let end = self.text.len();
                if link.has_image {
                    // A badge: the image and the link around it go together.
                    self.text.truncate(link.start);
                    self.dropped_image = true;
                    return;
                }
                self.linked.push(link.start..end);
                let shown = self.text[link.start..].trim();
                let bare = link.url.strip_prefix("mailto:").unwrap_or(&link.url);
                let is_bare =
                    if self.raw_tabs { shown == bare } else { same_as_spaces(shown, bare) };
                if !link.url.starts_with('#') && !link.url.is_empty() && !is_bare {
                    self.links.push((end, link.url));
                }
            }
            TagEnd::Image => {
                if let Some(start) = self.image_start.take() {
                    if self.open_links.is_empty() {
                        // Its alt text stays, but a paragraph of images alone is no prose.
                        self.linked.push(start..self.text.len());
                    } else {
                        self.text.truncate(start);
                    }
                    self.dropped_image = true;
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
        }
    }

    /// Ends any text in progress, then collects the next text for `leaf`.
    fn begin(&mut self, leaf: Leaf) {
        self.flush();
        self.leaf = leaf;
    }

    /// The text collected so far, links dropped, leaving the walker ready for inline text.
    /// Handed back with [`Walker::give_back`] once read, so the buffer keeps its size for the
    /// next paragraph instead of growing again.
    fn take(&mut self) -> String {
        self.leaf = Leaf::Inline;
        let text = std::mem::take(&mut self.text);
        self.clear_inline();
        text
    }

    /// The buffer [`Walker::take`] took, emptied, to collect the next text in.
    fn give_back(&mut self, mut text: String) {
        text.clear();
        self.text = text;
    }

    fn clear_inline(&mut self) {
        self.text.clear();
        self.links.clear();
        self.linked.clear();
        self.open_links.clear();
        self.image_start = None;
        self.dropped_image = false;
        self.raw_tabs = false;
    }

    /// Ends a table cell: the inline text collected so far, folded, at the end of the table's
    /// text, with its links where they fall in it (offsets from the cell's start).
    fn cell(&mut self) {
        self.leaf = Leaf::Inline;
        let mut links = std::mem::take(&mut self.links);
        let text = &mut self.table.text;
        let start = text.len();
        // The links' places are moved where they are: no second list.
        fold_into(text, &self.text, links.iter_mut().map(|(at, _)| at), !self.raw_tabs);
        for (at, _) in &mut links {
            *at -= start;
        }
        self.table.cells.push(Cell { span: start..text.len(), links });
        self.clear_inline();
    }

    /// Emits pending inline text (a paragraph, or a tight list item's text) as a paragraph,
    /// unless it is only links (or badges) and punctuation.
    fn flush(&mut self) {
        if !self.text.is_empty() && !self.is_link_only() {
            let links = std::mem::take(&mut self.links);
            self.push_folded(links, !self.raw_tabs);
        }
        self.leaf = Leaf::Inline;
        self.clear_inline();
    }

    /// The text collected, folded, as a paragraph with the prefix of the blocks it is in,
    /// written once, at the end of the shared text; `links` (offsets into the text collected)
    /// moved where they fall in the paragraph. Nothing when the text folds to nothing.
    fn push_folded(&mut self, mut links: Vec<(usize, String)>, tabs: bool) {
        let mut shared = std::mem::take(&mut self.shared);
        let start = shared.len();
        let marked = self.push_prefix(&mut shared);
        let text_start = shared.len();
        let text_plain =
            fold_into(&mut shared, &self.text, links.iter_mut().map(|(at, _)| at), tabs);
        if shared.len() == text_start {
            // No paragraph: an item's marker waits for the next one.
            shared.truncate(start);
            if let Some(Container::Item { shown, .. }) =
                marked.and_then(|i| self.containers.get_mut(i))
            {
                *shown = false;
            }
        } else {
            for (at, _) in &mut links {
                *at -= start;
            }
            let span = start..shared.len();
            // Where the plain text starts: after the prefix (`• `), which is escaped as usual.
            let plain = u32::try_from(text_start - start).ok().filter(|_| text_plain);
            self.blocks.push(Block::Shared { span, links, plain });
        }
        self.shared = shared;
    }

    /// Whether the text collected is nothing but links, dropped images and punctuation: a row
    /// of badges or a navigation line. In a list item, only when every link stays inside the
    /// document (a table of contents): other linked items are content.
    fn is_link_only(&self) -> bool {
        if self.linked.is_empty() && !self.dropped_image {
            return false;
        }
        let in_item = self.containers.iter().any(|c| matches!(c, Container::Item { .. }));
        if in_item && (!self.links.is_empty() || self.linked.is_empty()) {
            return false;
        }
        // Each piece of text outside the links is looked at where it is, not copied out.
        let has_words =
            |piece: Option<&str>| piece.is_some_and(|p| p.chars().any(char::is_alphanumeric));
        let mut at = 0;
        for range in &self.linked {
            if has_words(self.text.get(at..range.start)) {
                return false;
            }
            at = at.max(range.end);
        }
        !has_words(self.text.get(at..))
    }

    /// A paragraph of inline text, with the prefix of the blocks it is in.
    fn paragraph(&mut self, inline: Inline) {
        if inline.text.is_empty() {
            return;
        }
        if self.containers.is_empty() {
            self.blocks.push(Block::Paragraph(inline));
            return;
        }
        // Room for a few levels of prefix, written in place.
        let mut text = String::with_capacity(inline.text.len() + 16);
        self.push_prefix(&mut text);
        let shift = text.len();
        text.push_str(&inline.text);
        let links = inline.links.into_iter().map(|(at, url)| (at + shift, url)).collect();
        self.blocks.push(Block::Paragraph(Inline { text, links }));
    }

    /// Ends a heading: its text folded (links dropped), a heading, or a paragraph when inside
    /// a list or quote.
    fn heading(&mut self, level: usize) {
        // Every tab of a heading folds, a footnote label's too.
        if self.containers.is_empty() {
            // Written into the shared text: a sub-heading costs no string of its own.
            let start = self.shared.len();
            fold_into(&mut self.shared, &self.text, std::iter::empty(), true);
            if self.shared.len() > start {
                // Taken as it comes, rather than removed from the front of the blocks later.
                if !self.heading_seen && level == 1 {
                    self.title = self.shared.get(start..).map(str::to_string);
                    self.shared.truncate(start);
                } else {
                    let span = start..self.shared.len();
                    self.blocks.push(Block::SharedHeading { rank: level, span });
                }
                self.heading_seen = true;
            }
        } else {
            self.push_folded(Vec::new(), true);
        }
        self.leaf = Leaf::Inline;
        self.clear_inline();
    }

    fn code(&mut self, code: &str) {
        // One pass: tabs expanded, trailing spaces dropped, line by line, the line breaks
        // found by a vectorized search, and tabs looked for once in the whole block.
        // Room for the line break after an empty last line too (dropped at the end): without
        // it, most blocks grew once.
        let mut out = String::with_capacity(code.len() + 1);
        let has_tabs = memchr::memchr(b'\t', code.as_bytes()).is_some();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', code.as_bytes()).chain([code.len()]) {
            let line = code.get(start..end).unwrap_or("");
            start = end + 1;
            if !out.is_empty() || !line.trim().is_empty() {
                let line = line.trim_end_matches([' ', '\t', '\r']);
                if has_tabs {
                    push_code_line(&mut out, line);
                } else {
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        out.truncate(out.trim_end().len());
        if out.is_empty() {
            return;
        }
        let code = out;
        // A list item or quote the code is in is shown by its first paragraph, not here.
        if self.containers.iter().any(|c| matches!(c, Container::Item { shown: false, .. })) {
            let mut prefix = String::new();
            self.push_prefix(&mut prefix);
            self.blocks.push(Block::Paragraph(Inline::from(prefix.trim_end())));
        }
        self.blocks.push(Block::Pre(code));
    }

    /// Appends the prefix for the next paragraph to `prefix`: `> ` per quote, the innermost
    /// item's marker the first time, [`INDENT`] for every other item level. Returns the index
    /// of the item whose marker it wrote, now shown.
    fn push_prefix(&mut self, prefix: &mut String) -> Option<usize> {
        let innermost = self.containers.iter().rposition(|c| matches!(c, Container::Item { .. }));
        let mut marked = None;
        for (i, container) in self.containers.iter_mut().enumerate() {
            match container {
                Container::Quote => prefix.push_str("> "),
                Container::Item { marker, shown } if Some(i) == innermost && !*shown => {
                    marker.push_to(prefix);
                    *shown = true;
                    marked = Some(i);
                }
                Container::Item { .. } => prefix.push_str(INDENT),
            }
        }
        marked
    }

    fn finish(self) -> Parsed {
        let title = self.title.or(self.front_matter_title);
        Parsed { title, subtitle: None, blocks: self.blocks, shared: self.shared }
    }
}

/// `text` folded (runs of spaces to one, ends trimmed), each of the byte offsets `marks` into
/// `text` (in order) moved to where it falls in the result. A mark in a run of spaces falls
/// where the next word starts, before the space that separates it.
#[cfg(test)]
fn fold_marked<'m>(text: &str, marks: impl Iterator<Item = &'m mut usize>) -> String {
    let mut out = String::new();
    fold_into(&mut out, text, marks, true);
    out
}

/// `text` folded (runs of spaces and line breaks, and tabs when `tabs`, to one space, ends
/// trimmed, as `crate::text::fold` does once tabs are spaces), appended to `out`; each of the byte offsets `marks` into `text`
/// (in order) moved to where it falls in `out`. A mark in a run of spaces falls where the next
/// word starts, before the space that separates it.
///
/// Text that needs no folding (most of it) is copied whole; other text word by word, since only
/// the ASCII space and line break fold: a word is copied whole, and the characters of other
/// text are never decoded.
///
/// Returns whether what it appended is plain (every byte one that `write::is_plain` copies into
/// a TOML string as it is), found in the same pass that looks for what to fold, so that the
/// writer need not look at the text again.
fn fold_into<'m>(
    out: &mut String,
    text: &str,
    marks: impl Iterator<Item = &'m mut usize>,
    tabs: bool,
) -> bool {
    let bytes = text.as_bytes();
    let base = out.len();
    let (has_fold, plain) = scan(bytes, tabs);
    let folded = bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ') && !has_fold;
    if folded {
        for mark in marks {
            // Just after a space, a mark falls before it, as below.
            let at = (*mark).min(bytes.len());
            let before_space = at > 0 && bytes[at - 1] == b' ';
            *mark = base + if before_space { at - 1 } else { at };
        }
        out.push_str(text);
        return plain;
    }
    let is_space = |b: &u8| *b == b' ' || *b == b'\n' || (tabs && *b == b'\t');
    let word_end = |bytes: &[u8]| {
        if tabs {
            memchr::memchr3(b' ', b'\n', b'\t', bytes)
        } else {
            memchr::memchr2(b' ', b'\n', bytes)
        }
    };
    let mut marks = marks.peekable();
    let mut at = 0;
    loop {
        let start = at + bytes[at..].iter().position(|b| !is_space(b)).unwrap_or(bytes.len() - at);
        if start == bytes.len() {
            break;
        }
        while let Some(mark) = marks.next_if(|m| **m <= start) {
            *mark = out.len();
        }
        let end = word_end(&bytes[start..]).map_or(bytes.len(), |i| start + i);
        if out.len() > base {
            out.push(' ');
        }
        let shift = out.len();
        while let Some(mark) = marks.next_if(|m| **m < end) {
            *mark = shift + (*mark - start);
        }
        out.push_str(&text[start..end]);
        at = end;
    }
    for mark in marks {
        *mark = out.len();
    }
    plain
}

/// Whether `shown` reads as `bare` once its tabs and line breaks are spaces.
fn same_as_spaces(shown: &str, bare: &str) -> bool {
    shown.len() == bare.len()
        && shown.bytes().zip(bare.bytes()).all(|(a, b)| match a {
            b'\t' | b'\n' => b == b' ',
            _ => a == b,
        })
}

/// One branch-free pass over a text (the compiler tests many bytes at once: for a paragraph,
/// cheaper than a vectorized search for each thing, whose set-up dominated), finding
///
/// - whether it holds a line break, two spaces in a row, or (when `tabs`) a tab: what folding
///   changes inside a text;
/// - whether its folded copy is plain: each byte is one `write::is_plain` copies as it is, or
///   a line break or (when `tabs`) a tab, which folding makes a space.
fn scan(bytes: &[u8], tabs: bool) -> (bool, bool) {
    let Some(&last) = bytes.last() else { return (false, true) };
    let breaks = |b: u8| (b == b'\n') | (tabs & (b == b'\t'));
    let plain = |b: u8| write::is_plain(b) | breaks(b);
    let pairs = bytes.iter().zip(&bytes[1..]);
    let (fold, all_plain) = pairs.fold((false, true), |(fold, all_plain), (&a, &b)| {
        (fold | breaks(a) | ((a == b' ') & (b == b' ')), all_plain & plain(a))
    });
    (fold | breaks(last), all_plain & plain(last))
}

/// Whether `bytes` hold a tab or a line break. Branch-free, so the compiler tests many bytes
/// at once: for the short text of most events, cheaper than a call to a vectorized search.
fn has_tab_or_break(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| found | (b == b'\t') | (b == b'\n'))
}

/// Whether an inline HTML tag is a line break (`<br>`, `<br/>`, `<BR />`).
fn is_break(tag: &str) -> bool {
    let name: String =
        tag.trim_start_matches('<').chars().take_while(char::is_ascii_alphabetic).collect();
    name.eq_ignore_ascii_case("br")
}

/// Appends a code line with its tabs expanded to [`TAB_WIDTH`] and its trailing spaces
/// dropped.
fn push_code_line(out: &mut String, line: &str) {
    let line = line.trim_end_matches([' ', '\t', '\r']);
    if memchr::memchr(b'\t', line.as_bytes()).is_none() {
        out.push_str(line);
        return;
    }
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = TAB_WIDTH - column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push(c);
            column += 1;
        }
    }
}

/// The `title` of a YAML (`title: X`) or TOML (`title = "X"`) front-matter block.
fn front_matter_title(front_matter: &str) -> Option<String> {
    front_matter.lines().find_map(|line| {
        let rest = line.strip_prefix("title")?.trim_start();
        let value = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?.trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each block as a line: a paragraph with `<url>` after each numbered link, `H2 text`,
    /// `PRE:` and `TABLE:` then the rows' cells joined by ` | `.
    fn paragraphs(markdown: &str) -> Vec<String> {
        let parsed = parse(markdown);
        parsed
            .blocks
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(p) => shown(&p),
                Block::Shared { span, links, .. } => {
                    shown(&Inline { text: parsed.shared[span].to_string(), links })
                }
                Block::Heading { rank, text } => format!("H{rank} {text}"),
                Block::SharedHeading { rank, span } => format!("H{rank} {}", &parsed.shared[span]),
                Block::Pre(text) => format!("PRE:{text}"),
                Block::Table(table) => {
                    let mut cells = table.cells.iter().map(|c| {
                        let text = table.text[c.span.clone()].to_string();
                        shown(&Inline { text, links: c.links.clone() })
                    });
                    let rows: Vec<String> = table
                        .rows
                        .iter()
                        .map(|&n| cells.by_ref().take(n).collect::<Vec<_>>().join(" | "))
                        .collect();
                    format!("TABLE:{}", rows.join("\n"))
                }
            })
            .collect()
    }

    fn shown(inline: &Inline) -> String {
        let mut out = inline.text.clone();
        for (at, url) in inline.links.iter().rev() {
            out.insert_str(*at, &format!("<{url}>"));
        }
        out
    }

    #[test]
    fn inline_markup_is_reduced_to_text_and_links_keep_their_address() {
        let md = "Some *emphasis*, **strong**, ~~struck~~, a [link](http://x.y \"t\"),\n\
                  `code`, ![alt text](i.png), <span>html</span> and a note[^n].\n\n\
                  [^n]: The note, see [the  *Node.js*\nwebsite][node].\n\n\
                  [node]: https://nodejs.org";
        assert_eq!(
            paragraphs(md),
            vec![
                "Some emphasis, strong, struck, a link<http://x.y>, code, alt text, html and a note[n].",
                "[n] The note, see the Node.js website<https://nodejs.org>.",
            ]
        );
    }

    #[test]
    fn links_inside_the_document_or_shown_as_their_address_get_no_number() {
        let md = "See [usage](#usage), <https://a.example> and [b@x.org](mailto:b@x.org).\n";
        assert_eq!(paragraphs(md), vec!["See usage, https://a.example and b@x.org."]);
    }

    #[test]
    fn badges_and_link_only_lines_are_dropped() {
        let md = "[![crate](https://img/c.svg)](https://crates.io/x) [![docs](d.svg)](https://docs)\n\n\
                  [Website] · [Docs] | [Changelog]\n\n\
                  ![Release header](header.png)\n\n\
                  - [Quickstart](#quickstart)\n- [License](#license)\n\n\
                  - [serde](https://serde.rs)\n\n\
                  Real text with a [link](https://l).\n\n\
                  [Website]: https://w\n[Docs]: https://d\n[Changelog]: https://c\n";
        assert_eq!(
            paragraphs(md),
            vec!["• serde<https://serde.rs>", "Real text with a link<https://l>."]
        );
    }

    #[test]
    fn lists_nest_with_no_break_spaces() {
        let md = "- one\n- two\n  - inner *a*\n    1. deep\n    2. deeper\n- three\n\n\
                  3. third\n4. fourth\n\n- [x] done\n";
        assert_eq!(
            paragraphs(md),
            vec![
                "• one",
                "• two",
                "\u{a0}\u{a0}• inner a",
                "\u{a0}\u{a0}\u{a0}\u{a0}1. deep",
                "\u{a0}\u{a0}\u{a0}\u{a0}2. deeper",
                "• three",
                "3. third",
                "4. fourth",
                "• [x] done",
            ]
        );
    }

    #[test]
    fn loose_items_indent_their_later_paragraphs() {
        let md = "1. First para.\n\n   Second para.\n\n   > quoted\n2. Next.\n";
        assert_eq!(
            paragraphs(md),
            vec!["1. First para.", "\u{a0}\u{a0}Second para.", "\u{a0}\u{a0}> quoted", "2. Next."]
        );
    }

    #[test]
    fn quotes_are_prefixed() {
        let md = "> Quoted\n> text.\n>\n> > Nested.\n>\n> - item\n";
        assert_eq!(paragraphs(md), vec!["> Quoted text.", "> > Nested.", "> • item"]);
    }

    #[test]
    fn code_blocks_are_preformatted_as_written() {
        let md = "```rust\nfn main() {\n    let a  = 1;\n\n\tif a {}   \n}\n```\n";
        assert_eq!(paragraphs(md), vec!["PRE:fn main() {\n    let a  = 1;\n\n    if a {}\n}"]);
        assert_eq!(
            paragraphs("- item\n\n      indented code\n"),
            vec!["• item", "PRE:indented code"]
        );
    }

    #[test]
    fn tables_keep_their_rows_and_cells() {
        let md = "| Name | Value |\n|------|------:|\n| *a* | [1](https://one) |\n| b | |\n";
        assert_eq!(paragraphs(md), vec!["TABLE:Name | Value\na | 1<https://one>\nb | "]);
        // A row of empty cells is dropped, and the rows after it keep their own text.
        let md =
            "| A | B |\n|---|---|\n| ![x](i.png) | |\n| c [d](https://d) | e |\n\n| | |\n|-|-|\n";
        assert_eq!(paragraphs(md), vec!["TABLE:A | B\nx | \nc d<https://d> | e"]);
    }

    #[test]
    fn a_first_h1_is_the_title() {
        let parsed = parse("Badge\n\n# Title\n\nText.\n\n## Part\n\nMore.\n");
        assert_eq!(parsed.title.as_deref(), Some("Title"));
        assert_eq!(parsed.blocks.len(), 4);
        let parsed = parse("# One\n\ntext\n\n# Two\n\ntext\n");
        assert_eq!(parsed.title.as_deref(), Some("One"));
        let parsed = parse("## First\n\n# Late title\n");
        assert_eq!(parsed.title, None);
    }

    #[test]
    fn front_matter_gives_a_title_and_is_dropped() {
        let parsed = parse("---\ntitle: \"From YAML\"\ndate: 2024\n---\n\nBody.\n");
        assert_eq!(parsed.title.as_deref(), Some("From YAML"));
        assert_eq!(
            parsed.blocks,
            vec![Block::Shared { span: 0..5, links: vec![], plain: Some(0) }]
        );
        assert_eq!(parsed.shared, "Body.");
        let parsed = parse("+++\ntitle = 'From TOML'\n+++\n\n# Heading wins\n\nBody.\n");
        assert_eq!(parsed.title.as_deref(), Some("Heading wins"));
    }

    #[test]
    fn html_blocks_keep_their_words() {
        let md = "<p align=\"center\"><img src=\"x.png\"></p>\n\n<div>\nKept words\n</div>\n\nText<br>after.\n";
        assert_eq!(paragraphs(md), vec!["Kept words", "Text after."]);
    }

    #[test]
    fn headings_in_containers_are_paragraphs() {
        assert_eq!(paragraphs("> ## Quoted heading\n"), vec!["> Quoted heading"]);
        assert_eq!(paragraphs("## Real [link](x)\n"), vec!["H2 Real link"]);
    }

    #[test]
    fn folding_moves_marks() {
        let mut marks = [0, 3, 5, 7];
        assert_eq!(fold_marked("  a  b ", marks.iter_mut()), "a b");
        assert_eq!(marks, [0, 1, 1, 3]);
    }

    #[test]
    fn folding_into_a_string_moves_marks_past_what_it_holds() {
        let mut out = String::from("> ");
        let mut marks = [0, 4, 5, 6];
        fold_into(&mut out, "a bc d", marks.iter_mut(), true);
        assert_eq!(out, "> a bc d");
        assert_eq!(marks, [2, 6, 6, 8]);
        let mut marks = [1, 3];
        fold_into(&mut out, " x  y", marks.iter_mut(), true);
        assert_eq!(out, "> a bc dx y", "no space is added before the text");
        assert_eq!(marks, [8, 9]);
    }

    /// [`fold_marked`] as it was first written, character by character: what it must agree with.
    fn fold_marked_by_chars(text: &str, marks: &[usize]) -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut moved = Vec::new();
        let mut next = marks.iter().peekable();
        let mut space = false;
        for (i, c) in text.char_indices() {
            while next.next_if(|&&m| m <= i).is_some() {
                moved.push(out.len());
            }
            if c == ' ' || c == '\n' || c == '\t' {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
        moved.extend(next.map(|_| out.len()));
        (out, moved)
    }

    proptest::proptest! {
        #[test]
        fn scan_finds_what_folds_and_what_is_plain(text in "[a é\n\t\"\\\\\u{1b}]{0,40}", tabs: bool) {
            let has_fold = text.contains('\n') || (tabs && text.contains('\t')) || text.contains("  ");
            let mut folded = String::new();
            let plain = fold_into(&mut folded, &text, std::iter::empty(), tabs);
            proptest::prop_assert_eq!(scan(text.as_bytes(), tabs).0, has_fold);
            // Plain exactly when every byte of the folded text is, and then the writer copies
            // it as it is.
            proptest::prop_assert_eq!(plain, folded.bytes().all(write::is_plain));
            let written = write::multi_line(&folded);
            let as_is = ["\"\"\"\n", &folded, "\n\"\"\""].concat();
            proptest::prop_assert!(!plain || written == as_is);
        }

        #[test]
        fn folding_by_words_agrees_with_folding_by_characters(
            text in "[a é\n\t]{0,24}",
            marks in proptest::collection::vec(0usize..30, 0..5),
        ) {
            let mut marks: Vec<usize> = marks.into_iter().filter(|&m| text.is_char_boundary(m.min(text.len()))).collect();
            marks.sort_unstable();
            let expected = fold_marked_by_chars(&text, &marks);
            let folded = fold_marked(&text, marks.iter_mut());
            proptest::prop_assert_eq!((folded, marks), expected);
        }
    }
}
