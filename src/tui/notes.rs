//! `brief notes FILE`: the speaker-notes screen, a listener on the
//! presenter's socket with a loop of its own.

use super::events::{Events, Wake};
use super::{caught, finish, say, screen, setup};
use crate::ui::theme::Theme;
use ratatui::crossterm::event::{Event, KeyEventKind};
use std::io;
use std::process::ExitCode;
use std::time::Duration;

/// `brief notes FILE`: follows the presenter of FILE in this terminal.
pub fn run_notes(briefing: &std::path::Path) -> ExitCode {
    let mut refused = None;
    let code = finish(notes_loop(briefing, &mut refused));
    match refused {
        Some(why) => {
            say(format_args!("error: {why}"));
            ExitCode::from(2)
        }
        None => code,
    }
}

fn notes_loop(briefing: &std::path::Path, refused: &mut Option<String>) -> io::Result<()> {
    use crate::present::notes::{Event as NoteEvent, State, follow};
    let _guard = setup()?;
    let mut events = Events::start();
    let theme = Theme::from_env();
    let mut terminal = screen()?;
    let tx = events.sender();
    follow(briefing, move |e| tx.send(Wake::Notes(e)).is_ok())?;
    let mut state: Option<(State, std::time::Instant)> = None;
    let mut connected = false;
    let mut stalled: Option<String> = None;
    let name = crate::briefing::sanitize::path(briefing);
    // Every turn of this loop follows an event (or the clock): draw each.
    loop {
        if caught().is_some() || refused.is_some() {
            break;
        }
        super::draw(&mut terminal, |f| {
            crate::present::notes_view::draw(
                f,
                &theme,
                &name,
                connected,
                stalled.as_deref(),
                state.as_ref(),
            )
        })?;
        // The presenter's clock, when it shows one, ticks here too.
        let deadline = state.as_ref().filter(|(s, _)| s.clock).map(|(s, at)| {
            let ms = (s.elapsed_ms + at.elapsed().as_millis() as u64) % 1000;
            std::time::Instant::now() + Duration::from_millis(1000 - ms)
        });
        match events.next(deadline) {
            Wake::Notes(ev) => match ev {
                NoteEvent::Connected => {
                    connected = true;
                    stalled = None;
                }
                NoteEvent::Stalled(why) => stalled = Some(why),
                NoteEvent::State(s) => state = Some((s, std::time::Instant::now())),
                NoteEvent::Disconnected => {
                    connected = false;
                    state = None;
                }
                NoteEvent::Refused(why) => *refused = Some(why),
            },
            Wake::Input(Event::Key(k))
                if k.kind != KeyEventKind::Release && crate::input::keymap::current().quits(&k) =>
            {
                break;
            }
            Wake::Failed(e) => return Err(e),
            Wake::Signal => break,
            Wake::Resumed => super::forget_screen(&mut terminal)?,
            Wake::Input(_)
            | Wake::Suspend
            | Wake::Changed
            | Wake::Written
            | Wake::Timeout
            | Wake::Checked(_)
            | Wake::Found(_)
            | Wake::Changes(_)
            | Wake::Loaded(..) => {}
        }
    }
    Ok(())
}
