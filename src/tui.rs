//! The reader in the terminal: app state and its pure `update`, the keymap, the event loop
//! and its worker, layout, rendering (`ui`), the screen and the terminal itself.

pub mod app;
pub mod event_loop;
pub mod keymap;
pub mod layout;
pub mod screen;
pub mod terminal;
pub mod theme;
pub mod ui;
