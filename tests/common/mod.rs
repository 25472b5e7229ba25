//! A test builder that reads like a sentence:
//! `Test::new().article("2009-07-27-x.yaml", YAML).args(&["check"]).stderr(EXPECTED).status(1).run()`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const FIXTURE_CODEBOOK: &str = include_str!("../fixtures/small/codebook.yaml");

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The output of one run of the binary.
pub struct Output {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

pub struct Test {
    pub dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    expected_stdout: Option<String>,
    expected_stderr: Option<String>,
    expected_status: i32,
}

impl Test {
    /// A temporary working directory with `annotations/codebook.yaml` (the small fixture) and
    /// an empty `annotations/articles/`.
    pub fn new() -> Self {
        let t = Self::empty();
        std::fs::create_dir_all(t.dir.path().join("annotations/articles")).unwrap();
        t.file("annotations/codebook.yaml", FIXTURE_CODEBOOK)
    }

    /// A temporary working directory with nothing in it.
    pub fn empty() -> Self {
        Test {
            dir: tempfile::tempdir().unwrap(),
            args: Vec::new(),
            env: Vec::new(),
            expected_stdout: None,
            expected_stderr: None,
            expected_status: 0,
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write a file (relative to the working directory), creating directories.
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
        self
    }

    /// Write an article file under `annotations/articles/`.
    pub fn article(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        self.file(&format!("annotations/articles/{name}"), contents)
    }

    pub fn codebook(self, contents: &str) -> Self {
        self.file("annotations/codebook.yaml", contents)
    }

    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|s| s.to_string()));
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn stdout(mut self, s: &str) -> Self {
        self.expected_stdout = Some(s.to_string());
        self
    }

    pub fn stderr(mut self, s: &str) -> Self {
        self.expected_stderr = Some(s.to_string());
        self
    }

    pub fn status(mut self, code: i32) -> Self {
        self.expected_status = code;
        self
    }

    /// Run the binary in the working directory and return its output, unchecked.
    pub fn output(&self) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_stanceline"));
        cmd.args(&self.args)
            .current_dir(self.dir.path())
            .env_remove("STANCELINE_ANNOTATIONS")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        Output {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// Run and check what was asked.
    pub fn run(self) -> Output {
        let out = self.output();
        if let Some(e) = &self.expected_stderr {
            assert_eq!(
                &out.stderr, e,
                "stderr differs; stdout was:\n{}",
                out.stdout
            );
        }
        if let Some(e) = &self.expected_stdout {
            assert_eq!(
                &out.stdout, e,
                "stdout differs; stderr was:\n{}",
                out.stderr
            );
        }
        assert_eq!(
            out.status, self.expected_status,
            "exit status differs; stderr was:\n{}",
            out.stderr
        );
        self.dir.close().unwrap();
        out
    }
}

/// Run `python3 ARGS` with `input` on stdin and return its stdout; fail (never skip) when
/// python3 or the package it needs is missing, saying what `.ci/run` installs.
pub fn python(args: &[&str], input: &[u8], needs: &str) -> String {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new("python3")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("python3 is needed for this test ({e}); .ci/run installs {needs}")
        });
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the reference did not run: pip install {needs} (as .ci/run does)\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The fields the README lists for a command (`` `events`: `party`, `party_name`, ... ``),
/// without the parenthesised notes.
pub fn readme_fields(readme: &str, command: &str) -> Vec<String> {
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

/// A copy of `from` (a directory) at `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
