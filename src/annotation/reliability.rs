//! Reliability codings: `reliability/CODER/*.yaml`, each an independent coding of an article of
//! the record by another coder, in the article format. Read and validated by the same rules as
//! the articles (the same files are read and skipped, at any depth of a coder's folder), and
//! then held against the record: each must code an article of `articles/` (by its id), give
//! the same `published` date, be by a coder other than the record's, once per coder.

use super::load::{self, First, LoadOptions, Loaded, Name, display, find_yaml, judge};
use super::problem::Problem;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::ArticleId;
use crate::model::codebook::Codebook;
use crate::model::reliability::{Coding, record_coder, same_coder};
use crate::words::suggest;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Read, validate and check the codings under `options.dir/reliability`, if it is there,
/// against the record's articles (`ids`: where each is; `failed`: the file names of article
/// files that gave none).
pub(super) fn load(
    options: &LoadOptions,
    codebook: &Codebook,
    ids: &HashMap<String, First>,
    failed: &HashSet<String>,
    out: &mut Loaded,
) {
    let dir = options.dir.join("reliability");
    let Ok(meta) = fs::metadata(&dir) else {
        return;
    };
    if !meta.is_dir() {
        let path = display(&dir);
        let problem = Problem::ReliabilityNotAFolder { path: &path };
        out.diagnostics.push(problem.at(&path, Span::FILE));
        return;
    }
    let files = coding_files(&dir, out);
    out.coding_files = files.len();
    let mut folders: Vec<&str> = files.iter().map(|(c, _)| c.as_str()).collect();
    folders.dedup();
    out.coders = folders.len();
    let results: Vec<load::FileResult> = files
        .par_iter()
        .map(|(_, path)| load::load_article_file(path, codebook, options))
        .collect();
    let mut firsts: HashMap<(String, String), (String, Span)> = HashMap::default();
    for ((coder, _), file) in files.iter().zip(results) {
        let load::FileResult {
            name,
            text,
            article,
            mut diags,
        } = file;
        if let Some(a) = article {
            let id = a.article.id.clone();
            let checked = match ids.get(&id) {
                Some(first) => against_record(&a, coder, first, &name, out, &mut diags),
                None => {
                    if !failed.contains(&id) {
                        let suggestion = suggest(&id, ids.keys().map(String::as_str));
                        let problem = Problem::CodingOfUnknownArticle {
                            id: &id,
                            suggestion,
                        };
                        diags.push(problem.at(&name, a.id_span));
                    }
                    false
                }
            };
            let key = (coder.to_lowercase(), id.clone());
            if let Some((first_file, first_at)) = firsts.get(&key) {
                let problem = Problem::DuplicateCoding {
                    id: &id,
                    coder,
                    first_file,
                    first_at: *first_at,
                };
                diags.push(problem.at(&name, a.id_span));
            } else if checked {
                firsts.insert(key, (name.clone(), a.id_span));
                let index = ids[&id].index;
                out.reliability.push(Coding {
                    coder: coder.clone(),
                    article: ArticleId::new(index),
                    file: name.clone(),
                    observations: a
                        .observations
                        .into_iter()
                        .map(|mut o| {
                            o.article = ArticleId::new(index);
                            o
                        })
                        .collect(),
                });
            }
        }
        if let Some(text) = text
            && (options.keep_all_texts || !diags.is_empty())
        {
            out.sources.push((name, text));
        }
        out.diagnostics.append(&mut diags);
    }
}

/// Hold a valid coding `a` by `coder`, in file `name`, against its article in the record:
/// the same `published`, another coder than the record's, an `annotator` (if any) that is the
/// coder. Whether it may be used.
fn against_record(
    a: &super::validate::ArticleOut,
    coder: &str,
    first: &First,
    name: &str,
    out: &Loaded,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let record = &out.dataset.articles[first.index];
    let mut usable = true;
    if a.article.published != record.published {
        let problem = Problem::CodingPublishedDiffers {
            published: a.article.published,
            record: record.published,
            record_file: &record.file,
            record_at: first.published,
        };
        diags.push(problem.at(name, a.published_span));
        usable = false;
    }
    if same_coder(record_coder(record), coder) {
        let problem = Problem::CoderCodedTheRecord {
            coder,
            id: &record.id,
            record_file: &record.file,
            record_at: first.annotator.unwrap_or(first.id),
        };
        diags.push(problem.at(name, a.id_span));
        usable = false;
    }
    if let (Some(annotator), Some(at)) = (&a.article.annotator, a.annotator_span)
        && !same_coder(annotator, coder)
    {
        let problem = Problem::CodingAnnotatorDiffers { annotator, coder };
        diags.push(problem.at(name, at));
    }
    usable
}

/// Every coding file under `dir` with its coder (the name of the folder of `dir` it is in),
/// by coder and then path, in byte order. A YAML file directly in `dir` is reported; what is
/// passed over is counted in `out.skipped`.
fn coding_files(dir: &Path, out: &mut Loaded) -> Vec<(String, PathBuf)> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let name = display(dir);
            out.diagnostics.push(
                Diagnostic::error(
                    &name,
                    Span::FILE,
                    format!("cannot read directory `{name}`: {}", load::io_reason(&e)),
                )
                .with_help("check that the directory exists and is readable"),
            );
            return Vec::new();
        }
    };
    let mut coders: Vec<(String, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let path = entry.path();
        let judged = judge(file_name.as_encoded_bytes());
        let is_dir = fs::metadata(&path).is_ok_and(|m| m.is_dir());
        match (is_dir, judged) {
            (true, Name::Hidden) => out.skipped.hidden_folders += 1,
            (true, _) => coders.push((file_name.to_string_lossy().into_owned(), path)),
            (false, Name::Yaml) => {
                let (shown, name) = (display(&path), file_name.to_string_lossy());
                let problem = Problem::CodingWithoutCoder { name: &name };
                out.diagnostics.push(problem.at(&shown, Span::FILE));
            }
            (false, Name::Backup) => out.skipped.backups += 1,
            (false, Name::Hidden) => out.skipped.hidden_files += 1,
            (false, Name::Other) => out.skipped.other_files += 1,
        }
    }
    coders.sort_unstable_by(|a, b| a.1.as_os_str().cmp(b.1.as_os_str()));
    let mut files = Vec::new();
    for (coder, folder) in coders {
        let mut paths = Vec::new();
        find_yaml(&folder, &mut paths, &mut out.skipped, &mut out.diagnostics);
        paths.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        files.extend(paths.into_iter().map(|p| (coder.clone(), p)));
    }
    files
}
