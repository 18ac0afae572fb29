//! Reply sheets (回答票): the Excel form a section fills in instead of opening a terminal,
//! and reading it back.
//!
//! Out: one `.xlsx` per section (「回答票_総務課_2024-02-13.xlsx」): the ward, section,
//! date and due date; a framed how-to in plain Japanese; one row per slip (受付番号,
//! 受付日, 階, 種別, the text as a liaison sees it, 期限, the other sections asked, and for
//! a reply sent back its text and the reason); then the cells the section fills: 回答
//! (wrapped, tall), 対応区分 (a drop-down of `outcomes.toml`) and 回答者. Only those cells
//! are unlocked (protection without a password, against accidents: rows may still be
//! inserted, deleted and sorted). A4 landscape, one page wide, the header row repeated.
//!
//! The sheet is bound to its database, section, slips and time of issue by a signature
//! in a hidden sheet: HMAC-SHA256 keyed by a secret the database draws once and never
//! exports. Back in, a sheet edited to claim another section or other slips, or made by
//! another database, is refused whole; then each row is found by its hidden key (the slip
//! number), never by its position, and checked against the slip as it is now.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::i18n::Lang;
use crate::store::Store;

/// The hidden sheet holding what the sheet is bound to.
const BINDING_SHEET: &str = "meyasu";
/// Its first cell, so a workbook is known for one of ours.
const MAGIC: &str = "meyasu-reply-sheet-1";
/// The hidden column's header: the slip number of each row.
const KEY_HEAD: &str = "meyasu-key";
/// The font the sheet is set in (Office's Japanese default; LibreOffice falls back to
/// its own CJK font).
const FONT: &str = "游ゴシック";
/// Where the table's header row is.
const HEAD_ROW: u32 = 7;

/// What a sheet is bound to, as signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The database's id.
    pub db_id: String,
    /// Section code.
    pub section: String,
    /// The slips on it.
    pub ids: Vec<i64>,
    /// For each slip, when the section's reply on record then was written (empty: none),
    /// so a reply written since is never overwritten by the sheet.
    pub stamps: Vec<String>,
    /// When it was made (`YYYY-MM-DD HH:MM:SS`).
    pub issued: String,
    /// `requested` or `reminded`.
    pub kind: String,
    /// For each slip, what it was when the sheet was made ([`slip_key`]: its received
    /// date and a hash of its text), so a number reused after a restore, or a slip
    /// rewritten since, is never answered by the sheet. Empty on sheets made before it
    /// was bound.
    pub slips: Vec<String>,
}

/// What a slip is, for a sheet's binding: its received date and the first 16 hex digits
/// of the SHA-256 of its text (`2024-03-01:1f2e…`).
pub fn slip_key(received_on: &str, body: &str) -> String {
    use sha2::Digest;
    let hash = Sha256::digest(body.as_bytes());
    let hex: String = hash.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{received_on}:{hex}")
}

impl Binding {
    fn message(&self) -> String {
        let ids: Vec<String> = self.ids.iter().map(|i| i.to_string()).collect();
        let mut m = format!(
            "{MAGIC}\n{}\n{}\n{}\n{}\n{}\n{}",
            self.db_id,
            self.section,
            ids.join(","),
            self.issued,
            self.kind,
            self.stamps.join(",")
        );
        // Signed when present; a sheet from before it signed the rest alone.
        if !self.slips.is_empty() {
            m.push('\n');
            m.push_str(&self.slips.join(","));
        }
        m
    }

    fn sign(&self, secret: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key");
        mac.update(self.message().as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn verify(&self, secret: &[u8], signature: &str) -> bool {
        let bytes: Vec<u8> = (0..signature.len() / 2)
            .filter_map(|i| signature.get(2 * i..2 * i + 2))
            .filter_map(|h| u8::from_str_radix(h, 16).ok())
            .collect();
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key");
        mac.update(self.message().as_bytes());
        bytes.len() == 32 && mac.verify_slice(&bytes).is_ok()
    }
}

/// The file name of a section's sheet: 「回答票_総務課_2024-02-13.xlsx」 (characters a
/// Windows file name cannot hold become `_`).
pub fn file_name(store: &Store, section: &str, issued: NaiveDateTime) -> String {
    let name: String = store
        .section_name(section, Lang::Ja)
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("回答票_{name}_{}.xlsx", issued.format("%Y-%m-%d"))
}

/// One section's reply sheet, made: its file name and bytes (and where it was written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetFile {
    /// Section code.
    pub section: String,
    /// 「回答票_総務課_2024-02-13.xlsx」.
    pub name: String,
    /// The workbook.
    pub bytes: Vec<u8>,
    /// Where it was written, if it was.
    pub path: Option<PathBuf>,
}

mod inbox;
mod plan;
mod write;
pub use inbox::{Received, sheets_in};
pub use plan::{Fate, Plan, PlanRow, apply, plan};
pub use write::{make_all, sheet, write_all};
