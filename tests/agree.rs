//! `stanceline agree` on the reliability fixture (tests/fixtures/reliability: five articles
//! coded by ana, four of them coded again by ben, with known disagreements), pinned in every
//! format; the figures recomputed from `--matrix` by the `krippendorff` package; the units
//! rule as the units list shows it; degenerate studies, refusals and the record's commands
//! left alone.

mod common;
use common::Test;
use std::process::Command;

const FIXTURE: &str = "tests/fixtures/reliability";

/// Run the binary from the repository root on the reliability fixture.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(args)
        .args(["--annotations", FIXTURE])
        .current_dir(common::root())
        .env("COLUMNS", "100")
        .env_remove("STANCELINE_ANNOTATIONS")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn stdout(args: &[&str]) -> String {
    let (status, stdout, stderr) = run(args);
    assert_eq!((status, stderr.as_str()), (0, ""), "{args:?}");
    stdout
}

fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// Every output of the fixture, pinned: the report, the figures in JSON and CSV, the units,
/// the disagreements, the coverage and the matrices. The same seed gives the same bytes.
#[test]
fn the_fixture_is_pinned_in_every_format() {
    let runs: [(&str, &[&str]); 12] = [
        ("report", &["agree"]),
        ("figures-json", &["agree", "--format", "json"]),
        ("figures-csv", &["agree", "--format", "csv"]),
        ("units-table", &["agree", "--units"]),
        ("units-csv", &["agree", "--units", "--format", "csv"]),
        ("disagreements-table", &["agree", "--disagreements"]),
        (
            "disagreements-json",
            &["agree", "--disagreements", "--format", "json"],
        ),
        ("coverage-csv", &["agree", "--coverage", "--format", "csv"]),
        ("matrix-stance", &["agree", "--matrix"]),
        (
            "matrix-stance-interval",
            &["agree", "--matrix", "--level", "interval"],
        ),
        (
            "matrix-basis",
            &["agree", "--matrix", "--variable", "basis"],
        ),
        (
            "matrix-confidence",
            &["agree", "--matrix", "--variable", "confidence"],
        ),
    ];
    for (name, args) in runs {
        let out = stdout(args);
        assert_eq!(out, stdout(args), "{name}: the same twice");
        insta::assert_snapshot!(format!("agree-{name}"), out);
    }
}

/// What the fixture was written to hold: four disagreements on the stance (one in a unit
/// split by held period), a unit ana did not code, two of ana's quotes of one position made
/// one value, ben's two positions matched to ana's by held period, and the Disengaged values
/// left out at the ordinal and interval levels.
#[test]
fn the_units_follow_the_rule() {
    let units = csv_rows(&stdout(&["agree", "--units", "--format", "csv"]));
    let by_unit = |label: &str| -> Vec<&std::collections::HashMap<String, String>> {
        units.iter().filter(|r| r["unit"] == label).collect()
    };
    let labels: std::collections::BTreeSet<&str> =
        units.iter().map(|r| r["unit"].as_str()).collect();
    assert_eq!(labels.len(), 12, "{labels:?}");
    // Split by held period, each of ben's two positions with the one of ana's it overlaps.
    let first = by_unit("2009-05-01-envoys-meet/north-korea/2009-04-01/2009-04-20");
    let second = by_unit("2009-05-01-envoys-meet/north-korea/2009-04-25/2009-05-01");
    let held = |rows: &[&std::collections::HashMap<String, String>]| -> Vec<String> {
        rows.iter()
            .map(|r| format!("{} {} {}", r["coder"], r["stance"], r["held"]))
            .collect()
    };
    assert_eq!(
        held(&first),
        [
            "ana bilateral 2009-04-01/2009-04-20",
            "ben bilateral 2009-04-02/2009-04-20"
        ]
    );
    assert_eq!(
        held(&second),
        [
            "ana mixed 2009-04-25/2009-05-01",
            "ben bilateral 2009-04-26/2009-05-01"
        ]
    );
    // ana has no China in the article of 2009-03-01: a missing value, and coverage says so.
    let china = by_unit("2009-03-01-pyongyang-walks-out/china");
    assert_eq!(
        (
            china[0]["coder"].as_str(),
            china[0]["stance"].as_str(),
            china[0]["positions"].as_str()
        ),
        ("ana", "", "0")
    );
    // Two quotes of one position of North Korea by ana, one value.
    let quotes = by_unit("2009-06-01-six-party-statement/north-korea");
    assert_eq!(
        (quotes[0]["positions"].as_str(), quotes[0]["basis"].as_str()),
        ("2", "report")
    );
    let disagreements = csv_rows(&stdout(&["agree", "--disagreements", "--format", "csv"]));
    let labels: std::collections::BTreeSet<&str> =
        disagreements.iter().map(|r| r["unit"].as_str()).collect();
    assert_eq!(
        labels.into_iter().collect::<Vec<_>>(),
        [
            "2009-01-10-talks-resume/united-states",
            "2009-05-01-envoys-meet/north-korea/2009-04-25/2009-05-01",
            "2009-05-01-envoys-meet/united-states",
            "2009-06-01-six-party-statement/china",
        ]
    );
    let figures = csv_rows(&stdout(&["agree", "--format", "csv", "--bootstrap", "0"]));
    let left_out: Vec<(&str, &str)> = figures
        .iter()
        .filter(|f| f["party"].is_empty())
        .map(|f| (f["level"].as_str(), f["left_out"].as_str()))
        .collect();
    assert_eq!(
        left_out,
        [
            ("nominal", "0"),
            ("ordinal", "4"),
            ("interval", "4"),
            ("nominal", "0"),
            ("ordinal", "0")
        ]
    );
    // Without samples, no interval.
    assert!(
        figures
            .iter()
            .all(|f| f["ci_low"].is_empty() && f["ci_high"].is_empty())
    );
    // China's basis is report wherever two coders coded it: undefined, with the reason.
    let china = figures
        .iter()
        .find(|f| f["party"] == "china" && f["variable"] == "basis")
        .unwrap();
    assert_eq!(
        (china["alpha"].as_str(), china["undefined"].as_str()),
        ("", "no variation: every pairable value is report")
    );
}

/// Recomputes alpha from the matrix CSV as anyone would: read it, empty cells as NaN, keep the
/// columns of one party if one is named (a unit is `ARTICLE/PARTY[/HELD]`), and call
/// `krippendorff.alpha` at the level; `undefined` where it raises or gives NaN.
const RECOMPUTE: &str = r#"
import csv, math, sys
import numpy as np
import krippendorff
level, party = sys.argv[1], sys.argv[2]
header, *rows = list(csv.reader(sys.stdin))
keep = [i for i, unit in enumerate(header) if i > 0 and (not party or unit.split("/")[1] == party)]
data = np.array([[float(row[i]) if row[i] else np.nan for i in keep] for row in rows])
try:
    a = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    print("undefined" if math.isnan(a) else repr(a))
except ValueError:
    print("undefined")
"#;

/// Each figure, over all units and for each party, is what the `krippendorff` package computes
/// from `--matrix` at that level (it fails without python3 and the package, which `.ci/run`
/// installs).
#[test]
fn anyone_can_recompute_the_figures_from_the_matrix() {
    let figures: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&["agree", "--format", "json", "--bootstrap", "0"])).unwrap();
    let (mut checked, mut undefined) = (0, 0);
    for f in &figures {
        let (variable, level) = (
            f["variable"].as_str().unwrap(),
            f["level"].as_str().unwrap(),
        );
        let party = f["party"].as_str().unwrap_or("");
        let matrix = stdout(&[
            "agree",
            "--matrix",
            "--variable",
            variable,
            "--level",
            level,
        ]);
        let reference = common::python(
            &["-c", RECOMPUTE, level, party],
            matrix.as_bytes(),
            "krippendorff==0.9.0",
        );
        match (reference.trim().parse::<f64>(), f["alpha"].as_f64()) {
            (Ok(r), Some(a)) => assert!(
                (a - r).abs() < 1e-9,
                "{party} {variable} {level}: {a} vs {r}"
            ),
            (Err(_), None) => undefined += 1,
            (r, a) => panic!("{party} {variable} {level}: {a:?} vs {r:?}"),
        }
        checked += 1;
    }
    // Five figures overall and for each of the three parties; China's basis undefined.
    assert_eq!((checked, undefined), (20, 1));
}

const CODEBOOK_PARTY: &str =
    "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n";

fn article(positions: &str) -> String {
    format!(
        "article:\n  title: T\n  outlet: O\n  published: 2009-07-27\n  annotator: ana\npositions:\n{positions}"
    )
}

/// Two coders who agree on one value: alpha is undefined, with the reason, never 0 or NaN;
/// a unit only one coder coded pairs nothing.
#[test]
fn degenerate_studies_are_undefined_with_the_reason() {
    let out = Test::new()
        .article("2009-07-27-a.yaml", article(CODEBOOK_PARTY))
        .file(
            "annotations/reliability/ben/2009-07-27-a.yaml",
            article(CODEBOOK_PARTY).replace("ana", "ben"),
        )
        .args(&["agree", "--format", "csv", "--bootstrap", "0"])
        .run();
    let figures = csv_rows(&out.stdout);
    let overall: Vec<(&str, &str, &str)> = figures
        .iter()
        .filter(|f| f["party"].is_empty())
        .map(|f| {
            (
                f["variable"].as_str(),
                f["alpha"].as_str(),
                f["undefined"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        overall,
        [
            (
                "stance",
                "",
                "no variation: every pairable value is Bilateral"
            ),
            (
                "stance",
                "",
                "no variation: every pairable value is Bilateral"
            ),
            ("stance", "", "no variation: every pairable value scores -1"),
            ("basis", "", "no variation: every pairable value is report"),
            (
                "confidence",
                "",
                "no variation: every pairable value is medium"
            ),
        ]
    );
    let out = Test::new()
        .article("2009-07-27-a.yaml", article(CODEBOOK_PARTY))
        .file(
            "annotations/reliability/ben/2009-07-27-a.yaml",
            article(&CODEBOOK_PARTY.replace("DPRK", "China")).replace("ana", "ben"),
        )
        .args(&["agree"])
        .run();
    assert!(
        out.stdout.contains(
            "│ stance     ┆ nominal  ┆ undefined* ┆        ┆ 0     ┆ 0      ┆ 0      ┆ 0        │\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("* stance nominal: no unit has values from two coders\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\nno disagreements on the stance\n"),
        "{}",
        out.stdout
    );
}

/// Without codings there is nothing to compare; with errors anywhere, no figures; the matrix
/// is CSV of a variable at one of its levels.
#[test]
fn refusals() {
    Test::new()
        .article("2009-07-27-a.yaml", article(CODEBOOK_PARTY))
        .args(&["agree"])
        .stderr(
            "error: no reliability codings in `annotations/reliability`: nothing to compare the record with\n  \
             = help: put a second coder's codings of some articles in `reliability/CODER/`, one file for each article, in the format of `articles/`\n",
        )
        .status(1)
        .run();
    let out = Test::new()
        .article("2009-07-27-a.yaml", article(CODEBOOK_PARTY))
        .file(
            "annotations/reliability/ben/2009-07-27-a.yaml",
            article(&CODEBOOK_PARTY.replace("bilateral", "bilaterl")).replace("ana", "ben"),
        )
        .args(&["agree"])
        .status(1)
        .run();
    assert!(out.stderr.starts_with("error: unknown stance `bilaterl`\n  --> annotations/reliability/ben/2009-07-27-a.yaml:8:13\n"), "{}", out.stderr);
    assert!(
        out.stderr.ends_with(
            "error: the annotations have 1 error; run `stanceline check` and fix them first\n"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
    let (status, _, stderr) = run(&[
        "agree",
        "--matrix",
        "--variable",
        "confidence",
        "--level",
        "interval",
    ]);
    assert_eq!(
        (status, stderr.as_str()),
        (
            2,
            "error: confidence is measured at the ordinal level, not interval\n  = help: pass --level ordinal\n"
        )
    );
    let (status, _, stderr) = run(&["agree", "--matrix", "--format", "table"]);
    assert_eq!(
        (status, stderr.as_str()),
        (
            2,
            "error: the reliability matrix is written as CSV only\n  = help: leave out --format, or pass --format csv\n"
        )
    );
}

/// The seed fixes the intervals; another seed draws others, around the same alpha.
#[test]
fn the_seed_fixes_the_intervals() {
    let one = csv_rows(&stdout(&["agree", "--format", "csv"]));
    let again = csv_rows(&stdout(&["agree", "--format", "csv", "--seed", "1"]));
    let other = csv_rows(&stdout(&["agree", "--format", "csv", "--seed", "2"]));
    assert_eq!(one, again);
    assert_ne!(one, other);
    for (a, b) in one.iter().zip(&other) {
        assert_eq!(a["alpha"], b["alpha"]);
    }
}

/// Reliability codings never enter the record: events, queries and charts are the record's,
/// and a broken coding does not stop them.
#[test]
fn codings_stay_out_of_the_record() {
    let record = stdout(&["events", "--format", "csv"]);
    assert_eq!(record.lines().count(), 1 + 14);
    assert!(!record.contains("reliability/ben"));
    let out = Test::new()
        .article("2009-07-27-a.yaml", article(CODEBOOK_PARTY))
        .file(
            "annotations/reliability/ben/2009-07-27-a.yaml",
            "positions: [",
        )
        .args(&["events", "--format", "csv"])
        .run();
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    assert_eq!(out.stderr, "");
}

/// The CSV headers are the fields the README lists for `agree`, `agree --units` and
/// `agree --coverage`.
#[test]
fn csv_headers_are_the_readme_s_fields() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    for (name, args) in [
        ("agree", &["agree"][..]),
        ("agree --units", &["agree", "--units"][..]),
        ("agree --coverage", &["agree", "--coverage"][..]),
    ] {
        let fields = common::readme_fields(&readme, name);
        let mut a = args.to_vec();
        a.extend(["--format", "csv"]);
        let out = stdout(&a);
        assert_eq!(
            out.lines().next(),
            Some(fields.join(",").as_str()),
            "{name}"
        );
    }
}
