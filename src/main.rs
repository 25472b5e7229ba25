//! The `stanceline` binary: the command line (`cli`) and one module per subcommand
//! (`commands`), over the library.

mod cli;
mod commands;

use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, ColorWhen, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    // clap's own messages (usage errors, --help) follow --color too, so it is read first.
    let color = match cli::color_asked(std::env::args_os()) {
        Some(ColorWhen::Always) => clap::ColorChoice::Always,
        Some(ColorWhen::Never) => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    };
    // `--annotations` before the subcommand, or none and annotations/ above the current
    // directory.
    let cwd = std::env::current_dir().ok();
    let (args, found) = cli::locate_annotations(std::env::args_os().collect(), cwd.as_deref());
    let matches = Cli::command().color(color).get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    commands::messages::set_color(cli.color);
    if let Some(dir) = found {
        commands::messages::note(format_args!(
            "using the annotations directory `{}`, found above the current directory",
            dir.display()
        ));
    }
    let result = match &cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Events(args) => commands::events::run(args),
        Command::Query(args) => commands::query::run(args),
        Command::Changes(args) => commands::changes::run(args),
        Command::Chart(args) => commands::chart::run(args),
        Command::Agree(args) => commands::agree::run(args),
        Command::Report(args) => commands::report::run(args),
        Command::Watch(args) => commands::watch::run(args),
        Command::Codebook(args) => commands::codebook::run(args),
        Command::New(args) => commands::new::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::completions::man(args),
    };
    // The one place an error is printed and the exit code set.
    let code = match result {
        Ok(outcome) => outcome.code(),
        Err(e) => {
            commands::messages::error(&e);
            e.code
        }
    };
    ExitCode::from(commands::messages::exit_code(code))
}

// Loading a large corpus makes millions of small allocations; mimalloc makes them cheaper.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
