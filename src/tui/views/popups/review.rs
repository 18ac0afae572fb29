//! The review popup: the replies waiting for the team, the one chosen in full, and the
//! reason line while sending one back.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;

use super::{Ctx, error_line, frame_block, outcome_spans};
use crate::i18n::{Lang, Msg, paren};
use crate::text;
use crate::tui::app::*;
use crate::tui::theme;
use crate::tui::views::{centered, text_input};

/// The review popup, centred in `area`.
pub(super) fn draw(frame: &mut Frame<'_>, r: &ReviewForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let rect = centered(area, 76, area.height.saturating_sub(2).min(22));
    let title = format!(
        "{}{}",
        Msg::TitleReview.text(lang),
        paren(lang, format!("#{}", r.target.0))
    );
    let mode = crate::tui::app::Form::mode(r);
    let inner = frame_block(frame, rect, &title, mode, cx);
    let [slip, list, meta, body, reason, err] = Layout::vertical([
        Constraint::Length(super::slip_text_rows(inner, &r.body, lang)),
        Constraint::Length(r.items.len().min(4) as u16),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    draw_items(frame, r, cx, list);
    super::slip_text(frame, &r.body, lang, slip);
    if let Some(it) = r.current() {
        draw_meta(frame, it, cx, meta);
        draw_reply_text(frame, it, cx.lang, body);
    }
    if let Some(ta) = &r.reason {
        draw_reason(frame, ta, lang, reason);
    }
    error_line(frame, &r.error, err);
}

/// One line per waiting reply: its section, the chosen one highlighted, and the start
/// of its text.
fn draw_items(frame: &mut Frame<'_>, r: &ReviewForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let lines: Vec<Line<'_>> = r
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let style = if i == r.cursor {
                theme::selected().patch(theme::accent())
            } else {
                ratatui::style::Style::default()
            };
            Line::from(vec![
                Span::styled(
                    format!(" {} ", cx.catalog.section_name(&it.section, lang)),
                    style,
                ),
                Span::styled(
                    format!(
                        " {}",
                        text::truncate(&text::first_line(&text::sanitize(&it.text, false)), 50)
                    ),
                    theme::dim(),
                ),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// What the chosen reply says it led to, and who wrote it.
fn draw_meta(frame: &mut Frame<'_>, it: &ReviewItem, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let by = if it.by.is_empty() {
        "-"
    } else {
        it.by.as_str()
    };
    let mut spans = outcome_spans(cx, it.outcome.as_deref(), theme::alert()).to_vec();
    spans.extend([
        Span::styled(
            format!("   {}: ", Msg::ColWrittenBy.text(lang)),
            theme::header(),
        ),
        Span::raw(text::truncate(&text::sanitize(by, false), 24)),
    ]);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The chosen reply in full, in a bordered box. Wrapped here, by cells, so no wide
/// character reaches the border.
fn draw_reply_text(frame: &mut Frame<'_>, it: &ReviewItem, lang: Lang, area: Rect) {
    let block = Block::bordered().border_style(theme::dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = returned_lines(it, lang, inner.width as usize);
    lines.extend(
        text::sanitize(&it.text, true)
            .lines()
            .flat_map(|l| text::wrap(l, inner.width as usize, ""))
            .map(Line::raw),
    );
    frame.render_widget(Paragraph::new(lines), inner);
}

/// For a reply sent back before and written again: why it was sent back, and what
/// changed (「…前の文…」→「…今の文…」), above the reply.
fn returned_lines(it: &ReviewItem, lang: Lang, width: usize) -> Vec<Line<'static>> {
    let Some(r) = &it.returned else {
        return vec![];
    };
    let mut out = vec![];
    let mut said = |label: Msg, value: String| {
        let head = format!("{}: ", label.text(lang));
        for (i, l) in text::wrap(&format!("{head}{value}"), width, "  ")
            .into_iter()
            .enumerate()
        {
            let style = if i == 0 { theme::alert() } else { theme::dim() };
            out.push(Line::from(Span::styled(l, style)));
        }
    };
    said(Msg::ReviewReturnedBecause, text::sanitize(&r.reason, false));
    if r.was != r.now {
        said(
            Msg::ReviewChanged,
            format!(
                "「{}」→「{}」",
                text::sanitize(&r.was, false),
                text::sanitize(&r.now, false)
            ),
        );
    }
    out.push(Line::raw(""));
    out
}

/// The reason line, while sending the reply back: its label, then the input.
fn draw_reason(frame: &mut Frame<'_>, ta: &TextArea<'static>, lang: Lang, area: Rect) {
    let label = format!(" {}: ", Msg::FieldReturnReason.text(lang));
    let [l, input] = Layout::horizontal([
        Constraint::Length(text::width(&label) as u16),
        Constraint::Min(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(Span::styled(label, theme::accent())), l);
    text_input(frame, ta, input, true);
}
