//! What a status change would do to each of several slips, worked out without writing:
//! the bulk status change shows it before it is carried out.

use super::Store;
use super::query::load_slip;
use super::write::unreplied;
use crate::domain::{Guard, Status, check_transition};
use crate::error::{Error, Result};

/// One slip of a planned status change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusStep {
    /// The slip.
    pub id: i64,
    /// Its status now.
    pub from: Status,
    /// `None`: it would move; else why not (in the UI language).
    pub refused: Option<String>,
}

impl Store {
    /// What moving each of `ids` to `to` would do (with a reason given or not), checked
    /// by the one transition table; nothing is written.
    pub fn status_plan(
        &self,
        ids: &[i64],
        to: Status,
        has_reason: bool,
        lang: crate::i18n::Lang,
    ) -> Result<Vec<StatusStep>> {
        let mut out = vec![];
        for &id in ids {
            let slip = load_slip(&self.conn, id)?;
            let refused = if slip.voided {
                Some(Error::Voided(id).message(lang))
            } else {
                let guard = Guard {
                    sections: slip.sections.len(),
                    unreplied: unreplied(&self.conn, &slip)?,
                    has_reason,
                };
                check_transition(slip.status, to, &guard)
                    .err()
                    .map(|e| Error::from(e).message(lang))
            };
            out.push(StatusStep {
                id,
                from: slip.status,
                refused,
            });
        }
        Ok(out)
    }
}
