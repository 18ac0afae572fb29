//! The key help: every key of the screen underneath, from the key table.

use super::{Ctx, Form, Step};
use crate::tui::keymap::{Action, Mode};

/// The help overlay and how far it is scrolled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelpPopup {
    /// Lines scrolled past.
    pub scroll: u16,
}

impl Form for HelpPopup {
    fn mode(&self) -> Mode {
        Mode::Help
    }

    fn update(&mut self, action: Action, _cx: &Ctx<'_>) -> Step {
        match action {
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            _ => return Step::Close,
        }
        Step::Stay
    }
}
