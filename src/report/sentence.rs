//! The paragraph for the ward's annual report (`meyasu report --summary`), written from
//! the same reports as the tables so the figures cannot disagree.

use chrono::{Datelike, NaiveDate};

use super::{Report, build};
use crate::domain::Dimension;
use crate::domain::date::{Period, wareki, wareki_month};
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill};
use crate::store::Store;

/// The three largest rows of `r` (ties in table order), leaving out "no section".
fn largest(r: &Report) -> Vec<(String, u64)> {
    let mut rows: Vec<(usize, &super::Row)> = r
        .rows
        .iter()
        .enumerate()
        .filter(|(_, x)| x.total > 0 && !x.key.is_empty())
        .collect();
    rows.sort_by_key(|(i, x)| (std::cmp::Reverse(x.total), *i));
    rows.into_iter()
        .take(3)
        .map(|(_, x)| (x.label.clone(), x.total))
        .collect()
}

/// `区民課（15件）、総務課（10件）` or `Ward Affairs (15), General Affairs (10)`.
fn list(items: &[(String, u64)], lang: Lang) -> String {
    let each: Vec<String> = items
        .iter()
        .map(|(name, n)| fill(Msg::SummaryItem, lang, &[name, n]))
        .collect();
    each.join(Msg::SummaryListSep.text(lang))
}

/// The day the figures stand at: the period's last day once it is over
/// (令和6年3月末日), else today.
fn as_of(period: Period, today: NaiveDate, lang: Lang) -> String {
    let (_, to) = period.range();
    match (to < today, lang) {
        (true, Lang::Ja) => format!("{}末日", wareki_month(to.year(), to.month())),
        (true, Lang::En) => to.format("%-d %B %Y").to_string(),
        (false, Lang::Ja) => wareki(today),
        (false, Lang::En) => today.format("%-d %B %Y").to_string(),
    }
}

/// The paragraph: how many slips the period brought, the sections and kinds with the
/// most, and how many requested replies were given (approved ones only), each figure
/// naming its unit.
pub fn annual_paragraph(
    store: &Store,
    period: Period,
    lang: Lang,
    today: NaiveDate,
) -> Result<String> {
    let by_section = build(store, period, Dimension::Section, lang, today)?;
    let by_kind = build(store, period, Dimension::Kind, lang, today)?;
    let ward = by_section.ward.clone();
    let n = by_section.slips.total;
    let mut out = fill(
        Msg::SummaryOpening,
        lang,
        &[&period.label(lang), &ward, &n, &as_of(period, today, lang)],
    );
    // Japanese sentences follow each other without a space.
    let join = if lang == Lang::Ja { "" } else { " " };
    let sections = largest(&by_section);
    let kinds = largest(&by_kind);
    if !sections.is_empty() && !kinds.is_empty() {
        out.push_str(join);
        // One kind only is not an order: 「種別はすべて要望でした」.
        let (msg, kinds) = match kinds.as_slice() {
            [(only, _)] => (Msg::SummaryLargestOneKind, only.clone()),
            _ => (Msg::SummaryLargest, list(&kinds, lang)),
        };
        out.push_str(&fill(msg, lang, &[&list(&sections, lang), &kinds]));
    }
    // Two units: slips (each once) and section items (延べ: once per section asked).
    let items: u64 = by_section.replies.iter().map(|r| r.assigned).sum();
    let replied: u64 = by_section.replies.iter().map(|r| r.replied).sum();
    let unassigned: u64 = by_section
        .rows
        .iter()
        .filter(|r| r.key.is_empty())
        .map(|r| r.total)
        .sum();
    let slips = n.saturating_sub(unassigned);
    if items > 0 {
        out.push_str(join);
        out.push_str(&fill(
            Msg::SummaryReplies,
            lang,
            &[&slips, &items, &replied],
        ));
        let waiting: u64 = by_section.replies.iter().map(|r| r.waiting).sum();
        let returned: u64 = by_section.replies.iter().map(|r| r.returned).sum();
        if waiting + returned > 0 {
            out.push_str(join);
            out.push_str(&fill(Msg::SummaryPending, lang, &[&waiting, &returned]));
        }
    }
    out.push('\n');
    Ok(out)
}
