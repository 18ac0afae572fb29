//! Popups drawn over a screen, one module each.

mod duplicate;
mod filter;
mod private;
mod reply;
mod status;
mod triage;

pub use duplicate::*;
pub use filter::*;
pub use private::*;
pub use reply::*;
pub use status::*;
pub use triage::*;

/// Popups drawn over a screen. Only one exists at a time, so the size of the
/// largest variant costs nothing worth boxing for.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Popup {
    /// Key help (scroll offset).
    Help(u16),
    /// Triage.
    Triage(TriageForm),
    /// Status change.
    Status(StatusForm),
    /// Reply.
    Reply(ReplyForm),
    /// Filter.
    Filter(FilterForm),
    /// Duplicate.
    Duplicate(DuplicateForm),
    /// Private text.
    Private(PrivateForm),
}
