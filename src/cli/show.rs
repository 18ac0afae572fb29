//! `list` and `show`: slips as a table and one slip in full.

use std::io::Write;

use chrono::NaiveDate;

use super::Ctx;
use super::args::ListArgs;
use super::filter_from;
use super::output::section_names;
use crate::domain::ReplyState;
use crate::error::Error;
use crate::i18n::{Msg, bracket, lang, paren, tr, trf};
use crate::office::detail::{self, HistoryLine, SectionReply, SlipDetail};
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
    let liaison = cx.liaison.as_deref();
    let store = cx.existing()?;
    let mut d = detail::read(&store, *id, liaison)?;
    if *json {
        // As in the TUI: a liaison has their own section's reply, no history.
        detail::trim_for_liaison(&mut d, liaison);
        writeln!(
            out,
            "{}",
            crate::text::json_safe(&serde_json::to_string_pretty(&d)?)
        )?;
        writeln!(out)?;
    } else {
        let v = detail::build(&d, store.catalog(), lang(), cx.today, liaison, &[]);
        show(&v, out)?;
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

/// One slip in full: the head, the text, the replies and (for the team) the history.
fn show(v: &SlipDetail, out: &mut impl Write) -> anyhow::Result<()> {
    show_head(v, out)?;
    show_marks(v, out)?;
    writeln!(out, "\n{}:", tr(Msg::ColText))?;
    for line in &v.body {
        writeln!(out, "  {line}")?;
    }
    if !v.replies.is_empty() {
        writeln!(out, "\n{}:", tr(Msg::Replies))?;
        for r in &v.replies {
            show_reply(r, out)?;
        }
    }
    if let Some(history) = &v.history {
        show_history(history, out)?;
    }
    Ok(())
}

/// Number, date, floor and kind; status and due date; the sections.
fn show_head(v: &SlipDetail, out: &mut impl Write) -> anyhow::Result<()> {
    let l = lang();
    let id = tr(Msg::ColId);
    writeln!(
        out,
        "{id} {}  {}  {}  {}",
        v.id, v.received, v.floor, v.kind
    )?;
    let due = match (v.due_on, v.overdue_days) {
        (Some(due), Some(_)) => format!("{due}{}", paren(l, tr(Msg::Overdue))),
        (Some(due), None) => due.to_string(),
        (None, _) => "-".into(),
    };
    let (status, due_label) = (tr(Msg::ColStatus), tr(Msg::ColDue));
    writeln!(out, "{status}: {}   {due_label}: {due}", v.status)?;
    let secs = if v.sections.is_empty() {
        "-".to_string()
    } else {
        v.sections.join("・")
    };
    writeln!(out, "{}: {secs}", tr(Msg::ColSections))?;
    Ok(())
}

/// Duplicate of, summary, voided and why, kept off the public list, private marks.
fn show_marks(v: &SlipDetail, out: &mut impl Write) -> anyhow::Result<()> {
    let l = lang();
    if let Some(of) = v.duplicate_of {
        writeln!(out, "{}: #{of}", tr(Msg::DuplicateOf))?;
    }
    if let Some(sum) = &v.summary {
        writeln!(out, "{}: {sum}", tr(Msg::ColSummary))?;
    }
    if let Some(reason) = &v.voided {
        writeln!(out, "{} {reason}", bracket(l, tr(Msg::Voided)))?;
    }
    if v.no_publish {
        writeln!(out, "{}", bracket(l, tr(Msg::NoPublish)))?;
    }
    if !v.private.is_empty() {
        writeln!(out, "{}: {}", tr(Msg::PrivateMarks), v.private.join(" / "))?;
    }
    if !v.names.is_empty() {
        writeln!(out, "{}: {}", tr(Msg::LikelyNames), v.names.join("・"))?;
    }
    Ok(())
}

/// One section's line and its reply: outcome and where it stands, or none yet; a
/// section no longer assigned is marked so.
fn show_reply(r: &SectionReply, out: &mut impl Write) -> anyhow::Result<()> {
    let l = lang();
    let Some(a) = &r.reply else {
        writeln!(out, "  {} {}", r.name, tr(Msg::NoReplyYet))?;
        return Ok(());
    };
    let when = paren(l, format!("{} {}", a.on, a.by));
    if r.detached {
        let mark = bracket(l, tr(Msg::DetachedReply));
        writeln!(out, "  {}{when}{mark}", r.name)?;
    } else {
        let outcome = tr(Msg::ColOutcome);
        writeln!(out, "  {}{when}  {outcome} {}", r.name, a.outcome)?;
        // Not counted yet: waiting for the team, or sent back with why.
        match (a.state, &a.return_reason) {
            (ReplyState::Approved, _) => {}
            (st, Some(why)) => writeln!(out, "    [{}] {why}", st.label(l))?,
            (st, None) => writeln!(out, "    [{}]", st.label(l))?,
        }
    }
    for line in &a.text {
        writeln!(out, "    {line}")?;
    }
    Ok(())
}

/// The history as a table without its header.
fn show_history(history: &[HistoryLine], out: &mut impl Write) -> anyhow::Result<()> {
    writeln!(out, "\n{}:", tr(Msg::History))?;
    let rows: Vec<Vec<String>> = history
        .iter()
        .map(|e| {
            vec![
                e.at.clone(),
                e.actor.clone(),
                e.action.clone(),
                text::truncate(&e.change, 50),
                e.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let headers = [
        tr(Msg::ColAt),
        tr(Msg::ColBy),
        tr(Msg::ColAction),
        "",
        tr(Msg::ColNote),
    ];
    for line in text::table(&headers, &rows, &[]).lines().skip(1) {
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
    } else if !e.clear {
        writeln!(out, "{}", tr(Msg::SuggestUnclear))?;
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
