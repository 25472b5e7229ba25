//! `stanceline changes`: every change of stance, in time order.

use super::{emit, load_model, resolve_parties};
use crate::cli::{ChangesArgs, Format};
use stanceline::model::change::changes;
use stanceline::model::timeline::timelines;
use stanceline::output::rows::{CHANGE_FIELDS, ChangeJson, ChangeRow};
use stanceline::output::{csv, json, table};

pub fn run(args: &ChangesArgs) -> u8 {
    let ds = &match load_model(&args.model, true) {
        Ok(ds) => ds,
        Err(code) => return code,
    };
    let cb = &ds.codebook;
    let parties = match resolve_parties(cb, &args.party) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut all: Vec<_> = timelines(ds)
        .iter()
        .filter(|tl| parties.is_empty() || parties.contains(&tl.party))
        .flat_map(|tl| changes(ds, tl))
        .collect();
    // In time order; on one day, in codebook party order.
    all.sort_by_key(|c| (c.date, c.party));
    let rows: Vec<ChangeJson> = all.iter().map(|c| ChangeJson::new(ds, c)).collect();
    emit(|out| match args.model.format {
        Format::Json => json::write(out, &rows),
        Format::Csv => {
            let flat: Vec<&ChangeRow> = rows.iter().map(|r| &r.row).collect();
            csv::write(out, CHANGE_FIELDS, &flat)
        }
        Format::Table => {
            let cells: Vec<Vec<String>> = all
                .iter()
                .zip(&rows)
                .map(|(c, r)| {
                    vec![
                        r.row.date.clone(),
                        r.row.party_name.clone(),
                        r.row.from_label.clone(),
                        r.row.to_label.clone(),
                        c.direction.describe(cb),
                        r.row.articles.to_string(),
                    ]
                })
                .collect();
            write!(
                out,
                "{}",
                table::render(
                    &["date", "party", "from", "to", "direction", "articles"],
                    &cells
                )
            )
        }
    })
}
