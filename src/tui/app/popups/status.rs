//! The status change, and voiding or restoring one slip.

use super::{Ctx, Form, Step};
use crate::tui::keymap::Mode;
use ratatui_textarea::TextArea;

use super::super::*;
use super::*;
use crate::domain::Status;
use crate::i18n::Msg;
use crate::tui::keymap::Action;

/// The row under the status choices that voids a slip or restores a voided one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoidChoice {
    /// 取消: the slip was entered by mistake (a reason is needed).
    Void,
    /// Bring a voided slip back.
    Restore,
}

/// Status change for one or more slips.
#[derive(Debug)]
pub struct StatusForm {
    /// For one slip, the last row: void it, or restore it when voided.
    pub void: Option<VoidChoice>,
    /// Target slips.
    pub targets: Vec<(i64, Option<i64>)>,
    /// Current status when one slip.
    pub from: Option<Status>,
    /// Allowed choices.
    pub choices: Vec<Status>,
    /// Cursor.
    pub cursor: usize,
    /// Reason text.
    pub reason: TextArea<'static>,
    /// Error line.
    pub error: Option<String>,
    /// Several slips, after the first Ctrl-S: what the change does to each (refusals
    /// with why). A second Ctrl-S carries it out; any other key goes back.
    pub confirm: Option<Vec<crate::store::StatusStep>>,
}

impl App {
    pub(crate) fn open_status(&mut self) -> Effect {
        let targets = self.targets();
        if targets.is_empty() {
            return Effect::None;
        }
        let from = if targets.len() == 1 {
            match self.screen {
                Screen::Detail => self.detail.as_ref().map(|d| d.slip.status),
                _ => self.list.current().map(|r| r.status),
            }
        } else {
            None
        };
        let sections = match self.screen {
            Screen::Detail => self.detail.as_ref().map(|d| d.slip.sections.len()),
            _ if targets.len() == 1 => self.list.current().map(|r| r.sections.len()),
            _ => None,
        };
        let mut choices = match from {
            Some(f) => f.next().to_vec(),
            // Several slips: every status a slip can be moved to (none goes back to 受付).
            None => Status::ALL
                .into_iter()
                .filter(|s| *s != Status::New)
                .collect(),
        };
        // Without a section, 回答依頼中 is done through triage (a), not here.
        if sections == Some(0) {
            choices.retain(|s| *s != Status::Assigned);
        }
        // One slip can be voided (entered by mistake); a voided one only restored.
        let voided = match self.screen {
            Screen::Detail => self.detail.as_ref().is_some_and(|d| d.slip.voided),
            _ => self.extra.voided,
        };
        let void = match (targets.len(), voided) {
            (1, true) => {
                choices.clear();
                Some(VoidChoice::Restore)
            }
            (1, false) => Some(VoidChoice::Void),
            _ => None,
        };
        self.popup = Some(Popup::Status(StatusForm {
            void,
            targets,
            from,
            choices,
            cursor: 0,
            reason: input("", false),
            error: None,
            confirm: None,
        }));
        Effect::None
    }
}

impl Form for StatusForm {
    fn mode(&self) -> Mode {
        Mode::Status
    }

    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        Some(&mut self.reason)
    }

    fn update(&mut self, action: Action, cx: &Ctx<'_>) -> Step {
        let lang = cx.lang;
        let s = self;
        let rows = s.choices.len() + usize::from(s.void.is_some());
        let confirmed = s.confirm.take().is_some();
        if confirmed && action != Action::Save {
            // Back to the choices: the plan is shown again on the next Ctrl-S.
            return Step::Stay;
        }
        match action {
            Action::Down => s.cursor = (s.cursor + 1).min(rows.saturating_sub(1)),
            Action::Up => s.cursor = s.cursor.saturating_sub(1),
            Action::Save => {
                let reason = value(&s.reason);
                let reason = (!reason.trim().is_empty()).then(|| reason.trim().to_string());
                if s.cursor == s.choices.len()
                    && let Some(v) = s.void
                    && let Some(&target) = s.targets.first()
                {
                    return match (v, reason) {
                        (VoidChoice::Restore, _) => Step::Run(Effect::Restore { target }),
                        (VoidChoice::Void, Some(reason)) => {
                            Step::Run(Effect::Void { target, reason })
                        }
                        (VoidChoice::Void, None) => {
                            s.error = Some(Msg::ErrNeedReasonKey.text(lang).into());
                            Step::Stay
                        }
                    };
                }
                let Some(&to) = s.choices.get(s.cursor) else {
                    s.error = Some(Msg::ErrNoChoices.text(lang).into());
                    return Step::Stay;
                };
                if s.from.is_some_and(|f| f.is_reopening(to)) && reason.is_none() {
                    s.error = Some(Msg::ErrNeedReasonKey.text(lang).into());
                    return Step::Stay;
                }
                if s.targets.len() > 1 && !confirmed {
                    // Several slips: what it does to each, first.
                    return Step::Run(Effect::PlanStatus {
                        ids: s.targets.iter().map(|t| t.0).collect(),
                        to,
                        has_reason: reason.is_some(),
                    });
                }
                return Step::Run(Effect::SetStatus {
                    targets: s.targets.clone(),
                    to,
                    reason,
                });
            }
            Action::Back => return Step::Close,
            _ => {}
        }
        Step::Stay
    }

    fn set_error(&mut self, msg: String) -> Option<String> {
        self.error = Some(msg);
        None
    }

    fn follow(&mut self, id: i64, version: i64) {
        for t in self.targets.iter_mut().filter(|t| t.0 == id) {
            t.1 = Some(version);
        }
    }

    fn unsaved(&self) -> bool {
        !value(&self.reason).trim().is_empty()
    }
}
