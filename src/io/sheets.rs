//! Reply sheets (回答票): the Excel form a section fills in instead of opening a terminal,
//! and reading it back.
//!
//! Out: one `.xlsx` per section (「回答票_総務課_2024-02-13.xlsx」): the ward, section,
//! date and due date; a framed how-to in plain Japanese; one row per slip (受付番号,
//! 受付日, 階, 種別, the text as a liaison sees it, 期限, the other sections asked, and for
//! a reply sent back its text and the reason); then the cells the section fills: 回答
//! (wrapped, tall), 対応区分 (a drop-down of `outcomes.toml`) and 回答者. Only those cells
//! are unlocked (protection without a password, against accidents: rows may still be
//! inserted, deleted and sorted). A4 landscape, one page wide, the header row repeated.
//!
//! The sheet is bound to its database, section, slips and time of issue by a signature
//! in a hidden sheet: HMAC-SHA256 keyed by a secret the database draws once and never
//! exports. Back in, a sheet edited to claim another section or other slips, or made by
//! another database, is refused whole; then each row is found by its hidden key (the slip
//! number), never by its position, and checked against the slip as it is now.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use hmac::{Hmac, Mac};
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, XlsxError,
};
use sha2::Sha256;

use crate::domain::Status;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg, fill};
use crate::store::{AskKind, AskWhy, SectionAsk, Store};

/// The hidden sheet holding what the sheet is bound to.
const BINDING_SHEET: &str = "meyasu";
/// Its first cell, so a workbook is known for one of ours.
const MAGIC: &str = "meyasu-reply-sheet-1";
/// The hidden column's header: the slip number of each row.
const KEY_HEAD: &str = "meyasu-key";
/// The font the sheet is set in (Office's Japanese default; LibreOffice falls back to
/// its own CJK font).
const FONT: &str = "游ゴシック";
/// Where the table's header row is.
const HEAD_ROW: u32 = 7;

/// What a sheet is bound to, as signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The database's id.
    pub db_id: String,
    /// Section code.
    pub section: String,
    /// The slips on it.
    pub ids: Vec<i64>,
    /// For each slip, when the section's reply on record then was written (empty: none),
    /// so a reply written since is never overwritten by the sheet.
    pub stamps: Vec<String>,
    /// When it was made (`YYYY-MM-DD HH:MM:SS`).
    pub issued: String,
    /// `requested` or `reminded`.
    pub kind: String,
}

impl Binding {
    fn message(&self) -> String {
        let ids: Vec<String> = self.ids.iter().map(|i| i.to_string()).collect();
        format!(
            "{MAGIC}\n{}\n{}\n{}\n{}\n{}\n{}",
            self.db_id,
            self.section,
            ids.join(","),
            self.issued,
            self.kind,
            self.stamps.join(",")
        )
    }

    fn sign(&self, secret: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key");
        mac.update(self.message().as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn verify(&self, secret: &[u8], signature: &str) -> bool {
        let bytes: Vec<u8> = (0..signature.len() / 2)
            .filter_map(|i| signature.get(2 * i..2 * i + 2))
            .filter_map(|h| u8::from_str_radix(h, 16).ok())
            .collect();
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key");
        mac.update(self.message().as_bytes());
        bytes.len() == 32 && mac.verify_slice(&bytes).is_ok()
    }
}

/// The file name of a section's sheet: 「回答票_総務課_2024-02-13.xlsx」 (characters a
/// Windows file name cannot hold become `_`).
pub fn file_name(store: &Store, section: &str, issued: NaiveDateTime) -> String {
    let name: String = store
        .section_name(section, Lang::Ja)
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("回答票_{name}_{}.xlsx", issued.format("%Y-%m-%d"))
}

struct Formats {
    title: Format,
    plain: Format,
    frame: Format,
    head: Format,
    cell: Format,
    wrap: Format,
    answer: Format,
    choice: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(10.5);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_background_color("#F2F2F2");
        Formats {
            title: base.clone().set_bold().set_font_size(14),
            plain: base.clone(),
            frame: base
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Medium)
                .set_background_color("#FFF8E1"),
            head: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_background_color("#D9E2F3"),
            wrap: cell.clone().set_text_wrap(),
            cell,
            answer: base
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Medium)
                .set_unlocked(),
            choice: base
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Medium)
                .set_unlocked(),
        }
    }
}

/// The columns of the table, in order; the last three the section fills, then the key.
/// Widths are set so a sheet without replies sent back (those two columns hidden) prints
/// one page wide on A4 landscape at about 90 %.
const COLUMNS: [(Msg, f64); 13] = [
    (Msg::SheetNumber, 6.0),
    (Msg::ColReceived, 10.5),
    (Msg::ColFloor, 5.0),
    (Msg::ColKind, 6.0),
    (Msg::ColText, 36.0),
    (Msg::ColDue, 10.5),
    (Msg::SheetOthers, 10.0),
    (Msg::SheetPrevious, 22.0),
    (Msg::SheetReason, 16.0),
    (Msg::SheetAnswer, 40.0),
    (Msg::ColOutcome, 10.0),
    (Msg::ColWrittenBy, 8.0),
    (Msg::ColId, 4.0),
];
const ANSWER: u16 = 9;
const OUTCOME: u16 = 10;
const BY: u16 = 11;
const KEY: u16 = 12;

/// One section's reply sheet as `.xlsx` bytes, bound to this database, the section, its
/// slips and `issued`.
pub fn sheet(
    store: &Store,
    kind: AskKind,
    ask: &SectionAsk,
    issued: NaiveDateTime,
) -> Result<Vec<u8>> {
    let (db_id, secret) = store.sheet_keys()?;
    let mut stamps = vec![];
    for it in &ask.items {
        let state = store.sheet_row_state(it.id, &ask.section)?;
        stamps.push(state.and_then(|s| s.reply).map(|r| r.2).unwrap_or_default());
    }
    let binding = Binding {
        db_id,
        section: ask.section.clone(),
        ids: ask.items.iter().map(|i| i.id).collect(),
        stamps,
        issued: issued.format("%Y-%m-%d %H:%M:%S").to_string(),
        kind: kind.action().to_string(),
    };
    build(store, kind, ask, &binding, &binding.sign(&secret)).map_err(|e| Error::Open {
        path: PathBuf::from(file_name(store, &ask.section, issued)),
        reason: e.to_string(),
        hint: None,
    })
}

fn build(
    store: &Store,
    kind: AskKind,
    ask: &SectionAsk,
    binding: &Binding,
    signature: &str,
) -> std::result::Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let settings = store
        .settings()
        .unwrap_or_else(|_| crate::config::Seed::embedded().settings);
    let outcomes: Vec<&str> = store
        .catalog()
        .outcomes
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(Msg::SheetTitle.text(Lang::Ja))?;
    write_head(ws, store, &settings, kind, ask, binding, &outcomes, &f)?;
    write_table(ws, store, ask, &outcomes, &f)?;
    print_and_protect(
        ws,
        &settings.ward,
        &store.section_name(&ask.section, Lang::Ja),
    )?;
    write_binding(wb.add_worksheet(), binding, signature)?;
    wb.save_to_buffer()
}

/// The title (ward, 回答票, section), the dates line, and the framed how-to in plain
/// Japanese with the outcomes to choose from and whom to ask.
#[allow(clippy::too_many_arguments)]
fn write_head(
    ws: &mut rust_xlsxwriter::Worksheet,
    store: &Store,
    settings: &crate::config::Settings,
    kind: AskKind,
    ask: &SectionAsk,
    binding: &Binding,
    outcomes: &[&str],
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    let lang = Lang::Ja;
    let name = store.section_name(&ask.section, lang);
    let what = match kind {
        AskKind::Request => Msg::SheetRequest,
        AskKind::Remind => Msg::SheetRemind,
    };
    let title = format!(
        "{}　{}　{}",
        settings.ward,
        Msg::SheetTitle.text(lang),
        name
    );
    ws.write_string_with_format(0, 0, title, &f.title)?;
    let due = ask.items.iter().filter_map(|i| i.due_on).min();
    let due = due
        .map(|d| crate::domain::date::date_long(d, lang))
        .unwrap_or_default();
    let dates = fill(
        Msg::SheetDates,
        lang,
        &[
            &what.text(lang),
            &binding.issued[..10].to_string(),
            &due,
            &ask.items.len(),
        ],
    );
    ws.write_string_with_format(1, 0, dates, &f.plain)?;
    let contact = [
        settings.contact_name.as_str(),
        settings.contact_ext.as_str(),
        if settings.contact_mail.is_empty() {
            settings.mail_from.as_str()
        } else {
            settings.contact_mail.as_str()
        },
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .cloned()
    .collect::<Vec<_>>()
    .join("　");
    let mut how = fill(Msg::SheetHowTo, lang, &[&outcomes.join("、")]);
    if !contact.is_empty() {
        how = format!("{how}　{}", fill(Msg::MailContact, lang, &[&contact]));
    }
    ws.merge_range(2, 0, 5, BY, &how, &f.frame)?;
    for r in 2..=5 {
        ws.set_row_height(r, 22)?;
    }
    Ok(())
}

/// The header row and one row per slip: what the section reads (locked, grey) and the
/// cells it fills (unlocked), the hidden key, and the outcome drop-down.
fn write_table(
    ws: &mut rust_xlsxwriter::Worksheet,
    store: &Store,
    ask: &SectionAsk,
    outcomes: &[&str],
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    let lang = Lang::Ja;
    for (c, (m, w)) in COLUMNS.iter().enumerate() {
        let head = if c as u16 == KEY {
            KEY_HEAD
        } else {
            m.text(lang)
        };
        ws.write_string_with_format(HEAD_ROW, c as u16, head, &f.head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_column_hidden(KEY)?;
    // The columns of a reply sent back only where there is one.
    if !ask
        .items
        .iter()
        .any(|i| matches!(i.why, AskWhy::Returned(_)))
    {
        ws.set_column_hidden(7)?;
        ws.set_column_hidden(8)?;
    }
    let mut row = HEAD_ROW + 1;
    for it in &ask.items {
        let others: Vec<String> = it
            .others
            .iter()
            .map(|c| store.section_name(c, lang))
            .collect();
        let (previous, reason) = match &it.why {
            AskWhy::Returned(reason) => (it.previous.clone().unwrap_or_default(), reason.clone()),
            _ => (String::new(), String::new()),
        };
        let esc = crate::sheet::escape_formula;
        ws.write_number_with_format(row, 0, it.id as f64, &f.cell)?;
        ws.write_string_with_format(row, 1, it.received_on.to_string(), &f.cell)?;
        ws.write_string_with_format(row, 2, store.floor_name(&it.floor, lang), &f.cell)?;
        ws.write_string_with_format(row, 3, store.kind_name(&it.kind, lang), &f.cell)?;
        ws.write_string_with_format(row, 4, esc(&it.body), &f.wrap)?;
        let due = it.due_on.map(|d| d.to_string()).unwrap_or_default();
        ws.write_string_with_format(row, 5, due, &f.cell)?;
        ws.write_string_with_format(row, 6, others.join("・"), &f.wrap)?;
        ws.write_string_with_format(row, 7, esc(&previous), &f.wrap)?;
        ws.write_string_with_format(row, 8, esc(&reason), &f.wrap)?;
        ws.write_blank(row, ANSWER, &f.answer)?;
        ws.write_blank(row, OUTCOME, &f.choice)?;
        ws.write_blank(row, BY, &f.choice)?;
        ws.write_number(row, KEY, it.id as f64)?;
        // Tall enough to write in, and to show the slip's text.
        let lines = (crate::text::width(&it.body) / 40 + 2).max(5) as f64;
        ws.set_row_height(row, (lines * 15.0).min(300.0))?;
        row += 1;
    }
    if !outcomes.is_empty() && row > HEAD_ROW + 1 {
        let v = DataValidation::new()
            .allow_list_strings(outcomes)?
            .set_input_title(Msg::ColOutcome.text(lang))?
            .set_input_message(Msg::SheetPickOutcome.text(lang))?;
        ws.add_data_validation(HEAD_ROW + 1, OUTCOME, row - 1, OUTCOME, &v)?;
    }
    Ok(())
}

/// A4 landscape, one page wide, the header row on every page, ward and section in the
/// page header; protection against accidents (no password; rows may be inserted,
/// deleted, sorted and filtered: they are found again by their hidden key).
fn print_and_protect(
    ws: &mut rust_xlsxwriter::Worksheet,
    ward: &str,
    section: &str,
) -> std::result::Result<(), XlsxError> {
    const A4: u8 = 9;
    ws.set_freeze_panes(HEAD_ROW + 1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEAD_ROW, HEAD_ROW)?;
    ws.set_header(format!(
        "&L{}&R{}",
        ward.replace('&', "&&"),
        section.replace('&', "&&")
    ));
    ws.protect_with_options(&ProtectionOptions {
        insert_rows: true,
        delete_rows: true,
        sort: true,
        use_autofilter: true,
        format_rows: true,
        format_columns: true,
        ..ProtectionOptions::new()
    });
    ws.set_active(true);
    Ok(())
}

/// The hidden sheet with what the sheet is bound to and its signature.
fn write_binding(
    hidden: &mut rust_xlsxwriter::Worksheet,
    binding: &Binding,
    signature: &str,
) -> std::result::Result<(), XlsxError> {
    hidden.set_name(BINDING_SHEET)?;
    let ids: Vec<String> = binding.ids.iter().map(|i| i.to_string()).collect();
    let stamps = binding.stamps.join(",");
    for (r, v) in [
        MAGIC,
        &binding.db_id,
        &binding.section,
        &ids.join(","),
        &binding.issued,
        &binding.kind,
        signature,
        &stamps,
    ]
    .iter()
    .enumerate()
    {
        hidden.write_string(r as u32, 0, *v)?;
    }
    hidden.set_hidden(true);
    hidden.protect();
    Ok(())
}

/// One section's reply sheet, made: its file name and bytes (and where it was written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetFile {
    /// Section code.
    pub section: String,
    /// 「回答票_総務課_2024-02-13.xlsx」.
    pub name: String,
    /// The workbook.
    pub bytes: Vec<u8>,
    /// Where it was written, if it was.
    pub path: Option<PathBuf>,
}

/// Each section's sheet in memory (to attach to its mail), none written.
pub fn make_all(
    store: &Store,
    kind: AskKind,
    asks: &[SectionAsk],
    issued: NaiveDateTime,
) -> Result<Vec<SheetFile>> {
    asks.iter()
        .map(|ask| {
            Ok(SheetFile {
                section: ask.section.clone(),
                name: file_name(store, &ask.section, issued),
                bytes: sheet(store, kind, ask, issued)?,
                path: None,
            })
        })
        .collect()
}

/// Write each section's sheet into `dir`, as every output is written (temporary name,
/// then renamed; never over the database), for the team: the folder's group and the
/// umask. A folder already there is never changed; one made here inherits its parent's
/// group and setgid bit. Returns each sheet, with where it went.
pub fn write_all(
    store: &Store,
    kind: AskKind,
    asks: &[SectionAsk],
    dir: &Path,
    issued: NaiveDateTime,
) -> Result<Vec<SheetFile>> {
    crate::files::make_folder(dir, crate::files::Access::Team).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        cause: e,
    })?;
    let protected = crate::io::write::database_files(store.path());
    let mut out = make_all(store, kind, asks, issued)?;
    for f in &mut out {
        // Never over a sheet already there (a request and a reminder the same day): the
        // second gets 「…_2024-03-20-2.xlsx」.
        let stem = f.name.trim_end_matches(".xlsx").to_string();
        let path = (1..)
            .map(|n| match n {
                1 => dir.join(&f.name),
                n => dir.join(format!("{stem}-{n}.xlsx")),
            })
            .find(|p| !p.exists())
            .expect("a free name");
        crate::io::write::write_file(
            &path,
            &f.bytes,
            &protected,
            false,
            crate::files::Access::Team,
        )?;
        if let Some(n) = path.file_name() {
            f.name = n.to_string_lossy().to_string();
        }
        f.path = Some(path);
    }
    Ok(out)
}

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

fn refused(file: &str, why: Msg, lang: Lang) -> Error {
    Error::SheetRefused {
        file: file.to_string(),
        reason: why.text(lang).to_string(),
    }
}

fn cell_text(c: &calamine::Data) -> std::result::Result<String, ()> {
    use calamine::Data;
    Ok(match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) => return Err(()),
    })
}

/// Read a returned sheet (`.xlsx` bytes named `file`) and plan what it would record:
/// the binding checked first (a sheet not ours, edited, or from another database is
/// refused whole), then each row found by its key and checked against the slip now.
pub fn plan(store: &Store, file: &str, bytes: &[u8], lang: Lang) -> Result<Plan> {
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|_| refused(file, Msg::SheetNotXlsx, lang))?;
    let binding = wb
        .worksheet_range(BINDING_SHEET)
        .map_err(|_| refused(file, Msg::SheetNotOurs, lang))?;
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
    };
    if bound.stamps.len() != bound.ids.len() {
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
    let main = wb
        .worksheets()
        .into_iter()
        .find(|(name, _)| name != BINDING_SHEET)
        .map(|(_, r)| r)
        .ok_or_else(|| refused(file, Msg::SheetNoTable, lang))?;
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
    let text_at = |r: usize, c: usize| -> std::result::Result<String, ()> {
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
            (Err(()), _) | (_, Err(())) => Fate::Refused(Msg::SheetCellError.text(lang).into()),
            (Ok(text), Ok(chosen)) => {
                row.text = crate::text::normalize_body(&text).trim().to_string();
                check_row(store, bound, sheet_id, &mut row, chosen.trim(), lang)
            }
        };
        if rows.iter().any(|x| x.id == id) {
            row.fate = Fate::Refused(Msg::SheetTwice.text(lang).into());
        }
        rows.push(row);
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
    let no = |m: Msg| Fate::Refused(m.text(lang).to_string());
    if !bound.ids.contains(&row.id) {
        return no(Msg::SheetNotOnIt);
    }
    if row.text.is_empty() {
        return Fate::Empty;
    }
    if row.text.chars().count() > crate::domain::limits::REPLY {
        return Fate::Refused(fill(
            Msg::SheetTooLong,
            lang,
            &[&crate::domain::limits::REPLY],
        ));
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
                return Fate::Refused(fill(
                    Msg::SheetUnknownOutcome,
                    lang,
                    &[&chosen, &known.join("、")],
                ));
            }
        }
    }
    let state = match store.sheet_row_state(row.id, &bound.section) {
        Ok(Some(s)) => s,
        Ok(None) => return no(Msg::SheetNoSlip),
        Err(e) => return Fate::Refused(e.screen_message(lang)),
    };
    row.version = state.version;
    row.reply_at = state.reply.as_ref().map(|r| r.2.clone());
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
        // A reply written (or rewritten) since the sheet was made: never overwritten by it,
        // unless it came from this very sheet (a corrected copy sent again).
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

/// The sheets in `path`: the file itself (`.xlsx`, or an `.eml` with sheets attached), or
/// every such file in a folder, in name order; each as (name for the audit, bytes).
pub fn sheets_in(path: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    if !path.exists() {
        return Err(Error::SheetRefused {
            file: path.display().to_string(),
            reason: crate::i18n::tr(Msg::SheetMissing).to_string(),
        });
    }
    let mut files = vec![];
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && is_sheet_file(p))
            .collect();
        entries.sort();
        files.extend(entries);
    } else {
        files.push(path.to_path_buf());
    }
    let mut out = vec![];
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let bytes = read_capped(&f)?;
        if name.to_lowercase().ends_with(".eml") {
            for (attached, b) in attachments(&bytes) {
                out.push((format!("{name}: {attached}"), b));
            }
        } else {
            out.push((name, bytes));
        }
    }
    Ok(out)
}

fn is_sheet_file(p: &Path) -> bool {
    let n = p.to_string_lossy().to_lowercase();
    (n.ends_with(".xlsx") || n.ends_with(".eml"))
        && !p
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with(['.', '~']))
}

/// A sheet or mail file, refused past 20 MB (a reply sheet is tens of kilobytes).
fn read_capped(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    const MAX: u64 = 20 * 1024 * 1024;
    let f = std::fs::File::open(path).map_err(|e| Error::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
        hint: None,
    })?;
    let mut bytes = vec![];
    f.take(MAX + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX {
        return Err(Error::Open {
            path: path.to_path_buf(),
            reason: crate::i18n::trf(Msg::ErrSmallFileTooLarge, &[&(MAX / 1024)]),
            hint: None,
        });
    }
    Ok(bytes)
}

/// The `.xlsx` attachments of a mail, by file name.
fn attachments(raw: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Ok(mail) = mailparse::parse_mail(raw) else {
        return vec![];
    };
    let mut out = vec![];
    let mut stack = vec![&mail];
    while let Some(part) = stack.pop() {
        stack.extend(part.subparts.iter());
        let disposition = part.get_content_disposition();
        let name = disposition
            .params
            .get("filename")
            .cloned()
            .or_else(|| part.ctype.params.get("name").cloned());
        if let Some(name) = name
            && name.to_lowercase().ends_with(".xlsx")
            && let Ok(body) = part.get_body_raw()
        {
            out.push((name, body));
        }
    }
    out.sort();
    out
}
