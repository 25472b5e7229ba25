//! One module per subcommand. Each returns what it came to ([`Outcome`]) or the [`Error`]
//! that stopped it, which `main` prints, once, through [`messages`].

pub mod agree;
pub mod changes;
pub mod chart;
pub mod check;
pub mod codebook;
pub mod completions;
mod error;
pub mod events;
pub mod messages;
pub mod new;
pub mod query;
pub mod report;
pub mod schema;
pub mod watch;

pub use error::{Error, Outcome, Result};

use crate::cli::{AnnotationArgs, MessageFormat, ModelArgs, SkipArgs};
use messages::Stderr;
use rayon::prelude::*;
use stanceline::annotation::load::{self, LoadOptions, Loaded};
use stanceline::date::DatePoint;
use stanceline::diagnostic::{self, Diagnostic, Renderer, Severity, ansi};
use stanceline::model::codebook::Codebook;
use stanceline::model::observation::Dataset;
use stanceline::model::{PartyId, StanceId};
use stanceline::output::write::plain;
use stanceline::output::{self, Format, Record, Rows};
use stanceline::report::SkippedFile;
use stanceline::words::{plural, suggest};
use std::io::Write;
use std::path::Path;

/// Print the diagnostics of a load, sorted by file and line: to stderr, or as JSON lines to
/// stdout (for editors and CI, as cargo does; a closed stdout ends them quietly).
pub fn print_diagnostics(loaded: &mut Loaded, format: MessageFormat) -> Result<()> {
    print_diagnostics_of(&loaded.sources, &mut loaded.diagnostics, format, None)
}

/// The full form of diagnostics printed before, kept for the next round of `watch`: most of
/// them come again unchanged (thousands of conflict warnings on a large corpus), and are
/// written again without being rendered again.
#[derive(Default)]
pub struct Rendered(rustc_hash::FxHashMap<Diagnostic, String>);

impl Rendered {
    /// Forget what shows the lines of these files (their texts changed), or everything.
    pub fn forget(&mut self, files: &[String], all: bool) {
        if all {
            self.0.clear();
            return;
        }
        let shown = |d: &Diagnostic| {
            std::iter::once(&d.file)
                .chain(d.related.iter().map(|r| &r.file))
                .any(|f| files.binary_search(f).is_ok())
        };
        self.0.retain(|d, _| !shown(d));
    }

    /// Whether `d` is rendered already.
    pub fn has(&self, d: &Diagnostic) -> bool {
        self.0.contains_key(d)
    }
}

/// [`print_diagnostics`] of `diagnostics`, whose files' texts are in `sources`; in the full
/// form, taking what `rendered` holds of them from it, and keeping in it what this printed
/// (and nothing else).
pub fn print_diagnostics_of(
    sources: &diagnostic::Sources,
    diagnostics: &mut Vec<Diagnostic>,
    format: MessageFormat,
    mut rendered: Option<&mut Rendered>,
) -> Result<()> {
    diagnostic::sort(diagnostics);
    let renderer = Renderer::new(sources, diagnostics).with_color(messages::color());
    if format == MessageFormat::Json {
        return emit(|out| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
            for d in diagnostics.iter() {
                writeln!(out, "{}", renderer.json(d))?;
            }
            out.flush()
        })
        .map(|_| ());
    }
    // Written in large blocks: thousands of diagnostics would otherwise be as many writes.
    let mut err = std::io::BufWriter::with_capacity(1 << 16, Stderr);
    match format {
        MessageFormat::Short | MessageFormat::Json => {
            for d in diagnostics.iter() {
                let _ = writeln!(err, "{}", d.short());
            }
        }
        MessageFormat::Human => {
            // What was rendered before is moved, not copied, into what is kept: most of a
            // round's diagnostics are the last round's.
            let mut before = rendered.as_deref_mut().map(|r| std::mem::take(&mut r.0));
            let mut kept = before.as_ref().map(|_| {
                Rendered(rustc_hash::FxHashMap::with_capacity_and_hasher(
                    diagnostics.len(),
                    Default::default(),
                ))
            });
            // Rendered in parallel (thousands of conflict warnings on a large corpus), a batch
            // at a time so that the text in memory stays small, and written in order.
            for batch in diagnostics.chunks(1024) {
                if !messages::is_open() {
                    break;
                }
                let found: Vec<Option<(Diagnostic, String)>> = batch
                    .iter()
                    .map(|d| before.as_mut().and_then(|b| b.remove_entry(d)))
                    .collect();
                let texts: Vec<(Diagnostic, String)> = batch
                    .par_iter()
                    .zip(found)
                    .map(|(d, found)| found.unwrap_or_else(|| (d.clone(), renderer.render(d))))
                    .collect();
                for (d, text) in texts {
                    let _ = err.write_all(text.as_bytes());
                    if let Some(kept) = &mut kept {
                        kept.0.insert(d, text);
                    }
                }
            }
            if let (Some(rendered), Some(kept)) = (rendered, kept) {
                *rendered = kept;
            }
        }
    }
    let _ = err.flush();
    Ok(())
}

/// The load options for `--annotations`, or a usage error when that is not a directory:
/// nothing can be read, and no file to point at.
pub fn load_options(args: &AnnotationArgs) -> Result<LoadOptions> {
    let dir = &args.annotations;
    if !dir.is_dir() {
        let shown = dir.display();
        let what = if dir.exists() {
            format!("the annotations directory `{shown}` is a file, not a directory")
        } else {
            format!("annotations directory `{shown}` not found")
        };
        return Err(Error::usage(what).help(
            "run stanceline where `annotations/` is, or pass --annotations DIR (or set \
             STANCELINE_ANNOTATIONS) naming the directory that holds codebook.yaml",
        ));
    }
    let mut options = LoadOptions::new(dir);
    options.max_file_size = args.max_file_size;
    Ok(options)
}

/// What a command that answers from the record answers from: the dataset, and the article
/// files `--skip-broken` left out of it (none without the flag).
pub struct Model {
    pub dataset: Dataset,
    pub skipped: Vec<SkippedFile>,
}

/// Load the model for a command that answers from the record (`events`, `query`, `changes`,
/// `chart`), cut by `--known-by`. With errors in the annotations, they are printed and the
/// exit code is returned instead, as answers from broken annotations would mislead; with
/// `--skip-broken`, see [`load_valid`].
///
/// Without `keep_evidence` (for a command that shows no quotes), positions come without
/// speaker, quote, conditions and note, and articles without title, outlet, author, URL and
/// source.
pub fn load_model(args: &ModelArgs, keep_evidence: bool) -> Result<Model> {
    let mut options = load_options(&args.annotations)?;
    options.keep_evidence = keep_evidence;
    // Reliability codings never enter the timeline: a problem in one is `check`'s to tell.
    options.reliability = false;
    let (loaded, skipped) = load_valid(options, args.skip)?;
    let ds = loaded.dataset;
    let dataset = match args.known_by {
        Some(d) => ds.known_by(d.last_day()),
        None => ds,
    };
    Ok(Model { dataset, skipped })
}

/// Load the annotations for a command that answers from them, or print their errors and
/// return the exit code. With `--skip-broken`, the article files with errors are left out of
/// the dataset (after a warning that names each with its first error) and returned; errors
/// anywhere else (the codebook, the articles directory, a reliability coding) still stop the
/// command, as there is nothing sound to answer from.
pub fn load_valid(mut options: LoadOptions, skip: SkipArgs) -> Result<(Loaded, Vec<SkippedFile>)> {
    // Only errors are shown here, and files with errors keep their texts.
    options.keep_all_texts = false;
    let mut loaded = load::load(&options);
    if loaded.errors() == 0 {
        return Ok((loaded, Vec::new()));
    }
    loaded.diagnostics.retain(|d| d.severity == Severity::Error);
    let in_articles = in_articles(&options.dir);
    let fatal = loaded.diagnostics.iter().any(|d| !in_articles(&d.file));
    if !skip.skip_broken || fatal {
        let help = match (skip.skip_broken, fatal) {
            (true, _) => {
                // Only what stops it: the errors in article files would not.
                loaded.diagnostics.retain(|d| !in_articles(&d.file));
                "--skip-broken leaves out article files with errors, not a codebook or an \
                 articles directory with errors"
            }
            (false, false) => {
                "or pass --skip-broken to leave out the article files with errors and answer \
                 from the others"
            }
            (false, true) => "",
        };
        print_diagnostics(&mut loaded, MessageFormat::Human)?;
        let e = Error::problems(format!(
            "the annotations have {}; run `stanceline check` and fix them first",
            plural(loaded.diagnostics.len(), "error", "errors")
        ));
        return Err(if help.is_empty() { e } else { e.help(help) });
    }
    let skipped = skipped_files(&mut loaded);
    warn_skipped(&skipped);
    let files: Vec<&str> = skipped.iter().map(|f| f.file.as_str()).collect();
    loaded.dataset = loaded
        .dataset
        .retain_articles(|a| files.binary_search(&a.file.as_str()).is_err());
    Ok((loaded, skipped))
}

/// Whether a diagnostic's file is an article file of the annotations `dir` (what
/// `--skip-broken` can leave out).
fn in_articles(dir: &Path) -> impl Fn(&str) -> bool {
    let articles = dir.join("articles");
    move |file: &str| {
        let file = Path::new(file);
        file != articles && file.starts_with(&articles)
    }
}

/// The article files `--skip-broken` leaves out of a load (`diagnostics` sorted), or `None`
/// when errors elsewhere stop every answer.
pub fn broken_articles(dir: &Path, diagnostics: &[Diagnostic]) -> Option<Vec<SkippedFile>> {
    let in_articles = in_articles(dir);
    let errors = || diagnostics.iter().filter(|d| d.severity == Severity::Error);
    if errors().any(|d| !in_articles(&d.file)) {
        return None;
    }
    let mut errors: Vec<Diagnostic> = errors().cloned().collect();
    diagnostic::sort(&mut errors);
    Some(files_of(&errors))
}

/// The article files with errors, in the order of their names, each with its number of
/// errors and its first.
fn skipped_files(loaded: &mut Loaded) -> Vec<SkippedFile> {
    diagnostic::sort(&mut loaded.diagnostics);
    files_of(&loaded.diagnostics)
}

/// The files of `errors` (sorted), each with its number of errors and its first.
fn files_of(errors: &[Diagnostic]) -> Vec<SkippedFile> {
    let mut out: Vec<SkippedFile> = Vec::new();
    for d in errors {
        match out.last_mut() {
            Some(f) if f.file == d.file => f.errors += 1,
            _ => out.push(SkippedFile {
                file: d.file.clone(),
                errors: 1,
                first: format!("{}:{}: {}", d.span.line, d.span.col, d.message),
            }),
        }
    }
    out
}

/// `warning: left out 2 article files with errors (--skip-broken):`, then one line per file,
/// `FILE:LINE:COL: its first error`, and how many more it has: every file, as each one is a
/// hole in the answer; one line each, so that a long list still reads (and greps) well.
pub fn warn_skipped(skipped: &[SkippedFile]) {
    let mut lines = String::new();
    for f in skipped {
        lines.push_str(&format!("\n  {}:{}", f.file, f.first));
        if f.errors > 1 {
            lines.push_str(&format!(
                " (and {})",
                plural(f.errors - 1, "more error", "more errors")
            ));
        }
    }
    let header = ansi::header(
        messages::color(),
        Severity::Warning,
        "warning",
        &format!(
            "left out {} with errors (--skip-broken):",
            plural(skipped.len(), "article file", "article files")
        ),
    );
    let help = ansi::paint(
        messages::color(),
        ansi::DIM,
        "  = help: run `stanceline check` to see every error",
    );
    messages::line(format_args!("{header}{lines}\n{help}"));
}

/// `2 article files with errors left out`: what an answer from a partial record ends with.
pub fn left_out(files: usize) -> String {
    format!(
        "{} with errors left out",
        plural(files, "article file", "article files")
    )
}

/// Write a command's answer to stdout in `format`, and say when `--skip-broken` left files out
/// of it: a last line under a table; a note on stderr after JSON or CSV, which keep their shape
/// for the programs that read them.
pub fn answer<R: Record>(
    format: Format,
    rows: &Rows<'_, R>,
    skipped: &[SkippedFile],
    table: impl Fn(&mut dyn Write, &Rows<'_, R>) -> std::io::Result<()>,
) -> Result {
    let outcome = emit(|out| {
        output::export(out, format, rows, |out, rows| {
            table(out, rows)?;
            if !skipped.is_empty() {
                writeln!(out, "{}", left_out(skipped.len()))?;
            }
            Ok(())
        })
    })?;
    if !skipped.is_empty() && format != Format::Table {
        messages::note(format_args!(
            "answered without {} (--skip-broken)",
            plural(skipped.len(), "article file", "article files") + " with errors"
        ));
    }
    Ok(outcome)
}

/// Load the codebook alone (for `codebook`, `new` and `schema`). With errors in it, they are
/// printed and the exit code is returned instead: ids from a broken codebook would mislead.
pub fn load_codebook(args: &AnnotationArgs) -> Result<Codebook> {
    let options = load_options(args)?;
    let (codebook, mut loaded) = load::load_codebook(&options);
    let errors = loaded.errors();
    match codebook {
        Some(cb) if errors == 0 => Ok(cb),
        _ => {
            loaded.diagnostics.retain(|d| d.severity == Severity::Error);
            print_diagnostics(&mut loaded, MessageFormat::Human)?;
            Err(Error::problems(format!(
                "the codebook has {}; run `stanceline check` and fix them first",
                plural(errors.max(1), "error", "errors")
            )))
        }
    }
}

/// How what is missing is missing: `recorded` of the whole record, `known by 2009-07-26` of a
/// record cut by `--known-by` (later articles may hold it).
pub fn recorded(ds: &Dataset) -> String {
    match ds.as_of {
        None => "recorded".into(),
        Some(day) => format!("known by {day}"),
    }
}

/// The names that the values of a repeatable option (`--party`, `--stance`) give: a value
/// whole when it is a name (a name may hold a comma), else each of its comma-separated
/// parts, trimmed. An empty part is a usage error.
fn split_names<'v>(
    option: &str,
    values: &'v [String],
    is_name: impl Fn(&str) -> bool,
) -> Result<Vec<&'v str>> {
    let mut names = Vec::new();
    for value in values {
        if is_name(value) {
            names.push(value.trim());
            continue;
        }
        let parts: Vec<&str> = value.split(',').map(str::trim).collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(
                Error::usage(format!("`{option} {value}` has an empty name")).help(format!(
                    "give one name, or several separated by commas: {option} NAME,NAME"
                )),
            );
        }
        names.extend(parts);
    }
    Ok(names)
}

/// Each thing named once, in the order first named.
fn once<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Resolve the values of `--party` (repeated, or names separated by commas), in the order
/// given, each party once.
pub fn resolve_parties(cb: &Codebook, values: &[String]) -> Result<Vec<PartyId>> {
    let names = split_names("--party", values, |v| cb.find_party(v).is_some())?;
    names
        .iter()
        .map(|n| resolve_party(cb, n))
        .collect::<Result<_>>()
        .map(once)
}

pub fn resolve_party(cb: &Codebook, name: &str) -> Result<PartyId> {
    let name = name.trim();
    cb.find_party(name).ok_or_else(|| {
        let e = Error::usage(format!("unknown party `{name}`"));
        match suggest(name, cb.party_words()) {
            Some(s) => e.help(format!("did you mean `{s}`?")),
            None => {
                let ids: Vec<&str> = cb.parties().iter().map(|p| p.id.as_str()).collect();
                e.help(format!("the codebook's parties are: {}", ids.join(", ")))
            }
        }
    })
}

/// Resolve the values of `--stance` (ids or labels; repeated, or separated by commas), in
/// the order given, each stance once.
pub fn resolve_stances(cb: &Codebook, values: &[String]) -> Result<Vec<StanceId>> {
    let names = split_names("--stance", values, |v| cb.find_stance(v).is_some())?;
    let stances = names.iter().map(|&n| {
        cb.find_stance(n).ok_or_else(|| {
            let e = Error::usage(format!("unknown stance `{n}`"));
            match suggest(n, cb.stance_words()) {
                Some(s) => e.help(format!("did you mean `{s}`?")),
                None => {
                    let ids: Vec<&str> = cb.stances().iter().map(|s| s.id.as_str()).collect();
                    e.help(format!("the codebook's stances are: {}", ids.join(", ")))
                }
            }
        })
    });
    stances.collect::<Result<_>>().map(once)
}

/// A `--from`/`--to` range, as the first day of `from` and the last day of `to`; `--from`
/// after `--to` is a usage error.
pub fn date_range(
    from: Option<DatePoint>,
    to: Option<DatePoint>,
) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)> {
    let (first, last) = (from.map(|d| d.first_day()), to.map(|d| d.last_day()));
    if let (Some(f), Some(t)) = (from, to)
        && first > last
    {
        return Err(Error::usage(format!("--from {f} is after --to {t}")));
    }
    Ok((first, last))
}

/// Write command output to stdout. A closed pipe ends it quietly, as a success: the reader
/// has what it wanted.
pub fn emit(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match write(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(Outcome::Success),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Outcome::Success),
        Err(e) => Err(Error::problems(format!(
            "cannot write the output: {}",
            plain(&e)
        ))),
    }
}

/// Shorten a text to `n` characters for a table cell.
pub fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(n.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}
