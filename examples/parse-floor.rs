//! The floor that `check` is measured against (see BENCHMARKS.md): read every article file of
//! an annotations directory and parse it into the raw annotation structs, on one thread, with
//! the same allocator as the binary, and nothing else (no validation, no model, no output).
//!
//! `cargo run --release --example parse-floor -- DIR`

use stanceline::annotation::{node, raw};
use std::hint::black_box;
use std::path::{Path, PathBuf};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn find(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("readable directory")
        .flatten()
    {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            find(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

fn main() {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: cargo run --release --example parse-floor -- ANNOTATIONS_DIR");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    if !dir.join("articles").is_dir() {
        eprintln!(
            "parse-floor: `{}` has no articles/ directory",
            dir.display()
        );
        std::process::exit(2);
    }
    let mut paths = Vec::new();
    find(&dir.join("articles"), &mut paths);
    paths.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    let mut positions = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable file");
        let Ok(root) = node::parse(&text) else {
            continue;
        };
        let mut reader = raw::Reader::new("floor");
        let file = raw::read_article_file(&mut reader, &root);
        positions += file.positions.len();
        black_box(&file);
    }
    println!("{} files, {positions} positions", paths.len());
}
