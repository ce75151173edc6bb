//! `brief lsp` as an editor meets it: a child process spoken to in
//! JSON-RPC over its stdin and stdout.

use crate::common::lsp_client::{Server as Client, frame};
use crate::common::{brief_bin, copy_sources};
use serde_json::{Value, json};

/// The client on this build's `brief lsp`.
struct Server;

impl Server {
    fn start() -> Client {
        Client::start(brief_bin())
    }
    fn start_with(capabilities: Value) -> Client {
        Client::start_with(brief_bin(), capabilities)
    }
}

fn uri(path: &std::path::Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

/// The example briefing and its source text in a fresh folder.
fn example_dir() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    copy_sources(dir.path());
    let path = dir.path().join("ttp.yaml");
    let text = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path, text.to_string())
}

/// 0-based line and UTF-16 column of the first `needle` in `text`, plus
/// `shift` characters.
fn pos(text: &str, needle: &str, shift: usize) -> (u32, u32) {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col: usize = text[start..at].encode_utf16().count()
        + needle
            .chars()
            .take(shift)
            .map(char::len_utf16)
            .sum::<usize>();
    (line as u32, col as u32)
}

fn labels(r: &Value) -> Vec<String> {
    r["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|c| c["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn diagnostics_are_exactly_what_check_reports_and_follow_edits() {
    let (dir, path, text) = example_dir();
    let u = uri(&path);
    let mut s = Server::start();
    s.open(&u, &text);
    assert_eq!(
        s.diagnostics(&u, 1),
        Vec::<Value>::new(),
        "the example is clean"
    );
    // Misspell an actor id in a position: an incremental edit of one word.
    let (l, c) = pos(&text, "actor: pakistan\n", 7);
    s.change(
        &u,
        2,
        json!([{"range": {"start": {"line": l, "character": c}, "end": {"line": l, "character": c + 8}}, "text": "pakistn"}]),
    );
    let d = s.diagnostics(&u, 2);
    let edited = text.replacen("actor: pakistan\n", "actor: pakistn\n", 1);
    std::fs::write(dir.path().join("broken.yaml"), &edited).unwrap();
    let check = std::process::Command::new(brief_bin())
        .args(["check", "--format", "json"])
        .arg(dir.path().join("broken.yaml"))
        .output()
        .unwrap();
    let check: Value = serde_json::from_slice(&check.stdout).unwrap();
    let want = check["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), want.len(), "{d:#?}\n{want:#?}");
    for (got, want) in d.iter().zip(want) {
        assert_eq!(got["code"], want["code"]);
        assert!(
            got["message"]
                .as_str()
                .unwrap()
                .starts_with(want["message"].as_str().unwrap())
        );
        assert_eq!(
            got["severity"],
            if want["severity"] == "error" { 1 } else { 2 }
        );
        assert_eq!(
            got["range"]["start"]["line"],
            want["marks"][0]["line"].as_u64().unwrap() - 1
        );
        assert_eq!(got["source"], "brief");
    }
    let here = d
        .iter()
        .find(|d| d["range"]["start"] == json!({"line": l, "character": c}))
        .expect("a finding at the misspelt id");
    assert_eq!(here["code"], "dangling-reference");
    assert!(
        here["message"]
            .as_str()
            .unwrap()
            .contains("help: did you mean `pakistan`?")
    );
    // The fix the help names is offered and puts the id right.
    let actions = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": here["range"], "context": {"diagnostics": [here]}}),
    );
    let fix = &actions["result"][0];
    assert_eq!(fix["title"], "Change to `pakistan`");
    assert_eq!(fix["edit"]["changes"][&u][0]["newText"], "pakistan");
    // Back to the right id: the findings clear.
    s.change(&u, 3, json!([{"text": text}]));
    assert!(s.diagnostics(&u, 3).is_empty());
    assert_eq!(s.shutdown(), 0);
}

/// `text` with the protocol's edits made (UTF-16 positions), last first.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let (line, ch) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let l = text[start..].split('\n').next().unwrap_or("");
        let mut units = 0;
        for (b, c) in l.char_indices() {
            if units >= ch {
                return start + b;
            }
            units += c.len_utf16();
        }
        start + l.len()
    };
    let mut e: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    e.sort_by_key(|x| std::cmp::Reverse(x.0));
    let mut out = text.to_string();
    for (a, z, t) in e {
        out.replace_range(a..z, &t);
    }
    out
}

/// The edits of the code action titled `title` offered for `range` with
/// these findings.
fn action_edits(s: &mut Client, u: &str, range: &Value, diags: Value, title: &str) -> Vec<Value> {
    let r = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": range, "context": {"diagnostics": diags}}),
    );
    let a = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no {title:?} in {r:#}"));
    a["edit"]["changes"][u].as_array().unwrap().clone()
}

/// An empty range at a line and column.
fn at(l: u32, c: u32) -> Value {
    json!({"start": {"line": l, "character": c}, "end": {"line": l, "character": c}})
}

fn check_json(path: &std::path::Path) -> Value {
    let out = std::process::Command::new(brief_bin())
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn completion_offers_what_fits_where_the_caret_is() {
    let (_dir, path, text) = example_dir();
    let u = uri(&path);
    let mut s = Server::start();
    s.open(&u, &text);
    // An actor id where a position names its actor: actors only.
    let (l, c) = pos(&text, "actor: pakistan\n", 9);
    let got = labels(&s.at("textDocument/completion", &u, l, c));
    assert!(
        got.contains(&"pakistan".to_string()) && got.contains(&"ttp".to_string()),
        "{got:?}"
    );
    assert!(
        !got.contains(&"article".to_string()) && !got.contains(&"verifiable-action".to_string())
    );
    let r = s.at("textDocument/completion", &u, l, c);
    let pk = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "pakistan")
        .unwrap();
    assert_eq!(pk["detail"], "actor — Pakistan");
    // The edit replaces the word typed so far.
    assert_eq!(pk["textEdit"]["range"]["start"]["character"], c - 2);
    // A fixed set of values.
    let (l, c) = pos(&text, "alignment: oppose", 11);
    assert_eq!(
        labels(&s.at("textDocument/completion", &u, l, c)),
        ["support", "oppose", "mixed", "neutral", "unclear"]
    );
    let (l, c) = pos(&text, "reliability: C", 13);
    let r = s.at("textDocument/completion", &u, l, c);
    assert_eq!(r["result"][1]["label"], "B");
    assert_eq!(r["result"][1]["detail"], "usually reliable");
    // A locator offers the source's paragraphs with their first words.
    let (l, c) = pos(&text, "locator: \"¶8\"", 9);
    let r = s.at("textDocument/completion", &u, l, c);
    let article = std::fs::read_to_string(
        path.parent()
            .unwrap()
            .join("sources/pakistan-afghanistan-ttp.txt"),
    )
    .unwrap();
    let paras: Vec<&str> = article
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let items = r["result"].as_array().unwrap();
    assert_eq!(items.len(), paras.len());
    assert_eq!(items[1]["label"], "¶2");
    assert!(
        paras[1].starts_with(items[1]["detail"].as_str().unwrap().trim_end_matches('…')),
        "{}",
        items[1]["detail"]
    );
    assert_eq!(items[1]["textEdit"]["newText"], "\"¶2\"");
    // A quote offers the sentences of the paragraph its locator names.
    let (l, c) = pos(&text, "locator: \"¶11\", quote: \"", 23);
    let got = labels(&s.at("textDocument/completion", &u, l, c));
    assert!(
        got.iter().any(|g| g.contains("terrorist incidents")),
        "{got:?}"
    );
    // A field name where a key goes, with its line of help.
    let edited = text.replacen(
        "    confidence: high\n",
        "    confidence: high\n    rat\n",
        1,
    );
    s.change(&u, 2, json!([{"text": edited}]));
    let (l, c) = pos(&edited, "    rat\n", 7);
    let r = s.at("textDocument/completion", &u, l, c);
    let rat = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "rationale")
        .expect("rationale offered");
    assert_eq!(
        rat["detail"],
        "Why the briefing is as sure as `confidence` says."
    );
    assert_eq!(rat["textEdit"]["newText"], "rationale: ");
    // A link in text: every id, and the folder's other briefings.
    std::fs::write(
        path.parent().unwrap().join("other.yaml"),
        "title: Other\nactors:\n  - {id: envoy, name: The envoy}\n",
    )
    .unwrap();
    let edited = text.replacen(
        "  Tehreek-e-Taliban Pakistan ([[ttp|TTP]])",
        "  Tehreek-e-Taliban Pakistan ([[pak",
        1,
    );
    s.change(&u, 3, json!([{"text": edited}]));
    let (l, c) = pos(&edited, "([[pak", 6);
    let got = labels(&s.at("textDocument/completion", &u, l, c));
    assert!(
        got.contains(&"pakistan".to_string()) && got.contains(&"other.yaml#".to_string()),
        "{got:?}"
    );
    let edited = edited.replacen("([[pak", "([[other.yaml#", 1);
    s.change(&u, 4, json!([{"text": edited}]));
    let (l, c) = pos(&edited, "([[other.yaml#", 14);
    assert_eq!(
        labels(&s.at("textDocument/completion", &u, l, c)),
        ["other.yaml#envoy"]
    );
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn hover_explains_ids_citations_dates_and_grades() {
    let (_dir, path, text) = example_dir();
    let u = uri(&path);
    let mut s = Server::start();
    s.open(&u, &text);
    let hover = |s: &mut Client, needle: &str, shift: usize| {
        let (l, c) = pos(&text, needle, shift);
        let r = s.at("textDocument/hover", &u, l, c);
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert!(hover(&mut s, "actor: pakistan\n", 9).starts_with("**actor** `pakistan` — Pakistan"));
    let pos_hover = hover(&mut s, "[[pakistan-on-verifiable-action", 4);
    assert!(
        pos_hover.contains("**position**") && pos_hover.contains("alignment: oppose"),
        "{pos_hover}"
    );
    // A citation: the passage, the quote in bold.
    let h = hover(&mut s, "locator: \"¶11\", quote", 2);
    assert!(h.starts_with("`article` ¶11"), "{h}");
    assert!(h.contains("**terrorist incidents that they believe have links to networks operating from across the border**"), "{h}");
    let h = hover(&mut s, "reliability: C", 13);
    assert_eq!(h, "C3: fairly reliable, possibly true");
    let h = hover(&mut s, "alignment: oppose", 2);
    assert!(h.starts_with("`alignment`: support, oppose"), "{h}");
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn definition_references_and_rename_span_the_folder() {
    let (dir, path, text) = example_dir();
    let other = dir.path().join("other.yaml");
    let other_text = "title: Other\nsummary: Islamabad ([[ttp.yaml#pakistan]]) said so.\n";
    std::fs::write(&other, other_text).unwrap();
    let (u, ou) = (uri(&path), uri(&other));
    let mut s = Server::start();
    s.open(&u, &text);
    let (def_line, def_col) = pos(&text, "- id: pakistan\n", 6);
    // From a use to the item.
    let (l, c) = pos(&text, "actor: pakistan\n", 9);
    let d = s.at("textDocument/definition", &u, l, c);
    assert_eq!(d["result"]["uri"], u);
    assert_eq!(
        d["result"]["range"]["start"],
        json!({"line": def_line, "character": def_col})
    );
    // From another briefing's link, read from disk.
    s.open(&ou, other_text);
    let (l, c) = pos(other_text, "ttp.yaml#pakistan", 12);
    let d = s.at("textDocument/definition", &ou, l, c);
    assert_eq!(d["result"]["uri"], u);
    assert_eq!(d["result"]["range"]["start"]["line"], def_line);
    // From a citation to its paragraph in the source's text file.
    let (l, c) = pos(&text, "locator: \"¶11\"", 3);
    let d = s.at("textDocument/definition", &u, l, c);
    assert!(
        d["result"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("sources/pakistan-afghanistan-ttp.txt"),
        "{d}"
    );
    let article =
        std::fs::read_to_string(dir.path().join("sources/pakistan-afghanistan-ttp.txt")).unwrap();
    let line = d["result"]["range"]["start"]["line"].as_u64().unwrap() as usize;
    let para11 = article.split("\n\n").nth(10).unwrap();
    assert_eq!(
        article.lines().nth(line).unwrap(),
        para11.lines().next().unwrap()
    );
    // Every use, in both files.
    let r = s.at("textDocument/references", &u, def_line, def_col + 1);
    let refs = r["result"].as_array().unwrap();
    let in_other = refs.iter().filter(|r| r["uri"] == ou).count();
    let uses = text.matches("pakistan]").count()
        + text.matches("pakistan,").count()
        + text.matches(": pakistan\n").count()
        + text.matches("[pakistan").count();
    assert_eq!(in_other, 1);
    assert!(refs.len() > 6, "{refs:#?} ({uses} written)");
    // Rename: one workspace edit over both files; the position named by
    // its actor follows.
    let r = s.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": u}, "position": {"line": def_line, "character": def_col}, "newName": "islamabad"}),
    );
    let changes = &r["result"]["changes"];
    let renamed = apply(&text, changes[&u].as_array().unwrap());
    let renamed_other = apply(other_text, changes[&ou].as_array().unwrap());
    assert_eq!(
        renamed_other,
        "title: Other\nsummary: Islamabad ([[ttp.yaml#islamabad]]) said so.\n"
    );
    assert!(renamed.contains("[[islamabad-on-verifiable-action|"));
    assert!(!renamed.contains("pakistan]") && !renamed.contains("actor: pakistan\n"));
    std::fs::write(&path, &renamed).unwrap();
    std::fs::write(&other, &renamed_other).unwrap();
    for f in [&path, &other] {
        let j = check_json(f);
        assert_eq!(j["errors"], 0, "{j}");
    }
    // A clash, and a name that is not an id, are refused with a reason.
    let r = s.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": u}, "position": {"line": def_line, "character": def_col}, "newName": "ttp"}),
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`ttp` is already the id"),
        "{r}"
    );
    let r = s.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": u}, "position": {"line": def_line, "character": def_col}, "newName": "Two Words"}),
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("is not an id"),
        "{r}"
    );
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn symbols_outline_the_briefing_and_the_folder() {
    let (dir, path, text) = example_dir();
    std::fs::write(
        dir.path().join("other.yaml"),
        "title: Other\ntimeline:\n  - {id: urumqi-round-two, title: Second round, date: 2026}\n",
    )
    .unwrap();
    let u = uri(&path);
    let mut s = Server::start();
    s.open(&u, &text);
    let r = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    let groups: Vec<(String, usize)> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap().to_string(),
                g["children"].as_array().unwrap().len(),
            )
        })
        .collect();
    let count = |list: &str| {
        let b: Value =
            serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(&text).unwrap())
                .unwrap();
        b[list].as_array().map_or(0, Vec::len)
    };
    for (name, n) in &groups {
        assert_eq!(*n, count(name), "{name}");
    }
    assert_eq!(groups.len(), 5);
    let r = s.request("workspace/symbol", json!({"query": "urumqi"}));
    let names: Vec<&str> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("urumqi-talks")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.starts_with("urumqi-round-two")),
        "{names:?}"
    );
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn the_fixes_of_evidence_findings_make_check_pass() {
    let (dir, path, text) = example_dir();
    let u = uri(&path);
    // A quote cited to the wrong paragraph, one with a gap left unmarked,
    // and a quote that is not the source's words.
    let wrong_locator = text.replacen(
        "locator: \"¶11\", quote: \"terrorist incidents",
        "locator: \"¶10\", quote: \"terrorist incidents",
        1,
    );
    let mut s = Server::start();
    for (n, seeded, fix) in [
        (1, wrong_locator, "Write `locator: \"¶11\"`"),
        (
            2,
            text.replacen("quote: \"Islamabad views such assurances as insufficient in the absence of tangible measures\"", "quote: \"Islamabad views such assurances as insufficient in the absence of meaningful changes on the ground\"", 1),
            "Mark the gap with …",
        ),
        (
            3,
            text.replacen("quote: \"Pakistan’s concern has never been", "quote: \"Pakistan’s concern has always been", 1),
            "Quote ¶5 as written",
        ),
    ] {
        let u = format!("{u}{n}.yaml");
        let p = dir.path().join(format!("ttp.yaml{n}.yaml"));
        std::fs::write(&p, &seeded).unwrap();
        s.open(&u, &seeded);
        let d = s.diagnostics(&u, 1);
        assert!(!d.is_empty(), "{fix}: no finding");
        let edits = action_edits(&mut s, &u, &d[0]["range"], json!(d), fix);
        let fixed = apply(&seeded, &edits);
        std::fs::write(&p, &fixed).unwrap();
        let j = check_json(&p);
        assert_eq!(j["diagnostics"], json!([]), "{fix}: {fixed}");
    }
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn bad_messages_get_errors_and_the_server_keeps_serving() {
    let (_dir, path, text) = example_dir();
    let u = uri(&path);
    let mut s = Server::start();
    s.send_raw(&frame("{not json"));
    let e = s.wait("a parse error", |m| m["error"]["code"] == -32700);
    assert!(e["id"].is_null());
    s.send_raw(&frame(r#"{"jsonrpc":"2.0","id":77,"params":{}}"#));
    let e = s.wait("an invalid request", |m| m["id"] == 77);
    assert_eq!(e["error"]["code"], -32600);
    let r = s.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u}}),
    );
    assert_eq!(r["error"]["code"], -32601);
    let r = s.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(r["error"]["code"], -32602);
    // A YAML file that is not a briefing is left alone.
    let plain = uri(&path.with_file_name("ci.yaml"));
    s.open(&plain, "jobs:\n  build: {runs-on: x}\n");
    assert!(s.diagnostics(&plain, 1).is_empty());
    let r = s.at("textDocument/completion", &plain, 1, 4);
    assert!(r["result"].is_null(), "{r}");
    // Still serving: a wide character before an id counts in UTF-16.
    let wide = text.replacen(
        "    stance: Officials say",
        "    x-note: \"é𝄞\"\n    stance: Officials say",
        1,
    );
    s.open(&u, &wide);
    assert!(s.diagnostics(&u, 1).is_empty());
    let line = wide.lines().position(|l| l.contains("x-note")).unwrap();
    let bad = wide.replacen("x-note: \"é𝄞\"", "x-note: \"é𝄞\", actr: 1", 1);
    let _ = (line, bad);
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn positions_count_utf16_units_unless_the_client_takes_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.yaml");
    // `é` is one UTF-16 unit and two bytes; `𝄞` two units and four bytes.
    let text = "title: T\nactors:\n  - {id: a, name: \"é𝄞\", part_of: [zz]}\n";
    std::fs::write(&path, text).unwrap();
    let u = uri(&path);
    for (caps, col) in [
        (
            json!({}),
            "  - {id: a, name: \"é𝄞\", part_of: ["
                .encode_utf16()
                .count(),
        ),
        (
            json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
            "  - {id: a, name: \"é𝄞\", part_of: [".len(),
        ),
    ] {
        let mut s = Server::start_with(caps);
        s.open(&u, text);
        let d = s.diagnostics(&u, 1);
        assert_eq!(d[0]["code"], "dangling-reference", "{d:#?}");
        assert_eq!(d[0]["range"]["start"], json!({"line": 2, "character": col}));
        assert_eq!(
            d[0]["range"]["end"],
            json!({"line": 2, "character": col + 2})
        );
        assert_eq!(s.shutdown(), 0);
    }
}

#[test]
fn saving_a_source_text_rechecks_the_briefings_that_read_it() {
    let (dir, path, text) = example_dir();
    let u = uri(&path);
    let mut s = Server::start();
    s.open(&u, &text);
    assert!(s.diagnostics(&u, 1).is_empty());
    // The article loses the words a quote cites, and is saved.
    let txt = crate::common::drop_quoted_words(dir.path());
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&txt)}}),
    );
    let d = s.diagnostics(&u, 1);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["code"], "quote-not-found");
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn a_burst_of_edits_is_checked_once_it_settles() {
    let (_dir, path, text) = example_dir();
    let u = uri(&path);
    let mut s = Server::start();
    s.open(&u, &text);
    for v in 2..=31 {
        let t = text.replacen("title: Pakistan,", &format!("title: Pakistan {v},"), 1);
        s.change(&u, v, json!([{"text": t}]));
    }
    let last = s.diagnostics(&u, 31);
    assert!(last.is_empty());
    let published = s
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert!(
        published < 15,
        "{published} of 30 superseded versions were checked"
    );
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn random_edits_never_bring_the_server_down() {
    let (_dir, path, text) = example_dir();
    let u = uri(&path);
    let mut s = Server::start();
    s.open(&u, &text);
    let mut doc = text.clone();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let pieces = [
        "", ":", "\n", "- ", "[[", "{", "\"", "é𝄞", "¶", "id: x", "  ",
    ];
    for v in 2..=41 {
        let lines: Vec<&str> = doc.split('\n').collect();
        let line = next(lines.len());
        let width = lines[line].encode_utf16().count();
        let (a, b) = (next(width + 1), next(width + 1));
        let (a, b) = (a.min(b), a.max(b));
        let piece = pieces[next(pieces.len())];
        let edit = json!({"range": {"start": {"line": line, "character": a}, "end": {"line": line, "character": b}}, "text": piece});
        doc = apply(&doc, &[json!({"range": edit["range"], "newText": piece})]);
        s.change(&u, v, json!([edit]));
    }
    let d = s.diagnostics(&u, 41);
    let lines: Vec<&str> = doc.split('\n').collect();
    for x in &d {
        for end in ["start", "end"] {
            let p = &x["range"][end];
            let l = p["line"].as_u64().unwrap() as usize;
            assert!(l < lines.len(), "{x}");
            assert!(
                p["character"].as_u64().unwrap() as usize <= lines[l].encode_utf16().count(),
                "{x}"
            );
        }
    }
    let r = s.at("textDocument/hover", &u, 2, 3);
    assert!(r["error"].is_null());
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn the_fixes_name_the_right_source_and_the_originator() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.yaml");
    let text = "title: T\nactors:\n  - id: minister\n    name: The minister\nissues:\n  - id: talks\n    title: Talks\npositions:\n  - actor: minister\n    issue: talks\n    stance: The minister says talks will resume in May.\n    sources:\n      - source: wire\n        locator: \"¶1\"\n        quote: \"talks would resume in May\"\nsources:\n  - id: wire\n    title: Wire\n    text: |\n      The minister told Reuters that the border would stay open.\n  - id: paper\n    title: Paper\n    text: |\n      Officials said talks would resume in May.\n";
    std::fs::write(&path, text).unwrap();
    let u = uri(&path);
    let mut s = Server::start();
    s.open(&u, text);
    let d = s.diagnostics(&u, 1);
    let codes: Vec<&str> = d.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(
        codes.contains(&"quote-other-source") && codes.contains(&"via-suggested"),
        "{codes:?}"
    );
    let mut fixed = text.to_string();
    for (code, title) in [
        ("quote-other-source", "Cite `paper` ¶1"),
        ("via-suggested", "Add `via: \"Reuters\"`"),
    ] {
        let one = d.iter().find(|d| d["code"] == code).unwrap();
        // The two fixes touch different lines: made one after the other.
        let edits = action_edits(&mut s, &u, &one["range"], json!([one]), title);
        fixed = apply(&fixed, &edits);
        std::fs::write(&path, &fixed).unwrap();
        let v = if code == "via-suggested" { 3 } else { 2 };
        s.change(&u, v, json!([{"text": fixed}]));
        let _ = s.diagnostics(&u, v);
    }
    assert!(
        fixed.contains("      - source: paper\n        locator: \"¶1\"\n"),
        "{fixed}"
    );
    assert!(
        fixed.contains("  - id: wire\n    via: \"Reuters\"\n    title: Wire\n"),
        "{fixed}"
    );
    let j = check_json(&path);
    let left: Vec<&str> = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        !left.contains(&"quote-other-source") && !left.contains(&"via-suggested"),
        "{left:?}"
    );
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn before_initialize_requests_are_refused_and_exit_without_shutdown_fails() {
    let mut s = Client::spawn(brief_bin());
    let r = s.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    let r = s.request("initialize", json!({"capabilities": {}}));
    let caps = &r["result"]["capabilities"];
    for c in [
        "completionProvider",
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "codeActionProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
    ] {
        assert!(!caps[c].is_null(), "{c} in {caps}");
    }
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental");
    s.notify("exit", json!(null));
    let deadline = std::time::Instant::now() + crate::common::TIMEOUT;
    let code = loop {
        if let Some(c) = s.child.try_wait().unwrap() {
            break c.code();
        }
        assert!(std::time::Instant::now() < deadline);
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(code, Some(1), "exit before shutdown is an error");
}

#[test]
fn dates_read_in_words_and_a_citation_is_added_where_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.yaml");
    let text = "title: T\ntimeline:\n  - id: e\n    title: Talks\n    date: 2026-03-14T06:15Z/2026-03-14T07:02Z\n  - id: f\n    title: Later\n    date: 2026-04?\nsources:\n  - id: wire\n    title: Wire\n    text: |\n      Talks began in March.\n\n      They ended in April.\n";
    std::fs::write(&path, text).unwrap();
    let u = uri(&path);
    let mut s = Server::start();
    s.open(&u, text);
    let hover = |s: &mut Client, needle: &str| {
        let (l, c) = pos(text, needle, 8);
        s.at("textDocument/hover", &u, l, c)["result"]["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let h = hover(&mut s, "date: 2026-03-14T06");
    assert!(
        h.contains("14 Mar 2026") && h.contains("an interval"),
        "{h}"
    );
    let h = hover(&mut s, "date: 2026-04?");
    assert!(h.contains("Apr 2026") && h.contains("(uncertain)"), "{h}");
    // "Cite `wire` here" on the event, then the locator offers ¶1 and ¶2.
    let (l, c) = pos(text, "title: Later", 2);
    let title = "Cite `wire` here (then pick its paragraph)";
    let edits = action_edits(&mut s, &u, &at(l, c), json!([]), title);
    let cited = apply(text, &edits);
    assert!(
        cited.contains(
            "    date: 2026-04?\n    sources:\n      - source: wire\n        locator: \"¶1\"\n"
        ),
        "{cited}"
    );
    s.change(&u, 2, json!([{"text": cited}]));
    let (l, c) = pos(&cited, "locator: \"¶1\"", 9);
    assert_eq!(
        labels(&s.at("textDocument/completion", &u, l, c)),
        ["¶1", "¶2"]
    );
    // A list of sources written on one line takes one more at its end.
    let flow = cited.replacen(
        "    sources:\n      - source: wire\n        locator: \"¶1\"\n",
        "    sources: [wire]\n",
        1,
    );
    s.change(&u, 3, json!([{"text": flow}]));
    let (l, c) = pos(&flow, "title: Later", 2);
    let title = "Cite `wire` here (then pick its paragraph)";
    let edits = action_edits(&mut s, &u, &at(l, c), json!([]), title);
    let cited = apply(&flow, &edits);
    assert!(
        cited.contains("    sources: [wire, {source: wire, locator: \"¶1\"}]\n"),
        "{cited}"
    );
    assert_eq!(s.shutdown(), 0);
}

/// With no thread to be had the server says so and exits, never panics.
#[test]
fn a_thread_the_system_refuses_ends_the_server_with_a_message() {
    let out = std::process::Command::new(brief_bin())
        .arg("lsp")
        .env("BRIEF_DEBUG_NO_THREADS", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("brief runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("brief lsp: no thread for lsp writer: BRIEF_DEBUG_NO_THREADS is set"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}
