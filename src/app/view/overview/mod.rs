//! The overview: the briefing's bottom line, key points, dates, authors
//! and open issues. It is what a briefing opens on, and `0` comes back to
//! it. Its links (key points' `[[links]]`, then the open issues) are
//! numbered and followed like the detail's.

pub mod draw;

use crate::app::Action;
use crate::briefing::{Briefing, Inline, ItemRef, Text};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Overview {
    /// Followable links, in reading order.
    pub links: Vec<ItemRef>,
    pub cursor: usize,
    pub scroll: usize,
}

impl Overview {
    pub fn new(b: &Briefing) -> Self {
        let mut links = Vec::new();
        let mut add = |t: &Text| {
            for l in t.links() {
                if let Inline::Link(l) = l
                    && let Some(r) = l.target
                    && !links.contains(&r)
                {
                    links.push(r);
                }
            }
        };
        add(&b.meta.summary);
        for k in &b.meta.key_points {
            add(&k.text);
        }
        for i in open_issues(b) {
            let r = ItemRef::new(crate::briefing::Kind::Issue, i);
            if !links.contains(&r) {
                links.push(r);
            }
        }
        Overview {
            links,
            cursor: 0,
            scroll: 0,
        }
    }

    /// The link number of an item, when the overview links to it.
    pub fn number_of(&self, r: ItemRef) -> Option<usize> {
        self.links.iter().position(|l| *l == r)
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.links.is_empty() {
            self.scroll = self.scroll.saturating_add_signed(delta);
            return;
        }
        let max = self.links.len() as isize - 1;
        self.cursor = (self.cursor as isize + delta).clamp(0, max) as usize;
    }
}

/// Issues that are not resolved, open before watching, then by priority.
pub fn open_issues(b: &Briefing) -> Vec<usize> {
    b.issues_by_priority()
        .into_iter()
        .filter(|&i| b.issues[i].status != crate::briefing::Status::Resolved)
        .collect()
}

/// The overview's keys in the reader.
impl crate::app::App {
    /// Keys that move and follow inside the overview; false when the key
    /// means the same as anywhere else.
    pub(crate) fn overview_key(&mut self, action: Action) -> bool {
        let page = self.detail_height.max(1) as isize;
        let o = &mut self.overview;
        match action {
            Action::Down => o.move_by(1),
            Action::Up => o.move_by(-1),
            Action::PageDown => o.move_by(page),
            Action::PageUp => o.move_by(-page),
            Action::Top => {
                o.cursor = 0;
                o.scroll = 0;
            }
            Action::Bottom => o.cursor = o.links.len().saturating_sub(1),
            Action::Enter => {
                if o.links.is_empty() {
                    self.status = Some("Nothing to follow: 1–5 open the panes".into());
                } else {
                    let n = o.cursor;
                    self.follow(n);
                }
            }
            _ => return false,
        }
        true
    }
}
