//! Everything a key, a click or the wheel can ask a screen to do: the
//! reader's actions and the presentation's. They live with the keys so
//! the keymap needs nothing of the screens it serves.

use crate::briefing::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `q`: quit, or back to the library when the briefing came from one.
    Quit,
    /// Ctrl-c: quit from anywhere.
    QuitAll,
    Help,
    Escape,
    NextPane,
    PrevPane,
    /// `0`: the overview (bottom line, key points, open issues).
    Overview,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Enter,
    /// A digit key: a pane in a list, a link in the detail.
    Digit(u8),
    FollowLink(usize),
    Back,
    Forward,
    ToggleFilter,
    Sources,
    OpenUrl,
    CopyUrl,
    /// In a source's text: copy a citation of the paragraph or match.
    CopyCitation,
    Zoom,
    Search,
    SearchInput(char),
    SearchBackspace,
    SearchNext,
    SearchPrev,
    SearchSubmit,
    NextResult,
    PrevResult,
    /// A click on row `row` (from the top of the visible rows) of the
    /// list pane of this kind.
    Click {
        pane: Option<Kind>,
        row: usize,
    },
    /// The wheel over the list pane of this kind (`None`: the detail, the
    /// overview or the text in the panes' place).
    ScrollPane {
        pane: Option<Kind>,
        down: bool,
    },
    /// `p`: present the briefing from the selected item.
    Present,
    /// `r`: read the file again.
    Reload,
    /// `e`: the errors of a save that did not load, else the warnings.
    ShowErrors,
    /// The last message, whole (a long one is cut on the status line).
    Message,
    /// `c`: what changed (since a revision), or pick one to compare with.
    Changes,
    /// `m`: the stance matrix.
    Matrix,
    /// Sideways in a picture (a column of the matrix).
    Left,
    Right,
    /// In the matrix: sort the actors (file order, name, positions).
    CycleSort,
    /// In the matrix: hide actors with no position, or show them again.
    HideEmpty,
    /// `t`: the time axis.
    Axis,
    /// On the axis: zoom in or out around the selection, pan, fit all.
    ZoomIn,
    ZoomOut,
    PanLeft,
    PanRight,
    /// On the map: pan north or south.
    PanUp,
    PanDown,
    Fit,
    /// `M`: the map.
    Map,
    /// `a`: see the briefing as of a date.
    AsOf,
    Tick,
}

/// What a key asks of a presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PAction {
    Next,
    Prev,
    First,
    Last,
    Digit(u8),
    /// Enter: go to the typed number, or next when none was typed.
    Enter,
    /// `G`: the typed number, or the last slide.
    GotoOrLast,
    Index,
    Blank,
    ToggleClock,
    ToggleFooter,
    ToggleNotes,
    RestartClock,
    /// Read the file again (for when it cannot be watched).
    Reload,
    Help,
    Leave,
    Quit,
    /// Any key while blank or in an overlay.
    Dismiss,
    Tick,
}
