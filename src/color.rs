//! sRGB colors and how people see them: CIELAB, the CIEDE2000 color difference, and WCAG
//! luminance and contrast. A leaf: imports nothing of the crate. The codebook carries colors,
//! `check` warns about colors readers cannot tell apart, and the charts choose and adjust them.

/// An sRGB color, 8 bits per channel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Color(pub u8, pub u8, pub u8);

/// Below this CIEDE2000 difference two colors of marks read as the same to many readers.
pub const DISTINCT: f64 = 10.0;

impl Color {
    /// Parse `#rrggbb`.
    pub fn parse(text: &str) -> Option<Color> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Color(c(0)?, c(2)?, c(4)?))
    }

    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// CIELAB (D65), L from 0 to 100.
    pub fn lab(self) -> Lab {
        let lin = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(self.0), lin(self.1), lin(self.2));
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        let z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
        let f = |t: f64| {
            if t > 216.0 / 24389.0 {
                t.cbrt()
            } else {
                (24389.0 / 27.0 * t + 16.0) / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        Lab {
            l: 116.0 * fy - 16.0,
            a: 500.0 * (fx - fy),
            b: 200.0 * (fy - fz),
        }
    }

    /// The sRGB color nearest to a CIELAB one (out-of-gamut channels clamped).
    pub fn from_lab(lab: Lab) -> Color {
        let fy = (lab.l + 16.0) / 116.0;
        let (fx, fz) = (fy + lab.a / 500.0, fy - lab.b / 200.0);
        let inv = |t: f64| {
            if t.powi(3) > 216.0 / 24389.0 {
                t.powi(3)
            } else {
                (116.0 * t - 16.0) * 27.0 / 24389.0
            }
        };
        let (x, y, z) = (inv(fx) * 0.95047, inv(fy), inv(fz) * 1.08883);
        let r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        let g = -0.969266 * x + 1.8760108 * y + 0.041556 * z;
        let b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        let gamma = |v: f64| {
            let v = v.clamp(0.0, 1.0);
            let s = if v <= 0.0031308 {
                12.92 * v
            } else {
                1.055 * v.powf(1.0 / 2.4) - 0.055
            };
            (s * 255.0).round().clamp(0.0, 255.0) as u8
        };
        Color(gamma(r), gamma(g), gamma(b))
    }

    /// WCAG relative luminance (0 black, 1 white).
    pub fn luminance(self) -> f64 {
        let lin = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }
}

/// A color in CIELAB.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lab {
    pub l: f64,
    pub a: f64,
    pub b: f64,
}

/// WCAG contrast ratio, from 1 (none) to 21 (black on white).
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `a` moved toward `b` by `t` (0 is `a`, 1 is `b`), channel by channel.
pub fn mix(a: Color, b: Color, t: f64) -> Color {
    let m = |x: u8, y: u8| {
        (x as f64 + (y as f64 - x as f64) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Color(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// The CIEDE2000 color difference (Sharma, Wu and Dalal's formulation); about 1 is the least
/// difference people notice side by side, [`DISTINCT`] what tells marks apart at a glance.
pub fn ciede2000(x: Color, y: Color) -> f64 {
    delta_e(x.lab(), y.lab())
}

/// The CIEDE2000 difference of two CIELAB colors.
pub fn delta_e(p: Lab, q: Lab) -> f64 {
    let c1 = p.a.hypot(p.b);
    let c2 = q.a.hypot(q.b);
    let cm = (c1 + c2) / 2.0;
    let g = 0.5 * (1.0 - (cm.powi(7) / (cm.powi(7) + 25f64.powi(7))).sqrt());
    let (a1, a2) = (p.a * (1.0 + g), q.a * (1.0 + g));
    let (c1, c2) = (a1.hypot(p.b), a2.hypot(q.b));
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let (h1, h2) = (hue(p.b, a1), hue(q.b, a2));
    let dl = q.l - p.l;
    let dc = c2 - c1;
    let dh = if c1 * c2 == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 <= h1 {
        h2 - h1 + 360.0
    } else {
        h2 - h1 - 360.0
    };
    let dhh = 2.0 * (c1 * c2).sqrt() * (dh / 2.0).to_radians().sin();
    let lm = (p.l + q.l) / 2.0;
    let cm = (c1 + c2) / 2.0;
    let hm = if c1 * c2 == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (hm - 30.0).to_radians().cos()
        + 0.24 * (2.0 * hm).to_radians().cos()
        + 0.32 * (3.0 * hm + 6.0).to_radians().cos()
        - 0.20 * (4.0 * hm - 63.0).to_radians().cos();
    let d_theta = 30.0 * (-((hm - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cm.powi(7) / (cm.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lm - 50.0).powi(2) / (20.0 + (lm - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cm;
    let sh = 1.0 + 0.015 * cm * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh))
        .sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_round_trips() {
        for c in [
            Color(0, 0, 0),
            Color(255, 255, 255),
            Color(0x21, 0x66, 0xac),
            Color(0xd6, 0x27, 0x28),
            Color(12, 200, 77),
        ] {
            assert_eq!(Color::from_lab(c.lab()), c);
        }
        let white = Color(255, 255, 255).lab();
        assert!((white.l - 100.0).abs() < 0.01 && white.a.abs() < 0.01 && white.b.abs() < 0.01);
    }

    #[test]
    fn ciede2000_matches_published_values() {
        // Sharma, Wu and Dalal (2005), pairs 1, 7, 17, 19, 25 and 31 of their test data.
        let lab = |l, a, b| Lab { l, a, b };
        let sharma = [
            (
                lab(50.0, 2.6772, -79.7751),
                lab(50.0, 0.0, -82.7485),
                2.0425,
            ),
            (lab(50.0, 0.0, 0.0), lab(50.0, -1.0, 2.0), 2.3669),
            (lab(50.0, 2.5, 0.0), lab(73.0, 25.0, -18.0), 27.1492),
            (lab(50.0, 2.5, 0.0), lab(50.0, 3.1736, 0.5854), 1.0),
            (
                lab(60.2574, -34.0099, 36.2677),
                lab(60.4626, -34.1751, 39.4387),
                1.2644,
            ),
            (
                lab(2.0776, 0.0795, -1.135),
                lab(0.9033, -0.0636, -0.5514),
                0.9082,
            ),
        ];
        for (p, q, want) in sharma {
            let got = delta_e(p, q);
            assert!((got - want).abs() < 1e-4, "{p:?} {q:?}: {got} != {want}");
            assert!((delta_e(q, p) - got).abs() < 1e-9);
        }
        // sRGB pairs, against colour-science's `delta_E(method="CIE 2000")`.
        let srgb = [
            (Color(255, 0, 0), Color(0, 0, 255), 52.8779),
            (Color(0, 0, 0), Color(255, 255, 255), 100.0),
            (Color(0x1f, 0x77, 0xb4), Color(0x21, 0x66, 0xac), 6.6983),
            (Color(0xd6, 0x27, 0x28), Color(0xb2, 0x18, 0x2b), 9.2003),
        ];
        for (a, b, want) in srgb {
            let got = ciede2000(a, b);
            assert!((got - want).abs() < 0.01, "{a:?} {b:?}: {got} != {want}");
        }
        assert_eq!(ciede2000(Color(9, 9, 9), Color(9, 9, 9)), 0.0);
    }

    #[test]
    fn contrast_and_mix() {
        let white = Color(255, 255, 255);
        let black = Color(0, 0, 0);
        assert!((contrast(white, black) - 21.0).abs() < 1e-9);
        assert_eq!(mix(white, black, 0.5), Color(128, 128, 128));
    }
}
