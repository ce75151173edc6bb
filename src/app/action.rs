//! Everything a key, a click or the wheel can ask the reader to do.

use super::Pane;

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
    Pane(Pane),
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
    /// A click on row `row` (from the top of the visible rows) of a pane.
    Click {
        pane: Option<Pane>,
        row: usize,
    },
    /// The wheel over a pane (`None`: the detail).
    ScrollPane {
        pane: Option<Pane>,
        down: bool,
    },
    /// `p`: present the briefing from the selected item.
    Present,
    /// `r`: read the file again.
    Reload,
    /// `e`: show the errors of a save that did not load.
    ShowErrors,
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
