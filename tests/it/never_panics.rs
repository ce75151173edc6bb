//! Property tests: no input panics the loader, the date parser or the text
//! parser.

use brief::briefing::{date, load_str, text};
use proptest::prelude::*;
use std::path::PathBuf;

const EXAMPLE: &str = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");
const EXERCISE: &str = include_str!("../../briefs/payments-outage-exercise.yaml");

fn yaml_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9 _.-]{0,12}",
        Just("~".to_string()),
        Just("[[x]]".to_string()),
        "[0-9]{4}(-[0-9]{2}){0,2}[~?%]?",
        ".{0,8}",
    ]
}

fn yaml_value() -> impl Strategy<Value = String> {
    let leaf = yaml_scalar().prop_map(|s| format!("{s:?}"));
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("id"),
                        Just("name"),
                        Just("title"),
                        Just("actor"),
                        Just("issue"),
                        Just("stance"),
                        Just("sources"),
                        Just("date"),
                        Just("when"),
                        Just("actors"),
                        Just("x-y"),
                        Just("bogus")
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(|v| format!(
                "{{{}}}",
                v.iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,400}") {
        let _ = load_str(&s, "t.yaml", PathBuf::new());
        let _ = date::parse(&s);
        let _ = text::parse(&s);
    }

    #[test]
    fn arbitrary_yaml_never_panics(
        title in yaml_value(), actors in yaml_value(), issues in yaml_value(),
        positions in yaml_value(), timeline in yaml_value(), sources in yaml_value(), deck in yaml_value(),
    ) {
        let y = format!("title: {title}\nactors: {actors}\nissues: {issues}\npositions: {positions}\n\
                         timeline: {timeline}\nsources: {sources}\ndeck: {deck}\n");
        let r = load_str(&y, "t.yaml", PathBuf::new());
        // Every error has a message, and the briefing exists exactly when
        // there are no errors.
        prop_assert_eq!(r.briefing.is_some(), r.errors() == 0);
    }

    #[test]
    fn mutated_examples_never_panic(which in any::<bool>(), cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..40, ".{0,6}"), 1..4)) {
        let mut s = if which { EXAMPLE.to_string() } else { EXERCISE.to_string() };
        for (at, len, insert) in cuts {
            let mut i = at.index(s.len().max(1));
            while !s.is_char_boundary(i) { i -= 1; }
            let mut j = (i + len).min(s.len());
            while !s.is_char_boundary(j) { j -= 1; }
            s.replace_range(i..j, &insert);
        }
        let r = load_str(&s, "t.yaml", PathBuf::new());
        for d in &r.diagnostics {
            prop_assert!(!d.message.text().is_empty());
            let _ = d.render(true);
        }
    }

    #[test]
    fn dates_that_parse_have_a_sort_key(y in 1000i32..3000, m in 1u8..13, d in 1u8..29, q in "[~?%]?") {
        let s = format!("{y:04}-{m:02}-{d:02}{q}");
        let parsed = date::parse(&s).unwrap();
        prop_assert!(parsed.sort_key().is_some());
        prop_assert_eq!(parsed.text, s);
    }
}
