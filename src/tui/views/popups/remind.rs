//! The reminders prepared: per section, how many slips, where the mail goes (or that it
//! has no address), the subject and the slips, before Enter sends them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, error_line, frame_block};
use crate::i18n::{Msg, fill};
use crate::store::AskWhy;
use crate::text;
use crate::tui::app::*;
use crate::tui::keymap::Mode;
use crate::tui::theme;
use crate::tui::views::centered;

pub(super) fn draw(frame: &mut Frame<'_>, r: &RemindForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let rect = centered(area, 80, area.height.saturating_sub(2).min(24));
    let inner = frame_block(frame, rect, Msg::TitleRemind.text(lang), Mode::Remind, cx);
    let [list, err] = Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(inner);
    let w = list.width as usize;
    let mut lines: Vec<Line<'_>> = vec![];
    for a in &r.asks {
        let name = cx.catalog.section_name(&a.section, lang);
        let to = match &a.email {
            Some(e) => Span::styled(format!("→ {}", text::sanitize(e, false)), theme::ok()),
            None => Span::styled(Msg::NoAddressShort.text(lang).to_string(), theme::alert()),
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    " {} ",
                    fill(Msg::RemindSection, lang, &[&name, &a.items.len()])
                ),
                theme::header(),
            ),
            to,
        ]));
        for it in &a.items {
            let why = match &it.why {
                AskWhy::Returned(_) => Msg::ReplyReturned.text(lang),
                _ => Msg::TabOverdue.text(lang),
            };
            let line = format!(
                "   #{} [{}] {}",
                it.id,
                why,
                text::first_line(&text::sanitize(&it.body, false))
            );
            lines.push(Line::raw(text::truncate(&line, w)));
        }
    }
    frame.render_widget(Paragraph::new(lines).scroll((r.scroll, 0)), list);
    error_line(frame, &r.error, err);
}
