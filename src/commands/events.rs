//! `stanceline events`: the ordered observations.

use super::{Result, answer, clip, date_range, load_model, resolve_parties, resolve_stances};
use crate::cli::EventsArgs;
use chrono::NaiveDate;
use stanceline::model::observation::{Dataset, Observation};
use stanceline::model::timeline::ordered;
use stanceline::model::{PartyId, StanceId};
use stanceline::output::rows::EventRow;
use stanceline::output::{Rows, table};
use stanceline::words::or_list;

pub fn run(args: &EventsArgs) -> Result {
    // Usage errors first, before reading anything.
    let (from, to) = date_range(args.from, args.to)?;
    let model = load_model(&args.model, true)?;
    let ds = &model.dataset;
    let cb = &ds.codebook;
    let parties = resolve_parties(cb, &args.party)?;
    let stances = resolve_stances(cb, &args.stance)?;
    let selected: Vec<&Observation> = ordered(ds)
        .into_iter()
        .map(|i| ds.observation(i))
        .filter(|o| parties.is_empty() || parties.contains(&o.party))
        .filter(|o| stances.is_empty() || stances.contains(&o.stance))
        .filter(|o| from.is_none_or(|f| o.end.is_none_or(|e| e >= f)))
        .filter(|o| to.is_none_or(|t| o.start.is_none_or(|s| s <= t)))
        .collect();
    // Rows are made as they are written: a corpus gives hundreds of thousands.
    let rows = Rows::new(&selected, |o| EventRow::new(ds, o));
    answer(
        args.model.format.into(),
        &rows,
        &model.skipped,
        |out, rows| {
            if rows.is_empty() {
                return writeln!(out, "{}", no_positions(ds, &parties, &stances, (from, to)));
            }
            let cells = rows.iter().map(|r| {
                let held = match (r.start_unknown, r.end_unknown) {
                    (true, _) => format!("{} (start unknown)", r.held),
                    (_, true) => format!("{} (end unknown)", r.held),
                    _ => r.held.clone(),
                };
                vec![
                    held,
                    r.party_name.to_string(),
                    r.stance_label.to_string(),
                    r.basis.to_string(),
                    r.speaker.unwrap_or_default().to_string(),
                    clip(r.quote.unwrap_or(""), 80),
                    format!("{} ({})", r.article, r.published),
                ]
            });
            let header = [
                "held", "party", "stance", "basis", "speaker", "quote", "article",
            ];
            table::write(out, &header, cells)?;
            writeln!(
                out,
                "{}",
                stanceline::words::plural(rows.len(), "position", "positions")
            )
        },
    )
}

/// What an empty table says instead: `no positions`, and which ones were asked for.
fn no_positions(
    ds: &Dataset,
    parties: &[PartyId],
    stances: &[StanceId],
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
) -> String {
    let cb = &ds.codebook;
    let mut text = String::from("no positions");
    if !parties.is_empty() {
        let names: Vec<&str> = parties.iter().map(|&p| cb.party(p).name.as_str()).collect();
        text.push_str(&format!(" of {}", or_list(&names)));
    }
    if !stances.is_empty() {
        let labels: Vec<&str> = stances
            .iter()
            .map(|&s| cb.stance(s).label.as_str())
            .collect();
        text.push_str(&format!(" with stance {}", or_list(&labels)));
    }
    match (from, to) {
        (Some(f), Some(t)) => text.push_str(&format!(" held between {f} and {t}")),
        (Some(f), None) => text.push_str(&format!(" held on or after {f}")),
        (None, Some(t)) => text.push_str(&format!(" held on or before {t}")),
        (None, None) => {}
    }
    if let Some(day) = ds.as_of {
        text.push_str(&format!(" known by {day}"));
    }
    text
}
