//! The reply cycle (issue 11): what each reply led to (対応区分), through the real binary
//! on a real SQLite file, and the upgrade of a database whose replies had no outcome.

use assert_cmd::Command;
use meyasu::config::Seed;
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
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("meyasu").unwrap();
        c.env("MEYASU_DB", self.db())
            .env("MEYASU_TODAY", "2024-03-20")
            .env("MEYASU_USER", "tanaka")
            .env_remove("MEYASU_SEED_DIR")
            .env_remove("MEYASU_SECTION")
            .args(["--lang", "ja"]);
        c
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn fail(&self, args: &[&str]) -> (i32, String) {
        let out = self.cmd().args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stderr).unwrap(),
        )
    }
}

/// A new slip asked of 区民課 and 総務課; its number.
fn slip(e: &Env, text: &str) -> String {
    let out = e.ok(&[
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
    e.ok(&["assign", &id, "kumin", "somu", "--due", "2024-03-15"]);
    id
}

#[test]
fn a_reply_records_its_outcome_by_code_or_name_and_keeps_it() {
    let e = Env::new();
    let id = slip(&e, "窓口の番号札の表示が見えにくい");
    e.ok(&[
        "reply",
        &id,
        "kumin",
        "--text",
        "表示を大きくしました。",
        "--outcome",
        "改善した",
    ]);
    e.ok(&[
        "reply",
        &id,
        "somu",
        "--text",
        "検討します。",
        "--outcome",
        "Will consider",
    ]);
    let shown = e.ok(&["show", &id]);
    assert!(shown.contains("対応区分 改善した"), "{shown}");
    assert!(shown.contains("対応区分 検討する"), "{shown}");
    // Writing the text again without --outcome keeps the outcome on record.
    e.ok(&[
        "reply",
        &id,
        "kumin",
        "--text",
        "表示を大きくし、色も変えました。",
    ]);
    assert!(e.ok(&["show", &id]).contains("対応区分 改善した"));
    // list --outcome finds it by either; report --by outcome counts each reply once.
    assert!(e.ok(&["list", "--outcome", "improved"]).contains("番号札"));
    assert!(!e.ok(&["list", "--outcome", "対応困難"]).contains("番号札"));
    let report = e.ok(&[
        "report", "--fy", "2023", "--by", "outcome", "--format", "csv",
    ]);
    let row = |name: &str| {
        report
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row:\n{report}"))
            .to_string()
    };
    assert!(row("改善した").ends_with(",1"), "{report}");
    assert!(row("検討する").ends_with(",1"), "{report}");
}

#[test]
fn an_unknown_outcome_lists_the_known_ones_and_changes_nothing() {
    let e = Env::new();
    let id = slip(&e, "ベンチを増やしてほしい");
    let (code, err) = e.fail(&[
        "reply",
        &id,
        "kumin",
        "--text",
        "増やします。",
        "--outcome",
        "やった",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("対応区分「やった」はありません"), "{err}");
    assert!(
        err.contains("改善した (improved)") && err.contains("参考 (noted)"),
        "{err}"
    );
    let s = Store::open(&e.db(), &Seed::embedded()).unwrap();
    assert!(
        s.detail(id.parse().unwrap()).unwrap().replies.is_empty(),
        "nothing written"
    );
    drop(s);
    let (_, err) = e.fail(&["list", "--outcome", "やった"]);
    assert!(err.contains("使える対応区分"), "{err}");
}

#[test]
fn replies_written_before_outcomes_keep_none() {
    let e = Env::new();
    let id = slip(&e, "傘立てを置いてほしい");
    e.ok(&["reply", &id, "kumin", "--text", "置きました。"]);
    // Make the file what schema 7 wrote: no outcome table, no column.
    let c = rusqlite::Connection::open(e.db()).unwrap();
    c.execute_batch(
        "PRAGMA foreign_keys = OFF;
         ALTER TABLE reply DROP COLUMN outcome;
         DROP TABLE outcome;
         PRAGMA user_version = 7;",
    )
    .unwrap();
    drop(c);
    let s = Store::open(&e.db(), &Seed::embedded()).unwrap();
    let d = s.detail(id.parse().unwrap()).unwrap();
    assert_eq!(d.replies[0].outcome, None, "none is invented");
    assert_eq!(
        s.catalog().outcomes.len(),
        6,
        "the list is seeded on the upgrade"
    );
    drop(s);
    assert!(e.ok(&["show", &id]).contains("対応区分 未設定"));
    assert!(e.ok(&["list", "--outcome", "未設定"]).contains("傘立て"));
}
