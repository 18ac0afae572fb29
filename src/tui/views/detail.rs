//! One slip: header, the text, each section's reply, and the history.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::status_bar;
use crate::domain::ReplyState;
use crate::i18n::{Lang, Msg, bracket, fill, paren};
use crate::office::detail::{self, HistoryLine, SectionReply, SimilarSlip, SlipDetail};
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
    let v = model(app, d);
    let title = Line::from(vec![
        Span::styled(
            format!(" {} ", fill(Msg::TitleDetail, lang, &[&v.id])),
            theme::header(),
        ),
        Span::styled(format!("{} ", v.status), theme::accent()),
    ]);
    let block = Block::default().borders(Borders::TOP).title(title);
    let mut lines = wrap_indented(lines(&v, lang), body.width as usize);
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

/// The slip's detail model from what the app holds: the slip as loaded and, once they
/// have come, the slips like it.
fn model(app: &App, d: &crate::domain::SlipDetail) -> SlipDetail {
    let similar = match &app.similar {
        Some((id, list)) if *id == d.slip.id => list.as_slice(),
        _ => &[],
    };
    let liaison = app.liaison.as_deref();
    detail::build(d, &app.catalog, app.lang, app.today, liaison, similar)
}

/// The detail as lines: the head, the text, the replies, the similar slips and (for the
/// team) the history.
pub(crate) fn lines(v: &SlipDetail, lang: Lang) -> Vec<Line<'static>> {
    let mut out = head(v, lang);
    out.push(Line::raw(""));
    out.push(heading(Msg::ColText.text(lang)));
    out.extend(v.body.iter().map(|l| Line::raw(format!("  {l}"))));
    if !v.replies.is_empty() {
        out.push(Line::raw(""));
        out.push(heading(Msg::Replies.text(lang)));
        for r in &v.replies {
            out.extend(reply(r, lang));
        }
    }
    // With how they were answered (`d` marks this one a duplicate of the first).
    if !v.similar.is_empty() {
        out.push(Line::raw(""));
        out.push(heading(Msg::SimilarSlips.text(lang)));
        out.extend(v.similar.iter().flat_map(similar));
    }
    if let Some(history) = &v.history {
        out.push(Line::raw(""));
        out.push(heading(Msg::History.text(lang)));
        out.extend(history.iter().map(|e| event(e, lang)));
    }
    out
}

/// A dim label (after `gap`) and its value.
fn field(gap: &str, label: Msg, lang: Lang, value: String) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!("{gap}{} ", label.text(lang)), theme::dim()),
        Span::raw(value),
    ]
}

/// Received, floor and kind; voided; status and due date; sections; duplicate of; the
/// marks; the summary.
fn head(v: &SlipDetail, lang: Lang) -> Vec<Line<'static>> {
    let mut out = vec![];
    let mut first = field("", Msg::ColReceived, lang, v.received.clone());
    first.extend(field("  ", Msg::ColFloor, lang, v.floor.clone()));
    first.extend(field("  ", Msg::ColKind, lang, v.kind.clone()));
    out.push(Line::from(first));
    if let Some(reason) = &v.voided {
        out.push(Line::from(vec![
            Span::styled(bracket(lang, Msg::Voided.text(lang)), theme::alert()),
            Span::raw(format!(" {reason}")),
        ]));
    }
    let mut due = field("", Msg::ColStatus, lang, v.status.clone());
    let on = v.due_on.map_or("-".into(), |d| d.to_string());
    due.extend(field("  ", Msg::ColDue, lang, on));
    if let Some(days) = v.overdue_days {
        let late = format!("  {}", fill(Msg::DaysOverdue, lang, &[&days]));
        due.push(Span::styled(late, theme::alert()));
    }
    out.push(Line::from(due));
    let sections = if v.sections.is_empty() {
        "-".to_string()
    } else {
        v.sections.join("・")
    };
    out.push(Line::from(field("", Msg::ColSections, lang, sections)));
    if let Some(of) = v.duplicate_of {
        out.push(Line::from(field(
            "",
            Msg::DuplicateOf,
            lang,
            format!("#{of}"),
        )));
    }
    if v.no_publish || !v.private.is_empty() {
        out.push(Line::from(marks(v, lang)));
    }
    if let Some(sum) = &v.summary {
        out.push(Line::from(field("", Msg::ColSummary, lang, sum.clone())));
    }
    out
}

/// Kept off the public list, and the private marks.
fn marks(v: &SlipDetail, lang: Lang) -> Vec<Span<'static>> {
    let mut spans = vec![];
    if v.no_publish {
        let kept = format!("{} ", bracket(lang, Msg::NoPublish.text(lang)));
        spans.push(Span::styled(kept, theme::marked()));
    }
    if !v.private.is_empty() {
        spans.extend(field("", Msg::PrivateMarks, lang, v.private.join(" / ")));
    }
    if !v.names.is_empty() {
        spans.extend(field(" ", Msg::LikelyNames, lang, v.names.join("・")));
    }
    spans
}

/// One section's reply: its head (when, by whom, the outcome, where it stands), why it
/// was sent back, its text; or none yet; a section no longer assigned marked so.
fn reply(r: &SectionReply, lang: Lang) -> Vec<Line<'static>> {
    let name = Span::styled(format!("  {}", r.name), theme::header());
    let Some(a) = &r.reply else {
        let none = format!("  {}", Msg::NoReplyYet.text(lang));
        return vec![Line::from(vec![name, Span::styled(none, theme::alert())])];
    };
    let mut head = vec![
        name,
        Span::styled(format!("  {} {}", a.on, a.by), theme::dim()),
    ];
    if r.detached {
        let mark = format!("  {}", bracket(lang, Msg::DetachedReply.text(lang)));
        head.push(Span::styled(mark, theme::marked()));
    } else {
        let outcome = format!("  {} {}", Msg::ColOutcome.text(lang), a.outcome);
        head.push(Span::styled(outcome, theme::dim()));
        // Not counted yet: waiting for the team (v), or sent back, with why.
        let state = format!("  [{}]", a.state.label(lang));
        match a.state {
            ReplyState::Approved => {}
            ReplyState::Draft => head.push(Span::styled(state, theme::marked())),
            ReplyState::Returned => head.push(Span::styled(state, theme::alert())),
        }
    }
    let mut out = vec![Line::from(head)];
    if let Some(why) = &a.return_reason {
        let label = Msg::FieldReturnReason.text(lang);
        let why = Span::styled(format!("    {label}: {why}"), theme::alert());
        out.push(Line::from(why));
    }
    out.extend(a.text.iter().map(|l| Line::raw(format!("    {l}"))));
    out
}

/// A slip like this one, and the first line of each of its replies.
fn similar(x: &SimilarSlip) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(vec![
        Span::styled(format!("  #{} ", x.id), theme::accent()),
        Span::styled(format!("{} ", x.received_on), theme::dim()),
        Span::raw(text::truncate(&x.excerpt, 40)),
        Span::styled(format!("  {}", x.sections.join("・")), theme::dim()),
    ])];
    for (section, first) in &x.replies {
        out.push(Line::from(vec![
            Span::styled(format!("      {section}: "), theme::dim()),
            Span::raw(text::truncate(first, 60)),
        ]));
    }
    out
}

/// One history entry: when (to the minute), who, what, and what changed.
fn event(e: &HistoryLine, lang: Lang) -> Line<'static> {
    let change = match &e.note {
        Some(n) => format!("{}{}", e.change, paren(lang, n)),
        None => e.change.clone(),
    };
    Line::from(vec![
        Span::styled(format!("  {} ", &e.at[..e.at.len().min(16)]), theme::dim()),
        Span::raw(format!("{} ", e.actor)),
        Span::styled(format!("{} ", e.action), theme::accent()),
        Span::raw(change),
    ])
}
