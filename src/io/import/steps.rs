//! The row steps' shared part: what they know of the file and the catalog, the names
//! and dates resolved so far, a row's problems, and a row taken through every step.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::table::Table;
use super::{Cells, Col, Layout, layout};
use crate::config::Settings;
use crate::domain::catalog::Catalog;
use crate::domain::date::parse_date;
use crate::error::{Error, Result};
use crate::i18n::{Lang, lang};
use crate::store::{ImportSlip, Store};

/// The problems of one row: column, its number (1-based) and the reason.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<(Col, usize, String)>);

impl Problems {
    pub(super) fn bad(&mut self, c: Col, col: usize, reason: String) {
        self.0.push((c, col, reason));
    }

    /// Whether the row is good so far.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The row steps for one file: what they need to know (its header, the sections, floors,
/// kinds and outcomes, the reply days, today), and the names and dates met so far, each
/// resolved once: files repeat the same few.
pub struct Steps {
    pub(super) file: String,
    pub(super) headers: Vec<String>,
    pub(super) layout: Layout,
    pub(super) catalog: Catalog,
    pub(super) settings: Settings,
    pub(super) today: NaiveDate,
    pub(super) allow_future: bool,
    pub(super) lang: Lang,
    pub(super) names: HashMap<(Col, String), std::result::Result<String, String>>,
    pub(super) dates: HashMap<String, Option<NaiveDate>>,
}

impl Steps {
    /// The steps for `table` (its header read by [`layout`]) against `store`'s catalog.
    pub fn new(store: &Store, table: &Table, today: NaiveDate, allow_future: bool) -> Result<Self> {
        Ok(Steps {
            layout: layout(&table.file, table.header_line, &table.headers)?,
            file: table.file.clone(),
            headers: table.headers.clone(),
            catalog: store.catalog().clone(),
            settings: store.settings()?,
            today,
            allow_future,
            lang: lang(),
            names: HashMap::new(),
            dates: HashMap::new(),
        })
    }

    /// Headers the file has that meyasu does not read.
    pub fn ignored_headers(&self) -> &[String] {
        &self.layout.ignored
    }

    /// A floor, kind, section or outcome name's code, each name resolved once.
    pub(super) fn code(&mut self, c: Col, given: &str) -> std::result::Result<String, String> {
        if let Some(v) = self.names.get(&(c, given.to_string())) {
            return v.clone();
        }
        let v = match c {
            Col::Floor => self.catalog.resolve_floor(given),
            Col::Kind => self.catalog.resolve_kind(given),
            Col::Outcome => self.catalog.resolve_outcome(given),
            _ => self.catalog.resolve_section(given, false),
        }
        .map_err(|e| crate::error::Error::from(e).message(self.lang));
        self.names.insert((c, given.to_string()), v.clone());
        v
    }

    /// A date as written, each text parsed once.
    pub(super) fn date(&mut self, text: &str) -> Option<NaiveDate> {
        if let Some(d) = self.dates.get(text) {
            return *d;
        }
        let d = parse_date(text, self.today);
        self.dates.insert(text.to_string(), d);
        d
    }

    /// The date in column `c` (`None` when blank; a bad one noted).
    pub(super) fn date_cell(
        &mut self,
        cells: &Cells,
        c: Col,
        p: &mut Problems,
    ) -> Option<NaiveDate> {
        let (col, v) = cells.get(c);
        if v.trim().is_empty() {
            return None;
        }
        let d = self.date(v);
        if d.is_none() {
            let e = Error::BadDate {
                field: c.header().into(),
                input: v.into(),
            };
            p.bad(c, col, e.message(self.lang));
        }
        d
    }

    /// A row through the cells, resolve and check steps: the slip if the row is good, and
    /// its problems as errors with line, column and header (left to right).
    pub fn row(
        &mut self,
        line: u64,
        row: Vec<String>,
    ) -> (Option<ImportSlip>, Vec<Error>, Vec<usize>) {
        let mut p = Problems::default();
        let mut cells = self.cells(line, row, &mut p);
        let mut controls = std::mem::take(&mut cells.controls_removed);
        controls.sort_unstable();
        let resolved = self.resolve(&cells, &mut p);
        let slip = self.check(cells, resolved, &mut p);
        p.0.sort_by_key(|(_, col, _)| *col);
        let errors: Vec<Error> =
            p.0.into_iter()
                .map(|(c, col, reason)| Error::Input {
                    file: self.file.clone(),
                    line,
                    column: col,
                    field: self
                        .headers
                        .get(col.saturating_sub(1))
                        .cloned()
                        .unwrap_or_else(|| c.header().into()),
                    reason,
                })
                .collect();
        (slip.filter(|_| errors.is_empty()), errors, controls)
    }
}
