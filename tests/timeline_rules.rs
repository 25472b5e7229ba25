//! The README's rules for how positions become a timeline, through the binary: a confirming
//! interval never removes an answer, a carried stance resumes after a closed interval, an
//! unknown end is carried forward and said so, and times order the positions of one day.

mod common;
use common::Test;
use serde_json::Value;

/// An article of 2010-01-01 with the given positions of North Korea, each `(stance, held)`.
fn positions(held: &[(&str, &str)]) -> Test {
    let body: String = held
        .iter()
        .map(|(stance, held)| {
            format!("  - party: DPRK\n    stance: {stance}\n    basis: report\n    quote: x\n    held: \"{held}\"\n")
        })
        .collect();
    Test::new().article(
        "2010-01-01-a.yaml",
        format!("article:\n  title: T\n  outlet: O\n  published: 2010-01-01\npositions:\n{body}"),
    )
}

/// `query DPRK --at DAY` as JSON: (status, stance) of each answer.
fn answers(t: Test, day: &str) -> Vec<(String, String)> {
    let out = t
        .args(&["query", "DPRK", "--at", day, "--format", "json"])
        .run();
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    rows.iter()
        .map(|r| {
            let text = |v: &Value| v.as_str().unwrap_or("").to_string();
            (text(&r["status"]), text(&r["stance"]))
        })
        .collect()
}

fn known(stance: &str) -> Vec<(String, String)> {
    vec![("known".into(), stance.into())]
}

/// The case: a stance held from a single date, then the same stance over a closed
/// interval; after the interval the party still holds it (before, it was unknown).
#[test]
fn a_confirming_interval_keeps_the_answer() {
    let held = [
        ("bilateral", "2009-12-01"),
        ("bilateral", "2009-12-08/2009-12-10"),
    ];
    for day in ["2009-12-05", "2009-12-09", "2009-12-11", "2009-12-31"] {
        assert_eq!(answers(positions(&held), day), known("bilateral"), "{day}");
    }
}

/// A closed interval of another stance holds over its days; the stance carried forward
/// before it resumes after it, unless a later position has started by then.
#[test]
fn a_carried_stance_resumes_after_a_closed_interval() {
    let held = [("bilateral", "2009-01"), ("mixed", "2009-06/2009-07")];
    assert_eq!(answers(positions(&held), "2009-05-31"), known("bilateral"));
    assert_eq!(answers(positions(&held), "2009-07-15"), known("mixed"));
    assert_eq!(answers(positions(&held), "2009-08-01"), known("bilateral"));
    let later = [
        ("bilateral", "2009-01"),
        ("mixed", "2009-06/2009-07"),
        ("multilateral", "2009-07-20"),
    ];
    assert_eq!(
        answers(positions(&later), "2009-08-01"),
        known("multilateral")
    );
    // Nothing carried: a closed interval still leaves a gap after it.
    let alone = [("mixed", "2009-06/2009-07")];
    assert_eq!(
        answers(positions(&alone), "2009-08-01"),
        vec![("unknown".into(), String::new())]
    );
}

/// An unknown end (`2009-07/`) holds through its start's period and is carried forward like
/// a single date; the events table and a query's evidence say `end unknown`, JSON and CSV
/// `end_unknown`.
#[test]
fn an_unknown_end_is_carried_forward_and_said_so() {
    let held = [("bilateral", "2009-07/"), ("mixed", "/2009-03")];
    assert_eq!(answers(positions(&held), "2009-12-31"), known("bilateral"));
    assert_eq!(answers(positions(&held), "2009-03-15"), known("mixed"));
    assert_eq!(
        answers(positions(&held), "2009-04-15"),
        vec![("unknown".into(), String::new())]
    );
    let out = positions(&held)
        .env("COLUMNS", "200")
        .args(&["events"])
        .run();
    assert!(
        out.stdout.contains("│ 2009-07/ (end unknown) "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("│ /2009-03 (start unknown) "),
        "{}",
        out.stdout
    );
    let out = positions(&held)
        .env("COLUMNS", "200")
        .args(&["query", "DPRK", "--at", "2009-08"])
        .run();
    assert!(
        out.stdout.contains("│ 2009-07/ (end unknown) "),
        "{}",
        out.stdout
    );
    let out = positions(&held).args(&["events", "--format", "json"]).run();
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let flags: Vec<(&str, &str, &str, bool, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["held"].as_str().unwrap(),
                r["held_start"].as_str().unwrap(),
                r["held_end"].as_str().unwrap(),
                r["start_unknown"].as_bool().unwrap(),
                r["end_unknown"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        flags,
        vec![
            ("/2009-03", "2009-03-01", "2009-03-31", true, false),
            ("2009-07/", "2009-07-01", "2009-07-31", false, true),
        ]
    );
}

/// Times order the positions of one day (in UTC where an offset is written): the later one
/// is the last word after that day; on the day itself both hold.
#[test]
fn times_order_the_positions_of_one_day() {
    // 15:00 at +08:00 is 07:00 UTC, before 09:00 UTC.
    let held = [
        ("multilateral", "2009-07-27T09:00:00Z"),
        ("bilateral", "2009-07-27T15:00:00+08:00"),
    ];
    assert_eq!(
        answers(positions(&held), "2009-07-28"),
        known("multilateral")
    );
    let day = answers(positions(&held), "2009-07-27");
    assert_eq!(day, vec![("conflict".into(), String::new())]);
    let out = positions(&held).args(&["events", "--format", "csv"]).run();
    let order: Vec<&str> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(5).unwrap())
        .collect();
    assert_eq!(order, ["2009-07-27T15:00:00+08:00", "2009-07-27T09:00:00Z"]);
    // Without a time, a position of the day comes before those with one.
    let held = [
        ("mixed", "2009-07-27T00:00:01"),
        ("bilateral", "2009-07-27"),
    ];
    assert_eq!(answers(positions(&held), "2009-07-28"), known("mixed"));
}
