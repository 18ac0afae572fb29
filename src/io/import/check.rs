//! The check step: the rules across a row's cells, giving the slip to write.

use super::{Cells, Col, Problems, Resolved, Steps};
use crate::domain::Status;
use crate::error::Error;
use crate::i18n::{Msg, fill};
use crate::store::ImportSlip;

impl Steps {
    /// The check step: the rules across cells. A blank 状況 is chosen from the sections and
    /// replies; 担当中・回答済・公表済 need a section, 回答済・公表済 a reply from each; 期限
    /// is not before 受付日 (and, when blank, is the reply days after it). `None` when the
    /// row cannot be a slip.
    pub fn check(&self, cells: Cells, r: Resolved, p: &mut Problems) -> Option<ImportSlip> {
        let l = self.lang;
        let (stcol, _) = cells.get(Col::Status);
        let (rcol, _) = cells.get(Col::Reply);
        let status = r.status.unwrap_or(if r.sections.is_empty() {
            Status::New
        } else if !r.replies.is_empty() && r.replies.len() >= r.sections.len() {
            Status::Answered
        } else {
            Status::Assigned
        });
        let needs_section = matches!(
            status,
            Status::Assigned | Status::Answered | Status::Published
        );
        if needs_section && r.sections.is_empty() {
            p.bad(
                Col::Status,
                stcol,
                Msg::ErrStatusNeedsSection.text(l).into(),
            );
        }
        if matches!(status, Status::Answered | Status::Published) {
            let missing: Vec<&str> = r
                .sections
                .iter()
                .filter(|s| !r.replies.iter().any(|(c, _, _)| c == *s))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                let e = fill(Msg::ErrNotAllReplied, l, &[&missing.join(", ")]);
                p.bad(Col::Reply, rcol.max(stcol), e);
            }
        }
        if let (Some(due), Some(received)) = (r.due, r.received)
            && due < received
        {
            let e = Error::DueBeforeReceived { due, received };
            p.bad(Col::Due, cells.get(Col::Due).0, e.message(l));
        }
        let (received, floor, kind) = (r.received?, r.floor?, r.kind?);
        let due_on = r
            .due
            .or_else(|| (!r.sections.is_empty()).then(|| self.settings.default_due(received)));
        Some(ImportSlip {
            line: cells.line,
            received_on: received,
            floor,
            kind,
            summary: (!cells.summary.is_empty()).then_some(cells.summary),
            body: cells.body,
            sections: r.sections,
            status,
            due_on,
            replies: r.replies,
            outcomes: r.outcomes,
            no_publish: r.no_publish,
        })
    }
}
