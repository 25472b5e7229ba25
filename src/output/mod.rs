//! Output formats behind one small interface, as in hyperfine's `Exporter`: a command builds
//! its rows ([`Rows`] of a [`Record`] type), and the chosen [`Format`] writes them. JSON writes
//! each record whole; CSV writes its flat part, with the header taken from that type's serde
//! field names; a table is laid out by the command (its columns are for reading, not the
//! record's fields).
//!
//! JSON and CSV carry the same flat fields (JSON may add nested `evidence`); dates are ISO
//! `YYYY-MM-DD`, with the written EDTF form kept beside the resolved bounds. [`write`] is the
//! one way anything is written to a file.

pub mod agreement;
pub mod csv;
pub mod json;
mod record;
pub mod rows;
pub mod table;
pub mod write;

pub use record::{Record, Rows};
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for people, fitted to the terminal width.
    Table,
    /// An array of objects.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// A format that writes a command's rows.
pub trait Exporter<R: Record> {
    fn export(&self, out: &mut dyn Write, rows: &Rows<'_, R>) -> io::Result<()>;
}

/// An array of objects, pretty-printed, ending in a newline ([`json`]).
pub struct Json;
/// A header row from the record's flat fields, then one line a record ([`csv`]).
pub struct Csv;
/// The command's own layout.
pub struct Table<F>(pub F);

impl<R: Record> Exporter<R> for Json {
    fn export(&self, out: &mut dyn Write, rows: &Rows<'_, R>) -> io::Result<()> {
        json::write(out, rows)
    }
}

impl<R: Record> Exporter<R> for Csv {
    fn export(&self, out: &mut dyn Write, rows: &Rows<'_, R>) -> io::Result<()> {
        csv::write(out, rows)
    }
}

impl<R: Record, F> Exporter<R> for Table<F>
where
    F: Fn(&mut dyn Write, &Rows<'_, R>) -> io::Result<()>,
{
    fn export(&self, out: &mut dyn Write, rows: &Rows<'_, R>) -> io::Result<()> {
        (self.0)(out, rows)
    }
}

/// Write `rows` in `format`; `table` lays out the table.
pub fn export<R: Record>(
    out: &mut dyn Write,
    format: Format,
    rows: &Rows<'_, R>,
    table: impl Fn(&mut dyn Write, &Rows<'_, R>) -> io::Result<()>,
) -> io::Result<()> {
    let table = Table(table);
    let exporter: &dyn Exporter<R> = match format {
        Format::Json => &Json,
        Format::Csv => &Csv,
        Format::Table => &table,
    };
    exporter.export(out, rows)
}

#[cfg(test)]
mod tests {
    use super::{Record, Rows};
    use serde::Serialize;

    #[derive(Serialize, Default)]
    struct Row {
        n: usize,
        text: String,
        maybe: Option<f64>,
    }

    impl Record for Row {
        type Flat = Row;
        fn flat(&self) -> &Row {
            self
        }
    }

    /// A row with a list and an object in it; CSV writes only `row`.
    #[derive(Serialize)]
    struct Nested {
        #[serde(flatten)]
        row: Row,
        list: Vec<Row>,
    }

    impl Record for Nested {
        type Flat = Row;
        fn flat(&self) -> &Row {
            &self.row
        }
    }

    fn row(&n: &usize) -> Row {
        Row {
            n,
            // Commas, quotes, line breaks and wide characters, which CSV quotes and JSON
            // escapes.
            text: match n % 4 {
                0 => "plain".into(),
                1 => format!("a, \"quoted\"\nline {n}"),
                2 => "é — 北".into(),
                _ => String::new(),
            },
            maybe: (n % 3 == 0).then_some(n as f64 / 2.0),
        }
    }

    fn nested(n: &usize) -> Nested {
        Nested {
            row: row(n),
            list: (0..n % 3).map(|k| row(&k)).collect(),
        }
    }

    /// The chunked writers write what serde_json and the csv crate write for all the rows at
    /// once, at the edges of chunks and of batches of chunks; CSV's header comes from the
    /// flat type, with rows or without.
    #[test]
    fn chunked_writers_write_what_the_crates_write_for_all_rows() {
        let edge = super::record::CHUNK * super::record::CHUNKS_AT_ONCE;
        for len in [
            0,
            1,
            2,
            super::record::CHUNK - 1,
            super::record::CHUNK,
            super::record::CHUNK + 1,
            edge,
            edge + 7,
        ] {
            let items: Vec<usize> = (0..len).collect();
            let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();

            let mut csv = csv::Writer::from_writer(Vec::new());
            if len == 0 {
                csv.write_record(["n", "text", "maybe"]).unwrap();
            }
            for n in &items {
                csv.serialize(row(n)).unwrap();
            }
            let plain = csv.into_inner().unwrap();
            let mut ours = Vec::new();
            super::csv::write(&mut ours, &Rows::new(&items, nested)).unwrap();
            assert_eq!(text(ours), text(plain.clone()), "CSV, {len} rows");
            let all: Vec<Nested> = items.iter().map(nested).collect();
            let mut ours = Vec::new();
            super::csv::write(&mut ours, &Rows::of(&all)).unwrap();
            assert_eq!(text(ours), text(plain), "CSV, {len} rows made");

            let all: Vec<Nested> = items.iter().map(nested).collect();
            let mut plain = serde_json::to_vec_pretty(&all).unwrap();
            plain.push(b'\n');
            let mut ours = Vec::new();
            super::json::write(&mut ours, &Rows::new(&items, nested)).unwrap();
            assert_eq!(text(ours), text(plain.clone()), "JSON, {len} rows");
            let mut ours = Vec::new();
            super::json::write(&mut ours, &Rows::of(&all)).unwrap();
            assert_eq!(text(ours), text(plain), "JSON, {len} rows made");
        }
    }
}
