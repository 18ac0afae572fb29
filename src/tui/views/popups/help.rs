//! The key help, from the key table of the screen underneath.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, frame_block};
use crate::i18n::Msg;
use crate::text::{self, pad};
use crate::tui::app::*;
use crate::tui::keymap::{self, Mode};
use crate::tui::theme;
use crate::tui::views::centered;

pub(super) fn draw(frame: &mut Frame<'_>, h: &HelpPopup, cx: &Ctx<'_>, area: Rect) {
    let scroll = h.scroll;
    let lang = cx.lang;
    let rect = centered(area, 64, area.height.saturating_sub(2));
    let inner = frame_block(frame, rect, Msg::TitleHelp.text(lang), Mode::Help, cx);
    let mode = cx.base_mode;
    let hidden = &cx.hidden;
    let rows: Vec<(String, String)> = keymap::bindings(mode)
        .filter(|b| !hidden.contains(&b.action))
        .filter_map(|b| Some((keymap::keys_label(b), (cx.binding_help)(b)?)))
        .collect();
    let kw = rows
        .iter()
        .map(|(k, _)| text::width(k))
        .max()
        .unwrap_or(4)
        .min(24);
    let lines: Vec<Line<'_>> = rows
        .into_iter()
        .map(|(k, h)| {
            Line::from(vec![
                Span::styled(format!(" {} ", pad(&k, kw)), theme::accent()),
                Span::raw(h),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
