//! Answers to "what did this party hold then?".

use super::id::{ObservationId, PartyId, StanceId};
use super::timeline::{Segment, State, Timeline};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Why nothing is known about a party at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// The party has no position at all.
    NoPositions,
    /// The time is before the party's first position.
    BeforeFirst { first: NaiveDate },
    /// The time falls in a gap after a position that held through a closed interval.
    Gap {
        previous_end: NaiveDate,
        next_start: Option<NaiveDate>,
    },
}

impl Unknown {
    /// For people. `as_of` is the day the record was cut at (`--known-by`), if it was: then
    /// what is missing is only missing from what was known by that day.
    pub fn describe(&self, as_of: Option<NaiveDate>) -> String {
        match (self, as_of) {
            (Unknown::NoPositions, None) => "no position recorded for this party".into(),
            (Unknown::NoPositions, Some(day)) => format!("no position known by {day}"),
            (Unknown::BeforeFirst { first }, None) => {
                format!("no position before {first}, the party's first")
            }
            (Unknown::BeforeFirst { first }, Some(day)) => {
                format!("no position before {first}, the party's first known by {day}")
            }
            (
                Unknown::Gap {
                    previous_end,
                    next_start: Some(next),
                },
                _,
            ) => format!(
                "a gap: the last position held through {previous_end} (a closed interval); the next starts {next}"
            ),
            (
                Unknown::Gap {
                    previous_end,
                    next_start: None,
                },
                None,
            ) => format!(
                "a gap: the last position held through {previous_end} (a closed interval); none is recorded after it"
            ),
            (
                Unknown::Gap {
                    previous_end,
                    next_start: None,
                },
                Some(day),
            ) => format!(
                "a gap: the last position held through {previous_end} (a closed interval); none after it is known by {day}"
            ),
        }
    }
}

/// One answer: a segment overlapping the asked time, or why none does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<'a> {
    Known {
        segment: &'a Segment,
        /// The segment after it, if any (its start is the next change).
        next: Option<&'a Segment>,
        /// The segment's observations that hold during the asked time, in the total order
        /// (for a whole history: all of the segment's).
        evidence: Vec<ObservationId>,
    },
    Unknown(Unknown),
}

/// What the party held over `[start, end]` (inclusive): every segment overlapping it, with
/// the evidence that holds then, or one reason why nothing is known.
pub fn at(tl: &Timeline, start: NaiveDate, end: NaiveDate) -> Vec<Answer<'_>> {
    let segs = &tl.segments;
    let first = segs.partition_point(|s| s.end.is_some_and(|e| e < start));
    let mut out = Vec::new();
    // Each of the party's observations by its place in the timeline, to pick the evidence
    // of the asked time by when it holds.
    let slot: HashMap<ObservationId, usize> = tl
        .observations
        .iter()
        .enumerate()
        .map(|(i, &o)| (o, i))
        .collect();
    let mut i = first;
    while i < segs.len() && segs[i].start.is_none_or(|s| s <= end) {
        let seg = &segs[i];
        // The asked time within this segment.
        let from = seg.start.map_or(start, |s| s.max(start));
        let to = seg.end.map_or(end, |e| e.min(end));
        let evidence = seg
            .evidence
            .iter()
            .copied()
            .filter(|o| tl.holds_during(slot[o], Some(from), Some(to)))
            .collect();
        out.push(Answer::Known {
            segment: seg,
            next: segs.get(i + 1),
            evidence,
        });
        i += 1;
    }
    if !out.is_empty() {
        return out;
    }
    let reason = if segs.is_empty() {
        Unknown::NoPositions
    } else if first == 0 {
        Unknown::BeforeFirst {
            first: segs[0]
                .start
                .expect("a segment after the asked time has a start"),
        }
    } else {
        Unknown::Gap {
            previous_end: segs[first - 1]
                .end
                .expect("a segment before the asked time ends"),
            next_start: segs.get(first).and_then(|s| s.start),
        }
    };
    vec![Answer::Unknown(reason)]
}

/// What another party held while `party` held `stance` over `[start, end]` (open when
/// `None`), where it differs: each other party with each different stance it held then, or a
/// conflict, in codebook order of parties and time order, each once.
pub fn disagreeing(
    tls: &[Timeline],
    party: PartyId,
    stance: StanceId,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
) -> Vec<(PartyId, State)> {
    let mut out: Vec<(PartyId, State)> = Vec::new();
    for tl in tls.iter().filter(|tl| tl.party != party) {
        let segs = &tl.segments;
        let first = start.map_or(0, |s| {
            segs.partition_point(|g| g.end.is_some_and(|e| e < s))
        });
        for seg in segs[first..]
            .iter()
            .take_while(|g| end.is_none_or(|e| g.start.is_none_or(|s| s <= e)))
        {
            let differs = seg.stance() != Some(stance);
            if differs && !out.iter().any(|(p, s)| *p == tl.party && *s == seg.state) {
                out.push((tl.party, seg.state.clone()));
            }
        }
    }
    out
}
