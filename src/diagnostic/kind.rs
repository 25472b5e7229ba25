//! The kinds of warning `check` gives, each with a stable name: shown with the warning
//! (`warning[conflict]: ...`), given as `code` in JSON, and named by `--allow KIND`,
//! `--deny KIND` and the codebook's `check:` settings, so that a project can say which
//! warnings it accepts and which it treats as problems.

use std::fmt;

/// One kind of warning. Errors have no kind: they are never allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    Conflict,
    MissingQuote,
    QuoteNotFound,
    SourceUnreadable,
    FileNameDate,
    LongShortLabel,
    SimilarColors,
    ByteOrderMark,
    LineEnds,
    CutByComment,
    CoderFolder,
    SchemaOutOfDate,
}

impl WarningKind {
    /// Every kind, in the order they are listed.
    pub const ALL: [WarningKind; 12] = [
        WarningKind::Conflict,
        WarningKind::MissingQuote,
        WarningKind::QuoteNotFound,
        WarningKind::SourceUnreadable,
        WarningKind::FileNameDate,
        WarningKind::LongShortLabel,
        WarningKind::SimilarColors,
        WarningKind::ByteOrderMark,
        WarningKind::LineEnds,
        WarningKind::CutByComment,
        WarningKind::CoderFolder,
        WarningKind::SchemaOutOfDate,
    ];

    /// The stable name, as users write it. Never change one: projects name them.
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::Conflict => "conflict",
            WarningKind::MissingQuote => "missing-quote",
            WarningKind::QuoteNotFound => "quote-not-found",
            WarningKind::SourceUnreadable => "source-unreadable",
            WarningKind::FileNameDate => "file-name-date",
            WarningKind::LongShortLabel => "long-short-label",
            WarningKind::SimilarColors => "similar-colors",
            WarningKind::ByteOrderMark => "byte-order-mark",
            WarningKind::LineEnds => "line-ends",
            WarningKind::CutByComment => "cut-by-comment",
            WarningKind::CoderFolder => "coder-folder",
            WarningKind::SchemaOutOfDate => "schema-out-of-date",
        }
    }

    /// What a warning of this kind is about, in a few words (for `--help`).
    pub fn describe(self) -> &'static str {
        match self {
            WarningKind::Conflict => "two positions of one party hold different stances at once",
            WarningKind::MissingQuote => "a position without a quote",
            WarningKind::QuoteNotFound => "a quote not found in its article's source text",
            WarningKind::SourceUnreadable => "an article's source text cannot be read",
            WarningKind::FileNameDate => "a file name whose date is not the published date",
            WarningKind::LongShortLabel => {
                "a short label longer than what it shortens, or than 30 characters"
            }
            WarningKind::SimilarColors => "two parties or two stances with colors alike",
            WarningKind::ByteOrderMark => "a file that starts with a byte-order mark",
            WarningKind::LineEnds => "a file with CRLF or CR line ends",
            WarningKind::CutByComment => "an unquoted text cut short by ` #` (a YAML comment)",
            WarningKind::CoderFolder => {
                "a reliability coding whose annotator is not the coder of its folder"
            }
            WarningKind::SchemaOutOfDate => {
                "an editor schema older than the codebook, or not written by this stanceline"
            }
        }
    }

    /// The kind of this name, in any case.
    pub fn parse(name: &str) -> Option<WarningKind> {
        let name = name.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
    }

    /// Every kind's name, for suggestions and lists.
    pub fn names() -> impl Iterator<Item = &'static str> {
        Self::ALL.into_iter().map(WarningKind::name)
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_and_read_back_in_any_case() {
        for k in WarningKind::ALL {
            assert_eq!(WarningKind::parse(k.name()), Some(k));
            assert_eq!(WarningKind::parse(&k.name().to_uppercase()), Some(k));
            assert!(
                k.name()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
            );
        }
        let mut names: Vec<&str> = WarningKind::names().collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), WarningKind::ALL.len());
        assert_eq!(WarningKind::parse("warnings"), None);
    }
}
