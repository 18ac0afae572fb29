//! The inbox: tabs with counts, the filter line, the paged slip table, the status bar.

use crate::tui::app::Tab;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui_textarea::TextArea;

use super::{highlighted, status_bar, text_input};
use crate::domain::date::fiscal_label;
use crate::i18n::{Lang, Msg, fill};
use crate::text::{self, pad, pad_left, truncate};
use crate::tui::app::App;
use crate::tui::theme;

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let [tabs, filter, table, bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tabs(frame, app, tabs);
    draw_filter_line(frame, app, filter);
    draw_table(frame, app, table);
    status_bar(frame, app, bar);
}

fn draw_tabs(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let mut spans = vec![Span::styled(
        format!(" {} ", Msg::TitleInbox.text(lang)),
        theme::header(),
    )];
    if let Some(code) = &app.liaison {
        spans.push(Span::styled(
            format!(
                "[{} {}] ",
                app.catalog.section_name(code, lang),
                Msg::Liaison.text(lang)
            ),
            theme::marked(),
        ));
    }
    // Narrow: the tabs lose their padding so every tab keeps its name and count.
    let full: usize = app
        .tabs()
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let n = app.counts.get(i).map_or(0, |c| c.to_string().len() + 1);
            text::width(t.msg().text(lang)) + n + 3
        })
        .sum::<usize>()
        + spans.iter().map(|s| text::width(&s.content)).sum::<usize>();
    let pad = if full > area.width as usize { "" } else { " " };
    for (i, tab) in app.tabs().iter().enumerate() {
        // While a search is being counted on the other thread, the counts wait.
        let count = match app.counts.get(i) {
            _ if app.live.counting => " …".to_string(),
            Some(c) => format!(" {c}"),
            None => String::new(),
        };
        let label = format!("{pad}{}{count}{pad}", tab.msg().text(lang));
        let style = if *tab == app.tab {
            theme::selected().patch(theme::accent())
        } else if *tab == crate::tui::app::Tab::Overdue && app.counts.get(i).is_some_and(|c| *c > 0)
        {
            theme::alert()
        } else {
            ratatui::style::Style::default()
        };
        spans.push(Span::raw("│"));
        spans.push(Span::styled(label, style));
    }
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line), area);
}

/// The line above the table: the search being typed, or the filters in force (or the
/// keys to set them) on the left; the row position and marked count on the right.
fn draw_filter_line(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let right = rows_label(app);
    let right_w = text::width(&right) as u16 + 1;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right_w)]).areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(right, theme::dim())).right_aligned(),
        right_area,
    );
    if let Some(ta) = &app.search_input {
        draw_search_input(frame, ta, lang, left_area);
        return;
    }
    let line = filters_line(&filter_parts(app), lang);
    let w = left_area.width as usize;
    let line = if line.width() > w {
        Line::raw(truncate(&line.to_string(), w))
    } else {
        line
    };
    frame.render_widget(Paragraph::new(line), left_area);
}

/// "Row n of total" (… while counting), after the marked count when slips are marked.
fn rows_label(app: &App) -> String {
    let lang = app.lang;
    let shown = if app.list.total == 0 {
        0
    } else {
        app.list.selected + 1
    };
    let total = if app.live.counting {
        "…".to_string()
    } else {
        app.list.total.to_string()
    };
    let mut s = fill(Msg::Rows, lang, &[&shown, &total]);
    if !app.marked.is_empty() {
        s = format!("{}  {s}", fill(Msg::Marked, lang, &[&app.marked.len()]));
    }
    s
}

/// The search being typed: its label, then the input.
fn draw_search_input(frame: &mut Frame<'_>, ta: &TextArea<'static>, lang: Lang, area: Rect) {
    let label = format!(" {}: ", Msg::FieldSearch.text(lang));
    let lw = text::width(&label) as u16;
    let [l, input] = Layout::horizontal([Constraint::Length(lw), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(Span::styled(label, theme::accent())), l);
    text_input(frame, ta, input, true);
}

/// Each filter in force, named: the search text, section, floor, kind, fiscal year,
/// month and voided-only, in that order.
fn filter_parts(app: &App) -> Vec<String> {
    let lang = app.lang;
    let mut parts: Vec<String> = vec![];
    if !app.search.is_empty() {
        parts.push(format!(
            "{}「{}」",
            Msg::FieldSearch.text(lang),
            text::sanitize(&app.search, false)
        ));
    }
    let e = &app.extra;
    if let Some(s) = &e.section {
        parts.push(app.catalog.section_name(s, lang));
    }
    if let Some(f) = &e.floor {
        parts.push(app.catalog.floor_name(f, lang));
    }
    if let Some(k) = &e.kind {
        parts.push(app.catalog.kind_name(k, lang));
    }
    if let Some(fy) = e.fiscal_year {
        parts.push(fiscal_label(fy, lang));
    }
    if let Some((y, m)) = e.month {
        parts.push(crate::domain::date::month_both(y, m, lang));
    }
    if e.voided {
        parts.push(Msg::FilterVoidedOnly.text(lang).to_string());
    }
    parts
}

/// The filters in force and the key that clears them, or with none the keys to search
/// and filter.
fn filters_line(parts: &[String], lang: Lang) -> Line<'static> {
    if parts.is_empty() {
        Line::from(Span::styled(
            format!(
                " / {}   f {}",
                Msg::KeySearch.text(lang),
                Msg::KeyFilter.text(lang)
            ),
            theme::dim(),
        ))
    } else {
        Line::from(vec![
            Span::styled(
                format!(" {}: ", Msg::FilterLabel.text(lang)),
                theme::accent(),
            ),
            Span::raw(parts.join(" ・ ")),
            Span::styled(
                format!("   c {}", Msg::KeyClearFilter.text(lang)),
                theme::dim(),
            ),
        ])
    }
}

/// Column widths in cells for a table `width` wide. Narrow terminals drop columns.
struct Columns {
    id: usize,
    date: usize,
    floor: usize,
    kind: usize,
    status: usize,
    sections: usize,
    due: usize,
    compact: bool,
}

fn columns(app: &App, width: u16) -> Columns {
    let lang = app.lang;
    let max_w = |names: Vec<String>, header: Msg, cap: usize| {
        names
            .iter()
            .map(|n| text::width(n))
            .chain([text::width(header.text(lang))])
            .max()
            .unwrap_or(4)
            .min(cap)
    };
    let id = app
        .list
        .rows
        .iter()
        .map(|r| r.id.to_string().len())
        .max()
        .unwrap_or(1)
        .max(text::width(Msg::ColId.text(lang)));
    let floor = max_w(
        app.catalog
            .floors
            .iter()
            .map(|f| f.display(lang).to_string())
            .collect(),
        Msg::ColFloor,
        9,
    );
    let kind = max_w(
        app.catalog
            .kinds
            .iter()
            .map(|k| k.display(lang).to_string())
            .collect(),
        Msg::ColKind,
        9,
    );
    let mut statuses: Vec<String> = crate::domain::Status::ALL
        .iter()
        .map(|s| s.label(lang).to_string())
        .collect();
    if app.liaison.is_some() {
        statuses.extend(
            [Msg::LiaisonWaitingForUs, Msg::LiaisonOthersPending]
                .iter()
                .map(|m| m.text(lang).to_string()),
        );
    }
    let status = max_w(statuses, Msg::ColStatus, 14);
    let compact = width < 100;
    Columns {
        id,
        date: if compact {
            let w = if spans_years(app) { 8 } else { 5 };
            text::width(Msg::ColReceived.text(lang)).max(w)
        } else {
            10
        },
        floor,
        kind,
        status,
        sections: sections_width(app, width, compact),
        due: if width < 80 {
            0
        } else if compact {
            6
        } else {
            11
        },
        compact,
    }
}

/// The 担当課 column: 12 cells when compact, else as wide as the page's widest list of
/// sections with their reply marks (「児童家庭課✓・地域ケア推進課?」), 18 at least and, on a
/// wide terminal, up to 34, leaving the text its room; none below 80 cells.
fn sections_width(app: &App, width: u16, compact: bool) -> usize {
    if width < 80 {
        return 0;
    }
    if compact {
        return 12;
    }
    let widest = app
        .list
        .rows
        .iter()
        .map(|r| text::width(&section_names(app, r).join("・")))
        .max()
        .unwrap_or(0);
    let cap = if width >= 120 { 34 } else { 18 };
    widest.clamp(18, cap)
}

/// Whether the rows on screen come from another year than this one: then the compact
/// layout keeps the year (`23-12-18`), since `12-18` alone would mislead.
fn spans_years(app: &App) -> bool {
    use chrono::Datelike;
    app.list
        .rows
        .iter()
        .any(|r| r.received_on.year() != app.today.year())
}

/// The status as a liaison needs it: on a slip still waiting for replies, whether it
/// waits for them or only for other sections.
fn status_label(app: &App, r: &crate::store::SlipRow) -> String {
    let lang = app.lang;
    // A reply sent back or waiting for review says so first.
    if let Some(st) = r.review_mark(app.liaison.as_deref()) {
        return st.label(lang).into();
    }
    match &app.liaison {
        Some(mine) if r.status == crate::domain::Status::Assigned => {
            if r.replied.contains(mine) {
                Msg::LiaisonOthersPending.text(lang).into()
            } else {
                Msg::LiaisonWaitingForUs.text(lang).into()
            }
        }
        _ => r.status.label(lang).into(),
    }
}

/// The slip table: a header and one row per slip of the page, or what an empty tab holds.
fn draw_table(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let shape = Shape::of(app, area.width);
    let header = header_cells(&shape, app.lang);
    let selected_in_window = app.list.selected.checked_sub(app.list.offset);
    let query = crate::search::Query::parse(&app.search);
    let rows: Vec<Row<'_>> = app
        .list
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| slip_row(app, &shape, r, Some(i) == selected_in_window, &query))
        .collect();
    let constraints: Vec<Constraint> = shape
        .widths
        .iter()
        .map(|w| Constraint::Length(*w as u16))
        .collect();
    if rows.is_empty() {
        draw_empty(frame, app, header, constraints, area);
        return;
    }
    let table = Table::new(rows, constraints)
        .header(Row::new(header).style(theme::header()))
        .column_spacing(1);
    frame.render_widget(table, area);
}

/// The table's columns for its width: below 80 cells, floor, kind, sections and due are
/// left out; the text takes what is left.
struct Shape {
    c: Columns,
    narrow: bool,
    widths: Vec<usize>,
    text_w: usize,
}

impl Shape {
    fn of(app: &App, width: u16) -> Shape {
        let c = columns(app, width);
        let narrow = width < 80;
        let mut widths = vec![1usize, c.id, c.date];
        if !narrow {
            widths.extend([c.floor, c.kind]);
        }
        widths.push(c.status);
        if !narrow {
            widths.extend([c.sections, c.due]);
        }
        let used: usize = widths.iter().sum::<usize>() + widths.len();
        let text_w = (width as usize).saturating_sub(used).max(4);
        widths.push(text_w);
        Shape {
            c,
            narrow,
            widths,
            text_w,
        }
    }
}

/// The header row's cells, padded to the columns.
fn header_cells(shape: &Shape, lang: Lang) -> Vec<String> {
    let (c, narrow) = (&shape.c, shape.narrow);
    let mut header = vec![
        String::new(),
        pad_left(Msg::ColId.text(lang), c.id),
        pad(Msg::ColReceived.text(lang), c.date),
    ];
    if !narrow {
        header.push(pad(Msg::ColFloor.text(lang), c.floor));
        header.push(pad(Msg::ColKind.text(lang), c.kind));
    }
    header.push(pad(Msg::ColStatus.text(lang), c.status));
    if !narrow {
        header.push(pad(Msg::ColSections.text(lang), c.sections));
        header.push(pad(Msg::ColDue.text(lang), c.due));
    }
    header.push(pad(Msg::ColText.text(lang), shape.text_w));
    header
}

/// One slip's row: marked, number, dates, names, status, sections and the first line of
/// its text with the search's words lit; overdue, marked and selected rows styled.
fn slip_row<'a>(
    app: &App,
    shape: &Shape,
    r: &crate::store::SlipRow,
    selected: bool,
    query: &crate::search::Query,
) -> Row<'a> {
    let (c, lang) = (&shape.c, app.lang);
    let overdue = r.is_overdue(app.today);
    let marked = app.marked.contains_key(&r.id);
    let mut cells = vec![
        if marked {
            "✓".to_string()
        } else {
            " ".into()
        },
        pad_left(&r.id.to_string(), c.id),
        pad(&received_cell(r, c), c.date),
    ];
    if !shape.narrow {
        cells.push(pad(&app.catalog.floor_name(&r.floor, lang), c.floor));
        cells.push(pad(&app.catalog.kind_name(&r.kind, lang), c.kind));
    }
    cells.push(pad(&status_label(app, r), c.status));
    if !shape.narrow {
        cells.push(pad(&section_names(app, r).join("・"), c.sections));
        cells.push(pad(&due_cell(r, c, overdue), c.due));
    }
    let excerpt = pad(&text::first_line(&r.excerpt), shape.text_w);
    let mut style = ratatui::style::Style::default();
    if overdue {
        style = style.patch(theme::alert());
    }
    if marked {
        style = style.patch(theme::marked());
    }
    if selected {
        style = style.patch(theme::selected());
    }
    let cells = cells
        .into_iter()
        .map(Cell::from)
        .chain([Cell::from(highlighted(excerpt, query))]);
    Row::new(cells).style(style)
}

/// The day received, shorter where the columns are compact.
fn received_cell(r: &crate::store::SlipRow, c: &Columns) -> String {
    if c.compact && c.date >= 8 {
        r.received_on.format("%y-%m-%d").to_string()
    } else if c.compact {
        r.received_on.format("%m-%d").to_string()
    } else {
        r.received_on.to_string()
    }
}

/// The due date (`!` after it when overdue), shorter where the columns are compact.
fn due_cell(r: &crate::store::SlipRow, c: &Columns, overdue: bool) -> String {
    let due = match r.due_on {
        Some(d) if c.compact => d.format("%m-%d").to_string(),
        Some(d) => d.to_string(),
        None => String::new(),
    };
    if overdue { format!("{due}!") } else { due }
}

/// The slip's sections by name. A liaison sees which sections share the slip, their own
/// first; on a slip asked of several sections, each one's reply shows by its name:
/// ✓ counted, ? waiting for review, ! sent back.
fn section_names(app: &App, r: &crate::store::SlipRow) -> Vec<String> {
    let mut codes: Vec<&String> = r.sections.iter().collect();
    if let Some(mine) = &app.liaison {
        codes.sort_by_key(|c| *c != mine);
    }
    let several = r.sections.len() > 1 && app.liaison.is_none();
    codes
        .into_iter()
        .map(|s| {
            let name = app.catalog.section_name(s, app.lang);
            let mark = if !several {
                ""
            } else if r.returned.contains(s) {
                "!"
            } else if r.waiting.contains(s) {
                "?"
            } else if r.replied.contains(s) {
                "✓"
            } else {
                ""
            };
            format!("{name}{mark}")
        })
        .collect()
}

/// An empty table: the header, and under it what the tab holds (or that the search or
/// filter found nothing), wrapped to the width.
fn draw_empty(
    frame: &mut Frame<'_>,
    app: &App,
    header: Vec<String>,
    constraints: Vec<Constraint>,
    area: Rect,
) {
    let [h, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Table::new(Vec::<Row<'_>>::new(), constraints)
            .header(Row::new(header).style(theme::header()))
            .column_spacing(1),
        h,
    );
    let w = body.width as usize;
    let lines: Vec<Line<'_>> = empty_lines(app)
        .into_iter()
        .flat_map(|l| {
            let style = l.spans.first().map(|s| s.style).unwrap_or_default();
            let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            text::wrap(&t, w, "  ")
                .into_iter()
                .map(move |x| Line::styled(x, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

/// What an empty table says: what the tab holds, or that a search or filter found
/// nothing; on an empty database's first run, how to begin (only then).
fn empty_lines(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let unfiltered = app.search.is_empty() && app.extra.is_empty();
    let what = if unfiltered {
        empty_tab(app.tab)
    } else {
        Msg::NoSlips
    };
    let mut lines = vec![Line::from(Span::styled(
        format!("  {}", what.text(lang)),
        theme::dim(),
    ))];
    let all = app.tabs().iter().position(|t| *t == Tab::All);
    let empty_db = unfiltered && all.and_then(|i| app.counts.get(i)).is_some_and(|n| *n == 0);
    if empty_db && app.liaison.is_none() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            format!("  {}", Msg::EmptyHint.text(lang)),
            theme::accent(),
        )));
    }
    lines
}

/// What an empty tab holds, in a sentence.
fn empty_tab(tab: Tab) -> Msg {
    match tab {
        Tab::New => Msg::EmptyNew,
        Tab::Assigned => Msg::EmptyAssigned,
        Tab::Overdue => Msg::EmptyOverdue,
        Tab::Answered => Msg::EmptyAnswered,
        Tab::Closed => Msg::EmptyClosed,
        Tab::All => Msg::NoSlips,
        Tab::Review => Msg::NothingToReview,
        Tab::Returned => Msg::EmptyReturned,
    }
}
