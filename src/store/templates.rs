//! Reply templates (定型文) per section: stored in the database, inserted into the reply
//! editor with one key.

use rusqlite::params;

use super::Store;
use crate::error::{Error, Result};

/// One template.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Template {
    /// Its number.
    pub id: i64,
    /// Section code.
    pub section: String,
    /// A short title for the list.
    pub title: String,
    /// The text inserted.
    pub text: String,
}

impl Store {
    /// The templates of `section` (all sections' when `None`), by section then title.
    pub fn templates(&self, section: Option<&str>) -> Result<Vec<Template>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.section, t.title, t.text FROM template t
             LEFT JOIN section c ON c.code = t.section
             WHERE ?1 IS NULL OR t.section = ?1 ORDER BY c.sort, t.section, t.title, t.id",
        )?;
        let rows = stmt
            .query_map(params![section], |r| {
                Ok(Template {
                    id: r.get(0)?,
                    section: r.get(1)?,
                    title: r.get(2)?,
                    text: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Add a template for `section` (its title defaults to the text's first words).
    pub fn add_template(&mut self, section: &str, title: Option<&str>, text: &str) -> Result<i64> {
        let code = self.resolve_section(section, false)?;
        self.own_section(&code)?;
        let text = super::write::non_empty(text, Error::EmptyText)?;
        super::write::within(
            &text,
            crate::domain::limits::REPLY,
            crate::i18n::Msg::ColReply,
        )?;
        let title = title_or(title, || {
            crate::text::truncate(&crate::text::first_line(&text), 24)
        })?;
        self.write(|conn, audit| {
            conn.execute(
                "INSERT INTO template (section, title, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![code, title, text, audit.at],
            )?;
            let id = conn.last_insert_rowid();
            Self::section_event(
                conn,
                audit.actor,
                audit.at,
                "template_added",
                &code,
                None,
                Some(&format!("#{id} {title}")),
            )?;
            Ok(id)
        })
    }

    /// Change a template's title and/or text.
    pub fn edit_template(
        &mut self,
        id: i64,
        title: Option<&str>,
        text: Option<&str>,
    ) -> Result<()> {
        let t = self.template(id)?;
        self.own_section(&t.section)?;
        let text = match text {
            Some(x) => super::write::non_empty(x, Error::EmptyText)?,
            None => t.text.clone(),
        };
        super::write::within(
            &text,
            crate::domain::limits::REPLY,
            crate::i18n::Msg::ColReply,
        )?;
        let title = title_or(title, || t.title.clone())?;
        let (was, now) = crate::domain::text_change(&t.text, &text);
        self.write(|conn, audit| {
            conn.execute(
                "UPDATE template SET title = ?2, text = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, title, text, audit.at],
            )?;
            Self::section_event(
                conn,
                audit.actor,
                audit.at,
                "template_edited",
                &t.section,
                Some(&format!("#{id} {} {was}", t.title)),
                Some(&format!("#{id} {title} {now}")),
            )
        })
    }

    /// Remove a template.
    pub fn remove_template(&mut self, id: i64) -> Result<()> {
        let t = self.template(id)?;
        self.own_section(&t.section)?;
        self.write(|conn, audit| {
            conn.execute("DELETE FROM template WHERE id = ?1", [id])?;
            Self::section_event(
                conn,
                audit.actor,
                audit.at,
                "template_removed",
                &t.section,
                Some(&format!("#{id} {}", t.title)),
                None,
            )
        })
    }

    /// Template `id`; one that does not exist is an error naming it.
    pub fn template(&self, id: i64) -> Result<Template> {
        self.templates(None)?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or(Error::NoTemplate(id))
    }

    /// A liaison changes their own section's templates only.
    fn own_section(&self, code: &str) -> Result<()> {
        match &self.liaison {
            Some(mine) if mine != code => Err(Error::LiaisonCommand(mine.clone())),
            _ => Ok(()),
        }
    }
}

/// A template's title as given (normalised), else `fallback`; within the length a name may be.
fn title_or(given: Option<&str>, fallback: impl FnOnce() -> String) -> Result<String> {
    let title = given
        .map(|t| crate::text::normalize_body(t).trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(fallback);
    super::write::within(
        &title,
        crate::domain::limits::NAME,
        crate::i18n::Msg::ColName,
    )?;
    Ok(title)
}
