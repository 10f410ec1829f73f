//! briefing: a terminal reader for analytical briefings. This list is the map of the crate.

pub mod app;
pub mod briefing;
pub mod cli;
pub mod diagnostic;
pub mod event_loop;
pub mod export;
pub mod import;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod notes;
pub mod plain;
pub mod resume;
pub mod sanitize;
pub mod screen;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
