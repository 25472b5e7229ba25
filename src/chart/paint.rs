//! A thin painter over plotters' drawing backends: logical pixels in, backend pixels out.
//!
//! Charts are laid out in logical pixels (the size asked for). PNG is drawn at twice that
//! size and averaged down ([`downsample`]), which anti-aliases shapes and text alike; SVG is
//! drawn at scale 1. Text is placed by its baseline, the same way on both backends (plotters
//! anchors the top of text differently in its bitmap and SVG backends).

use super::style::FAMILY;
use crate::model::codebook::Color;
use plotters::backend::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBAColor};

/// The height of DejaVu Sans from descender to ascender, in em (hhea: (1901 + 483) / 2048).
/// plotters' `ab_glyph` engine takes that height as the font size.
const LINE_EM: f64 = 2384.0 / 2048.0;

/// The size plotters' SVG backend divides by to get a CSS `font-size`.
const SVG_SIZE: f64 = 1.24;

/// How far below the top of the text plotters' SVG backend puts the baseline (`dy`), in em.
const SVG_DY: f64 = 0.76;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A text's font.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    /// One em, in logical pixels.
    pub size: f64,
    pub bold: bool,
}

impl Font {
    pub const fn regular(size: f64) -> Font {
        Font { size, bold: false }
    }

    pub const fn bold(size: f64) -> Font {
        Font { size, bold: true }
    }

    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }

    /// The advance width of `text`, in logical pixels (measured with the embedded font).
    pub fn width(&self, text: &str) -> f64 {
        const REFERENCE: f64 = 1000.0;
        let desc = FontDesc::new(FontFamily::Name(FAMILY), REFERENCE * LINE_EM, self.style());
        match desc.box_size(text) {
            Ok((w, _)) => w as f64 * self.size / REFERENCE,
            // Fonts are registered before any chart is drawn; this is a rough fallback only.
            Err(_) => 0.6 * self.size * text.chars().count() as f64,
        }
    }

    /// `text`, shortened with an ellipsis to fit `max` pixels.
    pub fn fit(&self, text: &str, max: f64) -> String {
        if self.width(text) <= max {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        // The longest prefix that fits with the ellipsis (binary search: width grows with
        // the prefix).
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let candidate: String = chars[..mid].iter().collect::<String>() + "…";
            if self.width(&candidate) <= max {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let kept: String = chars[..lo].iter().collect();
        if kept.trim().is_empty() {
            String::new()
        } else {
            kept.trim_end().to_string() + "…"
        }
    }

    /// `text` broken into lines of at most `max` pixels, at spaces, at most `lines` lines
    /// (the last one shortened with an ellipsis if needed).
    pub fn wrap(&self, text: &str, max: f64, lines: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if current.is_empty() || self.width(&candidate) <= max {
                current = candidate;
            } else {
                out.push(std::mem::take(&mut current));
                current = word.to_string();
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
        if out.len() > lines.max(1) {
            let rest = out.split_off(lines.max(1) - 1).join(" ");
            out.push(rest);
        }
        out.into_iter().map(|l| self.fit(&l, max)).collect()
    }
}

/// Draws in logical pixels on a plotters backend, keeping the first error.
pub struct Painter<'a, DB: DrawingBackend> {
    db: &'a mut DB,
    /// Backend pixels per logical pixel.
    k: f64,
    svg: bool,
    error: Option<String>,
}

fn rgba(c: Color) -> RGBAColor {
    RGBAColor(c.0, c.1, c.2, 1.0)
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    pub fn new(db: &'a mut DB, k: f64, svg: bool) -> Self {
        Painter {
            db,
            k,
            svg,
            error: None,
        }
    }

    fn px(&self, v: f64) -> i32 {
        (v * self.k).round() as i32
    }

    fn keep<E: std::fmt::Display>(&mut self, r: Result<(), E>) {
        if let Err(e) = r {
            self.error.get_or_insert_with(|| e.to_string());
        }
    }

    /// A filled rectangle; never thinner than one backend pixel when it has any extent.
    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: Color) {
        if self.error.is_some() || x1 <= x0 || y1 <= y0 {
            return;
        }
        let (mut a, mut b) = (self.px(x0), self.px(x1));
        if b <= a {
            b = a + 1;
        }
        let (c0, mut d) = (self.px(y0), self.px(y1));
        if d <= c0 {
            d = c0 + 1;
        }
        if a < 0 {
            a = 0;
        }
        let r = self.db.draw_rect((a, c0), (b, d), &rgba(c), true);
        self.keep(r);
    }

    /// A rectangle's outline, `w` wide, drawn inside the rectangle.
    pub fn frame(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, w: f64, c: Color) {
        let w = w.min((x1 - x0) / 2.0).min((y1 - y0) / 2.0);
        if w <= 0.0 {
            return;
        }
        self.rect(x0, y0, x1, y0 + w, c);
        self.rect(x0, y1 - w, x1, y1, c);
        self.rect(x0, y0 + w, x0 + w, y1 - w, c);
        self.rect(x1 - w, y0 + w, x1, y1 - w, c);
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, c: Color) {
        if self.error.is_some() || r <= 0.0 {
            return;
        }
        let radius = (r * self.k).round().max(1.0) as u32;
        let center = (self.px(cx), self.px(cy));
        let res = self.db.draw_circle(center, radius, &rgba(c), true);
        self.keep(res);
    }

    pub fn polygon(&mut self, points: &[(f64, f64)], c: Color) {
        if self.error.is_some() || points.len() < 3 {
            return;
        }
        let pts: Vec<(i32, i32)> = points
            .iter()
            .map(|&(x, y)| (self.px(x), self.px(y)))
            .collect();
        let res = self.db.fill_polygon(pts, &rgba(c));
        self.keep(res);
    }

    /// Text with its baseline at `baseline`, aligned on `x`.
    pub fn text(&mut self, text: &str, x: f64, baseline: f64, font: Font, align: Align, c: Color) {
        if self.error.is_some() || text.is_empty() {
            return;
        }
        let em = font.size * self.k;
        let (size, top) = if self.svg {
            (svg_size(em), baseline * self.k - SVG_DY * em)
        } else {
            let size = em * LINE_EM;
            // plotters' ab_glyph engine puts the baseline half the size below the top.
            (size, baseline * self.k - size / 2.0)
        };
        let h = match align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        let style = FontDesc::new(FontFamily::Name(FAMILY), size, font.style())
            .color(&rgba(c))
            .pos(Pos::new(h, VPos::Top));
        let res = self.db.draw_text(
            text,
            &style,
            ((x * self.k).round() as i32, top.round() as i32),
        );
        self.keep(res);
    }

    pub fn finish(self) -> Result<(), String> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// The size to give plotters' SVG backend for a CSS `font-size` of about `em`: plotters
/// writes `size / 1.24`, and not every value is such a quotient (13 is not), so take the
/// nearest size in hundredths of a pixel that is, so that the SVG says `font-size="13.01"`
/// rather than `13.000000000000002`.
fn svg_size(em: f64) -> f64 {
    let exact = |target: f64| {
        let base = target * SVG_SIZE;
        (-4i64..=4)
            .map(|d| f64::from_bits(base.to_bits().wrapping_add_signed(d)))
            .find(|x| x / SVG_SIZE == target)
    };
    let hundredths = (em * 100.0).round();
    for step in 0..50 {
        for sign in [1.0, -1.0] {
            let target = (hundredths + sign * step as f64) / 100.0;
            if let Some(x) = exact(target) {
                return x;
            }
        }
    }
    em * SVG_SIZE
}

/// Average `k`×`k` blocks of an RGB image `w`×`h` (the large size) into one pixel each.
pub fn downsample(src: &[u8], w: usize, h: usize, k: usize) -> Vec<u8> {
    let (ow, oh) = (w / k, h / k);
    let mut out = vec![0u8; ow * oh * 3];
    let n = (k * k) as u32;
    let mut sums = vec![0u32; ow * 3];
    for oy in 0..oh {
        sums.iter_mut().for_each(|s| *s = 0);
        for dy in 0..k {
            let row = &src[(oy * k + dy) * w * 3..(oy * k + dy + 1) * w * 3];
            for (ox, sum) in sums.chunks_exact_mut(3).enumerate() {
                for dx in 0..k {
                    let p = (ox * k + dx) * 3;
                    sum[0] += row[p] as u32;
                    sum[1] += row[p + 1] as u32;
                    sum[2] += row[p + 2] as u32;
                }
            }
        }
        let dst = &mut out[oy * ow * 3..(oy + 1) * ow * 3];
        for (d, s) in dst.iter_mut().zip(&sums) {
            *d = ((s + n / 2) / n) as u8;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_fits_and_wraps() {
        super::super::style::register_fonts().unwrap();
        let f = Font::regular(12.0);
        let w = f.width("North Korea");
        assert!(w > 50.0 && w < 90.0, "{w}");
        assert!(Font::bold(12.0).width("North Korea") > w);
        assert_eq!(f.fit("North Korea", 1000.0), "North Korea");
        let short = f.fit("North Korea", 40.0);
        assert!(short.ends_with('…') && f.width(&short) <= 40.0, "{short}");
        assert_eq!(f.fit("North Korea", 1.0), "");
        let lines = f.wrap("one two three four five six seven", 60.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| f.width(l) <= 60.0));
    }

    #[test]
    fn svg_font_sizes_print_short() {
        for em in [11.5, 12.0, 19.0, 7.3] {
            assert_eq!(format!("{}", svg_size(em) / SVG_SIZE), format!("{em}"));
        }
        for em in [13.0, 26.0, 10.4 * 0.8] {
            let printed = format!("{}", svg_size(em) / SVG_SIZE);
            assert!(printed.len() <= 5, "{em}: {printed}");
            assert!(
                (printed.parse::<f64>().unwrap() - em).abs() <= 0.021,
                "{em}: {printed}"
            );
        }
    }

    #[test]
    fn downsamples_by_averaging() {
        let src = [0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255];
        assert_eq!(downsample(&src, 2, 2, 2), vec![191, 191, 191]);
    }
}
