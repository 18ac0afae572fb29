//! Keys, pasted text and the terminal's size: what reaches [`App::update`] as an
//! action and what goes into the focused text input.

use super::*;

impl App {
    /// The terminal was resized.
    pub fn resize(&mut self, width: u16, height: u16) -> Effect {
        self.size = (width, height);
        let h = height.saturating_sub(INBOX_CHROME).max(1) as usize;
        if h != self.list.height {
            self.list.height = h;
            return self.scroll_to(self.list.selected, true);
        }
        Effect::None
    }

    /// Whether the screen is below the smallest size the views draw in. Keys do nothing
    /// then: what they would do cannot be seen.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_SIZE.0 || self.size.1 < MIN_SIZE.1
    }

    /// Whether quitting now would lose typed text (a form, a reply draft, a reason).
    pub fn has_unsaved_input(&self) -> bool {
        let entry =
            self.screen == Screen::Entry && self.entry.as_ref().is_some_and(EntryForm::is_dirty);
        let popup = self.popup.as_ref().is_some_and(|p| p.form().unsaved());
        entry || popup
    }

    /// Handle a key press: bound keys become actions, the rest goes to the focused input.
    pub fn handle_key(&mut self, ev: KeyEvent) -> Effect {
        if self.flash.is_some() {
            self.flash = None;
        }
        // Ctrl-C quits from anywhere, as in every other terminal program; with unsaved
        // input it asks first.
        if ev.code == KeyCode::Char('c') && ev.modifiers == KeyModifiers::CONTROL {
            if self.quit_armed || !self.has_unsaved_input() {
                return Effect::Quit;
            }
            self.quit_armed = true;
            self.message(Msg::ConfirmQuit.text(self.lang), true);
            return Effect::None;
        }
        self.quit_armed = false;
        if ev.code == KeyCode::Char('z') && ev.modifiers == KeyModifiers::CONTROL {
            return Effect::Suspend;
        }
        if self.too_small() {
            return Effect::None;
        }
        if let Some(effect) = self.esc_and_key(ev) {
            return effect;
        }
        let mode = self.mode();
        if let Some(action) = keymap::lookup(mode, &ev) {
            if self.unavailable_actions().contains(&action) {
                return Effect::None;
            }
            return self.update(action);
        }
        if let Some(p) = &mut self.popup {
            popups::type_into(p.form_mut(), ev);
            return Effect::None;
        }
        self.type_key(ev);
        self.search_typed()
    }

    /// Esc and a key that arrive together (over SSH, or typed fast) reach the program as
    /// Alt-key. Where Alt-key means nothing (no binding here, not a text editor's word
    /// move), it is taken as the two keys it was: Esc, then the key. `None`: not such a key.
    fn esc_and_key(&mut self, ev: KeyEvent) -> Option<Effect> {
        let KeyCode::Char(c) = ev.code else {
            return None;
        };
        if ev.modifiers != KeyModifiers::ALT || keymap::lookup(self.mode(), &ev).is_some() {
            return None;
        }
        // ratatui-textarea's Alt keys: word forward/back/delete, top and bottom, paragraphs.
        const EDITOR_ALT: &str = "fbdh<>pnv";
        let editing = self.screen == Screen::Entry || self.popup.is_some();
        if editing && EDITOR_ALT.contains(c.to_ascii_lowercase()) {
            return None;
        }
        let first = self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        if first == Effect::Quit {
            return Some(first);
        }
        let second = self.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        Some(Effect::Batch(vec![first, second]))
    }

    /// Pasted text goes to the focused input (newlines kept only where the input is
    /// multi-line); pasted into the search line, it searches.
    pub fn paste(&mut self, text: &str) -> Effect {
        let multiline = self.focused_multiline();
        // Pasted control characters and escape sequences never enter an input.
        let text = crate::text::sanitize(&crate::text::normalize_body(text), true);
        if let Some(ta) = self.focused_input() {
            if multiline {
                ta.insert_str(&text);
            } else {
                ta.insert_str(text.replace('\n', " "));
            }
        }
        self.after_typing();
        self.search_typed()
    }

    /// Whether the focused input takes several lines.
    pub(super) fn focused_multiline(&self) -> bool {
        match (&self.popup, self.screen) {
            (Some(p), _) => p.form().multiline(),
            (None, Screen::Entry) => self.entry.as_ref().is_some_and(|e| e.focus == Field::Body),
            _ => false,
        }
    }

    /// The text input that receives typed keys now, if any.
    pub fn focused_input(&mut self) -> Option<&mut TextArea<'static>> {
        match &mut self.popup {
            Some(p) => p.form_mut().input(),
            None => match self.screen {
                Screen::Inbox => self.search_input.as_mut(),
                Screen::Entry => self.entry.as_mut().and_then(EntryForm::editor),
                Screen::Detail | Screen::Summary => None,
            },
        }
    }

    /// A key no binding took: to the entry form's own keys, else the focused input.
    pub(super) fn type_key(&mut self, ev: KeyEvent) {
        if self.popup.is_none() && self.screen == Screen::Entry && self.entry_key(ev) {
            return;
        }
        let multiline = self.focused_multiline();
        if !multiline && popups::breaks_line(&ev) {
            return;
        }
        if let Some(ta) = self.focused_input() {
            popups::type_key_into(ta, ev, multiline);
        }
        self.after_typing();
    }

    /// Tell the open popup that text went into its input.
    pub(super) fn after_typing(&mut self) {
        if let Some(p) = &mut self.popup {
            p.form_mut().typed();
        }
    }
}
