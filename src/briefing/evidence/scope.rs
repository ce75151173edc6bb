//! What a hedge in a sentence holds at arm's length. "Lee asked if the
//! U.S. would provide evidence for its recent allegations against Russia"
//! hedges the allegations, not the briefing it was asked at; "Akar said
//! he believed a deal that Russia had suspended would continue" hedges
//! that the deal continues, not that Russia suspended it. A claim that
//! restates only what lies outside the hedge's reach keeps no hedge.

/// Hedges that reach the words after them ("believed the deal would
/// continue", "allegations against Russia"), not the subject before.
/// Every other hedge holds its whole sentence ("reportedly", "may", "X,
/// sources said").
const AFTER: &[&str] = &[
    "believe",
    "believed",
    "believes",
    "allegations",
    "alleged",
    "claims",
    "claimed",
    "suggest",
    "suggests",
    "suggested",
    "indicated",
    "estimate",
    "estimated",
    "maintain",
    "maintains",
    "maintained",
];

/// Nouns a "that" clause completes rather than describes ("the fact that",
/// "fears that"): what follows is the noun's content, not a description.
const CONTENT_NOUNS: &[&str] = &[
    "fact",
    "news",
    "idea",
    "belief",
    "hope",
    "hopes",
    "fear",
    "fears",
    "concern",
    "concerns",
    "sign",
    "signs",
    "evidence",
    "assurance",
    "assurances",
    "warning",
    "warnings",
    "view",
    "possibility",
    "chance",
    "risk",
    "report",
    "reports",
    "statement",
    "claim",
    "rumour",
    "rumours",
    "rumor",
    "rumors",
    "suspicion",
    "suspicions",
    "indication",
    "indications",
    "proof",
    "notion",
    "conclusion",
    "impression",
    "assumption",
    "expectation",
    "expectations",
    "doubt",
    "doubts",
    "danger",
    "threat",
    "promise",
    "pledge",
    "insistence",
    "so",
    "such",
    "now",
    "given",
    "than",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "problem",
    "point",
    "truth",
    "reason",
];

/// Words that end a relative clause: the verb of the clause it sits in
/// ("a deal that Russia had suspended | would continue").
const MODALS: &[&str] = &[
    "would", "will", "could", "can", "may", "might", "should", "must", "shall",
];

/// One word of a sentence (where it is in the lower-cased sentence), and
/// whether a comma (or other clause mark) follows it.
struct Word {
    at: std::ops::Range<usize>,
    pause: bool,
}

/// The words of `lower` as a claim's are made ("u.n.-brokered" is "u",
/// "n" and "brokered"), each marked with the pause after its
/// whitespace-separated token.
fn words(lower: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for t in lower.split_whitespace() {
        let from = t.as_ptr() as usize - lower.as_ptr() as usize;
        let first = out.len();
        out.extend(
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let at = p.as_ptr() as usize - t.as_ptr() as usize + from;
                    Word {
                        at: at..at + p.len(),
                        pause: false,
                    }
                }),
        );
        if out.len() > first
            && let Some(w) = out.last_mut()
        {
            w.pause = t.ends_with([',', ';', ':', '—', '–']);
        }
    }
    out
}

/// A sentence read for what its hedges reach; its words are made once,
/// however many hedges are asked about.
pub struct Sentence<'s> {
    text: &'s str,
    /// The sentence lower-cased, its words, and where each stands in it.
    read: std::cell::OnceCell<(String, Vec<Word>, Vec<Part>)>,
}

impl<'s> Sentence<'s> {
    pub fn new(text: &'s str) -> Self {
        Sentence {
            text,
            read: std::cell::OnceCell::new(),
        }
    }

    /// Whether `phrase`, a hedge found in the sentence, holds `at_least` of
    /// the claim's words (`claims` says which are) outside any relative
    /// clause in its reach, one of them outside the noun such a clause
    /// describes.
    pub fn holds(&self, phrase: &str, at_least: usize, claims: impl Fn(&str) -> bool) -> bool {
        let (lower, ws, whole) = self.read.get_or_init(|| {
            let lower = self.text.to_lowercase();
            let ws = words(&lower);
            let whole = relative_clauses(&ws, &|w: &Word| &lower[w.at.clone()], 0..ws.len());
            (lower, ws, whole)
        });
        let text = |w: &Word| &lower[w.at.clone()];
        let parts: Vec<&str> = phrase.split(' ').collect();
        let n = parts.len();
        let at: Vec<usize> = (0..(ws.len() + 1).saturating_sub(n))
            .filter(|&i| ws[i..i + n].iter().map(text).eq(parts.iter().copied()))
            .collect();
        // A phrase the words cannot place (split by punctuation inside it)
        // is read as holding the sentence, as every hedge did before.
        if at.is_empty() {
            return true;
        }
        // A sentence never repeats a hedge more than a few times; text
        // that does is read at its first few, so the cost stays linear.
        at.into_iter().take(8).any(|i| {
            // A hedge inside a relative clause ("the group, which claimed
            // the attack, is likely responsible") reaches no further.
            let reach = if whole[i] == Part::Relative {
                let end = (i + n..ws.len())
                    .find(|&k| whole[k] != Part::Relative)
                    .unwrap_or(ws.len());
                i + n..end
            } else {
                reach(ws, &text, i, n, AFTER.contains(&phrase))
            };
            let parts = relative_clauses(ws, &text, reach.clone());
            let mut seen: Vec<(&str, Part)> = Vec::new();
            for j in reach {
                let w = text(&ws[j]);
                // A claim's words have four letters or more.
                if parts[j] != Part::Relative
                    && w.len() >= 4
                    && !seen.iter().any(|(s, _)| *s == w)
                    && claims(w)
                {
                    seen.push((w, parts[j]));
                }
            }
            // Two of the claim's words, one of them more than the noun a
            // relative clause describes: "Islamic State, which claimed the
            // attack, is likely responsible" hedges who is responsible.
            seen.len() >= at_least && (at_least == 0 || seen.iter().any(|(_, p)| *p == Part::Main))
        })
    }
}

/// [`Sentence::holds`] of one hedge.
#[cfg(test)]
fn holds(sentence: &str, phrase: &str, claims: impl Fn(&str) -> bool) -> bool {
    Sentence::new(sentence).holds(phrase, 2, claims)
}

/// The words the hedge at `i` (of `n` words) reaches.
fn reach<'t>(
    ws: &[Word],
    text: &impl Fn(&Word) -> &'t str,
    i: usize,
    n: usize,
    after: bool,
) -> std::ops::Range<usize> {
    let mut r = reach_of_clause(ws, i, n, after);
    // Where the allegations are ("allegations contained in a Human Rights
    // Watch report, accusing …"): a description up to its comma, not what
    // they allege.
    if r.start == i + n
        && matches!(text(&ws[i]), "allegations" | "claims")
        && ws
            .get(r.start)
            .is_some_and(|w| text(w).ends_with("ed") && !w.pause)
        && ws
            .get(r.start + 1)
            .is_some_and(|w| matches!(text(w), "in" | "by" | "from" | "on" | "at"))
        && let Some(p) = (r.start..r.end).find(|&j| ws[j].pause)
    {
        r.start = p + 1;
    }
    // A clause a subordinator opens after the hedge states its own fact:
    // "the attack appeared to be the deadliest | since they deployed".
    let end = (r.start.max(i + n)..r.end)
        .find(|&j| SUBORDINATORS.contains(&text(&ws[j])))
        .unwrap_or(r.end);
    r.start..end
}

/// Words that open a clause of time, cause or concession.
const SUBORDINATORS: &[&str] = &[
    "since", "after", "before", "when", "until", "although", "though", "because", "while",
    "whereas", "once",
];

fn reach_of_clause(ws: &[Word], i: usize, n: usize, after: bool) -> std::ops::Range<usize> {
    if !after {
        return 0..ws.len();
    }
    let end = i + n;
    // Set off by commas (", officials believed,"): a parenthesis over the
    // whole sentence.
    let opened = (i.saturating_sub(3)..i).any(|j| ws[j].pause);
    if opened && ws[end - 1].pause {
        return 0..ws.len();
    }
    // After the words it reports (", he claimed."): what went before.
    if end + 2 >= ws.len()
        && let Some(c) = (i.saturating_sub(3)..i).rev().find(|&j| ws[j].pause)
    {
        return 0..c + 1;
    }
    end..ws.len()
}

/// Where a word stands: in the clause the hedge reaches, in a relative
/// clause, or in the noun phrase a relative clause describes.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Part {
    Main,
    Relative,
    Antecedent,
}

/// Where each word of `range` stands: a relative clause runs from "that",
/// "which" or "who" after a noun to the next comma or modal verb; the noun
/// phrase before it (back to its determiner, four words at most) is what
/// it describes.
fn relative_clauses<'t>(
    ws: &[Word],
    text: &impl Fn(&Word) -> &'t str,
    range: std::ops::Range<usize>,
) -> Vec<Part> {
    // Words that report speech: "said on Tuesday that" is the saying's.
    let reporting =
        |w: &str| super::hedge::REPORTED.contains(&w) || super::hedge::ATTRIBUTIONS.contains(&w);
    let mut parts = vec![Part::Main; ws.len()];
    let mut j = range.start.max(1);
    while j < range.end {
        let relative = match text(&ws[j]) {
            "which" | "who" => true,
            "that" => {
                let before = &ws[j - 1];
                !before.pause
                    && !CONTENT_NOUNS.contains(&text(before))
                    && !AFTER.contains(&text(before))
                    // "said on Tuesday that", "told reporters that": the
                    // saying's "that".
                    && !ws[j.saturating_sub(4)..j].iter().any(|w| reporting(text(w)))
            }
            _ => false,
        };
        if !relative {
            j += 1;
            continue;
        }
        // The noun phrase: its last word may carry the comma (", which").
        let mut a = j;
        while a > range.start
            && j - a < 4
            && !super::DETERMINERS.contains(&text(&ws[a - 1]))
            && (a == j || !ws[a - 1].pause)
            && parts[a - 1] == Part::Main
        {
            a -= 1;
            parts[a] = Part::Antecedent;
        }
        let mut k = j;
        while k < range.end && !MODALS.contains(&text(&ws[k])) {
            parts[k] = Part::Relative;
            k += 1;
            if ws[k - 1].pause {
                break;
            }
        }
        j = k.max(j + 1);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(words: &[&'static str]) -> impl Fn(&str) -> bool {
        move |w| words.contains(&w)
    }

    const AKAR: &str = "Turkish Defence Minister Hulusi Akar said on Tuesday that he believed a \
        U.N. brokered grains deal that Russia had suspended over the weekend would continue, \
        after two phone calls in as many days with his Russian counterpart.";

    #[test]
    fn a_belief_holds_what_is_believed_not_what_its_relative_clause_describes() {
        let suspended = claim(&["russia", "suspended", "deal", "weekend"]);
        assert!(!holds(AKAR, "believed", suspended));
        let continues = claim(&["grain", "deal", "russia", "suspended", "continue"]);
        assert!(holds(AKAR, "believed", continues));
    }

    #[test]
    fn a_noun_hedge_holds_what_follows_it_not_the_sentence_before_it() {
        let s = "State Department spokesperson Ned Price got into a heated exchange with AP \
            reporter Matt Lee on Thursday after Lee asked if the U.S. would provide public \
            evidence for its recent allegations against Russia.";
        let clash = claim(&["price", "clash", "state", "department", "briefing"]);
        assert!(!holds(s, "allegations", clash));
        let s = "There were allegations that Russian forces shelled the plant on Friday.";
        assert!(holds(
            s,
            "allegations",
            claim(&["russian", "forces", "shelled"])
        ));
    }

    #[test]
    fn where_the_allegations_are_is_not_what_they_allege() {
        let s = "The Government of Cameroon has refuted allegations contained in a Human Rights \
            Watch report, accusing defence and security forces of having deliberately killed at \
            least twenty-one civilians last February 14 in Ngarbuh.";
        let rejects = claim(&[
            "government",
            "cameroon",
            "rejects",
            "human",
            "rights",
            "watch",
        ]);
        assert!(!holds(s, "allegations", rejects));
        let killed = claim(&["security", "forces", "deliberately", "killed", "civilians"]);
        assert!(holds(s, "allegations", killed));
    }

    #[test]
    fn a_hedge_after_its_words_or_set_off_by_commas_holds_them() {
        let s = "Russia had moved the troops to the border, officials believed.";
        assert!(holds(s, "believed", claim(&["russia", "troops", "border"])));
        let s = "Russia, officials believed, would move the troops to the border.";
        assert!(holds(s, "believed", claim(&["russia", "troops", "border"])));
    }

    #[test]
    fn the_saying_s_that_is_no_relative_clause() {
        let s = "An official reportedly told reporters that Russia suspended the deal.";
        assert!(holds(
            s,
            "reportedly",
            claim(&["russia", "suspended", "deal"])
        ));
        let s = "Russia reportedly denied the deal that Turkey brokered, which Ankara rejected.";
        assert!(!holds(
            s,
            "reportedly",
            claim(&["turkey", "brokered", "ankara"])
        ));
        let s = "Officials believed the fact that Russia suspended the deal would weigh on talks.";
        assert!(holds(
            s,
            "believed",
            claim(&["russia", "suspended", "deal"])
        ));
    }

    proptest::proptest! {
        /// Any sentence and hedge are read without a panic.
        #[test]
        fn any_sentence_is_read(
            s in "(that|which|who|believed|would|Russia|deal|, |\\.|—| |é|U\\.N\\.-brokered)*",
            phrase in "(believed|that|is believed|allegations)",
        ) {
            let _ = holds(&s, &phrase, claim(&["russia", "deal"]));
        }
    }

    #[test]
    fn the_noun_a_relative_clause_describes_is_not_what_is_hedged() {
        let s = "The U.S. government believes the Islamic State militant group, which claimed \
            Wednesday's attack in northern Syria that killed four Americans, is likely \
            responsible, although it has not reached a firm conclusion, two U.S. government \
            sources said on Thursday.";
        let claimed = claim(&[
            "islamic",
            "state",
            "claimed",
            "attack",
            "killed",
            "americans",
        ]);
        assert!(!holds(s, "likely", claimed));
        let responsible = claim(&["islamic", "state", "responsible", "attack", "killed"]);
        assert!(holds(s, "likely", &responsible));
        // "claimed", inside the clause, reaches no further than it.
        assert!(!holds(s, "claimed", &responsible));
        // With the stem alike ("grains deal"), the deal's continuing is
        // still what is believed, and its suspension is not.
        let suspended = claim(&["russia", "suspended", "grains", "deal", "weekend"]);
        assert!(!holds(AKAR, "believed", suspended));
    }

    #[test]
    fn a_clause_of_time_after_the_hedge_states_its_own_fact() {
        let s = "Russia may strike the region again, after its forces shelled the power plant \
            on Friday.";
        let shelled = claim(&["russian", "forces", "shelled", "power", "plant", "friday"]);
        assert!(!holds(s, "may", shelled));
        let strike = claim(&["russia", "strike", "region", "again"]);
        assert!(holds(s, "may", strike));
    }

    #[test]
    fn a_hedge_over_the_whole_sentence_holds_its_subject() {
        let s = "Russia may suspend the deal that Turkey brokered.";
        assert!(holds(s, "may", claim(&["russia", "suspend", "deal"])));
    }
}
