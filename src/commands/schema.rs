//! `stanceline schema`: JSON Schemas for editors, written beside the annotations directory
//! (never into it), or printed.

use super::{Error, Outcome, Result, emit, load_codebook, messages};
use crate::cli::{SchemaArgs, SchemaKind};
use stanceline::authoring::schema::{self, ARTICLE_SCHEMA, CODEBOOK_SCHEMA};
use stanceline::model::codebook::Codebook;
use stanceline::output::write::{Guard, WriteError};
use std::path::{Path, PathBuf};

pub fn run(args: &SchemaArgs) -> Result {
    let cb = load_codebook(&args.annotations)?;
    match args.print {
        Some(SchemaKind::Article) => print(&schema::text(&schema::article(&cb))),
        Some(SchemaKind::Codebook) => print(&schema::text(&schema::codebook())),
        None => {
            for (path, result) in write_all(&args.annotations.annotations, &cb, false) {
                result.map_err(failed)?;
                messages::line(format_args!("wrote {}", path.display()));
            }
            Ok(Outcome::Success)
        }
    }
}

fn print(text: &str) -> Result {
    emit(|out| out.write_all(text.as_bytes()))
}

/// Write both schemas for `cb` beside `annotations`; with `only_stale`, only those missing or
/// not what they would be now. Each path written, with how it went.
pub fn write_all(
    annotations: &Path,
    cb: &Codebook,
    only_stale: bool,
) -> Vec<(PathBuf, std::result::Result<(), WriteError>)> {
    let guard = Guard::new(annotations);
    let dir = schema::dir(annotations);
    [
        (ARTICLE_SCHEMA, schema::text(&schema::article(cb))),
        (CODEBOOK_SCHEMA, schema::text(&schema::codebook())),
    ]
    .into_iter()
    .filter_map(|(name, text)| {
        let path = dir.join(name);
        if only_stale && std::fs::read(&path).is_ok_and(|b| b == text.as_bytes()) {
            return None;
        }
        let result = guard.write_atomically(&path, text.as_bytes());
        Some((path, result))
    })
    .collect()
}

fn failed(e: WriteError) -> Error {
    let e = if e.is_usage() {
        Error::usage(e.to_string())
    } else {
        Error::problems(e.to_string())
    };
    e.help("or print a schema with --print article (or codebook) and keep it where you like")
}
