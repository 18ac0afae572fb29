//! The workflow: statuses, the one transition table and its guards, and what triage
//! does to a slip's sections.

use serde::Serialize;

use crate::i18n::{Lang, Msg};

/// Where a slip stands in the workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 受付: entered, not yet triaged.
    New,
    /// 回答依頼中: sections tagged and asked to reply by a due date.
    Assigned,
    /// 回答済: every tagged section has replied.
    Answered,
    /// 公表済: the reply has been published.
    Published,
    /// 回答不要: closed without a reply (thanks, unreadable, no content).
    NoReply,
}

impl Status {
    /// Every status in workflow order.
    pub const ALL: [Status; 5] = [
        Status::New,
        Status::Assigned,
        Status::Answered,
        Status::Published,
        Status::NoReply,
    ];

    /// The code stored in the database and used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Assigned => "assigned",
            Status::Answered => "answered",
            Status::Published => "published",
            Status::NoReply => "no_reply",
        }
    }

    /// The message key of the status's label.
    pub fn msg(self) -> Msg {
        match self {
            Status::New => Msg::StatusNew,
            Status::Assigned => Msg::StatusAssigned,
            Status::Answered => Msg::StatusAnswered,
            Status::Published => Msg::StatusPublished,
            Status::NoReply => Msg::StatusNoReply,
        }
    }

    /// The label in `lang` (受付, 回答依頼中…).
    pub fn label(self, lang: Lang) -> &'static str {
        self.msg().text(lang)
    }

    /// Parse a code (`no_reply`, `no-reply`) or a label in either language (`回答済`, `Answered`).
    pub fn parse(s: &str) -> Option<Status> {
        let t = s.trim().to_lowercase().replace(['-', ' '], "_");
        Status::ALL.into_iter().find(|st| {
            st.code() == t
                || st.label(Lang::Ja) == s.trim()
                || st.label(Lang::En).to_lowercase().replace(' ', "_") == t
        })
    }

    /// Open: waiting on the office (受付 or 回答依頼中). Only open slips can be overdue.
    pub fn is_open(self) -> bool {
        matches!(self, Status::New | Status::Assigned)
    }

    /// Closed: published or needing no reply; leaving it is a reopening and needs a reason.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Published | Status::NoReply)
    }

    /// The statuses a slip may move to from this one, in the one transition table.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            New => &[Assigned, NoReply],
            Assigned => &[Answered, NoReply],
            Answered => &[Published, Assigned, NoReply],
            Published => &[Assigned],
            NoReply => &[New, Assigned],
        }
    }

    /// Whether leaving this status for `to` is a reopening (needs a reason).
    pub fn is_reopening(self, to: Status) -> bool {
        self.is_closed() || (self == Status::Answered && to == Status::Assigned)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label(crate::i18n::lang()))
    }
}

/// Facts about a slip that decide whether a move is allowed.
#[derive(Clone, Debug, Default)]
pub struct Guard {
    /// How many sections are tagged.
    pub sections: usize,
    /// Tagged sections that have not replied yet (codes).
    pub unreplied: Vec<String>,
    /// Whether a reason was given.
    pub has_reason: bool,
}

/// Why a status change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransitionError {
    /// The pair is not in the table.
    NotAllowed {
        /// Current status.
        from: Status,
        /// Requested status.
        to: Status,
    },
    /// Moving to assigned needs at least one section.
    NeedSections,
    /// Moving to answered needs every section's reply.
    NotAllReplied(Vec<String>),
    /// Reopening needs a reason.
    NeedReason,
}

/// The one place that decides whether a slip may move from `from` to `to`.
pub fn check_transition(from: Status, to: Status, guard: &Guard) -> Result<(), TransitionError> {
    if !from.next().contains(&to) {
        return Err(TransitionError::NotAllowed { from, to });
    }
    if from.is_reopening(to) && !guard.has_reason {
        return Err(TransitionError::NeedReason);
    }
    match to {
        Status::Assigned if guard.sections == 0 => Err(TransitionError::NeedSections),
        Status::Answered if !guard.unreplied.is_empty() => {
            Err(TransitionError::NotAllReplied(guard.unreplied.clone()))
        }
        _ => Ok(()),
    }
}

/// How triage changes the sections tagged on a slip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SectionChange {
    /// Ask these sections too, keeping those already tagged (the usual request).
    Add(Vec<String>),
    /// Stop asking these sections.
    Remove(Vec<String>),
    /// Make the tagged set exactly this.
    Replace(Vec<String>),
}

/// What a [`SectionChange`] would do to one slip, worked out before anything is written
/// so that the TUI can show it and the store can refuse what was not confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionPlan {
    /// Status before.
    pub from: Status,
    /// Status after: 回答済 when every section left has replied, else 回答依頼中.
    pub to: Status,
    /// Tagged sections after the change, existing ones first.
    pub after: Vec<String>,
    /// Sections newly asked.
    pub added: Vec<String>,
    /// Sections no longer asked.
    pub removed: Vec<String>,
    /// Removed sections that had replied. Their replies stay on record, shown as from a
    /// section no longer assigned; removing them needs an explicit confirmation.
    pub removed_replied: Vec<String>,
}

impl SectionPlan {
    /// Whether the plan changes anything but the due date.
    pub fn changes_sections(&self) -> bool {
        !self.added.is_empty() || !self.removed.is_empty() || self.from != self.to
    }

    /// Whether a person should see the plan before it is carried out: it removes a
    /// section that replied, or sends an answered slip back to waiting for replies.
    pub fn needs_confirmation(&self) -> bool {
        !self.removed_replied.is_empty() || (self.from == Status::Answered && self.to != self.from)
    }
}

/// Work out a section change on a slip in `status` tagged with `current`, where the
/// sections in `replied` have replied. The one place that says what triage does.
pub fn plan_sections(
    status: Status,
    current: &[String],
    replied: &[String],
    change: &SectionChange,
) -> Result<SectionPlan, TransitionError> {
    if status.is_closed() {
        return Err(TransitionError::NotAllowed {
            from: status,
            to: Status::Assigned,
        });
    }
    let mut after: Vec<String> = match change {
        SectionChange::Add(add) => {
            let mut v = current.to_vec();
            v.extend(add.iter().cloned());
            v
        }
        SectionChange::Remove(remove) => current
            .iter()
            .filter(|c| !remove.contains(c))
            .cloned()
            .collect(),
        SectionChange::Replace(set) => {
            let mut v: Vec<String> = current
                .iter()
                .filter(|c| set.contains(c))
                .cloned()
                .collect();
            v.extend(set.iter().cloned());
            v
        }
    };
    let mut seen = std::collections::HashSet::new();
    after.retain(|c| seen.insert(c.clone()));
    if after.is_empty() {
        return Err(TransitionError::NeedSections);
    }
    let added: Vec<String> = after
        .iter()
        .filter(|c| !current.contains(c))
        .cloned()
        .collect();
    let removed: Vec<String> = current
        .iter()
        .filter(|c| !after.contains(c))
        .cloned()
        .collect();
    let removed_replied = removed
        .iter()
        .filter(|c| replied.contains(c))
        .cloned()
        .collect();
    let to = if after.iter().all(|c| replied.contains(c)) {
        Status::Answered
    } else {
        Status::Assigned
    };
    Ok(SectionPlan {
        from: status,
        to,
        after,
        added,
        removed,
        removed_replied,
    })
}

/// Where one section's reply stands when the team reviews replies (`review_replies`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyState {
    /// 承認待ち: written by the section's liaison, waiting for the team.
    Draft,
    /// 承認済: counts (the team approved it, or wrote it).
    Approved,
    /// 差し戻し: the team sent it back with a reason; the liaison writes it again.
    Returned,
}

impl ReplyState {
    /// Every state.
    pub const ALL: [ReplyState; 3] = [
        ReplyState::Draft,
        ReplyState::Approved,
        ReplyState::Returned,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            ReplyState::Draft => "draft",
            ReplyState::Approved => "approved",
            ReplyState::Returned => "returned",
        }
    }

    /// From the stored code (anything else counts, as every reply did before review).
    pub fn from_code(code: &str) -> ReplyState {
        match code {
            "draft" => ReplyState::Draft,
            "returned" => ReplyState::Returned,
            _ => ReplyState::Approved,
        }
    }

    /// The label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ReplyState::Draft => Msg::ReplyDraft,
            ReplyState::Approved => Msg::ReplyApproved,
            ReplyState::Returned => Msg::ReplyReturned,
        }
        .text(lang)
    }
}

/// What is done to a section's reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyAct {
    /// The team writes it (on paper from the section, or its own): it counts at once.
    TeamWrites,
    /// The section's liaison writes it: with review on, it waits for the team.
    LiaisonWrites {
        /// `review_replies` is on.
        review: bool,
    },
    /// The team approves it.
    Approve,
    /// The team sends it back (with a reason).
    Return,
}

/// Why a reply step was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyStepError {
    /// There is no reply to approve or return.
    NoReply,
    /// Only a reply waiting for review can be approved or sent back.
    NotWaiting(ReplyState),
}

/// The one table of reply steps: the state a reply is in after `act`, from `from`
/// (`None`: no reply yet).
pub fn reply_step(from: Option<ReplyState>, act: ReplyAct) -> Result<ReplyState, ReplyStepError> {
    use ReplyState::*;
    match (from, act) {
        (_, ReplyAct::TeamWrites) => Ok(Approved),
        (_, ReplyAct::LiaisonWrites { review: false }) => Ok(Approved),
        (_, ReplyAct::LiaisonWrites { review: true }) => Ok(Draft),
        (None, ReplyAct::Approve | ReplyAct::Return) => Err(ReplyStepError::NoReply),
        (Some(Draft), ReplyAct::Approve) => Ok(Approved),
        (Some(Draft), ReplyAct::Return) => Ok(Returned),
        (Some(s), ReplyAct::Approve | ReplyAct::Return) => Err(ReplyStepError::NotWaiting(s)),
    }
}
