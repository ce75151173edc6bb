//! What the reader asks of the world beyond its state. `App::update`
//! returns these as values; the terminal loop carries each one out, so
//! the reader itself stays free of terminals, threads and files.

use super::changes::Wanted;
use super::history::Jump;

pub enum Effect {
    /// Leave brief.
    Quit,
    /// Back to the library this briefing was opened from.
    ToLibrary,
    /// Copy this text to the clipboard (OSC 52).
    Copy(String),
    /// Open this http(s) URL in a browser.
    OpenUrl(String),
    /// Open another briefing at this jump.
    OpenOther(Jump),
    /// Read the file again.
    Reload,
    /// Start this work off the UI thread; it answers as an arrival.
    Start(Wanted),
    /// Present the briefing from the slide that shows this item (leaving
    /// the presentation returns to the reader as it was).
    Present(Option<crate::briefing::ItemRef>),
}

impl std::fmt::Debug for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Effect::Quit => write!(f, "Quit"),
            Effect::ToLibrary => write!(f, "ToLibrary"),
            Effect::Copy(t) => write!(f, "Copy({t:?})"),
            Effect::OpenUrl(u) => write!(f, "OpenUrl({u:?})"),
            Effect::OpenOther(j) => write!(f, "OpenOther({:?}#{})", j.file, j.id),
            Effect::Reload => write!(f, "Reload"),
            Effect::Start(_) => write!(f, "Start"),
            Effect::Present(at) => write!(f, "Present({at:?})"),
        }
    }
}
