//! The words analysts use for likelihood, by the seven bands of ICD 203
//! (Analytic Standards, 2015): a judgment states one likelihood, keeps it
//! apart from its confidence, and does not say "almost certainly" of what
//! it holds with low confidence.

/// The bands, least likely first: each its name and its terms (longest
/// first, so "very likely" is never read as "likely").
pub const BANDS: [(&str, &[&str]); 7] = [
    (
        "almost no chance",
        &[
            "almost no chance",
            "remote chance",
            "remote possibility",
            "remote likelihood",
            "remote prospect",
            "remotely possible",
        ],
    ),
    (
        "very unlikely",
        &["very unlikely", "highly improbable", "highly unlikely"],
    ),
    ("unlikely", &["unlikely", "improbable"]),
    (
        "roughly even chance",
        &[
            "roughly even chance",
            "roughly even odds",
            "even chance",
            "even odds",
        ],
    ),
    ("likely", &["likely", "probable", "probably"]),
    (
        "very likely",
        &["very likely", "highly probable", "highly likely"],
    ),
    (
        "almost certain",
        &[
            "almost certainly",
            "almost certain",
            "nearly certainly",
            "nearly certain",
        ],
    ),
];

/// Phrases that state confidence, which ICD 203 keeps out of a likelihood
/// sentence.
const CONFIDENCE: &[&str] = &[
    "high confidence",
    "moderate confidence",
    "medium confidence",
    "low confidence",
    "highly confident",
    "we are confident",
    "we assess with",
];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Each term with its band and its words, made once.
fn listed() -> &'static [(usize, &'static str, Vec<&'static str>)] {
    static TERMS: std::sync::OnceLock<Vec<(usize, &'static str, Vec<&'static str>)>> =
        std::sync::OnceLock::new();
    TERMS.get_or_init(|| {
        BANDS
            .iter()
            .enumerate()
            .flat_map(|(band, (_, list))| {
                list.iter().map(move |t| (band, *t, t.split(' ').collect()))
            })
            .collect()
    })
}

/// Parts of words every term holds one of: a text with none has no term
/// (most texts), and is not split into words at all.
const STEMS: &[&str] = &["likel", "probab", "chance", "odds", "certain", "remote"];

/// The likelihood terms of `text`, in order: (band, term as listed).
pub fn terms(text: &str) -> Vec<(usize, &'static str)> {
    let lower = text.to_lowercase();
    if !STEMS.iter().any(|s| lower.contains(s)) {
        return Vec::new();
    }
    let w = words(&lower);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let best = listed()
            .iter()
            .filter(|(_, _, t)| {
                w.len() - i >= t.len() && w[i..i + t.len()].iter().zip(t).all(|(a, b)| a == b)
            })
            .max_by_key(|(_, _, t)| t.len());
        match best {
            Some((band, term, t)) => {
                out.push((*band, *term));
                i += t.len();
            }
            None => i += 1,
        }
    }
    out
}

/// The sentences of a text.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '!', '?', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// What is wrong with the likelihood words of one judgment's text: terms
/// of two bands in one sentence, or a likelihood and a confidence in one
/// sentence. (code, message, help)
pub fn problems(text: &str) -> Vec<(&'static str, String, &'static str)> {
    let mut out = Vec::new();
    for s in sentences(text) {
        let t = terms(s);
        if let Some(&(a, ta)) = t.first()
            && let Some(&(b, tb)) = t.iter().find(|(b, _)| *b != a)
        {
            out.push((
                "likelihood-mixed",
                format!(
                    "“{ta}” ({}) and “{tb}” ({}) in one judgment: which likelihood is it?",
                    BANDS[a].0, BANDS[b].0
                ),
                "state one likelihood per judgment, in the words of one ICD 203 band",
            ));
            continue;
        }
        let lower = s.to_lowercase();
        if let Some(&(_, term)) = t.first()
            && let Some(c) = CONFIDENCE.iter().find(|c| lower.contains(*c))
        {
            out.push((
                "likelihood-with-confidence",
                format!("“{term}” and “{c}” in one sentence: a likelihood and a confidence read as one"),
                "say how likely in the judgment and how sure in `confidence` (or another sentence), as ICD 203 keeps them apart",
            ));
        }
    }
    out
}

/// The band of a text's first likelihood term.
pub fn band(text: &str) -> Option<usize> {
    terms(text).first().map(|(b, _)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seven_bands_and_their_longest_terms() {
        assert_eq!(terms("It is very likely to rain"), vec![(5, "very likely")]);
        assert_eq!(terms("Talks are unlikely"), vec![(2, "unlikely")]);
        assert_eq!(
            terms("almost certainly true"),
            vec![(6, "almost certainly")]
        );
        assert_eq!(
            terms("a remote chance of a deal"),
            vec![(0, "remote chance")]
        );
        assert!(terms("in remote areas of the province").is_empty());
        assert!(terms("the likelihood of talks").is_empty());
    }

    #[test]
    fn two_bands_or_a_confidence_in_one_sentence() {
        assert_eq!(
            problems("A deal is likely but improbable.")[0].0,
            "likelihood-mixed"
        );
        assert_eq!(
            problems("We assess with high confidence that a deal is likely.")[0].0,
            "likelihood-with-confidence"
        );
        assert!(problems("A deal is likely. Talks are unlikely to resume before May.").is_empty());
        assert!(problems("A deal is very likely; we hold this with care.").is_empty());
    }
}
