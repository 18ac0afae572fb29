//! Drawing. Views read the [`App`] and never change it; every width is in terminal
//! cells and every slip text is sanitised before it reaches the buffer.

mod detail;
mod entry;
mod inbox;
mod popups;
mod summary;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::app::{App, Screen};
use super::keymap;
use super::theme;
use crate::i18n::Msg;
use crate::text;

/// Draw the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    if app.too_small()
        || area.width < super::app::MIN_SIZE.0
        || area.height < super::app::MIN_SIZE.1
    {
        let msg = text::truncate(Msg::TooSmall.text(app.lang), area.width as usize);
        frame.render_widget(Paragraph::new(msg).style(theme::alert()), area);
        return;
    }
    match app.screen {
        Screen::Inbox => inbox::draw(frame, app, area),
        Screen::Detail => detail::draw(frame, app, area),
        Screen::Entry => entry::draw(frame, app, area),
        Screen::Summary => summary::draw(frame, app, area),
    }
    if app.popup.is_some() {
        popups::draw(frame, app, area);
    }
}

/// The bottom line: a message if there is one, else the main keys of this mode.
pub(crate) fn status_bar(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let line = match &app.flash {
        Some((msg, err)) => Line::from(Span::styled(
            text::truncate(&text::sanitize(msg, false), area.width as usize),
            if *err { theme::alert() } else { theme::ok() },
        )),
        None => {
            let mut spans = vec![];
            let hints = keymap::bar_fit(
                app.mode(),
                app.lang,
                &app.hidden_actions(),
                area.width as usize,
            );
            for (key, help) in hints {
                spans.push(Span::styled(format!(" {key} "), theme::key()));
                spans.push(Span::raw(format!("{help} ")));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Render a text input in `area`. Unfocused, it is plain text; focused, the editor
/// with its cursor, and the real terminal cursor is placed on it (in terminal cells)
/// so the IME draws its preedit there.
pub(crate) fn text_input(frame: &mut Frame<'_>, ta: &TextArea<'static>, area: Rect, focused: bool) {
    if !focused {
        // Wrapped by cells with 禁則処理 (text::wrap), as every wrap in meyasu is.
        let lines: Vec<Line<'_>> = ta
            .lines()
            .iter()
            .flat_map(|l| text::wrap(&text::sanitize(l, false), area.width as usize, ""))
            .map(Line::raw)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    frame.render_widget(ta, area);
    let sc = ta.screen_cursor();
    let (top, left) = ta.scroll_offset();
    let x = area.x as usize + sc.col.saturating_sub(left as usize);
    let y = area.y as usize + sc.row.saturating_sub(top as usize);
    let x = x.min(area.right().saturating_sub(1) as usize);
    let y = y.min(area.bottom().saturating_sub(1) as usize);
    frame.set_cursor_position(Position::new(x as u16, y as u16));
}

/// Clear `area` for a popup. A wide character just left of it would reach into its
/// first column (and the terminal diff would skip that column), so it becomes a space.
pub(crate) fn clear(frame: &mut Frame<'_>, area: Rect) {
    frame.render_widget(ratatui::widgets::Clear, area);
    if area.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(area.x - 1, y)];
        if text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// A rectangle of `w`×`h` centred in `area` (clamped to it).
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// `text` (already sanitised and fitted) as spans, the words of the search `query`
/// marked where they occur.
pub(crate) fn highlighted(text: String, query: &crate::search::Query) -> Line<'static> {
    let ranges = query.highlights(&text);
    if ranges.is_empty() {
        return Line::raw(text);
    }
    let mut spans = vec![];
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            spans.push(Span::raw(text[at..r.start].to_string()));
        }
        spans.push(Span::styled(text[r.clone()].to_string(), theme::found()));
        at = r.end;
    }
    if at < text.len() {
        spans.push(Span::raw(text[at..].to_string()));
    }
    Line::from(spans)
}
