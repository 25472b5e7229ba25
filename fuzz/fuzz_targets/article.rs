//! An article file's bytes through loading, validation, conflict finding, timelines and both
//! diagnostic forms, against the shipped codebook: nothing panics, and every diagnostic is
//! located inside the file.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use stanceline::annotation::load;
use stanceline::diagnostic::{self, Severity};
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
    common::check_diagnostics(&loaded, data);
});
