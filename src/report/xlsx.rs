//! The tally as an Excel workbook: a title, the period and the as-of date, the table with
//! totals, column widths set for Japanese labels; a second sheet with each section's
//! replies and a third with the replies due by month. One table to a sheet, so each has
//! its own print titles (a header row repeated over another table's rows would mislead),
//! and short column heads (4月 … 3月, the year in the title) so a year fits A4 landscape.

use rust_xlsxwriter::{Chart, ChartType, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::Report;
use super::render::{Grid, due_grid, replies_grid, tally_grid};
use crate::i18n::Msg;
use crate::sheet::escape_formula;
use crate::text;

fn sheet_table(
    ws: &mut rust_xlsxwriter::Worksheet,
    top: u32,
    g: &Grid,
    formats: &(Format, Format, Format, Format),
) -> Result<u32, XlsxError> {
    let (head, label, num, total) = formats;
    for (c, h) in g.header.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, h, head)?;
    }
    let mut row = top + 1;
    for (i, r) in g.body.iter().chain(&g.footer).enumerate() {
        let is_total = i >= g.body.len();
        for (c, cell) in r.iter().enumerate() {
            let signed = cell.starts_with(['+', '-', '±']);
            if c > 0 && signed {
                // A change column: a number Excel can sum, shown with its sign.
                let n = cell
                    .trim_start_matches(['+', '±'])
                    .parse::<f64>()
                    .unwrap_or(0.0);
                let f = if is_total { total } else { num };
                ws.write_number_with_format(
                    row,
                    c as u16,
                    n,
                    &f.clone().set_num_format("+0;-0;±0"),
                )?;
            } else if c > 0
                && let Ok(n) = cell.parse::<f64>()
            {
                ws.write_number_with_format(row, c as u16, n, if is_total { total } else { num })?;
            } else if c == 0 {
                ws.write_string_with_format(
                    row,
                    0,
                    escape_formula(cell),
                    if is_total { total } else { label },
                )?;
            } else {
                ws.write_string_with_format(row, c as u16, escape_formula(cell), num)?;
            }
        }
        row += 1;
    }
    let mut widths = vec![0usize; g.header.len()];
    for r in std::iter::once(&g.header).chain(&g.body).chain(&g.footer) {
        for (c, cell) in r.iter().enumerate() {
            widths[c] = widths[c].max(text::width(cell));
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).max(6.0))?;
    }
    Ok(row)
}

/// Print setup for the committee's copies: A4 landscape, fitted to one page wide,
/// the table's header row repeated on every page, and the as-of date in the page header.
fn page_setup(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: &Report,
    header_row: u32,
) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    let as_of = crate::i18n::fill(Msg::ReportAsOf, r.lang, &[&r.as_of]);
    // `&` starts a control code in Excel's header text.
    let header = format!(
        "&L{}&R{}",
        r.ward.replace('&', "&&"),
        as_of.replace('&', "&&")
    );
    ws.set_header(&header);
    Ok(())
}

/// The report as `.xlsx` bytes.
pub fn xlsx(r: &Report, section_name: impl Fn(&str) -> String) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let formats = table_formats();
    let title = format!("{}　{}", r.ward, Msg::ReportTitle.text(r.lang));
    let as_of = crate::i18n::fill(Msg::ReportAsOf, r.lang, &[&r.as_of]);
    tally_sheet(&mut wb, r, &title, &as_of, &formats)?;
    replies_sheet(&mut wb, r, &title, &as_of, &formats, section_name)?;
    due_sheet(&mut wb, r, &title, &as_of, &formats)?;
    wb.save_to_buffer()
}

/// The formats of a table's cells: header, row label, number, totals row.
fn table_formats() -> (Format, Format, Format, Format) {
    let head = Format::new()
        .set_bold()
        .set_background_color("#EEEEEE")
        .set_border(FormatBorder::Thin);
    let label = Format::new().set_border(FormatBorder::Thin);
    let num = Format::new().set_border(FormatBorder::Thin);
    let total = Format::new()
        .set_bold()
        .set_background_color("#F6F6F6")
        .set_border(FormatBorder::Thin);
    (head, label, num, total)
}

/// A new sheet named by `name`, cut to Excel's 31 characters.
fn add_sheet<'a>(
    wb: &'a mut Workbook,
    name: Msg,
    r: &Report,
) -> Result<&'a mut Worksheet, XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name.text(r.lang).chars().take(31).collect::<String>())?;
    Ok(ws)
}

/// The first sheet: the title, the period and the as-of date, the tally table, its
/// notes and the chart below.
fn tally_sheet(
    wb: &mut Workbook,
    r: &Report,
    title: &str,
    as_of: &str,
    formats: &(Format, Format, Format, Format),
) -> Result<(), XlsxError> {
    let sub = format!("{}　{}", r.period_label, r.by_label);
    let ws = add_sheet(wb, Msg::ReportTitle, r)?;
    ws.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(14))?;
    ws.write_string_with_format(1, 0, &sub, &Format::new().set_bold())?;
    ws.write_string(2, 0, as_of)?;
    page_setup(ws, r, 3)?;
    // Short heads (4月 … 3月): the fiscal year is in the title above.
    let g = tally_grid(r);
    let end = sheet_table(ws, 3, &g, formats)?;
    let mut below = end + 1;
    for note in r.tally_notes() {
        ws.write_string(below, 0, note)?;
        below += 1;
    }
    let chart = slips_chart(ws, r, &g);
    ws.insert_chart(below + 1, 0, &chart)?;
    Ok(())
}

/// A native column chart of slips per column, drawn from the totals row of the tally
/// table `g` on `ws` so it follows any correction made in the sheet.
fn slips_chart(ws: &Worksheet, r: &Report, g: &Grid) -> Chart {
    let sheet = ws.name();
    let slips_row = 4 + g.body.len() as u32;
    let last = r.columns.len() as u16;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(r.slips.label.as_str())
        .set_categories((sheet.as_str(), 3, 1, 3, last))
        .set_values((sheet.as_str(), slips_row, 1, slips_row, last));
    chart
        .title()
        .set_name(&format!("{}　{}", r.period_label, r.slips.label));
    chart.legend().set_hidden();
    chart
}

/// The second sheet: each section's replies.
fn replies_sheet(
    wb: &mut Workbook,
    r: &Report,
    title: &str,
    as_of: &str,
    formats: &(Format, Format, Format, Format),
    section_name: impl Fn(&str) -> String,
) -> Result<(), XlsxError> {
    let ws = add_sheet(wb, Msg::ReportReplies, r)?;
    ws.write_string_with_format(0, 0, title, &Format::new().set_bold())?;
    ws.write_string(1, 0, &r.period_label)?;
    ws.write_string(2, 0, as_of)?;
    page_setup(ws, r, 3)?;
    sheet_table(ws, 3, &replies_grid(r, section_name), formats)?;
    Ok(())
}

/// The third sheet: the replies due by month.
fn due_sheet(
    wb: &mut Workbook,
    r: &Report,
    title: &str,
    as_of: &str,
    formats: &(Format, Format, Format, Format),
) -> Result<(), XlsxError> {
    let ws = add_sheet(wb, Msg::ReportDue, r)?;
    ws.write_string_with_format(0, 0, title, &Format::new().set_bold())?;
    ws.write_string(
        1,
        0,
        format!("{}　{}", r.period_label, Msg::ReportDue.text(r.lang)),
    )?;
    ws.write_string(2, 0, as_of)?;
    page_setup(ws, r, 3)?;
    sheet_table(ws, 3, &due_grid(r), formats)?;
    Ok(())
}
