//! `meyasu import`: a CSV or xlsx file read row by row through small steps, each good
//! slip written at once inside one transaction that commits only if no row anywhere in
//! the file was bad.
//!
//! The steps, each a function a test can call on its own:
//! 1. **decode** ([`super::table`]): bytes to text (UTF-8, Shift_JIS, UTF-16, xlsx) and
//!    text to rows, one at a time, each with its line;
//! 2. **header** ([`layout`]): which column is which;
//! 3. **cells** ([`Steps::cells`]): a row's cells by column, text cleaned and measured;
//! 4. **resolve** ([`Steps::resolve`]): names to codes, dates parsed, replies and
//!    outcomes matched to sections;
//! 5. **check** ([`Steps::check`]): the rules across cells (a status needs its
//!    sections and replies, a due date comes after receipt), giving an [`ImportSlip`];
//! 6. **write** ([`crate::store::Loader`]): duplicates found by key, each new slip
//!    inserted with its audit event.
//!
//! Every problem is reported with its line, column and header; with any, nothing is kept.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::table::Table;
use crate::config::Settings;
use crate::domain::catalog::Catalog;
use crate::domain::date::parse_date;
use crate::domain::{Status, limits};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg, fill, lang};
use crate::sheet::{split_per_section, split_sections};
use crate::store::{ImportSlip, Loader, Seen, Store};
use crate::text::{is_blank, normalize_body, strip_controls};

pub use super::columns::Col;

/// What an import found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Slips imported (on a dry run: that would be).
    pub imported: usize,
    /// Lines already in the database (or earlier in the file): skipped.
    pub duplicates: Vec<(u64, Option<u64>)>,
    /// Headers not read.
    pub ignored_headers: Vec<String>,
    /// Encoding found.
    pub encoding: &'static str,
    /// Cells that held control characters, which were taken out (line, column).
    pub controls_removed: Vec<(u64, usize)>,
}

fn yes(s: &str) -> Option<bool> {
    match crate::text::nfkc(s.trim()).to_lowercase().as_str() {
        "" | "0" | "no" | "false" | "いいえ" | "否" | "-" => Some(false),
        "1" | "yes" | "true" | "はい" | "○" | "〇" | "✓" | "非公表" => Some(true),
        _ => None,
    }
}

/// Where each [`Col`] is in a file (0-based), read from its header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    at: [Option<usize>; Col::ALL.len()],
    /// Headers not read.
    pub ignored: Vec<String>,
}

impl Layout {
    /// The column `c` is in (0-based), if the file has it.
    pub fn of(&self, c: Col) -> Option<usize> {
        self.at[c as usize]
    }
}

/// The header step: which column is which. A column named twice, or one of 受付日・階・
/// 種別・内容 missing, refuses the file.
pub fn layout(file: &str, header_line: u64, headers: &[String]) -> Result<Layout> {
    let l = lang();
    let mut out = Layout::default();
    for (i, h) in headers.iter().enumerate() {
        match Col::from_header(h) {
            Some(c) if out.of(c).is_none() => out.at[c as usize] = Some(i),
            // The same column twice: which one holds the data cannot be known.
            Some(c) => {
                return Err(Error::Input {
                    file: file.into(),
                    line: header_line,
                    column: i + 1,
                    field: h.clone(),
                    reason: fill(Msg::ErrColumnTwice, l, &[&c.header()]),
                });
            }
            _ if h.trim().is_empty() => {}
            _ => out.ignored.push(h.clone()),
        }
    }
    let missing: Vec<&str> = [Col::Received, Col::Floor, Col::Kind, Col::Body]
        .into_iter()
        .filter(|c| out.of(*c).is_none())
        .map(Col::header)
        .collect();
    if !missing.is_empty() {
        return Err(Error::Input {
            file: file.into(),
            line: header_line,
            column: 1,
            field: String::new(),
            reason: fill(Msg::ErrMissingColumns, l, &[&missing.join("・")]),
        });
    }
    Ok(out)
}

/// One row's cells by column (the cells step): each column's number (1-based, 0 when the
/// file has no such column) and text, with 内容 and 要旨 cleaned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cells {
    /// The row's line in the file.
    pub line: u64,
    at: [(usize, String); Col::ALL.len()],
    /// 内容, normalised ([`normalize_body`]).
    pub body: String,
    /// 要旨, normalised.
    pub summary: String,
    /// Columns whose control characters were taken out.
    pub controls_removed: Vec<usize>,
}

impl Cells {
    /// Column `c`'s number (1-based; 0 when absent) and its text as in the file.
    pub fn get(&self, c: Col) -> (usize, &str) {
        let (col, text) = &self.at[c as usize];
        (*col, text)
    }
}

/// A row's names and dates turned into codes and dates (the resolve step). A cell that
/// could not be read is `None` (or left out of a list), with its problem noted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    /// 受付日, if a date within range.
    pub received: Option<NaiveDate>,
    /// Floor code.
    pub floor: Option<String>,
    /// Kind code.
    pub kind: Option<String>,
    /// Section codes, each once.
    pub sections: Vec<String>,
    /// Replies: section code, text, date.
    pub replies: Vec<(String, String, NaiveDate)>,
    /// Outcomes of those replies: section code, outcome code.
    pub outcomes: Vec<(String, String)>,
    /// 状況 as written (`None` when blank: the check step chooses it).
    pub status: Option<Status>,
    /// 期限.
    pub due: Option<NaiveDate>,
    /// 非公表.
    pub no_publish: bool,
}

/// The problems of one row: column, its number (1-based) and the reason.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<(Col, usize, String)>);

impl Problems {
    fn bad(&mut self, c: Col, col: usize, reason: String) {
        self.0.push((c, col, reason));
    }

    /// Whether the row is good so far.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The row steps for one file: what they need to know (its header, the sections, floors,
/// kinds and outcomes, the reply days, today), and the names and dates met so far, each
/// resolved once: files repeat the same few.
pub struct Steps {
    file: String,
    headers: Vec<String>,
    layout: Layout,
    catalog: Catalog,
    settings: Settings,
    today: NaiveDate,
    allow_future: bool,
    lang: Lang,
    names: HashMap<(Col, String), std::result::Result<String, String>>,
    dates: HashMap<String, Option<NaiveDate>>,
}

impl Steps {
    /// The steps for `table` (its header read by [`layout`]) against `store`'s catalog.
    pub fn new(store: &Store, table: &Table, today: NaiveDate, allow_future: bool) -> Result<Self> {
        Ok(Steps {
            layout: layout(&table.file, table.header_line, &table.headers)?,
            file: table.file.clone(),
            headers: table.headers.clone(),
            catalog: store.catalog().clone(),
            settings: store.settings()?,
            today,
            allow_future,
            lang: lang(),
            names: HashMap::new(),
            dates: HashMap::new(),
        })
    }

    /// Headers the file has that meyasu does not read.
    pub fn ignored_headers(&self) -> &[String] {
        &self.layout.ignored
    }

    /// The cells step: `row`'s cells by column; control characters taken out of the text
    /// cells (and noted), 内容 and 要旨 normalised and measured against their limits, an
    /// empty 内容 refused.
    pub fn cells(&self, line: u64, mut row: Vec<String>, p: &mut Problems) -> Cells {
        let mut cells = Cells {
            line,
            ..Cells::default()
        };
        for c in Col::ALL {
            if let Some(i) = self.layout.of(c) {
                cells.at[c as usize] = (
                    i + 1,
                    row.get_mut(i).map(std::mem::take).unwrap_or_default(),
                );
            }
        }
        for (c, limit) in [(Col::Body, limits::BODY), (Col::Summary, limits::SUMMARY)] {
            let (col, v) = cells.get(c);
            let controls = strip_controls(v).1 > 0;
            let t = normalize_body(v);
            if controls {
                cells.controls_removed.push(col);
            }
            if let Err((limit, len)) = limits::check(&t, limit) {
                let field = c.header().to_string();
                p.bad(
                    c,
                    col,
                    Error::TooLong { field, limit, len }.message(self.lang),
                );
            }
            match c {
                Col::Body => cells.body = t,
                _ => cells.summary = t,
            }
        }
        if is_blank(&cells.body) {
            p.bad(
                Col::Body,
                cells.get(Col::Body).0,
                Error::EmptyText.message(self.lang),
            );
        }
        let (rcol, rv) = cells.get(Col::Reply);
        let reply_controls = strip_controls(rv).1 > 0;
        if reply_controls {
            cells.controls_removed.push(rcol);
        }
        cells
    }

    /// A floor, kind, section or outcome name's code, each name resolved once.
    fn code(&mut self, c: Col, given: &str) -> std::result::Result<String, String> {
        if let Some(v) = self.names.get(&(c, given.to_string())) {
            return v.clone();
        }
        let v = match c {
            Col::Floor => self.catalog.resolve_floor(given),
            Col::Kind => self.catalog.resolve_kind(given),
            Col::Outcome => self.catalog.resolve_outcome(given),
            _ => self.catalog.resolve_section(given, false),
        }
        .map_err(|e| e.message(self.lang));
        self.names.insert((c, given.to_string()), v.clone());
        v
    }

    /// A date as written, each text parsed once.
    fn date(&mut self, text: &str) -> Option<NaiveDate> {
        if let Some(d) = self.dates.get(text) {
            return *d;
        }
        let d = parse_date(text, self.today);
        self.dates.insert(text.to_string(), d);
        d
    }

    /// The date in column `c` (`None` when blank; a bad one noted).
    fn date_cell(&mut self, cells: &Cells, c: Col, p: &mut Problems) -> Option<NaiveDate> {
        let (col, v) = cells.get(c);
        if v.trim().is_empty() {
            return None;
        }
        let d = self.date(v);
        if d.is_none() {
            let e = Error::BadDate {
                field: c.header().into(),
                input: v.into(),
            };
            p.bad(c, col, e.message(self.lang));
        }
        d
    }

    /// The resolve step: dates parsed (受付日 required and within range), floor, kind and
    /// sections to codes, replies to their sections and dates, outcomes to their replies,
    /// 状況 and 非公表 read.
    pub fn resolve(&mut self, cells: &Cells, p: &mut Problems) -> Resolved {
        let l = self.lang;
        let mut r = Resolved {
            received: self.received(cells, p),
            ..Resolved::default()
        };
        for (c, slot) in [(Col::Floor, &mut r.floor), (Col::Kind, &mut r.kind)] {
            let (col, v) = cells.get(c);
            *slot = self.code(c, v).map_err(|e| p.bad(c, col, e)).ok();
        }
        let (scol, sv) = cells.get(Col::Sections);
        for name in split_sections(sv) {
            match self.code(Col::Sections, &name) {
                Ok(c) if !r.sections.contains(&c) => r.sections.push(c),
                Ok(_) => {}
                Err(e) => p.bad(Col::Sections, scol, e),
            }
        }
        r.replies = self.replies(cells, &r.sections, p);
        r.outcomes = self.outcomes(cells, &r.replies, p);
        let (stcol, stv) = cells.get(Col::Status);
        if !stv.trim().is_empty() {
            r.status = Status::parse(stv);
            if r.status.is_none() {
                let e = Error::UnknownStatus(stv.to_string());
                p.bad(Col::Status, stcol, e.message(l));
                r.status = Some(Status::New);
            }
        }
        r.due = self.date_cell(cells, Col::Due, p);
        let (npcol, npv) = cells.get(Col::NoPublish);
        r.no_publish = yes(npv).unwrap_or_else(|| {
            p.bad(Col::NoPublish, npcol, fill(Msg::ErrYesNo, l, &[&npv]));
            false
        });
        r
    }

    /// 受付日: required, a date, not before records began nor (unless allowed) after today.
    fn received(&mut self, cells: &Cells, p: &mut Problems) -> Option<NaiveDate> {
        let (col, v) = cells.get(Col::Received);
        if v.trim().is_empty() {
            p.bad(Col::Received, col, Msg::ErrRequired.text(self.lang).into());
            return None;
        }
        let d = self.date_cell(cells, Col::Received, p)?;
        match crate::domain::date::check_received(d, self.today, self.allow_future) {
            Ok(()) => Some(d),
            Err(problem) => {
                let e = Error::DateOutOfRange {
                    field: Col::Received.header().to_string(),
                    date: d,
                    today: self.today,
                    problem,
                };
                p.bad(Col::Received, col, e.message(self.lang));
                None
            }
        }
    }

    /// 回答 and 回答日: one text for every section, or 【課】text per section (each a
    /// section the slip is tagged with); a date per section, one for all, or today.
    fn replies(
        &mut self,
        cells: &Cells,
        sections: &[String],
        p: &mut Problems,
    ) -> Vec<(String, String, NaiveDate)> {
        let l = self.lang;
        let (rcol, rv) = cells.get(Col::Reply);
        let (dcol, dv) = cells.get(Col::RepliedOn);
        let mut out = vec![];
        if rv.trim().is_empty() {
            return out;
        }
        let dates: Vec<(Option<String>, String)> = split_per_section(dv)
            .into_iter()
            .map(|(n, d)| (n.and_then(|n| self.code(Col::Sections, &n).ok()), d))
            .collect();
        for (name, text) in split_per_section(rv) {
            let text = normalize_body(&text);
            if let Err((limit, len)) = limits::check(&text, limits::REPLY) {
                let field = Col::Reply.header().to_string();
                p.bad(
                    Col::Reply,
                    rcol,
                    Error::TooLong { field, limit, len }.message(l),
                );
            }
            let targets: Vec<String> = match name.map(|n| self.code(Col::Sections, &n)) {
                Some(Ok(c)) if sections.contains(&c) => vec![c],
                Some(Ok(c)) => {
                    let tagged = sections.to_vec();
                    let e = Error::NotTagged { section: c, tagged };
                    p.bad(Col::Reply, rcol, e.message(l));
                    vec![]
                }
                Some(Err(e)) => {
                    p.bad(Col::Reply, rcol, e);
                    vec![]
                }
                None => sections.to_vec(),
            };
            for code in targets {
                let date_text = dates
                    .iter()
                    .find(|(c, _)| c.as_deref() == Some(code.as_str()))
                    .or_else(|| dates.iter().find(|(c, _)| c.is_none()))
                    .map(|(_, d)| d.as_str())
                    .unwrap_or_default();
                let on = if date_text.trim().is_empty() {
                    self.today
                } else {
                    self.date(date_text).unwrap_or_else(|| {
                        let e = Error::BadDate {
                            field: Col::RepliedOn.header().into(),
                            input: date_text.to_string(),
                        };
                        p.bad(Col::RepliedOn, dcol, e.message(l));
                        self.today
                    })
                };
                out.push((code, text.clone(), on));
            }
        }
        out
    }

    /// 対応区分: one name for every reply, or 【課】name per section; unknown names are
    /// bad cells that list the known ones, and an outcome needs its reply.
    fn outcomes(
        &mut self,
        cells: &Cells,
        replies: &[(String, String, NaiveDate)],
        p: &mut Problems,
    ) -> Vec<(String, String)> {
        let (ocol, ov) = cells.get(Col::Outcome);
        let mut out = vec![];
        if ov.trim().is_empty() {
            return out;
        }
        for (name, given) in split_per_section(ov) {
            let outcome = match self.code(Col::Outcome, &given) {
                Ok(o) => o,
                Err(e) => {
                    p.bad(Col::Outcome, ocol, e);
                    continue;
                }
            };
            let targets: Vec<String> = match name.map(|n| self.code(Col::Sections, &n)) {
                Some(Ok(c)) => vec![c],
                Some(Err(e)) => {
                    p.bad(Col::Outcome, ocol, e);
                    vec![]
                }
                None => replies.iter().map(|r| r.0.clone()).collect(),
            };
            for code in targets {
                if replies.iter().any(|r| r.0 == code) {
                    out.push((code, outcome.clone()));
                } else {
                    let e = Msg::ErrOutcomeWithoutReply.text(self.lang).to_string();
                    p.bad(Col::Outcome, ocol, e);
                }
            }
        }
        out
    }

    /// The check step: the rules across cells. A blank 状況 is chosen from the sections and
    /// replies; 担当中・回答済・公表済 need a section, 回答済・公表済 a reply from each; 期限
    /// is not before 受付日 (and, when blank, is the reply days after it). `None` when the
    /// row cannot be a slip.
    pub fn check(&self, cells: Cells, r: Resolved, p: &mut Problems) -> Option<ImportSlip> {
        let l = self.lang;
        let (stcol, _) = cells.get(Col::Status);
        let (rcol, _) = cells.get(Col::Reply);
        let status = r.status.unwrap_or(if r.sections.is_empty() {
            Status::New
        } else if !r.replies.is_empty() && r.replies.len() >= r.sections.len() {
            Status::Answered
        } else {
            Status::Assigned
        });
        let needs_section = matches!(
            status,
            Status::Assigned | Status::Answered | Status::Published
        );
        if needs_section && r.sections.is_empty() {
            p.bad(
                Col::Status,
                stcol,
                Msg::ErrStatusNeedsSection.text(l).into(),
            );
        }
        if matches!(status, Status::Answered | Status::Published) {
            let missing: Vec<&str> = r
                .sections
                .iter()
                .filter(|s| !r.replies.iter().any(|(c, _, _)| c == *s))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                let e = fill(Msg::ErrNotAllReplied, l, &[&missing.join(", ")]);
                p.bad(Col::Reply, rcol.max(stcol), e);
            }
        }
        if let (Some(due), Some(received)) = (r.due, r.received)
            && due < received
        {
            let e = Error::DueBeforeReceived { due, received };
            p.bad(Col::Due, cells.get(Col::Due).0, e.message(l));
        }
        let (received, floor, kind) = (r.received?, r.floor?, r.kind?);
        let due_on = r.due.or_else(|| {
            (!r.sections.is_empty()).then(|| {
                crate::domain::date::due_after(
                    received,
                    self.settings.reply_days,
                    self.settings.business_days,
                )
            })
        });
        Some(ImportSlip {
            line: cells.line,
            received_on: received,
            floor,
            kind,
            summary: (!cells.summary.is_empty()).then_some(cells.summary),
            body: cells.body,
            sections: r.sections,
            status,
            due_on,
            replies: r.replies,
            outcomes: r.outcomes,
            no_publish: r.no_publish,
        })
    }

    /// A row through the cells, resolve and check steps: the slip if the row is good, and
    /// its problems as errors with line, column and header (left to right).
    pub fn row(
        &mut self,
        line: u64,
        row: Vec<String>,
    ) -> (Option<ImportSlip>, Vec<Error>, Vec<usize>) {
        let mut p = Problems::default();
        let mut cells = self.cells(line, row, &mut p);
        let mut controls = std::mem::take(&mut cells.controls_removed);
        controls.sort_unstable();
        let resolved = self.resolve(&cells, &mut p);
        let slip = self.check(cells, resolved, &mut p);
        p.0.sort_by_key(|(_, col, _)| *col);
        let errors: Vec<Error> =
            p.0.into_iter()
                .map(|(c, col, reason)| Error::Input {
                    file: self.file.clone(),
                    line,
                    column: col,
                    field: self
                        .headers
                        .get(col.saturating_sub(1))
                        .cloned()
                        .unwrap_or_else(|| c.header().into()),
                    reason,
                })
                .collect();
        (slip.filter(|_| errors.is_empty()), errors, controls)
    }
}

/// What the row steps made of one row: its line, and [`Steps::row`]'s answer.
type RowDone = (u64, (Option<ImportSlip>, Vec<Error>, Vec<usize>));

/// Every row of `table` through the steps and, while none has been bad, into `loader`;
/// `progress` hears the line reached and the file's lines. Any bad row makes the whole
/// an [`Error::Many`] of every problem in the file.
///
/// The steps run on a second thread, a few hundred rows ahead of the writes, so that
/// reading and checking the file costs no time beside SQLite's.
fn run(
    steps: &mut Steps,
    table: &mut Table,
    loader: &mut Loader<'_>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let mut report = ImportReport {
        ignored_headers: steps.ignored_headers().to_vec(),
        encoding: table.encoding,
        ..ImportReport::default()
    };
    let lines = table.rows_hint() + table.header_line as usize;
    let (send, rows) = std::sync::mpsc::sync_channel::<Result<RowDone>>(512);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            loop {
                let done = match table.next_row() {
                    Ok(Some((line, row))) => Ok((line, steps.row(line, row))),
                    Ok(None) => break,
                    Err(e) => Err(e),
                };
                let stop = done.is_err();
                // The writer has stopped (an error of its own): so does the reader.
                if send.send(done).is_err() || stop {
                    break;
                }
            }
        });
        let mut errors: Vec<Error> = vec![];
        let mut n = 0usize;
        for done in rows {
            let (line, (slip, problems, controls)) = done?;
            report
                .controls_removed
                .extend(controls.into_iter().map(|col| (line, col)));
            errors.extend(problems);
            if let Some(slip) = slip {
                match loader.seen(&slip)? {
                    Seen::New if errors.is_empty() => {
                        loader.write(slip)?;
                        report.imported += 1;
                    }
                    Seen::New => report.imported += 1,
                    Seen::InDb => report.duplicates.push((line, None)),
                    Seen::InFile(first) => report.duplicates.push((line, Some(first))),
                }
            }
            n += 1;
            if n.is_multiple_of(1000) {
                progress(line as usize, lines);
            }
        }
        if !errors.is_empty() {
            return Err(Error::Many(errors));
        }
        progress(lines, lines);
        Ok(report)
    })
}

/// Validate a table against the store without writing: what an import would do, or
/// every problem it would refuse the file for.
pub fn validate(store: &mut Store, table: Table, today: NaiveDate) -> Result<ImportReport> {
    validate_with(store, table, today, false)
}

/// [`validate`], with dates received after today accepted when `allow_future`.
pub fn validate_with(
    store: &mut Store,
    mut table: Table,
    today: NaiveDate,
    allow_future: bool,
) -> Result<ImportReport> {
    let mut steps = Steps::new(store, &table, today, allow_future)?;
    let file = table.file.clone();
    store.load(&file, 0, false, |loader| {
        run(&mut steps, &mut table, loader, &mut |_, _| {})
    })
}

/// How many runs of duplicate lines a summary names.
const SHOWN_RUNS: usize = 20;

/// What the report says, in the UI language.
pub fn summary(report: &ImportReport, file: &str, dry_run: bool) -> String {
    let l = lang();
    let mut out = vec![fill(
        if dry_run {
            Msg::ImportDry
        } else {
            Msg::ImportDone
        },
        l,
        &[&file, &report.imported, &report.encoding],
    )];
    let in_db: Vec<u64> = report
        .duplicates
        .iter()
        .filter(|(_, first)| first.is_none())
        .map(|(l, _)| *l)
        .collect();
    if !in_db.is_empty() {
        out.push(fill(Msg::ImportInDb, l, &[&in_db.len(), &runs(&in_db)]));
    }
    let in_file: Vec<String> = report
        .duplicates
        .iter()
        .filter_map(|(line, first)| first.map(|f| format!("{line}={f}")))
        .collect();
    if !in_file.is_empty() {
        let mut shown = in_file
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if in_file.len() > 20 {
            shown.push_str(&format!(", …(+{})", in_file.len() - 20));
        }
        out.push(fill(Msg::ImportInFile, l, &[&in_file.len(), &shown]));
    }
    if !report.controls_removed.is_empty() {
        let cells: Vec<String> = report
            .controls_removed
            .iter()
            .take(20)
            .map(|(line, col)| format!("{line}:{col}"))
            .collect();
        out.push(fill(
            Msg::ImportControls,
            l,
            &[&report.controls_removed.len(), &cells.join(", ")],
        ));
    }
    if !report.ignored_headers.is_empty() {
        out.push(fill(
            Msg::ImportIgnored,
            l,
            &[&report.ignored_headers.join("・")],
        ));
    }
    out.join("\n")
}

/// Line numbers as runs: `2–5, 9, 12–13`; after [`SHOWN_RUNS`] runs, the count of the
/// lines left (`…(+3120)`), so that a file imported twice is not a page of numbers.
fn runs(lines: &[u64]) -> String {
    let mut out: Vec<String> = vec![];
    let mut i = 0;
    while i < lines.len() {
        if out.len() == SHOWN_RUNS {
            out.push(format!("…(+{})", lines.len() - i));
            break;
        }
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1] == lines[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            lines[i].to_string()
        } else {
            format!("{}–{}", lines[i], lines[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

/// Read, validate and (unless `dry_run`) import a file, each good row written as it is
/// read, in one transaction that commits only if no row is bad. `progress` hears the
/// line reached and the file's lines.
pub fn import_file(
    store: &mut Store,
    path: &std::path::Path,
    dry_run: bool,
    allow_future: bool,
    today: NaiveDate,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    let mut table = super::table::read(path)?;
    let mut steps = Steps::new(store, &table, today, allow_future)?;
    let name = path
        .file_name()
        .map_or_else(|| table.file.clone(), |n| n.to_string_lossy().into_owned());
    let hint = table.rows_hint();
    store.load(&name, hint, !dry_run, |loader| {
        run(&mut steps, &mut table, loader, &mut progress)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
    }

    fn steps_for(header: &str) -> Steps {
        let store = Store::open_in_memory(&crate::config::Seed::embedded()).unwrap();
        let table = super::super::table::parse_csv("t.csv", format!("{header}\n"), "UTF-8");
        Steps::new(&store, &table.unwrap(), today(), false).unwrap()
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn each_row_step_can_be_called_alone() {
        let mut steps = steps_for("受付日,階,種別,内容,担当課,回答");
        let mut p = Problems::default();
        let cells = steps.cells(
            2,
            row(&[
                "5月1日",
                "１階",
                "要望",
                "駐輪場を\u{7}広く ",
                "区民課",
                "検討します",
            ]),
            &mut p,
        );
        assert_eq!(cells.body, "駐輪場を広く");
        assert_eq!(cells.controls_removed, [4]);
        assert_eq!(cells.get(Col::Sections), (5, "区民課"));
        assert_eq!(cells.get(Col::Due), (0, ""));
        let r = steps.resolve(&cells, &mut p);
        assert_eq!(r.received, NaiveDate::from_ymd_opt(2024, 5, 1));
        assert_eq!(
            (r.floor.as_deref(), r.kind.as_deref()),
            (Some("1F"), Some("request"))
        );
        assert_eq!(r.sections, ["kumin"]);
        assert_eq!(r.replies, [("kumin".into(), "検討します".into(), today())]);
        assert_eq!(r.status, None, "a blank 状況 is the check step's to choose");
        let slip = steps.check(cells, r, &mut p).unwrap();
        assert_eq!(slip.status, Status::Answered);
        assert_eq!(slip.due_on.map(|d| d > slip.received_on), Some(true));
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn the_check_step_finds_what_no_cell_alone_shows() {
        let mut steps = steps_for("受付日,階,種別,内容,担当課,状況,期限");
        let (slip, errors, _) = steps.row(
            7,
            row(&[
                "2024-05-10",
                "1階",
                "要望",
                "暗い",
                "区民課",
                "回答済",
                "2024-05-01",
            ]),
        );
        assert!(slip.is_none());
        let found: Vec<(u64, usize)> = errors
            .iter()
            .map(|e| match e {
                Error::Input { line, column, .. } => (*line, *column),
                other => panic!("{other:?}"),
            })
            .collect();
        // 回答済 without a reply (named at 状況, as the file has no 回答 column), then the
        // 期限 before 受付日: left to right.
        assert_eq!(found, [(7, 6), (7, 7)]);
    }

    #[test]
    fn duplicate_lines_are_runs_cut_after_twenty() {
        assert_eq!(runs(&[2, 3, 4, 5, 9, 12, 13]), "2–5, 9, 12–13");
        let every_other: Vec<u64> = (1..=100).map(|i| i * 2).collect();
        let shown = runs(&every_other);
        assert!(shown.starts_with("2, 4, 6"), "{shown}");
        assert!(shown.ends_with("40, …(+80)"), "{shown}");
    }

    #[test]
    fn headers_in_both_languages() {
        assert_eq!(Col::from_header(" 受付日 "), Some(Col::Received));
        assert_eq!(Col::from_header("Received_On"), Some(Col::Received));
        assert_eq!(Col::from_header("ｓｅｃｔｉｏｎ"), Some(Col::Sections));
        assert_eq!(Col::from_header("回答日"), Some(Col::RepliedOn));
        assert_eq!(Col::from_header("備考"), None);
        for c in Col::ALL {
            assert_eq!(Col::from_header(c.header()), Some(c));
        }
    }
}
