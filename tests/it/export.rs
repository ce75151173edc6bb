//! `brief export` and `--tlp`: handouts parsed back (HTML with an HTML
//! parser, Markdown with a CommonMark parser) so every internal link lands
//! on an anchor and nothing from the briefing becomes markup; withheld
//! items never reach any output; the page drawn by a real browser when
//! one is installed.

use crate::common;
use brief::briefing::Briefing;
use brief::briefing::load::load_str_for;
use brief::briefing::marking::Tlp;
use common::brief;
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

const EXAMPLE: &str = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");
const OUTAGE: &str = include_str!("../../briefs/payments-outage-exercise.yaml");

fn briefs(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs")
        .join(name)
}

fn load(text: &str, level: Option<Tlp>) -> Briefing {
    let r = load_str_for(text, "test.yaml", briefs("test.yaml"), level);
    r.briefing
        .unwrap_or_else(|| panic!("does not load: {:?}", r.diagnostics))
}

/// A briefing with HTML, Markdown and terminal escapes in every field.
const HOSTILE: &str = r##"title: "<script>alert('t')</script> | *bold* [x](javascript:alert(1))"
subtitle: "<img src=x onerror=alert(1)>"
classification: "</div><b>SECRET</b>"
marking: TLP:GREEN
summary: "# not a heading\n\n- not a list <iframe src=//evil></iframe> & &amp; \u001b[31mred"
key_points:
  - "1. not numbered | pipe"
actors:
  - id: a1
    name: "Actor <b>bold</b> | pipe"
    kind: "<style>body{display:none}</style>"
    summary: "See [[i1]] and `code` and <a href=https://evil.example>x</a>"
  - id: a2
    name: "Second ]] actor"
issues:
  - id: i1
    title: "Issue ![img](https://evil.example/x.png)"
    question: "What | about <this>?"
    actors: [a1, a2]
positions:
  - actor: a1
    issue: i1
    stance: "Stance with | pipes | and <td>cells</td>"
    quote: "A quote with \"quotes\" and 'apostrophes' <br>"
    alignment: support
    sources: [s1]
  - actor: a2
    issue: i1
    stance: "Second stance"
    sources: [s1]
timeline:
  - id: e1
    date: 2026-03-01
    title: "Event <svg onload=alert(1)>"
    actors: [a1]
    sources: [s1]
sources:
  - id: s1
    title: "Source \" onclick=\"alert(1)"
    url: "javascript:alert(1)"
    reliability: B
    credibility: 2
    text: "First paragraph <script>x</script>.\n\nA quote with \"quotes\" and 'apostrophes' <br> here."
"##;

fn html_checks(html: &str) -> scraper::Html {
    let doc = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let ids: HashSet<String> = doc
        .select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    for a in doc.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap();
        if let Some(frag) = href.strip_prefix('#') {
            assert!(ids.contains(frag), "the link #{frag} has no anchor");
        } else {
            assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "only web links leave the page: {href}"
            );
        }
    }
    for banned in [
        "script", "iframe", "img", "object", "embed", "svg", "link", "base", "form",
    ] {
        assert_eq!(
            doc.select(&sel(banned)).count(),
            0,
            "a <{banned}> in the page"
        );
    }
    assert_eq!(doc.select(&sel("style")).count(), 1);
    for e in doc.select(&sel("*")) {
        for (name, _) in e.value().attrs() {
            assert!(!name.starts_with("on"), "an event handler: {name}");
            assert!(!matches!(name, "src" | "srcset" | "style"), "{name}");
        }
    }
    assert!(!html.contains('\u{1b}'), "no terminal escapes");
    doc
}

#[test]
fn html_handouts_link_every_item_and_load_nothing() {
    for (text, name) in [(EXAMPLE, "example"), (OUTAGE, "outage")] {
        let b = load(text, None);
        let html = brief::export::html(&b, false);
        let doc = html_checks(&html);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        // An anchor for every item.
        let ids: HashSet<String> = doc
            .select(&sel("[id]"))
            .map(|e| e.value().attr("id").unwrap().to_string())
            .collect();
        for r in b.all_items() {
            assert!(ids.contains(b.id(r)), "{name}: no anchor for `{}`", b.id(r));
        }
        // The classification at the top and the bottom, the stance tables.
        assert_eq!(doc.select(&sel(".banner")).count(), 2, "{name}");
        assert!(doc.select(&sel("table tbody tr")).count() >= b.positions.len());
        assert!(html.contains("@media print") && html.contains("prefers-color-scheme: dark"));
    }
    // The example's source text: its cited passages, with who cites them.
    let b = load(EXAMPLE, None);
    let html = brief::export::html(&b, false);
    assert!(html.contains("<blockquote>") && html.contains("cited by"));
}

#[test]
fn hostile_text_stays_text_in_html() {
    let b = load(HOSTILE, None);
    let html = brief::export::html(&b, true);
    let doc = html_checks(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let title: String = doc.select(&sel("h1")).next().unwrap().text().collect();
    assert!(
        title.starts_with("<script>alert('t')</script> | *bold*"),
        "{title}"
    );
    let banner: String = doc.select(&sel(".banner")).next().unwrap().text().collect();
    assert_eq!(banner, "</div><b>SECRET</b> · TLP:GREEN");
    assert!(doc.select(&sel("b")).next().is_none());
}

/// Headings' anchors as GitHub makes them, written here apart from brief's
/// own code: lower case; letters, digits, `-`, `_` kept; spaces as `-`.
fn github_slugs(md: &str) -> (HashSet<String>, Vec<String>, usize) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut slugs = HashSet::new();
    let mut seen = std::collections::HashMap::<String, usize>::new();
    let mut links = Vec::new();
    let mut html = 0;
    let mut heading: Option<String> = None;
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match ev {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let h = heading.take().unwrap().to_lowercase();
                let base: String = h
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                let n = seen.entry(base.clone()).or_default();
                slugs.insert(if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                });
                *n += 1;
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Html(_) | Event::InlineHtml(_) => html += 1,
            _ => {}
        }
    }
    (slugs, links, html)
}

#[test]
fn markdown_handouts_link_to_heading_anchors_and_escape_everything() {
    for text in [EXAMPLE, OUTAGE, HOSTILE] {
        let b = load(text, None);
        let md = brief::export::markdown(&b, true);
        let (slugs, links, html) = github_slugs(&md);
        assert_eq!(html, 0, "no HTML reaches the page:\n{md}");
        for l in &links {
            match l.strip_prefix('#') {
                Some(frag) => assert!(slugs.contains(frag), "#{frag} is no heading's anchor"),
                None => assert!(l.starts_with("http"), "{l}"),
            }
        }
    }
    // A `|` in a stance cannot add a column: every row of the table has five.
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let md = brief::export::markdown(&load(HOSTILE, None), false);
    let mut cells = 0;
    let mut rows = Vec::new();
    for ev in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => rows.push(cells),
            _ => {}
        }
    }
    assert_eq!(rows, vec![5, 5, 5], "{md}");
    assert!(
        md.contains(r"Stance with \| pipes \| and \<td\>cells\</td\>"),
        "{md}"
    );
}

#[test]
fn notes_are_exported_only_when_asked() {
    let b = load(OUTAGE, None);
    let with = brief::export::markdown(&b, true);
    let without = brief::export::markdown(&b, false);
    assert!(with.contains("**Speaker notes:**"));
    assert!(!without.contains("Speaker notes"));
    let one = b
        .all_items()
        .find(|r| !b.notes(*r).is_empty())
        .expect("the outage exercise has speaker notes");
    let note = b.text_line(b.notes(one));
    let words: String = note
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!brief::export::html(&b, false).contains(&words));
}

const CHINA_ONLY: &[&str] = &[
    "Facilitated the Urumqi talks as part of broader efforts",
    "Called the talks constructive and positive",
    "Beijing",
];
const TALKS_ONLY: &str = "Pakistan–Taliban talks in Urumqi, facilitated by China";

#[test]
fn the_cli_withholds_in_print_and_export_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_sources(dir.path());
    let file = dir.path().join("m.yaml");
    std::fs::write(&file, common::marked_example()).unwrap();
    let f = file.to_str().unwrap();
    let out = |args: &[&str]| {
        let o = brief(args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    };
    for args in [
        vec!["print", f, "--tlp", "green"],
        vec!["export", f, "--format", "html", "--tlp", "TLP:GREEN"],
        vec![
            "export",
            f,
            "--format",
            "md",
            "--tlp",
            "green",
            "--with-notes",
        ],
    ] {
        let s = out(&args);
        for secret in CHINA_ONLY.iter().chain([&TALKS_ONLY]) {
            assert!(!s.contains(secret), "{args:?} shows {secret}");
        }
        // `\[withheld\]` in Markdown.
        assert!(
            s.contains("withheld\\]") || s.contains("[withheld]"),
            "{args:?}"
        );
        assert!(
            s.contains("TLP:GREEN") && !s.contains("TLP:AMBER"),
            "{args:?}"
        );
    }
    // AMBER sees China, not the RED talks; no --tlp sees all, marked.
    let s = out(&["print", f, "--tlp", "amber"]);
    assert!(s.contains(CHINA_ONLY[0]) && !s.contains(TALKS_ONLY));
    let s = out(&["print", f]);
    assert!(s.contains(TALKS_ONLY) && s.contains("TLP:RED") && s.contains("[china] TLP:AMBER"));
    // Marked above the audience as a whole: nothing at all.
    let o = brief(&["export", f, "--format", "md", "--tlp", "clear"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("marked above TLP:CLEAR"));
    // -o writes a file, never over the briefing.
    let html = dir.path().join("out.html");
    out(&[
        "export",
        f,
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    html_checks(&std::fs::read_to_string(&html).unwrap());
    let o = brief(&["export", f, "--format", "html", "-o", f]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        common::marked_example()
    );
}

#[test]
fn markings_are_checked_where_they_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, text: String| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let o = brief(&["check", p.to_str().unwrap()]);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).to_string() + &String::from_utf8_lossy(&o.stdout),
        )
    };
    let base =
        "title: T\nmarking: amber\nactors:\n  - id: a\n    name: A\n    marking: TLP:GREEN\n";
    let (code, s) = check("below.yaml", base.into());
    assert_eq!(code, Some(1));
    assert!(
        s.contains("less restrictive than the briefing's TLP:AMBER") && s.contains("below.yaml:6:"),
        "{s}"
    );
    let (code, s) = check("unknown.yaml", "title: T\nmarking: TLP:WHITE\n".into());
    assert_eq!(code, Some(1));
    assert!(s.contains("not an allowed value for `marking`"), "{s}");
    let (_, s) = check(
        "nodefault.yaml",
        "title: T\nactors:\n  - id: a\n    name: A\n    marking: red\n".into(),
    );
    assert!(s.contains("no-briefing-marking"), "{s}");
}

/// Random briefings with random markings: no withheld item's words reach
/// print, either handout, or a slide, at any level.
fn random_briefing(
    marks: &[Option<Tlp>],
    default: Option<Tlp>,
    links: &[(usize, usize)],
) -> String {
    let m = |t: Option<Tlp>| {
        t.map(|t| format!("    marking: {}\n", t.label()))
            .unwrap_or_default()
    };
    let mut s = String::from("title: Random\nclassification: TEST\n");
    if let Some(d) = default {
        s.push_str(&format!("marking: {}\n", d.label()));
    }
    s.push_str("summary: Links [[actor0]] and [[event1|an event]].\nactors:\n");
    for (i, mark) in marks.iter().take(4).enumerate() {
        s.push_str(&format!(
            "  - id: actor{i}\n    name: Secretname{i}\n    summary: Actorsummary{i} about [[actor{}]].\n    sources: [src{}]\n{}",
            (i + 1) % 4,
            i % 2,
            m(*mark)
        ));
    }
    s.push_str("issues:\n");
    for i in 0..2 {
        s.push_str(&format!(
            "  - id: issue{i}\n    title: Issuetitle{i}\n    actors: [actor{i}, actor{}]\n{}",
            i + 2,
            m(marks[4 + i])
        ));
    }
    s.push_str("positions:\n");
    for (n, (a, x)) in links.iter().enumerate() {
        s.push_str(&format!(
            "  - id: pos{n}\n    actor: actor{a}\n    issue: issue{x}\n    stance: Stancetext{n}\n    quote: Quotetext{n}\n    said_by: actor{}\n    sources: [src0]\n",
            (a + 1) % 4
        ));
    }
    s.push_str("timeline:\n");
    for i in 0..2 {
        s.push_str(&format!(
            "  - id: event{i}\n    date: 2026-0{}-01\n    title: Eventtitle{i}\n    actors: [actor{i}]\n    issues: [issue{i}]\n    summary: Eventsummary{i} on [[issue{}]].\n    sources: [src1]\n{}",
            i + 1,
            1 - i,
            m(marks[6 + i])
        ));
    }
    s.push_str("sources:\n");
    for i in 0..2 {
        s.push_str(&format!(
            "  - id: src{i}\n    title: Sourcetitle{i}\n    reliability: B\n    credibility: 2\n{}",
            m(marks[8 + i])
        ));
    }
    s
}

fn level() -> impl Strategy<Value = Tlp> {
    prop::sample::select(Tlp::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn withheld_words_never_reach_any_output(
        marks in prop::collection::vec(prop::option::of(level()), 10),
        default in prop::option::of(prop::sample::select(vec![Tlp::Clear, Tlp::Green])),
        links in prop::collection::vec((0usize..4, 0usize..2), 1..5),
        audience in level(),
    ) {
        // Items are never marked below the briefing (that is an error).
        let marks: Vec<Option<Tlp>> = marks
            .into_iter()
            .map(|m| m.map(|m| m.max(default.unwrap_or(Tlp::Clear))))
            .collect();
        let text = random_briefing(&marks, default, &links);
        let full = load(&text, None);
        let r = load_str_for(&text, "r.yaml", briefs("r.yaml"), Some(audience));
        let Some(b) = r.briefing else {
            // Only a briefing marked above the audience is refused.
            prop_assert!(default.is_some_and(|d| d > audience));
            return Ok(());
        };
        let hidden = |t: Option<Tlp>| t.or(default).is_some_and(|t| t > audience);
        let mut secrets: Vec<String> = Vec::new();
        let gone_actor: Vec<bool> = (0..4).map(|i| hidden(marks[i])).collect();
        let gone_issue: Vec<bool> = (0..2).map(|i| hidden(marks[4 + i])).collect();
        for (i, gone) in gone_actor.iter().enumerate() {
            if *gone {
                secrets.push(format!("Secretname{i}"));
                secrets.push(format!("Actorsummary{i}"));
            }
        }
        for i in 0..2 {
            if gone_issue[i] { secrets.push(format!("Issuetitle{i}")); }
            if hidden(marks[6 + i]) {
                secrets.push(format!("Eventtitle{i}"));
                secrets.push(format!("Eventsummary{i}"));
            }
            if hidden(marks[8 + i]) { secrets.push(format!("Sourcetitle{i}")); }
        }
        for (n, (a, x)) in links.iter().enumerate() {
            if gone_actor[*a] || gone_issue[*x] {
                secrets.push(format!("Stancetext{n}"));
                secrets.push(format!("Quotetext{n}"));
            }
        }
        let theme = brief::ui::theme::Theme::plain();
        let mut slides = String::new();
        for p in brief::present::deck::paginate(&brief::present::deck::build(&b, &theme), 80, 30, &theme) {
            for l in &p.lines { slides.push_str(&l.to_string()); slides.push('\n'); }
        }
        let outputs = [
            ("print", brief::print::print(&b, 80)),
            ("html", brief::export::html(&b, true)),
            ("md", brief::export::markdown(&b, true)),
            ("slides", slides),
        ];
        for (what, out) in &outputs {
            for s in &secrets {
                prop_assert!(!out.contains(s.as_str()), "{} shows {} at {:?}", what, s, audience);
            }
        }
        // What is not withheld is all there.
        let shown = b.all_items().count();
        prop_assert!(shown <= full.all_items().count());
        prop_assert_eq!(b.actors.len(), gone_actor.iter().filter(|g| !**g).count());
    }
}

#[test]
fn a_real_browser_draws_the_handout() {
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        // `.ci/run` sets this where it installed Chromium: there a missing
        // browser is a failure, not a skip.
        assert!(
            std::env::var_os("BRIEF_NEED_BROWSER").is_none(),
            "BRIEF_NEED_BROWSER is set but no Chromium runs"
        );
        // Past the test harness's capture, so a skip is seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "test a_real_browser_draws_the_handout ... skipped: no chromium (apt-get install chromium)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("handout.html");
    std::fs::write(&page, brief::export::html(&load(EXAMPLE, None), false)).unwrap();
    let shot = dir.path().join("shot.png");
    let o = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1000,800",
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", page.display()),
        ])
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        shot.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = &buf[..info.buffer_size()];
    let step = info.color_type.samples();
    let first = &px[..step];
    let differ = px.chunks(step).filter(|p| *p != first).count();
    assert!(
        differ > px.len() / step / 50,
        "the page is blank: {differ} pixels differ from the first"
    );
}

/// A long timeline is made in batches on other threads while the rest of
/// the page is written: every event is there once, in timeline order,
/// between the timeline's heading and the sources, and the page is the
/// same whichever way it is written.
#[test]
fn a_long_timeline_is_written_whole_and_in_order() {
    let text = brief::synth::briefing_yaml(20_000);
    let b = load(&text, None);
    let html = brief::export::html(&b, false);
    let from = html
        .find("<h2>Timeline</h2>")
        .expect("the timeline's heading");
    let to = html.find("<h2>Sources</h2>").expect("the sources' heading");
    assert!(from < to);
    let shown: Vec<&str> = html[from..to]
        .split("<h3 id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let events: Vec<&str> = b.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(shown.len(), events.len(), "every event once");
    assert!(shown == events, "in timeline order");
    assert!(html.ends_with("</body>\n</html>\n"));
    let mut written = Vec::new();
    brief::export::html_into(&b, false, &mut written).unwrap();
    assert_eq!(written, html.as_bytes());
}

/// A write that fails (a full disk) ends the export with its error; the
/// thread making the timeline stops rather than waiting for a reader.
#[test]
fn a_failed_write_ends_the_export_with_its_error() {
    struct Full(usize);
    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0 < buf.len() {
                return Err(std::io::Error::other("no space left on the device"));
            }
            self.0 -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let b = load(&brief::synth::briefing_yaml(20_000), None);
    let page = brief::export::html(&b, false).len();
    for room in [0, 10_000, page / 2, page - 1] {
        let e = brief::export::html_into(&b, false, &mut Full(room)).unwrap_err();
        assert_eq!(e.to_string(), "no space left on the device");
    }
    assert!(brief::export::html_into(&b, false, &mut Full(page)).is_ok());
}
