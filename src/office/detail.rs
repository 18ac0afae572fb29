//! One slip's detail, worked out once for both front ends: which sections replied,
//! which replies wait for the team or were sent back and why, the replies of sections no
//! longer assigned, the voided reason, the marks, the similar slips and the history in
//! words, with what a liaison may see. `meyasu show` renders it as text and the TUI's
//! slip screen as lines; neither decides anything about the slip itself.

use chrono::NaiveDate;

use crate::domain::{self, Action, Catalog, Event, Reply, ReplyState};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::store::{Similar, Store};
use crate::text;

/// A slip as its detail says it: codes as names in one language, texts sanitised for a
/// terminal, and only what the reader may see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlipDetail {
    /// Its number (受付番号).
    pub id: i64,
    /// The day it was collected, in both calendars.
    pub received: String,
    /// The floor's name.
    pub floor: String,
    /// The kind's name.
    pub kind: String,
    /// The status's label.
    pub status: String,
    /// The due date, if set.
    pub due_on: Option<NaiveDate>,
    /// Days past the due date, while the slip is open and overdue.
    pub overdue_days: Option<i64>,
    /// The names of every section sharing the slip (a liaison sees them all by name).
    pub sections: Vec<String>,
    /// The slip this one duplicates.
    pub duplicate_of: Option<i64>,
    /// The summary (要旨), on one line.
    pub summary: Option<String>,
    /// When voided, why (the last void's note; empty when none was given).
    pub voided: Option<String>,
    /// Kept off the public list.
    pub no_publish: bool,
    /// The private text marks.
    pub private: Vec<String>,
    /// Likely personal names in the text, masked when it is published
    /// ([`crate::report::names`]; none when a summary is published instead).
    pub names: Vec<String>,
    /// The text, line by line.
    pub body: Vec<String>,
    /// Each assigned section the reader may see, in order, then the replies of sections
    /// no longer assigned.
    pub replies: Vec<SectionReply>,
    /// The slips most like this one, with their replies (never for a liaison).
    pub similar: Vec<SimilarSlip>,
    /// The history, oldest first; `None` for a liaison.
    pub history: Option<Vec<HistoryLine>>,
}

/// One section's place in the replies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionReply {
    /// The section's code.
    pub code: String,
    /// The section's name.
    pub name: String,
    /// No longer assigned; its reply stays on record (担当から外れた課の回答).
    pub detached: bool,
    /// Its reply, if it has given one.
    pub reply: Option<Answer>,
}

impl SectionReply {
    /// Where its reply stands: none yet, waiting for the team (`Draft`), sent back
    /// (`Returned`) or counted (`Approved`).
    pub fn state(&self) -> Option<ReplyState> {
        self.reply.as_ref().map(|a| a.state)
    }
}

/// A section's reply as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The day it was given.
    pub on: NaiveDate,
    /// Who entered it.
    pub by: String,
    /// The outcome's name (未設定 when none).
    pub outcome: String,
    /// Whether it counts yet.
    pub state: ReplyState,
    /// Why the team sent it back, while it is sent back.
    pub return_reason: Option<String>,
    /// The text, line by line.
    pub text: Vec<String>,
}

/// A slip like this one, and how it was answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimilarSlip {
    /// Its number.
    pub id: i64,
    /// The day it was collected.
    pub received_on: NaiveDate,
    /// The first words of its text.
    pub excerpt: String,
    /// Its sections' names.
    pub sections: Vec<String>,
    /// Its replies: (section's name, the reply's first line).
    pub replies: Vec<(String, String)>,
}

/// One history entry in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryLine {
    /// When (local time, to the second).
    pub at: String,
    /// Who.
    pub actor: String,
    /// The action's label.
    pub action: String,
    /// What changed ([`Event::change`]).
    pub change: String,
    /// The note in words ([`Event::note_text`]).
    pub note: Option<String>,
}

/// Slip `id` with its replies and history; a liaison (`liaison`) is refused a slip not
/// assigned to their section.
pub fn read(store: &Store, id: i64, liaison: Option<&str>) -> Result<domain::SlipDetail> {
    let d = store.detail(id)?;
    match liaison {
        Some(mine) if !d.slip.sections.iter().any(|s| s == mine) => Err(Error::NotInSection {
            id,
            section: mine.to_string(),
        }),
        _ => Ok(d),
    }
}

/// What a liaison may have of a slip's record: their own section's reply and no
/// history (it names other sections and other people's work).
pub fn trim_for_liaison(d: &mut domain::SlipDetail, liaison: Option<&str>) {
    if liaison.is_some() {
        d.replies.retain(|r| sees(liaison, &r.section));
        d.history.clear();
    }
}

/// Whether the reader sees section `code`'s reply: the team sees every one, a liaison
/// their own section's.
fn sees(liaison: Option<&str>, code: &str) -> bool {
    liaison.is_none_or(|mine| mine == code)
}

/// The detail of `d` in `lang` on `today`, as `liaison` (or the team) may see it;
/// `similar` are the slips most like it, where looked up.
pub fn build(
    d: &domain::SlipDetail,
    names: &Catalog,
    lang: Lang,
    today: NaiveDate,
    liaison: Option<&str>,
    similar: &[Similar],
) -> SlipDetail {
    let s = &d.slip;
    let clean = |t: &String| text::sanitize(t, false);
    SlipDetail {
        id: s.id,
        received: domain::date::date_both(s.received_on, lang),
        floor: names.floor_name(&s.floor, lang),
        kind: names.kind_name(&s.kind, lang),
        status: s.status.label(lang).to_string(),
        due_on: s.due_on,
        overdue_days: s
            .due_on
            .filter(|_| s.is_overdue(today))
            .map(|due| (today - due).num_days()),
        sections: s
            .sections
            .iter()
            .map(|c| names.section_name(c, lang))
            .collect(),
        duplicate_of: s.duplicate_of,
        summary: s.summary.as_ref().map(clean),
        voided: s.voided.then(|| voided_reason(&d.history)),
        no_publish: s.no_publish,
        private: s.private.iter().map(clean).collect(),
        names: match &s.summary {
            Some(_) => vec![],
            None => crate::report::names::names_in(&s.body)
                .iter()
                .map(clean)
                .collect(),
        },
        body: text_lines(&s.body),
        replies: replies(d, names, lang, liaison),
        similar: match liaison {
            Some(_) => vec![],
            None => similar
                .iter()
                .map(|x| similar_slip(x, names, lang))
                .collect(),
        },
        history: liaison.is_none().then(|| {
            d.history
                .iter()
                .map(|e| history_line(e, names, lang))
                .collect()
        }),
    }
}

/// Why the slip was voided: the note of the last void.
fn voided_reason(history: &[Event]) -> String {
    let note = history
        .iter()
        .rev()
        .find(|e| e.action == Action::Voided.code())
        .and_then(|e| e.note.as_deref());
    text::sanitize(note.unwrap_or_default(), false)
}

/// Text as lines, sanitised with its line breaks kept.
fn text_lines(t: &str) -> Vec<String> {
    text::sanitize(t, true).lines().map(String::from).collect()
}

/// The assigned sections the reader sees with their replies, then the replies of
/// sections no longer assigned.
fn replies(
    d: &domain::SlipDetail,
    names: &Catalog,
    lang: Lang,
    liaison: Option<&str>,
) -> Vec<SectionReply> {
    let assigned = &d.slip.sections;
    let shown = assigned.iter().filter(|c| sees(liaison, c)).map(|code| {
        let reply = d.replies.iter().find(|r| &r.section == code);
        (code, reply, false)
    });
    let detached = d
        .replies
        .iter()
        .filter(|r| !assigned.contains(&r.section) && sees(liaison, &r.section))
        .map(|r| (&r.section, Some(r), true));
    shown
        .chain(detached)
        .map(|(code, reply, detached)| SectionReply {
            code: code.clone(),
            name: names.section_name(code, lang),
            detached,
            reply: reply.map(|r| answer(r, names, lang)),
        })
        .collect()
}

fn answer(r: &Reply, names: &Catalog, lang: Lang) -> Answer {
    Answer {
        on: r.replied_on,
        by: text::sanitize(&r.by, false),
        outcome: names.outcome_name(r.outcome.as_deref(), lang),
        state: r.state,
        return_reason: (r.state == ReplyState::Returned)
            .then(|| r.return_reason.as_deref().map(|w| text::sanitize(w, false)))
            .flatten(),
        text: text_lines(&r.text),
    }
}

fn similar_slip(x: &Similar, names: &Catalog, lang: Lang) -> SimilarSlip {
    SimilarSlip {
        id: x.id,
        received_on: x.received_on,
        excerpt: text::sanitize(&x.excerpt, false),
        sections: x
            .sections
            .iter()
            .map(|c| names.section_name(c, lang))
            .collect(),
        replies: x
            .replies
            .iter()
            .map(|r| {
                let first = text::first_line(&text::sanitize(&r.text, false));
                (names.section_name(&r.section, lang), first)
            })
            .collect(),
    }
}

fn history_line(e: &Event, names: &Catalog, lang: Lang) -> HistoryLine {
    HistoryLine {
        at: e.at.clone(),
        actor: text::sanitize(&e.actor, false),
        action: e.action_label(lang).to_string(),
        change: text::sanitize(&e.change(lang, names), false),
        note: e.note_text(lang, names).map(|n| text::sanitize(&n, false)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Seed;
    use crate::store::{NewSlip, OutcomeChoice};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 4, d).unwrap()
    }

    /// Two sections asked, review on: one reply approved with its outcome, the other
    /// sent back with a reason; then one section is taken off the slip.
    #[test]
    fn the_detail_says_who_replied_who_was_sent_back_and_why() {
        let mut store = Store::open_in_memory(&Seed::embedded()).unwrap();
        store.set_setting("review_replies", "true").unwrap();
        let id = store
            .add_slip(&NewSlip {
                received_on: day(1),
                floor: "1F".into(),
                kind: "complaint".into(),
                body: "待合の椅子が足りない\n午前は立って待つ".into(),
                summary: None,
            })
            .unwrap();
        let both = ["somu".to_string(), "kikaku".to_string()];
        store.assign(id, &both, day(10), None).unwrap();
        for (code, text) in [("somu", "椅子を増やします。"), ("kikaku", "検討します。")]
        {
            store.set_liaison(Some(code.to_string()));
            let outcome = OutcomeChoice::Set("will_improve".into());
            store
                .reply_with(id, code, text, day(3), &outcome, None)
                .unwrap();
        }
        store.set_liaison(None);
        store.approve_reply(id, "somu", None).unwrap();
        store
            .return_reply(id, "kikaku", "いつまでに、を書いてください", None)
            .unwrap();

        let d = read(&store, id, None).unwrap();
        let v = build(&d, store.catalog(), Lang::Ja, day(20), None, &[]);
        assert_eq!(v.sections, ["総務課", "企画課"]);
        assert_eq!(v.overdue_days, Some(10), "open and past 4/10 on 4/20");
        assert_eq!(v.body, ["待合の椅子が足りない", "午前は立って待つ"]);
        assert_eq!(v.voided, None);
        let [somu, kikaku] = &v.replies[..] else {
            panic!("{:?}", v.replies)
        };
        assert_eq!((somu.code.as_str(), somu.detached), ("somu", false));
        assert_eq!(somu.state(), Some(ReplyState::Approved));
        let a = somu.reply.as_ref().unwrap();
        assert_eq!((a.on, a.outcome.as_str()), (day(3), "改善予定"));
        assert_eq!(a.text, ["椅子を増やします。"]);
        assert_eq!(a.return_reason, None);
        assert_eq!(kikaku.state(), Some(ReplyState::Returned));
        let b = kikaku.reply.as_ref().unwrap();
        assert_eq!(
            b.return_reason.as_deref(),
            Some("いつまでに、を書いてください")
        );
        let history = v.history.as_ref().unwrap();
        let returned = history.iter().rfind(|h| h.action == "差し戻し").unwrap();
        assert_eq!(returned.note.as_deref(), Some("企画課"));

        // A liaison sees every section by name, their own reply only, and no history.
        let mine = read(&store, id, Some("kikaku")).unwrap();
        let v = build(
            &mine,
            store.catalog(),
            Lang::Ja,
            day(20),
            Some("kikaku"),
            &[],
        );
        assert_eq!(v.sections.len(), 2);
        assert_eq!(v.replies.len(), 1);
        assert_eq!(v.replies[0].code, "kikaku");
        assert_eq!(v.history, None);
        assert!(matches!(
            read(&store, id, Some("kiki")),
            Err(Error::NotInSection { .. })
        ));

        // Taken off the slip, a section's reply stays, marked as no longer assigned.
        let only = crate::domain::SectionChange::Remove(vec!["somu".to_string()]);
        store.change_sections(id, &only, None, true, None).unwrap();
        let d = read(&store, id, None).unwrap();
        let v = build(&d, store.catalog(), Lang::Ja, day(20), None, &[]);
        assert_eq!(v.sections, ["企画課"]);
        let codes: Vec<(&str, bool)> = v
            .replies
            .iter()
            .map(|r| (r.code.as_str(), r.detached))
            .collect();
        assert_eq!(codes, [("kikaku", false), ("somu", true)]);
    }
}
