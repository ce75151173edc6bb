//! The source reader: a source's own text, paragraphs numbered, the cited
//! passages marked with the items that cite them. Opened from a source or
//! a citation; a stop on the jump list like any item.

pub mod draw;

use crate::app::Action;
use crate::briefing::Briefing;
use crate::briefing::evidence::{locator, quote};
use crate::input::keymap::{Ctx, key};

pub use crate::briefing::evidence::passages::Passage;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceReader {
    pub source: usize,
    pub passages: Vec<Passage>,
    /// The passage `n`/`N` are at, and whose citers digits follow.
    pub current: usize,
    /// The paragraph last brought into view.
    pub focus_para: usize,
    /// The top of the view: a block (-1 the source's fields, else a
    /// paragraph) and a row within it. Keys move it freely; each frame
    /// draws only the rows it shows and puts it back in range, so a text
    /// of any length costs one screen per frame.
    pub view: std::cell::Cell<(isize, isize)>,
    /// The exact quote to mark: paragraph and byte range in its text.
    pub mark: Option<(usize, std::ops::Range<usize>)>,
    pub query: String,
    pub typing: bool,
    /// Paragraphs that hold the search query, and the one shown.
    pub matches: Vec<usize>,
    pub match_cursor: usize,
}

/// The jump-list id of a passage: never a valid item id, so it cannot
/// clash with one.
pub fn stop_id(source_id: &str, para: usize) -> String {
    format!("{source_id}¶{}", para + 1)
}

pub fn parse_stop(id: &str) -> Option<(&str, usize)> {
    let (s, n) = id.split_once('¶')?;
    Some((s, n.parse::<usize>().ok()?.checked_sub(1)?))
}

impl SourceReader {
    pub fn open(b: &Briefing, source: usize) -> Self {
        let passages = crate::briefing::evidence::passages::passages(b, source);
        SourceReader {
            source,
            passages,
            view: std::cell::Cell::new((-1, 0)),
            ..Default::default()
        }
    }

    /// Opened at a citation: its passage in view and its quote marked.
    pub fn at(b: &Briefing, source: usize, locator_: Option<&str>, q: Option<&str>) -> Self {
        let mut r = Self::open(b, source);
        let Some(t) = &b.sources[source].text else {
            return r;
        };
        let range = locator_
            .and_then(locator::parse)
            .filter(|(a, z)| *a >= 1 && a <= z && *z <= t.len());
        let mut para = range.map(|(a, _)| a - 1);
        if let Some(q) = q
            && let quote::Found::In(k, span) = t.find(q, range.map(|(a, z)| (a - 1, z - 1)))
        {
            para = Some(k);
            r.mark = quote::original_range(&t.paragraphs[k], span).map(|s| (k, s));
        }
        if let Some(p) = para {
            r.go_to_para(p);
        }
        r
    }

    /// Scrolls by `delta` rows; the next frame stops it at either end.
    pub fn scroll_by(&mut self, delta: isize) {
        let (b, o) = self.view.get();
        self.view.set((b, o.saturating_add(delta)));
    }

    pub fn to_start(&mut self) {
        self.view.set((-1, 0));
    }

    pub fn to_end(&mut self, paragraphs: usize) {
        self.view.set((paragraphs as isize - 1, isize::MAX / 4));
    }

    /// The paragraph at the top of the view, for the jump list.
    pub fn top_para(&self) -> usize {
        self.view.get().0.max(0) as usize
    }

    /// The paragraph the reader is at, as the trail and a copied citation
    /// name it: the one last brought into view while it is still at the
    /// top (it opens with two rows of context above it), else the
    /// paragraph at the top.
    pub fn place(&self) -> usize {
        let top = self.view.get().0;
        let focus = self.focus_para as isize;
        if top == focus || top == focus - 1 {
            self.focus_para
        } else {
            self.top_para()
        }
    }

    pub fn go_to_para(&mut self, para: usize) {
        self.focus_para = para;
        // Two rows of what comes before, for context.
        self.view.set((para as isize, -2));
        if let Some(i) = self.passages.iter().position(|p| p.para >= para) {
            self.current = i;
        }
    }

    /// A citation ready to paste into the briefing, for the search match
    /// shown or else the paragraph at the top of the view: the sentence
    /// holding the match, the marked quote, or the paragraph's first
    /// sentence, quoted as written.
    pub fn citation(&self, b: &Briefing) -> Option<(usize, String)> {
        let src = &b.sources[self.source];
        let t = src.text.as_ref()?;
        let para = match self.matches.get(self.match_cursor) {
            Some(&p) => p,
            None => self.place().min(t.len().checked_sub(1)?),
        };
        let text = t.paragraphs.get(para)?;
        let q = self.query.to_lowercase();
        let quote = if !self.matches.is_empty() && !q.is_empty() {
            crate::briefing::evidence::sentences(text)
                .find(|s| s.to_lowercase().contains(&q))
                .map(str::to_string)
        } else {
            None
        }
        .or_else(|| match &self.mark {
            Some((p, range)) if *p == para => text.get(range.clone()).map(str::to_string),
            _ => None,
        })
        .or_else(|| {
            crate::briefing::evidence::sentences(text)
                .next()
                .map(str::to_string)
        })?;
        let quote = serde_json::to_string(quote.trim()).ok()?;
        Some((
            para,
            format!(
                "{{source: {}, locator: \"¶{}\", quote: {quote}}}",
                src.id,
                para + 1
            ),
        ))
    }

    pub fn current_passage(&self) -> Option<&Passage> {
        self.passages.get(self.current)
    }

    /// `n`/`N`: the next or previous cited passage, or search match when a
    /// search is on.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        if !self.matches.is_empty() {
            let n = self.matches.len();
            self.match_cursor = if forward {
                (self.match_cursor + 1) % n
            } else {
                (self.match_cursor + n - 1) % n
            };
            let p = self.matches[self.match_cursor];
            self.go_to_para(p);
            return Some(p);
        }
        let n = self.passages.len();
        if n == 0 {
            return None;
        }
        self.current = if forward {
            (self.current + 1).min(n - 1)
        } else {
            self.current.saturating_sub(1)
        };
        self.mark = None;
        let p = self.passages[self.current].para;
        let current = self.current;
        self.go_to_para(p);
        self.current = current;
        Some(p)
    }

    /// Runs the search over the source's paragraphs (case-insensitive).
    pub fn search(&mut self, b: &Briefing) {
        self.matches.clear();
        self.match_cursor = 0;
        let q = self.query.trim().to_lowercase();
        if q.is_empty() {
            return;
        }
        if let Some(t) = &b.sources[self.source].text {
            self.matches = t
                .paragraphs
                .iter()
                .enumerate()
                .filter(|(_, p)| p.to_lowercase().contains(&q))
                .map(|(i, _)| i)
                .collect();
        }
        if let Some(&p) = self.matches.first() {
            self.go_to_para(p);
        }
    }
}

/// The reader's side of the source reader: opening it and its keys.
impl crate::app::App {
    /// Opens a source's text, at a citation's passage when one is given.
    pub fn open_source_at(&mut self, source: usize, locator: Option<&str>, quote: Option<&str>) {
        self.history.record(self.here());
        let reader = SourceReader::at(&self.briefing, source, locator, quote);
        let s = &self.briefing.sources[source];
        self.status = Some(match (&s.text, reader.mark.is_some()) {
            (None, _) => format!(
                "{} has no text: add `file:` or `text:` to the source",
                s.title
            ),
            (Some(_), true) => format!("¶{}: the quote is marked", reader.focus_para + 1),
            (Some(_), false) => format!(
                "{} cited passage{}: {} move between them",
                reader.passages.len(),
                if reader.passages.len() == 1 { "" } else { "s" },
                key(Ctx::SourceReader, "next-passage")
            ),
        });
        // One view in the panes' place: the text replaces a picture.
        self.base = crate::app::Base::Source(reader);
    }

    /// Keys inside the source reader; false when the key means the same
    /// as anywhere else.
    pub(crate) fn reader_key(&mut self, action: Action) -> bool {
        let page = self.detail_height.max(1) as isize;
        let crate::app::Base::Source(r) = &mut self.base else {
            return false;
        };
        if r.typing {
            match action {
                Action::SearchInput(c) => r.query.push(c),
                Action::SearchBackspace => {
                    r.query.pop();
                }
                Action::SearchSubmit => {
                    r.typing = false;
                    let q = r.query.clone();
                    r.search(&self.briefing);
                    let n = r.matches.len();
                    self.status = Some(if n == 0 {
                        format!("No paragraph holds “{q}”")
                    } else {
                        format!(
                            "“{q}” in {n} paragraph{}: {} walk them, {} clears",
                            if n == 1 { "" } else { "s" },
                            key(Ctx::SourceReader, "next-passage"),
                            key(Ctx::SourceReader, "back")
                        )
                    });
                }
                Action::Escape => {
                    r.typing = false;
                    r.query.clear();
                }
                Action::QuitAll => return false,
                _ => {}
            }
            return true;
        }
        match action {
            Action::Down => r.scroll_by(1),
            Action::Up => r.scroll_by(-1),
            Action::PageDown => r.scroll_by(page),
            Action::PageUp => r.scroll_by(-page),
            Action::Top => r.to_start(),
            Action::Bottom => {
                let n = self.briefing.sources[r.source]
                    .text
                    .as_ref()
                    .map_or(0, |t| t.len());
                r.to_end(n);
            }
            Action::NextResult | Action::PrevResult => {
                let forward = action == Action::NextResult;
                let searching = !r.matches.is_empty();
                match r.step(forward) {
                    Some(p) if searching => self.status = Some(format!("Match in ¶{}", p + 1)),
                    Some(p) => {
                        let n = r.current + 1;
                        let total = r.passages.len();
                        self.status = Some(format!("Cited passage {n} of {total}: ¶{}", p + 1))
                    }
                    None => self.status = Some("Nothing in this text is cited".into()),
                }
            }
            Action::Search => {
                r.typing = true;
                r.query.clear();
            }
            Action::CopyCitation => match r.citation(&self.briefing) {
                Some((p, c)) => {
                    let said = format!(
                        "Copied a citation of ¶{}: {} (OSC 52)",
                        p + 1,
                        crate::briefing::sanitize::clip(&c, 60)
                    );
                    self.copy(c, "citation", said);
                }
                None => self.status = Some("This source has no text to cite".into()),
            },
            Action::Digit(d) => {
                let target = r
                    .current_passage()
                    .and_then(|p| p.citers.get((d as usize).wrapping_sub(1)))
                    .map(|c| c.0);
                match target {
                    Some(t) => self.goto(t, true),
                    None => self.status = Some(format!("No item {d} cites this passage")),
                }
            }
            Action::Enter => {
                let target = r
                    .current_passage()
                    .and_then(|p| p.citers.first())
                    .map(|c| c.0);
                if let Some(t) = target {
                    self.goto(t, true);
                }
            }
            Action::Escape if !r.matches.is_empty() => {
                r.matches.clear();
                r.query.clear();
                self.status = Some("Search cleared".into());
            }
            Action::Escape => self.back(),
            Action::ScrollPane { down, .. } => r.scroll_by(if down { 3 } else { -3 }),
            _ => return false,
        }
        true
    }
}
