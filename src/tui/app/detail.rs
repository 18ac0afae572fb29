//! One slip: scrolling, and the keys that open the popups on it.

use super::*;
use crate::tui::keymap::Action;

impl App {
    /// A key on the slip: scroll, or open a popup or form on it, or go back to the inbox.
    pub(crate) fn update_detail(&mut self, action: Action) -> Effect {
        let max = self.detail_max_scroll.get();
        let page = self.size.1.saturating_sub(4).max(1);
        let scroll = self.detail_scroll.min(max);
        let mut to = |s: u16| {
            self.detail_scroll = s.min(max);
            Effect::None
        };
        match action {
            Action::Down => to(scroll.saturating_add(1)),
            Action::Up => to(scroll.saturating_sub(1)),
            Action::PageDown => to(scroll.saturating_add(page)),
            Action::PageUp => to(scroll.saturating_sub(page)),
            Action::Top => to(0),
            Action::Bottom => to(max),
            Action::Assign => self.open_triage(),
            Action::Reply => self.open_reply(),
            Action::Status => self.open_status(),
            Action::Review => self.open_review(),
            Action::Duplicate => self.open_duplicate(),
            Action::Refresh => self.reload_detail(),
            Action::Publication => self.toggle_publication(),
            Action::Private => self.open_private(),
            Action::Edit => self.edit_slip(),
            Action::Back => self.close_detail(),
            Action::Help => self.open_help(),
            _ => Effect::None,
        }
    }

    /// The prompt for which slip this one repeats, the most similar slip's number to start
    /// with.
    fn open_duplicate(&mut self) -> Effect {
        if let Some(t) = self.targets().first().copied() {
            let first = match &self.similar {
                Some((id, list)) if *id == t.0 => list.first().map(|s| s.id.to_string()),
                _ => None,
            };
            self.popup = Some(Popup::Duplicate(DuplicateForm {
                target: t,
                input: input(first.as_deref().unwrap_or(""), false),
                error: None,
            }));
        }
        Effect::None
    }

    /// Read the slip again.
    fn reload_detail(&self) -> Effect {
        match &self.detail {
            Some(d) => Effect::LoadDetail(d.slip.id),
            None => Effect::None,
        }
    }

    /// Hide the slip from publication, or show it again.
    fn toggle_publication(&self) -> Effect {
        match &self.detail {
            Some(d) => Effect::SetNoPublish {
                target: (d.slip.id, Some(d.slip.version)),
                hide: !d.slip.no_publish,
            },
            None => Effect::None,
        }
    }

    /// The prompt for text to mask when the slip is published.
    fn open_private(&mut self) -> Effect {
        if let Some(d) = &self.detail {
            self.popup = Some(Popup::Private(PrivateForm {
                target: (d.slip.id, Some(d.slip.version)),
                input: input("", false),
                error: None,
            }));
        }
        Effect::None
    }

    /// The entry screen on the slip as it stands, its text focused.
    fn edit_slip(&mut self) -> Effect {
        let Some(d) = &self.detail else {
            return Effect::None;
        };
        let s = &d.slip;
        let mut form = EntryForm::new(s.received_on);
        form.floor = self.catalog.floors.iter().position(|f| f.code == s.floor);
        form.kind = self.catalog.kinds.iter().position(|k| k.code == s.kind);
        form.body = input(&s.body, true);
        form.summary = input(s.summary.as_deref().unwrap_or(""), false);
        form.focus = Field::Body;
        form.editing = Some((s.id, s.version));
        self.entry = Some(form);
        self.screen = Screen::Entry;
        Effect::None
    }

    /// Back to the inbox, its list read again.
    fn close_detail(&mut self) -> Effect {
        self.screen = Screen::Inbox;
        self.detail = None;
        self.load_list()
    }
}
