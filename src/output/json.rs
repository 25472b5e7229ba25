//! JSON: an array of objects, pretty-printed, ending in a newline.

use serde::Serialize;
use std::io::{self, Write};

pub fn write<T: Serialize>(out: &mut dyn Write, rows: &[T]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)
}

/// What [`write`] writes for the rows `row` makes of `items`, the rows made and formatted in
/// parallel, a chunk at a time, and written in order.
pub fn write_par<I: Sync, T: Serialize>(
    out: &mut dyn Write,
    items: &[I],
    row: impl Fn(&I) -> T + Sync,
) -> io::Result<()> {
    if items.is_empty() {
        return write::<T>(out, &[]);
    }
    out.write_all(b"[\n")?;
    super::write_chunks(out, items, |first, chunk| {
        let mut text = Vec::new();
        for (i, item) in chunk.iter().enumerate() {
            if !(first && i == 0) {
                text.extend_from_slice(b",\n");
            }
            // Pretty-printed alone, then indented one level as an element of the array: JSON
            // strings hold no raw line breaks, so every line is indented.
            let object = serde_json::to_vec_pretty(&row(item))?;
            for (j, line) in object.split(|&b| b == b'\n').enumerate() {
                if j > 0 {
                    text.push(b'\n');
                }
                text.extend_from_slice(b"  ");
                text.extend_from_slice(line);
            }
        }
        Ok(text)
    })?;
    out.write_all(b"\n]\n")
}
