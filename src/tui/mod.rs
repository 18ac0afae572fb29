//! The terminal UI.

use crate::cli::Cli;

/// Open the TUI.
pub fn run(_cli: &Cli) -> anyhow::Result<()> {
    Ok(())
}
