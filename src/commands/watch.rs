//! `stanceline watch`: check again on every save, and redraw the charts and the report.
//!
//! The annotations are loaded once into a [`Workspace`]; each burst of file-system events
//! (debounced: an editor's save is several) refreshes it, reading again only the files that
//! changed. A round then prints what `check` would print, keeping every party's timeline
//! (built again only for the parties whose positions changed in a stance, a date or their
//! order), finding conflicts again only for the parties the changed files name, and rendering
//! again only the diagnostics that are new or whose files changed; with `--chart` or
//! `--report`, it writes the outputs that changed, when the annotations are valid (or
//! `--skip-broken` leaves the broken files out). What a
//! round prints and writes is what fresh `check`, `chart` and `report` runs would
//! (tests/watch.rs compares them), but for the status line that ends it.

use super::check::{self, Shown};
use super::{
    Error, Outcome, Rendered, Result, broken_articles, load_options, messages, warn_skipped,
};
use crate::cli::{MessageFormat, WatchArgs};
use notify::{RecursiveMode, Watcher};
use rayon::prelude::*;
use stanceline::annotation::workspace::{Changed, Touched, Workspace};
use stanceline::chart::{self, Chart, DEFAULT_SET, Kind, Options};
use stanceline::diagnostic::{self, Diagnostic, Level, Levels, Severity, Sources, WarningKind};
use stanceline::model::PartyId;
use stanceline::model::observation::Dataset;
use stanceline::model::timeline::{Timeline, timelines, update_timelines};
use stanceline::output::write::Guard;
use stanceline::report::SkippedFile;
use stanceline::words::plural;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A burst of events ends when none has come for this long: an editor's save (a temporary
/// file written, renamed over the old one) is a few events within a millisecond or two.
const QUIET: Duration = Duration::from_millis(8);
/// A burst that goes on (a checkout, a copy of many files) is answered after this long.
const LONGEST_BURST: Duration = Duration::from_millis(500);

enum Message {
    Fs(notify::Result<notify::Event>),
    Stop,
}

pub fn run(args: &WatchArgs) -> Result {
    // Usage errors first, before reading anything.
    let asked = check::levels(&args.check)?;
    if let Some(dir) = &args.check.sources {
        check::sources_directory(dir)?;
    }
    let dir = args.check.annotations.annotations.clone();
    let guard = Guard::new(&dir);
    if args.chart {
        guard.check(&args.out_dir).map_err(|e| {
            Error::usage(e.to_string()).help("pass an --out-dir outside it, such as `charts`")
        })?;
    }
    if let Some(report) = &args.report {
        super::report::check_target(&guard, report)?;
    }
    let mut options = load_options(&args.check.annotations)?;
    options.sources = args.check.sources.clone();
    // The workspace keeps every article file's text; quotes and titles only for outputs.
    options.keep_all_texts = false;
    options.keep_evidence = args.chart || args.report.is_some();

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    })
    .map_err(|e| Error::problems(format!("cannot set up Ctrl-C: {e}")))?;
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(Message::Fs(event));
    })
    .map_err(|e| Error::problems(format!("cannot watch the annotations: {e}")))?;
    let mut events = Events::new(&dir);
    // Watched before the first load, so that a save while it reads is a burst like any other
    // (the load's own reads are events too, ignored).
    events.watch(&mut watcher)?;

    let started = Instant::now();
    let mut ws = Workspace::open(options);
    let mut round = Round::new(args, asked, std::io::stderr().is_terminal());
    round.run(&ws, &Touched::everything(), started);
    loop {
        // Nobody reads the rounds any more (`watch 2>&1 | head`, a task runner gone): end, as
        // Ctrl-C ends it.
        if messages::reader_gone() {
            return Ok(Outcome::Success);
        }
        let Some((changed, since)) = events.next(&rx, &mut watcher) else {
            return Ok(Outcome::Success);
        };
        if let Some(touched) = ws.refresh(&changed) {
            round.run(&ws, &touched, since);
        }
    }
}

/// The file-system events of the annotations directory, as bursts of changed paths.
struct Events {
    /// The directory as given, and as the events name it.
    dir: PathBuf,
    absolute: PathBuf,
    watching: bool,
}

impl Events {
    fn new(dir: &Path) -> Events {
        let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        Events {
            dir: dir.to_path_buf(),
            absolute,
            watching: false,
        }
    }

    /// Watch the directory, and its parent for the directory being removed and restored.
    fn watch(&mut self, watcher: &mut impl Watcher) -> Result<()> {
        if let Some(parent) = self.absolute.parent() {
            // A directory at the root has no parent to watch: its removal is then not seen.
            let _ = watcher.watch(parent, RecursiveMode::NonRecursive);
        }
        self.rewatch(watcher);
        if self.watching {
            Ok(())
        } else {
            Err(Error::problems(format!(
                "cannot watch the annotations directory `{}`",
                self.dir.display()
            ))
            .help("check that it exists and is readable, and that the system allows more watches (fs.inotify.max_user_watches)"))
        }
    }

    fn rewatch(&mut self, watcher: &mut impl Watcher) {
        if self.absolute.is_dir() {
            let _ = watcher.unwatch(&self.absolute);
            self.watching = watcher
                .watch(&self.absolute, RecursiveMode::Recursive)
                .is_ok();
        } else {
            self.watching = false;
        }
    }

    /// The next burst of changes, and when it began; `None` on Ctrl-C.
    fn next(
        &mut self,
        rx: &mpsc::Receiver<Message>,
        watcher: &mut impl Watcher,
    ) -> Option<(Changed, Instant)> {
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut all = false;
        loop {
            let first = rx.recv().ok()?;
            let since = Instant::now();
            if !self.take(first, &mut paths, &mut all) {
                return None;
            }
            while since.elapsed() < LONGEST_BURST {
                match rx.recv_timeout(QUIET) {
                    Ok(m) => {
                        if !self.take(m, &mut paths, &mut all) {
                            return None;
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return None,
                }
            }
            // The directory removed and restored: watched again, and everything looked at.
            if paths.contains(&self.dir) || !self.watching {
                let was = self.watching;
                self.rewatch(watcher);
                all |= self.watching && !was;
            }
            if all {
                return Some((Changed::All, since));
            }
            if !paths.is_empty() {
                paths.sort_unstable();
                paths.dedup();
                return Some((Changed::Paths(paths), since));
            }
        }
    }

    /// Add what a message says changed; `false` for Ctrl-C.
    fn take(&self, m: Message, paths: &mut Vec<PathBuf>, all: &mut bool) -> bool {
        match m {
            Message::Stop => false,
            // Reading a file is an event too (the watch's own reads among them): only
            // changes count.
            Message::Fs(Ok(event)) if matches!(event.kind, notify::EventKind::Access(_)) => true,
            Message::Fs(Ok(event)) => {
                *all |= event.need_rescan();
                paths.extend(event.paths.iter().filter_map(|p| self.named(p)));
                true
            }
            // Events were lost: look at everything.
            Message::Fs(Err(_)) => {
                *all = true;
                true
            }
        }
    }

    /// An event's path as the workspace names it (under the directory as given), or `None`
    /// for a path outside it (the parent's other entries).
    fn named(&self, path: &Path) -> Option<PathBuf> {
        let rest = path.strip_prefix(&self.absolute).ok()?;
        Some(if rest.as_os_str().is_empty() {
            self.dir.clone()
        } else {
            self.dir.join(rest)
        })
    }
}

/// What each round prints and writes, and what it keeps for the next.
struct Round<'a> {
    args: &'a WatchArgs,
    asked: Levels,
    terminal: bool,
    rounds: usize,
    /// Every party's timeline, in codebook order, kept up to date (empty before the first
    /// round).
    timelines: Vec<Timeline>,
    /// Each party's conflict warnings, by party (empty before the first round).
    conflicts: Vec<Vec<Diagnostic>>,
    rendered: Rendered,
}

impl<'a> Round<'a> {
    fn new(args: &'a WatchArgs, asked: Levels, terminal: bool) -> Round<'a> {
        Round {
            args,
            asked,
            terminal,
            rounds: 0,
            timelines: Vec::new(),
            conflicts: Vec::new(),
            rendered: Rendered::default(),
        }
    }

    fn run(&mut self, ws: &Workspace, touched: &Touched, since: Instant) {
        if self.terminal {
            // Clear the screen and its scrollback, and start at the top.
            messages::raw("\x1b[2J\x1b[3J\x1b[H");
        } else if self.rounds > 0 {
            messages::line(SEPARATOR);
        }
        self.rounds += 1;
        let loaded = ws.loaded();
        let levels = self.asked.over(&loaded.levels);
        let again = self.timelines(&loaded.dataset, touched);
        let conflicts = if levels.level(WarningKind::Conflict) == Level::Allow {
            Vec::new()
        } else {
            self.conflicts(&loaded.dataset, &again)
        };
        let dir = &ws.options().dir;
        let mut diagnostics = check::findings(dir, loaded, &levels, conflicts);
        self.rendered.forget(&touched.files, touched.all);
        let format = self.args.check.message_format;
        let sources = self.sources(ws, &diagnostics, format);
        let shown = Shown {
            format,
            verified: self.args.check.sources.is_some(),
        };
        // A closed stderr ends the messages quietly; the round goes on to the outputs.
        let _ = check::print(
            loaded,
            &sources,
            &mut diagnostics,
            shown,
            Some(&mut self.rendered),
        );
        let outputs = self.outputs(ws);
        messages::line(status(
            ws,
            self.args,
            &diagnostics,
            &outputs,
            since.elapsed(),
        ));
    }

    /// Bring every party's timeline up to date: built again for the parties whose timelines
    /// changed (all of them when the ids of the positions cannot be followed), the others'
    /// kept. The parties whose conflict warnings must be found again.
    fn timelines(&mut self, ds: &Dataset, touched: &Touched) -> Vec<PartyId> {
        match &touched.splices {
            Some(splices)
                if !touched.all && self.timelines.len() == ds.codebook.parties().len() =>
            {
                update_timelines(ds, &mut self.timelines, splices, &touched.timelines);
                // The tests' watch is a debug build: every round checks the timelines kept.
                debug_assert!(
                    self.timelines == timelines(ds),
                    "timelines kept after {splices:?}"
                );
                touched.parties.clone()
            }
            _ => {
                self.timelines = timelines(ds);
                ds.codebook.party_ids().collect()
            }
        }
    }

    /// The conflict warnings of every party, found again for the parties `again`.
    fn conflicts(&mut self, ds: &Dataset, again: &[PartyId]) -> Vec<Diagnostic> {
        let parties: Vec<PartyId> = if self.conflicts.len() == self.timelines.len() {
            again.to_vec()
        } else {
            self.conflicts = vec![Vec::new(); self.timelines.len()];
            ds.codebook.party_ids().collect()
        };
        let again: Vec<Vec<Diagnostic>> = parties
            .par_iter()
            .map(|p| diagnostic::conflict_warnings_in(ds, &self.timelines[p.index()]))
            .collect();
        for (party, warnings) in parties.iter().zip(again) {
            self.conflicts[party.index()] = warnings;
        }
        self.conflicts.iter().flatten().cloned().collect()
    }

    /// The texts the diagnostics to render show: of those not rendered before (of all, for
    /// JSON, which gives where each place ends).
    fn sources(
        &self,
        ws: &Workspace,
        diagnostics: &[Diagnostic],
        format: MessageFormat,
    ) -> Sources {
        let mut names: Vec<&str> = match format {
            MessageFormat::Short => Vec::new(),
            MessageFormat::Json => diagnostics.iter().flat_map(files_of).collect(),
            MessageFormat::Human => diagnostics
                .iter()
                .filter(|d| !self.rendered.has(d))
                .flat_map(files_of)
                .collect(),
        };
        names.sort_unstable();
        names.dedup();
        names
            .into_iter()
            .filter_map(|n| Some((n.to_string(), ws.text(n)?.to_string())))
            .collect()
    }

    /// Write the charts and the report asked for, when the record is fit to answer from.
    fn outputs(&self, ws: &Workspace) -> Outputs {
        let args = self.args;
        if !args.chart && args.report.is_none() {
            return Outputs::None;
        }
        let loaded = ws.loaded();
        let dir = &ws.options().dir;
        // The charts are drawn from the record, as `chart` reads it: without the reliability
        // codings, whose problems are `check`'s to tell.
        let codings = dir.join("reliability");
        let record_errors: Vec<Diagnostic> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && !Path::new(&d.file).starts_with(&codings))
            .cloned()
            .collect();
        let coding_errors = loaded.errors() > record_errors.len();
        let mut skipped = Vec::new();
        let left_out;
        let ds = if record_errors.is_empty() {
            &loaded.dataset
        } else {
            match broken_articles(dir, &record_errors).filter(|_| args.skip.skip_broken) {
                Some(files) => {
                    warn_skipped(&files);
                    let names: Vec<&str> = files.iter().map(|f| f.file.as_str()).collect();
                    left_out = loaded
                        .dataset
                        .retain_articles(|a| names.binary_search(&a.file.as_str()).is_err());
                    skipped = files;
                    &left_out
                }
                None => return Outputs::Stale,
            }
        };
        let mut failed = false;
        if args.chart {
            // Drawn from the timelines kept, unless broken files were left out.
            let left: Vec<Timeline>;
            let timelines = if skipped.is_empty() {
                &self.timelines
            } else {
                left = timelines(ds);
                &left
            };
            failed |= !self.charts(ds, timelines, skipped.len());
        }
        if let Some(path) = &args.report {
            // The report holds the agreement figures: errors in the codings stop it, as they
            // stop `report`.
            if coding_errors {
                return Outputs::Stale;
            }
            failed |= !self.report(ds, &loaded.reliability, skipped, path, dir);
        }
        if failed {
            Outputs::Failed
        } else {
            Outputs::Fresh
        }
    }

    /// Draw the default set, writing the files whose bytes changed; whether all were drawn.
    fn charts(&self, ds: &Dataset, timelines: &[Timeline], skipped_files: usize) -> bool {
        let guard = Guard::new(&self.args.check.annotations.annotations);
        let scale = ds.codebook.stances().iter().any(|s| s.score.is_some());
        let set: Vec<_> = DEFAULT_SET
            .iter()
            .filter(|(_, kind, _)| scale || *kind != Kind::Scores)
            .collect();
        let options = Options {
            skipped_files,
            ..Options::default()
        };
        // Set up once: each kind is the same chart drawn another way.
        let base = Chart::new(ds, timelines, &options);
        let results: Vec<(PathBuf, std::result::Result<Option<String>, String>)> = set
            .par_iter()
            .map(|(name, kind, format)| {
                let path = self.args.out_dir.join(name);
                let image = base
                    .as_ref()
                    .map_err(Clone::clone)
                    .and_then(|c| c.restyled(*kind, options.theme).render(*format))
                    .map_err(|e| format!("cannot draw `{}`: {e}", path.display()));
                let written = image.and_then(|image| {
                    let bytes = chart::write::encode(&image).map_err(|e| e.to_string())?;
                    write_if_changed(&guard, &path, &bytes)
                        .map(|changed| changed.then(|| super::chart::describe(&image)))
                });
                (path, written)
            })
            .collect();
        let mut ok = true;
        for (path, result) in results {
            match result {
                Ok(Some(what)) => messages::line(format_args!("wrote {} ({what})", path.display())),
                Ok(None) => {}
                Err(e) => {
                    ok = false;
                    messages::error(&Error::problems(e));
                }
            }
        }
        ok
    }

    fn report(
        &self,
        ds: &Dataset,
        codings: &[stanceline::model::reliability::Coding],
        skipped: Vec<SkippedFile>,
        path: &Path,
        dir: &Path,
    ) -> bool {
        let guard = Guard::new(dir);
        let sources = self.args.check.sources.as_deref();
        let written = super::report::whole_page(ds, codings, skipped, sources).and_then(|page| {
            write_if_changed(&guard, path, page.html.as_bytes())
                .map(|changed| changed.then_some((page.html.len(), page.positions, page.articles)))
                .map_err(Error::problems)
        });
        match written {
            Ok(Some((len, positions, articles))) => {
                messages::line(format_args!(
                    "wrote {} (HTML, {} KB: {} from {})",
                    path.display(),
                    len.div_ceil(1024),
                    plural(positions, "position", "positions"),
                    plural(articles, "article", "articles"),
                ));
                true
            }
            Ok(None) => true,
            Err(e) => {
                messages::error(&e);
                false
            }
        }
    }
}

/// What separates one round from the next when stderr is not a terminal (a log, an editor's
/// task runner).
pub const SEPARATOR: &str = "────────────────────────────────────────";

/// What became of the outputs asked for.
enum Outputs {
    None,
    Fresh,
    /// Errors keep the last good ones in place.
    Stale,
    Failed,
}

fn files_of(d: &Diagnostic) -> impl Iterator<Item = &str> {
    std::iter::once(d.file.as_str()).chain(d.related.iter().map(|r| r.file.as_str()))
}

/// Write `bytes` to `path` (atomically) unless the file holds them already: a viewer showing
/// it is not made to load it again for nothing. Whether it was written.
fn write_if_changed(guard: &Guard, path: &Path, bytes: &[u8]) -> std::result::Result<bool, String> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    guard
        .write_atomically(path, bytes)
        .map(|()| true)
        .map_err(|e| e.to_string())
}

/// The line that ends a round: `ok: 3 articles, 16 positions, 0 problems, 12 ms`, or
/// `2 errors in 1 file, 12 ms`, and what became of the outputs.
fn status(
    ws: &Workspace,
    ws_args: &WatchArgs,
    diagnostics: &[Diagnostic],
    outputs: &Outputs,
    took: Duration,
) -> String {
    let loaded = ws.loaded();
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let warnings = diagnostics.len() - errors.len();
    let ms = took.as_millis();
    let mut line = if errors.is_empty() {
        let problems = if warnings == 0 {
            "0 problems".to_string()
        } else {
            plural(warnings, "warning", "warnings")
        };
        format!(
            "ok: {}, {}, {problems}, {ms} ms",
            plural(loaded.files, "article", "articles"),
            plural(loaded.dataset.observations.len(), "position", "positions"),
        )
    } else {
        let mut files: Vec<&str> = errors.iter().map(|d| d.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        format!(
            "{} in {}, {ms} ms",
            plural(errors.len(), "error", "errors"),
            plural(files.len(), "file", "files")
        )
    };
    let (chart, report) = (ws_args.chart, ws_args.report.is_some());
    let stale = match (chart, report) {
        (true, true) => "the charts and the report are stale: the last good ones stay",
        (false, true) => "the report is stale: the last good one stays",
        _ => "the charts are stale: the last good ones stay",
    };
    match outputs {
        Outputs::None | Outputs::Fresh => {}
        Outputs::Stale => {
            line.push_str("; ");
            line.push_str(stale);
        }
        Outputs::Failed => line.push_str("; not every output could be written"),
    }
    line
}
