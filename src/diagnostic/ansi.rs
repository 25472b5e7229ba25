//! Color in messages on a terminal, as ANSI escape sequences: errors red, warnings yellow,
//! the message in bold, secondary places cyan, and what only points the way (line numbers,
//! borders, `--> file:line:col` locations and help lines) dimmed. Only the binary decides
//! whether to use it (`--color`, `NO_COLOR`, a terminal); everything here is plain text in,
//! text with escapes out.

use super::located::Severity;
use codespan_reporting::diagnostic::{LabelStyle, Severity as CsSeverity};
use codespan_reporting::term::{GeneralWriteResult, WriteStyle};
use std::io;

pub const RESET: &str = "\x1b[0m";
pub const BOLD: &str = "\x1b[1m";
pub const DIM: &str = "\x1b[2m";
pub const ERROR: &str = "\x1b[1;31m";
pub const WARNING: &str = "\x1b[1;33m";
const ERROR_LABEL: &str = "\x1b[31m";
const WARNING_LABEL: &str = "\x1b[33m";
const SECONDARY: &str = "\x1b[36m";

/// The style of a severity's heading (`error`, `warning[conflict]`).
pub fn heading_style(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
    }
}

/// `text` in `style`, or as it is when `on` is false.
pub fn paint(on: bool, style: &str, text: &str) -> String {
    if on && !text.is_empty() {
        format!("{style}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// `error: message` or `warning[kind]: message`: the heading in its color, the message bold.
pub fn header(on: bool, severity: Severity, heading: &str, message: &str) -> String {
    if on {
        let style = heading_style(severity);
        format!("{style}{heading}{RESET}{BOLD}: {message}{RESET}")
    } else {
        format!("{heading}: {message}")
    }
}

/// A codespan-reporting writer that colors what it is told to, into a byte buffer. Two
/// things codespan writes unstyled are dimmed by the line they are on: the location after
/// `-->`, and a note that is help (`= help: ...`).
#[derive(Default)]
pub struct Painter {
    pub out: Vec<u8>,
    /// Whether the style set is the border's, whose `-->` starts a location.
    border: bool,
    /// Whether the style set is the note bullet's.
    bullet: bool,
    /// A note bullet was written: the note's first words say whether it is help.
    after_bullet: bool,
    /// The rest of this line is dimmed.
    dim_line: bool,
}

impl Painter {
    fn set(&mut self, style: &'static str) -> GeneralWriteResult {
        (self.border, self.bullet) = (false, false);
        self.out.extend_from_slice(style.as_bytes());
        Ok(())
    }
}

impl io::Write for Painter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut text = buf;
        if self.border && text == b"-->" {
            self.dim_line = true;
        }
        if self.after_bullet && !text.iter().all(|b| *b == b' ') {
            self.after_bullet = false;
            if text.trim_ascii_start().starts_with(b"help:") {
                self.dim_line = true;
                self.out.extend_from_slice(DIM.as_bytes());
            }
        }
        while let Some(i) = text.iter().position(|&b| b == b'\n') {
            self.out.extend_from_slice(&text[..i]);
            if self.dim_line {
                self.out.extend_from_slice(RESET.as_bytes());
                self.dim_line = false;
            }
            self.out.push(b'\n');
            text = &text[i + 1..];
        }
        self.out.extend_from_slice(text);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl WriteStyle for Painter {
    fn set_header(&mut self, severity: CsSeverity) -> GeneralWriteResult {
        self.set(match severity {
            CsSeverity::Bug | CsSeverity::Error => ERROR,
            _ => WARNING,
        })
    }

    fn set_header_message(&mut self) -> GeneralWriteResult {
        self.out.extend_from_slice(RESET.as_bytes());
        self.set(BOLD)
    }

    fn set_line_number(&mut self) -> GeneralWriteResult {
        self.set(DIM)
    }

    fn set_note_bullet(&mut self) -> GeneralWriteResult {
        self.set(DIM)?;
        self.bullet = true;
        Ok(())
    }

    fn set_source_border(&mut self) -> GeneralWriteResult {
        self.set(DIM)?;
        self.border = true;
        Ok(())
    }

    fn set_label(&mut self, severity: CsSeverity, label_style: LabelStyle) -> GeneralWriteResult {
        self.set(match (label_style, severity) {
            (LabelStyle::Secondary, _) => SECONDARY,
            (_, CsSeverity::Bug | CsSeverity::Error) => ERROR_LABEL,
            _ => WARNING_LABEL,
        })
    }

    fn reset(&mut self) -> GeneralWriteResult {
        self.after_bullet = self.bullet;
        (self.border, self.bullet) = (false, false);
        self.out.extend_from_slice(RESET.as_bytes());
        if self.dim_line {
            self.out.extend_from_slice(DIM.as_bytes());
        }
        Ok(())
    }
}
