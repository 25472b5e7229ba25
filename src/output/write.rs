//! Writing files: every file the project writes goes through a [`Guard`], which refuses any
//! path inside the annotations directory (the codebook, `articles/`, anything below, however
//! the path reaches it), and replaces a file atomically: the bytes go to a temporary file in
//! the target's directory, flushed to disk, then renamed over the target, so that a failed
//! or interrupted write never leaves a truncated file or removes the old one.
//!
//! One narrow exception, for `stanceline new`: [`Guard::create_article`] creates a new file
//! in the annotations' `articles/` directory, by file name alone, and never replaces one.

use std::ffi::OsStr;
use std::fmt;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Where the project may write: anywhere but inside the annotations directory.
#[derive(Debug, Clone)]
pub struct Guard {
    /// The annotations directory as the user gave it, for messages.
    shown: PathBuf,
    /// The same, absolute, symlinks and `..` resolved.
    resolved: PathBuf,
}

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The path is inside the annotations directory (a usage error).
    Annotations { path: PathBuf, annotations: PathBuf },
    /// The path names a directory (a usage error).
    Directory { path: PathBuf },
    /// A part of the path that should be a directory is a file.
    NotADirectory { path: PathBuf, file: PathBuf },
    /// No file could be made in the target's directory.
    Create {
        path: PathBuf,
        dir: PathBuf,
        error: io::Error,
    },
    /// The system refused.
    Io { path: PathBuf, error: io::Error },
    /// A new annotation file would replace one (a usage error).
    Exists { path: PathBuf },
    /// Not a name a new annotation file may have (a usage error).
    ArticleName { name: String },
}

impl WriteError {
    /// Whether the user asked for something that cannot be done, rather than the system
    /// failing.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            WriteError::Annotations { .. }
                | WriteError::Directory { .. }
                | WriteError::Exists { .. }
                | WriteError::ArticleName { .. }
        )
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Annotations { path, annotations } => write!(
                f,
                "`{}` is inside the annotations directory `{}`, which stanceline never writes \
                 into",
                path.display(),
                annotations.display()
            ),
            WriteError::Directory { path } => {
                write!(f, "`{}` is a directory, not a file", path.display())
            }
            WriteError::NotADirectory { path, file } => write!(
                f,
                "cannot write `{}`: `{}` is a file, not a directory",
                path.display(),
                file.display()
            ),
            WriteError::Create { path, dir, error } => write!(
                f,
                "cannot write `{}`: cannot create a file in `{}`: {}",
                path.display(),
                dir.display(),
                plain(error)
            ),
            WriteError::Io { path, error } => {
                write!(f, "cannot write `{}`: {}", path.display(), plain(error))
            }
            WriteError::Exists { path } => write!(
                f,
                "`{}` exists; stanceline never replaces an annotation file",
                path.display()
            ),
            WriteError::ArticleName { name } => write!(
                f,
                "`{name}` is not a name for a new article file: it must be a file name ending in \
                 .yaml, not hidden, without a directory"
            ),
        }
    }
}

impl std::error::Error for WriteError {}

/// An I/O error in plain words: `permission denied`, without the OS's error number.
pub fn plain(error: &io::Error) -> String {
    let text = error.to_string();
    let text = match text.find(" (os error ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => text.to_string(),
    }
}

impl Guard {
    /// A guard for the annotations directory `annotations` (which need not exist).
    pub fn new(annotations: &Path) -> Self {
        Guard {
            shown: annotations.to_path_buf(),
            resolved: resolve(annotations),
        }
    }

    /// The annotations directory as given.
    pub fn annotations(&self) -> &Path {
        &self.shown
    }

    /// Refuse a path inside the annotations directory (or the directory itself), judged
    /// after symlinks and `..` are resolved; a path that does not exist yet is judged by its
    /// nearest existing ancestor.
    pub fn check(&self, path: &Path) -> Result<(), WriteError> {
        if resolve(path).starts_with(&self.resolved) {
            return Err(WriteError::Annotations {
                path: path.to_path_buf(),
                annotations: self.shown.clone(),
            });
        }
        Ok(())
    }

    /// Check `path`, then write `bytes` to it, creating missing directories and replacing an
    /// existing file only once the new one is complete.
    pub fn write_atomically(&self, path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
        self.check(path)?;
        let io = |error: io::Error| WriteError::Io {
            path: path.to_path_buf(),
            error,
        };
        if path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/') {
            return Err(WriteError::Directory {
                path: path.to_path_buf(),
            });
        }
        let name = path.file_name().ok_or_else(|| WriteError::Directory {
            path: path.to_path_buf(),
        })?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let Some(file) = file_in_the_way(&dir) {
            return Err(WriteError::NotADirectory {
                path: path.to_path_buf(),
                file,
            });
        }
        // A device or a pipe (`-o /dev/stdout`, `-o >(viewer)`) is written in place: renaming
        // a new file over it would replace it with a regular file.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io)?;
            return file
                .write_all(bytes)
                .and_then(|()| file.flush())
                .map_err(io);
        }
        std::fs::create_dir_all(&dir).map_err(io)?;
        // Checked again now that the directories exist: one of them may have been a symlink
        // made meanwhile.
        self.check(path)?;
        remove_stale_temporary_files(&dir);
        let mut tmp = temporary_file(&dir, name).map_err(|error| WriteError::Create {
            path: path.to_path_buf(),
            dir: dir.clone(),
            error,
        })?;
        tmp.write_all(bytes).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        // Dropped on failure, which removes the temporary file.
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    }

    /// Create the article file `name` (a file name alone) in the annotations' `articles/`
    /// directory (made if missing), holding `bytes`, and return its path. The one write into
    /// the annotations: it never replaces anything. The bytes go to a hidden temporary file
    /// in `articles/` (which loading skips), flushed to disk, then take the name by a rename
    /// that refuses an existing name (Linux's `RENAME_NOREPLACE`; elsewhere a hard link, which
    /// refuses it too, then the temporary name removed). So the file appears whole or not at
    /// all, and a file made meanwhile by someone else is never replaced, however close the
    /// race.
    pub fn create_article(&self, name: &str, bytes: &[u8]) -> Result<PathBuf, WriteError> {
        let refused = || WriteError::ArticleName {
            name: name.to_string(),
        };
        let mut parts = Path::new(name).components();
        match (parts.next(), parts.next()) {
            (Some(Component::Normal(n)), None) if n == OsStr::new(name) => {}
            _ => return Err(refused()),
        }
        if name.starts_with('.') || !name.ends_with(".yaml") || name.len() == ".yaml".len() {
            return Err(refused());
        }
        let dir = self.shown.join("articles");
        let path = dir.join(name);
        let io = |error: io::Error| WriteError::Io {
            path: path.clone(),
            error,
        };
        match std::fs::create_dir(&dir) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(io(e)),
            _ => {}
        }
        if !dir.is_dir() {
            return Err(WriteError::NotADirectory {
                path: path.clone(),
                file: dir,
            });
        }
        // Any entry, a dangling symlink too, keeps its name.
        if std::fs::symlink_metadata(&path).is_ok() {
            return Err(WriteError::Exists { path });
        }
        remove_stale_temporary_files(&dir);
        let mut tmp =
            temporary_file(&dir, OsStr::new(name)).map_err(|error| WriteError::Create {
                path: path.clone(),
                dir: dir.clone(),
                error,
            })?;
        tmp.write_all(bytes).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        match tmp.persist_noclobber(&path) {
            Ok(_) => Ok(path),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
                Err(WriteError::Exists { path })
            }
            Err(e) => Err(io(e.error)),
        }
    }
}

/// A temporary file of our naming in `dir`, with the permissions any new file gets (0666 less
/// the umask), not the owner-only ones of a temporary file: it becomes the output.
fn temporary_file(dir: &Path, name: &OsStr) -> io::Result<tempfile::NamedTempFile> {
    let prefix = temporary_prefix(name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMPORARY_SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir)
}

/// The first ancestor of `dir` (itself included) that exists and is not a directory.
fn file_in_the_way(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .find(|a| a.exists())
        .filter(|a| !a.is_dir())
        .map(Path::to_path_buf)
}

/// `path` made absolute, with symlinks and `..` resolved: its nearest existing ancestor
/// canonicalized, and the rest (which holds no symlink, since it does not exist) appended
/// with `.` and `..` applied.
fn resolve(path: &Path) -> PathBuf {
    let absolute = match std::path::absolute(path) {
        Ok(p) => p,
        Err(_) => path.to_path_buf(),
    };
    let mut base = absolute.as_path();
    let mut rest: Vec<&OsStr> = Vec::new();
    let mut resolved = loop {
        if let Ok(real) = base.canonicalize() {
            break real;
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                base = parent;
            }
            // `..` as the last component, or the root: apply the rest lexically from here.
            (Some(parent), None) => {
                rest.push(OsStr::new(".."));
                base = parent;
            }
            (None, _) => break base.to_path_buf(),
        }
    };
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                resolved.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => resolved.push(part),
        }
    }
    resolved
}

/// Temporary files are `.NAME.stanceline-PID-XXXXXX.tmp`: hidden, and naming the process
/// that writes them, so that one left by a killed process can be told from one being written.
const TEMPORARY_MARK: &str = ".stanceline-";
const TEMPORARY_SUFFIX: &str = ".tmp";

fn temporary_prefix(name: &OsStr) -> String {
    format!(
        ".{}{TEMPORARY_MARK}{}-",
        name.to_string_lossy(),
        std::process::id()
    )
}

/// The process that wrote a temporary file of ours, by its name.
fn temporary_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(TEMPORARY_SUFFIX)?;
    let (_, after) = rest.rsplit_once(TEMPORARY_MARK)?;
    let (pid, random) = after.split_once('-')?;
    (!random.is_empty() && !random.contains(['/', '.'])).then_some(())?;
    pid.parse().ok()
}

/// Remove the temporary files of our naming in `dir` whose process is no longer running (a
/// write interrupted by a kill). Where it cannot be told whether a process runs, nothing is
/// removed.
fn remove_stale_temporary_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temporary_owner) else {
            continue;
        };
        if pid != std::process::id()
            && process_has_ended(pid)
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether no process `pid` runs (Linux's `/proc` tells; elsewhere, assume it runs).
fn process_has_ended(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_name_their_process() {
        let prefix = temporary_prefix(OsStr::new("chart.png"));
        assert_eq!(
            prefix,
            format!(".chart.png.stanceline-{}-", std::process::id())
        );
        let name = format!("{prefix}aB3xYz.tmp");
        assert_eq!(temporary_owner(&name), Some(std::process::id()));
        assert_eq!(
            temporary_owner(".a.stanceline-x.svg.stanceline-12-abc.tmp"),
            Some(12)
        );
        for other in [
            "chart.png",
            ".chart.png.stanceline-12-.tmp",
            ".chart.png.stanceline-x-abc.tmp",
            ".chart.png.stanceline-12-abc.png",
            "chart.png.stanceline-12-abc.tmp",
        ] {
            assert_eq!(temporary_owner(other), None, "{other}");
        }
    }

    #[test]
    fn a_new_article_is_a_plain_yaml_name_in_articles_and_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let annotations = dir.path().join("annotations");
        std::fs::create_dir(&annotations).unwrap();
        let guard = Guard::new(&annotations);
        for name in [
            ".x.yaml",
            "a/b.yaml",
            "../b.yaml",
            "x.yml",
            "x.txt",
            ".yaml",
            "",
            "..",
        ] {
            let e = guard.create_article(name, b"x").unwrap_err();
            assert!(e.is_usage(), "{name}");
            assert_eq!(
                e.to_string(),
                format!(
                    "`{name}` is not a name for a new article file: it must be a file name \
                     ending in .yaml, not hidden, without a directory"
                )
            );
        }
        let path = guard.create_article("2009-x.yaml", b"first").unwrap();
        assert_eq!(path, annotations.join("articles/2009-x.yaml"));
        let e = guard.create_article("2009-x.yaml", b"second").unwrap_err();
        assert!(matches!(e, WriteError::Exists { .. }) && e.is_usage());
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        let names: Vec<_> = std::fs::read_dir(annotations.join("articles"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["2009-x.yaml"]);
    }

    #[test]
    fn resolving_applies_dotdot_past_missing_directories() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        std::fs::create_dir(real.join("a")).unwrap();
        assert_eq!(resolve(&real.join("missing/../a/x")), real.join("a/x"));
        assert_eq!(resolve(&real.join("a/b/c/../../y")), real.join("a/y"));
        assert_eq!(resolve(&real.join("a/..")), real);
        assert_eq!(resolve(&real.join("m/n/..")), real.join("m"));
    }
}
