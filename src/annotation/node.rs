//! A YAML document as a tree of nodes, each with its place in the file.
//!
//! The text is parsed by serde-saphyr's YAML parser (`serde_saphyr::granit_parser`, which it
//! re-exports); this module turns the parser's located events straight into a small tree, so
//! that `raw` can report every unknown field, missing field and wrong type in a file in one
//! run, each at its own line and column. Events are read directly rather than through serde
//! with a `Spanned<T>` around every value: loading is mostly this parse, and a wrapper and a
//! deserializer call per value would slow it (BENCHMARKS.md says what made loading fast).
//!
//! The budget is explicit: nesting deeper than [`MAX_DEPTH`], more than [`MAX_NODES`] nodes
//! (aliases count with everything they copy) or more than [`MAX_ALIASES`] aliases is refused,
//! so an alias bomb or a file of `{a: {a: ...` stops at once.
//!
//! What YAML reads differently from how it looks is noted as a [`Finding`], located: a tag, a
//! merge key, and a plain value whose line goes on with a comment.

use crate::span::Span;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, ScanError, Tag};
use std::borrow::Cow;
use std::collections::HashMap;

/// How deep mappings and lists may nest.
pub const MAX_DEPTH: usize = 32;
/// How many nodes one document may have, counting what aliases copy.
pub const MAX_NODES: usize = 1_000_000;
/// How many aliases (`*name`) one document may use.
pub const MAX_ALIASES: usize = 1_000;

/// A YAML node and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub kind: NodeKind<'a>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind<'a> {
    /// An empty value, `~` or `null`.
    Null,
    /// Any other scalar, as text: `2009` stays `2009`, `-2` stays `-2`. Borrowed from the
    /// source where the text is written as it reads.
    Scalar(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl NodeKind<'_> {
    /// What the node is, for messages: `a list`, `a mapping`, ...
    pub fn describe(&self) -> &'static str {
        match self {
            NodeKind::Null => "nothing",
            NodeKind::Scalar(_) => "a single value",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

impl Node<'_> {
    /// The text of a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// Why a YAML text did not parse.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
    /// What would be right, where the parser's message alone does not say.
    pub help: Option<&'static str>,
}

impl ParseError {
    fn new(message: String, span: Span) -> Self {
        ParseError {
            message,
            span,
            help: None,
        }
    }
}

/// Something a document says that YAML reads differently from how it looks.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A tag (`!custom`, `!!binary`, `!!str`), which would change how a value is read; `span`
    /// is the tag as written. The value is kept as if untagged.
    Tag { tag: String, span: Span },
    /// A merge key `<<` (unquoted); its entry is left out of the mapping.
    MergeKey { span: Span },
    /// A plain (unquoted) value of the field `key` whose line goes on with ` #`: YAML read the
    /// rest of the line as a comment. `span` is the comment, from its `#`.
    Comment { key: String, span: Span },
}

/// A parsed document: its root and what it says that YAML reads differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Document<'a> {
    pub root: Node<'a>,
    pub findings: Vec<Finding>,
}

fn span(s: &serde_saphyr::granit_parser::Span) -> Span {
    let start = s.start.byte_offset().unwrap_or(0);
    let end = s.end.byte_offset().unwrap_or(start).max(start);
    Span {
        line: s.start.line().max(1),
        col: s.start.col() + 1,
        start,
        end,
    }
}

fn scan_error(e: &ScanError, source: &str) -> ParseError {
    let m = e.marker();
    let at = m.byte_offset().unwrap_or(0).min(source.len());
    let message = e.info();
    // The parser stops where a tab makes the text unreadable, which is often the value on the
    // line before the tab: point at the tab itself.
    if message.contains("tab")
        && let Some((tab, indenting)) = find_tab(source, at)
    {
        return ParseError {
            message: if indenting {
                "a tab is used for indentation".into()
            } else {
                message.to_string()
            },
            span: Span::from_range(source, tab, tab + 1),
            help: Some("indent with spaces: YAML does not allow tabs in indentation"),
        };
    }
    ParseError::new(message.to_string(), Span::from_range(source, at, at))
}

/// The tab a tab error at `at` is about: the first in the indentation of a line from `at`'s
/// line on (and whether it is there), else the first tab after the start of that line.
fn find_tab(source: &str, at: usize) -> Option<(usize, bool)> {
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let rest = &source[line_start..];
    let mut offset = line_start;
    for line in rest.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line[..indent].find('\t') {
            return Some((offset + i, true));
        }
        offset += line.len();
    }
    rest.find('\t').map(|i| (line_start + i, false))
}

/// The span of `start..end` of `source`, counted from a place `near` it whose line and column
/// are known, so that locating costs the distance between them rather than a scan of the file.
fn span_near(source: &str, near: Span, start: usize, end: usize) -> Span {
    let start = start.min(source.len());
    let end = end.clamp(start, source.len());
    let newlines =
        |a: usize, b: usize| memchr::memchr_iter(b'\n', &source.as_bytes()[a..b]).count();
    let near_start = near.start.min(source.len());
    let line = if start >= near_start {
        near.line + newlines(near_start, start)
    } else {
        near.line.saturating_sub(newlines(start, near_start)).max(1)
    };
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    Span {
        line,
        col: source[line_start..start].chars().count() + 1,
        start,
        end,
    }
}

/// Where the tag of a node is, in the text between the previous token and the node (which
/// may also hold an anchor or a comment): the first `!` that starts a word outside a comment.
fn find_tag(source: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let region = source.get(from..to)?.as_bytes();
    let mut i = 0;
    while i < region.len() {
        let starts_word = i == 0
            || region[i - 1].is_ascii_whitespace()
            || matches!(region[i - 1], b'[' | b'{' | b',');
        match region[i] {
            b'#' if starts_word => {
                i += memchr::memchr(b'\n', &region[i..]).unwrap_or(region.len() - i);
            }
            b'!' if starts_word => {
                let len = region[i..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || matches!(c, b',' | b']' | b'}'))
                    .unwrap_or(region.len() - i);
                return Some((from + i, from + i + len));
            }
            _ => i += 1,
        }
    }
    None
}

/// Where the comment after a plain value ending at `end` starts, if its line goes on with
/// spaces and a `#`.
fn comment_after(source: &str, end: usize) -> Option<usize> {
    let rest = source.get(end..)?;
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    (gap > 0 && rest[gap..].starts_with('#')).then_some(end + gap)
}

/// A collection still open: read so far, waiting for its end.
enum Open<'a> {
    Seq(Vec<Node<'a>>, Span, usize),
    /// The entries so far, and the key waiting for its value (with whether it is a merge key,
    /// whose entry is left out).
    Map(
        Vec<(Node<'a>, Node<'a>)>,
        Option<(Node<'a>, bool)>,
        Span,
        usize,
    ),
}

/// The number of nodes in a tree and its height (a scalar is 1 and 0). The tree is at most
/// `MAX_DEPTH` deep, so the recursion is bounded.
fn measure(node: &Node) -> (usize, usize) {
    let children: Vec<&Node> = match &node.kind {
        NodeKind::Seq(items) => items.iter().collect(),
        NodeKind::Map(entries) => entries.iter().flat_map(|(k, v)| [k, v]).collect(),
        _ => return (1, 0),
    };
    children
        .into_iter()
        .map(measure)
        .fold((1, 1), |(n, h), (cn, ch)| (n + cn, h.max(ch + 1)))
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Add a finished node to the collection being read, or make it the root; note a merge key
/// (whose entry is left out) and a plain value whose line goes on with a comment.
fn place<'a>(
    source: &str,
    stack: &mut [Open<'a>],
    root: &mut Option<Node<'a>>,
    node: Node<'a>,
    plain: bool,
    findings: &mut Vec<Finding>,
) {
    match stack.last_mut() {
        None => *root = Some(node),
        Some(Open::Seq(items, ..)) => items.push(node),
        Some(Open::Map(entries, key, ..)) => match key.take() {
            None => {
                let merge = plain && node.scalar() == Some("<<");
                if merge {
                    findings.push(Finding::MergeKey { span: node.span });
                }
                *key = Some((node, merge));
            }
            Some((k, merge)) => {
                if plain
                    && let Some(hash) = comment_after(source, node.span.end)
                    && let Some(field) = k.scalar()
                {
                    let line = &source[hash..];
                    let end = hash + line.find('\n').unwrap_or(line.len());
                    let end = hash + source[hash..end].trim_end().len();
                    findings.push(Finding::Comment {
                        key: field.to_string(),
                        span: span_near(source, node.span, hash, end),
                    });
                }
                if !merge {
                    entries.push((k, node));
                }
            }
        },
    }
}

/// The finding for a tag on the node at `at`, written after `after`.
fn tag_finding(source: &str, after: usize, at: Span, tag: &Tag) -> Finding {
    let (start, end) = find_tag(source, after, at.start).unwrap_or((at.start, at.end));
    let written = source.get(start..end).filter(|t| t.starts_with('!'));
    Finding::Tag {
        tag: written.map_or_else(
            || format!("{}{}", tag.original_handle(), tag.suffix()),
            str::to_string,
        ),
        span: span_near(source, at, start, end),
    }
}

/// Parse one YAML document. An empty document gives a `Null` node.
pub fn parse(source: &str) -> Result<Node<'_>, ParseError> {
    parse_document(source).map(|d| d.root)
}

/// Parse one YAML document, with what it says that YAML reads differently from how it looks.
pub fn parse_document(source: &str) -> Result<Document<'_>, ParseError> {
    let fail = |message: String, span: Span| Err(ParseError::new(message, span));
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let mut nodes = 0usize;
    let mut aliases = 0usize;
    let mut anchors: HashMap<usize, (Node, usize, usize)> = HashMap::new();
    let mut findings = Vec::new();
    // Where the previous event ended: a node's tag is written between it and the node.
    let mut prev_end = 0;

    for event in Parser::new_from_str(source) {
        let (event, sp) = event.map_err(|e| scan_error(&e, source))?;
        let at = span(&sp);
        let after = std::mem::replace(&mut prev_end, at.end);
        if let Event::Scalar(.., Some(tag))
        | Event::SequenceStart(.., Some(tag))
        | Event::MappingStart(.., Some(tag)) = &event
        {
            findings.push(tag_finding(source, after, at, tag));
        }
        let mut plain = false;
        // A finished node, and the anchor it defines (0 for none).
        let (node, anchor) = match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return fail(
                        "a second YAML document (`---`); an annotation file holds one".into(),
                        at,
                    );
                }
                continue;
            }
            Event::Scalar(text, style, anchor, _) => {
                plain = style == ScalarStyle::Plain;
                let kind = if style == ScalarStyle::Plain && is_null(&text) {
                    NodeKind::Null
                } else {
                    NodeKind::Scalar(text)
                };
                (Node { kind, span: at }, anchor)
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return fail(
                        format!("mappings and lists nest deeper than {MAX_DEPTH} levels"),
                        at,
                    );
                }
                nodes += 1;
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq(Vec::new(), at, anchor)
                } else {
                    Open::Map(Vec::new(), None, at, anchor)
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq(items, at, anchor)) => (
                    Node {
                        kind: NodeKind::Seq(items),
                        span: at,
                    },
                    anchor,
                ),
                Some(Open::Map(entries, _, at, anchor)) => (
                    Node {
                        kind: NodeKind::Map(entries),
                        span: at,
                    },
                    anchor,
                ),
                None => continue,
            },
            Event::Alias(id) => {
                aliases += 1;
                if aliases > MAX_ALIASES {
                    return fail(format!("more than {MAX_ALIASES} aliases"), at);
                }
                let Some((target, size, height)) = anchors.get(&id) else {
                    return fail("an alias to an unknown anchor".into(), at);
                };
                if stack.len() + height > MAX_DEPTH {
                    return fail(
                        format!("mappings and lists nest deeper than {MAX_DEPTH} levels"),
                        at,
                    );
                }
                // The copy's nodes count, less the one counted below for every node.
                nodes += size - 1;
                if nodes > MAX_NODES {
                    return fail(
                        format!("aliases expand the document past {MAX_NODES} nodes"),
                        at,
                    );
                }
                let mut copy = target.clone();
                copy.span = at;
                (copy, 0)
            }
            _ => continue,
        };
        if !matches!(node.kind, NodeKind::Seq(_) | NodeKind::Map(_)) {
            nodes += 1; // collections were counted at their start
        }
        if nodes > MAX_NODES {
            return fail(format!("more than {MAX_NODES} nodes"), at);
        }
        if anchor != 0 {
            let (size, height) = measure(&node);
            anchors.insert(anchor, (node.clone(), size, height));
        }
        place(source, &mut stack, &mut root, node, plain, &mut findings);
    }
    let root = root.unwrap_or(Node {
        kind: NodeKind::Null,
        span: Span::FILE,
    });
    Ok(Document { root, findings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_get<'a, 'b>(n: &'a Node<'b>, key: &str) -> &'a Node<'b> {
        match &n.kind {
            NodeKind::Map(es) => &es.iter().find(|(k, _)| k.scalar() == Some(key)).unwrap().1,
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn spans_and_scalar_text() {
        let src = "a: 2009\nb:\n  - x: -2\n    y: 'q'\n    n: ~\n    é: \"z\"\n";
        let n = parse(src).unwrap();
        let a = map_get(&n, "a");
        assert_eq!((a.span.line, a.span.col), (1, 4));
        assert_eq!(a.scalar(), Some("2009"));
        assert_eq!(&src[a.span.start..a.span.end], "2009");
        let NodeKind::Seq(items) = &map_get(&n, "b").kind else {
            panic!()
        };
        let x = map_get(&items[0], "x");
        assert_eq!((x.span.line, x.span.col), (3, 8));
        assert_eq!(x.scalar(), Some("-2"));
        assert_eq!(map_get(&items[0], "y").scalar(), Some("q"));
        assert_eq!(map_get(&items[0], "n").kind, NodeKind::Null);
        let z = map_get(&items[0], "é");
        assert_eq!((z.span.line, z.span.col), (6, 8));
        assert_eq!(&src[z.span.start..z.span.end], "\"z\"");
    }

    #[test]
    fn quoted_null_is_text() {
        let n = parse("a: 'null'\nb: null\nc:\n").unwrap();
        assert_eq!(map_get(&n, "a").scalar(), Some("null"));
        assert_eq!(map_get(&n, "b").kind, NodeKind::Null);
        assert_eq!(map_get(&n, "c").kind, NodeKind::Null);
    }

    #[test]
    fn aliases_copy_their_anchor() {
        let n = parse("a: &x [1, 2]\nb: *x\n").unwrap();
        assert_eq!(map_get(&n, "a").kind, map_get(&n, "b").kind);
    }

    #[test]
    fn empty_document_is_null() {
        assert_eq!(parse("").unwrap().kind, NodeKind::Null);
        assert_eq!(parse("# comment\n").unwrap().kind, NodeKind::Null);
    }

    #[test]
    fn syntax_error_is_located() {
        let e = parse("a: 1\nb: [1, 2\n").unwrap_err();
        assert!(e.span.line >= 2, "{e:?}");
        assert!(!e.message.is_empty());
    }

    #[test]
    fn second_document_is_refused() {
        let e = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(e.span.line, 2);
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        // Flow nesting: the parser's own limit speaks first.
        for src in ["{a: ".repeat(100_000), "[".repeat(100_000)] {
            let e = parse(&src).unwrap_err();
            assert_eq!(e.message, "recursion limit exceeded");
        }
        // Block nesting: ours.
        let src: String = (0..40).map(|i| format!("{}a:\n", "  ".repeat(i))).collect();
        let e = parse(&src).unwrap_err();
        assert_eq!(e.message, "mappings and lists nest deeper than 32 levels");
        assert_eq!(e.span.line, 33);
    }

    #[test]
    fn aliases_cannot_nest_past_the_depth_limit() {
        let mut src = String::from("a0: &a0 [[[[[[[[[[x]]]]]]]]]]\n");
        for i in 1..10 {
            src.push_str(&format!("a{i}: &a{i} [[[[[[[[[[*a{}]]]]]]]]]]\n", i - 1));
        }
        let e = parse(&src).unwrap_err();
        assert_eq!(e.message, "mappings and lists nest deeper than 32 levels");
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..20 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            src.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let e = parse(&src).unwrap_err();
        assert!(e.message.contains("nodes"), "{e:?}");
    }

    #[test]
    fn findings_are_located() {
        let src = "a: &x !t # wow! here\n  b: 1\n<<: *x\nc: plain # rest\nd: 'q' # fine\n";
        let doc = parse_document(src).unwrap();
        let places: Vec<_> = doc
            .findings
            .iter()
            .map(|f| match f {
                Finding::Tag { tag, span } => (tag.clone(), span.line, span.col),
                Finding::MergeKey { span } => ("<<".into(), span.line, span.col),
                Finding::Comment { key, span } => (format!("{key} #"), span.line, span.col),
            })
            .collect();
        assert_eq!(
            places,
            [
                ("!t".to_string(), 1, 7),
                ("<<".to_string(), 3, 1),
                ("c #".to_string(), 4, 10),
            ]
        );
        // The merge key's entry is left out.
        let NodeKind::Map(entries) = &doc.root.kind else {
            panic!()
        };
        let keys: Vec<_> = entries.iter().map(|(k, _)| k.scalar().unwrap()).collect();
        assert_eq!(keys, ["a", "c", "d"]);
    }

    #[test]
    fn a_tab_error_points_at_the_tab() {
        let e = parse("a:\n  b: x\n\tc: y\n").unwrap_err();
        assert_eq!((e.span.line, e.span.col, e.span.start), (3, 1, 10));
        assert_eq!(e.message, "a tab is used for indentation");
    }
}
