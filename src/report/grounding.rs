//! Quotes against their articles' texts (`--sources`): found, or not found with the closest
//! passage, as `check --sources` words it; the texts come in from the command, already read.

use crate::annotation::quotes::Grounding;
use crate::model::observation::Dataset;
use rayon::prelude::*;

/// An article's source text, as the command found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceText {
    /// The article names no `source:`.
    NotNamed,
    /// Why the text named cannot be read (`source text `DIR/NAME` cannot be read: REASON`).
    Unreadable(String),
    Text(String),
}

/// What became of one quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteCheck {
    Found,
    /// Not in the text; the passage of the text most like it, as written.
    Missing {
        closest: Option<String>,
    },
    /// The position has no quote.
    NoQuote,
    /// Its article has no text to check against.
    Unverified,
}

/// Each observation's quote checked against its article's text (`texts`, by article index),
/// for the observations `shown` (by index; `None` for the others): each text is folded once.
pub fn check(ds: &Dataset, texts: &[SourceText], shown: &[bool]) -> Vec<Option<QuoteCheck>> {
    let mut by_article: Vec<Vec<usize>> = vec![Vec::new(); ds.articles.len()];
    for (i, o) in ds.observations.iter().enumerate() {
        if shown[i] {
            by_article[o.article.index()].push(i);
        }
    }
    let checked: Vec<Vec<(usize, QuoteCheck)>> = by_article
        .par_iter()
        .enumerate()
        .map(|(a, obs)| {
            let quoted = obs.iter().any(|&i| ds.observations[i].quote.is_some());
            let grounding = match texts.get(a) {
                Some(SourceText::Text(t)) if quoted => Some(Grounding::new(t)),
                _ => None,
            };
            obs.iter()
                .map(|&i| {
                    let check = match (&ds.observations[i].quote, &grounding) {
                        (None, _) => QuoteCheck::NoQuote,
                        (Some(_), None) => QuoteCheck::Unverified,
                        (Some(q), Some(g)) if g.contains(q) => QuoteCheck::Found,
                        (Some(q), Some(g)) => QuoteCheck::Missing {
                            closest: g.closest(q).map(str::to_string),
                        },
                    };
                    (i, check)
                })
                .collect()
        })
        .collect();
    let mut out = vec![None; ds.observations.len()];
    for (i, c) in checked.into_iter().flatten() {
        out[i] = Some(c);
    }
    out
}
