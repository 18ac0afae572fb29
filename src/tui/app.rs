//! TUI state and its one entry point for change, [`App::update`]. No I/O here: what
//! needs the database comes back as an [`Effect`] that the loop performs, and the
//! result is handed back through [`App::apply`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::keymap::{self, Action, Mode};
use crate::config::Settings;
use crate::domain::date::{Period, parse_date};
use crate::domain::{
    Catalog, Section, SectionChange, SectionPlan, SlipDetail, Status, plan_sections,
};
use crate::i18n::{Lang, Msg, fill};
use crate::store::{Filter, NewSlip, SlipEdit, SlipRow};

/// The inbox tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// 未処理: new slips.
    New,
    /// 依頼中: assigned.
    Assigned,
    /// 期限超過: open past due.
    Overdue,
    /// 回答済.
    Answered,
    /// 完了: published or no reply.
    Closed,
    /// Everything.
    All,
}

impl Tab {
    /// The tabs of the full inbox.
    pub const OFFICE: [Tab; 6] = [
        Tab::New,
        Tab::Assigned,
        Tab::Overdue,
        Tab::Answered,
        Tab::Closed,
        Tab::All,
    ];
    /// The tabs a liaison sees.
    pub const LIAISON: [Tab; 4] = [Tab::Assigned, Tab::Overdue, Tab::Answered, Tab::All];

    /// The tab's label.
    pub fn msg(self) -> Msg {
        match self {
            Tab::New => Msg::TabNew,
            Tab::Assigned => Msg::TabAssigned,
            Tab::Overdue => Msg::TabOverdue,
            Tab::Answered => Msg::TabAnswered,
            Tab::Closed => Msg::TabClosed,
            Tab::All => Msg::TabAll,
        }
    }

    /// How many of `counts` this tab shows.
    pub fn count(self, counts: &crate::store::StatusCounts) -> u64 {
        match self {
            Tab::Overdue => counts.overdue,
            Tab::All => counts.total,
            tab => counts.of(&tab.filter(NaiveDate::MIN).statuses),
        }
    }

    /// The part of the filter the tab sets.
    pub fn filter(self, today: NaiveDate) -> Filter {
        let statuses = match self {
            Tab::New => vec![Status::New],
            Tab::Assigned => vec![Status::Assigned],
            Tab::Answered => vec![Status::Answered],
            Tab::Closed => vec![Status::Published, Status::NoReply],
            Tab::Overdue | Tab::All => vec![],
        };
        Filter {
            statuses,
            overdue_on: (self == Tab::Overdue).then_some(today),
            ..Default::default()
        }
    }
}

/// Filters beyond the tab, set in the filter popup.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extra {
    /// Section code.
    pub section: Option<String>,
    /// Floor code.
    pub floor: Option<String>,
    /// Kind code.
    pub kind: Option<String>,
    /// Fiscal year.
    pub fiscal_year: Option<i32>,
    /// Calendar month.
    pub month: Option<(i32, u32)>,
    /// The voided slips instead of the others.
    pub voided: bool,
}

impl Extra {
    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        *self == Extra::default()
    }
}

/// The visible window of a long list, paged from the database.
#[derive(Clone, Debug, Default)]
pub struct ListView {
    /// Matching slips in all.
    pub total: u64,
    /// Index of the first loaded row.
    pub offset: usize,
    /// The loaded rows (one screen).
    pub rows: Vec<SlipRow>,
    /// Selected index (absolute).
    pub selected: usize,
    /// Rows that fit on screen.
    pub height: usize,
}

impl ListView {
    /// The selected row, if loaded.
    pub fn current(&self) -> Option<&SlipRow> {
        self.selected
            .checked_sub(self.offset)
            .and_then(|i| self.rows.get(i))
    }
}

/// Fields of the entry form, in Tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// 受付日.
    Date,
    /// 階.
    Floor,
    /// 種別.
    Kind,
    /// 内容.
    Body,
    /// 要旨.
    Summary,
}

const FIELDS: [Field; 5] = [
    Field::Date,
    Field::Floor,
    Field::Kind,
    Field::Body,
    Field::Summary,
];

/// The entry (and edit) form.
#[derive(Debug)]
pub struct EntryForm {
    /// Date text.
    pub date: TextArea<'static>,
    /// Floor index.
    pub floor: Option<usize>,
    /// Kind index.
    pub kind: Option<usize>,
    /// The slip's text.
    pub body: TextArea<'static>,
    /// Optional summary.
    pub summary: TextArea<'static>,
    /// Focused field.
    pub focus: Field,
    /// Inline errors per field.
    pub errors: Vec<(Field, String)>,
    /// Editing an existing slip: id and version.
    pub editing: Option<(i64, i64)>,
    /// Esc pressed once with unsaved input.
    pub confirm_discard: bool,
    /// Slips saved since the form opened.
    pub saved: usize,
    /// The date field holds a value not yet typed over: the first character typed
    /// replaces it, as in a spreadsheet cell.
    pub date_fresh: bool,
}

/// A single-line or multi-line text input.
pub fn input(initial: &str, multiline: bool) -> TextArea<'static> {
    let lines: Vec<String> = if initial.is_empty() {
        vec![String::new()]
    } else {
        initial.lines().map(str::to_string).collect()
    };
    let mut ta = TextArea::new(lines);
    ta.set_cursor_line_style(ratatui::style::Style::default());
    ta.set_cursor_style(super::theme::cursor());
    if multiline {
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    ta.move_cursor(CursorMove::Bottom);
    ta.move_cursor(CursorMove::End);
    ta
}

/// The text of an input, lines joined with `\n`.
pub fn value(ta: &TextArea<'_>) -> String {
    ta.lines().join("\n")
}

impl EntryForm {
    fn new(today: NaiveDate) -> EntryForm {
        EntryForm {
            date: input(&today.to_string(), false),
            floor: None,
            kind: None,
            body: input("", true),
            summary: input("", false),
            focus: Field::Floor,
            errors: vec![],
            editing: None,
            confirm_discard: false,
            saved: 0,
            date_fresh: true,
        }
    }

    /// Whether anything was typed that saving would keep.
    pub fn is_dirty(&self) -> bool {
        !value(&self.body).trim().is_empty() || !value(&self.summary).trim().is_empty()
    }

    /// The inline error of `field`, if any.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    fn editor(&mut self) -> Option<&mut TextArea<'static>> {
        match self.focus {
            Field::Date => Some(&mut self.date),
            Field::Body => Some(&mut self.body),
            Field::Summary => Some(&mut self.summary),
            Field::Floor | Field::Kind => None,
        }
    }

    fn step(&mut self, by: isize) {
        let i = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = FIELDS.len() as isize;
        self.focus = FIELDS[((i + by).rem_euclid(n)) as usize];
        if self.focus == Field::Date {
            self.date_fresh = true;
        }
    }
}

/// Which part of the triage popup has the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriageFocus {
    /// The section search and list.
    Sections,
    /// The due date.
    Due,
}

/// A slip as triage sees it: enough to say what a change would do to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TriageTarget {
    /// 受付番号.
    pub id: i64,
    /// The version read, where known (the detail view).
    pub version: Option<i64>,
    /// Status when read.
    pub status: Status,
    /// Sections tagged when read.
    pub sections: Vec<String>,
    /// Sections that had replied when read.
    pub replied: Vec<String>,
}

impl TriageTarget {
    fn of_row(r: &SlipRow) -> TriageTarget {
        TriageTarget {
            id: r.id,
            version: None,
            status: r.status,
            sections: r.sections.clone(),
            replied: r.replied.clone(),
        }
    }
}

/// What a triage change would do to one slip, shown before a bulk change or one that
/// removes a section's reply from the slip.
pub type PlanLine = (i64, Result<SectionPlan, String>);

/// Triage: pick sections and a due date for one or more slips.
#[derive(Debug)]
pub struct TriageForm {
    /// Target slips as read.
    pub targets: Vec<TriageTarget>,
    /// Several slips: the picked sections are added to each. One slip: the picked
    /// sections become its sections (those already tagged start picked).
    pub bulk: bool,
    /// After the first Ctrl-S of a change that needs it: what will happen to each slip.
    /// A second Ctrl-S carries it out; any other change goes back to editing.
    pub confirm: Option<Vec<PlanLine>>,
    /// Search text.
    pub search: TextArea<'static>,
    /// Picked section codes, in pick order.
    pub picked: Vec<String>,
    /// Cursor in the filtered list.
    pub cursor: usize,
    /// Due date text.
    pub due: TextArea<'static>,
    /// Focus.
    pub focus: TriageFocus,
    /// Error line.
    pub error: Option<String>,
}

/// The row under the status choices that voids a slip or restores a voided one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoidChoice {
    /// 取消: the slip was entered by mistake (a reason is needed).
    Void,
    /// Bring a voided slip back.
    Restore,
}

/// Status change for one or more slips.
#[derive(Debug)]
pub struct StatusForm {
    /// For one slip, the last row: void it, or restore it when voided.
    pub void: Option<VoidChoice>,
    /// Target slips.
    pub targets: Vec<(i64, Option<i64>)>,
    /// Current status when one slip.
    pub from: Option<Status>,
    /// Allowed choices.
    pub choices: Vec<Status>,
    /// Cursor.
    pub cursor: usize,
    /// Reason text.
    pub reason: TextArea<'static>,
    /// Error line.
    pub error: Option<String>,
}

/// One section's reply being written: what is on record and the draft.
#[derive(Debug)]
pub struct ReplyDraft {
    /// Section code.
    pub section: String,
    /// The reply on record (text, date), which the draft starts from.
    pub existing: Option<(String, NaiveDate)>,
    /// The draft.
    pub text: TextArea<'static>,
}

impl ReplyDraft {
    /// Whether the draft differs from what is on record.
    pub fn is_dirty(&self) -> bool {
        let now = value(&self.text);
        let was = self.existing.as_ref().map_or("", |(t, _)| t.as_str());
        now.trim() != was.trim()
    }
}

/// Sections' replies to one slip: one draft per section, kept while moving between them.
#[derive(Debug)]
pub struct ReplyForm {
    /// The slip and its version.
    pub target: (i64, Option<i64>),
    /// One draft per section that may reply here (sections still to reply first).
    pub drafts: Vec<ReplyDraft>,
    /// The section shown.
    pub cursor: usize,
    /// Error line.
    pub error: Option<String>,
    /// Esc pressed once with unsaved drafts.
    pub confirm_discard: bool,
}

impl ReplyForm {
    /// The draft shown.
    pub fn current(&self) -> &ReplyDraft {
        &self.drafts[self.cursor.min(self.drafts.len() - 1)]
    }

    /// Whether any draft holds text that saving would keep.
    pub fn is_dirty(&self) -> bool {
        self.drafts.iter().any(ReplyDraft::is_dirty)
    }
}

/// The filter popup's rows.
pub const FILTER_ROWS: usize = 6;

/// The filter popup.
#[derive(Debug)]
pub struct FilterForm {
    /// Row under the cursor: section, floor, kind, fiscal year, month.
    pub row: usize,
    /// Values being edited.
    pub draft: Extra,
}

/// The duplicate prompt.
#[derive(Debug)]
pub struct DuplicateForm {
    /// The duplicate slip and its version.
    pub target: (i64, Option<i64>),
    /// The original's number.
    pub input: TextArea<'static>,
    /// Error line.
    pub error: Option<String>,
}

/// Popups drawn over a screen. Only one exists at a time, so the size of the
/// largest variant costs nothing worth boxing for.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Popup {
    /// Key help (scroll offset).
    Help(u16),
    /// Triage.
    Triage(TriageForm),
    /// Status change.
    Status(StatusForm),
    /// Reply.
    Reply(ReplyForm),
    /// Filter.
    Filter(FilterForm),
    /// Duplicate.
    Duplicate(DuplicateForm),
    /// Private text.
    Private(PrivateForm),
}

/// The private-text prompt.
#[derive(Debug)]
pub struct PrivateForm {
    /// The slip and its version.
    pub target: (i64, Option<i64>),
    /// The text to add.
    pub input: TextArea<'static>,
    /// Error line.
    pub error: Option<String>,
}

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The slip table.
    Inbox,
    /// One slip.
    Detail,
    /// The entry form.
    Entry,
    /// Monthly tallies.
    Summary,
}

/// Whether the summary counts slips or section items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Each slip once.
    Slips,
    /// Each slip once per section.
    Items,
}

/// The summary screen's choices and the report it shows.
#[derive(Debug)]
pub struct SummaryState {
    /// Fiscal year.
    pub fiscal_year: i32,
    /// Selected month (index 0 = April), if any.
    pub month: Option<usize>,
    /// Rows.
    pub by: crate::domain::Dimension,
    /// Slips or items.
    pub unit: Unit,
    /// The loaded report.
    pub report: Option<crate::report::Report>,
    /// Rows of the table scrolled past.
    pub scroll: u16,
}

/// What the loop must do against the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Leave meyasu.
    Quit,
    /// Stop meyasu in the background (Ctrl-Z), where the platform has job control.
    Suspend,
    /// Count and load the first page for the current filter.
    LoadList,
    /// Load the current window.
    LoadPage,
    /// Load one slip.
    LoadDetail(i64),
    /// Build the summary's report.
    LoadSummary,
    /// Save a new slip.
    Add(NewSlip),
    /// Save corrections.
    Edit(i64, SlipEdit, i64),
    /// Change the sections of slips and set their due date.
    Assign {
        /// Slips and versions.
        targets: Vec<(i64, Option<i64>)>,
        /// The change (section codes).
        change: SectionChange,
        /// Due date.
        due: NaiveDate,
        /// The user confirmed removing sections that replied (their replies stay).
        remove_replied: bool,
    },
    /// Load a slip to write a reply to it (from the inbox).
    OpenReply(i64),
    /// Record replies, one per section, in order.
    Reply {
        /// Slip and version.
        target: (i64, Option<i64>),
        /// (section code, text, whether it replaces a reply on record).
        replies: Vec<(String, String, bool)>,
    },
    /// Change status.
    SetStatus {
        /// Slips and versions.
        targets: Vec<(i64, Option<i64>)>,
        /// New status.
        to: Status,
        /// Reason.
        reason: Option<String>,
    },
    /// Keep a slip off the public list, or put it back.
    SetNoPublish {
        /// Slip and version.
        target: (i64, Option<i64>),
        /// Hide.
        hide: bool,
    },
    /// Mark (or with `None`, clear) private text.
    MarkPrivate {
        /// Slip and version.
        target: (i64, Option<i64>),
        /// The text; `None` clears every mark.
        text: Option<String>,
    },
    /// Void a slip entered by mistake.
    Void {
        /// Slip and version.
        target: (i64, Option<i64>),
        /// Why.
        reason: String,
    },
    /// Bring a voided slip back.
    Restore {
        /// Slip and version.
        target: (i64, Option<i64>),
    },
    /// Mark duplicate.
    Duplicate {
        /// The duplicate slip and version.
        target: (i64, Option<i64>),
        /// The original.
        of: i64,
    },
}

/// What came back from performing an [`Effect`].
#[derive(Debug)]
pub enum Outcome {
    /// A new list: total, counts per tab, first window.
    List {
        /// Matching slips.
        total: u64,
        /// Count per tab, in tab order.
        counts: Vec<u64>,
        /// Rows of the window.
        rows: Vec<SlipRow>,
    },
    /// A window of rows.
    Page(Vec<SlipRow>),
    /// One slip.
    Detail(Box<SlipDetail>),
    /// A slip to open the reply form on, over the current screen.
    ReplyTo(Box<SlipDetail>),
    /// The summary's report.
    Summary(Box<crate::report::Report>),
    /// The fiscal year the summary should show.
    SummaryYear(i32),
    /// A slip was added (its number).
    Added(i64),
    /// A change was saved; the message to show.
    Done(String),
    /// A change failed; the message to show.
    Failed(String),
}

/// The whole TUI state.
#[derive(Debug)]
pub struct App {
    /// UI language.
    pub lang: Lang,
    /// Today (for overdue and default dates).
    pub today: NaiveDate,
    /// Sections, floors and kinds, copied from the store once.
    pub catalog: Catalog,
    /// The office settings (reply period, ward name).
    pub settings: Settings,
    /// Liaison mode: the only section shown.
    pub liaison: Option<String>,
    /// Current screen.
    pub screen: Screen,
    /// Popup over it.
    pub popup: Option<Popup>,
    /// Current tab.
    pub tab: Tab,
    /// Count per tab.
    pub counts: Vec<u64>,
    /// Extra filters.
    pub extra: Extra,
    /// Applied search text.
    pub search: String,
    /// The search line while typing.
    pub search_input: Option<TextArea<'static>>,
    /// The slip table.
    pub list: ListView,
    /// Marked slips for bulk actions, as they were when marked.
    pub marked: BTreeMap<i64, SlipRow>,
    /// The open slip.
    pub detail: Option<SlipDetail>,
    /// Scroll of the detail view.
    pub detail_scroll: u16,
    /// How far the detail view can scroll, as the last frame measured it (the view
    /// sets it: only the view knows how the text wraps).
    pub detail_max_scroll: std::cell::Cell<u16>,
    /// The entry form.
    pub entry: Option<EntryForm>,
    /// A message for the status line: text and whether it is an error.
    pub flash: Option<(String, bool)>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Ctrl-C was pressed once with unsaved input; a second press quits.
    pub quit_armed: bool,
    /// The summary screen.
    pub summary: Option<SummaryState>,
}

/// The smallest screen the views draw in (columns, rows).
pub const MIN_SIZE: (u16, u16) = (40, 10);

/// Rows of the screen that are not table rows (tabs, filter line, header, status bar).
pub const INBOX_CHROME: u16 = 4;

impl App {
    /// A new app on the inbox.
    pub fn new(
        lang: Lang,
        today: NaiveDate,
        catalog: Catalog,
        settings: Settings,
        liaison: Option<String>,
    ) -> App {
        let tab = if liaison.is_some() {
            Tab::Assigned
        } else {
            Tab::New
        };
        App {
            lang,
            today,
            catalog,
            settings,
            liaison,
            screen: Screen::Inbox,
            popup: None,
            tab,
            counts: vec![],
            extra: Extra::default(),
            search: String::new(),
            search_input: None,
            list: ListView {
                height: 20,
                ..Default::default()
            },
            marked: BTreeMap::new(),
            detail: None,
            detail_scroll: 0,
            detail_max_scroll: std::cell::Cell::new(u16::MAX),
            entry: None,
            flash: None,
            size: (80, 24),
            quit_armed: false,
            summary: None,
        }
    }

    /// The tabs on offer.
    pub fn tabs(&self) -> &'static [Tab] {
        if self.liaison.is_some() {
            &Tab::LIAISON
        } else {
            &Tab::OFFICE
        }
    }

    /// The filter for a tab with the current extra filters and search.
    pub fn filter_for(&self, tab: Tab) -> Filter {
        let mut f = tab.filter(self.today);
        f.section = self.liaison.clone().or_else(|| self.extra.section.clone());
        f.floor = self.extra.floor.clone();
        f.kind = self.extra.kind.clone();
        let period = match (self.extra.month, self.extra.fiscal_year) {
            (Some((y, m)), _) => Some(Period::Month(y, m)),
            (None, Some(fy)) => Some(Period::FiscalYear(fy)),
            (None, None) => None,
        };
        if let Some(p) = period {
            let (from, to) = p.received();
            f.from = Some(from);
            f.to = Some(to);
        }
        f.text = (!self.search.trim().is_empty()).then(|| self.search.clone());
        f.voided = self.extra.voided;
        f
    }

    /// The filter of the current tab.
    pub fn filter(&self) -> Filter {
        self.filter_for(self.tab)
    }

    /// The mode of the screen under any popup (what the help overlay explains).
    pub fn base_mode(&self) -> Mode {
        match self.screen {
            Screen::Inbox => Mode::Inbox,
            Screen::Detail => Mode::Detail,
            Screen::Entry => Mode::Entry,
            Screen::Summary => Mode::Summary,
        }
    }

    /// Which key table applies now.
    pub fn mode(&self) -> Mode {
        match &self.popup {
            Some(Popup::Help(_)) => Mode::Help,
            Some(Popup::Triage(_)) => Mode::Triage,
            Some(Popup::Status(_)) => Mode::Status,
            Some(Popup::Reply(_)) => Mode::Reply,
            Some(Popup::Filter(_)) => Mode::Filter,
            Some(Popup::Duplicate(_)) => Mode::Duplicate,
            Some(Popup::Private(_)) => Mode::Private,
            None => match self.screen {
                Screen::Inbox if self.search_input.is_some() => Mode::Search,
                Screen::Inbox => Mode::Inbox,
                Screen::Detail => Mode::Detail,
                Screen::Entry => Mode::Entry,
                Screen::Summary => Mode::Summary,
            },
        }
    }

    /// Actions that do not exist in this mode of the app: liaison mode has no office
    /// work, and the number keys reach only the tabs shown.
    pub fn unavailable_actions(&self) -> Vec<Action> {
        let mut out = vec![];
        if self.liaison.is_some() {
            out.extend([
                Action::NewSlip,
                Action::Assign,
                Action::Status,
                Action::Edit,
                Action::Duplicate,
                Action::Mark,
                Action::Summary,
                Action::Publication,
                Action::Private,
            ]);
        }
        out.extend((self.tabs().len()..6).map(|i| Action::Tab(i as u8)));
        out
    }

    /// Actions not offered in the status bar and help now: the unavailable ones, and a
    /// reply where none can be written (a closed slip, or one not assigned to the user).
    pub fn hidden_actions(&self) -> Vec<Action> {
        let mut out = self.unavailable_actions();
        let slip = match self.screen {
            Screen::Detail => self
                .detail
                .as_ref()
                .map(|d| (d.slip.status, d.slip.sections.as_slice())),
            Screen::Inbox => self
                .list
                .current()
                .map(|r| (r.status, r.sections.as_slice())),
            _ => None,
        };
        if slip.is_none_or(|(st, secs)| self.reply_refusal(st, secs).is_some()) {
            out.push(Action::Reply);
        }
        // A voided slip changes only by being restored (s).
        let voided = match self.screen {
            Screen::Detail => self.detail.as_ref().is_some_and(|d| d.slip.voided),
            _ => self.extra.voided,
        };
        if voided {
            out.extend([
                Action::Assign,
                Action::Reply,
                Action::Edit,
                Action::Duplicate,
                Action::Publication,
                Action::Private,
            ]);
        }
        out
    }

    /// The help text of a binding as this app shows it: the number keys name the tab
    /// they open here (a liaison's second tab is not the team's).
    pub fn binding_help(&self, b: &keymap::Binding) -> Option<String> {
        match b.action {
            Action::Tab(i) => {
                let tab = self.tabs().get(i as usize)?;
                Some(fill(Msg::KeyTabN, self.lang, &[&tab.msg().text(self.lang)]))
            }
            _ => Some(b.help.text(self.lang).to_string()),
        }
    }

    /// The terminal was resized.
    pub fn resize(&mut self, width: u16, height: u16) -> Effect {
        self.size = (width, height);
        let h = height.saturating_sub(INBOX_CHROME).max(1) as usize;
        if h != self.list.height {
            self.list.height = h;
            return self.scroll_to(self.list.selected, true);
        }
        Effect::None
    }

    /// Whether the screen is below the smallest size the views draw in. Keys do nothing
    /// then: what they would do cannot be seen.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_SIZE.0 || self.size.1 < MIN_SIZE.1
    }

    /// Whether quitting now would lose typed text (a form, a reply draft, a reason).
    pub fn has_unsaved_input(&self) -> bool {
        let entry =
            self.screen == Screen::Entry && self.entry.as_ref().is_some_and(EntryForm::is_dirty);
        let popup = match &self.popup {
            Some(Popup::Reply(r)) => r.is_dirty(),
            Some(Popup::Status(s)) => !value(&s.reason).trim().is_empty(),
            Some(Popup::Private(p)) => !value(&p.input).trim().is_empty(),
            _ => false,
        };
        entry || popup
    }

    /// Handle a key press: bound keys become actions, the rest goes to the focused input.
    pub fn handle_key(&mut self, ev: KeyEvent) -> Effect {
        if self.flash.is_some() {
            self.flash = None;
        }
        // Ctrl-C quits from anywhere, as in every other terminal program; with unsaved
        // input it asks first.
        if ev.code == KeyCode::Char('c') && ev.modifiers == KeyModifiers::CONTROL {
            if self.quit_armed || !self.has_unsaved_input() {
                return Effect::Quit;
            }
            self.quit_armed = true;
            self.message(Msg::ConfirmQuit.text(self.lang), true);
            return Effect::None;
        }
        self.quit_armed = false;
        if ev.code == KeyCode::Char('z') && ev.modifiers == KeyModifiers::CONTROL {
            return Effect::Suspend;
        }
        if self.too_small() {
            return Effect::None;
        }
        let mode = self.mode();
        if let Some(action) = keymap::lookup(mode, &ev) {
            if self.unavailable_actions().contains(&action) {
                return Effect::None;
            }
            return self.update(action);
        }
        self.type_key(ev);
        Effect::None
    }

    /// Pasted text goes to the focused input (newlines kept only where the input is multi-line).
    pub fn paste(&mut self, text: &str) {
        let multiline = self.focused_multiline();
        // Pasted control characters and escape sequences never enter an input.
        let text = crate::text::sanitize(&crate::text::normalize_body(text), true);
        if let Some(ta) = self.focused_input() {
            if multiline {
                ta.insert_str(&text);
            } else {
                ta.insert_str(text.replace('\n', " "));
            }
        }
        self.after_typing();
    }

    fn focused_multiline(&self) -> bool {
        match (&self.popup, self.screen) {
            (Some(Popup::Reply(_)), _) => true,
            (None, Screen::Entry) => self.entry.as_ref().is_some_and(|e| e.focus == Field::Body),
            _ => false,
        }
    }

    /// The text input that receives typed keys now, if any.
    pub fn focused_input(&mut self) -> Option<&mut TextArea<'static>> {
        match &mut self.popup {
            Some(Popup::Triage(t)) => Some(match t.focus {
                TriageFocus::Sections => &mut t.search,
                TriageFocus::Due => &mut t.due,
            }),
            Some(Popup::Status(s)) => Some(&mut s.reason),
            Some(Popup::Reply(r)) => {
                let i = r.cursor.min(r.drafts.len().saturating_sub(1));
                r.drafts.get_mut(i).map(|d| &mut d.text)
            }
            Some(Popup::Duplicate(d)) => Some(&mut d.input),
            Some(Popup::Private(p)) => Some(&mut p.input),
            Some(Popup::Help(_) | Popup::Filter(_)) => None,
            None => match self.screen {
                Screen::Inbox => self.search_input.as_mut(),
                Screen::Entry => self.entry.as_mut().and_then(EntryForm::editor),
                Screen::Detail | Screen::Summary => None,
            },
        }
    }

    fn type_key(&mut self, ev: KeyEvent) {
        // One-key pick lists in the entry form.
        if self.popup.is_none() && self.screen == Screen::Entry {
            let floors = self.catalog.floors.len();
            let kinds = self.catalog.kinds.len();
            if let Some(form) = self.entry.as_mut() {
                form.confirm_discard = false;
                if matches!(form.focus, Field::Floor | Field::Kind) {
                    let n = if form.focus == Field::Floor {
                        floors
                    } else {
                        kinds
                    };
                    let slot = if form.focus == Field::Floor {
                        &mut form.floor
                    } else {
                        &mut form.kind
                    };
                    match ev.code {
                        KeyCode::Char(c) if c.is_ascii_digit() => {
                            let d = c.to_digit(10).unwrap_or(0) as usize;
                            if (1..=n).contains(&d) {
                                *slot = Some(d - 1);
                                let field = form.focus;
                                form.errors.retain(|(f, _)| *f != field);
                                form.step(1);
                            }
                        }
                        KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => {
                            *slot = Some(slot.map_or(0, |i| (i + 1) % n));
                        }
                        KeyCode::Left | KeyCode::Up => {
                            *slot = Some(slot.map_or(n - 1, |i| (i + n - 1) % n));
                        }
                        KeyCode::Enter => form.step(1),
                        _ => {}
                    }
                    return;
                }
            }
        }
        // The first character typed into the pre-filled date replaces it.
        if self.popup.is_none()
            && self.screen == Screen::Entry
            && let Some(form) = self.entry.as_mut()
            && form.focus == Field::Date
        {
            let printable = matches!(ev.code, KeyCode::Char(_))
                && !ev
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            if form.date_fresh && printable {
                form.date = input("", false);
            }
            form.date_fresh = false;
        }
        let single_line = !self.focused_multiline();
        if single_line && ev.code == KeyCode::Enter {
            return;
        }
        if ev.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(ev.code, KeyCode::Char('m') | KeyCode::Char('j'))
            && single_line
        {
            return;
        }
        if let Some(ta) = self.focused_input() {
            ta.input(ev);
        }
        self.after_typing();
    }

    /// Keep pick lists in step with what was typed.
    fn after_typing(&mut self) {
        if let Some(Popup::Triage(t)) = &mut self.popup {
            t.cursor = 0;
            t.error = None;
            t.confirm = None;
        }
    }

    /// Sections matching the triage search, in table order (active only).
    pub fn triage_matches(&self, search: &str) -> Vec<&Section> {
        let q = crate::text::nfkc(search.trim()).to_lowercase();
        self.catalog
            .sections
            .iter()
            .filter(|s| s.active)
            .filter(|s| {
                q.is_empty()
                    || s.label.code.contains(&q)
                    || crate::text::nfkc(&s.label.name).contains(&q)
                    || s.label.name_en.to_lowercase().contains(&q)
                    || crate::text::nfkc(&s.department).contains(&q)
            })
            .collect()
    }

    fn targets(&self) -> Vec<(i64, Option<i64>)> {
        if self.screen == Screen::Detail {
            return self
                .detail
                .as_ref()
                .map(|d| vec![(d.slip.id, Some(d.slip.version))])
                .unwrap_or_default();
        }
        if !self.marked.is_empty() {
            return self.marked.keys().map(|id| (*id, None)).collect();
        }
        self.list
            .current()
            .map(|r| vec![(r.id, None)])
            .unwrap_or_default()
    }

    /// Scroll the table so `index` is selected and visible.
    fn scroll_to(&mut self, index: usize, force: bool) -> Effect {
        let last = (self.list.total as usize).saturating_sub(1);
        let index = index.min(last);
        self.list.selected = index;
        let h = self.list.height.max(1);
        let mut offset = self.list.offset;
        if index < offset {
            offset = index;
        } else if index >= offset + h {
            offset = index + 1 - h;
        }
        if offset != self.list.offset || force || (self.list.rows.is_empty() && self.list.total > 0)
        {
            self.list.offset = offset;
            Effect::LoadPage
        } else {
            Effect::None
        }
    }

    fn set_tab(&mut self, tab: Tab) -> Effect {
        self.tab = tab;
        self.list.selected = 0;
        self.list.offset = 0;
        // The tab counts are fresh from the last full load: only the page is needed.
        match self
            .tabs()
            .iter()
            .position(|t| *t == tab)
            .and_then(|i| self.counts.get(i))
        {
            Some(&n) => {
                self.list.total = n;
                self.list.rows.clear();
                Effect::LoadPage
            }
            None => Effect::LoadList,
        }
    }

    fn message(&mut self, text: impl Into<String>, error: bool) {
        self.flash = Some((text.into(), error));
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) -> Effect {
        match self.mode() {
            Mode::Inbox => self.update_inbox(action),
            Mode::Search => match action {
                Action::Open => {
                    let q = self
                        .search_input
                        .take()
                        .map(|t| value(&t))
                        .unwrap_or_default();
                    self.search = q.trim().to_string();
                    self.list.selected = 0;
                    self.list.offset = 0;
                    Effect::LoadList
                }
                Action::Back => {
                    self.search_input = None;
                    Effect::None
                }
                _ => Effect::None,
            },
            Mode::Detail => self.update_detail(action),
            Mode::Entry => self.update_entry(action),
            Mode::Summary => self.update_summary(action),
            Mode::Help => match (action, &mut self.popup) {
                (Action::Down, Some(Popup::Help(s))) => {
                    *s = s.saturating_add(1);
                    Effect::None
                }
                (Action::Up, Some(Popup::Help(s))) => {
                    *s = s.saturating_sub(1);
                    Effect::None
                }
                _ => {
                    self.popup = None;
                    Effect::None
                }
            },
            Mode::Triage => self.update_triage(action),
            Mode::Status => self.update_status(action),
            Mode::Reply => self.update_reply(action),
            Mode::Filter => self.update_filter(action),
            Mode::Duplicate => self.update_duplicate(action),
            Mode::Private => {
                let Some(Popup::Private(p)) = &mut self.popup else {
                    return Effect::None;
                };
                match action {
                    Action::Save => {
                        let text = value(&p.input);
                        if text.trim().is_empty() {
                            return Effect::None;
                        }
                        p.error = None;
                        Effect::MarkPrivate {
                            target: p.target,
                            text: Some(text),
                        }
                    }
                    Action::Clear => Effect::MarkPrivate {
                        target: p.target,
                        text: None,
                    },
                    _ => {
                        self.popup = None;
                        Effect::None
                    }
                }
            }
        }
    }

    fn update_inbox(&mut self, action: Action) -> Effect {
        let page = self.list.height.max(1);
        let sel = self.list.selected;
        match action {
            Action::Down => self.scroll_to(sel + 1, false),
            Action::Up => self.scroll_to(sel.saturating_sub(1), false),
            Action::PageDown => self.scroll_to(sel + page, false),
            Action::PageUp => self.scroll_to(sel.saturating_sub(page), false),
            Action::Top => self.scroll_to(0, false),
            Action::Bottom => self.scroll_to(usize::MAX, false),
            Action::Open => match self.list.current() {
                Some(r) => {
                    let id = r.id;
                    self.screen = Screen::Detail;
                    self.detail_scroll = 0;
                    Effect::LoadDetail(id)
                }
                None => Effect::None,
            },
            Action::NextTab | Action::PrevTab => {
                let tabs = self.tabs();
                let i = tabs.iter().position(|t| *t == self.tab).unwrap_or(0);
                let n = tabs.len();
                let j = if action == Action::NextTab {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.set_tab(tabs[j])
            }
            Action::Tab(i) => match self.tabs().get(i as usize) {
                Some(&t) => self.set_tab(t),
                None => Effect::None,
            },
            Action::NewSlip => {
                self.entry = Some(EntryForm::new(self.today));
                self.screen = Screen::Entry;
                Effect::None
            }
            Action::Search => {
                self.search_input = Some(input(&self.search, false));
                Effect::None
            }
            Action::Filter => {
                self.popup = Some(Popup::Filter(FilterForm {
                    row: 0,
                    draft: self.extra.clone(),
                }));
                Effect::None
            }
            Action::ClearFilter => {
                // The tab counts were for the filter: count again.
                self.extra = Extra::default();
                self.search.clear();
                self.list.selected = 0;
                self.list.offset = 0;
                Effect::LoadList
            }
            Action::Mark => {
                if let Some(r) = self.list.current().cloned()
                    && self.marked.remove(&r.id).is_none()
                {
                    self.marked.insert(r.id, r);
                }
                self.scroll_to(sel + 1, false)
            }
            Action::Assign => self.open_triage(),
            Action::Reply => self.open_reply(),
            Action::Status => self.open_status(),
            Action::Refresh => Effect::LoadList,
            Action::Summary => {
                let fy = crate::domain::date::fiscal_year(self.today);
                self.summary.get_or_insert(SummaryState {
                    fiscal_year: fy,
                    month: None,
                    by: crate::domain::Dimension::Section,
                    unit: Unit::Slips,
                    report: None,
                    scroll: 0,
                });
                self.screen = Screen::Summary;
                Effect::LoadSummary
            }
            Action::Help => {
                self.popup = Some(Popup::Help(0));
                Effect::None
            }
            Action::Quit => Effect::Quit,
            _ => Effect::None,
        }
    }

    fn update_summary(&mut self, action: Action) -> Effect {
        if action == Action::Help {
            self.popup = Some(Popup::Help(0));
            return Effect::None;
        }
        if action == Action::Back {
            self.screen = Screen::Inbox;
            return Effect::None;
        }
        let Some(s) = self.summary.as_mut() else {
            self.screen = Screen::Inbox;
            return Effect::None;
        };
        match action {
            Action::Left => s.fiscal_year -= 1,
            Action::Right => s.fiscal_year += 1,
            Action::NextField | Action::PrevField => {
                use crate::domain::Dimension;
                let all = Dimension::ALL;
                let i = all.iter().position(|d| *d == s.by).unwrap_or(0);
                let n = all.len();
                s.by = all[if action == Action::NextField {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }];
            }
            Action::Toggle => {
                s.unit = match s.unit {
                    Unit::Slips => Unit::Items,
                    Unit::Items => Unit::Slips,
                };
                return Effect::None;
            }
            Action::Down => {
                s.month = match s.month {
                    None => Some(0),
                    Some(11) => None,
                    Some(m) => Some(m + 1),
                };
                return Effect::None;
            }
            Action::Up => {
                s.month = match s.month {
                    None => Some(11),
                    Some(0) => None,
                    Some(m) => Some(m - 1),
                };
                return Effect::None;
            }
            Action::PageDown => {
                s.scroll = s.scroll.saturating_add(5);
                return Effect::None;
            }
            Action::PageUp => {
                s.scroll = s.scroll.saturating_sub(5);
                return Effect::None;
            }
            Action::Refresh => {}
            _ => return Effect::None,
        }
        s.scroll = 0;
        Effect::LoadSummary
    }

    fn update_detail(&mut self, action: Action) -> Effect {
        let max = self.detail_max_scroll.get();
        let page = self.size.1.saturating_sub(4).max(1);
        let scroll = self.detail_scroll.min(max);
        let mut to = |s: u16| {
            self.detail_scroll = s.min(max);
            Effect::None
        };
        match action {
            Action::Down => to(scroll.saturating_add(1)),
            Action::Up => to(scroll.saturating_sub(1)),
            Action::PageDown => to(scroll.saturating_add(page)),
            Action::PageUp => to(scroll.saturating_sub(page)),
            Action::Top => to(0),
            Action::Bottom => to(max),
            Action::Assign => self.open_triage(),
            Action::Reply => self.open_reply(),
            Action::Status => self.open_status(),
            Action::Duplicate => {
                if let Some(t) = self.targets().first().copied() {
                    self.popup = Some(Popup::Duplicate(DuplicateForm {
                        target: t,
                        input: input("", false),
                        error: None,
                    }));
                }
                Effect::None
            }
            Action::Refresh => match &self.detail {
                Some(d) => Effect::LoadDetail(d.slip.id),
                None => Effect::None,
            },
            Action::Publication => match &self.detail {
                Some(d) => Effect::SetNoPublish {
                    target: (d.slip.id, Some(d.slip.version)),
                    hide: !d.slip.no_publish,
                },
                None => Effect::None,
            },
            Action::Private => {
                if let Some(d) = &self.detail {
                    self.popup = Some(Popup::Private(PrivateForm {
                        target: (d.slip.id, Some(d.slip.version)),
                        input: input("", false),
                        error: None,
                    }));
                }
                Effect::None
            }
            Action::Edit => {
                let Some(d) = &self.detail else {
                    return Effect::None;
                };
                let s = &d.slip;
                let mut form = EntryForm::new(s.received_on);
                form.floor = self.catalog.floors.iter().position(|f| f.code == s.floor);
                form.kind = self.catalog.kinds.iter().position(|k| k.code == s.kind);
                form.body = input(&s.body, true);
                form.summary = input(s.summary.as_deref().unwrap_or(""), false);
                form.focus = Field::Body;
                form.editing = Some((s.id, s.version));
                self.entry = Some(form);
                self.screen = Screen::Entry;
                Effect::None
            }
            Action::Back => {
                self.screen = Screen::Inbox;
                self.detail = None;
                Effect::LoadList
            }
            Action::Help => {
                self.popup = Some(Popup::Help(0));
                Effect::None
            }
            _ => Effect::None,
        }
    }

    fn update_entry(&mut self, action: Action) -> Effect {
        let today = self.today;
        let lang = self.lang;
        let Some(form) = self.entry.as_mut() else {
            self.screen = Screen::Inbox;
            return Effect::None;
        };
        if action != Action::Back {
            form.confirm_discard = false;
        }
        match action {
            Action::NextField => {
                form.step(1);
                Effect::None
            }
            Action::PrevField => {
                form.step(-1);
                Effect::None
            }
            Action::Help => {
                self.popup = Some(Popup::Help(0));
                Effect::None
            }
            Action::Back => {
                if form.is_dirty() && !form.confirm_discard && form.editing.is_none() {
                    form.confirm_discard = true;
                    let msg = Msg::ConfirmDiscard.text(lang);
                    self.message(msg, true);
                    return Effect::None;
                }
                let back_to_detail = form.editing.is_some();
                self.entry = None;
                if back_to_detail {
                    self.screen = Screen::Detail;
                    Effect::None
                } else {
                    self.screen = Screen::Inbox;
                    Effect::LoadList
                }
            }
            Action::Save => {
                form.errors.clear();
                let date_text = value(&form.date);
                let date = parse_date(&date_text, today);
                if date.is_none() {
                    form.errors.push((
                        Field::Date,
                        fill(
                            Msg::ErrBadDate,
                            lang,
                            &[&Msg::ColReceived.text(lang), &date_text],
                        ),
                    ));
                }
                if form.floor.is_none() {
                    form.errors
                        .push((Field::Floor, Msg::ErrPickFloor.text(lang).into()));
                }
                if form.kind.is_none() {
                    form.errors
                        .push((Field::Kind, Msg::ErrPickKind.text(lang).into()));
                }
                let body = value(&form.body);
                if body.trim().is_empty() {
                    form.errors
                        .push((Field::Body, Msg::ErrEmptyText.text(lang).into()));
                }
                if let Some((f, _)) = form.errors.first() {
                    form.focus = *f;
                    return Effect::None;
                }
                let (Some(date), Some(fi), Some(ki)) = (date, form.floor, form.kind) else {
                    return Effect::None;
                };
                let floor = self.catalog.floors[fi].code.clone();
                let kind = self.catalog.kinds[ki].code.clone();
                let summary = value(&form.summary);
                match form.editing {
                    Some((id, version)) => Effect::Edit(
                        id,
                        SlipEdit {
                            received_on: Some(date),
                            floor: Some(floor),
                            kind: Some(kind),
                            body: Some(body),
                            summary: Some(summary),
                            due_on: None,
                        },
                        version,
                    ),
                    None => Effect::Add(NewSlip {
                        received_on: date,
                        floor,
                        kind,
                        body,
                        summary: (!summary.trim().is_empty()).then_some(summary),
                    }),
                }
            }
            _ => Effect::None,
        }
    }

    /// The slips triage would change, with what is known of each.
    fn triage_targets(&self) -> Vec<TriageTarget> {
        if self.screen == Screen::Detail {
            return self
                .detail
                .as_ref()
                .map(|d| {
                    vec![TriageTarget {
                        id: d.slip.id,
                        version: Some(d.slip.version),
                        status: d.slip.status,
                        sections: d.slip.sections.clone(),
                        replied: d.replies.iter().map(|r| r.section.clone()).collect(),
                    }]
                })
                .unwrap_or_default();
        }
        if !self.marked.is_empty() {
            return self.marked.values().map(TriageTarget::of_row).collect();
        }
        self.list
            .current()
            .map(|r| vec![TriageTarget::of_row(r)])
            .unwrap_or_default()
    }

    fn open_triage(&mut self) -> Effect {
        let targets = self.triage_targets();
        if targets.is_empty() {
            return Effect::None;
        }
        let bulk = targets.len() > 1;
        let picked = if bulk {
            vec![]
        } else {
            targets[0].sections.clone()
        };
        let current_due = match self.screen {
            Screen::Detail => self.detail.as_ref().and_then(|d| d.slip.due_on),
            _ if !bulk => self.list.current().and_then(|r| r.due_on),
            _ => None,
        };
        let due = current_due.filter(|d| *d >= self.today).unwrap_or_else(|| {
            crate::domain::date::due_after(
                self.today,
                self.settings.reply_days,
                self.settings.business_days,
            )
        });
        self.popup = Some(Popup::Triage(TriageForm {
            targets,
            bulk,
            confirm: None,
            search: input("", false),
            picked,
            cursor: 0,
            due: input(&due.to_string(), false),
            focus: TriageFocus::Sections,
            error: None,
        }));
        Effect::None
    }

    fn update_triage(&mut self, action: Action) -> Effect {
        let today = self.today;
        let lang = self.lang;
        let matches: Vec<String> = match &self.popup {
            Some(Popup::Triage(t)) => self
                .triage_matches(&value(&t.search))
                .iter()
                .map(|s| s.label.code.clone())
                .collect(),
            _ => return Effect::None,
        };
        let Some(Popup::Triage(t)) = &mut self.popup else {
            return Effect::None;
        };
        if action != Action::Save {
            // Any change after the plan was shown means the plan must be shown again.
            if t.confirm.take().is_some() && action == Action::Back {
                return Effect::None;
            }
        }
        match action {
            Action::Down => t.cursor = (t.cursor + 1).min(matches.len().saturating_sub(1)),
            Action::Up => t.cursor = t.cursor.saturating_sub(1),
            Action::Toggle => {
                if t.focus == TriageFocus::Due {
                    t.focus = TriageFocus::Sections;
                } else if let Some(code) = matches.get(t.cursor) {
                    if let Some(i) = t.picked.iter().position(|c| c == code) {
                        t.picked.remove(i);
                    } else {
                        t.picked.push(code.clone());
                    }
                    t.error = None;
                }
            }
            Action::NextField | Action::PrevField => {
                t.focus = match t.focus {
                    TriageFocus::Sections => TriageFocus::Due,
                    TriageFocus::Due => TriageFocus::Sections,
                };
            }
            Action::Save => {
                if t.picked.is_empty() {
                    t.error = Some(Msg::ErrPickSection.text(lang).into());
                    t.confirm = None;
                    return Effect::None;
                }
                let due_text = value(&t.due);
                let Some(due) = parse_date(&due_text, today) else {
                    t.error = Some(fill(
                        Msg::ErrBadDate,
                        lang,
                        &[&Msg::ColDue.text(lang), &due_text],
                    ));
                    t.focus = TriageFocus::Due;
                    t.confirm = None;
                    return Effect::None;
                };
                let change = if t.bulk {
                    SectionChange::Add(t.picked.clone())
                } else {
                    SectionChange::Replace(t.picked.clone())
                };
                let effect = Effect::Assign {
                    targets: t.targets.iter().map(|x| (x.id, x.version)).collect(),
                    change: change.clone(),
                    due,
                    remove_replied: true,
                };
                if t.confirm.is_some() {
                    return effect;
                }
                let plans: Vec<PlanLine> = t
                    .targets
                    .iter()
                    .map(|x| {
                        let plan = plan_sections(x.status, &x.sections, &x.replied, &change)
                            .map_err(|e| crate::Error::from(e).screen_message(lang));
                        (x.id, plan)
                    })
                    .collect();
                if !t.bulk
                    && let Some((_, Err(e))) = plans.first()
                {
                    t.error = Some(e.clone());
                    return Effect::None;
                }
                let confirm = t.bulk
                    || plans
                        .iter()
                        .any(|(_, p)| p.as_ref().is_ok_and(SectionPlan::needs_confirmation));
                if confirm {
                    t.error = None;
                    t.confirm = Some(plans);
                    return Effect::None;
                }
                return effect;
            }
            Action::Back => self.popup = None,
            _ => {}
        }
        Effect::None
    }

    fn open_status(&mut self) -> Effect {
        let targets = self.targets();
        if targets.is_empty() {
            return Effect::None;
        }
        let from = if targets.len() == 1 {
            match self.screen {
                Screen::Detail => self.detail.as_ref().map(|d| d.slip.status),
                _ => self.list.current().map(|r| r.status),
            }
        } else {
            None
        };
        let sections = match self.screen {
            Screen::Detail => self.detail.as_ref().map(|d| d.slip.sections.len()),
            _ if targets.len() == 1 => self.list.current().map(|r| r.sections.len()),
            _ => None,
        };
        let mut choices = match from {
            Some(f) => f.next().to_vec(),
            None => Status::ALL.to_vec(),
        };
        // Without a section, 回答依頼中 is done through triage (a), not here.
        if sections == Some(0) {
            choices.retain(|s| *s != Status::Assigned);
        }
        // One slip can be voided (entered by mistake); a voided one only restored.
        let voided = match self.screen {
            Screen::Detail => self.detail.as_ref().is_some_and(|d| d.slip.voided),
            _ => self.extra.voided,
        };
        let void = match (targets.len(), voided) {
            (1, true) => {
                choices.clear();
                Some(VoidChoice::Restore)
            }
            (1, false) => Some(VoidChoice::Void),
            _ => None,
        };
        self.popup = Some(Popup::Status(StatusForm {
            void,
            targets,
            from,
            choices,
            cursor: 0,
            reason: input("", false),
            error: None,
        }));
        Effect::None
    }

    fn update_status(&mut self, action: Action) -> Effect {
        let lang = self.lang;
        let Some(Popup::Status(s)) = &mut self.popup else {
            return Effect::None;
        };
        let rows = s.choices.len() + usize::from(s.void.is_some());
        match action {
            Action::Down => s.cursor = (s.cursor + 1).min(rows.saturating_sub(1)),
            Action::Up => s.cursor = s.cursor.saturating_sub(1),
            Action::Save => {
                let reason = value(&s.reason);
                let reason = (!reason.trim().is_empty()).then(|| reason.trim().to_string());
                if s.cursor == s.choices.len()
                    && let Some(v) = s.void
                    && let Some(&target) = s.targets.first()
                {
                    return match (v, reason) {
                        (VoidChoice::Restore, _) => Effect::Restore { target },
                        (VoidChoice::Void, Some(reason)) => Effect::Void { target, reason },
                        (VoidChoice::Void, None) => {
                            s.error = Some(Msg::ErrNeedReasonKey.text(lang).into());
                            Effect::None
                        }
                    };
                }
                let Some(&to) = s.choices.get(s.cursor) else {
                    s.error = Some(Msg::ErrNoChoices.text(lang).into());
                    return Effect::None;
                };
                if s.from.is_some_and(|f| f.is_reopening(to)) && reason.is_none() {
                    s.error = Some(Msg::ErrNeedReasonKey.text(lang).into());
                    return Effect::None;
                }
                return Effect::SetStatus {
                    targets: s.targets.clone(),
                    to,
                    reason,
                };
            }
            Action::Back => self.popup = None,
            _ => {}
        }
        Effect::None
    }

    fn open_reply(&mut self) -> Effect {
        match self.screen {
            Screen::Detail => match self.detail.clone() {
                Some(d) => {
                    self.open_reply_on(&d);
                    Effect::None
                }
                None => Effect::None,
            },
            // The inbox row does not hold the replies' text: load the slip first, so
            // the form opens the same way from both places (pre-filled, ✓ shown).
            _ => match self.list.current() {
                Some(r) => match self.reply_refusal(r.status, &r.sections) {
                    Some(msg) => {
                        self.message(msg, true);
                        Effect::None
                    }
                    None => Effect::OpenReply(r.id),
                },
                None => Effect::None,
            },
        }
    }

    /// Why a reply cannot be written to a slip in `status` with `sections`, if it cannot.
    fn reply_refusal(&self, status: Status, sections: &[String]) -> Option<String> {
        let lang = self.lang;
        if status.is_closed() {
            let msg = if self.liaison.is_some() {
                Msg::ErrReplyClosedLiaison
            } else {
                Msg::ErrReplyClosed
            };
            return Some(fill(msg, lang, &[&status.label(lang)]));
        }
        let mine = match &self.liaison {
            Some(code) => sections.contains(code),
            None => !sections.is_empty(),
        };
        (!mine).then(|| Msg::ErrReplyNoSection.text(lang).to_string())
    }

    /// Open the reply form on `d`: one draft per section the user may reply for,
    /// each pre-filled with the reply on record.
    fn open_reply_on(&mut self, d: &SlipDetail) {
        if let Some(msg) = self.reply_refusal(d.slip.status, &d.slip.sections) {
            self.message(msg, true);
            return;
        }
        let mut sections: Vec<String> = match &self.liaison {
            Some(code) => d
                .slip
                .sections
                .iter()
                .filter(|s| *s == code)
                .cloned()
                .collect(),
            None => d.slip.sections.clone(),
        };
        // Sections still to reply first.
        sections.sort_by_key(|s| d.replies.iter().any(|r| &r.section == s));
        let drafts = sections
            .into_iter()
            .map(|section| {
                let existing = d
                    .replies
                    .iter()
                    .find(|r| r.section == section)
                    .map(|r| (r.text.clone(), r.replied_on));
                let text = input(existing.as_ref().map_or("", |(t, _)| t.as_str()), true);
                ReplyDraft {
                    section,
                    existing,
                    text,
                }
            })
            .collect();
        self.popup = Some(Popup::Reply(ReplyForm {
            target: (d.slip.id, Some(d.slip.version)),
            drafts,
            cursor: 0,
            error: None,
            confirm_discard: false,
        }));
    }

    fn update_reply(&mut self, action: Action) -> Effect {
        let lang = self.lang;
        let Some(Popup::Reply(r)) = &mut self.popup else {
            return Effect::None;
        };
        if action != Action::Back {
            r.confirm_discard = false;
        }
        let n = r.drafts.len().max(1);
        match action {
            Action::NextField => r.cursor = (r.cursor + 1) % n,
            Action::PrevField => r.cursor = (r.cursor + n - 1) % n,
            Action::Save => {
                if let Some(d) = r
                    .drafts
                    .iter()
                    .find(|d| d.is_dirty() && value(&d.text).trim().is_empty())
                {
                    let name = self.catalog.section_name(&d.section, lang);
                    r.error = Some(fill(Msg::ErrEmptyReplyOf, lang, &[&name]));
                    return Effect::None;
                }
                let replies: Vec<(String, String, bool)> = r
                    .drafts
                    .iter()
                    .filter(|d| d.is_dirty())
                    .map(|d| (d.section.clone(), value(&d.text), d.existing.is_some()))
                    .collect();
                if replies.is_empty() {
                    r.error = Some(
                        if value(&r.current().text).trim().is_empty() {
                            Msg::ErrEmptyReply
                        } else {
                            Msg::ReplyUnchanged
                        }
                        .text(lang)
                        .into(),
                    );
                    return Effect::None;
                }
                return Effect::Reply {
                    target: r.target,
                    replies,
                };
            }
            Action::Back => {
                if r.is_dirty() && !r.confirm_discard {
                    r.confirm_discard = true;
                    r.error = Some(Msg::ConfirmDiscard.text(lang).into());
                    return Effect::None;
                }
                self.popup = None;
            }
            _ => {}
        }
        Effect::None
    }

    /// Fiscal years offered in the filter: from this one back ten years.
    pub fn fiscal_years(&self) -> Vec<i32> {
        let this = crate::domain::date::fiscal_year(self.today);
        (this - 10..=this).rev().collect()
    }

    fn update_filter(&mut self, action: Action) -> Effect {
        let years = self.fiscal_years();
        let sections: Vec<String> = self
            .catalog
            .sections
            .iter()
            .map(|s| s.label.code.clone())
            .collect();
        let floors: Vec<String> = self.catalog.floors.iter().map(|f| f.code.clone()).collect();
        let kinds: Vec<String> = self.catalog.kinds.iter().map(|k| k.code.clone()).collect();
        let liaison = self.liaison.is_some();
        let today_fy = crate::domain::date::fiscal_year(self.today);
        let Some(Popup::Filter(f)) = &mut self.popup else {
            return Effect::None;
        };
        let cycle = |cur: &Option<String>, list: &[String], fwd: bool| -> Option<String> {
            let i = cur.as_ref().and_then(|c| list.iter().position(|x| x == c));
            let n = list.len();
            match (i, fwd) {
                (None, true) => list.first().cloned(),
                (None, false) => list.last().cloned(),
                (Some(i), true) if i + 1 < n => Some(list[i + 1].clone()),
                (Some(i), false) if i > 0 => Some(list[i - 1].clone()),
                _ => None,
            }
        };
        match action {
            Action::Down => f.row = (f.row + 1) % FILTER_ROWS,
            Action::Up => f.row = (f.row + FILTER_ROWS - 1) % FILTER_ROWS,
            Action::Right | Action::Left => {
                let fwd = action == Action::Right;
                let d = &mut f.draft;
                match f.row {
                    0 if !liaison => d.section = cycle(&d.section, &sections, fwd),
                    1 => d.floor = cycle(&d.floor, &floors, fwd),
                    2 => d.kind = cycle(&d.kind, &kinds, fwd),
                    3 => {
                        let list: Vec<String> = years.iter().map(i32::to_string).collect();
                        let cur = d.fiscal_year.map(|y| y.to_string());
                        d.fiscal_year = cycle(&cur, &list, fwd).and_then(|s| s.parse().ok());
                        d.month = None;
                    }
                    4 => {
                        let fy = d.fiscal_year.unwrap_or(today_fy);
                        let months = crate::domain::date::fiscal_months(fy);
                        let list: Vec<String> =
                            months.iter().map(|(y, m)| format!("{y}-{m:02}")).collect();
                        let cur = d.month.map(|(y, m)| format!("{y}-{m:02}"));
                        d.month = cycle(&cur, &list, fwd).and_then(|s| {
                            let (y, m) = s.split_once('-')?;
                            Some((y.parse().ok()?, m.parse().ok()?))
                        });
                    }
                    5 if !liaison => d.voided = !d.voided,
                    _ => {}
                }
            }
            Action::Clear => {
                let d = &mut f.draft;
                match f.row {
                    0 => d.section = None,
                    1 => d.floor = None,
                    2 => d.kind = None,
                    3 => {
                        d.fiscal_year = None;
                        d.month = None;
                    }
                    4 => d.month = None,
                    _ => d.voided = false,
                }
            }
            Action::Save => {
                self.extra = f.draft.clone();
                self.popup = None;
                self.list.selected = 0;
                self.list.offset = 0;
                return Effect::LoadList;
            }
            Action::Back => self.popup = None,
            _ => {}
        }
        Effect::None
    }

    fn update_duplicate(&mut self, action: Action) -> Effect {
        let lang = self.lang;
        let Some(Popup::Duplicate(d)) = &mut self.popup else {
            return Effect::None;
        };
        match action {
            Action::Save => {
                let text = crate::text::nfkc(value(&d.input).trim());
                match text.trim_start_matches('#').parse::<i64>() {
                    Ok(of) => {
                        return Effect::Duplicate {
                            target: d.target,
                            of,
                        };
                    }
                    Err(_) => d.error = Some(Msg::ErrNotNumber.text(lang).into()),
                }
            }
            Action::Back => self.popup = None,
            _ => {}
        }
        Effect::None
    }

    /// Take in what an effect produced.
    pub fn apply(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::List {
                total,
                counts,
                rows,
            } => {
                self.list.total = total;
                self.counts = counts;
                self.list.rows = rows;
                if self.list.selected >= total as usize {
                    self.list.selected = (total as usize).saturating_sub(1);
                }
            }
            Outcome::Page(rows) => self.list.rows = rows,
            Outcome::SummaryYear(fy) => {
                if let Some(s) = self.summary.as_mut() {
                    s.fiscal_year = fy;
                }
            }
            Outcome::Summary(r) => {
                if let Some(s) = self.summary.as_mut() {
                    s.report = Some(*r);
                }
            }
            Outcome::ReplyTo(d) => self.open_reply_on(&d),
            Outcome::Detail(d) => {
                // An open form follows the slip's new version: after a conflict the
                // screen shows the other person's change, and saving again is deliberate.
                let (id, v) = (d.slip.id, Some(d.slip.version));
                let follow = |t: &mut (i64, Option<i64>)| {
                    if t.0 == id {
                        t.1 = v;
                    }
                };
                match &mut self.popup {
                    Some(Popup::Private(p)) => follow(&mut p.target),
                    Some(Popup::Reply(r)) => follow(&mut r.target),
                    Some(Popup::Duplicate(x)) => follow(&mut x.target),
                    Some(Popup::Triage(t)) => t.targets.iter_mut().for_each(|x| {
                        if x.id == id {
                            x.version = v;
                        }
                    }),
                    Some(Popup::Status(s)) => s.targets.iter_mut().for_each(follow),
                    _ => {}
                }
                self.detail = Some(*d);
            }
            Outcome::Added(id) => {
                let msg = fill(Msg::EntrySaved, self.lang, &[&id]);
                if let Some(form) = self.entry.as_mut() {
                    // Save and next: keep the date and floor of the stack being typed in.
                    let date = value(&form.date);
                    let floor = form.floor;
                    let saved = form.saved + 1;
                    let mut next = EntryForm::new(self.today);
                    next.date = input(&date, false);
                    next.floor = floor;
                    next.focus = Field::Kind;
                    next.saved = saved;
                    *form = next;
                }
                self.message(msg, false);
            }
            Outcome::Done(msg) => {
                match &mut self.popup {
                    // The private-text prompt stays open for the next mark.
                    Some(Popup::Private(p)) => p.input = input("", false),
                    _ => self.popup = None,
                }
                self.marked.clear();
                if self.screen == Screen::Entry
                    && self.entry.as_ref().is_some_and(|e| e.editing.is_some())
                {
                    self.entry = None;
                    self.screen = Screen::Detail;
                }
                self.message(msg, false);
            }
            Outcome::Failed(msg) => match &mut self.popup {
                Some(Popup::Triage(t)) => t.error = Some(msg),
                Some(Popup::Status(s)) => s.error = Some(msg),
                Some(Popup::Reply(r)) => r.error = Some(msg),
                Some(Popup::Duplicate(d)) => d.error = Some(msg),
                Some(Popup::Private(p)) => p.error = Some(msg),
                _ => {
                    if let (Screen::Entry, Some(form)) = (self.screen, self.entry.as_mut()) {
                        form.errors.push((Field::Body, msg.clone()));
                    }
                    self.message(msg, true);
                }
            },
        }
    }

    /// The slip id open in the detail view, if any.
    pub fn open_slip(&self) -> Option<i64> {
        if self.screen == Screen::Detail || self.entry.as_ref().is_some_and(|e| e.editing.is_some())
        {
            self.detail.as_ref().map(|d| d.slip.id)
        } else {
            None
        }
    }
}
