//! The JSON Schema accepts every example and rejects what `check` rejects
//! for its structure.

use std::path::Path;

fn yaml_to_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    serde_json::to_value(v).unwrap()
}

fn compile() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: serde_json::Value = serde_json::from_str(brief::schema::SCHEMA).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("brief.schema.json", schema).unwrap();
    let idx = compiler.compile("brief.schema.json", &mut schemas).unwrap();
    (schemas, idx)
}

#[test]
fn every_example_validates_against_the_schema() {
    let (schemas, idx) = compile();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "yaml") {
            let text = std::fs::read_to_string(&p).unwrap();
            assert!(
                text.starts_with("# yaml-language-server: $schema="),
                "{} names the schema",
                p.display()
            );
            if let Err(err) = schemas.validate(&yaml_to_json(&p), idx) {
                panic!("{} does not validate: {err}", p.display());
            }
            n += 1;
        }
    }
    assert!(n >= 2);
}

#[test]
fn briefings_that_link_to_other_briefings_validate() {
    let (schemas, idx) = compile();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cross");
    for f in ["region.yaml", "country.yaml", "shared-sources.yaml"] {
        if let Err(err) = schemas.validate(&yaml_to_json(&dir.join(f)), idx) {
            panic!("{f} does not validate: {err}");
        }
    }
}

#[test]
fn the_schema_rejects_what_check_rejects_structurally() {
    let (schemas, idx) = compile();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    for name in [
        "missing-field",
        "unknown-field",
        "wrong-type",
        "bad-value",
        "bad-id",
        "bad-format",
        "not-a-mapping",
    ] {
        let p = dir.join(format!("{name}.yaml"));
        assert!(brief::briefing::load_file(&p).unwrap().errors() > 0);
        assert!(
            schemas.validate(&yaml_to_json(&p), idx).is_err(),
            "the schema accepts {name}.yaml"
        );
    }
}

#[test]
fn brief_schema_prints_the_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

#[test]
fn markings_in_the_schema_match_what_check_accepts() {
    let (schemas, idx) = compile();
    let dir = tempfile::tempdir().unwrap();
    for (text, ok) in [
        ("title: T\nmarking: TLP:AMBER+STRICT\n", true),
        (
            "title: T\nmarking: green\nactors:\n  - {id: a, name: A, marking: Tlp:Red}\n",
            true,
        ),
        ("title: T\nmarking: TLP:WHITE\n", false),
        (
            "title: T\nactors:\n  - {id: a, name: A, marking: purple}\n",
            false,
        ),
    ] {
        let p = dir.path().join("m.yaml");
        std::fs::write(&p, text).unwrap();
        let loads = brief::briefing::load_file(&p).unwrap().errors() == 0;
        assert_eq!(loads, ok, "{text}");
        assert_eq!(
            schemas.validate(&yaml_to_json(&p), idx).is_ok(),
            ok,
            "{text}"
        );
    }
}
