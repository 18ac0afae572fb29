//! The summary screen: slips per month as a bar chart, the table by section,
//! department, floor, kind or status, and overdue replies by section.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};

use super::status_bar;
use crate::domain::Dimension;
use crate::i18n::Msg;
use crate::report::Report;
use crate::text::{self, pad, pad_left};
use crate::tui::app::{App, SummaryState, Unit};
use crate::tui::theme;

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    // A shorter chart on small terminals leaves room for the table.
    let chart_h = if area.height >= 34 { 9 } else { 6 };
    let [head, chart, body, bar] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(chart_h),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    status_bar(frame, app, bar);
    let Some(s) = &app.summary else {
        return;
    };
    draw_head(frame, app, s, head);
    let Some(r) = &s.report else {
        return;
    };
    draw_chart(frame, s, r, chart);
    let reply_w = replies_width(app.lang);
    if body.width >= 100 && !r.replies.is_empty() {
        let [table, replies] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(reply_w)]).areas(body);
        draw_table(frame, app, s, r, table);
        draw_replies(frame, app, r, replies);
    } else {
        draw_table(frame, app, s, r, body);
    }
}

fn dimension_msg(d: Dimension) -> Msg {
    match d {
        Dimension::Section => Msg::ColSections,
        Dimension::Department => Msg::ColDepartment,
        Dimension::Floor => Msg::ColFloor,
        Dimension::Kind => Msg::ColKind,
        Dimension::Status => Msg::ColStatus,
        Dimension::Outcome => Msg::ColOutcome,
    }
}

fn draw_head(frame: &mut Frame<'_>, app: &App, s: &SummaryState, area: Rect) {
    let lang = app.lang;
    let mut spans = vec![
        Span::styled(
            format!(" {} ", Msg::TitleSummary.text(lang)),
            theme::header(),
        ),
        Span::styled(format!("◀ {} ▶ ", s.period().label(lang)), theme::accent()),
    ];
    for d in Dimension::ALL {
        let style = if d == s.by {
            theme::selected().patch(theme::accent())
        } else {
            theme::dim()
        };
        spans.push(Span::styled(
            format!(" {} ", dimension_msg(d).text(lang)),
            style,
        ));
    }
    let unit = match s.unit {
        Unit::Slips => Msg::UnitSlips,
        Unit::Items => Msg::UnitItems,
    };
    let unit = Span::styled(format!("  [{}]", unit.text(lang)), theme::ok());
    let width = area.width as usize;
    let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    // Where the first line has no room for the unit, it leads the second.
    let mut info = vec![];
    if used + text::width(&unit.content) <= width {
        spans.push(unit);
    } else {
        info.push(unit);
    }
    let mut lines = vec![Line::from(fit(spans, width))];
    if let Some(r) = &s.report {
        info.push(Span::raw(format!(
            " {}: {}",
            Msg::ReportSlips.text(lang),
            r.slips.total
        )));
        if r.items_differ() {
            info.push(Span::raw(format!(
                "   {}: {}",
                Msg::ReportItems.text(lang),
                r.items.total
            )));
        }
        if let Some(c) = crate::report::cumulative_sentence(r) {
            info.push(Span::styled(format!("   {c}"), theme::dim()));
        }
        lines.push(Line::from(fit(info, width)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The spans that fit in `width` cells, whole: a label is left out rather than cut
/// mid-word ("[sl", "to the end of March 20").
fn fit(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut used = 0;
    spans
        .into_iter()
        .take_while(|s| {
            used += text::width(&s.content);
            used <= width
        })
        .collect()
}

fn draw_chart(frame: &mut Frame<'_>, s: &SummaryState, r: &Report, area: Rect) {
    let values = match s.unit {
        Unit::Slips => &r.slips.counts,
        Unit::Items => &r.items.counts,
    };
    // Bars as wide as their widest label in cells ("10月" is 4), so labels never clip.
    let bar_w = r
        .columns
        .iter()
        .map(|c| text::width(&c.label))
        .max()
        .unwrap_or(3)
        .max(3) as u16;
    let bars: Vec<Bar<'_>> = r
        .columns
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (c, v))| {
            let style = if s.month == Some(i) {
                theme::alert()
            } else {
                theme::bar()
            };
            Bar::default()
                .value(*v)
                .label(Line::raw(c.label.clone()))
                .style(style)
                .value_style(theme::selected())
        })
        .collect();
    let chart = BarChart::default()
        .block(
            Block::default()
                .borders(Borders::BOTTOM)
                .border_style(theme::dim()),
        )
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_w)
        .bar_gap(1);
    frame.render_widget(chart, area);
}

fn draw_table(frame: &mut Frame<'_>, app: &App, s: &SummaryState, r: &Report, area: Rect) {
    let lang = app.lang;
    let natural = r
        .rows
        .iter()
        .map(|x| text::width(&x.label))
        .chain([text::width(&r.by_label), text::width(&r.slips.label)])
        .max()
        .unwrap_or(8)
        .min(28);
    // Row labels as wide as they need where there is room (28 cells at most): a name is
    // cut only when the months need the width. Month columns as wide as the widest
    // month label and a space ("10月" → 5, "Apr"
    // → 4). All twelve fit beside the reply figures at 120 columns, the row labels
    // giving up a little width if they must (to 14 cells); when they still do not fit,
    // the picked month and the total.
    let cell = r
        .columns
        .iter()
        .map(|c| text::width(&c.label))
        .max()
        .unwrap_or(3)
        + 1;
    let total_w = (text::width(Msg::ReportTotal.text(lang)) + 1).max(5);
    let months_w = r.columns.len() * cell + total_w;
    let room = (area.width as usize).saturating_sub(months_w);
    let (label_w, month_cols): (usize, Vec<usize>) = if room >= natural.min(14) {
        (natural.min(room), (0..r.columns.len()).collect())
    } else {
        (natural, s.month.into_iter().collect())
    };
    let header = {
        let mut h = pad(&r.by_label, label_w);
        for &i in &month_cols {
            h.push_str(&pad_left(&r.columns[i].label, cell));
        }
        h.push_str(&pad_left(Msg::ReportTotal.text(lang), total_w));
        h
    };
    let mut lines = vec![];
    let line = |label: &str, counts: &[u64], total: u64, style: Style| -> Line<'static> {
        let mut l = pad(label, label_w);
        for &i in &month_cols {
            l.push_str(&pad_left(&counts[i].to_string(), cell));
        }
        l.push_str(&pad_left(&total.to_string(), total_w));
        Line::styled(l, style)
    };
    for row in &r.rows {
        let overdue = r
            .replies
            .iter()
            .any(|x| x.section == row.key && x.overdue > 0);
        let style = if overdue && s.by == Dimension::Section {
            theme::alert()
        } else {
            Style::default()
        };
        lines.push(line(&row.label, &row.counts, row.total, style));
    }
    let total = match s.unit {
        Unit::Slips => &r.slips,
        Unit::Items => &r.items,
    };
    lines.push(line(
        &total.label,
        &total.counts,
        total.total,
        theme::header(),
    ));
    // The header stays; the rows scroll (PgDn/PgUp) when they do not fit.
    let [head, rows] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(Line::styled(header, theme::header())), head);
    let max = (lines.len() as u16).saturating_sub(rows.height);
    frame.render_widget(Paragraph::new(lines).scroll((s.scroll.min(max), 0)), rows);
}

/// The reply figures' headers, each column as wide as its header and one space, so
/// English headers ("Assigned Replied") never run together.
const REPLY_HEADS: [Msg; 4] = [
    Msg::ReportAssigned,
    Msg::ReportReplied,
    Msg::ReportOverdue,
    Msg::ReportAvgDays,
];

fn reply_cells(lang: crate::i18n::Lang) -> Vec<usize> {
    REPLY_HEADS
        .iter()
        .map(|m| text::width(m.text(lang)).max(4) + 1)
        .collect()
}

/// The reply panel's width: its border, a 12-cell section name and the figures.
fn replies_width(lang: crate::i18n::Lang) -> u16 {
    (1 + 12 + reply_cells(lang).iter().sum::<usize>()) as u16
}

fn draw_replies(frame: &mut Frame<'_>, app: &App, r: &Report, area: Rect) {
    let lang = app.lang;
    let heads = REPLY_HEADS;
    let w = reply_cells(lang);
    let name_w = (area.width as usize)
        .saturating_sub(1 + w.iter().sum::<usize>())
        .max(8);
    let mut head = pad(Msg::ColSections.text(lang), name_w);
    for (m, cw) in heads.iter().zip(&w) {
        head.push_str(&pad_left(m.text(lang), *cw));
    }
    let mut lines = vec![
        Line::styled(Msg::ReportReplies.text(lang).to_string(), theme::accent()),
        Line::styled(head, theme::header()),
    ];
    for x in &r.replies {
        let style = if x.overdue > 0 {
            theme::alert()
        } else {
            Style::default()
        };
        lines.push(Line::styled(
            format!(
                "{}{}{}{}{}",
                pad(&app.catalog.section_name(&x.section, lang), name_w),
                pad_left(&x.assigned.to_string(), w[0]),
                pad_left(&x.replied.to_string(), w[1]),
                pad_left(&x.overdue.to_string(), w[2]),
                pad_left(&x.avg_days.map_or("-".into(), |d| format!("{d:.1}")), w[3]),
            ),
            style,
        ));
    }
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::LEFT)
                .border_style(theme::dim()),
        ),
        area,
    );
}
