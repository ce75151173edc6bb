//! Which paragraphs of a source's text are cited, and by whom: the source
//! reader marks them and the handout prints them.

use super::{locator, quote};
use crate::briefing::{Briefing, ItemRef, Kind, Str};

/// A cited paragraph and who cites it, with the quote each one takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub para: usize,
    pub citers: Vec<(ItemRef, Option<Str>)>,
}

/// The cited paragraphs of source `source`, in text order: by locator
/// (`¶5`, `paras 5-7`) and by where each quote is found.
pub fn passages(b: &Briefing, source: usize) -> Vec<Passage> {
    let Some(t) = &b.sources[source].text else {
        return Vec::new();
    };
    let mut by_para: Vec<Vec<(ItemRef, Option<Str>)>> = vec![Vec::new(); t.len()];
    for bl in b.backlinks(ItemRef::new(Kind::Source, source)) {
        for c in b.citations(bl.from()) {
            if c.source != source {
                continue;
            }
            let mut paras: Vec<usize> = c
                .locator
                .as_deref()
                .and_then(locator::parse)
                .filter(|(a, z)| *a >= 1 && a <= z && *z <= t.len())
                .map_or(Vec::new(), |(a, z)| (a - 1..z).collect());
            if let Some(q) = &c.quote
                && let quote::Found::In(k, _) = t.find(q, None)
                && !paras.contains(&k)
            {
                paras.push(k);
            }
            for p in paras {
                let entry = (bl.from(), c.quote.clone());
                if !by_para[p].contains(&entry) {
                    by_para[p].push(entry);
                }
            }
        }
    }
    by_para
        .into_iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(para, citers)| Passage { para, citers })
        .collect()
}
