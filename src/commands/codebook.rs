//! `stanceline codebook`: the codebook for reading, as tables, JSON or CSV.

use super::{Error, Result, emit, load_codebook};
use crate::cli::{CodebookArgs, CodebookPart, Format};
use serde::Serialize;
use stanceline::authoring::listing::{Listing, PartyRow, SpeakerRow, StanceRow};
use stanceline::output::{Record, Rows, csv, table};
use std::io::{self, Write};

pub fn run(args: &CodebookArgs) -> Result {
    if args.format == Format::Csv && args.part.is_none() {
        return Err(
            Error::usage("CSV holds one table: name the part of the codebook to list")
                .help("stanceline codebook stances --format csv (or parties, or speakers)"),
        );
    }
    let cb = load_codebook(&args.annotations)?;
    let listing = Listing::new(&cb);
    emit(|out| match args.format {
        Format::Table => write_tables(out, &listing, args.part),
        Format::Json => write_json(out, &listing, args.part),
        Format::Csv => match args.part {
            Some(CodebookPart::Stances) => write_csv(out, &listing.stances),
            Some(CodebookPart::Parties) => write_csv(out, &listing.parties),
            Some(CodebookPart::Speakers) | None => write_csv(out, &listing.speakers),
        },
    })
}

fn write_csv<R: Record + Sync>(out: &mut dyn Write, rows: &[R]) -> io::Result<()> {
    csv::write(out, &Rows::of(rows))
}

fn write_json(
    out: &mut dyn Write,
    listing: &Listing,
    part: Option<CodebookPart>,
) -> io::Result<()> {
    // Written straight from the rows, so that keys keep the rows' field order.
    let mut json = serde_json::Serializer::pretty(&mut *out);
    match part {
        None => listing.serialize(&mut json),
        Some(CodebookPart::Stances) => listing.stances.serialize(&mut json),
        Some(CodebookPart::Parties) => listing.parties.serialize(&mut json),
        Some(CodebookPart::Speakers) => listing.speakers.serialize(&mut json),
    }?;
    writeln!(out)
}

fn write_tables(
    out: &mut dyn Write,
    listing: &Listing,
    part: Option<CodebookPart>,
) -> io::Result<()> {
    let show = |p: CodebookPart| part.is_none_or(|asked| asked == p);
    if part.is_none() {
        writeln!(out, "{}\n", listing.question)?;
    }
    let titled = part.is_none();
    if show(CodebookPart::Stances) {
        if titled {
            writeln!(out, "stances, in scale order:")?;
        }
        let rows: Vec<Vec<String>> = listing.stances.iter().map(stance_cells).collect();
        let header = ["id", "label", "short", "score", "color", "description"];
        let shorts = listing.stances.iter().any(|s| s.short.is_some());
        out.write_all(without_short(&header, rows, shorts).as_bytes())?;
    }
    if show(CodebookPart::Parties) {
        if titled {
            writeln!(out, "\nparties:")?;
        }
        let rows: Vec<Vec<String>> = listing.parties.iter().map(party_cells).collect();
        let header = ["id", "name", "short", "aliases", "color"];
        let shorts = listing.parties.iter().any(|p| p.short.is_some());
        out.write_all(without_short(&header, rows, shorts).as_bytes())?;
    }
    if show(CodebookPart::Speakers) {
        if listing.speakers.is_empty() {
            return writeln!(
                out,
                "{}no speakers in the codebook",
                if titled { "\n" } else { "" }
            );
        }
        if titled {
            writeln!(out, "\nspeakers:")?;
        }
        let rows: Vec<Vec<String>> = listing.speakers.iter().map(speaker_cells).collect();
        let header = ["name", "party", "role", "period"];
        out.write_all(table::render(&header, &rows).as_bytes())?;
    }
    Ok(())
}

/// A table, without its third column (`short`) when no row has a short label.
fn without_short(header: &[&str], mut rows: Vec<Vec<String>>, shorts: bool) -> String {
    if shorts {
        return table::render(header, &rows);
    }
    let mut header = header.to_vec();
    header.remove(2);
    for row in &mut rows {
        row.remove(2);
    }
    table::render(&header, &rows)
}

/// The codebook's color, or the one charts choose, marked so.
fn color_cell(given: &Option<String>, chart: &str) -> String {
    match given {
        Some(c) => c.clone(),
        None => format!("{chart} (chosen)"),
    }
}

fn stance_cells(s: &StanceRow) -> Vec<String> {
    vec![
        s.id.to_string(),
        s.label.to_string(),
        s.short.unwrap_or_default().to_string(),
        s.score.map_or("off the axis".into(), |x| x.to_string()),
        color_cell(&s.color, &s.chart_color),
        s.description.unwrap_or_default().to_string(),
    ]
}

fn party_cells(p: &PartyRow) -> Vec<String> {
    vec![
        p.id.to_string(),
        p.name.to_string(),
        p.short.unwrap_or_default().to_string(),
        p.aliases.replace(';', ", "),
        color_cell(&p.color, &p.chart_color),
    ]
}

fn speaker_cells(s: &SpeakerRow) -> Vec<String> {
    let period = match (&s.from, &s.to) {
        (Some(f), Some(t)) => format!("{f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("until {t}"),
        (None, None) => String::new(),
    };
    vec![
        s.name.to_string(),
        s.party_name.to_string(),
        s.role.unwrap_or_default().to_string(),
        period,
    ]
}
