//! JSON: an array of objects, pretty-printed, ending in a newline.

use super::record::{Record, Rows, write_chunks};
use std::io::{self, Write};

/// What `serde_json::to_writer_pretty` writes for all the rows, and a newline: rows made on
/// demand are made and formatted in parallel, a chunk at a time, and written in order; rows
/// made already are written one after another, straight to `out` (each can be large).
pub fn write<R: Record>(out: &mut dyn Write, rows: &Rows<'_, R>) -> io::Result<()> {
    if !rows.in_chunks || rows.is_empty() {
        let mut json = serde_json::Serializer::pretty(&mut *out);
        serde::Serializer::collect_seq(&mut json, rows.iter())?;
        return writeln!(out);
    }
    out.write_all(b"[\n")?;
    write_chunks(out, rows.len(), |first, chunk| {
        let mut text = Vec::new();
        let start = chunk.start;
        for i in chunk {
            if !(first && i == start) {
                text.extend_from_slice(b",\n");
            }
            // Pretty-printed alone, then indented one level as an element of the array: JSON
            // strings hold no raw line breaks, so every line is indented.
            let object = serde_json::to_vec_pretty(&rows.get(i))?;
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
