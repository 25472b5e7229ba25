//! JSON: an array of objects, pretty-printed, ending in a newline.

use serde::Serialize;
use std::io::{self, Write};

pub fn write<T: Serialize>(out: &mut dyn Write, rows: &[T]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)
}
