//! The options several commands share: slip filters, periods, output files, and how a
//! date argument is read.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use crate::domain::date::{Period, parse_date, parse_fiscal_year, parse_month};
use crate::domain::{Status, Tab};
use crate::error::Error;
use crate::i18n::{Msg, tr};
use crate::store::Filter;
use crate::store::Store;

/// `meyasu add` options.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Date collected: 2024-02-10, 2/10, 令和6年2月10日 [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// Floor whose box it came from: 1F, 1階, 1
    #[arg(long)]
    pub floor: String,
    /// Kind: 意見 要望 苦情 お礼 問合せ その他 (or opinion, request, …)
    #[arg(long)]
    pub kind: String,
    /// Optional short summary (要旨) used when publishing
    #[arg(long)]
    pub summary: Option<String>,
    /// The text as written (else the remaining arguments, else standard input)
    #[arg(long, allow_hyphen_values = true)]
    pub text: Option<String>,
    /// Accept a date after today (refused otherwise, as a likely typo)
    #[arg(long)]
    pub allow_future: bool,
    /// The text, as trailing words
    #[arg(trailing_var_arg = true)]
    pub words: Vec<String>,
}

/// `meyasu list` options (also the filters of `export`).
#[derive(Debug, Args, Default, Clone)]
pub struct ListArgs {
    /// Only these statuses (repeat or comma-separate): new, assigned, answered, published,
    /// no_reply, or the name of a tab: 未処理, 依頼中, 期限超過, 回答済, 完了, 承認待ち, 差し戻し
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<String>,
    /// Only slips tagged with this section
    #[arg(long)]
    pub section: Option<String>,
    /// Only slips from this floor
    #[arg(long)]
    pub floor: Option<String>,
    /// Only slips of this kind
    #[arg(long)]
    pub kind: Option<String>,
    /// Only slips with a reply waiting for the team's review (承認待ち)
    #[arg(long, conflicts_with = "returned")]
    pub review: bool,
    /// Only slips with a reply the team sent back (差し戻し; a liaison: their own)
    #[arg(long)]
    pub returned: bool,
    /// Only slips with a reply of this outcome (対応区分: code or name; `none` or 未設定
    /// for replies recorded without one)
    #[arg(long)]
    pub outcome: Option<String>,
    /// Only this month: 2024-02 or 令和6年2月
    #[arg(long)]
    pub month: Option<String>,
    /// Only this fiscal year (April–March): 2023 or 令和5年度
    #[arg(long = "fiscal-year", alias = "fy")]
    pub fiscal_year: Option<String>,
    /// Received on or after this date
    #[arg(long)]
    pub from: Option<String>,
    /// Received on or before this date
    #[arg(long)]
    pub to: Option<String>,
    /// Only open slips past their due date
    #[arg(long)]
    pub overdue: bool,
    /// Only slips whose text contains this (a word may start with -: --search -駐輪)
    #[arg(long, short = 's', allow_hyphen_values = true)]
    pub search: Option<String>,
    /// The voided slips (取消) instead of the others
    #[arg(long)]
    pub voided: bool,
    /// Oldest first (default: newest first)
    #[arg(long)]
    pub oldest_first: bool,
    /// At most this many rows [default: all]
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `--fiscal-year` or `--month`, for reports and the public list.
#[derive(Debug, Args, Clone, Default)]
pub struct PeriodArgs {
    /// Fiscal year (April–March): 2023 or 令和5年度 [default: this one]
    #[arg(long = "fiscal-year", alias = "fy", conflicts_with = "month")]
    pub fiscal_year: Option<String>,
    /// One month, with the fiscal year to date: 2024-02 or 令和6年2月
    #[arg(long)]
    pub month: Option<String>,
}

/// Where a file-producing command writes, and in what format.
#[derive(Debug, Args, Clone, Default)]
pub struct OutputArgs {
    /// Output format [default: from -o's extension, else the command's usual one]
    #[arg(long)]
    pub format: Option<String>,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// CSV without the byte-order mark (for programs other than Excel)
    #[arg(long)]
    pub no_bom: bool,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
}

/// `meyasu report` options.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which period
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Rows: section, department, floor, kind or status
    #[arg(long, default_value = "section")]
    pub by: String,
    /// Columns: month, quarter, half or year (year: the last five fiscal years)
    #[arg(long, default_value = "month")]
    pub per: String,
    /// Fiscal years side by side, oldest first: 2022..2024 or 令和4年度..令和6年度
    #[arg(long, conflicts_with_all = ["fiscal_year", "month"])]
    pub years: Option<String>,
    /// Add the same period a year earlier and the change, row by row
    #[arg(long)]
    pub compare: bool,
    /// Print the paragraph for the annual report instead of the tables
    #[arg(long, conflicts_with_all = ["compare", "format"])]
    pub summary: bool,
    /// Where and how (format: text, csv, xlsx or html; default text)
    #[command(flatten)]
    pub out: OutputArgs,
    /// Mail the report as an attachment to these addresses (through the relay in the
    /// settings); without -o nothing is printed
    #[arg(long, value_name = "ADDRESS")]
    pub mail: Vec<String>,
}

/// Parse a date argument, naming the field on error.
pub fn date_arg(field: Msg, input: &str, today: NaiveDate) -> Result<NaiveDate, Error> {
    parse_date(input, today).ok_or_else(|| Error::BadDate {
        field: tr(field).into(),
        input: input.into(),
    })
}

/// Build a [`Filter`] from `list`-style options, resolving names and dates.
pub fn filter_from(store: &Store, a: &ListArgs, today: NaiveDate) -> Result<Filter, Error> {
    let mut f = Filter::default();
    for s in &a.status {
        if let Some(st) = Status::parse(s) {
            f.statuses.push(st);
            continue;
        }
        // The words of the tabs (未処理・依頼中・期限超過・回答済・完了・承認待ち・差し戻し).
        let tab = Tab::parse(s).ok_or_else(|| Error::UnknownListStatus(s.clone()))?;
        f.statuses.extend(tab.statuses());
        f.overdue_on = f.overdue_on.or(tab.overdue_on(today));
        f.reply_state = f.reply_state.or(tab.reply_state());
    }
    f.section = a
        .section
        .as_deref()
        .map(|s| store.resolve_section(s, false))
        .transpose()?;
    f.floor = a
        .floor
        .as_deref()
        .map(|s| store.resolve_floor(s))
        .transpose()?;
    f.kind = a
        .kind
        .as_deref()
        .map(|s| store.resolve_kind(s))
        .transpose()?;
    if a.review {
        f.reply_state = Some(crate::domain::ReplyState::Draft);
    }
    if a.returned {
        f.reply_state = Some(crate::domain::ReplyState::Returned);
    }
    f.outcome = match a.outcome.as_deref().map(str::trim) {
        None => None,
        Some(o) if crate::domain::Catalog::names_no_outcome(o) => {
            Some(crate::store::OutcomeFilter::NotSet)
        }
        Some(o) => Some(crate::store::OutcomeFilter::Is(store.resolve_outcome(o)?)),
    };
    if let Some(m) = &a.month {
        let (y, mo) = parse_month(m).ok_or_else(|| Error::BadMonth(m.clone()))?;
        let (from, to) = Period::Month(y, mo).received();
        f.from = Some(from);
        f.to = Some(to);
    }
    if let Some(fy) = &a.fiscal_year {
        let fy = parse_fiscal_year(fy).ok_or_else(|| Error::BadDate {
            field: tr(Msg::FieldFiscalYear).into(),
            input: fy.clone(),
        })?;
        let (from, to) = Period::FiscalYear(fy).received();
        f.from = Some(f.from.map_or(from, |d| d.max(from)));
        f.to = Some(f.to.map_or(to, |d| d.min(to)));
    }
    if let Some(d) = &a.from {
        let d = date_arg(Msg::ColReceived, d, today)?;
        f.from = Some(f.from.map_or(d, |x| x.max(d)));
    }
    if let Some(d) = &a.to {
        let d = date_arg(Msg::ColReceived, d, today)?;
        f.to = Some(f.to.map_or(d, |x| x.min(d)));
    }
    if a.overdue {
        f.overdue_on = Some(today);
    }
    f.text = a.search.clone();
    f.voided = a.voided;
    Ok(f)
}

/// The period of `meyasu report`: `--years`, or the fiscal year or month stepped `--per`.
pub(super) fn report_period(a: &ReportArgs, today: NaiveDate) -> Result<Period, Error> {
    if let Some(y) = &a.years {
        let bad = || Error::BadYears(y.clone());
        let (first, last) = y
            .split_once("..")
            .or_else(|| y.split_once('〜'))
            .or_else(|| y.split_once('~'))
            .ok_or_else(bad)?;
        let first = parse_fiscal_year(first.trim()).ok_or_else(bad)?;
        let last = parse_fiscal_year(last.trim()).ok_or_else(bad)?;
        if first > last || last - first >= crate::domain::limits::MAX_REPORT_YEARS {
            return Err(bad());
        }
        return Ok(Period::Years(first, last));
    }
    let base = period_from(&a.period, today)?;
    match crate::report::Per::parse(&a.per) {
        // A month report keeps its month beside the year to date.
        Some(crate::report::Per::Month) => Ok(base),
        Some(per) => Ok(per.period(base.fiscal_year())),
        None => Err(Error::UnknownPer(a.per.clone())),
    }
}

pub(super) fn period_from(
    p: &PeriodArgs,
    today: NaiveDate,
) -> Result<crate::report::Period, Error> {
    use crate::report::Period;
    Ok(match (p.month.as_deref(), p.fiscal_year.as_deref()) {
        (Some(m), _) => {
            let (y, mo) = parse_month(m).ok_or_else(|| Error::BadMonth(m.into()))?;
            Period::Month(y, mo)
        }
        (None, Some(fy)) => {
            Period::FiscalYear(parse_fiscal_year(fy).ok_or_else(|| Error::BadDate {
                field: tr(Msg::FieldFiscalYear).into(),
                input: fy.into(),
            })?)
        }
        (None, None) => Period::FiscalYear(crate::domain::date::fiscal_year(today)),
    })
}
