//! briefing: a terminal reader for analytical briefings. This list is the map of the crate.

pub mod briefing;
pub mod cli;
pub mod diagnostic;
pub mod plain;
pub mod sanitize;
pub mod text;
