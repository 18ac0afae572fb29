//! Triage: pick sections and a due date for one or more slips, and say first what a
//! change will do when it sends an answered slip back or removes a section that replied.

use super::{Ctx, Form, Step};
use ratatui_textarea::TextArea;

use super::super::*;
use super::*;
use crate::domain::Catalog;
use crate::domain::date::parse_date;
use crate::domain::{Section, SectionChange, SectionPlan, Status, plan_sections};
use crate::i18n::{Lang, Msg, fill};
use crate::store::SlipRow;
use crate::tui::keymap::{Action, Mode};

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
    /// Its text (the list's excerpt from the inbox, the whole text from the slip).
    pub body: String,
}

impl TriageTarget {
    pub(crate) fn of_row(r: &SlipRow) -> TriageTarget {
        TriageTarget {
            id: r.id,
            version: None,
            status: r.status,
            sections: r.sections.clone(),
            replied: r.replied.clone(),
            body: r.excerpt.clone(),
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
    /// The row highlighted in the filtered list; `None` while the keys are in the search
    /// field (no row is lit: ↓ goes to the first, ↑ from the first back to the field).
    pub cursor: Option<usize>,
    /// Due date text.
    pub due: TextArea<'static>,
    /// Focus.
    pub focus: TriageFocus,
    /// Error line.
    pub error: Option<String>,
    /// Sections suggested for the one slip (from the slips most like it), best first:
    /// they come first in the list, marked, with the slips they come from.
    pub suggested: Vec<crate::store::Suggestion>,
}

impl TriageForm {
    /// The sections the list shows for the search typed: the suggested ones first.
    pub fn matches<'a>(&self, catalog: &'a Catalog) -> Vec<&'a Section> {
        let mut list = section_matches(catalog, &value(&self.search));
        let rank = |s: &Section| {
            self.suggested
                .iter()
                .position(|x| x.section == s.label.code)
                .unwrap_or(usize::MAX)
        };
        list.sort_by_key(|s| rank(s));
        list
    }
}

impl App {
    /// Sections matching the triage search, in table order (active only).
    pub fn triage_matches(&self, search: &str) -> Vec<&Section> {
        section_matches(&self.catalog, search)
    }

    /// The slips triage would change, with what is known of each.
    pub(crate) fn triage_targets(&self) -> Vec<TriageTarget> {
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
                        body: d.slip.body.clone(),
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

    pub(crate) fn open_triage(&mut self) -> Effect {
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
        let due = self.settings.due_for(current_due, self.today);
        self.popup = Some(Popup::Triage(TriageForm {
            targets,
            bulk,
            confirm: None,
            search: input("", false),
            picked,
            cursor: None,
            due: input(&due.to_string(), false),
            focus: TriageFocus::Sections,
            error: None,
            suggested: vec![],
        }));
        match self.popup.as_ref() {
            Some(Popup::Triage(t)) if !t.bulk => Effect::LoadSuggestions(t.targets[0].id),
            _ => Effect::None,
        }
    }
}

/// Sections matching a triage search, in table order (active only): by code, name,
/// English name or department.
pub fn section_matches<'a>(catalog: &'a Catalog, search: &str) -> Vec<&'a Section> {
    let q = crate::text::nfkc(search.trim()).to_lowercase();
    catalog
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

impl Form for TriageForm {
    fn mode(&self) -> Mode {
        Mode::Triage
    }

    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        Some(match self.focus {
            TriageFocus::Sections => &mut self.search,
            TriageFocus::Due => &mut self.due,
        })
    }

    fn update(&mut self, action: Action, cx: &Ctx<'_>) -> Step {
        let matches: Vec<String> = self
            .matches(cx.catalog)
            .iter()
            .map(|s| s.label.code.clone())
            .collect();
        if action != Action::Save {
            // Any change after the plan was shown means the plan must be shown again.
            if self.confirm.take().is_some() && action == Action::Back {
                return Step::Stay;
            }
        }
        match action {
            Action::Down => self.cursor = down(self.cursor, matches.len()),
            Action::Up => self.cursor = self.cursor.and_then(|c| c.checked_sub(1)),
            Action::Toggle => self.toggle(&matches),
            Action::NextField | Action::PrevField => self.switch_focus(),
            Action::Save => return self.save_or_confirm(cx),
            Action::Back => return Step::Close,
            _ => {}
        }
        Step::Stay
    }

    fn set_error(&mut self, msg: String) -> Option<String> {
        self.error = Some(msg);
        None
    }

    fn follow(&mut self, id: i64, version: i64) {
        for x in self.targets.iter_mut().filter(|x| x.id == id) {
            x.version = Some(version);
        }
    }

    fn typed(&mut self) {
        // Keep the pick list in step with what was typed; a shown plan is void.
        self.cursor = None;
        self.error = None;
        self.confirm = None;
    }
}

/// ↓ from the search field to the first row, then row by row to the last.
fn down(cursor: Option<usize>, rows: usize) -> Option<usize> {
    match cursor {
        _ if rows == 0 => None,
        None => Some(0),
        Some(c) => Some((c + 1).min(rows - 1)),
    }
}

impl TriageForm {
    /// The row Enter acts on: the highlighted one; in the search field with a search
    /// typed, the first match (type 「区民」, Enter picks 区民課); else none.
    fn row<'a>(&self, matches: &'a [String]) -> Option<&'a String> {
        match self.cursor {
            Some(c) => matches.get(c),
            None if !value(&self.search).trim().is_empty() => matches.first(),
            None => None,
        }
    }

    /// Enter: on the due date, back to the sections; on a section, pick it or unpick it.
    fn toggle(&mut self, matches: &[String]) {
        if self.focus == TriageFocus::Due {
            self.focus = TriageFocus::Sections;
        } else if let Some(code) = self.row(matches) {
            if let Some(i) = self.picked.iter().position(|c| c == code) {
                self.picked.remove(i);
            } else {
                self.picked.push(code.clone());
            }
            self.error = None;
        }
    }

    /// Tab (or Shift-Tab): the sections and the due date take the keys in turn.
    fn switch_focus(&mut self) {
        self.focus = match self.focus {
            TriageFocus::Sections => TriageFocus::Due,
            TriageFocus::Due => TriageFocus::Sections,
        };
    }

    /// Ctrl-S: with sections picked and a due date that reads, assign at once, or first
    /// show the plan when the change is to several slips or needs confirming (the next
    /// Ctrl-S carries it out).
    fn save_or_confirm(&mut self, cx: &Ctx<'_>) -> Step {
        let lang = cx.lang;
        if self.picked.is_empty() {
            self.error = Some(Msg::ErrPickSection.text(lang).into());
            self.confirm = None;
            return Step::Stay;
        }
        let Some(due) = self.due_date(cx) else {
            return Step::Stay;
        };
        let change = if self.bulk {
            SectionChange::Add(self.picked.clone())
        } else {
            SectionChange::Replace(self.picked.clone())
        };
        let effect = Effect::Assign {
            targets: self.targets.iter().map(|x| (x.id, x.version)).collect(),
            change: change.clone(),
            due,
            remove_replied: true,
        };
        if self.confirm.is_some() {
            return Step::Run(effect);
        }
        let plans = self.plans(&change, lang);
        if !self.bulk
            && let Some((_, Err(e))) = plans.first()
        {
            self.error = Some(e.clone());
            return Step::Stay;
        }
        let confirm = self.bulk
            || plans
                .iter()
                .any(|(_, p)| p.as_ref().is_ok_and(SectionPlan::needs_confirmation));
        if confirm {
            self.error = None;
            self.confirm = Some(plans);
            return Step::Stay;
        }
        Step::Run(effect)
    }

    /// The due date typed, or `None` with the error said, the date focused and any plan
    /// shown dropped.
    fn due_date(&mut self, cx: &Ctx<'_>) -> Option<chrono::NaiveDate> {
        let lang = cx.lang;
        let due_text = value(&self.due);
        let due = parse_date(&due_text, cx.today);
        if due.is_none() {
            self.error = Some(fill(
                Msg::ErrBadDate,
                lang,
                &[&Msg::ColDue.text(lang), &due_text],
            ));
            self.focus = TriageFocus::Due;
            self.confirm = None;
        }
        due
    }

    /// What `change` would do to each target slip, or why it cannot be made.
    fn plans(&self, change: &SectionChange, lang: Lang) -> Vec<PlanLine> {
        self.targets
            .iter()
            .map(|x| {
                let plan = plan_sections(x.status, &x.sections, &x.replied, change)
                    .map_err(|e| crate::Error::from(e).screen_message(lang));
                (x.id, plan)
            })
            .collect()
    }
}
