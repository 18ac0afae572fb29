//! The reader thread and the writer: rows through the steps on one thread, good slips
//! into the store on the other.

use super::table::Table;
use super::{ImportReport, Steps};
use crate::error::{Error, Result};
use crate::store::{ImportSlip, Loader, Seen};

/// What the row steps made of one row: its line, and [`Steps::row`]'s answer.
type RowDone = (u64, (Option<ImportSlip>, Vec<Error>, Vec<usize>));

/// Every row of `table` through the steps and, while none has been bad, into `loader`;
/// `progress` hears the line reached and the file's lines. Any bad row makes the whole
/// an [`Error::Many`] of every problem in the file.
///
/// The steps run on a second thread, a few hundred rows ahead of the writes, so that
/// reading and checking the file costs no time beside SQLite's.
pub(super) fn run(
    steps: &mut Steps,
    table: &mut Table,
    loader: &mut Loader<'_>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let mut report = ImportReport {
        ignored_headers: steps.ignored_headers().to_vec(),
        encoding: table.encoding,
        ..ImportReport::default()
    };
    let lines = table.rows_hint() + table.header_line as usize;
    let (send, rows) = std::sync::mpsc::sync_channel::<Result<RowDone>>(512);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            loop {
                let done = match table.next_row() {
                    Ok(Some((line, row))) => Ok((line, steps.row(line, row))),
                    Ok(None) => break,
                    Err(e) => Err(e),
                };
                let stop = done.is_err();
                // The writer has stopped (an error of its own): so does the reader.
                if send.send(done).is_err() || stop {
                    break;
                }
            }
        });
        let mut errors: Vec<Error> = vec![];
        let mut n = 0usize;
        for done in rows {
            let (line, (slip, problems, controls)) = done?;
            report
                .controls_removed
                .extend(controls.into_iter().map(|col| (line, col)));
            errors.extend(problems);
            if let Some(slip) = slip {
                match loader.seen(&slip)? {
                    Seen::New if errors.is_empty() => {
                        loader.write(slip)?;
                        report.imported += 1;
                    }
                    Seen::New => report.imported += 1,
                    Seen::InDb => report.duplicates.push((line, None)),
                    Seen::InFile(first) => report.duplicates.push((line, Some(first))),
                }
            }
            n += 1;
            if n.is_multiple_of(1000) {
                progress(line as usize, lines);
            }
        }
        if !errors.is_empty() {
            return Err(Error::Many(errors));
        }
        progress(lines, lines);
        Ok(report)
    })
}
