//! Output formats: one module per format, and the rows every command prints.
//!
//! JSON and CSV carry the same flat fields (JSON may add nested `evidence`); dates are ISO
//! `YYYY-MM-DD`, with the written EDTF form kept beside the resolved bounds.

pub mod csv;
pub mod json;
pub mod rows;
pub mod table;

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people, fitted to the terminal width.
    Table,
    /// An array of objects.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}
