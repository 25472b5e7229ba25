//! The YAML tree alone: any text either parses into located nodes or gives a located error,
//! and every place it names is inside the text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use stanceline::annotation::node::{self, Node, NodeKind};

fn check_spans(node: &Node, text: &str) {
    let s = node.span;
    assert!(
        s.start <= s.end && s.end <= text.len(),
        "{s:?} outside {} bytes",
        text.len()
    );
    assert!(s.line >= 1 && s.col >= 1);
    match &node.kind {
        NodeKind::Seq(items) => items.iter().for_each(|n| check_spans(n, text)),
        NodeKind::Map(pairs) => pairs.iter().for_each(|(k, v)| {
            check_spans(k, text);
            check_spans(v, text);
        }),
        NodeKind::Null | NodeKind::Scalar(_) => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match node::parse(text) {
        Ok(root) => check_spans(&root, text),
        Err(e) => {
            let lines = common::line_count(text.as_bytes());
            assert!(e.span.line >= 1 && e.span.line <= lines, "{e:?}");
        }
    }
});
