//! `stanceline report`: one self-contained HTML page with the charts, every piece of evidence
//! and the sources.

use super::check::sources_directory;
use super::{
    Error, Outcome, Result, date_range, emit, load_options, load_valid, messages, resolve_parties,
};
use crate::cli::ReportArgs;
use rayon::prelude::*;
use stanceline::annotation::load::read_source;
use stanceline::model::observation::Dataset;
use stanceline::model::reliability::{Bootstrap, Coding, Study};
use stanceline::model::timeline::timelines;
use stanceline::output::agreement::{FigureRow, UnitRow, unit_labels};
use stanceline::output::write::Guard;
use stanceline::report::{self, Agreement, Input, SkippedFile, SourceText};
use stanceline::words::plural;
use std::path::Path;

pub fn run(args: &ReportArgs) -> Result {
    let guard = Guard::new(&args.annotations.annotations);
    // Usage errors first, before reading anything.
    let stdout = args.output.as_os_str() == "-";
    if !stdout {
        check_target(&guard, &args.output)?;
    }
    let (from, to) = date_range(args.from, args.to)?;
    if let Some(dir) = &args.sources {
        sources_directory(dir)?;
    }

    let (ds, codings, skipped) = load_report(args)?;
    // Agreement is over every coding, before any cut by --known-by or --party.
    let agreement = (!codings.is_empty()).then(|| agreement(&ds, &codings));
    let ds = match args.known_by {
        Some(d) => ds.known_by(d.last_day()),
        None => ds,
    };
    let parties = resolve_parties(&ds.codebook, &args.party)?;
    let sources = args.sources.as_deref().map(|dir| source_texts(&ds, dir));
    let timelines = timelines(&ds);
    let input = Input {
        ds: &ds,
        timelines: &timelines,
        parties,
        from,
        to,
        known_by: args.known_by.map(|d| d.last_day()),
        sources,
        skipped,
        version: env!("CARGO_PKG_VERSION"),
        agreement,
    };
    let page = report::render(&input).map_err(|e| Error::problems(e.to_string()))?;
    say(&input, &page);
    if stdout {
        return emit(|out| out.write_all(page.html.as_bytes()));
    }
    match guard.write_atomically(&args.output, page.html.as_bytes()) {
        Ok(()) => {
            messages::line(format_args!(
                "wrote {} (HTML, {} KB: {} from {})",
                args.output.display(),
                page.html.len().div_ceil(1024),
                plural(page.positions, "position", "positions"),
                plural(page.articles, "article", "articles"),
            ));
            Ok(Outcome::Success)
        }
        Err(e) if e.is_usage() => Err(Error::usage(e.to_string())),
        Err(e) => Err(Error::problems(e.to_string())),
    }
}

/// The report of a whole record, as `stanceline report` writes it without options but
/// `--sources` (for `watch --report`).
pub fn whole_page(
    ds: &Dataset,
    codings: &[Coding],
    skipped: Vec<SkippedFile>,
    sources: Option<&Path>,
) -> Result<report::Page> {
    let timelines = timelines(ds);
    let input = Input {
        ds,
        timelines: &timelines,
        parties: Vec::new(),
        from: None,
        to: None,
        known_by: None,
        sources: sources.map(|dir| source_texts(ds, dir)),
        skipped,
        version: env!("CARGO_PKG_VERSION"),
        agreement: (!codings.is_empty()).then(|| agreement(ds, codings)),
    };
    report::render(&input).map_err(|e| Error::problems(e.to_string()))
}

/// `-o FILE` must be outside the annotations and not a directory.
pub fn check_target(guard: &Guard, path: &Path) -> Result<()> {
    guard.check(path).map_err(|e| {
        Error::usage(e.to_string())
            .help("write the report outside it, such as `-o charts/report.html`")
    })?;
    if path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/') {
        return Err(Error::usage(format!(
            "`{}` is a directory; -o takes a file",
            path.display()
        ))
        .help(format!(
            "name a file such as `{}`",
            path.join("report.html").display()
        )));
    }
    Ok(())
}

/// The agreement figures over all units, and the disagreements on the stance, in words, as
/// `stanceline agree` gives them (with its default bootstrap).
fn agreement(ds: &Dataset, codings: &[Coding]) -> Agreement {
    let study = Study::new(ds, codings);
    let coders: Vec<&str> = study.coders.iter().map(String::as_str).collect();
    let summary = format!(
        "{} ({}) on {} coded again: {}",
        plural(coders.len(), "coder", "coders"),
        stanceline::words::and_list(&coders),
        plural(study.articles.len(), "article", "articles"),
        plural(study.units.len(), "unit", "units"),
    );
    let bootstrap = Bootstrap {
        samples: 10_000,
        seed: 1,
    };
    let rows: Vec<FigureRow> = study
        .figures(bootstrap)
        .iter()
        .map(|f| FigureRow::new(&study, f))
        .filter(|f| f.party.is_none())
        .collect();
    let figures = rows
        .iter()
        .map(|f| {
            [
                f.variable.to_string(),
                f.level.to_string(),
                f.alpha.map_or("undefined".into(), |a| format!("{a:.3}")),
                match (f.ci_low, f.ci_high) {
                    (Some(l), Some(h)) => format!("{l:.3} to {h:.3}"),
                    _ => String::new(),
                },
                f.units.to_string(),
                f.values.to_string(),
                f.coders.to_string(),
                f.left_out.to_string(),
            ]
        })
        .collect();
    let undefined = rows
        .iter()
        .filter_map(|f| {
            let why = f.undefined.as_ref()?;
            Some(format!("{}, {}: undefined: {why}", f.variable, f.level))
        })
        .collect();
    let labels = unit_labels(&study);
    let disagreements = study
        .units
        .iter()
        .zip(&labels)
        .filter(|(u, _)| u.disagrees())
        .flat_map(|(u, label)| UnitRow::of(&study, u, label))
        .map(|r| {
            let unit = match &r.period {
                Some(p) => format!("{}, {}, held {p}", r.article, r.party_name),
                None => format!("{}, {}", r.article, r.party_name),
            };
            [
                unit,
                r.coder.to_string(),
                r.stance_label.unwrap_or("(none)").to_string(),
                r.quote.unwrap_or_default().to_string(),
            ]
        })
        .collect();
    Agreement {
        summary,
        figures,
        undefined,
        disagreements,
    }
}

/// The annotations and their reliability codings, or their errors printed and the exit code;
/// with `--skip-broken`, without the article files with errors, which are returned to be
/// listed in the report.
fn load_report(args: &ReportArgs) -> Result<(Dataset, Vec<Coding>, Vec<SkippedFile>)> {
    let (loaded, skipped) = load_valid(load_options(&args.annotations)?, args.skip)?;
    Ok((loaded.dataset, loaded.reliability, skipped))
}

/// Each article's `source:` text in `dir`, read in parallel.
fn source_texts(ds: &Dataset, dir: &Path) -> Vec<SourceText> {
    ds.articles
        .par_iter()
        .map(|a| match &a.source {
            None => SourceText::NotNamed,
            Some(s) => match read_source(dir, s) {
                Ok(text) => SourceText::Text(text),
                Err(why) => SourceText::Unreadable(why),
            },
        })
        .collect()
}

/// What a reader should know before opening the page: an empty report, quotes not found.
fn say(input: &Input, page: &report::Page) {
    if page.positions == 0 {
        let what = match input.ds.as_of {
            Some(d) => format!("no position of the parties reported is known by {d}"),
            None if input.from.is_some() || input.to.is_some() => {
                "no position of the parties reported falls in the range asked".to_string()
            }
            None => "no position is recorded for the parties reported".to_string(),
        };
        messages::warning(
            format_args!("{what}: the report is empty"),
            &["widen --from and --to, give a later --known-by, or leave them out".into()],
        );
    }
    if page.missing_quotes > 0 {
        messages::warning(
            format_args!(
                "{} not found in {} source text",
                plural(page.missing_quotes, "quote", "quotes"),
                if page.missing_quotes == 1 { "its" } else { "their" }
            ),
            &["the report's sources table shows the closest passage of each; `stanceline check --sources DIR` points at them".into()],
        );
    }
    if page.unreadable > 0 {
        messages::warning(
            format_args!(
                "{} cannot be read: {} not verified",
                plural(page.unreadable, "source text", "source texts"),
                if page.unreadable == 1 {
                    "its quotes are"
                } else {
                    "their quotes are"
                }
            ),
            &["check `source:` and --sources; the report's sources table names each".into()],
        );
    }
}
