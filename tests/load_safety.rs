//! Loading hides nothing: every file under `articles/` is read or counted as skipped, every
//! place is exact, and YAML that means something other than it seems is an error or a warning.

mod common;
use common::Test;
use stanceline::annotation::load::{self, LoadOptions};

const HEAD: &str = "article:
  title: Test article
  outlet: Test Outlet
  published: 2009-07-27
positions:
";

const ONE: &str = "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n";

const NOTE: &str =
    "note: quotes were not verified against the articles' texts (pass --sources DIR)\n";

const F: &str = "annotations/articles/2009-07-27-test.yaml";

fn article(positions: &str) -> String {
    format!("{HEAD}{positions}")
}

/// `check --message-format short` on the one article file `contents`.
fn short(contents: impl AsRef<[u8]>, lines: &str, summary: &str, status: i32) {
    Test::new()
        .article("2009-07-27-test.yaml", contents)
        .args(&["check", "--message-format", "short"])
        .stderr(&format!("{lines}{NOTE}{summary}\n"))
        .status(status)
        .run();
}

/// `check` (the full form) on the one article file `contents`.
fn full(contents: impl AsRef<[u8]>, expected: &str, status: i32) {
    Test::new()
        .article("2009-07-27-test.yaml", contents)
        .args(&["check"])
        .stderr(expected)
        .status(status)
        .run();
}

// ---- Every file is found or accounted for ----

#[test]
fn files_at_any_depth_are_read() {
    let deep: String = (1..=20).map(|i| format!("d{i}/")).collect();
    Test::new()
        .article(&format!("{deep}2009-07-27-deep.yaml"), article(ONE))
        .args(&["check"])
        .stderr(&format!(
            "{NOTE}checked 1 article: 1 position, 3 parties, 0 problems\n"
        ))
        .run();
}

#[test]
fn yaml_names_are_read_in_any_case() {
    Test::new()
        .article("2009-07-27-a.YAML", article(ONE))
        .article("2009-07-27-b.Yml", article(ONE))
        .args(&["check"])
        .stderr(&format!(
            "{NOTE}checked 2 articles: 2 positions, 3 parties, 0 problems\n"
        ))
        .run();
}

/// Hidden files and folders are not read (a broken file there would be an error if it were),
/// and the summary says they were skipped.
#[test]
fn hidden_files_and_folders_are_skipped_and_counted() {
    Test::new()
        .article("2009-07-27-test.yaml", article(ONE))
        .article(".2009-07-27-hidden.yaml", "positions: [")
        .article(".drafts/2009-07-27-draft.yaml", "positions: [")
        .article("2009/.2009-07-28-hidden.yml", "positions: [")
        .args(&["check"])
        .stderr(&format!(
            "{NOTE}checked 1 article: 1 position, 3 parties, 0 problems; skipped 2 hidden files, 1 hidden folder\n"
        ))
        .run();
}

#[test]
fn editor_backups_and_other_names_are_skipped_and_counted() {
    let mut t = Test::new().article("2009-07-27-test.yaml", article(ONE));
    for name in [
        "2009-07-27-test.yaml~",
        ".#2009-07-27-test.yaml",
        "#2009-07-27-test.yaml#",
        ".2009-07-27-test.yaml.swp",
        ".2009-07-27-test.yaml.swo",
        "notes.txt",
        "2009-07-27-test.yaml.bak",
    ] {
        t = t.article(name, "positions: [");
    }
    t.args(&["check"])
        .stderr(&format!(
            "{NOTE}checked 1 article: 1 position, 3 parties, 0 problems; skipped 5 editor backups, 2 files not named *.yaml or *.yml\n"
        ))
        .run();
}

/// A link to a folder is followed; a link back up (a loop) reaches a folder already read, and
/// is counted rather than followed for ever.
#[test]
fn links_to_folders_are_followed_and_loops_end() {
    let t = Test::new()
        .article("2009-07-27-test.yaml", article(ONE))
        .file("elsewhere/2009-07-27-linked.yaml", article(ONE));
    let articles = t.path().join("annotations/articles");
    std::os::unix::fs::symlink(t.path().join("elsewhere"), articles.join("linked")).unwrap();
    std::os::unix::fs::symlink("../annotations/articles", t.path().join("elsewhere/up")).unwrap();
    t.args(&["check"])
        .stderr(&format!(
            "{NOTE}checked 2 articles: 2 positions, 3 parties, 0 problems; skipped 1 link to a folder already read\n"
        ))
        .run();
}

// ---- Exact locations ----

#[test]
fn a_tab_in_the_indentation_is_reported_at_the_tab() {
    let text = article("  - party: DPRK\n\t  stance: bilateral\n    basis: report\n");
    full(
        &text,
        &format!(
            "error: malformed YAML: a tab is used for indentation
  --> {F}:7:1
  |
7 |       stance: bilateral
  | ^^^^
  |
  = help: indent with spaces: YAML does not allow tabs in indentation

{NOTE}checked 1 article: 0 positions, 3 parties, 1 error
"
        ),
        1,
    );
    short(
        article("  - party: DPRK\n    stance: bilateral\n  \tbasis: report\n"),
        &format!("{F}:8:3: error: malformed YAML: a tab is used for indentation\n"),
        "checked 1 article: 0 positions, 3 parties, 1 error",
        1,
    );
}

/// The first line that ends in CRLF, in both forms.
#[test]
fn crlf_is_located_at_the_first_crlf_line_in_both_forms() {
    let text = format!(
        "{HEAD}{}",
        "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n"
            .replace('\n', "\r\n")
    );
    full(
        &text,
        &format!(
            "warning[line-ends]: `{F}` has CRLF (Windows) line ends
  --> {F}:6:1
  |
6 |   - party: DPRK
  | ^
  |
  = help: save the file with LF line ends; it was read as if it had them

{NOTE}checked 1 article: 1 position, 3 parties, 1 warning
"
        ),
        0,
    );
    short(
        &text,
        &format!("{F}:6:1: warning: `{F}` has CRLF (Windows) line ends [line-ends]\n"),
        "checked 1 article: 1 position, 3 parties, 1 warning",
        0,
    );
}

#[test]
fn lone_cr_line_ends_get_their_own_words() {
    let text =
        article("  - party: DPRK\n    stance: bilaterall\n    basis: report\n    quote: x\n")
            .replace('\n', "\r");
    short(
        &text,
        &format!(
            "{F}:1:1: warning: `{F}` has CR (classic Mac) line ends [line-ends]\n\
             {F}:7:13: error: unknown stance `bilaterall`\n"
        ),
        "checked 1 article: 0 positions, 3 parties, 1 error, 1 warning",
        1,
    );
    let mixed = format!("{HEAD}  - party: DPRK\r\n    stance: bilateral\r    basis: report\n");
    short(
        &mixed,
        &format!(
            "{F}:6:1: warning: `{F}` has both CRLF (Windows) and CR (classic Mac) line ends [line-ends]\n\
             {F}:6:5: warning: position 1 has no quote [missing-quote]\n"
        ),
        "checked 1 article: 1 position, 3 parties, 2 warnings",
        0,
    );
}

// ---- YAML that means something else ----

#[test]
fn tags_are_errors_at_the_tag() {
    let text = article(
        "  - party: !custom DPRK\n    stance: !!str bilateral\n    basis: report\n    quote: !!binary aGk=\n",
    );
    full(&text, &expected_tags(), 1);
}

fn expected_tags() -> String {
    format!(
        "error: YAML tags are not supported here
  --> {F}:6:12
  |
6 |   - party: !custom DPRK
  |            ^^^^^^^
  |
  = help: remove `!custom`: every value is read as text (put a value that starts with `!` in quotes)

error: YAML tags are not supported here
  --> {F}:7:13
  |
7 |     stance: !!str bilateral
  |             ^^^^^
  |
  = help: remove `!!str`: every value is read as text (put a value that starts with `!` in quotes)

error: YAML tags are not supported here
  --> {F}:9:12
  |
9 |     quote: !!binary aGk=
  |            ^^^^^^^^
  |
  = help: remove `!!binary`: every value is read as text (put a value that starts with `!` in quotes)

{NOTE}checked 1 article: 1 position, 3 parties, 3 errors
"
    )
}

#[test]
fn tags_on_collections_and_with_anchors() {
    short(
        article(
            "  - !pos\n    party: DPRK\n    stance: &s !!str bilateral\n    basis: report\n    quote: x\n",
        ),
        &format!(
            "{F}:6:5: error: YAML tags are not supported here\n\
             {F}:8:16: error: YAML tags are not supported here\n"
        ),
        "checked 1 article: 1 position, 3 parties, 2 errors",
        1,
    );
}

#[test]
fn a_merge_key_is_an_error_not_an_unknown_field() {
    let text = "article:\n  title: T\n  outlet: O\n  published: 2009-07-27\nbase: &base\n  party: DPRK\npositions:\n  - <<: *base\n    stance: bilateral\n    basis: report\n    quote: x\n";
    full(
        text,
        &format!(
            "error: unknown field `base` in an article file
  --> {F}:5:1
  |
5 | base: &base
  | ^^^^
  |
  = help: an article file has the fields: article, positions

error: merge keys (`<<`) are not supported here
  --> {F}:8:5
  |
8 |   - <<: *base
  |     ^^
  |
  = help: write the fields out in this mapping instead of merging them in

error: position 1 names no party
  --> {F}:8:5
  |
8 |   - <<: *base
  |     ^
  |
  = help: add `party:` (an id, name or alias), or a `speaker:` from the codebook

{NOTE}checked 1 article: 0 positions, 3 parties, 3 errors
"
        ),
        1,
    );
    // A quoted `<<` is an ordinary (unknown) key.
    short(
        article(
            "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n    \"<<\": y\n",
        ),
        &format!("{F}:10:5: error: unknown field `<<` in position 1\n"),
        "checked 1 article: 1 position, 3 parties, 1 error",
        1,
    );
}

#[test]
fn a_comment_that_cuts_a_text_value_is_a_warning() {
    let text = "article:
  title: Talks #2 begin
  outlet: O
  published: 2009-07-27
positions:
  - party: DPRK
    stance: bilateral
    basis: report
    quote: priority #1 for us
    conditions: if the \"talks\" resume #soon
    note: it's #3
";
    full(
        text,
        &format!(
            "warning[cut-by-comment]: the rest of the line was read as a YAML comment, not as part of `title`
  --> {F}:2:16
  |
2 |   title: Talks #2 begin
  |                ^^^^^^^^
  |
  = help: put the value in quotes to keep the `#`: `title: \"Talks #2 begin\"`

warning[cut-by-comment]: the rest of the line was read as a YAML comment, not as part of `quote`
  --> {F}:9:21
  |
9 |     quote: priority #1 for us
  |                     ^^^^^^^^^
  |
  = help: put the value in quotes to keep the `#`: `quote: \"priority #1 for us\"`

warning[cut-by-comment]: the rest of the line was read as a YAML comment, not as part of `conditions`
   --> {F}:10:39
   |
10 |     conditions: if the \"talks\" resume #soon
   |                                       ^^^^^
   |
   = help: put the value in quotes to keep the `#`: `conditions: 'if the \"talks\" resume #soon'`

warning[cut-by-comment]: the rest of the line was read as a YAML comment, not as part of `note`
   --> {F}:11:16
   |
11 |     note: it's #3
   |                ^^
   |
   = help: put the value in quotes to keep the `#`: `note: \"it's #3\"`

{NOTE}checked 1 article: 1 position, 3 parties, 4 warnings
"
        ),
        0,
    );
}

/// A `#` with no space before it is part of the value; a quoted value ends at its quote; a
/// comment after a field that is not free text is left alone.
#[test]
fn comments_that_cut_nothing_are_fine() {
    short(
        article(
            "  - party: DPRK # the North\n    stance: bilateral\n    basis: report\n    quote: priority#1\n    note: \"fine\" # a comment\n",
        ),
        "",
        "checked 1 article: 1 position, 3 parties, 0 problems",
        0,
    );
}

#[test]
fn an_empty_held_is_an_error() {
    short(
        article(
            "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n    held: \"\"\n  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n    held:\n",
        ),
        &format!(
            "{F}:10:11: error: `held` in position 1 is empty\n\
             {F}:15:9: error: `held` in position 2 is empty\n"
        ),
        "checked 1 article: 0 positions, 3 parties, 2 errors",
        1,
    );
}

// ---- The in-memory entry ----

/// Bytes from memory give what the same file gives on disk: the same problems, the same
/// article, the same text to render them from.
#[test]
fn bytes_in_memory_load_as_the_file_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let codebook =
        std::fs::read(common::root().join("tests/fixtures/small/codebook.yaml")).unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("codebook.yaml"), &codebook).unwrap();
    let name_of = |file: &str| format!("{}/{file}", dir.path().display());
    let bytes = format!(
        "{HEAD}{ONE}  - party: Moscow\r\n    stance: !!str bilateral\n    basis: report\n    quote: a #b\n"
    )
    .into_bytes();
    std::fs::write(dir.path().join("articles/2009-07-28-x.yaml"), &bytes).unwrap();

    let on_disk = load::load(&LoadOptions::new(dir.path()));
    let (cb, from_cb) = load::codebook_from_bytes(&name_of("codebook.yaml"), codebook);
    let cb = cb.unwrap();
    assert!(from_cb.diagnostics.is_empty());
    assert_eq!(cb, on_disk.dataset.codebook);
    let in_memory = load::article_from_bytes(&name_of("articles/2009-07-28-x.yaml"), bytes, &cb);

    assert_eq!(on_disk.diagnostics, in_memory.diagnostics);
    assert_eq!(on_disk.dataset, in_memory.dataset);
    assert_eq!(on_disk.sources[1], in_memory.sources[0]);
    let messages: Vec<&str> = in_memory
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            format!(
                "`{}` has CRLF (Windows) line ends",
                name_of("articles/2009-07-28-x.yaml")
            )
            .as_str(),
            "YAML tags are not supported here",
            "the rest of the line was read as a YAML comment, not as part of `quote`",
            "the file name `2009-07-28-x` does not start with the published date 2009-07-27",
            "unknown party `Moscow`",
        ]
    );
}
