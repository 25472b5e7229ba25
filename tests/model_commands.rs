//! Snapshots of `events`, `query` and `changes` in every format, on a fixture built to contain
//! a corroboration (two articles on North Korea, 2009-01-10), a conflict (the United States
//! from 2009-04-20), a gap (the United States, July-August 2008), an open interval (Christopher
//! Hill, 2008-09~/..; China, ../2008-03) and a knowledge-time cut (an article published
//! 2009-06-01 and one published in the month 2009-07).

mod common;
use std::process::Command;

/// Run the binary from the repository root on the model fixture.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(args)
        .args(["--annotations", "tests/fixtures/model"])
        .current_dir(common::root())
        .env("COLUMNS", "120")
        .env_remove("STANCELINE_ANNOTATIONS")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Run in every format: snapshot each, and check that JSON and CSV parse and agree.
fn every_format(name: &str, args: &[&str]) {
    let mut outputs = Vec::new();
    for format in ["table", "json", "csv"] {
        let mut a = args.to_vec();
        a.extend(["--format", format]);
        let (status, stdout, stderr) = run(&a);
        assert_eq!(status, 0, "{name} {format}: {stderr}");
        assert_eq!(stderr, "", "{name} {format}");
        insta::assert_snapshot!(format!("{name}-{format}"), stdout);
        outputs.push(stdout);
    }
    // JSON is an array of objects; CSV has a header and one record per object, with the
    // same flat fields in the same order; a JSON list is a CSV cell of `;`-separated items.
    let json: serde_json::Value = serde_json::from_str(&outputs[1]).unwrap();
    let objects = json.as_array().expect("an array");
    let mut reader = csv::Reader::from_reader(outputs[2].as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), objects.len(), "{name}");
    for (object, record) in objects.iter().zip(&records) {
        let object = object.as_object().unwrap();
        for (field, cell) in header.iter().zip(record.iter()) {
            let value = &object[field];
            let as_text = match value {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().expect("lists of texts").to_string())
                    .collect::<Vec<_>>()
                    .join(";"),
                other => other.to_string(),
            };
            assert_eq!(as_text, cell, "{name}: field {field}");
        }
    }
}

#[test]
fn events() {
    every_format("events", &["events"]);
}

#[test]
fn events_filtered() {
    every_format(
        "events-filtered",
        &[
            "events",
            "--party",
            "DPRK",
            "--party",
            "us",
            "--from",
            "2009",
            "--stance",
            "bilateral",
        ],
    );
}

#[test]
fn query_corroborated() {
    every_format(
        "query-dprk-2009-02-01",
        &["query", "north-korea", "--at", "2009-02-01"],
    );
}

#[test]
fn query_conflict() {
    every_format(
        "query-us-2009-05-01",
        &["query", "united states", "--at", "2009-05-01"],
    );
}

#[test]
fn query_knowledge_time_cut() {
    every_format(
        "query-us-2009-05-01-known-by-2009-05-31",
        &[
            "query",
            "Washington",
            "--at",
            "2009-05-01",
            "--known-by",
            "2009-05-31",
        ],
    );
}

#[test]
fn query_all_parties_with_gap_and_unknowns() {
    every_format("query-all-2008-08-01", &["query", "--at", "2008-08-01"]);
}

#[test]
fn query_history() {
    every_format("query-us-history", &["query", "US"]);
}

#[test]
fn query_period() {
    every_format("query-dprk-2009", &["query", "DPRK", "--at", "2009"]);
}

#[test]
fn changes() {
    every_format("changes", &["changes"]);
}

#[test]
fn changes_of_one_party_known_by() {
    every_format(
        "changes-dprk-known-by-2009-07-15",
        &[
            "changes",
            "--party",
            "Pyongyang",
            "--known-by",
            "2009-07-15",
        ],
    );
}

#[test]
fn known_by_hides_later_articles() {
    let (_, stdout, _) = run(&["events", "--format", "csv", "--known-by", "2009-06-30"]);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let published: Vec<String> = reader
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|r| r.unwrap()["published_end"].clone())
        .collect();
    assert_eq!(published.len(), 8);
    assert!(
        published.iter().all(|p| p.as_str() <= "2009-06-30"),
        "{published:?}"
    );
    // A month-precision publication counts from the month's last day.
    let (_, stdout, _) = run(&["events", "--format", "csv", "--known-by", "2009-07-30"]);
    assert!(!stdout.contains("Monthly review"));
    let (_, stdout, _) = run(&["events", "--format", "csv", "--known-by", "2009-07"]);
    assert!(stdout.contains("Monthly review"));
}

#[test]
fn unknown_party_on_the_command_line() {
    let (status, stdout, stderr) = run(&["query", "north-kora", "--at", "2009"]);
    assert_eq!(status, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: unknown party `north-kora`\n  = help: did you mean `north-korea`?\n"
    );
}

#[test]
fn bad_date_on_the_command_line() {
    let (status, _, stderr) = run(&["query", "DPRK", "--at", "2009-02-30"]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("invalid value '2009-02-30' for '--at <DATE>': `2009-02-30` does not exist: 2009-02 has 28 days"),
        "{stderr}"
    );
}

/// With neither a party nor a date (or with `--all`), every party's history, a section each;
/// the same rows in JSON as each party's history asked one by one.
#[test]
fn query_without_party_or_date_gives_every_history() {
    every_format("query-every-history", &["query"]);
    let (_, all, _) = run(&["query", "--all", "--format", "json"]);
    let (_, plain, _) = run(&["query", "--format", "json"]);
    assert_eq!(all, plain);
    let all: Vec<serde_json::Value> = serde_json::from_str(&all).unwrap();
    let mut one_by_one = Vec::new();
    for party in ["north-korea", "united-states", "china"] {
        let (_, out, _) = run(&["query", party, "--format", "json"]);
        let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        one_by_one.extend(rows);
    }
    assert_eq!(all, one_by_one);
    // `--all` names every party: naming one as well is a usage error.
    let (status, _, stderr) = run(&["query", "china", "--all"]);
    assert_eq!(status, 2);
    assert!(
        stderr.starts_with("error: the argument '[PARTY]' cannot be used with '--all'"),
        "{stderr}"
    );
}

/// `--party a,b` (or repeated) asks about those parties, in the order given, each once; one
/// party named so is the same as naming it alone.
#[test]
fn query_changes_and_events_take_a_list_of_parties() {
    every_format(
        "query-us-dprk-2009-05-01",
        &["query", "--party", "us,DPRK", "--at", "2009-05-01"],
    );
    let (_, listed, _) = run(&[
        "query",
        "--party",
        "us,DPRK,us",
        "--party",
        "dprk",
        "--at",
        "2009-05-01",
        "--format",
        "csv",
    ]);
    let (_, us, _) = run(&["query", "us", "--at", "2009-05-01", "--format", "csv"]);
    let (_, dprk, _) = run(&["query", "DPRK", "--at", "2009-05-01", "--format", "csv"]);
    let body = |csv: &str| {
        csv.lines()
            .skip(1)
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    };
    assert_eq!(listed, format!("{}{}", us, body(&dprk)));
    let (_, one, _) = run(&["query", "--party", "us", "--at", "2009-05-01"]);
    let (_, alone, _) = run(&["query", "us", "--at", "2009-05-01"]);
    assert_eq!(one, alone);
    for command in ["events", "changes"] {
        let (_, listed, _) = run(&[command, "--party", "china,us", "--format", "csv"]);
        let (_, repeated, _) = run(&[
            command, "--party", "china", "--party", "us", "--format", "csv",
        ]);
        assert_eq!(listed, repeated, "{command}");
        assert!(listed.lines().count() >= 2, "{command}: {listed}");
    }
    let (status, _, stderr) = run(&["changes", "--party", "china,jpan"]);
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "error: unknown party `jpan`\n  = help: the codebook's parties are: north-korea, united-states, china\n"
    );
}

/// `changes --from/--to` keeps the changes dated within them; with none, it says which were
/// asked for.
#[test]
fn changes_between_dates() {
    every_format(
        "changes-2009-04-to-2009-06",
        &["changes", "--from", "2009-04", "--to", "2009-06"],
    );
    let (_, all, _) = run(&["changes", "--format", "csv"]);
    let (_, some, _) = run(&[
        "changes", "--from", "2009-04", "--to", "2009-06", "--format", "csv",
    ]);
    let dates = |csv: &str| -> Vec<String> {
        csv.lines()
            .skip(1)
            .map(|l| l.split(',').nth(2).unwrap().to_string())
            .collect()
    };
    let expected: Vec<String> = dates(&all)
        .into_iter()
        .filter(|d| d.as_str() >= "2009-04-01" && d.as_str() <= "2009-06-30")
        .collect();
    assert!(!expected.is_empty() && expected.len() < dates(&all).len());
    assert_eq!(dates(&some), expected);
    let (status, out, _) = run(&[
        "changes",
        "--party",
        "china",
        "--from",
        "2009",
        "--known-by",
        "2009-12-31",
    ]);
    assert_eq!(status, 0);
    assert_eq!(
        out,
        "no changes for China on or after 2009-01-01 known by 2009-12-31\n"
    );
    let (status, _, stderr) = run(&["changes", "--from", "2010", "--to", "2009"]);
    assert_eq!(status, 2);
    assert_eq!(stderr, "error: --from 2010 is after --to 2009\n");
}

#[test]
fn queries_refuse_broken_annotations() {
    let t = common::Test::new().article(
        "2009-07-27-x.yaml",
        "article:\n  title: T\n  outlet: O\n  published: 2009-07-27\npositions:\n  - party: Nowhere\n    stance: bilateral\n    basis: report\n",
    );
    let out = t
        .args(&["query", "DPRK", "--at", "2009", "--format", "json"])
        .status(1)
        .run();
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.starts_with("error: unknown party `Nowhere`\n"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.ends_with(
        "error: the annotations have 1 error; run `stanceline check` and fix them first\n  \
         = help: or pass --skip-broken to leave out the article files with errors and answer from the others\n"
    ));
}

#[test]
fn empty_csv_has_the_same_header_as_a_full_one() {
    for (full, empty) in [
        (
            vec!["events"],
            vec!["events", "--party", "china", "--stance", "bilateral"],
        ),
        (vec!["changes"], vec!["changes", "--known-by", "2000"]),
    ] {
        let header = |args: &[&str]| {
            let mut a = args.to_vec();
            a.extend(["--format", "csv"]);
            let (status, stdout, stderr) = run(&a);
            assert_eq!(status, 0, "{stderr}");
            stdout.lines().next().unwrap().to_string()
        };
        let (h_full, h_empty) = (header(&full), header(&empty));
        assert_eq!(h_full, h_empty, "{full:?}");
        let (_, rows, _) = run(&[empty.as_slice(), &["--format", "csv"]].concat());
        assert_eq!(rows.lines().count(), 1, "{empty:?} should have no rows");
    }
}

#[test]
fn unknown_parties_and_stances_are_usage_errors_with_help() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["events", "--stance", "bilaterl"],
            "error: unknown stance `bilaterl`\n  = help: did you mean `bilateral`?\n",
        ),
        (
            &["events", "--stance", "zzzzzz"],
            "error: unknown stance `zzzzzz`\n  = help: the codebook's stances are: bilateral, \
             mixed, multilateral, disengaged\n",
        ),
        (
            &["changes", "--party", "zzzzzz"],
            "error: unknown party `zzzzzz`\n  = help: the codebook's parties are: north-korea, \
             united-states, china\n",
        ),
        (
            &["query", "Chnia"],
            "error: unknown party `Chnia`\n  = help: did you mean `china`?\n",
        ),
    ];
    for (args, expected) in cases {
        let (status, stdout, stderr) = run(args);
        assert_eq!(stderr, expected, "{args:?}");
        assert_eq!(stdout, "", "{args:?}");
        assert_eq!(status, 2, "{args:?}");
    }
}
