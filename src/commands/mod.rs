//! One module per subcommand. Each returns the process exit code.

pub mod check;

use crate::annotation::load::Loaded;
use crate::cli::MessageFormat;
use crate::diagnostic::{self, Renderer};
use std::io::Write;

/// Exit codes.
pub const OK: u8 = 0;
pub const PROBLEMS: u8 = 1;
pub const USAGE: u8 = 2;

/// Print the diagnostics of a load to stderr, sorted by file and line.
pub fn print_diagnostics(loaded: &mut Loaded, format: MessageFormat) {
    diagnostic::sort(&mut loaded.diagnostics);
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    match format {
        MessageFormat::Short => {
            for d in &loaded.diagnostics {
                let _ = writeln!(err, "{}", d.short());
            }
        }
        MessageFormat::Human => {
            let renderer = Renderer::new(&loaded.sources);
            for d in &loaded.diagnostics {
                let _ = write!(err, "{}", renderer.render(d));
            }
        }
    }
}
