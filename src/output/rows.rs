//! The records commands print, built from the model. Field names are the stable JSON keys and
//! CSV columns documented in the README.

use crate::model::change::Change;
use crate::model::codebook::Stance;
use crate::model::observation::{Dataset, Observation};
use crate::model::query::{Answer, Unknown};
use crate::model::timeline::{Segment, State};
use crate::model::{ArticleId, ObservationId, PartyId, StanceId};
use chrono::NaiveDate;
use serde::Serialize;

/// `2009-07-27`: a date's `Display`, which is what `%Y-%m-%d` writes, without parsing a format.
fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// One observation (`stanceline events`); texts are borrowed from the dataset.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EventRow<'a> {
    pub party: &'a str,
    pub party_name: &'a str,
    pub stance: &'a str,
    pub stance_label: &'a str,
    pub score: Option<f64>,
    /// As written (EDTF).
    pub held: String,
    pub held_start: Option<String>,
    pub held_end: Option<String>,
    pub uncertain: bool,
    pub approximate: bool,
    pub published: String,
    pub published_start: String,
    pub published_end: String,
    pub speaker: Option<&'a str>,
    pub basis: &'static str,
    pub confidence: &'static str,
    pub quote: Option<&'a str>,
    pub conditions: Option<&'a str>,
    pub article: &'a str,
    pub title: &'a str,
    pub outlet: &'a str,
    pub url: Option<&'a str>,
    pub file: &'a str,
    pub line: usize,
}

impl<'a> EventRow<'a> {
    pub fn new(ds: &'a Dataset, o: &'a Observation) -> Self {
        let cb = &ds.codebook;
        let a = ds.article(o);
        let (p, s) = (&cb.party(o.party), &cb.stance(o.stance));
        EventRow {
            party: &p.id,
            party_name: &p.name,
            stance: &s.id,
            stance_label: &s.label,
            score: s.score,
            held: o.held.to_string(),
            held_start: iso(o.start),
            held_end: iso(o.end),
            uncertain: o.held.is_uncertain(),
            approximate: o.held.is_approximate(),
            published: a.published.to_string(),
            published_start: a.published.first_day().to_string(),
            published_end: a.published.last_day().to_string(),
            speaker: o.speaker.as_deref(),
            basis: o.basis.as_str(),
            confidence: o.confidence.as_str(),
            quote: o.quote.as_deref(),
            conditions: o.conditions.as_deref(),
            article: &a.id,
            title: &a.title,
            outlet: &a.outlet,
            url: a.url.as_deref(),
            file: &a.file,
            line: o.span.line,
        }
    }
}

/// One piece of evidence behind an answer or a change (nested in JSON).
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    pub stance: String,
    pub stance_label: String,
    pub held: String,
    pub quote: Option<String>,
    pub speaker: Option<String>,
    pub basis: String,
    pub confidence: String,
    pub article: String,
    pub title: String,
    pub outlet: String,
    pub published: String,
    pub file: String,
    pub line: usize,
}

impl EvidenceRow {
    pub fn new(ds: &Dataset, o: &Observation) -> Self {
        let a = ds.article(o);
        let stance = ds.codebook.stance(o.stance);
        EvidenceRow {
            stance: stance.id.clone(),
            stance_label: stance.label.clone(),
            held: o.held.to_string(),
            quote: o.quote.as_deref().map(String::from),
            speaker: o.speaker.as_deref().map(String::from),
            basis: o.basis.to_string(),
            confidence: o.confidence.to_string(),
            article: a.id.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            published: a.published.to_string(),
            file: a.file.clone(),
            line: o.span.line,
        }
    }
}

/// The evidence behind an answer or a change, made into rows only as it is written: a party's
/// history can rest on a million pieces of evidence, which as rows would not fit the memory
/// the rest of the command needs many times over.
#[derive(Debug, Clone)]
pub struct Evidence<'a> {
    ds: &'a Dataset,
    observations: Vec<ObservationId>,
}

impl<'a> Evidence<'a> {
    pub fn new(ds: &'a Dataset, observations: Vec<ObservationId>) -> Self {
        Evidence { ds, observations }
    }

    pub fn rows(&self) -> impl Iterator<Item = EvidenceRow> + '_ {
        self.observations
            .iter()
            .map(|&o| EvidenceRow::new(self.ds, self.ds.observation(o)))
    }

    pub fn first(&self) -> Option<EvidenceRow> {
        self.rows().next()
    }
}

impl Serialize for Evidence<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.rows())
    }
}

/// One answer of `stanceline query`: a segment of a party's timeline, or why none is known.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AnswerRow {
    pub party: String,
    pub party_name: String,
    /// The asked date as written, for `--at`; empty for a history.
    pub at: Option<String>,
    pub status: Status,
    pub stance: Option<String>,
    pub stance_label: Option<String>,
    pub score: Option<f64>,
    /// First day of the segment; empty when open.
    pub since: Option<String>,
    /// Last day of the segment; empty when open (carried forward).
    pub until: Option<String>,
    /// First day of the next segment, if any.
    pub next_change: Option<String>,
    /// The next segment's stance (`conflict` for a conflict).
    pub next_stance: Option<String>,
    /// The next segment's stance label (empty for a conflict).
    pub next_stance_label: Option<String>,
    pub positions: usize,
    pub articles: usize,
    /// For a conflict: the stances held, separated by `;`.
    pub conflict_stances: Option<String>,
    /// For a conflict: their labels, in the same order, separated by `;`.
    pub conflict_labels: Option<String>,
    /// The articles behind the answer, separated by `;`.
    pub article_ids: Option<String>,
    /// For `unknown`: why.
    pub reason: Option<String>,
}

/// Whether an answer knows the party's stance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// One stance.
    Known,
    /// Positions of more than one stance at once.
    Conflict,
    /// No position says (the row's `reason` says why).
    #[default]
    Unknown,
}

/// One answer and its evidence: JSON writes it whole, CSV its `row`, a table what it needs.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerRecord<'a> {
    #[serde(flatten)]
    pub row: AnswerRow,
    pub evidence: Evidence<'a>,
    /// The answer's state and the next segment's, for a table to name their stances: the
    /// row's `;`-separated lists cannot be split again when a label holds a `;`.
    #[serde(skip)]
    pub state: Option<State>,
    #[serde(skip)]
    pub next_state: Option<State>,
}

fn article_ids(ds: &Dataset, evidence: &[ObservationId]) -> Option<String> {
    let mut ids: Vec<&str> = evidence
        .iter()
        .map(|&o| ds.article(ds.observation(o)).id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    (!ids.is_empty()).then(|| ids.join(";"))
}

fn count_articles(ds: &Dataset, evidence: &[ObservationId]) -> usize {
    let mut ids: Vec<ArticleId> = evidence
        .iter()
        .map(|&o| ds.observation(o).article)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

fn state_id(ds: &Dataset, s: &Segment) -> String {
    match &s.state {
        State::Stance(x) => ds.codebook.stance(*x).id.clone(),
        State::Conflict(_) => "conflict".into(),
    }
}

fn state_label(ds: &Dataset, s: &Segment) -> Option<String> {
    s.stance().map(|x| ds.codebook.stance(x).label.clone())
}

/// The stances' ids or labels, separated by `;`.
fn joined(ds: &Dataset, stances: &[StanceId], text: impl Fn(&Stance) -> &str) -> String {
    stances
        .iter()
        .map(|&s| text(ds.codebook.stance(s)))
        .collect::<Vec<_>>()
        .join(";")
}

impl<'a> AnswerRecord<'a> {
    pub fn new(ds: &'a Dataset, party: PartyId, at: Option<String>, answer: &Answer) -> Self {
        let p = &ds.codebook.party(party);
        let mut row = AnswerRow {
            party: p.id.clone(),
            party_name: p.name.clone(),
            at,
            ..AnswerRow::default()
        };
        let mut evidence = Evidence::new(ds, Vec::new());
        let (mut state, mut next_state) = (None, None);
        match answer {
            Answer::Unknown(why) => {
                row.reason = Some(why.describe(ds.as_of));
                if let Unknown::BeforeFirst { first } = why {
                    row.next_change = iso(Some(*first));
                }
                if let Unknown::Gap { next_start, .. } = why {
                    row.next_change = iso(*next_start);
                }
            }
            Answer::Known {
                segment,
                next,
                evidence: held,
            } => {
                row.since = iso(segment.start);
                row.until = iso(segment.end);
                row.next_change = next.and_then(|n| iso(n.start));
                row.next_stance = next.map(|n| state_id(ds, n));
                row.next_stance_label = next.and_then(|n| state_label(ds, n));
                row.positions = held.len();
                row.articles = count_articles(ds, held);
                row.article_ids = article_ids(ds, held);
                match &segment.state {
                    State::Stance(s) => {
                        let st = &ds.codebook.stance(*s);
                        row.status = Status::Known;
                        row.stance = Some(st.id.clone());
                        row.stance_label = Some(st.label.clone());
                        row.score = st.score;
                    }
                    State::Conflict(stances) => {
                        row.status = Status::Conflict;
                        row.conflict_stances = Some(joined(ds, stances, |s| &s.id));
                        row.conflict_labels = Some(joined(ds, stances, |s| &s.label));
                    }
                }
                evidence = Evidence::new(ds, held.clone());
                state = Some(segment.state.clone());
                next_state = next.map(|n| n.state.clone());
            }
        }
        AnswerRecord {
            row,
            evidence,
            state,
            next_state,
        }
    }
}

/// One change (`stanceline changes`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChangeRow {
    pub party: String,
    pub party_name: String,
    pub date: String,
    pub from: String,
    pub from_label: String,
    pub to: String,
    pub to_label: String,
    /// `lower`, `higher`, `off-axis` or `level`.
    pub direction: &'static str,
    /// The last day of the previous stance.
    pub previous_end: Option<String>,
    pub positions: usize,
    pub articles: usize,
    pub article_ids: Option<String>,
}

/// One change and its evidence: JSON writes it whole, CSV its `row`, a table what it needs.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeRecord<'a> {
    #[serde(flatten)]
    pub row: ChangeRow,
    pub evidence: Evidence<'a>,
}

impl<'a> ChangeRecord<'a> {
    pub fn new(ds: &'a Dataset, c: &Change) -> Self {
        let cb = &ds.codebook;
        let p = &cb.party(c.party);
        ChangeRecord {
            row: ChangeRow {
                party: p.id.clone(),
                party_name: p.name.clone(),
                date: c.date.to_string(),
                from: cb.stance(c.from).id.clone(),
                from_label: cb.stance(c.from).label.clone(),
                to: cb.stance(c.to).id.clone(),
                to_label: cb.stance(c.to).label.clone(),
                direction: c.direction.as_str(),
                previous_end: iso(c.previous_end),
                positions: c.evidence.len(),
                articles: count_articles(ds, &c.evidence),
                article_ids: article_ids(ds, &c.evidence),
            },
            evidence: Evidence::new(ds, c.evidence.clone()),
        }
    }
}

impl super::record::Record for EventRow<'_> {
    type Flat = Self;
    fn flat(&self) -> &Self {
        self
    }
}

impl super::record::Record for AnswerRecord<'_> {
    type Flat = AnswerRow;
    fn flat(&self) -> &AnswerRow {
        &self.row
    }
}

impl super::record::Record for ChangeRecord<'_> {
    type Flat = ChangeRow;
    fn flat(&self) -> &ChangeRow {
        &self.row
    }
}
