//! The checks that hold claims to their sources' texts. They run on the
//! validated model, with the citations as written (for their places in
//! the file), and report in the same form as every other problem.

use super::hedge;
use super::locator;
use super::quote::{self, Found};
use super::source_text::SourceText;
use crate::briefing::model::{Briefing, Confidence, ItemRef, Kind};
use crate::briefing::problem::{Loc, Path, Problem, Severity};
use crate::briefing::raw::{self, Val};
use rustc_hash::FxHashMap as HashMap;

/// A citation as written, with the source it resolved to.
pub struct Cite<'a> {
    pub path: Path,
    pub source: usize,
    pub locator: Option<&'a str>,
    pub quote: Option<&'a str>,
}

/// One claim of an item: the field's path and its text.
pub struct Claim {
    pub path: Path,
    pub field: &'static str,
    pub text: String,
}

/// An item with citations to check.
pub struct Cited<'a> {
    pub item: ItemRef,
    pub path: Path,
    pub cites: Vec<Cite<'a>>,
    /// `unhedged:` given: the author states it plainly on purpose.
    pub unhedged: bool,
}

/// The claims an item makes, each a field that must keep a cited hedge:
/// built only for the items that cite a hedged passage.
fn claims(b: &Briefing, it: &Cited) -> Vec<Claim> {
    let claim = |field: &'static str, text: String| Claim {
        path: at(&it.path, field),
        field,
        text,
    };
    let summary =
        |t: &crate::briefing::Text| (!t.is_empty()).then(|| claim("summary", b.text_line(t)));
    let n = it.item.index;
    match it.item.kind {
        Kind::Actor => summary(&b.actors[n].summary).into_iter().collect(),
        Kind::Issue => summary(&b.issues[n].summary).into_iter().collect(),
        Kind::Position => vec![claim("stance", b.positions[n].stance.to_string())],
        Kind::Event => {
            let e = &b.events[n];
            std::iter::once(claim("title", e.title.to_string()))
                .chain(summary(&e.summary))
                .collect()
        }
        Kind::Source => Vec::new(),
    }
}

fn ok(v: &Option<Val<String>>) -> Option<&str> {
    match v {
        Some(Val::Ok(s)) if !s.trim().is_empty() => Some(s.trim()),
        _ => None,
    }
}

/// The local citations of a raw `sources:` list under `base`.
pub fn cites<'a>(
    b: &Briefing,
    base: &Path,
    list: &'a Option<raw::List<raw::Citation>>,
) -> Vec<Cite<'a>> {
    let Some(Val::Ok(items)) = list else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (j, c) in items.iter().enumerate() {
        let Some(c) = c.as_ok() else { continue };
        let Some(id) = ok(&c.source) else { continue };
        let Some(r) = b.lookup(id).filter(|r| r.kind == Kind::Source) else {
            continue;
        };
        let path = base.clone().key("sources").index(j);
        out.push(Cite {
            path,
            source: r.index,
            locator: ok(&c.locator),
            quote: ok(&c.quote),
        });
    }
    out
}

fn at(path: &Path, k: &str) -> Path {
    path.clone().key(k)
}

fn problem(
    sev: Severity,
    code: &'static str,
    at: Loc,
    msg: String,
    label: &'static str,
    help: String,
) -> Problem {
    Problem {
        severity: sev,
        code,
        message: msg.into(),
        at,
        label: label.into(),
        help: Some(help.into()),
        also: Vec::new(),
        data: None,
    }
}

/// A hedge found in a cited paragraph.
#[derive(Clone)]
struct Hedge {
    source: usize,
    para: usize,
    word: &'static str,
    /// The sentence that hedges, shortened around the hedge.
    sentence: String,
    /// The quoted words' content words, when a quote was cited: an
    /// event's title that shares none of them names the event and does
    /// not restate the words ("Kuleba and Lavrov meet in Turkey" beside
    /// "produced no breakthrough").
    quoted: Vec<String>,
}

/// Whether `claim` states what `h` holds at arm's length: every claim but
/// a title that shares no word with the quote.
fn restates(claim: &Claim, h: &Hedge) -> bool {
    claim.field != "title"
        || h.quoted.is_empty()
        || content_words(&claim.text).any(|w| h.quoted.contains(&w))
}

/// `sentence` cut to about 160 characters around `word`.
fn around_word(sentence: &str, word: &str) -> String {
    let lower = sentence.to_lowercase();
    let at = lower.find(word).unwrap_or(0);
    let mut from = at.saturating_sub(70);
    while !sentence.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + word.len() + 90).min(sentence.len());
    while !sentence.is_char_boundary(to) {
        to += 1;
    }
    let mut s = sentence[from..to].trim().to_string();
    if from > 0 {
        s.insert(0, '…');
    }
    if to < sentence.len() {
        s.push('…');
    }
    s
}

/// The sentence before `s` (in paragraph `k` of `paras`) when `s` goes on
/// with its quote: it opens a quotation and the one before it closed one
/// (`"…," he added. "What is important now…"`), so whoever that sentence
/// gives its words to says these too. A paragraph that opens with a quote
/// goes on from the last sentence of the one before, as news reports
/// write a speaker's next paragraph.
fn continued_from<'p>(paras: &'p [String], k: usize, s: &str) -> Option<&'p str> {
    const OPENS: [char; 2] = ['"', '“'];
    if !s.trim_start().starts_with(OPENS) {
        return None;
    }
    let para = paras.get(k)?;
    let at = (s.as_ptr() as usize).checked_sub(para.as_ptr() as usize)?;
    let starts = super::sentence_starts(para);
    let own = starts.partition_point(|&x| x <= at).checked_sub(1)?;
    let before = match own.checked_sub(1) {
        Some(j) => para.get(starts[j]..starts[own])?,
        None => super::sentences(paras.get(k.checked_sub(1)?)?).last()?,
    };
    before.contains(['"', '”']).then_some(before)
}

/// The sentences of `para` that hold `from..to`.
fn sentences_over(para: &str, from: usize, to: usize) -> &str {
    let first = super::dates::sentence_at(para, from);
    let last = super::dates::sentence_at(para, to.saturating_sub(1).max(from));
    let a = first.as_ptr() as usize - para.as_ptr() as usize;
    let z = last.as_ptr() as usize - para.as_ptr() as usize + last.len();
    &para[a.min(z)..z.max(a)]
}

/// What a quote check found, for the messages. `others` are the
/// briefing's other source texts, to say where a wording really is.
fn quote_problem(
    t: &SourceText,
    src_id: &str,
    q: &str,
    range: Option<(usize, usize)>,
    path: Path,
    others: &[(&str, &SourceText)],
    out: &mut Vec<Problem>,
) -> Option<usize> {
    match t.find(q, range.map(|(a, b)| (a - 1, b - 1))) {
        Found::In(k, _) => {
            if let Some((a, b)) = range
                && !(a..=b).contains(&(k + 1))
            {
                let mut p = problem(
                    Severity::Warning,
                    "quote-wrong-locator",
                    Loc::value(path.clone()),
                    format!(
                        "the quote is in ¶{} of `{src_id}`, not {}",
                        k + 1,
                        locator::show((a, b))
                    ),
                    "",
                    format!("write `locator: \"¶{}\"`", k + 1),
                );
                p.data = Some(Box::new(
                    serde_json::json!({"locator": format!("¶{}", k + 1)}),
                ));
                out.push(p);
            }
            gaps(&t.normalised[k], q, k, path, out);
            Some(k)
        }
        Found::Across(k) => {
            out.push(problem(
                Severity::Error,
                "quote-spans-paragraphs",
                Loc::value(path),
                format!(
                    "the quote runs across a paragraph break in `{src_id}` (from ¶{})",
                    k + 1
                ),
                "stitched from two paragraphs",
                "quote one paragraph at a time: cite each part with its own locator".into(),
            ));
            None
        }
        Found::NotFound => {
            if let Some(p) = stitched(t, q, path.clone()) {
                out.push(p);
                return None;
            }
            if let Some((id, k)) =
                others
                    .iter()
                    .filter(|(id, _)| *id != src_id)
                    .find_map(|(id, o)| match o.find(q, None) {
                        Found::In(k, _) => Some((*id, k)),
                        _ => None,
                    })
            {
                let mut p = problem(
                    Severity::Error,
                    "quote-other-source",
                    Loc::value(path),
                    format!(
                        "the quote is not in the text of `{src_id}`: this wording is in `{id}` ¶{}",
                        k + 1
                    ),
                    "cited to the wrong source",
                    format!(
                        "cite that source: `{{source: {id}, locator: \"¶{}\"}}`",
                        k + 1
                    ),
                );
                p.data = Some(Box::new(
                    serde_json::json!({"found_in": {"source": id, "paragraph": k + 1}}),
                ));
                out.push(p);
                return None;
            }
            if let Some(why) = t.unseen_find(q) {
                let what = match why {
                    "script" => "the page's script",
                    "metadata" => "the page's metadata",
                    _ => "the page's hidden text",
                };
                out.push(problem(
                    Severity::Error,
                    "quote-unseen",
                    Loc::value(path),
                    format!(
                        "these words are only in {what} of `{src_id}`, not in what a reader of the page sees"
                    ),
                    "not in the page's text",
                    "quote what the page shows its reader, or cite where these words are published".into(),
                ));
                return None;
            }
            let (message, help, data) = match t.closest(q) {
                Some((n, text, score)) if score > 0 => differs(q, &text, n, score, src_id),
                _ => (
                    format!("the quote is not in the text of `{src_id}`"),
                    "nothing in the source text is like it; check the quote and the source".into(),
                    None,
                ),
            };
            let mut p = problem(
                Severity::Error,
                "quote-not-found",
                Loc::value(path),
                message,
                "not in the source",
                help,
            );
            p.data = data.map(Box::new);
            out.push(p);
            None
        }
    }
}

/// Words too common to tie a sentence to a claim.
const COMMON: &[&str] = &[
    "that", "this", "with", "from", "have", "been", "were", "will", "would", "could", "their",
    "there", "they", "them", "said", "says", "than", "over", "into", "about", "after", "also",
    "such", "which", "while", "what", "when", "where", "more", "most", "some", "other", "only",
    "very", "just", "being", "does", "should", "these", "those",
];

/// The words of a text that say what it is about (four letters or more,
/// not the commonest), lower-cased; gathered into one set for all of an
/// item's claims.
fn content_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()))
}

/// A hedge in a sentence of `para` that shares at least half of `claim`'s
/// words (two at the least), with that sentence: in an article about
/// Pakistan, sharing "Pakistan" and "Afghan" says nothing. The hedge must
/// reach two of those words (see [`super::scope`]).
fn related_hedge<'p>(
    para: &'p str,
    claim: &rustc_hash::FxHashSet<String>,
) -> Option<(&'static str, &'p str)> {
    related_sentences(para, claim)
        .find_map(|s| Some((hedge_reaching(s, 2, |w| claim.contains(w))?, s)))
}

/// The first hedge of `s` that reaches `at_least` of the words `words`
/// says are the claim's (see [`super::scope`]).
fn hedge_reaching(s: &str, at_least: usize, words: impl Fn(&str) -> bool) -> Option<&'static str> {
    let sentence = super::scope::Sentence::new(s);
    let reaches =
        |phrase: &str| sentence.holds(phrase, at_least, |w| words(w) && !COMMON.contains(&w));
    // Most sentences hold no hedge, or one that reaches the claim: the
    // search over every hedge is for the rest.
    let first = hedge::find(s, hedge::SOURCE_HEDGES)?;
    if reaches(first) {
        Some(first)
    } else {
        hedge::find_where(s, hedge::SOURCE_HEDGES, |p| p != first && reaches(p))
    }
}

/// The sentences of `para` that share at least half of `claim`'s words (two
/// at the least): what a citation with only a locator rests on.
fn related_sentences<'p>(
    para: &'p str,
    claim: &rustc_hash::FxHashSet<String>,
) -> impl Iterator<Item = &'p str> {
    super::sentences(para).filter(move |s| {
        let shared = shared_words(s, claim);
        shared >= 2 && shared * 2 >= claim.len()
    })
}

/// How many of `claim`'s words (made by [`content_words`]) are in `s`:
/// `content_words(s).intersection(claim).count()`, without making a set of
/// `s`'s words (done for every sentence a citation may rest on).
fn shared_words(s: &str, claim: &rustc_hash::FxHashSet<String>) -> usize {
    // The claim's own strings, each counted once.
    let mut found: Vec<&str> = Vec::new();
    let mut lower = String::new();
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
    {
        if w.is_ascii() {
            lower.clear();
            lower.push_str(w);
            lower.make_ascii_lowercase();
        } else {
            // A final sigma lower-cases by its place in the word.
            lower = w.to_lowercase();
        }
        if let Some(k) = claim.get(lower.as_str())
            && !COMMON.contains(&k.as_str())
            && !found.iter().any(|f| std::ptr::eq(*f, k.as_str()))
        {
            found.push(k.as_str());
        }
    }
    found.len()
}

/// Words that negate: left out by an ellipsis, or changed by a quote, they
/// reverse what the words around them say.
const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "without",
    "nor",
    "neither",
    "cannot",
    "none",
    "nobody",
    "nothing",
    "nowhere",
    "unable",
    "unwilling",
    "unlikely",
    "unclear",
    "unacceptable",
    "unsuccessful",
    "unconfirmed",
    "unverified",
    "unknown",
    "unresolved",
    "refused",
    "denied",
];

/// Verbs that deny what follows them in the text.
const DENYING: &[&str] = &[
    "denies",
    "denied",
    "deny",
    "denying",
    "rejects",
    "rejected",
    "dismisses",
    "dismissed",
    "refutes",
    "refuted",
];

/// Words between a denial and what it denies: "denied reports that …".
const DENIED_THING: &[&str] = &[
    "that",
    "the",
    "claims",
    "claim",
    "reports",
    "report",
    "allegations",
    "accusations",
    "suggestions",
    "charges",
];

/// The verb that denies what starts at byte `at` of `para`, in the same
/// sentence: "Iran denies | seeking to develop…", "dismissed reports that
/// | the talks had failed".
fn denied_before(para: &str, at: usize) -> Option<&'static str> {
    let before = para.get(..at)?;
    let sentence = &before[super::sentence_starts(before).last().copied().unwrap_or(0)..];
    let mut words = sentence.split_whitespace().rev().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    // The verb, or up to three of those words and then the verb.
    for _ in 0..4 {
        let w = words.next()?;
        if let Some(d) = DENYING.iter().find(|d| **d == w) {
            return Some(d);
        }
        if !DENIED_THING.contains(&w.as_str()) {
            return None;
        }
    }
    None
}

/// Per source, per paragraph of its text: whether a word of [`DENYING`]
/// is in it.
fn denial_paragraphs(b: &Briefing) -> Vec<Vec<bool>> {
    b.sources
        .iter()
        .map(|s| {
            s.text.as_ref().map_or(Vec::new(), |t| {
                t.normalised
                    .iter()
                    .map(|p| {
                        // A quick look for a piece of each word first.
                        ["eni", "eny", "eject", "ismiss", "efut"]
                            .iter()
                            .any(|x| p.contains(x))
                            && p.split(|c: char| !c.is_alphanumeric())
                                .any(|w| DENYING.iter().any(|d| w.eq_ignore_ascii_case(d)))
                    })
                    .collect()
            })
        })
        .collect()
}

/// A claim that states what its quote's own sentence denies, the denial
/// left just outside the quote ("Iran denies | seeking to develop a
/// nuclear weapons capability" cited for "Iran seeks to develop one"). A
/// claim that denies or negates too, or says whose words it states, is
/// left alone.
fn denial_dropped(b: &Briefing, it: &Cited, denials: &[Vec<bool>], out: &mut Vec<Problem>) {
    for c in &it.cites {
        let src = &b.sources[c.source];
        let (Some(q), Some(t)) = (c.quote, &src.text) else {
            continue;
        };
        // Most paragraphs deny nothing: a quote is looked for only where
        // one does (in the paragraphs its locator names, when it has one).
        let flags = &denials[c.source];
        let some = |f: &[bool]| f.iter().any(|d| *d);
        let possible = match c.locator.and_then(locator::parse) {
            Some((a, z)) => flags
                .get(a.max(1) - 1..z.min(flags.len()))
                .is_some_and(some),
            None => some(flags),
        };
        if !possible {
            continue;
        }
        let Found::In(k, r) = t.find(q, None) else {
            continue;
        };
        let para = &t.normalised[k];
        let Some(word) = denied_before(para, r.start) else {
            continue;
        };
        let denies = |text: &str| {
            negation_in(text).is_some()
                || text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| DENYING.contains(&w.to_lowercase().as_str()))
        };
        for claim in claims(b, it) {
            if denies(&claim.text) || hedge::claim_marker(&claim.text).is_some() {
                continue;
            }
            out.push(problem(
                Severity::Warning,
                "denial-dropped",
                Loc::value(claim.path.clone()),
                format!(
                    "¶{} of `{}` denies what the quote says (“{word}” just before it), but this {} states it: “{}”",
                    k + 1,
                    src.id,
                    claim.field,
                    around_word(super::dates::sentence_at(para, r.start), word)
                ),
                "",
                "say that it is denied (and by whom), or cite words that assert it".into(),
            ));
        }
        return;
    }
}

fn negation_in(words: &str) -> Option<String> {
    words
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.to_lowercase())
        .find(|w| {
            NEGATIONS.contains(&w.as_str())
                || w.ends_with("n't")
                || (w.starts_with("non-") && w.len() > 4)
        })
}

/// What a quote's `…` gaps leave out of paragraph `para` (normalised): a
/// negation is an error (the quote then says the opposite); a sentence end
/// the quote does not mark is a warning (two sentences read as one).
fn gaps(para: &str, q: &str, k: usize, path: Path, out: &mut Vec<Problem>) {
    let pieces = quote::pieces(q);
    if pieces.len() < 2 {
        return;
    }
    let Some(parts) = quote::within_parts(para, &pieces) else {
        return;
    };
    let marked_ends: Vec<bool> = quote::normalise(q)
        .replace("...", "…")
        .split('…')
        .map(|s| s.trim_end().ends_with(['.', '!', '?']))
        .collect();
    for (i, w) in parts.windows(2).enumerate() {
        let left = &para[w[0].end..w[1].start];
        if let Some(neg) = negation_in(left) {
            out.push(problem(
                Severity::Error,
                "ellipsis-changes-meaning",
                Loc::value(path),
                format!(
                    "the `…` leaves out “{neg}”: the quote says what ¶{} does not",
                    k + 1
                ),
                "the gap holds a negation",
                format!(
                    "the left-out words: “{}”; quote them, or end the quote before them",
                    crate::briefing::sanitize::clip(left.trim(), 160)
                ),
            ));
            return;
        }
        // Two speakers' words joined as one: the sentences the parts stand
        // in give them to people of different names.
        let (first, second) = (
            super::speaker::named_in_sentence(para, w[0].start),
            super::speaker::named_in_sentence(para, w[1].start),
        );
        if !first.is_empty()
            && !second.is_empty()
            && !second.iter().any(|n| {
                super::speaker::matches(n, &first.iter().map(String::as_str).collect::<Vec<_>>())
            })
        {
            out.push(problem(
                Severity::Error,
                "ellipsis-changes-meaning",
                Loc::value(path),
                format!(
                    "the `…` joins the words of “{}” and “{}” in ¶{} as one person's",
                    first[0],
                    second[0],
                    k + 1
                ),
                "two speakers joined",
                format!(
                    "the left-out words: “{}”; quote each speaker on their own",
                    crate::briefing::sanitize::clip(left.trim(), 160)
                ),
            ));
            return;
        }
        let ends_sentence = super::sentence_starts(left).len() > 1 && left.trim_end().len() > 1;
        if ends_sentence && !marked_ends.get(i).copied().unwrap_or(false) {
            out.push(problem(
                Severity::Warning,
                "ellipsis-joins-sentences",
                Loc::value(path),
                format!(
                    "the `…` crosses a sentence end in ¶{}: the quote reads as one sentence",
                    k + 1
                ),
                "two sentences joined",
                format!(
                    "the left-out words: “{}”; end the first part with its full stop (“… action. … The”), or quote one sentence",
                    crate::briefing::sanitize::clip(left.trim(), 160)
                ),
            ));
            return;
        }
    }
}

/// A quote not found as written but found once a gap is marked: words were
/// left out without `…`. One error that says which.
fn stitched(t: &SourceText, q: &str, path: Path) -> Option<Problem> {
    let n = quote::normalise(q);
    let n = n.trim_matches(|c| c == '"' || c == '\'' || c == ' ');
    if n.contains('…') || n.contains("...") || n.contains('[') {
        return None;
    }
    let words: Vec<&str> = n.split(' ').collect();
    for cut in 1..words.len() {
        let (a, b) = (words[..cut].join(" "), words[cut..].join(" "));
        let pieces = quote::pieces(&format!("{a} … {b}"));
        if let Found::In(k, _) = t.find(&format!("{a} … {b}"), None)
            && let Some(parts) = quote::within_parts(&t.normalised[k], &pieces)
            && let [x, y] = parts.as_slice()
        {
            let left = t.normalised[k][x.end..y.start].trim();
            // One word out, or a negation out, is a changed quote: the word
            // diff of a quote not found names it better.
            if left.split_whitespace().count() < 2 || negation_in(left).is_some() {
                return None;
            }
            let mut p = problem(
                Severity::Error,
                "quote-stitched",
                Loc::value(path),
                format!(
                    "the quote leaves out words of ¶{} between “{}” and “{}” without marking the gap",
                    k + 1,
                    crate::briefing::sanitize::clip(&a, 60),
                    crate::briefing::sanitize::clip(&b, 60)
                ),
                "words left out unmarked",
                format!(
                    "the text has “{}” there: mark the gap with …, “{} … {}”",
                    crate::briefing::sanitize::clip(left, 120),
                    crate::briefing::sanitize::clip(&a, 60),
                    crate::briefing::sanitize::clip(&b, 60)
                ),
            );
            p.data = Some(Box::new(serde_json::json!({"quote": format!("{a} … {b}")})));
            return Some(p);
        }
    }
    None
}

/// A number, as written and as a value, so "three" and "3" are the same
/// number.
fn number(w: &str) -> Option<(String, String)> {
    const WORDS: &[&str] = &[
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%');
    let l = w.to_lowercase();
    if let Some(n) = WORDS.iter().position(|x| *x == l) {
        return Some((w.to_string(), n.to_string()));
    }
    w.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
        .then(|| (w.to_string(), w.replace(',', "")))
}

/// The message and help for a quote not found, with the closest passage
/// whole and a word diff against it; a negation or a number that differs
/// is named in the message, so "92% alike" never reads as nearly right
/// when the meaning is reversed.
fn differs(
    q: &str,
    passage: &str,
    n: usize,
    score: u32,
    src_id: &str,
) -> (String, String, Option<serde_json::Value>) {
    let quote_text = quote::pieces(q).join(" … ");
    let passage = passage.trim_matches(|c| matches!(c, '“' | '”' | '"' | ',' | ' '));
    let runs = crate::diff::word_runs(passage, &quote_text);
    let mut shown: Vec<String> = Vec::new();
    let (mut out_words, mut in_words) = (Vec::new(), Vec::new());
    for (run, text) in &runs {
        let t = text.trim();
        if t.is_empty() {
            continue;
        }
        match run {
            crate::diff::Run::Kept => shown.push(t.to_string()),
            crate::diff::Run::Out => {
                shown.push(format!("[-{t}-]"));
                out_words.extend(t.split_whitespace().map(str::to_string));
            }
            crate::diff::Run::In => {
                shown.push(format!("{{+{t}+}}"));
                in_words.extend(t.split_whitespace().map(str::to_string));
            }
        }
    }
    let joined = |v: &[String]| v.join(" ");
    let neg_out = negation_in(&joined(&out_words));
    let neg_in = negation_in(&joined(&in_words));
    let num_out = out_words.iter().find_map(|w| number(w));
    let num_in = in_words.iter().find_map(|w| number(w));
    let message = match (neg_out, neg_in, num_out, num_in) {
        (Some(w), _, _, _) => format!(
            "the quote is not in the text of `{src_id}`: the source says *{w}* here (¶{})",
            n + 1
        ),
        (None, Some(w), _, _) => format!(
            "the quote is not in the text of `{src_id}`: the quote adds *{w}*, which ¶{} does not say",
            n + 1
        ),
        (None, None, Some(a), Some(b)) if a.1 != b.1 => format!(
            "the quote is not in the text of `{src_id}`: the source says *{}*, not *{}* (¶{})",
            a.0,
            b.0,
            n + 1
        ),
        _ => format!("the quote is not in the text of `{src_id}`"),
    };
    let help = format!(
        "the closest passage is in ¶{} ({score}% alike): “{}” ([-…-] the source's words, {{+…+}} the quote's)",
        n + 1,
        crate::briefing::sanitize::clip(&shown.join(" "), 400)
    );
    let data = serde_json::json!({
        "closest": {"paragraph": n + 1, "alike": score, "passage": passage},
        "removed": out_words,
        "added": in_words,
    });
    (message, help, Some(data))
}

/// Every evidence check over the briefing; `key_points` are the raw key
/// points' links, resolved.
pub fn run(b: &Briefing, items: &[Cited], out: &mut Vec<Problem>) {
    let texts: Vec<(&str, &SourceText)> = b
        .sources
        .iter()
        .filter_map(|s| Some((s.id.as_str(), s.text.as_ref()?)))
        .collect();
    let mut hedged: HashMap<ItemRef, Hedge> = HashMap::default();
    for it in items {
        let mut first_hedge: Option<Hedge> = None;
        let mut claim_words: Option<rustc_hash::FxHashSet<String>> = None;
        // A quote's sentence that gives the words to someone ("the official
        // said"): a claim stating them as fact drops the attribution.
        let mut attributed: Option<Hedge> = None;
        for c in &it.cites {
            let src = &b.sources[c.source];
            if let Some(l) = c.locator
                && locator::unreadable(l)
            {
                out.push(problem(
                    Severity::Warning,
                    "locator-unreadable",
                    Loc::value(at(&c.path, "locator")),
                    format!(
                        "`{}` names paragraphs in a form brief does not read",
                        crate::briefing::sanitize::clip(l, 40)
                    ),
                    "not a paragraph number brief knows",
                    format!("write one of {}", locator::FORMS),
                ));
            }
            let Some(t) = &src.text else { continue };
            let mut range = c.locator.and_then(locator::parse);
            if let Some((a, z)) = range
                && (a == 0 || z < a || z > t.len())
            {
                out.push(problem(
                    Severity::Error,
                    "locator-out-of-range",
                    Loc::value(at(&c.path, "locator")),
                    format!(
                        "{} is not in `{}`: its text has {} paragraph{}",
                        locator::show((a, z)),
                        src.id,
                        t.len(),
                        if t.len() == 1 { "" } else { "s" }
                    ),
                    "no such paragraph",
                    format!("paragraphs are numbered from 1 to {}", t.len()),
                ));
                range = None;
            }
            let mut paras: Vec<usize> = range.map_or(Vec::new(), |(a, z)| (a - 1..z).collect());
            if let Some(q) = c.quote
                && let Some(k) =
                    quote_problem(t, &src.id, q, range, at(&c.path, "quote"), &texts, out)
                && !paras.contains(&k)
            {
                paras.push(k);
            }
            if first_hedge.is_none() {
                // A citation with only a locator rests on the sentences of
                // its paragraphs that share the claim's words: a hedge
                // elsewhere in them (or in a paragraph a wrong locator
                // names) is not the claim's.
                let words = c.quote.is_none().then(|| {
                    claim_words.get_or_insert_with(|| {
                        claims(b, it)
                            .iter()
                            .flat_map(|c| content_words(&c.text))
                            .collect()
                    })
                });
                // A quote rests on the sentences that hold it: a hedge in
                // another clause of its paragraph is not its.
                let hint = range.map(|(a, z)| (a - 1, z - 1));
                let quoted = c.quote.and_then(|q| match t.find(q, hint) {
                    Found::In(k, r) => Some((k, r)),
                    _ => None,
                });
                first_hedge = match quoted {
                    Some((k, r)) => {
                        let s = sentences_over(&t.normalised[k], r.start, r.end);
                        let quoted: Vec<String> = c
                            .quote
                            .map(|q| content_words(q).collect())
                            .unwrap_or_default();
                        if attributed.is_none() {
                            let given = std::iter::once(s)
                                .chain(continued_from(&t.normalised, k, s))
                                .find_map(|s| Some((hedge::find(s, hedge::REPORTED)?, s)));
                            if let Some((word, s)) = given {
                                attributed = Some(Hedge {
                                    source: c.source,
                                    para: k,
                                    word,
                                    sentence: around_word(s, word),
                                    quoted: quoted.clone(),
                                });
                            }
                        }
                        // The hedge must reach the quoted words: "a heated
                        // exchange … after Lee asked about its allegations
                        // against Russia" hedges the allegations only.
                        let need = quoted.len().min(2);
                        hedge_reaching(s, need, |w| quoted.iter().any(|q| q == w)).map(|word| {
                            Hedge {
                                source: c.source,
                                para: k,
                                word,
                                sentence: around_word(s, word),
                                quoted,
                            }
                        })
                    }
                    None if c.quote.is_some() => None,
                    None => paras.iter().find_map(|&p| {
                        let para = &t.normalised[p];
                        let (word, s) = match &words {
                            None => (hedge::find(para, hedge::SOURCE_HEDGES)?, para.as_str()),
                            Some(w) => related_hedge(para, w)?,
                        };
                        Some(Hedge {
                            source: c.source,
                            para: p,
                            word,
                            sentence: around_word(s, word),
                            quoted: Vec::new(),
                        })
                    }),
                };
            }
        }
        if it.unhedged {
            continue;
        }
        let Some(h) = first_hedge else {
            if let Some(a) = attributed {
                for claim in &claims(b, it) {
                    if hedge::claim_marker(&claim.text).is_none() && restates(claim, &a) {
                        out.push(problem(
                            Severity::Warning,
                            "attribution-dropped",
                            Loc::value(claim.path.clone()),
                            format!(
                                "¶{} of `{}` gives these words to someone (“{}”) but this {} states them as fact: “{}”",
                                a.para + 1,
                                b.sources[a.source].id,
                                a.word,
                                claim.field,
                                a.sentence
                            ),
                            "",
                            "say whose words they are (“X says …”, “according to X”), or give the item `unhedged:` with the reason".into(),
                        ));
                    }
                }
            }
            continue;
        };
        hedged.insert(it.item, h.clone());
        for claim in &claims(b, it) {
            if hedge::claim_marker(&claim.text).is_none() && restates(claim, &h) {
                out.push(hedge_dropped(b, &h, claim.path.clone(), claim.field));
            }
        }
    }
    let denials = denial_paragraphs(b);
    for it in items {
        if it.item.kind == Kind::Position {
            position_quote(b, it, out);
            speaker(b, it, out);
            single_source(b, it, out);
            rationale(b, it, out);
            stance_contradicts_quote(b, it, out);
        }
        if it.item.kind == Kind::Event {
            event_date(b, it, out);
        }
        denial_dropped(b, it, &denials, out);
        credibility_one(b, it, out);
    }
    for (i, kp) in b.meta.key_points.iter().enumerate() {
        let text = b.text_line(&kp.text);
        let linked = kp.text.links().find_map(|l| match l {
            crate::briefing::Inline::Link(l) => l.target.as_ref().and_then(|r| hedged.get(r)),
            _ => None,
        });
        if let Some(h) = linked
            && hedge::claim_marker(&text).is_none()
        {
            out.push(hedge_dropped(
                b,
                h,
                Path::new().key("key_points").index(i),
                "key point",
            ));
        }
    }
    // The bottom line, a paragraph at a time: one that links to an item
    // resting on a hedged source keeps a hedge of its own.
    for block in &b.meta.summary.blocks {
        let linked = block.inlines.iter().find_map(|l| match l {
            crate::briefing::Inline::Link(l) => l.target.as_ref().and_then(|r| hedged.get(r)),
            _ => None,
        });
        let text = b.inline_text(&block.inlines);
        if let Some(h) = linked
            && hedge::claim_marker(&text).is_none()
        {
            out.push(hedge_dropped(
                b,
                h,
                Path::new().key("summary"),
                "bottom line",
            ));
        }
    }
}

fn hedge_dropped(b: &Briefing, h: &Hedge, path: Path, field: &str) -> Problem {
    problem(
        Severity::Warning,
        "hedge-dropped",
        Loc::value(path),
        format!(
            "¶{} of `{}` hedges (“{}”) but this {field} states the claim plainly: “{}”",
            h.para + 1,
            b.sources[h.source].id,
            h.word,
            h.sentence
        ),
        "",
        format!(
            "keep “{}”, or say who holds the view (“X says …”, “according to X”), or give the item `unhedged:` with the reason it may be stated plainly",
            h.word
        ),
    )
}

/// A position's quotes held to the speaker it names (`said_by`, or its
/// actor when the actor is a person): a warning when the text gives the
/// words to someone else by name; silent when it names no one.
fn speaker(b: &Briefing, it: &Cited, out: &mut Vec<Problem>) {
    let p = &b.positions[it.item.index];
    let who = p.said_by.or_else(|| {
        b.actors[p.actor]
            .kind
            .as_deref()
            .is_some_and(|k| k.eq_ignore_ascii_case("person"))
            .then_some(p.actor)
    });
    let Some(who) = who else { return };
    let actor = &b.actors[who];
    let mut names: Vec<&str> = vec![actor.name.as_str()];
    names.extend(actor.aliases.iter().map(|a| a.as_str()));
    let quotes = it
        .cites
        .iter()
        .filter_map(|c| Some((c.quote?, c.path.clone(), &b.sources[c.source])))
        .chain(p.quote.as_deref().into_iter().flat_map(|q| {
            it.cites
                .iter()
                .map(move |c| (q, at(&it.path, "quote"), &b.sources[c.source]))
        }));
    for (q, path, src) in quotes {
        let Some(t) = &src.text else { continue };
        let Found::In(k, range) = t.find(q, None) else {
            continue;
        };
        let para = &t.normalised[k];
        let window = super::speaker::around(para, range.start, range.end);
        let mut given = super::speaker::names_in(window);
        let mut pronoun = false;
        if given.is_empty() && super::speaker::by_pronoun(window) {
            // "he said": the one the text named just before, in this
            // paragraph or the one ahead of it; a paragraph ahead that
            // gives its words to "he" alone goes on from the one before it
            // ("… de Mistura said." / "…," he told reporters. / "…," he
            // said.), three paragraphs back at most.
            let here = super::sentence_starts(para);
            let own = here
                .partition_point(|&s| s <= range.start)
                .saturating_sub(1);
            let pronoun_only =
                |p: &str| super::speaker::by_pronoun(p) && super::speaker::names_in(p).is_empty();
            let mut from = k.saturating_sub(1);
            while from > 0 && k - from < 3 && pronoun_only(&t.normalised[from]) {
                from -= 1;
            }
            let mut before: Vec<&str> = (from..k)
                .flat_map(|j| super::sentences(&t.normalised[j]))
                .collect();
            before.extend(super::sentences(&para[..here[own]]));
            given.extend(super::speaker::last_named(&before));
            pronoun = !given.is_empty();
        }
        if given.is_empty() || given.iter().any(|g| super::speaker::matches(g, &names)) {
            continue;
        }
        out.push(problem(
            Severity::Warning,
            "quote-speaker",
            Loc::value(path),
            format!(
                "the text gives these words to {}{}, not to `{}`",
                given
                    .iter()
                    .map(|g| format!("“{g}”"))
                    .collect::<Vec<_>>()
                    .join(" or "),
                if pronoun {
                    " (“he” or “she”, named just before)"
                } else {
                    ""
                },
                actor.id
            ),
            "another speaker",
            format!(
                "check `said_by` (or the position's actor): ¶{} of `{}` names who said it",
                k + 1,
                src.id
            ),
        ));
        return;
    }
}

/// A position's own `quote` must be in one of the texts it cites.
fn position_quote(b: &Briefing, it: &Cited, out: &mut Vec<Problem>) {
    let p = &b.positions[it.item.index];
    let Some(q) = &p.quote else { return };
    let texts: Vec<(&str, &SourceText)> = it
        .cites
        .iter()
        .filter_map(|c| {
            let s = &b.sources[c.source];
            s.text.as_ref().map(|t| (s.id.as_str(), t))
        })
        .collect();
    if texts.is_empty() {
        return;
    }
    let mut tried = Vec::new();
    for (id, t) in &texts {
        if matches!(t.find(q, None), Found::In(..)) {
            return;
        }
        if !tried.contains(id) {
            tried.push(*id);
        }
    }
    let (id, t) = texts[0];
    quote_problem(t, id, q, None, at(&it.path, "quote"), &[], out);
}

/// `confidence: high` on one source graded below B2 needs a rationale.
fn single_source(b: &Briefing, it: &Cited, out: &mut Vec<Problem>) {
    let p = &b.positions[it.item.index];
    if p.confidence != Some(Confidence::High) || !p.rationale.is_empty() {
        return;
    }
    let sources = b.sources_of(it.item);
    if sources.is_empty() || !b.externals(it.item).iter().all(|e| e.kind != Kind::Source) {
        return;
    }
    // Originators, not citations: two outlets relaying one report are one.
    let mut from: Vec<String> = sources.iter().map(|&s| b.originator(s)).collect();
    from.sort();
    from.dedup();
    if from.len() != 1 {
        return;
    }
    let strong = |s: &crate::briefing::Source| {
        matches!(s.reliability, Some('A' | 'B')) && s.credibility.is_some_and(|c| c <= 2)
    };
    if sources.len() == 1 && strong(&b.sources[sources[0]]) {
        return;
    }
    let s = &b.sources[sources[0]];
    let message = if sources.len() == 1 {
        let grade = s.grade().unwrap_or_else(|| "ungraded".into());
        format!(
            "high confidence rests on one source, `{}`, graded {grade}",
            s.id
        )
    } else {
        format!(
            "high confidence rests on one originator: {} relay the same report",
            sources
                .iter()
                .map(|&s| format!("`{}`", b.sources[s].id))
                .collect::<Vec<_>>()
                .join(" and ")
        )
    };
    out.push(problem(
        Severity::Warning,
        "single-source",
        Loc::value(at(&it.path, "confidence")),
        message,
        "",
        "cite an independent source, lower the confidence, or say why the briefing is this sure in `rationale:`".into(),
    ));
}

/// An event's date held to the dates its cited sentences give: the
/// sentence that holds a quote, or for a citation with only a locator the
/// sentences that share the claim's words. A warning when such a sentence
/// names dates and none falls within the event's.
fn event_date(b: &Briefing, it: &Cited, out: &mut Vec<Problem>) {
    let e = &b.events[it.item.index];
    let Some(date) = &e.date else { return };
    let (from, to) = super::dates::covered(date);
    let event_year = date
        .sort_key()
        .map(|k| crate::briefing::date::civil_from_days(k.div_euclid(86_400)).0);
    let mut claim: Option<rustc_hash::FxHashSet<String>> = None;
    for c in &it.cites {
        let src = &b.sources[c.source];
        let Some(t) = &src.text else { continue };
        let today = src.date.as_ref().and_then(|d| match &d.value {
            crate::briefing::date::DateValue::Point(p)
                if p.precision >= crate::briefing::date::Precision::Day =>
            {
                Some(p.start_instant().div_euclid(86_400))
            }
            _ => None,
        });
        let year = src
            .date
            .as_ref()
            .and_then(|d| d.sort_key())
            .map(|k| crate::briefing::date::civil_from_days(k.div_euclid(86_400)).0)
            .or(event_year)
            .unwrap_or(2000);
        let mut sentences: Vec<(usize, &str)> = Vec::new();
        match c.quote {
            Some(q) => {
                if let Found::In(k, r) = t.find(q, None) {
                    sentences.push((k, super::dates::sentence_at(&t.normalised[k], r.start)));
                }
            }
            None => {
                let Some((a, z)) = c.locator.and_then(locator::parse) else {
                    continue;
                };
                let words = claim.get_or_insert_with(|| {
                    claims(b, it)
                        .iter()
                        .flat_map(|c| content_words(&c.text))
                        .collect()
                });
                for k in (a.max(1) - 1)..z.min(t.len()) {
                    sentences.extend(related_sentences(&t.normalised[k], words).map(|s| (k, s)));
                }
            }
        }
        for (k, s) in sentences {
            let named = super::dates::named(s, year, today);
            if named.is_empty() || named.iter().any(|(a, z, _)| *a < to && *z > from) {
                continue;
            }
            out.push(problem(
                Severity::Warning,
                "date-contradicts-source",
                Loc::value(at(&it.path, "date")),
                format!(
                    "¶{} of `{}` says “{}”, but the event is dated {}",
                    k + 1,
                    src.id,
                    named[0].2,
                    date.text
                ),
                "",
                format!(
                    "the sentence: “{}”; check the date, or cite the passage that gives it",
                    crate::briefing::sanitize::clip(s, 160)
                ),
            ));
            return;
        }
    }
}

/// The content words of `text` (four letters or more), each with whether
/// a negation stands within the three words before it.
fn negated_words(text: &str) -> Vec<(String, bool)> {
    let w: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let neg = |x: &str| {
        matches!(
            x,
            "not" | "no" | "never" | "without" | "nor" | "neither" | "cannot"
        ) || x.ends_with("n't")
    };
    w.iter()
        .enumerate()
        .filter(|(_, x)| x.chars().count() >= 4 && !COMMON.contains(&x.as_str()) && !neg(x))
        .map(|(i, x)| (x.clone(), w[i.saturating_sub(3)..i].iter().any(|p| neg(p))))
        .collect()
}

/// A position's stance that says plainly what its own quote negates, or
/// the reverse: a hint to re-read, kept narrow (a word both use, negated
/// in one and not in the other, and in neither more than once).
fn stance_contradicts_quote(b: &Briefing, it: &Cited, out: &mut Vec<Problem>) {
    let p = &b.positions[it.item.index];
    let Some(q) = &p.quote else { return };
    let (sw, qw) = (negated_words(&p.stance), negated_words(q));
    let once = |v: &[(String, bool)], w: &str| v.iter().filter(|(x, _)| x == w).count() == 1;
    let clash = sw.iter().find_map(|(w, sn)| {
        let (_, qn) = qw.iter().find(|(x, _)| x == w)?;
        (sn != qn && once(&sw, w) && once(&qw, w)).then(|| (w.clone(), *qn))
    });
    // `support` on words that refuse: the actor's own quote rejects what
    // the alignment says it backs.
    const REFUSALS: &[&str] = &[
        "reject",
        "rejects",
        "rejected",
        "refuse",
        "refuses",
        "refused",
        "oppose",
        "opposes",
        "opposed",
        "won't",
        "will not",
        "cannot accept",
        "never accept",
    ];
    if p.alignment == Some(crate::briefing::Alignment::Support)
        && let Some(r) = hedge::find(q, REFUSALS)
    {
        out.push(problem(
            Severity::Warning,
            "stance-contradicts-quote",
            Loc::value(at(&it.path, "alignment")),
            format!("`alignment: support`, but the quote refuses (“{r}”)"),
            "",
            "re-read the quote: the actor may oppose what the issue asks".into(),
        ));
        return;
    }
    // A quote that denies ("rejected allegations that X") negates without
    // a "not": word by word it cannot be read, so it is left alone.
    const DENIALS: &[&str] = &[
        "denied",
        "denies",
        "deny",
        "dismissed",
        "dismisses",
        "false",
    ];
    if hedge::find(q, REFUSALS).is_some() || hedge::find(q, DENIALS).is_some() {
        return;
    }
    if let Some((w, quote_negates)) = clash {
        out.push(problem(
            Severity::Warning,
            "stance-contradicts-quote",
            Loc::value(at(&it.path, "stance")),
            if quote_negates {
                format!("the quote negates “{w}”, the stance states it")
            } else {
                format!("the stance negates “{w}”, the quote states it")
            },
            "",
            "re-read the quote: the stance may say the opposite of it".into(),
        ));
    }
}

/// Words that speak of a source's standing, not of why this claim holds.
const STANDING: &[&str] = &[
    "reputable",
    "reliable source",
    "reliable outlet",
    "trusted source",
    "trusted outlet",
    "credible source",
    "credible outlet",
    "respected",
    "well-known",
    "well known",
    "major outlet",
    "authoritative",
    "mainstream",
];

/// Words that give a reason: a second source, a document, who saw it.
const REASONS: &[&str] = &[
    "because",
    "since",
    "two",
    "both",
    "several",
    "independent",
    "confirm",
    "corroborat",
    "document",
    "record",
    "first-hand",
    "firsthand",
    "direct",
    "witness",
    "quote",
    "own words",
    "statement",
    "data",
    "footage",
    "photograph",
    "satellite",
    "official",
    "published",
];

/// A `rationale` must give a reason: one that only restates the source's
/// standing ("a reputable outlet") is a warning, and so is one that says
/// "on the record" of words the briefing gives to an anonymous speaker.
fn rationale(b: &Briefing, it: &Cited, out: &mut Vec<Problem>) {
    let p = &b.positions[it.item.index];
    if p.rationale.is_empty() {
        return;
    }
    let text = b.text_line(&p.rationale).to_lowercase();
    let path = at(&it.path, "rationale");
    let who = &b.actors[p.said_by.unwrap_or(p.actor)];
    let anonymous = [Some(&who.name), who.kind.as_ref()]
        .into_iter()
        .flatten()
        .any(|s| s.to_lowercase().contains("anonym"));
    if anonymous && text.contains("on the record") {
        out.push(problem(
            Severity::Warning,
            "rationale-contradicts",
            Loc::value(path),
            format!(
                "the rationale says “on the record”, but `{}` is anonymous in this briefing",
                who.id
            ),
            "",
            "say what the confidence rests on: e.g. \"speaking on condition of anonymity, in words the article quotes directly\"".into(),
        ));
        return;
    }
    let standing = STANDING.iter().find(|w| text.contains(*w));
    let reason = REASONS.iter().any(|w| text.contains(w));
    if let Some(w) = standing
        && !reason
        && text.split_whitespace().count() <= 15
    {
        out.push(problem(
            Severity::Warning,
            "rationale-no-reason",
            Loc::value(path),
            format!("the rationale speaks of the source's standing (“{w}”), not of why this claim holds"),
            "",
            "give the reason: a second, independent source; the document or data it rests on; who saw it first-hand".into(),
        ));
    }
}

/// Credibility 1 ("confirmed by other sources", the Admiralty code) on a
/// source that is the only originator of a claim: nothing confirms it here.
fn credibility_one(b: &Briefing, it: &Cited, out: &mut Vec<Problem>) {
    let sources = b.sources_of(it.item);
    let mut from: Vec<String> = sources.iter().map(|&s| b.originator(s)).collect();
    from.sort();
    from.dedup();
    if from.len() != 1 {
        return;
    }
    if let Some(&s) = sources
        .iter()
        .find(|&&s| b.sources[s].credibility == Some(1))
    {
        out.push(problem(
            Severity::Warning,
            "credibility-one-originator",
            Loc::value(it.path.clone()),
            format!(
                "`{}` is graded credibility 1 (confirmed by other sources), but this rests on one originator",
                b.sources[s].id
            ),
            "",
            "cite the sources that confirm it, or grade what this one source can show (2: probably true)".into(),
        ));
    }
}

/// Outlets whose reports others relay: a source whose text says it took
/// its story from one of them, and that has no `via`, is asked for one.
const OUTLETS: &[&str] = &[
    "Reuters",
    "the Associated Press",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "Xinhua",
    "TASS",
    "Interfax",
    "Anadolu",
    "Al Jazeera",
    "the BBC",
    "BBC",
    // Checked on real reports: "Quoted by ISNA, Salehi said…".
    "Yonhap",
    "Kyodo",
    "ISNA",
    "IRNA",
    "Tasnim",
    "KCNA",
    "RIA Novosti",
    "Sputnik",
    "dpa",
    "EFE",
    "ANSA",
    "PTI",
];

/// The relay a source's text names ("told Reuters", "Reuters reported",
/// "according to Reuters", "citing Reuters", "quoted by ISNA"), when the
/// source has no `via` and is no agency's own report.
pub fn relays(s: &crate::briefing::Source) -> Option<(String, &'static str)> {
    if s.via.is_some() {
        return None;
    }
    let t = s.text.as_ref()?;
    // An outlet's own report that names itself relays no one.
    let publisher = s.publisher.as_deref().map(str::to_lowercase);
    // By whole words: "A Newspaper" holds "ap" but is not AP.
    let own = |o: &str| {
        let o = o.to_lowercase();
        publisher.as_deref().is_some_and(|p| {
            p.match_indices(&o).any(|(at, _)| {
                let word = |c: char| c.is_alphanumeric();
                !p[..at].ends_with(word) && !p[at + o.len()..].starts_with(word)
            })
        })
    };
    // An agency's report that cites another agency for a paragraph ("…,
    // Interfax reported" in a Reuters story) is still its own: a `via`
    // would give the whole report to the other (tried on a Reuters report).
    if OUTLETS.iter().any(|o| own(o)) {
        return None;
    }
    for p in &t.normalised {
        // Most paragraphs name no outlet: the forms are built only for one
        // that does (building them for every paragraph was most of a check).
        for o in OUTLETS.iter().filter(|o| p.contains(*o) && !own(o)) {
            for form in [
                format!("told {o}"),
                format!("{o} reported"),
                format!("according to {o}"),
                format!("citing {o}"),
                format!("{o} reports"),
                format!("quoted by {o}"),
                format!("Quoted by {o}"),
                // A wire report's dateline: "NEW YORK (Reuters) -".
                format!("({o})"),
            ] {
                let word = |c: char| c.is_alphanumeric();
                let found = p.match_indices(&form).any(|(at, _)| {
                    let (before, after) = (&p[..at], &p[at + form.len()..]);
                    // Inside a word, or the agency's name inside a longer one.
                    let other = after.starts_with(word)
                        || before.ends_with(word)
                        || form.starts_with(o) && in_a_longer_name(before);
                    !other
                });
                if found {
                    return Some((form, o));
                }
            }
        }
    }
    None
}

/// Whether the words before an outlet's name make it part of a longer
/// one ("Thomson Reuters reported" is the company, not the agency): the
/// last word before it is capitalised and ends no sentence ("…in May.
/// Reuters reported" is the agency).
fn in_a_longer_name(before: &str) -> bool {
    before.ends_with(' ')
        && before
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()))
            .is_some_and(|w| {
                w.starts_with(char::is_uppercase)
                    && !w.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', ')'])
            })
}

/// Per source with a text: the paragraphs that nothing cites.
pub struct Coverage {
    pub source: usize,
    pub paragraphs: usize,
    pub uncited: Vec<usize>,
}

/// Which paragraphs of each source's text are cited, by locator or by a
/// quote found in them.
pub fn coverage(b: &Briefing) -> Vec<Coverage> {
    let mut cited: Vec<Vec<bool>> = b
        .sources
        .iter()
        .map(|s| vec![false; s.text.as_ref().map_or(0, |t| t.len())])
        .collect();
    for r in b.all_items() {
        for c in b.citations(r) {
            let Some(t) = &b.sources[c.source].text else {
                continue;
            };
            let marks = &mut cited[c.source];
            if let Some((a, z)) = c.locator.as_deref().and_then(locator::parse) {
                for p in a.max(1)..=z.min(t.len()) {
                    marks[p - 1] = true;
                }
            }
            if let Some(q) = &c.quote
                && let Found::In(k, _) = t.find(q, None)
            {
                marks[k] = true;
            }
        }
    }
    b.sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let t = s.text.as_ref()?;
            Some(Coverage {
                source: i,
                paragraphs: t.len(),
                uncited: (0..t.len()).filter(|&p| !cited[i][p]).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Counting a claim's words in a sentence is the size of the two
        /// sets' intersection, whatever the claim holds (common words,
        /// short ones, capitals, a final sigma).
        #[test]
        fn shared_words_are_the_intersection(
            sentence in proptest::collection::vec("(Taliban|taliban|TTP|ttp|said|that|assurances|Assurances|action|not|ΟΔΟΣ|οδος|Über|über|a|border)", 0..16),
            claim in proptest::collection::vec("(taliban|ttp|said|that|assurances|action|not|οδος|οδοσ|über|border|a)", 0..6),
        ) {
            let s = sentence.join(" ");
            let claim: rustc_hash::FxHashSet<String> = claim.into_iter().collect();
            proptest::prop_assert_eq!(
                shared_words(&s, &claim),
                content_words(&s)
                    .collect::<rustc_hash::FxHashSet<_>>()
                    .intersection(&claim)
                    .count()
            );
        }
    }
}
