//! The audit log's entries, and how each reads in words.

use serde::Serialize;

use super::{Names, Status};
use crate::i18n::{Lang, Msg};

/// What an audit event records: one of a fixed set, stored in `event.action` as its
/// [`Action::code`]. The store writes events and queries them by this enum only, so the
/// codes are spelt in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// A slip entered.
    Created,
    /// Sections asked (old → new sections, the due date as note).
    Assigned,
    /// Sections removed whose replies stay on record.
    Unassigned,
    /// A section's reply written.
    Replied,
    /// The status moved.
    Status,
    /// A field corrected.
    Edited,
    /// Marked a duplicate of another slip.
    Duplicate,
    /// Kept off / put back on the public list.
    Publication,
    /// Private text marks changed.
    Private,
    /// Entered by an import.
    Imported,
    /// Voided (取消).
    Voided,
    /// Restored from voided.
    Unvoided,
    /// A liaison's reply approved.
    Approved,
    /// A liaison's reply sent back.
    Returned,
    /// Asked of a section (依頼).
    Requested,
    /// A section reminded (督促).
    Reminded,
    /// A reply came in on a reply sheet.
    Collected,
}

impl Action {
    /// Every action, in the order above.
    pub const ALL: [Action; 17] = [
        Action::Created,
        Action::Assigned,
        Action::Unassigned,
        Action::Replied,
        Action::Status,
        Action::Edited,
        Action::Duplicate,
        Action::Publication,
        Action::Private,
        Action::Imported,
        Action::Voided,
        Action::Unvoided,
        Action::Approved,
        Action::Returned,
        Action::Requested,
        Action::Reminded,
        Action::Collected,
    ];

    /// The code stored in the database (`replied`, `reminded`, …).
    pub fn code(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Assigned => "assigned",
            Action::Unassigned => "unassigned",
            Action::Replied => "replied",
            Action::Status => "status",
            Action::Edited => "edited",
            Action::Duplicate => "duplicate",
            Action::Publication => "publication",
            Action::Private => "private",
            Action::Imported => "imported",
            Action::Voided => "voided",
            Action::Unvoided => "unvoided",
            Action::Approved => "approved",
            Action::Returned => "returned",
            Action::Requested => "requested",
            Action::Reminded => "reminded",
            Action::Collected => "collected",
        }
    }

    /// The action a stored code names.
    pub fn parse(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Its label in the history.
    pub fn msg(self) -> Msg {
        match self {
            Action::Created => Msg::ActCreated,
            Action::Assigned => Msg::ActAssigned,
            Action::Unassigned => Msg::ActUnassigned,
            Action::Replied => Msg::ActReplied,
            Action::Status => Msg::ActStatus,
            Action::Edited => Msg::ActEdited,
            Action::Duplicate => Msg::ActDuplicate,
            Action::Publication => Msg::ActPublication,
            Action::Private => Msg::ActPrivate,
            Action::Imported => Msg::ActImported,
            Action::Voided => Msg::ActVoided,
            Action::Unvoided => Msg::ActUnvoided,
            Action::Approved => Msg::ActApproved,
            Action::Returned => Msg::ActReturned,
            Action::Requested => Msg::ActRequested,
            Action::Reminded => Msg::ActReminded,
            Action::Collected => Msg::ActCollected,
        }
    }
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
        match Action::parse(&self.action) {
            Some(a) => a.msg().text(lang),
            None => &self.action,
        }
    }
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
        // An edited text, or a reply written over: where they differ, not both starts.
        let text_field =
            matches!(self.note.as_deref(), Some("body" | "summary")) || self.action == "replied";
        if self.action == "collected" {
            // The sheet the reply came in on: 「回答票_総務課_2024-03-20.xlsx」.
            return crate::text::sanitize(self.new.as_deref().unwrap_or(""), false);
        }
        if matches!(self.action.as_str(), "requested" | "reminded") {
            // How it went out: 「メールで」, 「紙で」, not the stored word.
            return match self.new.as_deref() {
                Some("mail") => Msg::ByMail.text(lang).to_string(),
                Some("paper") => Msg::ByPaper.text(lang).to_string(),
                Some(other) => crate::text::sanitize(other, false),
                None => String::new(),
            };
        }
        match (&self.old, &self.new) {
            (Some(o), Some(n))
                if matches!(self.action.as_str(), "edited" | "replied") && text_field =>
            {
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
            "replied" | "requested" | "reminded" | "approved" | "returned" | "collected" => {
                names.section_name(n, lang)
            }
            "assigned" => format!("{} {n}", Msg::ColDue.text(lang)),
            "edited" => field_label(n, lang),
            _ => crate::text::sanitize(n, false),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoNames;
    impl Names for NoNames {
        fn section_name(&self, code: &str, _: Lang) -> String {
            code.to_string()
        }
        fn floor_name(&self, code: &str, _: Lang) -> String {
            code.to_string()
        }
        fn kind_name(&self, code: &str, _: Lang) -> String {
            code.to_string()
        }
    }

    /// A reply written over shows where the two differ, as an edited text does, not
    /// both starts cut at 30 cells (which look the same).
    #[test]
    fn a_rewritten_reply_shows_where_it_changed() {
        let start = "ご意見ありがとうございます。担当課で検討した結果、案内板を";
        let e = Event {
            at: "2024-03-20 10:00:00".into(),
            actor: "suzuki".into(),
            action: "replied".into(),
            old: Some(format!("{start}4月に増やします。")),
            new: Some(format!("{start}3月中に増やします。")),
            note: Some("kumin".into()),
        };
        let change = e.change(Lang::Ja, &NoNames);
        assert!(
            change.contains("4月") && change.contains("3月中"),
            "{change}"
        );
        assert!(!change.starts_with("ご意見"), "{change}");
        // 督促 and 依頼 read in words, the section by its name.
        let r = Event {
            action: "reminded".into(),
            old: None,
            new: Some("mail".into()),
            note: Some("jido".into()),
            ..e
        };
        assert_eq!(r.change(Lang::Ja, &NoNames), "メールで");
        assert_eq!(r.note_text(Lang::Ja, &NoNames).as_deref(), Some("jido"));
    }
}

#[cfg(test)]
mod action_tests {
    use super::Action;

    #[test]
    fn every_action_reads_back_from_its_code() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.code()), Some(a));
        }
        assert_eq!(Action::parse("nonsense"), None);
    }
}
