//! `stanceline completions SHELL` and `stanceline man [COMMAND]`: made by clap_complete and
//! clap_mangen from the command line's own definition, so they never fall behind it.

use super::{Error, Result, emit};
use crate::cli::{self, CompletionsArgs, ManArgs};

pub fn run(args: &CompletionsArgs) -> Result {
    // Made in memory first: clap_complete panics on a failed write (a closed pipe).
    let mut script = Vec::new();
    cli::write_completions(args.shell, &mut script);
    emit(|out| out.write_all(&script))
}

pub fn man(args: &ManArgs) -> Result {
    let mut page = Vec::new();
    match cli::write_man(args.command.as_deref(), &mut page) {
        Some(result) => {
            result.map_err(|e| Error::problems(format!("cannot write the page: {e}")))?
        }
        None => {
            let name = args.command.as_deref().unwrap_or_default();
            return Err(
                Error::usage(format!("stanceline has no command `{name}`")).help(format!(
                    "the commands are: {}",
                    cli::command_names().join(", ")
                )),
            );
        }
    }
    emit(|out| out.write_all(&page))
}
