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
    // 平均日数 with one decimal in every row (13.7 beside 9.0, never 9).
    let avg = Msg::ReportAvgDays.text(crate::i18n::Lang::Ja);
    let avg_en = Msg::ReportAvgDays.text(crate::i18n::Lang::En);
    let one_decimal: Vec<bool> = g.header.iter().map(|h| h == avg || h == avg_en).collect();
    let mut row = top + 1;
    for (i, r) in g.body.iter().chain(&g.footer).enumerate() {
        let is_total = i >= g.body.len();
        for (c, cell) in r.iter().enumerate() {
            // A change column's `+3`, `-2`, `±0`; a lone `-` is "none", written as text.
            let signed = cell.starts_with(['+', '-', '±'])
                && cell.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
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
                let f = if is_total { total } else { num };
                if one_decimal.get(c) == Some(&true) {
                    let f = f.clone().set_num_format("0.0");
                    ws.write_number_with_format(row, c as u16, n, &f)?;
                } else {
                    ws.write_number_with_format(row, c as u16, n, f)?;
                }
            } else if cell == "-" {
                // "None" (no reply to count days of): no formula to defuse.
                ws.write_string_with_format(row, c as u16, cell, num)?;
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
    Ok(row)
}

/// Column widths for Japanese labels: each column as wide as its widest cell in any of
/// the sheet's tables `grids`.
fn fit_columns(ws: &mut Worksheet, grids: &[&Grid]) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = vec![];
    for g in grids {
        for r in std::iter::once(&g.header).chain(&g.body).chain(&g.footer) {
            for (c, cell) in r.iter().enumerate() {
                if widths.len() <= c {
                    widths.resize(c + 1, 0);
                }
                widths[c] = widths[c].max(text::width(cell));
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).max(6.0))?;
    }
    Ok(())
}

/// Rows a sheet may hold and still be printed on one A4 landscape page at a readable
/// scale; a longer table runs over pages with its header row repeated.
const ROWS_ON_A_PAGE: u32 = 42;

/// Print setup for the committee's copies: A4 landscape, one page wide, and one page
/// tall while the sheet's `rows` fit ([`ROWS_ON_A_PAGE`]); a longer sheet runs on with
/// its table's header row (`header_row`) repeated, over that table only. The as-of date
/// in the page header.
fn page_setup(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: &Report,
    header_row: u32,
    rows: u32,
) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    ws.set_landscape();
    ws.set_paper_size(A4);
    if rows <= ROWS_ON_A_PAGE {
        ws.set_print_fit_to_pages(1, 1);
    } else {
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(header_row, header_row)?;
    }
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

/// The report as `.xlsx` bytes, printed as the committee reads it: a month on two A4
/// pages (the tally with its chart beside it; the replies and those due), a year on three
/// (the tally; the chart on a page of its own; the replies and those due). A table too
/// long for a page runs on with its own header row repeated, and nothing else under it.
pub fn xlsx(r: &Report, section_name: impl Fn(&str) -> String) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let formats = table_formats();
    let title = format!("{}　{}", r.ward, Msg::ReportTitle.text(r.lang));
    let as_of = crate::i18n::fill(Msg::ReportAsOf, r.lang, &[&r.as_of]);
    tally_sheet(&mut wb, r, &title, &as_of, &formats)?;
    let replies = replies_grid(r, section_name);
    let due = due_grid(r);
    let heads = (title.as_str(), as_of.as_str());
    if rows_of(&replies) + rows_of(&due) + 7 <= ROWS_ON_A_PAGE {
        replies_and_due_sheet(&mut wb, r, heads, &formats, &replies, &due)?;
    } else {
        table_sheet(&mut wb, r, heads, &formats, Msg::ReportReplies, &replies)?;
        table_sheet(&mut wb, r, heads, &formats, Msg::ReportDue, &due)?;
    }
    wb.save_to_buffer()
}

/// The rows a grid takes: its header, body and footer.
fn rows_of(g: &Grid) -> u32 {
    (1 + g.body.len() + g.footer.len()) as u32
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

/// A sheet's three heading rows: the title, what it shows, the as-of date.
fn headings(ws: &mut Worksheet, title: &str, what: &str, as_of: &str) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(14))?;
    ws.write_string_with_format(1, 0, what, &Format::new().set_bold())?;
    ws.write_string(2, 0, as_of)?;
    Ok(())
}

/// The first sheet: the title, the period and the as-of date, the tally table and its
/// notes; the chart beside a narrow table (a month's), else on a sheet of its own, so it
/// is never cut by a page break nor printed under another table's repeated header.
fn tally_sheet(
    wb: &mut Workbook,
    r: &Report,
    title: &str,
    as_of: &str,
    formats: &(Format, Format, Format, Format),
) -> Result<(), XlsxError> {
    let sub = format!("{}　{}", r.period_label, r.by_label);
    let g = tally_grid(r);
    let ws = add_sheet(wb, Msg::ReportTitle, r)?;
    headings(ws, title, &sub, as_of)?;
    // Short heads (4月 … 3月): the fiscal year is in the title above.
    let end = sheet_table(ws, 3, &g, formats)?;
    fit_columns(ws, &[&g])?;
    let mut below = end + 1;
    for note in r.tally_notes() {
        ws.write_string(below, 0, note)?;
        below += 1;
    }
    let mut chart = slips_chart(&ws.name(), r, &g);
    if g.header.len() <= 4 {
        // Beside a narrow table, as tall as it (at least a readable chart).
        let rows = (end - 3).max(14);
        chart.set_width(560).set_height(rows * 20);
        ws.insert_chart(3, g.header.len() as u16 + 1, &chart)?;
        page_setup(ws, r, 3, below.max(3 + rows))?;
        return Ok(());
    }
    page_setup(ws, r, 3, below)?;
    let cs = add_sheet(wb, Msg::ReportChartSheet, r)?;
    headings(cs, title, &sub, as_of)?;
    // Sized to an A4 landscape page below the headings.
    chart.set_width(1000).set_height(560);
    cs.insert_chart(4, 0, &chart)?;
    page_setup(cs, r, 3, 0)?;
    Ok(())
}

/// A native column chart of slips per column, drawn from the totals row of the tally
/// table `g` on the sheet `sheet` so it follows any correction made there.
fn slips_chart(sheet: &str, r: &Report, g: &Grid) -> Chart {
    let slips_row = 4 + g.body.len() as u32;
    let last = r.columns.len() as u16;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(r.slips.label.as_str())
        .set_categories((sheet, 3, 1, 3, last))
        .set_values((sheet, slips_row, 1, slips_row, last));
    chart
        .title()
        .set_name(&format!("{}　{}", r.period_label, r.slips.label));
    chart.legend().set_hidden();
    chart
}

/// One sheet with each section's replies and, below, the replies due by month (they fit
/// one page together; no header row repeats over the other table).
fn replies_and_due_sheet(
    wb: &mut Workbook,
    r: &Report,
    (title, as_of): (&str, &str),
    formats: &(Format, Format, Format, Format),
    replies: &Grid,
    due: &Grid,
) -> Result<(), XlsxError> {
    let ws = add_sheet(wb, Msg::ReportReplies, r)?;
    let what = format!("{}　{}", r.period_label, Msg::ReportReplies.text(r.lang));
    headings(ws, title, &what, as_of)?;
    let end = sheet_table(ws, 3, replies, formats)?;
    let heading = format!("{}　{}", r.period_label, Msg::ReportDue.text(r.lang));
    ws.write_string_with_format(end + 1, 0, &heading, &Format::new().set_bold())?;
    let end = sheet_table(ws, end + 2, due, formats)?;
    fit_columns(ws, &[replies, due])?;
    page_setup(ws, r, 3, end)?;
    Ok(())
}

/// A sheet of one table (`what` names it), for a report whose replies and due tables do
/// not fit one page together.
fn table_sheet(
    wb: &mut Workbook,
    r: &Report,
    (title, as_of): (&str, &str),
    formats: &(Format, Format, Format, Format),
    what: Msg,
    g: &Grid,
) -> Result<(), XlsxError> {
    let ws = add_sheet(wb, what, r)?;
    let heading = format!("{}　{}", r.period_label, what.text(r.lang));
    headings(ws, title, &heading, as_of)?;
    let end = sheet_table(ws, 3, g, formats)?;
    fit_columns(ws, &[g])?;
    page_setup(ws, r, 3, end)?;
    Ok(())
}
