//! `check`'s conflict warnings: the model finds conflicts, this says where they are.

use super::kind::WarningKind;
use super::located::Diagnostic;
use crate::model::observation::Dataset;
use crate::model::timeline::{Timeline, map_timelines};
use crate::words::and_list;

/// One warning for each conflict, showing every side: located at the side whose first
/// position comes first in the files, with the other sides' first positions as related
/// places. Each party's timeline is built, searched and dropped on its own thread; the
/// warnings come in the order of the places they are located at.
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

/// The conflict warnings of one party's timeline, in the order of the places they are
/// located at, for keeping them by party: when only some parties' positions change, only
/// theirs are looked for again (`stanceline watch`). Sorted with the diagnostics'
/// [`sort`](super::sort), all parties' together are [`conflict_warnings`].
pub fn conflict_warnings_in(ds: &Dataset, tl: &Timeline) -> Vec<Diagnostic> {
    let mut warnings = party_conflict_warnings(ds, tl);
    warnings.sort_by_key(|(article, line, col, _)| (*article, *line, *col));
    warnings.into_iter().map(|(.., d)| d).collect()
}

const CONFLICT_HELP: &str = "if both are right, narrow `held` so they do not overlap; if the record disagrees, keep both: queries and charts show the conflict";

/// Each warning with the article, line and column it is located at.
fn party_conflict_warnings(ds: &Dataset, tl: &Timeline) -> Vec<(usize, usize, usize, Diagnostic)> {
    let cb = &ds.codebook;
    let mut out = Vec::new();
    for seg in tl.conflicts() {
        let when = match (seg.start, seg.end) {
            (Some(s), Some(e)) if s == e => format!("on {s}"),
            (Some(s), Some(e)) => format!("from {s} to {e}"),
            (Some(s), None) => format!("from {s} on"),
            (None, Some(e)) => format!("until {e}"),
            (None, None) => "at all times".into(),
        };
        // Each side by its first position, in the order of the files and places within them.
        let mut sides: Vec<_> = seg
            .first_of_each_side(ds)
            .into_iter()
            .map(|(stance, o)| (ds.observation(o), stance))
            .collect();
        sides.sort_by_key(|(o, _)| (o.article.index(), o.span.line, o.span.col));
        let ids: Vec<String> = sides
            .iter()
            .map(|(_, s)| format!("`{}`", cb.stance(*s).id))
            .collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let message = format!(
            "{} holds {} at once, {when}",
            cb.party(tl.party).name,
            and_list(&ids)
        );
        let (first, rest) = sides.split_first().expect("a conflict has two sides");
        let (o, _) = first;
        let mut d =
            Diagnostic::warning(WarningKind::Conflict, &ds.article(o).file, o.span, message)
                .with_label(format!("{} here", ids[0]));
        for ((p, _), id) in rest.iter().zip(&ids[1..]) {
            d = d.with_related(&ds.article(p).file, p.span, format!("{id} here"));
        }
        d.help.push(CONFLICT_HELP.into());
        out.push((o.article.index(), o.span.line, o.span.col, d));
    }
    out
}
