//! Tables for people: fitted to the terminal's width on a terminal, never colored.

use comfy_table::{ContentArrangement, Table, presets};
use std::io::IsTerminal;

/// A table with the given header and rows, as text ending in a newline.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    format!("{}\n", table(header, rows.iter().cloned()))
}

/// Write a table of the rows made one by one by `rows`, ending in a newline: a row's cells go
/// straight into the table, not through a list of all rows first.
pub fn write(
    out: &mut dyn std::io::Write,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    writeln!(out, "{}", table(header, rows))
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_header(header.iter().copied());
    for row in rows {
        table.add_row(row);
    }
    if let Some(width) = terminal_width() {
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(width);
    }
    table
}

/// Key-value lines for one record: `label  value`, aligned.
pub fn card(pairs: &[(&str, String)]) -> String {
    let w = pairs
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (k, v) in pairs {
        out.push_str(&format!("{k:<w$}  {v}\n"));
    }
    out
}

/// The width to fit: `COLUMNS` if set, else the terminal's when stdout is one, else none.
fn terminal_width() -> Option<u16> {
    if let Some(c) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(c);
    }
    if std::io::stdout().is_terminal() {
        return terminal_size::terminal_size().map(|(w, _)| w.0);
    }
    None
}
