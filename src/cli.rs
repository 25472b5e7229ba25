//! The command line. The `///` comments are the `--help` text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use stanceline::chart;
use stanceline::date::{self, DATE_HELP, DatePoint, Edtf};
use stanceline::output;
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
    /// List the recorded positions as dated events, in their total order.
    Events(EventsArgs),
    /// What a party held at a date, on what evidence, or a party's whole history.
    Query(QueryArgs),
    /// Every change of stance, in time order.
    Changes(ChangesArgs),
    /// Draw stance timelines as PNG or SVG charts.
    Chart(ChartArgs),
    /// List the codebook: the question, the stances in scale order, the parties, the speakers.
    Codebook(CodebookArgs),
    /// Create a new article file to fill in, in the annotations' articles/, and print its path.
    New(NewArgs),
    /// Write JSON Schemas of article files and of the codebook, for editors.
    Schema(SchemaArgs),
    /// Print a shell's completion script.
    Completions(CompletionsArgs),
    /// Print the manual page of stanceline, or of one of its commands, as roff.
    Man(ManArgs),
}

/// Parse an EDTF date or interval from the command line.
pub fn parse_edtf(text: &str) -> Result<Edtf, String> {
    date::parse(text).map_err(|e| format!("{e}\n  help: {DATE_HELP}"))
}

/// Parse a single EDTF date (not an interval) from the command line.
pub fn parse_date_point(text: &str) -> Result<DatePoint, String> {
    match parse_edtf(text)? {
        Edtf::Date(d) => Ok(d),
        // Its own ends are the dates meant, most likely.
        Edtf::Interval { start, end } => {
            let ends: Vec<String> = [start, end]
                .iter()
                .flatten()
                .map(|d| d.to_string())
                .collect();
            Err(format!(
                "`{text}` is an interval; give one date, such as {}",
                ends.join(" or ")
            ))
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ModelArgs {
    #[command(flatten)]
    pub annotations: AnnotationArgs,

    /// Use only articles certainly published by this date (a month or year counts from its
    /// last day), to see what the record said then.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point)]
    pub known_by: Option<DatePoint>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Only this party (id, name or alias; repeatable).
    #[arg(long, value_name = "PARTY")]
    pub party: Vec<String>,

    /// Only this stance (id; repeatable).
    #[arg(long, value_name = "STANCE")]
    pub stance: Vec<String>,

    /// Only positions held on or after this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point)]
    pub from: Option<DatePoint>,

    /// Only positions held on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point)]
    pub to: Option<DatePoint>,

    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The party (id, name or alias). Without it, every party of the codebook at `--at`.
    pub party: Option<String>,

    /// The date (or period) to ask about. Without it, the party's whole history.
    #[arg(long, value_name = "DATE", value_parser = parse_edtf)]
    pub at: Option<Edtf>,

    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// Only this party (id, name or alias; repeatable).
    #[arg(long, value_name = "PARTY")]
    pub party: Vec<String>,

    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Without -o, writes the default set into --out-dir: stance-timeline.png, \
stance-timeline.svg, stance-scores.png and stance-scores.svg (--kind and --format narrow it)."
)]
pub struct ChartArgs {
    /// Write one chart to FILE; its extension (.png, .svg) gives the format. `-` is stdout
    /// (with --format).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The image format, whatever the file's extension.
    #[arg(long, value_enum)]
    pub format: Option<ImageFormat>,

    /// Where the default set goes, without -o.
    #[arg(long, value_name = "DIR", default_value = "charts")]
    pub out_dir: PathBuf,

    /// Which chart [default: lanes with -o; both without].
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,

    /// Only this party (id, name or alias; repeatable, in the order given).
    #[arg(long, value_name = "PARTY")]
    pub party: Vec<String>,

    /// Start the time axis at this date (a month or year counts from its first day).
    #[arg(long, value_name = "DATE", value_parser = parse_date_point)]
    pub from: Option<DatePoint>,

    /// End the time axis at this date (a month or year counts to its last day).
    #[arg(long, value_name = "DATE", value_parser = parse_date_point)]
    pub to: Option<DatePoint>,

    /// Use only articles certainly published by this date (a month or year counts from its
    /// last day), to see what the record said then.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point)]
    pub known_by: Option<DatePoint>,

    /// Image width in pixels.
    #[arg(long, value_name = "PX", default_value_t = stanceline::chart::DEFAULT_WIDTH,
          value_parser = clap::value_parser!(u32).range(stanceline::chart::MIN_WIDTH as i64..=stanceline::chart::MAX_SIZE as i64))]
    pub width: u32,

    /// Image height in pixels [default: fitted to the parties and the legend].
    #[arg(long, value_name = "PX",
          value_parser = clap::value_parser!(u32).range(stanceline::chart::MIN_HEIGHT as i64..=stanceline::chart::MAX_SIZE as i64))]
    pub height: Option<u32>,

    /// The chart's title [default: the codebook's question].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Colors for a light or a dark page.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,

    #[command(flatten)]
    pub annotations: AnnotationArgs,
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
    #[arg(long, value_name = "BYTES", default_value_t = stanceline::annotation::load::DEFAULT_MAX_FILE_SIZE)]
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

/// The output format of `events`, `query` and `changes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people, fitted to the terminal width.
    Table,
    /// An array of objects.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

impl From<Format> for output::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Table => output::Format::Table,
            Format::Json => output::Format::Json,
            Format::Csv => output::Format::Csv,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// One lane per party: a colored bar for each stretch of one stance, a marker for each
    /// observation.
    Lanes,
    /// One step line per party: the stance's score over time.
    Scores,
}

impl From<Kind> for chart::Kind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Lanes => chart::Kind::Lanes,
            Kind::Scores => chart::Kind::Scores,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    /// Dark text on white.
    Light,
    /// Light text on a dark background.
    Dark,
}

impl From<Theme> for chart::Theme {
    fn from(t: Theme) -> Self {
        match t {
            Theme::Light => chart::Theme::Light,
            Theme::Dark => chart::Theme::Dark,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    /// A bitmap (anti-aliased, drawn at twice the size and averaged down).
    Png,
    /// A vector image; text stays text.
    Svg,
}

impl From<ImageFormat> for chart::ImageFormat {
    fn from(f: ImageFormat) -> Self {
        match f {
            ImageFormat::Png => chart::ImageFormat::Png,
            ImageFormat::Svg => chart::ImageFormat::Svg,
        }
    }
}

#[derive(Debug, Args)]
pub struct CodebookArgs {
    /// Only this part of the codebook (needed with --format csv, which holds one table).
    #[arg(value_enum)]
    pub part: Option<CodebookPart>,

    /// Output format (JSON: an object with the question and one array per part).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    #[command(flatten)]
    pub annotations: AnnotationArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CodebookPart {
    /// The stances, in scale order.
    Stances,
    /// The parties, in codebook order.
    Parties,
    /// The speakers, one row per period.
    Speakers,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Missing --title, --outlet or --published are asked for when standard \
input is a terminal. The file is named DATE-SLUG.yaml after --published and --slug (by default \
made from the title); an existing file is never replaced."
)]
pub struct NewArgs {
    /// The article's text: `source:` is set to its file name, and the title defaults to its
    /// first line that is not empty.
    #[arg(value_name = "SOURCE")]
    pub source: Option<PathBuf>,

    /// The article's title.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Where it was published.
    #[arg(long, value_name = "TEXT")]
    pub outlet: Option<String>,

    /// Who wrote it.
    #[arg(long, value_name = "TEXT")]
    pub author: Option<String>,

    /// When it was published (one date: 2009-07-27, 2009-07, 2009).
    #[arg(long, value_name = "DATE", value_parser = parse_date_point)]
    pub published: Option<DatePoint>,

    /// Where it can be read.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The file name after the date [default: made from the title].
    #[arg(long, value_name = "SLUG")]
    pub slug: Option<String>,

    #[command(flatten)]
    pub annotations: AnnotationArgs,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The schemas go to .stanceline/schema/ beside the annotations directory \
(article.schema.json and codebook.schema.json); article files written by `stanceline new` point \
at the first."
)]
pub struct SchemaArgs {
    /// Print this schema to standard output instead of writing the files.
    #[arg(long, value_enum, value_name = "SCHEMA")]
    pub print: Option<SchemaKind>,

    #[command(flatten)]
    pub annotations: AnnotationArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Article files, with the codebook's names.
    Article,
    /// The codebook.
    Codebook,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print [default: stanceline's own].
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Write `shell`'s completion script for stanceline to `out`.
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "stanceline", out);
}

/// The names of stanceline's commands, for `man`.
pub fn command_names() -> Vec<String> {
    <Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|n| n != "help")
        .collect()
}

/// Write the man page of stanceline, or of its command `name` (as `stanceline-NAME`), to
/// `out`; `None` for a command that does not exist.
pub fn write_man(name: Option<&str>, out: &mut dyn std::io::Write) -> Option<std::io::Result<()>> {
    let mut top = <Cli as clap::CommandFactory>::command();
    top.build();
    // Built, each command is named `stanceline-NAME` on its page and used as `stanceline NAME`.
    let command = match name {
        None => top,
        Some(n) => top.find_subcommand(n)?.clone(),
    };
    let source = format!("stanceline {}", env!("CARGO_PKG_VERSION"));
    Some(clap_mangen::Man::new(command).source(source).render(out))
}
