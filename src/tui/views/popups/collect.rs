//! The reply sheets collected: per file, its section and each slip's fate (new, changed,
//! recorded already, not answered, refused and why), before Enter records them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Ctx, error_line, frame_block};
use crate::i18n::{Msg, fill};
use crate::io::sheets::Fate;
use crate::text;
use crate::tui::app::*;
use crate::tui::keymap::Mode;
use crate::tui::theme;
use crate::tui::views::centered;

pub(super) fn draw(frame: &mut Frame<'_>, c: &CollectForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let rect = centered(area, 84, area.height.saturating_sub(2).min(26));
    let title = fill(Msg::TitleCollect, lang, &[&c.folder]);
    let inner = frame_block(frame, rect, &title, Mode::Collect, cx);
    let [list, err] = Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(inner);
    let w = list.width as usize;
    let mut lines: Vec<Line<'_>> = vec![];
    // Wrapped, not cut: the reason is what the team needs to read.
    for why in &c.refused {
        for l in text::wrap(&format!(" × {}", text::sanitize(why, false)), w, "   ") {
            lines.push(Line::styled(l, theme::alert()));
        }
    }
    for p in &c.plans {
        let head = fill(
            Msg::CollectHeader,
            lang,
            &[
                &text::sanitize(&p.file, false),
                &cx.catalog.section_name(&p.section, lang),
                &p.issued,
            ],
        );
        lines.push(Line::styled(
            text::truncate(&format!(" {head}"), w),
            theme::header(),
        ));
        for row in &p.rows {
            let (fate, style) = match &row.fate {
                Fate::New => (Msg::FateNew.text(lang).to_string(), theme::ok()),
                Fate::Changed => (Msg::FateChanged.text(lang).to_string(), theme::marked()),
                Fate::Unchanged => (Msg::FateUnchanged.text(lang).to_string(), theme::dim()),
                Fate::Empty => (Msg::FateEmpty.text(lang).to_string(), theme::dim()),
                Fate::Refused(why) => (fill(Msg::FateRefused, lang, &[why]), theme::alert()),
            };
            let said = if row.text.is_empty() {
                format!("   #{} {fate}", row.id)
            } else {
                format!("   #{} {fate}: {}", row.id, text::first_line(&row.text))
            };
            // A refusal wraps (its reason is the point); an answer is cut to one line.
            if matches!(row.fate, Fate::Refused(_)) {
                for l in text::wrap(&said, w, "      ") {
                    lines.push(Line::styled(l, style));
                }
            } else {
                lines.push(Line::styled(text::truncate(&said, w), style));
            }
        }
    }
    let n = c.to_record();
    lines.push(Line::raw(""));
    let end = if n == 0 {
        Msg::CollectNothing.text(lang).to_string()
    } else {
        fill(Msg::CollectEnter, lang, &[&n])
    };
    lines.push(Line::styled(format!(" {end}"), theme::accent()));
    frame.render_widget(Paragraph::new(lines).scroll((c.scroll, 0)), list);
    error_line(frame, &c.error, err);
}
