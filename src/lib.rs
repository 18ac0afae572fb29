//! meyasu (目安箱): a terminal tool for a ward office's suggestion box.
//!
//! The library holds everything; `src/main.rs` only parses arguments and hands
//! over to [`cli::run`] or [`tui::run`]. Neither front end touches SQL: they go
//! through [`store::Store`].

pub mod clock;
pub mod config;
pub mod domain;
pub mod error;
pub mod files;
pub mod i18n;
pub mod sheet;
pub mod text;

pub use error::{Error, Result};

/// `--version`: the program's version and the database schema it writes, so a support
/// request says both (a newer schema is refused by an older meyasu).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (database schema 13)");
pub mod cli;
pub mod io;
pub mod office;
pub mod report;
pub mod search;
pub mod store;
pub mod tui;
