//! Reminders (督促) from the 期限超過 and 承認待ち tabs: what each section would be mailed,
//! shown before anything is sent.

use super::{Ctx, Form, Step};
use crate::tui::keymap::Mode;

use super::super::*;
use crate::store::SectionAsk;
use crate::tui::keymap::Action;

/// The reminders prepared, waiting for Enter to send them.
#[derive(Debug)]
pub struct RemindForm {
    /// Per section: its overdue and returned slips, and its address if it has one.
    pub asks: Vec<SectionAsk>,
    /// Scroll of the list.
    pub scroll: u16,
    /// Error line (a relay that refused, mail not set up …).
    pub error: Option<String>,
}

impl App {
    /// Ask for the reminders to show (the team's, on 期限超過 or 承認待ち).
    pub(crate) fn prepare_reminders(&mut self) -> Effect {
        if matches!(self.tab, Tab::Overdue | Tab::Review) {
            Effect::PrepareReminders
        } else {
            self.message(crate::i18n::Msg::RemindWhere.text(self.lang), true);
            Effect::None
        }
    }

    /// Show the reminders prepared (or say there are none).
    pub(crate) fn show_reminders(&mut self, asks: Vec<SectionAsk>) {
        if asks.is_empty() {
            self.message(crate::i18n::Msg::NothingToRemind.text(self.lang), false);
            return;
        }
        self.popup = Some(Popup::Remind(RemindForm {
            asks,
            scroll: 0,
            error: None,
        }));
    }
}

impl Form for RemindForm {
    fn mode(&self) -> Mode {
        Mode::Remind
    }

    fn update(&mut self, action: Action, _cx: &Ctx<'_>) -> Step {
        match action {
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Save => return Step::Run(Effect::SendReminders),
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
