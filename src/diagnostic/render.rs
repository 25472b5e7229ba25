//! The full, rustc-like form of diagnostics, through codespan-reporting, plain or in color;
//! and the JSON form, one object per diagnostic.

use super::ansi::{self, Painter};
use super::located::{Diagnostic, Severity};
use crate::span::Span;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Chars, Config};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// The texts of the files read, by file name, in the order read. A list rather than a map:
/// filling it costs nothing per file, and only a renderer needs to look names up.
pub type Sources = Vec<(String, String)>;

/// Renders diagnostics in the full, rustc-like form: severity, message, `file:line:col`, the
/// source line with a caret under the value, and help lines.
pub struct Renderer<'a> {
    files: SimpleFiles<&'a str, &'a str>,
    ids: HashMap<&'a str, usize>,
    config: Config,
    color: bool,
}

impl<'a> Renderer<'a> {
    /// A renderer for `diagnostics`: only the files they point into are indexed.
    pub fn new(sources: &'a Sources, diagnostics: &[Diagnostic]) -> Self {
        let index: HashMap<&str, &'a str> = sources
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str()))
            .collect();
        let mut files = SimpleFiles::new();
        let mut ids = HashMap::default();
        let named = diagnostics.iter().flat_map(|d| {
            std::iter::once(d.file.as_str()).chain(d.related.iter().map(|r| r.file.as_str()))
        });
        for name in named {
            if ids.contains_key(name) {
                continue;
            }
            if let Some((&name, &text)) = index.get_key_value(name) {
                ids.insert(name, files.add(name, text));
            }
        }
        let config = Config {
            chars: Chars::ascii(),
            ..Config::default()
        };
        Renderer {
            files,
            ids,
            config,
            color: false,
        }
    }

    /// The same renderer, in color (ANSI escapes) when `on`.
    pub fn with_color(mut self, on: bool) -> Self {
        self.color = on;
        self
    }

    /// The full form of one diagnostic, as text (with color escapes if asked for).
    pub fn render(&self, d: &Diagnostic) -> String {
        let Some(&id) = self.ids.get(d.file.as_str()) else {
            return self.render_unsourced(d);
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
        let notes: Vec<String> = d
            .help
            .iter()
            .map(|h| format!("help: {h}"))
            .chain(d.notes.iter().map(|n| format!("note: {n}")))
            .chain(unsourced)
            .collect();
        let severity = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let diagnostic = severity
            .with_code(d.kind.map_or("", |k| k.name()))
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        let rendered = if self.color {
            let mut painter = Painter::default();
            term::emit_to_write_style(&mut painter, &self.config, &self.files, &diagnostic)
                .map(|()| String::from_utf8_lossy(&painter.out).into_owned())
        } else {
            term::emit_into_string(&self.config, &self.files, &diagnostic)
        };
        rendered.unwrap_or_else(|_| self.render_unsourced(d))
    }

    /// For a file whose text was not kept (or could not be read): the location without a
    /// snippet.
    fn render_unsourced(&self, d: &Diagnostic) -> String {
        let on = self.color;
        let place = format!("  --> {}:{}:{}", d.file, d.span.line, d.span.col);
        let mut out = ansi::header(on, d.severity, &d.heading(), &d.message);
        out.push('\n');
        out.push_str(&ansi::paint(on, ansi::DIM, &place));
        out.push('\n');
        for h in &d.help {
            out.push_str(&ansi::paint(on, ansi::DIM, &format!("  = help: {h}")));
            out.push('\n');
        }
        let bullet = ansi::paint(on, ansi::DIM, "  =");
        for n in &d.notes {
            out.push_str(&format!("{bullet} note: {n}\n"));
        }
        for r in &d.related {
            let (file, line, col) = (&r.file, r.span.line, r.span.col);
            out.push_str(&format!(
                "{bullet} note: {}: {file}:{line}:{col}\n",
                r.label
            ));
        }
        out
    }

    /// The JSON form of one diagnostic, on one line (without its end): `severity`, `code` (the
    /// kind of a warning, else null), `message`, `file`, `line`, `column`, `end_line`,
    /// `end_column` (the column after the last character marked), `label` (null when none),
    /// `help` and `notes` (lists of lines), and `related`: the other places, each with its
    /// `file`, `line`, `column`, `end_line`, `end_column` and `label`.
    pub fn json(&self, d: &Diagnostic) -> String {
        let place = |file, span| self.place(file, span);
        let value = JsonDiagnostic {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: d.kind.map(|k| k.name()),
            message: &d.message,
            place: place(&d.file, d.span),
            label: (!d.label.is_empty()).then_some(d.label.as_str()),
            help: &d.help,
            notes: &d.notes,
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    place: place(&r.file, r.span),
                    label: &r.label,
                })
                .collect(),
        };
        serde_json::to_string(&value).expect("a diagnostic serializes")
    }

    /// Where `span` of `file` starts and ends; it ends where it starts in a file whose text
    /// was not kept.
    fn place<'p>(&self, file: &'p str, span: Span) -> JsonPlace<'p> {
        let text = self
            .ids
            .get(file)
            .and_then(|&id| self.files.get(id).ok())
            .map(|f| *f.source());
        let start = (span.line, span.col);
        let end = text.map_or(start, |t| {
            let end = Span::from_range(t, span.end, span.end);
            start.max((end.line, end.col))
        });
        JsonPlace {
            file,
            line: start.0,
            column: start.1,
            end_line: end.0,
            end_column: end.1,
        }
    }
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: Option<&'static str>,
    message: &'a str,
    #[serde(flatten)]
    place: JsonPlace<'a>,
    label: Option<&'a str>,
    help: &'a [String],
    notes: &'a [String],
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    #[serde(flatten)]
    place: JsonPlace<'a>,
    label: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::WarningKind;
    use crate::span::Span;

    #[test]
    fn a_place_in_a_file_not_kept_is_named_in_a_note() {
        let text = "a: 1\nb: 2\n";
        let b = Span::from_range(text, 5, 5);
        let sources: Sources = vec![("a.yaml".into(), text.into())];
        let diagnostics = [Diagnostic::error("a.yaml", b, "first").with_related(
            "gone.yaml",
            Span::from_range("x: 1\ny: 2\n", 5, 5),
            "second",
        )];
        let out = Renderer::new(&sources, &diagnostics).render(&diagnostics[0]);
        let expected = [
            "error: first",
            "  --> a.yaml:2:1",
            "  |",
            "2 | b: 2",
            "  | ^",
            "  |",
            "  = note: second: gone.yaml:2:1",
            "",
            "",
        ];
        assert_eq!(out, expected.join("\n"));
        // Its own place in such a file: the location alone.
        let diagnostics = [Diagnostic::error("gone.yaml", b, "lost").with_help("find it")];
        let out = Renderer::new(&sources, &diagnostics).render(&diagnostics[0]);
        assert_eq!(out, "error: lost\n  --> gone.yaml:2:1\n  = help: find it\n");
    }

    #[test]
    fn a_related_place_in_another_file_is_shown_with_its_line() {
        let sources: Sources = vec![
            (
                "a.yaml".into(),
                "positions:\n  - party: nk\n    stance: x\n".into(),
            ),
            ("b.yaml".into(), "positions:\n  - party: nk\n".into()),
        ];
        let d = Diagnostic::warning(
            WarningKind::Conflict,
            "a.yaml",
            Span::from_range(&sources[0].1, 15, 20),
            "conflict",
        )
        .with_related(
            "b.yaml",
            Span::from_range(&sources[1].1, 15, 15),
            "`y` here",
        )
        .with_help("narrow `held`");
        let diagnostics = [d];
        let renderer = Renderer::new(&sources, &diagnostics);
        let out = renderer.render(&diagnostics[0]);
        let expected = [
            "warning[conflict]: conflict",
            "  --> a.yaml:2:5",
            "  |",
            "2 |   - party: nk",
            "  |     ^^^^^",
            "  |",
            "  --> b.yaml:2:5",
            "  |",
            "2 |   - party: nk",
            "  |     - `y` here",
            "  |",
            "  = help: narrow `held`",
            "",
            "",
        ];
        assert_eq!(out, expected.join("\n"));
    }
}
