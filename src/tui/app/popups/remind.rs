//! Requests (依頼, from the 依頼中 tab) and reminders (督促, from 期限超過 and 承認待ち):
//! what each section would be mailed, shown before anything is sent (`M`).

use super::{Ctx, Form, Step};
use crate::tui::keymap::Mode;

use super::super::*;
use crate::i18n::Msg;
use crate::store::{AskKind, SectionAsk};
use crate::tui::keymap::Action;

/// The requests or reminders prepared, waiting for Enter to send them.
#[derive(Debug)]
pub struct RemindForm {
    /// Request (依頼) or reminder (督促).
    pub kind: AskKind,
    /// Per section, how many slips were asked before and are left out (requests).
    pub asked_before: Vec<(String, usize)>,
    /// Per section: its overdue and returned slips, and its address if it has one.
    pub asks: Vec<SectionAsk>,
    /// Slips reminded within `days` office days: not sent unless asked twice (`a`, `a`).
    pub held: Vec<SectionAsk>,
    /// The `remind_days` setting they were held by.
    pub days: u32,
    /// Sending the held ones too: not yet, asked once (say what it means), or confirmed.
    pub again: Again,
    /// While the mail goes out: which section (Esc stops after it).
    pub sending: Option<String>,
    /// Each mail carries its section's reply sheet (回答票, `x` toggles).
    pub sheets: bool,
    /// The last audit event seen when they were worked out.
    pub seen: i64,
    /// Scroll of the list.
    pub scroll: u16,
    /// Error line (a relay that refused, mail not set up …).
    pub error: Option<String>,
}

/// Whether reminders held back are to be sent after all: it takes two presses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Again {
    /// Held back (the default).
    No,
    /// Asked once: the form says what it means.
    Asked,
    /// Confirmed: they go with the rest.
    Yes,
}

impl RemindForm {
    /// What Enter sends: the due reminders, with the held ones once confirmed, section by
    /// section in the list's order.
    pub fn to_send(&self) -> Vec<SectionAsk> {
        let mut out = self.asks.clone();
        if self.again == Again::Yes {
            for h in &self.held {
                match out.iter_mut().find(|a| a.section == h.section) {
                    Some(a) => {
                        a.items.extend(h.items.iter().cloned());
                        a.items.sort_by_key(|it| (it.received_on, it.id));
                    }
                    None => out.push(h.clone()),
                }
            }
        }
        out
    }

    /// How many slips are held back.
    pub fn held_count(&self) -> usize {
        self.held.iter().map(|a| a.items.len()).sum()
    }
}

impl App {
    /// Ask for what `M` shows: the requests on 依頼中, the reminders on 期限超過 or 承認待ち;
    /// elsewhere, say where it works.
    pub(crate) fn prepare_reminders(&mut self) -> Effect {
        match self.tab {
            Tab::Assigned => Effect::PrepareAsks(AskKind::Request),
            Tab::Overdue | Tab::Review => Effect::PrepareAsks(AskKind::Remind),
            _ => {
                self.message(Msg::RemindWhere.text(self.lang), true);
                Effect::None
            }
        }
    }

    /// Show the requests or reminders prepared, and those held back (or say there are
    /// none, and why).
    pub(crate) fn show_asks(&mut self, p: PreparedAsks) {
        if p.send.is_empty() && p.held.is_empty() {
            let msg = match p.kind {
                AskKind::Request => Msg::NothingToRequest,
                AskKind::Remind => Msg::NothingToRemind,
            };
            self.message(msg.text(self.lang), false);
            return;
        }
        self.popup = Some(Popup::Remind(RemindForm {
            kind: p.kind,
            asked_before: p.asked_before,
            asks: p.send,
            held: p.held,
            days: p.days,
            again: Again::No,
            sending: None,
            sheets: true,
            seen: p.seen,
            scroll: 0,
            error: None,
        }));
    }
}

impl Form for RemindForm {
    fn mode(&self) -> Mode {
        Mode::Remind
    }

    fn update(&mut self, action: Action, cx: &Ctx<'_>) -> Step {
        if self.sending.is_some() {
            // Mail is going out: only stopping it (after the current section) is taken.
            if action == Action::Back {
                self.sending = Some(Msg::MailStopping.text(cx.lang).to_string());
                return Step::Run(Effect::StopMail);
            }
            return Step::Stay;
        }
        match action {
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::ToggleSheets => self.sheets = !self.sheets,
            Action::Again if !self.held.is_empty() => {
                self.again = match self.again {
                    Again::No => Again::Asked,
                    Again::Asked => Again::Yes,
                    Again::Yes => Again::No,
                };
            }
            Action::Save => {
                let send = self.to_send();
                if send.is_empty() {
                    self.error = Some(Msg::RemindAllHeld.text(cx.lang).to_string());
                    return Step::Stay;
                }
                self.error = None;
                self.sending = Some(String::new());
                return Step::Run(Effect::SendAsks(Box::new(Outgoing {
                    kind: self.kind,
                    asks: send,
                    sheets: self.sheets,
                    seen: self.seen,
                })));
            }
            Action::Back => return Step::Close,
            _ => {}
        }
        Step::Stay
    }

    fn set_error(&mut self, msg: String) -> Option<String> {
        self.sending = None;
        self.error = Some(msg);
        None
    }
}
