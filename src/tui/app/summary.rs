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

impl App {
    pub(crate) fn update_summary(&mut self, action: Action) -> Effect {
        if action == Action::Help {
            self.popup = Some(Popup::Help(HelpPopup::default()));
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
            Action::Period => {
                s.per = s.per.next();
                s.month = None;
            }
            Action::Trend => {
                use crate::report::Per;
                s.per = if s.per == Per::Year {
                    Per::Month
                } else {
                    Per::Year
                };
                s.month = None;
            }
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
            // Pick a column (month, quarter, half or year), then none again.
            Action::Down => {
                let last = s.columns().saturating_sub(1);
                s.month = match s.month {
                    None => Some(0),
                    Some(m) if m >= last => None,
                    Some(m) => Some(m + 1),
                };
                return Effect::None;
            }
            Action::Up => {
                s.month = match s.month {
                    None => Some(s.columns().saturating_sub(1)),
                    Some(0) => None,
                    Some(m) => Some(m - 1),
                };
                return Effect::None;
            }
            // The report on screen, as the xlsx the committee prints, to `report_to`.
            Action::MailReport => {
                return Effect::MailReport(SummaryRequest {
                    fiscal_year: s.fiscal_year,
                    by: s.by,
                    per: s.per,
                    first: false,
                });
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
        self.load_summary()
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
