//! TLP 2.0 markings (`marking:` on the briefing and on any item) and
//! withholding what is marked above the audience's level (`--tlp LEVEL`).
//!
//! Withholding happens before the model is built: withheld items leave the
//! raw file, every reference to them is taken out of the items that stay
//! (counted, so each can say "[withheld]"), and `[[links]]` to them become
//! the word `[withheld]`. The model, search, backlinks, slides and exports
//! are then built from what is left, so none of them can reveal a withheld
//! title, name, quote or text.

use super::raw::{self, Val};
use rustc_hash::FxHashSet;
use std::path::Path;
use std::sync::OnceLock;

/// The Traffic Light Protocol's levels, least restrictive first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Tlp {
    Clear,
    Green,
    Amber,
    AmberStrict,
    Red,
}

impl Tlp {
    pub const ALL: [Tlp; 5] = [
        Tlp::Clear,
        Tlp::Green,
        Tlp::Amber,
        Tlp::AmberStrict,
        Tlp::Red,
    ];
    pub const NAMES: &'static [&'static str] = &[
        "TLP:CLEAR",
        "TLP:GREEN",
        "TLP:AMBER",
        "TLP:AMBER+STRICT",
        "TLP:RED",
    ];

    /// `TLP:AMBER+STRICT`, `amber+strict`, `Tlp:red`… The one
    /// normalisation: spaces and tabs around it, the letters' case, and the
    /// `TLP:` prefix. Any other character — an invisible one between `TLP:`
    /// and `RED` included — makes it no level at all.
    pub fn parse(s: &str) -> Option<Tlp> {
        let s = s.trim_matches([' ', '\t']);
        if !s.bytes().all(|b| b.is_ascii_graphic()) {
            return None;
        }
        let s = s.to_ascii_uppercase();
        let s = s.strip_prefix("TLP:").unwrap_or(&s);
        Some(match s {
            "CLEAR" => Tlp::Clear,
            "GREEN" => Tlp::Green,
            "AMBER" => Tlp::Amber,
            "AMBER+STRICT" => Tlp::AmberStrict,
            "RED" => Tlp::Red,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        Tlp::NAMES[self as usize]
    }

    /// The level without its prefix: `AMBER+STRICT`.
    pub fn word(self) -> &'static str {
        &self.label()[4..]
    }
}

impl std::fmt::Display for Tlp {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// What a load for an audience withheld, and from what: the ids (of
/// items, never shown) and the file's text, so another version of the file
/// can be withheld by both versions' markings before the two are compared.
#[derive(Debug)]
pub struct Audience {
    pub level: Tlp,
    pub gone: FxHashSet<String>,
    pub text: std::sync::Arc<str>,
    pub name: String,
}

static LEVEL: OnceLock<Tlp> = OnceLock::new();

/// From now on every briefing this process loads withholds what is marked
/// above `level` (`--tlp`): the reader, its reloads, linked briefings and
/// every output see only what the audience may.
pub fn withhold_above(level: Option<Tlp>) {
    if let Some(l) = level {
        let _ = LEVEL.set(l);
    }
}

/// The audience's level, when `--tlp` set one.
pub fn level() -> Option<Tlp> {
    LEVEL.get().copied()
}

/// A `marking:` that is not a TLP 2.0 level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotALevel;

/// A `marking:` as written, read once by the one rule both the check and
/// withholding use: `Ok(None)` when there is none (absent, `~` or blank),
/// `Err` when it is anything but a TLP 2.0 level ([`Tlp::parse`]).
pub fn read_marking(v: &Option<Val<String>>) -> Result<Option<Tlp>, NotALevel> {
    match v {
        None | Some(Val::Null) => Ok(None),
        Some(Val::Ok(s)) if s.trim_matches([' ', '\t', '\n']).is_empty() => Ok(None),
        Some(Val::Ok(s)) => Tlp::parse(s).map(Some).ok_or(NotALevel),
        Some(Val::Wrong(_)) => Err(NotALevel),
    }
}

fn text_of(v: &Option<Val<String>>) -> Option<&str> {
    match v {
        Some(Val::Ok(s)) => Some(s.as_str()),
        _ => None,
    }
}

/// Whether an item stays for an audience at `level`, under a briefing
/// marked `default`. A marking brief cannot read is withheld: the check
/// fails such a file anyway, and when in doubt nothing is shown. One below
/// the briefing's counts as the briefing's.
fn shown(marking: &Option<Val<String>>, default: Option<Tlp>, level: Tlp) -> bool {
    match read_marking(marking) {
        Err(NotALevel) => false,
        Ok(None) => default.is_none_or(|d| d <= level),
        Ok(Some(m)) => m.max(default.unwrap_or(m)) <= level,
    }
}

fn id_of(v: &Option<Val<String>>) -> Option<String> {
    text_of(v).map(|s| s.trim().to_string())
}

/// `[[id]]`, `[[id|label]]` and `[[id#…]]` links to a withheld item in `s`
/// become `[withheld]`; how many did.
fn scrub_links(s: &mut String, gone: &Gone) -> u32 {
    if !s.contains("[[") {
        return 0;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    let mut n = 0;
    while let Some(at) = rest.find("[[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.find("]]") {
            Some(end) => {
                let inner = &after[..end];
                let target = inner.split('|').next().unwrap_or("").trim();
                if gone.has(target) {
                    out.push_str("[withheld]");
                    n += 1;
                } else {
                    out.push_str(&rest[at..at + 2 + end + 2]);
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    *s = out;
    n
}

/// Takes out of `list` the ids in `gone`; how many it took.
fn drop_refs(list: &mut Option<Val<Vec<Val<String>>>>, gone: &Gone) -> u32 {
    let Some(Val::Ok(items)) = list else {
        return 0;
    };
    let before = items.len();
    items.retain(|v| !matches!(v, Val::Ok(id) if gone.has(id.trim())));
    (before - items.len()) as u32
}

fn drop_citations(list: &mut Option<Val<Vec<Val<raw::Citation>>>>, gone: &Gone) -> u32 {
    let Some(Val::Ok(items)) = list else {
        return 0;
    };
    let before = items.len();
    items.retain(|c| match c {
        Val::Ok(c) => !id_of(&c.source).is_some_and(|id| gone.has(&id)),
        _ => true,
    });
    (before - items.len()) as u32
}

fn scrub(fields: &mut [&mut Option<Val<String>>], gone: &Gone) -> u32 {
    fields
        .iter_mut()
        .map(|f| match f {
            Some(Val::Ok(s)) => scrub_links(s, gone),
            _ => 0,
        })
        .sum()
}

fn keep<T>(list: &mut Option<Val<Vec<Val<T>>>>, stays: impl Fn(&T) -> bool) {
    if let Some(Val::Ok(items)) = list {
        items.retain(|v| match v {
            Val::Ok(x) => stays(x),
            _ => true,
        });
    }
}

fn each<T>(list: &mut Option<Val<Vec<Val<T>>>>, f: &mut dyn FnMut(&mut T)) {
    if let Some(Val::Ok(items)) = list {
        for v in items.iter_mut() {
            if let Val::Ok(x) = v {
                f(x);
            }
        }
    }
}

fn ids<T>(
    list: &Option<Val<Vec<Val<T>>>>,
    id: impl Fn(&T) -> Option<String>,
    out: &mut FxHashSet<String>,
    gone: impl Fn(&T) -> bool,
) {
    if let Some(Val::Ok(items)) = list {
        for v in items {
            if let Val::Ok(x) = v
                && gone(x)
                && let Some(i) = id(x)
            {
                out.insert(i);
            }
        }
    }
}

fn position_id(p: &raw::Position) -> Option<String> {
    super::validate::position_id(p)
        .0
        .map(std::borrow::Cow::into_owned)
}

/// The ids of the items an audience at `level` may not see in `b`; `Err`
/// when the briefing itself is marked above `level`.
pub fn withheld_ids(b: &raw::Briefing, level: Tlp) -> Result<FxHashSet<String>, String> {
    let Ok(default) = read_marking(&b.marking) else {
        return Err(
            "the briefing's own `marking` is not a TLP level: none of it may be shown to an audience"
                .into(),
        );
    };
    // Its level is not said: a listing for the audience shows the file as
    // "not for" it, and nothing about it.
    if default.is_some_and(|d| d > level) {
        return Err(format!(
            "the briefing is marked above {}: none of it may be shown to this audience",
            level.label()
        ));
    }
    let hidden = |m: &Option<Val<String>>| !shown(m, default, level);
    let mut gone = FxHashSet::default();
    ids(
        &b.actors,
        |a: &raw::Actor| id_of(&a.id),
        &mut gone,
        |a| hidden(&a.marking),
    );
    ids(
        &b.issues,
        |x: &raw::Issue| id_of(&x.id),
        &mut gone,
        |x| hidden(&x.marking),
    );
    ids(
        &b.timeline,
        |e: &raw::Event| id_of(&e.id),
        &mut gone,
        |e| hidden(&e.marking),
    );
    ids(
        &b.sources,
        |s: &raw::Source| id_of(&s.id),
        &mut gone,
        |s| hidden(&s.marking),
    );
    // A position goes with its actor or its issue.
    let mut positions = FxHashSet::default();
    ids(&b.positions, position_id, &mut positions, |p| {
        hidden(&p.marking)
            || id_of(&p.actor).is_some_and(|a| gone.contains(&a))
            || id_of(&p.issue).is_some_and(|i| gone.contains(&i))
    });
    gone.extend(positions);
    Ok(gone)
}

/// What is withheld: this file's items by id, and items of other files
/// (`other.yaml#id`) as their own markings say.
struct Gone<'a> {
    ids: &'a FxHashSet<String>,
    from: &'a Path,
}

impl Gone<'_> {
    fn has(&self, id: &str) -> bool {
        let id = id.trim();
        self.ids.contains(id) || (id.contains('#') && super::external::withheld(self.from, id))
    }
}

/// Withholds from `raw` (the file at `from`) every item marked above
/// `level`, and the items of `also` (withheld from another version of it),
/// with what hangs on them: references, citations, `[[links]]` and their
/// labels, here or in another file. `Err` when the briefing itself may not
/// be shown at `level`.
pub fn withhold(
    b: &mut raw::Briefing,
    level: Tlp,
    also: &FxHashSet<String>,
    from: &Path,
) -> Result<FxHashSet<String>, String> {
    let mut gone = withheld_ids(b, level)?;
    gone.extend(also.iter().cloned());
    let g = Gone { ids: &gone, from };
    let g = &g;
    let stays = |id: Option<String>| !id.is_some_and(|i| g.ids.contains(&i));
    keep(&mut b.actors, |a| stays(id_of(&a.id)));
    keep(&mut b.issues, |x| stays(id_of(&x.id)));
    keep(&mut b.timeline, |e| stays(id_of(&e.id)));
    keep(&mut b.sources, |s| stays(id_of(&s.id)));
    keep(&mut b.positions, |p| stays(position_id(p)));
    drop_refs(&mut b.deck, g);
    scrub(&mut [&mut b.summary, &mut b.title, &mut b.subtitle], g);
    if let Some(Val::Ok(points)) = &mut b.key_points {
        for p in points.iter_mut() {
            if let Val::Ok(raw::KeyPoint {
                text: Some(Val::Ok(s)),
                ..
            }) = p
            {
                scrub_links(s, g);
            }
        }
    }
    each(&mut b.actors, &mut |a: &mut raw::Actor| {
        let mut n = drop_refs(&mut a.part_of, g) + drop_citations(&mut a.sources, g);
        if let Some(Val::Ok(rels)) = &mut a.relations {
            let before = rels.len();
            rels.retain(|r| match r {
                Val::Ok(r) => !id_of(&r.to).is_some_and(|t| g.has(&t)),
                _ => true,
            });
            n += (before - rels.len()) as u32;
            for r in rels.iter_mut() {
                if let Val::Ok(r) = r {
                    n += drop_citations(&mut r.sources, g);
                }
            }
        }
        n += scrub(&mut [&mut a.name, &mut a.summary, &mut a.notes], g);
        a.extra.withheld = n;
    });
    each(&mut b.issues, &mut |x: &mut raw::Issue| {
        let mut n = drop_refs(&mut x.actors, g) + drop_citations(&mut x.sources, g);
        n += scrub(
            &mut [&mut x.title, &mut x.question, &mut x.summary, &mut x.notes],
            g,
        );
        x.extra.withheld = n;
    });
    each(&mut b.positions, &mut |p: &mut raw::Position| {
        let mut n = drop_citations(&mut p.sources, g);
        if id_of(&p.said_by).is_some_and(|s| g.has(&s)) {
            p.said_by = None;
            n += 1;
        }
        n += scrub(
            &mut [&mut p.stance, &mut p.rationale, &mut p.detail, &mut p.notes],
            g,
        );
        p.extra.withheld = n;
    });
    each(&mut b.timeline, &mut |e: &mut raw::Event| {
        let mut n = drop_refs(&mut e.actors, g)
            + drop_refs(&mut e.issues, g)
            + drop_citations(&mut e.sources, g);
        n += scrub(
            &mut [&mut e.title, &mut e.when, &mut e.summary, &mut e.notes],
            g,
        );
        if let Some(Val::Ok(pl)) = &mut e.location {
            n += scrub(&mut [&mut pl.name], g);
        }
        e.extra.withheld = n;
    });
    each(&mut b.sources, &mut |s: &mut raw::Source| {
        s.extra.withheld = scrub(&mut [&mut s.title, &mut s.excerpt, &mut s.notes], g);
    });
    Ok(gone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_with_or_without_the_prefix_in_any_case() {
        assert_eq!(Tlp::parse("TLP:AMBER+STRICT"), Some(Tlp::AmberStrict));
        assert_eq!(Tlp::parse("amber+strict"), Some(Tlp::AmberStrict));
        assert_eq!(Tlp::parse(" tlp:red "), Some(Tlp::Red));
        assert_eq!(Tlp::parse("WHITE"), None, "TLP 1.0's WHITE is CLEAR in 2.0");
        assert!(
            Tlp::Clear < Tlp::Green && Tlp::Amber < Tlp::AmberStrict && Tlp::AmberStrict < Tlp::Red
        );
        assert_eq!(Tlp::AmberStrict.word(), "AMBER+STRICT");
    }

    #[test]
    fn links_to_withheld_items_become_the_word_withheld() {
        let ids: FxHashSet<String> = ["ttp".to_string()].into_iter().collect();
        let gone = Gone {
            ids: &ids,
            from: Path::new("b.yaml"),
        };
        let mut s = "Talks on [[ttp]], [[ttp|the group]] and [[pakistan]] [[broken".to_string();
        assert_eq!(scrub_links(&mut s, &gone), 2);
        assert_eq!(
            s,
            "Talks on [withheld], [withheld] and [[pakistan]] [[broken"
        );
    }
}
