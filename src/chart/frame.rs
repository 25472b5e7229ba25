//! What every chart has around its data: the title block, the time axis, the legend, the
//! footer, and the observation markers and conflict signs both kinds share.

use super::axis::{Place, Ticks, TimeScale};
use super::colors::Dash;
use super::paint::{Align, Font, Mark, Painter};
use super::setup::Chart;
use super::style::{self, MARGIN, Palette, mix};
use crate::model::codebook::Color;
use crate::model::observation::Basis;

/// The image size in logical pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
}

impl Frame {
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
}

/// The title (wrapped to at most four lines) and the subtitle.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub title: Vec<String>,
    pub subtitle: String,
    /// The first free y below it.
    pub bottom: f64,
}

const TITLE_LINE: f64 = style::TITLE * 1.3;
const SUBTITLE_LINE: f64 = style::SUBTITLE * 1.45;

pub fn header(chart: &Chart, subtitle: &str) -> Header {
    let max = chart.width as f64 - 2.0 * MARGIN;
    let title = Font::bold(style::TITLE).wrap(&chart.title, max, 4);
    let subtitle = Font::regular(style::SUBTITLE).fit(subtitle, max);
    let bottom = MARGIN + title.len() as f64 * TITLE_LINE + SUBTITLE_LINE;
    Header {
        title,
        subtitle,
        bottom,
    }
}

pub fn draw_header(p: &mut Painter, h: &Header, pal: &Palette) {
    let mut y = MARGIN;
    for line in &h.title {
        y += TITLE_LINE;
        p.text(
            line,
            MARGIN,
            y - 0.3 * style::TITLE,
            Font::bold(style::TITLE),
            Align::Left,
            pal.text,
        );
    }
    p.text(
        &h.subtitle,
        MARGIN,
        y + SUBTITLE_LINE - 0.35 * style::SUBTITLE,
        Font::regular(style::SUBTITLE),
        Align::Left,
        pal.muted,
    );
}

/// The height of the time axis below the plot: tick marks, labels, context labels.
pub const AXIS_HEIGHT: f64 = 42.0;

/// Vertical grid lines at the tick marks, from `top` to `bottom`.
pub fn draw_grid(
    p: &mut Painter,
    scale: &TimeScale,
    ticks: &Ticks,
    top: f64,
    bottom: f64,
    pal: &Palette,
) {
    for m in &ticks.marks {
        let x = scale.x(m.date);
        let c = if m.strong {
            mix(pal.grid, pal.axis, 0.35)
        } else {
            pal.grid
        };
        p.rect(x - 0.5, top, x + 0.5, bottom, c);
    }
}

/// The axis line at `y`, tick marks and labels below it. A label that does not fit its
/// period, or would overlap the one before it, is left out; none runs off the image.
pub fn draw_axis(
    p: &mut Painter,
    scale: &TimeScale,
    ticks: &Ticks,
    y: f64,
    image_width: f64,
    pal: &Palette,
) {
    p.rect(scale.x0, y, scale.x1, y + 1.0, pal.axis);
    // Labels in the middle of their period sit between boundary marks that run through
    // the label row, so that they do not read as ticks.
    let between = ticks
        .labels
        .iter()
        .any(|l| l.row == 0 && matches!(l.place, Place::Within(..)));
    let long = if between { 22.0 } else { 5.0 };
    for m in &ticks.marks {
        let x = scale.x(m.date);
        p.rect(x - 0.5, y, x + 0.5, y + long, pal.axis);
    }
    let font = Font::regular(style::TICK);
    let bold = Font::bold(style::TICK);
    let clamp = |left: f64, w: f64| left.clamp(2.0, (image_width - 2.0 - w).max(2.0));
    let mut right = f64::MIN;
    for l in ticks.labels.iter().filter(|l| l.row == 0) {
        let w = font.width(&l.text);
        let (center, room) = match l.place {
            Place::At(d) => (scale.x(d), f64::MAX),
            Place::Within(a, b) => {
                let (xa, xb) = (scale.x(a), scale.x_end(b));
                ((xa + xb) / 2.0, xb - xa)
            }
        };
        let left = clamp(center - w / 2.0, w);
        if w + 4.0 <= room && left > right + 6.0 {
            p.text(&l.text, left, y + 18.0, font, Align::Left, pal.muted);
            right = left + w;
        }
    }
    // Context labels start at their boundary; one that would run into the next gives way.
    let context: Vec<(f64, f64, &str)> = ticks
        .labels
        .iter()
        .filter(|l| l.row == 1)
        .map(|l| {
            let x = match l.place {
                Place::At(d) | Place::Within(d, _) => scale.x(d),
            };
            let w = bold.width(&l.text);
            (clamp(x + 2.0, w), w, l.text.as_str())
        })
        .collect();
    let mut right = f64::MIN;
    for (i, &(left, w, text)) in context.iter().enumerate() {
        let next = context.get(i + 1).map_or(f64::MAX, |n| n.0);
        if left > right + 10.0 && left + w + 10.0 < next {
            p.text(text, left, y + 35.0, bold, Align::Left, pal.text);
            right = left + w;
        }
    }
}

/// What a legend item shows before its label.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    /// A stance's color; dotted for a stance off the scale colored by the chart.
    Swatch(Color, bool),
    /// A conflict, drawn as in the chart.
    Conflict(Vec<Color>),
    Marker(Basis, bool),
    /// A party's line, solid or dashed.
    Line(Color, Dash),
    /// Nothing: a label alone.
    Blank,
    /// A shaded range between two lines, in this color.
    Range(Color),
    /// The count strip of crowded lanes.
    Counts,
    /// A bar fading in from the track: a start not known to the day.
    Fade(Color),
    /// A line lighter on its left half: a start not known to the day.
    LightLine(Color),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub key: Key,
    pub label: String,
    /// The whole text, in SVG, where the label may be shortened.
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct Placed {
    x: f64,
    y: f64,
    item: Item,
}

/// Legend groups laid out in rows: a heading column, then items flowing and wrapping.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Legend {
    headings: Vec<(f64, String)>,
    items: Vec<Placed>,
    x0: f64,
    pub height: f64,
}

const KEY_WIDTH: f64 = 20.0;
const ROW: f64 = 21.0;

pub fn legend(groups: Vec<(&str, Vec<Item>)>, x0: f64, x1: f64, top: f64) -> Legend {
    let font = Font::regular(style::LEGEND);
    let heading_font = Font::bold(style::LEGEND);
    let groups: Vec<_> = groups
        .into_iter()
        .filter(|(_, items)| !items.is_empty())
        .collect();
    let heading_w = groups
        .iter()
        .map(|(h, _)| heading_font.width(h))
        .fold(0.0, f64::max)
        + 14.0;
    let (start, avail) = (x0 + heading_w, x1 - x0 - heading_w);
    let mut out = Legend {
        x0,
        ..Legend::default()
    };
    let mut y = top;
    for (heading, items) in groups {
        out.headings.push((y, heading.to_string()));
        let mut x = start;
        for mut item in items {
            item.label = font.fit_words(&item.label, avail - KEY_WIDTH - 6.0);
            let w = KEY_WIDTH + 6.0 + font.width(&item.label);
            if x > start && x + w > x1 {
                x = start;
                y += ROW;
            }
            out.items.push(Placed { x, y, item });
            x += w + 20.0;
        }
        y += ROW;
    }
    out.height = y - top;
    out
}

/// Draw a legend laid out at y = 0 with its top at `top`.
pub fn draw_legend(p: &mut Painter, l: &Legend, top: f64, pal: &Palette) {
    let font = Font::regular(style::LEGEND);
    for (y, h) in &l.headings {
        p.text(
            h,
            l.x0,
            top + y + 14.0,
            Font::bold(style::LEGEND),
            Align::Left,
            pal.muted,
        );
    }
    for placed in &l.items {
        let (x, y) = (placed.x, top + placed.y);
        let cy = y + 10.0;
        p.begin(Mark {
            class: "legend",
            title: placed.item.title.as_deref().unwrap_or(&placed.item.label),
            href: None,
            party: None,
            stances: &[],
            segment: None,
            evidence: &[],
        });
        match &placed.item.key {
            Key::Swatch(c, dotted) => {
                swatch(p, x, cy - 6.0, x + KEY_WIDTH, cy + 6.0, *c, pal);
                if *dotted {
                    dots(p, x, cy - 6.0, x + KEY_WIDTH, cy + 6.0, *c, pal);
                }
            }
            Key::Conflict(colors) => {
                conflict_bar(p, x, cy - 6.0, x + KEY_WIDTH, cy + 6.0, colors, pal)
            }
            Key::Marker(basis, light) => {
                marker(p, x + KEY_WIDTH / 2.0, cy, 4.5, *basis, *light, pal)
            }
            Key::Line(c, dash) => {
                let pattern = dash.pattern();
                let mut a = x;
                let mut i = 0;
                while a < x + KEY_WIDTH {
                    let len = pattern
                        .get(i % pattern.len().max(1))
                        .copied()
                        .unwrap_or(KEY_WIDTH);
                    if i % 2 == 0 {
                        p.rect(a, cy - 1.25, (a + len).min(x + KEY_WIDTH), cy + 1.25, *c);
                    }
                    a += len;
                    i += 1;
                }
            }
            Key::Blank => {}
            Key::Counts => {
                let c = mix(pal.ink, pal.background, 0.4);
                for (i, h) in [3.0, 6.0, 4.0, 2.0, 5.0, 3.0].iter().enumerate() {
                    let a = x + 1.0 + i as f64 * 3.0;
                    p.rect(a, cy + 4.0 - h, a + 3.0, cy + 4.0, c);
                }
            }
            Key::Fade(c) => {
                let (y0, y1) = (cy - 6.0, cy + 6.0);
                p.rect(x, y0, x + KEY_WIDTH, y1, *c);
                fade(p, x, y0, x + KEY_WIDTH * 0.7, y1, pal.track, *c);
            }
            Key::LightLine(c) => {
                let half = x + KEY_WIDTH / 2.0;
                p.rect(x, cy - 1.25, half, cy + 1.25, light(*c, pal));
                p.rect(half, cy - 1.25, x + KEY_WIDTH, cy + 1.25, *c);
            }
            Key::Range(c) => {
                p.rect(
                    x,
                    cy - 6.0,
                    x + KEY_WIDTH,
                    cy + 6.0,
                    mix(*c, pal.background, 0.72),
                );
                p.rect(x, cy - 3.5, x + KEY_WIDTH, cy - 2.5, *c);
                p.rect(x, cy + 2.5, x + KEY_WIDTH, cy + 3.5, *c);
            }
        }
        p.text(
            &placed.item.label,
            x + KEY_WIDTH + 6.0,
            y + 14.0,
            font,
            Align::Left,
            pal.text,
        );
        p.end();
    }
}

/// A fade from `from` at `x0` to `to` at `x1`, in at most 16 bands (the same drawing
/// calls for PNG and SVG): a start or an end not known to the day.
pub fn fade(p: &mut Painter, x0: f64, y0: f64, x1: f64, y1: f64, from: Color, to: Color) {
    let w = x1 - x0;
    if w <= 0.0 {
        return;
    }
    let steps = (w / 2.5).ceil().clamp(1.0, 16.0) as usize;
    for k in 0..steps {
        let a = x0 + w * k as f64 / steps as f64;
        let b = x0 + w * (k + 1) as f64 / steps as f64;
        let t = (k as f64 + 0.5) / steps as f64;
        p.rect(a, y0, b, y1, mix(from, to, t));
    }
}

/// A line's color, lighter: where its start or end is not known to the day.
pub fn light(c: Color, pal: &Palette) -> Color {
    mix(c, pal.background, 0.6)
}

/// The legend item that explains fades (`bar`, in lanes) or lighter lines (in scores),
/// when some segment shown has a start or end not known to the day.
pub fn inexact_item(chart: &Chart, bar: bool) -> Option<Item> {
    let ds = chart.ds;
    let any = chart.lanes.iter().any(|tl| {
        tl.segments.iter().any(|s| {
            !s.is_conflict()
                && chart.shows(s)
                && (s.inexact_start(ds).is_some() || s.inexact_end(ds).is_some())
        })
    });
    let c = mix(chart.palette.text, chart.palette.background, 0.35);
    let label = if bar {
        "Faded: start or end not known to the day"
    } else {
        "Fainter: start or end not known to the day"
    };
    any.then(|| Item {
        key: if bar { Key::Fade(c) } else { Key::LightLine(c) },
        label: label.into(),
        title: None,
    })
}

/// A stance-colored box, edged when its color would melt into the track.
pub fn swatch(p: &mut Painter, x0: f64, y0: f64, x1: f64, y1: f64, c: Color, pal: &Palette) {
    p.rect(x0, y0, x1, y1, c);
    edge(p, x0, y0, x1, y1, c, pal);
}

/// The edge of a stance-colored box whose color would melt into the track, if it would.
pub fn edge(p: &mut Painter, x0: f64, y0: f64, x1: f64, y1: f64, c: Color, pal: &Palette) {
    if let Some(edge) = style::edge_for(c, pal.track, pal.text)
        .or_else(|| style::edge_for(c, pal.background, pal.text))
    {
        p.frame(x0, y0, x1, y1, 1.0, edge);
    }
}

/// Dots over a bar of color `c`: the texture of a stance off the scale, so that it reads as
/// neither a scale color nor an empty track.
pub fn dots(p: &mut Painter, x0: f64, y0: f64, x1: f64, y1: f64, c: Color, pal: &Palette) {
    let (w, h) = (x1 - x0, y1 - y0);
    if w < 4.0 || h < 4.0 {
        return;
    }
    let dot = mix(c, pal.text, 0.45);
    let step = 4.0;
    let r = 0.8;
    let mut row = 0;
    let mut y = y0 + step / 2.0;
    while y < y1 - r {
        let mut x = x0 + if row % 2 == 0 { step / 2.0 } else { step };
        while x < x1 - r {
            p.circle(x, y, r, dot);
            x += step;
        }
        y += step;
        row += 1;
    }
}

/// A conflict: diagonal stripes of the stances held, framed in the conflict color. A run too
/// narrow for stripes gets one horizontal band per stance instead.
pub fn conflict_bar(
    p: &mut Painter,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    colors: &[Color],
    pal: &Palette,
) {
    let (w, h) = (x1 - x0, y1 - y0);
    let k = colors.len();
    if k == 0 || w <= 0.0 || h <= 0.0 {
        return;
    }
    if w < 6.0 || h < 4.0 {
        for (i, c) in colors.iter().enumerate() {
            let (a, b) = (i as f64 * h / k as f64, (i + 1) as f64 * h / k as f64);
            p.rect(x0, y0 + a, x1, y0 + b, *c);
        }
    } else {
        p.rect(x0, y0, x1, y1, colors[0]);
        // Stripes rising to the right: between the lines (x - x0) + (y - y0) = c and
        // c + STRIPE, clipped to the box.
        const STRIPE: f64 = 4.0;
        let mut i = 0usize;
        let mut c = 0.0;
        while c < w + h {
            let color = colors[i % k];
            if !i.is_multiple_of(k) {
                let band = [
                    (x0 + c, y0),
                    (x0 + c + STRIPE, y0),
                    (x0 + c + STRIPE - h, y1),
                    (x0 + c - h, y1),
                ];
                let clipped = clip_to_box(&band, x0, y0, x1, y1);
                p.polygon(&clipped, color);
            }
            i += 1;
            c += STRIPE;
        }
    }
    p.frame(
        x0,
        y0,
        x1,
        y1,
        1.5_f64.min(h / 4.0).min(w / 4.0),
        pal.conflict,
    );
}

/// A convex polygon clipped to a box (Sutherland–Hodgman).
fn clip_to_box(points: &[(f64, f64)], x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<(f64, f64)> {
    type Inside = fn(&(f64, f64), f64) -> bool;
    let edges: [(Inside, f64, bool); 4] = [
        (|p, v| p.0 >= v, x0, true),
        (|p, v| p.0 <= v, x1, true),
        (|p, v| p.1 >= v, y0, false),
        (|p, v| p.1 <= v, y1, false),
    ];
    let mut poly = points.to_vec();
    for (inside, v, vertical) in edges {
        if poly.is_empty() {
            break;
        }
        let input = std::mem::take(&mut poly);
        for (i, cur) in input.iter().enumerate() {
            let prev = input[(i + input.len() - 1) % input.len()];
            let cross = |a: (f64, f64), b: (f64, f64)| {
                if vertical {
                    let t = (v - a.0) / (b.0 - a.0);
                    (v, a.1 + t * (b.1 - a.1))
                } else {
                    let t = (v - a.1) / (b.1 - a.1);
                    (a.0 + t * (b.0 - a.0), v)
                }
            };
            match (inside(cur, v), inside(&prev, v)) {
                (true, true) => poly.push(*cur),
                (true, false) => {
                    poly.push(cross(prev, *cur));
                    poly.push(*cur);
                }
                (false, true) => poly.push(cross(prev, *cur)),
                (false, false) => {}
            }
        }
    }
    poly
}

/// An observation marker: filled circle for a statement, hollow circle for a report, hollow
/// diamond for an inference; paler when the date is uncertain or approximate.
pub fn marker(p: &mut Painter, x: f64, y: f64, r: f64, basis: Basis, light: bool, pal: &Palette) {
    let ink = if light {
        mix(pal.ink, pal.halo, 0.55)
    } else {
        pal.ink
    };
    let halo = 1.4;
    let stroke = (r * 0.38).max(1.0);
    match basis {
        Basis::Statement => {
            p.circle(x, y, r + halo, pal.halo);
            p.circle(x, y, r, ink);
        }
        Basis::Report => {
            p.circle(x, y, r + halo, pal.halo);
            p.circle(x, y, r, ink);
            p.circle(x, y, r - stroke, pal.halo);
        }
        Basis::Inference => {
            let d = r * 1.3;
            let diamond = |d: f64| [(x, y - d), (x + d, y), (x, y + d), (x - d, y)];
            p.polygon(&diamond(d + halo * 1.4), pal.halo);
            p.polygon(&diamond(d), ink);
            p.polygon(&diamond(d - stroke * 1.45), pal.halo);
        }
    }
}

/// A warning sign (a triangle with `!`) standing on `bottom`, centered on `x`.
pub fn warning(p: &mut Painter, x: f64, bottom: f64, size: f64, pal: &Palette) {
    let half = size * 0.62;
    let halo = 1.3;
    p.polygon(
        &[
            (x, bottom - size - halo * 1.8),
            (x + half + halo * 1.6, bottom + halo),
            (x - half - halo * 1.6, bottom + halo),
        ],
        pal.halo,
    );
    p.polygon(
        &[(x, bottom - size), (x + half, bottom), (x - half, bottom)],
        pal.conflict,
    );
    let w = (size * 0.14).max(0.8);
    p.rect(
        x - w / 2.0,
        bottom - size * 0.66,
        x + w / 2.0,
        bottom - size * 0.32,
        pal.halo,
    );
    p.rect(
        x - w / 2.0,
        bottom - size * 0.22,
        x + w / 2.0,
        bottom - size * 0.22 + w,
        pal.halo,
    );
}

/// The notes as `Note:` lines fitted to the image's width (at most three).
pub fn note_lines(notes: &[String], width: f64) -> Vec<String> {
    if notes.is_empty() {
        return Vec::new();
    }
    let note = format!("Note: {}.", notes.join("; "));
    Font::regular(style::FOOTER).wrap(&note, width - 2.0 * MARGIN, 3)
}

/// The height of the footer: the source line and `notes` note lines.
pub fn footer_height(notes: usize) -> f64 {
    26.0 + 16.0 * notes as f64
}

/// The footer at the bottom left: the source line (what the chart counts, and the files left
/// out), then the note lines. Where the source line is too long, the count is shortened, never
/// the files left out: without them the chart would pass for the whole record.
pub fn draw_footer(
    p: &mut Painter,
    chart: &Chart,
    notes: &[String],
    (width, height): (f64, f64),
    pal: &Palette,
) {
    let font = Font::regular(style::FOOTER);
    let mut baseline = height - MARGIN - 16.0 * notes.len() as f64;
    let room = width - 2.0 * MARGIN;
    let full = chart.footer_line();
    let source = match &chart.left_out {
        Some(left_out) if font.width(&full) > room => {
            let tail = format!("; {left_out}");
            font.fit(&chart.footer, room - font.width(&tail)) + &tail
        }
        _ => font.fit(&full, room),
    };
    p.text(&source, MARGIN, baseline, font, Align::Left, pal.muted);
    for line in notes {
        baseline += 16.0;
        p.text(line, MARGIN, baseline, font, Align::Left, pal.muted);
    }
}

/// The standard legend items for observation markers.
pub fn marker_items() -> Vec<Item> {
    vec![
        Item {
            key: Key::Marker(Basis::Statement, false),
            label: "Statement (own words)".into(),
            title: None,
        },
        Item {
            key: Key::Marker(Basis::Report, false),
            label: "Report".into(),
            title: None,
        },
        Item {
            key: Key::Marker(Basis::Inference, false),
            label: "Inference".into(),
            title: None,
        },
        Item {
            key: Key::Marker(Basis::Statement, true),
            label: "Paler: date uncertain or approximate".into(),
            title: None,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_a_stripe_to_the_box() {
        let band = [(5.0, 0.0), (9.0, 0.0), (-1.0, 10.0), (-5.0, 10.0)];
        let clipped = clip_to_box(&band, 0.0, 0.0, 20.0, 10.0);
        assert!(
            clipped
                .iter()
                .all(|&(x, y)| (0.0..=20.0).contains(&x) && (0.0..=10.0).contains(&y))
        );
        // The part right of x = 0: (5, 0), (9, 0), (0, 9), (0, 5).
        assert_eq!(clipped.len(), 4);
        assert!(clip_to_box(&band, 30.0, 0.0, 40.0, 10.0).is_empty());
    }
}
