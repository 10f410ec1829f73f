//! Markdown articles: pulldown-cmark's events reduced to headings and plain paragraphs.
//!
//! The reader shows paragraphs only, folding spaces and line breaks, so every block becomes one
//! or more paragraphs of plain text:
//!
//! - inline markup is reduced to its text: emphasis markers dropped, links and images keep
//!   their text (alt text), inline code its code, HTML tags dropped (an HTML block keeps its
//!   words), footnote references read `[1]`;
//! - each list item is a paragraph starting `• ` (ordered lists: `1. `, `2. `...); a nested
//!   item, or a later paragraph of the same item, is indented by two no-break spaces (U+00A0)
//!   per level, because the reader folds ordinary spaces away;
//! - a block quote's paragraphs start `> ` (`> > ` when nested);
//! - each line of a code block is a paragraph of its own starting `│ `, with its indentation
//!   (tabs expanded to 4 columns) in no-break spaces, and runs of spaces inside the line kept as
//!   one space plus no-break spaces, so lines, indentation and alignment survive folding and
//!   long lines can still wrap; an empty code line is a lone `│`;
//! - each table row (the header too) is a paragraph, cells joined by ` | `;
//! - a heading inside a list or quote is a paragraph there; a YAML (`---`) or TOML (`+++`)
//!   front-matter block is dropped, except that its `title` is the title when there is no H1.
//!
//! A heading that is the only H1 and comes before every other heading is the article's title.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::html;
use super::outline::{Block, Parsed};
use crate::text;

/// Two no-break spaces: one level of list nesting that survives the reader's folding.
const INDENT: &str = "\u{a0}\u{a0}";
/// What starts each line of a code block.
const CODE_BAR: &str = "│";
/// Columns between tab stops when expanding tabs in code.
const TAB_WIDTH: usize = 4;

/// Reads a Markdown article.
pub(super) fn parse(text: &str) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut walker = Walker::default();
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
        marker: String,
        shown: bool,
    },
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    containers: Vec<Container>,
    /// The next number of each open list; `None` for bullet lists.
    lists: Vec<Option<u64>>,
    leaf: Leaf,
    text: String,
    cells: Vec<String>,
    front_matter_title: Option<String>,
}

impl Walker {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text.push_str(&t);
            }
            Event::Html(t) if self.leaf == Leaf::Html => self.text.push_str(&t),
            // Inline tags are dropped (their text comes as Text events); `<br>` separates words.
            Event::Html(t) | Event::InlineHtml(t) => {
                if is_break(&t) {
                    self.text.push(' ');
                }
            }
            Event::FootnoteReference(label) => self.text.push_str(&format!("[{label}]")),
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::Rule => self.flush(),
            Event::TaskListMarker(done) => self.text.push_str(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::Table(_) | Tag::DefinitionList | Tag::DefinitionListTitle => {
                self.flush();
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
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_string(),
                };
                self.containers.push(Container::Item { marker, shown: false });
            }
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.containers
                    .push(Container::Item { marker: format!("[{label}] "), shown: false });
            }
            Tag::TableHead | Tag::TableRow => self.cells.clear(),
            Tag::TableCell => self.text.clear(),
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::DefinitionList => self.flush(),
            TagEnd::Heading(level) => {
                let heading = self.take();
                self.heading(level as usize, &heading);
            }
            TagEnd::CodeBlock => {
                let code = self.take();
                self.code(&code);
            }
            TagEnd::HtmlBlock => {
                let html = self.take();
                for paragraph in html::paragraphs(&html) {
                    self.paragraph(&paragraph);
                }
            }
            TagEnd::MetadataBlock(_) => {
                let front_matter = self.take();
                self.front_matter_title = front_matter_title(&front_matter);
            }
            TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush();
                self.containers.pop();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::TableCell => {
                let cell = text::fold(&self.take().replace('\t', " "));
                self.cells.push(cell);
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if self.cells.iter().any(|c| !c.is_empty()) {
                    let row = self.cells.join(" | ");
                    self.paragraph(&row);
                }
                self.cells.clear();
            }
            TagEnd::Table
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image => {}
        }
    }

    /// Ends any text in progress, then collects the next text for `leaf`.
    fn begin(&mut self, leaf: Leaf) {
        self.flush();
        self.leaf = leaf;
    }

    /// The text collected so far, leaving the walker ready for inline text again.
    fn take(&mut self) -> String {
        self.leaf = Leaf::Inline;
        std::mem::take(&mut self.text)
    }

    /// Emits pending inline text (a paragraph, or a tight list item's text) as a paragraph.
    fn flush(&mut self) {
        let text = self.take();
        self.paragraph(&text);
    }

    /// A paragraph of inline text, folded, with the prefix of the blocks it is in.
    fn paragraph(&mut self, text: &str) {
        let text = text::fold(&text.replace('\t', " "));
        if text.is_empty() {
            return;
        }
        let prefix = self.prefix();
        self.blocks.push(Block::Paragraph(format!("{prefix}{text}")));
    }

    fn heading(&mut self, level: usize, text: &str) {
        let text = text::fold(&text.replace('\t', " "));
        if text.is_empty() {
            return;
        }
        if self.containers.is_empty() {
            self.blocks.push(Block::Heading { rank: level, text });
        } else {
            self.paragraph(&text);
        }
    }

    fn code(&mut self, code: &str) {
        let code = code.strip_suffix('\n').unwrap_or(code);
        if code.is_empty() {
            return;
        }
        for line in code.split('\n') {
            let prefix = self.prefix();
            let line = code_line(line);
            let paragraph = format!("{prefix}{CODE_BAR} {line}");
            self.blocks.push(Block::Paragraph(paragraph.trim_end().to_string()));
        }
    }

    /// The prefix for the next paragraph: `> ` per quote, the innermost item's marker the
    /// first time, [`INDENT`] for every other item level.
    fn prefix(&mut self) -> String {
        let innermost = self.containers.iter().rposition(|c| matches!(c, Container::Item { .. }));
        let mut prefix = String::new();
        for (i, container) in self.containers.iter_mut().enumerate() {
            match container {
                Container::Quote => prefix.push_str("> "),
                Container::Item { marker, shown } if Some(i) == innermost && !*shown => {
                    prefix.push_str(marker);
                    *shown = true;
                }
                Container::Item { .. } => prefix.push_str(INDENT),
            }
        }
        prefix
    }

    fn finish(self) -> Parsed {
        let mut blocks = self.blocks;
        let first_heading = blocks.iter().position(|b| matches!(b, Block::Heading { .. }));
        let mut h1 = blocks.iter().enumerate().filter_map(|(i, b)| match b {
            Block::Heading { rank: 1, .. } => Some(i),
            _ => None,
        });
        let only_h1 = match (h1.next(), h1.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        };
        let title = match only_h1.filter(|&i| Some(i) == first_heading) {
            Some(i) => match blocks.remove(i) {
                Block::Heading { text, .. } => Some(text),
                Block::Paragraph(_) => None,
            },
            None => self.front_matter_title,
        };
        Parsed { title, blocks }
    }
}

/// Whether an inline HTML tag is a line break (`<br>`, `<br/>`, `<BR />`).
fn is_break(tag: &str) -> bool {
    let name: String =
        tag.trim_start_matches('<').chars().take_while(char::is_ascii_alphabetic).collect();
    name.eq_ignore_ascii_case("br")
}

/// One code line made to survive folding: tabs expanded, leading spaces as no-break spaces,
/// inner runs of spaces as one space and no-break spaces, trailing spaces dropped.
fn code_line(line: &str) -> String {
    let mut expanded = String::with_capacity(line.len());
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = TAB_WIDTH - column % TAB_WIDTH;
            expanded.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            expanded.push(c);
            column += 1;
        }
    }
    let body = expanded.trim_start_matches(' ');
    let indent = expanded.len() - body.len();
    let mut out: String = std::iter::repeat_n('\u{a0}', indent).collect();
    let mut run = 0;
    for c in body.trim_end().chars() {
        if c == ' ' {
            out.push(if run == 0 { ' ' } else { '\u{a0}' });
            run += 1;
        } else {
            run = 0;
            out.push(c);
        }
    }
    out
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

    fn paragraphs(markdown: &str) -> Vec<String> {
        parse(markdown)
            .blocks
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(p) => p,
                Block::Heading { rank, text } => format!("H{rank} {text}"),
            })
            .collect()
    }

    #[test]
    fn inline_markup_is_reduced_to_text() {
        let md = "Some *emphasis*, **strong**, ~~struck~~, a [link](http://x.y \"t\"),\n\
                  `code`, ![alt text](i.png), <span>html</span> and a note[^n].\n\n\
                  [^n]: The note.";
        assert_eq!(
            paragraphs(md),
            vec![
                "Some emphasis, strong, struck, a link, code, alt text, html and a note[n].",
                "[n] The note.",
            ]
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
    fn code_lines_keep_indentation() {
        let md = "```rust\nfn main() {\n    let a  = 1;\n\n\tif a {}   \n}\n```\n";
        assert_eq!(
            paragraphs(md),
            vec![
                "│ fn main() {",
                "│ \u{a0}\u{a0}\u{a0}\u{a0}let a \u{a0}= 1;",
                "│",
                "│ \u{a0}\u{a0}\u{a0}\u{a0}if a {}",
                "│ }",
            ]
        );
        assert_eq!(
            paragraphs("- item\n\n      indented code\n"),
            vec!["• item", "\u{a0}\u{a0}│ indented code"]
        );
    }

    #[test]
    fn tables_become_rows() {
        let md = "| Name | Value |\n|------|------:|\n| *a* | 1 |\n| b | |\n";
        assert_eq!(paragraphs(md), vec!["Name | Value", "a | 1", "b |"]);
    }

    #[test]
    fn single_leading_h1_is_the_title() {
        let parsed = parse("Badge\n\n# Title\n\nText.\n\n## Part\n\nMore.\n");
        assert_eq!(parsed.title.as_deref(), Some("Title"));
        assert_eq!(parsed.blocks.len(), 4);
        let parsed = parse("# One\n\ntext\n\n# Two\n\ntext\n");
        assert_eq!(parsed.title, None);
        let parsed = parse("## First\n\n# Late title\n");
        assert_eq!(parsed.title, None);
    }

    #[test]
    fn front_matter_gives_a_title_and_is_dropped() {
        let parsed = parse("---\ntitle: \"From YAML\"\ndate: 2024\n---\n\nBody.\n");
        assert_eq!(parsed.title.as_deref(), Some("From YAML"));
        assert_eq!(parsed.blocks, vec![Block::Paragraph("Body.".into())]);
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
        assert_eq!(paragraphs("## Real\n"), vec!["H2 Real"]);
    }
}
