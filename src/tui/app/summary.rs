//! The summary screen: fiscal year, rows, slips or items, the picked month.

use super::*;
use crate::tui::keymap::Action;

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
    /// Columns: months, quarters, halves (`p`) or the last five years (`y`).
    pub per: crate::report::Per,
    /// Slips or items.
    pub unit: Unit,
    /// The loaded report.
    pub report: Option<crate::report::Report>,
    /// Rows of the table scrolled past.
    pub scroll: u16,
}

impl SummaryState {
    /// How many columns the report on screen has (twelve months before it loads).
    pub fn columns(&self) -> usize {
        self.report.as_ref().map_or(12, |r| r.columns.len())
    }

    /// The period on screen.
    pub fn period(&self) -> crate::report::Period {
        self.per.period(self.fiscal_year)
    }
}

impl SummaryState {
    /// Months, quarters, halves in turn; no column picked.
    fn next_period(&mut self) {
        self.per = self.per.next();
        self.month = None;
    }

    /// The last five years, or back to months; no column picked.
    fn toggle_trend(&mut self) {
        use crate::report::Per;
        self.per = if self.per == Per::Year {
            Per::Month
        } else {
            Per::Year
        };
        self.month = None;
    }

    /// The next kind of rows (`forward`) or the previous one, wrapping round.
    fn step_rows(&mut self, forward: bool) {
        use crate::domain::Dimension;
        let all = Dimension::ALL;
        let i = all.iter().position(|d| *d == self.by).unwrap_or(0);
        let n = all.len();
        self.by = all[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    /// Slips or items, in turn.
    fn toggle_unit(&mut self) {
        self.unit = match self.unit {
            Unit::Slips => Unit::Items,
            Unit::Items => Unit::Slips,
        };
    }

    /// Pick the next column (month, quarter, half or year), after the last none again.
    fn pick_next_column(&mut self) {
        let last = self.columns().saturating_sub(1);
        self.month = match self.month {
            None => Some(0),
            Some(m) if m >= last => None,
            Some(m) => Some(m + 1),
        };
    }

    /// Pick the previous column, before the first none again.
    fn pick_previous_column(&mut self) {
        self.month = match self.month {
            None => Some(self.columns().saturating_sub(1)),
            Some(0) => None,
            Some(m) => Some(m - 1),
        };
    }
}

impl App {
    /// A summary key: change what the report is built from (and build it again), change
    /// how it is shown, or mail it. With no summary, back to the inbox.
    pub(crate) fn update_summary(&mut self, action: Action) -> Effect {
        if action == Action::Help {
            return self.open_help();
        }
        if action == Action::Back || self.summary.is_none() {
            self.screen = Screen::Inbox;
            return Effect::None;
        }
        match action {
            Action::Left => self.change_summary(|s| s.fiscal_year -= 1),
            Action::Right => self.change_summary(|s| s.fiscal_year += 1),
            Action::Period => self.change_summary(SummaryState::next_period),
            Action::Trend => self.change_summary(SummaryState::toggle_trend),
            Action::NextField => self.change_summary(|s| s.step_rows(true)),
            Action::PrevField => self.change_summary(|s| s.step_rows(false)),
            Action::Refresh => self.change_summary(|_| {}),
            Action::Toggle => self.adjust_summary(SummaryState::toggle_unit),
            Action::Down => self.adjust_summary(SummaryState::pick_next_column),
            Action::Up => self.adjust_summary(SummaryState::pick_previous_column),
            Action::PageDown => self.adjust_summary(|s| s.scroll = s.scroll.saturating_add(5)),
            Action::PageUp => self.adjust_summary(|s| s.scroll = s.scroll.saturating_sub(5)),
            Action::MailReport => self.mail_summary(),
            _ => Effect::None,
        }
    }

    /// Change what the report is built from, back to its top, and build it again.
    fn change_summary(&mut self, change: impl FnOnce(&mut SummaryState)) -> Effect {
        if let Some(s) = self.summary.as_mut() {
            change(s);
            s.scroll = 0;
        }
        self.load_summary()
    }

    /// Change how the report on screen is shown, without building it again.
    fn adjust_summary(&mut self, adjust: impl FnOnce(&mut SummaryState)) -> Effect {
        if let Some(s) = self.summary.as_mut() {
            adjust(s);
        }
        Effect::None
    }

    /// The report on screen, as the xlsx the committee prints, to `report_to`.
    fn mail_summary(&self) -> Effect {
        match &self.summary {
            Some(s) => Effect::MailReport(SummaryRequest {
                fiscal_year: s.fiscal_year,
                by: s.by,
                per: s.per,
                first: false,
            }),
            None => Effect::None,
        }
    }
}

impl App {
    /// Build the summary's report for the choices on screen.
    pub fn load_summary(&self) -> Effect {
        match &self.summary {
            Some(s) => Effect::LoadSummary(SummaryRequest {
                fiscal_year: s.fiscal_year,
                by: s.by,
                per: s.per,
                first: s.report.is_none(),
            }),
            None => Effect::None,
        }
    }
}
