//! Bad input, second round (issue 14): files that are not what they seem, dates that
//! cannot be, limits a paper slip never needs. Each through the real binary; each
//! changes nothing.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use assert_cmd::Command;

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
    fn cmd(&self, lang: &str) -> Command {
        let mut c = common::meyasu();
        c.env("MEYASU_DB", self.path("m.db"))
            .env("MEYASU_TODAY", "2024-03-01")
            .env("MEYASU_USER", "kato")
            .args(["--lang", lang]);
        c
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd("ja").args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }
    fn err(&self, lang: &str, args: &[&str]) -> String {
        let out = self.cmd(lang).args(args).assert().failure();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }
    fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.path(name), text).unwrap();
        self.path(name).display().to_string()
    }
    fn slips(&self) -> usize {
        self.ok(&["init"]);
        let out = self.ok(&["list", "--json"]);
        serde_json::from_str::<Vec<serde_json::Value>>(&out)
            .unwrap()
            .len()
    }
}

const HEADER: &str = "受付日,階,種別,内容\n";

fn csv(rows: &[&str]) -> String {
    let mut s = HEADER.to_string();
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

#[cfg(unix)]
#[test]
fn a_device_a_pipe_and_a_folder_are_refused_at_once() {
    let e = Env::new();
    e.ok(&["init"]);
    let start = Instant::now();
    let err = e.err("ja", &["import", "/dev/zero"]);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "it ends by itself"
    );
    assert!(
        err.contains("/dev/zero は普通のファイルではありません"),
        "{err}"
    );
    let fifo = e.path("pipe.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let err = e.err("en", &["import", fifo.to_str().unwrap()]);
    assert!(err.contains("is not a regular file"), "{err}");
    std::fs::create_dir(e.path("adir")).unwrap();
    let err = e.err("ja", &["import", e.path("adir").to_str().unwrap()]);
    assert!(
        err.contains("adir はフォルダです。CSV か xlsx のファイルを指定してください"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    let err = e.err("ja", &["restore", "--yes", "/dev/zero"]);
    assert!(err.contains("普通のファイルではありません"), "{err}");
    assert_eq!(e.slips(), 0);
}

#[test]
fn a_file_over_the_limit_is_refused_with_the_limit_and_how_to_change_it() {
    let e = Env::new();
    let mut big = HEADER.to_string();
    let row = "2024-02-01,1階,要望,駐輪場が狭いです。\n";
    while big.len() < 1_200_000 {
        big.push_str(row);
    }
    let path = e.write("big.csv", &big);
    let out = e
        .cmd("ja")
        .env("MEYASU_MAX_FILE_MB", "1")
        .args(["import", &path])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("大きすぎます") && err.contains("上限 1.0 MiB"),
        "{err}"
    );
    assert!(err.contains("MEYASU_MAX_FILE_MB"), "{err}");
    assert_eq!(e.slips(), 0);
    // Under the default limit the same file goes in.
    e.ok(&["import", &path]);
}

#[test]
fn file_level_errors_read_as_such() {
    let e = Env::new();
    let empty = e.write("empty.csv", "");
    let err = e.err("ja", &["import", &empty]);
    assert!(err.contains("empty.csv: 見出し行がありません"), "{err}");
    assert!(!err.contains("1 列（）"), "{err}");
    let fake = e.write("fake.xlsx", "受付日,階\n");
    let err = e.err("ja", &["import", &fake]);
    assert!(
        err.contains(
            "fake.xlsx は Excel ファイルとして読めません（壊れているか、拡張子だけが .xlsx です）"
        ),
        "{err}"
    );
    let line = err.lines().find(|l| l.contains("fake.xlsx")).unwrap();
    let plain = line.find("読めません").unwrap();
    let library = line.find("Zip").unwrap_or(usize::MAX);
    assert!(plain < library, "the plain sentence first: {line}");
    let err = e.err(
        "en",
        &["import", &e.path("nothere.csv").display().to_string()],
    );
    assert!(err.contains("nothere.csv does not exist"), "{err}");
}

#[test]
fn csv_that_is_not_what_it_seems_imports_nothing() {
    let e = Env::new();
    e.ok(&["init"]);
    let cases = [
        (
            "quote.csv",
            csv(&[
                "2024-02-01,1階,要望,ふつう",
                "2024-02-02,1階,要望,\"閉じない引用符",
            ]),
            "3 行目",
            "引用符",
        ),
        (
            "more.csv",
            csv(&[
                "2024-02-01,1階,要望,ふつう",
                "2024-02-02,1階,要望,駐輪場が狭い,自転車が多すぎる",
            ]),
            "3 行目",
            "見出し 4 列、この行 5 列",
        ),
        (
            "fewer.csv",
            csv(&["2024-02-01,1階,要望"]),
            "2 行目",
            "見出し 4 列、この行 3 列",
        ),
        (
            "twice.csv",
            format!(
                "{}{}",
                csv(&["2024-02-01,1階,要望,一つ目"]),
                csv(&["2024-02-02,1階,要望,二つ目"])
            ),
            "3 行目",
            "見出し行がもう一度",
        ),
    ];
    for (name, text, line, what) in cases {
        let path = e.write(name, &text);
        let err = e.err("ja", &["import", &path]);
        assert!(err.contains(line) && err.contains(what), "{name}: {err}");
        assert_eq!(e.slips(), 0, "{name}: nothing imported");
    }
    // A quoted cell that spans lines and holds "" is fine.
    let path = e.write(
        "fine.csv",
        &csv(&["2024-02-01,1階,要望,\"一行目\n二行目に \"\"引用\"\" も\""]),
    );
    e.ok(&["import", &path]);
    assert_eq!(e.slips(), 1);
}

#[test]
fn dates_that_cannot_be_are_refused_with_the_field_named() {
    let e = Env::new();
    let add = |date: &str| {
        vec![
            "add".to_string(),
            "--floor".into(),
            "1".into(),
            "--kind".into(),
            "要望".into(),
            "--date".into(),
            date.into(),
            "椅子".into(),
        ]
    };
    let args = add("2099-01-01");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let err = e.err("ja", &args);
    assert!(
        err.contains("受付日の 2099-01-01 は今日（2024-03-01）より後")
            && err.contains("--allow-future"),
        "{err}"
    );
    let args = add("1924-02-10");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let err = e.err("en", &args);
    assert!(err.contains("before 1 January 1989"), "{err}");
    assert_eq!(e.slips(), 0);
    // Said on purpose, a future date goes in.
    let mut args = add("2024-03-05");
    args.insert(1, "--allow-future".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    e.ok(&args);
    // A due date before the slip was received.
    let err = e.err("ja", &["assign", "1", "kumin", "--due", "2020-01-01"]);
    assert!(
        err.contains("期限 2020-01-01 が受付日 2024-03-05 より前"),
        "{err}"
    );
    assert!(e.ok(&["show", "1"]).contains("担当課: -"));
    // In an import: the line, the column and the field; nothing imported.
    let path = e.write(
        "dates.csv",
        "受付日,階,種別,内容,担当課,期限\n2024-02-01,1階,要望,ふつう,区民課,2024-02-15\n9999-12-31,1階,要望,遠い未来,,\n2024-02-02,1階,要望,期限が前,区民課,2024-01-01\n",
    );
    let err = e.err("ja", &["import", &path]);
    assert!(err.contains("3 行目 1 列（受付日）"), "{err}");
    assert!(err.contains("4 行目 6 列（期限）"), "{err}");
    assert_eq!(e.slips(), 1, "nothing from the file");
}

#[test]
fn the_entry_form_asks_before_saving_a_future_date() {
    use crossterm::event::KeyCode;
    use meyasu::tui::app::{App, Effect, Field};
    use meyasu::tui::scenes::{ctrl, key};
    let seed = meyasu::config::Seed::embedded();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
    let mut a = App::new(
        meyasu::i18n::Lang::Ja,
        today,
        seed.catalog,
        seed.settings,
        None,
    );
    a.handle_key(key(KeyCode::Char('n')));
    a.handle_key(key(KeyCode::Char('1')));
    a.handle_key(key(KeyCode::Char('2')));
    for c in "椅子".chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
    a.handle_key(key(KeyCode::BackTab));
    a.handle_key(key(KeyCode::BackTab));
    a.handle_key(key(KeyCode::BackTab));
    assert_eq!(a.entry.as_ref().unwrap().focus, Field::Date);
    for c in "2099-01-01".chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
    assert_eq!(a.handle_key(ctrl('s')), Effect::None);
    let err = a
        .entry
        .as_ref()
        .unwrap()
        .error(Field::Date)
        .unwrap()
        .to_string();
    assert!(err.contains("もう一度 Ctrl-S"), "{err}");
    let Effect::Add(new) = a.handle_key(ctrl('s')) else {
        panic!("the second Ctrl-S saves")
    };
    assert_eq!(new.received_on.to_string(), "2099-01-01");
    a.apply(meyasu::tui::app::Outcome::Added(1)); // the next slip: focus on the kind
    // Before 1989: no second chance.
    a.handle_key(key(KeyCode::BackTab));
    a.handle_key(key(KeyCode::BackTab));
    for c in "1924-02-10".chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
    a.handle_key(key(KeyCode::Tab));
    a.handle_key(key(KeyCode::Char('2')));
    for c in "窓口".chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
    assert_eq!(a.handle_key(ctrl('s')), Effect::None);
    assert_eq!(a.handle_key(ctrl('s')), Effect::None);
    let err = a
        .entry
        .as_ref()
        .unwrap()
        .error(Field::Date)
        .unwrap()
        .to_string();
    assert!(err.contains("1989"), "{err}");
}

#[test]
fn limits_a_paper_slip_never_needs() {
    let e = Env::new();
    let long = "長".repeat(5_001);
    let err = e.err(
        "ja",
        &["add", "--floor", "1", "--kind", "要望", "--text", &long],
    );
    assert!(
        err.contains("内容が長すぎます（5001 文字。上限 5000 文字）"),
        "{err}"
    );
    let err = e.err(
        "en",
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
            "--summary",
            &"x".repeat(301),
            "ok",
        ],
    );
    assert!(
        err.contains("Summary is too long (301 characters; the limit is 300)"),
        "{err}"
    );
    assert_eq!(e.slips(), 0);
    e.ok(&["add", "--floor", "1", "--kind", "要望", "椅子"]);
    e.ok(&["assign", "1", "kumin"]);
    let err = e.err(
        "ja",
        &["reply", "1", "kumin", "--text", &"返".repeat(5_001)],
    );
    assert!(err.contains("上限 5000 文字"), "{err}");
    let err = e.err("ja", &["sections", "add", "nagai", &"課".repeat(41)]);
    assert!(err.contains("上限 40 文字"), "{err}");
    // In an import: line and column.
    let path = e.write(
        "long.csv",
        &format!("{HEADER}2024-02-01,1階,要望,{}\n", "長".repeat(5_001)),
    );
    let err = e.err("ja", &["import", &path]);
    assert!(
        err.contains("2 行目 4 列（内容）") && err.contains("上限 5000"),
        "{err}"
    );
    assert_eq!(e.slips(), 1);
}

#[test]
fn control_characters_are_taken_out_on_input_with_a_note() {
    let e = Env::new();
    let out = e
        .cmd("ja")
        .args(["add", "--floor", "1", "--kind", "要望"])
        .write_stdin("\u{feff}駐輪\u{0}場が\u{1b}[31m狭い\u{200b}")
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    // The BOM is read as the encoding mark, as in a file; NUL, ESC and ZWSP are taken out.
    assert!(err.contains("制御文字を 3 個取り除いて"), "{err}");
    let show: serde_json::Value = serde_json::from_str(&e.ok(&["show", "1", "--json"])).unwrap();
    assert_eq!(show["body"], "駐輪場が[31m狭い");
    let err = e.err("ja", &["add", "--floor", "1", "--kind", "要望", "\u{200b}"]);
    assert!(
        err.contains("空"),
        "a text of only a zero-width space is empty: {err}"
    );
    let path = e.write(
        "nul.csv",
        &format!("{HEADER}2024-02-01,1階,要望,ヌル\u{0}文字\n"),
    );
    let out = e.ok(&["import", &path]);
    assert!(
        out.contains("制御文字を 1 か所のセルから取り除きました（行:列 2:4）"),
        "{out}"
    );
    let list = e.ok(&["list", "--search", "ヌル文字"]);
    assert!(list.contains("ヌル文字"), "{list}");
}

/// A small workbook that unpacks to more than the limit is refused before it is unpacked.
#[test]
fn an_xlsx_is_bounded_by_what_it_unpacks_to() {
    let e = Env::new();
    e.ok(&["init"]);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["受付日", "階", "種別", "内容"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..40_000u32 {
        ws.write_string(r, 0, "2024-02-01").unwrap();
        ws.write_string(r, 1, "1階").unwrap();
        ws.write_string(r, 2, "要望").unwrap();
        ws.write_number(r, 3, f64::from(r)).unwrap();
    }
    let path = e.path("bomb.xlsx");
    wb.save(&path).unwrap();
    let packed = std::fs::metadata(&path).unwrap().len();
    assert!(packed < 1024 * 1024, "small on disk: {packed}");
    let out = e
        .cmd("ja")
        .env("MEYASU_MAX_FILE_MB", "1")
        .args(["import", "--dry-run", path.to_str().unwrap()])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("大きすぎます") && err.contains("上限 1.0 MiB"),
        "{err}"
    );
}
