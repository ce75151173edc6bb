//! The checks that hold claims to their sources' texts. They run on the
//! validated model, with the citations as written (for their places in
//! the file), and report in the same form as every other problem.

use super::hedge;
use super::locator;
use super::quote::Found;
use super::source_text::SourceText;
use crate::briefing::model::{Briefing, Confidence, ItemRef, Kind};
use crate::briefing::problem::{Loc, Problem, Seg, Severity};
use crate::briefing::raw::{self, Val};
use rustc_hash::FxHashMap as HashMap;

/// A citation as written, with the source it resolved to.
pub struct Cite<'a> {
    pub path: Vec<Seg>,
    pub source: usize,
    pub locator: Option<&'a str>,
    pub quote: Option<&'a str>,
}

/// One claim of an item: the field's path and its text.
pub struct Claim {
    pub path: Vec<Seg>,
    pub field: &'static str,
    pub text: String,
}

/// An item with citations to check.
pub struct Cited<'a> {
    pub item: ItemRef,
    pub path: Vec<Seg>,
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
        Kind::Position => vec![claim("stance", b.positions[n].stance.clone())],
        Kind::Event => {
            let e = &b.events[n];
            std::iter::once(claim("title", e.title.clone()))
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
    base: &[Seg],
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
        let mut path = base.to_vec();
        path.push(Seg::key("sources"));
        path.push(Seg::Index(j));
        out.push(Cite {
            path,
            source: r.index,
            locator: ok(&c.locator),
            quote: ok(&c.quote),
        });
    }
    out
}

fn at(path: &[Seg], k: &str) -> Vec<Seg> {
    let mut v = path.to_vec();
    v.push(Seg::key(k));
    v
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
    }
}

/// A hedge found in a cited paragraph.
#[derive(Clone)]
struct Hedge {
    source: usize,
    para: usize,
    word: &'static str,
}

/// What a quote check found, for the messages.
fn quote_problem(
    t: &SourceText,
    src_id: &str,
    q: &str,
    range: Option<(usize, usize)>,
    path: Vec<Seg>,
    out: &mut Vec<Problem>,
) -> Option<usize> {
    match t.find(q, range.map(|(a, b)| (a - 1, b - 1))) {
        Found::In(k, _) => {
            if let Some((a, b)) = range
                && !(a..=b).contains(&(k + 1))
            {
                out.push(problem(
                    Severity::Warning,
                    "quote-wrong-locator",
                    Loc::value(path),
                    format!(
                        "the quote is in ¶{} of `{src_id}`, not {}",
                        k + 1,
                        locator::show((a, b))
                    ),
                    "",
                    format!("write `locator: \"¶{}\"`", k + 1),
                ));
            }
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
            let help = match t.closest(q) {
                Some((n, text, score)) if score > 0 => format!(
                    "the closest passage is in ¶{} ({score}% alike): “{}”",
                    n + 1,
                    crate::briefing::sanitize::clip(
                        text.trim_matches(|c| matches!(c, '“' | '”' | '"' | ',' | ' ')),
                        160
                    )
                ),
                _ => "nothing in the source text is like it; check the quote and the source".into(),
            };
            out.push(problem(
                Severity::Error,
                "quote-not-found",
                Loc::value(path),
                format!("the quote is not in the text of `{src_id}`"),
                "not in the source",
                help,
            ));
            None
        }
    }
}

/// Every evidence check over the briefing; `key_points` are the raw key
/// points' links, resolved.
pub fn run(b: &Briefing, items: &[Cited], out: &mut Vec<Problem>) {
    let mut hedged: HashMap<ItemRef, Hedge> = HashMap::default();
    for it in items {
        let mut first_hedge: Option<Hedge> = None;
        for c in &it.cites {
            let src = &b.sources[c.source];
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
                && let Some(k) = quote_problem(t, &src.id, q, range, at(&c.path, "quote"), out)
                && !paras.contains(&k)
            {
                paras.push(k);
            }
            if first_hedge.is_none() {
                first_hedge = paras.iter().find_map(|&p| {
                    hedge::find(&t.paragraphs[p], hedge::SOURCE_HEDGES).map(|word| Hedge {
                        source: c.source,
                        para: p,
                        word,
                    })
                });
            }
        }
        let Some(h) = first_hedge else { continue };
        if it.unhedged {
            continue;
        }
        hedged.insert(it.item, h.clone());
        for claim in &claims(b, it) {
            if hedge::claim_marker(&claim.text).is_none() {
                out.push(hedge_dropped(b, &h, claim.path.clone(), claim.field));
            }
        }
    }
    for it in items {
        if it.item.kind == Kind::Position {
            position_quote(b, it, out);
            single_source(b, it, out);
        }
    }
    for (i, kp) in b.meta.key_points.iter().enumerate() {
        let text = b.text_line(kp);
        let linked = kp.links().find_map(|l| match l {
            crate::briefing::Inline::Link {
                target: Some(r), ..
            } => hedged.get(r),
            _ => None,
        });
        if let Some(h) = linked
            && hedge::claim_marker(&text).is_none()
        {
            out.push(hedge_dropped(
                b,
                h,
                vec![Seg::key("key_points"), Seg::Index(i)],
                "key point",
            ));
        }
    }
}

fn hedge_dropped(b: &Briefing, h: &Hedge, path: Vec<Seg>, field: &str) -> Problem {
    problem(
        Severity::Warning,
        "hedge-dropped",
        Loc::value(path),
        format!(
            "¶{} of `{}` hedges (“{}”) but this {field} states the claim plainly",
            h.para + 1,
            b.sources[h.source].id,
            h.word
        ),
        "",
        "keep the hedge or say who holds the view (“reportedly”, “X says”), or give the item `unhedged:` with the reason it may be stated plainly".into(),
    )
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
    quote_problem(t, id, q, None, at(&it.path, "quote"), out);
}

/// `confidence: high` on one source graded below B2 needs a rationale.
fn single_source(b: &Briefing, it: &Cited, out: &mut Vec<Problem>) {
    let p = &b.positions[it.item.index];
    if p.confidence != Some(Confidence::High) || !p.rationale.is_empty() {
        return;
    }
    let sources = b.sources_of(it.item);
    let [only] = sources.as_slice() else { return };
    if !b.externals(it.item).iter().all(|e| e.kind != Kind::Source) {
        return;
    }
    let s = &b.sources[*only];
    let strong = matches!(s.reliability, Some('A' | 'B')) && s.credibility.is_some_and(|c| c <= 2);
    if strong {
        return;
    }
    let grade = s.grade().unwrap_or_else(|| "ungraded".into());
    out.push(problem(
        Severity::Warning,
        "single-source",
        Loc::value(at(&it.path, "confidence")),
        format!(
            "high confidence rests on one source, `{}`, graded {grade}",
            s.id
        ),
        "",
        "cite a second source, lower the confidence, or say why the briefing is this sure in `rationale:`".into(),
    ));
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
