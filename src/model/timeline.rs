//! Ordering, timelines, conflicts and corroboration: pure functions of a `Dataset`.
//!
//! # Ordering
//! Observations are ordered by held start (an open start first; on one day, a written time
//! after none, earlier times first), held end (an open end last), publication (first day, then
//! last day of the written date), article id and position index. Article ids are unique and a
//! position index is unique within its article, so the order is total and does not depend on
//! the order files or positions were read in.
//!
//! # Effective intervals
//! A position given as a single date, or as an interval with an open or unknown end, is
//! carried forward: it holds from its start until the day before the party's next carried
//! position with a later start (through that day when the later start is a later time of the
//! same day), as in the Manifesto Project's "constant" interpolation; with no later one it
//! stays open. An interval with a written end holds through that end and no further. Carrying
//! forward is an inference, and gives way to what was recorded: a carried position is
//! suspended while an interval with a written end that starts on a later day holds, and
//! resumes after it (so a confirming interval never leaves a gap where the earlier stance was
//! being carried forward). Where nothing was carried, a closed interval leaves a gap.
//!
//! # Segments
//! Each party's time is cut where the set of stances held changes. A piece where positions
//! hold and all agree is a segment of that stance; a piece where they disagree is a conflict;
//! a piece where none holds is a gap (not stored). Adjacent pieces with the same state are
//! one segment, and their evidence accumulates.

use super::id::{ObservationId, PartyId, StanceId};
use super::interval::Interval;
use super::observation::{Article, Dataset, Observation};
use crate::date::DatePoint;
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use std::cmp::{Ordering as By, Reverse};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Indices of the dataset's observations in the total order (see the module documentation):
/// held start (an open start first), held end (an open end last), publication (first day,
/// then last day), article id, position index.
pub fn ordered(ds: &Dataset) -> Vec<ObservationId> {
    // Publication and article id are properties of the article: rank the articles by them
    // once, so that each observation's key is four integers, compared and moved cheaply.
    let mut articles: Vec<((u32, u32, &str), usize)> = ds
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (article_key(a), i))
        .collect();
    articles.par_sort_unstable();
    let mut article_rank = vec![0u32; ds.articles.len()];
    for (r, &(_, i)) in articles.iter().enumerate() {
        article_rank[i] = r as u32;
    }
    // (held start, its time, held end, article rank; position index).
    let mut keyed: Vec<((u128, u32), ObservationId)> = ds
        .observations
        .par_iter()
        .enumerate()
        .map(|(i, o)| {
            let (start, time, end) = held_key(o);
            let key = (u128::from(start) << 96)
                | (u128::from(time) << 64)
                | (u128::from(end) << 32)
                | u128::from(article_rank[o.article.index()]);
            ((key, o.index as u32), ObservationId::new(i))
        })
        .collect();
    keyed.par_sort_unstable();
    keyed.into_iter().map(|(_, o)| o).collect()
}

/// What an observation's place in the total order is first sorted by: held start (an open
/// start first), its time (none before any), held end (an open end last).
fn held_key(o: &Observation) -> (u32, u32, u32) {
    let end = o.end.map_or(u32::MAX, |d| day_key(Some(d)));
    (day_key(o.start), time_key(o), end)
}

/// What an article's positions are then sorted by: publication (first day, then last day),
/// article id.
fn article_key(a: &Article) -> (u32, u32, &str) {
    let (first, last) = (a.published.first_day(), a.published.last_day());
    (day_key(Some(first)), day_key(Some(last)), a.id.as_str())
}

/// The written time of an observation's start as an integer in the order of times on its day:
/// 0 without a time, before every time.
fn time_key(o: &Observation) -> u32 {
    // Times in UTC run from -14:00 to 24:00 + 14:00 of their day.
    const EARLIEST: i32 = -14 * 3600;
    o.held
        .start_point()
        .and_then(|p| p.time_key())
        .map_or(0, |t| (t - EARLIEST + 1) as u32)
}

/// A day as an integer in the days' order, `None` (an open start) before every day, and no
/// day at `u32::MAX` (which stands for an open end).
fn day_key(day: Option<NaiveDate>) -> u32 {
    day.map_or(0, |d| (d.num_days_from_ce() as u32) ^ (1 << 31))
}

/// What a party held over a stretch of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// All positions agree on this stance.
    Stance(StanceId),
    /// Positions disagree: the stances held, in codebook order.
    Conflict(Vec<StanceId>),
}

/// A stretch of a party's timeline with one state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub party: PartyId,
    pub state: State,
    /// First day; `None` when a position with an open start holds.
    pub start: Option<NaiveDate>,
    /// Last day; `None` when the last position is carried forward without end.
    pub end: Option<NaiveDate>,
    /// Observations that hold during the segment, in the total order.
    pub evidence: Vec<ObservationId>,
}

impl Segment {
    pub fn stance(&self) -> Option<StanceId> {
        match self.state {
            State::Stance(s) => Some(s),
            State::Conflict(_) => None,
        }
    }

    pub fn is_conflict(&self) -> bool {
        matches!(self.state, State::Conflict(_))
    }

    /// The days the segment covers.
    pub fn interval(&self) -> Interval {
        Interval {
            start: self.start,
            end: self.end,
        }
    }

    /// How exactly the segment's start is known, when the positions that begin it on its
    /// first day all give a date that is not one exact day (`2009-07`, `2009-07-27~`,
    /// `/2004`): the days it may fall on, from its first, and the tightest of those dates.
    /// `None` when one of them names the day, or the segment begins for another reason (a
    /// position ending, a stance resuming).
    pub fn inexact_start(&self, ds: &Dataset) -> Option<Inexact> {
        let first = self.start?;
        let mut tightest: Option<Inexact> = None;
        for &o in &self.evidence {
            let ob = ds.observation(o);
            if ob.start != Some(first) {
                continue;
            }
            let unknown = ob.held.start_unknown();
            let point = *ob.held.start_point().or(ob.held.end_point())?;
            if point.is_exact_day() && !unknown {
                return None;
            }
            let last = point.last_day().min(self.end.unwrap_or(NaiveDate::MAX));
            if tightest.as_ref().is_none_or(|t| last < t.last) {
                tightest = Some(Inexact {
                    first,
                    last,
                    point,
                    unknown,
                });
            }
        }
        tightest
    }

    /// How exactly the segment's end is known, when the intervals with a written end that end
    /// it on its last day all give an end that is not one exact day (`2003/2005-07`): the
    /// days it may fall on, through its last, and the tightest of those dates.
    pub fn inexact_end(&self, ds: &Dataset) -> Option<Inexact> {
        let last = self.end?;
        let mut tightest: Option<Inexact> = None;
        for &o in &self.evidence {
            let ob = ds.observation(o);
            if ob.end != Some(last) || !ob.held.has_written_end() {
                continue;
            }
            let point = *ob.held.end_point()?;
            if point.is_exact_day() {
                return None;
            }
            let first = point.first_day().max(self.start.unwrap_or(NaiveDate::MIN));
            if tightest.as_ref().is_none_or(|t| first > t.first) {
                tightest = Some(Inexact {
                    first,
                    last,
                    point,
                    unknown: false,
                });
            }
        }
        tightest
    }

    /// For a conflict: each stance with the first observation (in the total order) that holds
    /// it, in stance order. The first of each of [`sides`](Segment::sides), found without
    /// looking further than they are.
    pub fn first_of_each_side(&self, ds: &Dataset) -> Vec<(StanceId, ObservationId)> {
        let wanted = match &self.state {
            State::Conflict(stances) => stances.len(),
            State::Stance(_) => 1,
        };
        let mut firsts: Vec<(StanceId, ObservationId)> = Vec::with_capacity(wanted);
        for &o in &self.evidence {
            let stance = ds.observation(o).stance;
            if let Err(i) = firsts.binary_search_by_key(&stance, |(s, _)| *s) {
                firsts.insert(i, (stance, o));
                if firsts.len() == wanted {
                    break;
                }
            }
        }
        firsts
    }

    /// For a conflict: each stance with the observations that hold it.
    pub fn sides(&self, ds: &Dataset) -> Vec<(StanceId, Vec<ObservationId>)> {
        let mut sides: Vec<(StanceId, Vec<ObservationId>)> = Vec::new();
        for &o in &self.evidence {
            let stance = ds.observation(o).stance;
            match sides.binary_search_by_key(&stance, |(s, _)| *s) {
                Ok(i) => sides[i].1.push(o),
                Err(i) => sides.insert(i, (stance, vec![o])),
            }
        }
        sides
    }
}

/// A segment's start or end that is not known to the day (see [`Segment::inexact_start`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inexact {
    /// The days it may fall on, both included.
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The written date it comes from.
    pub point: DatePoint,
    /// The written start is unknown (`/2004`): `point` is the end it is known by.
    pub unknown: bool,
}

impl Inexact {
    /// For people: `some time in 2009-07 (approximate)`, `unknown (it ends some time in
    /// 2004)`.
    pub fn describe(&self) -> String {
        if self.unknown {
            format!("unknown (it ends {})", self.point.describe())
        } else {
            self.point.describe()
        }
    }
}

/// Everything derived for one party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub party: PartyId,
    /// The party's observations in the total order.
    pub observations: Vec<ObservationId>,
    /// When each of `observations` speaks for the party (index for index): from its start
    /// through its end, but for its `suspensions`.
    pub effective: Vec<Interval>,
    /// The days within an observation's `effective` interval where it does not hold (a
    /// carried position while a later interval with a written end holds), as (index in
    /// `observations`, days), sorted, never overlapping. Few observations have any.
    pub suspensions: Vec<(usize, Interval)>,
    /// Segments and conflicts, in time order, never overlapping.
    pub segments: Vec<Segment>,
}

impl Timeline {
    /// The stretches of time the observation at `slot` (its index in `observations`) holds,
    /// in time order: its effective interval less its suspensions.
    pub fn pieces(&self, slot: usize) -> Vec<Interval> {
        let first = self.suspensions.partition_point(|&(s, _)| s < slot);
        let holes = self.suspensions[first..]
            .iter()
            .take_while(|&&(s, _)| s == slot)
            .map(|&(_, hole)| hole);
        cut(self.effective[slot], holes)
    }

    /// Whether the observation at `slot` holds on some day of `[start, end]` (open when
    /// `None`).
    pub fn holds_during(
        &self,
        slot: usize,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
    ) -> bool {
        self.pieces(slot).iter().any(|p| p.overlaps(start, end))
    }

    /// The segment holding on a day.
    pub fn at(&self, day: NaiveDate) -> Option<&Segment> {
        let i = self
            .segments
            .partition_point(|s| s.end.is_some_and(|e| e < day));
        self.segments.get(i).filter(|s| s.interval().contains(day))
    }

    pub fn conflicts(&self) -> impl Iterator<Item = &Segment> {
        self.segments.iter().filter(|s| s.is_conflict())
    }
}

/// The timelines of every party of the codebook, in codebook order.
pub fn timelines(ds: &Dataset) -> Vec<Timeline> {
    map_timelines(ds, |tl| tl)
}

/// Each party's timeline passed through `f` as soon as it is built, in codebook order: when
/// only something derived from them is needed, no more than one timeline per thread is in
/// memory at a time.
pub fn map_timelines<R: Send>(ds: &Dataset, f: impl Fn(Timeline) -> R + Sync) -> Vec<R> {
    let order = ordered(ds);
    // What the sweep needs of each observation, gathered in one pass in storage order: each
    // timeline then gathers these few bytes of its own observations, in the total order,
    // rather than jumping about the observations themselves.
    let slim: Vec<Slim> = ds.observations.par_iter().map(Slim::of).collect();
    let mut per_party: Vec<Vec<ObservationId>> = vec![Vec::new(); ds.codebook.parties().len()];
    for &o in &order {
        per_party[slim[o.index()].party.index()].push(o);
    }
    // Parties are independent: build their timelines in parallel, the largest first, each
    // thread taking the next party when it is done with one (so that the two largest parties
    // do not end up on one thread, as splitting the codebook's list in halves may do). The
    // result is in codebook order all the same.
    let mut jobs: Vec<(PartyId, Vec<ObservationId>)> =
        ds.codebook.party_ids().zip(per_party).collect();
    jobs.sort_by_key(|(party, obs)| (Reverse(obs.len()), *party));
    let next = AtomicUsize::new(0);
    let workers = rayon::current_num_threads().clamp(1, jobs.len().max(1));
    let mut done: Vec<(PartyId, R)> = (0..workers)
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|_| {
            let mut mine = Vec::new();
            while let Some((party, obs)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                let own = obs.iter().map(|&o| slim[o.index()]).collect();
                mine.push((*party, f(timeline(ds, own, *party, obs.clone()))));
            }
            mine
        })
        .collect();
    done.sort_unstable_by_key(|(party, _)| *party);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Positions replaced in a dataset's list: the `removed` at index `at` gave way to `added`
/// (new positions, or the same file's positions read again). The ids after them move by the
/// difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Splice {
    pub at: usize,
    pub removed: usize,
    pub added: usize,
}

/// Where a position is after a splice: outside it, moved by it; within it, at the same place
/// among the positions given, if there are that many (`kept`); or gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moved {
    Outside(usize),
    Kept(usize),
    Gone,
}

impl Splice {
    fn moved(&self, index: usize) -> Moved {
        if index < self.at {
            Moved::Outside(index)
        } else if index >= self.at + self.removed {
            Moved::Outside(index - self.removed + self.added)
        } else if index - self.at < self.added {
            Moved::Kept(index)
        } else {
            Moved::Gone
        }
    }
}

/// Bring `timelines` (every party's, in codebook order, of the dataset `ds` was before
/// `splices`, applied in order) up to date with `ds`. The timelines of `parties` (sorted,
/// each once: those whose positions changed in what timelines are made of) are built again
/// from their order, less the positions the splices took, with the positions they gave
/// merged in. The others keep their segments, with their positions' ids moved: a position
/// within a splice is the one at the same place among the positions given (the same file read
/// again, where that party's positions did not change). What [`timelines`] would build from
/// `ds`, without ordering it all again (`stanceline watch`, after a save).
pub fn update_timelines(
    ds: &Dataset,
    timelines: &mut [Timeline],
    splices: &[Splice],
    parties: &[PartyId],
) {
    // Where a position went: `None` when gone, or within a splice and `within` is false.
    let moved = |o: ObservationId, within: bool| {
        let mut i = o.index();
        for s in splices {
            i = match s.moved(i) {
                Moved::Outside(i) => i,
                Moved::Kept(i) if within => i,
                _ => return None,
            };
        }
        Some(ObservationId::new(i))
    };
    // The positions given, where they are in the end.
    let mut fresh: Vec<usize> = Vec::new();
    for s in splices {
        // Those within this splice are among the ones it gives.
        fresh.retain_mut(|i| match s.moved(*i) {
            Moved::Outside(m) => {
                *i = m;
                true
            }
            Moved::Kept(_) | Moved::Gone => false,
        });
        fresh.extend(s.at..s.at + s.added);
    }
    fresh.sort_unstable();
    // Files read again with as many positions as before move no one.
    let in_place = splices.iter().all(|s| s.removed == s.added);
    timelines.par_iter_mut().for_each(|tl| {
        if parties.binary_search(&tl.party).is_err() {
            if in_place {
                return;
            }
            let kept: Option<Vec<ObservationId>> =
                tl.observations.iter().map(|&o| moved(o, true)).collect();
            // A position that went with no party built again: build this one again too.
            if let Some(kept) = kept {
                for seg in &mut tl.segments {
                    for o in &mut seg.evidence {
                        *o = moved(*o, true).expect("evidence is among the observations");
                    }
                }
                tl.observations = kept;
                return;
            }
        }
        let mut new: Vec<ObservationId> = fresh
            .iter()
            .map(|&i| ObservationId::new(i))
            .filter(|&o| ds.observation(o).party == tl.party)
            .collect();
        let mut order: Vec<ObservationId> = tl
            .observations
            .iter()
            .filter_map(|&o| moved(o, false))
            .collect();
        // A save brings a few new positions: each goes where a binary search puts it.
        new.sort_unstable_by(|&a, &b| order_cmp(ds, b, a));
        for o in new {
            let at = order.partition_point(|&x| order_cmp(ds, x, o) == By::Less);
            order.insert(at, o);
        }
        let slim = order.iter().map(|&o| Slim::of(ds.observation(o))).collect();
        *tl = timeline(ds, slim, tl.party, order);
    });
}

/// Two observations in the total order ([`ordered`]), compared one to one.
fn order_cmp(ds: &Dataset, a: ObservationId, b: ObservationId) -> By {
    let key = |o: ObservationId| {
        let ob = ds.observation(o);
        (held_key(ob), article_key(ds.article(ob)), ob.index)
    };
    key(a).cmp(&key(b))
}

/// `whole` less the `holes` (sorted, within it, not overlapping), in time order.
fn cut(whole: Interval, holes: impl Iterator<Item = Interval>) -> Vec<Interval> {
    let mut pieces = Vec::new();
    let mut start = whole.start;
    for hole in holes {
        let (Some(from), Some(to)) = (hole.start, hole.end) else {
            continue;
        };
        if start.is_none_or(|s| s < from) {
            pieces.push(Interval {
                start,
                end: from.pred_opt(),
            });
        }
        start = to.succ_opt();
        if start.is_none() {
            return pieces;
        }
    }
    if let (Some(s), Some(e)) = (start, whole.end)
        && s > e
    {
        return pieces;
    }
    pieces.push(Interval {
        start,
        end: whole.end,
    });
    pieces
}

/// When each observation (given in the total order) speaks for its party, and where a
/// carried one is suspended (see the module documentation).
fn effective_intervals(slim: &[Slim]) -> (Vec<Interval>, Vec<(usize, Interval)>) {
    // Distinct starts of carried positions, ascending (the total order sorts by start, then
    // time), for "the next carried position with a later start".
    let mut starts: Vec<(NaiveDate, u32)> = slim
        .iter()
        .filter(|ob| ob.carries_forward)
        .filter_map(|ob| Some((ob.start?, ob.time)))
        .collect();
    starts.dedup();
    // Intervals with a written end and a written start, by start: they suspend carrying.
    let mut closed: Vec<(NaiveDate, NaiveDate)> = slim
        .iter()
        .filter(|ob| !ob.carries_forward)
        .filter_map(|ob| Some((ob.start?, ob.end?)))
        .collect();
    closed.sort_unstable();
    let mut effective = Vec::with_capacity(slim.len());
    let mut suspensions = Vec::new();
    // Carried positions with the same start and end share their suspensions.
    let mut last: Option<(Interval, Vec<Interval>)> = None;
    for (slot, ob) in slim.iter().enumerate() {
        let (Some(start), true) = (ob.start, ob.carries_forward) else {
            effective.push(Interval {
                start: ob.start,
                end: ob.end,
            });
            continue;
        };
        let next = starts.get(starts.partition_point(|&x| x <= (start, ob.time)));
        let end = next.and_then(|&(day, _)| {
            if day == start {
                Some(day)
            } else {
                day.pred_opt()
            }
        });
        let whole = Interval {
            start: Some(start),
            end,
        };
        effective.push(whole);
        if last.as_ref().is_none_or(|(w, _)| *w != whole) {
            last = Some((whole, holes(&closed, start, end)));
        }
        let holes = &last.as_ref().expect("set above").1;
        suspensions.extend(holes.iter().map(|&h| (slot, h)));
    }
    (effective, suspensions)
}

/// The days within `[start, end]` (open when `None`) where an interval of `closed` (sorted by
/// start) that starts on a later day than `start` holds, merged, in time order.
fn holes(
    closed: &[(NaiveDate, NaiveDate)],
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> Vec<Interval> {
    let first = closed.partition_point(|&(s, _)| s <= start);
    let mut merged: Vec<Interval> = Vec::new();
    for &(s, e) in closed[first..]
        .iter()
        .take_while(|&&(s, _)| end.is_none_or(|end| s <= end))
    {
        let e = end.map_or(e, |end| e.min(end));
        match merged.last_mut() {
            Some(m)
                if m.end
                    .is_some_and(|me| me.succ_opt().is_none_or(|after| s <= after)) =>
            {
                m.end = m.end.max(Some(e));
            }
            _ => merged.push(Interval {
                start: Some(s),
                end: Some(e),
            }),
        }
    }
    merged
}

/// The sweep's events, sorted, each packed in one integer: the day (open starts first), then
/// closings before openings, then the slot, for determinism. A start counts on its day, an
/// end on the day after it; open ends never close. A suspended slot closes and opens again.
fn sweep_events(effective: &[Interval], suspensions: &[(usize, Interval)]) -> Vec<u64> {
    let mut events: Vec<u64> = Vec::with_capacity(effective.len() * 2 + suspensions.len() * 2);
    let event = |day: Option<NaiveDate>, open: bool, slot: usize| {
        (u64::from(day_key(day)) << 32) | (u64::from(open) << 31) | slot as u64
    };
    let mut push = |piece: Interval, slot: usize| {
        events.push(event(piece.start, true, slot));
        if let Some(end) = piece.end {
            // On the last representable day there is no day after: it stays open.
            if let Some(after) = end.succ_opt() {
                events.push(event(Some(after), false, slot));
            }
        }
    };
    let mut next = 0;
    for (slot, &e) in effective.iter().enumerate() {
        let first = next;
        while next < suspensions.len() && suspensions[next].0 == slot {
            next += 1;
        }
        if first == next {
            push(e, slot);
        } else {
            for piece in cut(e, suspensions[first..next].iter().map(|&(_, h)| h)) {
                push(piece, slot);
            }
        }
    }
    events.sort_unstable();
    events
}

/// The day a packed day key stands for; `None` for an open start.
fn key_day(key: u32) -> Option<NaiveDate> {
    (key != 0).then(|| {
        NaiveDate::from_num_days_from_ce_opt((key ^ (1 << 31)) as i32).expect("a day packed above")
    })
}

/// What holds during the sweep: the active slots and how many hold each stance.
struct Sweep {
    /// Active slots, ascending (a slot's place in the total order). A slot opens on its start
    /// day, after every slot with an earlier start, so it goes at the end. A closed slot is
    /// only marked, and the list compacted once half of it is closed, so that closing stays
    /// cheap however many positions hold at once.
    active: Vec<usize>,
    alive: Vec<bool>,
    /// Whether a slot is in `active`, alive or marked closed (a suspended slot that opens
    /// again before the list is compacted is only marked alive).
    listed: Vec<bool>,
    closed: usize,
    /// Active slots per stance.
    counts: Vec<usize>,
    /// Stances with a nonzero count.
    held: usize,
}

impl Sweep {
    fn new(slots: usize, stances: usize) -> Sweep {
        Sweep {
            active: Vec::new(),
            alive: vec![false; slots],
            listed: vec![false; slots],
            closed: 0,
            counts: vec![0; stances],
            held: 0,
        }
    }

    fn open(&mut self, slot: usize, stance: StanceId) {
        let stance = stance.index();
        self.alive[slot] = true;
        if std::mem::replace(&mut self.listed[slot], true) {
            self.closed -= 1;
        } else {
            match self.active.last() {
                Some(&last) if last > slot => {
                    let at = self.active.partition_point(|&a| a < slot);
                    self.active.insert(at, slot);
                }
                _ => self.active.push(slot),
            }
        }
        self.counts[stance] += 1;
        if self.counts[stance] == 1 {
            self.held += 1;
        }
    }

    fn close(&mut self, slot: usize, stance: StanceId) {
        let stance = stance.index();
        if std::mem::replace(&mut self.alive[slot], false) {
            self.closed += 1;
            if self.closed * 2 > self.active.len() {
                let (alive, listed) = (&self.alive, &mut self.listed);
                self.active.retain(|&a| {
                    listed[a] = alive[a];
                    alive[a]
                });
                self.closed = 0;
            }
        }
        self.counts[stance] -= 1;
        if self.counts[stance] == 0 {
            self.held -= 1;
        }
    }

    /// What the party holds now: nothing, one stance, or a conflict of several.
    fn state(&self) -> Option<State> {
        let mut stances = (0..self.counts.len())
            .filter(|&s| self.counts[s] > 0)
            .map(StanceId::new);
        match self.held {
            0 => None,
            1 => stances.next().map(State::Stance),
            _ => Some(State::Conflict(stances.collect())),
        }
    }

    /// The slots that hold now, in the total order.
    fn active(&self) -> impl Iterator<Item = usize> + '_ {
        self.active.iter().copied().filter(|&slot| self.alive[slot])
    }
}

fn carries_forward(o: &Observation) -> bool {
    !o.held.has_written_end()
}

/// What building a timeline needs of one observation.
#[derive(Debug, Clone, Copy)]
struct Slim {
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    stance: StanceId,
    party: PartyId,
    carries_forward: bool,
    /// The start's time, as [`time_key`] orders it.
    time: u32,
}

impl Slim {
    fn of(o: &Observation) -> Slim {
        Slim {
            start: o.start,
            end: o.end,
            stance: o.stance,
            party: o.party,
            carries_forward: carries_forward(o),
            time: time_key(o),
        }
    }
}

/// Build one party's timeline from its observations, given in the total order, with their
/// slim records (index for index).
fn timeline(
    ds: &Dataset,
    slim: Vec<Slim>,
    party: PartyId,
    observations: Vec<ObservationId>,
) -> Timeline {
    let (effective, suspensions) = effective_intervals(&slim);
    let events = sweep_events(&effective, &suspensions);
    let mut segments: Vec<Segment> = Vec::new();
    let mut sweep = Sweep::new(observations.len(), ds.codebook.stances().len());
    let mut opened: Vec<usize> = Vec::new(); // slots opened on the current day
    // The slots of the open segment's evidence, ascending (index for index with it): a
    // suspended slot that opens again joins it where it belongs, once.
    let mut slots: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let key = (events[i] >> 32) as u32;
        opened.clear();
        while i < events.len() && (events[i] >> 32) as u32 == key {
            let open = events[i] & (1 << 31) != 0;
            let slot = (events[i] & 0x7fff_ffff) as usize;
            let stance = slim[slot].stance;
            if open {
                opened.push(slot);
                sweep.open(slot, stance);
            } else {
                sweep.close(slot, stance);
            }
            i += 1;
        }
        let day = key_day(key);
        let state = sweep.state();
        // Close the current segment the day before `day` if the state changed.
        let current = segments.last_mut().filter(|s| s.end.is_none());
        if current.as_ref().map(|s| &s.state) == state.as_ref() {
            // Same state: new positions join the evidence.
            if let Some(seg) = current {
                for &slot in &opened {
                    if slots.last().is_none_or(|&l| l < slot) {
                        slots.push(slot);
                        seg.evidence.push(observations[slot]);
                    } else if let Err(at) = slots.binary_search(&slot) {
                        slots.insert(at, slot);
                        seg.evidence.insert(at, observations[slot]);
                    }
                }
            }
            continue;
        }
        if let Some(seg) = current {
            seg.end = day.and_then(|d| d.pred_opt());
        }
        if let Some(state) = state {
            slots.clear();
            slots.extend(sweep.active());
            segments.push(Segment {
                party,
                state,
                start: day,
                end: None,
                evidence: slots.iter().map(|&slot| observations[slot]).collect(),
            });
        }
    }
    // Each segment's evidence is in the total order as built: slots are places in the order,
    // kept ascending (a property test checks it).
    if cfg!(debug_assertions) {
        let rank: HashMap<ObservationId, usize> = observations
            .iter()
            .enumerate()
            .map(|(r, &o)| (o, r))
            .collect();
        debug_assert!(
            segments
                .iter()
                .all(|s| s.evidence.is_sorted_by_key(|o| rank[o]))
        );
    }
    Timeline {
        party,
        observations,
        effective,
        suspensions,
        segments,
    }
}
