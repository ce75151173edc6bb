//! Parsing in pieces on every core gives exactly what one parse gives, or
//! gives way to it: every fixture and bundled briefing, cut as small as
//! possible, and files built to trip a cut (a quoted string or a flow list
//! across it, an alias to another piece's anchor, a list key given twice,
//! items at column 0, CRLF lines, comments, directives).

use brief::briefing::pieces::parse_sized;
use brief::briefing::raw::{Val, parse_whole};

/// Cut at every item on two threads: same structs as one parse, or `None`.
fn agrees(text: &str) -> bool {
    let cut = parse_sized(text, 0, 2);
    match parse_whole(text) {
        Ok(Val::Ok(whole)) => match cut {
            Some(c) => {
                assert!(c == whole, "pieces differ from one parse:\n{text}");
                true
            }
            None => false,
        },
        other => {
            assert!(
                cut.is_none(),
                "pieces parsed a file one parse rejects ({other:?}):\n{text}"
            );
            false
        }
    }
}

#[test]
fn every_fixture_parses_the_same_in_pieces() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    crate::common::yaml_files(&root.join("tests/fixtures"), &mut all);
    crate::common::yaml_files(&root.join("briefs"), &mut all);
    let mut cut = 0;
    for f in &all {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        cut += agrees(&text) as usize;
    }
    assert!(cut >= 10, "only {cut} of {} files were cut", all.len());
}

#[test]
fn a_large_synthetic_briefing_parses_the_same_in_pieces() {
    let text = brief::synth::briefing_yaml(3000);
    assert!(agrees(&text));
    assert!(parse_sized(&text, 0, 4).is_some());
}

const HEAD: &str = "title: T\nsummary: |\n  - not an item\n  timeline:\n";

#[test]
fn cuts_that_would_change_the_meaning_give_way_to_one_parse() {
    let tricky = [
        // A quoted string running across the next item's line.
        "timeline:\n  - id: a\n    title: \"one\n  - two\"\n  - id: b\n",
        // A flow list running across it.
        "actors:\n  - id: a\n    aliases: [x,\n  - y]\n  - id: b\n",
        // An alias to an anchor in an earlier item.
        "actors:\n  - &a\n    id: a\n    name: A\n  - *a\n  - id: c\n",
        // Merge keys across items.
        "actors:\n  - &base\n    kind: state\n  - <<: *base\n    id: b\n  - id: c\n",
        // The list given twice.
        "actors:\n  - id: a\n  - id: b\nactors:\n  - id: c\n  - id: d\n",
        // A second document.
        "actors:\n  - id: a\n  - id: b\n---\nactors:\n  - id: c\n",
        // A directive.
        "%YAML 1.2\n---\nactors:\n  - id: a\n  - id: b\n",
        // A mapping where the list belongs.
        "actors:\n  a: 1\n  b: 2\n",
        // A blank line holding a tab between items, then more items: one
        // list, in file order.
        "timeline:\n  - id: a\n    title: A\n  - id: b\n    title: B\n\t\n  - id: c\n    title: C\n  - id: d\n",
        // A comment after a tab between items.
        "timeline:\n  - id: a\n    title: A\n  - id: b\n    title: B\n\t# c\n  - id: c\n    title: C\n  - id: d\n",
        // A line at column 0 that is no key inside the list.
        "actors:\n  - id: a\n    name: \"A\n\tB\"\n  - id: b\n  - id: c\n",
        // Odd indentation inside the list.
        "actors:\n    - id: a\n  - id: b\n    - id: c\n",
    ];
    for t in tricky {
        let text = format!("{HEAD}{t}");
        agrees(&text);
    }
}

#[test]
fn plain_lists_in_any_layout_are_cut() {
    let layouts = [
        // Items at column 0 under their key.
        "timeline:\n- id: a\n  title: A\n- id: b\n  title: B\n- id: c\n",
        // CRLF lines, comments between items, a comment on the key line.
        "actors:   # who\r\n  - id: a\r\n    name: A\r\n  # between\r\n  - id: b\r\n    name: B\r\n  - id: c\r\n",
        // Block scalars whose lines look like items.
        "issues:\n  - id: a\n    summary: |\n      - not an item\n      actors:\n  - id: b\n  - id: c\n",
        // Several lists, and keys after them.
        "actors:\n  - id: a\n    name: The first actor of all\n  - id: b\n    name: The second actor of all\n\
         issues:\n  - id: c\n    title: The first issue of all\n  - id: d\n    title: The second issue\n\
         format: 1\n",
    ];
    for t in layouts {
        let text = format!("{HEAD}{t}");
        assert!(agrees(&text), "not cut:\n{text}");
    }
    // A document start marker first.
    let text = format!("---\n{HEAD}sources:\n  - id: a\n  - id: b\n  - id: c\n");
    assert!(agrees(&text), "not cut:\n{text}");
}

mod generated {
    //! Briefings written every which way a list item can be — plain,
    //! quoted across lines (even across a cut), flow lists across lines,
    //! block scalars that look like items, anchors and aliases, comments,
    //! tabs — cut at every item: never a different result.
    use super::agrees;
    use proptest::prelude::*;

    fn field() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("    name: plain words\n".to_string()),
            Just("    name: \"quoted\n      across lines\"\n".to_string()),
            Just("    name: \"quoted\n  - into the next item\"\n".to_string()),
            Just("    aliases: [a, b,\n      c]\n".to_string()),
            Just("    aliases: [a,\n  - b]\n".to_string()),
            Just("    summary: |\n      - not an item\n      timeline:\n".to_string()),
            Just("    summary: >\n      folded\n\n      text\n".to_string()),
            Just("    kind: &k state\n".to_string()),
            Just("    kind: *k\n".to_string()),
            Just("  # a comment\n".to_string()),
            Just("\t# after a tab\n".to_string()),
            Just("\t\n".to_string()),
            Just("\n".to_string()),
            Just("    x-extension: 1\n".to_string()),
            Just("    name: dup\n    name: twice\n".to_string()),
            Just("    'quoted key': v\n".to_string()),
            Just("    ? complex\n    : key\n".to_string()),
        ]
    }

    fn list() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec!["actors", "issues", "positions", "timeline", "sources"]),
            prop::bool::ANY,
            prop::collection::vec(prop::collection::vec(field(), 0..4), 1..10),
        )
            .prop_map(|(key, flush, items)| {
                let mut out = format!("{key}:\n");
                for (n, fields) in items.iter().enumerate() {
                    let (dash, rest) = if flush {
                        ("- ", "  ")
                    } else {
                        ("  - ", "    ")
                    };
                    out.push_str(&format!("{dash}id: item-{n}\n"));
                    for f in fields {
                        // Fields are written for items at two spaces.
                        let f = if flush {
                            f.replacen("    ", rest, 1)
                        } else {
                            f.clone()
                        };
                        out.push_str(&f);
                    }
                }
                out
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn cutting_never_changes_what_a_file_means(
            lists in prop::collection::vec(list(), 1..4),
            tail in prop::sample::select(vec!["", "format: 1\n", "title: Again\n", "---\n", "%TAG ! x\n"]),
        ) {
            let text = format!("title: T\n{}{tail}", lists.concat());
            agrees(&text);
        }
    }
}
