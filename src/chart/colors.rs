//! The colors a chart draws with, chosen once per codebook and theme: the codebook's own
//! colors where it gives them, chosen ones where it does not, adjusted for the dark theme.
//!
//! - A scored stance without a color takes its place on a ramp that follows the scores:
//!   diverging (two hues meeting at a light, tinted middle) when the scores lie on both sides
//!   of zero, sequential (one path from light to dark through several hues) otherwise.
//! - A stance off the axis without a color takes a muted, warm hue that is on neither ramp,
//!   and its bars are dotted, so that it reads as "off the scale", not as "no data". In a
//!   codebook without any score, there is no scale: such stances take qualitative colors.
//! - A party without a color takes the first color of a colour-blind-safe qualitative list
//!   that is at least [`DISTINCT`] (CIEDE2000) from every other party's color; past the list, a
//!   color again with a second cue: a dash pattern for its line.
//! - In the dark theme every mark keeps a contrast of at least 3:1 against the background and
//!   the track (WCAG's non-text contrast), lightened where it must be.

use super::style::Palette;
use crate::color::{Color, DISTINCT, Lab, ciede2000, contrast};
use crate::model::codebook::Codebook;
use crate::model::{PartyId, StanceId};

/// The least contrast of a mark against the dark theme's background and track.
const DARK_CONTRAST: f64 = 3.0;

/// Colour-blind-safe qualitative colors (Okabe and Ito's, then Paul Tol's muted scheme),
/// without black and yellow, which read as ink and vanish on white.
const PARTY_COLORS: [Color; 15] = [
    Color(0x00, 0x72, 0xb2),
    Color(0xe6, 0x9f, 0x00),
    Color(0x00, 0x9e, 0x73),
    Color(0xcc, 0x79, 0xa7),
    Color(0x56, 0xb4, 0xe9),
    Color(0xd5, 0x5e, 0x00),
    Color(0x33, 0x22, 0x88),
    Color(0x11, 0x77, 0x33),
    Color(0x88, 0x22, 0x55),
    Color(0x44, 0xaa, 0x99),
    Color(0x99, 0x99, 0x33),
    Color(0xaa, 0x44, 0x99),
    Color(0xdd, 0xcc, 0x77),
    Color(0x88, 0xcc, 0xee),
    Color(0xcc, 0x66, 0x77),
];

/// Muted warm hues for stances off the axis, far from both ramps.
const OFF_AXIS_COLORS: [Color; 4] = [
    Color(0xa6, 0x8a, 0x64),
    Color(0x9c, 0x7a, 0x9c),
    Color(0x7d, 0x8c, 0x6a),
    Color(0xb0, 0x80, 0x80),
];

/// A line's dash pattern: a second cue for parties past the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
    LongShort,
}

impl Dash {
    /// Drawn and blank lengths along the line, in pixels at line width 1 (scaled by width).
    pub fn pattern(self) -> &'static [f64] {
        match self {
            Dash::Solid => &[],
            Dash::Dashed => &[7.0, 4.0],
            Dash::Dotted => &[2.0, 3.0],
            Dash::LongShort => &[10.0, 3.0, 3.0, 3.0],
        }
    }
}

/// The colors of one chart's stances and parties.
#[derive(Debug, Clone, PartialEq)]
pub struct Colors {
    stances: Vec<Color>,
    /// Stances whose bars are dotted: off the axis and colored by the chart.
    dotted: Vec<bool>,
    parties: Vec<(Color, Dash)>,
}

impl Colors {
    pub fn new(cb: &Codebook, pal: &Palette) -> Colors {
        let dark = pal.dark;
        let fit = |c: Color| if dark { for_dark(c, pal) } else { c };
        let ok = |c: Color| !dark || dark_enough(c, pal);
        let (stances, dotted) = stance_colors(cb, dark, &fit, &ok);
        let parties = party_colors(cb, &fit);
        Colors {
            stances,
            dotted,
            parties,
        }
    }

    pub fn stance(&self, s: StanceId) -> Color {
        self.stances[s.index()]
    }

    /// Whether a stance's bars are dotted (off the axis, no color in the codebook).
    pub fn dotted(&self, s: StanceId) -> bool {
        self.dotted[s.index()]
    }

    pub fn party(&self, p: PartyId) -> Color {
        self.parties[p.index()].0
    }

    pub fn dash(&self, p: PartyId) -> Dash {
        self.parties[p.index()].1
    }
}

/// Whether a mark of color `c` has [`DARK_CONTRAST`] against the dark background and track.
fn dark_enough(c: Color, pal: &Palette) -> bool {
    contrast(c, pal.background) >= DARK_CONTRAST && contrast(c, pal.track) >= DARK_CONTRAST
}

/// `c` lightened (in CIELAB, hue and chroma kept) until it has [`DARK_CONTRAST`] against the
/// dark background and the track.
pub fn for_dark(c: Color, pal: &Palette) -> Color {
    let ok = |c: Color| dark_enough(c, pal);
    if ok(c) {
        return c;
    }
    let lab = c.lab();
    let (mut lo, mut hi) = (lab.l, 100.0);
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if ok(Color::from_lab(Lab { l: mid, ..lab })) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Color::from_lab(Lab { l: hi, ..lab })
}

/// A color from lightness, chroma and hue (degrees).
fn lch(l: f64, c: f64, h: f64) -> Color {
    let h = h.to_radians();
    Color::from_lab(Lab {
        l,
        a: c * h.cos(),
        b: c * h.sin(),
    })
}

/// Linear interpolation.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t
}

/// The diverging ramp at `t` in -1..=1: red-orange below zero, blue above, a light lavender
/// in the middle (not grey, which reads as no data). In the dark theme the ends are lighter.
fn diverging(t: f64, dark: bool) -> Color {
    let (end_l, near_l, mid_l) = if dark {
        (44.0, 91.0, 95.0)
    } else {
        (30.0, 78.0, 88.0)
    };
    let u = t.abs();
    if u < 1e-9 {
        return lch(mid_l, 12.0, 300.0);
    }
    // Each arm turns in hue as it darkens, so that neighbouring steps differ in more than
    // lightness: orange to red below zero, cyan to blue above.
    let (near_h, end_h) = if t < 0.0 {
        (65.0, 28.0)
    } else {
        (215.0, 268.0)
    };
    lch(
        lerp(near_l, end_l, u),
        lerp(38.0, 62.0, u),
        lerp(near_h, end_h, u),
    )
}

/// The sequential ramp at `t` in 0..=1: light yellow-green to dark violet, through green and
/// blue (a viridis-like path, perceptually ordered and colour-blind-safe).
fn sequential(t: f64, dark: bool) -> Color {
    let (l0, l1) = if dark { (95.0, 42.0) } else { (90.0, 28.0) };
    lch(lerp(l0, l1, t), lerp(55.0, 50.0, t), lerp(105.0, 310.0, t))
}

/// Every stance's color, and which are dotted.
fn stance_colors(
    cb: &Codebook,
    dark: bool,
    fit: &dyn Fn(Color) -> Color,
    ok: &dyn Fn(Color) -> bool,
) -> (Vec<Color>, Vec<bool>) {
    let scores: Vec<f64> = cb.stances().iter().filter_map(|s| s.score).collect();
    let lo = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let place = |score: f64| -> Color {
        if lo < 0.0 && hi > 0.0 {
            let t = if score < 0.0 { -score / lo } else { score / hi };
            diverging(t, dark)
        } else if hi > lo {
            sequential((score - lo) / (hi - lo), dark)
        } else {
            sequential(0.6, dark)
        }
    };
    let mut colors: Vec<Option<Color>> = cb.stances().iter().map(|s| s.color.map(fit)).collect();
    let mut dotted = vec![false; colors.len()];
    let mut off = 0;
    for (i, s) in cb.stances().iter().enumerate() {
        if colors[i].is_some() {
            continue;
        }
        let chosen = match s.score {
            Some(score) if between(cb, score).is_some() => between(cb, score).unwrap_or_default(),
            Some(score) => {
                // Stances sharing a score get the ramp's color a step lighter or darker each.
                let base = place(score);
                let twins = cb.stances()[..i]
                    .iter()
                    .filter(|o| o.score == Some(score) && o.color.is_none())
                    .count();
                shade(base, twins)
            }
            // Without any score there is no scale to be off: plain qualitative colors.
            None if scores.is_empty() => {
                let c = PARTY_COLORS[off % PARTY_COLORS.len()];
                off += 1;
                c
            }
            None => {
                dotted[i] = true;
                let c = OFF_AXIS_COLORS[off % OFF_AXIS_COLORS.len()];
                off += 1;
                c
            }
        };
        let others: Vec<Color> = colors.iter().flatten().copied().collect();
        colors[i] = Some(apart(fit(chosen), &others, ok));
    }
    (
        colors.into_iter().map(|c| c.unwrap_or_default()).collect(),
        dotted,
    )
}

/// `c`, or the variant of it nearest to it (lighter or darker, more or less saturated, a
/// little turned in hue) that is at least [`DISTINCT`] from every color of `others` and
/// passes `ok` (the dark theme's contrast): no two legend entries look alike.
fn apart(c: Color, others: &[Color], ok: &dyn Fn(Color) -> bool) -> Color {
    let far = |v: Color| others.iter().all(|&o| ciede2000(v, o) >= DISTINCT);
    if far(c) && ok(c) {
        return c;
    }
    let lab = c.lab();
    let (chroma, hue) = (lab.a.hypot(lab.b), lab.b.atan2(lab.a).to_degrees());
    let mut best: Option<(f64, Color)> = None;
    for dl in -10..=10 {
        let l = lab.l + 4.0 * dl as f64;
        if !(3.0..=97.0).contains(&l) {
            continue;
        }
        for scale in [1.0, 0.75, 1.3, 0.5, 1.6] {
            for turn in [0.0, -15.0, 15.0, -30.0, 30.0] {
                let v = lch(l, chroma * scale, hue + turn);
                if far(v) && ok(v) {
                    let d = ciede2000(c, v);
                    if best.is_none_or(|b| d < b.0) {
                        best = Some((d, v));
                    }
                }
            }
        }
    }
    best.map_or(c, |b| b.1)
}

/// For a score between two stances the codebook colors (the nearest below and above it),
/// their colors mixed in CIELAB in proportion: the ramp the codebook itself sets.
fn between(cb: &Codebook, score: f64) -> Option<Color> {
    let colored = || {
        cb.stances()
            .iter()
            .filter_map(|s| Some((s.score?, s.color?)))
    };
    let below = colored()
        .filter(|&(x, _)| x < score)
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    let above = colored()
        .filter(|&(x, _)| x > score)
        .min_by(|a, b| a.0.total_cmp(&b.0))?;
    let t = (score - below.0) / (above.0 - below.0);
    let (p, q) = (below.1.lab(), above.1.lab());
    Some(Color::from_lab(Lab {
        l: lerp(p.l, q.l, t),
        a: lerp(p.a, q.a, t),
        b: lerp(p.b, q.b, t),
    }))
}

/// The `n`th variant of a color for stances that share a score: alternately darker and
/// lighter by 14 L* steps.
fn shade(c: Color, n: usize) -> Color {
    if n == 0 {
        return c;
    }
    let lab = c.lab();
    let step = 14.0 * n.div_ceil(2) as f64;
    let l = if n % 2 == 1 {
        lab.l - step
    } else {
        lab.l + step
    };
    Color::from_lab(Lab {
        l: l.clamp(5.0, 97.0),
        ..lab
    })
}

/// Every party's color and dash: the codebook's, or the first listed color far enough from
/// every other party's; past the list, the farthest one with the next dash pattern.
fn party_colors(cb: &Codebook, fit: &dyn Fn(Color) -> Color) -> Vec<(Color, Dash)> {
    let given: Vec<Option<Color>> = cb.parties().iter().map(|p| p.color.map(fit)).collect();
    let mut used: Vec<(Color, Dash)> = given.iter().flatten().map(|&c| (c, Dash::Solid)).collect();
    let candidates: Vec<Color> = PARTY_COLORS.iter().map(|&c| fit(c)).collect();
    let mut out = Vec::with_capacity(given.len());
    for g in given {
        if let Some(c) = g {
            out.push((c, Dash::Solid));
            continue;
        }
        let distance = |c: Color, dash: Dash| {
            used.iter()
                .filter(|u| u.1 == dash)
                .map(|u| ciede2000(c, u.0))
                .fold(f64::INFINITY, f64::min)
        };
        // The first color far from all others, as far as the list allows: lines of two
        // oranges 11 apart pass the test and still look alike.
        let mut choice = None;
        'search: for dash in [Dash::Solid, Dash::Dashed, Dash::Dotted, Dash::LongShort] {
            for least in [25.0, 20.0, 15.0, DISTINCT] {
                if let Some(&c) = candidates.iter().find(|&&c| distance(c, dash) >= least) {
                    choice = Some((c, dash));
                    break 'search;
                }
            }
        }
        // More parties than four patterns of the list: the farthest solid color.
        let pick = choice.unwrap_or_else(|| {
            let c = candidates
                .iter()
                .copied()
                .max_by(|a, b| distance(*a, Dash::Solid).total_cmp(&distance(*b, Dash::Solid)))
                .unwrap_or_default();
            (c, Dash::Solid)
        });
        used.push(pick);
        out.push(pick);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::style::{DARK, LIGHT};

    #[test]
    fn ramps_are_ordered_and_distinct() {
        // Nine steps of each ramp, as a codebook of nine scored stances gets them.
        for pal in [LIGHT, DARK] {
            let fit = |c: Color| if pal.dark { for_dark(c, &pal) } else { c };
            let seq: Vec<Color> = (0..9)
                .map(|i| fit(sequential(i as f64 / 8.0, pal.dark)))
                .collect();
            for w in seq.windows(2) {
                assert!(w[0].lab().l > w[1].lab().l, "{w:?}");
                assert!(ciede2000(w[0], w[1]) >= DISTINCT, "{w:?}");
            }
            let div: Vec<Color> = (-4..=4)
                .map(|i| fit(diverging(i as f64 / 4.0, pal.dark)))
                .collect();
            for w in div.windows(2) {
                assert!(ciede2000(w[0], w[1]) >= DISTINCT, "{w:?}");
            }
            for c in seq.iter().chain(&div) {
                assert!(ciede2000(*c, pal.track) >= DISTINCT, "{c:?} on {pal:?}");
                assert!(
                    ciede2000(*c, pal.background) >= DISTINCT,
                    "{c:?} on {pal:?}"
                );
            }
        }
    }

    fn codebook(parties: &[Option<Color>], stances: &[(Option<f64>, Option<Color>)]) -> Codebook {
        use crate::model::codebook::{Party, Stance};
        Codebook::new(
            "Q?".into(),
            stances
                .iter()
                .enumerate()
                .map(|(i, &(score, color))| Stance {
                    id: format!("s{i}"),
                    label: format!("S{i}"),
                    score,
                    short: None,
                    color,
                    description: None,
                })
                .collect(),
            parties
                .iter()
                .enumerate()
                .map(|(i, &color)| Party {
                    id: format!("p{i}"),
                    name: format!("P{i}"),
                    short: None,
                    aliases: vec![],
                    color,
                })
                .collect(),
            vec![],
        )
    }

    #[test]
    fn parties_get_distinct_colors_and_a_dash_past_the_list() {
        // Two given colors, then twenty parties without: none may look like another with
        // the same dash, and the given ones are kept.
        let red = Color(0xd6, 0x27, 0x28);
        let blue = Color(0x1f, 0x77, 0xb4);
        let mut given = vec![Some(red), Some(blue)];
        given.extend(std::iter::repeat_n(None, 20));
        for pal in [LIGHT, DARK] {
            let colors = Colors::new(&codebook(&given, &[(Some(0.0), None)]), &pal);
            let all: Vec<(Color, Dash)> = (0..given.len())
                .map(|i| {
                    let p = PartyId::new(i);
                    (colors.party(p), colors.dash(p))
                })
                .collect();
            if !pal.dark {
                assert_eq!(all[0], (red, Dash::Solid));
                assert_eq!(all[1], (blue, Dash::Solid));
            }
            for (i, a) in all.iter().enumerate() {
                for b in &all[..i] {
                    if a.1 == b.1 {
                        assert!(ciede2000(a.0, b.0) >= DISTINCT, "{a:?} {b:?} on {pal:?}");
                    }
                }
            }
            assert!(all.iter().any(|c| c.1 != Dash::Solid), "{all:?}");
            assert_eq!(all[2].1, Dash::Solid);
        }
    }

    #[test]
    fn stances_follow_their_scores_and_stay_apart() {
        // Scores on both sides of zero: a diverging ramp, lightest at zero; an uncolored
        // stance between two colored ones takes their mix; an off-axis one is dotted.
        let cb = codebook(
            &[None],
            &[
                (Some(-2.0), None),
                (Some(-1.0), None),
                (Some(0.0), None),
                (Some(1.0), Some(Color(0x67, 0xa9, 0xcf))),
                (Some(2.0), None),
                (Some(3.0), Some(Color(0x05, 0x30, 0x61))),
                (None, None),
            ],
        );
        let c = Colors::new(&cb, &LIGHT);
        let s = |i| c.stance(StanceId::new(i));
        assert!(s(2).lab().l > s(1).lab().l && s(1).lab().l > s(0).lab().l);
        let (p, q, m) = (s(3).lab(), s(5).lab(), s(4).lab());
        assert!((m.l - (p.l + q.l) / 2.0).abs() < 1.0, "{m:?}");
        assert!(c.dotted(StanceId::new(6)) && !c.dotted(StanceId::new(0)));
        for i in 0..7 {
            for j in 0..i {
                assert!(ciede2000(s(i), s(j)) >= DISTINCT, "{i} {j}");
            }
        }
        // Two uncolored stances at one score between the same colored ones: one mix, moved
        // apart.
        let twins = codebook(
            &[None],
            &[
                (Some(1.0), Some(Color(0x44, 0x01, 0x54))),
                (Some(2.0), None),
                (Some(2.0), None),
                (Some(3.0), Some(Color(0x21, 0x91, 0x8c))),
            ],
        );
        let c = Colors::new(&twins, &LIGHT);
        let (a, b) = (c.stance(StanceId::new(1)), c.stance(StanceId::new(2)));
        assert!(ciede2000(a, b) >= DISTINCT, "{a:?} {b:?}");
        // No score at all: nothing is off a scale, nothing dotted.
        let flat = codebook(&[None], &[(None, None), (None, None)]);
        let c = Colors::new(&flat, &LIGHT);
        assert!(!c.dotted(StanceId::new(0)) && !c.dotted(StanceId::new(1)));
    }

    #[test]
    fn dark_marks_keep_their_contrast() {
        for c in PARTY_COLORS.iter().chain(&OFF_AXIS_COLORS) {
            let d = for_dark(*c, &DARK);
            assert!(
                contrast(d, DARK.background) >= DARK_CONTRAST,
                "{c:?} -> {d:?}"
            );
            assert!(contrast(d, DARK.track) >= DARK_CONTRAST, "{c:?} -> {d:?}");
        }
        let light = Color(0x88, 0xcc, 0xee);
        assert_eq!(for_dark(light, &DARK), light);
    }
}
