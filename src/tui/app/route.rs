//! An action to the screen or popup that handles it.

use super::*;

impl App {
    /// Apply one action.
    pub fn update(&mut self, action: Action) -> Effect {
        match self.mode() {
            Mode::Inbox => self.update_inbox(action),
            Mode::Search => self.update_search(action),
            Mode::Detail => self.update_detail(action),
            Mode::Entry => self.update_entry(action),
            Mode::Summary => self.update_summary(action),
            // Every popup, through its Form.
            _ => self.update_popup(action),
        }
    }

    /// The search line: the list already shows the search as typed.
    fn update_search(&mut self, action: Action) -> Effect {
        match action {
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
        }
    }

    /// The open popup: its form handles the action and says what follows.
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
}
