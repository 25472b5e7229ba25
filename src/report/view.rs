//! What the page holds, decided before any markup: the charts, the parties and the stretches
//! of their timelines in range, their changes, the articles behind them and the quote checks.

use super::Input;
use super::grounding::{self, QuoteCheck};
use crate::chart::{Chart, ChartError, Image, ImageFormat, Kind, Options, Theme};
use crate::color::Color;
use crate::model::ArticleId;
use crate::model::change::{self, Change};
use crate::model::timeline::Timeline;
use chrono::NaiveDate;
use rayon::prelude::*;

/// Parties' sections start open up to this many positions in the report; past it they
/// start closed, so that a dense report opens on its summary and charts.
const OPEN_UP_TO: usize = 400;

/// Past this many positions the charts are embedded in the light theme alone (shown on their
/// own light background in a dark page): two themes of dense charts would double their size.
const BOTH_THEMES_UP_TO: usize = 2000;

pub struct Report<'a> {
    pub input: &'a Input<'a>,
    /// The light lanes chart: which parties, in which order, and which stretches it shows.
    pub chart: Chart<'a>,
    pub figures: Vec<Figure>,
    pub lanes: Vec<Lane<'a>>,
    /// Every change in range, in time order: its lane (in `lanes`) and its place in the
    /// lane's `changes`.
    pub changes: Vec<(usize, usize)>,
    /// The articles behind what is shown, by publication date and id, with the number of
    /// their positions shown.
    pub articles: Vec<(ArticleId, usize)>,
    /// With `--sources`: each shown observation's quote check, by observation index.
    pub checks: Option<Vec<Option<QuoteCheck>>>,
    pub positions: usize,
    /// The first and last day the positions shown speak of (held or published).
    pub span: Option<(NaiveDate, NaiveDate)>,
    /// Each stance's color (and whether it is dotted), light and dark, by stance index.
    pub stance_colors: [Vec<(Color, bool)>; 2],
    /// Whether the parties' sections start open.
    pub open: bool,
}

/// A chart in both themes: the page shows the one the reader's system prefers.
pub struct Figure {
    pub kind: Kind,
    pub light: String,
    /// `None` for a dense report: the light chart serves both.
    pub dark: Option<String>,
}

/// One party's section.
pub struct Lane<'a> {
    pub tl: &'a Timeline,
    /// The segments in range (indices into `tl.segments`).
    pub segments: Vec<usize>,
    pub changes: Vec<(Change, Option<usize>)>,
    pub positions: usize,
    pub articles: usize,
}

impl<'a> Report<'a> {
    pub fn new(input: &'a Input<'a>) -> Result<Report<'a>, ChartError> {
        let ds = input.ds;
        let options = Options {
            parties: input.parties.clone(),
            from: input.from,
            to: input.to,
            known_by: input.known_by,
            skipped_files: input.skipped.len(),
            ..Options::default()
        };
        // Set up once: each figure is the same chart drawn another way.
        let chart = Chart::new(ds, input.timelines, &options)?;
        let scale = ds.codebook.stances().iter().any(|s| s.score.is_some());
        let kinds: &[Kind] = if scale {
            &[Kind::Lanes, Kind::Scores]
        } else {
            &[Kind::Lanes]
        };
        let themes: &[Theme] = if ds.observations.len() <= BOTH_THEMES_UP_TO {
            &[Theme::Light, Theme::Dark]
        } else {
            &[Theme::Light]
        };
        let jobs: Vec<(Kind, Theme)> = kinds
            .iter()
            .flat_map(|&k| themes.iter().map(move |&t| (k, t)))
            .collect();
        let svgs = jobs
            .par_iter()
            .map(|&(kind, theme)| {
                let mut c = chart.restyled(kind, theme);
                c.svg_id = Some(format!("{}-{}", kind_name(kind), theme_name(theme)));
                match c.render(ImageFormat::Svg)? {
                    Image::Svg(svg) => Ok(svg),
                    Image::Png { .. } => Err(ChartError::Draw("an SVG was asked for".into())),
                }
            })
            .collect::<Result<Vec<String>, ChartError>>()?;
        let mut svgs = svgs.into_iter();
        let figures = kinds
            .iter()
            .map(|&kind| Figure {
                kind,
                light: svgs.next().unwrap_or_default(),
                dark: if themes.len() == 2 { svgs.next() } else { None },
            })
            .collect();

        let mut shown = vec![false; ds.observations.len()];
        let all_changes: Vec<Vec<Change>> = chart
            .lanes
            .par_iter()
            .map(|tl| change::changes(ds, tl))
            .collect();
        let in_range = |d: NaiveDate| chart.span.is_some_and(|s| d >= s.first && d <= s.last);
        let mut lanes = Vec::new();
        for (tl, changes) in chart.lanes.iter().zip(all_changes) {
            let segments: Vec<usize> = (0..tl.segments.len())
                .filter(|&i| chart.shows(&tl.segments[i]))
                .collect();
            let mut mine = vec![];
            for &i in &segments {
                for &o in &tl.segments[i].evidence {
                    if !std::mem::replace(&mut shown[o.index()], true) {
                        mine.push(o);
                    }
                }
            }
            let mut articles: Vec<ArticleId> =
                mine.iter().map(|&o| ds.observation(o).article).collect();
            articles.sort_unstable();
            articles.dedup();
            let changes = changes
                .into_iter()
                .filter(|c| in_range(c.date))
                .map(|c| {
                    let seg = tl
                        .segments
                        .iter()
                        .position(|s| s.start == Some(c.date) && s.stance() == Some(c.to));
                    (c, seg)
                })
                .collect();
            lanes.push(Lane {
                tl,
                segments,
                changes,
                positions: mine.len(),
                articles: articles.len(),
            });
        }
        let mut changes: Vec<(usize, usize)> = Vec::new();
        for (i, lane) in lanes.iter().enumerate() {
            changes.extend((0..lane.changes.len()).map(|k| (i, k)));
        }
        changes.sort_by_key(|&(i, k)| (lanes[i].changes[k].0.date, i));

        let mut counts = vec![0usize; ds.articles.len()];
        let mut span: Option<(NaiveDate, NaiveDate)> = None;
        for (o, _) in ds.observations.iter().zip(&shown).filter(|(_, s)| **s) {
            counts[o.article.index()] += 1;
            let published = ds.article(o).published;
            let first = o.start.unwrap_or(published.first_day());
            let last = o.end.or(o.start).unwrap_or(first).max(published.last_day());
            span = Some(span.map_or((first, last), |(a, b)| (a.min(first), b.max(last))));
        }
        let mut articles: Vec<(ArticleId, usize)> = counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(a, n)| (ArticleId::new(a), *n))
            .collect();
        articles.sort_by(|(a, _), (b, _)| {
            let (a, b) = (&ds.articles[a.index()], &ds.articles[b.index()]);
            (a.published.first_day(), &a.id).cmp(&(b.published.first_day(), &b.id))
        });
        let positions = shown.iter().filter(|s| **s).count();
        let checks = input
            .sources
            .as_ref()
            .map(|texts| grounding::check(ds, texts, &shown));
        let colors = |theme| {
            let c = chart.restyled(Kind::Lanes, theme);
            ds.codebook
                .stance_ids()
                .map(|s| (c.colors.stance(s), c.colors.dotted(s)))
                .collect::<Vec<_>>()
        };
        Ok(Report {
            input,
            figures,
            lanes,
            changes,
            articles,
            checks,
            positions,
            span,
            stance_colors: [colors(Theme::Light), colors(Theme::Dark)],
            open: positions <= OPEN_UP_TO,
            chart,
        })
    }
}

pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Lanes => "lanes",
        Kind::Scores => "scores",
    }
}

fn theme_name(theme: Theme) -> &'static str {
    match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    }
}
