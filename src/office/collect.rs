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

/// One sheet found, and what becomes of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// Read and planned.
    Planned(Plan),
    /// Refused whole, and why (in the UI language).
    Refused(String),
    /// A copy of a sheet found again (the same signature: a second save, 「… (2).xlsx」,
    /// a forwarded mail) older than `newer`, which is read instead.
    Superseded {
        /// This copy's name.
        file: String,
        /// The newer copy read instead.
        newer: String,
    },
}

/// Every sheet in `paths` (files, or folders of them), planned, in the order found.
/// Copies of one sheet (the same signature) are one: the newest by the time its file was
/// saved is read (on equal times the later name), the others said as superseded, so an
/// older save never replaces the correction and each reply is counted once.
pub fn gather(store: &Store, paths: &[PathBuf], lang: Lang) -> Result<Vec<Found>> {
    let mut received = vec![];
    for path in paths {
        received.extend(sheets::sheets_in(path)?);
    }
    let planned: Vec<(Option<std::time::SystemTime>, Found)> = received
        .into_iter()
        .map(|r| {
            let found = match sheets::plan(store, &r.name, &r.bytes, lang) {
                Ok(p) => Found::Planned(p),
                Err(e) => Found::Refused(e.screen_message(lang)),
            };
            (r.modified, found)
        })
        .collect();
    Ok(newest_copies(planned))
}

/// Keep the newest of each sheet's copies; the others become [`Found::Superseded`].
fn newest_copies(found: Vec<(Option<std::time::SystemTime>, Found)>) -> Vec<Found> {
    let mut newest: std::collections::HashMap<String, (Option<std::time::SystemTime>, usize)> =
        std::collections::HashMap::new();
    for (i, (at, f)) in found.iter().enumerate() {
        if let Found::Planned(p) = f {
            let e = newest.entry(p.sheet.clone()).or_insert((*at, i));
            if *at >= e.0 {
                *e = (*at, i);
            }
        }
    }
    let names: Vec<Option<String>> = found
        .iter()
        .map(|(_, f)| match f {
            Found::Planned(p) => Some(p.file.clone()),
            _ => None,
        })
        .collect();
    found
        .into_iter()
        .enumerate()
        .map(|(i, (_, f))| match f {
            Found::Planned(p) => match newest.get(&p.sheet) {
                Some((_, keep)) if *keep != i => Found::Superseded {
                    file: p.file,
                    newer: names[*keep].clone().unwrap_or_default(),
                },
                _ => Found::Planned(p),
            },
            other => other,
        })
        .collect()
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
