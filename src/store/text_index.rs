//! Keeping the text index ([`crate::search`]) equal to the slips, in the same
//! transaction as each write.

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::search::document;

/// Replace slip `id`'s entry in the index with its text and summary as they are now.
pub(crate) fn reindex(conn: &Connection, id: i64) -> Result<()> {
    let (body, summary): (String, Option<String>) =
        conn.query_row("SELECT body, summary FROM slip WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    conn.execute("DELETE FROM slip_text WHERE rowid = ?1", [id])?;
    add(conn, id, &body, summary.as_deref())
}

/// Add slip `id`'s entry (a new slip).
pub(crate) fn add(conn: &Connection, id: i64, body: &str, summary: Option<&str>) -> Result<()> {
    let doc = document([body, summary.unwrap_or("")]);
    conn.prepare_cached("INSERT INTO slip_text (rowid, grams) VALUES (?1, ?2)")?
        .execute(params![id, doc])?;
    Ok(())
}

/// Build the whole index again from the slips (after the migration that adds it).
pub(crate) fn rebuild(conn: &Connection) -> Result<u64> {
    conn.execute("DELETE FROM slip_text", [])?;
    let mut stmt = conn.prepare("SELECT id, body, summary FROM slip")?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let (id, body, summary): (i64, String, Option<String>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        add(conn, id, &body, summary.as_deref())?;
        n += 1;
    }
    Ok(n)
}
