//! The records commands print, built from the model. Field names are the stable JSON keys and
//! CSV columns documented in the README.

use crate::model::change::Change;
use crate::model::codebook::Stance;
use crate::model::observation::{Dataset, Observation};
use crate::model::query::{self, Answer, Unknown};
use crate::model::timeline::{Segment, State, Timeline};
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
    /// The first day it is known to hold; empty for an open start.
    pub held_start: Option<String>,
    /// The last day it is known to hold; empty for an open end.
    pub held_end: Option<String>,
    /// The interval's start (`/2004`) or end (`2004/`) is unknown.
    pub start_unknown: bool,
    pub end_unknown: bool,
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
            start_unknown: o.held.start_unknown(),
            end_unknown: o.held.end_unknown(),
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
    /// As written (EDTF).
    pub held: String,
    /// For people: as written, with `(end unknown)` or `(start unknown)` after it.
    #[serde(skip)]
    pub held_described: String,
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
            held_described: o.held.describe(),
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

/// A list field: an array in JSON, `None` (`null`) where it does not apply.
pub type List = Option<Vec<String>>;

/// The same list in a CSV cell: its items separated by `;`.
pub type Joined = Option<String>;

fn join(list: &List) -> Joined {
    list.as_ref().map(|items| items.join(";"))
}

/// One answer of `stanceline query`: a segment of a party's timeline, or why none is known.
/// Its lists are `L`: arrays for JSON ([`List`]), `;`-separated cells for CSV ([`Joined`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct AnswerRow<L = List> {
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
    /// For a conflict: the stances held.
    pub conflict_stances: L,
    /// For a conflict: their labels, in the same order.
    pub conflict_labels: L,
    /// The articles behind the answer.
    pub article_ids: L,
    /// For a stance: the other parties that held a different one during the answer's part of
    /// the asked time, each with each stance it held (a party may come twice).
    pub disagreeing: L,
    /// Their stances, index for index (`conflict` for a conflicting record).
    pub disagreeing_stances: L,
    /// For `unknown`: why.
    pub reason: Option<String>,
}

impl AnswerRow<List> {
    /// The row as CSV writes it.
    fn joined(&self) -> AnswerRow<Joined> {
        AnswerRow {
            party: self.party.clone(),
            party_name: self.party_name.clone(),
            at: self.at.clone(),
            status: self.status,
            stance: self.stance.clone(),
            stance_label: self.stance_label.clone(),
            score: self.score,
            since: self.since.clone(),
            until: self.until.clone(),
            next_change: self.next_change.clone(),
            next_stance: self.next_stance.clone(),
            next_stance_label: self.next_stance_label.clone(),
            positions: self.positions,
            articles: self.articles,
            conflict_stances: join(&self.conflict_stances),
            conflict_labels: join(&self.conflict_labels),
            article_ids: join(&self.article_ids),
            disagreeing: join(&self.disagreeing),
            disagreeing_stances: join(&self.disagreeing_stances),
            reason: self.reason.clone(),
        }
    }
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

/// One answer and its evidence: JSON writes it whole, CSV its `csv` row, a table what it needs.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerRecord<'a> {
    #[serde(flatten)]
    pub row: AnswerRow,
    pub evidence: Evidence<'a>,
    #[serde(skip)]
    csv: AnswerRow<Joined>,
    /// The answer's state and the next segment's, for a table to name their stances: the
    /// row's lists of ids would need looking up again.
    #[serde(skip)]
    pub state: Option<State>,
    #[serde(skip)]
    pub next_state: Option<State>,
    /// The other parties that disagree, with what they held (see [`AnswerRow::disagreeing`]).
    #[serde(skip)]
    pub disagreeing: Vec<(PartyId, State)>,
}

fn article_ids(ds: &Dataset, evidence: &[ObservationId]) -> List {
    let mut ids: Vec<&str> = evidence
        .iter()
        .map(|&o| ds.article(ds.observation(o)).id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    (!ids.is_empty()).then(|| ids.into_iter().map(String::from).collect())
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

fn state_id(ds: &Dataset, s: &State) -> String {
    match s {
        State::Stance(x) => ds.codebook.stance(*x).id.clone(),
        State::Conflict(_) => "conflict".into(),
    }
}

fn state_label(ds: &Dataset, s: &Segment) -> Option<String> {
    s.stance().map(|x| ds.codebook.stance(x).label.clone())
}

/// The stances' ids or labels.
fn listed(ds: &Dataset, stances: &[StanceId], text: impl Fn(&Stance) -> &str) -> List {
    Some(
        stances
            .iter()
            .map(|&s| text(ds.codebook.stance(s)).to_string())
            .collect(),
    )
}

impl<'a> AnswerRecord<'a> {
    /// The record of `answer`, for `party`, asked about `at` as written (`None` for a
    /// history), which covers the days `asked`; `tls` are every party's timelines, for who
    /// disagreed.
    pub fn new(
        ds: &'a Dataset,
        tls: &[Timeline],
        party: PartyId,
        at: Option<String>,
        asked: (NaiveDate, NaiveDate),
        answer: &Answer,
    ) -> Self {
        let p = &ds.codebook.party(party);
        let mut row = AnswerRow {
            party: p.id.clone(),
            party_name: p.name.clone(),
            at,
            ..AnswerRow::default()
        };
        let mut evidence = Evidence::new(ds, Vec::new());
        let (mut state, mut next_state, mut disagreeing) = (None, None, Vec::new());
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
                row.next_stance = next.map(|n| state_id(ds, &n.state));
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
                        // During the answer's part of the asked time.
                        let from = segment.start.map_or(asked.0, |s| s.max(asked.0));
                        let to = segment.end.map_or(asked.1, |e| e.min(asked.1));
                        disagreeing = query::disagreeing(tls, party, *s, Some(from), Some(to));
                        let cb = &ds.codebook;
                        row.disagreeing = Some(
                            disagreeing
                                .iter()
                                .map(|(p, _)| cb.party(*p).id.clone())
                                .collect(),
                        );
                        row.disagreeing_stances =
                            Some(disagreeing.iter().map(|(_, s)| state_id(ds, s)).collect());
                    }
                    State::Conflict(stances) => {
                        row.status = Status::Conflict;
                        row.conflict_stances = listed(ds, stances, |s| &s.id);
                        row.conflict_labels = listed(ds, stances, |s| &s.label);
                    }
                }
                evidence = Evidence::new(ds, held.clone());
                state = Some(segment.state.clone());
                next_state = next.map(|n| n.state.clone());
            }
        }
        AnswerRecord {
            csv: row.joined(),
            row,
            evidence,
            state,
            next_state,
            disagreeing,
        }
    }
}

/// One change (`stanceline changes`); its list is `L`, as in [`AnswerRow`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChangeRow<L = List> {
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
    pub article_ids: L,
}

/// One change and its evidence: JSON writes it whole, CSV its `csv` row, a table what it needs.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeRecord<'a> {
    #[serde(flatten)]
    pub row: ChangeRow,
    pub evidence: Evidence<'a>,
    #[serde(skip)]
    csv: ChangeRow<Joined>,
}

impl<'a> ChangeRecord<'a> {
    pub fn new(ds: &'a Dataset, c: &Change) -> Self {
        let cb = &ds.codebook;
        let p = &cb.party(c.party);
        let row = ChangeRow {
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
        };
        let csv = ChangeRow {
            article_ids: join(&row.article_ids),
            party: row.party.clone(),
            party_name: row.party_name.clone(),
            date: row.date.clone(),
            from: row.from.clone(),
            from_label: row.from_label.clone(),
            to: row.to.clone(),
            to_label: row.to_label.clone(),
            direction: row.direction,
            previous_end: row.previous_end.clone(),
            positions: row.positions,
            articles: row.articles,
        };
        ChangeRecord {
            row,
            evidence: Evidence::new(ds, c.evidence.clone()),
            csv,
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
    type Flat = AnswerRow<Joined>;
    fn flat(&self) -> &AnswerRow<Joined> {
        &self.csv
    }
}

impl super::record::Record for ChangeRecord<'_> {
    type Flat = ChangeRow<Joined>;
    fn flat(&self) -> &ChangeRow<Joined> {
        &self.csv
    }
}
