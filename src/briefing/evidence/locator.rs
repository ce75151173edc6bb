//! Locators that point at paragraphs: `¶5`, `¶5–7`, `¶¶5–7`, `¶5, ¶7`,
//! `para 5`, `para. 5`, `paras 5-7`, `paragraph 12`, `paragraphs 3 and 4`,
//! with a hyphen, an en or an em dash. A locator that names paragraphs in
//! another way is reported ([`unreadable`]); any other (a page, a time)
//! is kept and shown, never checked.

/// The paragraphs a locator names, 1-based and inclusive (a list is taken
/// from its first to its last); `None` for a locator in another form.
pub fn parse(s: &str) -> Option<(usize, usize)> {
    let rest = body(s)?;
    let mut nums = Vec::new();
    // "5–7", "5, 7", "3 and 4", "5-7, 9": numbers joined by dashes, commas
    // and "and"; a dash makes a range.
    let cleaned = rest
        .replace(['–', '—'], "-")
        .replace(" and ", ",")
        .replace('&', ",");
    for part in cleaned.split(',') {
        let part = part.trim().trim_start_matches('¶').trim();
        if part.is_empty() {
            return None;
        }
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a.trim(), b.trim().trim_start_matches('¶').trim()),
            None => (part, part),
        };
        let a: usize = a.parse().ok()?;
        let b: usize = b.parse().ok()?;
        if b < a {
            return None;
        }
        nums.extend([a, b]);
    }
    Some((*nums.iter().min()?, *nums.iter().max()?))
}

/// What follows a paragraph word or sign: `5–7` of `paras. 5–7`.
fn body(s: &str) -> Option<String> {
    let t = s.trim();
    if let Some(r) = t.strip_prefix('¶') {
        return Some(r.trim_start_matches('¶').trim().to_string());
    }
    let lower = t.to_lowercase();
    for word in ["paragraphs", "paragraph", "paras", "para", "pars", "par"] {
        if let Some(r) = lower.strip_prefix(word) {
            let r = r.trim_start_matches('.');
            // "parade" is no paragraph.
            if r.starts_with(|c: char| c.is_alphabetic()) {
                return None;
            }
            return Some(r.trim().to_string());
        }
    }
    None
}

/// A locator that names paragraphs but in no form brief understands
/// (`¶ five`, `para 5 to 7`): said, with the forms that are.
pub fn unreadable(s: &str) -> bool {
    body(s).is_some() && parse(s).is_none()
}

/// The forms a paragraph locator may take, for messages.
pub const FORMS: &str =
    "`¶5`, `¶5–7`, `¶5, ¶7`, `para 5`, `paras 5-7`, `paragraph 12`, `paragraphs 3 and 4`";

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
        assert_eq!(parse("¶¶5–7"), Some((5, 7)));
        assert_eq!(parse("¶5—7"), Some((5, 7)));
        assert_eq!(parse("¶5, ¶7"), Some((5, 7)));
        assert_eq!(parse("para. 5"), Some((5, 5)));
        assert_eq!(parse("paragraph 12"), Some((12, 12)));
        assert_eq!(parse("paragraphs 3 and 4"), Some((3, 4)));
        assert_eq!(parse("Paragraphs 3–4"), Some((3, 4)));
        assert!(unreadable("¶ five") && unreadable("para 5 to 7") && unreadable("¶7-5"));
        assert!(!unreadable("p. 12") && !unreadable("parade route") && !unreadable("00:14:05"));
        assert_eq!(parse("p. 12"), None);
        assert_eq!(parse("section 2"), None);
        assert_eq!(parse("¶x"), None);
        assert_eq!(show((4, 4)), "¶4");
        assert_eq!(show((4, 6)), "¶4–6");
    }
}
