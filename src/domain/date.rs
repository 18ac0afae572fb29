//! Dates as the office writes them: 西暦 and 和暦 parsing, era labels and fiscal years (年度).
//!
//! The fiscal year starts on 1 April: 2023年度 (令和5年度) runs 2023-04-01 to 2024-03-31.

use chrono::{Datelike, Duration, NaiveDate};

use crate::i18n::Lang;

/// A Japanese era (元号).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    /// 大正
    Taisho,
    /// 昭和
    Showa,
    /// 平成
    Heisei,
    /// 令和
    Reiwa,
}

/// Eras with their first day, oldest first.
const ERAS: [(Era, i32, u32, u32); 4] = [
    (Era::Taisho, 1912, 7, 30),
    (Era::Showa, 1926, 12, 25),
    (Era::Heisei, 1989, 1, 8),
    (Era::Reiwa, 2019, 5, 1),
];

impl Era {
    /// The era's name in kanji.
    pub fn name(self) -> &'static str {
        match self {
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The era's romanised initial, as in `R6.2.10`.
    pub fn initial(self) -> char {
        match self {
            Era::Taisho => 'T',
            Era::Showa => 'S',
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    fn start(self) -> NaiveDate {
        let (_, y, m, d) = ERAS.iter().find(|e| e.0 == self).copied().expect("era");
        NaiveDate::from_ymd_opt(y, m, d).expect("era start")
    }

    fn end(self) -> Option<NaiveDate> {
        let i = ERAS.iter().position(|e| e.0 == self)?;
        ERAS.get(i + 1)
            .map(|&(_, y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("era") - Duration::days(1))
    }

    fn from_prefix(s: &str) -> Option<(Era, &str)> {
        for era in [Era::Reiwa, Era::Heisei, Era::Showa, Era::Taisho] {
            if let Some(rest) = s.strip_prefix(era.name()) {
                return Some((era, rest));
            }
            let mut chars = s.chars();
            if let Some(c) = chars.next()
                && c.to_ascii_uppercase() == era.initial()
                && chars
                    .as_str()
                    .starts_with(|c: char| c.is_ascii_digit() || c == '元')
            {
                return Some((era, chars.as_str()));
            }
        }
        None
    }
}

/// The era and era year of a date, or `None` before 大正.
pub fn era_of(date: NaiveDate) -> Option<(Era, i32)> {
    ERAS.iter()
        .rev()
        .find(|(era, ..)| date >= era.start())
        .map(|&(era, y, ..)| (era, date.year() - y + 1))
}

/// An era year as written: `令和元年`, `令和6年`.
pub fn era_year_label(era: Era, year: i32) -> String {
    if year == 1 {
        format!("{}元年", era.name())
    } else {
        format!("{}{}年", era.name(), year)
    }
}

/// `令和6年2月10日` (falls back to `2024年2月10日` before 大正).
pub fn wareki(date: NaiveDate) -> String {
    match era_of(date) {
        Some((era, y)) => format!(
            "{}{}月{}日",
            era_year_label(era, y),
            date.month(),
            date.day()
        ),
        None => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// A date for people: `令和6年2月10日（土）` in Japanese, `Sat 10 Feb 2024 (令和6年2月10日)`
/// in English.
pub fn date_long(date: NaiveDate, lang: crate::i18n::Lang) -> String {
    const DAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    match lang {
        crate::i18n::Lang::Ja => format!(
            "{}（{}）",
            wareki(date),
            DAYS[date.weekday().num_days_from_monday() as usize]
        ),
        crate::i18n::Lang::En => format!("{} ({})", date.format("%a %-d %b %Y"), wareki(date)),
    }
}

/// A date with both calendars: `令和6年2月10日（2024-02-10）`, or in English
/// `10 Feb 2024 (令和6年2月10日)`.
pub fn date_both(date: NaiveDate, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Ja => format!("{}（{date}）", wareki(date)),
        crate::i18n::Lang::En => format!("{} ({})", date.format("%-d %b %Y"), wareki(date)),
    }
}

/// A month with both calendars: `令和6年2月（2024-02）`, or `Feb 2024 (令和6年2月)`.
pub fn month_both(year: i32, month: u32, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Ja => format!("{}（{year}-{month:02}）", wareki_month(year, month)),
        crate::i18n::Lang::En => {
            let name = NaiveDate::from_ymd_opt(year, month, 1)
                .map(|d| d.format("%b %Y").to_string())
                .unwrap_or_else(|| format!("{year}-{month:02}"));
            format!("{name} ({})", wareki_month(year, month))
        }
    }
}

/// `令和6年2月` for a calendar month (era as on the month's last day).
pub fn wareki_month(year: i32, month: u32) -> String {
    let last = last_day_of_month(year, month);
    match era_of(last) {
        Some((era, y)) => format!("{}{}月", era_year_label(era, y), month),
        None => format!("{year}年{month}月"),
    }
}

/// Last day of a calendar month.
pub fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1).expect("valid month") - Duration::days(1)
}

/// The fiscal year (年度) a date falls in, named by the calendar year it starts in.
pub fn fiscal_year(date: NaiveDate) -> i32 {
    if date.month() >= 4 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// First and last day of fiscal year `fy`.
pub fn fiscal_range(fy: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(fy, 4, 1).expect("fiscal start"),
        NaiveDate::from_ymd_opt(fy + 1, 3, 31).expect("fiscal end"),
    )
}

/// The months of fiscal year `fy`, April first: `(calendar year, month)`.
pub fn fiscal_months(fy: i32) -> Vec<(i32, u32)> {
    (4..=12)
        .map(|m| (fy, m))
        .chain((1..=3).map(|m| (fy + 1, m)))
        .collect()
}

/// `令和5年度` for fiscal year 2023 (the era of the calendar year by its end: FY2019 is 令和元年度).
pub fn fiscal_era_label(fy: i32) -> String {
    let last = NaiveDate::from_ymd_opt(fy, 12, 31).expect("date");
    match era_of(last) {
        Some((era, 1)) => format!("{}元年度", era.name()),
        Some((era, y)) => format!("{}{}年度", era.name(), y),
        None => format!("{fy}年度"),
    }
}

/// `2023年度（令和5年度）` in Japanese, `FY2023 (令和5年度)` in English.
pub fn fiscal_label(fy: i32, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{fy}年度（{}）", fiscal_era_label(fy)),
        Lang::En => format!("FY{fy} ({})", fiscal_era_label(fy)),
    }
}

/// A span of fiscal years in one short label, so a title fits 80 columns:
/// `2020〜2024年度（令和2〜6年度）`, `FY2020–2024 (令和2〜6年度)`; across an era
/// `2016〜2020年度（平成28年度〜令和2年度）`.
pub fn fiscal_span_label(a: i32, b: i32, lang: Lang) -> String {
    let (ea, eb) = (fiscal_era_label(a), fiscal_era_label(b));
    let era_a: String = ea.chars().take(2).collect();
    let era = if eb.starts_with(&era_a) {
        format!("{}〜{}", ea.trim_end_matches("年度"), &eb[era_a.len()..])
    } else {
        format!("{ea}〜{eb}")
    };
    match lang {
        Lang::Ja => format!("{a}〜{b}年度（{era}）"),
        Lang::En => format!("FY{a}–{b} ({era})"),
    }
}

/// Whether the office is closed on `date`: Saturday, Sunday, a national holiday
/// (祝日・振替休日・国民の休日), or the year-end break 12/29–1/3.
pub fn is_closed_day(date: NaiveDate) -> bool {
    use chrono::Weekday;
    if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        return true;
    }
    let (m, d) = (date.month(), date.day());
    if (m == 12 && d >= 29) || (m == 1 && d <= 3) {
        return true;
    }
    thread_local! {
        static HOLIDAYS: jpholiday::jpholiday::JPHoliday<'static> =
            jpholiday::jpholiday::JPHoliday::new();
    }
    HOLIDAYS.with(|h| h.is_holiday(&date))
}

/// The day `days` office days after `start` (weekends, holidays and 年末年始 skipped).
pub fn add_business_days(start: NaiveDate, days: u32) -> NaiveDate {
    let mut d = start;
    let mut left = days;
    while left > 0 {
        d += Duration::days(1);
        if !is_closed_day(d) {
            left -= 1;
        }
    }
    d
}

/// How many office days lie after `from` up to and including `to` (0 when `to` is not
/// after `from`): reminded on a Monday, the next Monday is 5 office days on. Counted up
/// to a year's worth: further apart reads as 366.
pub fn office_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    if (to - from).num_days() > 366 {
        return 366;
    }
    let mut d = from;
    let mut n = 0;
    while d < to {
        d += Duration::days(1);
        if !is_closed_day(d) {
            n += 1;
        }
    }
    n
}

/// The period a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Period {
    /// A fiscal year (April–March), named by its first calendar year, by month.
    FiscalYear(i32),
    /// One calendar month, shown with the fiscal year to its end.
    Month(i32, u32),
    /// A fiscal year by quarter (第1四半期 = 4–6月 …).
    Quarters(i32),
    /// A fiscal year by half (上半期 = 4–9月, 下半期 = 10–3月).
    Halves(i32),
    /// Several fiscal years side by side, from the first to the last (年度別推移).
    Years(i32, i32),
}

impl Period {
    /// The fiscal year the period lies in.
    pub fn fiscal_year(self) -> i32 {
        match self {
            Period::FiscalYear(fy) | Period::Quarters(fy) | Period::Halves(fy) => fy,
            Period::Month(y, m) => fiscal_year(NaiveDate::from_ymd_opt(y, m, 1).expect("month")),
            Period::Years(_, last) => last,
        }
    }

    /// The same period a year earlier (for `--compare`).
    pub fn year_before(self) -> Period {
        match self {
            Period::FiscalYear(fy) => Period::FiscalYear(fy - 1),
            Period::Month(y, m) => Period::Month(y - 1, m),
            Period::Quarters(fy) => Period::Quarters(fy - 1),
            Period::Halves(fy) => Period::Halves(fy - 1),
            Period::Years(a, b) => Period::Years(a - 1, b - 1),
        }
    }

    /// First and last day counted (a month report counts from 1 April to the month's end).
    pub fn range(self) -> (NaiveDate, NaiveDate) {
        let (from, to) = fiscal_range(self.fiscal_year());
        match self {
            Period::FiscalYear(_) | Period::Quarters(_) | Period::Halves(_) => (from, to),
            Period::Month(y, m) => (from, last_day_of_month(y, m)),
            Period::Years(first, _) => (fiscal_range(first).0, to),
        }
    }

    /// The days whose slips belong to the period: the whole fiscal year, or the month
    /// alone (what a list, an export or the public list of the period holds).
    pub fn received(self) -> (NaiveDate, NaiveDate) {
        match self {
            Period::FiscalYear(_) | Period::Quarters(_) | Period::Halves(_) | Period::Years(..) => {
                self.range()
            }
            Period::Month(y, m) => (
                NaiveDate::from_ymd_opt(y, m, 1)
                    .unwrap_or_else(|| fiscal_range(self.fiscal_year()).0),
                last_day_of_month(y, m),
            ),
        }
    }

    /// `2023年度（令和5年度）` or `令和6年2月（2024-02）`.
    pub fn label(self, lang: crate::i18n::Lang) -> String {
        match self {
            Period::FiscalYear(fy) => fiscal_label(fy, lang),
            Period::Month(y, m) => month_both(y, m, lang),
            Period::Quarters(fy) => format!(
                "{} {}",
                fiscal_label(fy, lang),
                crate::i18n::Msg::PerQuarter.text(lang)
            ),
            Period::Halves(fy) => format!(
                "{} {}",
                fiscal_label(fy, lang),
                crate::i18n::Msg::PerHalf.text(lang)
            ),
            Period::Years(a, b) => crate::i18n::fill(
                crate::i18n::Msg::PeriodYears,
                lang,
                &[&fiscal_span_label(a, b, lang)],
            ),
        }
    }

    /// Whether the report ends with a total of its columns (all but a month report,
    /// whose last column is already the year to date).
    pub fn has_total(self) -> bool {
        !matches!(self, Period::Month(..))
    }
}

/// The due date `days` after `from`, in office days if `business_days`. Counted in
/// calendar days, a due date on a weekend or holiday (or 12/29–1/3) moves to the next
/// office day: nobody can reply on a day the office is shut.
pub fn due_after(from: NaiveDate, days: u32, business_days: bool) -> NaiveDate {
    if business_days {
        add_business_days(from, days)
    } else {
        let mut d = from + Duration::days(i64::from(days));
        while is_closed_day(d) {
            d += Duration::days(1);
        }
        d
    }
}

/// The earliest day meyasu takes for a slip: 1 January 1989, the year 平成 began. An
/// earlier one is a typo (1924 for 2024), not a slip.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1989, 1, 1).expect("a valid date")
}

/// Why a date cannot be a slip's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// After today (allowed only when the user says so).
    Future,
    /// Before [`earliest`].
    TooEarly,
}

/// Check the day a slip was collected: not after `today` unless `allow_future`, never
/// before [`earliest`].
pub fn check_received(
    date: NaiveDate,
    today: NaiveDate,
    allow_future: bool,
) -> Result<(), DateProblem> {
    if date < earliest() {
        return Err(DateProblem::TooEarly);
    }
    if date > today && !allow_future {
        return Err(DateProblem::Future);
    }
    Ok(())
}

/// Normalise input for parsing: NFKC (full-width digits), no spaces, unified separators.
fn normalize(input: &str) -> String {
    crate::text::nfkc(input)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Split `2024-2-10`-like text into numbers; `元` counts as 1.
fn numbers(s: &str) -> Option<Vec<u32>> {
    let s = s.replace(['年', '月', '/', '.', '-', '・'], "-");
    let parts: Vec<&str> = s.split('-').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    parts
        .iter()
        .map(|p| {
            if *p == "元" {
                Some(1)
            } else if p.len() <= 8 && p.chars().all(|c| c.is_ascii_digit()) {
                p.parse().ok()
            } else {
                None
            }
        })
        .collect()
}

fn from_era(era: Era, era_year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    // Era years as plain years are bounded: to 9999 at most (令和7981年), never an
    // overflow in the arithmetic.
    if era_year == 0 || era_year > 9999 {
        return None;
    }
    let start = era.start();
    let year = start.year() + era_year as i32 - 1;
    if year > 9999 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let in_era = date >= start && era.end().is_none_or(|end| date <= end);
    in_era.then_some(date)
}

/// Parse a date as people write it on a slip or at the keyboard.
///
/// Accepts `2024-02-10`, `2024/2/10`, `2024.2.10`, `2024年2月10日`, `20240210`,
/// `令和6年2月10日`, `R6.2.10`, `令和元年5月1日`, full-width digits, and `2/10` or
/// `2月10日` (this year, or last year if that would be in the future), and
/// `today`/`今日`, `yesterday`/`昨日`.
pub fn parse_date(input: &str, today: NaiveDate) -> Option<NaiveDate> {
    let s = normalize(input);
    match s.to_lowercase().as_str() {
        "today" | "今日" | "きょう" | "本日" => return Some(today),
        "yesterday" | "昨日" | "きのう" => return Some(today - Duration::days(1)),
        _ => {}
    }
    let s = s.strip_suffix('日').unwrap_or(&s);
    if let Some((era, rest)) = Era::from_prefix(s) {
        return match numbers(rest)?.as_slice() {
            [y, m, d] => from_era(era, *y, *m, *d),
            _ => None,
        };
    }
    let nums = numbers(s)?;
    match nums.as_slice() {
        [ymd] if s.len() == 8 => {
            NaiveDate::from_ymd_opt((*ymd / 10000) as i32, ymd / 100 % 100, ymd % 100)
        }
        [y, m, d] if *y >= 1000 => NaiveDate::from_ymd_opt(*y as i32, *m, *d),
        [m, d] => {
            let this_year = NaiveDate::from_ymd_opt(today.year(), *m, *d)?;
            if this_year > today {
                NaiveDate::from_ymd_opt(today.year() - 1, *m, *d)
            } else {
                Some(this_year)
            }
        }
        _ => None,
    }
    .filter(|d| d.year() >= 1900 && d.year() <= 9999)
}

/// Parse a month: `2024-02`, `2024/2`, `2024年2月`, `令和6年2月`, `R6.2`.
pub fn parse_month(input: &str) -> Option<(i32, u32)> {
    let s = normalize(input);
    let (y, m) = if let Some((era, rest)) = Era::from_prefix(&s) {
        match numbers(rest)?.as_slice() {
            [y, m] => {
                let d = from_era(era, *y, *m, 1)
                    .or_else(|| from_era(era, *y, *m, last_day_of_month_safe(era, *y, *m)?))?;
                (d.year(), *m)
            }
            _ => return None,
        }
    } else {
        match numbers(&s)?.as_slice() {
            [y, m] if (1900..=9999).contains(y) => (*y as i32, *m),
            [ym] if s.len() == 6 => ((*ym / 100) as i32, ym % 100),
            _ => return None,
        }
    };
    ((1..=12).contains(&m) && (1900..=9999).contains(&y)).then_some((y, m))
}

fn last_day_of_month_safe(era: Era, era_year: u32, month: u32) -> Option<u32> {
    if !(1..=12).contains(&month) || era_year == 0 || era_year > 9999 {
        return None;
    }
    let year = era.start().year() + era_year as i32 - 1;
    (year <= 9999).then(|| last_day_of_month(year, month).day())
}

/// Parse a fiscal year: `2023`, `2023年度`, `令和5年度`, `R5`.
pub fn parse_fiscal_year(input: &str) -> Option<i32> {
    let s = normalize(input);
    let s = s.trim_end_matches('度').trim_end_matches('年');
    if let Some((era, rest)) = Era::from_prefix(s) {
        let y = match rest {
            "元" => 1,
            r => r.parse::<i32>().ok()?,
        };
        // Bounded as plain years are (1900–9999): no overflow, no panic further on.
        if !(1..=9999).contains(&y) {
            return None;
        }
        return Some(era.start().year() + y - 1).filter(|y| (1900..=9999).contains(y));
    }
    s.parse::<i32>().ok().filter(|y| (1900..=9999).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(wareki(d(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(wareki(d(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(wareki(d(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(wareki(d(1989, 1, 8)), "平成元年1月8日");
        assert_eq!(wareki(d(2024, 2, 10)), "令和6年2月10日");
        assert_eq!(wareki_month(2024, 1), "令和6年1月");
        assert_eq!(wareki_month(2019, 4), "平成31年4月");
        assert_eq!(wareki_month(2019, 5), "令和元年5月");
    }

    #[test]
    fn fiscal_years() {
        assert_eq!(fiscal_year(d(2024, 3, 31)), 2023);
        assert_eq!(fiscal_year(d(2024, 4, 1)), 2024);
        assert_eq!(fiscal_range(2023), (d(2023, 4, 1), d(2024, 3, 31)));
        assert_eq!(fiscal_era_label(2023), "令和5年度");
        assert_eq!(fiscal_era_label(2019), "令和元年度");
        assert_eq!(fiscal_era_label(2018), "平成30年度");
        assert_eq!(fiscal_label(2023, Lang::Ja), "2023年度（令和5年度）");
        assert_eq!(fiscal_months(2023)[0], (2023, 4));
        assert_eq!(fiscal_months(2023)[11], (2024, 3));
    }

    #[test]
    fn parses_every_written_form() {
        let today = d(2024, 3, 1);
        let want = d(2024, 2, 10);
        for s in [
            "2024-02-10",
            "2024/2/10",
            "2024.2.10",
            "2024年2月10日",
            "20240210",
            "令和6年2月10日",
            "令和６年２月１０日",
            "R6.2.10",
            "r6/2/10",
            "２０２４－０２－１０",
            " 2024-02-10 ",
            "2/10",
            "2月10日",
        ] {
            assert_eq!(parse_date(s, today), Some(want), "{s}");
        }
        assert_eq!(parse_date("令和元年5月1日", today), Some(d(2019, 5, 1)));
        assert_eq!(parse_date("平成31年4月30日", today), Some(d(2019, 4, 30)));
        assert_eq!(parse_date("今日", today), Some(today));
        assert_eq!(parse_date("昨日", today), Some(d(2024, 2, 29)));
        // Month/day in the future means last year.
        assert_eq!(parse_date("12/25", today), Some(d(2023, 12, 25)));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        let today = d(2024, 3, 1);
        for s in [
            "",
            "abc",
            "2024-02-30",
            "2024-13-01",
            "令和0年1月1日",
            "平成31年5月1日",
            "令和元年4月30日",
            "2/30",
            "12345",
            "99999999999999999999",
            "R99999999",
            "令和300000年1月",
            "R300000.1",
            "300000-01",
            "2024-02-10-01",
            "R",
        ] {
            assert_eq!(parse_date(s, today), None, "{s:?}");
        }
    }

    /// Era and month years are bounded as plain years are (1900–9999): refused, never an
    /// overflow (the shell panicked with exit 101 on these).
    #[test]
    fn absurd_years_are_refused_not_panicked() {
        for s in [
            "R99999999",
            "令和99999999年度",
            "R2147483647",
            "300000",
            "99999",
        ] {
            assert_eq!(parse_fiscal_year(s), None, "{s}");
        }
        for s in [
            "300000-01",
            "R300000.1",
            "令和300000年1月",
            "R4294967295.1",
            "10000-01",
        ] {
            assert_eq!(parse_month(s), None, "{s}");
        }
        assert_eq!(parse_fiscal_year("R7"), Some(2025));
        assert_eq!(parse_month("R6.2"), Some((2024, 2)));
    }

    #[test]
    fn business_days_skip_golden_week_and_year_end() {
        // Fri 26 April 2024: 29 Apr 昭和の日, 3–6 May holidays (6 May 振替休日).
        assert_eq!(add_business_days(d(2024, 4, 26), 5), d(2024, 5, 8));
        assert!(is_closed_day(d(2024, 5, 6)));
        assert!(!is_closed_day(d(2024, 5, 7)));
        assert_eq!(add_business_days(d(2024, 12, 27), 1), d(2025, 1, 6));
        assert_eq!(add_business_days(d(2024, 2, 9), 0), d(2024, 2, 9));
        // 14 office days from Mon 4 March 2024 (20 March 春分の日).
        assert_eq!(add_business_days(d(2024, 3, 4), 14), d(2024, 3, 25));
    }

    #[test]
    fn months_and_fiscal_years() {
        assert_eq!(parse_month("2024-02"), Some((2024, 2)));
        assert_eq!(parse_month("令和6年2月"), Some((2024, 2)));
        assert_eq!(parse_month("R6.2"), Some((2024, 2)));
        assert_eq!(parse_month("202402"), Some((2024, 2)));
        assert_eq!(parse_month("2024-13"), None);
        assert_eq!(parse_fiscal_year("2023"), Some(2023));
        assert_eq!(parse_fiscal_year("令和5年度"), Some(2023));
        assert_eq!(parse_fiscal_year("令和元年度"), Some(2019));
        assert_eq!(parse_fiscal_year("2023年度"), Some(2023));
        assert_eq!(parse_fiscal_year("x"), None);
    }
}
