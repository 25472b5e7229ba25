//! The records `stanceline agree` prints: figures of agreement, units with each coder's value,
//! each coder's coverage, and the reliability matrix. Field names are the JSON keys and CSV
//! columns the README lists.

use super::Record;
use crate::model::agreement::{Level, Undefined};
use crate::model::reliability::{Coverage, Figure, Scale, Study, Unit, Variable};
use serde::Serialize;
use std::io::{self, Write};

/// One figure of agreement: a variable at a level, over all units or one party's.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FigureRow {
    pub variable: &'static str,
    pub level: &'static str,
    /// Empty for all parties.
    pub party: Option<String>,
    pub party_name: Option<String>,
    /// Empty where undefined.
    pub alpha: Option<f64>,
    /// Why alpha is undefined.
    pub undefined: Option<String>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub units: usize,
    pub values: usize,
    pub coders: usize,
    pub left_out: usize,
}

impl Record for FigureRow {
    type Flat = FigureRow;
    fn flat(&self) -> &FigureRow {
        self
    }
}

impl FigureRow {
    pub fn new(study: &Study, f: &Figure) -> Self {
        let cb = study.codebook();
        let party = f.party.map(|p| cb.party(p));
        FigureRow {
            variable: f.variable.as_str(),
            level: f.level.as_str(),
            party: party.map(|p| p.id.clone()),
            party_name: party.map(|p| p.name.clone()),
            alpha: f.alpha.ok(),
            undefined: f
                .alpha
                .err()
                .map(|u| reason(&Scale::new(cb, f.variable, f.level), u)),
            ci_low: f.interval.map(|i| i.low),
            ci_high: f.interval.map(|i| i.high),
            units: f.units,
            values: f.values,
            coders: f.coders,
            left_out: f.left_out,
        }
    }
}

/// Why alpha is undefined, in words.
pub fn reason(scale: &Scale, u: Undefined) -> String {
    match u {
        Undefined::NoPairs => "no unit has values from two coders".into(),
        Undefined::NoVariation(v) if scale.level == Level::Interval => {
            format!(
                "no variation: every pairable value scores {}",
                scale.points[v]
            )
        }
        Undefined::NoVariation(v) => {
            format!("no variation: every pairable value is {}", scale.labels[v])
        }
    }
}

/// One coder's value for one unit (`agree --units`, `--disagreements`); empty where the coder
/// coded the article but gave the unit no value.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UnitRow<'a> {
    pub unit: String,
    pub article: &'a str,
    pub party: &'a str,
    pub party_name: &'a str,
    /// For a unit split by held period, the `held` of its first value.
    pub period: Option<String>,
    pub coder: &'a str,
    pub stance: Option<&'a str>,
    pub stance_label: Option<&'a str>,
    pub score: Option<f64>,
    pub basis: Option<&'static str>,
    pub confidence: Option<&'static str>,
    /// How many of the coder's positions the value stands for (several quotes of one).
    pub positions: usize,
    pub held: Option<String>,
    pub quote: Option<&'a str>,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
}

impl Record for UnitRow<'_> {
    type Flat = Self;
    fn flat(&self) -> &Self {
        self
    }
}

impl<'a> UnitRow<'a> {
    /// The rows of a unit: one for each coder of its article, in coder order.
    pub fn of(study: &'a Study, unit: &Unit<'a>, label: &str) -> Vec<UnitRow<'a>> {
        let cb = study.codebook();
        let ds = study.ds;
        let article = &ds.articles[unit.article.index()];
        let party = cb.party(unit.party);
        let coders = &study
            .articles
            .iter()
            .find(|a| a.article == unit.article)
            .expect("a unit's article is coded again")
            .coders;
        coders
            .iter()
            .map(|&c| {
                let value = unit.values[c];
                let o = value.map(|v| v.observation);
                let stance = o.map(|o| cb.stance(o.stance));
                UnitRow {
                    unit: label.to_string(),
                    article: &article.id,
                    party: &party.id,
                    party_name: &party.name,
                    period: unit.period.map(|p| p.to_string()),
                    coder: &study.coders[c],
                    stance: stance.map(|s| s.id.as_str()),
                    stance_label: stance.map(|s| s.label.as_str()),
                    score: stance.and_then(|s| s.score),
                    basis: o.map(|o| o.basis.as_str()),
                    confidence: o.map(|o| o.confidence.as_str()),
                    positions: value.map_or(0, |v| v.positions),
                    held: o.map(|o| o.held.to_string()),
                    quote: o.and_then(|o| o.quote.as_deref()),
                    file: value.map(|v| v.file),
                    line: o.map(|o| o.span.line),
                }
            })
            .collect()
    }
}

/// Each unit's label: `ARTICLE/PARTY`, with `/HELD` for a unit split by held period, and
/// ` (2)`, ` (3)` after a label already given.
pub fn unit_labels(study: &Study) -> Vec<String> {
    let cb = study.codebook();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    study
        .units
        .iter()
        .map(|u| {
            let article = &study.ds.articles[u.article.index()].id;
            let mut label = format!("{article}/{}", cb.party(u.party).id);
            if let Some(p) = u.period {
                label.push_str(&format!("/{p}"));
            }
            let n = seen.entry(label.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                label.push_str(&format!(" ({n})"));
            }
            label
        })
        .collect()
}

/// What one coder coded (`agree --coverage`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CoverageRow<'a> {
    pub coder: &'a str,
    pub articles: usize,
    pub units: usize,
    pub coded: usize,
    pub missing: usize,
    /// Parties with units in the coder's articles that the coder coded in none of them,
    /// `;`-separated ids.
    pub not_coded: String,
}

impl Record for CoverageRow<'_> {
    type Flat = Self;
    fn flat(&self) -> &Self {
        self
    }
}

impl<'a> CoverageRow<'a> {
    pub fn new(study: &'a Study, c: &Coverage) -> Self {
        let cb = study.codebook();
        let ids: Vec<&str> = c
            .not_coded
            .iter()
            .map(|&p| cb.party(p).id.as_str())
            .collect();
        CoverageRow {
            coder: &study.coders[c.coder],
            articles: c.articles,
            units: c.units,
            coded: c.coded,
            missing: c.units - c.coded,
            not_coded: ids.join(";"),
        }
    }
}

/// The reliability matrix of `variable` at `level` as CSV: a header `coder` and the unit
/// labels, then one row per coder, an empty cell for a missing value (see
/// [`Scale::number`] for the numbers).
pub fn write_matrix(
    out: &mut dyn Write,
    study: &Study,
    variable: Variable,
    level: Level,
) -> io::Result<()> {
    let scale = Scale::new(study.codebook(), variable, level);
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["coder".to_string()];
    header.extend(unit_labels(study));
    w.write_record(&header)?;
    for (coder, row) in study.coders.iter().zip(study.matrix(&scale)) {
        let mut record = vec![coder.clone()];
        record.extend(
            row.iter()
                .map(|x| x.map_or(String::new(), |x| x.to_string())),
        );
        w.write_record(&record)?;
    }
    w.flush()
}
