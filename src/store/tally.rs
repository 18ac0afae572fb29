//! Aggregate queries for reports: counts grouped by month in SQL, so a tally over a
//! million slips reads indexes, not rows.

use crate::domain::Dimension;
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::Store;
use crate::error::Result;

/// One group: month (`YYYY-MM`), key (`None`: no section), distinct slips, section items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountRow {
    /// `YYYY-MM`.
    pub month: String,
    /// The group key (a code, or a department name); `None` for slips with no section.
    pub key: Option<String>,
    /// Distinct slips.
    pub slips: u64,
    /// Slip–section pairs, a slip with no section counting as one (equal to `slips`
    /// for floor, kind and status).
    pub items: u64,
}

/// Reply figures of one section over a period (by date received).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReplyRow {
    /// Section code.
    pub section: String,
    /// Slips assigned to it.
    pub assigned: u64,
    /// Of those, replied: an approved reply (waiting and returned ones are not).
    pub replied: u64,
    /// Open, past due as of the report day, and still owed by the section (no reply,
    /// or one sent back); one waiting for review is not.
    pub overdue: u64,
    /// Average days from receipt to an approved reply.
    pub avg_days: Option<f64>,
    /// Longest days from receipt to an approved reply.
    pub max_days: Option<i64>,
    /// Replies waiting for the team's review (承認待ち).
    pub waiting: u64,
    /// Replies sent back to be written again (差し戻し).
    pub returned: u64,
    /// Approved replies given after their due date (回答遅延).
    pub late: u64,
}

/// Per month: section items due, replies given (approved), items that went past due
/// without an approved reply in time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DueRow {
    /// `YYYY-MM`.
    pub month: String,
    /// Items due that month.
    pub due: u64,
    /// Replies given that month.
    pub answered: u64,
    /// Items due that month not replied by their due date.
    pub late: u64,
}

// The queries of a report, named so the benchmark can hand the very same SQL to the
// sqlite3 shell (`?1` from, `?2` to, `?3` today).
const TALLY_FLOOR_SQL: &str =
    "SELECT substr(received_on, 1, 7) AS m, floor, count(*), count(*) FROM slip
     WHERE received_on BETWEEN ?1 AND ?2 AND voided = 0 GROUP BY m, floor";
const TALLY_KIND_SQL: &str =
    "SELECT substr(received_on, 1, 7) AS m, kind, count(*), count(*) FROM slip
     WHERE received_on BETWEEN ?1 AND ?2 AND voided = 0 GROUP BY m, kind";
const TALLY_STATUS_SQL: &str =
    "SELECT substr(received_on, 1, 7) AS m, status, count(*), count(*) FROM slip
     WHERE received_on BETWEEN ?1 AND ?2 AND voided = 0 GROUP BY m, status";
const TALLY_SECTION_SQL: &str =
    "SELECT substr(s.received_on, 1, 7) AS m, ss.section, count(DISTINCT s.id), count(*)
     FROM slip s LEFT JOIN slip_section ss ON ss.slip_id = s.id
     WHERE s.received_on BETWEEN ?1 AND ?2 AND s.voided = 0 GROUP BY m, ss.section";
const TALLY_DEPARTMENT_SQL: &str = "SELECT substr(s.received_on, 1, 7) AS m,
            CASE WHEN ss.section IS NULL THEN NULL
                 ELSE 'dept:' || coalesce(nullif(c.department, ''), c.code) END AS d,
            count(DISTINCT s.id), count(*)
     FROM slip s LEFT JOIN slip_section ss ON ss.slip_id = s.id
     LEFT JOIN section c ON c.code = ss.section
     WHERE s.received_on BETWEEN ?1 AND ?2 AND s.voided = 0 GROUP BY m, d";
// Each section's reply is one item (as cities publish 対応区分 per item), so the rows
// add up to the section items: an approved reply by its outcome ('' when none was
// chosen), a reply waiting for review or sent back apart, an item with no reply yet
// and a slip with no section on rows of their own.
const TALLY_OUTCOME_SQL: &str = concat!(
    "SELECT substr(s.received_on, 1, 7) AS m,
            CASE WHEN ss.section IS NULL THEN '",
    outcome_key!(no_section),
    "'
                 WHEN r.slip_id IS NULL THEN '",
    outcome_key!(open),
    "'
                 WHEN ",
    counts_as_reply!("r"),
    " THEN coalesce(r.outcome, '')
                 WHEN r.state = 'draft' THEN '",
    outcome_key!(waiting),
    "'
                 ELSE '",
    outcome_key!(returned),
    "' END AS o,
            count(DISTINCT s.id), count(*)
     FROM slip s LEFT JOIN slip_section ss ON ss.slip_id = s.id
     LEFT JOIN reply r ON r.slip_id = s.id AND r.section = ss.section
     WHERE s.received_on BETWEEN ?1 AND ?2 AND s.voided = 0 GROUP BY m, o"
);
const TOTALS_SQL: &str = "SELECT substr(s.received_on, 1, 7) AS m, count(DISTINCT s.id), count(*)
     FROM slip s LEFT JOIN slip_section ss ON ss.slip_id = s.id
     WHERE s.received_on BETWEEN ?1 AND ?2 AND s.voided = 0 GROUP BY m";
// Only an approved reply is a reply (`counts_as_reply!`): waiting and returned ones
// are counted apart, and overdue means the section still owes one (none written, or
// sent back); one waiting for review is the team's turn.
const REPLIES_SQL: &str = concat!(
    "SELECT ss.section, count(*),
            count(CASE WHEN ",
    counts_as_reply!("r"),
    " THEN 1 END),
            count(CASE WHEN (r.slip_id IS NULL OR r.state = 'returned')
                            AND s.status IN ('new', 'assigned') AND s.due_on < ?3 THEN 1 END),
            avg(CASE WHEN ",
    counts_as_reply!("r"),
    "
                     THEN julianday(r.replied_on) - julianday(s.received_on) END),
            max(CASE WHEN ",
    counts_as_reply!("r"),
    "
                     THEN CAST(julianday(r.replied_on) - julianday(s.received_on) AS INTEGER) END),
            count(CASE WHEN r.state = 'draft' THEN 1 END),
            count(CASE WHEN r.state = 'returned' THEN 1 END),
            count(CASE WHEN ",
    counts_as_reply!("r"),
    " AND r.replied_on > s.due_on THEN 1 END)
     FROM slip s JOIN slip_section ss ON ss.slip_id = s.id
     LEFT JOIN reply r ON r.slip_id = s.id AND r.section = ss.section
     WHERE s.received_on BETWEEN ?1 AND ?2 AND s.voided = 0 GROUP BY ss.section"
);
const DUE_SQL: &str = concat!(
    "SELECT substr(s.due_on, 1, 7) AS m, count(*),
            count(CASE WHEN (",
    counts_as_reply!("r"),
    " AND r.replied_on > s.due_on)
                         OR ((r.slip_id IS NULL OR NOT ",
    counts_as_reply!("r"),
    ")
                             AND s.status IN ('new', 'assigned') AND s.due_on < ?3)
                       THEN 1 END)
     FROM slip s JOIN slip_section ss ON ss.slip_id = s.id
     LEFT JOIN reply r ON r.slip_id = s.id AND r.section = ss.section
     WHERE s.due_on BETWEEN ?1 AND ?2 AND s.voided = 0 GROUP BY m"
);
const ANSWERED_SQL: &str = concat!(
    "SELECT substr(r.replied_on, 1, 7) AS m, count(*) FROM reply r
     JOIN slip s ON s.id = r.slip_id AND s.voided = 0
     WHERE r.replied_on BETWEEN ?1 AND ?2 AND ",
    counts_as_reply!("r"),
    " GROUP BY m"
);

fn tally_sql(dim: Dimension) -> &'static str {
    match dim {
        Dimension::Floor => TALLY_FLOOR_SQL,
        Dimension::Kind => TALLY_KIND_SQL,
        Dimension::Status => TALLY_STATUS_SQL,
        Dimension::Section => TALLY_SECTION_SQL,
        Dimension::Department => TALLY_DEPARTMENT_SQL,
        Dimension::Outcome => TALLY_OUTCOME_SQL,
    }
}

/// Every query a report by `dim` runs, in order, with `?1`..`?3` for from, to and today
/// (for the benchmark's side-by-side run in the sqlite3 shell).
pub fn report_sql(dim: Dimension) -> [&'static str; 5] {
    [
        tally_sql(dim),
        TOTALS_SQL,
        REPLIES_SQL,
        DUE_SQL,
        ANSWERED_SQL,
    ]
}

impl Store {
    /// Counts of slips received in `from..=to`, grouped by month and `dim`.
    pub fn tally(&self, from: NaiveDate, to: NaiveDate, dim: Dimension) -> Result<Vec<CountRow>> {
        let sql = tally_sql(dim);
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(params![from.to_string(), to.to_string()], |r| {
                Ok(CountRow {
                    month: r.get(0)?,
                    key: r.get(1)?,
                    slips: r.get::<_, i64>(2)? as u64,
                    items: r.get::<_, i64>(3)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Slips and section items received per month in `from..=to` (the totals row).
    pub fn tally_totals(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CountRow>> {
        let mut stmt = self.conn.prepare_cached(TOTALS_SQL)?;
        let rows = stmt
            .query_map(params![from.to_string(), to.to_string()], |r| {
                Ok(CountRow {
                    month: r.get(0)?,
                    key: None,
                    slips: r.get::<_, i64>(1)? as u64,
                    items: r.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Reply figures per section for slips received in `from..=to`, overdue as of `today`.
    pub fn reply_stats(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<ReplyRow>> {
        let mut stmt = self.conn.prepare_cached(REPLIES_SQL)?;
        let rows = stmt
            .query_map(
                params![from.to_string(), to.to_string(), today.to_string()],
                |r| {
                    Ok(ReplyRow {
                        section: r.get(0)?,
                        assigned: r.get::<_, i64>(1)? as u64,
                        replied: r.get::<_, i64>(2)? as u64,
                        overdue: r.get::<_, i64>(3)? as u64,
                        avg_days: r.get(4)?,
                        max_days: r.get(5)?,
                        waiting: r.get::<_, i64>(6)? as u64,
                        returned: r.get::<_, i64>(7)? as u64,
                        late: r.get::<_, i64>(8)? as u64,
                    })
                },
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Items due, replies given and items gone late, per month in `from..=to`.
    pub fn due_stats(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<DueRow>> {
        let (f, t, d) = (from.to_string(), to.to_string(), today.to_string());
        let mut out: std::collections::BTreeMap<String, DueRow> = Default::default();
        let mut due = self.conn.prepare_cached(DUE_SQL)?;
        for row in due.query_map(params![f, t, d], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })? {
            let (m, n, late) = row?;
            let e = out.entry(m.clone()).or_default();
            e.month = m;
            e.due = n as u64;
            e.late = late as u64;
        }
        let mut answered = self.conn.prepare_cached(ANSWERED_SQL)?;
        for row in answered.query_map(params![f, t], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })? {
            let (m, n) = row?;
            let e = out.entry(m.clone()).or_default();
            e.month = m;
            e.answered = n as u64;
        }
        Ok(out.into_values().collect())
    }
}
