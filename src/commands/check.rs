//! `stanceline check`: validate everything and report every problem in one run.

use super::{Error, Outcome, Result, load_options, messages};
use crate::cli::{CheckArgs, MessageFormat};
use stanceline::annotation::load;
use stanceline::diagnostic::{self, Diagnostic, Level, Levels, WarningKind};

pub fn run(args: &CheckArgs) -> Result {
    // Usage errors first, before reading anything.
    let asked = levels(args)?;
    if let Some(dir) = &args.sources {
        sources_directory(dir)?;
    }
    let mut options = load_options(&args.annotations)?;
    options.sources = args.sources.clone();
    // The full form shows the lines of conflicts found after loading, and JSON where each
    // place ends; the short form needs only the texts of files with problems found while
    // loading (for none, in fact).
    options.keep_all_texts = args.message_format != MessageFormat::Short;
    options.keep_evidence = false;
    let mut loaded = load::load(&options);
    // The command line's settings over the codebook's `check:`.
    let levels = asked.over(&loaded.levels);
    // Conflicts allowed are not looked for: on a large corpus, finding them takes a while.
    let conflicts = if levels.level(WarningKind::Conflict) != Level::Allow {
        diagnostic::conflict_warnings(&loaded.dataset)
    } else {
        Vec::new()
    };
    let mut diagnostics = findings(&options.dir, &loaded, &levels, conflicts);
    let sources = std::mem::take(&mut loaded.sources);
    let shown = Shown {
        format: args.message_format,
        verified: args.sources.is_some(),
    };
    print(&loaded, &sources, &mut diagnostics, shown, None)
}

/// How `check` shows what it found.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    pub format: MessageFormat,
    /// Whether quotes were checked against the articles' texts (`--sources`).
    pub verified: bool,
}

/// Everything `check` reports of a load: loading's problems, the conflicts (found by the
/// caller, all at once or party by party), the editor schemas' warnings, at the levels asked.
pub fn findings(
    dir: &std::path::Path,
    loaded: &load::Loaded,
    levels: &Levels,
    conflicts: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut diagnostics = loaded.diagnostics.clone();
    if levels.level(WarningKind::Conflict) != Level::Allow {
        diagnostics.extend(conflicts);
    }
    diagnostics.extend(stanceline::authoring::schema::check_warnings(dir, loaded));
    levels.apply(&mut diagnostics);
    diagnostics
}

/// Print what `check` found as it prints it (the diagnostics, the notes, the summary line),
/// and whether there are errors: `check` does once, each round of `watch` again.
pub fn print(
    loaded: &load::Loaded,
    sources: &diagnostic::Sources,
    diagnostics: &mut Vec<Diagnostic>,
    shown: Shown,
    rendered: Option<&mut super::Rendered>,
) -> Result<Outcome> {
    super::print_diagnostics_of(sources, diagnostics, shown.format, rendered)?;
    if shown.format == MessageFormat::Human
        && let Some(kinds) = by_kind(diagnostics)
    {
        messages::note_with_help(
            format_args!("warnings by kind: {kinds}"),
            &[
                "--allow KIND leaves a kind out, --deny KIND makes it an error; the codebook's \
               `check:` sets them for the project"
                    .into(),
            ],
        );
    }
    if !shown.verified {
        messages::note("quotes were not verified against the articles' texts (pass --sources DIR)");
    }
    messages::line(loaded.summary_of(diagnostics));
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == diagnostic::Severity::Error)
        .count();
    Ok(if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// The levels `--allow` and `--deny` ask for; one name given to both is a usage error.
pub fn levels(args: &CheckArgs) -> Result<Levels> {
    let mut levels = Levels::default();
    for &lint in &args.allow {
        levels.set(lint, Level::Allow);
    }
    for &lint in &args.deny {
        if args.allow.contains(&lint) {
            return Err(Error::usage(format!("`{lint}` is both allowed and denied"))
                .help(format!("pass `{lint}` to --allow or to --deny, not both")));
        }
        levels.set(lint, Level::Deny);
    }
    Ok(levels)
}

/// Past this many warnings (more than a screen), the full form ends with a count per kind.
const COUNT_KINDS_FROM: usize = 10;

/// `1204 conflict, 37 missing-quote, 2 line-ends`: how many warnings of each kind there are
/// (denied ones too), the most first, when there are enough for a count to help.
fn by_kind(diagnostics: &[Diagnostic]) -> Option<String> {
    let mut counts = [0usize; WarningKind::ALL.len()];
    for d in diagnostics {
        if let Some(kind) = d.kind {
            counts[kind as usize] += 1;
        }
    }
    if counts.iter().sum::<usize>() < COUNT_KINDS_FROM {
        return None;
    }
    let mut kinds: Vec<(usize, WarningKind)> = WarningKind::ALL
        .into_iter()
        .map(|k| (counts[k as usize], k))
        .filter(|(n, _)| *n > 0)
        .collect();
    kinds.sort_by_key(|&(n, k)| (std::cmp::Reverse(n), k));
    let counted: Vec<String> = kinds.iter().map(|(n, k)| format!("{n} {k}")).collect();
    Some(counted.join(", "))
}

/// `--sources DIR` must name a directory: otherwise every quote would be reported as
/// unverifiable, one warning per article, for a mistyped path.
pub fn sources_directory(dir: &std::path::Path) -> Result<()> {
    let shown = dir.display();
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Error::usage(format!(
            "the sources directory `{shown}` is a file, not a directory"
        ))
        .help("pass the directory that holds the articles' `source:` texts")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::usage(format!(
            "the sources directory `{shown}` does not exist"
        ))
        .help("pass the directory that holds the articles' `source:` texts")),
        Err(e) => Err(Error::usage(format!(
            "cannot read the sources directory `{shown}`: {}",
            stanceline::output::write::plain(&e)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stanceline::span::Span;

    #[test]
    fn kinds_are_counted_the_most_first_past_a_screenful() {
        let w = |k| Diagnostic::warning(k, "a.yaml", Span::FILE, "w");
        let mut diagnostics = vec![w(WarningKind::LineEnds); 3];
        diagnostics.extend(vec![w(WarningKind::Conflict); 6]);
        diagnostics.push(Diagnostic::error("a.yaml", Span::FILE, "e"));
        assert_eq!(by_kind(&diagnostics), None);
        diagnostics.push(w(WarningKind::MissingQuote));
        assert_eq!(
            by_kind(&diagnostics).as_deref(),
            Some("6 conflict, 3 line-ends, 1 missing-quote")
        );
    }
}
