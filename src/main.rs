use clap::Parser;
use stanceline::cli::{Cli, Command};
use stanceline::commands;
use std::process::ExitCode;

fn main() -> ExitCode {
    stanceline::alloc::keep_freed_memory();
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Events(args) => commands::events::run(args),
        Command::Query(args) => commands::query::run(args),
        Command::Changes(args) => commands::changes::run(args),
        Command::Chart(args) => commands::chart::run(args),
    };
    ExitCode::from(code)
}

// Loading a large corpus makes millions of small allocations; mimalloc makes them cheaper.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
