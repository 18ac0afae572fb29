//! Collecting returned reply sheets (回答票): find them, plan each (binding first, then
//! row by row against the slip now), then record each sheet in one transaction that
//! re-checks every row against what its plan saw. The CLI's `collect` and the TUI's `I`
//! both run this loop.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::io::sheets::{self, Plan};
use crate::store::{Collected, Store};

/// One file found: its plan, or why it was refused whole (in the UI language).
pub type Found = std::result::Result<Plan, String>;

/// Every sheet in `paths` (files, or folders of them), planned, in the order found.
pub fn gather(store: &Store, paths: &[PathBuf], lang: Lang) -> Result<Vec<Found>> {
    let mut out = vec![];
    for path in paths {
        for (name, bytes) in sheets::sheets_in(path)? {
            out.push(sheets::plan(store, &name, &bytes, lang).map_err(|e| e.screen_message(lang)));
        }
    }
    Ok(out)
}

/// The sheets in the `sheet_inbox` folder (the setting), planned: the folder and what
/// was found. No folder set is an error that says how to set one.
pub fn gather_inbox(store: &Store, lang: Lang) -> Result<(String, Vec<Found>)> {
    let folder = store.setting("sheet_inbox")?.unwrap_or_default();
    if folder.is_empty() {
        return Err(Error::NoSheetInbox);
    }
    let found = gather(store, &[Path::new(&folder).to_path_buf()], lang)?;
    Ok((folder, found))
}

/// What recording some plans did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    /// Replies recorded.
    pub recorded: usize,
    /// Rows left alone because their slip or reply changed after the plan was made:
    /// (file, slip).
    pub changed: Vec<(String, i64)>,
}

/// Record each plan's new and changed rows, one transaction per sheet ([`sheets::apply`]),
/// replies dated `today`. A sheet that fails stops here with the error; the sheets
/// recorded before it stay recorded, whole.
pub fn record(store: &mut Store, plans: &[Plan], today: NaiveDate) -> Result<Recorded> {
    let mut out = Recorded::default();
    for plan in plans {
        for (id, fate) in sheets::apply(store, plan, today)? {
            match fate {
                Collected::Recorded => out.recorded += 1,
                Collected::ChangedSincePlan => out.changed.push((plan.file.clone(), id)),
            }
        }
    }
    Ok(out)
}
