//! The reader's `Events`: the terminal's keys, mouse, pastes and resizes, the worker's
//! answers, and the signals that stop the reader, all waited for in one `poll(2)` on stdin
//! and a wake-up pipe (the worker and the signal handlers write a byte to it). No timer:
//! the loop sleeps until something happens.

use std::io::{self, PipeReader, PipeWriter, Read, Write};
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use ratatui::crossterm::event;
use rustix::event::{PollFd, PollFlags, Timespec};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};

use super::event_loop::{Events, Input};
use super::terminal;
use super::worker::Wake;
use crate::tui::app::Message;

/// The signals that stop the reader (the terminal is restored, the notes saved).
pub const STOP_SIGNALS: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

pub struct TerminalEvents {
    messages: Receiver<Message>,
    wake: PipeReader,
    /// Set to the signal's number by a stop signal.
    stop: Arc<AtomicUsize>,
    /// crossterm said it holds no event, and has read nothing since: before waiting, it need
    /// not be asked again (what comes in meanwhile wakes the wait).
    drained: bool,
}

/// The pipe that wakes the loop, and a `Wake` for the worker that writes to it.
pub fn wake_pipe() -> io::Result<(PipeReader, PipeWriter, Wake)> {
    let (reader, writer) = io::pipe()?;
    // A full pipe already wakes the loop: a wake-up never waits for room.
    rustix::fs::fcntl_setfl(&writer, rustix::fs::OFlags::NONBLOCK)?;
    let for_worker = writer.try_clone()?;
    let wake: Wake = Box::new(move || {
        let _ = (&for_worker).write(&[1]);
    });
    Ok((reader, writer, wake))
}

impl TerminalEvents {
    /// Input from the terminal, `messages` from the worker (which writes to `wake`'s other
    /// end), and the stop signals, which from now on wake the loop too instead of ending the
    /// process.
    pub fn new(
        messages: Receiver<Message>,
        wake: PipeReader,
        wake_writer: &PipeWriter,
    ) -> io::Result<TerminalEvents> {
        let stop = Arc::new(AtomicUsize::new(0));
        for signal in STOP_SIGNALS {
            // The flag first, so the byte the pipe gets always finds it set.
            signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
            signal_hook::low_level::pipe::register(signal, wake_writer.try_clone()?)?;
        }
        // crossterm learns of a resize from its own SIGWINCH handler, not from stdin: wake up
        // too, and ask it.
        signal_hook::low_level::pipe::register(SIGWINCH, wake_writer.try_clone()?)?;
        Ok(TerminalEvents { messages, wake, stop, drained: false })
    }

    fn signal(&self) -> Option<i32> {
        match self.stop.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(i32::try_from(signal).unwrap_or(SIGTERM)),
        }
    }
}

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Input>> {
        loop {
            if let Some(signal) = self.signal() {
                return Ok(Some(Input::Signal(signal)));
            }
            match self.messages.try_recv() {
                Ok(message) => return Ok(Some(Input::Message(message))),
                // The worker is gone: the terminal is all there is.
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => {}
            }
            // crossterm may hold events it has read already.
            if !self.drained {
                match event::poll(Duration::ZERO) {
                    Ok(true) => return Ok(Some(Input::Terminal(event::read()?))),
                    Ok(false) => self.drained = true,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            }
            if timeout == Some(Duration::ZERO) {
                return Ok(None);
            }
            self.drained = false;
            let (terminal_ready, woken) = match wait(&self.wake, timeout) {
                Ok(ready) => ready,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // The terminal went away: as if it had hung up.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                    return Ok(Some(Input::Signal(SIGHUP)));
                }
                Err(e) => return Err(e),
            };
            if woken {
                // Poll said there is something: this read does not block.
                let mut drain = [0u8; 64];
                let _ = self.wake.read(&mut drain)?;
            }
            if !terminal_ready && !woken && timeout.is_some() {
                return Ok(None);
            }
        }
    }

    fn suspend(&mut self) -> io::Result<(u16, u16)> {
        terminal::suspend()
    }

    fn edit(
        &mut self,
        editor: &mut std::process::Command,
    ) -> io::Result<(Result<(), String>, (u16, u16))> {
        let program = editor.get_program().to_os_string();
        let (status, size) = terminal::hand_over(|| editor.status())?;
        // Ctrl-C or Ctrl-\ typed in an editor that leaves them to the terminal reach this
        // process too (it is in the same foreground group): they were meant for the editor.
        for signal in [SIGINT, SIGQUIT] {
            let _ =
                self.stop.compare_exchange(signal as usize, 0, Ordering::SeqCst, Ordering::SeqCst);
        }
        Ok((super::editor::outcome(&program, status), size))
    }
}

/// Waits on stdin and the wake pipe: (stdin is readable, the pipe is).
///
/// A plain poll(2) on stdin: crossterm's own wait spins forever on a closed tty (it reads
/// end-of-file again and again), so it is only asked once there is something to read.
fn wait(wake: &PipeReader, timeout: Option<Duration>) -> io::Result<(bool, bool)> {
    let stdin = io::stdin();
    let timeout =
        timeout.map(|t| Timespec::try_from(t).unwrap_or(Timespec { tv_sec: i64::MAX, tv_nsec: 0 }));
    let mut fds =
        [PollFd::new(&stdin, PollFlags::IN), PollFd::from_borrowed_fd(wake.as_fd(), PollFlags::IN)];
    rustix::event::poll(&mut fds, timeout.as_ref())?;
    let terminal = fds[0].revents();
    if terminal.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
        return Err(io::Error::new(io::ErrorKind::BrokenPipe, "the terminal went away"));
    }
    Ok((terminal.contains(PollFlags::IN), fds[1].revents().contains(PollFlags::IN)))
}
