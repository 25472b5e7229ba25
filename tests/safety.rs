//! Nothing lost, nothing panics: no writer writes into the annotations, however the path
//! reaches them; closed and full stdout and stderr end a command with its own exit code,
//! never a panic; every failure has a human message; temporary files do not accumulate.

mod common;
use common::Test;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// An article on the small fixture's codebook.
const ARTICLE: &str = "\
article:
  title: T
  outlet: O
  published: 2009-10-01
positions:
  - party: north-korea
    stance: bilateral
    held: 2008-03-01
    basis: statement
    quote: q
  - party: united-states
    stance: multilateral
    held: 2008-01/2008-06
    basis: report
    quote: q
";

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stanceline"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("STANCELINE_ANNOTATIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> common::Output {
    let out = command(dir, args).output().unwrap();
    common::Output {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Every entry under `dir` (not following symlinks): directories, files with their bytes,
/// symlinks with their targets.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let path = e.path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            let kind = e.file_type().unwrap();
            if kind.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(rel, format!("-> {}", target.display()).into_bytes());
            } else if kind.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[cfg(unix)]
#[test]
fn no_writer_writes_into_the_annotations() {
    let t = Test::new()
        .article("2009-10-01-x.yaml", ARTICLE)
        .file("out/keep", "x");
    let dir = t.path();
    std::os::unix::fs::symlink("annotations/articles", dir.join("link")).unwrap();
    std::os::unix::fs::symlink("annotations", dir.join("notes")).unwrap();
    std::os::unix::fs::symlink("annotations/codebook.yaml", dir.join("cb.svg")).unwrap();
    let absolute = dir
        .canonicalize()
        .unwrap()
        .join("annotations/articles/abs.svg");
    let absolute = absolute.to_str().unwrap();
    let before = tree(&dir.join("annotations"));
    let help_svg =
        "  = help: write the chart outside it, such as `-o charts/stance-timeline.svg`\n";
    let help_png =
        "  = help: write the chart outside it, such as `-o charts/stance-timeline.png`\n";
    let help_dir = "  = help: pass an --out-dir outside it, such as `charts`\n";
    let attempts: &[(&[&str], &str, &str)] = &[
        // Replacing the codebook or an article, adding a file, making a directory.
        (
            &["-o", "annotations/codebook.yaml", "--format", "svg"],
            "annotations/codebook.yaml",
            help_svg,
        ),
        (
            &[
                "-o",
                "annotations/articles/2009-10-01-x.yaml",
                "--format",
                "png",
            ],
            "annotations/articles/2009-10-01-x.yaml",
            help_png,
        ),
        (
            &["-o", "annotations/articles/chart.yaml", "--format", "svg"],
            "annotations/articles/chart.yaml",
            help_svg,
        ),
        (
            &["-o", "annotations/articles/new.yaml/x.png"],
            "annotations/articles/new.yaml/x.png",
            help_png,
        ),
        (&["-o", "annotations/x.svg"], "annotations/x.svg", help_svg),
        (&["-o", absolute], absolute, help_svg),
        // Through symlinks.
        (&["-o", "link/x.png"], "link/x.png", help_png),
        (
            &["-o", "notes/articles/y.svg"],
            "notes/articles/y.svg",
            help_svg,
        ),
        (&["-o", "cb.svg"], "cb.svg", help_svg),
        // Through `..`, past directories that exist and ones that do not.
        (
            &["-o", "out/../annotations/codebook.yaml", "--format", "svg"],
            "out/../annotations/codebook.yaml",
            help_svg,
        ),
        (
            &["-o", "missing/../annotations/articles/z.png"],
            "missing/../annotations/articles/z.png",
            help_png,
        ),
        (
            &["-o", "annotations/articles/new/../../x.svg"],
            "annotations/articles/new/../../x.svg",
            help_svg,
        ),
        // The default set.
        (
            &["--out-dir", "annotations/articles"],
            "annotations/articles",
            help_dir,
        ),
        (&["--out-dir", "annotations"], "annotations", help_dir),
        (
            &["--out-dir", "annotations/charts"],
            "annotations/charts",
            help_dir,
        ),
        (&["--out-dir", "link"], "link", help_dir),
        (
            &["--out-dir", "out/../notes/new"],
            "out/../notes/new",
            help_dir,
        ),
        (&["--out-dir", "missing/.."], "missing/..", help_dir),
    ];
    for (args, target, help) in attempts {
        // `--out-dir missing/..` is the working directory, which holds the annotations only
        // when they are given as `.`.
        let annotations = if *target == "missing/.." {
            "."
        } else {
            "annotations"
        };
        let mut all = vec!["chart", "--annotations", annotations];
        all.extend_from_slice(args);
        let out = run(dir, &all);
        assert_eq!(
            out.stderr,
            format!(
                "error: `{target}` is inside the annotations directory `{annotations}`, which \
                 stanceline never writes into\n{help}"
            ),
            "{all:?}"
        );
        assert_eq!(out.status, 2, "{all:?}");
        assert!(
            before == tree(&dir.join("annotations")),
            "{all:?} changed the annotations"
        );
    }
    // Nothing was made beside them either, and a path outside is written.
    assert_eq!(
        tree(dir)
            .keys()
            .filter(|k| !k.starts_with("annotations"))
            .collect::<Vec<_>>(),
        ["cb.svg", "link", "notes", "out/", "out/keep"]
    );
    let out = run(dir, &["chart", "-o", "out/../chart.svg"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(dir.join("chart.svg").is_file());
}

/// Annotations with many diagnostics: more than a pipe holds.
fn broken(t: Test, articles: usize) -> Test {
    (0..articles).fold(t, |t, i| {
        t.article(
            &format!("2009-10-01-broken-{i}.yaml"),
            "article:\n  title: T\n  outlet: O\n  published: 2009-10-01\npositions:\n  - party: \
             nobody\n    stance: nothing\n    basis: statement\n  - party: someone\n    stance: \
             bilateral\n    basis: guess\n",
        )
    })
}

fn dev_full() -> Stdio {
    Stdio::from(
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap(),
    )
}

fn status(child: &mut Child) -> i32 {
    child.wait().unwrap().code().unwrap_or(-1)
}

#[test]
fn a_closed_stderr_ends_the_messages_with_the_commands_exit_code() {
    let t = broken(Test::new(), 400);
    // `check 2>&1 | head -1`
    let mut child = command(t.path(), &["check"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(
        first.starts_with("warning[missing-quote]: position 1 has no quote"),
        "{first}"
    );
    assert_eq!(status(&mut child), 1, "check with errors exits 1");
    for format in ["human", "short"] {
        let mut child = command(t.path(), &["check", "--message-format", format])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        assert_eq!(status(&mut child), 1, "{format}");
    }
    // A clean run whose summary finds stderr closed is still a success.
    let t = Test::new().article("2009-10-01-x.yaml", ARTICLE);
    let mut child = command(t.path(), &["check"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(status(&mut child), 0);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_is_exit_1_at_most() {
    let t = broken(Test::new(), 50).file("clean/codebook.yaml", common::FIXTURE_CODEBOOK);
    std::fs::create_dir_all(t.path().join("clean/articles")).unwrap();
    let full = |args: &[&str]| {
        let out = command(t.path(), args).stderr(dev_full()).output().unwrap();
        out.status.code().unwrap_or(-1)
    };
    assert_eq!(full(&["check"]), 1);
    // Nothing was reported: a success cannot be told, so exit 1.
    assert_eq!(full(&["check", "--annotations", "clean"]), 1);
    assert_eq!(full(&["chart", "--annotations", "clean", "-o", "x.png"]), 1);
    assert!(
        t.path().join("x.png").is_file(),
        "the chart is still written"
    );
    // A usage error keeps its code.
    assert_eq!(full(&["chart", "--annotations", "clean", "-o", "x.jpg"]), 2);
}

#[cfg(target_os = "linux")]
#[test]
fn closed_and_full_stdout_and_stderr_never_panic() {
    let t = Test::new().article("2009-10-01-x.yaml", ARTICLE);
    let t = (0..300).fold(t, |t, i| {
        t.article(&format!("2009-10-02-more-{i}.yaml"), ARTICLE)
    });
    let commands: &[&[&str]] = &[
        &["check"],
        &["check", "--message-format", "short"],
        &["events"],
        &["events", "--format", "json"],
        &["events", "--format", "csv"],
        &["query", "north-korea"],
        &["query", "--at", "2008-04", "--format", "json"],
        &["query", "north-korea", "--at", "2008-04", "--format", "csv"],
        &["changes"],
        &["changes", "--format", "json"],
        &["chart", "-o", "-", "--format", "svg"],
        &["chart", "-o", "-", "--format", "png"],
        &["chart", "-o", "c.svg"],
        &["chart", "--out-dir", "charts"],
        &["query"],
        &["events", "--party", "nobody"],
    ];
    for args in commands {
        let normal = run(t.path(), args).status;
        for (stream, how) in [
            ("stdout", "closed"),
            ("stdout", "full"),
            ("stderr", "closed"),
            ("stderr", "full"),
        ] {
            let mut cmd = command(t.path(), args);
            let io = if how == "full" {
                dev_full()
            } else {
                Stdio::piped()
            };
            if stream == "stdout" {
                cmd.stdout(io).stderr(Stdio::piped());
            } else {
                cmd.stderr(io).stdout(Stdio::null());
            }
            let mut child = cmd.spawn().unwrap();
            if how == "closed" {
                if stream == "stdout" {
                    drop(child.stdout.take());
                } else {
                    drop(child.stderr.take());
                }
            }
            let mut stderr = String::new();
            if let Some(e) = child.stderr.as_mut() {
                std::io::Read::read_to_string(e, &mut stderr).unwrap();
            }
            let code = status(&mut child);
            assert!(
                !stderr.contains("panicked"),
                "{args:?} with {stream} {how}: {stderr}"
            );
            let expected = match (stream, how) {
                // The reader has what it wanted; stderr is only messages.
                (_, "closed") => normal,
                // The output is lost: a success becomes a failure; a failure stays what it is.
                ("stdout", _) if normal == 0 && writes_stdout(args) => 1,
                // The summary or the `wrote` lines are lost: likewise.
                ("stderr", _) if normal == 0 && !writes_stdout(args) => 1,
                _ => normal,
            };
            assert_eq!(code, expected, "{args:?} with {stream} {how}: {stderr}");
        }
    }
}

/// Whether a successful run of the command writes to stdout.
fn writes_stdout(args: &[&str]) -> bool {
    match args[0] {
        "check" => false,
        "chart" => args[2] == "-",
        _ => true,
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_is_a_plain_error() {
    let t = Test::new().article("2009-10-01-x.yaml", ARTICLE);
    for args in [&["events"][..], &["query", "north-korea"], &["changes"]] {
        let out = command(t.path(), args).stdout(dev_full()).output().unwrap();
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "error: cannot write the output: no space left on device\n",
            "{args:?}"
        );
        assert_eq!(out.status.code(), Some(1), "{args:?}");
    }
    let out = command(t.path(), &["chart", "-o", "-", "--format", "png"])
        .stdout(dev_full())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: cannot write the chart to stdout: no space left on device\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_png_to_stdout_needs_no_temporary_directory() {
    let t = Test::new().article("2009-10-01-x.yaml", ARTICLE);
    let out = command(t.path(), &["chart", "-o", "-", "--format", "png"])
        .env("TMPDIR", t.path().join("missing"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"\x89PNG\r\n\x1a\n"));
    // Byte for byte what a file gets.
    let out2 = run(t.path(), &["chart", "-o", "c.png"]);
    assert_eq!(out2.status, 0, "{}", out2.stderr);
    assert_eq!(std::fs::read(t.path().join("c.png")).unwrap(), out.stdout);
}

/// `script` (util-linux) runs the command with a terminal as stdout.
#[cfg(target_os = "linux")]
#[test]
fn a_png_is_not_written_to_a_terminal() {
    let t = Test::new().article("2009-10-01-x.yaml", ARTICLE);
    let bin = env!("CARGO_BIN_EXE_stanceline");
    let in_terminal = |args: &str| {
        Command::new("script")
            .args(["-qec", &format!("{bin} {args}"), "/dev/null"])
            .current_dir(t.path())
            .env_remove("STANCELINE_ANNOTATIONS")
            // Messages on a terminal are in color (tests/conventions.rs); here, the words.
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
    };
    // `script` is in Debian's essential bsdutils: missing, it fails the test, not skips it.
    let out = in_terminal("chart -o - --format png").expect("`script` (util-linux) runs");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n"),
        "error: refusing to write a PNG image to the terminal\n  = help: redirect stdout to \
         a file (`> chart.png`), or write one with -o chart.png\n"
    );
    assert_eq!(out.status.code(), Some(2));
    // SVG is text: a terminal shows it.
    let out = in_terminal("chart -o - --format svg").unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("<svg "));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn human_messages_for_what_went_wrong() {
    let t = Test::new()
        .article("2009-10-01-x.yaml", ARTICLE)
        .file("dir/keep", "x");
    let dir = t.path();
    // A directory given to -o, existing or written as one.
    for target in ["dir", "new/"] {
        let out = run(dir, &["chart", "-o", target]);
        assert_eq!(
            out.stderr,
            format!(
                "error: `{target}` is a directory; -o takes a file\n  = help: name a file such \
                 as `{}`, or pass --out-dir {target} for the default set\n",
                Path::new(target).join("stance-timeline.png").display()
            )
        );
        assert_eq!(out.status, 2);
    }
    assert!(!dir.join("new").exists());
    // An extension that disagrees with --format.
    let out = run(dir, &["chart", "-o", "y.svg", "--format", "png"]);
    assert_eq!(
        out.stderr,
        "warning: `y.svg` is named as an SVG, but --format png writes a PNG\n  = help: name \
         the file `y.png`, or leave out --format\nwrote y.svg (1200×344 PNG)\n"
    );
    assert_eq!(out.status, 0);
    assert!(
        std::fs::read(dir.join("y.svg"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    // A range that holds no position: the stances carried into it are drawn, and said to be.
    let out = run(dir, &["chart", "-o", "late.svg", "--from", "2020"]);
    assert_eq!(
        out.stderr,
        "warning: no recorded position falls in the chart's range, 2020-01-01 to 2020-01-31: \
         its bars are stances carried forward from earlier positions\n  = help: widen --from \
         and --to to see the positions behind them\nwrote late.svg (SVG, 6 KB)\n"
    );
    assert_eq!(out.status, 0);
    let out = run(
        dir,
        &[
            "chart", "--to", "2001", "--kind", "scores", "--format", "svg",
        ],
    );
    assert!(
        out.stderr.starts_with(
            "warning: no recorded position falls in the chart's range, 2001-12-01 to \
             2001-12-31: the chart is empty\n"
        ),
        "{}",
        out.stderr
    );
    // A range that holds one says nothing.
    let out = run(dir, &["chart", "-o", "in.svg", "--from", "2008-05"]);
    assert_eq!(out.stderr, "wrote in.svg (SVG, 10 KB)\n");
    // --from after --to, in every command that takes both.
    for command in ["events", "chart"] {
        let out = run(dir, &[command, "--from", "2009-12", "--to", "2009-01"]);
        assert_eq!(out.stderr, "error: --from 2009-12 is after --to 2009-01\n");
        assert_eq!(out.status, 2);
        // One month is a range.
        let out = run(dir, &[command, "--from", "2009-01", "--to", "2009-01"]);
        assert_ne!(out.status, 2, "{}", out.stderr);
    }
    // A sources directory that is not there, or not a directory.
    let out = run(dir, &["check", "--sources", "nowhere"]);
    assert_eq!(
        out.stderr,
        "error: the sources directory `nowhere` does not exist\n  = help: pass the directory \
         that holds the articles' `source:` texts\n"
    );
    assert_eq!(out.status, 2);
    let out = run(dir, &["check", "--sources", "dir/keep"]);
    assert_eq!(
        out.stderr,
        "error: the sources directory `dir/keep` is a file, not a directory\n  = help: pass \
         the directory that holds the articles' `source:` texts\n"
    );
    assert_eq!(out.status, 2);
}

#[cfg(target_os = "linux")]
#[test]
fn stale_temporary_files_are_removed_and_live_ones_kept() {
    let t = Test::new().article("2009-10-01-x.yaml", ARTICLE);
    let out = t.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // Left by a process that has ended (no PID is this large), by this test process (which
    // runs), and files of other naming.
    let stale = ".chart.png.stanceline-999999999-a1B2c3.tmp";
    let stale_other = ".other.svg.stanceline-999999998-zzzzzz.tmp";
    let live = format!(".chart.png.stanceline-{}-a1B2c3.tmp", std::process::id());
    let others = [
        ".chart.png.4242-0.tmp.png",
        "notes.tmp",
        ".x.stanceline-1.tmp",
    ];
    for name in [stale, stale_other, live.as_str()].iter().chain(&others) {
        std::fs::write(out.join(name), "left over").unwrap();
    }
    let run_out = run(t.path(), &["chart", "-o", "out/chart.png"]);
    assert_eq!(run_out.status, 0, "{}", run_out.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut expected: Vec<String> = others.iter().map(|s| s.to_string()).collect();
    expected.extend([live, "chart.png".to_string()]);
    expected.sort();
    assert_eq!(names, expected);
}

/// A pipe or a device given to `-o` is written in place, never replaced by a regular file
/// (renaming a finished file over it would): a reader of the pipe gets the chart, and a full
/// device is a plain error that leaves the device as it was.
#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let t = Test::new().article("2009-10-01-x.yaml", ARTICLE);
    let fifo = t.path().join("view.svg");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Read on a thread of its own; a reader never reached (the pipe replaced) fails the test
    // after a while instead of hanging it.
    let (sent, read) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || sent.send(std::fs::read(fifo).unwrap()));
    }
    let out = run(t.path(), &["chart", "-o", "view.svg"]);
    assert_eq!(
        (out.status, out.stderr.as_str()),
        (0, "wrote view.svg (SVG, 12 KB)\n")
    );
    let read = read
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the pipe's reader got the chart");
    let read = String::from_utf8(read).unwrap();
    assert!(read.starts_with("<svg "), "{read:.40}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());

    let out = run(t.path(), &["chart", "-o", "/dev/full", "--format", "svg"]);
    assert_eq!(
        (out.status, out.stderr.as_str()),
        (
            1,
            "error: cannot write `/dev/full`: no space left on device\n"
        )
    );
    assert!(
        std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

/// `-o` naming the annotations directory itself is refused as inside it, not told to write a
/// file in it.
#[test]
fn the_annotations_directory_as_a_target_is_refused() {
    let t = Test::new().article("2009-10-01-x.yaml", ARTICLE);
    for target in ["annotations", "annotations/articles/"] {
        let out = run(t.path(), &["chart", "-o", target]);
        assert_eq!(
            (out.status, out.stderr),
            (
                2,
                format!(
                    "error: `{target}` is inside the annotations directory `annotations`, which \
                     stanceline never writes into\n  = help: write the chart outside it, such as \
                     `-o charts/stance-timeline.png`\n"
                )
            )
        );
    }
}
