//! Reloading the open briefing after a save: the new version replaces the
//! old one with the reader's place kept by id; a broken save keeps the last
//! good version on screen and holds its diagnostics for the banner.

use super::{App, Base, Effect, ListView, Overlay, Pane, Rows};
use crate::briefing::{Diagnostic, Kind};

impl App {
    /// Puts a reload's result in place (the terminal reads the file on a
    /// thread of its own and hands the result here).
    pub fn apply_reload(
        &mut self,
        loaded: Result<crate::briefing::Report, crate::briefing::ReadError>,
    ) -> Vec<Effect> {
        let name = crate::briefing::sanitize::path(&self.briefing.path);
        match loaded {
            Err(e) => {
                self.status = None;
                let d = Diagnostic::new(
                    crate::briefing::problem::Severity::Error,
                    "unreadable",
                    &name,
                    e.0,
                );
                self.reload_error = Some(vec![d]);
            }
            Ok(report) => match report.briefing {
                Some(b) => {
                    let before = self.briefing.clone();
                    self.replace_briefing(b);
                    self.findings = report.diagnostics;
                    self.start(super::changes::Wanted::Saved(before));
                    self.reload_error = None;
                    // Nothing is left to list: the errors page goes.
                    self.close(|o| matches!(o, Overlay::Errors { .. }));
                    self.status = Some(format!("Reloaded {name}"));
                }
                None => {
                    // The banner says what happened; an older "Reloaded" would
                    // contradict it.
                    self.status = None;
                    self.reload_error = Some(
                        report
                            .diagnostics
                            .into_iter()
                            .filter(|d| d.is_error())
                            .collect(),
                    );
                }
            },
        }
        self.take_effects()
    }

    /// What a presentation's footer says of a save that did not load (it
    /// has no banner), until a key.
    pub fn reload_notice(&self) -> Option<String> {
        let errors = self.reload_error.as_ref()?;
        // What went wrong first, and where in the file when it is known:
        // the presenter fixes it in the editor while the room waits.
        let first = errors
            .first()
            .map(|d| match d.marks.first() {
                Some(m) => format!("line {}: {}", m.line, d.headline()),
                None => d.headline(),
            })
            .unwrap_or_default();
        let more = match errors.len() {
            0 | 1 => String::new(),
            n => format!(" (and {} more errors)", n - 1),
        };
        Some(format!("⚠ Last save not loaded: {first}{more}"))
    }

    /// The presentation `old` made again from the version now loaded, on
    /// the same slide (as far as the new deck goes), its clock running on.
    pub fn presenter_after_reload(
        &self,
        old: &crate::present::Presenter,
        theme: crate::ui::theme::Theme,
    ) -> crate::present::Presenter {
        let mut p = crate::present::Presenter::as_of(
            &self.briefing,
            theme,
            self.as_of.as_ref().map(|a| a.cutoff),
        );
        p.set_changes(self.changes_slide(&theme));
        (p.show_clock, p.show_footer, p.show_notes) =
            (old.show_clock, old.show_footer, old.show_notes);
        p.layout(self.screen.0, self.screen.1);
        p.current = old.current.min(p.pages.len().saturating_sub(1));
        p.keep_clock_of(old);
        p
    }

    /// Swaps in a new version of the briefing, keeping the focused pane, the
    /// selection of every pane (by id, else by position), scroll offsets,
    /// filters, the search, the jump list and the slide being presented.
    pub fn replace_briefing(&mut self, new: crate::briefing::Briefing) {
        let old = &self.briefing;
        let ids: Vec<Option<String>> = Pane::ALL
            .iter()
            .map(|p| self.selected_in(*p).map(|r| old.id(r).to_string()))
            .collect();
        let sources_of = self.sources_of.map(|r| old.id(r).to_string());
        let mut fresh = App::new(new);
        fresh.screen = self.screen;
        fresh.heights = self.heights;
        fresh.detail_height = self.detail_height;
        fresh.history = std::mem::take(&mut self.history);
        let filter = self.filter.map(|f| old.id(f).to_string());
        // Marks of the version being replaced stay hidden until the
        // comparison is made again with this one (off this thread).
        fresh.since = self.since.take();
        // The overlays stay open over the new version.
        fresh.overlays = std::mem::take(&mut self.overlays);
        fresh.out = std::mem::take(&mut self.out);
        fresh.as_of = self.as_of.take();
        fresh.focus = self.focus;
        let filter = filter.and_then(|id| fresh.briefing.lookup(&id));
        fresh.set_filter(filter);
        fresh.sources_of = sources_of
            .and_then(|id| fresh.briefing.lookup(&id))
            .filter(|r| r.kind != Kind::Source);
        for (n, pane) in Pane::ALL.iter().enumerate() {
            let len = fresh.briefing.len(pane.kind());
            let by_id = ids[n]
                .as_deref()
                .and_then(|id| fresh.briefing.lookup(id))
                .filter(|r| r.kind == pane.kind());
            // A vanished item falls back to the row where it was.
            let selected = by_id.map_or(self.views[n].selected.min(len.saturating_sub(1)), |r| {
                r.index
            });
            fresh.views[n] = ListView {
                selected,
                offset: self.views[n].offset.min(selected),
            };
        }
        if fresh.focus == Pane::Sources
            && let Some(of) = fresh.sources_of
        {
            let rows: Vec<_> = fresh
                .briefing
                .sources_of(of)
                .into_iter()
                .map(|i| crate::briefing::ItemRef::new(Kind::Source, i))
                .collect();
            let keep = ids[Pane::Sources.index()]
                .as_deref()
                .and_then(|id| fresh.briefing.lookup(id));
            let sel = keep
                .and_then(|k| rows.iter().position(|r| *r == k))
                .unwrap_or(0);
            fresh.rows[Pane::Sources.index()] = Rows::Only(rows);
            fresh.views[Pane::Sources.index()] = ListView {
                selected: sel,
                offset: 0,
            };
        }
        fresh.anchor = None;
        fresh.refresh();
        fresh.link_cursor = self.link_cursor.min(fresh.links.len().saturating_sub(1));
        fresh.detail_scroll = self.detail_scroll;
        if let Some(notify) = self.search_notify() {
            fresh.search_in_background(notify);
        }
        if !self.search.query.is_empty() {
            fresh.search_again(std::mem::take(&mut self.search));
        }
        fresh.in_library = self.in_library;
        fresh.overview.cursor = self
            .overview
            .cursor
            .min(fresh.overview.links.len().saturating_sub(1));
        fresh.overview.scroll = self.overview.scroll;
        // The base view stays, at the same place.
        let base = std::mem::replace(
            &mut self.base,
            Base::Panes {
                detail: false,
                zoom: false,
            },
        );
        match base {
            Base::Panes { detail, zoom } => {
                fresh.base = Base::Panes {
                    detail: detail && fresh.selected().is_some(),
                    zoom,
                }
            }
            Base::Overview { zoom } => {
                fresh.show_overview();
                fresh.base = Base::Overview { zoom };
            }
            Base::Picture(p) => fresh.reopen_picture(p),
            Base::Source(r) => {
                let id = &self.briefing.sources[r.source].id;
                if let Some(s) = fresh.briefing.lookup(id).filter(|s| s.kind == Kind::Source) {
                    let mut nr = super::source_reader::SourceReader::open(&fresh.briefing, s.index);
                    nr.view.set(r.view.get());
                    nr.current = r.current.min(nr.passages.len().saturating_sub(1));
                    nr.query = r.query.clone();
                    nr.search(&fresh.briefing);
                    nr.view.set(r.view.get());
                    fresh.base = Base::Source(nr);
                }
            }
        }
        crate::briefing::drop_later(std::mem::replace(self, fresh));
    }
}
