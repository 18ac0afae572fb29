//! The store: one SQLite file behind typed queries. Every write is one transaction
//! that also writes its audit event; every slip update checks the slip's version.

/// The one definition of a reply that counts, as SQL over the reply table aliased `$r`
/// (DESIGN.md): a reply approved by the team. One waiting for review (draft, 承認待ち)
/// or sent back (returned, 差し戻し) is not an answer in any figure.
macro_rules! counts_as_reply {
    ($r:literal) => {
        concat!($r, ".state = 'approved'")
    };
}

/// The keys of the outcome table's rows that are not outcomes (`report --by outcome`):
/// a slip with no section, an item not replied to yet, a reply waiting for review, one
/// sent back. They start with `~`, which no outcome code may.
macro_rules! outcome_key {
    (no_section) => {
        "~none"
    };
    (open) => {
        "~open"
    };
    (waiting) => {
        "~waiting"
    };
    (returned) => {
        "~returned"
    };
}

mod assign;
pub mod backup;
mod bulk;
#[cfg(feature = "dev")]
mod generate;
mod migrations;
mod open;
mod query;
mod requests;
mod review;
mod sections;
mod settings;
mod sheets;
mod sql_error;
mod status_plan;
pub use sheets::{Collected, SheetRecord, SheetReply, SheetRowState};
pub use status_plan::StatusStep;
mod suggest;
mod tally;
mod templates;
mod text_index;
pub use suggest::{
    CLEAR as SUGGEST_CLEAR, DutyHit, Explanation, KeyTerm, SimilarHit, Suggestion, duty_hits,
};
pub use text_index::Similar;
mod write;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use crate::clock::Clock;
use rusqlite::Connection;

use crate::domain::{Catalog, Label, Section};
use crate::error::{Error, Result};
use crate::i18n::Lang;

pub use bulk::{ImportSlip, Loader, Seen};
pub use query::{Filter, Order, OutcomeFilter, SlipRow, StatusCounts};
pub use requests::{AskItem, AskKind, AskWhy, SectionAsk};
pub use sections::SectionEvent;
pub use sections::check_address;
pub use tally::{CountRow, DueRow, ReplyRow, report_sql};

/// Row keys of the outcome table that are not outcomes (see `outcome_key!`): a slip
/// with no section, an item with no reply yet, a reply waiting for review, one sent back.
pub const OUTCOME_ROWS_APART: [&str; 4] = [
    outcome_key!(open),
    outcome_key!(waiting),
    outcome_key!(returned),
    outcome_key!(no_section),
];
pub use templates::Template;
pub use write::{NewSlip, OutcomeChoice, SlipEdit};

/// `PRAGMA application_id` of a meyasu database ("meya"), so that another program's file
/// is never taken for one.
pub const APPLICATION_ID: i64 = 0x6d65_7961;

/// Open an existing database without creating one (for commands that only read): a
/// mistyped `--db` is an error, not a new empty database.
pub fn must_exist(path: &Path) -> Result<()> {
    if path.exists() {
        Ok(())
    } else {
        Err(Error::File {
            file: path.display().to_string(),
            problem: crate::error::FileProblem::Missing,
        })
    }
}

/// The newest schema version this build knows (also in [`crate::VERSION`]; a test keeps
/// the two equal).
pub fn schema_version() -> usize {
    13
}

/// Stops a store's running query from another thread ([`Store::interrupt_handle`]).
pub struct Interrupt(rusqlite::InterruptHandle);

impl Interrupt {
    /// Stop the query running now, if any (it fails as interrupted).
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

/// The open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    catalog: Catalog,
    clock: Clock,
    actor: String,
    liaison: Option<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// A number that changes whenever another connection (another user, the CLI, a
    /// liaison) commits to the file; this connection's own writes leave it alone.
    /// Costs microseconds, so the TUI polls it to follow other people's work.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// A handle that stops this connection's running query from another thread (it
    /// then fails with an "interrupted" error).
    pub fn interrupt_handle(&self) -> Interrupt {
        Interrupt(self.conn.get_interrupt_handle())
    }

    /// Read the sections, floors, kinds and outcomes again (another connection may have
    /// changed them: a section's address, its active flag). The TUI calls this when
    /// `data_version` moves.
    pub fn refresh_catalog(&mut self) -> Result<()> {
        self.reload_catalog()
    }

    fn reload_catalog(&mut self) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT code, name, name_en, department, department_en, active, email, duties
               FROM section ORDER BY sort, code",
        )?;
        self.catalog.sections = stmt
            .query_map([], |r| {
                Ok(Section {
                    label: Label {
                        code: r.get(0)?,
                        name: r.get(1)?,
                        name_en: r.get(2)?,
                    },
                    department: r.get(3)?,
                    department_en: r.get(4)?,
                    active: r.get(5)?,
                    email: r.get(6)?,
                    duties: r
                        .get::<_, String>(7)?
                        .lines()
                        .filter(|w| !w.is_empty())
                        .map(String::from)
                        .collect(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        self.catalog.floors =
            self.labels("SELECT code, name, name_en FROM floor ORDER BY sort, code")?;
        self.catalog.kinds =
            self.labels("SELECT code, name, name_en FROM kind ORDER BY sort, code")?;
        self.catalog.outcomes = self.labels(
            "SELECT code, name, name_en FROM outcome WHERE active = 1 ORDER BY sort, code",
        )?;
        Ok(())
    }

    fn labels(&self, sql: &str) -> Result<Vec<Label>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Label {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    name_en: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for reports and import/export in this crate.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Stop the clock at `now` for `created_at` and audit times (demo data, tests);
    /// `None` for the office's clock from the environment.
    pub fn set_now(&mut self, now: Option<NaiveDateTime>) {
        self.clock = now.map(Clock::fixed).unwrap_or_else(Clock::system);
    }

    /// Set the person recorded in the audit log (default: [`crate::config::actor`]).
    pub fn set_actor(&mut self, actor: &str) {
        self.actor = actor.to_string();
    }

    /// Write as section `code`'s liaison from now on (`None`: as the team). A liaison's
    /// reply waits for the team's review when `review_replies` is on.
    pub fn set_liaison(&mut self, code: Option<String>) {
        self.liaison = code;
    }

    /// The liaison's section the store writes as, if any.
    pub fn liaison(&self) -> Option<&str> {
        self.liaison.as_deref()
    }

    pub(crate) fn actor(&self) -> &str {
        &self.actor
    }

    fn now(&self) -> String {
        self.clock.stamp()
    }

    /// The clock every stamp of this store reads (the office's day, see [`Clock`]).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Date this store's writes by `clock` from now on.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The catalogue of sections, floors and kinds.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// All sections, active or not, in table order.
    pub fn sections(&self) -> &[Section] {
        &self.catalog.sections
    }

    /// Floors with a box, in order.
    pub fn floors(&self) -> &[Label] {
        &self.catalog.floors
    }

    /// Kinds of slip, in order.
    pub fn kinds(&self) -> &[Label] {
        &self.catalog.kinds
    }

    /// The section with this code.
    pub fn section(&self, code: &str) -> Option<&Section> {
        self.catalog.section(code)
    }

    /// Display name of a section code in `lang` (the code itself if unknown).
    pub fn section_name(&self, code: &str, lang: Lang) -> String {
        self.catalog.section_name(code, lang)
    }

    /// Display name of a floor code.
    pub fn floor_name(&self, code: &str, lang: Lang) -> String {
        self.catalog.floor_name(code, lang)
    }

    /// Display name of a kind code.
    pub fn kind_name(&self, code: &str, lang: Lang) -> String {
        self.catalog.kind_name(code, lang)
    }

    /// Resolve a section by code or name. With `active_only`, inactive ones are unknown.
    pub fn resolve_section(&self, given: &str, active_only: bool) -> Result<String> {
        Ok(self.catalog.resolve_section(given, active_only)?)
    }

    /// Resolve a floor by code or name; `1` also finds `1F`/`1階`.
    pub fn resolve_floor(&self, given: &str) -> Result<String> {
        Ok(self.catalog.resolve_floor(given)?)
    }

    /// Resolve a kind by code or name.
    pub fn resolve_kind(&self, given: &str) -> Result<String> {
        Ok(self.catalog.resolve_kind(given)?)
    }
}

impl crate::domain::Names for Store {
    fn section_name(&self, code: &str, lang: Lang) -> String {
        Store::section_name(self, code, lang)
    }
    fn floor_name(&self, code: &str, lang: Lang) -> String {
        Store::floor_name(self, code, lang)
    }
    fn kind_name(&self, code: &str, lang: Lang) -> String {
        Store::kind_name(self, code, lang)
    }
}

#[cfg(test)]
mod version_tests {
    #[test]
    fn version_names_this_schema() {
        assert!(
            crate::VERSION.ends_with(&format!("(database schema {})", super::schema_version()))
        );
        assert_eq!(super::migrations::migrations().validate(), Ok(()));
    }
}
