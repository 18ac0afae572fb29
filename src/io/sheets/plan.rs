//! Reading a returned sheet back: the binding checked first, then each row found by its
//! key and checked against the slip as it stands; and recording the plan.

use std::io::Cursor;

use super::{BINDING_SHEET, Binding, KEY_HEAD, MAGIC};
use crate::domain::Status;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg, fill};
use crate::io::bounded::{self, Bounds};
use crate::store::Store;

/// What becomes of one row of a returned sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    /// A first reply from the section.
    New,
    /// Replaces the section's reply on record (one sent back, or written before the sheet).
    Changed,
    /// The same reply is on record already (the sheet was collected before).
    Unchanged,
    /// The answer cell is empty: not answered yet.
    Empty,
    /// Not taken, and why (in the UI language).
    Refused(String),
}

/// One row of a returned sheet, read and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanRow {
    /// The slip.
    pub id: i64,
    /// The answer as written (normalised).
    pub text: String,
    /// The outcome code chosen, if any.
    pub outcome: Option<String>,
    /// Who wrote it (the 回答者 cell).
    pub by: String,
    /// What becomes of it.
    pub fate: Fate,
    /// The slip's version when planned (recording re-checks it).
    pub version: i64,
    /// When the section's reply on record was written, when planned.
    pub reply_at: Option<String>,
}

/// A returned sheet: where it came from, what it is bound to, and each row's fate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The file as named in the audit log (an .eml's attachment as `mail.eml: 回答票….xlsx`).
    pub file: String,
    /// The section it is bound to.
    pub section: String,
    /// When it was made.
    pub issued: String,
    /// The start of its signature: which sheet it is, for a corrected copy sent again.
    pub sheet: String,
    /// The rows, in slip order.
    pub rows: Vec<PlanRow>,
}

impl Plan {
    /// Rows that would be recorded.
    pub fn to_record(&self) -> impl Iterator<Item = &PlanRow> {
        self.rows
            .iter()
            .filter(|r| matches!(r.fate, Fate::New | Fate::Changed))
    }
}

/// A sheet refused by its bounds (a cell too far, said with where), or unreadable
/// (`otherwise`).
fn too_far(file: &str, e: bounded::Refused, otherwise: Msg, lang: Lang) -> Error {
    match e {
        bounded::Refused::TooFar(r, c) => Error::SheetRefused {
            file: file.to_string(),
            reason: fill(Msg::SheetTooFar, lang, &[&(r + 1), &(c + 1)]),
        },
        bounded::Refused::Xlsx(_) => refused(file, otherwise, lang),
    }
}

fn refused(file: &str, why: Msg, lang: Lang) -> Error {
    Error::SheetRefused {
        file: file.to_string(),
        reason: why.text(lang).to_string(),
    }
}

/// A cell as the text a reply can be: a date typed into 回答 (Excel keeps 45292) is
/// written as the date; an error value or a TRUE/FALSE is refused, with why.
fn cell_text(c: &calamine::Data) -> std::result::Result<String, Msg> {
    use calamine::Data;
    Ok(match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(_) => return Err(Msg::SheetCellBool),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            None => d.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) => return Err(Msg::SheetCellError),
    })
}

/// Read a returned sheet (`.xlsx` bytes named `file`) and plan what it would record:
/// the binding checked first (a sheet not ours, edited, or from another database is
/// refused whole), then each row found by its key and checked against the slip now.
pub fn plan(store: &Store, file: &str, bytes: &[u8], lang: Lang) -> Result<Plan> {
    use calamine::Reader;
    // The one bound every xlsx read has (import's too): what it unpacks to, before it is
    // unpacked.
    let unpacked = bounded::unpacked_size(Cursor::new(bytes))
        .map_err(|_| refused(file, Msg::SheetNotXlsx, lang))?;
    let limit = crate::io::table::max_file_bytes();
    if unpacked > limit {
        return Err(Error::SheetRefused {
            file: file.to_string(),
            reason: fill(
                Msg::SheetInflates,
                lang,
                &[&(unpacked / (1024 * 1024)), &(limit / (1024 * 1024))],
            ),
        });
    }
    let mut wb = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|_| refused(file, Msg::SheetNotXlsx, lang))?;
    // Read as a stream with bounds: a cell at XFD1048576 is refused, never allocated.
    let small = Bounds { rows: 64, cols: 8 };
    let binding = bounded::sheet(&mut wb, BINDING_SHEET, small)
        .map_err(|e| too_far(file, e, Msg::SheetNotOurs, lang))?;
    let cell = |r: u32| {
        binding
            .get_value((r, 0))
            .and_then(|c| cell_text(c).ok())
            .unwrap_or_default()
    };
    if cell(0) != MAGIC {
        return Err(refused(file, Msg::SheetNotOurs, lang));
    }
    let ids: Option<Vec<i64>> = cell(3)
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| s.trim().parse().ok())
        .collect();
    let bound = Binding {
        db_id: cell(1),
        section: cell(2),
        ids: ids.ok_or_else(|| refused(file, Msg::SheetForged, lang))?,
        issued: cell(4),
        kind: cell(5),
        stamps: cell(7).split(',').map(str::to_string).collect(),
        slips: cell(8)
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    };
    if bound.stamps.len() != bound.ids.len()
        || (!bound.slips.is_empty() && bound.slips.len() != bound.ids.len())
    {
        return Err(refused(file, Msg::SheetForged, lang));
    }
    let (db_id, secret) = store.sheet_keys()?;
    if bound.db_id != db_id {
        return Err(refused(file, Msg::SheetOtherDatabase, lang));
    }
    let signature = cell(6);
    if !bound.verify(&secret, &signature) {
        return Err(refused(file, Msg::SheetForged, lang));
    }
    let sheet_id: String = signature.chars().take(16).collect();
    let name = wb
        .sheet_names()
        .into_iter()
        .find(|name| name != BINDING_SHEET)
        .ok_or_else(|| refused(file, Msg::SheetNoTable, lang))?;
    // The table as signed, with room for rows a section inserted: a sheet signed for two
    // slips with a million rows stops here, said.
    let table = Bounds {
        rows: super::HEAD_ROW + 200 + 4 * bound.ids.len() as u32,
        cols: 32,
    };
    let main = bounded::sheet(&mut wb, &name, table)
        .map_err(|e| too_far(file, e, Msg::SheetNoTable, lang))?;
    let rows = read_rows(store, &main, &bound, &sheet_id, lang)
        .ok_or_else(|| refused(file, Msg::SheetNoTable, lang))?;
    Ok(Plan {
        file: file.to_string(),
        section: bound.section,
        issued: bound.issued,
        sheet: sheet_id,
        rows,
    })
}

/// The table's rows by their key column (found by its header, wherever rows were moved),
/// each checked; `None` when the table's header cannot be found.
fn read_rows(
    store: &Store,
    sheet: &calamine::Range<calamine::Data>,
    bound: &Binding,
    sheet_id: &str,
    lang: Lang,
) -> Option<Vec<PlanRow>> {
    let text_at = |r: usize, c: usize| -> std::result::Result<String, Msg> {
        sheet
            .get((r, c))
            .map(cell_text)
            .unwrap_or(Ok(String::new()))
    };
    let head_row = (0..sheet.height())
        .find(|&r| (0..sheet.width()).any(|c| text_at(r, c).ok().as_deref() == Some(KEY_HEAD)))?;
    let col_of = |label: &str| {
        (0..sheet.width()).find(|&c| text_at(head_row, c).ok().as_deref() == Some(label))
    };
    let key = col_of(KEY_HEAD)?;
    let answer = col_of(Msg::SheetAnswer.text(Lang::Ja))?;
    let outcome = col_of(Msg::ColOutcome.text(Lang::Ja))?;
    let by = col_of(Msg::ColWrittenBy.text(Lang::Ja));
    let mut rows: Vec<PlanRow> = vec![];
    for r in head_row + 1..sheet.height() {
        let Ok(k) = text_at(r, key) else { continue };
        let Ok(id) = k.trim().parse::<i64>() else {
            continue;
        };
        let mut row = PlanRow {
            id,
            text: String::new(),
            outcome: None,
            by: by
                .and_then(|c| text_at(r, c).ok())
                .unwrap_or_default()
                .trim()
                .to_string(),
            fate: Fate::Empty,
            version: 0,
            reply_at: None,
        };
        row.fate = match (text_at(r, answer), text_at(r, outcome)) {
            (Err(m), _) | (_, Err(m)) => Fate::Refused(m.text(lang).into()),
            (Ok(text), Ok(chosen)) => {
                row.text = crate::text::normalize_body(&text).trim().to_string();
                check_row(store, bound, sheet_id, &mut row, chosen.trim(), lang)
            }
        };
        rows.push(row);
    }
    // Two rows for one slip are ambiguous: both refused, neither recorded (the first was
    // taken before, and which one the section meant cannot be known).
    let twice: Vec<i64> = rows
        .iter()
        .filter(|r| rows.iter().filter(|x| x.id == r.id).count() > 1)
        .map(|r| r.id)
        .collect();
    for r in rows.iter_mut().filter(|r| twice.contains(&r.id)) {
        r.fate = Fate::Refused(Msg::SheetTwice.text(lang).into());
    }
    rows.sort_by_key(|r| r.id);
    Some(rows)
}

/// What becomes of one row, as the slip stands now.
fn check_row(
    store: &Store,
    bound: &Binding,
    sheet_id: &str,
    row: &mut PlanRow,
    chosen: &str,
    lang: Lang,
) -> Fate {
    if let Some(fate) = check_cells(store, bound, row, chosen, lang) {
        return fate;
    }
    let state = match store.sheet_row_state(row.id, &bound.section) {
        Ok(Some(s)) => s,
        Ok(None) => return Fate::Refused(Msg::SheetNoSlip.text(lang).to_string()),
        Err(e) => return Fate::Refused(e.screen_message(lang)),
    };
    row.version = state.version;
    row.reply_at = state.reply.as_ref().map(|r| r.2.clone());
    against_the_slip(store, bound, sheet_id, row, state, lang)
}

/// What the row's own cells decide: a slip not on the sheet, an empty answer, one too
/// long, an unknown 対応区分 (the outcome chosen is kept on the row). `None`: go on.
fn check_cells(
    store: &Store,
    bound: &Binding,
    row: &mut PlanRow,
    chosen: &str,
    lang: Lang,
) -> Option<Fate> {
    if !bound.ids.contains(&row.id) {
        return Some(Fate::Refused(Msg::SheetNotOnIt.text(lang).to_string()));
    }
    if row.text.is_empty() {
        // An outcome chosen with no answer is said, not passed over as unanswered.
        return Some(if chosen.is_empty() {
            Fate::Empty
        } else {
            Fate::Refused(Msg::SheetOutcomeOnly.text(lang).to_string())
        });
    }
    if row.text.chars().count() > crate::domain::limits::REPLY {
        return Some(Fate::Refused(fill(
            Msg::SheetTooLong,
            lang,
            &[&crate::domain::limits::REPLY],
        )));
    }
    if !chosen.is_empty() {
        match store.catalog().find_outcome(chosen) {
            Some(code) => row.outcome = Some(code),
            None => {
                let known: Vec<&str> = store
                    .catalog()
                    .outcomes
                    .iter()
                    .map(|o| o.name.as_str())
                    .collect();
                return Some(Fate::Refused(fill(
                    Msg::SheetUnknownOutcome,
                    lang,
                    &[&chosen, &known.join("、")],
                )));
            }
        }
    }
    None
}

/// What the slip as it stands now decides: voided, reassigned or closed since; the same
/// reply on record already; a reply written since the sheet was made (never overwritten,
/// unless it came from this very sheet: a corrected copy sent again); else new or changed.
fn against_the_slip(
    store: &Store,
    bound: &Binding,
    sheet_id: &str,
    row: &PlanRow,
    state: crate::store::SheetRowState,
    lang: Lang,
) -> Fate {
    let no = |m: Msg| Fate::Refused(m.text(lang).to_string());
    let at = bound.ids.iter().position(|i| *i == row.id);
    if let Some(key) = at.and_then(|i| bound.slips.get(i))
        && *key != super::slip_key(&state.received_on, &state.body)
    {
        return no(Msg::SheetOtherSlip);
    }
    if state.voided {
        return no(Msg::SheetVoided);
    }
    if !state.assigned {
        return no(Msg::SheetReassigned);
    }
    if matches!(state.status, Status::Published | Status::NoReply) {
        return no(Msg::SheetClosed);
    }
    let stamp = bound
        .ids
        .iter()
        .position(|i| *i == row.id)
        .and_then(|i| bound.stamps.get(i))
        .cloned()
        .unwrap_or_default();
    match state.reply {
        Some((text, outcome, _, _))
            if text == row.text && (row.outcome.is_none() || row.outcome == outcome) =>
        {
            Fate::Unchanged
        }
        Some((_, _, at, _))
            if at != stamp
                && !store
                    .reply_came_from_sheet(row.id, &bound.section, sheet_id)
                    .unwrap_or(false) =>
        {
            no(Msg::SheetNewerReply)
        }
        None if !stamp.is_empty() => no(Msg::SheetNewerReply),
        None => Fate::New,
        Some(_) => Fate::Changed,
    }
}

/// Record a plan's new and changed rows as the section's replies (as if its liaison
/// wrote them: 承認待ち when the office reviews replies), each with a history line naming
/// the file, in one transaction ([`Store::collect_sheet`]). Returns each row recorded or
/// found changed since the plan, by slip.
pub fn apply(
    store: &mut Store,
    plan: &Plan,
    today: chrono::NaiveDate,
) -> Result<Vec<(i64, crate::store::Collected)>> {
    // Written by whoever the sheet names; unnamed, by the section (回答票), never by the
    // account that collected it (the history says who collected it, from which file).
    let unnamed = format!(
        "{}（{}）",
        store.section_name(&plan.section, Lang::Ja),
        Msg::SheetTitle.text(Lang::Ja)
    );
    let rows: Vec<crate::store::SheetReply> = plan
        .to_record()
        .map(|row| crate::store::SheetReply {
            id: row.id,
            text: row.text.clone(),
            outcome: row.outcome.clone(),
            by: if row.by.is_empty() {
                unnamed.clone()
            } else {
                crate::text::truncate(&crate::text::sanitize(&row.by, false), 40)
            },
            version: row.version,
            reply_at: row.reply_at.clone(),
        })
        .collect();
    let record = crate::store::SheetRecord {
        section: &plan.section,
        file: &plan.file,
        sheet: &plan.sheet,
        replied_on: today,
    };
    let done = store.collect_sheet(&record, &rows)?;
    Ok(rows.iter().map(|r| r.id).zip(done).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Cell, Data, Range};

    /// A date typed into 回答 is the date, not Excel's serial number; TRUE is refused.
    #[test]
    fn a_date_in_an_answer_is_a_date_and_a_boolean_is_refused() {
        let d = calamine::ExcelDateTime::new(45292.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(d)).unwrap(), "2024-01-01");
        assert_eq!(cell_text(&Data::Bool(true)), Err(Msg::SheetCellBool));
    }

    /// Two rows of a returned sheet for one slip: both refused as ambiguous.
    #[test]
    fn two_rows_for_one_slip_are_both_refused() {
        let mut store = Store::open_in_memory(&crate::config::Seed::embedded()).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let id = store
            .add_slip(&crate::store::NewSlip {
                received_on: day,
                floor: "1".into(),
                kind: "要望".into(),
                body: "授乳室がほしい".into(),
                summary: None,
            })
            .unwrap();
        store.assign(id, &["jido".into()], day, None).unwrap();
        let s = |r: u32, c: u32, v: &str| Cell::new((r, c), Data::String(v.into()));
        let sheet: Range<Data> = Range::from_sparse(vec![
            s(0, 0, KEY_HEAD),
            s(0, 1, Msg::SheetAnswer.text(Lang::Ja)),
            s(0, 2, Msg::ColOutcome.text(Lang::Ja)),
            s(1, 0, &id.to_string()),
            s(1, 1, "2階に設けます。"),
            s(2, 0, &id.to_string()),
            s(2, 1, "設けません。"),
        ]);
        let bound = Binding {
            db_id: String::new(),
            section: "jido".into(),
            ids: vec![id],
            stamps: vec![String::new()],
            issued: String::new(),
            kind: "requested".into(),
            slips: vec![],
        };
        let rows = read_rows(&store, &sheet, &bound, "0", Lang::Ja).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(
            rows.iter().all(|r| matches!(r.fate, Fate::Refused(_))),
            "{rows:?}"
        );
    }
}
