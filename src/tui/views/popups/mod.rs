//! Popups drawn over a screen, one module each, mirroring `tui::app::popups`: each draws
//! from its own form and a small [`Ctx`], never from the whole app.

mod collect;
mod duplicate;
mod filter;
mod help;
mod private;
mod remind;
mod reply;
mod review;
mod status;
mod triage;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::Catalog;
use crate::i18n::Lang;
use crate::text;
use crate::tui::app::{App, Popup};
use crate::tui::keymap::{self, Action, Binding, Mode};
use crate::tui::theme;

/// What a popup's view may read of the app.
pub(super) struct Ctx<'a> {
    /// UI language.
    pub lang: Lang,
    /// Today.
    pub today: chrono::NaiveDate,
    /// Sections, floors and kinds.
    pub catalog: &'a Catalog,
    /// Liaison mode: the section.
    pub liaison: Option<&'a str>,
    /// Keys not offered now (the hints leave them out).
    pub hidden: Vec<Action>,
    /// The screen under the popup (what the help explains).
    pub base_mode: Mode,
    /// Help text of a binding as this app shows it.
    pub binding_help: &'a dyn Fn(&Binding) -> Option<String>,
    /// The marks already made on the open slip (the private-text prompt lists them).
    pub private_marks: &'a [String],
}

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let binding_help = |b: &Binding| app.binding_help(b);
    let cx = Ctx {
        lang: app.lang,
        today: app.today,
        catalog: &app.catalog,
        liaison: app.liaison.as_deref(),
        hidden: app.hidden_actions(),
        base_mode: app.base_mode(),
        binding_help: &binding_help,
        private_marks: app
            .detail
            .as_ref()
            .map_or(&[], |d| d.slip.private.as_slice()),
    };
    match &app.popup {
        Some(Popup::Help(p)) => help::draw(frame, p, &cx, area),
        Some(Popup::Triage(p)) => triage::draw(frame, p, &cx, area),
        Some(Popup::Status(p)) => status::draw(frame, p, &cx, area),
        Some(Popup::Reply(p)) => reply::draw(frame, p, &cx, area),
        Some(Popup::Filter(p)) => filter::draw(frame, p, &cx, area),
        Some(Popup::Duplicate(p)) => duplicate::draw(frame, p, &cx, area),
        Some(Popup::Private(p)) => private::draw(frame, p, &cx, area),
        Some(Popup::Review(p)) => review::draw(frame, p, &cx, area),
        Some(Popup::Remind(p)) => remind::draw(frame, p, &cx, area),
        Some(Popup::Collect(p)) => collect::draw(frame, p, &cx, area),
        None => {}
    }
}

pub(super) fn frame_block(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    hints: Mode,
    cx: &Ctx<'_>,
) -> Rect {
    super::clear(frame, area);
    let keys: Vec<Span<'_>> = keymap::bar(hints, cx.lang, &cx.hidden)
        .into_iter()
        .flat_map(|(k, h)| {
            [
                Span::styled(format!(" {k} "), theme::key()),
                Span::raw(format!("{h} ")),
            ]
        })
        .collect();
    let block = Block::bordered()
        .border_style(theme::accent())
        .title(Span::styled(format!(" {title} "), theme::header()))
        .title_bottom(Line::from(keys));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

pub(super) fn error_line(frame: &mut Frame<'_>, error: &Option<String>, area: Rect) {
    if let Some(e) = error {
        // Wrapped here, by cells: ratatui's wrap can leave a wide character straddling
        // the popup's right border.
        let lines: Vec<Line<'_>> = text::wrap(&text::sanitize(e, false), area.width as usize, "")
            .into_iter()
            .map(|l| Line::styled(l, theme::alert()))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// How many lines of the slip's text a popup of `inner` shows above its fields: as many
/// as the text takes, up to three where there is room, else two (80×24).
pub(super) fn slip_text_rows(inner: Rect, body: &str, lang: Lang) -> u16 {
    let most = if inner.height >= 21 { 3 } else { 2 };
    (slip_lines(body, lang, inner.width as usize).len() as u16).min(most)
}

fn slip_lines(body: &str, lang: Lang, w: usize) -> Vec<String> {
    let label = format!(" {}: ", crate::i18n::Msg::ColText.text(lang));
    let indent = " ".repeat(text::width(&label));
    let flat = text::sanitize(body, false).replace('↵', " ");
    text::wrap(&format!("{label}{flat}"), w, &indent)
}

/// The slip's text at the top of a popup (reply, triage, review), so the person writing
/// or deciding sees what the visitor wrote: wrapped by cells, dimmed, the last line cut
/// with `…` when there is more than fits.
pub(super) fn slip_text(frame: &mut Frame<'_>, body: &str, lang: Lang, area: Rect) {
    let w = area.width as usize;
    let lines = slip_lines(body, lang, w);
    let room = area.height as usize;
    let shown: Vec<Line<'_>> = lines
        .iter()
        .take(room)
        .enumerate()
        .map(|(i, l)| {
            let l = if i + 1 == room && lines.len() > room {
                text::truncate(&format!("{l}…"), w)
            } else {
                l.clone()
            };
            Line::styled(l, theme::dim())
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// 「対応区分: 改善した」 as two spans: the label, and the outcome's name (`unset` styles
/// 未設定: dim where one is still to be chosen, alert where the team reviews it).
pub(super) fn outcome_spans(
    cx: &Ctx<'_>,
    outcome: Option<&str>,
    unset: ratatui::style::Style,
) -> [Span<'static>; 2] {
    [
        Span::styled(
            format!(" {}: ", crate::i18n::Msg::ColOutcome.text(cx.lang)),
            theme::header(),
        ),
        Span::styled(
            cx.catalog.outcome_name(outcome, cx.lang),
            if outcome.is_some() {
                theme::ok()
            } else {
                unset
            },
        ),
    ]
}
