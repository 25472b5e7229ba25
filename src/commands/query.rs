//! `stanceline query`: what a party held at a date and on what evidence, every party (or
//! those named) at a date, or their histories.

use super::{Result, answer, clip, load_model, recorded, resolve_parties};
use crate::cli::QueryArgs;
use chrono::NaiveDate;
use stanceline::model::PartyId;
use stanceline::model::codebook::Codebook;
use stanceline::model::observation::Dataset;
use stanceline::model::query::{self, Answer};
use stanceline::model::timeline::{State, Timeline, timelines};
use stanceline::output::rows::{AnswerRecord, AnswerRow, Evidence, Status};
use stanceline::output::{Format, Rows, table};
use stanceline::report::SkippedFile;
use stanceline::words::{and_list, plural};
use std::io::{self, Write};

pub fn run(args: &QueryArgs) -> Result {
    let model = load_model(&args.model, true)?;
    let ds = &model.dataset;
    let names: Vec<String> = args.party.iter().chain(&args.parties).cloned().collect();
    let named = resolve_parties(&ds.codebook, &names)?;
    let parties: Vec<PartyId> = if named.is_empty() {
        ds.codebook.party_ids().collect()
    } else {
        named.clone()
    };
    let tls = timelines(ds);
    let format: Format = args.model.format.into();
    let Some(at) = args.at else {
        return histories(ds, &tls, &parties, format, &model.skipped);
    };
    let (start, end) = (
        at.start_day().unwrap_or(NaiveDate::MIN),
        at.end_day().unwrap_or(NaiveDate::MAX),
    );
    let written = at.to_string();
    let rows: Vec<AnswerRecord> = parties
        .iter()
        .flat_map(|&p| {
            query::at(&tls[p.index()], start, end)
                .into_iter()
                .map(|a| AnswerRecord::new(ds, &tls, p, Some(written.clone()), (start, end), &a))
                .collect::<Vec<_>>()
        })
        .collect();
    answer(
        format,
        &Rows::of(&rows),
        &model.skipped,
        |out, _| match named[..] {
            [p] => party_at_table(out, ds, p, &written, &rows),
            _ => {
                writeln!(out, "{} on {written}", ds.codebook.question())?;
                summary_table(out, &ds.codebook, &rows, true)
            }
        },
    )
}

/// Each party's history, one row per segment with all the evidence of each; in a table, one
/// section per party.
fn histories(
    ds: &Dataset,
    tls: &[Timeline],
    parties: &[PartyId],
    format: Format,
    skipped: &[SkippedFile],
) -> Result {
    let all = (NaiveDate::MIN, NaiveDate::MAX);
    let rows: Vec<AnswerRecord> = parties
        .iter()
        .flat_map(|&p| {
            let tl = &tls[p.index()];
            if tl.segments.is_empty() {
                let none = Answer::Unknown(query::Unknown::NoPositions);
                return vec![AnswerRecord::new(ds, tls, p, None, all, &none)];
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
                    AnswerRecord::new(ds, tls, p, None, all, &answer)
                })
                .collect()
        })
        .collect();
    answer(format, &Rows::of(&rows), skipped, |out, _| {
        for (i, &p) in parties.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            let id = &ds.codebook.party(p).id;
            let mine: Vec<&AnswerRecord> = rows.iter().filter(|r| &r.row.party == id).collect();
            writeln!(out, "{}: history", ds.codebook.party(p).name)?;
            summary_table(out, &ds.codebook, &mine, false)?;
        }
        Ok(())
    })
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
fn summary_table<'a, R: std::borrow::Borrow<AnswerRecord<'a>>>(
    out: &mut dyn Write,
    cb: &Codebook,
    rows: &[R],
    by_party: bool,
) -> io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|a| {
            let a = a.borrow();
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
    party: PartyId,
    written: &str,
    rows: &[AnswerRecord],
) -> io::Result<()> {
    let cb = &ds.codebook;
    for (i, a) in rows.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let r = &a.row;
        let mut pairs = vec![
            (
                "party",
                format!("{} ({})", r.party_name, cb.party(party).id),
            ),
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
        if r.status == Status::Known {
            let others: Vec<String> = a
                .disagreeing
                .iter()
                .map(|(p, state)| match state {
                    State::Stance(s) => format!("{} ({})", cb.party(*p).name, cb.stance(*s).label),
                    State::Conflict(_) => format!("{} (conflicting record)", cb.party(*p).name),
                })
                .collect();
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
            let mut row = vec![e.held_described];
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
