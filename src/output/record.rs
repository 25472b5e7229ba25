//! What a command prints: its records, made on demand or already, and the chunked writing
//! that JSON and CSV share.

use serde::Serialize;
use std::io::{self, Write};

/// A record a command prints.
pub trait Record: Serialize {
    /// The flat fields CSV writes: the record itself, or its part without nested lists. Its
    /// serde field names, read from its default value, are the CSV header.
    type Flat: Serialize + Default;
    fn flat(&self) -> &Self::Flat;
}

impl<T: Record> Record for &T {
    type Flat = T::Flat;
    fn flat(&self) -> &T::Flat {
        (**self).flat()
    }
}

/// A command's rows. Made on demand from items ([`Rows::new`]: a corpus gives hundreds of
/// thousands of small events), they are made and formatted in parallel chunks, only a few
/// chunks in memory at once; made already ([`Rows::of`]: a few answers, each with thousands
/// of pieces of evidence), they are written one after another, straight to the output.
pub struct Rows<'a, R> {
    len: usize,
    row: Box<dyn Fn(usize) -> R + Sync + 'a>,
    pub(super) in_chunks: bool,
}

impl<'a, R> Rows<'a, R> {
    /// The rows `row` makes of `items`, in order.
    pub fn new<I: Sync>(items: &'a [I], row: impl Fn(&'a I) -> R + Sync + 'a) -> Self {
        Rows {
            len: items.len(),
            row: Box::new(move |i| row(&items[i])),
            in_chunks: true,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> R {
        (self.row)(i)
    }

    pub fn iter(&self) -> impl Iterator<Item = R> + '_ {
        (0..self.len).map(|i| self.get(i))
    }
}

impl<'a, T> Rows<'a, &'a T> {
    /// Rows already made.
    pub fn of(records: &'a [T]) -> Self
    where
        T: Sync,
    {
        Rows {
            in_chunks: false,
            ..Rows::new(records, |r| r)
        }
    }
}

/// Rows made and formatted together by one thread.
pub(super) const CHUNK: usize = 2048;
/// Chunks in memory at once.
pub(super) const CHUNKS_AT_ONCE: usize = 8;

/// Write the text `format` makes of each chunk of the row indices `0..len` (told whether it is
/// the first), the chunks formatted in parallel, a few at a time, and written in order.
pub(super) fn write_chunks(
    out: &mut dyn Write,
    len: usize,
    format: impl Fn(bool, std::ops::Range<usize>) -> io::Result<Vec<u8>> + Sync,
) -> io::Result<()> {
    use rayon::prelude::*;
    let chunks: Vec<std::ops::Range<usize>> = (0..len)
        .step_by(CHUNK)
        .map(|start| start..(start + CHUNK).min(len))
        .collect();
    for (b, batch) in chunks.chunks(CHUNKS_AT_ONCE).enumerate() {
        let texts: Vec<io::Result<Vec<u8>>> = batch
            .par_iter()
            .enumerate()
            .map(|(c, chunk)| format(b == 0 && c == 0, chunk.clone()))
            .collect();
        for text in texts {
            out.write_all(&text?)?;
        }
    }
    Ok(())
}
