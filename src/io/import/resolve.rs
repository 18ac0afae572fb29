//! The resolve step: names to codes, dates parsed, replies and outcomes matched to
//! sections.

use chrono::NaiveDate;

use super::{Cells, Col, Problems, Steps};
use crate::domain::{Status, limits};
use crate::error::Error;
use crate::i18n::{Msg, fill};
use crate::sheet::{split_per_section, split_sections};
use crate::text::normalize_body;

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

fn yes(s: &str) -> Option<bool> {
    match crate::text::nfkc(s.trim()).to_lowercase().as_str() {
        "" | "0" | "no" | "false" | "いいえ" | "否" | "-" => Some(false),
        "1" | "yes" | "true" | "はい" | "○" | "〇" | "✓" | "非公表" => Some(true),
        _ => None,
    }
}

impl Steps {
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
}
