//! Output formats: one module per format, and the rows every command prints.
//!
//! JSON and CSV carry the same flat fields (JSON may add nested `evidence`); dates are ISO
//! `YYYY-MM-DD`, with the written EDTF form kept beside the resolved bounds.

pub mod csv;
pub mod json;
pub mod rows;
pub mod table;

/// Rows made and formatted together by one thread (`write_par`).
const CHUNK: usize = 2048;
/// Chunks in memory at once (`write_par`).
const CHUNKS_AT_ONCE: usize = 8;

/// Write the text `format` makes of each chunk of `items` (told whether it is the first), the
/// chunks formatted in parallel, a few at a time, and written in order.
fn write_chunks<I: Sync>(
    out: &mut dyn std::io::Write,
    items: &[I],
    format: impl Fn(bool, &[I]) -> std::io::Result<Vec<u8>> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let chunks: Vec<&[I]> = items.chunks(CHUNK).collect();
    for (b, batch) in chunks.chunks(CHUNKS_AT_ONCE).enumerate() {
        let texts: Vec<std::io::Result<Vec<u8>>> = batch
            .par_iter()
            .enumerate()
            .map(|(c, chunk)| format(b == 0 && c == 0, chunk))
            .collect();
        for text in texts {
            out.write_all(&text?)?;
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for people, fitted to the terminal width.
    Table,
    /// An array of objects.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    #[derive(Serialize)]
    struct Row {
        n: usize,
        text: String,
        maybe: Option<f64>,
    }

    /// A row with a list and an object in it (JSON only).
    #[derive(Serialize)]
    struct Nested {
        row: Row,
        list: Vec<Row>,
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

    /// The parallel writers write what the plain ones write, at the edges of chunks and of
    /// batches of chunks.
    #[test]
    fn parallel_writers_write_what_the_plain_ones_write() {
        let header = ["n", "text", "maybe"];
        let edge = super::CHUNK * super::CHUNKS_AT_ONCE;
        for len in [
            0,
            1,
            2,
            super::CHUNK - 1,
            super::CHUNK,
            super::CHUNK + 1,
            edge,
            edge + 7,
        ] {
            let items: Vec<usize> = (0..len).collect();
            let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();

            let (mut plain, mut par) = (Vec::new(), Vec::new());
            let rows: Vec<Row> = items.iter().map(row).collect();
            super::csv::write(&mut plain, &header, &rows).unwrap();
            super::csv::write_par(&mut par, &header, &items, row).unwrap();
            assert_eq!(text(par), text(plain), "CSV, {len} rows");

            let (mut plain, mut par) = (Vec::new(), Vec::new());
            let rows: Vec<Nested> = items.iter().map(nested).collect();
            super::json::write(&mut plain, &rows).unwrap();
            super::json::write_par(&mut par, &items, nested).unwrap();
            assert_eq!(text(par), text(plain), "JSON, {len} rows");
        }
    }
}
