//! The entry form: date, floor and kind by one key, the text, an optional summary.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{status_bar, text_input};
use crate::domain::Label;
use crate::i18n::{Lang, Msg, fill};
use crate::text;
use crate::tui::app::{App, EntryForm, Field};
use crate::tui::theme;

/// The entry form: its title, the slips like the one saved last, date, floor, kind,
/// text and summary, and the status bar.
pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let [main, bar] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let Some(form) = &app.entry else {
        status_bar(frame, app, bar);
        return;
    };
    let inner = form_block(frame, form, lang, main);
    let [date, floor, kind, gap, body_label, body, summary] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(similar_rows(form, inner)),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(inner);
    let label_w = label_width(lang);
    draw_similar(frame, form, lang, gap);
    draw_date(frame, app, form, date, label_w);
    // Floor and kind: numbered one-key pick lists.
    let floors = (
        Field::Floor,
        Msg::ColFloor,
        &app.catalog.floors[..],
        form.floor,
    );
    draw_pick(frame, form, floors, lang, floor, label_w);
    let kinds = (Field::Kind, Msg::ColKind, &app.catalog.kinds[..], form.kind);
    draw_pick(frame, form, kinds, lang, kind, label_w);
    draw_body(frame, form, lang, [body_label, body], label_w);
    // Summary.
    let [l, input] =
        Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(summary);
    label(frame, form, Field::Summary, Msg::ColSummary.text(lang), l);
    text_input(frame, &form.summary, input, form.focus == Field::Summary);

    status_bar(frame, app, bar);
}

/// The form's frame and title (new or editing, how many saved); returns the inside.
fn form_block(frame: &mut Frame<'_>, form: &EntryForm, lang: Lang, main: Rect) -> Rect {
    let title = match form.editing {
        Some((id, _)) => fill(Msg::TitleEdit, lang, &[&id]),
        None => Msg::TitleEntry.text(lang).to_string(),
    };
    let mut title_spans = vec![Span::styled(format!(" {title} "), theme::header())];
    if form.saved > 0 {
        title_spans.push(Span::styled(
            format!("({}) ", fill(Msg::Count, lang, &[&form.saved])),
            theme::ok(),
        ));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(title_spans));
    let inner = block.inner(main);
    frame.render_widget(block, main);
    inner
}

/// After a save, the earlier slips most like it, one to a line where there is room.
fn similar_rows(form: &EntryForm, inner: Rect) -> u16 {
    match form.similar_on_screen() {
        Some((_, list)) if !list.is_empty() => {
            1 + list.len().min(if inner.height >= 18 { 3 } else { 1 }) as u16
        }
        _ => 1,
    }
}

/// The width of the labels before the fields.
fn label_width(lang: Lang) -> u16 {
    [
        Msg::ColReceived,
        Msg::ColFloor,
        Msg::ColKind,
        Msg::ColText,
        Msg::ColSummary,
    ]
    .iter()
    .map(|m| text::width(m.text(lang)))
    .max()
    .unwrap_or(4) as u16
        + 3
}

/// The slip saved last and the earlier ones most like it: a duplicate is one key away.
fn draw_similar(frame: &mut Frame<'_>, form: &EntryForm, lang: Lang, gap: Rect) {
    let Some((id, list)) = form.similar_on_screen() else {
        return;
    };
    if list.is_empty() {
        return;
    }
    // Which one Ctrl-D offers: the most similar (its number can be changed there).
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(" {} ", fill(Msg::SimilarTo, lang, &[id])),
            theme::marked(),
        ),
        Span::styled(
            format!(
                "Ctrl-D {}",
                fill(Msg::DuplicateOfFirst, lang, &[id, &list[0].id])
            ),
            theme::dim(),
        ),
    ])];
    let w = gap.width as usize;
    for x in list.iter().take(gap.height.saturating_sub(1) as usize) {
        let head = format!("   #{} {} ", x.id, x.received_on);
        let room = w.saturating_sub(text::width(&head));
        let excerpt = text::first_line(&text::sanitize(&x.excerpt, false));
        lines.push(Line::from(vec![
            Span::styled(head, theme::accent()),
            Span::raw(text::truncate(&excerpt, room)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), gap);
}

/// The date: its input, and the date as read, so a typo shows before saving:
/// 2024-02-10 令和6年2月10日（土）.
fn draw_date(frame: &mut Frame<'_>, app: &App, form: &EntryForm, row: Rect, label_w: u16) {
    let lang = app.lang;
    let [l, input, hint] = Layout::horizontal([
        Constraint::Length(label_w),
        Constraint::Length(18),
        Constraint::Min(1),
    ])
    .areas(row);
    label(frame, form, Field::Date, Msg::ColReceived.text(lang), l);
    text_input(frame, &form.date, input, form.focus == Field::Date);
    let read = crate::domain::date::parse_date(&crate::tui::app::value(&form.date), app.today);
    match (read, form.error(Field::Date)) {
        (Some(d), None) => {
            let mut spans = vec![Span::styled(
                text::truncate(
                    &format!("→ {d} {}", crate::domain::date::date_long(d, lang)),
                    hint.width as usize,
                ),
                theme::ok(),
            )];
            if form.focus == Field::Date {
                let used = text::width(&spans[0].content) + 2;
                spans.push(Span::styled(
                    format!(
                        "  {}",
                        text::truncate(
                            Msg::HintDate.text(lang),
                            (hint.width as usize).saturating_sub(used)
                        )
                    ),
                    theme::dim(),
                ));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), hint);
        }
        _ => hint_or_error(frame, form, Field::Date, Msg::HintDate.text(lang), hint),
    }
}

/// A numbered one-key pick list (floor or kind): its field, label, choices and the one
/// picked; the hint or the error after it.
fn draw_pick(
    frame: &mut Frame<'_>,
    form: &EntryForm,
    (field, msg, list, picked): (Field, Msg, &[Label], Option<usize>),
    lang: Lang,
    row: Rect,
    label_w: u16,
) {
    let [l, rest] =
        Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(row);
    label(frame, form, field, msg.text(lang), l);
    let mut spans = choices(list, picked, lang);
    let err = form.error(field);
    if form.focus == field || err.is_some() {
        spans.push(Span::raw("  "));
        spans.push(match err {
            Some(e) => Span::styled(e.to_string(), theme::alert()),
            None => Span::styled(Msg::HintPickNumber.text(lang), theme::dim()),
        });
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), rest);
}

/// The text: its label and error line, and the bordered editor below.
fn draw_body(
    frame: &mut Frame<'_>,
    form: &EntryForm,
    lang: Lang,
    [body_label, body]: [Rect; 2],
    label_w: u16,
) {
    let [l, hint] =
        Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(body_label);
    label(frame, form, Field::Body, Msg::ColText.text(lang), l);
    hint_or_error(frame, form, Field::Body, "", hint);
    let body_block = Block::bordered().border_style(if form.focus == Field::Body {
        theme::accent()
    } else {
        theme::dim()
    });
    let body_inner = body_block.inner(body);
    frame.render_widget(body_block, body);
    text_input(frame, &form.body, body_inner, form.focus == Field::Body);
}

fn label(frame: &mut Frame<'_>, form: &EntryForm, field: Field, text: &str, area: Rect) {
    let style = if form.focus == field {
        theme::accent()
    } else if form.error(field).is_some() {
        theme::alert()
    } else {
        theme::header()
    };
    let marker = if form.focus == field { "▶" } else { " " };
    frame.render_widget(
        Paragraph::new(Span::styled(format!("{marker}{text}"), style)),
        area,
    );
}

fn hint_or_error(frame: &mut Frame<'_>, form: &EntryForm, field: Field, hint: &str, area: Rect) {
    let span = match form.error(field) {
        Some(e) => Span::styled(text::truncate(e, area.width as usize), theme::alert()),
        None if form.focus == field => {
            Span::styled(text::truncate(hint, area.width as usize), theme::dim())
        }
        None => Span::raw(""),
    };
    frame.render_widget(Paragraph::new(span), area);
}

fn choices(list: &[Label], picked: Option<usize>, lang: Lang) -> Vec<Span<'static>> {
    list.iter()
        .enumerate()
        .flat_map(|(i, l)| {
            let chosen = picked == Some(i);
            let key = if i < 9 {
                format!("{}", i + 1)
            } else {
                " ".into()
            };
            [
                Span::styled(format!("[{key}]"), theme::dim()),
                Span::styled(
                    l.display(lang).to_string(),
                    if chosen {
                        theme::selected().patch(theme::accent())
                    } else {
                        ratatui::style::Style::default()
                    },
                ),
                Span::raw(" "),
            ]
        })
        .collect()
}
