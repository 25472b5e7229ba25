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

use crate::diagnostic::Span;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, ScanError};
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
    pub kind: Kind<'a>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'a> {
    /// An empty value, `~` or `null`.
    Null,
    /// Any other scalar, as text: `2009` stays `2009`, `-2` stays `-2`. Borrowed from the
    /// source where the text is written as it reads.
    Scalar(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl Kind<'_> {
    /// What the node is, for messages: `a list`, `a mapping`, ...
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Null => "nothing",
            Kind::Scalar(_) => "a single value",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }
}

impl Node<'_> {
    /// The text of a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// Why a YAML text did not parse.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
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
    ParseError {
        message: e.info().to_string(),
        span: Span::from_range(source, at, at),
    }
}

/// A collection being read.
enum Frame<'a> {
    Seq(Vec<Node<'a>>, Span, usize),
    Map(Vec<(Node<'a>, Node<'a>)>, Option<Node<'a>>, Span, usize),
}

/// The number of nodes in a tree and its height (a scalar is 1 and 0). The tree is at most
/// `MAX_DEPTH` deep, so the recursion is bounded.
fn measure(node: &Node) -> (usize, usize) {
    let children: Vec<&Node> = match &node.kind {
        Kind::Seq(items) => items.iter().collect(),
        Kind::Map(entries) => entries.iter().flat_map(|(k, v)| [k, v]).collect(),
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

/// Parse one YAML document. An empty document gives a `Null` node.
pub fn parse(source: &str) -> Result<Node<'_>, ParseError> {
    let fail = |message: String, span: Span| Err(ParseError { message, span });
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let mut nodes = 0usize;
    let mut aliases = 0usize;
    let mut anchors: HashMap<usize, (Node, usize, usize)> = HashMap::new();

    for event in Parser::new_from_str(source) {
        let (event, sp) = event.map_err(|e| scan_error(&e, source))?;
        let at = span(&sp);
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
            Event::Scalar(text, style, anchor, _tag) => {
                let kind = if style == ScalarStyle::Plain && is_null(&text) {
                    Kind::Null
                } else {
                    Kind::Scalar(text)
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
                    Frame::Seq(Vec::new(), at, anchor)
                } else {
                    Frame::Map(Vec::new(), None, at, anchor)
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(items, at, anchor)) => (
                    Node {
                        kind: Kind::Seq(items),
                        span: at,
                    },
                    anchor,
                ),
                Some(Frame::Map(entries, _, at, anchor)) => (
                    Node {
                        kind: Kind::Map(entries),
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
        if !matches!(node.kind, Kind::Seq(_) | Kind::Map(_)) {
            nodes += 1; // collections were counted at their start
        }
        if nodes > MAX_NODES {
            return fail(format!("more than {MAX_NODES} nodes"), at);
        }
        if anchor != 0 {
            let (size, height) = measure(&node);
            anchors.insert(anchor, (node.clone(), size, height));
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(items, ..)) => items.push(node),
            Some(Frame::Map(entries, key, ..)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
    Ok(root.unwrap_or(Node {
        kind: Kind::Null,
        span: Span::FILE,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_get<'a, 'b>(n: &'a Node<'b>, key: &str) -> &'a Node<'b> {
        match &n.kind {
            Kind::Map(es) => &es.iter().find(|(k, _)| k.scalar() == Some(key)).unwrap().1,
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
        let Kind::Seq(items) = &map_get(&n, "b").kind else {
            panic!()
        };
        let x = map_get(&items[0], "x");
        assert_eq!((x.span.line, x.span.col), (3, 8));
        assert_eq!(x.scalar(), Some("-2"));
        assert_eq!(map_get(&items[0], "y").scalar(), Some("q"));
        assert_eq!(map_get(&items[0], "n").kind, Kind::Null);
        let z = map_get(&items[0], "é");
        assert_eq!((z.span.line, z.span.col), (6, 8));
        assert_eq!(&src[z.span.start..z.span.end], "\"z\"");
    }

    #[test]
    fn quoted_null_is_text() {
        let n = parse("a: 'null'\nb: null\nc:\n").unwrap();
        assert_eq!(map_get(&n, "a").scalar(), Some("null"));
        assert_eq!(map_get(&n, "b").kind, Kind::Null);
        assert_eq!(map_get(&n, "c").kind, Kind::Null);
    }

    #[test]
    fn aliases_copy_their_anchor() {
        let n = parse("a: &x [1, 2]\nb: *x\n").unwrap();
        assert_eq!(map_get(&n, "a").kind, map_get(&n, "b").kind);
    }

    #[test]
    fn empty_document_is_null() {
        assert_eq!(parse("").unwrap().kind, Kind::Null);
        assert_eq!(parse("# comment\n").unwrap().kind, Kind::Null);
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
}
