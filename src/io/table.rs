//! Reading a spreadsheet-like file into rows of text: CSV in UTF-8 (with or without
//! BOM) or Shift_JIS/CP932 as Japanese Excel saves it, and xlsx.

use std::path::Path;

use calamine::{Data, Reader};

use std::io::Read;

use crate::error::{Error, FileProblem, Result};
use crate::i18n::{Msg, tr};
use crate::sheet::unescape_formula;

/// A file's header, and its rows read one at a time (each with its line in a CSV file or
/// its row in a sheet), so that a large file is never held as cells all at once.
pub struct Table {
    /// File name for messages.
    pub file: String,
    /// Line of the header.
    pub header_line: u64,
    /// Column headers.
    pub headers: Vec<String>,
    /// The text encoding found (`UTF-8`, `UTF-8 (BOM)`, `Shift_JIS`, `xlsx`).
    pub encoding: &'static str,
    rows: Rows,
    /// Lines (or sheet rows) after the header: at least the number of rows.
    rows_hint: usize,
}

/// Where a table's rows come from.
enum Rows {
    /// CSV text, parsed record by record.
    Csv(CsvRows),
    /// A sheet's rows, already read by the xlsx reader.
    Cells(std::vec::IntoIter<(u64, Vec<String>)>),
}

/// A CSV reader over the whole (UTF-8) text, with the line where its last record began.
struct CsvRows {
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
    record: csv::StringRecord,
    /// Byte offset and line of the last record read, to count lines on from there.
    at: (usize, u64),
}

impl CsvRows {
    /// The next record that holds any text, with its line, or `None` at the end.
    fn next(&mut self, file: &str) -> Result<Option<(u64, Vec<String>)>> {
        loop {
            let more = self.reader.read_record(&mut self.record).map_err(|e| {
                let line = e.position().map_or(0, |p| self.line_at(p.byte()));
                file_error(file, line, e.to_string())
            })?;
            if !more {
                return Ok(None);
            }
            let start = self.record.position().map(|p| p.byte());
            let line = start.map_or(0, |b| self.line_at(b));
            if self.record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cells = self
                .record
                .iter()
                .map(|c| unescape_formula(c).to_string())
                .collect();
            return Ok(Some((line, cells)));
        }
    }

    /// The line a record starting at `byte` is on (the csv crate's own count skips blank
    /// lines). Records come in order, so newlines are counted on from the last one.
    fn line_at(&mut self, byte: u64) -> u64 {
        let bytes = self.reader.get_ref().get_ref();
        // A record's position may point at blank lines skipped before it.
        let mut b = (byte as usize).min(bytes.len());
        while b < bytes.len() && matches!(bytes[b], b'\n' | b'\r') {
            b += 1;
        }
        let (from, line) = self.at;
        if b < from {
            return line;
        }
        let line = line + bytes[from..b].iter().filter(|&&c| c == b'\n').count() as u64;
        self.at = (b, line);
        line
    }
}

impl Table {
    /// The next row (line and cells), `None` after the last. A CSV row with more or fewer
    /// cells than the header, or the header again, refuses the file with its line.
    pub fn next_row(&mut self) -> Result<Option<(u64, Vec<String>)>> {
        let Some((line, cells)) = (match &mut self.rows {
            Rows::Csv(r) => r.next(&self.file)?,
            Rows::Cells(r) => r.next(),
        }) else {
            return Ok(None);
        };
        if matches!(self.rows, Rows::Csv(_)) {
            if cells == self.headers {
                return Err(file_error(
                    &self.file,
                    line,
                    tr(Msg::ErrHeaderRepeated).into(),
                ));
            }
            if cells.len() != self.headers.len() {
                return Err(file_error(
                    &self.file,
                    line,
                    crate::i18n::fill(
                        Msg::ErrCellCount,
                        crate::i18n::lang(),
                        &[&self.headers.len(), &cells.len()],
                    ),
                ));
            }
        }
        Ok(Some((line, cells)))
    }

    /// At least as many as the rows still to come (the file's lines after the header),
    /// for choosing how to load them.
    pub fn rows_hint(&self) -> usize {
        self.rows_hint
    }
}

impl Iterator for Table {
    type Item = Result<(u64, Vec<String>)>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row().transpose()
    }
}

fn file_error(file: &str, line: u64, reason: String) -> Error {
    Error::Input {
        file: file.into(),
        line,
        column: 1,
        field: String::new(),
        reason,
    }
}

/// The largest file meyasu reads: `MEYASU_MAX_FILE_MB` mebibytes, else 100 MiB, which
/// is far more than a ward's whole archive (a million slips export to about 300 MiB, a
/// ward's forty years to a few MiB).
pub fn max_file_bytes() -> u64 {
    std::env::var("MEYASU_MAX_FILE_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|mb| *mb > 0)
        .unwrap_or(100)
        .saturating_mul(1024 * 1024)
}

fn file_problem(file: &str, problem: FileProblem) -> Error {
    Error::File {
        file: file.into(),
        problem,
    }
}

/// Check that `path` is a regular file within the size limit before anything reads it.
pub fn check_file(path: &Path) -> Result<u64> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => file_problem(&file, FileProblem::Missing),
        _ => file_problem(&file, FileProblem::Unreadable(e.to_string())),
    })?;
    if meta.is_dir() {
        return Err(file_problem(&file, FileProblem::Directory));
    }
    if !meta.is_file() {
        return Err(file_problem(&file, FileProblem::NotRegular));
    }
    let limit = max_file_bytes();
    if meta.len() > limit {
        return Err(file_problem(
            &file,
            FileProblem::TooLarge {
                size: meta.len(),
                limit,
            },
        ));
    }
    Ok(meta.len())
}

/// Read a whole file, never more than the limit (a file that grows while it is read is
/// refused too).
fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let file = path.display().to_string();
    check_file(path)?;
    let limit = max_file_bytes();
    let mut bytes = vec![];
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| file_problem(&file, FileProblem::Unreadable(e.to_string())))?;
    if bytes.len() as u64 > limit {
        return Err(file_problem(
            &file,
            FileProblem::TooLarge {
                size: bytes.len() as u64,
                limit,
            },
        ));
    }
    Ok(bytes)
}

/// The line of a quote that opens a field and is never closed, if there is one: the csv
/// reader would take everything after it as one cell. Read byte by byte: in UTF-8 a quote,
/// comma or newline byte is never part of another character.
fn unterminated_quote(text: &[u8]) -> Option<u64> {
    let mut line = 1u64;
    let mut at_field_start = true;
    let mut open_at: Option<u64> = None;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        i += 1;
        if open_at.is_some() {
            match c {
                b'"' if text.get(i) == Some(&b'"') => i += 1,
                b'"' => {
                    open_at = None;
                    at_field_start = false;
                }
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match c {
            b'"' if at_field_start => open_at = Some(line),
            b',' => at_field_start = true,
            b'\n' => {
                line += 1;
                at_field_start = true;
            }
            b'\r' => {}
            _ => at_field_start = false,
        }
    }
    open_at
}

/// Decode CSV bytes: UTF-16 by its byte-order mark, UTF-8 with BOM, plain UTF-8, else
/// Shift_JIS (CP932). UTF-8 is kept as it came, not copied.
pub fn decode_owned(mut bytes: Vec<u8>) -> Option<(String, &'static str)> {
    // UTF-16 as Windows' Notepad and some Excel versions save it, by its byte-order mark.
    for (bom, enc, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16BE"),
    ] {
        if bytes.starts_with(bom) {
            let (text, _, had_errors) = enc.decode(&bytes);
            return (!had_errors).then(|| (text.into_owned(), name));
        }
    }
    let name = if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        "UTF-8 (BOM)"
    } else {
        "UTF-8"
    };
    match String::from_utf8(bytes) {
        Ok(s) => Some((s, name)),
        Err(_) if name == "UTF-8 (BOM)" => None,
        Err(e) => {
            let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(e.as_bytes());
            (!had_errors).then(|| (text.into_owned(), "Shift_JIS"))
        }
    }
}

/// [`decode_owned`] of borrowed bytes.
pub fn decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    decode_owned(bytes.to_vec())
}

/// Start reading CSV text as a [`Table`]: the header is the first line that holds any
/// text (blank lines are skipped). A quote never closed refuses the file with its line;
/// a row with more or fewer cells than the header, or the header again in the middle, is
/// refused when [`Table::next_row`] reaches it: each means the file is not what it seems.
pub fn parse_csv(file: &str, text: String, encoding: &'static str) -> Result<Table> {
    if let Some(line) = unterminated_quote(text.as_bytes()) {
        return Err(file_error(file, line, tr(Msg::ErrUnterminatedQuote).into()));
    }
    let rows_hint = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(std::io::Cursor::new(text.into_bytes()));
    let mut rows = CsvRows {
        reader,
        record: csv::StringRecord::new(),
        at: (0, 1),
    };
    let (header_line, headers) = rows
        .next(file)?
        .ok_or_else(|| file_problem(file, FileProblem::Empty))?;
    Ok(Table {
        file: file.into(),
        header_line,
        headers,
        encoding,
        rows: Rows::Csv(rows),
        rows_hint,
    })
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| d.date().to_string())
            .unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Read the first sheet of an xlsx file. Row numbers are the spreadsheet's.
pub fn read_xlsx(path: &Path) -> Result<Table> {
    let file = path.display().to_string();
    check_file(path)?;
    let not_xlsx = |e: String| file_problem(&file, FileProblem::NotXlsx(e));
    // A workbook is a zip: what it holds once unpacked counts against the limit too, so
    // a small file that unpacks to gigabytes is refused before it is unpacked.
    let unpacked = std::fs::File::open(path)
        .map_err(|e| e.to_string())
        .and_then(crate::io::bounded::unpacked_size)
        .map_err(not_xlsx)?;
    let limit = max_file_bytes();
    if unpacked > limit {
        return Err(file_problem(
            &file,
            FileProblem::TooLarge {
                size: unpacked,
                limit,
            },
        ));
    }
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|e: calamine::XlsxError| not_xlsx(e.to_string()))?;
    let first = wb
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| file_problem(&file, FileProblem::Empty))?;
    // Read as a stream with bounds: a cell at XFD1048576 in a small file is refused, not
    // allocated (a dense range from A1 to it would abort the process).
    let bounds = crate::io::bounded::Bounds {
        rows: 1_048_576,
        cols: 64,
    };
    let range = crate::io::bounded::sheet(&mut wb, &first, bounds).map_err(|e| match e {
        crate::io::bounded::Refused::TooFar(r, c) => not_xlsx(crate::i18n::trf(
            crate::i18n::Msg::SheetTooFar,
            &[&(r + 1), &(c + 1)],
        )),
        crate::io::bounded::Refused::Xlsx(e) => not_xlsx(e),
    })?;
    let first_row = range.start().map_or(0, |(r, _)| r) as u64;
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    let mut headers: Option<(u64, Vec<String>)> = None;
    let mut rows = vec![];
    for (i, r) in range.rows().enumerate() {
        // Keep column numbers as in the sheet even when it does not start at column A.
        let mut cells: Vec<String> = vec![String::new(); first_col];
        cells.extend(
            r.iter()
                .map(|c| unescape_formula(&cell_text(c)).to_string()),
        );
        let line = first_row + i as u64 + 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match headers {
            None => headers = Some((line, cells)),
            Some(_) => rows.push((line, cells)),
        }
    }
    let (header_line, headers) = headers.ok_or_else(|| file_problem(&file, FileProblem::Empty))?;
    Ok(Table {
        file,
        header_line,
        headers,
        encoding: "xlsx",
        rows_hint: rows.len(),
        rows: Rows::Cells(rows.into_iter()),
    })
}

/// Read a CSV or xlsx file (by its extension; anything else is read as CSV).
pub fn read(path: &Path) -> Result<Table> {
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        return read_xlsx(path);
    }
    let file = path.display().to_string();
    let bytes = read_bounded(path)?;
    let (text, enc) =
        decode_owned(bytes).ok_or_else(|| file_problem(&file, FileProblem::Encoding))?;
    parse_csv(&file, text, enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_utf8_and_shift_jis() {
        assert_eq!(
            decode("受付日".as_bytes()).unwrap(),
            ("受付日".into(), "UTF-8")
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend("階".as_bytes());
        assert_eq!(decode(&bom).unwrap(), ("階".into(), "UTF-8 (BOM)"));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("内容，①髙橋");
        assert_eq!(decode(&sjis).unwrap(), ("内容，①髙橋".into(), "Shift_JIS"));
        assert!(decode(&[0xFF, 0xFF, 0xFF]).is_none());
    }

    #[test]
    fn csv_lines_are_the_file_lines() {
        let text = "a,b\n\n1,\"two\nlines\"\n\r\n3,4\n".to_string();
        let t = parse_csv("x.csv", text, "UTF-8").unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        let rows: Vec<(u64, Vec<String>)> = t.map(Result::unwrap).collect();
        assert_eq!(rows[0], (3, vec!["1".into(), "two\nlines".into()]));
        assert_eq!(rows[1].0, 6);
    }
}
