//! Worksheets read as a stream of cells with bounds, before anything dense is built: a
//! workbook a few kilobytes on disk can name one cell at XFD1048576, and a dense range
//! from A1 to it would ask for hundreds of gigabytes (the process aborts). Every xlsx
//! meyasu reads (an import, a returned reply sheet) goes through here.

use std::io::{Read, Seek};

use calamine::{Cell, Data, Range, Xlsx};

/// How far a sheet may reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// Rows (from the first).
    pub rows: u32,
    /// Columns (from A).
    pub cols: u32,
}

/// The most cells a range may span (its rows × columns, filled or not): a sheet that
/// spans more would take gigabytes as a dense range, whatever its size on disk.
const MAX_AREA: u64 = 25_000_000;

/// Why a sheet was not read.
#[derive(Debug)]
pub enum Refused {
    /// A cell lies beyond the bounds: its (row, column), 0-based.
    TooFar(u32, u32),
    /// The workbook could not be read (the library's words).
    Xlsx(String),
}

/// What a workbook (a zip) holds once unpacked, from its directory, before anything is
/// unpacked: a small file that inflates to gigabytes is refused on this figure, by import
/// and collect alike ([`super::table::max_file_bytes`]).
pub fn unpacked_size<R: Read + Seek>(zipped: R) -> Result<u64, String> {
    let mut z = zip::ZipArchive::new(zipped).map_err(|e| e.to_string())?;
    let mut total = 0u64;
    for i in 0..z.len() {
        total = total.saturating_add(z.by_index_raw(i).map_err(|e| e.to_string())?.size());
    }
    Ok(total)
}

/// The sheet `name` of `wb` as a range, read cell by cell; the first cell beyond
/// `bounds` stops the reading, refused.
pub fn sheet<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    name: &str,
    bounds: Bounds,
) -> Result<Range<Data>, Refused> {
    let mut reader = wb
        .worksheet_cells_reader(name)
        .map_err(|e| Refused::Xlsx(e.to_string()))?;
    let mut cells = vec![];
    let (mut far_r, mut far_c) = (0u64, 0u64);
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| Refused::Xlsx(e.to_string()))?
    {
        let (r, c) = cell.get_position();
        far_r = far_r.max(u64::from(r));
        far_c = far_c.max(u64::from(c));
        if r >= bounds.rows || c >= bounds.cols || (far_r + 1) * (far_c + 1) > MAX_AREA {
            return Err(Refused::TooFar(r, c));
        }
        let value: Data = cell.get_value().clone().into();
        if value != Data::Empty {
            cells.push(Cell::new((r, c), value));
        }
    }
    Ok(Range::from_sparse(cells))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook of two cells, A1 and XFD1048576: refused, not allocated.
    #[test]
    fn a_cell_far_away_is_refused_before_anything_dense_is_built() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "a").unwrap();
        ws.write_string(1_048_575, 16_383, "z").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut x: Xlsx<_> = calamine::Reader::new(std::io::Cursor::new(bytes)).unwrap();
        let name = calamine::Reader::sheet_names(&x)[0].clone();
        let far = sheet(
            &mut x,
            &name,
            Bounds {
                rows: 1000,
                cols: 64,
            },
        );
        assert!(
            matches!(far, Err(Refused::TooFar(1_048_575, 16_383))),
            "{far:?}"
        );
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(2, 1, "ok").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut x: Xlsx<_> = calamine::Reader::new(std::io::Cursor::new(bytes)).unwrap();
        let name = calamine::Reader::sheet_names(&x)[0].clone();
        let r = sheet(
            &mut x,
            &name,
            Bounds {
                rows: 1000,
                cols: 64,
            },
        )
        .unwrap();
        assert_eq!(r.get_value((2, 1)), Some(&Data::String("ok".into())));
    }
}
