//! An article file's bytes through loading, validation, conflict finding, timelines and both
//! diagnostic forms, against the shipped codebook: nothing panics, and every diagnostic is
//! located inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stanceline::annotation::load;
use stanceline::diagnostic::{self, Renderer, Severity};
use stanceline::model::codebook::Codebook;
use stanceline::model::timeline::timelines;
use std::sync::OnceLock;

const CODEBOOK: &[u8] = include_bytes!("../../annotations/codebook.yaml");

fn codebook() -> &'static Codebook {
    static CB: OnceLock<Codebook> = OnceLock::new();
    CB.get_or_init(|| {
        load::codebook_from_bytes("codebook.yaml", CODEBOOK.to_vec())
            .0
            .expect("the shipped codebook loads")
    })
}

/// Lines as YAML and the loader count them: `\r\n`, a lone `\r` and `\n` each end one.
fn line_count(data: &[u8]) -> usize {
    let mut n = 1;
    let mut i = 0;
    while i < data.len() {
        if data[i] == b'\n' || (data[i] == b'\r' && data.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
        i += 1;
    }
    n
}

fuzz_target!(|data: &[u8]| {
    let mut loaded = load::article_from_bytes("article.yaml", data.to_vec(), codebook());
    let _ = timelines(&loaded.dataset);
    let conflicts = diagnostic::conflict_warnings(&loaded.dataset);
    loaded.diagnostics.extend(conflicts);
    if loaded.dataset.articles.is_empty() {
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
            "no article and no error"
        );
    }
    let lines = line_count(data);
    for d in &loaded.diagnostics {
        assert!(
            d.span.line >= 1 && d.span.line <= lines,
            "{d:?} outside {lines} lines"
        );
        assert!(d.span.col >= 1 && d.span.end <= data.len().max(1), "{d:?}");
        let _ = d.short();
    }
    let renderer = Renderer::new(&loaded.sources, &loaded.diagnostics);
    for d in &loaded.diagnostics {
        let _ = renderer.render(d);
    }
});
