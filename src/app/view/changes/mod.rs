//! The Changes view (`c`), an overlay: every change since the revision
//! compared with, the items that version had and this one has not, and
//! the file's recent commits to compare with instead. Its keys here, its
//! drawing in `draw`.

pub mod draw;

use crate::app::changes::Wanted;
use crate::app::{Action, App};

/// The Changes view's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Changes,
    Removed,
    /// The file's recent commits, to compare with one.
    Revisions,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Changes, Tab::Removed, Tab::Revisions];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Changes => "Changes",
            Tab::Removed => "Removed",
            Tab::Revisions => "Compare with…",
        }
    }
}

/// The file's recent commits, once read.
pub enum Commits {
    Reading,
    Read(Vec<crate::git::Commit>),
    Failed(String),
}

/// The Changes view: open over the panes until Esc.
pub struct ChangesView {
    pub tab: Tab,
    pub cursor: usize,
    pub offset: usize,
    pub commits: Commits,
}

impl App {
    /// `c`: the Changes view. With no revision compared yet, it opens on
    /// the file's recent commits to pick one.
    pub fn open_changes(&mut self) {
        let tab = if self.since.is_some() {
            Tab::Changes
        } else {
            Tab::Revisions
        };
        self.push(super::Overlay::Changes(ChangesView {
            tab,
            cursor: 0,
            offset: 0,
            commits: Commits::Reading,
        }));
        self.start(Wanted::Commits);
    }

    fn changes_len(&self, tab: Tab) -> usize {
        match tab {
            Tab::Changes => self.since_now().map_or(0, |c| c.rows.len()),
            Tab::Removed => self.since_now().map_or(0, |c| c.changes.removed.len()),
            Tab::Revisions => match &self.changes_view().map(|v| &v.commits) {
                Some(Commits::Read(c)) => c.len(),
                _ => 0,
            },
        }
    }

    /// The Changes view's keys; true when it took the action.
    pub(crate) fn changes_key(&mut self, action: Action) -> bool {
        let Some(tab) = self.changes_view().map(|v| v.tab) else {
            return false;
        };
        let len = self.changes_len(tab);
        let page = self.detail_height.max(1) as isize;
        let step = |v: &mut ChangesView, d: isize| {
            v.cursor = (v.cursor as isize + d).clamp(0, len.saturating_sub(1) as isize) as usize;
        };
        let Some(v) = self.changes_view_mut() else {
            return false;
        };
        match action {
            Action::QuitAll | Action::Help | Action::Tick => return false,
            Action::Down => step(v, 1),
            Action::Up => step(v, -1),
            Action::PageDown => step(v, page),
            Action::PageUp => step(v, -page),
            Action::Top => v.cursor = 0,
            Action::Bottom => v.cursor = len.saturating_sub(1),
            Action::NextPane | Action::PrevPane => {
                let i = Tab::ALL.iter().position(|t| *t == v.tab).unwrap_or(0) as isize;
                let d = if action == Action::NextPane { 1 } else { -1 };
                v.tab = Tab::ALL[(i + d).rem_euclid(3) as usize];
                v.cursor = 0;
                v.offset = 0;
            }
            Action::Escape | Action::Quit | Action::Changes => {
                self.close(|o| matches!(o, super::Overlay::Changes(_)))
            }
            Action::Enter => self.changes_enter(tab),
            _ => {}
        }
        true
    }

    fn changes_enter(&mut self, tab: Tab) {
        let Some(cursor) = self.changes_view().map(|v| v.cursor) else {
            return;
        };
        match tab {
            Tab::Changes => {
                if let Some(r) = self.since_now().and_then(|c| c.rows.get(cursor)).copied() {
                    self.close(|o| matches!(o, super::Overlay::Changes(_)));
                    self.goto(r, true);
                }
            }
            Tab::Removed => {
                if let Some(gone) = self.since_now().and_then(|c| c.changes.removed.get(cursor)) {
                    self.status = Some(match &gone.renamed_to {
                        Some(to) => format!(
                            "{} `{}` is gone from this version; `{to}` has its name",
                            gone.item.kind, gone.item.id
                        ),
                        None => format!(
                            "{} `{}` is gone from this version",
                            gone.item.kind, gone.item.id
                        ),
                    });
                }
            }
            Tab::Revisions => {
                let picked = match self.changes_view().map(|v| &v.commits) {
                    Some(Commits::Read(list)) => list.get(cursor).map(|c| {
                        (
                            format!("Comparing with {} ({})…", c.short, c.date),
                            c.id.clone(),
                        )
                    }),
                    _ => None,
                };
                if let Some((said, id)) = picked {
                    self.status = Some(said);
                    self.start(Wanted::Since(id));
                }
            }
        }
    }
}
