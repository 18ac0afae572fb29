//! Finding returned sheets: a file, a folder of them, or `.eml` files with sheets
//! attached, each read with a bound on its size.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::i18n::Msg;

/// One returned sheet as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    /// Its name for the audit (an .eml's attachment as `mail.eml: 回答票….xlsx`).
    pub name: String,
    /// The workbook.
    pub bytes: Vec<u8>,
    /// When its file was last saved (an attachment: its mail's file), where known.
    pub modified: Option<std::time::SystemTime>,
    /// Why nothing could be read from it (too large, not a regular file, a link, a mail
    /// without a sheet), in the UI language; `None`: read.
    pub problem: Option<String>,
}

impl Received {
    /// A file found and passed over, with why: said, never skipped in silence.
    fn refused(name: String, why: String) -> Received {
        Received {
            name,
            bytes: vec![],
            modified: None,
            problem: Some(why),
        }
    }
}

/// The sheets in `path`: the file itself (`.xlsx`, or an `.eml` with sheets attached), or
/// every such file in a folder, in name order.
pub fn sheets_in(path: &Path) -> Result<Vec<Received>> {
    if !path.exists() {
        return Err(Error::SheetRefused {
            file: path.display().to_string(),
            reason: crate::i18n::tr(Msg::SheetMissing).to_string(),
        });
    }
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_sheet_file(p))
            .collect();
        entries.sort();
        entries
    } else {
        vec![path.to_path_buf()]
    };
    let mut out = vec![];
    for f in files {
        read_one(&f, path.is_dir(), &mut out);
    }
    Ok(out)
}

/// Read one file found: a sheet, or the sheets a mail carries; each file judged alone, so
/// one too large, not a regular file, a link (never followed out of the folder) or a mail
/// with no sheet is said with why, and the others are read.
fn read_one(f: &Path, in_folder: bool, out: &mut Vec<Received>) {
    let name = f
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let meta = std::fs::symlink_metadata(f);
    let why = match &meta {
        Ok(m) if m.file_type().is_symlink() && in_folder => Some(Msg::SheetLink),
        Ok(m) if !m.file_type().is_symlink() && !m.is_file() => Some(Msg::SheetNotRegular),
        Err(_) => Some(Msg::SheetNotRegular),
        _ => None,
    };
    if let Some(why) = why {
        out.push(Received::refused(name, crate::i18n::tr(why).to_string()));
        return;
    }
    if name.to_lowercase().ends_with(".xls") {
        let why = crate::i18n::tr(Msg::SheetOldExcel).to_string();
        out.push(Received::refused(name, why));
        return;
    }
    let bytes = match read_capped(f) {
        Ok(b) => b,
        Err(e) => {
            let why = match e {
                Error::Open { reason, .. } => reason,
                other => other.screen_message(crate::i18n::lang()),
            };
            out.push(Received::refused(name, why));
            return;
        }
    };
    let modified = std::fs::metadata(f).and_then(|m| m.modified()).ok();
    if !name.to_lowercase().ends_with(".eml") {
        out.push(Received {
            name,
            bytes,
            modified,
            problem: None,
        });
        return;
    }
    let attached = attachments(&bytes);
    if attached.is_empty() {
        out.push(Received::refused(
            name.clone(),
            crate::i18n::tr(Msg::SheetMailNoSheet).to_string(),
        ));
    }
    for (a, bytes) in attached {
        out.push(Received {
            name: format!("{name}: {a}"),
            bytes,
            modified,
            problem: None,
        });
    }
}

fn is_sheet_file(p: &Path) -> bool {
    let n = p.to_string_lossy().to_lowercase();
    // .xls too: found to be said (an old format), not passed over in silence.
    (n.ends_with(".xlsx") || n.ends_with(".eml") || n.ends_with(".xls"))
        && !p
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with(['.', '~']))
}

/// A sheet or mail file, refused past 20 MB (a reply sheet is tens of kilobytes).
fn read_capped(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    const MAX: u64 = 20 * 1024 * 1024;
    let f = std::fs::File::open(path).map_err(|e| Error::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
        hint: None,
    })?;
    let mut bytes = vec![];
    f.take(MAX + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX {
        return Err(Error::Open {
            path: path.to_path_buf(),
            reason: crate::i18n::trf(Msg::ErrSmallFileTooLarge, &[&(MAX / 1024)]),
            hint: None,
        });
    }
    Ok(bytes)
}

/// The `.xlsx` attachments of a mail, by file name.
fn attachments(raw: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = attached_to(raw, 0);
    out.sort();
    out
}

/// The `.xlsx` attachments of one mail, and of the mails forwarded in it as attachments
/// (`message/rfc822`, a few levels deep), as a section forwarding the reply mail sends it.
fn attached_to(raw: &[u8], depth: usize) -> Vec<(String, Vec<u8>)> {
    let Ok(mail) = mailparse::parse_mail(raw) else {
        return vec![];
    };
    let mut out = vec![];
    let mut stack = vec![&mail];
    while let Some(part) = stack.pop() {
        stack.extend(part.subparts.iter());
        if part.ctype.mimetype.eq_ignore_ascii_case("message/rfc822")
            && depth < 3
            && let Ok(inner) = part.get_body_raw()
        {
            out.extend(attached_to(&inner, depth + 1));
            continue;
        }
        let disposition = part.get_content_disposition();
        let name = disposition
            .params
            .get("filename")
            .cloned()
            .or_else(|| part.ctype.params.get("name").cloned());
        if let Some(name) = name
            && name.to_lowercase().ends_with(".xlsx")
            && let Ok(body) = part.get_body_raw()
        {
            out.push((name, body));
        }
    }
    out
}
