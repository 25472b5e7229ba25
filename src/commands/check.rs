//! `stanceline check`: validate everything and report every problem in one run.

use super::{OK, PROBLEMS, print_diagnostics};
use crate::annotation::load::{self, LoadOptions};
use crate::cli::CheckArgs;

pub fn run(args: &CheckArgs) -> u8 {
    let mut options = LoadOptions::new(&args.annotations.annotations);
    options.max_file_size = args.annotations.max_file_size;
    options.sources = args.sources.clone();
    let mut loaded = load::load(&options);
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
