//! Frames as the reader paints them, for render tests and their snapshots.

use briefing::tui::app::App;
use briefing::tui::screen::Screen;
use briefing::tui::theme::Theme;
use briefing::tui::ui::{self, Geometry, Redraw};
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Buffer;

/// A whole frame of `app`, painted as the reader paints it, and where things went.
pub fn frame(app: &App, theme: &Theme) -> (Buffer, Geometry) {
    let size = app.screen();
    let mut screen = Screen::new(Vec::new(), size.width, size.height);
    let mut geometry = Geometry::default();
    ui::paint(&mut screen, app, theme, Redraw::All, 0, &mut geometry).unwrap();
    (screen.shown().into_owned(), geometry)
}

/// `buf` in a `TestBackend`, for insta's text snapshots.
pub fn backend(buf: &Buffer) -> TestBackend {
    let mut backend = TestBackend::new(buf.area.width, buf.area.height);
    let cells = buf.content.iter().enumerate().map(|(i, cell)| {
        let (x, y) = buf.pos_of(i);
        (x, y, cell)
    });
    backend.draw(cells).unwrap();
    backend
}
