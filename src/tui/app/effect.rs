//! What [`App::update`] asks the loop to do against the store ([`Effect`]), and what
//! came back ([`Outcome`]).

use chrono::NaiveDate;

use crate::domain::Dimension;
use crate::domain::{SectionChange, SlipDetail, Status};
use crate::store::{Filter, NewSlip, Order, SlipEdit, SlipRow, StatusCounts};

/// The tab counts to take: every tab's filter, and the all-tabs one (with a text search,
/// one pass over it by status counts every tab at once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountRequest {
    /// The filter of the "all" tab (the extra filters and the search).
    pub all: Filter,
    /// Each tab's filter, in tab order.
    pub tabs: Vec<Filter>,
}

/// A window of the slip table to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRequest {
    /// Which slips.
    pub filter: Filter,
    /// Read in this order…
    pub order: Order,
    /// …this many…
    pub limit: usize,
    /// …after skipping this many…
    pub offset: usize,
    /// …and reverse them (a page past the middle is read from the other end).
    pub reverse: bool,
}

/// A search typed so far: the first page and the tab counts of its list. Performed off
/// the UI thread when there is a database file to open twice (see `tui::worker`); a
/// newer request makes an older one's results stale (its `generation` is behind).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchRequest {
    /// Which search this is; results of an older one are dropped.
    pub generation: u64,
    /// The first page (read first: it is what the eye waits for).
    pub page: PageRequest,
    /// Then the tab counts.
    pub counts: CountRequest,
}

/// One section's reply to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyToSave {
    /// Section code.
    pub section: String,
    /// The text.
    pub text: String,
    /// It replaces a reply on record (the message says so).
    pub replaces: bool,
    /// What to do to the outcome (対応区分) on record.
    pub outcome: crate::store::OutcomeChoice,
}

/// The summary's report to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SummaryRequest {
    /// Fiscal year.
    pub fiscal_year: i32,
    /// Rows.
    pub by: Dimension,
    /// Columns: months, quarters, halves or a trend of years.
    pub per: crate::report::Per,
    /// The first time the screen opens: move to the latest year that has slips.
    pub first: bool,
}

/// Tab counts as the store gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Counts {
    /// One count per tab, in tab order.
    PerTab(Vec<u64>),
    /// Counts by status of the all-tabs filter (the app works out each tab's), and the
    /// counts of tabs no status decides (承認待ち, 差し戻し), by tab index.
    ByStatus(StatusCounts, Vec<(usize, u64)>),
}

/// What the loop must do against the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Leave meyasu.
    Quit,
    /// Stop meyasu in the background (Ctrl-Z), where the platform has job control.
    Suspend,
    /// Count the tabs (then the app asks for the page it shows).
    LoadList(CountRequest),
    /// Load a window of the table.
    LoadPage(PageRequest),
    /// The first page and the counts of a search being typed.
    Search(Box<SearchRequest>),
    /// Load one slip (and, for the office, the slips most like it).
    LoadDetail(i64),
    /// Read the open slip again after someone else changed the database, leaving an
    /// open form alone (it is told if the slip changed under it).
    LoadDetailElsewhere(i64),
    /// Find the slips most like one (after it was saved in the entry form).
    LoadSimilar(i64),
    /// Rank the sections to suggest in triage for one slip.
    LoadSuggestions(i64),
    /// The templates and past replies the reply form offers for a slip.
    LoadReplyAids(i64),
    /// Remove a template (then offer the aids again).
    RemoveTemplate {
        /// Its number.
        id: i64,
        /// The slip whose reply form is open.
        for_slip: i64,
    },
    /// Mail the summary's report (xlsx) to the address the settings name (`report_to`).
    MailReport(SummaryRequest),
    /// Read the filled reply sheets in the folder the settings name (`sheet_inbox`).
    PlanCollect,
    /// Record these sheets' new and changed replies.
    ApplyCollect(Vec<crate::io::sheets::Plan>),
    /// Read a slip and open the review of its replies over the list.
    OpenReview(i64),
    /// Work out each section's request (依頼) or reminder (督促), to show before sending.
    PrepareAsks(crate::store::AskKind),
    /// Mail these reminders, section by section (off the UI thread in the TUI, see
    /// `tui::courier`); what was sent is recorded, what was not is not.
    SendAsks(Box<Outgoing>),
    /// Stop sending reminders after the section being sent now.
    StopMail,
    /// Keep a draft as a template of its section (then offer the aids again).
    AddTemplate {
        /// Section code.
        section: String,
        /// The text.
        text: String,
        /// The slip whose reply form is open.
        for_slip: i64,
    },
    /// Build the summary's report.
    LoadSummary(SummaryRequest),
    /// Several effects, in order (after a change: the list and the open slip).
    Batch(Vec<Effect>),
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
        /// One per section, in order.
        replies: Vec<ReplyToSave>,
    },
    /// Change status.
    /// Work out what a status change would do to each slip (shown before a bulk change).
    PlanStatus {
        /// Slips.
        ids: Vec<i64>,
        /// New status.
        to: Status,
        /// A reason was given.
        has_reason: bool,
    },
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
    /// Approve a section's reply that waits for review.
    ApproveReply {
        /// Slip and version.
        target: (i64, Option<i64>),
        /// Section code.
        section: String,
    },
    /// Send a section's reply back with a reason.
    ReturnReply {
        /// Slip and version.
        target: (i64, Option<i64>),
        /// Section code.
        section: String,
        /// Why.
        reason: String,
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
    /// The tab counts.
    Counts(Counts),
    /// The slip could not be opened; the message to show.
    DetailFailed(String),
    /// Something was written: read the list (and the open slip) again.
    Changed,
    /// The open slip as read after another user's change (see
    /// [`Effect::LoadDetailElsewhere`]).
    DetailElsewhere(Box<SlipDetail>),
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
    /// The first page of search `generation`.
    SearchPage(u64, Vec<SlipRow>),
    /// The tab counts of search `generation`.
    SearchCounts(u64, Counts),
    /// One slip.
    Detail(Box<SlipDetail>),
    /// The slips most like slip `.0`.
    Similar(i64, Vec<crate::store::Similar>),
    /// The sections suggested for slip `.0`.
    Suggestions(i64, Vec<crate::store::Suggestion>),
    /// What the reply form for slip `.0` may insert.
    ReplyAids(i64, Vec<super::ReplyAid>),
    /// A message that changes nothing on screen (the form stays open).
    Note(String),
    /// Reply sheets read: the folder, each sheet's plan, the files refused whole.
    Collected(Box<(String, Vec<crate::io::sheets::Plan>, Vec<String>)>),
    /// Each section's request or reminder, prepared: those to send, and those held back
    /// (reminders the section had within `days` office days).
    Asks(Box<PreparedAsks>),
    /// Reminders are being sent: the progress line.
    MailProgress(String),
    /// What a status change would do to each slip, to confirm.
    StatusPlan(Vec<crate::store::StatusStep>),
    /// A slip to open the reply form on, over the current screen.
    ReplyTo(Box<SlipDetail>),
    /// A slip to open the review on, over the current screen.
    ReviewOf(Box<SlipDetail>),
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
    /// The search of this generation failed (an error or a panic on the search thread);
    /// the message to show. Counting stops.
    SearchFailed(u64, String),
}

/// Requests or reminders worked out, to show before anything is sent (the CLI's too).
pub use crate::office::asks::Prepared as PreparedAsks;

/// Requests or reminders to mail from the TUI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// Request (依頼) or reminder (督促).
    pub kind: crate::store::AskKind,
    /// Per section, what to send.
    pub asks: Vec<crate::store::SectionAsk>,
    /// Each mail carries its section's reply sheet.
    pub sheets: bool,
    /// The last audit event seen when they were worked out.
    pub seen: i64,
}
