//! Standard error: every diagnostic, note, warning, error and status line goes through
//! [`Stderr`], whose writes never fail and never panic. A closed pipe (`check 2>&1 | head`)
//! ends the messages quietly and the command goes on to the exit code it would have had; any
//! other failure (a full disk) is remembered, and turns a success into exit 1 at the end.

use super::error::Error;
use std::io::{self, Write};
use std::sync::atomic::{AtomicU8, Ordering};

const OPEN: u8 = 0;
const CLOSED: u8 = 1;
const FAILED: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(OPEN);

/// Standard error, for writing messages through (buffered, for thousands of diagnostics).
pub struct Stderr;

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if STATE.load(Ordering::Relaxed) == OPEN
            && let Err(e) = io::stderr().lock().write_all(buf)
        {
            let state = if e.kind() == io::ErrorKind::BrokenPipe {
                CLOSED
            } else {
                FAILED
            };
            STATE.store(state, Ordering::Relaxed);
        }
        // What cannot be written is dropped: messages never stop a command.
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Whether messages still reach standard error (rendering more of them is worth it).
pub fn is_open() -> bool {
    STATE.load(Ordering::Relaxed) == OPEN
}

/// One line of text (a status line such as `wrote charts/x.png`, or a summary).
pub fn line(text: impl std::fmt::Display) {
    let _ = Stderr.write_all(format!("{text}\n").as_bytes());
}

/// `note: TEXT`
pub fn note(text: impl std::fmt::Display) {
    line(format_args!("note: {text}"));
}

/// `note: TEXT`, then help lines.
pub fn note_with_help(text: impl std::fmt::Display, help: &[String]) {
    note(format_args!("{text}{}", help_lines(help)));
}

/// `warning: MESSAGE`, then its help lines.
pub fn warning(message: impl std::fmt::Display, help: &[String]) {
    line(format_args!("warning: {message}{}", help_lines(help)));
}

/// `error: MESSAGE`, then its help lines.
pub fn error(e: &Error) {
    line(format_args!("error: {}{}", e.message, help_lines(&e.help)));
}

fn help_lines(help: &[String]) -> String {
    help.iter().map(|h| format!("\n  = help: {h}")).collect()
}

/// The process's exit code: the command's, or 1 for a success whose messages could not all
/// be written (for a reason other than a closed pipe).
pub fn exit_code(code: u8) -> u8 {
    if code == 0 && STATE.load(Ordering::Relaxed) == FAILED {
        1
    } else {
        code
    }
}
