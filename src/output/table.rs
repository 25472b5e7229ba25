//! Tables for people: fitted to the terminal's width on a terminal, never colored.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use std::io::IsTerminal;

/// A table with the given header and rows, as text ending in a newline.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    format!(
        "{}\n",
        table(header, rows.iter().cloned(), terminal_width())
    )
}

/// Write a table of the rows made one by one by `rows`, ending in a newline. Fitted to a
/// terminal, the table is laid out whole (its columns share the width); otherwise each column
/// is as wide as its widest cell, and the rows are laid out and written a chunk at a time
/// with those widths, so that a table of a whole corpus never holds every row's layout.
pub fn write(
    out: &mut dyn std::io::Write,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    write_fitted(out, header, rows, terminal_width())
}

fn write_fitted(
    out: &mut dyn std::io::Write,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
    width: Option<u16>,
) -> std::io::Result<()> {
    if width.is_some() {
        return writeln!(out, "{}", table(header, rows, width));
    }
    let rows: Vec<Vec<String>> = rows.collect();
    let chunks: Vec<&[Vec<String>]> = if rows.is_empty() {
        vec![&[]]
    } else {
        rows.chunks(CHUNK).collect()
    };
    let mut widths: Vec<u16> = Vec::new();
    for chunk in &chunks {
        let t = table(header, chunk.iter().cloned(), None);
        for (i, w) in t.column_max_content_widths().into_iter().enumerate() {
            match widths.get_mut(i) {
                Some(max) => *max = (*max).max(w),
                None => widths.push(w),
            }
        }
    }
    let last = chunks.len() - 1;
    for (c, chunk) in chunks.iter().enumerate() {
        let mut t = table(header, chunk.iter().cloned(), None);
        // The widest cell's width, and the padding on either side of it.
        t.set_constraints(
            widths
                .iter()
                .map(|&w| ColumnConstraint::Absolute(Width::Fixed(w.saturating_add(2)))),
        );
        let lines: Vec<String> = t.lines().collect();
        // Every chunk but the first without the top border, header and its rule; every one
        // but the last without the bottom border.
        let from = if c == 0 { 0 } else { HEADER_LINES };
        let to = if c == last {
            lines.len()
        } else {
            lines.len() - 1
        };
        for line in &lines[from.min(to)..to] {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// Rows laid out at once when the table is not fitted to a terminal.
const CHUNK: usize = 2048;
/// The top border, the header's one line and the rule under it.
const HEADER_LINES: usize = 3;

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>, width: Option<u16>) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_header(header.iter().copied());
    for row in rows {
        table.add_row(row);
    }
    if let Some(width) = width {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Written a chunk at a time, a table is byte for byte the table laid out whole, at the
    /// edges of chunks too, with the widest cell of a column in a later chunk and wide characters.
    #[test]
    fn a_table_in_chunks_is_the_table_laid_out_whole() {
        let header = ["n", "text", "wide"];
        let row = |n: usize| {
            vec![
                n.to_string(),
                "x".repeat(n % 37),
                if n == CHUNK + 5 {
                    "北京".repeat(5)
                } else {
                    "é".into()
                },
            ]
        };
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 3] {
            let rows: Vec<Vec<String>> = (0..len).map(row).collect();
            let whole = format!("{}\n", table(&header, rows.iter().cloned(), None));
            let mut chunked = Vec::new();
            write_fitted(&mut chunked, &header, rows.into_iter(), None).unwrap();
            assert_eq!(String::from_utf8(chunked).unwrap(), whole, "{len} rows");
        }
    }
}
