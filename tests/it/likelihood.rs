//! The likelihood words of ICD 203 in judgments: one band a sentence, kept
//! apart from confidence, and not at odds with the item's `confidence`
//! unless a `rationale` says why.

fn codes(stance: &str, confidence: &str, rationale: bool) -> Vec<String> {
    let r = if rationale {
        "\n    rationale: Two independent originators confirm it."
    } else {
        ""
    };
    let text = format!(
        "title: T\nsummary: {stance}\nactors:\n  - id: a\n    name: A\nissues:\n  - id: i\n    title: I\npositions:\n  - actor: a\n    issue: i\n    stance: {stance}\n    alignment: support\n    confidence: {confidence}{r}\n"
    );
    let r = brief::briefing::load::load_str(&text, "b.yaml", "b.yaml".into());
    r.diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .filter(|c| c.starts_with("likelihood"))
        .collect()
}

#[test]
fn one_likelihood_a_judgment_apart_from_confidence() {
    assert!(codes("A deal is likely before the summer.", "moderate", false).is_empty());
    assert!(codes("Talks will almost certainly resume.", "high", false).is_empty());
    // Two bands in one sentence, in the stance and in the bottom line.
    assert_eq!(
        codes("A deal is likely but improbable.", "moderate", false),
        ["likelihood-mixed", "likelihood-mixed"]
    );
    // A likelihood and a confidence in one sentence.
    assert!(
        codes(
            "We assess with high confidence that talks are likely.",
            "high",
            false
        )
        .contains(&"likelihood-with-confidence".to_string())
    );
    // Words at odds with the item's confidence, unless the rationale says why.
    assert_eq!(
        codes("Talks will almost certainly resume.", "low", false),
        ["likelihood-confidence-mismatch"]
    );
    assert!(codes("Talks will almost certainly resume.", "low", true).is_empty());
    assert_eq!(
        codes("There is a remote chance of talks.", "high", false),
        ["likelihood-confidence-mismatch"]
    );
}

#[test]
fn coverage_lists_likelihood_words_without_a_confidence() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.yaml");
    std::fs::write(
        &f,
        "title: T\nactors:\n  - id: a\n    name: A\nissues:\n  - id: i\n    title: I\npositions:\n  - actor: a\n    issue: i\n    id: unsure\n    stance: Talks will very likely resume.\n  - actor: a\n    issue: i\n    id: sure\n    stance: Talks will likely resume.\n    confidence: moderate\n",
    )
    .unwrap();
    let o = crate::common::brief(&["check", "--coverage", f.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("position `unsure` says “very likely”"),
        "{out}"
    );
    assert!(!out.contains("`sure`"), "{out}");
    let o = crate::common::brief(&[
        "check",
        "--coverage",
        "--format",
        "json",
        f.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let c = v["coverage"].as_array().unwrap();
    assert!(
        c.iter()
            .any(|x| x["likelihood_without_confidence"][0]["position"] == "unsure"),
        "{v}"
    );
}

#[test]
fn the_likelihood_field_is_shown_and_held_to_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.yaml");
    let write = |stance: &str| {
        std::fs::write(
            &f,
            format!("title: T\nactors:\n  - id: a\n    name: A\nissues:\n  - id: i\n    title: I\npositions:\n  - actor: a\n    issue: i\n    stance: {stance}\n    alignment: support\n    confidence: moderate\n    likelihood: very likely\n"),
        )
        .unwrap();
    };
    write("Talks will very likely resume.");
    let o = crate::common::brief(&["print", f.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("(support, very likely, moderate)"), "{out}");
    let o = crate::common::brief(&["export", f.to_str().unwrap(), "--format", "md"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("moderate (very likely)"));
    let o = crate::common::brief(&["check", f.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&o.stderr).contains("likelihood-field-mismatch"));
    write("Talks will probably resume.");
    let o = crate::common::brief(&["check", f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("likelihood-field-mismatch") && err.contains("the stance says “likely”"),
        "{err}"
    );
}

#[test]
fn a_key_point_may_say_its_likelihood_and_is_held_to_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.yaml");
    let write = |point: &str| {
        std::fs::write(
            &f,
            format!("title: T\nsummary: Talks resume.\nkey_points:\n  - Plain point.\n  - text: {point}\n    likelihood: very likely\n"),
        )
        .unwrap();
    };
    write("Talks will very likely resume.");
    let o = crate::common::brief(&["check", f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(": ok"), "{err}");
    let o = crate::common::brief(&["print", f.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("• Plain point.\n")
            && out.contains("• Talks will very likely resume. (very likely)"),
        "{out}"
    );
    let o = crate::common::brief(&["export", f.to_str().unwrap(), "--format", "md"]);
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(
        md.contains("Talks will very likely resume. *(very likely)*"),
        "{md}"
    );
    let b = brief::briefing::load_file(&f).unwrap().briefing.unwrap();
    let deck = brief::present::deck::build(&b, &brief::ui::theme::Theme::plain());
    let text = format!("{:?}", deck[1]);
    assert!(
        text.contains("Talks will very likely resume. (very likely)"),
        "{text}"
    );
    let mut app = brief::app::App::new(b);
    app.show_overview();
    let s = crate::common::screen(&mut app, 100, 30);
    assert!(s.contains("likelihood: very likely"), "{s}");
    // Words of another band, a band that is not one, a point with no text.
    write("Talks will probably resume.");
    let o = crate::common::brief(&["check", f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("likelihood-field-mismatch") && err.contains("the key point says “likely”"),
        "{err}"
    );
    std::fs::write(&f, "title: T\nkey_points:\n  - {text: A point., likelihood: maybe}\n  - {likelihood: likely}\n  - {txt: A point.}\n").unwrap();
    let o = crate::common::brief(&["check", f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("allowed: almost no chance, very unlikely"),
        "{err}"
    );
    assert!(
        err.contains("`text`") && err.contains("did you mean `text`?"),
        "{err}"
    );
}
