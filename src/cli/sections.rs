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
    /// One section in full: names, department, address and its duties (事務分掌)
    Show {
        /// Section code or name
        code: String,
    },
    /// Add or remove words of a section's duties (事務分掌), which triage suggests it by
    Duties {
        /// Section code or name
        code: String,
        /// add or remove
        #[arg(value_enum)]
        change: DutyChange,
        /// Words or short phrases as a visitor writes them (住民票 引っ越し …)
        #[arg(required = true)]
        words: Vec<String>,
    },
}

/// What `sections duties` does with its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DutyChange {
    /// Add the words
    Add,
    /// Remove the words
    Remove,
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

/// One `sections` action, each arm a step of its own or a store call and its line.
fn sections(
    store: &mut Store,
    action: Option<&SectionAction>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match action {
        None | Some(SectionAction::List) => list_sections(store, out)?,
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
        Some(SectionAction::Show { code }) => show_section(store, code, out)?,
        Some(SectionAction::Duties {
            code,
            change,
            words,
        }) => change_duties(store, code, *change, words, out)?,
        Some(SectionAction::History) => section_history(store, out)?,
    }
    Ok(())
}

/// `meyasu sections` (or `sections list`): every section as a table.
fn list_sections(store: &Store, out: &mut impl Write) -> anyhow::Result<()> {
    let l = lang();
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
    Ok(())
}

/// `meyasu sections duties CODE add|remove WORDS…`.
fn change_duties(
    store: &mut Store,
    code: &str,
    change: DutyChange,
    words: &[String],
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let (add, remove): (&[String], &[String]) = match change {
        DutyChange::Add => (words, &[]),
        DutyChange::Remove => (&[], words),
    };
    let (c, now, added, removed) = store.change_duties(code, add, remove)?;
    writeln!(
        out,
        "{}",
        trf(Msg::DutiesAdded, &[&c, &now.len(), &added, &removed])
    )?;
    Ok(())
}

/// `meyasu sections history`: every change to the sections, as a table.
fn section_history(store: &Store, out: &mut impl Write) -> anyhow::Result<()> {
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
    Ok(())
}

/// `meyasu sections show CODE`.
fn show_section(store: &Store, code: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let l = lang();
    let c = store.resolve_section(code, false)?;
    let Some(s) = store.sections().iter().find(|s| s.label.code == c) else {
        return Ok(());
    };
    writeln!(out, "{}  {}", s.label.code, s.label.display(l))?;
    if !s.label.name_en.is_empty() && l == crate::i18n::Lang::Ja {
        writeln!(out, "  {}", s.label.name_en)?;
    }
    if !s.department.is_empty() {
        writeln!(
            out,
            "  {}: {}",
            tr(Msg::ColDepartment),
            s.department_display(l)
        )?;
    }
    writeln!(
        out,
        "  {}: {}",
        tr(Msg::ColActive),
        tr(if s.active { Msg::Yes } else { Msg::No })
    )?;
    writeln!(
        out,
        "  {}: {}",
        tr(Msg::ColEmail),
        s.email.as_deref().unwrap_or("-")
    )?;
    if s.duties.is_empty() {
        writeln!(out, "{}", trf(Msg::DutiesNone, &[&c, &c]))?;
    } else {
        writeln!(
            out,
            "  {} ({}):",
            tr(Msg::SuggestDuties).trim(),
            s.duties.len()
        )?;
        let words: Vec<String> = s.duties.iter().map(|w| text::sanitize(w, false)).collect();
        for line in text::wrap(&words.join("、"), 76, "    ") {
            writeln!(out, "    {}", line.trim_start())?;
        }
    }
    Ok(())
}
