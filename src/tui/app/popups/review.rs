//! Review of the replies a slip's liaisons wrote: approve one (it counts from then on) or
//! send it back with the reason the liaison will see.

use super::{Ctx, Form, Step};
use crate::tui::keymap::Mode;
use ratatui_textarea::TextArea;

use super::super::*;
use crate::domain::{ReplyState, SlipDetail};
use crate::i18n::Msg;
use crate::tui::keymap::Action;

/// One reply waiting for review.
#[derive(Clone, Debug)]
pub struct ReviewItem {
    /// Section code.
    pub section: String,
    /// The reply as the liaison wrote it.
    pub text: String,
    /// The outcome (対応区分) it gives, if any.
    pub outcome: Option<String>,
    /// Who wrote it.
    pub by: String,
    /// When the team sent this section's reply back before: the reason given then, and
    /// what changed since, as (was, now) with a little context ([`crate::domain::text_change`]).
    pub returned: Option<Returned>,
}

/// A reply sent back and written again: why it was sent back, and what changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Returned {
    /// The reason the team gave.
    pub reason: String,
    /// The returned text where it differs (`…` around), before.
    pub was: String,
    /// The same place now.
    pub now: String,
}

/// The last time `section`'s reply was sent back, if it was, with what the liaison
/// changed when writing it again (read from the history: the `returned` event's reason,
/// the next `replied` event's old and new text).
fn returned(d: &SlipDetail, section: &str) -> Option<Returned> {
    use crate::domain::Action;
    let of = |e: &&crate::domain::Event, a: Action| {
        e.action == a.code() && e.note.as_deref() == Some(section)
    };
    let at = d.history.iter().rposition(|e| of(&e, Action::Returned))?;
    let back = &d.history[at];
    let rewrite = d.history[at..].iter().find(|e| of(e, Action::Replied));
    let (was, now) = match rewrite {
        Some(e) => crate::domain::text_change(
            e.old.as_deref().unwrap_or_default(),
            e.new.as_deref().unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    };
    Some(Returned {
        reason: back.new.clone().unwrap_or_default(),
        was,
        now,
    })
}

/// The review popup over a slip's screen.
#[derive(Debug)]
pub struct ReviewForm {
    /// The slip and its version.
    pub target: (i64, Option<i64>),
    /// The slip's text, shown above the replies.
    pub body: String,
    /// Its replies waiting for review, in section order.
    pub items: Vec<ReviewItem>,
    /// The reply chosen.
    pub cursor: usize,
    /// While sending the chosen reply back: the reason being typed.
    pub reason: Option<TextArea<'static>>,
    /// Error line.
    pub error: Option<String>,
}

impl ReviewForm {
    /// The reply chosen.
    pub fn current(&self) -> Option<&ReviewItem> {
        self.items.get(self.cursor)
    }
}

impl App {
    /// Open the review of the slip shown: its replies waiting for review (none: say so).
    pub(crate) fn open_review(&mut self) -> Effect {
        if self.screen == Screen::Inbox {
            // The row does not hold the replies: read the slip, then open it (v from the
            // list, as from the slip).
            return match self.list.current() {
                Some(r) => Effect::OpenReview(r.id),
                None => Effect::None,
            };
        }
        match self.detail.clone() {
            Some(d) => self.open_review_on(&d),
            None => Effect::None,
        }
    }

    /// Open the review of `d`: its replies waiting for review (none: say so).
    pub(crate) fn open_review_on(&mut self, d: &SlipDetail) -> Effect {
        let items = waiting(d);
        if items.is_empty() {
            self.message(Msg::NothingToReview.text(self.lang), true);
            return Effect::None;
        }
        self.popup = Some(Popup::Review(ReviewForm {
            target: (d.slip.id, Some(d.slip.version)),
            body: d.slip.body.clone(),
            items,
            cursor: 0,
            reason: None,
            error: None,
        }));
        Effect::None
    }
}

fn waiting(d: &SlipDetail) -> Vec<ReviewItem> {
    d.replies
        .iter()
        .filter(|r| r.state == ReplyState::Draft && d.slip.sections.contains(&r.section))
        .map(|r| ReviewItem {
            section: r.section.clone(),
            text: r.text.clone(),
            outcome: r.outcome.clone(),
            by: r.by.clone(),
            returned: returned(d, &r.section),
        })
        .collect()
}

impl Form for ReviewForm {
    fn mode(&self) -> Mode {
        if self.reason.is_some() {
            Mode::ReviewReason
        } else {
            Mode::Review
        }
    }

    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        self.reason.as_mut()
    }

    fn update(&mut self, action: Action, cx: &Ctx<'_>) -> Step {
        let n = self.items.len();
        let Some(item) = self.current().cloned() else {
            return Step::Close;
        };
        match (self.reason.is_some(), action) {
            (false, Action::Down) => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            (false, Action::Up) => self.cursor = self.cursor.saturating_sub(1),
            (false, Action::Approve) => {
                return Step::Run(Effect::ApproveReply {
                    target: self.target,
                    section: item.section,
                });
            }
            (false, Action::ReturnReply) => {
                self.reason = Some(input("", false));
                self.error = None;
            }
            (false, Action::Back) => return Step::Close,
            (true, Action::Save) => {
                let reason = self.reason.as_ref().map(value).unwrap_or_default();
                if reason.trim().is_empty() {
                    self.error = Some(Msg::ErrReturnNeedsReason.text(cx.lang).into());
                    return Step::Stay;
                }
                return Step::Run(Effect::ReturnReply {
                    target: self.target,
                    section: item.section,
                    reason: reason.trim().to_string(),
                });
            }
            (true, Action::Back) => {
                self.reason = None;
                self.error = None;
            }
            _ => {}
        }
        Step::Stay
    }

    fn set_error(&mut self, msg: String) -> Option<String> {
        self.error = Some(msg);
        None
    }

    fn target(&self) -> Option<(i64, Option<i64>)> {
        Some(self.target)
    }

    fn follow(&mut self, id: i64, version: i64) {
        if self.target.0 == id {
            self.target.1 = Some(version);
        }
    }

    fn unsaved(&self) -> bool {
        self.reason
            .as_ref()
            .is_some_and(|r| !value(r).trim().is_empty())
    }
}
