//! Briefing files: the serde model of the file, the loader and the validator.
//!
//! `load` reads and parses a file, `validate` checks it against the format's rules and produces
//! the sanitized [`Briefing`] the reader uses; `cache` keeps what was checked, so an unchanged
//! file is not checked again. Nothing here draws or touches the terminal.

pub mod adopt;
pub mod cache;
pub mod estimate;
mod load;
pub mod locate;
pub mod model;
mod near;
pub mod raw;
mod validate;

pub use cache::Cache;
pub use estimate::{Confidence, Estimate, Likelihood};
pub use load::{
    BUNDLED, BUNDLED_NAME, LoadError, MAX_FILE_BYTES, Report, check_text, load, load_bundled,
    load_cached, read_article, read_source,
};
pub use model::{
    Anchor, Briefing, Claim, ClaimIx, ClaimKind, Consistency, Counterpoint, CounterpointIx, Factor,
    FactorIx, Hypothesis, HypothesisIx, Indicator, Location, ParagraphKind, QuoteSpan, Rating,
    Section, SectionIx,
};
pub(crate) use near::closest;
pub use validate::is_valid_id;

/// The format version this reader understands.
pub const FORMAT_VERSION: i64 = 1;
