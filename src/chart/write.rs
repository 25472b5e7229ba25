//! Writing charts to disk: the format from the file's extension, and atomic replacement (a
//! temporary file in the target directory, then a rename), so that a failed write never
//! leaves a truncated chart or removes the old one.

use super::{Image, ImageFormat};
use plotters::backend::{BitMapBackend, DrawingBackend};
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The format a file name asks for, by its extension (case-insensitive).
pub fn format_of(path: &Path) -> Option<ImageFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "png" => Some(ImageFormat::Png),
        "svg" => Some(ImageFormat::Svg),
        _ => None,
    }
}

/// A chart that could not be written, naming the path.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write `{}`: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for WriteError {}

/// Write `image` to `path`, creating missing directories, replacing an existing file only
/// once the new one is complete.
pub fn write(path: &Path, image: &Image) -> Result<(), WriteError> {
    let fail = |error: io::Error| WriteError {
        path: path.to_path_buf(),
        error,
    };
    let name = path
        .file_name()
        .ok_or_else(|| fail(io::Error::other("not a file name")))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(&fail)?;
    if path.is_dir() {
        return Err(fail(io::Error::other("it is a directory")));
    }
    let tmp = dir.join(temporary_name(&name.to_string_lossy(), image));
    let result = write_new(&tmp, image).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

/// Write `image` to standard output.
pub fn write_stdout(image: &Image) -> io::Result<()> {
    let bytes = match image {
        Image::Svg(svg) => svg.as_bytes().to_vec(),
        Image::Png { .. } => {
            // The PNG encoder writes to a path: go through a temporary file.
            let tmp = std::env::temp_dir().join(temporary_name("stdout.png", image));
            let bytes = write_new(&tmp, image).and_then(|()| std::fs::read(&tmp));
            let _ = std::fs::remove_file(&tmp);
            bytes?
        }
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(&bytes)?;
    out.flush()
}

/// `.NAME.PID-N.tmp.EXT`: hidden, unique in this process, and ending in the format's
/// extension (the PNG encoder goes by it).
fn temporary_name(name: &str, image: &Image) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let ext = match image {
        Image::Png { .. } => ImageFormat::Png.extension(),
        Image::Svg(_) => ImageFormat::Svg.extension(),
    };
    format!(
        ".{name}.{}-{}.tmp.{ext}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Write a new file and flush it to disk.
fn write_new(path: &Path, image: &Image) -> io::Result<()> {
    match image {
        Image::Svg(svg) => {
            let mut f = std::fs::File::create(path)?;
            f.write_all(svg.as_bytes())?;
            f.sync_all()
        }
        Image::Png { width, height, rgb } => {
            {
                let mut backend = BitMapBackend::new(path, (*width, *height));
                backend
                    .blit_bitmap((0, 0), (*width, *height), rgb)
                    .map_err(|e| io::Error::other(e.to_string()))?;
                backend
                    .present()
                    .map_err(|e| io::Error::other(e.to_string()))?;
            }
            std::fs::File::open(path)?.sync_all()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        assert_eq!(format_of(Path::new("a/b.png")), Some(ImageFormat::Png));
        assert_eq!(format_of(Path::new("b.SVG")), Some(ImageFormat::Svg));
        assert_eq!(format_of(Path::new("b.jpg")), None);
        assert_eq!(format_of(Path::new("-")), None);
    }
}
