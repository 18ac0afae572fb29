//! Triage: the section search and pick list, the due date, and the plan shown before a change that needs it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Ctx, error_line, frame_block};
use crate::i18n::{Lang, Msg, fill, paren};
use crate::text::{self, pad};
use crate::tui::app::*;
use crate::tui::keymap::Mode;
use crate::tui::theme;
use crate::tui::views::{centered, text_input};

/// The triage popup: the section search and pick list (or the plan to confirm), and the
/// due date with its weekday.
pub(super) fn draw(frame: &mut Frame<'_>, t: &TriageForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    // 72 cells, wider on a wide terminal (up to 100) so a suggestion's reasons show whole.
    let width = area.width.saturating_sub(8).clamp(72, 100);
    let rect = centered(area, width, area.height.saturating_sub(2).min(24));
    let inner = frame_block(frame, rect, &title(t, lang), Mode::Triage, cx);
    let inner = slip_on_top(frame, t, lang, inner);
    let [search, picked, list, due, err] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    let lw = label_width(lang);
    let [l, input] = Layout::horizontal([Constraint::Length(lw), Constraint::Min(1)]).areas(search);
    draw_label(
        frame,
        t,
        Msg::FieldFindSection,
        TriageFocus::Sections,
        lang,
        l,
    );
    text_input(frame, &t.search, input, t.focus == TriageFocus::Sections);
    draw_picked(frame, t, cx, picked);
    if let Some(plans) = &t.confirm {
        draw_confirm(frame, cx, plans, list, err);
        return;
    }
    frame.render_widget(Paragraph::new(section_lines(t, cx, list)), list);
    draw_due(frame, t, cx, due, lw);
    error_line(frame, &t.error, err);
}

/// The popup's title: how many slips, or the one slip's number.
fn title(t: &TriageForm, lang: Lang) -> String {
    let title = Msg::TitleTriage.text(lang).to_string();
    if t.targets.len() > 1 {
        format!(
            "{title}{}",
            paren(lang, fill(Msg::Count, lang, &[&t.targets.len()]))
        )
    } else if let Some(x) = t.targets.first() {
        format!("{title}{}", paren(lang, format!("#{}", x.id)))
    } else {
        title
    }
}

/// One slip: its text on top, so the sections are chosen with it in view; the rest of
/// the area is returned.
fn slip_on_top(frame: &mut Frame<'_>, t: &TriageForm, lang: Lang, inner: Rect) -> Rect {
    match t.targets.as_slice() {
        [one] => {
            let [slip, rest] = Layout::vertical([
                Constraint::Length(super::slip_text_rows(inner, &one.body, lang)),
                Constraint::Min(1),
            ])
            .areas(inner);
            super::slip_text(frame, &one.body, lang, slip);
            rest
        }
        _ => inner,
    }
}

/// The width of the labels before the two inputs.
fn label_width(lang: Lang) -> u16 {
    text::width(Msg::FieldFindSection.text(lang)).max(text::width(Msg::ColDue.text(lang))) as u16
        + 3
}

/// An input's label, lit when the input has the focus.
fn draw_label(
    frame: &mut Frame<'_>,
    t: &TriageForm,
    label: Msg,
    focus: TriageFocus,
    lang: Lang,
    area: Rect,
) {
    let style = if t.focus == focus {
        theme::accent()
    } else {
        theme::header()
    };
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {}:", label.text(lang)), style)),
        area,
    );
}

/// The sections picked so far (or, for several slips, the ones each gets added).
fn draw_picked(frame: &mut Frame<'_>, t: &TriageForm, cx: &Ctx<'_>, area: Rect) {
    let lang = cx.lang;
    let names: Vec<String> = t
        .picked
        .iter()
        .map(|c| cx.catalog.section_name(c, lang))
        .collect();
    let picked_label = if t.bulk {
        Msg::HintAddEach
    } else {
        Msg::HintSelected
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {}: ", picked_label.text(lang)), theme::dim()),
            Span::styled(
                text::truncate(&names.join("・"), area.width.saturating_sub(10) as usize),
                theme::ok(),
            ),
        ])),
        area,
    );
}

/// The plan of a change that needs confirming, in place of the list, and the question.
fn draw_confirm(frame: &mut Frame<'_>, cx: &Ctx<'_>, plans: &[PlanLine], list: Rect, err: Rect) {
    let lines = plan_lines(cx, plans, list.width as usize);
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}", Msg::PlanConfirm.text(cx.lang)),
            theme::accent(),
        ))
        .wrap(Wrap { trim: true }),
        err,
    );
}

/// The sections matching the search, the window around the cursor.
fn section_lines(t: &TriageForm, cx: &Ctx<'_>, list: Rect) -> Vec<Line<'static>> {
    let lang = cx.lang;
    let replied: &[String] = match t.targets.as_slice() {
        [one] => &one.replied,
        _ => &[],
    };
    let matches = t.matches(cx.catalog);
    let h = list.height as usize;
    let start = t.cursor.unwrap_or(0).saturating_sub(h.saturating_sub(1));
    let dept_w = matches
        .iter()
        .map(|s| text::width(s.department_display(lang)))
        .max()
        .unwrap_or(0)
        .min(20);
    matches
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(i, s)| section_line(t, s, i, replied, dept_w, lang))
        .collect()
}

/// One section of the pick list: picked or not, code, name, 部, replied, suggested.
fn section_line(
    t: &TriageForm,
    s: &crate::domain::Section,
    i: usize,
    replied: &[String],
    dept_w: usize,
    lang: Lang,
) -> Line<'static> {
    let name_w = 16;
    let on = t.picked.contains(&s.label.code);
    let style = if Some(i) == t.cursor && t.focus == TriageFocus::Sections {
        theme::selected()
    } else if on {
        theme::ok()
    } else {
        ratatui::style::Style::default()
    };
    Line::from(Span::styled(
        format!(
            " {} {} {} {}",
            if on { "[x]" } else { "[ ]" },
            pad(&s.label.code, 10),
            pad(s.label.display(lang), name_w),
            // Padded, so ✓ and ★候補 line up for sections without a 部.
            pad(
                if s.department.is_empty() {
                    ""
                } else {
                    s.department_display(lang)
                },
                dept_w
            )
        ) + &if replied.contains(&s.label.code) {
            format!("  ✓{}", Msg::Replied.text(lang))
        } else {
            String::new()
        } + &suggestion(t, &s.label.code),
        style,
    ))
}

/// The due date: its label, its input, and the date as read.
fn draw_due(frame: &mut Frame<'_>, t: &TriageForm, cx: &Ctx<'_>, due: Rect, lw: u16) {
    let [l, input, hint] = Layout::horizontal([
        Constraint::Length(lw),
        Constraint::Length(14),
        Constraint::Min(1),
    ])
    .areas(due);
    draw_label(frame, t, Msg::ColDue, TriageFocus::Due, cx.lang, l);
    text_input(frame, &t.due, input, t.focus == TriageFocus::Due);
    let (msg, style) = due_as_read(t, cx);
    frame.render_widget(
        Paragraph::new(Span::styled(
            text::truncate(&msg, hint.width as usize),
            style,
        )),
        hint,
    );
}

/// The due date as read, with its weekday, so a weekend or a typo shows at once.
fn due_as_read(t: &TriageForm, cx: &Ctx<'_>) -> (String, ratatui::style::Style) {
    let lang = cx.lang;
    match crate::domain::date::parse_date(&value(&t.due), cx.today) {
        Some(d) => {
            let mut s = crate::domain::date::date_long(d, lang);
            if crate::domain::date::is_closed_day(d) {
                s = format!("{s} {}", Msg::ClosedDay.text(lang));
            }
            let style = if crate::domain::date::is_closed_day(d) || d < cx.today {
                theme::alert()
            } else {
                theme::ok()
            };
            (s, style)
        }
        None => (Msg::HintDate.text(lang).to_string(), theme::dim()),
    }
}

/// What a triage change will do to each slip, one or two lines a slip, cut to `width`.
fn plan_lines(cx: &Ctx<'_>, plans: &[PlanLine], width: usize) -> Vec<Line<'static>> {
    let lang = cx.lang;
    let names = |codes: &[String]| {
        codes
            .iter()
            .map(|c| cx.catalog.section_name(c, lang))
            .collect::<Vec<_>>()
            .join("・")
    };
    let cut = |s: String| text::truncate(&text::sanitize(&s, false), width);
    let mut out = vec![];
    for (id, plan) in plans {
        let p = match plan {
            Err(e) => {
                out.push(Line::styled(cut(format!(" #{id:<6}{e}")), theme::alert()));
                continue;
            }
            Ok(p) => p,
        };
        let mut line = format!(" #{id:<6}");
        if p.from != p.to {
            line.push_str(&format!("{} → {}  ", p.from.label(lang), p.to.label(lang)));
        } else {
            line.push_str(&format!("{}  ", p.from.label(lang)));
        }
        if !p.added.is_empty() {
            line.push_str(&format!("＋{}  ", names(&p.added)));
        }
        let plain_removed: Vec<String> = p
            .removed
            .iter()
            .filter(|c| !p.removed_replied.contains(c))
            .cloned()
            .collect();
        if !plain_removed.is_empty() {
            line.push_str(&format!("－{}  ", names(&plain_removed)));
        }
        if !p.changes_sections() {
            line.push_str(Msg::PlanUnchanged.text(lang));
        }
        let style = if p.needs_confirmation() {
            theme::alert()
        } else {
            theme::header()
        };
        out.push(Line::styled(cut(line), style));
        if !p.removed_replied.is_empty() {
            let kept = fill(Msg::PlanKeepsReply, lang, &[&names(&p.removed_replied)]);
            out.push(Line::styled(cut(format!("        {kept}")), theme::alert()));
        }
    }
    out
}

/// `  ★1「転入」#12 #40`: one of the first three suggested sections, its rank, and why in
/// short: the duty word that weighed most and the similar slips (`meyasu suggest
/// --explain` gives every term).
fn suggestion(t: &TriageForm, code: &str) -> String {
    match t.suggested.iter().position(|x| x.section == code) {
        Some(i) if i < 3 => {
            let x = &t.suggested[i];
            let word = x
                .duties
                .first()
                .map(|w| format!("「{w}」"))
                .unwrap_or_default();
            let slips: Vec<String> = x
                .because
                .iter()
                .take(2)
                .map(|id| format!("#{id}"))
                .collect();
            // A suggestion on thin evidence is marked as a hint: ★1? (see store::CLEAR).
            let hint = if x.weight < crate::store::SUGGEST_CLEAR {
                "?"
            } else {
                ""
            };
            format!("  ★{}{hint}{word}{}", i + 1, slips.join(" "))
        }
        _ => String::new(),
    }
}
