//! Triage's writes: asking sections to reply, and changing which are asked, as
//! [`crate::domain::plan_sections`] says.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::Store;
use super::query::{load_replies, load_slip};
use super::write::{Audit, bump, checked, set_status};
use crate::domain::Action;
use crate::domain::{SectionChange, SectionPlan, Slip, plan_sections};
use crate::error::{Error, Result};

impl Store {
    /// Ask `sections` to reply too (keeping those already tagged and their replies), and
    /// set the due date. See [`Store::change_sections`].
    pub fn assign(
        &mut self,
        id: i64,
        sections: &[String],
        due_on: NaiveDate,
        expected_version: Option<i64>,
    ) -> Result<Slip> {
        self.change_sections(
            id,
            &SectionChange::Add(sections.to_vec()),
            Some(due_on),
            false,
            expected_version,
        )
        .map(|(slip, _)| slip)
    }

    /// Change the sections tagged on a slip and (with `due_on`) its due date, as
    /// [`plan_sections`] says. A section that has replied is removed only with
    /// `remove_replied`; its reply stays on record. Whether a section may be newly asked
    /// (active) is read inside the write transaction, so one a colleague deactivated a
    /// moment ago is refused. Returns the slip after and the plan.
    pub fn change_sections(
        &mut self,
        id: i64,
        change: &SectionChange,
        due_on: Option<NaiveDate>,
        remove_replied: bool,
        expected_version: Option<i64>,
    ) -> Result<(Slip, SectionPlan)> {
        let change = self.resolve_change(change)?;
        self.write(|conn, audit| {
            let slip = checked(conn, id, expected_version)?;
            let plan = plan_change(conn, &slip, &change, due_on, remove_replied)?;
            let due_changed = due_on.is_some_and(|d| slip.due_on != Some(d));
            if !plan.changes_sections() && !due_changed {
                return Ok((slip, plan));
            }
            write_plan(conn, id, &plan, due_on)?;
            if plan.to != slip.status {
                set_status(conn, id, plan.to)?;
            }
            bump(conn, id, audit.at)?;
            log_plan(conn, audit, &slip, &plan, due_on)?;
            Ok((load_slip(conn, id)?, plan))
        })
    }

    /// The sections a change names, as codes (each once). One added must be known and
    /// active in the catalogue; a deactivated one is named as such, not as unknown.
    fn resolve_change(&self, change: &SectionChange) -> Result<SectionChange> {
        let resolve = |list: &[String], active_only: bool| -> Result<Vec<String>> {
            let mut codes = vec![];
            for s in list {
                let c = self.resolve_section(s, active_only)?;
                if !codes.contains(&c) {
                    codes.push(c);
                }
            }
            Ok(codes)
        };
        let change = match change {
            SectionChange::Add(l) => {
                for given in l {
                    if self.resolve_section(given, true).is_err()
                        && let Ok(code) = self.resolve_section(given, false)
                    {
                        return Err(Error::SectionInactive(code));
                    }
                }
                SectionChange::Add(resolve(l, true)?)
            }
            SectionChange::Remove(l) => SectionChange::Remove(resolve(l, false)?),
            SectionChange::Replace(l) => SectionChange::Replace(resolve(l, false)?),
        };
        if let SectionChange::Add(l) | SectionChange::Replace(l) = &change
            && l.is_empty()
        {
            return Err(crate::domain::TransitionError::NeedSections.into());
        }
        Ok(change)
    }
}

/// What `change` does to `slip`, checked inside the write transaction: the due date
/// after receipt, removed sections tagged, the slip open, every added section active in
/// the database now, a section that replied removed only when asked.
fn plan_change(
    conn: &Connection,
    slip: &Slip,
    change: &SectionChange,
    due_on: Option<NaiveDate>,
    remove_replied: bool,
) -> Result<SectionPlan> {
    let id = slip.id;
    if let Some(due) = due_on
        && due < slip.received_on
    {
        return Err(Error::DueBeforeReceived {
            due,
            received: slip.received_on,
        });
    }
    if let SectionChange::Remove(l) = change
        && let Some(c) = l.iter().find(|c| !slip.sections.contains(c))
    {
        return Err(Error::NotTagged {
            section: c.clone(),
            tagged: slip.sections.clone(),
        });
    }
    let replied: Vec<String> = load_replies(conn, id)?
        .into_iter()
        .map(|r| r.section)
        .collect();
    if slip.status.is_closed() {
        return Err(Error::AssignClosed {
            id,
            status: slip.status,
        });
    }
    let plan = plan_sections(slip.status, &slip.sections, &replied, change)?;
    // A deactivated section stays on the slips it has; it cannot be newly asked.
    let active = active_sections(conn)?;
    if let Some(c) = plan.added.iter().find(|c| !active.contains(c)) {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM section WHERE code = ?1)",
            [c],
            |r| r.get(0),
        )?;
        return Err(if exists {
            Error::SectionInactive(c.clone())
        } else {
            Error::UnknownSection {
                given: c.clone(),
                known: active,
            }
        });
    }
    if !plan.removed_replied.is_empty() && !remove_replied {
        return Err(Error::RemovesReplied {
            id,
            sections: plan.removed_replied.clone(),
        });
    }
    Ok(plan)
}

/// The codes of the sections active now, in table order, read in the caller's transaction.
fn active_sections(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT code FROM section WHERE active = 1 ORDER BY sort, code")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The slip's section rows and due date as the plan says.
fn write_plan(
    conn: &Connection,
    id: i64,
    plan: &SectionPlan,
    due_on: Option<NaiveDate>,
) -> Result<()> {
    for c in &plan.removed {
        conn.execute(
            "DELETE FROM slip_section WHERE slip_id = ?1 AND section = ?2",
            params![id, c],
        )?;
    }
    for c in &plan.added {
        conn.execute(
            "INSERT INTO slip_section (slip_id, section) VALUES (?1, ?2)",
            params![id, c],
        )?;
    }
    if let Some(d) = due_on {
        conn.execute(
            "UPDATE slip SET due_on = ?2 WHERE id = ?1",
            params![id, d.to_string()],
        )?;
    }
    Ok(())
}

/// The history of a change: assigned (old → new sections, the due date), unassigned
/// (sections whose replies stay on record), and the status moved.
fn log_plan(
    conn: &Connection,
    audit: &Audit<'_>,
    slip: &Slip,
    plan: &SectionPlan,
    due_on: Option<NaiveDate>,
) -> Result<()> {
    let id = slip.id;
    let old = (!slip.sections.is_empty()).then(|| slip.sections.join(","));
    let due_note = due_on.or(slip.due_on).map(|d| d.to_string());
    audit.log(
        conn,
        id,
        Action::Assigned,
        old.as_deref(),
        Some(&plan.after.join(",")),
        due_note.as_deref(),
    )?;
    if !plan.removed_replied.is_empty() {
        // The replies stay in the reply table; this event says why they are now shown
        // as from sections no longer assigned.
        audit.log(
            conn,
            id,
            Action::Unassigned,
            Some(&plan.removed_replied.join(",")),
            None,
            None,
        )?;
    }
    if plan.to != slip.status {
        audit.log(
            conn,
            id,
            Action::Status,
            Some(slip.status.code()),
            Some(plan.to.code()),
            None,
        )?;
    }
    Ok(())
}
