//! `brief lsp` as an editor meets it: a child process spoken to in
//! JSON-RPC over its stdin and stdout.

use crate::common::{TIMEOUT, brief_bin, copy_sources};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Instant;

struct Server {
    child: Child,
    stdin: ChildStdin,
    from: Receiver<Value>,
    /// Messages read while waiting for another.
    seen: Vec<Value>,
    next_id: i64,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

impl Server {
    fn start() -> Server {
        Self::start_with(json!({}))
    }

    fn start_with(capabilities: Value) -> Server {
        let mut child = Command::new(brief_bin())
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, from) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let l = line.trim();
                    if l.is_empty() {
                        break;
                    }
                    if let Some(v) = l.strip_prefix("Content-Length:") {
                        len = v.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut s = Server {
            child,
            stdin,
            from,
            seen: Vec::new(),
            next_id: 1,
        };
        let init = s.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        assert!(init["result"]["capabilities"].is_object(), "{init}");
        s.notify("initialized", json!({}));
        s
    }

    fn send_raw(&mut self, raw: &str) {
        self.stdin.write_all(raw.as_bytes()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params}).to_string();
        self.send_raw(&frame(&body));
    }

    /// Sends a request and waits for its answer (the whole response).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let body =
            json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string();
        self.send_raw(&frame(&body));
        self.wait(&format!("the answer to {method}"), |m| m["id"] == json!(id))
    }

    /// The first message (seen before, or coming) for which `want` holds.
    fn wait(&mut self, what: &str, want: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&want) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from.recv_timeout(left) {
                Ok(m) if want(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(_) => panic!("no {what} within {TIMEOUT:?}; seen: {:#?}", self.seen),
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(&format!("diagnostics of {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    fn at(&mut self, method: &str, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character},
                   "context": {"includeDeclaration": true}}),
        )
    }

    fn shutdown(mut self) -> i32 {
        let r = self.request("shutdown", json!(null));
        assert!(r["error"].is_null(), "{r}");
        self.notify("exit", json!(null));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
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
