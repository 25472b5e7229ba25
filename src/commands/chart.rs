//! `stanceline chart`: draw stance timelines as PNG or SVG.

use super::{Error, Outcome, Result, date_range, load_model, messages, resolve_parties};
use crate::cli::{ChartArgs, Format, ModelArgs};
use rayon::prelude::*;
use stanceline::chart::write::{self, format_of};
use stanceline::chart::{
    self, Chart, ChartError, DEFAULT_SET, DayRange, ImageFormat, Kind, Options,
};
use stanceline::model::timeline::timelines;
use stanceline::output::write::{Guard, WriteError, plain};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Where one chart goes.
enum Target {
    File(PathBuf),
    Stdout,
}

pub fn run(args: &ChartArgs) -> Result {
    let kind: Option<Kind> = args.kind.map(Into::into);
    let image_format: Option<ImageFormat> = args.format.map(Into::into);
    let guard = Guard::new(&args.annotations.annotations);
    // Usage errors first, before reading anything.
    let single = match &args.output {
        Some(path) => Some(single_target(&guard, path, image_format)?),
        None => {
            guard
                .check(&args.out_dir)
                .map_err(|e| refused(e, "pass an --out-dir outside it, such as `charts`"))?;
            None
        }
    };
    let (from, to) = date_range(args.from, args.to)?;

    let model = ModelArgs {
        annotations: args.annotations.clone(),
        known_by: args.known_by,
        format: Format::Table,
        skip: args.skip,
    };
    // A PNG shows stances over time; an SVG also carries each mark's evidence (quotes,
    // speakers, articles) in its tooltips.
    let svg = match &single {
        Some((_, format)) => *format == ImageFormat::Svg,
        None => image_format.is_none_or(|f| f == ImageFormat::Svg),
    };
    let model = load_model(&model, svg)?;
    let ds = &model.dataset;
    let parties = resolve_parties(&ds.codebook, &args.party)?;
    let timelines = timelines(ds);
    let theme = args.theme.into();
    let options = Options {
        kind: Kind::Lanes,
        parties: parties.clone(),
        from,
        to,
        known_by: args.known_by.map(|d| d.last_day()),
        width: args.width,
        height: args.height,
        title: args.title.clone(),
        theme,
        skipped_files: model.skipped.len(),
    };
    // Set up once: each kind is the same chart drawn another way.
    let base = Chart::new(ds, &timelines, &options).map_err(chart_error)?;
    let render = |kind, format| -> std::result::Result<chart::Image, ChartError> {
        base.restyled(kind, theme).render(format)
    };
    // Check every chart can be drawn before writing any.
    // Without a score there is no scale: the default set is the lanes charts alone.
    let scale = ds.codebook.stances().iter().any(|s| s.score.is_some());
    let default_kind = |k: &Kind| scale || kind.is_some() || *k != Kind::Scores;
    let mut kinds: Vec<Kind> = match single {
        Some(_) => vec![kind.unwrap_or(Kind::Lanes)],
        None => DEFAULT_SET
            .iter()
            .map(|(_, k, _)| *k)
            .filter(default_kind)
            .collect(),
    };
    kinds.dedup();
    for (i, kind) in kinds
        .into_iter()
        .filter(|k| kind.is_none_or(|a| a == *k))
        .enumerate()
    {
        let chart = base.restyled(kind, theme);
        chart.check().map_err(chart_error)?;
        if i == 0 {
            say_if_empty(&chart);
        }
    }

    match single {
        Some((target, format)) => {
            let image = render(kind.unwrap_or(Kind::Lanes), format).map_err(chart_error)?;
            match target {
                Target::Stdout => match write::write_stdout(&image) {
                    Ok(()) => Ok(Outcome::Success),
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Outcome::Success),
                    Err(e) => Err(Error::problems(format!(
                        "cannot write the chart to stdout: {}",
                        plain(&e)
                    ))),
                },
                Target::File(path) => {
                    let result = save(&guard, &path, &image);
                    report(vec![(path, result)])
                }
            }
        }
        None => {
            let set: Vec<_> = DEFAULT_SET
                .iter()
                .filter(|(_, chart_kind, format)| {
                    kind.is_none_or(|k| k == *chart_kind)
                        && image_format.is_none_or(|f| f == *format)
                        && default_kind(chart_kind)
                })
                .collect();
            if !scale {
                messages::note(format_args!(
                    "the codebook gives no stance a score: writing the lanes charts only, \
                     without a scores chart"
                ));
            }
            let results: Vec<(PathBuf, std::result::Result<String, Error>)> = set
                .par_iter()
                .map(|(name, kind, format)| {
                    let path = args.out_dir.join(name);
                    let result = render(*kind, *format)
                        .map_err(|e| {
                            Error::problems(format!("cannot draw `{}`: {e}", path.display()))
                        })
                        .and_then(|image| save(&guard, &path, &image));
                    (path, result)
                })
                .collect();
            report(results)
        }
    }
}

/// A chart that cannot be drawn: a usage error for options that cannot give a readable
/// chart, a failure otherwise.
fn chart_error(e: ChartError) -> Error {
    match e.clone() {
        ChartError::TooSmall(m) => {
            Error::usage(m).help("leave out --height to fit the chart to its content")
        }
        ChartError::Options(m) => Error::usage(m),
        ChartError::NoScale => Error::usage(e.to_string()).help(
            "give stances a `score:` in the codebook to place them on a scale, or draw the lanes \
             chart with --kind lanes",
        ),
        ChartError::Draw(m) => Error::problems(m),
    }
}

/// A write the guard refused, with where to write instead.
fn refused(e: WriteError, instead: &str) -> Error {
    Error::usage(e.to_string()).help(instead)
}

/// Say so when the asked range holds no position: an empty chart without a word would look
/// like a fault.
fn say_if_empty(chart: &Chart) {
    let any_position = chart.lanes.iter().any(|tl| !tl.observations.is_empty());
    if let (false, Some(day)) = (any_position, chart.ds.as_of) {
        messages::warning(
            format_args!(
                "no position of the parties charted is known by {day}: the chart is empty"
            ),
            &["give a later --known-by, or leave it out".into()],
        );
        return;
    }
    let (Some(span), Some(_)) = (chart.span, chart.clip) else {
        return;
    };
    let any_shown = chart
        .lanes
        .iter()
        .any(|tl| tl.segments.iter().any(|s| chart.shows(s)));
    if any_position && !any_shown {
        messages::warning(
            format_args!(
                "no {} falls in the chart's range, {} to {}: the chart is empty",
                match chart.ds.as_of {
                    None => "recorded position".to_string(),
                    Some(day) => format!("position known by {day}"),
                },
                span.first,
                span.last
            ),
            &["widen --from and --to, or leave them out to chart every position".into()],
        );
    } else if any_shown && !any_recorded_in(chart, span) {
        // Stances carried forward into the range are drawn, but nothing was said in it.
        messages::warning(
            format_args!(
                "no {} falls in the chart's range, {} to {}: its bars are stances carried \
                 forward from earlier positions",
                match chart.ds.as_of {
                    None => "recorded position".to_string(),
                    Some(day) => format!("position known by {day}"),
                },
                span.first,
                span.last
            ),
            &["widen --from and --to to see the positions behind them".into()],
        );
    }
}

/// Whether any position of the parties charted is held (as written, before carrying
/// forward) on a day of the chart's range.
fn any_recorded_in(chart: &Chart, span: DayRange) -> bool {
    chart.lanes.iter().any(|tl| {
        tl.observations.iter().any(|&o| {
            let ob = chart.ds.observation(o);
            ob.start.is_none_or(|d| d <= span.last) && ob.end.is_none_or(|d| d >= span.first)
        })
    })
}

/// The target and format of `-o PATH`, or a usage error.
fn single_target(
    guard: &Guard,
    path: &Path,
    format: Option<ImageFormat>,
) -> Result<(Target, ImageFormat)> {
    if path.as_os_str() == "-" {
        return match format {
            Some(ImageFormat::Png) if std::io::stdout().is_terminal() => Err(Error::usage(
                "refusing to write a PNG image to the terminal",
            )
            .help("redirect stdout to a file (`> chart.png`), or write one with -o chart.png")),
            Some(f) => Ok((Target::Stdout, f)),
            None => Err(Error::usage("writing a chart to stdout needs --format")
                .help("stanceline chart -o - --format svg")),
        };
    }
    // Inside the annotations, nothing is written, whatever the path names.
    let ext = format
        .or_else(|| format_of(path))
        .unwrap_or(ImageFormat::Png);
    guard.check(path).map_err(|e| {
        refused(
            e,
            &format!(
                "write the chart outside it, such as `-o charts/stance-timeline.{}`",
                ext.extension()
            ),
        )
    })?;
    if path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/') {
        return Err(Error::usage(format!(
            "`{}` is a directory; -o takes a file",
            path.display()
        ))
        .help(format!(
            "name a file such as `{}`, or pass --out-dir {} for the default set",
            path.join("stance-timeline.png").display(),
            path.display()
        )));
    }
    let format = match (format, format_of(path)) {
        (Some(asked), Some(named)) if asked != named => {
            messages::warning(
                format_args!(
                    "`{}` is named as {}, but --format {} writes {}",
                    path.display(),
                    article(named),
                    asked.extension(),
                    article(asked)
                ),
                &[format!(
                    "name the file `{}`, or leave out --format",
                    path.with_extension(asked.extension()).display()
                )],
            );
            asked
        }
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => {
            return Err(Error::usage(format!(
                "cannot tell the image format of `{}` from its extension",
                path.display()
            ))
            .help("name a .png or .svg file, or pass --format png or --format svg"));
        }
    };
    Ok((Target::File(path.to_path_buf()), format))
}

/// `a PNG`, `an SVG`
fn article(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "a PNG",
        ImageFormat::Svg => "an SVG",
    }
}

/// Write a chart through the guard; what was written, or the error naming the path.
fn save(guard: &Guard, path: &Path, image: &chart::Image) -> std::result::Result<String, Error> {
    match write::write(guard, path, image) {
        Ok(()) => Ok(describe(image)),
        Err(e) if e.is_usage() => Err(Error::usage(e.to_string())),
        Err(e) => Err(Error::problems(e.to_string())),
    }
}

/// `1200×460 PNG`
pub fn describe(image: &chart::Image) -> String {
    match image {
        chart::Image::Png { width, height, .. } => format!("{width}×{height} PNG"),
        chart::Image::Svg(svg) => format!("SVG, {} KB", svg.len().div_ceil(1024)),
    }
}

/// Print what was written (to stderr, like `check`'s summary), then every failure: the last
/// is the command's error, printed by `main`.
fn report(results: Vec<(PathBuf, std::result::Result<String, Error>)>) -> Result {
    let mut failures = Vec::new();
    for (path, result) in results {
        match result {
            Ok(what) => messages::line(format_args!("wrote {} ({what})", path.display())),
            Err(e) => failures.push(e),
        }
    }
    match failures.pop() {
        Some(last) => {
            failures.iter().for_each(messages::error);
            Err(last)
        }
        None => Ok(Outcome::Success),
    }
}
