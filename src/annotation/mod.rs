//! The on-disk format: YAML nodes with spans, raw types, EDTF dates, loading and validation.

pub mod load;
pub mod node;
pub mod quotes;
pub mod raw;
pub mod validate;
