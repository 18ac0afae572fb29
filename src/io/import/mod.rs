//! `meyasu import`: a CSV or xlsx file read row by row through small steps, each good
//! slip written at once inside one transaction that commits only if no row anywhere in
//! the file was bad.
//!
//! The steps, each a function a test can call on its own:
//! 1. **decode** ([`super::table`]): bytes to text (UTF-8, Shift_JIS, UTF-16, xlsx) and
//!    text to rows, one at a time, each with its line;
//! 2. **header** ([`layout`]): which column is which;
//! 3. **cells** ([`Steps::cells`]): a row's cells by column, text cleaned and measured;
//! 4. **resolve** ([`Steps::resolve`]): names to codes, dates parsed, replies and
//!    outcomes matched to sections;
//! 5. **check** ([`Steps::check`]): the rules across cells (a status needs its
//!    sections and replies, a due date comes after receipt), giving an [`ImportSlip`];
//! 6. **write** ([`crate::store::Loader`]): duplicates found by key, each new slip
//!    inserted with its audit event.
//!
//! Every problem is reported with its line, column and header; with any, nothing is kept.

mod cells;
mod check;
mod header;
mod pipeline;
mod resolve;
mod steps;
mod summary;

use chrono::NaiveDate;

use super::table::{self, Table};
use crate::error::Result;
use crate::store::Store;

pub use super::columns::Col;
pub use cells::Cells;
pub use header::{Layout, layout};
pub use resolve::Resolved;
pub use steps::{Problems, Steps};
pub use summary::summary;

/// What an import found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Slips imported (on a dry run: that would be).
    pub imported: usize,
    /// Lines already in the database (or earlier in the file): skipped.
    pub duplicates: Vec<(u64, Option<u64>)>,
    /// Headers not read.
    pub ignored_headers: Vec<String>,
    /// Encoding found.
    pub encoding: &'static str,
    /// Cells that held control characters, which were taken out (line, column).
    pub controls_removed: Vec<(u64, usize)>,
}

/// Validate a table against the store without writing: what an import would do, or
/// every problem it would refuse the file for.
pub fn validate(store: &mut Store, table: Table, today: NaiveDate) -> Result<ImportReport> {
    validate_with(store, table, today, false)
}

/// [`validate`], with dates received after today accepted when `allow_future`.
pub fn validate_with(
    store: &mut Store,
    mut table: Table,
    today: NaiveDate,
    allow_future: bool,
) -> Result<ImportReport> {
    let mut steps = Steps::new(store, &table, today, allow_future)?;
    let file = table.file.clone();
    store.load(&file, 0, false, |loader| {
        pipeline::run(&mut steps, &mut table, loader, &mut |_, _| {})
    })
}

/// Read, validate and (unless `dry_run`) import a file, each good row written as it is
/// read, in one transaction that commits only if no row is bad. `progress` hears the
/// line reached and the file's lines.
pub fn import_file(
    store: &mut Store,
    path: &std::path::Path,
    dry_run: bool,
    allow_future: bool,
    today: NaiveDate,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    let mut table = table::read(path)?;
    let mut steps = Steps::new(store, &table, today, allow_future)?;
    let name = path
        .file_name()
        .map_or_else(|| table.file.clone(), |n| n.to_string_lossy().into_owned());
    let hint = table.rows_hint();
    store.load(&name, hint, !dry_run, |loader| {
        pipeline::run(&mut steps, &mut table, loader, &mut progress)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;
    use crate::error::Error;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
    }

    fn steps_for(header: &str) -> Steps {
        let store = Store::open_in_memory(&crate::config::Seed::embedded()).unwrap();
        let table = table::parse_csv("t.csv", format!("{header}\n"), "UTF-8");
        Steps::new(&store, &table.unwrap(), today(), false).unwrap()
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn each_row_step_can_be_called_alone() {
        let mut steps = steps_for("受付日,階,種別,内容,担当課,回答");
        let mut p = Problems::default();
        let cells = steps.cells(
            2,
            row(&[
                "5月1日",
                "１階",
                "要望",
                "駐輪場を\u{7}広く ",
                "区民課",
                "検討します",
            ]),
            &mut p,
        );
        assert_eq!(cells.body, "駐輪場を広く");
        assert_eq!(cells.controls_removed, [4]);
        assert_eq!(cells.get(Col::Sections), (5, "区民課"));
        assert_eq!(cells.get(Col::Due), (0, ""));
        let r = steps.resolve(&cells, &mut p);
        assert_eq!(r.received, NaiveDate::from_ymd_opt(2024, 5, 1));
        assert_eq!(
            (r.floor.as_deref(), r.kind.as_deref()),
            (Some("1F"), Some("request"))
        );
        assert_eq!(r.sections, ["kumin"]);
        assert_eq!(r.replies, [("kumin".into(), "検討します".into(), today())]);
        assert_eq!(r.status, None, "a blank 状況 is the check step's to choose");
        let slip = steps.check(cells, r, &mut p).unwrap();
        assert_eq!(slip.status, Status::Answered);
        assert_eq!(slip.due_on.map(|d| d > slip.received_on), Some(true));
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn the_check_step_finds_what_no_cell_alone_shows() {
        let mut steps = steps_for("受付日,階,種別,内容,担当課,状況,期限");
        let (slip, errors, _) = steps.row(
            7,
            row(&[
                "2024-05-10",
                "1階",
                "要望",
                "暗い",
                "区民課",
                "回答済",
                "2024-05-01",
            ]),
        );
        assert!(slip.is_none());
        let found: Vec<(u64, usize)> = errors
            .iter()
            .map(|e| match e {
                Error::Input { line, column, .. } => (*line, *column),
                other => panic!("{other:?}"),
            })
            .collect();
        // 回答済 without a reply (named at 状況, as the file has no 回答 column), then the
        // 期限 before 受付日: left to right.
        assert_eq!(found, [(7, 6), (7, 7)]);
    }

    #[test]
    fn headers_in_both_languages() {
        assert_eq!(Col::from_header(" 受付日 "), Some(Col::Received));
        assert_eq!(Col::from_header("Received_On"), Some(Col::Received));
        assert_eq!(Col::from_header("ｓｅｃｔｉｏｎ"), Some(Col::Sections));
        assert_eq!(Col::from_header("回答日"), Some(Col::RepliedOn));
        assert_eq!(Col::from_header("備考"), None);
        for c in Col::ALL {
            assert_eq!(Col::from_header(c.header()), Some(c));
        }
    }
}
