//! Meaning checks: raw annotations become the validated model, or located diagnostics. Each
//! field has its own check; the words of every problem are in [`super::problem`].

use super::problem::{Entry, Period, Position, Problem, SHORT_MAX};
use super::raw::{RawArticle, RawArticleFile, RawCodebook, RawParty, RawPosition, RawSpeaker};
use super::raw::{RawCheck, RawStance, Spanned};
use crate::color::{DISTINCT, ciede2000};
use crate::date::{self, DatePoint, Edtf};
use crate::diagnostic::{Diagnostic, Level, Levels, Lint, Span};
use crate::model::codebook::{Codebook, Color, Party, SpeakerTerm, Stance};
use crate::model::observation::{Article, Basis, Confidence, Observation};
use crate::model::{ArticleId, PartyId, StanceId};
use crate::words::suggest;
use std::collections::HashMap;

/// Where the problems of one file go.
struct Report<'d> {
    file: &'d str,
    diags: &'d mut Vec<Diagnostic>,
}

impl Report<'_> {
    fn push(&mut self, span: Span, problem: Problem) {
        self.diags.push(problem.at(self.file, span));
    }
}

/// The color given, if it is one.
fn color(value: Option<&Spanned<&str>>, out: &mut Report) -> Option<Color> {
    let c = value?;
    Color::parse(c.value).or_else(|| {
        out.push(c.span, Problem::NotAColor { given: c.value });
        None
    })
}

/// One party's or stance's color, as written, for [`similar_colors`].
struct Colored<'r> {
    of: Entry<'r>,
    color: Color,
    written: &'r Spanned<&'r str>,
}

/// Warn about each color that readers cannot tell from an earlier one of `colored` (all
/// parties or all stances), naming the closest earlier one.
fn similar_colors(colored: &[Colored], out: &mut Report) {
    for (i, c) in colored.iter().enumerate() {
        let closest = colored[..i]
            .iter()
            .map(|e| (ciede2000(e.color, c.color), e))
            .filter(|(d, _)| *d < DISTINCT)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((difference, first)) = closest {
            let problem = Problem::SimilarColors {
                of: c.of,
                color: c.written.value,
                first: first.of,
                first_color: first.written.value,
                difference,
                first_at: first.written.span,
            };
            out.push(c.written.span, problem);
        }
    }
}

/// The `short` label given for `of`, whose name or label is `full`, when it is one: not
/// empty, on one line. Warns when it is longer than `full` or than charts hold.
fn short<'v>(
    value: Option<&'v Spanned<&'v str>>,
    of: Entry,
    full: &str,
    out: &mut Report,
) -> Option<&'v Spanned<&'v str>> {
    let s = value?;
    if s.value.is_empty() {
        out.push(s.span, Problem::EmptyShort { of });
        return None;
    }
    if s.value.contains(['\n', '\r']) {
        let lines = s.value.lines().count();
        out.push(s.span, Problem::ShortOnSeveralLines { of, lines });
        return None;
    }
    let (chars, full_chars) = (s.value.chars().count(), full.chars().count());
    if chars > full_chars {
        out.push(
            s.span,
            Problem::ShortLongerThanFull {
                of,
                chars,
                full_chars,
            },
        );
    } else if chars > SHORT_MAX {
        out.push(s.span, Problem::LongShort { of, chars });
    }
    Some(s)
}

fn date(value: &Spanned<&str>, out: &mut Report) -> Option<Edtf> {
    date::parse(value.value)
        .map_err(|error| out.push(value.span, Problem::InvalidDate { error }))
        .ok()
}

/// A date that must not be an interval: the `key` field's `value`.
fn single_date(value: &Spanned<&str>, key: &str, out: &mut Report) -> Option<DatePoint> {
    match date(value, out)? {
        Edtf::Date(d) => Some(d),
        Edtf::Interval { .. } => {
            let given = value.value;
            out.push(value.span, Problem::NotASingleDate { key, given });
            None
        }
    }
}

/// Check the codebook and build it. Problems go to `diags`; what is valid is kept.
pub fn codebook(raw: &RawCodebook<'_>, file: &str, diags: &mut Vec<Diagnostic>) -> Codebook {
    let mut out = Report { file, diags };
    let stances = stances(&raw.stances, &mut out);
    let parties = parties(&raw.parties, &mut out);
    let speakers = speakers(&raw.speakers, &parties, &mut out);
    let question = raw.question.as_ref().map(|q| q.value.to_string());
    Codebook::new(question.unwrap_or_default(), stances, parties, speakers)
}

/// The codebook's `check:` settings: each name `warnings` or a kind, none both allowed and
/// denied.
pub fn check_levels(raw: &RawCodebook<'_>, file: &str, diags: &mut Vec<Diagnostic>) -> Levels {
    let mut out = Report { file, diags };
    let mut levels = Levels::default();
    let Some(RawCheck { allow, deny }) = &raw.check else {
        return levels;
    };
    let mut allowed: Vec<(Lint, Span)> = Vec::new();
    for (names, level) in [(allow, Level::Allow), (deny, Level::Deny)] {
        for name in names {
            let Some(lint) = Lint::parse(name.value) else {
                let suggestion = suggest(name.value, Lint::names());
                let given = name.value;
                out.push(name.span, Problem::UnknownWarningKind { given, suggestion });
                continue;
            };
            if level == Level::Allow {
                allowed.push((lint, name.span));
            } else if let Some(&(_, first)) = allowed.iter().find(|(l, _)| *l == lint) {
                let lint = &lint.to_string();
                out.push(name.span, Problem::AllowedAndDenied { lint, first });
                continue;
            }
            levels.set(lint, level);
        }
    }
    levels
}

/// Every id and label (lowercased) of the stances so far: which stance, where it was written,
/// and that stance's id.
type StanceWords = HashMap<String, (usize, Span, String)>;

/// The stances with an id and a label, each id once and each id or label naming one stance;
/// colors alike are warned about.
fn stances(raw: &[RawStance], out: &mut Report) -> Vec<Stance> {
    let mut stances: Vec<Stance> = Vec::new();
    let mut colored: Vec<Colored> = Vec::new();
    let mut first_spans: HashMap<String, Span> = HashMap::new();
    let mut words = StanceWords::new();
    for s in raw {
        let (Some(id), Some(label)) = (&s.id, &s.label) else {
            continue;
        };
        if let Some(&first) = first_spans.get(&id.value.to_lowercase()) {
            out.push(
                id.span,
                Problem::DuplicateStanceId {
                    id: id.value,
                    first,
                },
            );
            continue;
        }
        first_spans.insert(id.value.to_lowercase(), id.span);
        stance_words([id, label], id.value, stances.len(), &mut words, out);
        let of = Entry::Stance(id.value);
        let short = short(s.short.as_ref(), of, label.value, out);
        let color = color(s.color.as_ref(), out);
        if let (Some(color), Some(written)) = (color, &s.color) {
            colored.push(Colored { of, color, written });
        }
        stances.push(Stance {
            id: id.value.to_string(),
            label: label.value.to_string(),
            score: s.score.as_ref().map(|x| x.value),
            short: short.map(|s| s.value.to_string()),
            color,
            description: s.description.as_ref().map(|d| d.value.to_string()),
        });
    }
    similar_colors(&colored, out);
    stances
}

/// Record the id and label of stance `index`, reporting either when it names another stance.
/// (A duplicate id is reported as such before this.)
fn stance_words(
    given: [&Spanned<&str>; 2],
    id: &str,
    index: usize,
    words: &mut StanceWords,
    out: &mut Report,
) {
    for w in given {
        let key = w.value.to_lowercase();
        match words.get(&key) {
            Some((other, first, first_stance)) if *other != index => {
                let (word, stance, first) = (w.value, id, *first);
                let problem = Problem::SharedStanceWord {
                    word,
                    first_stance,
                    stance,
                    first,
                };
                out.push(w.span, problem);
            }
            Some(_) => {}
            None => {
                words.insert(key, (index, w.span, id.to_string()));
            }
        }
    }
}

/// Every id, name, short label and alias (lowercased) of the parties so far: which party,
/// where it was written, and that party's id.
type PartyWords = HashMap<String, (usize, Span, String)>;

/// The parties with an id and a name, each id once, each word naming one party; colors alike
/// are warned about.
fn parties(raw: &[RawParty], out: &mut Report) -> Vec<Party> {
    let mut parties: Vec<Party> = Vec::new();
    let mut colored: Vec<Colored> = Vec::new();
    let mut words = PartyWords::new();
    for p in raw {
        let (Some(id), Some(name)) = (&p.id, &p.name) else {
            continue;
        };
        if let Some(&(_, first, _)) = words.get(&id.value.to_lowercase())
            && parties.iter().any(|q| q.id.eq_ignore_ascii_case(id.value))
        {
            out.push(
                id.span,
                Problem::DuplicatePartyId {
                    id: id.value,
                    first,
                },
            );
            continue;
        }
        let of = Entry::Party(id.value);
        let short = short(p.short.as_ref(), of, name.value, out);
        party_words(p, id, short, parties.len(), &mut words, out);
        let color = color(p.color.as_ref(), out);
        if let (Some(color), Some(written)) = (color, &p.color) {
            colored.push(Colored { of, color, written });
        }
        parties.push(Party {
            id: id.value.to_string(),
            name: name.value.to_string(),
            short: short.map(|s| s.value.to_string()),
            aliases: p.aliases.iter().map(|a| a.value.to_string()).collect(),
            color,
        });
    }
    similar_colors(&colored, out);
    parties
}

/// Record the id, name, valid short label and aliases of party `index`, reporting any that
/// names another party.
fn party_words(
    p: &RawParty,
    id: &Spanned<&str>,
    short: Option<&Spanned<&str>>,
    index: usize,
    words: &mut PartyWords,
    out: &mut Report,
) {
    let mut own: Vec<String> = Vec::new();
    let given = [p.id.as_ref(), p.name.as_ref(), short]
        .into_iter()
        .flatten();
    for w in given.chain(&p.aliases) {
        let key = w.value.to_lowercase();
        if own.contains(&key) {
            continue;
        }
        own.push(key.clone());
        match words.get(&key) {
            Some((other, first, first_party)) if *other != index => {
                let (word, party, first) = (w.value, id.value, *first);
                let problem = Problem::SharedPartyWord {
                    word,
                    first_party,
                    party,
                    first,
                };
                out.push(w.span, problem);
            }
            _ => {
                words.insert(key, (index, w.span, id.value.to_string()));
            }
        }
    }
}

/// The speakers' periods, each for a known party, none ending before it starts, and no two
/// of one speaker overlapping.
fn speakers(raw: &[RawSpeaker], parties: &[Party], out: &mut Report) -> Vec<SpeakerTerm> {
    let partial = Codebook::new(String::new(), Vec::new(), parties.to_vec(), Vec::new());
    let mut speakers: Vec<SpeakerTerm> = Vec::new();
    let mut name_spans: Vec<Span> = Vec::new();
    for s in raw {
        let Some((term, name)) = speaker_term(s, &partial, out) else {
            continue;
        };
        for (other_term, &other) in speakers.iter().zip(&name_spans) {
            let overlap = other_term.name.eq_ignore_ascii_case(&term.name)
                && term
                    .from
                    .is_none_or(|f| other_term.to.is_none_or(|t| f <= t))
                && other_term
                    .from
                    .is_none_or(|f| term.to.is_none_or(|t| f <= t));
            if overlap {
                let speaker = name.value;
                out.push(name.span, Problem::SpeakerPeriodsOverlap { speaker, other });
            }
        }
        speakers.push(term);
        name_spans.push(name.span);
    }
    speakers
}

/// One period of a speaker, and the speaker's name as written.
fn speaker_term<'s>(
    s: &'s RawSpeaker,
    partial: &Codebook,
    out: &mut Report,
) -> Option<(SpeakerTerm, &'s Spanned<&'s str>)> {
    let (Some(name), Some(party)) = (&s.name, &s.party) else {
        return None;
    };
    let Some(p) = partial.find_party(party.value) else {
        let suggestion = suggest(party.value, partial.party_words());
        let (party_at, party, speaker) = (party.span, party.value, name.value);
        out.push(
            party_at,
            Problem::UnknownSpeakerParty {
                party,
                speaker,
                suggestion,
            },
        );
        return None;
    };
    let from = s.from.as_ref().and_then(|f| single_date(f, "from", out));
    let to = s.to.as_ref().and_then(|t| single_date(t, "to", out));
    if let (Some(from), Some(to)) = (from, to)
        && to.last_day() < from.first_day()
    {
        let span = s.to.as_ref().map_or(s.span, |t| t.span);
        let speaker = name.value;
        out.push(span, Problem::SpeakerEndsBeforeStart { speaker, from, to });
        return None;
    }
    let term = SpeakerTerm {
        name: name.value.to_string(),
        party: p,
        role: s.role.as_ref().map(|r| r.value.to_string()),
        from: from.map(|d| d.first_day()),
        to: to.map(|d| d.last_day()),
    };
    Some((term, name))
}

/// One article and its observations, validated (`Observation::article` is set by the caller).
pub struct ArticleOut {
    pub article: Article,
    pub observations: Vec<Observation>,
    /// Where each observation's quote was written, for grounding warnings.
    pub quote_spans: Vec<Option<Span>>,
    pub id_span: Span,
    /// Where `published` and `annotator` are written, for a reliability coding's checks.
    pub published_span: Span,
    pub annotator_span: Option<Span>,
}

impl ArticleOut {
    /// Drop what only queries and charts show (see [`LoadOptions::keep_evidence`]).
    ///
    /// [`LoadOptions::keep_evidence`]: super::load::LoadOptions::keep_evidence
    pub fn drop_evidence(&mut self) {
        let a = &mut self.article;
        (a.title, a.outlet) = (String::new(), String::new());
        (a.author, a.url, a.source) = (None, None, None);
        for o in &mut self.observations {
            (o.speaker, o.quote, o.conditions, o.note) = (None, None, None, None);
        }
        self.quote_spans = Vec::new();
    }
}

/// Check one article file. `stem` is the file name without extension.
pub fn article(
    raw: &RawArticleFile<'_>,
    file: &str,
    stem: &str,
    cb: &Codebook,
    diags: &mut Vec<Diagnostic>,
) -> Option<ArticleOut> {
    let mut out = Report { file, diags };
    let a = raw.article.as_ref();
    let published_at = a.and_then(|a| a.published.as_ref());
    let published = published_at.and_then(|p| single_date(p, "published", &mut out));
    if let (Some(date), Some(at)) = (published, published_at) {
        file_name_date(stem, date, at.span, &mut out);
    }

    let mut observations = Vec::with_capacity(raw.positions.len());
    let mut quote_spans = Vec::with_capacity(raw.positions.len());
    for pos in &raw.positions {
        if let Some(o) = position(pos, published, cb, &mut out) {
            observations.push(o);
            quote_spans.push(pos.quote.as_ref().map(|q| q.span));
        }
    }

    let (a, published) = (a?, published?);
    Some(ArticleOut {
        article: article_of(a, published, stem, file)?,
        observations,
        quote_spans,
        id_span: a.id.as_ref().map_or(a.span, |i| i.span),
        published_span: published_at.map_or(a.span, |p| p.span),
        annotator_span: a.annotator.as_ref().map(|x| x.span),
    })
}

/// The article's own fields, when its title and outlet are given.
fn article_of(a: &RawArticle, published: DatePoint, stem: &str, file: &str) -> Option<Article> {
    let (title, outlet) = (a.title.as_ref()?, a.outlet.as_ref()?);
    let text = |x: &Option<Spanned<&str>>| x.as_ref().map(|x| x.value.to_string());
    Some(Article {
        id: text(&a.id).unwrap_or_else(|| stem.to_string()),
        title: title.value.to_string(),
        outlet: outlet.value.to_string(),
        author: text(&a.author),
        published,
        url: text(&a.url),
        source: text(&a.source),
        annotator: text(&a.annotator),
        file: file.to_string(),
    })
}

/// A file name starts with the published date, without its qualifiers or time
/// (`2009-07-27-slug`).
fn file_name_date(stem: &str, published: DatePoint, at: Span, out: &mut Report) {
    let expected = published.plain().to_string();
    let rest = stem.strip_prefix(expected.as_str());
    if !rest.is_some_and(|r| r.is_empty() || r.starts_with('-')) {
        let expected = expected.as_str();
        out.push(at, Problem::FileNameDate { stem, expected });
    }
}

/// One position: the observation it records, when every field is valid.
fn position(
    pos: &RawPosition,
    published: Option<DatePoint>,
    cb: &Codebook,
    out: &mut Report,
) -> Option<Observation> {
    let stance = pos.stance.as_ref().and_then(|s| stance(s, cb, out));
    let basis = pos.basis.as_ref().and_then(|b| basis(b, out));
    let confidence = confidence(pos.confidence.as_ref(), out);
    let held = held(pos, published, out);
    let party = party(pos, held, cb, out);
    if pos.quote.is_none() {
        let position = Position(pos.index);
        out.push(pos.span, Problem::NoQuote { position });
    }
    let held = held?;
    let text = |x: &Option<Spanned<&str>>| x.as_ref().map(|x| x.value.into());
    Some(Observation {
        party: party?,
        stance: stance?,
        held,
        start: held.start_day(),
        end: held.end_day(),
        speaker: text(&pos.speaker),
        basis: basis?,
        confidence: confidence?,
        quote: text(&pos.quote),
        conditions: text(&pos.conditions),
        note: text(&pos.note),
        article: ArticleId::new(0),
        index: pos.index,
        span: pos.span,
    })
}

fn stance(given: &Spanned<&str>, cb: &Codebook, out: &mut Report) -> Option<StanceId> {
    let found = cb.find_stance(given.value);
    if found.is_none() {
        let stances: Vec<&str> = cb.stances().iter().map(|s| s.id.as_str()).collect();
        let suggestion = suggest(given.value, cb.stance_words());
        let given_text = given.value;
        let problem = Problem::UnknownStance {
            given: given_text,
            suggestion,
            stances,
        };
        out.push(given.span, problem);
    }
    found
}

fn basis(given: &Spanned<&str>, out: &mut Report) -> Option<Basis> {
    let found = Basis::parse(given.value);
    if found.is_none() {
        let suggestion = suggest(given.value, Basis::ALL.iter().map(|b| b.as_str()));
        out.push(
            given.span,
            Problem::UnknownBasis {
                given: given.value,
                suggestion,
            },
        );
    }
    found
}

/// The confidence given, `medium` when none is.
fn confidence(given: Option<&Spanned<&str>>, out: &mut Report) -> Option<Confidence> {
    let Some(given) = given else {
        return Some(Confidence::Medium);
    };
    let found = Confidence::parse(given.value);
    if found.is_none() {
        let suggestion = suggest(given.value, Confidence::ALL.iter().map(|c| c.as_str()));
        out.push(
            given.span,
            Problem::UnknownConfidence {
                given: given.value,
                suggestion,
            },
        );
    }
    found
}

/// When the position held: `held`, or the day the article was published; not starting after it.
fn held(pos: &RawPosition, published: Option<DatePoint>, out: &mut Report) -> Option<Edtf> {
    let held = match &pos.held {
        Some(h) if h.value.is_empty() => {
            let position = pos.index + 1;
            out.push(h.span, Problem::EmptyHeld { position });
            None
        }
        Some(h) => date(h, out),
        None => published.map(Edtf::Date),
    };
    if let (Some(start), Some(published)) = (held.and_then(|h| h.start_day()), published)
        && start > published.last_day()
    {
        let span = pos.held.as_ref().map_or(pos.span, |h| h.span);
        out.push(span, Problem::HeldAfterPublished { start, published });
    }
    held
}

/// The position's party: the one given, or the codebook speaker's at the time it held.
fn party(
    pos: &RawPosition,
    held: Option<Edtf>,
    cb: &Codebook,
    out: &mut Report,
) -> Option<PartyId> {
    let given = pos.party.as_ref().and_then(|p| {
        let found = cb.find_party(p.value);
        if found.is_none() {
            let suggestion = suggest(p.value, cb.party_words());
            out.push(
                p.span,
                Problem::UnknownParty {
                    given: p.value,
                    suggestion,
                },
            );
        }
        found
    });
    match (&pos.speaker, &pos.party, held) {
        (Some(sp), _, Some(held)) if cb.is_speaker(sp.value) => {
            speaker_party(sp, pos.party.as_ref(), given, held, cb, out)
        }
        (Some(sp), None, _) => {
            let suggestion = suggest(sp.value, cb.speakers().iter().map(|s| s.name.as_str()));
            let speaker = sp.value;
            out.push(
                sp.span,
                Problem::UnknownSpeaker {
                    speaker,
                    suggestion,
                },
            );
            given
        }
        (None, None, _) => {
            let position = Position(pos.index);
            out.push(pos.span, Problem::NoParty { position });
            given
        }
        _ => given,
    }
}

/// For a codebook speaker: the party `given` (written at `written`) when the speaker spoke
/// for it at the time, or the one party the speaker spoke for when none is given.
fn speaker_party(
    sp: &Spanned<&str>,
    written: Option<&Spanned<&str>>,
    given: Option<PartyId>,
    held: Edtf,
    cb: &Codebook,
    out: &mut Report,
) -> Option<PartyId> {
    let spoke_for = cb.speaker_parties(sp.value, held.start_day(), held.end_day());
    let names = |ps: &[PartyId]| ps.iter().map(|&p| cb.party(p).name.as_str()).collect();
    let speaker = sp.value;
    match (spoke_for.as_slice(), given, written) {
        (ps, Some(g), Some(p)) if !ps.is_empty() && !ps.contains(&g) => {
            let problem = Problem::SpeakerPartyDisagrees {
                speaker,
                spoke_for: names(ps),
                first_id: &cb.party(ps[0]).id,
                held,
                given: &cb.party(g).name,
                speaker_at: sp.span,
            };
            out.push(p.span, problem);
        }
        ([only], None, None) => return Some(*only),
        (ps, None, None) if ps.len() > 1 => {
            let spoke_for = names(ps);
            out.push(
                sp.span,
                Problem::SpeakerSpokeForSeveral {
                    speaker,
                    spoke_for,
                    held,
                },
            );
        }
        ([], None, None) => {
            let periods = cb.terms(sp.value).map(|t| Period {
                party: &cb.party(t.party).id,
                from: t.from,
                to: t.to,
            });
            let periods = periods.collect();
            out.push(
                sp.span,
                Problem::SpeakerSpokeForNone {
                    speaker,
                    held,
                    periods,
                },
            );
        }
        _ => {}
    }
    given
}
