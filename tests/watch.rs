//! `stanceline watch`, run as a real process on a temporary copy of the shipped annotations:
//! each kind of change made through the file system as an editor makes it, and after each the
//! round it prints compared byte for byte with a fresh `check`, and the charts and report with
//! fresh `chart` and `report` runs (or, while the annotations have errors, with what they were).
//! Nothing sleeps for a time to pass: every wait is for a line the process prints, with a bound.

mod common;

use common::copy_dir;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a round may take before the test fails (a debug build drawing charts on a loaded
/// machine): a bound on a wait, never a time a test waits for.
const BOUND: Duration = Duration::from_secs(120);

const SEPARATOR: &str = "────────────────────────────────────────";
const FP: &str = "annotations/articles/2009-07-27-pyongyang-wants-bilateral-talks.yaml";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stanceline"));
    c.env_remove("STANCELINE_ANNOTATIONS")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1");
    c
}

/// A running `watch`, and the lines of its stderr as they come.
struct Watch {
    child: Child,
    lines: mpsc::Receiver<String>,
    dir: PathBuf,
}

impl Watch {
    fn start(dir: &Path, args: &[&str]) -> Watch {
        let mut child = bin()
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        Watch {
            child,
            lines,
            dir: dir.to_path_buf(),
        }
    }

    /// The next round: what it printed before its status line, and the status line.
    fn round(&mut self) -> (String, String) {
        let mut text = String::new();
        loop {
            let line = self
                .lines
                .recv_timeout(BOUND)
                .expect("watch printed no status line in time");
            if line == SEPARATOR && text.is_empty() {
                continue;
            }
            if is_status(&line) {
                return (text, line);
            }
            text.push_str(&line);
            text.push('\n');
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// Save a file as editors do: a temporary file, renamed over the old one.
    fn save(&self, rel: &str, text: &str) {
        let tmp = self.path(&format!("{rel}.swp"));
        fs::write(&tmp, text).unwrap();
        fs::rename(&tmp, self.path(rel)).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    /// Fresh `check`'s stderr, and its exit status.
    fn fresh_check(&self) -> String {
        let out = bin().arg("check").current_dir(&self.dir).output().unwrap();
        String::from_utf8(out.stderr).unwrap()
    }

    /// Fresh `chart` and `report` outputs, in `fresh/`.
    fn fresh_outputs(&self) -> Vec<(String, Vec<u8>)> {
        let fresh = self.path("fresh");
        let _ = fs::remove_dir_all(&fresh);
        let chart = bin()
            .args(["chart", "--out-dir", "fresh"])
            .current_dir(&self.dir)
            .output()
            .unwrap();
        assert!(
            chart.status.success(),
            "{}",
            String::from_utf8_lossy(&chart.stderr)
        );
        let report = bin()
            .args(["report", "-o", "fresh/report.html"])
            .current_dir(&self.dir)
            .output()
            .unwrap();
        assert!(
            report.status.success(),
            "{}",
            String::from_utf8_lossy(&report.stderr)
        );
        outputs(&fresh)
    }

    fn outputs(&self) -> Vec<(String, Vec<u8>)> {
        outputs(&self.path("out"))
    }

    /// Ctrl-C: SIGINT, as a terminal sends it; the exit code, waited for with a bound.
    fn interrupt(mut self) -> i32 {
        let ok = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        let start = std::time::Instant::now();
        while start.elapsed() < BOUND {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().expect("ended by a signal, not by exiting");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("watch did not end on SIGINT");
    }
}

impl Drop for Watch {
    /// A test that failed leaves no process behind.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The line that ends a round: `ok: 3 articles, 16 positions, 0 problems, 12 ms` or
/// `2 errors in 1 file, 12 ms; the charts are stale: …`.
fn is_status(line: &str) -> bool {
    let Some((head, rest)) = line.split_once(" ms") else {
        return false;
    };
    let Some((counts, ms)) = head.rsplit_once(", ") else {
        return false;
    };
    let numbered = |s: &str, one: &str, many: &str| {
        s.split_once(' ')
            .is_some_and(|(n, w)| n.parse::<usize>().is_ok() && (w == one || w == many))
    };
    let counts_ok = match counts.strip_prefix("ok: ") {
        Some(c) => {
            let parts: Vec<&str> = c.split(", ").collect();
            parts.len() == 3
                && numbered(parts[0], "article", "articles")
                && numbered(parts[1], "position", "positions")
        }
        None => counts
            .split_once(" in ")
            .is_some_and(|(e, f)| numbered(e, "error", "errors") && numbered(f, "file", "files")),
    };
    counts_ok && ms.parse::<u128>().is_ok() && (rest.is_empty() || rest.starts_with("; "))
}

/// The files in `dir`, by name, with their bytes.
fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// What a round printed, less the lines saying which outputs it wrote (fresh `check` writes
/// none).
fn checked(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("wrote "))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn corpus() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations"),
        &dir.join("annotations"),
    );
    (tmp, dir)
}

#[test]
fn every_round_is_what_fresh_check_chart_and_report_give() {
    let (_tmp, dir) = corpus();
    let mut w = Watch::start(
        &dir,
        &["--chart", "--out-dir", "out", "--report", "out/report.html"],
    );
    let (text, status) = w.round();
    assert_eq!(checked(&text), w.fresh_check(), "the first round");
    assert_eq!(
        status.split(", ").take(3).collect::<Vec<_>>(),
        ["ok: 3 articles", "16 positions", "0 problems"]
    );
    assert_eq!(w.outputs(), w.fresh_outputs(), "the first round's outputs");
    assert!(text.contains("wrote out/stance-timeline.png"), "{text}");

    let original = w.read(FP);
    // Each step: a change, then the round it gives compared with fresh runs.
    let valid_step = |w: &mut Watch, what: &str| {
        let (text, status) = w.round();
        assert_eq!(checked(&text), w.fresh_check(), "after {what}");
        assert!(status.starts_with("ok: "), "after {what}: {status}");
        assert_eq!(w.outputs(), w.fresh_outputs(), "outputs after {what}");
    };

    // An edit of a stance (a touch first: it gives no round, so the next round is the edit's).
    let f = fs::File::options().append(true).open(w.path(FP)).unwrap();
    f.set_modified(std::time::SystemTime::now()).unwrap();
    drop(f);
    w.save(
        FP,
        &original.replacen("stance: bilateral-only", "stance: six-party-only", 1),
    );
    valid_step(&mut w, "an edit");

    // Broken: the round is check's, the outputs stay as they were, byte for byte.
    let before = w.outputs();
    w.save(
        FP,
        &original.replacen("stance: bilateral-only", "stance: bilateral-onl", 1),
    );
    let (text, status) = w.round();
    assert_eq!(checked(&text), w.fresh_check(), "a broken file");
    assert_eq!(
        status.split(", ").next().unwrap(),
        "1 error in 1 file",
        "{status}"
    );
    assert!(
        status.ends_with(" ms; the charts and the report are stale: the last good ones stay"),
        "{status}"
    );
    assert_eq!(w.outputs(), before, "a broken file keeps the outputs");

    // Fixed: the outputs are replaced.
    w.save(FP, &original);
    valid_step(&mut w, "the fix");
    assert_ne!(w.outputs(), before, "the fix replaces them");

    // Briefly empty (an editor truncating, then writing): one round each, as they come.
    fs::write(w.path(FP), "").unwrap();
    let (text, _) = w.round();
    assert_eq!(checked(&text), w.fresh_check(), "an empty file");
    fs::write(w.path(FP), &original).unwrap();
    valid_step(&mut w, "written again");

    // A new article, renamed, deleted.
    let new = "annotations/articles/2009-08-01-new.yaml";
    w.save(
        new,
        &original
            .replacen("published: 2009-07-27", "published: 2009-08-01", 1)
            .replace("held: 2009-07-27", "held: 2009-08-01")
            .replacen("stance: bilateral-only", "stance: six-party-only", 1),
    );
    valid_step(&mut w, "a new file");
    // Lines moved, nothing else changed: the conflict's warning is located anew.
    let fresh = w.fresh_check();
    assert!(
        fresh.contains("holds `six-party-only` and `bilateral-only` at once"),
        "{fresh}"
    );
    let text = w.read(new);
    w.save(
        new,
        &format!("# a comment line moves every position down\n{text}"),
    );
    valid_step(&mut w, "lines moved down");
    let renamed = "annotations/articles/2009-08-02-renamed.yaml";
    let moved = w
        .read(new)
        .replacen("published: 2009-08-01", "published: 2009-08-02", 1);
    fs::write(w.path(new), moved).unwrap();
    valid_step(&mut w, "an edit before the rename");
    fs::rename(w.path(new), w.path(renamed)).unwrap();
    valid_step(&mut w, "a rename");
    fs::remove_file(w.path(renamed)).unwrap();
    valid_step(&mut w, "a deletion");

    // An editor's backup file: skipped by check's rules, and said so.
    fs::write(w.path(&format!("{FP}~")), "backup").unwrap();
    valid_step(&mut w, "a backup file");

    // The codebook: a party renamed changes every file's answers.
    let cb = w.read("annotations/codebook.yaml");
    w.save(
        "annotations/codebook.yaml",
        &cb.replacen("name: North Korea", "name: DPRK", 1),
    );
    valid_step(&mut w, "a codebook change");

    // The annotations directory removed and restored.
    fs::rename(dir.join("annotations"), dir.join("aside")).unwrap();
    // (Fresh `check` refuses to start then: a usage error, not a round to compare with.)
    let (text, status) = w.round();
    assert!(
        text.starts_with("error: annotations directory `annotations` not found\n"),
        "{text}"
    );
    assert!(status.starts_with("1 error in 1 file, "), "{status}");
    fs::rename(dir.join("aside"), dir.join("annotations")).unwrap();
    valid_step(&mut w, "the directory restored");

    assert_eq!(w.interrupt(), 0, "Ctrl-C ends it with exit 0");
}

#[test]
fn skip_broken_draws_from_the_valid_files() {
    let (_tmp, dir) = corpus();
    let mut w = Watch::start(&dir, &["--chart", "--out-dir", "out", "--skip-broken"]);
    w.round();
    let original = w.read(FP);
    w.save(
        FP,
        &original.replacen("stance: bilateral-only", "stance: bilateral-onl", 1),
    );
    let (text, status) = w.round();
    assert!(
        text.contains(&format!(
            "warning: left out 1 article file with errors (--skip-broken):\n  {FP}:17:13: unknown stance `bilateral-onl`\n"
        )),
        "{text}"
    );
    assert!(status.starts_with("1 error in 1 file, "), "{status}");
    assert!(!status.contains("stale"), "{status}");
    // The charts are what `chart --skip-broken` draws.
    let fresh = bin()
        .args(["chart", "--out-dir", "fresh", "--skip-broken"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(fresh.status.success());
    assert_eq!(outputs(&dir.join("out")), outputs(&dir.join("fresh")));
    assert_eq!(w.interrupt(), 0);
}

#[test]
fn usage_errors_come_before_watching() {
    let (_tmp, dir) = corpus();
    let out = bin()
        .args(["watch", "--chart", "--out-dir", "annotations/charts"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: `annotations/charts` is inside the annotations directory `annotations`, which stanceline never writes into\n  = help: pass an --out-dir outside it, such as `charts`\n"
    );
}

#[test]
fn a_closed_pipe_ends_the_watch_with_exit_0() {
    let (_tmp, dir) = corpus();
    let mut child = bin()
        .arg("watch")
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader sees the first round through, then goes away (`watch 2>&1 | head`).
    let stderr = child.stderr.take().unwrap();
    let (tx, ready) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            if is_status(&line.unwrap()) {
                break;
            }
        }
        let _ = tx.send(());
    });
    ready.recv_timeout(BOUND).expect("no first round in time");
    reader.join().unwrap();
    // The next round writes into the closed pipe.
    let path = dir.join(FP);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("stance: bilateral-only", "stance: six-party-only", 1),
    )
    .unwrap();
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > BOUND {
            let _ = child.kill();
            panic!("watch went on after its reader went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}
