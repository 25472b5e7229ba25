//! Standard error: every diagnostic, note, warning, error and status line goes through
//! [`Stderr`], whose writes never fail and never panic. A closed pipe (`check 2>&1 | head`)
//! ends the messages quietly and the command goes on to the exit code it would have had; any
//! other failure (a full disk) is remembered, and turns a success into exit 1 at the end.

use super::error::Error;
use crate::cli::ColorWhen;
use stanceline::diagnostic::Severity;
use stanceline::diagnostic::ansi::{self, DIM};
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

const OPEN: u8 = 0;
const CLOSED: u8 = 1;
const FAILED: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(OPEN);

/// Whether messages are in color: decided once, by [`set_color`].
static COLOR: AtomicBool = AtomicBool::new(false);

/// Decide whether messages are in color, from `--color` and the environment.
pub fn set_color(when: ColorWhen) {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    let on = use_color(
        when,
        var("NO_COLOR").is_some(),
        var("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
        var("CLICOLOR").is_some_and(|v| v == "0"),
        var("TERM").is_some_and(|v| v == "dumb"),
        io::stderr().is_terminal(),
    );
    COLOR.store(on, Ordering::Relaxed);
}

/// `--color always` and `never` are what they say. Under `auto`, as other tools read these:
/// `NO_COLOR` (set and not empty) turns color off; else `CLICOLOR_FORCE` (not `0`) turns it
/// on even off a terminal; else `CLICOLOR=0` turns it off; else it is on for a terminal
/// that is not `TERM=dumb`.
fn use_color(
    when: ColorWhen,
    no_color: bool,
    force: bool,
    clicolor_off: bool,
    dumb: bool,
    terminal: bool,
) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => !no_color && (force || (!clicolor_off && !dumb && terminal)),
    }
}

/// Whether messages are in color.
pub fn color() -> bool {
    COLOR.load(Ordering::Relaxed)
}

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

/// Whether standard error's reader went away (a closed pipe): `watch` then ends.
pub fn reader_gone() -> bool {
    STATE.load(Ordering::Relaxed) == CLOSED
}

/// One line of text (a status line such as `wrote charts/x.png`, or a summary).
pub fn line(text: impl std::fmt::Display) {
    let _ = Stderr.write_all(format!("{text}\n").as_bytes());
}

/// Text as it is, without a line end (the escapes that clear a terminal).
pub fn raw(text: &str) {
    let _ = Stderr.write_all(text.as_bytes());
}

/// `note: TEXT`
pub fn note(text: impl std::fmt::Display) {
    line(format_args!(
        "{}: {text}",
        ansi::paint(color(), ansi::BOLD, "note")
    ));
}

/// `note: TEXT`, then help lines.
pub fn note_with_help(text: impl std::fmt::Display, help: &[String]) {
    note(format_args!("{text}{}", help_lines(help)));
}

/// `warning: MESSAGE`, then its help lines.
pub fn warning(message: impl std::fmt::Display, help: &[String]) {
    let header = ansi::header(color(), Severity::Warning, "warning", &message.to_string());
    line(format_args!("{header}{}", help_lines(help)));
}

/// `error: MESSAGE`, then its help lines.
pub fn error(e: &Error) {
    let header = ansi::header(color(), Severity::Error, "error", &e.message);
    line(format_args!("{header}{}", help_lines(&e.help)));
}

fn help_lines(help: &[String]) -> String {
    help.iter()
        .map(|h| format!("\n{}", ansi::paint(color(), DIM, &format!("  = help: {h}"))))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_on_a_terminal_unless_the_environment_says_otherwise() {
        use ColorWhen::*;
        // when, NO_COLOR, CLICOLOR_FORCE, CLICOLOR=0, TERM=dumb, terminal
        assert!(use_color(Auto, false, false, false, false, true));
        assert!(!use_color(Auto, false, false, false, false, false));
        assert!(!use_color(Auto, true, false, false, false, true));
        assert!(!use_color(Auto, true, true, false, false, true));
        assert!(use_color(Auto, false, true, false, false, false));
        assert!(use_color(Auto, false, true, true, true, false));
        assert!(!use_color(Auto, false, false, true, false, true));
        assert!(!use_color(Auto, false, false, false, true, true));
        assert!(use_color(Always, true, false, true, true, false));
        assert!(!use_color(Never, false, true, false, false, true));
    }
}
