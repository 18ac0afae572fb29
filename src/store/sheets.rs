//! What reply sheets (回答票, `io::sheets`) need of the database: its own id and the key
//! it signs sheets with, both drawn once at random and kept in the settings table (never
//! listed by `meyasu settings`, never exported), and where one slip and section stand
//! when a filled sheet comes back.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::domain::Status;
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
        let key = (0..secret.len() / 2)
            .filter_map(|i| u8::from_str_radix(&secret[2 * i..2 * i + 2], 16).ok())
            .collect();
        Ok((id[..16.min(id.len())].to_string(), key))
    }

    /// Where slip `id` stands for `section` now; `None` if there is no such slip.
    pub fn sheet_row_state(&self, id: i64, section: &str) -> Result<Option<SheetRowState>> {
        let head = self
            .conn
            .query_row(
                "SELECT s.status, s.voided,
                        EXISTS (SELECT 1 FROM slip_section ss WHERE ss.slip_id = s.id AND ss.section = ?2)
                 FROM slip s WHERE s.id = ?1",
                params![id, section],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, bool>(1)?,
                        r.get::<_, bool>(2)?,
                    ))
                },
            )
            .optional()?;
        let Some((status, voided, assigned)) = head else {
            return Ok(None);
        };
        let reply = self
            .conn
            .query_row(
                "SELECT text, outcome, created_at, state FROM reply WHERE slip_id = ?1 AND section = ?2",
                params![id, section],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        Ok(Some(SheetRowState {
            status: Status::parse(&status).unwrap_or(Status::New),
            voided,
            assigned,
            reply,
        }))
    }

    /// Note in slip `id`'s history that `section`'s reply came in on the reply sheet
    /// `file` (「回答票 回答票_総務課_….xlsx」).
    pub fn record_collected(
        &mut self,
        id: i64,
        section: &str,
        file: &str,
        sheet: &str,
    ) -> Result<()> {
        self.write(|conn, audit| {
            audit.log(
                conn,
                id,
                "collected",
                Some(sheet),
                Some(file),
                Some(section),
            )?;
            Ok(())
        })
    }

    /// Whether `section`'s reply on record to slip `id` came in on the sheet `sheet` (its
    /// signature's start) and nothing was written since: a corrected copy of that sheet
    /// sent again may then replace it.
    pub fn reply_came_from_sheet(&self, id: i64, section: &str, sheet: &str) -> Result<bool> {
        let last: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT action, old FROM event WHERE slip_id = ?1 AND note = ?2
                   AND action IN ('replied', 'collected', 'returned', 'approved')
                 ORDER BY id DESC LIMIT 1",
                params![id, section],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(matches!(last, Some((a, Some(s))) if a == "collected" && s == sheet))
    }
}
