//! What an [`Error`] says to the user, in the UI language: the plain sentence, the
//! terminal UI's variant where the way forward is a key, and OS errors in words.

use super::{Error, FileProblem, is_disk_full};
use crate::domain::date::DateProblem;
use crate::domain::{ReplyStepError, Status, Tab, TransitionError};
use crate::i18n::{Lang, Msg, fill};

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn join(items: &[String]) -> String {
    items.join(", ")
}

impl Error {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::NotFound(id) => fill(Msg::ErrNotFound, lang, &[id]),
            Error::UnknownSection { given, known } => {
                fill(Msg::ErrUnknownSection, lang, &[given, &join(known)])
            }
            Error::UnknownFloor { given, known } => {
                fill(Msg::ErrUnknownFloor, lang, &[given, &join(known)])
            }
            Error::UnknownKind { given, known } => {
                fill(Msg::ErrUnknownKind, lang, &[given, &join(known)])
            }
            Error::ReplyStep { id, section, err } => reply_step(*id, section, err, lang),
            Error::ReturnNeedsReason => Msg::ErrReturnNeedsReason.text(lang).to_string(),
            Error::BadDuty(w) => fill(
                Msg::ErrDutyWord,
                lang,
                &[&crate::text::sanitize(w, false), &crate::domain::DUTY_CHARS],
            ),
            Error::BadAddress(a) => fill(
                Msg::ErrBadAddress,
                lang,
                &[&crate::text::sanitize(a, false)],
            ),
            Error::NoTemplate(id) => fill(Msg::ErrNoTemplate, lang, &[id]),
            Error::NoMailSetup => Msg::ErrNoMailSetup.text(lang).to_string(),
            Error::NoReportTo => Msg::ErrNoReportTo.text(lang).to_string(),
            Error::MaskUnreadable(id) => fill(Msg::ErrMaskUnreadable, lang, &[id]),
            Error::MailFailures(lines) => lines.join("\n"),
            Error::UnicodeAddress(a) => fill(
                Msg::ErrUnicodeAddress,
                lang,
                &[&crate::text::sanitize(a, false)],
            ),
            Error::NoSheetInbox => Msg::ErrNoSheetInbox.text(lang).to_string(),
            Error::SheetsRefused(n) => fill(Msg::ErrSheetsRefused, lang, &[n]),
            Error::SheetRefused { file, reason } => fill(
                Msg::ErrSheetRefused,
                lang,
                &[&crate::text::sanitize(file, false), reason],
            ),
            Error::ReplyWhichSection(id, known) => {
                if known.is_empty() {
                    fill(Msg::ErrReplyUnassigned, lang, &[id])
                } else {
                    fill(Msg::ErrReplyWhichSection, lang, &[id, known])
                }
            }
            Error::Mail {
                host,
                section,
                reason,
            } => fill(Msg::ErrMail, lang, &[section, host, reason]),
            Error::BadSetting { key, value } => fill(Msg::ErrBadSetting, lang, &[key, value]),
            Error::UnknownOutcome { given, known } => {
                fill(Msg::ErrUnknownOutcome, lang, &[given, known])
            }
            Error::UnknownStatus(given) => fill(
                Msg::ErrUnknownStatus,
                lang,
                &[given, &join(&statuses(lang))],
            ),
            Error::UnknownListStatus(given) => unknown_list_status(given, lang),
            Error::BadDate { field, input } => fill(Msg::ErrBadDate, lang, &[field, input]),
            Error::BadMonth(input) => fill(Msg::ErrBadMonth, lang, &[input]),
            Error::EmptyText => Msg::ErrEmptyText.text(lang).into(),
            Error::EmptyReply => Msg::ErrEmptyReply.text(lang).into(),
            Error::Transition(t) => transition(t, lang),
            Error::NotTagged { section, tagged } => {
                fill(Msg::ErrNotTagged, lang, &[section, &join(tagged)])
            }
            Error::Voided(id) => fill(Msg::ErrVoided, lang, &[id]),
            Error::NotVoided(id) => fill(Msg::ErrNotVoided, lang, &[id]),
            Error::ReplyClosed { id, status } => {
                fill(Msg::ErrReplyClosedStore, lang, &[id, &status.label(lang)])
            }
            Error::RemovesReplied { id, sections } => {
                fill(Msg::ErrRemovesReplied, lang, &[id, &join(sections)])
            }
            Error::Stale {
                id,
                expected,
                actual,
            } => fill(Msg::ErrStale, lang, &[id, expected, actual]),
            Error::NewerSchema {
                path,
                found,
                supported,
            } => fill(Msg::ErrNewerSchema, lang, &[path, found, supported]),
            Error::SectionExists(code) => fill(Msg::ErrSectionExists, lang, &[code]),
            Error::BadCode(code) => fill(Msg::ErrBadCode, lang, &[code]),
            Error::DuplicateSelf => Msg::ErrDuplicateSelf.text(lang).into(),
            Error::DuplicateCycle { id, of } => fill(Msg::ErrDuplicateCycle, lang, &[id, of]),
            Error::SectionNameTaken { name, code } => {
                fill(Msg::ErrSectionNameTaken, lang, &[name, code])
            }
            Error::BadName(n) => fill(Msg::ErrBadName, lang, &[n]),
            Error::EncodedWordName(n) => fill(Msg::ErrEncodedWordName, lang, &[n]),
            Error::NotInText(t) => fill(Msg::ErrNotInText, lang, &[t]),
            Error::NotInSection { id, section } => fill(Msg::ErrNotInSection, lang, &[id, section]),
            Error::UnknownFormat { given, known } => {
                let sep = match lang {
                    Lang::Ja => "・",
                    Lang::En => ", ",
                };
                fill(Msg::ErrUnknownFormat, lang, &[given, &known.join(sep)])
            }
            Error::UnknownDimension(given) => fill(Msg::ErrUnknownDimension, lang, &[given]),
            Error::UnknownPer(given) => fill(Msg::ErrUnknownPer, lang, &[given]),
            Error::BadYears(given) => fill(Msg::ErrBadYears, lang, &[given]),
            Error::BinaryToTerminal => Msg::ErrBinaryToTerminal.text(lang).into(),
            Error::DemoNotEmpty(path) => fill(Msg::ErrDemoNotEmpty, lang, &[&path.display()]),
            Error::EmptyName => Msg::ErrEmptyName.text(lang).into(),
            Error::SectionInactive(code) => fill(Msg::ErrSectionInactive, lang, &[code]),
            Error::AssignClosed { id, status } => {
                fill(Msg::ErrAssignClosed, lang, &[id, &status.label(lang)])
            }
            Error::NotOurs(p) => fill(Msg::ErrNotOurs, lang, &[&p.display()]),
            Error::OutputIsDatabase(p) => fill(Msg::ErrOutputIsDatabase, lang, &[&p.display()]),
            Error::OutputExists(p) => fill(Msg::ErrOutputExists, lang, &[&p.display()]),
            Error::Write { path, cause } => {
                let shown = crate::text::sanitize(&path.display().to_string(), false);
                fill(Msg::ErrWrite, lang, &[&shown, &os_reason(cause, lang)])
            }
            Error::LiaisonCommand(section) => fill(Msg::ErrLiaisonCommand, lang, &[section]),
            Error::DateOutOfRange {
                field,
                date,
                today,
                problem,
            } => match problem {
                DateProblem::Future => fill(Msg::ErrFutureDate, lang, &[field, date, today]),
                DateProblem::TooEarly => fill(Msg::ErrTooEarly, lang, &[field, date]),
            },
            Error::TooLong { field, limit, len } => {
                fill(Msg::ErrTooLong, lang, &[field, len, limit])
            }
            Error::DueBeforeReceived { due, received } => {
                fill(Msg::ErrDueBeforeReceived, lang, &[due, received])
            }
            Error::File { file, problem } => file_problem(file, problem, lang),
            Error::Input {
                file,
                line,
                column,
                field,
                reason,
            } if field.is_empty() => fill(Msg::ErrCsvLine, lang, &[file, line, reason]),
            Error::Input {
                file,
                line,
                column,
                field,
                reason,
            } => fill(Msg::ErrCsv, lang, &[file, line, column, field, reason]),
            Error::Open { path, reason, hint } => {
                let m = fill(Msg::ErrOpen, lang, &[&path.display(), reason]);
                match hint {
                    Some(h) => format!("{m} {}", h.text(lang)),
                    None => m,
                }
            }
            Error::Seed { file, reason } => fill(Msg::ErrSeed, lang, &[file, reason]),
            Error::Many(errors) => many(errors, lang),
            Error::Sqlite(e) => sqlite(e, lang),
            Error::Migration(e) => format!("migration: {e}"),
            Error::Io(e) => e.to_string(),
        }
    }
}

impl Error {
    /// The message for the terminal UI, where the way forward is a key, not a command
    /// line option.
    pub fn screen_message(&self, lang: Lang) -> String {
        match self {
            Error::Transition(TransitionError::NeedSections) => {
                Msg::ErrNeedSectionsKey.text(lang).into()
            }
            Error::Transition(TransitionError::NeedReason) => {
                Msg::ErrNeedReasonKey.text(lang).into()
            }
            Error::RemovesReplied { id, sections } => {
                fill(Msg::ErrRemovesRepliedKey, lang, &[id, &join(sections)])
            }
            other => other.message(lang),
        }
    }
}

/// Approving or returning a reply that is not there or not waiting.
fn reply_step(id: i64, section: &str, err: &ReplyStepError, lang: Lang) -> String {
    match err {
        ReplyStepError::NoReply => fill(Msg::ErrNoReplyToReview, lang, &[&id, &section]),
        ReplyStepError::NotWaiting(s) => {
            fill(Msg::ErrNotWaiting, lang, &[&id, &section, &s.label(lang)])
        }
    }
}

/// Every status as `code (label)`, for a word that is none of them.
fn statuses(lang: Lang) -> Vec<String> {
    Status::ALL
        .iter()
        .map(|s| format!("{} ({})", s.code(), s.label(lang)))
        .collect()
}

/// A `list --status` word that is neither a status nor a tab's name: both lists.
fn unknown_list_status(given: &str, lang: Lang) -> String {
    let tabs: Vec<&str> = Tab::EVERY
        .iter()
        .filter(|t| **t != Tab::All)
        .map(|t| t.msg().text(lang))
        .collect();
    fill(
        Msg::ErrUnknownListStatus,
        lang,
        &[&given, &join(&statuses(lang)), &tabs.join("・")],
    )
}

/// A status change the workflow forbids, with the steps it does allow.
fn transition(t: &TransitionError, lang: Lang) -> String {
    match t {
        TransitionError::NotAllowed { from, to } => {
            let next: Vec<String> = from
                .next()
                .iter()
                .map(|s| s.label(lang).to_string())
                .collect();
            let next = if next.is_empty() {
                Msg::ErrTransitionNone.text(lang).to_string()
            } else {
                join(&next)
            };
            fill(
                Msg::ErrTransition,
                lang,
                &[&from.label(lang), &to.label(lang), &next],
            )
        }
        TransitionError::NeedSections => Msg::ErrNeedSections.text(lang).into(),
        TransitionError::NotAllReplied(codes) => fill(Msg::ErrNotAllReplied, lang, &[&join(codes)]),
        TransitionError::NeedReason => Msg::ErrNeedReason.text(lang).into(),
    }
}

/// A problem with a file as a whole: the plain sentence, then the library's or the
/// system's own words where they add something.
fn file_problem(file: &str, problem: &FileProblem, lang: Lang) -> String {
    let mut m = match problem {
        FileProblem::Directory => fill(Msg::ErrFileDirectory, lang, &[&file]),
        FileProblem::NotRegular => fill(Msg::ErrFileNotRegular, lang, &[&file]),
        FileProblem::TooLarge { size, limit } => fill(
            Msg::ErrFileTooLarge,
            lang,
            &[&file, &mib(*size), &mib(*limit)],
        ),
        FileProblem::Empty => fill(Msg::ErrFileEmpty, lang, &[&file]),
        FileProblem::NotXlsx(_) => fill(Msg::ErrFileNotXlsx, lang, &[&file]),
        FileProblem::Encoding => fill(Msg::ErrFileEncoding, lang, &[&file]),
        FileProblem::Missing => fill(Msg::ErrFileMissing, lang, &[&file]),
        FileProblem::Unreadable(_) => fill(Msg::ErrFileUnreadable, lang, &[&file]),
    };
    if let FileProblem::NotXlsx(detail) | FileProblem::Unreadable(detail) = problem {
        m.push_str(&format!(" ({detail})"));
    }
    m
}

/// Several problems at once: how many, then the first 30, one a line.
fn many(errors: &[Error], lang: Lang) -> String {
    let mut out = fill(Msg::ErrMany, lang, &[&errors.len()]);
    for e in errors.iter().take(30) {
        out.push_str("\n  ");
        out.push_str(&e.message(lang));
    }
    if errors.len() > 30 {
        out.push_str(&format!("\n  …(+{})", errors.len() - 30));
    }
    out
}

/// An SQLite failure: what to do about it where known, SQLite's words where they help.
fn sqlite(e: &super::SqlFailure, lang: Lang) -> String {
    match e.kind.hint() {
        // Said in the UI's words alone: SQLite's English adds nothing to these.
        Some(h @ (Msg::HintReadOnly | Msg::HintBusy | Msg::HintDiskFull)) => {
            h.text(lang).to_string()
        }
        Some(h) => format!("{} (SQLite: {e})", h.text(lang)),
        None => format!("SQLite: {e}"),
    }
}

/// An OS error in words the user reads: the common ones in the UI language, any other
/// as the OS says it (in parentheses after the sentence that names the file), never an
/// OS path of a temporary file.
pub fn os_reason(cause: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let m = match cause.kind() {
        _ if is_disk_full(cause) => Msg::HintDiskFull,
        K::NotFound => Msg::OsNotFound,
        K::PermissionDenied => Msg::OsPermission,
        K::AlreadyExists => Msg::OsExists,
        K::NotADirectory => Msg::OsNotADirectory,
        K::IsADirectory => Msg::OsIsADirectory,
        K::ReadOnlyFilesystem => Msg::HintReadOnly,
        _ => {
            let os = cause.to_string();
            // Drop "at path …" that names a temporary file.
            let os = os.split(" at path ").next().unwrap_or(&os).to_string();
            return crate::text::sanitize(&os, false);
        }
    };
    m.text(lang).to_string()
}
