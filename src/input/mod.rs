//! Keys: their names, the default table, and the keymap in force.

pub mod action;
pub mod defaults;
pub mod keymap;
pub mod keys;
