//! The list panes and the detail of the selection: the base the reader
//! browses in. Their keys are the reader's own (moving, following links,
//! filters), in `App::update`; their drawing here.

pub mod detail;
pub mod list;
