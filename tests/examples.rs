//! The examples' command lines: a missing argument is a usage message, not a panic.

use std::process::Command;

/// `cargo run --example parse-floor` without its argument prints how to call it and exits 2.
/// (Run through cargo, so that the example is built from the current source.)
#[test]
fn parse_floor_without_arguments_prints_its_usage() {
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "parse-floor"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "usage: cargo run --release --example parse-floor -- ANNOTATIONS_DIR\n"
    );
    assert_eq!(out.status.code(), Some(2));
}
