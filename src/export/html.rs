//! The handout as one self-contained HTML page: no script, font, image or
//! style sheet from anywhere (a Content-Security-Policy says so to the
//! browser too), light and dark colours, and the classification and
//! marking at the top and bottom of every printed page.

use super::{Begin, Block, Out, Rich, Span};
use crate::briefing::marking::Tlp;
use crate::briefing::{Briefing, ItemRef, Kind};
use std::fmt::Write;

/// Text for an HTML element or a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], written onto `out`: the text between the characters to
/// escape is copied a run at a time (they are all ASCII, so every cut is at
/// a character's edge).
fn escape_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = next_special(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// Where the first character to escape is, eight bytes at a time: most of
/// a handout's strings are short titles, ids and names with nothing to
/// escape, which the 32-byte blocks before left to a loop a byte at a time.
fn next_special(s: &[u8]) -> Option<usize> {
    let mut words = s.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let found = specials(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = words.remainder();
    if rest.is_empty() {
        return None;
    }
    // The last bytes as the low bytes of a word, zeros above (a zero is
    // never a byte to escape): the last eight bytes shifted down past
    // those already looked at, or, in a string shorter than a word, the
    // bytes one by one (not copied to a buffer and read back whole, which
    // the profile showed waiting on the copy).
    let last = match s.len().checked_sub(8) {
        Some(from) => {
            let tail = u64::from_le_bytes(s[from..].try_into().unwrap_or_default());
            tail >> (8 * (8 - rest.len()))
        }
        None => rest.iter().rev().fold(0, |w, &b| (w << 8) | u64::from(b)),
    };
    let found = specials(last);
    (found != 0).then(|| at + found.trailing_zeros() as usize / 8)
}

/// The top bit of each byte of `w` that is `"`, `&`, `'`, `<` or `>`, and
/// perhaps of bytes after the first such (a borrow carries up): the lowest
/// bit set is exactly the first. `&` (0x26) and `'` (0x27) are one test
/// with the low bit set, `<` (0x3c) and `>` (0x3e) one with the second.
fn specials(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & (ONES * 0x80);
    zero(w ^ (ONES * b'"' as u64))
        | zero((w | ONES) ^ (ONES * b'\'' as u64))
        | zero((w | (ONES * 2)) ^ (ONES * b'>' as u64))
}

const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #ffffff; --dim: #5a5a5a; --rule: #d0d0d0; --link: #0b57d0; --band: #f3f3f3; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e6e6; --bg: #161616; --dim: #a8a8a8; --rule: #3a3a3a; --link: #8ab4f8; --band: #222222; }
}
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0; overflow-wrap: anywhere; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
a { color: var(--link); }
h1 { font-size: 1.8rem; margin: 1.2rem 0 .4rem; }
h2 { font-size: 1.35rem; border-bottom: 1px solid var(--rule); margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .3rem; }
.field { margin: .15rem 0; }
.label { font-weight: 600; }
.banner { text-align: center; font-weight: 700; letter-spacing: .05em; padding: .3rem; background: var(--band); border-bottom: 1px solid var(--rule); }
.banner.bottom { border-top: 1px solid var(--rule); border-bottom: 0; }
.tlp { font: 700 .8rem/1 ui-monospace, monospace; padding: .15rem .4rem; border-radius: .2rem; background: #000; vertical-align: middle; }
.tlp-clear { color: #ffffff; } .tlp-green { color: #33ff00; } .tlp-amber, .tlp-amber-strict { color: #ffc000; } .tlp-red { color: #ff2b2b; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .95rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--band); }
blockquote { margin: .5rem 0 .5rem 1rem; padding-left: .8rem; border-left: 3px solid var(--rule); }
.cite { color: var(--dim); font-size: .9rem; }
:target { outline: 2px solid var(--link); outline-offset: 2px; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 2.4rem 0; }
  .banner { position: fixed; left: 0; right: 0; background: #fff; color: #000; }
  .banner.top { top: 0; } .banner.bottom { bottom: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; } tr, blockquote { break-inside: avoid; }
}
"#;

fn tlp_class(t: Tlp) -> &'static str {
    match t {
        Tlp::Clear => "tlp-clear",
        Tlp::Green => "tlp-green",
        Tlp::Amber => "tlp-amber",
        Tlp::AmberStrict => "tlp-amber-strict",
        Tlp::Red => "tlp-red",
    }
}

fn badge_into(o: &mut String, t: Tlp) {
    o.push_str("<span class=\"tlp ");
    o.push_str(tlp_class(t));
    o.push_str("\">");
    escape_into(o, t.label());
    o.push_str("</span>");
}

/// ` id="…"` when there is an id.
fn id_attribute(o: &mut String, id: Option<&str>) {
    if let Some(id) = id {
        o.push_str(" id=\"");
        escape_into(o, id);
        o.push('"');
    }
}

/// The rich text written onto `out`, element by element (a handout of
/// 20,000 events is 20 MB of HTML: no string is built twice).
fn rich_into(out: &mut String, r: &Rich) {
    r.iter().for_each(|s| span_into(out, s));
}

fn span_into(out: &mut String, s: &Span) {
    match s {
        Span::Text(t) => escape_into(out, t),
        Span::Em(t) => {
            out.push_str("<em>");
            escape_into(out, t);
            out.push_str("</em>");
        }
        Span::Item(id, t) => {
            out.push_str("<a href=\"#");
            escape_into(out, id);
            out.push_str("\">");
            escape_into(out, t);
            out.push_str("</a>");
        }
        Span::Url(url, t) => {
            out.push_str("<a href=\"");
            escape_into(out, url);
            out.push_str("\" rel=\"noopener noreferrer\">");
            escape_into(out, t);
            out.push_str("</a>");
        }
    }
}

/// The page's text as a walk over the briefing makes it: each span is
/// written as it comes, never gathered into blocks first.
#[derive(Default)]
struct Page {
    o: String,
    open: Vec<Begin>,
    /// The text before the timeline's events, once the walk has passed
    /// their place.
    before: Option<String>,
    /// Room for the text after the timeline's events.
    after: usize,
}

impl<'a> Out<'a> for Page {
    fn block(&mut self, b: Block<'a>) {
        block(&mut self.o, &b);
    }

    fn begin(&mut self, what: Begin) {
        let o = &mut self.o;
        match what {
            Begin::Para => o.push_str("<p>"),
            Begin::Field(label) => field_label(o, label),
            Begin::List => o.push_str("<ul>\n"),
            Begin::Item => o.push_str("<li>"),
        }
        self.open.push(what);
    }

    fn span(&mut self, s: Span<'a>) {
        span_into(&mut self.o, &s);
    }

    fn end(&mut self) {
        self.o.push_str(match self.open.pop() {
            Some(Begin::List) => "</ul>\n",
            Some(Begin::Item) => "</li>\n",
            _ => "</p>\n",
        });
    }

    fn timeline(&mut self) {
        let after = String::with_capacity(self.after);
        self.before = Some(std::mem::replace(&mut self.o, after));
    }
}

/// `<p class="field"><span class="label">Label:</span> `, before a field's
/// value.
fn field_label(o: &mut String, label: &str) {
    o.push_str("<p class=\"field\"><span class=\"label\">");
    escape_into(o, label);
    o.push_str(":</span> ");
}

/// `<tag>rich</tag>` and a line break.
fn element(o: &mut String, open: &str, r: &Rich, close: &str) {
    o.push_str(open);
    rich_into(o, r);
    o.push_str(close);
}

/// The page of `b`'s handout; speaker notes only when `notes`.
pub fn html(b: &Briefing, notes: bool) -> String {
    let mut o = Vec::new();
    let _ = html_into(b, notes, &mut o);
    // Every piece is a `String`: the bytes are UTF-8.
    String::from_utf8(o).unwrap_or_default()
}

/// [`html`], written to `w` piece by piece: a 100,000-event page is some
/// 100 MB, never held whole.
pub fn html_into<W: std::io::Write + ?Sized>(
    b: &Briefing,
    notes: bool,
    w: &mut W,
) -> std::io::Result<()> {
    // The timeline's events are made a batch at a time on another thread,
    // each batch in a stretch per core, while this thread makes and writes
    // the rest of the page, then writes the batches as they come: at most
    // two wait, so the memory a batch's text took is used again for the
    // next.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<String>>(2);
    std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .spawn_scoped(s, move || {
                timeline(b, notes, |parts| tx.send(parts).is_ok())
            })
            .is_ok();
        let (head, tail) = page(b, notes);
        w.write_all(head.as_bytes())?;
        if spawned {
            for parts in rx {
                for part in parts {
                    w.write_all(part.as_bytes())?;
                }
            }
        } else {
            // No thread to be had: the batches are made here, in turn.
            let mut written = Ok(());
            timeline(b, notes, |parts| {
                written = parts.iter().try_for_each(|p| w.write_all(p.as_bytes()));
                written.is_ok()
            });
            written?;
        }
        w.write_all(tail.as_bytes())
    })
}

/// The timeline's events as the page has them, a batch at a time, handed
/// to `each` until it says stop.
fn timeline(b: &Briefing, notes: bool, mut each: impl FnMut(Vec<String>) -> bool) {
    for from in (0..b.events.len()).step_by(BATCH) {
        let to = (from + BATCH).min(b.events.len());
        let parts = crate::cores::stretches(to - from, crate::cores::count(), |r| {
            let events = from + r.start..from + r.end;
            // Room for the stretch as its first events measure it, an
            // eighth to spare: a guess too small grew by doubling, copying
            // the text and touching twice the fresh memory it needed.
            let first = events.start..(events.start + MEASURED).min(events.end);
            let mut part = Page::default();
            super::events_into(b, notes, first.clone(), &mut part);
            let each = part.o.len() / first.len().max(1);
            part.o.reserve((events.end - first.end) * each / 8 * 9);
            super::events_into(b, notes, first.end..events.end, &mut part);
            part.o
        });
        if !each(parts) {
            return;
        }
    }
}

/// Events whose text says how much room a stretch of the page needs.
const MEASURED: usize = 32;

/// Events a batch of the page's timeline: a stretch per core and a few
/// megabytes of text.
const BATCH: usize = 8192;

/// The page around the timeline's events: what comes before them and
/// what after, each written as the walk over the briefing makes it.
fn page(b: &Briefing, notes: bool) -> (String, String) {
    let title = &b.meta.title;
    let banner = b.banner(b.all_items());
    // The items' lists of links are most of what comes before the events
    // (issues, actors) and after them (sources): room for them at once, a
    // hundred bytes a link, rather than grown by doubling.
    let room = |kind, count| {
        let links: usize = (0..count)
            .map(|i| b.backlinks(ItemRef::new(kind, i)).len())
            .sum();
        4096 + links * 100
    };
    let before = room(Kind::Issue, b.issues.len()) + room(Kind::Actor, b.actors.len());
    let mut o = String::with_capacity(STYLE.len() + before);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"brief {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    );
    let banner = |o: &mut String, place: &str| {
        if let Some(text) = &banner {
            let _ = writeln!(o, "<div class=\"banner {place}\">{}</div>", escape(text));
        }
    };
    banner(&mut o, "top");
    o.push_str("<main>\n");
    let _ = write!(o, "<h1>{}", escape(title));
    if let Some(m) = b.strictest(b.all_items()) {
        o.push(' ');
        badge_into(&mut o, m);
    }
    o.push_str("</h1>\n");
    let page = super::walk(
        b,
        notes,
        Page {
            o,
            after: room(Kind::Source, b.sources.len()),
            ..Page::default()
        },
        false,
    );
    let (head, mut tail) = match page.before {
        Some(head) => (head, page.o),
        None => (page.o, String::new()),
    };
    tail.push_str("</main>\n");
    banner(&mut tail, "bottom");
    tail.push_str("</body>\n</html>\n");
    (head, tail)
}

/// One block of the page.
fn block(o: &mut String, block: &Block) {
    match block {
        Block::Heading {
            level,
            text,
            id,
            marking,
        } => {
            // A level is one digit (1 to 6).
            let digit = char::from(b'0' + level.min(&9));
            o.push_str("<h");
            o.push(digit);
            id_attribute(o, id.as_deref());
            o.push('>');
            escape_into(o, text);
            if let Some(m) = marking {
                o.push(' ');
                badge_into(o, *m);
            }
            o.push_str("</h");
            o.push(digit);
            o.push_str(">\n");
        }
        Block::Para(r) => element(o, "<p>", r, "</p>\n"),
        Block::Field(label, r) => {
            field_label(o, label);
            element(o, "", r, "</p>\n");
        }
        Block::Bullets(items) => {
            o.push_str("<ul>\n");
            for i in items {
                element(o, "<li>", i, "</li>\n");
            }
            o.push_str("</ul>\n");
        }
        Block::Passage { at, text, by } => {
            o.push_str("<blockquote><p>");
            escape_into(o, text);
            o.push_str("</p><p class=\"cite\">");
            escape_into(o, at);
            element(o, " · cited by ", by, "</p></blockquote>\n");
        }
        Block::Table { head, rows } => {
            o.push_str("<table>\n<thead><tr>");
            for c in head {
                let _ = write!(o, "<th scope=\"col\">{}</th>", escape(c));
            }
            o.push_str("</tr></thead>\n<tbody>\n");
            for (id, cells) in rows {
                o.push_str("<tr");
                id_attribute(o, id.as_deref());
                o.push('>');
                for c in cells {
                    element(o, "<td>", c, "</td>");
                }
                o.push_str("</tr>\n");
            }
            o.push_str("</tbody>\n</table>\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::briefing::{Briefing, marking::Tlp};

    /// An event with bullets in its summary and its notes, relations, a
    /// withheld link and a cited passage: every kind of block an item makes.
    const EVERY_BLOCK: &str = r#"
format: 1
title: Blocks
marking: TLP:GREEN
summary: |
  Before the list.

  - one [[a]]
  - two
actors:
  - id: a
    name: Alpha
    relations: [{to: b, type: "talks <to>"}]
  - id: b
    name: Beta & co
    marking: TLP:RED
issues:
  - id: i
    title: The issue
positions:
  - {id: p, actor: a, issue: i, stance: supports, quote: "We \"do\"", sources: [s]}
timeline:
  - id: e1
    date: 2026-01-02
    title: First <b>
    actors: [a, b]
    issues: [i]
    summary: |
      Said by [[a]] today.

      - a bullet
      - another

      After the list.
    notes: |
      - noted [[i]]
    sources: [{source: s, locator: "¶1", quote: "the words"}]
  - id: e2
    date: 2026-01-03
    title: Second
    summary: The [[e1|first]] again.
sources:
  - id: s
    title: A source
    reliability: B
    credibility: 2
    text: |
      We "do" say the words are here.
"#;

    /// The briefing as an audience at `tlp` gets it, if it may get any.
    fn loaded(path: &str, text: &str, tlp: Option<Tlp>) -> Option<Briefing> {
        crate::briefing::load::load_str_for(text, path, path.into(), tlp).briefing
    }

    /// The page written as the walk makes it, the timeline's events apart
    /// as the page makes them, is what the handout's blocks write.
    #[test]
    fn the_page_as_it_is_made_is_the_page_of_its_blocks() {
        let bundled = [
            "briefs/pakistan-afghanistan-ttp.yaml",
            "briefs/payments-outage-exercise.yaml",
        ]
        .map(|path| (path, std::fs::read_to_string(path).expect("bundled")));
        let texts = [
            ("blocks.yaml", EVERY_BLOCK),
            (bundled[0].0, &bundled[0].1),
            (bundled[1].0, &bundled[1].1),
        ];
        let mut events_seen = 0;
        for (path, text) in texts {
            for tlp in [None, Some(Tlp::Green), Some(Tlp::Amber)] {
                let Some(b) = loaded(path, text, tlp) else {
                    // Marked above the audience: no page to write.
                    assert!(tlp.is_some());
                    continue;
                };
                for notes in [false, true] {
                    let mut blocks = String::new();
                    for block in &super::super::handout(&b, notes).blocks {
                        super::block(&mut blocks, block);
                    }
                    let walked = super::super::walk(&b, notes, super::Page::default(), false);
                    let mut events = super::Page::default();
                    super::super::events_into(&b, notes, 0..b.events.len(), &mut events);
                    let page = match walked.before {
                        Some(before) => before + &events.o + &walked.o,
                        None => walked.o,
                    };
                    assert_eq!(page, blocks, "notes: {notes}, tlp: {tlp:?}");
                    events_seen += b.events.len();
                }
            }
        }
        assert!(events_seen > 50, "the briefings have events: {events_seen}");
        // The blocks the briefing above was written to make are made.
        let page = super::html(
            &loaded("blocks.yaml", EVERY_BLOCK, None).expect("loads"),
            true,
        );
        for made in [
            "<ul>\n<li>a bullet</li>\n<li>another</li>\n</ul>\n<p>After the list.</p>",
            "<li>noted <a href=\"#i\">The issue</a></li>",
            "talks &lt;to&gt; ",
            "<blockquote><p>We &quot;do&quot; say the words are here.</p>",
        ] {
            assert!(page.contains(made), "{made}\n{page}");
        }
        let green = loaded("blocks.yaml", EVERY_BLOCK, Some(Tlp::Green)).expect("loads for GREEN");
        let green = super::html(&green, true);
        assert!(green.contains("[withheld] 1 link"), "{green}");
    }
    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(
            super::escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    proptest::proptest! {
        /// Run by run, the escape is the one a character at a time gives,
        /// for any text (special characters next to multi-byte ones too).
        #[test]
        fn escaping_in_runs_is_escaping_each_character(s in "[<>&\"'a é→🇵\n]{0,100}") {
            let each: String = s.chars().map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                c => c.to_string(),
            }).collect();
            proptest::prop_assert_eq!(super::escape(&s), each);
        }
    }

    /// Every eight bytes with one byte of each value at each place, among
    /// bytes of every kind: the word test finds the first special byte
    /// exactly (or says there is none).
    #[test]
    fn the_first_special_byte_is_found_wherever_it_is() {
        let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
        for len in [1, 5, 8, 13, 16] {
            for at in 0..len {
                for b in 0..=255u8 {
                    for fill in [b' ', b'a', 0, 0x25, 0x3d, 0xff, b'<', b'\''] {
                        let mut bytes = vec![fill; len];
                        bytes[at] = b;
                        let first = bytes.iter().position(special);
                        assert_eq!(super::next_special(&bytes), first, "{bytes:?}");
                    }
                }
            }
        }
    }
}
