//! Writing charts: the format from the file's extension, the image encoded in memory, and the
//! bytes written through the [`Guard`] (never into the annotations, atomically).

use super::setup::{Image, ImageFormat};
use crate::output::write::{Guard, WriteError};
use image::ImageEncoder;
use std::io::{self, Write};
use std::path::Path;

/// The format a file name asks for, by its extension (case-insensitive).
pub fn format_of(path: &Path) -> Option<ImageFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "png" => Some(ImageFormat::Png),
        "svg" => Some(ImageFormat::Svg),
        _ => None,
    }
}

/// The file's bytes: the SVG text, or the PNG encoded as the drawing backend encodes it.
pub fn encode(image: &Image) -> io::Result<Vec<u8>> {
    match image {
        Image::Svg(svg) => Ok(svg.as_bytes().to_vec()),
        Image::Png { width, height, rgb } => {
            let mut bytes = Vec::new();
            image::codecs::png::PngEncoder::new(&mut bytes)
                .write_image(rgb, *width, *height, image::ColorType::Rgb8)
                .map_err(io::Error::other)?;
            Ok(bytes)
        }
    }
}

/// Write `image` to `path` through `guard`.
pub fn write(guard: &Guard, path: &Path, image: &Image) -> Result<(), WriteError> {
    let bytes = encode(image).map_err(|error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    guard.write_atomically(path, &bytes)
}

/// Write `image` to standard output (no temporary file: the PNG is encoded in memory).
pub fn write_stdout(image: &Image) -> io::Result<()> {
    let bytes = encode(image)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(&bytes)?;
    out.flush()
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
