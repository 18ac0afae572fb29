//! The private-text prompt: text to mask when the slip is published.

use ratatui_textarea::TextArea;

/// The private-text prompt.
#[derive(Debug)]
pub struct PrivateForm {
    /// The slip and its version.
    pub target: (i64, Option<i64>),
    /// The text to add.
    pub input: TextArea<'static>,
    /// Error line.
    pub error: Option<String>,
}
