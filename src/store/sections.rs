//! Changes to the sections (課) themselves: add, rename, deactivate and activate. Their
//! slips and replies keep them whatever happens.

use rusqlite::params;

use super::Store;
use crate::config::valid_code;
use crate::error::{Error, Result};

/// A section or department name: trimmed, not empty, no control or bidi characters
/// (names are printed everywhere, so they must not be able to drive a terminal).
fn clean_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::EmptyName);
    }
    if crate::text::sanitize(name, false) != name || name.chars().any(crate::text::is_stray_control)
    {
        return Err(Error::BadName(name.escape_debug().to_string()));
    }
    // `=?…?=` would be read as an RFC 2047 encoded word in a mail's Subject, and show a
    // different name there than everywhere else.
    if name.contains("=?") {
        return Err(Error::EncodedWordName(name.to_string()));
    }
    crate::domain::limits::check(name, crate::domain::limits::NAME).map_err(|(limit, len)| {
        Error::TooLong {
            field: crate::i18n::tr(crate::i18n::Msg::ColName).into(),
            limit,
            len,
        }
    })?;
    Ok(name.to_string())
}

/// One change to the sections, from [`Store::section_history`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SectionEvent {
    /// When (local time).
    pub at: String,
    /// Who.
    pub actor: String,
    /// `added`, `renamed`, `deactivated`, `activated`.
    pub action: String,
    /// The section's code.
    pub code: String,
    /// Before (the old name).
    pub old: Option<String>,
    /// After (the new name).
    pub new: Option<String>,
}

impl Store {
    /// Write a section change to its audit log, in the same transaction as the change.
    pub(super) fn section_event(
        conn: &rusqlite::Connection,
        actor: &str,
        at: &str,
        action: &str,
        code: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        conn.execute(
            "INSERT INTO section_event (at, actor, action, code, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![at, actor, action, code, old, new],
        )?;
        Ok(())
    }

    /// Every change made to the sections, oldest first.
    pub fn section_history(&self) -> Result<Vec<SectionEvent>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, actor, action, code, old, new FROM section_event ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SectionEvent {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    code: r.get(3)?,
                    old: r.get(4)?,
                    new: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Refuse `name` if another section (not `except`) has it, compared as typed (NFKC).
    fn name_free(&self, name: &str, except: Option<&str>) -> Result<()> {
        let n = crate::text::nfkc(name);
        match self.sections().iter().find(|s| {
            Some(s.label.code.as_str()) != except && crate::text::nfkc(&s.label.name) == n
        }) {
            Some(s) => Err(Error::SectionNameTaken {
                name: name.to_string(),
                code: s.label.code.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Add a section at the end of the list.
    pub fn add_section(
        &mut self,
        code: &str,
        name: &str,
        name_en: &str,
        department: &str,
    ) -> Result<()> {
        if !valid_code(code) || code.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(Error::BadCode(code.into()));
        }
        if self.section(code).is_some() {
            return Err(Error::SectionExists(code.into()));
        }
        let name = clean_name(name)?;
        self.name_free(&name, None)?;
        clean_name(department).or_else(|e| {
            if department.is_empty() {
                Ok(String::new())
            } else {
                Err(e)
            }
        })?;
        let department_en = self
            .catalog
            .sections
            .iter()
            .find(|s| s.department == department && !department.is_empty())
            .map(|s| s.department_en.clone())
            .unwrap_or_default();
        let (at, actor) = (self.now(), self.actor().to_string());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO section (code, name, name_en, department, department_en, active, sort)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, (SELECT coalesce(max(sort), 0) + 1 FROM section))",
            params![code, name, name_en, department, department_en],
        )?;
        Self::section_event(&tx, &actor, &at, "added", code, None, Some(&name))?;
        tx.commit()?;
        self.reload_catalog()
    }

    /// Rename a section (Japanese name, and the English one if given). Slips keep it.
    pub fn rename_section(&mut self, code: &str, name: &str, name_en: Option<&str>) -> Result<()> {
        let code = self.resolve_section(code, false)?;
        let name = clean_name(name)?;
        self.name_free(&name, Some(&code))?;
        if let Some(en) = name_en {
            clean_name(en)?;
        }
        let old = self.section(&code).map(|s| s.label.name.clone());
        let (at, actor) = (self.now(), self.actor().to_string());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE section SET name = ?2, name_en = coalesce(?3, name_en) WHERE code = ?1",
            params![code, name, name_en],
        )?;
        Self::section_event(
            &tx,
            &actor,
            &at,
            "renamed",
            &code,
            old.as_deref(),
            Some(&name),
        )?;
        tx.commit()?;
        self.reload_catalog()
    }

    /// Deactivate (or reactivate) a section: inactive ones cannot be newly assigned,
    /// but keep their slips and replies.
    pub fn set_section_active(&mut self, code: &str, active: bool) -> Result<String> {
        let code = self.resolve_section(code, false)?;
        let (at, actor) = (self.now(), self.actor().to_string());
        let action = if active { "activated" } else { "deactivated" };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE section SET active = ?2 WHERE code = ?1",
            params![code, active],
        )?;
        Self::section_event(&tx, &actor, &at, action, &code, None, None)?;
        tx.commit()?;
        self.reload_catalog()?;
        Ok(code)
    }

    /// Set (or with `None`, clear) the address section `code`'s requests and reminders
    /// are mailed to. Not an address: refused, nothing changed.
    pub fn set_section_email(&mut self, code: &str, email: Option<&str>) -> Result<String> {
        let code = self.resolve_section(code, false)?;
        let email = email.map(str::trim).filter(|e| !e.is_empty());
        if let Some(e) = email {
            check_address(e)?;
        }
        let (at, actor) = (self.now(), self.actor().to_string());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let old: Option<String> =
            tx.query_row("SELECT email FROM section WHERE code = ?1", [&code], |r| {
                r.get(0)
            })?;
        tx.execute(
            "UPDATE section SET email = ?2 WHERE code = ?1",
            params![code, email],
        )?;
        Self::section_event(&tx, &actor, &at, "email", &code, old.as_deref(), email)?;
        tx.commit()?;
        self.reload_catalog()?;
        Ok(code)
    }
}

impl Store {
    /// Add and remove duty words of section `code` (compared as the text index compares
    /// them, so 「ヒッコシ」 removes 「引っ越し」's kana twin only when it folds alike). A word
    /// that cannot be a duty refuses the whole change. Each word added or removed is in
    /// the section's history. Returns the code and its duties after.
    pub fn change_duties(
        &mut self,
        code: &str,
        add: &[String],
        remove: &[String],
    ) -> Result<(String, Vec<String>, usize, usize)> {
        let code = self.resolve_section(code, false)?;
        for w in add {
            if !crate::domain::duty_ok(w) {
                return Err(Error::BadDuty(w.trim().to_string()));
            }
        }
        let (at, actor) = (self.now(), self.actor().to_string());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // The duties as they are now, inside the transaction: a colleague's change made
        // since this catalogue was read is kept, not written over.
        let stored: String =
            tx.query_row("SELECT duties FROM section WHERE code = ?1", [&code], |r| {
                r.get(0)
            })?;
        let mut now: Vec<String> = stored
            .lines()
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        let fold = crate::search::folded;
        let mut removed = 0;
        for w in remove {
            let f = fold(w);
            if let Some(i) = now.iter().position(|x| fold(x) == f) {
                let gone = now.remove(i);
                Self::section_event(&tx, &actor, &at, "duty-removed", &code, Some(&gone), None)?;
                removed += 1;
            }
        }
        let mut added = 0;
        for w in crate::domain::clean_duties(add) {
            let f = fold(&w);
            if !now.iter().any(|x| fold(x) == f) {
                Self::section_event(&tx, &actor, &at, "duty-added", &code, None, Some(&w))?;
                now.push(w);
                added += 1;
            }
        }
        tx.execute(
            "UPDATE section SET duties = ?2 WHERE code = ?1",
            params![code, now.join("\n")],
        )?;
        tx.commit()?;
        self.reload_catalog()?;
        Ok((code, now, added, removed))
    }
}

pub use crate::config::check_address;
