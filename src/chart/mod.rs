//! Stance timeline charts, as PNG or SVG.
//!
//! The chart code takes the model (a [`Dataset`] and its [`Timeline`]s) and never reads
//! annotation files: [`Chart::new`] picks the parties and the time span and counts what is
//! shown; [`Chart::render`] lays the chart out in logical pixels and draws it with plotters;
//! [`write`] puts the image on disk atomically.
//!
//! Two kinds: [`Kind::Lanes`] (one lane per party, a bar per stretch of one stance, a marker per
//! observation) and [`Kind::Scores`] (one step line per party on the stance scale). Dense data
//! is aggregated per pixel column and markers are thinned, so that a chart of 100,000
//! observations stays readable, small and quick.

pub(crate) mod axis;
pub use axis::DayRange;
pub(crate) mod colors;
mod frame;
mod lanes;
pub(crate) mod paint;
mod runs;
mod scores;
mod setup;
pub(crate) mod style;
mod tooltip;
pub mod write;

pub use setup::{
    Chart, ChartError, DEFAULT_SET, DEFAULT_WIDTH, Image, ImageFormat, Kind, MAX_SIZE, MIN_HEIGHT,
    MIN_WIDTH, Options, Theme,
};

use paint::{Painter, downsample};

/// PNG is drawn at this many pixels per logical pixel, then averaged down.
const SUPERSAMPLE: u32 = 2;

impl Chart<'_> {
    /// Lay the chart out without drawing it: whether it can be drawn.
    pub fn check(&self) -> Result<(), ChartError> {
        match self.kind {
            Kind::Lanes => lanes::plan(self).map(|_| ()),
            Kind::Scores => scores::plan(self).map(|_| ()),
        }
    }

    /// Lay the chart out and draw it.
    pub fn render(&self, format: ImageFormat) -> Result<Image, ChartError> {
        style::register_fonts().map_err(ChartError::Draw)?;
        let plan = match self.kind {
            Kind::Lanes => Layout::Lanes(lanes::plan(self)?),
            Kind::Scores => Layout::Scores(scores::plan(self)?),
        };
        let (w, h) = plan.size();
        match format {
            ImageFormat::Svg => {
                let mut p =
                    Painter::svg(w, h, &self.title, &self.summary(), self.svg_id.as_deref());
                plan.draw(self, &mut p);
                let svg = p.finish().map_err(ChartError::Draw)?.unwrap_or_default();
                Ok(Image::Svg(svg))
            }
            ImageFormat::Png => {
                let (bw, bh) = (w * SUPERSAMPLE, h * SUPERSAMPLE);
                let mut big = vec![0u8; bw as usize * bh as usize * 3];
                let mut p = Painter::bitmap(&mut big, bw, bh, SUPERSAMPLE as f64);
                plan.draw(self, &mut p);
                p.finish().map_err(ChartError::Draw)?;
                let rgb = downsample(&big, bw as usize, bh as usize, SUPERSAMPLE as usize);
                Ok(Image::Png {
                    width: w,
                    height: h,
                    rgb,
                })
            }
        }
    }
}

enum Layout {
    Lanes(lanes::Layout),
    Scores(scores::Layout),
}

impl Layout {
    fn size(&self) -> (u32, u32) {
        match self {
            Layout::Lanes(p) => p.frame.size(),
            Layout::Scores(p) => p.frame.size(),
        }
    }

    fn draw(&self, chart: &Chart, p: &mut Painter) {
        match self {
            Layout::Lanes(plan) => lanes::draw(chart, plan, p),
            Layout::Scores(plan) => scores::draw(chart, plan, p),
        }
    }
}
