//! The questions the shipped annotations must answer (issue: the event model and its queries).

mod common;
use serde_json::Value;
use std::process::Command;

fn json(args: &[&str]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(args)
        .args(["--format", "json"])
        .current_dir(common::root())
        .env_remove("STANCELINE_ANNOTATIONS")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn one(args: &[&str]) -> Value {
    let rows = json(args);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    rows[0].clone()
}

#[test]
fn north_korea_on_2009_08_01_is_bilateral_only_on_the_2009_07_27_article() {
    let a = one(&["query", "north-korea", "--at", "2009-08-01"]);
    assert_eq!(a["stance"], "bilateral-only");
    let evidence = a["evidence"].as_array().unwrap();
    assert!(
        evidence.iter().any(|e| e["published"] == "2009-07-27"),
        "{a:#}"
    );
}

#[test]
fn united_states_on_2004_06_01_insisted_on_multilateral_talks() {
    let a = one(&["query", "united-states", "--at", "2004-06-01"]);
    assert_eq!(a["stance"], "six-party-only");
    let e = &a["evidence"][0];
    assert_eq!(e["published"], "2005-07-25");
    assert!(
        e["held"].as_str().unwrap().contains('/'),
        "an interval: {e:#}"
    );
}

#[test]
fn united_states_on_2009_11_01_talks_bilaterally_only_within_six_party() {
    let a = one(&["query", "united-states", "--at", "2009-11-01"]);
    assert_eq!(a["stance"], "bilateral-within-six-party");
    assert!(
        a["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["published"] == "2009-10-28"),
        "{a:#}"
    );
}

#[test]
fn united_states_changed_in_july_2005() {
    let changes = json(&["changes", "--party", "united-states"]);
    let july = changes
        .iter()
        .find(|c| c["date"].as_str().unwrap().starts_with("2005-07"))
        .unwrap_or_else(|| panic!("{changes:#?}"));
    assert_eq!(july["from"], "six-party-only");
    assert_eq!(july["to"], "bilateral-within-six-party");
    assert_eq!(july["direction"], "lower");
}

#[test]
fn the_record_of_2009_07_26_does_not_see_the_article_of_2009_07_27() {
    let a = one(&[
        "query",
        "north-korea",
        "--at",
        "2009-07-26",
        "--known-by",
        "2009-07-26",
    ]);
    assert_ne!(a["stance"], "bilateral-only");
    for e in a["evidence"].as_array().unwrap() {
        assert!(e["published"].as_str().unwrap() <= "2009-07-26");
    }
}
