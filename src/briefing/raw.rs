//! The file as written: serde types for format version 1, with spans for error messages.
//!
//! These mirror `docs/briefing-format.md` key for key. Unknown keys are refused. Nothing
//! here is sanitized or checked for meaning: `validate` turns a `RawBriefing` into a `Briefing`.

use serde::Deserialize;
use toml::Spanned;

/// A string with the byte span of its value in the source.
pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub id: Text,
    pub title: Text,
    pub subtitle: Option<Text>,
    pub source: Option<Text>,
    pub published: Option<Text>,
    pub summary: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Text,
    pub title: Text,
    pub body: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    pub id: Text,
    pub section: Text,
    pub text: Text,
    pub quote: Option<Text>,
    pub kind: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCounterpoint {
    pub id: Text,
    pub claims: Spanned<Vec<Text>>,
    pub text: Text,
    pub by: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFactor {
    pub id: Text,
    pub title: Text,
    pub question: Option<Text>,
    pub text: Text,
    #[serde(default)]
    pub sections: Vec<Text>,
    #[serde(default)]
    pub claims: Vec<Text>,
}

/// The whole file, as one typed serde parse reads it. This is the loader's happy path and the
/// benchmarks' floor: everything the loader does beyond it is the cost of checking the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub format: Option<Spanned<i64>>,
    pub briefing: Option<RawMeta>,
    #[serde(default)]
    pub section: Vec<RawSection>,
    #[serde(default)]
    pub claim: Vec<RawClaim>,
    #[serde(default)]
    pub counterpoint: Vec<RawCounterpoint>,
    #[serde(default)]
    pub factor: Vec<RawFactor>,
}

/// A whole file, checked item by item. Items that failed to deserialize are left out (their errors are reported), so
/// the rest can still be checked.
#[derive(Debug, Default)]
pub struct RawBriefing {
    pub format: Option<Spanned<i64>>,
    pub meta: Option<RawMeta>,
    pub sections: Vec<RawSection>,
    pub claims: Vec<RawClaim>,
    pub counterpoints: Vec<RawCounterpoint>,
    pub factors: Vec<RawFactor>,
    /// Span of the whole document, for problems that have no better place (a missing table).
    pub document: std::ops::Range<usize>,
    /// A `[briefing]` table was there but had errors already reported.
    pub meta_failed: bool,
}

/// The top-level keys of format 1, in the order the format page lists them.
pub const TOP_LEVEL_KEYS: &[&str] =
    &["format", "briefing", "section", "claim", "counterpoint", "factor"];
