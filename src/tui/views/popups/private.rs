//! The private-text prompt and the marks already made.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, error_line, frame_block};
use crate::i18n::{Msg, paren};
use crate::text::{self};
use crate::tui::app::*;
use crate::tui::keymap::Mode;
use crate::tui::theme;
use crate::tui::views::{centered, text_input};

pub(super) fn draw(frame: &mut Frame<'_>, p: &PrivateForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let marks = cx.private_marks;
    let rect = centered(area, 70, 8 + marks.len().min(6) as u16);
    let title = format!(
        "{}{}",
        Msg::TitlePrivate.text(lang),
        paren(lang, format!("#{}", p.target.0))
    );
    let inner = frame_block(frame, rect, &title, Mode::Private, cx);
    let [row, list, err] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    let label = format!(" {}: ", Msg::FieldPrivate.text(lang));
    let [l, input] = Layout::horizontal([
        Constraint::Length(text::width(&label) as u16),
        Constraint::Min(1),
    ])
    .areas(Rect { height: 1, ..row });
    frame.render_widget(Paragraph::new(Span::styled(label, theme::accent())), l);
    text_input(frame, &p.input, input, true);
    let lines: Vec<Line<'_>> = marks
        .iter()
        .map(|m| Line::from(format!("   ・{}", text::sanitize(m, false))))
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    error_line(frame, &p.error, err);
}
