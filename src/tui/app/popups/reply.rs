//! Sections' replies to one slip: one draft per section, kept while moving between them.

use super::{Ctx, Form, Step};
use crate::tui::keymap::Mode;
use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::super::*;
use super::*;
use crate::domain::{SlipDetail, Status};
use crate::i18n::{Lang, Msg, fill};
use crate::store::OutcomeChoice;
use crate::tui::keymap::Action;

/// One section's reply being written: what is on record and the draft.
#[derive(Debug)]
pub struct ReplyDraft {
    /// Section code.
    pub section: String,
    /// The reply on record (text, date), which the draft starts from.
    pub existing: Option<(String, NaiveDate)>,
    /// The draft.
    pub text: TextArea<'static>,
    /// The outcome (対応区分) on record.
    pub existing_outcome: Option<String>,
    /// The outcome chosen (Ctrl-O steps through the list and back to none).
    pub outcome: Option<String>,
    /// Where the reply on record stands: approved, waiting for review, or sent back.
    pub existing_state: Option<crate::domain::ReplyState>,
    /// Why the team sent it back, when it did.
    pub return_reason: Option<String>,
}

impl ReplyDraft {
    /// Whether the draft differs from what is on record.
    pub fn is_dirty(&self) -> bool {
        let now = value(&self.text);
        let was = self.existing.as_ref().map_or("", |(t, _)| t.as_str());
        now.trim() != was.trim() || self.outcome != self.existing_outcome
    }

    /// Step the outcome to the next of `codes`, and after the last back to none.
    pub fn next_outcome(&mut self, codes: &[String]) {
        let at = self
            .outcome
            .as_ref()
            .and_then(|o| codes.iter().position(|c| c == o));
        self.outcome = match at {
            None => codes.first().cloned(),
            Some(i) => codes.get(i + 1).cloned(),
        };
    }
}

/// Sections' replies to one slip: one draft per section, kept while moving between them.
#[derive(Debug)]
pub struct ReplyForm {
    /// The slip and its version.
    /// The slip's text, shown above the drafts.
    pub body: String,
    pub target: (i64, Option<i64>),
    /// One draft per section that may reply here (sections still to reply first).
    pub drafts: Vec<ReplyDraft>,
    /// The section shown.
    pub cursor: usize,
    /// Error line.
    pub error: Option<String>,
    /// Esc pressed once with unsaved drafts.
    pub confirm_discard: bool,
    /// Templates and past replies to similar slips, to insert (Ctrl-T).
    pub aids: Vec<ReplyAid>,
    /// The aid chosen (Ctrl-N steps) among those shown for the current section.
    pub aid_cursor: usize,
    /// Ctrl-X was pressed once on a template: a second press removes it.
    pub confirm_remove: Option<i64>,
    /// Just after Ctrl-O: the outcomes (対応区分) numbered on the outcome line, so a
    /// number picks one (0: none) as the sheet's drop-down does; any other key ends it.
    pub picking: Option<Vec<String>>,
}

/// A text the reply form offers to insert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyAid {
    /// The section it belongs to (a template's, or the one that replied).
    pub section: String,
    /// A template (its title), or a past reply (the slip it answered).
    pub source: AidSource,
    /// The text.
    pub text: String,
}

/// Where a [`ReplyAid`] comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AidSource {
    /// A template (定型文) with this title (and its number, to remove it).
    Template(String, i64),
    /// The reply to this similar slip.
    Past(i64),
}

impl ReplyForm {
    /// The aids offered for the draft shown: its section's templates first, then past
    /// replies to similar slips (the team sees every section's; a liaison only theirs).
    pub fn aids_shown(&self) -> Vec<&ReplyAid> {
        let section = &self.current().section;
        let mut v: Vec<&ReplyAid> = self
            .aids
            .iter()
            .filter(|a| matches!(a.source, AidSource::Template(..)) && &a.section == section)
            .collect();
        v.extend(
            self.aids
                .iter()
                .filter(|a| matches!(a.source, AidSource::Past(_))),
        );
        v
    }

    /// The draft shown.
    pub fn current(&self) -> &ReplyDraft {
        &self.drafts[self.cursor.min(self.drafts.len() - 1)]
    }

    /// Whether any draft holds text that saving would keep.
    pub fn is_dirty(&self) -> bool {
        self.drafts.iter().any(ReplyDraft::is_dirty)
    }
}

impl App {
    pub(crate) fn open_reply(&mut self) -> Effect {
        match self.screen {
            Screen::Detail => match self.detail.clone() {
                Some(d) => self.open_reply_on(&d),
                None => Effect::None,
            },
            // The inbox row does not hold the replies' text: load the slip first, so
            // the form opens the same way from both places (pre-filled, ✓ shown).
            _ => match self.list.current() {
                Some(r) => match self.reply_refusal(r.status, &r.sections) {
                    Some(msg) => {
                        self.message(msg, true);
                        Effect::None
                    }
                    None => Effect::OpenReply(r.id),
                },
                None => Effect::None,
            },
        }
    }

    /// Why a reply cannot be written to a slip in `status` with `sections`, if it cannot.
    pub(crate) fn reply_refusal(&self, status: Status, sections: &[String]) -> Option<String> {
        let lang = self.lang;
        if status.is_closed() {
            let msg = if self.liaison.is_some() {
                Msg::ErrReplyClosedLiaison
            } else {
                Msg::ErrReplyClosed
            };
            return Some(fill(msg, lang, &[&status.label(lang)]));
        }
        let mine = match &self.liaison {
            Some(code) => sections.contains(code),
            None => !sections.is_empty(),
        };
        (!mine).then(|| Msg::ErrReplyNoSection.text(lang).to_string())
    }

    /// Open the reply form on `d`: one draft per section the user may reply for,
    /// each pre-filled with the reply on record.
    pub(crate) fn open_reply_on(&mut self, d: &SlipDetail) -> Effect {
        if let Some(msg) = self.reply_refusal(d.slip.status, &d.slip.sections) {
            self.message(msg, true);
            return Effect::None;
        }
        let mut sections: Vec<String> = match &self.liaison {
            Some(code) => d
                .slip
                .sections
                .iter()
                .filter(|s| *s == code)
                .cloned()
                .collect(),
            None => d.slip.sections.clone(),
        };
        // Sections still to reply first.
        sections.sort_by_key(|s| d.replies.iter().any(|r| &r.section == s));
        let drafts = sections
            .into_iter()
            .map(|section| {
                let on_record = d.replies.iter().find(|r| r.section == section);
                let existing = on_record.map(|r| (r.text.clone(), r.replied_on));
                let existing_outcome = on_record.and_then(|r| r.outcome.clone());
                let text = input(existing.as_ref().map_or("", |(t, _)| t.as_str()), true);
                ReplyDraft {
                    section,
                    existing,
                    text,
                    outcome: existing_outcome.clone(),
                    existing_outcome,
                    existing_state: on_record.map(|r| r.state),
                    return_reason: on_record.and_then(|r| r.return_reason.clone()),
                }
            })
            .collect();
        self.popup = Some(Popup::Reply(ReplyForm {
            body: d.slip.body.clone(),
            target: (d.slip.id, Some(d.slip.version)),
            drafts,
            cursor: 0,
            error: None,
            confirm_discard: false,
            picking: None,
            aids: vec![],
            aid_cursor: 0,
            confirm_remove: None,
        }));
        // The section's templates and past replies to slips like this one.
        Effect::LoadReplyAids(d.slip.id)
    }
}

/// The reply form's steps that [`Form::update`] hands its actions to.
impl ReplyForm {
    /// The template or earlier reply under the aid cursor, into the draft.
    fn insert_aid(&mut self) {
        let text = self
            .aids_shown()
            .get(self.aid_cursor)
            .map(|a| a.text.clone());
        if let (Some(text), Some(ta)) = (text, Form::input(self)) {
            ta.insert_str(text);
            self.confirm_discard = false;
        }
    }

    /// The template under the aid cursor removed, asked first (a second press removes it).
    fn remove_template(&mut self, lang: Lang) -> Step {
        let chosen = self
            .aids_shown()
            .get(self.aid_cursor)
            .map(|a| a.source.clone());
        match chosen {
            Some(AidSource::Template(_, id)) if self.confirm_remove == Some(id) => {
                self.confirm_remove = None;
                return Step::Run(Effect::RemoveTemplate {
                    id,
                    for_slip: self.target.0,
                });
            }
            Some(AidSource::Template(title, id)) => {
                self.confirm_remove = Some(id);
                self.error = Some(fill(Msg::ConfirmRemoveTemplate, lang, &[&title]));
            }
            _ => self.error = Some(Msg::NotATemplate.text(lang).into()),
        }
        Step::Stay
    }

    /// The current draft kept as a template of its section (not an empty one).
    fn save_template(&mut self, lang: Lang) -> Step {
        let d = self.current();
        let text = value(&d.text);
        if text.trim().is_empty() {
            self.error = Some(Msg::ErrEmptyReply.text(lang).into());
            return Step::Stay;
        }
        Step::Run(Effect::AddTemplate {
            section: d.section.clone(),
            text,
            for_slip: self.target.0,
        })
    }

    /// Every changed draft saved: refused when one was emptied, or when nothing changed.
    fn save(&mut self, cx: &Ctx<'_>) -> Step {
        let lang = cx.lang;
        if let Some(d) = self
            .drafts
            .iter()
            .find(|d| d.is_dirty() && value(&d.text).trim().is_empty())
        {
            let name = cx.catalog.section_name(&d.section, lang);
            self.error = Some(fill(Msg::ErrEmptyReplyOf, lang, &[&name]));
            return Step::Stay;
        }
        let replies = self.changed_replies();
        if replies.is_empty() {
            self.error = Some(
                if value(&self.current().text).trim().is_empty() {
                    Msg::ErrEmptyReply
                } else {
                    Msg::ReplyUnchanged
                }
                .text(lang)
                .into(),
            );
            return Step::Stay;
        }
        Step::Run(Effect::Reply {
            target: self.target,
            replies,
        })
    }

    /// The drafts that changed, as replies to save (the outcome kept, set or cleared).
    fn changed_replies(&self) -> Vec<ReplyToSave> {
        self.drafts
            .iter()
            .filter(|d| d.is_dirty())
            .map(|d| ReplyToSave {
                section: d.section.clone(),
                text: value(&d.text),
                replaces: d.existing.is_some(),
                outcome: match &d.outcome {
                    _ if d.outcome == d.existing_outcome => OutcomeChoice::Keep,
                    Some(o) => OutcomeChoice::Set(o.clone()),
                    None => OutcomeChoice::Clear,
                },
            })
            .collect()
    }
}

impl Form for ReplyForm {
    fn mode(&self) -> Mode {
        Mode::Reply
    }

    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        let i = self.cursor.min(self.drafts.len().saturating_sub(1));
        self.drafts.get_mut(i).map(|d| &mut d.text)
    }

    fn multiline(&self) -> bool {
        true
    }

    fn take_key(&mut self, ev: &KeyEvent) -> bool {
        let Some(codes) = self.picking.take() else {
            return false;
        };
        let KeyCode::Char(c) = ev.code else {
            return false;
        };
        let Some(n) = c.to_digit(10).filter(|_| ev.modifiers.is_empty()) else {
            return false;
        };
        let i = self.cursor.min(self.drafts.len().saturating_sub(1));
        let Some(d) = self.drafts.get_mut(i) else {
            return false;
        };
        match n {
            0 => d.outcome = None,
            n => match codes.get(n as usize - 1) {
                Some(code) => d.outcome = Some(code.clone()),
                None => {
                    self.picking = Some(codes);
                    return true;
                }
            },
        }
        true
    }

    fn update(&mut self, action: Action, cx: &Ctx<'_>) -> Step {
        let lang = cx.lang;
        if action != Action::Back {
            self.confirm_discard = false;
        }
        let n = self.drafts.len().max(1);
        self.picking = None;
        match action {
            Action::NextField => {
                self.cursor = (self.cursor + 1) % n;
                self.aid_cursor = 0;
            }
            Action::NextAid => {
                let shown = self.aids_shown().len();
                if shown > 0 {
                    self.aid_cursor = (self.aid_cursor + 1) % shown;
                }
            }
            Action::InsertAid => self.insert_aid(),
            Action::RemoveTemplate => return self.remove_template(lang),
            Action::SaveTemplate => return self.save_template(lang),
            Action::Outcome => {
                let codes: Vec<String> =
                    cx.catalog.outcomes.iter().map(|o| o.code.clone()).collect();
                let i = self.cursor.min(n - 1);
                if let Some(d) = self.drafts.get_mut(i) {
                    d.next_outcome(&codes);
                }
                self.picking = Some(codes);
                return Step::Stay;
            }
            Action::PrevField => self.cursor = (self.cursor + n - 1) % n,
            Action::Save => return self.save(cx),
            Action::Back => {
                if self.is_dirty() && !self.confirm_discard {
                    self.confirm_discard = true;
                    self.error = Some(Msg::ConfirmDiscard.text(lang).into());
                    return Step::Stay;
                }
                return Step::Close;
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

    fn typed(&mut self) {
        self.confirm_discard = false;
    }

    fn unsaved(&self) -> bool {
        self.is_dirty()
    }
}
