//! Random edits to a real briefing: whatever the text becomes, nothing the
//! server computes panics, and every range it sends lies in the document.

use super::text::{Doc, Encoding, units};
use super::*;
use lsp_types as lsp;

const PIECES: &[&str] = &[
    ":",
    " ",
    "\n",
    "- ",
    "[[",
    "]]",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "#",
    "¶",
    "é",
    "𝄞",
    "…",
    "id: x",
    "source: article",
    "locator: ¶2",
    "quote: \"",
    "actor: ",
    "\t",
    "|",
    ">",
    "&a",
    "*a",
    "pakistan",
    "  ",
    "\r\n",
];

fn inside(doc: &Doc, r: &lsp::Range, enc: Encoding) -> bool {
    let ok = |p: &lsp::Position| {
        (p.line as usize) < doc.line_count()
            && p.character as usize <= units(doc.line(p.line as usize), enc)
    };
    ok(&r.start) && ok(&r.end) && r.start <= r.end
}

fn exercise(text: &str, enc: Encoding, probes: &[(u32, u32)]) {
    let dir = env!("CARGO_MANIFEST_DIR");
    let path = std::path::PathBuf::from(dir).join("briefs/fuzzed.yaml");
    let uri = uri_of(&path).unwrap();
    let doc = Doc::new(text.to_string(), 1);
    let job = check::Job {
        uri: uri.clone(),
        path: path.clone(),
        text: text.into(),
        version: 1,
    };
    let o = Arc::new(outline::read(text));
    let h = Here {
        path: &path,
        uri: &uri,
        doc: &doc,
        outline: &o,
        fresh: true,
        enc,
    };
    for d in check::diagnostics(&job, enc) {
        assert!(
            inside(&doc, &d.range, enc),
            "{:?} outside the text",
            d.range
        );
        let params = lsp::CodeActionParams {
            text_document: lsp::TextDocumentIdentifier { uri: uri.clone() },
            range: d.range,
            context: lsp::CodeActionContext {
                diagnostics: vec![d.clone()],
                only: None,
                trigger_kind: None,
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        for a in actions::actions(&h, &params) {
            if let lsp::CodeActionOrCommand::CodeAction(a) = a {
                for edits in a
                    .edit
                    .and_then(|e| e.changes)
                    .into_iter()
                    .flat_map(|c| c.into_values())
                {
                    for e in edits {
                        assert!(
                            inside(&doc, &e.range, enc),
                            "{:?} outside the text",
                            e.range
                        );
                    }
                }
            }
        }
    }
    for &(l, c) in probes {
        let p = lsp::Position::new(l % (doc.line_count() as u32 + 1), c % 120);
        for item in complete::complete(&h, &[], p) {
            if let Some(lsp::CompletionTextEdit::Edit(e)) = item.text_edit {
                assert!(
                    inside(&doc, &e.range, enc),
                    "{:?} outside the text",
                    e.range
                );
            }
        }
        if let Some(hv) = hover::hover(&h, p)
            && let Some(r) = hv.range
        {
            assert!(inside(&doc, &r, enc));
        }
        let _ = navigate::definition(&h, &[], p);
        let _ = navigate::references(&h, &[], p, true);
        let _ = navigate::prepare_rename(&h, p);
        let _ = navigate::rename(&h, &[], p, "renamed");
    }
    for s in navigate::document_symbols(&h) {
        assert!(inside(&doc, &s.range, enc));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
    #[test]
    fn random_edits_never_panic_and_every_range_lies_in_the_text(
        edits in proptest::collection::vec((0usize..100_000, 0usize..40, 0usize..PIECES.len()), 1..12),
        probes in proptest::collection::vec((0u32..400, 0u32..200), 1..8),
        utf8 in proptest::bool::ANY,
    ) {
        let mut text = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml").to_string();
        for (at, cut, piece) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(at..end, PIECES[piece]);
        }
        let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        exercise(&text, enc, &probes);
    }
}
