//! JSON Schemas (draft-07) for editors: one for article files, made from the codebook (its
//! party, stance and speaker names as enums, each with what it means as its description), and
//! one for the codebook itself. An editor with yaml-language-server (VS Code's YAML extension,
//! Neovim, Helix, Emacs...) then completes ids and flags mistakes while typing.
//!
//! A schema accepts what `check` accepts, as far as a schema can say it: text fields take any
//! YAML scalar (stanceline reads `title: 2012` as text), names match in any case (an enum of the
//! codebook's spellings, for completion, and a case-insensitive pattern beside it), a year may
//! be a YAML integer, and `party` may be left out only for a speaker of the codebook. What it
//! cannot say (a leap day, an interval that ends before it starts, a speaker's party at a date,
//! conflicts) `check` still says.

use crate::annotation::load::Loaded;
use crate::annotation::raw::{
    ARTICLE_FIELDS, CHECK_FIELDS, CODEBOOK_FIELDS, FILE_FIELDS, PARTY_FIELDS, POSITION_FIELDS,
    SPEAKER_FIELDS, STANCE_FIELDS,
};
use crate::diagnostic::{Diagnostic, Severity, WarningKind};
use crate::model::codebook::Codebook;
use crate::model::observation::{Basis, Confidence};
use crate::output::write::plain;
use crate::span::Span;
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

/// The file names of the two schemas, in [`dir`].
pub const ARTICLE_SCHEMA: &str = "article.schema.json";
pub const CODEBOOK_SCHEMA: &str = "codebook.schema.json";

/// What an article file's first line says, for yaml-language-server to find the schema from
/// `articles/` (a path relative to the file).
pub const MODELINE: &str =
    "# yaml-language-server: $schema=../../.stanceline/schema/article.schema.json";

/// Where the schemas are written: `.stanceline/schema/` beside the annotations directory
/// (in its parent), outside the annotations, at the same place relative to every article.
pub fn dir(annotations: &Path) -> PathBuf {
    let parent = match annotations.file_name() {
        Some(_) => annotations
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        None => annotations.join(".."),
    };
    parent.join(".stanceline").join("schema")
}

/// A schema as the file holds it: pretty-printed JSON and a newline.
pub fn text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("a JSON value prints");
    text.push('\n');
    text
}

const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";

/// One date as `check` reads it: `2009`, `2009-07` or `2009-07-27`, with `?`, `~` or `%`. Days
/// past a month's length are refused, except 29 February in any year (`check` knows leap years).
const POINT: &str = r"[0-9]{4}(?:-(?:(?:0[13578]|1[02])(?:-(?:0[1-9]|[12][0-9]|3[01]))?|(?:0[469]|11)(?:-(?:0[1-9]|[12][0-9]|30))?|02(?:-(?:0[1-9]|1[0-9]|2[0-9]))?))?[?~%]?";

fn date_pattern() -> String {
    format!("^{POINT}$")
}

fn interval_pattern() -> String {
    format!(r"^(?:{POINT}|{POINT}/{POINT}|\.\./{POINT}|{POINT}/\.\.)$")
}

/// The definitions both schemas share: text, dates.
fn definitions() -> Value {
    let year = json!({"type": "integer", "minimum": 1000, "maximum": 9999});
    json!({
        "text": {
            "description": "Text (any YAML scalar is read as text).",
            "type": ["string", "number", "boolean", "null"]
        },
        "required-text": {
            "description": "Text, not empty.",
            "anyOf": [
                {"type": "string", "pattern": r"\S"},
                {"type": ["number", "boolean"]}
            ]
        },
        "date": {
            "description": "A date: 2009, 2009-07 or 2009-07-27, optionally followed by ? \
                (uncertain), ~ (approximate) or % (both).",
            "anyOf": [{"type": "string", "pattern": date_pattern()}, year.clone()]
        },
        "date-or-interval": {
            "description": crate::date::DATE_HELP,
            "anyOf": [{"type": "string", "pattern": interval_pattern()}, year]
        }
    })
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/definitions/{name}")})
}

/// `schema` with a description.
fn described(mut schema: Value, description: &str) -> Value {
    schema["description"] = Value::from(description);
    schema
}

/// An object schema with exactly `fields` (in the order given), `required` among them.
fn object(fields: &[&str], properties: Map<String, Value>, required: &[&str]) -> Value {
    debug_assert!(properties.keys().all(|k| fields.contains(&k.as_str())));
    debug_assert_eq!(properties.len(), fields.len(), "a schema for every field");
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

/// A regular expression (ECMA-262, as JSON Schema has it) that matches any of `words` in any
/// case: each letter as a class of its cases. `unicode` folds every letter, as party names
/// are matched; otherwise only ASCII letters, as speakers' names are.
pub fn any_case(words: &[&str], unicode: bool) -> String {
    let mut alternatives: Vec<String> = words
        .iter()
        .map(|w| {
            let mut out = String::new();
            for c in w.chars() {
                let (lower, upper) = if unicode || c.is_ascii() {
                    (single(c.to_lowercase()), single(c.to_uppercase()))
                } else {
                    (None, None)
                };
                let mut cases: Vec<char> = [Some(c), lower, upper].into_iter().flatten().collect();
                cases.sort_unstable();
                cases.dedup();
                if cases.len() > 1 {
                    out.push('[');
                    out.extend(cases);
                    out.push(']');
                } else {
                    if r"\^$.|?*+()[]{}".contains(c) {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            out
        })
        .collect();
    alternatives.sort();
    alternatives.dedup();
    format!("^(?:{})$", alternatives.join("|"))
}

/// The one character a case mapping gives, if it gives one.
fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// Names an editor completes (each with its description) and that match in any case.
fn names(description: &str, values: &[(String, String)], unicode: bool) -> Value {
    let words: Vec<&str> = values.iter().map(|(w, _)| w.as_str()).collect();
    let descriptions: Vec<&str> = values.iter().map(|(_, d)| d.as_str()).collect();
    json!({
        "description": description,
        "anyOf": [
            {"enum": words, "enumDescriptions": descriptions},
            {"type": "string", "pattern": any_case(&words, unicode)}
        ]
    })
}

/// `names` that may also be left empty.
fn nullable(mut names: Value) -> Value {
    names["anyOf"]
        .as_array_mut()
        .expect("names are an anyOf")
        .push(json!({"type": "null"}));
    names
}

/// Every id, name, short label and alias of every party, each once, with what it names.
fn party_names(cb: &Codebook) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for p in cb.parties() {
        let mut add = |word: &str, description: String| {
            if !out.iter().any(|(w, _)| w.eq_ignore_ascii_case(word)) {
                out.push((word.to_string(), description));
            }
        };
        add(&p.id, p.name.clone());
        add(&p.name, format!("{} ({})", p.name, p.id));
        for other in p.short.iter().chain(&p.aliases) {
            add(other, format!("{}: {} ({})", other, p.name, p.id));
        }
    }
    out
}

fn stance_names(cb: &Codebook) -> Vec<(String, String)> {
    cb.stances_in_scale_order()
        .into_iter()
        .map(|id| {
            let s = cb.stance(id);
            let score = match s.score {
                Some(x) => format!("score {x}"),
                None => "off the axis".to_string(),
            };
            let mut d = format!("{} ({score})", s.label);
            if let Some(text) = &s.description {
                d.push_str(": ");
                d.push_str(text);
            }
            (s.id.clone(), d)
        })
        .collect()
}

/// The stance of a position: completed as its id (with its label and meaning), accepted as its
/// id or its label in any case, as `check` accepts it.
fn stance_field(cb: &Codebook) -> Value {
    let mut field = names(
        "The stance: its id or its label, in any case.",
        &stance_names(cb),
        true,
    );
    let mut words: Vec<&str> = cb.stances().iter().map(|s| s.id.as_str()).collect();
    words.extend(cb.stances().iter().map(|s| s.label.as_str()));
    field["anyOf"][1]["pattern"] = Value::from(any_case(&words, true));
    field
}

fn speaker_names(cb: &Codebook) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for t in cb.speakers() {
        let period = match (t.from, t.to) {
            (None, None) => String::new(),
            (from, to) => format!(
                ", {} to {}",
                from.map_or("..".into(), |d| d.to_string()),
                to.map_or("..".into(), |d| d.to_string())
            ),
        };
        let role = t
            .role
            .as_deref()
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        let line = format!("{}{period}{role}", cb.party(t.party).name);
        match out
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(&t.name))
        {
            Some((_, d)) => {
                d.push_str("; ");
                d.push_str(&line);
            }
            None => out.push((t.name.clone(), format!("Speaks for {line}"))),
        }
    }
    out
}

fn fixed_names(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(w, d)| (w.to_string(), d.to_string()))
        .collect()
}

fn basis_description(b: Basis) -> &'static str {
    match b {
        Basis::Statement => "The party's own words",
        Basis::Report => "Reported by the article",
        Basis::Inference => "Inferred by the annotator",
    }
}

fn confidence_description(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "High confidence",
        Confidence::Medium => "Medium confidence (the default)",
        Confidence::Low => "Low confidence",
    }
}

fn props(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// The `article:` block of an article file.
fn article_block() -> Value {
    object(
        ARTICLE_FIELDS,
        props(vec![
            (
                "id",
                text_field("The article's id; defaults to the file name without extension."),
            ),
            ("title", required_field("The article's title.")),
            ("outlet", required_field("Where it was published.")),
            ("author", text_field("Who wrote it.")),
            (
                "published",
                described(reference("date"), "When it was published: a single date."),
            ),
            ("url", text_field("Where it can be read.")),
            (
                "source",
                text_field("The file of its text, in the directory given to `check --sources`."),
            ),
            ("annotator", text_field("Who recorded its positions.")),
            ("note", text_field("Free text.")),
        ]),
        &["title", "outlet", "published"],
    )
}

/// One entry of `positions:`, with the codebook's names.
fn position(cb: &Codebook) -> Value {
    let basis: Vec<(&str, &str)> = Basis::ALL
        .iter()
        .map(|b| (b.as_str(), basis_description(*b)))
        .collect();
    let confidence: Vec<(&str, &str)> = Confidence::ALL
        .iter()
        .map(|c| (c.as_str(), confidence_description(*c)))
        .collect();
    let speakers = speaker_names(cb);
    let mut speaker = names(
        "Who took the position: a speaker of the codebook (then `party` may be left out), or any \
         name.",
        &speakers,
        false,
    );
    // Any name is a speaker: the enum is for completion.
    speaker["anyOf"][1] = reference("text");
    let party = nullable(names(
        "The party: its id, name, short label or alias, in any case.",
        &party_names(cb),
        true,
    ));
    let mut position = object(
        POSITION_FIELDS,
        props(vec![
            ("speaker", speaker),
            ("party", party),
            ("stance", stance_field(cb)),
            (
                "held",
                described(
                    reference("date-or-interval"),
                    "When the position held: a date or an interval; defaults to `published`.",
                ),
            ),
            (
                "basis",
                names(
                    "How the article knows it: statement (own words), report or inference.",
                    &fixed_names(&basis),
                    true,
                ),
            ),
            (
                "quote",
                text_field("The words the position rests on, as the article has them."),
            ),
            ("conditions", text_field("What the position depends on.")),
            (
                "confidence",
                nullable(names(
                    "How sure the annotator is: high, medium (the default) or low.",
                    &fixed_names(&confidence),
                    true,
                )),
            ),
            ("note", text_field("Free text.")),
        ]),
        &["stance", "basis"],
    );
    // `party` is needed unless the speaker is one of the codebook's.
    let needs_party = json!({
        "required": ["party"],
        "properties": {"party": {"type": ["string", "number", "boolean"]}}
    });
    if speakers.is_empty() {
        position["allOf"] = json!([needs_party]);
    } else {
        let words: Vec<&str> = speakers.iter().map(|(w, _)| w.as_str()).collect();
        position["if"] = json!({
            "required": ["speaker"],
            "properties": {"speaker": {"type": "string", "pattern": any_case(&words, false)}}
        });
        position["else"] = needs_party;
    }
    position["description"] = Value::from("One position the article records.");
    position
}

/// The schema of an article file for the codebook `cb`.
pub fn article(cb: &Codebook) -> Value {
    let mut file = object(
        FILE_FIELDS,
        props(vec![
            ("article", described(article_block(), "The article.")),
            (
                "positions",
                json!({
                    "description": "The positions the article records.",
                    "type": ["array", "null"],
                    "items": position(cb)
                }),
            ),
        ]),
        &["article", "positions"],
    );
    let head = json!({
        "$schema": DRAFT_07,
        "$comment": comment("the codebook"),
        "title": "stanceline article file",
        "description": format!("An article and the positions it records on: {}", cb.question()),
        "definitions": definitions(),
    });
    merge(&mut file, head);
    file
}

fn comment(from: &str) -> String {
    format!(
        "Written by stanceline {} from {from}; `stanceline schema` writes it again.",
        env!("CARGO_PKG_VERSION")
    )
}

fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(into), Value::Object(from)) = (into, from) {
        into.extend(from);
    }
}

fn text_field(description: &str) -> Value {
    described(reference("text"), description)
}

fn required_field(description: &str) -> Value {
    described(reference("required-text"), description)
}

/// A codebook's `short:`, in place of its `of` (a name or a label).
fn short(of: &str) -> Value {
    json!({
        "description": format!(
            "A short label for charts, in place of the {of}: one line, not empty, at most 30 \
             characters and no longer than the {of}."
        ),
        "anyOf": [
            {"type": "string", "pattern": r"^[^\n\r]*\S[^\n\r]*$"},
            {"type": ["number", "boolean"]}
        ]
    })
}

fn color(of: &str) -> Value {
    json!({
        "description": format!("The {of}'s color, \"#rrggbb\"; charts choose one when left out."),
        "anyOf": [{"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}, {"type": "null"}]
    })
}

fn codebook_stance() -> Value {
    let score = json!({
        "description": "The stance's place on the scale; a stance without one is off the axis.",
        "anyOf": [
            {"type": ["number", "null"]},
            {"type": "string", "pattern": r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"}
        ]
    });
    object(
        STANCE_FIELDS,
        props(vec![
            (
                "id",
                required_field("The stance's id, unique: what positions name."),
            ),
            ("label", required_field("The stance's label, for people.")),
            ("short", short("label")),
            ("score", score),
            ("color", color("stance")),
            ("description", text_field("What the stance means.")),
        ]),
        &["id", "label"],
    )
}

fn codebook_party() -> Value {
    let aliases = json!({
        "description": "Other names the party goes by (no name may name two parties).",
        "anyOf": [
            {"type": "array", "items": {"type": ["string", "number", "boolean"]}},
            {"type": ["string", "number", "boolean", "null"]}
        ]
    });
    object(
        PARTY_FIELDS,
        props(vec![
            ("id", required_field("The party's id, unique.")),
            ("name", required_field("The party's name.")),
            ("short", short("name")),
            ("aliases", aliases),
            ("color", color("party")),
        ]),
        &["id", "name"],
    )
}

fn codebook_speaker() -> Value {
    let bound = |d: &str| described(reference("date"), d);
    object(
        SPEAKER_FIELDS,
        props(vec![
            ("name", required_field("The speaker's name.")),
            (
                "party",
                required_field("The party spoken for: its id, name, short label or alias."),
            ),
            ("role", text_field("The speaker's office.")),
            (
                "from",
                bound("The first day spoken for the party (open when left out)."),
            ),
            (
                "to",
                bound("The last day spoken for the party (open when left out)."),
            ),
        ]),
        &["name", "party"],
    )
}

/// The codebook's `check:` section: kinds of warning allowed and denied by default.
fn codebook_check() -> Value {
    let mut names: Vec<&str> = vec!["warnings"];
    names.extend(crate::diagnostic::WarningKind::ALL.iter().map(|k| k.name()));
    let kinds = |description: &str| {
        json!({
            "description": description,
            "type": ["array", "null"],
            "items": {"type": "string", "enum": names},
        })
    };
    described(
        object(
            CHECK_FIELDS,
            props(vec![
                (
                    "allow",
                    kinds("Kinds of warning left out (`warnings`: every kind)."),
                ),
                (
                    "deny",
                    kinds("Kinds of warning made errors (`warnings`: every kind)."),
                ),
            ]),
            &[],
        ),
        "The project's defaults for `stanceline check`; the command line overrides them.",
    )
}

/// The schema of `codebook.yaml` (the same for every codebook).
pub fn codebook() -> Value {
    let list = |description: &str, items: Value| json!({"description": description, "type": "array", "minItems": 1, "items": items});
    let mut file = object(
        CODEBOOK_FIELDS,
        props(vec![
            (
                "question",
                required_field("The question the stances answer."),
            ),
            (
                "stances",
                list(
                    "The stances, ordered from one pole to the other.",
                    codebook_stance(),
                ),
            ),
            ("parties", list("The parties.", codebook_party())),
            (
                "speakers",
                json!({
                    "description": "Who speaks for which party, and when.",
                    "type": ["array", "null"],
                    "items": codebook_speaker()
                }),
            ),
            ("check", codebook_check()),
        ]),
        &["question", "stances", "parties"],
    );
    let head = json!({
        "$schema": DRAFT_07,
        "$comment": comment("its code"),
        "title": "stanceline codebook",
        "description": "The question, the stance scale, the parties and who speaks for them.",
        "definitions": definitions(),
    });
    merge(&mut file, head);
    file
}

/// Warnings for each schema in [`dir`] that is not what `stanceline schema` would write now
/// for `cb` (the codebook changed since, or stanceline did). None for a schema not written:
/// a project need not use one. Only for a codebook without errors, whose schema is whole.
pub fn out_of_date(annotations: &Path, cb: &Codebook) -> Vec<Diagnostic> {
    let dir = dir(annotations);
    [(ARTICLE_SCHEMA, article(cb)), (CODEBOOK_SCHEMA, codebook())]
        .into_iter()
        .filter_map(|(name, expected)| {
            let path = dir.join(name);
            let message = match std::fs::read(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
                Err(e) => format!(
                    "cannot read the editor schema `{}`: {}",
                    path.display(),
                    plain(&e)
                ),
                Ok(bytes) => match serde_json::from_slice::<Value>(&bytes) {
                    Ok(found) if found == expected => return None,
                    Ok(found) if found.get("$comment") == expected.get("$comment") => {
                        let what = if name == ARTICLE_SCHEMA {
                            "older than the codebook"
                        } else {
                            "out of date"
                        };
                        format!("the editor schema `{}` is {what}", path.display())
                    }
                    Ok(_) => format!(
                        "the editor schema `{}` was written by another version of stanceline",
                        path.display()
                    ),
                    Err(_) => format!("the editor schema `{}` is not JSON", path.display()),
                },
            };
            let file = path.display().to_string();
            Some(Diagnostic::warning(WarningKind::SchemaOutOfDate, &file, Span::FILE, message).with_help(
                "run `stanceline schema` to write it again: editors check articles against it",
            ))
        })
        .collect()
}

/// [`out_of_date`] for what `check` loaded from `annotations`, when its codebook has no error.
pub fn check_warnings(annotations: &Path, loaded: &Loaded) -> Vec<Diagnostic> {
    let codebook = annotations.join("codebook.yaml").display().to_string();
    let broken = loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error && d.file == codebook);
    let cb = &loaded.dataset.codebook;
    if broken || cb.parties().is_empty() {
        return Vec::new();
    }
    out_of_date(annotations, cb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_case_folds_letters_and_escapes_the_rest() {
        assert_eq!(
            any_case(&["U.S.", "us"], true),
            r"^(?:[Uu][Ss]|[Uu]\.[Ss]\.)$"
        );
        assert_eq!(any_case(&["É"], true), "^(?:[Éé])$");
        assert_eq!(any_case(&["É"], false), "^(?:É)$");
        assert_eq!(any_case(&["a(1)"], true), r"^(?:[Aa]\(1\))$");
    }

    #[test]
    fn the_schema_dir_is_beside_the_annotations() {
        assert_eq!(
            dir(Path::new("annotations")),
            Path::new(".stanceline/schema")
        );
        assert_eq!(dir(Path::new("/a/b/")), Path::new("/a/.stanceline/schema"));
        assert_eq!(dir(Path::new(".")), Path::new("./../.stanceline/schema"));
        // The modeline reaches it from `articles/`.
        let from_articles = Path::new("x/annotations/articles").join(
            MODELINE
                .split_once("$schema=")
                .unwrap()
                .1
                .strip_suffix(ARTICLE_SCHEMA)
                .unwrap(),
        );
        let lexical: PathBuf = from_articles.components().fold(PathBuf::new(), |mut p, c| {
            match c {
                std::path::Component::ParentDir => {
                    p.pop();
                }
                c => p.push(c),
            }
            p
        });
        assert_eq!(lexical, dir(Path::new("x/annotations")));
    }
}
