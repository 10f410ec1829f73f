//! `Events` from a list, for tests and benchmarks: keys, pastes, resizes and messages in
//! order, with steps that wait for the real worker's answers. The loop it drives is the
//! reader's own (`event_loop::run`).

use std::collections::VecDeque;
use std::io;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::event_loop::{Events, Input};
use crate::tui::app::Message;

/// How long a step waits for the worker before the script fails.
const WORKER_TIMEOUT: Duration = Duration::from_secs(30);

/// One step of a script.
pub enum Step {
    /// Given to the loop as it is.
    Input(Input),
    /// Nothing more for now: the loop draws a frame.
    Pause,
    /// The worker's next answer.
    Answer,
    /// The worker's answers, each given to the loop, up to and including the first for which
    /// this holds.
    AnswerUntil(Box<dyn Fn(&Message) -> bool>),
    /// Runs this (release a lock, change a file) before the next step.
    Run(Box<dyn FnOnce()>),
}

/// A scripted event source.
pub struct Script {
    steps: VecDeque<Step>,
    answers: Option<Receiver<Message>>,
    /// Times `suspend` was asked for.
    pub suspended: usize,
    /// The terminal's size `suspend` reports.
    pub size: (u16, u16),
    /// Editors `edit` ran, each as its program and arguments.
    pub edited: Vec<Vec<std::ffi::OsString>>,
}

impl Script {
    pub fn new() -> Script {
        Script {
            steps: VecDeque::new(),
            answers: None,
            suspended: 0,
            size: (80, 24),
            edited: Vec::new(),
        }
    }

    /// Where the worker's answers arrive (from `Worker::spawn`).
    pub fn with_answers(mut self, answers: Receiver<Message>) -> Script {
        self.answers = Some(answers);
        self
    }

    pub fn step(mut self, step: Step) -> Script {
        self.steps.push_back(step);
        self
    }

    /// Each character typed as a key press (`\t` Tab, `\r` Enter, `\x1b` Esc).
    pub fn keys(mut self, keys: &str) -> Script {
        for c in keys.chars() {
            let code = match c {
                '\t' => KeyCode::Tab,
                '\r' | '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                '\x7f' => KeyCode::Backspace,
                c => KeyCode::Char(c),
            };
            self = self.key(KeyEvent::new(code, KeyModifiers::NONE));
        }
        self
    }

    pub fn key(self, key: KeyEvent) -> Script {
        self.step(Step::Input(Input::Terminal(Event::Key(key))))
    }

    pub fn ctrl(self, c: char) -> Script {
        self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    pub fn paste(self, text: &str) -> Script {
        self.step(Step::Input(Input::Terminal(Event::Paste(text.into()))))
    }

    pub fn resize(self, width: u16, height: u16) -> Script {
        self.step(Step::Input(Input::Terminal(Event::Resize(width, height))))
    }

    /// A left click (`wheel` `None`) or a wheel notch (`Some(true)`: down) at `x`, `y`.
    pub fn mouse(self, x: u16, y: u16, wheel: Option<bool>) -> Script {
        let kind = match wheel {
            None => MouseEventKind::Down(MouseButton::Left),
            Some(true) => MouseEventKind::ScrollDown,
            Some(false) => MouseEventKind::ScrollUp,
        };
        let event = MouseEvent { kind, column: x, row: y, modifiers: KeyModifiers::NONE };
        self.step(Step::Input(Input::Terminal(Event::Mouse(event))))
    }

    pub fn message(self, message: Message) -> Script {
        self.step(Step::Input(Input::Message(message)))
    }

    pub fn pause(self) -> Script {
        self.step(Step::Pause)
    }

    pub fn answer(self) -> Script {
        self.step(Step::Answer)
    }

    pub fn answer_until(self, done: impl Fn(&Message) -> bool + 'static) -> Script {
        self.step(Step::AnswerUntil(Box::new(done)))
    }

    pub fn run(self, f: impl FnOnce() + 'static) -> Script {
        self.step(Step::Run(Box::new(f)))
    }

    /// The worker's answers back, to give to the next script.
    pub fn take_answers(&mut self) -> Option<Receiver<Message>> {
        self.answers.take()
    }

    /// Steps not taken yet.
    pub fn remaining(&self) -> usize {
        self.steps.len()
    }

    fn answer_now(&mut self) -> io::Result<Message> {
        let Some(answers) = &self.answers else {
            return Err(io::Error::other("the script waits for the worker but has no answers"));
        };
        answers
            .recv_timeout(WORKER_TIMEOUT)
            .map_err(|e| io::Error::new(io::ErrorKind::TimedOut, format!("no answer: {e}")))
    }
}

impl Default for Script {
    fn default() -> Self {
        Script::new()
    }
}

impl Events for Script {
    fn next(&mut self, _timeout: Option<Duration>) -> io::Result<Option<Input>> {
        loop {
            return match self.steps.pop_front() {
                Some(Step::Input(input)) => Ok(Some(input)),
                Some(Step::Pause) => Ok(None),
                Some(Step::Answer) => Ok(Some(Input::Message(self.answer_now()?))),
                Some(Step::AnswerUntil(done)) => {
                    let message = self.answer_now()?;
                    if !done(&message) {
                        self.steps.push_front(Step::AnswerUntil(done));
                    }
                    Ok(Some(Input::Message(message)))
                }
                Some(Step::Run(f)) => {
                    f();
                    continue;
                }
                None => Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the script ended before the reader quit",
                )),
            };
        }
    }

    fn suspend(&mut self) -> io::Result<(u16, u16)> {
        self.suspended += 1;
        Ok(self.size)
    }

    /// Runs the editor for real (a test's script), with no terminal to hand over.
    fn edit(
        &mut self,
        editor: &mut std::process::Command,
    ) -> io::Result<(Result<(), String>, (u16, u16))> {
        let mut words = vec![editor.get_program().to_os_string()];
        words.extend(editor.get_args().map(std::ffi::OsStr::to_os_string));
        self.edited.push(words);
        let program = editor.get_program().to_os_string();
        let status = editor.stdin(std::process::Stdio::null()).status();
        Ok((crate::tui::editor::outcome(&program, status), self.size))
    }
}
