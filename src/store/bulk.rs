//! Bulk writes: many slips in one transaction (imports).

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{TransactionBehavior, params};

use super::Store;
use crate::domain::Status;
use crate::error::Result;

/// A validated slip from a file, codes resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSlip {
    /// Line in the file, for reports.
    pub line: u64,
    /// Date collected.
    pub received_on: NaiveDate,
    /// Floor code.
    pub floor: String,
    /// Kind code.
    pub kind: String,
    /// Text (NFC).
    pub body: String,
    /// Summary.
    pub summary: Option<String>,
    /// Section codes.
    pub sections: Vec<String>,
    /// Status.
    pub status: Status,
    /// Due date.
    pub due_on: Option<NaiveDate>,
    /// Replies: section code, text, date.
    pub replies: Vec<(String, String, NaiveDate)>,
    /// Outcomes (対応区分) of those replies: section code, outcome code.
    pub outcomes: Vec<(String, String)>,
    /// Kept off the public list.
    pub no_publish: bool,
}

impl ImportSlip {
    /// The key that makes two slips the same: date, floor, kind and text.
    pub fn key(&self) -> (NaiveDate, String, String, String) {
        (
            self.received_on,
            self.floor.clone(),
            self.kind.clone(),
            self.body.clone(),
        )
    }
}

impl Store {
    /// Keys (date, floor, kind, text) of the slips received on any of `dates`.
    pub fn keys_on(
        &self,
        dates: &HashSet<NaiveDate>,
    ) -> Result<HashSet<(NaiveDate, String, String, String)>> {
        let mut out = HashSet::new();
        let (Some(min), Some(max)) = (dates.iter().min(), dates.iter().max()) else {
            return Ok(out);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT received_on, floor, kind, body FROM slip WHERE received_on BETWEEN ?1 AND ?2",
        )?;
        let rows = stmt.query_map(params![min.to_string(), max.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (d, f, k, b) = row?;
            if let Ok(d) = NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                && dates.contains(&d)
            {
                out.insert((d, f, k, b));
            }
        }
        Ok(out)
    }

    /// Insert `slips` in one transaction, each with an `imported` event naming `source`.
    /// Either all go in or none. `progress` is called with the count done.
    pub fn insert_imported(
        &mut self,
        slips: &[ImportSlip],
        source: &str,
        mut progress: impl FnMut(usize),
    ) -> Result<Vec<i64>> {
        let at = self.now();
        let actor = self.actor().to_string();
        // A larger page cache (64 MiB) while the indexes grow keeps them from spilling.
        self.conn.pragma_update(None, "cache_size", -65536)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut ids = Vec::with_capacity(slips.len());
        // Loading more slips than the table holds: building the secondary indexes once
        // afterwards is cheaper than growing them row by row.
        let existing: i64 = tx.query_row("SELECT count(*) FROM slip", [], |r| r.get(0))?;
        let rebuild: Vec<(String, String)> = if slips.len() as i64 > existing {
            let mut stmt = tx.prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                 AND tbl_name IN ('slip', 'slip_section', 'event', 'reply')",
            )?;
            let list = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
            for (name, _) in &list {
                tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "")))?;
            }
            list
        } else {
            vec![]
        };
        {
            let mut slip = tx.prepare(
                "INSERT INTO slip (received_on, floor, kind, body, summary, status, due_on, no_publish,
                                   created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, 1)",
            )?;
            let mut tag = tx
                .prepare("INSERT OR IGNORE INTO slip_section (slip_id, section) VALUES (?1, ?2)")?;
            let mut reply = tx.prepare(
                "INSERT OR REPLACE INTO reply (slip_id, section, text, replied_on, by, created_at, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut event = tx.prepare(
                "INSERT INTO event (slip_id, at, actor, action, new, note) VALUES (?1, ?2, ?3, 'imported', ?4, ?5)",
            )?;
            for (i, s) in slips.iter().enumerate() {
                slip.execute(params![
                    s.received_on.to_string(),
                    s.floor,
                    s.kind,
                    s.body,
                    s.summary,
                    s.status.code(),
                    s.due_on.map(|d| d.to_string()),
                    s.no_publish,
                    at
                ])?;
                let id = tx.last_insert_rowid();
                for sec in &s.sections {
                    tag.execute(params![id, sec])?;
                }
                for (sec, text, on) in &s.replies {
                    let outcome = s.outcomes.iter().find(|(c, _)| c == sec).map(|(_, o)| o);
                    reply.execute(params![id, sec, text, on.to_string(), actor, at, outcome])?;
                }
                // Replies in section order, the last for a section kept (as INSERT OR
                // REPLACE does), as `text_index::reindex` reads them.
                let replies: std::collections::BTreeMap<&str, &str> = s
                    .replies
                    .iter()
                    .map(|(sec, text, _)| (sec.as_str(), text.as_str()))
                    .collect();
                let replies: Vec<String> = replies.into_values().map(String::from).collect();
                super::text_index::add(&tx, id, &s.body, s.summary.as_deref(), &replies)?;
                event.execute(params![
                    id,
                    at,
                    actor,
                    s.status.code(),
                    format!("{source}:{}", s.line)
                ])?;
                ids.push(id);
                if i % 1000 == 999 {
                    progress(i + 1);
                }
            }
        }
        // The same CREATE INDEX statements, read back from the schema just above.
        for (_, sql) in &rebuild {
            tx.execute_batch(sql)?;
        }
        tx.commit()?;
        self.conn.pragma_update(None, "cache_size", -2000)?;
        progress(slips.len());
        Ok(ids)
    }
}
