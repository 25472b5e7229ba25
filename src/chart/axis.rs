//! The time axis: the span of the data, the mapping from days to pixels, and ticks on
//! calendar boundaries (years, months or days, chosen from the span and the width).

use super::paint::Font;
use super::style;
use chrono::{Datelike, NaiveDate};

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl DayRange {
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// The span widened by a small margin on each side, and to at least `min_days`, so that
    /// nothing sits on the frame and one day does not fill the chart.
    pub fn padded(&self, min_days: i64) -> DayRange {
        let days = self.days();
        let mut before = (days as f64 * 0.03).ceil() as i64;
        let mut after = before;
        if days + before + after < min_days {
            let missing = min_days - days;
            before = missing / 2;
            after = missing - before;
        }
        DayRange {
            first: shift(self.first, -before),
            last: shift(self.last, after),
        }
    }
}

/// A day moved by `days`, saturating at chrono's limits.
pub fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_signed(chrono::TimeDelta::days(days))
        .unwrap_or(if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// Maps days to x: day `d` covers `[x(d), x(d + 1))`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeScale {
    pub span: DayRange,
    pub x0: f64,
    pub x1: f64,
    first: i64,
    per_day: f64,
}

impl TimeScale {
    pub fn new(span: DayRange, x0: f64, x1: f64) -> Self {
        let first = span.first.num_days_from_ce() as i64;
        TimeScale {
            span,
            x0,
            x1,
            first,
            per_day: (x1 - x0) / span.days() as f64,
        }
    }

    /// The left edge of a day.
    pub fn x(&self, d: NaiveDate) -> f64 {
        self.x0 + (d.num_days_from_ce() as i64 - self.first) as f64 * self.per_day
    }

    /// The right edge of a day.
    pub fn x_end(&self, d: NaiveDate) -> f64 {
        self.x(d) + self.per_day
    }

    pub fn per_day(&self) -> f64 {
        self.per_day
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Days(u32),
    Months(u32),
    Years(u32),
}

impl Step {
    fn approx_days(&self) -> f64 {
        match *self {
            Step::Days(n) => n as f64,
            Step::Months(n) => n as f64 * 30.44,
            Step::Years(n) => n as f64 * 365.25,
        }
    }
}

/// The ticks and labels of the time axis.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ticks {
    pub marks: Vec<Mark>,
    pub labels: Vec<Label>,
}

/// A tick mark (and grid line) on a calendar boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub date: NaiveDate,
    /// A year boundary among month ticks, or a month boundary among day ticks.
    pub strong: bool,
}

/// A label of the time axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub place: Place,
    /// 0: the labels of the ticks; 1: the coarser context under them (the year under
    /// months, the month under days), left-aligned on their boundary.
    pub row: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Centered on a tick.
    At(NaiveDate),
    /// Centered in a period (first day, last day), as cut by the axis: a year's label sits
    /// in the middle of its year.
    Within(NaiveDate, NaiveDate),
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Ticks never closer than this many pixels, so the axis stays calm: a span of a few years
/// gets yearly ticks, a year gets months.
const MIN_SPACING: f64 = 80.0;

const STEPS: [Step; 18] = [
    Step::Days(1),
    Step::Days(2),
    Step::Days(7),
    Step::Days(14),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(25),
    Step::Years(50),
    Step::Years(100),
    Step::Years(200),
    Step::Years(500),
    Step::Years(1000),
];

/// The finest calendar step whose labels do not crowd `width` pixels over `span`.
pub fn choose_step(span: DayRange, width: f64) -> Step {
    let font = Font::regular(style::TICK);
    let per_day = width / span.days() as f64;
    for step in STEPS {
        let spacing = per_day * step.approx_days();
        let need = match step {
            Step::Years(_) => font.width("0000") + 22.0,
            Step::Months(_) => font.width("May") + 16.0,
            Step::Days(n) => {
                // The month under the day labels needs room between month starts too.
                let per_month = (30.0 / n as f64).floor().max(1.0);
                (font.width("30") + 14.0).max((font.width("Sep 2009") + 16.0) / per_month)
            }
        };
        if spacing >= need.max(MIN_SPACING) {
            return step;
        }
    }
    Step::Years(1000)
}

/// The ticks of `step` within `span`. Single years and single months are labelled in the
/// middle of their period (so a partial year at either end is named too); coarser or finer
/// steps on their ticks.
pub fn ticks(span: DayRange, step: Step) -> Ticks {
    let mut t = Ticks::default();
    let context = |t: &mut Ticks, text: String, at: NaiveDate| {
        t.labels.push(Label {
            text,
            place: Place::At(at.max(span.first)),
            row: 1,
        })
    };
    match step {
        Step::Years(n) => {
            let n = n as i32;
            let mut y = span.first.year().div_euclid(n) * n;
            while y <= span.last.year() {
                let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) else {
                    break;
                };
                if d >= span.first {
                    t.marks.push(Mark {
                        date: d,
                        strong: false,
                    });
                }
                if n == 1 {
                    let end = NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX);
                    t.labels.push(Label {
                        text: format!("{y}"),
                        place: Place::Within(d.max(span.first), end.min(span.last)),
                        row: 0,
                    });
                } else if d >= span.first {
                    t.labels.push(Label {
                        text: format!("{y}"),
                        place: Place::At(d),
                        row: 0,
                    });
                }
                y += n;
            }
        }
        Step::Months(n) => {
            let (mut y, mut m) = (span.first.year(), span.first.month());
            while let Some(d) = NaiveDate::from_ymd_opt(y, m, 1).filter(|d| *d <= span.last) {
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                if (m - 1) % n == 0 {
                    if d >= span.first {
                        t.marks.push(Mark {
                            date: d,
                            strong: m == 1,
                        });
                    }
                    let text = MONTHS[m as usize - 1].to_string();
                    if n == 1 {
                        let end = NaiveDate::from_ymd_opt(ny, nm, 1)
                            .and_then(|e| e.pred_opt())
                            .unwrap_or(NaiveDate::MAX);
                        t.labels.push(Label {
                            text,
                            place: Place::Within(d.max(span.first), end.min(span.last)),
                            row: 0,
                        });
                    } else if d >= span.first {
                        t.labels.push(Label {
                            text,
                            place: Place::At(d),
                            row: 0,
                        });
                    }
                }
                if m == 1 || d <= span.first {
                    context(&mut t, format!("{y}"), d);
                }
                (y, m) = (ny, nm);
            }
        }
        Step::Days(n) => {
            let keep = |day: u32| match n {
                1 => true,
                2 => day % 2 == 1 && day < 31,
                7 => matches!(day, 1 | 8 | 15 | 22),
                _ => matches!(day, 1 | 15),
            };
            let mut d = span.first;
            while d <= span.last {
                if keep(d.day()) {
                    t.marks.push(Mark {
                        date: d,
                        strong: d.day() == 1,
                    });
                    t.labels.push(Label {
                        text: format!("{}", d.day()),
                        place: Place::At(d),
                        row: 0,
                    });
                }
                if d.day() == 1 || d == span.first {
                    let text = format!("{} {}", MONTHS[d.month0() as usize], d.year());
                    context(&mut t, text, d);
                }
                match d.succ_opt() {
                    Some(next) => d = next,
                    None => break,
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn span(a: &str, b: &str) -> DayRange {
        DayRange {
            first: day(a),
            last: day(b),
        }
    }

    #[test]
    fn padding() {
        let one = span("2009-07-27", "2009-07-27").padded(31);
        assert_eq!(one.days(), 31);
        assert_eq!(one.first, day("2009-07-12"));
        let long = span("2000-01-01", "2009-12-31").padded(31);
        // 3% of 3,653 days: 110 days on each side.
        assert_eq!(long.first, day("1999-09-13"));
        assert_eq!(long.last, day("2010-04-20"));
    }

    #[test]
    fn scale_maps_days_to_edges() {
        let s = TimeScale::new(span("2009-01-01", "2009-01-10"), 100.0, 200.0);
        assert_eq!(s.x(day("2009-01-01")), 100.0);
        assert_eq!(s.x_end(day("2009-01-10")), 200.0);
        assert_eq!(s.x(day("2009-01-06")), 150.0);
    }

    #[test]
    fn steps_follow_the_span() {
        super::super::style::register_fonts().unwrap();
        assert!(matches!(
            choose_step(span("2000-01-01", "2009-12-31"), 1000.0),
            Step::Years(1)
        ));
        assert!(matches!(
            choose_step(span("2009-01-01", "2009-12-31"), 1000.0),
            Step::Months(1)
        ));
        assert!(matches!(
            choose_step(span("2003-06-17", "2009-12-10"), 1000.0),
            Step::Years(1)
        ));
        assert!(matches!(
            choose_step(span("2009-07-12", "2009-08-11"), 1000.0),
            Step::Days(7)
        ));
        assert!(matches!(
            choose_step(span("1000-01-01", "2009-12-31"), 1000.0),
            Step::Years(100)
        ));
    }

    fn texts(t: &Ticks, row: u8) -> Vec<&str> {
        t.labels
            .iter()
            .filter(|l| l.row == row)
            .map(|l| l.text.as_str())
            .collect()
    }

    #[test]
    fn ticks_sit_on_calendar_boundaries() {
        let t = ticks(span("2008-11-15", "2009-03-02"), Step::Months(1));
        let marks: Vec<String> = t.marks.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(
            marks,
            ["2008-12-01", "2009-01-01", "2009-02-01", "2009-03-01"]
        );
        assert!(t.marks[1].strong && !t.marks[2].strong);
        assert_eq!(texts(&t, 0), ["Nov", "Dec", "Jan", "Feb", "Mar"]);
        assert_eq!(
            t.labels[0].place,
            Place::Within(day("2008-11-15"), day("2008-11-30"))
        );
        assert_eq!(texts(&t, 1), ["2008", "2009"]);

        let t = ticks(span("2003-06-17", "2009-12-10"), Step::Years(1));
        assert_eq!(t.marks.len(), 6);
        assert_eq!(
            texts(&t, 0),
            ["2003", "2004", "2005", "2006", "2007", "2008", "2009"]
        );
        let t = ticks(span("2003-06-17", "2009-12-10"), Step::Years(2));
        assert_eq!(texts(&t, 0), ["2004", "2006", "2008"]);

        let t = ticks(span("2009-07-12", "2009-08-11"), Step::Days(7));
        assert_eq!(texts(&t, 0), ["15", "22", "1", "8"]);
        assert_eq!(texts(&t, 1), ["Jul 2009", "Aug 2009"]);
    }
}
