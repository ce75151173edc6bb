//! Sources counted by who they come from: two outlets relaying one report
//! are one source (`via:`), credibility 1 needs more than one originator,
//! and a text that says it took its story from an agency is asked for a
//! `via`.

fn codes(yaml: &str, texts: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("t")).unwrap();
    for (name, text) in texts {
        std::fs::write(dir.path().join("t").join(name), text).unwrap();
    }
    let r = brief::briefing::load::load_str(yaml, "b.yaml", dir.path().join("b.yaml"));
    r.diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .filter(|c| !matches!(c.as_str(), "idle-actor" | "uncited-source"))
        .collect()
}

fn briefing(sources: &str, cited: &str) -> String {
    format!(
        "title: T\nactors:\n  - id: a\n    name: A\nissues:\n  - id: i\n    title: I\npositions:\n  - actor: a\n    issue: i\n    stance: A says talks resume.\n    alignment: support\n    confidence: high\n    sources: [{cited}]\nsources:\n{sources}"
    )
}

#[test]
fn two_outlets_relaying_one_report_are_one_source() {
    let two = "  - id: wire\n    title: Wire\n    reliability: B\n    credibility: 2\n  - id: paper\n    title: Paper\n    reliability: B\n    credibility: 2\n";
    assert!(codes(&briefing(two, "wire, paper"), &[]).is_empty());
    let relayed = two.replace("  - id: paper\n", "  - id: paper\n    via: wire\n");
    assert_eq!(
        codes(&briefing(&relayed, "wire, paper"), &[]),
        ["single-source"]
    );
    let anonymous = "  - id: wire\n    title: Wire\n    via: three anonymous Russian sources\n    reliability: B\n    credibility: 2\n  - id: paper\n    title: Paper\n    via: Three anonymous Russian sources\n    reliability: B\n    credibility: 2\n";
    assert_eq!(
        codes(&briefing(anonymous, "wire, paper"), &[]),
        ["single-source"]
    );
}

#[test]
fn credibility_one_needs_a_second_originator() {
    let one = "  - id: wire\n    title: Wire\n    reliability: A\n    credibility: 1\n";
    assert_eq!(
        codes(&briefing(one, "wire"), &[]),
        ["credibility-one-originator"]
    );
    let two =
        format!("{one}  - id: paper\n    title: Paper\n    reliability: B\n    credibility: 2\n");
    assert!(codes(&briefing(&two, "wire, paper"), &[]).is_empty());
}

#[test]
fn a_text_that_names_its_agency_is_asked_for_a_via() {
    let text = [(
        "p.txt",
        "The minister resigned on Monday, a spokesman told Reuters.\n",
    )];
    let src = "  - id: paper\n    title: Paper\n    reliability: B\n    credibility: 2\n    file: t/p.txt\n  - id: other\n    title: Other\n    reliability: B\n    credibility: 2\n";
    assert!(codes(&briefing(src, "paper, other"), &text).contains(&"via-suggested".to_string()));
    let with_via = src.replace(
        "    file: t/p.txt\n",
        "    file: t/p.txt\n    via: Reuters\n",
    );
    assert!(
        !codes(&briefing(&with_via, "paper, other"), &text).contains(&"via-suggested".to_string())
    );
    // The article the bundled example is built from names no agency.
    let o = crate::common::brief(&["check", "--deny-warnings", "briefs/"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_rationale_gives_a_reason() {
    // The example's rationale as it was: "on the record" of an official
    // who spoke on condition of anonymity.
    let example = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");
    let old = example.replacen(
        "A senior official, speaking on condition of anonymity, said it in words\n      the article quotes directly;",
        "A senior official said it on the record, in words the article quotes\n      directly;",
        1,
    );
    assert_ne!(old, example);
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_sources(dir.path());
    let r = brief::briefing::load::load_str(&old, "b.yaml", dir.path().join("b.yaml"));
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "rationale-contradicts"),
        "{:?}",
        r.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
    );
    let two = "  - id: wire\n    title: Wire\n    reliability: B\n    credibility: 2\n  - id: paper\n    title: Paper\n    reliability: B\n    credibility: 2\n";
    let with = |why: &str| {
        briefing(two, "wire, paper").replace(
            "    confidence: high\n",
            &format!("    confidence: high\n    rationale: {why}\n"),
        )
    };
    assert_eq!(
        codes(&with("Reuters is a reputable outlet."), &[]),
        ["rationale-no-reason"]
    );
    assert!(
        codes(
            &with("Two independent outlets confirm it from their own reporters."),
            &[]
        )
        .is_empty()
    );
}
