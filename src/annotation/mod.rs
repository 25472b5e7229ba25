//! The on-disk format: YAML nodes with spans, raw types, loading and validation, and the words
//! of every problem they can find ([`problem`]).

pub mod load;
pub mod node;
pub(crate) mod problem;
pub(crate) mod quotes;
pub mod raw;
pub(crate) mod reliability;
pub(crate) mod validate;
pub mod workspace;
