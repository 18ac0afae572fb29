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
