//! One slip: header, the text, each section's reply, and the history.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::status_bar;
use crate::domain::{Event, SlipDetail};
use crate::i18n::{Lang, Msg, bracket, fill, paren};
use crate::text;
use crate::tui::app::App;
use crate::tui::theme;

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let [body, bar] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let lang = app.lang;
    let Some(d) = &app.detail else {
        frame.render_widget(Block::bordered(), body);
        status_bar(frame, app, bar);
        return;
    };
    let title = Line::from(vec![
        Span::styled(
            format!(" {} ", fill(Msg::TitleDetail, lang, &[&d.slip.id])),
            theme::header(),
        ),
        Span::styled(format!("{} ", d.slip.status.label(lang)), theme::accent()),
    ]);
    let block = Block::default().borders(Borders::TOP).title(title);
    let mut lines = wrap_indented(lines(app, d), body.width as usize);
    // The words searched for are marked in the text and the replies (plain lines).
    let query = crate::search::Query::parse(&app.search);
    if !query.is_empty() {
        for line in lines.iter_mut() {
            if line.spans.len() == 1 && line.spans[0].style == ratatui::style::Style::default() {
                *line = super::highlighted(line.spans[0].content.to_string(), &query);
            }
        }
    }
    // Tell the app how far scrolling can go, so End and the arrows stay in the text.
    let max = lines
        .len()
        .saturating_sub(body.height.saturating_sub(1) as usize);
    app.detail_max_scroll.set(max.min(u16::MAX as usize) as u16);
    let p = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.detail_scroll.min(app.detail_max_scroll.get()), 0));
    frame.render_widget(p, body);
    status_bar(frame, app, bar);
}

/// Lines of text (one plain span starting with spaces) wrap to `width` with their indent
/// kept, so a long reply stays under its section's name.
fn wrap_indented(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let plain = line.spans.len() == 1 && line.style == ratatui::style::Style::default();
        let content = line.spans.first().map(|s| s.content.to_string());
        match content {
            Some(c) if plain && c.starts_with(' ') && text::width(&c) > width => {
                let indent: String = c.chars().take_while(|ch| *ch == ' ').collect();
                let style = line.spans[0].style;
                out.extend(
                    text::wrap(&c, width, &indent)
                        .into_iter()
                        .map(|l| Line::from(Span::styled(l, style))),
                );
            }
            _ => out.push(line),
        }
    }
    out
}

fn heading(label: &str) -> Line<'static> {
    Line::from(Span::styled(format!("── {label} "), theme::accent()))
}

/// The detail as lines (also used by tests).
pub(crate) fn lines(app: &App, d: &SlipDetail) -> Vec<Line<'static>> {
    let lang = app.lang;
    let s = &d.slip;
    let lk = &app.catalog;
    let mut out = vec![];
    out.push(Line::from(vec![
        Span::styled(format!("{} ", Msg::ColReceived.text(lang)), theme::dim()),
        Span::raw(crate::domain::date::date_both(s.received_on, lang)),
        Span::styled(format!("  {} ", Msg::ColFloor.text(lang)), theme::dim()),
        Span::raw(lk.floor_name(&s.floor, lang)),
        Span::styled(format!("  {} ", Msg::ColKind.text(lang)), theme::dim()),
        Span::raw(lk.kind_name(&s.kind, lang)),
    ]));
    if s.voided {
        let reason = d
            .history
            .iter()
            .rev()
            .find(|e| e.action == "voided")
            .and_then(|e| e.note.clone())
            .unwrap_or_default();
        out.push(Line::from(vec![
            Span::styled(bracket(lang, Msg::Voided.text(lang)), theme::alert()),
            Span::raw(format!(" {}", text::sanitize(&reason, false))),
        ]));
    }
    let mut due = vec![
        Span::styled(format!("{} ", Msg::ColStatus.text(lang)), theme::dim()),
        Span::raw(s.status.label(lang).to_string()),
        Span::styled(format!("  {} ", Msg::ColDue.text(lang)), theme::dim()),
        Span::raw(s.due_on.map_or("-".into(), |d| d.to_string())),
    ];
    if s.is_overdue(app.today)
        && let Some(dd) = s.due_on
    {
        let days = (app.today - dd).num_days();
        due.push(Span::styled(
            format!("  {}", fill(Msg::DaysOverdue, lang, &[&days])),
            theme::alert(),
        ));
    }
    out.push(Line::from(due));
    // A liaison sees every section sharing the slip by name, and only their own reply.
    let visible_sections: Vec<&String> = s
        .sections
        .iter()
        .filter(|c| app.liaison.as_ref().is_none_or(|m| m == *c))
        .collect();
    out.push(Line::from(vec![
        Span::styled(format!("{} ", Msg::ColSections.text(lang)), theme::dim()),
        Span::raw(if s.sections.is_empty() {
            "-".to_string()
        } else {
            s.sections
                .iter()
                .map(|c| lk.section_name(c, lang))
                .collect::<Vec<_>>()
                .join("・")
        }),
    ]));
    if let Some(of) = s.duplicate_of {
        out.push(Line::from(vec![
            Span::styled(format!("{} ", Msg::DuplicateOf.text(lang)), theme::dim()),
            Span::raw(format!("#{of}")),
        ]));
    }
    if s.no_publish || !s.private.is_empty() {
        let mut spans = vec![];
        if s.no_publish {
            spans.push(Span::styled(
                format!("{} ", bracket(lang, Msg::NoPublish.text(lang))),
                theme::marked(),
            ));
        }
        if !s.private.is_empty() {
            spans.push(Span::styled(
                format!("{} ", Msg::PrivateMarks.text(lang)),
                theme::dim(),
            ));
            spans.push(Span::raw(
                s.private
                    .iter()
                    .map(|p| text::sanitize(p, false))
                    .collect::<Vec<_>>()
                    .join(" / "),
            ));
        }
        out.push(Line::from(spans));
    }
    if let Some(sum) = &s.summary {
        out.push(Line::from(vec![
            Span::styled(format!("{} ", Msg::ColSummary.text(lang)), theme::dim()),
            Span::raw(text::sanitize(sum, false)),
        ]));
    }
    out.push(Line::raw(""));
    out.push(heading(Msg::ColText.text(lang)));
    for l in text::sanitize(&s.body, true).lines() {
        out.push(Line::raw(format!("  {l}")));
    }
    // Replies of sections no longer assigned stay in view, marked as such.
    let detached: Vec<&crate::domain::Reply> = d
        .replies
        .iter()
        .filter(|r| !s.sections.contains(&r.section))
        .filter(|r| app.liaison.as_ref().is_none_or(|m| *m == r.section))
        .collect();
    if !visible_sections.is_empty() || !detached.is_empty() {
        out.push(Line::raw(""));
        out.push(heading(Msg::Replies.text(lang)));
        for code in &visible_sections {
            let name = lk.section_name(code, lang);
            match d.replies.iter().find(|r| &r.section == *code) {
                Some(r) => {
                    let mut head = vec![
                        Span::styled(format!("  {name}"), theme::header()),
                        Span::styled(
                            format!("  {} {}", r.replied_on, text::sanitize(&r.by, false)),
                            theme::dim(),
                        ),
                        Span::styled(
                            format!(
                                "  {} {}",
                                Msg::ColOutcome.text(lang),
                                lk.outcome_name(r.outcome.as_deref(), lang)
                            ),
                            theme::dim(),
                        ),
                    ];
                    // Not counted yet: waiting for the team (v), or sent back, with why.
                    match r.state {
                        crate::domain::ReplyState::Approved => {}
                        crate::domain::ReplyState::Draft => head.push(Span::styled(
                            format!("  [{}]", r.state.label(lang)),
                            theme::marked(),
                        )),
                        crate::domain::ReplyState::Returned => head.push(Span::styled(
                            format!("  [{}]", r.state.label(lang)),
                            theme::alert(),
                        )),
                    }
                    out.push(Line::from(head));
                    if let (crate::domain::ReplyState::Returned, Some(why)) =
                        (r.state, &r.return_reason)
                    {
                        out.push(Line::from(Span::styled(
                            format!(
                                "    {}: {}",
                                Msg::FieldReturnReason.text(lang),
                                text::sanitize(why, false)
                            ),
                            theme::alert(),
                        )));
                    }
                    for l in text::sanitize(&r.text, true).lines() {
                        out.push(Line::raw(format!("    {l}")));
                    }
                }
                None => out.push(Line::from(vec![
                    Span::styled(format!("  {name}"), theme::header()),
                    Span::styled(format!("  {}", Msg::NoReplyYet.text(lang)), theme::alert()),
                ])),
            }
        }
        for r in detached {
            out.push(Line::from(vec![
                Span::styled(
                    format!("  {}", lk.section_name(&r.section, lang)),
                    theme::header(),
                ),
                Span::styled(
                    format!("  {} {}", r.replied_on, text::sanitize(&r.by, false)),
                    theme::dim(),
                ),
                Span::styled(
                    format!("  {}", bracket(lang, Msg::DetachedReply.text(lang))),
                    theme::marked(),
                ),
            ]));
            for l in text::sanitize(&r.text, true).lines() {
                out.push(Line::raw(format!("    {l}")));
            }
        }
    }
    // The slips most like this one, with how they were answered (`d` marks this one a
    // duplicate of the first). Not for a liaison: they may be other sections' slips.
    if let Some((id, list)) = &app.similar
        && *id == s.id
        && !list.is_empty()
        && app.liaison.is_none()
    {
        out.push(Line::raw(""));
        out.push(heading(Msg::SimilarSlips.text(lang)));
        for x in list {
            let names: Vec<String> = x
                .sections
                .iter()
                .map(|c| lk.section_name(c, lang))
                .collect();
            out.push(Line::from(vec![
                Span::styled(format!("  #{} ", x.id), theme::accent()),
                Span::styled(format!("{} ", x.received_on), theme::dim()),
                Span::raw(text::truncate(&text::sanitize(&x.excerpt, false), 40)),
                Span::styled(format!("  {}", names.join("・")), theme::dim()),
            ]));
            for r in &x.replies {
                let first = text::first_line(&text::sanitize(&r.text, false));
                out.push(Line::from(vec![
                    Span::styled(
                        format!("      {}: ", lk.section_name(&r.section, lang)),
                        theme::dim(),
                    ),
                    Span::raw(text::truncate(&first, 60)),
                ]));
            }
        }
    }
    // A liaison sees no history: it names other sections and other people's work.
    if app.liaison.is_none() {
        out.push(Line::raw(""));
        out.push(heading(Msg::History.text(lang)));
        for e in &d.history {
            out.push(Line::from(vec![
                Span::styled(format!("  {} ", &e.at[..e.at.len().min(16)]), theme::dim()),
                Span::raw(format!("{} ", text::sanitize(&e.actor, false))),
                Span::styled(format!("{} ", e.action_label(lang)), theme::accent()),
                Span::raw(describe(app, e, lang)),
            ]));
        }
    }
    out
}

fn describe(app: &App, e: &Event, lang: Lang) -> String {
    let change = e.change(lang, &app.catalog);
    match e.note_text(lang, &app.catalog) {
        Some(n) => format!("{change}{}", paren(lang, n)),
        None => change,
    }
}
