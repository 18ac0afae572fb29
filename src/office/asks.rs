//! What each section is asked (依頼) or chased for (督促), worked out once for both front
//! ends, and the record of asks handed over on paper, claimed in one write transaction
//! per section as mail is ([`Store::claim_asked`]): runs at once record each slip once.

use chrono::NaiveDate;

use crate::error::Result;
use crate::store::{AskKind, SectionAsk, Store};

/// What would go out, worked out from the database as it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    /// Request or reminder.
    pub kind: AskKind,
    /// Per section, the slips to ask about.
    pub send: Vec<SectionAsk>,
    /// Reminders held back as sent within `days` office days.
    pub held: Vec<SectionAsk>,
    /// The remind period the hold-back used (`remind_days`; 0 with `again`).
    pub days: u32,
    /// Requests left out as asked before: (section, slips).
    pub asked_before: Vec<(String, usize)>,
    /// The newest audit event when this was worked out ([`Store::last_event_id`]).
    pub seen: i64,
}

/// Work out the requests or reminders of `only` (or every section) on `today`. With
/// `again`, no reminder is held back as recent.
pub fn prepare(
    store: &Store,
    kind: AskKind,
    today: NaiveDate,
    only: Option<&str>,
    again: bool,
) -> Result<Prepared> {
    let seen = store.last_event_id()?;
    let days = if again {
        0
    } else {
        store.settings()?.remind_days
    };
    Ok(match kind {
        AskKind::Request => Prepared {
            kind,
            asked_before: store.already_requested(only)?,
            send: store.to_request(only)?,
            held: vec![],
            days,
            seen,
        },
        AskKind::Remind => {
            let (send, held) = Store::hold_recent(store.to_remind(today, only)?, today, days);
            Prepared {
                kind,
                send,
                held,
                days,
                asked_before: vec![],
                seen,
            }
        }
    })
}

/// Record `asks` as handed over on paper: each section's slips claimed in one IMMEDIATE
/// transaction, so a slip another run recorded (or mailed) after `seen` is left out.
/// Returns what was recorded, section by section (those left with nothing dropped).
pub fn record_paper(
    store: &mut Store,
    kind: AskKind,
    asks: &[SectionAsk],
    seen: i64,
) -> Result<Vec<SectionAsk>> {
    let mut out = vec![];
    for ask in asks {
        let (claimed, _) = store.claim_asked(kind, ask, "paper", seen)?;
        if !claimed.items.is_empty() {
            out.push(claimed);
        }
    }
    Ok(out)
}
