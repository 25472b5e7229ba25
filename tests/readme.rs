//! Every `$ stanceline ...` command in the README's console blocks prints what the README
//! shows (run from the repository root, at 100 columns).

mod common;
use common::copy_dir;
use std::path::Path;
use std::process::Command;

/// Split a command line on spaces, keeping "double-quoted" words together.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The README without its walk-through, whose commands run in order in one directory
/// ([`the_walkthrough_writes_an_article`]).
fn readme_but_walkthrough() -> String {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let (before, rest) = readme.split_once(WALKTHROUGH).expect("the walk-through");
    let after = &rest[rest
        .find("\n## ")
        .expect("a section after the walk-through")..];
    format!("{before}{after}")
}

const WALKTHROUGH: &str = "\n## Writing a new article, step by step\n";

/// Run `stanceline ARGS` in `dir`: stderr, then stdout, as a terminal shows them.
fn run(dir: &Path, args: &[String]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(args)
        .current_dir(dir)
        .env_remove("STANCELINE_ANNOTATIONS")
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8(out.stderr).unwrap() + &String::from_utf8(out.stdout).unwrap()
}

/// The walk-through's steps, in order: each `$ stanceline` command run in one copy of the
/// shipped annotations, printing what the README shows, and each YAML block that starts with
/// `positions:` put in place of the positions of the file the last `new` made.
#[test]
fn the_walkthrough_writes_an_article() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let section = readme.split_once(WALKTHROUGH).unwrap().1;
    let section = &section[..section.find("\n## ").unwrap()];
    let scratch = tempfile::tempdir().unwrap();
    copy_dir(
        &common::root().join("annotations"),
        &scratch.path().join("annotations"),
    );
    let (mut commands, mut edits) = (0, 0);
    let mut made: Option<String> = None;
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        let fence = line.trim_start();
        let indent = line.len() - fence.len();
        let kind = match fence {
            "```console" => "console",
            "```yaml" => "yaml",
            _ => continue,
        };
        let mut block = Vec::new();
        for l in lines.by_ref() {
            if l.trim_start() == "```" {
                break;
            }
            block.push(l.get(indent..).unwrap_or("").to_string());
        }
        if kind == "yaml" {
            if !block[0].starts_with("positions:") {
                continue;
            }
            let file = scratch
                .path()
                .join(made.as_ref().expect("a file made by `new` first"));
            let text = std::fs::read_to_string(&file).unwrap();
            let at = text.find("\npositions:\n").unwrap() + 1;
            std::fs::write(&file, format!("{}{}\n", &text[..at], block.join("\n"))).unwrap();
            edits += 1;
            continue;
        }
        let mut block = block.iter().peekable();
        while let Some(line) = block.next() {
            let cmd = line.strip_prefix("$ ").expect("a command first");
            let mut expected = String::new();
            while let Some(next) = block.next_if(|l| !l.starts_with("$ ")) {
                expected.push_str(next);
                expected.push('\n');
            }
            let args = words(cmd);
            assert_eq!(args[0], "stanceline", "{cmd}");
            let actual = run(scratch.path(), &args[1..]);
            assert_eq!(actual, expected, "README walk-through command `{cmd}`");
            if args[1] == "new" {
                made = actual.lines().last().map(String::from);
            }
            commands += 1;
        }
    }
    assert!(
        commands >= 4 && edits >= 1,
        "{commands} commands, {edits} edits"
    );
}

#[test]
fn readme_commands_print_what_the_readme_shows() {
    let readme = readme_but_walkthrough();
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("\n```").next().unwrap();
        let mut lines = block.lines().peekable();
        while let Some(line) = lines.next() {
            let Some(cmd) = line.strip_prefix("$ ") else {
                continue;
            };
            let mut expected = String::new();
            while let Some(next) = lines.peek() {
                if next.starts_with("$ ") {
                    break;
                }
                expected.push_str(lines.next().unwrap());
                expected.push('\n');
            }
            let args = words(cmd);
            if args[0] != "stanceline" {
                continue; // cargo commands: the set-up, run by CI itself
            }
            // `chart` and `report` write files: run them in a scratch directory, on the
            // shipped annotations; `new` and `schema` too, on a copy of them.
            let scratch = tempfile::tempdir().unwrap();
            let writes = args[1] == "chart" || args[1] == "report";
            if ["new", "schema"].contains(&args[1].as_str()) {
                copy_dir(
                    &common::root().join("annotations"),
                    &scratch.path().join("annotations"),
                );
                assert_eq!(
                    run(scratch.path(), &args[1..]),
                    expected,
                    "README command `{cmd}`"
                );
                checked += 1;
                continue;
            }
            let dir = if writes {
                scratch.path().to_path_buf()
            } else {
                common::root()
            };
            let mut command = Command::new(env!("CARGO_BIN_EXE_stanceline"));
            command.env_remove("STANCELINE_ANNOTATIONS");
            if writes {
                command.env("STANCELINE_ANNOTATIONS", common::root().join("annotations"));
            }
            let out = command
                .args(&args[1..])
                .current_dir(dir)
                .env("COLUMNS", "100")
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let actual =
                String::from_utf8(out.stderr).unwrap() + &String::from_utf8(out.stdout).unwrap();
            assert_eq!(actual, expected, "README command `{cmd}`");
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} commands found in the README");
}

/// The CSV header of every command is the README's field list, with rows and without (then
/// it comes from the row type alone).
#[test]
fn csv_headers_are_the_fields_the_readme_lists() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let empty = common::Test::new();
    let runs: [(&str, &[&str]); 3] = [
        ("events", &["events"]),
        ("query", &["query", "north-korea"]),
        ("changes", &["changes"]),
    ];
    for (name, args) in runs {
        let expected = common::readme_fields(&readme, name).join(",");
        for dir in [common::root(), empty.path().to_path_buf()] {
            let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
                .args(args)
                .args(["--format", "csv"])
                .current_dir(&dir)
                .env_remove("STANCELINE_ANNOTATIONS")
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?} in {}", dir.display());
            let stdout = String::from_utf8(out.stdout).unwrap();
            assert_eq!(
                stdout.lines().next(),
                Some(expected.as_str()),
                "{args:?} in {}",
                dir.display()
            );
        }
    }
}
