//! What [`App::update`] asks the loop to do against the store ([`Effect`]), and what
//! came back ([`Outcome`]).

use chrono::NaiveDate;

use crate::domain::{SectionChange, SlipDetail, Status};
use crate::store::{NewSlip, SlipEdit, SlipRow};

/// What the loop must do against the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Leave meyasu.
    Quit,
    /// Stop meyasu in the background (Ctrl-Z), where the platform has job control.
    Suspend,
    /// Count and load the first page for the current filter.
    LoadList,
    /// Load the current window.
    LoadPage,
    /// Load one slip.
    LoadDetail(i64),
    /// Build the summary's report.
    LoadSummary,
    /// Save a new slip.
    Add(NewSlip),
    /// Save corrections.
    Edit(i64, SlipEdit, i64),
    /// Change the sections of slips and set their due date.
    Assign {
        /// Slips and versions.
        targets: Vec<(i64, Option<i64>)>,
        /// The change (section codes).
        change: SectionChange,
        /// Due date.
        due: NaiveDate,
        /// The user confirmed removing sections that replied (their replies stay).
        remove_replied: bool,
    },
    /// Load a slip to write a reply to it (from the inbox).
    OpenReply(i64),
    /// Record replies, one per section, in order.
    Reply {
        /// Slip and version.
        target: (i64, Option<i64>),
        /// (section code, text, whether it replaces a reply on record).
        replies: Vec<(String, String, bool)>,
    },
    /// Change status.
    SetStatus {
        /// Slips and versions.
        targets: Vec<(i64, Option<i64>)>,
        /// New status.
        to: Status,
        /// Reason.
        reason: Option<String>,
    },
    /// Keep a slip off the public list, or put it back.
    SetNoPublish {
        /// Slip and version.
        target: (i64, Option<i64>),
        /// Hide.
        hide: bool,
    },
    /// Mark (or with `None`, clear) private text.
    MarkPrivate {
        /// Slip and version.
        target: (i64, Option<i64>),
        /// The text; `None` clears every mark.
        text: Option<String>,
    },
    /// Void a slip entered by mistake.
    Void {
        /// Slip and version.
        target: (i64, Option<i64>),
        /// Why.
        reason: String,
    },
    /// Bring a voided slip back.
    Restore {
        /// Slip and version.
        target: (i64, Option<i64>),
    },
    /// Mark duplicate.
    Duplicate {
        /// The duplicate slip and version.
        target: (i64, Option<i64>),
        /// The original.
        of: i64,
    },
}

/// What came back from performing an [`Effect`].
#[derive(Debug)]
pub enum Outcome {
    /// A new list: total, counts per tab, first window.
    List {
        /// Matching slips.
        total: u64,
        /// Count per tab, in tab order.
        counts: Vec<u64>,
        /// Rows of the window.
        rows: Vec<SlipRow>,
    },
    /// A window of rows.
    Page(Vec<SlipRow>),
    /// One slip.
    Detail(Box<SlipDetail>),
    /// A slip to open the reply form on, over the current screen.
    ReplyTo(Box<SlipDetail>),
    /// The summary's report.
    Summary(Box<crate::report::Report>),
    /// The fiscal year the summary should show.
    SummaryYear(i32),
    /// A slip was added (its number).
    Added(i64),
    /// A change was saved; the message to show.
    Done(String),
    /// A change failed; the message to show.
    Failed(String),
}
