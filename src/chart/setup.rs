//! What a chart shows, decided before any layout: its kind, size and theme, the parties and the
//! time span, the footer and the notes, and what can go wrong.

use super::axis::{DayRange, shift};
use super::colors::Colors;
use super::{runs, style};
use crate::model::observation::Dataset;
use crate::model::timeline::{Segment, State, Timeline};
use crate::model::{ObservationId, PartyId, StanceId};
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
    /// How many article files with errors were left out of the dataset (`--skip-broken`): the
    /// footer says so, as the chart is then of part of the record. 0 for none.
    pub skipped_files: usize,
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
            skipped_files: 0,
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
    /// A scores chart of a codebook that gives no stance a score.
    NoScale,
    /// The drawing backend failed.
    Draw(String),
}

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChartError::Options(e) | ChartError::TooSmall(e) | ChartError::Draw(e) => {
                f.write_str(e)
            }
            ChartError::NoScale => f.write_str(
                "the codebook gives no stance a score, so there is no scale for a scores chart",
            ),
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
#[derive(Clone)]
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
    /// After the count, when files were left out: `2 article files with errors left out`.
    pub left_out: Option<String>,
    /// Notes on how to read it (each a clause, without a final period).
    pub notes: Vec<String>,
    pub kind: Kind,
    pub width: u32,
    pub height: Option<u32>,
    pub palette: style::Palette,
    /// Every stance's and party's color, for this codebook and theme.
    pub colors: Colors,
    /// For an SVG in a page that holds several charts (a report): the root's id, which its
    /// other ids start with; it makes the marks that stand for evidence focusable and linked
    /// to it. `None` for a chart of its own.
    pub svg_id: Option<String>,
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
            // A party named twice (`--party DPRK --party dprk`) is drawn once, where first named.
            let mut seen = Vec::new();
            opts.parties
                .iter()
                .filter(|&&p| {
                    let new = !seen.contains(&p);
                    seen.push(p);
                    new
                })
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

        let record_last = data.map(|d| d.last);
        if let (Some(k), Some(d)) = (opts.known_by, data.as_mut()) {
            // What was known by a date holds through that date.
            d.last = d.last.max(k);
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
                    // Nothing is known after the knowledge cut: the axis ends there.
                    last: to.or(opts.known_by).unwrap_or(padded.last),
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
        // Open starts run from the first known day; open ends to the end of the axis (the
        // last stance recorded is the last word), or to the knowledge cut.
        let clip = match (data, span) {
            (Some(d), Some(span)) => Some(DayRange {
                first: opts.from.unwrap_or(d.first),
                last: opts.known_by.map_or(span.last, |k| k.min(span.last)),
            }),
            _ => None,
        };

        let mut chart = Chart {
            ds,
            lanes,
            span,
            clip: clip.or(span),
            title: String::new(),
            footer: String::new(),
            left_out: (opts.skipped_files > 0).then(|| {
                format!(
                    "{} with errors left out",
                    plural(opts.skipped_files, "article file", "article files")
                )
            }),
            notes: Vec::new(),
            kind: opts.kind,
            width: opts.width,
            height: opts.height,
            palette: opts.theme.palette(),
            colors: Colors::new(&ds.codebook, &opts.theme.palette()),
            svg_id: None,
        };
        chart.footer = chart.count(opts.known_by, record_last);
        let open = chart.lanes.iter().any(|tl| {
            tl.segments
                .last()
                .is_some_and(|seg| seg.end.is_none() && chart.shows(seg))
        });
        if open {
            chart.notes.push(match opts.known_by {
                Some(k) => format!(
                    "a stance holds until the party's next recorded position; the last one \
                     known runs to the knowledge date, {k}"
                ),
                None => "a stance holds until the party's next recorded position; the last one \
                         runs to the end of the axis"
                    .to_string(),
            });
        }
        chart.title = opts
            .title
            .clone()
            .unwrap_or_else(|| ds.codebook.question().to_string());
        Ok(chart)
    }
    /// The same chart as `kind` in `theme`: what [`Chart::new`] gives with only those options
    /// changed, without going over the record again (a set of charts of one record).
    pub fn restyled(&self, kind: Kind, theme: Theme) -> Chart<'a> {
        let palette = theme.palette();
        Chart {
            kind,
            colors: Colors::new(&self.ds.codebook, &palette),
            palette,
            ..self.clone()
        }
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

    /// What the chart shows, in words: the SVG's `<desc>`, for readers who cannot see it.
    pub fn summary(&self) -> String {
        let cb = &self.ds.codebook;
        let what = match self.kind {
            Kind::Lanes => "Stance of each party over time",
            Kind::Scores => "Stance on the scale, by party, over time",
        };
        let mut text = format!(
            "{what}, {}: {}.",
            plural(self.lanes.len(), "party", "parties"),
            self.footer_line()
        );
        let latest: Vec<String> = self
            .lanes
            .iter()
            .filter_map(|tl| {
                let seg = tl.segments.iter().rev().find(|s| self.shows(s))?;
                let state = match &seg.state {
                    State::Stance(s) => cb.stance(*s).label.clone(),
                    State::Conflict(v) => {
                        let labels: Vec<&str> =
                            v.iter().map(|&s| cb.stance(s).label.as_str()).collect();
                        format!("sources disagree ({})", labels.join(" vs "))
                    }
                };
                let since = seg.start.map_or(String::new(), |d| format!(" since {d}"));
                Some(format!("{}: {state}{since}", cb.party(tl.party).name))
            })
            .collect();
        if !latest.is_empty() {
            text.push_str(&format!(" Last stance shown: {}.", latest.join("; ")));
        }
        for note in &self.notes {
            text.push_str(&format!(" Note: {note}."));
        }
        text
    }

    /// `16 positions from 3 articles, 2003–2009`: the positions behind the bars and markers
    /// drawn, their articles, and the years the bars cover.
    /// The years are those of the record: an open stance drawn past its last source date
    /// does not add a year.
    fn count(&self, known_by: Option<NaiveDate>, record_last: Option<NaiveDate>) -> String {
        // Segments share evidence: mark each position once, without collecting and sorting.
        let mut seen = vec![false; self.ds.observations.len()];
        let mut article_seen = vec![false; self.ds.articles.len()];
        let (mut positions, mut articles) = (0usize, 0usize);
        let mut mark = |o: ObservationId| {
            if !std::mem::replace(&mut seen[o.index()], true) {
                positions += 1;
                let a = self.ds.observation(o).article.index();
                if !std::mem::replace(&mut article_seen[a], true) {
                    articles += 1;
                }
            }
        };
        let mut years: Option<(i32, i32)> = None;
        if let (Some(span), Some(clip)) = (self.span, self.clip) {
            let last = record_last.map_or(clip.last, |d| d.min(clip.last));
            for tl in &self.lanes {
                for seg in &tl.segments {
                    if let Some((a, b)) = runs::clipped(seg.start, seg.end, clip, span) {
                        seg.evidence.iter().for_each(|&o| mark(o));
                        let b = if seg.end.is_none() {
                            b.min(last).max(a)
                        } else {
                            b
                        };
                        let (a, b) = (a.year(), b.year());
                        years = Some(years.map_or((a, b), |(x, y)| (x.min(a), y.max(b))));
                    }
                }
                for &o in &tl.observations {
                    let ob = self.ds.observation(o);
                    if ob
                        .start
                        .or(ob.end)
                        .is_some_and(|d| d >= span.first && d <= span.last)
                    {
                        mark(o);
                    }
                }
            }
        }
        let mut text = format!(
            "{} from {}",
            plural(positions, "position", "positions"),
            plural(articles, "article", "articles")
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

    /// The footer's line: the count, then the files left out, if any.
    pub fn footer_line(&self) -> String {
        match &self.left_out {
            Some(l) => format!("{}; {l}", self.footer),
            None => self.footer.clone(),
        }
    }

    /// What an empty chart says in its middle.
    pub fn empty_text(&self) -> String {
        match self.ds.as_of {
            Some(d) => format!("No position known by {d}"),
            None => "No positions recorded".to_string(),
        }
    }

    /// Whether any of a segment falls on the time axis.
    pub fn shows(&self, seg: &Segment) -> bool {
        match (self.span, self.clip) {
            (Some(span), Some(clip)) => runs::clipped(seg.start, seg.end, clip, span).is_some(),
            _ => false,
        }
    }
}
