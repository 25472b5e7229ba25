//! `stanceline events`: the ordered observations.

use super::{Result, clip, date_range, emit, load_model, resolve_parties, resolve_stances};
use crate::cli::EventsArgs;
use stanceline::model::observation::Observation;
use stanceline::model::timeline::ordered;
use stanceline::output::rows::EventRow;
use stanceline::output::{self, Rows, table};

pub fn run(args: &EventsArgs) -> Result {
    // Usage errors first, before reading anything.
    let (from, to) = date_range(args.from, args.to)?;
    let ds = &load_model(&args.model, true)?;
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
    emit(|out| {
        output::export(out, args.model.format.into(), &rows, |out, rows| {
            let cells = rows.iter().map(|r| {
                vec![
                    r.held.clone(),
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
        })
    })
}
