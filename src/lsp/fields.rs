//! The format's fields in one line each (docs/format.md has them in full),
//! and the values a field with a fixed set takes: what completion offers
//! and hover explains.

use crate::briefing::model::{Alignment, Confidence, Likelihood, Priority, Status};
use crate::briefing::raw;

/// The keys of a record kind (as [`super::context::record`] names it).
pub fn keys(record: &str) -> &'static [&'static str] {
    match record {
        "briefing" => raw::Briefing::KEYS,
        "actor" => raw::Actor::KEYS,
        "relation" => raw::Relation::KEYS,
        "issue" => raw::Issue::KEYS,
        "position" => raw::Position::KEYS,
        "place" => raw::Place::KEYS,
        "event" => raw::Event::KEYS,
        "source" => raw::Source::KEYS,
        "citation" => raw::Citation::KEYS,
        "key_point" => raw::KeyPoint::KEYS,
        _ => &[],
    }
}

/// One line on a field of a record kind.
pub fn doc(record: &str, key: &str) -> Option<&'static str> {
    Some(match (record, key) {
        ("briefing", "format") => "The format version: 1.",
        ("briefing", "title") => "The briefing's title (required).",
        ("briefing", "subtitle") => "One line under the title.",
        ("briefing", "classification") => {
            "Banner text on every screen and slide, e.g. PUBLIC // OPEN SOURCES."
        }
        ("briefing", "as_of") => "The date the briefing is current to.",
        ("briefing", "authors") => "A list of names.",
        ("briefing", "summary") => "The bottom line up front.",
        ("briefing", "key_points") => "A list of texts: the points to take away.",
        ("briefing", "deck") => "A list of ids: the order to present in.",
        ("briefing", "actors") => "The actors: states, groups, people, organisations.",
        ("briefing", "issues") => "The questions at stake.",
        ("briefing", "positions") => "One actor's stance on one issue, each.",
        ("briefing", "timeline") => "Dated events.",
        ("briefing", "sources") => "The sources every claim cites.",
        (_, "marking") => {
            "A TLP marking: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED."
        }
        (_, "id") => {
            "The item's id: lower-case letters, digits, `.`, `_`, `-`; one namespace for the file."
        }
        ("actor", "name") => "The actor's name (required).",
        ("actor", "kind") => "Free text: state, armed group, person, organisation…",
        ("actor", "aliases") => "Other names (searchable).",
        ("actor", "part_of") => "Actor ids this actor belongs to.",
        ("actor", "relations") => "A list of {to, type, since, until, sources}.",
        (_, "location") => "A place: its name, or {name, lat, lon}.",
        ("place", "name") => "The place's name.",
        ("place", "lat") => "Latitude in decimal degrees, north positive.",
        ("place", "lon") => "Longitude in decimal degrees, east positive.",
        ("relation", "to") => "The actor id the relation points to (required).",
        ("relation", "type") => "Free text: \"hosts\", \"negotiates with\"… (required).",
        ("relation", "since") => "A date: when the relation began.",
        ("relation", "until") => "A date: when it ended.",
        ("issue", "title") => "The issue's title (required).",
        ("issue", "question") => "The question at stake, in one line.",
        ("issue", "status") => "open (default), watching or resolved.",
        ("issue", "priority") => "high, medium or low.",
        ("issue" | "event", "actors") => "Actor ids.",
        ("event", "issues") => "Issue ids.",
        ("position", "actor") => "The actor id whose stance this is (required).",
        ("position", "issue") => "The issue id (required).",
        ("position", "stance") => "The stance in one line (required).",
        ("position", "alignment") => {
            "support, oppose, mixed, neutral or unclear: the actor's answer to the issue's question."
        }
        ("position", "quote") => "The actor's own words.",
        ("position", "said_by") => "An actor id: who voiced it.",
        ("position", "date") => "When the position was stated.",
        ("position", "confidence") => {
            "low, moderate or high: how sure the briefing is of this reading."
        }
        ("position", "likelihood") => "One of the seven ICD 203 likelihood bands.",
        ("position", "rationale") => "Why the briefing is as sure as `confidence` says.",
        ("position", "detail") => "Text.",
        ("event", "title") => "The event's title (required).",
        ("event", "date") => "A date (YYYY, YYYY-MM, YYYY-MM-DD, with ~ ? % or an interval A/B).",
        ("event", "when") => "Free text shown instead of a date (\"first week of April\").",
        ("source", "title") => "The source's title (required).",
        ("source", "publisher") => "Free text.",
        ("source", "author") => "Free text.",
        ("source", "date") => "The source's date; \"yesterday\" in its text is read against it.",
        ("source", "url") => "Opened with the open key in the reader when http or https.",
        ("source", "kind") => "Free text.",
        ("source", "reliability") => {
            "Admiralty source reliability, A (reliable) to F (cannot be judged)."
        }
        ("source", "credibility") => {
            "Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged)."
        }
        ("source", "via") => {
            "Whose report it relays: another source's id, or words naming the originator."
        }
        ("source", "excerpt") => "Text.",
        ("source", "file") => {
            "The source's own text: a .txt, .md or .html file in the briefing's folder."
        }
        ("source", "text") => "The source's own text, inline: paragraphs separated by blank lines.",
        ("key_point", "text") => "The point (required in this form).",
        ("key_point", "likelihood") => {
            "How likely the point judges what it says: one of the seven ICD 203 bands."
        }
        ("citation", "source") => "The source id cited (required).",
        ("citation", "locator") => {
            "Where in the source: ¶5, ¶5–7, a page, a time. Paragraphs are checked."
        }
        ("citation", "quote") => "The words cited, as the source has them; mark a gap with …",
        (_, "summary") => "Text.",
        (_, "sources") => "Citations: source ids, or {source, locator, quote}.",
        (_, "unhedged") => "Why this item may state plainly what its source hedges.",
        (_, "notes") => "Speaker notes.",
        _ => return None,
    })
}

/// The values a field takes, with a word on each.
pub fn values(key: &str) -> Vec<(String, String)> {
    let plain = |names: &[&str]| -> Vec<(String, String)> {
        names
            .iter()
            .map(|n| (n.to_string(), String::new()))
            .collect()
    };
    match key {
        "alignment" => plain(Alignment::NAMES),
        "confidence" => plain(Confidence::NAMES),
        "status" => plain(Status::NAMES),
        "priority" => plain(Priority::NAMES),
        "likelihood" => plain(Likelihood::NAMES),
        "reliability" => "ABCDEF"
            .chars()
            .map(|c| {
                (
                    c.to_string(),
                    crate::briefing::model::reliability_words(c).to_string(),
                )
            })
            .collect(),
        "credibility" => (1..=6u8)
            .map(|n| {
                (
                    n.to_string(),
                    crate::briefing::model::credibility_words(n).to_string(),
                )
            })
            .collect(),
        "marking" => plain(&[
            "TLP:CLEAR",
            "TLP:GREEN",
            "TLP:AMBER",
            "TLP:AMBER+STRICT",
            "TLP:RED",
        ]),
        _ => Vec::new(),
    }
}

/// What kind of item a field's value (or its list's items) names.
pub fn wants(record: &str, key: &str) -> Option<Option<super::outline::Kind>> {
    use super::outline::Kind;
    Some(match (record, key) {
        ("position", "actor" | "said_by") | ("actor", "part_of") | ("relation", "to") => {
            Some(Kind::Actor)
        }
        ("issue" | "event", "actors") => Some(Kind::Actor),
        ("position", "issue") | ("event", "issues") => Some(Kind::Issue),
        (_, "sources") | ("citation", "source") | ("source", "via") => Some(Kind::Source),
        ("briefing", "deck") => None,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_of_the_format_has_a_line() {
        for r in [
            "briefing",
            "actor",
            "relation",
            "issue",
            "position",
            "place",
            "event",
            "source",
            "citation",
            "key_point",
        ] {
            for k in super::keys(r) {
                assert!(super::doc(r, k).is_some(), "{r}.{k} has no line");
            }
        }
    }
}
