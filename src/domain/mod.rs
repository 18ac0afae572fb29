//! The domain: slips, their statuses and the workflow rules. Pure: no I/O.

pub mod catalog;
pub mod date;

pub use catalog::Catalog;

use chrono::NaiveDate;
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
}

impl Dimension {
    /// Every dimension, in menu order.
    pub const ALL: [Dimension; 5] = [
        Dimension::Section,
        Dimension::Department,
        Dimension::Floor,
        Dimension::Kind,
        Dimension::Status,
    ];

    /// Parse `section`, `department`, `floor`, `kind`, `status` (or 課, 部, 階, 種別, 状況).
    pub fn parse(s: &str) -> Option<Dimension> {
        match s.trim().to_lowercase().as_str() {
            "section" | "sections" | "課" | "担当課" => Some(Dimension::Section),
            "department" | "dept" | "部" => Some(Dimension::Department),
            "floor" | "階" => Some(Dimension::Floor),
            "kind" | "種別" => Some(Dimension::Kind),
            "status" | "状況" => Some(Dimension::Status),
            _ => None,
        }
    }

    /// Whether a slip can count under several keys (so slips and items differ).
    pub fn is_multi(self) -> bool {
        matches!(self, Dimension::Section | Dimension::Department)
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
}

/// One audit-log entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    /// When (local time).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What: `created`, `assigned`, `replied`, `status`, `edited`, `duplicate`.
    pub action: String,
    /// Value before, if any.
    pub old: Option<String>,
    /// Value after, if any.
    pub new: Option<String>,
    /// Free note (reason, section).
    pub note: Option<String>,
}

impl Event {
    /// Label of the action in `lang`.
    pub fn action_label(&self, lang: Lang) -> &str {
        let m = match self.action.as_str() {
            "created" => Msg::ActCreated,
            "assigned" => Msg::ActAssigned,
            "replied" => Msg::ActReplied,
            "status" => Msg::ActStatus,
            "edited" => Msg::ActEdited,
            "duplicate" => Msg::ActDuplicate,
            "publication" => Msg::ActPublication,
            "private" => Msg::ActPrivate,
            "imported" => Msg::ActImported,
            "unassigned" => Msg::ActUnassigned,
            "voided" => Msg::ActVoided,
            "unvoided" => Msg::ActUnvoided,
            _ => return &self.action,
        };
        m.text(lang)
    }
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

/// The label of an edited field (`body` → 内容).
fn field_label(field: &str, lang: Lang) -> String {
    let m = match field {
        "received_on" => Msg::ColReceived,
        "floor" => Msg::ColFloor,
        "kind" => Msg::ColKind,
        "body" => Msg::ColText,
        "summary" => Msg::ColSummary,
        "due_on" => Msg::ColDue,
        other => return other.to_string(),
    };
    m.text(lang).to_string()
}

/// Where two texts differ, with a little context: the same start and end are cut to
/// `…`, so a one-word correction in a long slip shows that word.
pub fn text_change(old: &str, new: &str) -> (String, String) {
    const CONTEXT: usize = 6;
    const MAX: usize = 30;
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let show = |v: &[char]| -> String {
        let start = prefix.saturating_sub(CONTEXT);
        let end = (v.len() - suffix + CONTEXT).min(v.len());
        let mut s = String::new();
        if start > 0 {
            s.push('…');
        }
        s.push_str(&v[start..end].iter().collect::<String>());
        let s = crate::text::truncate(&crate::text::sanitize(&s, false), MAX);
        if end < v.len() && !s.ends_with('…') {
            format!("{s}…")
        } else {
            s
        }
    };
    (show(&a), show(&b))
}

impl Event {
    fn value(&self, v: &str, lang: Lang, names: &dyn Names) -> String {
        match self.action.as_str() {
            "status" | "created" | "imported" => {
                Status::parse(v).map_or(v.to_string(), |s| s.label(lang).to_string())
            }
            "assigned" | "unassigned" => v
                .split(',')
                .map(|c| names.section_name(c, lang))
                .collect::<Vec<_>>()
                .join("・"),
            "duplicate" => format!("#{v}"),
            "publication" => match v {
                "hidden" => Msg::NoPublish.text(lang).to_string(),
                _ => Msg::PubShown.text(lang).to_string(),
            },
            "edited" => match self.note.as_deref() {
                Some("floor") => names.floor_name(v, lang),
                Some("kind") => names.kind_name(v, lang),
                _ => crate::text::truncate(&crate::text::first_line(v), 30),
            },
            _ => crate::text::truncate(&crate::text::first_line(v), 30),
        }
    }

    /// What changed, in words: `受付 → 回答依頼中`, `→ 区民課・保険年金課`; for an edited
    /// text, where it changed. Codes become names through `names`; text is sanitised
    /// and cut to 30 cells.
    pub fn change(&self, lang: Lang, names: &dyn Names) -> String {
        let v = |x: &str| self.value(x, lang, names);
        let text_field = matches!(self.note.as_deref(), Some("body" | "summary"));
        match (&self.old, &self.new) {
            (Some(o), Some(n)) if self.action == "edited" && text_field => {
                let (o, n) = text_change(o, n);
                format!("{o} → {n}")
            }
            (Some(o), Some(n)) => format!("{} → {}", v(o), v(n)),
            (None, Some(n)) => format!("→ {}", v(n)),
            (Some(o), None) => format!("{} →", v(o)),
            (None, None) => String::new(),
        }
    }

    /// The note in words: the replying section's name, the due date, the edited field,
    /// the reason.
    pub fn note_text(&self, lang: Lang, names: &dyn Names) -> Option<String> {
        let n = self.note.as_deref()?;
        Some(match self.action.as_str() {
            "replied" => names.section_name(n, lang),
            "assigned" => format!("{} {n}", Msg::ColDue.text(lang)),
            "edited" => field_label(n, lang),
            _ => crate::text::sanitize(n, false),
        })
    }
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
