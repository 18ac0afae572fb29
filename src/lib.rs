//! meyasu (目安箱): a terminal tool for a ward office's suggestion box.
//!
//! The library holds everything; `src/main.rs` only parses arguments and hands
//! over to [`cli::run`] or [`tui::run`]. Neither front end touches SQL: they go
//! through [`store::Store`].

pub mod config;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod text;

pub use error::{Error, Result};
pub mod cli;
pub mod io;
pub mod report;
pub mod store;
pub mod tui;
