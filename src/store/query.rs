//! Read queries: filtered, paged slip lists and full slip details.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};
use serde::Serialize;

use super::Store;
use crate::domain::{Event, Reply, Slip, SlipDetail, Status};
use crate::error::{Error, Result};

/// Which slips to list. Empty fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Any of these statuses (empty: any).
    pub statuses: Vec<Status>,
    /// Tagged with this section code.
    pub section: Option<String>,
    /// From this floor code.
    pub floor: Option<String>,
    /// Of this kind code.
    pub kind: Option<String>,
    /// Received on or after.
    pub from: Option<NaiveDate>,
    /// Received on or before.
    pub to: Option<NaiveDate>,
    /// Open and due before this day (overdue as of it).
    pub overdue_on: Option<NaiveDate>,
    /// Text search in the body, summary and replies (a number also finds that 受付番号).
    pub text: Option<String>,
    /// With a reply of this outcome.
    pub outcome: Option<OutcomeFilter>,
    /// With a reply in this review state (of the filter's section, when it names one).
    pub reply_state: Option<crate::domain::ReplyState>,
    /// Search only the slip's own words, not the replies (a liaison, who may not read
    /// other sections' replies, searches so).
    pub text_only: bool,
    /// The voided slips instead of the others (which are all that lists and counts
    /// show otherwise).
    pub voided: bool,
}

/// Which replies' outcome a filter asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutcomeFilter {
    /// This outcome code.
    Is(String),
    /// Replies recorded without an outcome (未設定).
    NotSet,
}

/// Counts per status of a set of slips (see [`Store::status_counts`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// Slips per status (statuses with none are absent).
    pub by_status: Vec<(Status, u64)>,
    /// Open slips past their due date.
    pub overdue: u64,
    /// All of them.
    pub total: u64,
}

impl StatusCounts {
    /// Slips in any of `statuses`.
    pub fn of(&self, statuses: &[Status]) -> u64 {
        self.by_status
            .iter()
            .filter(|(s, _)| statuses.contains(s))
            .map(|(_, n)| n)
            .sum()
    }
}

/// Sort order of a list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Newest received first (the inbox).
    #[default]
    NewestFirst,
    /// Oldest received first (printouts).
    OldestFirst,
}

/// One line of a slip list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SlipRow {
    /// 受付番号.
    pub id: i64,
    /// Date collected.
    pub received_on: NaiveDate,
    /// Floor code.
    pub floor: String,
    /// Kind code.
    pub kind: String,
    /// Status.
    pub status: Status,
    /// Due date.
    pub due_on: Option<NaiveDate>,
    /// Tagged section codes in table order.
    pub sections: Vec<String>,
    /// Section codes that have replied (counted or not).
    pub replied: Vec<String>,
    /// Section codes whose reply waits for the team's review.
    pub waiting: Vec<String>,
    /// Section codes whose reply the team sent back.
    pub returned: Vec<String>,
    /// The start of the text (at most 120 characters).
    pub excerpt: String,
}

impl SlipRow {
    /// Where its replies stand in review, for a status column: 差し戻し when a reply
    /// (`mine`'s, for a liaison) was sent back, 承認待ち when one waits; else nothing.
    pub fn review_mark(&self, mine: Option<&str>) -> Option<crate::domain::ReplyState> {
        let has = |list: &[String]| match mine {
            Some(m) => list.iter().any(|s| s == m),
            None => !list.is_empty(),
        };
        if has(&self.returned) {
            Some(crate::domain::ReplyState::Returned)
        } else if has(&self.waiting) {
            Some(crate::domain::ReplyState::Draft)
        } else {
            None
        }
    }

    /// Open and past due on `today` ([`crate::domain::is_overdue`]).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        crate::domain::is_overdue(self.status, self.due_on, today)
    }
}

pub(crate) fn parse_date(s: String) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn parse_status(s: String) -> rusqlite::Result<Status> {
    Status::parse(&s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown status {s}").into(),
        )
    })
}

fn split_codes(s: Option<String>) -> Vec<String> {
    s.map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default()
}

/// Escape `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl Filter {
    /// The WHERE clause (over `slip AS s`) and its parameters. Clauses are fixed text;
    /// every value is a bound parameter.
    pub(crate) fn sql(&self) -> (String, Vec<Value>) {
        self.sql_by(false)
    }

    /// The FTS5 expression the text search uses, if it goes through the index.
    pub(crate) fn match_expr(&self) -> Option<String> {
        let t = self
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())?;
        let expr = crate::search::Query::parse(&crate::text::normalize_body(t)).match_expr()?;
        Some(if self.text_only {
            format!("grams : ({expr})")
        } else {
            expr
        })
    }

    /// [`Filter::sql`]; with `by_date`, the text index is not used to find the rows (a
    /// unary `+` keeps SQLite off the rowid lookup) but to test each, so a page of a
    /// word that matches many slips reads the date index in order and stops at the page
    /// (1.4 ms instead of 45 ms for 「駐輪」 at 1M) instead of sorting every match.
    fn sql_by(&self, by_date: bool) -> (String, Vec<Value>) {
        // Fixed text, so the partial indexes over the slips that count apply.
        let mut w = Where {
            clauses: vec![if self.voided {
                "s.voided = 1".into()
            } else {
                "s.voided = 0".into()
            }],
            params: vec![],
        };
        self.where_slip(&mut w);
        self.where_replies(&mut w);
        if let Some(d) = self.overdue_on {
            let n = w.bind(Value::Text(d.to_string()));
            w.clauses.push(format!(
                "s.status IN ('new', 'assigned') AND s.due_on IS NOT NULL AND s.due_on < ?{n}"
            ));
        }
        self.where_text(&mut w, by_date);
        let sql = if w.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", w.clauses.join(" AND "))
        };
        (sql, w.params)
    }

    /// The slip's own columns: status, section, floor, kind, the days received.
    fn where_slip(&self, w: &mut Where) {
        if !self.statuses.is_empty() {
            let marks: Vec<String> = self
                .statuses
                .iter()
                .map(|st| format!("?{}", w.bind(Value::Text(st.code().into()))))
                .collect();
            w.clauses
                .push(format!("s.status IN ({})", marks.join(", ")));
        }
        if let Some(sec) = &self.section {
            let n = w.bind(Value::Text(sec.clone()));
            w.clauses.push(format!(
                "EXISTS (SELECT 1 FROM slip_section ss WHERE ss.slip_id = s.id AND ss.section = ?{n})"
            ));
        }
        if let Some(f) = &self.floor {
            let n = w.bind(Value::Text(f.clone()));
            w.clauses.push(format!("s.floor = ?{n}"));
        }
        if let Some(k) = &self.kind {
            let n = w.bind(Value::Text(k.clone()));
            w.clauses.push(format!("s.kind = ?{n}"));
        }
        if let Some(d) = self.from {
            let n = w.bind(Value::Text(d.to_string()));
            w.clauses.push(format!("s.received_on >= ?{n}"));
        }
        if let Some(d) = self.to {
            let n = w.bind(Value::Text(d.to_string()));
            w.clauses.push(format!("s.received_on <= ?{n}"));
        }
    }

    /// The replies: in a state (the section's own, with a section), with an outcome.
    fn where_replies(&self, w: &mut Where) {
        if let Some(st) = self.reply_state {
            let n = w.bind(Value::Text(st.code().into()));
            let mut c =
                format!("EXISTS (SELECT 1 FROM reply r WHERE r.slip_id = s.id AND r.state = ?{n}");
            if let Some(sec) = &self.section {
                let m = w.bind(Value::Text(sec.clone()));
                c.push_str(&format!(" AND r.section = ?{m}"));
            }
            c.push(')');
            w.clauses.push(c);
        }
        match &self.outcome {
            Some(OutcomeFilter::Is(code)) => {
                let n = w.bind(Value::Text(code.clone()));
                w.clauses.push(format!(
                    "EXISTS (SELECT 1 FROM reply r WHERE r.slip_id = s.id AND r.outcome = ?{n})"
                ));
            }
            Some(OutcomeFilter::NotSet) => w.clauses.push(
                "EXISTS (SELECT 1 FROM reply r WHERE r.slip_id = s.id AND r.outcome IS NULL)"
                    .into(),
            ),
            None => {}
        }
    }

    /// The search text: every word through the text index (or, with no letters or
    /// digits, the text as typed), or a slip's number.
    fn where_text(&self, w: &mut Where, by_date: bool) {
        let Some(t) = self
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return;
        };
        let t = crate::text::normalize_body(t);
        // Every word goes through the text index (a one-character word as the
        // first character of a token).
        let mut parts = vec![];
        if let Some(expr) = self.match_expr() {
            let n = w.bind(Value::Text(expr));
            let id = if by_date { "+s.id" } else { "s.id" };
            parts.push(format!(
                "{id} IN (SELECT rowid FROM slip_text WHERE slip_text MATCH ?{n})"
            ));
        }
        if parts.is_empty() {
            // No letters or digits (punctuation, emoji …): the text as typed is read.
            let n = w.bind(Value::Text(like_escape(&t)));
            parts.push(format!(
                "(s.body LIKE ?{n} ESCAPE '\\' OR s.summary LIKE ?{n} ESCAPE '\\')"
            ));
        }
        let mut clause = format!("(({})", parts.join(" AND "));
        // 79, #79, ０７９ and ＃７９ all name 受付番号 79.
        let folded = crate::text::nfkc(t.trim());
        let digits = folded.trim_start_matches('#');
        if let Ok(id) = digits.parse::<i64>() {
            let m = w.bind(Value::Integer(id));
            clause.push_str(&format!(" OR s.id = ?{m}"));
        }
        clause.push(')');
        w.clauses.push(clause);
    }
}

/// A WHERE clause being built: its parts (joined with AND) and their numbered
/// parameters.
struct Where {
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    /// Add a parameter; its number (`?n`).
    fn bind(&mut self, v: Value) -> usize {
        self.params.push(v);
        self.params.len()
    }
}

const SLIP_COLUMNS: &str = "s.id, s.received_on, s.floor, s.kind, s.body, s.summary, s.status, s.due_on, \
     s.duplicate_of, s.created_at, s.updated_at, s.version, \
     (SELECT group_concat(ss.section, ',' ORDER BY c.sort, ss.section) FROM slip_section ss \
        LEFT JOIN section c ON c.code = ss.section WHERE ss.slip_id = s.id), \
     s.no_publish, s.private_spans, s.voided";

fn slip_from_row(r: &Row<'_>) -> rusqlite::Result<Slip> {
    let marks: String = r.get(14)?;
    let parsed: Option<Vec<String>> = if marks.trim().is_empty() {
        Some(vec![])
    } else {
        serde_json::from_str(&marks).ok()
    };
    let private_unreadable = parsed.is_none();
    Ok(Slip {
        id: r.get(0)?,
        received_on: parse_date(r.get(1)?)?,
        floor: r.get(2)?,
        kind: r.get(3)?,
        body: r.get(4)?,
        summary: r.get(5)?,
        status: parse_status(r.get(6)?)?,
        due_on: r.get::<_, Option<String>>(7)?.map(parse_date).transpose()?,
        duplicate_of: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
        version: r.get(11)?,
        sections: split_codes(r.get(12)?),
        no_publish: r.get(13)?,
        private: parsed.unwrap_or_default(),
        private_unreadable,
        voided: r.get(15)?,
    })
}

/// Load one slip (with its section codes).
pub(crate) fn load_slip(conn: &Connection, id: i64) -> Result<Slip> {
    conn.prepare_cached(&format!(
        "SELECT {SLIP_COLUMNS} FROM slip s WHERE s.id = ?1"
    ))?
    .query_row([id], slip_from_row)
    .optional()?
    .ok_or(Error::NotFound(id))
}

/// Replies of one slip, in section order.
pub(crate) fn load_replies(conn: &Connection, id: i64) -> Result<Vec<Reply>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.section, r.text, r.replied_on, r.by, r.outcome, r.state, r.return_reason FROM reply r
         LEFT JOIN section c ON c.code = r.section WHERE r.slip_id = ?1 ORDER BY c.sort",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(Reply {
                section: r.get(0)?,
                text: r.get(1)?,
                replied_on: parse_date(r.get(2)?)?,
                by: r.get(3)?,
                outcome: r.get(4)?,
                state: crate::domain::ReplyState::from_code(&r.get::<_, String>(5)?),
                return_reason: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

impl Store {
    /// One slip.
    pub fn slip(&self, id: i64) -> Result<Slip> {
        load_slip(&self.conn, id)
    }

    /// One slip with its replies and history.
    pub fn detail(&self, id: i64) -> Result<SlipDetail> {
        let slip = load_slip(&self.conn, id)?;
        let replies = load_replies(&self.conn, id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, actor, action, old, new, note FROM event WHERE slip_id = ?1 ORDER BY id",
        )?;
        let history = stmt
            .query_map([id], |r| {
                Ok(Event {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    old: r.get(3)?,
                    new: r.get(4)?,
                    note: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(SlipDetail {
            slip,
            replies,
            history,
        })
    }

    /// Whether `filter`'s text search matches so many slips (2,000 or more, counted no
    /// further) that a page is quicker read in date order (see [`Filter::sql_by`]).
    fn dense(&self, filter: &Filter) -> Result<bool> {
        let Some(expr) = filter.match_expr() else {
            return Ok(false);
        };
        let n: i64 = self.conn.prepare_cached(
            "SELECT count(*) FROM (SELECT rowid FROM slip_text WHERE slip_text MATCH ?1 LIMIT 2000)",
        )?
        .query_row([expr], |r| r.get(0))?;
        Ok(n >= 2000)
    }

    /// A page of slips matching `filter`.
    pub fn list(
        &self,
        filter: &Filter,
        order: Order,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<SlipRow>> {
        let (clause, mut params) = filter.sql_by(self.dense(filter)?);
        let dir = match order {
            Order::NewestFirst => "DESC",
            Order::OldestFirst => "ASC",
        };
        params.push(Value::Integer(limit.min(i64::MAX as usize) as i64));
        let l = params.len();
        params.push(Value::Integer(offset.min(i64::MAX as usize) as i64));
        let o = params.len();
        let sql = format!(
            "SELECT s.id, s.received_on, s.floor, s.kind, s.status, s.due_on, substr(s.body, 1, 120),
                (SELECT group_concat(ss.section, ',' ORDER BY c.sort, ss.section) FROM slip_section ss
                   LEFT JOIN section c ON c.code = ss.section WHERE ss.slip_id = s.id),
                (SELECT group_concat(r.section) FROM reply r WHERE r.slip_id = s.id),
                (SELECT group_concat(r.section) FROM reply r
                   WHERE r.slip_id = s.id AND r.state = 'draft'),
                (SELECT group_concat(r.section) FROM reply r
                   WHERE r.slip_id = s.id AND r.state = 'returned')
             FROM slip s {clause}
             ORDER BY s.received_on {dir}, s.id {dir}
             LIMIT ?{l} OFFSET ?{o}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(params), |r| {
                Ok(SlipRow {
                    id: r.get(0)?,
                    received_on: parse_date(r.get(1)?)?,
                    floor: r.get(2)?,
                    kind: r.get(3)?,
                    status: parse_status(r.get(4)?)?,
                    due_on: r.get::<_, Option<String>>(5)?.map(parse_date).transpose()?,
                    excerpt: r.get(6)?,
                    sections: split_codes(r.get(7)?),
                    replied: split_codes(r.get(8)?),
                    waiting: split_codes(r.get(9)?),
                    returned: split_codes(r.get(10)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// SQLite's plan for the page query of `filter` (one line per step), for tests and tuning.
    pub fn explain_list(&self, filter: &Filter, order: Order) -> Result<Vec<String>> {
        let (clause, mut params) = filter.sql_by(self.dense(filter)?);
        let dir = match order {
            Order::NewestFirst => "DESC",
            Order::OldestFirst => "ASC",
        };
        params.push(Value::Integer(50));
        let l = params.len();
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT s.id FROM slip s {clause}
             ORDER BY s.received_on {dir}, s.id {dir} LIMIT ?{l}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(params), |r| r.get::<_, String>(3))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Slips matching `filter` by status, and how many of them are overdue on `today`,
    /// in one pass (the inbox tabs' counts).
    pub fn status_counts(&self, filter: &Filter, today: NaiveDate) -> Result<StatusCounts> {
        let (clause, mut params) = filter.sql();
        params.push(Value::Text(today.to_string()));
        let t = params.len();
        let sql = format!(
            "SELECT s.status, count(*),
                    sum(CASE WHEN s.status IN ('new', 'assigned') AND s.due_on < ?{t} THEN 1 ELSE 0 END)
             FROM slip s {clause} GROUP BY s.status"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out = StatusCounts::default();
        let rows = stmt.query_map(params_from_iter(params), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (status, n, overdue) = row?;
            if let Some(st) = Status::parse(&status) {
                out.by_status.push((st, n as u64));
            }
            out.overdue += overdue as u64;
            out.total += n as u64;
        }
        Ok(out)
    }

    /// How many slips match `filter`.
    pub fn count(&self, filter: &Filter) -> Result<u64> {
        let (clause, params) = filter.sql();
        let sql = format!("SELECT count(*) FROM slip s {clause}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let n: i64 = stmt.query_row(params_from_iter(params), |r| r.get(0))?;
        Ok(n as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(like_escape("50%_a\\"), "%50\\%\\_a\\\\%");
    }

    #[test]
    fn filter_binds_every_value() {
        let f = Filter {
            statuses: vec![Status::New, Status::Assigned],
            section: Some("kumin'; DROP TABLE slip; --".into()),
            text: Some("駐輪".into()),
            ..Default::default()
        };
        let (sql, params) = f.sql();
        assert!(!sql.contains("DROP"), "{sql}");
        assert_eq!(params.len(), 4);
    }
}
