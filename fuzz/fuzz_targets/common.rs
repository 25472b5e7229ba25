//! What the targets check of every load: each diagnostic inside the file, and both forms
//! rendered without a panic.

use stanceline::annotation::load::Loaded;
use stanceline::diagnostic::Renderer;

/// Lines as YAML and the loader count them: `\r\n`, a lone `\r` and `\n` each end one.
pub fn line_count(data: &[u8]) -> usize {
    let ends = data
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && data.get(i + 1) != Some(&b'\n')))
        .count();
    ends + 1
}

/// Every diagnostic of `loaded` is on a line of `data` and renders in both forms.
#[allow(dead_code)] // the yaml target has no load to check
pub fn check_diagnostics(loaded: &Loaded, data: &[u8]) {
    let lines = line_count(data);
    for d in &loaded.diagnostics {
        assert!(
            d.span.line >= 1
                && d.span.line <= lines
                && d.span.col >= 1
                && d.span.end <= data.len().max(1),
            "{d:?} outside {lines} lines"
        );
        let _ = d.short();
    }
    let renderer = Renderer::new(&loaded.sources, &loaded.diagnostics);
    for d in &loaded.diagnostics {
        let _ = renderer.render(d);
    }
}
