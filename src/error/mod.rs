//! The library's error type. Every message says what was wrong, where, and what to do,
//! in the UI language (see [`crate::i18n`]); the words are built in [`message`], the
//! kinds and exit codes live here.

mod message;

use std::path::PathBuf;

use crate::domain::{Status, TransitionError};
use crate::i18n::{Msg, lang};

pub use message::os_reason;

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong in meyasu.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(lang()))]
pub enum Error {
    /// No slip has this id.
    NotFound(i64),
    /// The section is not in the table.
    UnknownSection {
        /// What was given.
        given: String,
        /// The known codes with names.
        known: Vec<String>,
    },
    /// The floor is not in the table.
    UnknownFloor {
        /// What was given.
        given: String,
        /// The known floors.
        known: Vec<String>,
    },
    /// The kind is not in the table.
    UnknownKind {
        /// What was given.
        given: String,
        /// The known kinds.
        known: Vec<String>,
    },
    /// Approving or returning a reply that is not there or not waiting.
    ReplyStep {
        /// The slip.
        id: i64,
        /// The section's name.
        section: String,
        /// What the table said.
        err: crate::domain::ReplyStepError,
    },
    /// Returning a reply without saying why.
    ReturnNeedsReason,
    /// Not a mail address.
    BadAddress(String),
    /// A word that cannot be a section's duty (blank, several lines, too long).
    BadDuty(String),
    /// No template has this number.
    NoTemplate(i64),
    /// Mail is not set up (no sender or no relay in the settings).
    NoMailSetup,
    /// `reply` without a section, for a slip with none or several: which.
    ReplyWhichSection(i64, String),
    /// A returned reply sheet refused whole (not ours, edited, another database's).
    SheetRefused {
        /// The file.
        file: String,
        /// Why, in the UI language.
        reason: String,
    },
    /// Some of the reply sheets collected were refused whole (how many).
    SheetsRefused(usize),
    /// The TUI's `I` with no `sheet_inbox` folder set.
    NoSheetInbox,
    /// A mail address with non-ASCII characters (needs SMTPUTF8).
    UnicodeAddress(String),
    /// Several sections' mail failed (each message).
    MailFailures(Vec<String>),
    /// A slip's private-text marks cannot be read.
    MaskUnreadable(i64),
    /// The summary's mail key with no `report_to` set.
    NoReportTo,
    /// The mail relay refused or could not be reached; nothing was recorded as sent.
    Mail {
        /// The relay (host, or sendmail).
        host: String,
        /// The section whose mail failed.
        section: String,
        /// What happened.
        reason: String,
    },
    /// A setting that does not exist or a value it cannot take.
    BadSetting {
        /// The key given.
        key: String,
        /// The value given.
        value: String,
    },
    /// The outcome (対応区分) is not in the table.
    UnknownOutcome {
        /// What was given.
        given: String,
        /// The known outcomes, as `name (code)`, joined.
        known: String,
    },
    /// Not a status.
    UnknownStatus(String),
    /// A `list --status` word that is neither a status nor a tab's name.
    UnknownListStatus(String),
    /// A date that cannot be read.
    BadDate {
        /// The field (受付日, 期限…), already in the UI language.
        field: String,
        /// What was given.
        input: String,
    },
    /// A month that cannot be read.
    BadMonth(String),
    /// Empty slip text.
    EmptyText,
    /// Empty reply text.
    EmptyReply,
    /// A status change the workflow forbids.
    Transition(TransitionError),
    /// The section is not tagged on the slip.
    NotTagged {
        /// The section given.
        section: String,
        /// The slip's sections.
        tagged: Vec<String>,
    },
    /// A change to a voided slip.
    Voided(i64),
    /// Restoring a slip that is not voided.
    NotVoided(i64),
    /// A reply to a slip that takes none in its status.
    ReplyClosed {
        /// Slip id.
        id: i64,
        /// Its status.
        status: Status,
    },
    /// Removing sections that have replied, without saying so.
    RemovesReplied {
        /// Slip id.
        id: i64,
        /// The sections that replied (codes).
        sections: Vec<String>,
    },
    /// Someone changed the slip since it was read.
    Stale {
        /// Slip id.
        id: i64,
        /// The version the caller had.
        expected: i64,
        /// The version in the database.
        actual: i64,
    },
    /// The database was written by a newer meyasu.
    NewerSchema {
        /// The database file.
        path: String,
        /// Its schema version.
        found: usize,
        /// The newest this build knows.
        supported: usize,
    },
    /// A section code is taken.
    SectionExists(String),
    /// A code with characters that are not allowed.
    BadCode(String),
    /// A name with control characters.
    BadName(String),
    /// A name holding `=?` (an RFC 2047 encoded word in a mail's Subject).
    EncodedWordName(String),
    /// A slip marked as duplicate of itself.
    DuplicateSelf,
    /// A duplicate of a slip that (through others) duplicates it.
    DuplicateCycle {
        /// The slip being marked.
        id: i64,
        /// The one it would repeat.
        of: i64,
    },
    /// A section name another section has.
    SectionNameTaken {
        /// The name.
        name: String,
        /// The section that has it.
        code: String,
    },
    /// Text to mark private that the slip does not contain.
    NotInText(String),
    /// A slip outside the liaison's section.
    NotInSection {
        /// Slip id.
        id: i64,
        /// The liaison's section.
        section: String,
    },
    /// A file format the command does not write.
    UnknownFormat {
        /// What was asked.
        given: String,
        /// The formats it writes.
        known: Vec<&'static str>,
    },
    /// A report grouping that does not exist.
    UnknownDimension(String),
    /// A report column step (`--per`) that does not exist.
    UnknownPer(String),
    /// A `--years` range that cannot be read or runs backwards or too long.
    BadYears(String),
    /// A binary format asked for on a terminal.
    BinaryToTerminal,
    /// Loading the demo into a database that holds slips.
    DemoNotEmpty(PathBuf),
    /// A command a liaison (`--section` / `MEYASU_SECTION`) may not run.
    LiaisonCommand(String),
    /// A date that cannot be a slip's (after today, or before 1989).
    DateOutOfRange {
        /// The field, in the UI language.
        field: String,
        /// The date given.
        date: chrono::NaiveDate,
        /// Today.
        today: chrono::NaiveDate,
        /// What is wrong.
        problem: crate::domain::date::DateProblem,
    },
    /// A text longer than its limit.
    TooLong {
        /// The field, in the UI language.
        field: String,
        /// The limit in characters.
        limit: usize,
        /// Its length.
        len: usize,
    },
    /// A due date before the day the slip was received.
    DueBeforeReceived {
        /// The due date given.
        due: chrono::NaiveDate,
        /// The day received.
        received: chrono::NaiveDate,
    },
    /// A problem with an input file as a whole (not one of its cells).
    File {
        /// File name as given.
        file: String,
        /// What is wrong.
        problem: FileProblem,
    },
    /// A section name that is empty.
    EmptyName,
    /// A deactivated section asked to reply.
    SectionInactive(String),
    /// Triage on a closed slip (公表済 or 回答不要).
    AssignClosed {
        /// Slip id.
        id: i64,
        /// Its status.
        status: Status,
    },
    /// A database written by another program.
    NotOurs(PathBuf),
    /// An output that would replace the database's own files.
    OutputIsDatabase(PathBuf),
    /// An output file that exists (and `--force` was not given).
    OutputExists(PathBuf),
    /// Writing a file failed (nothing of it is left).
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        cause: std::io::Error,
    },
    /// A bad cell in an input file.
    Input {
        /// File name.
        file: String,
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: usize,
        /// Column header.
        field: String,
        /// What is wrong (already localised).
        reason: String,
    },
    /// The database cannot be opened.
    Open {
        /// Path.
        path: PathBuf,
        /// Why.
        reason: String,
        /// What to do about it, when known.
        hint: Option<Msg>,
    },
    /// A seed file cannot be read.
    Seed {
        /// Path or name.
        file: String,
        /// Why.
        reason: String,
    },
    /// Several problems at once (every bad cell of a file).
    Many(Vec<Error>),
    /// SQLite failed (the store says how: [`SqlFailure`]).
    Sqlite(SqlFailure),
    /// A migration failed (the migration library's words).
    Migration(String),
    /// I/O failed.
    Io(#[from] std::io::Error),
}

/// What can be wrong with a file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// It is a folder.
    Directory,
    /// Not a regular file (a FIFO, a device such as /dev/zero).
    NotRegular,
    /// Larger than the limit (bytes).
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// No header row.
    Empty,
    /// Named .xlsx but not a workbook (the library's words).
    NotXlsx(String),
    /// Neither UTF-8 nor Shift_JIS.
    Encoding,
    /// No such file.
    Missing,
    /// It cannot be read (the system's words).
    Unreadable(String),
}

/// Whether an I/O error is a full disk, a quota or a file-size limit (as SQLite counts
/// them too: no room for the file).
pub fn is_disk_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull
            | std::io::ErrorKind::QuotaExceeded
            | std::io::ErrorKind::FileTooLarge
    ) || matches!(e.raw_os_error(), Some(27 | 28))
}

/// An SQLite failure as the store describes it (the store alone names the SQLite
/// library): what kind of failure, for what the user can do, and SQLite's own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqlFailure {
    /// The kind, where it has a plain cause.
    pub kind: SqlKind,
    /// SQLite's words.
    pub text: String,
}

impl std::fmt::Display for SqlFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for SqlFailure {}

/// Kinds of SQLite failure a user can do something about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlKind {
    /// Another writer holds the database.
    Busy,
    /// The file or its folder may not be written.
    ReadOnly,
    /// No room on the disk.
    DiskFull,
    /// Not a database, or a damaged one.
    Corrupt,
    /// The file cannot be opened.
    CannotOpen,
    /// The system failed to read or write.
    Io,
    /// Stopped on purpose (a newer search).
    Interrupted,
    /// Anything else.
    Other,
}

impl SqlKind {
    /// What a user can do about it, for the kinds with a plain cause.
    pub fn hint(self) -> Option<Msg> {
        match self {
            SqlKind::Busy => Some(Msg::HintBusy),
            SqlKind::ReadOnly => Some(Msg::HintReadOnly),
            SqlKind::DiskFull => Some(Msg::HintDiskFull),
            SqlKind::Corrupt => Some(Msg::HintCorrupt),
            SqlKind::CannotOpen => Some(Msg::HintCannotOpen),
            SqlKind::Io => Some(Msg::HintIo),
            SqlKind::Interrupted | SqlKind::Other => None,
        }
    }
}

impl From<crate::domain::UnknownName> for Error {
    fn from(e: crate::domain::UnknownName) -> Error {
        use crate::domain::UnknownName as U;
        match e {
            U::Section { given, known } => Error::UnknownSection { given, known },
            U::Floor { given, known } => Error::UnknownFloor { given, known },
            U::Kind { given, known } => Error::UnknownKind { given, known },
            U::Outcome { given, known } => Error::UnknownOutcome { given, known },
        }
    }
}

impl Error {
    /// The process exit code for this error: 3 stale edit, 4 cannot open / newer schema /
    /// damaged, 5 busy, 6 read-only or disk full, 1 anything else.
    pub fn exit_code(&self) -> u8 {
        let hint = match self {
            Error::Sqlite(e) => e.kind.hint(),
            Error::Open { hint, .. } => *hint,
            _ => None,
        };
        match (self, hint) {
            (Error::Stale { .. }, _) => 3,
            (Error::Write { cause, .. }, _) if is_disk_full(cause) => 6,
            (_, Some(Msg::HintBusy)) => 5,
            (_, Some(Msg::HintReadOnly | Msg::HintDiskFull | Msg::HintIo)) => 6,
            (Error::Open { .. } | Error::NewerSchema { .. } | Error::NotOurs(_), _)
            | (_, Some(Msg::HintCorrupt)) => 4,
            _ => 1,
        }
    }
}

impl From<TransitionError> for Error {
    fn from(t: TransitionError) -> Self {
        Error::Transition(t)
    }
}
