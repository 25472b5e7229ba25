//! The scores chart: one step line per party at its stance's score, in the party's color.
//! The y axis is labelled with the stances; stances off the axis get a band of their own
//! below it. Parties holding the same stance are drawn side by side, a few pixels apart.

use super::axis::{self, DayRange, Ticks, TimeScale};
use super::colors::Dash;
use super::frame::{self, Frame, Header, Item, Key, Legend};
use super::paint::Mark;
use super::paint::{Align, Font, Painter};
use super::runs::{self, Fill, Run, Track};
use super::setup::{Chart, ChartError};
use super::style::{self, MARGIN, mix};
use super::tooltip;
use crate::model::StanceId;
use crate::model::codebook::Color;
use crate::model::timeline::Timeline;

pub struct Layout {
    pub frame: Frame,
    header: Header,
    /// Label rows: one per score, or per off-axis stance.
    rows: Vec<Row>,
    /// y of each stance's line (before dodging); `None` for a stance not drawn.
    stance_y: Vec<Option<f64>>,
    /// The line between the scale and the off-axis band.
    band_line: Option<f64>,
    label_right: f64,
    top: f64,
    bottom: f64,
    scale: Option<TimeScale>,
    ticks: Ticks,
    lines: Vec<Line>,
    legend: Legend,
    legend_top: f64,
    notes: Vec<String>,
    note_lines: usize,
    conflict_key: Option<Color>,
}

struct Line {
    /// Its timeline, in `Chart::lanes`.
    lane: usize,
    color: Color,
    dash: Dash,
    /// Runs at one level each; for a crowded party, columns at their average level.
    runs: Vec<Run>,
    /// A crowded party's line: columns at their average level.
    averaged: bool,
    /// The line as drawn: stretches at one y each, left to right; where parties hold the
    /// same level at the same time, each is moved off it, symmetrically.
    pieces: Vec<Piece>,
    warnings: Vec<f64>,
}

/// A stretch of a party's line at one height.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    x0: f64,
    x1: f64,
    y: f64,
    /// The run it draws, in `Line::runs`.
    run: usize,
}

const GAP_AFTER_HEADER: f64 = 16.0;
const GAP_BEFORE_LEGEND: f64 = 10.0;
const BAND_GAP: f64 = 30.0;

/// The least distance between two levels; a smaller `--height` is refused.
const MIN_GAP: f64 = 16.0;

/// The distance between the baselines of a two-line label, in em.
const LABEL_LINE: f64 = 1.15;

/// The width of every party's line, however many parties there are.
const LINE_W: f64 = 2.5;

pub fn plan(chart: &Chart) -> Result<Layout, ChartError> {
    if !chart
        .ds
        .codebook
        .stances()
        .iter()
        .any(|s| s.score.is_some())
    {
        return Err(ChartError::NoScale);
    }
    // The conflict key takes the tint of the first party whose conflict is shaded.
    let guess = chart
        .lanes
        .iter()
        .find(|tl| {
            tl.segments
                .iter()
                .any(|s| s.is_conflict() && chart.shows(s))
        })
        .map(|tl| chart.colors.party(tl.party));
    let first = plan_with(
        chart,
        guess,
        frame::note_lines(&chart.notes, chart.width as f64).len(),
    )?;
    let shaded = first
        .lines
        .iter()
        .find(|l| !l.averaged && l.runs.iter().any(|r| matches!(r.fill, Fill::Conflict(_))))
        .map(|l| l.color);
    let note = first.notes.len();
    if first.conflict_key != shaded || note != first.note_lines {
        // Another party's shading to explain, or none (every conflict is inside an averaged
        // line), or a note line to make room for: lay out again.
        plan_with(chart, shaded, note)
    } else {
        Ok(first)
    }
}

fn plan_with(
    chart: &Chart,
    conflict_key: Option<Color>,
    note_lines: usize,
) -> Result<Layout, ChartError> {
    let cb = &chart.ds.codebook;
    let width = chart.width as f64;
    let header = frame::header(chart, "Stance on the scale, by party, over time");
    let n = chart.lanes.len();

    let (present, _) = chart.present_stances();
    // The scale: every distinct score, highest first; then off-axis stances present.
    let mut scores: Vec<f64> = cb.stances().iter().filter_map(|s| s.score).collect();
    scores.sort_by(|a, b| b.total_cmp(a));
    scores.dedup();
    let off_axis: Vec<StanceId> = cb
        .stance_ids()
        .filter(|&s| cb.stance(s).score.is_none() && present[s.index()])
        .collect();
    let legend = party_legend(chart, conflict_key);

    // Vertical budget: levels `gap` apart; parties dodged `step` apart around each level.
    let step_target = 4.0;
    let top = header.bottom + GAP_AFTER_HEADER;
    let fixed = top
        + frame::AXIS_HEIGHT
        + GAP_BEFORE_LEGEND
        + legend.height
        + frame::footer_height(note_lines)
        + MARGIN;
    // Gaps between rows, and a wider one before the off-axis band.
    let levels = (scores.len() + off_axis.len()).saturating_sub(1) as f64;
    let extra = if off_axis.is_empty() || scores.is_empty() {
        0.0
    } else {
        BAND_GAP
    };
    let (gap, height) = match chart.height {
        Some(h) => {
            // Pad above the first and below the last line: half a gap each.
            let least = (fixed + extra + MIN_GAP * (levels + 1.0)).ceil() as u32;
            if h < least {
                return Err(ChartError::TooSmall(format!(
                    "--height {h} is too small for this scale: this chart needs at least {least} pixels"
                )));
            }
            ((h as f64 - fixed - extra) / (levels + 1.0), h)
        }
        None => {
            let gap = (step_target * n.saturating_sub(1) as f64 + 24.0).max(52.0);
            (gap, (fixed + extra + gap * (levels + 1.0)).ceil() as u32)
        }
    };

    let mut rows = scale_rows(cb, &scores, &off_axis, top + gap / 2.0, gap, extra);
    let font = Font::regular(style::LABEL);
    let max_label = (width * 0.3).max(40.0);
    // A label too long for its column wraps onto a second line where levels are far enough
    // apart, and is shortened by whole words only after that.
    let lines = if gap >= font.size * LABEL_LINE * 2.0 + 6.0 {
        2
    } else {
        1
    };
    for row in &mut rows.rows {
        row.lines = font.wrap(&row.label, max_label, lines);
    }
    let label_w = rows
        .rows
        .iter()
        .flat_map(|r| r.lines.iter().map(|l| font.width(l)))
        .fold(0.0, f64::max);
    let label_right = MARGIN + label_w;
    let (x0, x1) = (label_right + 28.0, width - MARGIN - 6.0);
    let scale = chart.span.map(|s| TimeScale::new(s, x0, x1));
    let ticks = scale
        .map(|sc| axis::ticks(sc.span, axis::choose_step(sc.span, x1 - x0)))
        .unwrap_or_default();

    let plot_w = (x1 - x0).max(1.0);
    // Crowded parties are averaged over columns of a few pixels; wider with many parties,
    // to keep SVG small.
    let bin = (n as f64 * plot_w / 12_000.0).max(4.0);
    let (lines, averaged) = match (scale, chart.clip) {
        (Some(sc), Some(clip)) => build_lines(chart, &sc, clip, bin, &rows.stance_y, gap),
        _ => (Vec::new(), false),
    };
    let mut notes = chart.notes.clone();
    if let (Some(sc), true) = (scale, averaged) {
        let days = (bin / sc.per_day()).round().max(1.0) as usize;
        notes.push(format!(
            "crowded lines show the average score of every {}",
            crate::words::plural(days, "day", "days")
        ));
    }

    let notes = frame::note_lines(&notes, width);
    let legend_top = (height as f64 - MARGIN - frame::footer_height(note_lines) - legend.height)
        .max(rows.bottom + frame::AXIS_HEIGHT + GAP_BEFORE_LEGEND);
    Ok(Layout {
        frame: Frame {
            width: chart.width,
            height,
        },
        header,
        rows: rows.rows,
        stance_y: rows.stance_y,
        band_line: rows.band_line,
        label_right,
        top,
        bottom: rows.bottom,
        scale,
        ticks,
        lines,
        legend,
        legend_top,
        notes,
        note_lines,
        conflict_key,
    })
}

/// The legend: each party's line, the parties with nothing shown (once, without a color),
/// and the shading of conflicts when there is one, in the tint of a party that has one.
fn party_legend(chart: &Chart, conflict_key: Option<Color>) -> Legend {
    let cb = &chart.ds.codebook;
    let (shown, empty): (Vec<&Timeline>, Vec<&Timeline>) = chart
        .lanes
        .iter()
        .partition(|tl| tl.segments.iter().any(|s| chart.shows(s)));
    let mut items: Vec<Item> = shown
        .iter()
        .map(|tl| {
            let p = cb.party(tl.party);
            Item {
                key: Key::Line(chart.colors.party(tl.party), chart.colors.dash(tl.party)),
                label: p.short.clone().unwrap_or_else(|| p.name.clone()),
                title: Some(p.name.clone()),
            }
        })
        .collect();
    if !empty.is_empty() {
        let names: Vec<&str> = empty
            .iter()
            .map(|tl| {
                let p = cb.party(tl.party);
                p.short.as_deref().unwrap_or(&p.name)
            })
            .collect();
        items.push(Item {
            key: Key::Blank,
            label: format!("No position shown: {}", names.join(", ")),
            title: Some(
                empty
                    .iter()
                    .map(|tl| cb.party(tl.party).name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        });
    }
    items.extend(frame::inexact_item(chart, false));
    if let Some(c) = conflict_key {
        items.push(Item {
            key: Key::Range(c),
            label: "Sources disagree (shaded between the stances held)".into(),
            title: None,
        });
    }
    let width = chart.width as f64;
    frame::legend(vec![("Party", items)], MARGIN, width - MARGIN, 0.0)
}

/// A row of the scale: one score (one or more stances), or one stance off the axis.
struct Row {
    y: f64,
    /// The short labels (or labels) of its stances.
    label: String,
    /// As drawn: the label wrapped and shortened to fit.
    lines: Vec<String>,
    /// The stances' labels in full.
    full: String,
    stances: Vec<StanceId>,
}

/// The rows of the scale, from the top: one per score, then the off-axis band.
struct Rows {
    rows: Vec<Row>,
    /// y of each stance's line; `None` for a stance not drawn.
    stance_y: Vec<Option<f64>>,
    band_line: Option<f64>,
    bottom: f64,
}

/// The rows, the first at `y`, `gap` apart, and `extra` more before the off-axis band.
fn scale_rows(
    cb: &crate::model::codebook::Codebook,
    scores: &[f64],
    off_axis: &[StanceId],
    mut y: f64,
    gap: f64,
    extra: f64,
) -> Rows {
    let mut rows: Vec<Row> = Vec::new();
    let mut stance_y: Vec<Option<f64>> = vec![None; cb.stances().len()];
    let short = |s: StanceId| cb.stance(s).short.as_deref().unwrap_or(&cb.stance(s).label);
    let join = |at: &[StanceId], f: &dyn Fn(StanceId) -> String| {
        at.iter().map(|&s| f(s)).collect::<Vec<_>>().join(" / ")
    };
    for (i, &score) in scores.iter().enumerate() {
        if i > 0 {
            y += gap;
        }
        let at: Vec<StanceId> = cb
            .stance_ids()
            .filter(|&s| cb.stance(s).score == Some(score))
            .collect();
        at.iter().for_each(|&s| stance_y[s.index()] = Some(y));
        rows.push(Row {
            y,
            label: join(&at, &|s| short(s).to_string()),
            lines: Vec::new(),
            full: join(&at, &|s| cb.stance(s).label.clone()),
            stances: at,
        });
    }
    let mut band_line = None;
    for (i, &s) in off_axis.iter().enumerate() {
        if i == 0 {
            if !scores.is_empty() {
                band_line = Some(y + gap / 2.0 + extra / 2.0);
                y += gap + extra;
            }
        } else {
            y += gap;
        }
        stance_y[s.index()] = Some(y);
        rows.push(Row {
            y,
            label: short(s).to_string(),
            lines: Vec::new(),
            full: cb.stance(s).label.clone(),
            stances: vec![s],
        });
    }
    Rows {
        rows,
        stance_y,
        band_line,
        bottom: y + gap / 2.0,
    }
}

/// Each party's line, and whether a crowded one was averaged. Where parties hold the same
/// level at the same time, their lines are spread around it, symmetrically and at most a
/// quarter of `gap` from it.
fn build_lines(
    chart: &Chart,
    sc: &TimeScale,
    clip: DayRange,
    bin: f64,
    stance_y: &[Option<f64>],
    gap: f64,
) -> (Vec<Line>, bool) {
    let cb = &chart.ds.codebook;
    let order = cb.stances_in_scale_order();
    let mut averaged = false;
    let mut lines: Vec<Line> = chart
        .lanes
        .iter()
        .enumerate()
        .map(|(lane, tl)| {
            let (runs, pieces, warnings, dense) = match runs::track(tl, sc, clip, bin, &order) {
                Track::Exact(runs) => {
                    let warnings = super::lanes::warning_places(&runs);
                    let pieces = runs
                        .iter()
                        .enumerate()
                        .filter_map(|(i, r)| match r.fill {
                            Fill::Stance(s) => Some(Piece {
                                x0: r.x0,
                                x1: r.x1,
                                y: stance_y[s.index()]?,
                                run: i,
                            }),
                            Fill::Conflict(_) => None,
                        })
                        .collect();
                    (runs, pieces, warnings, false)
                }
                Track::Dense(dense) => {
                    averaged = true;
                    let mut runs = Vec::new();
                    let mut pieces = Vec::new();
                    for (i, c) in dense.columns.into_iter().enumerate() {
                        if let Some(y) = average_level(cb, stance_y, &c.shares) {
                            pieces.push(Piece {
                                x0: c.x0,
                                x1: c.x1,
                                y,
                                run: i,
                            });
                        }
                        runs.push(Run {
                            x0: c.x0,
                            x1: c.x1,
                            fill: Fill::Stance(c.shares[0].0),
                            seg: None,
                        });
                    }
                    (runs, pieces, Vec::new(), true)
                }
            };
            Line {
                lane,
                color: chart.colors.party(tl.party),
                dash: chart.colors.dash(tl.party),
                runs,
                averaged: dense,
                pieces,
                warnings,
            }
        })
        .collect();
    dodge(&mut lines, gap);
    (lines, averaged)
}

/// Spread lines that share a level at the same time: in each stretch where `m` lines lie at
/// one y, the k-th of them (in party order) moves by `(k - (m - 1) / 2) * step`, with `step`
/// at most a line and a half wide and the outermost at most `gap / 4` from the level. A sweep
/// over each level's piece ends; averaged lines stay where their averages are.
fn dodge(lines: &mut [Line], gap: f64) {
    // (level, x, starts, line, run), ends before starts at the same x.
    let mut events: Vec<(u64, f64, bool, usize, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| !l.averaged) {
        for p in &line.pieces {
            events.push((p.y.to_bits(), p.x0, true, i, p.run));
            events.push((p.y.to_bits(), p.x1, false, i, p.run));
        }
    }
    if events.is_empty() {
        return;
    }
    events.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut out: Vec<Vec<Piece>> = vec![Vec::new(); lines.len()];
    let mut active: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut prev: Option<(u64, f64)> = None;
    for &(level, x, starts, line, run) in &events {
        if let Some((l, x0)) = prev
            && l == level
            && x > x0
            && !active.is_empty()
        {
            let y = f64::from_bits(level);
            let m = active.len();
            let step = if m > 1 {
                (LINE_W * 1.5).min(gap / 2.0 / (m - 1) as f64)
            } else {
                0.0
            };
            for (rank, (&li, &ri)) in active.iter().enumerate() {
                out[li].push(Piece {
                    x0,
                    x1: x,
                    y: y + (rank as f64 - (m - 1) as f64 / 2.0) * step,
                    run: ri,
                });
            }
        }
        if prev.is_some_and(|(l, _)| l != level) {
            active.clear();
        }
        if starts {
            active.insert(line, run);
        } else {
            active.remove(&line);
        }
        prev = Some((level, x));
    }
    for (line, pieces) in lines.iter_mut().zip(out) {
        if line.averaged {
            continue;
        }
        let mut pieces = pieces;
        pieces.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut merged: Vec<Piece> = Vec::with_capacity(pieces.len());
        for p in pieces {
            match merged.last_mut() {
                Some(q) if q.run == p.run && q.y == p.y && (q.x1 - p.x0).abs() < 1e-9 => {
                    q.x1 = p.x1
                }
                _ => merged.push(p),
            }
        }
        line.pieces = merged;
    }
}

/// The level of a column of a crowded party: the average of its scored stances' levels
/// weighted by their shares (the level of the average score); or, when stances off the axis
/// hold more of the column than scored ones, the level of the largest of them.
fn average_level(
    cb: &crate::model::codebook::Codebook,
    stance_y: &[Option<f64>],
    shares: &[(StanceId, f64)],
) -> Option<f64> {
    let (mut sum, mut weight) = (0.0, 0.0);
    for &(s, share) in shares {
        if let (Some(_), Some(y)) = (cb.stance(s).score, stance_y[s.index()]) {
            sum += y * share;
            weight += share;
        }
    }
    let off: f64 = shares
        .iter()
        .filter(|(s, _)| cb.stance(*s).score.is_none() && stance_y[s.index()].is_some())
        .map(|(_, share)| share)
        .sum();
    if weight > 0.0 && weight >= off {
        return Some(sum / weight);
    }
    shares
        .iter()
        .filter(|(s, _)| cb.stance(*s).score.is_none() && stance_y[s.index()].is_some())
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .and_then(|&(s, _)| stance_y[s.index()])
}

pub fn draw(chart: &Chart, plan: &Layout, p: &mut Painter) {
    let pal = &chart.palette;
    let (w, h) = (plan.frame.width as f64, plan.frame.height as f64);
    p.rect(0.0, 0.0, w, h, pal.background);
    frame::draw_header(p, &plan.header, pal);
    let (x0, x1) = plan
        .scale
        .map(|s| (s.x0, s.x1))
        .unwrap_or((plan.label_right + 28.0, w - MARGIN - 6.0));

    if let Some(scale) = &plan.scale {
        frame::draw_grid(p, scale, &plan.ticks, plan.top, plan.bottom, pal);
    }
    draw_scale(chart, plan, p, x0, x1);
    // Conflicts first (shaded), then the lines over them.
    for line in &plan.lines {
        draw_conflicts(chart, plan, p, line);
    }
    for line in &plan.lines {
        draw_line(chart, p, line, plan.scale.as_ref());
    }
    for line in &plan.lines {
        draw_warnings(chart, plan, p, line);
    }

    match &plan.scale {
        Some(scale) => frame::draw_axis(p, scale, &plan.ticks, plan.bottom + 4.0, w, pal),
        None => p.text(
            &chart.empty_text(),
            (x0 + x1) / 2.0,
            (plan.top + plan.bottom) / 2.0 + 5.0,
            Font::regular(style::LABEL),
            Align::Center,
            pal.muted,
        ),
    }
    frame::draw_legend(p, &plan.legend, plan.legend_top, pal);
    frame::draw_footer(p, chart, &plan.notes, (w, h), pal);
}

/// Level lines and labels with the stance's color chip, and the line above the off-axis band.
fn draw_scale(chart: &Chart, plan: &Layout, p: &mut Painter, x0: f64, x1: f64) {
    let pal = &chart.palette;
    let font = Font::regular(style::LABEL);
    let mut last_label = f64::MIN;
    let cb = &chart.ds.codebook;
    for row in &plan.rows {
        let ids: Vec<&str> = row
            .stances
            .iter()
            .map(|&s| cb.stance(s).id.as_str())
            .collect();
        p.begin(Mark {
            class: "level",
            title: &row.full,
            href: None,
            party: None,
            stances: &ids,
            segment: None,
            evidence: &[],
        });
        let y = row.y;
        p.rect(x0, y - 0.5, x1, y + 0.5, pal.grid);
        if y - last_label >= font.size * 1.1 {
            last_label = y;
            let step = font.size * LABEL_LINE;
            let first = y + font.size * 0.36 - step * (row.lines.len() - 1) as f64 / 2.0;
            for (k, line) in row.lines.iter().enumerate() {
                p.text(
                    line,
                    plan.label_right,
                    first + step * k as f64,
                    font,
                    Align::Right,
                    pal.text,
                );
            }
        }
        p.end();
    }
    if let Some(y) = plan.band_line {
        let mut x = x0;
        while x < x1 {
            p.rect(x, y - 0.5, (x + 4.0).min(x1), y + 0.5, pal.axis);
            x += 8.0;
        }
        p.text(
            "off the scale:",
            plan.label_right + 18.0,
            y + 16.0,
            Font::regular(style::TICK),
            Align::Right,
            pal.muted,
        );
    }
}

/// The group of a run of a party's line: its tooltip, if the SVG keeps one.
fn begin_run(chart: &Chart, p: &mut Painter, line: &Line, run: &Run, class: &'static str) {
    let tl = chart.lanes[line.lane];
    let title = match (p.keeps_groups(), run.seg) {
        (true, Some(i)) => tooltip::segment(chart, tl, &tl.segments[i]),
        (true, None) => format!(
            "{}: the average score of a crowded stretch",
            chart.ds.codebook.party(tl.party).name
        ),
        _ => String::new(),
    };
    let stances = runs::stance_ids(chart.ds, &run.fill);
    p.begin(Mark {
        class,
        title: &title,
        href: None,
        party: Some(&chart.ds.codebook.party(tl.party).id),
        stances: if run.seg.is_some() { &stances } else { &[] },
        segment: run.seg,
        evidence: &[],
    });
}

/// A party's conflicts: shaded between the stances held, with a thin line at each.
fn draw_conflicts(chart: &Chart, plan: &Layout, p: &mut Painter, line: &Line) {
    if line.averaged {
        return;
    }
    let tint = mix(line.color, chart.palette.background, 0.72);
    for r in &line.runs {
        if let Fill::Conflict(v) = &r.fill {
            let ys: Vec<f64> = v.iter().filter_map(|&s| plan.stance_y[s.index()]).collect();
            let (lo, hi) = ys
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
            if lo > hi {
                continue;
            }
            begin_run(chart, p, line, r, "conflict");
            p.rect(r.x0, lo - 3.0, r.x1, hi + 3.0, tint);
            for y in ys {
                p.rect(r.x0, y - 0.5, r.x1, y + 0.5, line.color);
            }
            p.end();
        }
    }
}

/// A horizontal stretch of line from `x0` to `x1`, solid or dashed.
fn stretch(p: &mut Painter, x0: f64, x1: f64, y: f64, dash: Dash, c: Color) {
    let half = LINE_W / 2.0;
    let pattern = dash.pattern();
    if pattern.is_empty() {
        p.rect(x0, y - half, x1, y + half, c);
        return;
    }
    let mut x = x0;
    let mut i = 0;
    while x < x1 {
        let len = pattern[i % pattern.len()];
        if i % 2 == 0 {
            p.rect(x, y - half, (x + len).min(x1), y + half, c);
        }
        x += len;
        i += 1;
    }
}

/// A party's step line: its pieces, joined where they meet, one group per run; lighter where
/// a start or end is not known to the day.
fn draw_line(chart: &Chart, p: &mut Painter, line: &Line, scale: Option<&TimeScale>) {
    let half = LINE_W / 2.0;
    let tl = chart.lanes[line.lane];
    let light = frame::light(line.color, &chart.palette);
    let mut i = 0;
    while i < line.pieces.len() {
        let run = line.pieces[i].run;
        begin_run(chart, p, line, &line.runs[run], "segment");
        let fuzz = match (scale, line.averaged) {
            (Some(sc), false) => runs::fuzz(chart.ds, tl, &line.runs[run], sc),
            _ => runs::Fuzz::default(),
        };
        while i < line.pieces.len() && line.pieces[i].run == run {
            let piece = line.pieces[i];
            // Lighter up to where the start is known, and from where the end is not.
            let a = fuzz.start.map_or(piece.x0, |x| x.clamp(piece.x0, piece.x1));
            let b = fuzz.end.map_or(piece.x1, |x| x.clamp(a, piece.x1));
            for (x0, x1, c) in [
                (piece.x0, a, light),
                (a, b, line.color),
                (b, piece.x1, light),
            ] {
                if x1 > x0 {
                    stretch(p, x0, x1, piece.y, line.dash, c);
                }
            }
            if let Some(next) = line.pieces.get(i + 1)
                && (next.x0 - piece.x1).abs() < 0.01
                && next.y != piece.y
            {
                p.rect(
                    piece.x1 - half,
                    piece.y.min(next.y) - half,
                    piece.x1 + half,
                    piece.y.max(next.y) + half,
                    line.color,
                );
            }
            i += 1;
        }
        p.end();
    }
}

/// A party's conflict signs, above the highest stance of each conflict.
fn draw_warnings(chart: &Chart, plan: &Layout, p: &mut Painter, line: &Line) {
    for &x in &line.warnings {
        let top = line
            .runs
            .iter()
            .find(|r| r.x0 <= x && x <= r.x1)
            .and_then(|r| match &r.fill {
                Fill::Conflict(v) => v
                    .iter()
                    .filter_map(|&s| plan.stance_y[s.index()])
                    .reduce(f64::min),
                Fill::Stance(_) => None,
            });
        if let Some(y) = top {
            frame::warning(p, x, y - 5.0, 10.0, &chart.palette);
        }
    }
}
