//! EDTF level-1 date subset (ISO 8601-2) used everywhere in annotations and on the command line.
//!
//! Accepted forms: `2009`, `2009-07`, `2009-07-27`, each optionally followed by `?` (uncertain),
//! `~` (approximate) or `%` (both); intervals `2003/2005-07`; open ends `2009-04/..` and
//! `../2005-07-25`. A partial date stands for its whole period.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// How much of a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// One written date such as `2009-07~`, with its qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DatePoint {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub uncertain: bool,
    pub approximate: bool,
}

impl DatePoint {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day of the period the date stands for.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(
            self.year,
            self.month.map_or(1, u32::from),
            self.day.map_or(1, u32::from),
        )
        .expect("validated at parse time")
    }

    /// The last day of the period the date stands for.
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m.into(), d.into()),
            (Some(m), None) => last_day_of_month(self.year, m.into()),
            (None, _) => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .expect("validated at parse time")
    }

    /// A day-precision date point.
    pub fn from_day(day: NaiveDate) -> Self {
        DatePoint {
            year: day.year(),
            // Months and days of a calendar date fit a byte.
            month: Some(day.month() as u8),
            day: Some(day.day() as u8),
            uncertain: false,
            approximate: false,
        }
    }
}

impl fmt::Display for DatePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        match (self.uncertain, self.approximate) {
            (true, true) => f.write_str("%"),
            (true, false) => f.write_str("?"),
            (false, true) => f.write_str("~"),
            (false, false) => Ok(()),
        }
    }
}

/// A date or an interval as written in EDTF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edtf {
    /// A single date, standing for its whole period.
    Date(DatePoint),
    /// An interval; `None` is an open end (`..`).
    Interval {
        start: Option<DatePoint>,
        end: Option<DatePoint>,
    },
}

impl Edtf {
    /// The first day covered, or `None` for an open start.
    pub fn start_day(&self) -> Option<NaiveDate> {
        match self {
            Edtf::Date(d) => Some(d.first_day()),
            Edtf::Interval { start, .. } => start.map(|d| d.first_day()),
        }
    }

    /// The last day covered, or `None` for an open end.
    pub fn end_day(&self) -> Option<NaiveDate> {
        match self {
            Edtf::Date(d) => Some(d.last_day()),
            Edtf::Interval { end, .. } => end.map(|d| d.last_day()),
        }
    }

    /// The written date points (one or two).
    pub fn points(&self) -> impl Iterator<Item = &DatePoint> {
        let (a, b) = match self {
            Edtf::Date(d) => (Some(d), None),
            Edtf::Interval { start, end } => (start.as_ref(), end.as_ref()),
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

    /// True for an interval with both ends given (it holds through its end and no further).
    pub fn is_closed_interval(&self) -> bool {
        matches!(
            self,
            Edtf::Interval {
                start: Some(_),
                end: Some(_)
            }
        )
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Edtf::Date(d) => d.fmt(f),
            Edtf::Interval { start, end } => {
                match start {
                    Some(d) => d.fmt(f)?,
                    None => f.write_str("..")?,
                }
                f.write_str("/")?;
                match end {
                    Some(d) => d.fmt(f),
                    None => f.write_str(".."),
                }
            }
        }
    }
}

/// Why a date did not parse. The message says what is wrong; `expected` what would be right.
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
pub const DATE_HELP: &str = "dates are written 2009, 2009-07 or 2009-07-27, optionally followed by ? (uncertain), ~ (approximate) or % (both); intervals as 2003/2005-07, 2009-04/.. or ../2005-07-25";

fn err(message: impl Into<String>) -> DateError {
    DateError {
        message: message.into(),
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))
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

/// The value of a string of at most four ASCII digits.
fn digits(s: &str) -> u32 {
    s.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parse one date point such as `2009-07-27~`.
pub fn parse_point(text: &str) -> Result<DatePoint, DateError> {
    let (body, uncertain, approximate) = match text.as_bytes().last() {
        Some(b'?') => (&text[..text.len() - 1], true, false),
        Some(b'~') => (&text[..text.len() - 1], false, true),
        Some(b'%') => (&text[..text.len() - 1], true, true),
        _ => (text, false, false),
    };
    if body.is_empty() {
        return Err(err(format!("`{text}` is not a date")));
    }
    // Year, month, day: at most three parts, all digits.
    let mut parts = [""; 3];
    let mut count = 0;
    for part in body.split('-') {
        if count == parts.len() || !all_digits(part) {
            return Err(err(format!("`{text}` is not a date")));
        }
        parts[count] = part;
        count += 1;
    }
    let parts = &parts[..count];
    if parts[0].len() != 4 {
        return Err(err(format!(
            "`{text}` is not a date: the year must have four digits"
        )));
    }
    let year = digits(parts[0]) as i32;
    let mut point = DatePoint {
        year,
        month: None,
        day: None,
        uncertain,
        approximate,
    };
    if let Some(m) = parts.get(1) {
        if m.len() != 2 {
            return Err(err(format!(
                "`{text}` is not a date: the month must have two digits"
            )));
        }
        let month = digits(m);
        if !(1..=12).contains(&month) {
            return Err(err(format!(
                "`{text}` has month {month}, but months run from 01 to 12"
            )));
        }
        point.month = Some(month as u8);
    }
    if let Some(d) = parts.get(2) {
        if d.len() != 2 {
            return Err(err(format!(
                "`{text}` is not a date: the day must have two digits"
            )));
        }
        let day = digits(d);
        let month = u32::from(point.month.expect("three parts have a month"));
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(err(format!(
                "`{text}` does not exist: {year:04}-{month:02} has {last} days"
            )));
        }
        point.day = Some(day as u8);
    }
    Ok(point)
}

/// Parse a date or an interval.
pub fn parse(text: &str) -> Result<Edtf, DateError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(err("the date is empty"));
    }
    match text.split_once('/') {
        None => {
            if text == ".." {
                return Err(err("`..` is only allowed as one end of an interval"));
            }
            parse_point(text).map(Edtf::Date)
        }
        Some((a, b)) => {
            if b.contains('/') {
                return Err(err(format!(
                    "`{text}` has more than one `/`; an interval has a start and an end"
                )));
            }
            let side = |s: &str, which: &str| -> Result<Option<DatePoint>, DateError> {
                match s {
                    ".." => Ok(None),
                    "" => Err(err(format!(
                        "`{text}` has an empty {which}; write `..` for an open {which}"
                    ))),
                    s => parse_point(s).map(Some),
                }
            };
            let start = side(a, "start")?;
            let end = side(b, "end")?;
            if start.is_none() && end.is_none() {
                return Err(err("`../..` is open at both ends; give at least one date"));
            }
            if let (Some(s), Some(e)) = (start, end)
                && e.last_day() < s.first_day()
            {
                return Err(err(format!("`{text}` ends ({e}) before it starts ({s})")));
            }
            Ok(Edtf::Interval { start, end })
        }
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
            ("2009?", "2009-01-01", "2009-12-31"),
            ("2009-07~", "2009-07-01", "2009-07-31"),
            ("2009-07-27%", "2009-07-27", "2009-07-27"),
            ("2003/2005-07", "2003-01-01", "2005-07-31"),
            ("2003~/2005-07-24", "2003-01-01", "2005-07-24"),
            ("2009-07-27/2009-07-27", "2009-07-27", "2009-07-27"),
            ("2000-02-29", "2000-02-29", "2000-02-29"),
        ];
        for (text, start, end) in cases {
            let d = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(d.start_day(), Some(day(start)), "{text}");
            assert_eq!(d.end_day(), Some(day(end)), "{text}");
            assert_eq!(d.to_string(), text, "round trip");
        }
    }

    #[test]
    fn open_ends() {
        let d = parse("2009-04/..").unwrap();
        assert_eq!(d.start_day(), Some(day("2009-04-01")));
        assert_eq!(d.end_day(), None);
        assert!(!d.is_closed_interval());
        let d = parse("../2005-07-25").unwrap();
        assert_eq!(d.start_day(), None);
        assert_eq!(d.end_day(), Some(day("2005-07-25")));
        assert_eq!(d.to_string(), "../2005-07-25");
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
        assert!(d.is_closed_interval());
    }

    #[test]
    fn rejects_bad_forms() {
        let cases = [
            ("", "the date is empty"),
            (
                "2009-13",
                "`2009-13` has month 13, but months run from 01 to 12",
            ),
            (
                "2009-00",
                "`2009-00` has month 0, but months run from 01 to 12",
            ),
            (
                "2009-02-30",
                "`2009-02-30` does not exist: 2009-02 has 28 days",
            ),
            (
                "2009-04-31",
                "`2009-04-31` does not exist: 2009-04 has 30 days",
            ),
            (
                "2009-07-00",
                "`2009-07-00` does not exist: 2009-07 has 31 days",
            ),
            ("209", "`209` is not a date: the year must have four digits"),
            (
                "2009-7",
                "`2009-7` is not a date: the month must have two digits",
            ),
            (
                "2009-07-1",
                "`2009-07-1` is not a date: the day must have two digits",
            ),
            ("July 2009", "`July 2009` is not a date"),
            ("2009-07-27-01", "`2009-07-27-01` is not a date"),
            ("2009??", "`2009??` is not a date"),
            ("?", "`?` is not a date"),
            ("..", "`..` is only allowed as one end of an interval"),
            (
                "../..",
                "`../..` is open at both ends; give at least one date",
            ),
            (
                "2005/2003",
                "`2005/2003` ends (2003) before it starts (2005)",
            ),
            (
                "2009-07-27/2009-07-26",
                "`2009-07-27/2009-07-26` ends (2009-07-26) before it starts (2009-07-27)",
            ),
            (
                "2003/",
                "`2003/` has an empty end; write `..` for an open end",
            ),
            (
                "/2003",
                "`/2003` has an empty start; write `..` for an open start",
            ),
            (
                "2003/2004/2005",
                "`2003/2004/2005` has more than one `/`; an interval has a start and an end",
            ),
            ("2009-07-27T10:00", "`2009-07-27T10:00` is not a date"),
            ("+2009", "`+2009` is not a date"),
        ];
        for (text, message) in cases {
            assert_eq!(parse(text).unwrap_err().message, message, "{text:?}");
        }
    }

    #[test]
    fn overlapping_partial_interval_is_fine() {
        // 2005-07/2005: ends with the year, which ends after July starts.
        assert!(parse("2005-07/2005").is_ok());
    }
}
