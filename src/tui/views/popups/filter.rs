//! The filter popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, frame_block};
use crate::i18n::Msg;
use crate::text::{self, pad};
use crate::tui::app::*;
use crate::tui::keymap::Mode;
use crate::tui::theme;
use crate::tui::views::centered;

pub(super) fn draw(frame: &mut Frame<'_>, f: &FilterForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let rect = centered(area, 60, 10);
    let inner = frame_block(frame, rect, Msg::TitleFilter.text(lang), Mode::Filter, cx);
    let any = Msg::FilterAny.text(lang).to_string();
    let d = &f.draft;
    let section = match &cx.liaison {
        Some(code) => cx.catalog.section_name(code, lang),
        None => d
            .section
            .as_ref()
            .map_or(any.clone(), |s| cx.catalog.section_name(s, lang)),
    };
    let voided = if d.voided {
        Msg::FilterVoidedOnly
    } else {
        Msg::FilterVoidedNone
    }
    .text(lang)
    .to_string();
    let rows: [(Msg, String); 6] = [
        (Msg::ColSections, section),
        (
            Msg::ColFloor,
            d.floor
                .as_ref()
                .map_or(any.clone(), |s| cx.catalog.floor_name(s, lang)),
        ),
        (
            Msg::ColKind,
            d.kind
                .as_ref()
                .map_or(any.clone(), |s| cx.catalog.kind_name(s, lang)),
        ),
        (
            Msg::FieldFiscalYear,
            d.fiscal_year
                .map_or(any.clone(), |y| crate::domain::date::fiscal_label(y, lang)),
        ),
        (
            Msg::FieldMonth,
            d.month.map_or(any.clone(), |(y, m)| {
                crate::domain::date::month_both(y, m, lang)
            }),
        ),
        (Msg::FilterVoided, voided),
    ];
    let lw = rows
        .iter()
        .map(|(m, _)| text::width(m.text(lang)))
        .max()
        .unwrap_or(4);
    let lines: Vec<Line<'_>> = rows
        .iter()
        .enumerate()
        .map(|(i, (m, v))| {
            let on = i == f.row;
            Line::from(vec![
                Span::styled(
                    format!(" {} ", pad(m.text(lang), lw)),
                    if on { theme::accent() } else { theme::header() },
                ),
                Span::styled(
                    format!(" ◀ {v} ▶ "),
                    if on {
                        theme::selected()
                    } else {
                        ratatui::style::Style::default()
                    },
                ),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
