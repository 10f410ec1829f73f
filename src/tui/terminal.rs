//! Taking the terminal over and giving it back: raw mode, the alternate screen, mouse
//! capture and the cursor. `restore` is safe to call more than once and from a panic hook, so
//! every way out (quit, error, panic, signal, Ctrl-Z) leaves the terminal as it was.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::tui::screen::Screen;

use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode, size,
};
use ratatui::crossterm::{execute, queue};

/// The screen, on stdout (`Screen` sends a frame in one write).
pub type Tty = Screen<Stdout>;

static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Enters raw mode and the alternate screen (and mouse capture when asked), in one write.
/// Returns the screen, capped (`layout::capped`), and the terminal's own size.
pub fn enter(mouse: bool) -> io::Result<(Tty, (u16, u16))> {
    take(mouse)?;
    let told = size()?;
    let (width, height) = super::layout::capped(told);
    Ok((Screen::new(io::stdout(), width, height), told))
}

/// Raw mode, then the alternate screen, no cursor, bracketed paste (and mouse) in one write.
fn take(mouse: bool) -> io::Result<()> {
    MOUSE.store(mouse, Ordering::SeqCst);
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    let mut setup = Vec::new();
    // Bracketed paste: a pasted note arrives as one event, not as keys.
    queue!(setup, EnterAlternateScreen, Hide, EnableBracketedPaste)?;
    if mouse {
        queue!(setup, EnableMouseCapture)?;
    }
    let mut out = io::stdout();
    out.write_all(&setup)?;
    out.flush()
}

/// Gives the terminal back. Does nothing if it was not taken.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, DisableBracketedPaste, Show, LeaveAlternateScreen);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal before the default panic message prints, so it is readable.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Ctrl-Z: give the terminal back, stop until `fg`, then take it again. Returns the
/// terminal's size then (it may have changed while stopped).
pub fn suspend() -> io::Result<(u16, u16)> {
    // Resumed by `fg`.
    let (stopped, size) =
        hand_over(|| signal_hook::low_level::raise(signal_hook::consts::SIGTSTP))?;
    stopped?;
    Ok(size)
}

/// Gives the terminal back (normal screen, cooked mode, cursor shown) while `run` runs (Ctrl-Z,
/// the user's editor), then takes it again. Returns what `run` returned and the terminal's
/// size then (it may have changed meanwhile).
pub fn hand_over<T>(run: impl FnOnce() -> T) -> io::Result<(T, (u16, u16))> {
    let mouse = MOUSE.load(Ordering::SeqCst);
    restore();
    let out = run();
    take(mouse)?;
    Ok((out, size()?))
}

/// The terminal's size as it says (uncapped).
pub fn size_now() -> io::Result<(u16, u16)> {
    size()
}
