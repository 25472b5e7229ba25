//! The editor schema with real clients: `check-jsonschema` (PyPI) validates annotation files
//! against the schemas `stanceline schema` writes, and `yaml-language-server` (npm), driven
//! over the Language Server Protocol on stdio, completes and checks a file written by
//! `stanceline new`. Both are installed by `.ci/run`; a test that cannot find its client fails.

mod common;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// A client program on `PATH`, or a failure that says how to install it.
fn client(name: &str, install: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("`{name}` is not on PATH: run `bash .ci/run`, or `{install}`, and try again")
        })
}

fn check_jsonschema() -> PathBuf {
    client("check-jsonschema", "pip install check-jsonschema")
}

fn stanceline(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args(args)
        .current_dir(dir)
        .env_remove("STANCELINE_ANNOTATIONS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Write the article schema of the annotations in `annotations` to `to`, with `--print`.
fn article_schema(annotations: &Path, to: &Path) -> PathBuf {
    let out = stanceline(
        &common::root(),
        &[
            "schema",
            "--print",
            "article",
            "--annotations",
            annotations.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(to, &out.stdout).unwrap();
    to.to_path_buf()
}

/// Run check-jsonschema on `files` against `schema`: its exit code and output.
fn validate(schema: &Path, files: &[PathBuf]) -> (i32, String) {
    let out = Command::new(check_jsonschema())
        .arg("--schemafile")
        .arg(schema)
        .args(files)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Every annotations directory the project ships or tests with, valid each.
fn valid_annotations() -> Vec<PathBuf> {
    let root = common::root();
    let mut dirs = vec![
        root.join("annotations"),
        root.join("tests/fixtures/iran"),
        root.join("tests/fixtures/model"),
    ];
    let mut edge: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/edge"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    edge.sort();
    dirs.extend(edge);
    dirs
}

#[test]
fn the_schemas_accept_every_shipped_article_and_valid_fixture() {
    let tmp = tempfile::tempdir().unwrap();
    let metaschema = Command::new(check_jsonschema())
        .arg("--check-metaschema")
        .arg(article_schema(
            &common::root().join("annotations"),
            &tmp.path().join("a.json"),
        ))
        .output()
        .unwrap();
    assert!(metaschema.status.success(), "{metaschema:?}");
    let codebook_schema = tmp.path().join("codebook.schema.json");
    let out = stanceline(&common::root(), &["schema", "--print", "codebook"]);
    std::fs::write(&codebook_schema, &out.stdout).unwrap();
    let mut codebooks = Vec::new();
    for (i, dir) in valid_annotations().iter().enumerate() {
        // Each is valid: `check` says so.
        let checked = stanceline(dir, &["check", "--annotations", "."]);
        assert!(checked.status.success(), "{}", dir.display());
        let schema = article_schema(dir, &tmp.path().join(format!("{i}.json")));
        let files = yaml_files(&dir.join("articles"));
        assert!(!files.is_empty(), "{}", dir.display());
        let (code, text) = validate(&schema, &files);
        assert_eq!(code, 0, "{}:\n{text}", dir.display());
        assert!(text.contains("ok -- validation done"), "{text}");
        codebooks.push(dir.join("codebook.yaml"));
    }
    codebooks.push(common::root().join("tests/fixtures/small/codebook.yaml"));
    assert!(codebooks.len() >= 9, "{codebooks:?}");
    let (code, text) = validate(&codebook_schema, &codebooks);
    assert_eq!(code, 0, "{text}");
}

/// A valid article of the shipped annotations with one position, to vary.
const ARTICLE: &str = "article:
  title: Talks resume
  outlet: Foreign Policy
  published: 2009-07-27
positions:
  - party: north-korea
    stance: bilateral-only
    basis: statement
    quote: only with Washington
";

/// Files that `check` refuses, refused by the schema at the place named.
#[test]
fn the_article_schema_refuses_unknown_names_fields_and_wrong_types() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = article_schema(
        &common::root().join("annotations"),
        &tmp.path().join("s.json"),
    );
    let cases = [
        (
            "unknown-party",
            "party: north-korea",
            "party: north-kroea",
            "$.positions[0].party",
        ),
        (
            "unknown-stance",
            "stance: bilateral-only",
            "stance: bilateral",
            "$.positions[0].stance",
        ),
        (
            "unknown-field",
            "quote: only",
            "qoute: only",
            "$.positions[0]",
        ),
        (
            "wrong-type",
            "title: Talks resume",
            "title: [Talks, resume]",
            "$.article.title",
        ),
        (
            "not-a-date",
            "published: 2009-07-27",
            "published: 2009-13-01",
            "$.article.published",
        ),
    ];
    for (name, from, to, at) in cases {
        let text = ARTICLE.replacen(from, to, 1);
        assert_ne!(text, ARTICLE, "{name}");
        let file = tmp.path().join(format!("2009-07-27-{name}.yaml"));
        std::fs::write(&file, &text).unwrap();
        let (code, out) = validate(&schema, &[file]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(out.contains(&format!("::{at}")), "{name}: {out}");
        // And `check` refuses it too.
        let t = common::Test::empty()
            .file(
                "annotations/codebook.yaml",
                std::fs::read(common::root().join("annotations/codebook.yaml")).unwrap(),
            )
            .article(&format!("2009-07-27-{name}.yaml"), &text);
        assert_eq!(t.args(&["check"]).output().status, 1, "{name}");
    }
    // The valid one passes.
    let file = tmp.path().join("2009-07-27-valid.yaml");
    std::fs::write(&file, ARTICLE).unwrap();
    assert_eq!(validate(&schema, &[file]).0, 0);
}

/// The schema and `check` agree on the spellings `check` takes (any case, aliases, short
/// labels, YAML integers as years, text that YAML reads as a number) and the ones it refuses.
#[test]
fn the_article_schema_agrees_with_check() {
    let variants: &[(&str, &str, &str)] = &[
        ("id-upper", "party: north-korea", "party: NORTH-KOREA"),
        ("alias-lower", "party: north-korea", "party: dprk"),
        ("name", "party: north-korea", "party: North Korea"),
        (
            "stance-upper",
            "stance: bilateral-only",
            "stance: Bilateral-Only",
        ),
        (
            "stance-label",
            "stance: bilateral-only",
            "stance: Bilateral only",
        ),
        ("basis-upper", "basis: statement", "basis: Statement"),
        (
            "confidence",
            "quote: only",
            "confidence: LOW\n    quote: only",
        ),
        (
            "confidence-bad",
            "quote: only",
            "confidence: sure\n    quote: only",
        ),
        ("held-year", "quote: only", "held: 2009\n    quote: only"),
        (
            "held-interval",
            "quote: only",
            "held: \"2003/2005-07\"\n    quote: only",
        ),
        (
            "held-open-start",
            "quote: only",
            "held: ../2005-07-25\n    quote: only",
        ),
        (
            "held-open-end",
            "quote: only",
            "held: 2009-04~/..\n    quote: only",
        ),
        (
            "held-bad",
            "quote: only",
            "held: 2009-04-31\n    quote: only",
        ),
        ("held-empty", "quote: only", "held:\n    quote: only"),
        (
            "published-month",
            "published: 2009-07-27",
            "published: 2009-07",
        ),
        (
            "published-interval",
            "published: 2009-07-27",
            "published: 2009/2009-07",
        ),
        ("title-number", "title: Talks resume", "title: 2012"),
        ("title-empty", "title: Talks resume", "title: \"\""),
        (
            "speaker-in-codebook",
            "party: north-korea",
            "speaker: kim jong il",
        ),
        (
            "speaker-free-no-party",
            "party: north-korea",
            "speaker: An Expert",
        ),
        (
            "speaker-free",
            "party: north-korea",
            "speaker: An Expert\n    party: dprk",
        ),
        ("no-basis", "basis: statement", ""),
        (
            "positions-null",
            "positions:\n  - party: north-korea\n    stance: bilateral-only\n    basis: statement\n    quote: only with Washington\n",
            "positions:\n",
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let t = common::Test::empty().file(
        "annotations/codebook.yaml",
        std::fs::read(common::root().join("annotations/codebook.yaml")).unwrap(),
    );
    let mut files = Vec::new();
    let mut t = t;
    for (name, from, to) in variants {
        let text = ARTICLE.replacen(from, to, 1);
        assert_ne!(&text, ARTICLE, "{name}");
        let file = format!("2009-07-27-{name}.yaml");
        files.push(t.path().join("annotations/articles").join(&file));
        t = t.article(&file, text);
    }
    let schema = article_schema(&t.path().join("annotations"), &tmp.path().join("s.json"));
    // Kept until the schema has read the files too (a dropped test removes its directory).
    let t = t.args(&["check", "--message-format", "short"]);
    let checked = t.output();
    let (_, out) = validate(&schema, &files);
    let mut refused = Vec::new();
    for (name, _, _) in variants {
        let file = format!("2009-07-27-{name}.yaml");
        let by_check = checked
            .stderr
            .lines()
            .any(|l| l.contains(&file) && l.contains(": error: "));
        let by_schema = out.contains(&format!("{file}::"));
        assert_eq!(
            by_schema, by_check,
            "{name}: refused by the schema: {by_schema}, by check: {by_check}\n{}\n{out}",
            checked.stderr
        );
        if by_check {
            refused.push(*name);
        }
    }
    assert_eq!(
        refused,
        [
            "confidence-bad",
            "held-bad",
            "held-empty",
            "published-interval",
            "title-empty",
            "speaker-free-no-party",
            "no-basis"
        ]
    );
}

/// A Language Server Protocol client on a child's stdio: Content-Length framing, requests
/// answered by id, the server's own requests answered as an editor would, every wait bounded.
struct Lsp {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    notifications: Vec<Value>,
}

/// The longest any one answer may take (the server starts Node and compiles the schema).
const WAIT: Duration = Duration::from_secs(60);

impl Lsp {
    fn start(program: &Path) -> Lsp {
        let mut child = Command::new(program)
            .arg("--stdio")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).unwrap();
                if send.send(message).is_err() {
                    return;
                }
            }
        });
        Lsp {
            child,
            stdin,
            messages,
            next_id: 1,
            notifications: Vec::new(),
        }
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message, answering the server's requests on the way; `None` past `deadline`.
    fn next(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let message = match self.messages.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => panic!("yaml-language-server exited"),
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                let result = self.answer(&message);
                self.send(json!({"jsonrpc": "2.0", "id": message["id"], "result": result}));
                continue;
            }
            return Some(message);
        }
    }

    /// What an editor answers to the server's requests: the settings asked for, and null.
    fn answer(&self, request: &Value) -> Value {
        if request["method"] != "workspace/configuration" {
            return Value::Null;
        }
        let items = request["params"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        items
            .iter()
            .map(|item| match item["section"].as_str() {
                Some("yaml") => json!({
                    "validate": true,
                    "completion": true,
                    "hover": true,
                    "schemaStore": {"enable": false}
                }),
                _ => json!({}),
            })
            .collect()
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + WAIT;
        loop {
            let message = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no answer to {method} within {WAIT:?}"));
            if message["id"] == id {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.notifications.push(message);
        }
    }

    /// The diagnostics the server publishes for `uri` that satisfy `wanted`, waiting for them.
    fn diagnostics(&mut self, uri: &str, wanted: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + WAIT;
        let mut last = None;
        loop {
            // In the order received.
            let stored = (!self.notifications.is_empty()).then(|| self.notifications.remove(0));
            let message = match stored {
                Some(m) => m,
                None => match self.next(deadline) {
                    Some(m) => m,
                    None => panic!("no such diagnostics for {uri} within {WAIT:?}; last: {last:?}"),
                },
            };
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                let list = message["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap();
                if wanted(&list) {
                    return list;
                }
                last = Some(list);
            }
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn yaml_language_server_completes_and_checks_a_new_article() {
    let server = client(
        "yaml-language-server",
        "npm install -g yaml-language-server@1",
    );
    let t = common::Test::empty().file(
        "annotations/codebook.yaml",
        std::fs::read(common::root().join("annotations/codebook.yaml")).unwrap(),
    );
    std::fs::create_dir(t.path().join("annotations/articles")).unwrap();
    let out = stanceline(
        t.path(),
        &[
            "new",
            "--title",
            "Talks resume",
            "--outlet",
            "Foreign Policy",
            "--published",
            "2009-07-27",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rel = String::from_utf8(out.stdout)
        .unwrap()
        .trim_end()
        .to_string();
    let path = t.path().canonicalize().unwrap().join(&rel);
    let written = std::fs::read_to_string(&path).unwrap();
    let uri = format!("file://{}", path.display());

    let mut lsp = Lsp::start(&server);
    let root = format!("file://{}", t.path().canonicalize().unwrap().display());
    lsp.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": root,
            "capabilities": {
                "workspace": {"configuration": true, "didChangeConfiguration": {"dynamicRegistration": true}},
                "textDocument": {
                    "completion": {"completionItem": {"snippetSupport": false, "documentationFormat": ["plaintext"]}},
                    "publishDiagnostics": {}
                }
            }
        }),
    );
    lsp.notify("initialized", json!({}));
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": {}}));

    // As written, the template's empty fields are flagged (the schema was found).
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": written}}),
    );
    let empty = lsp.diagnostics(&uri, |d| !d.is_empty());
    let line_of = |text: &str, what: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(what))
            .unwrap_or_else(|| panic!("no `{what}` line in\n{text}"))
    };
    let stance_line = line_of(&written, "stance:");
    assert!(
        empty
            .iter()
            .any(|d| d["range"]["start"]["line"] == stance_line),
        "{empty:?}"
    );

    // Completion after `stance: ` offers the codebook's stance ids, in scale order, with
    // their labels as documentation.
    let typed = written.replacen("    stance:\n", "    stance: \n", 1);
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": typed}]}),
    );
    let result = lsp.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": stance_line, "character": 12}}),
    );
    let items = result
        .get("items")
        .unwrap_or(&result)
        .as_array()
        .unwrap()
        .clone();
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    let ids = [
        "bilateral-only",
        "bilateral-preferred",
        "bilateral-within-six-party",
        "six-party-preferred",
        "six-party-only",
        "disengaged",
    ];
    assert_eq!(labels, ids, "{items:?}");
    let doc = |i: &Value| match &i["documentation"] {
        Value::String(s) => s.clone(),
        d => d["value"].as_str().unwrap_or_default().to_string(),
    };
    assert!(
        doc(&items[0]).starts_with("Bilateral only (score -2): Direct US-DPRK talks"),
        "{:?}",
        items[0]
    );

    // Filled in, the file has no diagnostic; with an unknown party, one at the party's value.
    let filled = written
        .replacen("    party:\n", "    party: north-korea\n", 1)
        .replacen("    stance:\n", "    stance: bilateral-only\n", 1)
        .replacen("    basis:\n", "    basis: statement\n", 1)
        .replacen("    quote:\n", "    quote: only with Washington\n", 1);
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": filled}]}),
    );
    lsp.diagnostics(&uri, |d| d.is_empty());
    let wrong = filled.replacen("party: north-korea", "party: north-kroea", 1);
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": wrong}]}),
    );
    let party_line = line_of(&wrong, "party:");
    // Those of this version: at the party's line (an earlier version's have other lines).
    let diagnostics = lsp.diagnostics(&uri, |d| {
        d.iter().any(|d| d["range"]["start"]["line"] == party_line)
    });
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(
        d["range"]["start"],
        json!({"line": party_line, "character": 11}),
        "{d}"
    );
    let message = d["message"].as_str().unwrap();
    assert!(
        message
            .starts_with("Value is not accepted. Valid values: \"north-korea\", \"North Korea\""),
        "{message}"
    );
    assert!(message.contains("\"Pyongyang\""), "{message}");
    // And `check` agrees on both.
    std::fs::write(&path, &filled).unwrap();
    assert!(stanceline(t.path(), &["check"]).status.success());
    std::fs::write(&path, &wrong).unwrap();
    assert_eq!(stanceline(t.path(), &["check"]).status.code(), Some(1));
}
