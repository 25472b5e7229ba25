//! `stanceline agree`: Krippendorff's alpha between the record's coders and the reliability
//! coders, on the articles coded again; the units, coverage, disagreements and matrix.

use super::{Error, MessageFormat, Result, clip, emit, load_options, print_diagnostics};
use crate::cli::AgreeArgs;
use stanceline::annotation::load::{self, Loaded};
use stanceline::diagnostic::Severity;
use stanceline::model::agreement::Level;
use stanceline::model::reliability::{Bootstrap, Study, Variable};
use stanceline::output::agreement::{CoverageRow, FigureRow, UnitRow, unit_labels, write_matrix};
use stanceline::output::{self, Format, Rows, table};
use stanceline::words::{and_list, plural};
use std::io::Write;

pub fn run(args: &AgreeArgs) -> Result {
    let format = args.format.map(Format::from);
    let variable = Variable::from(args.variable);
    let level = args.level.map_or(variable.levels()[0], Level::from);
    if args.matrix {
        matrix_usage(format, variable, level)?;
    }
    let loaded = load(args)?;
    let study = Study::new(&loaded.dataset, &loaded.reliability);
    let format = format.unwrap_or(Format::Table);
    if args.matrix {
        return emit(|out| write_matrix(out, &study, variable, level));
    }
    if args.units || args.disagreements {
        return units(&study, format, args.disagreements);
    }
    if args.coverage {
        let rows: Vec<CoverageRow> = study
            .coverage()
            .iter()
            .map(|c| CoverageRow::new(&study, c))
            .collect();
        return emit(|out| {
            output::export(out, format, &Rows::of(&rows), |out, _| {
                coverage_table(out, &rows)
            })
        });
    }
    let bootstrap = Bootstrap {
        samples: args.bootstrap,
        seed: args.seed,
    };
    let figures: Vec<FigureRow> = study
        .figures(bootstrap)
        .iter()
        .map(|f| FigureRow::new(&study, f))
        .collect();
    emit(|out| {
        output::export(out, format, &Rows::of(&figures), |out, _| {
            report(out, &study, &figures)
        })
    })
}

/// The matrix is CSV, of a variable at one of its levels.
fn matrix_usage(format: Option<Format>, variable: Variable, level: Level) -> Result<()> {
    if format.is_some_and(|f| f != Format::Csv) {
        return Err(
            Error::usage("the reliability matrix is written as CSV only")
                .help("leave out --format, or pass --format csv"),
        );
    }
    let levels: Vec<&str> = variable.levels().iter().map(|l| l.as_str()).collect();
    if !variable.levels().contains(&level) {
        return Err(Error::usage(format!(
            "{} is measured at the {} level, not {}",
            variable.as_str(),
            and_list(&levels),
            level.as_str()
        ))
        .help(format!("pass --level {}", levels.join(" or --level "))));
    }
    Ok(())
}

/// The record and its reliability codings; with errors in either, they are printed and the
/// figures refused, as every command that answers does. Without codings there is nothing to
/// compare.
fn load(args: &AgreeArgs) -> Result<Loaded> {
    let mut options = load_options(&args.annotations)?;
    options.keep_all_texts = false;
    let mut loaded = load::load(&options);
    let errors = loaded.errors();
    if errors > 0 {
        loaded.diagnostics.retain(|d| d.severity == Severity::Error);
        print_diagnostics(&mut loaded, MessageFormat::Human)?;
        return Err(Error::problems(format!(
            "the annotations have {}; run `stanceline check` and fix them first",
            plural(errors, "error", "errors")
        )));
    }
    if loaded.reliability.is_empty() {
        let dir = options.dir.join("reliability");
        return Err(Error::problems(format!(
            "no reliability codings in `{}`: nothing to compare the record with",
            dir.display()
        ))
        .help(
            "put a second coder's codings of some articles in `reliability/CODER/`, one file \
             for each article, in the format of `articles/`",
        ));
    }
    Ok(loaded)
}

/// `--units` (every unit) or `--disagreements` (those whose coders disagree on the stance).
fn units(study: &Study, format: Format, disagreements: bool) -> Result {
    let labels = unit_labels(study);
    let rows: Vec<UnitRow> = study
        .units
        .iter()
        .zip(&labels)
        .filter(|(u, _)| !disagreements || u.disagrees())
        .flat_map(|(u, label)| UnitRow::of(study, u, label))
        .collect();
    emit(|out| {
        output::export(out, format, &Rows::of(&rows), |out, _| {
            if rows.is_empty() {
                return writeln!(out, "no disagreements on the stance");
            }
            units_table(out, &rows, !disagreements)
        })
    })
}

fn units_table(out: &mut dyn Write, rows: &[UnitRow], all: bool) -> std::io::Result<()> {
    let mut last = "";
    let cells = rows.iter().map(|r| {
        let first = r.unit != last;
        last = &r.unit;
        // The unit as its article, party and (for a split unit) held period, one a line.
        let unit = match (&r.period, first) {
            (_, false) => String::new(),
            (Some(p), true) => format!("{}\n{}\nheld {p}", r.article, r.party_name),
            (None, true) => format!("{}\n{}", r.article, r.party_name),
        };
        let mut cells = vec![
            unit,
            r.coder.to_string(),
            r.stance_label.unwrap_or("(none)").to_string(),
        ];
        if all {
            cells.push(r.basis.unwrap_or_default().to_string());
            cells.push(r.confidence.unwrap_or_default().to_string());
        }
        cells.push(clip(r.quote.unwrap_or_default(), 80));
        cells
    });
    let header: &[&str] = if all {
        &["unit", "coder", "stance", "basis", "confidence", "quote"]
    } else {
        &["unit", "coder", "stance", "quote"]
    };
    table::write(out, header, cells)
}

fn coverage_table(out: &mut dyn Write, rows: &[CoverageRow]) -> std::io::Result<()> {
    let cells = rows.iter().map(|r| {
        vec![
            r.coder.to_string(),
            r.articles.to_string(),
            r.units.to_string(),
            r.coded.to_string(),
            r.missing.to_string(),
            r.not_coded.replace(';', ", "),
        ]
    });
    let header = [
        "coder",
        "articles",
        "units",
        "coded",
        "missing",
        "parties not coded",
    ];
    table::write(out, &header, cells)
}

/// The whole report: the study, the figures overall and by party, coverage, disagreements.
fn report(out: &mut dyn Write, study: &Study, figures: &[FigureRow]) -> std::io::Result<()> {
    let coders: Vec<&str> = study.coders.iter().map(String::as_str).collect();
    writeln!(
        out,
        "Agreement between {} ({}) on {} coded again: {}",
        plural(coders.len(), "coder", "coders"),
        and_list(&coders),
        plural(study.articles.len(), "article", "articles"),
        plural(study.units.len(), "unit", "units"),
    )?;
    let (overall, by_party): (Vec<&FigureRow>, Vec<&FigureRow>) =
        figures.iter().partition(|f| f.party.is_none());
    figures_table(out, &overall)?;
    writeln!(out, "\nalpha by party (intervals in --format json or csv):")?;
    party_table(out, &by_party)?;
    writeln!(out, "\ncoverage:")?;
    let coverage: Vec<CoverageRow> = study
        .coverage()
        .iter()
        .map(|c| CoverageRow::new(study, c))
        .collect();
    coverage_table(out, &coverage)?;
    let labels = unit_labels(study);
    let rows: Vec<UnitRow> = study
        .units
        .iter()
        .zip(&labels)
        .filter(|(u, _)| u.disagrees())
        .flat_map(|(u, label)| UnitRow::of(study, u, label))
        .collect();
    if rows.is_empty() {
        return writeln!(out, "\nno disagreements on the stance");
    }
    let units = rows
        .iter()
        .map(|r| &r.unit)
        .collect::<std::collections::BTreeSet<_>>();
    writeln!(
        out,
        "\n{} on the stance:",
        plural(units.len(), "disagreement", "disagreements")
    )?;
    units_table(out, &rows, false)
}

/// The figures over all units, one row each, then what a reader needs to know of them.
fn figures_table(out: &mut dyn Write, figures: &[&FigureRow]) -> std::io::Result<()> {
    let cells = figures.iter().map(|f| {
        vec![
            f.variable.to_string(),
            f.level.to_string(),
            alpha(f),
            match (f.ci_low, f.ci_high) {
                (Some(l), Some(h)) => format!("{l:.3} to {h:.3}"),
                _ => String::new(),
            },
            f.units.to_string(),
            f.values.to_string(),
            f.coders.to_string(),
            f.left_out.to_string(),
        ]
    });
    let header = [
        "variable", "level", "alpha", "95% CI", "units", "values", "coders", "left out",
    ];
    table::write(out, &header, cells)?;
    if figures.iter().any(|f| f.left_out > 0) {
        writeln!(
            out,
            "left out: values of stances without a score, which have no place at the ordinal \
             and interval levels"
        )?;
    }
    reasons(out, figures)
}

/// Alpha to three places, or `undefined*` (the reason follows the table).
fn alpha(f: &FigureRow) -> String {
    f.alpha.map_or("undefined*".into(), |a| format!("{a:.3}"))
}

/// `* China, basis nominal: no variation: ...`: the reason of each figure left undefined.
fn reasons(out: &mut dyn Write, figures: &[&FigureRow]) -> std::io::Result<()> {
    for f in figures {
        if let Some(reason) = &f.undefined {
            let party = f
                .party_name
                .as_ref()
                .map_or(String::new(), |p| format!("{p}, "));
            writeln!(out, "* {party}{} {}: {reason}", f.variable, f.level)?;
        }
    }
    Ok(())
}

/// One row per party: alpha of each variable at each level, and the party's units.
fn party_table(out: &mut dyn Write, figures: &[&FigureRow]) -> std::io::Result<()> {
    let per_party = Variable::ALL
        .iter()
        .map(|v| v.levels().len())
        .sum::<usize>();
    let mut header = vec!["party".to_string()];
    header.extend(
        figures
            .iter()
            .take(per_party)
            .map(|f| format!("{} {}", f.variable, f.level)),
    );
    header.push("units".into());
    let cells = figures.chunks(per_party).map(|party| {
        let mut cells = vec![party[0].party_name.clone().unwrap_or_default()];
        cells.extend(party.iter().map(|f| alpha(f)));
        cells.push(party[0].units.to_string());
        cells
    });
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    table::write(out, &header, cells)?;
    reasons(out, figures)
}
