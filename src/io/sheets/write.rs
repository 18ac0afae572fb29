//! Writing reply sheets: the table, the how-to, print setup and protection, and the
//! hidden binding sheet that signs it.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, XlsxError,
};

use super::{BINDING_SHEET, Binding, FONT, HEAD_ROW, KEY_HEAD, MAGIC, SheetFile, file_name};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg, fill};
use crate::store::{AskKind, AskWhy, SectionAsk, Store};

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
    let mut slips = vec![];
    for it in &ask.items {
        let state = store.sheet_row_state(it.id, &ask.section)?;
        slips.push(super::slip_key(&it.received_on.to_string(), &it.body));
        stamps.push(state.and_then(|s| s.reply).map(|r| r.2).unwrap_or_default());
    }
    let binding = Binding {
        db_id,
        section: ask.section.clone(),
        ids: ask.items.iter().map(|i| i.id).collect(),
        stamps,
        slips,
        issued: issued.format("%Y-%m-%d %H:%M:%S").to_string(),
        kind: kind.action().code().to_string(),
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
        &binding.slips.join(","),
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
