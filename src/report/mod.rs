//! Tallies for the service-improvement committee: counts per month by section,
//! department, floor, kind or status, reply figures, and their renderers.
//!
//! The store groups in SQL ([`Store::tally`]); [`build`] only pivots those rows into
//! a table, so the arithmetic here is pure and tested on its own.

pub mod chart;
pub mod names;
pub mod publish;
pub mod render;
pub mod sentence;
pub mod xlsx;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::Dimension;
use crate::domain::Status;
pub use crate::domain::date::Period;
use crate::domain::date::{fiscal_label, fiscal_months, wareki_month};
use crate::error::Result;
use crate::i18n::fill;
use crate::i18n::{Lang, Msg};
use crate::store::{CountRow, DueRow, ReplyRow, Store};

/// How a report steps through its fiscal year: `report --per` and the summary's `p`/`y`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Per {
    /// Twelve months, April to March.
    #[default]
    Month,
    /// Four quarters (第1四半期 = 4–6月).
    Quarter,
    /// Two halves (上半期 = 4–9月).
    Half,
    /// The fiscal year and the four before it, side by side (年度別推移).
    Year,
}

impl Per {
    /// `month`, `quarter`, `half`, `year` (or 月・四半期・半期・年度).
    pub fn parse(s: &str) -> Option<Per> {
        Some(match s.trim().to_lowercase().as_str() {
            "month" | "月" | "月別" => Per::Month,
            "quarter" | "四半期" | "四半期別" => Per::Quarter,
            "half" | "半期" | "半期別" => Per::Half,
            "year" | "年度" | "年度別" => Per::Year,
            _ => return None,
        })
    }

    /// The period of fiscal year `fy` stepped this way.
    pub fn period(self, fy: i32) -> Period {
        match self {
            Per::Month => Period::FiscalYear(fy),
            Per::Quarter => Period::Quarters(fy),
            Per::Half => Period::Halves(fy),
            Per::Year => Period::Years(fy - 4, fy),
        }
    }

    /// The next step within a year: month → quarter → half → month (a trend goes back to months).
    pub fn next(self) -> Per {
        match self {
            Per::Month => Per::Quarter,
            Per::Quarter => Per::Half,
            Per::Half | Per::Year => Per::Month,
        }
    }
}

/// One column: a label and the months it adds up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Header text (`4月`, `当月`, `年度累計`).
    pub label: String,
    /// Longer header for spreadsheets (`2023-04 令和5年4月`).
    pub long_label: String,
    /// `YYYY-MM` months summed in this column.
    pub months: Vec<String>,
}

/// One row of a tally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Code (section, floor, kind, status) or department name; empty for "no section".
    pub key: String,
    /// Display name.
    pub label: String,
    /// Count per column.
    pub counts: Vec<u64>,
    /// Sum over the period.
    pub total: u64,
}

/// A whole report, ready to render.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The ward office, for titles.
    pub ward: String,
    /// The period.
    pub period: Period,
    /// Its label in the report's language.
    pub period_label: String,
    /// What the rows are.
    pub by: Dimension,
    /// Header of the first column (課, 階 …).
    pub by_label: String,
    /// Language of the labels.
    pub lang: Lang,
    /// The columns.
    pub columns: Vec<Column>,
    /// Whether the report ends with a total column (fiscal-year reports).
    pub has_total: bool,
    /// The rows, in table order.
    pub rows: Vec<Row>,
    /// Slips per column (each slip once).
    pub slips: Row,
    /// Section items per column (a slip with two sections counts twice); shown where it differs.
    pub items: Row,
    /// Slips received from 1 April to the end of each column.
    pub cumulative: Vec<u64>,
    /// How many columns have begun by `as_of`: the running total is not shown for
    /// months that have not come yet.
    pub columns_begun: usize,
    /// Reply figures per section.
    pub replies: Vec<ReplyRow>,
    /// Due / answered / late per month.
    pub due: Vec<DueRow>,
    /// The day "overdue" is measured on.
    pub as_of: NaiveDate,
    /// The same period a year earlier, when asked for (`report --compare`).
    pub previous: Option<Previous>,
}

/// The totals of the same period a year earlier, row by row, for comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Previous {
    /// Its label (令和5年度 …).
    pub period_label: String,
    /// Total per row, in the order of [`Report::rows`].
    pub rows: Vec<u64>,
    /// Slips in all.
    pub slips: u64,
    /// Section items in all.
    pub items: u64,
}

/// `now − before` with its sign: `+5`, `-3`, `±0`.
pub fn change(now: u64, before: u64) -> String {
    match now.cmp(&before) {
        std::cmp::Ordering::Greater => format!("+{}", now - before),
        std::cmp::Ordering::Less => format!("-{}", before - now),
        std::cmp::Ordering::Equal => "±0".into(),
    }
}

/// Add the same period a year earlier to `r` (row totals, slips, items), matching rows
/// by key so a section added or removed since counts as zero on the side it is missing.
pub fn with_previous(mut r: Report, store: &Store) -> Result<Report> {
    let before = r.period.year_before();
    let prev = build(store, before, r.by, r.lang, r.as_of)?;
    let by_key: HashMap<&str, u64> = prev
        .rows
        .iter()
        .map(|row| (row.key.as_str(), row.total))
        .collect();
    r.previous = Some(Previous {
        period_label: before.label(r.lang),
        rows: r
            .rows
            .iter()
            .map(|row| by_key.get(row.key.as_str()).copied().unwrap_or(0))
            .collect(),
        slips: prev.slips.total,
        items: prev.items.total,
    });
    Ok(r)
}

impl Report {
    /// Whether item counts differ from slip counts anywhere (then both are shown).
    pub fn items_differ(&self) -> bool {
        self.by.is_multi() && self.items.counts != self.slips.counts
    }

    /// The notes under the tally: how items are counted, and for the outcome table
    /// that each section's reply is one.
    pub fn tally_notes(&self) -> Vec<&'static str> {
        let mut notes = vec![];
        if self.items_differ() {
            notes.push(Msg::ReportItemsNote.text(self.lang));
        }
        if self.by == Dimension::Outcome {
            notes.push(Msg::ReportOutcomeNote.text(self.lang));
        }
        notes
    }

    /// The label of the items row.
    pub fn items_label(&self) -> &'static str {
        Msg::ReportItems.text(self.lang)
    }
}

fn month_key(y: i32, m: u32) -> String {
    format!("{y}-{m:02}")
}

/// The columns of a period.
pub fn columns(period: Period, lang: Lang) -> Vec<Column> {
    match period {
        Period::FiscalYear(fy) => month_columns(fy, lang),
        Period::Quarters(fy) => quarter_columns(fy, lang),
        Period::Halves(fy) => half_columns(fy, lang),
        Period::Years(first, last) => year_columns(first, last, lang),
        Period::Month(y, m) => month_and_year_to_date(y, m, period.fiscal_year(), lang),
    }
}

/// One column per month of fiscal year `fy`, April first.
fn month_columns(fy: i32, lang: Lang) -> Vec<Column> {
    fiscal_months(fy)
        .into_iter()
        .map(|(y, m)| Column {
            label: match lang {
                Lang::Ja => format!("{m}月"),
                Lang::En => chrono::Month::try_from(m as u8)
                    .map(|mo| mo.name()[..3].to_string())
                    .unwrap_or_default(),
            },
            long_label: format!("{} {}", month_key(y, m), wareki_month(y, m)),
            months: vec![month_key(y, m)],
        })
        .collect()
}

/// The four quarters of fiscal year `fy`, three months each.
fn quarter_columns(fy: i32, lang: Lang) -> Vec<Column> {
    (0..4)
        .map(|q| {
            let months: Vec<(i32, u32)> =
                fiscal_months(fy).into_iter().skip(q * 3).take(3).collect();
            let (y0, m0) = months[0];
            let (y1, m1) = months[2];
            Column {
                label: fill(Msg::QuarterN, lang, &[&(q + 1)]),
                long_label: format!(
                    "{} {}〜{}",
                    fill(Msg::QuarterN, lang, &[&(q + 1)]),
                    month_key(y0, m0),
                    month_key(y1, m1)
                ),
                months: months.iter().map(|&(y, m)| month_key(y, m)).collect(),
            }
        })
        .collect()
}

/// The two halves of fiscal year `fy`, six months each.
fn half_columns(fy: i32, lang: Lang) -> Vec<Column> {
    (0..2)
        .map(|h| {
            let months: Vec<(i32, u32)> =
                fiscal_months(fy).into_iter().skip(h * 6).take(6).collect();
            let label = if h == 0 { Msg::Half1 } else { Msg::Half2 }
                .text(lang)
                .to_string();
            let (y0, m0) = months[0];
            let (y1, m1) = months[5];
            Column {
                long_label: format!("{label} {}〜{}", month_key(y0, m0), month_key(y1, m1)),
                label,
                months: months.iter().map(|&(y, m)| month_key(y, m)).collect(),
            }
        })
        .collect()
}

/// One column per fiscal year from `first` to `last`, each holding its twelve months.
fn year_columns(first: i32, last: i32, lang: Lang) -> Vec<Column> {
    (first..=last)
        .map(|fy| Column {
            label: match lang {
                Lang::Ja => crate::domain::date::fiscal_era_label(fy),
                Lang::En => format!("FY{fy}"),
            },
            long_label: fiscal_label(fy, lang),
            months: fiscal_months(fy)
                .into_iter()
                .map(|(y, m)| month_key(y, m))
                .collect(),
        })
        .collect()
}

/// Month `y`-`m` alone, then fiscal year `fy` from April up to and including it.
fn month_and_year_to_date(y: i32, m: u32, fy: i32, lang: Lang) -> Vec<Column> {
    let upto: Vec<String> = fiscal_months(fy)
        .into_iter()
        .take_while(|&(yy, mm)| (yy, mm) <= (y, m))
        .map(|(yy, mm)| month_key(yy, mm))
        .collect();
    vec![
        Column {
            label: Msg::ReportThisMonth.text(lang).into(),
            long_label: format!("{} {}", month_key(y, m), wareki_month(y, m)),
            months: vec![month_key(y, m)],
        },
        Column {
            label: Msg::ReportYearToDate.text(lang).into(),
            long_label: format!(
                "{} {}",
                Msg::ReportYearToDate.text(lang),
                fiscal_label(fy, lang)
            ),
            months: upto,
        },
    ]
}

/// Keys and labels of the rows of `by`, in table order.
fn row_keys(store: &Store, by: Dimension, lang: Lang, seen: &[String]) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = match by {
        Dimension::Section => store
            .sections()
            .iter()
            .filter(|s| s.active || seen.contains(&s.label.code))
            .map(|s| (s.label.code.clone(), s.label.display(lang).to_string()))
            .collect(),
        Dimension::Department => {
            let mut out: Vec<(String, String)> = vec![];
            for s in store.sections() {
                let key = format!(
                    "dept:{}",
                    if s.department.is_empty() {
                        &s.label.code
                    } else {
                        &s.department
                    }
                );
                if (s.active || seen.contains(&key)) && !out.iter().any(|(k, _)| *k == key) {
                    out.push((key, s.department_display(lang).to_string()));
                }
            }
            out
        }
        Dimension::Floor => store
            .floors()
            .iter()
            .map(|l| (l.code.clone(), l.display(lang).to_string()))
            .collect(),
        Dimension::Kind => store
            .kinds()
            .iter()
            .map(|l| (l.code.clone(), l.display(lang).to_string()))
            .collect(),
        Dimension::Status => Status::ALL
            .iter()
            .map(|s| (s.code().to_string(), s.label(lang).to_string()))
            .collect(),
        Dimension::Outcome => store
            .catalog()
            .outcomes
            .iter()
            .map(|l| (l.code.clone(), l.display(lang).to_string()))
            .collect(),
    };
    // Anything counted but not in the tables (a floor since removed) still gets a row.
    for k in seen {
        let apart =
            by == Dimension::Outcome && crate::store::OUTCOME_ROWS_APART.contains(&k.as_str());
        if !k.is_empty() && !apart && !keys.iter().any(|(kk, _)| kk == k) {
            keys.push((k.clone(), k.clone()));
        }
    }
    if by == Dimension::Outcome {
        if seen.iter().any(String::is_empty) {
            keys.push((String::new(), Msg::OutcomeNotSet.text(lang).into()));
        }
        let apart = [
            Msg::OutcomeOpen,
            Msg::OutcomeWaiting,
            Msg::OutcomeReturned,
            Msg::ReportNoSection,
        ];
        for (key, msg) in crate::store::OUTCOME_ROWS_APART.iter().zip(apart) {
            if seen.iter().any(|k| k == key) {
                keys.push((key.to_string(), msg.text(lang).into()));
            }
        }
    } else if by.is_multi() && seen.iter().any(String::is_empty) {
        keys.push((String::new(), Msg::ReportNoSection.text(lang).into()));
    }
    keys
}

/// Sum `counts` (per month) into `columns`.
fn spread(columns: &[Column], per_month: &HashMap<String, u64>) -> Vec<u64> {
    columns
        .iter()
        .map(|c| c.months.iter().filter_map(|m| per_month.get(m)).sum())
        .collect()
}

/// Pivot grouped counts into rows: pure, so it is tested without a database.
/// Rows count slips, or section items when `items` (the outcome table: each section's
/// reply once).
pub fn pivot(
    columns: &[Column],
    keys: &[(String, String)],
    counts: &[CountRow],
    items: bool,
    total_of: impl Fn(&[u64]) -> u64,
) -> Vec<Row> {
    keys.iter()
        .map(|(key, label)| {
            let per_month: HashMap<String, u64> = counts
                .iter()
                .filter(|c| c.key.as_deref().unwrap_or("") == key)
                .map(|c| (c.month.clone(), if items { c.items } else { c.slips }))
                .collect();
            let cells = spread(columns, &per_month);
            let total = total_of(&cells);
            Row {
                key: key.clone(),
                label: label.clone(),
                counts: cells,
                total,
            }
        })
        .collect()
}

/// Build the report for `period` by `by`, with overdue measured on `today`.
pub fn build(
    store: &Store,
    period: Period,
    by: Dimension,
    lang: Lang,
    today: NaiveDate,
) -> Result<Report> {
    let (from, to) = period.range();
    let cols = columns(period, lang);
    let has_total = period.has_total();
    let row_total = |cells: &[u64]| total_of(has_total, cells);
    let counts = store.tally(from, to, by)?;
    let keys = row_keys(store, by, lang, &seen_keys(&counts));
    let rows = pivot(&cols, &keys, &counts, by == Dimension::Outcome, row_total);
    let (slip_cells, item_cells) = slips_and_items(store, &cols, from, to)?;
    let cumulative = cumulative(period, &slip_cells);
    let columns_begun = columns_begun(&cols, today);
    let settings = store.settings()?;
    let (rfrom, rto) = match period {
        Period::Month(y, m) => (NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(from), to),
        _ => (from, to),
    };
    Ok(Report {
        ward: match lang {
            Lang::En if !settings.ward_en.is_empty() => settings.ward_en,
            _ => settings.ward,
        },
        period,
        period_label: period.label(lang),
        by,
        by_label: by_label(by, lang),
        lang,
        columns: cols,
        has_total,
        rows,
        slips: total_row(Msg::ReportSlips, slip_cells, lang, row_total),
        items: total_row(Msg::ReportItems, item_cells, lang, row_total),
        columns_begun,
        cumulative,
        replies: reply_stats(store, rfrom, rto, today)?,
        due: store.due_stats(rfrom, rto, today)?,
        as_of: today,
        previous: None,
    })
}

/// A row's total: a month report's is the year-to-date column (its last); a year
/// report sums its columns.
fn total_of(has_total: bool, cells: &[u64]) -> u64 {
    if has_total {
        cells.iter().sum()
    } else {
        cells.last().copied().unwrap_or(0)
    }
}

/// The keys the tally met, each once, sorted (a section no longer active still gets
/// its row when it has counts).
fn seen_keys(counts: &[CountRow]) -> Vec<String> {
    let mut v: Vec<String> = counts
        .iter()
        .map(|c| c.key.clone().unwrap_or_default())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Slips and section-items per column.
fn slips_and_items(
    store: &Store,
    cols: &[Column],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<u64>, Vec<u64>)> {
    let totals = store.tally_totals(from, to)?;
    let slips_pm: HashMap<String, u64> =
        totals.iter().map(|t| (t.month.clone(), t.slips)).collect();
    let items_pm: HashMap<String, u64> =
        totals.iter().map(|t| (t.month.clone(), t.items)).collect();
    Ok((spread(cols, &slips_pm), spread(cols, &items_pm)))
}

/// The running total of slips per column: summed column by column over a year, the
/// year to date in every column of a month report.
fn cumulative(period: Period, slip_cells: &[u64]) -> Vec<u64> {
    match period {
        Period::FiscalYear(_) | Period::Quarters(_) | Period::Halves(_) | Period::Years(..) => {
            slip_cells
                .iter()
                .scan(0, |acc, n| {
                    *acc += n;
                    Some(*acc)
                })
                .collect()
        }
        Period::Month(..) => {
            let ytd = slip_cells.last().copied().unwrap_or(0);
            vec![ytd; slip_cells.len()]
        }
    }
}

/// How many columns have begun by `today` (the rest are the year still to come).
fn columns_begun(cols: &[Column], today: NaiveDate) -> usize {
    cols.iter()
        .take_while(|c| {
            c.months
                .first()
                .and_then(|m| parse_month_key(m))
                .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
                .is_some_and(|d| d <= today)
        })
        .count()
}

/// The header of the rows' column: what they are grouped by.
fn by_label(by: Dimension, lang: Lang) -> String {
    match by {
        Dimension::Section => Msg::ColSections,
        Dimension::Department => Msg::ColDepartment,
        Dimension::Floor => Msg::ColFloor,
        Dimension::Kind => Msg::ColKind,
        Dimension::Status => Msg::ColStatus,
        Dimension::Outcome => Msg::ColOutcome,
    }
    .text(lang)
    .to_string()
}

/// A totals row (slips, or section-items) with its total.
fn total_row(label: Msg, counts: Vec<u64>, lang: Lang, total_of: impl Fn(&[u64]) -> u64) -> Row {
    Row {
        key: String::new(),
        label: label.text(lang).into(),
        total: total_of(&counts),
        counts,
    }
}

/// Reply figures per section, in the sections' table order.
fn reply_stats(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<ReplyRow>> {
    let mut r = store.reply_stats(from, to, today)?;
    let order = |c: &str| store.sections().iter().position(|s| s.label.code == c);
    r.sort_by_key(|x| order(&x.section));
    Ok(r)
}

/// The running total in a sentence: to the end of March for a fiscal year that is
/// over (「令和6年3月末までの累計 79 件」), to today for the current one
/// (「令和6年2月20日現在の累計 74 件」), none for one that has not begun.
pub fn cumulative_sentence(r: &Report) -> Option<String> {
    let (from, to) = r.period.range();
    if r.as_of < from || r.columns_begun == 0 {
        return None;
    }
    let n = *r.cumulative.get(r.columns_begun - 1)?;
    if r.as_of > to {
        let (y, m) = (to.year(), to.month());
        let month = match r.lang {
            Lang::Ja => wareki_month(y, m),
            Lang::En => format!("{} {y}", chrono::Month::try_from(m as u8).ok()?.name()),
        };
        let msg = if n == 1 {
            Msg::CumulativeToMonthOne
        } else {
            Msg::CumulativeToMonth
        };
        return Some(crate::i18n::fill(msg, r.lang, &[&month, &n]));
    }
    let day = match r.lang {
        Lang::Ja => crate::domain::date::wareki(r.as_of),
        Lang::En => r.as_of.format("%-d %B %Y").to_string(),
    };
    let msg = if n == 1 {
        Msg::CumulativeToDayOne
    } else {
        Msg::CumulativeToDay
    };
    Some(crate::i18n::fill(msg, r.lang, &[&day, &n]))
}

/// Month of a `YYYY-MM` key as (year, month).
pub fn parse_month_key(k: &str) -> Option<(i32, u32)> {
    let (y, m) = k.split_once('-')?;
    Some((y.parse().ok()?, m.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cr(month: &str, key: Option<&str>, slips: u64) -> CountRow {
        CountRow {
            month: month.into(),
            key: key.map(str::to_string),
            slips,
            items: slips,
        }
    }

    #[test]
    fn pivot_places_counts_and_zero_months() {
        let cols = columns(Period::FiscalYear(2023), Lang::Ja);
        assert_eq!(cols.len(), 12);
        assert_eq!(cols[0].label, "4月");
        assert_eq!(cols[9].long_label, "2024-01 令和6年1月");
        let keys = vec![
            ("1F".to_string(), "1階".to_string()),
            ("2F".into(), "2階".into()),
        ];
        let counts = vec![
            cr("2023-04", Some("1F"), 3),
            cr("2024-03", Some("1F"), 2),
            cr("2023-05", Some("2F"), 1),
        ];
        let rows = pivot(&cols, &keys, &counts, false, |c| c.iter().sum());
        assert_eq!(rows[0].counts, [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
        assert_eq!(rows[0].total, 5);
        assert_eq!(rows[1].counts[1], 1);
        assert_eq!(rows[1].total, 1);
    }

    #[test]
    fn month_period_has_this_month_and_year_to_date() {
        let cols = columns(Period::Month(2024, 2), Lang::Ja);
        assert_eq!(cols.len(), 2);
        assert_eq!(cols[0].months, ["2024-02"]);
        assert_eq!(cols[1].months.len(), 11, "April to February");
        assert_eq!(
            Period::Month(2024, 2).range().0,
            NaiveDate::from_ymd_opt(2023, 4, 1).unwrap()
        );
        assert_eq!(Period::Month(2024, 4).fiscal_year(), 2024);
    }
}
