//! The reader's search: each keystroke's query goes to the search thread
//! when the terminal loop gave the app one (typing never waits for a
//! search), else it is answered at once (tests, benchmarks).

use super::search::{Found, Notify, Session, Worker};
use super::{App, SearchState};

#[derive(Default)]
pub(super) struct Searching {
    /// Searches answered here, without a thread.
    session: Option<Session>,
    worker: Option<Worker>,
    notify: Option<Notify>,
    /// The number of the newest query; older answers are dropped.
    generation: u64,
    /// After a reload: the cursor and the current hit to put back once the
    /// new results are in.
    restore: Option<(usize, Option<usize>)>,
}

impl App {
    /// From now on searches run on a thread of their own, which builds
    /// the briefing's index at once; `notify` gets their results, to hand
    /// back through [`App::found`].
    pub fn search_in_background(&mut self, notify: Notify) {
        self.searching.worker = Worker::start(self.briefing.clone(), notify.clone());
        self.searching.notify = Some(notify);
    }

    /// Whether the terminal loop has set searching up (a thread, or on the
    /// spot when no thread could be had).
    pub fn searches_in_background(&self) -> bool {
        self.searching.notify.is_some()
    }

    /// The search thread's notify, for the app that replaces this one.
    pub(super) fn search_notify(&self) -> Option<Notify> {
        self.searching.notify.clone()
    }

    /// A reload keeps the query: its results, when in, get back the cursor
    /// and the current hit.
    pub(super) fn search_again(&mut self, old: SearchState) {
        self.search.query = old.query;
        self.searching.restore = Some((old.cursor, old.current));
        self.run_search();
    }

    pub(crate) fn run_search(&mut self) {
        let s = &mut self.searching;
        s.generation += 1;
        self.search.cursor = 0;
        if self.search.query.trim().is_empty() {
            self.search.hits.clear();
            self.search.items = 0;
            self.search.pending = false;
            if let Some(w) = &s.worker {
                w.cancel(s.generation);
            }
            return;
        }
        if let Some(w) = &s.worker {
            w.search(s.generation, &self.search.query);
            self.search.pending = true;
            return;
        }
        let briefing = self.briefing.clone();
        let session = s.session.get_or_insert_with(|| Session::new(briefing));
        let answer = session
            .run(&self.search.query, &|| false, &mut |_| {})
            .unwrap_or_default();
        let generation = s.generation;
        self.found(Found {
            generation,
            answer,
            done: true,
        });
    }

    /// Results from the search: shown when they answer the newest query.
    pub fn found(&mut self, f: Found) {
        if f.generation != self.searching.generation {
            return;
        }
        self.search.hits = f.answer.hits;
        self.search.items = f.answer.items;
        self.search.pending = !f.done;
        let last = self.search.hits.len().saturating_sub(1);
        self.search.cursor = self.search.cursor.min(last);
        if !f.done {
            return;
        }
        if let Some((cursor, current)) = self.searching.restore.take() {
            self.search.cursor = cursor.min(last);
            self.search.current = current.filter(|c| *c < self.search.hits.len());
        }
        if std::mem::take(&mut self.search.submitted) {
            self.submit_search();
        }
    }

    /// Closes the search: a search still running answers no one.
    pub(super) fn clear_search(&mut self) {
        self.search = SearchState::default();
        self.searching.generation += 1;
        self.searching.restore = None;
        if let Some(w) = &self.searching.worker {
            w.cancel(self.searching.generation);
        }
    }

    /// Enter in the search box: to the selected hit, or, while results are
    /// still coming, once they are in.
    pub(super) fn submit_search(&mut self) {
        if self.search.pending {
            self.search.submitted = true;
            self.status = Some(format!("Searching for “{}”…", self.search.query));
            return;
        }
        self.close(|o| matches!(o, super::Overlay::Search));
        if self.search.hits.is_empty() {
            self.status = Some(format!("No match for “{}”", self.search.query));
        } else {
            self.jump_to_hit(self.search.cursor);
        }
    }

    pub(super) fn jump_to_hit(&mut self, n: usize) {
        if let Some(hit) = self.search.hits.get(n) {
            let item = hit.item;
            self.search.current = Some(n);
            match item {
                Some(item) => self.goto(item, true),
                None => {
                    if !self.overview_open() {
                        self.history.record(self.here());
                    }
                    self.show_overview();
                }
            }
            self.status = Some(format!(
                "Result {}/{} for “{}”",
                n + 1,
                self.search.hits.len(),
                self.search.query
            ));
        }
    }
}
