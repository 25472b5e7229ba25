//! Every problem that reading ([`super::raw`]) and validation ([`super::validate`]) can find in
//! the annotations, with its words: the message ([`Display`](fmt::Display)), the help and notes
//! ([`Problem::help`], [`Problem::notes`]) and the label of its second place, if it has one
//! ([`Problem::related`]). A caller builds a variant and gives its place; [`Problem::at`] makes
//! the diagnostic. To change what a message says, change it here; tests/check.rs pins each one.

use crate::color::DISTINCT;
use crate::date::{DATE_HELP, DateError, DatePoint, Edtf};
use crate::diagnostic::{Diagnostic, Span, WarningKind};
use chrono::NaiveDate;
use std::fmt;

/// One problem, in the words of the annotation format. `what` names the mapping a field belongs
/// to (`the article`, `position 2`, `speaker 1`, `the codebook`), `key` the field.
#[derive(Debug)]
pub enum Problem<'a> {
    // Reading: the shape of the YAML.
    NotAMapping {
        what: &'a str,
        found: Found<'a>,
        fields: &'a [&'a str],
    },
    KeyNotAName {
        what: &'a str,
        found: &'static str,
        fields: &'a [&'a str],
    },
    DuplicateField {
        what: &'a str,
        key: &'a str,
        first: Span,
    },
    UnknownField {
        what: &'a str,
        key: &'a str,
        suggestion: Option<&'a str>,
        fields: &'a [&'a str],
    },
    MissingField {
        what: &'a str,
        key: &'a str,
    },
    NotText {
        what: &'a str,
        key: &'a str,
        found: &'static str,
    },
    EmptyField {
        what: &'a str,
        key: &'a str,
    },
    NotANumber {
        what: &'a str,
        key: &'a str,
        found: Found<'a>,
    },
    /// A list of entries (`positions`, `stances`, ...) that is not a list.
    NotAList {
        what: &'a str,
        key: &'a str,
        found: &'static str,
    },
    /// A list of texts (`aliases`) given as a mapping; a single text is a list of one.
    TextListIsAMapping {
        what: &'a str,
        key: &'a str,
    },
    ListItemNotText {
        what: &'a str,
        key: &'a str,
        found: &'static str,
    },

    // Values of any file.
    InvalidDate {
        error: DateError,
    },
    NotASingleDate {
        key: &'a str,
        given: &'a str,
    },

    // The codebook.
    NoStances,
    NoParties,
    NotAColor {
        given: &'a str,
    },
    DuplicateStanceId {
        id: &'a str,
        first: Span,
    },
    DuplicatePartyId {
        id: &'a str,
        first: Span,
    },
    /// An id, name, short label or alias of two parties.
    SharedPartyWord {
        word: &'a str,
        first_party: &'a str,
        party: &'a str,
        first: Span,
    },
    /// The label (or id) of one stance that is the id or label of another.
    SharedStanceWord {
        word: &'a str,
        first_stance: &'a str,
        stance: &'a str,
        first: Span,
    },
    /// A name under `check:` that is neither `warnings` nor a kind of warning.
    UnknownWarningKind {
        given: &'a str,
        suggestion: Option<&'a str>,
    },
    /// A kind (or `warnings`) under both `allow` and `deny` of `check:`; `first` is the allow.
    AllowedAndDenied {
        lint: &'a str,
        first: Span,
    },
    /// `short:` given but empty, which is not the same as left out (that means the name).
    EmptyShort {
        of: Entry<'a>,
    },
    ShortOnSeveralLines {
        of: Entry<'a>,
        lines: usize,
    },
    /// A `short:` with more characters than the name (or label) it stands for.
    ShortLongerThanFull {
        of: Entry<'a>,
        chars: usize,
        full_chars: usize,
    },
    /// A `short:` over [`SHORT_MAX`] characters.
    LongShort {
        of: Entry<'a>,
        chars: usize,
    },
    /// Two parties, or two stances, whose colors differ by less than [`DISTINCT`]: `of` is the
    /// later one, with `color` as written; `first` the earlier, written at `first_at`.
    SimilarColors {
        of: Entry<'a>,
        color: &'a str,
        first: Entry<'a>,
        first_color: &'a str,
        difference: f64,
        first_at: Span,
    },
    UnknownSpeakerParty {
        party: &'a str,
        speaker: &'a str,
        suggestion: Option<&'a str>,
    },
    SpeakerEndsBeforeStart {
        speaker: &'a str,
        from: DatePoint,
        to: DatePoint,
    },
    SpeakerPeriodsOverlap {
        speaker: &'a str,
        other: Span,
    },

    // An article file.
    FileNameDate {
        stem: &'a str,
        expected: &'a str,
    },
    UnknownStance {
        given: &'a str,
        suggestion: Option<&'a str>,
        stances: Vec<&'a str>,
    },
    UnknownBasis {
        given: &'a str,
        suggestion: Option<&'a str>,
    },
    UnknownConfidence {
        given: &'a str,
        suggestion: Option<&'a str>,
    },
    /// `held` given but empty, which is not the same as left out (that means `published`).
    EmptyHeld {
        position: usize,
    },
    HeldAfterPublished {
        start: NaiveDate,
        published: DatePoint,
    },
    UnknownParty {
        given: &'a str,
        suggestion: Option<&'a str>,
    },
    /// A codebook speaker with a `party` that is not one the speaker spoke for then.
    SpeakerPartyDisagrees {
        speaker: &'a str,
        /// The names of the parties the speaker spoke for, and the first one's id.
        spoke_for: Vec<&'a str>,
        first_id: &'a str,
        held: Edtf,
        given: &'a str,
        speaker_at: Span,
    },
    /// A codebook speaker without `party` who spoke for several parties at the time.
    SpeakerSpokeForSeveral {
        speaker: &'a str,
        spoke_for: Vec<&'a str>,
        held: Edtf,
    },
    /// A codebook speaker without `party` who spoke for no party at the time.
    SpeakerSpokeForNone {
        speaker: &'a str,
        held: Edtf,
        periods: Vec<Period<'a>>,
    },
    /// A speaker not in the codebook, and no `party`.
    UnknownSpeaker {
        speaker: &'a str,
        suggestion: Option<&'a str>,
    },
    NoParty {
        position: Position,
    },
    NoQuote {
        position: Position,
    },

    // A reliability coding (`reliability/CODER/*.yaml`).
    /// `reliability` is there but is not a folder.
    ReliabilityNotAFolder {
        path: &'a str,
    },
    /// A file directly in `reliability/`, in no coder's folder.
    CodingWithoutCoder {
        name: &'a str,
    },
    /// A coding whose article id names no article of the record.
    CodingOfUnknownArticle {
        id: &'a str,
        suggestion: Option<&'a str>,
    },
    /// A coding whose `published` is not its article's in the record (`record_at` there).
    CodingPublishedDiffers {
        published: DatePoint,
        record: DatePoint,
        record_file: &'a str,
        record_at: Span,
    },
    /// A coder's second coding of one article (the first in `first_file`).
    DuplicateCoding {
        id: &'a str,
        coder: &'a str,
        first_file: &'a str,
        first_at: Span,
    },
    /// A coding by the coder who coded the article in the record (its `annotator`).
    CoderCodedTheRecord {
        coder: &'a str,
        id: &'a str,
        record_file: &'a str,
        record_at: Span,
    },
    /// A coding whose `annotator` is not the coder whose folder it is in.
    CodingAnnotatorDiffers {
        annotator: &'a str,
        coder: &'a str,
    },
}

/// What a value is, when it is not what was expected: its text, or its kind.
#[derive(Debug, Clone, Copy)]
pub enum Found<'a> {
    Text(&'a str),
    Kind(&'static str),
}

/// A party or a stance of the codebook, by its id.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    Party(&'a str),
    Stance(&'a str),
}

impl Entry<'_> {
    fn plural(&self) -> &'static str {
        match self {
            Entry::Party(_) => "parties",
            Entry::Stance(_) => "stances",
        }
    }

    /// The field that `short:` shortens.
    fn full_key(&self) -> &'static str {
        match self {
            Entry::Party(_) => "name",
            Entry::Stance(_) => "label",
        }
    }

    fn id(&self) -> &str {
        match self {
            Entry::Party(id) | Entry::Stance(id) => id,
        }
    }
}

/// The most characters of a `short:` label without a warning: past about 30, a chart drawn
/// narrower than the default width wraps or shortens a party's label or a legend entry.
pub const SHORT_MAX: usize = 30;

/// A position by its place (0-based) in its file's `positions` list; shown 1-based.
#[derive(Debug, Clone, Copy)]
pub struct Position(pub usize);

/// One period of a speaker in the codebook: the party's id and the open or closed ends.
#[derive(Debug, Clone, Copy)]
pub struct Period<'a> {
    pub party: &'a str,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl fmt::Display for Problem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Problem::*;
        match self {
            NotAMapping { what, found, .. } => {
                write!(f, "expected {what} (a mapping of fields), found {found}")
            }
            KeyNotAName { what, found, .. } => {
                write!(f, "a key in {what} must be a field name, found {found}")
            }
            DuplicateField { what, key, .. } => write!(f, "duplicate field `{key}` in {what}"),
            UnknownField { what, key, .. } => write!(f, "unknown field `{key}` in {what}"),
            MissingField { what, key } => write!(f, "missing field `{key}` in {what}"),
            NotText { what, key, found } => {
                write!(f, "`{key}` in {what} must be text, found {found}")
            }
            EmptyField { what, key } => write!(f, "`{key}` in {what} is empty"),
            NotANumber { what, key, found } => {
                write!(f, "`{key}` in {what} must be a number, found {found}")
            }
            NotAList { what, key, found } => {
                write!(f, "`{key}` in {what} must be a list, found {found}")
            }
            TextListIsAMapping { what, key } => {
                write!(f, "`{key}` in {what} must be a list, found a mapping")
            }
            ListItemNotText { what, key, found } => {
                write!(f, "each of `{key}` in {what} must be text, found {found}")
            }
            InvalidDate { error } => write!(f, "{error}"),
            NotASingleDate { key, given } => {
                write!(
                    f,
                    "`{key}` must be a single date, not the interval `{given}`"
                )
            }
            NoStances => f.write_str("the codebook has no stances"),
            NoParties => f.write_str("the codebook has no parties"),
            NotAColor { given } => write!(f, "`{given}` is not a color"),
            DuplicateStanceId { id, .. } => write!(f, "duplicate stance id `{id}`"),
            DuplicatePartyId { id, .. } => write!(f, "duplicate party id `{id}`"),
            SharedPartyWord {
                word,
                first_party,
                party,
                ..
            } => {
                write!(
                    f,
                    "`{word}` names two parties: `{first_party}` and `{party}`"
                )
            }
            SharedStanceWord {
                word,
                first_stance,
                stance,
                ..
            } => {
                write!(
                    f,
                    "`{word}` names two stances: `{first_stance}` and `{stance}`"
                )
            }
            UnknownWarningKind { given, .. } => write!(f, "unknown kind of warning `{given}`"),
            AllowedAndDenied { lint, .. } => write!(f, "`{lint}` is both allowed and denied"),
            EmptyShort { of } => write!(f, "`short` of {of} is empty"),
            ShortOnSeveralLines { of, lines } => {
                write!(f, "`short` of {of} runs over {lines} lines")
            }
            ShortLongerThanFull {
                of,
                chars,
                full_chars,
            } => {
                let full = of.full_key();
                write!(
                    f,
                    "`short` of {of} ({chars} characters) is longer than its {full} ({full_chars})"
                )
            }
            LongShort { of, chars } => write!(
                f,
                "`short` of {of} is {chars} characters long: charts may wrap or shorten it"
            ),
            SimilarColors {
                of,
                color,
                first,
                first_color,
                difference,
                ..
            } => {
                let (kinds, a, b) = (of.plural(), first.id(), of.id());
                if *difference == 0.0 {
                    write!(
                        f,
                        "{kinds} `{a}` and `{b}` have the same color, {first_color}"
                    )
                } else {
                    // Truncated, so that a difference just under the threshold never reads as
                    // the threshold itself.
                    let shown = ((difference * 10.0).floor() / 10.0).max(0.1);
                    write!(
                        f,
                        "{kinds} `{a}` and `{b}` have colors hard to tell apart: {first_color} \
                         and {color} differ by {shown:.1} (CIEDE2000), less than {DISTINCT}"
                    )
                }
            }
            UnknownSpeakerParty { party, speaker, .. } => {
                write!(f, "unknown party `{party}` for speaker {speaker}")
            }
            SpeakerEndsBeforeStart { speaker, from, to } => {
                write!(f, "speaker {speaker} ends ({to}) before starting ({from})")
            }
            SpeakerPeriodsOverlap { speaker, .. } => {
                write!(f, "the periods of speaker {speaker} overlap")
            }
            FileNameDate { stem, expected } => write!(
                f,
                "the file name `{stem}` does not start with the published date {expected}"
            ),
            UnknownStance { given, .. } => write!(f, "unknown stance `{given}`"),
            UnknownBasis { given, .. } => write!(f, "unknown basis `{given}`"),
            UnknownConfidence { given, .. } => write!(f, "unknown confidence `{given}`"),
            EmptyHeld { position } => write!(f, "`held` in position {position} is empty"),
            HeldAfterPublished { start, published } => write!(
                f,
                "the position is held from {start}, after its article was published ({published})"
            ),
            UnknownParty { given, .. } => write!(f, "unknown party `{given}`"),
            SpeakerPartyDisagrees {
                speaker,
                spoke_for,
                held,
                given,
                ..
            } => {
                let (names, when) = (spoke_for.join(" and "), When(*held));
                write!(f, "{speaker} spoke for {names} {when}, not {given}")
            }
            SpeakerSpokeForSeveral {
                speaker,
                spoke_for,
                held,
            } => {
                let (names, when) = (spoke_for.join(" and "), When(*held));
                write!(f, "{speaker} spoke for {names} {when}")
            }
            SpeakerSpokeForNone { speaker, held, .. } => {
                write!(
                    f,
                    "{speaker} spoke for no party {} in the codebook",
                    When(*held)
                )
            }
            UnknownSpeaker { speaker, .. } => {
                write!(
                    f,
                    "unknown speaker `{speaker}`, and the position names no party"
                )
            }
            NoParty { position } => write!(f, "{position} names no party"),
            NoQuote { position } => write!(f, "{position} has no quote"),
            ReliabilityNotAFolder { path } => {
                write!(f, "`{path}` is a file, not a folder of reliability codings")
            }
            CodingWithoutCoder { name } => {
                write!(f, "the reliability coding `{name}` is in no coder's folder")
            }
            CodingOfUnknownArticle { id, .. } => {
                write!(
                    f,
                    "no article `{id}` in the record for this reliability coding"
                )
            }
            CodingPublishedDiffers {
                published, record, ..
            } => write!(
                f,
                "this coding gives `published` as {published}, but the article in the record was \
                 published {record}"
            ),
            DuplicateCoding { id, coder, .. } => {
                write!(f, "a second coding of `{id}` by coder `{coder}`")
            }
            CoderCodedTheRecord { coder, id, .. } => write!(
                f,
                "`{coder}` coded `{id}` in the record: a second coding by the same coder is not \
                 independent"
            ),
            CodingAnnotatorDiffers { annotator, coder } => write!(
                f,
                "`annotator` is `{annotator}`, but the coding is in the folder of coder `{coder}`"
            ),
        }
    }
}

impl Problem<'_> {
    /// The kind of warning this is; `None` for an error.
    pub fn kind(&self) -> Option<WarningKind> {
        Some(match self {
            Problem::FileNameDate { .. } => WarningKind::FileNameDate,
            Problem::NoQuote { .. } => WarningKind::MissingQuote,
            Problem::ShortLongerThanFull { .. } | Problem::LongShort { .. } => {
                WarningKind::LongShortLabel
            }
            Problem::SimilarColors { .. } => WarningKind::SimilarColors,
            Problem::CodingAnnotatorDiffers { .. } => WarningKind::CoderFolder,
            _ => return None,
        })
    }

    /// What would be right: `did you mean ...?`, the values allowed, how to write it.
    pub fn help(&self) -> Vec<String> {
        use Problem::*;
        let fields =
            |what: &str, fields: &[&str]| format!("{what} has the fields: {}", fields.join(", "));
        let help = match self {
            NotAMapping {
                what, fields: f, ..
            }
            | KeyNotAName {
                what, fields: f, ..
            } => fields(what, f),
            DuplicateField { key, .. } => format!("give `{key}` once"),
            UnknownField {
                what,
                suggestion,
                fields: f,
                ..
            } => did_you_mean(*suggestion).unwrap_or_else(|| fields(what, f)),
            MissingField { what, key } => format!("add `{key}:` to {what}"),
            NotText { key, .. } => format!("write `{key}: some text` on one line"),
            EmptyField { key, .. } => format!("give `{key}` a value"),
            NotANumber { key, .. } => format!(
                "write a number such as `{key}: -2`, or leave `{key}` out for a stance off the axis"
            ),
            NotAList { key, .. } => {
                format!("write each entry of `{key}` on its own line, starting with `- `")
            }
            TextListIsAMapping { key, .. } | ListItemNotText { key, .. } => {
                format!("write `{key}: [first, second]`")
            }
            InvalidDate { .. } => DATE_HELP.into(),
            NotASingleDate { .. } => "write one date, such as 2005-07-25 or 2005-07".into(),
            NoStances => {
                "list the stances under `stances:`, ordered from one pole to the other".into()
            }
            NoParties => "list the parties under `parties:`".into(),
            NotAColor { .. } => "write a color as a quoted hex triple, such as \"#b2182b\"".into(),
            DuplicateStanceId { .. } => "give each stance its own id".into(),
            DuplicatePartyId { .. } => "give each party its own id".into(),
            SharedPartyWord { .. } => {
                "each id, name, short label and alias must name one party only".into()
            }
            SharedStanceWord { .. } => {
                "each stance's id and label must name that stance only".into()
            }
            UnknownWarningKind { suggestion, .. } => {
                did_you_mean(*suggestion).unwrap_or_else(|| {
                    let kinds: Vec<&str> = WarningKind::names().collect();
                    format!(
                        "name `warnings` (every kind) or a kind: {}",
                        kinds.join(", ")
                    )
                })
            }
            AllowedAndDenied { lint, .. } => {
                format!("list `{lint}` under `allow` or under `deny`, not both")
            }
            EmptyShort { of } => format!(
                "give `short` a few words for charts, or leave it out and charts use the {}",
                of.full_key()
            ),
            ShortOnSeveralLines { .. } => "write `short` on one line".into(),
            ShortLongerThanFull { of, .. } => format!(
                "a short label stands in for a long {} in charts: shorten it, or leave `short` out",
                of.full_key()
            ),
            LongShort { .. } => format!("keep `short` to {SHORT_MAX} characters or fewer"),
            SimilarColors { first_color, .. } => format!(
                "pick a color farther from {first_color}, or leave `color:` out and the chart will \
                 choose one"
            ),
            UnknownSpeakerParty { suggestion, .. } => did_you_mean(*suggestion)
                .unwrap_or_else(|| "use the id of a party listed under `parties:`".into()),
            SpeakerEndsBeforeStart { .. } => "`to` must be on or after `from`".into(),
            SpeakerPeriodsOverlap { .. } => {
                "a speaker speaks for one party at a time: end one period before the next begins"
                    .into()
            }
            FileNameDate { stem, expected } => {
                let slug = stem.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
                let slug = if slug.is_empty() { "slug" } else { slug };
                format!("name the file `{expected}-{slug}.yaml`")
            }
            UnknownStance {
                suggestion,
                stances,
                ..
            } => did_you_mean(*suggestion)
                .unwrap_or_else(|| format!("the codebook's stances are: {}", stances.join(", "))),
            UnknownBasis { suggestion, .. } => did_you_mean(*suggestion)
                .unwrap_or_else(|| "basis is one of: statement, report, inference".into()),
            UnknownConfidence { suggestion, .. } => did_you_mean(*suggestion)
                .unwrap_or_else(|| "confidence is one of: high, medium, low".into()),
            EmptyHeld { .. } => "write when the position was held, such as 2009-07-27, or leave \
                 `held` out to use the article's `published` date"
                .into(),
            HeldAfterPublished { .. } => "an article can only report positions held by the day it \
                 was published; check `held` and `published`"
                .into(),
            UnknownParty { suggestion, .. } => did_you_mean(*suggestion)
                .unwrap_or_else(|| "name a party of the codebook by its id, name or alias".into()),
            SpeakerPartyDisagrees { first_id, .. } => format!(
                "write `party: {first_id}` or leave `party` out, or correct the speaker's period in the codebook"
            ),
            SpeakerSpokeForSeveral { .. } => {
                "add `party:` to say for whom, or narrow `held`".into()
            }
            SpeakerSpokeForNone { .. } => {
                "add `party:` to the position, or extend the speaker's period in the codebook"
                    .into()
            }
            UnknownSpeaker { suggestion, .. } => {
                let need = "a speaker not in the codebook needs `party:`".to_string();
                return did_you_mean(*suggestion)
                    .into_iter()
                    .chain([need])
                    .collect();
            }
            NoParty { .. } => {
                "add `party:` (an id, name or alias), or a `speaker:` from the codebook".into()
            }
            NoQuote { .. } => {
                "add `quote:` with the words of the article that carry the stance".into()
            }
            ReliabilityNotAFolder { .. } => "put each coder's codings in a folder of \
                 `reliability/` named for the coder, one file for each article coded again"
                .into(),
            CodingWithoutCoder { name } => {
                format!("move it into a folder named for its coder: `reliability/CODER/{name}`")
            }
            CodingOfUnknownArticle { suggestion, .. } => {
                did_you_mean(*suggestion).unwrap_or_else(|| {
                    "a reliability coding codes an article of `articles/` again: give it that \
                     article's `id` (or its file name)"
                        .into()
                })
            }
            CodingPublishedDiffers { record, .. } => {
                format!("copy the article block of the record: `published: {record}`")
            }
            DuplicateCoding { .. } => "keep one coding of each article for each coder".into(),
            CoderCodedTheRecord { .. } => "a reliability coding is by another coder than the \
                 article's `annotator`: move it to that coder's folder, or correct `annotator` \
                 in the record"
                .into(),
            CodingAnnotatorDiffers { annotator, coder } => format!(
                "the folder names the coder: write `annotator: {coder}` or leave it out, or move \
                 the file to `reliability/{annotator}/`"
            ),
        };
        vec![help]
    }

    /// What else the reader should know.
    pub fn notes(&self) -> Vec<String> {
        match self {
            Problem::SpeakerSpokeForNone { periods, .. } => {
                let periods: Vec<String> = periods.iter().map(Period::to_string).collect();
                vec![format!("the codebook has: {}", periods.join("; "))]
            }
            Problem::SimilarColors { .. } => vec![format!(
                "CIEDE2000 measures how different two colors look; marks less than {DISTINCT} \
                 apart read as one color to many readers"
            )],
            _ => Vec::new(),
        }
    }

    /// A second place in the same file that explains the problem, and its label.
    pub fn related(&self) -> Option<(Span, String)> {
        use Problem::*;
        match self {
            DuplicateField { first, .. } => Some((*first, "first value here".into())),
            DuplicateStanceId { first, .. } | DuplicatePartyId { first, .. } => {
                Some((*first, "first defined here".into()))
            }
            SharedPartyWord {
                first, first_party, ..
            } => Some((*first, format!("already names `{first_party}` here"))),
            SharedStanceWord {
                first,
                first_stance,
                ..
            } => Some((*first, format!("already names `{first_stance}` here"))),
            AllowedAndDenied { first, .. } => Some((*first, "allowed here".into())),
            SimilarColors {
                first, first_at, ..
            } => Some((*first_at, format!("the color of {first}"))),
            SpeakerPeriodsOverlap { other, .. } => {
                Some((*other, "the other period starts here".into()))
            }
            SpeakerPartyDisagrees { speaker_at, .. } => {
                Some((*speaker_at, "speaker given here".into()))
            }
            _ => None,
        }
    }

    /// A place in another file that explains the problem: the file, the place and its label.
    pub fn elsewhere(&self) -> Option<(&str, Span, String)> {
        use Problem::*;
        match self {
            CodingPublishedDiffers {
                record_file,
                record_at,
                ..
            } => Some((
                record_file,
                *record_at,
                "published in the record here".into(),
            )),
            DuplicateCoding {
                first_file,
                first_at,
                ..
            } => Some((first_file, *first_at, "first coding here".into())),
            CoderCodedTheRecord {
                record_file,
                record_at,
                ..
            } => Some((record_file, *record_at, "the record's coder".into())),
            _ => None,
        }
    }

    /// The diagnostic for this problem, written at `span` of `file`.
    pub fn at(self, file: &str, span: Span) -> Diagnostic {
        let mut d = Diagnostic::new(self.kind(), file, span, self.to_string());
        d.help = self.help();
        d.notes = self.notes();
        if let Some((other, label)) = self.related() {
            d = d.with_related(file, other, label);
        }
        if let Some((other_file, other, label)) = self.elsewhere() {
            d = d.with_related(other_file, other, label);
        }
        d
    }
}

fn did_you_mean(suggestion: Option<&str>) -> Option<String> {
    suggestion.map(|s| format!("did you mean `{s}`?"))
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Text(t) => write!(f, "`{t}`"),
            Found::Kind(k) => f.write_str(k),
        }
    }
}

impl fmt::Display for Entry<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Party(id) => write!(f, "party `{id}`"),
            Entry::Stance(id) => write!(f, "stance `{id}`"),
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "position {}", self.0 + 1)
    }
}

impl fmt::Display for Period<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = |d: Option<NaiveDate>| d.map_or("..".into(), |d| d.to_string());
        write!(
            f,
            "{} from {} to {}",
            self.party,
            end(self.from),
            end(self.to)
        )
    }
}

/// When a position held, for messages: `on 2005-07-25` for one day, `during 2009` otherwise.
struct When(Edtf);

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0.start_day(), self.0.end_day()) {
            (Some(a), Some(b)) if a == b => write!(f, "on {a}"),
            _ => write!(f, "during {}", self.0),
        }
    }
}
