//! `stanceline check`: validate everything and report every problem in one run.

use super::{OK, PROBLEMS, load_options, print_diagnostics};
use crate::cli::{CheckArgs, MessageFormat};
use stanceline::annotation::load;
use stanceline::diagnostic;

pub fn run(args: &CheckArgs) -> u8 {
    let mut options = load_options(&args.annotations);
    options.sources = args.sources.clone();
    // The full form shows the lines of conflicts found after loading; the short form needs
    // only the texts of files with problems found while loading (for none, in fact).
    options.keep_all_texts = args.message_format == MessageFormat::Human;
    options.keep_evidence = false;
    let mut loaded = load::load(&options);
    let conflicts = diagnostic::conflict_warnings(&loaded.dataset);
    loaded.diagnostics.extend(conflicts);
    print_diagnostics(&mut loaded, args.message_format);
    if args.sources.is_none() {
        eprintln!(
            "note: quotes were not verified against the articles' texts (pass --sources DIR)"
        );
    }
    eprintln!("{}", loaded.summary());
    let failed = loaded.errors() > 0 || (args.deny.is_some() && loaded.warnings() > 0);
    if failed { PROBLEMS } else { OK }
}
