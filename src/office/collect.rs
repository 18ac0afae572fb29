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
    Refused {
        /// Its name (an .eml's attachment as `mail.eml: 回答票….xlsx`).
        file: String,
        /// Why, with the file named.
        why: String,
    },
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
            if let Some(why) = r.problem {
                let why = format!("{}: {why}", r.name);
                return (r.modified, Found::Refused { file: r.name, why });
            }
            let found = match sheets::plan(store, &r.name, &r.bytes, lang) {
                Ok(p) => Found::Planned(p),
                Err(e) => Found::Refused {
                    file: r.name.clone(),
                    why: e.screen_message(lang),
                },
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

/// The folder inside an inbox that sheets all of whose replies are recorded are moved to.
pub const FILED: &str = "処理済";

/// The file on disk a sheet's name stands for (an attachment: its mail).
fn disk_name(name: &str) -> &str {
    name.split_once(": ").map_or(name, |(mail, _)| mail)
}

/// After recording, move each file of the inbox `dir` whose every row is recorded into
/// `dir/処理済/` (made for the team when missing; a name taken there gets `-2`, `-3`…):
/// a sheet whose rows are all recorded (`found` read after the recording), or
/// an older copy of one read instead, and, for a mail, every sheet it carried. A file
/// with a row left empty or refused, or a sheet refused whole, stays for the team. Returns the names
/// moved, so the next collect lists only what is new.
pub fn file_away(dir: &Path, found: &[Found]) -> Result<Vec<String>> {
    use std::collections::BTreeMap;
    let mut files: BTreeMap<&str, bool> = BTreeMap::new();
    for f in found {
        let (name, ok) = match f {
            Found::Planned(p) => (
                p.file.as_str(),
                p.rows.iter().all(|r| {
                    matches!(
                        r.fate,
                        sheets::Fate::New | sheets::Fate::Changed | sheets::Fate::Unchanged
                    )
                }),
            ),
            Found::Superseded { file, .. } => (file.as_str(), true),
            Found::Refused { file, .. } => (file.as_str(), false),
        };
        let e = files.entry(disk_name(name)).or_insert(true);
        *e &= ok;
    }
    let filed = dir.join(FILED);
    let mut moved = vec![];
    for (name, _) in files.into_iter().filter(|(_, ok)| *ok) {
        let from = dir.join(name);
        if !from.is_file() {
            continue;
        }
        crate::files::make_folder(&filed, crate::files::Access::Team).map_err(|e| {
            Error::Write {
                path: filed.clone(),
                cause: e,
            }
        })?;
        let to = free_name(&filed, name);
        std::fs::rename(&from, &to).map_err(|e| Error::Write { path: to, cause: e })?;
        moved.push(name.to_string());
    }
    Ok(moved)
}

/// After recording: read the inbox `dir` again as it stands and file away each file
/// whose every row is now recorded ([`file_away`]). Returns the names moved.
pub fn tidy(store: &Store, dir: &Path, lang: Lang) -> Result<Vec<String>> {
    let found = gather(store, &[dir.to_path_buf()], lang)?;
    file_away(dir, &found)
}

/// `dir/name`, or `dir/stem-2.ext`, `-3`… when taken.
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (1..)
        .map(|n| match n {
            1 => dir.join(name),
            n if ext.is_empty() => dir.join(format!("{stem}-{n}")),
            n => dir.join(format!("{stem}-{n}.{ext}")),
        })
        .find(|p| !p.exists())
        .expect("a free name")
}
