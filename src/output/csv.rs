//! CSV with a header row; an empty cell is a missing value.

use serde::Serialize;
use std::io::{self, Write};

/// Write `rows` with the header `header` (used when there are no rows to take it from).
pub fn write<T: Serialize>(out: &mut dyn Write, header: &[&str], rows: &[T]) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(!rows.is_empty())
        .from_writer(out);
    if rows.is_empty() {
        w.write_record(header)?;
    }
    for row in rows {
        w.serialize(row)?;
    }
    w.flush()
}

/// What [`write`] writes for the rows `row` makes of `items`, the rows made and formatted in
/// parallel, a chunk at a time, and written in order: for a large output, no more than a few
/// chunks of rows are in memory at once.
pub fn write_par<I: Sync, T: Serialize>(
    out: &mut dyn Write,
    header: &[&str],
    items: &[I],
    row: impl Fn(&I) -> T + Sync,
) -> io::Result<()> {
    if items.is_empty() {
        return write::<T>(out, header, &[]);
    }
    super::write_chunks(out, items, |first, chunk| {
        // Records do not depend on each other: only the first chunk writes the header (taken
        // from its first row).
        let mut w = csv::WriterBuilder::new()
            .has_headers(first)
            .from_writer(Vec::new());
        for item in chunk {
            w.serialize(row(item))?;
        }
        w.into_inner().map_err(|e| e.into_error())
    })
}
