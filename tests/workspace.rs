//! The workspace kept up to date by `stanceline watch` holds, after every refresh, what a fresh
//! load of the same files gives: a scripted sequence of edits, each made through the file
//! system as an editor makes it, compared after each step.

mod common;

use common::copy_dir;
use stanceline::annotation::load::{LoadOptions, Loaded, load};
use stanceline::annotation::workspace::{Changed, Workspace};
use stanceline::diagnostic::{self, Diagnostic};
use std::fs;
use std::path::{Path, PathBuf};

fn sorted(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostic::sort(&mut d);
    d
}

/// The workspace's view against a fresh load.
fn same(ws: &Workspace, step: &str) {
    let fresh = load(ws.options());
    let now: &Loaded = ws.loaded();
    assert_eq!(now.dataset, fresh.dataset, "dataset after {step}");
    assert_eq!(
        sorted(now.diagnostics.clone()),
        sorted(fresh.diagnostics.clone()),
        "diagnostics after {step}"
    );
    assert_eq!(now.summary(), fresh.summary(), "summary after {step}");
    assert_eq!(now.reliability, fresh.reliability, "codings after {step}");
    assert_eq!(now.levels, fresh.levels, "levels after {step}");
    // Every file a diagnostic points into has its text, as a fresh load keeps it.
    for d in &now.diagnostics {
        if let Some((_, text)) = fresh.sources.iter().find(|(n, _)| *n == d.file) {
            assert_eq!(
                ws.text(&d.file),
                Some(text.as_str()),
                "text of {} after {step}",
                d.file
            );
        }
    }
}

struct Script {
    ws: Workspace,
    dir: PathBuf,
}

impl Script {
    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// Refresh for the paths an editor's save would be reported for, and compare.
    fn step(&mut self, step: &str, paths: &[&str]) -> bool {
        let paths = paths.iter().map(|p| self.path(p)).collect();
        let touched = self.ws.refresh(&Changed::Paths(paths));
        same(&self.ws, step);
        touched.is_some()
    }

    /// Write a file as editors save: a temporary file renamed over it.
    fn save(&self, rel: &str, text: &str) {
        let tmp = self.path(&format!("{rel}.tmp~"));
        fs::write(&tmp, text).unwrap();
        fs::rename(&tmp, self.path(rel)).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }
}

const FP: &str = "articles/2009-07-27-pyongyang-wants-bilateral-talks.yaml";

fn script(fixture: &str) -> Script {
    let tmp = tempfile::tempdir().unwrap().keep();
    let dir = tmp.join("annotations");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture), &dir);
    let mut options = LoadOptions::new(&dir);
    // Texts of the files with problems, to compare with the workspace's.
    options.keep_all_texts = false;
    let ws = Workspace::open(options);
    same(&ws, "the first load");
    Script { ws, dir }
}

#[test]
fn every_edit_leaves_what_a_fresh_load_gives() {
    let mut s = script("annotations");
    let text = s.read(FP);

    // A touch changes nothing.
    let f = fs::File::options().append(true).open(s.path(FP)).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    drop(f);
    assert!(!s.step("a touch", &[FP]), "a touch is no change");

    // An edit of a stance.
    s.save(
        FP,
        &text.replacen("stance: bilateral-only", "stance: six-party-only", 1),
    );
    assert!(s.step("an edit", &[FP, &format!("{FP}.tmp~")]));

    // Broken, then fixed.
    s.save(FP, &text.replacen("positions:", "positions: [", 1));
    assert!(s.step("a YAML error", &[FP]));
    s.save(
        FP,
        &text.replacen("held: 2009-07-27", "held: 2009-13-27", 1),
    );
    assert!(s.step("a bad date", &[FP]));
    s.save(FP, &text);
    assert!(s.step("the fix", &[FP]));

    // Briefly empty, then written.
    fs::write(s.path(FP), "").unwrap();
    assert!(s.step("an empty file", &[FP]));
    fs::write(s.path(FP), &text).unwrap();
    assert!(s.step("written again", &[FP]));

    // A new file with the id of a later one: the later one becomes the duplicate.
    let later = "articles/2009-10-28-low-expectations-for-quick-resumption-of-six-party-talks.yaml";
    let later_text = s.read(later);
    let early = "articles/2000-01-01-copy.yaml";
    s.save(
        early,
        &later_text.replacen(
            "published: 2009-10-28",
            "published: 2000-01-01\n  id: 2009-10-28-low-expectations-for-quick-resumption-of-six-party-talks",
            1,
        ),
    );
    assert!(s.step("a new file taking an id", &[early]));
    assert!(
        s.ws.loaded()
            .diagnostics
            .iter()
            .any(|d| d.message.starts_with("duplicate article id")),
        "the later file is the duplicate"
    );
    // Renamed: moved after the other in file order.
    let renamed = "articles/2010-01-01-copy.yaml";
    fs::rename(s.path(early), s.path(renamed)).unwrap();
    assert!(s.step("a rename", &[early, renamed]));
    fs::remove_file(s.path(renamed)).unwrap();
    assert!(s.step("a deletion", &[renamed]));

    // An editor's backup and swap files: counted as skipped, never read.
    fs::write(s.path("articles/.x.yaml.swp"), "swap").unwrap();
    fs::write(s.path(&format!("{FP}~")), "backup").unwrap();
    assert!(s.step("backup files", &["articles/.x.yaml.swp", &format!("{FP}~")]));
    fs::write(s.path("articles/.x.yaml.swp"), "swap again").unwrap();
    assert!(!s.step("a swap file written again", &["articles/.x.yaml.swp"]));

    // A folder of articles moved in, then away.
    let more = s.dir.parent().unwrap().join("more");
    fs::create_dir(&more).unwrap();
    fs::write(
        more.join("2011-01-01-more.yaml"),
        later_text.replacen("published: 2009-10-28", "published: 2011-01-01", 1),
    )
    .unwrap();
    fs::rename(&more, s.path("articles/more")).unwrap();
    assert!(s.step("a folder moved in", &["articles/more"]));
    fs::rename(s.path("articles/more"), &more).unwrap();
    assert!(s.step("a folder moved away", &["articles/more"]));

    // The codebook: broken, fixed, changed.
    let cb = s.read("codebook.yaml");
    s.save("codebook.yaml", &cb.replacen("parties:", "parties: [", 1));
    assert!(s.step("a broken codebook", &["codebook.yaml"]));
    s.save(
        FP,
        &text.replacen("stance: bilateral-only", "stance: six-party-only", 1),
    );
    assert!(!s.step("an edit while the codebook is broken", &[FP]));
    s.save("codebook.yaml", &cb);
    assert!(s.step("the codebook fixed", &["codebook.yaml"]));

    // The annotations directory removed and restored.
    let aside = s.dir.parent().unwrap().join("aside");
    fs::rename(&s.dir, &aside).unwrap();
    let dir = s.dir.to_string_lossy().into_owned();
    assert!(s.step("the directory removed", &[&dir]));
    fs::rename(&aside, &s.dir).unwrap();
    assert!(s.step("the directory restored", &[&dir]));

    // Anything at all.
    assert!(s.ws.refresh(&Changed::All).is_none(), "nothing changed");
    s.save(FP, &text);
    assert!(s.ws.refresh(&Changed::All).is_some());
    same(&s.ws, "a rescan");
}

#[test]
fn reliability_codings_are_held_against_the_record_as_it_is_now() {
    let mut s = script("tests/fixtures/reliability");
    let coded = "articles/2009-01-10-talks-resume.yaml";
    let text = s.read(coded);
    // The article a coding codes loses its id: the coding then codes no article.
    s.save(
        coded,
        &text.replacen("published:", "id: renamed\n  published:", 1),
    );
    assert!(s.step("the coded article renamed", &[coded]));
    s.save(coded, &text);
    assert!(s.step("and back", &[coded]));
    let codings: Vec<PathBuf> = fs::read_dir(s.path("reliability/ben"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let coding = codings[0].to_string_lossy().into_owned();
    fs::write(&coding, "broken: [").unwrap();
    assert!(s.step("a coding broken", &[&coding]));
}
