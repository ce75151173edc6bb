//! `brief lsp`: a language server for briefings over stdio. Diagnostics are
//! exactly `brief check`'s, run off the message thread; completion, hover,
//! go to definition, references, rename, code actions and symbols read the
//! open text and the briefings beside it.

mod actions;
mod check;
mod complete;
mod context;
mod fields;
mod folder;
mod hover;
mod navigate;
mod outline;
#[cfg(test)]
mod tests;
mod text;
mod transport;

use check::{Checker, Job};
use lsp_server::{Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use outline::Outline;
use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use text::{Doc, Encoding};

/// An open document, with what requests read of it made once per version.
struct Open {
    uri: lsp::Uri,
    doc: Doc,
    outline: Option<Arc<Outline>>,
    /// The outline of an earlier version: its ids serve completion while
    /// the current version's is not read yet.
    earlier: Option<Arc<Outline>>,
    /// The lines edited since `earlier` was read, when no edit added or
    /// removed a line: elsewhere its places still hold.
    touched: Option<Vec<u32>>,
    briefing: Option<bool>,
}

impl Open {
    fn outline(&mut self) -> Arc<Outline> {
        self.outline
            .get_or_insert_with(|| Arc::new(outline::read(&self.doc.text)))
            .clone()
    }
    fn is_briefing(&mut self) -> bool {
        *self
            .briefing
            .get_or_insert_with(|| crate::briefing::load::looks_like_briefing(&self.doc.text))
    }
}

/// Texts larger than this may be answered from an earlier outline.
const STALE_FROM: usize = 1 << 20;

/// Whether a request may be answered from an earlier version's outline.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stale {
    No,
    /// For its ids only (completion): its places are not used.
    Ids,
    /// When line `n` was not edited since, and no line was added or taken.
    Line(u32),
}

/// What a request about one document sees.
pub struct Here<'a> {
    pub path: &'a Path,
    pub uri: &'a lsp::Uri,
    pub doc: &'a Doc,
    pub outline: &'a Arc<Outline>,
    /// Whether `outline` was read from this version of the text (else its
    /// places may have moved; its ids hold).
    pub fresh: bool,
    pub enc: Encoding,
}

struct Server {
    out: crossbeam_channel::Sender<Message>,
    enc: Encoding,
    docs: HashMap<PathBuf, Open>,
    disk: folder::Disk,
    roots: Vec<PathBuf>,
    checker: Checker,
    shutting_down: bool,
}

pub fn run() -> ExitCode {
    let (conn, threads) = match transport::stdio() {
        Ok(started) => started,
        Err(e) => {
            eprintln!("brief lsp: {e}");
            return ExitCode::from(1);
        }
    };
    let code = serve(conn);
    threads.join();
    code
}

fn serve(conn: lsp_server::Connection) -> ExitCode {
    // Before `initialize`, a request is answered "not initialized" and a
    // notification dropped, as the protocol says.
    let (id, params) = loop {
        match conn.receiver.recv() {
            Err(_) => return ExitCode::from(1),
            Ok(Message::Request(r)) if r.method == "initialize" => break (r.id, r.params),
            Ok(Message::Request(r)) => {
                let _ = conn.sender.send(
                    Response::new_err(r.id, -32002, "the server is not initialized yet".into())
                        .into(),
                );
            }
            Ok(Message::Notification(n)) if n.method == "exit" => return ExitCode::from(1),
            Ok(_) => {}
        }
    };
    let init: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let utf8 = init
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
    let enc = if utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let mut roots: Vec<PathBuf> = init
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| path_of(&f.uri))
        .collect();
    #[allow(deprecated)]
    if roots.is_empty()
        && let Some(p) = init.root_uri.as_ref().and_then(path_of)
    {
        roots.push(p);
    }
    let result = serde_json::json!({
        "capabilities": capabilities(enc),
        "serverInfo": {"name": "brief", "version": env!("CARGO_PKG_VERSION")},
    });
    if conn
        .sender
        .send(Response::new_ok(id, result).into())
        .is_err()
    {
        return ExitCode::from(1);
    }
    let (checker, outlines) = match Checker::start(conn.sender.clone(), enc) {
        Ok(started) => started,
        Err(e) => {
            // No thread to check on: nothing could be answered.
            eprintln!("brief lsp: {e}");
            return ExitCode::from(1);
        }
    };
    let mut s = Server {
        checker,
        out: conn.sender.clone(),
        enc,
        docs: HashMap::default(),
        disk: folder::Disk::default(),
        roots,
        shutting_down: false,
    };
    loop {
        let msg = crossbeam_channel::select! {
            recv(conn.receiver) -> m => match m {
                Ok(m) => m,
                Err(_) => break,
            },
            recv(outlines) -> r => {
                if let Ok(r) = r
                    && let Some(o) = s.docs.get_mut(&r.path)
                {
                    if o.doc.version == r.version && o.outline.is_none() {
                        o.outline = Some(r.outline.clone());
                        o.touched = Some(Vec::new());
                    }
                    o.earlier = Some(r.outline);
                }
                continue;
            }
        };
        match msg {
            Message::Request(r) => {
                let resp = s.request(r);
                let _ = s.out.send(resp.into());
            }
            Message::Notification(n) if n.method == "exit" => {
                return if s.shutting_down {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                };
            }
            Message::Notification(n) => s.notification(n),
            Message::Response(_) => {}
        }
    }
    ExitCode::from(1)
}

fn capabilities(enc: Encoding) -> lsp::ServerCapabilities {
    use lsp::*;
    ServerCapabilities {
        position_encoding: Some(match enc {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["[", "#", ":", " ", "-", "¶"].map(String::from).to_vec()),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

pub fn path_of(uri: &lsp::Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

pub fn uri_of(path: &Path) -> Option<lsp::Uri> {
    url::Url::from_file_path(path).ok()?.as_str().parse().ok()
}

/// A request's answer, or an error the client can show.
type Answer = Result<serde_json::Value, (i32, String)>;

fn params<P: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<P, (i32, String)> {
    serde_json::from_value(v).map_err(|e| (-32602, format!("invalid params: {e}")))
}

fn ok(v: impl serde::Serialize) -> Answer {
    Ok(serde_json::to_value(v).unwrap_or_default())
}

impl Server {
    fn request(&mut self, r: Request) -> Response {
        let id: RequestId = r.id.clone();
        let answer = if self.shutting_down {
            Err((-32600, "the server is shutting down".to_string()))
        } else {
            self.answer(r)
        };
        match answer {
            Ok(v) => Response::new_ok(id, v),
            Err((code, message)) => Response::new_err(id, code, message),
        }
    }

    fn answer(&mut self, r: Request) -> Answer {
        use lsp::*;
        match r.method.as_str() {
            "shutdown" => {
                self.shutting_down = true;
                ok(())
            }
            "textDocument/completion" => {
                let p: CompletionParams = params(r.params)?;
                let at = p.text_document_position;
                let found = self.with_folder(&at.text_document.uri, Stale::Ids, |h, f| {
                    complete::complete(h, f, at.position)
                });
                ok(found)
            }
            "textDocument/hover" => {
                let p: HoverParams = params(r.params)?;
                let at = p.text_document_position_params;
                let stale = Stale::Line(at.position.line);
                let found = self.with_outline(&at.text_document.uri, stale, |h| {
                    hover::hover(h, at.position)
                });
                ok(found.flatten())
            }
            "textDocument/definition" => {
                let p: GotoDefinitionParams = params(r.params)?;
                let at = p.text_document_position_params;
                let found = self.with_folder(&at.text_document.uri, Stale::No, |h, f| {
                    navigate::definition(h, f, at.position)
                });
                ok(found.flatten())
            }
            "textDocument/references" => {
                let p: ReferenceParams = params(r.params)?;
                let at = p.text_document_position;
                let found = self.with_folder(&at.text_document.uri, Stale::No, |h, f| {
                    navigate::references(h, f, at.position, p.context.include_declaration)
                });
                ok(found.flatten())
            }
            "textDocument/prepareRename" => {
                let p: TextDocumentPositionParams = params(r.params)?;
                let found = self.with(&p.text_document.uri, |h| {
                    navigate::prepare_rename(h, p.position)
                });
                match found.flatten() {
                    Some(Ok(range)) => ok(range),
                    Some(Err(why)) => Err((-32803, why)),
                    None => ok(()),
                }
            }
            "textDocument/rename" => {
                let p: RenameParams = params(r.params)?;
                let at = p.text_document_position;
                let found = self.with_folder(&at.text_document.uri, Stale::No, |h, f| {
                    navigate::rename(h, f, at.position, &p.new_name)
                });
                match found {
                    Some(Ok(edit)) => ok(edit),
                    Some(Err(why)) => Err((-32803, why)),
                    None => Err((-32803, "this file is not an open briefing".into())),
                }
            }
            "textDocument/codeAction" => {
                let p: CodeActionParams = params(r.params)?;
                ok(self.with(&p.text_document.uri, |h| actions::actions(h, &p)))
            }
            "textDocument/documentSymbol" => {
                let p: DocumentSymbolParams = params(r.params)?;
                ok(self.with(&p.text_document.uri, navigate::document_symbols))
            }
            "workspace/symbol" => {
                let p: WorkspaceSymbolParams = params(r.params)?;
                ok(self.workspace_symbols(&p.query))
            }
            m => Err((-32601, format!("brief does not handle `{m}`"))),
        }
    }

    /// Runs `f` on an open briefing; `None` for any other document.
    fn with<T>(&mut self, uri: &lsp::Uri, f: impl FnOnce(&Here) -> T) -> Option<T> {
        self.with_outline(uri, Stale::No, f)
    }

    /// [`Self::with`], content with an earlier version's outline when the
    /// current one is not read yet (reading a large file's takes longer
    /// than completion may).
    fn with_outline<T>(
        &mut self,
        uri: &lsp::Uri,
        stale: Stale,
        f: impl FnOnce(&Here) -> T,
    ) -> Option<T> {
        let path = path_of(uri)?;
        let enc = self.enc;
        let open = self.docs.get_mut(&path)?;
        if !open.is_briefing() {
            return None;
        }
        // A briefing under a megabyte reads its outline in a few
        // milliseconds: it is always read fresh.
        let large = open.doc.text.len() > STALE_FROM;
        let usable = large
            && match stale {
                Stale::No => false,
                Stale::Ids => true,
                Stale::Line(l) => open.touched.as_ref().is_some_and(|t| !t.contains(&l)),
            };
        let (outline, fresh) = match (&open.outline, &open.earlier) {
            (None, Some(e)) if usable => (e.clone(), stale != Stale::Ids),
            _ => (open.outline(), true),
        };
        let here = Here {
            path: &path,
            uri: &open.uri,
            doc: &open.doc,
            outline: &outline,
            fresh,
            enc,
        };
        Some(f(&here))
    }

    /// [`Self::with_outline`], also given the briefings of the file's
    /// folder (their outlines as stale as `stale` allows).
    fn with_folder<T>(
        &mut self,
        uri: &lsp::Uri,
        stale: Stale,
        f: impl FnOnce(&Here, &[folder::Member]) -> T,
    ) -> Option<T> {
        let path = path_of(uri)?;
        let dir = path.parent()?.to_path_buf();
        let except = (stale == Stale::Ids).then_some(path.as_path());
        let members = self.members(&dir, except, stale);
        self.with_outline(uri, stale, |h| f(h, &members))
    }

    /// The briefings of `dir`; the one at `except` (the document a
    /// request is about, which the request reads itself) is left out.
    fn members(&mut self, dir: &Path, except: Option<&Path>, stale: Stale) -> Vec<folder::Member> {
        let mut open: HashMap<PathBuf, (Arc<str>, Arc<Outline>)> = HashMap::default();
        for (p, o) in self.docs.iter_mut() {
            if p.parent() != Some(dir) || Some(p.as_path()) == except || !o.is_briefing() {
                continue;
            }
            let outline = match (&o.outline, &o.earlier) {
                (None, Some(e)) if stale == Stale::Ids && o.doc.text.len() > STALE_FROM => {
                    e.clone()
                }
                _ => o.outline(),
            };
            open.insert(p.clone(), (o.doc.text.as_str().into(), outline));
        }
        let mut found = folder::members(dir, &open, &mut self.disk);
        found.retain(|m| Some(m.path.as_path()) != except);
        found
    }

    fn workspace_symbols(&mut self, query: &str) -> Vec<lsp::SymbolInformation> {
        let mut dirs: Vec<PathBuf> = self.roots.clone();
        for p in self.docs.keys() {
            if let Some(d) = p.parent()
                && !dirs.iter().any(|x| x == d)
            {
                dirs.push(d.to_path_buf());
            }
        }
        let mut out = Vec::new();
        for d in dirs {
            for m in self.members(&d, None, Stale::No) {
                out.extend(navigate::symbols_matching(&m, query, self.enc));
            }
        }
        out
    }

    fn notification(&mut self, n: Notification) {
        use lsp::*;
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                let Some(path) = path_of(&p.text_document.uri) else {
                    return;
                };
                let d = p.text_document;
                self.docs.insert(
                    path.clone(),
                    Open {
                        uri: d.uri,
                        doc: Doc::new(d.text, d.version),
                        outline: None,
                        earlier: None,
                        touched: None,
                        briefing: None,
                    },
                );
                self.check(&path);
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                let Some(path) = path_of(&p.text_document.uri) else {
                    return;
                };
                let enc = self.enc;
                let Some(open) = self.docs.get_mut(&path) else {
                    return;
                };
                for c in &p.content_changes {
                    match (c.range, &mut open.touched) {
                        (Some(r), Some(t))
                            if r.start.line == r.end.line && !c.text.contains('\n') =>
                        {
                            t.push(r.start.line)
                        }
                        _ => open.touched = None,
                    }
                    open.doc.edit(c.range, &c.text, enc);
                }
                open.doc.version = p.text_document.version;
                if let Some(o) = open.outline.take() {
                    open.earlier = Some(o);
                }
                open.briefing = None;
                self.check(&path);
            }
            "textDocument/didSave" => {
                let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) else {
                    return;
                };
                if let Some(path) = path_of(&p.text_document.uri) {
                    self.recheck_dependents(&path);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) else {
                    return;
                };
                for c in p.changes {
                    if let Some(path) = path_of(&c.uri) {
                        self.recheck_dependents(&path);
                    }
                }
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                    return;
                };
                if let Some(path) = path_of(&p.text_document.uri)
                    && let Some(o) = self.docs.remove(&path)
                {
                    self.checker.forget(&path);
                    let params = PublishDiagnosticsParams {
                        uri: o.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    };
                    let n = Notification::new("textDocument/publishDiagnostics".into(), params);
                    let _ = self.out.send(n.into());
                }
            }
            _ => {}
        }
    }

    fn check(&mut self, path: &Path) {
        let Some(o) = self.docs.get(path) else {
            return;
        };
        self.checker.submit(Job {
            uri: o.uri.clone(),
            path: path.to_path_buf(),
            text: o.doc.text.as_str().into(),
            version: o.doc.version,
        });
    }

    /// A saved file other open briefings may read (a shared sources file, a
    /// source text): those that name it are checked again.
    fn recheck_dependents(&mut self, saved: &Path) {
        let Some(name) = saved.file_name().and_then(|n| n.to_str()) else {
            return;
        };
        let dependents: Vec<PathBuf> = self
            .docs
            .iter()
            .filter(|(p, o)| p.as_path() != saved && o.doc.text.contains(name))
            .map(|(p, _)| p.clone())
            .collect();
        for p in dependents {
            self.check(&p);
        }
    }
}
