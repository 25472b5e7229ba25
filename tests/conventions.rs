//! What users expect of a command-line tool: `--party a,b`, and stances by label.

mod common;
use common::Test;
use std::process::Command;

const HEAD: &str = "article:
  title: Test article
  outlet: Test Outlet
  published: 2009-07-27
positions:
";

const F: &str = "annotations/articles/2009-07-27-test.yaml";

const NOTE: &str =
    "note: quotes were not verified against the articles' texts (pass --sources DIR)\n";

/// A position of `party` with `stance` on `held`, with a quote.
fn position(party: &str, stance: &str, held: &str) -> String {
    format!("  - {{party: {party}, stance: {stance}, basis: report, quote: q, held: {held}}}\n")
}

// --party a,b and stances by label

/// A codebook whose stance labels differ from their ids, and a party name with a comma.
const LABELS: &str = "question: Q?
stances:
  - id: bi
    label: Bilateral only
  - id: six
    label: Six-party preferred
parties:
  - id: rok
    name: Korea, Republic of
    aliases: [South Korea]
  - id: dprk
    name: North Korea
  - id: us
    name: United States
";

fn labelled() -> Test {
    Test::new().codebook(LABELS).article(
        "2009-07-27-test.yaml",
        format!(
            "{HEAD}{}{}{}{}",
            position("rok", "six", "2009-07-01"),
            position("DPRK", "Bilateral only", "2009-07-02"),
            position("us", "SIX-PARTY PREFERRED", "2009-07-03"),
            position("north korea", "six", "2009-07-20"),
        ),
    )
}

/// `party held` of each event of `events --format json`.
fn held_parties(out: &common::Output) -> Vec<String> {
    let events: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    events
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["party"].as_str().unwrap(),
                e["held"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn parties_are_named_repeated_or_separated_by_commas_and_a_name_with_a_comma_whole() {
    let events = |args: &[&str]| {
        let out = labelled()
            .args(&["events", "--format", "json"])
            .args(args)
            .run();
        held_parties(&out)
    };
    let dprk_us = ["dprk 2009-07-02", "us 2009-07-03", "dprk 2009-07-20"];
    assert_eq!(events(&["--party", "dprk", "--party", "us"]), dprk_us);
    assert_eq!(events(&["--party", "dprk,us"]), dprk_us);
    assert_eq!(
        events(&["--party", " North Korea , United States "]),
        dprk_us
    );
    assert_eq!(
        events(&["--party", "Korea, Republic of"]),
        ["rok 2009-07-01"]
    );
    assert_eq!(
        events(&["--party", "korea, republic of", "--party", "us,dprk"]),
        [
            "rok 2009-07-01",
            "dprk 2009-07-02",
            "us 2009-07-03",
            "dprk 2009-07-20"
        ]
    );
    // Split, the name is two unknown names.
    labelled()
        .args(&["events", "--party", "Korea, Republic of,us"])
        .stderr("error: unknown party `Korea`\n  = help: did you mean `Korea, Republic of`?\n")
        .status(2)
        .run();
    labelled()
        .args(&["changes", "--party", "us,,dprk"])
        .stderr(
            "error: `--party us,,dprk` has an empty name\n  \
             = help: give one name, or several separated by commas: --party NAME,NAME\n",
        )
        .status(2)
        .run();
    labelled()
        .args(&["chart", "-o", "x.svg", "--party", "dprk,"])
        .stderr(
            "error: `--party dprk,` has an empty name\n  \
             = help: give one name, or several separated by commas: --party NAME,NAME\n",
        )
        .status(2)
        .run();
}

#[test]
fn changes_and_charts_take_parties_separated_by_commas() {
    let changes = |args: &[&str]| labelled().args(&["changes"]).args(args).run().stdout;
    let repeated = changes(&["--party", "dprk", "--party", "us"]);
    assert!(repeated.contains("North Korea"), "{repeated}");
    assert_eq!(changes(&["--party", "dprk,us"]), repeated);
    let t = labelled();
    let chart = |name: &str, parties: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
            .args(["chart", "-o", name])
            .args(parties)
            .current_dir(t.path())
            .env_remove("STANCELINE_ANNOTATIONS")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read(t.path().join(name)).unwrap()
    };
    let a = chart("a.svg", &["--party", "us", "--party", "South Korea"]);
    let b = chart("b.svg", &["--party", "us,South Korea"]);
    assert_eq!(a, b);
    assert_ne!(a, chart("c.svg", &["--party", "South Korea,us"]));
}

#[test]
fn query_takes_the_party_as_an_option_too() {
    let query = |args: &[&str]| labelled().args(&["query"]).args(args).run().stdout;
    let positional = query(&["dprk", "--at", "2009-07-05"]);
    assert!(
        positional.starts_with("party        North Korea (dprk)\n"),
        "{positional}"
    );
    assert_eq!(
        query(&["--party", "dprk", "--at", "2009-07-05"]),
        positional
    );
    assert_eq!(query(&["--party", "North Korea"]), query(&["dprk"]));
    // Several: the table of every party, of these, in the order given.
    labelled()
        .args(&[
            "query",
            "--party",
            "us,dprk",
            "--at",
            "2009-07-05",
            "--format",
            "csv",
        ])
        .run()
        .stdout
        .lines()
        .skip(1)
        .zip([
            "us,United States,2009-07-05,known,six,",
            "dprk,North Korea,2009-07-05,known,bi,",
        ])
        .for_each(|(line, start)| assert!(line.starts_with(start), "{line}"));
    let histories = query(&["--party", "us", "--party", "dprk"]);
    assert!(
        histories.starts_with("United States: history\n"),
        "{histories}"
    );
    assert!(
        histories.contains("\n\nNorth Korea: history\n"),
        "{histories}"
    );
    labelled()
        .args(&["query", "dprk", "--party", "us"])
        .stderr(
            "error: the argument '[PARTY]' cannot be used with '--party <PARTY>'\n\
             \n\
             Usage: stanceline query <PARTY>\n\
             \n\
             For more information, try '--help'.\n",
        )
        .status(2)
        .run();
}

#[test]
fn stances_are_named_by_id_or_label_in_any_case() {
    let events = |args: &[&str]| {
        let out = labelled()
            .args(&["events", "--format", "json"])
            .args(args)
            .run();
        held_parties(&out)
    };
    let six = ["rok 2009-07-01", "us 2009-07-03", "dprk 2009-07-20"];
    assert_eq!(events(&["--stance", "six"]), six);
    assert_eq!(events(&["--stance", "six-party PREFERRED"]), six);
    assert_eq!(
        events(&["--stance", "Bilateral only,six", "--party", "dprk"]),
        ["dprk 2009-07-02", "dprk 2009-07-20"]
    );
    labelled()
        .args(&["events", "--stance", "six party prefered"])
        .stderr("error: unknown stance `six party prefered`\n  = help: did you mean `Six-party preferred`?\n")
        .status(2)
        .run();
    labelled()
        .args(&["events", "--stance", "multilateral"])
        .stderr(
            "error: unknown stance `multilateral`\n  = help: the codebook's stances are: bi, six\n",
        )
        .status(2)
        .run();
    // In the annotations too (the article above names stances by label), and suggested so.
    labelled()
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "{NOTE}checked 1 article: 4 positions, 3 parties, 0 problems\n"
        ))
        .run();
    Test::new()
        .codebook(LABELS)
        .article(
            "2009-07-27-test.yaml",
            format!(
                "{HEAD}{}",
                position("us", "Six-party prefered", "2009-07-03")
            ),
        )
        .args(&["check"])
        .stderr(&format!(
            "error: unknown stance `Six-party prefered`
  --> {F}:6:25
  |
6 |   - {{party: us, stance: Six-party prefered, basis: report, quote: q, held: 2009-07-03}}
  |                         ^^^^^^^^^^^^^^^^^^
  |
  = help: did you mean `Six-party preferred`?

{NOTE}checked 1 article: 0 positions, 3 parties, 1 error
"
        ))
        .status(1)
        .run();
}
