//! Fuzzy search over every item's ids, names, aliases, titles, stances and
//! text, with the matched characters for highlighting.

use crate::briefing::{Briefing, ItemRef, Kind, Text};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

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

/// Every searchable field of every item, built once per briefing.
pub struct Index {
    entries: Vec<(Option<ItemRef>, &'static str, String)>,
}

fn plain(b: &Briefing, t: &Text) -> String {
    let paras: Vec<String> = crate::print::text_paragraphs(b, t)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    paras.join(" ")
}

impl Index {
    pub fn new(b: &Briefing) -> Self {
        let mut e: Vec<(Option<ItemRef>, &'static str, String)> = Vec::new();
        let m = &b.meta;
        let mut top = |f: &'static str, s: &str| {
            if !s.is_empty() {
                e.push((None, f, s.to_string()));
            }
        };
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
            top("key point", &plain(b, k));
        }
        let mut push = |r: ItemRef, f: &'static str, s: &str| {
            if !s.is_empty() {
                e.push((Some(r), f, s.to_string()));
            }
        };
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
        Index { entries: e }
    }

    /// The best hit per item, best first.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_within(query, None).0
    }

    /// The search over `within` (entry numbers a shorter query matched; all
    /// when `None`), and the entries this query matches, to narrow the next
    /// keystroke's search: typing more only looks at what still matches.
    pub fn search_within(&self, query: &str, within: Option<&[u32]>) -> (Vec<Hit>, Vec<u32>) {
        if query.trim().is_empty() {
            return (Vec::new(), Vec::new());
        }
        let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut best: Vec<(u32, usize)> = Vec::new();
        let mut matched: Vec<u32> = Vec::new();
        let mut last_item: Option<Option<ItemRef>> = None;
        let all = 0..self.entries.len() as u32;
        let scope: Box<dyn Iterator<Item = u32>> = match within {
            Some(w) => Box::new(w.iter().copied()),
            None => Box::new(all),
        };
        for n in scope {
            let n = n as usize;
            let (item, _, text) = &self.entries[n];
            let Some(score) = pattern.score(Utf32Str::new(text, &mut buf), &mut matcher) else {
                continue;
            };
            matched.push(n as u32);
            // Entries of one item are adjacent: keep its best.
            if last_item == Some(*item) {
                if let Some(last) = best.last_mut()
                    && score > last.0
                {
                    *last = (score, n);
                }
            } else {
                best.push((score, n));
                last_item = Some(*item);
            }
        }
        best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        best.truncate(MAX_HITS);
        let hits = best
            .into_iter()
            .map(|(score, n)| {
                let (item, field, text) = &self.entries[n];
                let mut indices = Vec::new();
                pattern.indices(Utf32Str::new(text, &mut buf), &mut matcher, &mut indices);
                indices.sort_unstable();
                indices.dedup();
                Hit {
                    item: *item,
                    field,
                    text: text.clone(),
                    indices,
                    score,
                }
            })
            .collect();
        (hits, matched)
    }
}
