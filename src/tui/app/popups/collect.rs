//! Filled reply sheets (回答票) collected from the team's folder (`sheet_inbox`): the plan,
//! slip by slip, before Enter records it (`I`).

use super::{Ctx, Form, Step};
use crate::tui::keymap::Mode;

use super::super::*;
use crate::io::sheets::Plan;
use crate::tui::keymap::Action;

/// What the sheets in the folder would record, and the files refused whole.
#[derive(Debug)]
pub struct CollectForm {
    /// The folder read.
    pub folder: String,
    /// Each sheet's plan.
    pub plans: Vec<Plan>,
    /// Files refused whole, each with why.
    pub refused: Vec<String>,
    /// Scroll of the list.
    pub scroll: u16,
    /// Error line.
    pub error: Option<String>,
}

impl CollectForm {
    /// How many replies Enter would record.
    pub fn to_record(&self) -> usize {
        self.plans.iter().map(|p| p.to_record().count()).sum()
    }
}

impl App {
    /// Read the sheets in the folder the settings name (the team's `I`).
    pub(crate) fn plan_collect(&mut self) -> Effect {
        Effect::PlanCollect
    }
}

impl Form for CollectForm {
    fn mode(&self) -> Mode {
        Mode::Collect
    }

    fn update(&mut self, action: Action, cx: &Ctx<'_>) -> Step {
        match action {
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Save if self.to_record() == 0 => {
                self.error = Some(crate::i18n::Msg::CollectNothing.text(cx.lang).to_string());
            }
            Action::Save => return Step::Run(Effect::ApplyCollect(self.plans.clone())),
            Action::Back => return Step::Close,
            _ => {}
        }
        Step::Stay
    }

    fn set_error(&mut self, msg: String) -> Option<String> {
        self.error = Some(msg);
        None
    }
}
