//! The lanes chart: one lane per party, a bar in the stance's color for each stretch of one
//! stance, gaps left empty, conflicts hatched, framed and signed, a marker for each
//! observation (its shape telling the basis).

use super::axis::{self, DayRange, Ticks, TimeScale};
use super::frame::{self, Frame, Header, Item, Key, Legend};
use super::paint::{Align, Font, Mark, Painter};
use super::runs::{self, Dense, Fill, Marker, Run, Track};
use super::setup::{Chart, ChartError};
use super::style::{self, MARGIN};
use super::tooltip;
use crate::model::timeline::Timeline;

pub struct Layout {
    pub frame: Frame,
    header: Header,
    /// Each lane's label, one or two lines, and its font (no lines when lanes are too thin
    /// to label them all).
    labels: Vec<(Vec<String>, Font)>,
    label_right: f64,
    top: f64,
    lane: f64,
    bar: f64,
    scale: Option<TimeScale>,
    ticks: Ticks,
    lanes: Vec<Lane>,
    marker_r: f64,
    count_bin: f64,
    legend: Legend,
    legend_top: f64,
    notes: Vec<String>,
    note_lines: usize,
}

struct Lane {
    track: Track,
    markers: Vec<Marker>,
    /// For a lane whose markers would crowd: observations per column of `count_bin` pixels,
    /// drawn as a strip under the bar instead of markers.
    counts: Option<Vec<u32>>,
    /// x of each conflict's warning sign.
    warnings: Vec<f64>,
}

const GAP_AFTER_HEADER: f64 = 14.0;
const GAP_BEFORE_LEGEND: f64 = 10.0;

/// The thinnest lane drawn; a smaller `--height` is refused.
const MIN_LANE: f64 = 6.0;

pub fn plan(chart: &Chart) -> Result<Layout, ChartError> {
    let first = plan_with(
        chart,
        false,
        frame::note_lines(&chart.notes, chart.width as f64).len(),
    )?;
    let counts = first.lanes.iter().any(|l| l.counts.is_some());
    let note = first.notes.len();
    if counts || note != first.note_lines {
        // The legend needs the key of the count strip, or the footer a note line, which
        // moves things: lay out again.
        plan_with(chart, counts, note)
    } else {
        Ok(first)
    }
}

fn plan_with(chart: &Chart, counts_key: bool, note_lines: usize) -> Result<Layout, ChartError> {
    let width = chart.width as f64;
    let header = frame::header(chart, "Stance of each party over time");
    let n = chart.lanes.len();
    let (present, legend) = legend(chart, counts_key);

    // Vertical budget.
    let top = header.bottom + GAP_AFTER_HEADER;
    let fixed = top
        + frame::AXIS_HEIGHT
        + GAP_BEFORE_LEGEND
        + legend.height
        + frame::footer_height(note_lines)
        + MARGIN;
    let lane = lane_height(chart, fixed)?;
    let height = chart
        .height
        .unwrap_or_else(|| (fixed + lane * n.max(1) as f64).ceil() as u32);
    let bar = (lane * 0.6).max(0.5);
    let marker_r = (bar * 0.3).min(5.0);

    let labels = lane_labels(chart, lane);
    let label_w = labels
        .iter()
        .flat_map(|(lines, font)| lines.iter().map(|l| font.width(l)))
        .fold(0.0, f64::max);
    let label_right = MARGIN + label_w;
    let (x0, x1) = (label_right + 14.0, width - MARGIN - 6.0);

    let scale = chart.span.map(|s| TimeScale::new(s, x0, x1));
    let ticks = scale
        .map(|sc| axis::ticks(sc.span, axis::choose_step(sc.span, x1 - x0)))
        .unwrap_or_default();

    // Crowded lanes are drawn in columns a few pixels wide, wider with many lanes and
    // stances, so that an SVG stays small however dense the data; markers that would crowd
    // give way to a count of observations, in columns as well.
    let plot_w = (x1 - x0).max(1.0);
    let shown = present.iter().filter(|&&p| p).count().max(1) as f64;
    let bins = Bins {
        stances: (n as f64 * plot_w * shown.min(6.0) / 30_000.0).max(2.0),
        counts: (n as f64 * plot_w / 20_000.0).max(2.0),
        spacing: 2.0 * marker_r + 3.0,
    };
    let (lanes, thinned) = match (scale, chart.clip) {
        (Some(sc), Some(clip)) => build_lanes(chart, &sc, clip, &bins, plot_w),
        _ => (Vec::new(), false),
    };
    let notes = frame::note_lines(
        &lane_notes(chart, &lanes, scale, bins.stances, thinned),
        width,
    );
    Ok(Layout {
        frame: Frame {
            width: chart.width,
            height,
        },
        header,
        labels,
        label_right,
        top,
        lane,
        bar,
        scale,
        ticks,
        lanes,
        marker_r,
        count_bin: bins.counts,
        legend_top: 0.0,
        legend,
        notes,
        note_lines,
    }
    .place_legend())
}

/// The legend: stances present, in scale order; conflicts; marker shapes. With it, which
/// stances are present (by index).
fn legend(chart: &Chart, counts_key: bool) -> (Vec<bool>, Legend) {
    let cb = &chart.ds.codebook;
    let (present, conflict_sample) = chart.present_stances();
    let stances: Vec<Item> = cb
        .stances_in_scale_order()
        .into_iter()
        .filter(|&s| present[s.index()])
        .map(|s| Item {
            key: Key::Swatch(chart.colors.stance(s), chart.colors.dotted(s)),
            label: cb
                .stance(s)
                .short
                .clone()
                .unwrap_or_else(|| cb.stance(s).label.clone()),
            title: Some(cb.stance(s).label.clone()),
        })
        .chain(conflict_sample.map(|v| Item {
            key: Key::Conflict(v.iter().take(3).map(|&s| chart.colors.stance(s)).collect()),
            label: "Sources disagree".into(),
            title: None,
        }))
        .collect();
    let mut evidence = frame::marker_items();
    evidence.extend(frame::inexact_item(chart, true));
    if counts_key {
        evidence.push(Item {
            key: Key::Counts,
            label: "Observations (crowded lanes)".into(),
            title: None,
        });
    }
    let width = chart.width as f64;
    let legend = frame::legend(
        vec![("Stance", stances), ("Evidence", evidence)],
        MARGIN,
        width - MARGIN,
        0.0,
    );
    (present, legend)
}

/// Each lane's height: fitted to a fixed `--height`, or by the number of lanes.
fn lane_height(chart: &Chart, fixed: f64) -> Result<f64, ChartError> {
    let n = chart.lanes.len();
    let lanes_n = n.max(1) as f64;
    if let Some(h) = chart.height {
        let least = (fixed + MIN_LANE * lanes_n).ceil() as u32;
        if h < least {
            return Err(ChartError::TooSmall(format!(
                "--height {h} is too small for {}: this chart needs at least {least} pixels",
                crate::words::plural(n.max(1), "party", "parties")
            )));
        }
    }
    // A name that needs two lines gets a lane tall enough for them at the label size.
    let font = Font::regular(style::LABEL);
    let wraps = chart
        .lanes
        .iter()
        .any(|tl| font.width(label_text(chart, tl)) > label_room(chart));
    let two_lines = (style::LABEL * LABEL_LINE * 2.0 + 4.0).ceil();
    Ok(match chart.height {
        Some(h) => (h as f64 - fixed) / lanes_n,
        None if n <= 10 => 34.0,
        None if n <= 20 && wraps => two_lines,
        None if n <= 20 => 28.0,
        None => 22.0,
    })
}

/// Lane labels, each one or two lines, with its font: the party's short label, or its name,
/// wrapped onto a second line (in a smaller font if the lane needs it) before it is
/// shortened by whole words; as large as the lanes allow; every k-th one when they are too
/// thin.
fn lane_labels(chart: &Chart, lane: f64) -> Vec<(Vec<String>, Font)> {
    let font = Font::regular(style::LABEL.min((lane * 0.8).max(7.0)));
    let every = (font.size * 1.1 / lane).ceil().max(1.0) as usize;
    // The font of two lines in this lane, if it is not too small to read.
    let two = (lane - 2.0) / (2.0 * LABEL_LINE);
    let two = (two >= 9.0).then(|| Font::regular(font.size.min(two)));
    let max_label = label_room(chart);
    chart
        .lanes
        .iter()
        .enumerate()
        .map(|(i, tl)| {
            if i % every != 0 {
                return (Vec::new(), font);
            }
            let text = label_text(chart, tl);
            match two {
                Some(small) if font.width(text) > max_label => {
                    (small.wrap(text, max_label, 2), small)
                }
                _ => (vec![font.fit_words(text, max_label)], font),
            }
        })
        .collect()
}

/// The widest a lane label may be.
fn label_room(chart: &Chart) -> f64 {
    (chart.width as f64 * 0.28).max(40.0)
}

/// A party's label in charts: its short label, or its name.
fn label_text<'a>(chart: &'a Chart, tl: &Timeline) -> &'a str {
    let p = chart.ds.codebook.party(tl.party);
    p.short.as_deref().unwrap_or(&p.name)
}

/// The distance between the baselines of a two-line label, in em.
const LABEL_LINE: f64 = 1.15;

/// Column widths of crowded lanes, in pixels, and the least spacing of markers.
struct Bins {
    stances: f64,
    counts: f64,
    spacing: f64,
}

/// Each lane's bars, markers or counts, and conflict signs; and whether a marker stands for
/// several observations.
fn build_lanes(
    chart: &Chart,
    sc: &TimeScale,
    clip: DayRange,
    bins: &Bins,
    plot_w: f64,
) -> (Vec<Lane>, bool) {
    let order = chart.ds.codebook.stances_in_scale_order();
    let mut thinned = false;
    let lanes = chart
        .lanes
        .iter()
        .map(|tl| {
            let track = runs::track(tl, sc, clip, bins.stances, &order);
            // An aggregated lane counts its observations: no markers to place.
            let markers = match track {
                Track::Dense(_) => Vec::new(),
                Track::Exact(_) => runs::markers(chart.ds, tl, sc, bins.spacing),
            };
            // Markers covering more than a quarter of the lane would hide the bars:
            // count the observations under the bar instead.
            let crowded = matches!(track, Track::Dense(_))
                || markers.len() as f64 * bins.spacing > plot_w * 0.25;
            let warnings = match &track {
                Track::Exact(runs) => warning_places(runs),
                Track::Dense(_) => Vec::new(),
            };
            let (markers, counts) = if crowded {
                (
                    Vec::new(),
                    Some(runs::counts(chart.ds, tl, sc, bins.counts)),
                )
            } else {
                thinned |= markers.iter().any(|m| m.thinned);
                (markers, None)
            };
            Lane {
                track,
                markers,
                counts,
                warnings,
            }
        })
        .collect();
    (lanes, thinned)
}

/// The chart's notes, with one on how crowded lanes are drawn.
fn lane_notes(
    chart: &Chart,
    lanes: &[Lane],
    scale: Option<TimeScale>,
    bin: f64,
    thinned: bool,
) -> Vec<String> {
    let mut notes = chart.notes.clone();
    let dense = lanes.iter().any(|l| matches!(l.track, Track::Dense(_)));
    let counted = lanes.iter().any(|l| l.counts.is_some());
    if let (Some(sc), true) = (scale, dense) {
        let days = (bin / sc.per_day()).round().max(1.0) as usize;
        notes.push(format!(
            "crowded lanes show each stance's share per {} and count observations under the bar",
            crate::words::plural(days, "day", "days")
        ));
    } else if counted {
        notes.push("crowded lanes count observations under the bar".into());
    } else if thinned {
        notes.push("where observations crowd, one marker stands for several".into());
    }
    notes
}

/// Where a lane's conflict signs go: the middle of each conflict, but never closer than a
/// few signs' widths (farther apart in a lane crowded with conflicts).
pub fn warning_places(runs: &[Run]) -> Vec<f64> {
    let conflicts: Vec<&Run> = runs
        .iter()
        .filter(|r| matches!(r.fill, Fill::Conflict(_)))
        .collect();
    let spacing = if conflicts.len() > 12 { 60.0 } else { 18.0 };
    let mut out: Vec<f64> = Vec::new();
    for r in conflicts {
        let x = (r.x0 + r.x1) / 2.0;
        if out.last().is_none_or(|&w| x - w >= spacing) {
            out.push(x);
        }
    }
    out
}

fn draw_runs(
    p: &mut Painter,
    chart: &Chart,
    (tl, scale): (&Timeline, &TimeScale),
    runs: &[Run],
    y0: f64,
    y1: f64,
) {
    let pal = &chart.palette;
    let party = &chart.ds.codebook.party(tl.party).id;
    let mut prev: Option<&Run> = None;
    for r in runs {
        let title = match (p.keeps_groups(), r.seg) {
            (true, Some(i)) => tooltip::segment(chart, tl, &tl.segments[i]),
            _ => String::new(),
        };
        let class = match r.fill {
            Fill::Stance(_) => "segment",
            Fill::Conflict(_) => "conflict",
        };
        let stances = runs::stance_ids(chart.ds, &r.fill);
        p.begin(Mark {
            class,
            title: &title,
            href: None,
            party: Some(party),
            stances: &stances,
            segment: r.seg,
            evidence: &[],
        });
        match &r.fill {
            Fill::Stance(s) => {
                let c = chart.colors.stance(*s);
                frame::swatch(p, r.x0, y0, r.x1, y1, c, pal);
                if chart.colors.dotted(*s) {
                    frame::dots(p, r.x0, y0, r.x1, y1, c, pal);
                }
                // A start or end not known to the day fades in from, or out to, the track.
                let fuzz = runs::fuzz(chart.ds, tl, r, scale);
                if let Some(x) = fuzz.start {
                    frame::fade(p, r.x0, y0, x, y1, pal.track, c);
                }
                if let Some(x) = fuzz.end {
                    frame::fade(p, x, y0, r.x1, y1, c, pal.track);
                }
                if fuzz.start.is_some() || fuzz.end.is_some() {
                    // A light stance keeps its outline over the fade.
                    frame::edge(p, r.x0, y0, r.x1, y1, c, pal);
                }
            }
            Fill::Conflict(v) => {
                let colors: Vec<_> = v.iter().map(|&s| chart.colors.stance(s)).collect();
                frame::conflict_bar(p, r.x0, y0, r.x1, y1, &colors, pal);
            }
        }
        if let Some(q) = prev
            && (q.x1 - r.x0).abs() < 0.01
            && q.fill != r.fill
            && r.x1 - r.x0 >= 3.0
            && q.x1 - q.x0 >= 3.0
        {
            p.rect(r.x0 - 0.5, y0, r.x0 + 0.5, y1, pal.background);
        }
        p.end();
        prev = Some(r);
    }
}

/// A crowded lane: in each column, the stances' shares of its time stacked in scale order,
/// and conflict-colored edges where sources disagree.
fn draw_dense(p: &mut Painter, chart: &Chart, tl: &Timeline, dense: &Dense, y0: f64, y1: f64) {
    let pal = &chart.palette;
    let h = y1 - y0;
    // One group for the lane: a tooltip per column would make the SVG grow with the data.
    let title = if p.keeps_groups() {
        tooltip::dense(chart, tl, dense)
    } else {
        String::new()
    };
    p.begin(Mark {
        class: "dense",
        title: &title,
        href: None,
        party: Some(&chart.ds.codebook.party(tl.party).id),
        stances: &[],
        segment: None,
        evidence: &[],
    });
    for c in &dense.columns {
        let mut y = y0;
        for &(s, share) in &c.shares {
            let next = (y + share * h).min(y1);
            p.rect(c.x0, y, c.x1, next, chart.colors.stance(s));
            y = next;
        }
        if c.conflict {
            let edge = (h / 8.0).clamp(0.5, 1.5);
            p.rect(c.x0, y0, c.x1, y0 + edge, pal.conflict);
            p.rect(c.x0, y1 - edge, c.x1, y1, pal.conflict);
        }
    }
    p.end();
}

/// Observations per column as a strip of bars up to `strip` pixels high, from `top` down.
fn draw_counts(
    p: &mut Painter,
    chart: &Chart,
    counts: &[u32],
    x0: f64,
    bin: f64,
    top: f64,
    strip: f64,
) {
    let max = counts.iter().copied().max().unwrap_or(0);
    if strip < 1.5 || max == 0 {
        return;
    }
    let color = style::mix(chart.palette.ink, chart.palette.background, 0.4);
    let level = |c: u32| {
        if c == 0 {
            0.0
        } else {
            (c as f64 / max as f64 * strip).round().max(1.0)
        }
    };
    let mut i = 0;
    while i < counts.len() {
        let height = level(counts[i]);
        let mut j = i + 1;
        while j < counts.len() && level(counts[j]) == height {
            j += 1;
        }
        if height > 0.0 {
            p.rect(
                x0 + i as f64 * bin,
                top,
                x0 + j as f64 * bin,
                top + height,
                color,
            );
        }
        i = j;
    }
}

impl Layout {
    fn plot_bottom(&self) -> f64 {
        self.top + self.lane * self.labels.len().max(1) as f64
    }

    fn place_legend(mut self) -> Self {
        let bottom = self.frame.height as f64
            - MARGIN
            - frame::footer_height(self.note_lines)
            - self.legend.height;
        self.legend_top = bottom.max(self.plot_bottom() + frame::AXIS_HEIGHT + GAP_BEFORE_LEGEND);
        self
    }
}

pub fn draw(chart: &Chart, plan: &Layout, p: &mut Painter) {
    let pal = &chart.palette;
    let (w, h) = (plan.frame.width as f64, plan.frame.height as f64);
    p.rect(0.0, 0.0, w, h, pal.background);
    frame::draw_header(p, &plan.header, pal);

    let (x0, x1) = plan
        .scale
        .map(|s| (s.x0, s.x1))
        .unwrap_or((plan.label_right + 14.0, w - MARGIN - 6.0));
    let bottom = plan.plot_bottom();
    let bar_top = |i: usize| plan.top + i as f64 * plan.lane + (plan.lane - plan.bar) / 2.0;

    // Tracks: a gap in the record shows as empty track.
    for i in 0..plan.labels.len() {
        p.rect(x0, bar_top(i), x1, bar_top(i) + plan.bar, pal.track);
    }
    if let Some(scale) = &plan.scale {
        frame::draw_grid(p, scale, &plan.ticks, plan.top, bottom, pal);
    }

    // Bars, with a hairline of background where one stance gives way to another.
    for (i, (lane, tl)) in plan.lanes.iter().zip(&chart.lanes).enumerate() {
        let (y0, y1) = (bar_top(i), bar_top(i) + plan.bar);
        match (&lane.track, &plan.scale) {
            (Track::Exact(runs), Some(scale)) => draw_runs(p, chart, (tl, scale), runs, y0, y1),
            (Track::Exact(_), None) => {}
            (Track::Dense(dense), _) => draw_dense(p, chart, tl, dense, y0, y1),
        }
        if let (Some(counts), Some(scale)) = (&lane.counts, &plan.scale) {
            let strip = ((plan.lane - plan.bar) / 2.0 - 2.5).min(6.0);
            draw_counts(p, chart, counts, scale.x0, plan.count_bin, y1 + 1.5, strip);
        }
    }
    // Markers on the bars' middle line, then conflict signs above the bars.
    for (i, lane) in plan.lanes.iter().enumerate() {
        let y = bar_top(i) + plan.bar / 2.0;
        if plan.marker_r >= 1.0 {
            let party = &chart.ds.codebook.party(chart.lanes[i].party).id;
            for m in &lane.markers {
                let title = if p.keeps_groups() {
                    tooltip::marker(chart, &m.ids)
                } else {
                    String::new()
                };
                let stances = tooltip::marker_stances(chart, &m.ids);
                p.begin(Mark {
                    class: "marker",
                    title: &title,
                    href: tooltip::marker_link(chart, &m.ids),
                    party: Some(party),
                    stances: &stances,
                    segment: None,
                    evidence: &m.ids,
                });
                frame::marker(p, m.x, y, plan.marker_r, m.basis, m.light, pal);
                p.end();
            }
        }
        let size = (plan.lane * 0.36).min(11.0);
        if size >= 4.0 {
            for &x in &lane.warnings {
                frame::warning(p, x, bar_top(i) + size * 0.35, size, pal);
            }
        }
    }

    for (i, ((lines, font), tl)) in plan.labels.iter().zip(&chart.lanes).enumerate() {
        if lines.is_empty() {
            continue;
        }
        let title = if p.keeps_groups() {
            tooltip::party(chart, tl)
        } else {
            String::new()
        };
        p.begin(Mark {
            class: "label",
            title: &title,
            href: None,
            party: Some(&chart.ds.codebook.party(tl.party).id),
            stances: &[],
            segment: None,
            evidence: &[],
        });
        let step = font.size * LABEL_LINE;
        let middle = bar_top(i) + plan.bar / 2.0 + font.size * 0.36;
        let first = middle - step * (lines.len() - 1) as f64 / 2.0;
        for (k, line) in lines.iter().enumerate() {
            p.text(
                line,
                plan.label_right,
                first + step * k as f64,
                *font,
                Align::Right,
                pal.text,
            );
        }
        p.end();
    }

    match &plan.scale {
        Some(scale) => frame::draw_axis(p, scale, &plan.ticks, bottom + 4.0, w, pal),
        None => p.text(
            &chart.empty_text(),
            (x0 + x1) / 2.0,
            (plan.top + bottom) / 2.0 + 5.0,
            Font::regular(style::LABEL),
            Align::Center,
            pal.muted,
        ),
    }
    frame::draw_legend(p, &plan.legend, plan.legend_top, pal);
    frame::draw_footer(p, chart, &plan.notes, (w, h), pal);
}
