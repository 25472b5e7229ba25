//! Where something is written in an annotation file. A leaf: the model carries spans of its
//! observations, and the diagnostic layer turns them into `file:line:col`.

/// A place in a file: 1-based line and column (in characters) and the byte range it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub line: usize,
    pub col: usize,
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The start of a file.
    pub const FILE: Span = Span {
        line: 1,
        col: 1,
        start: 0,
        end: 0,
    };

    /// The span of the byte range `start..end` of `source`, with its line and column computed.
    pub fn from_range(source: &str, start: usize, end: usize) -> Span {
        let start = start.min(source.len());
        let end = end.clamp(start, source.len());
        let before = &source[..start];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = source[line_start..start].chars().count() + 1;
        Span {
            line,
            col,
            start,
            end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_from_range_counts_lines_and_chars() {
        let src = "a: 1\nbé: xyz\n";
        let start = src.find("xyz").unwrap();
        let s = Span::from_range(src, start, start + 3);
        assert_eq!((s.line, s.col), (2, 5));
    }
}
