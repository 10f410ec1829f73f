//! The checked, sanitized briefing the rest of the program reads.
//!
//! Every string here is safe to print (see `sanitize`). References are indices, resolved once
//! by `validate`, so the reader never looks an id up while drawing.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A loaded, valid briefing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Briefing {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    /// Paragraphs of the summary, whitespace folded.
    pub summary: Vec<String>,
    pub sections: Vec<Section>,
    pub claims: Vec<Claim>,
    pub counterpoints: Vec<Counterpoint>,
    pub factors: Vec<Factor>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Paragraphs, each with its whitespace folded to single spaces.
    pub paragraphs: Vec<String>,
    /// Claims made in this section, in file order (indices into `Briefing::claims`).
    pub claims: Vec<usize>,
    /// Counterpoints to those claims, each once, in the order of the claims they answer.
    pub counterpoints: Vec<usize>,
    /// Factors that bear on this section (named directly, or through one of its claims).
    pub factors: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Fact,
    Assessment,
    Forecast,
}

impl ClaimKind {
    pub const NAMES: [&'static str; 3] = ["fact", "assessment", "forecast"];

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "fact" => Some(Self::Fact),
            "assessment" => Some(Self::Assessment),
            "forecast" => Some(Self::Forecast),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Fact => "fact",
            Self::Assessment => "assessment",
            Self::Forecast => "forecast",
        }
    }
}

/// Where a claim's quote stands in its section: a paragraph and a byte range in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSpan {
    pub paragraph: usize,
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    /// Index into `Briefing::sections`.
    pub section: usize,
    pub text: String,
    pub quote: Option<String>,
    pub quote_span: Option<QuoteSpan>,
    pub kind: Option<ClaimKind>,
    /// Counterpoints that answer this claim (indices into `Briefing::counterpoints`).
    pub counterpoints: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counterpoint {
    pub id: String,
    /// Indices into `Briefing::claims`, in file order.
    pub claims: Vec<usize>,
    pub text: String,
    pub by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    pub id: String,
    pub title: String,
    pub question: Option<String>,
    pub text: String,
    /// Indices into `Briefing::sections`.
    pub sections: Vec<usize>,
    /// Indices into `Briefing::claims`.
    pub claims: Vec<usize>,
}

impl Briefing {
    /// Whether factor `factor` bears on section `section`.
    pub fn factor_bears_on(&self, factor: usize, section: usize) -> bool {
        self.sections[section].factors.contains(&factor)
    }
}

/// Where the reader is: a section, and a place in it. What a jump returns to and what is
/// kept between runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Location {
    pub section: usize,
    pub anchor: Anchor,
}

/// A reading position in a section, independent of the width the text is wrapped to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Anchor {
    /// Body paragraph, or `None` for the heading lines (then `offset` is a line index).
    pub paragraph: Option<usize>,
    /// Byte offset in the paragraph.
    pub offset: usize,
}
