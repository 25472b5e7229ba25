//! Finding and reading annotation files: the only part of the library that touches the disk.

use super::node;
use super::quotes::Grounding;
use super::raw::{self, Reader};
use super::validate;
use crate::diagnostic::{Diagnostic, Levels, Severity, Sources, Span, WarningKind};
use crate::model::ArticleId;
use crate::model::codebook::Codebook;
use crate::model::observation::Dataset;
use crate::model::reliability::Coding;
use crate::words::plural;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The default size cap for one annotation file.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The annotations directory (holding `codebook.yaml` and `articles/`).
    pub dir: PathBuf,
    /// Where the articles' `source:` texts are, to check quotes against; `None` skips that.
    pub sources: Option<PathBuf>,
    pub max_file_size: u64,
    /// Keep the text of every file read, for diagnostics made after loading (`check`'s
    /// conflicts) to point into. Otherwise only the texts of files with problems are kept.
    pub keep_all_texts: bool,
    /// Keep what a query or chart shows beside a position: its speaker, quote, conditions and
    /// note, and its article's title, outlet, author, URL and source. `check` reports
    /// problems and conflicts, which need none of them: dropped as each file is validated,
    /// their memory is used again by the next file instead of growing the process with the
    /// corpus.
    pub keep_evidence: bool,
    /// Read the reliability codings in `reliability/` too (`check`, `agree`); the commands
    /// that answer from the record never use them.
    pub reliability: bool,
}

impl LoadOptions {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        LoadOptions {
            dir: dir.into(),
            sources: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            keep_all_texts: true,
            keep_evidence: true,
            reliability: true,
        }
    }
}

/// What loading found: the dataset (built from everything valid), every problem, and the
/// texts of the files read that diagnostics can point into (those with problems, or with
/// [`LoadOptions::keep_all_texts`] all of them), for rendering them.
#[derive(Debug, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    /// Article files looked at (valid or not).
    pub files: usize,
    /// What was passed over under `articles/` and `reliability/`, by reason.
    pub skipped: Skipped,
    /// The valid reliability codings, in the order of their files.
    pub reliability: Vec<Coding>,
    /// Reliability coding files looked at (valid or not), and the coders' folders they are in.
    pub coding_files: usize,
    pub coders: usize,
    /// The codebook's `check:` settings (what is valid of them).
    pub levels: Levels,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }

    /// `checked 3 articles: 17 positions, 6 parties, 0 problems`, and what was skipped if
    /// anything was (`; skipped 2 hidden files, 1 editor backup`).
    pub fn summary(&self) -> String {
        self.summary_of(&self.diagnostics)
    }

    /// [`Loaded::summary`], counting `diagnostics` as the problems (loading's and what was
    /// found after it, at the levels asked).
    pub fn summary_of(&self, diagnostics: &[Diagnostic]) -> String {
        let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        let problems = match (count(Severity::Error), count(Severity::Warning)) {
            (0, 0) => "0 problems".to_string(),
            (e, 0) => plural(e, "error", "errors"),
            (0, w) => plural(w, "warning", "warnings"),
            (e, w) => format!(
                "{}, {}",
                plural(e, "error", "errors"),
                plural(w, "warning", "warnings")
            ),
        };
        let mut summary = format!(
            "checked {}: {}, {}",
            plural(self.files, "article", "articles"),
            plural(self.dataset.observations.len(), "position", "positions"),
            plural(self.dataset.codebook.parties().len(), "party", "parties"),
        );
        if self.coding_files > 0 {
            // `; 4 reliability codings by 1 coder: 12 positions; 0 problems`
            let positions = self.reliability.iter().map(|c| c.observations.len()).sum();
            let codings = plural(
                self.coding_files,
                "reliability coding",
                "reliability codings",
            );
            let coders = plural(self.coders, "coder", "coders");
            let positions = plural(positions, "position", "positions");
            summary.push_str(&format!("; {codings} by {coders}: {positions}; {problems}"));
        } else {
            summary.push_str(&format!(", {problems}"));
        }
        if let Some(skipped) = self.skipped.describe() {
            summary.push_str("; ");
            summary.push_str(&skipped);
        }
        summary
    }
}

pub(super) fn display(path: &Path) -> String {
    // Nearly every path is UTF-8: copy it rather than format it.
    match path.to_str() {
        Some(s) => s.to_owned(),
        None => path.display().to_string(),
    }
}

/// Read a file as UTF-8 text, refusing what is not an annotation file. Warnings (a BOM, CR
/// line ends) are pushed to `diags`; the returned text has them removed.
pub fn read_text(
    path: &Path,
    name: &str,
    max_size: u64,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let bytes = read_bytes(path, name, max_size, diags)?;
    decode(name, bytes, diags)
}

/// The disk half of reading a file: its bytes, refusing what is not an annotation file (a
/// directory, a FIFO, a file over `max_size`) or cannot be read. [`decode`] is the other half.
pub(super) fn read_bytes(
    path: &Path,
    name: &str,
    max_size: u64,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<u8>> {
    let fail = |diags: &mut Vec<Diagnostic>, msg: String, help: &str| {
        diags.push(Diagnostic::error(name, Span::FILE, msg).with_help(help));
        None
    };
    // One open and one fstat per file. The open does not block: opening a FIFO for reading
    // would otherwise wait for a writer forever. Anything but a regular file (a directory, a
    // FIFO, a device) is then refused before a byte is read.
    let cannot_read = |diags: &mut Vec<Diagnostic>, e: std::io::Error| {
        fail(
            diags,
            format!("cannot read `{name}`: {}", io_reason(&e)),
            "check that the file exists and is readable",
        )
    };
    let file = match open_nonblocking(path) {
        Ok(f) => f,
        // What cannot be opened is looked at by path, to say what it is when that is the
        // reason (a socket, an unreadable directory, a directory where opening one fails).
        Err(e) => {
            return match fs::metadata(path).ok().and_then(|m| not_a_file(&m, name)) {
                Some((msg, help)) => fail(diags, msg, help),
                None => cannot_read(diags, e),
            };
        }
    };
    let meta = match file.metadata() {
        Ok(m) => match not_a_file(&m, name) {
            Some((msg, help)) => return fail(diags, msg, help),
            None => m,
        },
        Err(e) => return cannot_read(diags, e),
    };
    if meta.len() > max_size {
        return fail(
            diags,
            format!(
                "`{name}` is {}, over the {} limit for one annotation file",
                size(meta.len()),
                size(max_size)
            ),
            "split the file, or raise the limit with --max-file-size",
        );
    }
    let bytes = match read_capped(file, meta.len(), max_size) {
        // A file that grew after it was measured is still held to the cap.
        Ok(bytes) if bytes.len() as u64 > max_size => {
            return fail(
                diags,
                format!(
                    "`{name}` is over the {} limit for one annotation file",
                    size(max_size)
                ),
                "split the file, or raise the limit with --max-file-size",
            );
        }
        Ok(bytes) => bytes,
        Err(e) => {
            return fail(
                diags,
                format!("cannot read `{name}`: {}", io_reason(&e)),
                "check the file's permissions",
            );
        }
    };
    Some(bytes)
}

/// The bytes half of reading a file, the same for a file on disk and for bytes in memory: the
/// text of `bytes` as UTF-8. Warnings (a BOM, CR line ends) are pushed to `diags`; the
/// returned text has them removed.
pub fn decode(name: &str, bytes: Vec<u8>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let mut text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let span = Span::from_range(&prefix, valid, valid);
            diags.push(
                Diagnostic::error(
                    name,
                    span,
                    format!("`{name}` is not valid UTF-8 (byte {valid} cannot be read)"),
                )
                .with_help("save the file with UTF-8 encoding"),
            );
            return None;
        }
    };
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        text = rest.to_string();
        diags.push(
            Diagnostic::warning(
                WarningKind::ByteOrderMark,
                name,
                Span::FILE,
                format!("`{name}` starts with a byte-order mark"),
            )
            .with_help("save the file as UTF-8 without a BOM; it was read without it"),
        );
    }
    line_ends(name, &mut text, diags);
    Some(text)
}

/// Turn CRLF and lone CR line ends into LF, with a warning at the first line that has one.
/// Each line keeps its number, and the lines before that one their offsets.
fn line_ends(name: &str, text: &mut String, diags: &mut Vec<Diagnostic>) {
    let bytes = text.as_bytes();
    let Some(cr) = memchr::memchr(b'\r', bytes) else {
        return;
    };
    let line = memchr::memchr_iter(b'\n', &bytes[..cr]).count() + 1;
    let line_start = memchr::memrchr(b'\n', &bytes[..cr]).map_or(0, |i| i + 1);
    let crlf = memchr::memmem::find(&bytes[cr..], b"\r\n").is_some();
    let lone =
        memchr::memchr_iter(b'\r', &bytes[cr..]).any(|i| bytes.get(cr + i + 1) != Some(&b'\n'));
    let kind = match (crlf, lone) {
        (true, false) => "CRLF (Windows)",
        (false, _) => "CR (classic Mac)",
        (true, true) => "both CRLF (Windows) and CR (classic Mac)",
    };
    *text = text.replace("\r\n", "\n").replace('\r', "\n");
    diags.push(
        Diagnostic::warning(
            WarningKind::LineEnds,
            name,
            Span {
                line,
                col: 1,
                start: line_start,
                end: line_start,
            },
            format!("`{name}` has {kind} line ends"),
        )
        .with_help("save the file with LF line ends; it was read as if it had them"),
    );
}

/// Read a file that `fstat` measured at `len` bytes, but at most one byte past `max_size`:
/// enough to tell that it grew over the cap after it was measured.
fn read_capped(file: impl Read, len: u64, max_size: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(len.min(max_size) as usize + 1);
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Why what is at a path is not an annotation file (message and help), if it is not one.
fn not_a_file(meta: &fs::Metadata, name: &str) -> Option<(String, &'static str)> {
    if meta.is_dir() {
        Some((
            format!("`{name}` is a directory, not an annotation file"),
            "rename the directory so its name does not end in .yaml or .yml",
        ))
    } else if !meta.is_file() {
        Some((
            format!("`{name}` is not a regular file"),
            "annotation files are plain text files",
        ))
    } else {
        None
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

pub(super) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        plural(bytes as usize, "byte", "bytes")
    }
}

/// Parse a file's text as YAML; an empty document is an error that says what the file needs.
/// What YAML reads differently from how it looks is reported too ([`node::Finding`]).
fn parse_yaml<'a>(
    text: &'a str,
    name: &str,
    needs: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<node::Node<'a>> {
    match node::parse_document(text) {
        Ok(doc) => {
            diags.extend(doc.findings.iter().filter_map(|f| finding(f, text, name)));
            if matches!(doc.root.kind, node::NodeKind::Null) {
                diags.push(
                    Diagnostic::error(name, Span::FILE, format!("`{name}` is empty"))
                        .with_help(needs),
                );
                return None;
            }
            Some(doc.root)
        }
        Err(e) => {
            let empty = e.message.contains("end of input") && text.trim().is_empty();
            let (msg, help) = if empty {
                (format!("`{name}` is empty"), needs)
            } else {
                (
                    format!("malformed YAML: {}", e.message),
                    e.help
                        .unwrap_or("check the indentation and quoting around this place"),
                )
            };
            diags.push(Diagnostic::error(name, e.span, msg).with_help(help));
            None
        }
    }
}

/// The fields whose values are free text, where a `#` is likely meant as part of the text.
const TEXT_FIELDS: &[&str] = &["quote", "conditions", "note", "title"];

/// The diagnostic for something YAML reads differently from how it looks, if it is one here.
fn finding(f: &node::Finding, text: &str, name: &str) -> Option<Diagnostic> {
    Some(match f {
        node::Finding::Tag { tag, span } => {
            Diagnostic::error(name, *span, "YAML tags are not supported here").with_help(format!(
                "remove `{tag}`: every value is read as text (put a value that starts with `!` in quotes)"
            ))
        }
        node::Finding::MergeKey { span } => Diagnostic::error(
            name,
            *span,
            "merge keys (`<<`) are not supported here",
        )
        .with_help("write the fields out in this mapping instead of merging them in"),
        node::Finding::Comment { key, span } if TEXT_FIELDS.contains(&key.as_str()) => {
            let mut d = Diagnostic::warning(
                WarningKind::CutByComment,
                name,
                *span,
                format!("the rest of the line was read as a YAML comment, not as part of `{key}`"),
            );
            d.help.push(quote_help(text, key, *span));
            d
        }
        node::Finding::Comment { .. } => return None,
    })
}

/// How to write the value of `key` whose comment is at `comment` so that the `#` is kept: the
/// whole of what follows `key:` on its line, in quotes.
fn quote_help(text: &str, key: &str, comment: Span) -> String {
    let line_start = text[..comment.start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..comment.end];
    let value = line
        .find(&format!("{key}:"))
        .map(|i| line[i + key.len() + 1..].trim());
    match value {
        Some(v) if !v.contains('"') && !v.contains('\\') => {
            format!("put the value in quotes to keep the `#`: `{key}: \"{v}\"`")
        }
        Some(v) if !v.contains('\'') => {
            format!("put the value in quotes to keep the `#`: `{key}: '{v}'`")
        }
        _ => "put the value in quotes to keep the `#`".to_string(),
    }
}

/// What finding the article files passed over, by reason; `check`'s summary names each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Files whose names start with `.`.
    pub hidden_files: usize,
    /// Folders whose names start with `.` (not looked into).
    pub hidden_folders: usize,
    /// Editor backups, swap and lock files: `*~`, `.#*`, `#*#`, `*.swp`, `*.swo`.
    pub backups: usize,
    /// Files with any other name that does not end in `.yaml` or `.yml`.
    pub other_files: usize,
    /// Folders reached again, through a link, after they were read (a loop of links, or two
    /// links to one folder): their files are read once.
    pub links_again: usize,
}

impl Skipped {
    /// Count a file passed over for its name (`Name::Yaml` is never passed over).
    pub(super) fn count(&mut self, name: Name) {
        match name {
            Name::Backup => self.backups += 1,
            Name::Hidden => self.hidden_files += 1,
            Name::Other | Name::Yaml => self.other_files += 1,
        }
    }

    /// Uncount a file passed over that went.
    pub(super) fn uncount(&mut self, name: Name) {
        let n = match name {
            Name::Backup => &mut self.backups,
            Name::Hidden => &mut self.hidden_files,
            Name::Other | Name::Yaml => &mut self.other_files,
        };
        *n = n.saturating_sub(1);
    }

    /// `skipped 2 hidden files, 1 editor backup`; `None` when nothing was skipped.
    pub fn describe(&self) -> Option<String> {
        let parts: Vec<String> = [
            (self.hidden_files, "hidden file", "hidden files"),
            (self.hidden_folders, "hidden folder", "hidden folders"),
            (self.backups, "editor backup", "editor backups"),
            (
                self.other_files,
                "file not named *.yaml or *.yml",
                "files not named *.yaml or *.yml",
            ),
            (
                self.links_again,
                "link to a folder already read",
                "links to folders already read",
            ),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        (!parts.is_empty()).then(|| format!("skipped {}", parts.join(", ")))
    }
}

/// What a name found under `articles/` is taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Name {
    Yaml,
    Backup,
    Hidden,
    Other,
}

/// Judge a file name by its bytes: an editor's backup or swap file first (some start with
/// `.`), then hidden, then `*.yaml` or `*.yml` in any case.
pub(super) fn judge(name: &[u8]) -> Name {
    let ends = |suffix: &[u8]| {
        name.len() >= suffix.len() && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    if name.ends_with(b"~")
        || name.starts_with(b".#")
        || (name.len() > 1 && name.starts_with(b"#") && name.ends_with(b"#"))
        || name.ends_with(b".swp")
        || name.ends_with(b".swo")
    {
        Name::Backup
    } else if name.starts_with(b".") {
        Name::Hidden
    } else if ends(b".yaml") || ends(b".yml") {
        Name::Yaml
    } else {
        Name::Other
    }
}

/// What identifies a folder however it is reached, to read each once.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(meta: &fs::Metadata, _path: &Path) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn folder_id(_meta: &fs::Metadata, path: &Path) -> Option<FolderId> {
    fs::canonicalize(path).ok()
}

/// Every file under `dir` whose name [`judge`] takes for YAML, at any depth, through links to
/// folders too; directories named so are included, so that reading them reports them. What
/// is passed over is counted in `skipped`. Each folder is read once, however many links lead
/// to it, so a loop of links ends (and the order folders are read in, sorted, decides which
/// path names a file reached by two).
pub(super) fn find_yaml(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    skipped: &mut Skipped,
    diags: &mut Vec<Diagnostic>,
) {
    find_yaml_listing(dir, out, skipped, diags, None);
}

/// The folders a listing read, and the files it passed over by name: what a watch needs to
/// tell whether a file that came or went changes the listing.
#[derive(Debug, Default)]
pub(super) struct Listing {
    pub folders: std::collections::HashSet<PathBuf>,
    pub passed_over: HashMap<PathBuf, Name>,
}

/// [`find_yaml`], noting in `listing` what it read and passed over.
pub(super) fn find_yaml_listing(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    skipped: &mut Skipped,
    diags: &mut Vec<Diagnostic>,
    mut listing: Option<&mut Listing>,
) {
    let mut seen: std::collections::HashSet<FolderId> = Default::default();
    if let Some(id) = fs::metadata(dir).ok().and_then(|m| folder_id(&m, dir)) {
        seen.insert(id);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if let Some(l) = listing.as_deref_mut() {
            l.folders.insert(dir.clone());
        }
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                let name = display(&dir);
                diags.push(
                    Diagnostic::error(
                        &name,
                        Span::FILE,
                        format!("cannot read directory `{name}`: {}", io_reason(&e)),
                    )
                    .with_help("check that the directory exists and is readable"),
                );
                continue;
            }
        };
        let mut folders = Vec::new();
        // Judged by the name first, so that only the paths kept are built and a YAML file
        // costs no more than its directory entry: this runs for every entry of a directory of
        // thousands of files, before any file can be read.
        for entry in entries.flatten() {
            let name = entry.file_name();
            let judged = judge(name.as_encoded_bytes());
            if judged == Name::Yaml {
                out.push(dir.join(name));
                continue;
            }
            let path = dir.join(&name);
            let folder = match entry.file_type() {
                Ok(t) if t.is_dir() => fs::symlink_metadata(&path).ok(),
                Ok(t) if t.is_symlink() => fs::metadata(&path).ok().filter(|m| m.is_dir()),
                _ => None,
            };
            match (folder, judged) {
                (Some(_), Name::Hidden) => skipped.hidden_folders += 1,
                (Some(meta), _) => {
                    let id = folder_id(&meta, &path);
                    folders.push((path, id));
                }
                (None, judged) => {
                    skipped.count(judged);
                    if let Some(l) = listing.as_deref_mut() {
                        l.passed_over.insert(path, judged);
                    }
                }
            }
        }
        // Read in order of name (the stack pops the last first).
        folders.sort_unstable_by(|a, b| b.0.as_os_str().cmp(a.0.as_os_str()));
        for (path, id) in folders {
            match id {
                Some(id) if !seen.insert(id) => skipped.links_again += 1,
                _ => stack.push(path),
            }
        }
    }
}

const CODEBOOK_NEEDS: &str = "a codebook needs `question:`, `stances:` and `parties:`";
const ARTICLE_NEEDS: &str =
    "an article file needs `article:` (title, outlet, published) and `positions:`";

/// Load and validate the annotations under `options.dir`.
pub fn load(options: &LoadOptions) -> Loaded {
    let mut out = Loaded::default();
    if !annotations_dir(options, &mut out) {
        return out;
    }
    let Some(codebook) = read_codebook(options, &mut out) else {
        return out;
    };
    let paths = article_paths(options, &mut out, None);
    out.files = paths.len();

    // Read, parse and validate each file on its own, in parallel, a chunk of files at a time:
    // while one chunk is parsed, the one before it is added to the dataset, and the memory a
    // chunk used is used again by the next. Results are added in file order, so everything
    // after this is deterministic.
    let mut merger = Merger {
        ids: HashMap::default(),
        failed: Default::default(),
        keep_all_texts: options.keep_all_texts,
        sized: false,
    };
    // The loop itself runs on one of the pool's threads (the scope spawns nothing), so that
    // each chunk's `join` starts there rather than by waking this thread and handing the
    // work over again.
    rayon::scope(|_| {
        let mut pending: Option<Vec<FileResult>> = None;
        for chunk in paths.chunks(CHUNK) {
            let (files, ()) = rayon::join(
                || {
                    chunk
                        .par_iter()
                        .map(|path| load_article_file(path, &codebook, options))
                        .collect::<Vec<_>>()
                },
                || {
                    if let Some(files) = pending.take() {
                        merger.add(&mut out, files, paths.len());
                    }
                },
            );
            pending = Some(files);
        }
        if let Some(files) = pending {
            merger.add(&mut out, files, paths.len());
        }
    });
    if options.reliability {
        super::reliability::load(options, &codebook, &merger.ids, &merger.failed, &mut out);
    }
    out.dataset.codebook = codebook;
    out
}

/// Whether the annotations directory is there; if not, the error saying so is in `out`.
pub(super) fn annotations_dir(options: &LoadOptions, out: &mut Loaded) -> bool {
    let dir = &options.dir;
    if dir.is_dir() {
        return true;
    }
    let dir_name = display(dir);
    out.diagnostics.push(
        Diagnostic::error(
            &dir_name,
            Span::FILE,
            format!("annotations directory `{dir_name}` not found"),
        )
        .with_help("run stanceline where `annotations/` is, or pass --annotations DIR (or set STANCELINE_ANNOTATIONS)"),
    );
    false
}

/// The article files under `options.dir/articles`, sorted; what was skipped, and the errors of
/// a missing or unreadable directory, in `out`.
pub(super) fn article_paths(
    options: &LoadOptions,
    out: &mut Loaded,
    listing: Option<&mut Listing>,
) -> Vec<PathBuf> {
    let articles_dir = options.dir.join("articles");
    let mut paths = Vec::new();
    if articles_dir.is_dir() {
        find_yaml_listing(
            &articles_dir,
            &mut paths,
            &mut out.skipped,
            &mut out.diagnostics,
            listing,
        );
    } else {
        let name = display(&articles_dir);
        out.diagnostics.push(
            Diagnostic::error(
                &name,
                Span::FILE,
                format!("articles directory `{name}` not found"),
            )
            .with_help(
                "put one YAML file per article in an `articles/` directory beside the codebook",
            ),
        );
    }
    // By the bytes of the path: the same order on every machine, and cheap to compare.
    paths.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    paths
}

/// The codebook of `options.dir` alone, without the articles (for commands that need only
/// it): `None` if it cannot be read or parsed; its problems, and its text, in the [`Loaded`].
pub fn load_codebook(options: &LoadOptions) -> (Option<Codebook>, Loaded) {
    let mut out = Loaded::default();
    let codebook = read_codebook(options, &mut out);
    (codebook, out)
}

pub(super) fn read_codebook(options: &LoadOptions, out: &mut Loaded) -> Option<Codebook> {
    let cb_path = options.dir.join("codebook.yaml");
    let cb_name = display(&cb_path);
    let mut diags = Vec::new();
    let codebook = if cb_path.exists() {
        read_bytes(&cb_path, &cb_name, options.max_file_size, &mut diags).and_then(|bytes| {
            let read = codebook_bytes(&cb_name, bytes, &mut diags, &mut out.sources);
            read.map(|(codebook, levels)| {
                out.levels = levels;
                codebook
            })
        })
    } else {
        diags.push(
            Diagnostic::error(&cb_name, Span::FILE, format!("codebook `{cb_name}` not found"))
                .with_help("every annotations directory needs a codebook.yaml naming the question, stances and parties"),
        );
        None
    };
    out.diagnostics.append(&mut diags);
    codebook
}

/// How many files are read, parsed and validated together.
const CHUNK: usize = 512;

/// Adds the results of each chunk of files to a [`Loaded`], in file order.
struct Merger {
    /// Each article id, with the article that first used it and where.
    ids: HashMap<String, First>,
    /// The file names (without extension) of article files that gave no article: a
    /// reliability coding of one of them is not reported as coding no article.
    failed: std::collections::HashSet<String>,
    keep_all_texts: bool,
    /// Whether the vectors have been sized (from the first chunk).
    sized: bool,
}

/// The most positions per file the first chunk may suggest when sizing the vectors: a first
/// chunk of huge files must not reserve memory for a corpus of them.
const MAX_SIZING_PER_FILE: usize = 16;

impl Merger {
    fn add(&mut self, out: &mut Loaded, files: Vec<FileResult>, total: usize) {
        if !self.sized && !files.is_empty() {
            // Sized once from the first chunk (with a margin, and a cap), rather than doubled
            // many times; past the estimate the vector grows as usual.
            self.sized = true;
            let per_file: usize = files
                .iter()
                .filter_map(|f| f.article.as_ref())
                .map(|a| a.observations.len())
                .sum::<usize>()
                .div_ceil(files.len())
                .min(MAX_SIZING_PER_FILE);
            out.dataset.observations.reserve(total * per_file * 9 / 8);
            out.dataset.articles.reserve(total);
            out.sources.reserve(total);
            self.ids.reserve(total);
        }
        for file in files {
            let FileResult {
                name,
                text,
                article,
                mut diags,
            } = file;
            if let Some(a) = article {
                match self.ids.entry(a.article.id.clone()) {
                    Entry::Occupied(first) => {
                        let First {
                            index, id: span, ..
                        } = *first.get();
                        let first_file = &out.dataset.articles[index].file;
                        diags.push(duplicate_id(
                            &name,
                            &a.article.id,
                            a.id_span,
                            first_file,
                            span,
                        ));
                    }
                    Entry::Vacant(first) => {
                        let index = out.dataset.articles.len();
                        first.insert(First {
                            index,
                            id: a.id_span,
                            published: a.published_span,
                            annotator: a.annotator_span,
                        });
                        out.dataset.articles.push(a.article);
                        out.dataset
                            .observations
                            .extend(a.observations.into_iter().map(|mut o| {
                                o.article = ArticleId::new(index);
                                o
                            }));
                    }
                }
            } else if let Some(stem) = Path::new(&name).file_stem() {
                self.failed.insert(stem.to_string_lossy().into_owned());
            }
            if let Some(text) = text
                && (self.keep_all_texts || !diags.is_empty())
            {
                out.sources.push((name, text));
            }
            out.diagnostics.append(&mut diags);
        }
    }
}

/// The error for an article whose id an earlier file's article has (at `span` of `first_file`).
pub(super) fn duplicate_id(
    name: &str,
    id: &str,
    id_span: Span,
    first_file: &str,
    span: Span,
) -> Diagnostic {
    Diagnostic::error(name, id_span, format!("duplicate article id `{id}`"))
        .with_related(first_file, span, "first used here")
        .with_help(
            "give each article its own `id` (it defaults to the file name without extension)",
        )
}

/// Where an article of the record is, for the checks of its reliability codings.
#[derive(Debug, Clone, Copy)]
pub(super) struct First {
    pub index: usize,
    pub id: Span,
    pub published: Span,
    pub annotator: Option<Span>,
}

/// What one article file gave.
pub(super) struct FileResult {
    pub name: String,
    pub text: Option<String>,
    pub article: Option<validate::ArticleOut>,
    pub diags: Vec<Diagnostic>,
}

/// Read, parse and validate one article file (and check its quotes, with `--sources`).
pub(super) fn load_article_file(
    path: &Path,
    codebook: &Codebook,
    options: &LoadOptions,
) -> FileResult {
    let name = display(path);
    let mut diags = Vec::new();
    match read_bytes(path, &name, options.max_file_size, &mut diags) {
        Some(bytes) => article_bytes(name, bytes, diags, codebook, options),
        None => FileResult {
            name,
            text: None,
            article: None,
            diags,
        },
    }
}

/// Decode, parse and validate the bytes of the article file `name` (and check its quotes,
/// with `--sources`): what a file gives once read, from disk or from memory alike.
pub(super) fn article_bytes(
    name: String,
    bytes: Vec<u8>,
    mut diags: Vec<Diagnostic>,
    codebook: &Codebook,
    options: &LoadOptions,
) -> FileResult {
    let Some(text) = decode(&name, bytes, &mut diags) else {
        return FileResult {
            name,
            text: None,
            article: None,
            diags,
        };
    };
    let stem = Path::new(&name)
        .file_stem()
        .map_or(Cow::Borrowed(""), |s| s.to_string_lossy());
    let mut article = None;
    if let Some(root) = parse_yaml(&text, &name, ARTICLE_NEEDS, &mut diags) {
        let mut r = Reader::new(&name);
        let raw = raw::read_article_file(&mut r, &root);
        diags.append(&mut r.diagnostics);
        article = validate::article(&raw, &name, &stem, codebook, &mut diags);
        if let (Some(a), Some(src_dir)) = (&article, &options.sources) {
            ground_quotes(a, src_dir, &name, &mut diags);
        }
        if !options.keep_evidence
            && let Some(a) = &mut article
        {
            a.drop_evidence();
        }
    }
    FileResult {
        name,
        text: Some(text),
        article,
        diags,
    }
}

/// Decode, parse and validate the bytes of the codebook `name`, keeping its text in `sources`:
/// the codebook and its `check:` settings, or `None` if it could not be decoded or parsed.
fn codebook_bytes(
    name: &str,
    bytes: Vec<u8>,
    diags: &mut Vec<Diagnostic>,
    sources: &mut Sources,
) -> Option<(Codebook, Levels)> {
    let text = decode(name, bytes, diags)?;
    let codebook = parse_yaml(&text, name, CODEBOOK_NEEDS, diags).map(|root| {
        let mut r = Reader::new(name);
        let raw = raw::read_codebook(&mut r, &root);
        diags.append(&mut r.diagnostics);
        let codebook = validate::codebook(&raw, name, diags);
        (codebook, validate::check_levels(&raw, name, diags))
    });
    sources.push((name.to_string(), text));
    codebook
}

/// One article file from memory: its bytes, named `name`, through the same steps as an article
/// file read from disk (decoding, YAML, raw fields, validation), against `codebook`, and added
/// as `load` adds each file. The result holds the article, if it is valid, in a dataset with
/// `codebook`; every problem found; and the file's text, to render them (conflicts, from
/// [`crate::diagnostic::conflict_warnings`], can point into it too). For tests and fuzzing.
pub fn article_from_bytes(name: &str, bytes: Vec<u8>, codebook: &Codebook) -> Loaded {
    let options = LoadOptions::new("");
    let file = article_bytes(name.to_string(), bytes, Vec::new(), codebook, &options);
    let mut out = Loaded {
        files: 1,
        ..Loaded::default()
    };
    let mut merger = Merger {
        ids: HashMap::default(),
        failed: Default::default(),
        keep_all_texts: options.keep_all_texts,
        sized: false,
    };
    merger.add(&mut out, vec![file], 1);
    out.dataset.codebook = codebook.clone();
    out
}

/// A codebook from memory: its bytes, named `name`, through the same steps as `codebook.yaml`
/// read from disk. The codebook is `None` if its text could not be decoded or parsed; the
/// problems, the text and the `check:` settings are in the [`Loaded`] (whose dataset is
/// empty). For tests and fuzzing.
pub fn codebook_from_bytes(name: &str, bytes: Vec<u8>) -> (Option<Codebook>, Loaded) {
    let mut out = Loaded::default();
    let read = codebook_bytes(name, bytes, &mut out.diagnostics, &mut out.sources);
    let codebook = read.map(|(codebook, levels)| {
        out.levels = levels;
        codebook
    });
    (codebook, out)
}

/// The text an article's `source:` names, in the `--sources` directory `src_dir` (not UTF-8
/// is read with replacement characters); or why it cannot be read:
/// `source text `DIR/NAME` cannot be read: REASON`.
pub fn read_source(src_dir: &Path, source: &str) -> Result<String, String> {
    let path = src_dir.join(source);
    match fs::read(&path) {
        Ok(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
        Err(e) => Err(format!(
            "source text `{}` cannot be read: {}",
            display(&path),
            io_reason(&e)
        )),
    }
}

/// Check each quote of an article against its source text.
fn ground_quotes(
    a: &validate::ArticleOut,
    src_dir: &Path,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(source) = &a.article.source else {
        return;
    };
    let text = match read_source(src_dir, source) {
        Ok(text) => text,
        Err(e) => {
            diags.push(
                Diagnostic::warning(WarningKind::SourceUnreadable, name, Span::FILE, e).with_help(
                    "check `source:` and --sources; quotes of this article were not verified",
                ),
            );
            return;
        }
    };
    let grounding = Grounding::new(&text);
    for (o, span) in a.observations.iter().zip(&a.quote_spans) {
        let (Some(q), Some(span)) = (&o.quote, span) else {
            continue;
        };
        if !grounding.contains(q) {
            let mut d = Diagnostic::warning(
                WarningKind::QuoteNotFound,
                name,
                *span,
                format!("quote not found in the source text `{source}`"),
            );
            if let Some(c) = grounding.closest(q) {
                d.notes.push(format!("the closest passage is: \"{c}\""));
            }
            d.help.push(
                "quote the article's words exactly (quotes, dashes, spacing and case may differ)"
                    .into(),
            );
            diags.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{LoadOptions, load, read_capped};
    use crate::diagnostic::conflict_warnings;
    use std::io::Write;

    #[test]
    fn a_file_that_grew_past_the_cap_is_read_one_byte_past_it() {
        let text = vec![b'x'; 50_000];
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(&text).unwrap();
        let file = std::fs::File::open(f.path()).unwrap();
        // Measured at 100 bytes, before it grew.
        assert_eq!(read_capped(file, 100, 20_000).unwrap().len(), 20_001);
        let file = std::fs::File::open(f.path()).unwrap();
        assert_eq!(read_capped(file, 50_000, 1 << 20).unwrap(), text);
    }

    #[test]
    fn without_evidence_check_finds_the_same() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/model");
        let full = load(&LoadOptions::new(dir));
        let lean = load(&LoadOptions {
            keep_evidence: false,
            ..LoadOptions::new(dir)
        });
        let (f, l) = (&full.dataset, &lean.dataset);
        assert!(f.observations.iter().any(|o| o.quote.is_some()));
        assert!(l.observations.iter().all(|o| o.quote.is_none()
            && o.speaker.is_none()
            && o.conditions.is_none()
            && o.note.is_none()));
        assert!(
            l.articles
                .iter()
                .all(|a| a.title.is_empty() && a.url.is_none())
        );
        // What the problems and conflicts are made of is all there.
        assert_eq!(full.diagnostics, lean.diagnostics);
        assert_eq!(f.observations.len(), l.observations.len());
        for (a, b) in f.observations.iter().zip(&l.observations) {
            assert_eq!(
                (
                    a.party, a.stance, a.start, a.end, a.article, a.index, a.span
                ),
                (
                    b.party, b.stance, b.start, b.end, b.article, b.index, b.span
                )
            );
        }
        for (a, b) in f.articles.iter().zip(&l.articles) {
            assert_eq!((&a.id, &a.file, a.published), (&b.id, &b.file, b.published));
        }
        assert!(!conflict_warnings(f).is_empty());
        assert_eq!(conflict_warnings(f), conflict_warnings(l));
    }
}
