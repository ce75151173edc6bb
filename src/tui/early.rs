//! The reader's first frame, drawn while the evidence checks run. A small
//! briefing's load offers its model once it is linked and clean (see
//! `briefing::progress::offer_early`), and the checks then run on the
//! load's thread for as long again as the rest of the load took; the
//! reader draws its first frame from that model on its own core, into the
//! screen's buffer, unseen. When the file loads, with or without warnings
//! (which the first frame does not show), the frame is shown as drawn; when
//! the checks refuse the file it is thrown away for the findings screen.

use super::{Made, Screen};
use crate::app::App;
use crate::app::view::Drawn;
use crate::briefing::Briefing;
use crate::ui::theme::Theme;
use ratatui::layout::Size;

/// A first frame in the screen's buffer, not yet shown, and the reader it
/// was drawn from.
pub(super) struct Early {
    app: App,
    frame: Ready,
}

/// What a frame in the buffer was drawn with: it is shown only if the loop
/// would draw the same now.
pub(super) struct Ready {
    drawn: Drawn,
    size: Size,
    status: Option<String>,
    theme: Theme,
}

/// Draws the first frame of the reader of `b` into the buffer of `made`'s
/// screen, as the loop would draw it once `b` is open with no findings.
pub(super) fn draw(b: Briefing, made: &mut Made) -> Option<Early> {
    let terminal = made.terminal.as_mut().ok()?;
    let (mut app, first) = super::reader((b, Vec::new()), false, None, None);
    // What the reader starts with is done by the loop, and may change the
    // frame: none is drawn early.
    if !first.is_empty() {
        return None;
    }
    super::first_status(Some(&mut app), None);
    let theme = Theme::from_env();
    let mut f = terminal.get_frame();
    let size = f.area().as_size();
    let drawn = crate::app::view::draw(&mut f, &app, &theme);
    app.measured(&drawn);
    Some(Early {
        frame: Ready {
            drawn,
            size,
            status: app.status.clone(),
            theme,
        },
        app,
    })
}

impl Early {
    /// Makes the frame into the bytes the terminal needs, while the checks
    /// still run, and holds them (see [`super::out::Out`]): once the file
    /// loads they are written as they are. Not when the window was resized
    /// since it was drawn (the loop draws it again).
    pub(super) fn write_ahead(&self, made: &mut Made) {
        let Ok(terminal) = made.terminal.as_mut() else {
            return;
        };
        if terminal.size().is_ok_and(|s| s == self.frame.size) {
            super::out::hold();
            // Only asking the window's size can fail, before anything is
            // drawn or swapped: the loop draws the frame as usual.
            if super::draw(terminal, |_| {}).is_err() {
                super::out::discard();
            }
        }
    }

    /// The reader and its frame once the load ended with `b`: the same
    /// model, with what the load learnt after the checks (the file's stamp,
    /// for the watch), and the warnings they found, which the first frame
    /// does not show (`e` lists them; a test holds the frame to it).
    pub(super) fn open(mut self, (b, findings): super::Opened) -> (App, Ready) {
        self.app.briefing = std::sync::Arc::new(b);
        self.app.findings = findings;
        (self.app, self.frame)
    }
}

impl Ready {
    /// The frame drawn, when `app` on `terminal` with `theme` is still what
    /// it was drawn from (a window resized meanwhile, or a status set by
    /// the load, is drawn again). Otherwise the buffer is emptied for the
    /// frame drawn in its place.
    pub(super) fn holds(self, app: &App, theme: &Theme, terminal: &mut Screen) -> Option<Drawn> {
        let same = terminal.size().is_ok_and(|s| s == self.size)
            && app.status == self.status
            && *theme == self.theme;
        if !same {
            discard(terminal);
            terminal.current_buffer_mut().reset();
        }
        same.then_some(self.drawn)
    }
}

/// Shows the frame in the buffer: written ahead and held, or written now.
pub(super) fn show(terminal: &mut Screen) -> std::io::Result<()> {
    use ratatui::backend::Backend;
    if super::out::holding() {
        super::out::release();
        terminal.backend_mut().flush()
    } else {
        super::draw(terminal, |_| {})
    }
}

/// Empties the buffer an early frame was drawn into, and drops what was
/// written ahead of it.
pub(super) fn forget(made: &mut Made) {
    if let Ok(t) = made.terminal.as_mut() {
        discard(t);
        t.current_buffer_mut().reset();
    }
}

/// Drops a frame written ahead and held: the screen is as it was before,
/// blank, and ratatui is told so (its buffer of what the terminal shows
/// is emptied, and the cursor the held bytes hid is hidden again).
fn discard(terminal: &mut Screen) {
    if !super::out::holding() {
        return;
    }
    super::out::discard();
    // The held draw swapped the frame in as what the terminal shows: it is
    // swapped back out, emptied.
    terminal.swap_buffers();
    let _ = terminal.hide_cursor();
}
