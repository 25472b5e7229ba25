//! The report: one self-contained HTML page with the question, the stance scale, the lanes and
//! scores charts as interactive inline SVG, every party's history with all its evidence,
//! conflicts and changes, every change in time order, the sources, and a footer.
//!
//! Model and charts in, an HTML string out; no I/O (the command reads the source texts and
//! writes the page). `view` decides what the page holds; `page` writes it with maud, which
//! escapes every value; `grounding` checks quotes against source texts (`--sources`). The
//! page's style and script are `report.css` and `report.js`, inline: nothing is requested
//! from anywhere, and the same annotations give the same bytes.

mod data;
mod grounding;
mod page;
mod view;

pub use grounding::{QuoteCheck, SourceText};

use crate::chart::ChartError;
use crate::model::PartyId;
use crate::model::observation::Dataset;
use crate::model::timeline::Timeline;
use chrono::NaiveDate;

/// What to report on.
pub struct Input<'a> {
    /// The annotations (already cut by `--known-by`, if asked).
    pub ds: &'a Dataset,
    /// Every party's timeline, in codebook order.
    pub timelines: &'a [Timeline],
    /// Only these parties, in this order; empty for all, in codebook order.
    pub parties: Vec<PartyId>,
    /// The charts' time axis, and the stretches and changes reported (`--from`, `--to`).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The `--known-by` day the dataset was cut at.
    pub known_by: Option<NaiveDate>,
    /// With `--sources`: each article's text, by article index.
    pub sources: Option<Vec<SourceText>>,
    /// Files left out under `--skip-broken`.
    pub skipped: Vec<SkippedFile>,
    /// The tool's version, for the footer.
    pub version: &'a str,
    /// Agreement between coders, when reliability codings exist.
    pub agreement: Option<Agreement>,
}

/// Agreement between coders, as `stanceline agree` reports it, in words for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// `Agreement between 2 coders (ana and ben) on 4 articles coded again: 12 units`
    pub summary: String,
    /// Over all units: variable, level, alpha, 95 % interval, units, values, coders, left out.
    pub figures: Vec<[String; 8]>,
    /// Why a figure is undefined, one line each.
    pub undefined: Vec<String>,
    /// Each disagreement on the stance: unit, coder, stance, quote.
    pub disagreements: Vec<[String; 4]>,
}

/// An annotation file left out of the report because it has errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedFile {
    pub file: String,
    pub errors: usize,
    /// Its first error, located: `6:12: unknown party `north-kroea``.
    pub first: String,
}

/// The page, and what it holds.
pub struct Page {
    pub html: String,
    /// The positions shown, and their articles.
    pub positions: usize,
    pub articles: usize,
    /// With `--sources`: the quotes shown that are not found in their articles' texts, and
    /// the articles whose text cannot be read.
    pub missing_quotes: usize,
    pub unreadable: usize,
}

/// The page, or why a chart in it could not be drawn.
pub fn render(input: &Input) -> Result<Page, ChartError> {
    let report = view::Report::new(input)?;
    let missing_quotes = report.checks.as_ref().map_or(0, |c| {
        c.iter()
            .filter(|c| matches!(c, Some(QuoteCheck::Missing { .. })))
            .count()
    });
    let unreadable = match &input.sources {
        Some(texts) => report
            .articles
            .iter()
            .filter(|(a, _)| matches!(texts.get(a.index()), Some(SourceText::Unreadable(_))))
            .count(),
        None => 0,
    };
    Ok(Page {
        html: page::page(&report).into_string(),
        positions: report.positions,
        articles: report.articles.len(),
        missing_quotes,
        unreadable,
    })
}
