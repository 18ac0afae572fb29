//! The reminders prepared: per section, how many slips, where the mail goes (or that it
//! has no address), the subject and the slips, before Enter sends them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, error_line, frame_block};
use crate::i18n::{Msg, fill};
use crate::store::{AskWhy, SectionAsk};
use crate::text;
use crate::tui::app::*;
use crate::tui::keymap::Mode;
use crate::tui::theme;
use crate::tui::views::centered;

pub(super) fn draw(frame: &mut Frame<'_>, r: &RemindForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let rect = centered(area, 80, area.height.saturating_sub(2).min(24));
    let title = match r.kind {
        crate::store::AskKind::Request => Msg::TitleRequest,
        crate::store::AskKind::Remind => Msg::TitleRemind,
    };
    let inner = frame_block(frame, rect, title.text(lang), Mode::Remind, cx);
    let [list, err] = Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(inner);
    let w = list.width as usize;
    let mut lines: Vec<Line<'_>> = vec![];
    let sheets = if r.sheets {
        Msg::RemindSheetsOn
    } else {
        Msg::RemindSheetsOff
    };
    lines.push(Line::styled(
        text::truncate(&format!(" {}", sheets.text(lang)), w),
        theme::dim(),
    ));
    for a in &r.asks {
        section_lines(&mut lines, a, cx, w);
    }
    // What a request leaves out, and why: asked before, awaiting the reply.
    for (section, n) in &r.asked_before {
        let name = cx.catalog.section_name(section, lang);
        let said = fill(Msg::RequestSkipped, lang, &[&name, n]);
        lines.push(Line::styled(
            text::truncate(&format!(" {said}"), w),
            theme::dim(),
        ));
    }
    if !r.held.is_empty() {
        let (title, style) = match r.again {
            Again::No => (Msg::RemindHeldTitle.text(lang).to_string(), theme::dim()),
            Again::Asked => (
                fill(Msg::RemindAgainArm, lang, &[&r.held_count()]),
                theme::alert(),
            ),
            Again::Yes => (
                fill(Msg::RemindAgainOn, lang, &[&r.held_count()]),
                theme::alert(),
            ),
        };
        lines.push(Line::raw(""));
        lines.push(Line::styled(text::truncate(&format!(" {title}"), w), style));
        for a in &r.held {
            section_lines(&mut lines, a, cx, w);
        }
    }
    frame.render_widget(Paragraph::new(lines).scroll((r.scroll, 0)), list);
    match &r.sending {
        Some(line) if r.error.is_none() => {
            let p = Paragraph::new(Line::styled(text::truncate(line, w), theme::header()));
            frame.render_widget(p, err);
        }
        _ => error_line(frame, &r.error, err),
    }
}

/// A section's heading (name, count, address) and one line per slip: why, the text, and
/// when it was last reminded.
fn section_lines<'a>(lines: &mut Vec<Line<'a>>, a: &SectionAsk, cx: &Ctx<'_>, w: usize) {
    let lang = cx.lang;
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
            AskWhy::Returned(_) => Msg::ReplyReturned.text(lang).to_string(),
            AskWhy::Overdue => Msg::TabOverdue.text(lang).to_string(),
            AskWhy::New => match it.due_on {
                Some(d) => format!("{} {}", Msg::ColDue.text(lang), d),
                None => Msg::ColDue.text(lang).to_string(),
            },
        };
        let last = it
            .last_reminded
            .map(|d| fill(Msg::LastReminded, lang, &[&d]))
            .unwrap_or_default();
        let head = format!("   #{} [{}]{last} ", it.id, why);
        let room = w.saturating_sub(text::width(&head));
        let body = text::first_line(&text::sanitize(&it.body, false));
        lines.push(Line::raw(format!("{head}{}", text::truncate(&body, room))));
    }
}
