//! From a flat list of headings and paragraphs (what the Markdown and plain-text readers
//! produce) to sections. Shared by both formats, so they cut articles the same way.
//!
//! The shallowest heading rank present makes the sections. A deeper heading stays in its
//! section as a paragraph of its own, prefixed with [`SUBHEADING`]. Paragraphs before the first
//! section heading make a first section, [`INTRODUCTION`] (titled by its opening words instead
//! when a section of the article is already called that, as in `1. Introduction`), unless there are more than
//! [`LONG_INTRODUCTION`] of them (an article with one stray heading near its end): those are
//! grouped like the paragraphs of an article with no heading at all (see `group`).

use super::group;

/// The title of the section holding text that comes before the first section heading.
pub(super) const INTRODUCTION: &str = "Introduction";
/// What a heading deeper than the section level starts with, once it is a paragraph.
pub(super) const SUBHEADING: &str = "§ ";
/// Paragraphs before the first heading beyond which they are grouped, not one section.
const LONG_INTRODUCTION: usize = 8;

/// One piece of an article, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Block {
    /// A heading; a smaller `rank` is a higher level (Markdown: 1 for H1).
    Heading { rank: usize, text: String },
    /// A paragraph of text, holding no blank line.
    Paragraph(String),
}

/// An article as a reader of one format understood it.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// The article's own title, when it has one (already removed from `blocks`).
    pub title: Option<String>,
    pub blocks: Vec<Block>,
}

/// A section before ids are chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Section {
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// Cuts blocks into sections at the shallowest heading rank.
pub(super) fn sections(blocks: Vec<Block>) -> Vec<Section> {
    let top = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { rank, .. } => Some(*rank),
            Block::Paragraph(_) => None,
        })
        .min();
    let Some(top) = top else {
        let paragraphs = blocks.into_iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            Block::Heading { .. } => None,
        });
        return group::group(paragraphs.collect());
    };
    let mut out = vec![Section { title: INTRODUCTION.to_string(), paragraphs: Vec::new() }];
    for block in blocks {
        match block {
            Block::Heading { rank, text } if rank == top => {
                out.push(Section { title: text, paragraphs: Vec::new() });
            }
            Block::Heading { text, .. } => {
                if let Some(last) = out.last_mut() {
                    last.paragraphs.push(format!("{SUBHEADING}{text}"));
                }
            }
            Block::Paragraph(text) => {
                if let Some(last) = out.last_mut() {
                    last.paragraphs.push(text);
                }
            }
        }
    }
    let mut introduction = out.remove(0);
    if introduction.paragraphs.len() > LONG_INTRODUCTION {
        out.splice(0..0, group::group(introduction.paragraphs));
    } else if let Some(first) = introduction.paragraphs.first() {
        if out.iter().any(|s| s.title.to_lowercase().contains("introduction")) {
            introduction.title = group::opening_words(first);
        }
        out.insert(0, introduction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(rank: usize, text: &str) -> Block {
        Block::Heading { rank, text: text.into() }
    }

    fn para(text: &str) -> Block {
        Block::Paragraph(text.into())
    }

    fn section(title: &str, paragraphs: &[&str]) -> Section {
        Section {
            title: title.into(),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn shallowest_rank_makes_sections_and_deeper_ones_stay_inside() {
        let blocks = vec![
            heading(2, "One"),
            para("a"),
            heading(3, "Deeper"),
            para("b"),
            heading(4, "Deepest"),
            heading(2, "Two"),
            para("c"),
        ];
        assert_eq!(
            sections(blocks),
            vec![section("One", &["a", "§ Deeper", "b", "§ Deepest"]), section("Two", &["c"])]
        );
    }

    #[test]
    fn text_before_the_first_heading_is_the_introduction() {
        let blocks = vec![para("lead"), heading(3, "Sub"), heading(2, "Main"), para("x")];
        assert_eq!(
            sections(blocks),
            vec![section(INTRODUCTION, &["lead", "§ Sub"]), section("Main", &["x"])]
        );
    }

    #[test]
    fn introduction_is_not_repeated() {
        let blocks = vec![para("lead words"), heading(2, "1. Introduction"), para("x")];
        let titles: Vec<String> = sections(blocks).into_iter().map(|s| s.title).collect();
        assert_eq!(titles, vec!["lead words", "1. Introduction"]);
    }

    #[test]
    fn a_long_introduction_is_grouped() {
        let mut blocks: Vec<Block> = (0..9).map(|i| para(&format!("p{i}"))).collect();
        blocks.push(heading(2, "Late"));
        let titles: Vec<String> = sections(blocks).into_iter().map(|s| s.title).collect();
        assert_eq!(titles, vec!["p0", "p4", "Late"]);
    }

    #[test]
    fn empty_sections_are_kept() {
        let blocks = vec![heading(1, "A"), heading(1, "B"), para("x")];
        assert_eq!(sections(blocks), vec![section("A", &[]), section("B", &["x"])]);
    }

    #[test]
    fn no_headings_means_groups() {
        let blocks = vec![para("alpha beta"), para("gamma")];
        assert_eq!(sections(blocks), vec![section("alpha beta", &["alpha beta", "gamma"])]);
    }
}
