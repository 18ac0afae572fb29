//! What an import says when it is done, in the UI language.

use super::ImportReport;
use crate::i18n::{Msg, fill, lang};

/// How many runs of duplicate lines a summary names.
const SHOWN_RUNS: usize = 20;

/// What the report says, in the UI language.
pub fn summary(report: &ImportReport, file: &str, dry_run: bool) -> String {
    let l = lang();
    let mut out = vec![fill(
        if dry_run {
            Msg::ImportDry
        } else {
            Msg::ImportDone
        },
        l,
        &[&file, &report.imported, &report.encoding],
    )];
    let in_db: Vec<u64> = report
        .duplicates
        .iter()
        .filter(|(_, first)| first.is_none())
        .map(|(l, _)| *l)
        .collect();
    if !in_db.is_empty() {
        out.push(fill(Msg::ImportInDb, l, &[&in_db.len(), &runs(&in_db)]));
    }
    let in_file: Vec<String> = report
        .duplicates
        .iter()
        .filter_map(|(line, first)| first.map(|f| format!("{line}={f}")))
        .collect();
    if !in_file.is_empty() {
        let mut shown = in_file
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if in_file.len() > 20 {
            shown.push_str(&format!(", …(+{})", in_file.len() - 20));
        }
        out.push(fill(Msg::ImportInFile, l, &[&in_file.len(), &shown]));
    }
    if !report.controls_removed.is_empty() {
        let cells: Vec<String> = report
            .controls_removed
            .iter()
            .take(20)
            .map(|(line, col)| format!("{line}:{col}"))
            .collect();
        out.push(fill(
            Msg::ImportControls,
            l,
            &[&report.controls_removed.len(), &cells.join(", ")],
        ));
    }
    if !report.ignored_headers.is_empty() {
        out.push(fill(
            Msg::ImportIgnored,
            l,
            &[&report.ignored_headers.join("・")],
        ));
    }
    out.join("\n")
}

/// Line numbers as runs: `2–5, 9, 12–13`; after [`SHOWN_RUNS`] runs, the count of the
/// lines left (`…(+3120)`), so that a file imported twice is not a page of numbers.
fn runs(lines: &[u64]) -> String {
    let mut out: Vec<String> = vec![];
    let mut i = 0;
    while i < lines.len() {
        if out.len() == SHOWN_RUNS {
            out.push(format!("…(+{})", lines.len() - i));
            break;
        }
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1] == lines[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            lines[i].to_string()
        } else {
            format!("{}–{}", lines[i], lines[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_lines_are_runs_cut_after_twenty() {
        assert_eq!(runs(&[2, 3, 4, 5, 9, 12, 13]), "2–5, 9, 12–13");
        let every_other: Vec<u64> = (1..=100).map(|i| i * 2).collect();
        let shown = runs(&every_other);
        assert!(shown.starts_with("2, 4, 6"), "{shown}");
        assert!(shown.ends_with("40, …(+80)"), "{shown}");
    }
}
