//! Bulk writes: many slips in one transaction (imports).

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::TransactionBehavior;

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

/// Slips written in one INSERT of many rows (each slip's row holds 11 values).
const BATCH: usize = 64;

/// The text index's in-memory buffer of terms during a load, and SQLite's default.
const BULK_HASH_BYTES: i64 = 16 << 20;
const DEFAULT_HASH_BYTES: i64 = 1 << 20;

/// Whether a slip's key (date, floor, kind, text) was met before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// Not in the database nor earlier in the file: it is recorded as met.
    New,
    /// The database holds a slip with this key.
    InDb,
    /// An earlier line of the file (given) had it.
    InFile(u64),
}

/// A key as 128 bits: two SipHash passes with different seeds. Two keys share it with a
/// chance of about one in 10^38, far below that of a disk error.
fn key_hash(received_on: &str, floor: &str, kind: &str, body: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let half = |seed: u8| {
        let mut h = std::hash::DefaultHasher::new();
        (seed, received_on, floor, kind, body).hash(&mut h);
        h.finish() as u128
    };
    half(0) << 64 | half(1)
}

/// A bulk load in progress inside one transaction ([`Store::load`]): which keys are
/// there already, and the write of each new slip with its `imported` audit event.
pub struct Loader<'c> {
    conn: &'c rusqlite::Connection,
    write: bool,
    at: String,
    actor: String,
    source: String,
    /// Key hashes of the slips the database held: all of them when the load is larger
    /// than the table, else read date by date as the rows reach each date.
    in_db: HashSet<u128>,
    /// The dates already read into `in_db` (`None`: all were read at the start).
    dates_read: Option<HashSet<NaiveDate>>,
    /// Key hashes met in this file, with their lines.
    in_file: std::collections::HashMap<u128, u64>,
    written: usize,
    /// The number of the first slip written: the text index is written from it on.
    first_id: Option<i64>,
    /// The number the next slip gets.
    next_id: Option<i64>,
    /// Slips waiting to be written, with their numbers.
    pending: Vec<(i64, ImportSlip)>,
}

impl Loader<'_> {
    /// Whether `slip`'s key was met, in the database or earlier in the file; a new key is
    /// recorded (with the slip's line) so that a later line with it is a duplicate.
    pub fn seen(&mut self, slip: &ImportSlip) -> Result<Seen> {
        let day = slip.received_on.to_string();
        let key = key_hash(&day, &slip.floor, &slip.kind, &slip.body);
        if let Some(first) = self.in_file.get(&key) {
            return Ok(Seen::InFile(*first));
        }
        if let Some(read) = &mut self.dates_read
            && read.insert(slip.received_on)
        {
            // Both partial indexes by date: the slips in use and the voided ones.
            let mut stmt = self.conn.prepare_cached(
                "SELECT floor, kind, body FROM slip WHERE received_on = ?1 AND voided = 0
                 UNION ALL
                 SELECT floor, kind, body FROM slip WHERE received_on = ?1 AND voided = 1",
            )?;
            let mut rows = stmt.query([&day])?;
            while let Some(r) = rows.next()? {
                let (f, k, b): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                self.in_db.insert(key_hash(&day, &f, &k, &b));
            }
        }
        if self.in_db.contains(&key) {
            return Ok(Seen::InDb);
        }
        self.in_file.insert(key, slip.line);
        Ok(Seen::New)
    }

    /// Insert `slip` with its sections, replies and audit event (in batches of
    /// [`BATCH`]: one INSERT of many rows costs far less than as many of one row); its
    /// number. On a load that does not write (a dry run) nothing is inserted and 0 comes
    /// back.
    pub fn write(&mut self, slip: ImportSlip) -> Result<i64> {
        if !self.write {
            return Ok(0);
        }
        let id = match self.next_id {
            Some(id) => id,
            // Numbers go on from the highest, as SQLite gives them; no one else writes
            // while the load's transaction holds the lock.
            None => self
                .conn
                .query_row("SELECT coalesce(max(id), 0) + 1 FROM slip", [], |r| {
                    r.get(0)
                })?,
        };
        self.next_id = Some(id + 1);
        self.first_id.get_or_insert(id);
        self.pending.push((id, slip));
        if self.pending.len() == BATCH {
            self.flush()?;
        }
        self.written += 1;
        Ok(id)
    }

    /// Write the slips waiting in `pending`: their rows, then their sections', replies'
    /// and events', each table in one INSERT.
    fn flush(&mut self) -> Result<()> {
        use rusqlite::types::Value;
        let text = |s: String| Value::Text(s);
        let maybe = |s: Option<String>| s.map_or(Value::Null, Value::Text);
        let (mut slips, mut tags, mut replies, mut events) = (vec![], vec![], vec![], vec![]);
        let (mut n_tags, mut n_replies) = (0, 0);
        let batch = std::mem::take(&mut self.pending);
        let n = batch.len();
        let (at, actor) = (text(self.at.clone()), text(self.actor.clone()));
        for (id, s) in batch {
            events.extend([
                Value::Integer(id),
                text(s.status.code().to_string()),
                text(format!("{}:{}", self.source, s.line)),
                at.clone(),
                actor.clone(),
            ]);
            slips.extend([
                Value::Integer(id),
                text(s.received_on.to_string()),
                text(s.floor),
                text(s.kind),
                text(s.body),
                maybe(s.summary),
                text(s.status.code().to_string()),
                maybe(s.due_on.map(|d| d.to_string())),
                Value::Integer(s.no_publish.into()),
                at.clone(),
                at.clone(),
            ]);
            for sec in s.sections {
                tags.extend([Value::Integer(id), text(sec)]);
                n_tags += 1;
            }
            for (sec, reply, on) in s.replies {
                let outcome = s.outcomes.iter().find(|(c, _)| *c == sec);
                let outcome = maybe(outcome.map(|(_, o)| o.clone()));
                replies.extend([Value::Integer(id), text(sec), text(reply)]);
                replies.extend([text(on.to_string()), outcome, actor.clone(), at.clone()]);
                n_replies += 1;
            }
        }
        let rows = |head: &str, row: &str, count: usize, values: Vec<Value>| -> Result<()> {
            if count > 0 {
                let sql = format!("{head} VALUES {}", vec![row; count].join(","));
                let mut stmt = self.conn.prepare_cached(&sql)?;
                stmt.execute(rusqlite::params_from_iter(values))?;
            }
            Ok(())
        };
        rows(
            "INSERT INTO slip (id, received_on, floor, kind, body, summary, status, due_on,
                               no_publish, created_at, updated_at, version)",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            n,
            slips,
        )?;
        rows(
            "INSERT OR IGNORE INTO slip_section (slip_id, section)",
            "(?, ?)",
            n_tags,
            tags,
        )?;
        // In file order, so that of a section's two replies the last is kept.
        rows(
            "INSERT OR REPLACE INTO reply (slip_id, section, text, replied_on, outcome, by,
                                           created_at)",
            "(?, ?, ?, ?, ?, ?, ?)",
            n_replies,
            replies,
        )?;
        rows(
            "INSERT INTO event (slip_id, new, note, at, actor, action)",
            "(?, ?, ?, ?, ?, 'imported')",
            n,
            events,
        )
    }

    /// Slips written so far.
    pub fn written(&self) -> usize {
        self.written
    }
}

impl Store {
    /// Run `fill` with a [`Loader`] inside one transaction, committed only if `fill`
    /// returns `Ok` (and `write`; a load that does not write only reads). `source` names
    /// the file in each audit event; `rows_hint` is at least the rows to come: a load
    /// larger than the table drops its secondary indexes and builds them once at the
    /// end, which is cheaper than growing them row by row.
    pub fn load<R>(
        &mut self,
        source: &str,
        rows_hint: usize,
        write: bool,
        fill: impl FnOnce(&mut Loader<'_>) -> Result<R>,
    ) -> Result<R> {
        let at = self.now();
        let actor = self.actor().to_string();
        // A larger page cache (32 MiB) while the tables and the text index grow keeps
        // them from spilling to the log page by page.
        if write {
            self.conn.pragma_update(None, "cache_size", -32768)?;
        }
        let out = self.load_in_transaction(source, rows_hint, write, at, actor, fill);
        if write {
            self.conn.pragma_update(None, "cache_size", -2000)?;
        }
        out
    }

    fn load_in_transaction<R>(
        &mut self,
        source: &str,
        rows_hint: usize,
        write: bool,
        at: String,
        actor: String,
        fill: impl FnOnce(&mut Loader<'_>) -> Result<R>,
    ) -> Result<R> {
        let behavior = if write {
            TransactionBehavior::Immediate
        } else {
            TransactionBehavior::Deferred
        };
        let tx = self.conn.transaction_with_behavior(behavior)?;
        let existing: i64 = tx.query_row("SELECT count(*) FROM slip", [], |r| r.get(0))?;
        let bulk = write && rows_hint as i64 > existing;
        let mut loader = Loader {
            conn: &tx,
            write,
            at,
            actor,
            source: source.to_string(),
            in_db: HashSet::new(),
            dates_read: Some(HashSet::new()),
            in_file: Default::default(),
            written: 0,
            first_id: None,
            next_id: None,
            pending: Vec::with_capacity(BATCH),
        };
        let mut rebuild: Vec<(String, String)> = vec![];
        if bulk {
            // Every key the table holds (fewer than the rows to come), before the date
            // indexes go.
            let mut stmt = tx.prepare("SELECT received_on, floor, kind, body FROM slip")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (d, f, k, b): (String, String, String, String) =
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                loader.in_db.insert(key_hash(&d, &f, &k, &b));
            }
            loader.dates_read = None;
            let mut stmt = tx.prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                 AND tbl_name IN ('slip', 'slip_section', 'event', 'reply')",
            )?;
            rebuild = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
            for (name, _) in &rebuild {
                tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "")))?;
            }
        }
        if write {
            // The text index gathers 16 MiB of terms in memory before it writes a segment
            // (1 MiB by default): fewer, larger segments, merged less often.
            tx.execute(
                "INSERT INTO slip_text (slip_text, rank) VALUES ('hashsize', ?1)",
                [BULK_HASH_BYTES],
            )?;
        }
        let out = fill(&mut loader)?;
        if !write {
            return Ok(out);
        }
        loader.flush()?;
        if let Some(first) = loader.first_id {
            super::text_index::add_from(&tx, first, &mut |_, _| {})?;
        }
        tx.execute(
            "INSERT INTO slip_text (slip_text, rank) VALUES ('hashsize', ?1)",
            [DEFAULT_HASH_BYTES],
        )?;
        // The same CREATE INDEX statements, read back from the schema just above.
        for (_, sql) in &rebuild {
            tx.execute_batch(sql)?;
        }
        tx.commit()?;
        Ok(out)
    }

    /// Insert `slips` in one transaction, each with an `imported` event naming `source`
    /// (duplicates too: the caller has chosen them). Either all go in or none.
    /// `progress` is called with the count done.
    pub fn insert_imported(
        &mut self,
        slips: &[ImportSlip],
        source: &str,
        mut progress: impl FnMut(usize),
    ) -> Result<Vec<i64>> {
        self.load(source, slips.len(), true, |loader| {
            let mut ids = Vec::with_capacity(slips.len());
            for (i, s) in slips.iter().enumerate() {
                ids.push(loader.write(s.clone())?);
                if i % 1000 == 999 {
                    progress(i + 1);
                }
            }
            progress(slips.len());
            Ok(ids)
        })
    }
}
