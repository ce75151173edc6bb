//! JSON-RPC over stdin and stdout. lsp-server's own stdio reader stops at
//! the first message it cannot parse, which would end the server; this one
//! answers such a message with the protocol's error and reads on.

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::Message;
use std::io::{BufRead, Read as _, Write};
use std::sync::{Arc, Mutex};

/// A message larger than any briefing the checker accepts (64 MiB, as JSON
/// with every character escaped) is read past and refused.
const MAX_MESSAGE: usize = 6 * 64 * 1024 * 1024;

type Out = Arc<Mutex<std::io::Stdout>>;

pub struct Threads {
    reader: std::thread::JoinHandle<()>,
    writer: std::thread::JoinHandle<()>,
}

impl Threads {
    pub fn join(self) {
        // The reader may be blocked on stdin after `exit`: not waited for.
        drop(self.reader);
        let _ = self.writer.join();
    }
}

pub fn stdio() -> std::io::Result<(lsp_server::Connection, Threads)> {
    let out: Out = Arc::new(Mutex::new(std::io::stdout()));
    let (to_client, outgoing): (Sender<Message>, Receiver<Message>) = unbounded();
    let (incoming, from_client) = bounded::<Message>(0);
    let writer = {
        let out = out.clone();
        crate::threads::spawn("lsp writer", move || {
            for m in outgoing {
                let mut o = out.lock().unwrap_or_else(|e| e.into_inner());
                if m.write(&mut *o).is_err() {
                    return;
                }
            }
        })?
    };
    let reader = crate::threads::spawn("lsp reader", move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        loop {
            match read_one(&mut input) {
                Got::End => return,
                Got::Skip => {}
                Got::Bad(reply) => {
                    let mut o = out.lock().unwrap_or_else(|e| e.into_inner());
                    let _ = write_raw(&mut *o, &reply);
                }
                Got::Message(m) => {
                    let exit = matches!(&m, Message::Notification(n) if n.method == "exit");
                    if incoming.send(m).is_err() || exit {
                        return;
                    }
                }
            }
        }
    })?;
    Ok((
        lsp_server::Connection {
            sender: to_client,
            receiver: from_client,
        },
        Threads { reader, writer },
    ))
}

enum Got {
    Message(Message),
    /// Not a message (a broken header): nothing to answer.
    Skip,
    /// A body that is not a message: the error to answer with.
    Bad(serde_json::Value),
    End,
}

fn read_one(input: &mut impl BufRead) -> Got {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => return Got::End,
            Ok(_) => {}
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((k, v)) = l.split_once(':')
            && k.trim().eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().ok();
            if length.is_none() {
                return Got::Skip;
            }
        }
    }
    let n = length.unwrap_or(0);
    if n > MAX_MESSAGE {
        let _ = std::io::copy(&mut input.by_ref().take(n as u64), &mut std::io::sink());
        return Got::Bad(error(
            serde_json::Value::Null,
            -32600,
            "the message is too large",
        ));
    }
    let mut body = vec![0; n];
    if input.read_exact(&mut body).is_err() {
        return Got::End;
    }
    let value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return Got::Bad(error(
                serde_json::Value::Null,
                -32700,
                &format!("parse error: {e}"),
            ));
        }
    };
    let id = value.get("id").cloned().unwrap_or_default();
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Got::Message(m),
        Err(e) => Got::Bad(error(id, -32600, &format!("invalid request: {e}"))),
    }
}

fn error(id: serde_json::Value, code: i32, message: &str) -> serde_json::Value {
    serde_json::json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

fn write_raw(out: &mut impl Write, v: &serde_json::Value) -> std::io::Result<()> {
    let text = v.to_string();
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}
