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

/// Where each section's reply sheet comes from when its mail goes out.
#[derive(Clone, Copy, Debug)]
pub enum Sheets<'a> {
    /// No sheet.
    None,
    /// Made already (written to a folder first: `request --sheets DIR --mail`).
    Made(&'a [crate::io::sheets::SheetFile]),
    /// Made for each section as its mail goes (bound to that moment: the TUI's `M`).
    MakeEach,
}

/// What the sending loop tells its caller as it goes.
pub struct Progress<'a> {
    /// Asked before each section: stop now (the TUI's Esc), leaving the rest unsent.
    pub stop: &'a dyn Fn() -> bool,
    /// Told which section goes out now: (its place, how many, its name).
    pub sending: &'a mut dyn FnMut(usize, usize, &str),
    /// Told a line per section: sent, not mailed (no address), taken elsewhere, stopped.
    pub said: &'a mut dyn FnMut(String),
}

/// Mail each of `asks`, one section at a time, for both front ends: each section's
/// slips claimed before its mail goes ([`crate::io::mail::deliver`]), its sheet as
/// `sheets` says. A section the relay refuses is said and not recorded, and the others
/// still go; the error at the end names each refused one. Any other failure stops here.
pub fn send(
    store: &mut Store,
    kind: AskKind,
    asks: &[SectionAsk],
    how: &crate::io::mail::Delivery<'_>,
    sheets: Sheets<'_>,
    lang: crate::i18n::Lang,
    progress: Progress<'_>,
) -> Result<()> {
    use crate::error::Error;
    use crate::i18n::{Msg, fill};
    let mut refused: Vec<Error> = vec![];
    for (i, ask) in asks.iter().enumerate() {
        if (progress.stop)() {
            let left: Vec<String> = asks[i..]
                .iter()
                .map(|a| store.section_name(&a.section, lang))
                .collect();
            (progress.said)(fill(Msg::MailStopped, lang, &[&left.join("・")]));
            break;
        }
        let name = store.section_name(&ask.section, lang);
        (progress.sending)(i + 1, asks.len(), &name);
        let made;
        let sheet = match sheets {
            Sheets::None => None,
            Sheets::Made(all) => all.iter().find(|f| f.section == ask.section),
            Sheets::MakeEach if ask.email.is_some() => {
                let issued = store.clock().now();
                made = crate::io::sheets::make_all(store, kind, std::slice::from_ref(ask), issued)?;
                made.first()
            }
            Sheets::MakeEach => None,
        };
        match crate::io::mail::deliver(store, kind, ask, how, sheet, lang, progress.said) {
            Ok(()) => {}
            Err(e @ Error::Mail { .. }) => refused.push(e),
            Err(e) => return Err(e),
        }
    }
    match refused.len() {
        0 => Ok(()),
        1 => Err(refused.remove(0)),
        _ => Err(Error::MailFailures(
            refused.iter().map(|e| e.screen_message(lang)).collect(),
        )),
    }
}
