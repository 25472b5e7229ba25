//! The on-disk format as raw, located values: what the YAML says, before any meaning is checked.
//!
//! Reading a file's node tree into these types reports every unknown field, missing field and
//! wrong type at its own place, and keeps going, so one run shows all of a file's problems.

use super::node::{Node, NodeKind};
use super::problem::{Found, Problem};
use crate::diagnostic::{Diagnostic, Span};
use crate::words::suggest;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct RawCodebook<'a> {
    pub question: Option<Spanned<&'a str>>,
    pub stances: Vec<RawStance<'a>>,
    pub parties: Vec<RawParty<'a>>,
    pub speakers: Vec<RawSpeaker<'a>>,
    pub check: Option<RawCheck<'a>>,
}

/// The codebook's `check:` settings: kinds of warning (or `warnings`) to allow and to deny.
#[derive(Debug, Clone, Default)]
pub struct RawCheck<'a> {
    pub allow: Vec<Spanned<&'a str>>,
    pub deny: Vec<Spanned<&'a str>>,
}

#[derive(Debug, Clone)]
pub struct RawStance<'a> {
    pub span: Span,
    pub id: Option<Spanned<&'a str>>,
    pub label: Option<Spanned<&'a str>>,
    pub score: Option<Spanned<f64>>,
    pub short: Option<Spanned<&'a str>>,
    pub color: Option<Spanned<&'a str>>,
    pub description: Option<Spanned<&'a str>>,
}

#[derive(Debug, Clone)]
pub struct RawParty<'a> {
    pub span: Span,
    pub id: Option<Spanned<&'a str>>,
    pub name: Option<Spanned<&'a str>>,
    pub short: Option<Spanned<&'a str>>,
    pub aliases: Vec<Spanned<&'a str>>,
    pub color: Option<Spanned<&'a str>>,
}

#[derive(Debug, Clone)]
pub struct RawSpeaker<'a> {
    pub span: Span,
    pub name: Option<Spanned<&'a str>>,
    pub party: Option<Spanned<&'a str>>,
    pub role: Option<Spanned<&'a str>>,
    pub from: Option<Spanned<&'a str>>,
    pub to: Option<Spanned<&'a str>>,
}

#[derive(Debug, Clone, Default)]
pub struct RawArticleFile<'a> {
    pub article: Option<RawArticle<'a>>,
    pub positions: Vec<RawPosition<'a>>,
}

#[derive(Debug, Clone)]
pub struct RawArticle<'a> {
    pub span: Span,
    pub id: Option<Spanned<&'a str>>,
    pub title: Option<Spanned<&'a str>>,
    pub outlet: Option<Spanned<&'a str>>,
    pub author: Option<Spanned<&'a str>>,
    pub published: Option<Spanned<&'a str>>,
    pub url: Option<Spanned<&'a str>>,
    pub source: Option<Spanned<&'a str>>,
    pub annotator: Option<Spanned<&'a str>>,
    pub note: Option<Spanned<&'a str>>,
}

#[derive(Debug, Clone)]
pub struct RawPosition<'a> {
    /// Its place (0-based) in the file's `positions` list.
    pub index: usize,
    pub span: Span,
    pub speaker: Option<Spanned<&'a str>>,
    pub party: Option<Spanned<&'a str>>,
    pub stance: Option<Spanned<&'a str>>,
    pub held: Option<Spanned<&'a str>>,
    pub basis: Option<Spanned<&'a str>>,
    pub quote: Option<Spanned<&'a str>>,
    pub conditions: Option<Spanned<&'a str>>,
    pub confidence: Option<Spanned<&'a str>>,
    pub note: Option<Spanned<&'a str>>,
}

/// Reads node trees of one file into raw types, collecting diagnostics.
pub struct Reader<'a> {
    pub file: &'a str,
    pub diagnostics: Vec<Diagnostic>,
}

/// The fields of one mapping, after unknown fields were reported.
pub struct Fields<'n> {
    entries: Vec<(&'n str, &'n Node<'n>)>,
    pub span: Span,
}

impl<'n> Fields<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, n)| *n)
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a str) -> Self {
        Reader {
            file,
            diagnostics: Vec::new(),
        }
    }

    fn report(&mut self, span: Span, problem: Problem) {
        self.diagnostics.push(problem.at(self.file, span));
    }

    /// Check that `node` is a mapping with only `known` fields and all `required` ones.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node<'n>,
        what: &str,
        known: &[&str],
        required: &[&str],
    ) -> Option<Fields<'n>> {
        let NodeKind::Map(entries) = &node.kind else {
            let found = found(node);
            let fields = known;
            self.report(
                node.span,
                Problem::NotAMapping {
                    what,
                    found,
                    fields,
                },
            );
            return None;
        };
        let mut fields = Fields {
            entries: Vec::with_capacity(entries.len()),
            span: node.span,
        };
        for (k, v) in entries {
            let Some(key) = k.scalar() else {
                let found = k.kind.describe();
                let fields = known;
                self.report(
                    k.span,
                    Problem::KeyNotAName {
                        what,
                        found,
                        fields,
                    },
                );
                continue;
            };
            if let Some((_, first)) = fields.entries.iter().find(|(f, _)| *f == key) {
                let first = first.span;
                self.report(k.span, Problem::DuplicateField { what, key, first });
            } else if known.contains(&key) {
                fields.entries.push((key, v));
            } else {
                let suggestion = suggest(key, known.iter().copied());
                let fields = known;
                let problem = Problem::UnknownField {
                    what,
                    key,
                    suggestion,
                    fields,
                };
                self.report(k.span, problem);
            }
        }
        for key in required {
            if fields.get(key).is_none() {
                self.report(node.span, Problem::MissingField { what, key });
            }
        }
        Some(fields)
    }

    /// A text field; an empty value is `None`.
    pub fn string<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        what: &str,
    ) -> Option<Spanned<&'n str>> {
        let node = fields.get(key)?;
        match &node.kind {
            NodeKind::Null => None,
            NodeKind::Scalar(s) if s.trim().is_empty() => None,
            NodeKind::Seq(_) | NodeKind::Map(_) => {
                let found = node.kind.describe();
                self.report(node.span, Problem::NotText { what, key, found });
                None
            }
            NodeKind::Scalar(s) => Some(Spanned {
                value: s.trim(),
                span: node.span,
            }),
        }
    }

    /// A text field that may be left out but is refused empty: an empty value is kept, as `""`,
    /// for validation to say so.
    pub fn string_or_empty<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        what: &str,
    ) -> Option<Spanned<&'n str>> {
        let node = fields.get(key)?;
        match &node.kind {
            NodeKind::Scalar(s) if !s.trim().is_empty() => self.string(fields, key, what),
            NodeKind::Null | NodeKind::Scalar(_) => Some(Spanned {
                value: "",
                span: node.span,
            }),
            _ => self.string(fields, key, what),
        }
    }

    /// A text field that must be given and not empty.
    pub fn required_string<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        what: &str,
    ) -> Option<Spanned<&'n str>> {
        let value = self.string(fields, key, what);
        if value.is_none()
            && let Some(node) = fields.get(key)
            && matches!(node.kind, NodeKind::Null | NodeKind::Scalar(_))
        {
            self.report(node.span, Problem::EmptyField { what, key });
        }
        value
    }

    /// A number field.
    pub fn number(&mut self, fields: &Fields, key: &str, what: &str) -> Option<Spanned<f64>> {
        let node = fields.get(key)?;
        match &node.kind {
            NodeKind::Null => None,
            NodeKind::Scalar(s) if s.trim().parse::<f64>().is_ok_and(f64::is_finite) => {
                Some(Spanned {
                    value: s.trim().parse().expect("checked"),
                    span: node.span,
                })
            }
            _ => {
                let found = found(node);
                self.report(node.span, Problem::NotANumber { what, key, found });
                None
            }
        }
    }

    /// A list of text values; a single text is taken as a list of one.
    pub fn string_list<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        what: &str,
    ) -> Vec<Spanned<&'n str>> {
        let Some(node) = fields.get(key) else {
            return Vec::new();
        };
        let items: Vec<&Node> = match &node.kind {
            NodeKind::Null => return Vec::new(),
            NodeKind::Seq(items) => items.iter().collect(),
            NodeKind::Map(_) => {
                self.report(node.span, Problem::TextListIsAMapping { what, key });
                return Vec::new();
            }
            _ => vec![node],
        };
        let mut out = Vec::new();
        for item in items {
            match (&item.kind, item.scalar()) {
                (NodeKind::Seq(_) | NodeKind::Map(_), _) | (_, None) => {
                    let found = item.kind.describe();
                    self.report(item.span, Problem::ListItemNotText { what, key, found });
                }
                (_, Some(text)) => out.push(Spanned {
                    value: text.trim(),
                    span: item.span,
                }),
            }
        }
        out
    }

    /// The items of a list field.
    pub fn list<'n>(&mut self, fields: &Fields<'n>, key: &str, what: &str) -> Vec<&'n Node<'n>> {
        let Some(node) = fields.get(key) else {
            return Vec::new();
        };
        match &node.kind {
            NodeKind::Null => Vec::new(),
            NodeKind::Seq(items) => items.iter().collect(),
            _ => {
                let found = node.kind.describe();
                self.report(node.span, Problem::NotAList { what, key, found });
                Vec::new()
            }
        }
    }
}

/// A value that is not what was expected, as messages name it: a scalar by its text.
fn found<'n>(node: &'n Node) -> Found<'n> {
    match node.scalar() {
        Some(t) => Found::Text(t),
        None => Found::Kind(node.kind.describe()),
    }
}

pub const CODEBOOK_FIELDS: &[&str] = &["question", "stances", "parties", "speakers", "check"];
pub const CHECK_FIELDS: &[&str] = &["allow", "deny"];
pub const STANCE_FIELDS: &[&str] = &["id", "label", "short", "score", "color", "description"];
pub const PARTY_FIELDS: &[&str] = &["id", "name", "short", "aliases", "color"];
pub const SPEAKER_FIELDS: &[&str] = &["name", "party", "role", "from", "to"];
pub const FILE_FIELDS: &[&str] = &["article", "positions"];
pub const ARTICLE_FIELDS: &[&str] = &[
    "id",
    "title",
    "outlet",
    "author",
    "published",
    "url",
    "source",
    "annotator",
    "note",
];
pub const POSITION_FIELDS: &[&str] = &[
    "speaker",
    "party",
    "stance",
    "held",
    "basis",
    "quote",
    "conditions",
    "confidence",
    "note",
];

/// Read a codebook's node tree.
pub fn read_codebook<'n>(r: &mut Reader, root: &'n Node<'n>) -> RawCodebook<'n> {
    let mut cb = RawCodebook::default();
    let what = "the codebook";
    let required = ["question", "stances", "parties"];
    let Some(f) = r.fields(root, what, CODEBOOK_FIELDS, &required) else {
        return cb;
    };
    cb.question = r.required_string(&f, "question", what);
    for (key, problem) in [
        ("stances", Problem::NoStances),
        ("parties", Problem::NoParties),
    ] {
        if let Some(node) = f.get(key)
            && match &node.kind {
                NodeKind::Null => true,
                NodeKind::Seq(items) => items.is_empty(),
                _ => false,
            }
        {
            r.report(node.span, problem);
        }
    }
    let items = |r: &mut Reader, key| r.list(&f, key, what).into_iter().enumerate();
    cb.stances = items(r, "stances")
        .filter_map(|(i, node)| read_stance(r, node, i))
        .collect();
    cb.parties = items(r, "parties")
        .filter_map(|(i, node)| read_party(r, node, i))
        .collect();
    cb.speakers = items(r, "speakers")
        .filter_map(|(i, node)| read_speaker(r, node, i))
        .collect();
    cb.check = f.get("check").and_then(|node| read_check(r, node));
    cb
}

/// The codebook's `check:` settings; left empty (`check:`), none.
fn read_check<'n>(r: &mut Reader, node: &'n Node<'n>) -> Option<RawCheck<'n>> {
    if matches!(node.kind, NodeKind::Null) {
        return None;
    }
    let what = "the check settings";
    let c = r.fields(node, what, CHECK_FIELDS, &[])?;
    Some(RawCheck {
        allow: r.string_list(&c, "allow", what),
        deny: r.string_list(&c, "deny", what),
    })
}

/// The `i`th (0-based) entry of the codebook's `stances`.
fn read_stance<'n>(r: &mut Reader, node: &'n Node<'n>, i: usize) -> Option<RawStance<'n>> {
    let what = &format!("stance {}", i + 1);
    let s = r.fields(node, what, STANCE_FIELDS, &["id", "label"])?;
    Some(RawStance {
        span: node.span,
        id: r.required_string(&s, "id", what),
        label: r.required_string(&s, "label", what),
        short: r.string_or_empty(&s, "short", what),
        score: r.number(&s, "score", what),
        color: r.string(&s, "color", what),
        description: r.string(&s, "description", what),
    })
}

/// The `i`th (0-based) entry of the codebook's `parties`.
fn read_party<'n>(r: &mut Reader, node: &'n Node<'n>, i: usize) -> Option<RawParty<'n>> {
    let what = &format!("party {}", i + 1);
    let p = r.fields(node, what, PARTY_FIELDS, &["id", "name"])?;
    Some(RawParty {
        span: node.span,
        id: r.required_string(&p, "id", what),
        name: r.required_string(&p, "name", what),
        short: r.string_or_empty(&p, "short", what),
        aliases: r.string_list(&p, "aliases", what),
        color: r.string(&p, "color", what),
    })
}

/// The `i`th (0-based) entry of the codebook's `speakers`.
fn read_speaker<'n>(r: &mut Reader, node: &'n Node<'n>, i: usize) -> Option<RawSpeaker<'n>> {
    let what = &format!("speaker {}", i + 1);
    let s = r.fields(node, what, SPEAKER_FIELDS, &["name", "party"])?;
    Some(RawSpeaker {
        span: node.span,
        name: r.required_string(&s, "name", what),
        party: r.required_string(&s, "party", what),
        role: r.string(&s, "role", what),
        from: r.string(&s, "from", what),
        to: r.string(&s, "to", what),
    })
}

/// Read an article file's node tree.
pub fn read_article_file<'n>(r: &mut Reader, root: &'n Node<'n>) -> RawArticleFile<'n> {
    let mut out = RawArticleFile::default();
    let what = "an article file";
    let required = ["article", "positions"];
    let Some(f) = r.fields(root, what, FILE_FIELDS, &required) else {
        return out;
    };
    out.article = f.get("article").and_then(|node| read_article(r, node));
    out.positions = r
        .list(&f, "positions", what)
        .into_iter()
        .enumerate()
        .filter_map(|(i, node)| read_position(r, node, i))
        .collect();
    out
}

fn read_article<'n>(r: &mut Reader, node: &'n Node<'n>) -> Option<RawArticle<'n>> {
    let what = "the article";
    let required = ["title", "outlet", "published"];
    let a = r.fields(node, what, ARTICLE_FIELDS, &required)?;
    Some(RawArticle {
        span: node.span,
        id: r.string(&a, "id", what),
        title: r.required_string(&a, "title", what),
        outlet: r.required_string(&a, "outlet", what),
        author: r.string(&a, "author", what),
        published: r.required_string(&a, "published", what),
        url: r.string(&a, "url", what),
        source: r.string(&a, "source", what),
        annotator: r.string(&a, "annotator", what),
        note: r.string(&a, "note", what),
    })
}

/// The `i`th (0-based) entry of the file's `positions`.
fn read_position<'n>(r: &mut Reader, node: &'n Node<'n>, i: usize) -> Option<RawPosition<'n>> {
    let what = &format!("position {}", i + 1);
    let p = r.fields(node, what, POSITION_FIELDS, &["stance", "basis"])?;
    Some(RawPosition {
        index: i,
        span: node.span,
        speaker: r.string(&p, "speaker", what),
        party: r.string(&p, "party", what),
        stance: r.required_string(&p, "stance", what),
        held: r.string_or_empty(&p, "held", what),
        basis: r.required_string(&p, "basis", what),
        quote: r.string(&p, "quote", what),
        conditions: r.string(&p, "conditions", what),
        confidence: r.string(&p, "confidence", what),
        note: r.string(&p, "note", what),
    })
}
