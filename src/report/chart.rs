//! Charts for the printed report: inline SVG (no script, no outside file) in one colour
//! and grey, so a black-and-white copy reads the same.

use std::fmt::Write;

use super::Report;
use crate::i18n::Msg;
use crate::sheet::html_escape;

/// Slips per column as an inline SVG bar chart (no script, no outside files), with
/// each bar's figure above it; empty for a month report, whose two columns overlap.
pub fn columns_svg(r: &Report) -> String {
    if matches!(r.period, crate::domain::date::Period::Month(..)) || r.columns.is_empty() {
        return String::new();
    }
    let (w, h, top, bottom, left) = (720.0_f64, 220.0_f64, 20.0, 36.0, 8.0);
    let n = r.columns.len() as f64;
    let slot = (w - 2.0 * left) / n;
    let bar = slot * 0.6;
    let max = r.slips.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let plot = h - top - bottom;
    let mut out = format!(
        "<figure class=\"chart\"><svg viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-label=\"{}\">\n",
        html_escape(&format!("{} {}", r.period_label, r.slips.label))
    );
    let base = top + plot;
    let _ = writeln!(
        out,
        "<line x1=\"{left}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#888\"/>",
        w - left
    );
    for (i, (c, &v)) in r.columns.iter().zip(&r.slips.counts).enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let bh = plot * v as f64 / max;
        let cx = x + bar / 2.0;
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" fill=\"#4a6fa5\"/>\
             <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"14\">{v}</text>\
             <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"14\">{}</text>",
            base - bh,
            base - bh - 4.0,
            base + 16.0,
            html_escape(&c.label)
        );
    }
    let _ = writeln!(
        out,
        "</svg><figcaption>{}</figcaption></figure>",
        html_escape(&format!("{}　{}", r.period_label, r.slips.label))
    );
    out
}

/// The chosen rows' totals as horizontal bars in the table's order,
/// each with its figure; with `--compare`, a thin grey bar under each for the year before.
pub fn rows_svg(r: &Report) -> String {
    let rows: Vec<(usize, &super::Row)> = r.rows.iter().enumerate().collect();
    if rows.is_empty() {
        return String::new();
    }
    let prev = r.previous.as_ref();
    let (w, label_w, row_h, top) = (720.0_f64, 200.0_f64, 28.0_f64, 8.0_f64);
    let h = top * 2.0 + row_h * rows.len() as f64 + if prev.is_some() { 20.0 } else { 0.0 };
    let max = rows
        .iter()
        .map(|(i, x)| {
            x.total
                .max(prev.and_then(|p| p.rows.get(*i)).copied().unwrap_or(0))
        })
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let room = w - label_w - 60.0;
    let caption = format!(
        "{}　{}　{}",
        r.period_label,
        r.by_label,
        Msg::ReportTotal.text(r.lang)
    );
    let mut out = format!(
        "<figure class=\"chart rows\"><svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">\n",
        html_escape(&caption)
    );
    for (n, (i, row)) in rows.iter().enumerate() {
        let y = top + row_h * n as f64;
        let bw = room * row.total as f64 / max;
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"18\">{}</text>\
             <rect x=\"{label_w}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"16\" fill=\"#4a6fa5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"18\">{}</text>",
            label_w - 6.0,
            y + 15.0,
            html_escape(&row.label),
            y + 1.0,
            label_w + bw + 4.0,
            y + 15.0,
            row.total
        );
        if let Some(before) = prev.and_then(|p| p.rows.get(*i)) {
            let pw = room * *before as f64 / max;
            let _ = writeln!(
                out,
                "<rect x=\"{label_w}\" y=\"{:.1}\" width=\"{pw:.1}\" height=\"4\" fill=\"#999\"/>",
                y + 19.0
            );
        }
    }
    if let Some(p) = prev {
        let y = top + row_h * rows.len() as f64 + 10.0;
        let _ = writeln!(
            out,
            "<rect x=\"{label_w}\" y=\"{:.1}\" width=\"24\" height=\"4\" fill=\"#999\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"16\">{}</text>",
            y - 4.0,
            label_w + 30.0,
            y + 1.0,
            html_escape(&format!(
                "{}（{}）",
                Msg::ReportPrevious.text(r.lang),
                p.period_label
            ))
        );
    }
    let _ = writeln!(
        out,
        "</svg><figcaption>{}</figcaption></figure>",
        html_escape(&caption)
    );
    out
}
