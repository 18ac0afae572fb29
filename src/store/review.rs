//! The team's review of the replies liaisons write: approve one (it counts) or send it
//! back with a reason, through the one table of reply steps ([`reply_step`]).

use rusqlite::{OptionalExtension, params};

use super::Store;
use super::query::load_slip;
use super::write::{bump, checked, settle_answered, within};
use crate::domain::{ReplyAct, ReplyState, Slip, limits, reply_step};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::text::normalize_body;

impl Store {
    /// The team approves section `section`'s reply to slip `id`, which was waiting for
    /// review: it counts from now on, and when every section's reply counts the slip is
    /// 回答済.
    pub fn approve_reply(
        &mut self,
        id: i64,
        section: &str,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        self.review_step(id, section, ReplyAct::Approve, None, expected_version)
    }

    /// The team sends section `section`'s reply to slip `id` back with `reason`; the
    /// liaison sees it and the reason, and writes it again.
    pub fn return_reply(
        &mut self,
        id: i64,
        section: &str,
        reason: &str,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        let reason = normalize_body(reason).trim().to_string();
        if reason.is_empty() {
            return Err(Error::ReturnNeedsReason);
        }
        within(&reason, limits::SUMMARY, Msg::FieldReason)?;
        self.review_step(
            id,
            section,
            ReplyAct::Return,
            Some(&reason),
            expected_version,
        )
    }

    fn review_step(
        &mut self,
        id: i64,
        section: &str,
        act: ReplyAct,
        reason: Option<&str>,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        if let Some(mine) = &self.liaison {
            return Err(Error::LiaisonCommand(mine.clone()));
        }
        let code = self.resolve_section(section, false)?;
        let name = self.section_name(&code, crate::i18n::lang());
        self.write(|conn, audit| {
            let slip = checked(conn, id, expected_version)?;
            let state: Option<String> = conn
                .query_row(
                    "SELECT state FROM reply WHERE slip_id = ?1 AND section = ?2",
                    params![id, code],
                    |r| r.get(0),
                )
                .optional()?;
            let to = reply_step(state.as_deref().map(ReplyState::from_code), act).map_err(
                |err| Error::ReplyStep {
                    id,
                    section: name.clone(),
                    err,
                },
            )?;
            conn.execute(
                "UPDATE reply SET state = ?3, return_reason = ?4 WHERE slip_id = ?1 AND section = ?2",
                params![id, code, to.code(), reason],
            )?;
            let action = if act == ReplyAct::Approve {
                crate::domain::Action::Approved
            } else {
                crate::domain::Action::Returned
            };
            audit.log(conn, id, action, None, reason, Some(&code))?;
            settle_answered(conn, audit, &slip)?;
            bump(conn, id, audit.at)?;
            load_slip(conn, id)
        })
    }
}
