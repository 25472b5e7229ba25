//! Generate a large, seeded, valid and varied annotation corpus, optionally with planted errors,
//! for benchmarks and stress tests of `stanceline`.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --articles 20000 --out /tmp/corpus \
//!     [--seed N] [--positions 5] [--broken N] [--codebook PATH]
//! ```
//!
//! Writes `OUT/codebook.yaml` (the shipped codebook, or `--codebook PATH`) and one
//! `OUT/articles/<published>-<slug>-<NNNNN>.yaml` per article. The same arguments give
//! byte-identical output. The parties, stances and speakers come from the codebook (read with
//! the crate's own loader), so any valid codebook works. Every file is valid except the
//! `--broken N` ones, spread evenly through the file order, each with one to three planted
//! errors. Conflicting and corroborating positions are generated on purpose, so `check` warns
//! about conflicts.

use stanceline::annotation::load::{LoadOptions, load};
use stanceline::diagnostic::Severity;
use stanceline::model::codebook::Codebook;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const SHIPPED_CODEBOOK: &str = include_str!("../annotations/codebook.yaml");

const USAGE: &str = "usage: gen-corpus --articles N --out DIR [--seed N] [--positions N] [--broken N] [--codebook PATH]

  --articles N       number of article files to write (required)
  --out DIR          output directory; DIR/articles must not exist or be empty (required)
  --seed N           PRNG seed (default 1); the same arguments give byte-identical output
  --positions N      positions per article (default 5)
  --broken N         plant errors in N files, spread evenly through the file order (default 0)
  --codebook PATH    codebook to copy and generate against (default: the shipped one)";

// ---------------------------------------------------------------------------------------------
// Arguments

pub struct Args {
    pub articles: usize,
    pub out: PathBuf,
    pub seed: u64,
    pub positions: usize,
    pub broken: usize,
    pub codebook: Option<PathBuf>,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut articles = None;
    let mut out = None;
    let mut seed = 1u64;
    let mut positions = 5usize;
    let mut broken = 0usize;
    let mut codebook = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("`{flag}` needs a value"))
        };
        let number = |v: String| -> Result<u64, String> {
            v.parse::<u64>()
                .map_err(|_| format!("`{flag}` needs a whole number, not `{v}`"))
        };
        match flag.as_str() {
            "--articles" => articles = Some(number(value()?)? as usize),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => seed = number(value()?)?,
            "--positions" => positions = number(value()?)? as usize,
            "--broken" => broken = number(value()?)? as usize,
            "--codebook" => codebook = Some(PathBuf::from(value()?)),
            _ => return Err(format!("unknown argument `{arg}`")),
        }
    }
    let articles = articles.ok_or("`--articles N` is required")?;
    let out = out.ok_or("`--out DIR` is required")?;
    if broken > articles {
        return Err(format!(
            "`--broken {broken}` is more than `--articles {articles}`"
        ));
    }
    Ok(Some(Args {
        articles,
        out,
        seed,
        positions,
        broken,
        codebook,
    }))
}

// ---------------------------------------------------------------------------------------------
// SplitMix64

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut r = Rng(seed);
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in `0..n` as an index.
    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1).max(1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    fn pct(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut r = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar: days since 1970-01-01 (proleptic Gregorian, Howard Hinnant's algorithms)

type Day = i64;

fn day_of(y: i64, m: i64, d: i64) -> Day {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

fn ymd(z: Day) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// `YYYY-MM-DD` as written by chrono's `NaiveDate` display.
fn parse_iso(s: &str) -> Option<Day> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    Some(day_of(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

#[derive(Clone, Copy, PartialEq)]
enum Prec {
    Year,
    Month,
    Day,
}

fn first_of(day: Day, p: Prec) -> Day {
    let (y, m, _) = ymd(day);
    match p {
        Prec::Day => day,
        Prec::Month => day_of(y, m, 1),
        Prec::Year => day_of(y, 1, 1),
    }
}

fn last_of(day: Day, p: Prec) -> Day {
    let (y, m, _) = ymd(day);
    match p {
        Prec::Day => day,
        Prec::Month if m == 12 => day_of(y + 1, 1, 1) - 1,
        Prec::Month => day_of(y, m + 1, 1) - 1,
        Prec::Year => day_of(y + 1, 1, 1) - 1,
    }
}

/// The date `day` written at precision `p`, followed by qualifier `q` (`""`, `?`, `~`, `%`).
fn write_point(out: &mut String, day: Day, p: Prec, q: &str) {
    let (y, m, d) = ymd(day);
    let _ = match p {
        Prec::Year => write!(out, "{y:04}{q}"),
        Prec::Month => write!(out, "{y:04}-{m:02}{q}"),
        Prec::Day => write!(out, "{y:04}-{m:02}-{d:02}{q}"),
    };
}

fn point(day: Day, p: Prec, q: &str) -> String {
    let mut s = String::with_capacity(12);
    write_point(&mut s, day, p, q);
    s
}

// ---------------------------------------------------------------------------------------------
// YAML scalars

/// A double-quoted YAML scalar.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Plain when that reads back as the same string in any YAML parser (1.1 or 1.2), else quoted.
fn scalar(s: &str) -> String {
    let plain = s.chars().next().is_some_and(|c| c.is_alphabetic())
        && !s.ends_with(' ')
        && s.chars()
            .all(|c| c.is_alphanumeric() || " .-'()/".contains(c))
        && !matches!(
            s.to_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "true" | "false" | "on" | "off" | "null"
        );
    if plain { s.to_string() } else { quoted(s) }
}

// ---------------------------------------------------------------------------------------------
// The codebook, as the generator needs it

struct Speaker {
    name: String,
    party: usize,
    from: Option<Day>,
    to: Option<Day>,
}

impl Speaker {
    fn covers(&self, day: Day) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }
}

struct Book {
    party_ids: Vec<String>,
    party_names: Vec<String>,
    party_aliases: Vec<Vec<String>>,
    stance_ids: Vec<String>,
    /// Scored stances, lowest score first.
    scale: Vec<usize>,
    /// Stances without a score.
    off_axis: Vec<usize>,
    speakers: Vec<Speaker>,
    /// Every id, name and alias of a party, and every stance id, lowercased: typos must miss.
    words: Vec<String>,
}

impl Book {
    fn new(cb: &Codebook) -> Book {
        let mut scale: Vec<usize> = (0..cb.stances().len())
            .filter(|&i| cb.stances()[i].score.is_some())
            .collect();
        scale.sort_by(|&a, &b| {
            let (x, y) = (cb.stances()[a].score, cb.stances()[b].score);
            x.unwrap_or(0.0)
                .total_cmp(&y.unwrap_or(0.0))
                .then(a.cmp(&b))
        });
        let mut words: Vec<String> = Vec::new();
        for p in cb.parties() {
            words.push(p.id.to_lowercase());
            words.push(p.name.to_lowercase());
            words.extend(p.aliases.iter().map(|a| a.to_lowercase()));
        }
        words.extend(cb.stances().iter().map(|s| s.id.to_lowercase()));
        Book {
            party_ids: cb.parties().iter().map(|p| p.id.clone()).collect(),
            party_names: cb.parties().iter().map(|p| p.name.clone()).collect(),
            party_aliases: cb.parties().iter().map(|p| p.aliases.clone()).collect(),
            stance_ids: cb.stances().iter().map(|s| s.id.clone()).collect(),
            scale,
            off_axis: (0..cb.stances().len())
                .filter(|&i| cb.stances()[i].score.is_none())
                .collect(),
            speakers: cb
                .speakers()
                .iter()
                .map(|s| Speaker {
                    name: s.name.clone(),
                    party: s.party.index(),
                    from: s.from.and_then(|d| parse_iso(&d.to_string())),
                    to: s.to.and_then(|d| parse_iso(&d.to_string())),
                })
                .collect(),
            words,
        }
    }

    /// The party a named speaker spoke for on `day` (terms of one name never overlap).
    fn speaker_party_at(&self, name: &str, day: Day) -> Option<usize> {
        self.speakers
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name) && s.covers(day))
            .map(|s| s.party)
    }

    fn is_speaker(&self, name: &str) -> bool {
        self.speakers
            .iter()
            .any(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// A misspelling of `word` (two neighbouring letters swapped) that names nothing.
    fn typo(&self, word: &str, rng: &mut Rng) -> String {
        let chars: Vec<char> = word.chars().collect();
        for _ in 0..20 {
            if chars.len() < 2 {
                break;
            }
            let i = rng.index(chars.len() - 1);
            if chars[i] == chars[i + 1] {
                continue;
            }
            let mut c = chars.clone();
            c.swap(i, i + 1);
            let s: String = c.into_iter().collect();
            if !self.words.contains(&s.to_lowercase()) {
                return s;
            }
        }
        format!("{word}-x")
    }
}

// ---------------------------------------------------------------------------------------------
// Text

const OUTLETS: &[&str] = &[
    "Foreign Policy",
    "Foreign Policy (The Cable)",
    "Yonhap",
    "The Korea Herald",
    "The Asahi Shimbun",
    "Xinhua",
    "Reuters",
    "Associated Press",
    "The Diplomat",
    "NK News",
    "The New York Times",
    "The Washington Post",
    "Kyodo News",
    "RIA Novosti",
    "The Chosun Ilbo",
    "JoongAng Daily",
];

const AUTHORS: &[&str] = &[
    "Daniel W. Drezner",
    "Brian Fung",
    "Josh Rogin",
    "Park Ji-hoon",
    "Li Wei",
    "Yuki Tanaka",
    "Elena Petrova",
    "Kathleen O'Brien",
    "Søren Lindqvist",
    "Choe Sang-Hun",
    "Mariana Alves",
    "Tomás Ruiz",
    "Staff reporter",
    "Nguyễn Văn An",
    "J. R. Whitfield",
    "Hannah Kim",
];

const ANNOTATORS: &[&str] = &["A. N. Analyst", "B. Coder", "C. D. Reviewer", "gen-corpus"];

const CITIES: &[&str] = &[
    "Beijing",
    "Seoul",
    "Tokyo",
    "Moscow",
    "Washington",
    "Pyongyang",
    "Geneva",
    "Singapore",
    "New York",
];

const TITLE_VERBS: &[&str] = &[
    "rejects",
    "backs",
    "signals openness to",
    "calls for",
    "walks away from",
    "weighs",
    "dismisses",
    "revives",
    "rules out",
    "returns to",
];

const TOPICS: &[&str] = &[
    "six-party talks",
    "direct talks",
    "bilateral contact",
    "a return to the table",
    "the multilateral format",
    "a new round of negotiations",
    "the envoy's visit",
    "the nuclear deal",
];

const CONDITIONS: &[&str] = &[
    "{other} first returns to the six-party talks",
    "consultations, not negotiations",
    "sanctions are eased first",
    "the September 2005 joint statement is honored",
    "talks stay coordinated with {other}",
    "a freeze of the Yongbyon reactor comes first",
    "only on the sidelines of a multilateral round",
];

const NOTES: &[&str] = &[
    "Paraphrased, not quoted, by the article.",
    "The start is the annotator's estimate.",
    "The article gives no view on format; inferred from attendance.",
    "Reported second-hand; the article does not name its source.",
    "See the follow-up coverage the next week.",
];

const FREE_SPEAKERS: &[&str] = &[
    "a Foreign Ministry spokesman",
    "an unnamed senior official",
    "{party}'s chief negotiator",
    "{party}'s top U.N. diplomat",
    "a deputy delegation head",
    "state media",
    "a government spokeswoman",
];

fn phrases(stance: &str) -> &'static [&'static str] {
    match stance {
        "bilateral-only" => &[
            "returns only if the six-party format is dropped",
            "has nothing more to discuss in the six-party talks",
            "wants to deal with Washington alone",
            "called the six-party process \"dead\"",
            "demanded direct talks and nothing else",
        ],
        "bilateral-preferred" => &[
            "wants more bilateral contact",
            "prefers direct talks but will sit at the table",
            "pressed for a one-on-one meeting on the sidelines",
            "wants bilateral channels to carry the real negotiation",
        ],
        "bilateral-within-six-party" => &[
            "is ready for direct talks within the six-party framework",
            "said bilateral talks are fine before a round",
            "will talk directly only at a round",
            "accepts one-on-one contact in the process",
        ],
        "six-party-preferred" => &[
            "backs the six-party talks as the venue that matters",
            "wants bilateral contact coordinated",
            "urged a quick resumption of the six-party talks",
            "sees the multilateral format as the path",
        ],
        "six-party-only" => &[
            "will only talk at multilateral talks",
            "refuses direct negotiations outside it",
            "insisted the talks stay multilateral",
            "ruled out a separate bilateral track",
        ],
        "disengaged" => &[
            "walked out of the talks",
            "refuses negotiations in any format",
            "suspended its participation indefinitely",
            "said there is \"nothing to talk about\"",
        ],
        _ => &[
            "holds the position the annotator coded as {stance}",
            "made its position ({stance}) clear",
        ],
    }
}

fn slug_of(title: &str) -> String {
    let mut slug = String::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(7)
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    if slug.is_empty() {
        slug.push_str("article");
    }
    slug
}

// ---------------------------------------------------------------------------------------------
// Articles and positions

/// What is known of an article before its positions are made.
struct Meta {
    /// The publication day (a month-precision article was published some day of its month).
    day: Day,
    month_only: bool,
    title: String,
    name: String,
}

impl Meta {
    fn published(&self) -> String {
        point(
            self.day,
            if self.month_only {
                Prec::Month
            } else {
                Prec::Day
            },
            "",
        )
    }

    /// The last day the article may report (`held` may not start later).
    fn last_day(&self) -> Day {
        if self.month_only {
            last_of(self.day, Prec::Month)
        } else {
            self.day
        }
    }
}

/// A position already written, for corroborating or contradicting it later.
#[derive(Clone)]
struct Memo {
    party: usize,
    held: String,
    start: Option<Day>,
    /// The day its speaker (if any) must be in office: the start, or the end of an open start.
    speaker_day: Day,
    stance: usize,
    /// Held over a closed interval or open start: never contradicted.
    pinned: bool,
}

/// A field value as written after `key: `.
enum Val {
    Inline(String),
    /// A folded block scalar (`>-`), one entry per line.
    Folded(Vec<String>),
}

type Fields = Vec<(String, Val)>;

fn set(fields: &mut Fields, key: &str, value: String) {
    match fields.iter_mut().find(|(k, _)| k == key) {
        Some(f) => f.1 = Val::Inline(value),
        None => {
            let at = fields.iter().position(|(k, _)| k == "stance").unwrap_or(0);
            fields.insert(at, (key.to_string(), Val::Inline(value)));
        }
    }
}

fn remove(fields: &mut Fields, key: &str) {
    fields.retain(|(k, _)| k != key);
}

fn rename(fields: &mut Fields, key: &str, new: &str) {
    if let Some(f) = fields.iter_mut().find(|(k, _)| k == key) {
        f.0 = new.to_string();
    }
}

#[derive(Clone, Copy, Debug)]
enum Breakage {
    UnknownParty,
    UnknownStance,
    BadDate,
    EndBeforeStart,
    UnknownField,
    MissingBasis,
    MalformedYaml,
    HeldAfterPublished,
    WrongType,
    SpeakerPartyMismatch,
}

const BREAKAGES: [Breakage; 10] = [
    Breakage::UnknownParty,
    Breakage::UnknownStance,
    Breakage::BadDate,
    Breakage::EndBeforeStart,
    Breakage::UnknownField,
    Breakage::MissingBasis,
    Breakage::MalformedYaml,
    Breakage::HeldAfterPublished,
    Breakage::WrongType,
    Breakage::SpeakerPartyMismatch,
];

struct Gen<'a> {
    book: &'a Book,
    rng: Rng,
    /// Each party's "true" stance history: (first day, stance), ascending.
    truth: Vec<Vec<(Day, usize)>>,
    memory: Vec<Memo>,
    party_weights: Vec<u64>,
}

impl<'a> Gen<'a> {
    fn new(book: &'a Book, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let n = book.party_ids.len();
        let mut truth = Vec::with_capacity(n);
        for _ in 0..n {
            let mut line = Vec::new();
            // The first period runs from before any article into 2000 or 2001.
            let mut day = day_of(1990, 1, 1);
            let mut at = rng.index(book.scale.len().max(1));
            while day < day_of(2014, 1, 1) {
                let stance = if book.scale.is_empty() || (!book.off_axis.is_empty() && rng.pct(10))
                {
                    *rng.pick(&book.off_axis)
                } else {
                    // A random walk along the scale, reflected at its ends.
                    let (n, step) = (book.scale.len() as i64, rng.range(-1, 1));
                    let next = at as i64 + step;
                    let next = if (0..n).contains(&next) {
                        next
                    } else {
                        at as i64 - step
                    };
                    at = next.clamp(0, n - 1) as usize;
                    book.scale[at]
                };
                line.push((day, stance));
                day = if line.len() == 1 {
                    day_of(2000, 1, 1) + rng.range(0, 700)
                } else {
                    day + rng.range(60, 660)
                };
            }
            truth.push(line);
        }
        let party_weights = (0..n).map(|i| [4, 4, 3, 2][i.min(3)]).collect();
        Gen {
            book,
            rng,
            truth,
            memory: Vec::new(),
            party_weights,
        }
    }

    fn true_stance(&self, party: usize, day: Day) -> usize {
        let line = &self.truth[party];
        let i = line.partition_point(|&(d, _)| d <= day);
        line[i.saturating_sub(1)].1
    }

    /// A way of writing a party: id, name, alias, or a case variant.
    fn party_ref(&mut self, p: usize) -> String {
        let b = self.book;
        let r = self.rng.below(100);
        let s = if r < 55 {
            b.party_ids[p].clone()
        } else if r < 75 {
            b.party_names[p].clone()
        } else if r < 95 && !b.party_aliases[p].is_empty() {
            self.rng.pick(&b.party_aliases[p]).clone()
        } else if self.rng.pct(50) {
            b.party_names[p].to_uppercase()
        } else {
            b.party_ids[p].to_lowercase()
        };
        scalar(&s)
    }

    fn subject(&mut self, p: usize) -> String {
        let b = self.book;
        match self.rng.below(4) {
            0 if !b.party_aliases[p].is_empty() => self.rng.pick(&b.party_aliases[p]).clone(),
            1 => format!("officials in {}", self.rng.pick(CITIES)),
            _ => b.party_names[p].clone(),
        }
    }

    fn other_party(&mut self, p: usize) -> usize {
        let n = self.book.party_ids.len();
        if n < 2 {
            return p;
        }
        (p + 1 + self.rng.index(n - 1)) % n
    }

    fn quote(&mut self, p: usize, stance: usize) -> String {
        let id = &self.book.stance_ids[stance];
        let phrase = self.rng.pick(phrases(id)).replace("{stance}", id);
        let subject = self.subject(p);
        // Mostly the bare phrase, as an annotator clips a quote to the words that carry the
        // stance; some with a subject, dashes, typographic quotes or a backslash.
        let mut q = match self.rng.below(10) {
            0..=4 => phrase,
            5 => format!("\u{2014} {phrase} \u{2014}"),
            6 => format!("\u{201c}{phrase}\u{201d}"),
            7 => format!("officials said {subject} {phrase}"),
            _ => format!("{subject} {phrase}"),
        };
        match self.rng.below(20) {
            0 => {
                let _ = write!(q, ", diplomats in {} said", self.rng.pick(CITIES));
            }
            1 => q.push_str(" (talks \\ negotiations)"),
            _ => {}
        }
        q
    }

    /// The truth period of `party` around `day`: (first day, last day).
    fn period(&self, party: usize, day: Day) -> (Day, Day) {
        let line = &self.truth[party];
        let i = line.partition_point(|&(d, _)| d <= day).max(1);
        let last = line.get(i).map_or(Day::MAX / 2, |&(d, _)| d - 1);
        (line[i - 1].0, last)
    }

    /// A `held` value for a position of `party` in an article published on `meta`: (written,
    /// start, speaker day, pinned). Intervals with a written end are pinned inside one period
    /// of the party's truth (they hold for their whole length, so noise there would make long
    /// conflicts); an open start ends within the first period.
    fn held(&mut self, meta: &Meta, party: usize) -> (Option<String>, Option<Day>, Day, bool) {
        let pd = meta.day;
        let recent = |rng: &mut Rng| {
            if rng.pct(25) {
                pd - rng.range(0, 365)
            } else {
                pd - rng.range(0, 20)
            }
        };
        let prec = |rng: &mut Rng| [Prec::Day, Prec::Month, Prec::Year][rng.weighted(&[5, 4, 1])];
        let qual = |rng: &mut Rng| *rng.pick(&["?", "~", "%"]);
        match self.rng.weighted(&[6, 34, 10, 4, 12, 16, 12, 6]) {
            0 => {
                // Left out: defaults to `published`.
                let p = if meta.month_only {
                    Prec::Month
                } else {
                    Prec::Day
                };
                let start = first_of(pd, p);
                (None, Some(start), start, false)
            }
            form @ 1..=4 => {
                let rng = &mut self.rng;
                let d = recent(rng);
                let (p, q) = match form {
                    1 => (Prec::Day, ""),
                    2 => (Prec::Month, ""),
                    3 => (Prec::Year, ""),
                    _ => (prec(rng), qual(rng)),
                };
                let start = first_of(d, p);
                (Some(point(d, p, q)), Some(start), start, false)
            }
            5 => {
                // Closed interval ending by the publication day, inside one truth period.
                let e = recent(&mut self.rng);
                let (lo, hi) = self.period(party, e);
                let rng = &mut self.rng;
                let s = (e - rng.range(30, 1500)).max(lo);
                let ps = Some(prec(rng)).filter(|&p| first_of(s, p) >= lo);
                let pe = Some(prec(rng)).filter(|&p| last_of(e, p) <= hi);
                let (ps, pe) = (ps.unwrap_or(Prec::Day), pe.unwrap_or(Prec::Day));
                let qs = if rng.pct(15) { qual(rng) } else { "" };
                let qe = if rng.pct(15) { qual(rng) } else { "" };
                let start = first_of(s, ps);
                let text = format!("{}/{}", point(s, ps, qs), point(e, pe, qe));
                (Some(text), Some(start), start, true)
            }
            6 => {
                let rng = &mut self.rng;
                let s = pd - rng.range(0, 900);
                let p = prec(rng);
                let q = if rng.pct(15) { qual(rng) } else { "" };
                let start = first_of(s, p);
                (
                    Some(format!("{}/..", point(s, p, q))),
                    Some(start),
                    start,
                    false,
                )
            }
            _ => {
                // Open start: ends before the party's first change of stance.
                let first_change = self.truth[party].get(1).map_or(pd, |&(d, _)| d);
                let rng = &mut self.rng;
                let e = (first_change - 1 - rng.range(0, 400)).min(pd);
                let p = if rng.pct(70) || last_of(e, Prec::Month) >= first_change {
                    Prec::Day
                } else {
                    Prec::Month
                };
                (
                    Some(format!("../{}", point(e, p, ""))),
                    None,
                    last_of(e, p),
                    true,
                )
            }
        }
    }

    /// One valid position of an article.
    fn position(&mut self, meta: &Meta) -> (Fields, Memo) {
        let b = self.book;
        let copy = if !self.memory.is_empty() && self.rng.pct(12) {
            Some(self.memory[self.rng.index(self.memory.len())].clone())
        } else {
            None
        };
        let (party, held, start, speaker_day, stance, pinned) = match copy {
            Some(m) => {
                // Corroborate (same stance) or contradict an earlier article.
                let stance = if m.pinned || self.rng.pct(85) {
                    m.stance
                } else {
                    self.rng.index(b.stance_ids.len())
                };
                (
                    m.party,
                    Some(m.held),
                    m.start,
                    m.speaker_day,
                    stance,
                    m.pinned,
                )
            }
            None => {
                // Mostly the party's true stance; some noise makes conflicts.
                let party = self.rng.weighted(&self.party_weights);
                let (held, start, speaker_day, pinned) = self.held(meta, party);
                let stance = if pinned || self.rng.pct(96) {
                    self.true_stance(party, speaker_day)
                } else {
                    self.rng.index(b.stance_ids.len())
                };
                (party, held, start, speaker_day, stance, pinned)
            }
        };

        let mut f: Fields = Vec::with_capacity(9);
        // Who: a codebook speaker in office, a free-text speaker, or the party alone.
        let r = self.rng.below(100);
        let in_office: Vec<usize> = (0..b.speakers.len())
            .filter(|&i| b.speakers[i].party == party && b.speakers[i].covers(speaker_day))
            .collect();
        let out_of_office: Vec<usize> = (0..b.speakers.len())
            .filter(|&i| {
                b.speakers[i].party == party
                    && b.speaker_party_at(&b.speakers[i].name, speaker_day)
                        .is_none()
            })
            .collect();
        let mut has_speaker = false;
        let mut needs_party = true;
        if r < 35 {
            if let Some(&i) = in_office.get(self.rng.index(in_office.len().max(1))) {
                let name = &b.speakers[i].name;
                let name = if self.rng.pct(3) {
                    name.to_lowercase()
                } else {
                    name.clone()
                };
                f.push(("speaker".into(), Val::Inline(scalar(&name))));
                has_speaker = true;
                needs_party = self.rng.pct(40);
            }
        } else if r < 37 {
            // Out of office at that date: allowed with the speaker's own party given.
            if let Some(&i) = out_of_office.get(self.rng.index(out_of_office.len().max(1))) {
                f.push(("speaker".into(), Val::Inline(scalar(&b.speakers[i].name))));
                has_speaker = true;
            }
        } else if r < 52 {
            let name = self
                .rng
                .pick(FREE_SPEAKERS)
                .replace("{party}", &b.party_names[party]);
            if !b.is_speaker(&name) {
                f.push(("speaker".into(), Val::Inline(scalar(&name))));
                has_speaker = true;
            }
        }
        if needs_party {
            let p = self.party_ref(party);
            f.push(("party".into(), Val::Inline(p)));
        }
        let stance_text = if self.rng.pct(3) {
            b.stance_ids[stance].to_uppercase()
        } else {
            b.stance_ids[stance].clone()
        };
        f.push(("stance".into(), Val::Inline(scalar(&stance_text))));
        if let Some(h) = &held {
            f.push(("held".into(), Val::Inline(quoted(h))));
        }
        let basis = if has_speaker {
            ["statement", "report", "inference"][self.rng.weighted(&[60, 35, 5])]
        } else {
            ["statement", "report", "inference"][self.rng.weighted(&[15, 55, 30])]
        };
        f.push(("basis".into(), Val::Inline(basis.into())));
        let q = self.quote(party, stance);
        f.push(("quote".into(), Val::Inline(quoted(&q))));
        if self.rng.pct(8) {
            let other = self.other_party(party);
            let c = self
                .rng
                .pick(CONDITIONS)
                .replace("{other}", &b.party_names[other]);
            f.push(("conditions".into(), Val::Inline(quoted(&c))));
        }
        if self.rng.pct(35) {
            let c = ["high", "medium", "low"][self.rng.index(3)];
            f.push(("confidence".into(), Val::Inline(c.into())));
        }
        if self.rng.pct(5) {
            let n = *self.rng.pick(NOTES);
            let v = if self.rng.pct(30) {
                let other = *self.rng.pick(NOTES);
                Val::Folded(vec![n.to_string(), other.to_string()])
            } else {
                Val::Inline(quoted(n))
            };
            f.push(("note".into(), v));
        }
        let memo = Memo {
            party,
            held: held.unwrap_or_else(|| meta.published()),
            start,
            speaker_day,
            stance,
            pinned,
        };
        (f, memo)
    }

    /// Plant one error in a position (or in the article, for malformed YAML). Returns false
    /// when it cannot be planted here.
    fn plant(&mut self, kind: Breakage, meta: &Meta, f: &mut Fields, art: &mut Fields) -> bool {
        let b = self.book;
        let pd = meta.day;
        match kind {
            Breakage::UnknownParty => {
                let p = self.rng.index(b.party_ids.len());
                let typo = b.typo(&b.party_ids[p], &mut self.rng);
                remove(f, "speaker");
                set(f, "party", scalar(&typo));
            }
            Breakage::UnknownStance => {
                let s = self.rng.index(b.stance_ids.len());
                let typo = b.typo(&b.stance_ids[s], &mut self.rng);
                set(f, "stance", scalar(&typo));
            }
            Breakage::BadDate => {
                let (y, _, _) = ymd(pd - 400);
                let bad = match self.rng.below(4) {
                    0 => format!("{y}-13"),
                    1 => format!("{y}-02-30"),
                    2 => format!("{y}-04-31/.."),
                    _ => format!("{y}-00"),
                };
                set(f, "held", quoted(&bad));
            }
            Breakage::EndBeforeStart => {
                let s = pd - self.rng.range(10, 400);
                let e = s - self.rng.range(62, 400);
                let text = format!("{}/{}", point(s, Prec::Day, ""), point(e, Prec::Month, ""));
                set(f, "held", quoted(&text));
            }
            Breakage::UnknownField => {
                let (from, to) =
                    *self
                        .rng
                        .pick(&[("stance", "stnace"), ("basis", "basi"), ("quote", "qoute")]);
                rename(f, from, to);
            }
            Breakage::MissingBasis => remove(f, "basis"),
            Breakage::MalformedYaml => {
                remove(art, "note");
                art.push(("note".into(), Val::Inline("[unclosed, list".into())));
            }
            Breakage::HeldAfterPublished => {
                let d = meta.last_day() + self.rng.range(1, 400);
                set(f, "held", quoted(&point(d, Prec::Day, "")));
            }
            Breakage::WrongType => match self.rng.below(3) {
                0 => set(f, "stance", "[x]".into()),
                1 => set(f, "basis", "[statement, report]".into()),
                _ => set(f, "quote", "{text: nested}".into()),
            },
            Breakage::SpeakerPartyMismatch => {
                // A codebook speaker in office on a day by publication, with another party.
                let lo = pd - 3000;
                let candidates: Vec<(usize, Day, Day)> = (0..b.speakers.len())
                    .filter_map(|i| {
                        let s = &b.speakers[i];
                        let from = s.from.unwrap_or(lo).max(lo);
                        let to = s.to.unwrap_or(pd).min(pd);
                        (from <= to).then_some((i, from, to))
                    })
                    .collect();
                if candidates.is_empty() || b.party_ids.len() < 2 {
                    return false;
                }
                let (i, from, to) = *self.rng.pick(&candidates);
                let day = self.rng.range(from, to);
                let other = self.other_party(b.speakers[i].party);
                remove(f, "speaker");
                remove(f, "party");
                f.insert(
                    0,
                    ("speaker".into(), Val::Inline(scalar(&b.speakers[i].name))),
                );
                f.insert(1, ("party".into(), Val::Inline(b.party_ids[other].clone())));
                set(f, "held", quoted(&point(day, Prec::Day, "")));
            }
        }
        true
    }

    /// One article file, into `out`.
    fn article(&mut self, i: usize, meta: &Meta, positions: usize, broken: bool, out: &mut String) {
        let mut art: Fields = Vec::with_capacity(9);
        if self.rng.pct(15) {
            art.push(("id".into(), Val::Inline(format!("art-{i:05}"))));
        }
        art.push(("title".into(), Val::Inline(quoted(&meta.title))));
        let outlet = *self.rng.pick(OUTLETS);
        art.push(("outlet".into(), Val::Inline(scalar(outlet))));
        if self.rng.pct(60) {
            let a = *self.rng.pick(AUTHORS);
            art.push(("author".into(), Val::Inline(scalar(a))));
        }
        let published = meta.published();
        let published = if self.rng.pct(10) {
            quoted(&published)
        } else {
            published
        };
        art.push(("published".into(), Val::Inline(published)));
        if self.rng.pct(25) {
            let (y, m, d) = ymd(meta.day);
            let url = format!(
                "https://news.example.org/{y:04}/{m:02}/{d:02}/{}-{i}/",
                slug_of(&meta.title)
            );
            art.push(("url".into(), Val::Inline(url)));
        }
        if self.rng.pct(20) {
            let a = *self.rng.pick(ANNOTATORS);
            art.push(("annotator".into(), Val::Inline(scalar(a))));
        }
        if self.rng.pct(10) {
            let n = *self.rng.pick(NOTES);
            art.push((
                "note".into(),
                Val::Folded(vec![n.into(), "Generated by gen-corpus.".into()]),
            ));
        }

        let mut ps: Vec<Fields> = Vec::with_capacity(positions);
        let mut memos = Vec::with_capacity(positions);
        for _ in 0..positions {
            let (f, memo) = self.position(meta);
            ps.push(f);
            memos.push(memo);
        }

        if broken {
            let mut kinds = BREAKAGES;
            for k in (1..kinds.len()).rev() {
                kinds.swap(k, self.rng.index(k + 1));
            }
            let want = (1 + self.rng.index(3)).min(positions.max(1));
            let first = self.rng.index(positions.max(1));
            let mut planted = 0;
            for &kind in &kinds {
                if planted == want {
                    break;
                }
                if positions == 0 && !matches!(kind, Breakage::MalformedYaml) {
                    continue;
                }
                let mut none = Fields::new();
                let target = match ps.len() {
                    0 => &mut none,
                    n => &mut ps[(first + planted) % n],
                };
                if self.plant(kind, meta, target, &mut art) {
                    planted += 1;
                }
            }
        } else {
            self.memory.extend(memos);
            if self.memory.len() > 256 {
                self.memory.drain(..self.memory.len() - 64);
            }
        }

        // Render: sequences indented (most files) or flush with their key (some).
        let indent = if self.rng.pct(10) { "" } else { "  " };
        out.clear();
        out.push_str("article:\n");
        render(out, &art, "  ", "  ");
        if ps.is_empty() {
            out.push_str("positions: []\n");
        } else {
            out.push_str(if self.rng.pct(20) {
                "\npositions:\n"
            } else {
                "positions:\n"
            });
        }
        let first = format!("{indent}- ");
        let rest = format!("{indent}  ");
        for f in &ps {
            render(out, f, &first, &rest);
        }
    }
}

/// Write fields as a mapping: the first line starts with `first`, the others with `rest`.
fn render(out: &mut String, fields: &Fields, first: &str, rest: &str) {
    for (n, (key, value)) in fields.iter().enumerate() {
        out.push_str(if n == 0 { first } else { rest });
        out.push_str(key);
        match value {
            Val::Inline(v) => {
                out.push_str(": ");
                out.push_str(v);
                out.push('\n');
            }
            Val::Folded(lines) => {
                out.push_str(": >-\n");
                for line in lines {
                    out.push_str(rest);
                    out.push_str("  ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
    }
}

/// Titles, file names and publication dates, made before any position (from their own PRNG
/// stream) so that the file order is known when choosing which files to break.
fn metas(book: &Book, n: usize, seed: u64) -> Vec<Meta> {
    let mut rng = Rng::new(seed ^ 0x6a09_e667_f3bc_c908);
    let (lo, hi) = (day_of(2000, 1, 1), day_of(2012, 12, 31));
    let mut days: Vec<Day> = (0..n).map(|_| rng.range(lo, hi)).collect();
    days.sort_unstable();
    let width = n.saturating_sub(1).to_string().len().max(5);
    days.into_iter()
        .enumerate()
        .map(|(i, day)| {
            let p = rng.index(book.party_names.len());
            let subject = match &book.party_aliases[p] {
                a if !a.is_empty() && rng.pct(50) => rng.pick(a).clone(),
                _ => book.party_names[p].clone(),
            };
            let topic = *rng.pick(TOPICS);
            let title = match rng.below(5) {
                0 => format!("{subject}: \"no talks without {topic}\""),
                1 => format!("Why {subject} {} {topic}", rng.pick(TITLE_VERBS)),
                2 => format!("Analysis \u{2014} {subject} and {topic}"),
                _ => format!("{subject} {} {topic}", rng.pick(TITLE_VERBS)),
            };
            let month_only = rng.pct(7);
            let date = point(day, if month_only { Prec::Month } else { Prec::Day }, "");
            let name = format!("{date}-{}-{i:0width$}.yaml", slug_of(&title));
            Meta {
                day,
                month_only,
                title,
                name,
            }
        })
        .collect()
}

/// Write the corpus; returns the bytes written and the number of broken files.
pub fn run(args: &Args) -> Result<(usize, usize), String> {
    let articles_dir = args.out.join("articles");
    if let Ok(mut entries) = std::fs::read_dir(&articles_dir)
        && entries.next().is_some()
    {
        return Err(format!(
            "`{}` is not empty; remove it or choose another --out",
            articles_dir.display()
        ));
    }
    let codebook_text = match &args.codebook {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?,
        None => SHIPPED_CODEBOOK.to_string(),
    };
    std::fs::create_dir_all(&articles_dir)
        .map_err(|e| format!("cannot create `{}`: {e}", articles_dir.display()))?;
    let cb_path = args.out.join("codebook.yaml");
    std::fs::write(&cb_path, &codebook_text)
        .map_err(|e| format!("cannot write `{}`: {e}", cb_path.display()))?;

    // Read the codebook back with the crate's own loader (articles/ is still empty).
    let loaded = load(&LoadOptions::new(&args.out));
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.short())
        .collect();
    if !errors.is_empty() {
        return Err(format!("the codebook has errors:\n{}", errors.join("\n")));
    }
    let book = Book::new(&loaded.dataset.codebook);
    if book.party_ids.is_empty() || book.stance_ids.is_empty() {
        return Err("the codebook needs at least one party and one stance".into());
    }

    let metas = metas(&book, args.articles, args.seed);
    let mut broken = vec![false; metas.len()];
    if args.broken > 0 {
        let mut order: Vec<usize> = (0..metas.len()).collect();
        order.sort_by(|&a, &b| metas[a].name.cmp(&metas[b].name));
        for k in 0..args.broken {
            broken[order[(2 * k + 1) * metas.len() / (2 * args.broken)]] = true;
        }
    }

    let mut generator = Gen::new(&book, args.seed);
    let mut text = String::with_capacity(8192);
    let mut bytes = 0;
    for (i, meta) in metas.iter().enumerate() {
        generator.article(i, meta, args.positions, broken[i], &mut text);
        let path = articles_dir.join(&meta.name);
        std::fs::write(&path, text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        bytes += text.len();
    }
    Ok((bytes, broken.iter().filter(|&&b| b).count()))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match run(&args) {
        Ok((bytes, broken)) => {
            eprintln!(
                "gen-corpus: wrote {} articles ({} positions each, {broken} broken, {:.1} MB) and codebook.yaml to {} in {:.2} s (seed {})",
                args.articles,
                args.positions,
                bytes as f64 / 1e6,
                Path::new(&args.out).display(),
                started.elapsed().as_secs_f64(),
                args.seed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
