//! The office's rules, one place each, below both front ends: the CLI and the TUI parse
//! input and render, and call these for what to ask, how asks are sent and recorded,
//! and how returned sheets are collected. Above the store (all SQL) and beside the
//! formats (`report`, `io`), which it uses.

pub mod asks;
pub mod collect;
pub mod detail;
