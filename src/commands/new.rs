//! `stanceline new`: a new article file to fill in, created in the annotations' `articles/`
//! (the one command that writes there, and only a file that does not exist), and its path
//! printed. The editor schema it points at is written too when it is missing or out of date.

use super::{Error, Outcome, Result, emit, load_codebook, load_options, messages};
use crate::cli::{NewArgs, parse_date_point};
use stanceline::authoring::scaffold::{self, NewArticle};
use stanceline::date::DatePoint;
use stanceline::output::write::{Guard, WriteError, plain};
use stanceline::words::and_list;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

pub fn run(args: &NewArgs) -> Result {
    load_options(&args.annotations)?;
    if let Some(slug) = &args.slug
        && let Some(problem) = scaffold::slug_problem(slug)
    {
        return Err(
            Error::usage(format!("--slug `{slug}` cannot name a file: {problem}"))
                .help("pass a slug such as --slug iran-agrees-to-talks"),
        );
    }
    let (source, source_title) = match &args.source {
        Some(path) => source(path)?,
        None => (None, None),
    };
    fn given(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|t| !t.is_empty())
    }
    let mut title = given(&args.title).map(String::from).or(source_title);
    let mut outlet = given(&args.outlet).map(String::from);
    let mut published = args.published;
    ask_for_missing(&mut title, &mut outlet, &mut published)?;
    let (Some(title), Some(outlet), Some(published)) = (title, outlet, published) else {
        unreachable!("asked for, or refused");
    };

    let slug = match &args.slug {
        Some(s) => s.clone(),
        None => scaffold::slug(&title),
    };
    if slug.is_empty() {
        return Err(Error::usage(format!(
            "cannot make a file name from the title `{title}`: it has no letter or digit"
        ))
        .help("pass --slug, such as --slug talks-resume"));
    }
    let cb = load_codebook(&args.annotations)?;
    let article = NewArticle {
        title,
        outlet,
        author: given(&args.author).map(String::from),
        published,
        url: given(&args.url).map(String::from),
        source,
    };
    let annotations = &args.annotations.annotations;
    let guard = Guard::new(annotations);
    let name = scaffold::file_name(published, &slug);
    let path = guard
        .create_article(&name, scaffold::article_text(&cb, &article).as_bytes())
        .map_err(|e| refused(e, args.slug.is_some()))?;
    // The schema the file's modeline points at, so that an editor finds it.
    for (schema, result) in super::schema::write_all(annotations, &cb, true) {
        match result {
            Ok(()) => messages::line(format_args!("wrote {}", schema.display())),
            Err(e) => messages::warning(
                format_args!("the editor schema was not written: {e}"),
                &["editors will not complete or check the new file".into()],
            ),
        }
    }
    emit(|out| writeln!(out, "{}", path.display()))?;
    Ok(Outcome::Success)
}

/// A new article file that cannot be made.
fn refused(e: WriteError, slug_given: bool) -> Error {
    let help = match (&e, slug_given) {
        (WriteError::Exists { .. }, false) => {
            "edit that file, or pass --slug to name the new one differently"
        }
        (WriteError::Exists { .. }, true) => "edit that file, or pass another --slug",
        _ => "check that the annotations directory can be written to",
    };
    let error = if e.is_usage() {
        Error::usage(e.to_string())
    } else {
        Error::problems(e.to_string())
    };
    error.help(help)
}

/// The source text's file name (for `source:`) and its first line that is not empty (the
/// title, unless one is given).
fn source(path: &Path) -> Result<(Option<String>, Option<String>)> {
    let shown = path.display();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::usage(format!("source text `{shown}` not found"))
                .help("name the article's text file, or leave it out"));
        }
        Err(e) => {
            return Err(Error::usage(format!(
                "cannot read the source text `{shown}`: {}",
                plain(&e)
            )));
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let title = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(String::from);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::usage(format!("source text `{shown}` is not a file name")))?;
    Ok((Some(name), title))
}

/// Ask for what is missing on a terminal; refuse otherwise, naming all of it.
fn ask_for_missing(
    title: &mut Option<String>,
    outlet: &mut Option<String>,
    published: &mut Option<DatePoint>,
) -> Result<()> {
    let mut missing = Vec::new();
    if title.is_none() {
        missing.push("--title");
    }
    if outlet.is_none() {
        missing.push("--outlet");
    }
    if published.is_none() {
        missing.push("--published");
    }
    if missing.is_empty() {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(not_given(&missing));
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    if title.is_none() {
        *title = Some(
            ask(&mut input, "title", |t| Ok(t.to_string())).ok_or_else(|| not_given(&missing))?,
        );
    }
    if outlet.is_none() {
        *outlet = Some(
            ask(&mut input, "outlet", |t| Ok(t.to_string())).ok_or_else(|| not_given(&missing))?,
        );
    }
    if published.is_none() {
        let date = ask(
            &mut input,
            "published (such as 2009-07-27)",
            parse_date_point,
        );
        *published = Some(date.ok_or_else(|| not_given(&missing))?);
    }
    Ok(())
}

fn not_given(missing: &[&str]) -> Error {
    let (verb, them, they) = if missing.len() == 1 {
        ("is", "it", "it")
    } else {
        ("are", "them", "they")
    };
    Error::usage(format!(
        "{} {verb} needed to write the article block",
        and_list(missing)
    ))
    .help(format!(
        "pass {them} on the command line ({they} {verb} asked for only when standard input is a \
         terminal)"
    ))
}

/// Ask until an answer that is not empty parses; `None` at the end of the input.
fn ask<T>(
    input: &mut dyn BufRead,
    what: &str,
    parse: impl Fn(&str) -> std::result::Result<T, String>,
) -> Option<T> {
    loop {
        let _ = messages::Stderr.write_all(format!("{what}: ").as_bytes());
        let mut line = String::new();
        if input.read_line(&mut line).ok()? == 0 {
            messages::line("");
            return None;
        }
        let answer = line.trim();
        if answer.is_empty() {
            continue;
        }
        match parse(answer) {
            Ok(v) => return Some(v),
            Err(e) => messages::line(format_args!("error: {e}")),
        }
    }
}
