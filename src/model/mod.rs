//! Pure data, no I/O: the codebook, observations and what is derived from them.

pub mod agreement;
pub mod change;
pub mod codebook;
pub mod id;
pub mod interval;
pub mod observation;
pub mod query;
pub mod reliability;
pub mod timeline;

pub use id::{ArticleId, ObservationId, PartyId, StanceId};
