//! The status change, with the void / restore row.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, error_line, frame_block};
use crate::i18n::{Lang, Msg, fill};
use crate::text::pad;
use crate::tui::app::*;
use crate::tui::keymap::Mode;
use crate::tui::theme;
use crate::tui::views::{centered, text_input};

/// The status popup, centred in `area`: what the slip is now, the choices, the reason.
pub(super) fn draw(frame: &mut Frame<'_>, s: &StatusForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    if let Some(plan) = &s.confirm {
        return draw_plan(frame, s, plan, cx, area);
    }
    let rows = s.choices.len() + usize::from(s.void.is_some());
    let h = rows as u16 + 8;
    let rect = centered(area, 60, h);
    let inner = frame_block(frame, rect, Msg::TitleStatus.text(lang), Mode::Status, cx);
    let [from, list, reason, err] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(rows.max(1) as u16),
        Constraint::Length(2),
        Constraint::Min(1),
    ])
    .areas(inner);
    draw_from(frame, s, lang, from);
    if rows == 0 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" {}", Msg::ErrNoChoices.text(lang)),
                theme::dim(),
            )),
            list,
        );
    }
    draw_choices(frame, s, lang, list);
    draw_reason(frame, s, lang, reason);
    error_line(frame, &s.error, err);
}

/// The status the slip has now, or for several slips how many.
fn draw_from(frame: &mut Frame<'_>, s: &StatusForm, lang: Lang, area: Rect) {
    if let Some(f) = s.from {
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!(" {} ", Msg::ColStatus.text(lang)), theme::dim()),
                Span::raw(format!("{} →", f.label(lang))),
            ])),
            area,
        );
    } else {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" {}", fill(Msg::Count, lang, &[&s.targets.len()])),
                theme::dim(),
            )),
            area,
        );
    }
}

/// One row per status on offer (a reopening one says a reason is needed), then the
/// void / restore row when there is one.
fn draw_choices(frame: &mut Frame<'_>, s: &StatusForm, lang: Lang, area: Rect) {
    let mut lines: Vec<Line<'_>> = s
        .choices
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let reopen = s.from.is_some_and(|f| f.is_reopening(*st));
            let mut spans = vec![Span::styled(
                format!("   {} ", pad(st.label(lang), 12)),
                if i == s.cursor {
                    theme::selected()
                } else {
                    ratatui::style::Style::default()
                },
            )];
            if reopen {
                spans.push(Span::styled(Msg::HintReasonNeeded.text(lang), theme::dim()));
            }
            Line::from(spans)
        })
        .collect();
    if let Some(v) = s.void {
        let label = match v {
            crate::tui::app::VoidChoice::Void => Msg::ChoiceVoid,
            crate::tui::app::VoidChoice::Restore => Msg::ChoiceRestore,
        };
        lines.push(Line::styled(
            format!("   {} ", label.text(lang)),
            if s.cursor == s.choices.len() {
                theme::selected()
            } else {
                theme::alert()
            },
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The reason line, on the second row of its area: the label, then the input.
fn draw_reason(frame: &mut Frame<'_>, s: &StatusForm, lang: Lang, area: Rect) {
    let [l, input] = Layout::horizontal([Constraint::Length(8), Constraint::Min(1)]).areas(Rect {
        height: 1,
        y: area.y + 1,
        ..area
    });
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}:", Msg::FieldReason.text(lang)),
            theme::accent(),
        )),
        l,
    );
    text_input(frame, &s.reason, input, true);
}

/// Several slips, after the first Ctrl-S: what the change does to each (「#68 回答済 →
/// 公表済」, or why not), wrapped in a dialog as tall as the screen allows, and the
/// question; a second Ctrl-S carries out the changes that can be made.
fn draw_plan(
    frame: &mut Frame<'_>,
    s: &StatusForm,
    plan: &[crate::store::StatusStep],
    cx: &Ctx<'_>,
    area: Rect,
) {
    let lang = cx.lang;
    let to = s
        .choices
        .get(s.cursor)
        .map(|t| t.label(lang))
        .unwrap_or_default();
    let width = area.width.saturating_sub(4).min(96);
    let text_w = width.saturating_sub(4) as usize;
    let mut lines: Vec<Line<'static>> = vec![];
    for step in plan {
        let (line, style) = match &step.refused {
            None => (
                format!("#{} {} → {to}", step.id, step.from.label(lang)),
                ratatui::style::Style::default(),
            ),
            Some(why) => (
                format!("#{} {}: {}", step.id, step.from.label(lang), why),
                theme::alert(),
            ),
        };
        for (i, l) in crate::text::wrap(&crate::text::sanitize(&line, false), text_w, "    ")
            .into_iter()
            .enumerate()
        {
            let l = if i == 0 { format!(" {l}") } else { l };
            lines.push(Line::from(Span::styled(l, style)));
        }
    }
    let h = (lines.len() as u16 + 5).min(area.height.saturating_sub(2));
    let rect = centered(area, width, h);
    let inner = frame_block(frame, rect, Msg::TitleStatus.text(lang), Mode::Status, cx);
    let [list, question] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}", Msg::PlanConfirm.text(lang)),
            theme::accent(),
        )),
        question,
    );
}
