//! Triage: the section search and pick list, the due date, and the plan shown before a change that needs it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Ctx, error_line, frame_block};
use crate::i18n::{Msg, fill, paren};
use crate::text::{self, pad};
use crate::tui::app::*;
use crate::tui::keymap::Mode;
use crate::tui::theme;
use crate::tui::views::{centered, text_input};

pub(super) fn draw(frame: &mut Frame<'_>, t: &TriageForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let rect = centered(area, 72, area.height.saturating_sub(2).min(24));
    let mut title = Msg::TitleTriage.text(lang).to_string();
    if t.targets.len() > 1 {
        title = format!(
            "{title}{}",
            paren(lang, fill(Msg::Count, lang, &[&t.targets.len()]))
        );
    } else if let Some(x) = t.targets.first() {
        title = format!("{title}{}", paren(lang, format!("#{}", x.id)));
    }
    let inner = frame_block(frame, rect, &title, Mode::Triage, cx);
    // One slip: its text on top, so the sections are chosen with it in view.
    let inner = match t.targets.as_slice() {
        [one] => {
            let [slip, rest] = Layout::vertical([
                Constraint::Length(super::slip_text_rows(inner, &one.body, lang)),
                Constraint::Min(1),
            ])
            .areas(inner);
            super::slip_text(frame, &one.body, lang, slip);
            rest
        }
        _ => inner,
    };
    let [search, picked, list, due, err] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    let lw = text::width(Msg::FieldFindSection.text(lang)).max(text::width(Msg::ColDue.text(lang)))
        as u16
        + 3;
    let [l, input] = Layout::horizontal([Constraint::Length(lw), Constraint::Min(1)]).areas(search);
    let focus_style = |f: TriageFocus| {
        if t.focus == f {
            theme::accent()
        } else {
            theme::header()
        }
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}:", Msg::FieldFindSection.text(lang)),
            focus_style(TriageFocus::Sections),
        )),
        l,
    );
    text_input(frame, &t.search, input, t.focus == TriageFocus::Sections);
    let names: Vec<String> = t
        .picked
        .iter()
        .map(|c| cx.catalog.section_name(c, lang))
        .collect();
    let picked_label = if t.bulk {
        Msg::HintAddEach
    } else {
        Msg::HintSelected
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {}: ", picked_label.text(lang)), theme::dim()),
            Span::styled(
                text::truncate(&names.join("・"), picked.width.saturating_sub(10) as usize),
                theme::ok(),
            ),
        ])),
        picked,
    );
    if let Some(plans) = &t.confirm {
        let lines = plan_lines(cx, plans, list.width as usize);
        frame.render_widget(Paragraph::new(lines), list);
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" {}", Msg::PlanConfirm.text(lang)),
                theme::accent(),
            ))
            .wrap(Wrap { trim: true }),
            err,
        );
        return;
    }
    let replied: &[String] = match t.targets.as_slice() {
        [one] => &one.replied,
        _ => &[],
    };
    let matches = t.matches(cx.catalog);
    let h = list.height as usize;
    let start = t.cursor.saturating_sub(h.saturating_sub(1));
    let name_w = 16;
    let dept_w = matches
        .iter()
        .map(|s| text::width(s.department_display(lang)))
        .max()
        .unwrap_or(0)
        .min(20);
    let lines: Vec<Line<'_>> = matches
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(i, s)| {
            let on = t.picked.contains(&s.label.code);
            let style = if i == t.cursor && t.focus == TriageFocus::Sections {
                theme::selected()
            } else if on {
                theme::ok()
            } else {
                ratatui::style::Style::default()
            };
            Line::from(Span::styled(
                format!(
                    " {} {} {} {}",
                    if on { "[x]" } else { "[ ]" },
                    pad(&s.label.code, 10),
                    pad(s.label.display(lang), name_w),
                    // Padded, so ✓ and ★候補 line up for sections without a 部.
                    pad(
                        if s.department.is_empty() {
                            ""
                        } else {
                            s.department_display(lang)
                        },
                        dept_w
                    )
                ) + &if replied.contains(&s.label.code) {
                    format!("  ✓{}", Msg::Replied.text(lang))
                } else {
                    String::new()
                } + &suggestion(t, &s.label.code),
                style,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    let [l, input, hint] = Layout::horizontal([
        Constraint::Length(lw),
        Constraint::Length(14),
        Constraint::Min(1),
    ])
    .areas(due);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}:", Msg::ColDue.text(lang)),
            focus_style(TriageFocus::Due),
        )),
        l,
    );
    text_input(frame, &t.due, input, t.focus == TriageFocus::Due);
    // The due date as read, with its weekday, so a weekend or a typo shows at once.
    let read = crate::domain::date::parse_date(&value(&t.due), cx.today);
    let (msg, style) = match read {
        Some(d) => {
            let mut s = crate::domain::date::date_long(d, lang);
            if crate::domain::date::is_closed_day(d) {
                s = format!("{s} {}", Msg::ClosedDay.text(lang));
            }
            let style = if crate::domain::date::is_closed_day(d) || d < cx.today {
                theme::alert()
            } else {
                theme::ok()
            };
            (s, style)
        }
        None => (Msg::HintDate.text(lang).to_string(), theme::dim()),
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            text::truncate(&msg, hint.width as usize),
            style,
        )),
        hint,
    );
    error_line(frame, &t.error, err);
}

/// What a triage change will do to each slip, one or two lines a slip, cut to `width`.
fn plan_lines(
    cx: &Ctx<'_>,
    plans: &[crate::tui::app::PlanLine],
    width: usize,
) -> Vec<Line<'static>> {
    let lang = cx.lang;
    let names = |codes: &[String]| {
        codes
            .iter()
            .map(|c| cx.catalog.section_name(c, lang))
            .collect::<Vec<_>>()
            .join("・")
    };
    let cut = |s: String| text::truncate(&text::sanitize(&s, false), width);
    let mut out = vec![];
    for (id, plan) in plans {
        let p = match plan {
            Err(e) => {
                out.push(Line::styled(cut(format!(" #{id:<6}{e}")), theme::alert()));
                continue;
            }
            Ok(p) => p,
        };
        let mut line = format!(" #{id:<6}");
        if p.from != p.to {
            line.push_str(&format!("{} → {}  ", p.from.label(lang), p.to.label(lang)));
        } else {
            line.push_str(&format!("{}  ", p.from.label(lang)));
        }
        if !p.added.is_empty() {
            line.push_str(&format!("＋{}  ", names(&p.added)));
        }
        let plain_removed: Vec<String> = p
            .removed
            .iter()
            .filter(|c| !p.removed_replied.contains(c))
            .cloned()
            .collect();
        if !plain_removed.is_empty() {
            line.push_str(&format!("－{}  ", names(&plain_removed)));
        }
        if !p.changes_sections() {
            line.push_str(Msg::PlanUnchanged.text(lang));
        }
        let style = if p.needs_confirmation() {
            theme::alert()
        } else {
            theme::header()
        };
        out.push(Line::styled(cut(line), style));
        if !p.removed_replied.is_empty() {
            let kept = fill(Msg::PlanKeepsReply, lang, &[&names(&p.removed_replied)]);
            out.push(Line::styled(cut(format!("        {kept}")), theme::alert()));
        }
    }
    out
}

/// `  ★1「転入」#12 #40`: one of the first three suggested sections, its rank, and why in
/// short: the duty word that weighed most and the similar slips (`meyasu suggest
/// --explain` gives every term).
fn suggestion(t: &TriageForm, code: &str) -> String {
    match t.suggested.iter().position(|x| x.section == code) {
        Some(i) if i < 3 => {
            let x = &t.suggested[i];
            let word = x
                .duties
                .first()
                .map(|w| format!("「{w}」"))
                .unwrap_or_default();
            let slips: Vec<String> = x
                .because
                .iter()
                .take(2)
                .map(|id| format!("#{id}"))
                .collect();
            format!("  ★{}{word}{}", i + 1, slips.join(" "))
        }
        _ => String::new(),
    }
}
