//! What `check` does with each kind of warning: report it, leave it out (`--allow KIND`), or
//! report it as an error (`--deny KIND`), as the command line and the codebook's `check:`
//! settings say.

use super::kind::WarningKind;
use super::located::{Diagnostic, Severity};
use std::fmt;

/// What `--allow` and `--deny` name: one kind, or every kind (`warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lint {
    /// `warnings`: every kind not named on its own.
    Warnings,
    Kind(WarningKind),
}

impl Lint {
    /// `warnings` or a kind's name, in any case.
    pub fn parse(name: &str) -> Option<Lint> {
        if name.trim().eq_ignore_ascii_case("warnings") {
            Some(Lint::Warnings)
        } else {
            WarningKind::parse(name).map(Lint::Kind)
        }
    }

    /// `warnings` and every kind's name, for suggestions and lists.
    pub fn names() -> impl Iterator<Item = &'static str> {
        std::iter::once("warnings").chain(WarningKind::names())
    }
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lint::Warnings => f.write_str("warnings"),
            Lint::Kind(k) => f.write_str(k.name()),
        }
    }
}

/// What happens to a warning of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error: `check` fails.
    Deny,
}

/// The levels one source of settings gives (the command line, or the codebook's `check:`):
/// for some kinds, and for all the others (`warnings`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    kinds: [Option<Level>; WarningKind::ALL.len()],
    warnings: Option<Level>,
}

impl Levels {
    /// Set the level of `lint`; a later setting of the same one wins.
    pub fn set(&mut self, lint: Lint, level: Level) {
        match lint {
            Lint::Warnings => self.warnings = Some(level),
            Lint::Kind(k) => self.kinds[k as usize] = Some(level),
        }
    }

    /// The level set for `lint` here, if any.
    pub fn get(&self, lint: Lint) -> Option<Level> {
        match lint {
            Lint::Warnings => self.warnings,
            Lint::Kind(k) => self.kinds[k as usize],
        }
    }

    /// These settings over `under` (the command line's over the codebook's): a kind named in
    /// either keeps the level named, this one's first; `warnings` counts only for the kinds
    /// neither names, so that a project's `allow: [conflict]` stands under `--deny warnings`
    /// while `--deny conflict` overrides it.
    pub fn over(&self, under: &Levels) -> Levels {
        let mut kinds = self.kinds;
        for (k, u) in kinds.iter_mut().zip(under.kinds) {
            *k = k.or(u);
        }
        Levels {
            kinds,
            warnings: self.warnings.or(under.warnings),
        }
    }

    /// The level of warnings of `kind`.
    pub fn level(&self, kind: WarningKind) -> Level {
        self.kinds[kind as usize]
            .or(self.warnings)
            .unwrap_or(Level::Warn)
    }

    /// Drop the warnings allowed and make the ones denied errors (which keep their kind).
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(|d| match d.kind.map(|k| self.level(k)) {
            Some(Level::Allow) => false,
            Some(Level::Deny) => {
                d.severity = Severity::Error;
                true
            }
            Some(Level::Warn) | None => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lints_read_in_any_case() {
        assert_eq!(Lint::parse(" Warnings"), Some(Lint::Warnings));
        assert_eq!(
            Lint::parse("line-ends"),
            Some(Lint::Kind(WarningKind::LineEnds))
        );
        assert_eq!(Lint::parse("line-end"), None);
    }

    #[test]
    fn a_kind_named_beats_warnings_and_the_command_line_beats_the_codebook() {
        use Level::*;
        use WarningKind::*;
        let mut codebook = Levels::default();
        codebook.set(Lint::Kind(Conflict), Allow);
        codebook.set(Lint::Kind(LineEnds), Deny);
        let mut cli = Levels::default();
        cli.set(Lint::Warnings, Deny);
        cli.set(Lint::Kind(LineEnds), Allow);
        let levels = cli.over(&codebook);
        assert_eq!(levels.level(Conflict), Allow);
        assert_eq!(levels.level(LineEnds), Allow);
        assert_eq!(levels.level(MissingQuote), Deny);
        assert_eq!(Levels::default().over(&codebook).level(MissingQuote), Warn);
        cli.set(Lint::Kind(Conflict), Deny);
        assert_eq!(cli.over(&codebook).level(Conflict), Deny);
    }

    #[test]
    fn allowed_warnings_are_dropped_and_denied_ones_are_errors_of_their_kind() {
        use crate::span::Span;
        let mut levels = Levels::default();
        levels.set(Lint::Kind(WarningKind::Conflict), Level::Allow);
        levels.set(Lint::Kind(WarningKind::LineEnds), Level::Deny);
        let w = |k| Diagnostic::warning(k, "a.yaml", Span::FILE, "w");
        let mut diagnostics = vec![
            w(WarningKind::Conflict),
            w(WarningKind::LineEnds),
            w(WarningKind::MissingQuote),
            Diagnostic::error("a.yaml", Span::FILE, "e"),
        ];
        levels.apply(&mut diagnostics);
        let kept: Vec<_> = diagnostics.iter().map(|d| (d.severity, d.kind)).collect();
        assert_eq!(
            kept,
            [
                (Severity::Error, Some(WarningKind::LineEnds)),
                (Severity::Warning, Some(WarningKind::MissingQuote)),
                (Severity::Error, None),
            ]
        );
    }
}
