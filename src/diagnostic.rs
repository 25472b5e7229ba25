//! Located diagnostics and their rendering: a rustc-like full form and a one-line short form.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files;
use codespan_reporting::term::{self, Chars, Config};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

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

/// A place in a file: 1-based line and column (in characters) and the byte range it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub line: usize,
    pub col: usize,
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The start of a file.
    pub const FILE: Span = Span {
        line: 1,
        col: 1,
        start: 0,
        end: 0,
    };

    /// The span of the byte range `start..end` of `source`, with its line and column computed.
    pub fn from_range(source: &str, start: usize, end: usize) -> Span {
        let start = start.min(source.len());
        let end = end.clamp(start, source.len());
        let before = &source[..start];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = source[line_start..start].chars().count() + 1;
        Span {
            line,
            col,
            start,
            end,
        }
    }
}

/// A secondary place that helps explain a diagnostic (the other side of a duplicate, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: String,
    pub span: Span,
    pub label: String,
}

/// One problem found in the annotations, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
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
    pub fn new(severity: Severity, file: &str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
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
        Self::new(Severity::Error, file, span, message)
    }

    pub fn warning(file: &str, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, span, message)
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

    /// The one-line form: `file:line:col: error: message`.
    pub fn short(&self) -> String {
        format!(
            "{}:{}:{}: {}: {}",
            self.file, self.span.line, self.span.col, self.severity, self.message
        )
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

/// Sort diagnostics by file, line and column, and drop exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.par_sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// The text of each file read, by file name, in the order read. A list rather than a map:
/// filling it costs nothing per file, and only a renderer needs to look names up.
pub type Sources = Vec<(String, String)>;

/// Renders diagnostics in the full, rustc-like form: severity, message, `file:line:col`, the
/// source line with a caret under the value, and help lines.
pub struct Renderer<'a> {
    files: IndexedFiles<'a>,
    ids: HashMap<&'a str, usize>,
    config: Config,
}

/// The files diagnostics point into, each with the starts of its lines, found the first time a
/// diagnostic is rendered in it (rendering runs on several threads).
struct IndexedFiles<'a> {
    files: Vec<(&'a str, &'a str, OnceLock<Vec<usize>>)>,
}

impl<'a> IndexedFiles<'a> {
    fn get(&self, id: usize) -> Result<&(&'a str, &'a str, OnceLock<Vec<usize>>), files::Error> {
        self.files.get(id).ok_or(files::Error::FileMissing)
    }

    fn line_starts(&self, id: usize) -> Result<&[usize], files::Error> {
        let (_, text, starts) = self.get(id)?;
        Ok(starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect()
        }))
    }

    /// Where a line starts; the line after the last starts at the end of the text.
    fn line_start(&self, id: usize, line: usize) -> Result<usize, files::Error> {
        let starts = self.line_starts(id)?;
        match line.cmp(&starts.len()) {
            std::cmp::Ordering::Less => Ok(starts[line]),
            std::cmp::Ordering::Equal => Ok(self.get(id)?.1.len()),
            std::cmp::Ordering::Greater => Err(files::Error::LineTooLarge {
                given: line,
                max: starts.len() - 1,
            }),
        }
    }
}

impl<'a> files::Files<'a> for IndexedFiles<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(self.get(id)?.0)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(self.get(id)?.1)
    }

    fn line_index(&'a self, id: usize, byte: usize) -> Result<usize, files::Error> {
        Ok(self
            .line_starts(id)?
            .binary_search(&byte)
            .unwrap_or_else(|next| next - 1))
    }

    fn line_range(&'a self, id: usize, line: usize) -> Result<Range<usize>, files::Error> {
        Ok(self.line_start(id, line)?..self.line_start(id, line + 1)?)
    }
}

impl<'a> Renderer<'a> {
    /// A renderer for `diagnostics`: only the files they point into are indexed.
    pub fn new(sources: &'a Sources, diagnostics: &[Diagnostic]) -> Self {
        let index: HashMap<&str, &'a str> = sources
            .iter()
            .map(|(name, text)| (name.as_str(), &**text))
            .collect();
        let mut files = IndexedFiles { files: Vec::new() };
        let mut ids = HashMap::default();
        let named = diagnostics.iter().flat_map(|d| {
            std::iter::once(d.file.as_str()).chain(d.related.iter().map(|r| r.file.as_str()))
        });
        for name in named {
            if ids.contains_key(name) {
                continue;
            }
            if let Some((&name, &text)) = index.get_key_value(name) {
                ids.insert(name, files.files.len());
                files.files.push((name, text, OnceLock::new()));
            }
        }
        let config = Config {
            chars: Chars::ascii(),
            ..Config::default()
        };
        Renderer { files, ids, config }
    }

    /// The full form of one diagnostic, as plain text.
    pub fn render(&self, d: &Diagnostic) -> String {
        let Some(&id) = self.ids.get(d.file.as_str()) else {
            return self.render_unsourced(d);
        };
        let severity = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let mut labels = vec![Label::primary(id, d.span.start..d.span.end).with_message(&d.label)];
        // A related place in a file whose text was not kept is named in a note instead.
        let mut unsourced = Vec::new();
        for r in &d.related {
            match self.ids.get(r.file.as_str()) {
                Some(&rid) => labels
                    .push(Label::secondary(rid, r.span.start..r.span.end).with_message(&r.label)),
                None => unsourced.push(format!(
                    "note: {}: {}:{}:{}",
                    r.label, r.file, r.span.line, r.span.col
                )),
            }
        }
        let notes = d
            .help
            .iter()
            .map(|h| format!("help: {h}"))
            .chain(d.notes.iter().map(|n| format!("note: {n}")))
            .chain(unsourced)
            .collect();
        let diagnostic = severity
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        match term::emit_into_string(&self.config, &self.files, &diagnostic) {
            Ok(s) => s,
            Err(_) => self.render_unsourced(d),
        }
    }

    /// For a file whose text could not be read: the location without a snippet.
    fn render_unsourced(&self, d: &Diagnostic) -> String {
        let mut out = format!(
            "{}: {}\n  --> {}:{}:{}\n",
            d.severity, d.message, d.file, d.span.line, d.span.col
        );
        for h in &d.help {
            out.push_str(&format!("  = help: {h}\n"));
        }
        for n in &d.notes {
            out.push_str(&format!("  = note: {n}\n"));
        }
        for r in &d.related {
            let (file, line, col) = (&r.file, r.span.line, r.span.col);
            out.push_str(&format!("  = note: {}: {file}:{line}:{col}\n", r.label));
        }
        out
    }
}

/// `1 error`, `2 errors`: a count with its noun in the right number.
pub fn plural(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// The closest candidate to `input`, for a `did you mean` line; none when nothing is close.
pub fn suggest<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let needle = input.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let hay = c.to_lowercase();
        let score = strsim::jaro_winkler(&needle, &hay);
        let contains = !needle.is_empty() && (hay.contains(&needle) || needle.contains(&hay));
        let score = if contains { score.max(0.85) } else { score };
        if score >= 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_from_range_counts_lines_and_chars() {
        let src = "a: 1\nbé: xyz\n";
        let start = src.find("xyz").unwrap();
        let s = Span::from_range(src, start, start + 3);
        assert_eq!((s.line, s.col), (2, 5));
    }

    #[test]
    fn suggestions() {
        let c = ["north-korea", "south-korea", "united-states"];
        assert_eq!(suggest("north-kroea", c), Some("north-korea"));
        assert_eq!(suggest("unitedstates", c), Some("united-states"));
        assert_eq!(suggest("mongolia", c), None);
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "error", "errors"), "1 error");
        assert_eq!(plural(0, "error", "errors"), "0 errors");
        assert_eq!(plural(2, "party", "parties"), "2 parties");
    }
}
