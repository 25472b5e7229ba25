//! What a chart shows, decided before any layout: its kind, size and theme, the parties and the
//! time span, the footer and the notes, and what can go wrong.

use super::axis::{DayRange, shift};
use super::colors::Colors;
use super::{runs, style};
use crate::model::observation::Dataset;
use crate::model::timeline::{Segment, State, Timeline};
use crate::model::{ArticleId, PartyId, StanceId};
use crate::words::plural;
use chrono::{Datelike, NaiveDate};

pub const DEFAULT_WIDTH: u32 = 1200;
pub const MIN_WIDTH: u32 = 320;
pub const MIN_HEIGHT: u32 = 200;
pub const MAX_SIZE: u32 = 4000;

/// The shortest time axis, in days, so that one day does not fill the chart.
const MIN_DAYS: i64 = 31;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// One lane per party: a colored bar for each stretch of one stance, a marker for each
    /// observation.
    Lanes,
    /// One step line per party: the stance's score over time.
    Scores,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Dark text on white.
    Light,
    /// Light text on a dark background.
    Dark,
}

impl Theme {
    pub fn palette(self) -> style::Palette {
        match self {
            Theme::Light => style::LIGHT,
            Theme::Dark => style::DARK,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    /// A bitmap (anti-aliased, drawn at twice the size and averaged down).
    Png,
    /// A vector image; text stays text.
    Svg,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
}

/// The default set, written by `stanceline chart` without `-o`.
pub const DEFAULT_SET: [(&str, Kind, ImageFormat); 4] = [
    ("stance-timeline.png", Kind::Lanes, ImageFormat::Png),
    ("stance-timeline.svg", Kind::Lanes, ImageFormat::Svg),
    ("stance-scores.png", Kind::Scores, ImageFormat::Png),
    ("stance-scores.svg", Kind::Scores, ImageFormat::Svg),
];

/// What to chart and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub kind: Kind,
    /// Parties (codebook indices) in the order to show them; empty for all, in codebook order.
    pub parties: Vec<PartyId>,
    /// The first day of the time axis; without it, the data's first day, padded.
    pub from: Option<NaiveDate>,
    /// The last day of the time axis; without it, the data's last day, padded.
    pub to: Option<NaiveDate>,
    /// The knowledge-time cut the dataset was made with, for the footer.
    pub known_by: Option<NaiveDate>,
    pub width: u32,
    /// Without it, the height fits the content.
    pub height: Option<u32>,
    /// Without it, the codebook's question.
    pub title: Option<String>,
    pub theme: Theme,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            kind: Kind::Lanes,
            parties: Vec::new(),
            from: None,
            to: None,
            known_by: None,
            width: DEFAULT_WIDTH,
            height: None,
            title: None,
            theme: Theme::Light,
        }
    }
}

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartError {
    /// Options that contradict each other.
    Options(String),
    /// Too small a height for a readable chart.
    TooSmall(String),
    /// The drawing backend failed.
    Draw(String),
}

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChartError::Options(e) | ChartError::TooSmall(e) | ChartError::Draw(e) => {
                f.write_str(e)
            }
        }
    }
}

impl std::error::Error for ChartError {}

/// A rendered chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Image {
    /// 8-bit RGB pixels, row by row.
    Png {
        width: u32,
        height: u32,
        rgb: Vec<u8>,
    },
    Svg(String),
}

/// A chart ready to render: the parties, the time span and the texts.
pub struct Chart<'a> {
    pub ds: &'a Dataset,
    /// The timelines shown, one per lane, in order.
    pub lanes: Vec<&'a Timeline>,
    /// The time axis; `None` when there is nothing to place in time.
    pub span: Option<DayRange>,
    /// Where open starts and ends stop: the first and last known days of the data, or the
    /// asked `from` and `to`.
    pub clip: Option<DayRange>,
    pub title: String,
    /// What the chart counts: `16 positions from 3 articles, 2003–2009`.
    pub footer: String,
    /// Notes on how to read it (each a clause, without a final period).
    pub notes: Vec<String>,
    pub kind: Kind,
    pub width: u32,
    pub height: Option<u32>,
    pub palette: style::Palette,
    /// Every stance's and party's color, for this codebook and theme.
    pub colors: Colors,
}

impl<'a> Chart<'a> {
    /// Prepare a chart of `timelines` (one per codebook party, in codebook order, as
    /// [`crate::model::timeline::timelines`] returns them). Errors are the user's (an empty
    /// time span).
    pub fn new(
        ds: &'a Dataset,
        timelines: &'a [Timeline],
        opts: &Options,
    ) -> Result<Self, ChartError> {
        if let (Some(f), Some(t)) = (opts.from, opts.to)
            && f > t
        {
            return Err(ChartError::Options(format!("--from {f} is after --to {t}")));
        }
        let lanes: Vec<&Timeline> = if opts.parties.is_empty() {
            timelines.iter().collect()
        } else {
            opts.parties
                .iter()
                .filter_map(|&p| timelines.iter().find(|t| t.party == p))
                .collect()
        };

        // The known days of the data shown: held bounds and publication dates.
        let mut data: Option<DayRange> = None;
        let mut widen = |d: NaiveDate| {
            data = Some(match data {
                None => DayRange { first: d, last: d },
                Some(s) => DayRange {
                    first: s.first.min(d),
                    last: s.last.max(d),
                },
            });
        };
        for tl in &lanes {
            for &o in &tl.observations {
                let ob = ds.observation(o);
                ob.start.into_iter().chain(ob.end).for_each(&mut widen);
                widen(ds.article(ob).published.last_day());
            }
        }

        let span = match (data, opts.from, opts.to) {
            (_, Some(first), Some(last)) => Some(DayRange { first, last }),
            (None, Some(first), None) => Some(DayRange {
                first,
                last: shift(first, MIN_DAYS - 1),
            }),
            (None, None, Some(last)) => Some(DayRange {
                first: shift(last, 1 - MIN_DAYS),
                last,
            }),
            (None, None, None) => None,
            (Some(d), from, to) => {
                let padded = d.padded(MIN_DAYS);
                let mut s = DayRange {
                    first: from.unwrap_or(padded.first),
                    last: to.unwrap_or(padded.last),
                };
                if s.first > s.last {
                    // Only one end was asked, beyond the data.
                    if from.is_some() {
                        s.last = shift(s.first, MIN_DAYS - 1);
                    } else {
                        s.first = shift(s.last, 1 - MIN_DAYS);
                    }
                }
                Some(s)
            }
        };
        let clip = data.map(|d| DayRange {
            first: opts.from.unwrap_or(d.first),
            last: opts.to.unwrap_or(d.last),
        });

        let footer = footer(ds, &lanes, span, clip, opts.known_by);
        // Open stances stop at the last source date: say so, or they read as ending there.
        let mut notes = Vec::new();
        if let (Some(span), Some(clip), None) = (span, clip, opts.to) {
            let open = lanes.iter().any(|tl| {
                tl.segments.last().is_some_and(|seg| {
                    seg.end.is_none() && runs::clipped(seg.start, seg.end, clip, span).is_some()
                })
            });
            if open {
                notes.push(format!(
                    "a stance holds until the party's next recorded position; open ones run to \
                     the last source date, {}",
                    clip.last
                ));
            }
        }
        let title = opts
            .title
            .clone()
            .unwrap_or_else(|| ds.codebook.question().to_string());
        Ok(Chart {
            ds,
            lanes,
            span,
            clip: clip.or(span),
            title,
            footer,
            notes,
            kind: opts.kind,
            width: opts.width,
            height: opts.height,
            palette: opts.theme.palette(),
            colors: Colors::new(&ds.codebook, &opts.theme.palette()),
        })
    }

    /// Which stances the chart shows (by index), and the stances of the first conflict it
    /// shows, if any: what the legends list.
    pub fn present_stances(&self) -> (Vec<bool>, Option<&'a [StanceId]>) {
        let mut present = vec![false; self.ds.codebook.stances().len()];
        let mut conflict = None;
        for seg in self.lanes.iter().flat_map(|tl| &tl.segments) {
            if self.shows(seg) {
                match &seg.state {
                    State::Stance(s) => present[s.index()] = true,
                    State::Conflict(v) => {
                        v.iter().for_each(|&s| present[s.index()] = true);
                        conflict.get_or_insert(v.as_slice());
                    }
                }
            }
        }
        (present, conflict)
    }

    /// Whether any of a segment falls on the time axis.
    pub fn shows(&self, seg: &Segment) -> bool {
        match (self.span, self.clip) {
            (Some(span), Some(clip)) => runs::clipped(seg.start, seg.end, clip, span).is_some(),
            _ => false,
        }
    }
}

/// `16 positions from 3 articles, 2003–2009`, counting what overlaps the time axis.
fn footer(
    ds: &Dataset,
    lanes: &[&Timeline],
    span: Option<DayRange>,
    clip: Option<DayRange>,
    known_by: Option<NaiveDate>,
) -> String {
    let mut positions = 0;
    let mut articles: Vec<ArticleId> = Vec::new();
    let mut years: Option<(i32, i32)> = None;
    if let (Some(span), Some(clip)) = (span, clip) {
        for tl in lanes {
            for &o in &tl.observations {
                let ob = ds.observation(o);
                let first = ob.start.unwrap_or(clip.first).max(span.first);
                let last = ob.end.unwrap_or(clip.last).min(span.last);
                if first > last {
                    continue;
                }
                positions += 1;
                articles.push(ob.article);
                let (a, b) = (first.year(), last.year());
                years = Some(years.map_or((a, b), |(x, y)| (x.min(a), y.max(b))));
            }
        }
    }
    articles.sort_unstable();
    articles.dedup();
    let mut text = format!(
        "{} from {}",
        plural(positions, "position", "positions"),
        plural(articles.len(), "article", "articles")
    );
    match years {
        Some((a, b)) if a == b => text.push_str(&format!(", {a}")),
        Some((a, b)) => text.push_str(&format!(", {a}–{b}")),
        None => {}
    }
    if let Some(d) = known_by {
        text.push_str(&format!(", as recorded by {d}"));
    }
    text
}
