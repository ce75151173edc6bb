//! `brief lsp` on a 20,000-event briefing, as ratios to `brief check` of
//! the same file in the same run: diagnostics after an edit (targets:
//! ≤ 200 ms, the settle wait included), completion and hover (≤ 20 ms).
//! Interleaved rounds, medians. `cargo bench --bench lsp`; numbers in
//! docs/performance.md.

mod common;
#[path = "../tests/it/common/lsp_client.rs"]
mod lsp_client;

use common::{env_or, median, time};
use serde_json::json;
use std::time::Instant;

fn main() {
    let events = env_or("BRIEF_BENCH_EVENTS", 20_000);
    let rounds = env_or("BRIEF_BENCH_ROUNDS", 7);
    let bin = env!("CARGO_BIN_EXE_brief");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    let text = brief::synth::briefing_yaml(events);
    std::fs::write(&path, &text).unwrap();
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let mut s = lsp_client::Server::start(bin);
    s.open(&uri, &text);
    let first = s.diagnostics(&uri, 1);
    // Where an event names its actors: completion and hover probe there.
    let at = text.find("\n    actors: [").expect("an event's actors") + 1;
    let line = text[..at].matches('\n').count() as u32;
    let (mut check, mut diag, mut comp, mut hover) = (vec![], vec![], vec![], vec![]);
    for r in 0..rounds {
        check.push(time(|| {
            let out = std::process::Command::new(bin)
                .args(["check", "--no-cache"])
                .arg(&path)
                .output()
                .unwrap();
            assert!(out.status.code().is_some());
        }));
        let v = r as i64 + 2;
        let start = Instant::now();
        s.change(
            &uri,
            v,
            json!([{"range": {"start": {"line": 1, "character": 7}, "end": {"line": 1, "character": 7}}, "text": "x"}]),
        );
        let d = s.diagnostics(&uri, v);
        diag.push(start.elapsed());
        assert_eq!(d.len(), first.len());
        let mut n = 0;
        comp.push(time(|| {
            n = s.at("textDocument/completion", &uri, line, 15)["result"]
                .as_array()
                .map_or(0, Vec::len)
        }));
        assert!(n >= events / 50, "{n} ids offered");
        let mut shown = String::new();
        hover.push(time(|| {
            shown = s.at("textDocument/hover", &uri, line, 15).to_string()
        }));
        assert!(shown.contains("**actor**"), "{shown}");
    }
    let (c, d, k, h) = (median(check), median(diag), median(comp), median(hover));
    let ms = |x: std::time::Duration| x.as_secs_f64() * 1000.0;
    println!("{events} events, {rounds} rounds, medians:");
    println!("  brief check --no-cache            {:8.1} ms", ms(c));
    println!(
        "  diagnostics after an edit         {:8.1} ms  ({:.2}× check; target 200 ms)",
        ms(d),
        ms(d) / ms(c)
    );
    println!(
        "  completion                        {:8.1} ms  ({:.3}× check; target 20 ms)",
        ms(k),
        ms(k) / ms(c)
    );
    println!(
        "  hover                             {:8.1} ms  ({:.3}× check; target 20 ms)",
        ms(h),
        ms(h) / ms(c)
    );
    let _ = s.shutdown();
}
