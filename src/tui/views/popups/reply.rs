//! The reply form: one tab per section, the notice when a reply on record would be replaced, the draft.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Ctx, error_line, frame_block};
use crate::domain::ReplyState;
use crate::i18n::{Lang, Msg, fill, paren};
use crate::text::{self};
use crate::tui::app::*;
use crate::tui::keymap::Mode;
use crate::tui::theme;
use crate::tui::views::{centered, text_input};

/// The reply form, centred in `area`; nothing while there is no section to reply for.
pub(super) fn draw(frame: &mut Frame<'_>, r: &ReplyForm, cx: &Ctx<'_>, area: Rect) {
    if r.drafts.is_empty() {
        return;
    }
    let lang = cx.lang;
    let rect = centered(area, 76, area.height.saturating_sub(2).min(23));
    let title = format!(
        "{}{}",
        Msg::TitleReply.text(lang),
        paren(lang, format!("#{}", r.target.0))
    );
    let inner = frame_block(frame, rect, &title, Mode::Reply, cx);
    // A sent-back reply's reason gets a third line.
    let returned = r.current().existing_state == Some(ReplyState::Returned);
    let [slip, sections, notice, outcome, body, aids, err] = Layout::vertical([
        Constraint::Length(super::slip_text_rows(inner, &r.body, lang)),
        Constraint::Length(1),
        Constraint::Length(if returned { 3 } else { 2 }),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(4),
        Constraint::Length(2),
    ])
    .areas(inner);
    super::slip_text(frame, &r.body, lang, slip);
    draw_aids(frame, r, cx, aids);
    draw_section_tabs(frame, r, cx, sections);
    let d = r.current();
    draw_on_record(frame, d, lang, notice);
    draw_outcome(frame, d, r.picking.is_some(), cx, outcome);
    draw_draft(frame, d, body);
    error_line(frame, &r.error, err);
}

/// One tab per section, the shown one highlighted. ✓: the section has a reply on
/// record; ✎: this draft is not saved yet.
fn draw_section_tabs(frame: &mut Frame<'_>, r: &ReplyForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let spans: Vec<Span<'_>> = r
        .drafts
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            let name = cx.catalog.section_name(&d.section, lang);
            let marks = format!(
                "{}{}",
                match (&d.existing, d.existing_state) {
                    (None, _) => "",
                    (Some(_), Some(ReplyState::Returned)) => " !",
                    (Some(_), Some(ReplyState::Draft)) => " ?",
                    (Some(_), _) => " ✓",
                },
                if d.is_dirty() { " ✎" } else { "" }
            );
            [
                Span::styled(
                    format!(" {name}{marks} "),
                    if i == r.cursor {
                        theme::selected().patch(theme::accent())
                    } else {
                        ratatui::style::Style::default()
                    },
                ),
                Span::raw(" "),
            ]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The notice, when the section has a reply on record, wrapped to the area and cut
/// with … when it does not fit. Only an approved reply is an answer: one waiting for
/// review or sent back says so, with the team's reason.
fn draw_on_record(frame: &mut Frame<'_>, d: &ReplyDraft, lang: Lang, area: Rect) {
    let Some((_, on)) = &d.existing else {
        return;
    };
    let (said, style) = match d.existing_state {
        Some(ReplyState::Returned) => (
            fill(
                Msg::ReplyOnRecordReturned,
                lang,
                &[on, &d.return_reason.as_deref().unwrap_or("")],
            ),
            theme::alert(),
        ),
        Some(ReplyState::Draft) => (
            fill(Msg::ReplyOnRecordWaiting, lang, &[on]),
            theme::marked(),
        ),
        _ if d.is_dirty() => (fill(Msg::ReplyOnRecord, lang, &[on]), theme::alert()),
        _ => (fill(Msg::ReplyOnRecord, lang, &[on]), theme::dim()),
    };
    let lines = text::wrap(&format!(" {said}"), area.width as usize, " ");
    let room = area.height as usize;
    let shown: Vec<Line<'_>> = lines
        .iter()
        .take(room)
        .enumerate()
        .map(|(i, l)| {
            let l = if i + 1 == room && lines.len() > room {
                text::truncate(&format!("{l}…"), area.width as usize)
            } else {
                l.clone()
            };
            Line::styled(l, style)
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// What the reply led to: Ctrl-O steps through the ward's list.
fn draw_outcome(frame: &mut Frame<'_>, d: &ReplyDraft, picking: bool, cx: &Ctx<'_>, area: Rect) {
    let mut spans = super::outcome_spans(cx, d.outcome.as_deref(), theme::dim()).to_vec();
    if picking {
        // Just after Ctrl-O: a number picks, as the sheet's drop-down lists them.
        let list: Vec<String> = cx
            .catalog
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| format!("{} {}", i + 1, o.display(cx.lang)))
            .chain([format!("0 {}", Msg::OutcomeNotSet.text(cx.lang))])
            .collect();
        spans.push(Span::styled(
            format!("  {}", list.join("  ")),
            theme::accent(),
        ));
    } else {
        spans.push(Span::styled("  (Ctrl-O)", theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The draft being written, in a bordered box.
fn draw_draft(frame: &mut Frame<'_>, d: &ReplyDraft, area: Rect) {
    let block = Block::bordered().border_style(theme::dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    text_input(frame, &d.text, inner, true);
}

/// The templates and past replies on offer for the section shown: the chosen one marked
/// ▶, Ctrl-N to step, Ctrl-T to insert.
fn draw_aids(frame: &mut Frame<'_>, r: &ReplyForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let shown = r.aids_shown();
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {}", Msg::AidsTitle.text(lang)), theme::header()),
        Span::styled("  (Ctrl-N, Ctrl-T)", theme::dim()),
    ])];
    if shown.is_empty() {
        lines.push(Line::styled(
            format!(" {}", Msg::AidsNone.text(lang)),
            theme::dim(),
        ));
    }
    let h = area.height.saturating_sub(1) as usize;
    let start = r.aid_cursor.saturating_sub(h.saturating_sub(1));
    let w = area.width as usize;
    for (i, a) in shown.iter().enumerate().skip(start).take(h) {
        let source = match &a.source {
            AidSource::Template(title, _) => {
                format!("[{}] {}", Msg::AidTemplate.text(lang), title)
            }
            AidSource::Past(id) => format!("#{id} {}", cx.catalog.section_name(&a.section, lang)),
        };
        let mark = if i == r.aid_cursor { "▶" } else { " " };
        let text = text::first_line(&text::sanitize(&a.text, false));
        let line = text::truncate(&format!(" {mark} {source}: {text}"), w);
        lines.push(Line::styled(
            line,
            if i == r.aid_cursor {
                theme::accent()
            } else {
                ratatui::style::Style::default()
            },
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
