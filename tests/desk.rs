//! What a month at the desk found (issue "the desk"): each finding driven through the
//! real binary, with sheets filled in LibreOffice Calc where a section fills one.

mod common;

use common::office::{Office, fill_with};

/// A sheet row with only 対応区分 chosen is said as such (an outcome alone is not a
/// reply), not passed over as 未回答（空欄）.
#[test]
fn a_row_with_only_an_outcome_says_so() {
    let o = Office::new();
    let id = o.add(
        "2024-03-20",
        "2024-03-01",
        "ベビーカー置き場がほしい",
        &["jido"],
        "2024-04-05",
    );
    let issued = o.dir.join("issued");
    o.ok(
        "2024-03-20",
        &["request", "--sheets", issued.to_str().unwrap()],
    );
    let sheet = std::fs::read_dir(&issued)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let filled = o.dir.join("filled.xlsx");
    let edits = serde_json::json!({"rows": [{"key": id, "answer": "", "outcome": "改善した"}]});
    fill_with(
        &sheet,
        &filled,
        &edits,
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_711_000_000),
    );
    let plan = o.ok(
        "2024-03-25",
        &["--lang", "ja", "collect", filled.to_str().unwrap()],
    );
    assert!(plan.contains("対応区分だけが記入されています"), "{plan}");
    assert!(!plan.contains("未回答（空欄）"), "{plan}");
}

/// `publication hide` on a slip already published says it is out already, since when,
/// and what hiding it does and does not do.
#[test]
fn hiding_a_published_slip_says_it_is_out_already() {
    let o = Office::new();
    let id = o.add(
        "2024-03-01",
        "2024-03-01",
        "案内板が見やすくなった",
        &["kumin"],
        "2024-03-15",
    );
    let n = id.to_string();
    o.ok(
        "2024-03-05",
        &["reply", &n, "kumin", "--text", "ありがとうございます。"],
    );
    o.ok("2024-03-08", &["status", &n, "published"]);
    let out = o.ok("2024-03-20", &["--lang", "ja", "publication", &n, "hide"]);
    assert!(out.contains("2024-03-08 に公表済みです"), "{out}");
    assert!(out.contains("手で外してください"), "{out}");
    // A slip not published yet: no such word.
    let other = o.add(
        "2024-03-01",
        "2024-03-01",
        "トイレが遠い",
        &["kumin"],
        "2024-03-15",
    );
    let out = o.ok(
        "2024-03-20",
        &["--lang", "ja", "publication", &other.to_string(), "hide"],
    );
    assert!(!out.contains("公表済みです"), "{out}");
}
