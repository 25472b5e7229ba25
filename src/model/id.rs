//! Typed indices: a party, a stance, an article or an observation, each its own type so that
//! one cannot be passed where another is meant. Each is the index of its item in the list
//! that holds it (`Codebook::parties`, `Codebook::stances`, `Dataset::articles`,
//! `Dataset::observations`), and ids order as their indices do.

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The id of the item at `index`. Four bytes are enough: four billion items do
            /// not fit in memory anyway.
            pub fn new(index: usize) -> Self {
                $name(u32::try_from(index).expect(concat!(stringify!($name), " beyond u32")))
            }

            /// The item's index in the list that holds it.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id!(
    /// A party: its index in the codebook's parties.
    PartyId
);
id!(
    /// A stance: its index in the codebook's stances (scale order is
    /// `Codebook::stances_in_scale_order`).
    StanceId
);
id!(
    /// An article: its index in the dataset's articles.
    ArticleId
);
id!(
    /// An observation: its index in the dataset's observations.
    ObservationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_order_as_their_indices() {
        assert_eq!(PartyId::new(7).index(), 7);
        assert!(StanceId::new(2) < StanceId::new(10));
        let mut ids: Vec<ObservationId> = [3, 0, 2].map(ObservationId::new).to_vec();
        ids.sort();
        assert_eq!(ids.iter().map(|o| o.index()).collect::<Vec<_>>(), [0, 2, 3]);
    }
}
