//! SQLite's failures turned into the crate's error, here where SQLite is named: the
//! kinds a user can do something about (busy, read-only, full, damaged) kept apart.

use crate::error::{Error, SqlFailure, SqlKind};

/// The kind of an SQLite failure.
pub(crate) fn kind_of(e: &rusqlite::Error) -> SqlKind {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DatabaseBusy | DatabaseLocked) => SqlKind::Busy,
        Some(ReadOnly) => SqlKind::ReadOnly,
        Some(DiskFull) => SqlKind::DiskFull,
        Some(NotADatabase | DatabaseCorrupt) => SqlKind::Corrupt,
        Some(CannotOpen) => SqlKind::CannotOpen,
        Some(SystemIoFailure) => SqlKind::Io,
        Some(OperationInterrupted) => SqlKind::Interrupted,
        _ => SqlKind::Other,
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Sqlite(SqlFailure {
            kind: kind_of(&e),
            text: e.to_string(),
        })
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Error {
        match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => err.into(),
            other => Error::Migration(other.to_string()),
        }
    }
}
