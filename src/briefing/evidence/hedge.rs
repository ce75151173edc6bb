//! The words that hedge or attribute a claim. A cited paragraph that uses
//! one of [`SOURCE_HEDGES`] holds its claim at arm's length; a claim that
//! cites it should too, with one of [`CLAIM_MARKERS`] (the same hedges, or
//! saying who holds the view).

/// Words and phrases that mark a paragraph's claim as reported, alleged,
/// believed or uncertain.
pub const SOURCE_HEDGES: &[&str] = &[
    "reportedly",
    "reported",
    "according to",
    "allegedly",
    "alleged",
    "allegations",
    "claimed",
    "claims",
    "sources said",
    "sources indicated",
    "is believed",
    "believe",
    "believed",
    "may",
    "might",
    "unclear",
    "estimate",
    "estimated",
    "indicated",
    "maintain",
    "maintains",
    "maintained",
    "unconfirmed",
    "suggests",
];

/// What keeps a claim honest about a hedged source: a hedge of its own, or
/// words that attribute it to someone.
pub const CLAIM_MARKERS: &[&str] = &[
    "reportedly",
    "reported",
    "according to",
    "allegedly",
    "alleged",
    "allegations",
    "claim",
    "claims",
    "claimed",
    "believe",
    "believes",
    "believed",
    "may",
    "might",
    "could",
    "unclear",
    "estimate",
    "estimated",
    "indicate",
    "indicates",
    "indicated",
    "maintain",
    "maintains",
    "maintained",
    "say",
    "says",
    "said",
    "saying",
    "insist",
    "insists",
    "deny",
    "denies",
    "denied",
    "reject",
    "rejects",
    "rejected",
    "accuse",
    "accuses",
    "holds",
    "argues",
    "sees",
    "view",
    "views",
    "assess",
    "assesses",
    "suggests",
    "unconfirmed",
    "apparently",
    "sources",
];

/// The first word or phrase of `list` in `text`, matched as whole words
/// and ignoring case.
pub fn find<'a>(text: &str, list: &[&'a str]) -> Option<&'a str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    list.iter().copied().find(|phrase| {
        let p: Vec<&str> = phrase.split(' ').collect();
        words.windows(p.len()).any(|w| w == p.as_slice())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            find("Pakistan says it has evidence", CLAIM_MARKERS),
            Some("says")
        );
        assert_eq!(find("Pakistan has evidence", CLAIM_MARKERS), None);
    }
}
