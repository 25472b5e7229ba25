//! CSV with a header row; an empty cell is a missing value.

use super::record::{Record, Rows, write_chunks};
use serde::Serialize;
use std::io::{self, Write};

/// The CSV header of a record type: its serde field names, as the csv crate writes them for
/// a record (read from the type's default value, so that no list of names is kept by hand).
pub fn header<T: Serialize + Default>() -> io::Result<Vec<String>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.serialize(T::default())?;
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    Ok(r.headers()?.iter().map(String::from).collect())
}

/// Write the header of the rows' flat type, then each row's flat fields: rows made on demand
/// are made and formatted in parallel, a chunk at a time, and written in order; rows made
/// already are written one after another.
pub fn write<R: Record>(out: &mut dyn Write, rows: &Rows<'_, R>) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(&mut *out);
    w.write_record(header::<R::Flat>()?)?;
    if !rows.in_chunks {
        for row in rows.iter() {
            w.serialize(row.flat())?;
        }
        return w.flush();
    }
    w.flush()?;
    drop(w);
    write_chunks(out, rows.len(), |_, chunk| {
        // Records do not depend on each other, and the header is written: each chunk is a
        // writer of its own.
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        for i in chunk {
            w.serialize(rows.get(i).flat())?;
        }
        w.into_inner().map_err(|e| e.into_error())
    })
}
