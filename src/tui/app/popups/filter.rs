//! The filter popup: section, floor, kind, fiscal year, month, voided.

use super::super::*;
use super::{Ctx, Form, Step};
use crate::tui::keymap::Action;
use crate::tui::keymap::Mode;

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

impl App {}

/// Fiscal years offered in the filter: from the one `today` is in, back ten years.
pub fn fiscal_years(today: chrono::NaiveDate) -> Vec<i32> {
    let this = crate::domain::date::fiscal_year(today);
    (this - 10..=this).rev().collect()
}

impl Form for FilterForm {
    fn mode(&self) -> Mode {
        Mode::Filter
    }

    fn update(&mut self, action: Action, cx: &Ctx<'_>) -> Step {
        let years = fiscal_years(cx.today);
        let sections: Vec<String> = cx
            .catalog
            .sections
            .iter()
            .map(|s| s.label.code.clone())
            .collect();
        let floors: Vec<String> = cx.catalog.floors.iter().map(|f| f.code.clone()).collect();
        let kinds: Vec<String> = cx.catalog.kinds.iter().map(|k| k.code.clone()).collect();
        let liaison = cx.liaison.is_some();
        let today_fy = crate::domain::date::fiscal_year(cx.today);
        let f = self;
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
            Action::Save => return Step::SetFilter(f.draft.clone()),
            Action::Back => return Step::Close,
            _ => {}
        }
        Step::Stay
    }
}
