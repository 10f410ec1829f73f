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
    pub body: Spanned<RawBody>,
}

/// A section's `body`: one string of paragraphs (format 1 as first written), or an array of
/// parts, each a string of paragraphs, a `{ heading = "..." }` or a `{ pre = "..." }`.
#[derive(Debug)]
pub enum RawBody {
    Text(String),
    Parts(Vec<Spanned<RawPart>>),
}

/// One part of an array `body`.
#[derive(Debug)]
pub enum RawPart {
    /// Paragraphs at blank lines, folded, as a string body's.
    Text(String),
    /// A sub-heading: one line of its own inside the section.
    Heading(String),
    /// A preformatted paragraph: its lines kept as written, never reflowed.
    Pre(String),
}

/// What an array body's parts may be, for messages.
const PARTS_EXPECTED: &str =
    "a string, or an array of strings, { heading = \"...\" } and { pre = \"...\" } tables";

impl<'de> Deserialize<'de> for RawBody {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Body;
        impl<'de> serde::de::Visitor<'de> for Body {
            type Value = RawBody;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(PARTS_EXPECTED)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawBody, E> {
                Ok(RawBody::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<RawBody, E> {
                Ok(RawBody::Text(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawBody, A::Error> {
                let mut parts = Vec::new();
                while let Some(part) = seq.next_element::<Spanned<RawPart>>()? {
                    parts.push(part);
                }
                Ok(RawBody::Parts(parts))
            }
        }
        deserializer.deserialize_any(Body)
    }
}

impl<'de> Deserialize<'de> for RawPart {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Part;
        impl<'de> serde::de::Visitor<'de> for Part {
            type Value = RawPart;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, { heading = \"...\" } or { pre = \"...\" }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawPart, E> {
                Ok(RawPart::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<RawPart, E> {
                Ok(RawPart::Text(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawPart, A::Error> {
                use serde::de::Error;
                let Some(key) = map.next_key::<String>()? else {
                    return Err(A::Error::custom(
                        "an empty table, expected { heading = \"...\" } or { pre = \"...\" }",
                    ));
                };
                let part = match key.as_str() {
                    "heading" => RawPart::Heading(map.next_value()?),
                    "pre" => RawPart::Pre(map.next_value()?),
                    other => return Err(A::Error::unknown_field(other, &["heading", "pre"])),
                };
                if let Some(more) = map.next_key::<String>()? {
                    return Err(A::Error::custom(format!(
                        "a second key '{more}', expected one key, 'heading' or 'pre'"
                    )));
                }
                Ok(part)
            }
        }
        deserializer.deserialize_any(Part)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    pub id: Text,
    pub section: Text,
    pub text: Text,
    pub quote: Option<Text>,
    pub kind: Option<Text>,
    /// How likely the author judges the claim, in ICD 203's terms.
    pub likelihood: Option<Text>,
    /// How confident the author is in that judgement: low, moderate or high.
    pub confidence: Option<Text>,
    /// How consistent the claim is with each hypothesis, by hypothesis id.
    pub ratings: Option<RawRatings>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCounterpoint {
    pub id: Text,
    pub claims: Spanned<Vec<Text>>,
    pub text: Text,
    pub by: Option<Text>,
    /// How consistent the counterpoint is with each hypothesis, by hypothesis id.
    pub ratings: Option<RawRatings>,
}

/// A `ratings = { hypothesis-id = "C", ... }` table: each entry's key and value with their
/// spans, in file order (TOML itself refuses a key written twice).
#[derive(Debug, Default)]
pub struct RawRatings(pub Vec<(Text, Text)>);

impl<'de> Deserialize<'de> for RawRatings {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Ratings;
        impl<'de> serde::de::Visitor<'de> for Ratings {
            type Value = RawRatings;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of hypothesis ids to ratings, like { innovating = \"C\" }")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawRatings, A::Error> {
                let mut ratings = Vec::new();
                while let Some(key) = map.next_key::<Text>()? {
                    ratings.push((key, map.next_value::<Text>()?));
                }
                Ok(RawRatings(ratings))
            }
        }
        deserializer.deserialize_map(Ratings)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHypothesis {
    pub id: Text,
    pub title: Text,
    pub text: Text,
    pub by: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: Text,
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
    #[serde(default)]
    pub indicators: Vec<RawIndicator>,
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
    #[serde(default)]
    pub hypothesis: Vec<RawHypothesis>,
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
    pub hypotheses: Vec<RawHypothesis>,
    /// Span of the whole document, for problems that have no better place (a missing table).
    pub document: std::ops::Range<usize>,
    /// A `[briefing]` table was there but had errors already reported.
    pub meta_failed: bool,
}

/// The top-level keys of format 1, in the order the format page lists them.
pub const TOP_LEVEL_KEYS: &[&str] =
    &["format", "briefing", "section", "claim", "counterpoint", "factor", "hypothesis"];
