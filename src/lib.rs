//! stanceline: order recorded diplomatic positions as dated events, query them, chart them.
//!
//! Data flows one way: files -> raw annotations (`annotation::raw`) -> validated model
//! (`model`) -> query or chart -> output.

pub mod annotation;
pub mod authoring;
pub mod chart;
pub mod color;
pub mod date;
pub mod diagnostic;
pub mod model;
pub mod output;
pub mod report;
pub mod span;
pub mod words;
