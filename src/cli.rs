//! The command line. The `///` comments are the `--help` text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Order recorded diplomatic positions as dated events, query them, and chart them.
#[derive(Debug, Parser)]
#[command(name = "stanceline", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the codebook and every article file, reporting every problem.
    Check(CheckArgs),
}

#[derive(Debug, Clone, Args)]
pub struct AnnotationArgs {
    /// The annotations directory, holding codebook.yaml and articles/.
    #[arg(
        long,
        value_name = "DIR",
        env = "STANCELINE_ANNOTATIONS",
        default_value = "annotations"
    )]
    pub annotations: PathBuf,

    /// Refuse annotation files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::annotation::load::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// rustc-like: message, file:line:col, the source line with a caret, help.
    Human,
    /// One `file:line:col: severity: message` line per problem.
    Short,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Treat warnings as errors (exit 1).
    Warnings,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub annotations: AnnotationArgs,

    /// Verify each quote against its article's `source:` text in this directory.
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,

    /// How to print problems.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,

    /// Fail (exit 1) on warnings too.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
}
