//! The authoring commands, run as the real binary on real files: `codebook`, `new`, `schema`
//! (and `check`'s warning about a schema older than the codebook), `completions` and `man`.
//! Every message is pinned by its exact text. The schemas with real editor clients are in
//! `tests/editor.rs`.

mod common;
use common::{FIXTURE_CODEBOOK, Test};
use std::path::Path;
use std::process::{Command, Stdio};

const NOTE: &str =
    "note: quotes were not verified against the articles' texts (pass --sources DIR)\n";

/// A codebook with what the listing shows: short labels, colors given and chosen, a stance off
/// the axis, a description, a speaker with two periods.
const STRAIT: &str = r##"question: Should the strait be open to all shipping?
stances:
  - id: closed
    label: Closed to foreign shipping
    short: Closed
    score: -1
    color: "#b2182b"
  - id: open
    label: Open
    score: 1
    description: Free passage for all ships.
  - id: licensed
    label: Open under licence
    score: 0
  - id: walked-out
    label: Walked out of the talks
parties:
  - id: karst
    name: Republic of Karst
    short: Karst
    aliases: [Karstia, Karst Republic]
  - id: velm
    name: Velm
    color: "#1f77b4"
speakers:
  - name: Ana Roth
    party: karst
    role: Foreign minister
    from: 2023-02
  - name: Ana Roth
    party: velm
    to: 2022-12-31
"##;

#[test]
fn codebook_lists_stances_in_scale_order_parties_and_speakers() {
    Test::new()
        .codebook(STRAIT)
        .args(&["codebook"])
        .stdout(
            "Should the strait be open to all shipping?

stances, in scale order:
┌────────────┬─────────────────────┬────────┬──────────────┬──────────────────┬────────────────────┐
│ id         ┆ label               ┆ short  ┆ score        ┆ color            ┆ description        │
╞════════════╪═════════════════════╪════════╪══════════════╪══════════════════╪════════════════════╡
│ closed     ┆ Closed to foreign   ┆ Closed ┆ -1           ┆ #b2182b          ┆                    │
│            ┆ shipping            ┆        ┆              ┆                  ┆                    │
│ licensed   ┆ Open under licence  ┆        ┆ 0            ┆ #dfdaf0 (chosen) ┆                    │
│ open       ┆ Open                ┆        ┆ 1            ┆ #004fa9 (chosen) ┆ Free passage for   │
│            ┆                     ┆        ┆              ┆                  ┆ all ships.         │
│ walked-out ┆ Walked out of the   ┆        ┆ off the axis ┆ #a68a64 (chosen) ┆                    │
│            ┆ talks               ┆        ┆              ┆                  ┆                    │
└────────────┴─────────────────────┴────────┴──────────────┴──────────────────┴────────────────────┘

parties:
┌───────┬───────────────────┬───────┬─────────────────────────┬──────────────────┐
│ id    ┆ name              ┆ short ┆ aliases                 ┆ color            │
╞═══════╪═══════════════════╪═══════╪═════════════════════════╪══════════════════╡
│ karst ┆ Republic of Karst ┆ Karst ┆ Karstia, Karst Republic ┆ #e69f00 (chosen) │
│ velm  ┆ Velm              ┆       ┆                         ┆ #1f77b4          │
└───────┴───────────────────┴───────┴─────────────────────────┴──────────────────┘

speakers:
┌──────────┬───────────────────┬──────────────────┬──────────────────┐
│ name     ┆ party             ┆ role             ┆ period           │
╞══════════╪═══════════════════╪══════════════════╪══════════════════╡
│ Ana Roth ┆ Republic of Karst ┆ Foreign minister ┆ from 2023-02-01  │
│ Ana Roth ┆ Velm              ┆                  ┆ until 2022-12-31 │
└──────────┴───────────────────┴──────────────────┴──────────────────┘
",
        )
        .stderr("")
        .run();
    // One part alone; without short labels, no `short` column; without speakers, a line.
    Test::new()
        .args(&["codebook", "parties"])
        .stdout(
            "┌───────────────┬───────────────┬─────────────────┬─────────┐
│ id            ┆ name          ┆ aliases         ┆ color   │
╞═══════════════╪═══════════════╪═════════════════╪═════════╡
│ north-korea   ┆ North Korea   ┆ DPRK, Pyongyang ┆ #d62728 │
│ united-states ┆ United States ┆ US, Washington  ┆ #1f77b4 │
│ china         ┆ China         ┆ Beijing         ┆ #ff7f0e │
└───────────────┴───────────────┴─────────────────┴─────────┘
",
        )
        .run();
    Test::new()
        .codebook(
            "question: Q\nstances:\n  - id: a\n    label: A\nparties:\n  - id: p\n    name: P\n",
        )
        .args(&["codebook", "speakers"])
        .stdout("no speakers in the codebook\n")
        .run();
}

#[test]
fn codebook_as_json_and_csv() {
    Test::new()
        .codebook(STRAIT)
        .args(&["codebook", "--format", "json"])
        .stdout(
            r##"{
  "question": "Should the strait be open to all shipping?",
  "stances": [
    {
      "id": "closed",
      "label": "Closed to foreign shipping",
      "short": "Closed",
      "score": -1.0,
      "color": "#b2182b",
      "chart_color": "#b2182b",
      "description": null
    },
    {
      "id": "licensed",
      "label": "Open under licence",
      "short": null,
      "score": 0.0,
      "color": null,
      "chart_color": "#dfdaf0",
      "description": null
    },
    {
      "id": "open",
      "label": "Open",
      "short": null,
      "score": 1.0,
      "color": null,
      "chart_color": "#004fa9",
      "description": "Free passage for all ships."
    },
    {
      "id": "walked-out",
      "label": "Walked out of the talks",
      "short": null,
      "score": null,
      "color": null,
      "chart_color": "#a68a64",
      "description": null
    }
  ],
  "parties": [
    {
      "id": "karst",
      "name": "Republic of Karst",
      "short": "Karst",
      "aliases": "Karstia;Karst Republic",
      "color": null,
      "chart_color": "#e69f00"
    },
    {
      "id": "velm",
      "name": "Velm",
      "short": null,
      "aliases": "",
      "color": "#1f77b4",
      "chart_color": "#1f77b4"
    }
  ],
  "speakers": [
    {
      "name": "Ana Roth",
      "party": "karst",
      "party_name": "Republic of Karst",
      "role": "Foreign minister",
      "from": "2023-02-01",
      "to": null
    },
    {
      "name": "Ana Roth",
      "party": "velm",
      "party_name": "Velm",
      "role": null,
      "from": null,
      "to": "2022-12-31"
    }
  ]
}
"##,
        )
        .run();
    let part = |part: &str, format: &str, expected: &str| {
        Test::new()
            .codebook(STRAIT)
            .args(&["codebook", part, "--format", format])
            .stdout(expected)
            .run();
    };
    part(
        "stances",
        "csv",
        "id,label,short,score,color,chart_color,description
closed,Closed to foreign shipping,Closed,-1.0,#b2182b,#b2182b,
licensed,Open under licence,,0.0,,#dfdaf0,
open,Open,,1.0,,#004fa9,Free passage for all ships.
walked-out,Walked out of the talks,,,,#a68a64,
",
    );
    part(
        "parties",
        "csv",
        "id,name,short,aliases,color,chart_color
karst,Republic of Karst,Karst,Karstia;Karst Republic,,#e69f00
velm,Velm,,,#1f77b4,#1f77b4
",
    );
    part(
        "speakers",
        "csv",
        "name,party,party_name,role,from,to
Ana Roth,karst,Republic of Karst,Foreign minister,2023-02-01,
Ana Roth,velm,Velm,,,2022-12-31
",
    );
    part(
        "speakers",
        "json",
        r#"[
  {
    "name": "Ana Roth",
    "party": "karst",
    "party_name": "Republic of Karst",
    "role": "Foreign minister",
    "from": "2023-02-01",
    "to": null
  },
  {
    "name": "Ana Roth",
    "party": "velm",
    "party_name": "Velm",
    "role": null,
    "from": null,
    "to": "2022-12-31"
  }
]
"#,
    );
}

#[test]
fn codebook_refuses_csv_of_everything_and_a_broken_codebook() {
    Test::new()
        .args(&["codebook", "--format", "csv"])
        .stderr(
            "error: CSV holds one table: name the part of the codebook to list
  = help: stanceline codebook stances --format csv (or parties, or speakers)
",
        )
        .status(2)
        .run();
    Test::new()
        .codebook("question: Q\nstances:\n  - id: a\n    label: A\n    colour: red\nparties:\n  - id: p\n    name: P\n")
        .args(&["codebook"])
        .stderr(
            "error: unknown field `colour` in stance 1
  --> annotations/codebook.yaml:5:5
  |
5 |     colour: red
  |     ^^^^^^
  |
  = help: did you mean `color`?

error: the codebook has 1 error; run `stanceline check` and fix them first
",
        )
        .status(1)
        .run();
}

/// The colors the listing says charts choose are the ones charts draw: each stance's in the
/// lanes chart, each party's in the scores chart.
#[test]
fn codebook_colors_are_the_ones_charts_draw() {
    let t = Test::new().codebook(STRAIT).article(
        "2023-03-01-a.yaml",
        "article:
  title: A
  outlet: B
  published: 2023-03-01
positions:
  - {party: karst, stance: licensed, held: 2023-01, basis: statement, quote: x}
  - {party: karst, stance: open, basis: statement, quote: x}
  - {party: karst, stance: closed, held: 2022, basis: statement, quote: x}
  - {party: velm, stance: walked-out, basis: statement, quote: x}
  - {party: velm, stance: open, held: 2022, basis: statement, quote: x}
",
    );
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
            .args(args)
            .current_dir(t.path())
            .env_remove("STANCELINE_ANNOTATIONS")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let listing: serde_json::Value =
        serde_json::from_str(&run(&["codebook", "--format", "json"])).unwrap();
    let lanes = run(&["chart", "-o", "-", "--format", "svg"]);
    let scores = run(&["chart", "-o", "-", "--format", "svg", "--kind", "scores"]);
    for (kind, svg) in [("stances", &lanes), ("parties", &scores)] {
        for row in listing[kind].as_array().unwrap() {
            let color = row["chart_color"].as_str().unwrap();
            assert!(
                svg.contains(color),
                "{kind} {}: {color} is not drawn",
                row["id"]
            );
        }
    }
}

/// The text `new` writes for the small fixture's codebook.
const NEW_ARTICLE: &str = r#"# yaml-language-server: $schema=../../.stanceline/schema/article.schema.json
article:
  title: "Talks: a new start?"
  outlet: The Cable
  author: A. Writer
  published: 2009-07-27
  url: https://example.org/talks

# Fill in the position below, and copy it for each further position the article records.
#
# party: an id (or a name, short label or alias):
#   north-korea: North Korea (DPRK, Pyongyang)
#   united-states: United States (US, Washington)
#   china: China (Beijing)
# stance: an id, in scale order:
#   bilateral: Bilateral (score -1)
#   mixed: Mixed (score 0)
#   multilateral: Multilateral (score 1)
#   disengaged: Disengaged (off the axis)
# speaker: any name; for one of these, party may be left out:
#   Christopher Hill (united-states)
#   Kim Kye Gwan (north-korea)
# held: a date or an interval (2003/2005-07, 2009-04/..); defaults to published
# basis: statement (own words), report or inference
# confidence: high, medium (the default) or low
#
positions:
  - speaker:
    party:
    stance:
    held: 2009-07-27
    basis:
    quote:
"#;

const NEW_ARGS: [&str; 11] = [
    "new",
    "--title",
    "Talks: a new start?",
    "--outlet",
    "The Cable",
    "--author",
    "A. Writer",
    "--published",
    "2009-07-27",
    "--url",
    "https://example.org/talks",
];

const NEW_FILE: &str = "annotations/articles/2009-07-27-talks-a-new-start.yaml";

const WROTE_SCHEMAS: &str = "wrote .stanceline/schema/article.schema.json
wrote .stanceline/schema/codebook.schema.json
";

/// Run the binary in `t`'s directory with these arguments alone: its exit code and stderr.
fn run(t: &Test, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(args)
        .current_dir(t.path())
        .env_remove("STANCELINE_ANNOTATIONS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn read(t: &Test, rel: &str) -> String {
    std::fs::read_to_string(t.path().join(rel)).unwrap()
}

#[test]
fn new_writes_an_article_to_fill_in_and_prints_its_path() {
    let t = Test::new().args(&NEW_ARGS);
    let out = t.output();
    assert_eq!(out.stdout, format!("{NEW_FILE}\n"));
    assert_eq!(out.stderr, WROTE_SCHEMAS);
    assert_eq!(out.status, 0);
    assert_eq!(read(&t, NEW_FILE), NEW_ARTICLE);
    // The schema the modeline names is there, and is what `schema --print` prints.
    let printed = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(["schema", "--print", "article"])
        .current_dir(t.path())
        .output()
        .unwrap();
    assert_eq!(
        read(&t, ".stanceline/schema/article.schema.json").as_bytes(),
        printed.stdout
    );
    // A second article finds the schema up to date, and says nothing of it.
    Test::new()
        .file(
            ".stanceline/schema/article.schema.json",
            read(&t, ".stanceline/schema/article.schema.json"),
        )
        .file(
            ".stanceline/schema/codebook.schema.json",
            read(&t, ".stanceline/schema/codebook.schema.json"),
        )
        .args(&[
            "new",
            "--title",
            "More talks",
            "--outlet",
            "X",
            "--published",
            "2009-08",
        ])
        .stdout("annotations/articles/2009-08-more-talks.yaml\n")
        .stderr("")
        .run();
}

/// Filling in the template's one position is all `check` needs, warnings denied.
#[test]
fn new_then_one_position_filled_in_passes_check() {
    let t = Test::new().args(&NEW_ARGS);
    assert_eq!(t.output().status, 0);
    let filled = read(&t, NEW_FILE)
        .replacen("    party:\n", "    party: dprk\n", 1)
        .replacen("    stance:\n", "    stance: bilateral\n", 1)
        .replacen("    basis:\n", "    basis: statement\n", 1)
        .replacen("    quote:\n", "    quote: only with Washington\n", 1);
    let t = t.file(NEW_FILE, filled);
    assert_eq!(
        run(&t, &["check", "--deny", "warnings"]),
        (
            0,
            format!("{NOTE}checked 1 article: 1 position, 3 parties, 0 problems\n")
        )
    );
}

#[test]
fn new_as_written_names_what_is_left_to_fill_in() {
    let t = Test::new().args(&NEW_ARGS);
    assert_eq!(t.output().status, 0);
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(["check", "--message-format", "short"])
        .current_dir(t.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "{NEW_FILE}:28:5: error: position 1 names no party
{NEW_FILE}:28:5: warning: position 1 has no quote [missing-quote]
{NEW_FILE}:30:11: error: `stance` in position 1 is empty
{NEW_FILE}:32:10: error: `basis` in position 1 is empty
{NOTE}checked 1 article: 0 positions, 3 parties, 3 errors, 1 warning
"
        )
    );
}

#[test]
fn new_never_replaces_a_file() {
    let exists = |path: &str, help: &str| {
        format!(
            "error: `{path}` exists; stanceline never replaces an annotation file
  = help: {help}
"
        )
    };
    let t = Test::new().args(&NEW_ARGS);
    assert_eq!(t.output().status, 0);
    let first = read(&t, NEW_FILE);
    // The same again, and with another title of the same slug.
    for args in [
        &NEW_ARGS[..],
        &[
            "new",
            "--title",
            "Talks, a new start",
            "--outlet",
            "X",
            "--published",
            "2009-07-27",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
            .args(args)
            .current_dir(t.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            exists(
                NEW_FILE,
                "edit that file, or pass --slug to name the new one differently"
            )
        );
        assert!(out.stdout.is_empty());
        assert_eq!(read(&t, NEW_FILE), first);
    }
    // A file of the user's, and a dangling symlink, keep their names; --slug names the file.
    let t = Test::new()
        .article("2009-07-27-mine.yaml", "my own words")
        .args(&[
            "new",
            "--title",
            "T",
            "--outlet",
            "O",
            "--published",
            "2009-07-27",
            "--slug",
            "mine",
        ])
        .stderr(&exists(
            "annotations/articles/2009-07-27-mine.yaml",
            "edit that file, or pass another --slug",
        ))
        .status(2);
    let path = t.path().join("annotations/articles/2009-07-27-mine.yaml");
    let out = t.output();
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own words");
    #[cfg(unix)]
    {
        let t = Test::new().args(&[
            "new",
            "--title",
            "T",
            "--outlet",
            "O",
            "--published",
            "2009-07-27",
            "--slug",
            "link",
        ]);
        let link = t.path().join("annotations/articles/2009-07-27-link.yaml");
        std::os::unix::fs::symlink(t.path().join("elsewhere.yaml"), &link).unwrap();
        let out = t.output();
        assert_eq!(out.status, 2, "{}", out.stderr);
        assert!(!t.path().join("elsewhere.yaml").exists());
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

/// Many `new` at once for the same file: one makes it, whole; every other is refused, and no
/// temporary file is left.
#[test]
fn new_in_a_race_makes_the_file_once() {
    let t = Test::new();
    let runs: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_stanceline"))
                .args(NEW_ARGS)
                .current_dir(t.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let codes: Vec<i32> = runs
        .into_iter()
        .map(|c| c.wait_with_output().unwrap().status.code().unwrap())
        .collect();
    assert_eq!(codes.iter().filter(|&&c| c == 0).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|&&c| c == 2).count(), 7, "{codes:?}");
    assert_eq!(read(&t, NEW_FILE), NEW_ARTICLE);
    let names: Vec<String> = std::fs::read_dir(t.path().join("annotations/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["2009-07-27-talks-a-new-start.yaml"]);
}

#[test]
fn new_from_a_source_text() {
    let t = Test::new()
        .file(
            "texts/000_abc.txt",
            "\u{feff}\n   \n  Pyongyang wants bilateral talks  \n\nNorth Korea's ready to talk.\n",
        )
        .args(&[
            "new",
            "texts/000_abc.txt",
            "--outlet",
            "Foreign Policy",
            "--published",
            "2009-07-27",
        ]);
    let out = t.output();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let path = "annotations/articles/2009-07-27-pyongyang-wants-bilateral-talks.yaml";
    assert_eq!(out.stdout, format!("{path}\n"));
    let text = read(&t, path);
    assert!(
        text.contains(
            "article:
  title: Pyongyang wants bilateral talks
  outlet: Foreign Policy
  published: 2009-07-27
  source: 000_abc.txt
"
        ),
        "{text}"
    );
    // A title given wins over the text's first line.
    Test::new()
        .file("a.txt", "First line\n")
        .args(&[
            "new",
            "a.txt",
            "--title",
            "Given",
            "--outlet",
            "O",
            "--published",
            "2009",
        ])
        .stdout("annotations/articles/2009-given.yaml\n")
        .run();
    Test::new()
        .args(&["new", "missing.txt"])
        .stderr(
            "error: source text `missing.txt` not found
  = help: name the article's text file, or leave it out
",
        )
        .status(2)
        .run();
}

#[test]
fn new_refuses_missing_values_off_a_terminal_and_bad_names() {
    let usage = |args: &[&str], expected: &str| {
        Test::new().args(args).stderr(expected).status(2).run();
    };
    usage(
        &["new"],
        "error: --title, --outlet and --published are needed to write the article block
  = help: pass them on the command line (they are asked for only when standard input is a terminal)
",
    );
    usage(
        &["new", "--title", "T", "--outlet", "  "],
        "error: --outlet and --published are needed to write the article block
  = help: pass them on the command line (they are asked for only when standard input is a terminal)
",
    );
    usage(
        &["new", "--title", "T", "--outlet", "O"],
        "error: --published is needed to write the article block
  = help: pass it on the command line (it is asked for only when standard input is a terminal)
",
    );
    usage(
        &["new", "--title", "T", "--outlet", "O", "--published", "2009/2010"],
        "error: invalid value '2009/2010' for '--published <DATE>': `2009/2010` is an interval; give one date, such as 2009 or 2010

For more information, try '--help'.
",
    );
    usage(
        &["new", "--slug", "a/b"],
        "error: --slug `a/b` cannot name a file: use letters, digits, `-` and `_` only
  = help: pass a slug such as --slug iran-agrees-to-talks
",
    );
    usage(
        &["new", "--slug", ".hidden"],
        "error: --slug `.hidden` cannot name a file: it starts with `-` or `.`
  = help: pass a slug such as --slug iran-agrees-to-talks
",
    );
    usage(
        &["new", "--slug", ""],
        "error: --slug `` cannot name a file: it is empty
  = help: pass a slug such as --slug iran-agrees-to-talks
",
    );
    usage(
        &["new", "annotations"],
        "error: cannot read the source text `annotations`: is a directory
",
    );
    usage(
        &[
            "new",
            "--title",
            "?!",
            "--outlet",
            "O",
            "--published",
            "2009",
        ],
        "error: cannot make a file name from the title `?!`: it has no letter or digit
  = help: pass --slug, such as --slug talks-resume
",
    );
    Test::empty()
        .args(&["new", "--title", "T", "--outlet", "O", "--published", "2009"])
        .stderr(
            "error: annotations directory `annotations` not found
  = help: run stanceline where `annotations/` is, or pass --annotations DIR (or set STANCELINE_ANNOTATIONS) naming the directory that holds codebook.yaml
",
        )
        .status(2)
        .run();
}

/// On a terminal, what is missing is asked for, and a date asked again until it is one. Each
/// answer is typed once its prompt is on the screen, as a person would, so that the terminal's
/// echo of it comes right after the prompt.
#[test]
fn new_asks_for_missing_values_on_a_terminal() {
    use std::io::{Read, Write};
    use std::time::{Duration, Instant};
    let script = Path::new("/usr/bin/script");
    assert!(
        script.exists(),
        "`script` (util-linux) is needed to give `new` a terminal"
    );
    let t = Test::new();
    let mut child = Command::new(script)
        .args(["-q", "-e", "-c"])
        .arg(format!("{} new", env!("CARGO_BIN_EXE_stanceline")))
        .arg("/dev/null")
        .current_dir(t.path())
        .env_remove("STANCELINE_ANNOTATIONS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (send, chunks) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        let mut buf = [0; 1024];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0
                || send
                    .send(String::from_utf8_lossy(&buf[..n]).replace('\r', ""))
                    .is_err()
            {
                break;
            }
        }
    });
    let mut screen = String::new();
    let mut stdin = child.stdin.take().unwrap();
    // Wait (30 s at most) until the screen shows `prompt` for the `nth` time, then type.
    let mut answer = |prompt: &str, nth: usize, typed: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while screen.matches(prompt).count() < nth {
            let left = deadline.saturating_duration_since(Instant::now());
            match chunks.recv_timeout(left) {
                Ok(chunk) => screen.push_str(&chunk),
                Err(_) => panic!("no prompt `{prompt}` on the screen:\n{screen}"),
            }
        }
        stdin.write_all(typed.as_bytes()).unwrap();
        stdin.flush().unwrap();
    };
    answer("title: ", 1, "Talks resume\n");
    answer("outlet: ", 1, "\n");
    answer("outlet: ", 2, "The Cable\n");
    answer("published (such as 2009-07-27): ", 1, "2009-13-01\n");
    answer("published (such as 2009-07-27): ", 2, "2009-07-27\n");
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let screen = screen + &chunks.try_iter().collect::<String>();
    assert_eq!(status.code(), Some(0), "{screen}");
    assert_eq!(
        screen,
        "title: Talks resume
outlet: 
outlet: The Cable
published (such as 2009-07-27): 2009-13-01
error: `2009-13-01` has month 13, but months run from 01 to 12 (and seasons from 21 to 24)
  help: dates are written 2009, 2009-07 or 2009-07-27 (a time as 2009-07-27T10:00:00Z), 201X or 2004-XX for unspecified digits, 2009-21 to 2009-24 for spring to winter, optionally followed by ? (uncertain), ~ (approximate) or % (both); intervals as 2003/2005-07, with an open end as 2009-04/.. or ../2005-07-25, or an unknown one as 2004/ or /2004
published (such as 2009-07-27): 2009-07-27
wrote .stanceline/schema/article.schema.json
wrote .stanceline/schema/codebook.schema.json
annotations/articles/2009-07-27-talks-resume.yaml
"
    );
    let text = read(&t, "annotations/articles/2009-07-27-talks-resume.yaml");
    assert!(
        text.contains("  title: Talks resume\n  outlet: The Cable\n  published: 2009-07-27\n"),
        "{text}"
    );
}

#[test]
fn new_makes_articles_and_refuses_a_broken_codebook() {
    let t = Test::empty().codebook(FIXTURE_CODEBOOK).args(&[
        "new",
        "--title",
        "T",
        "--outlet",
        "O",
        "--published",
        "2009",
    ]);
    let out = t.output();
    assert_eq!(
        out.stdout, "annotations/articles/2009-t.yaml\n",
        "{}",
        out.stderr
    );
    Test::empty()
        .codebook("question: Q\nstances: []\nparties:\n  - id: p\n    name: P\n")
        .args(&[
            "new",
            "--title",
            "T",
            "--outlet",
            "O",
            "--published",
            "2009",
        ])
        .stderr(
            "error: the codebook has no stances
  --> annotations/codebook.yaml:2:10
  |
2 | stances: []
  |          ^
  |
  = help: list the stances under `stances:`, ordered from one pole to the other

error: the codebook has 1 error; run `stanceline check` and fix them first
",
        )
        .status(1)
        .run();
    Test::empty()
        .codebook(FIXTURE_CODEBOOK)
        .file("annotations/articles", "a file")
        .args(&["new", "--title", "T", "--outlet", "O", "--published", "2009"])
        .stderr(
            "error: cannot write `annotations/articles/2009-t.yaml`: `annotations/articles` is a file, not a directory
  = help: check that the annotations directory can be written to
",
        )
        .status(1)
        .run();
}

/// A schema that cannot be written does not stop the article, which is made: a warning.
#[test]
fn new_warns_when_the_schema_cannot_be_written() {
    Test::new()
        .file(".stanceline", "a file")
        .args(&["new", "--title", "T", "--outlet", "O", "--published", "2009"])
        .stdout("annotations/articles/2009-t.yaml\n")
        .stderr(
            "warning: the editor schema was not written: cannot write `.stanceline/schema/article.schema.json`: `.stanceline` is a file, not a directory
  = help: editors will not complete or check the new file
warning: the editor schema was not written: cannot write `.stanceline/schema/codebook.schema.json`: `.stanceline` is a file, not a directory
  = help: editors will not complete or check the new file
",
        )
        .run();
}

#[test]
fn schema_writes_both_schemas_beside_the_annotations() {
    let t = Test::new().args(&["schema"]);
    let out = t.output();
    assert_eq!(out.stderr, WROTE_SCHEMAS);
    assert_eq!((out.status, out.stdout.as_str()), (0, ""));
    for kind in ["article", "codebook"] {
        let printed = Command::new(env!("CARGO_BIN_EXE_stanceline"))
            .args(["schema", "--print", kind])
            .current_dir(t.path())
            .output()
            .unwrap();
        let file = read(&t, &format!(".stanceline/schema/{kind}.schema.json"));
        assert_eq!(file.as_bytes(), printed.stdout, "{kind}");
        let schema: serde_json::Value = serde_json::from_str(&file).unwrap();
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(schema["additionalProperties"], false);
    }
    // Elsewhere with --annotations: beside that directory.
    let t = Test::empty()
        .file("work/notes/codebook.yaml", FIXTURE_CODEBOOK)
        .args(&["schema", "--annotations", "work/notes"])
        .stderr(
            "wrote work/.stanceline/schema/article.schema.json
wrote work/.stanceline/schema/codebook.schema.json
",
        );
    t.run();
}

#[cfg(unix)]
#[test]
fn schema_never_writes_into_the_annotations() {
    let t = Test::new().args(&["schema"]);
    std::os::unix::fs::symlink(t.path().join("annotations"), t.path().join(".stanceline")).unwrap();
    t.stderr(
        "error: `.stanceline/schema/article.schema.json` is inside the annotations directory `annotations`, which stanceline never writes into
  = help: or print a schema with --print article (or codebook) and keep it where you like
",
    )
    .status(2)
    .run();
}

#[test]
fn check_warns_when_the_schema_is_older_than_the_codebook() {
    let t = Test::new().args(&["schema"]);
    assert_eq!(t.output().status, 0);
    let clean = format!("{NOTE}checked 0 articles: 0 positions, 3 parties, 0 problems\n");
    assert_eq!(run(&t, &["check"]), (0, clean.clone()));
    // A comment changes nothing the schema says.
    let t = t.codebook(&format!("{FIXTURE_CODEBOOK}# a comment\n"));
    assert_eq!(run(&t, &["check"]), (0, clean.clone()));
    let t = t.codebook(&FIXTURE_CODEBOOK.replace("label: Mixed", "label: Mixed feelings"));
    assert_eq!(
        run(&t, &["check"]),
        (
            0,
            format!(
                "warning[schema-out-of-date]: the editor schema `.stanceline/schema/article.schema.json` is older than the codebook
  --> .stanceline/schema/article.schema.json:1:1
  = help: run `stanceline schema` to write it again: editors check articles against it
{NOTE}checked 0 articles: 0 positions, 3 parties, 1 warning
"
            )
        )
    );
    assert_eq!(
        run(&t, &["check", "--message-format", "short", "--deny", "warnings"]),
        (
            1,
            format!(
                ".stanceline/schema/article.schema.json:1:1: error: the editor schema `.stanceline/schema/article.schema.json` is older than the codebook [schema-out-of-date]
{NOTE}checked 0 articles: 0 positions, 3 parties, 1 error
"
            )
        )
    );
    assert_eq!(run(&t, &["schema"]), (0, WROTE_SCHEMAS.to_string()));
    assert_eq!(run(&t, &["check"]).1, clean);
    // Written by another version, or not JSON at all.
    let codebook_schema = read(&t, ".stanceline/schema/codebook.schema.json");
    let t = t
        .file(
            ".stanceline/schema/codebook.schema.json",
            codebook_schema.replace("Written by stanceline ", "Written by stanceline 0.0.0-"),
        )
        .file(".stanceline/schema/article.schema.json", "not json");
    assert_eq!(
        run(&t, &["check", "--message-format", "short"]).1,
        format!(
            ".stanceline/schema/article.schema.json:1:1: warning: the editor schema `.stanceline/schema/article.schema.json` is not JSON [schema-out-of-date]
.stanceline/schema/codebook.schema.json:1:1: warning: the editor schema `.stanceline/schema/codebook.schema.json` was written by another version of stanceline [schema-out-of-date]
{NOTE}checked 0 articles: 0 positions, 3 parties, 2 warnings
"
        )
    );
    // The codebook's own schema changed by hand, and a schema that cannot be read.
    let t = t
        .file(
            ".stanceline/schema/codebook.schema.json",
            codebook_schema.replace("\"minItems\": 1", "\"minItems\": 0"),
        )
        .file(".stanceline/schema/article.schema.json.d/x", "");
    std::fs::remove_file(t.path().join(".stanceline/schema/article.schema.json")).unwrap();
    std::fs::rename(
        t.path().join(".stanceline/schema/article.schema.json.d"),
        t.path().join(".stanceline/schema/article.schema.json"),
    )
    .unwrap();
    assert_eq!(
        run(&t, &["check", "--message-format", "short"]).1,
        format!(
            ".stanceline/schema/article.schema.json:1:1: warning: cannot read the editor schema `.stanceline/schema/article.schema.json`: is a directory [schema-out-of-date]
.stanceline/schema/codebook.schema.json:1:1: warning: the editor schema `.stanceline/schema/codebook.schema.json` is out of date [schema-out-of-date]
{NOTE}checked 0 articles: 0 positions, 3 parties, 2 warnings
"
        )
    );
    // A broken codebook is reported, not compared.
    let t = t.codebook("question: Q\n");
    let (code, stderr) = run(&t, &["check", "--message-format", "short"]);
    assert_eq!(code, 1);
    assert!(!stderr.contains("schema"), "{stderr}");
}

const COMMANDS: [&str; 13] = [
    "check",
    "events",
    "query",
    "changes",
    "chart",
    "agree",
    "report",
    "watch",
    "codebook",
    "new",
    "schema",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell_and_bash_loads_them() {
    for (shell, marker) in [
        ("bash", "complete -F _stanceline"),
        ("zsh", "#compdef stanceline"),
        ("fish", "complete -c stanceline"),
        ("elvish", "set edit:completion:arg-completer[stanceline]"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName 'stanceline'",
        ),
    ] {
        let out = Test::empty().args(&["completions", shell]).output();
        assert_eq!(out.status, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains(marker), "{shell}:\n{}", out.stdout);
        for command in COMMANDS {
            assert!(out.stdout.contains(command), "{shell} lacks {command}");
        }
    }
    // Loaded in bash, it completes commands and their options.
    let bin = Path::new(env!("CARGO_BIN_EXE_stanceline"));
    let complete = |words: &str| {
        let script = format!(
            "source <(stanceline completions bash) && COMP_WORDS=({words}) && \
             COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)) && COMP_LINE=\"${{COMP_WORDS[*]}}\" && \
             COMP_POINT=${{#COMP_LINE}} && _stanceline stanceline \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\" && echo \"${{COMPREPLY[*]}}\""
        );
        let out = Command::new("bash")
            .args(["-c", &script])
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    bin.parent().unwrap().display(),
                    std::env::var("PATH").unwrap()
                ),
            )
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{words}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let commands = complete("stanceline co");
    assert_eq!(commands.trim(), "codebook completions", "{commands}");
    let options = complete("stanceline new --pu");
    assert_eq!(options.trim(), "--published", "{options}");
    let shells = complete("stanceline completions ''");
    assert_eq!(
        shells.trim(),
        "-h --color --help bash elvish fish powershell zsh",
        "{shells}"
    );
    Test::empty()
        .args(&["completions", "tcsh"])
        .stderr(
            "error: invalid value 'tcsh' for '<SHELL>'
  [possible values: bash, elvish, fish, powershell, zsh]

  tip: a similar value exists: 'zsh'

For more information, try '--help'.
",
        )
        .status(2)
        .run();
}

#[test]
fn man_pages_for_stanceline_and_each_command() {
    let out = Test::empty().args(&["man"]).output();
    assert_eq!(out.status, 0);
    assert!(
        out.stdout
            .starts_with(".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n.TH stanceline 1"),
        "{}",
        out.stdout
    );
    for command in COMMANDS {
        assert!(
            out.stdout.contains(&format!("stanceline\\-{command}")),
            "{command}"
        );
        let page = Test::empty().args(&["man", command]).output();
        assert_eq!(page.status, 0, "{command}");
        assert!(
            page.stdout.contains(&format!(
                ".TH stanceline-{command} 1  \"stanceline {}\"",
                env!("CARGO_PKG_VERSION")
            )),
            "{command}:\n{}",
            page.stdout
        );
    }
    // `man` renders it (where man is installed: the test does not need it).
    if Path::new("/usr/bin/man").exists() {
        let page = Test::empty().args(&["man", "new"]).output();
        let path = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(path.path(), page.stdout).unwrap();
        let rendered = Command::new("man")
            .args(["-l", "-P", "cat"])
            .arg(path.path())
            .env("MANWIDTH", "100")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&rendered.stdout);
        assert!(text.contains("--published"), "{text}");
    }
    Test::empty()
        .args(&["man", "chrat"])
        .stderr(&format!(
            "error: stanceline has no command `chrat`
  = help: the commands are: {}
",
            COMMANDS.join(", ")
        ))
        .status(2)
        .run();
}
