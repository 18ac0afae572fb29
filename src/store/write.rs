//! Writes. Each is one IMMEDIATE transaction that checks the slip's version,
//! applies the change, bumps the version and writes the audit event.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::Store;
use super::query::{load_replies, load_slip};
use crate::domain::Action;
use crate::domain::limits;
use crate::domain::{Guard, ReplyAct, ReplyState, Slip, Status, check_transition, reply_step};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::text::normalize_body;

/// A slip to enter. Floor and kind may be codes or names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSlip {
    /// Date collected.
    pub received_on: NaiveDate,
    /// Floor code or name.
    pub floor: String,
    /// Kind code or name.
    pub kind: String,
    /// The text as written.
    pub body: String,
    /// Optional summary (要旨).
    pub summary: Option<String>,
}

/// Corrections to a slip; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SlipEdit {
    /// New collection date.
    pub received_on: Option<NaiveDate>,
    /// New floor (code or name).
    pub floor: Option<String>,
    /// New kind (code or name).
    pub kind: Option<String>,
    /// New text.
    pub body: Option<String>,
    /// New summary; `Some("")` clears it.
    pub summary: Option<String>,
    /// New due date.
    pub due_on: Option<NaiveDate>,
}

pub(super) struct Audit<'a> {
    pub(super) actor: &'a str,
    pub(super) at: &'a str,
}

impl Audit<'_> {
    pub(super) fn log(
        &self,
        conn: &Connection,
        slip: i64,
        action: Action,
        old: Option<&str>,
        new: Option<&str>,
        note: Option<&str>,
    ) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO event (slip_id, at, actor, action, old, new, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![slip, self.at, self.actor, action.code(), old, new, note])?;
        Ok(())
    }
}

/// Read the slip and refuse if the caller's version is stale, or if it is voided
/// (a voided slip changes only by being restored).
pub(super) fn checked(conn: &Connection, id: i64, expected: Option<i64>) -> Result<Slip> {
    let slip = checked_any(conn, id, expected)?;
    if slip.voided {
        return Err(Error::Voided(id));
    }
    Ok(slip)
}

/// [`checked`], voided or not.
pub(super) fn checked_any(conn: &Connection, id: i64, expected: Option<i64>) -> Result<Slip> {
    let slip = load_slip(conn, id)?;
    if let Some(expected) = expected
        && expected != slip.version
    {
        return Err(Error::Stale {
            id,
            expected,
            actual: slip.version,
        });
    }
    Ok(slip)
}

pub(super) fn bump(conn: &Connection, id: i64, at: &str) -> Result<()> {
    conn.prepare_cached("UPDATE slip SET version = version + 1, updated_at = ?2 WHERE id = ?1")?
        .execute(params![id, at])?;
    Ok(())
}

pub(super) fn set_status(conn: &Connection, id: i64, to: Status) -> Result<()> {
    conn.prepare_cached("UPDATE slip SET status = ?2 WHERE id = ?1")?
        .execute(params![id, to.code()])?;
    Ok(())
}

pub(super) fn unreplied(conn: &Connection, slip: &Slip) -> Result<Vec<String>> {
    // Only a reply that counts (approved) answers a section.
    let replied: Vec<String> = load_replies(conn, slip.id)?
        .into_iter()
        .filter(|r| r.state == crate::domain::ReplyState::Approved)
        .map(|r| r.section)
        .collect();
    Ok(slip
        .sections
        .iter()
        .filter(|s| !replied.contains(s))
        .cloned()
        .collect())
}

/// After a reply changed: an assigned slip whose sections' replies all count becomes
/// 回答済; an answered one with a reply that no longer counts (written again, waiting for
/// review) goes back to 回答依頼中. Each move is in the audit log.
pub(super) fn settle_answered(conn: &Connection, audit: &Audit<'_>, slip: &Slip) -> Result<()> {
    let open = unreplied(conn, slip)?;
    let to = match slip.status {
        Status::Assigned if open.is_empty() => Status::Answered,
        Status::Answered if !open.is_empty() => Status::Assigned,
        _ => return Ok(()),
    };
    set_status(conn, slip.id, to)?;
    audit.log(
        conn,
        slip.id,
        Action::Status,
        Some(slip.status.code()),
        Some(to.code()),
        None,
    )
}

/// One section's reply to write ([`write_reply`]): checked and normalised already.
pub(super) struct ReplyWrite<'a> {
    pub(super) id: i64,
    pub(super) section: &'a str,
    pub(super) text: &'a str,
    pub(super) replied_on: NaiveDate,
    pub(super) outcome: Option<&'a str>,
    pub(super) clear: bool,
    pub(super) act: ReplyAct,
    pub(super) expected_version: Option<i64>,
}

/// Write `w` inside the caller's transaction: the slip checked (version, section,
/// status), the reply's review step, the reply row, its audit event, and the slip settled
/// as 回答済 when every section's reply counts. The caller reindexes the slip's text
/// ([`super::text_index::reindex`]) after its other writes: FTS5 writes its pending terms
/// out at every statement savepoint, so index writes between other rows cost a segment
/// each.
pub(super) fn write_reply(conn: &Connection, audit: &Audit<'_>, w: &ReplyWrite<'_>) -> Result<()> {
    let (id, code) = (w.id, w.section);
    let slip = checked(conn, id, w.expected_version)?;
    if !slip.sections.iter().any(|s| s == code) {
        return Err(Error::NotTagged {
            section: code.to_string(),
            tagged: slip.sections.clone(),
        });
    }
    if !matches!(slip.status, Status::Assigned | Status::Answered) {
        return Err(Error::ReplyClosed {
            id,
            status: slip.status,
        });
    }
    let old: Option<(String, String)> = conn
        .prepare_cached("SELECT text, state FROM reply WHERE slip_id = ?1 AND section = ?2")?
        .query_row(params![id, code], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let state =
        reply_step(old.as_ref().map(|o| ReplyState::from_code(&o.1)), w.act).map_err(|err| {
            Error::ReplyStep {
                id,
                section: code.to_string(),
                err,
            }
        })?;
    let old = old.map(|o| o.0);
    conn.prepare_cached(
        "INSERT INTO reply (slip_id, section, text, replied_on, by, created_at, outcome, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9)
         ON CONFLICT (slip_id, section) DO UPDATE SET
           text = excluded.text, replied_on = excluded.replied_on, by = excluded.by,
           outcome = CASE WHEN ?8 THEN NULL
                          ELSE coalesce(excluded.outcome, reply.outcome) END,
           state = excluded.state, return_reason = NULL",
    )?
    .execute(params![
        id,
        code,
        w.text,
        w.replied_on.to_string(),
        audit.actor,
        audit.at,
        w.outcome,
        w.clear,
        state.code()
    ])?;
    audit.log(
        conn,
        id,
        Action::Replied,
        old.as_deref(),
        Some(w.text),
        Some(code),
    )?;
    settle_answered(conn, audit, &slip)?;
    bump(conn, id, audit.at)
}

pub(super) fn non_empty(text: &str, err: Error) -> Result<String> {
    let t = normalize_body(text);
    if crate::text::is_blank(&t) {
        Err(err)
    } else {
        Ok(t)
    }
}

/// Refuse `text` longer than `limit` characters, naming the field.
pub(super) fn within(text: &str, limit: usize, field: crate::i18n::Msg) -> Result<()> {
    crate::domain::limits::check(text, limit).map_err(|(limit, len)| Error::TooLong {
        field: crate::i18n::tr(field).into(),
        limit,
        len,
    })
}

impl Store {
    pub(super) fn write<T>(
        &mut self,
        f: impl FnOnce(&Connection, &Audit<'_>) -> Result<T>,
    ) -> Result<T> {
        let at = self.now();
        let actor = self.actor().to_string();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(
            &tx,
            &Audit {
                actor: &actor,
                at: &at,
            },
        )?;
        tx.commit()?;
        Ok(out)
    }

    /// Enter a slip. Returns its 受付番号.
    pub fn add_slip(&mut self, new: &NewSlip) -> Result<i64> {
        let floor = self.resolve_floor(&new.floor)?;
        let kind = self.resolve_kind(&new.kind)?;
        let body = non_empty(&new.body, Error::EmptyText)?;
        within(&body, limits::BODY, Msg::ColText)?;
        let summary = new
            .summary
            .as_deref()
            .map(normalize_body)
            .filter(|s| !s.is_empty());
        if let Some(s) = &summary {
            within(s, limits::SUMMARY, Msg::ColSummary)?;
        }
        self.write(|conn, audit| {
            conn.execute(
                "INSERT INTO slip (received_on, floor, kind, body, summary, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'new', ?6, ?6)",
                params![new.received_on.to_string(), floor, kind, body, summary, audit.at],
            )?;
            let id = conn.last_insert_rowid();
            super::text_index::add(conn, id, &body, summary.as_deref(), &[])?;
            audit.log(conn, id, Action::Created, None, Some("new"), None)?;
            Ok(id)
        })
    }

    /// Record a section's reply (replacing an earlier one), keeping the outcome on
    /// record. When every tagged section has replied, an assigned slip becomes answered.
    /// Returns the slip after. See [`Store::reply_with`] to record an outcome.
    pub fn reply(
        &mut self,
        id: i64,
        section: &str,
        text: &str,
        replied_on: NaiveDate,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        self.reply_with(
            id,
            section,
            text,
            replied_on,
            &OutcomeChoice::Keep,
            expected_version,
        )
    }

    /// The code of the outcome `given` names (code, Japanese or English name); an
    /// unknown one is an error that lists the known ones.
    pub fn resolve_outcome(&self, given: &str) -> Result<String> {
        Ok(self.catalog.resolve_outcome(given)?)
    }

    /// Record a section's reply with what it led to (see [`OutcomeChoice`]).
    pub fn reply_with(
        &mut self,
        id: i64,
        section: &str,
        text: &str,
        replied_on: NaiveDate,
        outcome: &OutcomeChoice,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        let (outcome, clear) = match outcome {
            OutcomeChoice::Keep => (None, false),
            OutcomeChoice::Set(o) => (Some(self.resolve_outcome(o)?), false),
            OutcomeChoice::Clear => (None, true),
        };
        let code = self.resolve_section(section, false)?;
        let text = non_empty(text, Error::EmptyReply)?;
        within(&text, limits::REPLY, Msg::ColReply)?;
        // A liaison writes for their own section only; with review on, it waits.
        let act = match &self.liaison {
            Some(mine) if *mine != code => return Err(Error::LiaisonCommand(mine.clone())),
            Some(_) => ReplyAct::LiaisonWrites {
                review: self.settings()?.review_replies,
            },
            None => ReplyAct::TeamWrites,
        };
        let w = ReplyWrite {
            id,
            section: &code,
            text: &text,
            replied_on,
            outcome: outcome.as_deref(),
            clear,
            act,
            expected_version,
        };
        self.write(|conn, audit| {
            write_reply(conn, audit, &w)?;
            super::text_index::reindex(conn, id)?;
            load_slip(conn, id)
        })
    }

    /// Move a slip to `to`, through the workflow table. Reopening needs a `reason`.
    pub fn set_status(
        &mut self,
        id: i64,
        to: Status,
        reason: Option<&str>,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        self.write(|conn, audit| {
            let slip = checked(conn, id, expected_version)?;
            let guard = Guard {
                sections: slip.sections.len(),
                unreplied: unreplied(conn, &slip)?,
                has_reason: reason.is_some(),
            };
            check_transition(slip.status, to, &guard)?;
            set_status(conn, id, to)?;
            bump(conn, id, audit.at)?;
            audit.log(
                conn,
                id,
                Action::Status,
                Some(slip.status.code()),
                Some(to.code()),
                reason,
            )?;
            load_slip(conn, id)
        })
    }

    /// Mark `id` as a duplicate of `of`; an open slip is closed as needing no reply.
    pub fn mark_duplicate(
        &mut self,
        id: i64,
        of: i64,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        if id == of {
            return Err(Error::DuplicateSelf);
        }
        self.write(|conn, audit| {
            let slip = checked(conn, id, expected_version)?;
            // Follow what `of` duplicates: a chain back to `id` would make each slip the
            // other's copy.
            let mut next = load_slip(conn, of)?.duplicate_of;
            let mut steps = 0;
            while let Some(n) = next {
                if n == id || steps > 10_000 {
                    return Err(Error::DuplicateCycle { id, of });
                }
                next = load_slip(conn, n)?.duplicate_of;
                steps += 1;
            }
            conn.execute(
                "UPDATE slip SET duplicate_of = ?2 WHERE id = ?1",
                params![id, of],
            )?;
            audit.log(
                conn,
                id,
                Action::Duplicate,
                None,
                Some(&of.to_string()),
                None,
            )?;
            if slip.status.is_open() {
                set_status(conn, id, Status::NoReply)?;
                audit.log(
                    conn,
                    id,
                    Action::Status,
                    Some(slip.status.code()),
                    Some(Status::NoReply.code()),
                    Some(&format!("#{of}")),
                )?;
            }
            bump(conn, id, audit.at)?;
            load_slip(conn, id)
        })
    }

    /// Correct a slip's fields. Each changed field is logged with its old and new value.
    pub fn edit_slip(
        &mut self,
        id: i64,
        edit: &SlipEdit,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        let floor = edit
            .floor
            .as_deref()
            .map(|f| self.resolve_floor(f))
            .transpose()?;
        let kind = edit
            .kind
            .as_deref()
            .map(|k| self.resolve_kind(k))
            .transpose()?;
        let body = edit
            .body
            .as_deref()
            .map(|b| non_empty(b, Error::EmptyText))
            .transpose()?;
        if let Some(b) = &body {
            within(b, limits::BODY, Msg::ColText)?;
        }
        let summary = edit.summary.as_deref().map(normalize_body);
        if let Some(s) = &summary {
            within(s, limits::SUMMARY, Msg::ColSummary)?;
        }
        self.write(|conn, audit| {
            let slip = checked(conn, id, expected_version)?;
            let mut changed = false;
            let fields: [(&str, Option<String>, Option<String>); 6] = [
                (
                    "received_on",
                    Some(slip.received_on.to_string()),
                    edit.received_on.map(|d| d.to_string()),
                ),
                ("floor", Some(slip.floor.clone()), floor),
                ("kind", Some(slip.kind.clone()), kind),
                ("body", Some(slip.body.clone()), body),
                (
                    "summary",
                    slip.summary.clone(),
                    summary.map(Some).unwrap_or(None),
                ),
                (
                    "due_on",
                    slip.due_on.map(|d| d.to_string()),
                    edit.due_on.map(|d| d.to_string()),
                ),
            ];
            for (field, old, new) in fields {
                let Some(new) = new else { continue };
                // An empty summary is no summary: clearing none is no change.
                if old.as_deref() == Some(new.as_str()) || (old.is_none() && new.is_empty()) {
                    continue;
                }
                let value = if field == "summary" && new.is_empty() {
                    None
                } else {
                    Some(new.as_str())
                };
                let sql = match field {
                    "received_on" => "UPDATE slip SET received_on = ?2 WHERE id = ?1",
                    "floor" => "UPDATE slip SET floor = ?2 WHERE id = ?1",
                    "kind" => "UPDATE slip SET kind = ?2 WHERE id = ?1",
                    "body" => "UPDATE slip SET body = ?2 WHERE id = ?1",
                    "summary" => "UPDATE slip SET summary = ?2 WHERE id = ?1",
                    _ => "UPDATE slip SET due_on = ?2 WHERE id = ?1",
                };
                conn.execute(sql, params![id, value])?;
                audit.log(conn, id, Action::Edited, old.as_deref(), value, Some(field))?;
                changed = true;
            }
            if changed {
                bump(conn, id, audit.at)?;
                super::text_index::reindex(conn, id)?;
            }
            load_slip(conn, id)
        })
    }

    /// Void a slip entered by mistake (取消), with a reason: it leaves every list and
    /// count but the voided view; its text, replies and history stay, and
    /// [`Store::restore_slip`] brings it back as it was.
    pub fn void_slip(
        &mut self,
        id: i64,
        reason: &str,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(crate::domain::TransitionError::NeedReason.into());
        }
        self.write(|conn, audit| {
            checked(conn, id, expected_version)?;
            conn.execute("UPDATE slip SET voided = 1 WHERE id = ?1", [id])?;
            bump(conn, id, audit.at)?;
            audit.log(conn, id, Action::Voided, None, None, Some(reason))?;
            load_slip(conn, id)
        })
    }

    /// Bring back a voided slip, in the status it had.
    pub fn restore_slip(&mut self, id: i64, expected_version: Option<i64>) -> Result<Slip> {
        self.write(|conn, audit| {
            let slip = checked_any(conn, id, expected_version)?;
            if !slip.voided {
                return Err(Error::NotVoided(id));
            }
            conn.execute("UPDATE slip SET voided = 0 WHERE id = ?1", [id])?;
            bump(conn, id, audit.at)?;
            audit.log(conn, id, Action::Unvoided, None, None, None)?;
            load_slip(conn, id)
        })
    }

    /// Keep a slip off the public reply list (`true`) or allow it again.
    pub fn set_no_publish(
        &mut self,
        id: i64,
        no_publish: bool,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        self.write(|conn, audit| {
            let slip = checked(conn, id, expected_version)?;
            if slip.no_publish != no_publish {
                conn.execute(
                    "UPDATE slip SET no_publish = ?2 WHERE id = ?1",
                    params![id, no_publish],
                )?;
                audit.log(
                    conn,
                    id,
                    Action::Publication,
                    Some(if slip.no_publish { "hidden" } else { "public" }),
                    Some(if no_publish { "hidden" } else { "public" }),
                    None,
                )?;
                bump(conn, id, audit.at)?;
            }
            load_slip(conn, id)
        })
    }

    /// Mark `text` as private on a slip (masked in every public output), or unmark it.
    /// The stored text is never changed. `None` with `remove` clears every mark.
    pub fn mark_private(
        &mut self,
        id: i64,
        text: Option<&str>,
        remove: bool,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        let text = text.map(normalize_body);
        if !remove && text.as_deref().is_none_or(crate::text::is_blank) {
            return Err(Error::EmptyText);
        }
        self.write(|conn, audit| {
            let slip = checked(conn, id, expected_version)?;
            // Unreadable marks are never written over by a list that lost them; only
            // clearing every mark (`mask ID --remove`) starts afresh.
            if slip.private_unreadable && !(text.is_none() && remove) {
                return Err(Error::MaskUnreadable(id));
            }
            let mut spans = slip.private.clone();
            match (&text, remove) {
                (Some(t), false) => {
                    if !slip.body.contains(t.as_str())
                        && !slip.summary.as_deref().unwrap_or("").contains(t.as_str())
                    {
                        return Err(Error::NotInText(t.clone()));
                    }
                    if !spans.contains(t) {
                        spans.push(t.clone());
                    }
                }
                (Some(t), true) => spans.retain(|s| s != t),
                (None, _) => spans.clear(),
            }
            if spans != slip.private || slip.private_unreadable {
                let json = serde_json::to_string(&spans).unwrap_or_else(|_| "[]".into());
                conn.execute(
                    "UPDATE slip SET private_spans = ?2 WHERE id = ?1",
                    params![id, json],
                )?;
                audit.log(
                    conn,
                    id,
                    Action::Private,
                    None,
                    Some(&format!("{}", spans.len())),
                    text.as_deref(),
                )?;
                bump(conn, id, audit.at)?;
            }
            load_slip(conn, id)
        })
    }
}

/// What a reply does to the outcome (対応区分) on record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutcomeChoice {
    /// Keep the one on record (none for a first reply).
    Keep,
    /// Set this one (code or name).
    Set(String),
    /// Record none (未設定).
    Clear,
}
