//! `stanceline chart`: draw stance timelines as PNG or SVG.

use super::{OK, PROBLEMS, USAGE, load_model, resolve_parties};
use crate::cli::{ChartArgs, Format, ModelArgs};
use rayon::prelude::*;
use stanceline::chart::write::{self, format_of};
use stanceline::chart::{self, Chart, ChartError, DEFAULT_SET, ImageFormat, Kind, Options};
use stanceline::model::timeline::timelines;
use std::path::{Path, PathBuf};

/// Where one chart goes.
enum Target {
    File(PathBuf),
    Stdout,
}

pub fn run(args: &ChartArgs) -> u8 {
    let kind: Option<Kind> = args.kind.map(Into::into);
    let image_format: Option<ImageFormat> = args.format.map(Into::into);
    // Usage errors first, before reading anything.
    let single = match &args.output {
        Some(path) => match single_target(path, image_format) {
            Ok(t) => Some(t),
            Err(code) => return code,
        },
        None => None,
    };
    let from = args.from.map(|d| d.first_day());
    let to = args.to.map(|d| d.last_day());
    if let (Some(f), Some(t)) = (args.from, args.to)
        && from > to
    {
        eprintln!("error: --from {f} is after --to {t}");
        return USAGE;
    }

    let model = ModelArgs {
        annotations: args.annotations.clone(),
        known_by: args.known_by,
        format: Format::Table,
    };
    // Charts show stances over time, and no position's quote or article's title.
    let ds = &match load_model(&model, false) {
        Ok(ds) => ds,
        Err(code) => return code,
    };
    let parties = match resolve_parties(&ds.codebook, &args.party) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let timelines = timelines(ds);
    let options = |kind| Options {
        kind,
        parties: parties.clone(),
        from,
        to,
        known_by: args.known_by.map(|d| d.last_day()),
        width: args.width,
        height: args.height,
        title: args.title.clone(),
        theme: args.theme.into(),
    };
    let render = |kind, format| -> Result<chart::Image, ChartError> {
        Chart::new(ds, &timelines, &options(kind))?.render(format)
    };

    match single {
        Some((target, format)) => {
            let image = match render(kind.unwrap_or(Kind::Lanes), format) {
                Ok(image) => image,
                Err(e) => return refuse(&e),
            };
            match target {
                Target::Stdout => match write::write_stdout(&image) {
                    Ok(()) => OK,
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => OK,
                    Err(e) => {
                        eprintln!("error: cannot write the chart to stdout: {e}");
                        PROBLEMS
                    }
                },
                Target::File(path) => {
                    let result = save(&path, &image);
                    report(&[(path, result)])
                }
            }
        }
        None => {
            // Check every chart can be drawn before writing any.
            let mut kinds: Vec<Kind> = DEFAULT_SET.iter().map(|(_, k, _)| *k).collect();
            kinds.dedup();
            for kind in kinds.into_iter().filter(|k| kind.is_none_or(|a| a == *k)) {
                if let Err(e) = Chart::new(ds, &timelines, &options(kind)).and_then(|c| c.check()) {
                    return refuse(&e);
                }
            }
            let set: Vec<_> = DEFAULT_SET
                .iter()
                .filter(|(_, chart_kind, format)| {
                    kind.is_none_or(|k| k == *chart_kind)
                        && image_format.is_none_or(|f| f == *format)
                })
                .collect();
            let results: Vec<(PathBuf, Result<String, String>)> = set
                .par_iter()
                .map(|(name, kind, format)| {
                    let path = args.out_dir.join(name);
                    let result = render(*kind, *format)
                        .map_err(|e| format!("cannot draw `{}`: {e}", path.display()))
                        .and_then(|image| save(&path, &image));
                    (path, result)
                })
                .collect();
            report(&results)
        }
    }
}

/// Report a chart that cannot be drawn: a usage error for options that cannot give a
/// readable chart, a failure otherwise.
fn refuse(e: &ChartError) -> u8 {
    eprintln!("error: {e}");
    match e {
        ChartError::TooSmall(_) => {
            eprintln!("  = help: leave out --height to fit the chart to its content");
            USAGE
        }
        ChartError::Options(_) => USAGE,
        ChartError::Draw(_) => PROBLEMS,
    }
}

/// The target and format of `-o PATH`, or a usage error.
fn single_target(path: &Path, format: Option<ImageFormat>) -> Result<(Target, ImageFormat), u8> {
    if path.as_os_str() == "-" {
        return match format {
            Some(f) => Ok((Target::Stdout, f)),
            None => {
                eprintln!("error: writing a chart to stdout needs --format");
                eprintln!("  = help: stanceline chart -o - --format svg");
                Err(USAGE)
            }
        };
    }
    match format.or_else(|| format_of(path)) {
        Some(f) => Ok((Target::File(path.to_path_buf()), f)),
        None => {
            eprintln!(
                "error: cannot tell the image format of `{}` from its extension",
                path.display()
            );
            eprintln!("  = help: name a .png or .svg file, or pass --format png or --format svg");
            Err(USAGE)
        }
    }
}

/// Write a chart atomically; what was written, or the error naming the path.
fn save(path: &Path, image: &chart::Image) -> Result<String, String> {
    write::write(path, image)
        .map(|()| describe(image))
        .map_err(|e| e.to_string())
}

/// `1200×460 PNG`
fn describe(image: &chart::Image) -> String {
    match image {
        chart::Image::Png { width, height, .. } => format!("{width}×{height} PNG"),
        chart::Image::Svg(svg) => format!("SVG, {} KB", svg.len().div_ceil(1024)),
    }
}

/// Print what was written (to stderr, like `check`'s summary) and every failure.
fn report(results: &[(PathBuf, Result<String, String>)]) -> u8 {
    let mut code = OK;
    for (path, result) in results {
        match result {
            Ok(what) => eprintln!("wrote {} ({what})", path.display()),
            Err(e) => {
                eprintln!("error: {e}");
                code = PROBLEMS;
            }
        }
    }
    code
}
