//! The codebooks of issue 15 stay valid and keep what they were written to exercise: the Iran
//! nuclear talks (`tests/fixtures/iran`) and the edge cases (`tests/fixtures/edge/*`). Each is
//! checked by the real binary with its summary line pinned; what makes each fixture an edge
//! case (twelve parties, nine stances, no scores...) is read from its codebook and from the
//! binary's JSON, so that an edit that loses it fails here rather than in a chart test.

mod common;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

/// `check` prints this before its summary when no `--sources` is given.
const NOT_VERIFIED: &str =
    "note: quotes were not verified against the articles' texts (pass --sources DIR)\n";

/// Every directory under `tests/fixtures/edge/` and its `check` summary line.
const EDGE: [(&str, &str); 5] = [
    (
        "long-question",
        "checked 2 articles: 3 positions, 2 parties, 0 problems",
    ),
    (
        "nine-stances",
        "checked 3 articles: 9 positions, 3 parties, 0 problems",
    ),
    (
        "no-scores",
        "checked 2 articles: 5 positions, 3 parties, 0 problems",
    ),
    (
        "one-position",
        "checked 1 article: 1 position, 1 party, 0 problems",
    ),
    (
        "twelve-parties",
        "checked 3 articles: 15 positions, 12 parties, 0 problems",
    ),
];

const IRAN: &str = "tests/fixtures/iran";

/// The latest article of the Iran fixture by `published` (2015-07-14, the JCPOA).
const IRAN_LATEST: &str = "2015-07-14-iran-nuclear-deal-world-powers-reach-historic-agreement";

/// What the codebook says, as written (the model fills in colours, so it cannot tell).
#[derive(Deserialize)]
struct Codebook {
    question: String,
    stances: Vec<Stance>,
    parties: Vec<Party>,
    #[serde(default)]
    speakers: Vec<Speaker>,
}

#[derive(Deserialize)]
struct Stance {
    id: String,
    score: Option<f64>,
    color: Option<String>,
}

#[derive(Deserialize)]
struct Party {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    color: Option<String>,
}

#[derive(Deserialize)]
struct Speaker {
    name: String,
    from: Option<String>,
    to: Option<String>,
}

fn codebook(dir: &str) -> Codebook {
    let path = common::root().join(dir).join("codebook.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Run the binary from the repository root on the annotations in `dir`.
fn run(dir: &str, args: &[&str]) -> common::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(args)
        .args(["--annotations", dir])
        .current_dir(common::root())
        .env_remove("STANCELINE_ANNOTATIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    common::Output {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The JSON array a command prints, asserting that it succeeded quietly.
fn json(dir: &str, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = run(dir, &all);
    assert_eq!(out.status, 0, "{dir} {args:?}: {}", out.stderr);
    assert_eq!(out.stderr, "", "{dir} {args:?}");
    match serde_json::from_str(&out.stdout).unwrap() {
        Value::Array(items) => items,
        other => panic!("{dir} {args:?}: not an array: {other}"),
    }
}

/// The distinct values of `field` over `items`.
fn distinct(items: &[Value], field: &str) -> BTreeSet<String> {
    items
        .iter()
        .map(|i| i[field].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_edge_fixture_checks_clean_with_warnings_denied() {
    // A directory added under edge/ without a line in EDGE fails here instead of going unchecked.
    let on_disk: BTreeSet<String> = std::fs::read_dir(common::root().join("tests/fixtures/edge"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let listed: BTreeSet<String> = EDGE.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(on_disk, listed);
    for (name, summary) in EDGE {
        let dir = format!("tests/fixtures/edge/{name}");
        let out = run(&dir, &["check", "--deny", "warnings"]);
        assert_eq!(out.stderr, format!("{NOT_VERIFIED}{summary}\n"), "{name}");
        assert_eq!(out.stdout, "", "{name}");
        assert_eq!(out.status, 0, "{name}");
    }
}

#[test]
fn twelve_parties_has_twelve_parties_some_uncoloured_each_with_a_position() {
    let dir = "tests/fixtures/edge/twelve-parties";
    let cb = codebook(dir);
    assert_eq!(cb.parties.len(), 12);
    assert!(cb.parties.iter().filter(|p| p.color.is_none()).count() >= 3);
    let ids: BTreeSet<String> = cb.parties.iter().map(|p| p.id.clone()).collect();
    assert_eq!(distinct(&json(dir, &["events"]), "party"), ids);
}

#[test]
fn nine_stances_are_all_scored_some_uncoloured_each_used() {
    let dir = "tests/fixtures/edge/nine-stances";
    let cb = codebook(dir);
    assert_eq!(cb.stances.len(), 9);
    assert!(cb.stances.iter().all(|s| s.score.is_some()));
    assert!(cb.stances.iter().filter(|s| s.color.is_none()).count() >= 3);
    let ids: BTreeSet<String> = cb.stances.iter().map(|s| s.id.clone()).collect();
    assert_eq!(distinct(&json(dir, &["events"]), "stance"), ids);
}

#[test]
fn no_scores_has_no_scored_stance() {
    let dir = "tests/fixtures/edge/no-scores";
    let cb = codebook(dir);
    assert!(cb.stances.len() >= 3);
    assert!(cb.stances.iter().all(|s| s.score.is_none()));
    // Every recorded move is off the axis, as `changes` calls it.
    let changes = json(dir, &["changes"]);
    assert!(!changes.is_empty());
    assert_eq!(
        distinct(&changes, "direction"),
        BTreeSet::from(["off-axis".into()])
    );
}

#[test]
fn long_question_is_about_two_hundred_characters() {
    let n = codebook("tests/fixtures/edge/long-question")
        .question
        .chars()
        .count();
    assert!((190..=210).contains(&n), "{n} characters");
}

#[test]
fn one_position_has_one_party_and_one_position() {
    let dir = "tests/fixtures/edge/one-position";
    assert_eq!(codebook(dir).parties.len(), 1);
    assert_eq!(json(dir, &["events"]).len(), 1);
}

/// The conflict of the Iran fixture as `check` reports it: one warning, showing both sides.
const IRAN_CONFLICT: &str = "\
warning[conflict]: United States holds `interim-limits-only` and `capped-enrichment` at once, from 2013-11-24 to 2015-04-01
   --> tests/fixtures/iran/articles/2013-11-24-iran-agrees-to-curb-nuclear-activity-at-geneva-talks.yaml:17:5
   |
17 |   - party: Washington
   |     ^ `interim-limits-only` here
   |
   --> tests/fixtures/iran/articles/2013-11-24-secret-us-iran-talks-set-stage-for-nuke-deal.yaml:12:5
   |
12 |   - speaker: William J. Burns
   |     - `capped-enrichment` here
   |
   = help: if both are right, narrow `held` so they do not overlap; if the record disagrees, keep both: queries and charts show the conflict

";

const IRAN_SUMMARY: &str = "checked 10 articles: 37 positions, 12 parties, 1 warning\n";

/// The Iran fixture records a conflict, so `check` warns about it (exit 0) and `--deny
/// warnings` makes it an error (exit 1); the conflict's warning is the only one.
#[test]
fn iran_checks_with_the_conflict_as_its_only_warning() {
    let out = run(IRAN, &["check"]);
    assert_eq!(
        out.stderr,
        format!("{IRAN_CONFLICT}{NOT_VERIFIED}{IRAN_SUMMARY}")
    );
    assert_eq!(out.stdout, "");
    assert_eq!(out.status, 0);

    let denied = run(
        IRAN,
        &["check", "--deny", "warnings", "--message-format", "short"],
    );
    let at = "tests/fixtures/iran/articles/2013-11-24";
    assert_eq!(
        denied.stderr,
        format!(
            "{at}-iran-agrees-to-curb-nuclear-activity-at-geneva-talks.yaml:17:5: error: United States holds `interim-limits-only` and `capped-enrichment` at once, from 2013-11-24 to 2015-04-01 [conflict]\n\
             {NOT_VERIFIED}checked 10 articles: 37 positions, 12 parties, 1 error\n"
        )
    );
    assert_eq!(denied.status, 1);
}

/// What the Iran codebook was written to have (issue 15, "Tests and fixtures").
#[test]
fn iran_codebook_has_what_issue_15_asks_for() {
    let cb = codebook(IRAN);
    assert!(cb.parties.len() >= 8, "{} parties", cb.parties.len());
    let uncoloured = cb.parties.iter().filter(|p| p.color.is_none()).count();
    assert!(uncoloured >= 3, "{uncoloured} parties without a colour");
    let long: Vec<&str> = cb
        .parties
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| n.chars().count() > 50)
        .collect();
    assert!(long.len() >= 2, "names over 50 characters: {long:?}");
    assert!(cb.parties.iter().all(|p| !p.aliases.is_empty()));
    // Scores not centred on zero: the scale runs 1 to 5.
    let scores: Vec<f64> = cb.stances.iter().filter_map(|s| s.score).collect();
    let lowest = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert_eq!((lowest, highest), (1.0, 5.0));
    // An off-axis stance without a colour, and a scored one without a colour too.
    assert!(
        cb.stances
            .iter()
            .any(|s| s.score.is_none() && s.color.is_none())
    );
    assert!(
        cb.stances
            .iter()
            .any(|s| s.score.is_some() && s.color.is_none())
    );
    // Speakers with periods, some with two.
    assert!(cb.speakers.iter().all(|s| s.from.is_some()));
    assert!(cb.speakers.iter().any(|s| s.to.is_some()));
    let names: Vec<&str> = cb.speakers.iter().map(|s| s.name.as_str()).collect();
    let twice = names
        .iter()
        .filter(|n| names.iter().filter(|m| m == n).count() == 2);
    assert!(twice.count() >= 2);
    // Every party has a position.
    let ids: BTreeSet<String> = cb.parties.iter().map(|p| p.id.clone()).collect();
    assert_eq!(distinct(&json(IRAN, &["events"]), "party"), ids);
}

/// The latest article by publication date records a change of stance: Russia, from the right
/// to enrich with interim limits to long-term caps, when the JCPOA was signed.
#[test]
fn iran_latest_article_records_a_change() {
    let events = json(IRAN, &["events"]);
    let latest = events
        .iter()
        .max_by_key(|e| e["published_end"].as_str().unwrap().to_string())
        .unwrap();
    assert_eq!(latest["article"], IRAN_LATEST);
    let in_latest: Vec<&Value> = events
        .iter()
        .filter(|e| e["published_end"] == latest["published_end"])
        .collect();
    assert!(
        in_latest.iter().all(|e| e["article"] == IRAN_LATEST),
        "one latest article"
    );

    let changes = json(IRAN, &["changes"]);
    let russia = changes
        .iter()
        .find(|c| c["party"] == "russia" && c["article_ids"] == serde_json::json!([IRAN_LATEST]))
        .unwrap_or_else(|| panic!("no change of Russia in {IRAN_LATEST}: {changes:#?}"));
    assert_eq!(russia["date"], "2015-07-14");
    assert_eq!(russia["from"], "interim-limits-only");
    assert_eq!(russia["to"], "capped-enrichment");
    assert_eq!(russia["previous_end"], "2015-07-13");
    let evidence = russia["evidence"].as_array().unwrap();
    assert!(evidence.iter().all(|e| e["article"] == IRAN_LATEST));
}

/// Two sources disagree about the United States from 2013-11-24: Kerry's words (capped
/// enrichment) and Iran's account of what was agreed (a recognised right to enrich).
#[test]
fn iran_records_a_conflict_between_two_articles() {
    let answers = json(IRAN, &["query", "united-states", "--at", "2014-01-01"]);
    assert_eq!(answers.len(), 1);
    let a = &answers[0];
    assert_eq!(a["status"], "conflict");
    assert_eq!(a["since"], "2013-11-24");
    assert_eq!(a["until"], "2015-04-01");
    assert_eq!(
        a["conflict_stances"],
        serde_json::json!(["capped-enrichment", "interim-limits-only"])
    );
    let sides: BTreeSet<(String, String)> = a["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text = |f: &str| e[f].as_str().unwrap().to_string();
            (text("stance"), text("article"))
        })
        .collect();
    assert_eq!(
        sides,
        BTreeSet::from([
            (
                "capped-enrichment".into(),
                "2013-11-24-accord-reached-with-iran-to-halt-nuclear-program".into()
            ),
            (
                "interim-limits-only".into(),
                "2013-11-24-iran-agrees-to-curb-nuclear-activity-at-geneva-talks".into()
            ),
        ])
    );
}
