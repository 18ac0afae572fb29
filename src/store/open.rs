//! Opening a database: creating and seeding a new one, refusing a newer or foreign one,
//! opening read-only what this user may not write, upgrading an older schema (with a
//! kept copy first) and indexing what an older database holds.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{APPLICATION_ID, Store, migrations, schema_version, text_index};
use crate::clock::Clock;
use crate::config::Seed;
use crate::domain::Catalog;
use crate::error::{Error, Result};

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
        hint: super::sql_error::kind_of(&e).hint(),
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

    /// Bring an opened connection to a usable store, in named steps: the file checked
    /// (ours, not newer), the pragmas set, the schema upgraded (with a kept copy and the
    /// text index of an older database), a new database seeded, the catalogue read.
    fn init(mut conn: Connection, path: PathBuf, seed: &Seed, read_only: bool) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // The writes of a sheet or an import run the same few statements for each row.
        conn.set_prepared_statement_cache_capacity(64);
        let (found, app_id) = check_file(&conn, &path, read_only)?;
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
            upgrade(&mut conn, found, seed)?;
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
        if !read_only {
            store.seed_if_new(seed)?;
        }
        store.reload_catalog()?;
        Ok(store)
    }

    /// Seed a database never seeded; give one seeded before outcomes existed (schema 8)
    /// the seed's outcomes.
    fn seed_if_new(&mut self, seed: &Seed) -> Result<()> {
        let seeded: Option<String> = self
            .conn
            .query_row("SELECT value FROM setting WHERE key = 'seeded'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if seeded.is_none() {
            self.seed(seed)?;
        }
        let outcomes: i64 = self
            .conn
            .query_row("SELECT count(*) FROM outcome", [], |r| r.get(0))?;
        if outcomes == 0 {
            for (i, l) in seed.catalog.outcomes.iter().enumerate() {
                self.conn.execute(
                    "INSERT OR IGNORE INTO outcome (code, name, name_en, sort) VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![l.code, l.name, l.name_en, i as i64],
                )?;
            }
        }
        Ok(())
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

/// The file's schema version and application id: a newer schema, another program's
/// database, or an older schema opened read-only is refused, untouched.
fn check_file(conn: &Connection, path: &Path, read_only: bool) -> Result<(usize, i64)> {
    let found: usize = conn
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(|e| open_sql_error(path, e))? as usize;
    if found > schema_version() {
        return Err(Error::NewerSchema {
            path: path.display().to_string(),
            found,
            supported: schema_version(),
        });
    }
    if read_only && found < schema_version() {
        return Err(Error::Open {
            path: path.to_path_buf(),
            reason: format!("schema {found} < {}", schema_version()),
            hint: Some(crate::i18n::Msg::HintReadOnly),
        });
    }
    // Another program's database is not ours to add tables to.
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| open_sql_error(path, e))?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| open_sql_error(path, e))?;
    if (app_id != 0 && app_id != APPLICATION_ID) || (found == 0 && tables > 0) {
        return Err(Error::NotOurs(path.to_path_buf()));
    }
    Ok((found, app_id))
}

/// Migrate to the current schema; an older database (schema `found`) gets its slips
/// indexed for search (with a bar on a terminal when that takes a moment) and its
/// sections the seed's duties where it has none.
fn upgrade(conn: &mut Connection, found: usize, seed: &Seed) -> Result<()> {
    migrations::migrations().to_latest(conn)?;
    if (1..13).contains(&found) {
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
        for s in &seed.catalog.sections {
            conn.execute(
                "UPDATE section SET duties = ?2 WHERE code = ?1 AND duties = ''",
                rusqlite::params![s.label.code, s.duties.join("\n")],
            )?;
        }
    }
    Ok(())
}
