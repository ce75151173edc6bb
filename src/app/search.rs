//! Fuzzy search over every item's ids, names, aliases, titles, stances and
//! text, with the matched characters for highlighting.

use crate::briefing::{Briefing, ItemRef, Kind, Text};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The item, or `None` for the briefing's overview (title, bottom
    /// line, key points, authors).
    pub item: Option<ItemRef>,
    pub field: &'static str,
    pub text: String,
    /// Character indexes of the match in `text`.
    pub indices: Vec<u32>,
    pub score: u32,
}

pub const MAX_HITS: usize = 200;

/// Every searchable field of every item, built once per briefing. The
/// texts are kept end to end in one string and each entry is 24 bytes:
/// at 100,000 events a string and a field name per entry cost more than
/// the text itself.
pub struct Index {
    text: String,
    entries: Vec<Entry>,
}

struct Entry {
    /// `None` for the briefing's overview.
    item: Option<ItemRef>,
    /// Where the entry's text starts in `Index::text` (it ends where the
    /// next one starts).
    start: u32,
    field: u8,
}

/// The fields an entry can be, by number.
const FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "as of",
    "authors",
    "classification",
    "summary",
    "key point",
    "name",
    "id",
    "alias",
    "kind",
    "question",
    "stance",
    "quote",
    "date",
    "location",
    "publisher",
    "author",
    "url",
    "text",
];

fn plain(b: &Briefing, t: &Text) -> String {
    let paras: Vec<String> = crate::print::text_paragraphs(b, t)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    paras.join(" ")
}

impl Index {
    pub fn new(b: &Briefing) -> Self {
        let mut index = Index {
            text: String::new(),
            entries: Vec::new(),
        };
        let m = &b.meta;
        let mut top = |f: &'static str, s: &str| index.push(None, f, s);
        top("title", &m.title);
        top("subtitle", m.subtitle.as_deref().unwrap_or(""));
        top(
            "as of",
            &m.as_of.as_ref().map(|d| d.text.clone()).unwrap_or_default(),
        );
        top("authors", &m.authors.join(", "));
        top("classification", m.classification.as_deref().unwrap_or(""));
        top("summary", &plain(b, &m.summary));
        for k in &m.key_points {
            top("key point", &plain(b, &k.text));
        }
        let mut push = |r: ItemRef, f: &'static str, s: &str| index.push(Some(r), f, s);
        for r in b.all_items() {
            push(r, "name", &b.name(r));
            push(r, "id", b.id(r));
            match r.kind {
                Kind::Actor => {
                    let a = &b.actors[r.index];
                    for al in &a.aliases {
                        push(r, "alias", al);
                    }
                    push(r, "kind", a.kind.as_deref().unwrap_or(""));
                }
                Kind::Issue => {
                    push(
                        r,
                        "question",
                        b.issues[r.index].question.as_deref().unwrap_or(""),
                    );
                }
                Kind::Position => {
                    let p = &b.positions[r.index];
                    push(r, "stance", &p.stance);
                    push(r, "quote", p.quote.as_deref().unwrap_or(""));
                }
                Kind::Event => {
                    let ev = &b.events[r.index];
                    push(r, "date", &ev.date_label());
                    push(r, "location", ev.location.as_deref().unwrap_or(""));
                }
                Kind::Source => {
                    let s = &b.sources[r.index];
                    push(r, "publisher", s.publisher.as_deref().unwrap_or(""));
                    push(r, "author", s.author.as_deref().unwrap_or(""));
                    push(r, "url", s.url.as_deref().unwrap_or(""));
                }
            }
            for t in b.texts(r) {
                push(r, "text", &plain(b, t));
            }
        }
        index
    }

    /// An index of a megabyte or more: its growth frees enough to hand
    /// back to the system.
    fn large(&self) -> bool {
        self.text.capacity() >= 1 << 20
    }

    fn push(&mut self, item: Option<ItemRef>, field: &'static str, s: &str) {
        // Offsets are u32: past 4 GiB of text (never, below the size
        // limit) the rest is not searched.
        if s.is_empty() || self.text.len() + s.len() > u32::MAX as usize {
            return;
        }
        debug_assert!(FIELDS.contains(&field), "{field} is not in FIELDS");
        let field = FIELDS.iter().position(|f| *f == field).unwrap_or(0) as u8;
        // The index of a large briefing grows to tens of megabytes, each
        // step freeing the smaller buffer it outgrew: handed back at once,
        // or the idle reader would keep them resident (60 MB at 100,000
        // events).
        let outgrown = self.text.len() + s.len() > self.text.capacity()
            || self.entries.len() == self.entries.capacity();
        if outgrown && self.large() {
            self.text.reserve(s.len());
            self.entries.reserve(1);
            crate::give_back_memory();
        }
        self.entries.push(Entry {
            item,
            start: self.text.len() as u32,
            field,
        });
        self.text.push_str(s);
    }

    /// Entry `n`: its item, field and text.
    fn entry(&self, n: u32) -> (Option<ItemRef>, &'static str, &str) {
        let n = n as usize;
        let e = &self.entries[n];
        let end = self
            .entries
            .get(n + 1)
            .map_or(self.text.len(), |next| next.start as usize);
        (
            e.item,
            FIELDS[e.field as usize],
            &self.text[e.start as usize..end],
        )
    }

    /// The best hit per item, best first.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_within(query, None, &|| false, &mut |_| {})
            .map(|r| r.hits)
            .unwrap_or_default()
    }

    /// [`Index::search`] on one thread: the benchmark's baseline.
    pub fn search_one_thread(&self, query: &str) -> Vec<Hit> {
        self.search_on(query, None, 1, Chunking::Whole, &|| false, &mut |_| {})
            .map(|r| r.hits)
            .unwrap_or_default()
    }

    /// The search over `within` (entry numbers a shorter query matched; all
    /// when `None`), and the entries this query matches, to narrow the next
    /// keystroke's search: typing more only looks at what still matches.
    /// It works through the entries a chunk at a time on every core, hands
    /// the best so far to `partial` now and then, and gives up (`None`) as
    /// soon as `stop` says a newer query came.
    pub fn search_within(
        &self,
        query: &str,
        within: Option<&[u32]>,
        stop: &dyn Fn() -> bool,
        partial: &mut dyn FnMut(Answer),
    ) -> Option<Answer> {
        let cores = crate::cores::count();
        let chunking = Chunking::Settling(CHUNK);
        self.search_on(query, within, cores.clamp(1, 4), chunking, stop, partial)
    }

    fn search_on(
        &self,
        query: &str,
        within: Option<&[u32]>,
        threads: usize,
        chunking: Chunking,
        stop: &dyn Fn() -> bool,
        partial: &mut dyn FnMut(Answer),
    ) -> Option<Answer> {
        if query.trim().is_empty() {
            return Some(Answer::default());
        }
        let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
        let total = within.map_or(self.entries.len(), |w| w.len());
        let entry = |p: usize| within.map_or(p as u32, |w| w[p]);
        let mut matchers: Vec<Matcher> = (0..threads)
            .map(|_| Matcher::new(Config::DEFAULT))
            .collect();
        let (chunk, subsequences) = match chunking {
            Chunking::Whole => (CHUNK, None),
            Chunking::Settling(chunk) => (chunk, Subsequences::of(&pattern, &mut matchers[0])),
        };
        // Once the best hits all have the best score there is, what comes
        // after (entries further on, which rank after them at equal
        // score) need only be told a match, not scored.
        let mut settled = false;
        // Items in `found` with the best score there is, kept as chunks
        // come (counting them all after each chunk grew with the index
        // times the chunks).
        let mut at_best = 0;
        let mut doubled = 0;
        let mut found = Scored::default();
        let mut shown = std::time::Instant::now();
        let mut from = 0;
        while from < total {
            if stop() {
                return None;
            }
            // Small chunks first, so a search settles soon; then larger.
            let step = (chunk >> 5).max(1) << doubled.min(5);
            doubled += 1;
            let to = (from + step).min(total);
            let cheap = subsequences.as_ref().filter(|_| settled);
            let share = (to - from).div_ceil(threads);
            let parts: Vec<Scored> = std::thread::scope(|s| {
                let handles: Vec<_> = matchers
                    .iter_mut()
                    .enumerate()
                    .map(|(t, m)| {
                        let (a, b) = ((from + t * share).min(to), (from + (t + 1) * share).min(to));
                        let pattern = &pattern;
                        s.spawn(move || self.score(pattern, cheap, m, (a..b).map(entry)))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_default())
                    .collect()
            });
            // Appending changes at most the last item there was (its best
            // entry may be in the next stretch): it is counted again.
            let kept = found.best.len().saturating_sub(1);
            let best = |(s, _): &(u32, u32)| subsequences.as_ref().is_some_and(|q| *s == q.best);
            at_best -= found.best.get(kept).is_some_and(best) as usize;
            for part in parts {
                found.append(part, self);
            }
            at_best += found.best[kept..].iter().filter(|e| best(e)).count();
            settled = settled || at_best >= MAX_HITS;
            from = to;
            if from < total && shown.elapsed() >= PARTIAL_EVERY {
                partial(Answer {
                    items: found.best.len(),
                    hits: self.hits(&pattern, &mut matchers[0], found.best.clone()),
                    matched: Vec::new(),
                    scored: found.scored,
                });
                shown = std::time::Instant::now();
            }
        }
        Some(Answer {
            items: found.best.len(),
            scored: found.scored,
            hits: self.hits(&pattern, &mut matchers[0], found.best),
            matched: found.matched,
        })
    }

    /// The best entry per item among `ns` (entries of one item are
    /// adjacent), and every entry that matched. With `cheap`, an ASCII
    /// entry is only told a match, and scored 0: it cannot rank among the
    /// hits (see [`Subsequences`]).
    fn score(
        &self,
        pattern: &Pattern,
        cheap: Option<&Subsequences>,
        matcher: &mut Matcher,
        ns: impl Iterator<Item = u32>,
    ) -> Scored {
        let mut buf = Vec::new();
        let mut out = Scored::default();
        let mut last_item: Option<Option<ItemRef>> = None;
        for n in ns {
            let (item, _, text) = self.entry(n);
            let score = match cheap {
                Some(q) if text.is_ascii() => q.matches(text.as_bytes()).then_some(0),
                _ => {
                    out.scored += 1;
                    pattern.score(Utf32Str::new(text, &mut buf), matcher)
                }
            };
            let Some(score) = score else {
                continue;
            };
            out.matched.push(n);
            if last_item == Some(item) {
                if let Some(last) = out.best.last_mut()
                    && score > last.0
                {
                    *last = (score, n);
                }
            } else {
                out.best.push((score, n));
                last_item = Some(item);
            }
        }
        out
    }

    /// The hits for the best entries, best first, with their matched
    /// characters.
    fn hits(
        &self,
        pattern: &Pattern,
        matcher: &mut Matcher,
        mut best: Vec<(u32, u32)>,
    ) -> Vec<Hit> {
        best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        best.truncate(MAX_HITS);
        let mut buf = Vec::new();
        best.into_iter()
            .map(|(score, n)| {
                let (item, field, text) = self.entry(n);
                let mut indices = Vec::new();
                pattern.indices(Utf32Str::new(text, &mut buf), matcher, &mut indices);
                indices.sort_unstable();
                indices.dedup();
                Hit {
                    item,
                    field,
                    text: text.to_string(),
                    indices,
                    score,
                }
            })
            .collect()
    }

    fn item_of(&self, n: u32) -> Option<ItemRef> {
        self.entries[n as usize].item
    }
}

/// What a search found: its best hits, how many items matched in all,
/// and the entries matched (to narrow the next keystroke's search).
#[derive(Debug, Default)]
pub struct Answer {
    pub hits: Vec<Hit>,
    pub items: usize,
    matched: Vec<u32>,
    /// Entries scored in full: the tests' way to see a search settle.
    #[cfg_attr(not(test), allow(dead_code))]
    scored: usize,
}

/// Entries looked at between checks for a newer query.
const CHUNK: usize = 32 * 1024;

/// How a search works through the entries: a chunk at a time, scoring
/// only what can still rank once the best hits are settled, or scoring
/// every entry (the benchmark's baseline).
#[derive(Clone, Copy)]
enum Chunking {
    Whole,
    Settling(usize),
}

/// A query of fuzzy words in ASCII, as a test of whether an ASCII text
/// matches it without scoring it, and the best score any text can get.
/// A word matches where its characters come in order (nucleo's own test
/// before it scores, `prefilter_ascii`); a matched character scores at
/// most 16 and a bonus of at most 10, the first twice its bonus — so a
/// word of n characters scores at most 26n + 10, which a word written
/// out at the start of a word reaches. `tests` hold both to nucleo.
struct Subsequences {
    /// Each word, and whether it ignores case (all lower-case: smart case).
    words: Vec<(Vec<u8>, bool)>,
    best: u32,
}

impl Subsequences {
    fn of(pattern: &Pattern, matcher: &mut Matcher) -> Option<Subsequences> {
        let mut words = Vec::new();
        for atom in &pattern.atoms {
            if atom.negative || atom.kind != AtomKind::Fuzzy {
                return None;
            }
            let Utf32Str::Ascii(needle) = atom.needle_text() else {
                return None;
            };
            if needle.is_empty() {
                return None;
            }
            // Scoring sets the matcher to the word's case (nucleo says
            // so): its own rule, not a copy of it.
            let _ = atom.score(Utf32Str::Ascii(b""), matcher);
            words.push((needle.to_vec(), matcher.config.ignore_case));
        }
        let best = words.iter().map(|(w, _)| 26 * w.len() as u32 + 10).sum();
        (!words.is_empty()).then_some(Subsequences { words, best })
    }

    fn matches(&self, text: &[u8]) -> bool {
        self.words.iter().all(|(word, fold)| {
            let mut rest = text;
            word.iter().all(|&c| {
                let at = if *fold && c.is_ascii_lowercase() {
                    rest.iter().position(|&t| t == c || t == c - 32)
                } else {
                    rest.iter().position(|&t| t == c)
                };
                at.map(|i| rest = &rest[i + 1..]).is_some()
            })
        })
    }
}
/// How often a long search shows what it has found so far.
const PARTIAL_EVERY: std::time::Duration = std::time::Duration::from_millis(30);

/// What one stretch of entries matched: the best (score, entry) per item,
/// and every entry matched.
#[derive(Default)]
struct Scored {
    best: Vec<(u32, u32)>,
    matched: Vec<u32>,
    /// Entries scored in full (the rest were only told a match).
    scored: usize,
}

impl Scored {
    /// Adds the stretch that follows this one.
    fn append(&mut self, next: Scored, index: &Index) {
        self.matched.extend(next.matched);
        self.scored += next.scored;
        let mut rest = next.best.into_iter().peekable();
        // An item's entries may straddle the two stretches: keep its best.
        if let (Some(last), Some(first)) = (self.best.last_mut(), rest.peek())
            && index.item_of(last.1) == index.item_of(first.1)
        {
            if first.0 > last.0 {
                *last = *first;
            }
            rest.next();
        }
        self.best.extend(rest);
    }
}

/// What a search keeps between keystrokes: the index (built on first use)
/// and what the last finished query matched.
pub struct Session {
    briefing: Arc<Briefing>,
    index: Option<Index>,
    scope: Option<(String, Vec<u32>)>,
}

/// Whether `query` can only match a subset of what `prev` matched: it
/// grows `prev` by plain characters (no operator changes meaning).
fn narrows(prev: &str, query: &str) -> bool {
    !prev.is_empty()
        && query.starts_with(prev)
        && !prev.contains(['!', '^', '$', '\'', '\\'])
        && query[prev.len()..]
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ')
}

impl Session {
    pub fn new(briefing: Arc<Briefing>) -> Self {
        Session {
            briefing,
            index: None,
            scope: None,
        }
    }

    fn index(&mut self) -> &Index {
        self.index.get_or_insert_with(|| Index::new(&self.briefing))
    }

    /// The hits for `query`, or `None` when `stop` cut it short.
    pub fn run(
        &mut self,
        query: &str,
        stop: &dyn Fn() -> bool,
        partial: &mut dyn FnMut(Answer),
    ) -> Option<Answer> {
        self.index();
        let index = self.index.as_ref()?;
        let within = self
            .scope
            .as_ref()
            .filter(|(prev, _)| narrows(prev, query))
            .map(|(_, m)| m.as_slice());
        let mut answer = index.search_within(query, within, stop, partial)?;
        self.scope = Some((query.to_string(), std::mem::take(&mut answer.matched)));
        Some(answer)
    }
}

/// A search's results: which query they answer, and whether more are
/// coming (a long search shows its best so far).
#[derive(Debug)]
pub struct Found {
    pub generation: u64,
    pub answer: Answer,
    pub done: bool,
}

pub type Notify = Arc<dyn Fn(Found) + Send + Sync>;

/// Searches on a thread of its own, so typing never waits: the index is
/// built there as soon as the briefing is loaded, a newer query stops an
/// older one, and results go to `notify` (which wakes the screen).
pub struct Worker {
    jobs: std::sync::mpsc::Sender<(u64, String)>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// `None` when no thread can be had: the app then searches on the spot.
    pub fn start(briefing: Arc<Briefing>, notify: Notify) -> Option<Worker> {
        let (jobs, rx) = std::sync::mpsc::channel::<(u64, String)>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = latest.clone();
        let spawned = std::thread::Builder::new().spawn(move || {
            let mut session = Session::new(briefing);
            // The load and the index are the reader's last large work.
            if session.index().large() {
                crate::give_back_memory();
            }
            while let Ok(mut job) = rx.recv() {
                // Only the newest query matters.
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                let (generation, query) = job;
                let stop = || newest.load(Ordering::Relaxed) != generation;
                let mut partial = |answer| {
                    notify(Found {
                        generation,
                        answer,
                        done: false,
                    })
                };
                if let Some(answer) = session.run(&query, &stop, &mut partial) {
                    notify(Found {
                        generation,
                        answer,
                        done: true,
                    });
                }
            }
        });
        spawned.ok()?;
        Some(Worker { jobs, latest })
    }

    /// Searches for `query` as search number `generation`.
    pub fn search(&self, generation: u64, query: &str) {
        self.latest.store(generation, Ordering::Relaxed);
        let _ = self.jobs.send((generation, query.to_string()));
    }

    /// Whatever is running answers a query no one waits for: stop it.
    pub fn cancel(&self, generation: u64) {
        self.latest.store(generation, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An index of `texts`, each an entry of the item numbered beside it.
    fn index(texts: &[(usize, String)]) -> Index {
        let mut index = Index {
            text: String::new(),
            entries: Vec::new(),
        };
        for (item, t) in texts {
            index.push(Some(ItemRef::new(Kind::Event, *item)), "text", t);
        }
        index
    }

    fn answer(index: &Index, query: &str, threads: usize, chunking: Chunking) -> Answer {
        index
            .search_on(query, None, threads, chunking, &|| false, &mut |_| {})
            .unwrap()
    }

    fn score(query: &str, text: &str) -> Option<u32> {
        let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
        pattern.score(
            Utf32Str::new(text, &mut Vec::new()),
            &mut Matcher::new(Config::DEFAULT),
        )
    }

    fn subsequences(query: &str) -> Option<Subsequences> {
        let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
        Subsequences::of(&pattern, &mut Matcher::new(Config::DEFAULT))
    }

    #[test]
    fn a_query_written_out_at_the_start_of_words_gets_the_best_score_there_is() {
        for (query, text) in [
            ("acto", "Something involving Actor number 12."),
            ("actor 12", "Something involving Actor number 12."),
            ("a", "a"),
            ("Pak", "in Pakistan"),
        ] {
            assert_eq!(
                score(query, text),
                subsequences(query).map(|q| q.best),
                "{query}"
            );
        }
    }

    #[test]
    fn only_fuzzy_words_in_ascii_are_told_without_scoring() {
        for query in ["!acto", "^acto", "'acto", "acto$", "actö", "acto !x"] {
            assert!(subsequences(query).is_none(), "{query}");
        }
    }

    #[test]
    fn a_settled_search_scores_only_what_can_still_rank() {
        let texts: Vec<(usize, String)> = (0..2_000)
            .map(|i| (i, format!("Event {i} involving Actor number {}", i % 7)))
            .collect();
        let index = index(&texts);
        let settled = answer(&index, "acto", 2, Chunking::Settling(256));
        let whole = answer(&index, "acto", 2, Chunking::Whole);
        assert_eq!(settled.hits, whole.hits);
        assert_eq!(
            (settled.items, &settled.matched),
            (whole.items, &whole.matched)
        );
        assert_eq!(whole.scored, 2_000);
        // Chunks of 8, 16, … entries: 248 scored when 200 items are best.
        assert_eq!(settled.scored, 248);
    }

    proptest! {
        /// Nucleo's score of any text is at most the best there is, and the
        /// test without scoring says a match exactly when nucleo does.
        #[test]
        fn the_best_score_bounds_nucleo_and_the_quick_test_is_its_match(
            query in "[acto12A -]{1,12}",
            text in "[acto12ACTO xyz/_.-]{0,40}",
        ) {
            let Some(q) = subsequences(&query) else { return Ok(()) };
            let scored = score(&query, &text);
            prop_assert_eq!(q.matches(text.as_bytes()), scored.is_some());
            prop_assert!(scored.unwrap_or(0) <= q.best, "{:?} > {}", scored, q.best);
        }
    }

    const WORDS: &[&str] = &[
        "an actor",
        "acto",
        "Act on",
        "a c t o",
        "cat",
        "the ACTOR 12",
        "12 actors",
        "x",
    ];

    /// Settling changes nothing anyone sees: the same hits, scores and
    /// highlights, items and matched entries as scoring every entry, on
    /// random entries where a quarter of the runs at least settle.
    #[test]
    fn a_settled_search_finds_what_scoring_everything_finds() {
        use proptest::test_runner::{Config as Run, TestRunner};
        let cases = (
            proptest::collection::vec(
                (
                    0..3usize,
                    proptest::collection::vec(proptest::sample::select(WORDS), 1..5),
                ),
                300..900,
            ),
            prop_oneof![
                Just("acto".to_string()),
                Just("actor 12".to_string()),
                Just("ACTO".to_string()),
                Just("a".to_string()),
                "[acto12 ]{1,6}",
            ],
            8..300usize,
            1..4usize,
        );
        let settled_runs = std::cell::Cell::new(0);
        let mut runner = TestRunner::new(Run::with_cases(64));
        let run = runner.run(&cases, |(texts, query, chunk, threads)| {
            // Items of one to three entries each, in order.
            let mut item = 0;
            let texts: Vec<(usize, String)> = texts
                .into_iter()
                .map(|(next, words)| {
                    item += usize::from(next > 0);
                    (item, words.join(" "))
                })
                .collect();
            let index = index(&texts);
            let settled = answer(&index, &query, threads, Chunking::Settling(chunk));
            let whole = answer(&index, &query, threads, Chunking::Whole);
            prop_assert_eq!(&settled.hits, &whole.hits);
            prop_assert_eq!(settled.items, whole.items);
            prop_assert_eq!(&settled.matched, &whole.matched);
            if settled.scored < whole.scored {
                settled_runs.set(settled_runs.get() + 1);
            }
            Ok(())
        });
        run.unwrap();
        assert!(
            settled_runs.get() >= 16,
            "{} of 64 settled",
            settled_runs.get()
        );
    }
}
