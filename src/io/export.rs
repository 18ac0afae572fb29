//! `meyasu export`: slips with the same filters as `list`, as CSV (BOM by default,
//! formula cells escaped), xlsx or JSON. The CSV and xlsx columns are the import
//! columns, so an export imports back into an empty database unchanged.

use rust_xlsxwriter::{Format, Workbook};
use serde::Serialize;

use super::import::Col;
use crate::domain::{Reply, Slip};
use crate::error::Result;
use crate::i18n::Lang;
use crate::sheet::escape_formula;
use crate::sheet::join_per_section;
use crate::store::{Filter, Order, Store};

/// A slip with its replies, as exported.
#[derive(Clone, Debug, Serialize)]
pub struct Exported {
    /// The slip.
    #[serde(flatten)]
    pub slip: Slip,
    /// Its replies.
    pub replies: Vec<Reply>,
}

/// Every slip matching `filter`, oldest first, with replies.
pub fn collect(store: &Store, filter: &Filter) -> Result<Vec<Exported>> {
    let mut out = vec![];
    let page = 5000;
    let mut offset = 0;
    loop {
        let rows = store.list(filter, Order::OldestFirst, page, offset)?;
        let n = rows.len();
        for r in rows {
            let d = store.detail(r.id)?;
            out.push(Exported {
                slip: d.slip,
                replies: d.replies,
            });
        }
        if n < page {
            break;
        }
        offset += n;
    }
    Ok(out)
}

/// The cells of one slip, in [`Col::ALL`] order (names in Japanese, as the import reads them).
pub fn cells(store: &Store, e: &Exported) -> Vec<String> {
    let s = &e.slip;
    let lang = Lang::Ja;
    let name = |c: &str| store.section_name(c, lang);
    // Each tagged section's reply, in section order: its text and its date.
    let answered: Vec<(String, &Reply)> = s
        .sections
        .iter()
        .filter_map(|c| {
            e.replies
                .iter()
                .find(|r| &r.section == c)
                .map(|r| (name(c), r))
        })
        .collect();
    let replies: Vec<(String, String)> = answered
        .iter()
        .map(|(n, r)| (n.clone(), crate::text::sanitize(&r.text, true)))
        .collect();
    let dates: Vec<(String, String)> = answered
        .iter()
        .map(|(n, r)| (n.clone(), r.replied_on.to_string()))
        .collect();
    // Outcomes by name; a reply without one leaves its cell part empty.
    let outcomes: Vec<(String, String)> = answered
        .iter()
        .filter_map(|(n, r)| {
            r.outcome
                .as_deref()
                .map(|o| (n.clone(), store.catalog().outcome_name(Some(o), lang)))
        })
        .collect();
    Col::ALL
        .iter()
        .map(|c| match c {
            Col::Id => s.id.to_string(),
            Col::Received => s.received_on.to_string(),
            Col::Floor => store.floor_name(&s.floor, lang),
            Col::Kind => store.kind_name(&s.kind, lang),
            Col::Sections => s
                .sections
                .iter()
                .map(|c| name(c))
                .collect::<Vec<_>>()
                .join("、"),
            Col::Status => s.status.label(lang).to_string(),
            Col::Due => s.due_on.map(|d| d.to_string()).unwrap_or_default(),
            // Text goes out without control or bidi characters (shown as ␛, ⍰…), so a
            // spreadsheet or a terminal reading the file shows what the database holds.
            Col::Summary => crate::text::sanitize(s.summary.as_deref().unwrap_or(""), true),
            Col::Body => crate::text::sanitize(&s.body, true),
            Col::Reply => join_per_section(&replies),
            Col::RepliedOn => join_per_section(&dates),
            Col::Outcome => crate::sheet::join_some_per_section(&outcomes, answered.len()),
            Col::NoPublish => if s.no_publish { "はい" } else { "" }.to_string(),
        })
        .collect()
}

/// CSV bytes, UTF-8 with a BOM when `bom`; cells that look like formulas are escaped.
pub fn csv(store: &Store, items: &[Exported], bom: bool) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(if bom { vec![0xEF, 0xBB, 0xBF] } else { vec![] });
    let header: Vec<&str> = Col::ALL.iter().map(|c| c.header()).collect();
    w.write_record(&header).map_err(std::io::Error::other)?;
    for e in items {
        let row: Vec<String> = cells(store, e).iter().map(|c| escape_formula(c)).collect();
        w.write_record(&row).map_err(std::io::Error::other)?;
    }
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()).into())
}

/// xlsx bytes: one sheet with the import columns.
pub fn xlsx(store: &Store, items: &[Exported]) -> Result<Vec<u8>> {
    let xl = |e: rust_xlsxwriter::XlsxError| std::io::Error::other(e.to_string());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("投書").map_err(xl)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, col) in Col::ALL.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, col.header(), &bold)
            .map_err(xl)?;
        let width = match col {
            Col::Body | Col::Reply => 50.0,
            Col::Summary => 24.0,
            Col::Sections => 20.0,
            Col::Received | Col::Due | Col::RepliedOn | Col::Outcome => 12.0,
            _ => 8.0,
        };
        ws.set_column_width(c as u16, width).map_err(xl)?;
    }
    for (r, e) in items.iter().enumerate() {
        for (c, v) in cells(store, e).iter().enumerate() {
            ws.write_string_with_format(r as u32 + 1, c as u16, escape_formula(v), &wrap)
                .map_err(xl)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xl)?;
    Ok(wb.save_to_buffer().map_err(xl)?)
}

/// JSON bytes: an array of slips with their replies.
pub fn json(items: &[Exported]) -> Result<Vec<u8>> {
    let json = serde_json::to_string_pretty(items).map_err(std::io::Error::other)?;
    let mut v = crate::text::json_safe(&json).into_bytes();
    v.push(b'\n');
    Ok(v)
}
