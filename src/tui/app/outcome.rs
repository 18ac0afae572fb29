//! What the loop brings back from the store ([`Outcome`]), taken into the state.

use super::*;

impl App {
    /// Take in what an effect produced; returns what to read next, if anything (the page
    /// after the counts, the list and the open slip after a change).
    pub fn apply(&mut self, outcome: Outcome) -> Effect {
        match outcome {
            Outcome::Counts(counts) => return self.take_fresh_counts(counts),
            Outcome::Changed => return self.reload_after_change(),
            Outcome::DetailFailed(msg) => {
                self.screen = Screen::Inbox;
                self.message(msg, true);
            }
            Outcome::List {
                total,
                counts,
                rows,
            } => self.take_list(total, counts, rows),
            Outcome::Page(rows) => {
                self.list.rows = rows;
                if let Some(id) = self.list.follow.take() {
                    return self.follow_slip(id);
                }
            }
            Outcome::SearchPage(generation, rows) => self.take_search_page(generation, rows),
            Outcome::SearchFailed(generation, msg) => {
                if generation == self.live.generation {
                    self.live.counting = false;
                    self.message(msg, true);
                }
            }
            Outcome::SearchCounts(generation, counts) => {
                if generation == self.live.generation {
                    self.live.counting = false;
                    self.set_counts(counts);
                }
            }
            Outcome::SummaryYear(fy) => {
                if let Some(s) = self.summary.as_mut() {
                    s.fiscal_year = fy;
                }
            }
            Outcome::Summary(r) => {
                if let Some(s) = self.summary.as_mut() {
                    s.report = Some(*r);
                }
            }
            Outcome::ReplyTo(d) => return self.open_reply_on(&d),
            Outcome::ReviewOf(d) => return self.open_review_on(&d),
            Outcome::ReplyAids(id, aids) => {
                if let Some(Popup::Reply(r)) = &mut self.popup
                    && r.target.0 == id
                {
                    r.aids = aids;
                    r.aid_cursor = 0;
                }
            }
            Outcome::Note(msg) => self.message(msg, false),
            Outcome::Asks(p) => self.show_asks(*p),
            Outcome::Collected(c) => {
                let (folder, plans, refused) = *c;
                if plans.is_empty() && refused.is_empty() {
                    self.message(fill(Msg::CollectNone, self.lang, &[&folder]), false);
                } else {
                    self.popup = Some(Popup::Collect(CollectForm {
                        folder,
                        plans,
                        refused,
                        scroll: 0,
                        error: None,
                    }));
                }
            }
            Outcome::StatusPlan(plan) => {
                if let Some(Popup::Status(s)) = &mut self.popup {
                    s.confirm = Some(plan);
                }
            }
            Outcome::MailProgress(line) => {
                if let Some(Popup::Remind(r)) = &mut self.popup {
                    r.sending = Some(line);
                }
            }
            Outcome::Similar(id, list) => self.take_similar(id, list),
            Outcome::Suggestions(id, list) => self.take_suggestions(id, list),
            Outcome::DetailElsewhere(d) => self.detail_elsewhere(*d),
            Outcome::Detail(d) => {
                // An open form follows the slip's new version: after a conflict the
                // screen shows the other person's change, and saving again is deliberate.
                if let Some(p) = &mut self.popup {
                    p.form_mut().follow(d.slip.id, d.slip.version);
                }
                self.detail = Some(*d);
            }
            Outcome::Added(id) => return self.slip_added(id),
            Outcome::Done(msg) => self.done(msg),
            Outcome::Failed(msg) => self.failed(msg),
        }
        Effect::None
    }

    /// The tab counts, counted here: a search still out on the other thread is overtaken.
    fn take_fresh_counts(&mut self, counts: Counts) -> Effect {
        self.live.generation += 1;
        self.live.counting = false;
        self.take_counts(counts)
    }

    /// Something was written: read the list again, and the open slip.
    fn reload_after_change(&mut self) -> Effect {
        let mut next = vec![self.load_list()];
        if let Some(id) = self.open_slip() {
            next.push(Effect::LoadDetail(id));
        }
        Effect::Batch(next)
    }

    /// A new list: its total, the tab counts and the first window, the cursor kept
    /// within it.
    fn take_list(&mut self, total: u64, counts: Vec<u64>, rows: Vec<SlipRow>) {
        self.list.total = total;
        self.counts = counts;
        self.list.rows = rows;
        if self.list.selected >= total as usize {
            self.list.selected = (total as usize).saturating_sub(1);
        }
    }

    /// The first page of a search, if it is the latest one asked for.
    fn take_search_page(&mut self, generation: u64, rows: Vec<SlipRow>) {
        if generation == self.live.generation {
            // Until the counts come, the total is at least what was read.
            if self.live.counting {
                self.list.total = rows.len() as u64;
            }
            self.list.rows = rows;
        }
    }

    /// The slips most like slip `id`.
    fn take_similar(&mut self, id: i64, list: Vec<crate::store::Similar>) {
        // Just saved in the entry form: shown there, under the next blank slip.
        if let Some(form) = self.entry.as_mut()
            && form.editing.is_none()
        {
            form.after_save = Some((id, list.clone()));
        }
        self.similar = Some((id, list));
    }

    /// The sections suggested for slip `id`, into the triage form open on it alone.
    fn take_suggestions(&mut self, id: i64, list: Vec<crate::store::Suggestion>) {
        if let Some(Popup::Triage(t)) = &mut self.popup
            && !t.bulk
            && t.targets.first().is_some_and(|x| x.id == id)
        {
            t.suggested = list.into_iter().take(3).collect();
        }
    }

    /// A slip was added: the entry form starts the next one on the same date and floor,
    /// and the earlier slips most like it are read, to mark a duplicate at once.
    fn slip_added(&mut self, id: i64) -> Effect {
        let msg = fill(Msg::EntrySaved, self.lang, &[&id]);
        if let Some(form) = self.entry.as_mut() {
            // Save and next: keep the date and floor of the stack being typed in.
            let date = value(&form.date);
            let floor = form.floor;
            let saved = form.saved + 1;
            let mut next = EntryForm::new(self.today);
            next.date = input(&date, false);
            next.floor = floor;
            next.focus = Field::Kind;
            next.saved = saved;
            *form = next;
        }
        self.message(msg, false);
        Effect::LoadSimilar(id)
    }

    /// A change was saved: the form that made it closes (unless it stays for more), the
    /// marks are cleared, an edit goes back to the slip.
    fn done(&mut self, msg: String) {
        if let Some(p) = &mut self.popup
            && !p.form_mut().saved()
        {
            self.popup = None;
        }
        self.marked.clear();
        if self.screen == Screen::Entry && self.entry.as_ref().is_some_and(|e| e.editing.is_some())
        {
            self.entry = None;
            self.screen = Screen::Detail;
        }
        self.message(msg, false);
    }

    /// A change failed: said in the open form, else in the entry form and the status line.
    fn failed(&mut self, msg: String) {
        let unshown = match &mut self.popup {
            Some(p) => p.form_mut().set_error(msg),
            None => Some(msg),
        };
        if let Some(msg) = unshown {
            if let (Screen::Entry, Some(form)) = (self.screen, self.entry.as_mut()) {
                form.errors.push((Field::Body, msg.clone()));
            }
            self.message(msg, true);
        }
    }
}
