//! EDTF dates (ISO 8601-2, levels 0 and 1) used everywhere in annotations and on the command
//! line.
//!
//! Accepted: `2009`, `2009-07`, `2009-07-27`; a time on a day (`2009-07-27T10:00:00`, with `Z`
//! or an offset such as `+05:00`); unspecified digits from the right (`201X`, `20XX`,
//! `2004-XX`, `2004-06-XX`, `1985-XX-XX`); seasons `2009-21` to `2009-24`; each but a time
//! optionally followed by `?` (uncertain), `~` (approximate) or `%` (both); intervals
//! `2003/2005-07`, with an open end or start (`2009-04/..`, `../2005-07-25`) or an unknown one
//! (`2004/`, `/2004`). A partial date stands for its whole period. Years run from 0000 to 9999;
//! longer or negative years, and the forms of level 2, are refused with a message that says so.
//! So are the dates people write in other ways (`07/27/2009`, `July 2009`, an en dash), each
//! with the EDTF spelling of what was meant.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// The months of each season (21 spring, 22 summer, 23 autumn, 24 winter), first and last, as
/// the Library of Congress's reference implementation computes them: winter is the December
/// of its year, which keeps the seasons of a year inside it and in order.
const SEASON_MONTHS: [(u32, u32); 4] = [(3, 5), (6, 8), (9, 11), (12, 12)];
const SEASON_NAMES: [&str; 4] = ["spring", "summer", "autumn", "winter"];

/// A time of day, `hh:mm:ss` with an optional `Z` or offset, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Time {
    /// Seconds since midnight, 0 to 86400 (`24:00:00`, the end of the day).
    pub seconds: u32,
    pub offset: Option<Offset>,
}

/// A time's offset from UTC: `Z`, `+05`, `-05:30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Offset {
    Utc,
    /// East of UTC when not `negative`; minutes `None` when only hours were written.
    Hours {
        negative: bool,
        hours: u8,
        minutes: Option<u8>,
    },
}

impl Offset {
    fn minutes(self) -> i32 {
        match self {
            Offset::Utc => 0,
            Offset::Hours {
                negative,
                hours,
                minutes,
            } => {
                let m = i32::from(hours) * 60 + i32::from(minutes.unwrap_or(0));
                if negative { -m } else { m }
            }
        }
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.seconds;
        write!(f, "{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)?;
        match self.offset {
            None => Ok(()),
            Some(Offset::Utc) => f.write_str("Z"),
            Some(Offset::Hours {
                negative,
                hours,
                minutes,
            }) => {
                write!(f, "{}{hours:02}", if negative { '-' } else { '+' })?;
                match minutes {
                    Some(m) => write!(f, ":{m:02}"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Which digits of a date are written `X` (unspecified), always from the right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Unspecified {
    /// The year's last digits: 0 to 3 (`2009`, `200X`, `20XX`, `2XXX`).
    pub year_digits: u8,
    /// The month is `XX` (`2004-XX`, `1985-XX-XX`).
    pub month: bool,
    /// The day is `XX` (`2004-06-XX`, `1985-XX-XX`).
    pub day: bool,
}

/// One written date such as `2009-07~`, with its qualifiers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DatePoint {
    /// 0000 to 9999; with unspecified digits, the first year they allow (`201X`: 2010).
    pub year: i32,
    /// 1 to 12, when a month is written (not `XX`).
    pub month: Option<u8>,
    /// When a day is written (not `XX`); only with a month.
    pub day: Option<u8>,
    /// 21 to 24, for a season (then no month or day).
    pub season: Option<u8>,
    pub unspecified: Unspecified,
    /// Only on a day, and then without qualifiers.
    pub time: Option<Time>,
    pub uncertain: bool,
    pub approximate: bool,
}

impl DatePoint {
    /// A date of a year, month and day as given (`None` where not written).
    pub fn ymd(year: i32, month: Option<u8>, day: Option<u8>) -> Self {
        DatePoint {
            year,
            month,
            day,
            ..DatePoint::default()
        }
    }

    /// A day-precision date point.
    pub fn from_day(day: NaiveDate) -> Self {
        // Months and days of a calendar date fit a byte.
        DatePoint::ymd(day.year(), Some(day.month() as u8), Some(day.day() as u8))
    }

    /// The first and last year the year stands for (`201X`: 2010 and 2019).
    fn years(&self) -> (i32, i32) {
        let span = 10i32.pow(u32::from(self.unspecified.year_digits));
        (self.year, self.year + span - 1)
    }

    /// The first day of the period the date stands for.
    pub fn first_day(&self) -> NaiveDate {
        let month = match self.season {
            Some(s) => SEASON_MONTHS[usize::from(s - 21)].0,
            None => self.month.map_or(1, u32::from),
        };
        NaiveDate::from_ymd_opt(self.years().0, month, self.day.map_or(1, u32::from))
            .expect("validated at parse time")
    }

    /// The last day of the period the date stands for.
    pub fn last_day(&self) -> NaiveDate {
        let year = self.years().1;
        let month = match (self.season, self.month) {
            (Some(s), _) => SEASON_MONTHS[usize::from(s - 21)].1,
            (None, Some(m)) => m.into(),
            (None, None) => 12,
        };
        let day = self
            .day
            .map_or_else(|| days_in_month(year, month), u32::from);
        NaiveDate::from_ymd_opt(year, month, day).expect("validated at parse time")
    }

    /// Whether the date names one day, certainly: no partial date, no qualifier.
    pub fn is_exact_day(&self) -> bool {
        self.day.is_some() && !self.uncertain && !self.approximate
    }

    /// For ordering positions on the same day: the written time as seconds since the day's
    /// midnight in UTC when it has an offset (as written when it has none); `None` without a
    /// time, which orders before every time of its day.
    pub fn time_key(&self) -> Option<i32> {
        self.time
            .map(|t| t.seconds as i32 - t.offset.map_or(0, |o| o.minutes() * 60))
    }

    /// The date without its qualifiers or time, as written (`2009-07`, `201X`, `2009-21`).
    pub fn plain(&self) -> DatePoint {
        DatePoint {
            uncertain: false,
            approximate: false,
            time: None,
            ..*self
        }
    }

    /// For people: `2009-07-27`, `some time in 2009-07`, `some time in 2009-21 (spring)`,
    /// with `(approximate)`, `(uncertain)` or `(uncertain and approximate)` after it.
    pub fn describe(&self) -> String {
        let mut text = if self.day.is_some() {
            self.plain().to_string()
        } else {
            format!("some time in {}", self.plain())
        };
        if let Some(s) = self.season {
            text.push_str(&format!(" ({})", SEASON_NAMES[usize::from(s - 21)]));
        }
        if let Some(t) = self.time {
            text.push_str(&format!("T{t}"));
        }
        match (self.uncertain, self.approximate) {
            (true, true) => text.push_str(" (uncertain and approximate)"),
            (true, false) => text.push_str(" (uncertain)"),
            (false, true) => text.push_str(" (approximate)"),
            (false, false) => {}
        }
        text
    }
}

impl fmt::Display for DatePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = usize::from(self.unspecified.year_digits);
        let year = format!("{:04}", self.year);
        write!(f, "{}{}", &year[..4 - x], &"XXX"[..x])?;
        match (self.season, self.month) {
            (Some(s), _) => write!(f, "-{s}")?,
            (None, Some(m)) => write!(f, "-{m:02}")?,
            (None, None) if self.unspecified.month => f.write_str("-XX")?,
            (None, None) => {}
        }
        match self.day {
            Some(d) => write!(f, "-{d:02}")?,
            None if self.unspecified.day => f.write_str("-XX")?,
            None => {}
        }
        if let Some(t) = self.time {
            write!(f, "T{t}")?;
        }
        match (self.uncertain, self.approximate) {
            (true, true) => f.write_str("%"),
            (true, false) => f.write_str("?"),
            (false, true) => f.write_str("~"),
            (false, false) => Ok(()),
        }
    }
}

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum End {
    /// A written date.
    Date(DatePoint),
    /// `..`: open, without bound (`2009-04/..` still holds).
    Open,
    /// Left empty: the end exists but is not known (`2004/`, `/2004`).
    Unknown,
}

impl End {
    pub fn date(&self) -> Option<&DatePoint> {
        match self {
            End::Date(d) => Some(d),
            End::Open | End::Unknown => None,
        }
    }
}

/// A date or an interval as written in EDTF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edtf {
    /// A single date, standing for its whole period.
    Date(DatePoint),
    /// An interval, both ends included.
    Interval { start: End, end: End },
}

impl Edtf {
    /// The written start: the date itself, or an interval's start date.
    pub fn start_point(&self) -> Option<&DatePoint> {
        match self {
            Edtf::Date(d) => Some(d),
            Edtf::Interval { start, .. } => start.date(),
        }
    }

    /// The written end: the date itself, or an interval's end date.
    pub fn end_point(&self) -> Option<&DatePoint> {
        match self {
            Edtf::Date(d) => Some(d),
            Edtf::Interval { end, .. } => end.date(),
        }
    }

    /// The first day known to be covered, or `None` for an open start. An unknown start
    /// (`/2004`) is known only from its end's period on.
    pub fn start_day(&self) -> Option<NaiveDate> {
        match self {
            Edtf::Interval {
                start: End::Unknown,
                end: End::Date(e),
            } => Some(e.first_day()),
            _ => self.start_point().map(|d| d.first_day()),
        }
    }

    /// The last day known to be covered, or `None` for an open end. An unknown end (`2004/`)
    /// is known only through its start's period.
    pub fn end_day(&self) -> Option<NaiveDate> {
        match self {
            Edtf::Interval {
                start: End::Date(s),
                end: End::Unknown,
            } => Some(s.last_day()),
            _ => self.end_point().map(|d| d.last_day()),
        }
    }

    /// The written date points (one or two).
    pub fn points(&self) -> impl Iterator<Item = &DatePoint> {
        let (a, b) = match self {
            Edtf::Date(d) => (Some(d), None),
            Edtf::Interval { start, end } => (start.date(), end.date()),
        };
        a.into_iter().chain(b)
    }

    pub fn is_uncertain(&self) -> bool {
        self.points().any(|p| p.uncertain)
    }

    pub fn is_approximate(&self) -> bool {
        self.points().any(|p| p.approximate)
    }

    pub fn is_interval(&self) -> bool {
        matches!(self, Edtf::Interval { .. })
    }

    /// True for an interval with a written end date (it holds through its end and no
    /// further); a single date, an open end and an unknown end are carried forward.
    pub fn has_written_end(&self) -> bool {
        matches!(
            self,
            Edtf::Interval {
                end: End::Date(_),
                ..
            }
        )
    }

    pub fn start_unknown(&self) -> bool {
        matches!(
            self,
            Edtf::Interval {
                start: End::Unknown,
                ..
            }
        )
    }

    pub fn end_unknown(&self) -> bool {
        matches!(
            self,
            Edtf::Interval {
                end: End::Unknown,
                ..
            }
        )
    }

    /// The written form, with `(start unknown)` or `(end unknown)` after an unknown end, for
    /// people.
    pub fn describe(&self) -> String {
        match self {
            Edtf::Interval {
                start: End::Unknown,
                ..
            } => format!("{self} (start unknown)"),
            Edtf::Interval {
                end: End::Unknown, ..
            } => format!("{self} (end unknown)"),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = |f: &mut fmt::Formatter<'_>, e: &End| match e {
            End::Date(d) => d.fmt(f),
            End::Open => f.write_str(".."),
            End::Unknown => Ok(()),
        };
        match self {
            Edtf::Date(d) => d.fmt(f),
            Edtf::Interval { start, end: e } => {
                end(f, start)?;
                f.write_str("/")?;
                end(f, e)
            }
        }
    }
}

/// Why a date did not parse. The message says what is wrong and, where it can, what to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The help text shown with every date error.
pub const DATE_HELP: &str = "dates are written 2009, 2009-07 or 2009-07-27 (a time as 2009-07-27T10:00:00Z), 201X or 2004-XX for unspecified digits, 2009-21 to 2009-24 for spring to winter, optionally followed by ? (uncertain), ~ (approximate) or % (both); intervals as 2003/2005-07, with an open end as 2009-04/.. or ../2005-07-25, or an unknown one as 2004/ or /2004";

fn err(message: impl Into<String>) -> DateError {
    DateError {
        message: message.into(),
    }
}

/// The number of days of a month (1-12) in the proleptic Gregorian calendar.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The value of a string of ASCII digits (at most nine).
fn digits(s: &str) -> u32 {
    s.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `?`, `~` or `%` at the end of a date: (the rest, uncertain, approximate).
fn split_qualifier(text: &str) -> (&str, bool, bool) {
    match text.as_bytes().last() {
        Some(b'?') => (&text[..text.len() - 1], true, false),
        Some(b'~') => (&text[..text.len() - 1], false, true),
        Some(b'%') => (&text[..text.len() - 1], true, true),
        _ => (text, false, false),
    }
}

const YEAR_RANGE: &str = "which stanceline does not support: years run from 0000 to 9999";

/// Parse one date point such as `2009-07-27~` or `2009-07-27T10:00:00Z`.
pub fn parse_point(text: &str) -> Result<DatePoint, DateError> {
    let not_a_date = || err(format!("`{text}` is not a date"));
    let (body, uncertain, approximate) = split_qualifier(text);
    if body.is_empty() {
        return Err(not_a_date());
    }
    if body.contains(['?', '~', '%']) {
        return Err(partly_qualified(text));
    }
    let (date, time) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let mut point = calendar(text, date)?;
    point.uncertain = uncertain;
    point.approximate = approximate;
    if let Some(t) = time {
        if point.day.is_none() {
            return Err(err(format!(
                "`{text}` has a time on a date that is not one day; a time goes after a day, as {}T{t}",
                point.first_day()
            )));
        }
        if uncertain || approximate {
            let mut day = point;
            day.time = None;
            return Err(err(format!(
                "`{text}` qualifies a date with a time, which EDTF does not allow; qualify the day alone, as {day}"
            )));
        }
        point.time = Some(time_of_day(text, date, t)?);
    }
    Ok(point)
}

/// A date qualified in parts (`2004?-06`, `?2004`): EDTF level 2.
fn partly_qualified(text: &str) -> DateError {
    let plain: String = text.chars().filter(|c| !"?~%".contains(*c)).collect();
    let (u, a) = (text.contains(['?', '%']), text.contains(['~', '%']));
    let q = match (u, a) {
        (true, true) => "%",
        (true, false) => "?",
        _ => "~",
    };
    err(format!(
        "`{text}` qualifies part of the date, which is EDTF level 2 and not supported; put one qualifier at the end, where it applies to the whole date, as {plain}{q}"
    ))
}

/// The calendar part of a date point (`2009-07-27`, `201X`, `2009-21`), without qualifiers.
fn calendar(text: &str, date: &str) -> Result<DatePoint, DateError> {
    let not_a_date = || err(format!("`{text}` is not a date"));
    if let Some(e) = out_of_range_year(text, date) {
        return Err(e);
    }
    let parts: Vec<&str> = date.split('-').collect();
    if parts.len() > 3 {
        return Err(not_a_date());
    }
    let mut point = year(text, parts[0], parts.len() > 1)?;
    let padded = || {
        let parts: Vec<String> = parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i > 0 && p.len() == 1 {
                    format!("0{p}")
                } else {
                    p.to_string()
                }
            })
            .collect();
        parts.join("-")
    };
    if let Some(&m) = parts.get(1) {
        let day_part = parts.get(2).copied();
        if m == "XX" {
            if day_part.is_some_and(|d| d != "XX") {
                return Err(inner_x(text));
            }
            point.unspecified.month = true;
            point.unspecified.day = day_part.is_some();
            return Ok(point);
        }
        if m.contains('X') {
            return Err(inner_x(text));
        }
        if !all_digits(m) {
            return Err(not_a_date());
        }
        if m.len() != 2 {
            return Err(err(format!(
                "`{text}` is not a date: the month must have two digits, as {}",
                padded()
            )));
        }
        month(text, &mut point, digits(m), day_part.is_some())?;
    }
    if let Some(&d) = parts.get(2) {
        if d == "XX" {
            point.unspecified.day = true;
            return Ok(point);
        }
        if d.contains('X') {
            return Err(inner_x(text));
        }
        if !all_digits(d) {
            return Err(not_a_date());
        }
        if d.len() != 2 {
            return Err(err(format!(
                "`{text}` is not a date: the day must have two digits, as {}",
                padded()
            )));
        }
        let (year, month) = (point.year, u32::from(point.month.expect("checked above")));
        let (day, last) = (digits(d), days_in_month(point.year, month));
        if day == 0 || day > last {
            return Err(err(format!(
                "`{text}` does not exist: {year:04}-{month:02} has {last} days"
            )));
        }
        point.day = Some(day as u8);
    }
    Ok(point)
}

/// A year outside 0000-9999, written as EDTF allows (`-1985`, `Y170000002`, `Y-17E7`) or as
/// people do (`12345`), or a year with a sign or a `Y` it does not need.
fn out_of_range_year(text: &str, date: &str) -> Option<DateError> {
    let year = date.split('-').find(|p| !p.is_empty()).unwrap_or("");
    if let Some(rest) = date.strip_prefix('-') {
        return calendar(text, rest)
            .is_ok()
            .then(|| err(format!("`{text}` is a year before 0000, {YEAR_RANGE}")));
    }
    if let Some(rest) = date.strip_prefix('+') {
        return calendar(text, rest).is_ok().then(|| {
            err(format!(
                "`{text}` is not a date: a year is written without a sign, as {rest}"
            ))
        });
    }
    if let Some(rest) = date.strip_prefix('Y') {
        let (negative, digits) = match rest.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, rest),
        };
        let number = |s: &str| all_digits(s) && !s.starts_with('0');
        let long = match digits.split_once('E') {
            Some((base, exp)) => number(base) && number(exp),
            None => number(digits) && digits.len() > 4,
        };
        return Some(match (long, negative) {
            (true, true) => err(format!("`{text}` is a year before 0000, {YEAR_RANGE}")),
            (true, false) => err(format!("`{text}` is a year after 9999, {YEAR_RANGE}")),
            (false, false) if all_digits(digits) && digits.len() <= 4 => err(format!(
                "`{text}` marks a year of four digits with Y, which EDTF keeps for years after 9999: write {digits:0>4}"
            )),
            (false, _) => err(format!("`{text}` is not a date")),
        });
    }
    (all_digits(year) && year.len() > 4 && !year.starts_with('0'))
        .then(|| err(format!("`{text}` is a year after 9999, {YEAR_RANGE}")))
}

/// Unspecified digits anywhere but from the right: EDTF level 2.
fn inner_x(text: &str) -> DateError {
    err(format!(
        "`{text}` has unspecified digits (X) inside the date, which is EDTF level 2 and not supported; X may only replace digits from the right, as in 201X, 2004-XX or 2004-06-XX"
    ))
}

/// The year of a date point: four digits, the last one to three of them `X`.
fn year(text: &str, y: &str, more: bool) -> Result<DatePoint, DateError> {
    if let Some((_, s)) = y.split_once('S')
        && all_digits(s)
    {
        return Err(err(format!(
            "`{text}` gives significant digits (S), which is EDTF level 2 and not supported; write unspecified digits instead, as 19XX for the 1900s"
        )));
    }
    if !y.bytes().all(|b| b.is_ascii_digit() || b == b'X') || y.is_empty() {
        return Err(err(format!("`{text}` is not a date")));
    }
    if y.len() != 4 {
        return Err(err(format!(
            "`{text}` is not a date: the year must have four digits"
        )));
    }
    let x = y.bytes().rev().take_while(|&b| b == b'X').count();
    if x == 4 || y[..4 - x].contains('X') || (x > 0 && more) {
        return Err(inner_x(text));
    }
    let year = digits(&y[..4 - x]) * 10u32.pow(x as u32);
    let mut point = DatePoint::ymd(year as i32, None, None);
    point.unspecified.year_digits = x as u8;
    Ok(point)
}

/// The month (or season) `m` of `point`.
fn month(text: &str, point: &mut DatePoint, m: u32, with_day: bool) -> Result<(), DateError> {
    let year = point.year;
    match m {
        1..=12 => point.month = Some(m as u8),
        21..=24 if with_day => {
            return Err(err(format!(
                "`{text}` gives a day of a season; a season is written without one, as {year:04}-{m}"
            )));
        }
        21..=24 => point.season = Some(m as u8),
        25..=41 => {
            let kind = match m {
                25..=28 => "a season of the northern hemisphere",
                29..=32 => "a season of the southern hemisphere",
                33..=36 => "a quarter",
                37..=39 => "a third of a year",
                _ => "a half of a year",
            };
            return Err(err(format!(
                "`{text}` is {kind} (EDTF level 2), which stanceline does not support; the seasons are {year:04}-21 (spring), -22 (summer), -23 (autumn) and -24 (winter), and an interval of months can stand for the rest, as {year:04}-01/{year:04}-03"
            )));
        }
        _ => {
            return Err(err(format!(
                "`{text}` has month {m}, but months run from 01 to 12 (and seasons from 21 to 24)"
            )));
        }
    }
    Ok(())
}

/// A time of day `hh:mm:ss`, with `Z` or an offset `+hh`, `+hh:mm` (or `-`), after `date`.
fn time_of_day(text: &str, date: &str, t: &str) -> Result<Time, DateError> {
    let split = t.find(['Z', '+', '-']).unwrap_or(t.len());
    let (clock, zone) = t.split_at(split);
    let fields: Vec<&str> = clock.split(':').collect();
    let two = |s: &&str| s.len() == 2 && all_digits(s);
    if !fields.iter().all(two) || !(2..=3).contains(&fields.len()) {
        return Err(err(format!(
            "`{text}` is not a date: a time is written hh:mm:ss after T, as {date}T10:00:00"
        )));
    }
    if fields.len() == 2 {
        return Err(err(format!(
            "`{text}` has a time without seconds; EDTF writes hh:mm:ss, as {date}T{clock}:00{zone}"
        )));
    }
    let (h, m, s) = (digits(fields[0]), digits(fields[1]), digits(fields[2]));
    if !(h < 24 && m < 60 && s < 60 || (h, m, s) == (24, 0, 0)) {
        return Err(err(format!(
            "`{text}` has no such time: hours run from 00 to 23, minutes and seconds from 00 to 59 (24:00:00 ends a day)"
        )));
    }
    Ok(Time {
        seconds: h * 3600 + m * 60 + s,
        offset: offset(text, zone)?,
    })
}

fn offset(text: &str, zone: &str) -> Result<Option<Offset>, DateError> {
    if zone.is_empty() {
        return Ok(None);
    }
    if zone == "Z" {
        return Ok(Some(Offset::Utc));
    }
    let negative = zone.starts_with('-');
    let rest = &zone[1..];
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, Some(m)),
        None => (rest, None),
    };
    let two = |s: &str| s.len() == 2 && all_digits(s);
    let ok = two(h) && m.is_none_or(two) && {
        let minutes = digits(h) * 60 + m.map_or(0, digits);
        m.is_none_or(|m| digits(m) < 60) && minutes <= 14 * 60
    };
    if !ok {
        return Err(err(format!(
            "`{text}` has the offset `{zone}`, which is not one; write Z, or + or - and hours up to 14 with two digits, as +05 or -05:30"
        )));
    }
    Ok(Some(Offset::Hours {
        negative,
        hours: digits(h) as u8,
        minutes: m.map(|m| digits(m) as u8),
    }))
}

/// Parse a date or an interval.
pub fn parse(text: &str) -> Result<Edtf, DateError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(err("the date is empty"));
    }
    // The strict grammar first: what people write otherwise is looked at only when it fails.
    let strict = match text.split_once('/') {
        None if text == ".." => Err(err("`..` is only allowed as one end of an interval")),
        None => parse_point(text).map(Edtf::Date),
        Some((a, b)) => interval(text, a, b),
    };
    strict.map_err(|e| mistake(text).unwrap_or(e))
}

/// An interval `a/b`: dates, `..` for an open end, nothing for an unknown one.
fn interval(text: &str, a: &str, b: &str) -> Result<Edtf, DateError> {
    if b.contains('/') {
        return Err(err(format!(
            "`{text}` has more than one `/`; an interval has a start and an end"
        )));
    }
    let no_date = match (a, b) {
        ("..", "..") => Some("is open at both ends"),
        ("..", "") => Some("has an open start and an unknown end but no date"),
        ("", "..") => Some("has an unknown start and an open end but no date"),
        ("", "") => Some("has no date at either end"),
        _ => None,
    };
    if let Some(what) = no_date {
        return Err(err(format!("`{text}` {what}; give at least one date")));
    }
    let side = |s: &str| -> Result<End, DateError> {
        match s {
            ".." => Ok(End::Open),
            "" => Ok(End::Unknown),
            s => {
                let point = parse_point(s)?;
                if point.time.is_some() {
                    return Err(err(format!(
                        "`{text}` has a time in an interval; EDTF gives a time only to a single date: write the days, as {}",
                        text.split('/')
                            .map(|p| p.split('T').next().unwrap_or(p))
                            .collect::<Vec<_>>()
                            .join("/")
                    )));
                }
                Ok(End::Date(point))
            }
        }
    };
    let (start, end) = (side(a)?, side(b)?);
    if let (End::Date(s), End::Date(e)) = (start, end)
        && e.last_day() < s.first_day()
    {
        return Err(err(format!("`{text}` ends ({e}) before it starts ({s})")));
    }
    Ok(Edtf::Interval { start, end })
}

/// What people write for a date that EDTF writes otherwise, with the EDTF spelling of what
/// was meant: other dashes, full-width digits, spaces, words, day-month orders, sets.
fn mistake(text: &str) -> Option<DateError> {
    let ok = |s: &str| parse(s).is_ok();
    if text.starts_with(['[', '{']) {
        return Some(err(format!(
            "`{text}` is a set of dates (EDTF level 2), which stanceline does not support; record one position for each date, or give an interval such as 2003/2005"
        )));
    }
    if !text.is_ascii() {
        let narrow = full_width_to_ascii(text);
        if narrow != text && ok(&narrow) {
            let what = if text
                .chars()
                .all(|c| c.is_ascii() || ('\u{ff10}'..='\u{ff19}').contains(&c))
            {
                "full-width digits"
            } else {
                "full-width characters"
            };
            return Some(err(format!("`{text}` has {what}; write {narrow}")));
        }
        if let Some(e) = dash(text) {
            return Some(e);
        }
    }
    if let Some(edtf) = in_words(text) {
        return Some(err(format!(
            "`{text}` is written in words; EDTF writes it {edtf}"
        )));
    }
    if text.contains(char::is_whitespace) {
        let words: Vec<&str> = text.split_whitespace().collect();
        if let [day, time] = words[..]
            && ok(&format!("{day}T{time}"))
        {
            return Some(err(format!(
                "`{text}` has a space where EDTF has a T before the time; write {day}T{time}"
            )));
        }
        let squeezed = words.concat();
        if ok(&squeezed) {
            let around_slash = text
                .char_indices()
                .filter(|&(_, c)| c == '/')
                .any(|(i, _)| {
                    text[..i].ends_with(char::is_whitespace)
                        || text[i + 1..].starts_with(char::is_whitespace)
                });
            let what = if around_slash {
                "spaces around `/`"
            } else {
                "spaces in it"
            };
            return Some(err(format!("`{text}` has {what}; write {squeezed}")));
        }
    }
    numeric_order(text)
}

/// Full-width forms (U+FF01-U+FF5E, as East Asian input methods type them) as ASCII.
fn full_width_to_ascii(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Dashes that look like EDTF's hyphen.
const DASHES: [(char, &str); 7] = [
    ('\u{2013}', "an en dash (–)"),
    ('\u{2014}', "an em dash (—)"),
    ('\u{2212}', "a minus sign (−)"),
    ('\u{2010}', "a Unicode hyphen (‐)"),
    ('\u{2011}', "a non-breaking hyphen (‑)"),
    ('\u{2012}', "a figure dash (‒)"),
    ('\u{fe63}', "a small hyphen (﹣)"),
];

/// A dash where a hyphen goes (`2009–07–27`), or between two dates (`2003–2005`).
fn dash(text: &str) -> Option<DateError> {
    let (_, name) = DASHES.iter().find(|(c, _)| text.contains(*c))?;
    let with = |to: &str| -> String {
        DASHES
            .iter()
            .fold(text.to_string(), |s, (c, _)| s.replace(*c, to))
    };
    let hyphens = with("-");
    if parse(&hyphens).is_ok() {
        return Some(err(format!(
            "`{text}` has {name} where EDTF has a hyphen (-); write {hyphens}"
        )));
    }
    let slash: String = with("/").split_whitespace().collect();
    parse(&slash).is_ok().then(|| {
        err(format!(
            "`{text}` has {name} between two dates; write an interval with a slash, as {slash}"
        ))
    })
}

/// `July 2009`, `Jul 27, 2009`, `27 July 2009`, `spring 2009`, `circa 2009`: the EDTF of a
/// date written in English words, when it is one.
fn in_words(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // Runs of letters and runs of digits; everything else separates them.
    let mut tokens: Vec<String> = Vec::new();
    let mut last: Option<bool> = None;
    for c in text.chars() {
        let kind = if c.is_ascii_alphabetic() {
            Some(true)
        } else if c.is_ascii_digit() {
            Some(false)
        } else {
            None
        };
        match (kind, last) {
            (Some(k), Some(l)) if k == l => tokens.last_mut()?.push(c.to_ascii_lowercase()),
            (Some(_), _) => tokens.push(c.to_ascii_lowercase().to_string()),
            (None, _) => {}
        }
        last = kind;
    }
    if !tokens
        .iter()
        .any(|t| t.len() >= 3 && t.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return None;
    }
    let (mut month, mut season, mut year, mut day, mut about) = (None, None, None, None, false);
    let mut previous_digits = false;
    for t in &tokens {
        let digits_token = t.bytes().all(|b| b.is_ascii_digit());
        if digits_token && t.len() == 4 && year.is_none() {
            year = Some(t.clone());
        } else if digits_token && t.len() <= 2 && day.is_none() {
            day = Some(t.parse::<u32>().ok()?);
        } else if let Some(m) = MONTHS
            .iter()
            .position(|m| {
                t.len() >= 3 && m.starts_with(t.as_str()) || t == "sept" && *m == "september"
            })
            .filter(|_| month.is_none() && season.is_none())
        {
            month = Some(m + 1);
        } else if let Some(s) = ["spring", "summer", "autumn", "winter", "fall"]
            .iter()
            .position(|s| s == t)
            .filter(|_| month.is_none() && season.is_none())
        {
            season = Some(21 + s % 4 + usize::from(s == 4) * 2);
        } else if ["circa", "ca", "c", "about", "around"].contains(&t.as_str()) {
            about = true;
        } else if ["st", "nd", "rd", "th"].contains(&t.as_str()) && previous_digits {
        } else if !["of", "the", "in"].contains(&t.as_str()) {
            return None;
        }
        previous_digits = digits_token;
    }
    let year = year?;
    let mut edtf = match (month, season, day) {
        (Some(m), None, Some(d)) => format!("{year}-{m:02}-{d:02}"),
        (Some(m), None, None) => format!("{year}-{m:02}"),
        (None, Some(s), None) => format!("{year}-{s}"),
        (None, None, None) if about => year,
        _ => return None,
    };
    if about {
        edtf.push('~');
    }
    parse_point(&edtf).is_ok().then_some(edtf)
}

/// `07/27/2009`, `27.07.2009`, `07/2009`, `2009/07/27`: numbers in another order or with
/// other separators than EDTF's.
fn numeric_order(text: &str) -> Option<DateError> {
    let sep = text.chars().find(|c| ['/', '.', '-'].contains(c))?;
    let parts: Vec<&str> = text.split(sep).collect();
    if !parts.iter().all(|p| all_digits(p)) {
        return None;
    }
    let n = |i: usize| digits(parts[i]);
    let valid = |s: &str| parse_point(s).is_ok();
    match parts[..] {
        [a, b, y] if a.len() <= 2 && b.len() <= 2 && y.len() == 4 => {
            let month_first = format!("{y}-{:02}-{:02}", n(0), n(1));
            let day_first = format!("{y}-{:02}-{:02}", n(1), n(0));
            let write = match (valid(&month_first), valid(&day_first)) {
                (true, true) if month_first != day_first => {
                    format!("{month_first} (month first) or {day_first} (day first)")
                }
                (true, _) => month_first,
                (false, true) => day_first,
                (false, false) => return None,
            };
            Some(err(format!(
                "`{text}` looks like a day-month or month-day date; write {write}"
            )))
        }
        [y, _, _] if y.len() == 4 && sep != '-' => {
            let hyphens = parts.join("-");
            valid(&hyphens).then(|| {
                err(format!(
                    "`{text}` separates the parts of a date with `{sep}`; EDTF writes {hyphens}"
                ))
            })
        }
        [a, b]
            if sep == '-' && a.len() == 4 && b.len() == 4 && parse(&format!("{a}/{b}")).is_ok() =>
        {
            Some(err(format!(
                "`{text}` looks like a range of years; write an interval with a slash, as {a}/{b}"
            )))
        }
        [m, y] if m.len() <= 2 && y.len() == 4 && sep != '-' => {
            let month = format!("{y}-{:02}", n(0));
            valid(&month).then(|| {
                err(format!(
                    "`{text}` looks like a month and a year; write {month}"
                ))
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_month_agrees_with_the_calendar() {
        for year in [
            0, 1600, 1700, 1900, 1999, 2000, 2004, 2009, 2100, 2400, 9999,
        ] {
            for month in 1..=12 {
                let n = days_in_month(year, month);
                assert!(
                    NaiveDate::from_ymd_opt(year, month, n).is_some(),
                    "{year}-{month}"
                );
                assert!(
                    NaiveDate::from_ymd_opt(year, month, n + 1).is_none(),
                    "{year}-{month}"
                );
            }
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn accepts_every_form() {
        let cases = [
            ("2009", "2009-01-01", "2009-12-31"),
            ("2009-07", "2009-07-01", "2009-07-31"),
            ("2009-02", "2009-02-01", "2009-02-28"),
            ("2008-02", "2008-02-01", "2008-02-29"),
            ("2009-07-27", "2009-07-27", "2009-07-27"),
            ("0000", "0000-01-01", "0000-12-31"),
            ("9999-12-31", "9999-12-31", "9999-12-31"),
            ("2009?", "2009-01-01", "2009-12-31"),
            ("2009-07~", "2009-07-01", "2009-07-31"),
            ("2009-07-27%", "2009-07-27", "2009-07-27"),
            ("2009-07-27T10:00:00", "2009-07-27", "2009-07-27"),
            ("2009-07-27T10:00:00Z", "2009-07-27", "2009-07-27"),
            ("2009-07-27T23:30:59+05:30", "2009-07-27", "2009-07-27"),
            ("2009-07-27T00:00:00-05", "2009-07-27", "2009-07-27"),
            ("2009-07-27T24:00:00", "2009-07-27", "2009-07-27"),
            ("201X", "2010-01-01", "2019-12-31"),
            ("20XX", "2000-01-01", "2099-12-31"),
            ("2XXX", "2000-01-01", "2999-12-31"),
            ("2004-XX", "2004-01-01", "2004-12-31"),
            ("2004-06-XX", "2004-06-01", "2004-06-30"),
            ("2004-02-XX", "2004-02-01", "2004-02-29"),
            ("1985-XX-XX", "1985-01-01", "1985-12-31"),
            ("201X?", "2010-01-01", "2019-12-31"),
            ("2004-XX~", "2004-01-01", "2004-12-31"),
            ("2009-21", "2009-03-01", "2009-05-31"),
            ("2009-22", "2009-06-01", "2009-08-31"),
            ("2009-23", "2009-09-01", "2009-11-30"),
            ("2009-24", "2009-12-01", "2009-12-31"),
            ("2009-21?", "2009-03-01", "2009-05-31"),
            ("2003/2005-07", "2003-01-01", "2005-07-31"),
            ("2003~/2005-07-24", "2003-01-01", "2005-07-24"),
            ("2009-07-27/2009-07-27", "2009-07-27", "2009-07-27"),
            ("2009-21/2009-23~", "2009-03-01", "2009-11-30"),
            ("201X/2015", "2010-01-01", "2015-12-31"),
            ("2000-02-29", "2000-02-29", "2000-02-29"),
            // An unknown end is known through its start's period, an unknown start from its
            // end's period.
            ("2004/", "2004-01-01", "2004-12-31"),
            ("/2004-06", "2004-06-01", "2004-06-30"),
            ("2009-21~/", "2009-03-01", "2009-05-31"),
        ];
        for (text, start, end) in cases {
            let d = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(d.start_day(), Some(day(start)), "{text}");
            assert_eq!(d.end_day(), Some(day(end)), "{text}");
            assert_eq!(d.to_string(), text, "round trip");
        }
    }

    #[test]
    fn open_and_unknown_ends() {
        let d = parse("2009-04/..").unwrap();
        assert_eq!(d.start_day(), Some(day("2009-04-01")));
        assert_eq!(d.end_day(), None);
        assert!(!d.has_written_end() && !d.end_unknown());
        let d = parse("../2005-07-25").unwrap();
        assert_eq!(d.start_day(), None);
        assert_eq!(d.end_day(), Some(day("2005-07-25")));
        assert!(d.has_written_end());
        assert_eq!(d.to_string(), "../2005-07-25");
        let d = parse("2004/").unwrap();
        assert!(d.end_unknown() && !d.start_unknown() && !d.has_written_end());
        assert_eq!(d.describe(), "2004/ (end unknown)");
        let d = parse("/2004").unwrap();
        assert!(d.start_unknown() && d.has_written_end());
        assert_eq!(d.describe(), "/2004 (start unknown)");
        assert_eq!(parse("2004").unwrap().describe(), "2004");
    }

    #[test]
    fn qualifiers() {
        let d = parse("2009?").unwrap();
        assert!(d.is_uncertain() && !d.is_approximate());
        let d = parse("2009~").unwrap();
        assert!(!d.is_uncertain() && d.is_approximate());
        let d = parse("2009%").unwrap();
        assert!(d.is_uncertain() && d.is_approximate());
        let d = parse("2003/2005~").unwrap();
        assert!(d.is_approximate());
        assert!(d.has_written_end());
    }

    #[test]
    fn times_order_the_day_in_utc() {
        let key = |s: &str| parse_point(s).unwrap().time_key();
        assert_eq!(key("2009-07-27"), None);
        assert_eq!(key("2009-07-27T10:00:00"), Some(36_000));
        assert_eq!(key("2009-07-27T10:00:00Z"), Some(36_000));
        // 10:00 at +05:00 is 05:00 UTC; 10:00 at -05 is 15:00 UTC.
        assert_eq!(key("2009-07-27T10:00:00+05:00"), Some(18_000));
        assert_eq!(key("2009-07-27T10:00:00-05"), Some(54_000));
        assert_eq!(key("2009-07-27T10:00:00-05:30"), Some(55_800));
    }

    #[test]
    fn describes_the_span_of_a_date() {
        let describe = |s: &str| parse_point(s).unwrap().describe();
        assert_eq!(describe("2009-07-27"), "2009-07-27");
        assert_eq!(describe("2009-07~"), "some time in 2009-07 (approximate)");
        assert_eq!(describe("2009?"), "some time in 2009 (uncertain)");
        assert_eq!(
            describe("201X%"),
            "some time in 201X (uncertain and approximate)"
        );
        assert_eq!(describe("2009-21"), "some time in 2009-21 (spring)");
        assert_eq!(describe("2009-07-27T10:00:00Z"), "2009-07-27T10:00:00Z");
    }

    #[test]
    fn rejects_bad_forms() {
        let level2_x = "has unspecified digits (X) inside the date, which is EDTF level 2 and not supported; X may only replace digits from the right, as in 201X, 2004-XX or 2004-06-XX";
        let cases: Vec<(&str, String)> = vec![
            ("", "the date is empty".into()),
            ("2009-13", "`2009-13` has month 13, but months run from 01 to 12 (and seasons from 21 to 24)".into()),
            ("2009-00", "`2009-00` has month 0, but months run from 01 to 12 (and seasons from 21 to 24)".into()),
            ("2009-02-30", "`2009-02-30` does not exist: 2009-02 has 28 days".into()),
            ("2009-02-29", "`2009-02-29` does not exist: 2009-02 has 28 days".into()),
            ("2009-04-31", "`2009-04-31` does not exist: 2009-04 has 30 days".into()),
            ("2009-07-00", "`2009-07-00` does not exist: 2009-07 has 31 days".into()),
            ("209", "`209` is not a date: the year must have four digits".into()),
            ("2009-7", "`2009-7` is not a date: the month must have two digits, as 2009-07".into()),
            ("2009-7-27", "`2009-7-27` is not a date: the month must have two digits, as 2009-07-27".into()),
            ("2009-07-1", "`2009-07-1` is not a date: the day must have two digits, as 2009-07-01".into()),
            ("2009-07-27-01", "`2009-07-27-01` is not a date".into()),
            ("2009??", "`2009??` qualifies part of the date, which is EDTF level 2 and not supported; put one qualifier at the end, where it applies to the whole date, as 2009?".into()),
            ("?", "`?` is not a date".into()),
            ("..", "`..` is only allowed as one end of an interval".into()),
            ("../..", "`../..` is open at both ends; give at least one date".into()),
            ("../", "`../` has an open start and an unknown end but no date; give at least one date".into()),
            ("/..", "`/..` has an unknown start and an open end but no date; give at least one date".into()),
            ("/", "`/` has no date at either end; give at least one date".into()),
            ("2005/2003", "`2005/2003` ends (2003) before it starts (2005)".into()),
            ("2009-07-27/2009-07-26", "`2009-07-27/2009-07-26` ends (2009-07-26) before it starts (2009-07-27)".into()),
            ("2003/2004/2005", "`2003/2004/2005` has more than one `/`; an interval has a start and an end".into()),
            // Times.
            ("2009-07-27T10:00", "`2009-07-27T10:00` has a time without seconds; EDTF writes hh:mm:ss, as 2009-07-27T10:00:00".into()),
            ("2009-07-27T10:00Z", "`2009-07-27T10:00Z` has a time without seconds; EDTF writes hh:mm:ss, as 2009-07-27T10:00:00Z".into()),
            ("2009-07-27T25:00:00", "`2009-07-27T25:00:00` has no such time: hours run from 00 to 23, minutes and seconds from 00 to 59 (24:00:00 ends a day)".into()),
            ("2009-07-27T10h", "`2009-07-27T10h` is not a date: a time is written hh:mm:ss after T, as 2009-07-27T10:00:00".into()),
            ("2009-07-27T10:00:00+5", "`2009-07-27T10:00:00+5` has the offset `+5`, which is not one; write Z, or + or - and hours up to 14 with two digits, as +05 or -05:30".into()),
            ("2009-07-27T10:00:00+15:00", "`2009-07-27T10:00:00+15:00` has the offset `+15:00`, which is not one; write Z, or + or - and hours up to 14 with two digits, as +05 or -05:30".into()),
            ("2009-07T10:00:00", "`2009-07T10:00:00` has a time on a date that is not one day; a time goes after a day, as 2009-07-01T10:00:00".into()),
            ("2009-07-27T10:00:00?", "`2009-07-27T10:00:00?` qualifies a date with a time, which EDTF does not allow; qualify the day alone, as 2009-07-27?".into()),
            ("2009-07-27T10:00:00/2009-07-28", "`2009-07-27T10:00:00/2009-07-28` has a time in an interval; EDTF gives a time only to a single date: write the days, as 2009-07-27/2009-07-28".into()),
            ("2009-07-27 10:00:00", "`2009-07-27 10:00:00` has a space where EDTF has a T before the time; write 2009-07-27T10:00:00".into()),
            // Years outside 0000-9999.
            ("-1985", format!("`-1985` is a year before 0000, {YEAR_RANGE}")),
            ("-1985-07", format!("`-1985-07` is a year before 0000, {YEAR_RANGE}")),
            ("Y170000002", format!("`Y170000002` is a year after 9999, {YEAR_RANGE}")),
            ("Y-170000002", format!("`Y-170000002` is a year before 0000, {YEAR_RANGE}")),
            ("Y17E7", format!("`Y17E7` is a year after 9999, {YEAR_RANGE}")),
            ("12345", format!("`12345` is a year after 9999, {YEAR_RANGE}")),
            ("Y2009", "`Y2009` marks a year of four digits with Y, which EDTF keeps for years after 9999: write 2009".into()),
            ("+2009", "`+2009` is not a date: a year is written without a sign, as 2009".into()),
            // Level 2.
            ("20X9", format!("`20X9` {level2_x}")),
            ("XXXX", format!("`XXXX` {level2_x}")),
            ("2004-XX-01", format!("`2004-XX-01` {level2_x}")),
            ("201X-06", format!("`201X-06` {level2_x}")),
            ("2004-0X", format!("`2004-0X` {level2_x}")),
            ("2004?-06", "`2004?-06` qualifies part of the date, which is EDTF level 2 and not supported; put one qualifier at the end, where it applies to the whole date, as 2004-06?".into()),
            ("?2004-06~", "`?2004-06~` qualifies part of the date, which is EDTF level 2 and not supported; put one qualifier at the end, where it applies to the whole date, as 2004-06%".into()),
            ("2009-25", "`2009-25` is a season of the northern hemisphere (EDTF level 2), which stanceline does not support; the seasons are 2009-21 (spring), -22 (summer), -23 (autumn) and -24 (winter), and an interval of months can stand for the rest, as 2009-01/2009-03".into()),
            ("2009-33", "`2009-33` is a quarter (EDTF level 2), which stanceline does not support; the seasons are 2009-21 (spring), -22 (summer), -23 (autumn) and -24 (winter), and an interval of months can stand for the rest, as 2009-01/2009-03".into()),
            ("2009-21-05", "`2009-21-05` gives a day of a season; a season is written without one, as 2009-21".into()),
            ("1950S2", "`1950S2` gives significant digits (S), which is EDTF level 2 and not supported; write unspecified digits instead, as 19XX for the 1900s".into()),
            ("[1667,1668]", "`[1667,1668]` is a set of dates (EDTF level 2), which stanceline does not support; record one position for each date, or give an interval such as 2003/2005".into()),
            // What people write.
            ("07/27/2009", "`07/27/2009` looks like a day-month or month-day date; write 2009-07-27".into()),
            ("27.07.2009", "`27.07.2009` looks like a day-month or month-day date; write 2009-07-27".into()),
            ("27-07-2009", "`27-07-2009` looks like a day-month or month-day date; write 2009-07-27".into()),
            ("7/8/2009", "`7/8/2009` looks like a day-month or month-day date; write 2009-07-08 (month first) or 2009-08-07 (day first)".into()),
            ("07/2009", "`07/2009` looks like a month and a year; write 2009-07".into()),
            ("2009/07/27", "`2009/07/27` separates the parts of a date with `/`; EDTF writes 2009-07-27".into()),
            ("2009.07.27", "`2009.07.27` separates the parts of a date with `.`; EDTF writes 2009-07-27".into()),
            ("2003-2005", "`2003-2005` looks like a range of years; write an interval with a slash, as 2003/2005".into()),
            ("July 2009", "`July 2009` is written in words; EDTF writes it 2009-07".into()),
            ("Jul 27, 2009", "`Jul 27, 2009` is written in words; EDTF writes it 2009-07-27".into()),
            ("27 July 2009", "`27 July 2009` is written in words; EDTF writes it 2009-07-27".into()),
            ("Sept. 1st, 2009", "`Sept. 1st, 2009` is written in words; EDTF writes it 2009-09-01".into()),
            ("spring 2009", "`spring 2009` is written in words; EDTF writes it 2009-21".into()),
            ("Fall of 2009", "`Fall of 2009` is written in words; EDTF writes it 2009-23".into()),
            ("2009-spring", "`2009-spring` is written in words; EDTF writes it 2009-21".into()),
            ("circa 2009", "`circa 2009` is written in words; EDTF writes it 2009~".into()),
            ("about March 2009", "`about March 2009` is written in words; EDTF writes it 2009-03~".into()),
            ("Feb 30, 2009", "`Feb 30, 2009` is not a date".into()),
            ("July", "`July` is not a date".into()),
            ("2003 / 2005", "`2003 / 2005` has spaces around `/`; write 2003/2005".into()),
            ("2003/ 2005-07", "`2003/ 2005-07` has spaces around `/`; write 2003/2005-07".into()),
            ("2009 -07", "`2009 -07` has spaces in it; write 2009-07".into()),
            ("2009–07–27", "`2009–07–27` has an en dash (–) where EDTF has a hyphen (-); write 2009-07-27".into()),
            ("2009—07", "`2009—07` has an em dash (—) where EDTF has a hyphen (-); write 2009-07".into()),
            ("2003–2005", "`2003–2005` has an en dash (–) between two dates; write an interval with a slash, as 2003/2005".into()),
            ("2003 – 2005-07", "`2003 – 2005-07` has an en dash (–) between two dates; write an interval with a slash, as 2003/2005-07".into()),
            ("２００９-０７-２７", "`２００９-０７-２７` has full-width digits; write 2009-07-27".into()),
            ("２００９－０７", "`２００９－０７` has full-width characters; write 2009-07".into()),
            ("2009年", "`2009年` is not a date".into()),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter_map(|(text, message)| {
                let got = parse(text).map_or_else(|e| e.message, |d| format!("accepted {d}"));
                (got != *message)
                    .then(|| format!("{text:?}\n  got:      {got}\n  expected: {message}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn overlapping_partial_interval_is_fine() {
        // 2005-07/2005: ends with the year, which ends after July starts.
        assert!(parse("2005-07/2005").is_ok());
    }
}
