//! A codebook's bytes through loading and validation, then a small article against it:
//! nothing panics, and every diagnostic is located inside its file.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use stanceline::annotation::load;

const ARTICLE: &[u8] = b"article:\n  title: T\n  outlet: O\n  published: 2009-07-27\npositions:\n  - party: north-korea\n    stance: bilateral-only\n    basis: statement\n    quote: q\n";

fuzz_target!(|data: &[u8]| {
    let (codebook, loaded) = load::codebook_from_bytes("codebook.yaml", data.to_vec());
    common::check_diagnostics(&loaded, data);
    if let Some(cb) = codebook {
        let article = load::article_from_bytes("article.yaml", ARTICLE.to_vec(), &cb);
        let _ = stanceline::model::timeline::timelines(&article.dataset);
        let _ = stanceline::diagnostic::conflict_warnings(&article.dataset);
    }
});
