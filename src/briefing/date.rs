//! The EDTF (ISO 8601-2) subset briefings use: `YYYY`, `YYYY-MM`,
//! `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss]` with `Z` or `±hh:mm`, each with an
//! optional `~` (approximate), `?` (uncertain) or `%` (both), and intervals
//! `A/B` where either end may be `..` (open).

use std::fmt;

pub const ACCEPTED: &str = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss] with Z or ±hh:mm, \
optionally ending in ~ (approximate), ? (uncertain) or % (both), or an interval A/B where either end may be ..";

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Approximate,
    Uncertain,
    Both,
}

#[derive(
    serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
)]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
    Second,
}

/// One point in time, to the precision it was written with.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Offset from UTC in minutes; `None` for dates without a time.
    pub offset: Option<i16>,
    pub precision: Precision,
    pub qualifier: Option<Qualifier>,
}

impl Point {
    /// Where the period the point names ends (its start, for the next
    /// year, month, day, minute or second): `2026-03` ends at April's start.
    pub fn end_instant(&self) -> i64 {
        let start = self.start_instant();
        let off = i64::from(self.offset.unwrap_or(0)) * 60;
        match self.precision {
            Precision::Year => days_from_civil(self.year + 1, 1, 1) * 86_400 - off,
            Precision::Month => {
                let (y, m) = if self.month >= 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, self.month + 1)
                };
                days_from_civil(y, m, 1) * 86_400 - off
            }
            Precision::Day => start + 86_400,
            Precision::Minute => start + 60,
            Precision::Second => start + 1,
        }
    }

    /// Seconds since 1970-01-01T00:00Z of the instant the point starts.
    pub fn start_instant(&self) -> i64 {
        let days = days_from_civil(self.year, self.month.max(1), self.day.max(1));
        let secs = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second);
        secs - i64::from(self.offset.unwrap_or(0)) * 60
    }
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq)]
pub enum DateValue {
    Point(Point),
    /// An interval; `None` is an open end (`..`).
    Interval(Option<Point>, Option<Point>),
}

/// A date as written, with its parsed value.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Date {
    pub text: crate::briefing::model::Str,
    pub value: DateValue,
}

impl Date {
    /// The instant used to order the timeline: where the date starts; for an
    /// interval open at the start, where its end starts.
    pub fn sort_key(&self) -> Option<i64> {
        match &self.value {
            DateValue::Point(p) => Some(p.start_instant()),
            DateValue::Interval(Some(a), _) => Some(a.start_instant()),
            DateValue::Interval(None, Some(b)) => Some(b.start_instant()),
            DateValue::Interval(None, None) => None,
        }
    }
}

/// How much of a date a list can leave out because every date shown
/// shares it.
/// Whether times are written in their own zones, or in UTC because the
/// zones differ (two 06:15 in different zones are an hour apart).
pub fn mixed_zones<'a>(dates: impl Iterator<Item = &'a Date>) -> bool {
    let mut seen: Option<i16> = None;
    for d in dates {
        let points: Vec<&Point> = match &d.value {
            DateValue::Point(p) => vec![p],
            DateValue::Interval(a, b) => a.iter().chain(b.iter()).collect(),
        };
        for p in points
            .into_iter()
            .filter(|p| p.precision >= Precision::Minute)
        {
            let off = p.offset.unwrap_or(0);
            match seen {
                None => seen = Some(off),
                Some(s) if s != off => return true,
                _ => {}
            }
        }
    }
    false
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Frame {
    /// Dates differ in their year: write it.
    #[default]
    Years,
    /// All in one year: leave it out.
    OneYear,
    /// All on one day: times only.
    OneDay,
}

impl Frame {
    /// The frame that fits every dated point of `dates`.
    pub fn of<'a>(dates: impl Iterator<Item = &'a Date>) -> Frame {
        let mut days: Option<(i32, u8, u8)> = None;
        let mut year_only = true;
        let mut same_day = true;
        let mut any = false;
        for d in dates {
            let points: Vec<&Point> = match &d.value {
                DateValue::Point(p) => vec![p],
                DateValue::Interval(a, b) => a.iter().chain(b.iter()).collect(),
            };
            for p in points {
                any = true;
                let day = (p.year, p.month, p.day);
                match days {
                    None => days = Some(day),
                    Some(first) => {
                        year_only &= first.0 == day.0;
                        same_day &= first == day && p.precision >= Precision::Day;
                    }
                }
                same_day &= p.precision >= Precision::Minute;
            }
        }
        match (any, same_day, year_only) {
            (false, _, _) => Frame::Years,
            (true, true, _) => Frame::OneDay,
            (true, false, true) => Frame::OneYear,
            _ => Frame::Years,
        }
    }
}

pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Point {
    /// For people: `14 Mar 2026`, `Mar 2026`, `14 Mar 06:15`, `~2025`,
    /// `Nov 2025?`, leaving out what the frame says all dates share.
    pub fn human(&self, frame: Frame) -> String {
        self.human_in(frame, false)
    }

    /// The same point in UTC, for lists whose times are in several zones.
    fn in_utc(&self) -> Point {
        let secs = self.start_instant();
        let days = secs.div_euclid(86_400);
        let rest = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Point {
            year,
            month,
            day,
            hour: (rest / 3600) as u8,
            minute: (rest / 60 % 60) as u8,
            second: (rest % 60) as u8,
            offset: Some(0),
            ..*self
        }
    }

    /// For people; `utc` writes a time in UTC, marked `Z`.
    pub fn human_in(&self, frame: Frame, utc: bool) -> String {
        let mut o = String::with_capacity(24);
        self.human_into(&mut o, frame, utc);
        o
    }

    /// [`Point::human_in`], written onto `o` (every event of a long
    /// timeline has one: no string is made for each part).
    pub fn human_into(&self, o: &mut String, frame: Frame, utc: bool) {
        if utc && self.precision >= Precision::Minute && self.offset != Some(0) {
            return self.in_utc().human_into(o, frame, true);
        }
        let month = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
        let years = frame == Frame::Years;
        if matches!(
            self.qualifier,
            Some(Qualifier::Approximate | Qualifier::Both)
        ) {
            o.push('~');
        }
        let day_month_year = |o: &mut String| {
            number(o, u32::from(self.day), 1);
            o.push(' ');
            o.push_str(month);
            if years {
                o.push(' ');
                year(o, self.year);
            }
        };
        match self.precision {
            Precision::Year => year(o, self.year),
            Precision::Month => {
                o.push_str(month);
                o.push(' ');
                year(o, self.year);
            }
            Precision::Day => day_month_year(o),
            p => {
                if frame != Frame::OneDay {
                    day_month_year(o);
                    o.push(' ');
                }
                number(o, u32::from(self.hour), 2);
                o.push(':');
                number(o, u32::from(self.minute), 2);
                if p == Precision::Second {
                    o.push(':');
                    number(o, u32::from(self.second), 2);
                }
                if utc {
                    o.push('Z');
                }
            }
        }
        if matches!(self.qualifier, Some(Qualifier::Uncertain | Qualifier::Both)) {
            o.push('?');
        }
    }
}

/// `n` in decimal, at least `width` digits (zeros in front).
fn number(o: &mut String, n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let (mut n, mut at) = (n, digits.len());
    while n > 0 || digits.len() - at < width.max(1) {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    // Only ASCII digits were written.
    o.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// A year as `Display` writes it: a minus sign before a year BCE.
fn year(o: &mut String, y: i32) {
    if y < 0 {
        o.push('-');
    }
    number(o, y.unsigned_abs(), 1);
}

impl Date {
    /// For people, for a date that stands alone (a briefing's as-of, a
    /// detail's field): `1 Jan 2026`, `14 Mar 2026 06:15Z`; a time in
    /// another zone also as written, which keeps its zone:
    /// `14 Mar 2026 06:15 (2026-03-14T06:15+01:00)`.
    pub fn alone(&self) -> String {
        let (short, zoned) = self.short_and_zoned();
        if zoned && short != self.text {
            format!("{short} ({})", self.text)
        } else {
            short
        }
    }

    /// [`Date::alone`], its time in UTC when `utc` (as the briefing's lists
    /// write times when their zones differ), so a detail and its list row
    /// never show two clocks: `14 Mar 2026 05:15Z (2026-03-14T06:15+01:00)`.
    pub fn alone_in(&self, utc: bool) -> String {
        let (_, zoned) = self.short_and_zoned();
        if utc && zoned {
            format!("{} ({})", self.human_in(Frame::Years, true), self.text)
        } else {
            self.alone()
        }
    }

    /// [`Date::alone`] without the written form: where room is short (a
    /// header, a library row).
    pub fn short(&self) -> String {
        self.short_and_zoned().0
    }

    /// The date for people (times in UTC marked `Z`), and whether it has a
    /// time in another zone, which only the written form says.
    fn short_and_zoned(&self) -> (String, bool) {
        let points: Vec<&Point> = match &self.value {
            DateValue::Point(p) => vec![p],
            DateValue::Interval(a, b) => a.iter().chain(b.iter()).collect(),
        };
        let timed = points.iter().filter(|p| p.precision >= Precision::Minute);
        let mut utc = true;
        let mut any = false;
        for p in timed {
            any = true;
            utc &= p.offset == Some(0);
        }
        (self.human_in(Frame::Years, any && utc), any && !utc)
    }

    /// The date for people, in a list where every date shares `frame`.
    pub fn human(&self, frame: Frame) -> String {
        self.human_in(frame, false)
    }

    /// For people, times in UTC when `utc` (the list's zones differ). An
    /// interval within one day writes its day once: `14 Mar 06:15 – 07:02`.
    pub fn human_in(&self, frame: Frame, utc: bool) -> String {
        match &self.value {
            DateValue::Point(p) => p.human_in(frame, utc),
            DateValue::Interval(a, b) => {
                let side = |p: &Option<Point>, f: Frame| {
                    p.as_ref().map_or("…".to_string(), |p| p.human_in(f, utc))
                };
                let same_day = match (a, b) {
                    (Some(x), Some(y)) if x.precision >= Precision::Minute => {
                        let (x, y) = if utc {
                            (x.in_utc(), y.in_utc())
                        } else {
                            (*x, *y)
                        };
                        (x.year, x.month, x.day) == (y.year, y.month, y.day)
                            && y.precision >= Precision::Minute
                    }
                    _ => false,
                };
                // Days of one month write the month once: `1–2 May 2026`.
                if let (Some(x), Some(y)) = (a, b)
                    && x.precision == Precision::Day
                    && y.precision == Precision::Day
                    && (x.year, x.month) == (y.year, y.month)
                    && x.qualifier.is_none()
                    && y.qualifier.is_none()
                {
                    return format!("{}–{}", x.day, y.human_in(frame, utc));
                }
                let end_frame = if same_day { Frame::OneDay } else { frame };
                format!("{} – {}", side(a, frame), side(b, end_frame))
            }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn parse(text: &str) -> Result<Date, DateError> {
    let t = text.trim();
    let value = if let Some((a, b)) = t.split_once('/') {
        let a = if a == ".." {
            None
        } else {
            Some(parse_point(a)?)
        };
        let b = if b == ".." {
            None
        } else {
            Some(parse_point(b)?)
        };
        if a.is_none() && b.is_none() {
            return Err(DateError("an interval needs at least one end".into()));
        }
        if let (Some(x), Some(y)) = (&a, &b)
            && x.start_instant() > y.start_instant()
        {
            return Err(DateError("the interval ends before it starts".into()));
        }
        DateValue::Interval(a, b)
    } else {
        DateValue::Point(parse_point(t)?)
    };
    Ok(Date {
        text: t.into(),
        value,
    })
}

fn digits(s: &str, n: usize, what: &str) -> Result<u32, DateError> {
    if s.len() != n || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError(format!("the {what} must be {n} digits")));
    }
    Ok(s.parse().unwrap_or(0))
}

fn parse_point(s: &str) -> Result<Point, DateError> {
    if s.is_empty() {
        return Err(DateError("the date is empty".into()));
    }
    let (body, qualifier) = match s.as_bytes()[s.len() - 1] {
        b'~' => (&s[..s.len() - 1], Some(Qualifier::Approximate)),
        b'?' => (&s[..s.len() - 1], Some(Qualifier::Uncertain)),
        b'%' => (&s[..s.len() - 1], Some(Qualifier::Both)),
        _ => (s, None),
    };
    if !body.is_ascii() {
        return Err(DateError(format!("`{s}` is not a date")));
    }
    // Words ("summer 2019", "early April"): not a malformed number but a
    // date written in words, which `when:` is for.
    if body
        .bytes()
        .any(|b| b.is_ascii_alphabetic() && b != b'T' && b != b'Z')
    {
        let year = body
            .split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 4)
            .map_or("YYYY".to_string(), str::to_string);
        return Err(DateError(format!(
            "it is written in words: on an event write `date: {year}` with `when: {s}`, which is shown instead"
        )));
    }
    let (date_part, time_part) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let mut fields = date_part.split('-');
    let year = digits(fields.next().unwrap_or(""), 4, "year")? as i32;
    let month = fields.next().map(|m| digits(m, 2, "month")).transpose()?;
    let day = fields.next().map(|d| digits(d, 2, "day")).transpose()?;
    if fields.next().is_some() {
        return Err(DateError(format!("`{s}` has too many parts")));
    }
    let mut p = Point {
        year,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        offset: None,
        precision: Precision::Year,
        qualifier,
    };
    if let Some(m) = month {
        if !(1..=12).contains(&m) {
            return Err(DateError(format!("month {m:02} does not exist")));
        }
        p.month = m as u8;
        p.precision = Precision::Month;
    }
    if let Some(d) = day {
        let max = days_in_month(year, p.month);
        if d == 0 || d > u32::from(max) {
            return Err(DateError(format!(
                "day {d:02} does not exist in {year}-{:02}",
                p.month
            )));
        }
        p.day = d as u8;
        p.precision = Precision::Day;
    }
    if let Some(t) = time_part {
        if day.is_none() {
            return Err(DateError("a time needs a full date before it".into()));
        }
        parse_time(t, &mut p)?;
    }
    Ok(p)
}

fn parse_time(t: &str, p: &mut Point) -> Result<(), DateError> {
    let (clock, offset) = if let Some(c) = t.strip_suffix('Z') {
        (c, 0i16)
    } else if let Some(i) = t.rfind(['+', '-']) {
        let (c, o) = t.split_at(i);
        let sign = if o.starts_with('-') { -1 } else { 1 };
        let (h, m) = o[1..]
            .split_once(':')
            .ok_or_else(|| DateError("the time zone must be Z or ±hh:mm".into()))?;
        let h = digits(h, 2, "zone hour")?;
        let m = digits(m, 2, "zone minute")?;
        if h > 23 || m > 59 {
            return Err(DateError("the time zone offset is out of range".into()));
        }
        (c, sign * (h * 60 + m) as i16)
    } else {
        return Err(DateError(
            "a time needs a time zone: Z or ±hh:mm (e.g. 14:30Z, 14:30+05:00)".into(),
        ));
    };
    let mut parts = clock.split(':');
    let h = digits(parts.next().unwrap_or(""), 2, "hour")?;
    let m = digits(parts.next().unwrap_or(""), 2, "minute")?;
    let s = parts.next().map(|s| digits(s, 2, "second")).transpose()?;
    if parts.next().is_some() || h > 23 || m > 59 || s.is_some_and(|s| s > 59) {
        return Err(DateError(format!("`{clock}` is not a time of day")));
    }
    p.hour = h as u8;
    p.minute = m as u8;
    p.second = s.unwrap_or(0) as u8;
    p.offset = Some(offset);
    p.precision = if s.is_some() {
        Precision::Second
    } else {
        Precision::Minute
    };
    Ok(())
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
/// The calendar date of a day number (days since 1970-01-01).
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod human_tests {
    use super::*;

    #[test]
    fn days_of_one_month_write_the_month_once() {
        let h = |t: &str| parse(t).unwrap().human(Frame::Years);
        assert_eq!(h("2026-05-01/2026-05-02"), "1–2 May 2026");
        assert_eq!(h("2026-04-30/2026-05-02"), "30 Apr 2026 – 2 May 2026");
        assert_eq!(h("2026-05-01~/2026-05-02"), "~1 May 2026 – 2 May 2026");
    }

    #[test]
    fn a_date_alone_adds_what_was_written_only_when_it_has_a_zone() {
        let alone = |t: &str| parse(t).unwrap().alone();
        assert_eq!(alone("2026-03-14"), "14 Mar 2026");
        assert_eq!(alone("2026-03~"), "~Mar 2026");
        assert_eq!(
            alone("2026-03-14T06:15+01:00"),
            "14 Mar 2026 06:15 (2026-03-14T06:15+01:00)"
        );
        assert_eq!(
            alone("2026-03-14T06:15Z/2026-03-14T07:02Z"),
            "14 Mar 2026 06:15Z – 07:02Z"
        );
    }

    fn h(s: &str, f: Frame) -> String {
        parse(s).unwrap().human(f)
    }

    #[test]
    fn dates_for_people() {
        assert_eq!(h("2026-03-02", Frame::Years), "2 Mar 2026");
        assert_eq!(h("2026-03-02", Frame::OneYear), "2 Mar");
        assert_eq!(h("2025-11?", Frame::Years), "Nov 2025?");
        assert_eq!(h("2023-12~", Frame::Years), "~Dec 2023");
        assert_eq!(h("2025%", Frame::Years), "~2025?");
        assert_eq!(h("2026-03-02T14:09Z", Frame::OneDay), "14:09");
        assert_eq!(h("2026-03-02T14:09+05:00", Frame::OneYear), "2 Mar 14:09");
        assert_eq!(
            h("2026-03-02T14:09:30Z", Frame::Years),
            "2 Mar 2026 14:09:30"
        );
        assert_eq!(h("2026-03-02/2026-03-05", Frame::OneYear), "2–5 Mar");
        assert_eq!(h("../2026-04", Frame::Years), "… – Apr 2026");
        assert_eq!(
            h("2026-03-14T06:15Z/2026-03-14T07:02Z", Frame::OneYear),
            "14 Mar 06:15 – 07:02"
        );
        let utc = |s: &str| parse(s).unwrap().human_in(Frame::OneYear, true);
        assert_eq!(utc("2026-03-14T06:15+01:00"), "14 Mar 05:15Z");
        assert_eq!(utc("2026-03-01T00:30+02:00"), "28 Feb 22:30Z");
        assert_eq!(utc("2026-03-14"), "14 Mar");
    }

    #[test]
    fn zones_that_differ_are_found() {
        let d = |s: &str| parse(s).unwrap();
        assert!(mixed_zones(
            [d("2026-03-14T06:15+01:00"), d("2026-03-14T06:15Z")].iter()
        ));
        assert!(!mixed_zones(
            [
                d("2026-03-14T06:15Z"),
                d("2026-03-15"),
                d("2026-03-14T07:00Z")
            ]
            .iter()
        ));
    }

    #[test]
    fn the_frame_is_what_every_date_shares() {
        let d = |s: &str| parse(s).unwrap();
        let day = [d("2026-03-14T06:15Z"), d("2026-03-14T07:02+01:00")];
        assert_eq!(Frame::of(day.iter()), Frame::OneDay);
        let year = [d("2026-03-14T06:15Z"), d("2026-05")];
        assert_eq!(Frame::of(year.iter()), Frame::OneYear);
        let years = [d("2025-03"), d("2026-05")];
        assert_eq!(Frame::of(years.iter()), Frame::Years);
        assert_eq!(Frame::of([].iter()), Frame::Years);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(parse("2026").unwrap().sort_key(), Some(1_767_225_600));
        let d = parse("2026-04").unwrap();
        assert!(matches!(d.value, DateValue::Point(p) if p.precision == Precision::Month));
        assert_eq!(parse("1970-01-01").unwrap().sort_key(), Some(0));
        assert_eq!(parse("1970-01-01T01:00Z").unwrap().sort_key(), Some(3600));
        assert_eq!(
            parse("1970-01-01T01:00:30Z").unwrap().sort_key(),
            Some(3630)
        );
    }

    #[test]
    fn time_zones_are_respected() {
        let a = parse("2026-04-03T10:00+05:00").unwrap().sort_key().unwrap();
        let b = parse("2026-04-03T06:00Z").unwrap().sort_key().unwrap();
        assert!(a < b, "10:00 at +05:00 is 05:00Z, before 06:00Z");
        let c = parse("2026-04-03T00:30-01:00").unwrap().sort_key().unwrap();
        assert_eq!(c, parse("2026-04-03T01:30Z").unwrap().sort_key().unwrap());
    }

    #[test]
    fn qualifiers_and_intervals() {
        let d = parse("2026-04~").unwrap();
        assert!(
            matches!(d.value, DateValue::Point(p) if p.qualifier == Some(Qualifier::Approximate))
        );
        assert!(matches!(
            parse("2025?").unwrap().value,
            DateValue::Point(Point {
                qualifier: Some(Qualifier::Uncertain),
                ..
            })
        ));
        assert!(parse("2025%").is_ok());
        let i = parse("2025-01/2025-03").unwrap();
        assert!(matches!(i.value, DateValue::Interval(Some(_), Some(_))));
        let open = parse("../2026-04").unwrap();
        assert_eq!(open.sort_key(), parse("2026-04").unwrap().sort_key());
        assert!(parse("2026-04/..").is_ok());
        assert!(parse("../..").is_err());
        assert!(parse("2026/2025").is_err());
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "26",
            "2026-4",
            "2026-13",
            "2026-02-30",
            "2026-04-03T10:00",
            "2026-04-03T25:00Z",
            "April 2026",
            "2026-04-03-01",
            "2026T10:00Z",
            "2026-04-03T10:00+5",
            "٢٠٢٦",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(parse("2024-02-29").is_ok());
        assert!(parse("2023-02-29").is_err());
    }

    /// What `human_in` wrote when each part was a `format!` of its own:
    /// the written-out version must say exactly the same.
    fn human_by_format(p: &Point, frame: Frame, utc: bool) -> String {
        if utc && p.precision >= Precision::Minute && p.offset != Some(0) {
            return human_by_format(&p.in_utc(), frame, true);
        }
        let zone = if utc && p.precision >= Precision::Minute {
            "Z"
        } else {
            ""
        };
        let month = MONTHS[usize::from(p.month.clamp(1, 12)) - 1];
        let year = if frame == Frame::Years {
            format!(" {}", p.year)
        } else {
            String::new()
        };
        let time = match p.precision {
            Precision::Minute => format!("{:02}:{:02}{zone}", p.hour, p.minute),
            Precision::Second => format!("{:02}:{:02}:{:02}{zone}", p.hour, p.minute, p.second),
            _ => String::new(),
        };
        let body = match p.precision {
            Precision::Year => p.year.to_string(),
            Precision::Month => format!("{month} {}", p.year),
            Precision::Day => format!("{} {month}{year}", p.day),
            _ if frame == Frame::OneDay => time,
            _ => format!("{} {month}{year} {time}", p.day),
        };
        match p.qualifier {
            None => body,
            Some(Qualifier::Approximate) => format!("~{body}"),
            Some(Qualifier::Uncertain) => format!("{body}?"),
            Some(Qualifier::Both) => format!("~{body}?"),
        }
    }

    proptest::proptest! {
        #[test]
        fn a_point_is_written_as_formatting_each_part_wrote_it(
            year in proptest::prop_oneof![-20_000i32..20_000, proptest::num::i32::ANY],
            month in 0u8..14, day in 0u8..32, hour in 0u8..25, minute in 0u8..61,
            second in 0u8..61, offset in proptest::option::of(-900i16..900),
            precision in 0usize..5, qualifier in 0usize..4, frame in 0usize..3, utc: bool,
        ) {
            let precision = [
                Precision::Year, Precision::Month, Precision::Day, Precision::Minute,
                Precision::Second,
            ][precision];
            let qualifier = [
                None, Some(Qualifier::Approximate), Some(Qualifier::Uncertain),
                Some(Qualifier::Both),
            ][qualifier];
            let frame = [Frame::Years, Frame::OneYear, Frame::OneDay][frame];
            let p = Point { year, month, day, hour, minute, second, offset, precision, qualifier };
            proptest::prop_assert_eq!(p.human_in(frame, utc), human_by_format(&p, frame, utc));
        }
    }
}
