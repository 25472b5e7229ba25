//! Writing annotations: the codebook listed for reading (`listing`), a new article file to
//! fill in (`scaffold`), and JSON Schemas that let editors complete and check annotation files
//! while they are typed (`schema`).
//!
//! May import `model`, `date`, `span`, `diagnostic`, `annotation::raw` (the field lists),
//! `chart` (the colors charts choose) and `output`. Writes nothing itself: the binary writes
//! through the output guard.

pub mod listing;
pub mod scaffold;
pub mod schema;
