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
        return Err(Error::EmptyText);
    }
    if crate::text::sanitize(name, false) != name || name.chars().any(crate::text::is_stray_control)
    {
        return Err(Error::BadName(name.escape_debug().to_string()));
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

impl Store {
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
        self.conn.execute(
            "INSERT INTO section (code, name, name_en, department, department_en, active, sort)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, (SELECT coalesce(max(sort), 0) + 1 FROM section))",
            params![code, name, name_en, department, department_en],
        )?;
        self.reload_catalog()
    }

    /// Rename a section (Japanese name, and the English one if given). Slips keep it.
    pub fn rename_section(&mut self, code: &str, name: &str, name_en: Option<&str>) -> Result<()> {
        let code = self.resolve_section(code, false)?;
        let name = clean_name(name)?;
        if let Some(en) = name_en {
            clean_name(en)?;
        }
        self.conn.execute(
            "UPDATE section SET name = ?2, name_en = coalesce(?3, name_en) WHERE code = ?1",
            params![code, name, name_en],
        )?;
        self.reload_catalog()
    }

    /// Deactivate (or reactivate) a section: inactive ones cannot be newly assigned,
    /// but keep their slips and replies.
    pub fn set_section_active(&mut self, code: &str, active: bool) -> Result<String> {
        let code = self.resolve_section(code, false)?;
        self.conn.execute(
            "UPDATE section SET active = ?2 WHERE code = ?1",
            params![code, active],
        )?;
        self.reload_catalog()?;
        Ok(code)
    }
}
