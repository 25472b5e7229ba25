//! `stanceline events`: the ordered observations.

use super::{clip, emit, load_model, resolve_parties, resolve_stances};
use crate::cli::{EventsArgs, Format};
use stanceline::model::observation::Observation;
use stanceline::model::timeline::ordered;
use stanceline::output::rows::{EVENT_FIELDS, EventRow};
use stanceline::output::{csv, json, table};

pub fn run(args: &EventsArgs) -> u8 {
    let ds = &match load_model(&args.model, true) {
        Ok(ds) => ds,
        Err(code) => return code,
    };
    let cb = &ds.codebook;
    let parties = match resolve_parties(cb, &args.party) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let stances = match resolve_stances(cb, &args.stance) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let from = args.from.map(|d| d.first_day());
    let to = args.to.map(|d| d.last_day());
    let selected: Vec<&Observation> = ordered(ds)
        .into_iter()
        .map(|i| &ds.observations[i])
        .filter(|o| parties.is_empty() || parties.contains(&o.party))
        .filter(|o| stances.is_empty() || stances.contains(&o.stance))
        .filter(|o| from.is_none_or(|f| o.end.is_none_or(|e| e >= f)))
        .filter(|o| to.is_none_or(|t| o.start.is_none_or(|s| s <= t)))
        .collect();
    let row = |&o: &_| EventRow::new(ds, o);
    emit(|out| match args.model.format {
        // Rows made and written in parallel chunks: a corpus gives hundreds of thousands.
        Format::Json => json::write_par(out, &selected, row),
        Format::Csv => csv::write_par(out, EVENT_FIELDS, &selected, row),
        Format::Table => {
            let rows: Vec<EventRow> = selected.iter().map(row).collect();
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.held.clone(),
                        r.party_name.to_string(),
                        r.stance_label.to_string(),
                        r.basis.to_string(),
                        r.speaker.unwrap_or_default().to_string(),
                        clip(r.quote.unwrap_or(""), 80),
                        format!("{} ({})", r.article, r.published),
                    ]
                })
                .collect();
            write!(
                out,
                "{}",
                table::render(
                    &[
                        "held", "party", "stance", "basis", "speaker", "quote", "article"
                    ],
                    &cells
                )
            )?;
            writeln!(
                out,
                "{}",
                stanceline::words::plural(rows.len(), "position", "positions")
            )
        }
    })
}
