//! Colors, fonts and sizes shared by every chart.
//!
//! The font is DejaVu Sans, embedded in the binary (the `dejavu` crate) and registered with
//! plotters' `ab_glyph` text engine: charts look the same on a machine without any font or
//! fontconfig. SVG text names the same family first, then `sans-serif`.

use crate::color::Color;
pub use crate::color::{contrast, mix};
use plotters::style::{FontStyle, register_font};
use std::sync::OnceLock;

/// The font family written into SVG and registered for measuring and drawing text.
pub const FAMILY: &str = "DejaVu Sans, sans-serif";

/// Font sizes in logical pixels (the CSS `font-size`, one em).
pub const TITLE: f64 = 19.0;
pub const SUBTITLE: f64 = 13.0;
pub const LABEL: f64 = 13.0;
pub const TICK: f64 = 12.0;
pub const LEGEND: f64 = 12.0;
pub const FOOTER: f64 = 11.5;

/// The outer margin of every chart.
pub const MARGIN: f64 = 24.0;

/// Register the embedded font under `sans-serif` and [`FAMILY`], once per process. Must run
/// before any text is measured or drawn, for SVG too.
pub fn register_fonts() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        for name in ["sans-serif", FAMILY] {
            for (style, bytes) in [
                (FontStyle::Normal, dejavu::sans::regular()),
                (FontStyle::Bold, dejavu::sans::bold()),
            ] {
                register_font(name, style, bytes)
                    .map_err(|_| "the embedded DejaVu Sans font is invalid".to_string())?;
            }
        }
        Ok(())
    })
    .clone()
}

/// Colors for a light or a dark page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub background: Color,
    pub text: Color,
    /// Secondary text: subtitle, ticks, footer.
    pub muted: Color,
    /// Grid lines.
    pub grid: Color,
    /// The axis line and tick marks.
    pub axis: Color,
    /// The empty track of a lane: a gap shows as track.
    pub track: Color,
    /// Observation markers.
    pub ink: Color,
    /// The outline around markers, so they show on any bar.
    pub halo: Color,
    /// Conflicts: frame and warning sign.
    pub conflict: Color,
    /// Light marks on a dark page: colors are lightened to keep their contrast.
    pub dark: bool,
}

pub const LIGHT: Palette = Palette {
    background: Color(0xff, 0xff, 0xff),
    text: Color(0x1a, 0x1a, 0x1a),
    muted: Color(0x5c, 0x60, 0x66),
    grid: Color(0xe2, 0xe4, 0xe7),
    axis: Color(0x8a, 0x8f, 0x96),
    track: Color(0xf0, 0xf1, 0xf3),
    ink: Color(0x1a, 0x1a, 0x1a),
    halo: Color(0xff, 0xff, 0xff),
    conflict: Color(0xd0, 0x10, 0x10),
    dark: false,
};

pub const DARK: Palette = Palette {
    background: Color(0x16, 0x18, 0x1d),
    text: Color(0xea, 0xea, 0xea),
    muted: Color(0xa4, 0xa9, 0xb2),
    grid: Color(0x2e, 0x32, 0x39),
    axis: Color(0x6b, 0x70, 0x78),
    track: Color(0x24, 0x27, 0x2e),
    ink: Color(0xf4, 0xf4, 0xf4),
    halo: Color(0x16, 0x18, 0x1d),
    conflict: Color(0xff, 0x4d, 0x4d),
    dark: true,
};

/// An edge color for a fill that would melt into `against`; `None` when it stands out alone.
pub fn edge_for(fill: Color, against: Color, text: Color) -> Option<Color> {
    (contrast(fill, against) < 1.25).then(|| mix(fill, text, 0.35))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_and_edges() {
        let white = Color(255, 255, 255);
        let black = Color(0, 0, 0);
        assert!((contrast(white, black) - 21.0).abs() < 1e-9);
        assert!(edge_for(Color(0xf7, 0xf7, 0xf7), white, black).is_some());
        assert!(edge_for(Color(0x21, 0x66, 0xac), white, black).is_none());
        assert_eq!(mix(white, black, 0.5), Color(128, 128, 128));
    }

    #[test]
    fn fonts_register_once() {
        register_fonts().unwrap();
        register_fonts().unwrap();
    }
}
