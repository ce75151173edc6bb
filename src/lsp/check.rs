//! Diagnostics off the message thread: the same load `brief check` makes,
//! run once edits have settled. A newer version of a file makes any older
//! one stale: it is not started, or its result is dropped.

use super::text::{Doc, Encoding};
use crate::briefing::{self, Diagnostic};
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, unbounded};
use lsp_server::{Message, Notification};
use lsp_types as lsp;
use rustc_hash::FxHashMap as HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long edits must pause before a check starts.
pub const SETTLE: Duration = Duration::from_millis(50);

pub struct Job {
    pub uri: lsp::Uri,
    pub path: PathBuf,
    pub text: Arc<str>,
    pub version: i32,
}

#[derive(Clone)]
pub struct Checker {
    jobs: Sender<Job>,
    newest: Arc<Mutex<HashMap<PathBuf, i32>>>,
}

/// A file's outline read on the checker's thread once its check is sent:
/// completion then answers from it without reading a large file again.
pub struct Read {
    pub path: PathBuf,
    pub version: i32,
    pub outline: Arc<super::outline::Outline>,
}

impl Checker {
    pub fn start(out: Sender<Message>, enc: Encoding) -> std::io::Result<(Self, Receiver<Read>)> {
        let (jobs, rx) = unbounded();
        let (read_tx, read_rx) = unbounded();
        let newest: Arc<Mutex<HashMap<PathBuf, i32>>> = Default::default();
        let n = newest.clone();
        crate::threads::spawn("checker", move || work(rx, out, read_tx, enc, n))?;
        Ok((Checker { jobs, newest }, read_rx))
    }

    pub fn submit(&self, job: Job) {
        self.newest
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(job.path.clone(), job.version);
        let _ = self.jobs.send(job);
    }

    /// A closed file: any run under way for it is dropped.
    pub fn forget(&self, path: &PathBuf) {
        self.newest
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(path);
    }
}

fn work(
    rx: Receiver<Job>,
    out: Sender<Message>,
    read: Sender<Read>,
    enc: Encoding,
    newest: Arc<Mutex<HashMap<PathBuf, i32>>>,
) {
    let current = |j: &Job| {
        newest
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&j.path)
            == Some(&j.version)
    };
    while let Ok(first) = rx.recv() {
        let mut pending: Vec<Job> = vec![first];
        // Wait for the edits to settle; a newer job for a file replaces
        // the one waiting.
        loop {
            match rx.recv_timeout(SETTLE) {
                Ok(j) => {
                    pending.retain(|p| p.path != j.path);
                    pending.push(j);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        for job in pending {
            if !current(&job) {
                continue;
            }
            let diags = diagnostics(&job, enc);
            if !current(&job) {
                continue;
            }
            let params = lsp::PublishDiagnosticsParams {
                uri: job.uri.clone(),
                diagnostics: diags,
                version: Some(job.version),
            };
            let n = Notification::new("textDocument/publishDiagnostics".into(), params);
            if out.send(n.into()).is_err() {
                return;
            }
            if rx.is_empty() && current(&job) {
                let outline = Arc::new(super::outline::read(&job.text));
                let _ = read.send(Read {
                    path: job.path,
                    version: job.version,
                    outline,
                });
            }
        }
    }
}

/// What `brief check` reports for the text, as the protocol's diagnostics.
pub fn diagnostics(job: &Job, enc: Encoding) -> Vec<lsp::Diagnostic> {
    if !briefing::load::looks_like_briefing(&job.text) {
        return Vec::new();
    }
    let name = briefing::sanitize::path(&job.path);
    let report = briefing::load_str(&job.text, &name, job.path.clone());
    if report.diagnostics.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(job.text.to_string(), job.version);
    report
        .diagnostics
        .iter()
        .map(|d| convert(d, &doc, &job.uri, enc))
        .collect()
}

pub fn convert(d: &Diagnostic, doc: &Doc, uri: &lsp::Uri, enc: Encoding) -> lsp::Diagnostic {
    let range = |m: &briefing::diagnostic::Mark| {
        doc.range_of_chars(m.line, m.column, m.marked_chars(), enc)
    };
    let mut message = d.message.to_string();
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&h.text());
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .marks
        .iter()
        .skip(1)
        .map(|m| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), range(m)),
            message: if m.label.is_empty() {
                "also here".into()
            } else {
                m.label.to_string()
            },
        })
        .collect();
    lsp::Diagnostic {
        range: d.marks.first().map(range).unwrap_or_default(),
        severity: Some(if d.is_error() {
            lsp::DiagnosticSeverity::ERROR
        } else {
            lsp::DiagnosticSeverity::WARNING
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("brief".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: Some(serde_json::json!({
            "help": d.help.as_ref().map(|h| h.text()),
            "data": d.data.as_deref(),
        })),
        ..Default::default()
    }
}
