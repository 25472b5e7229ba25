//! The wording of `query`, `changes` and `events` on a codebook that is not the shipped one:
//! stances named by their labels (ids here are short codes unlike the labels), `--known-by`
//! explanations that name the date, empty answers said in words, and hints built from the
//! codebook that is loaded.

mod common;
use common::Test;

/// The Iran nuclear talks, 2009-2013: the P5+1 format or a direct US-Iran channel. Ids are
/// codes, so that an id shown where a label belongs is seen; E3 has no position at all.
const CODEBOOK: &str = "\
question: Should the Iran nuclear talks run through the P5+1 or a direct US-Iran channel?
stances:
  - id: s1
    label: P5+1 format only
    score: 1
  - id: s2
    label: Direct talks within the P5+1
    score: 2
  - id: s3
    label: Direct US-Iran channel
    score: 3
  - id: s4
    label: Refuses talks
parties:
  - id: iran
    name: Islamic Republic of Iran
    aliases: [Tehran]
  - id: usa
    name: United States
  - id: e3
    name: E3 (France, Germany, United Kingdom)
";

const GENEVA: &str = "\
article:
  title: Iran agrees to ship out enriched uranium
  outlet: Example Wire
  published: 2009-10-02
positions:
  - party: iran
    stance: s1
    held: 2009-10-01
    basis: report
    quote: Iran met the six powers in Geneva
  - party: usa
    stance: s2
    held: 2009-10-01
    basis: report
    quote: a one-on-one meeting on the sidelines
";

const INTERIM: &str = "\
article:
  title: Interim deal reached in Geneva
  outlet: Example Wire
  published: 2013-11-24
positions:
  - party: iran
    stance: s2
    held: 2013-11-24
    basis: report
    quote: bilateral meetings inside the P5+1 round
  - party: usa
    stance: s3
    held: 2013-03
    basis: report
    quote: secret talks in Oman since March
";

const CHANNEL: &str = "\
article:
  title: The back channel that made the deal
  outlet: Example Weekly
  published: 2013-11-25
positions:
  - party: Tehran
    stance: s3
    held: 2013-11-24
    basis: inference
    quote: the real negotiation happened in Muscat
";

/// The Iran codebook and its three articles, running `args`.
fn iran(args: &[&str]) -> Test {
    Test::new()
        .codebook(CODEBOOK)
        .article("2009-10-02-geneva.yaml", GENEVA)
        .article("2013-11-24-interim.yaml", INTERIM)
        .article("2013-11-25-channel.yaml", CHANNEL)
        .args(args)
}

/// A card's `until` names the next stance by its label, and a conflict by its stances'
/// labels; the evidence of a conflict names each side's stance by its label.
#[test]
fn a_query_names_stances_by_their_labels() {
    iran(&["query", "Tehran", "--at", "2012"])
        .stdout(
            "\
party        Islamic Republic of Iran (iran)
at           2012
stance       P5+1 format only (s1)
since        2009-10-01
until        2013-11-23 (next: a conflict between Direct talks within the P5+1 and Direct US-Iran channel, from 2013-11-24)
support      1 position from 1 article
disagreeing  United States (Direct talks within the P5+1)
evidence:
┌────────────┬────────────────────────────┬─────────────────┬───────────────────────────────────┐
│ held       ┆ quote                      ┆ speaker / basis ┆ article                           │
╞════════════╪════════════════════════════╪═════════════════╪═══════════════════════════════════╡
│ 2009-10-01 ┆ Iran met the six powers in ┆ report          ┆ Iran agrees to ship out enriched  │
│            ┆ Geneva                     ┆                 ┆ uranium, Example Wire, 2009-10-02 │
└────────────┴────────────────────────────┴─────────────────┴───────────────────────────────────┘
",
        )
        .run();
    let out = iran(&["query", "usa", "--at", "2010"]).run();
    assert!(
        out.stdout
            .contains("\nuntil        2013-02-28 (next: Direct US-Iran channel from 2013-03-01)\n"),
        "{}",
        out.stdout
    );
    iran(&["query", "iran", "--at", "2014"])
        .stdout(
            "\
party    Islamic Republic of Iran (iran)
at       2014
stance   conflict: Direct talks within the P5+1 vs Direct US-Iran channel
since    2013-11-24
until    open: no later position recorded
support  2 positions from 2 articles
evidence:
┌────────────┬──────────────────────┬──────────────────────┬─────────────────┬─────────────────────┐
│ held       ┆ stance               ┆ quote                ┆ speaker / basis ┆ article             │
╞════════════╪══════════════════════╪══════════════════════╪═════════════════╪═════════════════════╡
│ 2013-11-24 ┆ Direct talks within  ┆ bilateral meetings   ┆ report          ┆ Interim deal        │
│            ┆ the P5+1             ┆ inside the P5+1      ┆                 ┆ reached in Geneva,  │
│            ┆                      ┆ round                ┆                 ┆ Example Wire,       │
│            ┆                      ┆                      ┆                 ┆ 2013-11-24          │
│ 2013-11-24 ┆ Direct US-Iran       ┆ the real negotiation ┆ inference       ┆ The back channel    │
│            ┆ channel              ┆ happened in Muscat   ┆                 ┆ that made the deal, │
│            ┆                      ┆                      ┆                 ┆ Example Weekly,     │
│            ┆                      ┆                      ┆                 ┆ 2013-11-25          │
└────────────┴──────────────────────┴──────────────────────┴─────────────────┴─────────────────────┘
",
        )
        .run();
}

/// In a summary table, a conflict is named by its stances' labels.
#[test]
fn a_summary_table_names_a_conflict_by_its_labels() {
    let out = iran(&["query", "iran"]).run();
    assert!(
        out.stdout.contains(
            "│ conflict: Direct talks    ┆ 2013-11-24 ┆ open       ┆ 2        ┆ bilateral meetings inside the   │\n\
             │ within the P5+1 vs Direct ┆            ┆            ┆          ┆ P5+1 round                      │\n\
             │ US-Iran channel           ┆"
        ),
        "{}",
        out.stdout
    );
}

/// JSON and CSV keep the ids and give each its label beside it: the next stance's, a
/// conflict's, and each piece of evidence's.
#[test]
fn json_gives_a_label_beside_every_stance_id() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = iran(&[args, &["--format", "json"]].concat()).run();
        serde_json::from_str(&out.stdout).unwrap()
    };
    let before = &json(&["query", "usa", "--at", "2010"])[0];
    assert_eq!(before["next_stance"], "s3");
    assert_eq!(before["next_stance_label"], "Direct US-Iran channel");
    let iran_then = &json(&["query", "iran", "--at", "2012"])[0];
    assert_eq!(iran_then["next_stance"], "conflict");
    assert_eq!(iran_then["next_stance_label"], serde_json::Value::Null);
    let conflict = &json(&["query", "iran", "--at", "2014"])[0];
    assert_eq!(
        conflict["conflict_stances"],
        serde_json::json!(["s2", "s3"])
    );
    assert_eq!(
        conflict["conflict_labels"],
        serde_json::json!(["Direct talks within the P5+1", "Direct US-Iran channel"])
    );
    let sides: Vec<(&str, &str)> = conflict["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["stance"].as_str().unwrap(),
                e["stance_label"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        sides,
        [
            ("s2", "Direct talks within the P5+1"),
            ("s3", "Direct US-Iran channel")
        ]
    );
}

/// The model fixture of `tests/model_commands.rs`, from a test's scratch directory.
fn model(args: &[&str]) -> Test {
    let dir = common::root().join("tests/fixtures/model");
    Test::empty()
        .args(args)
        .args(&["--annotations", dir.to_str().unwrap()])
}

/// Under `--known-by`, what is missing is missing from what was known by that day, and the
/// explanation names the day (the last day of a month or year); without it, from the record.
#[test]
fn known_by_explanations_name_the_day() {
    iran(&["query", "usa", "--at", "2009", "--known-by", "2009-09-30"])
        .stdout(
            "\
party   United States (usa)
at      2009
stance  unknown
why     no position known by 2009-09-30
",
        )
        .run();
    // A party with no position at all, in the whole record.
    iran(&["query", "e3", "--at", "2014"])
        .stdout(
            "\
party   E3 (France, Germany, United Kingdom) (e3)
at      2014
stance  unknown
why     no position recorded for this party
",
        )
        .run();
    let out = iran(&["query", "iran", "--known-by", "2009-09", "--format", "json"]).run();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json[0]["reason"], "no position known by 2009-09-30");
    // Before the first position, and in a gap with nothing known after it.
    model(&["query", "--at", "2008-08-01", "--known-by", "2009-01-10"])
        .stdout(
            "\
Should the talks be bilateral or multilateral? on 2008-08-01
┌───────────────┬─────────┬───────┬───────┬──────────┬─────────────────────────────────────────────┐
│ party         ┆ stance  ┆ since ┆ until ┆ articles ┆ evidence                                    │
╞═══════════════╪═════════╪═══════╪═══════╪══════════╪═════════════════════════════════════════════╡
│ North Korea   ┆ unknown ┆       ┆       ┆          ┆ no position before 2009-01-10, the party's  │
│               ┆         ┆       ┆       ┆          ┆ first known by 2009-01-10                   │
│ United States ┆ unknown ┆       ┆       ┆          ┆ a gap: the last position held through       │
│               ┆         ┆       ┆       ┆          ┆ 2008-06-30 (a closed interval); none after  │
│               ┆         ┆       ┆       ┆          ┆ it is known by 2009-01-10                   │
│ China         ┆ unknown ┆       ┆       ┆          ┆ a gap: the last position held through       │
│               ┆         ┆       ┆       ┆          ┆ 2008-03-31 (a closed interval); none after  │
│               ┆         ┆       ┆       ┆          ┆ it is known by 2009-01-10                   │
└───────────────┴─────────┴───────┴───────┴──────────┴─────────────────────────────────────────────┘
",
        )
        .run();
}

/// A card's `until` and `disagreeing` say what was known by the `--known-by` day.
#[test]
fn known_by_cards_say_what_was_known_by_the_day() {
    let card = |args: &[&str]| -> String {
        let out = model(args).run();
        out.stdout.split("evidence:\n").next().unwrap().to_string()
    };
    assert_eq!(
        card(&[
            "query",
            "dprk",
            "--at",
            "2009-01-10",
            "--known-by",
            "2009-01-10"
        ]),
        "\
party        North Korea (north-korea)
at           2009-01-10
stance       Bilateral (bilateral)
since        2009-01-10
until        open: no later position known by 2009-01-10
support      1 position from 1 article
disagreeing  none known by 2009-01-10
"
    );
    assert_eq!(
        card(&[
            "query",
            "china",
            "--at",
            "2008-03",
            "--known-by",
            "2009-01-10"
        ]),
        "\
party        China (china)
at           2008-03
stance       Mixed (mixed)
since        ..
until        2008-03-31 (then nothing known by 2009-01-10)
support      1 position from 1 article
disagreeing  United States (Multilateral)
"
    );
    // Without --known-by, of the whole record.
    assert!(
        card(&["query", "china", "--at", "2008-03"])
            .contains("\nuntil        2008-03-31 (then nothing recorded)\n")
    );
}

/// `changes` with nothing to report says so, naming the parties and the day asked about; JSON
/// gives an empty array and CSV its header alone, with exit 0 and nothing on stderr.
#[test]
fn changes_with_nothing_to_report_say_no_changes() {
    Test::new()
        .args(&["changes"])
        .stdout("no changes\n")
        .stderr("")
        .run();
    iran(&["changes", "--party", "e3", "--party", "Tehran"])
        .stdout("no changes for E3 (France, Germany, United Kingdom) or Islamic Republic of Iran\n")
        .stderr("")
        .run();
    iran(&["changes", "--known-by", "2013-11-23"])
        .stdout("no changes known by 2013-11-23\n")
        .run();
    iran(&["changes", "--party", "iran", "--known-by", "2013"])
        .stdout("no changes for Islamic Republic of Iran known by 2013-12-31\n")
        .run();
    iran(&["changes", "--party", "iran", "--format", "json"])
        .stdout("[]\n")
        .stderr("")
        .run();
    iran(&["changes", "--party", "iran", "--format", "csv"])
        .stdout(
            "party,party_name,date,from,from_label,to,to_label,direction,previous_end,positions,articles,article_ids\n",
        )
        .stderr("")
        .run();
}

/// `events` with nothing to list says so, naming what was asked for.
#[test]
fn events_with_nothing_to_list_say_no_positions() {
    Test::new()
        .args(&["events"])
        .stdout("no positions\n")
        .stderr("")
        .run();
    iran(&["events", "--party", "e3"])
        .stdout("no positions of E3 (France, Germany, United Kingdom)\n")
        .run();
    iran(&[
        "events",
        "--party",
        "e3",
        "--party",
        "iran",
        "--stance",
        "s4",
        "--from",
        "2010",
        "--to",
        "2012-06",
        "--known-by",
        "2013",
    ])
    .stdout(
        "no positions of E3 (France, Germany, United Kingdom) or Islamic Republic of Iran with \
         stance Refuses talks held between 2010-01-01 and 2012-06-30 known by 2013-12-31\n",
    )
    .run();
    iran(&["events", "--from", "2014"])
        .stdout("no positions held on or after 2014-01-01\n")
        .run();
    iran(&["events", "--to", "2009-06", "--format", "json"])
        .stdout("[]\n")
        .run();
    iran(&["events", "--to", "2009-06"])
        .stdout("no positions held on or before 2009-06-30\n")
        .run();
    iran(&["events", "--known-by", "2008"])
        .stdout("no positions known by 2008-12-31\n")
        .run();
}

/// `stanceline query` with neither a party nor a date gives every party's history, one
/// section each, in codebook order (it used to ask for a party or a date).
#[test]
fn query_alone_gives_every_party_s_history() {
    let out = iran(&["query"]).stderr("").run();
    let sections: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.ends_with(": history"))
        .collect();
    let parties = CODEBOOK.matches("\n  - id: ").count() - CODEBOOK.matches("\n  - id: s").count();
    assert_eq!(sections.len(), parties, "{}", out.stdout);
    assert_eq!(sections[0], "Islamic Republic of Iran: history");
}
/// An interval where one date is asked for suggests the interval's own ends.
#[test]
fn an_interval_for_one_date_suggests_its_ends() {
    for (args, expected) in [
        (
            ["events", "--known-by", "2003/2005-07"],
            "error: invalid value '2003/2005-07' for '--known-by <DATE>': `2003/2005-07` is an \
             interval; give one date, such as 2003 or 2005-07\n",
        ),
        (
            ["chart", "--from", "2009-04/.."],
            "error: invalid value '2009-04/..' for '--from <DATE>': `2009-04/..` is an \
             interval; give one date, such as 2009-04\n",
        ),
    ] {
        Test::new()
            .args(&args)
            .stderr(&format!(
                "{expected}\nFor more information, try '--help'.\n"
            ))
            .status(2)
            .run();
    }
}

/// Options that take dates read the same EDTF as the annotations, a value starting with `-`
/// included (clap would otherwise take it for an option), with the same messages.
#[test]
fn date_options_read_edtf_and_say_what_to_write() {
    let help = "  help: dates are written 2009, 2009-07 or 2009-07-27 (a time as 2009-07-27T10:00:00Z), \
        201X or 2004-XX for unspecified digits, 2009-21 to 2009-24 for spring to winter, optionally \
        followed by ? (uncertain), ~ (approximate) or % (both); intervals as 2003/2005-07, with an \
        open end as 2009-04/.. or ../2005-07-25, or an unknown one as 2004/ or /2004";
    for (args, expected) in [
        (
            vec!["events", "--from", "-1985"],
            "error: invalid value '-1985' for '--from <DATE>': `-1985` is a year before 0000, which \
             stanceline does not support: years run from 0000 to 9999",
        ),
        (
            vec!["query", "--at", "July 2009"],
            "error: invalid value 'July 2009' for '--at <DATE>': `July 2009` is written in words; \
             EDTF writes it 2009-07",
        ),
        (
            vec!["changes", "--known-by", "07/27/2009"],
            "error: invalid value '07/27/2009' for '--known-by <DATE>': `07/27/2009` looks like a \
             day-month or month-day date; write 2009-07-27",
        ),
        (
            vec!["chart", "--to", "-05"],
            "error: invalid value '-05' for '--to <DATE>': `-05` is not a date",
        ),
    ] {
        Test::new()
            .args(&args)
            .stderr(&format!(
                "{expected}\n{help}\n\nFor more information, try '--help'.\n"
            ))
            .status(2)
            .run();
    }
    // Every level-1 form is taken.
    for at in [
        "2009-07-27T10:00:00Z",
        "200X",
        "2009-XX",
        "2009-22~",
        "2009-07/",
        "/2009-07",
        "2009-21/..",
    ] {
        let out = Test::new()
            .args(&["query", "north-korea", "--at", at])
            .stderr("")
            .run();
        let line = out.stdout.lines().nth(1).unwrap_or_default();
        assert!(
            line.starts_with("at ") && line.ends_with(&format!(" {at}")),
            "{at}: {}",
            out.stdout
        );
    }
}

/// A chart left empty under `--known-by` says so, naming the day: nothing known by then, or
/// nothing known by then in the range asked for.
#[test]
fn an_empty_chart_under_known_by_names_the_day() {
    iran(&[
        "chart",
        "-o",
        "-",
        "--format",
        "svg",
        "--known-by",
        "2009-09",
    ])
    .stderr(
        "warning: no position of the parties charted is known by 2009-09-30: the chart is \
             empty\n  = help: give a later --known-by, or leave it out\n",
    )
    .run();
    let args = [
        "chart",
        "-o",
        "-",
        "--format",
        "svg",
        "--known-by",
        "2013-11-24",
        "--from",
        "2009-01",
        "--to",
        "2009-06",
    ];
    iran(&args)
        .stderr(
            "warning: no position known by 2013-11-24 falls in the chart's range, 2009-01-01 to \
             2009-06-30: the chart is empty\n  = help: widen --from and --to, or leave them out \
             to chart every position\n",
        )
        .run();
}
