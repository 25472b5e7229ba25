//! Intervals of days with inclusive bounds, open when a bound is `None`: when a position
//! holds, when a segment lasts, when a speaker spoke for a party.

use chrono::NaiveDate;

/// Days from `start` through `end`, both included; `None` is open on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

impl Interval {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }

    /// Whether the interval shares a day with `[start, end]` (open when `None`).
    pub fn overlaps(&self, start: Option<NaiveDate>, end: Option<NaiveDate>) -> bool {
        let starts_before_end = match (self.start, end) {
            (Some(s), Some(e)) => s <= e,
            _ => true,
        };
        let ends_after_start = match (self.end, start) {
            (Some(e), Some(s)) => e >= s,
            _ => true,
        };
        starts_before_end && ends_after_start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn bounds_are_inclusive_and_none_is_open() {
        let i = Interval {
            start: Some(day("2009-01-01")),
            end: Some(day("2009-01-31")),
        };
        assert!(i.contains(day("2009-01-01")) && i.contains(day("2009-01-31")));
        assert!(!i.contains(day("2008-12-31")) && !i.contains(day("2009-02-01")));
        assert!(i.overlaps(Some(day("2009-01-31")), None));
        assert!(!i.overlaps(Some(day("2009-02-01")), None));
        assert!(i.overlaps(None, Some(day("2009-01-01"))));
        assert!(!i.overlaps(None, Some(day("2008-12-31"))));
        let open = Interval {
            start: None,
            end: None,
        };
        assert!(open.contains(day("1900-01-01")) && open.overlaps(None, None));
    }
}
