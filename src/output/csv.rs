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
