//! stanceline's dates against the Library of Congress's reference implementation of EDTF,
//! the `edtf` package on PyPI (run by `python3 tests/edtf_reference.py`; `.ci/run` installs
//! it, and this test fails without it). A few hundred strings cover every form of levels 0
//! and 1 and the invalid forms; for each, both must accept or both refuse, and where both
//! accept, the strict lower and upper bounds must be the same days. Where they differ on
//! purpose, the case says so and why, and the difference itself is checked: a difference
//! that goes away, or one not listed, fails the test.

mod common;

use serde_json::Value;
use stanceline::date::{self, Edtf, End};

/// What the comparison of one string must show.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// The same decision and, when accepted, the same bounds.
    Agree,
    /// The reference accepts a string stanceline refuses; stanceline's message must say
    /// `says` (never only "not a date").
    Refused(Why),
    /// stanceline accepts a string the reference refuses.
    Accepted(&'static str),
    /// stanceline accepts a string the reference fails on with an error of its own (not a
    /// parse error): the named exception.
    Crashes(&'static str),
    /// Both accept an interval with an unknown end (`2004/`, `/2004`): the known end's bound
    /// agrees; for the unknown one the reference makes up a day ten years away, stanceline
    /// gives none (it reads the end as unknown, not as a guess).
    UnknownEnd,
}

/// Why stanceline refuses what the reference accepts, and what its message says.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Why {
    reason: &'static str,
    says: &'static str,
}

/// The reference's grammar allows February 29 in every year (`02-` then `01`-`29`).
const IMPOSSIBLE_DAY: Why = Why {
    reason: "the reference accepts February 29 of a year that is not a leap year",
    says: "does not exist",
};
/// The reference does not compare an interval's ends.
const REVERSED: Why = Why {
    reason: "the reference accepts an interval that ends before it starts",
    says: "before it starts",
};
/// EDTF allows them; stanceline, for news coverage, supports years 0000 to 9999 only.
const OUTSIDE_YEARS: Why = Why {
    reason: "a year outside 0000-9999: valid EDTF that stanceline does not support",
    says: "which stanceline does not support: years run from 0000 to 9999",
};
/// Forms of EDTF level 2, which stanceline does not support.
const LEVEL_2: Why = Why {
    reason: "a form of EDTF level 2",
    says: "level 2",
};
/// The reference's unspecified years take an X in the third place before a digit (`2X1X`),
/// although level 1 unspecifies digits only from the right (level 2 anywhere).
const INNER_X: Why = Why {
    reason: "the reference reads `2X1X` as level 1; its X is not from the right, which is level 2",
    says: "level 2",
};
/// ISO 8601 gives a time only to a complete date; the reference's grammar to any date.
const TIME_ON_PARTIAL: Why = Why {
    reason: "the reference accepts a time after a month or a year, which ISO 8601 gives only to a day",
    says: "a time goes after a day, as",
};
/// Nothing to place on a timeline.
const NO_DATE: Why = Why {
    reason: "the reference accepts an interval open at both ends, which gives no date at all",
    says: "give at least one date",
};
/// The reference's parser skips spaces between tokens; EDTF has none.
const SPACES: Why = Why {
    reason: "the reference skips spaces around `/`, which EDTF does not have",
    says: "has spaces around `/`; write",
};

fn cases() -> Vec<(String, Expect)> {
    use Expect::*;
    let mut cases: Vec<(String, Expect)> = Vec::new();
    let mut add = |text: &str, expect: Expect| cases.push((text.to_string(), expect));
    let qualifiers = ["", "?", "~", "%"];

    // Level 0 and 1 dates: years, months, days, each qualified in turn.
    for (i, y) in [
        "0000", "0001", "1000", "1900", "1985", "2000", "2009", "9999",
    ]
    .iter()
    .enumerate()
    {
        add(&format!("{y}{}", qualifiers[i % 4]), Agree);
        add(y, Agree);
    }
    for (i, y) in ["2008", "2009", "1900", "2000"].iter().enumerate() {
        for m in 1..=12 {
            add(&format!("{y}-{m:02}{}", qualifiers[(i + m) % 4]), Agree);
            let last = match m {
                2 if *y == "2008" || *y == "2000" => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            add(&format!("{y}-{m:02}-{last:02}"), Agree);
            add(
                &format!("{y}-{m:02}-01{}", qualifiers[(i + m + 1) % 4]),
                Agree,
            );
            // A day past the month's end: both refuse, but February 29 of a common year.
            if last == 28 {
                add(&format!("{y}-{m:02}-29"), Refused(IMPOSSIBLE_DAY));
                add(&format!("{y}-{m:02}-30"), Agree);
            } else {
                add(&format!("{y}-{m:02}-{:02}", last + 1), Agree);
            }
        }
    }
    add("2009-02-29~", Refused(IMPOSSIBLE_DAY));
    add("2009-02-29/2010", Refused(IMPOSSIBLE_DAY));

    // Date and time (level 0): the day is what counts.
    for t in [
        "T00:00:00",
        "T10:00:00",
        "T23:59:59",
        "T24:00:00",
        "T10:00:00Z",
        "T10:00:00+05:00",
        "T10:00:00-05:00",
        "T10:00:00+05",
        "T10:00:00-13",
        "T10:00:00+13:45",
        "T10:00:00+14:00",
        "T10:00:00-14:00",
        "T10:00:00+00:30",
    ] {
        add(&format!("2009-07-27{t}"), Agree);
        add(&format!("2008-02-29{t}"), Agree);
    }
    for partial in ["2009-07T10:00:00", "2009T10:00:00"] {
        add(partial, Refused(TIME_ON_PARTIAL));
    }
    // Zero offsets: ISO 8601 writes UTC as +00:00 too; the reference's grammar has no +00.
    for t in ["T10:00:00+00:00", "T10:00:00+00", "T10:00:00-00:00"] {
        add(
            &format!("2009-07-27{t}"),
            Accepted("a zero offset, which ISO 8601 allows and the reference's grammar leaves out"),
        );
    }
    for bad in [
        "2009-07-27T10:00",
        "2009-07-27T10",
        "2009-07-27T25:00:00",
        "2009-07-27T10:60:00",
        "2009-07-27T10:00:60",
        "2009-07-27T24:00:01",
        "2009-07-27T10:00:00+15:00",
        "2009-07-27T10:00:00+14:30",
        "2009-07-27T10:00:00+5",
        "2009-07-27T10:00:00?",
        "2009-07-27T10:00:00Z~",
        "2009-07-27T10:00:00/2009-07-28",
        "2009-07-27 10:00:00",
        "2009-07-27t10:00:00",
    ] {
        add(bad, Agree);
    }

    // Unspecified digits (level 1), qualified in turn.
    for (i, u) in [
        "201X",
        "20XX",
        "2XXX",
        "199X",
        "000X",
        "999X",
        "2004-XX",
        "2004-06-XX",
        "2004-02-XX",
        "2008-02-XX",
        "1985-XX-XX",
        "2009-12-XX",
    ]
    .iter()
    .enumerate()
    {
        add(u, Agree);
        add(&format!("{u}{}", qualifiers[1 + i % 3]), Agree);
    }
    add("-201X", Refused(OUTSIDE_YEARS));
    add("2X1X", Refused(INNER_X));
    add("2XX9", Refused(INNER_X));
    add("2004-0X", Agree);
    for l2 in [
        "20X4",
        "XXXX",
        "X009",
        "201X-06",
        "2004-XX-01",
        "2004-1X-05",
        "2004-06-1X",
    ] {
        add(l2, Refused(LEVEL_2));
    }

    // Seasons (level 1): spring to winter; the rest of 21-41 is level 2.
    for y in ["0000", "2001", "2009", "9999"] {
        for s in 21..=24 {
            add(&format!("{y}-{s}"), Agree);
        }
    }
    for (i, s) in (21..=24).enumerate() {
        add(
            &format!("2009-{s}{}", qualifiers[1 + i % 3]),
            Accepted(
                "a qualified season standing alone: the reference accepts one only as an interval end",
            ),
        );
    }
    for s in 25..=41 {
        add(&format!("2001-{s}"), Refused(LEVEL_2));
    }
    for bad in [
        "2001-20",
        "2001-42",
        "2001-13",
        "2001-00",
        "2001-21-05",
        "201X-21",
    ] {
        add(bad, Agree);
    }

    // Intervals (levels 0 and 1): every kind of start with every kind of end.
    let starts = [
        "1964",
        "2003",
        "2003-07",
        "2003-07-14",
        "2003~",
        "2003-07?",
        "2003-07-14%",
        "2003-21",
        "2003-24?",
        "2003-02-28",
    ];
    let ends = [
        "2008",
        "2005",
        "2005-02",
        "2005-02-28",
        "2005?",
        "2005-22~",
        "2005-12-31%",
        "2005-23",
        "2008-02-29",
    ];
    for s in starts {
        for e in ends {
            add(&format!("{s}/{e}"), Agree);
        }
        add(&format!("{s}/.."), Agree);
        add(&format!("../{s}"), Agree);
        add(&format!("{s}/"), UnknownEnd);
        add(&format!("/{s}"), UnknownEnd);
    }
    for same in [
        "2009-07-27/2009-07-27",
        "2005-07/2005",
        "2005/2005-07",
        "2009-21/2009-21",
        "2009-07/2009-07-31",
        "0000/9999",
    ] {
        add(same, Agree);
    }
    // Unspecified ends (the reference reads these as level 2 intervals, with the same bounds).
    for u in [
        "201X/2015",
        "2004-06-XX/2004-06-15",
        "1985-XX-XX/1986",
        "2009/201X",
    ] {
        add(u, Agree);
    }
    for u in ["2004-XX/2005-06", "2004-XX/2005", "2003/2004-XX"] {
        add(u, Crashes("AttributeError"));
    }
    for q in ["201X?/2015", "2004-XX~/2005", "2009/201X%"] {
        add(
            q,
            Accepted(
                "a qualified unspecified date as an interval end, as alone (the reference's level 2 interval takes no qualifier there)",
            ),
        );
    }
    for r in [
        "2005/2003",
        "2009-07-27/2009-07-26",
        "2005-21/2005-02",
        "2010?/2009",
        "2009-12/2009-11-30",
        "2005-24/2005-23",
    ] {
        add(r, Refused(REVERSED));
    }
    for spaced in ["2003 / 2005", "2003/ 2005-07", "2003 /2005"] {
        add(spaced, Refused(SPACES));
    }
    add("../..", Refused(NO_DATE));
    for bad in [
        "..",
        "../",
        "/..",
        "/",
        "2003/2004/2005",
        "2003//2005",
        "2003/../2005",
    ] {
        add(bad, Agree);
    }

    // Years outside 0000-9999.
    for y in [
        "-1985",
        "-0001",
        "-1985-07",
        "-1985-07-27",
        "-1985~",
        "Y170000002",
        "Y-170000002",
        "Y12345",
        "Y17E7",
        "-1985/2009",
    ] {
        add(y, Refused(OUTSIDE_YEARS));
    }
    for y in ["12345", "Y2009", "Y0123", "-0000", "+2009", "Y"] {
        add(y, Agree);
    }

    // Level 2 forms the reference reads.
    for l2 in [
        "2004?-06",
        "?2004",
        "2004-06~-11",
        "2004-?06-11",
        "?2004-06-~11",
        "1950S2",
        "[1667,1668]",
        "{1667,1668}",
        "[..1760-12-03]",
    ] {
        add(l2, Refused(LEVEL_2));
    }

    // What people write instead of EDTF: both refuse (stanceline with the EDTF spelling).
    for bad in [
        "",
        "?",
        "2009??",
        "2009?~",
        "209",
        "20009",
        "2009-7",
        "2009-7-27",
        "2009-07-1",
        "2009-07-27-01",
        "07/27/2009",
        "27/07/2009",
        "7/8/2009",
        "27.07.2009",
        "27-07-2009",
        "07/2009",
        "2009/07/27",
        "2009.07.27",
        "2003-2005",
        "July 2009",
        "Jul 27, 2009",
        "27 July 2009",
        "spring 2009",
        "circa 2009",
        "2009-spring",
        "2009 -07",
        "2009–07–27",
        "2003–2005",
        "２００９",
        "２００９-０７",
        "2009年",
        "c. 2009",
        "2009-W30",
        "2009-07-27T",
        "T10:00:00",
    ] {
        add(bad, Agree);
    }
    cases
}

/// stanceline's strict bounds: the first day of the start and the last day of the end, none
/// for an open or unknown end.
fn ours(edtf: &Edtf) -> (Option<String>, Option<String>) {
    let (start, end) = match edtf {
        Edtf::Date(d) => (Some(d), Some(d)),
        Edtf::Interval { start, end } => (start.date(), end.date()),
    };
    (
        start.map(|d| d.first_day().to_string()),
        end.map(|d| d.last_day().to_string()),
    )
}

/// Accepted, lower bound, upper bound, the exception the reference failed with.
type Reading = (bool, Option<String>, Option<String>, Option<String>);

/// The reference's answer for each text: (accepted, lower, upper, the exception it failed
/// with). A failure of its own counts as a refusal (`../`, `2004-0X`), but where stanceline
/// accepts.
fn reference(texts: &[String]) -> Vec<Reading> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/edtf_reference.py");
    let input = serde_json::to_vec(texts).unwrap();
    let stdout = common::python(&[script], &input, "edtf==5.0.2");
    let answers: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let text = |v: &Value| v.as_str().map(String::from);
    answers
        .iter()
        .map(|a| {
            let ok = a["ok"].as_bool().unwrap();
            (ok, text(&a["lower"]), text(&a["upper"]), text(&a["crash"]))
        })
        .collect()
}

#[test]
fn stanceline_reads_edtf_as_the_reference_does_but_where_it_says_why_not() {
    let cases = cases();
    assert!(cases.len() >= 300, "{} cases", cases.len());
    let texts: Vec<String> = cases.iter().map(|(t, _)| t.clone()).collect();
    let answers = reference(&texts);
    assert_eq!(answers.len(), cases.len());
    let mut wrong = Vec::new();
    for ((text, expect), (ref_ok, lower, upper, crash)) in cases.iter().zip(answers) {
        let mine = date::parse(text);
        let problem = match (expect, &mine, ref_ok) {
            (Expect::Crashes(name), Ok(_), false) if crash.as_deref() == Some(*name) => None,
            (Expect::Crashes(name), _, _) => Some(format!(
                "expected stanceline to accept it and the reference to fail with {name}; stanceline {}, the reference {}",
                if mine.is_ok() { "accepts" } else { "refuses" },
                crash
                    .as_deref()
                    .unwrap_or(if ref_ok { "accepts" } else { "refuses" })
            )),
            (Expect::Agree, Ok(d), true) => {
                let (l, u) = ours(d);
                (l != lower || u != upper).then(|| {
                    format!("bounds differ: stanceline {l:?} to {u:?}, the reference {lower:?} to {upper:?}")
                })
            }
            (Expect::Agree, Err(_), false) => None,
            (Expect::Agree, Ok(d), false) => {
                Some(format!("stanceline accepts ({d}), the reference refuses"))
            }
            (Expect::Agree, Err(e), true) => {
                Some(format!("stanceline refuses ({e}), the reference accepts"))
            }
            (Expect::Refused(why), Err(e), true) => (!e.message.contains(why.says)).then(|| {
                format!(
                    "refused ({}) without saying `{}`: {e}",
                    why.reason, why.says
                )
            }),
            (Expect::Refused(why), _, _) => Some(format!(
                "expected the reference alone to accept it ({}); stanceline {}, the reference {}",
                why.reason,
                if mine.is_ok() { "accepts" } else { "refuses" },
                if ref_ok { "accepts" } else { "refuses" }
            )),
            (Expect::Accepted(_), Ok(_), false) => None,
            (Expect::Accepted(why), _, _) => Some(format!(
                "expected stanceline alone to accept it ({why}); stanceline {}, the reference {}",
                if mine.is_ok() { "accepts" } else { "refuses" },
                if ref_ok { "accepts" } else { "refuses" }
            )),
            (Expect::UnknownEnd, Ok(d @ Edtf::Interval { start, end }), true) => {
                let (l, u) = ours(d);
                let known_agrees = match (start, end) {
                    (End::Unknown, _) => u == upper && lower.is_some(),
                    (_, End::Unknown) => l == lower && upper.is_some(),
                    _ => false,
                };
                (!known_agrees).then(|| {
                    format!("unknown end: stanceline {l:?} to {u:?}, the reference {lower:?} to {upper:?}")
                })
            }
            (Expect::UnknownEnd, _, _) => Some("expected both to accept an unknown end".into()),
        };
        if let Some(p) = problem {
            wrong.push(format!("{text:?}: {p}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}
