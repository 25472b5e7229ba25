//! Located diagnostics: what is wrong, where, and what would be right. Rendered in a
//! rustc-like full form ([`render`]) or a one-line short form ([`Diagnostic::short`]).
//!
//! This file only gathers the parts: `located` defines a diagnostic, `render` draws it,
//! `conflicts` makes `check`'s conflict warnings; each imports `located`, none this file.

mod conflicts;
mod located;
pub mod render;

pub use crate::span::Span;
pub use conflicts::conflict_warnings;
pub use located::{Diagnostic, Related, Severity, sort};
pub use render::{Renderer, Sources};
