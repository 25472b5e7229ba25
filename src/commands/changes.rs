//! `stanceline changes`: every change of stance, in time order.

use super::{Result, answer, date_range, load_model, resolve_parties};
use crate::cli::ChangesArgs;
use chrono::NaiveDate;
use stanceline::model::PartyId;
use stanceline::model::change::changes;
use stanceline::model::observation::Dataset;
use stanceline::model::timeline::timelines;
use stanceline::output::rows::ChangeRecord;
use stanceline::output::{Rows, table};
use stanceline::words::or_list;

pub fn run(args: &ChangesArgs) -> Result {
    // Usage errors first, before reading anything.
    let (from, to) = date_range(args.from, args.to)?;
    let model = load_model(&args.model, true)?;
    let ds = &model.dataset;
    let cb = &ds.codebook;
    let parties = resolve_parties(cb, &args.party)?;
    let mut all: Vec<_> = timelines(ds)
        .iter()
        .filter(|tl| parties.is_empty() || parties.contains(&tl.party))
        .flat_map(|tl| changes(ds, tl))
        .filter(|c| from.is_none_or(|f| c.date >= f) && to.is_none_or(|t| c.date <= t))
        .collect();
    // In time order; on one day, in codebook party order.
    all.sort_by_key(|c| (c.date, c.party));
    let records: Vec<ChangeRecord> = all.iter().map(|c| ChangeRecord::new(ds, c)).collect();
    answer(
        args.model.format.into(),
        &Rows::of(&records),
        &model.skipped,
        |out, _| {
            if records.is_empty() {
                return writeln!(out, "{}", no_changes(ds, &parties, (from, to)));
            }
            let cells: Vec<Vec<String>> = all
                .iter()
                .zip(&records)
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
        },
    )
}

/// What an empty table says instead: `no changes`, for which parties, when and by when.
fn no_changes(
    ds: &Dataset,
    parties: &[PartyId],
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
) -> String {
    let mut text = String::from("no changes");
    if !parties.is_empty() {
        let names: Vec<&str> = parties
            .iter()
            .map(|&p| ds.codebook.party(p).name.as_str())
            .collect();
        text.push_str(&format!(" for {}", or_list(&names)));
    }
    match (from, to) {
        (Some(f), Some(t)) => text.push_str(&format!(" between {f} and {t}")),
        (Some(f), None) => text.push_str(&format!(" on or after {f}")),
        (None, Some(t)) => text.push_str(&format!(" on or before {t}")),
        (None, None) => {}
    }
    if let Some(day) = ds.as_of {
        text.push_str(&format!(" known by {day}"));
    }
    text
}
