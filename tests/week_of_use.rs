//! What a week of use tripped on (issue 20), through the real binary on a real SQLite
//! file: only an approved reply is an answer in every figure; the outcome table counts
//! each section's reply once; the summary paragraph names its units.

mod common;

use assert_cmd::Command;
use meyasu::config::Seed;
use meyasu::domain::Dimension;
use meyasu::i18n::Lang;
use meyasu::report::{Period, build};
use meyasu::store::Store;

struct Env {
    dir: common::Dir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: common::Dir::new(),
        }
    }
    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("m.db")
    }
    fn cmd(&self, section: Option<&str>) -> Command {
        let mut c = common::meyasu();
        c.env("MEYASU_DB", self.db())
            .env("MEYASU_TODAY", "2024-03-20")
            .env("MEYASU_USER", "tanaka")
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
        if !sections.is_empty() {
            let mut args = vec!["assign", id.as_str()];
            args.extend(sections);
            args.extend(["--due", "2024-03-15"]);
            self.ok(&args);
        }
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

/// `/etc/meyasu/config.toml` (here through `MEYASU_CONFIG`) names the database and the
/// language for accounts, cron jobs and services that have neither `MEYASU_DB` nor a
/// Japanese `LANG`; `--db` and `--lang` still win; a bad file is refused, named.
#[test]
fn a_host_wide_config_names_the_database_and_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    let conf = dir.path().join("config.toml");
    std::fs::write(&conf, format!("db = \"{}\"\nlang = \"ja\"\n", db.display())).unwrap();
    let run = |conf: &std::path::Path, args: &[&str]| {
        let out = common::meyasu()
            .env_clear()
            .env("HOME", dir.path())
            .env("MEYASU_CONFIG", conf)
            .env("MEYASU_TODAY", "2024-03-20")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, out, err) = run(&conf, &["init"]);
    assert_eq!(code, 0, "{err}");
    assert!(db.exists(), "the database named in the config: {out}");
    assert!(out.contains("作りました"), "Japanese without LANG: {out}");
    let (_, _, err) = run(&conf, &["list"]);
    assert!(err.contains("該当する投書はありません"), "{err}");
    let (_, _, err) = run(&conf, &["--lang", "en", "list"]);
    assert!(err.contains("No slips match"), "--lang wins: {err}");
    // A mistyped key, a language it does not know, a device instead of a file.
    for (text, says) in [
        ("database = \"/x\"\n", "unknown field"),
        ("lang = \"fr\"\n", "ja or en"),
    ] {
        std::fs::write(&conf, text).unwrap();
        let (code, _, err) = run(&conf, &["list"]);
        assert_eq!(code, 2, "{text}: {err}");
        assert!(err.contains("config.toml"), "{err}");
        assert!(err.contains(says), "{says}: {err}");
    }
    let (code, _, err) = run(std::path::Path::new("/dev/zero"), &["list"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("/dev/zero"), "{err}");
}

/// A backup of a group-shared database (0660) is group-readable, so a colleague can run
/// the restore drill; a second backup the same day fails unless `--force` replaces it;
/// a backup onto a link to the database is refused.
#[cfg(unix)]
#[test]
fn backups_follow_the_database_mode_and_a_rerun_can_replace_them() {
    use std::os::unix::fs::PermissionsExt;
    let e = Env::new();
    e.add("窓口の案内が分かりにくい", &["kumin"]);
    std::fs::set_permissions(e.db(), std::fs::Permissions::from_mode(0o660)).unwrap();
    let dest = e.dir.path().join("meyasu-2024-03-20.db");
    let d = dest.to_str().unwrap();
    e.ok(&["backup", d]);
    let mode = std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660);
    let out = e.cmd(None).args(["backup", d]).output().unwrap();
    assert!(!out.status.success(), "a second backup needs --force");
    e.add("二通目", &["kumin"]);
    e.ok(&["backup", "--force", d]);
    let n: i64 = rusqlite::Connection::open(&dest)
        .unwrap()
        .query_row("SELECT count(*) FROM slip", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2, "replaced by the newer backup");
    let link = e.dir.path().join("link.db");
    std::os::unix::fs::symlink(e.db(), &link).unwrap();
    let out = e
        .cmd(None)
        .args(["backup", "--force", link.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let n: i64 = rusqlite::Connection::open(e.db())
        .unwrap()
        .query_row("SELECT count(*) FROM slip", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2, "the database is untouched");
}

/// `list --status` takes the tabs' words (完了 is 公表済 and 回答不要, 期限超過 the open
/// slips past due); a liaison replies without naming their section again; the team may
/// leave the section out for a slip with one; a slip with several says which to name.
#[test]
fn tab_words_in_list_and_the_section_left_out_of_reply() {
    let e = Env::new();
    e.add("窓口の案内が分かりにくい", &["kumin"]);
    e.add("駐輪場が狭い", &["somu", "kumin"]);
    e.add("待合の椅子が足りない", &[]);
    e.ok(&["status", "3", "no_reply", "--reason", "要望ではない"]);
    let ids = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["list", "--json"];
        a.extend_from_slice(args);
        let v: serde_json::Value = serde_json::from_str(&e.ok(&a)).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].to_string())
            .collect()
    };
    assert_eq!(
        ids(&["--status", "完了"]),
        ids(&["--status", "published,no_reply"])
    );
    assert_eq!(ids(&["--status", "完了"]), vec!["3"]);
    assert_eq!(ids(&["--status", "依頼中"]).len(), 2);
    let out = e
        .cmd(None)
        .args(["list", "--status", "終わり"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success());
    assert!(
        err.contains("タブの名前も使えます: 未処理・依頼中・期限超過"),
        "{err}"
    );
    // A liaison: the section is theirs.
    let out = e.run(Some("kumin"), &["reply", "1", "--text", "案内を直します。"]);
    assert!(out.contains("区民課"), "{out}");
    // The team, a slip with one section: that one.
    e.add("エレベーターが遅い", &["somu"]);
    let out = e.ok(&["reply", "4", "--text", "点検します。"]);
    assert!(out.contains("総務課"), "{out}");
    // Several: name one.
    let out = e
        .cmd(None)
        .args(["reply", "2", "--text", "検討します。"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success());
    assert!(err.contains("投書 2 には担当課が複数あります"), "{err}");
    assert!(
        err.contains("総務課 (somu)") && err.contains("区民課 (kumin)"),
        "{err}"
    );
    // A liaison refused a command hears every one they may run.
    let out = e.cmd(Some("kumin")).args(["report"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(err.contains("templates"), "{err}");
}

/// With the UI in Japanese (`LANG=ja_JP.UTF-8`, `--lang ja`, or the host-wide config), the
/// shell's argument errors are Japanese sentences naming the argument, with clap's
/// suggestion and where help is; exit 2 as before. English stays clap's own.
#[test]
fn argument_errors_speak_japanese() {
    let run = |lang: &str, args: &[&str]| {
        let out = common::meyasu()
            .env("LANG", lang)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, err) = run("ja_JP.UTF-8", &["lsit"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("「lsit」というコマンドはありません。 もしかして「list」ですか。"),
        "{err}"
    );
    assert!(err.contains("meyasu help"), "{err}");
    let (_, err) = run("ja_JP.UTF-8", &["list", "--stauts", "new"]);
    assert!(
        err.contains("「--stauts」という指定はありません") && err.contains("--status"),
        "{err}"
    );
    let (_, err) = run("C", &["--lang", "ja", "list", "--limit", "x"]);
    assert!(err.contains("--limit <LIMIT> に「x」は使えません"), "{err}");
    let (_, err) = run("C", &["lsit"]);
    assert!(err.contains("unrecognized subcommand"), "{err}");
}
