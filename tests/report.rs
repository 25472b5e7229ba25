//! `stanceline report` on the command line: what it writes and says, byte for byte; that the
//! page asks for nothing outside itself and escapes what the annotations say. (In a browser:
//! tests/report_browser.rs.)

mod common;

use common::{Test, root};
use std::process::Command;

const ARTICLE: &str = "article:
  title: Pyongyang wants bilateral talks
  outlet: Foreign Policy
  author: Brian Fung
  published: 2009-07-27
  url: https://foreignpolicy.com/2009/07/27/pyongyang-wants-bilateral-talks/
  source: one.txt
positions:
  - party: north-korea
    stance: bilateral
    basis: report
    quote: it will come back to the table only if the six-party format is abandoned
  - party: united-states
    stance: multilateral
    basis: statement
    quote: talks within the six-party framework
";

const LATER: &str = "article:
  title: Later talks
  outlet: The Cable
  published: 2009-10-28
  source: missing.txt
positions:
  - party: north-korea
    stance: mixed
    basis: inference
    quote: somewhat open to a return
";

const BROKEN: &str = "article:
  title: Broken
  outlet: X
  published: 2009-08-01
positions:
  - party: north-kroea
    stance: bilateral
    basis: report
";

fn two() -> Test {
    Test::new()
        .article("2009-07-27-one.yaml", ARTICLE)
        .article("2009-10-28-two.yaml", LATER)
}

fn read(t: &Test, rel: &str) -> String {
    std::fs::read_to_string(t.path().join(rel)).unwrap()
}

/// `wrote PATH (HTML, N KB: ...)` with N the size of the file written.
fn wrote(t: &Test, rel: &str, what: &str) -> String {
    let len = std::fs::metadata(t.path().join(rel)).unwrap().len() as usize;
    format!("wrote {rel} (HTML, {} KB: {what})\n", len.div_ceil(1024))
}

#[test]
fn writes_charts_report_html_by_default_and_says_so() {
    let t = two().args(&["report"]);
    let out = t.output();
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        wrote(&t, "charts/report.html", "3 positions from 2 articles")
    );
    assert_eq!(out.stdout, "");
    let html = read(&t, "charts/report.html");
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"));
    assert!(html.contains("<title>Should the talks be bilateral or multilateral?</title>"));
    assert!(html.contains(
        "<p class=\"summary\">3 positions from 2 articles on 3 parties, 2009-07-27 to 2009-10-28.</p>"
    ));
    assert!(html.contains(&format!(
        "<footer><p>Made with stanceline {} from 2 articles, 3 positions and 3 parties in the annotations.</p></footer>",
        env!("CARGO_PKG_VERSION")
    )));
    // Both charts, in both themes (each on its theme's background), interactive.
    for id in ["lanes-light", "lanes-dark", "scores-light", "scores-dark"] {
        let start = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\"");
        let svg = html.split(&start).nth(1).unwrap_or_else(|| panic!("{id}"));
        let svg = &svg[..svg.find("</svg>").unwrap()];
        let dark = svg.contains("#16181d");
        assert_eq!(
            dark,
            id.ends_with("-dark"),
            "{id}: the background of its theme"
        );
    }
    assert_eq!(
        html.matches(" data-evidence=\"o").count(),
        3 * 2,
        "a marker per position per theme"
    );
    // No party without a position is left out; China says it has none.
    assert!(html.contains("<h3 id=\"p2-h\">China</h3>"));
    assert!(html.contains("<p class=\"muted\">No position recorded in range.</p>"));
}

#[test]
fn the_same_annotations_give_the_same_bytes() {
    let run = |threads: &str, out: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_stanceline"))
            .args(["report", "-o", out, "--sources", "../shared/seeds"])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(root())
            .status()
            .unwrap();
        assert!(status.success());
    };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.html"), dir.path().join("b.html"));
    run("1", a.to_str().unwrap());
    run("2", b.to_str().unwrap());
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(a == b, "two reports of the shipped annotations differ");
    // Nothing in it changes from one day to the next: no timestamp.
    let text = String::from_utf8(a).unwrap();
    let today = chrono::Local::now().date_naive().to_string();
    assert!(!text.contains(&today), "the report holds today's date");
    // `-` writes the same page to stdout.
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(["report", "-o", "-", "--sources", "../shared/seeds"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

/// Every `src`, `href` and `url(` of a page, and what would load from elsewhere.
fn outside_references(html: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for (i, _) in html.match_indices(" src=") {
        bad.push(html[i..(i + 60).min(html.len())].to_string());
    }
    for tag in [
        "<link", "<iframe", "<object", "<embed", "<img", "<base", "@import", "url(",
    ] {
        if html.contains(tag) {
            bad.push(tag.to_string());
        }
    }
    for (i, _) in html.match_indices(" href=\"") {
        let value = &html[i + 7..];
        let value = &value[..value.find('"').unwrap()];
        let article = value.starts_with("https://foreignpolicy.com/");
        if !value.starts_with('#') && !article {
            bad.push(value.to_string());
        }
    }
    bad
}

#[test]
fn the_page_asks_for_nothing_outside_itself() {
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(["report", "-o", "-"])
        .current_dir(root())
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert_eq!(outside_references(&html), Vec::<String>::new());
    // The policy lets nothing load and no script run but the page's own.
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; script-src &#39;sha256-"
    ) || html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"
    ), "no policy");
    assert_eq!(html.matches("<script>").count(), 1);
    assert_eq!(html.matches("<style>").count(), 1);
    // The test itself sees what it guards against.
    let planted = html.replace(
        "</head>",
        "<link rel=\"stylesheet\" href=\"https://cdn.example/x.css\"></head>",
    );
    assert_eq!(
        outside_references(&planted),
        vec!["<link".to_string(), "https://cdn.example/x.css".to_string()]
    );
}

#[test]
fn annotation_text_is_escaped() {
    let t = Test::new()
        .article(
            "2009-07-27-x.yaml",
            "article:
  title: \"<script>alert('t')</script>\"
  outlet: O
  published: 2009-07-27
  url: \"javascript:alert('u')\"
positions:
  - party: china
    stance: bilateral
    basis: report
    speaker: \"\\\"><img src=x onerror=alert(1)>\"
    quote: \"<script>alert(1)</script>\"
",
        )
        .args(&["report", "-o", "-"]);
    let out = t.output();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let html = out.stdout;
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img"));
    assert!(html.contains("<q>&lt;script&gt;alert(1)&lt;/script&gt;</q>"));
    assert!(html.contains("<td>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>"));
    // A URL that is not a web address is shown, not linked, in the page and in the charts.
    assert!(!html.contains("href=\"javascript"));
    assert!(html.contains("<div class=\"file\">javascript:alert('u')</div>"));
}

#[test]
fn sources_shows_which_quotes_are_found_and_says_which_are_not() {
    let t = two()
        .file(
            "texts/one.txt",
            "He said it will come back to the table only if the six-party format is\nabandoned. Washington wants talks inside the six-party framework.",
        )
        .args(&["report", "-o", "r.html", "--sources", "texts"]);
    let out = t.output();
    assert_eq!(out.status, 0);
    assert_eq!(
        out.stderr,
        "warning: 1 quote not found in its source text\n  \
         = help: the report's sources table shows the closest passage of each; `stanceline check --sources DIR` points at them\n\
         warning: 1 source text cannot be read: its quotes are not verified\n  \
         = help: check `source:` and --sources; the report's sources table names each\n"
            .to_string()
            + &wrote(&t, "r.html", "3 positions from 2 articles")
    );
    let html = read(&t, "r.html");
    assert!(html.contains(
        "<td><span class=\"miss\">1 of 2 quotes not found</span><ul class=\"missing\"><li><q>talks within the six-party framework</q>; closest passage: <q>talks inside the six-party framework.</q></li></ul></td>"
    ), "{html}");
    assert!(html.contains(
        "<div class=\"miss\">Not found in the source text. Closest passage: <q>talks inside the six-party framework.</q></div>"
    ));
    assert!(html.contains("<td><span class=\"miss\">source text `texts/missing.txt` cannot be read: no such file</span></td>"), "{html}");
    // Without --sources the table says the quotes were not checked.
    let t = two().args(&["report", "-o", "-"]);
    let html = t.output().stdout;
    assert!(html.contains("<p class=\"muted\">Quotes were not checked against the articles' texts (run with --sources DIR to check them).</p>"));
}

#[test]
fn errors_stop_the_report_unless_skip_broken_leaves_their_files_out() {
    let t = two()
        .article("2009-08-01-broken.yaml", BROKEN)
        .args(&["report", "-o", "r.html"]);
    let out = t.output();
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .starts_with("error: unknown party `north-kroea`\n"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.ends_with(
            "error: the annotations have 1 error; run `stanceline check` and fix them first\n  \
         = help: or pass --skip-broken to leave out the article files with errors and answer from the others\n"
        ),
        "{}",
        out.stderr
    );
    assert!(!t.path().join("r.html").exists());

    let t = two().article("2009-08-01-broken.yaml", BROKEN).args(&[
        "report",
        "-o",
        "r.html",
        "--skip-broken",
    ]);
    let out = t.output();
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "warning: left out 1 article file with errors (--skip-broken):\n  \
         annotations/articles/2009-08-01-broken.yaml:6:12: unknown party `north-kroea`\n  \
         = help: run `stanceline check` to see every error\n"
            .to_string()
            + &wrote(&t, "r.html", "3 positions from 2 articles")
    );
    let html = read(&t, "r.html");
    assert!(html.contains(
        "<tr><th scope=\"row\">annotations/articles/2009-08-01-broken.yaml</th><td class=\"num\">1</td><td>6:12: unknown party `north-kroea`</td></tr>"
    ), "{html}");
    assert!(html.contains("<p class=\"miss\">1 annotation file has errors and is left out of this report (--skip-broken); run stanceline check to see them all.</p>"));
    assert!(html.contains("; 1 file with errors left out.</p></footer>"));
    // Each figure's footer says so too, as `chart --skip-broken`'s does.
    let clause = "3 positions from 2 articles, 2009; 1 article file with errors left out</text>";
    assert_eq!(html.matches(clause).count(), 4, "{html}");

    // A codebook with errors cannot be left out.
    let t = two()
        .codebook("question: Q\nstances: []\nparties: []\nextra: 1\n")
        .args(&["report", "-o", "r.html", "--skip-broken"]);
    let out = t.output();
    assert_eq!(out.status, 1);
    assert!(out.stderr.ends_with(
        "  = help: --skip-broken leaves out article files with errors, not a codebook or an articles directory with errors\n"
    ), "{}", out.stderr);
}

#[test]
fn usage_errors_come_before_any_reading() {
    Test::new()
        .args(&["report", "-o", "annotations/report.html"])
        .stderr(
            "error: `annotations/report.html` is inside the annotations directory `annotations`, which stanceline never writes into\n  \
             = help: write the report outside it, such as `-o charts/report.html`\n",
        )
        .status(2)
        .run();
    Test::new()
        .file("out/keep", "")
        .args(&["report", "-o", "out"])
        .stderr(
            "error: `out` is a directory; -o takes a file\n  = help: name a file such as `out/report.html`\n",
        )
        .status(2)
        .run();
    Test::new()
        .args(&["report", "--from", "2010", "--to", "2009"])
        .stderr("error: --from 2010 is after --to 2009\n")
        .status(2)
        .run();
    Test::new()
        .args(&["report", "--sources", "nowhere"])
        .stderr(
            "error: the sources directory `nowhere` does not exist\n  \
             = help: pass the directory that holds the articles' `source:` texts\n",
        )
        .status(2)
        .run();
    two()
        .args(&["report", "--party", "chna"])
        .stderr("error: unknown party `chna`\n  = help: did you mean `china`?\n")
        .status(2)
        .run();
}

#[test]
fn an_empty_report_says_why() {
    let t = two().args(&["report", "-o", "r.html", "--known-by", "2009-07-01"]);
    let out = t.output();
    assert_eq!(out.status, 0);
    assert_eq!(
        out.stderr,
        "warning: no position of the parties reported is known by 2009-07-01: the report is empty\n  \
         = help: widen --from and --to, give a later --known-by, or leave them out\n"
            .to_string()
            + &wrote(&t, "r.html", "0 positions from 0 articles")
    );
    let t = two().args(&["report", "-o", "r.html", "--from", "2001", "--to", "2002"]);
    let out = t.output();
    assert!(out.stderr.starts_with(
        "warning: no position of the parties reported falls in the range asked: the report is empty\n"
    ), "{}", out.stderr);
    let t = two().args(&["report", "-o", "r.html", "--party", "china"]);
    let out = t.output();
    assert!(
        out.stderr.starts_with(
            "warning: no position is recorded for the parties reported: the report is empty\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn party_range_and_known_by_narrow_the_report() {
    let t = two().args(&[
        "report",
        "-o",
        "-",
        "--party",
        "us",
        "--party",
        "DPRK",
        "--known-by",
        "2009-08",
    ]);
    let out = t.output();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let html = out.stdout;
    // In the order asked, only what was published by then.
    let us = html.find("<h3 id=\"p0-h\">United States</h3>").unwrap();
    let dprk = html.find("<h3 id=\"p1-h\">North Korea</h3>").unwrap();
    assert!(us < dprk);
    assert!(!html.contains("<h3 id=\"p2-h\">"));
    assert!(!html.contains("Later talks"));
    assert!(html.contains("2 positions from 1 article on 2 parties, 2009-07-27 to 2009-07-27. Known by 2009-08-31: only articles published by then are counted."));
    assert!(html.contains("<td>open (known by 2009-08-31)</td>"));
}

/// With reliability codings, the report shows the agreement figures over all units and the
/// disagreements, the same figures as `stanceline agree` (its default bootstrap and seed);
/// without them, no such section.
#[test]
fn agreement_between_coders_is_in_the_report_when_codings_exist() {
    let fixture = root().join("tests/fixtures/reliability");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("r.html");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
            .args(args)
            .arg("--annotations")
            .arg(&fixture)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["report", "-o", page.to_str().unwrap()]);
    let html = std::fs::read_to_string(&page).unwrap();
    // The page is HTML, not XML: the section's rows are read as text.
    let section = {
        let start = html
            .find("<section id=\"agreement\"")
            .expect("an agreement section");
        let end = start + html[start..].find("</section>").unwrap();
        &html[start..end]
    };
    assert!(html.contains("<a href=\"#agreement\">Agreement</a>"));
    assert!(section.contains("2 coders (ana and ben) on 4 articles coded again: 12 units"));
    let figures: Vec<serde_json::Value> =
        serde_json::from_str(&run(&["agree", "--format", "json"])).unwrap();
    let mut overall = 0;
    for f in figures.iter().filter(|f| f["party"].is_null()) {
        let cell = |v: &serde_json::Value| format!("<td>{:.3}</td>", v.as_f64().unwrap());
        let row = format!(
            "<td>{}</td><td>{}</td>{}<td>{:.3} to {:.3}</td>",
            f["variable"].as_str().unwrap(),
            f["level"].as_str().unwrap(),
            cell(&f["alpha"]),
            f["ci_low"].as_f64().unwrap(),
            f["ci_high"].as_f64().unwrap()
        );
        assert!(section.contains(&row), "{row} not in\n{section}");
        overall += 1;
    }
    assert_eq!(overall, 5);
    assert!(section.contains("<td class=\"quote\">all six parties at the table</td>"));
    // Without codings, no section and no entry in the contents.
    let t = two().args(&["report", "-o", "x.html"]);
    let out = t.output();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let plain = read(&t, "x.html");
    assert!(!plain.contains("id=\"agreement\"") && !plain.contains("#agreement"));
}
