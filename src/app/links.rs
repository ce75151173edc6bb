//! The numbered links the detail pane lists for an item: what it points at,
//! what points at it, and the sources it cites.

use crate::briefing::{Briefing, ItemRef, Kind, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailLink {
    pub section: &'static str,
    /// The item linked to; for a link into another briefing, the item
    /// itself, and `external` says where it goes.
    pub target: ItemRef,
    /// For citations: grade, locator and quote.
    pub note: Option<String>,
    /// For citations: the citation, so following it can open the passage.
    pub citation: Option<crate::briefing::Citation>,
    pub external: Option<crate::briefing::external::ExternalRef>,
}

fn backlink_section(from: Kind, role: Role) -> &'static str {
    match (from, role) {
        (_, Role::Cites) => "Cited by",
        (_, Role::Mentions) => "Mentioned in",
        (Kind::Position, Role::SaidBy) => "Voiced",
        (Kind::Position, _) => "Positions",
        (Kind::Event, _) => "Events",
        (Kind::Issue, _) => "Issues",
        (Kind::Actor, Role::PartOf) => "Members",
        (Kind::Actor, _) => "Related actors",
        (Kind::Source, _) => "Sources",
    }
}

pub fn detail_links(b: &Briefing, item: ItemRef) -> Vec<DetailLink> {
    let mut out: Vec<DetailLink> = Vec::new();
    let mut push = |section: &'static str,
                    target: ItemRef,
                    note: Option<String>,
                    citation: Option<crate::briefing::Citation>| {
        if target != item
            && !out
                .iter()
                .any(|l| l.target == target && l.section == section && l.note == note)
        {
            out.push(DetailLink {
                section,
                target,
                note,
                citation,
                external: None,
            });
        }
    };
    for (label, target) in b.links(item) {
        push(label, target, None, None);
    }
    let mut back: Vec<_> = b
        .backlinks(item)
        .iter()
        .map(|bl| (backlink_section(bl.from().kind, bl.role), bl.from()))
        .collect();
    // Group by section in a fixed order, keeping file order within each.
    let order = [
        "Positions",
        "Voiced",
        "Events",
        "Issues",
        "Members",
        "Related actors",
        "Mentioned in",
        "Cited by",
    ];
    back.sort_by_key(|(s, _)| order.iter().position(|o| o == s).unwrap_or(order.len()));
    for (section, from) in back {
        push(section, from, None, None);
    }
    for c in b.citations(item) {
        let s = &b.sources[c.source];
        let mut note = s.grade().unwrap_or_default().into_owned();
        if let Some(l) = &c.locator {
            note = if note.is_empty() {
                l.to_string()
            } else {
                format!("{note}, {l}")
            };
        }
        if let Some(q) = &c.quote {
            note = format!("{note} — “{q}”");
        }
        push(
            "Sources",
            ItemRef::new(Kind::Source, c.source),
            Some(note),
            Some(c.clone()),
        );
    }
    for e in b.externals(item) {
        out.push(DetailLink {
            section: e.section,
            target: item,
            note: None,
            citation: None,
            external: Some(e.clone()),
        });
    }
    // Keep each section together, links into other briefings at its end.
    let first = |s: &str, out: &[DetailLink]| {
        out.iter()
            .position(|l| l.section == s)
            .unwrap_or(usize::MAX)
    };
    let order: Vec<usize> = out.iter().map(|l| first(l.section, &out)).collect();
    let mut keyed: Vec<(usize, DetailLink)> = order.into_iter().zip(out).collect();
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, l)| l).collect()
}
