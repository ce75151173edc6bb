//! Dates a source's sentence names ("March 12", "12 March 2026", "in
//! January", "yesterday"), as days, so an event's date can be held to the
//! date its source gives. Kept narrow: a date after "since", "until",
//! "before", "after" or "by" places something else, and a weekday is left
//! alone (it may be the next one).

use crate::briefing::date::{Date, DateValue, Point, Precision, Qualifier, days_from_civil};

const MONTHS: [(&str, &str); 12] = [
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may", "may"),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
];

fn month(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|(full, short)| w == *full || w == *short || (w == "sept" && *short == "sep"))
        .map(|i| i as u8 + 1)
}

fn day(w: &str) -> Option<u8> {
    let w = w.trim_end_matches([',', '.']);
    let w = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(w);
    w.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(w: &str) -> Option<i32> {
    let w = w.trim_end_matches([',', '.', ';', ')']);
    (w.len() == 4)
        .then(|| w.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn days_in(y: i32, m: u8) -> (i64, i64) {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    (days_from_civil(y, m, 1), days_from_civil(ny, nm, 1))
}

/// The dates `sentence` names as day ranges `[from, to)` with how each is
/// written; a year left out is `year`'s, "yesterday" the day before
/// `today` (the source's own date, when it gives a day).
pub fn named(sentence: &str, year: i32, today: Option<i64>) -> Vec<(i64, i64, String)> {
    let w: Vec<&str> = sentence.split_whitespace().collect();
    let mut out = Vec::new();
    let related = |i: usize| {
        i > 0
            && matches!(
                w[i - 1].to_lowercase().as_str(),
                "since" | "until" | "till" | "before" | "after" | "by" | "from"
            )
    };
    let mut i = 0;
    while i < w.len() {
        let bare = w[i].trim_matches(|c: char| !c.is_alphanumeric());
        if bare.eq_ignore_ascii_case("yesterday")
            && let Some(t) = today
        {
            out.push((t - 1, t, "yesterday".to_string()));
            i += 1;
            continue;
        }
        let Some(m) = month(w[i].trim_start_matches(|c: char| !c.is_alphanumeric())) else {
            i += 1;
            continue;
        };
        // "May" the modal verb is no month unless a day or year is beside it.
        let before_day = i.checked_sub(1).and_then(|j| day(w[j]));
        let after_day = w.get(i + 1).and_then(|x| day(x));
        let (d, used_before) = match (after_day, before_day) {
            (Some(d), _) => (Some(d), false),
            (None, Some(d)) => (Some(d), true),
            _ => (None, false),
        };
        let year_at = i + 1 + usize::from(d.is_some() && !used_before);
        let y = w.get(year_at).and_then(|x| year_of(x));
        let first = if used_before { i - 1 } else { i };
        // "since the March 3 attack", "before the October vote" too.
        let the = first > 0 && w[first - 1].eq_ignore_ascii_case("the");
        if related(first) || the && related(first - 1) {
            i += 1;
            continue;
        }
        let written = w[first..(year_at + usize::from(y.is_some())).min(w.len())].join(" ");
        let range = |yy: i32| match d {
            Some(d) => {
                let from = days_from_civil(yy, m, d);
                (from, from + 1)
            }
            None => days_in(yy, m),
        };
        let month_alone = d.is_none()
            && y.is_none()
            && i > 0
            && (matches!(
                w[i - 1].to_lowercase().as_str(),
                "in" | "of" | "during" | "early" | "late" | "mid"
            ) && (m != 5 || !w[i - 1].eq_ignore_ascii_case("in"))
                || before_a_noun(&w, i, m));
        if d.is_some() || y.is_some() || month_alone {
            match (y, today) {
                // A month without its year is the one nearest the source's
                // day: "in December" in a report of 5 January is last
                // year's. Either side of it is taken, as "in March" may be
                // the next one.
                (None, Some(t)) => {
                    for yy in [year - 1, year, year + 1] {
                        let (a, b) = range(yy);
                        if a <= t + NEAR && b >= t - NEAR {
                            out.push((a, b, written.clone()));
                        }
                    }
                }
                _ => {
                    let (a, b) = range(y.unwrap_or(year));
                    out.push((a, b, written));
                }
            }
        }
        i += 1;
    }
    out
}

/// How far from a source's day a month it names without a year may be.
const NEAR: i64 = 366;

/// "the February summit", "the March deadline": a month between "the" and
/// a noun. Not "May" ("the May government"), nor a month before a
/// preposition ("the March on Washington").
fn before_a_noun(w: &[&str], i: usize, m: u8) -> bool {
    let next = w
        .get(i + 1)
        .map(|x| x.trim_end_matches([',', '.', ';', ':']));
    m != 5
        && w[i - 1].eq_ignore_ascii_case("the")
        && w[i].starts_with(|c: char| c.is_ascii_uppercase())
        && next.is_some_and(|n| {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && !matches!(
                    n,
                    "of" | "on"
                        | "for"
                        | "to"
                        | "in"
                        | "at"
                        | "from"
                        | "by"
                        | "and"
                        | "or"
                        | "with"
                        | "through"
                        | "against"
                        | "into"
                )
        })
}

/// The sentence of `para` that holds byte `at`.
pub fn sentence_at(para: &str, at: usize) -> &str {
    let starts = super::sentence_starts(para);
    let k = starts.partition_point(|&s| s <= at).saturating_sub(1);
    let to = starts.get(k + 1).copied().unwrap_or(para.len());
    para[starts[k]..to].trim()
}

/// The days an event's date covers `[from, to)`, widened by a day on each
/// side for time zones and by a unit of its precision when it is
/// approximate or uncertain.
pub fn covered(d: &Date) -> (i64, i64) {
    let days = |p: &Point| {
        let widen = match (p.qualifier, p.precision) {
            (None, _) => 1,
            (Some(Qualifier::Approximate | Qualifier::Uncertain | Qualifier::Both), pr) => match pr
            {
                Precision::Year => 366,
                Precision::Month => 31,
                _ => 3,
            },
        };
        (
            p.start_instant().div_euclid(86_400) - widen,
            (p.end_instant() + 86_399).div_euclid(86_400) + widen,
        )
    };
    match &d.value {
        DateValue::Point(p) => days(p),
        DateValue::Interval(a, b) => (
            a.as_ref().map_or(i64::MIN / 2, |p| days(p).0),
            b.as_ref().map_or(i64::MAX / 2, |p| days(p).1),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_written_every_way() {
        let d = |y, m, dd| days_from_civil(y, m, dd);
        let n = named("The talks on March 12, 2026 were long.", 2025, None);
        assert_eq!(
            (n[0].0, n[0].2.as_str()),
            (d(2026, 3, 12), "March 12, 2026")
        );
        let n = named("Officials met on 12 March.", 2026, None);
        assert_eq!(n[0].0, d(2026, 3, 12));
        let n = named("Talks were held in Urumqi in April.", 2026, None);
        assert_eq!((n[0].0, n[0].1), (d(2026, 4, 1), d(2026, 5, 1)));
        let n = named(
            "The minister said yesterday that talks failed.",
            2026,
            Some(d(2026, 3, 15)),
        );
        assert_eq!(n[0].0, d(2026, 3, 14));
        assert!(named("Talks may resume soon.", 2026, None).is_empty());
        assert!(named("Attacks have risen since January 2024.", 2026, None).is_empty());
        assert_eq!(named("Mar. 3rd talks", 2026, None)[0].0, d(2026, 3, 3));
    }

    /// A month without its year is the one nearest the source's day, on
    /// either side: a report of 5 January 2020 that says "in December"
    /// means December 2019 (or, less likely, 2020), never one two years
    /// off; a year written is taken as written.
    #[test]
    fn a_month_without_its_year_is_the_nearest_one() {
        let d = |y, m, dd| days_from_civil(y, m, dd);
        let today = Some(d(2020, 1, 5));
        let n = named("The delegations met in December.", 2020, today);
        let years: Vec<i64> = n.iter().map(|r| r.0).collect();
        assert_eq!(years, vec![d(2019, 12, 1), d(2020, 12, 1)]);
        let n = named("They met on December 3.", 2020, today);
        assert!(n.iter().any(|r| r.0 == d(2019, 12, 3)), "{n:?}");
        let n = named("They met in December 2017.", 2020, today);
        assert_eq!(
            n.iter().map(|r| r.0).collect::<Vec<_>>(),
            vec![d(2017, 12, 1)]
        );
        // Without the source's day, the source's year.
        let n = named("They met in December.", 2020, None);
        assert_eq!(
            n.iter().map(|r| r.0).collect::<Vec<_>>(),
            vec![d(2020, 12, 1)]
        );
    }

    /// "the February summit" names February; "the May government", "the
    /// March on Washington" and a month starting a sentence do not.
    #[test]
    fn a_month_before_a_noun() {
        let d = |y, m, dd| days_from_civil(y, m, dd);
        let n = named("Talks stalled at the February summit in Hanoi.", 2019, None);
        assert_eq!((n[0].0, n[0].1), (d(2019, 2, 1), d(2019, 3, 1)));
        assert_eq!(n[0].2, "February");
        assert!(named("Ministers of the May government resigned.", 2019, None).is_empty());
        assert!(named("Thousands joined the March on Washington.", 2019, None).is_empty());
        assert!(named("They said the march continued.", 2019, None).is_empty());
        // A date after "before", "since"… places something else.
        assert!(named("Before the October vote, parties campaigned.", 2019, None).is_empty());
        assert!(named("Attacks rose since the March 3 raid.", 2019, None).is_empty());
    }
}
