//! Located diagnostics: what is wrong, where, and what would be right. Rendered in a
//! rustc-like full form ([`render`], in color through [`ansi`] if asked), a one-line short
//! form ([`Diagnostic::short`]) or JSON ([`Renderer::json`]).
//!
//! This file only gathers the parts: `located` defines a diagnostic, `render` draws it,
//! `conflicts` makes `check`'s conflict warnings, `kind` names the kinds of warning and
//! `levels` says what `check` does with each; `kind` imports nothing, the others `located`
//! or `kind`, none this file.

pub mod ansi;
mod conflicts;
mod kind;
mod levels;
mod located;
pub mod render;

pub use crate::span::Span;
pub use conflicts::{conflict_warnings, conflict_warnings_in};
pub use kind::WarningKind;
pub use levels::{Level, Levels, Lint};
pub use located::{Diagnostic, Related, Severity, sort};
pub use render::{Renderer, Sources};
