//! `stanceline check`: validate everything and report every problem in one run.

use super::{OK, PROBLEMS, load_options, print_diagnostics};
use crate::annotation::{load, validate};
use crate::cli::CheckArgs;
use crate::model::timeline::timelines;

pub fn run(args: &CheckArgs) -> u8 {
    let mut options = load_options(&args.annotations);
    options.sources = args.sources.clone();
    let mut loaded = load::load(&options);
    let timelines = timelines(&loaded.dataset);
    let conflicts = validate::conflict_warnings(&loaded.dataset, &timelines);
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
