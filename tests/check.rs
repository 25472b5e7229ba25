//! `stanceline check`: every problem gets its exact, located message.

mod common;
use common::Test;

const HEAD: &str = "article:
  title: Test article
  outlet: Test Outlet
  published: 2009-07-27
positions:
";

/// An article file published 2009-07-27 with the given positions (YAML list items).
fn article(positions: &str) -> String {
    format!("{HEAD}{positions}")
}

const NOTE: &str =
    "note: quotes were not verified against the articles' texts (pass --sources DIR)\n";

/// `check --message-format short` on one article file; stderr must be `lines`, then the note
/// and the summary.
fn short(positions: &str, lines: &str, summary: &str, status: i32) {
    Test::new()
        .article("2009-07-27-test.yaml", article(positions))
        .args(&["check", "--message-format", "short"])
        .stderr(&format!("{lines}{NOTE}{summary}\n"))
        .status(status)
        .run();
}

const F: &str = "annotations/articles/2009-07-27-test.yaml";

#[test]
fn valid_article_passes() {
    short(
        "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n",
        "",
        "checked 1 article: 1 position, 3 parties, 0 problems",
        0,
    );
}

#[test]
fn shipped_annotations_pass_with_no_warnings() {
    let root = common::root();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .args([
            "check",
            "--sources",
            "../shared/seeds",
            "--deny",
            "warnings",
        ])
        .current_dir(&root)
        .env_remove("STANCELINE_ANNOTATIONS")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.ends_with("6 parties, 0 problems\n"), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(!stderr.contains("not verified"), "{stderr}");
}

#[test]
fn full_form_shows_the_line_a_caret_and_help() {
    Test::new()
        .article(
            "2009-07-27-test.yaml",
            article(
                "  - party: north-kroea\n    stance: bilateral\n    basis: report\n    quote: x\n",
            ),
        )
        .args(&["check"])
        .stderr(&format!(
            "error: unknown party `north-kroea`
  --> {F}:6:12
  |
6 |   - party: north-kroea
  |            ^^^^^^^^^^^
  |
  = help: did you mean `north-korea`?

{NOTE}checked 1 article: 0 positions, 3 parties, 1 error
"
        ))
        .status(1)
        .run();
}

#[test]
fn malformed_yaml() {
    let out = Test::new()
        .article(
            "2009-07-27-test.yaml",
            article("  - party: [DPRK\n    stance: bilateral\n"),
        )
        .args(&["check", "--message-format", "short"])
        .status(1)
        .run();
    let first = out.stderr.lines().next().unwrap();
    assert!(first.starts_with(&format!("{F}:")), "{first}");
    assert!(first.contains(": error: malformed YAML: "), "{first}");
    assert!(out.stderr.ends_with("0 positions, 3 parties, 1 error\n"));
}

#[test]
fn unknown_field_suggests_the_right_one() {
    short(
        "  - party: DPRK\n    stnace: bilateral\n    basis: report\n    quote: x\n",
        &format!(
            "{F}:6:5: error: missing field `stance` in position 1\n\
             {F}:7:5: error: unknown field `stnace` in position 1\n"
        ),
        "checked 1 article: 0 positions, 3 parties, 2 errors",
        1,
    );
}

#[test]
fn unknown_field_without_a_near_name_lists_the_fields() {
    let out = Test::new()
        .article(
            "2009-07-27-test.yaml",
            article("  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n    weather: sunny\n"),
        )
        .args(&["check"])
        .status(1)
        .run();
    assert!(out.stderr.contains("error: unknown field `weather` in position 1\n   --> annotations/articles/2009-07-27-test.yaml:10:5\n"), "{}", out.stderr);
    assert!(out.stderr.contains("   = help: position 1 has the fields: speaker, party, stance, held, basis, quote, conditions, confidence, note\n"), "{}", out.stderr);
}

#[test]
fn missing_article_fields() {
    Test::new()
        .article(
            "2009-07-27-test.yaml",
            "article:\n  title: T\npositions: []\n",
        )
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "{F}:2:3: error: missing field `outlet` in the article\n\
             {F}:2:3: error: missing field `published` in the article\n\
             {NOTE}checked 1 article: 0 positions, 3 parties, 2 errors\n"
        ))
        .status(1)
        .run();
}

#[test]
fn wrong_types() {
    short(
        "  - party: DPRK\n    stance: [bilateral]\n    basis: report\n    quote: x\n  - just text\n",
        &format!(
            "{F}:7:13: error: `stance` in position 1 must be text, found a list\n\
             {F}:10:5: error: expected position 2 (a mapping of fields), found `just text`\n"
        ),
        "checked 1 article: 0 positions, 3 parties, 2 errors",
        1,
    );
}

#[test]
fn duplicate_field() {
    short(
        "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n    stance: mixed\n",
        &format!("{F}:10:5: error: duplicate field `stance` in position 1\n"),
        "checked 1 article: 1 position, 3 parties, 1 error",
        1,
    );
}

#[test]
fn positions_must_be_a_list() {
    Test::new()
        .article("2009-07-27-test.yaml", format!("{HEAD}  party: DPRK\n"))
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "{F}:6:3: error: `positions` in an article file must be a list, found a mapping\n\
             {NOTE}checked 1 article: 0 positions, 3 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

#[test]
fn unknown_party_stance_basis_and_confidence() {
    short(
        "  - party: Moscow\n    stance: bilaterall\n    basis: statment\n    confidence: hihg\n    quote: x\n",
        &format!(
            "{F}:6:12: error: unknown party `Moscow`\n\
             {F}:7:13: error: unknown stance `bilaterall`\n\
             {F}:8:12: error: unknown basis `statment`\n\
             {F}:9:17: error: unknown confidence `hihg`\n"
        ),
        "checked 1 article: 0 positions, 3 parties, 4 errors",
        1,
    );
}

#[test]
fn suggestions_come_from_ids_names_and_aliases() {
    for (typo, suggestion) in [
        ("north-kroea", "north-korea"),
        ("Washingtn", "Washington"),
        ("Unitd States", "United States"),
    ] {
        let out = Test::new()
            .article(
                "2009-07-27-test.yaml",
                article(&format!(
                    "  - party: {typo}\n    stance: bilateral\n    basis: report\n    quote: x\n"
                )),
            )
            .args(&["check"])
            .status(1)
            .run();
        assert!(
            out.stderr
                .contains(&format!("= help: did you mean `{suggestion}`?")),
            "{typo}: {}",
            out.stderr
        );
    }
}

#[test]
fn unknown_speaker_needs_a_party() {
    let out = Test::new()
        .article(
            "2009-07-27-test.yaml",
            article(
                "  - speaker: Chris Hill\n    stance: bilateral\n    basis: report\n    quote: x\n",
            ),
        )
        .args(&["check"])
        .status(1)
        .run();
    assert!(
        out.stderr.starts_with(&format!(
            "error: unknown speaker `Chris Hill`, and the position names no party\n  --> {F}:6:14\n"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("= help: did you mean `Christopher Hill`?\n")
    );
    assert!(
        out.stderr
            .contains("= help: a speaker not in the codebook needs `party:`\n")
    );
}

#[test]
fn values_match_in_any_case() {
    short(
        "  - party: dprk\n    stance: Bilateral\n    basis: Statement\n    confidence: HIGH\n    quote: x\n",
        "",
        "checked 1 article: 1 position, 3 parties, 0 problems",
        0,
    );
}

#[test]
fn position_numbers_count_every_item() {
    short(
        "  - just text\n  - stance: mixed\n    basis: report\n    quote: x\n",
        &format!(
            "{F}:6:5: error: expected position 1 (a mapping of fields), found `just text`\n\
             {F}:7:5: error: position 2 names no party\n"
        ),
        "checked 1 article: 0 positions, 3 parties, 2 errors",
        1,
    );
}

#[test]
fn free_text_speaker_with_party_is_fine() {
    short(
        "  - speaker: A diplomat\n    party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n",
        "",
        "checked 1 article: 1 position, 3 parties, 0 problems",
        0,
    );
}

#[test]
fn impossible_dates() {
    short(
        "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n    held: 2009-13\n\
         \x20 - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n    held: 2009-02-30\n\
         \x20 - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n    held: 2009/2008\n",
        &format!(
            "{F}:10:11: error: `2009-13` has month 13, but months run from 01 to 12 (and seasons from 21 to 24)\n\
             {F}:15:11: error: `2009-02-30` does not exist: 2009-02 has 28 days\n\
             {F}:20:11: error: `2009/2008` ends (2008) before it starts (2009)\n"
        ),
        "checked 1 article: 0 positions, 3 parties, 3 errors",
        1,
    );
}

/// Dates as people write them, each refused where it is written with the EDTF spelling of
/// what was meant; and every level-1 form accepted (the published date too).
#[test]
fn dates_as_people_write_them() {
    let pos = |held: &str| {
        format!(
            "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n    held: \"{held}\"\n"
        )
    };
    let written = [
        "07/27/2009",
        "27.07.2009",
        "July 2009",
        "Jul 27, 2009",
        "spring 2009",
        "2009-25",
        "2003 / 2005",
        "2009–07–27",
        "２００９-０７-２７",
        "../",
        "-1985",
        "Y170000002",
    ];
    let body: String = written.iter().map(|h| pos(h)).collect();
    short(
        &body,
        &format!(
            "{F}:10:11: error: `07/27/2009` looks like a day-month or month-day date; write 2009-07-27\n\
             {F}:15:11: error: `27.07.2009` looks like a day-month or month-day date; write 2009-07-27\n\
             {F}:20:11: error: `July 2009` is written in words; EDTF writes it 2009-07\n\
             {F}:25:11: error: `Jul 27, 2009` is written in words; EDTF writes it 2009-07-27\n\
             {F}:30:11: error: `spring 2009` is written in words; EDTF writes it 2009-21\n\
             {F}:35:11: error: `2009-25` is a season of the northern hemisphere (EDTF level 2), which stanceline does not support; the seasons are 2009-21 (spring), -22 (summer), -23 (autumn) and -24 (winter), and an interval of months can stand for the rest, as 2009-01/2009-03\n\
             {F}:40:11: error: `2003 / 2005` has spaces around `/`; write 2003/2005\n\
             {F}:45:11: error: `2009–07–27` has an en dash (–) where EDTF has a hyphen (-); write 2009-07-27\n\
             {F}:50:11: error: `２００９-０７-２７` has full-width digits; write 2009-07-27\n\
             {F}:55:11: error: `../` has an open start and an unknown end but no date; give at least one date\n\
             {F}:60:11: error: `-1985` is a year before 0000, which stanceline does not support: years run from 0000 to 9999\n\
             {F}:65:11: error: `Y170000002` is a year after 9999, which stanceline does not support: years run from 0000 to 9999\n"
        ),
        "checked 1 article: 0 positions, 3 parties, 12 errors",
        1,
    );
    let accepted = [
        "2009-07-27T10:00:00Z",
        "2009-07-27T10:00:00+05:30",
        "200X",
        "2009-XX",
        "2009-06-XX~",
        "2009-21",
        "2009-22?",
        "2004/",
        "/2009-06",
        "2009-21/2009-23",
    ];
    let body: String = accepted.iter().map(|h| pos(h)).collect();
    short(
        &body,
        "",
        "checked 1 article: 10 positions, 3 parties, 0 problems",
        0,
    );
}

#[test]
fn published_must_be_one_valid_date() {
    Test::new()
        .article(
            "2009-07-27-test.yaml",
            "article:\n  title: T\n  outlet: O\n  published: 2009/2010\npositions: []\n",
        )
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "{F}:4:14: error: `published` must be a single date, not the interval `2009/2010`\n\
             {NOTE}checked 1 article: 0 positions, 3 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

#[test]
fn held_after_publication() {
    short(
        "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n    held: 2009-07-28/..\n",
        &format!(
            "{F}:10:11: error: the position is held from 2009-07-28, after its article was published (2009-07-27)\n"
        ),
        "checked 1 article: 1 position, 3 parties, 1 error",
        1,
    );
}

#[test]
fn speaker_party_disagrees_at_that_date() {
    short(
        "  - speaker: Christopher Hill\n    party: China\n    stance: bilateral\n    basis: statement\n    quote: x\n    held: 2006\n",
        &format!(
            "{F}:7:12: error: Christopher Hill spoke for United States during 2006, not China\n"
        ),
        "checked 1 article: 1 position, 3 parties, 1 error",
        1,
    );
}

#[test]
fn speaker_out_of_office_needs_a_party() {
    let out = Test::new()
        .article(
            "2009-07-27-test.yaml",
            article("  - speaker: Christopher Hill\n    stance: bilateral\n    basis: statement\n    quote: x\n    held: 2003\n"),
        )
        .args(&["check"])
        .status(1)
        .run();
    assert!(
        out.stderr.starts_with(
            "error: Christopher Hill spoke for no party during 2003 in the codebook\n"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("= note: the codebook has: united-states from 2005-04-01 to 2009-04-30\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_speaker_whose_period_overlaps_a_partial_date_gives_the_party() {
    // Hill's period starts 2005-04: `held: 2005` overlaps it.
    short(
        "  - speaker: Christopher Hill\n    stance: mixed\n    basis: statement\n    quote: x\n    held: 2005\n",
        "",
        "checked 1 article: 1 position, 3 parties, 0 problems",
        0,
    );
}

#[test]
fn speaker_gives_the_party() {
    short(
        "  - speaker: christopher hill\n    stance: mixed\n    basis: statement\n    quote: x\n    held: 2006\n",
        "",
        "checked 1 article: 1 position, 3 parties, 0 problems",
        0,
    );
}

#[test]
fn position_without_party_or_speaker() {
    short(
        "  - stance: mixed\n    basis: report\n    quote: x\n",
        &format!("{F}:6:5: error: position 1 names no party\n"),
        "checked 1 article: 0 positions, 3 parties, 1 error",
        1,
    );
}

const ONE: &str = "  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n";

#[test]
fn duplicate_article_ids() {
    Test::new()
        .article("2009-07-27-a.yaml", format!("article:\n  id: same\n  title: A\n  outlet: O\n  published: 2009-07-27\npositions:\n{ONE}"))
        .article("2009-07-27-b.yaml", format!("article:\n  id: same\n  title: B\n  outlet: O\n  published: 2009-07-27\npositions:\n{ONE}"))
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "annotations/articles/2009-07-27-b.yaml:2:7: error: duplicate article id `same`\n\
             {NOTE}checked 2 articles: 1 position, 3 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

/// One conflict is one warning, at the side whose position comes first in the files, with
/// every other side's position marked. Conflict warnings point into files without problems,
/// of which `check` keeps only the lines of positions and the line between two positions one
/// line apart: they show as from the whole text, two places in one file in one snippet.
#[test]
fn conflicts_in_full_form() {
    Test::new()
        .article("2009-07-27-a.yaml", "article:\n  title: A\n  outlet: O\n  published: 2009-07-27\npositions:\n  - {party: DPRK, stance: bilateral, basis: report, quote: a}\n  # the same day\n  - {party: DPRK, stance: mixed, basis: report, quote: c}\n")
        .article("2009-07-27-b.yaml", "article:\n  title: B\n  outlet: O\n  published: 2009-07-27\npositions:\n  - {party: Pyongyang, stance: multilateral, basis: report, quote: d}\n")
        .args(&["check"])
        .stderr(&format!(
            "warning[conflict]: North Korea holds `bilateral`, `mixed` and `multilateral` at once, from 2009-07-27 on\n  \
             --> annotations/articles/2009-07-27-a.yaml:6:5\n  \
             |\n\
             6 |   - {{party: DPRK, stance: bilateral, basis: report, quote: a}}\n  \
             |     ^ `bilateral` here\n\
             7 |   # the same day\n\
             8 |   - {{party: DPRK, stance: mixed, basis: report, quote: c}}\n  \
             |     - `mixed` here\n  \
             |\n  \
             --> annotations/articles/2009-07-27-b.yaml:6:5\n  \
             |\n\
             6 |   - {{party: Pyongyang, stance: multilateral, basis: report, quote: d}}\n  \
             |     - `multilateral` here\n  \
             |\n  \
             = help: if both are right, narrow `held` so they do not overlap; if the record disagrees, keep both: queries and charts show the conflict\n\n\
             {NOTE}checked 2 articles: 3 positions, 3 parties, 1 warning\n"
        ))
        .run();
}

/// A file whose id a later file reuses keeps the id's line, shown where it was first used.
#[test]
fn duplicate_article_ids_in_full_form() {
    Test::new()
        .article("2009-07-27-a.yaml", format!("article:\n  id: same\n  title: A\n  outlet: O\n  published: 2009-07-27\npositions:\n{ONE}"))
        .article("2009-07-27-b.yaml", format!("article:\n  id: same\n  title: B\n  outlet: O\n  published: 2009-07-27\npositions:\n{ONE}"))
        .args(&["check"])
        .stderr(&format!(
            "error: duplicate article id `same`\n  \
             --> annotations/articles/2009-07-27-b.yaml:2:7\n  \
             |\n\
             2 |   id: same\n  \
             |       ^^^^\n  \
             |\n  \
             --> annotations/articles/2009-07-27-a.yaml:2:7\n  \
             |\n\
             2 |   id: same\n  \
             |       ---- first used here\n  \
             |\n  \
             = help: give each article its own `id` (it defaults to the file name without extension)\n\n\
             {NOTE}checked 2 articles: 1 position, 3 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

fn codebook_short(codebook: &str, lines: &str, status: i32) {
    let out = Test::new()
        .codebook(codebook)
        .args(&["check", "--message-format", "short"])
        .status(status)
        .run();
    let problems: String = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("annotations/"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(problems, lines, "{}", out.stderr);
}

const C: &str = "annotations/codebook.yaml";

#[test]
fn duplicate_stance_and_party_ids_and_shared_alias() {
    codebook_short(
        "question: Q?
stances:
  - id: a
    label: A
  - id: a
    label: A again
parties:
  - id: p
    name: P
    aliases: [Shared]
  - id: p
    name: P again
  - id: q
    name: Q
    aliases: [shared]
",
        &format!(
            "{C}:5:9: error: duplicate stance id `a`\n\
             {C}:11:9: error: duplicate party id `p`\n\
             {C}:15:15: error: `shared` names two parties: `p` and `q`\n"
        ),
        1,
    );
}

#[test]
fn codebook_without_stances_or_parties() {
    codebook_short(
        "question: Q?\nstances: []\nparties:\n",
        &format!(
            "{C}:2:10: error: the codebook has no stances\n\
             {C}:3:8: error: the codebook has no parties\n"
        ),
        1,
    );
}

#[test]
fn speaker_periods_overlap() {
    codebook_short(
        "question: Q?
stances:
  - id: a
    label: A
parties:
  - id: p
    name: P
  - id: q
    name: Q
speakers:
  - name: Someone
    party: p
    from: 2001
    to: 2005-06
  - name: Someone
    party: q
    from: 2005-06
  - name: Other
    party: p
    from: 2009
    to: 2008
  - name: Third
    party: r
",
        &format!(
            "{C}:15:11: error: the periods of speaker Someone overlap\n\
             {C}:21:9: error: speaker Other ends (2008) before starting (2009)\n\
             {C}:23:12: error: unknown party `r` for speaker Third\n"
        ),
        1,
    );
}

#[test]
fn codebook_colors_and_scores() {
    codebook_short(
        "question: Q?
stances:
  - id: a
    label: A
    score: high
    color: red
parties:
  - id: p
    name: P
    color: \"#12345\"
",
        &format!(
            "{C}:5:12: error: `score` in stance 1 must be a number, found `high`\n\
             {C}:6:12: error: `red` is not a color\n\
             {C}:10:12: error: `#12345` is not a color\n"
        ),
        1,
    );
}

/// Colors readers cannot tell apart are a warning between two stances and between two
/// parties, never between a party and a stance (no legend shows both); `--deny warnings`
/// makes one an error.
#[test]
fn similar_colors_in_full_and_short_form() {
    let codebook = "question: Q?
stances:
  - id: a
    label: A
    color: \"#1f77b4\"
  - id: b
    label: B
    color: \"#2166ac\"
parties:
  - id: p
    name: P
    color: \"#1f77b4\"
  - id: q
    name: Q
    color: \"#ff7f0e\"
";
    Test::new()
        .codebook(codebook)
        .args(&["check"])
        .stderr(&format!(
            "warning[similar-colors]: stances `a` and `b` have colors hard to tell apart: #1f77b4 and #2166ac differ by 6.6 (CIEDE2000), less than 10
  --> {C}:8:12
  |
5 |     color: \"#1f77b4\"
  |            --------- the color of stance `a`
  .
8 |     color: \"#2166ac\"
  |            ^^^^^^^^^
  |
  = help: pick a color farther from #1f77b4, or leave `color:` out and the chart will choose one
  = note: CIEDE2000 measures how different two colors look; marks less than 10 apart read as one color to many readers

{NOTE}checked 0 articles: 0 positions, 2 parties, 1 warning
"
        ))
        .run();
    Test::new()
        .codebook(codebook)
        .args(&["check", "--deny", "warnings", "--message-format", "short"])
        .stderr(&format!(
            "{C}:8:12: error: stances `a` and `b` have colors hard to tell apart: #1f77b4 and #2166ac differ by 6.6 (CIEDE2000), less than 10 [similar-colors]\n\
             {NOTE}checked 0 articles: 0 positions, 2 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

/// Of several earlier colors too close to a later one, the warning names the closest (#c0202a
/// is 5.4 from #d62728 and 3.8 from #b2182b, by colour-science's CIEDE2000); each color is
/// warned about once, at its own place.
#[test]
fn similar_colors_name_the_closest_earlier_color() {
    codebook_short(
        &codebook_with(
            ONE_STANCE,
            "  - id: p\n    name: P\n    color: \"#d62728\"\n  - id: q\n    name: Q\n    color: \"#b2182b\"\n  - id: r\n    name: R\n    color: \"#c0202a\"\n",
        ),
        &format!(
            "{C}:11:12: warning: parties `p` and `q` have colors hard to tell apart: #d62728 and #b2182b differ by 9.2 (CIEDE2000), less than 10 [similar-colors]\n\
             {C}:14:12: warning: parties `q` and `r` have colors hard to tell apart: #b2182b and #c0202a differ by 3.7 (CIEDE2000), less than 10 [similar-colors]\n"
        ),
        0,
    );
}

const SHORT_CODEBOOK: &str = "question: Q?
stances:
  - id: snapback
    label: Restore every UN sanction if Iran breaches the deal
    short: Restore UN sanctions on breach
parties:
  - id: eu-hr
    name: High Representative of the European Union for Foreign Affairs and Security Policy
    short: EU High Representative
  - id: iran
    name: Iran
speakers:
  - name: Catherine Ashton
    party: eu high representative
";

/// A short label checks clean (the stance's is 30 characters, the most without a warning),
/// and names its party wherever a party is named: in the codebook, in an article and on the
/// command line.
#[test]
fn short_labels_check_clean_and_name_parties() {
    let article = "article:\n  title: T\n  outlet: O\n  published: 2013-11-24\npositions:\n  \
        - {party: EU High Representative, stance: snapback, basis: report, quote: x}\n  \
        - {speaker: Catherine Ashton, stance: snapback, basis: statement, quote: y}\n";
    let test = || {
        Test::new()
            .codebook(SHORT_CODEBOOK)
            .article("2013-11-24-geneva.yaml", article)
    };
    test()
        .args(&["check", "--deny", "warnings"])
        .stderr(&format!(
            "{NOTE}checked 1 article: 2 positions, 2 parties, 0 problems\n"
        ))
        .run();
    let out = test()
        .args(&[
            "events",
            "--party",
            "EU HIGH REPRESENTATIVE",
            "--format",
            "csv",
        ])
        .run();
    let parties: Vec<&str> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(parties, ["eu-hr", "eu-hr"], "{}", out.stdout);
}

#[test]
fn missing_quote_is_a_warning() {
    short(
        "  - party: DPRK\n    stance: bilateral\n    basis: report\n",
        &format!("{F}:6:5: warning: position 1 has no quote [missing-quote]\n"),
        "checked 1 article: 1 position, 3 parties, 1 warning",
        0,
    );
}

#[test]
fn deny_warnings_fails_on_a_warning() {
    Test::new()
        .article("2009-07-27-test.yaml", article("  - party: DPRK\n    stance: bilateral\n    basis: report\n"))
        .args(&["check", "--deny", "warnings", "--message-format", "short"])
        .stderr(&format!(
            "{F}:6:5: error: position 1 has no quote [missing-quote]\n{NOTE}checked 1 article: 1 position, 3 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

#[test]
fn file_name_date_differs_from_published() {
    Test::new()
        .article("2009-07-26-test.yaml", article(ONE))
        .args(&["check"])
        .stderr(&format!(
            "warning[file-name-date]: the file name `2009-07-26-test` does not start with the published date 2009-07-27
  --> annotations/articles/2009-07-26-test.yaml:4:14
  |
4 |   published: 2009-07-27
  |              ^^^^^^^^^^
  |
  = help: name the file `2009-07-27-test.yaml`

{NOTE}checked 1 article: 1 position, 3 parties, 1 warning
"
        ))
        .run();
}

/// A file name starts with the published date as written, without its qualifiers or time.
#[test]
fn file_name_date_ignores_qualifiers() {
    let file = |published: &str| {
        format!(
            "article:\n  title: A\n  outlet: O\n  published: \"{published}\"\npositions:\n{ONE}"
        )
    };
    Test::new()
        .article("2009-07-a.yaml", file("2009-07~"))
        .article("2009-08-b.yaml", file("2009-07?"))
        .article("2009-07-27-c.yaml", file("2009-07-27T10:00:00+02:00"))
        .article("2009-21-d.yaml", file("2009-21"))
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "annotations/articles/2009-08-b.yaml:4:14: warning: the file name `2009-08-b` does not start with the published date 2009-07 [file-name-date]\n\
             {NOTE}checked 4 articles: 4 positions, 3 parties, 1 warning\n"
        ))
        .run();
}

#[test]
fn quotes_are_grounded_in_the_source_text() {
    let out = Test::new()
        .file(
            "texts/a.txt",
            "North Korea said \u{201C}it\u{2019}s  time\u{2014}now\u{201D} for talks with Washington alone.\n",
        )
        .article(
            "2009-07-27-test.yaml",
            "article:\n  title: T\n  outlet: O\n  published: 2009-07-27\n  source: a.txt\npositions:\n\
             \x20 - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: \"\\\"It's time-now\\\" for TALKS\"\n\
             \x20 - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: talks with Washington together\n",
        )
        .args(&["check", "--sources", "texts"])
        .run();
    assert_eq!(
        out.stderr,
        "warning[quote-not-found]: quote not found in the source text `a.txt`
   --> annotations/articles/2009-07-27-test.yaml:14:12
   |
14 |     quote: talks with Washington together
   |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = help: quote the article's words exactly (quotes, dashes, spacing and case may differ)
   = note: the closest passage is: \"talks with Washington alone.\"

checked 1 article: 2 positions, 3 parties, 1 warning
"
    );
}

#[test]
fn missing_source_text_is_a_warning() {
    Test::new()
        .file("texts/other.txt", "x")
        .article(
            "2009-07-27-test.yaml",
            format!("article:\n  title: T\n  outlet: O\n  published: 2009-07-27\n  source: gone.txt\npositions:\n{ONE}"),
        )
        .args(&["check", "--sources", "texts", "--message-format", "short"])
        .stderr(&format!(
            "{F}:1:1: warning: source text `texts/gone.txt` cannot be read: no such file [source-unreadable]\n\
             checked 1 article: 1 position, 3 parties, 1 warning\n"
        ))
        .run();
}

fn one_file(name: &str, contents: &[u8], lines: &str, summary: &str, status: i32) {
    Test::new()
        .article(name, contents)
        .args(&["check", "--message-format", "short"])
        .stderr(&format!("{lines}{NOTE}{summary}\n"))
        .status(status)
        .run();
}

#[test]
fn file_over_the_size_cap() {
    Test::new()
        .article("2009-07-27-test.yaml", article(&ONE.repeat(40)))
        .args(&[
            "check",
            "--message-format",
            "short",
            "--max-file-size",
            "1000",
        ])
        .stderr(&format!(
            "{F}:1:1: error: `{F}` is 2.8 KiB, over the 1000 bytes limit for one annotation file\n\
             {NOTE}checked 1 article: 0 positions, 3 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

#[test]
fn invalid_utf8() {
    let mut bytes = article(ONE).into_bytes();
    bytes.splice(70..70, [0xff, 0xfe]);
    one_file(
        "2009-07-27-test.yaml",
        &bytes,
        &format!("{F}:4:18: error: `{F}` is not valid UTF-8 (byte 70 cannot be read)\n"),
        "checked 1 article: 0 positions, 3 parties, 1 error",
        1,
    );
}

#[test]
fn bom_is_a_warning_and_the_file_is_read() {
    let mut bytes = vec![0xef, 0xbb, 0xbf];
    bytes.extend(article(ONE).bytes());
    one_file(
        "2009-07-27-test.yaml",
        &bytes,
        &format!("{F}:1:1: warning: `{F}` starts with a byte-order mark [byte-order-mark]\n"),
        "checked 1 article: 1 position, 3 parties, 1 warning",
        0,
    );
}

#[test]
fn crlf_is_a_warning_and_columns_stay_right() {
    let text =
        article("  - party: DPRK\n    stance: bilaterall\n    basis: report\n    quote: x\n")
            .replace('\n', "\r\n");
    one_file(
        "2009-07-27-test.yaml",
        text.as_bytes(),
        &format!(
            "{F}:1:1: warning: `{F}` has CRLF (Windows) line ends [line-ends]\n\
             {F}:7:13: error: unknown stance `bilaterall`\n"
        ),
        "checked 1 article: 0 positions, 3 parties, 1 error, 1 warning",
        1,
    );
}

#[test]
fn empty_file() {
    for contents in ["", "   \n", "# only a comment\n"] {
        one_file(
            "2009-07-27-test.yaml",
            contents.as_bytes(),
            &format!("{F}:1:1: error: `{F}` is empty\n"),
            "checked 1 article: 0 positions, 3 parties, 1 error",
            1,
        );
    }
}

#[test]
fn directory_named_yaml() {
    Test::new()
        .file("annotations/articles/x.yaml/inner.txt", "not yaml")
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "annotations/articles/x.yaml:1:1: error: `annotations/articles/x.yaml` is a directory, not an annotation file\n\
             {NOTE}checked 1 article: 0 positions, 3 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

/// `check` on a directory holding one special file, made by `make` at the path it is given:
/// the file is refused as not a regular file, without waiting on it.
fn special_file_is_refused(name: &str, make: impl FnOnce(&std::path::Path)) {
    let t = Test::new();
    make(&t.path().join("annotations/articles").join(name));
    t.args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "annotations/articles/{name}:1:1: error: `annotations/articles/{name}` is not a regular file\n\
             {NOTE}checked 1 article: 0 positions, 3 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

#[test]
fn a_fifo_is_refused_without_waiting() {
    special_file_is_refused("2009-07-27-pipe.yaml", |path| {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    });
}

/// A socket cannot be opened at all; it is still named for what it is.
#[test]
fn a_socket_is_refused() {
    special_file_is_refused("2009-07-27-socket.yaml", |path| {
        // Leaked, so that the socket is live while the binary runs.
        std::mem::forget(std::os::unix::net::UnixListener::bind(path).unwrap());
    });
}

#[test]
fn unreadable_file() {
    let t = Test::new();
    std::os::unix::fs::symlink(
        t.path().join("nowhere.yaml"),
        t.path().join("annotations/articles/2009-07-27-link.yaml"),
    )
    .unwrap();
    t.args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "annotations/articles/2009-07-27-link.yaml:1:1: error: cannot read `annotations/articles/2009-07-27-link.yaml`: no such file\n\
             {NOTE}checked 1 article: 0 positions, 3 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

#[test]
fn missing_annotations_directory() {
    Test::empty()
        .args(&["check"])
        .stderr(
            "error: annotations directory `annotations` not found
  = help: run stanceline where `annotations/` is, or pass --annotations DIR (or set STANCELINE_ANNOTATIONS) naming the directory that holds codebook.yaml
",
        )
        .status(2)
        .run();
    for command in [
        &["check"][..],
        &["events"],
        &["query", "north-korea"],
        &["changes"],
        &["chart"],
    ] {
        Test::empty()
            .file("notes.yaml", "x")
            .args(&[command, &["--annotations", "notes.yaml"]].concat())
            .stderr(
                "error: the annotations directory `notes.yaml` is a file, not a directory
  = help: run stanceline where `annotations/` is, or pass --annotations DIR (or set STANCELINE_ANNOTATIONS) naming the directory that holds codebook.yaml
",
            )
            .status(2)
            .run();
    }
}

#[test]
fn missing_codebook() {
    Test::empty()
        .file("annotations/articles/README.txt", "x")
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "annotations/codebook.yaml:1:1: error: codebook `annotations/codebook.yaml` not found\n\
             {NOTE}checked 0 articles: 0 positions, 0 parties, 1 error\n"
        ))
        .status(1)
        .run();
}

#[test]
fn annotations_from_flag_and_environment() {
    for how in ["flag", "env"] {
        let t = Test::empty()
            .file("data/codebook.yaml", common::FIXTURE_CODEBOOK)
            .file("data/articles/2009-07-27-test.yaml", article(ONE));
        let t = if how == "flag" {
            t.args(&["check", "--annotations", "data"])
        } else {
            t.env("STANCELINE_ANNOTATIONS", "data").args(&["check"])
        };
        t.stderr(&format!(
            "{NOTE}checked 1 article: 1 position, 3 parties, 0 problems\n"
        ))
        .run();
    }
}

#[test]
fn non_yaml_files_are_skipped_and_subdirectories_read() {
    Test::new()
        .article("notes.txt", "not yaml: [")
        .article("2009/2009-07-27-test.yml", article(ONE))
        .args(&["check"])
        .stderr(&format!(
            "{NOTE}checked 1 article: 1 position, 3 parties, 0 problems; skipped 1 file not named *.yaml or *.yml\n"
        ))
        .run();
}

#[test]
fn nesting_and_alias_bombs_are_refused_fast() {
    let deep = "a: ".to_string() + &"[".repeat(10_000);
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        let p = if i == 0 {
            "a".to_string()
        } else {
            format!("l{}", i - 1)
        };
        bomb.push_str(&format!(
            "l{i}: &l{i} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        ));
    }
    for text in [deep, bomb] {
        let out = Test::new()
            .article("2009-07-27-test.yaml", text)
            .args(&["check", "--message-format", "short"])
            .status(1)
            .run();
        assert!(out.stderr.starts_with(&format!("{F}:")), "{}", out.stderr);
        assert!(
            out.stderr.contains(": error: malformed YAML: "),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn every_problem_of_every_file_sorted_by_file_and_line() {
    let out = Test::new()
        .article("2009-07-27-b.yaml", article("  - party: Nowhere\n    stance: bilateral\n    basis: report\n    quote: x\n  - party: DPRK\n    stance: none\n    basis: report\n    quote: x\n"))
        .article("2009-07-27-a.yaml", article("  - party: DPRK\n    stance: bilateral\n    basis: guess\n    quote: x\n"))
        .args(&["check", "--message-format", "short"])
        .status(1)
        .run();
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        &lines[..3],
        [
            "annotations/articles/2009-07-27-a.yaml:8:12: error: unknown basis `guess`",
            "annotations/articles/2009-07-27-b.yaml:6:12: error: unknown party `Nowhere`",
            "annotations/articles/2009-07-27-b.yaml:11:13: error: unknown stance `none`",
        ]
    );
}

#[test]
fn usage_error_exits_2() {
    let out = Test::new()
        .args(&["check", "--message-format", "long"])
        .status(2)
        .run();
    assert!(
        out.stderr.contains("invalid value 'long'"),
        "{}",
        out.stderr
    );
}

/// The commands that answer questions keep only the texts of files with problems, so the first
/// use of a duplicated id (in a file without problems) is named in a note rather than shown.
#[test]
fn duplicate_article_ids_in_a_query() {
    Test::new()
        .article("2009-07-27-a.yaml", format!("article:\n  id: same\n  title: A\n  outlet: O\n  published: 2009-07-27\npositions:\n{ONE}"))
        .article("2009-07-27-b.yaml", format!("article:\n  id: same\n  title: B\n  outlet: O\n  published: 2009-07-27\npositions:\n{ONE}"))
        .args(&["query", "dprk"])
        .stderr(
            "error: duplicate article id `same`\n  \
             --> annotations/articles/2009-07-27-b.yaml:2:7\n  \
             |\n\
             2 |   id: same\n  \
             |       ^^^^\n  \
             |\n  \
             = help: give each article its own `id` (it defaults to the file name without extension)\n  \
             = note: first used here: annotations/articles/2009-07-27-a.yaml:2:7\n\n\
             error: the annotations have 1 error; run `stanceline check` and fix them first\n  \
             = help: or pass --skip-broken to leave out the article files with errors and answer from the others\n",
        )
        .status(1)
        .run();
}

/// Files are loaded a chunk of 512 at a time: across chunks, problems still come in file order
/// and an id is still known as taken by the first file to use it.
#[test]
fn many_files_across_chunks() {
    let mut t = Test::new();
    for i in 0..1200 {
        let id = if i == 1100 {
            "a-0003".to_string()
        } else {
            format!("a-{i:04}")
        };
        let position = if [3, 600, 1199].contains(&i) {
            "  - party: nobody\n    stance: bilateral\n    basis: report\n    quote: x\n"
        } else {
            ONE
        };
        t = t.article(
            &format!("2009-07-27-{i:04}.yaml"),
            format!("article:\n  id: {id}\n  title: T\n  outlet: O\n  published: 2009-07-27\npositions:\n{position}"),
        );
    }
    let out = t
        .args(&["check", "--message-format", "short"])
        .status(1)
        .run();
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("annotations/"))
        .collect();
    assert_eq!(
        lines,
        [
            "annotations/articles/2009-07-27-0003.yaml:7:12: error: unknown party `nobody`",
            "annotations/articles/2009-07-27-0600.yaml:7:12: error: unknown party `nobody`",
            "annotations/articles/2009-07-27-1100.yaml:2:7: error: duplicate article id `a-0003`",
            "annotations/articles/2009-07-27-1199.yaml:7:12: error: unknown party `nobody`",
        ]
    );
    assert!(
        out.stderr
            .ends_with("checked 1200 articles: 1196 positions, 3 parties, 4 errors\n"),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Every problem of src/annotation/problem.rs, and the checks review found untested.
// ---------------------------------------------------------------------------------------------

/// A codebook whose speaker Ban spoke for P, then Q, for the rows that need one.
const BAN_CODEBOOK: &str = "question: Q?
stances:
  - id: a
    label: A
parties:
  - id: p
    name: P
  - id: q
    name: Q
speakers:
  - name: Ban
    party: p
    from: 2001
    to: 2005-06
  - name: Ban
    party: q
    from: 2005-07
";

/// A codebook with `stances` and `parties` as given (YAML lines, indented).
fn codebook_with(stances: &str, parties: &str) -> String {
    format!("question: Q?\nstances:\n{stances}parties:\n{parties}")
}

const ONE_STANCE: &str = "  - id: a\n    label: A\n";
const ONE_PARTY: &str = "  - id: p\n    name: P\n";

/// One row of [`every_problem_has_its_words`]: the variant of `Problem`, the files written
/// (over the fixture codebook) and what `check` says of the first of them: each short-form line
/// without the file name, then the full form's labels of second places, help and notes.
struct Row {
    variant: &'static str,
    files: Vec<(&'static str, String)>,
    says: &'static str,
}

const ARTICLE: &str = "annotations/articles/2009-07-27-test.yaml";
const CODEBOOK: &str = "annotations/codebook.yaml";
/// An article of the record, and a second coding of it by coder `ben`.
const RECORD: &str = ARTICLE;
const CODING: &str = "annotations/reliability/ben/2009-07-27-test.yaml";

fn row(variant: &'static str, files: Vec<(&'static str, String)>, says: &'static str) -> Row {
    Row {
        variant,
        files,
        says,
    }
}

/// A row for one article file, published 2009-07-27, with the given positions.
fn positions(variant: &'static str, positions: &str, says: &'static str) -> Row {
    row(variant, vec![(ARTICLE, article(positions))], says)
}

/// A row for a codebook.
fn codebook(variant: &'static str, text: &str, says: &'static str) -> Row {
    row(variant, vec![(CODEBOOK, text.to_string())], says)
}

fn rows() -> Vec<Row> {
    let p = |rest: &str| {
        format!("  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n{rest}")
    };
    vec![
        // Reading: the shape of the YAML.
        positions(
            "NotAMapping",
            "  - just text\n",
            "6:5: error: expected position 1 (a mapping of fields), found `just text`\n\
             help: position 1 has the fields: speaker, party, stance, held, basis, quote, conditions, confidence, note\n",
        ),
        positions(
            "KeyNotAName",
            "  - [a]: x\n    party: DPRK\n    stance: bilateral\n    basis: report\n    quote: x\n",
            "6:5: error: a key in position 1 must be a field name, found a list\n\
             help: position 1 has the fields: speaker, party, stance, held, basis, quote, conditions, confidence, note\n",
        ),
        positions(
            "DuplicateField",
            &p("    stance: mixed\n"),
            "10:5: error: duplicate field `stance` in position 1\n\
             label: first value here\n\
             help: give `stance` once\n",
        ),
        positions(
            "UnknownField",
            &p("    confidense: high\n"),
            "10:5: error: unknown field `confidense` in position 1\n\
             help: did you mean `confidence`?\n",
        ),
        positions(
            "UnknownField",
            &p("    weather: sunny\n"),
            "10:5: error: unknown field `weather` in position 1\n\
             help: position 1 has the fields: speaker, party, stance, held, basis, quote, conditions, confidence, note\n",
        ),
        positions(
            "MissingField",
            "  - party: DPRK\n    basis: report\n    quote: x\n",
            "6:5: error: missing field `stance` in position 1\n\
             help: add `stance:` to position 1\n",
        ),
        positions(
            "NotText",
            "  - party: DPRK\n    stance: [bilateral]\n    basis: report\n    quote: x\n",
            "7:13: error: `stance` in position 1 must be text, found a list\n\
             help: write `stance: some text` on one line\n",
        ),
        positions(
            "EmptyField",
            "  - party: DPRK\n    stance:\n    basis: report\n    quote: x\n",
            "7:11: error: `stance` in position 1 is empty\n\
             help: give `stance` a value\n",
        ),
        codebook(
            "NotANumber",
            &codebook_with("  - id: a\n    label: A\n    score: high\n", ONE_PARTY),
            "5:12: error: `score` in stance 1 must be a number, found `high`\n\
             help: write a number such as `score: -2`, or leave `score` out for a stance off the axis\n",
        ),
        row(
            "NotAList",
            vec![(ARTICLE, format!("{HEAD}  party: DPRK\n"))],
            "6:3: error: `positions` in an article file must be a list, found a mapping\n\
             help: write each entry of `positions` on its own line, starting with `- `\n",
        ),
        codebook(
            "TextListIsAMapping",
            &codebook_with(ONE_STANCE, "  - id: p\n    name: P\n    aliases: {a: b}\n"),
            "8:14: error: `aliases` in party 1 must be a list, found a mapping\n\
             help: write `aliases: [first, second]`\n",
        ),
        codebook(
            "ListItemNotText",
            &codebook_with(ONE_STANCE, "  - id: p\n    name: P\n    aliases: [[x]]\n"),
            "8:15: error: each of `aliases` in party 1 must be text, found a list\n\
             help: write `aliases: [first, second]`\n",
        ),
        // Values of any file.
        positions(
            "InvalidDate",
            &p("    held: 2009-13\n"),
            "10:11: error: `2009-13` has month 13, but months run from 01 to 12 (and seasons from 21 to 24)\n\
             help: dates are written 2009, 2009-07 or 2009-07-27 (a time as 2009-07-27T10:00:00Z), 201X or 2004-XX for unspecified digits, 2009-21 to 2009-24 for spring to winter, optionally followed by ? (uncertain), ~ (approximate) or % (both); intervals as 2003/2005-07, with an open end as 2009-04/.. or ../2005-07-25, or an unknown one as 2004/ or /2004\n",
        ),
        row(
            "NotASingleDate",
            vec![(
                ARTICLE,
                "article:\n  title: T\n  outlet: O\n  published: 2009/2010\npositions: []\n".into(),
            )],
            "4:14: error: `published` must be a single date, not the interval `2009/2010`\n\
             help: write one date, such as 2005-07-25 or 2005-07\n",
        ),
        // The codebook.
        codebook(
            "NoStances",
            &codebook_with("", ONE_PARTY).replace("stances:\n", "stances: []\n"),
            "2:10: error: the codebook has no stances\n\
             help: list the stances under `stances:`, ordered from one pole to the other\n",
        ),
        codebook(
            "NoParties",
            &codebook_with(ONE_STANCE, ""),
            "5:8: error: the codebook has no parties\n\
             help: list the parties under `parties:`\n",
        ),
        codebook(
            "NotAColor",
            &codebook_with("  - id: a\n    label: A\n    color: red\n", ONE_PARTY),
            "5:12: error: `red` is not a color\n\
             help: write a color as a quoted hex triple, such as \"#b2182b\"\n",
        ),
        codebook(
            "DuplicateStanceId",
            &codebook_with(
                "  - id: a\n    label: A\n  - id: A\n    label: B\n",
                ONE_PARTY,
            ),
            "5:9: error: duplicate stance id `A`\n\
             label: first defined here\n\
             help: give each stance its own id\n",
        ),
        codebook(
            "DuplicatePartyId",
            &codebook_with(
                ONE_STANCE,
                "  - id: p\n    name: P\n  - id: p\n    name: P2\n",
            ),
            "8:9: error: duplicate party id `p`\n\
             label: first defined here\n\
             help: give each party its own id\n",
        ),
        codebook(
            "SharedPartyWord",
            &codebook_with(
                ONE_STANCE,
                "  - id: p\n    name: P\n  - id: q\n    name: Q\n    aliases: [p]\n",
            ),
            "10:15: error: `p` names two parties: `p` and `q`\n\
             label: already names `p` here\n\
             help: each id, name, short label and alias must name one party only\n",
        ),
        codebook(
            "SharedPartyWord",
            &codebook_with(
                ONE_STANCE,
                "  - id: p\n    name: Party P\n    short: Pee\n  - id: q\n    name: Q\n    aliases: [pee]\n",
            ),
            "11:15: error: `pee` names two parties: `p` and `q`\n\
             label: already names `p` here\n\
             help: each id, name, short label and alias must name one party only\n",
        ),
        codebook(
            "SharedStanceWord",
            &codebook_with(
                "  - id: a\n    label: A\n  - id: b\n    label: a\n",
                ONE_PARTY,
            ),
            "6:12: error: `a` names two stances: `a` and `b`\n\
             label: already names `a` here\n\
             help: each stance's id and label must name that stance only\n",
        ),
        codebook(
            "SharedStanceWord",
            &codebook_with(
                "  - id: a\n    label: Mixed\n  - id: MIXED\n    label: M\n",
                ONE_PARTY,
            ),
            "5:9: error: `MIXED` names two stances: `a` and `MIXED`\n\
             label: already names `a` here\n\
             help: each stance's id and label must name that stance only\n",
        ),
        codebook(
            "UnknownWarningKind",
            &format!(
                "{}check:\n  allow: [conflct]\n",
                codebook_with(ONE_STANCE, ONE_PARTY)
            ),
            "9:11: error: unknown kind of warning `conflct`\n\
             help: did you mean `conflict`?\n",
        ),
        codebook(
            "UnknownWarningKind",
            &format!(
                "{}check:\n  deny: everything\n",
                codebook_with(ONE_STANCE, ONE_PARTY)
            ),
            "9:9: error: unknown kind of warning `everything`\n\
             help: name `warnings` (every kind) or a kind: conflict, missing-quote, quote-not-found, source-unreadable, file-name-date, long-short-label, similar-colors, byte-order-mark, line-ends, cut-by-comment, coder-folder, schema-out-of-date\n",
        ),
        codebook(
            "AllowedAndDenied",
            &format!(
                "{}check:\n  allow: [conflict, line-ends]\n  deny: [Conflict]\n",
                codebook_with(ONE_STANCE, ONE_PARTY)
            ),
            "10:10: error: `conflict` is both allowed and denied\n\
             label: allowed here\n\
             help: list `conflict` under `allow` or under `deny`, not both\n",
        ),
        codebook(
            "EmptyShort",
            &codebook_with(ONE_STANCE, "  - id: p\n    name: P\n    short:\n"),
            "8:10: error: `short` of party `p` is empty\n\
             help: give `short` a few words for charts, or leave it out and charts use the name\n",
        ),
        codebook(
            "EmptyShort",
            &codebook_with("  - id: a\n    label: A\n    short: \"  \"\n", ONE_PARTY),
            "5:12: error: `short` of stance `a` is empty\n\
             help: give `short` a few words for charts, or leave it out and charts use the label\n",
        ),
        codebook(
            "ShortOnSeveralLines",
            &codebook_with(
                ONE_STANCE,
                "  - id: p\n    name: Party of the First Part\n    short: \"First\\nParty\"\n",
            ),
            "8:12: error: `short` of party `p` runs over 2 lines\n\
             help: write `short` on one line\n",
        ),
        codebook(
            "ShortLongerThanFull",
            &codebook_with(
                ONE_STANCE,
                "  - id: us\n    name: US\n    short: United States\n",
            ),
            "8:12: warning: `short` of party `us` (13 characters) is longer than its name (2) [long-short-label]\n\
             help: a short label stands in for a long name in charts: shorten it, or leave `short` out\n",
        ),
        codebook(
            "ShortLongerThanFull",
            &codebook_with("  - id: a\n    label: Yes\n    short: Agrees\n", ONE_PARTY),
            "5:12: warning: `short` of stance `a` (6 characters) is longer than its label (3) [long-short-label]\n\
             help: a short label stands in for a long label in charts: shorten it, or leave `short` out\n",
        ),
        codebook(
            "LongShort",
            &codebook_with(
                ONE_STANCE,
                "  - id: eu\n    name: High Representative of the European Union for Foreign Affairs and Security Policy\n    short: EU High Representative for Foreign Affairs\n",
            ),
            "8:12: warning: `short` of party `eu` is 42 characters long: charts may wrap or shorten it [long-short-label]\n\
             help: keep `short` to 30 characters or fewer\n",
        ),
        codebook(
            "SimilarColors",
            &codebook_with(
                ONE_STANCE,
                "  - id: p\n    name: P\n    color: \"#1f77b4\"\n  - id: q\n    name: Q\n    color: \"#ff7f0e\"\n  - id: r\n    name: R\n    color: \"#2166ac\"\n",
            ),
            "14:12: warning: parties `p` and `r` have colors hard to tell apart: #1f77b4 and #2166ac differ by 6.6 (CIEDE2000), less than 10 [similar-colors]\n\
             label: the color of party `p`\n\
             help: pick a color farther from #1f77b4, or leave `color:` out and the chart will choose one\n\
             note: CIEDE2000 measures how different two colors look; marks less than 10 apart read as one color to many readers\n",
        ),
        codebook(
            "SimilarColors",
            &codebook_with(
                "  - id: a\n    label: A\n    color: \"#B2182B\"\n  - id: b\n    label: B\n    color: \"#b2182b\"\n",
                ONE_PARTY,
            ),
            "8:12: warning: stances `a` and `b` have the same color, #B2182B [similar-colors]\n\
             label: the color of stance `a`\n\
             help: pick a color farther from #B2182B, or leave `color:` out and the chart will choose one\n\
             note: CIEDE2000 measures how different two colors look; marks less than 10 apart read as one color to many readers\n",
        ),
        codebook(
            "UnknownSpeakerParty",
            &format!(
                "{}speakers:\n  - name: Ban\n    party: pp\n",
                codebook_with(ONE_STANCE, ONE_PARTY)
            ),
            "10:12: error: unknown party `pp` for speaker Ban\n\
             help: did you mean `p`?\n",
        ),
        codebook(
            "UnknownSpeakerParty",
            &format!(
                "{}speakers:\n  - name: Ban\n    party: zz\n",
                codebook_with(ONE_STANCE, ONE_PARTY)
            ),
            "10:12: error: unknown party `zz` for speaker Ban\n\
             help: use the id of a party listed under `parties:`\n",
        ),
        codebook(
            "SpeakerEndsBeforeStart",
            &format!(
                "{}speakers:\n  - name: Ban\n    party: p\n    from: 2009\n    to: 2008-12-31\n",
                codebook_with(ONE_STANCE, ONE_PARTY)
            ),
            "12:9: error: speaker Ban ends (2008-12-31) before starting (2009)\n\
             help: `to` must be on or after `from`\n",
        ),
        codebook(
            "SpeakerPeriodsOverlap",
            &BAN_CODEBOOK.replace("from: 2005-07", "from: 2005-06"),
            "15:11: error: the periods of speaker Ban overlap\n\
             label: the other period starts here\n\
             help: a speaker speaks for one party at a time: end one period before the next begins\n",
        ),
        // An article file.
        row(
            "FileNameDate",
            vec![("annotations/articles/2009-07-26-test.yaml", article(ONE))],
            "4:14: warning: the file name `2009-07-26-test` does not start with the published date 2009-07-27 [file-name-date]\n\
             help: name the file `2009-07-27-test.yaml`\n",
        ),
        row(
            "FileNameDate",
            vec![("annotations/articles/2009.yaml", article(ONE))],
            "4:14: warning: the file name `2009` does not start with the published date 2009-07-27 [file-name-date]\n\
             help: name the file `2009-07-27-slug.yaml`\n",
        ),
        positions(
            "UnknownStance",
            "  - party: DPRK\n    stance: bilaterall\n    basis: report\n    quote: x\n",
            "7:13: error: unknown stance `bilaterall`\n\
             help: did you mean `bilateral`?\n",
        ),
        positions(
            "UnknownStance",
            "  - party: DPRK\n    stance: talks\n    basis: report\n    quote: x\n",
            "7:13: error: unknown stance `talks`\n\
             help: the codebook's stances are: bilateral, mixed, multilateral, disengaged\n",
        ),
        positions(
            "UnknownBasis",
            "  - party: DPRK\n    stance: bilateral\n    basis: statment\n    quote: x\n",
            "8:12: error: unknown basis `statment`\n\
             help: did you mean `statement`?\n",
        ),
        positions(
            "UnknownBasis",
            "  - party: DPRK\n    stance: bilateral\n    basis: rumour\n    quote: x\n",
            "8:12: error: unknown basis `rumour`\n\
             help: basis is one of: statement, report, inference\n",
        ),
        positions(
            "UnknownConfidence",
            &p("    confidence: hihg\n"),
            "10:17: error: unknown confidence `hihg`\n\
             help: did you mean `high`?\n",
        ),
        positions(
            "UnknownConfidence",
            &p("    confidence: sure\n"),
            "10:17: error: unknown confidence `sure`\n\
             help: confidence is one of: high, medium, low\n",
        ),
        positions(
            "EmptyHeld",
            &p("    held: \"\"\n"),
            "10:11: error: `held` in position 1 is empty\n\
             help: write when the position was held, such as 2009-07-27, or leave `held` out to use the article's `published` date\n",
        ),
        positions(
            "HeldAfterPublished",
            &p("    held: 2009-07-28/..\n"),
            "10:11: error: the position is held from 2009-07-28, after its article was published (2009-07-27)\n\
             help: an article can only report positions held by the day it was published; check `held` and `published`\n",
        ),
        positions(
            "UnknownParty",
            "  - party: north-kroea\n    stance: bilateral\n    basis: report\n    quote: x\n",
            "6:12: error: unknown party `north-kroea`\n\
             help: did you mean `north-korea`?\n",
        ),
        positions(
            "UnknownParty",
            "  - party: Moscow\n    stance: bilateral\n    basis: report\n    quote: x\n",
            "6:12: error: unknown party `Moscow`\n\
             help: name a party of the codebook by its id, name or alias\n",
        ),
        positions(
            "SpeakerPartyDisagrees",
            "  - speaker: Christopher Hill\n    party: China\n    stance: bilateral\n    basis: statement\n    quote: x\n    held: 2006\n",
            "7:12: error: Christopher Hill spoke for United States during 2006, not China\n\
             label: speaker given here\n\
             help: write `party: united-states` or leave `party` out, or correct the speaker's period in the codebook\n",
        ),
        row(
            "SpeakerSpokeForSeveral",
            vec![
                (
                    ARTICLE,
                    article(
                        "  - speaker: Ban\n    stance: a\n    basis: report\n    quote: x\n    held: 2005\n",
                    ),
                ),
                (CODEBOOK, BAN_CODEBOOK.into()),
            ],
            "6:14: error: Ban spoke for P and Q during 2005\n\
             help: add `party:` to say for whom, or narrow `held`\n",
        ),
        positions(
            "SpeakerSpokeForNone",
            "  - speaker: Christopher Hill\n    stance: bilateral\n    basis: statement\n    quote: x\n    held: 2003\n",
            "6:14: error: Christopher Hill spoke for no party during 2003 in the codebook\n\
             help: add `party:` to the position, or extend the speaker's period in the codebook\n\
             note: the codebook has: united-states from 2005-04-01 to 2009-04-30\n",
        ),
        positions(
            "SpeakerSpokeForNone",
            "  - speaker: Kim Kye Gwan\n    stance: bilateral\n    basis: statement\n    quote: x\n    held: 1999-05-01\n",
            "6:14: error: Kim Kye Gwan spoke for no party on 1999-05-01 in the codebook\n\
             help: add `party:` to the position, or extend the speaker's period in the codebook\n\
             note: the codebook has: north-korea from 2000-01-01 to ..\n",
        ),
        positions(
            "UnknownSpeaker",
            "  - speaker: Chris Hill\n    stance: bilateral\n    basis: report\n    quote: x\n",
            "6:14: error: unknown speaker `Chris Hill`, and the position names no party\n\
             help: did you mean `Christopher Hill`?\n\
             help: a speaker not in the codebook needs `party:`\n",
        ),
        positions(
            "UnknownSpeaker",
            "  - speaker: A diplomat\n    stance: bilateral\n    basis: report\n    quote: x\n",
            "6:14: error: unknown speaker `A diplomat`, and the position names no party\n\
             help: a speaker not in the codebook needs `party:`\n",
        ),
        positions(
            "NoParty",
            "  - stance: mixed\n    basis: report\n    quote: x\n",
            "6:5: error: position 1 names no party\n\
             help: add `party:` (an id, name or alias), or a `speaker:` from the codebook\n",
        ),
        positions(
            "NoQuote",
            "  - party: DPRK\n    stance: bilateral\n    basis: report\n",
            "6:5: warning: position 1 has no quote [missing-quote]\n\
             help: add `quote:` with the words of the article that carry the stance\n",
        ),
        // Reliability codings.
        row(
            "ReliabilityNotAFolder",
            vec![("annotations/reliability", "ben".into())],
            "1:1: error: `annotations/reliability` is a file, not a folder of reliability codings\n\
             help: put each coder's codings in a folder of `reliability/` named for the coder, one file for each article coded again\n",
        ),
        row(
            "CodingWithoutCoder",
            vec![("annotations/reliability/2009-07-27-test.yaml", article(ONE))],
            "1:1: error: the reliability coding `2009-07-27-test.yaml` is in no coder's folder\n\
             help: move it into a folder named for its coder: `reliability/CODER/2009-07-27-test.yaml`\n",
        ),
        row(
            "CodingOfUnknownArticle",
            vec![
                (
                    "annotations/reliability/ben/2009-07-27-tset.yaml",
                    article(ONE),
                ),
                (RECORD, article(ONE)),
            ],
            "2:3: error: no article `2009-07-27-tset` in the record for this reliability coding\n\
             help: did you mean `2009-07-27-test`?\n",
        ),
        row(
            "CodingOfUnknownArticle",
            vec![(
                CODING,
                article(ONE).replacen("article:\n", "article:\n  id: elsewhere\n", 1),
            )],
            "2:7: error: no article `elsewhere` in the record for this reliability coding\n\
             help: a reliability coding codes an article of `articles/` again: give it that article's `id` (or its file name)\n",
        ),
        row(
            "CodingPublishedDiffers",
            vec![
                (
                    CODING,
                    article(ONE).replace("published: 2009-07-27", "published: 2009-07"),
                ),
                (RECORD, article(ONE)),
            ],
            "4:14: error: this coding gives `published` as 2009-07, but the article in the record was published 2009-07-27\n\
             label: published in the record here\n\
             help: copy the article block of the record: `published: 2009-07-27`\n",
        ),
        row(
            "DuplicateCoding",
            vec![
                (
                    "annotations/reliability/ben/again/2009-07-27-test.yaml",
                    article(ONE),
                ),
                (CODING, article(ONE)),
                (RECORD, article(ONE)),
            ],
            "2:3: error: a second coding of `2009-07-27-test` by coder `ben`\n\
             label: first coding here\n\
             help: keep one coding of each article for each coder\n",
        ),
        row(
            "CoderCodedTheRecord",
            vec![
                (
                    "annotations/reliability/Ana/2009-07-27-test.yaml",
                    article(ONE),
                ),
                (
                    RECORD,
                    article(ONE).replacen("positions:", "  annotator: ana\npositions:", 1),
                ),
            ],
            "2:3: error: `Ana` coded `2009-07-27-test` in the record: a second coding by the same coder is not independent\n\
             label: the record's coder\n\
             help: a reliability coding is by another coder than the article's `annotator`: move it to that coder's folder, or correct `annotator` in the record\n",
        ),
        row(
            "CodingAnnotatorDiffers",
            vec![
                (
                    CODING,
                    article(ONE).replacen("positions:", "  annotator: Bob\npositions:", 1),
                ),
                (RECORD, article(ONE)),
            ],
            "5:14: warning: `annotator` is `Bob`, but the coding is in the folder of coder `ben` [coder-folder]\n\
             help: the folder names the coder: write `annotator: ben` or leave it out, or move the file to `reliability/Bob/`\n",
        ),
    ]
}

/// What `check` says of `file` after writing `files`: see [`Row`].
fn says(files: &[(&str, String)]) -> (String, i32) {
    let write = || {
        files
            .iter()
            .fold(Test::new(), |t, (path, text)| t.file(path, text))
    };
    let file = files[0].0;
    let short = write()
        .args(&["check", "--message-format", "short"])
        .output();
    let mut said: String = short
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{file}:")))
        .map(|l| format!("{l}\n"))
        .collect();
    let full = write().args(&["check"]).output();
    for line in full.stderr.lines().map(str::trim_start) {
        if let Some(rest) = line.strip_prefix("= ") {
            said.push_str(&format!("{rest}\n"));
        } else if let Some(rest) = line.strip_prefix('|') {
            let label = rest.trim_start().trim_start_matches(['-', '^']).trim();
            if rest.trim_start().starts_with(['-', '^']) && !label.is_empty() {
                said.push_str(&format!("label: {label}\n"));
            }
        }
    }
    (said, short.status)
}

/// Each message, help, note and label of every problem, as `check` gives it, beside an input
/// that gives it (one row per way its words can go).
#[test]
fn every_problem_has_its_words() {
    let mut wrong = String::new();
    for r in rows() {
        let (said, status) = says(&r.files);
        let expected = if r.says.contains(": error: ") { 1 } else { 0 };
        if said != r.says || status != expected {
            wrong.push_str(&format!(
                "{} (exit {status}):\n{said}\nexpected (exit {expected}):\n{}\n",
                r.variant, r.says
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong}");
}

/// The table above has a row for every variant of `Problem`: a new message gets its row.
#[test]
fn every_problem_variant_has_a_row() {
    let source = std::fs::read_to_string(common::root().join("src/annotation/problem.rs")).unwrap();
    let body = source.split("pub enum Problem<'a> {\n").nth(1).unwrap();
    let body = &body[..body.find("\n}\n").unwrap()];
    let variants: std::collections::BTreeSet<&str> = body
        .lines()
        .filter_map(|l| l.strip_prefix("    "))
        .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|l| l.trim_end_matches([',', '{', ' ']))
        .collect();
    let rows: std::collections::BTreeSet<&str> = rows().iter().map(|r| r.variant).collect();
    assert!(variants.len() > 30, "{variants:?}");
    assert_eq!(variants, rows);
}

/// Two periods of one speaker that share one day overlap, whichever comes first in the
/// codebook: a speaker who changed sides on 2005-06-30 ends one period on 2005-06-29.
#[test]
fn speaker_periods_sharing_one_day_overlap() {
    codebook_short(
        &format!(
            "{}speakers:
  - name: Ban
    party: p
    from: 2001
    to: 2005-06-30
  - name: Ban
    party: q
    from: 2005-06-30
  - name: Kim
    party: q
    from: 2005-06-30
    to: 2006
  - name: Kim
    party: p
    from: 2001
    to: 2005-06-30
  - name: Lee
    party: p
    to: 2005-06-29
  - name: Lee
    party: q
    from: 2005-06-30
",
            codebook_with(
                ONE_STANCE,
                "  - id: p\n    name: P\n  - id: q\n    name: Q\n"
            )
        ),
        &format!(
            "{C}:15:11: error: the periods of speaker Ban overlap\n\
             {C}:22:11: error: the periods of speaker Kim overlap\n"
        ),
        1,
    );
}

/// A position written once and used twice through a YAML alias has one place: its problems
/// are reported once, not once for each use.
#[test]
fn a_problem_reached_twice_through_an_alias_is_reported_once() {
    short(
        "  - &p\n    party: DPRK\n    stance: talks\n    basis: report\n    quote: x\n  - *p\n",
        &format!("{F}:8:13: error: unknown stance `talks`\n"),
        "checked 1 article: 0 positions, 3 parties, 1 error",
        1,
    );
}

/// Reliability codings are read by the articles' rules (what is skipped, what is wrong) and
/// counted apart from them in the summary.
#[test]
fn reliability_codings_are_checked_and_counted() {
    Test::new()
        .article("2009-07-27-test.yaml", article(ONE))
        .file(CODING, article(ONE))
        .file("annotations/reliability/ben/notes.txt", "x")
        .file("annotations/reliability/.drafts/2009-07-27-test.yaml", "x")
        .args(&["check", "--message-format", "short", "--deny", "warnings"])
        .stderr(&format!(
            "{NOTE}checked 1 article: 1 position, 3 parties; 1 reliability coding by 1 coder: \
             1 position; 0 problems; skipped 1 hidden folder, 1 file not named *.yaml or *.yml\n"
        ))
        .run();
    Test::new()
        .article("2009-07-27-test.yaml", article(ONE))
        .file(CODING, article(&ONE.replace("DPRK", "Moscow")))
        .file(
            "annotations/reliability/cy/2009-07-27-test.yaml",
            article(&ONE.replace("quote: x\n", "")),
        )
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "annotations/reliability/ben/2009-07-27-test.yaml:6:12: error: unknown party `Moscow`\n\
             annotations/reliability/cy/2009-07-27-test.yaml:6:5: warning: position 1 has no quote [missing-quote]\n\
             {NOTE}checked 1 article: 1 position, 3 parties; 2 reliability codings by 2 coders: \
             1 position; 1 error, 1 warning\n"
        ))
        .status(1)
        .run();
}

/// A coding of an article whose file has errors is not also reported as coding no article.
#[test]
fn a_coding_of_a_broken_article_is_not_unmatched() {
    Test::new()
        .article(
            "2009-07-27-test.yaml",
            "article:\n  title: T\npositions: []\n",
        )
        .file(CODING, article(ONE))
        .args(&["check", "--message-format", "short"])
        .stderr(&format!(
            "{F}:2:3: error: missing field `outlet` in the article\n\
             {F}:2:3: error: missing field `published` in the article\n\
             {NOTE}checked 1 article: 0 positions, 3 parties; 1 reliability coding by 1 coder: \
             0 positions; 2 errors\n"
        ))
        .status(1)
        .run();
}
