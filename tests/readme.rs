//! Every `$ stanceline ...` command in the README's console blocks prints what the README
//! shows (run from the repository root, at 100 columns).

mod common;
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

#[test]
fn readme_commands_print_what_the_readme_shows() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
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
            // shipped annotations.
            let scratch = tempfile::tempdir().unwrap();
            let writes = args[1] == "chart" || args[1] == "report";
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

/// The fields the README lists for a command (`` `events`: `party`, `party_name`, ... ``),
/// without the parenthesised notes.
fn readme_fields(readme: &str, command: &str) -> Vec<String> {
    let start = readme
        .find(&format!("\n`{command}`: "))
        .unwrap_or_else(|| panic!("the README lists no fields for `{command}`"));
    let paragraph = &readme[start + command.len() + 5..];
    let paragraph = &paragraph[..paragraph.find("\n\n").unwrap()];
    let mut plain = String::new();
    let mut depth = 0;
    for c in paragraph.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
        .split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
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
        let expected = readme_fields(&readme, name).join(",");
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
