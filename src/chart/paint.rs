//! A thin painter: logical pixels in, a bitmap (through plotters) or SVG text out.
//!
//! Charts are laid out in logical pixels (the size asked for). PNG is drawn at twice that
//! size and averaged down ([`downsample`]), which anti-aliases shapes and text alike. SVG is
//! written here, element by element, so that groups of marks can carry a `<title>` (the
//! tooltip with the evidence behind a bar or marker) and a link; a bitmap ignores groups. Text
//! is placed by its baseline on both.

use super::style::FAMILY;
use crate::model::ObservationId;
use crate::model::codebook::Color;
use plotters::backend::{BitMapBackend, DrawingBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBAColor};

/// The height of DejaVu Sans from descender to ascender, in em (hhea: (1901 + 483) / 2048).
/// plotters' `ab_glyph` engine takes that height as the font size.
const LINE_EM: f64 = 2384.0 / 2048.0;

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

    /// `text` shortened to fit `max` pixels by whole words, with an ellipsis: never cut in
    /// the middle of a word, unless its first word alone is too wide.
    pub fn fit_words(&self, text: &str, max: f64) -> String {
        if self.width(text) <= max {
            return text.to_string();
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        for n in (1..words.len()).rev() {
            let candidate = format!(
                "{}…",
                words[..n]
                    .join(" ")
                    .trim_end_matches([',', ';', ':', '/', '-', '–', '('])
                    .trim_end()
            );
            if self.width(&candidate) <= max {
                return candidate;
            }
        }
        self.fit(text, max)
    }

    /// `text` broken into lines of at most `max` pixels, at spaces, at most `lines` lines
    /// (the last one shortened by whole words, with an ellipsis, if needed).
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
        out.into_iter().map(|l| self.fit_words(&l, max)).collect()
    }
}

/// What a group of marks stands for, in the SVG: a class, a tooltip and a link.
#[derive(Debug, Clone, Copy)]
pub struct Mark<'t> {
    /// `segment`, `conflict`, `marker`, `label`...
    pub class: &'static str,
    /// The `<title>` (the tooltip), as plain text.
    pub title: &'t str,
    /// A link for the whole group.
    pub href: Option<&'t str>,
    /// The party's id, as `data-party`.
    pub party: Option<&'t str>,
    /// The stance ids it shows (several for a conflict), as `data-stance`.
    pub stances: &'t [&'t str],
    /// The segment it draws (its index in the party's timeline), as `data-segment` in an
    /// interactive SVG: a report links the mark to that segment's evidence.
    pub segment: Option<usize>,
    /// The observations behind a marker, as `data-evidence="o3 o7"` in an interactive SVG.
    pub evidence: &'t [ObservationId],
}

/// Draws in logical pixels, on a bitmap through plotters, or as SVG text; keeps the first
/// error. Groups of marks ([`Painter::begin`]) carry a tooltip and a link in SVG and are
/// nothing in a bitmap.
pub struct Painter<'a> {
    target: Target<'a>,
    error: Option<String>,
}

enum Target<'a> {
    Bitmap {
        db: BitMapBackend<'a>,
        /// Backend pixels per logical pixel.
        k: f64,
    },
    Svg(Svg),
}

fn rgba(c: Color) -> RGBAColor {
    RGBAColor(c.0, c.1, c.2, 1.0)
}

impl<'a> Painter<'a> {
    /// A painter on an RGB buffer of `w`×`h` backend pixels, `k` per logical pixel.
    pub fn bitmap(buffer: &'a mut [u8], w: u32, h: u32, k: f64) -> Self {
        Painter {
            target: Target::Bitmap {
                db: BitMapBackend::with_buffer(buffer, (w, h)),
                k,
            },
            error: None,
        }
    }

    /// A painter writing an SVG document of `w`×`h`, with `title` and `desc` for assistive
    /// technology (and as the root's tooltip). With an `id` (for a page that holds several
    /// charts), the SVG is interactive: its ids start with it, and marks that stand for
    /// evidence are focusable, named and linked to it (see [`Svg::begin`]).
    pub fn svg(w: u32, h: u32, title: &str, desc: &str, id: Option<&str>) -> Self {
        Painter {
            target: Target::Svg(Svg::new(w, h, title, desc, id)),
            error: None,
        }
    }

    /// Whether groups are kept: tooltips are worth building only then.
    pub fn keeps_groups(&self) -> bool {
        matches!(self.target, Target::Svg(_))
    }

    /// Start a group of marks; [`Painter::end`] closes it.
    pub fn begin(&mut self, mark: Mark) {
        if let Target::Svg(svg) = &mut self.target {
            svg.begin(mark);
        }
    }

    pub fn end(&mut self) {
        if let Target::Svg(svg) = &mut self.target {
            svg.end();
        }
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
        match &mut self.target {
            Target::Svg(svg) => svg.rect(x0.max(0.0), y0, x1, y1, c),
            Target::Bitmap { db, k } => {
                let px = |v: f64| (v * *k).round() as i32;
                let (a, mut b) = (px(x0).max(0), px(x1));
                if b <= a {
                    b = a + 1;
                }
                let (c0, mut d) = (px(y0), px(y1));
                if d <= c0 {
                    d = c0 + 1;
                }
                let r = db.draw_rect((a, c0), (b, d), &rgba(c), true);
                self.keep(r);
            }
        }
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
        match &mut self.target {
            Target::Svg(svg) => svg.circle(cx, cy, r, c),
            Target::Bitmap { db, k } => {
                let radius = (r * *k).round().max(1.0) as u32;
                let center = ((cx * *k).round() as i32, (cy * *k).round() as i32);
                let res = db.draw_circle(center, radius, &rgba(c), true);
                self.keep(res);
            }
        }
    }

    pub fn polygon(&mut self, points: &[(f64, f64)], c: Color) {
        if self.error.is_some() || points.len() < 3 {
            return;
        }
        match &mut self.target {
            Target::Svg(svg) => svg.polygon(points, c),
            Target::Bitmap { db, k } => {
                let pts: Vec<(i32, i32)> = points
                    .iter()
                    .map(|&(x, y)| ((x * *k).round() as i32, (y * *k).round() as i32))
                    .collect();
                let res = db.fill_polygon(pts, &rgba(c));
                self.keep(res);
            }
        }
    }

    /// Text with its baseline at `baseline`, aligned on `x`.
    pub fn text(&mut self, text: &str, x: f64, baseline: f64, font: Font, align: Align, c: Color) {
        if self.error.is_some() || text.is_empty() {
            return;
        }
        match &mut self.target {
            Target::Svg(svg) => svg.text(text, x, baseline, font, align, c),
            Target::Bitmap { db, k } => {
                let size = font.size * *k * LINE_EM;
                // plotters' ab_glyph engine puts the baseline half the size below the top.
                let top = baseline * *k - size / 2.0;
                let h = match align {
                    Align::Left => HPos::Left,
                    Align::Center => HPos::Center,
                    Align::Right => HPos::Right,
                };
                let style = FontDesc::new(FontFamily::Name(FAMILY), size, font.style())
                    .color(&rgba(c))
                    .pos(Pos::new(h, VPos::Top));
                let res = db.draw_text(text, &style, ((x * *k).round() as i32, top.round() as i32));
                self.keep(res);
            }
        }
    }

    /// Finish a bitmap (its pixels are in the buffer) or return the SVG document.
    pub fn finish(self) -> Result<Option<String>, String> {
        if let Some(e) = self.error {
            return Err(e);
        }
        match self.target {
            Target::Svg(svg) => Ok(Some(svg.finish())),
            Target::Bitmap { mut db, .. } => {
                db.present().map_err(|e| e.to_string())?;
                Ok(None)
            }
        }
    }
}

/// An SVG document being written: shapes with their fill, text with its font, groups.
struct Svg {
    out: String,
    /// Open groups: whether each is inside a link.
    open: Vec<bool>,
    /// Whether marks that stand for evidence are focusable and linked to it.
    interactive: bool,
}

/// A coordinate or length as SVG text: at most two decimals, no trailing zeros.
fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Text with `&`, `<`, `>` and quotes escaped, for content and attribute values alike; control
/// characters other than tab and line ends, which XML does not allow, are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

impl Svg {
    fn new(w: u32, h: u32, title: &str, desc: &str, id: Option<&str>) -> Svg {
        let mut out = String::with_capacity(16 * 1024);
        // A standalone chart is one image; in a page, a group whose marks can be reached.
        let (root, role, p) = match id {
            None => (String::new(), "img", "chart"),
            Some(id) => (format!(" id=\"{}\"", escape(id)), "group", id),
        };
        let p = escape(p);
        out.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"{root} width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" role=\"{role}\" aria-labelledby=\"{p}-title {p}-desc\">\n\
             <title id=\"{p}-title\">{}</title>\n<desc id=\"{p}-desc\">{}</desc>\n",
            escape(title),
            escape(desc)
        ));
        Svg {
            out,
            open: Vec::new(),
            interactive: id.is_some(),
        }
    }

    /// Open a group. In an interactive SVG, a mark that stands for evidence also gets
    /// `data-segment` or `data-evidence`, `tabindex="0"`, `role="button"` and an `aria-label`
    /// (the first two lines of its title); its link, if any, leaves the tab order to it.
    fn begin(&mut self, mark: Mark) {
        let interactive = self.interactive && (mark.segment.is_some() || !mark.evidence.is_empty());
        if let Some(href) = mark.href {
            let tab = if interactive { " tabindex=\"-1\"" } else { "" };
            self.out.push_str(&format!(
                "<a href=\"{}\" target=\"_blank\"{tab}>",
                escape(href)
            ));
        }
        self.out.push_str(&format!("<g class=\"{}\"", mark.class));
        if let Some(party) = mark.party {
            self.out
                .push_str(&format!(" data-party=\"{}\"", escape(party)));
        }
        if !mark.stances.is_empty() {
            self.out.push_str(&format!(
                " data-stance=\"{}\"",
                escape(&mark.stances.join(" "))
            ));
        }
        if interactive {
            if let Some(seg) = mark.segment {
                self.out.push_str(&format!(" data-segment=\"{seg}\""));
            }
            if !mark.evidence.is_empty() {
                let ids: Vec<String> = mark
                    .evidence
                    .iter()
                    .map(|o| format!("o{}", o.index()))
                    .collect();
                self.out
                    .push_str(&format!(" data-evidence=\"{}\"", ids.join(" ")));
            }
            let label: Vec<&str> = mark.title.lines().take(2).collect();
            self.out.push_str(&format!(
                " tabindex=\"0\" role=\"button\" aria-label=\"{}\"",
                escape(&label.join(", "))
            ));
        }
        self.out
            .push_str(&format!("><title>{}</title>\n", escape(mark.title)));
        self.open.push(mark.href.is_some());
    }

    fn end(&mut self) {
        if let Some(link) = self.open.pop() {
            self.out
                .push_str(if link { "</g></a>\n" } else { "</g>\n" });
        }
    }

    fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: Color) {
        self.out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
            num(x0),
            num(y0),
            num(x1 - x0),
            num(y1 - y0),
            c.hex()
        ));
    }

    fn circle(&mut self, cx: f64, cy: f64, r: f64, c: Color) {
        self.out.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>\n",
            num(cx),
            num(cy),
            num(r),
            c.hex()
        ));
    }

    fn polygon(&mut self, points: &[(f64, f64)], c: Color) {
        let pts: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{},{}", num(x), num(y)))
            .collect();
        self.out.push_str(&format!(
            "<polygon points=\"{}\" fill=\"{}\"/>\n",
            pts.join(" "),
            c.hex()
        ));
    }

    fn text(&mut self, text: &str, x: f64, baseline: f64, font: Font, align: Align, c: Color) {
        let anchor = match align {
            Align::Left => "start",
            Align::Center => "middle",
            Align::Right => "end",
        };
        let weight = if font.bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        self.out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-family=\"{FAMILY}\" font-size=\"{}\"{weight} \
             text-anchor=\"{anchor}\" fill=\"{}\">{}</text>\n",
            num(x),
            num(baseline),
            num(font.size),
            c.hex(),
            escape(text)
        ));
    }

    fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.end();
        }
        self.out.push_str("</svg>\n");
        self.out
    }
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
        let words = f.fit_words("Palestine Liberation Organization", 150.0);
        assert_eq!(words, "Palestine Liberation…");
        assert!(f.width(&words) <= 150.0);
        let lines = f.wrap("one two three four five six seven", 60.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| f.width(l) <= 60.0));
    }

    #[test]
    fn numbers_and_text_print_short_and_safe() {
        assert_eq!(num(13.0), "13");
        assert_eq!(num(10.4 * 0.8), "8.32");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>\u{7}"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn interactive_svg_links_marks_to_their_evidence() {
        let ids = [ObservationId::new(3), ObservationId::new(7)];
        let mark = |segment, evidence, href| Mark {
            class: "marker",
            title: "A: B, held 2009\n“q”\nreport",
            href,
            party: Some("a"),
            stances: &["b"],
            segment,
            evidence,
        };
        let draw = |id: Option<&str>| {
            let mut p = Painter::svg(10, 10, "T", "D", id);
            p.begin(mark(None, &ids, Some("https://x.org/")));
            p.end();
            p.begin(mark(Some(2), &[], None));
            p.end();
            p.begin(mark(None, &[], None));
            p.end();
            p.finish().unwrap().unwrap()
        };
        // A chart of its own: one image, no focusable marks.
        let own = draw(None);
        assert!(own.contains("role=\"img\" aria-labelledby=\"chart-title chart-desc\""));
        assert!(
            !own.contains("tabindex") && !own.contains("data-evidence"),
            "{own}"
        );
        let page = draw(Some("lanes"));
        assert!(page.contains(" id=\"lanes\" width=\"10\""), "{page}");
        assert!(page.contains("role=\"group\" aria-labelledby=\"lanes-title lanes-desc\""));
        assert!(page.contains("<title id=\"lanes-title\">T</title>"));
        assert!(page.contains(
            "<a href=\"https://x.org/\" target=\"_blank\" tabindex=\"-1\"><g class=\"marker\" \
             data-party=\"a\" data-stance=\"b\" data-evidence=\"o3 o7\" tabindex=\"0\" \
             role=\"button\" aria-label=\"A: B, held 2009, “q”\"><title>"
        ));
        assert!(page.contains("data-stance=\"b\" data-segment=\"2\" tabindex=\"0\""));
        // A mark that stands for no evidence stays out of the tab order.
        assert_eq!(page.matches("tabindex=\"0\"").count(), 2);
    }

    #[test]
    fn downsamples_by_averaging() {
        let src = [0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255];
        assert_eq!(downsample(&src, 2, 2, 2), vec![191, 191, 191]);
    }
}
