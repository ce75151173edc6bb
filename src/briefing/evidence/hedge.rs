//! The words that hedge or attribute a claim. A cited paragraph that uses
//! one of [`SOURCE_HEDGES`] holds its claim at arm's length; a claim that
//! cites it should too ([`claim_marker`]: the same hedges, or
//! saying who holds the view).

/// Words and phrases that mark a paragraph's claim as reported, alleged,
/// believed or uncertain.
pub const SOURCE_HEDGES: &[&str] = &[
    "could not be independently verified",
    "reportedly",
    "reported",
    "according to",
    "allegedly",
    "alleged",
    "allegations",
    "claimed",
    "claims",
    "sources said",
    "sources say",
    "sources indicated",
    "is said to",
    "are said to",
    "was said to",
    "were said to",
    // A forecast someone makes ("talks are expected to resume"), not "as
    // expected" or "than expected", which say what happened.
    "is expected to",
    "are expected to",
    "was expected to",
    "were expected to",
    "is believed",
    "believed to",
    "understood to",
    "believe",
    "believed",
    "believes",
    "appears to",
    "appear to",
    "appeared to",
    "seems",
    "seem to",
    "seemed",
    "purportedly",
    "rumored",
    "rumoured",
    "suspected",
    "unverified",
    "unconfirmed",
    "may",
    "might",
    "likely",
    "probably",
    "possibly",
    "unclear",
    "estimate",
    "estimated",
    "indicated",
    "maintain",
    "maintains",
    "maintained",
    "suggest",
    "suggests",
    "suggested",
    "citing",
];

/// Reported speech in a source's sentence: the words are someone's.
pub const REPORTED: &[&str] = &[
    "said",
    "says",
    "told",
    "stated",
    "added",
    "announced",
    "declared",
    "wrote",
    "tweeted",
    // Verbs of saying that news reports use as often as "said" (checked
    // on real reports: "has disclosed that", "he stressed").
    "disclosed",
    "stressed",
    "noted",
    "acknowledged",
    "reiterated",
    "emphasised",
    "emphasized",
    "insisted",
];

/// Words that attribute a claim to someone: a reporting verb, or a phrase
/// that names who holds the view. With [`SOURCE_HEDGES`] they keep a
/// claim honest about a hedged source (see [`claim_marker`]). Content
/// verbs ("rejected", "holds", "sees", "could") say what someone did, not
/// that the claim is theirs, and do not count.
pub const ATTRIBUTIONS: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "report",
    "reports",
    "told",
    "tells",
    "stated",
    "states",
    "wrote",
    "writes",
    "alleges",
    "asserts",
    "asserted",
    "believes",
    "insist",
    "insists",
    "insisted",
    "deny",
    "denies",
    "denied",
    "accuse",
    "accuses",
    "accused",
    "argue",
    "argues",
    "argued",
    "assess",
    "assesses",
    "indicate",
    "indicates",
    "per",
    "apparently",
    "appears",
    // Saying with weight or in passing is still saying ("Fidan stressed
    // that …", checked on a news report of his words). Words that are
    // also content ("added pressure", "notes" the noun, "announced" an
    // operation, "warned" the TTP) stay out.
    "stressed",
    "stresses",
    "emphasised",
    "emphasises",
    "emphasized",
    "emphasizes",
    "reiterated",
    "reiterates",
    "acknowledged",
    "acknowledges",
    "noted",
    "conceded",
    "concedes",
];

/// The hedge or attribution that keeps `claim` at arm's length, if any:
/// a hedge, a reporting verb, or "in X's view".
pub fn claim_marker(claim: &str) -> Option<&'static str> {
    find(claim, SOURCE_HEDGES)
        .or_else(|| find(claim, ATTRIBUTIONS))
        .or_else(|| {
            let l = claim.to_lowercase();
            (l.contains("'s view") || l.contains("’s view")).then_some("in X's view")
        })
}

/// The first word or phrase of `list` in `text`, matched as whole words
/// and ignoring case. "May" the month is not "may" the hedge, nor a
/// proposal ("suggested Kiev meet") a hedge.
pub fn find<'a>(text: &str, list: &[&'a str]) -> Option<&'a str> {
    find_where(text, list, |_| true)
}

/// [`find`], passing over the phrases `keep` turns down.
pub fn find_where<'a>(
    text: &str,
    list: &[&'a str],
    keep: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    with_words(text, |ws, other_sense| {
        // A phrase is looked for only where its first word is: most phrases
        // are not in a sentence at all (this ran for every sentence a claim
        // rests on, against every hedge).
        let present: rustc_hash::FxHashSet<&str> = ws.iter().copied().collect();
        list.iter().copied().find(|phrase| {
            let mut parts = phrase.split(' ');
            let first = parts.next().unwrap_or_default();
            if !present.contains(first) {
                return false;
            }
            let n = 1 + parts.count();
            (0..ws.len().saturating_sub(n - 1)).any(|i| {
                ws[i] == first
                    && ws[i..i + n].iter().copied().eq(phrase.split(' '))
                    && !(n == 1 && other_sense(i))
            }) && keep(phrase)
        })
    })
}

/// `search` given the lower-cased words of `text` and whether the word at
/// an index is used in another sense than its hedge ("May" the month,
/// "suggested" someone do something).
fn with_words<R>(text: &str, search: impl FnOnce(&[&str], &dyn Fn(usize) -> bool) -> R) -> R {
    let lower = text.to_lowercase();
    let ws: Vec<&str> = words(&lower).map(|(_, w)| w).collect();
    // The text's own words are needed only for "may" and "suggest", which
    // are rare: made the first time that test runs.
    let originals: std::cell::OnceCell<Vec<(usize, &str)>> = std::cell::OnceCell::new();
    let other_sense = |i: usize| {
        if !matches!(
            ws[i],
            "may" | "suggest" | "suggests" | "suggested" | "report" | "reports"
        ) {
            return false;
        }
        let originals = originals.get_or_init(|| words(text).collect());
        // Lower-casing can change byte lengths; then the test is skipped.
        if originals.len() != ws.len() {
            return false;
        }
        if ws[i].starts_with("report") {
            return a_report(&ws, originals, text, i);
        }
        if ws[i] != "may" {
            return proposes(&ws, originals, i);
        }
        originals[i].1 == "May" && !sentence_start(text, originals[i].0)
            || i > 0 && is_number(ws[i - 1])
            || ws.get(i + 1).is_some_and(|w| is_number(w))
    };
    search(&ws, &other_sense)
}

/// Whether "report" or "reports" at `i` is the noun ("the HRW report is
/// biased", "media reports"), which gives no one's words: a claim that
/// says "The HRW report is overtly biased" states a minister's words as
/// fact (checked on a news report of Cameroon's reply to Human Rights
/// Watch), where "Reuters reports" and "officials report" attribute.
fn a_report(ws: &[&str], originals: &[(usize, &str)], text: &str, i: usize) -> bool {
    // Besides a determiner: words that stand before the noun.
    const BEFORE_THE_NOUN: &[&str] = &[
        "whose",
        "s",
        "new",
        "latest",
        "earlier",
        "first",
        "initial",
        "final",
        "annual",
        "media",
        "news",
        "press",
        "conflicting",
        "several",
        "many",
        "some",
        "such",
        "intelligence",
        "police",
        "official",
        "written",
    ];
    let Some(j) = i.checked_sub(1) else {
        return false;
    };
    super::DETERMINERS.contains(&ws[j])
        || BEFORE_THE_NOUN.contains(&ws[j])
        || ws[j].ends_with("'s")
        // "the HRW report": a name before the singular names whose it is.
        || ws[i] == "report"
            && originals[j].1.starts_with(char::is_uppercase)
            && !sentence_start(text, originals[j].0)
}

/// Whether "suggest" at `i` proposes rather than hedges: someone named and
/// a bare verb after it ("Moscow has suggested Kiev meet for new talks",
/// checked on a news report), where the hedge has a clause ("evidence
/// suggested Russia was behind it") or "that".
fn proposes(ws: &[&str], originals: &[(usize, &str)], i: usize) -> bool {
    const FINITE_OR_FUNCTION: &[&str] = &[
        "was", "were", "is", "are", "be", "been", "being", "had", "has", "have", "would", "could",
        "will", "should", "may", "might", "must", "can", "did", "does", "do", "shall", "and", "or",
        "to", "of", "in", "on", "at", "for", "with", "that", "who", "which", "as", "by", "from",
        "its", "his", "her", "their", "the", "a", "an", "not",
    ];
    let named = |j: usize| {
        originals
            .get(j)
            .is_some_and(|(_, w)| w.starts_with(|c: char| c.is_uppercase()))
    };
    // One or two words of a name.
    let mut j = i + 1;
    if !named(j) {
        return false;
    }
    j += 1;
    if named(j) {
        j += 1;
    }
    ws.get(j).is_some_and(|v| {
        !named(j)
            && v.len() > 2
            && !FINITE_OR_FUNCTION.contains(v)
            && !v.ends_with("ed")
            && !v.ends_with('s')
    })
}

/// The words of `text` with where each starts.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

fn is_number(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
}

/// Whether the word at byte `at` opens a sentence (or the text).
fn sentence_start(text: &str, at: usize) -> bool {
    text[..at]
        .trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘([".contains(c))
        .chars()
        .last()
        .is_none_or(|c| ".!?:;".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_noun_report_attributes_nothing_and_the_verb_does() {
        for noun in [
            "The HRW report is overtly biased.",
            "HRW's report is biased.",
            "Media reports of the attack were wrong.",
            "A new report shows the attack.",
        ] {
            assert_eq!(find(noun, ATTRIBUTIONS), None, "{noun}");
        }
        for verb in [
            "Reuters reports that the talks failed.",
            "Officials report that the talks failed.",
            "Reports say the talks failed.",
        ] {
            assert!(find(verb, ATTRIBUTIONS).is_some(), "{verb}");
        }
    }

    /// [`find`] as it was, phrase by phrase over every place in the text.
    fn find_everywhere<'a>(text: &str, list: &[&'a str]) -> Option<&'a str> {
        with_words(text, |ws, other_sense| {
            list.iter().copied().find(|phrase| {
                let p: Vec<&str> = phrase.split(' ').collect();
                ws.windows(p.len())
                    .enumerate()
                    .any(|(i, w)| w == p.as_slice() && !(p.len() == 1 && other_sense(i)))
            })
        })
    }

    proptest::proptest! {
        /// Looking only where a phrase's first word is finds what looking
        /// everywhere finds, in every list, "May" the month included.
        #[test]
        fn looking_where_the_first_word_is_finds_the_same(
            words in proptest::collection::vec(
                "(May|may|reportedly|according|to|informed|sources|said|not|be|could|independently|verified|allegedly|Pakistan|the|3|2024|\\.|,)",
                0..24,
            )
        ) {
            let text = words.join(" ");
            for list in [SOURCE_HEDGES, REPORTED, ATTRIBUTIONS] {
                proptest::prop_assert_eq!(find(&text, list), find_everywhere(&text, list));
            }
        }
    }

    #[test]
    fn whole_words_and_phrases() {
        assert_eq!(
            find("The leader reportedly warned", SOURCE_HEDGES),
            Some("reportedly")
        );
        assert_eq!(
            find("According to informed sources, x", SOURCE_HEDGES),
            Some("according to")
        );
        assert_eq!(find("Mayhem in the capital", SOURCE_HEDGES), None);
        assert_eq!(claim_marker("Pakistan says it has evidence"), Some("says"));
        assert_eq!(claim_marker("Pakistan has evidence"), None);
        assert_eq!(claim_marker("It is reportedly so"), Some("reportedly"));
    }

    #[test]
    fn suggesting_that_someone_meet_is_a_proposal_not_a_hedge() {
        for proposal in [
            "Moscow has suggested Kiev meet for new talks on Monday in Istanbul.",
            "He suggested Ukraine withdraw its troops.",
            "The minister suggested Sergey Lavrov join the talks.",
        ] {
            assert_eq!(find(proposal, SOURCE_HEDGES), None, "{proposal}");
        }
        for hedge in [
            "Evidence suggested Russia was behind the attack.",
            "Analysts suggested Moscow wants a pause.",
            "The figures suggest that the talks failed.",
            "This suggests the leader warned the TTP.",
            "Moscow suggested Kiev and Minsk had agreed.",
        ] {
            assert!(find(hedge, SOURCE_HEDGES).is_some(), "{hedge}");
        }
    }

    #[test]
    fn may_the_month_is_not_a_hedge() {
        for month in [
            "The talks resumed in May.",
            "Signed on 3 May 2025 in Doha",
            "may 2025: the border closed",
            "Since May, the crossings stayed shut",
        ] {
            assert_eq!(find(month, SOURCE_HEDGES), None, "{month}");
        }
        for hedge in [
            "May the talks resume? Nobody knows.",
            "The group may have moved. May it return?",
            "Officials said the figure may rise",
            "\"May be,\" he said.",
        ] {
            assert_eq!(find(hedge, SOURCE_HEDGES), Some("may"), "{hedge}");
        }
        // Letters whose lower case is shorter do not shift where words start.
        assert_eq!(find("ẞẞẞẞ ẞẞ. In May", SOURCE_HEDGES), None);
        assert_eq!(find("İİ May be so", SOURCE_HEDGES), Some("may"));
    }
}
