//! briefing: a terminal reader for analytical briefings. This list is the map of the crate,
//! in layers: each uses only those listed before it.

pub mod diagnostic;
pub mod files;
pub mod sanitize;
pub mod text;
pub mod watch;

pub mod paths;

pub mod briefing;
pub mod library;
pub mod notes;

pub mod export;
pub mod import;

pub mod tui;

pub mod cli;
pub mod config;
