//! The duplicate prompt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::{Ctx, error_line, frame_block};
use crate::i18n::{Msg, paren};
use crate::text::{self};
use crate::tui::app::*;
use crate::tui::keymap::Mode;
use crate::tui::theme;
use crate::tui::views::{centered, text_input};

pub(super) fn draw(frame: &mut Frame<'_>, d: &DuplicateForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let rect = centered(area, 56, 6);
    let title = format!(
        "{}{}",
        Msg::TitleDuplicate.text(lang),
        paren(lang, format!("#{}", d.target.0))
    );
    let inner = frame_block(frame, rect, &title, Mode::Duplicate, cx);
    let [row, err] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let label = format!(" {}: #", Msg::FieldOriginal.text(lang));
    let [l, input] = Layout::horizontal([
        Constraint::Length(text::width(&label) as u16),
        Constraint::Min(1),
    ])
    .areas(row);
    frame.render_widget(Paragraph::new(Span::styled(label, theme::accent())), l);
    text_input(frame, &d.input, input, true);
    error_line(frame, &d.error, err);
}
