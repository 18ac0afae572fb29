//! Commands that change one slip: `add`, `assign`, `unassign`, `reply`, `status`,
//! `void`, `duplicate`, `mask` and `publication`.

use std::io::Write;

use super::Ctx;
use super::args::{AddArgs, date_arg};
use super::output::{print_plan, read_stdin, section_names};
use crate::domain::{SectionChange, Status};
use crate::error::Error;
use crate::i18n::{Msg, lang, tr, trf};
use crate::store::{NewSlip, OutcomeChoice};

/// `meyasu mask`.
pub(super) fn mask(
    cx: &Ctx,
    id: &i64,
    text: &Option<String>,
    remove: &bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    let slip = store.mark_private(*id, text.as_deref(), *remove, None)?;
    writeln!(out, "#{id}: {}", slip.private.join(" / "))?;
    Ok(())
}

/// `meyasu publication`.
pub(super) fn publication(
    cx: &Ctx,
    id: &i64,
    state: &str,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    let slip = store.set_no_publish(*id, state == "hide", None)?;
    if state == "hide" && slip.status == crate::domain::Status::Published {
        // Already out: keeping it off the next list does not take it off one handed out.
        let on = store
            .detail(*id)?
            .history
            .iter()
            .rev()
            .find(|e| {
                e.action == crate::domain::Action::Status.code()
                    && e.new.as_deref() == Some(crate::domain::Status::Published.code())
            })
            .map(|e| e.at.chars().take(10).collect::<String>())
            .unwrap_or_default();
        writeln!(out, "{}", trf(Msg::PubAlreadyPublished, &[id, &on]))?;
    }
    writeln!(
        out,
        "#{id}: {}",
        if slip.no_publish {
            tr(Msg::PubHidden)
        } else {
            tr(Msg::PubShown)
        }
    )?;
    Ok(())
}

/// `meyasu add`.
pub(super) fn add(cx: &Ctx, a: &AddArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let today = cx.today;
    let mut store = cx.store()?;
    let body = match (&a.text, a.words.is_empty()) {
        (Some(t), _) => t.clone(),
        (None, false) => a.words.join(" "),
        (None, true) => read_stdin()?,
    };
    let removed_controls = crate::text::strip_controls(&body).1;
    let received_on = match &a.date {
        Some(d) => date_arg(Msg::ColReceived, d, today)?,
        None => today,
    };
    crate::domain::date::check_received(received_on, today, a.allow_future).map_err(|problem| {
        Error::DateOutOfRange {
            field: tr(Msg::ColReceived).into(),
            date: received_on,
            today,
            problem,
        }
    })?;
    let id = store.add_slip(&NewSlip {
        received_on,
        floor: a.floor.clone(),
        kind: a.kind.clone(),
        body,
        summary: a.summary.clone(),
    })?;
    writeln!(out, "{}", trf(Msg::Added, &[&id]))?;
    // The earlier slips most like it, so a repeat is noticed now, not in triage.
    let similar = store.similar(id, 3)?;
    if let Some(first) = similar.first() {
        writeln!(out, "{}:", trf(Msg::SimilarTo, &[&id]))?;
        for s in &similar {
            writeln!(
                out,
                "  #{}  {}  {}",
                s.id,
                s.received_on,
                crate::text::truncate(&crate::text::sanitize(&s.excerpt, false), 30)
            )?;
        }
        writeln!(out, "{}", trf(Msg::HintDuplicate, &[&id, &first.id]))?;
    }
    let removed = removed_controls;
    if removed > 0 {
        eprintln!("{}", trf(Msg::ControlsRemoved, &[&removed]));
    }
    Ok(())
}

/// `meyasu assign`.
pub(super) fn assign(
    cx: &Ctx,
    id: &i64,
    sections: &[String],
    due: &Option<String>,
    replace: &bool,
    even_if_replied: &bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let today = cx.today;
    let mut store = cx.existing()?;
    let current = store.slip(*id)?;
    let due = match due {
        Some(d) => date_arg(Msg::ColDue, d, today)?,
        None => store.settings()?.due_for(current.due_on, today),
    };
    let change = if *replace {
        SectionChange::Replace(sections.to_vec())
    } else {
        SectionChange::Add(sections.to_vec())
    };
    let (slip, plan) = store.change_sections(*id, &change, Some(due), *even_if_replied, None)?;
    print_plan(&store, *id, &plan, out)?;
    let names = section_names(&store, &slip.sections);
    writeln!(out, "{}", trf(Msg::AssignedTo, &[id, &names, &due]))?;
    Ok(())
}

/// `meyasu unassign`.
pub(super) fn unassign(
    cx: &Ctx,
    id: &i64,
    sections: &[String],
    even_if_replied: &bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    let change = SectionChange::Remove(sections.to_vec());
    let (slip, plan) = store.change_sections(*id, &change, None, *even_if_replied, None)?;
    print_plan(&store, *id, &plan, out)?;
    let names = section_names(&store, &slip.sections);
    writeln!(out, "{}", trf(Msg::SectionsNow, &[id, &names]))?;
    Ok(())
}

/// `meyasu reply`.
pub(super) fn reply(
    cx: &Ctx,
    id: &i64,
    section: Option<&str>,
    text: &Option<String>,
    date: &Option<String>,
    outcome: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let today = cx.today;
    let liaison = &cx.liaison;
    let mut store = cx.existing()?;
    // Which section replies: as given; else the liaison's own; else the slip's only one.
    let section = match (section, liaison) {
        (Some(s), _) => s.to_string(),
        (None, Some(mine)) => mine.clone(),
        (None, None) => {
            let sections = store.slip(*id)?.sections;
            match sections.as_slice() {
                [one] => one.clone(),
                _ => {
                    let names: Vec<String> = sections
                        .iter()
                        .map(|c| format!("{} ({c})", store.section_name(c, lang())))
                        .collect();
                    return Err(Error::ReplyWhichSection(*id, names.join(", ")).into());
                }
            }
        }
    };
    let section = section.as_str();
    let text = match text {
        Some(t) => t.clone(),
        None => read_stdin()?,
    };
    let on = match date {
        Some(d) => date_arg(Msg::ColRepliedOn, d, today)?,
        None => today,
    };
    let code = store.resolve_section(section, false)?;
    if let Some(mine) = &liaison
        && *mine != code
    {
        return Err(Error::LiaisonCommand(mine.clone()).into());
    }
    let before = store.slip(*id)?.status;
    let outcome = match outcome.map(str::trim) {
        None => OutcomeChoice::Keep,
        Some(o) if crate::domain::Catalog::names_no_outcome(o) => OutcomeChoice::Clear,
        Some(o) => OutcomeChoice::Set(o.to_string()),
    };
    let slip = store.reply_with(*id, section, &text, on, &outcome, None)?;
    writeln!(
        out,
        "{}",
        trf(Msg::RepliedMsg, &[&store.section_name(&code, lang()), id])
    )?;
    if before != slip.status && slip.status == Status::Answered {
        writeln!(out, "{}", tr(Msg::NowAnswered))?;
    }
    let waits = store
        .detail(*id)?
        .replies
        .iter()
        .any(|r| r.section == code && r.state == crate::domain::ReplyState::Draft);
    if waits {
        writeln!(out, "{}", tr(Msg::ReplyWaitsForReview))?;
    }
    Ok(())
}

/// `meyasu status`.
pub(super) fn status(
    cx: &Ctx,
    id: &i64,
    state: &str,
    reason: &Option<String>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    let to = Status::parse(state).ok_or_else(|| Error::UnknownStatus(state.to_string()))?;
    let from = store.slip(*id)?.status;
    store.set_status(*id, to, reason.as_deref(), None)?;
    writeln!(out, "{}", trf(Msg::StatusChanged, &[id, &from, &to]))?;
    Ok(())
}

/// `meyasu void`.
pub(super) fn void(
    cx: &Ctx,
    id: &i64,
    reason: &Option<String>,
    undo: &bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    if *undo {
        let slip = store.restore_slip(*id, None)?;
        writeln!(out, "{}", trf(Msg::RestoredMsg, &[id, &slip.status]))?;
    } else {
        store.void_slip(*id, reason.as_deref().unwrap_or(""), None)?;
        writeln!(out, "{}", trf(Msg::VoidedMsg, &[id]))?;
    }
    Ok(())
}

/// `meyasu duplicate`.
/// `meyasu approve`.
pub(super) fn approve(
    cx: &Ctx,
    id: i64,
    section: &str,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    let code = store.resolve_section(section, false)?;
    let before = store.slip(id)?.status;
    let slip = store.approve_reply(id, &code, None)?;
    let name = store.section_name(&code, lang());
    writeln!(out, "{}", trf(Msg::ApprovedMsg, &[&id, &name]))?;
    if before != slip.status && slip.status == Status::Answered {
        writeln!(out, "{}", tr(Msg::NowAnswered))?;
    }
    Ok(())
}

/// `meyasu return`.
pub(super) fn return_reply(
    cx: &Ctx,
    id: i64,
    section: &str,
    reason: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    let code = store.resolve_section(section, false)?;
    store.return_reply(id, &code, reason.unwrap_or(""), None)?;
    let name = store.section_name(&code, lang());
    writeln!(out, "{}", trf(Msg::ReturnedMsg, &[&id, &name]))?;
    Ok(())
}

pub(super) fn duplicate(cx: &Ctx, id: &i64, of: &i64, out: &mut impl Write) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    let slip = store.mark_duplicate(*id, *of, None)?;
    writeln!(out, "#{id} → #{of} ({})", slip.status)?;
    Ok(())
}
