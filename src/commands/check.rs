//! `stanceline check`: validate everything and report every problem in one run.

use super::{Error, Outcome, Result, load_options, messages, print_diagnostics};
use crate::cli::{CheckArgs, MessageFormat};
use stanceline::annotation::load;
use stanceline::diagnostic;

pub fn run(args: &CheckArgs) -> Result {
    if let Some(dir) = &args.sources {
        sources_directory(dir)?;
    }
    let mut options = load_options(&args.annotations)?;
    options.sources = args.sources.clone();
    // The full form shows the lines of conflicts found after loading; the short form needs
    // only the texts of files with problems found while loading (for none, in fact).
    options.keep_all_texts = args.message_format == MessageFormat::Human;
    options.keep_evidence = false;
    let mut loaded = load::load(&options);
    let conflicts = diagnostic::conflict_warnings(&loaded.dataset);
    loaded.diagnostics.extend(conflicts);
    let schemas = stanceline::authoring::schema::check_warnings(&options.dir, &loaded);
    loaded.diagnostics.extend(schemas);
    print_diagnostics(&mut loaded, args.message_format);
    if args.sources.is_none() {
        messages::note("quotes were not verified against the articles' texts (pass --sources DIR)");
    }
    messages::line(loaded.summary());
    let failed = loaded.errors() > 0 || (args.deny.is_some() && loaded.warnings() > 0);
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// `--sources DIR` must name a directory: otherwise every quote would be reported as
/// unverifiable, one warning per article, for a mistyped path.
fn sources_directory(dir: &std::path::Path) -> Result<()> {
    let shown = dir.display();
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Error::usage(format!(
            "the sources directory `{shown}` is a file, not a directory"
        ))
        .help("pass the directory that holds the articles' `source:` texts")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::usage(format!(
            "the sources directory `{shown}` does not exist"
        ))
        .help("pass the directory that holds the articles' `source:` texts")),
        Err(e) => Err(Error::usage(format!(
            "cannot read the sources directory `{shown}`: {}",
            stanceline::output::write::plain(&e)
        ))),
    }
}
