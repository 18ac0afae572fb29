//! Reading a spreadsheet-like file into rows of text: CSV in UTF-8 (with or without
//! BOM) or Shift_JIS/CP932 as Japanese Excel saves it, and xlsx.

use std::path::Path;

use calamine::{Data, Reader};

use crate::error::{Error, Result};
use crate::i18n::{Lang, lang};
use crate::sheet::unescape_formula;

/// A file's header and rows, each row with its line (CSV) or row (xlsx) number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// File name for messages.
    pub file: String,
    /// Line of the header.
    pub header_line: u64,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows: 1-based line number and cells.
    pub rows: Vec<(u64, Vec<String>)>,
    /// The text encoding found (`UTF-8`, `UTF-8 (BOM)`, `Shift_JIS`, `xlsx`).
    pub encoding: &'static str,
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

/// Decode CSV bytes: UTF-8 with BOM, plain UTF-8, else Shift_JIS (CP932).
pub fn decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .ok()
            .map(|s| (s.to_string(), "UTF-8 (BOM)"));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some((s.to_string(), "UTF-8"));
    }
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    (!had_errors).then(|| (text.into_owned(), "Shift_JIS"))
}

/// Parse CSV text into a [`Table`]. Blank lines are skipped.
pub fn parse_csv(file: &str, text: &str, encoding: &'static str) -> Result<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Line numbers from byte offsets: the csv crate's own count skips blank lines.
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let bytes = text.as_bytes();
    let line_at = |byte: u64| {
        // A record's position may point at blank lines skipped before it.
        let mut b = byte as usize;
        while b < bytes.len() && matches!(bytes[b], b'\n' | b'\r') {
            b += 1;
        }
        newlines.partition_point(|&n| n < b) as u64 + 1
    };
    let mut headers: Option<(u64, Vec<String>)> = None;
    let mut rows = vec![];
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(p.byte()));
            file_error(file, line, e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| line_at(p.byte()));
        let cells: Vec<String> = rec
            .iter()
            .map(|c| unescape_formula(c).to_string())
            .collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match headers {
            None => headers = Some((line, cells)),
            Some(_) => rows.push((line, cells)),
        }
    }
    let (header_line, headers) = headers.ok_or_else(|| {
        file_error(
            file,
            1,
            crate::i18n::tr(crate::i18n::Msg::ErrEmptyFile).into(),
        )
    })?;
    Ok(Table {
        file: file.into(),
        header_line,
        headers,
        rows,
        encoding,
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
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path)
        .map_err(|e: calamine::XlsxError| file_error(&file, 1, e.to_string()))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| file_error(&file, 1, "no sheet".into()))?
        .map_err(|e| file_error(&file, 1, e.to_string()))?;
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
    let (header_line, headers) =
        headers.ok_or_else(|| file_error(&file, 1, "empty sheet".into()))?;
    Ok(Table {
        file,
        header_line,
        headers,
        rows,
        encoding: "xlsx",
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
    let bytes = std::fs::read(path).map_err(|e| file_error(&file, 0, e.to_string()))?;
    let (text, enc) = decode(&bytes).ok_or_else(|| {
        file_error(
            &file,
            1,
            match lang() {
                Lang::Ja => {
                    "文字コードを判別できません（UTF-8 か Shift_JIS で保存してください）。".into()
                }
                Lang::En => "unknown text encoding: save the file as UTF-8 or Shift_JIS.".into(),
            },
        )
    })?;
    parse_csv(&file, &text, enc)
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
        let t = parse_csv("x.csv", "a,b\n\n1,\"two\nlines\"\n3,4\n", "UTF-8").unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(t.rows[0].0, 3);
        assert_eq!(t.rows[1].0, 5);
    }
}
