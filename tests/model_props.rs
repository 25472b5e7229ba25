//! Property tests of the model's invariants, on random datasets built in memory.

use chrono::NaiveDate;
use proptest::prelude::*;
use stanceline::date::{DatePoint, Edtf, End, Offset, Time};
use stanceline::diagnostic::Span;
use stanceline::model::codebook::{Codebook, Party, Stance};
use stanceline::model::observation::{Article, Basis, Confidence, Dataset, Observation};
use stanceline::model::timeline::{Splice, State, ordered, timelines, update_timelines};
use stanceline::model::{ArticleId, ObservationId, PartyId, StanceId};
use std::collections::BTreeSet;

const FIRST: i32 = 2000;
const YEARS: i32 = 3;

fn codebook(parties: usize, stances: usize) -> Codebook {
    Codebook::new(
        "Q?".into(),
        (0..stances)
            .map(|i| Stance {
                id: format!("s{i}"),
                label: format!("S{i}"),
                score: (i + 1 < stances).then_some(i as f64),
                short: None,
                color: None,
                description: None,
            })
            .collect(),
        (0..parties)
            .map(|i| Party {
                id: format!("p{i}"),
                name: format!("P{i}"),
                short: None,
                aliases: vec![],
                color: None,
            })
            .collect(),
        vec![],
    )
}

/// A date of every level-1 kind but times: a year, month or day, a season, a month or day
/// left unspecified (`2001-XX`, `2001-03-XX`), each possibly qualified.
fn point() -> impl Strategy<Value = DatePoint> {
    (
        FIRST..FIRST + YEARS,
        0u8..=12,
        0u8..=28,
        0u8..4,
        0u8..10,
        0u32..=86_400,
        -3i8..=3,
    )
        .prop_map(|(y, m, d, q, kind, seconds, zone)| {
            let mut p = DatePoint::ymd(y, (m > 0).then_some(m), (m > 0 && d > 0).then_some(d));
            match kind {
                0 => {
                    p.month = None;
                    p.day = None;
                    p.season = Some(21 + m % 4);
                }
                1 if p.month.is_some() => {
                    p.day = None;
                    p.unspecified.day = true;
                }
                2 => {
                    p.month = None;
                    p.day = None;
                    p.unspecified.month = true;
                }
                3 | 4 if p.day.is_some() => {
                    // A time, in UTC, as written or at an offset of a few hours either way.
                    let offset = (zone != 0).then_some(Offset::Hours {
                        negative: zone < 0,
                        hours: zone.unsigned_abs() * 4,
                        minutes: None,
                    });
                    p.time = Some(Time { seconds, offset });
                    return p;
                }
                _ => {}
            }
            p.uncertain = q & 1 == 1;
            p.approximate = q & 2 == 2;
            p
        })
}

/// A date as an interval's end, which takes no time.
fn end(p: DatePoint) -> End {
    End::Date(DatePoint { time: None, ..p })
}

fn held() -> impl Strategy<Value = Edtf> {
    prop_oneof![
        3 => point().prop_map(Edtf::Date),
        1 => (point(), point()).prop_map(|(a, b)| {
            let (a, b) = if b.last_day() < a.first_day() { (b, a) } else { (a, b) };
            Edtf::Interval { start: end(a), end: end(b) }
        }),
        1 => point().prop_map(|a| Edtf::Interval { start: end(a), end: End::Open }),
        1 => point().prop_map(|b| Edtf::Interval { start: End::Open, end: end(b) }),
        1 => point().prop_map(|a| Edtf::Interval { start: end(a), end: End::Unknown }),
        1 => point().prop_map(|b| Edtf::Interval { start: End::Unknown, end: end(b) }),
    ]
}

fn observation(
    party: usize,
    stance: usize,
    held: Edtf,
    article: usize,
    index: usize,
) -> Observation {
    Observation {
        party: PartyId::new(party),
        stance: StanceId::new(stance),
        held,
        start: held.start_day(),
        end: held.end_day(),
        speaker: None,
        basis: Basis::Report,
        confidence: Confidence::Medium,
        quote: None,
        conditions: None,
        note: None,
        article: ArticleId::new(article),
        index,
        span: Span::FILE,
    }
}

/// The position added to a dataset: its held date, of one of several kinds, around `day`.
fn added_held(kind: u8, day: NaiveDate, len: u32) -> Edtf {
    let at = DatePoint::from_day(day);
    let later = DatePoint::from_day(day + chrono::Days::new(u64::from(len)));
    match kind {
        0 => Edtf::Date(at),
        1 => Edtf::Interval {
            start: End::Date(at),
            end: End::Date(later),
        },
        2 => Edtf::Interval {
            start: End::Date(at),
            end: End::Open,
        },
        3 => Edtf::Interval {
            start: End::Date(at),
            end: End::Unknown,
        },
        4 => Edtf::Interval {
            start: End::Unknown,
            end: End::Date(at),
        },
        5 => Edtf::Date(DatePoint { day: None, ..at }),
        6 => Edtf::Interval {
            start: End::Open,
            end: End::Date(at),
        },
        _ => Edtf::Date(DatePoint {
            time: Some(Time {
                seconds: len * 1000 % 86_400,
                offset: None,
            }),
            ..at
        }),
    }
}

/// (party, stance, held, article) tuples, and article publication dates.
fn dataset() -> impl Strategy<Value = Dataset> {
    (1usize..4, 2usize..5, prop::collection::vec(point(), 1..6)).prop_flat_map(
        |(parties, stances, published)| {
            let n = published.len();
            (
                Just((parties, stances, published)),
                prop::collection::vec((0..parties, 0..stances, held(), 0..n), 0..30),
            )
                .prop_map(|((parties, stances, published), obs)| {
                    let articles: Vec<Article> = published
                        .iter()
                        .enumerate()
                        .map(|(i, p)| Article {
                            id: format!("a{i}"),
                            title: String::new(),
                            outlet: String::new(),
                            author: None,
                            published: *p,
                            url: None,
                            source: None,
                            annotator: None,
                            file: format!("a{i}.yaml"),
                        })
                        .collect();
                    let mut counters = vec![0; articles.len()];
                    let observations = obs
                        .into_iter()
                        .map(|(party, stance, held, article)| {
                            counters[article] += 1;
                            observation(party, stance, held, article, counters[article] - 1)
                        })
                        .collect();
                    Dataset {
                        codebook: codebook(parties, stances),
                        articles,
                        observations,
                        as_of: None,
                    }
                })
        },
    )
}

fn days() -> impl Iterator<Item = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(FIRST - 1, 12, 1).unwrap();
    first.iter_days().take((366 * (YEARS + 1)) as usize)
}

/// The order as (article id, position index) pairs.
fn order_keys(ds: &Dataset) -> Vec<(String, usize)> {
    ordered(ds)
        .into_iter()
        .map(|o| {
            let ob = ds.observation(o);
            (ds.article(ob).id.clone(), ob.index)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn order_follows_the_documented_keys(ds in dataset()) {
        // Held start (open first) and its time (none first), held end (open last),
        // publication's first and last day, article id, position index: compared as plain
        // tuples, against the packed keys.
        let key = |o: ObservationId| {
            let ob = ds.observation(o);
            let a = ds.article(ob);
            (
                ob.start,
                ob.held.start_point().and_then(|p| p.time_key()),
                ob.end.map_or((1, NaiveDate::MIN), |d| (0, d)),
                a.published.first_day(),
                a.published.last_day(),
                a.id.clone(),
                ob.index,
            )
        };
        let order = ordered(&ds);
        prop_assert_eq!(order.len(), ds.observations.len());
        for pair in order.windows(2) {
            prop_assert!(key(pair[0]) < key(pair[1]), "{:?} before {:?}", key(pair[0]), key(pair[1]));
        }
    }

    #[test]
    fn order_is_total_and_independent_of_input_order(ds in dataset(), seed in any::<u64>()) {
        let keys = order_keys(&ds);
        // Total: no two observations compare equal.
        let distinct: BTreeSet<_> = keys.iter().collect();
        prop_assert_eq!(distinct.len(), keys.len());
        // Permute articles and observations; the order is the same.
        let mut shuffled = ds.clone();
        let n = shuffled.articles.len();
        let perm: Vec<usize> = (0..n).map(|i| (i + seed as usize) % n).collect();
        shuffled.articles = perm.iter().map(|&i| ds.articles[i].clone()).collect();
        let inverse: Vec<usize> = {
            let mut inv = vec![0; n];
            for (new, &old) in perm.iter().enumerate() { inv[old] = new; }
            inv
        };
        for o in &mut shuffled.observations { o.article = ArticleId::new(inverse[o.article.index()]); }
        shuffled.observations.reverse();
        let len = shuffled.observations.len();
        if len > 0 { shuffled.observations.rotate_left(seed as usize % len); }
        prop_assert_eq!(order_keys(&shuffled), keys);
        // And the timelines say the same.
        let a: Vec<_> = timelines(&ds).into_iter().map(|t| t.segments.into_iter().map(|s| (s.start, s.end, s.state)).collect::<Vec<_>>()).collect();
        let b: Vec<_> = timelines(&shuffled).into_iter().map(|t| t.segments.into_iter().map(|s| (s.start, s.end, s.state)).collect::<Vec<_>>()).collect();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn segments_partition_exactly_the_time_positions_speak_for(ds in dataset()) {
        for tl in timelines(&ds) {
            // Sorted, never overlapping; neighbours differ in state or have a gap between.
            for w in tl.segments.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                let a_end = a.end.expect("only the last segment may stay open");
                let b_start = b.start.expect("only the first segment may start open");
                prop_assert!(a_end < b_start);
                prop_assert!(a_end.succ_opt() != Some(b_start) || a.state != b.state);
            }
            for day in days() {
                let active: Vec<ObservationId> = tl.observations.iter().enumerate()
                    .filter(|&(slot, _)| tl.pieces(slot).iter().any(|p| p.contains(day)))
                    .map(|(_, &o)| o).collect();
                let stances: BTreeSet<StanceId> = active.iter().map(|&o| ds.observation(o).stance).collect();
                let covering: Vec<_> = tl.segments.iter().filter(|s| s.interval().contains(day)).collect();
                if active.is_empty() {
                    prop_assert!(covering.is_empty(), "a segment on {} where no position holds", day);
                } else {
                    prop_assert_eq!(covering.len(), 1, "{} covered {} times", day, covering.len());
                    let seg = covering[0];
                    match &seg.state {
                        State::Stance(s) => prop_assert_eq!(stances.iter().copied().collect::<Vec<_>>(), vec![*s]),
                        State::Conflict(ss) => {
                            prop_assert!(ss.len() > 1);
                            prop_assert_eq!(&stances.iter().copied().collect::<Vec<_>>(), ss);
                        }
                    }
                    for o in &active { prop_assert!(seg.evidence.contains(o)); }
                    prop_assert_eq!(tl.at(day), Some(seg));
                }
            }
        }
    }

    #[test]
    fn carry_forward_follows_the_documented_rule(ds in dataset()) {
        // Recomputed here from the README's rule, not from the model's code: a carried
        // position (a single date, an open or unknown end) holds until the day before the next
        // carried position with a later start (through that day for a later time of the same
        // day), but not while an interval with a written end that starts on a later day holds.
        let time = |o: &Observation| o.held.start_point().and_then(|p| p.time_key());
        for tl in timelines(&ds) {
            for (slot, &o) in tl.observations.iter().enumerate() {
                let ob = ds.observation(o);
                let mine = &ds.observations;
                let e = tl.effective[slot];
                prop_assert_eq!(e.start, ob.held.start_day());
                if ob.held.has_written_end() {
                    prop_assert_eq!(e.end, ob.held.end_day(), "{}", ob.held);
                    prop_assert!(tl.pieces(slot) == vec![e]);
                    continue;
                }
                let start = ob.start.unwrap();
                let next = mine
                    .iter()
                    .filter(|p| p.party == ob.party && !p.held.has_written_end())
                    .filter_map(|p| Some((p.start?, time(p))))
                    .filter(|&(s, t)| (s, t) > (start, time(ob)))
                    .min();
                let end = next.map(|(s, _)| if s == start { s } else { s.pred_opt().unwrap() });
                prop_assert_eq!(e.end, end, "{}", ob.held);
                for day in days() {
                    let suspended = mine.iter().any(|p| {
                        p.party == ob.party
                            && p.held.has_written_end()
                            && p.start.is_some_and(|s| s > start)
                            && p.start.unwrap() <= day
                            && p.end.is_some_and(|e| day <= e)
                    });
                    let holds = e.contains(day) && !suspended;
                    prop_assert_eq!(
                        tl.pieces(slot).iter().any(|p| p.contains(day)),
                        holds,
                        "{} on {}", ob.held, day
                    );
                }
            }
        }
    }

    #[test]
    fn every_observation_lands_in_exactly_one_home_segment(ds in dataset()) {
        for tl in timelines(&ds) {
            for (slot, &o) in tl.observations.iter().enumerate() {
                // Its home: the segment holding on its first effective day.
                let e = tl.effective[slot];
                let homes: Vec<_> = tl.segments.iter()
                    .filter(|s| match e.start { Some(d) => s.interval().contains(d), None => s.start.is_none() })
                    .collect();
                prop_assert_eq!(homes.len(), 1);
                prop_assert!(homes[0].evidence.contains(&o));
                // It is evidence exactly where it holds.
                for s in &tl.segments {
                    prop_assert_eq!(s.evidence.contains(&o), tl.holds_during(slot, s.start, s.end));
                }
            }
            // Evidence holds only the party's own observations, once each, in the total order.
            let order = ordered(&ds);
            let mut rank = vec![0; ds.observations.len()];
            for (r, &o) in order.iter().enumerate() {
                rank[o.index()] = r;
            }
            for s in &tl.segments {
                prop_assert!(s.evidence.windows(2).all(|w| rank[w[0].index()] < rank[w[1].index()]));
                let set: BTreeSet<_> = s.evidence.iter().collect();
                prop_assert_eq!(set.len(), s.evidence.len());
                prop_assert!(s.evidence.iter().all(|&o| ds.observation(o).party == tl.party));
            }
        }
    }

    /// A conflict's first position on each side, found without looking further: the first of
    /// each side's positions.
    #[test]
    fn the_first_of_each_side_is_the_first_of_its_positions(ds in dataset()) {
        for tl in timelines(&ds) {
            for seg in &tl.segments {
                let firsts: Vec<_> = seg.sides(&ds).into_iter().map(|(s, obs)| (s, obs[0])).collect();
                prop_assert_eq!(seg.first_of_each_side(&ds), firsts);
            }
        }
    }

    /// Timelines kept up to date through splices (positions removed, added, or read again
    /// with another stance) are the timelines built again from the dataset they lead to.
    #[test]
    fn timelines_kept_up_to_date_are_the_timelines_built_again(
        ds in dataset(),
        ops in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, 0u8..4), 1..4),
    ) {
        // Each step gives the dataset before and after, its splice, and the parties it touched.
        let mut now = ds;
        let mut first: Option<Dataset> = None;
        let mut splices = Vec::new();
        let mut parties = Vec::new();
        for (place, k, what) in ops {
            let n = now.observations.len();
            let at = place.index(n + 1);
            let k = k.min(n - at);
            let (before, after, splice) = match what {
                0 => {
                    let mut after = now.clone();
                    after.observations.drain(at..at + k);
                    (now, after, Splice { at, removed: k, added: 0 })
                }
                1 => {
                    let mut before = now.clone();
                    before.observations.drain(at..at + k);
                    // Added: the step starts from the dataset without them.
                    if first.is_some() {
                        continue;
                    }
                    (before, now, Splice { at, removed: 0, added: k })
                }
                _ => {
                    // Read again: every position's stance changed (2), or the first party's
                    // alone, the others' positions staying where they are (3).
                    let mut after = now.clone();
                    let stances = after.codebook.stances().len();
                    for o in &mut after.observations[at..at + k] {
                        if what == 2 || o.party == PartyId::new(0) {
                            o.stance = StanceId::new((o.stance.index() + 1) % stances);
                        }
                    }
                    (now, after, Splice { at, removed: k, added: k })
                }
            };
            // The parties whose positions changed.
            let changed = |a: &Observation, b: &Observation| a.party != b.party || a.stance != b.stance;
            if splice.removed == splice.added {
                parties.extend(
                    before.observations[at..at + k].iter().zip(&after.observations[at..at + k])
                        .filter(|(a, b)| changed(a, b))
                        .flat_map(|(a, b)| [a.party, b.party]),
                );
            } else {
                parties.extend(before.observations[at..at + splice.removed].iter().map(|o| o.party));
                parties.extend(after.observations[at..at + splice.added].iter().map(|o| o.party));
            }
            first.get_or_insert(before);
            splices.push(splice);
            now = after;
        }
        parties.sort_unstable();
        parties.dedup();
        let Some(first) = first else { return Ok(()) };
        let mut kept = timelines(&first);
        update_timelines(&now, &mut kept, &splices, &parties);
        prop_assert_eq!(kept, timelines(&now));
    }

    /// Evidence never removes an answer: a position added to a party, agreeing with the
    /// party's answer on every day of its held period (within the days the data spans, past
    /// which nothing changes), never turns a day whose answer was a stance into a conflict or
    /// an unknown; over its own period the answer stays the same stance.
    #[test]
    fn an_agreeing_position_never_removes_an_answer(
        ds in dataset(),
        party in 0usize..4,
        day in 0usize..366 * (YEARS as usize + 1),
        kind in 0u8..8,
        len in 0u32..200,
        article in 0usize..6,
    ) {
        let party = PartyId::new(party % ds.codebook.parties().len());
        let window: Vec<NaiveDate> = days().collect();
        let day = window[day];
        let before = &timelines(&ds)[party.index()];
        let state = |tl: &stanceline::model::timeline::Timeline, d: NaiveDate| tl.at(d).map(|s| s.state.clone());
        let Some(State::Stance(stance)) = state(before, day) else {
            return Ok(());
        };
        // The kind asked for where it agrees over its whole period, else the day alone.
        let period = |h: &Edtf| -> Vec<NaiveDate> {
            window.iter().copied().filter(|&d| {
                h.start_day().is_none_or(|s| s <= d) && h.end_day().is_none_or(|e| d <= e)
            }).collect()
        };
        let agrees = |h: &Edtf| period(h).into_iter().all(|d| state(before, d) == Some(State::Stance(stance)));
        let mut held = added_held(kind, day, len);
        if !agrees(&held) {
            held = added_held(0, day, 0);
        }
        prop_assert!(agrees(&held));
        let mut more = ds.clone();
        let article = article % more.articles.len();
        let index = more.observations.iter().filter(|o| o.article.index() == article).count();
        more.observations.push(observation(party.index(), stance.index(), held, article, index));
        let after = &timelines(&more)[party.index()];
        for &d in &window {
            if let Some(State::Stance(s)) = state(before, d) {
                let now = state(after, d);
                prop_assert!(
                    matches!(now, Some(State::Stance(_))),
                    "adding {} ({:?}) turned {:?} on {} into {:?}", held, stance, s, d, now
                );
            }
        }
        for d in period(&held) {
            prop_assert_eq!(state(after, d), Some(State::Stance(stance)), "on {}", d);
        }
    }

    #[test]
    fn known_by_never_returns_a_later_article(ds in dataset(), cut in point()) {
        let day = cut.last_day();
        let known = ds.known_by(day);
        prop_assert!(known.articles.iter().all(|a| a.published.last_day() <= day));
        let expected = ds.observations.iter().filter(|o| ds.article(o).published.last_day() <= day).count();
        prop_assert_eq!(known.observations.len(), expected);
        for o in &known.observations {
            prop_assert!(known.article(o).published.last_day() <= day);
        }
    }
}
