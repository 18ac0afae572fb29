//! The domain: slips, their statuses and the workflow rules. Pure: no I/O.

pub mod catalog;
pub mod date;
mod event;
mod tab;
mod workflow;

pub use catalog::{Catalog, UnknownName};
pub use tab::Tab;

/// Lengths no paper slip needs, in characters: past them a text is a mistake (a whole
/// file pasted, a cell run on), refused with the limit named.
pub mod limits {
    /// A slip's text (a slip holds a few hundred; a letter typed in, a few thousand).
    pub const BODY: usize = 5_000;
    /// A section's reply.
    pub const REPLY: usize = 5_000;
    /// A summary (要旨).
    pub const SUMMARY: usize = 300;
    /// A section's, floor's or kind's name.
    pub const NAME: usize = 40;
    /// Fiscal years side by side in one report (`report --years`).
    pub const MAX_REPORT_YEARS: i32 = 20;

    /// `Err((limit, length))` when `text` is longer than `limit` characters.
    pub fn check(text: &str, limit: usize) -> Result<(), (usize, usize)> {
        let n = text.chars().count();
        if n > limit { Err((limit, n)) } else { Ok(()) }
    }
}
pub use event::*;
pub use workflow::*;

use chrono::NaiveDate;
use serde::Serialize;

use crate::i18n::Lang;

/// What a tally groups by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// 課: a slip counts under each of its sections.
    Section,
    /// 部: a slip counts once under each department of its sections.
    Department,
    /// 階.
    Floor,
    /// 種別.
    Kind,
    /// 状況.
    Status,
    /// 対応区分: each reply counts under what it led to (未設定 when none was recorded);
    /// slips without a reply are not in it.
    Outcome,
}

impl Dimension {
    /// Every dimension, in menu order.
    pub const ALL: [Dimension; 6] = [
        Dimension::Section,
        Dimension::Department,
        Dimension::Floor,
        Dimension::Kind,
        Dimension::Status,
        Dimension::Outcome,
    ];

    /// Parse `section`, `department`, `floor`, `kind`, `status`, `outcome` (or 課, 部, 階,
    /// 種別, 状況, 対応区分).
    pub fn parse(s: &str) -> Option<Dimension> {
        match s.trim().to_lowercase().as_str() {
            "section" | "sections" | "課" | "担当課" => Some(Dimension::Section),
            "department" | "dept" | "部" => Some(Dimension::Department),
            "floor" | "階" => Some(Dimension::Floor),
            "kind" | "種別" => Some(Dimension::Kind),
            "status" | "状況" => Some(Dimension::Status),
            "outcome" | "outcomes" | "対応区分" | "対応" => Some(Dimension::Outcome),
            _ => None,
        }
    }

    /// Whether a slip can count under several keys (so slips and items differ).
    pub fn is_multi(self) -> bool {
        matches!(
            self,
            Dimension::Section | Dimension::Department | Dimension::Outcome
        )
    }
}

/// A named entry of a seed list: a floor, a kind or a section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Stable ASCII code.
    pub code: String,
    /// Japanese name.
    pub name: String,
    /// English name.
    pub name_en: String,
}

impl Label {
    /// The name in `lang` (the Japanese one when no English name is set).
    pub fn display(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name,
        }
    }

    /// Whether `s` names this entry by code or either name (case-insensitive, NFKC).
    pub fn matches(&self, s: &str) -> bool {
        let s = crate::text::nfkc(s.trim());
        self.code.eq_ignore_ascii_case(&s)
            || crate::text::nfkc(&self.name) == s
            || self.name_en.eq_ignore_ascii_case(&s)
    }
}

/// The display name of `code` among `labels` in `lang` (the code itself if unknown).
pub fn label_name<'a>(
    labels: impl IntoIterator<Item = &'a Label>,
    code: &str,
    lang: Lang,
) -> String {
    labels
        .into_iter()
        .find(|l| l.code == code)
        .map_or_else(|| code.to_string(), |l| l.display(lang).to_string())
}

/// A section (課) that answers slips.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Code and names.
    #[serde(flatten)]
    pub label: Label,
    /// Department (部); empty for sections directly under the ward head.
    pub department: String,
    /// Department's English name.
    pub department_en: String,
    /// Whether new slips can be assigned to it.
    pub active: bool,
    /// Where requests and reminders are mailed; `None`: listed, not mailed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Its duties (事務分掌) in a visitor's words (住民票, 引っ越し …): triage suggests the
    /// section for a slip that holds one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<String>,
}

/// The longest duty word kept (a phrase, not a sentence).
pub const DUTY_CHARS: usize = 30;

/// Whether `word` can be a duty: one line, not blank, with a letter or digit (what the
/// text index compares), at most [`DUTY_CHARS`] characters.
pub fn duty_ok(word: &str) -> bool {
    let w = word.trim();
    !w.is_empty()
        && !w.contains(['\n', '\r'])
        && w.chars().count() <= DUTY_CHARS
        && w.chars().any(char::is_alphanumeric)
}

/// Duty words as kept: trimmed, NFC, the ones that cannot be duties left out, each once
/// (compared as the text index compares them).
pub fn clean_duties(words: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    words
        .iter()
        .map(|w| crate::text::normalize_body(w.trim()))
        .filter(|w| duty_ok(w) && seen.insert(crate::search::folded(w)))
        .collect()
}

impl Section {
    /// The department in `lang`, or the section's own name when it has none.
    pub fn department_display(&self, lang: Lang) -> &str {
        match (lang, self.department.is_empty()) {
            (_, true) => self.label.display(lang),
            (Lang::En, false) if !self.department_en.is_empty() => &self.department_en,
            _ => &self.department,
        }
    }
}

/// A slip as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Slip {
    /// 受付番号.
    pub id: i64,
    /// The day it was collected from the box.
    pub received_on: NaiveDate,
    /// Floor code.
    pub floor: String,
    /// Kind code.
    pub kind: String,
    /// The text as written (NFC).
    pub body: String,
    /// Optional short summary (要旨) used when publishing.
    pub summary: Option<String>,
    /// Workflow status.
    pub status: Status,
    /// Reply due date, once assigned.
    pub due_on: Option<NaiveDate>,
    /// The slip this one duplicates, if marked.
    pub duplicate_of: Option<i64>,
    /// Tagged section codes, in table order.
    pub sections: Vec<String>,
    /// Creation time (local, `YYYY-MM-DD HH:MM:SS`).
    pub created_at: String,
    /// Last change time.
    pub updated_at: String,
    /// Optimistic-locking version, bumped by every change.
    pub version: i64,
    /// Kept off the public reply list.
    pub no_publish: bool,
    /// Text the team marked private: masked wherever it appears in public output.
    pub private: Vec<String>,
    /// The stored marks could not be read: the slip stays off every public list (masking
    /// fails closed) and no mark is written over them until they are cleared.
    #[serde(default)]
    pub private_unreadable: bool,
    /// Voided (取消): entered by mistake. It leaves every list and count but the voided
    /// view, keeps its history, and can be restored.
    pub voided: bool,
}

/// The one rule for overdue: still open (受付 or 回答依頼中) on `today`, past its due date.
pub fn is_overdue(status: Status, due_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    status.is_open() && due_on.is_some_and(|d| d < today)
}

impl Slip {
    /// Open and past its due date on `today` ([`is_overdue`]).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        is_overdue(self.status, self.due_on, today)
    }
}

/// A section's reply to a slip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reply {
    /// Section code.
    pub section: String,
    /// The reply text.
    pub text: String,
    /// The day it was given.
    pub replied_on: NaiveDate,
    /// Who entered it.
    pub by: String,
    /// What it led to (対応区分 code); `None` is 未設定 (every reply written before
    /// outcomes existed).
    pub outcome: Option<String>,
    /// Whether it counts yet (see [`ReplyState`]).
    pub state: ReplyState,
    /// Why the team sent it back, while it is returned.
    pub return_reason: Option<String>,
}

/// Names of the codes a slip holds, in a language (the store's catalogue, the TUI's copy).
pub trait Names {
    /// A section's name.
    fn section_name(&self, code: &str, lang: Lang) -> String;
    /// A floor's name.
    fn floor_name(&self, code: &str, lang: Lang) -> String;
    /// A kind's name.
    fn kind_name(&self, code: &str, lang: Lang) -> String;
}

/// A slip with everything the detail view shows.
#[derive(Clone, Debug, Serialize)]
pub struct SlipDetail {
    /// The slip.
    #[serde(flatten)]
    pub slip: Slip,
    /// Replies, one per section at most.
    pub replies: Vec<Reply>,
    /// The audit log, oldest first.
    pub history: Vec<Event>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    /// Every (from, to) pair, with what the table says.
    #[test]
    fn transition_table_covers_every_pair() {
        let allowed = [
            (New, Assigned),
            (New, NoReply),
            (Assigned, Answered),
            (Assigned, NoReply),
            (Answered, Published),
            (Answered, Assigned),
            (Answered, NoReply),
            (Published, Assigned),
            (NoReply, New),
            (NoReply, Assigned),
        ];
        let ok_guard = Guard {
            sections: 1,
            unreplied: vec![],
            has_reason: true,
        };
        for from in Status::ALL {
            for to in Status::ALL {
                let want = allowed.contains(&(from, to));
                let got = check_transition(from, to, &ok_guard);
                assert_eq!(got.is_ok(), want, "{from:?} -> {to:?}: {got:?}");
                if !want {
                    assert_eq!(got, Err(TransitionError::NotAllowed { from, to }));
                }
            }
        }
    }

    #[test]
    fn guards() {
        let g = Guard::default();
        assert_eq!(
            check_transition(New, Assigned, &g),
            Err(TransitionError::NeedSections)
        );
        let g = Guard {
            sections: 2,
            unreplied: vec!["kumin".into()],
            has_reason: false,
        };
        assert_eq!(
            check_transition(Assigned, Answered, &g),
            Err(TransitionError::NotAllReplied(vec!["kumin".into()]))
        );
        assert_eq!(
            check_transition(Published, Assigned, &g),
            Err(TransitionError::NeedReason)
        );
        assert_eq!(
            check_transition(NoReply, New, &g),
            Err(TransitionError::NeedReason)
        );
        assert!(
            check_transition(New, NoReply, &g).is_ok(),
            "closing needs no reason"
        );
    }

    /// Every (state, act) pair of the reply table, with what it gives.
    #[test]
    fn reply_table_covers_every_pair() {
        use super::workflow::{ReplyAct, ReplyState, ReplyStepError, reply_step};
        use ReplyState::*;
        let acts = [
            ReplyAct::TeamWrites,
            ReplyAct::LiaisonWrites { review: false },
            ReplyAct::LiaisonWrites { review: true },
            ReplyAct::Approve,
            ReplyAct::Return,
        ];
        let froms = [None, Some(Draft), Some(Approved), Some(Returned)];
        for from in froms {
            for act in acts {
                let want = match (from, act) {
                    (_, ReplyAct::TeamWrites | ReplyAct::LiaisonWrites { review: false }) => {
                        Ok(Approved)
                    }
                    (_, ReplyAct::LiaisonWrites { review: true }) => Ok(Draft),
                    (None, _) => Err(ReplyStepError::NoReply),
                    (Some(Draft), ReplyAct::Approve) => Ok(Approved),
                    (Some(Draft), ReplyAct::Return) => Ok(Returned),
                    (Some(s), _) => Err(ReplyStepError::NotWaiting(s)),
                };
                assert_eq!(reply_step(from, act), want, "{from:?} {act:?}");
            }
        }
        for s in ReplyState::ALL {
            assert_eq!(ReplyState::from_code(s.code()), s);
        }
    }

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    /// Adding asks one more section and keeps the others and their replies.
    #[test]
    fn adding_a_section_keeps_the_others() {
        let p = plan_sections(
            Answered,
            &v(&["kumin", "jido"]),
            &v(&["kumin", "jido"]),
            &SectionChange::Add(v(&["hoken"])),
        )
        .unwrap();
        assert_eq!(p.after, v(&["kumin", "jido", "hoken"]));
        assert_eq!(p.added, v(&["hoken"]));
        assert!(p.removed.is_empty());
        assert_eq!(p.to, Assigned, "hoken has yet to reply");
        assert!(
            p.needs_confirmation(),
            "an answered slip goes back to waiting"
        );
    }

    /// Removing the last unreplied section makes the slip answered.
    #[test]
    fn removing_the_last_unreplied_section_answers_the_slip() {
        let p = plan_sections(
            Assigned,
            &v(&["kumin", "jido"]),
            &v(&["kumin"]),
            &SectionChange::Remove(v(&["jido"])),
        )
        .unwrap();
        assert_eq!(p.to, Answered);
        assert!(p.removed_replied.is_empty());
        assert!(!p.needs_confirmation());
    }

    #[test]
    fn replacing_names_the_replies_it_would_detach() {
        let p = plan_sections(
            Answered,
            &v(&["kumin", "jido"]),
            &v(&["kumin", "jido"]),
            &SectionChange::Replace(v(&["hoken"])),
        )
        .unwrap();
        assert_eq!(p.removed, v(&["kumin", "jido"]));
        assert_eq!(p.removed_replied, v(&["kumin", "jido"]));
        assert!(p.needs_confirmation());
        assert_eq!(
            plan_sections(
                Published,
                &v(&["kumin"]),
                &[],
                &SectionChange::Add(v(&["jido"]))
            ),
            Err(TransitionError::NotAllowed {
                from: Published,
                to: Assigned
            })
        );
        assert_eq!(
            plan_sections(
                Assigned,
                &v(&["kumin"]),
                &[],
                &SectionChange::Remove(v(&["kumin"]))
            ),
            Err(TransitionError::NeedSections)
        );
    }

    #[test]
    fn a_text_change_shows_where_it_changed() {
        let old = "三階の待合室にある椅子が足りません。午前中はいつも立って待っています。";
        let new = "三階の待合室にある椅子が足りません。午後はいつも立って待っています。";
        let (o, n) = text_change(old, new);
        assert!(o.contains("午前中") && n.contains("午後"), "{o} / {n}");
        assert!(o.starts_with('…') && n.starts_with('…'));
        assert_ne!(o, n);
    }

    #[test]
    fn status_parsing() {
        for st in Status::ALL {
            assert_eq!(Status::parse(st.code()), Some(st));
            assert_eq!(Status::parse(st.label(Lang::Ja)), Some(st));
            assert_eq!(Status::parse(st.label(Lang::En)), Some(st));
        }
        assert_eq!(Status::parse("no-reply"), Some(NoReply));
        assert_eq!(Status::parse("done"), None);
    }
}
