//! Property tests of loading from bytes: arbitrary bytes, and valid files (the shipped
//! annotations and the test fixtures) broken in the ways a hand-edited YAML file breaks, go
//! through the in-memory entry point, conflict finding, timelines and both diagnostic forms.
//! None may panic; a file that gives no article has an error; every place named is in the file
//! and is the place the full form shows.

mod common;
use proptest::prelude::*;
use stanceline::annotation::load::{self, Loaded};
use stanceline::diagnostic::{self, Diagnostic, Renderer, Severity, Span};
use stanceline::model::codebook::Codebook;
use stanceline::model::timeline::timelines;
use std::sync::OnceLock;

/// A file to break, with the codebook its parties and stances come from.
struct Seed {
    name: String,
    bytes: Vec<u8>,
    codebook: usize,
}

struct Seeds {
    codebooks: Vec<(String, Vec<u8>, Codebook)>,
    articles: Vec<Seed>,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = common::root();
        let mut codebooks = Vec::new();
        let mut articles = Vec::new();
        for dir in ["annotations", "tests/fixtures/model"] {
            let name = format!("{dir}/codebook.yaml");
            let bytes = std::fs::read(root.join(&name)).unwrap();
            let (cb, _) = load::codebook_from_bytes(&name, bytes.clone());
            codebooks.push((name, bytes, cb.unwrap()));
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir).join("articles"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            paths.sort();
            for path in paths {
                let file = path.file_name().unwrap().to_str().unwrap();
                articles.push(Seed {
                    name: format!("{dir}/articles/{file}"),
                    bytes: std::fs::read(&path).unwrap(),
                    codebook: codebooks.len() - 1,
                });
            }
        }
        assert!(
            articles.len() >= 8,
            "the seeds are the shipped and fixture articles"
        );
        Seeds {
            codebooks,
            articles,
        }
    })
}

/// One way to break a file. The numbers pick lines, places and variants (taken modulo what
/// there is).
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    Indent(usize, i8),
    Tab(usize, usize),
    Cr(usize, bool),
    Nul(usize),
    AnchorAlias(usize, usize),
    Tag(usize, usize),
    MergeKey(usize, bool),
    Flow(usize, usize),
    Documents(usize, usize),
    LongScalar(usize, usize),
    Unicode(usize, usize),
    Comment(usize),
    Truncate(usize),
    Byte(usize, u8),
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    use Mutation::*;
    let n = || any::<usize>();
    prop_oneof![
        n().prop_map(DeleteLine),
        n().prop_map(DuplicateLine),
        (n(), -6i8..=6).prop_map(|(l, d)| Indent(l, d)),
        (n(), n()).prop_map(|(l, c)| Tab(l, c)),
        (n(), any::<bool>()).prop_map(|(l, lone)| Cr(l, lone)),
        n().prop_map(Nul),
        (n(), n()).prop_map(|(a, b)| AnchorAlias(a, b)),
        (n(), n()).prop_map(|(l, t)| Tag(l, t)),
        (n(), any::<bool>()).prop_map(|(l, alias)| MergeKey(l, alias)),
        (n(), n()).prop_map(|(l, f)| Flow(l, f)),
        (n(), n()).prop_map(|(l, d)| Documents(l, d)),
        (n(), n()).prop_map(|(l, len)| LongScalar(l, len)),
        (n(), n()).prop_map(|(at, u)| Unicode(at, u)),
        n().prop_map(Comment),
        n().prop_map(Truncate),
        (n(), any::<u8>()).prop_map(|(at, b)| Byte(at, b)),
        (n(), n()).prop_map(|(a, b)| SwapLines(a, b)),
    ]
}

const TAGS: &[&str] = &[
    "!custom ",
    "!!binary ",
    "!!str ",
    "! ",
    "!<tag:x> ",
    "!!map ",
];
const FLOWS: &[&str] = &[
    "[a, b]",
    "{party: DPRK, stance: bilateral}",
    "[{a: [b, {c: d}]}]",
    "{",
    "[",
    "{a: 1, a: 2}",
    "[]",
    "{}",
];
const DOCUMENTS: &[&str] = &["---", "...", "--- x", "%YAML 1.2\n---", "---\n---"];
const UNICODE: &[&str] = &[
    "\u{feff}",
    "\u{200b}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "é",
    "e\u{301}",
    "\u{202e}",
    "😀",
    "\u{fffd}",
    "ß",
    "\u{7f}",
    "\u{1b}[31m",
    "\u{a0}",
];

/// The byte offset of the value on a line (after its first `: ` or `- `), or its end.
fn value_at(line: &[u8]) -> usize {
    line.windows(2)
        .position(|w| w == b": " || w == b"- ")
        .map_or(line.len(), |i| i + 2)
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    use Mutation::*;
    let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let count = lines.len();
    let line = |i: usize| i % count;
    match *m {
        DeleteLine(i) => {
            lines.remove(line(i));
        }
        DuplicateLine(i) => {
            let l = lines[line(i)].clone();
            lines.insert(line(i), l);
        }
        Indent(i, d) => {
            let l = &mut lines[line(i)];
            if d >= 0 {
                l.splice(0..0, std::iter::repeat_n(b' ', d as usize));
            } else {
                let spaces = l.iter().take_while(|&&b| b == b' ').count();
                l.drain(..spaces.min(d.unsigned_abs() as usize));
            }
        }
        Tab(i, c) => {
            let l = &mut lines[line(i)];
            let at = c % (l.len() + 1);
            l.insert(at, b'\t');
        }
        Cr(i, lone) => {
            let l = &mut lines[line(i)];
            l.push(b'\r');
            if lone && line(i) + 1 < count {
                // The line end itself becomes a lone CR: join with the next line.
                let next = lines.remove(line(i) + 1);
                lines[line(i)].extend(next);
            }
        }
        Nul(at) => {
            let at = at % (bytes.len() + 1);
            bytes.insert(at, 0);
            return;
        }
        AnchorAlias(a, b) => {
            let (a, b) = (line(a), line(b));
            let at = value_at(&lines[a]);
            lines[a].splice(at..at, b"&x ".iter().copied());
            let at = value_at(&lines[b]);
            let end = lines[b].len();
            lines[b].splice(at..end, b"*x".iter().copied());
        }
        Tag(i, t) => {
            let l = &mut lines[line(i)];
            let at = value_at(l);
            l.splice(at..at, TAGS[t % TAGS.len()].bytes());
        }
        MergeKey(i, alias) => {
            let l = &lines[line(i)];
            let indent = l.iter().take_while(|&&b| b == b' ' || b == b'-').count();
            let mut merge = vec![b' '; indent];
            merge.extend_from_slice(if alias {
                b"<<: *x"
            } else {
                b"<<: {quote: merged}"
            });
            lines.insert(line(i), merge);
        }
        Flow(i, f) => {
            let l = &mut lines[line(i)];
            let at = value_at(l);
            let end = l.len();
            l.splice(at..end, FLOWS[f % FLOWS.len()].bytes());
        }
        Documents(i, d) => {
            lines.insert(line(i), DOCUMENTS[d % DOCUMENTS.len()].as_bytes().to_vec());
        }
        LongScalar(i, len) => {
            let l = &mut lines[line(i)];
            let at = value_at(l);
            let end = l.len();
            let word = b"long words ".repeat(1 + len % 2000);
            l.splice(at..end, word);
        }
        Unicode(at, u) => {
            let at = at % (bytes.len() + 1);
            let s = UNICODE[u % UNICODE.len()];
            bytes.splice(at..at, s.bytes());
            return;
        }
        Comment(i) => {
            lines[line(i)].extend_from_slice(b" #1 and more");
        }
        Truncate(at) => {
            bytes.truncate(at % (bytes.len() + 1));
            return;
        }
        Byte(at, b) => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = b;
            }
            return;
        }
        SwapLines(a, b) => lines.swap(line(a), line(b)),
    }
    *bytes = lines.join(&b'\n');
}

/// The text that loading read from `bytes`, if they decode.
fn decoded(bytes: &[u8]) -> Option<String> {
    load::decode("x", bytes.to_vec(), &mut Vec::new())
}

/// Every place is in the file: within its text and at the line and column its byte offset is
/// at (or, for a file that is not UTF-8, on one of its lines).
fn check_place(file: &str, span: Span, text: Option<&str>, bytes: &[u8], d: &Diagnostic) {
    assert!(span.line >= 1 && span.col >= 1, "{file}: {d:?}");
    match text {
        Some(text) => {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{file}: span outside the text: {d:?}"
            );
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let at = Span::from_range(text, span.start, span.start);
            assert_eq!(
                (at.line, at.col),
                (span.line, span.col),
                "{file}: line and column differ from the byte offset's: {d:?}\n{text:?}"
            );
        }
        None => {
            let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
            assert!(span.line <= lines, "{file}: {d:?}");
        }
    }
}

/// Everything a file's bytes go through, and what must hold of it.
fn exercise(name: &str, bytes: &[u8], loaded: Loaded) {
    let text = decoded(bytes);
    if loaded.dataset.articles.is_empty() {
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
            "no article and no error: {:?}\n{:?}",
            loaded.diagnostics,
            String::from_utf8_lossy(bytes)
        );
    }
    let mut all = loaded.diagnostics.clone();
    all.extend(diagnostic::conflict_warnings(&loaded.dataset));
    let _ = timelines(&loaded.dataset);
    diagnostic::sort(&mut all);
    let renderer = Renderer::new(&loaded.sources, &all);
    for d in &all {
        assert_eq!(d.file, name);
        check_place(&d.file, d.span, text.as_deref(), bytes, d);
        for r in &d.related {
            check_place(&r.file, r.span, text.as_deref(), bytes, d);
        }
        let short = d.short();
        assert!(short.starts_with(&format!("{name}:{}:{}: ", d.span.line, d.span.col)));
        let full = renderer.render(d);
        let place = format!("--> {name}:{}:{}\n", d.span.line, d.span.col);
        assert!(
            full.contains(&place),
            "the full form shows another place than {place}:\n{full}"
        );
    }
}

fn article(seed: &Seed, bytes: Vec<u8>) {
    let cb = &seeds().codebooks[seed.codebook].2;
    let loaded = load::article_from_bytes(&seed.name, bytes.clone(), cb);
    exercise(&seed.name, &bytes, loaded);
}

fn codebook(name: &str, bytes: Vec<u8>) {
    let (cb, loaded) = load::codebook_from_bytes(name, bytes.clone());
    if cb.is_none() {
        assert!(loaded.errors() > 0, "no codebook and no error");
    }
    let text = decoded(&bytes);
    let renderer = Renderer::new(&loaded.sources, &loaded.diagnostics);
    for d in &loaded.diagnostics {
        check_place(&d.file, d.span, text.as_deref(), &bytes, d);
        let _ = (d.short(), renderer.render(d));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn broken_articles_are_reported_not_panicked_on(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let seed = seed.get(&seeds().articles);
        let mut bytes = seed.bytes.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        article(seed, bytes);
    }

    #[test]
    fn broken_codebooks_are_reported_not_panicked_on(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let (name, bytes, _) = which.get(&seeds().codebooks);
        let mut bytes = bytes.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        codebook(name, bytes);
    }

    #[test]
    fn arbitrary_bytes_are_reported_not_panicked_on(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        article(&seeds().articles[0], bytes.clone());
        codebook("codebook.yaml", bytes);
    }

    /// Text made of YAML's punctuation reaches further into the parser than random bytes.
    #[test]
    fn yaml_like_text_is_reported_not_panicked_on(
        text in "([a-z0-9 ]{0,6}|[:\\-#&*!|>'\"\\[\\]{},?%@`~<]|\n {0,6}|\t|\r){0,80}",
    ) {
        article(&seeds().articles[0], text.clone().into_bytes());
        codebook("codebook.yaml", text.into_bytes());
    }
}

/// The unbroken seeds load without an error: the mutations start from valid files.
#[test]
fn the_seeds_are_valid() {
    for seed in &seeds().articles {
        let cb = &seeds().codebooks[seed.codebook].2;
        let loaded = load::article_from_bytes(&seed.name, seed.bytes.clone(), cb);
        assert_eq!(
            loaded.errors(),
            0,
            "{}: {:?}",
            seed.name,
            loaded.diagnostics
        );
        assert_eq!(loaded.dataset.articles.len(), 1);
    }
}
