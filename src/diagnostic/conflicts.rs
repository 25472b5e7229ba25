//! `check`'s conflict warnings: the model finds conflicts, this says where they are.

use super::located::Diagnostic;
use crate::model::observation::Dataset;
use crate::model::timeline::{Timeline, map_timelines};

/// A warning for each side of each conflict: located at that side's first position, with the
/// other sides' first positions as related places. Each party's timeline is built, searched
/// and dropped on its own thread; the warnings come in codebook order.
pub fn conflict_warnings(ds: &Dataset) -> Vec<Diagnostic> {
    let mut warnings: Vec<(usize, usize, usize, Diagnostic)> =
        map_timelines(ds, |tl| party_conflict_warnings(ds, &tl))
            .into_iter()
            .flatten()
            .collect();
    // In the order of the articles (that is, of their files) and of places within them, by
    // integers: printing sorts them by file names, and finds them already in order.
    warnings.sort_by_key(|(article, line, col, _)| (*article, *line, *col));
    warnings.into_iter().map(|(.., d)| d).collect()
}

const CONFLICT_HELP: &str = "if both are right, narrow `held` so they do not overlap; if the record disagrees, keep both: queries and charts show the conflict";

/// Each warning with the article, line and column it is located at.
fn party_conflict_warnings(ds: &Dataset, tl: &Timeline) -> Vec<(usize, usize, usize, Diagnostic)> {
    let cb = &ds.codebook;
    let mut out = Vec::new();
    for seg in tl.conflicts() {
        let sides = seg.sides(ds);
        let when = match (seg.start, seg.end) {
            (Some(s), Some(e)) if s == e => format!("on {s}"),
            (Some(s), Some(e)) => format!("from {s} to {e}"),
            (Some(s), None) => format!("from {s} on"),
            (None, Some(e)) => format!("until {e}"),
            (None, None) => "at all times".into(),
        };
        for (stance, obs) in &sides {
            let o = ds.observation(obs[0]);
            let others: Vec<&str> = sides
                .iter()
                .filter(|(s, _)| s != stance)
                .map(|(s, _)| cb.stance(*s).id.as_str())
                .collect();
            let mut d = Diagnostic::warning(
                &ds.article(o).file,
                o.span,
                format!(
                    "conflict: {} holds `{}` here but `{}` elsewhere, {when}",
                    cb.party(tl.party).name,
                    cb.stance(*stance).id,
                    others.join("`, `")
                ),
            );
            for (s, other) in &sides {
                if s != stance {
                    let p = ds.observation(other[0]);
                    d = d.with_related(
                        &ds.article(p).file,
                        p.span,
                        format!("`{}` here", cb.stance(*s).id),
                    );
                }
            }
            d.help.push(CONFLICT_HELP.into());
            out.push((o.article.index(), o.span.line, o.span.col, d));
        }
    }
    out
}
