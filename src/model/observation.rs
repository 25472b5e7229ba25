//! Observations: recorded positions, resolved against the codebook.

use super::codebook::Codebook;
use super::id::{ArticleId, ObservationId, PartyId, StanceId};
use crate::date::{DatePoint, Edtf};
use crate::span::Span;
use chrono::NaiveDate;
use std::fmt;

/// What a position rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// The party's own words.
    Statement,
    /// Reported by the article.
    Report,
    /// Inferred by the annotator.
    Inference,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Basis::Statement, Basis::Report, Basis::Inference];

    pub fn as_str(&self) -> &'static str {
        match self {
            Basis::Statement => "statement",
            Basis::Report => "report",
            Basis::Inference => "inference",
        }
    }

    pub fn parse(s: &str) -> Option<Basis> {
        let s = s.trim();
        Basis::ALL
            .into_iter()
            .find(|b| b.as_str().eq_ignore_ascii_case(s))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::High, Confidence::Medium, Confidence::Low];

    pub fn as_str(&self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }

    pub fn parse(s: &str) -> Option<Confidence> {
        let s = s.trim();
        Confidence::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One annotated article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub outlet: String,
    pub author: Option<String>,
    pub published: DatePoint,
    pub url: Option<String>,
    pub source: Option<String>,
    /// Who coded it: the record's coder of the article, for agreement between coders.
    pub annotator: Option<String>,
    /// The annotation file, as the user named it.
    pub file: String,
}

impl Article {
    /// The day by which the article was certainly out (a partial date counts from its last day).
    pub fn known_from(&self) -> NaiveDate {
        self.published.last_day()
    }
}

/// One recorded position, resolved: party and stance by id in the codebook.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub party: PartyId,
    pub stance: StanceId,
    /// When the position held, as written (defaults to the article's `published`).
    pub held: Edtf,
    /// The first day it held; `None` for an open start.
    pub start: Option<NaiveDate>,
    /// The last day it held; `None` for an open end.
    pub end: Option<NaiveDate>,
    pub speaker: Option<Box<str>>,
    pub basis: Basis,
    pub confidence: Confidence,
    pub quote: Option<Box<str>>,
    pub conditions: Option<Box<str>>,
    pub note: Option<Box<str>>,
    /// Its article in `Dataset::articles`.
    pub article: ArticleId,
    /// The position's index (0-based) within its article.
    pub index: usize,
    /// Where the position is written in its file.
    pub span: Span,
}

/// The validated annotations: the codebook, the articles and their observations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    pub codebook: Codebook,
    pub articles: Vec<Article>,
    pub observations: Vec<Observation>,
    /// For a dataset cut by [`Dataset::known_by`], the day it was cut at: what it lacks may
    /// be recorded in later articles, and explanations of absence say so.
    pub as_of: Option<NaiveDate>,
}

impl Dataset {
    /// The article an observation was recorded from.
    pub fn article(&self, o: &Observation) -> &Article {
        &self.articles[o.article.index()]
    }

    pub fn observation(&self, id: ObservationId) -> &Observation {
        &self.observations[id.index()]
    }
}

impl Dataset {
    /// Only what the record said by `day`: articles certainly published by then (a partial
    /// publication date counts from its last day) and their observations.
    pub fn known_by(&self, day: NaiveDate) -> Dataset {
        Dataset {
            as_of: Some(self.as_of.map_or(day, |d| d.min(day))),
            ..self.retain_articles(|a| a.known_from() <= day)
        }
    }

    /// Only the articles `keep` keeps, and their observations (a report leaves out the
    /// articles of files with errors this way).
    pub fn retain_articles(&self, keep: impl Fn(&Article) -> bool) -> Dataset {
        let mut remap = vec![None; self.articles.len()];
        let mut articles = Vec::new();
        for (i, a) in self.articles.iter().enumerate() {
            if keep(a) {
                remap[i] = Some(ArticleId::new(articles.len()));
                articles.push(a.clone());
            }
        }
        let observations = self
            .observations
            .iter()
            .filter_map(|o| {
                remap[o.article.index()].map(|a| Observation {
                    article: a,
                    ..o.clone()
                })
            })
            .collect();
        Dataset {
            codebook: self.codebook.clone(),
            articles,
            observations,
            as_of: self.as_of,
        }
    }
}
