//! `stanceline chart`: the committed default charts, image formats and sizes, the SVG's
//! texts, determinism, edge cases (one party, one observation, one day, 50 parties, very
//! many observations), errors and atomic writing.

mod common;
use common::Test;
use std::path::Path;
use std::process::Command;

/// An article on the small fixture's codebook with every party, every stance (one off the
/// axis), every basis, an uncertain date, an open interval, a gap and a conflict.
const ARTICLE: &str = "\
article:
  title: Everything at once
  outlet: Test
  published: 2009-10-01
positions:
  - party: north-korea
    stance: bilateral
    held: 2008-03-01
    basis: statement
    quote: q
  - party: north-korea
    stance: disengaged
    held: 2009-04
    basis: report
    quote: q
  - party: united-states
    stance: multilateral
    held: 2008-01/2008-06
    basis: report
    quote: q
  - party: united-states
    stance: mixed
    held: 2008-09?
    basis: inference
    quote: q
  - party: united-states
    stance: bilateral
    held: 2009-05-01
    basis: report
    quote: q
  - party: china
    stance: multilateral
    held: ../2008-12
    basis: inference
    quote: q
  - party: china
    stance: bilateral
    held: 2008-06
    basis: report
    quote: q
";

/// The text of every `<text>` element of an SVG, trimmed.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses as XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// The width and height of a PNG, after decoding all of it.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a buffer size")];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    (info.width, info.height)
}

fn read(t: &Test, rel: &str) -> Vec<u8> {
    std::fs::read(t.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn read_text(t: &Test, rel: &str) -> String {
    String::from_utf8(read(t, rel)).unwrap()
}

/// Run the binary in `t`'s directory (as `Test::output` does, but any number of times).
fn run(t: &Test, args: &[&str]) -> common::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(args)
        .current_dir(t.path())
        .env_remove("STANCELINE_ANNOTATIONS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    common::Output {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Run in `t`'s directory, expecting success.
fn ok(t: Test, args: &[&str]) -> Test {
    let out = run(&t, args);
    assert_eq!(out.status, 0, "{args:?}: {}", out.stderr);
    t
}

#[test]
fn the_committed_charts_are_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(["chart", "--out-dir"])
        .arg(dir.path())
        .current_dir(common::root())
        .env_remove("STANCELINE_ANNOTATIONS")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    for name in [
        "stance-timeline.png",
        "stance-timeline.svg",
        "stance-scores.png",
        "stance-scores.svg",
    ] {
        let fresh = std::fs::read(dir.path().join(name)).unwrap();
        let committed = std::fs::read(common::root().join("charts").join(name))
            .unwrap_or_else(|e| panic!("charts/{name}: {e}"));
        assert!(
            fresh == committed,
            "charts/{name} is stale: regenerate it with `cargo run --release -- chart`"
        );
        assert!(stderr.contains(&format!("{name} (")), "{stderr}");
    }
}

#[test]
fn the_default_set_goes_to_charts_and_narrows_with_kind_and_format() {
    let t = ok(
        Test::new().article("2009-10-01-all.yaml", ARTICLE),
        &["chart"],
    );
    let names: Vec<String> = {
        let mut v: Vec<String> = std::fs::read_dir(t.path().join("charts"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names,
        [
            "stance-scores.png",
            "stance-scores.svg",
            "stance-timeline.png",
            "stance-timeline.svg"
        ]
    );
    let t = ok(
        Test::new().article("2009-10-01-all.yaml", ARTICLE),
        &[
            "chart",
            "--out-dir",
            "out/x",
            "--kind",
            "scores",
            "--format",
            "svg",
        ],
    );
    let names: Vec<String> = std::fs::read_dir(t.path().join("out/x"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["stance-scores.svg"]);
}

#[test]
fn png_has_the_asked_size() {
    let t = ok(
        Test::new().article("2009-10-01-all.yaml", ARTICLE),
        &["chart", "-o", "a.png", "--width", "800", "--height", "420"],
    );
    assert_eq!(png_size(&read(&t, "a.png")), (800, 420));
    let t = ok(
        t,
        &[
            "chart", "-o", "b.png", "--kind", "scores", "--width", "640", "--height", "500",
        ],
    );
    assert_eq!(png_size(&read(&t, "b.png")), (640, 500));
    // Without --height, the height fits the content.
    let t = ok(t, &["chart", "-o", "c.png"]);
    let (w, h) = png_size(&read(&t, "c.png"));
    assert_eq!(w, 1200);
    assert!((200..600).contains(&h), "{h}");
}

#[test]
fn svg_names_every_party_and_every_stance() {
    let t = ok(
        Test::new().article("2009-10-01-all.yaml", ARTICLE),
        &["chart", "-o", "lanes.svg"],
    );
    let svg = read_text(&t, "lanes.svg");
    assert!(svg.contains(r#"width="1200""#));
    let texts = svg_texts(&svg);
    for want in [
        "Should the talks be bilateral or multilateral?",
        "North Korea",
        "United States",
        "China",
        "Bilateral",
        "Mixed",
        "Multilateral",
        "Disengaged",
        "Sources disagree",
        "Statement (own words)",
        "Report",
        "Inference",
        "7 positions from 1 article, 2008–2009",
    ] {
        assert!(
            texts.iter().any(|t| t == want),
            "no text `{want}` in {texts:?}"
        );
    }
    // The legend lists the stances in scale order, then the off-axis one.
    let at = |s: &str| texts.iter().position(|t| t == s).unwrap();
    assert!(at("Bilateral") < at("Mixed") && at("Mixed") < at("Multilateral"));
    assert!(at("Multilateral") < at("Disengaged"));

    let t = ok(t, &["chart", "-o", "scores.svg", "--kind", "scores"]);
    let texts = svg_texts(&read_text(&t, "scores.svg"));
    for want in [
        "North Korea",
        "United States",
        "China",
        "Bilateral",
        "Mixed",
        "Multilateral",
        "Disengaged",
        "off the scale:",
    ] {
        assert!(
            texts.iter().any(|t| t == want),
            "no text `{want}` in {texts:?}"
        );
    }
}

#[test]
fn parties_keep_the_order_given_and_the_title_can_change() {
    let t = ok(
        Test::new().article("2009-10-01-all.yaml", ARTICLE),
        &[
            "chart",
            "-o",
            "a.svg",
            "--party",
            "China",
            "--party",
            "DPRK",
            "--title",
            "Who & why",
        ],
    );
    let texts = svg_texts(&read_text(&t, "a.svg"));
    let at = |s: &str| texts.iter().position(|t| t == s);
    assert!(
        at("China").unwrap() < at("North Korea").unwrap(),
        "{texts:?}"
    );
    assert_eq!(at("United States"), None);
    assert_eq!(texts[0], "Who & why");
}

#[test]
fn a_party_named_twice_is_drawn_once() {
    let t = ok(
        Test::new().article("2009-10-01-all.yaml", ARTICLE),
        &[
            "chart",
            "-o",
            "a.svg",
            "--party",
            "DPRK",
            "--party",
            "north korea",
        ],
    );
    let texts = svg_texts(&read_text(&t, "a.svg"));
    assert_eq!(
        texts.iter().filter(|t| *t == "North Korea").count(),
        1,
        "{texts:?}"
    );
}

#[test]
fn the_same_annotations_give_the_same_bytes() {
    let mut t = Test::new().article("2009-10-01-all.yaml", ARTICLE);
    for (i, theme) in ["light", "light", "dark", "dark"].iter().enumerate() {
        t = ok(
            t,
            &["chart", "--out-dir", &format!("run{i}"), "--theme", theme],
        );
    }
    for name in [
        "stance-timeline.png",
        "stance-timeline.svg",
        "stance-scores.png",
        "stance-scores.svg",
    ] {
        let runs: Vec<Vec<u8>> = (0..4)
            .map(|i| read(&t, &format!("run{i}/{name}")))
            .collect();
        assert!(runs[0] == runs[1], "{name} differs between two runs");
        assert!(runs[2] == runs[3], "{name} (dark) differs between two runs");
        assert!(runs[0] != runs[2], "{name}: the dark theme changes nothing");
    }
}

#[test]
fn one_party_with_one_observation() {
    let codebook = "\
question: Q?
stances:
  - id: yes
    label: Aye
    score: 1
parties:
  - id: solo
    name: Solo
";
    let article = "\
article:
  title: T
  outlet: O
  published: 2009-07-27
positions:
  - party: solo
    stance: yes
    basis: statement
";
    let t = Test::new()
        .codebook(codebook)
        .article("2009-07-27-x.yaml", article);
    let t = ok(t, &["chart", "--out-dir", "."]);
    let (w, h) = png_size(&read(&t, "stance-timeline.png"));
    assert_eq!(w, 1200);
    assert!(h > 150, "{h}");
    png_size(&read(&t, "stance-scores.png"));
    let texts = svg_texts(&read_text(&t, "stance-timeline.svg"));
    assert!(texts.contains(&"Solo".to_string()));
    assert!(texts.contains(&"Aye".to_string()));
    assert!(texts.contains(&"1 position from 1 article, 2009".to_string()));
    // One day still gets a readable time axis: day ticks, with the month under them.
    assert!(texts.contains(&"Jul 2009".to_string()), "{texts:?}");
    svg_texts(&read_text(&t, "stance-scores.svg"));
}

#[test]
fn everything_on_one_day() {
    let article = "\
article:
  title: T
  outlet: O
  published: 2009-07-27
positions:
  - party: north-korea
    stance: bilateral
    basis: statement
  - party: united-states
    stance: multilateral
    basis: report
  - party: united-states
    stance: mixed
    basis: inference
  - party: china
    stance: disengaged
    held: 2009-07-27?
    basis: report
";
    let t = ok(
        Test::new().article("2009-07-27-x.yaml", article),
        &["chart", "--out-dir", "."],
    );
    png_size(&read(&t, "stance-timeline.png"));
    png_size(&read(&t, "stance-scores.png"));
    let texts = svg_texts(&read_text(&t, "stance-timeline.svg"));
    assert!(texts.contains(&"Sources disagree".to_string()), "{texts:?}");
    svg_texts(&read_text(&t, "stance-scores.svg"));
}

#[test]
fn no_positions_at_all() {
    let t = ok(Test::new(), &["chart", "--out-dir", "."]);
    let texts = svg_texts(&read_text(&t, "stance-timeline.svg"));
    assert!(
        texts.contains(&"No positions recorded".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"0 positions from 0 articles".to_string()),
        "{texts:?}"
    );
    png_size(&read(&t, "stance-scores.png"));
}

/// A small deterministic generator (an LCG), so generated annotations are the same on every
/// run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// `count` positions spread over 30 years, 500 per article, on `parties`; stances random
/// (the worst case for drawing: conflicts and changes everywhere).
fn generated(t: Test, parties: &[String], count: usize) -> Test {
    let stances = ["bilateral", "mixed", "multilateral", "disengaged"];
    let bases = ["statement", "report", "inference"];
    let mut rng = Lcg(7);
    let start = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    let articles = count.div_ceil(500);
    let mut t = t;
    for a in 0..articles {
        let published = start + chrono::Days::new((a as u64 + 1) * 11000 / articles as u64);
        let mut text =
            format!("article:\n  title: T{a}\n  outlet: O\n  published: {published}\npositions:\n");
        for _ in 0..500.min(count - a * 500) {
            let held = published - chrono::Days::new(rng.next(300));
            let mark = ["", "", "", "~", "?"][rng.next(5) as usize];
            text.push_str(&format!(
                "  - party: {}\n    stance: {}\n    held: {held}{mark}\n    basis: {}\n",
                parties[rng.next(parties.len() as u64) as usize],
                stances[rng.next(4) as usize],
                bases[rng.next(3) as usize],
            ));
        }
        t = t.article(&format!("{published}-a{a}.yaml"), text);
    }
    t
}

fn fixture_parties() -> Vec<String> {
    ["north-korea", "united-states", "china"]
        .map(String::from)
        .to_vec()
}

#[test]
fn fifty_parties() {
    let mut codebook = common::FIXTURE_CODEBOOK
        .split("parties:")
        .next()
        .unwrap()
        .to_string();
    codebook.push_str("parties:\n");
    let ids: Vec<String> = (0..50).map(|i| format!("p{i:02}")).collect();
    for id in &ids {
        codebook.push_str(&format!("  - id: {id}\n    name: Party {id}\n"));
    }
    let t = generated(Test::new().codebook(&codebook), &ids, 5_000);
    let t = ok(t, &["chart", "--out-dir", "."]);
    let (_, h) = png_size(&read(&t, "stance-timeline.png"));
    assert!(h > 50 * 20, "{h}: lanes too thin");
    png_size(&read(&t, "stance-scores.png"));
    for name in ["stance-timeline.svg", "stance-scores.svg"] {
        let texts = svg_texts(&read_text(&t, name));
        for id in &ids {
            assert!(
                texts.contains(&format!("Party {id}")),
                "{name}: no Party {id}"
            );
        }
    }
    // A fixed height thins the lanes, and refuses to make them unreadable.
    let t = ok(t, &["chart", "-o", "fixed.png", "--height", "700"]);
    assert_eq!(png_size(&read(&t, "fixed.png")).1, 700);
    let out = t
        .args(&["chart", "-o", "tiny.png", "--height", "400"])
        .output();
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.starts_with(
            "error: --height 400 is too small for 50 parties: this chart needs at least "
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .ends_with(" pixels\n  = help: leave out --height to fit the chart to its content\n"),
        "{}",
        out.stderr
    );
}

/// 100,000 observations in a release build (`cargo test --release`); 20,000 in a debug
/// build, where loading them alone takes seconds. Either way the SVGs stay far below 5 MB
/// and barely grow with the data: dense lanes are drawn per pixel column, not per
/// observation.
#[test]
fn very_many_observations() {
    let count = if cfg!(debug_assertions) {
        20_000
    } else {
        100_000
    };
    let small = ok(
        generated(Test::new(), &fixture_parties(), 2_000),
        &["chart", "--out-dir", "."],
    );
    // Speed is measured by the benchmarks (BENCHMARKS.md), not here.
    let t = ok(
        generated(Test::new(), &fixture_parties(), count),
        &["chart", "--out-dir", "."],
    );
    for name in ["stance-timeline.png", "stance-scores.png"] {
        assert_eq!(png_size(&read(&t, name)).0, 1200);
    }
    for name in ["stance-timeline.svg", "stance-scores.svg"] {
        let svg = read_text(&t, name);
        let few = read_text(&small, name);
        assert!(svg.len() < 5_000_000, "{name}: {} bytes", svg.len());
        assert!(
            svg.len() < 3 * few.len() + 500_000,
            "{name}: {} bytes for {count} observations, {} for 2,000",
            svg.len(),
            few.len()
        );
        let texts = svg_texts(&svg);
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with(&format!("{count} positions from ")))
        );
    }
}

#[test]
fn an_unknown_extension_asks_for_format() {
    let out = Test::new()
        .args(&["chart", "-o", "chart.jpg"])
        .stderr(
            "error: cannot tell the image format of `chart.jpg` from its extension\n  \
             = help: name a .png or .svg file, or pass --format png or --format svg\n",
        )
        .status(2)
        .run();
    assert_eq!(out.stdout, "");
    // --format overrides the extension.
    let t = ok(
        Test::new().article("2009-10-01-all.yaml", ARTICLE),
        &["chart", "-o", "chart.img", "--format", "png"],
    );
    assert!(read(&t, "chart.img").starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn svg_to_stdout() {
    Test::new()
        .args(&["chart", "-o", "-"])
        .stderr("error: writing a chart to stdout needs --format\n  = help: stanceline chart -o - --format svg\n")
        .status(2)
        .run();
    let out = Test::new()
        .article("2009-10-01-all.yaml", ARTICLE)
        .args(&["chart", "-o", "-", "--format", "svg", "--kind", "scores"])
        .stderr("")
        .run();
    assert!(out.stdout.starts_with("<svg "), "{}", &out.stdout[..100]);
    svg_texts(&out.stdout);
}

#[test]
fn missing_directories_are_created() {
    let t = ok(
        Test::new().article("2009-10-01-all.yaml", ARTICLE),
        &["chart", "-o", "a/b/c/chart.svg"],
    );
    svg_texts(&read_text(&t, "a/b/c/chart.svg"));
}

#[test]
fn an_unwritable_path_is_a_clear_error() {
    let t = Test::new()
        .article("2009-10-01-all.yaml", ARTICLE)
        .file("blocker", "a file, not a directory");
    let out = run(&t, &["chart", "-o", "blocker/chart.png"]);
    assert_eq!(
        out.stderr,
        "error: cannot write `blocker/chart.png`: `blocker` is a file, not a directory\n"
    );
    assert_eq!(out.status, 1);
    let out = run(
        &t,
        &["chart", "--out-dir", "blocker/charts", "--kind", "lanes"],
    );
    assert_eq!(
        out.stderr,
        "error: cannot write `blocker/charts/stance-timeline.png`: `blocker` is a file, not a \
         directory\n\
         error: cannot write `blocker/charts/stance-timeline.svg`: `blocker` is a file, not a \
         directory\n"
    );
    assert_eq!(out.status, 1);
    // Where no file can be made, the system's reason in plain words (no error numbers, no
    // drawing backend's debug form), naming the directory.
    if !cfg!(target_os = "linux") {
        return;
    }
    let out = run(&t, &["chart", "-o", "/proc/chart.png"]);
    assert_eq!(
        out.stderr,
        "error: cannot write `/proc/chart.png`: cannot create a file in `/proc`: no such file \
         or directory\n"
    );
    assert_eq!(out.status, 1);
}

/// Every file in a directory, with its contents.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_failed_render_keeps_the_old_chart() {
    let t = Test::new()
        .article("2009-10-01-all.yaml", ARTICLE)
        .file("out/chart.png", "the old chart")
        .file("charts/stance-timeline.svg", "the old default chart");
    let state = |t: &Test| {
        (
            contents(&t.path().join("out")),
            contents(&t.path().join("charts")),
        )
    };
    let before = state(&t);
    let failures: [&[&str]; 5] = [
        &["chart", "-o", "out/chart.png", "--party", "nobody"],
        &["chart", "-o", "out/chart.png", "--height", "200"],
        &[
            "chart",
            "-o",
            "out/chart.png",
            "--from",
            "2009",
            "--to",
            "2008",
        ],
        &["chart", "--height", "200"],
        &["chart", "--party", "nobody"],
    ];
    for args in failures {
        let out = run(&t, args);
        assert_eq!(out.status, 2, "{args:?}: {}", out.stderr);
        assert!(
            before == state(&t),
            "{args:?} changed the output directories"
        );
    }
    // A directory where the chart should go is a usage error, and leaves nothing behind.
    let t = t.file("out/dir.png/keep", "x");
    let out = run(&t, &["chart", "-o", "out/dir.png"]);
    assert_eq!(
        out.stderr,
        "error: `out/dir.png` is a directory; -o takes a file\n  \
         = help: name a file such as `out/dir.png/stance-timeline.png`, or pass --out-dir \
         out/dir.png for the default set\n"
    );
    assert_eq!(out.status, 2);
    assert_eq!(
        std::fs::read(t.path().join("out/dir.png/keep")).unwrap(),
        b"x"
    );
    let names = |t: &Test| -> Vec<String> {
        contents(&t.path().join("out"))
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    };
    assert_eq!(names(&t), ["chart.png", "dir.png"]);
    assert_eq!(read(&t, "out/chart.png"), b"the old chart");
    // A successful write replaces the old file and leaves no temporary file.
    let t = ok(t, &["chart", "-o", "out/chart.png"]);
    png_size(&read(&t, "out/chart.png"));
    assert_eq!(names(&t), ["chart.png", "dir.png"]);
}

#[test]
fn usage_errors() {
    Test::new()
        .article("2009-10-01-all.yaml", ARTICLE)
        .args(&["chart", "-o", "a.png", "--party", "north-kroea"])
        .stderr("error: unknown party `north-kroea`\n  = help: did you mean `north-korea`?\n")
        .status(2)
        .run();
    Test::new()
        .args(&["chart", "--from", "2009-05", "--to", "2009-04"])
        .stderr("error: --from 2009-05 is after --to 2009-04\n")
        .status(2)
        .run();
    let out = Test::new()
        .args(&["chart", "--width", "100"])
        .status(2)
        .run();
    assert!(out.stderr.contains("--width <PX>"), "{}", out.stderr);
}

#[test]
fn broken_annotations_draw_nothing() {
    let out = Test::new()
        .article(
            "2009-07-27-x.yaml",
            "article:\n  title: T\n  outlet: O\n  published: 2009-07-27\npositions:\n  - party: Nowhere\n    stance: bilateral\n    basis: report\n",
        )
        .args(&["chart"])
        .status(1)
        .run();
    assert!(out.stderr.ends_with(
        "error: the annotations have 1 error; run `stanceline check` and fix them first\n  \
         = help: or pass --skip-broken to leave out the article files with errors and answer from the others\n"
    ));
}

/// North Korea's bilateral stance from a date held as written, for the charts of uncertainty.
fn held_from(held: &str) -> Test {
    Test::new().article(
        "2009-10-01-a.yaml",
        format!(
            "article:\n  title: T\n  outlet: O\n  published: 2009-10-01\npositions:\n  - party: DPRK\n    stance: bilateral\n    held: \"{held}\"\n    basis: report\n    quote: q\n  - party: DPRK\n    stance: multilateral\n    held: 2009-09-20\n    basis: report\n    quote: q\n"
        ),
    )
}

/// How many colors the lanes chart's bar has along a row near its top (markers sit on its
/// middle line): a fade gives many, a bar dated to the day only its own and its edges'.
fn bar_colors(png: &[u8]) -> usize {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let (w, channels) = (info.width as usize, info.color_type.samples());
    let pixel = |x: usize, y: usize| {
        let i = (y * w + x) * channels;
        (buf[i], buf[i + 1], buf[i + 2])
    };
    // The small fixture's bilateral red, #b2182b.
    let red = (0xb2, 0x18, 0x2b);
    let top = (0..info.height as usize)
        .find(|&y| (0..w).filter(|&x| pixel(x, y) == red).count() > 50)
        .expect("a bar of bilateral red");
    let row = top + 2;
    let xs: Vec<usize> = (0..w).filter(|&x| pixel(x, row) == red).collect();
    // From well left of the bar's first red pixel (a month's fade is ~130 px here) to its last.
    let (first, last) = (xs[0].saturating_sub(200), *xs.last().unwrap());
    let colors: std::collections::BTreeSet<_> = (first..=last).map(|x| pixel(x, row)).collect();
    colors.len()
}

/// A start not known to the day (a month, an approximate day, a season) fades in across the
/// days it may fall on, in the lanes chart; the scores chart draws its step fainter there;
/// the legend explains it, and the SVG's title says `start: some time in 2009-07
/// (approximate)`. A start dated to the day has none of this.
#[test]
fn an_inexact_start_fades_in_and_says_so() {
    let chart = |t: Test, kind: &str, out: &str| {
        let t = ok(
            t,
            &[
                "chart", "--kind", kind, "-o", out, "--from", "2009-05", "--to", "2009-10",
                "--width", "800",
            ],
        );
        read(&t, out)
    };
    let exact = bar_colors(&chart(held_from("2009-07-01"), "lanes", "a.png"));
    let month = bar_colors(&chart(held_from("2009-07~"), "lanes", "a.png"));
    assert!(
        month >= exact + 8,
        "a month's fade: {month} colors, a day's bar {exact}"
    );
    let titles = |svg: &[u8]| -> Vec<String> {
        let svg = String::from_utf8(svg.to_vec()).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("title"))
            .map(|n| n.text().unwrap_or("").to_string())
            .collect()
    };
    for (kind, legend) in [
        ("lanes", "Faded: start or end not known to the day"),
        ("scores", "Fainter: start or end not known to the day"),
    ] {
        let svg = chart(held_from("2009-07~"), kind, "a.svg");
        let t = titles(&svg);
        assert!(
            t.iter()
                .any(|t| t.contains("\nstart: some time in 2009-07 (approximate)\n")),
            "{kind}: {t:#?}"
        );
        let texts = svg_texts(&String::from_utf8(svg.clone()).unwrap());
        assert!(texts.iter().any(|x| x == legend), "{kind}: {texts:?}");
        let exact = chart(held_from("2009-07-01"), kind, "a.svg");
        assert!(
            !titles(&exact).iter().any(|t| t.contains("start: ")),
            "{kind}"
        );
        let texts = svg_texts(&String::from_utf8(exact).unwrap());
        assert!(!texts.iter().any(|x| x == legend), "{kind}: {texts:?}");
    }
    // A season and a closed interval's end known to the month.
    let svg = chart(held_from("2009-22?/2009-08"), "lanes", "a.svg");
    let t = titles(&svg);
    assert!(
        t.iter().any(|t| t.contains(
            "\nstart: some time in 2009-22 (summer) (uncertain)\nend: some time in 2009-08\n"
        )),
        "{t:#?}"
    );
}
