//! What users expect of a command-line tool: `--party a,b`, stances by label, kinds of
//! warning with `--allow` and `--deny` (and the codebook's `check:`), `check
//! --message-format json`, color on a terminal, and status lines on stderr.

mod common;
use common::Test;
use std::process::{Command, Stdio};

const HEAD: &str = "article:
  title: Test article
  outlet: Test Outlet
  published: 2009-07-27
positions:
";

const F: &str = "annotations/articles/2009-07-27-test.yaml";

const NOTE: &str =
    "note: quotes were not verified against the articles' texts (pass --sources DIR)\n";

/// One article file, 2009-07-27-test.yaml, with these positions.
fn with_positions(positions: &str) -> Test {
    Test::new().article("2009-07-27-test.yaml", format!("{HEAD}{positions}"))
}

const NO_QUOTE: &str = "  - party: DPRK\n    stance: bilateral\n    basis: report\n";
const UNKNOWN_PARTY: &str =
    "  - party: north-kroea\n    stance: bilateral\n    basis: report\n    quote: x\n";

/// A position of `party` with `stance` on `held`, with a quote.
fn position(party: &str, stance: &str, held: &str) -> String {
    format!("  - {{party: {party}, stance: {stance}, basis: report, quote: q, held: {held}}}\n")
}

// --message-format json

/// The README's JSON example is what `check` writes, on stdout; the note and the summary stay
/// on stderr.
#[test]
fn json_is_one_object_per_problem_on_stdout_as_the_readme_shows() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let block = readme
        .split("and with `--message-format json`")
        .nth(1)
        .and_then(|rest| rest.split("```text\n").nth(1))
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README shows the JSON form");
    let shown = block.replace("\n ", "") + "\n";
    let out = with_positions(UNKNOWN_PARTY)
        .args(&["check", "--message-format", "json"])
        .stderr(&format!(
            "{NOTE}checked 1 article: 0 positions, 3 parties, 1 error\n"
        ))
        .status(1)
        .run();
    assert_eq!(out.stdout, shown);
}

/// A warning's kind is its `code`; labels, notes and related places are there; a place ends
/// where its text ends (a quote over two lines ends on the second, a flow mapping's position
/// after its `{`).
#[test]
fn json_gives_kinds_labels_notes_related_places_and_ends() {
    let positions = format!(
        "{}{}  - party: US\n    stance: mixed\n    basis: report\n    quote: \"first line\n      second\"\n",
        position("DPRK", "bilateral", "2009-07-27"),
        position("Pyongyang", "mixed", "2009-07-27"),
    );
    let t = with_positions(&positions)
        .file("texts/a.txt", "Nothing of the kind is said here.\n")
        .file(
            F,
            format!("{HEAD}{positions}").replace("positions:\n", "  source: a.txt\npositions:\n"),
        );
    let out = t
        .args(&["check", "--message-format", "json", "--sources", "texts"])
        .stderr("checked 1 article: 3 positions, 3 parties, 4 warnings\n")
        .run();
    let help = "\"help\":[\"quote the article's words exactly (quotes, dashes, spacing and case may differ)\"]";
    assert_eq!(
        out.stdout,
        format!(
            "{{\"severity\":\"warning\",\"code\":\"conflict\",\"message\":\"North Korea holds `bilateral` and `mixed` at once, from 2009-07-27 on\",\"file\":\"{F}\",\"line\":7,\"column\":5,\"end_line\":7,\"end_column\":6,\"label\":\"`bilateral` here\",\"help\":[\"if both are right, narrow `held` so they do not overlap; if the record disagrees, keep both: queries and charts show the conflict\"],\"notes\":[],\"related\":[{{\"file\":\"{F}\",\"line\":8,\"column\":5,\"end_line\":8,\"end_column\":6,\"label\":\"`mixed` here\"}}]}}\n\
             {{\"severity\":\"warning\",\"code\":\"quote-not-found\",\"message\":\"quote not found in the source text `a.txt`\",\"file\":\"{F}\",\"line\":7,\"column\":60,\"end_line\":7,\"end_column\":61,\"label\":null,{help},\"notes\":[\"the closest passage is: \\\"Nothing\\\"\"],\"related\":[]}}\n\
             {{\"severity\":\"warning\",\"code\":\"quote-not-found\",\"message\":\"quote not found in the source text `a.txt`\",\"file\":\"{F}\",\"line\":8,\"column\":61,\"end_line\":8,\"end_column\":62,\"label\":null,{help},\"notes\":[\"the closest passage is: \\\"Nothing\\\"\"],\"related\":[]}}\n\
             {{\"severity\":\"warning\",\"code\":\"quote-not-found\",\"message\":\"quote not found in the source text `a.txt`\",\"file\":\"{F}\",\"line\":12,\"column\":12,\"end_line\":13,\"end_column\":14,\"label\":null,{help},\"notes\":[\"the closest passage is: \\\"kind is said\\\"\"],\"related\":[]}}\n"
        )
    );
}

/// A file whose text could not be read has its place only where it starts, and every line is
/// valid JSON whatever the message holds.
#[test]
fn json_of_a_file_not_read_ends_where_it_starts() {
    let out = Test::new()
        .article("2009-07-27-bad.yaml", b"article: \xff\n".as_slice())
        .args(&["check", "--message-format", "json"])
        .status(1)
        .run();
    assert_eq!(
        out.stdout,
        "{\"severity\":\"error\",\"code\":null,\"message\":\"`annotations/articles/2009-07-27-bad.yaml` is not valid UTF-8 (byte 9 cannot be read)\",\"file\":\"annotations/articles/2009-07-27-bad.yaml\",\"line\":1,\"column\":10,\"end_line\":1,\"end_column\":10,\"label\":null,\"help\":[\"save the file with UTF-8 encoding\"],\"notes\":[],\"related\":[]}\n"
    );
}

// Kinds of warning: --allow, --deny, the codebook's check:

#[test]
fn allow_leaves_a_kind_out_and_deny_makes_it_an_error() {
    with_positions(NO_QUOTE)
        .args(&["check", "--allow", "missing-quote"])
        .stderr(&format!(
            "{NOTE}checked 1 article: 1 position, 3 parties, 0 problems\n"
        ))
        .run();
    with_positions(NO_QUOTE)
        .args(&["check", "--deny", "Missing-Quote"])
        .stderr(&format!(
            "error[missing-quote]: position 1 has no quote
  --> {F}:6:5
  |
6 |   - party: DPRK
  |     ^
  |
  = help: add `quote:` with the words of the article that carry the stance

{NOTE}checked 1 article: 1 position, 3 parties, 1 error
"
        ))
        .status(1)
        .run();
    // Another kind denied leaves this one a warning.
    with_positions(NO_QUOTE)
        .args(&["check", "--deny", "conflict", "--message-format", "short"])
        .stderr(&format!(
            "{F}:6:5: warning: position 1 has no quote [missing-quote]\n\
             {NOTE}checked 1 article: 1 position, 3 parties, 1 warning\n"
        ))
        .run();
}

/// A codebook with `check:` settings appended.
fn codebook_checking(check: &str) -> String {
    format!("{}check:\n{check}", common::FIXTURE_CODEBOOK)
}

/// Two DPRK positions in conflict and one without a quote.
fn conflict_and_no_quote() -> Test {
    with_positions(&format!(
        "{}{}{NO_QUOTE}",
        position("DPRK", "bilateral", "2009-07-27"),
        position("DPRK", "mixed", "2009-07-27")
    ))
}

const CONFLICT_SHORT: &str = "annotations/articles/2009-07-27-test.yaml:6:5: SEVERITY: North Korea holds `bilateral` and `mixed` at once, from 2009-07-27 on [conflict]\n";
const NO_QUOTE_SHORT: &str = "annotations/articles/2009-07-27-test.yaml:8:5: SEVERITY: position 1 has no quote [missing-quote]\n";

fn as_(line: &str, severity: &str) -> String {
    line.replace("SEVERITY", severity)
        .replace("position 1", "position 3")
}

/// The codebook's `check:` is the project's default; the command line overrides it kind by
/// kind, and a kind named anywhere wins over `warnings`.
#[test]
fn the_codebook_sets_defaults_and_the_command_line_overrides_them() {
    let short = ["check", "--message-format", "short"];
    let both = |t: Test, args: &[&str], conflict: Option<&str>, quote: Option<&str>, end: &str| {
        let mut expected = String::new();
        if let Some(s) = conflict {
            expected.push_str(&as_(CONFLICT_SHORT, s));
        }
        if let Some(s) = quote {
            expected.push_str(&as_(NO_QUOTE_SHORT, s));
        }
        let failed = expected.contains(": error: ");
        t.args(&short)
            .args(args)
            .stderr(&format!(
                "{expected}{NOTE}checked 1 article: 3 positions, 3 parties, {end}\n"
            ))
            .status(i32::from(failed))
            .run();
    };
    let cb = |check: &str| conflict_and_no_quote().codebook(&codebook_checking(check));
    both(
        cb("  allow: [conflict]\n  deny: missing-quote\n"),
        &[],
        None,
        Some("error"),
        "1 error",
    );
    both(
        cb("  allow: [conflict]\n  deny: missing-quote\n"),
        &["--allow", "missing-quote", "--deny", "conflict"],
        Some("error"),
        None,
        "1 error",
    );
    // `--deny warnings` leaves the project's allowed conflicts out.
    both(
        cb("  allow: [conflict]\n"),
        &["--deny", "warnings"],
        None,
        Some("error"),
        "1 error",
    );
    // The codebook's `deny: [warnings]` yields to a kind allowed on the command line.
    both(
        cb("  deny: [warnings]\n"),
        &["--allow", "conflict"],
        None,
        Some("error"),
        "1 error",
    );
    both(cb("  allow: [warnings]\n"), &[], None, None, "0 problems");
    both(
        cb(""),
        &["--deny", "warnings", "--allow", "missing-quote"],
        Some("error"),
        None,
        "1 error",
    );
}

#[test]
fn the_check_settings_are_read_like_the_rest_of_the_codebook() {
    let out = Test::new()
        .codebook(&codebook_checking("  alow: [conflict]\n  deny: {a: b}\n"))
        .args(&["check", "--message-format", "short"])
        .status(1)
        .run();
    assert_eq!(
        out.stderr,
        format!(
            "annotations/codebook.yaml:41:3: error: unknown field `alow` in the check settings\n\
             annotations/codebook.yaml:42:9: error: `deny` in the check settings must be a list, found a mapping\n\
             {NOTE}checked 0 articles: 0 positions, 3 parties, 2 errors\n"
        )
    );
    // `check:` left empty is no settings.
    with_positions(NO_QUOTE)
        .codebook(&codebook_checking(""))
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "{F}:6:5: warning: position 1 has no quote [missing-quote]\n\
             {NOTE}checked 1 article: 1 position, 3 parties, 1 warning\n"
        ))
        .run();
}

#[test]
fn a_kind_both_allowed_and_denied_on_the_command_line_is_a_usage_error() {
    Test::new()
        .args(&[
            "check",
            "--allow",
            "conflict",
            "--deny",
            "line-ends",
            "--deny",
            "conflict",
        ])
        .stderr(
            "error: `conflict` is both allowed and denied\n  \
             = help: pass `conflict` to --allow or to --deny, not both\n",
        )
        .status(2)
        .run();
}

#[test]
fn an_unknown_kind_on_the_command_line_is_a_usage_error_with_a_suggestion() {
    Test::new()
        .args(&["check", "--deny", "conflicts"])
        .stderr(
            "error: invalid value 'conflicts' for '--deny <KIND>'\n  \
             [possible values: warnings, conflict, missing-quote, quote-not-found, source-unreadable, file-name-date, long-short-label, similar-colors, byte-order-mark, line-ends, cut-by-comment, coder-folder, schema-out-of-date]\n\
             \n  \
             tip: a similar value exists: 'conflict'\n\
             \n\
             For more information, try '--help'.\n",
        )
        .status(2)
        .run();
}

/// With ten warnings or more, the full form ends with a count per kind, the most first; with
/// fewer, or in the short form, it does not.
#[test]
fn many_warnings_end_with_a_count_per_kind() {
    let nine = NO_QUOTE.repeat(9);
    let out = Test::new()
        .article(
            "2009-07-27-test.yaml",
            format!("{HEAD}{nine}").replace('\n', "\r\n"),
        )
        .args(&["check"])
        .run();
    assert!(
        out.stderr.ends_with(&format!(
            "\nnote: warnings by kind: 9 missing-quote, 1 line-ends\n  \
             = help: --allow KIND leaves a kind out, --deny KIND makes it an error; the codebook's \
             `check:` sets them for the project\n\
             {NOTE}checked 1 article: 9 positions, 3 parties, 10 warnings\n"
        )),
        "{}",
        out.stderr
    );
    for args in [&["check"][..], &["check", "--message-format", "short"]] {
        let out = with_positions(&nine).args(args).run();
        assert!(!out.stderr.contains("by kind"), "{}", out.stderr);
    }
}

// Color

const COLORED_ERROR: &str = "\x1b[1;31merror\x1b[0m\x1b[1m: unknown party `north-kroea`\x1b[0m
  \x1b[2m-->\x1b[0m\x1b[2m annotations/articles/2009-07-27-test.yaml:6:12\x1b[0m
  \x1b[2m|\x1b[0m
\x1b[2m6\x1b[0m \x1b[2m|\x1b[0m   - party: \x1b[31mnorth-kroea\x1b[0m
  \x1b[2m|\x1b[0m            \x1b[31m^^^^^^^^^^^\x1b[0m
  \x1b[2m|\x1b[0m
  \x1b[2m=\x1b[0m \x1b[2mhelp: did you mean `north-korea`?\x1b[0m

\x1b[1mnote\x1b[0m: quotes were not verified against the articles' texts (pass --sources DIR)
checked 1 article: 0 positions, 3 parties, 1 error
";

#[test]
fn color_always_colors_errors_red_and_dims_locations_and_help() {
    with_positions(UNKNOWN_PARTY)
        .args(&["check", "--color", "always"])
        .stderr(COLORED_ERROR)
        .status(1)
        .run();
    // A warning is yellow, a second place cyan.
    let out = conflict_and_no_quote()
        .args(&["--color=always", "check", "--allow", "missing-quote"])
        .run();
    assert!(
        out.stderr.starts_with(
            "\x1b[1;33mwarning[conflict]\x1b[0m\x1b[1m: North Korea holds `bilateral` and `mixed` at once, from 2009-07-27 on\x1b[0m\n"
        ),
        "{:?}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("\x1b[33m^\x1b[0m \x1b[33m`bilateral` here\x1b[0m\n"),
        "{:?}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("\x1b[36m-\x1b[0m \x1b[36m`mixed` here\x1b[0m\n"),
        "{:?}",
        out.stderr
    );
    // The messages of a command, too.
    Test::new()
        .args(&["events", "--party", "mongolia", "--color", "always"])
        .stderr(
            "\x1b[1;31merror\x1b[0m\x1b[1m: unknown party `mongolia`\x1b[0m\n\
             \x1b[2m  = help: the codebook's parties are: north-korea, united-states, china\x1b[0m\n",
        )
        .status(2)
        .run();
}

/// Under `--color auto` (the default), stderr that is not a terminal gets no color unless
/// CLICOLOR_FORCE asks for it, and NO_COLOR beats that; `--color never` beats everything.
#[test]
fn the_environment_decides_under_auto() {
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut t = with_positions(UNKNOWN_PARTY).args(&["check"]).args(args);
        for (k, v) in env {
            t = t.env(k, v);
        }
        t.status(1).run().stderr
    };
    let plain = run(&[], &[]);
    assert!(plain.starts_with("error: unknown party"), "{plain:?}");
    assert!(!plain.contains('\x1b'));
    let forced = [("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")];
    assert_eq!(run(&[], &forced), COLORED_ERROR);
    assert_eq!(run(&["--color", "auto"], &forced), COLORED_ERROR);
    assert_eq!(
        run(&[], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]),
        plain
    );
    assert_eq!(
        run(&[], &[("NO_COLOR", ""), ("CLICOLOR_FORCE", "0")]),
        plain
    );
    assert_eq!(run(&["--color", "never"], &forced), plain);
    // JSON on stdout is never colored.
    let out = with_positions(UNKNOWN_PARTY)
        .args(&["check", "--message-format", "json", "--color", "always"])
        .status(1)
        .run();
    assert!(
        out.stdout.starts_with("{\"severity\":\"error\""),
        "{:?}",
        out.stdout
    );
    assert!(!out.stdout.contains('\x1b'));
}

/// On a terminal (`script`, from Debian's essential bsdutils, gives one; missing, the test
/// fails rather than skips), messages are in color by themselves, clap's own too; NO_COLOR
/// and `--color never` turn that off.
#[cfg(target_os = "linux")]
#[test]
fn a_terminal_gets_color_unless_told_otherwise() {
    let t = with_positions(UNKNOWN_PARTY);
    let bin = env!("CARGO_BIN_EXE_stanceline");
    let in_terminal = |args: &str, no_color: Option<&str>| {
        let mut cmd = Command::new("script");
        cmd.args(["-qec", &format!("{bin} {args}"), "/dev/null"])
            .current_dir(t.path())
            .env_remove("STANCELINE_ANNOTATIONS")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR")
            .env("TERM", "xterm")
            .stdin(Stdio::null());
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().expect("`script` (util-linux) runs");
        String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n")
    };
    assert_eq!(in_terminal("check", None), COLORED_ERROR);
    let plain = in_terminal("check", Some("1"));
    assert!(
        plain.starts_with("error: unknown party `north-kroea`\n"),
        "{plain:?}"
    );
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert_eq!(in_terminal("check --color never", None), plain);
    assert_eq!(in_terminal("--color=never check", None), plain);
    // clap's usage errors follow --color as well.
    let clap = in_terminal("check --deny nothing", None);
    assert!(clap.contains("\x1b["), "{clap:?}");
    let clap = in_terminal("check --deny nothing --color never", None);
    assert!(
        clap.starts_with("error: invalid value 'nothing' for '--deny <KIND>'\n"),
        "{clap:?}"
    );
    assert!(!clap.contains('\x1b'), "{clap:?}");
}

// --party a,b and stances by label

/// A codebook whose stance labels differ from their ids, and a party name with a comma.
const LABELS: &str = "question: Q?
stances:
  - id: bi
    label: Bilateral only
  - id: six
    label: Six-party preferred
parties:
  - id: rok
    name: Korea, Republic of
    aliases: [South Korea]
  - id: dprk
    name: North Korea
  - id: us
    name: United States
";

fn labelled() -> Test {
    Test::new().codebook(LABELS).article(
        "2009-07-27-test.yaml",
        format!(
            "{HEAD}{}{}{}{}",
            position("rok", "six", "2009-07-01"),
            position("DPRK", "Bilateral only", "2009-07-02"),
            position("us", "SIX-PARTY PREFERRED", "2009-07-03"),
            position("north korea", "six", "2009-07-20"),
        ),
    )
}

/// `party held` of each event of `events --format json`.
fn held_parties(out: &common::Output) -> Vec<String> {
    let events: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    events
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["party"].as_str().unwrap(),
                e["held"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn parties_are_named_repeated_or_separated_by_commas_and_a_name_with_a_comma_whole() {
    let events = |args: &[&str]| {
        let out = labelled()
            .args(&["events", "--format", "json"])
            .args(args)
            .run();
        held_parties(&out)
    };
    let dprk_us = ["dprk 2009-07-02", "us 2009-07-03", "dprk 2009-07-20"];
    assert_eq!(events(&["--party", "dprk", "--party", "us"]), dprk_us);
    assert_eq!(events(&["--party", "dprk,us"]), dprk_us);
    assert_eq!(
        events(&["--party", " North Korea , United States "]),
        dprk_us
    );
    assert_eq!(
        events(&["--party", "Korea, Republic of"]),
        ["rok 2009-07-01"]
    );
    assert_eq!(
        events(&["--party", "korea, republic of", "--party", "us,dprk"]),
        [
            "rok 2009-07-01",
            "dprk 2009-07-02",
            "us 2009-07-03",
            "dprk 2009-07-20"
        ]
    );
    // Split, the name is two unknown names.
    labelled()
        .args(&["events", "--party", "Korea, Republic of,us"])
        .stderr("error: unknown party `Korea`\n  = help: did you mean `Korea, Republic of`?\n")
        .status(2)
        .run();
    labelled()
        .args(&["changes", "--party", "us,,dprk"])
        .stderr(
            "error: `--party us,,dprk` has an empty name\n  \
             = help: give one name, or several separated by commas: --party NAME,NAME\n",
        )
        .status(2)
        .run();
    labelled()
        .args(&["chart", "-o", "x.svg", "--party", "dprk,"])
        .stderr(
            "error: `--party dprk,` has an empty name\n  \
             = help: give one name, or several separated by commas: --party NAME,NAME\n",
        )
        .status(2)
        .run();
}

#[test]
fn changes_and_charts_take_parties_separated_by_commas() {
    let changes = |args: &[&str]| labelled().args(&["changes"]).args(args).run().stdout;
    let repeated = changes(&["--party", "dprk", "--party", "us"]);
    assert!(repeated.contains("North Korea"), "{repeated}");
    assert_eq!(changes(&["--party", "dprk,us"]), repeated);
    let t = labelled();
    let chart = |name: &str, parties: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_stanceline"))
            .args(["chart", "-o", name])
            .args(parties)
            .current_dir(t.path())
            .env_remove("STANCELINE_ANNOTATIONS")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read(t.path().join(name)).unwrap()
    };
    let a = chart("a.svg", &["--party", "us", "--party", "South Korea"]);
    let b = chart("b.svg", &["--party", "us,South Korea"]);
    assert_eq!(a, b);
    assert_ne!(a, chart("c.svg", &["--party", "South Korea,us"]));
}

#[test]
fn query_takes_the_party_as_an_option_too() {
    let query = |args: &[&str]| labelled().args(&["query"]).args(args).run().stdout;
    let positional = query(&["dprk", "--at", "2009-07-05"]);
    assert!(
        positional.starts_with("party        North Korea (dprk)\n"),
        "{positional}"
    );
    assert_eq!(
        query(&["--party", "dprk", "--at", "2009-07-05"]),
        positional
    );
    assert_eq!(query(&["--party", "North Korea"]), query(&["dprk"]));
    // Several: the table of every party, of these, in the order given.
    labelled()
        .args(&[
            "query",
            "--party",
            "us,dprk",
            "--at",
            "2009-07-05",
            "--format",
            "csv",
        ])
        .run()
        .stdout
        .lines()
        .skip(1)
        .zip([
            "us,United States,2009-07-05,known,six,",
            "dprk,North Korea,2009-07-05,known,bi,",
        ])
        .for_each(|(line, start)| assert!(line.starts_with(start), "{line}"));
    let histories = query(&["--party", "us", "--party", "dprk"]);
    assert!(
        histories.starts_with("United States: history\n"),
        "{histories}"
    );
    assert!(
        histories.contains("\n\nNorth Korea: history\n"),
        "{histories}"
    );
    labelled()
        .args(&["query", "dprk", "--party", "us"])
        .stderr(
            "error: the argument '[PARTY]' cannot be used with '--party <PARTY>'\n\
             \n\
             Usage: stanceline query <PARTY>\n\
             \n\
             For more information, try '--help'.\n",
        )
        .status(2)
        .run();
}

#[test]
fn stances_are_named_by_id_or_label_in_any_case() {
    let events = |args: &[&str]| {
        let out = labelled()
            .args(&["events", "--format", "json"])
            .args(args)
            .run();
        held_parties(&out)
    };
    let six = ["rok 2009-07-01", "us 2009-07-03", "dprk 2009-07-20"];
    assert_eq!(events(&["--stance", "six"]), six);
    assert_eq!(events(&["--stance", "six-party PREFERRED"]), six);
    assert_eq!(
        events(&["--stance", "Bilateral only,six", "--party", "dprk"]),
        ["dprk 2009-07-02", "dprk 2009-07-20"]
    );
    labelled()
        .args(&["events", "--stance", "six party prefered"])
        .stderr("error: unknown stance `six party prefered`\n  = help: did you mean `Six-party preferred`?\n")
        .status(2)
        .run();
    labelled()
        .args(&["events", "--stance", "multilateral"])
        .stderr(
            "error: unknown stance `multilateral`\n  = help: the codebook's stances are: bi, six\n",
        )
        .status(2)
        .run();
    // In the annotations too (the article above names stances by label), and suggested so.
    labelled()
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "{NOTE}checked 1 article: 4 positions, 3 parties, 0 problems\n"
        ))
        .run();
    Test::new()
        .codebook(LABELS)
        .article(
            "2009-07-27-test.yaml",
            format!(
                "{HEAD}{}",
                position("us", "Six-party prefered", "2009-07-03")
            ),
        )
        .args(&["check"])
        .stderr(&format!(
            "error: unknown stance `Six-party prefered`
  --> {F}:6:25
  |
6 |   - {{party: us, stance: Six-party prefered, basis: report, quote: q, held: 2009-07-03}}
  |                         ^^^^^^^^^^^^^^^^^^
  |
  = help: did you mean `Six-party preferred`?

{NOTE}checked 1 article: 0 positions, 3 parties, 1 error
"
        ))
        .status(1)
        .run();
}

// Status lines

/// `checked ...` and `wrote ...` are on stderr: stdout is the answer alone.
#[test]
fn status_lines_are_on_stderr() {
    let out = labelled()
        .args(&["chart", "--out-dir", "out"])
        .stdout("")
        .run();
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stderr);
    assert!(lines[0].starts_with("note: the codebook gives no stance a score"));
    assert!(lines[1].starts_with("wrote out/stance-timeline.png (1200×"));
    assert!(lines[2].starts_with("wrote out/stance-timeline.svg (SVG, "));
    labelled()
        .args(&["check"])
        .stdout("")
        .stderr(&format!(
            "{NOTE}checked 1 article: 4 positions, 3 parties, 0 problems\n"
        ))
        .run();
}
