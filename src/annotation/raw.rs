//! The on-disk format as raw, located values: what the YAML says, before any meaning is checked.
//!
//! Reading a file's node tree into these types reports every unknown field, missing field and
//! wrong type at its own place, and keeps going, so one run shows all of a file's problems.

use super::node::{Kind, Node};
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
}

#[derive(Debug, Clone)]
pub struct RawStance<'a> {
    pub span: Span,
    pub id: Option<Spanned<&'a str>>,
    pub label: Option<Spanned<&'a str>>,
    pub score: Option<Spanned<f64>>,
    pub color: Option<Spanned<&'a str>>,
    pub description: Option<Spanned<&'a str>>,
}

#[derive(Debug, Clone)]
pub struct RawParty<'a> {
    pub span: Span,
    pub id: Option<Spanned<&'a str>>,
    pub name: Option<Spanned<&'a str>>,
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

    fn error(&mut self, span: Span, message: String) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::error(self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Check that `node` is a mapping with only `known` fields and all `required` ones.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node<'n>,
        what: &str,
        known: &[&str],
        required: &[&str],
    ) -> Option<Fields<'n>> {
        let Kind::Map(entries) = &node.kind else {
            let found = describe_value(node);
            self.error(
                node.span,
                format!("expected {what} (a mapping of fields), found {found}"),
            )
            .help = vec![format!("{what} has the fields: {}", known.join(", "))];
            return None;
        };
        let mut fields = Fields {
            entries: Vec::with_capacity(entries.len()),
            span: node.span,
        };
        for (k, v) in entries {
            let Some(key) = k.scalar() else {
                let found = k.kind.describe();
                self.error(
                    k.span,
                    format!("a key in {what} must be a field name, found {found}"),
                )
                .help = vec![format!("{what} has the fields: {}", known.join(", "))];
                continue;
            };
            if let Some((_, first)) = fields.entries.iter().find(|(f, _)| *f == key) {
                let first = first.span;
                self.error(k.span, format!("duplicate field `{key}` in {what}"))
                    .help = vec![format!("give `{key}` once")];
                let d = self.diagnostics.last_mut().expect("just pushed");
                d.related.push(crate::diagnostic::Related {
                    file: self.file.to_string(),
                    span: first,
                    label: "first value here".into(),
                });
            } else if known.contains(&key) {
                fields.entries.push((key, v));
            } else {
                let help = match suggest(key, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("{what} has the fields: {}", known.join(", ")),
                };
                self.error(k.span, format!("unknown field `{key}` in {what}"))
                    .help = vec![help];
            }
        }
        for r in required {
            if fields.get(r).is_none() {
                self.error(node.span, format!("missing field `{r}` in {what}"))
                    .help = vec![format!("add `{r}:` to {what}")];
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
            Kind::Null => None,
            Kind::Scalar(s) if s.trim().is_empty() => None,
            Kind::Seq(_) | Kind::Map(_) => {
                let found = node.kind.describe();
                self.error(
                    node.span,
                    format!("`{key}` in {what} must be text, found {found}"),
                )
                .help = vec![format!("write `{key}: some text` on one line")];
                None
            }
            Kind::Scalar(s) => Some(Spanned {
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
            Kind::Scalar(s) if !s.trim().is_empty() => self.string(fields, key, what),
            Kind::Null | Kind::Scalar(_) => Some(Spanned {
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
            && matches!(node.kind, Kind::Null | Kind::Scalar(_))
        {
            self.error(node.span, format!("`{key}` in {what} is empty"))
                .help = vec![format!("give `{key}` a value")];
        }
        value
    }

    /// A number field.
    pub fn number(&mut self, fields: &Fields, key: &str, what: &str) -> Option<Spanned<f64>> {
        let node = fields.get(key)?;
        match &node.kind {
            Kind::Null => None,
            Kind::Scalar(s) if s.trim().parse::<f64>().is_ok_and(f64::is_finite) => Some(Spanned {
                value: s.trim().parse().expect("checked"),
                span: node.span,
            }),
            _ => {
                let found = describe_value(node);
                self.error(
                    node.span,
                    format!("`{key}` in {what} must be a number, found {found}"),
                )
                .help = vec![format!(
                    "write a number such as `{key}: -2`, or leave `{key}` out for a stance off the axis"
                )];
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
            Kind::Null => return Vec::new(),
            Kind::Seq(items) => items.iter().collect(),
            Kind::Map(_) => {
                self.error(
                    node.span,
                    format!("`{key}` in {what} must be a list, found a mapping"),
                )
                .help = vec![format!("write `{key}: [first, second]`")];
                return Vec::new();
            }
            _ => vec![node],
        };
        let mut out = Vec::new();
        for item in items {
            match (&item.kind, item.scalar()) {
                (Kind::Seq(_) | Kind::Map(_), _) | (_, None) => {
                    let found = item.kind.describe();
                    self.error(
                        item.span,
                        format!("each of `{key}` in {what} must be text, found {found}"),
                    )
                    .help = vec![format!("write `{key}: [first, second]`")];
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
            Kind::Null => Vec::new(),
            Kind::Seq(items) => items.iter().collect(),
            _ => {
                let found = node.kind.describe();
                self.error(
                    node.span,
                    format!("`{key}` in {what} must be a list, found {found}"),
                )
                .help = vec![format!(
                    "write each entry of `{key}` on its own line, starting with `- `"
                )];
                Vec::new()
            }
        }
    }
}

fn describe_value(node: &Node) -> String {
    match node.scalar() {
        Some(t) => format!("`{t}`"),
        None => node.kind.describe().to_string(),
    }
}

pub const CODEBOOK_FIELDS: &[&str] = &["question", "stances", "parties", "speakers"];
pub const STANCE_FIELDS: &[&str] = &["id", "label", "score", "color", "description"];
pub const PARTY_FIELDS: &[&str] = &["id", "name", "aliases", "color"];
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
    let Some(f) = r.fields(
        root,
        "the codebook",
        CODEBOOK_FIELDS,
        &["question", "stances", "parties"],
    ) else {
        return cb;
    };
    cb.question = r.required_string(&f, "question", "the codebook");
    for (key, help) in [
        (
            "stances",
            "list the stances under `stances:`, ordered from one pole to the other",
        ),
        ("parties", "list the parties under `parties:`"),
    ] {
        if let Some(node) = f.get(key)
            && match &node.kind {
                Kind::Null => true,
                Kind::Seq(items) => items.is_empty(),
                _ => false,
            }
        {
            r.error(node.span, format!("the codebook has no {key}"))
                .help = vec![help.into()];
        }
    }
    for (i, node) in r
        .list(&f, "stances", "the codebook")
        .into_iter()
        .enumerate()
    {
        let what = format!("stance {}", i + 1);
        let Some(s) = r.fields(node, &what, STANCE_FIELDS, &["id", "label"]) else {
            continue;
        };
        cb.stances.push(RawStance {
            span: node.span,
            id: r.required_string(&s, "id", &what),
            label: r.required_string(&s, "label", &what),
            score: r.number(&s, "score", &what),
            color: r.string(&s, "color", &what),
            description: r.string(&s, "description", &what),
        });
    }
    for (i, node) in r
        .list(&f, "parties", "the codebook")
        .into_iter()
        .enumerate()
    {
        let what = format!("party {}", i + 1);
        let Some(p) = r.fields(node, &what, PARTY_FIELDS, &["id", "name"]) else {
            continue;
        };
        cb.parties.push(RawParty {
            span: node.span,
            id: r.required_string(&p, "id", &what),
            name: r.required_string(&p, "name", &what),
            aliases: r.string_list(&p, "aliases", &what),
            color: r.string(&p, "color", &what),
        });
    }
    for (i, node) in r
        .list(&f, "speakers", "the codebook")
        .into_iter()
        .enumerate()
    {
        let what = format!("speaker {}", i + 1);
        let Some(s) = r.fields(node, &what, SPEAKER_FIELDS, &["name", "party"]) else {
            continue;
        };
        cb.speakers.push(RawSpeaker {
            span: node.span,
            name: r.required_string(&s, "name", &what),
            party: r.required_string(&s, "party", &what),
            role: r.string(&s, "role", &what),
            from: r.string(&s, "from", &what),
            to: r.string(&s, "to", &what),
        });
    }
    cb
}

/// Read an article file's node tree.
pub fn read_article_file<'n>(r: &mut Reader, root: &'n Node<'n>) -> RawArticleFile<'n> {
    let mut out = RawArticleFile::default();
    let Some(f) = r.fields(
        root,
        "an article file",
        FILE_FIELDS,
        &["article", "positions"],
    ) else {
        return out;
    };
    if let Some(node) = f.get("article")
        && let Some(a) = r.fields(
            node,
            "the article",
            ARTICLE_FIELDS,
            &["title", "outlet", "published"],
        )
    {
        let what = "the article";
        out.article = Some(RawArticle {
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
        });
    }
    for (i, node) in r
        .list(&f, "positions", "an article file")
        .into_iter()
        .enumerate()
    {
        let what = format!("position {}", i + 1);
        let Some(p) = r.fields(node, &what, POSITION_FIELDS, &["stance", "basis"]) else {
            continue;
        };
        out.positions.push(RawPosition {
            index: i,
            span: node.span,
            speaker: r.string(&p, "speaker", &what),
            party: r.string(&p, "party", &what),
            stance: r.required_string(&p, "stance", &what),
            held: r.string_or_empty(&p, "held", &what),
            basis: r.required_string(&p, "basis", &what),
            quote: r.string(&p, "quote", &what),
            conditions: r.string(&p, "conditions", &what),
            confidence: r.string(&p, "confidence", &what),
            note: r.string(&p, "note", &what),
        });
    }
    out
}
