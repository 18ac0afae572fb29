//! The inbox's tabs as plain values: which slips each one holds, and the words that name
//! it. Both front ends read them: the TUI shows them, `list --status` takes their names.

use crate::i18n::{Lang, Msg};

use super::{ReplyState, Status};

/// The inbox tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// 未処理: new slips.
    New,
    /// 依頼中: assigned.
    Assigned,
    /// 期限超過: open past due.
    Overdue,
    /// 回答済.
    Answered,
    /// 完了: published or no reply.
    Closed,
    /// Everything.
    All,
    /// 承認待ち: a liaison's reply waits for the team (with review on).
    Review,
    /// 差し戻し: the team sent the liaison's reply back (liaison mode, review on).
    Returned,
}

impl Tab {
    /// Every tab, for reading a tab's name.
    pub const EVERY: [Tab; 8] = [
        Tab::New,
        Tab::Assigned,
        Tab::Overdue,
        Tab::Answered,
        Tab::Closed,
        Tab::All,
        Tab::Review,
        Tab::Returned,
    ];

    /// The tab a word names, in either language (`完了`, `依頼中`, `overdue`), so that
    /// `list --status` takes the words the screen shows.
    pub fn parse(word: &str) -> Option<Tab> {
        let w = crate::text::nfkc(word.trim()).to_lowercase();
        Tab::EVERY.into_iter().find(|t| {
            [Lang::Ja, Lang::En]
                .iter()
                .any(|l| t.msg().text(*l).to_lowercase() == w)
        })
    }

    /// The tabs of the full inbox.
    pub const OFFICE: [Tab; 6] = [
        Tab::New,
        Tab::Assigned,
        Tab::Overdue,
        Tab::Answered,
        Tab::Closed,
        Tab::All,
    ];
    /// The tabs of the full inbox when replies are reviewed (承認待ち last, so the number
    /// keys stay where they were).
    pub const OFFICE_REVIEW: [Tab; 7] = [
        Tab::New,
        Tab::Assigned,
        Tab::Overdue,
        Tab::Answered,
        Tab::Closed,
        Tab::All,
        Tab::Review,
    ];
    /// The tabs a liaison sees.
    pub const LIAISON: [Tab; 4] = [Tab::Assigned, Tab::Overdue, Tab::Answered, Tab::All];
    /// The tabs a liaison sees when replies are reviewed.
    pub const LIAISON_REVIEW: [Tab; 5] = [
        Tab::Assigned,
        Tab::Overdue,
        Tab::Answered,
        Tab::All,
        Tab::Returned,
    ];

    /// The tab's label.
    pub fn msg(self) -> Msg {
        match self {
            Tab::New => Msg::TabNew,
            Tab::Assigned => Msg::TabAssigned,
            Tab::Overdue => Msg::TabOverdue,
            Tab::Answered => Msg::TabAnswered,
            Tab::Closed => Msg::TabClosed,
            Tab::All => Msg::TabAll,
            Tab::Review => Msg::TabReview,
            Tab::Returned => Msg::TabReturned,
        }
    }

    /// The statuses the tab holds (none: any status).
    pub fn statuses(self) -> Vec<Status> {
        match self {
            Tab::New => vec![Status::New],
            Tab::Assigned => vec![Status::Assigned],
            Tab::Answered => vec![Status::Answered],
            Tab::Closed => vec![Status::Published, Status::NoReply],
            Tab::Overdue | Tab::All | Tab::Review | Tab::Returned => vec![],
        }
    }

    /// The day past which the tab's slips are overdue, for the overdue tab only.
    pub fn overdue_on(self, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        (self == Tab::Overdue).then_some(today)
    }

    /// The state of a reply the tab's slips wait on, if the tab is about replies.
    pub fn reply_state(self) -> Option<ReplyState> {
        match self {
            Tab::Review => Some(ReplyState::Draft),
            Tab::Returned => Some(ReplyState::Returned),
            _ => None,
        }
    }
}
