//! What a command comes to, or what stopped it: printed once, by `main`.

/// What a command that ran to its end came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Problems found and reported (such as `check`'s errors): exit 1.
    Problems,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Problems => 1,
        }
    }
}

/// What stopped a command: a message, help lines, and the exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub help: Vec<String>,
    pub code: u8,
}

impl Error {
    /// The command line asks for what cannot be done: exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            help: Vec::new(),
            code: 2,
        }
    }

    /// The command failed (broken annotations, a file that cannot be written): exit 1.
    pub fn problems(message: impl Into<String>) -> Self {
        Error {
            code: 1,
            ..Error::usage(message)
        }
    }

    /// With a `  = help:` line.
    pub fn help(mut self, line: impl Into<String>) -> Self {
        self.help.push(line.into());
        self
    }
}

pub type Result<T = Outcome> = std::result::Result<T, Error>;
