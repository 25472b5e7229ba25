//! Criterion benchmarks of each stage on a mid-size generated corpus (2,000 articles, 10,000
//! positions): the one-thread YAML floor, loading, the model, and each chart kind.
//!
//! `cargo bench --bench stages`

use criterion::{Criterion, criterion_group, criterion_main};
use stanceline::annotation::load::{LoadOptions, load};
use stanceline::annotation::{node, raw};
use stanceline::chart::{Chart, ImageFormat, Kind, Options};
use stanceline::diagnostic::conflict_warnings;
use stanceline::model::timeline::timelines;
use std::hint::black_box;

#[allow(dead_code)]
#[path = "../examples/gen-corpus.rs"]
mod gen_corpus;

fn stages(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    gen_corpus::run(&gen_corpus::Args {
        articles: 2_000,
        out: dir.path().to_path_buf(),
        seed: 1,
        positions: 5,
        broken: 0,
        codebook: None,
    })
    .unwrap();
    let options = LoadOptions::new(dir.path());

    // The floor: reading and parsing every file into raw annotations, on one thread.
    let mut paths: Vec<_> = std::fs::read_dir(dir.path().join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    c.bench_function("floor: read + parse to raw, one thread", |b| {
        b.iter(|| {
            for p in &paths {
                let text = std::fs::read_to_string(p).unwrap();
                let root = node::parse(&text).unwrap();
                let mut r = raw::Reader::new("x");
                black_box(raw::read_article_file(&mut r, &root));
            }
        })
    });

    c.bench_function("load (read, parse, validate; parallel)", |b| {
        b.iter(|| black_box(load(&options)))
    });

    let ds = load(&options).dataset;
    c.bench_function("model (order, timelines with their conflicts)", |b| {
        b.iter(|| black_box(timelines(&ds)))
    });
    c.bench_function("check's conflict warnings (model included)", |b| {
        b.iter(|| black_box(conflict_warnings(&ds)))
    });

    let tls = timelines(&ds);
    for (name, kind, format) in [
        ("chart lanes png", Kind::Lanes, ImageFormat::Png),
        ("chart lanes svg", Kind::Lanes, ImageFormat::Svg),
        ("chart scores png", Kind::Scores, ImageFormat::Png),
        ("chart scores svg", Kind::Scores, ImageFormat::Svg),
    ] {
        let opts = Options {
            kind,
            ..Options::default()
        };
        c.bench_function(name, |b| {
            b.iter(|| {
                let chart = Chart::new(&ds, &tls, &opts).unwrap();
                black_box(chart.render(format).unwrap())
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = stages
}
criterion_main!(benches);
