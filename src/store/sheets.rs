//! What reply sheets (回答票, `io::sheets`) need of the database: its own id and the key
//! it signs sheets with, both drawn once at random and kept in the settings table (never
//! listed by `meyasu settings`, never exported), and where one slip and section stand
//! when a filled sheet comes back.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use super::write::{Audit, ReplyWrite, write_reply};
use crate::domain::Action;
use crate::domain::{ReplyAct, Status};
use crate::error::{Error, Result};

/// Where a slip stands for one section, as a returning sheet's row is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRowState {
    /// Its status now.
    pub status: Status,
    /// Voided (取消) since.
    pub voided: bool,
    /// Still assigned to the section.
    pub assigned: bool,
    /// The slip's version (every write bumps it).
    pub version: i64,
    /// Its received date (`YYYY-MM-DD`) and text, as a sheet's binding names it.
    pub received_on: String,
    /// Its text as stored.
    pub body: String,
    /// The section's reply on record: text, outcome code, when it was written
    /// (`YYYY-MM-DD HH:MM:SS`), and its review state.
    pub reply: Option<(String, Option<String>, String, String)>,
}

impl Store {
    /// This database's id and the key its reply sheets are signed with, drawn on first
    /// use (32 random bytes each). Two processes drawing at once keep the first written.
    pub fn sheet_keys(&self) -> Result<(String, Vec<u8>)> {
        let get = |k: &str| -> Result<Option<String>> {
            Ok(self
                .conn
                .query_row("SELECT value FROM setting WHERE key = ?1", [k], |r| {
                    r.get(0)
                })
                .optional()?)
        };
        for key in ["db_id", "sheet_secret"] {
            if get(key)?.is_none() {
                let mut bytes = [0u8; 32];
                getrandom::fill(&mut bytes).map_err(|e| Error::Open {
                    path: self.path.clone(),
                    reason: format!("random: {e}"),
                    hint: None,
                })?;
                let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                self.conn.execute(
                    "INSERT OR IGNORE INTO setting (key, value) VALUES (?1, ?2)",
                    params![key, hex],
                )?;
            }
        }
        let id = get("db_id")?.unwrap_or_default();
        let secret = get("sheet_secret")?.unwrap_or_default();
        // Both were written as 64 hex digits; anything else (edited by hand, damaged) is
        // said, never sliced blindly (a non-ASCII secret panicked here) nor half used.
        let damaged = || Error::Open {
            path: self.path.clone(),
            reason: crate::i18n::tr(crate::i18n::Msg::SheetKeyDamaged).into(),
            hint: Some(crate::i18n::Msg::HintCorrupt),
        };
        let key = hex_bytes(&secret)
            .filter(|k| k.len() == 32)
            .ok_or_else(damaged)?;
        if !id.is_ascii() || id.len() < 16 {
            return Err(damaged());
        }
        Ok((id[..16].to_string(), key))
    }

    /// Where slip `id` stands for `section` now; `None` if there is no such slip.
    pub fn sheet_row_state(&self, id: i64, section: &str) -> Result<Option<SheetRowState>> {
        let head = self
            .conn
            .prepare_cached(
                "SELECT s.status, s.voided,
                        EXISTS (SELECT 1 FROM slip_section ss WHERE ss.slip_id = s.id AND ss.section = ?2),
                        s.version, s.received_on, s.body
                 FROM slip s WHERE s.id = ?1",
            )?
            .query_row(params![id, section], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .optional()?;
        let Some((status, voided, assigned, version, received_on, body)) = head else {
            return Ok(None);
        };
        let reply = self
            .conn
            .prepare_cached(
                "SELECT text, outcome, created_at, state FROM reply WHERE slip_id = ?1 AND section = ?2",
            )?
            .query_row(params![id, section], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        Ok(Some(SheetRowState {
            status: Status::parse(&status).unwrap_or(Status::New),
            voided,
            assigned,
            version,
            received_on,
            body,
            reply,
        }))
    }

    /// Whether `section`'s reply on record to slip `id` came in on the sheet `sheet` (its
    /// signature's start) and nothing was written since: a corrected copy of that sheet
    /// sent again may then replace it.
    pub fn reply_came_from_sheet(&self, id: i64, section: &str, sheet: &str) -> Result<bool> {
        let last: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT action, old FROM event WHERE slip_id = ?1 AND note = ?2
                   AND action IN (?3, ?4, ?5, ?6)
                 ORDER BY id DESC LIMIT 1",
                params![
                    id,
                    section,
                    Action::Replied.code(),
                    Action::Collected.code(),
                    Action::Returned.code(),
                    Action::Approved.code()
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(matches!(last, Some((a, Some(s))) if a == Action::Collected.code() && s == sheet))
    }
}

/// One reply a returned sheet records, with what the plan saw of its slip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetReply {
    /// The slip.
    pub id: i64,
    /// The answer, normalised.
    pub text: String,
    /// The outcome code chosen, if any.
    pub outcome: Option<String>,
    /// Who wrote it, as the history records it (the sheet's 回答者, or the section's sheet).
    pub by: String,
    /// The slip's version when the plan was made.
    pub version: i64,
    /// When the section's reply on record was written then (`None`: no reply).
    pub reply_at: Option<String>,
}

/// What became of one row when a sheet was recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Collected {
    /// Recorded as the section's reply, with its history line.
    Recorded,
    /// The slip or its reply changed after the plan was made (a colleague, another
    /// collect): not written; collect again to see it as it stands.
    ChangedSincePlan,
}

/// One returned sheet to record ([`Store::collect_sheet`]).
#[derive(Clone, Copy, Debug)]
pub struct SheetRecord<'a> {
    /// The section it is bound to.
    pub section: &'a str,
    /// The file, as the history names it.
    pub file: &'a str,
    /// The start of its signature.
    pub sheet: &'a str,
    /// The date the replies are recorded on.
    pub replied_on: NaiveDate,
}

impl Store {
    /// Record a returned sheet's rows as `sheet.section`'s replies, all in one IMMEDIATE
    /// transaction with their history lines (written as its liaison would: 承認待ち when
    /// the office reviews replies). Each row is checked again inside the transaction
    /// against what its plan saw: a slip or reply changed since (by a colleague, or by
    /// the same sheet collected at once elsewhere) is [`Collected::ChangedSincePlan`]
    /// and left alone. A failure writes nothing of the sheet.
    pub fn collect_sheet(
        &mut self,
        sheet: &SheetRecord<'_>,
        rows: &[SheetReply],
    ) -> Result<Vec<Collected>> {
        let collector = self.actor().to_string();
        self.write(|conn, audit| {
            let review = review_on(conn)?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                if !unchanged_since_plan(conn, row, sheet.section)? {
                    out.push(Collected::ChangedSincePlan);
                    continue;
                }
                let by = Audit {
                    actor: &row.by,
                    at: audit.at,
                };
                let w = ReplyWrite {
                    id: row.id,
                    section: sheet.section,
                    text: &row.text,
                    replied_on: sheet.replied_on,
                    outcome: row.outcome.as_deref(),
                    clear: false,
                    act: ReplyAct::LiaisonWrites { review },
                    expected_version: Some(row.version),
                };
                write_reply(conn, &by, &w)?;
                Audit {
                    actor: &collector,
                    at: audit.at,
                }
                .log(
                    conn,
                    row.id,
                    Action::Collected,
                    Some(sheet.sheet),
                    Some(sheet.file),
                    Some(sheet.section),
                )?;
                out.push(Collected::Recorded);
            }
            // The text index after every other row (see `write_reply`).
            for (row, done) in rows.iter().zip(&out) {
                if *done == Collected::Recorded {
                    super::text_index::reindex(conn, row.id)?;
                }
            }
            Ok(out)
        })
    }
}

/// Whether the office reviews liaisons' replies, read inside the caller's transaction.
fn review_on(conn: &Connection) -> Result<bool> {
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM setting WHERE key = 'review_replies'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.as_deref() == Some("true"))
}

/// The slip's version and the section's reply stamp are what the plan saw.
fn unchanged_since_plan(conn: &Connection, row: &SheetReply, section: &str) -> Result<bool> {
    let version: Option<i64> = conn
        .prepare_cached("SELECT version FROM slip WHERE id = ?1")?
        .query_row([row.id], |r| r.get(0))
        .optional()?;
    let reply_at: Option<String> = conn
        .prepare_cached("SELECT created_at FROM reply WHERE slip_id = ?1 AND section = ?2")?
        .query_row(params![row.id, section], |r| r.get(0))
        .optional()?;
    Ok(version == Some(row.version) && reply_at == row.reply_at)
}

/// The bytes that `hex` (pairs of hex digits, nothing else) stands for.
fn hex_bytes(hex: &str) -> Option<Vec<u8>> {
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) || !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
        .collect()
}
