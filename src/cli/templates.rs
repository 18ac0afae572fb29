//! `templates`: the reply templates (定型文) of each section. A liaison sees and changes
//! their own section's only.

use std::io::Write;

use clap::Subcommand;

use super::Ctx;
use crate::i18n::{Msg, lang, tr, trf};
use crate::text;

/// `meyasu templates` actions.
#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// List templates (with their numbers)
    List,
    /// Add a template for a section
    Add {
        /// Section code or name
        section: String,
        /// The text (else read from standard input)
        #[arg(long, allow_hyphen_values = true)]
        text: Option<String>,
        /// A short title (default: the text's first words)
        #[arg(long)]
        title: Option<String>,
    },
    /// Change a template's title or text
    Edit {
        /// Its number
        id: i64,
        /// New text
        #[arg(long, allow_hyphen_values = true)]
        text: Option<String>,
        /// New title
        #[arg(long)]
        title: Option<String>,
    },
    /// Remove a template
    Remove {
        /// Its number
        id: i64,
    },
}

/// `meyasu templates`.
pub(super) fn templates(
    cx: &Ctx,
    action: Option<&TemplateAction>,
    only: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    let l = lang();
    match action {
        None | Some(TemplateAction::List) => {
            let only = match (&cx.liaison, only) {
                (Some(mine), _) => Some(mine.clone()),
                (None, Some(s)) => Some(store.resolve_section(s, false)?),
                (None, None) => None,
            };
            let rows: Vec<Vec<String>> = store
                .templates(only.as_deref())?
                .into_iter()
                .map(|t| {
                    vec![
                        t.id.to_string(),
                        store.section_name(&t.section, l),
                        text::sanitize(&t.title, false),
                        text::truncate(&text::first_line(&text::sanitize(&t.text, false)), 50),
                    ]
                })
                .collect();
            let headers = [
                tr(Msg::ColId),
                tr(Msg::ColSections),
                tr(Msg::ColName),
                tr(Msg::ColText),
            ];
            write!(out, "{}", text::table(&headers, &rows, &[]))?;
        }
        Some(TemplateAction::Add {
            section,
            text,
            title,
        }) => {
            let body = match text {
                Some(t) => t.clone(),
                None => super::output::read_stdin()?,
            };
            let id = store.add_template(section, title.as_deref(), &body)?;
            writeln!(out, "{}", trf(Msg::TemplateAdded, &[&id]))?;
        }
        Some(TemplateAction::Edit { id, text, title }) => {
            store.edit_template(*id, title.as_deref(), text.as_deref())?;
            writeln!(out, "{}", trf(Msg::TemplateChanged, &[id]))?;
        }
        Some(TemplateAction::Remove { id }) => {
            store.remove_template(*id)?;
            writeln!(out, "{}", trf(Msg::TemplateRemoved, &[id]))?;
        }
    }
    Ok(())
}
