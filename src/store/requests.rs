//! What to ask each section for (依頼) and what to chase (督促), and the record of what
//! was sent, so that no slip is asked twice by accident.

use chrono::NaiveDate;
use rusqlite::params;

use super::Store;
use crate::domain::Action;
use crate::error::Result;
use crate::store::query::parse_date;

/// Why a slip is in a section's request or reminder.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AskWhy {
    /// Assigned and not asked yet.
    New,
    /// Past its due date without the section's reply.
    Overdue,
    /// The team sent the section's reply back (with this reason).
    Returned(String),
}

/// One slip in a request or a reminder.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AskItem {
    /// 受付番号.
    pub id: i64,
    /// Date collected.
    pub received_on: NaiveDate,
    /// Floor code.
    pub floor: String,
    /// Kind code.
    pub kind: String,
    /// The text as written.
    pub body: String,
    /// Due date.
    pub due_on: Option<NaiveDate>,
    /// The other sections asked about the same slip (codes, in table order).
    pub others: Vec<String>,
    /// Why it is here.
    pub why: AskWhy,
    /// The reply the team sent back, as it was (for a returned one).
    pub previous: Option<String>,
    /// When the section was last reminded of it (督促), if ever.
    pub last_reminded: Option<NaiveDate>,
    /// The team sent the reply back after that reminder: a new matter, not held.
    #[serde(skip)]
    pub returned_since: bool,
}

/// What one section is asked for or reminded of.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SectionAsk {
    /// Section code.
    pub section: String,
    /// Where to mail it; `None`: listed, not mailed.
    pub email: Option<String>,
    /// The slips, oldest first.
    pub items: Vec<AskItem>,
}

/// Request (依頼) or reminder (督促).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskKind {
    /// Asking for replies to newly assigned slips.
    Request,
    /// Chasing overdue and returned replies.
    Remind,
}

impl AskItem {
    /// Reminded less than `days` office days before `today`, and not sent back since.
    pub fn is_recent(&self, today: NaiveDate, days: u32) -> bool {
        match self.last_reminded {
            Some(last) if days > 0 && !self.returned_since => {
                crate::domain::date::office_days_between(last, today) < days
            }
            _ => false,
        }
    }
}

impl AskKind {
    /// The audit action recorded when it was sent.
    pub fn action(self) -> Action {
        match self {
            AskKind::Request => Action::Requested,
            AskKind::Remind => Action::Reminded,
        }
    }
}

const ITEM_COLUMNS: &str = "ss.section, s.id, s.received_on, s.floor, s.kind, s.body, s.due_on,
    (SELECT group_concat(o.section, ',') FROM (SELECT o.section FROM slip_section o
        LEFT JOIN section oc ON oc.code = o.section
        WHERE o.slip_id = s.id AND o.section <> ss.section ORDER BY oc.sort) o)";

/// The last reminder of the row's slip and section, and the last time its reply was sent
/// back (both `event.at`), after [`ITEM_COLUMNS`] and the reason.
fn reminded_columns() -> String {
    format!(
        "(SELECT max(e.at) FROM event e WHERE e.slip_id = s.id
                   AND e.action = '{}' AND e.note = ss.section),
               (SELECT max(e.at) FROM event e WHERE e.slip_id = s.id
                   AND e.action = '{}' AND e.note = ss.section)",
        Action::Reminded.code(),
        Action::Returned.code()
    )
}

impl Store {
    /// Per section (of `only`, if given): the slips assigned to it, open, that it has
    /// not replied to and has not been asked about yet.
    pub fn to_request(&self, only: Option<&str>) -> Result<Vec<SectionAsk>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS}, NULL, NULL, NULL, NULL FROM slip_section ss JOIN slip s ON s.id = ss.slip_id
             LEFT JOIN section c ON c.code = ss.section
             WHERE s.status = 'assigned' AND s.voided = 0
               AND NOT EXISTS (SELECT 1 FROM reply r WHERE r.slip_id = s.id AND r.section = ss.section)
               AND NOT EXISTS (SELECT 1 FROM event e WHERE e.slip_id = s.id
                               AND e.action = '{requested}' AND e.note = ss.section)
               AND (?1 IS NULL OR ss.section = ?1)
             ORDER BY c.sort, ss.section, s.received_on, s.id",
            requested = Action::Requested.code()
        );
        self.asks(&sql, params![only], |_| AskWhy::New)
    }

    /// Per section (of `only`, if given), in table order: how many of its open slips it
    /// was asked about and has not replied to yet, which `request` leaves out (they are
    /// `remind`'s once past due).
    pub fn already_requested(&self, only: Option<&str>) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT ss.section, count(*) FROM slip_section ss JOIN slip s ON s.id = ss.slip_id
             LEFT JOIN section c ON c.code = ss.section
             WHERE s.status = 'assigned' AND s.voided = 0
               AND NOT EXISTS (SELECT 1 FROM reply r WHERE r.slip_id = s.id AND r.section = ss.section)
               AND EXISTS (SELECT 1 FROM event e WHERE e.slip_id = s.id
                           AND e.action = '{}' AND e.note = ss.section)
               AND (?1 IS NULL OR ss.section = ?1)
             GROUP BY ss.section ORDER BY min(c.sort), ss.section",
            Action::Requested.code()
        ))?;
        let rows = stmt.query_map(params![only], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Per section (of `only`, if given): its open slips past due on `today` without its
    /// reply (one waiting for review is the team's to act on, not the section's), and
    /// those whose reply the team sent back.
    pub fn to_remind(&self, today: NaiveDate, only: Option<&str>) -> Result<Vec<SectionAsk>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS}, r.return_reason, {},
               CASE WHEN r.state = 'returned' THEN r.text END FROM slip_section ss JOIN slip s ON s.id = ss.slip_id
             LEFT JOIN section c ON c.code = ss.section
             LEFT JOIN reply r ON r.slip_id = s.id AND r.section = ss.section
             WHERE s.status = 'assigned' AND s.voided = 0
               AND (r.state = 'returned'
                    OR (r.slip_id IS NULL AND s.due_on IS NOT NULL AND s.due_on < ?2))
               AND (?1 IS NULL OR ss.section = ?1)
             ORDER BY c.sort, ss.section, s.received_on, s.id",
            reminded_columns()
        );
        self.asks(
            &sql,
            params![only, today.to_string()],
            |reason| match reason {
                Some(r) => AskWhy::Returned(r),
                None => AskWhy::Overdue,
            },
        )
    }

    fn asks(
        &self,
        sql: &str,
        p: impl rusqlite::Params,
        why: impl Fn(Option<String>) -> AskWhy,
    ) -> Result<Vec<SectionAsk>> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query(p)?;
        let mut out: Vec<SectionAsk> = vec![];
        while let Some(r) = rows.next()? {
            let section: String = r.get(0)?;
            let item = AskItem {
                id: r.get(1)?,
                received_on: parse_date(r.get(2)?)?,
                floor: r.get(3)?,
                kind: r.get(4)?,
                body: r.get(5)?,
                due_on: r.get::<_, Option<String>>(6)?.map(parse_date).transpose()?,
                others: r
                    .get::<_, Option<String>>(7)?
                    .map(|s| s.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
                why: why(r.get(8)?),
                previous: r.get(11)?,
                last_reminded: r
                    .get::<_, Option<String>>(9)?
                    .and_then(|at| parse_date(at.chars().take(10).collect()).ok()),
                returned_since: match (
                    r.get::<_, Option<String>>(9)?,
                    r.get::<_, Option<String>>(10)?,
                ) {
                    (Some(reminded), Some(returned)) => returned > reminded,
                    _ => false,
                },
            };
            match out.last_mut() {
                Some(a) if a.section == section => a.items.push(item),
                _ => out.push(SectionAsk {
                    email: section_email(&self.conn, &section)?,
                    section,
                    items: vec![item],
                }),
            }
        }
        Ok(out)
    }

    /// Split reminders into those to send and those held back: a slip whose section was
    /// reminded of it less than `days` office days before `today` (and whose reply was not
    /// sent back since) is held, so that two people, or the TUI and the CLI, do not chase a
    /// section twice in a week. `days` 0 holds nothing.
    pub fn hold_recent(
        asks: Vec<SectionAsk>,
        today: NaiveDate,
        days: u32,
    ) -> (Vec<SectionAsk>, Vec<SectionAsk>) {
        let mut send = vec![];
        let mut held = vec![];
        for ask in asks {
            let (keep, hold): (Vec<AskItem>, Vec<AskItem>) = ask
                .items
                .into_iter()
                .partition(|it| !it.is_recent(today, days));
            for (items, to) in [(keep, &mut send), (hold, &mut held)] {
                if !items.is_empty() {
                    to.push(SectionAsk {
                        section: ask.section.clone(),
                        email: ask.email.clone(),
                        items,
                    });
                }
            }
        }
        (send, held)
    }

    /// Claim `ask`'s slips for sending, in one write transaction (so runs at once, from
    /// two terminals or the TUI and cron, serialise here): each slip not requested yet
    /// (a request), or not reminded by an event after `since` (a reminder; `since` the last
    /// event when the run began, from [`Store::last_event_id`]), is
    /// recorded as asked through `channel` now; the others are left out. Returns what is
    /// left to send (with the section's address read in the same transaction) and the
    /// events recorded, to take back with [`Store::unclaim`] if the mail then does not go.
    pub fn claim_asked(
        &mut self,
        kind: AskKind,
        ask: &SectionAsk,
        channel: &str,
        since: i64,
    ) -> Result<(SectionAsk, Vec<i64>)> {
        self.write(|conn, audit| {
            let mut items = vec![];
            let mut events = vec![];
            for it in &ask.items {
                let taken: bool = conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM event WHERE slip_id = ?1 AND action = ?2
                         AND note = ?3 AND (?2 = ?5 OR id > ?4))",
                    params![
                        it.id,
                        kind.action().code(),
                        ask.section,
                        since,
                        Action::Requested.code()
                    ],
                    |r| r.get(0),
                )?;
                if taken {
                    continue;
                }
                audit.log(
                    conn,
                    it.id,
                    kind.action(),
                    None,
                    Some(channel),
                    Some(&ask.section),
                )?;
                events.push(conn.last_insert_rowid());
                items.push(it.clone());
            }
            Ok((
                SectionAsk {
                    section: ask.section.clone(),
                    // The address as it is now, not as it was when the list was made:
                    // a colleague may have changed it since.
                    email: section_email(conn, &ask.section)?,
                    items,
                },
                events,
            ))
        })
    }

    /// Take back a claim whose mail did not go: it was never sent, so it is not recorded.
    pub fn unclaim(&mut self, events: &[i64]) -> Result<()> {
        self.write(|conn, _| {
            for id in events {
                conn.execute("DELETE FROM event WHERE id = ?1", [id])?;
            }
            Ok(())
        })
    }

    /// Record that `ask` was sent through `channel` (`mail`, or `paper` when handed
    /// over), as [`Store::claim_asked`] does from the newest event on: a slip requested
    /// before is not recorded twice.
    pub fn record_asked(&mut self, kind: AskKind, ask: &SectionAsk, channel: &str) -> Result<()> {
        let since = self.last_event_id()?;
        self.claim_asked(kind, ask, channel, since).map(|_| ())
    }

    /// The newest audit event's number (0 for none): what a run has seen when it begins.
    pub fn last_event_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM event", [], |r| r.get(0))?)
    }
}

/// The address section `code`'s mail goes to, as the database has it now.
fn section_email(conn: &rusqlite::Connection, code: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT email FROM section WHERE code = ?1", [code], |r| {
            r.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten()
        .filter(|e| !e.is_empty()))
}
