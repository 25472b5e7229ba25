//! `--skip-broken` on `events`, `query`, `changes` and `chart` (and `report`, in
//! tests/report.rs): without it, errors stop the command; with it, the answer is the one the
//! valid files give alone, after a warning naming each file left out and its first error, and
//! the output says files were left out. A codebook (or articles directory) with errors still
//! stops every command.

mod common;
use common::Test;
use std::process::Command;

const FIRST: &str = "article:
  title: Pyongyang wants bilateral talks
  outlet: Foreign Policy
  published: 2009-07-27
positions:
  - party: north-korea
    stance: bilateral
    basis: report
    quote: it will come back to the table only if the six-party format is abandoned
  - party: united-states
    stance: multilateral
    basis: statement
    quote: talks within the six-party framework
  - party: china
    stance: bilateral
    basis: report
    quote: talks between the two
";

const SECOND: &str = "article:
  title: Later talks
  outlet: The Cable
  published: 2009-10-28
positions:
  - party: north-korea
    stance: mixed
    basis: inference
    quote: somewhat open to a return
";

/// A file with one valid position (China turning multilateral, which would change every
/// answer) and one error: the whole file is left out, its valid position too.
const PARTLY: &str = "article:
  title: Partly broken
  outlet: X
  published: 2009-08-01
positions:
  - party: china
    stance: multilateral
    basis: statement
    quote: only the six-party talks
  - party: north-kroea
    stance: bilateral
    basis: report
";

/// A file with three errors.
const BROKEN: &str = "article:
  title: Broken
  outlet: X
  published: 2009-09-01
positions:
  - party: nowhere
    stance: bilaterl
    basis: report
  - party: china
    stance: mixed
    basis: rumour
";

/// The warning `--skip-broken` gives for [`broken`]'s two files.
const WARNING: &str = "warning: left out 2 article files with errors (--skip-broken):\n  \
annotations/articles/2009-08-01-partly.yaml:10:12: unknown party `north-kroea`\n  \
annotations/articles/2009-09-01-broken.yaml:6:12: unknown party `nowhere` (and 2 more errors)\n  \
= help: run `stanceline check` to see every error\n";

/// What a table ends with, and what follows JSON and CSV on stderr.
const FOOTER: &str = "2 article files with errors left out\n";
const NOTE: &str = "note: answered without 2 article files with errors (--skip-broken)\n";

const REFUSED: &str = "error: the annotations have 4 errors; run `stanceline check` and fix them first\n  \
= help: or pass --skip-broken to leave out the article files with errors and answer from the others\n";

const STILL_REFUSED: &str = "  = help: --skip-broken leaves out article files with errors, not a codebook or an articles directory with errors\n";

/// The valid files alone.
fn valid() -> Test {
    Test::new()
        .article("2009-07-27-first.yaml", FIRST)
        .article("2009-10-28-second.yaml", SECOND)
}

/// The valid files and two with errors.
fn broken() -> Test {
    valid()
        .article("2009-08-01-partly.yaml", PARTLY)
        .article("2009-09-01-broken.yaml", BROKEN)
}

/// Run the binary in `t`'s directory (any number of times), at 100 columns.
fn run(t: &Test, args: &[&str]) -> common::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(args)
        .current_dir(t.path())
        .env_remove("STANCELINE_ANNOTATIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    common::Output {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Each answering command, in each output form.
const ANSWERS: &[&[&str]] = &[
    &["events"],
    &["events", "--party", "china"],
    &["events", "--format", "json"],
    &["events", "--format", "csv"],
    &["query"],
    &["query", "--at", "2009-09"],
    &["query", "north-korea", "--at", "2009-08-15"],
    &["query", "--format", "json"],
    &["query", "--at", "2009", "--format", "csv"],
    &["changes"],
    &["changes", "--format", "json"],
    &["changes", "--format", "csv"],
];

#[test]
fn errors_stop_each_command_without_skip_broken() {
    let t = broken();
    for args in ANSWERS {
        let out = run(&t, args);
        assert_eq!(out.status, 1, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(
            out.stderr
                .starts_with("error: unknown party `north-kroea`\n"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stderr.ends_with(REFUSED), "{args:?}: {}", out.stderr);
    }
    let out = run(&t, &["chart"]);
    assert_eq!(out.status, 1);
    assert!(out.stderr.ends_with(REFUSED), "{}", out.stderr);
    assert!(!t.path().join("charts").exists());
}

/// The answer is what the valid files alone give, byte for byte, with the table's footer
/// line after it, or a note on stderr after JSON and CSV, which keep their shape.
#[test]
fn skip_broken_answers_as_the_valid_files_alone_do() {
    let (clean, t) = (valid(), broken());
    for args in ANSWERS {
        let expected = run(&clean, args);
        assert_eq!(expected.status, 0, "{args:?}: {}", expected.stderr);
        assert_eq!(expected.stderr, "", "{args:?}");
        let mut skipping = args.to_vec();
        skipping.push("--skip-broken");
        let out = run(&t, &skipping);
        assert_eq!(out.status, 0, "{args:?}: {}", out.stderr);
        let table = !args.contains(&"--format");
        if table {
            assert_eq!(out.stdout, expected.stdout.clone() + FOOTER, "{args:?}");
            assert_eq!(out.stderr, WARNING, "{args:?}");
        } else {
            assert_eq!(out.stdout, expected.stdout, "{args:?}");
            assert_eq!(out.stderr, WARNING.to_string() + NOTE, "{args:?}");
        }
    }
    // The file with one valid position would have changed the answer: it is left out whole.
    let fixed = valid().article(
        "2009-08-01-partly.yaml",
        &PARTLY[..PARTLY.find("  - party: north-kroea").unwrap()],
    );
    for args in [
        &["events"][..],
        &["changes"],
        &["query", "china", "--at", "2009-09"],
    ] {
        assert_ne!(
            run(&fixed, args).stdout,
            run(&clean, args).stdout,
            "{args:?}"
        );
    }
}

/// One file left out: singular words, and the flag before the command's other options.
#[test]
fn one_file_left_out() {
    let t = valid()
        .article("2009-08-01-partly.yaml", PARTLY)
        .args(&["changes", "--skip-broken", "--party", "china"])
        .stderr(
            "warning: left out 1 article file with errors (--skip-broken):\n  \
             annotations/articles/2009-08-01-partly.yaml:10:12: unknown party `north-kroea`\n  \
             = help: run `stanceline check` to see every error\n",
        )
        .stdout("no changes for China\n1 article file with errors left out\n");
    t.run();
}

/// The SVG's only difference from the valid files' is its footer line (drawn, and in the
/// description), which says the files were left out.
#[test]
fn the_chart_footer_says_files_were_left_out() {
    let (clean, t) = (valid(), broken());
    for kind in ["lanes", "scores"] {
        let args = ["chart", "-o", "-", "--format", "svg", "--kind", kind];
        let expected = run(&clean, &args);
        assert_eq!(expected.status, 0, "{}", expected.stderr);
        let out = run(&t, &[&args[..], &["--skip-broken"]].concat());
        assert_eq!(out.status, 0, "{}", out.stderr);
        assert_eq!(out.stderr, WARNING);
        let footer = "4 positions from 2 articles, 2009; 2 article files with errors left out";
        let texts = svg_texts(&out.stdout);
        assert!(texts.iter().any(|t| t == footer), "{kind}: {texts:?}");
        assert!(
            out.stdout.contains(&format!("{footer}.")),
            "{kind}: the description"
        );
        assert_eq!(
            out.stdout
                .replace("; 2 article files with errors left out", ""),
            expected.stdout,
            "{kind}"
        );
    }
    // Too narrow for the whole line: the count is shortened, never the files left out.
    let out = run(
        &t,
        &[
            "chart",
            "-o",
            "-",
            "--format",
            "svg",
            "--width",
            "320",
            "--skip-broken",
        ],
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    let texts = svg_texts(&out.stdout);
    let line = texts
        .iter()
        .find(|t| t.ends_with("; 2 article files with errors left out"))
        .unwrap_or_else(|| panic!("{texts:?}"));
    assert!(
        line.starts_with("4 positions") && line.contains('…'),
        "{line}"
    );
}

/// The default set is written from the valid files; each PNG differs from the valid files'
/// only in its footer, at the bottom.
#[test]
fn the_default_set_from_the_valid_files() {
    let (clean, t) = (valid(), broken());
    assert_eq!(run(&clean, &["chart"]).status, 0);
    let out = run(&t, &["chart", "--skip-broken"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let wrote: String = [
        "stance-timeline.png",
        "stance-timeline.svg",
        "stance-scores.png",
        "stance-scores.svg",
    ]
    .iter()
    .map(|name| {
        let len = std::fs::metadata(t.path().join("charts").join(name))
            .unwrap()
            .len();
        match name.ends_with(".png") {
            true => {
                let (w, h) =
                    png_pixels(&std::fs::read(t.path().join("charts").join(name)).unwrap()).0;
                format!("wrote charts/{name} ({w}×{h} PNG)\n")
            }
            false => format!(
                "wrote charts/{name} (SVG, {} KB)\n",
                (len as usize).div_ceil(1024)
            ),
        }
    })
    .collect();
    assert_eq!(out.stderr, WARNING.to_string() + &wrote);
    for name in ["stance-timeline.png", "stance-scores.png"] {
        let read =
            |t: &Test| png_pixels(&std::fs::read(t.path().join("charts").join(name)).unwrap());
        let ((w, h), mine) = read(&t);
        let (size, theirs) = read(&clean);
        assert_eq!((w, h), size, "{name}");
        let row = |px: &[u8], y: u32| px[(y * w * 3) as usize..((y + 1) * w * 3) as usize].to_vec();
        let first = (0..h)
            .find(|&y| row(&mine, y) != row(&theirs, y))
            .expect("the footer differs");
        // The footer's source line sits above the note line, in the last 50 px.
        assert!(first > h - 50, "{name}: row {first} of {h} differs");
    }
}

/// A codebook with errors, or no articles directory, still stops every command, with help
/// that says why; only what stops it is shown, not the errors of article files.
#[test]
fn a_codebook_with_errors_still_stops_every_command() {
    let t = broken().codebook(&format!("{}extra: 1\n", common::FIXTURE_CODEBOOK));
    let commands: Vec<Vec<&str>> = ANSWERS
        .iter()
        .map(|a| a.to_vec())
        .chain([vec!["chart"], vec!["report"]])
        .collect();
    for args in &commands {
        let out = run(&t, &[&args[..], &["--skip-broken"]].concat());
        assert_eq!(out.status, 1, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "");
        assert!(
            out.stderr
                .starts_with("error: unknown field `extra` in the codebook\n"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("north-kroea"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            out.stderr.ends_with(&format!(
                "error: the annotations have 1 error; run `stanceline check` and fix them first\n{STILL_REFUSED}"
            )),
            "{args:?}: {}",
            out.stderr
        );
        // Without the flag, no help to pass it: it would not help.
        let out = run(&t, args);
        assert_eq!(out.status, 1);
        assert!(
            !out.stderr.contains("--skip-broken"),
            "{args:?}: {}",
            out.stderr
        );
    }
    assert!(!t.path().join("charts").exists());

    let t = Test::new();
    std::fs::remove_dir(t.path().join("annotations/articles")).unwrap();
    for args in &commands {
        let out = run(&t, &[&args[..], &["--skip-broken"]].concat());
        assert_eq!(out.status, 1, "{args:?}: {}", out.stderr);
        assert_eq!(
            out.stderr,
            format!(
                "error: articles directory `annotations/articles` not found\n  \
                 --> annotations/articles:1:1\n  \
                 = help: put one YAML file per article in an `articles/` directory beside the codebook\n\
                 error: the annotations have 1 error; run `stanceline check` and fix them first\n{STILL_REFUSED}"
            ),
            "{args:?}"
        );
    }
}

/// The text of every `<text>` element of an SVG, trimmed.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses as XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// A PNG's size and its pixels as RGB.
fn png_pixels(bytes: &[u8]) -> ((u32, u32), Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a buffer size")];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    ((info.width, info.height), buf)
}
