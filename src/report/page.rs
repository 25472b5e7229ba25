//! The page's markup, written with maud: every value from the annotations goes through its
//! escaping; only the charts' SVG (escaped where it is written, in `chart::paint`), the style
//! and the script are put in as they are.

use super::data;
use super::grounding::{QuoteCheck, SourceText};
use super::view::{Figure, Lane, Report, kind_name};
use crate::chart::Kind;
use crate::model::change::Change;
use crate::model::observation::Observation;
use crate::model::timeline::{Segment, State};
use crate::model::{ArticleId, ObservationId, StanceId};
use crate::words::plural;
use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, PreEscaped, html};

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");
/// The agreement between coders, when reliability codings exist: the figures over all units
/// and the disagreements on the stance, as `stanceline agree` gives them.
fn agreement(r: &Report) -> Markup {
    let Some(a) = &r.input.agreement else {
        return html! {};
    };
    html! {
        section #agreement aria-labelledby="agreement-h" {
            h2 #agreement-h { "Agreement between coders" }
            p { (a.summary) "; Krippendorff's alpha over all units, with 95 % bootstrap intervals (stanceline agree gives them by party too)." }
            table {
                thead { tr {
                    @for h in ["Variable", "Level", "Alpha", "95 % interval", "Units", "Values", "Coders", "Left out"] { th { (h) } }
                } }
                tbody { @for row in &a.figures { tr { @for cell in row { td { (cell) } } } } }
            }
            @for line in &a.undefined { p.note { (line) } }
            @if a.disagreements.is_empty() {
                p { "No disagreements on the stance." }
            } @else {
                h3 { "Disagreements on the stance" }
                table {
                    thead { tr { @for h in ["Unit", "Coder", "Stance", "Quote"] { th { (h) } } } }
                    tbody { @for row in &a.disagreements { tr {
                        @for (i, cell) in row.iter().enumerate() {
                            @if i == 3 { td.quote { (cell) } } @else { td { (cell) } }
                        }
                    } } }
                }
            }
        }
    }
}

/// The SHA-256 of `report.js`, base64: the page's Content-Security-Policy lets that script
/// run and no other (a unit test checks it; after editing the script, put the value the
/// test prints here).
const SCRIPT_HASH: &str = "sha256-lSsHLvGlT2IlHQpjT5LOi4LDiKhBcHq/6fB2fqP5pmc=";

/// Nothing is fetched, no script runs but ours, no form posts anywhere.
fn policy() -> String {
    format!(
        "default-src 'none'; script-src '{SCRIPT_HASH}'; style-src 'unsafe-inline'; \
         img-src data:; base-uri 'none'; form-action 'none'"
    )
}

pub fn page(r: &Report) -> Markup {
    let cb = &r.input.ds.codebook;
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(policy());
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content={ "stanceline " (r.input.version) };
                meta name="color-scheme" content="light dark";
                title { (cb.question()) }
                style { (PreEscaped(STYLE)) (PreEscaped(stance_style(r))) }
            }
            body {
                a.skip href="#main" { "Skip to the report" }
                header {
                    p.kicker { "Stance report" }
                    h1 { (cb.question()) }
                    p.summary { (summary(r)) }
                }
                nav aria-label="Contents" {
                    ol {
                        li { a href="#scale" { "Stance scale" } }
                        li { a href="#charts" { "Charts" } }
                        li { a href="#parties" { "Parties" } }
                        li { a href="#changes" { "Changes" } }
                        @if r.input.agreement.is_some() {
                            li { a href="#agreement" { "Agreement" } }
                        }
                        li { a href="#sources" { "Sources" } }
                        @if !r.input.skipped.is_empty() {
                            li { a href="#skipped" { "Files left out" } }
                        }
                    }
                }
                main #main {
                    (scale(r))
                    (charts(r))
                    (parties(r))
                    (all_changes(r))
                    (agreement(r))
                    (sources(r))
                    (skipped(r))
                }
                footer {
                    p { (footer(r)) }
                }
                div #tip role="tooltip" hidden {}
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
}

/// `16 positions from 3 articles on 6 parties, 2003-08-01 to 2009-10-28.`
fn summary(r: &Report) -> String {
    let mut text = format!(
        "{} from {} on {}",
        plural(r.positions, "position", "positions"),
        plural(r.articles.len(), "article", "articles"),
        plural(r.lanes.len(), "party", "parties")
    );
    if let Some((a, b)) = r.span {
        text.push_str(&format!(", {a} to {b}"));
    }
    text.push('.');
    if let Some(d) = r.input.known_by {
        text.push_str(&format!(
            " Known by {d}: only articles published by then are counted."
        ));
    }
    if let (Some(s), true) = (r.chart.span, r.input.from.is_some() || r.input.to.is_some()) {
        text.push_str(&format!(" Range shown: {} to {}.", s.first, s.last));
    }
    text
}

/// `stanceline 0.1.0 · 3 articles, 16 positions, 6 parties in the annotations`
fn footer(r: &Report) -> String {
    let ds = r.input.ds;
    let mut text = format!(
        "Made with stanceline {} from {}, {} and {} in the annotations",
        r.input.version,
        plural(ds.articles.len(), "article", "articles"),
        plural(ds.observations.len(), "position", "positions"),
        plural(ds.codebook.parties().len(), "party", "parties"),
    );
    if let Some(d) = r.input.known_by {
        text.push_str(&format!(" known by {d}"));
    }
    if !r.input.skipped.is_empty() {
        text.push_str(&format!(
            "; {} with errors left out",
            plural(r.input.skipped.len(), "file", "files")
        ));
    }
    text.push('.');
    text
}

/// A swatch class per stance, light and dark.
fn stance_style(r: &Report) -> String {
    let rule = |i: usize, (c, dotted): (crate::color::Color, bool)| {
        let dots = if dotted { ";--d:1" } else { "" };
        format!(".s{i}{{--c:{}{dots}}}", c.hex())
    };
    let [light, dark] = &r.stance_colors;
    let mut css: String = light.iter().enumerate().map(|(i, &c)| rule(i, c)).collect();
    css.push_str("@media screen and (prefers-color-scheme:dark){");
    css.extend(dark.iter().enumerate().map(|(i, &c)| rule(i, c)));
    css.push('}');
    css
}

fn swatch(s: StanceId, dotted: bool) -> Markup {
    html! { span class={ "sw s" (s.index()) @if dotted { " dotted" } } aria-hidden="true" {} }
}

fn dotted(r: &Report, s: StanceId) -> bool {
    r.stance_colors[0][s.index()].1
}

fn label<'r>(r: &'r Report, s: StanceId) -> &'r str {
    &r.input.ds.codebook.stance(s).label
}

/// `-2`, `0.5`
fn score(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn scale(r: &Report) -> Markup {
    let cb = &r.input.ds.codebook;
    html! {
        section #scale aria-labelledby="scale-h" {
            h2 #scale-h { "Stance scale" }
            table.scale {
                thead { tr { th scope="col" { "Stance" } th scope="col" { "Score" } th scope="col" { "Description" } } }
                tbody {
                    @for s in cb.stances_in_scale_order() {
                        @let st = cb.stance(s);
                        tr {
                            th scope="row" { (swatch(s, dotted(r, s))) (st.label) }
                            td.num { @match st.score { Some(v) => (score(v)), None => span.muted { "off the axis" } } }
                            td { @if let Some(d) = &st.description { (d) } }
                        }
                    }
                }
            }
        }
    }
}

fn charts(r: &Report) -> Markup {
    html! {
        section #charts aria-labelledby="charts-h" {
            h2 #charts-h { "Charts" }
            p.hint { "Point at or tab to a bar or a marker to see the evidence behind it; click it or press Enter to go to its rows below." }
            @for f in &r.figures { (figure(f)) }
            @if r.figures.len() == 1 {
                p.muted { "The codebook gives no stance a score, so there is no scores chart." }
            }
        }
    }
}

fn figure(f: &Figure) -> Markup {
    let (id, caption) = match f.kind {
        Kind::Lanes => (
            "lanes",
            "Each party's stance over time: a bar for each stretch of one stance, hatched where \
             sources disagree, and a marker for each position (● statement, ○ report, ◇ inference).",
        ),
        Kind::Scores => (
            "scores",
            "Each party's stance on the scale over time; stances without a score lie on a band \
             below it, and shading marks where sources disagree.",
        ),
    };
    html! {
        figure.chart id={ "fig-" (id) } aria-labelledby={ "fig-" (kind_name(f.kind)) "-cap" } {
            div.light { (PreEscaped(&f.light)) }
            @if let Some(dark) = &f.dark { div.dark { (PreEscaped(dark)) } }
            figcaption id={ "fig-" (id) "-cap" } { (caption) }
        }
    }
}

fn parties(r: &Report) -> Markup {
    html! {
        section #parties aria-labelledby="parties-h" {
            h2 #parties-h { "Parties" }
            p.hint { "Dates are as the annotations give them: " code { "2009-07" } " a month, " code { "2003/2005-07" } " an interval, " code { "2009-04/.." } " an open end, " code { "~" } " approximate, " code { "?" } " uncertain. A stance holds until the party's next position." }
            @for (i, lane) in r.lanes.iter().enumerate() { (party(r, i, lane)) }
        }
    }
}

fn since(d: Option<NaiveDate>) -> String {
    d.map_or("open start".into(), |d| d.to_string())
}

fn until(r: &Report, d: Option<NaiveDate>) -> String {
    match (d, r.input.ds.as_of) {
        (Some(d), _) => d.to_string(),
        (None, None) => "open".into(),
        (None, Some(k)) => format!("open (known by {k})"),
    }
}

/// The stances of a segment: `Bilateral only`, or `Sources disagree: A vs B`.
fn state(r: &Report, seg: &Segment) -> String {
    match &seg.state {
        State::Stance(s) => label(r, *s).to_string(),
        State::Conflict(v) => {
            let labels: Vec<&str> = v.iter().map(|&s| label(r, s)).collect();
            format!("Sources disagree: {}", labels.join(" vs "))
        }
    }
}

fn distinct_articles(r: &Report, ids: &[ObservationId]) -> usize {
    let mut a: Vec<ArticleId> = ids
        .iter()
        .map(|&o| r.input.ds.observation(o).article)
        .collect();
    a.sort_unstable();
    a.dedup();
    a.len()
}

fn party(r: &Report, i: usize, lane: &Lane) -> Markup {
    let ds = r.input.ds;
    let p = ds.codebook.party(lane.tl.party);
    let pid = format!("p{i}");
    let mut also: Vec<&str> = p.short.iter().map(String::as_str).collect();
    also.extend(p.aliases.iter().map(String::as_str));
    let conflicts: Vec<usize> = lane
        .segments
        .iter()
        .copied()
        .filter(|&s| lane.tl.segments[s].is_conflict())
        .collect();
    html! {
        section.party #(pid) data-party=(p.id) aria-labelledby={ (pid) "-h" } {
            h3 #{ (pid) "-h" } { (p.name) }
            p.meta {
                @if !also.is_empty() { "Also: " (also.join(", ")) ". " }
                (plural(lane.positions, "position", "positions")) " from "
                (plural(lane.articles, "article", "articles")) "."
                @if let Some(&last) = lane.segments.last() {
                    @let seg = &lane.tl.segments[last];
                    " Last shown: " (state(r, seg)) ", since " (since(seg.start)) "."
                }
            }
            @if lane.segments.is_empty() {
                p.muted { (match ds.as_of { Some(d) => format!("No position known by {d} in range."), None => "No position recorded in range.".to_string() }) }
            } @else {
                details open[r.open] {
                    summary { "History, evidence, conflicts and changes of " (p.name) }
                    h4 { "History" }
                    (history(r, &pid, lane))
                    h4 { "Evidence" }
                    (evidence(r, &pid, lane))
                    h4 { "Conflicts" }
                    @if conflicts.is_empty() {
                        p.muted { "None: every source agrees on each stretch." }
                    } @else {
                        ul.conflicts {
                            @for &s in &conflicts {
                                @let seg = &lane.tl.segments[s];
                                li {
                                    a href={ "#" (pid) "-s" (s) } { (since(seg.start)) " to " (until(r, seg.end)) }
                                    ": "
                                    @for (k, (stance, ids)) in seg.sides(ds).iter().enumerate() {
                                        @if k > 0 { " vs " }
                                        (label(r, *stance)) " (" (plural(ids.len(), "position", "positions")) ")"
                                    }
                                }
                            }
                        }
                    }
                    h4 { "Changes" }
                    @if lane.changes.is_empty() {
                        p.muted { "No change of stance in range." }
                    } @else {
                        (changes_table(r, lane.changes.iter().map(|(c, s)| (i, c, *s)), false))
                    }
                }
            }
        }
    }
}

fn history(r: &Report, pid: &str, lane: &Lane) -> Markup {
    html! {
        table.history {
            thead { tr {
                th scope="col" { "Stance" } th scope="col" { "Since" } th scope="col" { "Until" }
                th scope="col" { "Positions" } th scope="col" { "Articles" }
            } }
            tbody {
                @for &s in &lane.segments {
                    @let seg = &lane.tl.segments[s];
                    tr.conflict[seg.is_conflict()] {
                        td { a href={ "#" (pid) "-s" (s) } {
                            @match &seg.state {
                                State::Stance(st) => { (swatch(*st, dotted(r, *st))) }
                                State::Conflict(_) => { span.sw.warn aria-hidden="true" { "⚠" } }
                            }
                            (state(r, seg))
                        } }
                        td { (since(seg.start)) }
                        td { (until(r, seg.end)) }
                        td.num { (seg.evidence.len()) }
                        td.num { (distinct_articles(r, &seg.evidence)) }
                    }
                }
            }
        }
    }
}

/// A party's evidence, by stretch: each position once, under the first stretch it supports;
/// a later stretch it supports too names it in `data-also` (the script highlights it there)
/// and counts it in its header. (Listing it again under each would repeat a long-held
/// position under every stretch it spans: ten times over in a dense corpus.)
///
/// In a report whose sections start closed, the table holds the stretches' and sides' header
/// rows only, and the rows themselves are in a `<script type="application/json">` beside it
/// (`data::evidence`), which the page script renders when the section is opened, a mark
/// behind it is clicked, or the page is printed: a third of the bytes of the rows as HTML.
fn evidence(r: &Report, pid: &str, lane: &Lane) -> Markup {
    let blocks = listing(r, lane);
    let rows = r.open;
    html! {
        table.evidence {
            thead { tr {
                th scope="col" { "Held" } th scope="col" { "Quote" } th scope="col" { "Speaker" }
                th scope="col" { "Basis" } th scope="col" { "Confidence" } th scope="col" { "Article" }
            } }
            @for b in &blocks {
                @let seg = &lane.tl.segments[b.seg];
                @let also_ids = (rows && !b.also.is_empty()).then(|| b.also.iter().map(|o| format!("o{}", o.index())).collect::<Vec<_>>().join(" "));
                tbody #{ (pid) "-s" (b.seg) } data-segment=(b.seg) data-also=[also_ids] tabindex="-1" class=[seg.is_conflict().then_some("conflict")] {
                    tr.seg { th colspan="6" scope="rowgroup" {
                        span.st { (state(r, seg)) } ", " (since(seg.start)) " to " (until(r, seg.end))
                        " (" (plural(seg.evidence.len(), "position", "positions"))
                        @if !b.also.is_empty() { "; " (b.also.len()) " listed under an earlier stretch" }
                        ")"
                    } }
                    @for (side, ids) in &b.sides {
                        @if let Some((stance, all)) = side {
                            tr.side { th colspan="6" scope="rowgroup" {
                                (swatch(*stance, dotted(r, *stance))) span.st { (label(r, *stance)) }
                                " (" (plural(*all, "position", "positions")) ")"
                            } }
                        }
                        @if rows { @for &o in ids { (row(r, o)) } }
                    }
                }
            }
        }
        @if !rows {
            script type="application/json" class="evidence-data" { (PreEscaped(data::evidence(r, &blocks))) }
        }
    }
}

/// One stretch's rows in a party's evidence table.
pub(super) struct Block {
    pub seg: usize,
    /// The rows listed here, by side: one side, `None`, for a stretch of one stance; for a
    /// conflict, each side's stance and number of positions, and those of its rows listed here.
    pub sides: Vec<(Option<Side>, Vec<ObservationId>)>,
    /// The positions it lists under an earlier stretch.
    pub also: Vec<ObservationId>,
}

/// A conflict's side: its stance, and the number of its positions.
pub(super) type Side = (StanceId, usize);

/// Each stretch's rows: every position under the first stretch it supports.
fn listing(r: &Report, lane: &Lane) -> Vec<Block> {
    let mut listed = std::collections::HashSet::new();
    lane.segments
        .iter()
        .map(|&s| {
            let seg = &lane.tl.segments[s];
            let (new, also): (Vec<ObservationId>, Vec<ObservationId>) =
                seg.evidence.iter().partition(|&&o| listed.insert(o));
            let sides = match &seg.state {
                State::Stance(_) => vec![(None, new)],
                State::Conflict(_) => {
                    let new: std::collections::HashSet<ObservationId> = new.into_iter().collect();
                    seg.sides(r.input.ds)
                        .into_iter()
                        .map(|(stance, ids)| {
                            let n = ids.len();
                            let mine = ids.into_iter().filter(|o| new.contains(o)).collect();
                            (Some((stance, n)), mine)
                        })
                        .collect()
                }
            };
            Block {
                seg: s,
                sides,
                also,
            }
        })
        .collect()
}

/// One piece of evidence: held, quote (with conditions, note and its check), speaker, basis,
/// confidence, article.
fn row(r: &Report, o: ObservationId) -> Markup {
    let ds = r.input.ds;
    let ob: &Observation = ds.observation(o);
    let check = r.checks.as_ref().and_then(|c| c[o.index()].as_ref());
    html! {
        tr data-obs={ "o" (o.index()) } {
            td { (ob.held) }
            td {
                @match &ob.quote { Some(q) => { q { (q) } }, None => span.muted { "no quote" } }
                @if let Some(QuoteCheck::Missing { closest }) = check {
                    div.miss {
                        "Not found in the source text."
                        @if let Some(c) = closest { " Closest passage: " q { (c) } }
                    }
                }
                @if let Some(c) = &ob.conditions { div.cond { "Conditions: " (c) } }
                @if let Some(n) = &ob.note { div.note { "Note: " (n) } }
            }
            td { @if let Some(s) = &ob.speaker { (s) } }
            td { (ob.basis) }
            td { (ob.confidence) }
            td { a href={ "#a" (ob.article.index()) } { (ds.article(ob).title) } }
        }
    }
}

fn direction(c: &Change, r: &Report) -> String {
    c.direction.describe(&r.input.ds.codebook)
}

fn changes_table<'c>(
    r: &Report,
    rows: impl Iterator<Item = (usize, &'c Change, Option<usize>)>,
    with_party: bool,
) -> Markup {
    html! {
        table.changes {
            thead { tr {
                th scope="col" { "Date" }
                @if with_party { th scope="col" { "Party" } }
                th scope="col" { "From" } th scope="col" { "To" } th scope="col" { "Direction" }
                th scope="col" { "Articles" }
            } }
            tbody {
                @for (lane, c, seg) in rows {
                    tr {
                        td { @match seg {
                            Some(s) => a href={ "#p" (lane) "-s" (s) } { (c.date) },
                            None => (c.date),
                        } }
                        @if with_party { td { (r.input.ds.codebook.party(c.party).name) } }
                        td { (swatch(c.from, dotted(r, c.from))) (label(r, c.from)) }
                        td { (swatch(c.to, dotted(r, c.to))) (label(r, c.to)) }
                        td { (direction(c, r)) }
                        td.num { (distinct_articles(r, &c.evidence)) }
                    }
                }
            }
        }
    }
}

fn all_changes(r: &Report) -> Markup {
    html! {
        section #changes aria-labelledby="changes-h" {
            h2 #changes-h { "Changes" }
            @if r.changes.is_empty() {
                p.muted { "No change of stance in range." }
            } @else {
                p.hint { "Every change of stance of the parties shown, in time order; a conflict between two stances is stepped over." }
                (changes_table(r, r.changes.iter().map(|&(i, k)| {
                    let (c, s) = &r.lanes[i].changes[k];
                    (i, c, *s)
                }), true))
            }
        }
    }
}

/// A source's quote checks, in words, and the quotes not found.
fn quote_checks(r: &Report, a: ArticleId) -> Markup {
    let (Some(texts), Some(checks)) = (&r.input.sources, &r.checks) else {
        return html! {};
    };
    let ds = r.input.ds;
    let mine: Vec<(&Observation, &QuoteCheck)> = ds
        .observations
        .iter()
        .zip(checks)
        .filter(|(o, _)| o.article == a)
        .filter_map(|(o, c)| Some((o, c.as_ref()?)))
        .collect();
    let quoted = mine
        .iter()
        .filter(|(_, c)| **c != QuoteCheck::NoQuote)
        .count();
    let missing: Vec<(&Observation, &Option<String>)> = mine
        .iter()
        .filter_map(|(o, c)| match c {
            QuoteCheck::Missing { closest } => Some((*o, closest)),
            _ => None,
        })
        .collect();
    html! {
        td {
            @match texts.get(a.index()) {
                Some(SourceText::NotNamed) | None => span.muted { "no source text named" },
                Some(SourceText::Unreadable(why)) => span.miss { (why) },
                Some(SourceText::Text(_)) if quoted == 0 => span.muted { "no quotes" },
                Some(SourceText::Text(_)) if missing.is_empty() => {
                    span.found { @if quoted == 1 { "the quote is found" } @else { "all " (quoted) " quotes found" } }
                }
                Some(SourceText::Text(_)) => {
                    span.miss { (missing.len()) " of " (plural(quoted, "quote", "quotes")) " not found" }
                    ul.missing {
                        @for (o, closest) in &missing {
                            li {
                                q { (o.quote.as_deref().unwrap_or_default()) }
                                @if let Some(c) = closest { "; closest passage: " q { (c) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Whether a URL is a web address: only those are links (a `javascript:` URL would be a
/// script, which the page's policy blocks anyway).
fn web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn sources(r: &Report) -> Markup {
    let ds = r.input.ds;
    let checked = r.input.sources.is_some();
    let table = html! {
        table.sources {
            thead { tr {
                th scope="col" { "Article" } th scope="col" { "Outlet" } th scope="col" { "Author" }
                th scope="col" { "Published" } th scope="col" { "Positions" }
                @if checked { th scope="col" { "Quotes in the source text" } }
            } }
            tbody {
                @for &(a, n) in &r.articles {
                    @let art = &ds.articles[a.index()];
                    tr #{ "a" (a.index()) } tabindex="-1" {
                        th scope="row" {
                            @match art.url.as_deref().filter(|u| web(u)) {
                                Some(u) => a href=(u) target="_blank" rel="noopener" { (art.title) },
                                None => (art.title),
                            }
                            @if let Some(u) = art.url.as_deref().filter(|u| !web(u)) {
                                div.file { (u) }
                            }
                            div.file { (art.file) }
                        }
                        td { (art.outlet) }
                        td { @if let Some(au) = &art.author { (au) } }
                        td { (art.published) }
                        td.num { (n) }
                        @if checked { (quote_checks(r, a)) }
                    }
                }
            }
        }
    };
    html! {
        section #sources aria-labelledby="sources-h" {
            h2 #sources-h { "Sources" }
            @if r.articles.is_empty() {
                p.muted { "No article is behind what is shown." }
            } @else {
                @if r.open {
                    (table)
                } @else {
                    // Closed: laid out at once, tens of thousands of rows hold the page for
                    // seconds as it opens.
                    details {
                        summary { "The " (plural(r.articles.len(), "article", "articles")) " behind what is shown" }
                        (table)
                    }
                }
                @if !checked {
                    p.muted { "Quotes were not checked against the articles' texts (run with --sources DIR to check them)." }
                }
            }
        }
    }
}

fn skipped(r: &Report) -> Markup {
    let files = &r.input.skipped;
    html! {
        @if !files.is_empty() {
            section #skipped aria-labelledby="skipped-h" {
                h2 #skipped-h { "Files left out" }
                p.miss { (plural(files.len(), "annotation file has", "annotation files have")) " errors and " (if files.len() == 1 { "is" } else { "are" }) " left out of this report (--skip-broken); run stanceline check to see them all." }
                table {
                    thead { tr { th scope="col" { "File" } th scope="col" { "Errors" } th scope="col" { "First error" } } }
                    tbody {
                        @for f in files {
                            tr { th scope="row" { (f.file) } td.num { (f.errors) } td { (f.first) } }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    fn base64(bytes: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
            for k in 0..4 {
                if k <= chunk.len() {
                    out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    #[test]
    fn the_policy_names_the_script() {
        assert_eq!(base64(b"any carnal pleas"), "YW55IGNhcm5hbCBwbGVhcw==");
        let hash = format!("sha256-{}", base64(&Sha256::digest(SCRIPT.as_bytes())));
        assert_eq!(SCRIPT_HASH, hash, "put this hash in SCRIPT_HASH: {hash}");
    }

    #[test]
    fn scores_print_short() {
        assert_eq!(score(-2.0), "-2");
        assert_eq!(score(0.5), "0.5");
        assert_eq!(score(0.0), "0");
    }
}
