//! A codebook's bytes through loading and validation, then a small article against it:
//! nothing panics, and every diagnostic is located inside its file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stanceline::annotation::load;
use stanceline::diagnostic::Renderer;

const ARTICLE: &[u8] = b"article:\n  title: T\n  outlet: O\n  published: 2009-07-27\npositions:\n  - party: north-korea\n    stance: bilateral-only\n    basis: statement\n    quote: q\n";

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
    let (codebook, loaded) = load::codebook_from_bytes("codebook.yaml", data.to_vec());
    let lines = line_count(data);
    for d in &loaded.diagnostics {
        assert!(
            d.span.line >= 1 && d.span.line <= lines,
            "{d:?} outside {lines} lines"
        );
        let _ = d.short();
    }
    let renderer = Renderer::new(&loaded.sources, &loaded.diagnostics);
    for d in &loaded.diagnostics {
        let _ = renderer.render(d);
    }
    if let Some(cb) = codebook {
        let article = load::article_from_bytes("article.yaml", ARTICLE.to_vec(), &cb);
        let _ = stanceline::model::timeline::timelines(&article.dataset);
        let _ = stanceline::diagnostic::conflict_warnings(&article.dataset);
    }
});
