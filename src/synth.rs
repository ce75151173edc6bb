//! Synthetic briefings of any size, for benchmarks and scale tests. The
//! output is a valid briefing: every reference resolves.

use std::fmt::Write;

/// A briefing with `events` timeline events and actors, issues, positions
/// and sources in proportion (about 500 bytes per event).
pub fn briefing_yaml(events: usize) -> String {
    let actors = (events / 50).max(10);
    let issues = (events / 200).max(5);
    let sources = (events / 100).max(5);
    let mut y = String::with_capacity(events * 520 + 4096);
    let _ = writeln!(
        y,
        "format: 1\ntitle: Synthetic briefing with {events} events"
    );
    y.push_str("classification: SYNTHETIC // TEST DATA\nas_of: 2026-01-01\nsummary: |\n  A generated briefing for measuring load and render costs.\n");
    y.push_str("actors:\n");
    for a in 0..actors {
        let _ = writeln!(
            y,
            "  - id: actor-{a}\n    name: Actor number {a}\n    kind: {}\n    aliases: [A{a}]\n    summary: Generated actor {a}, related to [[actor-{}]].\n    sources: [source-{}]",
            ["state", "armed group", "person", "company"][a % 4],
            (a + 1) % actors,
            a % sources
        );
    }
    y.push_str("issues:\n");
    for i in 0..issues {
        let _ = writeln!(
            y,
            "  - id: issue-{i}\n    title: Generated issue {i}\n    question: Will issue {i} be settled?\n    status: {}\n    priority: {}\n    actors: [actor-{}, actor-{}]",
            ["open", "watching", "resolved"][i % 3],
            ["high", "medium", "low"][i % 3],
            i % actors,
            (i * 7 + 1) % actors
        );
    }
    y.push_str("positions:\n");
    for a in 0..actors {
        let i = a % issues;
        let _ = writeln!(
            y,
            "  - actor: actor-{a}\n    issue: issue-{i}\n    stance: Actor {a} has a generated stance on issue {i}.\n    alignment: {}\n    confidence: moderate\n    sources: [{{source: source-{}, locator: \"p. {a}\"}}]",
            ["support", "oppose", "mixed", "neutral", "unclear"][a % 5],
            a % sources
        );
    }
    y.push_str("timeline:\n");
    for e in 0..events {
        // Dates run backwards so the loader really has to sort.
        let day = events - e;
        let (year, month, dom) = (2000 + (day / 336) % 100, 1 + (day / 28) % 12, 1 + day % 28);
        let _ = writeln!(
            y,
            "  - id: event-{e}\n    date: {year:04}-{month:02}-{dom:02}T{:02}:{:02}Z\n    title: Generated event number {e} in the synthetic timeline\n    summary: >\n      Something happened involving [[actor-{}]] on issue {}. This line pads\n      the event to a realistic length for a briefing entry, as real entries\n      carry a sentence or two of context.\n    location: Place {}\n    actors: [actor-{}, actor-{}]\n    issues: [issue-{}]\n    sources: [{{source: source-{}, locator: \"para {}\"}}]",
            e % 24,
            e % 60,
            e % actors,
            e % issues,
            e % 97,
            e % actors,
            (e + 3) % actors,
            e % issues,
            e % sources,
            e % 40
        );
    }
    y.push_str("sources:\n");
    for s in 0..sources {
        let _ = writeln!(
            y,
            "  - id: source-{s}\n    title: Generated source {s}\n    publisher: Publisher {}\n    date: 2025-{:02}\n    url: https://example.com/source/{s}\n    reliability: {}\n    credibility: {}",
            s % 13,
            1 + s % 12,
            ["A", "B", "C", "D", "E", "F"][s % 6],
            // Never 1 ("confirmed by other sources"): each event rests on
            // one source, and the file is to check clean.
            2 + s % 5
        );
    }
    y
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_briefings_check_clean() {
        let y = super::briefing_yaml(300);
        let r = crate::briefing::load_str(&y, "synth.yaml", Default::default());
        assert_eq!(r.errors(), 0, "{:?}", r.diagnostics.first());
        let b = r.briefing.unwrap();
        assert_eq!(b.events.len(), 300);
        assert!(
            b.events
                .windows(2)
                .all(|w| w[0].date.as_ref().unwrap().sort_key()
                    <= w[1].date.as_ref().unwrap().sort_key())
        );
    }
}
