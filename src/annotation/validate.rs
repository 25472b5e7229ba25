//! Meaning checks: raw annotations become the validated model, or located diagnostics.

use super::raw::{RawArticleFile, RawCodebook, Spanned};
use crate::date::{self, DATE_HELP, DatePoint, Edtf};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::codebook::{Codebook, Color, Party, SpeakerTerm, Stance};
use crate::model::observation::{Article, Basis, Confidence, Observation};
use crate::words::suggest;
use std::collections::HashMap;

/// Colors for stances or parties that give none.
const PALETTE: [Color; 10] = [
    Color(0x1f, 0x77, 0xb4),
    Color(0xff, 0x7f, 0x0e),
    Color(0x2c, 0xa0, 0x2c),
    Color(0xd6, 0x27, 0x28),
    Color(0x94, 0x67, 0xbd),
    Color(0x8c, 0x56, 0x4b),
    Color(0xe3, 0x77, 0xc2),
    Color(0x7f, 0x7f, 0x7f),
    Color(0xbc, 0xbd, 0x22),
    Color(0x17, 0xbe, 0xcf),
];

fn color(
    value: &Option<Spanned<&str>>,
    i: usize,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Color {
    match value {
        None => PALETTE[i % PALETTE.len()],
        Some(c) => Color::parse(c.value).unwrap_or_else(|| {
            diags.push(
                Diagnostic::error(file, c.span, format!("`{}` is not a color", c.value))
                    .with_help("write a color as a quoted hex triple, such as \"#b2182b\""),
            );
            PALETTE[i % PALETTE.len()]
        }),
    }
}

fn parse_date(value: &Spanned<&str>, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Edtf> {
    match date::parse(value.value) {
        Ok(d) => Some(d),
        Err(e) => {
            diags.push(Diagnostic::error(file, value.span, e.message).with_help(DATE_HELP));
            None
        }
    }
}

fn parse_single_date(
    value: &Spanned<&str>,
    field: &str,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<DatePoint> {
    match parse_date(value, file, diags)? {
        Edtf::Date(d) => Some(d),
        Edtf::Interval { .. } => {
            diags.push(
                Diagnostic::error(
                    file,
                    value.span,
                    format!(
                        "`{field}` must be a single date, not the interval `{}`",
                        value.value
                    ),
                )
                .with_help("write one date, such as 2005-07-25 or 2005-07"),
            );
            None
        }
    }
}

fn did_you_mean<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<String> {
    suggest(input, candidates).map(|s| format!("did you mean `{s}`?"))
}

/// Check the codebook and build it. Problems go to `diags`; what is valid is kept.
pub fn codebook(raw: &RawCodebook<'_>, file: &str, diags: &mut Vec<Diagnostic>) -> Codebook {
    let mut stances: Vec<Stance> = Vec::new();
    let mut stance_spans: HashMap<String, Span> = HashMap::new();
    for (i, s) in raw.stances.iter().enumerate() {
        let (Some(id), Some(label)) = (&s.id, &s.label) else {
            continue;
        };
        if let Some(first) = stance_spans.get(&id.value.to_lowercase()) {
            diags.push(
                Diagnostic::error(file, id.span, format!("duplicate stance id `{}`", id.value))
                    .with_related(file, *first, "first defined here")
                    .with_help("give each stance its own id"),
            );
            continue;
        }
        stance_spans.insert(id.value.to_lowercase(), id.span);
        stances.push(Stance {
            id: id.value.to_string(),
            label: label.value.to_string(),
            score: s.score.as_ref().map(|x| x.value),
            color: color(&s.color, i, file, diags),
            description: s.description.as_ref().map(|d| d.value.to_string()),
        });
    }

    let mut parties: Vec<Party> = Vec::new();
    // Every id, name and alias (lowercased): which party, and where it was written.
    let mut words: HashMap<String, (usize, Span, String)> = HashMap::new();
    for (i, p) in raw.parties.iter().enumerate() {
        let (Some(id), Some(name)) = (&p.id, &p.name) else {
            continue;
        };
        if let Some((_, first, _)) = words.get(&id.value.to_lowercase())
            && parties.iter().any(|q| q.id.eq_ignore_ascii_case(id.value))
        {
            diags.push(
                Diagnostic::error(file, id.span, format!("duplicate party id `{}`", id.value))
                    .with_related(file, *first, "first defined here")
                    .with_help("give each party its own id"),
            );
            continue;
        }
        let index = parties.len();
        let mut own: Vec<String> = Vec::new();
        for w in std::iter::once(id)
            .chain(std::iter::once(name))
            .chain(&p.aliases)
        {
            let key = w.value.to_lowercase();
            if own.contains(&key) {
                continue;
            }
            own.push(key.clone());
            match words.get(&key) {
                Some((other, first, other_id)) if *other != index => {
                    diags.push(
                        Diagnostic::error(
                            file,
                            w.span,
                            format!(
                                "`{}` names two parties: `{other_id}` and `{}`",
                                w.value, id.value
                            ),
                        )
                        .with_related(file, *first, format!("already names `{other_id}` here"))
                        .with_help("each id, name and alias must name one party only"),
                    );
                }
                _ => {
                    words.insert(key, (index, w.span, id.value.to_string()));
                }
            }
        }
        parties.push(Party {
            id: id.value.to_string(),
            name: name.value.to_string(),
            aliases: p.aliases.iter().map(|a| a.value.to_string()).collect(),
            color: color(&p.color, i, file, diags),
        });
    }
    let partial = Codebook::new(String::new(), Vec::new(), parties.clone(), Vec::new());
    let mut speakers: Vec<SpeakerTerm> = Vec::new();
    let mut term_spans: Vec<Span> = Vec::new();
    for s in &raw.speakers {
        let (Some(name), Some(party)) = (&s.name, &s.party) else {
            continue;
        };
        let Some(p) = partial.party(party.value) else {
            let mut d = Diagnostic::error(
                file,
                party.span,
                format!("unknown party `{}` for speaker {}", party.value, name.value),
            );
            d.help.push(
                did_you_mean(party.value, partial.party_words())
                    .unwrap_or_else(|| "use the id of a party listed under `parties:`".into()),
            );
            diags.push(d);
            continue;
        };
        let from = s
            .from
            .as_ref()
            .and_then(|f| parse_single_date(f, "from", file, diags));
        let to =
            s.to.as_ref()
                .and_then(|t| parse_single_date(t, "to", file, diags));
        if let (Some(f), Some(t)) = (from, to)
            && t.last_day() < f.first_day()
        {
            diags.push(
                Diagnostic::error(
                    file,
                    s.to.as_ref().map_or(s.span, |t| t.span),
                    format!("speaker {} ends ({t}) before starting ({f})", name.value),
                )
                .with_help("`to` must be on or after `from`"),
            );
            continue;
        }
        let term = SpeakerTerm {
            name: name.value.to_string(),
            party: p,
            role: s.role.as_ref().map(|r| r.value.to_string()),
            from: from.map(|d| d.first_day()),
            to: to.map(|d| d.last_day()),
        };
        for (other, span) in speakers.iter().zip(&term_spans) {
            let overlap = other.name.eq_ignore_ascii_case(&term.name)
                && term.from.is_none_or(|f| other.to.is_none_or(|t| f <= t))
                && other.from.is_none_or(|f| term.to.is_none_or(|t| f <= t));
            if overlap {
                diags.push(
                    Diagnostic::error(
                        file,
                        name.span,
                        format!("the periods of speaker {} overlap", name.value),
                    )
                    .with_related(file, *span, "the other period starts here")
                    .with_help("a speaker speaks for one party at a time: end one period before the next begins"),
                );
            }
        }
        speakers.push(term);
        term_spans.push(name.span);
    }

    Codebook::new(
        raw.question
            .as_ref()
            .map(|q| q.value.to_string())
            .unwrap_or_default(),
        stances,
        parties,
        speakers,
    )
}

/// One article and its observations, validated (`Observation::article` is set by the caller).
pub struct ArticleOut {
    pub article: Article,
    pub observations: Vec<Observation>,
    /// Where each observation's quote was written, for grounding warnings.
    pub quote_spans: Vec<Option<Span>>,
    pub id_span: Span,
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
    let a = raw.article.as_ref();
    let published = a
        .and_then(|a| a.published.as_ref())
        .and_then(|p| parse_single_date(p, "published", file, diags));

    if let (Some(pubd), Some(p)) = (published, a.and_then(|a| a.published.as_ref())) {
        // The date as a file name starts with it: without qualifiers.
        let expected = &DatePoint {
            uncertain: false,
            approximate: false,
            ..pubd
        }
        .to_string();
        let rest = stem.strip_prefix(expected);
        if !rest.is_some_and(|r| r.is_empty() || r.starts_with('-')) {
            let slug = stem.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
            let slug = if slug.is_empty() { "slug" } else { slug };
            diags.push(
                Diagnostic::warning(
                    file,
                    p.span,
                    format!(
                        "the file name `{stem}` does not start with the published date {expected}"
                    ),
                )
                .with_help(format!("name the file `{expected}-{slug}.yaml`")),
            );
        }
    }

    let published_last = published.map(|p| p.last_day());
    let mut observations = Vec::with_capacity(raw.positions.len());
    let mut quote_spans = Vec::with_capacity(raw.positions.len());
    for pos in &raw.positions {
        let index = pos.index;
        // Written only into messages, so made only for them.
        let what = || format!("position {}", index + 1);
        let stance = pos.stance.as_ref().and_then(|s| {
            cb.stance(s.value).or_else(|| {
                let mut d =
                    Diagnostic::error(file, s.span, format!("unknown stance `{}`", s.value));
                d.help.push(
                    did_you_mean(s.value, cb.stances.iter().map(|s| s.id.as_str())).unwrap_or_else(
                        || {
                            let ids: Vec<&str> = cb.stances.iter().map(|s| s.id.as_str()).collect();
                            format!("the codebook's stances are: {}", ids.join(", "))
                        },
                    ),
                );
                diags.push(d);
                None
            })
        });
        let basis = pos.basis.as_ref().and_then(|b| {
            Basis::parse(b.value).or_else(|| {
                let mut d = Diagnostic::error(file, b.span, format!("unknown basis `{}`", b.value));
                d.help.push(
                    did_you_mean(b.value, Basis::ALL.iter().map(|b| b.as_str()))
                        .unwrap_or_else(|| "basis is one of: statement, report, inference".into()),
                );
                diags.push(d);
                None
            })
        });
        let confidence = match &pos.confidence {
            None => Some(Confidence::Medium),
            Some(c) => Confidence::parse(c.value).or_else(|| {
                let mut d =
                    Diagnostic::error(file, c.span, format!("unknown confidence `{}`", c.value));
                d.help.push(
                    did_you_mean(c.value, Confidence::ALL.iter().map(|c| c.as_str()))
                        .unwrap_or_else(|| "confidence is one of: high, medium, low".into()),
                );
                diags.push(d);
                None
            }),
        };
        let held = match &pos.held {
            // Given but empty: not the same as left out, which means `published`.
            Some(h) if h.value.is_empty() => {
                diags.push(
                    Diagnostic::error(file, h.span, format!("`held` in position {} is empty", pos.index + 1))
                        .with_help("write when the position was held, such as 2009-07-27, or leave `held` out to use the article's `published` date"),
                );
                None
            }
            Some(h) => parse_date(h, file, diags),
            None => published.map(Edtf::Date),
        };
        // When the position held, for the speaker's periods; `on 2005-07-25`, `during 2009`
        // in messages.
        let when = held.map(|h| (h.start_day(), h.end_day()));
        if let (Some((Some(start), _)), Some(p), Some(last)) = (when, published, published_last)
            && start > last
        {
            let span = pos.held.as_ref().map_or(pos.span, |h| h.span);
            diags.push(
                Diagnostic::error(
                    file,
                    span,
                    format!("the position is held from {start}, after its article was published ({p})"),
                )
                .with_help("an article can only report positions held by the day it was published; check `held` and `published`"),
            );
        }
        let when_text = |h: Edtf| match (h.start_day(), h.end_day()) {
            (Some(a), Some(b)) if a == b => format!("on {a}"),
            _ => format!("during {h}"),
        };

        // The party: given, or from the codebook's speaker at that time.
        let given = pos.party.as_ref().and_then(|p| {
            cb.party(p.value).or_else(|| {
                let mut d = Diagnostic::error(file, p.span, format!("unknown party `{}`", p.value));
                d.help
                    .push(did_you_mean(p.value, cb.party_words()).unwrap_or_else(|| {
                        "name a party of the codebook by its id, name or alias".into()
                    }));
                diags.push(d);
                None
            })
        });
        let mut party = given;
        match (&pos.speaker, &pos.party) {
            (Some(sp), _) if cb.is_speaker(sp.value) && when.is_some() => {
                let (from, to) = when.expect("checked");
                let when = || held.map(when_text).unwrap_or_default();
                let spoke_for = cb.speaker_parties(sp.value, from, to);
                let names = |ps: &[usize]| {
                    ps.iter()
                        .map(|&p| cb.parties[p].name.as_str())
                        .collect::<Vec<_>>()
                        .join(" and ")
                };
                match (spoke_for.as_slice(), given, &pos.party) {
                    (ps, Some(g), Some(p)) if !ps.is_empty() && !ps.contains(&g) => diags.push(
                        Diagnostic::error(
                            file,
                            p.span,
                            format!(
                                "{} spoke for {} {}, not {}",
                                sp.value,
                                names(ps),
                                when(),
                                cb.parties[g].name
                            ),
                        )
                        .with_related(file, sp.span, "speaker given here")
                        .with_help(format!(
                            "write `party: {}` or leave `party` out, or correct the speaker's period in the codebook",
                            cb.parties[ps[0]].id
                        )),
                    ),
                    ([s], None, None) => party = Some(*s),
                    (ps, None, None) if ps.len() > 1 => diags.push(
                        Diagnostic::error(
                            file,
                            sp.span,
                            format!("{} spoke for {} {}", sp.value, names(ps), when()),
                        )
                        .with_help("add `party:` to say for whom, or narrow `held`"),
                    ),
                    ([], None, None) => {
                        let terms: Vec<String> = cb
                            .terms(sp.value)
                            .map(|t| {
                                format!(
                                    "{} from {} to {}",
                                    cb.parties[t.party].id,
                                    t.from.map_or("..".into(), |d| d.to_string()),
                                    t.to.map_or("..".into(), |d| d.to_string())
                                )
                            })
                            .collect();
                        diags.push(
                            Diagnostic::error(
                                file,
                                sp.span,
                                format!("{} spoke for no party {} in the codebook", sp.value, when()),
                            )
                            .with_note(format!("the codebook has: {}", terms.join("; ")))
                            .with_help("add `party:` to the position, or extend the speaker's period in the codebook"),
                        );
                    }
                    _ => {}
                }
            }
            (Some(sp), None) => {
                let mut d = Diagnostic::error(
                    file,
                    sp.span,
                    format!(
                        "unknown speaker `{}`, and the position names no party",
                        sp.value
                    ),
                );
                if let Some(s) = did_you_mean(sp.value, cb.speakers.iter().map(|s| s.name.as_str()))
                {
                    d.help.push(s);
                }
                d.help
                    .push("a speaker not in the codebook needs `party:`".into());
                diags.push(d);
            }
            (None, None) => diags.push(
                Diagnostic::error(file, pos.span, format!("{} names no party", what())).with_help(
                    "add `party:` (an id, name or alias), or a `speaker:` from the codebook",
                ),
            ),
            _ => {}
        }

        if pos.quote.is_none() {
            diags.push(
                Diagnostic::warning(file, pos.span, format!("{} has no quote", what()))
                    .with_help("add `quote:` with the words of the article that carry the stance"),
            );
        }

        if let (
            Some(party),
            Some(stance),
            Some(basis),
            Some(confidence),
            Some(held),
            Some((start, end)),
        ) = (party, stance, basis, confidence, held, when)
        {
            observations.push(Observation {
                party,
                stance,
                held,
                start,
                end,
                speaker: pos.speaker.as_ref().map(|s| s.value.into()),
                basis,
                confidence,
                quote: pos.quote.as_ref().map(|q| q.value.into()),
                conditions: pos.conditions.as_ref().map(|c| c.value.into()),
                note: pos.note.as_ref().map(|n| n.value.into()),
                article: 0,
                index,
                span: pos.span,
            });
            quote_spans.push(pos.quote.as_ref().map(|q| q.span));
        }
    }

    let a = a?;
    let (Some(title), Some(outlet), Some(published)) = (&a.title, &a.outlet, published) else {
        return None;
    };
    let id =
        a.id.as_ref()
            .map_or(stem.to_string(), |i| i.value.to_string());
    Some(ArticleOut {
        article: Article {
            id,
            title: title.value.to_string(),
            outlet: outlet.value.to_string(),
            author: a.author.as_ref().map(|x| x.value.to_string()),
            published,
            url: a.url.as_ref().map(|x| x.value.to_string()),
            source: a.source.as_ref().map(|x| x.value.to_string()),
            file: file.to_string(),
        },
        observations,
        quote_spans,
        id_span: a.id.as_ref().map_or(a.span, |i| i.span),
    })
}
