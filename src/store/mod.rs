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
mod query;
mod requests;
mod review;
mod sections;
mod sheets;
pub use sheets::{Collected, SheetRecord, SheetReply, SheetRowState};
mod suggest;
mod tally;
mod templates;
mod text_index;
pub use suggest::{DutyHit, Explanation, KeyTerm, SimilarHit, Suggestion, duty_hits};
pub use text_index::Similar;
mod write;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

use crate::clock::Clock;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::config::{Seed, Settings};
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

/// The bar shown on standard error while the text index is built for an older database.
fn reindex_bar(total: u64) -> indicatif::ProgressBar {
    let b = indicatif::ProgressBar::new(total);
    let style = format!(
        "{} {{bar:40}} {{pos}}/{{len}} {{eta}}",
        crate::i18n::Msg::Reindexing.text(crate::i18n::lang())
    );
    b.set_style(
        indicatif::ProgressStyle::with_template(&style)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    b
}

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

fn open_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
        hint: None,
    }
}

/// An SQLite failure while opening, with what to do about it.
fn open_sql_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Open {
        path: path.to_path_buf(),
        hint: crate::error::sqlite_hint(&e),
        reason: e.to_string(),
    }
}

impl Store {
    /// Open (creating and seeding if new) the database at `path`.
    ///
    /// The parent folder is created. A new file is readable by its owner only.
    /// A database written by a newer meyasu is refused, untouched.
    pub fn open(path: &Path, seed: &Seed) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
                hint: Some(crate::i18n::Msg::HintCannotOpen),
            })?;
        }
        // A device (/dev/null), a pipe or a folder is not a database file.
        if let Ok(m) = std::fs::metadata(path)
            && !m.is_file()
        {
            // Said of a database, not as the import says it of a table file.
            return Err(Error::Open {
                path: path.to_path_buf(),
                reason: crate::i18n::tr(if m.is_dir() {
                    crate::i18n::Msg::DbIsFolder
                } else {
                    crate::i18n::Msg::DbNotRegular
                })
                .to_string(),
                hint: None,
            });
        }
        let is_new = !path.exists();
        // A file whose permission bits allow no writing is opened read-only, so it can
        // still be read (and a change is refused with a clear message), even as root.
        // A file or folder this user may not write (a colleague's database in a 0555
        // folder) is opened read-only too: listing works, a change is refused, said so.
        let read_only = !is_new
            && (std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
                || !may_write(path)
                || path.parent().is_some_and(|d| {
                    !may_write(if d.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        d
                    })
                }));
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = match Connection::open_with_flags(path, flags) {
            Ok(c) if read_only && !wal_readable(&c) => open_immutable(path)?,
            Ok(c) => c,
            Err(e) => return Err(open_sql_error(path, e)),
        };
        if is_new {
            restrict_permissions(path);
        }
        Self::init(conn, path.to_path_buf(), seed, read_only)
    }

    /// A second, read-only connection to a database another [`Store`] has opened (and
    /// brought to the current schema): for reading off the UI thread.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_sql_error(path, e))?;
        Self::init(conn, path.to_path_buf(), &Seed::embedded(), true)
    }

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
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Open the database `--db` / `MEYASU_DB` / the default path names, seeded (when new)
    /// from `MEYASU_SEED_DIR` or the built-in `data/`.
    pub fn open_default(db: Option<&Path>) -> Result<Store> {
        let path = crate::config::db_path(db);
        let seed = Seed::from_env()?;
        Store::open(&path, &seed)
    }

    /// An in-memory database (for tests and previews).
    pub fn open_in_memory(seed: &Seed) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Self::init(conn, PathBuf::from(":memory:"), seed, false)
    }

    fn init(mut conn: Connection, path: PathBuf, seed: &Seed, read_only: bool) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let found: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .map_err(|e| open_sql_error(&path, e))? as usize;
        if found > schema_version() {
            return Err(Error::NewerSchema {
                path: path.display().to_string(),
                found,
                supported: schema_version(),
            });
        }
        if read_only && found < schema_version() {
            return Err(Error::Open {
                path: path.clone(),
                reason: format!("schema {found} < {}", schema_version()),
                hint: Some(crate::i18n::Msg::HintReadOnly),
            });
        }
        // Another program's database is not ours to add tables to.
        let app_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| open_sql_error(&path, e))?;
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| open_sql_error(&path, e))?;
        if (app_id != 0 && app_id != APPLICATION_ID) || (found == 0 && tables > 0) {
            return Err(Error::NotOurs(path.clone()));
        }
        if found > 0 && found < schema_version() && path.as_os_str() != ":memory:" {
            backup_before_migration(&conn, &path, found)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if path.as_os_str() != ":memory:" && !read_only {
            conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
                .map_err(|e| open_sql_error(&path, e))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        if !read_only {
            migrations::migrations().to_latest(&mut conn)?;
            if (1..13).contains(&found) {
                // An older database: index the slips it already holds, in one transaction,
                // with a bar on a terminal when that takes a moment.
                let tx = conn.transaction()?;
                let mut bar = None;
                text_index::rebuild(&tx, &mut |done, total| {
                    if total >= 10_000 && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                        let b = bar.get_or_insert_with(|| reindex_bar(total));
                        b.set_position(done);
                    }
                })?;
                if let Some(b) = bar {
                    b.finish_and_clear();
                }
                tx.commit()?;
            }
            if (1..12).contains(&found) {
                // Sections from before duties were kept get the seed's, where the seed
                // has the section.
                for s in &seed.catalog.sections {
                    conn.execute(
                        "UPDATE section SET duties = ?2 WHERE code = ?1 AND duties = ''",
                        rusqlite::params![s.label.code, s.duties.join("\n")],
                    )?;
                }
            }
            if app_id == 0 {
                conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            }
        }
        let mut store = Store {
            conn,
            path,
            catalog: Catalog::default(),
            clock: Clock::system(),
            actor: crate::config::actor(),
            liaison: None,
        };
        let seeded: Option<String> = store
            .conn
            .query_row("SELECT value FROM setting WHERE key = 'seeded'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if seeded.is_none() && !read_only {
            store.seed(seed)?;
        }
        // The outcomes came with schema 8: a database seeded before gets the seed's now.
        let outcomes: i64 = store
            .conn
            .query_row("SELECT count(*) FROM outcome", [], |r| r.get(0))?;
        if outcomes == 0 && !read_only {
            for (i, l) in seed.catalog.outcomes.iter().enumerate() {
                store.conn.execute(
                    "INSERT OR IGNORE INTO outcome (code, name, name_en, sort) VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![l.code, l.name, l.name_en, i as i64],
                )?;
            }
        }
        store.reload_catalog()?;
        Ok(store)
    }

    fn seed(&mut self, seed: &Seed) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (i, s) in seed.catalog.sections.iter().enumerate() {
            tx.execute(
                "INSERT OR IGNORE INTO section (code, name, name_en, department, department_en, active, sort, email, duties)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8)",
                rusqlite::params![
                    s.label.code,
                    s.label.name,
                    s.label.name_en,
                    s.department,
                    s.department_en,
                    i as i64,
                    s.email,
                    s.duties.join("\n")
                ],
            )?;
        }
        for (table, list) in [
            ("floor", &seed.catalog.floors),
            ("kind", &seed.catalog.kinds),
        ] {
            let sql = match table {
                "floor" => {
                    "INSERT OR IGNORE INTO floor (code, name, name_en, sort) VALUES (?1, ?2, ?3, ?4)"
                }
                _ => {
                    "INSERT OR IGNORE INTO kind (code, name, name_en, sort) VALUES (?1, ?2, ?3, ?4)"
                }
            };
            for (i, l) in list.iter().enumerate() {
                tx.execute(sql, rusqlite::params![l.code, l.name, l.name_en, i as i64])?;
            }
        }
        let st = &seed.settings;
        for (k, v) in [
            ("ward", st.ward.clone()),
            ("ward_en", st.ward_en.clone()),
            ("reply_days", st.reply_days.to_string()),
            ("business_days", st.business_days.to_string()),
            ("review_replies", st.review_replies.to_string()),
            ("remind_days", st.remind_days.to_string()),
            ("mail_timeout", st.mail_timeout.to_string()),
            ("seeded", self.clock.today().to_string()),
        ] {
            tx.execute(
                "INSERT OR REPLACE INTO setting (key, value) VALUES (?1, ?2)",
                rusqlite::params![k, v],
            )?;
        }
        tx.commit()?;
        Ok(())
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
        self.catalog.resolve_section(given, active_only)
    }

    /// Resolve a floor by code or name; `1` also finds `1F`/`1階`.
    pub fn resolve_floor(&self, given: &str) -> Result<String> {
        self.catalog.resolve_floor(given)
    }

    /// Resolve a kind by code or name.
    pub fn resolve_kind(&self, given: &str) -> Result<String> {
        self.catalog.resolve_kind(given)
    }

    /// A setting's value as stored, if it passes [`crate::config::check_setting`] (a value
    /// written by hand or by an older meyasu that no longer does reads as not set).
    fn checked_setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .setting(key)?
            .and_then(|v| crate::config::check_setting(key, &v)))
    }

    /// A setting's value.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The office settings as stored.
    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings {
            ward: self.checked_setting("ward")?.unwrap_or_default(),
            ward_en: self.checked_setting("ward_en")?.unwrap_or_default(),
            reply_days: self.reply_days()?,
            business_days: self.setting("business_days")?.as_deref() == Some("true"),
            review_replies: self.setting("review_replies")?.as_deref() == Some("true"),
            mail_from: self.checked_setting("mail_from")?.unwrap_or_default(),
            mail_relay: self.checked_setting("mail_relay")?.unwrap_or_default(),
            remind_days: self.number_setting("remind_days", 5)?,
            mail_timeout: self.number_setting("mail_timeout", 20)?,
            contact_name: self.setting("contact_name")?.unwrap_or_default(),
            contact_ext: self.setting("contact_ext")?.unwrap_or_default(),
            contact_mail: self.setting("contact_mail")?.unwrap_or_default(),
        })
    }

    /// A numeric setting, or `default` when it is not set (a database from before it).
    fn number_setting(&self, key: &str, default: u32) -> Result<u32> {
        Ok(self
            .checked_setting(key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    }

    /// Change one office setting, checked by [`crate::config::check_setting`] (the one
    /// rule for the seed and the database too). Anything else is refused, naming what can
    /// be set.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<String> {
        let stored = crate::config::check_setting(key, value).ok_or_else(|| Error::BadSetting {
            key: key.to_string(),
            value: value.to_string(),
        })?;
        let (at, actor) = (self.now(), self.actor().to_string());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let old: Option<String> = tx
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        tx.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?1, ?2)",
            rusqlite::params![key, stored],
        )?;
        // Every change is audited, in the same transaction: turning review off, a new
        // relay, a new contact.
        if old.as_deref() != Some(stored.as_str()) {
            Self::section_event(
                &tx,
                &actor,
                &at,
                "setting",
                key,
                old.as_deref(),
                Some(&stored),
            )?;
        }
        tx.commit()?;
        Ok(stored)
    }

    /// Default reply period in days.
    pub fn reply_days(&self) -> Result<u32> {
        Ok(self
            .checked_setting("reply_days")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(14))
    }

    /// The default due date for a slip assigned on `today`.
    pub fn default_due(&self, today: NaiveDate) -> Result<NaiveDate> {
        let s = self.settings()?;
        Ok(crate::domain::date::due_after(
            today,
            s.reply_days,
            s.business_days,
        ))
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

/// Copy the database aside before upgrading its schema: `meyasu.db.schema1-20261122-184900.bak`.
fn backup_before_migration(conn: &Connection, path: &Path, found: usize) -> Result<()> {
    let stamp = Clock::system().file_stamp();
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".schema{found}-{stamp}.bak"));
    let dest = PathBuf::from(name);
    // Created 0600 before a byte is copied: the copy holds every slip.
    crate::files::create_private(&dest).map_err(|e| Error::Write {
        path: dest.clone(),
        cause: e,
    })?;
    conn.backup(rusqlite::MAIN_DB, &dest, None)
        .map_err(|e| open_error(path, e))?;
    Ok(())
}

/// Whether this process may write `path` (as the kernel decides: owner, group, root).
#[cfg(unix)]
fn may_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path for the call's duration.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn may_write(_path: &Path) -> bool {
    true
}

/// Whether a read-only connection can read: a WAL database in a folder it may not write
/// cannot make its `-shm` file unless a writer has it open.
fn wal_readable(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok()
}

/// Open a database no one is writing now (its folder is not writable, no `-shm` beside
/// it) as immutable: read as it is on disk.
fn open_immutable(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let uri = percent_safe(&path.to_string_lossy());
    Connection::open_with_flags(&uri, flags).map_err(|e| open_sql_error(path, e))
}

/// `file:` URI of `path` with `?immutable=1`, `%`, `?` and `#` escaped.
fn percent_safe(path: &str) -> String {
    let mut uri = String::from("file:");
    for c in path.chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            _ => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) {}

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
