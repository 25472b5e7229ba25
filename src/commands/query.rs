//! `stanceline query`: what a party held at a date and on what evidence, every party at a
//! date, or one party's history.

use super::{
    Error, Result, clip, emit, load_model, load_options, recorded, resolve_parties, resolve_party,
};
use crate::cli::{AnnotationArgs, QueryArgs};
use chrono::NaiveDate;
use stanceline::annotation::load;
use stanceline::model::PartyId;
use stanceline::model::codebook::Codebook;
use stanceline::model::observation::Dataset;
use stanceline::model::query::{self, Answer};
use stanceline::model::timeline::{State, Timeline, timelines};
use stanceline::output::rows::{AnswerRecord, AnswerRow, Evidence, Status};
use stanceline::output::{self, Format, Rows, table};
use stanceline::words::{and_list, plural};
use std::io::{self, Write};

pub fn run(args: &QueryArgs) -> Result {
    // Usage errors first, before reading anything.
    if args.party.is_none() && args.parties.is_empty() && args.at.is_none() {
        return Err(no_question(&args.model.annotations));
    }
    let ds = &load_model(&args.model, true)?;
    // One party (the argument, or `--party` naming one) is answered in full; several named
    // by `--party` get a row each, as every party does without one.
    let named = match &args.party {
        Some(name) => vec![resolve_party(&ds.codebook, name)?],
        None => resolve_parties(&ds.codebook, &args.parties)?,
    };
    let (party, only) = match named.as_slice() {
        [one] => (Some(*one), Vec::new()),
        _ => (None, named),
    };
    let tls = timelines(ds);
    if party.is_none() && !only.is_empty() && args.at.is_none() {
        return histories(ds, &tls, &only, args.model.format.into());
    }
    let at = args.at.map(|d| {
        (
            d.to_string(),
            d.start_day().unwrap_or(NaiveDate::MIN),
            d.end_day().unwrap_or(NaiveDate::MAX),
        )
    });
    let format: Format = args.model.format.into();
    match (party, at) {
        (Some(p), Some((written, start, end))) => {
            let answers = query::at(&tls[p.index()], start, end);
            let rows: Vec<AnswerRecord> = answers
                .iter()
                .map(|a| AnswerRecord::new(ds, p, Some(written.clone()), a))
                .collect();
            emit(|out| {
                output::export(out, format, &Rows::of(&rows), |out, _| {
                    party_at_table(out, ds, &tls, p, &written, (start, end), &rows)
                })
            })
        }
        (None, Some((written, start, end))) => {
            let asked: Vec<&Timeline> = if only.is_empty() {
                tls.iter().collect()
            } else {
                only.iter().map(|p| &tls[p.index()]).collect()
            };
            let rows: Vec<AnswerRecord> = asked
                .into_iter()
                .flat_map(|tl| {
                    query::at(tl, start, end)
                        .into_iter()
                        .map(|a| AnswerRecord::new(ds, tl.party, Some(written.clone()), &a))
                        .collect::<Vec<_>>()
                })
                .collect();
            emit(|out| {
                output::export(out, format, &Rows::of(&rows), |out, _| {
                    writeln!(out, "{} on {written}", ds.codebook.question())?;
                    summary_table(out, &ds.codebook, &rows, true)
                })
            })
        }
        (Some(p), None) => histories(ds, &tls, &[p], format),
        (None, None) => Err(no_question(&args.model.annotations)),
    }
}

/// Each party's whole history: a table each, one after the other, or the rows of all.
fn histories(ds: &Dataset, tls: &[Timeline], parties: &[PartyId], format: Format) -> Result {
    let mut all: Vec<AnswerRecord> = Vec::new();
    let mut ends = Vec::with_capacity(parties.len());
    for &p in parties {
        all.extend(history(ds, &tls[p.index()]));
        ends.push(all.len());
    }
    emit(|out| {
        output::export(out, format, &Rows::of(&all), |out, _| {
            let mut start = 0;
            for (i, (&p, &end)) in parties.iter().zip(&ends).enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{}: history", ds.codebook.party(p).name)?;
                summary_table(out, &ds.codebook, &all[start..end], false)?;
                start = end;
            }
            Ok(())
        })
    })
}

/// One party's history: a row per segment, or one saying it has no positions.
fn history<'a>(ds: &'a Dataset, tl: &'a Timeline) -> Vec<AnswerRecord<'a>> {
    let p = tl.party;
    if tl.segments.is_empty() {
        return vec![AnswerRecord::new(
            ds,
            p,
            None,
            &Answer::Unknown(query::Unknown::NoPositions),
        )];
    }
    tl.segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let answer = Answer::Known {
                segment: s,
                next: tl.segments.get(i + 1),
                evidence: s.evidence.clone(),
            };
            AnswerRecord::new(ds, p, None, &answer)
        })
        .collect()
}

/// A query with neither a party nor a date, with an example from the annotations at hand.
fn no_question(annotations: &AnnotationArgs) -> Error {
    Error::usage("name a party, or give --at DATE, or both")
        .help(example(annotations).unwrap_or_else(|| "stanceline query PARTY --at DATE".into()))
}

/// `stanceline query iran --at 2013-11-24`: the codebook's first party, at the start of its
/// latest position (or of the latest position of any party), so that the example answers
/// with a stance. Whatever of the annotations is valid serves; their problems are `check`'s
/// to tell. `None` when no codebook with a party can be read.
fn example(annotations: &AnnotationArgs) -> Option<String> {
    let mut options = load_options(annotations).ok()?;
    options.keep_all_texts = false;
    options.keep_evidence = false;
    let ds = load::load(&options).dataset;
    let party = ds.codebook.parties().first()?;
    let first = ds.codebook.party_ids().next()?;
    let latest = |of_party: bool| {
        ds.observations
            .iter()
            .filter(|o| !of_party || o.party == first)
            .filter_map(|o| o.start.or(o.end))
            .max()
    };
    let mut text = format!("stanceline query {}", shell_word(&party.id));
    if let Some(day) = latest(true).or_else(|| latest(false)) {
        text.push_str(&format!(" --at {day}"));
    }
    Some(text)
}

/// A word as a POSIX shell reads it: as it is when it is plain, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_.,+:/@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// A stance by its label; a conflict as `conflict: Bilateral vs Mixed`.
fn stance_cell(cb: &Codebook, a: &AnswerRecord) -> String {
    match (&a.state, a.row.status) {
        (_, Status::Unknown) | (None, _) => "unknown".into(),
        (Some(State::Stance(s)), _) => cb.stance(*s).label.clone(),
        (Some(State::Conflict(stances)), _) => format!(
            "conflict: {}",
            stances
                .iter()
                .map(|&s| cb.stance(s).label.as_str())
                .collect::<Vec<_>>()
                .join(" vs ")
        ),
    }
}

/// What comes after an answer that ends: `Mixed`, or `a conflict between Bilateral and Mixed,`.
fn next_text(cb: &Codebook, next: &State) -> String {
    match next {
        State::Stance(s) => cb.stance(*s).label.clone(),
        State::Conflict(stances) => {
            let labels: Vec<&str> = stances
                .iter()
                .map(|&s| cb.stance(s).label.as_str())
                .collect();
            format!("a conflict between {},", and_list(&labels))
        }
    }
}

fn until_cell(r: &AnswerRow) -> String {
    match (&r.until, r.status) {
        (_, Status::Unknown) => String::new(),
        (Some(u), _) => u.clone(),
        (None, _) => "open".into(),
    }
}

/// One row per answer: for every party at a date, or for one party's history.
fn summary_table(
    out: &mut dyn Write,
    cb: &Codebook,
    rows: &[AnswerRecord],
    by_party: bool,
) -> io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|a| {
            let r = &a.row;
            let mut row = Vec::new();
            if by_party {
                row.push(r.party_name.clone());
            }
            row.extend([
                stance_cell(cb, a),
                r.since.clone().unwrap_or_else(|| {
                    if r.status == Status::Unknown {
                        String::new()
                    } else {
                        "..".into()
                    }
                }),
                until_cell(r),
                if r.status == Status::Unknown {
                    String::new()
                } else {
                    r.articles.to_string()
                },
                r.reason.clone().unwrap_or_else(|| {
                    a.evidence
                        .first()
                        .and_then(|e| e.quote)
                        .map(|q| clip(&q, 60))
                        .unwrap_or_default()
                }),
            ]);
            row
        })
        .collect();
    let mut header = Vec::new();
    if by_party {
        header.push("party");
    }
    header.extend(["stance", "since", "until", "articles", "evidence"]);
    write!(out, "{}", table::render(&header, &cells))
}

/// The full answer for one party at a date: stance, since when, until when, evidence, and
/// which other parties held a different stance then.
fn party_at_table(
    out: &mut dyn Write,
    ds: &Dataset,
    tls: &[Timeline],
    party: PartyId,
    written: &str,
    (start, end): (NaiveDate, NaiveDate),
    rows: &[AnswerRecord],
) -> io::Result<()> {
    let cb = &ds.codebook;
    for (i, a) in rows.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let r = &a.row;
        let mut pairs = vec![
            ("party", format!("{} ({})", r.party_name, r.party)),
            ("at", written.to_string()),
        ];
        match r.status {
            Status::Unknown => {
                pairs.push(("stance", "unknown".into()));
                pairs.push(("why", r.reason.clone().unwrap_or_default()));
                write!(out, "{}", table::card(&pairs))?;
                continue;
            }
            Status::Conflict => pairs.push(("stance", stance_cell(cb, a))),
            Status::Known => pairs.push((
                "stance",
                format!(
                    "{} ({})",
                    r.stance_label.as_deref().unwrap_or(""),
                    r.stance.as_deref().unwrap_or("")
                ),
            )),
        }
        pairs.push(("since", r.since.clone().unwrap_or_else(|| "..".into())));
        let until = match (&r.until, &r.next_change, &a.next_state) {
            (None, _, _) => format!("open: no later position {}", recorded(ds)),
            (Some(u), Some(n), Some(s)) => format!("{u} (next: {} from {n})", next_text(cb, s)),
            (Some(u), _, _) => format!("{u} (then nothing {})", recorded(ds)),
        };
        pairs.push(("until", until));
        pairs.push((
            "support",
            format!(
                "{} from {}",
                plural(r.positions, "position", "positions"),
                plural(r.articles, "article", "articles")
            ),
        ));
        // Other parties whose stance differs during this answer's part of the asked time.
        let seg = tls[party.index()]
            .segments
            .iter()
            .filter(|s| s.interval().overlaps(Some(start), Some(end)))
            .nth(i);
        if let Some((mine, seg)) = seg.and_then(|s| Some((s.stance()?, s))) {
            let from = seg.start.map_or(start, |s| s.max(start));
            let to = seg.end.map_or(end, |e| e.min(end));
            let mut others: Vec<String> = Vec::new();
            for tl in tls.iter().filter(|tl| tl.party != party) {
                for other in tl
                    .segments
                    .iter()
                    .filter(|s| s.interval().overlaps(Some(from), Some(to)))
                {
                    let text = match other.stance() {
                        Some(s) if s == mine => continue,
                        Some(s) => {
                            format!("{} ({})", cb.party(tl.party).name, cb.stance(s).label)
                        }
                        None => format!("{} (conflicting record)", cb.party(tl.party).name),
                    };
                    if !others.contains(&text) {
                        others.push(text);
                    }
                }
            }
            pairs.push((
                "disagreeing",
                if others.is_empty() {
                    format!("none {}", recorded(ds))
                } else {
                    others.join(", ")
                },
            ));
        }
        write!(out, "{}", table::card(&pairs))?;
        writeln!(out, "evidence:")?;
        write!(
            out,
            "{}",
            evidence_table(&a.evidence, r.status == Status::Conflict)
        )?;
    }
    Ok(())
}

/// The evidence of one answer; the stance column only for a conflict, where it differs.
fn evidence_table(evidence: &Evidence, with_stance: bool) -> String {
    let cells: Vec<Vec<String>> = evidence
        .rows()
        .map(|e| {
            let mut row = vec![e.held];
            if with_stance {
                row.push(e.stance_label.clone());
            }
            row.extend([
                e.quote.clone().unwrap_or_default(),
                match &e.speaker {
                    Some(s) => format!("{s} ({})", e.basis),
                    None => e.basis.clone(),
                },
                format!("{}, {}, {}", e.title, e.outlet, e.published),
            ]);
            row
        })
        .collect();
    let mut header = vec!["held"];
    if with_stance {
        header.push("stance");
    }
    header.extend(["quote", "speaker / basis", "article"]);
    table::render(&header, &cells)
}
