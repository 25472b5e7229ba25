//! The command line. The `///` comments are the `--help` text.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use stanceline::chart;
use stanceline::date::{self, DATE_HELP, DatePoint, Edtf};
use stanceline::diagnostic::{Lint, WarningKind};
use stanceline::output;
use std::path::PathBuf;

/// Order recorded diplomatic positions as dated events, query them, and chart them.
#[derive(Debug, Parser)]
#[command(name = "stanceline", version, about, max_term_width = 100)]
pub struct Cli {
    /// Color in messages: on a terminal (auto, unless NO_COLOR is set, or CLICOLOR_FORCE
    /// asks for it elsewhere), always or never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal.
    Auto,
    Always,
    Never,
}

/// The last `--color WHEN` (or `--color=WHEN`) among the arguments, before they are parsed,
/// for clap's own messages; anything else is left to the parser to report.
pub fn color_asked(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<ColorWhen> {
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut asked = None;
    for (i, arg) in args.iter().enumerate() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--color") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(when) = value.and_then(|v| ColorWhen::from_str(v, true).ok()) {
            asked = Some(when);
        }
    }
    asked
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
    /// Agreement between coders: Krippendorff's alpha on the articles coded again.
    Agree(AgreeArgs),
    /// Write one self-contained HTML report: the charts, every piece of evidence, the sources.
    Report(ReportArgs),
    /// Check again on every save, and redraw the charts and the report: until Ctrl-C.
    Watch(WatchArgs),
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
        interval => {
            let ends: Vec<String> = interval.points().map(|d| d.to_string()).collect();
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
    /// last day; a time, as its whole day), to see what the record said then.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point, allow_hyphen_values = true)]
    pub known_by: Option<DatePoint>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    #[command(flatten)]
    pub skip: SkipArgs,
}

/// `--skip-broken`, for every command that answers from the record.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct SkipArgs {
    /// Leave out the article files with errors, after a warning that names each with its
    /// first error, and answer from the others, saying so in the output [default: errors
    /// stop the command]. A codebook with errors still stops it.
    #[arg(long)]
    pub skip_broken: bool,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Only these parties (id, name, short label or alias; repeatable, or separated by commas).
    #[arg(long, value_name = "PARTY")]
    pub party: Vec<String>,

    /// Only these stances (id or label; repeatable, or separated by commas).
    #[arg(long, value_name = "STANCE")]
    pub stance: Vec<String>,

    /// Only positions held on or after this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point, allow_hyphen_values = true)]
    pub from: Option<DatePoint>,

    /// Only positions held on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point, allow_hyphen_values = true)]
    pub to: Option<DatePoint>,

    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The party (id, name, short label or alias). Without it (or --party), every party of the
    /// codebook.
    pub party: Option<String>,

    /// Only these parties (id, name, short label or alias; repeatable, or separated by commas:
    /// china,japan).
    #[arg(long = "party", value_name = "PARTY", conflicts_with_all = ["party", "all"])]
    pub parties: Vec<String>,

    /// Every party of the codebook (the same as naming none): at `--at`, one row each;
    /// without it, each party's whole history.
    #[arg(long, conflicts_with = "party")]
    pub all: bool,

    /// The date (or period) to ask about: every stance held on any of its days. A partial date
    /// stands for its whole period (`2009` is 2009-01-01 to 2009-12-31); a qualifier (`2009~`,
    /// `2009?`) says how sure the date is and asks about the same days; an interval asks about
    /// every day from its start through its end (an open end, `..`, runs to the end of the
    /// record; an unknown one, `2009/`, asks about its known date alone). Without it, the
    /// party's whole history.
    #[arg(long, value_name = "DATE", value_parser = parse_edtf, allow_hyphen_values = true)]
    pub at: Option<Edtf>,

    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// Only these parties (id, name, short label or alias; repeatable, or separated by commas).
    #[arg(long, value_name = "PARTY")]
    pub party: Vec<String>,

    /// Only changes on or after this date (a month or year counts from its first day).
    #[arg(long, value_name = "DATE", value_parser = parse_date_point, allow_hyphen_values = true)]
    pub from: Option<DatePoint>,

    /// Only changes on or before this date (a month or year counts to its last day).
    #[arg(long, value_name = "DATE", value_parser = parse_date_point, allow_hyphen_values = true)]
    pub to: Option<DatePoint>,

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

    /// Only these parties, in the order given (id, name, short label or alias; repeatable, or
    /// separated by commas).
    #[arg(long, value_name = "PARTY")]
    pub party: Vec<String>,

    /// Start the time axis at this date (a month or year counts from its first day).
    #[arg(long, value_name = "DATE", value_parser = parse_date_point, allow_hyphen_values = true)]
    pub from: Option<DatePoint>,

    /// End the time axis at this date (a month or year counts to its last day).
    #[arg(long, value_name = "DATE", value_parser = parse_date_point, allow_hyphen_values = true)]
    pub to: Option<DatePoint>,

    /// Use only articles certainly published by this date (a month or year counts from its
    /// last day), to see what the record said then.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point, allow_hyphen_values = true)]
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
    pub skip: SkipArgs,

    #[command(flatten)]
    pub annotations: AnnotationArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the report to FILE; `-` is stdout.
    #[arg(short, long, value_name = "FILE", default_value = "charts/report.html")]
    pub output: PathBuf,

    /// Only this party (id, name or alias; repeatable, in the order given).
    #[arg(long, value_name = "PARTY")]
    pub party: Vec<String>,

    /// Start the charts' time axis, and what the report covers, at this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point)]
    pub from: Option<DatePoint>,

    /// End the charts' time axis, and what the report covers, at this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point)]
    pub to: Option<DatePoint>,

    /// Use only articles certainly published by this date (a month or year counts from its
    /// last day), to see what the record said then.
    #[arg(long, value_name = "DATE", value_parser = parse_date_point)]
    pub known_by: Option<DatePoint>,

    /// Check each quote against its article's `source:` text in this directory, and show in
    /// the sources table which were found (with the closest passage of those that were not).
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,

    #[command(flatten)]
    pub skip: SkipArgs,

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
    /// One JSON object per problem and line, on stdout.
    Json,
}

/// `warnings` or a kind of warning, with what each is, for `--allow` and `--deny`.
fn lint_parser() -> impl TypedValueParser<Value = Lint> {
    let all = PossibleValue::new("warnings").help("every kind not named on its own");
    let kinds = WarningKind::ALL
        .into_iter()
        .map(|k| PossibleValue::new(k.name()).help(k.describe()));
    PossibleValuesParser::new(std::iter::once(all).chain(kinds))
        .map(|name| Lint::parse(&name).expect("a possible value names a lint"))
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// After each change that leaves the annotations valid, write the default charts (as
    /// `stanceline chart` does) [default: only check].
    #[arg(long)]
    pub chart: bool,

    /// Where the charts go.
    #[arg(long, value_name = "DIR", default_value = "charts")]
    pub out_dir: PathBuf,

    /// After each change that leaves the annotations valid, write the HTML report to FILE (as
    /// `stanceline report -o FILE` does).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    #[command(flatten)]
    pub skip: SkipArgs,

    #[command(flatten)]
    pub check: CheckArgs,
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

    /// Report warnings of this kind as errors (exit 1); `warnings` for every kind
    /// (repeatable).
    #[arg(long, value_name = "KIND", value_parser = lint_parser(), ignore_case = true)]
    pub deny: Vec<Lint>,

    /// Leave out warnings of this kind; `warnings` for every kind (repeatable).
    #[arg(long, value_name = "KIND", value_parser = lint_parser(), ignore_case = true)]
    pub allow: Vec<Lint>,
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

/// `0`, or at least 1000 bootstrap samples (as KALPHA asks).
fn parse_samples(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n == 0 || n >= 1000 => Ok(n),
        Ok(_) => Err("give 0 (no intervals) or at least 1000 samples".into()),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Reliability codings are `reliability/CODER/*.yaml` in the annotations directory: \
each an independent coding of an article of `articles/`, in the same format, by the coder its \
folder names. The record's coder of an article is its `annotator`."
)]
pub struct AgreeArgs {
    /// List the units with each coder's value, instead of the figures.
    #[arg(long, group = "list")]
    pub units: bool,

    /// List the units whose coders disagree on the stance, with each coder's stance and quote.
    #[arg(long, group = "list")]
    pub disagreements: bool,

    /// List what each coder coded of the articles they coded.
    #[arg(long, group = "list")]
    pub coverage: bool,

    /// Write the reliability matrix (coders by units, empty where missing) as CSV, the shape
    /// the `krippendorff` package takes.
    #[arg(long, group = "list")]
    pub matrix: bool,

    /// The matrix's variable.
    #[arg(long, value_enum, default_value_t = Variable::Stance, requires = "matrix")]
    pub variable: Variable,

    /// The level of the matrix's numbers [default: nominal for stance and basis, ordinal for
    /// confidence].
    #[arg(long, value_enum, requires = "matrix")]
    pub level: Option<Level>,

    /// Bootstrap samples for each 95 % confidence interval (0 for none).
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = parse_samples)]
    pub bootstrap: usize,

    /// The bootstrap's seed: the same seed gives the same intervals.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,

    /// Output format [default: table; the matrix is CSV].
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    #[command(flatten)]
    pub annotations: AnnotationArgs,
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
pub enum Variable {
    Stance,
    Basis,
    Confidence,
}

impl From<Variable> for stanceline::model::reliability::Variable {
    fn from(v: Variable) -> Self {
        use stanceline::model::reliability::Variable as V;
        match v {
            Variable::Stance => V::Stance,
            Variable::Basis => V::Basis,
            Variable::Confidence => V::Confidence,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    /// Each value's place in its list, from 1 (the stance's in the codebook).
    Nominal,
    /// Each value's rank, from 1 (a stance's in scale order among those with a score).
    Ordinal,
    /// The stance's score.
    Interval,
}

impl From<Level> for stanceline::model::agreement::Level {
    fn from(l: Level) -> Self {
        use stanceline::model::agreement::Level as L;
        match l {
            Level::Nominal => L::Nominal,
            Level::Ordinal => L::Ordinal,
            Level::Interval => L::Interval,
        }
    }
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

/// Subcommands that read no annotations.
const WITHOUT_ANNOTATIONS: [&str; 3] = ["completions", "man", "help"];

/// Options of the annotations that may come before the subcommand (`stanceline
/// --annotations DIR check`): they are moved after it, where every subcommand takes them.
const MOVABLE: [&str; 2] = ["--annotations", "--max-file-size"];

/// The arguments with `--annotations DIR` (and `--max-file-size N`) moved after the
/// subcommand when given before it; and, when no annotations directory is named (by option or
/// `STANCELINE_ANNOTATIONS`) and `./annotations` does not exist, the nearest
/// `annotations/codebook.yaml` above the current directory, as git finds `.git`: then
/// `--annotations` naming it is added, and the directory is returned, for a note.
pub fn locate_annotations(
    args: Vec<std::ffi::OsString>,
    cwd: Option<&std::path::Path>,
) -> (Vec<std::ffi::OsString>, Option<PathBuf>) {
    use std::ffi::OsString;
    let text = |a: &OsString| a.to_string_lossy().into_owned();
    // Where the subcommand is: the first argument that is neither an option nor its value.
    let mut moved: Vec<OsString> = Vec::new();
    let mut rest: Vec<OsString> = Vec::new();
    let mut sub = None;
    let mut i = 1;
    while i < args.len() {
        let a = text(&args[i]);
        let takes_value = a == "--color" || MOVABLE.contains(&a.as_str());
        if MOVABLE.contains(&a.as_str()) && i + 1 < args.len() {
            moved.extend([args[i].clone(), args[i + 1].clone()]);
            i += 2;
            continue;
        }
        if MOVABLE.iter().any(|m| a.starts_with(&format!("{m}="))) {
            moved.push(args[i].clone());
            i += 1;
            continue;
        }
        if !a.starts_with('-') {
            sub = Some(i);
            break;
        }
        rest.push(args[i].clone());
        if takes_value && i + 1 < args.len() {
            rest.push(args[i + 1].clone());
            i += 1;
        }
        i += 1;
    }
    let Some(sub) = sub else {
        return (args, None);
    };
    let name = text(&args[sub]);
    let mut out: Vec<OsString> = vec![args[0].clone()];
    out.extend(rest);
    out.push(args[sub].clone());
    let named = !moved.is_empty()
        || args[sub + 1..].iter().any(|a| {
            let a = text(a);
            a == "--annotations" || a.starts_with("--annotations=")
        })
        || std::env::var_os("STANCELINE_ANNOTATIONS").is_some_and(|v| !v.is_empty());
    out.extend(moved);
    let mut found = None;
    if !named
        && !WITHOUT_ANNOTATIONS.contains(&name.as_str())
        && let Some(cwd) = cwd
        && !cwd.join("annotations").exists()
    {
        let mut up = PathBuf::new();
        for dir in cwd.ancestors().skip(1) {
            up.push("..");
            if dir.join("annotations").join("codebook.yaml").is_file() {
                let path = up.join("annotations");
                out.push("--annotations".into());
                out.push(path.clone().into_os_string());
                found = Some(path);
                break;
            }
        }
    }
    out.extend(args[sub + 1..].iter().cloned());
    (out, found)
}
