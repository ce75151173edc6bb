//! Who the text gives a quote to: the names an attribution puts next to a
//! reporting verb in the quote's sentence or the sentences beside it
//! ("X said", "said X", "according to X", "X told reporters", "X's
//! spokesman"). Only names count (capitalised words, not "the official"
//! or "officials"), so a text that names no one says nothing here.

/// Words that open a sentence or stand for a speaker without naming one.
const NOT_NAMES: &[&str] = &[
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "however",
    "meanwhile",
    "later",
    "earlier",
    "also",
    "then",
    "in",
    "on",
    "at",
    "as",
    "when",
    "while",
    "after",
    "before",
    "according",
    "reporters",
];

/// Words for a group: they name no one, and make the names before them a
/// description ("Chinese officials").
const GROUPS: &[&str] = &[
    "officials",
    "official",
    "sources",
    "source",
    "analysts",
    "authorities",
    "experts",
    "observers",
    "diplomats",
    "police",
    "residents",
    "witnesses",
    "people",
    "leaders",
    "representatives",
    "forces",
    "troops",
    "media",
];

/// The reporting verbs: the source side's list of reported speech.
const VERBS: &[&str] = super::hedge::REPORTED;

fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && !NOT_NAMES.contains(&w.to_lowercase().as_str())
        && !GROUPS.contains(&w.to_lowercase().as_str())
}

fn clean(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .trim_end_matches("'s")
}

/// The sentences of `para` that hold `at..end` and those on each side:
/// what [`names_in`] and [`by_pronoun`] read.
pub fn around(para: &str, at: usize, end: usize) -> &str {
    sentences(para, at, end, 1)
}

/// The sentences of `para` that hold `at..end`, with `beside` more on each
/// side.
fn sentences(para: &str, at: usize, end: usize, beside: usize) -> &str {
    let starts = super::sentence_starts(para);
    let sentence = starts.partition_point(|&s| s <= at).saturating_sub(1);
    let last = starts.partition_point(|&s| s < end).saturating_sub(1);
    let from = starts[sentence.saturating_sub(beside)];
    let to = starts.get(last + 1 + beside).copied().unwrap_or(para.len());
    &para[from.min(para.len())..to.min(para.len())]
}

/// The names the one sentence of `para` that holds `at` gives words to.
pub fn named_in_sentence(para: &str, at: usize) -> Vec<String> {
    names_in(sentences(para, at, at, 0))
}

/// The names `text` gives words to (beside a reporting verb).
pub fn names_in(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let run_before = |i: usize| -> String {
        let mut j = i;
        while j > 0 && is_name_word(clean(words[j - 1])) && !words[j - 1].ends_with([',', '.', '"'])
        {
            j -= 1;
        }
        words[j..i]
            .iter()
            .map(|w| clean(w))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let run_after = |i: usize| -> String {
        let run: Vec<&str> = words[i..]
            .iter()
            .take_while(|w| is_name_word(clean(w)))
            .map(|w| clean(w))
            .collect();
        // "Chinese officials", "Pakistani sources": a group described, no
        // one named.
        if words
            .get(i + run.len())
            .is_some_and(|w| GROUPS.contains(&clean(w).to_lowercase().as_str()))
        {
            return String::new();
        }
        run.join(" ")
    };
    for (i, w) in words.iter().enumerate() {
        let v = clean(w).to_lowercase();
        if VERBS.contains(&v.as_str()) {
            let before = run_before(i);
            if !before.is_empty() {
                out.push(before);
            }
            // "said X" names the speaker only inverted after what was
            // said ("“…,” said X", "…, said X"): in "he said Moscow is not
            // ready" the name after the verb is what was said about.
            let inverted = i > 0 && words[i - 1].ends_with([',', '"', '”', '\'', '’']);
            if inverted
                && let Some(next) = words.get(i + 1)
                && !clean(next).is_empty()
            {
                let after = run_after(i + 1);
                if !after.is_empty() {
                    out.push(after);
                }
            }
        } else if v == "according" && words.get(i + 1).is_some_and(|n| clean(n) == "to") {
            let after = run_after(i + 2);
            if !after.is_empty() {
                out.push(after);
            }
        } else if (v == "spokesman" || v == "spokeswoman" || v == "spokesperson")
            && i > 0
            && words[i - 1].ends_with("'s")
        {
            let owner = run_before(i);
            if !owner.is_empty() {
                out.push(owner);
            }
        }
    }
    out.retain(|n| !n.is_empty());
    out.dedup();
    out
}

/// Whether `window` (see [`around`]) gives the words to "he" or "she"
/// beside a reporting verb ("he said", "said she", "He acknowledged").
pub fn by_pronoun(window: &str) -> bool {
    // Run for every quote no name is given to: no word is copied.
    let pronoun = |w: &str| w.eq_ignore_ascii_case("he") || w.eq_ignore_ascii_case("she");
    let verb = |w: &str| VERBS.iter().any(|v| v.eq_ignore_ascii_case(w));
    let mut words = window.split_whitespace().map(clean);
    let Some(mut before) = words.next() else {
        return false;
    };
    for w in words {
        if pronoun(before) && verb(w) || pronoun(w) && verb(before) {
            return true;
        }
        before = w;
    }
    false
}

/// Who "he" or "she" is when a quote is given to one: the one person the
/// text last gave words to by name in `before` (the sentences ahead of the
/// quote's, nearest last), unless a sentence in between opens on another
/// name ("Putin disagreed."), or that sentence names two speakers.
pub fn last_named(before: &[&str]) -> Option<String> {
    for sentence in before.iter().rev() {
        let names = names_in(sentence);
        match names.as_slice() {
            [one] => return Some(one.clone()),
            [] => {}
            _ => return None,
        }
        // A quotation's first word is the speaker's, not a name the
        // sentence opens on ("“There is more work,” he told reporters").
        let opens_on_a_name = !sentence.trim_start().starts_with(['"', '“'])
            && sentence
                .split_whitespace()
                .map(clean)
                .find(|w| !NOT_NAMES.contains(&w.to_lowercase().as_str()))
                .is_some_and(is_name_word);
        if opens_on_a_name {
            return None;
        }
    }
    None
}

/// Whether a name the text gives matches an actor's name or aliases (a
/// surname is enough: "Bell" is "Gustavo Bell").
pub fn matches(named: &str, names: &[&str]) -> bool {
    let given: Vec<String> = named.split_whitespace().map(str::to_lowercase).collect();
    names.iter().any(|n| {
        n.split_whitespace()
            .map(|w| clean(w).to_lowercase())
            .filter(|w| w.len() >= 3)
            .any(|w| given.contains(&w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_next_to_reporting_verbs() {
        let p =
            "\"We have reasonable hopes,\" Bell told reporters. The statement was issued in Quito.";
        assert_eq!(names_in(around(p, 1, 20)), vec!["Bell"]);
        let p = "Prime Minister Shehbaz Sharif said the talks were useful. Officials said more.";
        assert_eq!(
            names_in(around(p, 40, 50)),
            vec!["Prime Minister Shehbaz Sharif"]
        );
        let p = "The talks were constructive, according to Chinese officials. Later, said Wang Yi, they ended.";
        assert_eq!(names_in(around(p, 0, 20)), vec!["Wang Yi"]);
        let p = "\"Not enough,\" the official said.";
        assert!(names_in(around(p, 1, 10)).is_empty());
        // After the verb, a name is a speaker only where the sentence is
        // inverted; here it is what was said about.
        let p =
            "He said Moscow is not ready to offer a cease-fire. He said: \"They seek surrender.\"";
        assert!(
            names_in(around(p, 60, 70)).is_empty(),
            "{:?}",
            names_in(around(p, 60, 70))
        );
        let p = "\u{201c}We will talk,\u{201d} said Wang Yi in a statement.";
        assert_eq!(names_in(around(p, 1, 10)), vec!["Wang Yi"]);
        assert!(matches("Bell", &["Gustavo Bell"]));
        // "he said" is the one named just before, unless someone else
        // opens a sentence in between or two were named.
        let p = "\"It is over,\" he said. \"We are done.\"";
        assert!(by_pronoun(around(p, 1, 10)));
        assert!(!by_pronoun("\"It is over,\" the minister said."));
        let before = ["\"Nobody wants it,\" Fidan said.", "The talks may resume."];
        assert_eq!(last_named(&before), Some("Fidan".into()));
        let before = ["Sue said the results were good but noted Motorola has work to do."];
        assert_eq!(last_named(&before), Some("Sue".into()));
        let before = ["\"Nobody wants it,\" Fidan said.", "Putin disagreed."];
        assert_eq!(last_named(&before), None);
        let before = ["Fidan said one thing and Lavrov said another."];
        assert_eq!(last_named(&before), None);
        assert_eq!(last_named(&["The talks ended."]), None);
        assert!(!matches("Meriguet", &["Gustavo Bell"]));
    }
}
