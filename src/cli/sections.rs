//! `sections`: list, add, rename, deactivate and activate the sections (課).

use std::io::Write;

use clap::Subcommand;

use super::Ctx;
use crate::i18n::{Msg, lang, tr, trf};
use crate::store::Store;
use crate::text;

/// `meyasu sections` actions.
#[derive(Debug, Subcommand)]
pub enum SectionAction {
    /// List sections (with inactive ones)
    List,
    /// Add a section
    Add {
        /// Short code (lowercase letters, digits, _ -)
        code: String,
        /// Japanese name, e.g. 市民活動推進課
        name: String,
        /// English name
        #[arg(long, default_value = "")]
        name_en: String,
        /// Department (部)
        #[arg(long, default_value = "")]
        department: String,
    },
    /// Rename a section (its slips keep it)
    Rename {
        /// Section code or name
        code: String,
        /// New Japanese name
        name: String,
        /// New English name
        #[arg(long)]
        name_en: Option<String>,
    },
    /// Stop assigning new slips to a section (its slips and replies stay)
    Deactivate {
        /// Section code or name
        code: String,
    },
    /// Make a deactivated section assignable again
    Activate {
        /// Section code or name
        code: String,
    },
    /// Set the address a section's requests and reminders are mailed to (`none` clears it)
    Email {
        /// Section code or name
        code: String,
        /// Mail address, or none
        address: String,
    },
    /// Every change made to the sections: when, who, what
    History,
}

/// `meyasu sections`.
pub(super) fn sections_cmd(
    cx: &Ctx,
    action: &Option<SectionAction>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut store = match action {
        Some(SectionAction::Add { .. }) => cx.store()?,
        _ => cx.existing()?,
    };
    sections(&mut store, action.as_ref(), out)?;
    Ok(())
}

fn sections(
    store: &mut Store,
    action: Option<&SectionAction>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let l = lang();
    match action {
        None | Some(SectionAction::List) => {
            let rows: Vec<Vec<String>> = store
                .sections()
                .iter()
                .map(|s| {
                    vec![
                        s.label.code.clone(),
                        s.label.display(l).to_string(),
                        if s.department.is_empty() {
                            "-".into()
                        } else {
                            s.department_display(l).to_string()
                        },
                        tr(if s.active { Msg::Yes } else { Msg::No }).to_string(),
                        s.email.clone().unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect();
            write!(
                out,
                "{}",
                text::table(
                    &[
                        tr(Msg::ColCode),
                        tr(Msg::ColName),
                        tr(Msg::ColDepartment),
                        tr(Msg::ColActive),
                        tr(Msg::ColEmail)
                    ],
                    &rows,
                    &[]
                )
            )?;
        }
        Some(SectionAction::Add {
            code,
            name,
            name_en,
            department,
        }) => {
            store.add_section(code, name, name_en, department)?;
            writeln!(out, "{}", trf(Msg::SectionAdded, &[code]))?;
        }
        Some(SectionAction::Rename {
            code,
            name,
            name_en,
        }) => {
            store.rename_section(code, name, name_en.as_deref())?;
            writeln!(out, "{}", trf(Msg::SectionRenamed, &[code]))?;
        }
        Some(SectionAction::Deactivate { code }) => {
            let c = store.set_section_active(code, false)?;
            writeln!(out, "{}", trf(Msg::SectionDeactivated, &[&c]))?;
        }
        Some(SectionAction::Email { code, address }) => {
            let clear = matches!(address.trim(), "none" | "なし" | "");
            let c = store.set_section_email(code, (!clear).then_some(address.as_str()))?;
            writeln!(out, "{c}: {}", if clear { "-" } else { address.trim() })?;
        }
        Some(SectionAction::Activate { code }) => {
            let c = store.set_section_active(code, true)?;
            writeln!(out, "{}", trf(Msg::SectionActivated, &[&c]))?;
        }
        Some(SectionAction::History) => {
            let rows: Vec<Vec<String>> = store
                .section_history()?
                .into_iter()
                .map(|e| {
                    let change = match (&e.old, &e.new) {
                        (Some(o), Some(n)) => format!("{o} → {n}"),
                        (None, Some(n)) => format!("→ {n}"),
                        _ => String::new(),
                    };
                    vec![
                        e.at,
                        text::sanitize(&e.actor, false),
                        e.action,
                        e.code,
                        text::sanitize(&change, false),
                    ]
                })
                .collect();
            write!(
                out,
                "{}",
                text::table(
                    &[
                        tr(Msg::ColAt),
                        tr(Msg::ColBy),
                        tr(Msg::ColAction),
                        tr(Msg::ColCode),
                        ""
                    ],
                    &rows,
                    &[]
                )
            )?;
        }
    }
    Ok(())
}
