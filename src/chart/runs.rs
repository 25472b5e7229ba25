//! From a timeline to what can be drawn at a given resolution: runs of one fill along the
//! time axis, and observation markers, thinned where they crowd.
//!
//! A lane whose segments are few draws each segment exactly ([`Track::Exact`]). A dense lane
//! (more segments than its columns can show apart) is aggregated ([`Track::Dense`]): each
//! column of a few pixels tells how much of its time each stance held, and how many
//! observations fall in it; equal neighbours merge. So 100,000 observations cost as much to
//! draw as a few thousand columns, and show as shares rather than a flicker of winners.

use super::axis::{DayRange, TimeScale};
use crate::model::observation::{Basis, Dataset, Observation};
use crate::model::timeline::{State, Timeline};
use crate::model::{ObservationId, StanceId};
use chrono::NaiveDate;

/// What a run is filled with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fill {
    Stance(StanceId),
    /// Sources disagree: the stances held, in codebook order.
    Conflict(Vec<StanceId>),
}

/// A stretch of a lane with one fill, in x.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x0: f64,
    pub x1: f64,
    pub fill: Fill,
    /// The segment it draws, in its timeline's `segments`; `None` for a column of averages.
    pub seg: Option<usize>,
}

/// The narrowest segment, conflict or gap drawn, in pixels: a change of stance on the last
/// day shown is as visible as any other.
pub const MIN_RUN: f64 = 3.0;

/// The least width of the fade of a start or an end not known to the day, in pixels: an
/// approximate day is drawn as clearly as a month.
pub const FUZZ_MIN: f64 = 6.0;

/// Where a run's start and end are not known to the day: the x up to which its start may
/// fall (from the run's left edge), and the x from which its end may (to its right edge);
/// each at least [`FUZZ_MIN`] wide, both within the run and not crossing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Fuzz {
    pub start: Option<f64>,
    pub end: Option<f64>,
}

/// The [`Fuzz`] of a run drawing one segment of `tl` (none for a column of averages).
pub fn fuzz(ds: &Dataset, tl: &Timeline, run: &Run, scale: &TimeScale) -> Fuzz {
    let Some(seg) = run.seg.map(|i| &tl.segments[i]) else {
        return Fuzz::default();
    };
    let (x0, x1) = (run.x0, run.x1);
    let axis = scale.span;
    // At least FUZZ_MIN wide when all of its days are on the axis; only its part on the axis
    // when it begins (or ends) off it; nothing when none of its days is shown.
    let room = |w: f64, whole: bool| {
        let w = if whole { w.max(FUZZ_MIN) } else { w };
        w.clamp(0.0, x1 - x0)
    };
    let start = seg
        .inexact_start(ds)
        .filter(|i| i.last >= axis.first)
        .map(|i| x0 + room(scale.x_end(i.last) - x0, i.first >= axis.first))
        .filter(|&x| x > x0);
    let end = seg
        .inexact_end(ds)
        .filter(|i| i.first <= axis.last)
        .map(|i| x1 - room(x1 - scale.x(i.first), i.last <= axis.last))
        .filter(|&x| x < x1)
        .map(|x| x.max(start.unwrap_or(x0)));
    Fuzz { start, end }
}

/// The ids of the stances a fill shows.
pub fn stance_ids<'a>(ds: &'a Dataset, fill: &Fill) -> Vec<&'a str> {
    let cb = &ds.codebook;
    match fill {
        Fill::Stance(s) => vec![cb.stance(*s).id.as_str()],
        Fill::Conflict(v) => v.iter().map(|&s| cb.stance(s).id.as_str()).collect(),
    }
}

/// A segment's days, with open ends closed at `clip` and the whole cut to the axis.
pub fn clipped(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    clip: DayRange,
    axis: DayRange,
) -> Option<(NaiveDate, NaiveDate)> {
    let first = start.unwrap_or(clip.first).max(axis.first);
    let last = end.unwrap_or(clip.last).min(axis.last);
    (first <= last).then_some((first, last))
}

/// A lane as drawn: exact segments, or columns when it is too dense for them.
#[derive(Debug, Clone, PartialEq)]
pub enum Track {
    Exact(Vec<Run>),
    Dense(Dense),
}

/// A dense lane: runs of equal columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Dense {
    pub columns: Vec<Column>,
}

/// One or more equal columns of a dense lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub x0: f64,
    pub x1: f64,
    /// The share of the column's time each stance held (a conflict's time is split among
    /// its sides), in steps of 1/32, in the order given to [`track`]; no zeros.
    pub shares: Vec<(StanceId, f64)>,
    /// Sources disagree for a tenth of the column's time or more.
    pub conflict: bool,
}

/// The segments of a timeline as runs in x, open ends closed at `clip`.
pub fn runs(tl: &Timeline, scale: &TimeScale, clip: DayRange) -> Vec<Run> {
    tl.segments
        .iter()
        .enumerate()
        .filter_map(|(i, seg)| {
            let (first, last) = clipped(seg.start, seg.end, clip, scale.span)?;
            let fill = match &seg.state {
                State::Stance(s) => Fill::Stance(*s),
                State::Conflict(v) => Fill::Conflict(v.clone()),
            };
            Some(Run {
                x0: scale.x(first),
                x1: scale.x_end(last),
                fill,
                seg: Some(i),
            })
        })
        .collect()
}

/// Runs widened to at least [`MIN_RUN`], and gaps between them likewise, within `x0..x1`:
/// each too-narrow run or gap takes room from its right, and what runs past the end is
/// pushed back from the right. Where the lane has not the room for all, they share it.
pub fn widen(runs: &mut [Run], x0: f64, x1: f64) {
    let n = runs.len();
    if n == 0 {
        return;
    }
    let need = n as f64 * MIN_RUN;
    let min = if need > x1 - x0 {
        (x1 - x0) / n as f64
    } else {
        MIN_RUN
    };
    // Left to right: each run starts after the one before (and a gap, if there is one, is
    // at least `min` wide) and is at least `min` wide.
    let mut prev_end = f64::MIN;
    for r in runs.iter_mut() {
        if r.x0 > prev_end && r.x0 - prev_end < min && prev_end > f64::MIN {
            r.x0 = prev_end + min;
        }
        r.x0 = r.x0.max(prev_end).max(x0);
        r.x1 = r.x1.max(r.x0 + min);
        prev_end = r.x1;
    }
    // Right to left: nothing past the end.
    let mut next_start = x1;
    for r in runs.iter_mut().rev() {
        if r.x1 > next_start {
            let w = (r.x1 - r.x0).max(min);
            r.x1 = next_start;
            r.x0 = r.x0.min(r.x1 - min).min(r.x1 - w.min(r.x1 - x0));
        }
        next_start = r.x0;
    }
}

/// A timeline as drawn: exact runs, or, when its segments are too many to tell apart (more
/// than one per 6 pixels on average, some under 1.5 pixels), columns `bin` pixels wide.
/// `order` lists the stances in the order to stack them.
pub fn track(
    tl: &Timeline,
    scale: &TimeScale,
    clip: DayRange,
    bin: f64,
    order: &[StanceId],
) -> Track {
    let exact = runs(tl, scale, clip);
    let width = scale.x1 - scale.x0;
    let crowded = exact.len() as f64 > width / 6.0 && exact.iter().any(|r| r.x1 - r.x0 < 1.5);
    if !crowded {
        let mut exact = exact;
        widen(&mut exact, scale.x0, scale.x1);
        return Track::Exact(exact);
    }
    let n = (width / bin).ceil().max(1.0) as usize;
    let stances = order.iter().map(|s| s.index() + 1).max().unwrap_or(0);
    let mut cover = vec![0f64; n * stances];
    let mut conflict = vec![0f64; n];
    for run in &exact {
        let a = ((run.x0 - scale.x0) / bin).max(0.0);
        let b = ((run.x1 - scale.x0) / bin).min(n as f64);
        let mut c = a.floor() as usize;
        while (c as f64) < b && c < n {
            let overlap = b.min(c as f64 + 1.0) - a.max(c as f64);
            match &run.fill {
                Fill::Stance(s) => cover[c * stances + s.index()] += overlap,
                Fill::Conflict(v) => {
                    conflict[c] += overlap;
                    for &s in v {
                        cover[c * stances + s.index()] += overlap / v.len() as f64;
                    }
                }
            }
            c += 1;
        }
    }
    let mut columns: Vec<Column> = Vec::new();
    for c in 0..n {
        let shares: Vec<(StanceId, f64)> = order
            .iter()
            .map(|&s| {
                let share = cover[c * stances + s.index()].min(1.0);
                (s, (share * 32.0).round() / 32.0)
            })
            .filter(|&(_, v)| v > 0.0)
            .collect();
        let x0 = scale.x0 + c as f64 * bin;
        let x1 = (x0 + bin).min(scale.x1);
        let column = Column {
            x0,
            x1,
            shares,
            conflict: conflict[c] >= 0.1,
        };
        match columns.last_mut() {
            Some(last)
                if last.shares == column.shares
                    && last.conflict == column.conflict
                    && (last.x1 - x0).abs() < 1e-9 =>
            {
                last.x1 = x1
            }
            _ if column.shares.is_empty() => {}
            _ => columns.push(column),
        }
    }
    Track::Dense(Dense { columns })
}

/// Observations of a timeline in each column `bin` pixels wide (by the x of their marker).
pub fn counts(ds: &Dataset, tl: &Timeline, scale: &TimeScale, bin: f64) -> Vec<u32> {
    let n = ((scale.x1 - scale.x0) / bin).ceil().max(1.0) as usize;
    let mut counts = vec![0u32; n];
    for &o in &tl.observations {
        if let Some((x, _)) = marker_place(ds.observation(o), scale) {
            let c = (((x - scale.x0) / bin).floor().max(0.0) as usize).min(n - 1);
            counts[c] += 1;
        }
    }
    counts
}

/// Where an observation's marker goes, and the day it stands at: its first day (its last
/// day when the start is open), if that is on the axis.
fn marker_place(ob: &Observation, scale: &TimeScale) -> Option<(f64, NaiveDate)> {
    let (x, day) = match (ob.start, ob.end) {
        (Some(s), _) => (scale.x(s), s),
        (None, Some(e)) => (scale.x_end(e), e),
        (None, None) => return None,
    };
    (day >= scale.span.first && day <= scale.span.last).then_some((x, day))
}

/// A marker for one or more observations of a lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub x: f64,
    /// The strongest basis among the observations (statement, then report, then inference).
    pub basis: Basis,
    /// Every observation's date is uncertain or approximate.
    pub light: bool,
    /// The observations behind it, in the order of their x.
    pub ids: Vec<ObservationId>,
    /// It stands for observations on different days.
    pub thinned: bool,
}

/// One marker per observation at its first day (its last day when the start is open), but
/// one marker for observations closer than `spacing` pixels.
pub fn markers(ds: &Dataset, tl: &Timeline, scale: &TimeScale, spacing: f64) -> Vec<Marker> {
    let mut points: Vec<(f64, Basis, bool, NaiveDate, ObservationId)> = tl
        .observations
        .iter()
        .filter_map(|&o| {
            let ob = ds.observation(o);
            let (x, day) = marker_place(ob, scale)?;
            let light = ob.held.is_uncertain() || ob.held.is_approximate();
            Some((x, ob.basis, light, day, o))
        })
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<Marker> = Vec::new();
    let mut first_day = None;
    for (x, basis, light, day, id) in points {
        match out.last_mut() {
            Some(m) if x - m.x < spacing || x == m.x => {
                m.basis = m.basis.min(basis);
                m.light &= light;
                m.ids.push(id);
                m.thinned |= first_day != Some(day);
            }
            _ => {
                first_day = Some(day);
                out.push(Marker {
                    x,
                    basis,
                    light,
                    ids: vec![id],
                    thinned: false,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x0: f64, x1: f64, seg: usize) -> Run {
        Run {
            x0,
            x1,
            fill: Fill::Stance(StanceId::new(seg % 2)),
            seg: Some(seg),
        }
    }

    #[test]
    fn narrow_runs_and_gaps_are_widened_within_the_axis() {
        // A one-pixel run, a half-pixel gap, and a sliver at the right end.
        let mut runs = vec![
            run(0.0, 50.0, 0),
            run(50.0, 51.0, 1),
            run(51.5, 98.0, 2),
            run(99.5, 100.0, 3),
        ];
        widen(&mut runs, 0.0, 100.0);
        for r in &runs {
            assert!(r.x1 - r.x0 >= MIN_RUN - 1e-9, "{runs:?}");
            assert!(r.x0 >= 0.0 && r.x1 <= 100.0, "{runs:?}");
        }
        for w in runs.windows(2) {
            let gap = w[1].x0 - w[0].x1;
            assert!(gap >= -1e-9, "{runs:?}");
            assert!(!(1e-9..MIN_RUN - 1e-9).contains(&gap), "{runs:?}");
        }
        assert_eq!(runs[3].x1, 100.0);
        // A one-pixel gap between wide runs shows as a gap of three.
        let mut gapped = vec![run(0.0, 50.0, 0), run(51.0, 100.0, 1)];
        widen(&mut gapped, 0.0, 100.0);
        assert_eq!(gapped[1].x0 - gapped[0].x1, MIN_RUN);
        // Wide runs keep their places.
        let mut wide = vec![run(0.0, 40.0, 0), run(40.0, 100.0, 1)];
        widen(&mut wide, 0.0, 100.0);
        assert_eq!(wide, vec![run(0.0, 40.0, 0), run(40.0, 100.0, 1)]);
    }

    #[test]
    fn runs_share_a_lane_too_small_for_them() {
        let mut runs: Vec<Run> = (0..10).map(|i| run(i as f64, i as f64 + 0.5, i)).collect();
        widen(&mut runs, 0.0, 20.0);
        for w in runs.windows(2) {
            assert!(w[1].x0 >= w[0].x1 - 1e-9, "{runs:?}");
        }
        assert!(
            runs.iter()
                .all(|r| r.x1 - r.x0 >= 2.0 - 1e-9 && r.x1 <= 20.0)
        );
    }
}
