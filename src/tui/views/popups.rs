//! Popups drawn over a screen: help, triage, status, reply, filter, duplicate.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{centered, text_input};
use crate::domain::date::fiscal_label;
use crate::i18n::{Lang, Msg, fill, paren};
use crate::text::{self, pad};
use crate::tui::app::{App, Popup, TriageFocus, value};
use crate::tui::keymap::{self, Mode};
use crate::tui::theme;

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    match &app.popup {
        Some(Popup::Help(h)) => help(frame, app, area, h.scroll),
        Some(Popup::Triage(_)) => triage(frame, app, area),
        Some(Popup::Status(_)) => status(frame, app, area),
        Some(Popup::Reply(_)) => reply(frame, app, area),
        Some(Popup::Filter(_)) => filter(frame, app, area),
        Some(Popup::Duplicate(_)) => duplicate(frame, app, area),
        Some(Popup::Private(_)) => private(frame, app, area),
        None => {}
    }
}

fn frame_block(frame: &mut Frame<'_>, area: Rect, title: &str, hints: Mode, app: &App) -> Rect {
    super::clear(frame, area);
    let keys: Vec<Span<'_>> = keymap::bar(hints, app.lang, &app.hidden_actions())
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

fn error_line(frame: &mut Frame<'_>, error: &Option<String>, area: Rect) {
    if let Some(e) = error {
        frame.render_widget(
            Paragraph::new(Span::styled(text::sanitize(e, false), theme::alert()))
                .wrap(Wrap { trim: true }),
            area,
        );
    }
}

fn help(frame: &mut Frame<'_>, app: &App, area: Rect, scroll: u16) {
    let lang = app.lang;
    let rect = centered(area, 64, area.height.saturating_sub(2));
    let inner = frame_block(frame, rect, Msg::TitleHelp.text(lang), Mode::Help, app);
    let mode = app.base_mode();
    let hidden = app.hidden_actions();
    let rows: Vec<(String, String)> = keymap::bindings(mode)
        .filter(|b| !hidden.contains(&b.action))
        .filter_map(|b| Some((keymap::keys_label(b), app.binding_help(b)?)))
        .collect();
    let kw = rows
        .iter()
        .map(|(k, _)| text::width(k))
        .max()
        .unwrap_or(4)
        .min(24);
    let lines: Vec<Line<'_>> = rows
        .into_iter()
        .map(|(k, h)| {
            Line::from(vec![
                Span::styled(format!(" {} ", pad(&k, kw)), theme::accent()),
                Span::raw(h),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

fn triage(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(Popup::Triage(t)) = &app.popup else {
        return;
    };
    let lang = app.lang;
    let rect = centered(area, 72, area.height.saturating_sub(2).min(24));
    let mut title = Msg::TitleTriage.text(lang).to_string();
    if t.targets.len() > 1 {
        title = format!(
            "{title}{}",
            paren(lang, fill(Msg::Count, lang, &[&t.targets.len()]))
        );
    } else if let Some(x) = t.targets.first() {
        title = format!("{title}{}", paren(lang, format!("#{}", x.id)));
    }
    let inner = frame_block(frame, rect, &title, Mode::Triage, app);
    let [search, picked, list, due, err] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    let lw = text::width(Msg::FieldFindSection.text(lang)).max(text::width(Msg::ColDue.text(lang)))
        as u16
        + 3;
    let [l, input] = Layout::horizontal([Constraint::Length(lw), Constraint::Min(1)]).areas(search);
    let focus_style = |f: TriageFocus| {
        if t.focus == f {
            theme::accent()
        } else {
            theme::header()
        }
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}:", Msg::FieldFindSection.text(lang)),
            focus_style(TriageFocus::Sections),
        )),
        l,
    );
    text_input(frame, &t.search, input, t.focus == TriageFocus::Sections);
    let names: Vec<String> = t
        .picked
        .iter()
        .map(|c| app.catalog.section_name(c, lang))
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
                text::truncate(&names.join("・"), picked.width.saturating_sub(10) as usize),
                theme::ok(),
            ),
        ])),
        picked,
    );
    if let Some(plans) = &t.confirm {
        let lines = plan_lines(app, plans, list.width as usize);
        frame.render_widget(Paragraph::new(lines), list);
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" {}", Msg::PlanConfirm.text(lang)),
                theme::accent(),
            ))
            .wrap(Wrap { trim: true }),
            err,
        );
        return;
    }
    let replied: &[String] = match t.targets.as_slice() {
        [one] => &one.replied,
        _ => &[],
    };
    let matches = app.triage_matches(&value(&t.search));
    let h = list.height as usize;
    let start = t.cursor.saturating_sub(h.saturating_sub(1));
    let name_w = 16;
    let lines: Vec<Line<'_>> = matches
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(i, s)| {
            let on = t.picked.contains(&s.label.code);
            let style = if i == t.cursor && t.focus == TriageFocus::Sections {
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
                    if s.department.is_empty() {
                        String::new()
                    } else {
                        s.department_display(lang).to_string()
                    }
                ) + &if replied.contains(&s.label.code) {
                    format!("  ✓{}", Msg::Replied.text(lang))
                } else {
                    String::new()
                },
                style,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    let [l, input, hint] = Layout::horizontal([
        Constraint::Length(lw),
        Constraint::Length(14),
        Constraint::Min(1),
    ])
    .areas(due);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}:", Msg::ColDue.text(lang)),
            focus_style(TriageFocus::Due),
        )),
        l,
    );
    text_input(frame, &t.due, input, t.focus == TriageFocus::Due);
    // The due date as read, with its weekday, so a weekend or a typo shows at once.
    let read = crate::domain::date::parse_date(&value(&t.due), app.today);
    let (msg, style) = match read {
        Some(d) => {
            let mut s = crate::domain::date::date_long(d, lang);
            if crate::domain::date::is_closed_day(d) {
                s = format!("{s} {}", Msg::ClosedDay.text(lang));
            }
            let style = if crate::domain::date::is_closed_day(d) || d < app.today {
                theme::alert()
            } else {
                theme::ok()
            };
            (s, style)
        }
        None => (Msg::HintDate.text(lang).to_string(), theme::dim()),
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            text::truncate(&msg, hint.width as usize),
            style,
        )),
        hint,
    );
    error_line(frame, &t.error, err);
}

/// What a triage change will do to each slip, one or two lines a slip, cut to `width`.
fn plan_lines(app: &App, plans: &[crate::tui::app::PlanLine], width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let names = |codes: &[String]| {
        codes
            .iter()
            .map(|c| app.catalog.section_name(c, lang))
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

fn status(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(Popup::Status(s)) = &app.popup else {
        return;
    };
    let lang = app.lang;
    let rows = s.choices.len() + usize::from(s.void.is_some());
    let h = rows as u16 + 8;
    let rect = centered(area, 60, h);
    let inner = frame_block(frame, rect, Msg::TitleStatus.text(lang), Mode::Status, app);
    let [from, list, reason, err] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(rows.max(1) as u16),
        Constraint::Length(2),
        Constraint::Min(1),
    ])
    .areas(inner);
    if let Some(f) = s.from {
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!(" {} ", Msg::ColStatus.text(lang)), theme::dim()),
                Span::raw(format!("{} →", f.label(lang))),
            ])),
            from,
        );
    } else {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" {}", fill(Msg::Count, lang, &[&s.targets.len()])),
                theme::dim(),
            )),
            from,
        );
    }
    if rows == 0 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" {}", Msg::ErrNoChoices.text(lang)),
                theme::dim(),
            )),
            list,
        );
    }
    let mut lines: Vec<Line<'_>> = s
        .choices
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let reopen = s.from.is_some_and(|f| f.is_reopening(*st));
            let mut spans = vec![Span::styled(
                format!("   {} ", pad(st.label(lang), 12)),
                if i == s.cursor {
                    theme::selected()
                } else {
                    ratatui::style::Style::default()
                },
            )];
            if reopen {
                spans.push(Span::styled(Msg::HintReasonNeeded.text(lang), theme::dim()));
            }
            Line::from(spans)
        })
        .collect();
    if let Some(v) = s.void {
        let label = match v {
            crate::tui::app::VoidChoice::Void => Msg::ChoiceVoid,
            crate::tui::app::VoidChoice::Restore => Msg::ChoiceRestore,
        };
        lines.push(Line::styled(
            format!("   {} ", label.text(lang)),
            if s.cursor == s.choices.len() {
                theme::selected()
            } else {
                theme::alert()
            },
        ));
    }
    frame.render_widget(Paragraph::new(lines), list);
    let [l, input] = Layout::horizontal([Constraint::Length(8), Constraint::Min(1)]).areas(Rect {
        height: 1,
        y: reason.y + 1,
        ..reason
    });
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}:", Msg::FieldReason.text(lang)),
            theme::accent(),
        )),
        l,
    );
    text_input(frame, &s.reason, input, true);
    error_line(frame, &s.error, err);
}

fn reply(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(Popup::Reply(r)) = &app.popup else {
        return;
    };
    if r.drafts.is_empty() {
        return;
    }
    let lang = app.lang;
    let rect = centered(area, 76, area.height.saturating_sub(2).min(18));
    let title = format!(
        "{}{}",
        Msg::TitleReply.text(lang),
        paren(lang, format!("#{}", r.target.0))
    );
    let inner = frame_block(frame, rect, &title, Mode::Reply, app);
    let [sections, notice, body, err] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(inner);
    // ✓: the section has a reply on record; ✎: this draft is not saved yet.
    let spans: Vec<Span<'_>> = r
        .drafts
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            let name = app.catalog.section_name(&d.section, lang);
            let marks = format!(
                "{}{}",
                if d.existing.is_some() { " ✓" } else { "" },
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
    frame.render_widget(Paragraph::new(Line::from(spans)), sections);
    let d = r.current();
    if let Some((_, on)) = &d.existing {
        frame.render_widget(
            Paragraph::new(
                text::wrap(
                    &format!(" {}", fill(Msg::ReplyOnRecord, lang, &[on])),
                    notice.width as usize,
                    " ",
                )
                .into_iter()
                .take(2)
                .map(|l| {
                    Line::styled(
                        l,
                        if d.is_dirty() {
                            theme::alert()
                        } else {
                            theme::dim()
                        },
                    )
                })
                .collect::<Vec<_>>(),
            ),
            notice,
        );
    }
    let block = Block::bordered().border_style(theme::dim());
    let body_inner = block.inner(body);
    frame.render_widget(block, body);
    text_input(frame, &d.text, body_inner, true);
    error_line(frame, &r.error, err);
}

fn filter(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(Popup::Filter(f)) = &app.popup else {
        return;
    };
    let lang = app.lang;
    let rect = centered(area, 60, 10);
    let inner = frame_block(frame, rect, Msg::TitleFilter.text(lang), Mode::Filter, app);
    let any = Msg::FilterAny.text(lang).to_string();
    let d = &f.draft;
    let section = match &app.liaison {
        Some(code) => app.catalog.section_name(code, lang),
        None => d
            .section
            .as_ref()
            .map_or(any.clone(), |s| app.catalog.section_name(s, lang)),
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
                .map_or(any.clone(), |s| app.catalog.floor_name(s, lang)),
        ),
        (
            Msg::ColKind,
            d.kind
                .as_ref()
                .map_or(any.clone(), |s| app.catalog.kind_name(s, lang)),
        ),
        (
            Msg::FieldFiscalYear,
            d.fiscal_year.map_or(any.clone(), |y| fiscal_label(y, lang)),
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

fn duplicate(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(Popup::Duplicate(d)) = &app.popup else {
        return;
    };
    let lang: Lang = app.lang;
    let rect = centered(area, 56, 6);
    let title = format!(
        "{}{}",
        Msg::TitleDuplicate.text(lang),
        paren(lang, format!("#{}", d.target.0))
    );
    let inner = frame_block(frame, rect, &title, Mode::Duplicate, app);
    let [row, err] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let label = format!(" {}: #", Msg::FieldOriginal.text(lang));
    let [l, input] = Layout::horizontal([
        Constraint::Length(text::width(&label) as u16),
        Constraint::Min(1),
    ])
    .areas(row);
    frame.render_widget(Paragraph::new(Span::styled(label, theme::accent())), l);
    text_input(frame, &d.input, input, true);
    error_line(frame, &d.error, err);
}

fn private(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(Popup::Private(p)) = &app.popup else {
        return;
    };
    let lang = app.lang;
    let marks: Vec<String> = app
        .detail
        .as_ref()
        .map(|d| d.slip.private.clone())
        .unwrap_or_default();
    let rect = centered(area, 70, 8 + marks.len().min(6) as u16);
    let title = format!(
        "{}{}",
        Msg::TitlePrivate.text(lang),
        paren(lang, format!("#{}", p.target.0))
    );
    let inner = frame_block(frame, rect, &title, Mode::Private, app);
    let [row, list, err] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    let label = format!(" {}: ", Msg::FieldPrivate.text(lang));
    let [l, input] = Layout::horizontal([
        Constraint::Length(text::width(&label) as u16),
        Constraint::Min(1),
    ])
    .areas(Rect { height: 1, ..row });
    frame.render_widget(Paragraph::new(Span::styled(label, theme::accent())), l);
    text_input(frame, &p.input, input, true);
    let lines: Vec<Line<'_>> = marks
        .iter()
        .map(|m| Line::from(format!("   ・{}", text::sanitize(m, false))))
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    error_line(frame, &p.error, err);
}
