//! Live refresh: another connection committed, or the day turned. What is shown is
//! read again; a form being typed in is never replaced.

use super::*;

impl App {
    /// The day as the clock says it now. A new day (meyasu left open past midnight)
    /// dates what is written from now on and reads the counts again, since what is
    /// overdue moved with it.
    pub fn new_day(&mut self, today: NaiveDate) -> Effect {
        if today == self.today {
            return Effect::None;
        }
        self.today = today;
        self.changed_elsewhere()
    }

    /// Someone else committed to the database: read the counts, the page and the open
    /// slip again, keeping the cursor on the slip it is on. Nothing typed is touched.
    pub fn changed_elsewhere(&mut self) -> Effect {
        if self.search_input.is_some() || self.live.counting {
            // A search being typed reads afresh with every key anyway.
            return Effect::None;
        }
        self.list.follow = self.list.current().map(|r| r.id);
        let mut next = vec![self.load_list()];
        let popup_on = self.popup.as_ref().and_then(|p| p.form().target());
        if let Some(id) = self.open_slip() {
            next.push(Effect::LoadDetailElsewhere(id));
        }
        if let Some((id, _)) = popup_on
            && self.open_slip() != Some(id)
        {
            next.push(Effect::LoadDetailElsewhere(id));
        }
        if self.screen == Screen::Summary {
            next.push(self.load_summary());
        }
        Effect::Batch(next)
    }

    /// Put the cursor on slip `id` if the page just read holds it (it moved when slips
    /// were added or left the tab above it); else it stays where it was.
    pub(super) fn follow_slip(&mut self, id: i64) -> Effect {
        let Some(i) = self.list.rows.iter().position(|r| r.id == id) else {
            return Effect::None;
        };
        let at = self.list.offset + i;
        if at == self.list.selected {
            return Effect::None;
        }
        self.list.selected = at;
        Effect::None
    }

    /// The slip id open in the detail view (or in the entry form editing it), if any.
    pub fn open_slip(&self) -> Option<i64> {
        if self.screen == Screen::Detail || self.entry.as_ref().is_some_and(|e| e.editing.is_some())
        {
            self.detail.as_ref().map(|d| d.slip.id)
        } else {
            None
        }
    }

    /// The open slip (or the one a form is on) as read after another user's change:
    /// shown where nothing is being typed about it; under a form, the form keeps the
    /// version it was opened on (saving checks it) and says the slip changed.
    pub(super) fn detail_elsewhere(&mut self, d: SlipDetail) {
        let editing = self.entry.as_ref().is_some_and(|e| e.editing.is_some());
        let changed = self
            .opened_on(d.slip.id)
            .is_some_and(|v| v != d.slip.version);
        let form_on_it = self
            .popup
            .as_ref()
            .is_some_and(|p| p.form().target().is_some_and(|(id, _)| id == d.slip.id));
        if self.popup.is_none() && !editing {
            self.detail = Some(d);
        } else if !form_on_it && !editing && self.open_slip() == Some(d.slip.id) {
            // A popup about something else (help, a filter) over the slip.
            self.detail = Some(d);
        } else if changed {
            self.say_changed_elsewhere(d.slip.id, editing);
        }
    }

    /// The version of slip `id` the form was opened on (a popup's own, else the open
    /// slip's).
    fn opened_on(&self, id: i64) -> Option<i64> {
        match self.popup.as_ref().and_then(|p| p.form().target()) {
            Some((target, v)) => (target == id).then_some(v).flatten(),
            None => self
                .detail
                .as_ref()
                .filter(|old| old.slip.id == id)
                .map(|old| old.slip.version),
        }
    }

    /// Never under a form being typed in: the form says slip `id` changed (the popup, else
    /// the entry form being edited, else the status line).
    fn say_changed_elsewhere(&mut self, id: i64, editing: bool) {
        let msg = fill(Msg::SlipChangedElsewhere, self.lang, &[&id]);
        let unshown = match &mut self.popup {
            Some(p) => p.form_mut().set_error(msg),
            None => Some(msg),
        };
        if let Some(msg) = unshown {
            match self.entry.as_mut() {
                Some(form) if editing => form.errors.push((Field::Body, msg)),
                _ => self.message(msg, true),
            }
        }
    }
}
