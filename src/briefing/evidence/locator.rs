//! Locators that point at paragraphs: `¶5`, `¶5–7` (hyphen or en dash),
//! `para 5`, `paras 5-7`. Any other locator is kept and shown, never
//! checked.

/// The paragraphs a locator names, 1-based and inclusive; `None` for a
/// locator in another form.
pub fn parse(s: &str) -> Option<(usize, usize)> {
    let t = s.trim();
    let lower = t.to_lowercase();
    let rest = if let Some(r) = t.strip_prefix('¶') {
        r.trim_start_matches('¶').to_string()
    } else if let Some(r) = lower.strip_prefix("paras") {
        r.to_string()
    } else if let Some(r) = lower.strip_prefix("para") {
        r.to_string()
    } else {
        return None;
    };
    let rest = rest.trim();
    let (a, b) = match rest.split_once(['-', '–']) {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (rest, rest),
    };
    let a: usize = a.parse().ok()?;
    let b: usize = b.parse().ok()?;
    Some((a, b))
}

/// How a paragraph range is written back to the author.
pub fn show(range: (usize, usize)) -> String {
    if range.0 == range.1 {
        format!("¶{}", range.0)
    } else {
        format!("¶{}–{}", range.0, range.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_forms() {
        assert_eq!(parse("¶5"), Some((5, 5)));
        assert_eq!(parse(" ¶ 5 "), Some((5, 5)));
        assert_eq!(parse("¶5–7"), Some((5, 7)));
        assert_eq!(parse("¶5-7"), Some((5, 7)));
        assert_eq!(parse("para 3"), Some((3, 3)));
        assert_eq!(parse("Paras 3-4"), Some((3, 4)));
        assert_eq!(parse("p. 12"), None);
        assert_eq!(parse("section 2"), None);
        assert_eq!(parse("¶x"), None);
        assert_eq!(show((4, 4)), "¶4");
        assert_eq!(show((4, 6)), "¶4–6");
    }
}
