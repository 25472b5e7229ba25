//! Reliability codings and the agreement between coders. A reliability coding is a second,
//! independent coding of an article of the record, by another coder; it never enters the
//! timeline. A [`Study`] lays the codings of every article coded again beside the record's, as
//! units with each coder's value ([`Unit`]), and computes the agreement figures
//! ([`Figure`], with [`super::agreement`]), the coverage of each coder and the disagreements.
//!
//! # Units
//! A unit is an (article, party) pair, and a coder's value for it is the stance of that
//! party's position in that article (with its basis and confidence). Where a coder records
//! several positions for one party in one article, those with the same stance whose `held`
//! periods overlap are one value (several quotes of one position; the first in the file gives
//! its basis and confidence); if a coder still has several values, the unit is split by held
//! period: in time order (start, an open one first; end, an open one last), each value joins
//! the first unit that has no value of its coder yet and whose values' held periods all
//! overlap its own, or else opens a unit (article, party, held period) of its own. A coder
//! who coded the article but has no value for a unit has a missing value there.

use super::agreement::{Coincidences, Interval95, Level, Undefined, interval95};
use super::codebook::Codebook;
use super::id::{ArticleId, PartyId};
use super::interval::Interval;
use super::observation::{Article, Basis, Confidence, Dataset, Observation};
use crate::date::Edtf;
use rayon::prelude::*;

/// One coder's coding of one article of the record, read from `reliability/CODER/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Coding {
    /// The coder: the name of the folder the coding is in.
    pub coder: String,
    /// The article of the record that it codes again.
    pub article: ArticleId,
    /// The coding's file, as the user named it.
    pub file: String,
    /// Its positions; each one's `article` is the record's article.
    pub observations: Vec<Observation>,
}

/// The coder of an article of the record whose `annotator` names none.
pub const UNNAMED_CODER: &str = "(record)";

/// The record's coder of an article: its `annotator`, or [`UNNAMED_CODER`].
pub fn record_coder(a: &Article) -> &str {
    a.annotator.as_deref().unwrap_or(UNNAMED_CODER)
}

/// The same coder: names compared without regard to case or surrounding space.
pub fn same_coder(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A coded variable of a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variable {
    Stance,
    Basis,
    Confidence,
}

impl Variable {
    pub const ALL: [Variable; 3] = [Variable::Stance, Variable::Basis, Variable::Confidence];

    pub fn as_str(self) -> &'static str {
        match self {
            Variable::Stance => "stance",
            Variable::Basis => "basis",
            Variable::Confidence => "confidence",
        }
    }

    /// The levels its agreement is measured at: the stance at every level (its scale order
    /// and scores), basis as categories, confidence as ranks.
    pub fn levels(self) -> &'static [Level] {
        match self {
            Variable::Stance => &[Level::Nominal, Level::Ordinal, Level::Interval],
            Variable::Basis => &[Level::Nominal],
            Variable::Confidence => &[Level::Ordinal],
        }
    }
}

/// Confidence as ranks, lowest first.
const CONFIDENCE_ORDER: [Confidence; 3] = [Confidence::Low, Confidence::Medium, Confidence::High];

/// The values of a variable at a level: each value's code (an index in order) and point.
#[derive(Debug, Clone)]
pub struct Scale {
    pub variable: Variable,
    pub level: Level,
    /// Each stance's code (by `StanceId`), `None` for one without a place at this level.
    stance_codes: Vec<Option<usize>>,
    /// Each code's point on the scale (a stance's score; otherwise the code itself).
    pub points: Vec<f64>,
    /// Each code's label, for messages.
    pub labels: Vec<String>,
}

impl Scale {
    pub fn new(cb: &Codebook, variable: Variable, level: Level) -> Scale {
        let stances = cb.stances();
        let (mut stance_codes, mut points, mut labels) =
            (vec![None; stances.len()], vec![], vec![]);
        match (variable, level) {
            (Variable::Stance, Level::Nominal) => {
                for (i, s) in stances.iter().enumerate() {
                    stance_codes[i] = Some(i);
                    points.push(i as f64 + 1.0);
                    labels.push(s.label.clone());
                }
            }
            (Variable::Stance, _) => {
                for id in cb.stances_in_scale_order() {
                    let s = cb.stance(id);
                    if let Some(score) = s.score {
                        stance_codes[id.index()] = Some(points.len());
                        points.push(score);
                        labels.push(s.label.clone());
                    }
                }
            }
            (Variable::Basis, _) => {
                labels = Basis::ALL.iter().map(|b| b.as_str().to_string()).collect();
                points = (1..=labels.len()).map(|i| i as f64).collect();
            }
            (Variable::Confidence, _) => {
                labels = CONFIDENCE_ORDER
                    .iter()
                    .map(|c| c.as_str().to_string())
                    .collect();
                points = (1..=labels.len()).map(|i| i as f64).collect();
            }
        }
        Scale {
            variable,
            level,
            stance_codes,
            points,
            labels,
        }
    }

    /// The code of a position's value, `None` where it has no place at this level.
    pub fn code(&self, o: &Observation) -> Option<usize> {
        match self.variable {
            Variable::Stance => self.stance_codes[o.stance.index()],
            Variable::Basis => Basis::ALL.iter().position(|&b| b == o.basis),
            Variable::Confidence => CONFIDENCE_ORDER.iter().position(|&c| c == o.confidence),
        }
    }

    /// The number a reliability matrix holds for a code: at the interval level the stance's
    /// score; otherwise the code counted from 1 (the stance's place in the codebook, or in
    /// scale order among the stances with a score; basis statement 1, report 2, inference 3;
    /// confidence low 1, medium 2, high 3).
    pub fn number(&self, code: usize) -> f64 {
        if self.level == Level::Interval {
            self.points[code]
        } else {
            code as f64 + 1.0
        }
    }
}

/// A coder's value for a unit: a position, and how many of the coder's positions it stands for
/// (several quotes of one position).
#[derive(Debug, Clone, Copy)]
pub struct Value<'a> {
    pub observation: &'a Observation,
    /// The file the position is written in.
    pub file: &'a str,
    pub positions: usize,
}

/// One unit: a party in an article, and each coder's value for it.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub article: ArticleId,
    pub party: PartyId,
    /// For a unit split by held period, the `held` of its first value.
    pub period: Option<Edtf>,
    /// By coder (as [`Study::coders`]); `None` where the coder gave none, or did not code the
    /// article.
    pub values: Vec<Option<Value<'a>>>,
}

impl Unit<'_> {
    /// Whether the coders who gave it a value disagree on the stance.
    pub fn disagrees(&self) -> bool {
        let mut stances = self.values.iter().flatten().map(|v| v.observation.stance);
        let first = stances.next();
        stances.any(|s| Some(s) != first)
    }
}

/// An article coded again, and the coders who coded it (the record's first).
#[derive(Debug, Clone)]
pub struct Sampled {
    pub article: ArticleId,
    pub coders: Vec<usize>,
}

/// What a reliability study is made of: the coders, the articles coded again and the units.
#[derive(Debug, Clone)]
pub struct Study<'a> {
    pub ds: &'a Dataset,
    /// Each coder's name, in the order first met: the record's coders in article order, then
    /// the reliability coders in the order of their codings.
    pub coders: Vec<String>,
    pub articles: Vec<Sampled>,
    /// In article order, then party order (the codebook's), then time.
    pub units: Vec<Unit<'a>>,
}

/// One position of one coder, before units are formed.
#[derive(Debug, Clone, Copy)]
struct Coded<'a> {
    coder: usize,
    value: Value<'a>,
}

impl<'a> Study<'a> {
    /// The study of the articles of `ds` that `codings` code again. A coder's second coding
    /// of an article (which `check` reports) is left out.
    pub fn new(ds: &'a Dataset, codings: &'a [Coding]) -> Study<'a> {
        let mut coders: Vec<String> = Vec::new();
        let mut coder = |name: &str| match coders.iter().position(|c| same_coder(c, name)) {
            Some(i) => i,
            None => {
                coders.push(name.to_string());
                coders.len() - 1
            }
        };
        let mut by_article: Vec<Vec<&Coding>> = vec![Vec::new(); ds.articles.len()];
        for c in codings {
            by_article[c.article.index()].push(c);
        }
        let mut record: Vec<Vec<&Observation>> = vec![Vec::new(); ds.articles.len()];
        for o in &ds.observations {
            if !by_article[o.article.index()].is_empty() {
                record[o.article.index()].push(o);
            }
        }
        let mut articles = Vec::new();
        let mut coded: Vec<Vec<Coded>> = Vec::new();
        for (i, a) in ds.articles.iter().enumerate() {
            if by_article[i].is_empty() {
                continue;
            }
            let own = coder(record_coder(a));
            let mut here = vec![own];
            let mut positions: Vec<Coded> = record[i]
                .iter()
                .map(|&o| Coded {
                    coder: own,
                    value: Value {
                        observation: o,
                        file: &a.file,
                        positions: 1,
                    },
                })
                .collect();
            for c in &by_article[i] {
                let k = coder(&c.coder);
                if here.contains(&k) {
                    continue;
                }
                here.push(k);
                positions.extend(c.observations.iter().map(|o| Coded {
                    coder: k,
                    value: Value {
                        observation: o,
                        file: &c.file,
                        positions: 1,
                    },
                }));
            }
            articles.push(Sampled {
                article: ArticleId::new(i),
                coders: here,
            });
            coded.push(positions);
        }
        let n = coders.len();
        let mut units = Vec::new();
        for (sampled, positions) in articles.iter().zip(coded) {
            for party in ds.codebook.party_ids() {
                let of_party: Vec<Coded> = positions
                    .iter()
                    .copied()
                    .filter(|p| p.value.observation.party == party)
                    .collect();
                units.extend(party_units(sampled.article, party, of_party, n));
            }
        }
        Study {
            ds,
            coders,
            articles,
            units,
        }
    }

    pub fn codebook(&self) -> &'a Codebook {
        &self.ds.codebook
    }

    /// The units of one party, or all of them.
    pub fn units_of(&self, party: Option<PartyId>) -> impl Iterator<Item = &Unit<'a>> {
        self.units
            .iter()
            .filter(move |u| party.is_none_or(|p| u.party == p))
    }

    /// The parties with at least one unit, in codebook order.
    pub fn parties(&self) -> Vec<PartyId> {
        let mut parties: Vec<PartyId> = self.units.iter().map(|u| u.party).collect();
        parties.sort_unstable();
        parties.dedup();
        parties
    }

    /// The units where coders disagree on the stance.
    pub fn disagreements(&self) -> impl Iterator<Item = &Unit<'a>> {
        self.units.iter().filter(|u| u.disagrees())
    }

    /// The reliability matrix of a variable at a level, as the `krippendorff` package takes
    /// it: one row per coder, one column per unit, the value as [`Scale::number`], `None` where
    /// missing or without a place at this level.
    pub fn matrix(&self, scale: &Scale) -> Vec<Vec<Option<f64>>> {
        (0..self.coders.len())
            .map(|c| {
                self.units
                    .iter()
                    .map(|u| {
                        let v = u.values[c]?;
                        scale.code(v.observation).map(|code| scale.number(code))
                    })
                    .collect()
            })
            .collect()
    }

    /// The figure of agreement on a variable at a level, for one party or all.
    pub fn figure(&self, scale: &Scale, party: Option<PartyId>, bootstrap: Bootstrap) -> Figure {
        let mut left_out = 0;
        let mut with_pairs = vec![false; self.coders.len()];
        let units: Vec<Vec<usize>> = self
            .units_of(party)
            .map(|u| {
                let codes: Vec<(usize, usize)> = u
                    .values
                    .iter()
                    .enumerate()
                    .filter_map(|(c, v)| Some((c, *v.as_ref()?)))
                    .filter_map(|(c, v)| match scale.code(v.observation) {
                        Some(code) => Some((c, code)),
                        None => {
                            left_out += 1;
                            None
                        }
                    })
                    .collect();
                if codes.len() > 1 {
                    for &(c, _) in &codes {
                        with_pairs[c] = true;
                    }
                }
                codes.into_iter().map(|(_, code)| code).collect()
            })
            .collect();
        let coincidences = Coincidences::new(scale.points.len(), &units);
        let d = coincidences.distances(scale.level, &scale.points);
        let coders = with_pairs.iter().filter(|&&c| c).count();
        let seed = bootstrap.seed_for(scale, party);
        let interval = match bootstrap.samples {
            0 => None,
            b => coincidences
                .bootstrap(&d, coders, b, seed)
                .and_then(|dist| interval95(&dist)),
        };
        Figure {
            variable: scale.variable,
            level: scale.level,
            party,
            alpha: coincidences.alpha(&d),
            interval,
            units: coincidences.units(),
            values: coincidences.pairable(),
            coders,
            left_out,
        }
    }

    /// Every figure: each variable at each of its levels over all units, then the same for
    /// each party with units (in codebook order). Computed in parallel, each with its own seed.
    pub fn figures(&self, bootstrap: Bootstrap) -> Vec<Figure> {
        let cb = self.codebook();
        let scales: Vec<Scale> = Variable::ALL
            .iter()
            .flat_map(|&v| v.levels().iter().map(move |&l| Scale::new(cb, v, l)))
            .collect();
        let parties = std::iter::once(None).chain(self.parties().into_iter().map(Some));
        let jobs: Vec<(Option<PartyId>, &Scale)> = parties
            .flat_map(|p| scales.iter().map(move |s| (p, s)))
            .collect();
        jobs.par_iter()
            .map(|&(p, s)| self.figure(s, p, bootstrap))
            .collect()
    }

    /// What each coder coded, in coder order.
    pub fn coverage(&self) -> Vec<Coverage> {
        (0..self.coders.len())
            .map(|c| {
                let articles: Vec<ArticleId> = self
                    .articles
                    .iter()
                    .filter(|a| a.coders.contains(&c))
                    .map(|a| a.article)
                    .collect();
                let units: Vec<&Unit> = self
                    .units
                    .iter()
                    .filter(|u| articles.contains(&u.article))
                    .collect();
                let coded = units.iter().filter(|u| u.values[c].is_some()).count();
                let mut not_coded: Vec<PartyId> = units.iter().map(|u| u.party).collect();
                not_coded.sort_unstable();
                not_coded.dedup();
                not_coded.retain(|&p| !units.iter().any(|u| u.party == p && u.values[c].is_some()));
                Coverage {
                    coder: c,
                    articles: articles.len(),
                    units: units.len(),
                    coded,
                    not_coded,
                }
            })
            .collect()
    }
}

/// The units of one party in one article, from its coders' positions (see the module
/// documentation).
fn party_units<'a>(
    article: ArticleId,
    party: PartyId,
    positions: Vec<Coded<'a>>,
    coders: usize,
) -> Vec<Unit<'a>> {
    if positions.is_empty() {
        return Vec::new();
    }
    let mut values = merge_quotes(positions);
    let mut per_coder = vec![0usize; coders];
    for v in &values {
        per_coder[v.coder] += 1;
    }
    let unit = |period| Unit {
        article,
        party,
        period,
        values: vec![None; coders],
    };
    if per_coder.iter().all(|&n| n <= 1) {
        let mut u = unit(None);
        for v in values {
            u.values[v.coder] = Some(v.value);
        }
        return vec![u];
    }
    values.sort_by_key(|v| time_key(v.value.observation, v.coder));
    let mut units: Vec<Unit> = Vec::new();
    for v in values {
        let o = v.value.observation;
        let fits = |u: &&mut Unit| {
            u.values[v.coder].is_none()
                && u.values.iter().flatten().all(|w| overlap(w.observation, o))
        };
        match units.iter_mut().find(|u| fits(u)) {
            Some(u) => u.values[v.coder] = Some(v.value),
            None => {
                let mut u = unit(Some(o.held));
                u.values[v.coder] = Some(v.value);
                units.push(u);
            }
        }
    }
    units
}

/// Each coder's positions, with those of one stance whose held periods overlap made one
/// value, in the order of the coder's file (the first of them stands for them).
fn merge_quotes(positions: Vec<Coded>) -> Vec<Coded> {
    let mut values: Vec<Coded> = Vec::new();
    for p in positions {
        let o = p.value.observation;
        let same = values.iter_mut().find(|v| {
            v.coder == p.coder
                && v.value.observation.stance == o.stance
                && overlap(v.value.observation, o)
        });
        match same {
            Some(v) => v.value.positions += 1,
            None => values.push(p),
        }
    }
    values
}

fn overlap(a: &Observation, b: &Observation) -> bool {
    Interval {
        start: a.start,
        end: a.end,
    }
    .overlaps(b.start, b.end)
}

/// Time order: start (an open one first), end (an open one last), then coder and place.
fn time_key(
    o: &Observation,
    coder: usize,
) -> (
    bool,
    Option<chrono::NaiveDate>,
    bool,
    Option<chrono::NaiveDate>,
    usize,
    usize,
) {
    (
        o.start.is_some(),
        o.start,
        o.end.is_none(),
        o.end,
        coder,
        o.index,
    )
}

/// How the confidence intervals are drawn: `samples` bootstrap samples (none without an
/// interval), from `seed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bootstrap {
    pub samples: usize,
    pub seed: u64,
}

impl Bootstrap {
    /// Each figure's own seed, from the seed, the variable, the level and the party: a figure
    /// keeps its interval whatever other figures are computed.
    fn seed_for(&self, scale: &Scale, party: Option<PartyId>) -> u64 {
        let p = party.map_or(0, |p| p.index() as u64 + 1);
        let mut mix = super::agreement::SplitMix64(
            self.seed ^ ((scale.variable as u64) << 56) ^ ((scale.level as u64) << 48) ^ p,
        );
        mix.next_u64()
    }
}

/// The agreement on a variable at a level, for one party or all.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub variable: Variable,
    pub level: Level,
    pub party: Option<PartyId>,
    pub alpha: Result<f64, Undefined>,
    /// The 95 % bootstrap interval, where alpha is defined and samples were drawn.
    pub interval: Option<Interval95>,
    /// Units with at least two values at this level.
    pub units: usize,
    /// Pairable values: the values of those units.
    pub values: usize,
    /// Coders with at least one pairable value.
    pub coders: usize,
    /// Values without a place at this level: stances without a score, at the ordinal and
    /// interval levels.
    pub left_out: usize,
}

/// What one coder coded of the articles they coded.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub coder: usize,
    /// Articles the coder coded (of those coded again).
    pub articles: usize,
    /// Units of those articles, by any coder.
    pub units: usize,
    /// Units the coder gave a value.
    pub coded: usize,
    /// Parties with units in those articles that the coder coded nowhere in them.
    pub not_coded: Vec<PartyId>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse;
    use crate::model::codebook::{Party, Stance};
    use crate::model::id::StanceId;
    use crate::span::Span;

    fn stance(id: &str, score: Option<f64>) -> Stance {
        Stance {
            id: id.into(),
            label: id.into(),
            score,
            short: None,
            color: None,
            description: None,
        }
    }

    fn position(stance: usize, held: &str, index: usize) -> Observation {
        let held = parse(held).unwrap();
        Observation {
            party: PartyId::new(0),
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
            article: ArticleId::new(0),
            index,
            span: Span::FILE,
        }
    }

    /// One article: the record's positions by ana, and ben's coding of it.
    fn study_of(record: Vec<Observation>, ben: Vec<Observation>) -> (Dataset, Vec<Coding>) {
        let party = Party {
            id: "p".into(),
            name: "P".into(),
            short: None,
            aliases: Vec::new(),
            color: None,
        };
        let stances = vec![
            stance("a", Some(-1.0)),
            stance("b", Some(1.0)),
            stance("off", None),
        ];
        let ds = Dataset {
            codebook: Codebook::new("Q?".into(), stances, vec![party], Vec::new()),
            articles: vec![Article {
                id: "x".into(),
                title: String::new(),
                outlet: String::new(),
                author: None,
                published: crate::date::parse_point("2009-05-01").unwrap(),
                url: None,
                source: None,
                annotator: Some("ana".into()),
                file: "x.yaml".into(),
            }],
            observations: record,
            as_of: None,
        };
        let coding = Coding {
            coder: "ben".into(),
            article: ArticleId::new(0),
            file: "ben/x.yaml".into(),
            observations: ben,
        };
        (ds, vec![coding])
    }

    /// (held of ana's value, held of ben's value) of each unit.
    fn units(study: &Study) -> Vec<(Option<String>, Option<String>)> {
        let held = |v: &Option<Value>| v.map(|v| v.observation.held.to_string());
        study
            .units
            .iter()
            .map(|u| (held(&u.values[0]), held(&u.values[1])))
            .collect()
    }

    /// Ben's one position joins the unit of ana's that it overlaps, not the first one.
    #[test]
    fn a_value_joins_the_unit_whose_held_periods_it_overlaps() {
        let (ds, codings) = study_of(
            vec![
                position(0, "2009-04-01/2009-04-20", 0),
                position(1, "2009-04-25/2009-05-01", 1),
            ],
            vec![position(0, "2009-04-26/2009-05-01", 0)],
        );
        let study = Study::new(&ds, &codings);
        assert_eq!(study.coders, ["ana", "ben"]);
        assert_eq!(
            units(&study),
            [
                (Some("2009-04-01/2009-04-20".into()), None),
                (
                    Some("2009-04-25/2009-05-01".into()),
                    Some("2009-04-26/2009-05-01".into())
                ),
            ]
        );
        assert_eq!(
            study.units[1].period.map(|p| p.to_string()).as_deref(),
            Some("2009-04-25/2009-05-01")
        );
        assert!(study.units[1].disagrees() && !study.units[0].disagrees());
    }

    /// One position each is one unit, whatever the held periods; quotes of one position are
    /// one value; an open start comes first.
    #[test]
    fn one_value_each_is_one_unit_and_quotes_are_merged() {
        let (ds, codings) = study_of(
            vec![position(1, "2009-04", 0), position(1, "2009-04-10", 1)],
            vec![position(0, "../2009-01", 0)],
        );
        let study = Study::new(&ds, &codings);
        assert_eq!(
            units(&study),
            [(Some("2009-04".into()), Some("../2009-01".into()))]
        );
        assert_eq!(study.units[0].period, None);
        assert_eq!(study.units[0].values[0].unwrap().positions, 2);
        // Two stances by ben at once: split, the open start first.
        let (ds, codings) = study_of(
            vec![position(1, "2009-04", 0)],
            vec![
                position(0, "2009-04-10", 0),
                position(2, "../2009-04-30", 1),
            ],
        );
        let study = Study::new(&ds, &codings);
        assert_eq!(
            units(&study),
            [
                (Some("2009-04".into()), Some("../2009-04-30".into())),
                (None, Some("2009-04-10".into())),
            ]
        );
        // The off-axis stance is left out at the interval level, and counted.
        let scale = Scale::new(&ds.codebook, Variable::Stance, Level::Interval);
        let f = study.figure(
            &scale,
            None,
            Bootstrap {
                samples: 0,
                seed: 1,
            },
        );
        assert_eq!(
            (f.left_out, f.units, f.alpha),
            (1, 0, Err(Undefined::NoPairs))
        );
        let m = study.matrix(&scale);
        assert_eq!(m, [vec![Some(1.0), None], vec![None, Some(-1.0)]]);
    }
}
