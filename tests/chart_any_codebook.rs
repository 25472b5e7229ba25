//! Charts that hold for any codebook (issue 15): the real binary draws every fixture written for
//! it (the Iran nuclear talks, the edge codebooks) and the shipped annotations, in both kinds,
//! both themes, at 1200 and 700 px, and the tests read the SVG back: legend colours readers can
//! tell apart, full names and evidence in `<title>`s, no stance too thin to see, open stances
//! to the end of the axis, no text off the image or on other text (measured with the embedded
//! font), lines at their stance, labels shortened by whole words only.
//!
//! Each chart is rendered once per test binary and parsed into groups (`Chart`), which the
//! tests share.

mod common;
use serde::Deserialize;
use serde_json::Value;
use stanceline::color::{Color, DISTINCT, ciede2000};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

// ---------------------------------------------------------------------------------------------
// The fixtures and how they are drawn.

/// Every codebook the charts are tested on: name and directory, relative to the repository.
const FIXTURES: [(&str, &str); 7] = [
    ("iran", "tests/fixtures/iran"),
    ("long-question", "tests/fixtures/edge/long-question"),
    ("nine-stances", "tests/fixtures/edge/nine-stances"),
    ("no-scores", "tests/fixtures/edge/no-scores"),
    ("one-position", "tests/fixtures/edge/one-position"),
    ("twelve-parties", "tests/fixtures/edge/twelve-parties"),
    ("shipped", "annotations"),
];

const KINDS: [&str; 2] = ["lanes", "scores"];
const THEMES: [&str; 2] = ["light", "dark"];
const WIDTHS: [u32; 2] = [1200, 700];

/// Rounding in the SVG's numbers (two decimals) and in sums of them.
const EPS: f64 = 0.02;

/// One chart to draw: which annotations, how, and any more arguments (`--known-by`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Spec {
    dir: PathBuf,
    kind: &'static str,
    theme: &'static str,
    width: u32,
    extra: Vec<String>,
}

impl Spec {
    fn new(dir: impl Into<PathBuf>, kind: &'static str, theme: &'static str, width: u32) -> Spec {
        Spec {
            dir: dir.into(),
            kind,
            theme,
            width,
            extra: Vec::new(),
        }
    }

    fn with(mut self, args: &[&str]) -> Spec {
        self.extra.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// `iran lanes dark 700`, for failure messages.
    fn name(&self) -> String {
        let dir = self.dir.display().to_string();
        let fixture = FIXTURES
            .iter()
            .find(|(_, d)| *d == dir)
            .map_or(dir.as_str(), |(n, _)| n);
        let mut name = format!("{fixture} {} {} {}", self.kind, self.theme, self.width);
        for a in &self.extra {
            name.push(' ');
            name.push_str(a);
        }
        name
    }

    fn args(&self, out: &Path) -> Vec<String> {
        let mut args: Vec<String> = vec!["chart".into(), "--annotations".into()];
        args.push(self.dir.display().to_string());
        for (flag, value) in [
            ("--kind", self.kind.to_string()),
            ("--theme", self.theme.to_string()),
            ("--width", self.width.to_string()),
        ] {
            args.push(flag.into());
            args.push(value);
        }
        args.extend(self.extra.iter().cloned());
        args.push("-o".into());
        args.push(out.display().to_string());
        args
    }

    /// Draw this chart as `ext` (svg or png) with the binary; its bytes.
    fn draw(&self, ext: &str) -> Vec<u8> {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join(format!("chart.{ext}"));
        let run = binary(&self.args(&out));
        assert_eq!(run.status, 0, "{}: {}", self.name(), run.stderr);
        std::fs::read(&out).unwrap_or_else(|e| panic!("{}: {e}", self.name()))
    }
}

/// Run the binary from the repository root.
fn binary<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> common::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(args)
        .current_dir(common::root())
        .env_remove("STANCELINE_ANNOTATIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    common::Output {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The chart `spec` as SVG, parsed; drawn once per test binary, whichever test asks first.
fn chart(spec: &Spec) -> Arc<Chart> {
    type Cell = Arc<OnceLock<Arc<Chart>>>;
    static CACHE: OnceLock<Mutex<HashMap<Spec, Cell>>> = OnceLock::new();
    let cell: Cell = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap()
        .entry(spec.clone())
        .or_default()
        .clone();
    cell.get_or_init(|| {
        let svg = String::from_utf8(spec.draw("svg")).unwrap();
        Arc::new(Chart::parse(&svg, spec.name()))
    })
    .clone()
}

/// Whether a fixture's codebook gives any stance a score (the scores chart exists).
fn has_scale(dir: &str) -> bool {
    codebook(dir).stances.iter().any(|s| s.score.is_some())
}

/// Every chart of every fixture: both kinds (lanes only without a scale), both themes, both
/// widths.
fn every_chart() -> Vec<Arc<Chart>> {
    let mut out = Vec::new();
    for (_, dir) in FIXTURES {
        for kind in KINDS {
            if kind == "scores" && !has_scale(dir) {
                continue;
            }
            for theme in THEMES {
                for width in WIDTHS {
                    out.push(chart(&Spec::new(dir, kind, theme, width)));
                }
            }
        }
    }
    out
}

/// Every chart of every fixture in the light theme at `width` (for what the theme cannot
/// change: geometry, names).
fn light_charts(width: u32) -> Vec<Arc<Chart>> {
    every_chart()
        .into_iter()
        .filter(|c| c.spec_name.contains(&format!(" light {width}")))
        .collect()
}

/// Fail with every problem found, one per line, rather than with the first.
fn assert_none(problems: Vec<String>, what: &str) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// What the fixtures hold: the codebook as written, and the positions as `events` lists them.

#[derive(Deserialize)]
struct Codebook {
    question: String,
    stances: Vec<Stance>,
    parties: Vec<Party>,
}

#[derive(Deserialize)]
struct Stance {
    id: String,
    label: String,
    short: Option<String>,
    score: Option<f64>,
}

#[derive(Deserialize)]
struct Party {
    id: String,
    name: String,
    short: Option<String>,
}

impl Codebook {
    fn party(&self, id: &str) -> &Party {
        self.parties
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("no party `{id}`"))
    }

    fn stance(&self, id: &str) -> &Stance {
        self.stances
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("no stance `{id}`"))
    }
}

fn codebook(dir: impl AsRef<Path>) -> Codebook {
    let path = common::root().join(dir).join("codebook.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The positions of `dir`, as `stanceline events --format json` prints them.
fn events(dir: impl AsRef<Path>) -> Vec<Value> {
    let dir = dir.as_ref().display().to_string();
    let out = binary(&["events", "--annotations", &dir, "--format", "json"]);
    assert_eq!(out.status, 0, "{dir}: {}", out.stderr);
    serde_json::from_str::<Vec<Value>>(&out.stdout).unwrap()
}

/// A field of an event as text (`None` for null).
fn field<'a>(event: &'a Value, name: &str) -> Option<&'a str> {
    event[name].as_str()
}

/// A copy of the annotations in `dir` in a temporary directory, with `edit` applied to the
/// text of each file (by its path relative to `dir`).
fn copy_fixture(dir: &str, edit: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = common::root().join(dir);
    let mut files = vec![PathBuf::from("codebook.yaml")];
    for e in std::fs::read_dir(src.join("articles")).unwrap() {
        files.push(Path::new("articles").join(e.unwrap().file_name()));
    }
    for rel in files {
        let text = std::fs::read_to_string(src.join(&rel)).unwrap();
        let to = tmp.path().join("annotations").join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, edit(&rel.display().to_string(), text)).unwrap();
    }
    tmp
}

// ---------------------------------------------------------------------------------------------
// The SVG, read back: groups of marks with their class, party, stances, tooltip and shapes.

#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: String,
    },
    Circle {
        fill: String,
    },
    Polygon {
        fill: String,
    },
}

impl Shape {
    fn fill(&self) -> &str {
        match self {
            Shape::Rect { fill, .. } | Shape::Circle { fill } | Shape::Polygon { fill } => fill,
        }
    }
}

/// A `<rect>`'s box.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn right(&self) -> f64 {
        self.x + self.w
    }

    fn middle_y(&self) -> f64 {
        self.y + self.h / 2.0
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Text {
    x: f64,
    /// The baseline.
    y: f64,
    size: f64,
    bold: bool,
    /// `start`, `middle` or `end`.
    anchor: String,
    content: String,
}

#[derive(Debug, Clone, PartialEq)]
struct Group {
    /// `segment`, `conflict`, `marker`, `label`, `legend`, `level`.
    class: String,
    party: Option<String>,
    stances: Vec<String>,
    title: String,
    /// The link around the group.
    href: Option<String>,
    shapes: Vec<Shape>,
    texts: Vec<Text>,
}

impl Group {
    fn rects(&self) -> impl Iterator<Item = Rect> + '_ {
        self.shapes.iter().filter_map(|s| match *s {
            Shape::Rect { x, y, w, h, .. } => Some(Rect { x, y, w, h }),
            _ => None,
        })
    }

    fn first_rect(&self) -> Option<Rect> {
        self.rects().next()
    }

    /// Its visible text, lines joined by a space.
    fn text(&self) -> String {
        let lines: Vec<&str> = self.texts.iter().map(|t| t.content.as_str()).collect();
        lines.join(" ")
    }
}

/// A chart read back from its SVG.
#[derive(Debug)]
struct Chart {
    /// Which chart, for failure messages.
    spec_name: String,
    width: f64,
    height: f64,
    role: Option<String>,
    labelledby: Option<String>,
    /// The root's `<title>` and `<desc>`.
    title: String,
    desc: String,
    groups: Vec<Group>,
    /// Shapes outside any group (background, grid, axis).
    loose: Vec<Shape>,
    /// Every `<text>`, in or out of groups.
    texts: Vec<Text>,
}

fn number(node: roxmltree::Node, name: &str) -> f64 {
    let v = node
        .attribute(name)
        .unwrap_or_else(|| panic!("<{}> without {name}", node.tag_name().name()));
    v.parse()
        .unwrap_or_else(|_| panic!("{name}=\"{v}\" is not a number"))
}

fn shape(node: roxmltree::Node) -> Option<Shape> {
    let fill = node.attribute("fill").unwrap_or("").to_string();
    Some(match node.tag_name().name() {
        "rect" => Shape::Rect {
            x: number(node, "x"),
            y: number(node, "y"),
            w: number(node, "width"),
            h: number(node, "height"),
            fill,
        },
        "circle" => Shape::Circle { fill },
        "polygon" => Shape::Polygon { fill },
        _ => return None,
    })
}

fn text(node: roxmltree::Node) -> Text {
    Text {
        x: number(node, "x"),
        y: number(node, "y"),
        size: number(node, "font-size"),
        bold: node.attribute("font-weight") == Some("bold"),
        anchor: node.attribute("text-anchor").unwrap_or("start").to_string(),
        content: node.text().unwrap_or("").to_string(),
    }
}

/// The text of a node's `<title>` child.
fn title_of(node: roxmltree::Node) -> Option<String> {
    node.children()
        .find(|c| c.has_tag_name("title"))
        .map(|t| t.text().unwrap_or("").to_string())
}

impl Chart {
    fn parse(svg: &str, spec_name: String) -> Chart {
        let doc = roxmltree::Document::parse(svg)
            .unwrap_or_else(|e| panic!("{spec_name}: the SVG does not parse: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg", "{spec_name}");
        let mut chart = Chart {
            width: number(root, "width"),
            height: number(root, "height"),
            role: root.attribute("role").map(String::from),
            labelledby: root.attribute("aria-labelledby").map(String::from),
            title: title_of(root).unwrap_or_default(),
            desc: root
                .children()
                .find(|c| c.has_tag_name("desc"))
                .and_then(|d| d.text())
                .unwrap_or("")
                .to_string(),
            groups: Vec::new(),
            loose: Vec::new(),
            texts: Vec::new(),
            spec_name,
        };
        chart.read(root, None);
        chart
    }

    /// Read the children of `node`; groups get `href` when inside a link.
    fn read(&mut self, node: roxmltree::Node, href: Option<&str>) {
        for child in node.children().filter(|c| c.is_element()) {
            match child.tag_name().name() {
                "a" => self.read(child, child.attribute("href")),
                "g" => self.group(child, href),
                "text" => self.texts.push(text(child)),
                _ => self.loose.extend(shape(child)),
            }
        }
    }

    fn group(&mut self, node: roxmltree::Node, href: Option<&str>) {
        let mut g = Group {
            class: node.attribute("class").unwrap_or("").to_string(),
            party: node.attribute("data-party").map(String::from),
            stances: node
                .attribute("data-stance")
                .map(|s| s.split(' ').map(String::from).collect())
                .unwrap_or_default(),
            title: title_of(node).unwrap_or_default(),
            href: href.map(String::from),
            shapes: Vec::new(),
            texts: Vec::new(),
        };
        for child in node.children().filter(|c| c.is_element()) {
            match child.tag_name().name() {
                "text" => g.texts.push(text(child)),
                "g" | "a" => panic!("{}: a group inside a group", self.spec_name),
                _ => g.shapes.extend(shape(child)),
            }
        }
        self.texts.extend(g.texts.iter().cloned());
        self.groups.push(g);
    }

    fn is_scores(&self) -> bool {
        self.spec_name.contains(" scores ")
    }

    fn class<'a>(&'a self, class: &'a str) -> impl Iterator<Item = &'a Group> + 'a {
        self.groups.iter().filter(move |g| g.class == class)
    }

    /// The segment and conflict groups of each party, left to right.
    fn runs_by_party(&self) -> BTreeMap<&str, Vec<&Group>> {
        let mut out: BTreeMap<&str, Vec<&Group>> = BTreeMap::new();
        for g in self
            .groups
            .iter()
            .filter(|g| g.class == "segment" || g.class == "conflict")
        {
            out.entry(g.party.as_deref().unwrap_or(""))
                .or_default()
                .push(g);
        }
        for runs in out.values_mut() {
            runs.sort_by(|a, b| self.extent(a).0.total_cmp(&self.extent(b).0));
        }
        out
    }

    /// The x extent of a segment or conflict on the time axis: in the lanes chart and for a
    /// conflict, its first rect (the bar, or the shading); for a line of the scores chart, its
    /// horizontal stretches.
    fn extent(&self, g: &Group) -> (f64, f64) {
        if self.is_scores() && g.class == "segment" {
            let flat: Vec<Rect> = horizontal(g).collect();
            let x0 = flat.iter().map(|r| r.x).fold(f64::MAX, f64::min);
            let x1 = flat.iter().map(|r| r.right()).fold(f64::MIN, f64::max);
            (x0, x1)
        } else {
            let r = g
                .first_rect()
                .unwrap_or_else(|| panic!("{}: a {} without a rect", self.spec_name, g.class));
            (r.x, r.right())
        }
    }

    /// The time axis line: the widest rect one pixel high outside the groups. Its ends are
    /// the axis' ends.
    fn axis(&self) -> Rect {
        self.loose
            .iter()
            .filter_map(|s| match *s {
                Shape::Rect { x, y, w, h, .. } if (h - 1.0).abs() < EPS => {
                    Some(Rect { x, y, w, h })
                }
                _ => None,
            })
            .max_by(|a, b| a.w.total_cmp(&b.w))
            .unwrap_or_else(|| panic!("{}: no axis line", self.spec_name))
    }
}

/// The horizontal stretches of a scores chart's line: rects wider than high.
fn horizontal(g: &Group) -> impl Iterator<Item = Rect> + '_ {
    g.rects().filter(|r| r.w >= r.h)
}

fn color(hex: &str) -> Color {
    Color::parse(hex).unwrap_or_else(|| panic!("fill=\"{hex}\" is not a colour"))
}

// ---------------------------------------------------------------------------------------------
// 1. Legend colours readers can tell apart.

/// A legend entry's colour key: the colour of its first shape, and how that shape is drawn
/// (a swatch, or a line's dash as the widths of its pieces: past the palette, a party's second
/// cue is its dash, so only keys drawn alike must differ in colour). `None` for an entry
/// without a colour of its own: no shape ("No position shown: ..."), a marker shape (ink), the
/// count strip (grey), and the conflict key, which is drawn like the chart's conflicts, in the
/// colours of the stances (lanes) or the tint of a party (scores) it explains; test 10 checks
/// that one against the chart.
fn legend_key(g: &Group) -> Option<(Color, String)> {
    let label = g.text();
    // Keys of patterns drawn in neutral ink, not the color of a stance or party.
    if [
        "Sources disagree",
        "Observations (crowded",
        "Faded:",
        "Fainter:",
    ]
    .iter()
    .any(|p| label.starts_with(p))
    {
        return None;
    }
    match g.shapes.first()? {
        Shape::Rect { fill, .. } => {
            let widths: Vec<String> = g.rects().map(|r| format!("{:.1}", r.w)).collect();
            let drawn = match g.rects().next() {
                Some(r) if r.h > 3.0 => "swatch".to_string(),
                _ => format!("line {}", widths.join(" ")),
            };
            Some((color(fill), drawn))
        }
        Shape::Circle { .. } | Shape::Polygon { .. } => None,
    }
}

#[test]
fn legend_keys_differ_in_colour_by_at_least_the_distance_readers_need() {
    let mut problems = Vec::new();
    let mut compared = 0;
    for c in every_chart() {
        let keys: Vec<(String, Color, String)> = c
            .class("legend")
            .filter_map(|g| legend_key(g).map(|(col, drawn)| (g.text(), col, drawn)))
            .collect();
        for (i, (a, ca, da)) in keys.iter().enumerate() {
            for (b, cb, db) in &keys[i + 1..] {
                if da != db {
                    continue;
                }
                compared += 1;
                let d = ciede2000(*ca, *cb);
                if d < DISTINCT {
                    problems.push(format!(
                        "{}: `{a}` {} and `{b}` {} are {d:.1} apart",
                        c.spec_name,
                        ca.hex(),
                        cb.hex()
                    ));
                }
            }
        }
    }
    // Iran alone has 6 stances (15 pairs) and 12 parties (66 pairs) per theme and width.
    assert!(compared > 300, "only {compared} pairs compared");
    assert_none(problems, "legend colours too close");
}

// ---------------------------------------------------------------------------------------------
// 2. Full names.

#[test]
fn every_party_s_full_name_is_in_a_title() {
    let mut problems = Vec::new();
    for (fixture, dir) in FIXTURES {
        let cb = codebook(dir);
        for kind in KINDS
            .into_iter()
            .filter(|&k| k == "lanes" || has_scale(dir))
        {
            for p in &cb.parties {
                for width in WIDTHS {
                    let c = chart(&Spec::new(dir, kind, "light", width));
                    // Lanes: the label's title starts with the full name; scores: a legend entry's
                    // title holds it (its line's, or the list of parties with nothing shown).
                    let found = match kind {
                        "lanes" => c.class("label").any(|g| {
                            g.party.as_deref() == Some(p.id.as_str())
                                && g.title.starts_with(&p.name)
                        }),
                        _ => c.class("legend").any(|g| g.title.contains(&p.name)),
                    };
                    if !found {
                        problems.push(format!(
                            "{fixture} {kind} {width}: no title with `{}`",
                            p.name
                        ));
                    }
                }
            }
        }
    }
    assert_none(problems, "full names missing");
}

// ---------------------------------------------------------------------------------------------
// 3. Evidence on hover.

/// What is wrong with the tooltips and links of chart `c` of the annotations in `dir`, whose
/// positions are `events`.
fn tooltip_problems(c: &Chart, dir: &Path, events: &[Value]) -> Vec<String> {
    let cb = codebook(dir);
    let mut problems = Vec::new();
    let mut say = |what: String| problems.push(format!("{}: {what}", c.spec_name));
    if c.role.as_deref() != Some("img") || c.labelledby.as_deref() != Some("chart-title chart-desc")
    {
        say(format!(
            "root role={:?} aria-labelledby={:?}",
            c.role, c.labelledby
        ));
    }
    if c.title != cb.question {
        say(format!("root <title> `{}` is not the question", c.title));
    }
    if c.desc.trim().is_empty() {
        say("an empty <desc>".into());
    }
    for g in c.class("segment").chain(c.class("conflict")) {
        let Some(party) = g.party.as_deref() else {
            say(format!("a {} without data-party", g.class));
            continue;
        };
        let name = &cb.party(party).name;
        if !g.title.starts_with(&format!("{name}: ")) {
            say(format!("{} of {party}: title `{}`", g.class, g.title));
        }
        for s in &g.stances {
            if !g.title.contains(&cb.stance(s).label) {
                say(format!("{} of {party}: no `{s}` in `{}`", g.class, g.title));
            }
        }
    }
    for g in c.class("marker") {
        let party = g.party.as_deref().unwrap_or("");
        // The positions it stands for: its party's, at a stance it names, held when it says.
        let behind: Vec<&Value> = events
            .iter()
            .filter(|e| field(e, "party") == Some(party))
            .filter(|e| g.stances.iter().any(|s| field(e, "stance") == Some(s)))
            .filter(|e| {
                g.title
                    .contains(&format!("held {}", field(e, "held").unwrap()))
            })
            .collect();
        if behind.is_empty() {
            say(format!(
                "marker of {party}: no position behind `{}`",
                g.title
            ));
            continue;
        }
        // One of them in full: its quote, its speaker, its article's title.
        let quoted = behind.iter().any(|e| {
            field(e, "quote").is_none_or(|q| g.title.contains(&format!("“{q}”")))
                && field(e, "speaker").is_none_or(|s| g.title.contains(s))
                && g.title.contains(field(e, "title").unwrap())
        });
        if !quoted {
            let e = behind[0];
            say(format!(
                "marker of {party}: `{}` lacks the quote `{}`, speaker `{}` or article `{}`",
                g.title,
                field(e, "quote").unwrap_or("-"),
                field(e, "speaker").unwrap_or("-"),
                field(e, "title").unwrap_or("-"),
            ));
        }
        let urls: Vec<Option<&str>> = behind.iter().map(|e| field(e, "url")).collect();
        match (&g.href, urls[0]) {
            (Some(href), _) if !urls.contains(&Some(href.as_str())) => say(format!(
                "marker of {party}: a link to `{href}`, not its article's"
            )),
            (None, Some(url)) if urls.iter().all(|u| *u == Some(url)) => {
                say(format!("marker of {party}: no link to `{url}`"))
            }
            _ => {}
        }
    }
    problems
}

#[test]
fn every_segment_conflict_and_marker_has_its_evidence_as_title() {
    let mut problems = Vec::new();
    let mut markers = 0;
    for (_, dir) in FIXTURES {
        let events = events(dir);
        for kind in KINDS
            .into_iter()
            .filter(|&k| k == "lanes" || has_scale(dir))
        {
            for width in WIDTHS {
                let c = chart(&Spec::new(dir, kind, "light", width));
                markers += c.class("marker").count();
                problems.extend(tooltip_problems(&c, Path::new(dir), &events));
            }
        }
    }
    assert!(markers > 50, "{markers} markers");
    assert_none(problems, "tooltips");
}

#[test]
fn a_marker_whose_article_has_a_url_links_to_it() {
    // The shipped articles have URLs; one Iran article gets one with `&` to escape.
    let url = "https://www.theguardian.com/world/2015/jul/14/iran-nuclear-deal?a=1&b=2";
    let tmp = copy_fixture("tests/fixtures/iran", |rel, text| {
        if rel.contains("2015-07-14") {
            text.replace(
                "  published: 2015-07-14\n",
                &format!("  published: 2015-07-14\n  url: {url}\n"),
            )
        } else {
            text
        }
    });
    let dir = tmp.path().join("annotations");
    let iran = events(&dir);
    assert!(iran.iter().any(|e| field(e, "url") == Some(url)));
    let mut links = 0;
    let mut problems = Vec::new();
    for (dir, events) in [
        (dir.clone(), iran),
        ("annotations".into(), events("annotations")),
    ] {
        for kind in KINDS {
            let c = chart(&Spec::new(&dir, kind, "light", 1200));
            links += c.class("marker").filter(|g| g.href.is_some()).count();
            problems.extend(tooltip_problems(&c, &dir, &events));
        }
    }
    assert_none(problems, "links");
    assert!(links > 10, "{links} markers link to their article");
}

// ---------------------------------------------------------------------------------------------
// 4. No stance too thin to see.

/// The narrowest segment, conflict or gap, at the default width.
const MIN_RUN: f64 = 3.0;

#[test]
fn every_segment_conflict_and_gap_is_at_least_3_px_at_the_default_width() {
    let mut problems = Vec::new();
    for c in light_charts(1200) {
        for (party, runs) in c.runs_by_party() {
            let mut prev: Option<(f64, f64)> = None;
            for g in runs {
                let (x0, x1) = c.extent(g);
                if x1 - x0 < MIN_RUN - EPS {
                    problems.push(format!(
                        "{}: {} of {party} {:.2} px wide: `{}`",
                        c.spec_name,
                        g.class,
                        x1 - x0,
                        g.title.lines().next().unwrap_or("")
                    ));
                }
                if let Some((_, end)) = prev {
                    let gap = x0 - end;
                    if gap > EPS && gap < MIN_RUN - EPS {
                        problems.push(format!(
                            "{}: a gap of {gap:.2} px in {party}'s lane before `{}`",
                            c.spec_name,
                            g.title.lines().next().unwrap_or("")
                        ));
                    }
                }
                prev = Some((x0, x1));
            }
        }
    }
    assert_none(problems, "too thin");
}

#[test]
fn a_change_in_the_latest_article_is_at_least_3_px_wide() {
    let mut problems = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (fixture, dir) in FIXTURES {
        let latest = events(dir)
            .iter()
            .filter_map(|e| field(e, "published_start").map(String::from))
            .max()
            .unwrap();
        for kind in KINDS
            .into_iter()
            .filter(|&k| k == "lanes" || has_scale(dir))
        {
            for width in WIDTHS {
                let c = chart(&Spec::new(dir, kind, "light", width));
                // A stretch that starts on the day of the latest article: a change it records.
                for g in c.class("segment").chain(c.class("conflict")) {
                    if !g.title.contains(&format!("from {latest} ")) {
                        continue;
                    }
                    let party = g.party.clone().unwrap_or_default();
                    seen.push(format!("{fixture} {kind} {width} {party}"));
                    let (x0, x1) = c.extent(g);
                    if x1 - x0 < MIN_RUN - EPS {
                        problems.push(format!(
                            "{}: {party} from {latest} is {:.2} px wide",
                            c.spec_name,
                            x1 - x0
                        ));
                    }
                }
            }
        }
    }
    for want in [
        "iran lanes 1200 russia",
        "iran scores 1200 russia",
        "iran lanes 700 russia",
        "long-question lanes 1200 tarn",
        "long-question scores 700 tarn",
    ] {
        assert!(seen.iter().any(|s| s == want), "no `{want}` in {seen:?}");
    }
    assert_none(problems, "latest change too thin");
}

// ---------------------------------------------------------------------------------------------
// 5. Open stances run to the end of the axis, or of what is known.

/// The right ends of the last stretch of every party whose last stance is open (its title
/// says `onward`), with the party.
fn open_ends(c: &Chart) -> Vec<(String, f64)> {
    c.runs_by_party()
        .into_iter()
        .filter_map(|(party, runs)| {
            let last = *runs.last()?;
            last.title
                .contains(" onward")
                .then(|| (party.to_string(), c.extent(last).1))
        })
        .collect()
}

#[test]
fn an_open_stance_runs_to_the_end_of_the_axis() {
    let mut problems = Vec::new();
    for c in light_charts(1200).into_iter().chain(light_charts(700)) {
        let end = c.axis().right();
        let open = open_ends(&c);
        if open.is_empty() {
            problems.push(format!("{}: no open stance", c.spec_name));
        }
        for (party, x1) in open {
            if (x1 - end).abs() > EPS {
                problems.push(format!(
                    "{}: {party}'s open stance ends at {x1}, the axis at {end}",
                    c.spec_name
                ));
            }
        }
    }
    assert_none(problems, "open stances");
}

/// The x of the start of `day` on the time axis: where a stretch from that day starts.
fn day_x(c: &Chart, day: &str) -> f64 {
    let g = c
        .class("segment")
        .find(|g| g.title.contains(&format!("\nfrom {day} ")))
        .unwrap_or_else(|| panic!("{}: nothing from {day}", c.spec_name));
    c.extent(g).0
}

fn day(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

#[test]
fn under_known_by_open_stances_end_at_that_day_not_at_the_last_source() {
    // Nothing is published between 2013-11-24 and 2015-04-02.
    let (cut, last_source) = ("2014-06-30", "2013-11-24");
    let mut problems = Vec::new();
    for kind in KINDS {
        let c = chart(&Spec::new(FIXTURES[0].1, kind, "light", 1200).with(&["--known-by", cut]));
        // The x of a day's start, from two stretches starting on known days.
        let (a, b) = ("2009-10-01", last_source);
        let (xa, xb) = (day_x(&c, a), day_x(&c, b));
        let per_day = (xb - xa) / (day(b) - day(a)).num_days() as f64;
        let x = |d: &str| xb + (day(d) - day(b)).num_days() as f64 * per_day;
        // The cut's end, where what is known stops: the next day's start.
        let end = x("2014-07-01");
        let axis = c.axis().right();
        if (axis - end).abs() > 0.5 {
            problems.push(format!(
                "{}: the axis ends at {axis}, {cut} at {end}",
                c.spec_name
            ));
        }
        let open = open_ends(&c);
        if open.len() < 8 {
            problems.push(format!("{}: only {} open stances", c.spec_name, open.len()));
        }
        for (party, x1) in open {
            if (x1 - end).abs() > 0.5 {
                problems.push(format!(
                    "{}: {party}'s open stance ends at {x1:.2}, {cut} at {end:.2} (the last \
                     source, {last_source}, at {:.2})",
                    c.spec_name,
                    x(last_source)
                ));
            }
        }
    }
    assert_none(problems, "--known-by");
}

#[test]
fn under_known_by_a_position_on_the_day_of_the_cut_is_a_bar() {
    // Israel's first position is in articles of 2013-11-24, the day of the cut.
    for kind in KINDS {
        let c = chart(
            &Spec::new(FIXTURES[0].1, kind, "light", 1200).with(&["--known-by", "2013-11-24"]),
        );
        let runs = c.runs_by_party();
        let israel = runs.get("israel").map(Vec::as_slice).unwrap_or_default();
        assert_eq!(israel.len(), 1, "{}: {israel:?}", c.spec_name);
        let (x0, x1) = c.extent(israel[0]);
        assert!(x1 - x0 >= MIN_RUN - EPS, "{}: {x0}..{x1}", c.spec_name);
        assert!((x1 - c.axis().right()).abs() < EPS, "{}", c.spec_name);
    }
}

#[test]
fn one_party_with_one_position_is_drawn() {
    for kind in KINDS {
        for width in WIDTHS {
            let c = chart(&Spec::new(
                "tests/fixtures/edge/one-position",
                kind,
                "light",
                width,
            ));
            let segments: Vec<&Group> = c.class("segment").collect();
            assert_eq!(segments.len(), 1, "{}", c.spec_name);
            assert_eq!(segments[0].stances, ["licensed-only"], "{}", c.spec_name);
            let (x0, x1) = c.extent(segments[0]);
            assert!(x1 - x0 > MIN_RUN, "{}: {x0}..{x1}", c.spec_name);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Text on the image and off other text, measured with the embedded font.

/// DejaVu Sans as the charts embed it: regular, bold.
fn face(bold: bool) -> &'static ttf_parser::Face<'static> {
    static FACES: OnceLock<[ttf_parser::Face<'static>; 2]> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        [dejavu::sans::regular(), dejavu::sans::bold()]
            .map(|bytes| ttf_parser::Face::parse(bytes, 0).expect("DejaVu Sans parses"))
    });
    &faces[bold as usize]
}

/// Where a text is drawn on the image.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Area {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Area {
    fn overlaps(&self, o: &Area) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// A text's area: across, its glyphs' advance widths from its anchor (where the next text may
/// start); up and down, the ink of its glyphs (their bounding boxes) from the baseline. Not the
/// font's ascender and descender: those span 1.164 em in DejaVu Sans (room for accents over
/// capitals), more than the 1.15 em between the lines of a two-line label, whose glyphs are
/// nowhere near touching.
fn area(t: &Text) -> Area {
    let face = face(t.bold);
    let k = t.size / face.units_per_em() as f64;
    let (mut advance, mut top, mut bottom) = (0.0, 0.0_f64, 0.0_f64);
    for ch in t.content.chars() {
        let glyph = face
            .glyph_index(ch)
            .unwrap_or_else(|| panic!("`{ch}` of `{}` is not in DejaVu Sans", t.content));
        advance += face.glyph_hor_advance(glyph).unwrap_or(0) as f64;
        if let Some(ink) = face.glyph_bounding_box(glyph) {
            top = top.max(ink.y_max as f64);
            bottom = bottom.min(ink.y_min as f64);
        }
    }
    let w = advance * k;
    let x0 = match t.anchor.as_str() {
        "start" => t.x,
        "middle" => t.x - w / 2.0,
        "end" => t.x - w,
        other => panic!("text-anchor=\"{other}\""),
    };
    Area {
        x0,
        x1: x0 + w,
        y0: t.y - top * k,
        y1: t.y - bottom * k,
    }
}

#[test]
fn no_text_runs_off_the_image_or_over_other_text() {
    let mut problems = Vec::new();
    for c in every_chart() {
        let areas: Vec<(&Text, Area)> = c.texts.iter().map(|t| (t, area(t))).collect();
        for (t, a) in &areas {
            if a.x0 < -EPS || a.x1 > c.width + EPS || a.y0 < -EPS || a.y1 > c.height + EPS {
                problems.push(format!(
                    "{}: `{}` at {:.1}..{:.1} x {:.1}..{:.1} runs off the {}x{} image",
                    c.spec_name, t.content, a.x0, a.x1, a.y0, a.y1, c.width, c.height
                ));
            }
        }
        for (i, (t, a)) in areas.iter().enumerate() {
            for (u, b) in &areas[i + 1..] {
                if a.overlaps(b) {
                    problems.push(format!(
                        "{}: `{}` ({:.1}..{:.1} x {:.1}..{:.1}) overlaps `{}` ({:.1}..{:.1} x \
                         {:.1}..{:.1})",
                        c.spec_name,
                        t.content,
                        a.x0,
                        a.x1,
                        a.y0,
                        a.y1,
                        u.content,
                        b.x0,
                        b.x1,
                        b.y0,
                        b.y1
                    ));
                }
            }
        }
    }
    assert_none(problems, "text placement");
}

// ---------------------------------------------------------------------------------------------
// 7. The scores chart's lines sit at their stance, and are as wide whatever the parties.

/// The y of each stance's level (the middle of its grid line), and the least distance between
/// two levels.
fn levels(c: &Chart) -> (HashMap<&str, f64>, f64) {
    let mut at = HashMap::new();
    let mut ys: Vec<f64> = Vec::new();
    for g in c.class("level") {
        let line = g
            .first_rect()
            .unwrap_or_else(|| panic!("{}: a level without its line", c.spec_name));
        for s in &g.stances {
            at.insert(s.as_str(), line.middle_y());
        }
        ys.push(line.middle_y());
    }
    ys.sort_by(f64::total_cmp);
    let gap = ys
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f64::INFINITY, f64::min);
    assert!(
        gap.is_finite() && gap > 0.0,
        "{}: levels {ys:?}",
        c.spec_name
    );
    (at, gap)
}

/// The line widths of a scores chart (the heights of its horizontal stretches), and what is
/// wrong with where they sit: each stretch within a quarter of the least distance between two
/// levels of its stance's level.
fn line_problems(c: &Chart) -> (Vec<f64>, Vec<String>) {
    let (at, gap) = levels(c);
    let mut widths = Vec::new();
    let mut problems = Vec::new();
    for g in c.class("segment") {
        let party = g.party.as_deref().unwrap_or("");
        let [stance] = g.stances.as_slice() else {
            problems.push(format!(
                "{}: a line of {party} at {:?}",
                c.spec_name, g.stances
            ));
            continue;
        };
        let Some(&level) = at.get(stance.as_str()) else {
            problems.push(format!(
                "{}: {party} at `{stance}`, not a level",
                c.spec_name
            ));
            continue;
        };
        for r in horizontal(g) {
            widths.push(r.h);
            let off = r.middle_y() - level;
            if off.abs() > gap / 4.0 + EPS {
                problems.push(format!(
                    "{}: {party}'s line at `{stance}` is {off:.2} px off its level (a quarter \
                     of the {gap:.1} px between levels is {:.2})",
                    c.spec_name,
                    gap / 4.0
                ));
            }
        }
    }
    (widths, problems)
}

#[test]
fn scores_lines_sit_within_a_quarter_gap_of_their_stance_and_are_at_least_2_px() {
    let mut problems = Vec::new();
    for c in every_chart().iter().filter(|c| c.is_scores()) {
        let (widths, mut wrong) = line_problems(c);
        problems.append(&mut wrong);
        if widths.is_empty() {
            problems.push(format!("{}: no line", c.spec_name));
        }
        if c.width == 1200.0 {
            for w in widths.iter().filter(|&&w| w < 2.0 - EPS) {
                problems.push(format!("{}: a line {w} px wide", c.spec_name));
            }
        }
    }
    assert_none(problems, "scores lines");
}

#[test]
fn with_one_party_the_line_is_2_5_px() {
    for width in WIDTHS {
        let c = chart(&Spec::new(
            "tests/fixtures/edge/one-position",
            "scores",
            "light",
            width,
        ));
        let (widths, problems) = line_problems(&c);
        assert_none(problems, &c.spec_name);
        assert!(!widths.is_empty(), "{}", c.spec_name);
        assert!(
            widths.iter().all(|w| (w - 2.5).abs() < EPS),
            "{}: {widths:?}",
            c.spec_name
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 8. A codebook without scores has no scores chart.

#[test]
fn without_scores_the_scores_chart_is_a_usage_error_and_the_default_set_lanes_only() {
    let dir = "tests/fixtures/edge/no-scores";
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("scores.svg");
    let run = binary(&[
        "chart",
        "--annotations",
        dir,
        "--kind",
        "scores",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(
        run.stderr,
        "error: the codebook gives no stance a score, so there is no scale for a scores chart\n  \
         = help: give stances a `score:` in the codebook to place them on a scale, or draw the \
         lanes chart with --kind lanes\n"
    );
    assert_eq!(run.status, 2);
    assert!(!out.exists());

    let charts = tmp.path().join("charts");
    let d = charts.display().to_string();
    let run = binary(&["chart", "--annotations", dir, "--out-dir", &d]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "note: the codebook gives no stance a score: writing the lanes charts only, without a \
         scores chart"
    );
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(lines[1].starts_with(&format!("wrote {d}/stance-timeline.png (1200×")));
    assert!(lines[2].starts_with(&format!("wrote {d}/stance-timeline.svg (SVG, ")));
    let mut names: Vec<String> = std::fs::read_dir(&charts)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["stance-timeline.png", "stance-timeline.svg"]);
}

// ---------------------------------------------------------------------------------------------
// 9. Names shortened by whole words only.

/// Whether `shown` is `full`, or its first whole words with an ellipsis (punctuation that
/// ended the last word kept out, as `Palestinian Authority /…` reads `Palestinian Authority…`).
fn whole_words(shown: &str, full: &str) -> bool {
    if shown == full {
        return true;
    }
    let Some(kept) = shown.strip_suffix('…') else {
        return false;
    };
    let words: Vec<&str> = full.split_whitespace().collect();
    (1..words.len()).any(|n| {
        let prefix = words[..n].join(" ");
        let trimmed = prefix
            .trim_end_matches([',', ';', ':', '/', '-', '–', '('])
            .trim_end();
        kept == trimmed && !kept.is_empty()
    })
}

#[test]
fn names_are_never_cut_mid_word() {
    assert!(whole_words(
        "Palestine Liberation…",
        "Palestine Liberation Organization"
    ));
    assert!(!whole_words(
        "Palestine Liberation Organi…",
        "Palestine Liberation Organization"
    ));
    assert!(!whole_words(
        "Palestine Liberation",
        "Palestine Liberation Organization"
    ));
    let mut problems = Vec::new();
    let mut shortened = 0;
    for (_, dir) in FIXTURES {
        let cb = codebook(dir);
        for kind in KINDS
            .into_iter()
            .filter(|&k| k == "lanes" || has_scale(dir))
        {
            for width in WIDTHS {
                let c = chart(&Spec::new(dir, kind, "light", width));
                let mut check = |what: &str, shown: String, full: &str| {
                    if shown != full {
                        shortened += 1;
                    }
                    if !whole_words(&shown, full) {
                        problems.push(format!("{}: {what} `{shown}` of `{full}`", c.spec_name));
                    }
                };
                // The question, wrapped into the title lines above everything.
                let title: Vec<&str> = c
                    .texts
                    .iter()
                    .take_while(|t| t.bold && t.size > 15.0)
                    .map(|t| t.content.as_str())
                    .collect();
                check("title", title.join(" "), &cb.question);
                for g in c.class("label") {
                    let p = cb.party(g.party.as_deref().unwrap_or(""));
                    check("label", g.text(), p.short.as_deref().unwrap_or(&p.name));
                }
                // Legend entries and scale rows carry their whole text as title.
                for g in c.class("legend").chain(c.class("level")) {
                    let full = match g.class.as_str() {
                        "level" => g
                            .stances
                            .iter()
                            .map(|s| {
                                let s = cb.stance(s);
                                s.short.as_deref().unwrap_or(&s.label)
                            })
                            .collect::<Vec<_>>()
                            .join(" / "),
                        // Its title lists the parties' names; the entry their labels.
                        _ if g.text().starts_with("No position shown: ") => {
                            let labels: Vec<&str> = g
                                .title
                                .split(", ")
                                .map(|name| {
                                    let p = cb.parties.iter().find(|p| p.name == name).unwrap();
                                    p.short.as_deref().unwrap_or(&p.name)
                                })
                                .collect();
                            format!("No position shown: {}", labels.join(", "))
                        }
                        _ => g.title.clone(),
                    };
                    check(&g.class, g.text(), &full);
                }
            }
        }
    }
    // Iran's two long names wrap at 1200 px and are shortened at 700.
    assert!(shortened >= 2, "{shortened} names shortened");
    assert_none(problems, "names cut");
}

// ---------------------------------------------------------------------------------------------
// 10. The conflict key looks like the conflicts drawn.

#[test]
fn the_sources_disagree_key_has_the_colour_of_the_conflicts_drawn() {
    let mut checked = 0;
    for c in every_chart() {
        let Some(first) = c.class("conflict").next() else {
            continue;
        };
        let key = c
            .class("legend")
            .find(|g| g.text().starts_with("Sources disagree"))
            .unwrap_or_else(|| panic!("{}: conflicts without a key", c.spec_name));
        // The shading of the first party with a conflict (scores), or the first conflict's
        // first stance (lanes), whose stripes the key repeats.
        let fill = |g: &Group| g.shapes.first().map(|s| s.fill().to_string());
        assert_eq!(fill(key), fill(first), "{}: {key:?}", c.spec_name);
        checked += 1;
    }
    // Iran (the only fixture with a conflict), in each kind, theme and width.
    assert_eq!(checked, 8);
}

// ---------------------------------------------------------------------------------------------
// 11. Parties with nothing shown are listed once, without a colour.

#[test]
fn a_party_without_positions_is_listed_once_without_a_line_key() {
    let tmp = copy_fixture("tests/fixtures/iran", |rel, text| {
        if rel == "codebook.yaml" {
            text.replace(
                "\nparties:\n",
                "\nparties:\n  - id: holy-see\n    name: Holy See (observer)\n",
            )
        } else {
            text
        }
    });
    let dir = tmp.path().join("annotations");
    for theme in THEMES {
        let c = chart(&Spec::new(&dir, "scores", theme, 1200));
        let mentions: Vec<&Group> = c
            .class("legend")
            .filter(|g| g.text().contains("Holy See") || g.title.contains("Holy See"))
            .collect();
        assert_eq!(mentions.len(), 1, "{}: {mentions:?}", c.spec_name);
        assert_eq!(mentions[0].text(), "No position shown: Holy See (observer)");
        assert_eq!(mentions[0].shapes, [], "{}: a key for no line", c.spec_name);
        assert!(
            c.groups
                .iter()
                .all(|g| g.class == "legend" || g.party.as_deref() != Some("holy-see")),
            "{}: something drawn for the Holy See",
            c.spec_name
        );
        // The other parties keep their line keys.
        let keys = c
            .class("legend")
            .filter(|g| legend_key(g).is_some())
            .count();
        assert_eq!(keys, 12, "{}", c.spec_name);
    }
}

// ---------------------------------------------------------------------------------------------
// 12. The PNGs.

/// The width and height of a PNG, after decoding all of it.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a buffer size")];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    (info.width, info.height)
}

#[test]
fn every_fixture_s_png_decodes_at_the_asked_width() {
    for (_, dir) in FIXTURES {
        for kind in KINDS
            .into_iter()
            .filter(|&k| k == "lanes" || has_scale(dir))
        {
            // Both widths and both themes, without drawing every combination.
            for (theme, width) in [("light", 1200), ("dark", 700)] {
                let spec = Spec::new(dir, kind, theme, width);
                let (w, h) = png_size(&spec.draw("png"));
                assert_eq!(w, width, "{}", spec.name());
                // The same height as the SVG of the same chart.
                assert_eq!(h as f64, chart(&spec).height, "{}", spec.name());
            }
        }
    }
}
