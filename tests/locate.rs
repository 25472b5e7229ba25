//! Where the annotations are: `--annotations DIR` before or after the subcommand, and, when
//! none is named and `./annotations` does not exist, the nearest `annotations/` above the
//! current directory, as git finds `.git`, with a note saying which.

mod common;

use common::Test;
use std::path::Path;
use std::process::Command;

const ARTICLE: &str = "article:
  title: T
  outlet: O
  published: 2009-10-01
positions:
  - party: north-korea
    stance: bilateral
    basis: statement
    quote: q
";

fn run(dir: &Path, args: &[&str], env: Option<&Path>) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stanceline"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("STANCELINE_ANNOTATIONS")
        .env("NO_COLOR", "1");
    if let Some(e) = env {
        cmd.env("STANCELINE_ANNOTATIONS", e);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const SUMMARY: &str = "note: quotes were not verified against the articles' texts (pass --sources DIR)\n\
                       checked 1 article: 1 position, 3 parties, 0 problems\n";

#[test]
fn annotations_before_or_after_the_subcommand() {
    let t = Test::new().article("2009-10-01-x.yaml", ARTICLE);
    let elsewhere = tempfile::tempdir().unwrap();
    let dir = t.path().join("annotations");
    let dir = dir.to_str().unwrap();
    let after = run(elsewhere.path(), &["check", "--annotations", dir], None);
    let before = run(elsewhere.path(), &["--annotations", dir, "check"], None);
    let joined = run(
        elsewhere.path(),
        &["--color", "never", &format!("--annotations={dir}"), "check"],
        None,
    );
    assert_eq!(after.0, 0, "{}", after.1);
    assert!(after.1.ends_with(SUMMARY), "{}", after.1);
    assert_eq!(before, after);
    assert_eq!(joined, after);
}

#[test]
fn the_nearest_annotations_above_are_found_and_named() {
    let t = Test::new()
        .article("2009-10-01-x.yaml", ARTICLE)
        .file("notes/drafts/keep", "x");
    let deep = t.path().join("notes/drafts");
    assert_eq!(
        run(&deep, &["check"], None),
        (
            0,
            format!(
                "note: using the annotations directory `../../annotations`, found above the \
                 current directory\n{SUMMARY}"
            )
        )
    );
    // Named by the environment or an option, or present here: no search, no note.
    let (code, stderr) = run(&deep, &["check"], Some(Path::new("nowhere")));
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: annotations directory `nowhere` not found\n"),
        "{stderr}"
    );
    let (code, stderr) = run(&deep, &["check", "--annotations", "nowhere"], None);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: annotations directory `nowhere` not found\n"));
    assert_eq!(run(t.path(), &["check"], None), (0, SUMMARY.to_string()));
    // Commands that read no annotations look for none.
    let (code, stderr) = run(&deep, &["completions", "bash"], None);
    assert_eq!((code, stderr.as_str()), (0, ""));
}
