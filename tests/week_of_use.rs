//! What a week of use tripped on (issue 20), through the real binary on a real SQLite
//! file: only an approved reply is an answer in every figure; the outcome table counts
//! each section's reply once; the summary paragraph names its units.

use assert_cmd::Command;
use meyasu::config::Seed;
use meyasu::domain::Dimension;
use meyasu::i18n::Lang;
use meyasu::report::{Period, build};
use meyasu::store::Store;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("m.db")
    }
    fn cmd(&self, section: Option<&str>) -> Command {
        let mut c = Command::cargo_bin("meyasu").unwrap();
        c.env("MEYASU_DB", self.db())
            .env("MEYASU_TODAY", "2024-03-20")
            .env("MEYASU_USER", "tanaka")
            .env_remove("MEYASU_SEED_DIR")
            .env_remove("MEYASU_SECTION")
            .args(["--lang", "ja"]);
        if let Some(s) = section {
            c.env("MEYASU_SECTION", s);
        }
        c
    }
    fn run(&self, section: Option<&str>, args: &[&str]) -> String {
        let out = self.cmd(section).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn ok(&self, args: &[&str]) -> String {
        self.run(None, args)
    }
    fn add(&self, text: &str, sections: &[&str]) -> String {
        let out = self.ok(&[
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
            "--date",
            "2024-03-01",
            text,
        ]);
        let id: String = out
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let mut args = vec!["assign", id.as_str()];
        args.extend(sections);
        args.extend(["--due", "2024-03-15"]);
        self.ok(&args);
        id
    }
    fn store(&self) -> Store {
        Store::open(&self.db(), &Seed::embedded()).unwrap()
    }
}

/// Slip 1 asked of three sections: 区民課's reply approved (late), 総務課's waiting for
/// review, 保険年金課's sent back. Slip 2 asked of 区民課 alone, answered by the team on
/// time. One slip with no section.
fn week() -> (Env, String, String) {
    let e = Env::new();
    let one = e.add("待合の椅子が足りない", &["kumin", "somu", "hoken"]);
    let two = e.add("番号札の表示が見えにくい", &["kumin"]);
    e.ok(&[
        "add",
        "--floor",
        "1",
        "--kind",
        "お礼",
        "--date",
        "2024-03-02",
        "ありがとう",
    ]);
    for (sec, text) in [
        ("kumin", "椅子を増やします。"),
        ("somu", "確認します。"),
        ("hoken", "対応します。"),
    ] {
        e.run(
            Some(sec),
            &["reply", &one, sec, "--text", text, "--date", "2024-03-18"],
        );
    }
    e.ok(&["approve", &one, "kumin"]);
    e.ok(&[
        "return",
        &one,
        "hoken",
        "--reason",
        "具体的な時期を書いてください",
    ]);
    e.ok(&[
        "reply",
        &two,
        "kumin",
        "--text",
        "表示を大きくしました。",
        "--outcome",
        "improved",
        "--date",
        "2024-03-10",
    ]);
    (e, one, two)
}

#[test]
fn only_an_approved_reply_counts_in_the_report() {
    let (e, _, _) = week();
    let s = e.store();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
    let r = build(
        &s,
        Period::FiscalYear(2023),
        Dimension::Section,
        Lang::Ja,
        today,
    )
    .unwrap();
    let row = |code: &str| r.replies.iter().find(|x| x.section == code).unwrap();
    let kumin = row("kumin");
    assert_eq!((kumin.assigned, kumin.replied, kumin.late), (2, 2, 1));
    // Received 1 March: replies on the 18th and the 10th.
    assert_eq!(kumin.avg_days, Some(13.0));
    let somu = row("somu");
    assert_eq!(
        (somu.assigned, somu.replied, somu.waiting, somu.overdue),
        (1, 0, 1, 0),
        "a reply waiting for review is the team's turn, not overdue for the section"
    );
    assert_eq!(somu.avg_days, None, "a waiting reply has no reply time yet");
    let hoken = row("hoken");
    assert_eq!(
        (hoken.assigned, hoken.replied, hoken.returned, hoken.overdue),
        (1, 0, 1, 1),
        "a returned reply is still owed, and past due"
    );
    assert_eq!(hoken.avg_days, None);
    // The month table: four items due in March, two replies given (approved), and the
    // three that were not answered by the 15th are late.
    let march = r.due.iter().find(|d| d.month == "2024-03").unwrap();
    assert_eq!((march.due, march.answered, march.late), (4, 2, 3));

    // The text report shows the columns apart.
    let text = e.ok(&["report", "--fy", "2023", "--by", "section"]);
    assert!(
        text.contains("承認待ち") && text.contains("差し戻し") && text.contains("回答遅延"),
        "{text}"
    );
}

#[test]
fn the_outcome_table_counts_each_sections_reply_once() {
    let (e, _, _) = week();
    let s = e.store();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
    let r = build(
        &s,
        Period::FiscalYear(2023),
        Dimension::Outcome,
        Lang::Ja,
        today,
    )
    .unwrap();
    let total = |label: &str| {
        r.rows
            .iter()
            .find(|x| x.label == label)
            .unwrap_or_else(|| panic!("no row {label}: {:?}", r.rows))
            .total
    };
    assert_eq!(total("改善した"), 1);
    assert_eq!(
        total("未設定"),
        1,
        "区民課's approved reply without outcome"
    );
    assert_eq!(total("（承認待ち）"), 1);
    assert_eq!(total("（差し戻し）"), 1);
    assert_eq!(total("（担当課なし）"), 1);
    let sum: u64 = r.rows.iter().map(|x| x.total).sum();
    assert_eq!(sum, r.items.total, "the rows add up to the section items");
    assert_eq!(r.items.total, 5);
    let text = e.ok(&["report", "--fy", "2023", "--by", "outcome"]);
    assert!(text.contains("課ごとの回答を1件と数えます"), "{text}");
}

#[test]
fn the_summary_paragraph_names_its_units() {
    let (e, _, _) = week();
    let out = e.ok(&["report", "--fy", "2023", "--summary"]);
    assert!(
        out.contains("寄せられた意見・要望等は3件"),
        "three slips: {out}"
    );
    assert!(
        out.contains("投書2件について担当課へ延べ4件の回答を依頼し、2件に回答がありました。"),
        "{out}"
    );
    assert!(
        out.contains("ほかに承認待ちの回答が1件、差し戻した回答が1件あります。"),
        "{out}"
    );
    // Two kinds: an order. With one kind only, no order is claimed.
    assert!(out.contains("の順でした"), "{out}");
    let one = Env::new();
    one.add("椅子が足りない", &["kumin", "somu"]);
    let out = one.ok(&["report", "--fy", "2023", "--summary"]);
    assert!(
        out.contains("種別はすべて要望でした") && !out.contains("の順でした"),
        "{out}"
    );
    assert!(out.contains("投書1件について担当課へ延べ2件"), "{out}");
}
