//! The inbox: tabs, filters beyond the tab, the paged slip table and the search line.

use chrono::NaiveDate;

use super::*;
use crate::domain::date::Period;
use crate::store::Order;
use crate::store::{Filter, SlipRow};
use crate::tui::keymap::Action;

pub use crate::domain::Tab;

/// What the TUI reads of a tab from the store: how many slips it shows and the filter
/// it sets (store types, so not beside the tab in `domain`).
impl Tab {
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
        Filter {
            statuses: self.statuses(),
            overdue_on: self.overdue_on(today),
            reply_state: self.reply_state(),
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
    /// After another user's change, the slip the cursor was on: the next page read
    /// moves the cursor to wherever that slip now is.
    pub follow: Option<i64>,
}

impl ListView {
    /// The selected row, if loaded.
    pub fn current(&self) -> Option<&SlipRow> {
        self.selected
            .checked_sub(self.offset)
            .and_then(|i| self.rows.get(i))
    }
}

impl App {
    /// The tabs on offer.
    pub fn tabs(&self) -> &'static [Tab] {
        match (self.liaison.is_some(), self.settings.review_replies) {
            (true, false) => &Tab::LIAISON,
            (true, true) => &Tab::LIAISON_REVIEW,
            (false, false) => &Tab::OFFICE,
            (false, true) => &Tab::OFFICE_REVIEW,
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
        // A liaison may not read other sections' replies, so does not search them.
        f.text_only = self.liaison.is_some();
        f
    }

    /// Scroll the table so `index` is selected and visible.
    pub(crate) fn scroll_to(&mut self, index: usize, force: bool) -> Effect {
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
            self.load_page()
        } else {
            Effect::None
        }
    }

    pub(crate) fn set_tab(&mut self, tab: Tab) -> Effect {
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
                self.load_page()
            }
            None => self.load_list(),
        }
    }

    /// An inbox key: move, open, switch tab, or open a form or another screen.
    pub(crate) fn update_inbox(&mut self, action: Action) -> Effect {
        let page = self.list.height.max(1);
        let sel = self.list.selected;
        match action {
            Action::Down => self.scroll_to(sel + 1, false),
            Action::Up => self.scroll_to(sel.saturating_sub(1), false),
            Action::PageDown => self.scroll_to(sel + page, false),
            Action::PageUp => self.scroll_to(sel.saturating_sub(page), false),
            Action::Top => self.scroll_to(0, false),
            Action::Bottom => self.scroll_to(usize::MAX, false),
            Action::Open => self.open_selected(),
            Action::NextTab => self.step_tab(true),
            Action::PrevTab => self.step_tab(false),
            Action::Tab(i) => self.jump_to_tab(i as usize),
            Action::NewSlip => self.open_entry(),
            Action::Search => self.start_search(),
            Action::Filter => self.open_filter(),
            Action::ClearFilter => self.clear_filter(),
            Action::Mark => self.toggle_mark(),
            Action::Assign => self.open_triage(),
            Action::Remind => self.prepare_reminders(),
            Action::Review => self.open_review(),
            Action::Collect => self.plan_collect(),
            Action::Reply => self.open_reply(),
            Action::Status => self.open_status(),
            Action::Refresh => self.load_list(),
            Action::Summary => self.open_summary(),
            Action::Help => self.open_help(),
            Action::Quit => Effect::Quit,
            _ => Effect::None,
        }
    }

    /// The selected slip's detail screen, loaded.
    fn open_selected(&mut self) -> Effect {
        match self.list.current() {
            Some(r) => {
                let id = r.id;
                self.screen = Screen::Detail;
                self.detail_scroll = 0;
                Effect::LoadDetail(id)
            }
            None => Effect::None,
        }
    }

    /// The next tab (`forward`) or the previous one, wrapping round.
    fn step_tab(&mut self, forward: bool) -> Effect {
        let tabs = self.tabs();
        let i = tabs.iter().position(|t| *t == self.tab).unwrap_or(0);
        let n = tabs.len();
        let j = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        self.set_tab(tabs[j])
    }

    /// The `i`th tab, when there is one.
    fn jump_to_tab(&mut self, i: usize) -> Effect {
        match self.tabs().get(i) {
            Some(&t) => self.set_tab(t),
            None => Effect::None,
        }
    }

    /// The entry screen, with a new slip dated today.
    fn open_entry(&mut self) -> Effect {
        self.entry = Some(EntryForm::new(self.today));
        self.screen = Screen::Entry;
        Effect::None
    }

    /// The search line. The previous query comes back selected: typing replaces it, an
    /// arrow key keeps it to edit.
    fn start_search(&mut self) -> Effect {
        let mut ta = input(&self.search, false);
        if !self.search.is_empty() {
            ta.select_all();
        }
        self.search_input = Some(ta);
        self.live.before = self.search.clone();
        Effect::None
    }

    /// The filter popup, starting from the filters in force.
    fn open_filter(&mut self) -> Effect {
        self.popup = Some(Popup::Filter(FilterForm {
            row: 0,
            draft: self.extra.clone(),
        }));
        Effect::None
    }

    /// No filter and no search, back at the top. The tab counts were for the filter:
    /// count again.
    fn clear_filter(&mut self) -> Effect {
        self.extra = Extra::default();
        self.search.clear();
        self.list.selected = 0;
        self.list.offset = 0;
        self.load_list()
    }

    /// Mark the selected slip, or unmark it, and move down one.
    fn toggle_mark(&mut self) -> Effect {
        if let Some(r) = self.list.current().cloned()
            && self.marked.remove(&r.id).is_none()
        {
            self.marked.insert(r.id, r);
        }
        self.scroll_to(self.list.selected + 1, false)
    }

    /// The summary screen, by section and month for this fiscal year the first time,
    /// as it was left after that.
    fn open_summary(&mut self) -> Effect {
        let fy = crate::domain::date::fiscal_year(self.today);
        self.summary.get_or_insert(SummaryState {
            fiscal_year: fy,
            month: None,
            by: crate::domain::Dimension::Section,
            per: crate::report::Per::Month,
            unit: Unit::Slips,
            report: None,
            scroll: 0,
        });
        self.screen = Screen::Summary;
        self.load_summary()
    }

    /// The help popup (the inbox's, the slip's and the summary's `?`).
    pub(super) fn open_help(&mut self) -> Effect {
        self.popup = Some(Popup::Help(HelpPopup::default()));
        Effect::None
    }

    /// Fiscal years offered in the filter: from this one back ten years.
    pub fn fiscal_years(&self) -> Vec<i32> {
        let this = crate::domain::date::fiscal_year(self.today);
        (this - 10..=this).rev().collect()
    }
}

impl App {
    /// Count the tabs for the current filter (the page follows, see [`App::apply`]).
    pub fn load_list(&self) -> Effect {
        Effect::LoadList(self.count_request())
    }

    /// Every tab's filter and the all-tabs one, to count.
    fn count_request(&self) -> CountRequest {
        CountRequest {
            all: self.filter_for(Tab::All),
            tabs: self.tabs().iter().map(|t| self.filter_for(*t)).collect(),
        }
    }

    /// Read the window of the table the list shows now. Past the middle it is read from
    /// the other end: OFFSET costs what it skips, so the last page of a million slips is
    /// as quick as the first.
    pub fn load_page(&self) -> Effect {
        let filter = self.filter();
        let h = self.list.height.max(1);
        let total = self.list.total as usize;
        let offset = self.list.offset;
        Effect::LoadPage(if offset > total / 2 && offset < total {
            let end = (offset + h).min(total);
            PageRequest {
                filter,
                order: Order::OldestFirst,
                limit: end - offset,
                offset: total - end,
                reverse: true,
            }
        } else {
            PageRequest {
                filter,
                order: Order::NewestFirst,
                limit: h,
                offset,
                reverse: false,
            }
        })
    }

    /// After a key in the search line: when the words changed, search them (the first
    /// page, then the counts), from the top of the list.
    pub(crate) fn search_typed(&mut self) -> Effect {
        let Some(ta) = &self.search_input else {
            return Effect::None;
        };
        let typed = value(ta).trim().to_string();
        if typed == self.search {
            return Effect::None;
        }
        self.search = typed;
        self.search_request()
    }

    /// Ask for the first page and the counts of the current search.
    pub(crate) fn search_request(&mut self) -> Effect {
        self.list.selected = 0;
        self.list.offset = 0;
        self.live.generation += 1;
        self.live.counting = true;
        Effect::Search(Box::new(SearchRequest {
            generation: self.live.generation,
            page: PageRequest {
                filter: self.filter(),
                order: Order::NewestFirst,
                limit: self.list.height.max(1),
                offset: 0,
                reverse: false,
            },
            counts: self.count_request(),
        }))
    }

    /// Take in the tab counts: the current tab's total, the selection kept in view, and
    /// the page to read next.
    pub(crate) fn take_counts(&mut self, counts: Counts) -> Effect {
        self.set_counts(counts);
        self.list.rows.clear();
        self.load_page()
    }

    /// Take in the tab counts and keep the selection in view; the rows stay.
    pub(crate) fn set_counts(&mut self, counts: Counts) {
        let counts: Vec<u64> = match counts {
            Counts::PerTab(v) => v,
            Counts::ByStatus(c, own) => self
                .tabs()
                .iter()
                .enumerate()
                .map(|(i, t)| match own.iter().find(|(j, _)| *j == i) {
                    Some((_, n)) => *n,
                    None => t.count(&c),
                })
                .collect(),
        };
        let i = self.tabs().iter().position(|t| *t == self.tab).unwrap_or(0);
        let total = counts.get(i).copied().unwrap_or(0);
        self.counts = counts;
        self.list.total = total;
        let total = total as usize;
        if self.list.selected >= total {
            self.list.selected = total.saturating_sub(1);
        }
        // Keep the selection in view after the count changed.
        let sel = self.list.selected;
        let h = self.list.height.max(1);
        if sel < self.list.offset || sel >= self.list.offset + h {
            self.list.offset = sel.saturating_sub(h - 1);
        }
        self.list.offset = self.list.offset.min(total.saturating_sub(1));
    }
}
