//! Publication dates as the input wrote them, read into a time the reader can
//! sort by and a short form it can show. Articles keep the date as written
//! (see [`crate::model::Article::date`]); this module only reads it. The
//! common forms are understood: RFC 3339 / ISO 8601 with or without a time or
//! an offset, RFC 2822 (RSS: `Tue, 03 Jun 2008 11:05:30 GMT`), a bare
//! `2024-05-01`, and written-out dates (`3 June 2008`, `June 3, 2008`).
//! Dates are shown in the source's own time: no conversion to local time.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// A date read from an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// The date and time as the source wrote them (its own time zone).
    pub wall: NaiveDateTime,
    /// Whether a time of day was written (else `wall` is at midnight).
    pub has_time: bool,
    /// The offset from UTC in seconds, when one was written.
    pub offset: Option<i32>,
}

/// Date-and-time forms without an offset, tried in order.
const DATE_TIMES: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

/// Date-only forms, tried in order.
const DATES: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
];

impl Date {
    /// Reads `text`, or `None` when it is in none of the known forms.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let with_offset = DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_rfc2822(text))
            .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
            .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f %z"));
        if let Ok(date) = with_offset {
            return Some(Date {
                wall: date.naive_local(),
                has_time: true,
                offset: Some(date.offset().local_minus_utc()),
            });
        }
        // "2024-05-01T08:00:00Z" is RFC 3339; without the Z or an offset it is
        // ISO 8601 local time, taken as written.
        let text = text.strip_suffix('Z').unwrap_or(text);
        if let Some(wall) = DATE_TIMES
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        {
            return Some(Date {
                wall,
                has_time: true,
                offset: None,
            });
        }
        DATES
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
            .map(|day| Date {
                wall: day.and_time(NaiveTime::MIN),
                has_time: false,
                offset: None,
            })
    }

    /// Seconds since 1970 in UTC, for sorting: a date without an offset is
    /// taken as UTC, which is the best guess without knowing the source's zone.
    pub fn sort_key(&self) -> i64 {
        self.wall.and_utc().timestamp() - i64::from(self.offset.unwrap_or(0))
    }

    /// The short form for the article list: `2026-11-30 08:00`, or
    /// `2026-11-30` when no time was written.
    pub fn short(&self) -> String {
        if self.has_time {
            self.wall.format("%Y-%m-%d %H:%M").to_string()
        } else {
            self.wall.format("%Y-%m-%d").to_string()
        }
    }

    /// The full form for the metadata line: the short form plus the offset as
    /// written (`2026-11-30 08:00 +01:00`; `UTC` for a zero offset).
    pub fn full(&self) -> String {
        let short = self.short();
        match self.offset {
            Some(0) => format!("{short} UTC"),
            Some(seconds) => {
                let sign = if seconds < 0 { '-' } else { '+' };
                let minutes = seconds.unsigned_abs() / 60;
                format!("{short} {sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
            None => short,
        }
    }
}

/// The sort key of a date as written (`None`: undated or unreadable).
pub fn sort_key(text: Option<&str>) -> Option<i64> {
    text.and_then(Date::parse).map(|d| d.sort_key())
}

/// `text` in the list's short form, or as written when it cannot be read.
pub fn short(text: &str) -> String {
    Date::parse(text).map_or_else(|| text.to_string(), |d| d.short())
}

/// `text` in the metadata line's full form, or as written when it cannot be read.
pub fn full(text: &str) -> String {
    Date::parse(text).map_or_else(|| text.to_string(), |d| d.full())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_the_common_forms() {
        let cases = [
            (
                "2026-11-30T08:00:00+00:00",
                "2026-11-30 08:00",
                "2026-11-30 08:00 UTC",
            ),
            (
                "2026-11-30T08:00:00Z",
                "2026-11-30 08:00",
                "2026-11-30 08:00 UTC",
            ),
            (
                "2026-11-30T09:30:15.250+01:00",
                "2026-11-30 09:30",
                "2026-11-30 09:30 +01:00",
            ),
            (
                "2026-11-30 08:00:00",
                "2026-11-30 08:00",
                "2026-11-30 08:00",
            ),
            ("2026-11-30T08:00", "2026-11-30 08:00", "2026-11-30 08:00"),
            (
                "Tue, 03 Jun 2008 11:05:30 GMT",
                "2008-06-03 11:05",
                "2008-06-03 11:05 UTC",
            ),
            (
                "Tue, 03 Jun 2008 11:05:30 -0500",
                "2008-06-03 11:05",
                "2008-06-03 11:05 -05:00",
            ),
            ("  2024-05-01 ", "2024-05-01", "2024-05-01"),
            ("3 June 2008", "2008-06-03", "2008-06-03"),
            ("June 3, 2008", "2008-06-03", "2008-06-03"),
        ];
        for (text, short_form, full_form) in cases {
            let date = Date::parse(text).unwrap_or_else(|| panic!("{text:?} not read"));
            assert_eq!(date.short(), short_form, "{text}");
            assert_eq!(date.full(), full_form, "{text}");
        }
    }

    #[test]
    fn unreadable_dates_are_shown_as_written_and_have_no_sort_key() {
        for text in ["", "yesterday", "Q3 2024", "2024-13-45"] {
            assert_eq!(Date::parse(text), None, "{text:?}");
            assert_eq!(short(text), text);
            assert_eq!(sort_key(Some(text)), None);
        }
        assert_eq!(sort_key(None), None);
    }

    #[test]
    fn sort_key_compares_instants_across_offsets() {
        let utc = sort_key(Some("2026-11-30T08:00:00+00:00"));
        let paris = sort_key(Some("2026-11-30T09:00:00+01:00"));
        let rss = sort_key(Some("Mon, 30 Nov 2026 08:00:00 GMT"));
        assert_eq!(utc, paris);
        assert_eq!(utc, rss);
        let later = sort_key(Some("2026-11-30T08:01:00Z"));
        assert!(later > utc);
        assert!(
            sort_key(Some("2026-11-30")) < utc,
            "a bare date is its midnight"
        );
    }
}
