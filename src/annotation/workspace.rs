//! Loading kept up to date (for `stanceline watch`): the annotations are read once, as
//! [`load`](super::load::load) reads them, and then, told which paths changed, only the article
//! files whose content changed are read, parsed and validated again. Their articles and
//! positions are replaced where they are in the dataset; the other files' are kept as they
//! are. A file is taken to be unchanged while its size and modification time are; when they
//! change, a hash of its bytes decides, so that a touch without a change costs one read.
//!
//! What the workspace holds after each refresh is what a fresh load of the same files gives
//! (tests/watch.rs compares the two after every step of an edit sequence), with one
//! difference: the texts of the article files are kept here, in the workspace, and
//! [`Loaded::sources`] holds only the codebook's and the reliability codings'.
//!
//! A change of the codebook, of the annotations directory itself, or anything the caller
//! cannot name path by path ([`Changed::All`]) reloads everything, as the first load does.

use super::load::{
    First, Listing, LoadOptions, Loaded, Name, annotations_dir, article_bytes, article_paths,
    display, duplicate_id, judge, read_bytes, read_codebook,
};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::codebook::Codebook;
use crate::model::observation::{Article, Observation};
use crate::model::timeline::Splice;
use crate::model::{ArticleId, PartyId};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::HashSet;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What changed on disk since the last refresh, as the file-system events name it.
#[derive(Debug, Clone)]
pub enum Changed {
    /// These paths (files or folders, existing or not) may have changed.
    Paths(Vec<PathBuf>),
    /// Anything may have changed (events were lost, or the watch was restarted).
    All,
}

/// What a refresh changed in the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    /// Every party's timeline may have changed (the codebook, or everything, was reloaded).
    pub all: bool,
    /// The parties whose positions changed, came, went or moved within their files (their
    /// conflict warnings must be found again), sorted.
    pub parties: Vec<PartyId>,
    /// Of those, the parties whose timelines changed (built again), sorted: what a timeline is
    /// made of (a stance, dates, a place in the order) changed for their positions. The
    /// others' positions only moved within their files, as when a quote grew.
    pub timelines: Vec<PartyId>,
    /// The files whose text changed, appeared or went (what diagnostics showing their lines
    /// must be rendered again for).
    pub files: Vec<String>,
    /// How the positions moved in the dataset's list, in the order it happened, for keeping
    /// timelines up to date ([`update_timelines`](crate::model::timeline::update_timelines));
    /// `None` when that cannot be followed (everything was loaded again, or the list was
    /// built again in one pass).
    pub splices: Option<Vec<Splice>>,
}

impl Touched {
    /// Note that these parties' positions came or went.
    fn touch(&mut self, parties: &[PartyId]) {
        self.parties.extend(parties);
        self.timelines.extend(parties);
    }

    /// Note that `removed` positions at `at` gave way to `added`.
    fn moved(&mut self, at: usize, removed: usize, added: usize) {
        if let Some(splices) = &mut self.splices {
            splices.push(Splice { at, removed, added });
        }
    }

    /// What a load of everything (the first, or after the codebook changed) touches.
    pub fn everything() -> Touched {
        Touched {
            all: true,
            parties: Vec::new(),
            timelines: Vec::new(),
            files: Vec::new(),
            splices: None,
        }
    }
}

/// How a file looked when it was last read: its size, modification time and a hash of its
/// bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

/// One article file and what reading it gave.
#[derive(Debug)]
struct Entry {
    path: PathBuf,
    name: String,
    stamp: Option<Stamp>,
    text: Option<String>,
    diags: Vec<Diagnostic>,
    /// The duplicate-id error, when an earlier file's article has this one's id.
    duplicate: Option<Diagnostic>,
    article: Option<Parsed>,
}

/// A valid article of an entry.
#[derive(Debug)]
struct Parsed {
    id: String,
    id_span: Span,
    published_span: Span,
    annotator_span: Option<Span>,
    /// The parties of its positions, sorted, each once.
    parties: Vec<PartyId>,
    positions: usize,
    /// Whether its article and positions are in the dataset (they are, unless an earlier file
    /// has its id); if not, they are kept here.
    included: bool,
    stash: Option<(Article, Vec<Observation>)>,
}

/// The annotations, loaded and kept up to date.
pub struct Workspace {
    options: LoadOptions,
    loaded: Loaded,
    /// The codebook as last read (`None`: missing or broken, so no article was read).
    codebook: Option<Codebook>,
    /// How `codebook.yaml` looked when read, and whether the annotations directory was there.
    codebook_stamp: Option<Stamp>,
    dir_present: bool,
    /// The diagnostics of the codebook (the first `head_codebook`) and of finding the article
    /// files, which come before the files' own.
    head: Vec<Diagnostic>,
    head_codebook: usize,
    /// How many of `loaded.sources` are the codebook's (the rest are reliability codings').
    head_sources: usize,
    entries: Vec<Entry>,
    /// What the last listing of the article files read and passed over.
    listing: Listing,
    /// What the refresh under way has changed so far.
    pending: Touched,
    /// Whether articles moved in or out of the dataset, so that the positions' article numbers
    /// must be set again.
    renumber: bool,
}

/// Past this many articles moving in or out of the dataset, it is built again in one pass.
const MOVES_ONE_BY_ONE: usize = 64;

impl Workspace {
    /// Load the annotations as [`load::load`] does (the first round costs what it costs).
    pub fn open(options: LoadOptions) -> Workspace {
        let mut ws = Workspace {
            options,
            loaded: Loaded::default(),
            codebook: None,
            codebook_stamp: None,
            dir_present: false,
            head: Vec::new(),
            head_codebook: 0,
            head_sources: 0,
            entries: Vec::new(),
            listing: Listing::default(),
            pending: nothing(),
            renumber: false,
        };
        ws.reload();
        ws
    }

    /// What a fresh load of the files would give now (but the article files' texts: see
    /// [`Workspace::text`]).
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    pub fn options(&self) -> &LoadOptions {
        &self.options
    }

    /// The text of a file read, by the name diagnostics give it.
    pub fn text(&self, name: &str) -> Option<&str> {
        if let Some((_, text)) = self.loaded.sources.iter().find(|(n, _)| n == name) {
            return Some(text);
        }
        self.entries[self.entry(Path::new(name))?].text.as_deref()
    }

    /// Bring the workspace up to date with the files, told what may have changed. `None` when
    /// nothing that a load sees did (a touch, an editor's swap file written again).
    pub fn refresh(&mut self, changed: &Changed) -> Option<Touched> {
        if self.codebook_changed() {
            self.reload();
            return Some(Touched::everything());
        }
        // Without a codebook nothing but it was read, and it is as it was.
        self.codebook.as_ref()?;
        let dir = self.options.dir.clone();
        let (articles, reliability) = (dir.join("articles"), dir.join("reliability"));
        let mut listing = false;
        let mut coding = false;
        let mut any = false;
        let mut reread: Vec<PathBuf> = Vec::new();
        match changed {
            Changed::All => {
                listing = true;
                coding = true;
                reread.extend(self.entries.iter().map(|e| e.path.clone()));
            }
            Changed::Paths(paths) => {
                for path in paths {
                    if path.starts_with(&reliability) {
                        coding = true;
                    } else if path == &dir || path == &articles {
                        listing = true;
                    } else if path.starts_with(&articles) {
                        match self.came_or_went(path) {
                            Some(Seen::File) => reread.push(path.clone()),
                            Some(Seen::Nothing) => {}
                            Some(Seen::Listing) => any = true,
                            None => listing = true,
                        }
                    }
                }
            }
        }
        any |= coding && self.options.reliability && reliability.exists();
        if listing {
            any |= self.relist(&mut reread);
        }
        let mut indices: Vec<usize> = reread.iter().filter_map(|p| self.entry(p)).collect();
        indices.sort_unstable();
        indices.dedup();
        let read: Vec<(usize, Reread)> = {
            let (cb, options) = (self.codebook.as_ref().unwrap(), &self.options);
            let entries = &self.entries;
            indices
                .par_iter()
                .map(|&i| (i, reread_entry(&entries[i], cb, options)))
                .collect()
        };
        for (i, r) in read {
            match r {
                Reread::Unchanged => {}
                Reread::Restamped(stamp) => self.entries[i].stamp = Some(stamp),
                Reread::New(entry) => self.replace(i, *entry),
            }
        }
        let touched = std::mem::replace(&mut self.pending, nothing());
        if !any && touched.files.is_empty() {
            return None;
        }
        self.pending = touched;
        let ids = self.include();
        self.finish(ids);
        let mut touched = std::mem::replace(&mut self.pending, nothing());
        touched.parties.sort_unstable();
        touched.parties.dedup();
        touched.timelines.sort_unstable();
        touched.timelines.dedup();
        touched.files.sort_unstable();
        touched.files.dedup();
        Some(touched)
    }

    /// Read everything again, as the first load does.
    fn reload(&mut self) {
        let mut loaded = Loaded::default();
        self.entries.clear();
        self.codebook = None;
        self.dir_present = annotations_dir(&self.options, &mut loaded);
        self.codebook_stamp = stamp_of(&self.options.dir.join("codebook.yaml"));
        let codebook = if self.dir_present {
            read_codebook(&self.options, &mut loaded)
        } else {
            None
        };
        self.head_codebook = loaded.diagnostics.len();
        self.head_sources = loaded.sources.len();
        let Some(codebook) = codebook else {
            self.head = loaded.diagnostics.clone();
            self.loaded = loaded;
            return;
        };
        self.listing = Listing::default();
        let paths = article_paths(&self.options, &mut loaded, Some(&mut self.listing));
        self.head = loaded.diagnostics.clone();
        loaded.dataset.codebook = codebook.clone();
        self.loaded = loaded;
        self.entries = paths
            .into_par_iter()
            .map(|path| {
                let entry = blank(path);
                match reread_entry(&entry, &codebook, &self.options) {
                    Reread::New(e) => *e,
                    _ => entry,
                }
            })
            .collect();
        self.codebook = Some(codebook);
        let ids = self.include();
        self.finish(ids);
        self.pending = nothing();
    }

    /// Whether the codebook, or the annotations directory's being there, changed since read.
    fn codebook_changed(&self) -> bool {
        if self.options.dir.is_dir() != self.dir_present {
            return true;
        }
        let path = self.options.dir.join("codebook.yaml");
        match (&self.codebook_stamp, fs::metadata(&path)) {
            (None, Err(_)) => false,
            (Some(old), Ok(meta))
                if old.len == meta.len() && old.modified == meta.modified().ok() =>
            {
                false
            }
            (Some(old), Ok(_)) => stamp_of(&path).is_none_or(|new| new.hash != old.hash),
            _ => true,
        }
    }

    /// What a path named by an event under `articles/` is, keeping the list of files up to
    /// date when a file came or went: `None` when only listing the files again can tell (a
    /// folder, a file in a folder not read).
    fn came_or_went(&mut self, path: &Path) -> Option<Seen> {
        if self.listing.folders.contains(path) {
            return None;
        }
        let meta = fs::symlink_metadata(path).ok();
        if let Some(i) = self.entry(path) {
            return match meta {
                Some(m) if m.is_file() => Some(Seen::File),
                // An article file that went.
                None => {
                    self.remove_entry(i);
                    Some(Seen::Nothing)
                }
                Some(_) => None,
            };
        }
        let name = judge(path.file_name()?.as_encoded_bytes());
        match meta {
            None => Some(match self.listing.passed_over.remove(path) {
                Some(was) => {
                    self.loaded.skipped.uncount(was);
                    Seen::Listing
                }
                // Came and went between two looks (an editor's temporary file).
                None => Seen::Nothing,
            }),
            Some(m) if m.is_file() && self.listing.folders.contains(path.parent()?) => {
                if name == Name::Yaml {
                    let at = self
                        .entries
                        .partition_point(|e| e.path.as_os_str() < path.as_os_str());
                    self.entries.insert(at, blank(path.to_path_buf()));
                    return Some(Seen::File);
                }
                if self.listing.passed_over.contains_key(path) {
                    return Some(Seen::Nothing);
                }
                self.listing.passed_over.insert(path.to_path_buf(), name);
                self.loaded.skipped.count(name);
                Some(Seen::Listing)
            }
            Some(_) => None,
        }
    }

    /// Take an article file that went out of the dataset and the list.
    fn remove_entry(&mut self, i: usize) {
        self.take_out(i);
        self.pending.files.push(self.entries[i].name.clone());
        self.entries.remove(i);
    }

    fn entry(&self, path: &Path) -> Option<usize> {
        self.entries
            .binary_search_by(|e| e.path.as_os_str().cmp(path.as_os_str()))
            .ok()
    }

    /// List the article files again: files that went leave the dataset and the list, and new
    /// ones are added to `reread`. Whether what finding them reports (skipped files, folders
    /// that cannot be read) changed, or the files did.
    fn relist(&mut self, reread: &mut Vec<PathBuf>) -> bool {
        let mut found = Loaded::default();
        self.listing = Listing::default();
        let paths = article_paths(&self.options, &mut found, Some(&mut self.listing));
        let listing_changed = found.diagnostics[..] != self.head[self.head_codebook..]
            || found.skipped != self.loaded.skipped;
        self.loaded.skipped = found.skipped;
        self.head.truncate(self.head_codebook);
        self.head.extend(found.diagnostics);
        let same = paths.len() == self.entries.len()
            && paths.iter().zip(&self.entries).all(|(p, e)| *p == e.path);
        if same {
            return listing_changed;
        }
        let kept: HashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
        let gone: Vec<usize> = (0..self.entries.len())
            .filter(|&i| !kept.contains(self.entries[i].path.as_path()))
            .collect();
        for &i in gone.iter().rev() {
            self.take_out(i);
            self.pending.files.push(self.entries[i].name.clone());
        }
        let mut old: HashMap<PathBuf, Entry> = std::mem::take(&mut self.entries)
            .into_iter()
            .map(|e| (e.path.clone(), e))
            .collect();
        self.entries = paths
            .into_iter()
            .map(|path| {
                old.remove(&path).unwrap_or_else(|| {
                    reread.push(path.clone());
                    blank(path)
                })
            })
            .collect();
        true
    }

    /// Where entry `i`'s article and first position are (or would be) in the dataset.
    fn place(&self, i: usize) -> (usize, usize) {
        self.entries[..i]
            .iter()
            .filter_map(|e| e.article.as_ref().filter(|a| a.included))
            .fold((0, 0), |(a, o), p| (a + 1, o + p.positions))
    }

    /// Put what entry `i`'s file gives now in the place of what it gave. An article in the
    /// dataset is replaced where it is (moving the others only when the number of positions
    /// changed); whether it stays there is for [`Workspace::include`] to decide.
    fn replace(&mut self, i: usize, mut entry: Entry) {
        self.pending.files.push(entry.name.clone());
        let was_in = self.entries[i].article.as_ref().is_some_and(|a| a.included);
        match &mut entry.article {
            Some(new) if was_in => {
                let (at, first) = self.place(i);
                let old = self.entries[i].article.as_ref().unwrap().positions;
                let (article, observations) = new.stash.take().expect("a new article is kept");
                let ds = &mut self.loaded.dataset;
                let (named, changed) = changed_parties(
                    (&ds.articles[at], &ds.observations[first..first + old]),
                    (&article, &observations),
                );
                self.pending.parties.extend(named);
                self.pending.timelines.extend(changed);
                ds.articles[at] = article;
                let count = observations.len();
                ds.observations.splice(first..first + old, observations);
                self.pending.moved(first, old, count);
                for o in &mut ds.observations[first..first + count] {
                    o.article = ArticleId::new(at);
                }
                new.included = true;
            }
            _ => {
                if let Some(old) = &self.entries[i].article {
                    self.pending.touch(&old.parties);
                }
                self.take_out(i);
            }
        }
        self.entries[i] = entry;
    }

    /// Move entry `i`'s article and positions out of the dataset, into the entry.
    fn take_out(&mut self, i: usize) {
        if !self.entries[i].article.as_ref().is_some_and(|a| a.included) {
            return;
        }
        let (at, first) = self.place(i);
        let ds = &mut self.loaded.dataset;
        let a = self.entries[i].article.as_mut().unwrap();
        let article = ds.articles.remove(at);
        let observations = ds.observations.drain(first..first + a.positions).collect();
        self.pending.moved(first, a.positions, 0);
        a.stash = Some((article, observations));
        a.included = false;
        self.renumber = true;
        self.pending.touch(&a.parties);
    }

    /// Move entry `i`'s article and positions into the dataset, where its file's place is.
    fn put_in(&mut self, i: usize) {
        let (at, first) = self.place(i);
        let ds = &mut self.loaded.dataset;
        let a = self.entries[i].article.as_mut().unwrap();
        let (article, observations) = a.stash.take().expect("an article left out is kept");
        ds.articles.insert(at, article);
        let count = observations.len();
        ds.observations.splice(first..first, observations);
        self.pending.moved(first, 0, count);
        a.included = true;
        self.renumber = true;
        self.pending.touch(&a.parties);
    }

    /// Decide which articles are in the dataset (the first file with each id) and move them
    /// in or out; number the articles of the positions again; and give each later file with an
    /// id already used its error. Returns where each article id is, for the reliability
    /// codings' checks.
    fn include(&mut self) -> HashMap<String, First> {
        let mut ids: HashMap<String, First> = HashMap::default();
        let mut first_of: HashMap<&str, usize> = HashMap::default();
        first_of.reserve(self.entries.len());
        let mut wanted = vec![false; self.entries.len()];
        let mut index = 0;
        let mut duplicates = Vec::new();
        // Where each id is matters to the reliability codings' checks alone.
        let codings = self.options.reliability && self.options.dir.join("reliability").exists();
        let entries = &self.entries;
        for (i, (e, want)) in entries.iter().zip(wanted.iter_mut()).enumerate() {
            let Some(a) = &e.article else {
                continue;
            };
            match first_of.get(a.id.as_str()) {
                Some(&f) => {
                    let first = entries[f].article.as_ref().unwrap();
                    let d =
                        duplicate_id(&e.name, &a.id, a.id_span, &entries[f].name, first.id_span);
                    duplicates.push((i, d));
                }
                None => {
                    first_of.insert(&a.id, i);
                    *want = true;
                    if codings {
                        ids.insert(
                            a.id.clone(),
                            First {
                                index,
                                id: a.id_span,
                                published: a.published_span,
                                annotator: a.annotator_span,
                            },
                        );
                    }
                    index += 1;
                }
            }
        }
        drop(first_of);
        for e in &mut self.entries {
            e.duplicate = None;
        }
        for (i, d) in duplicates {
            self.entries[i].duplicate = Some(d);
        }
        let is_in = |e: &Entry| e.article.as_ref().is_some_and(|a| a.included);
        let leaving: Vec<usize> = (0..self.entries.len())
            .filter(|&i| is_in(&self.entries[i]) && !wanted[i])
            .collect();
        let coming: Vec<usize> = (0..self.entries.len())
            .filter(|&i| !is_in(&self.entries[i]) && wanted[i])
            .collect();
        if leaving.len() + coming.len() > MOVES_ONE_BY_ONE {
            self.rebuild(&wanted);
        } else {
            for &i in leaving.iter().rev() {
                self.take_out(i);
            }
            for &i in &coming {
                self.put_in(i);
            }
        }
        // Each position's article is its place in the dataset.
        if !std::mem::take(&mut self.renumber) {
            return ids;
        }
        let mut next = 0;
        let ds = &mut self.loaded.dataset;
        for (a, e) in self
            .entries
            .iter()
            .filter_map(|e| e.article.as_ref().filter(|a| a.included))
            .enumerate()
        {
            for o in &mut ds.observations[next..next + e.positions] {
                o.article = ArticleId::new(a);
            }
            next += e.positions;
        }
        ids
    }

    /// Build the dataset's articles and positions again in one pass, with the `wanted` ones.
    fn rebuild(&mut self, wanted: &[bool]) {
        self.renumber = true;
        self.pending.splices = None;
        let ds = &mut self.loaded.dataset;
        let mut articles = std::mem::take(&mut ds.articles).into_iter();
        let mut observations = std::mem::take(&mut ds.observations).into_iter();
        for e in self.entries.iter_mut().filter_map(|e| e.article.as_mut()) {
            if e.included {
                let article = articles.next().expect("one article per entry in");
                let obs: Vec<Observation> = observations.by_ref().take(e.positions).collect();
                e.stash = Some((article, obs));
                e.included = false;
            }
        }
        for (e, &want) in self.entries.iter_mut().zip(wanted) {
            if let Some(a) = e.article.as_mut().filter(|_| want) {
                let (article, obs) = a.stash.take().expect("an article left out is kept");
                ds.articles.push(article);
                ds.observations.extend(obs);
                a.included = true;
                self.pending.touch(&a.parties);
            }
        }
    }

    /// The diagnostics in the order a load gives them, the counts, and the reliability
    /// codings, checked again against the record as it is now.
    fn finish(&mut self, ids: HashMap<String, First>) {
        let mut diagnostics = self.head.clone();
        let mut failed: HashSet<String> = HashSet::new();
        for e in &self.entries {
            diagnostics.extend(e.diags.iter().cloned());
            diagnostics.extend(e.duplicate.iter().cloned());
            if e.article.is_none()
                && let Some(stem) = e.path.file_stem()
            {
                failed.insert(stem.to_string_lossy().into_owned());
            }
        }
        let loaded = &mut self.loaded;
        loaded.diagnostics = diagnostics;
        loaded.files = self.entries.len();
        loaded.sources.truncate(self.head_sources);
        loaded.reliability.clear();
        loaded.coding_files = 0;
        loaded.coders = 0;
        if self.options.reliability
            && let Some(cb) = &self.codebook
        {
            super::reliability::load(&self.options, cb, &ids, &failed, loaded);
        }
    }
}

/// The parties an article's positions, read again, name (old and new: their conflict
/// warnings are found again), and those among them whose timelines may change: whose
/// positions differ in what timelines are made of (stance, dates, place among the article's
/// positions), or all of them when the article's place in the order of positions (its
/// publication and id) changed. A save that changes a quote or a note changes no timeline.
fn changed_parties(
    (old_article, old): (&Article, &[Observation]),
    (new_article, new): (&Article, &[Observation]),
) -> (Vec<PartyId>, Vec<PartyId>) {
    let mut named: Vec<PartyId> = old.iter().chain(new).map(|o| o.party).collect();
    named.sort_unstable();
    named.dedup();
    if old_article.published != new_article.published || old_article.id != new_article.id {
        return (named.clone(), named);
    }
    // What a party's timeline is made of, position by position, and where each position is
    // among the article's (a party whose timeline stays keeps its positions' places there:
    // see `update_timelines`).
    fn inputs(obs: &[Observation], p: PartyId) -> impl Iterator<Item = impl PartialEq + '_> {
        obs.iter()
            .enumerate()
            .filter(move |(_, o)| o.party == p)
            .map(|(k, o)| (k, o.stance, o.start, o.end, &o.held, o.index))
    }
    let changed = named
        .iter()
        .copied()
        .filter(|&p| !inputs(old, p).eq(inputs(new, p)))
        .collect();
    (named, changed)
}

/// A refresh that has changed nothing yet.
fn nothing() -> Touched {
    Touched {
        all: false,
        parties: Vec::new(),
        timelines: Vec::new(),
        files: Vec::new(),
        splices: Some(Vec::new()),
    }
}

/// What a path named by an event is, as far as the list of files goes.
enum Seen {
    /// An article file, to read again if it changed.
    File,
    /// Nothing that changes the list (or a change already made to it).
    Nothing,
    /// A file passed over came or went: the summary's count changed.
    Listing,
}

/// An entry not yet read.
fn blank(path: PathBuf) -> Entry {
    Entry {
        name: display(&path),
        path,
        stamp: None,
        text: None,
        diags: Vec::new(),
        duplicate: None,
        article: None,
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The stamp of a file as it is now, or `None` if it cannot be read.
fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    let bytes = fs::read(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        hash: hash(&bytes),
    })
}

/// What reading an entry's file again gave.
enum Reread {
    Unchanged,
    /// Its size or time changed, its bytes did not.
    Restamped(Stamp),
    New(Box<Entry>),
}

/// Read an entry's file again if its size or modification time changed, and parse and
/// validate it again if its bytes did.
fn reread_entry(entry: &Entry, codebook: &Codebook, options: &LoadOptions) -> Reread {
    let meta = fs::metadata(&entry.path).ok();
    let (len, modified) = match &meta {
        Some(m) => (m.len(), m.modified().ok()),
        None => (0, None),
    };
    if let Some(old) = &entry.stamp
        && meta.is_some()
        && old.len == len
        && old.modified == modified
    {
        return Reread::Unchanged;
    }
    let mut diags = Vec::new();
    let name = entry.name.clone();
    let Some(bytes) = read_bytes(&entry.path, &name, options.max_file_size, &mut diags) else {
        return Reread::New(Box::new(Entry {
            diags,
            ..blank(entry.path.clone())
        }));
    };
    let stamp = Stamp {
        len,
        modified,
        hash: hash(&bytes),
    };
    if entry.stamp.is_some_and(|old| old.hash == stamp.hash) {
        return Reread::Restamped(stamp);
    }
    let file = article_bytes(name, bytes, diags, codebook, options);
    let article = file.article.map(|a| {
        let mut parties: Vec<PartyId> = a.observations.iter().map(|o| o.party).collect();
        parties.sort_unstable();
        parties.dedup();
        Parsed {
            id: a.article.id.clone(),
            id_span: a.id_span,
            published_span: a.published_span,
            annotator_span: a.annotator_span,
            parties,
            positions: a.observations.len(),
            included: false,
            stash: Some((a.article, a.observations)),
        }
    });
    Reread::New(Box::new(Entry {
        path: entry.path.clone(),
        name: file.name,
        stamp: Some(stamp),
        text: file.text,
        diags: file.diags,
        duplicate: None,
        article,
    }))
}
