//! `list` and `show`: slips as a table and one slip in full.

use std::io::Write;

use chrono::NaiveDate;

use super::Ctx;
use super::args::ListArgs;
use super::filter_from;
use super::output::section_names;
use crate::error::Error;
use crate::i18n::{Msg, bracket, lang, paren, tr, trf};
use crate::store::{Order, Store};
use crate::text;

/// `meyasu lists`.
pub(super) fn list_slips(cx: &Ctx, a: &ListArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let today = cx.today;
    let liaison = &cx.liaison;
    let store = cx.existing()?;
    list(&store, a, today, liaison.as_deref(), out)?;
    Ok(())
}

/// `meyasu show`.
pub(super) fn show_slip(
    cx: &Ctx,
    id: &i64,
    json: &bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let today = cx.today;
    let liaison = &cx.liaison;
    let store = cx.existing()?;
    let mut d = store.detail(*id)?;
    if let Some(mine) = &liaison {
        // As in the TUI: their own section's reply, no history.
        if !d.slip.sections.contains(mine) {
            return Err(Error::NotInSection {
                id: *id,
                section: mine.clone(),
            }
            .into());
        }
        d.replies.retain(|r| &r.section == mine);
        d.history.clear();
    }
    if *json {
        writeln!(
            out,
            "{}",
            crate::text::json_safe(&serde_json::to_string_pretty(&d)?)
        )?;
        writeln!(out)?;
    } else {
        show(&store, &d, today, liaison.as_deref(), out)?;
    }
    Ok(())
}

fn list(
    store: &Store,
    a: &ListArgs,
    today: NaiveDate,
    liaison: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut f = filter_from(store, a, today)?;
    if let Some(mine) = liaison {
        if f.section.as_deref().is_some_and(|s| s != mine) {
            return Err(Error::LiaisonCommand(mine.to_string()).into());
        }
        f.section = Some(mine.to_string());
        // Other sections' replies are not a liaison's to search.
        f.text_only = true;
    }
    let order = if a.oldest_first {
        Order::OldestFirst
    } else {
        Order::NewestFirst
    };
    if let Some(t) = &f.text {
        let dropped = crate::search::Query::parse(&crate::text::normalize_body(t)).dropped;
        if dropped > 0 {
            eprintln!(
                "{}",
                crate::i18n::trf(
                    Msg::SearchTooManyWords,
                    &[&crate::search::Query::MAX_WORDS, &dropped]
                )
            );
        }
    }
    let rows = store.list(&f, order, a.limit.unwrap_or(usize::MAX >> 1), 0)?;
    if a.json {
        writeln!(
            out,
            "{}",
            crate::text::json_safe(&serde_json::to_string_pretty(&rows)?)
        )?;
        writeln!(out)?;
        return Ok(());
    }
    if rows.is_empty() {
        eprintln!("{}", tr(Msg::NoSlips));
        return Ok(());
    }
    let l = lang();
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let due = match r.due_on {
                Some(d) if r.is_overdue(today) => format!("{d}!"),
                Some(d) => d.to_string(),
                None => "-".into(),
            };
            vec![
                r.id.to_string(),
                r.received_on.to_string(),
                store.floor_name(&r.floor, l),
                store.kind_name(&r.kind, l),
                match r.review_mark(liaison) {
                    Some(st) => format!("{}{}", r.status.label(l), paren(l, st.label(l))),
                    None => r.status.label(l).to_string(),
                },
                section_names(store, &r.sections),
                due,
                text::truncate(&text::first_line(&r.excerpt), 40),
            ]
        })
        .collect();
    let headers = [
        tr(Msg::ColId),
        tr(Msg::ColReceived),
        tr(Msg::ColFloor),
        tr(Msg::ColKind),
        tr(Msg::ColStatus),
        tr(Msg::ColSections),
        tr(Msg::ColDue),
        tr(Msg::ColText),
    ];
    write!(out, "{}", text::table(&headers, &table_rows, &[0]))?;
    let total = store.count(&f)?;
    eprintln!("{}", trf(Msg::Count, &[&total]));
    Ok(())
}

fn show(
    store: &Store,
    d: &crate::domain::SlipDetail,
    today: NaiveDate,
    liaison: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let l = lang();
    let s = &d.slip;
    let indent = |t: &str| -> String {
        text::sanitize(t, true)
            .lines()
            .map(|line| format!("  {line}\n"))
            .collect()
    };
    writeln!(
        out,
        "{} {}  {}  {}  {}",
        tr(Msg::ColId),
        s.id,
        crate::domain::date::date_both(s.received_on, l),
        store.floor_name(&s.floor, l),
        store.kind_name(&s.kind, l)
    )?;
    let due = match s.due_on {
        Some(due) if s.is_overdue(today) => format!("{due}{}", paren(l, tr(Msg::Overdue))),
        Some(due) => due.to_string(),
        None => "-".into(),
    };
    writeln!(
        out,
        "{}: {}   {}: {}",
        tr(Msg::ColStatus),
        s.status.label(l),
        tr(Msg::ColDue),
        due
    )?;
    let secs = if s.sections.is_empty() {
        "-".to_string()
    } else {
        section_names(store, &s.sections)
    };
    writeln!(out, "{}: {}", tr(Msg::ColSections), secs)?;
    if let Some(of) = s.duplicate_of {
        writeln!(out, "{}: #{of}", tr(Msg::DuplicateOf))?;
    }
    if let Some(sum) = &s.summary {
        writeln!(
            out,
            "{}: {}",
            tr(Msg::ColSummary),
            text::sanitize(sum, false)
        )?;
    }
    if s.voided {
        let reason = d
            .history
            .iter()
            .rev()
            .find(|e| e.action == "voided")
            .and_then(|e| e.note.clone())
            .unwrap_or_default();
        writeln!(
            out,
            "{} {}",
            bracket(l, tr(Msg::Voided)),
            text::sanitize(&reason, false)
        )?;
    }
    if s.no_publish {
        writeln!(out, "{}", bracket(l, tr(Msg::NoPublish)))?;
    }
    if !s.private.is_empty() {
        let marks: Vec<String> = s.private.iter().map(|p| text::sanitize(p, false)).collect();
        writeln!(out, "{}: {}", tr(Msg::PrivateMarks), marks.join(" / "))?;
    }
    writeln!(out, "\n{}:", tr(Msg::ColText))?;
    write!(out, "{}", indent(&s.body))?;
    let detached: Vec<&crate::domain::Reply> = d
        .replies
        .iter()
        .filter(|r| !s.sections.contains(&r.section))
        .collect();
    if !s.sections.is_empty() || !detached.is_empty() {
        writeln!(out, "\n{}:", tr(Msg::Replies))?;
        // A liaison sees the names of the sections sharing the slip, and only their
        // own section's reply.
        for code in s
            .sections
            .iter()
            .filter(|c| liaison.is_none_or(|m| m == *c))
        {
            match d.replies.iter().find(|r| &r.section == code) {
                Some(r) => {
                    writeln!(
                        out,
                        "  {}{}  {} {}",
                        store.section_name(code, l),
                        paren(
                            l,
                            format!("{} {}", r.replied_on, text::sanitize(&r.by, false))
                        ),
                        tr(Msg::ColOutcome),
                        store.catalog().outcome_name(r.outcome.as_deref(), l)
                    )?;
                    // Not counted yet: waiting for the team, or sent back with why.
                    match (r.state, &r.return_reason) {
                        (crate::domain::ReplyState::Approved, _) => {}
                        (st, Some(why)) => {
                            writeln!(out, "    [{}] {}", st.label(l), text::sanitize(why, false))?
                        }
                        (st, None) => writeln!(out, "    [{}]", st.label(l))?,
                    }
                    write!(out, "{}", indent(&indent(&r.text)))?;
                }
                None => writeln!(
                    out,
                    "  {} {}",
                    store.section_name(code, l),
                    tr(Msg::NoReplyYet)
                )?,
            }
        }
        for r in detached {
            writeln!(
                out,
                "  {}{}{}",
                store.section_name(&r.section, l),
                paren(
                    l,
                    format!("{} {}", r.replied_on, text::sanitize(&r.by, false))
                ),
                bracket(l, tr(Msg::DetachedReply))
            )?;
            write!(out, "{}", indent(&indent(&r.text)))?;
        }
    }
    if liaison.is_some() {
        return Ok(());
    }
    writeln!(out, "\n{}:", tr(Msg::History))?;
    let rows: Vec<Vec<String>> = d
        .history
        .iter()
        .map(|e| {
            let change = e.change(l, store);
            let note = e.note_text(l, store).unwrap_or_default();
            vec![
                e.at.clone(),
                text::sanitize(&e.actor, false),
                e.action_label(l).to_string(),
                text::truncate(&text::sanitize(&change, false), 50),
                text::sanitize(&note, false),
            ]
        })
        .collect();
    let t = text::table(
        &[
            tr(Msg::ColAt),
            tr(Msg::ColBy),
            tr(Msg::ColAction),
            "",
            tr(Msg::ColNote),
        ],
        &rows,
        &[],
    );
    for line in t.lines().skip(1) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// `meyasu similar`.
pub(super) fn similar(
    cx: &Ctx,
    id: i64,
    limit: usize,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let store = cx.existing()?;
    // --limit 0 asks for none.
    let list = if limit == 0 {
        vec![]
    } else {
        store.similar(id, limit.min(50))?
    };
    if json {
        let text = serde_json::to_string_pretty(&list)?;
        writeln!(out, "{}", crate::text::json_safe(&text))?;
        return Ok(());
    }
    if list.is_empty() {
        writeln!(out, "{}", tr(Msg::SimilarNone))?;
    }
    for s in &list {
        let sections: Vec<String> = s
            .sections
            .iter()
            .map(|c| store.section_name(c, lang()))
            .collect();
        writeln!(
            out,
            "{:>6}  {}  {}  {}",
            s.id,
            s.received_on,
            text::pad(&text::truncate(&s.excerpt, 40), 40),
            sections.join("・")
        )?;
        // How the office answered it: the first line of each reply.
        for r in &s.replies {
            let first = crate::text::first_line(&crate::text::sanitize(&r.text, false));
            writeln!(
                out,
                "        {}: {}",
                store.section_name(&r.section, lang()),
                text::truncate(&first, 60)
            )?;
        }
    }
    Ok(())
}

/// `meyasu suggest`: the ranking with its reasons; `--explain` adds every term that
/// counted.
pub(super) fn suggest(
    cx: &Ctx,
    id: i64,
    json: bool,
    explain: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let store = cx.existing()?;
    let e = store.explain_suggestions(id)?;
    if json {
        let text = if explain {
            serde_json::to_string_pretty(&e)?
        } else {
            serde_json::to_string_pretty(&e.ranking)?
        };
        writeln!(out, "{}", crate::text::json_safe(&text))?;
        return Ok(());
    }
    if explain {
        writeln!(out, "{}", trf(Msg::SuggestTitle, &[&id]))?;
    }
    if e.ranking.is_empty() {
        writeln!(out, "{}", tr(Msg::SuggestNone))?;
    }
    for (i, s) in e.ranking.iter().enumerate() {
        writeln!(
            out,
            "{}. {} — {}  ({:.2})",
            i + 1,
            store.section_name(&s.section, lang()),
            s.reason(lang(), if explain { usize::MAX } else { 4 }),
            s.weight
        )?;
    }
    if explain {
        explain_terms(&store, &e, out)?;
    }
    Ok(())
}

/// The terms behind a ranking: history's weight, the duty words, the likeness words and
/// the similar slips, each with what it counted.
fn explain_terms(
    store: &crate::store::Store,
    e: &crate::store::Explanation,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let hw = format!("{:.2}", e.history_weight);
    let dw = format!("{:.2}", 1.0 - e.history_weight);
    writeln!(
        out,
        "\n{}",
        trf(Msg::SuggestHistoryWeight, &[&hw, &e.triaged, &dw])
    )?;
    let none = tr(Msg::SuggestNoneFound);
    writeln!(out, "\n{}", tr(Msg::SuggestDutyTerms))?;
    if e.duties.is_empty() {
        writeln!(out, "  {none}")?;
    }
    for d in &e.duties {
        let name = store.section_name(&d.section, lang());
        writeln!(
            out,
            "  {}  {}  {:.2}",
            text::pad(&name, 18),
            d.word,
            d.weight
        )?;
    }
    writeln!(out, "\n{}", tr(Msg::SuggestKeyTerms))?;
    let terms: Vec<String> = e
        .key_terms
        .iter()
        .map(|t| format!("{} {}", t.term, t.weight))
        .collect();
    writeln!(
        out,
        "  {}",
        if terms.is_empty() {
            none.to_string()
        } else {
            terms.join("  ")
        }
    )?;
    writeln!(out, "\n{}", tr(Msg::SuggestSimilar))?;
    if e.similar.is_empty() {
        writeln!(out, "  {none}")?;
    }
    for s in &e.similar {
        let names: Vec<String> = s
            .sections
            .iter()
            .map(|c| store.section_name(c, lang()))
            .collect();
        writeln!(out, "  #{:<6} {:6.2}  {}", s.id, s.score, names.join("・"))?;
    }
    Ok(())
}
