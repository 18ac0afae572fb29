//! Import (CSV in UTF-8, UTF-8 with BOM and Shift_JIS; xlsx), export round trips,
//! the masked public list, and backup/restore, through the library and the binary.

mod common;

use assert_cmd::Command;
use meyasu::config::Seed;
use meyasu::store::{Filter, Store};
use std::path::{Path, PathBuf};

const CSV: &str = "受付日,階,種別,担当課,状況,内容,回答,回答日,要旨
2024-02-10,1階,要望,区民課;保険年金課,回答済,\"待合の椅子を
増やしてほしい\",\"【区民課】増やしました。
【保険年金課】案内しました。\",\"【区民課】2024-02-20
【保険年金課】2024-02-21\",椅子の増設
令和6年2月12日,２,苦情,,,\"=1+1 という落書き\",,,
R6.2.13,3F,thanks,,受付,ありがとう😊,,,
";

struct Env {
    dir: common::Dir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: common::Dir::new(),
        }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn cmd(&self, db: &str) -> Command {
        let mut c = common::meyasu();
        c.env("MEYASU_DB", self.path(db))
            .env("MEYASU_TODAY", "2024-03-01")
            .env("MEYASU_USER", "kato")
            .args(["--lang", "ja"]);
        c
    }
    fn ok(&self, db: &str, args: &[&str]) -> String {
        let o = self.cmd(db).args(args).output().unwrap();
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }
    fn err(&self, db: &str, args: &[&str]) -> String {
        let o = self.cmd(db).args(args).output().unwrap();
        assert!(!o.status.success(), "{args:?} should fail");
        String::from_utf8(o.stderr).unwrap()
    }
    fn store(&self, db: &str) -> Store {
        Store::open(&self.path(db), &Seed::embedded()).unwrap()
    }
    fn write(&self, name: &str, bytes: &[u8]) -> String {
        std::fs::write(self.path(name), bytes).unwrap();
        self.path(name).display().to_string()
    }
}

fn count(s: &Store) -> u64 {
    s.count(&Filter::default()).unwrap()
}

fn check_imported(s: &Store) {
    assert_eq!(count(s), 3);
    let d = s.detail(1).unwrap();
    assert_eq!(d.slip.body, "待合の椅子を\n増やしてほしい");
    assert_eq!(d.slip.sections, ["kumin", "hoken"]);
    assert_eq!(d.slip.status, meyasu::domain::Status::Answered);
    assert_eq!(d.slip.summary.as_deref(), Some("椅子の増設"));
    assert_eq!(d.replies.len(), 2);
    assert_eq!(d.replies[1].text, "案内しました。");
    assert_eq!(d.replies[1].replied_on.to_string(), "2024-02-21");
    assert_eq!(d.history[0].action, "imported");
    let two = s.slip(2).unwrap();
    assert_eq!((two.floor.as_str(), two.kind.as_str()), ("2F", "complaint"));
    assert_eq!(two.received_on.to_string(), "2024-02-12");
    assert_eq!(two.body, "=1+1 という落書き");
    assert_eq!(s.slip(3).unwrap().body, "ありがとう😊");
}

#[test]
fn csv_in_utf8_bom_and_shift_jis() {
    let e = Env::new();
    let plain = e.write("plain.csv", CSV.as_bytes());
    let out = e.ok("a.db", &["import", &plain]);
    assert!(
        out.contains("3 件を取り込みました（文字コード UTF-8）"),
        "{out}"
    );
    check_imported(&e.store("a.db"));

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(CSV.as_bytes());
    let bom = e.write("bom.csv", &bom);
    assert!(e.ok("b.db", &["import", &bom]).contains("UTF-8 (BOM)"));
    check_imported(&e.store("b.db"));

    let text = CSV.replace("😊", "！");
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!bad);
    let sjis = e.write("sjis.csv", &sjis);
    assert!(e.ok("c.db", &["import", &sjis]).contains("Shift_JIS"));
    assert_eq!(e.store("c.db").slip(3).unwrap().body, "ありがとう！");
}

#[test]
fn xlsx_with_real_date_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let e = Env::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["date", "floor", "kind", "text", "section"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date_fmt = Format::new().set_num_format("yyyy/mm/dd");
    ws.write_datetime_with_format(
        1,
        0,
        ExcelDateTime::from_ymd(2024, 2, 10).unwrap(),
        &date_fmt,
    )
    .unwrap();
    ws.write_number(1, 1, 1.0).unwrap(); // floor typed as a number
    ws.write_string(1, 2, "要望").unwrap();
    ws.write_string(1, 3, "エクセルから").unwrap();
    ws.write_string(1, 4, "区民課").unwrap();
    ws.write_string(2, 0, "令和6年3月1日").unwrap();
    ws.write_string(2, 1, "5階").unwrap();
    ws.write_string(2, 2, "意見").unwrap();
    ws.write_string(2, 3, "二行目").unwrap();
    let path = e.path("in.xlsx");
    wb.save(&path).unwrap();
    let out = e.ok("x.db", &["import", path.to_str().unwrap()]);
    assert!(out.contains("2 件"), "{out}");
    let s = e.store("x.db");
    let one = s.slip(1).unwrap();
    assert_eq!(one.received_on.to_string(), "2024-02-10");
    assert_eq!(one.floor, "1F");
    assert_eq!(
        one.status,
        meyasu::domain::Status::Assigned,
        "a section means assigned"
    );
    // 14 days after 2024-02-10 is Saturday 24 February: due the next office day.
    assert_eq!(one.due_on.unwrap().to_string(), "2024-02-26");
    assert_eq!(s.slip(2).unwrap().received_on.to_string(), "2024-03-01");
}

#[test]
fn one_bad_row_imports_nothing_and_names_line_and_column() {
    let e = Env::new();
    e.ok("a.db", &["add", "--floor", "1", "--kind", "要望", "既存"]);
    let bad = CSV.replace("R6.2.13,3F,thanks", "R6.2.13,屋上,thanks");
    let path = e.write("bad.csv", bad.as_bytes());
    let err = e.err("a.db", &["import", &path]);
    assert!(
        err.contains("1 件の問題があるため、何も取り込んでいません"),
        "{err}"
    );
    // The quoted multi-line cells of the first slip make the third start on line 7.
    assert!(err.contains("bad.csv の 7 行目 2 列（階）"), "{err}");
    assert!(err.contains("階「屋上」はありません"), "{err}");
    assert_eq!(count(&e.store("a.db")), 1, "nothing was imported");

    let three = e.write(
        "three.csv",
        "受付日,階,種別,内容\n2024-13-01,1,要望,a\n2024-01-02,1,なぞ,b\n2024-01-03,1,要望,\n"
            .as_bytes(),
    );
    let err = e.err("a.db", &["import", &three]);
    assert!(err.contains("3 件の問題"), "{err}");
    for place in [
        "2 行目 1 列（受付日）",
        "3 行目 3 列（種別）",
        "4 行目 4 列（内容）",
    ] {
        assert!(err.contains(place), "{place}: {err}");
    }
    let missing = e.write("missing.csv", "日付,内容\n2024-01-01,x\n".as_bytes());
    let err = e.err("a.db", &["import", &missing]);
    assert!(err.contains("必要な列がありません: 階・種別"), "{err}");

    let answered_without_reply = e.write(
        "nr.csv",
        "受付日,階,種別,内容,担当課,状況\n2024-01-05,1,要望,x,区民課,公表済\n".as_bytes(),
    );
    let err = e.err("a.db", &["import", &answered_without_reply]);
    assert!(err.contains("2 行目") && err.contains("kumin"), "{err}");
    let garbage = e.write("bin.csv", &[0x82, 0xFF, 0x82, 0xFF, 0x00]);
    assert!(
        e.err("a.db", &["import", &garbage])
            .contains("文字コードを判別できません")
    );
    assert_eq!(count(&e.store("a.db")), 1);
}

#[test]
fn dry_run_and_duplicates() {
    let e = Env::new();
    let path = e.write("in.csv", CSV.as_bytes());
    let out = e.ok("a.db", &["import", "--dry-run", &path]);
    assert!(
        out.contains("3 件を取り込めます") && out.contains("何も書き込んでいません"),
        "{out}"
    );
    assert!(!e.path("a.db").exists(), "a dry run creates no database");
    e.ok("a.db", &["import", &path]);
    let out = e.ok("a.db", &["import", &path]);
    assert!(out.contains("0 件を取り込みました"), "{out}");
    assert!(out.contains("登録済みの投書と同じ 3 件"), "{out}");
    assert_eq!(count(&e.store("a.db")), 3);
    // A row repeated inside one file.
    let twice = format!("{CSV}2024-03-01,1,要望,,,同じ,,,\n2024-03-01,1,要望,,,同じ,,,\n");
    let path = e.write("twice.csv", twice.as_bytes());
    let out = e.ok("a.db", &["import", &path]);
    assert!(
        out.contains("1 件を取り込みました") && out.contains("ファイル内で重複する 1 件"),
        "{out}"
    );
}

fn comparable(json: &str) -> Vec<serde_json::Value> {
    let v: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    v.into_iter()
        .map(|s| {
            let replies: Vec<_> = s["replies"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| serde_json::json!([r["section"], r["text"], r["replied_on"]]))
                .collect();
            serde_json::json!([
                s["received_on"],
                s["floor"],
                s["kind"],
                s["body"],
                s["summary"],
                s["status"],
                s["due_on"],
                s["sections"],
                s["no_publish"],
                replies
            ])
        })
        .collect()
}

#[test]
fn export_then_import_gives_the_same_slips() {
    let e = Env::new();
    e.ok("a.db", &["demo"]);
    // Make it harder: a formula-like text, a hidden slip, different replies per section.
    e.ok(
        "a.db",
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "その他",
            "--summary",
            "+要旨",
            "--text=-- 先頭が記号 --",
        ],
    );
    e.ok("a.db", &["publication", "80", "hide"]);
    e.ok("a.db", &["assign", "80", "kumin", "hoken"]);
    e.ok("a.db", &["reply", "80", "kumin", "--text", "@区民課の回答"]);
    e.ok(
        "a.db",
        &[
            "reply",
            "80",
            "hoken",
            "--text",
            "別の回答",
            "--date",
            "2024-02-28",
        ],
    );
    let want = comparable(&e.ok("a.db", &["export", "--format", "json"]));
    for (file, db) in [("all.csv", "b.db"), ("all.xlsx", "c.db")] {
        let path = e.path(file);
        e.ok("a.db", &["export", "-o", path.to_str().unwrap()]);
        // The demo runs to 28 March 2024, after these tests' today (1 March).
        let out = e.ok(db, &["import", "--allow-future", path.to_str().unwrap()]);
        assert!(out.contains("80 件を取り込みました"), "{file}: {out}");
        let got = comparable(&e.ok(db, &["export", "--format", "json"]));
        assert_eq!(got, want, "{file}");
    }
    // The CSV escapes formula-like cells; the importer undoes it.
    let csv = std::fs::read_to_string(e.path("all.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(
        csv.contains("'-- 先頭が記号 --") && csv.contains("'+要旨"),
        "{csv}"
    );
    // Filters work as in list.
    let j: Vec<serde_json::Value> = serde_json::from_str(&e.ok(
        "a.db",
        &[
            "export",
            "--format",
            "json",
            "--section",
            "区民課",
            "--month",
            "2024-02",
        ],
    ))
    .unwrap();
    assert!(
        !j.is_empty()
            && j.iter()
                .all(|s| s["sections"].to_string().contains("kumin"))
    );
}

#[test]
fn public_list_masks_personal_data_and_leaves_the_database_alone() {
    let e = Env::new();
    let body = "窓口の山田さんに助けられました。電話０４４－１２３－４５６７、メール taro@example.jp、〒213-0001 高津区溝口1-2-3 の者です。";
    e.ok(
        "a.db",
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "お礼",
            "--date",
            "2023-05-01",
            body,
        ],
    );
    e.ok("a.db", &["assign", "1", "kumin"]);
    e.ok(
        "a.db",
        &[
            "reply",
            "1",
            "kumin",
            "--text",
            "山田にも伝えました。044-999-0000 までどうぞ。",
        ],
    );
    e.ok("a.db", &["mask", "1", "山田さん"]);
    assert!(
        e.err("a.db", &["mask", "1", "鈴木"])
            .contains("「鈴木」はこの投書の内容にありません")
    );
    e.ok(
        "a.db",
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "苦情",
            "--date",
            "2023-05-02",
            "非公表にする投書",
        ],
    );
    e.ok("a.db", &["assign", "2", "kumin"]);
    e.ok("a.db", &["reply", "2", "kumin", "--text", "回答"]);
    e.ok("a.db", &["publication", "2", "hide"]);
    e.ok(
        "a.db",
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "苦情",
            "--date",
            "2023-05-03",
            "未回答の投書",
        ],
    );

    let html = e.ok("a.db", &["publish", "--fiscal-year", "2023"]);
    assert!(
        html.contains("窓口の●●●に助けられました。電話●●●、メール ●●●、●●● ●●● の者です。"),
        "{html}"
    );
    // A reply is the office's words: its number is there to be called (only what the
    // clerk marked would be masked in it).
    assert!(
        html.contains("山田にも伝えました。044-999-0000 までどうぞ。"),
        "{html}"
    );
    assert!(!html.contains("非公表にする投書") && !html.contains("未回答の投書"));
    assert!(html.contains("<title>高津区役所"));
    let csv = e.ok(
        "a.db",
        &["publish", "--fy", "2023", "--format", "csv", "--no-bom"],
    );
    assert_eq!(csv.lines().count(), 2, "header + one slip: {csv}");
    // The database keeps the text as written.
    assert_eq!(e.store("a.db").slip(1).unwrap().body, body);
    let show = e.ok("a.db", &["show", "2"]);
    assert!(show.contains("［公表しない］"), "{show}");
}

fn slips_in(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT count(*) FROM slip", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn backup_while_another_connection_writes_then_restore() {
    let e = Env::new();
    e.ok("live.db", &["demo"]);
    let live = e.path("live.db");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let live = live.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut s = Store::open(&live, &Seed::embedded()).unwrap();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && n < 2000 {
                s.add_slip(&meyasu::store::NewSlip {
                    received_on: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
                    floor: "1F".into(),
                    kind: "other".into(),
                    body: format!("書き込み中 {n}"),
                    summary: None,
                })
                .unwrap();
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(30));
    let backup = e.path("copy.db");
    let out = e.ok("live.db", &["backup", backup.to_str().unwrap()]);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(out.contains("バックアップしました"), "{out}");
    let in_backup = slips_in(&backup);
    assert!(
        in_backup >= 79 && in_backup <= 79 + written as i64,
        "{in_backup}"
    );
    let check: String = rusqlite::Connection::open(&backup)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // A backup never overwrites.
    assert!(
        e.err("live.db", &["backup", backup.to_str().unwrap()])
            .contains("同じ名前のファイル")
    );

    // Restore asks first; without a terminal it needs --yes.
    assert!(
        e.err("live.db", &["restore", backup.to_str().unwrap()])
            .contains("--yes")
    );
    assert_eq!(slips_in(&live), 79 + written as i64, "unchanged");
    let out = e.ok("live.db", &["restore", "--yes", backup.to_str().unwrap()]);
    assert!(out.contains("復元しました"), "{out}");
    assert_eq!(slips_in(&live), in_backup);
    let a = e.ok("live.db", &["export", "--format", "json"]);
    let b = {
        let mut c = common::meyasu();
        let o = c
            .env("MEYASU_DB", &backup)
            .args(["export", "--format", "json"])
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert_eq!(a, b, "restored database equals the backup");
    // The replaced database was kept aside.
    let kept: Vec<_> = std::fs::read_dir(e.dir.path())
        .unwrap()
        .filter_map(|f| f.ok())
        .filter(|f| f.file_name().to_string_lossy().contains("before-restore"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(slips_in(&kept[0].path()), 79 + written as i64);
}

#[test]
fn restore_refuses_a_damaged_or_foreign_file() {
    let e = Env::new();
    e.ok("live.db", &["demo"]);
    let junk = e.write(
        "junk.db",
        b"this is not a database at all, just text........",
    );
    let err = e.err("live.db", &["restore", "--yes", &junk]);
    assert!(err.contains("junk.db"), "{err}");
    let other = e.path("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    let err = e.err("live.db", &["restore", "--yes", other.to_str().unwrap()]);
    assert!(err.contains("meyasu のデータベースではありません"), "{err}");
    assert_eq!(slips_in(&e.path("live.db")), 79);
}

#[test]
fn a_backup_is_taken_before_a_schema_migration() {
    let e = Env::new();
    let path = e.path("old.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        // A version-1 database, as the first release wrote it.
        let v1 =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/store/schema.sql"))
                .unwrap();
        c.execute_batch(&v1).unwrap();
        c.execute_batch(
            "INSERT INTO floor (code, name) VALUES ('1F', '1階');
             INSERT INTO kind (code, name) VALUES ('other', 'その他');
             INSERT INTO setting VALUES ('seeded', '2023-01-01');
             INSERT INTO slip (received_on, floor, kind, body, created_at, updated_at)
               VALUES ('2023-05-01', '1F', 'other', '古い投書', 'x', 'x');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let s = Store::open(&path, &Seed::embedded()).unwrap();
    assert_eq!(s.slip(1).unwrap().body, "古い投書");
    assert!(!s.slip(1).unwrap().no_publish);
    let backups: Vec<_> = std::fs::read_dir(e.dir.path())
        .unwrap()
        .filter_map(|f| f.ok())
        .filter(|f| f.file_name().to_string_lossy().contains(".schema1-"))
        .collect();
    assert_eq!(backups.len(), 1);
    let v: i64 = rusqlite::Connection::open(backups[0].path())
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "the copy is the database as it was");
}

fn indexes(path: &Path) -> Vec<(String, String)> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut stmt = c
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_large_import_leaves_the_same_indexes() {
    let e = Env::new();
    e.ok("fresh.db", &["init"]);
    let path = e.write("in.csv", CSV.as_bytes());
    e.ok("big.db", &["import", &path]); // more rows than the empty table: indexes rebuilt
    assert_eq!(indexes(&e.path("big.db")), indexes(&e.path("fresh.db")));
    assert_eq!(
        indexes(&e.path("big.db")).len(),
        10,
        "7, slip_voided since schema 4, template_by_section since schema 11, reply_by_state since 13"
    );
    let c = rusqlite::Connection::open(e.path("big.db")).unwrap();
    let fk: Vec<String> = c
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(fk.is_empty(), "{fk:?}");
}

/// Slip text goes out without control or bidi characters in every file a person or
/// another program reads (the database keeps the text as written).
#[test]
fn public_list_export_and_report_carry_no_control_characters() {
    let e = Env::new();
    let nasty = "駐輪場\u{1b}]0;pwned\u{7}が狭い\u{9b}31m \u{202e}txt.exe\u{7f}";
    let mut s = e.store("a.db");
    let id = s
        .add_slip(&meyasu::store::NewSlip {
            received_on: chrono::NaiveDate::from_ymd_opt(2023, 5, 1).unwrap(),
            floor: "1F".into(),
            kind: "request".into(),
            body: nasty.into(),
            summary: None,
        })
        .unwrap();
    s.assign(
        id,
        &["kumin".into()],
        chrono::NaiveDate::from_ymd_opt(2023, 5, 15).unwrap(),
        None,
    )
    .unwrap();
    s.reply(
        id,
        "kumin",
        nasty,
        chrono::NaiveDate::from_ymd_opt(2023, 5, 10).unwrap(),
        None,
    )
    .unwrap();
    drop(s);
    // meyasu now takes control characters out on input; text written before that (or by
    // another program) may still hold them, so put them back as such a database would.
    let c = rusqlite::Connection::open(e.path("a.db")).unwrap();
    c.execute("UPDATE slip SET body = ?1", [nasty]).unwrap();
    c.execute("UPDATE reply SET text = ?1", [nasty]).unwrap();
    drop(c);
    let bad = |t: &str| {
        t.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\r')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
    };
    for args in [
        &["publish", "--fy", "2023", "--format", "csv"][..],
        &["publish", "--fy", "2023", "--format", "html"],
        &["export", "--format", "csv"],
        &["report", "--fy", "2023", "--format", "csv"],
        &["report", "--fy", "2023"],
    ] {
        let out = e.ok("a.db", args);
        assert!(!bad(&out), "{args:?}: {out:?}");
        if args[0] != "report" {
            assert!(out.contains("駐輪場␛]0;pwned␇が狭い"), "{args:?}: {out}");
        }
    }
    let xlsx = e.path("x.xlsx");
    e.ok("a.db", &["export", "-o", xlsx.to_str().unwrap()]);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = calamine::Reader::worksheet_range_at(&mut wb, 0)
        .unwrap()
        .unwrap();
    for cell in range.used_cells() {
        assert!(!bad(&cell.2.to_string()), "{:?}", cell.2);
    }
    assert_eq!(
        e.store("a.db").slip(id).unwrap().body,
        nasty,
        "kept as written"
    );
}

/// A backup is one file: nothing beside it for a nightly rotation to leave behind.
#[test]
fn a_backup_is_one_self_contained_file() {
    let e = Env::new();
    e.ok("a.db", &["add", "--floor", "1", "--kind", "要望", "椅子"]);
    let dir = e.path("backups");
    let dest = dir.join("nightly.db");
    e.ok("a.db", &["backup", dest.to_str().unwrap()]);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["nightly.db"]);
    assert_eq!(slips_in(&dest), 1);
}
