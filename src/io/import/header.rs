//! The header step: which column of a file is which.

use super::Col;
use crate::error::{Error, Result};
use crate::i18n::{Msg, fill, lang};

/// Where each [`Col`] is in a file (0-based), read from its header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub(super) at: [Option<usize>; Col::ALL.len()],
    /// Headers not read.
    pub ignored: Vec<String>,
}

impl Layout {
    /// The column `c` is in (0-based), if the file has it.
    pub fn of(&self, c: Col) -> Option<usize> {
        self.at[c as usize]
    }
}

/// The header step: which column is which. A column named twice, or one of 受付日・階・
/// 種別・内容 missing, refuses the file.
pub fn layout(file: &str, header_line: u64, headers: &[String]) -> Result<Layout> {
    let l = lang();
    let mut out = Layout::default();
    for (i, h) in headers.iter().enumerate() {
        match Col::from_header(h) {
            Some(c) if out.of(c).is_none() => out.at[c as usize] = Some(i),
            // The same column twice: which one holds the data cannot be known.
            Some(c) => {
                return Err(Error::Input {
                    file: file.into(),
                    line: header_line,
                    column: i + 1,
                    field: h.clone(),
                    reason: fill(Msg::ErrColumnTwice, l, &[&c.header()]),
                });
            }
            _ if h.trim().is_empty() => {}
            _ => out.ignored.push(h.clone()),
        }
    }
    let missing: Vec<&str> = [Col::Received, Col::Floor, Col::Kind, Col::Body]
        .into_iter()
        .filter(|c| out.of(*c).is_none())
        .map(Col::header)
        .collect();
    if !missing.is_empty() {
        return Err(Error::Input {
            file: file.into(),
            line: header_line,
            column: 1,
            field: String::new(),
            reason: fill(Msg::ErrMissingColumns, l, &[&missing.join("・")]),
        });
    }
    Ok(out)
}
