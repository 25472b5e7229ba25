//! Changes: where a party's stance moves from one stance to another.

use super::codebook::Codebook;
use super::id::{ObservationId, PartyId, StanceId};
use super::observation::Dataset;
use super::timeline::{Segment, Timeline};
use chrono::NaiveDate;

/// Which way a change moves on the score axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Toward the pole with the lower score.
    Lower,
    /// Toward the pole with the higher score.
    Higher,
    /// From or to a stance without a score.
    OffAxis,
    /// Between two stances with the same score.
    Level,
}

impl Direction {
    pub fn between(cb: &Codebook, from: StanceId, to: StanceId) -> Direction {
        match (cb.stance(from).score, cb.stance(to).score) {
            (Some(a), Some(b)) if b < a => Direction::Lower,
            (Some(a), Some(b)) if b > a => Direction::Higher,
            (Some(_), Some(_)) => Direction::Level,
            _ => Direction::OffAxis,
        }
    }

    /// The field value in JSON and CSV.
    pub fn as_str(&self) -> &'static str {
        match self {
            Direction::Lower => "lower",
            Direction::Higher => "higher",
            Direction::OffAxis => "off-axis",
            Direction::Level => "level",
        }
    }

    /// For people: `toward Bilateral only`.
    pub fn describe(&self, cb: &Codebook) -> String {
        let order = cb.stances_in_scale_order();
        let on_axis: Vec<StanceId> = order
            .into_iter()
            .filter(|&s| cb.stance(s).score.is_some())
            .collect();
        match self {
            Direction::Lower => on_axis.first().map_or("lower".into(), |&s| {
                format!("toward {}", cb.stance(s).label)
            }),
            Direction::Higher => on_axis.last().map_or("higher".into(), |&s| {
                format!("toward {}", cb.stance(s).label)
            }),
            Direction::OffAxis => "off the axis".into(),
            Direction::Level => "level".into(),
        }
    }
}

/// A boundary between consecutive stance segments of one party with different stances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub party: PartyId,
    /// The first day of the new stance.
    pub date: NaiveDate,
    pub from: StanceId,
    pub to: StanceId,
    pub direction: Direction,
    /// The last day of the previous stance (earlier than the day before `date` when a gap or
    /// a conflict lies between).
    pub previous_end: Option<NaiveDate>,
    /// The observations behind the new stance on its first day.
    pub evidence: Vec<ObservationId>,
}

/// Every change of one party, in time order. Conflicts between two stances are stepped over:
/// the change is dated to the first day the new stance holds alone.
pub fn changes(ds: &Dataset, tl: &Timeline) -> Vec<Change> {
    let cb = &ds.codebook;
    let mut out = Vec::new();
    let mut last: Option<&Segment> = None;
    for seg in &tl.segments {
        let Some(to) = seg.stance() else {
            continue;
        };
        if let Some(prev) = last
            && let Some(from) = prev.stance()
            && from != to
            && let Some(date) = seg.start
        {
            out.push(Change {
                party: tl.party,
                date,
                from,
                to,
                direction: Direction::between(cb, from, to),
                previous_end: prev.end,
                evidence: seg
                    .evidence
                    .iter()
                    .copied()
                    .filter(|&o| ds.observation(o).start.is_none_or(|s| s <= date))
                    .collect(),
            });
        }
        last = Some(seg);
    }
    out
}
