//! The scores chart: one step line per party at its stance's score, in the party's color.
//! The y axis is labelled with the stances; stances off the axis get a band of their own
//! below it. Parties holding the same stance are drawn side by side, a few pixels apart.

use super::axis::{self, DayRange, Ticks, TimeScale};
use super::frame::{self, Frame, Header, Item, Key, Legend};
use super::paint::{Align, Font, Painter};
use super::runs::{self, Fill, Run, Track};
use super::setup::{Chart, ChartError};
use super::style::{self, MARGIN, mix};
use crate::model::StanceId;
use crate::model::codebook::Color;
use plotters::backend::DrawingBackend;

pub struct Layout {
    pub frame: Frame,
    header: Header,
    /// Label rows: y, text, stance colors (one row per score, or per off-axis stance).
    rows: Vec<(f64, String)>,
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
    line_w: f64,
    legend: Legend,
    legend_top: f64,
    notes: Vec<String>,
    note_lines: usize,
    conflict_key: bool,
}

struct Line {
    color: Color,
    offset: f64,
    /// Runs at one level each; for a crowded party, columns at their average level.
    runs: Vec<Run>,
    /// For a crowded party: the y of each run (the average of its stances' levels).
    levels: Option<Vec<Option<f64>>>,
    warnings: Vec<f64>,
}

const GAP_AFTER_HEADER: f64 = 16.0;
const GAP_BEFORE_LEGEND: f64 = 10.0;
const BAND_GAP: f64 = 30.0;

/// The least distance between two levels; a smaller `--height` is refused.
const MIN_GAP: f64 = 16.0;

pub fn plan(chart: &Chart) -> Result<Layout, ChartError> {
    let first = plan_with(
        chart,
        true,
        frame::note_lines(&chart.notes, chart.width as f64).len(),
    )?;
    let shaded = first
        .lines
        .iter()
        .any(|l| l.levels.is_none() && l.runs.iter().any(|r| matches!(r.fill, Fill::Conflict(_))));
    let note = first.notes.len();
    if (first.conflict_key && !shaded) || note != first.note_lines {
        // No shading to explain (every conflict is inside an averaged line), or a note line
        // to make room for: lay out again.
        plan_with(chart, shaded, note)
    } else {
        Ok(first)
    }
}

fn plan_with(chart: &Chart, conflict_key: bool, note_lines: usize) -> Result<Layout, ChartError> {
    let cb = &chart.ds.codebook;
    let width = chart.width as f64;
    let header = frame::header(chart, "Stance on the scale, by party, over time");
    let n = chart.lanes.len();

    let (present, conflict) = chart.present_stances();
    let conflicts = conflict.is_some();
    // The scale: every distinct score, highest first; then off-axis stances present.
    let mut scores: Vec<f64> = cb.stances().iter().filter_map(|s| s.score).collect();
    scores.sort_by(|a, b| b.total_cmp(a));
    scores.dedup();
    let off_axis: Vec<StanceId> = cb
        .stance_ids()
        .filter(|&s| cb.stance(s).score.is_none() && present[s.index()])
        .collect();
    let conflict_key = conflict_key && conflicts;
    let legend = party_legend(chart, conflict_key);

    // Vertical budget: levels `gap` apart; parties dodged `step` apart around each level.
    let step_target = if n <= 10 { 4.0 } else { 2.0 };
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
    let step = if n > 1 {
        step_target.min(gap * 0.6 / (n - 1) as f64)
    } else {
        0.0
    };
    let line_w = (step * 0.65).clamp(1.0, 2.6);

    let mut rows = scale_rows(cb, &scores, &off_axis, top + gap / 2.0, gap, extra);
    let font = Font::regular(style::LABEL);
    let max_label = (width * 0.3).max(40.0);
    for row in &mut rows.rows {
        row.1 = font.fit(&row.1, max_label);
    }
    let label_w = rows
        .rows
        .iter()
        .map(|r| font.width(&r.1))
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
        (Some(sc), Some(clip)) => build_lines(chart, &sc, clip, bin, &rows.stance_y, step),
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
        line_w,
        legend,
        legend_top,
        notes,
        note_lines,
        conflict_key,
    })
}

/// The legend: each party's line, and the shading of conflicts when there is one.
fn party_legend(chart: &Chart, conflict_key: bool) -> Legend {
    let cb = &chart.ds.codebook;
    let mut items: Vec<Item> = chart
        .lanes
        .iter()
        .map(|tl| Item {
            key: Key::Line(chart.colors.party(tl.party)),
            label: cb.party(tl.party).name.clone(),
        })
        .collect();
    if conflict_key {
        items.push(Item {
            key: Key::Range(chart.palette.muted),
            label: "Sources disagree (shaded between the stances held)".into(),
        });
    }
    let width = chart.width as f64;
    frame::legend(vec![("Party", items)], MARGIN, width - MARGIN, 0.0)
}

/// The rows of the scale, from the top: one per score, then the off-axis band.
struct Rows {
    /// y, text, stance colors.
    rows: Vec<(f64, String)>,
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
    let mut rows: Vec<(f64, String)> = Vec::new();
    let mut stance_y: Vec<Option<f64>> = vec![None; cb.stances().len()];
    for (i, &score) in scores.iter().enumerate() {
        if i > 0 {
            y += gap;
        }
        let at: Vec<StanceId> = cb
            .stance_ids()
            .filter(|&s| cb.stance(s).score == Some(score))
            .collect();
        let label = at
            .iter()
            .map(|&s| cb.stance(s).label.as_str())
            .collect::<Vec<_>>()
            .join(" / ");
        at.iter().for_each(|&s| stance_y[s.index()] = Some(y));
        rows.push((y, label));
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
        rows.push((y, cb.stance(s).label.clone()));
    }
    Rows {
        rows,
        stance_y,
        band_line,
        bottom: y + gap / 2.0,
    }
}

/// Each party's line, dodged `step` apart; and whether a crowded one was averaged.
fn build_lines(
    chart: &Chart,
    sc: &TimeScale,
    clip: DayRange,
    bin: f64,
    stance_y: &[Option<f64>],
    step: f64,
) -> (Vec<Line>, bool) {
    let cb = &chart.ds.codebook;
    let n = chart.lanes.len();
    let order = cb.stances_in_scale_order();
    let mut averaged = false;
    let lines = chart
        .lanes
        .iter()
        .enumerate()
        .map(|(i, tl)| {
            let (runs, levels, warnings) = match runs::track(tl, sc, clip, bin, &order) {
                Track::Exact(runs) => {
                    let warnings = super::lanes::warning_places(&runs);
                    (runs, None, warnings)
                }
                Track::Dense(dense) => {
                    averaged = true;
                    let mut runs = Vec::new();
                    let mut levels = Vec::new();
                    for c in dense.columns {
                        levels.push(average_level(cb, stance_y, &c.shares));
                        runs.push(Run {
                            x0: c.x0,
                            x1: c.x1,
                            fill: Fill::Stance(c.shares[0].0),
                        });
                    }
                    (runs, Some(levels), Vec::new())
                }
            };
            Line {
                color: chart.colors.party(tl.party),
                offset: (i as f64 - (n - 1) as f64 / 2.0) * step,
                runs,
                levels,
                warnings,
            }
        })
        .collect();
    (lines, averaged)
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

pub fn draw<DB: DrawingBackend>(chart: &Chart, plan: &Layout, p: &mut Painter<DB>) {
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
        draw_line(plan, p, line);
    }
    for line in &plan.lines {
        draw_warnings(chart, plan, p, line);
    }

    match &plan.scale {
        Some(scale) => frame::draw_axis(p, scale, &plan.ticks, plan.bottom + 4.0, w, pal),
        None => p.text(
            "No positions recorded",
            (x0 + x1) / 2.0,
            (plan.top + plan.bottom) / 2.0 + 5.0,
            Font::regular(style::LABEL),
            Align::Center,
            pal.muted,
        ),
    }
    frame::draw_legend(p, &plan.legend, plan.legend_top, pal);
    frame::draw_footer(p, &chart.footer, &plan.notes, h, w, pal);
}

/// Level lines and labels with the stance's color chip, and the line above the off-axis band.
fn draw_scale<DB: DrawingBackend>(
    chart: &Chart,
    plan: &Layout,
    p: &mut Painter<DB>,
    x0: f64,
    x1: f64,
) {
    let pal = &chart.palette;
    let font = Font::regular(style::LABEL);
    let mut last_label = f64::MIN;
    for (y, label) in &plan.rows {
        p.rect(x0, y - 0.5, x1, y + 0.5, pal.grid);
        if y - last_label < font.size * 1.1 {
            continue;
        }
        last_label = *y;
        p.text(
            label,
            plan.label_right,
            y + font.size * 0.36,
            font,
            Align::Right,
            pal.text,
        );
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

/// A party's conflicts: shaded between the stances held, with a thin line at each.
fn draw_conflicts<DB: DrawingBackend>(
    chart: &Chart,
    plan: &Layout,
    p: &mut Painter<DB>,
    line: &Line,
) {
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
            let x1 = r.x1.max(r.x0 + 2.0);
            p.rect(
                r.x0,
                lo + line.offset - 3.0,
                x1,
                hi + line.offset + 3.0,
                tint,
            );
            for y in ys {
                p.rect(
                    r.x0,
                    y + line.offset - 0.5,
                    x1,
                    y + line.offset + 0.5,
                    line.color,
                );
            }
        }
    }
}

/// A party's step line: a level for each run, joined where runs meet.
fn draw_line<DB: DrawingBackend>(plan: &Layout, p: &mut Painter<DB>, line: &Line) {
    let half = plan.line_w / 2.0;
    let mut prev: Option<f64> = None;
    let mut prev_x1 = f64::MIN;
    for (i, r) in line.runs.iter().enumerate() {
        let y = match (&line.levels, &r.fill) {
            (Some(levels), _) => levels[i].map(|y| y + line.offset),
            (None, Fill::Stance(s)) => plan.stance_y[s.index()].map(|y| y + line.offset),
            (None, Fill::Conflict(_)) => None,
        };
        if let Some(y) = y {
            p.rect(r.x0, y - half, r.x1, y + half, line.color);
            if let Some(py) = prev
                && (prev_x1 - r.x0).abs() < 0.01
            {
                p.rect(
                    r.x0 - half,
                    py.min(y) - half,
                    r.x0 + half,
                    py.max(y) + half,
                    line.color,
                );
            }
        }
        prev = y;
        prev_x1 = r.x1;
    }
}

/// A party's conflict signs, above the highest stance of each conflict.
fn draw_warnings<DB: DrawingBackend>(
    chart: &Chart,
    plan: &Layout,
    p: &mut Painter<DB>,
    line: &Line,
) {
    for &x in &line.warnings {
        let top = line
            .runs
            .iter()
            .find(|r| r.x0 <= x && x <= r.x1.max(r.x0 + 2.0))
            .and_then(|r| match &r.fill {
                Fill::Conflict(v) => v
                    .iter()
                    .filter_map(|&s| plan.stance_y[s.index()])
                    .reduce(f64::min),
                Fill::Stance(_) => None,
            });
        if let Some(y) = top {
            frame::warning(p, x, y + line.offset - 5.0, 10.0, &chart.palette);
        }
    }
}
