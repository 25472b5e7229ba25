//! The full, rustc-like form of diagnostics, through codespan-reporting.

use super::{Diagnostic, Severity, Span};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files;
use codespan_reporting::term::{self, Chars, Config};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::OnceLock;
/// What is kept of one file's text, for rendering the diagnostics that point into it.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    /// The whole text.
    Full(String),
    /// Only the lines that some places are on.
    Lines(Excerpt),
}

#[cfg(test)]
impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::Full(text)
    }
}

#[cfg(test)]
impl Text {
    /// The whole text, if it was kept.
    pub fn full(&self) -> Option<&str> {
        match self {
            Text::Full(text) => Some(text),
            Text::Lines(_) => None,
        }
    }
}

/// What is kept of each file read, by file name, in the order read. A list rather than a map:
/// filling it costs nothing per file, and only a renderer needs to look names up.
pub type Sources = Vec<(String, Text)>;

/// The lines of a file that some places are on, kept instead of its whole text for a file that
/// diagnostics made later may point at (`check`'s conflict warnings point at positions): a
/// few lines of each file rather than all of them. A diagnostic whose labels in the file are
/// all on lines kept renders from it byte for byte as from the whole text (a property test
/// compares the two); a related label elsewhere in the file is named in a note instead, and a
/// diagnostic whose own place was not kept is written without a snippet.
#[derive(Debug, Clone, PartialEq)]
pub struct Excerpt {
    /// Each line kept, in the order of the file: where it starts in the file, its number, and
    /// where it ends in `text` (after its newline, if it has one).
    lines: Box<[(usize, usize, usize)]>,
    /// The lines kept, one after another.
    text: Box<str>,
}

impl Excerpt {
    /// The lines of `text` that `places` (byte ranges, in any order; sorted here) are on, and
    /// the line between two of them one line apart (which a snippet of both shows); `None` if a
    /// place is not within one line of the text.
    pub fn of(text: &str, places: &mut [Range<usize>]) -> Option<Excerpt> {
        places.sort_unstable_by_key(|p| p.start);
        let bytes = text.as_bytes();
        // Each line kept, first with where it ends in the file (after its newline).
        // Most places are on lines of their own; a line between two grows it.
        let mut lines: Vec<(usize, usize, usize)> = Vec::with_capacity(places.len());
        // Where line numbers have been counted to, and the number of the line there.
        let (mut counted_to, mut number) = (0, 1);
        for place in places.iter() {
            let (start, end) = (place.start, place.end);
            if start > end || end > text.len() || !text.is_char_boundary(start) {
                return None;
            }
            let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
            let line_end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
            if end > line_end {
                return None;
            }
            if lines.last().is_some_and(|&(s, ..)| s == line_start) {
                continue;
            }
            number += memchr::memchr_iter(b'\n', &bytes[counted_to..line_start]).count();
            counted_to = line_start;
            if let Some(&(_, n, between)) = lines.last()
                && n + 2 == number
            {
                lines.push((between, n + 1, line_start));
            }
            lines.push((line_start, number, (line_end + 1).min(text.len())));
        }
        let mut kept = String::with_capacity(lines.iter().map(|&(s, _, e)| e - s).sum());
        for (start, _, end) in &mut lines {
            kept.push_str(&text[*start..*end]);
            *end = kept.len();
        }
        Some(Excerpt {
            lines: lines.into_boxed_slice(),
            text: kept.into_boxed_str(),
        })
    }

    /// Where the `i`th kept line starts in `text`.
    fn local_start(&self, i: usize) -> usize {
        if i == 0 { 0 } else { self.lines[i - 1].2 }
    }

    /// A place in the file as a place in `text`, if its line was kept.
    fn local(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let i = self
            .lines
            .partition_point(|&(s, ..)| s <= range.start)
            .checked_sub(1)?;
        let (start, _, local_end) = self.lines[i];
        let local = self.local_start(i);
        let len = self.text[local..local_end].trim_end_matches('\n').len();
        (range.start <= range.end && range.end <= start + len)
            .then(|| local + range.start - start..local + range.end - start)
    }

    /// The kept line that a place in `text` is on.
    fn line_at(&self, local: usize) -> usize {
        // The first line that ends after the place, or the last, whose end it may be.
        self.lines
            .partition_point(|l| l.2 <= local)
            .min(self.lines.len().saturating_sub(1))
    }

    /// The kept line with this number.
    fn numbered(&self, number: usize) -> Option<usize> {
        self.lines.binary_search_by_key(&number, |l| l.1).ok()
    }
}

/// Renders diagnostics in the full, rustc-like form: severity, message, `file:line:col`, the
/// source line with a caret under the value, and help lines.
pub struct Renderer<'a> {
    files: IndexedFiles<'a>,
    ids: HashMap<&'a str, usize>,
    config: Config,
}

/// The files diagnostics point into. A whole text's line starts are found the first time
/// codespan renders a diagnostic in it (rendering runs on several threads). Labels in an
/// excerpt are placed in its own text ([`Excerpt::local`]), and its lines keep their numbers.
struct IndexedFiles<'a> {
    files: Vec<(&'a str, &'a Text, OnceLock<Vec<usize>>)>,
}

impl<'a> IndexedFiles<'a> {
    fn get(&self, id: usize) -> Result<&(&'a str, &'a Text, OnceLock<Vec<usize>>), files::Error> {
        self.files.get(id).ok_or(files::Error::FileMissing)
    }

    /// The text labels in the file are placed in: the whole text, or an excerpt's.
    fn text(&self, id: usize) -> Result<&'a str, files::Error> {
        Ok(match self.get(id)?.1 {
            Text::Full(text) => text,
            Text::Lines(excerpt) => &excerpt.text,
        })
    }

    /// A whole text and the starts of its lines.
    fn line_starts(&self, id: usize) -> Result<(&'a str, &[usize]), files::Error> {
        let (_, text, starts) = self.get(id)?;
        let Text::Full(text) = text else {
            return Err(files::Error::FileMissing);
        };
        let starts = starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect()
        });
        Ok((text, starts))
    }

    /// Where a line of a whole text starts; the line after the last starts at its end.
    fn line_start(&self, id: usize, line: usize) -> Result<usize, files::Error> {
        let (text, starts) = self.line_starts(id)?;
        match line.cmp(&starts.len()) {
            std::cmp::Ordering::Less => Ok(starts[line]),
            std::cmp::Ordering::Equal => Ok(text.len()),
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
        self.text(id)
    }

    fn line_index(&'a self, id: usize, byte: usize) -> Result<usize, files::Error> {
        match self.get(id)?.1 {
            Text::Full(_) => Ok(self
                .line_starts(id)?
                .1
                .binary_search(&byte)
                .unwrap_or_else(|next| next - 1)),
            Text::Lines(excerpt) => excerpt
                .lines
                .get(excerpt.line_at(byte))
                .map(|l| l.1 - 1)
                .ok_or(files::Error::FileMissing),
        }
    }

    fn line_range(&'a self, id: usize, line: usize) -> Result<Range<usize>, files::Error> {
        match self.get(id)?.1 {
            Text::Full(_) => Ok(self.line_start(id, line)?..self.line_start(id, line + 1)?),
            // Only the lines kept, which are all a snippet of places on them shows.
            Text::Lines(excerpt) => excerpt
                .numbered(line + 1)
                .map(|i| excerpt.local_start(i)..excerpt.lines[i].2)
                .ok_or(files::Error::FileMissing),
        }
    }
}

impl<'a> Renderer<'a> {
    /// A renderer for `diagnostics`: only the files they point into are indexed.
    pub fn new(sources: &'a Sources, diagnostics: &[Diagnostic]) -> Self {
        let index: HashMap<&str, &'a Text> = sources
            .iter()
            .map(|(name, text)| (name.as_str(), text))
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
        // No lines of context around labels (codespan's default): an excerpt has only the
        // labels' lines and the lines between two of them one line apart.
        let config = Config {
            chars: Chars::ascii(),
            ..Config::default()
        };
        Renderer { files, ids, config }
    }

    /// The full form of one diagnostic, as plain text.
    pub fn render(&self, d: &Diagnostic) -> String {
        // Each label where it is placed in its file's text (see `IndexedFiles`): in an
        // excerpt, only a place on a line kept.
        let place = |file: &str, span: &Span| {
            let &id = self.ids.get(file)?;
            let range = span.start..span.end;
            match self.files.get(id).ok()?.1 {
                Text::Full(_) => Some((id, range)),
                Text::Lines(excerpt) => Some((id, excerpt.local(&range)?)),
            }
        };
        let Some((id, range)) = place(&d.file, &d.span) else {
            return self.render_unsourced(d);
        };
        let mut labels = vec![Label::primary(id, range).with_message(&d.label)];
        // A related place whose line was not kept is named in a note instead.
        let mut unsourced = Vec::new();
        for r in &d.related {
            match place(&r.file, &r.span) {
                Some((rid, range)) => {
                    labels.push(Label::secondary(rid, range).with_message(&r.label))
                }
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
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        term::emit_into_string(&self.config, &self.files, &diagnostic)
            .unwrap_or_else(|_| self.render_unsourced(d))
    }

    /// For a file whose text was not kept (or could not be read), or whose excerpt does not
    /// have the line: the location without a snippet.
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Lines of every kind: plain ASCII, tabs, wide characters, stray CRs and NULs, empty.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[ -~]{0,24}",
            1 => "[ a-z\t]{0,12}",
            1 => "[ a-zé漢]{0,12}",
            1 => "[ a-z\r\x00]{0,6}",
            1 => Just(String::new()),
        ]
        .prop_flat_map(|l| (Just(l), prop_oneof![Just("\n"), Just("\r\n"), Just("")]))
        .prop_map(|(l, end)| format!("{l}{end}"))
    }

    fn file() -> impl Strategy<Value = String> {
        prop::collection::vec(line(), 1..14).prop_map(|lines| lines.concat())
    }

    /// A place in one of `n` files: which file, and a start and length (scaled to the file).
    fn place() -> impl Strategy<Value = (usize, usize, usize)> {
        (
            0usize..4,
            0usize..400,
            prop_oneof![3 => 0usize..6, 1 => 0usize..60],
        )
    }

    fn span_in(text: &str, start: usize, len: usize) -> Span {
        let mut start = start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Span::from_range(text, start, end)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// A file kept as an excerpt of the lines a diagnostic points at renders as the whole
        /// file does; a label it did not keep is named in a note, never misplaced.
        #[test]
        fn excerpts_render_as_whole_texts(
            texts in prop::collection::vec(file(), 1..6),
            primary in place(),
            related in prop::collection::vec((place(), prop::bool::weighted(0.2), "[a-z` ]{0,10}"), 0..4),
            other in (0usize..400, 0usize..6),
            warning in any::<bool>(),
        ) {
            let name = |i: usize| format!("dir/file-{i}.yaml");
            let at = |(file, start, len): (usize, usize, usize)| {
                let i = file % texts.len();
                (i, span_in(&texts[i], start * texts[i].len() / 400, len))
            };
            let (file, span) = at(primary);
            let severity = if warning { Severity::Warning } else { Severity::Error };
            let mut d = Diagnostic::new(severity, &name(file), span, "something is wrong");
            let mut places = vec![(file, span)];
            for (i, (p, anywhere, l)) in related.into_iter().enumerate() {
                let p = if anywhere { p } else { (primary.0 + i + 1, p.1, p.2) };
                let (file, span) = at(p);
                d = d.with_related(&name(file), span, l);
                places.push((file, span));
            }
            let diagnostics = [d.with_help("narrow it")];
            let whole: Sources = texts.iter().enumerate().map(|(i, t)| (name(i), t.clone().into())).collect();
            // As loading keeps them: an excerpt where the file has one place, with another
            // place of the file kept too.
            let mut any_excerpt = false;
            let kept: Sources = texts.iter().enumerate().map(|(i, t)| {
                let mut here: Vec<Range<usize>> = places.iter().filter(|p| p.0 == i).map(|p| p.1.start..p.1.end).collect();
                let extra = span_in(t, other.0 * t.len() / 400, other.1);
                here.push(extra.start..extra.end);
                let text = Excerpt::of(t, &mut here).map_or_else(|| t.clone().into(), Text::Lines);
                any_excerpt |= matches!(text, Text::Lines(_));
                (name(i), text)
            }).collect();
            let from_whole = Renderer::new(&whole, &diagnostics);
            let from_kept = Renderer::new(&kept, &diagnostics);
            prop_assert_eq!(
                from_whole.render(&diagnostics[0]),
                from_kept.render(&diagnostics[0])
            );
            // An excerpt of other lines only: the label is named, not shown.
            if any_excerpt {
                let (f, s) = places[0];
                let t = &texts[f];
                let elsewhere = t.len();
                if let Some(e) = Excerpt::of(t, std::slice::from_mut(&mut (elsewhere..elsewhere))).filter(|e| e.local(&(s.start..s.end)).is_none()) {
                    let only_other: Sources = vec![(name(f), Text::Lines(e))];
                    let out = Renderer::new(&only_other, &diagnostics).render(&diagnostics[0]);
                    let located = format!("{}:{}:{}", name(f), s.line, s.col);
                    prop_assert!(out.contains(&located), "{}", out);
                }
            }
        }
    }

    #[test]
    fn an_excerpt_names_a_place_it_did_not_keep() {
        let text = "a: 1\nb: 2\nc: 3\nd: 4\n";
        let at = |s: &str| Span::from_range(text, text.find(s).unwrap(), text.find(s).unwrap());
        let (b, d) = (at("b"), at("d"));
        let excerpt = Excerpt::of(text, std::slice::from_mut(&mut (b.start..b.end))).unwrap();
        let sources: Sources = vec![("a.yaml".into(), Text::Lines(excerpt))];
        let diagnostics =
            [Diagnostic::error("a.yaml", b, "first").with_related("a.yaml", d, "second")];
        let out = Renderer::new(&sources, &diagnostics).render(&diagnostics[0]);
        let expected = [
            "error: first",
            "  --> a.yaml:2:1",
            "  |",
            "2 | b: 2",
            "  | ^",
            "  |",
            "  = note: second: a.yaml:4:1",
            "",
            "",
        ];
        assert_eq!(out, expected.join("\n"));
    }

    #[test]
    fn an_excerpt_keeps_the_lines_and_their_numbers() {
        let text = "a: 1\nb: 2\nc: 3\nd: 4";
        let at = |s: &str| text.find(s).unwrap();
        let mut places = [
            at("d: 4")..at("d: 4") + 1,
            at("a: 1")..at("a: 1") + 4,
            at("1")..at("1"),
        ];
        let e = Excerpt::of(text, &mut places).unwrap();
        assert_eq!(&*e.text, "a: 1\nd: 4");
        // With the line between two places one line apart, which a snippet shows.
        let e = Excerpt::of(text, &mut [at("c")..at("c"), at("a")..at("a")]).unwrap();
        assert_eq!(&*e.text, "a: 1\nb: 2\nc: 3\n");
        let mut places = [
            at("d: 4")..at("d: 4") + 1,
            at("b: 2")..at("b: 2") + 4,
            at("2")..at("2"),
        ];
        let e = Excerpt::of(text, &mut places).unwrap();
        assert_eq!(&*e.text, "b: 2\nc: 3\nd: 4");
        assert_eq!(&*e.lines, &[(5, 2, 5), (10, 3, 10), (15, 4, 14)]);
        assert_eq!(e.local(&(at("2")..at("2") + 1)), Some(3..4));
        assert_eq!(e.local(&(at("a")..at("a"))), None);
        // A place across two lines cannot be kept.
        assert!(Excerpt::of(text, std::slice::from_mut(&mut (at("a")..at("b") + 1))).is_none());
    }

    #[test]
    fn a_related_place_in_another_file_is_shown_with_its_line() {
        let sources: Sources = vec![
            (
                "a.yaml".into(),
                "positions:\n  - party: nk\n    stance: x\n"
                    .to_string()
                    .into(),
            ),
            (
                "b.yaml".into(),
                "positions:\n  - party: nk\n".to_string().into(),
            ),
        ];
        let d = Diagnostic::warning(
            "a.yaml",
            Span::from_range(sources[0].1.full().unwrap(), 15, 20),
            "conflict",
        )
        .with_related(
            "b.yaml",
            Span::from_range(sources[1].1.full().unwrap(), 15, 15),
            "`y` here",
        )
        .with_help("narrow `held`");
        let diagnostics = [d];
        let renderer = Renderer::new(&sources, &diagnostics);
        let out = renderer.render(&diagnostics[0]);
        let expected = [
            "warning: conflict",
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
