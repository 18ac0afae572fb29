//! `meyasu import`: validate every row of a CSV or xlsx file first, report every
//! problem with its line and column, and import all rows in one transaction or none.

use crate::sheet::split_per_section;
use std::collections::HashSet;

use chrono::NaiveDate;

use super::table::Table;
use crate::domain::Status;
use crate::domain::date::parse_date;
use crate::error::{Error, Result};
use crate::i18n::{Msg, fill, lang};
use crate::store::{ImportSlip, Store};
use crate::text::normalize_body;

pub use super::columns::Col;

/// What an import found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Slips to import (or imported).
    pub slips: Vec<ImportSlip>,
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

/// Validate a table against the store. Every bad cell becomes an [`Error::Input`];
/// if there is any, the whole file is refused with all of them.
pub fn validate(store: &Store, table: &Table, today: NaiveDate) -> Result<ImportReport> {
    validate_with(store, table, today, false)
}

/// [`validate`], with dates received after today accepted when `allow_future`.
pub fn validate_with(
    store: &Store,
    table: &Table,
    today: NaiveDate,
    allow_future: bool,
) -> Result<ImportReport> {
    let l = lang();
    let file = table.file.clone();
    let mut cols: Vec<(usize, Col)> = vec![];
    let mut ignored = vec![];
    for (i, h) in table.headers.iter().enumerate() {
        match Col::from_header(h) {
            Some(c) if !cols.iter().any(|(_, x)| *x == c) => cols.push((i, c)),
            // The same column twice: which one holds the data cannot be known.
            Some(c) => {
                return Err(Error::Input {
                    file,
                    line: table.header_line,
                    column: i + 1,
                    field: h.clone(),
                    reason: fill(Msg::ErrColumnTwice, l, &[&c.header()]),
                });
            }
            _ if h.trim().is_empty() => {}
            _ => ignored.push(h.clone()),
        }
    }
    let missing: Vec<&str> = [Col::Received, Col::Floor, Col::Kind, Col::Body]
        .into_iter()
        .filter(|c| !cols.iter().any(|(_, x)| x == c))
        .map(Col::header)
        .collect();
    if !missing.is_empty() {
        return Err(Error::Input {
            file,
            line: table.header_line,
            column: 1,
            field: String::new(),
            reason: fill(Msg::ErrMissingColumns, l, &[&missing.join("・")]),
        });
    }
    let idx = |c: Col| cols.iter().find(|(_, x)| *x == c).map(|(i, _)| *i);
    let mut errors: Vec<Error> = vec![];
    let mut slips = vec![];
    let mut controls_removed = vec![];
    let default_days = store.settings()?;
    // Files repeat the same few floors, kinds, sections and dates: resolve each once.
    let floor_of = Memo::new(|v: &str| store.resolve_floor(v).map_err(|e| e.message(l)));
    let kind_of = Memo::new(|v: &str| store.resolve_kind(v).map_err(|e| e.message(l)));
    let section_of = Memo::new(|v: &str| store.resolve_section(v, false).map_err(|e| e.message(l)));
    let date_of_text = Memo::new(|v: &str| parse_date(v, today).ok_or(()));
    for (line, cells) in &table.rows {
        let cell = |c: Col| -> (usize, String) {
            match idx(c) {
                Some(i) => (i + 1, cells.get(i).cloned().unwrap_or_default()),
                None => (0, String::new()),
            }
        };
        let mut bad = |c: Col, col: usize, reason: String| {
            errors.push(Error::Input {
                file: file.clone(),
                line: *line,
                column: col,
                field: table
                    .headers
                    .get(col.saturating_sub(1))
                    .cloned()
                    .unwrap_or_else(|| c.header().into()),
                reason,
            });
        };
        let date_of = |c: Col, bad: &mut dyn FnMut(Col, usize, String)| -> Option<NaiveDate> {
            let (col, v) = cell(c);
            if v.trim().is_empty() {
                return None;
            }
            let d = date_of_text.get(&v).ok();
            if d.is_none() {
                bad(
                    c,
                    col,
                    Error::BadDate {
                        field: c.header().into(),
                        input: v,
                    }
                    .message(l),
                );
            }
            d
        };
        let mut received = date_of(Col::Received, &mut bad);
        if received.is_none() && cell(Col::Received).1.trim().is_empty() {
            let col = cell(Col::Received).0;
            bad(Col::Received, col, Msg::ErrRequired.text(l).into());
        }
        if let Some(d) = received
            && let Err(problem) = crate::domain::date::check_received(d, today, allow_future)
        {
            let col = cell(Col::Received).0;
            let field = Col::Received.header().to_string();
            let e = Error::DateOutOfRange {
                field,
                date: d,
                today,
                problem,
            };
            bad(Col::Received, col, e.message(l));
            received = None;
        }
        let (fcol, fv) = cell(Col::Floor);
        let floor = floor_of.get(&fv).map_err(|e| bad(Col::Floor, fcol, e)).ok();
        let (kcol, kv) = cell(Col::Kind);
        let kind = kind_of.get(&kv).map_err(|e| bad(Col::Kind, kcol, e)).ok();
        // Control characters in a text cell are taken out (and listed); a text longer
        // than any slip is a cell run on, refused with the limit.
        let text_cell = |c: Col,
                         limit: usize,
                         bad: &mut dyn FnMut(Col, usize, String),
                         removed: &mut Vec<(u64, usize)>| {
            let (col, v) = cell(c);
            if crate::text::strip_controls(&v).1 > 0 {
                removed.push((*line, col));
            }
            let t = normalize_body(&v);
            if let Err((limit, len)) = crate::domain::limits::check(&t, limit) {
                let field = c.header().to_string();
                bad(c, col, Error::TooLong { field, limit, len }.message(l));
            }
            (col, t)
        };
        let (bcol, body) = text_cell(
            Col::Body,
            crate::domain::limits::BODY,
            &mut bad,
            &mut controls_removed,
        );
        if crate::text::is_blank(&body) {
            bad(Col::Body, bcol, Error::EmptyText.message(l));
        }
        let (scol, sv) = cell(Col::Sections);
        let mut sections = vec![];
        for name in crate::sheet::split_sections(&sv) {
            match section_of.get(&name) {
                Ok(c) if !sections.contains(&c) => sections.push(c),
                Ok(_) => {}
                Err(e) => bad(Col::Sections, scol, e),
            }
        }
        let (rcol, rv) = cell(Col::Reply);
        let (dcol, dv) = cell(Col::RepliedOn);
        let mut replies = vec![];
        if !rv.trim().is_empty() {
            let dates = split_per_section(&dv);
            if crate::text::strip_controls(&rv).1 > 0 {
                controls_removed.push((*line, rcol));
            }
            for (name, text) in split_per_section(&rv) {
                if let Err((limit, len)) = crate::domain::limits::check(
                    &normalize_body(&text),
                    crate::domain::limits::REPLY,
                ) {
                    let field = Col::Reply.header().to_string();
                    bad(
                        Col::Reply,
                        rcol,
                        Error::TooLong { field, limit, len }.message(l),
                    );
                }
                let targets: Vec<String> = match name {
                    Some(n) => match store.resolve_section(&n, false) {
                        Ok(c) if sections.contains(&c) => vec![c],
                        Ok(c) => {
                            bad(
                                Col::Reply,
                                rcol,
                                Error::NotTagged {
                                    section: c,
                                    tagged: sections.clone(),
                                }
                                .message(l),
                            );
                            vec![]
                        }
                        Err(e) => {
                            bad(Col::Reply, rcol, e.message(l));
                            vec![]
                        }
                    },
                    None => sections.clone(),
                };
                for code in targets {
                    let date_text = dates
                        .iter()
                        .find(|(n, _)| {
                            n.as_ref()
                                .and_then(|n| store.resolve_section(n, false).ok())
                                .is_some_and(|c| c == code)
                        })
                        .or_else(|| dates.iter().find(|(n, _)| n.is_none()))
                        .map(|(_, d)| d.clone())
                        .unwrap_or_default();
                    let on = if date_text.trim().is_empty() {
                        today
                    } else {
                        match date_of_text.get(&date_text).ok() {
                            Some(d) => d,
                            None => {
                                bad(
                                    Col::RepliedOn,
                                    dcol,
                                    Error::BadDate {
                                        field: Col::RepliedOn.header().into(),
                                        input: date_text.clone(),
                                    }
                                    .message(l),
                                );
                                today
                            }
                        }
                    };
                    replies.push((code, normalize_body(&text), on));
                }
            }
        }
        // 対応区分: one name for every reply, or 【課】name per section; unknown names
        // are bad cells that list the known ones.
        let (ocol, ov) = cell(Col::Outcome);
        let mut outcomes: Vec<(String, String)> = vec![];
        if !ov.trim().is_empty() {
            for (name, given) in crate::sheet::split_per_section(&ov) {
                let outcome = match store.resolve_outcome(&given) {
                    Ok(o) => o,
                    Err(e) => {
                        bad(Col::Outcome, ocol, e.message(l));
                        continue;
                    }
                };
                let targets: Vec<String> = match name {
                    Some(n) => match store.resolve_section(&n, false) {
                        Ok(c) => vec![c],
                        Err(e) => {
                            bad(Col::Outcome, ocol, e.message(l));
                            vec![]
                        }
                    },
                    None => replies
                        .iter()
                        .map(|r: &(String, String, NaiveDate)| r.0.clone())
                        .collect(),
                };
                for code in targets {
                    if replies.iter().any(|r| r.0 == code) {
                        outcomes.push((code, outcome.clone()));
                    } else {
                        bad(
                            Col::Outcome,
                            ocol,
                            Msg::ErrOutcomeWithoutReply.text(l).to_string(),
                        );
                    }
                }
            }
        }
        let (stcol, stv) = cell(Col::Status);
        let status = if stv.trim().is_empty() {
            if sections.is_empty() {
                Status::New
            } else if !replies.is_empty() && replies.len() >= sections.len() {
                Status::Answered
            } else {
                Status::Assigned
            }
        } else {
            match Status::parse(&stv) {
                Some(s) => s,
                None => {
                    bad(
                        Col::Status,
                        stcol,
                        Error::UnknownStatus(stv.clone()).message(l),
                    );
                    Status::New
                }
            }
        };
        if matches!(
            status,
            Status::Assigned | Status::Answered | Status::Published
        ) && sections.is_empty()
        {
            bad(
                Col::Status,
                stcol,
                Msg::ErrStatusNeedsSection.text(l).into(),
            );
        }
        if matches!(status, Status::Answered | Status::Published) {
            let missing: Vec<String> = sections
                .iter()
                .filter(|s| !replies.iter().any(|(r, _, _)| r == *s))
                .cloned()
                .collect();
            if !missing.is_empty() {
                bad(
                    Col::Reply,
                    rcol.max(stcol),
                    fill(Msg::ErrNotAllReplied, l, &[&missing.join(", ")]),
                );
            }
        }
        let due = date_of(Col::Due, &mut bad);
        if let (Some(due), Some(received)) = (due, received)
            && due < received
        {
            let col = cell(Col::Due).0;
            bad(
                Col::Due,
                col,
                Error::DueBeforeReceived { due, received }.message(l),
            );
        }
        let (npcol, npv) = cell(Col::NoPublish);
        let no_publish = yes(&npv).unwrap_or_else(|| {
            bad(Col::NoPublish, npcol, fill(Msg::ErrYesNo, l, &[&npv]));
            false
        });
        let (_, summary) = text_cell(
            Col::Summary,
            crate::domain::limits::SUMMARY,
            &mut bad,
            &mut controls_removed,
        );
        if let (Some(received), Some(floor), Some(kind)) = (received, floor, kind) {
            let due_on = due.or_else(|| {
                (!sections.is_empty()).then(|| {
                    crate::domain::date::due_after(
                        received,
                        default_days.reply_days,
                        default_days.business_days,
                    )
                })
            });
            slips.push(ImportSlip {
                line: *line,
                received_on: received,
                floor,
                kind,
                body,
                summary: (!summary.is_empty()).then_some(summary),
                sections,
                status,
                due_on,
                replies,
                outcomes,
                no_publish,
            });
        }
    }
    if !errors.is_empty() {
        return Err(Error::Many(errors));
    }
    // Duplicates: already in the database, or earlier in this file.
    let dates: HashSet<NaiveDate> = slips.iter().map(|s| s.received_on).collect();
    let existing = store.keys_on(&dates)?;
    let mut seen: std::collections::HashMap<_, u64> = Default::default();
    let mut duplicates = vec![];
    let mut keep = vec![];
    for s in slips {
        let key = s.key();
        if existing.contains(&key) {
            duplicates.push((s.line, None));
        } else if let Some(first) = seen.get(&key) {
            duplicates.push((s.line, Some(*first)));
        } else {
            seen.insert(key, s.line);
            keep.push(s);
        }
    }
    Ok(ImportReport {
        slips: keep,
        duplicates,
        ignored_headers: ignored,
        controls_removed,
        encoding: table.encoding,
    })
}

/// A cache of a function of a cell's text.
struct Memo<T: Clone, E: Clone, F: Fn(&str) -> Result<T, E>> {
    f: F,
    seen: std::cell::RefCell<std::collections::HashMap<String, Result<T, E>>>,
}

impl<T: Clone, E: Clone, F: Fn(&str) -> Result<T, E>> Memo<T, E, F> {
    fn new(f: F) -> Self {
        Memo {
            f,
            seen: Default::default(),
        }
    }

    fn get(&self, key: &str) -> Result<T, E> {
        if let Some(v) = self.seen.borrow().get(key) {
            return v.clone();
        }
        let v = (self.f)(key);
        self.seen.borrow_mut().insert(key.to_string(), v.clone());
        v
    }
}

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
        &[&file, &report.slips.len(), &report.encoding],
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

/// Line numbers as runs: `2–5, 9, 12–13`.
fn runs(lines: &[u64]) -> String {
    let mut out: Vec<String> = vec![];
    let mut i = 0;
    while i < lines.len() {
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

/// Read, validate and (unless `dry_run`) import a file. Nothing is written if any row is bad.
pub fn import_file(
    store: &mut Store,
    path: &std::path::Path,
    dry_run: bool,
    allow_future: bool,
    today: NaiveDate,
    progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    let table = super::table::read(path)?;
    let report = validate_with(store, &table, today, allow_future)?;
    if !dry_run && !report.slips.is_empty() {
        let name = path
            .file_name()
            .map_or_else(|| table.file.clone(), |n| n.to_string_lossy().into_owned());
        let total = report.slips.len();
        let mut progress = progress;
        store.insert_imported(&report.slips, &name, |n| progress(n, total))?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

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
