//! Which key table applies now, and which actions are on offer (in the status bar,
//! the help overlay and the number keys).

use super::*;

impl App {
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
                .and_then(|e| e.similar_on_screen())
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
}
