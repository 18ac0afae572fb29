//! `meyasu backup` and `meyasu restore`, through SQLite's online backup API: a backup
//! can be taken while the TUI is open in another terminal, and a restore checks the
//! file first and keeps a copy of what it replaces.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Store, schema_version};
use crate::clock::Clock;
use crate::error::{Error, Result};

/// What a database file holds, as checked before a restore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspection {
    /// Its schema version.
    pub schema: usize,
    /// Slips in it.
    pub slips: u64,
}

fn fail(path: &Path, reason: impl Into<String>) -> Error {
    Error::Open {
        path: path.to_path_buf(),
        reason: reason.into(),
        hint: None,
    }
}

/// Copy the open database to `dest` as one consistent snapshot. `dest` must not exist
/// unless `force` (then it is replaced whole, never the database itself). The copy is
/// readable as the database is, less any access for others: 0600 for a private database,
/// 0660 for one its group shares, so a colleague can run the restore drill.
pub fn backup(store: &Store, dest: &Path, force: bool) -> Result<Inspection> {
    let db_files = crate::files::database_files(store.path());
    if db_files.iter().any(|p| crate::files::same_file(p, dest)) {
        return Err(Error::OutputIsDatabase(dest.to_path_buf()));
    }
    if dest.is_dir() || (dest.exists() && !force) {
        return Err(fail(dest, crate::i18n::tr(crate::i18n::Msg::ErrFileExists)));
    }
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::files::make_folder(dir, crate::files::Access::Team)?;
    // The copy is made beside the target under a temporary name and takes the target's
    // name only when complete: a full disk leaves no half backup to block the next one.
    let part = tempfile::Builder::new()
        .prefix(".meyasu-backup-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| Error::Write {
            path: dest.to_path_buf(),
            cause: e,
        })?
        .into_temp_path();
    {
        let tmp: &Path = &part;
        let mut dst = Connection::open(tmp).map_err(|e| fail(dest, e.to_string()))?;
        // No journal for the copy being made: a failure part way (a full disk) leaves no
        // `.part-journal` beside the target; the temporary file itself goes when dropped.
        let _ = dst.query_row("PRAGMA journal_mode = OFF", [], |_| Ok(()));
        let b = Backup::new(store.conn(), &mut dst)?;
        // All pages in one step: one read transaction, so the copy is a snapshot even
        // while another process writes (WAL lets it go on writing meanwhile).
        let mut tries = 0;
        loop {
            match b.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked if tries < 100 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => {
                    return Err(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        None,
                    )
                    .into());
                }
            }
        }
        drop(b);
        // One self-contained file: no -wal or -shm beside it for a rotation script to
        // miss (meyasu turns WAL on again when it opens a restored database).
        dst.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    }
    part.persist(dest).map_err(|e| Error::Write {
        path: dest.to_path_buf(),
        cause: e.error,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(store.path())
            .map(|m| m.permissions().mode() & 0o660)
            .unwrap_or(0o600)
            | 0o600;
        let _ = std::fs::set_permissions(dest, std::fs::Permissions::from_mode(mode));
    }
    inspect(dest)
}

/// Check a database file: SQLite's integrity check, a schema this build knows, slips.
pub fn inspect(path: &Path) -> Result<Inspection> {
    // A folder, a device (/dev/zero) or a pipe is refused by name before SQLite opens it;
    // a database has no size limit beyond the disk's.
    let problem = match std::fs::metadata(path) {
        Err(_) => Some(crate::error::FileProblem::Missing),
        Ok(m) if m.is_dir() => Some(crate::error::FileProblem::Directory),
        Ok(m) if !m.is_file() => Some(crate::error::FileProblem::NotRegular),
        Ok(_) => None,
    };
    if let Some(problem) = problem {
        return Err(Error::File {
            file: path.display().to_string(),
            problem,
        });
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| fail(path, e.to_string()))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| fail(path, e.to_string()))?;
    if check != "ok" {
        return Err(fail(path, format!("integrity_check: {check}")));
    }
    let schema: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let schema = schema as usize;
    if schema > schema_version() {
        return Err(Error::NewerSchema {
            path: path.display().to_string(),
            found: schema,
            supported: schema_version(),
        });
    }
    let slips: i64 = conn
        .query_row("SELECT count(*) FROM slip", [], |r| r.get(0))
        .map_err(|_| fail(path, crate::i18n::tr(crate::i18n::Msg::ErrNotMeyasuDb)))?;
    Ok(Inspection {
        schema,
        slips: slips as u64,
    })
}

/// Replace the database at `db` with the backup `src`, after checking `src` and copying
/// the current database aside (named by `clock`'s moment). Returns the path of that copy.
pub fn restore(db: &Path, src: &Path, clock: &Clock) -> Result<PathBuf> {
    inspect(src)?;
    let stamp = clock.file_stamp();
    // Never over an earlier kept copy: two restores in the same second get -2, -3…
    let aside = (1..)
        .map(|n| {
            let mut name = db.as_os_str().to_owned();
            match n {
                1 => name.push(format!(".before-restore-{stamp}.bak")),
                n => name.push(format!(".before-restore-{stamp}-{n}.bak")),
            }
            PathBuf::from(name)
        })
        .find(|p| !p.exists())
        .expect("an unused name");
    let mut conn = Connection::open(db).map_err(|e| fail(db, e.to_string()))?;
    conn.busy_timeout(Duration::from_secs(5))?;
    if db.exists() {
        // The kept copy holds every slip: created readable by its owner only.
        crate::files::create_private(&aside).map_err(|e| Error::Write {
            path: aside.clone(),
            cause: e,
        })?;
        conn.backup(rusqlite::MAIN_DB, &aside, None)?;
    }
    conn.restore(
        rusqlite::MAIN_DB,
        src,
        None::<fn(rusqlite::backup::Progress)>,
    )?;
    Ok(aside)
}
