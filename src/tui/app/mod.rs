//! TUI state and its one entry point for change, [`App::update`]. No I/O here: what
//! needs the database comes back as an [`Effect`] that the loop performs, and the
//! result is handed back through [`App::apply`].

mod detail;
mod effect;
mod entry;
mod inbox;
mod input;
mod popups;
mod summary;

pub use effect::*;
pub use entry::*;
pub use inbox::*;
pub use input::*;
pub use popups::*;
pub use summary::*;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::keymap::{self, Action, Mode};
use crate::config::Settings;
use crate::domain::{Catalog, SlipDetail};
use crate::i18n::{Lang, Msg, fill};
use crate::store::{Filter, SlipRow};

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
    /// The search as it is being typed (each key searches).
    pub live: LiveSearch,
    /// The slip table.
    pub list: ListView,
    /// Marked slips for bulk actions, as they were when marked.
    pub marked: BTreeMap<i64, SlipRow>,
    /// The open slip.
    pub detail: Option<SlipDetail>,
    /// The slips most like the open slip (the office's view only).
    pub similar: Option<(i64, Vec<crate::store::Similar>)>,
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

/// Where the search being typed stands.
#[derive(Clone, Debug, Default)]
pub struct LiveSearch {
    /// The latest search asked for; results of older ones are dropped.
    pub generation: u64,
    /// The search before `/` was pressed, for Esc to go back to.
    pub before: String,
    /// The tab counts of the latest search have not come yet (the tabs show …).
    pub counting: bool,
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
            live: LiveSearch::default(),
            list: ListView {
                height: 20,
                ..Default::default()
            },
            marked: BTreeMap::new(),
            detail: None,
            similar: None,
            detail_scroll: 0,
            detail_max_scroll: std::cell::Cell::new(u16::MAX),
            entry: None,
            flash: None,
            size: (80, 24),
            quit_armed: false,
            summary: None,
        }
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
            Some(p) => p.form().mode(),
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
                Action::Review,
                Action::Remind,
                Action::Collect,
            ]);
        }
        out.extend((self.tabs().len()..7).map(|i| Action::Tab(i as u8)));
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
        // `a` (send the recently reminded too) only where something was held back.
        if let Some(Popup::Remind(r)) = &self.popup
            && r.held.is_empty()
        {
            out.push(Action::Again);
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
        // In the entry form, Ctrl-D is on offer while a saved slip has similar ones.
        if self.screen == Screen::Entry
            && self
                .entry
                .as_ref()
                .and_then(|e| e.after_save.as_ref())
                .is_none_or(|(_, l)| l.is_empty())
        {
            out.push(Action::Duplicate);
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
        let popup = self.popup.as_ref().is_some_and(|p| p.form().unsaved());
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
        if let Some(p) = &mut self.popup {
            popups::type_into(p.form_mut(), ev);
            return Effect::None;
        }
        self.type_key(ev);
        self.search_typed()
    }

    /// Pasted text goes to the focused input (newlines kept only where the input is
    /// multi-line); pasted into the search line, it searches.
    pub fn paste(&mut self, text: &str) -> Effect {
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
        self.search_typed()
    }

    fn focused_multiline(&self) -> bool {
        match (&self.popup, self.screen) {
            (Some(p), _) => p.form().multiline(),
            (None, Screen::Entry) => self.entry.as_ref().is_some_and(|e| e.focus == Field::Body),
            _ => false,
        }
    }

    /// The text input that receives typed keys now, if any.
    pub fn focused_input(&mut self) -> Option<&mut TextArea<'static>> {
        match &mut self.popup {
            Some(p) => p.form_mut().input(),
            None => match self.screen {
                Screen::Inbox => self.search_input.as_mut(),
                Screen::Entry => self.entry.as_mut().and_then(EntryForm::editor),
                Screen::Detail | Screen::Summary => None,
            },
        }
    }

    fn type_key(&mut self, ev: KeyEvent) {
        if self.popup.is_none() && self.screen == Screen::Entry && self.entry_key(ev) {
            return;
        }
        let multiline = self.focused_multiline();
        if !multiline && popups::breaks_line(&ev) {
            return;
        }
        if let Some(ta) = self.focused_input() {
            popups::type_key_into(ta, ev, multiline);
        }
        self.after_typing();
    }

    /// Tell the open popup that text went into its input.
    fn after_typing(&mut self) {
        if let Some(p) = &mut self.popup {
            p.form_mut().typed();
        }
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

    fn message(&mut self, text: impl Into<String>, error: bool) {
        self.flash = Some((text.into(), error));
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) -> Effect {
        match self.mode() {
            Mode::Inbox => self.update_inbox(action),
            Mode::Search => match action {
                // The list already shows the search: Enter only closes the line.
                Action::Open => {
                    self.search_input = None;
                    Effect::None
                }
                // Esc goes back to the search there was before `/`.
                Action::Back => {
                    self.search_input = None;
                    let before = std::mem::take(&mut self.live.before);
                    if before == self.search {
                        Effect::None
                    } else {
                        self.search = before;
                        self.search_request()
                    }
                }
                _ => Effect::None,
            },
            Mode::Detail => self.update_detail(action),
            Mode::Entry => self.update_entry(action),
            Mode::Summary => self.update_summary(action),
            // Every popup, through its Form.
            _ => self.update_popup(action),
        }
    }

    /// What the popups may read of the app.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            lang: self.lang,
            today: self.today,
            catalog: &self.catalog,
            liaison: self.liaison.as_deref(),
        }
    }

    fn update_popup(&mut self, action: Action) -> Effect {
        let cx = Ctx {
            lang: self.lang,
            today: self.today,
            catalog: &self.catalog,
            liaison: self.liaison.as_deref(),
        };
        let Some(p) = &mut self.popup else {
            return Effect::None;
        };
        match p.form_mut().update(action, &cx) {
            Step::Stay => Effect::None,
            Step::Close => {
                self.popup = None;
                Effect::None
            }
            Step::Run(effect) => effect,
            Step::SetFilter(extra) => {
                self.extra = extra;
                self.popup = None;
                self.list.selected = 0;
                self.list.offset = 0;
                self.load_list()
            }
        }
    }

    /// Take in what an effect produced; returns what to read next, if anything (the page
    /// after the counts, the list and the open slip after a change).
    pub fn apply(&mut self, outcome: Outcome) -> Effect {
        match outcome {
            Outcome::Counts(counts) => {
                // Counted here: a search still out on the other thread is overtaken.
                self.live.generation += 1;
                self.live.counting = false;
                return self.take_counts(counts);
            }
            Outcome::Changed => {
                let mut next = vec![self.load_list()];
                if let Some(id) = self.open_slip() {
                    next.push(Effect::LoadDetail(id));
                }
                return Effect::Batch(next);
            }
            Outcome::DetailFailed(msg) => {
                self.screen = Screen::Inbox;
                self.message(msg, true);
            }
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
            Outcome::Page(rows) => {
                self.list.rows = rows;
                if let Some(id) = self.list.follow.take() {
                    return self.follow_slip(id);
                }
            }
            Outcome::SearchPage(generation, rows) => {
                if generation == self.live.generation {
                    // Until the counts come, the total is at least what was read.
                    if self.live.counting {
                        self.list.total = rows.len() as u64;
                    }
                    self.list.rows = rows;
                }
            }
            Outcome::SearchFailed(generation, msg) => {
                if generation == self.live.generation {
                    self.live.counting = false;
                    self.message(msg, true);
                }
            }
            Outcome::SearchCounts(generation, counts) => {
                if generation == self.live.generation {
                    self.live.counting = false;
                    self.set_counts(counts);
                }
            }
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
            Outcome::ReplyTo(d) => return self.open_reply_on(&d),
            Outcome::ReviewOf(d) => return self.open_review_on(&d),
            Outcome::ReplyAids(id, aids) => {
                if let Some(Popup::Reply(r)) = &mut self.popup
                    && r.target.0 == id
                {
                    r.aids = aids;
                    r.aid_cursor = 0;
                }
            }
            Outcome::Note(msg) => self.message(msg, false),
            Outcome::Asks(p) => self.show_asks(*p),
            Outcome::Collected(c) => {
                let (folder, plans, refused) = *c;
                if plans.is_empty() && refused.is_empty() {
                    self.message(fill(Msg::CollectNone, self.lang, &[&folder]), false);
                } else {
                    self.popup = Some(Popup::Collect(CollectForm {
                        folder,
                        plans,
                        refused,
                        scroll: 0,
                        error: None,
                    }));
                }
            }
            Outcome::MailProgress(line) => {
                if let Some(Popup::Remind(r)) = &mut self.popup {
                    r.sending = Some(line);
                }
            }
            Outcome::Similar(id, list) => {
                // Just saved in the entry form: shown there, under the next blank slip.
                if let Some(form) = self.entry.as_mut()
                    && form.editing.is_none()
                {
                    form.after_save = Some((id, list.clone()));
                }
                self.similar = Some((id, list));
            }
            Outcome::Suggestions(id, list) => {
                if let Some(Popup::Triage(t)) = &mut self.popup
                    && !t.bulk
                    && t.targets.first().is_some_and(|x| x.id == id)
                {
                    t.suggested = list.into_iter().take(3).collect();
                }
            }
            Outcome::DetailElsewhere(d) => {
                let editing = self.entry.as_ref().is_some_and(|e| e.editing.is_some());
                // The version the form was opened on (a popup's own, else the open slip's).
                let opened_on = match self.popup.as_ref().and_then(|p| p.form().target()) {
                    Some((id, v)) => (id == d.slip.id).then_some(v).flatten(),
                    None => self
                        .detail
                        .as_ref()
                        .filter(|old| old.slip.id == d.slip.id)
                        .map(|old| old.slip.version),
                };
                let changed = opened_on.is_some_and(|v| v != d.slip.version);
                let form_on_it = self
                    .popup
                    .as_ref()
                    .is_some_and(|p| p.form().target().is_some_and(|(id, _)| id == d.slip.id));
                if self.popup.is_none() && !editing {
                    self.detail = Some(*d);
                } else if !form_on_it && !editing && self.open_slip() == Some(d.slip.id) {
                    // A popup about something else (help, a filter) over the slip.
                    self.detail = Some(*d);
                } else if changed {
                    // Never under a form being typed in: it keeps the version it was
                    // opened on (saving checks it), and says the slip changed.
                    let msg = fill(Msg::SlipChangedElsewhere, self.lang, &[&d.slip.id]);
                    let unshown = match &mut self.popup {
                        Some(p) => p.form_mut().set_error(msg),
                        None => Some(msg),
                    };
                    if let Some(msg) = unshown {
                        match self.entry.as_mut() {
                            Some(form) if editing => form.errors.push((Field::Body, msg)),
                            _ => self.message(msg, true),
                        }
                    }
                }
            }
            Outcome::Detail(d) => {
                // An open form follows the slip's new version: after a conflict the
                // screen shows the other person's change, and saving again is deliberate.
                if let Some(p) = &mut self.popup {
                    p.form_mut().follow(d.slip.id, d.slip.version);
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
                // Name the earlier slips most like it, to mark a duplicate at once.
                return Effect::LoadSimilar(id);
            }
            Outcome::Done(msg) => {
                if let Some(p) = &mut self.popup
                    && !p.form_mut().saved()
                {
                    self.popup = None;
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
            Outcome::Failed(msg) => {
                let unshown = match &mut self.popup {
                    Some(p) => p.form_mut().set_error(msg),
                    None => Some(msg),
                };
                if let Some(msg) = unshown {
                    if let (Screen::Entry, Some(form)) = (self.screen, self.entry.as_mut()) {
                        form.errors.push((Field::Body, msg.clone()));
                    }
                    self.message(msg, true);
                }
            }
        }
        Effect::None
    }

    /// The slip id open in the detail view, if any.
    /// The day as the clock says it now. A new day (meyasu left open past midnight)
    /// dates what is written from now on and reads the counts again, since what is
    /// overdue moved with it.
    pub fn new_day(&mut self, today: NaiveDate) -> Effect {
        if today == self.today {
            return Effect::None;
        }
        self.today = today;
        self.changed_elsewhere()
    }

    /// Someone else committed to the database: read the counts, the page and the open
    /// slip again, keeping the cursor on the slip it is on. Nothing typed is touched.
    pub fn changed_elsewhere(&mut self) -> Effect {
        if self.search_input.is_some() || self.live.counting {
            // A search being typed reads afresh with every key anyway.
            return Effect::None;
        }
        self.list.follow = self.list.current().map(|r| r.id);
        let mut next = vec![self.load_list()];
        let popup_on = self.popup.as_ref().and_then(|p| p.form().target());
        if let Some(id) = self.open_slip() {
            next.push(Effect::LoadDetailElsewhere(id));
        }
        if let Some((id, _)) = popup_on
            && self.open_slip() != Some(id)
        {
            next.push(Effect::LoadDetailElsewhere(id));
        }
        if self.screen == Screen::Summary {
            next.push(self.load_summary());
        }
        Effect::Batch(next)
    }

    /// Put the cursor on slip `id` if the page just read holds it (it moved when slips
    /// were added or left the tab above it); else it stays where it was.
    fn follow_slip(&mut self, id: i64) -> Effect {
        let Some(i) = self.list.rows.iter().position(|r| r.id == id) else {
            return Effect::None;
        };
        let at = self.list.offset + i;
        if at == self.list.selected {
            return Effect::None;
        }
        self.list.selected = at;
        Effect::None
    }

    pub fn open_slip(&self) -> Option<i64> {
        if self.screen == Screen::Detail || self.entry.as_ref().is_some_and(|e| e.editing.is_some())
        {
            self.detail.as_ref().map(|d| d.slip.id)
        } else {
            None
        }
    }
}
