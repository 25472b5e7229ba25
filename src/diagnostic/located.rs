//! A diagnostic: one problem, where it is, and what would be right.

use super::kind::WarningKind;
use crate::span::Span;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A secondary place that helps explain a diagnostic (the other side of a duplicate, say).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Related {
    pub file: String,
    pub span: Span,
    pub label: String,
}

/// One problem found in the annotations, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The kind of a warning (every warning has one; an error none). A warning denied by
    /// `check`'s settings is reported as an error and keeps its kind.
    pub kind: Option<WarningKind>,
    /// The file, as the user named it (relative to where they ran the tool).
    pub file: String,
    pub span: Span,
    pub message: String,
    /// A short text under the caret; the message is used when empty.
    pub label: String,
    pub related: Vec<Related>,
    /// Lines that say what would be right (`did you mean ...?`).
    pub help: Vec<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error, or with `kind` a warning of that kind.
    pub fn new(
        kind: Option<WarningKind>,
        file: &str,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: match kind {
                Some(_) => Severity::Warning,
                None => Severity::Error,
            },
            kind,
            file: file.to_string(),
            span,
            message: message.into(),
            label: String::new(),
            related: Vec::new(),
            help: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn error(file: &str, span: Span, message: impl Into<String>) -> Self {
        Self::new(None, file, span, message)
    }

    pub fn warning(kind: WarningKind, file: &str, span: Span, message: impl Into<String>) -> Self {
        Self::new(Some(kind), file, span, message)
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_related(mut self, file: &str, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            file: file.to_string(),
            span,
            label: label.into(),
        });
        self
    }

    /// The one-line form: `file:line:col: error: message`, and a warning's kind at the end
    /// (`... [conflict]`), as compilers print theirs, so that editors' patterns for
    /// `file:line:col: severity: message` still read it.
    pub fn short(&self) -> String {
        let mut line = format!(
            "{}:{}:{}: {}: {}",
            self.file, self.span.line, self.span.col, self.severity, self.message
        );
        if let Some(kind) = self.kind {
            line.push_str(&format!(" [{kind}]"));
        }
        line
    }

    /// `warning[conflict]` (`error[conflict]` when denied), or `error` for an error.
    pub fn heading(&self) -> String {
        match self.kind {
            Some(kind) => format!("{}[{kind}]", self.severity),
            None => self.severity.to_string(),
        }
    }

    /// The order diagnostics are reported in: by file, then line, then column.
    pub fn sort_key(&self) -> (&str, usize, usize, Severity, &str) {
        (
            &self.file,
            self.span.line,
            self.span.col,
            self.severity,
            &self.message,
        )
    }
}

/// Sort diagnostics by file, line and column, and drop exact repeats. They mostly come in
/// runs already in this order (loading's in file order, then conflicts' in article order):
/// the standard stable sort finds the runs and merges them with few comparisons of the long
/// file names.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}
