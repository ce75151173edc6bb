//! The JSON Schema (draft 2020-12) of format v1, for editors and tools.

pub const SCHEMA: &str = include_str!("../docs/brief.schema.json");
