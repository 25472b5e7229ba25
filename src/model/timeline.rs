//! Ordering, timelines, conflicts and corroboration: pure functions of a `Dataset`.
//!
//! # Ordering
//! Observations are ordered by held start (an open start first), held end (an open end last),
//! publication (first day, then last day of the written date), article id and position index.
//! Article ids are unique and a position index is unique within its article, so the order is
//! total and does not depend on the order files or positions were read in.
//!
//! # Effective intervals
//! A position given as a single date, or as an interval with an open end, holds from its start
//! until the day before the party's next position with a later start (the last stance is
//! carried forward, as in the Manifesto Project's "constant" interpolation); with no later
//! position it stays open. An interval with a written end holds through that end and no
//! further, leaving a gap until the next position.
//!
//! # Segments
//! Each party's time is cut where the set of stances held changes. A piece where positions
//! hold and all agree is a segment of that stance; a piece where they disagree is a conflict;
//! a piece where none holds is a gap (not stored). Adjacent pieces with the same state are
//! one segment, and their evidence accumulates.

use super::id::{ObservationId, PartyId, StanceId};
use super::interval::Interval;
use super::observation::{Dataset, Observation};
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use std::cmp::Reverse;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Indices of the dataset's observations in the total order (see the module documentation):
/// held start (an open start first), held end (an open end last), publication (first day,
/// then last day), article id, position index.
pub fn ordered(ds: &Dataset) -> Vec<ObservationId> {
    // Publication and article id are properties of the article: rank the articles by them
    // once, so that each observation's key is four integers, compared and moved cheaply.
    let mut articles: Vec<(u32, u32, &str, usize)> = ds
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (first, last) = (a.published.first_day(), a.published.last_day());
            (day_key(Some(first)), day_key(Some(last)), a.id.as_str(), i)
        })
        .collect();
    articles.par_sort_unstable();
    let mut article_rank = vec![0u32; ds.articles.len()];
    for (r, &(.., i)) in articles.iter().enumerate() {
        article_rank[i] = r as u32;
    }
    // (held start, held end, article rank, position index): open start first, open end last.
    let mut keyed: Vec<(u128, ObservationId)> = ds
        .observations
        .par_iter()
        .enumerate()
        .map(|(i, o)| {
            let end = o.end.map_or(u32::MAX, |d| day_key(Some(d)));
            let key = (u128::from(day_key(o.start)) << 96)
                | (u128::from(end) << 64)
                | (u128::from(article_rank[o.article.index()]) << 32)
                | u128::from(o.index as u32);
            (key, ObservationId::new(i))
        })
        .collect();
    keyed.par_sort_unstable();
    keyed.into_iter().map(|(_, o)| o).collect()
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

/// Everything derived for one party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub party: PartyId,
    /// The party's observations in the total order.
    pub observations: Vec<ObservationId>,
    /// Interval interval of each of `observations`, index for index.
    pub effective: Vec<Interval>,
    /// Segments and conflicts, in time order, never overlapping.
    pub segments: Vec<Segment>,
}

impl Timeline {
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
    // What the sweep needs of each observation, gathered in one pass in storage order: the
    // timelines then read these few bytes per observation in the total order, rather than
    // jumping about the observations themselves.
    let slim: Vec<Slim> = ds.observations.par_iter().map(Slim::of).collect();
    let mut per_party: Vec<Vec<ObservationId>> = vec![Vec::new(); ds.codebook.parties().len()];
    for &o in &order {
        per_party[slim[o.index()].party.index()].push(o);
    }
    // Each observation's place in the total order, for checking evidence order (debug only).
    let rank: Vec<usize> = if cfg!(debug_assertions) {
        let mut rank = vec![0; ds.observations.len()];
        for (r, &o) in order.iter().enumerate() {
            rank[o.index()] = r;
        }
        rank
    } else {
        Vec::new()
    };
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
                mine.push((*party, f(timeline(ds, &slim, &rank, *party, obs.clone()))));
            }
            mine
        })
        .collect();
    done.sort_unstable_by_key(|(party, _)| *party);
    done.into_iter().map(|(_, r)| r).collect()
}

/// When each observation (given in the total order) speaks for its party: a single date or
/// an open end is carried forward to the day before the next later start.
fn effective_intervals(slim: &[Slim], observations: &[ObservationId]) -> Vec<Interval> {
    // Distinct known starts, ascending, for "the next position with a later start".
    let mut starts: Vec<NaiveDate> = observations
        .iter()
        .filter_map(|&o| slim[o.index()].start)
        .collect();
    starts.dedup(); // already sorted: the total order sorts by start first
    observations
        .iter()
        .map(|&o| {
            let ob = &slim[o.index()];
            let end = if ob.carries_forward {
                let next = match ob.start {
                    None => starts.first().copied(),
                    Some(s) => starts.get(starts.partition_point(|&x| x <= s)).copied(),
                };
                next.and_then(|n| n.pred_opt())
            } else {
                ob.end
            };
            Interval {
                start: ob.start,
                end,
            }
        })
        .collect()
}

/// The sweep's events, sorted, each packed in one integer: the day (open starts first), then
/// closings before openings, then the slot, for determinism. A start counts on its day, an
/// end on the day after it; open ends never close.
fn sweep_events(effective: &[Interval]) -> Vec<u64> {
    let mut events: Vec<u64> = Vec::with_capacity(effective.len() * 2);
    let event = |day: Option<NaiveDate>, open: bool, slot: usize| {
        (u64::from(day_key(day)) << 32) | (u64::from(open) << 31) | slot as u64
    };
    for (slot, e) in effective.iter().enumerate() {
        events.push(event(e.start, true, slot));
        if let Some(end) = e.end {
            // On the last representable day there is no day after: it stays open.
            if let Some(after) = end.succ_opt() {
                events.push(event(Some(after), false, slot));
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
            closed: 0,
            counts: vec![0; stances],
            held: 0,
        }
    }

    fn open(&mut self, slot: usize, stance: StanceId) {
        let stance = stance.index();
        self.alive[slot] = true;
        match self.active.last() {
            Some(&last) if last > slot => {
                let at = self.active.partition_point(|&a| a < slot);
                self.active.insert(at, slot);
            }
            _ => self.active.push(slot),
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
                let alive = &self.alive;
                self.active.retain(|&a| alive[a]);
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
}

impl Slim {
    fn of(o: &Observation) -> Slim {
        Slim {
            start: o.start,
            end: o.end,
            stance: o.stance,
            party: o.party,
            carries_forward: carries_forward(o),
        }
    }
}

/// Build one party's timeline from its observations, given in the total order.
fn timeline(
    ds: &Dataset,
    slim: &[Slim],
    rank: &[usize],
    party: PartyId,
    observations: Vec<ObservationId>,
) -> Timeline {
    let effective = effective_intervals(slim, &observations);
    let events = sweep_events(&effective);
    let mut segments: Vec<Segment> = Vec::new();
    let mut sweep = Sweep::new(observations.len(), ds.codebook.stances().len());
    let mut opened: Vec<usize> = Vec::new(); // slots opened on the current day
    let mut i = 0;
    while i < events.len() {
        let key = (events[i] >> 32) as u32;
        opened.clear();
        while i < events.len() && (events[i] >> 32) as u32 == key {
            let open = events[i] & (1 << 31) != 0;
            let slot = (events[i] & 0x7fff_ffff) as usize;
            let stance = slim[observations[slot].index()].stance;
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
                seg.evidence
                    .extend(opened.iter().map(|&slot| observations[slot]));
            }
            continue;
        }
        if let Some(seg) = current {
            seg.end = day.and_then(|d| d.pred_opt());
        }
        if let Some(state) = state {
            segments.push(Segment {
                party,
                state,
                start: day,
                end: None,
                evidence: sweep.active().map(|slot| observations[slot]).collect(),
            });
        }
    }
    // Each segment's evidence is in the total order as built: a slot opens after every slot
    // with an earlier start, and the order sorts by start first (a property test checks it).
    debug_assert!(
        segments
            .iter()
            .all(|s| s.evidence.is_sorted_by_key(|&o| rank[o.index()]))
    );
    Timeline {
        party,
        observations,
        effective,
        segments,
    }
}
