//! The words behind each mark: the `<title>` of a segment, a conflict or a marker in SVG,
//! which a browser shows on hover, and which a report can read. Built only for SVG.

use super::runs::Dense;
use super::setup::Chart;
use crate::model::ObservationId;
use crate::model::observation::{Basis, Confidence};
use crate::model::timeline::{Segment, State, Timeline};
use crate::words::plural;

/// The most positions a marker's title quotes; the others are counted.
const QUOTED: usize = 4;

/// `North Korea: Bilateral only, 2009-07-27 until 2009-10-27` and the evidence behind it.
pub fn segment(chart: &Chart, tl: &Timeline, seg: &Segment) -> String {
    let cb = &chart.ds.codebook;
    let party = &cb.party(tl.party).name;
    let state = match &seg.state {
        State::Stance(s) => cb.stance(*s).label.clone(),
        State::Conflict(v) => {
            let labels: Vec<&str> = v.iter().map(|&s| cb.stance(s).label.as_str()).collect();
            format!("sources disagree: {}", labels.join(" vs "))
        }
    };
    let from = seg
        .start
        .map_or("from an open start".to_string(), |d| format!("from {d}"));
    let until = match seg.end {
        Some(d) => format!("until {d}"),
        None => "onward (no later position recorded)".to_string(),
    };
    let mut articles: Vec<_> = seg
        .evidence
        .iter()
        .map(|&o| chart.ds.observation(o).article)
        .collect();
    articles.sort_unstable();
    articles.dedup();
    let mut text = format!("{party}: {state}\n{from} {until}");
    // A start or end not known to the day, as the chart fades it.
    if let Some(start) = seg.inexact_start(chart.ds) {
        text.push_str(&format!("\nstart: {}", start.describe()));
    }
    if let Some(end) = seg.inexact_end(chart.ds) {
        text.push_str(&format!("\nend: {}", end.describe()));
    }
    text.push_str(&format!(
        "\n{} from {}",
        plural(seg.evidence.len(), "position", "positions"),
        plural(articles.len(), "article", "articles"),
    ));
    for &a in articles.iter().take(QUOTED) {
        if !chart.ds.articles[a.index()].title.is_empty() {
            text.push_str(&format!("\n· {}", article_line(chart, a.index())));
        }
    }
    if articles.len() > QUOTED {
        text.push_str(&format!("\n· and {} more", articles.len() - QUOTED));
    }
    text
}

/// A crowded lane, drawn in columns: how many positions, and each stance's share of the
/// time drawn.
pub fn dense(chart: &Chart, tl: &Timeline, dense: &Dense) -> String {
    let cb = &chart.ds.codebook;
    let mut time = vec![0.0; cb.stances().len()];
    for c in &dense.columns {
        for &(s, share) in &c.shares {
            time[s.index()] += share * (c.x1 - c.x0);
        }
    }
    let total: f64 = time.iter().sum();
    let shares: Vec<String> = cb
        .stances_in_scale_order()
        .into_iter()
        .filter(|s| time[s.index()] > 0.0)
        .map(|s| {
            format!(
                "{} {:.0} %",
                cb.stance(s).label,
                time[s.index()] / total * 100.0
            )
        })
        .collect();
    format!(
        "{}: {}, too many to draw one by one; each column shows the stances' shares of its \
         days\nover the time drawn: {}",
        cb.party(tl.party).name,
        plural(tl.observations.len(), "position", "positions"),
        shares.join(", ")
    )
}

/// `Title, Outlet, 2009-07-27`
fn article_line(chart: &Chart, index: usize) -> String {
    let a = &chart.ds.articles[index];
    let mut line = a.title.clone();
    if !a.outlet.is_empty() {
        line.push_str(&format!(", {}", a.outlet));
    }
    line.push_str(&format!(", {}", a.published));
    line
}

fn basis(b: Basis) -> &'static str {
    match b {
        Basis::Statement => "statement",
        Basis::Report => "report",
        Basis::Inference => "inference",
    }
}

fn confidence(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high confidence",
        Confidence::Medium => "medium confidence",
        Confidence::Low => "low confidence",
    }
}

/// Each position behind a marker: party, stance and when; the quote, who said it, on what
/// basis; the article.
pub fn marker(chart: &Chart, ids: &[ObservationId]) -> String {
    let cb = &chart.ds.codebook;
    let mut parts = Vec::new();
    for &o in ids.iter().take(QUOTED) {
        let ob = chart.ds.observation(o);
        let mut text = format!(
            "{}: {}, held {}",
            cb.party(ob.party).name,
            cb.stance(ob.stance).label,
            ob.held.describe()
        );
        if let Some(q) = &ob.quote {
            text.push_str(&format!("\n“{q}”"));
        }
        let mut who = Vec::new();
        if let Some(s) = &ob.speaker {
            who.push(s.to_string());
        }
        who.push(basis(ob.basis).to_string());
        who.push(confidence(ob.confidence).to_string());
        text.push_str(&format!("\n{}", who.join(", ")));
        let a = &chart.ds.articles[ob.article.index()];
        if !a.title.is_empty() {
            text.push_str(&format!("\n{}", article_line(chart, ob.article.index())));
        }
        parts.push(text);
    }
    if ids.len() > QUOTED {
        parts.push(format!(
            "and {} more",
            plural(ids.len() - QUOTED, "position", "positions")
        ));
    }
    parts.join("\n\n")
}

/// A party's full name, short label and aliases: the title of its label.
pub fn party(chart: &Chart, tl: &Timeline) -> String {
    let p = chart.ds.codebook.party(tl.party);
    let mut text = p.name.clone();
    let mut other: Vec<&str> = p.short.iter().map(String::as_str).collect();
    other.extend(p.aliases.iter().map(String::as_str));
    if !other.is_empty() {
        text.push_str(&format!(" (also: {})", other.join(", ")));
    }
    text.push_str(&format!(
        "\n{}",
        plural(tl.observations.len(), "position", "positions")
    ));
    text
}

/// The distinct stance ids of the positions behind a marker, in the order first met.
pub fn marker_stances<'a>(chart: &'a Chart, ids: &[ObservationId]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for &o in ids {
        let id = chart
            .ds
            .codebook
            .stance(chart.ds.observation(o).stance)
            .id
            .as_str();
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// The URL of the article behind a marker's first position, if it has one and it is a web
/// address (a `javascript:` URL would run when the link is followed).
pub fn marker_link<'a>(chart: &'a Chart, ids: &[ObservationId]) -> Option<&'a str> {
    let first = chart.ds.observation(*ids.first()?);
    let url = chart.ds.articles[first.article.index()].url.as_deref()?;
    let scheme = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (scheme.starts_with("https://") || scheme.starts_with("http://")).then_some(url)
}
