//! Text, CSV and HTML renderings of a [`Report`], all from the same grids so every
//! format shows the same figures.

use std::fmt::Write;

use super::{Report, parse_month_key};
use crate::domain::date::wareki_month;
use crate::i18n::{Lang, Msg, fill};
use crate::sheet::{escape_formula, html_escape};
use crate::text::{self, pad, pad_left};

/// A table as strings: header, body rows, footer rows (totals).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    /// Column headers.
    pub header: Vec<String>,
    /// Body rows; the first cell is the label.
    pub body: Vec<Vec<String>>,
    /// Totals rows.
    pub footer: Vec<Vec<String>>,
}

/// The main tally as a grid: one row per key, then slips, items (where they differ)
/// and the running total.
pub fn tally_grid(r: &Report) -> Grid {
    let mut header = vec![r.by_label.clone()];
    header.extend(r.columns.iter().map(|c| c.label.clone()));
    if r.has_total {
        header.push(Msg::ReportTotal.text(r.lang).into());
    }
    if r.previous.is_some() {
        header.push(Msg::ReportPrevious.text(r.lang).into());
        header.push(Msg::ReportChange.text(r.lang).into());
    }
    // The period's total: the last column of a month report (year to date).
    let line = |label: &str, counts: &[u64], total: Option<u64>, before: Option<u64>| {
        let mut v = vec![label.to_string()];
        v.extend(counts.iter().map(u64::to_string));
        if r.has_total {
            v.push(total.map(|t| t.to_string()).unwrap_or_default());
        }
        if r.previous.is_some() {
            match (total, before) {
                (Some(t), Some(b)) => {
                    v.push(b.to_string());
                    v.push(super::change(t, b));
                }
                _ => v.extend([String::new(), String::new()]),
            }
        }
        v
    };
    let prev = r.previous.as_ref();
    let body = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let before = prev.and_then(|p| p.rows.get(i).copied());
            line(&row.label, &row.counts, Some(row.total), before)
        })
        .collect();
    let mut footer = vec![line(
        &r.slips.label,
        &r.slips.counts,
        Some(r.slips.total),
        prev.map(|p| p.slips),
    )];
    if r.items_differ() {
        footer.push(line(
            &r.items.label,
            &r.items.counts,
            Some(r.items.total),
            prev.map(|p| p.items),
        ));
    }
    // Over several years a running total says nothing the total does not.
    if r.has_total && !matches!(r.period, crate::domain::date::Period::Years(..)) {
        // Months that have not come yet stay blank.
        let mut v = line(
            Msg::ReportCumulative.text(r.lang),
            &r.cumulative,
            None,
            None,
        );
        for cell in v
            .iter_mut()
            .skip(1 + r.columns_begun)
            .take(r.cumulative.len())
        {
            cell.clear();
        }
        footer.push(v);
    }
    Grid {
        header,
        body,
        footer,
    }
}

/// Reply figures per section as a grid.
pub fn replies_grid(r: &Report, section_name: impl Fn(&str) -> String) -> Grid {
    let l = r.lang;
    // Replies waiting for review or sent back are not answers: columns of their own,
    // shown when there are any.
    let waiting = r.replies.iter().any(|x| x.waiting > 0);
    let returned = r.replies.iter().any(|x| x.returned > 0);
    let mut header = vec![
        Msg::ColSections.text(l).to_string(),
        Msg::ReportAssigned.text(l).into(),
        Msg::ReportReplied.text(l).into(),
    ];
    if waiting {
        header.push(Msg::ReportWaiting.text(l).into());
    }
    if returned {
        header.push(Msg::ReportReturned.text(l).into());
    }
    header.extend([
        Msg::ReportOverdue.text(l).into(),
        Msg::ReportLateReplies.text(l).into(),
        Msg::ReportAvgDays.text(l).into(),
        Msg::ReportMaxDays.text(l).into(),
    ]);
    let body = r
        .replies
        .iter()
        .map(|x| {
            let mut row = vec![
                section_name(&x.section),
                x.assigned.to_string(),
                x.replied.to_string(),
            ];
            if waiting {
                row.push(x.waiting.to_string());
            }
            if returned {
                row.push(x.returned.to_string());
            }
            row.extend([
                x.overdue.to_string(),
                x.late.to_string(),
                x.avg_days.map_or("-".into(), |d| format!("{d:.1}")),
                x.max_days.map_or("-".into(), |d| d.to_string()),
            ]);
            row
        })
        .collect();
    Grid {
        header,
        body,
        footer: vec![],
    }
}

/// Due / answered / late per month as a grid.
pub fn due_grid(r: &Report) -> Grid {
    let l = r.lang;
    let header = vec![
        Msg::FieldMonth.text(l).to_string(),
        Msg::ReportDueCount.text(l).into(),
        Msg::ReportAnswered.text(l).into(),
        Msg::ReportLate.text(l).into(),
    ];
    let body = r
        .due
        .iter()
        .map(|d| {
            let label = parse_month_key(&d.month).map_or(d.month.clone(), |(y, m)| {
                format!("{} {}", d.month, wareki_month(y, m))
            });
            vec![
                label,
                d.due.to_string(),
                d.answered.to_string(),
                d.late.to_string(),
            ]
        })
        .collect();
    Grid {
        header,
        body,
        footer: vec![],
    }
}

fn title(r: &Report) -> String {
    let gap = match r.lang {
        Lang::Ja => "　",
        Lang::En => "  ",
    };
    format!("{}{gap}{}", r.ward, Msg::ReportTitle.text(r.lang))
}

fn subtitle(r: &Report) -> String {
    let gap = match r.lang {
        Lang::Ja => "　",
        Lang::En => "  ",
    };
    format!(
        "{}{gap}{}{gap}{}",
        r.period_label,
        r.by_label,
        crate::i18n::paren(r.lang, fill(Msg::ReportAsOf, r.lang, &[&r.as_of])).trim_start()
    )
}

/// A grid as aligned text, numbers right-aligned; the label column is cut so a line
/// stays within `line_w` cells (80 fits A4 portrait).
fn text_grid(g: &Grid, line_w: usize) -> String {
    let cols = g.header.len();
    let mut widths = vec![0usize; cols];
    for row in std::iter::once(&g.header).chain(&g.body).chain(&g.footer) {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(text::width(c));
        }
    }
    let rest: usize = widths.iter().skip(1).map(|w| w + 1).sum();
    widths[0] = widths[0].min(line_w.saturating_sub(rest).max(6));
    let line = |row: &[String]| -> String {
        let mut s = pad(&row[0], widths[0]);
        for (i, c) in row.iter().enumerate().skip(1) {
            s.push(' ');
            s.push_str(&pad_left(c, widths[i]));
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(&g.header);
    let rule_w = text::width(out.trim_end());
    let rule = "-".repeat(rule_w) + "\n";
    out.push_str(&rule);
    for row in &g.body {
        out.push_str(&line(row));
    }
    if !g.footer.is_empty() {
        out.push_str(&rule);
        for row in &g.footer {
            out.push_str(&line(row));
        }
    }
    out
}

/// Plain text for the terminal or a printer (`| lpr`): fits 80 columns, A4 portrait.
pub fn text(r: &Report, section_name: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", title(r));
    let _ = writeln!(out, "{}\n", subtitle(r));
    out.push_str(&text_grid(&tally_grid(r), 80));
    for note in r.tally_notes() {
        for line in crate::text::wrap(note, 80, "") {
            let _ = writeln!(out, "{line}");
        }
    }
    if let Some(s) = super::cumulative_sentence(r) {
        for line in crate::text::wrap(&s, 80, "") {
            let _ = writeln!(out, "{line}");
        }
    }
    if !r.replies.is_empty() {
        let _ = writeln!(out, "\n{}", Msg::ReportReplies.text(r.lang));
        out.push_str(&text_grid(&replies_grid(r, &section_name), 80));
    }
    if !r.due.is_empty() {
        let _ = writeln!(out, "\n{}", Msg::ReportDue.text(r.lang));
        out.push_str(&text_grid(&due_grid(r), 80));
    }
    out
}

/// CSV for Excel: UTF-8, with a BOM when `bom` (Japanese Excel needs it), one table per block.
pub fn csv(r: &Report, bom: bool, section_name: impl Fn(&str) -> String) -> String {
    // The sections of the text report, in its order, one blank line between them.
    let mut sections: Vec<Vec<Vec<String>>> = vec![vec![vec![title(r)], vec![subtitle(r)]]];
    let g = tally_grid(r);
    let mut header = vec![g.header[0].clone()];
    header.extend(r.columns.iter().map(|c| c.long_label.clone()));
    header.extend(g.header.iter().skip(1 + r.columns.len()).cloned());
    let mut tally = vec![header];
    tally.extend(g.body.iter().chain(&g.footer).cloned());
    for note in r.tally_notes() {
        tally.push(vec![note.to_string()]);
    }
    if let Some(s) = super::cumulative_sentence(r) {
        tally.push(vec![s]);
    }
    sections.push(tally);
    let rg = replies_grid(r, section_name);
    if !rg.body.is_empty() {
        let mut sec = vec![vec![Msg::ReportReplies.text(r.lang).to_string()], rg.header];
        sec.extend(rg.body);
        sections.push(sec);
    }
    let dg = due_grid(r);
    if !dg.body.is_empty() {
        let mut sec = vec![vec![Msg::ReportDue.text(r.lang).to_string()], dg.header];
        sec.extend(dg.body.into_iter().chain(dg.footer));
        sections.push(sec);
    }
    let mut bytes = if bom { vec![0xEF, 0xBB, 0xBF] } else { vec![] };
    for (i, sec) in sections.iter().enumerate() {
        if i > 0 {
            bytes.push(b'\n');
        }
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(vec![]);
        for row in sec {
            let cells: Vec<String> = row.iter().map(|c| escape_formula(c)).collect();
            let _ = w.write_record(&cells);
        }
        // The csv writer ends every record with a newline, so the file ends with one.
        bytes.extend(w.into_inner().unwrap_or_default());
    }
    String::from_utf8(bytes).unwrap_or_default()
}

fn html_table(g: &Grid, class: &str) -> String {
    let mut out = format!("<table class=\"{class}\">\n<thead><tr>");
    for (i, h) in g.header.iter().enumerate() {
        let cls = if i == 0 { " class=\"label\"" } else { "" };
        let _ = write!(out, "<th{cls}>{}</th>", html_escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let row = |out: &mut String, r: &[String]| {
        out.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th class=\"label\">{}</th>", html_escape(c));
            } else {
                let zero = if c == "0" { " class=\"zero\"" } else { "" };
                let _ = write!(out, "<td{zero}>{}</td>", html_escape(c));
            }
        }
        out.push_str("</tr>\n");
    };
    for r in &g.body {
        row(&mut out, r);
    }
    out.push_str("</tbody>\n");
    if !g.footer.is_empty() {
        out.push_str("<tfoot>\n");
        for r in &g.footer {
            row(&mut out, r);
        }
        out.push_str("</tfoot>\n");
    }
    out.push_str("</table>\n");
    out
}

/// A self-contained, print-ready HTML page (A4 landscape, print CSS, no outside files).
pub fn html(r: &Report, section_name: impl Fn(&str) -> String) -> String {
    let lang = match r.lang {
        crate::i18n::Lang::Ja => "ja",
        crate::i18n::Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title} {period}</title>
<style>
@page {{ size: A4 landscape; margin: 12mm; }}
body {{ font-family: "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo", sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 270mm; }}
h1 {{ font-size: 15pt; margin: 0 0 2mm; }}
h2 {{ font-size: 11pt; margin: 6mm 0 2mm; page-break-after: avoid; }}
p.sub {{ margin: 0 0 4mm; color: #333; }}
table {{ border-collapse: collapse; width: 100%; page-break-inside: avoid; }}
th, td {{ border: 0.3mm solid #888; padding: 1mm 1.5mm; }}
td {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.zero {{ color: #999; }}
th.label {{ text-align: left; font-weight: normal; white-space: nowrap; }}
thead th {{ background: #eee; font-weight: bold; }}
tfoot th, tfoot td {{ font-weight: bold; background: #f6f6f6; }}
table.replies, table.due {{ width: auto; }}
p.note {{ font-size: 8.5pt; color: #444; }}
div.charts {{ display: flex; gap: 8mm; align-items: flex-start; page-break-inside: avoid; }}
figure.chart {{ flex: 1; margin: 4mm 0; }}
figure.chart svg {{ width: 100%; height: auto; }}
figure.chart figcaption {{ font-size: 8.5pt; color: #444; }}
@media print {{ body {{ max-width: none; }} thead {{ display: table-header-group; }} }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="sub">{sub}</p>
"#,
        title = html_escape(&title(r)),
        period = html_escape(&r.period_label),
        sub = html_escape(&subtitle(r)),
    );
    out.push_str(&html_table(&tally_grid(r), "tally"));
    let mut notes: Vec<String> = r.tally_notes().into_iter().map(str::to_string).collect();
    if let Some(s) = super::cumulative_sentence(r) {
        notes.push(s);
    }
    for n in notes {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", html_escape(&n));
    }
    // The two charts side by side under the table.
    let _ = writeln!(
        out,
        "<div class=\"charts\">{}{}</div>",
        super::chart::columns_svg(r),
        super::chart::rows_svg(r)
    );
    if !r.replies.is_empty() {
        let _ = writeln!(
            out,
            "<h2>{}</h2>",
            html_escape(Msg::ReportReplies.text(r.lang))
        );
        out.push_str(&html_table(&replies_grid(r, &section_name), "replies"));
    }
    if !r.due.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>", html_escape(Msg::ReportDue.text(r.lang)));
        out.push_str(&html_table(&due_grid(r), "due"));
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_labels_keep_columns_aligned() {
        let g = Grid {
            header: vec!["課".into(), "4月".into()],
            body: vec![
                vec!["とても長い名前の課です".into(), "3".into()],
                vec!["区民課".into(), "12".into()],
            ],
            footer: vec![],
        };
        let t = text_grid(&g, 12);
        let widths: Vec<usize> = t
            .lines()
            .filter(|l| !l.starts_with('-'))
            .map(text::width)
            .collect();
        assert_eq!(widths, [8 + 1 + 3, 8 + 1 + 3, 8 + 1 + 3], "{t}");
        assert!(t.contains("とても…"));
    }
}
