//! A YAML document as a tree of nodes, each with its place in the file.
//!
//! serde-saphyr parses the text; every node is wrapped in its `Spanned` location and kept as
//! a small tree so that `raw` can report every unknown field, missing field and wrong type in
//! a file in one run, each at its own line and column, instead of stopping at the first.

use crate::diagnostic::Span;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, Options, Spanned};
use std::fmt;

/// A YAML node and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Kind {
    /// What the node is, for messages: `a list`, `a mapping`, ...
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Null => "nothing",
            Kind::Bool(_) => "a boolean",
            Kind::Int(_) => "a number",
            Kind::Float(_) => "a number",
            Kind::Str(_) => "a string",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }
}

/// The YAML budget: generous for any hand-written annotation file, and a firm stop for alias
/// bombs and deep nesting.
pub fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = 32;
    budget.max_nodes = 1_000_000;
    budget.max_events = 4_000_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_documents = 1;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 10_000;
    options.alias_limits.max_alias_expansions_per_anchor = 100;
    options.with_snippet = false;
    options
}

/// Why a YAML text did not parse.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

/// Parse one YAML document.
pub fn parse(source: &str) -> Result<Node, ParseError> {
    let parsed: Result<Spanned<Kind>, _> = serde_saphyr::from_str_with_options(source, options());
    match parsed {
        Ok(s) => Ok(pending(s)),
        Err(e) => {
            let span = e
                .location()
                .map(|l| location_span(&l, source))
                .unwrap_or(Span::FILE);
            let mut message = e.to_string();
            // The location is reported separately; keep only the message itself.
            let prefix = format!("line {} column {}: ", span.line, span.col);
            for p in ["error: ", prefix.as_str()] {
                if let Some(rest) = message.strip_prefix(p) {
                    message = rest.to_string();
                }
            }
            if let Some(i) = message.find(" at line ") {
                message.truncate(i);
            }
            if let Some(i) = message.find(", set DuplicateKeyPolicy") {
                message.truncate(i);
            }
            Err(ParseError { message, span })
        }
    }
}

fn location_span(l: &serde_saphyr::Location, source: &str) -> Span {
    let s = l.span();
    match (s.byte_offset(), s.byte_len()) {
        (Some(off), Some(len)) => {
            let start = off as usize;
            Span::from_range(source, start, start + len as usize)
        }
        _ => Span {
            line: l.line().max(1) as usize,
            col: l.column().max(1) as usize,
            start: 0,
            end: 0,
        },
    }
}

impl Node {
    /// The text of a scalar as written: `2009` stays `2009`, `-2` stays `-2`.
    pub fn scalar_text<'a>(&'a self, source: &'a str) -> Option<&'a str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            Kind::Int(_) | Kind::Float(_) | Kind::Bool(_) => {
                source.get(self.span.start..self.span.end)
            }
            _ => None,
        }
    }
}

// Deserializing builds `Kind`s; each child is read as saphyr's `Spanned<Kind>` and turned into
// a `Node` with our `Span` at once.
impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }
    fn visit_none<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
        Kind::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Kind, E> {
        Ok(Kind::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Kind, E> {
        Ok(Kind::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Kind, E> {
        Ok(i64::try_from(v).map_or(Kind::Float(v as f64), Kind::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Kind, E> {
        Ok(Kind::Float(v as f64))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Kind, E> {
        Ok(Kind::Float(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Kind, E> {
        Ok(Kind::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Kind, E> {
        Ok(Kind::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Kind, E> {
        Ok(Kind::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Kind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = a.next_element::<Spanned<Kind>>()? {
            items.push(pending(item));
        }
        Ok(Kind::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Kind, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = a.next_entry::<Spanned<Kind>, Spanned<Kind>>()? {
            entries.push((pending(k), pending(v)));
        }
        Ok(Kind::Map(entries))
    }
}

/// A node straight from the parser, with saphyr's line, column (1-based, in characters, like
/// ours) and byte range.
fn pending(s: Spanned<Kind>) -> Node {
    let l = s.referenced;
    let sp = l.span();
    let (start, len) = match (sp.byte_offset(), sp.byte_len()) {
        (Some(o), Some(n)) => (o as usize, n as usize),
        _ => (0, 0),
    };
    Node {
        kind: s.value,
        span: Span {
            line: l.line().max(1) as usize,
            col: l.column().max(1) as usize,
            start,
            end: start + len,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_get<'a>(n: &'a Node, key: &str) -> &'a Node {
        match &n.kind {
            Kind::Map(es) => {
                &es.iter()
                    .find(|(k, _)| k.kind == Kind::Str(key.into()))
                    .unwrap()
                    .1
            }
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn spans_and_scalar_text() {
        let src = "a: 2009\nb:\n  - x: -2\n    z: 'q'\n";
        let n = parse(src).unwrap();
        let a = map_get(&n, "a");
        assert_eq!((a.span.line, a.span.col), (1, 4));
        assert_eq!(a.scalar_text(src), Some("2009"));
        let Kind::Seq(items) = &map_get(&n, "b").kind else {
            panic!()
        };
        let x = map_get(&items[0], "x");
        assert_eq!((x.span.line, x.span.col), (3, 8));
        assert_eq!(x.scalar_text(src), Some("-2"));
        assert_eq!(map_get(&items[0], "z").kind, Kind::Str("q".into()));
    }

    #[test]
    fn syntax_error_is_located() {
        let e = parse("a: 1\nb: [1, 2\n").unwrap_err();
        assert!(e.span.line >= 2, "{e:?}");
        assert!(!e.message.is_empty());
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let src = "{a: ".repeat(100_000);
        assert!(parse(&src).is_err());
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
        assert!(parse(&src).is_err());
    }
}
