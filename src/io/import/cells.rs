//! The cells step: a row's cells by column, text cleaned and measured.

use super::{Col, Problems, Steps};
use crate::domain::limits;
use crate::error::Error;
use crate::text::{is_blank, normalize_body, strip_controls};

/// One row's cells by column (the cells step): each column's number (1-based, 0 when the
/// file has no such column) and text, with 内容 and 要旨 cleaned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cells {
    /// The row's line in the file.
    pub line: u64,
    pub(super) at: [(usize, String); Col::ALL.len()],
    /// 内容, normalised ([`normalize_body`]).
    pub body: String,
    /// 要旨, normalised.
    pub summary: String,
    /// Columns whose control characters were taken out.
    pub controls_removed: Vec<usize>,
}

impl Cells {
    /// Column `c`'s number (1-based; 0 when absent) and its text as in the file.
    pub fn get(&self, c: Col) -> (usize, &str) {
        let (col, text) = &self.at[c as usize];
        (*col, text)
    }
}

impl Steps {
    /// The cells step: `row`'s cells by column; control characters taken out of the text
    /// cells (and noted), 内容 and 要旨 normalised and measured against their limits, an
    /// empty 内容 refused.
    pub fn cells(&self, line: u64, mut row: Vec<String>, p: &mut Problems) -> Cells {
        let mut cells = Cells {
            line,
            ..Cells::default()
        };
        for c in Col::ALL {
            if let Some(i) = self.layout.of(c) {
                cells.at[c as usize] = (
                    i + 1,
                    row.get_mut(i).map(std::mem::take).unwrap_or_default(),
                );
            }
        }
        for (c, limit) in [(Col::Body, limits::BODY), (Col::Summary, limits::SUMMARY)] {
            let (col, v) = cells.get(c);
            let controls = strip_controls(v).1 > 0;
            let t = normalize_body(v);
            if controls {
                cells.controls_removed.push(col);
            }
            if let Err((limit, len)) = limits::check(&t, limit) {
                let field = c.header().to_string();
                p.bad(
                    c,
                    col,
                    Error::TooLong { field, limit, len }.message(self.lang),
                );
            }
            match c {
                Col::Body => cells.body = t,
                _ => cells.summary = t,
            }
        }
        if is_blank(&cells.body) {
            p.bad(
                Col::Body,
                cells.get(Col::Body).0,
                Error::EmptyText.message(self.lang),
            );
        }
        let (rcol, rv) = cells.get(Col::Reply);
        let reply_controls = strip_controls(rv).1 > 0;
        if reply_controls {
            cells.controls_removed.push(rcol);
        }
        cells
    }
}
